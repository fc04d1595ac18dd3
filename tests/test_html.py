"""HTML articles: the body and its blocks, embedded posts, furniture set apart, and offsets that
point into the HTML file itself (character references included)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from conftest import INPUT
from verify.find import find_quotations
from verify.html import read_html, status_meta
from verify.pipeline import Pipeline

EMBED = INPUT / "embed.html"


@pytest.fixture(scope="module")
def report():
    from verify.read import read_document

    return Pipeline.from_dir().check(read_document(EMBED))


def test_body_blocks_and_furniture() -> None:
    raw = EMBED.read_text(encoding="utf-8")
    doc = read_html(str(EMBED), raw)
    body = [doc.text[b.start:b.end] for b in doc.blocks if b.zone == "body"]
    furniture = " ".join(doc.text[b.start:b.end] for b in doc.blocks if b.zone == "furniture")
    assert body[0] == "Prison offer draws questions in Washington"
    assert [b.kind for b in doc.blocks if b.zone == "body"][:1] == ["heading"]
    assert any(b.kind == "embed" for b in doc.blocks) and any(b.kind == "blockquote" for b in doc.blocks)
    for teaser in ("A headline quote in a teaser", "best politics newsletter", "reader’s and must not count",
                   "Journalism you can trust", "“World” news"):
        assert teaser in furniture and not any(teaser in t for t in body)
    assert "not a quotation in a script" not in doc.text and "::before" not in doc.text
    assert doc.meta["title"] == "Prison offer draws questions in Washington"
    # every body character maps back to the file character (or reference) it came from
    for b in doc.blocks:
        for i in range(b.start, b.end):
            ch, at = doc.text[i], doc.origin[i]
            if raw[at] == "&":
                assert html.unescape(raw[at:raw.index(";", at) + 1]) == ch
            elif raw[at] == "<":     # the marks <q> and </q> stand for
                assert ch in "“”" and raw[at:at + 3] in ("<q>", "</q")
            elif not ch.isspace():
                assert raw[at] == ch, (i, ch, raw[at - 5:at + 5])


def test_quotations_offsets_slice_the_html(report) -> None:
    raw = EMBED.read_text(encoding="utf-8")
    texts = []
    for f in report.findings:
        q = f.quotation
        piece = raw[q.file_start:q.file_end]
        assert " ".join(html.unescape(piece).split()) == " ".join(q.text.split()), q
        before = raw[:q.file_start]
        assert (q.line, q.column) == (before.count("\n") + 1, q.file_start - before.rfind("\n"))
        texts.append(q.text)
    assert "Nobody here has seen the terms…" in texts
    last = report.findings[texts.index("Nobody here has seen the terms…")].quotation
    assert raw[last.file_start:last.file_end].endswith("terms&hellip;")   # the whole reference
    assert not any("teaser" in t or "reader" in t or "trust" in t or "newsletter" in t for t in texts)


def test_embedded_post(report) -> None:
    embeds = [f for f in report.findings if f.quotation.kind == "embed"]
    assert len(embeds) == 1
    q = embeds[0].quotation
    assert q.text.startswith("Yes, we'll gladly take him in.")
    assert q.speaker == "Nayib Bukele"
    assert q.embed["handle"] == "@nayibbukele" and q.embed["date"] == "February 4, 2025"
    assert q.embed["url"].startswith("https://twitter.com/nayibbukele/status/1886822734405087712")
    assert q.embed["id"] == "1886822734405087712"
    assert q.embed["created"] == "2025-02-04T17:02:50.010Z"
    assert embeds[0].verdict == "exact" and embeds[0].source.id == "bukele-x-2025-02-04-reply"


def _quotations_and_post(name: str, raw: str):
    """(kind, text) of every quotation found on the page, and its first embedded post."""
    found = find_quotations(read_html(name, raw))
    return [(q.kind, q.text) for q in found], next(q for q in found if q.kind == "embed")


def test_an_instagram_embed_is_a_post_signed_by_its_shared_by_line() -> None:
    """Instagram's embed code: the caption, then "A post shared by Name (@handle)", which is its
    signature, not a second post."""
    raw = ('<html><body><article><p>He took to Instagram:</p><blockquote class="instagram-media" '
           'data-instgrm-permalink="https://www.instagram.com/p/C9x/"><div><p>A dream come true! Proud to be '
           'here.</p><p><a href="https://www.instagram.com/p/C9x/">A post shared by Mateus Ferraz '
           '(@mateus.ferraz9)</a></p></div></blockquote><p>He starts on Sunday.</p></article></body></html>')
    doc = read_html("ig.html", raw)
    embeds = [q for q in find_quotations(doc) if q.kind == "embed"]
    assert [q.text for q in embeds] == ["A dream come true! Proud to be here."]
    assert embeds[0].embed["author"] == "Mateus Ferraz" and embeds[0].embed["handle"] == "@mateus.ferraz9"
    assert raw[embeds[0].file_start:embeds[0].file_end] == "A dream come true! Proud to be here."


def test_a_linkedin_embed_is_a_post_credited_by_the_line_introducing_it(tmp_path: Path) -> None:
    """LinkedIn's embed: a post (its "…" is the embed's cut, not an omission), whose signature
    names no account, so the line introducing it says whose it is."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "post.txt").write_text(
        "id: post\nspeaker: Marcus Oyelaran\nkind: post\n---\nOur second runway remains open. But it is shorter, "
        "and it means we can handle roughly 55 per cent of our normal movements. Some flights will be cancelled. "
        "Many will be delayed.\n", encoding="utf-8")
    raw = ("<html><body><article><p>The airport's chief executive, Marcus Oyelaran, set out the problem on "
           "LinkedIn:</p><blockquote class=\"linkedin-embed\"><p>Our second runway remains open. But it is shorter, "
           "and it means we can handle roughly 55 per cent of our normal movements. Some flights will be cancelled. "
           "Many will be…</p>&mdash; Marcus Oyelaran, Chief Executive (LinkedIn) March 12, 2029</blockquote>"
           "<p>Airlines are cutting schedules.</p></article></body></html>")
    page = tmp_path / "page.html"
    page.write_text(raw, encoding="utf-8")
    fs = Pipeline.from_dir(tmp_path / "src", brute_force=True).check(read_html(str(page), raw)).findings
    assert [(f.quotation.kind, f.quotation.speaker, f.verdict) for f in fs] == [("embed", "Marcus Oyelaran", "truncated")]


