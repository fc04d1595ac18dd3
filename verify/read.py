"""Read article files into Documents: decoding, headers, paragraphs, furniture.

Plain text and Markdown keep the decoded file as the analysed text, so every offset is an offset
into the file. HTML is reduced to its article body by `verify.html` with a map back to the file.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from stat import S_ISREG
from typing import Iterator

from .errors import InputError
from .find import SIGNATURE
from .records import Block, Document

__all__ = ["ARTICLE_SUFFIXES", "MAX_BYTES", "decode", "iter_article_paths", "read_document",
           "read_text_document", "Skipped"]

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 64 * 1024 * 1024

_HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*:(?:\s|$)")
# Lines that open a trailing section which is not the article: comments, teaser lists. Everything
# after them is furniture.
_FURNITURE = re.compile(
    r"^\s*(?:#+\s*)?(?:\d+\s+)?(?:comments?|leave a (?:comment|reply)|join the (?:conversation|discussion)|"
    r"related(?: (?:articles?|stories|posts|content|coverage|news|reading))?|more (?:stories|news|from\b.*)|"
    r"recommended(?: for you| stories)?|(?:what to )?read (?:more|next)|you (?:may|might) also like|"
    r"(?:most )?popular(?: stories| now)?|trending(?: now)?|view all|"
    # "Comments (12)", "Show comments", "View 12 comments", "Join the conversation (3)"
    r"(?:show|view|see|read)(?: all)?(?: \d+)? comments?|most read)\s*(?:\(\d+\))?\s*:?\s*$",
    re.IGNORECASE)
#: the labels of _FURNITURE that open a list of teased headlines, not comments
_TEASER_SECTION = re.compile(r"^\s*(?:#+\s*)?(?:related\b.*|more (?:stories|news)|recommended\b.*|(?:what to )?read (?:more|next)|"
                             r"you (?:may|might) also like|(?:most )?popular\b.*|trending\b.*|most read)\s*:?\s*$",
                             re.IGNORECASE)
# Boxes inside the article (newsletter and share prompts, ads, "RELATED: <headline>" teasers):
# only that line is furniture, the article goes on after it.
_BOX_LINE = re.compile(
    r"^\s*(?:#+\s*)?(?:advertisement|ad-image|sponsored(?: content)?|"
    # the page's own signposts round an ad or a promo ("Story continues below advertisement",
    # "Continue reading the main story", "skip past newsletter promotion")
    r"(?:story|article) continues (?:below|after)\b.{0,30}|continue reading(?: the main story| below)?|"
    r"(?:skip past|after) newsletter promotion|"
    r"(?:sign up|subscribe)\b.{0,80}(?:newsletter|updates|inbox|briefing|alerts?)\b.{0,80}|"
    r"share (?:this|on)\b.{0,40}|"
    # a paper's sign-off lines: "Write to Jane Doe at jane.doe@paper.com", "Appeared in the
    # May 2, 2027, print edition as 'Headline'." (its headline in quotation marks), "Copyright ©2027 …"
    r"write to\b.{1,120}\bat\s+\S+@\S+|appeared in the\b.{0,60}\bprint edition\b.{0,200}|"
    r"(?:copyright\s*)?©\s*\d{4}\b.{0,120}|copyright\s+\d{4}\b.{0,120}|"
    r"(?:related|read (?:more|also|next)|see also|also read|more|watch|listen|recommended)\s*[:|]\s+\S.{0,200})\s*$",
    re.IGNORECASE)


# "Read more:" alone on its line, the teased headline on the next: both are a box inside the
# article (scraped pages print them mid-story), not the start of a trailing section
# (also a tabloid's "READ MORE ON KINGSMERE UNITED" over a few teased headlines, each a line
# with no full stop: the story goes on with the first line that ends a sentence)
_TEASER_LABEL = re.compile(r"^\s*(?:(?:read (?:more|also|next)|see also|also read)\s*:|(?:read )?more on\s+[^:.!?\n]{1,60}:?)\s*$",
                           re.IGNORECASE)
_MAX_TEASERS = 4
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s*$")


class Skipped(InputError):
    """A file that is not an article we can read (binary, undecodable); a warning, not a failure."""


def decode(data: bytes, path: str = "") -> tuple[str, str]:
    """Bytes -> (text, encoding). UTF-8 first, then a BOM, then detection; binary is refused."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(enc), enc
            except UnicodeDecodeError:
                break
    head = data[:8192]
    if b"\x00" in head:
        raise Skipped(f"{path}: binary file skipped")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(head)
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass   # the declaration is wrong, as they often are: fall through to detection
    western = _as_windows_1252(data)
    if western is not None:
        return western, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise Skipped(f"{path}: not valid UTF-8 and no other text encoding fits; skipped")
    text = str(best)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > 0.01 * max(1, len(text[:8192])):
        raise Skipped(f"{path}: binary file skipped")
    return text, best.encoding


