"""What a fetched payload says: a web page or a post on X -> a `Draft` of a source file.

In: the bytes a capture holds, its content type, the URL, and how they were obtained (`method`).
Out: a `Draft` (text, title, speaker, handle, organization, kind, date, edit state). The same
function runs when a source is added and when `verify sources verify` re-derives the text from the
capture, so a source file can be checked against the bytes it claims to come from.

Web pages go through trafilatura: of the open extractors it finds the article body best and, unlike
readability or newspaper, keeps embedded posts. Its `include_comments` defaults to True, so
comments are turned off here explicitly.
"""

from __future__ import annotations

import html
import json
import math
import re
from datetime import datetime, timezone
from typing import Any

import attrs

from .errors import FetchError, PostDeleted

__all__ = ["Draft", "derive", "page_draft", "syndication_draft", "oembed_draft", "post_id",
           "post_token", "is_status_url", "post_date_from_id", "extractor_version"]

_STATUS = re.compile(r"^https?://(?:www\.|mobile\.)?(?:x|twitter)\.com/(?:[A-Za-z0-9_]+|i(?:/web)?)/status(?:es)?/(\d{1,20})",
                     re.IGNORECASE)
_ATTRIBUTABLE = re.compile(
    r"^\s*(?i:the following (?:statement )?is attributable to (?:(?:the )?(?:department |state department )?"
    r"(?:deputy |principal deputy )?spokes(?:person|man|woman) )?)(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})\s*:?\s*$")
_TRANSCRIPT_TITLE = re.compile(r"^(?:remarks|interview|transcript|press (?:briefing|availability|conference))\b|"
                               r"\b(?:remarks|interview|press briefing|transcript)\b", re.IGNORECASE)
_TEXT_TYPES = ("text/plain", "text/markdown")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "")


@attrs.frozen
class Draft:
    """A source before it is written: what the captured payload says and who says it."""

    url: str
    text: str
    kind: str
    method: str                     # page | text | syndication | oembed: how text came from the payload
    extractor: str                  # name and version of what produced the text
    title: str | None = None
    speaker: str | None = None
    handle: str | None = None
    organization: str | None = None
    published: str | None = None
    edited: str | None = None       # posts: the edit state X reported


def extractor_version(method: str) -> str:
    if method == "page":
        import trafilatura

        return f"trafilatura {trafilatura.__version__}"
    return {"text": "plain text as served", "syndication": "X syndication JSON",
            "oembed": "X oEmbed blockquote"}.get(method, method)


def derive(method: str, url: str, content_type: str, body: bytes, speaker: str | None = None) -> Draft:
    """Dispatch on how the payload was obtained (the `extraction:` header of a source file)."""
    if method in ("page", "text"):
        return page_draft(url, content_type, body, speaker)
    if method == "syndication":
        return syndication_draft(url, body)
    if method == "oembed":
        return oembed_draft(url, body)
    raise FetchError(url, f"unknown extraction method {method!r}")


