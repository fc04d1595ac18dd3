"""Links in articles that may lead to a primary source, for `verify quotes --follow-links`.

In: article files. Out: the candidate URLs they link to (official domains, t.co, pic.twitter.com,
x.com / twitter.com status URLs), and those fetched and written as candidate source files in the
cache (cache/linked/), ready to be matched alongside the corpus.

Articles are untrusted input: the URLs go through the same guarded fetcher as `sources add`, so a
link to a private or loopback address is refused unless --allow-private-hosts is given.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from .errors import FetchError, NotCached, SourceFormatError, UsageError
from .extract import is_status_url
from .fetch import Fetcher
from .records import Source

__all__ = ["article_links", "is_candidate", "fetch_linked_sources", "merged_sources", "source_domains"]

# hrefs in HTML, then URLs written out in text (also the bare "pic.twitter.com/…" of embeds)
_HREF = re.compile(r"""href\s*=\s*["']([^"'\s<>]+)["']""", re.IGNORECASE)
_URL = re.compile(r"""(?:https?://|(?<![\w./])(?=(?:t\.co|pic\.twitter\.com|pic\.x\.com)/))[^\s<>"'()\[\]{}]+""",
                  re.IGNORECASE)
_OFFICIAL = re.compile(r"(?:^|\.)(?:[a-z0-9-]+\.)*(?:gov|mil|int|europa\.eu|gc\.ca|un\.org|"
                       r"(?:gov|gob|gouv|govt|gv|go)\.[a-z]{2})$", re.IGNORECASE)
_SHORT = frozenset({"t.co", "pic.twitter.com", "pic.x.com"})


def source_domains() -> tuple[str, ...]:
    """Hosts to follow besides official ones: VERIFY_SOURCE_DOMAINS=example.com,press.example.org
    (a company's newsroom, a party's site …); a domain covers its subdomains."""
    import os

    raw = os.environ.get("VERIFY_SOURCE_DOMAINS", "")
    return tuple(d.strip().lower().lstrip(".") for d in raw.split(",") if d.strip())


def is_candidate(url: str, extra: tuple[str, ...] = ()) -> bool:
    """An official domain (or one of `extra`), a t.co / pic.twitter.com link, or a post's status URL."""
    host = (urlsplit(url).hostname or "").lower()
    if any(host == d or host.endswith("." + d) for d in extra):
        return True
    if host in _SHORT:
        return len(urlsplit(url).path) > 1
    if is_status_url(url):
        return True
    return bool(_OFFICIAL.search(host)) and host.count(".") >= 1


def _normal(url: str) -> str:
    url = url.rstrip(".,;:!?…’”\"'")
    if not re.match(r"^https?://", url, re.IGNORECASE):
        url = "https://" + url
    return url.split("#", 1)[0]


def article_links(paths: Iterable[Path]) -> list[str]:
    """Candidate URLs in the articles, first appearance first, each once."""
    from .read import Skipped, decode, iter_article_paths

    seen: dict[str, None] = {}
    extra = source_domains()
    for path in iter_article_paths([str(p) for p in paths]):
        try:
            text, _ = decode(path.read_bytes(), str(path))
        except (OSError, Skipped):
            continue
        for m in list(_HREF.finditer(text)) + list(_URL.finditer(text)):
            raw = m.group(1) if m.re is _HREF else m.group(0)
            url = _normal(raw.replace("&amp;", "&"))
            if is_candidate(url, extra):
                seen.setdefault(url, None)
    return list(seen)


def fetch_linked_sources(paths: Iterable[Path], fetcher: Fetcher, out: Path, known: list[Source],
                         warn: Callable[[str], None] | None = None) -> list[Source]:
    """Fetch every candidate link that is not already a known source's URL (from the cache when
    it holds a capture), write it to `out` and return those candidate sources."""
    from .web import fetch_draft, parse_one, write_source

    known_urls = {s.url for s in known if s.url}
    known_ids = {s.id for s in known}
    missing: list[str] = []
    found: dict[str, Source] = {}
    for url in article_links(paths):
        if url in known_urls:
            continue
        try:
            added = write_source(out, fetch_draft(url, fetcher))
        except NotCached:
            missing.append(url)
            continue
        except (FetchError, UsageError, SourceFormatError) as e:
            if warn:
                warn(f"linked source not used: {e}")
            continue
        src = parse_one(added.path)
        if src.id not in known_ids and src.url not in known_urls:
            found[src.id] = src
    if missing and warn:
        warn(f"--offline: {len(missing)} linked source(s) not in the cache: " + ", ".join(missing))
    return list(found.values())


def merged_sources(corpus: Path, linked: list[Source], cache: Path) -> Path:
    """A folder that holds the corpus's source files and the linked candidates (as symlinks), so
    every way of running the pipeline sees both. It is named for what it holds
    (follow/sources-<digest>): two runs over the same sources share it and its index, and a run
    over other sources gets its own instead of replacing a folder another run is reading. It is
    written beside its place and moved there whole; the least recently used beyond
    _KEEP_MERGED are removed."""
    import hashlib
    import os
    import shutil
    import tempfile

    base = cache / "follow"
    base.mkdir(parents=True, exist_ok=True)
    entries: dict[str, Path] = {}
    files = [p for p in sorted(corpus.rglob("*")) if p.is_file()] if corpus.is_dir() else []
    for p in files + [Path(s.path) for s in linked]:
        rel = p.relative_to(corpus) if p.is_relative_to(corpus) else Path("linked") / p.name
        entries.setdefault(str(rel), p.resolve())
    digest = hashlib.sha1("\n".join(f"{rel}\t{p}" for rel, p in sorted(entries.items())).encode()).hexdigest()[:16]
    target = base / f"sources-{digest}"
    if not target.is_dir():
        fresh = Path(tempfile.mkdtemp(prefix=".sources-", dir=base))
        for rel, p in entries.items():
            (fresh / rel).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(p, fresh / rel)
        try:
            os.replace(fresh, target)
        except OSError:   # another run made the same folder meanwhile: theirs is as good
            shutil.rmtree(fresh, ignore_errors=True)
    os.utime(target)   # most recently used
    merged = sorted(base.glob("sources-*"), key=lambda d: d.stat().st_mtime, reverse=True)
    for old in merged[_KEEP_MERGED:]:
        shutil.rmtree(old, ignore_errors=True)
    return target


#: merged source folders kept under the cache (each has its own index)
_KEEP_MERGED = 8
