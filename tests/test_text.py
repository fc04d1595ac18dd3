"""The tokenizer's and the HTML reader's fast paths give what their plain forms give: the word
and sentence-end regexes as the plain alternations they are rewritten from, the tokenizer's
no-brackets/no-amounts path as its general one, and the HTML whitespace collapse as the
character-by-character rule. Offsets are the product, so these are checked on any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify.html import _article_scope, _Extractor
from verify.text import _SENT_END, _WORD, APOSTROPHES, _tokenize_marked, sentence_bounds, tokenize, tokenize_window

A = APOSTROPHES
PLAIN_WORD = re.compile(
    r"\[[^\W\d_]\](?:[\w]|[" + A + r"](?=\w)|-(?=\w))+"
    r"|(?:[A-Za-z]\.){2,}"
    r"|\d+(?:[.,:]\d+)*%?"
    r"|[^\W\d_](?:[\w]|[" + A + r"](?=\w)|-(?=\w))*"
    r"|[" + A + r"](?:em|tis|twas|\d0s)\b")
PLAIN_SENT_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9]|\s*$)|\n\s*\n|\n|\](?=\s+[\"“‘']?[A-Z])")

PIECES = st.one_of(
    st.sampled_from(list(A) + list("[]()-_.,:;%!?…\"“”‘’ \n\t\xa0") + ["\n\n", "  "]),
    st.sampled_from(["the", "U.S.", "a.m.", "[t]he", "em", "tis", "twas", "90s", "40,000", "3.5", "10:30",
                     "70%", "won't", "well-being", "Mr.", "é", "ʼ", "²", "٣", "Ⅻ", "$12", "£3", "€"]),
    st.text(min_size=1, max_size=4),
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_word_regex_matches_its_plain_alternation(text: str) -> None:
    assert [m.span() for m in _WORD.finditer(text)] == [m.span() for m in PLAIN_WORD.finditer(text)]


@SETTINGS
@given(TEXTS)
def test_sentence_end_regex_matches_its_plain_alternation(text: str) -> None:
    assert [m.span() for m in _SENT_END.finditer(text)] == [m.span() for m in PLAIN_SENT_END.finditer(text)]
    bounds = sentence_bounds(text)
    assert all(text[a:b].strip() for a, b in bounds)


@SETTINGS
@given(TEXTS.filter(lambda t: not any(ch in t for ch in "[]()$£€")))
def test_tokenize_without_brackets_or_amounts_is_the_general_path(text: str) -> None:
    assert tokenize(text, 7) == _tokenize_marked(text, 7)


@SETTINGS
@given(TEXTS, st.integers(0, 25), st.integers(1, 20))
def test_a_window_of_tokens_is_the_whole_texts(text: str, lo: int, width: int) -> None:
    """The judge builds a source's tokens only where its alignment lies: they must be the very
    tokens of the whole text, at the same indices (word numbers, offsets, punctuation, flags)."""
    whole = tokenize(text)
    hi = min(len(whole), lo + width)
    got = tokenize_window(text, lo, hi)
    assert got[lo:hi] == whole[lo:hi]
    assert len(got) <= len(whole)
    assert all(t is None or t == whole[k] for k, t in enumerate(got))


def test_tokens_keep_their_words_offsets_and_punctuation() -> None:
    text = 'He said, “we’ll go.” The U.S. (not [t]he UK) paid $12 million'
    toks = tokenize(text, 100)
    assert [(t.canon, text[t.start - 100:t.end - 100], t.punct) for t in toks[:5]] == [
        ("he", "He", ""), ("said", "said", ","), ("we", "we’ll", ""), ("will", "we’ll", ""), ("go", "go", ".")]
    assert [t.flag for t in toks if t.flag] == ["paren", "recap", "paren"]
    assert [t.canon for t in toks[-3:]] == ["12", "million", "dollars"]
    with pytest.raises(AttributeError):
        toks[0].canon = "she"          # tokens are values


class _CharByChar(_Extractor):
    """The whitespace collapse as first written: one character at a time."""

    def _emit(self, s: str, pos: int, mapped: bool = True) -> None:
        for k, ch in enumerate(s):
            if ch.isspace() and ch != "\n":
                ch = " "
            if ch in " \n":
                if not self.out or self.out[-1] in " \n":
                    if ch == "\n" and self.out and self.out[-1] == " ":
                        self.out[-1] = "\n"
                    continue
            if self.cur_start is None:
                if ch in " \n":
                    continue
                self.cur_start = len(self.out)
            self.out.append(ch)
            self.origin.append(pos + k if mapped else pos)


HTML_PIECES = st.one_of(
    st.sampled_from(["<p>", "</p>", "<br>", "<q>", "</q>", "<h2>", "</h2>", "<div>", "</div>", "<pre>", "</pre>",
                     "&amp;", "&#8220;", "&nbsp;", "<!-- c -->", "<script>x  y</script>", "<blockquote>",
                     "</blockquote>", "<nav>", "</nav>", " ", "  ", "\n", " \n ", "\t", "\xa0", "\r\n", "word",
                     "“Said,”", "x y"]),
    st.text(min_size=1, max_size=5),
)


@SETTINGS
@given(st.lists(HTML_PIECES, max_size=50).map("".join))
def test_html_text_and_offsets_are_the_character_by_character_ones(body: str) -> None:
    raw = "<html><body>" + body
    got = []
    for cls in (_Extractor, _CharByChar):
        ex = cls(raw, _article_scope(raw))
        ex.feed(raw)
        ex.close()
        got.append(("".join(ex.out), ex.origin, ex.blocks))
    assert got[0] == got[1]


@SETTINGS
@given(TEXTS)
def test_a_text_without_the_ellipsis_precheck_holds_no_ellipsis(text: str) -> None:
    """quote_tokens searches for ellipses only in a text the cheap precheck lets through."""
    from verify.match import _may_hold_ellipsis
    from verify.text import ELLIPSIS

    assert _may_hold_ellipsis(text) or ELLIPSIS.search(text) is None


@SETTINGS
@given(TEXTS, st.integers(0, 200))
def test_tokens_before_a_blank_and_the_word_there_are_the_tokenizers(text: str, at: int) -> None:
    """judge._verbatim_span counts a source's tokens before a blank and reads the word after it
    without the Token records: the same count and word end as tokenize's."""
    from verify.text import _marked, tokens_before, word_end

    at = min(at, len(text))
    if _marked(text) or at and not text[at - 1].isspace():
        return
    toks = tokenize(text)
    assert tokens_before(text, at) == sum(1 for t in toks if t.start < at)
    starting = [t.end for t in toks if t.start == at]
    if starting:   # (a word with no tokens, a lone 'ʼ', is never a quotation's last)
        assert word_end(text, at) == starting[0]


