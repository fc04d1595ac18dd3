"""HTML articles: the body text with its block structure, and a map back to the file.

Built on the standard library's HTML tokenizer because it reports where every piece of text
sits in the file: with character references left unconverted, each extracted character keeps
the offset of the bytes it came from, so quotations found in HTML still carry file offsets,
lines and columns. Reader comments, related-story teasers, newsletter boxes, navigation and
footers become `furniture` blocks; embedded posts (`blockquote.twitter-tweet`) become `embed`
blocks with their author, handle, date, status URL, post id and the creation time the id
encodes; `<q>` gets quotation marks.

Why no main-content library (trafilatura, readability-lxml, newspaper4k, selectolax): none of
them reports where its output sits in the file, and offsets are the product: every quotation's
start/end must slice the original bytes, so their text would have to be re-aligned to the file,
which fails exactly where they rewrite it (entities, whitespace, dropped markup). They also cut
what we need: readability and newspaper4k drop embedded tweets by design (their filters match
"tweet|twitter"), trafilatura keeps comments by default and drops a blockquote's <footer> (the
attribution). Speed is no reason either: this tokenizer reads about 3 MB of HTML a second, far
from the bottleneck. What those libraries' heuristics amount to for the parts we must set apart
is done here: when the page names its article unambiguously (one itemprop="articleBody", else
one <article>) everything outside it but the headline is furniture; furniture is also known by
its elements and class/id names (nav, aside, footer, "comments", "related", "newsletter", ...)
and by headings such as "Leave a Reply" or "You may also like".
"""

from __future__ import annotations

import html as _html
import operator
import re
from datetime import datetime, timezone
from html.parser import HTMLParser

from .find import POST_HANDLE
from .read import _BOX_LINE, _FURNITURE as _FURNITURE_TEXT
from .records import Block, Document

__all__ = ["read_html", "status_meta"]

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas",
         "button", "select", "option", "form", "input", "textarea", "math"}
_BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2",
          "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "table", "tr", "td", "th",
          "pre", "header", "footer", "aside", "nav", "hr", "address", "details", "summary"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param", "track"}
_FURNITURE_TAGS = {"nav", "aside", "footer"}
_PAGE_TAGS = {"html", "body", "main"}
_FURNITURE_ATTR = re.compile(
    r"comment|related|newsletter|subscribe|signup|sign-up|promo|teaser|share|social|sidebar|recommend|"
    r"more-stories|read-more|readmore|advert|\bads?\b|ad-slot|sponsor|footer|breadcrumb|menu|cookie|popular|trending",
    re.IGNORECASE)
#: a standfirst's class: "dek", "standfirst", "article__summary", "sub-headline", "strapline"
_STANDFIRST = re.compile(r"(?:^|[\s_-])(?:dek|standfirst|stand-first|subhead(?:line)?|sub-headline|summary|lede|strapline|"
                         r"subtitle)(?:$|[\s_-])", re.IGNORECASE)
#: a newsletter's own issue, not a box inviting to sign up for one: <article class="newsletter-issue">,
#: "newsletter__body", "newsletter-content"
_NEWSLETTER_ISSUE = re.compile(r"newsletter[-_]*(?:issue|body|content|main|article|text|edition)", re.IGNORECASE)


def _furniture_class(cls: str) -> bool:
    """Whether class and id names mark site furniture (comments, teasers, a newsletter's sign-up
    box …); a newsletter's own issue is the article, and a social post's embed is the story's."""
    found = _FURNITURE_ATTR.findall(cls)
    if found and all(f.lower() == "newsletter" for f in found) and _NEWSLETTER_ISSUE.search(cls):
        return False
    if found and all(f.lower() == "social" for f in found) and "embed" in cls.lower():
        return False   # <figure class="embed embed--social">: a post embedded in the story, not share buttons
    return bool(found)


