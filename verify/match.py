"""The source index in memory and the search for the passage a quotation comes from."""

from __future__ import annotations

import contextlib
import operator
import re
import unicodedata
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

import attrs
from rapidfuzz import fuzz

from .align import SegmentAlignment, SourceText, Vocabulary, align_segments
from .records import Source
from .sources import UNNAMED_VOICE, has_voices, turn_at
from .text import ELLIPSIS, Token, language_of, tokenize

__all__ = ["QuoteTokens", "Match", "SourceIndex", "quote_tokens", "same_speaker"]

_MAX_QUOTE_TOKENS = 3000
#: candidate statements handed to the word alignment for a quotation (IndexedSources.prefetch
#: reads ahead for the same number)
CANDIDATES = 4
#: a Token's flag, read in C (Token is a tuple)
_FLAG = operator.itemgetter(Token._fields.index("flag"))


class QuoteTokens(NamedTuple):
    """A quotation's words split at ellipses: one token list per segment. (A NamedTuple, as
    Match: one or two are made for every quotation, and an attrs record costs 3x a tuple.)"""

    segments: tuple[tuple[Token, ...], ...]
    ellipsis_inside: bool     # an ellipsis between two segments
    ellipsis_edge: bool       # an ellipsis at the start or end of an inline quotation
    words: int                # printed words

    @property
    def tokens(self) -> list[Token]:
        return [t for seg in self.segments for t in seg]


def quote_tokens(parts: list[tuple[int, str]], cut: bool = False) -> QuoteTokens:
    """Tokens of the quoted parts [(offset, text)], split at ellipses. With cut=True a trailing
    ellipsis is the cut of an embedded post, not an omission."""
    segments: list[list[Token]] = [[]]
    inside = edge = False
    for pi, (base, text) in enumerate(parts):
        pos = 0
        for m in ELLIPSIS.finditer(text) if _may_hold_ellipsis(text) else ():
            before = text[pos:m.start()]
            segments[-1].extend(tokenize(before, base + pos))
            at_start = not any(t for s in segments for t in s)
            at_end = not re.search(r"\w", text[m.end():]) and pi == len(parts) - 1
            if at_start or at_end:
                if not (cut and at_end):
                    edge = True
            else:
                inside = True
                segments.append([])
            pos = m.end()
        segments[-1].extend(tokenize(text[pos:], base + pos))
    segs = tuple(tuple(s) for s in segments if s)
    # printed words: a word's several tokens ("it's": it, is) share its start
    words = len(set(map(_START, chain.from_iterable(segs))))
    return QuoteTokens(segs, inside, edge, words)


#: the two characters every ELLIPSIS match holds one of: "…", or dots at most a blank apart
_DOTS = re.compile(r"\.\s?\.")
_START = operator.itemgetter(Token._fields.index("start"))


def _may_hold_ellipsis(text: str) -> bool:
    """Whether ELLIPSIS can match in `text`: its leading blanks make the engine try it at every
    character (3.5 us a quotation), where these searches skip to a "…" or a "." in C."""
    return "…" in text or _DOTS.search(text) is not None


def _fold_name(s: str) -> list[str]:
    return list(_folded_name(s or ""))


@lru_cache(maxsize=4096)
def _folded_name(s: str) -> tuple[str, ...]:
    """Kept per name: attribution compares the same few speakers with every candidate source."""
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    return tuple(w for w in re.findall(r"[a-z0-9]+", s) if w not in ("the", "of", "u", "s", "us", "and", "for"))


def same_speaker(name: str | None, source: Source | None) -> bool | None:
    """Whether an attributed speaker names the source's speaker (or its organization, or handle).
    None when either side is unknown."""
    if not name or source is None or not (source.speaker or source.organization or source.handle):
        return None
    return _same_speaker(name, source.speaker, source.organization, source.handle)


