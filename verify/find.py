"""Find quotations in a Document: inline quote marks, block quotations and embedded posts.

Every Quotation carries offsets into Document.text (and, through Document, into the file).
The finder is total: whatever the input, it returns a list and never raises.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from .records import Block, Document, Quotation
from .text import STOPWORDS, trim_span as _trim

__all__ = ["find_quotations", "SIGNATURE", "INLINE_SIGNATURE", "POST_LINK", "POST_HANDLE", "Verbatim"]

#: Looks a passage up in the sources: (source id or None, share of its words found verbatim).
Verbatim = Callable[[str], tuple[str | None, float]]

#: a post's handle: "@SecRubio", and with dots, "@name.bsky.social", "@name@mastodon.social"
POST_HANDLE = r"@\w{1,30}(?:[.@][\w-]{1,30}){0,4}"
#: (Bluesky's and Mastodon's embeds give the time after the date, "March 8, 2028 at 12:41 PM")
_SIG_TAIL = (r"[—–-]{1,2}\s*(?P<name>[^()\n—–]{1,80}?)\s*\((?P<handle>" + POST_HANDLE + r")\)\s*"
             r"(?:on\s+(?:X|Twitter)\s*,?\s*)?"
             # "March 4, 2026", "Mar. 4, 2026", "4 March 2026", "19 mars 2026", "12 de abril de 2028"
             r"(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:de\s+)?[A-Za-zÀ-ÿ]{3,10}\.?,?\s+(?:de\s+)?\d{4})"
             r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?)?"
             r"\s*(?P<link>https?://\S+)?\s*$")
SIGNATURE = re.compile(r"^\s*" + _SIG_TAIL)
#: what every signature holds ("(@handle)"): a page or paragraph without it is not searched for one
_HANDLE_OPEN = "(@"
#: a post flattened onto one line: "text pic.twitter.com/… — Name (@handle) March 4, 2026"
INLINE_SIGNATURE = re.compile(r"\s" + _SIG_TAIL)
POST_LINK = re.compile(r"(?:\s*(?:pic\.twitter\.com/\w+|https?://(?:t\.co|x\.com|twitter\.com)/\S+))+\s*$")

_DOUBLE, _SINGLE, _GUIL, _SGUIL = "D", "S", "G", "g"
_OPENERS = "([{—–-/:;"
_CLOSERS = ".,;:!?)]}—–-…"
_MARK_CHARS = set("“”„\"‘’‚'«»‹›")
_MARK_RE = re.compile("[" + "".join(sorted(_MARK_CHARS)) + "]")
_MAX_CARRY = 12          # paragraphs a reopened quotation may run over
_BLOCK_MIN_WORDS = 12


# what may stand right before an opening mark / right after a closing one, besides whitespace
# and the paragraph's edge ("" is in every string: the edge counts)
_LEFT_BOUNDARY = _OPENERS + "“‘«‹„‚\"'"
_RIGHT_BOUNDARY = _CLOSERS + "”’»›\"'"


def _classify(s: str, i: int, lo: int, hi: int, fams: list[str], top_mark: str = "") -> tuple[str, str] | None:
    """('open'|'close', family) for the mark at s[i], or None when it is not a quote mark.
    `fams` are the families of the quotations open around it, innermost last; `top_mark` the
    innermost one's opening mark."""
    ch = s[i]
    prev = s[i - 1] if i > lo else ""
    nxt = s[i + 1] if i + 1 < hi else ""
    lb = prev in _LEFT_BOUNDARY or prev.isspace()
    rb = nxt in _RIGHT_BOUNDARY or nxt.isspace()
    if ch == "“":
        if fams and fams[-1] == _DOUBLE and top_mark == "„":
            return "close", _DOUBLE
        if not lb and rb and _DOUBLE in fams:
            return "close", _DOUBLE
        return "open", _DOUBLE
    if ch == "„":
        return "open", _DOUBLE
    if ch == "”":
        if _DOUBLE not in fams and lb and not rb:
            return "open", _DOUBLE
        return "close", _DOUBLE
    if ch == '"':
        if prev.isdigit() and _DOUBLE not in fams:
            return None  # inches
        if lb and not rb:
            return "open", _DOUBLE
        if rb and not lb:
            return "close", _DOUBLE
        return ("close" if _DOUBLE in fams else "open"), _DOUBLE
    # German and Danish print guillemets pointing inwards, »…« and ›…‹: a » that opens onto
    # a word with none open, and the « that then closes it
    if ch in "«‹":
        fam = _GUIL if ch == "«" else _SGUIL
        if fams and fams[-1] == fam and top_mark in "»›" and not lb:
            return "close", fam
        return "open", fam
    if ch in "»›":
        fam = _GUIL if ch == "»" else _SGUIL
        if fam not in fams and lb and not rb and nxt:
            return "open", fam
        return "close", fam
    if ch in "‘‚":
        if prev.isalnum() and nxt.isalnum():
            return None
        if re.match(r"\d0s\b|em\b|tis\b|twas\b|n\b|til\b|bout\b|cos\b|cause\b", s[i + 1:i + 7]) and _SINGLE not in fams:
            return None
        if not lb and rb and _SINGLE in fams:
            return "close", _SINGLE
        return "open", _SINGLE
    if ch in "’'":
        if prev.isalnum() and nxt.isalnum():
            return None  # apostrophe inside a word
        if i >= lo + 2 and s[i - 1] in "nN" and s[i - 2] in "’'" and (i - 3 < lo or not s[i - 3].isalnum()):
            return None  # the closing elision of "rock ’n’ roll"
        if lb and not rb:
            if re.match(r"\d0s\b|em\b|tis\b|twas\b|n\b|til\b|bout\b|cos\b|cause\b", s[i + 1:i + 7]):
                return None
            return "open", _SINGLE
        if rb and not lb:
            if _SINGLE not in fams:
                return None   # a plural possessive outside any quotation: the drivers' union
            if prev in "sS" and _possessive_inside(s, i, hi):
                return None   # ‘our members’ pay and conditions,’ — the quotation goes on
            return "close", _SINGLE
        return None
    return None


