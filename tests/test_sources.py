"""Primary-source files: the `key: value` header, `---`, the text; a malformed file is an error
naming the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SOURCES
from verify import SourceFormatError, VerifyError, load_sources
from verify.pipeline import Pipeline
from verify.sources import parse_source

GOOD = """id: rubio-x-test
url: https://x.com/SecRubio/status/1886811111111111111
speaker: Marco Rubio
handle: @SecRubio
kind: post
published: 2025-02-04
truncated: false
---
While in El Salvador, I signed a memorandum of understanding.
"""


def test_parse_a_source() -> None:
    s = parse_source("s.txt", GOOD)
    assert (s.id, s.speaker, s.handle, s.kind, s.published, s.truncated) == (
        "rubio-x-test", "Marco Rubio", "@SecRubio", "post", "2025-02-04", False)
    assert s.text == "While in El Salvador, I signed a memorandum of understanding."
    assert s.text_line == 9


@pytest.mark.parametrize("kind", ["remarks", "opinion", "letter", "testimony", "report", "order", "tweet"])
def test_kinds_of_primary_statement(kind: str) -> None:
    """state.gov and the White House publish "Remarks"; a court publishes its opinion or an order,
    a lawyer writes a letter, a witness gives testimony: each is a kind of its own, as a speech
    is, and a kind the list does not name is taken as it is rather than stopping the run."""
    assert parse_source("s.txt", GOOD.replace("kind: post", f"kind: {kind}")).kind == kind


@pytest.mark.parametrize("text, line, why", [
    (GOOD.replace("kind: post\n", "kind: post\nthis is prose, not a header\n"), 6, "key: value"),
    (GOOD.replace("kind: post", "kind: a post on X"), 5, "bad kind"),
    (GOOD.replace("truncated: false", "truncated: maybe"), 7, "truncated"),
    (GOOD.replace("handle: @SecRubio\n", "handle: @SecRubio\nspeaker: Someone Else\n"), 5, "duplicate"),
    (GOOD.split("---")[0], 8, "no `---`"),
    (GOOD.replace("id: rubio-x-test\n", ""), 1, "no `id:`"),
    (GOOD.replace("id: rubio-x-test", "id: has spaces in it"), 1, "bad id"),
    (GOOD.split("---")[0] + "---\n\n   \n", 9, "no text"),
])
def test_malformed_source_names_file_and_line(text: str, line: int, why: str) -> None:
    with pytest.raises(SourceFormatError) as e:
        parse_source("sources/bad.txt", text)
    assert e.value.path == "sources/bad.txt" and e.value.line == line
    assert str(e.value).startswith(f"sources/bad.txt:{line}: ") and why in str(e.value)
    assert isinstance(e.value, VerifyError)


def test_load_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "README.md").write_text("# not a source\n")
    (tmp_path / "notes.json").write_text("{}")
    sub = tmp_path / "more"
    sub.mkdir()
    (sub / "b.md").write_text(GOOD.replace("rubio-x-test", "second"))
    assert [s.id for s in load_sources(tmp_path)] == ["rubio-x-test", "second"]


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD)
    with pytest.raises(SourceFormatError, match=r"b\.txt:1: id 'rubio-x-test' is already used by .*a\.txt"):
        load_sources(tmp_path)


def test_binary_source_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(SourceFormatError, match=r"a\.txt:1: binary"):
        load_sources(tmp_path)


def test_missing_folder_message_has_no_line(tmp_path: Path) -> None:
    with pytest.raises(SourceFormatError) as e:
        load_sources(tmp_path / "nowhere")
    assert str(e.value) == f"{tmp_path / 'nowhere'}: sources folder not found"


def test_the_bundled_corpus_loads() -> None:
    ids = {s.id for s in load_sources(SOURCES)}
    assert {"rubio-remarks-2025-02-03", "bukele-x-2025-02-04-reply", "state-readout-2025-02-03"} <= ids


_INTERVIEW = """id: arsenault-radio
speaker: Denise Arsenault
kind: interview
---
COLIN MACASKILL: Roz Kilbride said on Saturday that the province is choosing a side. Is she right?

DENISE ARSENAULT: No, I don't accept that. Both sides have to get back to the table.

Q: So you're not ruling it out?

ARSENAULT: I'm not ruling anything out for the spring session.

THE PRESIDENT: A label naming an office only is left as the speaker's.
"""


def test_a_transcripts_other_voices_are_its_questions_and_host() -> None:
    """The host's and the reporters' turns are somebody else's words (the host by name, a question
    as ""); the speaker's own turns, by full name or surname, and a label naming an office only
    are the speaker's (None)."""
    from verify.sources import has_voices, voice_at

    src = parse_source("arsenault-radio.txt", _INTERVIEW)
    at = lambda words: voice_at(src, src.text.index(words))
    assert at("Roz Kilbride said") == "Colin Macaskill"
    assert at("So you're not ruling") == ""
    assert at("No, I don't accept") is None and at("I'm not ruling anything") is None
    assert at("A label naming an office") is None
    # a statement with no turns has no other voice
    good = parse_source("x.txt", GOOD)
    assert not has_voices(good) and voice_at(good, 10) is None