@lru_cache(maxsize=1 << 14)
def _same_speaker(name: str, speaker: str | None, organization: str | None, handle: str | None) -> bool | None:
    """same_speaker's answer, kept per name and source speaker: a page's few speakers are
    compared with every candidate statement, and a library's speakers repeat."""
    a = _fold_name(name)
    if not a:
        return None
    if handle and name.strip().lstrip("@").lower() == handle.lstrip("@").lower():
        return True
    for other in (speaker, _org_core(organization or "")):
        b = _fold_name(other)
        if not b:
            continue
        if a[-1] == b[-1] or set(a) == set(b) or " ".join(a) in " ".join(b) or " ".join(b) in " ".join(a) \
                or _acronym(a, b):
            return True
    return False


# a speaker named only by the kind of body ("Union: 'We did not walk away'", "the ministry said"):
# it names no one the source's organization could contradict
_GENERIC_BODIES = frozenset(
    "union unions company firm government ministry department council police party committee agency "
    "board authority office campaigners campaign group operator club league court prosecutors".split())


def is_generic_body(name: str | None) -> bool:
    """Whether a speaker is only the kind of body ("union", "the ministry"): a statement of that
    body's matched source is its speaker's, and without one the quotation names nobody."""
    return bool(name) and _fold_name(name) in ([w] for w in _GENERIC_BODIES)


def _org_core(organization: str) -> str:
    """An organization header's names, not a description set off by a comma: "Hollis & Pryor
    LLP, counsel for plaintiff Grant Helms" is the firm, and Grant Helms is no part of it; nor
    a legal form written with dots ("Ferravento S.p.A.", "Dekker B.V."), which folds to letters."""
    organization = LEGAL_FORM.sub("", organization)
    if "," not in organization:
        return organization
    return ",".join(p for p in organization.split(",") if not p.strip()[:1].islower())


#: what a header adds in parentheses: the body's letters ("(FNPR)") or its country ("(UK)")
_PARENTHESES = re.compile(r"\s*\(([^()]{1,40})\)")
#: a company's legal form after its name: "Inc.", "GmbH", "S.p.A.", "B.V.", "Pty Ltd"
LEGAL_FORM = re.compile(r",?\s+(?:Inc|Corp|Co|Ltd|LLC|PLC|plc|SA|AG|NV|SE|GmbH|S\.p\.A|S\.r\.l|S\.A|N\.V|B\.V|"
                        r"AB|Oy|SAS|SARL|Pty\.?\s+Ltd|K\.K)\.?$")


def is_organization_of(name: str | None, source: Source | None) -> bool:
    if not name or source is None or not source.organization:
        return False
    a = _fold_name(name)
    if len(a) == 1 and a[0] in _GENERIC_BODIES:
        return True
    if a == ["family"]:   # "his family said": a statement issued for the family (the header says so)
        return "family" in _fold_name(source.organization) or "family" in _fold_name(source.provenance or "")
    if not a:
        return False
    if any(len(p) >= 3 and p.isupper() and a == _fold_name(p) for p in _PARENTHESES.findall(source.organization)):
        return True   # "FNPR" for "Fédération nationale des producteurs ruraux (FNPR)"
    sm = _ENVOY_OF.search(source.organization)
    if sm and a == _fold_name(sm.group("state")):
        return True   # "Dravenia said" for its "Permanent Mission of the Republic of Dravenia to the United Nations"
    b = _fold_name(_org_core(source.organization))
    # (its letters leave out a country in parentheses: "PSA" for "Product Safety Authority (UK)")
    return set(a) == set(b) or set(a) <= set(b) and len(a) >= 2 or _acronym(a, b) \
        or _acronym(a, _fold_name(_PARENTHESES.sub("", _org_core(source.organization)))) \
        or len(a) == 1 and _short_name_of(a[0], b) \
        or len(a) == 1 and _short_name_of(a[0], _fold_name(_org_core(_PARENTHESES.sub("", source.organization))))