def _possessive_inside(s: str, i: int, hi: int) -> bool:
    """Is the ’ at s[i] (after an s, inside a single-quoted quotation) a plural possessive? Yes
    when a word follows ("members’ pay", "Ministers’ Interests") and a later ’ in the paragraph
    can close the quotation with no new opening ‘ before it."""
    if not re.match(r"[ \u00a0]\w", s[i + 1:i + 3]):   # (a line break ends a headline's quotation)
        return False
    for j in range(i + 1, hi):
        ch = s[j]
        if ch == "‘" or (ch == "'" and s[j - 1].isspace() and j + 1 < hi and s[j + 1].isalnum()):
            return False   # a new quotation opens first
        if ch in "’'" and s[j - 1] not in " \t\n" and (j + 1 >= hi or not s[j + 1].isalnum()):
            return True
    return False


class _Open:
    __slots__ = ("pos", "mark")

    def __init__(self, pos: int, mark: str) -> None:
        self.pos, self.mark = pos, mark


_MAX_DEPTH = 8   # real nesting is 2-3 deep; a deeper stack is unclosed marks (and costs O(depth) per mark)


def _scan_inline(text: str, blocks: list[tuple[int, int]],
                 furniture: frozenset[int] = frozenset()) -> list[tuple[int, int, str, int, bool]]:
    """Quote-mark pairs: (open, close, mark, depth, continues). A quotation left open at a
    paragraph's end and reopened in the next closes there (close: the paragraph's end;
    continues: True) and opens again.
    `furniture`: indices of site furniture blocks, which a quotation open over paragraphs steps
    over ("ADVERTISEMENT")."""
    found = []
    carried: list = []  # [(family, _Open)] still open at the end of the previous block
    carried_len = 0
    prev_hi = 0
    for bi, (lo, hi) in enumerate(blocks):
        if carried and bi in furniture and bi + 1 < len(blocks) and not _MARK_RE.search(text, lo, hi):
            continue   # an ad or "Story continues below" between two paragraphs of one quotation
        stack: list = []
        fams: list[str] = []   # the stack's families, kept alongside it for _classify
        if carried:
            j = lo
            while j < hi and text[j].isspace():
                j += 1
            fam, op = carried[0]
            reopen = j < hi and text[j] in _MARK_CHARS and _classify(text, j, lo, hi, []) == ("open", fam)
            if reopen and carried_len < _MAX_CARRY:
                # a quotation run over paragraphs (the mark left open, then reopened): a quotation
                # a paragraph, as a block quotation is, each judged on its own words
                found.append((op.pos, prev_hi, op.mark, 0, True))
                op = _Open(j, text[j])
                stack.append((fam, op.pos, op.mark, op))
                fams.append(fam)
                lo_scan = j + 1
                carried_len += 1
            else:
                lo_scan = lo
                carried_len = 0
        else:
            lo_scan = lo
        carried = []
        # only the quote marks matter: the regex steps over the words between them
        for mm in _MARK_RE.finditer(text, lo_scan, hi):
            i = mm.start()
            ch = mm.group()
            cls = _classify(text, i, lo, hi, fams, stack[-1][2] if stack else "")
            if cls:
                kind, fam = cls
                if kind == "open":
                    stack.append((fam, i, ch, _Open(i, ch)))
                    fams.append(fam)
                    if len(stack) > _MAX_DEPTH:   # unclosed marks piling up: the oldest is no quotation
                        del stack[0]
                        del fams[0]
                else:
                    for k in range(len(stack) - 1, -1, -1):
                        if stack[k][0] == fam:
                            op = stack[k][3]
                            del stack[k:]
                            del fams[k:]
                            found.append((op.pos, i, op.mark, len(stack), False))
                            break
        # a quotation still open at the end of a paragraph may continue in the next one
        outer = [e for e in stack if e[0] in (_DOUBLE, _GUIL, _SINGLE)] if stack else None
        if outer and bi + 1 < len(blocks) and bi not in furniture:
            fam, _, _, op = outer[0]
            carried = [(fam, op)]
            prev_hi = hi
        else:
            carried_len = 0
    return found


