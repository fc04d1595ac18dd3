"""HTML output: one self-contained page an editor reads, on a laptop or a phone.

In: the reports (with their Documents) and options (fail_on, suppressed, suggestions, and
`provenance` from verify/trace.py when the run traced families). Out: a single HTML file with
its styles inline and nothing fetched — no scripts, fonts or images — so it opens offline and
can be mailed or archived. For each article, every paragraph that holds a quotation is shown
with the quotation highlighted and coloured by verdict; under it a card per quotation gives the
speaker, the verdict, the source's wording, the word-level difference, links to the source and
its capture, and the statement family it belongs to.

The markup is part of the interface (the Chromium test reads it): every quotation is a
`<mark class="q v-VERDICT" data-verdict="VERDICT" id="q-…">` and its card is
`<article class="card v-VERDICT">` with the same verdict.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Any, Iterable, Mapping, TextIO

from ..baseline import is_failure
from ..draft import word_opcodes
from ..records import PASSING, SPEAKER_FROM_SOURCE, VERDICTS, DocumentReport, Finding
from . import reporter
from .markdown import source_link

__all__ = ["write_html", "word_diff"]

_LABEL = {"exact": "exact", "cosmetic": "cosmetic", "elided": "elided", "truncated": "truncated",
          "altered": "altered", "paraphrase": "paraphrase", "translated": "translated",
          "misattributed": "misattributed", "unsourced": "unsourced", "fragment": "fragment"}

_CSS = """
:root{--bg:#fbfaf7;--fg:#1d1d1f;--muted:#5f6368;--card:#fff;--line:#dedbd2;
--pass:#d8f0dc;--pass-b:#2e7d32;--frag:#ececec;--frag-b:#6b6b6b;--uns:#fff1c2;--uns-b:#a86b00;
--tr:#d9f1f7;--tr-b:#00707f;--alt:#ffd9d6;--alt-b:#c62828;--par:#ffe0c7;--par-b:#c24e00;
--mis:#efdcf7;--mis-b:#7b1fa2}
@media (prefers-color-scheme:dark){:root{--bg:#16171a;--fg:#e9e9ea;--muted:#a4a7ad;--card:#1f2125;
--line:#34373d;--pass:#1f3b24;--frag:#2d2e31;--uns:#3d3213;--tr:#12363d;--alt:#4a1d1b;--par:#4a2a14;
--mis:#3a2145}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.55 Georgia,"Times New Roman",serif;
overflow-wrap:anywhere}
header,main,footer{max-width:52rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}
h1,h2,h3,.card,.meta,nav,table,footer,.legend,.summary,.chip{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.6rem;margin:.2rem 0}
h2{font-size:1.25rem;margin:2.2rem 0 .2rem;overflow-wrap:anywhere}
h3{font-size:1.05rem;margin:1.6rem 0 .4rem}
a{color:inherit}
.meta{color:var(--muted);font-size:.9rem;margin:.2rem 0 1rem;overflow-wrap:anywhere}
.summary{display:flex;flex-wrap:wrap;gap:.4rem;margin:.8rem 0}
.chip{border:1px solid var(--line);border-radius:999px;padding:.1rem .6rem;font-size:.85rem;white-space:nowrap}
nav ol{padding-left:1.2rem;margin:.4rem 0}
nav li{overflow-wrap:anywhere}
.para{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.8rem 1rem;margin:1rem 0 .4rem;
overflow-wrap:break-word}
.para.block{border-left:4px solid var(--line);font-style:italic}
mark.q{color:inherit;border-radius:.2rem;padding:0 .1rem;border-bottom:2px solid;text-decoration:none;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
.v-exact,.v-cosmetic,.v-elided,.v-truncated{--c:var(--pass);--b:var(--pass-b)}
.v-fragment{--c:var(--frag);--b:var(--frag-b)}
.v-unsourced{--c:var(--uns);--b:var(--uns-b)}
.v-translated{--c:var(--tr);--b:var(--tr-b)}
.v-altered{--c:var(--alt);--b:var(--alt-b)}
.v-paraphrase{--c:var(--par);--b:var(--par-b)}
.v-misattributed{--c:var(--mis);--b:var(--mis-b)}
mark.q{background:var(--c);border-color:var(--b)}
.chip.v-exact,.chip[class*=" v-"]{background:var(--c);border-color:var(--b)}
.cards{display:grid;gap:.6rem;margin:.4rem 0 1.2rem}
.card{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--b);border-radius:.5rem;
padding:.6rem .9rem;font-size:.92rem;min-width:0}
.card.fails{box-shadow:0 0 0 2px var(--b) inset}
.card summary{cursor:pointer}
.card summary>*{margin-right:.6rem}
.card header{display:flex;flex-wrap:wrap;gap:.3rem .7rem;align-items:baseline;padding:0;max-width:none;margin:0}
.badge{background:var(--c);border:1px solid var(--b);border-radius:.3rem;padding:0 .4rem;font-weight:600}
.who{font-weight:600}
.where{color:var(--muted);font-size:.85rem}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem .8rem;margin:.5rem 0 0}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
ins{background:var(--alt);text-decoration:none;border-bottom:2px solid var(--alt-b)}
del{background:var(--pass);text-decoration:line-through;text-decoration-color:var(--pass-b)}
.diff{font-family:Georgia,serif;font-size:1rem}
.sugg{font-family:Georgia,serif;background:var(--pass);padding:.1rem .3rem;border-radius:.2rem}
.legend{font-size:.85rem;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
th,td{border-bottom:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
code{overflow-wrap:anywhere;word-break:break-word;font-size:.85em}
.family ul{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:.9rem;padding-left:1.1rem}
.family{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.6rem .9rem;margin:.8rem 0}
footer{color:var(--muted);font-size:.85rem;padding:2rem 1rem}
@media (max-width:600px){body{font-size:16px}dl{grid-template-columns:minmax(0,1fr)}dt{margin-top:.3rem}
.para{padding:.6rem .7rem}.family{padding:.5rem .6rem}}
"""


def _e(s: str | None) -> str:
    return html.escape(s or "", quote=True)


def word_diff(printed: str, source: str, before: str = "", after: str = "") -> list[tuple[str, str]]:
    """Word-level difference, as (kind, text) pieces in reading order: kind "same", "del" (the
    source's words the article left out or replaced) or "ins" (words the article put instead).
    Punctuation and the case of letters alone do not count as a change. `before`/`after` are the
    source's words around the passage: a printed word at an edge that replaced one of them
    (“fee” for “tax” as the last word) is shown as the replacement, not as an addition."""
    p = printed.split()
    nb, ns = len(before.split()), len(source.split())
    s = before.split() + source.split() + after.split()
    ops = word_opcodes(p, s, nb, nb + ns)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            out.append(("same", " ".join(s[j1:j2])))
            continue
        if j2 > j1:
            out.append(("del", " ".join(s[j1:j2])))
        if i2 > i1:
            out.append(("ins", " ".join(p[i1:i2])))
    return out


def _context(f: Finding, words: int = 3) -> tuple[str, str]:
    """A few of the source's words before and after the matched passage."""
    if f.source is None or f.source_start is None or f.source_end is None:
        return "", ""
    text = f.source.text
    return " ".join(text[:f.source_start].split()[-words:]), " ".join(text[f.source_end:].split()[:words])


def _diff_html(diff: list[tuple[str, str]]) -> str:
    parts = []
    for kind, text in diff:
        t = _e(text)
        parts.append(t if kind == "same" else f"<{kind}>{t}</{kind}>")
    return " ".join(parts)


def _families(options: Mapping[str, Any]) -> tuple[dict[int, tuple[Any, Any]], dict[str, tuple[Any, Any]], list[Any]]:
    """Finding -> (family, occurrence) from the provenance, by identity and by occurrence id."""
    prov = options.get("provenance")
    by_obj: dict[int, tuple[Any, Any]] = {}
    by_id: dict[str, tuple[Any, Any]] = {}
    fams = list(getattr(prov, "families", ()) or ())
    for fam in fams:
        for occ in fam.occurrences:
            if getattr(occ, "finding", None) is not None:
                by_obj[id(occ.finding)] = (fam, occ)
            by_id[occ.id] = (fam, occ)
    return by_obj, by_id, fams


def _family_line(fam: Any, occ: Any) -> str:
    try:
        from ..trace import via_text
        via = via_text(fam.link_of(occ.id))
    except Exception:   # an older or newer trace: the family without its link
        via = ""
    n_art = len({o.path for o in fam.occurrences})
    n_var = len(fam.variants)
    return (f'<a href="#fam-{_e(fam.id)}">{_e(fam.id)}</a>: printed in {n_art} article{"s" if n_art != 1 else ""}, '
            f'{n_var} wording{"s" if n_var != 1 else ""}' + (f"; here: {_e(via)}" if via else ""))


def _capture(f: Finding) -> str:
    src = f.source
    if src is None:
        return ""
    meta = src.meta or {}
    bits = []
    if meta.get("capture"):
        warc, _, record = meta["capture"].partition(" ")
        bits.append(f"WARC <code>{_e(warc)}</code> record <code>{_e(record)}</code>")
        if meta.get("captured"):
            bits.append(f"captured {_e(meta['captured'])}")
        if meta.get("digest"):
            bits.append(f"payload sha1 <code>{_e(meta['digest'])}</code>")
    url = source_link(src)
    if url:
        stamp = re.sub(r"\D", "", meta.get("captured") or src.published or "")[:14]
        bits.append(f'<a href="https://web.archive.org/web/{_e(stamp)}*/{_e(url)}" rel="noreferrer">'
                    f"Wayback Machine copies</a>")
    return " · ".join(bits)


def _card(r: DocumentReport, f: Finding, qid: str, options: Mapping[str, Any],
          fam_maps: tuple[dict, dict, list]) -> str:
    q = f.quotation
    v = f.verdict
    fails = is_failure(f, options)
    rows = [f"<dt>printed</dt><dd>“{_e(q.text)}”</dd>"]
    if f.source is not None:
        url = source_link(f.source)
        name = _e(f.source.id)
        link = f'<a href="{_e(url)}" rel="noreferrer">{name}</a>' if url else name
        by = f" — {_e(f.source.speaker)}" if f.source.speaker else ""
        rows.append(f"<dt>source</dt><dd>{link}{by}" + (f", {_e(f.source.published)}" if f.source.published else "")
                    + "</dd>")
        if f.source_text:
            rows.append(f"<dt>source words</dt><dd>“{_e(f.source_text)}”</dd>")
            diff = word_diff(q.text, f.source_text, *_context(f))
            if any(kind != "same" for kind, _ in diff):
                rows.append(f'<dt>difference</dt><dd class="diff">{_diff_html(diff)}</dd>')
        cap = _capture(f)
        if cap:
            rows.append(f"<dt>capture</dt><dd>{cap}</dd>")
        if f.source.provenance:
            rows.append(f"<dt>provenance</dt><dd>{_e(f.source.provenance)}</dd>")
    if f.note:
        rows.append(f"<dt>note</dt><dd>{_e(f.note)}</dd>")
    sug = (options.get("suggestions") or {}).get(f)
    if sug:
        rows.append(f'<dt>suggested</dt><dd><span class="sugg">“{_e(sug)}”</span></dd>')
    reason = (options.get("suppressed") or {}).get(f)
    if reason:
        rows.append(f"<dt>baseline</dt><dd>accepted: {_e(reason)}</dd>")
    by_obj, by_id, _ = fam_maps
    hit = by_obj.get(id(f)) or by_id.get(f"{r.path}:{q.line}:{q.column}")
    if hit:
        rows.append(f"<dt>family</dt><dd>{_family_line(*hit)}</dd>")
    who = _e(q.speaker) if q.speaker else "<em>speaker unknown</em>"
    if q.speaker and q.speaker_cue == SPEAKER_FROM_SOURCE:
        who += " <em>(named by the source, not the article)</em>"
    head = (f'<span class="badge">{_LABEL[v]}</span><span class="who">{who}</span>'
            f'<a class="where" href="#{qid}">line {q.line}, column {q.column}</a>'
            f'{" <strong>fails</strong>" if fails else ""}')
    # a faithful quotation folds its details away (native <details>, no script): problems first
    inner = (f'<details><summary>{head}</summary><dl>{"".join(rows)}</dl></details>' if v in PASSING and not fails
             else f'<header>{head}</header><dl>{"".join(rows)}</dl>')
    return (f'<article class="card v-{v}{" fails" if fails else ""}" data-verdict="{v}" id="card-{qid}">'
            f'{inner}</article>')


def _highlight(text: str, start: int, spans: list[tuple[int, int, str, str]]) -> str:
    """`text` (which starts at offset `start`) with the spans (a, b, verdict, id) marked; a span
    inside another is nested, one that crosses another's end is left unmarked."""
    kept: list[tuple[int, int, str, str]] = []
    ends: list[int] = []
    for a, b, v, qid in sorted(spans, key=lambda s: (s[0], -s[1])):
        while ends and ends[-1] <= a:
            ends.pop()
        if ends and b > ends[-1]:
            continue
        ends.append(b)
        kept.append((a, b, v, qid))
    events = []
    for n, (a, b, v, qid) in enumerate(kept):
        events.append((a, 1, n, f'<mark class="q v-{v}" data-verdict="{v}" id="{qid}">'))
        events.append((b, 0, -n, "</mark>"))
    # at one offset: closings before openings, inner (later) spans closing first
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    out: list[str] = []
    pos = start
    for off, _, _, tag in events:
        out.append(_e(text[pos - start:off - start]))
        out.append(tag)
        pos = off
    out.append(_e(text[pos - start:]))
    return "".join(out).replace("\n", "<br>")


def _article(r: DocumentReport, k: int, options: Mapping[str, Any], fam_maps: tuple[dict, dict, list]) -> str:
    doc = r.document
    counts = Counter(f.verdict for f in r.findings)
    title = (doc.meta.get("title") if doc is not None else None) or ""
    head = (f'<section class="doc" id="doc-{k}"><h2>{_e(title or r.path)}</h2>'
            f'<p class="meta">{_e(r.path)}' + (f" · {_e(doc.meta.get('date', ''))}" if doc and doc.meta.get("date") else "")
            + " · " + ", ".join(f"{n} {v}" for v, n in sorted(counts.items(), key=lambda x: -x[1]))
            + (" · no quotations" if not r.findings else "") + "</p>")
    parts = [head]
    ids = {id(f): f"q{k}-{i}" for i, f in enumerate(r.findings)}
    if doc is None or not doc.blocks:
        parts.append('<div class="cards">' + "".join(_card(r, f, ids[id(f)], options, fam_maps) for f in r.findings)
                     + "</div>")
        return "".join(parts) + "</section>"
    placed: set[int] = set()
    for b in doc.blocks:
        inside = [f for f in r.findings if f.quotation.start < b.end and f.quotation.end > b.start]
        if not inside:
            continue
        # a quotation over several paragraphs is marked in each; its id goes on the first mark
        spans = [(max(f.quotation.start, b.start), min(f.quotation.end, b.end), f.verdict,
                  ids[id(f)] + (f"-{b.start}" if id(f) in placed else "")) for f in inside]
        cls = "para block" if b.kind in ("blockquote", "embed") else "para"
        parts.append(f'<div class="{cls}">{_highlight(doc.text[b.start:b.end], b.start, spans)}</div>')
        new = [f for f in inside if id(f) not in placed]
        placed.update(id(f) for f in new)
        if new:
            parts.append('<div class="cards">' + "".join(_card(r, f, ids[id(f)], options, fam_maps) for f in new)
                         + "</div>")
    rest = [f for f in r.findings if id(f) not in placed]   # not inside any block: still listed
    if rest:
        parts.append('<div class="cards">' + "".join(_card(r, f, ids[id(f)], options, fam_maps) for f in rest)
                     + "</div>")
    return "".join(parts) + "</section>"


def _families_section(fams: list[Any]) -> str:
    shown = [f for f in fams if len(f.occurrences) > 1]
    if not shown:
        return ""
    out = ['<section id="families"><h2>Statement families</h2>'
           '<p class="meta">One statement and every printed version of it, with where each article most '
           "likely took its wording from.</p>"]
    try:
        from ..trace import via_text
    except ImportError:  # pragma: no cover
        via_text = None
    for fam in shown:
        src = _e(fam.source_id) if fam.source_id else "not verified against a primary source"
        who = f" — {_e(fam.source_speaker)}" if fam.source_speaker else ""
        out.append(f'<div class="family" id="fam-{_e(fam.id)}"><h3>{_e(fam.id)}: {src}{who}</h3>')
        if fam.source_text:
            out.append(f"<p>“{_e(fam.source_text)}”</p>")
        out.append("<table><thead><tr><th>wording</th><th>verdict</th><th>articles</th></tr></thead><tbody>")
        for var in fam.variants:
            v = var.verdict or "unsourced"
            out.append(f'<tr><td>“{_e(var.text)}”</td><td><span class="chip v-{_e(v)}">{_e(v)}</span></td>'
                       f'<td>{"<br>".join(_e(p) for p in var.paths)}</td></tr>')
        out.append("</tbody></table>")
        if via_text is not None:
            out.append("<ul>")
            for occ in fam.occurrences:
                try:
                    via = via_text(fam.link_of(occ.id))
                except Exception:
                    continue
                out.append(f"<li><code>{_e(occ.id)}</code>: {_e(via)}</li>")
            out.append("</ul>")
        out.append("</div>")
    out.append("</section>")
    return "".join(out)


@reporter("html")
def write_html(reports: Iterable[DocumentReport], out: TextIO, options: dict) -> None:
    reports = list(reports)
    fam_maps = _families(options)
    counts: Counter[str] = Counter(f.verdict for r in reports for f in r.findings)
    failing = sum(1 for r in reports for f in r.findings if is_failure(f, options))
    nq = sum(counts.values())
    chips = "".join(f'<span class="chip v-{v}">{counts[v]} {v}</span>' for v in VERDICTS if counts[v])
    toc = "".join(
        f'<li><a href="#doc-{k}">{_e((r.document.meta.get("title") if r.document else None) or r.path)}</a> '
        f'<span class="meta">({len(r.findings)} quotations'
        + (f", {n} failing" if (n := sum(1 for f in r.findings if is_failure(f, options))) else "") + ")</span></li>"
        for k, r in enumerate(reports))
    legend = ("Highlight colours: green — faithful (exact, cosmetic, elided, truncated); grey — fragment; "
              "amber — unsourced; blue — translated; red — altered; orange — paraphrase; purple — misattributed. "
              "In a difference, <del>struck</del> words are the source's, <ins>underlined</ins> ones the article's.")
    body = "".join(_article(r, k, options, fam_maps) for k, r in enumerate(reports))
    status = (f"{failing} misquotation{'s' if failing != 1 else ''}" if failing else "no misquotations")
    out.write(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>verify: {status} in {len(reports)} article{'s' if len(reports) != 1 else ''}</title>"
        f"<style>{_CSS}</style></head><body>"
        f"<header><h1>Quotation check</h1><p class=\"meta\">{len(reports)} articles, {nq} quotations, "
        f"{status}.</p><div class=\"summary\">{chips}</div><p class=\"legend\">{legend}</p>"
        f"<nav><ol>{toc}</ol></nav></header>"
        f"<main>{body}{_families_section(fam_maps[2]) if options.get('provenance') is not None else ''}</main>"
        "<footer>Written by verify. Every quotation is compared word by word with its primary source; "
        "the verdicts are defined in the project's README.</footer></body></html>\n")
