"""GitHub Actions output: workflow commands that annotate the article lines, plus a summary.

Each problem becomes `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
(`error` when it fails the run, `notice` for other non-passing verdicts). Values are escaped as
@actions/core escapes them, or a `%`, a newline, a `:` or a `,` in a quotation would cut the
command short. GitHub shows only a few annotations per step, so the full Markdown report also
goes to the file named by $GITHUB_STEP_SUMMARY when that is set.
"""

from __future__ import annotations

import os
from typing import Iterable, TextIO

from ..baseline import is_failure
from ..records import DocumentReport
from . import reporter
from .markdown import message, problems, region, render_markdown

__all__ = ["escape_data", "escape_property", "write_github"]


def escape_data(s: str) -> str:
    """The message part, as @actions/core's escapeData."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """A `key=value` property, as @actions/core's escapeProperty."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


@reporter("github")
def write_github(reports: Iterable[DocumentReport], out: TextIO, options: dict) -> None:
    reports = list(reports)
    suppressed = options.get("suppressed") or {}
    for r, f in problems(reports):
        if f in suppressed:
            continue
        level = "error" if is_failure(f, options) else "notice"
        reg = region(r, f)
        props = {"file": r.path.replace(os.sep, "/"), "line": reg["startLine"], "col": reg["startColumn"]}
        if "endLine" in reg:
            props.update(endLine=reg["endLine"], endColumn=reg["endColumn"])
        props["title"] = f"verify: {f.verdict} quotation" + (f" of {f.quotation.speaker}" if f.quotation.speaker else "")
        prop_text = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
        out.write(f"::{level} {prop_text}::{escape_data(message(f, options))}\n")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:   # the runner's file: appended to, not ours
            fh.write(render_markdown(reports, options))
