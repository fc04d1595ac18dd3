"""Markdown output: a pull-request comment (and the GitHub step summary) for a run.

In: the reports and options (fail_on, suppressed, suggestions). Out: a heading that says whether
the run fails, a count per verdict, one section per problem with the printed and the source's
wording, the difference and a suggested correction, and accepted (baseline) variants folded away.
Also home of the small helpers the CI formats share: where a finding sits, and its message.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterable, Mapping, TextIO

from ..baseline import is_failure
from ..records import PASSING, VERDICTS, DocumentReport, Finding, Source
from . import reporter
from .text import _diff_line as diff_summary

__all__ = ["write_markdown", "render_markdown", "region", "message", "diff_summary", "problems", "source_link"]


def region(r: DocumentReport, f: Finding) -> dict[str, int]:
    """1-based start/end line and column of the quotation in the file (end column exclusive)."""
    q = f.quotation
    out = {"startLine": q.line, "startColumn": q.column}
    if r.document is not None and q.file_end > q.file_start:
        el, ec = r.document.line_col(q.file_end)
        out.update(endLine=el, endColumn=ec)
    return out


def source_link(source: Source) -> str | None:
    """The source's web address, when its url field starts with one (some carry a note after it)."""
    first = (source.url or "").split(maxsplit=1)
    url = first[0] if first else ""
    return url if re.match(r"https?://[^\s<>\"]+$", url) else None


def _short(s: str, n: int = 300) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def message(f: Finding, options: Mapping[str, Any]) -> str:
    """One plain-text message for a finding: what is wrong, the source's words, what changed."""
    q = f.quotation
    who = q.speaker or "an unnamed speaker"
    lines = [f"{f.verdict}: “{_short(q.text)}” ({who})"]
    if f.source is not None and f.source_text and f.verdict not in PASSING:
        lines.append(f"source {f.source.id}: “{_short(f.source_text)}”")
        d = diff_summary(f)
        if d:
            lines.append(f"diff: {d}")
    if f.note:
        lines.append(f"note: {f.note}")
    sug = (options.get("suggestions") or {}).get(f)
    if sug:
        lines.append(f"suggested: “{sug}”")
    reason = (options.get("suppressed") or {}).get(f)
    if reason:
        lines.append(f"accepted by the baseline: {reason}")
    return "\n".join(lines)


def problems(reports: Iterable[DocumentReport]) -> list[tuple[DocumentReport, Finding]]:
    """Every finding whose verdict does not pass, in document order."""
    return [(r, f) for r in reports for f in r.findings if f.verdict not in PASSING]


def _cell(s: str) -> str:
    return " ".join(s.split()).replace("|", "\\|")


def _quote_md(s: str) -> str:
    # inline text in a Markdown comment: no accidental emphasis, links or HTML
    s = " ".join(s.split())
    for ch in "\\`*_[]<>|":
        s = s.replace(ch, "\\" + ch)
    return s


def render_markdown(reports: list[DocumentReport], options: Mapping[str, Any]) -> str:
    counts: Counter[str] = Counter(f.verdict for r in reports for f in r.findings)
    failing = [(r, f) for r, f in problems(reports) if is_failure(f, options)]
    accepted = [(r, f) for r, f in problems(reports) if f in (options.get("suppressed") or {})]
    other = [(r, f) for r, f in problems(reports) if not is_failure(f, options) and (r, f) not in accepted]
    nq = sum(counts.values())
    out = []
    if failing:
        out.append(f"### ❌ verify: {len(failing)} misquotation{'s' if len(failing) != 1 else ''} "
                   f"in {len({r.path for r, _ in failing})} of {len(reports)} articles")
    else:
        out.append(f"### ✅ verify: no misquotations in {len(reports)} articles")
    out.append("")
    out.append(f"{nq} quotations checked.")
    out.append("")
    out.append("| verdict | quotations |")
    out.append("|---|---:|")
    for v in VERDICTS:
        if counts[v]:
            out.append(f"| {v}{' ❌' if any(f.verdict == v for _, f in failing) else ''} | {counts[v]} |")
    out.append("")

    def section(r: DocumentReport, f: Finding) -> list[str]:
        q = f.quotation
        lines = [f"**`{r.path}:{q.line}:{q.column}`** — **{f.verdict}**, {_quote_md(q.speaker or 'speaker unknown')}",
                 "", f"> printed: “{_quote_md(q.text)}”"]
        if f.source is not None and f.source_text:
            url = source_link(f.source)
            src = f"[{_quote_md(f.source.id)}](<{url}>)" if url else f"`{f.source.id}`"
            lines += [">", f"> source ({src}): “{_quote_md(f.source_text)}”"]
        d = diff_summary(f)
        if d:
            lines += ["", f"Changed: {_quote_md(d)}"]
        if f.note:
            lines += ["", f"Note: {_quote_md(f.note)}"]
        sug = (options.get("suggestions") or {}).get(f)
        if sug:
            lines += ["", "Suggested wording:", "", "```text", sug, "```"]
        reason = (options.get("suppressed") or {}).get(f)
        if reason:
            lines += ["", f"Accepted by the baseline: {_quote_md(reason)}"]
        return lines + [""]

    if failing:
        out.append("#### Misquotations")
        out.append("")
        for r, f in failing:
            out += section(r, f)
    for title, items in (("Other quotations to look at", other), ("Accepted by the baseline", accepted)):
        if items:
            out.append(f"<details><summary>{title} ({len(items)})</summary>")
            out.append("")
            for r, f in items:
                out += section(r, f)
            out.append("</details>")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


@reporter("markdown")
def write_markdown(reports: Iterable[DocumentReport], out: TextIO, options: dict) -> None:
    out.write(render_markdown(list(reports), options))
