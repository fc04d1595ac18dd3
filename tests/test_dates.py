"""An article's date: text headers, front matter, HTML meta / JSON-LD / <time>, else the mtime."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from verify.dates import ArticleDate, compare_dates, document_date, parse_date
from verify.read import read_document


@pytest.mark.parametrize("raw,iso", [
    ("2025-02-03", "2025-02-03"),
    ("2025-02-03T14:05:00Z", "2025-02-03T14:05:00+00:00"),
    ("2025-02-03T14:05:00-05:00", "2025-02-03T14:05:00-05:00"),
    ("February 3, 2025", "2025-02-03"),
    ("Feb. 3, 2025 at 9:41 a.m. EST", "2025-02-03"),
    ("3 February 2025", "2025-02-03"),
    ("Mon, 03 Feb 2025 14:05:00 GMT", "2025-02-03T14:05:00+00:00"),
    ("2025/02/03", "2025-02-03"),
    ("19 mars 2026", "2026-03-19"),
    ("1er août 2024", "2024-08-01"),
    ("12 de abril de 2028", "2028-04-12"),
    ("soon", None),
    ("February 30, 2025", None),
    ("", None),
])
def test_parse_date(raw: str, iso: str | None) -> None:
    assert parse_date(raw) == iso


def test_compare_at_the_coarser_precision() -> None:
    assert compare_dates("2025-02-03", "2025-02-04") == -1
    assert compare_dates("2025-02-03", "2025-02-03T23:00:00+00:00") == 0      # same day: a tie
    assert compare_dates("2025-02-03T10:00:00+00:00", "2025-02-03T09:00:00-05:00") == -1  # 10:00Z < 14:00Z
    assert compare_dates("2025-02-04T01:00:00+00:00", "2025-02-03T22:00:00-05:00") == -1


def _read(tmp_path: Path, name: str, text: str):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return read_document(p)


def test_text_header_and_front_matter(tmp_path: Path) -> None:
    d = document_date(_read(tmp_path, "a.txt", "title: X\ndate: February 3, 2025\n---\nBody text.\n"))
    assert d == ArticleDate("2025-02-03", "header") and d.known
    d = document_date(_read(tmp_path, "b.md", "---\ntitle: X\npublished: 2025-02-04\n---\n# X\n\nBody.\n"))
    assert d == ArticleDate("2025-02-04", "front matter")
    d = document_date(_read(tmp_path, "c.txt", "Headline\nDate: 2025-02-05\n\nBody without a header block.\n"))
    assert d == ArticleDate("2025-02-05", "header")


def test_html_meta_json_ld_and_time(tmp_path: Path) -> None:
    meta = ('<!doctype html><html><head><meta name="description" content="x">'
            '<meta property="article:published_time" content="2025-02-03T14:05:00Z"></head>'
            '<body><p>Body.</p></body></html>')
    assert document_date(_read(tmp_path, "m.html", meta)) == ArticleDate("2025-02-03T14:05:00+00:00", "meta")
    ld = ('<!doctype html><html><head><script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
          '{"@type": "NewsArticle", "datePublished": "2025-02-04"}]}</script>'
          '<script type="application/ld+json">{not json</script></head><body><p>Body.</p></body></html>')
    assert document_date(_read(tmp_path, "l.html", ld)) == ArticleDate("2025-02-04", "json-ld")
    tm = ('<!doctype html><html><body><article><time datetime="2025-02-05T08:00:00+01:00" pubdate>Feb 5</time>'
          '<p>Body.</p></article></body></html>')
    assert document_date(_read(tmp_path, "t.html", tm)) == ArticleDate("2025-02-05T08:00:00+01:00", "time tag")


def test_mtime_is_the_last_resort_and_never_a_known_date(tmp_path: Path) -> None:
    doc = _read(tmp_path, "n.txt", "Just a headline\n\nAnd a body with no date.\n")
    os.utime(tmp_path / "n.txt", (1738540800, 1738540800))   # 2025-02-03T00:00:00Z
    d = document_date(doc)
    assert d == ArticleDate("2025-02-03T00:00:00+00:00", "file mtime")
    assert not d.known and d.label().endswith("(file mtime)")
    bad = _read(tmp_path, "h.html", "<!doctype html><html><head><meta name=date content=whenever></head><body>x</body></html>")
    assert document_date(bad).origin == "file mtime"