def _zones(raw: str) -> dict[str, str]:
    """Each block's text of the page `raw`, and its zone (body, furniture …)."""
    doc = read_html("page.html", raw)
    return {doc.text[b.start:b.end]: b.zone for b in doc.blocks}


def test_a_live_ticker_beside_the_article_is_read() -> None:
    """A trade paper's live ticker (<aside class="live-ticker">) outside the one <article>: its
    entries are the story's news, not the site's furniture; a related-links aside still is."""
    raw = ('<html><body><nav><a href="/">Home</a></nav><aside class="live-ticker"><ol><li>13:14 GMT The employers '
           'call on the union to "suspend this strike while talks take place".</li></ol></aside>'
           '<aside class="related"><p>Read: "Ports brace for a long summer"</p></aside>'
           '<article><h1>Rotterdam strike enters second day</h1><p>The port is quiet.</p></article></body></html>')
    zones = _zones(raw)
    assert zones['13:14 GMT The employers call on the union to "suspend this strike while talks take place".'] == "body"
    assert zones['Read: "Ports brace for a long summer"'] == "furniture"


def test_the_pages_own_classes_do_not_make_the_article_furniture() -> None:
    """<body class="article-page subscriber-only"> (a paywall's flag, not a "subscribe" box) and
    <main class="has-sidebar"> hold the article: its paragraphs are the body; a sidebar inside
    them still is furniture."""
    raw = ('<html><body class="article-page subscriber-only"><main class="main has-sidebar"><article class="story">'
           '<h1>Farmers dig in</h1><p>"Agriculture is not a bargaining chip," she said.</p></article>'
           '<div class="sidebar"><p>Most read: "Beet growers fear duty-free sugar"</p></div></main></body></html>')
    zones = _zones(raw)
    assert zones['"Agriculture is not a bargaining chip," she said.'] == "body"
    assert zones['Most read: "Beet growers fear duty-free sugar"'] == "furniture"


