"""JSON lines: one object per quotation, written as each document is checked (streaming)."""

from __future__ import annotations

import json
from typing import Iterable, TextIO

from ..records import DocumentReport
from . import reporter
from .json import finding_dict

__all__ = ["write_jsonl", "render_jsonl"]


def render_jsonl(r: DocumentReport) -> str:
    """The lines of one report: {"path": ..., <the fields of a quotation in the json format>}."""
    return "".join(json.dumps({"path": r.path, **finding_dict(f)}, ensure_ascii=False) + "\n" for f in r.findings)


@reporter("jsonl")
def write_jsonl(reports: Iterable[DocumentReport], out: TextIO, options: dict) -> None:
    """A line per quotation, report by report (rendered already where it was checked, when a
    parallel run did that). Nothing is kept: memory stays flat however many articles stream
    through."""
    for r in reports:
        out.write(r.rendered if r.rendered is not None else render_jsonl(r))


#: the CLI hands this reporter an iterator instead of a list
write_jsonl.streaming = True
#: and may have each report rendered where it is checked (verify/parallel.py)
write_jsonl.render = render_jsonl
