"""Primary sources from the web: URL -> fetched, captured, extracted -> a source file.

In: URLs (a release page, a post on X, a t.co / pic.twitter.com link to either) and a Fetcher.
Out: source files in the corpus format (`key: value` header, `---`, the text) whose header names
the capture the text comes from (WARC file and record id, date, payload digest) and says in
`provenance:` how it was obtained; and, for `verify sources verify`, the check that every such
file still says what its capture says.

Order of attempts: a post goes to X's syndication endpoint, then to oEmbed; a page is fetched
live, and when that fails (an HTTP error, a timeout, a refused connection) the closest Wayback
Machine capture is used instead. A deleted post, a refused address and --offline are final.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable
from urllib.parse import quote, urlsplit

import attrs

from .capture import Capture, CaptureStore
from .errors import FetchError, NotCached, PostDeleted, RefusedURL, SourceFormatError, UsageError
from .extract import Draft, derive, is_status_url, oembed_draft, page_draft, post_id, post_token, syndication_draft
from .fetch import Fetched, Fetcher, decode_body
from .records import Source
from .sources import load_sources, parse_source
from .store import atomic_write_text

__all__ = ["Added", "fetch_draft", "add_sources", "write_source", "check_sources", "SourceCheck",
           "default_cache_dir", "source_id", "capture_of"]

_SHORTENERS = frozenset({"t.co", "pic.twitter.com", "pic.x.com"})


def default_cache_dir() -> Path:
    """cache/ beside corpus/ in the project checkout (VERIFY_CACHE overrides)."""
    import os

    from .sources import default_sources_dir

    env = os.environ.get("VERIFY_CACHE")
    return Path(env) if env else default_sources_dir().parent.parent / "cache"


@attrs.frozen
class Obtained:
    """A draft and the capture its text was derived from."""

    draft: Draft
    capture: Capture
    provenance: str
    from_cache: bool


@attrs.frozen
class Added:
    url: str
    path: Path
    id: str
    status: str                     # new | updated | unchanged
    obtained: Obtained
    same_url: tuple[str, ...] = ()  # ids of other sources (hand-written ones) with this URL


def fetch_draft(url: str, fetcher: Fetcher, speaker: str | None = None) -> Obtained:
    """Fetch `url` (resolving shorteners to posts), extract it, and say how it was obtained."""
    if is_status_url(url):
        return _post(url, fetcher)
    try:
        # a redirect to a post (t.co, pic.twitter.com) stops there: posts are read the post's way
        got = fetcher.get(url, stop=is_status_url)
    except (RefusedURL, PostDeleted):
        raise
    except NotCached as missing:
        # offline: the live page was never captured whole, but its Wayback copy may have been;
        # the failure is then the one the cache recorded, so the provenance reads as before
        last = fetcher.store.last(url)
        if last is None or last.status < 400:
            raise
        try:
            return _wayback(url, fetcher, speaker, FetchError(url, f"HTTP {last.status} {last.reason}".rstrip()))
        except NotCached:
            raise missing from None
    except FetchError as live:
        if urlsplit(url).hostname in _SHORTENERS:   # nothing to ask the archive about
            raise
        return _wayback(url, fetcher, speaker, live)
    if got.capture is None:
        return _post(got.final_url, fetcher, via=url)
    return _page_from(url, got, speaker)


def _page_from(url: str, got: Fetched, speaker: str | None) -> Obtained:
    assert got.capture is not None
    draft = page_draft(got.final_url, got.content_type, got.body, speaker)
    via = f", reached from {url}" if got.final_url != url else ""
    prov = (f"fetched from {got.final_url} on {got.capture.date} (HTTP {got.status}, "
            f"{got.content_type or 'no content type'}{via}); text extracted by {draft.extractor}")
    return Obtained(draft, got.capture, prov, got.from_cache)


def _post(url: str, fetcher: Fetcher, via: str | None = None) -> Obtained:
    pid = post_id(url)
    assert pid is not None
    cfg = fetcher.config
    reached = f", reached from {via}" if via else ""
    synd = f"{cfg.syndication_url}?id={pid}&token={post_token(pid)}&lang=en"
    try:
        got = fetcher.get(synd)
        assert got.capture is not None
        draft = syndication_draft(url, got.body)
        prov = (f"post {pid} fetched from X's syndication endpoint on {got.capture.date}{reached}; "
                f"text, author, date and edit state as X served them")
        return Obtained(draft, got.capture, prov, got.from_cache)
    except (PostDeleted, RefusedURL, NotCached):
        raise
    except FetchError as first:
        why = first.why
    canonical = f"https://twitter.com/i/status/{pid}"
    emb = f"{cfg.oembed_url}?url={quote(canonical, safe='')}&omit_script=true&dnt=true"
    got = _get(fetcher, emb, lambda e: f"post {pid} could not be fetched (syndication: {why}; oEmbed: {e.why})", url)
    draft = oembed_draft(url, got.body)
    prov = (f"post {pid}: embed markup fetched from X's oEmbed endpoint on {got.capture.date}{reached} "
            f"(the syndication endpoint failed: {why}); no edit information")
    return Obtained(draft, got.capture, prov, got.from_cache)


def _get(fetcher: Fetcher, url: str, restate: Callable[[FetchError], str], about: str) -> Fetched:
    """fetcher.get; a refusal or an --offline miss stays what it is, any other failure is
    restated as a failure of `about` (the URL the user gave)."""
    try:
        got = fetcher.get(url)
    except (RefusedURL, NotCached):
        raise
    except FetchError as e:
        raise FetchError(about, restate(e)) from None
    assert got.capture is not None
    return got


def _wayback(url: str, fetcher: Fetcher, speaker: str | None, live: FetchError) -> Obtained:
    cfg = fetcher.config
    avail = f"{cfg.wayback_available_url}?url={quote(url, safe='')}"
    try:
        got = fetcher.get(avail)
        import json

        snap = ((json.loads(got.body.decode("utf-8")).get("archived_snapshots") or {}).get("closest") or {})
    except (RefusedURL, NotCached):
        raise
    except (FetchError, ValueError, UnicodeDecodeError, AttributeError) as e:
        why = e.why if isinstance(e, FetchError) else "not JSON"
        raise FetchError(url, f"{live.why}; and the Wayback Machine could not be asked ({why})") from None
    ts = str(snap.get("timestamp") or "")
    if not snap.get("available") or not re.fullmatch(r"\d{4,14}", ts):
        raise FetchError(url, f"{live.why}; and the Wayback Machine has no capture of it")
    raw_url = f"{cfg.wayback_web_url}/{ts}id_/{url}"
    got = _get(fetcher, raw_url, lambda e: f"{live.why}; and its Wayback capture {ts} failed ({e.why})", url)
    draft = page_draft(url, got.content_type, got.body, speaker)
    prov = (f"Wayback Machine capture of {url} made {ts}, fetched from {got.final_url} on "
            f"{got.capture.date}; the live page failed ({live.why}); text extracted by {draft.extractor}")
    return Obtained(draft, got.capture, prov, got.from_cache)


# -- source files -------------------------------------------------------------------------------
def _slug(text: str, words: int = 7) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(parts[:words])


def source_id(d: Draft) -> str:
    """nayibbukele-x-2025-02-04-1886849025587175524 / state-2025-02-03-secretary-rubios-meeting-…"""
    date = d.published or "undated"
    if d.kind == "post" and d.handle:
        return f"{_slug(d.handle)}-x-{date}-{post_id(d.url) or _slug(d.text, 4)}"
    host = (urlsplit(d.url).hostname or "web").lower().removeprefix("www.")
    site = _slug(host.rsplit(".", 2)[-2] if host.count(".") >= 1 else host, 1) or "web"
    path = [p for p in urlsplit(d.url).path.split("/") if p]
    tail = _slug(path[-1] if path else (d.title or d.text), 7) or _slug(d.title or d.text, 7)
    return f"{site}-{date}-{tail}"[:100].rstrip("-")


def render(sid: str, ob: Obtained) -> str:
    """The source file: header (with the capture it claims), `---`, the text."""
    d, c = ob.draft, ob.capture
    head = [("id", sid), ("url", d.url), ("speaker", d.speaker), ("handle", d.handle),
            ("organization", d.organization), ("kind", d.kind), ("published", d.published),
            ("title", d.title), ("edited", d.edited), ("provenance", ob.provenance),
            ("capture", f"{c.warc} {c.record_id}"), ("captured", c.date), ("capture-uri", c.uri),
            ("digest", c.digest), ("extraction", f"{d.method} ({d.extractor})")]
    lines = [f"{k}: {_one_line(v)}" for k, v in head if v]
    return "\n".join(lines) + "\n---\n" + d.text.strip("\n") + "\n"


def _one_line(v: str) -> str:
    return re.sub(r"\s+", " ", v).strip()


def write_source(folder: Path, ob: Obtained, sid: str | None = None) -> Added:
    """Write (atomically) or update the source file of `ob` in `folder`. An id used by a file for
    another URL is an error; a file verify wrote earlier for the same URL is updated in place."""
    existing = {s.id: s for s in _scan(folder)}
    by_url = next((s for s in existing.values() if s.url == ob.draft.url and "capture" in s.meta), None)
    if sid is None and by_url is not None:
        sid = by_url.id
    sid = sid or source_id(ob.draft)
    old = existing.get(sid)
    if old is not None and old.url != ob.draft.url:
        raise UsageError(f"{old.path}: id {sid!r} is already used for {old.url}; choose another with --id")
    path = Path(old.path) if old is not None else folder / f"{sid}.txt"
    text = render(sid, ob)
    twins = tuple(s.id for s in existing.values() if s.url == ob.draft.url and s.id != sid)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return Added(ob.draft.url, path, sid, "unchanged", ob, twins)
    atomic_write_text(path, text)
    return Added(ob.draft.url, path, sid, "updated" if old is not None else "new", ob, twins)


def _scan(folder: Path) -> list[Source]:
    return load_sources(folder) if folder.is_dir() else []


def add_sources(urls: list[str], folder: Path, fetcher: Fetcher, speaker: str | None = None,
                sid: str | None = None, report: Callable[[str, Added | None, Exception | None], None] | None = None
                ) -> tuple[list[Added], list[tuple[str, Exception]]]:
    """Fetch and write each URL; a failure of one URL does not stop the others."""
    done: list[Added] = []
    failed: list[tuple[str, Exception]] = []
    for url in urls:
        try:
            added = write_source(folder, fetch_draft(url, fetcher, speaker), sid)
        except (FetchError, SourceFormatError, UsageError) as e:
            failed.append((url, e))
            if report:
                report(url, None, e)
            continue
        done.append(added)
        if report:
            report(url, added, None)
    return done, failed


# -- checking source files against their captures ----------------------------------------------
@attrs.frozen
class SourceCheck:
    source: Source
    ok: bool
    message: str


def capture_of(src: Source, store: CaptureStore) -> Capture | None:
    ref = src.meta.get("capture", "").split()
    return store.find(ref[-1]) if ref else None


def check_source(src: Source, store: CaptureStore) -> SourceCheck:
    """Does the file still say what its capture says? Re-reads the capture (digest checked) and
    derives the text again with the recorded method."""
    from .errors import CaptureError

    if "capture" not in src.meta:
        return SourceCheck(src, True, "no capture claimed (provenance: "
                                      f"{src.provenance or 'not stated'})")
    cap = capture_of(src, store)
    if cap is None:
        return SourceCheck(src, False, f"its capture {src.meta['capture']} is not in the cache {store.dir}")
    try:
        stored = store.read(cap)
    except CaptureError as e:
        return SourceCheck(src, False, str(e))
    if src.meta.get("capture-uri") and src.meta["capture-uri"] != cap.uri:
        return SourceCheck(src, False, f"the file names {src.meta['capture-uri']}, its capture is of {cap.uri}")
    if src.meta.get("digest") and src.meta["digest"] != cap.digest:
        return SourceCheck(src, False, f"the file states digest {src.meta['digest']}, the capture has {cap.digest}")
    method = (src.meta.get("extraction") or "page").split()[0]
    ctype = next((v for k, v in stored.headers if k.lower() == "content-type"), "")
    try:
        body = decode_body(cap.uri, stored.headers, stored.payload, 2**31)
        draft = derive(method, src.url or cap.uri, ctype, body, src.speaker)
    except FetchError as e:
        return SourceCheck(src, False, f"its capture can no longer be read as a {method}: {e.why}")
    if _norm(draft.text) != _norm(src.text):
        where = _first_difference(draft.text, src.text)
        recorded = src.meta.get("extraction", "")
        note = "" if draft.extractor in recorded else (
            f"; note: written by {recorded or 'an unknown extractor'}, re-derived with {draft.extractor}, so "
            "`verify sources add --offline URL` may only need re-running")
        return SourceCheck(src, False, f"the text differs from its capture {cap.record_id} ({where}){note}")
    return SourceCheck(src, True, f"matches capture {cap.record_id} ({cap.digest})")


def _norm(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _first_difference(captured: str, written: str) -> str:
    a, b = _norm(captured), _norm(written)
    i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
    return f"from character {i}: capture says {a[i:i + 30]!r}, file says {b[i:i + 30]!r}"


def check_sources(folder: Path, store: CaptureStore) -> list[SourceCheck]:
    return [check_source(s, store) for s in _scan(folder)]


def parse_one(path: Path) -> Source:
    return parse_source(str(path), path.read_text(encoding="utf-8"))
