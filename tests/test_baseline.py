"""Baseline: `verify baseline` writes today's failures with reasons; `--baseline` suppresses
exactly those entries, and a new problem still fails."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_formats import run_verify  # the CLI in-process (tests/ is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample"


_verify = run_verify


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "articles")
    return tmp_path


def _sarif(p: subprocess.CompletedProcess[str]) -> tuple[list[dict], list[dict]]:
    results = json.loads(p.stdout)["runs"][0]["results"]
    errors = [r for r in results if r["level"] == "error"]
    return [r for r in errors if not r.get("suppressions")], [r for r in errors if r.get("suppressions")]


def test_baseline_suppresses_exactly_its_entries(archive: Path) -> None:
    assert _verify("quotes", "articles", cwd=archive).returncode == 1
    w = _verify("baseline", "articles", "-o", "verify-baseline.json", "--reason", "house style before 2025", cwd=archive)
    assert w.returncode == 0, w.stderr
    data = json.loads((archive / "verify-baseline.json").read_text())
    assert len(data["entries"]) == 2
    assert all(e["reason"] == "house style before 2025" and e["verdict"] == "altered" for e in data["entries"])
    assert {e["path"] for e in data["entries"]} == {"articles/02-blog-spun.md"}

    p = _verify("quotes", "articles", "--baseline", "verify-baseline.json", "--format", "sarif", cwd=archive)
    assert p.returncode == 0, p.stderr
    open_, accepted = _sarif(p)
    assert open_ == [] and len(accepted) == 2
    assert accepted[0]["suppressions"][0]["justification"] == "house style before 2025"

    # drop one entry: exactly that one fails again
    data["entries"] = data["entries"][:1]
    (archive / "verify-baseline.json").write_text(json.dumps(data))
    p = _verify("quotes", "articles", "--baseline", "verify-baseline.json", "--format", "sarif", cwd=archive)
    assert p.returncode == 1
    open_, accepted = _sarif(p)
    assert len(open_) == 1 and len(accepted) == 1
    assert open_[0]["message"]["text"].split("\n")[0] != accepted[0]["message"]["text"].split("\n")[0]


def test_a_new_problem_still_fails(archive: Path) -> None:
    assert _verify("baseline", "articles", cwd=archive).returncode == 0
    # the same misquotation moved down its article is still accepted …
    blog = archive / "articles" / "02-blog-spun.md"
    blog.write_text(blog.read_text().replace("\n\n", "\n\nAn added paragraph.\n\n", 1))
    assert _verify("quotes", "articles", "--baseline", "verify-baseline.json", cwd=archive).returncode == 0
    # … a new one in a new article is not, and is the only failure reported
    (archive / "articles" / "04-new.md").write_text(
        "# New\n\nBukele wrote that the prison fee “would be relatively low for the U.S. but significant "
        "for us, making our whole prison system sustainable.”\n")
    p = _verify("quotes", "articles", "--baseline", "verify-baseline.json", "--format", "sarif", cwd=archive)
    assert p.returncode == 1
    open_, accepted = _sarif(p)
    assert len(accepted) == 2 and len(open_) == 1
    assert open_[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "articles/04-new.md"
    # and the same quotation, now printed differently in the old article, fails too
    blog.write_text(blog.read_text().replace("an amazing friend", "a wonderful friend"))
    p = _verify("quotes", "articles/02-blog-spun.md", "--baseline", "verify-baseline.json", "--format", "junit",
                cwd=archive)
    assert p.returncode == 1 and 'failures="1"' in p.stdout and 'skipped="1"' in p.stdout


def test_rewriting_keeps_reasons_and_default_reason(archive: Path) -> None:
    assert _verify("baseline", "articles", cwd=archive).returncode == 0
    data = json.loads((archive / "verify-baseline.json").read_text())
    assert all(e["reason"].startswith("accepted as existing") for e in data["entries"])
    data["entries"][0]["reason"] = "the outlet's own correction policy"
    (archive / "verify-baseline.json").write_text(json.dumps(data))
    assert _verify("baseline", "articles", cwd=archive).returncode == 0
    again = json.loads((archive / "verify-baseline.json").read_text())
    assert [e["reason"] for e in again["entries"]][0] == "the outlet's own correction policy"


@pytest.mark.parametrize("content,word", [
    ('{"entries": [{"path": "a.md", "quote": "x", "verdict": "altered"}]}', "no reason"),
    ('{"entries": [{"path": "a.md", "quote": "x", "verdict": "altered", "reason": " "}]}', "no reason"),
    ("{not json", "not valid JSON"), ('{"version": 1}', "entries")])
def test_bad_baseline_is_exit_2(archive: Path, content: str, word: str) -> None:
    (archive / "b.json").write_text(content)
    p = _verify("quotes", "articles", "--baseline", "b.json", cwd=archive)
    assert p.returncode == 2 and word in p.stderr and len(p.stderr.strip().splitlines()) == 1
    p = _verify("quotes", "articles", "--baseline", "missing.json", cwd=archive)
    assert p.returncode == 2 and "no such baseline" in p.stderr


def test_baseline_in_config_file(archive: Path) -> None:
    assert _verify("baseline", "articles", "-o", "accepted.json", cwd=archive).returncode == 0
    (archive / "verify.toml").write_text('baseline = "accepted.json"\n')
    assert _verify("quotes", "articles", cwd=archive).returncode == 0
