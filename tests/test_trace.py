"""Provenance across articles: families, `via` links, syndication, and the dot/prov/json/text outputs.

The chain fixture (fixtures/provenance/chain, source in fixtures/provenance/sources):
a.md alters one word of the mayor's sentence ("fee" for "tax"); b.txt (dated after a) and c.txt
(no date) print a's alteration; d.html quotes the source faithfully; e.html is the same wire story
as d.html, published the next morning.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from verify.pipeline import Pipeline
from verify.trace import Family, Provenance, trace

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures" / "provenance"
SOURCES = FIX / "sources"


def _trace(*folders: str) -> Provenance:
    pipe = Pipeline.from_dir(SOURCES)
    return trace(list(pipe.check_paths([str(FIX / f) for f in folders])))


def _family_with(prov: Provenance, name: str) -> Family:
    fams = [f for f in prov.families if any(o.path.endswith(name) for o in f.occurrences)]
    assert len(fams) == 1, [f.id for f in fams]
    return fams[0]


def _occ(fam: Family, name: str):
    return next(o for o in fam.occurrences if o.path.endswith(name))


@pytest.fixture(scope="module")
def chain() -> Provenance:
    return _trace("chain")


def test_chain_groups_all_five_articles(chain: Provenance) -> None:
    fam = _family_with(chain, "a.md")
    assert fam.verified and fam.source_id == "marsh-2026-03-02-libraries"
    assert {Path(o.path).name for o in fam.occurrences} == {"a.md", "b.txt", "c.txt", "d.html", "e.html"}
    assert fam.source_text.startswith("We will keep every public library")
    verdicts = {v.verdict: set(Path(p).name for p in v.paths) for v in fam.variants}
    assert verdicts == {"altered": {"a.md", "b.txt", "c.txt"}, "exact": {"d.html", "e.html"}}
    assert len(fam.links) == len(fam.occurrences)
    # another sentence of the same briefing is another statement
    other = next(f for f in chain.families if f is not fam)
    assert other.source_text.startswith("Nobody in this city") and other.source_id == fam.source_id


def test_chain_links(chain: Provenance) -> None:
    fam = _family_with(chain, "a.md")
    a, b, c, d, e = (_occ(fam, n) for n in ("a.md", "b.txt", "c.txt", "d.html", "e.html"))
    la, lb, lc, ld, le = (fam.link_of(o.id) for o in (a, b, c, d, e))
    # A: the alteration starts here
    assert (la.kind, la.parent) == ("origin", None)
    # B copied A: dated after it, the shared alteration is the evidence
    assert (lb.kind, lb.parent, lb.directed) == ("copy", a.id, True)
    assert lb.shared == ("“fee” for “tax”",)
    assert any("fee" in ev for ev in lb.evidence)
    # C shares A's alteration but has no date: linked, undirected, and says why
    assert (lc.kind, lc.parent, lc.directed) == ("copy", a.id, False)
    assert "no publication date" in lc.note and "c.txt" in lc.note
    assert c.date.origin == "file mtime" and not c.date.known
    # D quoted the source; E is D's syndicated copy
    assert (ld.kind, ld.parent) == ("source", None)
    assert (le.kind, le.parent, le.directed) == ("syndicated", d.id, True)
    [group] = chain.syndication
    assert [Path(p).name for p in group.paths] == ["d.html", "e.html"]
    assert group.original == d.path and group.similarity > 0.9


def test_chain_dates_from_each_kind_of_metadata(chain: Provenance) -> None:
    got = {Path(p).name: (d.value, d.origin) for p, d in chain.dates.items()}
    assert got["a.md"] == ("2026-03-02", "front matter")
    assert got["b.txt"] == ("2026-03-03", "header")
    assert got["d.html"] == ("2026-03-02T18:30:00+00:00", "json-ld")
    assert got["e.html"] == ("2026-03-03T07:05:00+00:00", "meta")


def test_same_date_is_a_tie_not_a_direction() -> None:
    prov = _trace("ties")
    fam = _family_with(prov, "t1.txt")
    t1, t2 = _occ(fam, "t1.txt"), _occ(fam, "t2.txt")
    l1, l2 = fam.link_of(t1.id), fam.link_of(t2.id)
    assert (l2.kind, l2.parent, l2.directed) == ("copy", t1.id, False)
    assert "same date" in l2.note
    assert l1.kind == "origin" and "t2.txt" in l1.note   # t1 does not claim to be first
    assert prov.syndication == ()                           # two stories, not one


def _pipe_reports(tmp_path: Path, articles: dict[str, str]):
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    pipe = Pipeline.from_dir(SOURCES)
    return list(pipe.check_paths([str(tmp_path)]))


def test_no_dates_at_all_links_are_undirected(tmp_path: Path) -> None:
    alt = ('"We will keep every public library in this city open through the winter, and we will pay for it '
           'without raising one tax," said Helena Marsh.')
    prov = trace(_pipe_reports(tmp_path, {
        "x.txt": "Libraries\n\nThe city council met on Tuesday night.\n\n" + alt + "\n",
        "y.txt": "In brief\n\nThe mayor spoke to reporters about the winter budget.\n\n" + alt + "\n",
    }))
    fam = _family_with(prov, "x.txt")
    assert fam.earliest is None
    x, y = _occ(fam, "x.txt"), _occ(fam, "y.txt")
    ly = fam.link_of(y.id)
    assert (ly.kind, ly.parent, ly.directed) == ("copy", x.id, False)
    assert "no publication date" in ly.note


def test_no_source_family_names_majority_and_earliest() -> None:
    prov = _trace("nosource")
    fam = _family_with(prov, "n3.txt")
    assert not fam.verified and fam.source_id is None
    assert {Path(o.path).name for o in fam.occurrences} == {"n1.txt", "n2.txt", "n3.txt", "n4.txt"}
    assert fam.majority.startswith("the bridge will reopen to traffic before the end of the summer, and the toll")
    assert not fam.majority_tie and len(fam.variants[0].paths) == 2
    assert fam.occurrence(fam.earliest).path.endswith("n1.txt")
    n2 = _occ(fam, "n2.txt")
    assert fam.link_of(n2.id).kind == "same-wording" and fam.link_of(n2.id).directed


def test_unrelated_statements_sharing_a_phrase_do_not_merge(tmp_path: Path) -> None:
    one = "\"The bridge will reopen before the end of the summer, and the toll will stay at two dollars,\" said Ruth Okafor."
    two = ("\"Nobody should expect the ferry timetable to change before the end of the summer, whatever the "
           "council decides,\" said Ruth Okafor.")
    prov = trace(_pipe_reports(tmp_path, {
        "p.txt": "date: 2026-05-01\n---\nBridge\n\n" + one + "\n\n" + two + "\n",
        "q.txt": "date: 2026-05-02\n---\nFerry and bridge\n\nAnother paper, other words.\n\n" + two + "\n\n" + one + "\n",
    }))
    assert len(prov.families) == 2
    for fam in prov.families:
        assert len(fam.variants) == 1 and len(fam.occurrences) == 2


def test_no_single_linkage_chaining(tmp_path: Path) -> None:
    """A short phrase contained in two different longer statements joins one of them, and the two
    long statements stay apart."""
    long1 = "\"We will repair the harbour wall before the storms come back in October,\" said Ruth Okafor."
    long2 = "\"We will repair the harbour wall before we build a single new marina berth,\" said Ruth Okafor."
    short = "Okafor said the council \"will repair the harbour wall before\" anything else."
    prov = trace(_pipe_reports(tmp_path, {
        "r.txt": "date: 2026-05-01\n---\nWall\n\n" + long1 + "\n",
        "s.txt": "date: 2026-05-02\n---\nBerths\n\n" + long2 + "\n",
        "t.txt": "date: 2026-05-03\n---\nBrief\n\n" + short + "\n",
        "u.txt": "date: 2026-05-04\n---\nAgain\n\nThe council repeated it. " + long1 + "\n",
    }))
    fams = [{Path(o.path).name for o in f.occurrences} for f in prov.families if not f.verified]
    assert any("t.txt" in f for f in fams)                 # the short phrase joins one family …
    assert not any({"r.txt", "s.txt"} <= f for f in fams)  # … without bridging the two statements


# -- outputs through the command line ---------------------------------------------------------

def _verify(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("verify", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-m", "verify"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_json_families_next_to_existing_fields() -> None:
    p = _verify("quotes", "fixtures/provenance/chain", "--sources", "fixtures/provenance/sources", "-f", "json")
    assert p.returncode == 1, p.stderr
    out = json.loads(p.stdout)
    assert {"documents", "summary", "families", "syndicated"} <= set(out)
    fam = next(f for f in out["families"] if len({q["path"] for q in f["quotes"]}) == 5)
    via = {Path(v["quote"].rsplit(":", 2)[0]).name: v for v in fam["via"]}
    assert via["b.txt"]["kind"] == "copy" and via["b.txt"]["from"].startswith("fixtures/provenance/chain/a.md")
    assert via["c.txt"]["directed"] is False
    assert via["e.html"]["kind"] == "syndicated"
    assert fam["source"]["id"] == "marsh-2026-03-02-libraries"


def test_text_has_a_section_per_statement() -> None:
    p = _verify("quotes", "fixtures/provenance/nosource", "fixtures/provenance/chain",
                "--sources", "fixtures/provenance/sources", "--fail-on", "none")
    assert p.returncode == 0, p.stderr
    section = p.stdout.split("\nStatements")[1]
    assert "source: “We will keep every public library" in section
    assert "copied from fixtures/provenance/chain/a.md:11:2 (shared: “fee” for “tax”)" in section
    assert "syndicated copy of fixtures/provenance/chain/d.html" in section
    assert "not verified against a primary source" in section
    assert "most printed: “The bridge will reopen to traffic before the end of the summer, and the toll" in section
    assert "earliest dated:" in section and "n1.txt (2026-05-10)" in section


def test_prov_export_reads_back_with_the_prov_library() -> None:
    from prov.model import ProvDerivation, ProvDocument

    p = _verify("quotes", "fixtures/provenance/chain", "--sources", "fixtures/provenance/sources", "-f", "prov")
    assert p.returncode == 1, p.stderr
    doc = ProvDocument.deserialize(content=p.stdout, format="json")
    derivations = [r for r in doc.get_records(ProvDerivation)]
    types = {str(v) for r in derivations for k, v in r.attributes if str(k) == "prov:type"}
    assert {"prov:Quotation", "prov:PrimarySource"} <= types
    kinds = {str(v) for r in derivations for k, v in r.attributes if str(k) == "verify:kind"}
    assert {"copy", "syndicated", "altered"} <= kinds
    from prov.model import ProvAlternate

    [alt] = doc.get_records(ProvAlternate)          # c.txt and a.md: related, order unknown
    assert {str(v) for _, v in alt.attributes} == {"verify:quote_fixtures_provenance_chain_c.txt_6_2",
                                                    "verify:quote_fixtures_provenance_chain_a.md_11_2"}


def test_dot_golden() -> None:
    """The derivation graph as a reviewer reads it in the diff (UPDATE_GOLDEN=1 rewrites)."""
    p = _verify("quotes", "fixtures/provenance/chain", "--sources", "fixtures/provenance/sources", "-f", "dot")
    assert p.returncode == 1, p.stderr
    golden = FIX / "chain.dot"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(p.stdout)
    assert p.stdout == golden.read_text()
    assert '[label="copy: “fee” for “tax”", dir=none, style=dashed]' in p.stdout   # c.txt: undirected


def test_a_reported_finding_finds_its_family_and_via(chain: Provenance) -> None:
    pipe = Pipeline.from_dir(SOURCES)
    [report] = list(pipe.check_paths([str(FIX / "chain" / "b.txt")]))
    fam = chain.family_of(report.findings[0])
    assert fam is not None and fam.source_id == "marsh-2026-03-02-libraries"
    from verify.trace import occurrence_id, via_text

    link = fam.link_of(occurrence_id(report.findings[0]))
    assert via_text(link, lambda oid: Path(oid).name) == "copied from a.md:11:2 (shared: “fee” for “tax”)"