def test_no_before_a_number_is_an_abbreviation_and_before_a_word_an_answer() -> None:
    """"No. 5" goes on; "No. I am the coach" ends a one-word answer, so a quotation of the sentence
    after it is whole, not cut."""
    text = "KETER: No. I am the coach, I am not the doctor. She is ranked No. 5 in the world."
    assert [text[a:b].strip() for a, b in sentence_bounds(text)] == [
        "KETER: No.", "I am the coach, I am not the doctor.", "She is ranked No. 5 in the world."]


@pytest.mark.parametrize("text,sentences", [
    # the pronoun I ends a sentence after a lower-case word; an initial after a name does not
    ("Members will want to know why. So do I. I have asked for an account.",
     ["Members will want to know why.", "So do I.", "I have asked for an account."]),
    ("The report was signed by George I. Smith on Monday.", ["The report was signed by George I. Smith on Monday."]),
    # a thread's post counter stands apart from the sentence it opens ("24/7" is no counter)
    ("2/4 Shoppers in regional towns pay more. We have the data.",
     ["2/4", "Shoppers in regional towns pay more.", "We have the data."]),
    ("(3/4) Competition only works with choice.", ["(3/4)", "Competition only works with choice."]),
    ("24/7 support is what we promised.", ["24/7 support is what we promised."]),
])
def test_sentences_of_a_pronoun_and_a_posts_counter(text: str, sentences: list[str]) -> None:
    assert [text[a:b].strip() for a, b in sentence_bounds(text)] == sentences
