"""Judge a quotation against its best source passage: the verdicts of TAXONOMY.md."""

from __future__ import annotations

import functools
import operator
import re
from typing import Callable

import attrs

from .match import (_FLAG, Match, QuoteTokens, SourceIndex, as_said, is_organization_of, quote_tokens, said_in,
                    same_speaker)
from .records import DiffOp, Finding, Quotation
from .sources import has_voices, voice_at
from .text import (_PROFILES, CURRENCY_SIGNS, MAGNITUDE_ABBREVS, STOPWORDS, Token, _marked, cognate, language_of,
                   sentence_bounds, strip_accents, tokens_before, trim_span, word_end, words)

__all__ = ["judge", "Limits", "DEFAULT_LIMITS"]


@attrs.frozen
class Limits:
    """The judge's thresholds. A run's settings (verify.toml, --threshold, --fragment-length)
    make one, and it travels with the pipeline to wherever articles are checked."""

    #: an inline quotation of at most this many words is a fragment, whatever its source
    fragment_max_words: int = 3
    #: share of the quotation's words found in order in a source for it to come from that source
    sourced_min_coverage: float = 0.5
    #: below this share a sourced quotation is no longer the speaker's sentence: a paraphrase
    altered_min_coverage: float = 0.7
    #: a paraphrase still keeps a run of this many words of the source
    paraphrase_min_run: int = 4
    #: a named speaker's paraphrase (with such a run) may keep this much less of the words than
    #: sourced_min_coverage asks of any other quotation: 0.4 at the default floor of 0.5, and it
    #: follows a floor raised in the settings rather than undercutting it
    paraphrase_coverage_slack: float = 0.1
    #: a looser rewording of the named speaker's own statement, in a quotation of at least
    #: loose_paraphrase_min_words words: this share of them, two in a row, and
    #: loose_paraphrase_min_content distinct words other than stopwords
    loose_paraphrase_min_coverage: float = 0.25
    loose_paraphrase_min_words: int = 8
    loose_paraphrase_min_content: int = 3


DEFAULT_LIMITS = Limits()

_NUMBER_WORDS = frozenset("""zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
ninety hundred thousand million billion trillion dozen half quarter first second third fourth fifth
once twice double triple percent""".split())
#: token flags that mark an editor's hand even on a word printed as the source prints it
_EDITED = frozenset({"recap", "bracket", "paren"})
#: token flags of words inside an editor's brackets or parentheses
_INSERTED = frozenset({"bracket", "paren"})
_UNITS = dict(zip("""zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen""".split(), range(20), strict=True))
_TENS = dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10), strict=True))
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10 ** 6, "billion": 10 ** 9}


#: a unit or magnitude as house styles abbreviate it after a figure ("90c", "5p", "$25m", "£3bn")
_UNIT_WORDS = {"c": "cents", "p": "pence", **MAGNITUDE_ABBREVS}


def _same_amount(qs, stoks, op, first: bool, last: bool) -> tuple[int, int] | None:
    """The source span (j1, j2) printing the number the replaced quotation words print, or None.
    At a segment's edge the alignment may leave part of a source number outside ("63 people"
    for "Sixty-three people" aligns 63 with "three" alone): up to two number words there count."""
    want = _amount(qs)
    if want is None:
        return None
    for a in range(3 if first else 1):
        for b in range(3 if last else 1):
            j1, j2 = op.j1 - a, op.j2 + b
            if j1 >= 0 and j2 <= len(stoks) and None not in stoks[j1:j2] and _amount(stoks[j1:j2]) == want:
                return j1, j2
    return None


def _amount(toks) -> int | None:
    """The number some words print, in figures ("50", "300,000", "2 million") or in words
    ("fifty", "three hundred thousand", "twenty-five"); None when they are not one number."""
    total = part = 0
    seen = False
    for t in toks:
        for w in t.canon.split("-"):
            digits = w.replace(",", "")
            if digits.isdigit():
                if seen and part:
                    return None
                part += int(digits)
            elif w in _UNITS or w in _TENS:
                part += _UNITS.get(w, _TENS.get(w, 0))
            elif w in _SCALES and seen:
                if _SCALES[w] == 100:
                    part *= 100
                else:
                    total += part * _SCALES[w]
                    part = 0
            elif w == "and" and seen:
                continue
            else:
                return None
            seen = True
    return total + part if seen else None


def _closed_up(qs, ss) -> bool:
    """The same letters but for spacing or hyphens. Canonical forms alone miss a closed-up
    compound: "payrise" reads as an -ise verb ("payrize"), "pay" and "rise" do not."""
    return "".join(t.canon for t in qs) == "".join(t.canon for t in ss) \
        or "".join(t.exact for t in qs).replace("-", "") == "".join(t.exact for t in ss).replace("-", "")


