"""Graphviz output (`--format dot`): the derivation graph of every statement family.

One cluster per family: the source passage (a note), then one node per quotation (article,
position, verdict, date). Edges run from where the words came from to the quotation: solid for
"quoted from the source" and directed copies, dashed and without arrowhead when the order is
unknown, bold for syndicated copies. Render with `dot -Tsvg`.
"""

from __future__ import annotations

import os
from typing import Iterable, TextIO

from ..records import PASSING, DocumentReport
from ..trace import Family, Link, Provenance, trace
from . import reporter

__all__ = ["write_dot", "dot_graph"]

_COLOUR = {"altered": "firebrick", "paraphrase": "firebrick", "misattributed": "darkorchid",
           "unsourced": "darkgoldenrod", "translated": "steelblue"}


def _q(s: str) -> str:
    """A DOT double-quoted string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _clip(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _edge(fam: Family, lk: Link, source_node: str | None) -> str | None:
    parent = lk.parent if lk.parent else source_node
    if parent is None:
        return None
    name = {"source": "quoted", "origin": "altered", "copy": "copy: " + _clip("; ".join(lk.shared), 40)}
    attrs = [f"label={_q(name.get(lk.kind, lk.kind))}"]
    if not lk.directed:
        attrs += ["dir=none", "style=dashed"]
    elif lk.kind == "syndicated":
        attrs.append("style=bold")
    elif lk.kind == "origin":
        attrs.append("color=firebrick")
    return f"  {_q(parent)} -> {_q(lk.child)} [{', '.join(attrs)}];"


def dot_graph(prov: Provenance) -> str:
    lines = ["digraph provenance {", "  rankdir=LR;",
             '  node [shape=box, fontname="Helvetica", fontsize=10];',
             '  edge [fontname="Helvetica", fontsize=9];']
    edges: list[str] = []
    for fam in prov.families:
        title = f"{fam.id} · " + (f"{fam.source_speaker or '?'} · {fam.source_id}" if fam.verified
                                  else "not verified against a primary source")
        lines.append(f"  subgraph {_q('cluster_' + fam.id)} {{")
        lines.append(f"    label={_q(title)};")
        source_node = None
        if fam.verified:
            source_node = f"{fam.id}:source"
            lines.append(f"    {_q(source_node)} [shape=note, style=filled, fillcolor=lightyellow, "
                         f"label={_q(str(fam.source_id) + chr(10) + '“' + _clip(fam.source_text or '') + '”')}];")
        for o in fam.occurrences:
            label = f"{os.path.basename(o.path)}:{o.line}\n{o.verdict} · {o.date.value[:10] if o.date.known and o.date.value else 'no date'}"
            colour = "darkgreen" if o.verdict in PASSING else _COLOUR.get(o.verdict, "black")
            lines.append(f"    {_q(o.id)} [label={_q(label)}, color={colour}, tooltip={_q(o.text)}];")
        lines.append("  }")
        for lk in fam.links:
            e = _edge(fam, lk, source_node)
            if e:
                edges.append(e)
    lines += edges
    lines.append("}")
    return "\n".join(lines) + "\n"


@reporter("dot")
def write_dot(reports: Iterable[DocumentReport], out: TextIO, options: dict) -> None:
    prov = options.get("provenance")
    out.write(dot_graph(prov if prov is not None else trace(reports)))