def test_a_newsletters_own_issue_is_the_article_and_its_sign_up_box_furniture() -> None:
    """<article class="newsletter-issue"> (a morning newsletter's issue) holds the article; a
    "newsletter-signup" box inside the page is still furniture."""
    raw = ('<html><body class="newsletter newsletter--morning-tech"><article class="newsletter-issue">'
           '<div class="newsletter-issue__body"><p>Okonjo came ready to concede. "That responsibility rests with me," '
           'he said.</p></div></article><div class="newsletter-signup"><p>Get "Morning Tech" in your inbox</p></div>'
           '</body></html>')
    zones = _zones(raw)
    assert zones['Okonjo came ready to concede. "That responsibility rests with me," he said.'] == "body"
    assert zones['Get "Morning Tech" in your inbox'] == "furniture"


def test_a_standfirst_outside_the_marked_article_body_is_the_storys() -> None:
    """A page that marks its body with itemprop="articleBody" sets the standfirst (<p class="dek">)
    between the headline and that body: the story's summary, as the headline is, not the site's;
    the byline beside it stays furniture."""
    raw = ('<html><body><article class="story"><h1>CEO apologizes</h1><p class="dek">He called his remarks “wrong” and '
           '“cruel” and promised more.</p><div class="byline-block"><span class="byline">By Priya Raman</span></div>'
           '<div itemprop="articleBody"><p>AUSTIN — “That was wrong,” the founder wrote.</p></div></article></body></html>')
    zones = _zones(raw)
    assert zones["He called his remarks “wrong” and “cruel” and promised more."] == "body"
    assert zones["By Priya Raman"] == "furniture"


def test_a_post_embedded_in_a_social_figure_is_the_storys() -> None:
    """<figure class="embed embed--social"> around an X post's blockquote (a BBC-style embed, with
    its 'Skip X post by …' link) holds the post, not share buttons: the post is read."""
    raw = ('<html><body><article><h1>Inquest</h1><p>The minister posted her reaction.</p>'
           '<figure class="embed embed--social"><a class="skip-embed" href="#end">Skip X post by Sarah Quen-Nell MP</a>'
           '<blockquote class="twitter-tweet"><p>My thoughts are with the family today.</p>&mdash; Sarah Quen-Nell MP '
           '(@SarahQuennellMP) <a href="https://x.com/SarahQuennellMP/status/1801962254417305621">June 15, 2028</a>'
           '</blockquote><span id="end">End of X post by Sarah Quen-Nell MP</span></figure>'
           '<div class="social-share"><p>Share this “story”</p></div></article></body></html>')
    zones = _zones(raw)
    assert zones["My thoughts are with the family today."] == "body"
    assert zones["Share this “story”"] == "furniture"


def test_a_bluesky_embed_is_a_post_signed_by_its_author() -> None:
    """Bluesky's embed code (blockquote.bluesky-embed): the post, then '— Name (@name.bsky.social)
    <date> at <time>'."""
    raw = ('<html><body><article><p>He posted his doubts:</p><blockquote class="bluesky-embed" '
           'data-bluesky-uri="at://did:plc:x/app.bsky.feed.post/3kq"><p lang="en">Cool data, but I am not convinced '
           'yet.</p>&mdash; Miguel Aran-Cibia (<a href="https://bsky.app/profile/did:plc:x">@marancibia.bsky.social'
           '</a>) <a href="https://bsky.app/profile/did:plc:x/post/3kq">March 8, 2028 at 12:41 PM</a></blockquote>'
           '<p>He was firm.</p></article></body></html>')
    found, q = _quotations_and_post("bsky.html", raw)
    assert found == [("embed", "Cool data, but I am not convinced yet.")]
    assert q.embed["author"] == "Miguel Aran-Cibia" and q.embed["handle"] == "@marancibia.bsky.social"


