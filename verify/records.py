"""The records passed between pipeline stages. All are frozen attrs classes.

read -> Document (text + blocks) -> find -> Quotation -> attribute -> Quotation(speaker)
-> match/judge -> Finding (quotation + source passage + verdict + diff).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

import attrs

__all__ = [
    "VERDICTS", "PASSING", "DEFAULT_FAIL_ON", "Block", "Document", "Quotation", "Source",
    "DiffOp", "Finding", "DocumentReport",
]

#: The product's vocabulary, exactly as ../shared/TAXONOMY.md defines it.
VERDICTS = ("exact", "cosmetic", "elided", "truncated", "altered", "paraphrase", "translated",
            "misattributed", "unsourced", "fragment")
PASSING = frozenset({"exact", "cosmetic", "elided", "truncated", "fragment"})
DEFAULT_FAIL_ON = ("altered", "paraphrase", "misattributed")


_CHAR_REF = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)")


@attrs.frozen
class Block:
    """A paragraph-like unit of an article's text: offsets into Document.text."""

    start: int
    end: int
    kind: str = "p"            # p | heading | blockquote | embed | header
    zone: str = "body"         # body | furniture | header
    meta: dict[str, str] = attrs.field(factory=dict, eq=False, hash=False)


@attrs.frozen
class Document:
    """An article as read: the text analysed, and how to map it back to the file.

    For plain text and Markdown `text` is the decoded file itself. For HTML it is the extracted
    body text and `origin[i]` is the character offset in the decoded file of `text[i]`.
    """

    path: str
    text: str
    blocks: tuple[Block, ...]
    raw: str                                   # the decoded file
    origin: tuple[int, ...] | None = None      # None: identity map
    meta: dict[str, str] = attrs.field(factory=dict, eq=False, hash=False)
    encoding: str = "utf-8"
    _line_starts: list[int] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        starts = [0]
        raw = self.raw
        i = raw.find("\n")
        while i != -1:
            starts.append(i + 1)
            i = raw.find("\n", i + 1)
        object.__setattr__(self, "_line_starts", starts)

    def file_offset(self, i: int) -> int:
        """Offset in the decoded file of text offset `i` (an end offset maps past its char)."""
        if self.origin is None:
            return i
        if i <= 0:
            return self.origin[0] if self.origin else 0
        if i >= len(self.origin):
            return (self.origin[-1] + 1) if self.origin else 0
        return self.origin[i]

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        if end <= start:
            s = self.file_offset(start)
            return s, s
        last = self.file_offset(end - 1)
        ref = _CHAR_REF.match(self.raw, last) if self.raw[last:last + 1] == "&" else None
        if ref is None and self.raw[last:last + 1] == "<":
            # a mark the page prints for a tag (the ’ of a nested </q>) ends where the tag ends,
            # not on its '<'
            gt = self.raw.find(">", last)
            return self.file_offset(start), gt + 1 if gt >= 0 else last + 1
        # a character written as a reference (&hellip;) ends where the reference ends
        return self.file_offset(start), ref.end() if ref else last + 1

    def line_col(self, file_offset: int) -> tuple[int, int]:
        """1-based line and column of a file offset."""
        k = bisect.bisect_right(self._line_starts, file_offset) - 1
        return k + 1, file_offset - self._line_starts[k] + 1


#: the speaker_cue of a quotation the article credits to nobody it names, whose speaker is that
#: of the statement holding its words (a transcript's: the turn's)
SPEAKER_FROM_SOURCE = "source"


@attrs.frozen
class Quotation:
    """One span an article presents as somebody's words."""

    path: str
    text: str                      # as printed, without the outer marks
    start: int                     # offsets in Document.text
    end: int
    kind: str                      # inline | block | embed
    parts: tuple[tuple[int, int], ...]   # the quoted words proper (no reopening marks, signatures)
    zone: str = "body"
    block: int = 0                 # index of the first block
    mark: str = ""                 # the opening mark, "" for block/embed
    nested: bool = False           # inside another quotation
    ends_with_cut: bool = False    # an embed cut with "…"
    continues: bool = False        # left open at its paragraph's end: its words go on in the next quotation
    embed: dict[str, str] | None = attrs.field(default=None, eq=False, hash=False)
    speaker: str | None = None
    speaker_cue: str | None = None  # how the speaker was found (after, before, float, signature …;
    #                                   SPEAKER_FROM_SOURCE: the article names nobody, the source does)
    file_start: int = 0
    file_end: int = 0
    line: int = 1
    column: int = 1

    @property
    def content(self) -> str:
        return " ".join(self.text_of(p) for p in self.parts)

    def text_of(self, part: tuple[int, int]) -> str:
        a, b = part
        return self.text[a - self.start:b - self.start]


@attrs.frozen
class Source:
    """A primary statement: a post, a release, a transcript."""

    id: str
    text: str
    path: str
    url: str | None = None
    speaker: str | None = None
    handle: str | None = None
    organization: str | None = None
    kind: str | None = None
    published: str | None = None
    provenance: str | None = None
    truncated: bool = False
    text_line: int = 1             # line of the file where the text starts
    meta: dict[str, str] = attrs.field(factory=dict, eq=False, hash=False)


@attrs.frozen
class DiffOp:
    """One word-level difference between the printed quotation and the source."""

    op: str                        # replace | insert | delete | cosmetic | editorial | gap
    printed: str = ""
    source: str = ""
    significant: bool = False      # touches a negation, a number or a name

    def as_dict(self) -> dict[str, Any]:
        d = {"op": self.op, "printed": self.printed, "source": self.source}
        if self.significant:
            d["significant"] = True
        return d


@attrs.frozen
class Finding:
    """A quotation with its verdict against the best source passage."""

    quotation: Quotation
    verdict: str
    source: Source | None = None
    source_text: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    score: float = 0.0
    diff: tuple[DiffOp, ...] = ()
    note: str = ""


@attrs.frozen
class DocumentReport:
    """One article's findings. `rendered`: the report already written out by a streaming
    reporter where it was checked (a worker process), so that only text travels back; its
    `findings` then hold only those the run fails on, all that the exit code needs."""

    path: str
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...] = ()
    document: Document | None = attrs.field(default=None, eq=False, repr=False)
    rendered: str | None = attrs.field(default=None, eq=False, repr=False)