@pytest.mark.parametrize("brute_force", [True, False])
def test_words_of_a_reporters_question_are_not_the_speakers(tmp_path: Path, brute_force: bool) -> None:
    """A quotation of words only the host said in a transcript is not linked to its speaker,
    through the index as through the scan; her own words still are."""
    from verify.pipeline import Pipeline

    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "arsenault-radio.txt").write_text(_INTERVIEW, encoding="utf-8")
    pipe = Pipeline.from_dir(folder, brute_force=brute_force, index_path=tmp_path / "index.sqlite")
    text = ("Union leader Roz Kilbride said on Saturday that \"the province is choosing a side\".\n\n"
            "\"I'm not ruling anything out for the spring session,\" the minister, Denise Arsenault, said.\n")
    got = [(f.quotation.speaker, f.verdict, f.source.id if f.source else None) for f in pipe.check_text(text).findings]
    assert got == [("Roz Kilbride", "unsourced", None), ("Denise Arsenault", "exact", "arsenault-radio")]


_HEARING = """id: ag-hearing
speaker: Joan Whitford
kind: transcript
---
CHAIRWOMAN WHITFORD: The committee will come to order. The next Secretary will not have the luxury of a learning curve.

SENATOR KESSLER: When a family farm closes, it does not come back, and dairies in my state are closing every week.

SENATOR ARREDONDO: Farmers need more than a tool kit. They need a Secretary who picks up the phone.

Q: Senator, is this nominee a rubber stamp for the meatpackers?
"""


@pytest.mark.parametrize("brute_force", [True, False])
def test_every_voice_of_a_hearing_record_is_its_own_speaker(tmp_path: Path, brute_force: bool) -> None:
    """One record holds every senator's words: each is sourced to it under their own name, one
    senator's words credited to another are misattributed, and a reporter's question printed as
    the chair's words is nobody's statement."""
    from verify.pipeline import Pipeline

    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "ag-hearing.txt").write_text(_HEARING, encoding="utf-8")
    pipe = Pipeline.from_dir(folder, brute_force=brute_force, index_path=tmp_path / "index.sqlite")
    text = ("\"When a family farm closes, it does not come back,\" Sen. Ruth Kessler told the nominee.\n\n"
            "\"Farmers need more than a tool kit,\" Sen. Ruth Kessler added.\n\n"
            "\"The next Secretary will not have the luxury of a learning curve,\" Chairwoman Joan Whitford said.\n\n"
            "\"Is this nominee a rubber stamp for the meatpackers?\" Whitford asked.\n")
    got = [(f.verdict, f.source.id if f.source else None) for f in pipe.check_text(text).findings]
    assert got == [("truncated", "ag-hearing"), ("misattributed", "ag-hearing"), ("exact", "ag-hearing"),
                   ("unsourced", None)]


def test_a_label_in_capitals_with_accents_ends_the_turn_before_it() -> None:
    """'GENEVIÈVE LACHANCE:' is the speaker's turn: the moderator's turn before it ends there (it
    ran on over her remarks, which made them a questioner's and left them unsourced)."""
    from verify.sources import voice_at

    src = parse_source("b.txt", "id: b\nspeaker: Geneviève La-Chance\nkind: transcript\n---\n"
                       "MODERATOR (Julie Tremblay, TSB Communications): Welcome. I'll hand over now.\n\n"
                       "GENEVIÈVE LA-CHANCE: Thank you. This is an interim report.\n\n"
                       "QUESTION (CBC): When is the final report?\n")
    assert voice_at(src, src.text.index("Welcome")) == ""
    assert voice_at(src, src.text.index("This is an interim report")) is None


def test_a_title_or_a_header_alone_is_no_other_voice() -> None:
    """'TREASURER:' and 'SUBJECTS:' name nobody the transcript names: the speaker's; 'MERCER:' is
    the 'ROSALIND MERCER:' of the same transcript."""
    from verify.sources import voice_at

    src = parse_source("rn.txt", "id: rn\nspeaker: Adam Rennick\nkind: interview\n---\nSUBJECTS: Budget; housing.\n\n"
                                 "ROSALIND MERCER: Treasurer, welcome.\n\nTREASURER: Good morning.\n\n"
                                 "MERCER: Is it a big number?\n\nTREASURER: It is one we chose.\n")
    at = lambda words: voice_at(src, src.text.index(words))
    assert at("Budget; housing") is None and at("Good morning") is None and at("one we chose") is None
    assert at("Treasurer, welcome") == "Rosalind Mercer" and at("Is it a big") == "Mercer"