def _make(doc: Document, start: int, end: int, kind: str, parts: Iterable[tuple[int, int]],
          block: int, zone: str, mark: str = "", nested: bool = False, cut: bool = False,
          embed: dict[str, str] | None = None, continues: bool = False) -> Quotation:
    fs, fe = doc.file_span(start, end)
    line, col = doc.line_col(fs)
    return Quotation(path=doc.path, text=doc.text[start:end], start=start, end=end, kind=kind,
                     parts=tuple(parts), zone=zone, block=block, mark=mark, nested=nested,
                     ends_with_cut=cut, continues=continues, embed=embed, file_start=fs, file_end=fe, line=line, column=col)


_ALNUM = re.compile(r"[^\W_]")   # str.isalnum(), one character


def _has_word(s: str) -> bool:
    return _ALNUM.search(s) is not None


def _block_text(doc: Document, b: Block) -> str:
    return doc.text[b.start:b.end]


def _strip_link(doc: Document, a: int, b: int) -> tuple[int, int]:
    m = POST_LINK.search(doc.text, a, b)
    if m and m.end() == b:
        b = m.start()
    return _trim(doc.text, a, b)


def _unquote(text: str, a: int, b: int) -> tuple[int, int]:
    """A post printed inside its own quote marks: the words without them."""
    if b - a >= 2 and text[a] in "“\"«„" and text[b - 1] in "”\"»“" and not any(ch in "“”\"«»„" for ch in text[a + 1:b - 1]):
        return _trim(text, a + 1, b - 1)
    return a, b


