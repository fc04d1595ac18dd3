"""Captures: every HTTP exchange verify makes, kept as evidence in WARC files (ISO 28500).

In: one exchange at a time (request line and headers, response status, headers and the raw
payload bytes as they came over the wire). Out: `Capture` index entries that say which WARC file
and record hold the exchange, when it was made and the payload's sha1 (base32, the digest the
Wayback Machine's CDX index lists, so a capture can be compared with the archive's).

Layout under the cache folder:

    captures/verify-00001.warc.gz   request + response records, one gzip member per record
    captures/index.jsonl            one JSON line per exchange, written after its records

Appends are crash-safe: an exchange is written in one `write` under a file lock and fsynced
before its index line is; a WARC file longer than its index says (an interrupted append) is cut
back to the last indexed exchange before the next append, and an index line without its
newline (an interrupted index write) is dropped. So a reader never meets half a record.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import io
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import attrs
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .errors import CaptureError

__all__ = ["Capture", "CaptureStore", "Stored", "payload_digest"]

_ROTATE_AT = 256 * 2**20        # start a new WARC file past this size
_INDEX = "index.jsonl"


def payload_digest(data: bytes) -> str:
    """`sha1:` + base32 of the sha1 of the bytes: WARC-Payload-Digest as warcio and CDX write it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


@attrs.frozen
class Capture:
    """Where one exchange is stored and what it says; one line of the index."""

    uri: str
    date: str                       # WARC-Date of both records (UTC, ISO 8601)
    status: int
    warc: str                       # file name under captures/
    offset: int                     # of the response record (the request record follows)
    length: int                     # of both records
    record_id: str                  # WARC-Record-ID of the response record
    request_id: str
    digest: str                     # WARC-Payload-Digest of the response
    size: int                       # payload bytes stored
    content_type: str = ""
    location: str | None = None     # a redirect's Location header
    truncated: bool = False         # WARC-Truncated: the payload is cut (size cap)
    ip: str | None = None           # WARC-IP-Address: the peer that answered
    reason: str = ""                # the HTTP reason phrase

    @property
    def usable(self) -> bool:
        """Whether a later request for this URI may be answered from this capture."""
        return not self.truncated and self.status < 400


@attrs.frozen
class Stored:
    """A capture read back: its HTTP status line, headers and raw payload bytes."""

    capture: Capture
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    payload: bytes


