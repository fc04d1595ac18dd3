"""Reading article files: which files, which bytes, headers and front matter, furniture in plain
text; offsets always count from the top of the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from conftest import INPUT
from verify.errors import InputError
from verify.pipeline import Pipeline
from verify.read import Skipped, decode, iter_article_paths, read_document


def _zones(path: Path) -> dict[str, str]:
    doc = read_document(path)
    return {doc.text[b.start:b.end]: b.zone for b in doc.blocks}


def test_key_value_header() -> None:
    doc = read_document(INPUT / "header.txt")
    assert doc.meta == {"title": 'Rubio thanks Bukele for "extraordinary" offer',
                        "url": "https://news.example.org/2025/02/rubio-bukele", "date": "2025-02-04",
                        "outlet": "Example Wire"}
    assert doc.text == (INPUT / "header.txt").read_text(encoding="utf-8")   # offsets = file offsets
    assert doc.blocks[0].kind == "header" and doc.text[doc.blocks[0].end - 3:doc.blocks[0].end] == "---"


def test_front_matter() -> None:
    doc = read_document(INPUT / "frontmatter.md")
    assert doc.meta["title"] == "A prison deal, in the president's words"
    assert doc.meta["date"] == "2025-02-05"
    assert doc.blocks[0].zone == "header"
    assert doc.blocks[1].kind == "heading"


def test_plain_text_furniture() -> None:
    zones = _zones(INPUT / "header.txt")
    assert zones["RELATED: “Talks will go on,” ministers say after the visit"] == "furniture"
    assert zones["Sign up for our newsletter"] == "furniture"
    # a box inside the article does not end it
    assert zones["The State Department did not publish the text of any agreement."] == "body"
    assert zones["Leave a Comment"] == "furniture"
    assert zones["“Great article,” wrote a reader under the name Pat."] == "furniture"


@pytest.mark.parametrize("name, expected", [
    ("header.txt", [(9, 2, "No country's ever made an offer of friendship such as this,")]),
    ("frontmatter.md", [(9, 37, "We are willing to take in only convicted criminals (including convicted "
                                "U.S. citizens) into our mega-prison (CECOT) in exchange for a fee,"),
                        (11, 3, "Yes, we'll gladly take him in.")]),
])
def test_quotations_in_headed_files(name: str, expected: list) -> None:
    """Header lines are not article text, and furniture quotations are not reported; lines and
    columns are the file's."""
    path = INPUT / name
    raw = path.read_text(encoding="utf-8")
    report = Pipeline.from_dir().check(read_document(path))
    got = []
    for f in report.findings:
        q = f.quotation
        assert raw[q.file_start:q.file_end] == q.text
        got.append((q.line, q.column, q.text))
    assert got == expected


@pytest.mark.parametrize("data, text, encoding", [
    ("Bukele said “yes”.".encode("utf-8"), "Bukele said “yes”.", "utf-8"),
    (codecs.BOM_UTF8 + "Bukele “sí”.".encode("utf-8"), "Bukele “sí”.", "utf-8-sig"),
    (codecs.BOM_UTF16_LE + "Bukele “sí”.".encode("utf-16-le"), "Bukele “sí”.", "utf-16-le"),
    ("Le président a déclaré : « Nous accueillerons les détenus », à la télévision d’État. ".encode("cp1252") * 3,
     "Le président a déclaré : « Nous accueillerons les détenus », à la télévision d’État. " * 3, "cp1252"),
    ("Der Präsident sagte: „Wir nehmen sie auf“, so das Außenministerium.".encode("cp1252"),
     "Der Präsident sagte: „Wir nehmen sie auf“, so das Außenministerium.", "cp1252"),
    ("Президент сказал: «Мы их примем», сообщило министерство иностранных дел.".encode("cp1251"),
     "Президент сказал: «Мы их примем», сообщило министерство иностранных дел.", None),
    # an HTML page's declared charset is used when it decodes; "ISO-8859-1" means Windows-1252
    ('<meta charset="shift_jis"><p>大統領は「受け入れる」と述べた。</p>'.encode("shift_jis"),
     '<meta charset="shift_jis"><p>大統領は「受け入れる」と述べた。</p>', "shift_jis"),
    ("<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><p>“Café” — ok</p>".encode("cp1252"),
     "<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><p>“Café” — ok</p>", "cp1252"),
    ('<meta charset="utf-8"><p>“Café”</p>'.encode("cp1252"), '<meta charset="utf-8"><p>“Café”</p>', "cp1252"),
])
def test_decode(data: bytes, text: str, encoding: str | None) -> None:
    got, enc = decode(data, "x.txt")
    assert got == text
    if encoding:
        assert enc == encoding


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 100, bytes(range(256)) * 4])
def test_binary_is_skipped(data: bytes) -> None:
    with pytest.raises(Skipped, match="x.txt"):
        decode(data, "x.txt")


