"""Word-level alignment of a quotation with a source passage.

Candidates come from rapidfuzz on token strings (each distinct word becomes one character, so the
C++ partial alignment works on words, not letters); the chosen window is then aligned with a
semi-global edit-distance alignment (free to start and stop anywhere in the source) whose
operations say which printed words were kept, replaced, added or dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, NamedTuple

from rapidfuzz import fuzz

from .records import Source
# the tokenizer's own pieces, so that these canonical words and text.tokenize's agree (tests check)
from .text import _WORD, CURRENCY_SIGNS, Token, _word_forms, tokenize, tokenize_window

__all__ = ["Op", "SegmentAlignment", "Vocabulary", "SourceText", "sentence_marks", "align_tokens", "align_segments"]

_MAX_DP_CELLS = 4_000_000
#: a source word the quotation leaves out costs less than a substituted word: "lose [their]
#: power [this week] because" keeps "lose" and "power" aligned instead of swapping two words in
_DROP_COST = 0.6


# Op and SegmentAlignment are NamedTuples, not attrs records: a few are made for every
# candidate of every quotation, and a frozen attrs instance costs ~1 us to make, a tuple ~0.3
class Op(NamedTuple):
    """difflib-style opcode over quote tokens [i1:i2] and source tokens [j1:j2]."""

    tag: str  # equal | replace | insert (quote only) | delete (source only)
    i1: int
    i2: int
    j1: int
    j2: int


class SegmentAlignment(NamedTuple):
    q0: int                 # index of the segment's first token in the quotation's token list
    ops: tuple[Op, ...]     # quote indices relative to the whole quotation, source absolute
    s_start: int            # source token span aligned
    s_end: int
    matched: int            # equal tokens
    longest: int            # longest run of equal tokens


class Vocabulary:
    """Maps words to single characters so rapidfuzz can align word sequences."""

    def __init__(self) -> None:
        self._chars: dict[str, str] = {}

    def encode(self, tokens: Iterable[Token]) -> str:
        return self.encode_canons([t.canon for t in tokens])

    def encode_canons(self, canons: list[str]) -> str:
        chars = self._chars
        try:
            # words seen before (nearly all, once a few sources are read): looked up in C
            return "".join(map(chars.__getitem__, canons))
        except KeyError:
            pass
        out = []
        for w in canons:
            c = chars.get(w)
            if c is None:
                n = len(chars)
                c = chr(0x4E00 + n) if n < 0x5000 else chr(0x20000 + n)
                chars[w] = c
            out.append(c)
        return "".join(out)


@lru_cache(maxsize=1 << 18)
def word_canons(word: str) -> tuple[str, ...]:
    """The canonical tokens of one printed word, as text.tokenize gives them (Token.canon), kept
    per word: a library repeats its words, and tokenising a source into Token records cost more
    than half of matching a quotation."""
    return _word_forms(word)[1]


def canon_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """The canonical words of `text` with the start and end offsets of the printed word each
    comes from: text.tokenize's canon/start/end without building Token records."""
    if any(sign in text for sign in CURRENCY_SIGNS):
        # an amount's currency sign becomes a word after it ("$12 million" = "12 million
        # dollars"): rare enough to leave to the tokenizer rather than repeat its rule here
        toks = tokenize(text)
        return [t.canon for t in toks], [t.start for t in toks], [t.end for t in toks]
    canons: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _WORD.finditer(text):
        parts = word_canons(m.group())
        if len(parts) == 1:      # most words: no list built for them
            a, b = m.span()
            canons.append(parts[0])
            starts.append(a)
            ends.append(b)
        elif parts:
            a, b = m.span()
            canons.extend(parts)
            starts.extend([a] * len(parts))
            ends.extend([b] * len(parts))
    return canons, starts, ends


class SourceText:
    """A source's words as token characters (for alignment) and sentence bounds; its Token
    records are built on first use only, since most candidate sources are aligned but never
    reported (tokens=None: lazy; an explicit [] stays empty)."""

    __slots__ = ("source", "_tokens", "chars", "sentence_starts", "sentence_ends", "_window")

    def __init__(self, source: Source, tokens: list[Token] | None, chars: str, sentence_starts: set[int],
                 sentence_ends: set[int]) -> None:
        self.source = source
        self._tokens = tokens
        self.chars = chars
        self.sentence_starts = sentence_starts    # token indices that begin a sentence or paragraph
        self.sentence_ends = sentence_ends        # token indices that end one (exclusive end index)
        self._window: tuple[int, int, list[Token | None]] | None = None

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = tokenize(self.source.text)
        return self._tokens

    @property
    def built(self) -> bool:
        """Whether the words are here (chars and marks), or were handed over untokenised (an
        explicit empty token list: an index's speaker_sources)."""
        return self._tokens is None or bool(self._tokens)

    def tokens_between(self, lo: int, hi: int) -> list[Token | None]:
        """The Token records lo..hi (exclusive), at their indices in `tokens`: those before lo
        may be None and the list may stop after hi, as text.tokenize_window builds them. The
        judge reads the tokens of its alignment's window only; kept for the next call."""
        if self._tokens is not None:
            return self._tokens
        w = self._window
        if w is None or lo < w[0] or hi > w[1]:
            w = self._window = (lo, hi, tokenize_window(self.source.text, lo, hi))
        return w[2]

    def __repr__(self) -> str:
        return f"SourceText({self.source.id!r}, {len(self.chars)} tokens)"

    @classmethod
    def build(cls, source: Source, vocab: Vocabulary) -> "SourceText":
        from .text import sentence_bounds

        text = source.text
        canons, tstart, tend = canon_spans(text)
        starts, ends = sentence_marks(text, tstart, tend, sentence_bounds(text))
        return cls(source, None, vocab.encode_canons(canons), starts, ends)