def test_a_debates_surname_labels_and_its_own_moderator() -> None:
    """'QUILLFEATHER:' is the 'Lt. Gov. Dana Quillfeather' the header lists (not 'Governor
    Quillfeather' of the first line); 'MODERATOR:' is the transcript's own speaker when its header
    names her so, not a questioner."""
    from verify.sources import voice_at

    src = parse_source("d.txt", "id: d\nspeaker: Naomi Ferrow\nkind: transcript\n---\nCANDIDATES:\nLt. Gov. Dana "
                                "Quillfeather (Democrat)\nState Sen. Marcus Ebbright (Republican)\nWith thanks to Naomi "
                                "Ferrow.\n\nMODERATOR:\nNaomi Ferrow, Tremont Public Media\n\nMODERATOR: Welcome. Lieutenant Governor Quillfeather "
                                "goes first.\n\nQUILLFEATHER: Thank you, Naomi. We added jobs.\n\nEBBRIGHT: Look at the "
                                "budget.\n\nMODERATOR: Senator, for the record, the gap is smaller.\n")
    at = lambda words: voice_at(src, src.text.index(words))
    assert at("We added jobs") == "Dana Quillfeather" and at("Look at the budget") == "Marcus Ebbright"
    assert at("for the record") is None and at("Welcome.") is None
    other = parse_source("e.txt", "id: e\nspeaker: Dana Quillfeather\nkind: transcript\n---\nMODERATOR: Welcome, "
                                  "Lieutenant Governor.\n\nQUILLFEATHER: Thank you. We added jobs.\n\nMODERATOR: And "
                                  "the budget?\n")
    assert voice_at(other, other.text.index("And the budget")) == ""   # somebody else's question


def test_the_presiding_officer_of_a_parliament_is_another_voice() -> None:
    """'Mr Speaker:' and 'Madam Deputy Speaker:' in the record of the prime minister's answers are
    the chair's turns, somebody unnamed, not the prime minister's; 'The Prime Minister:' is his."""
    from verify.sources import UNNAMED_VOICE, voice_at

    src = parse_source("h.txt", "id: h\nspeaker: Richard Ash-Combe\nkind: transcript\n---\nMr Speaker: Order. "
                                "I want to hear the Leader of the Opposition.\n\nThe Prime Minister: We acted at once."
                                "\n\nMadam Deputy Speaker: Order.\n")
    assert voice_at(src, src.text.index("I want to hear")) == UNNAMED_VOICE
    assert voice_at(src, src.text.rindex("Order.")) == UNNAMED_VOICE
    assert voice_at(src, src.text.index("We acted")) is None


def test_the_court_in_its_own_judges_record_is_the_judge() -> None:
    """'THE COURT:' in the record of a sentencing whose speaker is the judge of that court is her
    own turn (not a voice called 'Court' whose words she would be misquoted as saying)."""
    from verify.sources import voice_at

    src = parse_source("s.txt", "id: s\nspeaker: Helen Castel-Lano\norganization: U.S. District Court for the "
                                "Southern District of Ohio\nkind: transcript\n---\nMR. KEALEY: We ask for leniency.\n\n"
                                "THE COURT: A city treasurer is the person the public trusts.\n")
    assert voice_at(src, src.text.index("A city treasurer")) is None
    assert voice_at(src, src.text.index("We ask")) == "Kealey"


def test_the_defendant_in_a_judges_record_is_somebody_unnamed() -> None:
    """'THE DEFENDANT:' in the record of a sentencing is a voice the label does not name (the
    article may name him): not the judge's, and not a voice called 'Defendant'."""
    from verify.sources import UNNAMED_VOICE, voice_at

    src = parse_source("s.txt", "id: s\nspeaker: Helen Castel-Lano\norganization: U.S. District Court\n"
                                "kind: transcript\n---\nTHE COURT: Mr. Harrow, anything to say?\n\nTHE DEFENDANT: I was "
                                "trusted with your money and I stole it.\n")
    assert voice_at(src, src.text.index("I was trusted")) == UNNAMED_VOICE
    assert voice_at(src, src.text.index("anything to say")) is None


def test_a_court_records_witness_is_the_testimonys_speaker() -> None:
    """'THE WITNESS:' of a testimony is its speaker; the lawyer asking is another voice."""
    from verify.sources import voice_at

    src = parse_source("t.txt", "id: t\nspeaker: Talia Rourke\nkind: transcript\n---\nMR. HOLLIS: You said it?\n\n"
                                "THE WITNESS: Those were my words, yes.\n\nMR. HOLLIS: Nothing further.\n")
    assert voice_at(src, src.text.index("Those were")) is None
    assert voice_at(src, src.text.index("You said")) == "Hollis"


