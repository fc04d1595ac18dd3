"""`verify eval`: pairing predictions with gold quotations, and `ignore_from` (past the marker
nothing counts, neither a prediction nor a gold quotation)."""

from __future__ import annotations

import json
from pathlib import Path

from verify.evaluate import format_scores, load_gold, score
from verify.records import DocumentReport, Finding, Quotation


def _report(art: str, quotes: list[tuple[str, int, str | None, str]]) -> DocumentReport:
    findings = tuple(
        Finding(Quotation(path=f"{art}.txt", text=t, start=s, end=s + len(t), kind="inline", parts=((s, s + len(t)),),
                          file_start=s, file_end=s + len(t), speaker=spk), verdict=v)
        for t, s, spk, v in quotes)
    return DocumentReport(f"/x/{art}.txt", findings)


def _gold(tmp_path: Path, rows: list[dict]) -> Path:
    p = tmp_path / "gold.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return p


def test_scores_and_ignore_from_both_ways(tmp_path: Path) -> None:
    gold = _gold(tmp_path, [
        {"article": "a", "start": 10, "quote": "We are going to work together on this", "speaker": "Marco Rubio",
         "source": None, "verdict": "unsourced"},
        {"article": "a", "start": 200, "quote": "No country has ever made such an offer", "speaker": "Marco Rubio",
         "source": None, "verdict": "paraphrase"},
        {"article": "a", "ignore_from": 500},
        {"article": "a", "start": 600, "quote": "a reader's quotation in the comments", "speaker": None,
         "source": None, "verdict": "unsourced"},
    ])
    g, ignore = load_gold(str(gold))
    assert ignore == {"a": 500} and len(g["a"]) == 3
    reports = [_report("a", [
        ("We are going to work together on this,", 10, "Rubio", "unsourced"),   # found, speaker by surname
        ("something nobody said", 100, None, "unsourced"),                      # a false positive
        ("teaser quote after the marker", 700, None, "unsourced"),             # ignored
    ])]
    s = score(reports, g, ignore)
    assert (s.gold, s.predicted) == (2, 2)            # the comment's gold quotation and the teaser left out
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)
    assert s.speaker_acc == 1.0 and s.verdict_acc == 1.0
    assert s.misses == [("a", "paraphrase", "No country has ever made such an offer")]
    text = format_scores(s)
    assert "precision 0.500  recall 0.500  F1 0.500" in text and "missed  a [paraphrase]" in text


def test_bad_gold_line_names_file_and_line(tmp_path: Path, run_cli) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"article": "a", "ignore_from": 5}\nnot json\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Nothing quoted here.\n")
    r = run_cli("eval", gold, tmp_path / "a.txt")
    assert r.code == 2 and f"{gold}:2:" in r.err and len(r.err.strip().splitlines()) == 1