def _short_name_of(word: str, org: list[str]) -> bool:
    """'Lumora' for Lumora Inc.; 'Valtrion' for the statement of "Valtrion Semiconductors N.V.
    (Supervisory Board)", a body of the company the parentheses name."""
    return len(org) >= 2 and word == org[0] and all(w in _SHORT_NAME_TAIL for w in org[1:])


#: a state's voice abroad, named in a header: its mission, embassy or foreign ministry
_ENVOY_OF = re.compile(r"\b(?:Mission|Misión|Embassy|Embajada|Ambassade|Delegation|Ministry of Foreign Affairs)\b"
                       r"[^,]*?\b(?:of|de|du)\s+(?:the\s+)?(?:(?:Republic|Kingdom|State|Federation)\s+of\s+)?"
                       r"(?P<state>[A-ZÀ-Ý][\w-]+(?:\s+[A-ZÀ-Ý][\w-]+)*)")
#: what a company's or a university's short name leaves off ("Lumora" for Lumora Inc.,
#: "Whitmore" for Whitmore University)
_SHORT_NAME_TAIL = frozenset(
    "inc ltd llc plc corp corporation co company group holdings university college institute health hospital "
    "hospitals airlines airways bank foundation technologies systems labs media motors energy pharmaceuticals "
    "partners international semiconductor semiconductors logistics therapeutics biosciences software networks ai "
    "tech motor automotive industries electric electronics chemical chemicals steel telecom communications".split())


def _acronym(a: list[str], b: list[str]) -> bool:
    """'DHS' for the Department of Homeland Security, 'USTR', 'NTSB'; 'UKHPA' for the UK Health
    Protection Agency (a two-letter word, itself letters, counts whole)."""
    return len(a) == 1 and len(a[0]) >= 2 and len(b) >= 2 and a[0] in ("".join(w[0] for w in b),
                                                                       "".join(w if len(w) <= 2 else w[0] for w in b))


class Match(NamedTuple):
    """The best alignment of a quotation with one source."""

    source: SourceText
    alignments: tuple[SegmentAlignment | None, ...]
    matched: int
    denom: int
    longest: int
    #: quotation words past the end of a source known to be cut ("truncated: true"): not checkable
    beyond: int = 0

    @property
    def coverage(self) -> float:
        return self.matched / self.denom if self.denom else 0.0


def as_said(m: Match) -> Source:
    """The source as whoever said the matched words: a transcript's other voice (sources.voice_at:
    a senator in a hearing's record, a reporter's question) stands as its speaker, else the
    source itself."""
    return _as_voice(m.source.source, said_in(m))


def said_at(src: Source, pos: int | None) -> Source:
    """as_said for the source words at offset `pos` (a Finding's source_start)."""
    return _as_voice(src, turn_at(src, pos) if pos is not None and has_voices(src) else None)


#: the speaker of a transcript's unnamed question ("Q:") as said_at gives it
QUESTIONER = "a questioner in the transcript"


def is_questioner(said: Source) -> bool:
    """Whether said_at's voice is a transcript's unnamed questioner (a reporter)."""
    return said.speaker == QUESTIONER


def _as_voice(src: Source, turn: tuple[int, int, str, str] | None) -> Source:
    if turn is None:
        return src
    if turn[2] == UNNAMED_VOICE:
        # the presiding officer ("THE COMMISSIONER:"): somebody, but nobody the label names,
        # so neither the speaker's words nor evidence that an article's name is wrong
        return attrs.evolve(src, speaker=None, handle=None, organization=None)
    # (the label's affiliation stands as the voice's organization: "China said" names the
    # envoy of "Mr. Zhao Minghui (China):")
    return attrs.evolve(src, speaker=turn[2] or QUESTIONER, handle=None,
                        organization=turn[3] or None)


def said_in(m: Match) -> tuple[int, int, str, str] | None:
    """The turn of another voice (sources.turn_at) where a transcript's matched words are, or None."""
    src = m.source.source
    if not has_voices(src):
        return None
    als = [al for al in m.alignments if al is not None]
    if not als:
        return None
    lo = min(al.s_start for al in als)
    toks = m.source.tokens_between(lo, lo + 1)
    return turn_at(src, toks[lo].start) if lo < len(toks) and toks[lo] is not None else None