def _spelt_alike(qs: list[Token], ss: list[Token]) -> bool:
    """The same words but for their accents ("kaumatua" for "kaumātua", "Montreal" for
    "Montréal"), or a contracted "'s" standing for the source's "has" ("who's had" for "who has
    had"): a spelling variant (TAXONOMY: cosmetic)."""
    if len(qs) == len(ss) == 1 and (qs[0].canon == "is" and ss[0].canon == "has" and qs[0].exact.endswith("'s")
                                    or qs[0].canon == "would" and ss[0].canon == "had" and qs[0].exact.endswith("'d")):
        return True   # (and "you'd" for "you had")
    for short, long_ in ((qs, ss), (ss, qs)):
        # "the U.S." for "the United States", "the EU" for "the European Union": an abbreviation
        if len(short) == 1 and tuple(t.canon for t in long_) in _ABBREVIATIONS.get(short[0].exact.rstrip("."), ()):
            return True
    a, b = "".join(t.canon for t in qs), "".join(t.canon for t in ss)
    return a != b and not (a.isascii() and b.isascii()) and strip_accents(a) == strip_accents(b)


#: printed abbreviations of a name or a title and the words they may stand for ("us" alone is a
#: pronoun; a printed form is looked up without its last dot)
_ABBREVIATIONS = {"u.s": (("united", "states"),), "u.s.a": (("united", "states", "of", "america"),),
                  "usa": (("united", "states", "of", "america"),), "u.k": (("united", "kingdom"),),
                  "uk": (("united", "kingdom"),), "eu": (("european", "union"),), "u.n": (("united", "nations"),),
                  "un": (("united", "nations"),),
                  # a parliament's and a government's titles: "the hon. Member", "their MP"
                  "hon": (("honourable",), ("honorable",)), "mp": (("member", "of", "parliament"),),
                  "pm": (("prime", "minister"),), "govt": (("government",),), "dept": (("department",),),
                  "ceo": (("chief", "executive"), ("chief", "executive", "officer")),
                  "nhs": (("national", "health", "service"),)}


_NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without"})


def quotation_tokens(q: Quotation) -> QuoteTokens:
    """The words `judge` compares: the quotation's parts, split at ellipses."""
    return quote_tokens([(a, q.text_of((a, b))) for a, b in q.parts], cut=q.ends_with_cut)


def is_fragment(q: Quotation, qt: QuoteTokens, limits: Limits = DEFAULT_LIMITS) -> bool:
    """One to three words quoted inline: judged as a fragment, whatever the source."""
    return q.kind == "inline" and 1 <= qt.words <= limits.fragment_max_words


def judge(q: Quotation, index: SourceIndex, speaker: str | None = None,
          language: str | Callable[[], str | None] | None = None, limits: Limits = DEFAULT_LIMITS,
          qt: QuoteTokens | None = None) -> Finding:
    """The verdict for one quotation (speaker as attributed, or None). `language`: the article's,
    taken for a quotation too short to tell its own; or a function giving it, called only when
    such a quotation needs it (guessing it reads the article, and most quotations never ask).
    `qt`: its quotation_tokens, when the caller has them already."""
    if qt is None:
        qt = quotation_tokens(q)
    if is_fragment(q, qt, limits):
        srcs = index.phrase_sources(qt)
        pick = next((s for s in srcs if same_speaker(speaker, s.source) or _voice_says(speaker, s.source, q.content)),
                    None)
        if pick is None and len(srcs) == 1 and qt.words >= 2 and same_speaker(speaker, srcs[0].source) is not False:
            pick = srcs[0]   # an unattributed phrase only one statement holds
        if pick is None and speaker and qt.words >= 2:
            # a phrase of little words the index does not look up ("isn't over"): in the named
            # speaker's own statements, as printed
            pick = next((s for s in index.speaker_sources(speaker) if _phrase_in(q.content, s.source.text)), None)
        # a single word, or a phrase held by statements of other speakers: no source claimed
        return _finding(q, "fragment", pick, None, score=1.0 if pick else 0.0)
    if qt.words == 0:
        src = index.emoji_match(q.content)
        if src is not None:
            return Finding(q, "exact", src.source, src.source.text, 0, len(src.source.text), 1.0)
        return Finding(q, "unsourced")
    m = index.best(qt, prefer=speaker)
    sourced = m is not None and _sourced(m, speaker, limits, qt)
    if not sourced and (qt.words <= 6 or speaker and qt.words >= limits.loose_paraphrase_min_words):
        # (a loose rewording of the named speaker shares no three-word run either: the index
        # proposes nothing, and their own statements are looked at instead)
        m = _short_match(qt, index, speaker, language_of(q.content) or _known(language), limits,
                         loose=qt.words > 6) or m
        sourced = m is not None and _sourced(m, speaker, limits, qt)
    if not sourced:
        tr = _translation(q, qt, index, speaker, language)
        if tr is not None:
            return tr
        return Finding(q, "unsourced", score=round(m.coverage, 3) if m else 0.0)
    if m.coverage < limits.altered_min_coverage and len(qt.segments) == 1:
        m, qt = _piecewise(qt, m, index, limits)
    span = _verbatim_span(q, qt, m)
    verdict, diff, note = _classify(q, qt, m, index, limits, verbatim=span is not None)
    if m.beyond and not note:
        note = f"the source copy ends before the last {m.beyond} words of the quotation"
    if verdict == "paraphrase":
        tr = _translation(q, qt, index, speaker, language, strict=True)
        if tr is not None:
            return tr
        prov = m.source.source.provenance or ""
        if _RENDERING.search(prov) and not _NO_RENDERING.search(prov):
            # reworded from a statement that is itself a translation or an interpretation: the
            # article's own rendering of the original (TAXONOMY: re-translated -> translated)
            verdict, note = "translated", "reworded from a translation: the article's own rendering of the original"
    finding = _finding(q, verdict, m.source, m, score=_dice(m, qt), diff=diff, note=note, span=span)
    said = as_said(m)   # (a transcript's other voice: whoever said these words in it)
    if verdict not in ("paraphrase", "translated") and speaker and same_speaker(speaker, said) is False \
            and not is_organization_of(speaker, said):
        return _finding(q, "misattributed", m.source, m, score=finding.score, diff=diff,
                        note=f"the words are {said.speaker}'s, the article names {speaker}", span=span)
    return finding


