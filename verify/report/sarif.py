"""SARIF 2.1.0 output, as GitHub code scanning reads it.

One rule per verdict (all ten, so rule indexes are stable between runs); one result per
quotation whose verdict does not pass, with level `error` when it fails the run (--fail-on) and
`note` otherwise, the message, and the file, line and column. A variant accepted by the baseline
keeps its result with an external suppression carrying the baseline's reason. When the run has
suggested corrections (`verify draft`) each result also carries a SARIF fix: the replacement of
the printed words by the suggestion.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable, TextIO
from urllib.parse import quote

from .. import __version__
from ..records import PASSING, VERDICTS, DocumentReport
from . import reporter
from .markdown import message, problems, region

__all__ = ["RULES", "sarif_log", "write_sarif"]

#: verdict -> one-sentence description (README's verdict table)
RULES = {
    "exact": "The source's words; only quote marks, apostrophes, dashes, spacing or the first capital differ.",
    "cosmetic": "The same words but for spelling or abbreviation variants.",
    "elided": "Faithful, with omissions marked by an ellipsis or editorial insertions in brackets.",
    "truncated": "Faithful but cut at the start or end.",
    "altered": "Presented as exact words, but words were dropped, added, substituted or reordered.",
    "paraphrase": "In quotation marks, but reworded so much it is no longer the speaker's sentence.",
    "translated": "In another language, or a back-translation of a known source.",
    "misattributed": "The words match a source of a different speaker than the article names.",
    "unsourced": "No primary statement holds these words.",
    "fragment": "One to three words, or a short scare-quoted phrase.",
}


def _uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix())


def _rule(verdict: str, fail_on: tuple[str, ...]) -> dict[str, Any]:
    level = "error" if verdict in fail_on else ("none" if verdict in PASSING else "note")
    return {"id": verdict, "name": verdict.capitalize() + "Quotation",
            "shortDescription": {"text": f"{verdict} quotation"},
            "fullDescription": {"text": RULES[verdict]},
            "defaultConfiguration": {"level": level},
            "properties": {"tags": ["quotation", "passes" if verdict in PASSING else "problem"]}}


def sarif_log(reports: list[DocumentReport], options: dict) -> dict[str, Any]:
    fail_on = tuple(options.get("fail_on", ()))
    suppressed = options.get("suppressed") or {}
    suggestions = options.get("suggestions") or {}
    results = []
    for r, f in problems(reports):
        q = f.quotation
        uri = _uri(r.path)
        res: dict[str, Any] = {
            "ruleId": f.verdict,
            "ruleIndex": VERDICTS.index(f.verdict),
            "level": "error" if f.verdict in fail_on else "note",
            "message": {"text": message(f, options)},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": region(r, f)}}],
            # stable across edits elsewhere in the article: the printed words and the verdict
            "partialFingerprints": {"quotation/v1": hashlib.sha256(
                f"{Path(r.path).as_posix()}\0{' '.join(q.text.split())}\0{f.verdict}".encode()).hexdigest()[:32]},
        }
        if f in suppressed:
            res["suppressions"] = [{"kind": "external", "status": "accepted", "justification": suppressed[f]}]
        if f in suggestions and q.file_end > q.file_start and not r.path.lower().endswith(".docx"):
            res["fixes"] = [{"description": {"text": "Use the source's exact words"},
                             "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [{
                                 "deletedRegion": {"charOffset": q.file_start, "charLength": q.file_end - q.file_start},
                                 "insertedContent": {"text": suggestions[f]}}]}]}]
        results.append(res)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "verify", "version": __version__, "semanticVersion": __version__,
                                "rules": [_rule(v, fail_on) for v in VERDICTS]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


@reporter("sarif")
def write_sarif(reports: Iterable[DocumentReport], out: TextIO, options: dict) -> None:
    json.dump(sarif_log(list(reports), options), out, ensure_ascii=False, indent=1)
    out.write("\n")
