"""Bad input: each case is a one-line message (exit 2) or a sensible result, never a traceback,
and the other files are still checked. Big inputs are generated here, never committed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SOURCES

GOOD = ("Secretary of State Marco Rubio met President Nayib Bukele on Monday.\n\n"
        "“We’re going to work together on this,” Rubio told reporters.\n")


def _one_line(err: str) -> str:
    lines = [l for l in err.strip().splitlines() if l.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def _paths(out: str) -> list[str]:
    return [Path(d["path"]).name for d in json.loads(out)["documents"]]


def test_nonexistent_path(run_cli, tmp_path: Path) -> None:
    r = run_cli("quotes", tmp_path / "nope")
    assert r.code == 2
    assert "nope" in _one_line(r.err) and "no such file" in r.err


def test_empty_folder(run_cli, tmp_path: Path) -> None:
    r = run_cli("quotes", tmp_path)
    assert r.code == 2
    assert "no readable articles" in _one_line(r.err)


def test_folder_without_articles(run_cli, tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    (tmp_path / "data.csv").write_text("a,b\n1,2\n")
    r = run_cli("quotes", tmp_path)
    assert r.code == 2
    assert "no readable articles" in _one_line(r.err)


def test_binary_file_skipped_with_warning_others_checked(run_cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 40)
    r = run_cli("quotes", tmp_path, "--format", "json", "--quiet")
    assert r.code == 0, r.err
    assert _paths(r.out) == ["a.txt"]
    assert "b.txt" in _one_line(r.err) and "binary" in r.err


def test_only_a_binary_file_is_an_input_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / "b.html").write_bytes(bytes(range(256)) * 10)
    r = run_cli("quotes", tmp_path / "b.html", "--quiet")
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in r.err     # the skip warning, then the error
    assert "binary" in lines[0] and "no readable articles" in lines[1]


def test_latin1_file_is_decoded(run_cli, tmp_path: Path) -> None:
    text = ("Le président Nayib Bukele a reçu Marco Rubio à San Salvador, où la délégation américaine "
            "a été accueillie.\n\n«Nous travaillerons ensemble», a déclaré Bukele à la presse étrangère.\n")
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    r = run_cli("quotes", tmp_path, "--format", "json", "--fail-on", "none", "--quiet")
    assert r.code == 0, r.err
    quotes = json.loads(r.out)["documents"][0]["quotes"]
    assert [q["text"] for q in quotes] == ["Nous travaillerons ensemble"]
    assert quotes[0]["line"] == 3 and quotes[0]["column"] == 2


def test_invalid_utf8_bytes_in_a_utf8_file(run_cli, tmp_path: Path) -> None:
    """A UTF-8 article with one stray byte is still an article (detection picks a fitting
    encoding); nothing is lost but the stray character."""
    data = GOOD.encode("utf-8").replace(b"Monday", b"Mon\xffday")
    (tmp_path / "a.txt").write_bytes(data)
    r = run_cli("quotes", tmp_path, "--format", "json", "--quiet")
    assert r.code in (0, 1), r.err
    assert "Traceback" not in r.err
    docs = json.loads(r.out)["documents"]
    assert len(docs) == 1


def test_undecodable_file_skipped(run_cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "junk.md").write_bytes(bytes([0x80, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x01, 0x02, 0x03]) * 500)
    r = run_cli("quotes", tmp_path, "--format", "json", "--quiet")
    assert _paths(r.out) == ["a.txt"]
    assert "junk.md" in _one_line(r.err)


def test_unreadable_file_skipped(run_cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")   # unreadable even for root
    r = run_cli("quotes", tmp_path, "--format", "json", "--quiet")
    assert _paths(r.out) == ["a.txt"]
    assert "gone.txt" in _one_line(r.err) and "cannot read" in r.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission(run_cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        r = run_cli("quotes", tmp_path, "--format", "json", "--quiet")
    finally:
        locked.chmod(0o644)
    assert _paths(r.out) == ["a.txt"]
    assert "locked.txt" in _one_line(r.err)


def test_malformed_source_file_names_file_and_line(run_cli, tmp_path: Path) -> None:
    src = tmp_path / "sources"
    src.mkdir()
    for p in SOURCES.glob("*.txt"):
        (src / p.name).write_bytes(p.read_bytes())
    (src / "broken.txt").write_text("id: broken\nspeaker: Marco Rubio\nthis is not a header line\n---\nText.\n")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = run_cli("quotes", tmp_path / "a.txt", "--sources", src)
    assert r.code == 2
    line = _one_line(r.err)
    assert "broken.txt:3:" in line


def test_missing_sources_folder(run_cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    r = run_cli("quotes", tmp_path / "a.txt", "--sources", tmp_path / "no-sources")
    assert r.code == 2
    assert "no-sources" in _one_line(r.err)


def test_unbalanced_quote_marks_do_not_swallow_the_document(run_cli, tmp_path: Path) -> None:
    text = ("Rubio arrived in San Salvador on Monday. “This opening mark never closes, he said.\n\n"
            "Officials gave no further details about the trip.\n\n"
            "“We’re going to work together on this,” Rubio told reporters.\n\n"
            "A straight \"mark also stays open and so does ‘this one.\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    r = run_cli("quotes", tmp_path, "--format", "json", "--fail-on", "none", "--quiet")
    assert r.code == 0, r.err
    quotes = json.loads(r.out)["documents"][0]["quotes"]
    assert "We’re going to work together on this" in [q["text"].rstrip(",") for q in quotes]
    for q in quotes:   # nothing runs across the paragraphs
        assert "\n\n" not in q["text"], q


def test_empty_and_whitespace_files(run_cli, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("\n\n   \n")
    (tmp_path / "a.html").write_text("<html><body></body></html>")
    r = run_cli("quotes", tmp_path, "--format", "json", "--quiet")
    assert r.code == 0, r.err
    docs = json.loads(r.out)["documents"]
    assert sorted(Path(d["path"]).name for d in docs) == ["a.html", "blank.md", "empty.txt"]
    assert all(d["quotes"] == [] for d in docs)


def _timed(run_cli, *args) -> tuple[float, object]:
    t = time.perf_counter()
    r = run_cli(*args)
    return time.perf_counter() - t, r


def test_20_mb_single_line_file(run_cli, tmp_path: Path) -> None:
    """A 20 MB line (a dump, minified text) finishes in seconds: nothing in the pipeline may be
    quadratic in the length of a paragraph."""
    sentence = ("The delegation met again on Tuesday to discuss the terms of the agreement, "
                "and officials said the talks would continue next week in the capital. ")
    big = tmp_path / "big.txt"
    quoted = "Rubio said “We’re going to work together on this” after the meeting. "
    chunk = sentence * 999 + quoted          # a quotation every thousand sentences
    n = 20_000_000 // len(chunk.encode()) + 1
    big.write_text(chunk * n, encoding="utf-8")
    assert big.stat().st_size >= 20_000_000
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    took, r = _timed(run_cli, "quotes", tmp_path, "--format", "json", "--fail-on", "none", "--quiet")
    assert r.code == 0, r.err
    docs = {Path(d["path"]).name: d for d in json.loads(r.out)["documents"]}
    assert set(docs) == {"a.txt", "big.txt"}
    assert len(docs["big.txt"]["quotes"]) == n
    assert took < 60, took     # measured 8-12 s on a shared 2-core machine


def test_huge_html(run_cli, tmp_path: Path) -> None:
    para = ("<p>The delegation met again on Tuesday to discuss the terms of the agreement, and "
            "officials said the talks would continue next week.</p>\n")
    quoted = "<p>&ldquo;We&rsquo;re going to work together on this,&rdquo; Rubio told reporters.</p>\n"
    body = (para * 199 + quoted) * 300
    page = tmp_path / "huge.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>t</title></head><body><article>{body}"
                    f"</article><div class='comments'><p>&ldquo;Fake news&rdquo; said a reader.</p></div></body></html>")
    assert page.stat().st_size > 7_000_000
    took, r = _timed(run_cli, "quotes", page, "--format", "json", "--fail-on", "none", "--quiet")
    assert r.code == 0, r.err
    quotes = json.loads(r.out)["documents"][0]["quotes"]
    assert len(quotes) == 300
    raw = page.read_text()
    q = quotes[-1]
    assert raw[q["start"]:q["end"]] == "We&rsquo;re going to work together on this,"
    assert took < 60, took


def test_an_unusable_index_location_is_one_line_exit_2(tmp_path: Path) -> None:
    """The source index cannot be created (its folder is a file): a one-line error naming the
    index file and the way out, not an internal error."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text('"We will not cut a single library hour," the mayor said.\n', encoding="utf-8")
    env = {**os.environ, "VERIFY_CACHE": str(blocker)}
    p = subprocess.run([sys.executable, "-m", "verify", "quotes", str(art)], capture_output=True, text=True,
                       env=env, timeout=120)
    assert p.returncode == 2, p.stderr
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert "cannot use the source index" in p.stderr and "VERIFY_CACHE" in p.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize("matcher", ["--index", "--brute-force"])
def test_pipes_and_a_loop_of_links_never_hang_or_break_a_run(tmp_path: Path, matcher: str) -> None:
    """A named pipe called like an article or a source would block its read for ever, and a link
    back up the sources folder would be walked until the system gives up: the pipe among the
    articles is skipped with a warning, the sources folder's pipe and link are passed over."""
    src = tmp_path / "sources"
    src.mkdir()
    for p in SOURCES.glob("*.txt"):
        (src / p.name).write_bytes(p.read_bytes())
    os.mkfifo(src / "pipe.txt")
    (src / "up").symlink_to("..")
    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "a.txt").write_text("Rubio said: “he has offered his jails so we can send them there.”\n", encoding="utf-8")
    os.mkfifo(arts / "b.txt")
    (arts / "c.txt").mkdir()            # a folder named like an article
    def run(folder: Path, index: str) -> subprocess.CompletedProcess:
        args = ["--brute-force"] if matcher == "--brute-force" else ["--index", str(tmp_path / index)]
        return subprocess.run([sys.executable, "-m", "verify", "quotes", str(folder), "--sources", str(src), *args,
                               "--format", "json", "--quiet"], capture_output=True, text=True, timeout=120)

    p = run(arts, "i.sqlite")
    assert p.returncode in (0, 1), p.stderr      # (1: a quotation in --fail-on)
    assert _paths(p.stdout) == ["a.txt"]
    assert "b.txt: not a regular file; skipped" in _one_line(p.stderr)
    # the same findings as with the library alone
    os.remove(src / "pipe.txt")
    os.remove(src / "up")
    clean = run(arts / "a.txt", "clean.sqlite")
    assert clean.returncode == p.returncode
    assert json.loads(p.stdout)["documents"][0]["quotes"] == json.loads(clean.stdout)["documents"][0]["quotes"]
    assert json.loads(clean.stdout)["documents"][0]["quotes"][0]["source"]["id"] == "rubio-remarks-2025-02-03"
