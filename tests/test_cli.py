"""The installed `verify` command end to end, as a subprocess (the way CI and users run it), and
the contract of §6: the JSON fields, exit codes 0/1/2 with --fail-on, text without colour when
the output is not a terminal."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE

QUOTE_FIELDS = {"text", "start", "end", "line", "column", "kind", "speaker", "verdict", "source",
                "source_text", "score", "diff"}
VERDICTS = {"exact", "cosmetic", "elided", "truncated", "altered", "paraphrase", "translated",
            "misattributed", "unsourced", "fragment"}
CLEAN = ("Secretary of State Marco Rubio thanked President Nayib Bukele on Monday.\n\n"
         "“No country’s ever made an offer of friendship such as this,” Rubio said.\n")


def verify(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("verify", path=str(Path(sys.executable).parent))
    assert exe, "the `verify` command is not installed in this environment (pip install -e .)"
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}
    return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def sample_json() -> tuple[int, dict]:
    p = verify("quotes", SAMPLE, "--format", "json", "--quiet")
    assert "Traceback" not in p.stderr
    return p.returncode, json.loads(p.stdout)


def test_json_fields_and_types(sample_json) -> None:
    code, out = sample_json
    assert code == 1      # the sample holds misquotations, and altered fails by default
    assert [Path(d["path"]).name for d in out["documents"]] == sorted(p.name for p in SAMPLE.iterdir()
                                                                     if p.suffix in (".txt", ".md", ".html"))
    quotes = [q for d in out["documents"] for q in d["quotes"]]
    assert len(quotes) > 10
    for q in quotes:
        assert QUOTE_FIELDS <= set(q), q
        assert isinstance(q["text"], str) and q["text"]
        assert all(isinstance(q[k], int) for k in ("start", "end", "line", "column"))
        assert 0 <= q["start"] < q["end"] and q["line"] >= 1 and q["column"] >= 1
        assert q["kind"] in ("inline", "block", "embed")
        assert q["speaker"] is None or isinstance(q["speaker"], str)
        assert q["verdict"] in VERDICTS
        assert isinstance(q["score"], (int, float)) and isinstance(q["diff"], list)
        if q["source"] is None:
            assert q["verdict"] in ("unsourced", "fragment", "paraphrase", "translated")
        else:
            assert set(q["source"]) >= {"id", "url", "speaker"}
            assert q["source_text"] or q["verdict"] == "fragment"
    altered = [q for q in quotes if q["verdict"] == "altered"]
    assert altered and all(any(op["op"] != "cosmetic" for op in q["diff"]) for q in altered)
    assert {"op", "printed", "source"} <= set(altered[0]["diff"][0])


def test_json_offsets_slice_the_files(sample_json) -> None:
    """start/end are character offsets into the decoded file; for HTML they cover the quoted
    text's source, character references included."""
    _, out = sample_json
    for d in out["documents"]:
        raw = Path(d["path"]).read_text(encoding="utf-8")
        for q in d["quotes"]:
            piece = raw[q["start"]:q["end"]]
            if d["path"].endswith(".html"):
                piece = " ".join(html.unescape(piece).split())
                assert piece == " ".join(q["text"].split()), (d["path"], q)
            else:
                assert piece == q["text"], (d["path"], q)
            before = raw[:q["start"]]
            assert q["line"] == before.count("\n") + 1
            assert q["column"] == q["start"] - (before.rfind("\n") + 1) + 1


def test_text_output_without_colour_when_piped(tmp_path: Path) -> None:
    p = verify("quotes", SAMPLE, "--quiet")
    assert p.returncode == 1, p.stderr
    assert "\x1b[" not in p.stdout          # not a terminal: no escape codes
    lines = p.stdout.splitlines()
    for name in ("01-wire-rubio.txt", "02-blog-spun.md", "03-magazine.html"):
        assert any(name in l and "quotations" in l for l in lines)
    i = next(k for k, l in enumerate(lines) if " altered " in l)
    assert lines[i + 1].strip().startswith("source:") and lines[i + 2].strip().startswith("diff:")
    assert lines[-1].startswith("3 documents, ") and " altered" in lines[-1]


def test_forced_colour(tmp_path: Path) -> None:
    p = verify("quotes", SAMPLE, "--color", "--quiet")
    assert "\x1b[" in p.stdout


def test_exit_codes_and_fail_on(tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    clean = verify("quotes", tmp_path / "clean.txt", "--format", "json", "--quiet")
    assert clean.returncode == 0, clean.stderr
    q = json.loads(clean.stdout)["documents"][0]["quotes"]
    assert [(x["verdict"], x["speaker"]) for x in q] == [("exact", "Marco Rubio")]
    # the same article fails once its verdict is listed in --fail-on
    assert verify("quotes", tmp_path / "clean.txt", "--fail-on", "exact", "--quiet").returncode == 1
    # misquotations: 1 by default, 0 when nothing fails
    assert verify("quotes", SAMPLE, "--fail-on", "none", "--quiet").returncode == 0
    bad = verify("quotes", SAMPLE, "--fail-on", "wrongish")
    assert bad.returncode == 2 and "wrongish" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr


@pytest.mark.parametrize("args, needle", [
    (("quotes", "{root}/no/such/folder"), "no/such/folder"),
    (("quotes", "{sample}", "--format", "yaml"), "yaml"),
    (("quotes", "{sample}", "--no-such-option"), "no-such-option"),
    (("eval", "{root}/no-gold.jsonl", "{sample}"), "no-gold.jsonl"),
])
def test_usage_and_input_errors_are_one_line_exit_2(run_cli, args, needle) -> None:
    r = run_cli(*[a.format(root=SAMPLE.parent.parent, sample=SAMPLE) for a in args])
    assert r.code == 2, r
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.err, r.err
    assert needle in lines[0]


def test_module_entry_point() -> None:
    p = subprocess.run([sys.executable, "-m", "verify", "--help"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and "quotes" in p.stdout


def test_public_api(tmp_path: Path) -> None:
    """What a Python user imports (STYLE.md §2): the names in verify.__all__, and they work."""
    import verify

    for name in verify.__all__:
        assert hasattr(verify, name), name
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (report,) = verify.check_articles(tmp_path)
    assert isinstance(report, verify.DocumentReport)
    (f,) = report.findings
    assert (f.verdict, f.quotation.speaker, f.source.id) == ("exact", "Marco Rubio", "rubio-remarks-2025-02-03")
    with pytest.raises(verify.InputError):
        verify.check_articles(tmp_path / "missing")
    assert issubclass(verify.SourceFormatError, verify.VerifyError)