def sentence_marks(text: str, tstart: list[int], tend: list[int],
                   bounds: list[tuple[int, int]]) -> tuple[set[int], set[int]]:
    """The token indices that begin and end (exclusive) a sentence or paragraph of `text`, from
    its tokens' offsets and its sentence_bounds: SourceText.sentence_starts and sentence_ends.
    The source index stores them, so that a candidate is not tokenised again to find them."""
    n = len(tstart)
    starts, ends = {0}, {n}
    k = 0
    for a, b in bounds:
        while k < n and tstart[k] < a:
            k += 1
        starts.add(k)
        j = k
        while j < n and tend[j] <= b:
            j += 1
        ends.add(j)
    # after a colon a capital starts a sentence too: "SECRETARY CARTER: We will …" in a
    # transcript; a lower-case clause ("Let me be clear: nobody is …") is part of its sentence
    if ":" in text:
        for i in range(1, n):
            gap = text[tend[i - 1]:tstart[i]]
            if ":" in gap and text[tstart[i]:tstart[i] + 1].isupper():
                starts.add(i)
                ends.add(i)
    # a release quoting its speaker ('“… for this war,” the Secretary-General said. “They …”'):
    # a closing mark followed by the attribution ends the speaker's words, so "… for this war,"
    # is whole, not cut (words quoted inside a sentence, '"Do not take it," and we listened',
    # are not bounded: they are a piece of the speaker's sentence)
    if "”" in text or '"' in text:
        for i in range(1, n):
            gap = text[tend[i - 1]:tstart[i]]
            if ("”" in gap or '"' in gap) and _ATTRIBUTION_NEXT.match(text, tstart[i]):
                starts.add(i)
                ends.add(i)
    return starts, ends


#: the attribution after a quotation in a source's own narration: "the Secretary-General said"
_ATTRIBUTION_NEXT = re.compile(r"(?:[\w’'.-]+\s+){0,4}?(?:said|says|added|adds|continued|noted|stressed|told|wrote|"
                               r"declared|stated|explained)\b")


def _dp(q: str, s: str) -> tuple[int, list[tuple[str, int, int]], int, int]:
    """Semi-global alignment of q inside s (free leading/trailing source). Returns cost, a list of
    (tag, i, j) steps and the source span."""
    # q printed verbatim in s (most quotations): the full alignment would find cost 0 at the end
    # of the last occurrence and trace straight diagonal back from it; a C search gives the same
    m = len(q)
    at = s.rfind(q) if m else -1
    if at >= 0:
        return 0, [("equal", i, at + i) for i in range(m)], at, at + m
    return _dp_full(q, s)


def _dp_full(q: str, s: str) -> tuple[int, list[tuple[str, int, int]], int, int]:
    prev, back = _dp_table(q, s)
    return _dp_trace(q, s, prev, back)


def _dp_table(q: str, s: str) -> tuple[list, list[bytearray]]:
    """The alignment's last row of costs and its back-pointers."""
    m, n = len(q), len(s)
    INF = 10 ** 9
    prev = [0] * (n + 1)
    back = [bytearray(n + 1) for _ in range(m + 1)]  # 0 diag, 1 up (insert), 2 left (delete)
    drop = _DROP_COST
    for i in range(1, m + 1):
        # the same recurrence as cur[j] = min(diag, up, left), with the row's previous cells
        # carried in locals rather than indexed (this loop is all of a non-verbatim alignment)
        cur = [INF] * (n + 1)
        cur[0] = left = i
        back[i][0] = 1
        qi = q[i - 1]
        bi = back[i]
        diag = prev[0]
        for j in range(1, n + 1):
            up = prev[j]
            d = diag if qi == s[j - 1] else diag + 1
            u = up + 1
            l = left + drop
            if d <= u and d <= l:
                left = d
            elif u <= l:
                left = u
                bi[j] = 1
            else:
                left = l
                bi[j] = 2
            cur[j] = left
            diag = up
        prev = cur
    return prev, back