# <aside class="pullquote">, "pull-quote", "pull": the page's own display of a quotation, no furniture
_LIVE_TICKER = re.compile(r"live[-_ ]?(?:ticker|blog|updates?|feed)|\bticker\b|key[-_ ]?events", re.IGNORECASE)
_PULL_QUOTE = re.compile(r"pull[-_ ]?quote|\bpull\b", re.IGNORECASE)
#: Instagram's signature: "A post shared by Mateus Ferraz (@mateusferraz9)"
_SHARED_BY = re.compile(r"A post shared by\s+(?P<name>[^()\n]{1,80}?)\s*\((?P<handle>" + POST_HANDLE + r")\)")
#: Facebook's: "Posted by Alder Creek Education Association on Tuesday, October 12, 2027"
_POSTED_BY = re.compile(r"Posted by\s+(?P<name>[^\n]{1,80}?)\s+on\s+(?:[A-Z][a-z]+day,\s+)?(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2},\s+\d{4})")
#: the classes of an embedded post's blockquote: X, Instagram, Facebook, Bluesky, Mastodon, Threads
_POST_EMBED = re.compile(r"twitter-tweet|x-post|tweet|instagram-media|fb-xfbml-parse-ignore|fb-post|bluesky-embed|"
                         r"mastodon-embed|text-post-media|linkedin")
_SIG = re.compile(r"[—–-]{1,2}\s*(?P<name>[^()\n]{1,80}?)\s*\((?P<handle>" + POST_HANDLE + r")\)\s*"
                  r"(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2},\s+\d{4})")


# whitespace _emit must rewrite: leading, a run of two or more, or one character other than a
# space (a lone space between printed characters is kept as it is). \s is str.isspace()
_WS_RUN = re.compile(r"^\s+|\s{2,}|[^\S ]")
_STATUS = re.compile(r"(?:twitter|x)\.com/(?:[^/?#]+/status(?:es)?|i/web/status)/(\d{1,20})", re.IGNORECASE)
_TWITTER_EPOCH_MS = 1288834974657
_ROLE_OF = operator.itemgetter(2)   # an open element's role, from its (tag, furniture, role)


def status_meta(url: str) -> dict[str, str]:
    """The post id of an X/Twitter status URL and, for ids since November 2010 ("snowflake" ids),
    the creation time they encode: (id >> 22) + 1288834974657 ms since the Unix epoch."""
    m = _STATUS.search(url or "")
    if not m:
        return {}
    post_id = int(m.group(1))
    out = {"id": str(post_id)}
    if post_id >= 1 << 32:   # older ids are sequential and carry no time
        ms = (post_id >> 22) + _TWITTER_EPOCH_MS
        created = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
        out["created"] = created.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return out