#: a statement's provenance saying it is a translation or an interpretation of what was said
#: ("official English translation", "the simultaneous interpretation"), and saying it is not
_RENDERING = re.compile(r"\b(?:(?:english|official|provisional|unofficial)\s+translation|translation\s+(?:of|from|into)|"
                        r"translated\s+(?:from|into|by)|interpretation|interpreter)\b", re.IGNORECASE)
_NO_RENDERING = re.compile(r"\bno\s+(?:\w+\s+)?translation\b", re.IGNORECASE)


def _phrase_in(words: str, text: str) -> re.Match | None:
    """Where `text` holds the phrase `words` as printed, ignoring case, punctuation and the
    apostrophe's form ("isn’t" for "isn't": one character each, so offsets hold)."""
    ws = _WORD_RE.findall(words.lower().replace("’", "'"))
    return re.search(r"\W+".join(map(re.escape, ws)), text.lower().replace("’", "'")) if ws else None


def _voice_says(speaker: str | None, source, words: str) -> bool:
    """Whether a transcript's turn of `speaker` holds the phrase `words` (a councillor's
    "honestly undecided" in a meeting's record headed by its chair): the words found as printed,
    ignoring case and punctuation."""
    if not speaker or not has_voices(source):
        return False
    m = _phrase_in(words, source.text)
    voice = voice_at(source, m.start()) if m else None
    return bool(voice) and same_speaker(speaker, attrs.evolve(source, speaker=voice, handle=None,
                                                                organization=None)) is True


def _known(language: str | Callable[[], str | None] | None) -> str | None:
    """The article's language, asked of judge's `language` function if that is what it is."""
    return language() if callable(language) else language


def _translation(q: Quotation, qt: QuoteTokens, index: SourceIndex, speaker: str | None,
                 context: str | Callable[[], str | None] | None = None, strict: bool = False) -> Finding | None:
    """A quotation in one language of a source in another: `translated`.

    Words cannot be aligned across languages, so the evidence is the quotation's content words
    that have a look-alike (cognate, name, number) in one sentence of the source, of a similar
    length. With the article naming the source's speaker one such anchor that is not a name or a
    number is enough (names and numbers survive translation, they prove nothing alone); without
    a speaker it takes three and a good share of the quotation's content words. `strict`: the
    quotation already matches a same-language source loosely (a paraphrase), so a translation
    must be the better explanation. `context`: the article's language, which a quotation too
    short to tell its own is taken to be in (a source in that language is no translation)."""
    qlang = language_of(q.content)
    # a short quotation has too few function words to tell its language ("double its solar
    # capacity by 2030"): it may still render a named speaker's words in another language, on
    # stronger evidence (below), since it matched nothing in that language as printed
    short = qlang is None
    if short and not speaker:
        return None
    anchors = [t for t in qt.tokens if t.canon not in _ALL_STOPWORDS and (len(t.canon) >= 3 or t.canon.isdigit())]
    if not anchors:
        return None
    # a capital opening a sentence is no sign of a name: "Publicaremos …" (for "publish") is a
    # plain word; the very same word in the source still may be one, as names are not translated
    toks = qt.tokens
    sentence_firsts = {t.start for k, t in enumerate(toks) if k == 0 or toks[k - 1].punct in ".!?"}
    best: tuple[float, int, object, tuple[int, int]] | None = None
    other = qlang or _known(context)
    for src in index.speaker_sources(speaker, unlike=other) or \
            (index.speaker_sources(None, unlike=other) if speaker else []):
        slang = index.language(src)
        if slang is None or slang == qlang:
            continue
        known = same_speaker(speaker, src.source)
        if known is False or short and not known:
            continue
        text = src.source.text
        for a, b, swords in _sentence_words(text):
            if not swords or not 0.3 <= len(toks) / len(swords) <= 2.5:
                continue
            hits = [t for t in anchors if any(_same_anchor(t.canon, w) for w in swords)]
            hit = len(hits)
            plain = sum(1 for t in hits if not t.canon[:1].isdigit()
                        and (not _printed(q, t)[:1].isupper()
                             or t.start in sentence_firsts and t.canon not in swords))
            # the article names the speaker and nothing in their language holds the words: one
            # look-alike word in a sentence of like length is evidence enough
            need_hits, need_share = (2, 0.3) if strict else (2, 0.5) if short else (1, 0.12) if known else (3, 0.4)
            share = hit / len(anchors)
            if hit >= need_hits and share >= need_share and plain >= 1:
                key = (share + (0.5 if known else 0.0), hit)
                if best is None or key > best[:2]:
                    best = (key[0], hit, src, (a, b))
    if best is None:
        return None
    _, hit, src, (a, b) = best
    a, b = trim_span(src.source.text, a, b)
    return Finding(q, "translated", src.source, src.source.text[a:b], a, b, round(hit / len(anchors), 3),
                   note=f"quoted in {qlang or 'another language'}, the source is in {index.language(src)}")