def _dp_trace(q: str, s: str, prev: list, back: list[bytearray]) -> tuple[int, list[tuple[str, int, int]], int, int]:
    m, n = len(q), len(s)
    # the cheapest end, the last of equal ones: min over (cost, -j), found with two C scans
    end = n - prev[::-1].index(min(prev)) if n else 0
    cost = prev[end] if n else m
    steps: list[tuple[str, int, int]] = []
    i, j = m, end
    while i > 0:
        b = back[i][j] if j > 0 else 1
        if b == 0:
            steps.append(("equal" if q[i - 1] == s[j - 1] else "replace", i - 1, j - 1))
            i, j = i - 1, j - 1
        elif b == 1:
            steps.append(("insert", i - 1, j))
            i -= 1
        else:
            steps.append(("delete", i, j - 1))
            j -= 1
    steps.reverse()
    start = j
    # leading deletes are free: drop them
    while steps and steps[0][0] == "delete":
        steps.pop(0)
        start += 1
    return cost, steps, start, end


def _opcodes(steps: list[tuple[str, int, int]], q_off: int, s_off: int) -> list[Op]:
    """The steps merged into runs: a step extends the run before it when they touch and share
    their tag, or both are changes (then a replace). Runs are built as lists and made Op records
    once, rather than an Op a step replaced at every merge."""
    runs: list[list] = []
    for tag, i, j in steps:
        i1, j1 = i + q_off, j + s_off
        i2 = i1 + (tag != "delete")     # a delete takes no quote word, an insert no source word
        j2 = j1 + (tag != "insert")
        if runs:
            last = runs[-1]
            if last[2] == i1 and last[4] == j1 and (last[0] == tag or tag != "equal" and last[0] != "equal"):
                if last[0] != tag:
                    last[0] = "replace"
                last[2], last[4] = i2, j2
                continue
        runs.append([tag, i1, i2, j1, j2])
    return [Op(*r) for r in runs]


def align_tokens(qchars: str, src: SourceText, lo: int = 0, q0: int = 0) -> SegmentAlignment | None:
    """Align a quotation segment (as token characters) with the source tokens from `lo` on."""
    s = src.chars
    m = len(qchars)
    if m == 0 or lo >= len(s):
        return None
    hay = s[lo:]
    if m < len(hay):
        at = hay.find(qchars)
        if at >= 0 and hay.find(qchars, at + 1) < 0:
            # printed verbatim, once (most quotations): the only window partial_ratio_alignment
            # can score 100 is that occurrence, so its window below is known without the call
            a, b = max(0, at - max(6, m)), min(len(hay), at + m + max(6, m))
            if m * (b - a) > _MAX_DP_CELLS:
                return None
            j1 = lo + at
            return SegmentAlignment(q0, (Op("equal", q0, q0 + m, j1, j1 + m),), j1, j1 + m, m, m)
        al = fuzz.partial_ratio_alignment(qchars, hay)
        if al is None or al.score == 0:
            return None
        pad = max(6, m)   # room for words the quotation dropped on either side of the window
        a, b = max(0, al.dest_start - pad), min(len(hay), al.dest_end + pad)
    else:
        a, b = 0, len(hay)
    if m * (b - a) > _MAX_DP_CELLS:
        return None
    sub = hay[a:b]
    at = sub.rfind(qchars)
    if at >= 0:
        # printed verbatim (most quotations): _dp's cost-0 path, one run of equal steps, which
        # _opcodes would merge into one Op; built here without the steps
        j1 = lo + a + at
        return SegmentAlignment(q0, (Op("equal", q0, q0 + m, j1, j1 + m),), j1, j1 + m, m, m)
    _, steps, _, _ = _dp_full(qchars, sub)
    ops = _opcodes(steps, q0, lo + a)
    matched = sum(op.i2 - op.i1 for op in ops if op.tag == "equal")
    longest = max((op.i2 - op.i1 for op in ops if op.tag == "equal"), default=0)
    if matched == 0:
        return None
    # the aligned span is from the first to the last equal token
    eq = [op for op in ops if op.tag == "equal"]
    return SegmentAlignment(q0, tuple(ops), eq[0].j1, eq[-1].j2, matched, longest)


def align_segments(segments: list[str], src: SourceText) -> list[SegmentAlignment | None]:
    """Align each ellipsis-separated segment; later segments are looked for after earlier ones."""
    out: list[SegmentAlignment | None] = []
    lo = 0
    q0 = 0
    for seg in segments:
        al = align_tokens(seg, src, lo, q0)
        if al is not None and len(segments) > 1 and al.matched < len(seg) * 0.5 and lo > 0:
            al2 = align_tokens(seg, src, 0, q0)  # out of order: still report where it is
            if al2 is not None and al2.matched > al.matched:
                al = al2
        out.append(al)
        if al is not None and al.s_end > lo and al.matched >= len(seg) * 0.5:
            lo = al.s_end
        q0 += len(seg)
    return out