class _Extractor(HTMLParser):
    def __init__(self, raw: str, scope: str = "") -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.scope = scope          # "article" | "articleBody" | "": which element holds the article
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", raw)]
        self.out: list[str] = []
        self.origin: list[int] = []
        self.stack: list[tuple[str, bool, str]] = []   # tag, furniture, role (tweet|quote|"")
        self.skip = 0
        self.blocks: list[Block] = []
        self.cur_start: int | None = None
        self.cur_kind = "p"
        self.cur_zone = "body"
        self.cur_meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False
        self.tweet_meta: dict[str, str] | None = None
        self.tweet_sig: list[str] = []
        self.in_tweet_text = False
        self.tweet_said = False   # the post's text paragraph is done: a later one is its signature

    # -- positions ---------------------------------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, s: str, pos: int, mapped: bool = True) -> None:
        """Append text; whitespace runs collapse to one space (a newline when the run holds one).
        Printed characters and the single spaces between them are copied a stretch at a time,
        with their own offsets: going a character at a time was most of reading an HTML page."""
        out, origin = self.out, self.origin
        if s.isspace():
            # whitespace alone (the line breaks between tags: half the calls): the one run the
            # loop below would find, s itself, without the regex
            if out and out[-1] not in " \n":
                if self.cur_start is not None:   # no block yet: leading whitespace is dropped
                    out.append("\n" if "\n" in s else " ")
                    origin.append(pos)
            elif out and out[-1] == " " and "\n" in s:
                out[-1] = "\n"
            return
        done = 0
        for m in _WS_RUN.finditer(s):
            a, b = m.span()
            if a > done:
                self._copy(s, done, a, pos, mapped)
            done = b
            if out and out[-1] not in " \n":
                if self.cur_start is None:
                    continue       # no block yet: leading whitespace is dropped
                # the run's first character stands for it (its offset too)
                out.append("\n" if "\n" in m.group() else " ")
                origin.append(pos + a if mapped else pos)
            elif out and out[-1] == " " and "\n" in m.group():
                out[-1] = "\n"
        if done < len(s):
            self._copy(s, done, len(s), pos, mapped)

    def _copy(self, s: str, a: int, b: int, pos: int, mapped: bool) -> None:
        """s[a:b], which starts with a printed character and holds only single spaces."""
        if self.cur_start is None:
            self.cur_start = len(self.out)
        self.out.extend(s[a:b])
        self.origin.extend(range(pos + a, pos + b) if mapped else [pos] * (b - a))

    # (the stack is read through lists of its tags and roles, not any() over generators: these
    # checks run for every tag of the page)
    def _role(self, role: str) -> bool:
        return role in [r for _, _, r in self.stack]

    def _close_block(self) -> None:
        if self.cur_start is not None:
            end = len(self.out)
            while end > self.cur_start and self.out[end - 1] in " \n":
                end -= 1
            if end > self.cur_start:
                kind = self.cur_kind
                self.blocks.append(Block(self.cur_start, end, kind=kind, zone=self.cur_zone, meta=dict(self.cur_meta)))
        self.cur_start = None
        # separate blocks by a blank line in the extracted text
        if self.out and self.out[-1] != "\n":
            if self.out[-1] == " ":
                self.out[-1] = "\n"
            else:
                self.out.append("\n")
                self.origin.append(self.origin[-1] if self.origin else 0)
        if self.out and not (len(self.out) >= 2 and self.out[-2] == "\n"):
            self.out.append("\n")
            self.origin.append(self.origin[-1] if self.origin else 0)

    def _set_kind(self) -> None:
        # the stack's tags, furniture flags and roles, split in one C call
        tags, furns, roles = zip(*self.stack, strict=True) if self.stack else ((), (), ())
        # furniture: inside a furniture element, or outside the element the page marks as its
        # article (but the headline): that is the site's
        furniture = any(furns) or (bool(self.scope) and "scope" not in roles and "h1" not in tags)
        self.cur_zone = "furniture" if furniture else "body"
        if self.in_tweet_text:
            self.cur_kind = "embed"
        elif "quote" in roles and ("footer" in tags or "cite" in tags):
            self.cur_kind = "p"      # the quotation's attribution ("— Name, <cite>…</cite>"), not its words
        elif "quote" in roles:
            self.cur_kind = "blockquote"
        elif not _HEADINGS.isdisjoint(tags):
            self.cur_kind = "heading"
        else:
            self.cur_kind = "p"

    # -- events ------------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs_):
        if tag == "title":
            self._in_title = True
        if self.skip or tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if tag == "br":
            self._emit("\n", self._pos())
            return
        if tag in _VOID:
            return
        a = dict(attrs_)
        roles = list(map(_ROLE_OF, self.stack))   # of the open elements; the stack changes only below
        in_quote = "quote" in roles
        klass, ident = a.get("class") or "", a.get("id") or ""
        cls = klass + " " + ident if klass and ident else klass or ident
        # (the classes of <body> and <main> describe the page, not a part of it: <body
        # class="article-page subscriber-only">, <body class="menu-open"> hold the article too)
        furn = tag in _FURNITURE_TAGS or bool(cls and tag not in _PAGE_TAGS and _furniture_class(cls))
        if tag == "footer" and in_quote:
            furn = False    # a blockquote's <footer> names who is quoted: the article's, not the site's
        elif furn and tag == "aside" and _PULL_QUOTE.search(cls):
            furn = False    # a pull quote set beside the text repeats the article's own quotation
        role = ""
        if tag == "blockquote":
            role = "tweet" if _POST_EMBED.search(cls) else "quote"
        if tag == "q":   # a <q> inside a <q> gets single marks, as a nested quotation is printed
            self._emit("‘" if "q" in roles else "“", self._pos(), mapped=False)
            self.stack.append((tag, furn, "q"))
            return
        if tag in _BLOCK and not (tag == "p" and in_quote and self.cur_kind == "blockquote" and self.cur_start is not None):
            if not (in_quote and tag == "p"):
                self._close_block()
        if self.scope and not role and "scope" not in roles and (
                (self.scope == "articleBody" and (a.get("itemprop") or "").split().count("articleBody"))
                or (self.scope == "article" and tag == "article")):
            role = "scope"
            furn = False    # the page's own word for its article outweighs a class like "has-share-bar"
        elif self.scope and not role and "scope" not in roles and not furn and (
                _STANDFIRST.search(cls) or (a.get("itemprop") or "") in ("description", "alternativeHeadline")):
            # the standfirst under the headline, set outside the element the page marks as its
            # article body (<p class="dek">): the story's own summary, as the headline is
            role = "scope"
        elif tag == "aside" and not role and _LIVE_TICKER.search(cls):
            # a live ticker set beside the article is news of the story too ("13:14 GMT NSTA calls
            # on the union to “suspend this strike …”"), not the site's furniture
            role = "scope"
            furn = False
        if tag == "cite" and self.stack and self.stack[-1][2] == "quote":   # (a child of the blockquote itself)
            # a pull quote's <cite>: who said it, a line of its own (the block's meta says so)
            self._close_block()
            self.cur_meta = {"role": "cite"}
            self.stack.append((tag, furn, role))
            self._set_kind()
            return
        self.stack.append((tag, furn, role))
        if role == "tweet":
            self._close_block()
            self.tweet_meta = {}
            self.tweet_sig = []
            self.tweet_said = False
        in_tweet = role == "tweet" or "tweet" in roles
        # (the post's text is its first paragraph; a later one is its signature: Instagram's
        # "A post shared by Name (@handle)")
        if tag == "p" and in_tweet and self.tweet_meta is not None and not self.in_tweet_text and not self.tweet_said:
            self.in_tweet_text = True
        if tag == "a" and in_tweet and a.get("href") and "/status" in (a.get("href") or ""):
            if self.tweet_meta is not None:
                self.tweet_meta["url"] = a["href"]
        if tag in _BLOCK or role:
            self._set_kind()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self.skip:
            if tag in _SKIP or tag not in _VOID:
                self.skip -= 1
            return
        if tag in _VOID:
            return
        # pop to the matching tag (tolerates unclosed inner tags)
        idx = len(self.stack) - 1
        while idx >= 0 and self.stack[idx][0] != tag:
            idx -= 1
        if idx < 0:
            return
        if tag == "q":
            nested = any(r == "q" for _, _, r in self.stack[:idx])
            self._emit("’" if nested else "”", self._pos(), mapped=False)
            del self.stack[idx:]
            return
        role = self.stack[idx][2]
        if tag == "p" and self.in_tweet_text and self._role("tweet"):
            self._close_block()
            self.in_tweet_text = False
            self.tweet_said = True
            del self.stack[idx:]
            self._set_kind()
            self.cur_kind = "signature"
            return
        if role == "tweet":
            sig = " ".join("".join(self.tweet_sig).split())
            m = _SIG.search(sig) or _SHARED_BY.search(sig) or _POSTED_BY.search(sig)
            # attach the signature to the embed block just made
            for i in range(len(self.blocks) - 1, -1, -1):
                if self.blocks[i].kind == "embed":
                    meta = dict(self.blocks[i].meta)
                    if m:
                        meta["author"] = m.group("name").strip()
                        if m.groupdict().get("handle"):
                            meta["handle"] = m.group("handle")
                        if m.groupdict().get("date"):
                            meta["date"] = m.group("date")
                    meta.update(self.tweet_meta or {})
                    meta.update(status_meta(meta.get("url", "")))
                    b = self.blocks[i]
                    self.blocks[i] = Block(b.start, b.end, kind="embed", zone=b.zone, meta=meta)
                    break
            self._close_block()
            self.tweet_meta = None
            del self.stack[idx:]
            self._set_kind()
            return
        if tag in _BLOCK or role == "quote" or tag == "cite" and self.cur_meta.get("role") == "cite":
            self._close_block()
            if tag == "cite":
                self.cur_meta = {}
        if tag in _HEADINGS and self._furniture_heading():
            # "Leave a Reply", "Related stories", "3 Comments" without a telling class: the rest of
            # the heading's container is that section, not the article
            del self.stack[idx:]
            if self.stack:
                t, _, r = self.stack[-1]
                self.stack[-1] = (t, True, r)
            self._set_kind()
            return
        del self.stack[idx:]
        if tag in _BLOCK or role:
            self._set_kind()

    def _furniture_heading(self) -> bool:
        if not self.blocks or self.blocks[-1].kind != "heading" or self.blocks[-1].zone != "body":
            return False
        b = self.blocks[-1]
        text = "".join(self.out[b.start:b.end])
        if len(text) > 60 or not _FURNITURE_TEXT.match(text):
            return False
        self.blocks[-1] = Block(b.start, b.end, kind=b.kind, zone="furniture", meta=b.meta)
        return True

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self.skip:
            return
        if self.tweet_meta is not None and not self.in_tweet_text:
            self.tweet_sig.append(data)
        self._emit(data, self._pos())

    def _ref(self, text: str, raw_len: int) -> None:
        if self._in_title:
            self.title += text
        if self.skip:
            return
        if self.tweet_meta is not None and not self.in_tweet_text:
            self.tweet_sig.append(text)
        p = self._pos()
        for ch in text:
            self._emit(ch, p, mapped=False)

    def handle_entityref(self, name):
        raw = f"&{name};"
        text = _html.unescape(raw)
        self._ref(text, len(raw))

    def handle_charref(self, name):
        text = _html.unescape(f"&#{name};")
        self._ref(text, len(name) + 3)

    def close(self):
        super().close()
        self._close_block()


