"""Readable output for a terminal: one line per quotation, the source wording under problems."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, TextIO

import typer

from ..records import PASSING, SPEAKER_FROM_SOURCE, DocumentReport, Finding
from ..trace import Provenance, describe_op, via_text
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
        if op.op not in ("replace", "insert", "delete", "reorder"):
            continue
        bits.append(describe_op(op) + (" (!)" if op.significant else ""))
    return "; ".join(bits)


def _statements(prov: Provenance, out: TextIO, style) -> None:
    """Per statement: the source wording, then each variant with its articles, verdict and `via`."""
    if not prov.families:
        return
    multi = sum(1 for fam in prov.families if len({o.path for o in fam.occurrences}) > 1)
    out.write("\n" + style("Statements", bold=True)
              + f": {len(prov.families)} families, {multi} printed by more than one article\n")
    for fam in prov.families:
        npaths = len({o.path for o in fam.occurrences})
        narticles = f"({npaths} article{'s' if npaths != 1 else ''})"
        if fam.verified:
            who = fam.source_speaker or "?"
            out.write(style(f"{fam.id}  {who} [{fam.source_id}]", bold=True) + f"  {narticles}\n")
            out.write(f"  source: “{_short(fam.source_text or '', 220)}”\n")
        else:
            speakers = Counter(o.speaker for o in fam.occurrences if o.speaker)
            who = speakers.most_common(1)[0][0] if speakers else "?"
            out.write(style(f"{fam.id}  {who}", bold=True) + f"  {narticles} "
                      + style("not verified against a primary source", fg="yellow") + "\n")
            top = fam.variants[0]
            tie = ", tied with another wording" if fam.majority_tie else ""
            out.write(f"  most printed: “{_short(top.text, 160)}” ({len(top.paths)} of {npaths} articles{tie})\n")
            if fam.earliest:
                e = fam.occurrence(fam.earliest)
                out.write(f"  earliest dated: “{_short(e.text, 160)}” {e.path} ({e.date.value})\n")
            else:
                out.write("  earliest dated: none of these articles states a date\n")
        for var in fam.variants:
            verdict = var.verdict or "?"
            v = style(f"{verdict:<13}", fg=_COLOURS.get(verdict))
            out.write(f"  {v} “{_short(var.text, 300)}”\n")
            if var.changes:
                out.write(f"                {'; '.join(var.changes)}\n")
            for oid in var.occurrences:
                o = fam.occurrence(oid)
                link = fam.link_of(oid)
                out.write(f"      {o.id}  {o.date.label()}  {via_text(link)}\n")
    for g in prov.syndication:
        first = g.original or g.paths[0]
        rest = ", ".join(p for p in g.paths if p != first)
        order = "" if g.original else " (which came first is unknown)"
        out.write(f"syndicated: {rest} copies {first}{order}, {round(100 * g.similarity)}% of the text shared\n")


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
            if q.speaker_cue == SPEAKER_FROM_SOURCE:
                who += " (named by the source, not the article)"
            src = f" [{f.source.id}]" if f.source else ""
            out.write(f"  {q.line}:{q.column:<5} {v} {who}: “{_short(q.text)}”{src}\n")
            if f.verdict not in PASSING and f.source_text:
                out.write(f"      source: “{_short(f.source_text, 160)}”\n")
                d = _diff_line(f)
                if d:
                    out.write(f"      diff:   {d}\n")
            if f.note and f.verdict not in PASSING:
                out.write(f"      note:   {f.note}\n")
    prov = options.get("provenance")
    if prov is not None:
        _statements(prov, out, style)
    summary = ", ".join(f"{n} {v}" for v, n in sorted(total.items(), key=lambda x: -x[1]))
    out.write(f"{ndocs} documents, {sum(total.values())} quotations" + (f": {summary}" if summary else "") + "\n")