def source_language(src: Source) -> str | None:
    """A source's language: its `language:` header, else guessed from its words."""
    declared = (src.meta or {}).get("language", "").strip().lower()[:2]
    return declared or language_of(src.text[:4000])


def _whole_sentences(m: Match) -> bool:
    """Whether the quotation's words begin and end a sentence of the source."""
    als = [a for a in m.alignments if a is not None]
    return bool(als) and als[0].s_start in m.source.sentence_starts and als[-1].s_end in m.source.sentence_ends


class SourceIndex:
    """All sources, tokenised once. `candidates` ranks them for a quotation with rapidfuzz."""

    def __init__(self, sources: list[Source]) -> None:
        self.vocab = Vocabulary()
        self.sources = list(sources)
        self.texts = [SourceText.build(s, self.vocab) for s in self.sources]
        self.by_id = {t.source.id: t for t in self.texts}
        self._flat = [(t, self._squash(t.source.text)) for t in self.texts]
        self._verbatim_cache: dict[str, tuple[str | None, float]] = {}
        self._languages: dict[str, str | None] = {}
        self._encoded: tuple[QuoteTokens | None, list[str]] = (None, [])

    @staticmethod
    def _squash(s: str) -> str:
        return "".join(ch for ch in s if not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Cf"))

    def segment_chars(self, qt: QuoteTokens) -> list[str]:
        """The quotation's segments as token characters (Vocabulary.encode), kept for the last
        quotation: ranking, aligning and judging it each ask for them."""
        last, chars = self._encoded
        if last is not qt:
            chars = [self.vocab.encode(seg) for seg in qt.segments]
            self._encoded = (qt, chars)
        return chars

    def emoji_match(self, text: str) -> SourceText | None:
        """A quotation with no words at all (an emoji post) matches a source printed the same."""
        sq = self._squash(text)
        if not sq:
            return None
        for t, flat in self._flat:
            if flat == sq:
                return t
        return None

    def reading(self) -> contextlib.AbstractContextManager:
        """A context in which the reads of one article share what they can (the index's one
        read transaction); nothing to share in memory."""
        return contextlib.nullcontext()

    def prefetch(self, qts: list[QuoteTokens]) -> None:
        """Get ready to be asked `candidates` of each of `qts` (an article's quotations): the
        index reads them in one go; a scan in memory has nothing to read."""

    def candidates(self, qt: QuoteTokens, limit: int = CANDIDATES) -> list[SourceText]:
        """Every source ranked (brute force); verify/index.py's IndexedSources ranks only the
        few its postings propose."""
        return self.rank(qt, self.texts, limit)

    def rank(self, qt: QuoteTokens, texts: list[SourceText], limit: int = CANDIDATES) -> list[SourceText]:
        """The `limit` texts most like the quotation, by rapidfuzz partial_ratio over word characters."""
        joined = "".join(self.segment_chars(qt))
        if not joined:
            return []
        scored = []
        for t in texts:
            if not t.chars:
                continue
            sc = fuzz.partial_ratio(joined, t.chars) if len(joined) <= len(t.chars) else fuzz.partial_ratio(t.chars, joined)
            scored.append((sc, t))
        scored.sort(key=lambda x: -x[0])
        return [t for sc, t in scored[:limit] if sc > 0]

    def match(self, qt: QuoteTokens, src: SourceText) -> Match:
        als = align_segments(self.segment_chars(qt), src)
        matched = denom = longest = 0
        for seg, al in zip(qt.segments, als, strict=True):
            if al is not None:
                longest = max(longest, al.longest)
            if not any(map(_FLAG, seg)):
                # no editorial words (most quotations): every word counts, the equal ones match
                denom += len(seg)
                matched += al.matched if al is not None else 0
                continue
            eq_idx: set[int] = set()
            if al is not None:
                for op in al.ops:
                    if op.tag == "equal":
                        eq_idx.update(range(op.i1 - al.q0, op.i2 - al.q0))
            for k, tok in enumerate(seg):
                if tok.flag == "bracket":
                    continue          # editorial: not the speaker's words
                if tok.flag == "paren" and k not in eq_idx:
                    continue          # an editorial parenthesis
                denom += 1
                matched += k in eq_idx
        beyond = 0
        last = als[-1] if als else None
        if src.source.truncated and last is not None and last.s_end >= len(src.chars):
            # the source copy stops where the quotation goes on: its remaining words cannot be checked
            last_eq = max(op.i2 for op in last.ops if op.tag == "equal")
            total = sum(len(seg) for seg in qt.segments)
            beyond = sum(1 for tok in qt.tokens[last_eq:total] if tok.flag != "bracket")
            denom -= beyond
        return Match(src, tuple(als), matched, denom, longest, beyond)

    def best(self, qt: QuoteTokens, prefer: str | None = None) -> Match | None:
        """The best-matching source; among near-equal ones, one whose speaker is `prefer`."""
        if sum(len(s) for s in qt.segments) > _MAX_QUOTE_TOKENS:
            return None
        cands = self.candidates(qt)
        if len(cands) == 1:
            return self.match(qt, cands[0])   # (most quotations: nothing to weigh it against)
        best: Match | None = None
        best_key = None
        for src in cands:
            m = self.match(qt, src)
            # last, on a tie: a statement where the words are a whole sentence (one statement
            # says "The hospital is not for sale.", another "… not for sale, and never will be.")
            said = as_said(m)
            # the named speaker's statement first; words another voice of a transcript said last
            bonus = 0.05 if same_speaker(prefer, said) else -0.05 if said is not src.source else 0.0
            key = (round(m.coverage, 2) + bonus, m.longest, m.matched,
                   _whole_sentences(m))
            if best_key is None or key > best_key:
                best, best_key = m, key
        return best

    def verbatim(self, text: str) -> tuple[str | None, float]:
        """Which source a passage reproduces, and the share of its words found there in order."""
        if text in self._verbatim_cache:
            return self._verbatim_cache[text]
        res: tuple[str | None, float] = (None, 0.0)
        if len(text) <= 20_000:
            qt = quote_tokens([(0, text)])
            if qt.words >= 4:
                m = self.best(qt)
                if m is not None and m.longest >= 4 and m.coverage >= 0.5:
                    res = (m.source.source.id, m.coverage)
        self._verbatim_cache[text] = res
        return res

    def speaker_sources(self, speaker: str | None, like: str | None = None,
                        unlike: str | None = None) -> list[SourceText]:
        """The statements of `speaker` (all statements when None): where a quotation in another
        language than its source is looked for, since its words cannot be searched for.
        like: only those in that language or an unknown one; unlike: only those in a known
        language other than that. An index that does not hold every source in memory should
        override this."""
        out = [t for t in self.texts if speaker is None or same_speaker(speaker, t.source)]
        if unlike:
            return [t for t in out if self.language(t) not in (None, unlike)]
        if like:
            return [t for t in out if self.language(t) in (None, like)]
        return out

    def alignable(self, texts: list[SourceText]) -> list[SourceText]:
        """`texts` ready to be aligned: those handed over untokenised (an index's
        speaker_sources) are built."""
        return [t if t.built else SourceText.build(t.source, self.vocab) for t in texts]

    def language(self, src: SourceText) -> str | None:
        """The source's language: its `language:` header, else guessed from its words."""
        sid = src.source.id
        if sid not in self._languages:
            self._languages[sid] = source_language(src.source)
        return self._languages[sid]

    def phrase_sources(self, qt: QuoteTokens) -> list[SourceText]:
        """Sources holding the quotation's words as one contiguous phrase."""
        chars = self.segment_chars(qt)
        if not chars or not all(chars):
            return []
        return [t for t in self.texts if all(c in t.chars for c in chars)]
