"""Property: on any text — stray and nested quote marks, apostrophes, newlines, any Unicode — the
finder never raises, and every quotation's offsets slice the original file to its text. Plain
text, Markdown and HTML (where the slice is the quoted text's source, character references
included)."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify.find import find_quotations
from verify.html import read_html
from verify.read import read_text_document

MARKS = ["“", "”", "‘", "’", "'", '"', "«", "»", "„", "‚", "‹", "›", "…", "..."]
WORDS = ["Rubio", "said", "he", "told", "reporters", "we'll", "don't", "the", "U.S.", "Bukele", "O'Neill",
         "’90s", "rock ’n’ roll", "—", "posted", "(@nayibbukele)", "February 4, 2025", "pic.twitter.com/x"]
PIECES = st.one_of(
    st.sampled_from(MARKS), st.sampled_from(WORDS),
    st.sampled_from([" ", " ", " ", "\n", "\n\n", "\r\n", "\t", ",", ".", ":", "—", "> ", "# ", "---\n"]),
    st.text(min_size=1, max_size=6),                         # any Unicode, controls and surrogates aside
)
PAIRS = [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“"), ("'", "'"), ("“", "")]
# balanced-looking quotations among the noise, so most examples hold some quotation
QUOTED = st.tuples(st.sampled_from(PAIRS), st.lists(st.one_of(st.sampled_from(WORDS), PIECES), min_size=1, max_size=12)
                   ).map(lambda t: " " + t[0][0] + " ".join(t[1]) + t[0][1] + " ")
TEXTS = st.lists(st.one_of(PIECES, QUOTED, QUOTED), max_size=60).map("".join)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_plain(text: str, markdown: bool) -> None:
    doc = read_text_document("p.md" if markdown else "p.txt", text, markdown=markdown)
    for q in find_quotations(doc, None):
        assert text[q.file_start:q.file_end] == q.text
        assert doc.text[q.start:q.end] == q.text
        for a, b in q.parts:
            assert q.start <= a <= b <= q.end
        before = text[:q.file_start]
        assert q.line == before.count("\n") + 1
        assert q.column == q.file_start - (before.rfind("\n") + 1) + 1


@SETTINGS
@given(TEXTS)
def test_plain_text_offsets(text: str) -> None:
    _check_plain(text, markdown=False)


@SETTINGS
@given(TEXTS)
def test_markdown_offsets(text: str) -> None:
    _check_plain(text, markdown=True)


TAGS = st.sampled_from(["<p>", "</p>", "<blockquote>", "</blockquote>", "<q>", "</q>", "<br>", "<b>", "</b>",
                        "<blockquote class=\"twitter-tweet\"><p>", "<div class=\"comments\">", "</div>",
                        "<script>“x”</script>", "<!-- “c” -->", "&ldquo;", "&rdquo;", "&#8217;", "&amp;",
                        "&hellip;", "&quot;", "&#x201C;", "&nbsp;", "<", "&", ">"])
HTML = st.lists(st.one_of(TAGS, PIECES, QUOTED), max_size=60).map("".join)


@SETTINGS
@given(HTML)
def test_html_offsets(raw: str) -> None:
    doc = read_html("p.html", raw)
    assert len(doc.origin) == len(doc.text)
    for q in find_quotations(doc, None):
        assert 0 <= q.file_start < q.file_end <= len(raw)
        assert doc.text[q.start:q.end] == q.text
        # every character of the quotation comes from inside the slice ...
        for i in range(q.start, q.end):
            if not doc.text[i].isspace():
                assert q.file_start <= doc.origin[i] < q.file_end, (raw, q.text, i)
        # ... and the slice begins with the first character's source and ends with the last's
        assert _source_of(raw, q.file_start, q.text[0])
        last = doc.origin[q.end - 1]
        assert _source_of(raw, last, q.text[-1])
        assert q.file_end == last + len(_ref_at(raw, last) or raw[last])


def _ref_at(raw: str, i: int) -> str:
    """The character reference at raw[i], or "" (an '&' before a word that names no entity,
    '&Rubio', is printed as it is)."""
    m = re.match(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)", raw[i:i + 40])
    return m.group() if m and raw[i] == "&" and html.unescape(m.group()) != m.group() else ""


def _source_of(raw: str, i: int, ch: str) -> bool:
    """raw[i:] is where `ch` came from: the character itself, a reference to it, or the <q>
    element whose quotation mark it is (single marks for a <q> inside another)."""
    ref = _ref_at(raw, i)
    if ref:
        return html.unescape(ref) == ch or ch.isspace()
    if raw[i] == ch or (ch.isspace() and raw[i].isspace()):
        return True
    return raw[i] == "<" and ch in "“”‘’"
