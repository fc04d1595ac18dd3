"""When an article was published: Document -> ArticleDate.

Looked for in this order, first hit wins:
1. a `date:` (or `published:`, `pubdate:`, `date_published:`) field in a text file's header or in
   Markdown front matter, or such a line among the first lines of the file;
2. HTML meta tags (`article:published_time`, `og:published_time`, `datePublished`, `date`,
   `pubdate`, `DC.date`, `sailthru.date` …), then JSON-LD `datePublished`, then a
   `<time datetime>` marked `pubdate` or `itemprop=datePublished`;
3. the file's modification time, with `origin="file mtime"`: it says when the file was saved, not
   when the article appeared, so `ArticleDate.known` is False and provenance never uses it to
   decide who copied whom (a fresh checkout gives every file today's date).

Values are ISO 8601 strings: "2025-02-03" when only the day is known, else a full timestamp.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import json
import os
import re
from html.parser import HTMLParser

import attrs

from .records import Document

__all__ = ["ArticleDate", "document_date", "parse_date", "compare_dates", "instant"]

_HEADER_KEYS = ("date", "published", "pubdate", "date_published", "datepublished", "published_at",
                "publication_date", "created")
_META_NAMES = ("article:published_time", "og:published_time", "og:article:published_time",
               "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date",
               "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued", "sailthru.date",
               "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime")
_HEADER_LINE = re.compile(r"^\s*(date|published|pubdate|date_published|published_at)\s*:\s*(.+?)\s*$",
                          re.IGNORECASE | re.MULTILINE)
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                        "oct", "nov", "dec"), start=1)}
#: French and Spanish month names (English ones are known by their first three letters)
_MONTH_NAMES = {m: i for i, names in enumerate((
    "janvier enero", "février fevrier febrero", "mars marzo", "avril abril", "mai mayo", "juin junio",
    "juillet julio", "août aout agosto", "septembre septiembre setiembre", "octobre octubre",
    "novembre noviembre", "décembre decembre diciembre"), start=1) for m in names.split()}
_MDY = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
#: "3 March 2025", "19 mars 2026", "12 de abril de 2028"
_DMY = re.compile(r"\b(\d{1,2})(?:er)?\s+(?:de\s+)?([A-Za-zÀ-ÿ]{3,10})\.?,?\s+(?:de\s+)?(\d{4})\b")
_ISO_DAY = re.compile(r"\b(\d{4})[-/](\d{2})[-/](\d{2})\b")


@attrs.frozen
class ArticleDate:
    """An article's date and where it was found."""

    value: str | None        # ISO 8601, or None when nothing at all is known
    origin: str              # header | front matter | meta | json-ld | time tag | file mtime | none

    @property
    def known(self) -> bool:
        """A publication date the article itself states (not the file's mtime)."""
        return self.value is not None and self.origin != "file mtime"

    def label(self) -> str:
        if self.value is None:
            return "no date"
        return self.value + (" (file mtime)" if self.origin == "file mtime" else "")


def parse_date(s: str | None) -> str | None:
    """A date or timestamp in any common form -> ISO 8601, or None when it cannot be read."""
    if not s:
        return None
    s = s.strip().strip("\"'")
    if not s:
        return None
    try:
        d = _dt.datetime.fromisoformat(s.replace("Z", "+00:00") if s.endswith("Z") else s)
        if len(s) <= 10:
            return d.date().isoformat()
        return d.isoformat()
    except ValueError:
        pass
    try:  # RFC 2822: "Mon, 03 Feb 2025 14:05:00 GMT"
        d = email.utils.parsedate_to_datetime(s)
        if d is not None:
            return d.isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for rx, order in ((_ISO_DAY, "ymd"), (_MDY, "mdy"), (_DMY, "dmy")):
        m = rx.search(s)
        if not m:
            continue
        a, b, c = m.groups()
        if order == "ymd":
            y, mo, day = int(a), int(b), int(c)
        else:
            mon, day_s = (a, b) if order == "mdy" else (b, a)
            mo = _MONTH_NAMES.get(mon.lower()) or _MONTHS.get(mon[:3].lower(), 0)
            y, day = int(c), int(day_s)
        try:
            return _dt.date(y, mo, day).isoformat()
        except ValueError:
            continue
    return None