def test_an_earnings_calls_turns_labelled_with_names_as_printed() -> None:
    """'Adaeze Nwosu:' and 'Operator:' label turns of a transcript (the call's other voices); in a
    statement, 'Dear Colleagues:' labels nothing."""
    from verify.sources import voice_at

    body = ("Operator: Welcome to the call.\n\nHenrik Sol-Berg: Demand outruns supply.\n\n"
            "Adaeze Nwo-Su: Margins will recover in the second half.\n\nJordan Pike: How much is left on the table?\n\n"
            "Henrik Sol-Berg: It is not small.\n")
    call = parse_source("c.txt", "id: c\nspeaker: Henrik Sol-Berg\nkind: transcript\n---\n" + body)
    at = lambda words: voice_at(call, call.text.index(words))
    assert at("Demand outruns") is None and at("It is not small") is None
    assert at("Margins will recover") == "Adaeze Nwo-Su" and at("Welcome to the call") == ""
    letter = parse_source("l.txt", "id: l\nspeaker: Henrik Sol-Berg\nkind: statement\n---\n" + body)
    assert voice_at(letter, letter.text.index("Margins will recover")) is None


@pytest.mark.parametrize("brute_force", [True, False])
def test_the_presiding_officers_turn_is_nobodys_the_label_names(tmp_path: Path, brute_force: bool) -> None:
    """'THE COMMISSIONER:' in a witness's transcript is somebody else, whom the label does not
    name: the commissioner's words credited by name are sourced there and not misattributed (the
    witness's name on them is no evidence either way: the label names nobody to compare)."""
    (tmp_path / "t.txt").write_text("id: t\nspeaker: Brendan Kea-Ly\norganization: Country Fire Service\n"
                                    "kind: transcript\n---\nCOUNSEL ASSISTING: When was the warning issued?\n\n"
                                    "THE WITNESS: It should have gone out earlier. I accept that.\n\n"
                                    "THE COMMISSIONER: I appreciate your candour, Mr Kealy.\n", encoding="utf-8")
    pipe = Pipeline.from_dir(tmp_path, brute_force=brute_force)
    text = "“I appreciate your candour,” Commissioner Margaret Ire-Dale told the witness.\n"
    got = [(f.quotation.speaker, f.verdict, f.source.id if f.source else None) for f in pipe.check_text(text).findings]
    assert got == [("Margaret Ire-Dale", "truncated", "t")]


def test_a_un_records_labels_with_a_country_and_the_language_spoken() -> None:
    """'Mr. Sokolin (Russian Federation) (spoke in Russian):' labels a turn as much as
    'Ms. Achterberg:': the envoy's voice, with the country as its affiliation; 'The President:'
    is the presiding speaker's own."""
    from verify.sources import turn_at, voice_at

    src = parse_source("pv.txt", "id: pv\nspeaker: Ingrid Hal-Vorsen\norganization: United Nations Security Council\n"
                                 "kind: transcript\n---\nThe President: I give the floor to Ms. Achter-Berg.\n\n"
                                 "Ms. Achter-Berg: We cannot verify these figures.\n\n"
                                 "Mr. Soko-Lin (Russian Federation) (spoke in Russian): It is not our task to judge.\n\n"
                                 "The President: I thank him.\n")
    assert voice_at(src, src.text.index("I give the floor")) is None and voice_at(src, src.text.index("I thank")) is None
    assert voice_at(src, src.text.index("We cannot")) == "Achter-Berg"
    turn = turn_at(src, src.text.index("It is not our task"))
    assert turn is not None and turn[2:] == ("Soko-Lin", "Russian Federation")


def test_a_podcasts_turns_labelled_by_first_name() -> None:
    """'OWEN:' in a podcast whose host says "I'm Owen Pra-Tt" (or whose header names him) is that
    host's turn, not the guest's, whom the source is headed by; 'REID:' is the guest's own."""
    from verify.sources import voice_at

    src = parse_source("p.txt", "id: p\nspeaker: Reid Hallo-Ran\nkind: interview\nprovenance: hosts Nadia Kess-Ler and "
                                "Owen Pra-Tt, labelled by first name\n---\nNADIA: Welcome back.\n\nOWEN: And I'm Owen "
                                "Pra-Tt. That's going to be the clip, by the way.\n\nREID: Thanks for having me.\n")
    at = lambda words: voice_at(src, src.text.index(words))
    assert at("going to be the clip") == "Owen Pra-Tt" and at("Welcome back") == "Nadia Kess-Ler"
    assert at("Thanks for having me") is None
