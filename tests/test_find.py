"""Finding quotations in fixtures/forms: every quotation form of issue 2 §2, with offsets that
slice the original file to exactly the reported words."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from verify.find import find_quotations
from verify.pipeline import Pipeline
from verify.read import read_document, read_text_document

FORMS = Path(__file__).resolve().parent.parent / "fixtures" / "forms"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline.from_dir(FORMS / "sources")


def _findings(pipe: Pipeline, name: str):
    return pipe.check(read_document(FORMS / name)).findings


def _one(findings, text: str):
    hits = [f for f in findings if f.quotation.text == text]
    assert len(hits) == 1, (text, [f.quotation.text for f in findings])
    return hits[0]


@pytest.mark.parametrize("name", ["marks.txt", "posts.txt", "posts-variants.txt", "markdown.md", "attribution.html", "verdicts.md"])
def test_offsets_slice_the_file_and_lines_are_right(pipe: Pipeline, name: str) -> None:
    raw = (FORMS / name).read_text(encoding="utf-8")
    findings = _findings(pipe, name)
    assert findings
    for f in findings:
        q = f.quotation
        assert raw[q.file_start:q.file_end] == q.text
        assert q.line == raw.count("\n", 0, q.file_start) + 1
        assert q.column == q.file_start - (raw.rfind("\n", 0, q.file_start) + 1) + 1


def test_inline_marks_and_apostrophes(pipe: Pipeline) -> None:
    fs = _findings(pipe, "marks.txt")
    texts = [f.quotation.text for f in fs]
    assert _one(fs, "productive.").verdict == "fragment"                     # curly, one word
    assert _one(fs, "We are not going to speculate about sanctions,").verdict == "exact"   # straight
    # apostrophes of dockers', members', the '90s and 'em do not open quotations
    assert _one(fs, "rock 'em").verdict == "fragment"
    assert not any(t.startswith(("union", "pay has", "90s")) for t in texts)
    assert _one(fs, "We are not moving until the port listens.").quotation.mark == "‘"
    assert _one(fs, "an insult to every docker’s family").quotation.kind == "inline"
    guil = _one(fs, "Nuestro país no negocia su soberanía con nadie.")   # « » with inner spaces
    assert guil.quotation.mark == "«" and guil.verdict == "exact"
    assert _one(fs, "Wir bleiben hart").quotation.mark == "„"


def test_nested_quote_is_marked_nested(pipe: Pipeline) -> None:
    fs = _findings(pipe, "marks.txt")
    outer = _one(fs, "When the port told me ‘no ships tonight’, I said we would find a way.")
    inner = _one(fs, "no ships tonight")
    assert inner.quotation.nested and not outer.quotation.nested
    assert outer.quotation.speaker == "Robert Hale" and inner.quotation.speaker is None


def test_multi_paragraph_quote_is_a_quotation_a_paragraph(pipe: Pipeline) -> None:
    """'“I think the workers … table.¶“We don't want … port,” Hale said.': the mark left open and
    reopened makes a quotation of each paragraph (as the gold splits a block quotation), both
    Hale's, each judged on its own words."""
    fs = _findings(pipe, "marks.txt")
    i = next(k for k, f in enumerate(fs) if f.quotation.text.startswith("I think the workers"))
    first, second = fs[i], fs[i + 1]
    assert first.quotation.text == ("I think the workers have made their point and it is time for both sides to come "
                                    "back to the table.")
    assert second.quotation.text == "We don't want to see a single ship turned away from this port,"
    assert first.quotation.speaker == second.quotation.speaker == "Robert Hale"
    assert (first.verdict, second.verdict) == ("exact", "exact")


def test_split_quote_is_two_quotations_one_speaker(pipe: Pipeline) -> None:
    fs = _findings(pipe, "marks.txt")
    a, b = _one(fs, "The U.S. is ready to help,"), _one(fs, "and we're ready to do it now.")
    assert a.quotation.speaker == b.quotation.speaker == "Robert Hale"
    assert a.verdict == b.verdict == "truncated"


def test_unbalanced_mark_does_not_swallow_the_document(pipe: Pipeline) -> None:
    fs = _findings(pipe, "marks.txt")
    assert _one(fs, "a proper quote").verdict == "fragment"
    assert not any("next paragraph" in f.quotation.text for f in fs)


def test_embedded_post_with_signature_between_paragraphs(pipe: Pipeline) -> None:
    fs = _findings(pipe, "posts.txt")
    post = next(f for f in fs if f.quotation.kind == "embed" and f.quotation.text.startswith("Our country"))
    q = post.quotation
    assert q.text.endswith("whatever it takes, until…")          # link dropped, cut kept
    assert "pic.twitter.com" not in q.text and len(q.parts) == 2
    assert q.speaker == "Ana Ruiz" and q.embed["handle"] == "@AnaRuizMin"
    assert post.verdict == "truncated" and post.source.id == "ruiz-x-2026-03-03"
    tco = next(f for f in fs if f.quotation.kind == "embed" and f.quotation.text.startswith("We don't"))
    assert tco.quotation.text.endswith("this port.") and tco.quotation.speaker == "Robert Hale"


