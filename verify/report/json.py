"""JSON output: {"documents": [{"path", "quotes": [...]}], "summary": {...}}."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Iterable, TextIO

from ..records import DocumentReport, Finding
from . import reporter

__all__ = ["finding_dict", "write_json"]


def finding_dict(f: Finding) -> dict[str, Any]:
    q = f.quotation
    d: dict[str, Any] = {
        "text": q.text,
        "start": q.file_start,
        "end": q.file_end,
        "line": q.line,
        "column": q.column,
        "kind": q.kind,
        "speaker": q.speaker,
        "verdict": f.verdict,
        "source": None if f.source is None else {"id": f.source.id, "url": f.source.url, "speaker": f.source.speaker},
        "source_text": f.source_text,
        "score": f.score,
        "diff": [op.as_dict() for op in f.diff],
    }
    if q.speaker_cue:
        d["speaker_cue"] = q.speaker_cue
    if q.nested:
        d["nested"] = True
    if q.embed:
        d["embed"] = dict(q.embed)
    if f.note:
        d["note"] = f.note
    return d


@reporter("json")
def write_json(reports: Iterable[DocumentReport], out: TextIO, options: dict) -> None:
    docs = []
    counts: Counter[str] = Counter()
    for r in reports:
        quotes = [finding_dict(f) for f in r.findings]
        counts.update(q["verdict"] for q in quotes)
        docs.append({"path": r.path, "quotes": quotes})
    json.dump({"documents": docs, "summary": {"documents": len(docs), "quotes": sum(counts.values()),
                                             "verdicts": dict(sorted(counts.items()))}},
              out, ensure_ascii=False, indent=1)
    out.write("\n")