# -- web pages ----------------------------------------------------------------------------------
def page_draft(url: str, content_type: str, body: bytes, speaker: str | None = None) -> Draft:
    """A release or transcript page (or plain text) -> its main text and metadata."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in _TEXT_TYPES:
        from .read import Skipped, decode

        try:
            text, _ = decode(body, url)
        except Skipped:
            raise FetchError(url, "the text is not decodable") from None
        text = _paragraphs(text)
        if not text:
            raise FetchError(url, "the page is empty")
        return Draft(url=url, text=text, kind="statement", method="text", extractor=extractor_version("text"),
                     speaker=speaker)
    if ctype not in _HTML_TYPES and not ctype.endswith("+xml"):
        raise FetchError(url, f"serves {ctype}, not a web page or plain text verify can read")
    import trafilatura

    doc = trafilatura.bare_extraction(body, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, include_images=False, favor_precision=True)
    meta: dict[str, Any] = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else dict(doc or {})
    text = _paragraphs(meta.get("text") or "")
    if not text:
        text = _fallback_text(body)
    if not text:
        raise FetchError(url, "no readable text in the page (empty or not an article)")
    who = speaker
    title = _clean(meta.get("title"))
    lines = text.split("\n\n")
    for i, line in enumerate(lines[:8]):
        m = _ATTRIBUTABLE.match(line)
        if m and i + 1 < len(lines):
            # "The following is attributable to Spokesperson Tammy Bruce:" names the speaker; what
            # comes before it is the release's heading (title, type, office, date), not the statement
            who = who or m.group("name")
            lines = lines[i + 1:]
            break
    if len(lines) > 1 and title and _clean(lines[0]) == title:
        lines = lines[1:]
    text = "\n\n".join(lines)
    kind = "transcript" if title and _TRANSCRIPT_TITLE.search(title) else "release"
    author = _clean(meta.get("author"))
    return Draft(url=url, text=text, kind=kind, method="page", extractor=extractor_version("page"), title=title,
                 speaker=who or author, organization=_clean(meta.get("sitename")),
                 published=_date(meta.get("date")))


def _paragraphs(text: str) -> str:
    """One paragraph per block, separated by a blank line (the corpus format)."""
    paras = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in re.split(r"\n\s*", text.replace("\r", ""))]
    return "\n\n".join(p for p in paras if p)


def _fallback_text(body: bytes) -> str:
    """Broken or odd HTML trafilatura gives up on: the visible text of the body."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head", "nav", "footer"]):
        tag.decompose()
    return _paragraphs(soup.get_text("\n"))


def _clean(value: Any) -> str | None:
    if not value or not isinstance(value, str):
        return None
    return re.sub(r"\s+", " ", value).strip() or None


def _date(value: Any) -> str | None:
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


# -- posts on X ---------------------------------------------------------------------------------
def is_status_url(url: str) -> bool:
    return bool(_STATUS.match(url))


def post_id(url: str) -> str | None:
    m = _STATUS.match(url)
    return m.group(1) if m else None


def post_date_from_id(pid: str) -> str | None:
    """An X post id encodes its creation time: (id >> 22) + 1288834974657 ms since the epoch."""
    if int(pid) < 10**15:  # ids from before snowflake (November 2010) carry no time
        return None
    ms = (int(pid) >> 22) + 1288834974657
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).strftime("%Y-%m-%d")


def post_token(pid: str) -> str:
    """The syndication endpoint's token: (id / 1e15 * π) in base 36 as JavaScript writes it,
    without zeros and the point. Derived from the id, no key involved."""
    s = _js_radix36(float(int(pid)) / 1e15 * math.pi)
    return re.sub(r"(0+|\.)", "", s)


def _js_radix36(value: float) -> str:
    """Number.prototype.toString(36) for a positive double (V8's DoubleToRadixCString): the
    shortest fraction digits that read back as the same double."""
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    integer = math.floor(value)
    fraction = value - integer
    delta = max(math.nextafter(0.0, 1.0), 0.5 * (math.nextafter(value, math.inf) - value))
    digits: list[int] = []
    if fraction >= delta:
        while True:
            fraction *= 36
            delta *= 36
            digit = int(fraction)
            digits.append(digit)
            fraction -= digit
            if (fraction > 0.5 or (fraction == 0.5 and digit & 1)) and fraction + delta > 1:
                while True:  # round up, carrying into earlier digits
                    if not digits:
                        integer += 1
                        break
                    d = digits.pop()
                    if d + 1 < 36:
                        digits.append(d + 1)
                        break
                break
            if fraction < delta:
                break
    n, ip = int(integer), ""
    while True:
        n, r = divmod(n, 36)
        ip = chars[r] + ip
        if not n:
            break
    return ip + ("." + "".join(chars[d] for d in digits) if digits else "")


def _json(url: str, body: bytes, what: str) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise FetchError(url, f"the {what} answer is not JSON") from None
    if not isinstance(data, dict):
        raise FetchError(url, f"the {what} answer is not a JSON object")
    return data


