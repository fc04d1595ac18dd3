"""What the local test web serves (a real HTTP server on 127.0.0.1, pytest-httpserver), and helpers
shared by test_fetch.py, test_capture.py and test_sources_cli.py.

The quoted statements are facts of record from ../shared/primary; the page furniture is made up.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
from werkzeug.wrappers import Request, Response

from verify.capture import CaptureStore
from verify.fetch import FetchConfig, Fetcher

READOUT_PARAS = [
    "Secretary of State Marco Rubio met today with Salvadoran President Nayib Bukele in San Salvador. "
    "It was a tremendously successful meeting that will make both countries stronger, safer, and more prosperous.",
    "Multiple agreements were struck to fight the waves of illegal mass migration currently destabilizing the "
    "entire region. President Bukele agreed to take back all Salvadoran MS-13 gang members who are in the "
    "United States unlawfully.",
]

RELEASE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Secretary Rubio's Meeting with Salvadoran President Nayib Bukele - United States Department of State</title>
<meta property="og:title" content="Secretary Rubio's Meeting with Salvadoran President Nayib Bukele">
<meta property="og:site_name" content="United States Department of State">
<meta property="article:published_time" content="2025-02-03T21:15:00-05:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/travel">Travel</a> <a href="/careers">Careers</a></nav></header>
<main><article>
<h1>Secretary Rubio's Meeting with Salvadoran President Nayib Bukele</h1>
<p class="type">Readout</p><p>Office of the Spokesperson</p><p>February 3, 2025</p>
<p>The following is attributable to Spokesperson Tammy Bruce:</p>
""" + "\n".join(f"<p>{p}</p>" for p in READOUT_PARAS) + """
</article></main>
<footer><p>Privacy Policy</p><p>Accessibility Statement</p></footer>
<script>var tracking = "not text";</script>
</body></html>"""

BROKEN_HTML = ("<html><head><title>Remarks to the Press</title><body><div><p>We are just profoundly grateful."
               "<p>No country's ever made an offer of friendship such as this.<div><b>unclosed <i>tags"
               "\x00\x07 </table></span><p>And that will continue.")

POST_ID = "1886849025587175524"
POST_TOKEN = "4knpli5hjsl"      # what X's own JavaScript computes for POST_ID (checked with node)
POST_TEXT = ("We have offered the United States of America the opportunity to outsource part of its prison "
             "system. &amp; more https://t.co/AbCdEf1234")


def syndication_json(edited: bool = False) -> dict:
    ids = [POST_ID, "1886900000000000000"] if edited else [POST_ID]
    return {"__typename": "Tweet", "id_str": POST_ID, "lang": "en",
            "created_at": "2025-02-04T01:09:57.000Z", "text": POST_TEXT,
            "display_text_range": [0, len(POST_TEXT) - len(" https://t.co/AbCdEf1234")],
            "entities": {"urls": [], "media": [{"url": "https://t.co/AbCdEf1234"}]},
            "user": {"name": "Nayib Bukele", "screen_name": "nayibbukele", "id_str": "25073877"},
            "edit_control": {"edit_tweet_ids": ids, "editable_until_msecs": "1738635597000",
                             "is_edit_eligible": True, "edits_remaining": "5"}}


TOMBSTONE = {"__typename": "TweetTombstone",
             "tombstone": {"text": {"text": "This Post was deleted by the Post author. Learn more"}}}

OEMBED = {"url": f"https://twitter.com/SecRubio/status/{POST_ID}", "author_name": "Secretary Marco Rubio",
          "author_url": "https://twitter.com/SecRubio", "type": "rich",
          "html": ('<blockquote class="twitter-tweet"><p lang="en" dir="ltr">While in El Salvador, I signed a '
                   'memorandum of understanding on strategic civil nuclear cooperation with Foreign Minister '
                   '<a href="https://twitter.com/CancillerAleHT">@CancillerAleHT</a>.<br><br>This cooperative MOU '
                   'strengthens the U.S.-El Salvador bilateral relationship. <a href="https://t.co/x">'
                   'pic.twitter.com/I936AVwZiO</a></p>&mdash; Secretary Marco Rubio (@SecRubio) '
                   f'<a href="https://twitter.com/SecRubio/status/{POST_ID}">February 4, 2025</a></blockquote>\n')}


def fetcher(tmp_path: Path, **kw) -> Fetcher:
    """A fetcher with a fresh cache and short timeouts (tests stay fast)."""
    cfg = dict(timeout=0.3, deadline=2.0, retries=1, backoff=0.01, max_wait=0.05, allow_private=True,
               max_bytes=2 * 2**20)
    cfg.update(kw)
    return Fetcher(CaptureStore(tmp_path / "cache"), FetchConfig(**cfg))  # type: ignore[arg-type]


def slow(seconds: float):
    def handler(request: Request) -> Response:
        time.sleep(seconds)
        return Response("too late", content_type="text/plain")
    return handler


class Endless:
    """A 50 MB body streamed in 64 KB chunks; counts what it produced."""

    def __init__(self, total: int = 50 * 2**20, chunk: int = 64 * 1024) -> None:
        self.total, self.chunk, self.sent = total, chunk, 0

    def handler(self, request: Request) -> Response:
        def gen() -> Iterator[bytes]:
            block = b"x" * self.chunk
            while self.sent < self.total:
                self.sent += self.chunk
                yield block
        return Response(gen(), content_type="text/html", direct_passthrough=True)


def gzipped_html(request: Request) -> Response:
    body = gzip.compress(RELEASE_HTML.encode("utf-8"))
    return Response(body, content_type="text/html; charset=utf-8", headers={"Content-Encoding": "gzip"})


def json_response(data: dict, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, content_type="application/json")


def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`verify ARGS` in this process (the test server lives here too): exit code, stdout, stderr."""
    from verify.cli import main

    monkeypatch.setattr(sys, "argv", ["verify", *args])
    with pytest.raises(SystemExit) as e:
        main()
    out = capsys.readouterr()
    return int(e.value.code or 0), out.out, out.err
