"""The fast paths of the word alignment give exactly what the full computation gives."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from verify import align
from verify.align import Op, SourceText, Vocabulary, _dp, _dp_full, _dp_table, _opcodes, align_tokens, canon_spans
from verify.records import Source
from verify.text import _PROFILE_SETS, _WORD, Token, _canon_parts, _exact_form, language_of, sentence_bounds, tokenize


def test_verbatim_fast_path_equals_full_alignment():
    rng = random.Random(7)
    for _ in range(3000):
        s = "".join(rng.choice("abcde") for _ in range(rng.randrange(0, 30)))
        if rng.random() < 0.7 and s:
            a = rng.randrange(len(s))
            q = s[a:a + rng.randrange(1, 12)]          # verbatim, often more than once in s
        else:
            q = "".join(rng.choice("abcdef") for _ in range(rng.randrange(1, 10)))
        assert _dp(q, s) == _dp_full(q, s), (q, s)


def test_repeated_quotation_aligns_with_the_last_occurrence():
    cost, steps, start, end = _dp("ab", "xabyab")
    assert (cost, start, end) == (0, 4, 6)
    assert steps == [("equal", 0, 4), ("equal", 1, 5)]


def _reference_build(text: str) -> tuple[list[str], set[int], set[int]]:
    """SourceText.build as it was written over Token records."""
    toks = tokenize(text)
    starts, ends = {0}, {len(toks)}
    k = 0
    for a, b in sentence_bounds(text):
        while k < len(toks) and toks[k].start < a:
            k += 1
        starts.add(k)
        j = k
        while j < len(toks) and toks[j].end <= b:
            j += 1
        ends.add(j)
    for i in range(1, len(toks)):
        gap = text[toks[i - 1].end:toks[i].start]
        if ":" in gap and text[toks[i].start:toks[i].start + 1].isupper():
            starts.add(i)
            ends.add(i)
        # a closing mark, then the attribution: '“…,” she said'
        if ("”" in gap or '"' in gap) and re.match(r"(?:[\w’'.-]+\s+){0,4}?(?:said|says|added|adds|continued|noted|"
                                                   r"stressed|told|wrote|declared|stated|explained)\b", text[toks[i].start:]):
            starts.add(i)
            ends.add(i)
    return [t.canon for t in toks], starts, ends


TEXTS = [
    "We won't close the U.S. Embassy in Lagos. SECRETARY CARTER: We will. Let me be clear: nobody is.",
    "The mayor's office (and the council) can't [sic] re-open the 70% … of well-known harbours by 10:30 a.m.",
    "“I’m here,” she said.\n\nNew paragraph — ’twas the 1990s. Mr. Smith left. Dr. Who?",
    "", "…", "Ünïcödé naïve café: Ça va. ¿Qué tal? 東京 is big.",
]


def test_source_text_equals_the_token_records_it_stands_for():
    for text in TEXTS:
        vocab, ref_vocab = Vocabulary(), Vocabulary()
        built = SourceText.build(Source(id="x", text=text, path="x"), vocab)
        canons, starts, ends = _reference_build(text)
        assert built.chars == ref_vocab.encode(tokenize(text)) == ref_vocab.encode_canons(canons)
        assert (built.sentence_starts, built.sentence_ends) == (starts, ends)
        assert built.tokens == tokenize(text)          # built on first use
        got, s0, e0 = canon_spans(text)
        assert got == canons
        assert (s0, e0) == ([t.start for t in built.tokens], [t.end for t in built.tokens])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB.:'’-[]()…\n,?1%Ü")), max_size=60))
def test_source_text_equals_token_records_on_any_text(text):
    built = SourceText.build(Source(id="x", text=text, path="x"), Vocabulary())
    canons, starts, ends = _reference_build(text)
    assert built.chars == Vocabulary().encode_canons(canons)
    assert (built.sentence_starts, built.sentence_ends) == (starts, ends)


def _reference_tokenize(text: str, base: int = 0) -> list[Token]:
    """text.tokenize as it was before its per-word cache: each word's forms computed afresh."""
    out, depth_sq, depth_par = [], 0, 0
    marks = [(m.start(), m.group()) for m in re.finditer(r"[\[\]()]", text)]
    mi = 0
    for wi, m in enumerate(_WORD.finditer(text)):
        while mi < len(marks) and marks[mi][0] < m.start():
            ch = marks[mi][1]
            depth_sq += (ch == "[") - (ch == "]" and depth_sq > 0)
            depth_par += (ch == "(") - (ch == ")" and depth_par > 0)
            mi += 1
        flag = "recap" if m.group().startswith("[") else "bracket" if depth_sq else "paren" if depth_par else ""
        exact = _exact_form(m.group())
        after = text[m.end():m.end() + 2].lstrip("’'\"”)]")
        punct = after[:1] if after[:1] in ",;:.!?" else ""
        out.extend(Token(p, exact, m.start() + base, m.end() + base, wi, punct, flag)
                   for p in _canon_parts(exact) if p)
    return out


def test_cached_tokenize_equals_the_uncached_one():
    for text in TEXTS + ["[T]he (so-called [sic]) plan) ] ( won't", "a) b] [c] (d"]:
        assert tokenize(text, 7) == _reference_tokenize(text, 7)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB.:'’-[]()…\n,?1%Ü\"”")), max_size=60))
def test_cached_tokenize_equals_the_uncached_one_on_any_text(text):
    assert tokenize(text) == tokenize(text) == _reference_tokenize(text)