def instant(value: str) -> tuple[_dt.date, _dt.datetime | None]:
    """(UTC day, UTC timestamp or None when only the day is known) of an ISO value."""
    if len(value) <= 10:
        return _dt.date.fromisoformat(value), None
    d = _dt.datetime.fromisoformat(value)
    if d.tzinfo is None:
        d = d.replace(tzinfo=_dt.timezone.utc)
    d = d.astimezone(_dt.timezone.utc)
    return d.date(), d


def compare_dates(a: str, b: str) -> int:
    """-1, 0 or 1; two values compare at the coarser of their precisions (a day against a
    timestamp of that day is a tie)."""
    da, ta = instant(a)
    db, tb = instant(b)
    if ta is not None and tb is not None:
        return (ta > tb) - (ta < tb)
    return (da > db) - (da < db)


class _HeadScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []
        self.ld: list[str] = []
        self.times: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs_}
        if tag == "meta":
            name = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if name and a.get("content"):
                self.meta.append((name, a["content"]))
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in_ld = True
            self.ld.append("")
        elif tag == "time" and a.get("datetime") and ("pubdate" in a or a.get("itemprop", "").lower() == "datepublished"):
            self.times.append(a["datetime"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.ld[-1] += data


def _ld_date(obj: object) -> str | None:
    """The first datePublished anywhere in a JSON-LD value (it may sit in an @graph)."""
    if isinstance(obj, dict):
        for k in ("datePublished", "dateCreated"):
            v = obj.get(k)
            if isinstance(v, str) and parse_date(v):
                return parse_date(v)
        for v in obj.values():
            found = _ld_date(v)
            if found:
                return found
    elif isinstance(obj, list):
        for v in obj:
            found = _ld_date(v)
            if found:
                return found
    return None


def _html_date(raw: str) -> ArticleDate | None:
    scanner = _HeadScanner()
    try:
        scanner.feed(raw)
        scanner.close()
    except Exception:  # the stdlib parser is lenient; anything it still refuses is not a date source
        return None
    found = {name: content for name, content in reversed(scanner.meta)}
    for name in _META_NAMES:
        v = parse_date(found.get(name))
        if v:
            return ArticleDate(v, "meta")
    for block in scanner.ld:
        try:
            v = _ld_date(json.loads(block))
        except ValueError:
            continue
        if v:
            return ArticleDate(v, "json-ld")
    for t in scanner.times:
        v = parse_date(t)
        if v:
            return ArticleDate(v, "time tag")
    return None


def _is_html(doc: Document) -> bool:
    return doc.origin is not None or doc.raw.lstrip()[:1] == "<"


def document_date(doc: Document) -> ArticleDate:
    """The publication date an article states, else its file's mtime marked as such."""
    if _is_html(doc):
        found = _html_date(doc.raw)
        if found:
            return found
    else:
        origin = "front matter" if doc.raw.lstrip().startswith("---") else "header"
        for key in _HEADER_KEYS:
            v = parse_date(doc.meta.get(key))
            if v:
                return ArticleDate(v, origin)
        head = "\n".join(doc.raw.splitlines()[:12])
        for m in _HEADER_LINE.finditer(head):
            v = parse_date(m.group(2))
            if v:
                return ArticleDate(v, "header")
    try:
        mtime = os.stat(doc.path).st_mtime
    except (OSError, ValueError):
        return ArticleDate(None, "none")
    stamp = _dt.datetime.fromtimestamp(mtime, _dt.timezone.utc).replace(microsecond=0)
    return ArticleDate(stamp.isoformat(), "file mtime")
