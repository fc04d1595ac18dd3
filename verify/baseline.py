"""A baseline: accepted variants, each with a reason, that no longer fail a run.

A newsroom adopting `verify` on an existing archive writes a baseline from today's findings
(`verify baseline`), reviews the reasons, and from then on a run fails only on new problems.

In: the file (JSON) and the run's reports. Out: which findings it suppresses, one finding per
entry (two identical misquotations in one article need two entries), matched on the article, the
printed words and the verdict, so a quotation that moves within its article stays accepted while
a changed quotation or a new verdict fails again.

    {"version": 1, "entries": [{"path": "articles/a.md", "quote": "…", "verdict": "altered",
      "source": "rubio-remarks-2025-02-03", "line": 12, "reason": "house style shortens it"}]}
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Mapping

import attrs

from .errors import BaselineError
from .records import DEFAULT_FAIL_ON, DocumentReport, Finding

__all__ = ["BaselineError", "Baseline", "Entry", "is_failure", "failures", "write_baseline"]

VERSION = 1



def _norm(text: str) -> str:
    return " ".join(text.split())


def _key_path(path: str | Path) -> str:
    return os.path.normcase(os.path.abspath(path))


@attrs.frozen
class Entry:
    path: str              # as written in the file (relative to the file's folder)
    quote: str
    verdict: str
    reason: str
    source: str | None = None
    line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"path": self.path, "quote": self.quote, "verdict": self.verdict,
                             "source": self.source, "line": self.line, "reason": self.reason}
        return d


@attrs.frozen
class Baseline:
    entries: tuple[Entry, ...]
    folder: Path                         # paths in entries are relative to it

    def key(self, e: Entry) -> tuple[str, str, str]:
        return (_key_path(self.folder / e.path), _norm(e.quote), e.verdict)

    @classmethod
    def load(cls, path: str | Path) -> "Baseline":
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{p}: no such baseline file (write one with `verify baseline`)") from None
        except (OSError, UnicodeDecodeError) as e:
            raise BaselineError(f"{p}: cannot read ({e})") from None
        except json.JSONDecodeError as e:
            raise BaselineError(f"{p}: not valid JSON (line {e.lineno}: {e.msg})") from None
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            raise BaselineError(f"{p}: expected an object with an \"entries\" list")
        entries = []
        for i, raw in enumerate(data["entries"], start=1):
            if not isinstance(raw, dict):
                raise BaselineError(f"{p}: entry {i} is not an object")
            missing = [k for k in ("path", "quote", "verdict") if not isinstance(raw.get(k), str)]
            if missing:
                raise BaselineError(f"{p}: entry {i} has no {missing[0]!r}")
            reason = raw.get("reason")
            if not isinstance(reason, str) or not reason.strip():
                raise BaselineError(f"{p}: entry {i} ({raw['quote'][:40]!r}) has no reason; "
                                    "say why the variant is accepted")
            line = raw.get("line")
            entries.append(Entry(raw["path"], raw["quote"], raw["verdict"], reason.strip(),
                                 raw.get("source"), line if isinstance(line, int) else None))
        return cls(tuple(entries), p.parent)

    def suppressed(self, reports: Iterable[DocumentReport]) -> dict[Finding, str]:
        """The findings these entries accept -> the entry's reason. Each entry accepts one."""
        left: Counter[tuple[str, str, str]] = Counter(self.key(e) for e in self.entries)
        reasons = {self.key(e): e.reason for e in self.entries}
        out: dict[Finding, str] = {}
        for r in reports:
            rp = _key_path(r.path)
            for f in r.findings:
                k = (rp, _norm(f.quotation.text), f.verdict)
                if left[k] > 0:
                    left[k] -= 1
                    out[f] = reasons[k]
        return out


def is_failure(f: Finding, options: Mapping[str, Any]) -> bool:
    """Does this finding fail the run: its verdict is in fail-on and no baseline entry accepts it."""
    fail_on = options.get("fail_on", DEFAULT_FAIL_ON)
    return f.verdict in fail_on and f not in (options.get("suppressed") or {})


def failures(reports: Iterable[DocumentReport], options: Mapping[str, Any]) -> list[Finding]:
    return [f for r in reports for f in r.findings if is_failure(f, options)]


def write_baseline(path: str | Path, reports: list[DocumentReport], fail_on: tuple[str, ...],
                   reason: str | None = None) -> int:
    """Write a baseline accepting every finding that fails today; reasons already written for
    the same variant in an existing file at `path` are kept. Returns the number of entries."""
    from .store import atomic_write_text

    p = Path(path)
    folder = p.parent.resolve()
    old: dict[tuple[str, str, str], list[str]] = {}
    if p.exists():
        prev = Baseline.load(p)
        for e in prev.entries:
            old.setdefault(prev.key(e), []).append(e.reason)
    default = reason or f"accepted as existing when the baseline was written ({_dt.date.today().isoformat()})"
    entries = []
    for r in reports:
        for f in r.findings:
            if f.verdict not in fail_on:
                continue
            rel = os.path.relpath(os.path.abspath(r.path), folder)
            e = Entry(Path(rel).as_posix(), f.quotation.text, f.verdict, default,
                      f.source.id if f.source else None, f.quotation.line)
            kept = old.get((_key_path(folder / e.path), _norm(e.quote), e.verdict))
            if kept and reason is None:
                e = attrs.evolve(e, reason=kept.pop(0))
            entries.append(e.as_dict())
    atomic_write_text(p, json.dumps({"version": VERSION, "entries": entries}, ensure_ascii=False, indent=1) + "\n")
    return len(entries)