def _reference_language_of(text: str) -> str | None:
    """text.language_of as it was: every word tested against every profile."""
    toks = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    if len(toks) < 3:
        return None
    counts = {lang: sum(1 for t in toks if t in sw) for lang, sw in _PROFILE_SETS.items()}
    (best, n1), (_, n2) = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
    return None if n1 < 2 or n1 < 0.15 * len(toks) or n1 <= n2 else best


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("the The of la LA le de die und Und il es que x Ünï 3 , .".split(" ")), max_size=30).map(" ".join))
def test_language_of_equals_the_word_by_word_count(text):
    assert language_of(text) == _reference_language_of(text)
    assert language_of("Nous avons dit que le plan est prêt et que la ville attend.") == "fr"


def _reference_dp_table(q: str, s: str):
    """align._dp_table as it was before its inner loop kept the row's cells in locals."""
    m, n = len(q), len(s)
    INF = 10 ** 9
    prev = [0] * (n + 1)
    back = [bytearray(n + 1) for _ in range(m + 1)]  # 0 diag, 1 up (insert), 2 left (delete)
    for i in range(1, m + 1):
        cur = [INF] * (n + 1)
        cur[0] = i
        back[i][0] = 1
        qi = q[i - 1]
        bi = back[i]
        for j in range(1, n + 1):
            d = prev[j - 1] + (0 if qi == s[j - 1] else 1)
            u = prev[j] + 1
            l = cur[j - 1] + align._DROP_COST
            if d <= u and d <= l:
                cur[j] = d
                bi[j] = 0
            elif u <= l:
                cur[j] = u
                bi[j] = 1
            else:
                cur[j] = l
                bi[j] = 2
        prev = cur
    return prev, back


def test_full_alignment_equals_the_indexed_recurrence():
    rng = random.Random(11)
    for _ in range(3000):
        s = "".join(rng.choice("abcdef") for _ in range(rng.randrange(0, 25)))
        q = "".join(rng.choice("abcdefg") for _ in range(rng.randrange(1, 12)))
        assert _dp_table(q, s) == _reference_dp_table(q, s), (q, s)


def _reference_opcodes(steps, q_off, s_off):
    """align._opcodes as first written: an Op a step, replaced at each merge."""
    ops = []
    for tag, i, j in steps:
        i1, i2, j1, j2 = i, i + (tag != "delete"), j, j + (tag != "insert")
        i1 += q_off; i2 += q_off; j1 += s_off; j2 += s_off
        if ops and ops[-1].tag == tag and ops[-1].i2 == i1 and ops[-1].j2 == j1:
            last = ops.pop()
            ops.append(Op(tag, last.i1, i2, last.j1, j2))
        elif tag != "equal" and ops and ops[-1].tag != "equal" and ops[-1].i2 == i1 and ops[-1].j2 == j1:
            last = ops.pop()
            ops.append(Op("replace", last.i1, i2, last.j1, j2))
        else:
            ops.append(Op(tag, i1, i2, j1, j2))
    return ops


def test_merged_runs_are_the_step_by_step_merge():
    rng = random.Random(7)
    for _ in range(3000):
        s = "".join(rng.choice("abcd") for _ in range(rng.randrange(1, 20)))
        q = "".join(rng.choice("abcde") for _ in range(rng.randrange(1, 8)))
        _, steps, _, _ = _dp_full(q, s)
        assert _opcodes(steps, 3, 11) == _reference_opcodes(steps, 3, 11), (q, s)
    # steps that do not touch (as no alignment gives) stay apart
    steps = [("equal", 0, 0), ("insert", 2, 5), ("delete", 3, 5), ("replace", 3, 6)]
    assert _opcodes(steps, 0, 0) == _reference_opcodes(steps, 0, 0)


def test_alignment_ends_at_the_last_of_the_cheapest_columns():
    """_dp_trace picks the end column as min over (cost, -column), without a key per column."""
    rng = random.Random(5)
    for _ in range(3000):
        s = "".join(rng.choice("abcd") for _ in range(rng.randrange(1, 20)))
        q = "".join(rng.choice("abcde") for _ in range(rng.randrange(1, 8)))
        prev, _ = _dp_table(q, s)
        assert _dp_full(q, s)[3] == min(range(len(s) + 1), key=lambda j: (prev[j], -j)), (q, s)


def test_verbatim_alignment_is_one_equal_op_as_the_steps_merge_into():
    src = SourceText.build(Source(id="x", text="a b c d e f g h i j k l m n", path="x"), Vocabulary())
    q = src.chars[3:7]
    al = align_tokens(q, src, 0, 5)
    cost, steps, st, en = _dp(q, src.chars)
    assert cost == 0 and list(al.ops) == _opcodes(steps, 5, 0) == [Op("equal", 5, 9, 3, 7)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abc\u4e00\u4e01", min_size=2, max_size=160), st.data())
def test_a_needle_found_once_is_partial_ratios_window(hay: str, data) -> None:
    """align_tokens skips rapidfuzz for a quotation printed once in the source's rest, taking
    the occurrence for partial_ratio_alignment's best window (score 100): it must be."""
    from rapidfuzz import fuzz

    a = data.draw(st.integers(0, len(hay) - 2))
    q = hay[a:data.draw(st.integers(a + 1, len(hay) - 1))]
    at = hay.find(q)
    if hay.find(q, at + 1) >= 0:
        return
    r = fuzz.partial_ratio_alignment(q, hay)
    assert (r.score, r.dest_start, r.dest_end) == (100, at, at + len(q))