# What a Western European article holds beyond ASCII: accented letters, typographic punctuation.
_WESTERN = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŠšŽž"
                     "’‘“”„‚–—…«»‹›€£¥¢°§¶©®™·•¡¿ªº±×÷\xa0")


_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


def _declared_charset(head: bytes) -> str | None:
    """The encoding an HTML page declares in a <meta> tag (read only when it is not UTF-8)."""
    m = _CHARSET.search(head[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    # browsers read these labels as Windows-1252 (WHATWG Encoding): so do we
    return "cp1252" if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii") else name


def _as_windows_1252(data: bytes) -> str | None:
    """The text, when the bytes read as Windows-1252 and every non-ASCII character is one a
    Western European article uses. Detection guesses badly on short single-byte text (a French
    article came out as Baltic cp1257, "prťsident"); Windows-1252 is the web's commonest legacy
    encoding (browsers read "latin-1" as it), so it is tried first and detection does the rest."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    other = [ch for ch in text if ord(ch) > 127]
    if not other or sum(ch in _WESTERN for ch in other) < 0.97 * len(other):
        return None
    return text


def iter_article_paths(paths: list[str]) -> Iterator[Path]:
    """Files named directly, and article files found recursively in folders, in a stable order."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputError(f"{p}: no such file or folder")
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in files:
                    if f.lower().endswith(ARTICLE_SUFFIXES) and not f.startswith("."):
                        found.append(Path(root) / f)
            yield from sorted(found)
        else:
            yield path


def read_document(path: Path) -> Document:
    """Read one article file. Raises Skipped for files that are not readable text."""
    try:
        st = path.stat()
        if not S_ISREG(st.st_mode):   # a pipe would block the read for ever, a device never end
            raise Skipped(f"{path}: not a regular file; skipped")
        size = st.st_size
        if size > MAX_BYTES:
            raise Skipped(f"{path}: {size // (1024 * 1024)} MB is over the {MAX_BYTES // (1024 * 1024)} MB limit; skipped")
        data = path.read_bytes()
    except OSError as e:
        raise Skipped(f"{path}: cannot read ({e.strerror or e})") from None
    text, enc = decode(data, str(path))
    if path.suffix.lower() in (".html", ".htm") or _looks_like_html(text):
        from .html import read_html

        return read_html(str(path), text, enc)
    return read_text_document(str(path), text, enc, markdown=path.suffix.lower() in (".md", ".markdown"))


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def _header_end(lines: list[tuple[int, int, str]]) -> tuple[int, dict[str, str], int]:
    """(index of first body line, header fields, end offset of header) — 0 if there is none."""
    if not lines:
        return 0, {}, 0
    meta: dict[str, str] = {}
    first = lines[0][2].strip()
    if first == "---":  # Markdown front matter
        for i, (_, e, line) in enumerate(lines[1:60], start=1):
            if line.strip() in ("---", "..."):
                return i + 1, meta, e
            if ":" in line and not line.startswith((" ", "\t", "-")):
                k, _, v = line.partition(":")
                meta[k.strip().lower()] = v.strip().strip("\"'")
        return 0, {}, 0
    for i, (_, e, line) in enumerate(lines[:40]):
        if line.strip() == "---":
            if i > 0 and all(_HEADER_LINE.match(l) for _, _, l in lines[:i] if l.strip()):
                for _, _, l in lines[:i]:
                    if l.strip():
                        k, _, v = l.partition(":")
                        meta[k.strip().lower()] = v.strip()
                return i + 1, meta, e
            break
        if line.strip() and not _HEADER_LINE.match(line):
            break
    return 0, {}, 0


def read_text_document(path: str, text: str, encoding: str = "utf-8", markdown: bool = False) -> Document:
    """Split plain text or Markdown into blocks. Offsets are offsets into `text`."""
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw_line in text.splitlines(keepends=True):
        body = raw_line.rstrip("\r\n")
        lines.append((pos, pos + len(body), body))
        pos += len(raw_line)
    first, meta, header_end = _header_end(lines)
    blocks: list[Block] = []
    if first:
        blocks.append(Block(0, header_end, kind="header", zone="header"))
    # paragraphs: runs of non-empty lines
    runs: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    for ln in lines[first:]:
        if ln[2].strip():
            cur.append(ln)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    zone = "body"
    teaser_list = False   # the furniture opened with a teaser list's label
    teasers, one = 0, False   # teased headlines still expected after a "Read more" label
    for run in runs:
        for s, e, kind, line_text in _split_run(run, markdown):
            # (a furniture heading is short: the cheap test first)
            if len(line_text) <= 80 and _TEASER_LABEL.match(line_text):
                blocks.append(Block(s, e, kind="furniture", zone="furniture"))
                # after "Read more:" its one teased headline; after "READ MORE ON …" a few, each
                # a line that ends no sentence
                one = line_text.rstrip().endswith(":")
                teasers = 1 if one else _MAX_TEASERS
                continue
            if teasers and len(line_text.strip()) <= 200 and "\n" not in text[s:e].strip() \
                    and (one or not _SENTENCE_END.search(line_text)):
                blocks.append(Block(s, e, kind="furniture", zone="furniture"))
                teasers -= 1
                continue
            teasers = 0
            if zone == "body" and len(line_text.strip()) <= 60 and _FURNITURE.match(line_text):
                zone = "furniture"
                # (a teaser list, not comments: the story may go on below it)
                teaser_list = _TEASER_SECTION.match(line_text) is not None
            elif zone == "furniture" and teaser_list and len(line_text.strip()) >= 150 \
                    and _SENTENCE_END.search(line_text):
                # a scraped page's "Read More" over teased headlines, then the story's next
                # paragraph: prose again, so the article goes on
                zone, teaser_list = "body", False
            if _BOX_LINE.match(line_text) and (s == e or "\n" not in text[s:e].strip()):
                blocks.append(Block(s, e, kind="furniture", zone="furniture"))
                continue
            # strip leading/trailing whitespace from the block span
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            blocks.append(Block(s, e, kind=kind, zone=zone))
    return Document(path=path, text=text, blocks=tuple(blocks), raw=text, meta=meta, encoding=encoding)


def _split_run(run: list[tuple[int, int, str]], markdown: bool):
    """A run of non-empty lines is one paragraph when hard-wrapped, else one block per line."""
    if len(run) == 1:   # one line is one block whatever it is, unless a Markdown heading or quote
        s, e, l = run[0]
        # (a '>' line quotes in plain text too; '#' opens a heading only in Markdown)
        if not l.lstrip().startswith(">") and (not markdown or not l.lstrip().startswith("#")):
            yield s, e, "p", l
            return
    if any(SIGNATURE.match(l) for _, _, l in run):   # an embedded post: one block per line
        for s, e, l in run:
            yield s, e, "p", l
        return
    if all(l.lstrip().startswith(">") for _, _, l in run):
        # (a plain-text newsletter or an email quotes with '>' as Markdown does)
        yield run[0][0], run[-1][1], "blockquote", run[0][2]
        return
    if markdown:
        if run[0][2].lstrip().startswith("#") and len(run) == 1:
            yield run[0][0], run[0][1], "heading", run[0][2]
            return
        if not any(l.lstrip().startswith(("- ", "* ", "+ ", "#", ">")) for _, _, l in run):
            yield run[0][0], run[-1][1], "p", run[0][2]
            return
    if len(run) > 1 and _hard_wrapped(run):
        yield run[0][0], run[-1][1], "p", run[0][2]
        return
    for s, e, l in run:
        yield s, e, "p", l


def _hard_wrapped(run: list[tuple[int, int, str]]) -> bool:
    """Lines of similar width that end mid-sentence read as one wrapped paragraph."""
    inner = [l for _, _, l in run[:-1]]
    if not all(40 <= len(l) <= 100 for l in inner):
        return False
    mid_sentence = sum(1 for l in inner if not l.rstrip().endswith((".", "!", "?", ":", "”", '"')))
    return mid_sentence >= max(1, len(inner) // 2)