class CaptureStore:
    """WARC files plus an index under `root` (the cache folder)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.dir = self.root / "captures"

    # -- writing ---------------------------------------------------------------------------
    def record(self, *, url: str, method: str, request_headers: list[tuple[str, str]],
               status: int, reason: str, response_headers: list[tuple[str, str]], payload: bytes,
               ip: str | None = None, truncated: bool = False, http_version: str = "HTTP/1.1",
               date: datetime | None = None) -> Capture:
        """Append one exchange (response record, then its request record) and index it."""
        when = (date or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
        # the payload is stored de-chunked: a Transfer-Encoding header would misdescribe it
        headers = [(k, v) for k, v in response_headers if k.lower() != "transfer-encoding"]
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=True)
        extra = {"WARC-Date": when}
        if ip:
            extra["WARC-IP-Address"] = ip
        resp = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload),
            http_headers=StatusAndHeaders(f"{status} {reason}".strip(), headers, protocol=http_version),
            warc_headers_dict=dict(extra))
        if truncated:
            resp.rec_headers.add_header("WARC-Truncated", "length")
        record_id = resp.rec_headers.get_header("WARC-Record-ID")
        target = _request_target(url)
        req = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(f"{method} {target} {http_version}", request_headers,
                                          is_http_request=True),
            warc_headers_dict={"WARC-Date": when, "WARC-Concurrent-To": record_id})
        writer.write_record(resp)
        writer.write_record(req)
        for rec in (resp, req):   # warcio spools each payload to a temporary file it never closes
            rec.raw_stream.close()
        blob = buf.getvalue()
        ctype = next((v for k, v in headers if k.lower() == "content-type"), "")
        location = next((v for k, v in headers if k.lower() == "location"), None)
        with self._locked():
            entries = list(self._read_index())
            warc = self._current_warc(entries)
            path = self.dir / warc
            with open(path, "ab") as f:
                offset = f.tell()
                f.write(blob)
                f.flush()
                os.fsync(f.fileno())
            cap = Capture(uri=url, date=when, status=status, warc=warc, offset=offset, length=len(blob),
                          record_id=record_id, request_id=req.rec_headers.get_header("WARC-Record-ID"),
                          digest=resp.rec_headers.get_header("WARC-Payload-Digest"), size=len(payload),
                          content_type=ctype, location=location, truncated=truncated, ip=ip,
                          reason=reason)
            line = (json.dumps(attrs.asdict(cap), ensure_ascii=False) + "\n").encode("utf-8")
            fd = os.open(self.dir / _INDEX, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        return cap

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time (two verify runs may share a cache); repairs what a crash left."""
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / ".lock", "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self._repair()
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _repair(self) -> None:
        index = self.dir / _INDEX
        if index.exists():
            data = index.read_bytes()
            if data and not data.endswith(b"\n"):
                with open(index, "r+b") as f:
                    f.truncate(data.rfind(b"\n") + 1)
        ends: dict[str, int] = {}
        for e in self._read_index():
            ends[e.warc] = max(ends.get(e.warc, 0), e.offset + e.length)
        for path in self.dir.glob("verify-*.warc.gz"):
            end = ends.get(path.name, 0)
            if path.stat().st_size > end:
                with open(path, "r+b") as f:
                    f.truncate(end)

    def _current_warc(self, entries: list[Capture]) -> str:
        names = sorted(p.name for p in self.dir.glob("verify-*.warc.gz"))
        names += [e.warc for e in entries if e.warc not in names]
        if not names:
            return "verify-00001.warc.gz"
        last = max(names)
        if (self.dir / last).exists() and (self.dir / last).stat().st_size >= _ROTATE_AT:
            return f"verify-{int(last[7:12]) + 1:05d}.warc.gz"
        return last

    # -- reading ---------------------------------------------------------------------------
    def _read_index(self) -> Iterator[Capture]:
        index = self.dir / _INDEX
        if not index.exists():
            return
        with open(index, "rb") as f:
            for n, raw in enumerate(f, start=1):
                if not raw.endswith(b"\n"):
                    break       # an interrupted write: not (yet) part of the index
                try:
                    yield Capture(**json.loads(raw))
                except (ValueError, TypeError) as e:
                    raise CaptureError(f"{index}:{n}: not an index line ({e}); "
                                       "delete the cache folder to start afresh") from None

    def entries(self) -> list[Capture]:
        return list(self._read_index())

    def lookup(self, url: str) -> Capture | None:
        """The latest usable capture of `url` (a 2xx or redirect, not cut by the size cap)."""
        found = None
        for e in self._read_index():
            if e.uri == url and e.usable:
                found = e
        return found

    def last(self, url: str) -> Capture | None:
        """The latest capture of `url`, whatever it says (a 404 included)."""
        found = None
        for e in self._read_index():
            if e.uri == url:
                found = e
        return found

    def find(self, record_id: str) -> Capture | None:
        return next((e for e in self._read_index() if e.record_id == record_id), None)

    def read(self, cap: Capture) -> Stored:
        """Read the response record back with warcio and check its payload digest."""
        path = self.dir / cap.warc
        try:
            with open(path, "rb") as f:
                f.seek(cap.offset)
                rec = next(iter(ArchiveIterator(f)))
                if rec.rec_headers.get_header("WARC-Record-ID") != cap.record_id:
                    raise CaptureError(f"{path}@{cap.offset}: expected record {cap.record_id}, found "
                                       f"{rec.rec_headers.get_header('WARC-Record-ID')}")
                payload = rec.raw_stream.read()
                sh = rec.http_headers
        except (OSError, StopIteration, ArchiveLoadFailed) as e:
            raise CaptureError(f"{path}: cannot read capture {cap.record_id} ({e or 'no record'})") from None
        stated = rec.rec_headers.get_header("WARC-Payload-Digest")
        if payload_digest(payload) != stated or stated != cap.digest:
            raise CaptureError(f"{path}: capture {cap.record_id} of {cap.uri} does not match its digest "
                               f"(index {cap.digest}, record {stated}, payload {payload_digest(payload)})")
        return Stored(cap, int(sh.get_statuscode()), sh.statusline.partition(" ")[2], tuple(sh.headers), payload)

    def verify(self) -> tuple[int, list[str]]:
        """Read every WARC file through with warcio and check every payload digest and every
        index entry. Returns (records read, problems)."""
        problems: list[str] = []
        seen: dict[str, str] = {}
        count = 0
        if not self.dir.is_dir():
            return 0, []
        for path in sorted(self.dir.glob("*.warc.gz")):
            try:
                with open(path, "rb") as f:
                    for rec in ArchiveIterator(f):
                        count += 1
                        rid = rec.rec_headers.get_header("WARC-Record-ID")
                        seen[rid] = path.name
                        stated = rec.rec_headers.get_header("WARC-Payload-Digest")
                        if rec.rec_type == "response":
                            actual = payload_digest(rec.raw_stream.read())
                            if stated != actual:
                                problems.append(f"{path.name}: record {rid} ({rec.rec_headers.get_header('WARC-Target-URI')}): "
                                                f"payload digest {actual} differs from the stated {stated}")
            except (OSError, ArchiveLoadFailed, ValueError) as e:
                problems.append(f"{path.name}: not a readable WARC file past record {count} ({e})")
        for e in self._read_index():
            if seen.get(e.record_id) != e.warc:
                problems.append(f"index: capture {e.record_id} of {e.uri} is not in {e.warc}")
            elif seen.get(e.request_id) != e.warc:
                problems.append(f"index: request record {e.request_id} of {e.uri} is missing from {e.warc}")
        return count, problems


def _request_target(url: str) -> str:
    from urllib.parse import urlsplit

    u = urlsplit(url)
    return (u.path or "/") + (f"?{u.query}" if u.query else "")
