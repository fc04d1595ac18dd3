"""Readable output for a terminal: one line per quotation, the source wording under problems."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, TextIO

import typer

from ..records import PASSING, DocumentReport, Finding
from . import reporter

__all__ = ["write_text"]

_COLOURS = {"exact": "green", "cosmetic": "green", "elided": "green", "truncated": "green",
            "fragment": "bright_black", "unsourced": "yellow", "translated": "cyan",
            "altered": "red", "paraphrase": "red", "misattributed": "magenta"}


def _short(s: str, n: int = 110) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _diff_line(f: Finding) -> str:
    bits = []
    for op in f.diff:
        if op.op == "cosmetic":
            continue
        if op.op == "replace":
            bits.append(f"“{op.printed}” for “{op.source}”")
        elif op.op == "insert":
            bits.append(f"added “{op.printed}”")
        elif op.op == "delete":
            bits.append(f"dropped “{op.source}”")
        elif op.op == "reorder":
            bits.append("words reordered")
        if op.significant:
            bits[-1] += " (!)"
    return "; ".join(bits)


@reporter("text")
def write_text(reports: Iterable[DocumentReport], out: TextIO, options: dict) -> None:
    colour = bool(options.get("color"))
    fail_on = set(options.get("fail_on") or ())
    style = (lambda s, **k: typer.style(s, **k)) if colour else (lambda s, **k: s)
    total: Counter[str] = Counter()
    ndocs = 0
    for r in reports:
        ndocs += 1
        out.write(style(r.path, bold=True) + f"  ({len(r.findings)} quotations)\n")
        for f in r.findings:
            q = f.quotation
            total[f.verdict] += 1
            v = style(f"{f.verdict:<13}", fg=_COLOURS.get(f.verdict), bold=f.verdict in fail_on)
            who = q.speaker or "?"
            src = f" [{f.source.id}]" if f.source else ""
            out.write(f"  {q.line}:{q.column:<5} {v} {who}: “{_short(q.text)}”{src}\n")
            if f.verdict not in PASSING and f.source_text:
                out.write(f"      source: “{_short(f.source_text, 160)}”\n")
                d = _diff_line(f)
                if d:
                    out.write(f"      diff:   {d}\n")
            if f.note and f.verdict not in PASSING:
                out.write(f"      note:   {f.note}\n")
    summary = ", ".join(f"{n} {v}" for v, n in sorted(total.items(), key=lambda x: -x[1]))
    out.write(f"{ndocs} documents, {sum(total.values())} quotations" + (f": {summary}" if summary else "") + "\n")