def test_plain_text_block_quote_after_colon_matched_against_sources(pipe: Pipeline) -> None:
    fs = _findings(pipe, "posts.txt")
    block = next(f for f in fs if f.quotation.kind == "block")
    assert block.quotation.text.startswith("We will not negotiate") and block.verdict == "exact"
    assert block.source.id == "doe-briefing-2026-03-02"
    assert not any(f.quotation.text.startswith("The strike continued") for f in fs)


def test_paragraph_quoting_inline_is_not_a_block(pipe: Pipeline) -> None:
    fs = _findings(pipe, "verdicts.md")
    assert all(f.quotation.kind == "inline" for f in fs)


_ALPHABET = st.sampled_from(list("ab Z.,:;—-\n\n“”‘’\"'«»„…()[]@#") + ["’n’", "the '90s", "— A (@b) May 1, 2025"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_finder_never_raises_and_offsets_slice_text(text: str) -> None:
    doc = read_text_document("prop.txt", text)
    for q in find_quotations(doc):
        assert doc.raw[q.file_start:q.file_end] == q.text
        assert doc.text[q.start:q.end] == q.text


def test_embedded_post_variants(pipe: Pipeline) -> None:
    """One-line posts, day-first dates, 'on X', and posts printed in their own quote marks are each
    one embed (no duplicate inline quotation)."""
    fs = _findings(pipe, "posts-variants.txt")
    assert [(f.quotation.kind, f.quotation.speaker, f.verdict) for f in fs] == [
        ("embed", "Robert Hale", "exact"), ("embed", "Robert Hale", "exact"), ("embed", "Ana Ruiz", "exact")]
    assert fs[0].quotation.text == "We don't want to see a single ship turned away from this port."
    assert fs[2].quotation.text == "Our country will never be anyone's backyard."
    raw = (FORMS / "posts-variants.txt").read_text(encoding="utf-8")
    assert all(raw[f.quotation.file_start:f.quotation.file_end] == f.quotation.text for f in fs)


def test_embedded_post_signed_with_a_french_or_spanish_date(pipe: Pipeline) -> None:
    """A post scraped from a French or Spanish page is signed '19 mars 2026', '12 de abril de 2028'."""
    for date in ("19 mars 2026", "12 de abril de 2028"):
        text = (f"Le ministre a réagi :\n\nNous ne céderons rien sur les salaires. pic.twitter.com/ab12CD\n"
                f"— Ana Ruiz (@AnaRuizMin) {date}\n")
        fs = pipe.check_text(text).findings
        assert [(f.quotation.kind, f.quotation.speaker, f.quotation.text) for f in fs] == [
            ("embed", "Ana Ruiz", "Nous ne céderons rien sur les salaires.")]


def test_a_bluesky_or_mastodon_post_is_signed_with_a_dotted_handle_and_a_time(pipe: Pipeline) -> None:
    """Bluesky's and Mastodon's handles have dots ('@name.bsky.social', '@name@mastodon.social'),
    and their embeds give the time after the date ('March 8, 2028 at 12:41 PM')."""
    for handle in ("@marancibia.bsky.social", "@marancibia@astro.social"):
        text = (f"He posted his doubts:\n\nCool data, but I'm not convinced yet.\n"
                f"— Miguel Aran-Cibia ({handle}) March 8, 2028 at 12:41 PM\n")
        fs = pipe.check_text(text).findings
        assert [(f.quotation.kind, f.quotation.speaker, f.quotation.text) for f in fs] == [
            ("embed", "Miguel Aran-Cibia", "Cool data, but I'm not convinced yet.")]


@pytest.mark.parametrize("text,quotes", [
    ("‘We will defend our members’ pay and conditions,’ said Dave Okafor.\n", ["We will defend our members’ pay and conditions,"]),
    ("She said the ‘drivers’ union’ had won.\n", ["drivers’ union"]),
    # a nickname between a first name and a surname is nobody's words; a headline's title case is not one
    ("Former agent Tom ‘Tommo’ Vallance stormed in.\n", []),
    ("Press Flack Admits ‘Patience’ Is Running Out\n", ["Patience"]),
    # a capitalised word after it too ("Ministers’ Interests"), but not across a headline's line end
    ("‘My declaration to the Adviser on Ministers’ Interests was incomplete.’ she wrote.\n",
     ["My declaration to the Adviser on Ministers’ Interests was incomplete."]),
    ("Nurses deal: ‘No fees, no bonded contracts’\nUp to 3000 nurses' places a year.\n", ["No fees, no bonded contracts"]),
    ("'We will defend our members' pay,' said Okafor.\n", ["We will defend our members' pay,"]),
    ("Fans sang ‘the Beatles’ and ‘the Stones’ all night.\n", ["the Beatles", "the Stones"]),
    ("The union said it was ‘the drivers’.\n", ["the drivers"]),
    ("Rock ’n’ roll, said the ’90s kids, and they’d ‘rock ’em all’.\n", ["rock ’em all"]),
    ("“We are ready to help.“ Hale said.\n", ["We are ready to help."]),
    ("He is 6'2\" tall and said \"fine.\"\n", ["fine."]),
])
def test_single_quotes_against_apostrophes(text: str, quotes: list[str]) -> None:
    assert [q.text for q in find_quotations(read_text_document("x.txt", text))] == quotes


def test_markdown_lists_quotes_and_posts(pipe: Pipeline) -> None:
    """Quoted list items are inline quotations (not one block), a '>' line holding a quotation and
    its attribution is that inline quotation, a '>' post with its signature line is an embed."""
    fs = _findings(pipe, "markdown.md")
    got = [(f.quotation.kind, f.quotation.speaker, f.verdict, f.quotation.text[:30]) for f in fs]
    assert got == [
        ("inline", "Robert Hale", "truncated", "Keep every channel open"),   # his statement's words
        ("inline", "Robert Hale", "exact", "I think the workers have made "),
        ("inline", "Robert Hale", "exact", "We don't want to see a single "),
        ("inline", "Robert Hale", "truncated", "The U.S. is ready to help,"),
        ("embed", "Ana Ruiz", "exact", "Our country will never be anyo"),
        ("inline", "Robert Hale", "altered", "ready to help them."),
    ]


@pytest.mark.parametrize("heading", ["Comments (12)", "12 comments", "Join the conversation", "View all 40 comments"])
def test_quotations_in_reader_comments_are_not_findings(heading: str) -> None:
    """A scraped page runs on into the comments: what readers quote there is not the article's."""
    text = ("Council leader Graham Pike said it was \"the hardest decision\".\n"
            f"Share this article\n{heading}\nRay B: \"the hardest decision\" my foot.\n")
    quotes = find_quotations(read_text_document("x.txt", text))
    assert [(q.text, q.zone) for q in quotes] == [("the hardest decision", "body"), ("the hardest decision", "furniture")]


@pytest.mark.parametrize("text,quotes", [
    ("Fans chanted 'Rovers 'til I die' all night.\n", ["Rovers 'til I die"]),
    ("He said ‘we’re here ’cause we care’ and left.\n", ["we’re here ’cause we care"]),
])
def test_elisions_are_not_quote_marks(text: str, quotes: list[str]) -> None:
    """'til, 'cause, 'bout, 'cos open no quotation, as 'em and '90s do not."""
    assert [q.text for q in find_quotations(read_text_document("x.txt", text))] == quotes


def test_block_lookup_skips_only_paragraphs_that_cannot_be_block_quotations() -> None:
    """A paragraph is looked up in the sources only when a colon introduces it or a block
    quotation of the same source precedes it: otherwise it cannot be a block quotation (a
    paragraph that merely repeats a release is the reporter's prose), and the lookup was a fifth
    of an article's time."""
    plain = "The council will rebuild every bridge on the river before the winter floods arrive here."
    marked = "The council said it would “rebuild every bridge” on the river before the floods arrive."
    looked: list[str] = []

    def lookup(text: str) -> tuple[str | None, float]:
        looked.append(text)
        return ("council-2026", 1.0) if "bridge" in text else (None, 0.0)

    def blocks(text: str) -> list[str]:
        looked.clear()
        return [q.text for q in find_quotations(read_text_document("a.txt", text), lookup) if q.kind == "block"]

    assert blocks(f"Intro.\n\n{marked}\n\nMore.") == [] and looked == []
    # introduced by a colon: looked up, and a block quotation
    assert blocks(f"The statement read:\n\n{marked}") == [marked] and looked == [marked]
    # a paragraph repeating a source with nothing introducing it: not looked up, no quotation
    assert blocks(f"Intro.\n\n{plain}\n\nMore.") == [] and looked == []
    # after a block quotation of the same source: looked up, and joined to it
    assert blocks(f"The statement read:\n\n{plain}\n\n{marked}") == [plain, marked] and looked == [plain, marked]


@pytest.mark.parametrize("name,text", [
    ("pull.html", "<article><p>Intro.</p><blockquote><p>“We will not build the slums of tomorrow to solve "
                  "the shortage of today.”</p></blockquote><p>More.</p></article>"),
    ("pull.md", "Intro.\n\n> “We will not build the slums of tomorrow\n>\n> “to solve the shortage of today.”\n\nMore.\n"),
])
def test_block_quotation_in_its_own_marks_is_its_words(tmp_path: Path, name: str, text: str) -> None:
    """A pull quote printed in quote marks (each paragraph reopened) is one block quotation of its
    words without the marks, as an inline quotation's are; the reopened paragraph is no second
    quotation; and its offsets still slice the file."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    quotes = find_quotations(read_document(path))
    assert [q.kind for q in quotes] == ["block"]
    q = quotes[0]
    raw = path.read_text(encoding="utf-8")[q.file_start:q.file_end]
    assert raw.startswith("We will") and raw.endswith("today.")


@pytest.mark.parametrize("between", ['<div class="ad"><p>ADVERTISEMENT</p></div>', "",
                                     "<p>Story continues below advertisement</p>", "<p>Continue reading the main story</p>"])
def test_quotation_over_paragraphs_steps_over_an_ad(tmp_path: Path, between: str) -> None:
    """A quotation left open at a paragraph's end and reopened in the next continues across an
    ad slot set between the two: a quotation of each paragraph's words, never the ad's."""
    path = tmp_path / "a.html"
    path.write_text("<article><p>She said: &ldquo;We will not build the slums of tomorrow.</p>\n"
                    f"{between}\n<p>&ldquo;We will solve the shortage of today.&rdquo;</p></article>", encoding="utf-8")
    doc = read_document(path)
    quotes = find_quotations(doc)
    assert [q.text for q in quotes] == ["We will not build the slums of tomorrow.", "We will solve the shortage of today."]


@pytest.mark.parametrize("text,quotes", [
    ("»Wir schaffen das«, sagte sie. »Wir haben so vieles geschafft.«\n", ["Wir schaffen das", "Wir haben so vieles geschafft."]),
    ("Sie sagte: »Das ist ›unmöglich‹, wirklich.«\n", ["Das ist ›unmöglich‹, wirklich.", "unmöglich"]),
    ("« Nous ne céderons pas », a déclaré la ministre. «Jamais», a-t-elle ajouté.\n", ["Nous ne céderons pas", "Jamais"]),
])
def test_guillemets_either_way_round(text: str, quotes: list[str]) -> None:
    """German and Danish papers print guillemets pointing inwards (»…«, ›…‹), French outwards."""
    assert [q.text for q in find_quotations(read_text_document("x.txt", text))] == quotes


def test_a_works_title_in_quote_marks_is_no_quotation() -> None:
    # "the film “Groundhog Day”": the marks set off a title; a sentence after "the album" is words
    text = ('He compared it to the film "Groundhog Day" and a novel titled ‘The Long Road’. '
            'The label said the album "will be released in the fall." She called it "a shambles".\n')
    found = [q.text for q in find_quotations(read_text_document("t.txt", text))]
    assert found == ["will be released in the fall.", "a shambles"]
    # the kind of work after the title: "BBC Radio 4's “Today” programme"; "shows" is a verb
    text = 'He told Radio 4\'s "Today" programme so. "We Will Win" shows that. "Today" is the day.\n'
    found = [q.text for q in find_quotations(read_text_document("t.txt", text))]
    assert found == ["We Will Win", "Today"]


def test_a_title_naming_its_singer_or_released_is_no_quotation() -> None:
    """'the “Halcyon” singer', 'the release of “Glass Houses”': titles; 'the singer said “Hold
    on”' is words."""
    text = ('The “Halcyon” singer spoke on the eve of the release of “Glass Houses”. The singer said '
            '“Hold on to what you love.”\n')
    found = [q.text for q in find_quotations(read_text_document("t.txt", text))]
    assert found == ["Hold on to what you love."]


def test_a_plain_text_newsletter_quotes_a_post_with_angle_brackets(pipe: Pipeline) -> None:
    """A .txt newsletter quotes a post as an email does, each line opened by '>', its signature
    line followed by the site's '[Show more]': one embed of the post's words, signed by its author."""
    text = ("Owen Pryd-Derch was out of the blocks within the hour:\n\n"
            "> Catriona Mair has done the right thing. The Prime Minister has not. Money went to a firm with links…\n"
            "> — Owen Pryd-Derch (@OwenPrydDerch) May 16, 2028\n> [Show more]\n\nThat was the attack line.\n")
    fs = pipe.check_text(text).findings
    assert [(f.quotation.kind, f.quotation.speaker, f.quotation.text) for f in fs] == [
        ("embed", "Owen Pryd-Derch", "Catriona Mair has done the right thing. The Prime Minister has not. Money went "
                                     "to a firm with links…")]