def _unquote_parts(text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A block quotation printed inside its own quote marks (a pull quote: “…”, each further
    paragraph reopened with “): its words without them, as an inline quotation's are. Left
    alone when other marks inside would make the outer pair ambiguous."""
    a, e = parts[0][0], parts[-1][1]
    if e - a < 2 or text[a] not in _BLOCK_OPEN or text[e - 1] not in _BLOCK_CLOSE:
        return parts
    inner = [(pa + 1 if text[pa] == text[a] else pa, pb) for pa, pb in parts]
    inner[-1] = (inner[-1][0], inner[-1][1] - 1)
    if any(ch in _BLOCK_OPEN or ch in _BLOCK_CLOSE for pa, pb in inner for ch in text[pa:pb]):
        return parts
    out = [_trim(text, pa, pb) for pa, pb in inner]
    return [(pa, pb) for pa, pb in out if pb > pa] or parts


_BLOCK_OPEN, _BLOCK_CLOSE = frozenset("“\"«„"), frozenset("”\"»“")


def _oneline_embeds(doc: Document, used: set[int]) -> list[Quotation]:
    """Posts flattened onto one line with their signature at its end."""
    out = []
    text = doc.text
    for i, b in enumerate(doc.blocks):
        if i in used or b.zone != "body" or b.kind != "p" or b.end - b.start > 2000:
            continue
        if text.find(_HANDLE_OPEN, b.start, b.end) == -1:
            continue   # no "(@handle)": no signature (a substring search, not the pattern's scan)
        m = INLINE_SIGNATURE.search(doc.text, b.start, b.end)
        if not m or m.end() != b.end or SIGNATURE.match(_block_text(doc, b)):
            continue
        pa, pb = _unquote(doc.text, *_strip_link(doc, b.start, m.start()))
        if pb <= pa or not _has_word(doc.text[pa:pb]) and not doc.text[pa:pb].strip():
            continue
        cut = doc.text[pa:pb].rstrip().endswith(("…", "..."))
        meta = {"author": m.group("name").strip(), "handle": m.group("handle"), "date": m.group("date")}
        out.append(_make(doc, pa, pb, "embed", [(pa, pb)], i, "body", cut=cut, embed=meta))
        used.add(i)
    return out


def _embeds(doc: Document, verbatim: Verbatim | None, used: set[int]) -> list[Quotation]:
    """Plain-text embedded posts: body lines, then a `— Name (@handle) Month D, YYYY` line."""
    if _HANDLE_OPEN not in doc.text:
        return []   # every signature names a handle in parentheses: a page without one has no post
    out = _oneline_embeds(doc, used)
    blocks = doc.blocks
    sig_idx = [i for i, b in enumerate(blocks)
               if b.zone == "body" and b.kind == "p" and b.end - b.start < 200 and SIGNATURE.match(_block_text(doc, b))]
    sigs = set(sig_idx)
    for k in sig_idx:
        if k in used:
            continue
        m = SIGNATURE.match(_block_text(doc, blocks[k]))
        assert m is not None
        body: list[int] = []
        j = k - 1
        if j >= 0 and j not in sigs and j not in used and blocks[j].zone == "body" and blocks[j].kind in ("p", "embed"):
            body.append(j)
        if not body:
            continue
        # the signature may sit between the post's paragraphs: lines up to one ending in a post link
        after: list[int] = []
        for j in range(k + 1, min(k + 5, len(blocks))):
            if j in sigs or blocks[j].zone != "body":
                break
            after.append(j)
            bt = _block_text(doc, blocks[j])
            if POST_LINK.search(bt):
                if j + 1 < len(blocks) and (j + 1) in sigs:
                    after = []
                break
        else:
            after = []
        if after and not POST_LINK.search(_block_text(doc, blocks[after[-1]])):
            after = []
        # earlier lines of the same post: they reproduce the same source as its last line
        last = after[-1] if after else body[0]
        a, b = _strip_link(doc, blocks[last].start, blocks[last].end)
        src, _ = verbatim(doc.text[a:b].rstrip("…. ")) if verbatim else (None, 0.0)
        j = body[0] - 1
        while src and j >= 0 and j not in sigs and j not in used and blocks[j].zone == "body" and blocks[j].kind == "p":
            t = _block_text(doc, blocks[j])
            if t.rstrip().endswith(":"):
                break
            s2, cov = verbatim(t) if verbatim else (None, 0.0)
            if s2 != src or cov < 0.8:
                break
            body.insert(0, j)
            j -= 1
        members = body + ([k] if after else []) + after
        parts = []
        for j in members:
            if j == k:
                continue
            pa, pb = _unquote(doc.text, *_strip_link(doc, blocks[j].start, blocks[j].end))
            if pb > pa:
                parts.append((pa, pb))
        if not parts:
            continue
        start, end = parts[0][0], parts[-1][1]
        cut = doc.text[start:end].rstrip().endswith(("…", "..."))
        meta = {"author": m.group("name").strip(), "handle": m.group("handle"), "date": m.group("date")}
        if m.group("link"):
            meta["url"] = m.group("link")
        out.append(_make(doc, start, end, "embed", parts, members[0], "body", cut=cut, embed=meta))
        used.update(members)
        used.add(k)
    return out


def _blockquotes(doc: Document, verbatim: Verbatim | None, used: set[int]) -> list[Quotation]:
    out = []
    blocks = doc.blocks
    prev_src: str | None = None
    prev_block = -2
    for i, b in enumerate(blocks):
        if i in used or b.zone != "body":
            continue
        t = _block_text(doc, b)
        if b.kind == "embed":   # HTML embeds carry their own boundaries
            parts = [_strip_link(doc, b.start, b.end)]
            a, e = parts[0]
            if e > a:
                cut = doc.text[a:e].rstrip().endswith(("…", "..."))
                out.append(_make(doc, a, e, "embed", parts, i, b.zone, cut=cut, embed=dict(b.meta)))
            used.add(i)
            continue
        if b.kind == "blockquote":
            parts = _md_quote_parts(doc, b)
            # (the signature line may have a site's "[Show more]" after it: the last line or two)
            at = next((k for k in range(len(parts) - 1, max(1, len(parts) - 3) - 1, -1)
                       if SIGNATURE.match(doc.text[parts[k][0]:parts[k][1]])), None)
            sig = SIGNATURE.match(doc.text[parts[at][0]:parts[at][1]]) if at is not None else None
            if sig:   # a post quoted with its signature line: "> text" / "> — Name (@handle) date"
                body = [_unquote(doc.text, *_strip_link(doc, a, e)) for a, e in parts[:at]]
                body = [(a, e) for a, e in body if e > a]
                if body:
                    cut = doc.text[body[0][0]:body[-1][1]].rstrip().endswith(("…", "..."))
                    meta = {"author": sig.group("name").strip(), "handle": sig.group("handle"), "date": sig.group("date")}
                    out.append(_make(doc, body[0][0], body[-1][1], "embed", body, i, b.zone, cut=cut, embed=meta))
            elif parts and not _attributed_inline(doc.text[parts[0][0]:parts[-1][1]]):
                lab = _TURN_LABEL.match(doc.text, *parts[0])
                if lab:   # an exchange quoted as a transcript: "<strong>Montecinos:</strong> El Pañuelo will …"
                    parts[0] = (lab.end(), parts[0][1])
                parts = _unquote_parts(doc.text, parts)
                out.append(_make(doc, parts[0][0], parts[-1][1], "block", parts, i, b.zone))
            used.add(i)
            continue
        if b.kind != "p":
            continue
        # a list item: its words, not its bullet; a paragraph set in bold or italics: its words
        stripped = _EMPHASIS.sub("", _LIST_MARK.sub("", t.strip()))
        # (a split that stops after the words it needs to count: a long paragraph is not cut up)
        if not stripped or stripped[0] in _MARK_CHARS or len(stripped.split(None, _BLOCK_MIN_WORDS)) < _BLOCK_MIN_WORDS:
            prev_src = None
            continue
        if LABELLED_QUOTE.match(stripped):
            # '- Solberg on safety: "We take safety seriously."' (a list of sound bites): the
            # quotation inside the marks, credited by its label, not a block quotation of the line
            prev_src = None
            continue
        after_colon = i > 0 and blocks[i - 1].zone == "body" and _block_text(doc, blocks[i - 1]).rstrip().endswith(":")
        # a paragraph is a block quotation only when an introducing colon or the block quotation
        # just before vouches for it: one that merely matches a source is the reporter's prose
        # reusing a release's sentence, as wire copy does, not words presented as someone's (and
        # the source lookup, most of this finder's time, is skipped for it)
        follows = prev_src is not None and prev_block == i - 1
        lookup = verbatim is not None and (after_colon or follows)
        src, cov = verbatim(stripped) if lookup else (None, 0.0)
        continues = follows and src == prev_src and cov >= 0.8
        # (after a colon, an unknown paragraph is a block quotation of a text not in the library;
        # but under a Q&A excerpt's topic heading, "On those reports:", one quoting inline is
        # the writer's prose)
        if (after_colon and (cov >= 0.6 or not src and not (_OPENING_MARK.search(stripped) and TOPIC_HEADING.match(
                _block_text(doc, blocks[i - 1]))))) or continues:
            if after_colon and not src and (stripped.endswith(":") or len(stripped) < 120):
                prev_src = None
                continue
            a, e = _trim(doc.text, b.start, b.end)
            lab = _TURN_LABEL.match(doc.text, a, e)
            if lab:   # an exchange printed as a transcript: "PRYDDERCH: Who knew …?" — the words, not the label
                a = lab.end()
            out.append(_make(doc, a, e, "block", [(a, e)], i, b.zone))
            used.add(i)
            prev_src, prev_block = src, i
        else:
            prev_src = None
    return out


_OPENING_MARK = re.compile("[“\"«„‘‹]")
#: a list item's bullet or number ("- ", "• ", "2. ")
LIST_MARK = r"(?:[-*+•]|\d{1,2}[.)])\s+"
#: a label, a colon, then an opening mark: 'Solberg: "…"', 'The agency: “…”'; or a Q&A list's
#: question: 'Any injuries? "One firefighter was treated …"' (maybe after a bullet)
LABELLED_QUOTE = re.compile("\\s*(?:" + LIST_MARK + ")?(?:[^\n“\"«„‘:]{1,80}:|[^\n“\"«„‘:?!.]{3,80}\\?)\\s*[“\"«„‘]")
#: a Q&A excerpt's topic heading ("On why she left TV:"): a heading, no clause ("On X, the bench said:")
TOPIC_HEADING = re.compile(r"\s*On\s+[^:,;\n]{1,60}:\s*$")
#: a transcript's speaker label opening a paragraph: "PRYDDERCH: ", "MR SPEAKER: ", or one word
#: as printed before words that open with a capital ("Montecinos: El Pañuelo …", "Reporter: Should …")
TURN_LABEL = r"[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3}|[A-Z][\w’'-]{1,24}"
_TURN_LABEL = re.compile(r"(?P<label>" + TURN_LABEL + r"):\s+(?=[A-Z“\"«„‘])")
_EMPHASIS = re.compile(r"^[*_]{1,3}(?=\S)")
_LIST_MARK = re.compile("^" + LIST_MARK)


def _attributed_inline(text: str) -> bool:
    """'"We will do it," he told delegates.' quoted with '>': an inline quotation and its
    attribution, not a block quotation."""
    t = text.strip()
    if not t or t[0] not in "“\"«„‘":
        return False
    closer = {"“": "”", "\"": "\"", "«": "»", "„": "“", "‘": "’"}[t[0]]
    k = t.find(closer, 1)
    return k != -1 and bool(re.search(r"[a-z]{2,}", t[k + 1:]))


def _md_quote_parts(doc: Document, b: Block) -> list[tuple[int, int]]:
    parts = []
    pos = b.start
    for line in doc.text[b.start:b.end].split("\n"):
        a, e = pos, pos + len(line)
        k = a
        while k < e and (doc.text[k] in " \t>"):
            k += 1
        ta, te = _trim(doc.text, k, e)
        if te > ta:
            parts.append((ta, te))
        pos = e + 1
    return parts


# "the film “Groundhog Day”", "a novel titled ‘The Long Road’": the marks set off a work's title,
# nobody's words. Only a short run whose every longer word is capitalised counts as a title, so
# "the album "will be released in the fall"" stays a quotation.
_WORK_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|his|her|their|its|new|hit|latest)\s+(?:\w+\s+)?"
    r"(?:film|movie|novel|book|song|single|album|play|musical|opera|series|sitcom|documentary|"
    r"podcast|episode|poem|painting|show|memoir|exhibition|hit)|\b(?:titled|entitled)"
    r"|\b(?:release|premiere|debut|sequel|remake|launch)\s+of)\s*[,:]?\s*$",
    re.IGNORECASE)
# ... or the kind of work follows the title: "told BBC Radio 4's “Today” programme"
_WORK_AFTER = re.compile(r"\s+(?:programme|program|show|podcast|series|documentary|album|film|movie|"
                         r"newsletter|column|segment|singer|star|hitmaker|rapper|actor|actress|author|director|"
                         r"songwriter|creator)\b", re.IGNORECASE)
_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by as is it my your our de la".split())


def _is_title(text: str, o: int, a: int, e: int, c: int) -> bool:
    if not text[a].isupper() or text.count(" ", a, e) > 7:   # most quotations: no need to split
        return False
    words = text[a:e].rstrip(".,;:!?").split()
    if not words or len(words) > 8:
        return False
    if any(not w[:1].isupper() and w.lower() not in _SMALL_WORDS for w in words):
        return False
    nb = _NAME_BEFORE.search(text, max(0, o - 30), o) if len(words) <= 2 else None
    na = _NAME_AFTER.match(text, c + 1) if nb else None
    if na and nb.group(1).lower() not in STOPWORDS and na.group(1).lower() not in STOPWORDS:
        # a nickname between a first name and a surname: Tom "Tommo" Vallance (not a headline's
        # title case: 'Press Flack Admits ‘Patience’ Is Running Out')
        return True
    return _WORK_BEFORE.search(text, max(0, o - 40), o) is not None or _WORK_AFTER.match(text, c + 1) is not None


_NAME_BEFORE = re.compile(r"(?<![.!?:]\s)\b([A-Z][a-z][\w’'-]*)\s$")
_NAME_AFTER = re.compile(r"\s([A-Z][a-z][\w’'-]*)\b(?![’']s\b)")


def find_quotations(doc: Document, verbatim: Verbatim | None = None) -> list[Quotation]:
    """All quotations of `doc` in text order; those in furniture are marked zone='furniture'."""
    used: set[int] = set()
    quotes = _embeds(doc, verbatim, used)
    quotes += _blockquotes(doc, verbatim, used)
    containers = [(q.start, q.end) for q in quotes]
    # a block's own paragraphs ("> “First … / > “Second …”"): a reopened paragraph's marks
    # pair up again, but the words are already the block's
    own_parts = {p for q in quotes if len(q.parts) > 1 for p in q.parts}
    # inline marks: scan runs of consecutive text blocks (a quotation may reopen in the next one)
    text = doc.text
    idx_of = []   # the block index of each range
    ranges = []
    zone_at = []
    starts = []
    for i, b in enumerate(doc.blocks):
        if b.kind != "header" and b.zone != "header":
            idx_of.append(i)
            ranges.append((b.start, b.end))
            zone_at.append(b.zone)
            starts.append(b.start)
    furniture = frozenset(k for k, z in enumerate(zone_at) if z == "furniture")
    import bisect

    for o, c, mark, depth, continues in _scan_inline(text, ranges, furniture):
        a, e = _trim(text, o + 1, c)
        if e <= a or not _has_word(text[a:e]) or _is_title(text, o, a, e, c):
            continue
        parts = [(a, e)]
        k = bisect.bisect_right(starts, o) - 1
        zone = zone_at[k] if k >= 0 else "body"
        nested = depth > 0
        if containers:   # (most pages quote no post or block)
            if any(s - 1 <= o and c <= t + 1 and (e - a) >= 0.9 * (t - s) for s, t in containers):
                continue   # the marks around a quoted post or block: the post itself is the quotation
            if (a, e) in own_parts:
                continue
            nested = nested or any(s <= o and c <= t for s, t in containers)
        quotes.append(_make(doc, a, e, "inline", parts, idx_of[k] if k >= 0 else 0, zone, mark=mark, nested=nested,
                            continues=continues))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes
