"""The HTML report in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
every quotation is in the DOM with its verdict class, the page fetches nothing, and it fits a
laptop and a phone screen without horizontal scrolling (screenshots at both widths)."""

from __future__ import annotations

import json
import os
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_formats import run_verify  # the CLI in-process (tests/ is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample"
CHAIN = ROOT / "fixtures" / "provenance" / "chain"
CHAIN_SOURCES = ROOT / "fixtures" / "provenance" / "sources"
CHROMIUM = Path("/usr/bin/chromium")
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def _verify(*args: str) -> subprocess.CompletedProcess[str]:
    return run_verify(*args, cwd=ROOT)


def _report(tmp: Path, name: str, *args: str) -> tuple[Path, list[dict]]:
    page = _verify("quotes", *args, "--format", "html")
    assert page.returncode in (0, 1), page.stderr
    data = _verify("quotes", *args, "--format", "json")
    path = tmp / f"{name}.html"
    path.write_text(page.stdout, encoding="utf-8")
    return path, json.loads(data.stdout)["documents"]


class _Refs(HTMLParser):
    """Everything in the markup that would make a browser fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "link", "video", "audio", "source", "object", "embed"):
            self.fetches.append(f"<{tag}>")
        for k in ("src", "srcset", "poster", "background"):
            if a.get(k):
                self.fetches.append(f"{tag} {k}")


def test_the_page_is_self_contained(tmp_path: Path) -> None:
    page, _ = _report(tmp_path, "sample", str(SAMPLE))
    text = page.read_text()
    refs = _Refs()
    refs.feed(text)
    assert refs.fetches == []
    assert "url(" not in text and "@import" not in text


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (a dev dependency) is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def _open(browser, page_path: Path, size: tuple[int, int]):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    return page, requests


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("case", ["sample", "families"])
def test_every_quotation_is_in_the_dom_with_its_verdict(browser, tmp_path: Path, case: str) -> None:
    args = [str(SAMPLE)] if case == "sample" else [str(CHAIN), "--sources", str(CHAIN_SOURCES)]
    path, docs = _report(tmp_path, case, *args)
    page, requests = _open(browser, path, SIZES["desktop"])
    marks = page.evaluate("""() => Array.from(document.querySelectorAll('mark.q')).map(m => ({
        id: m.id, cls: m.className, verdict: m.dataset.verdict, text: m.textContent}))""")
    cards = page.evaluate("""() => Array.from(document.querySelectorAll('article.card')).map(c => ({
        id: c.id, cls: c.className, verdict: c.dataset.verdict, text: c.textContent}))""")
    by_id = {m["id"]: m for m in marks}
    card_by_id = {c["id"]: c for c in cards}
    n = 0
    for k, doc in enumerate(docs):
        for i, q in enumerate(doc["quotes"]):
            n += 1
            m = by_id.get(f"q{k}-{i}")
            assert m is not None, (doc["path"], q["text"])
            assert f"v-{q['verdict']}" in m["cls"].split() and m["verdict"] == q["verdict"]
            words = " ".join(q["text"].split())
            shown = " ".join(m["text"].split())
            assert words.startswith(shown) and len(shown) >= min(len(words), 10), (shown, words)
            c = card_by_id[f"card-q{k}-{i}"]
            assert c["verdict"] == q["verdict"] and f"v-{q['verdict']}" in c["cls"].split()
            if q["source"]:
                assert q["source"]["id"] in c["text"]
            if q["verdict"] == "altered":
                assert "fails" in c["cls"].split() and "difference" in c["text"]
    assert n == len(cards) == len({m["id"].split("-")[0] + "-" + m["id"].split("-")[1] for m in marks})
    # the word-level difference of an altered quotation: the source's word struck, the printed one marked
    if case == "families":
        diff = page.evaluate("""() => Array.from(document.querySelectorAll('article.card.v-altered dd.diff'))
                                 .map(d => [Array.from(d.querySelectorAll('del')).map(x => x.textContent),
                                            Array.from(d.querySelectorAll('ins')).map(x => x.textContent)])""")
        assert diff and all(("tax" in " ".join(d) and "fee" in " ".join(i)) for d, i in diff)
        fams = page.evaluate("() => Array.from(document.querySelectorAll('#families .family h3')).map(h => h.textContent)")
        assert len(fams) == 2 and all("marsh-2026-03-02-libraries" in f for f in fams)
        links = page.evaluate("() => Array.from(document.querySelectorAll('article.card dd a[href^=\"#fam-\"]')).length")
        assert links == n
    assert all(u.startswith("file://") for u in requests), requests


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("case", ["sample", "families"])
def test_fits_laptop_and_phone_without_horizontal_overflow(browser, tmp_path: Path, size: str, case: str) -> None:
    args = [str(SAMPLE)] if case == "sample" else [str(CHAIN), "--sources", str(CHAIN_SOURCES)]
    path, _ = _report(tmp_path, case, *args)
    page, _ = _open(browser, path, SIZES[size])
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert inner == SIZES[size][0]
    assert width <= inner, f"{size}: page is {width}px wide in a {inner}px window"
    shots = Path(os.environ.get("VERIFY_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    shot = shots / f"{case}-{size}.png"
    page.screenshot(path=str(shot))
    assert _png_size(shot) == SIZES[size]
    page.screenshot(path=str(shots / f"{case}-{size}-full.png"), full_page=True)
    # no element sticks out of the page either (overflow hidden inside a box still reads badly)
    wide = page.evaluate("""() => Array.from(document.querySelectorAll('body *'))
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className)""")
    assert wide == [], wide
    # the check can fail: a wide element does overflow the phone screen
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<div style=\"width:2000px\">x</div>')")
    assert page.evaluate("document.documentElement.scrollWidth") > inner


def test_card_links_the_source_and_its_capture(tmp_path: Path) -> None:
    """A source fetched by verify names its WARC capture; the card shows the record, the date and
    the payload digest, and links the source's address."""
    src = tmp_path / "sources"
    src.mkdir()
    (src / "mayor.txt").write_text(
        "id: city-2026-01-05-budget\nurl: https://city.example.org/news/budget\nspeaker: Dana Reyes\n"
        "kind: statement\npublished: 2026-01-05\n"
        "capture: verify-00001.warc.gz <urn:uuid:6f1c0d5e-1111-4c9b-9d1e-0123456789ab>\n"
        "captured: 2026-01-06T09:15:00Z\ncapture-uri: https://city.example.org/news/budget\n"
        "digest: sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ\n---\n"
        "The budget keeps every branch library open and adds evening hours in the winter.\n")
    (tmp_path / "a.md").write_text("# Budget\n\nThe mayor, Dana Reyes, said the plan “keeps every branch library "
                                   "open and adds morning hours in the winter.”\n")
    p = _verify("quotes", str(tmp_path / "a.md"), "--sources", str(src), "--format", "html")
    assert p.returncode == 1, p.stderr
    card = p.stdout[p.stdout.index('<article class="card v-altered'):]
    card = card[:card.index("</article>")]
    assert '<a href="https://city.example.org/news/budget"' in card
    assert "verify-00001.warc.gz" in card and "urn:uuid:6f1c0d5e-1111-4c9b-9d1e-0123456789ab" in card
    assert "captured 2026-01-06T09:15:00Z" in card and "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ" in card
    assert "<del>evening</del> <ins>morning</ins>" in card
