"""JSON output: {"documents": [{"path", "quotes": [...]}], "summary": {...}}, plus, when provenance
was traced, "families" (variants, member quotations, `via` links with their evidence) and
"syndicated" (groups of near-duplicate articles)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Iterable, TextIO

from ..records import DocumentReport, Finding
from ..trace import Family, Provenance
from . import reporter

__all__ = ["finding_dict", "family_dict", "provenance_dict", "write_json"]


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


def family_dict(fam: Family) -> dict[str, Any]:
    return {
        "id": fam.id,
        "verified": fam.verified,
        "source": None if not fam.verified else {"id": fam.source_id, "url": fam.source_url,
                                                 "speaker": fam.source_speaker, "text": fam.source_text},
        "majority": fam.majority,
        "majority_tie": fam.majority_tie,
        "earliest": fam.earliest,
        "variants": [{"wording": v.wording, "text": v.text, "verdict": v.verdict, "changes": list(v.changes),
                      "quotes": list(v.occurrences), "articles": list(v.paths)} for v in fam.variants],
        "quotes": [{"id": o.id, "path": o.path, "line": o.line, "column": o.column, "text": o.text,
                    "verdict": o.verdict, "speaker": o.speaker, "date": o.date.value,
                    "date_from": o.date.origin} for o in fam.occurrences],
        "via": [{"quote": lk.child, "from": lk.parent, "kind": lk.kind, "directed": lk.directed,
                 "evidence": list(lk.evidence), "shared": list(lk.shared), "note": lk.note or None}
                for lk in fam.links],
    }


def provenance_dict(prov: Provenance) -> dict[str, Any]:
    return {"families": [family_dict(f) for f in prov.families],
            "syndicated": [{"articles": list(g.paths), "original": g.original, "similarity": g.similarity}
                           for g in prov.syndication]}


@reporter("json")
def write_json(reports: Iterable[DocumentReport], out: TextIO, options: dict) -> None:
    docs = []
    counts: Counter[str] = Counter()
    for r in reports:
        quotes = [finding_dict(f) for f in r.findings]
        counts.update(q["verdict"] for q in quotes)
        docs.append({"path": r.path, "quotes": quotes})
    result: dict[str, Any] = {"documents": docs, "summary": {"documents": len(docs), "quotes": sum(counts.values()),
                                                             "verdicts": dict(sorted(counts.items()))}}
    if options.get("provenance") is not None:
        result.update(provenance_dict(options["provenance"]))
    json.dump(result, out, ensure_ascii=False, indent=1)
    out.write("\n")
