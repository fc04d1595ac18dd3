"""The HTTP client against a real server on 127.0.0.1: retries, caps, redirects, the address guard."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from conftest_http import RELEASE_HTML, Endless, fetcher, gzipped_html, slow
from pytest_httpserver import HTTPServer
from warcio.archiveiterator import ArchiveIterator

from verify.capture import payload_digest
from verify.errors import FetchError, NotCached, RefusedURL
from verify.fetch import USER_AGENT, FetchConfig, check_url


def _records(tmp_path):
    out = []
    for path in sorted((tmp_path / "cache" / "captures").glob("*.warc.gz")):
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f):
                out.append((rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI"),
                            rec.http_headers.get_statuscode() if rec.rec_type == "response" else None))
    return out


def test_page_is_fetched_captured_and_then_served_from_the_cache(httpserver: HTTPServer, tmp_path) -> None:
    httpserver.expect_request("/release").respond_with_data(RELEASE_HTML, content_type="text/html; charset=utf-8")
    url = httpserver.url_for("/release")
    with fetcher(tmp_path) as f:
        got = f.get(url)
        assert got.body == RELEASE_HTML.encode("utf-8") and got.status == 200 and not got.from_cache
        assert got.capture is not None and got.capture.digest == payload_digest(RELEASE_HTML.encode("utf-8"))
        again = f.get(url)
    assert again.from_cache and again.body == got.body
    assert len(httpserver.log) == 1                      # the cache hit made no request
    request = httpserver.log[0][0]
    assert request.headers["User-Agent"] == USER_AGENT and USER_AGENT.startswith("verify/")
    assert _records(tmp_path) == [("response", url, "200"), ("request", url, None)]


def test_429_then_200_waits_as_told_but_capped(httpserver: HTTPServer, tmp_path) -> None:
    httpserver.expect_oneshot_request("/busy").respond_with_data("slow down", status=429, headers={"Retry-After": "7"})
    httpserver.expect_request("/busy").respond_with_data("fine now", content_type="text/plain")
    waits: list[float] = []
    with fetcher(tmp_path, max_wait=0.05) as f:
        f.sleep = waits.append
        got = f.get(httpserver.url_for("/busy"))
    assert got.body == b"fine now"
    assert waits == [0.05]                               # Retry-After 7 s, capped at max_wait
    assert [s for _, _, s in _records(tmp_path) if s] == ["429", "200"]   # both exchanges captured


def test_5xx_retries_with_backoff_then_gives_up(httpserver: HTTPServer, tmp_path) -> None:
    httpserver.expect_request("/down").respond_with_data("oops", status=503)
    waits: list[float] = []
    with fetcher(tmp_path, retries=2, backoff=0.01, max_wait=1.0) as f:
        f.sleep = waits.append
        with pytest.raises(FetchError, match="HTTP 503"):
            f.get(httpserver.url_for("/down"))
    assert waits == [0.01, 0.02] and len(httpserver.log) == 3


def test_404_is_a_clear_error_and_never_a_cache_hit(httpserver: HTTPServer, tmp_path) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    with fetcher(tmp_path) as f:
        for _ in range(2):
            with pytest.raises(FetchError, match=r"/gone: HTTP 404 NOT FOUND"):
                f.get(httpserver.url_for("/gone"))
    assert len(httpserver.log) == 2


def test_slow_answer_times_out(httpserver: HTTPServer, tmp_path) -> None:
    httpserver.expect_request("/slow").respond_with_handler(slow(0.8))
    start = time.monotonic()
    with fetcher(tmp_path, timeout=0.2, retries=0) as f:
        with pytest.raises(FetchError, match=r"timed out \(no answer within 0.2 s\)"):
            f.get(httpserver.url_for("/slow"))
    assert time.monotonic() - start < 0.7
    assert _records(tmp_path) == []                      # no response, nothing claimed


def test_50_mb_body_is_cut_at_the_size_cap_without_holding_it(httpserver: HTTPServer, tmp_path) -> None:
    big = Endless()
    httpserver.expect_request("/huge").respond_with_handler(big.handler)
    tracemalloc.start()
    try:
        with fetcher(tmp_path, max_bytes=2**20) as f:
            with pytest.raises(FetchError, match="larger than the size cap of 1048576 bytes"):
                f.get(httpserver.url_for("/huge"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 24 * 2**20          # never near the 50 MB served (server thread and WARC copies included)
    assert big.sent < 20 * 2**20                         # we stopped reading long before the end
    store_dir = tmp_path / "cache" / "captures"
    with open(next(store_dir.glob("*.warc.gz")), "rb") as fh:
        resp = next(r for r in ArchiveIterator(fh) if r.rec_type == "response")
        assert resp.rec_headers.get_header("WARC-Truncated") == "length"   # honest about the cut
        assert len(resp.content_stream().read()) == 2**20
    with fetcher(tmp_path) as f:
        assert f.store.lookup(httpserver.url_for("/huge")) is None       # a cut body is never a cache hit


def test_declared_oversize_body_is_not_read(httpserver: HTTPServer, tmp_path) -> None:
    httpserver.expect_request("/declared").respond_with_data(b"y" * 5000, content_type="text/plain")
    with fetcher(tmp_path, max_bytes=1000) as f:
        with pytest.raises(FetchError, match=r"size cap of 1000 bytes \(Content-Length 5000\)"):
            f.get(httpserver.url_for("/declared"))


def test_redirect_loop_is_reported(httpserver: HTTPServer, tmp_path) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=301, headers={"Location": "/a"})
    with fetcher(tmp_path) as f:
        with pytest.raises(FetchError, match=r"redirect loop: .*/a -> .*/b -> .*/a"):
            f.get(httpserver.url_for("/a"))


def test_redirect_to_private_or_link_local_address_is_refused(httpserver: HTTPServer, tmp_path) -> None:
    # only the test server itself is exempt from the guard; the hops it redirects to are not
    host = f"{httpserver.host}:{httpserver.port}"
    httpserver.expect_request("/meta").respond_with_data(
        "", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    httpserver.expect_request("/inside").respond_with_data("", status=307, headers={"Location": "http://10.1.2.3/admin"})
    httpserver.expect_request("/lo").respond_with_data("", status=302, headers={"Location": "http://localhost:9/"})
    with fetcher(tmp_path, allow_private=False, allowed_hosts=(host,)) as f:
        with pytest.raises(RefusedURL, match="169.254.169.254, a link-local address"):
            f.get(httpserver.url_for("/meta"))
        with pytest.raises(RefusedURL, match="10.1.2.3, a private address"):
            f.get(httpserver.url_for("/inside"))
        with pytest.raises(RefusedURL, match="a loopback address"):
            f.get(httpserver.url_for("/lo"))
    assert len(httpserver.log) == 3                      # the refused hops were never requested


@pytest.mark.parametrize("settings, error, message", [
    ({"allow_private": False}, RefusedURL, r"127\.0\.0\.1, a loopback address .*--allow-private-hosts"),
    ({"offline": True}, NotCached, r"/release: not in the cache, and --offline makes no request"),
])
def test_refused_or_offline_makes_no_request(httpserver: HTTPServer, tmp_path, settings, error, message) -> None:
    httpserver.expect_request("/release").respond_with_data(RELEASE_HTML, content_type="text/html")
    with fetcher(tmp_path, **settings) as f:
        with pytest.raises(error, match=message):
            f.get(httpserver.url_for("/release"))
    assert httpserver.log == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(RefusedURL, match="only http and https"):
        check_url(url, allow_private=True)


def test_gzip_body_is_captured_raw_and_decoded_for_reading(httpserver: HTTPServer, tmp_path) -> None:
    httpserver.expect_request("/gz").respond_with_handler(gzipped_html)
    with fetcher(tmp_path) as f:
        got = f.get(httpserver.url_for("/gz"))
        stored = f.store.read(got.capture)
    assert got.body == RELEASE_HTML.encode("utf-8")
    assert stored.payload[:2] == b"\x1f\x8b"             # the capture holds the bytes as served
    assert got.capture.digest == payload_digest(stored.payload)


def test_config_from_environment_and_overrides() -> None:
    env = {"VERIFY_ALLOW_PRIVATE_HOSTS": "1", "VERIFY_SYNDICATION_URL": "http://127.0.0.1:1/s",
           "VERIFY_TIMEOUT": "2.5", "VERIFY_RETRIES": "0", "VERIFY_ALLOWED_HOSTS": "Intra.example:8080, x"}
    cfg = FetchConfig.from_env(env, timeout=1.0, offline=None)
    assert cfg.allow_private and cfg.syndication_url == "http://127.0.0.1:1/s"
    assert cfg.timeout == 1.0 and cfg.retries == 0 and cfg.allowed_hosts == ("intra.example:8080", "x")
    from verify.errors import UsageError

    with pytest.raises(UsageError, match="VERIFY_TIMEOUT='soon' is not a number"):
        FetchConfig.from_env({"VERIFY_TIMEOUT": "soon"})


def test_connection_dropped_mid_body_captures_nothing(httpserver: HTTPServer, tmp_path) -> None:
    from werkzeug.wrappers import Response

    def dropped(request):
        def gen():
            yield b"<html><body><p>The first words arrived"
            raise ConnectionAbortedError("the server went away")
        return Response(gen(), content_type="text/html", headers={"Content-Length": "100000"})
    httpserver.expect_request("/dropped").respond_with_handler(dropped)
    with fetcher(tmp_path, retries=0) as f:
        with pytest.raises(FetchError, match=r"/dropped: connection failed \(RemoteProtocolError"):
            f.get(httpserver.url_for("/dropped"))
        assert f.store.verify() == (0, [])              # a half exchange is no evidence


def test_retry_after_as_an_http_date(httpserver: HTTPServer, tmp_path) -> None:
    import email.utils

    when = email.utils.formatdate(time.time() + 4, usegmt=True)
    httpserver.expect_oneshot_request("/later").respond_with_data("", status=503, headers={"Retry-After": when})
    httpserver.expect_request("/later").respond_with_data("done", content_type="text/plain")
    waits: list[float] = []
    with fetcher(tmp_path, max_wait=10.0) as f:
        f.sleep = waits.append
        assert f.get(httpserver.url_for("/later")).body == b"done"
    assert len(waits) == 1 and 2.0 <= waits[0] <= 4.0