def test_folders_are_searched_recursively_in_a_stable_order(tmp_path: Path) -> None:
    for rel in ("b/2.md", "b/deeper/3.htm", "a.txt", "c.HTML", "notes.csv", ".hidden/4.txt", "b/.5.txt"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_article_paths([str(tmp_path)])]
    assert got == ["a.txt", "b/2.md", "b/deeper/3.htm", "c.HTML"]
    with pytest.raises(InputError, match="no such file"):
        list(iter_article_paths([str(tmp_path / "missing")]))


def test_crlf_line_endings_keep_offsets(tmp_path: Path) -> None:
    text = "Rubio arrived on Monday.\r\n\r\n“No country's ever made an offer of friendship such as this,” Rubio said.\r\n"
    p = tmp_path / "crlf.txt"
    p.write_bytes(text.encode("utf-8"))
    report = Pipeline.from_dir().check(read_document(p))
    (f,) = report.findings
    raw = p.read_bytes().decode("utf-8")
    assert raw[f.quotation.file_start:f.quotation.file_end] == f.quotation.text
    assert (f.quotation.line, f.quotation.column) == (3, 2)


def test_read_more_label_hides_its_teaser_and_the_article_goes_on() -> None:
    """Scraped pages print 'Read more:' with the teased headline on the next line mid-story:
    both lines are furniture, the paragraphs after them are still the article's."""
    from verify.read import read_text_document

    text = ('Headline\n\n"We will fund the clinics," the mayor said.\n\nRead more:\n'
            '"Budget passes" after a long night\n\n"Nobody will lose a bed," she added.\n')
    doc = read_text_document("x.txt", text)
    zones = {text[b.start:b.end]: b.zone for b in doc.blocks}
    assert zones["Read more:"] == "furniture"
    assert zones['"Budget passes" after a long night'] == "furniture"
    assert zones['"Nobody will lose a bed," she added.'] == "body"


def test_a_tabloids_read_more_on_box_hides_its_teased_headlines() -> None:
    """'READ MORE ON <TEAM>' over a few teased headlines (lines ending no sentence) is a box
    inside the story: the story goes on with the first line that ends a sentence."""
    from verify.read import read_text_document

    text = ('He added: "He is devastated."\n\nREAD MORE ON KINGSMERE UNITED\n'
            'KNEE NIGHTMARE Rourke ruled out for the season\n'
            "SWOOP Kingsmere 'in talks' over a summer move\n\n"
            'Rourke, who has eight goals this season, faces nine months out.\n')
    doc = read_text_document("x.txt", text)
    zones = {text[b.start:b.end]: b.zone for b in doc.blocks}
    assert zones["READ MORE ON KINGSMERE UNITED"] == "furniture"
    assert zones["KNEE NIGHTMARE Rourke ruled out for the season"] == "furniture"
    assert zones["SWOOP Kingsmere 'in talks' over a summer move"] == "furniture"
    assert zones["Rourke, who has eight goals this season, faces nine months out."] == "body"


def test_a_read_more_list_mid_story_and_the_story_after_it() -> None:
    """A scraped page's 'Read More' over teased headlines, then a subhead and the story's next
    paragraphs: the teasers are furniture, the prose after them is the article's again; a
    comments section stays furniture whatever it holds."""
    from verify.read import read_text_document

    para = ('Seán Mac Donn-Chadha, chief executive of the trust, said the Minister "cannot keep telling us the corner '
            'is being turned while a record number of children are in hotel rooms".')
    comment = ("I have lived here forty years and I have never seen the housing situation as bad as it is right now, "
               "and nobody in government seems to care at all about it.")
    text = ('Housing plan announced\n\n"It is too little," the spokeswoman said.\n\nRead More\n\n'
            'Rents rise for 19th consecutive quarter\n\nExplainer: How are homelessness figures counted?\n\n'
            f"Charities' response\n\n{para}\n\nComments\n\n{comment}\n")
    doc = read_text_document("x.txt", text)
    zones = {text[b.start:b.end]: b.zone for b in doc.blocks}
    assert zones["Read More"] == zones["Rents rise for 19th consecutive quarter"] == "furniture"
    assert zones[para] == "body"
    assert zones[comment] == "furniture"


def test_a_papers_sign_off_lines_are_furniture() -> None:
    """The print-edition line quotes the headline in quotation marks, and the author's address
    and the copyright line are no part of the story; 'What to Read Next' opens the teasers."""
    from verify.find import find_quotations
    from verify.read import read_text_document

    text = ('"We are just getting started," he said.\n\n'
            'Write to Rachel Stiles at rachel.stiles@ledger.example.com\n\n'
            "Appeared in the September 16, 2027, print edition as 'Novara Bets on Glasses'.\n\n"
            'Copyright ©2027 Ledger Media Co. All Rights Reserved\n\n'
            'What to Read Next\n\nSmartphone Makers Search for the Next Big Thing\n')
    doc = read_text_document("x.txt", text)
    zones = {text[b.start:b.end]: b.zone for b in doc.blocks}
    assert zones['"We are just getting started," he said.'] == "body"
    assert all(z == "furniture" for t, z in zones.items() if not t.startswith('"We'))
    body = [q.text for q in find_quotations(doc) if q.zone == "body"]
    assert body == ["We are just getting started,"]