def test_a_facebook_embed_is_a_post_signed_by_its_posted_by_line() -> None:
    """Facebook's embed code: the post's text, then "Posted by Name on <date>", its signature."""
    raw = ('<html><body><article><p>Here is their post:</p><div class="fb-post" data-href="https://www.facebook.com/'
           'AlderCreekEA/posts/1"><blockquote cite="https://www.facebook.com/AlderCreekEA/posts/1" '
           'class="fb-xfbml-parse-ignore"><p>Tonight the Board voted 4-1 to adopt the policy.</p>Posted by '
           '<a href="https://www.facebook.com/AlderCreekEA">Alder Creek Education Association</a> on&nbsp;'
           '<a href="https://www.facebook.com/AlderCreekEA/posts/1">Tuesday, October 12, 2027</a></blockquote>'
           '</div><p>The vote was close.</p></article></body></html>')
    found, q = _quotations_and_post("fb.html", raw)
    assert found == [("embed", "Tonight the Board voted 4-1 to adopt the policy.")]
    assert q.embed["author"] == "Alder Creek Education Association" and q.embed["date"] == "October 12, 2027"


def test_a_pull_quotes_cite_names_its_speaker() -> None:
    """<aside class="pull-quote"><blockquote><p>“…”</p><cite>Tempest coach Marcus Ridley</cite>:
    the cite is a line of its own, not the quotation's words, and names who said it."""
    raw = ('<html><body><article><p>Ridley was brief after the game.</p><aside class="pull-quote"><blockquote>'
           '<p>“He doesn’t need to say much. He just plays.”</p><cite>Tempest coach Marcus Rid-Ley</cite>'
           '</blockquote></aside><p>The series resumes on Thursday.</p></article></body></html>')
    r = Pipeline.from_dir().check(read_html("pq.html", raw))
    got = [(f.quotation.text, f.quotation.speaker) for f in r.findings]
    assert got == [("He doesn’t need to say much. He just plays.", "Marcus Rid-Ley")]


def test_q_and_blockquote(report) -> None:
    kinds = {f.quotation.text: f.quotation.kind for f in report.findings}
    assert kinds["agreed to take back all Salvadoran MS-13 gang members"] == "inline"
    block = [t for t, k in kinds.items() if k == "block"]
    assert block == ["It was a tremendously successful meeting that will make both countries stronger, "
                     "safer, and more prosperous."]


@pytest.mark.parametrize("url, expected", [
    ("https://twitter.com/nayibbukele/status/1886822734405087712?ref_src=twsrc%5Etfw",
     {"id": "1886822734405087712", "created": "2025-02-04T17:02:50.010Z"}),
    ("https://x.com/SecRubio/status/1886811111111111111", {"id": "1886811111111111111"}),
    ("https://twitter.com/jack/status/20", {"id": "20"}),       # before snowflake ids: no time
    ("https://t.co/6rUn37xtHy", {}),
    ("", {}),
])
def test_status_meta(url: str, expected: dict) -> None:
    got = status_meta(url)
    assert {k: got[k] for k in expected} == expected and set(got) >= set(expected)
    if expected.get("id") == "20":
        assert "created" not in got


def test_broken_html_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    raw = ("<html><body><article><p>Rubio said <b>“We’re going to work together on this”</i> "
           "<p>Unclosed <div><blockquote>One more “quoted thing” &unknownentity; &#99999999; <")
    doc = read_html("broken.html", raw)
    assert "We’re going to work together on this" in doc.text
    assert "quoted thing" in doc.text
    assert len(doc.origin) == len(doc.text)


def test_charset_and_entities(tmp_path: Path) -> None:
    raw = "<p>Caf&eacute; owner said &#8220;c&#x27;est la vie&#8221; &amp; left.</p>"
    doc = read_html("e.html", raw)
    assert doc.text.strip() == "Café owner said “c'est la vie” & left."


def test_furniture_known_by_its_words_when_no_class_says_so() -> None:
    """Sites without telling class names: a "Leave a Reply" or "You may also like" heading sets
    apart the rest of its container, a newsletter or "RELATED:" paragraph only itself."""
    raw = ("<html><body><div class='content'><p>Rubio said “we will work together” on Monday.</p>"
           "<p><strong>RELATED: “Talks go on,” ministers say</strong></p>"
           "<p>Sign up for our daily newsletter</p>"
           "<p>More text “after the box” here.</p>"
           "<div><h3>Leave a Reply</h3><p>“Great article” says Pat.</p></div>"
           "<p>The article “goes on” here.</p>"
           "<div><h2>You may also like</h2><p>“Teaser quote” headline</p></div></div></body></html>")
    zones = _zones(raw)
    assert zones == {
        "Rubio said “we will work together” on Monday.": "body",
        "RELATED: “Talks go on,” ministers say": "furniture",
        "Sign up for our daily newsletter": "furniture",
        "More text “after the box” here.": "body",
        "Leave a Reply": "furniture",
        "“Great article” says Pat.": "furniture",
        "The article “goes on” here.": "body",
        "You may also like": "furniture",
        "“Teaser quote” headline": "furniture",
    }


def test_blockquote_footer_is_the_attribution_not_furniture() -> None:
    raw = ("<article><p>Rubio spoke on Monday.</p><blockquote><p>No country's ever made an offer of "
           "friendship such as this.</p><footer>&mdash; Marco Rubio, <cite>remarks</cite></footer></blockquote>"
           "</article><footer class='site-footer'><p>“Journalism you can trust”</p></footer>")
    doc = read_html("bq.html", raw)
    got = [(b.kind, b.zone, doc.text[b.start:b.end]) for b in doc.blocks]
    assert got == [("p", "body", "Rubio spoke on Monday."),
                   ("blockquote", "body", "No country's ever made an offer of friendship such as this."),
                   ("p", "body", "— Marco Rubio, remarks"),
                   ("p", "furniture", "“Journalism you can trust”")]


def test_nested_q_gets_single_marks() -> None:
    doc = read_html("q.html", "<p>He said <q>she told me <q>no</q> twice</q>.</p>")
    assert doc.text.strip() == "He said “she told me ‘no’ twice”."


@pytest.mark.parametrize("raw, body", [
    # one <article>: what is outside it is the site's, the headline aside
    ("<div><p>“Outside teaser” says a card</p></div><h1>Headline “quote”</h1>"
     "<article class='story has-share-bar'><p>Rubio said “we will work together” on Monday.</p></article>"
     "<div><p>“Below” the story</p></div>",
     ["Headline “quote”", "Rubio said “we will work together” on Monday."]),
    # schema.org's articleBody wins over several <article> cards
    ("<article><p>“Card one” teaser</p></article><div itemprop='articleBody'><p>Rubio said “yes”.</p></div>"
     "<article><p>“Card two” teaser</p></article>",
     ["Rubio said “yes”."]),
    # several <article>s and no articleBody (a live blog): no scope, everything is read
    ("<article><p>Update: “one”</p></article><article><p>Update: “two”</p></article>",
     ["Update: “one”", "Update: “two”"]),
])
def test_the_article_element_scopes_the_body(raw: str, body: list[str]) -> None:
    doc = read_html("s.html", f"<html><body>{raw}<script>var s = '<article>';</script></body></html>")
    assert [doc.text[b.start:b.end] for b in doc.blocks if b.zone == "body"] == body


def test_a_pull_quote_aside_is_the_articles_own() -> None:
    # <aside class="pull"> repeats a quotation of the article; a plain <aside> stays furniture
    raw = ('<html><body><article><p>"We did not walk away from those talks," he said.</p>'
           '<aside class="pull-quote"><p>&#8220;We did not walk away from those talks.&#8221;</p></aside>'
           '<aside class="related"><p>"Read this next," it says.</p></aside></article></body></html>')
    zones = _zones(raw)
    assert zones["“We did not walk away from those talks.”"] == "body"
    assert zones['"Read this next," it says.'] == "furniture"


def test_a_quotation_ending_in_a_nested_q_ends_after_its_tag() -> None:
    # the ’ printed for the inner </q> is the quotation's last character: its file span takes the
    # whole tag, never stops on its '<'
    raw = "<html><body><article><p>He said <q>no one will be <q>priced out</q></q>.</p></article></body></html>"
    doc = read_html("q.html", raw)
    outer = next(q for q in find_quotations(doc) if q.text.startswith("no one"))
    assert raw[outer.file_start:outer.file_end] == "no one will be <q>priced out</q>"
