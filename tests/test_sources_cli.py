"""`verify sources add/show/verify` and `verify quotes --follow-links`, run as a user runs them,
against a real server on 127.0.0.1 standing in for state.gov, X's endpoints and the Wayback Machine."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest_http import (BROKEN_HTML, OEMBED, POST_ID, POST_TOKEN, READOUT_PARAS, RELEASE_HTML, TOMBSTONE,
                           json_response, run_cli, slow, syndication_json)
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

from verify.capture import CaptureStore
from verify.sources import load_sources, parse_source

RELEASE_PATH = "/secretary-rubios-meeting-with-salvadoran-president-nayib-bukele/"


@pytest.fixture
def web(httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    """The endpoints pointed at the local server; every folder a tmp dir (never the repo's)."""
    monkeypatch.setenv("VERIFY_SYNDICATION_URL", httpserver.url_for("/tweet-result"))
    monkeypatch.setenv("VERIFY_OEMBED_URL", httpserver.url_for("/oembed"))
    monkeypatch.setenv("VERIFY_WAYBACK_AVAILABLE_URL", httpserver.url_for("/wayback/available"))
    monkeypatch.setenv("VERIFY_WAYBACK_WEB_URL", httpserver.url_for("/web"))
    monkeypatch.setenv("VERIFY_TIMEOUT", "0.3")
    monkeypatch.setenv("VERIFY_RETRIES", "1")
    monkeypatch.setenv("VERIFY_BACKOFF", "0.01")
    monkeypatch.setenv("VERIFY_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("VERIFY_ALLOW_PRIVATE_HOSTS", raising=False)
    return httpserver


def _add(monkeypatch, capsys, tmp_path: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(monkeypatch, capsys, "sources", "add", *args, "--sources", str(tmp_path / "src"),
                   "--cache", str(tmp_path / "cache"), "--allow-private-hosts")


def _only_source(tmp_path: Path):
    files = sorted((tmp_path / "src").iterdir())
    assert len(files) == 1, files
    return parse_source(str(files[0]), files[0].read_text(encoding="utf-8"))


def _clean_cache(tmp_path: Path) -> int:
    n, problems = CaptureStore(tmp_path / "cache").verify()
    assert problems == []
    return n


def test_release_page_becomes_a_source_naming_its_capture(web, tmp_path, monkeypatch, capsys) -> None:
    web.expect_request(RELEASE_PATH).respond_with_data(RELEASE_HTML, content_type="text/html; charset=utf-8")
    url = web.url_for(RELEASE_PATH)
    code, out, err = _add(monkeypatch, capsys, tmp_path, url)
    assert code == 0, err
    assert out.startswith("new: ") and "(release, fetched, sha1:" in out
    src = _only_source(tmp_path)
    assert src.text == "\n\n".join(READOUT_PARAS)                       # what was served, nothing else
    assert (src.speaker, src.organization, src.kind, src.published) == (
        "Tammy Bruce", "United States Department of State", "release", "2025-02-03")
    assert src.url == url and src.id.endswith("-2025-02-03-secretary-rubios-meeting-with-salvadoran-president-nayib")
    warc, record_id = src.meta["capture"].split()
    cap = CaptureStore(tmp_path / "cache").find(record_id)
    assert cap is not None and cap.warc == warc and cap.uri == url and src.meta["digest"] == cap.digest
    assert src.provenance.startswith(f"fetched from {url} on {cap.date} (HTTP 200, text/html)")
    assert "trafilatura" in src.meta["extraction"]

    code, out, _ = run_cli(monkeypatch, capsys, "sources", "show", src.id, "--sources", str(tmp_path / "src"),
                           "--cache", str(tmp_path / "cache"))
    assert code == 0 and f"digest: {cap.digest}" in out and f"captured: {cap.date}" in out
    assert "check: ok: matches capture" in out and READOUT_PARAS[1] in out

    # again: a cache hit, no request, the file unchanged
    code, out, _ = _add(monkeypatch, capsys, tmp_path, url)
    assert code == 0 and out.startswith("unchanged: ") and "from the cache" in out
    assert len(web.log) == 1
    assert _clean_cache(tmp_path) == 2


def test_sources_verify_detects_a_source_edited_after_its_capture(web, tmp_path, monkeypatch, capsys) -> None:
    web.expect_request(RELEASE_PATH).respond_with_data(RELEASE_HTML, content_type="text/html")
    assert _add(monkeypatch, capsys, tmp_path, web.url_for(RELEASE_PATH))[0] == 0
    (tmp_path / "src" / "hand-written.txt").write_text(
        "id: hand-written\nspeaker: Someone\nprovenance: transcribed by hand from a broadcast\n---\nWords.\n")
    verify = ("sources", "verify", "--sources", str(tmp_path / "src"), "--cache", str(tmp_path / "cache"))
    code, out, _ = run_cli(monkeypatch, capsys, *verify)
    assert code == 0, out
    assert "2 WARC records read, 0 capture problem(s); 1 source(s) with a capture, 0 not matching; 1 without" in out

    path = next(p for p in (tmp_path / "src").iterdir() if p.name != "hand-written.txt")
    path.write_text(path.read_text().replace("tremendously successful", "very successful"))
    code, out, _ = run_cli(monkeypatch, capsys, *verify)
    assert code == 1
    assert re.search(r"MISMATCH: \S+: the text differs from its capture <urn:uuid:[^>]+> \(from character \d+: "
                     r"capture says 'tremendously", out)


def test_tco_redirect_to_a_post_reads_the_syndication_json(web, tmp_path, monkeypatch, capsys) -> None:
    status_url = f"https://x.com/nayibbukele/status/{POST_ID}"
    web.expect_request("/6rUn37xtHy").respond_with_data("", status=301, headers={"Location": status_url})
    asked: list[dict] = []

    def syndication(request: Request) -> Response:
        asked.append(dict(request.args))
        return json_response(syndication_json(edited=False))
    web.expect_request("/tweet-result").respond_with_handler(syndication)
    code, out, err = _add(monkeypatch, capsys, tmp_path, web.url_for("/6rUn37xtHy"))
    assert code == 0, err
    assert asked == [{"id": POST_ID, "token": POST_TOKEN, "lang": "en"}]   # the token derived from the id
    src = _only_source(tmp_path)
    assert src.text == ("We have offered the United States of America the opportunity to outsource part of its "
                        "prison system. & more")                          # entities undone, media link cut
    assert (src.speaker, src.handle, src.kind, src.published, src.url) == (
        "Nayib Bukele", "@nayibbukele", "post", "2025-02-04", status_url)
    assert src.meta["edited"] == "no" and src.id == f"nayibbukele-x-2025-02-04-{POST_ID}"
    assert "syndication endpoint" in src.provenance and "reached from http" in src.provenance
    code, out, _ = run_cli(monkeypatch, capsys, "sources", "verify", "--sources", str(tmp_path / "src"),
                           "--cache", str(tmp_path / "cache"))
    assert code == 0 and f"ok: {src.id}: matches capture" in out


def test_edited_post_says_which_version_it_is(web, tmp_path, monkeypatch, capsys) -> None:
    web.expect_request("/tweet-result").respond_with_response(json_response(syndication_json(edited=True)))
    code, _, err = _add(monkeypatch, capsys, tmp_path, f"https://twitter.com/nayibbukele/status/{POST_ID}")
    assert code == 0, err
    assert _only_source(tmp_path).meta["edited"] == "superseded: version 1 of 2; the latest is 1886900000000000000"


def test_deleted_post_is_reported_and_nothing_written(web, tmp_path, monkeypatch, capsys) -> None:
    web.expect_request("/tweet-result").respond_with_response(json_response(TOMBSTONE))
    code, out, err = _add(monkeypatch, capsys, tmp_path, f"https://x.com/nayibbukele/status/{POST_ID}")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        f"verify: error: https://x.com/nayibbukele/status/{POST_ID}: the post is gone: X answers with a tombstone "
        "(This Post was deleted by the Post author. Learn more)"]
    assert not (tmp_path / "src").exists() or list((tmp_path / "src").iterdir()) == []
    _clean_cache(tmp_path)


def test_oembed_is_the_fallback_when_syndication_fails(web, tmp_path, monkeypatch, capsys) -> None:
    web.expect_request("/tweet-result").respond_with_data("", status=404)
    web.expect_request("/oembed").respond_with_response(json_response(OEMBED))
    code, _, err = _add(monkeypatch, capsys, tmp_path, f"https://x.com/SecRubio/status/{POST_ID}")
    assert code == 0, err
    src = _only_source(tmp_path)
    assert src.text == ("While in El Salvador, I signed a memorandum of understanding on strategic civil nuclear "
                        "cooperation with Foreign Minister @CancillerAleHT.\n\nThis cooperative MOU strengthens the "
                        "U.S.-El Salvador bilateral relationship.")
    assert (src.speaker, src.handle, src.published) == ("Secretary Marco Rubio", "@SecRubio", "2025-02-04")
    assert "oEmbed" in src.provenance and "syndication endpoint failed: HTTP 404" in src.provenance
    assert src.meta["edited"] == "unknown (oEmbed)"


def test_wayback_capture_when_the_live_page_fails(web, tmp_path, monkeypatch, capsys) -> None:
    live = web.url_for("/gone-release")
    web.expect_request("/gone-release").respond_with_data("gone", status=404)
    web.expect_request("/wayback/available", query_string={"url": live}).respond_with_response(json_response(
        {"url": live, "archived_snapshots": {"closest": {
            "status": "200", "available": True, "timestamp": "20250204031500",
            "url": f"http://web.archive.org/web/20250204031500/{live}"}}}))
    web.expect_request(re.compile(r"^/web/20250204031500id_/")).respond_with_data(
        RELEASE_HTML, content_type="text/html")
    code, _, err = _add(monkeypatch, capsys, tmp_path, live)
    assert code == 0, err
    src = _only_source(tmp_path)
    assert src.url == live and src.text == "\n\n".join(READOUT_PARAS)
    assert src.provenance.startswith(f"Wayback Machine capture of {live} made 20250204031500")
    assert "the live page failed (HTTP 404 NOT FOUND)" in src.provenance
    assert "/web/20250204031500id_/" in src.meta["capture-uri"]
    n = len(web.log)
    code, out, err = _add(monkeypatch, capsys, tmp_path, live, "--offline")   # rebuilt from the captures alone
    assert (code, len(web.log)) == (0, n) and out.startswith("unchanged: "), err
    assert run_cli(monkeypatch, capsys, "sources", "verify", "--sources", str(tmp_path / "src"),
                   "--cache", str(tmp_path / "cache"))[0] == 0


def test_wayback_without_a_capture_is_a_clear_error(web, tmp_path, monkeypatch, capsys) -> None:
    web.expect_request("/gone").respond_with_data("gone", status=404)
    web.expect_request("/wayback/available").respond_with_response(json_response({"archived_snapshots": {}}))
    code, _, err = _add(monkeypatch, capsys, tmp_path, web.url_for("/gone"))
    assert code == 2
    assert err.strip().endswith("/gone: HTTP 404 NOT FOUND; and the Wayback Machine has no capture of it")


def test_non_html_content_is_refused_and_leaves_no_file(web, tmp_path, monkeypatch, capsys) -> None:
    web.expect_request("/memo.pdf").respond_with_data(b"%PDF-1.7\n...", content_type="application/pdf")
    code, _, err = _add(monkeypatch, capsys, tmp_path, web.url_for("/memo.pdf"))
    assert code == 2 and "serves application/pdf, not a web page or plain text" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "src").exists() or list((tmp_path / "src").iterdir()) == []
    assert _clean_cache(tmp_path) == 2                   # the exchange is still evidence


def test_broken_html_still_gives_its_text(web, tmp_path, monkeypatch, capsys) -> None:
    web.expect_request("/remarks").respond_with_data(BROKEN_HTML.encode("utf-8"), content_type="text/html")
    code, _, err = _add(monkeypatch, capsys, tmp_path, web.url_for("/remarks"), "--speaker", "Marco Rubio")
    assert code == 0, err
    src = _only_source(tmp_path)
    assert "We are just profoundly grateful." in src.text
    assert "No country's ever made an offer of friendship such as this." in src.text
    assert src.speaker == "Marco Rubio" and src.kind == "transcript"


def test_failures_leave_cache_and_corpus_consistent(web, tmp_path, monkeypatch, capsys) -> None:
    from conftest_http import Endless

    monkeypatch.setenv("VERIFY_MAX_BYTES", str(2**20))
    monkeypatch.setenv("VERIFY_RETRIES", "0")
    web.expect_request("/slow").respond_with_handler(slow(0.6))
    web.expect_request("/huge").respond_with_handler(Endless().handler)
    web.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    web.expect_request("/wayback/available").respond_with_response(json_response({"archived_snapshots": {}}))
    web.expect_request(RELEASE_PATH).respond_with_data(RELEASE_HTML, content_type="text/html")
    code, out, err = _add(monkeypatch, capsys, tmp_path, web.url_for("/slow"), web.url_for("/huge"),
                          web.url_for("/loop"), web.url_for(RELEASE_PATH))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert "timed out" in lines[0] and "size cap of 1048576 bytes" in lines[1] and "redirect loop" in lines[2]
    assert out.startswith("new: ")                       # the good URL was still added
    assert [p.suffix for p in (tmp_path / "src").iterdir()] == [".txt"]      # no temp or half files
    load_sources(tmp_path / "src")
    _clean_cache(tmp_path)


def test_loopback_refused_without_allow_private_hosts(web, tmp_path, monkeypatch, capsys) -> None:
    web.expect_request(RELEASE_PATH).respond_with_data(RELEASE_HTML, content_type="text/html")
    code, out, err = run_cli(monkeypatch, capsys, "sources", "add", web.url_for(RELEASE_PATH),
                             "--sources", str(tmp_path / "src"), "--cache", str(tmp_path / "cache"))
    assert code == 2 and "a loopback address (use --allow-private-hosts" in err
    assert web.log == [] and not (tmp_path / "src").exists()
    monkeypatch.setenv("VERIFY_ALLOW_PRIVATE_HOSTS", "1")   # the config key lifts it too
    code, _, err = run_cli(monkeypatch, capsys, "sources", "add", web.url_for(RELEASE_PATH),
                           "--sources", str(tmp_path / "src"), "--cache", str(tmp_path / "cache"))
    assert code == 0, err


def test_offline_uses_the_cache_and_names_what_is_missing(web, tmp_path, monkeypatch, capsys) -> None:
    web.expect_request(RELEASE_PATH).respond_with_data(RELEASE_HTML, content_type="text/html")
    assert _add(monkeypatch, capsys, tmp_path, web.url_for(RELEASE_PATH))[0] == 0
    (tmp_path / "src").joinpath(next((tmp_path / "src").iterdir()).name).unlink()
    code, out, err = _add(monkeypatch, capsys, tmp_path, web.url_for(RELEASE_PATH), web.url_for("/never-seen"),
                          "--offline")
    assert code == 2
    assert out.startswith("new: ") and "from the cache" in out     # rebuilt from the capture alone
    assert "verify: missing from the cache: " in err and "/never-seen: not in the cache" in err
    assert "--offline: 1 of 2 source(s) are not in the cache" in err
    assert len(web.log) == 1


def test_follow_links_fetches_linked_sources_before_matching(web, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("VERIFY_SOURCE_DOMAINS", "localhost,127.0.0.1")
    status_url = f"https://x.com/nayibbukele/status/{POST_ID}"
    web.expect_request(RELEASE_PATH).respond_with_data(RELEASE_HTML, content_type="text/html")
    web.expect_request("/t/abc").respond_with_data("", status=302, headers={"Location": status_url})
    web.expect_request("/tweet-result").respond_with_response(json_response(syndication_json()))
    article = tmp_path / "articles" / "story.txt"
    article.parent.mkdir()
    article.write_text(
        "Rubio in San Salvador\n\nThe State Department said the meeting \"will make both countries stronger, "
        f"safer, and more prosperous\" in a readout ({web.url_for(RELEASE_PATH)}).\n\n"
        "Bukele wrote that El Salvador had offered the United States \"the opportunity to outsource part of "
        f"its prison system.\" {web.url_for('/t/abc')}\n", encoding="utf-8")
    (tmp_path / "src").mkdir()
    args = ("quotes", str(article), "--sources", str(tmp_path / "src"), "--format", "json", "--fail-on", "none",
            "--cache", str(tmp_path / "cache"), "--allow-private-hosts", "--quiet")
    code, out, err = run_cli(monkeypatch, capsys, *args, "--follow-links")
    assert code == 0, err
    quotes = [q for d in json.loads(out)["documents"] for q in d["quotes"]]
    sources = {q["text"]: (q["source"] or {}).get("id") for q in quotes}
    assert any(s and "secretary-rubios-meeting" in s for s in sources.values()), quotes
    assert any(s == f"nayibbukele-x-2025-02-04-{POST_ID}" for s in sources.values()), quotes
    assert not list((tmp_path / "src").iterdir())        # candidates live in the cache, not the corpus

    n_requests = len(web.log)
    code, out, err = run_cli(monkeypatch, capsys, *args, "--follow-links", "--offline")
    assert code == 0, err
    assert len(web.log) == n_requests                    # all from the captures
    again = [q for d in json.loads(out)["documents"] for q in d["quotes"]]
    assert {q["text"]: (q["source"] or {}).get("id") for q in again} == sources


@pytest.mark.parametrize("pid, token", [
    # computed by X's own JavaScript, ((id / 1e15) * Math.PI).toString(36) without zeros and the point (node)
    ("1886849025587175524", "4knpli5hjsl"), ("20", "6dq1a2xwd93"), ("1234567890123456789", "2zqic77uqyk")])
def test_syndication_token_is_derived_from_the_id(pid: str, token: str) -> None:
    from verify.extract import post_token

    assert post_token(pid) == token


@pytest.mark.parametrize("url, wanted", [
    ("https://www.state.gov/briefings/x/", True), ("https://www.presidencia.gob.sv/x", True),
    ("https://ec.europa.eu/commission/presscorner/x", True), ("https://www.gov.uk/government/news/x", True),
    ("https://t.co/6rUn37xtHy", True), ("https://pic.twitter.com/IBHielgYvI", True),
    ("https://x.com/SecRubio/status/1886849025587175524", True),
    ("https://twitter.com/SecRubio/status/1886849025587175524/photo/1", True),
    ("https://x.com/SecRubio", False), ("https://t.co/", False), ("https://www.nytimes.com/2025/02/03/x.html", False),
    ("https://governor.example.com/x", False), ("https://gov.example.com/x", False)])
def test_which_links_are_followed(url: str, wanted: bool) -> None:
    from verify.links import is_candidate

    assert is_candidate(url) is wanted


def test_article_links_from_text_and_html(tmp_path) -> None:
    from verify.links import article_links

    (tmp_path / "a.txt").write_text('He said "yes." pic.twitter.com/IBHielgYvI — and (https://t.co/6rUn37xtHy).\n')
    (tmp_path / "b.html").write_text('<p><a href="https://www.state.gov/readout/?utm=1&amp;x=2">readout</a> '
                                     '<a href="https://example.com/ad">ad</a></p>')
    assert article_links([tmp_path]) == ["https://pic.twitter.com/IBHielgYvI", "https://t.co/6rUn37xtHy",
                                         "https://www.state.gov/readout/?utm=1&x=2"]


def test_a_hand_written_source_of_the_same_url_is_kept_and_named(web, tmp_path, monkeypatch, capsys) -> None:
    web.expect_request(RELEASE_PATH).respond_with_data(RELEASE_HTML, content_type="text/html")
    url = web.url_for(RELEASE_PATH)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "readout.txt").write_text(
        f"id: readout\nurl: {url}\nprovenance: as reproduced by an outlet\n---\nSecretary of State Marco Rubio met today.\n")
    code, out, err = _add(monkeypatch, capsys, tmp_path, url)
    assert code == 0 and out.startswith("new: ")
    assert "warning: readout has the same URL; both are kept" in err
    assert len(load_sources(tmp_path / "src")) == 2


def test_verify_toml_key_lifts_the_address_guard(web, tmp_path, monkeypatch, capsys) -> None:
    """`allow-private-hosts = true` in the project's verify.toml does what the option does."""
    web.expect_request(RELEASE_PATH).respond_with_data(RELEASE_HTML, content_type="text/html")
    args = ("sources", "add", web.url_for(RELEASE_PATH), "--sources", str(tmp_path / "src"),
            "--cache", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "verify.toml").write_text("allow-private-hosts = false\n", encoding="utf-8")
    code, _, err = run_cli(monkeypatch, capsys, *args)
    assert code == 2 and "loopback" in err and web.log == []
    (tmp_path / "verify.toml").write_text("allow-private-hosts = true\n", encoding="utf-8")
    code, _, err = run_cli(monkeypatch, capsys, *args)
    assert code == 0, err
    (tmp_path / "verify.toml").write_text("allow-private-hosts = \"yes\"\n", encoding="utf-8")
    code, _, err = run_cli(monkeypatch, capsys, *args)
    assert code == 2 and "allow-private-hosts must be true or false" in err


def test_merged_source_folders_are_named_for_what_they_hold(tmp_path: Path) -> None:
    """Two runs over the same sources share a folder; a run over others gets its own instead of
    replacing the folder another run is reading (the old stable name collided)."""
    from verify.links import merged_sources
    from verify.records import Source

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("id: a\n---\nWords.\n", encoding="utf-8")
    extra = tmp_path / "got" / "b.txt"
    extra.parent.mkdir()
    extra.write_text("id: b\n---\nMore words.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    one = merged_sources(corpus, [], cache)
    two = merged_sources(corpus, [Source(id="b", text="More words.", path=str(extra))], cache)
    assert one != two and one.is_dir() and two.is_dir()
    assert sorted(p.name for p in one.rglob("*.txt")) == ["a.txt"]
    assert sorted(p.name for p in two.rglob("*.txt")) == ["a.txt", "b.txt"]
    assert merged_sources(corpus, [], cache) == one
    assert not list((cache / "follow").glob(".sources-*"))   # nothing half-made left behind
