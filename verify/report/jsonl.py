"""JSON lines: one object per quotation, written as each document is checked (streaming)."""

from __future__ import annotations

import json
from typing import Iterable, TextIO

from ..records import DocumentReport
from . import reporter
from .json import finding_dict

__all__ = ["write_jsonl"]


@reporter("jsonl")
def write_jsonl(reports: Iterable[DocumentReport], out: TextIO, options: dict) -> None:
    """{"path": ..., <the fields of a quotation in the json format>} per line. Nothing is kept:
    memory stays flat however many articles stream through."""
    for r in reports:
        for f in r.findings:
            out.write(json.dumps({"path": r.path, **finding_dict(f)}, ensure_ascii=False) + "\n")


#: the CLI hands this reporter an iterator instead of a list
write_jsonl.streaming = True