_ARTICLE_TAG = re.compile(r"<article[\s>]", re.IGNORECASE)
_ARTICLE_BODY = re.compile(r"""itemprop\s*=\s*["']?[^"'>]*\barticleBody\b""")
_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)


def _article_scope(raw: str) -> str:
    """Which element holds the article, when the page says so unambiguously: the one element
    marked itemprop="articleBody" (schema.org), else the one <article>. Pages with several (a
    live blog, teaser cards) get no scope and rely on the furniture rules alone."""
    bare = _SCRIPT.sub("", raw) if "<script" in raw.lower() else raw
    if len(_ARTICLE_BODY.findall(bare)) == 1:
        return "articleBody"
    if len(_ARTICLE_TAG.findall(bare)) == 1:
        return "article"
    return ""


def read_html(path: str, raw: str, encoding: str = "utf-8") -> Document:
    ex = _Extractor(raw, _article_scope(raw))
    try:
        ex.feed(raw)
        ex.close()
    except Exception:  # the tokenizer is lenient; anything left is a broken file, kept as far as read
        ex._close_block()
    text = "".join(ex.out)
    meta = {"title": " ".join(ex.title.split())} if ex.title.strip() else {}
    # newsletter and share prompts, "RELATED: headline" teasers: that paragraph only
    blocks = tuple(Block(b.start, b.end, kind="furniture", zone="furniture", meta=b.meta)
                   if b.kind == "p" and b.zone == "body" and b.end - b.start <= 300
                   and _BOX_LINE.match(text[b.start:b.end]) and "\n" not in text[b.start:b.end] else b
                   for b in ex.blocks if b.kind != "signature")
    return Document(path=path, text=text, blocks=blocks, raw=raw, origin=tuple(ex.origin), meta=meta, encoding=encoding)
