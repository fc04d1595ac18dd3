"""Score findings against a gold file (the format of dev-gold.jsonl).

A prediction is paired with a gold quotation of the same article (file stem) when their
normalised texts overlap enough; pairs are taken greedily, best overlap (then nearest offset)
first. Lines with `ignore_from` mark where comments or furniture begin: predictions after that
point count neither way.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Iterable

import attrs

from .errors import InputError
from .records import PASSING, DocumentReport

__all__ = ["Scores", "load_gold", "score", "overlap", "MATCH_THRESHOLD"]

MATCH_THRESHOLD = 0.8
_FLAG = {"altered", "paraphrase", "misattributed"}


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = re.sub(r"[“”„«»\"‘’`´]", "'", s)
    return " ".join(re.sub(r"[^\w']+", " ", s).split())


def overlap(a: str, b: str) -> float:
    """Share of the shorter text found in the longer, damped when lengths differ a lot."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return 1.0 if (a or "").strip() and (a or "").strip() == (b or "").strip() else 0.0
    short, long_ = (na, nb) if len(na) <= len(nb) else (nb, na)
    sm = SequenceMatcher(None, short, long_, autojunk=False)
    k = sum(bl.size for bl in sm.get_matching_blocks())
    return k / len(short) * min(1.0, 2 * len(short) / len(long_))


def _same_speaker(pred: str | None, gold: str | None) -> bool | None:
    if not gold:
        return None
    if not pred:
        return False
    g, p = _norm(gold), _norm(pred)
    return g.split()[-1] == p.split()[-1] or g in p or p in g


def load_gold(path: str) -> tuple[dict[str, list[dict]], dict[str, int]]:
    gold: dict[str, list[dict]] = defaultdict(list)
    ignore: dict[str, int] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read gold file ({e})") from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            art = r["article"]
        except (ValueError, KeyError, TypeError):
            raise InputError(f"{path}:{n}: not a gold record (JSON with an 'article' key)") from None
        if "ignore_from" in r:
            ignore[art] = int(r["ignore_from"])
        elif "quote" in r:
            gold[art].append(r)
    return gold, ignore


@attrs.frozen
class Scores:
    precision: float
    recall: float
    f1: float
    speaker_acc: float
    source_acc: float
    verdict_acc: float
    decision_acc: float
    gold: int
    predicted: int
    confusion: dict[tuple[str, str], int]
    misses: list[tuple[str, str, str]]
    wrong: list[tuple[str, str, str, str]]

    def as_dict(self) -> dict[str, Any]:
        d = attrs.asdict(self)
        d["confusion"] = {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())}
        return d


def _rate(c: Counter) -> float:
    n = c[True] + c[False]
    return c[True] / n if n else 0.0


def score(reports: Iterable[DocumentReport], gold: dict[str, list[dict]], ignore: dict[str, int]) -> Scores:
    preds: dict[str, list[dict]] = defaultdict(list)
    for r in reports:
        for f in r.findings:
            preds[Path(r.path).stem].append({
                "text": f.quotation.text, "start": f.quotation.file_start, "speaker": f.quotation.speaker,
                "source": f.source.id if f.source else None, "verdict": f.verdict})
    tp = fp = fn = 0
    spk, src, ver, dec = Counter(), Counter(), Counter(), Counter()
    confusion: Counter = Counter()
    misses, wrong = [], []
    for art in sorted(set(gold) | set(preds)):
        cut = ignore.get(art)
        P, G = preds.get(art, []), gold.get(art, [])
        if cut is not None:   # past the comments/furniture marker nothing counts, either way
            P = [p for p in P if p["start"] < cut]
            G = [g for g in G if g.get("start", 0) < cut]
        pairs = sorted(((round(overlap(p["text"], g["quote"]), 2), -abs(p["start"] - g.get("start", p["start"])), i, j)
                        for i, p in enumerate(P) for j, g in enumerate(G)), reverse=True)
        up, ug = set(), set()
        for s, _, i, j in pairs:
            if s < MATCH_THRESHOLD or i in up or j in ug:
                continue
            up.add(i); ug.add(j)
            p, g = P[i], G[j]
            tp += 1
            if g.get("ambiguous"):
                continue
            ok = _same_speaker(p["speaker"], g.get("speaker"))
            if ok is not None:
                spk[ok] += 1
            src[p["source"] == g.get("source")] += 1
            ver[p["verdict"] == g["verdict"]] += 1
            coarse = lambda v: "pass" if v in PASSING else "flag" if v in _FLAG else "other"
            dec[coarse(p["verdict"]) == coarse(g["verdict"])] += 1
            confusion[(g["verdict"], p["verdict"])] += 1
            if p["verdict"] != g["verdict"]:
                wrong.append((art, g["verdict"], p["verdict"], g["quote"][:70]))
        for j, g in enumerate(G):
            if j not in ug:
                fn += 1
                misses.append((art, g["verdict"], g["quote"][:70]))
        fp += sum(1 for i in range(len(P)) if i not in up)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return Scores(round(prec, 3), round(rec, 3), round(f1, 3), round(_rate(spk), 3), round(_rate(src), 3),
                  round(_rate(ver), 3), round(_rate(dec), 3), tp + fn, tp + fp, dict(confusion), misses, wrong)


def format_scores(s: Scores) -> str:
    lines = [f"missed  {a} [{v}] {q}" for a, v, q in s.misses]
    lines += [f"verdict {a} gold={g} got={p} :: {q}" for a, g, p, q in s.wrong]
    lines.append(f"finding: precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
                 f"(gold {s.gold}, predicted {s.predicted})")
    lines.append(f"speaker accuracy {s.speaker_acc:.3f}  source accuracy {s.source_acc:.3f}  "
                 f"verdict accuracy {s.verdict_acc:.3f}  pass/flag accuracy {s.decision_acc:.3f}")
    verdicts = sorted({g for g, _ in s.confusion} | {p for _, p in s.confusion})
    if verdicts:
        w = max(len(v) for v in verdicts) + 1
        lines.append("confusion (rows gold, columns predicted):")
        lines.append(" " * w + " ".join(f"{v[:6]:>6}" for v in verdicts))
        for g in verdicts:
            lines.append(f"{g:<{w}}" + " ".join(f"{s.confusion.get((g, p), 0) or '.':>6}" for p in verdicts))
    return "\n".join(lines)
