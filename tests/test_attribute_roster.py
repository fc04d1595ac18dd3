"""Attribution's speed-ups keep its results: the roster built from the sources is reused across
documents without one document's names leaking into the next and is rebuilt when the sources
change; patterns rewritten to scan faster match exactly as the plain ones."""

from __future__ import annotations

import re

import pytest

from verify.attribute import (SPEECH_VERBS, _GENDER_TITLES_RX, _after_lower, _by_first_letter, _titled_first, _whole_word,
                              attribute)
from verify.find import find_quotations
from verify.read import read_text_document
from verify.records import Source

# a story that names another Flynn as speaking: its own full name for "Flynn"
BROTHER = ('Tom Flynn, a trawler skipper, said the new quota "will empty this harbour by spring."\n\n'
           '"Nobody asked us," Flynn said.\n')
# a story where "Flynn" alone is the library's Flynn
COUNCIL = ('The harbour council met on Tuesday night.\n\n'
           '"We will hear every boat owner before anything is signed," Flynn said.\n')


def _source(speaker: str) -> Source:
    return Source(id=speaker, text="", path="", speaker=speaker, organization="Harbour Council")


def _speakers(text: str, sources: list[Source]) -> list[str | None]:
    doc = read_text_document("<story>", text)
    quotes = [q for q in find_quotations(doc) if q.zone == "body"]
    return [q.speaker for q in attribute(doc, quotes, sources)]


def test_a_documents_names_do_not_leak_into_the_next():
    sources = [_source("Margaret Flynn")]
    alone = _speakers(COUNCIL, [_source("Margaret Flynn")])
    assert alone == ["Margaret Flynn"]
    assert _speakers(BROTHER, sources) == ["Tom Flynn", "Tom Flynn"]
    # the same sources list again (its roster reused): the other story's Tom Flynn is not known here
    assert _speakers(COUNCIL, sources) == alone
    assert _speakers(BROTHER, sources) == ["Tom Flynn", "Tom Flynn"]


def test_sources_changed_in_place_are_seen():
    sources = [_source("Margaret Flynn")]
    assert _speakers(COUNCIL, sources) == ["Margaret Flynn"]
    sources[0] = _source("Ian Flynn")      # same list, same length, another speaker
    assert _speakers(COUNCIL, sources) == ["Ian Flynn"]
    sources.append(_source("Ian Flynn"))
    assert _speakers(COUNCIL, sources) == ["Ian Flynn"]


@pytest.mark.parametrize("text", [
    "she said", "he says so", "they were saying it", "the minister told reporters", "a déclaré hier",
    "il a également réclamé", "responded sharply", "saidx said", "Said", "she calls for calm",
    "writes, wrote, writing", "communiqué", "dijo que", "xsaid said",
])
def test_grouped_alternatives_match_as_the_list_does(text):
    plain = re.compile(r"\b(?:" + SPEECH_VERBS + r")\b")
    grouped = re.compile(r"\b(?:" + _by_first_letter(SPEECH_VERBS) + r")\b")
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
    plain_i = re.compile(r"(?:" + SPEECH_VERBS + r")", re.IGNORECASE)
    grouped_i = re.compile(r"(?:" + _by_first_letter(SPEECH_VERBS) + r")", re.IGNORECASE)
    assert [m.span() for m in grouped_i.finditer(text)] == [m.span() for m in plain_i.finditer(text)]


def test_grouping_leaves_alone_a_list_it_cannot_order():
    assert _by_first_letter("said|says|told") == "s(?:aid|ays)|t(?:old)"
    for alternatives in ("said|Says", r"said|\w+ly", "said|(?:told)", "said||told", "said|\u017fays"):
        assert _by_first_letter(alternatives) == alternatives


@pytest.mark.parametrize("word", ["Flynn", "Jr.", "’s", "O’Brien", "x", "de la", "U.S."])
def test_whole_word_matches_as_word_boundaries_do(word):
    plain = re.compile(r"\b" + re.escape(word) + r"\b")
    texts = [word, " " + word, "x" + word, word + "x", "a " + word + ". b", "\n" + word + "\n", word + word,
             word + " " + word, "’" + word, "." + word + ".", "Mr " + word + ", who said", "é" + word + "é"]
    for text in texts:
        assert [m.span() for m in _whole_word(word).finditer(text)] == [m.span() for m in plain.finditer(text)], text


@pytest.mark.parametrize("word", ["Ortiz", "O’Brien", "An-", "Jr.", "x", "É"])
def test_after_lower_finds_what_the_pattern_does(word):
    # a one-word name printed mid-sentence: found by the word first, then the letter before it
    plain = re.compile(r"[a-z,;]\s+" + re.escape(word) + r"\b")
    texts = [word, " " + word, "a " + word, "A " + word, "a" + word, ", \n\t" + word, "; " + word + "x",
             "said " + word + word, "said " + word + " " + word, "Then " + word + ". and " + word,
             ". " + word + ", a\u00a0" + word, word + " a " + word + "é", "é " + word, "b\u00a0\u2009" + word + "."]
    for text in texts:
        assert _after_lower(text, word) == bool(plain.search(text)), text


@pytest.mark.parametrize("tok", ["Wang", "King", "Dame", "é", "O’Neil"])
def test_titled_first_finds_what_the_search_does(tok):
    # 'Ms Wang' after 'Wang Fang': the word is found first, then the title before it
    plain = re.compile(r"\b(" + _GENDER_TITLES_RX + r")\.?\s+" + re.escape(tok) + r"\b", re.IGNORECASE)
    texts = [f"Mr {tok}", f"said Mrs. {tok} and Mr {tok}", f"xMr {tok}", f"Mr{tok}", f"Mr {tok}s, then MS  {tok.upper()}.",
             f"madame {tok}", f"Madame\u00a0{tok}", f"Dame\n{tok}", f"Mr. .{tok}", f"ſir {tok}", f"{tok} met King {tok}",
             f"spokeswoman {tok}’s", f"_Mr {tok}", f"Mr _{tok}", f"Mr {tok}_ Ms {tok}"]
    for text in texts:
        want, got = plain.search(text), _titled_first(text, tok)
        assert (want and (want.span(), want.group(1))) == (got and (got.span(), got.group(1))), text
