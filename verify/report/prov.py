"""W3C PROV-JSON output (`--format prov`): the derivation graph in the provenance vocabulary.

Entities: each primary source (`verify:source/…`), each article (`verify:article/…`, with its
date) and each printed quotation (`verify:quote/…`, its words as `prov:value`, a member of its
article). Relations, all `wasDerivedFrom` records typed as PROV-O defines them:
- a faithful quotation `wasQuotedFrom` the source (prov:type prov:Quotation);
- every quotation of a sourced family `hadPrimarySource` the source (prov:type prov:PrimarySource);
- a copy, a syndicated copy or a same-wording printing `wasDerivedFrom` the quotation it came
  from, with `verify:kind` and `verify:evidence`; when the order is unknown the pair is recorded
  as `alternateOf` instead (PROV has no undirected derivation).
Written without the `prov` library (a test reads the output back with it).
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, TextIO

from ..records import DocumentReport
from ..trace import Provenance, trace
from . import reporter

__all__ = ["write_prov", "prov_document"]

NAMESPACE = "https://verify.invalid/ns#"


def _local(kind: str, s: str) -> str:
    return f"verify:{kind}_" + re.sub(r"[^A-Za-z0-9_.-]+", "_", s).strip("_")


def _typed(value: str, kind: str) -> dict[str, str]:
    return {"$": value, "type": kind}


def prov_document(prov: Provenance) -> dict[str, Any]:
    entity: dict[str, dict[str, Any]] = {}
    derived: dict[str, dict[str, Any]] = {}
    members: dict[str, dict[str, Any]] = {}
    alternates: dict[str, dict[str, Any]] = {}
    n = 0

    def rel(table: dict[str, dict[str, Any]], body: dict[str, Any]) -> None:
        nonlocal n
        n += 1
        table[f"_:r{n}"] = body

    for path, date in sorted(prov.dates.items()):
        attrs: dict[str, Any] = {"prov:type": _typed("verify:Article", "prov:QUALIFIED_NAME"), "prov:label": path}
        if date.value:
            attrs["verify:date"] = date.value
            attrs["verify:dateFrom"] = date.origin
        entity[_local("article", path)] = attrs
    for fam in prov.families:
        src = _local("source", fam.source_id) if fam.verified and fam.source_id else None
        if src and src not in entity:
            entity[src] = {"prov:type": _typed("verify:PrimarySource", "prov:QUALIFIED_NAME"),
                           "prov:label": fam.source_id}
            if fam.source_url:
                entity[src]["verify:url"] = fam.source_url
            if fam.source_speaker:
                entity[src]["verify:speaker"] = fam.source_speaker
        for o in fam.occurrences:
            qid = _local("quote", o.id)
            entity[qid] = {"prov:type": _typed("verify:Quotation", "prov:QUALIFIED_NAME"),
                           "prov:value": o.text, "verify:verdict": o.verdict, "verify:family": fam.id,
                           "prov:label": o.id}
            if o.speaker:
                entity[qid]["verify:speaker"] = o.speaker
            rel(members, {"prov:collection": _local("article", o.path), "prov:entity": qid})
            if src:
                rel(derived, {"prov:generatedEntity": qid, "prov:usedEntity": src,
                              "prov:type": _typed("prov:PrimarySource", "prov:QUALIFIED_NAME")})
        for lk in fam.links:
            child = _local("quote", lk.child)
            if lk.parent is None:
                if src and lk.kind == "source":
                    rel(derived, {"prov:generatedEntity": child, "prov:usedEntity": src,
                                  "prov:type": _typed("prov:Quotation", "prov:QUALIFIED_NAME")})
                elif src and lk.kind == "origin":
                    rel(derived, {"prov:generatedEntity": child, "prov:usedEntity": src,
                                  "verify:kind": "altered", "verify:evidence": "; ".join(lk.evidence)})
                continue
            parent = _local("quote", lk.parent)
            if lk.directed:
                rel(derived, {"prov:generatedEntity": child, "prov:usedEntity": parent,
                              "verify:kind": lk.kind, "verify:evidence": "; ".join(lk.evidence)})
            else:
                rel(alternates, {"prov:alternate1": child, "prov:alternate2": parent})
    doc: dict[str, Any] = {"prefix": {"verify": NAMESPACE}, "entity": entity}
    if derived:
        doc["wasDerivedFrom"] = derived
    if alternates:
        doc["alternateOf"] = alternates
    if members:
        doc["hadMember"] = members
    return doc


@reporter("prov")
def write_prov(reports: Iterable[DocumentReport], out: TextIO, options: dict) -> None:
    prov = options.get("provenance")
    json.dump(prov_document(prov if prov is not None else trace(reports)), out, ensure_ascii=False, indent=1)
    out.write("\n")