_ALL_STOPWORDS = STOPWORDS | frozenset(w for ws in _PROFILES.values() for w in ws.split())


def _printed(q: Quotation, t: Token) -> str:
    return q.text[t.start - q.start:t.end - q.start]


@functools.lru_cache(maxsize=64)
def _sentence_words(text: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """A source's sentences with their words, and each run of two and three of them (a quotation
    may render several: "Hoy celebramos. Mañana empezamos …" for "Today we celebrate. Tomorrow
    we start …"), once per source text rather than once for every quotation weighed against it
    (the translation check visits a speaker's every statement)."""
    single = [(a, b, tuple(w for _, _, w in words(text[a:b]))) for a, b in sentence_bounds(text)]
    runs = [(single[i][0], single[i + n - 1][1], tuple(w for s in single[i:i + n] for w in s[2]))
            for n in (2, 3) for i in range(len(single) - n + 1)]
    return tuple(single + runs)


@functools.lru_cache(maxsize=1 << 18)
def _same_anchor(q: str, s: str) -> bool:
    if any(ch.isdigit() for ch in q):
        return q.replace(",", "").replace(".", "") == s.replace(",", "").replace(".", "")
    return cognate(q, s)


_CLAUSE_OPENERS = frozenset({"and", "but", "or", "so", "because", "while", "yet"})


def _pieces(toks: tuple[Token, ...]) -> list[tuple[Token, ...]]:
    """The quotation cut into its sentences and clauses (", and …"), pieces of at least three
    tokens: the units an article joins or reorders."""
    out: list[list[Token]] = [[]]
    for k, t in enumerate(toks):
        out[-1].append(t)
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and nxt.word != t.word and (t.punct in ".!?;" and t.punct
                                                       or t.punct == "," and nxt.canon in _CLAUSE_OPENERS):
            out.append([])
    merged: list[list[Token]] = []
    for p in out:
        if merged and (len(p) < 3 or len(merged[-1]) < 3):
            merged[-1].extend(p)
        elif p:
            merged.append(p)
    return [tuple(p) for p in merged]


def _piecewise(qt: QuoteTokens, m: Match, index: SourceIndex, limits: Limits) -> tuple[Match, QuoteTokens]:
    """One alignment holds only part of a quotation that joins two sentences of the source (the
    words between dropped without an ellipsis) or swaps its clauses: align each sentence and
    clause on its own. Taken only when every piece is then mostly found, so a rewritten quotation
    stays a paraphrase; the pieces carry no ellipsis, so _classify counts the gaps between them."""
    pieces = _pieces(qt.segments[0])
    if len(pieces) < 2:
        return m, qt
    split = QuoteTokens(tuple(pieces), False, qt.ellipsis_edge, qt.words)
    m2 = index.match(split, m.source)
    ok = all(al is not None and al.matched >= 0.6 * len(p) for al, p in zip(m2.alignments, pieces, strict=True))
    if ok and m2.coverage >= limits.altered_min_coverage and m2.coverage > m.coverage:
        return m2, split
    return m, qt


def _short_match(qt: QuoteTokens, index: SourceIndex, speaker: str | None, language: str | None,
                 limits: Limits, loose: bool = False) -> Match | None:
    """A short quotation with a word changed shares no three-word run with its source, so a
    word-gram index may not propose it: align it with the speaker's own statements in its
    `language` (or, with no speaker, with every statement of a small library). `loose`: a
    longer quotation, looked for as a loose rewording of those statements: only those sharing
    enough of its content words are aligned."""
    best = None
    texts = index.speaker_sources(speaker, like=language)
    if loose:
        # (a look at the printed words first, in C: most statements share too few to be read)
        want = {t.exact for t in qt.tokens if t.canon not in STOPWORDS and len(t.exact) >= 3}
        need = limits.loose_paraphrase_min_content
        texts = [st for st in texts if len(want.intersection(_printed_words(st.source.text))) >= need]
        canons = index.vocab.encode_canons(sorted({t.canon for t in qt.tokens if t.canon not in STOPWORDS}))
        texts = [st for st in index.alignable(texts) if len(set(canons).intersection(st.chars)) >= need]
    else:
        texts = index.alignable(texts)
    for st in texts:
        m = index.match(qt, st)
        if _sourced(m, speaker, limits, qt) and (best is None or (m.coverage, m.longest) > (best.coverage, best.longest)):
            best = m
    return best


@functools.lru_cache(maxsize=4096)
def _printed_words(text: str) -> frozenset[str]:
    """A statement's words, lower-cased, kept per statement: a speaker's few dozen statements are
    looked at for each of their loosely reworded quotations."""
    return frozenset(_WORD_RE.findall(text.lower()))


_WORD_RE = re.compile(r"[^\W_][\w’'-]*")


def _sourced(m: Match, speaker: str | None, limits: Limits, qt: QuoteTokens) -> bool:
    if not _holds_content(m, qt):
        return False   # "I'm not asking for the moon" ~ "I'm not ruling anything out for the": its little words only
    said = as_said(m)
    if speaker and same_speaker(speaker, said) is False and (m.coverage < limits.altered_min_coverage
                                                               or _reports(m, speaker)):
        # a loose likeness to somebody else's statement is no evidence that the named speaker's
        # words are that person's: misattributed asks for the words themselves. Nor is a host's
        # or a reporter's turn that names the speaker ("Roz Kilbride said the province is
        # choosing a side. Is she right?"): the voice repeats the speaker's words
        return False
    if m.coverage >= limits.sourced_min_coverage and m.longest >= min(3, m.denom):
        return True
    # a paraphrase of the named speaker keeps fewer of the words but still a run of them
    # ("… by 18 percent over the summer …"): their statement is what it rewords
    if m.coverage >= limits.sourced_min_coverage - limits.paraphrase_coverage_slack \
            and m.longest >= limits.paraphrase_min_run \
            and same_speaker(speaker, said):
        return True
    # a looser rewording still: "push down firmly and pull over once you can do it safely" for
    # the speaker's own "press the brake pedal firmly … pull over when it is safe to do so".
    # The article names the statement's speaker, and the words kept are more than little ones;
    # a quotation credited to nobody, or to somebody else, needs the stronger evidence above
    # (a paraphrase's rule: one keeping more of the words than a paraphrase does is judged by
    # the floor above, which settings may raise)
    if m.denom >= limits.loose_paraphrase_min_words \
            and limits.loose_paraphrase_min_coverage <= m.coverage < limits.altered_min_coverage \
            and m.longest >= 2 and same_speaker(speaker, said) \
            and _content_kept(m, qt) >= limits.loose_paraphrase_min_content:
        return True
    # a short quotation with one word changed ("less than 3 percent" for "less than four
    # percent") has no run of three: enough when nearly all its words are there and the
    # article does not name somebody else
    return m.denom <= 6 and m.denom - m.matched <= 1 and m.longest >= 2 \
        and same_speaker(speaker, said) is not False


def _reports(m: Match, speaker: str) -> bool:
    """Whether the matched words are in a transcript's turn of another voice (or a question) that
    names `speaker`, or any question: words the turn repeats or asks, not its voice's own."""
    turn = said_in(m)
    if turn is None:
        return False
    surname = speaker.split()[-1]
    return not turn[2] or surname in m.source.source.text[turn[0]:turn[1]]


def _holds_content(m: Match, qt: QuoteTokens) -> bool:
    """Whether the words a match shares with its source are more than little words: at least one
    that is not a stopword, when the quotation has any."""
    toks = qt.tokens
    if all(t.canon in STOPWORDS for t in toks):
        return True
    return any(toks[i].canon not in STOPWORDS for al in m.alignments if al is not None
               for op in al.ops if op.tag == "equal" for i in range(op.i1, op.i2))


def _content_kept(m: Match, qt: QuoteTokens) -> int:
    """How many distinct words other than stopwords the quotation shares with its source, in order."""
    toks = qt.tokens
    return len({toks[i].canon for al in m.alignments if al is not None for op in al.ops if op.tag == "equal"
                for i in range(op.i1, op.i2) if toks[i].canon not in STOPWORDS})


def _dice(m: Match, qt: QuoteTokens) -> float:
    span = sum((al.s_end - al.s_start) for al in m.alignments if al is not None)
    return round(2 * m.matched / (m.denom + span), 3) if m.denom + span else 0.0


def _finding(q, verdict, src, m: Match | None, score=0.0, diff=(), note="", span=None) -> Finding:
    """The finding; `span`: the source offsets of the match when _verbatim_span found them."""
    if src is None:
        return Finding(q, verdict, score=score, note=note)
    if m is None:
        return Finding(q, verdict, src.source, None, None, None, score, tuple(diff), note)
    if span is not None:
        a, b = span
    else:
        als = [al for al in m.alignments if al is not None]
        lo, hi = min(al.s_start for al in als), max(al.s_end for al in als)
        toks = src.tokens_between(lo, hi)
        a = toks[lo].start
        b = toks[hi - 1].end
    return Finding(q, verdict, src.source, src.source.text[a:b], a, b, score, tuple(diff), note)


#: a Token's printed form and the punctuation after it, read in C (Token is a tuple)
_PRINTED_AS = operator.itemgetter(Token._fields.index("exact"), Token._fields.index("punct"))


def _verbatim_span(q: Quotation, qt: QuoteTokens, m: Match) -> tuple[int, int] | None:
    """The source offsets of a quotation whose words the source prints exactly as quoted (half
    of all quotations), found without the source's Token records: its printed words are found
    in the source text where its alignment says, then _classify has nothing to compare.

    Holds only where tokenize gives both sides the same tokens, which is checked: one quoted
    part with no brackets or amounts (one plain tokenize call made each ellipsis-cut segment's
    tokens), each segment aligned whole as one run of equal words, in order, with an unmarked
    source; each segment's text from its first word to its last found in the source after a
    blank (or at its start) with as many tokens before it as the alignment's first source
    token; then every word but the last is the same characters
    with the same characters after it, and the last word (which may run on past the quoted
    text) is read in the source and must end where the quotation's does. The punctuation after
    the last word may differ ("… in December," she said): _classify ignores it at a segment's
    end. None otherwise (the tokens are compared)."""
    if len(q.parts) != 1 or len(qt.segments) > 1 and not qt.ellipsis_inside:
        return None     # (segments not cut by an ellipsis count the source words between them)
    text = m.source.source.text
    if _marked(text) or _marked(q.text_of(q.parts[0])):
        return None
    spans = []
    q0 = 0
    prev_end = -1
    for toks, al in zip(qt.segments, m.alignments, strict=True):
        # each segment (of one ellipsis-cut piece of the part: one tokenize call) aligned
        # whole as one equal run, after the one before it (a reordered quotation changes)
        if al is None or len(al.ops) != 1 or al.s_start < prev_end:
            return None
        op = al.ops[0]
        if op.tag != "equal" or op.i1 != q0 or op.i2 != q0 + len(toks):
            return None
        prev_end = al.s_end
        q0 += len(toks)
        first, last = toks[0], toks[-1]
        printed = q.text[first.start - q.start:last.end - q.start]
        at = text.find(printed)
        while at != -1 and not ((at == 0 or text[at - 1].isspace()) and tokens_before(text, at) == op.j1):
            at = text.find(printed, at + 1)
        if at == -1:
            return None
        end = at + len(printed)
        if word_end(text, end - (last.end - last.start)) != end:
            return None
        spans.append((at, end))
    return spans[0][0], spans[-1][1]


def _classify(q: Quotation, qt: QuoteTokens, m: Match, index: SourceIndex, limits: Limits,
              verbatim: bool = False) -> tuple[str, list[DiffOp], str]:
    """The verdict, its diff and note. verbatim=True: _verbatim_span has found every word
    printed alike in one aligned run a segment, so nothing is compared (no source tokens are
    built)."""
    if verbatim:
        return _unchanged(q, qt, m, index, [], 0, 0)
    qtoks = qt.tokens
    aligned = [al for al in m.alignments if al is not None]
    # the source tokens read below: the aligned ops' (each alignment's ops run forward through
    # the source) and the one after them, whose word a punctuation check looks at
    nsrc = len(m.source.chars)
    # (three source tokens past the alignment: a quotation ending on an abbreviation, "their MP",
    # stops the alignment before the rest of the words it stands for, "… of Parliament")
    stoks = m.source.tokens_between(min(al.ops[0].j1 for al in aligned), max(al.ops[-1].j2 for al in aligned) + 3)
    stext = m.source.source.text
    qtext_of = lambda t: q.text[t.start - q.start:t.end - q.start]
    stext_of = lambda t: stext[t.start:t.end]
    def qspan(i1, i2):
        return q.text[qtoks[i1].start - q.start:qtoks[i2 - 1].end - q.start] if i2 > i1 else ""
    def sspan(j1, j2):
        return stext[stoks[j1].start:stoks[j2 - 1].end] if j2 > j1 else ""

    diff: list[DiffOp] = []
    real = cosmetic = editorial = 0
    seg_last = set()
    k = 0
    for seg in qt.segments:
        k += len(seg)
        seg_last.add(k - 1)
    prev_end = -1
    reordered = False
    kept_brackets: list[DiffOp] = []
    missing_segments = sum(1 for al in m.alignments if al is None)
    for al in aligned:
        if al.s_start < prev_end:
            reordered = True
        prev_end = al.s_end
        ops = list(al.ops)
        # trim unaligned edges of the source side: only changes between the first and last
        # equal words of a segment count, plus words of the quotation outside them
        for op in ops:
            if op.tag == "equal":
                qs, ss = qtoks[op.i1:op.i2], stoks[op.j1:op.j2]
                flags = set(map(_FLAG, qs))
                if list(map(_PRINTED_AS, qs)) == list(map(_PRINTED_AS, ss)) and not flags & _EDITED:
                    continue   # every word printed alike (most runs): the loop below would skip each
                for i, j in zip(range(op.i1, op.i2), range(op.j1, op.j2), strict=True):
                    qt_, st_ = qtoks[i], stoks[j]
                    if qt_.flag in _INSERTED and st_.flag != qt_.flag and (i == 0 or qtoks[i - 1].flag != qt_.flag):
                        # "[councils] that refuse …", "(to)": the editor's bracket, even round
                        # the speaker's own word, marks the quotation as edited (TAXONOMY:
                        # elided); counted below unless it already stands for dropped words
                        kept_brackets.append(DiffOp("editorial", qtext_of(qt_), stext_of(st_)))
                        if qt_.exact.lower() == st_.exact.lower():
                            continue
                    if qt_.exact == st_.exact and qt_.punct == st_.punct and qt_.flag != "recap":
                        continue   # printed alike (most words): none of the checks below applies
                    if qt_.flag == "recap":
                        editorial += 1
                        diff.append(DiffOp("editorial", qtext_of(qt_), stext_of(st_)))
                        continue
                    first = i == 0
                    if qt_.exact != st_.exact and not (first and qt_.exact.lower() == st_.exact.lower()):
                        if qt_.exact.replace("-", "") != st_.exact.replace("-", "") or True:
                            cosmetic += 1
                            if not diff or diff[-1].printed != qtext_of(qt_):
                                diff.append(DiffOp("cosmetic", qtext_of(qt_), stext_of(st_)))
                    elif i not in seg_last and qt_.punct in ",;" and st_.punct not in (qt_.punct,) or \
                            (i not in seg_last and st_.punct in ",;" and qt_.punct not in (st_.punct,)
                             and not (j + 1 < nsrc and stoks[j + 1].word == st_.word)):
                        if not (i + 1 < len(qtoks) and qtoks[i + 1].word == qt_.word):
                            cosmetic += 1
                            diff.append(DiffOp("cosmetic", qtext_of(qt_) + qt_.punct, stext_of(st_) + st_.punct))
                continue
            qs, ss = qtoks[op.i1:op.i2], stoks[op.j1:op.j2]
            if m.beyond and op.tag == "insert" and op.i1 >= len(qtoks) - m.beyond:
                continue   # past the end of a cut source copy: unknown, not changed
            if op.tag == "delete":
                if op.j1 < al.s_start or op.j1 >= al.s_end:
                    continue
                if any(0 <= k < len(qtoks) and qtoks[k].flag == "bracket" for k in (op.i1 - 1, op.i1)):
                    # "Now [the banks] must …" for "the development banks": the editor's
                    # bracket stands for the words it leaves out
                    editorial += 1
                    diff.append(DiffOp("editorial", "", sspan(op.j1, op.j2)))
                    continue
                real += len(ss)
                diff.append(DiffOp("delete", "", sspan(op.j1, op.j2), _sig(qs, ss, qtext_of, stext_of)))
                continue
            if qs and all(t.flag == "bracket" for t in qs):
                editorial += 1
                diff.append(DiffOp("editorial", qspan(op.i1, op.i2), sspan(op.j1, op.j2)))
                continue
            if op.tag == "insert" and qs and all(t.flag in ("bracket", "paren") for t in qs):
                editorial += 1
                diff.append(DiffOp("editorial", qspan(op.i1, op.i2), ""))
                continue
            if op.tag in ("insert", "delete") and all(t.exact in CURRENCY_SIGNS for t in qs or ss):
                cosmetic += 1     # "$12 million" quoted as "12 million": the unit's sign only
                diff.append(DiffOp("cosmetic", qspan(op.i1, op.i2), sspan(op.j1, op.j2)))
                continue
            if op.tag == "replace" and len(qs) == len(ss) == 1 and op.i1 > 0 and qtoks[op.i1 - 1].canon[:1].isdigit() \
                    and _UNIT_WORDS.get(qs[0].canon, qs[0].canon) == _UNIT_WORDS.get(ss[0].canon, ss[0].canon):
                cosmetic += 1     # a unit after a figure, abbreviated: "90c" for "90 cents", "$25m"
                diff.append(DiffOp("cosmetic", qspan(op.i1, op.i2), sspan(op.j1, op.j2)))
                continue
            span = _same_amount(qs, stoks, op, op is ops[0], op is ops[-1]) if op.tag == "replace" else None
            if span is not None:
                cosmetic += 1     # house style: "50 homes" for "fifty homes", the same number
                diff.append(DiffOp("cosmetic", qspan(op.i1, op.i2), sspan(*span)))
                continue
            # (the quotation ends on "the U.S.": the alignment stops before "States")
            more = next((k for k in (0, 1, 2, 3) if (k == 0 or op is ops[-1] and op.j2 + k <= len(stoks))
                         and _spelt_alike(qs, stoks[op.j1:op.j2 + k])), None) if op.tag == "replace" else None
            if more is not None:
                cosmetic += 1     # "Montreal" for "Montréal", "who's had" for "who has had"
                diff.append(DiffOp("cosmetic", qspan(op.i1, op.i2), sspan(op.j1, op.j2 + more)))
                continue
            # (the quotation's last words closing up fewer of the source's, the alignment taking
            # a word past them: "re-analysis," for "reanalysis, which")
            fewer = next((k for k in range(1, len(ss)) if _closed_up(qs, ss[:k])), None) \
                if op.tag == "replace" and op is ops[-1] else None
            if op.tag == "replace" and (
                    _closed_up(qs, ss) or fewer is not None
                    # the quotation's last word closes up the source's last two ("payrise" for
                    # "pay rise"): the alignment stops before the source's second word
                    or op is ops[-1] and op.j2 < len(stoks) and _closed_up(qs, stoks[op.j1:op.j2 + 1])):
                cosmetic += 1     # hyphenation and spacing: mega-prison / megaprison
                diff.append(DiffOp("cosmetic", qspan(op.i1, op.i2), sspan(op.j1, op.j1 + fewer if fewer else op.j2)))
                continue
            n = len({t.word for t in qs}) if op.tag == "insert" else max(len(qs), len(ss))
            real += n
            diff.append(DiffOp(op.tag, qspan(op.i1, op.i2), sspan(op.j1, op.j2), _sig(qs, ss, qtext_of, stext_of)))
    if kept_brackets and not editorial:
        editorial += len(kept_brackets)
        diff.extend(kept_brackets)
    if reordered:
        real += 1
        diff.append(DiffOp("reorder", "", ""))
    if missing_segments:
        real += missing_segments
    if len(qt.segments) > 1 and not qt.ellipsis_inside:
        # sentences or clauses aligned one by one (_piecewise): source words between two of
        # them were dropped with no ellipsis to mark it
        for a, b in zip(aligned, aligned[1:], strict=False):
            if b.s_start > a.s_end:
                real += 1
                diff.append(DiffOp("gap", "", sspan(a.s_end, b.s_start)))
    if real == 0:
        return _unchanged(q, qt, m, index, diff, editorial, cosmetic)
    # TAXONOMY: one or two words replaced -> altered, most of them -> paraphrase. Counted on
    # content words: a synonym-spun sentence keeps its "we are … the … is" and still is not the
    # speaker's sentence
    matched_idx = {k for al in aligned for op in al.ops if op.tag == "equal" for k in range(op.i1, op.i2)}
    content = [k for k, t in enumerate(qtoks) if t.canon not in STOPWORDS and t.flag != "bracket"]
    lost = sum(1 for k in content if k not in matched_idx)
    if content and lost >= 3 and lost / len(content) > 0.4:
        return "paraphrase", diff, ""
    if m.coverage >= limits.altered_min_coverage or m.denom - m.matched <= 2:
        return "altered", diff, ""
    return "paraphrase", diff, ""


def _unchanged(q: Quotation, qt: QuoteTokens, m: Match, index: SourceIndex, diff: list[DiffOp],
               editorial: int, cosmetic: int) -> tuple[str, list[DiffOp], str]:
    """The verdict of a quotation that changes no word of its source."""
    if editorial or qt.ellipsis_inside or qt.ellipsis_edge:
        return "elided", diff, ""
    aligned = [al for al in m.alignments if al is not None]
    first, last = aligned[0], aligned[-1]
    partial = first.s_start not in m.source.sentence_starts or last.s_end not in m.source.sentence_ends
    if partial and len(qt.segments) == 1:
        partial = not _whole_sentence_elsewhere(index, qt, m)
    if q.ends_with_cut:
        partial = True   # an embedded post cut with "…"
    if cosmetic:
        return "cosmetic", diff, "partial sentence" if partial else ""
    if partial:
        return "truncated", diff, ""
    return "exact", diff, ""


def _whole_sentence_elsewhere(index: SourceIndex, qt: QuoteTokens, m: Match) -> bool:
    """The same words occur again in the source as a whole sentence ("We will keep our
    commitments." said twice): the quotation is that sentence, not a cut of the other one."""
    qchars = "".join(index.segment_chars(qt))
    src = m.source
    k = src.chars.find(qchars)
    while k != -1:
        if k in src.sentence_starts and k + len(qchars) in src.sentence_ends:
            return True
        k = src.chars.find(qchars, k + 1)
    return False


def _sig(qs: list[Token], ss: list[Token], qtext_of, stext_of) -> bool:
    """A change to a negation, a number or a name is a real change whatever the similarity."""
    a = {t.canon for t in qs}
    b = {t.canon for t in ss}
    changed = a ^ b
    if changed & _NEGATIONS:
        return True
    if any(any(ch.isdigit() for ch in w) or w in _NUMBER_WORDS for w in changed):
        return True
    names_q = {t.canon for t in qs if qtext_of(t)[:1].isupper()}
    names_s = {t.canon for t in ss if stext_of(t)[:1].isupper()}
    return bool((names_q ^ names_s) & changed)
