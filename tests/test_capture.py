"""The WARC store: what it writes is standard WARC that warcio reads back, digests that verify,
and appends that survive an interruption."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json

import pytest
from warcio.archiveiterator import ArchiveIterator

from verify.capture import CaptureStore
from verify.errors import CaptureError


def _record(store: CaptureStore, url: str, payload: bytes, status: int = 200, **kw):
    return store.record(url=url, method="GET", request_headers=[("User-Agent", "verify/test"), ("Host", "example.org")],
                        status=status, reason="OK" if status == 200 else "Not Found",
                        response_headers=[("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
                        payload=payload, ip="93.184.215.14", **kw)


def test_exchange_is_written_as_request_and_response_records(tmp_path) -> None:
    store = CaptureStore(tmp_path)
    body = "<p>Ünïcode body</p>".encode("utf-8")
    cap = _record(store, "https://example.org/page?x=1", body)
    with open(tmp_path / "captures" / cap.warc, "rb") as f:
        recs = list(ArchiveIterator(f))
    resp, req = recs
    assert (resp.rec_type, req.rec_type) == ("response", "request")
    for r in recs:
        assert r.rec_headers.get_header("WARC-Target-URI") == "https://example.org/page?x=1"
        assert r.rec_headers.get_header("WARC-Date") == cap.date
    sha1 = "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode()
    assert resp.rec_headers.get_header("WARC-Payload-Digest") == sha1 == cap.digest
    assert resp.rec_headers.get_header("WARC-IP-Address") == "93.184.215.14"
    assert req.rec_headers.get_header("WARC-Concurrent-To") == cap.record_id == resp.rec_headers.get_header("WARC-Record-ID")
    assert req.http_headers.protocol == "GET" and req.http_headers.get_header("User-Agent") == "verify/test"
    assert resp.http_headers.get_header("Transfer-Encoding") is None     # stored de-chunked
    assert store.read(cap).payload == body
    index = [json.loads(line) for line in (tmp_path / "captures" / "index.jsonl").read_text().splitlines()]
    assert index[0]["record_id"] == cap.record_id and index[0]["offset"] == 0


def test_lookup_takes_the_latest_usable_capture(tmp_path) -> None:
    store = CaptureStore(tmp_path)
    first = _record(store, "https://example.org/a", b"one")
    _record(store, "https://example.org/a", b"not found", status=404)
    _record(store, "https://example.org/a", b"cut", truncated=True)
    assert store.lookup("https://example.org/a") == first
    second = _record(store, "https://example.org/a", b"two")
    assert store.lookup("https://example.org/a") == second
    assert store.lookup("https://example.org/b") is None
    assert store.verify() == (8, [])


def test_interrupted_append_is_cut_back_and_the_store_stays_readable(tmp_path) -> None:
    store = CaptureStore(tmp_path)
    a = _record(store, "https://example.org/a", b"first")
    warc = tmp_path / "captures" / a.warc
    # a crash in the middle of the next exchange: half a gzip member, half an index line
    with open(warc, "ab") as f:
        f.write(gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n" + b"x" * 500)[:120])
    with open(tmp_path / "captures" / "index.jsonl", "ab") as f:
        f.write(b'{"uri": "https://example.org/half", "da')
    assert [e.uri for e in store.entries()] == ["https://example.org/a"]
    b = _record(store, "https://example.org/b", b"second")
    assert b.offset == a.length                          # the half record was cut away first
    with open(warc, "rb") as f:
        assert len(list(ArchiveIterator(f))) == 4
    assert store.verify() == (4, [])
    assert store.read(b).payload == b"second"


def test_tampered_payload_is_detected(tmp_path) -> None:
    store = CaptureStore(tmp_path)
    cap = _record(store, "https://example.org/a", b"The original words.")
    warc = tmp_path / "captures" / cap.warc
    # rewrite the record with other words but the old headers (digest included)
    with open(warc, "rb") as f:
        raw = gzip.decompress(f.read())
    forged = raw.replace(b"The original words.", b"The changed words!!")
    warc.write_bytes(forged)                             # (warcio reads plain WARC too)
    n, problems = store.verify()
    assert n == 2 and len(problems) == 1 and "payload digest" in problems[0]
    with pytest.raises(CaptureError, match="does not match its digest"):
        store.read(cap)


def test_missing_warc_file_is_reported(tmp_path) -> None:
    store = CaptureStore(tmp_path)
    cap = _record(store, "https://example.org/a", b"words")
    (tmp_path / "captures" / cap.warc).unlink()
    assert "is not in verify-00001.warc.gz" in store.verify()[1][0]
    with pytest.raises(CaptureError, match="cannot read capture"):
        store.read(cap)