def syndication_draft(url: str, body: bytes) -> Draft:
    """The syndication endpoint's JSON -> the post's text, author, date and edit state.
    A tombstone (a deleted or withheld post) raises PostDeleted."""
    data = _json(url, body, "syndication")
    if data.get("__typename") == "TweetTombstone" or "tombstone" in data:
        said = (((data.get("tombstone") or {}).get("text") or {}).get("text") or "no reason given")
        raise PostDeleted(url, f"the post is gone: X answers with a tombstone ({said})")
    text = data.get("text")
    user = data.get("user") or {}
    if not isinstance(text, str) or not isinstance(user, dict) or not user.get("screen_name"):
        raise FetchError(url, "the syndication answer has no post text or author")
    rng = data.get("display_text_range")
    cps = list(text)  # the range counts code points, as Python strings do
    if isinstance(rng, list) and len(rng) == 2 and all(isinstance(x, int) for x in rng):
        text = "".join(cps[rng[0]:rng[1]])
    for u in ((data.get("entities") or {}).get("urls") or []):
        if isinstance(u, dict) and u.get("url") and u.get("display_url"):
            text = text.replace(u["url"], u["display_url"])
    text = html.unescape(text).strip()
    created = data.get("created_at")
    published = _date(created) if isinstance(created, str) else None
    if published is None and isinstance(created, str):
        try:  # the v1.1 form: "Tue Feb 04 01:23:45 +0000 2025"
            published = datetime.strptime(created, "%a %b %d %H:%M:%S %z %Y").strftime("%Y-%m-%d")
        except ValueError:
            published = None
    pid = str(data.get("id_str") or post_id(url) or "")
    return Draft(url=f"https://x.com/{user['screen_name']}/status/{pid}", text=text, kind="post",
                 method="syndication", extractor=extractor_version("syndication"),
                 speaker=_clean(user.get("name")), handle="@" + user["screen_name"],
                 published=published or (post_date_from_id(pid) if pid else None),
                 edited=_edit_state(pid, data))


def _edit_state(pid: str, data: dict[str, Any]) -> str:
    ctl = data.get("edit_control") or {}
    ids = ctl.get("edit_tweet_ids") or (ctl.get("edit_control_initial") or {}).get("edit_tweet_ids") or []
    ids = [str(i) for i in ids if i]
    if len(ids) <= 1:
        return "no"
    pos = ids.index(pid) + 1 if pid in ids else None
    if pid == ids[-1]:
        return f"yes: the latest of {len(ids)} versions (first {ids[0]})"
    where = f"version {pos} of {len(ids)}" if pos else f"one of {len(ids)} versions"
    return f"superseded: {where}; the latest is {ids[-1]}"


def oembed_draft(url: str, body: bytes) -> Draft:
    """oEmbed's blockquote (the markup articles embed) -> text, author, handle and date.
    It carries no edit information."""
    from bs4 import BeautifulSoup

    data = _json(url, body, "oEmbed")
    markup = data.get("html")
    if not isinstance(markup, str) or "<blockquote" not in markup:
        raise FetchError(url, "the oEmbed answer has no blockquote")
    soup = BeautifulSoup(markup, "html.parser")
    quote = soup.find("blockquote")
    para = quote.find("p") if quote else None
    if para is None:
        raise FetchError(url, "the oEmbed blockquote has no text")
    for br in para.find_all("br"):
        br.replace_with("\n")
    text = re.sub(r"[ \t]+", " ", para.get_text()).strip()
    text = re.sub(r"\s*(?:https?://)?pic\.(?:twitter|x)\.com/\w+\s*$", "", text).strip()
    author_url = data.get("author_url") if isinstance(data.get("author_url"), str) else ""
    handle = author_url.rstrip("/").rsplit("/", 1)[-1] if author_url else None
    published = None
    links = quote.find_all("a") if quote else []
    if links:
        try:
            published = datetime.strptime(links[-1].get_text().strip(), "%B %d, %Y").strftime("%Y-%m-%d")
        except ValueError:
            published = None
    pid = post_id(str(data.get("url") or url)) or post_id(url)
    return Draft(url=str(data.get("url") or url), text=text, kind="post", method="oembed",
                 extractor=extractor_version("oembed"), speaker=_clean(data.get("author_name")),
                 handle=f"@{handle}" if handle else None,
                 published=published or (post_date_from_id(pid) if pid else None), edited="unknown (oEmbed)")
