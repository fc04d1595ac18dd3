"""The persistent source index: a real sqlite file, kept in step with the sources folder."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from verify.index import DF_CUTOFF, IndexedSources, SourceStore, gram_keys
from verify.match import quote_tokens
from verify.pipeline import Pipeline
from verify.report.json import finding_dict

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample"


def _write(folder: Path, sid: str, text: str, speaker: str = "Ana Ruiz") -> Path:
    p = folder / f"{sid}.txt"
    p.write_text(f"id: {sid}\nspeaker: {speaker}\nkind: statement\n---\n{text}\n", encoding="utf-8")
    return p


def _qt(text: str):
    return quote_tokens([(0, text)])


def _ids(index: IndexedSources, text: str) -> list[str]:
    return [t.source.id for t in index.candidates(_qt(text))]


@pytest.fixture()
def library(tmp_path: Path) -> Path:
    src = tmp_path / "sources"
    src.mkdir()
    _write(src, "harbor", "The new harbor in Valparaiso will open in March. Fishing crews will pay no fee.")
    _write(src, "rail", "We will not close the night trains to Bergen before the winter is over.", "Jon Berg")
    _write(src, "clinic", "Every rural clinic in Sonora gets two more nurses this year.", "Ana Ruiz")
    return src


def test_indexed_matcher_agrees_with_brute_force_on_the_sample(tmp_path: Path) -> None:
    indexed = Pipeline.from_dir(None, index_path=tmp_path / "i.sqlite")
    brute = Pipeline.from_dir(None, brute_force=True)
    a = [finding_dict(f) for r in indexed.check_paths([str(SAMPLE)]) for f in r.findings]
    b = [finding_dict(f) for r in brute.check_paths([str(SAMPLE)]) for f in r.findings]
    assert len(a) == len(b) > 10
    key = lambda d: (d["text"], d["verdict"], d["speaker"], d["source"], d["source_text"], d["diff"])
    assert [key(d) for d in a] == [key(d) for d in b]


def test_candidates_come_from_rare_grams_and_exact_fast_path(library: Path, tmp_path: Path) -> None:
    store = SourceStore.sync(tmp_path / "i.sqlite", library)
    index = IndexedSources(store)
    # verbatim: only the source holding the words is handed to the alignment
    assert _ids(index, "will not close the night trains to Bergen") == ["rail"]
    # altered wording still finds its source through the grams it kept
    assert _ids(index, "Every rural clinic in Sonora gets three more doctors")[0] == "clinic"
    assert _ids(index, "Nothing like any of these words appears anywhere") == []


def test_the_index_is_a_real_sqlite_file_opened_read_only(library: Path, tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    SourceStore.sync(path, library)
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == 3
    assert db.execute("SELECT count(*) FROM postings").fetchone()[0] > 20
    reader = SourceStore(path)
    with pytest.raises(sqlite3.OperationalError):
        reader.db.execute("DELETE FROM sources")
    # a reader maps the file (workers share the system's copy of its pages); the writer does not
    assert reader.db.execute("PRAGMA mmap_size").fetchone()[0] > 0
    assert SourceStore(path, readonly=False).db.execute("PRAGMA mmap_size").fetchone()[0] == 0


def test_a_reader_recovers_the_journal_of_a_writer_killed_mid_write(library: Path, tmp_path: Path) -> None:
    import signal

    path = tmp_path / "i.sqlite"
    SourceStore.sync(path, library)
    before = sqlite3.connect(path).execute("SELECT count(*) FROM postings").fetchone()[0]
    pid = os.fork()
    if pid == 0:   # a writer that dies with its transaction's pages in the file: a hot journal
        try:
            db = sqlite3.connect(path)
            db.execute("PRAGMA cache_size=1")
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM postings")
            db.execute("UPDATE sources SET data = data")
        finally:
            os.kill(os.getpid(), signal.SIGKILL)
    os.waitpid(pid, 0)
    assert Path(f"{path}-journal").exists()
    # a worker given a prepared config opens the index read-only, before any writer has
    reader = SourceStore(path)
    assert reader.db.execute("SELECT count(*) FROM postings").fetchone()[0] == before
    assert not Path(f"{path}-journal").exists() or Path(f"{path}-journal").stat().st_size == 0
    assert _ids(IndexedSources(reader), "Every rural clinic in Sonora gets two more nurses")[0] == "clinic"


def test_changed_added_and_removed_files_are_applied_incrementally(library: Path, tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    SourceStore.sync(path, library)
    inode = path.stat().st_ino
    _write(library, "port", "Cargo at the port of Gdansk doubled in the spring quarter.")
    (library / "harbor.txt").unlink()
    p = _write(library, "rail", "We will close the night trains to Bergen after the winter storms.", "Jon Berg")
    os.utime(p, ns=(p.stat().st_atime_ns, p.stat().st_mtime_ns + 10_000_000))
    store = SourceStore.sync(path, library)
    assert path.stat().st_ino == inode          # updated in place, not rebuilt
    index = IndexedSources(store)
    assert _ids(index, "Cargo at the port of Gdansk doubled") == ["port"]
    assert _ids(index, "The new harbor in Valparaiso will open in March") == []
    assert index.candidates(_qt("close the night trains to Bergen after the winter storms"))[0].source.text.startswith(
        "We will close")
    assert store.count() == 3


def test_an_unchanged_folder_is_known_by_its_scan_and_any_edit_still_seen(library: Path, tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    SourceStore.sync(path, library)
    digest = SourceStore(path).meta("scan")
    assert digest
    with sqlite3.connect(path) as db:   # a row of files the next sync would rewrite if it read them
        db.execute("UPDATE files SET size = size + 1000 WHERE path LIKE '%clinic.txt'")
    SourceStore.sync(path, library)      # same files, same digest: the table is not read
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT size FROM files WHERE path LIKE '%clinic.txt'").fetchone()[0] > 1000
    # an edit in place that keeps the size: only the file's time tells
    p = library / "rail.txt"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("night trains", "night ferries"), encoding="utf-8")
    os.utime(p, ns=(p.stat().st_atime_ns, p.stat().st_mtime_ns + 10_000_000))
    store = SourceStore.sync(path, library)
    assert store.meta("scan") != digest
    assert _ids(IndexedSources(store), "We will not close the night ferries to Bergen") == ["rail"]


def test_a_statement_removed_by_id_comes_back_with_its_file_at_the_next_sync(library: Path, tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    SourceStore.sync(path, library)
    assert SourceStore(path, readonly=False).remove(["harbor"]) == 1
    store = SourceStore.sync(path, library)
    assert _ids(IndexedSources(store), "The new harbor in Valparaiso will open in March") == ["harbor"]


def test_a_large_folder_is_scanned_on_several_processes_alike(tmp_path: Path, monkeypatch) -> None:
    import verify.index as vi

    src = tmp_path / "sources"
    for d in range(3):
        (src / f"d{d}").mkdir(parents=True)
        for k in range(7):
            _write(src / f"d{d}", f"s{d}x{k}", f"Statement {k} of group {d} about the river ferries.")
    (src / "d1" / "notes.csv").write_text("not a source", encoding="utf-8")
    monkeypatch.setattr(vi, "_SCAN_BLOCK", 2)   # blocks of two paths: 21 files, 11 blocks, two processes
    one, two = vi._Scan(src, 1), vi._Scan(src, 2)
    assert two.paths == one.paths and len(one.paths) == 21
    assert two.packed == one.packed and two.digest == one.digest
    assert two.files == {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in src.rglob("*.txt")}


def test_add_and_remove_by_id(library: Path, tmp_path: Path) -> None:
    from verify.records import Source

    store = SourceStore.sync(tmp_path / "i.sqlite", library)
    store = SourceStore(store.path, readonly=False)
    store.add([Source(id="extra", text="The lighthouse keepers of Tobago will get a pension.", path="x",
                      speaker="Ana Ruiz")])
    index = IndexedSources(store)
    assert _ids(index, "lighthouse keepers of Tobago will get a pension") == ["extra"]
    assert store.remove(["extra", "nonexistent"]) == 1
    assert _ids(IndexedSources(store), "lighthouse keepers of Tobago will get a pension") == []


def test_the_same_folder_spelled_another_way_is_not_rebuilt(library: Path, tmp_path: Path, monkeypatch) -> None:
    for k in range(12):                          # more files than a library updated file by file
        _write(library, f"extra{k}", f"Statement number {k} on the ferry timetable for island {k}.")
    path = tmp_path / "i.sqlite"
    SourceStore.sync(path, library.resolve())
    with sqlite3.connect(path) as db:          # a row a rebuild would not keep
        db.execute("INSERT INTO meta VALUES ('probe', 'kept')")
    monkeypatch.chdir(library.parent)
    store = SourceStore.sync(path, Path("sources"))
    assert store.meta("probe") == "kept"
    assert _ids(IndexedSources(store), "will not close the night trains to Bergen") == ["rail"]
    # and an edit made through the relative spelling is applied incrementally, as any other
    _write(Path("sources"), "rail", "We will keep the night trains to Bergen all winter.", "Jon Berg")
    os.utime(Path("sources") / "rail.txt", ns=(1, 1))
    store = SourceStore.sync(path, Path("sources"))
    assert store.meta("probe") == "kept"
    assert _ids(IndexedSources(store), "keep the night trains to Bergen all winter") == ["rail"]


def test_stale_format_or_other_folder_rebuilds(library: Path, tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    SourceStore.sync(path, library)
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value='0' WHERE key='version'")
    db.commit()
    db.close()
    store = SourceStore.sync(path, library)
    assert store.meta("version") != "0" and store.count() == 3
    assert not list(tmp_path.glob(".i.sqlite.*"))   # the temporary build file was moved over


def test_common_grams_are_cut_off(tmp_path: Path) -> None:
    src = tmp_path / "sources"
    src.mkdir()
    for k in range(DF_CUTOFF + 5):
        _write(src, f"s{k}", f"We stand with the farmers of the valley. Statement number {k} about item{k} ends here.")
    store = SourceStore.sync(tmp_path / "i.sqlite", src)
    common = gram_keys(["stand", "with", "the"]) + gram_keys(["farmers", "of", "the"])
    assert store.ranked(common) == []
    rare = gram_keys(["about", "item7", "ends"])
    assert [store.source(sid).id for sid, _ in store.ranked(rare)] == ["s7"]
    # a reader skips the common grams without searching for them: the set it keeps is the table
    table = {g for g, in store.db.execute("SELECT gram FROM common")}
    assert store.common() == table and set(common) <= table
    assert store.postings(common + rare) == store.postings(rare) == [store.postings(rare)[0]]


def test_the_common_grams_read_before_a_fork_are_kept_while_the_file_is_the_same(tmp_path: Path) -> None:
    """A parallel run's parent reads the common grams once for its workers; a worker's new
    connection keeps them unless the index file was replaced (a rebuild) in between."""
    import verify.index as index_module

    src = tmp_path / "sources"
    src.mkdir()
    for k in range(DF_CUTOFF + 5):
        _write(src, f"s{k}", f"We stand with the farmers of the valley. Statement number {k} about item{k} ends here.")
    path = tmp_path / "i.sqlite"
    SourceStore.sync(path, src)
    reader = SourceStore(path)
    first = reader.common()
    index_module._forks[0] += 1                 # as in a forked worker: a new connection
    reader.db.execute("SELECT 1").fetchall()
    assert reader.common() is first
    _write(src, "extra", "A new statement about the harbour and its ferries.")
    SourceStore.sync(path, src)               # (an incremental update: the file changes)
    index_module._forks[0] += 1
    reader.db.execute("SELECT 1").fetchall()
    assert reader.common() is not first and reader.common() == first


def test_a_quotations_reads_share_one_read_transaction(library: Path, tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    store = SourceStore.sync(path, library)
    writer = sqlite3.connect(path, timeout=0)
    with store.reading():
        assert store.db.in_transaction
        with store.reading():           # nested: the outer transaction is kept
            store.postings(gram_keys(["night", "trains", "to"]))
        assert store.db.in_transaction
        writer.execute("UPDATE meta SET value='x' WHERE key='origin'")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            writer.commit()             # the reader's shared lock holds the writer off...
    assert not store.db.in_transaction
    writer.commit()                     # ...only until the block ends
    writer.close()
    # the matcher's candidates are read in one, and leave none open
    index = IndexedSources(SourceStore(path))
    assert _ids(index, "will not close the night trains to Bergen") == ["rail"]
    assert not index.store.db.in_transaction


def test_an_articles_candidates_are_read_in_one_go_with_the_same_answers(library: Path, tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    SourceStore.sync(path, library)
    texts = ["will not close the night trains to Bergen", "The new harbor in Valparaiso will open in March",
             "Every rural clinic in Sonora gets three more doctors", "gather golden kites every May"]
    alone = IndexedSources(SourceStore(path))
    want = [_ids(alone, t) for t in texts]
    assert want[0] == ["rail"] and want[1] == ["harbor"] and want[2][0] == "clinic" and want[3] == []

    index = IndexedSources(SourceStore(path))
    qts = [_qt(t) for t in texts]
    index.store.common()                     # read once a connection, not per article
    queries: list[str] = []
    index.store.db.set_trace_callback(queries.append)
    with index.reading():
        index.prefetch(qts)
        got = [[t.source.id for t in index.candidates(qt)] for qt in qts]
    assert got == want
    reads = [q for q in queries if q.startswith("SELECT")]
    # one query for a sample of the four's grams, whose sources hold the two printed as said;
    # one for the rest of the grams of the two they do not (the altered one and the unsourced
    # one); the texts of the sources holding those grams; the altered quotation alone is ranked,
    # and reads its pool's texts
    postings = [q for q in reads if "FROM postings" in q]
    assert len(postings) == 2
    every = sum(len(index._keys(qt)) for qt in qts)
    assert postings[0].count(",") + 1 < every / 2   # the sample: a third of the grams
    assert sum("FROM sources" in q for q in reads) <= 4
    assert sum(q == "BEGIN " or q.startswith("BEGIN") for q in queries) == 1
    # a quotation that was not prefetched is still looked up, by itself
    assert [t.source.id for t in index.candidates(_qt("Fishing crews will pay no fee"))] == ["harbor"]


def test_an_articles_grams_beyond_the_parameter_limit_are_read_in_parts(library: Path, tmp_path: Path,
                                                                       monkeypatch) -> None:
    import verify.index as index_module

    path = tmp_path / "i.sqlite"
    SourceStore.sync(path, library)
    texts = ["will not close the night trains to Bergen", "The new harbor in Valparaiso will open in March",
             "Every rural clinic in Sonora gets two more nurses this year"]
    want = [_ids(IndexedSources(SourceStore(path)), t) for t in texts]
    monkeypatch.setattr(index_module, "_MAX_PARAMS", 2)     # a long article's many grams, in miniature
    index = IndexedSources(SourceStore(path))
    qts = [_qt(t) for t in texts]
    queries: list[str] = []
    index.store.db.set_trace_callback(queries.append)
    with index.reading():
        index.prefetch(qts)
        got = [[t.source.id for t in index.candidates(qt)] for qt in qts]
    assert got == want == [["rail"], ["harbor"], ["clinic"]]
    # (the trace shows the statements with their values: the grams in each IN list)
    reads = [q.split(" IN (")[1].rstrip(")").split(",") for q in queries if "FROM postings" in q]
    assert len(reads) >= 2 and all(len(grams) <= 2 for grams in reads)
    assert sum(len(grams) for grams in reads) > 2          # more grams than one query may hold


def test_a_forked_child_opens_its_own_connection(library: Path, tmp_path: Path) -> None:
    store = SourceStore.sync(tmp_path / "i.sqlite", library)
    parent = store.db
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:                        # the child: a new connection, that reads
        ok = store.db is not parent and store.count() == 3
        os.write(w, b"1" if ok else b"0")
        os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(r, 1) == b"1"
    assert store.db is parent           # the parent's own is kept


def test_fragments_and_roster(library: Path, tmp_path: Path) -> None:
    store = SourceStore.sync(tmp_path / "i.sqlite", library)
    index = IndexedSources(store)
    assert [t.source.id for t in index.phrase_sources(_qt("night trains"))] == ["rail"]
    assert {s.speaker for s in store.roster()} == {"Ana Ruiz", "Jon Berg"}


def test_duplicate_ids_are_a_one_line_error(library: Path, tmp_path: Path) -> None:
    from verify.errors import SourceFormatError

    (library / "copy.txt").write_text((library / "rail.txt").read_text(), encoding="utf-8")
    with pytest.raises(SourceFormatError, match="already used"):
        SourceStore.sync(tmp_path / "i.sqlite", library)


def test_index_words_are_the_tokenizer_words() -> None:
    """The build's fast word splitter must give exactly text.tokenize's canonical words, or
    quotations would look up keys the index never stored."""
    from verify.align import canon_spans
    from verify.sources import load_sources
    from verify.text import tokenize

    texts = [s.text for s in load_sources(ROOT / "corpus" / "sources")]
    texts += ["We won't, can't — U.S.-led (and she's) well-known “organisation” 40,000 3.5% ’em café"]
    for text in texts:
        toks = tokenize(text)
        assert canon_spans(text) == ([t.canon for t in toks], [t.start for t in toks], [t.end for t in toks])


def test_a_post_without_words_is_found_by_its_characters(library: Path, tmp_path: Path) -> None:
    _write(library, "flags", "🇸🇻 🤝 🇺🇸", "Jon Berg")
    index = IndexedSources(SourceStore.sync(tmp_path / "i.sqlite", library))
    assert index.emoji_match("🇸🇻🤝🇺🇸").source.id == "flags"
    assert index.emoji_match("🎉") is None


def test_a_source_read_from_the_index_is_what_tokenising_it_gives(tmp_path: Path) -> None:
    """The index stores each source's canonical words and sentence marks so that a candidate is
    not tokenised again: built, added incrementally or with no words, they are the same."""
    from verify.align import SourceText, Vocabulary
    from verify.records import Source

    src = tmp_path / "sources"
    src.mkdir()
    texts = {
        "colon": "MINISTER VALE: We won't sign it. Let me be clear: nobody is leaving.\n\nNext year, maybe.",
        "money": "We'll spend $12 million on U.S. ports, 40% more than the 3.5 we planned.",
        "emoji": "🌊🌊",
        "brackets": "The [harbour] fee (for now) is well-known to fishing crews.",
    }
    for sid, text in texts.items():
        _write(src, sid, text)
    store = SourceStore.sync(tmp_path / "i.sqlite", src)
    extra = SourceStore(store.path, readonly=False)
    extra.add([Source(id="added", text="Mr. Vale said: Ports reopen. U.S. crews wait.", path="x")])
    index = IndexedSources(SourceStore(store.path))
    for sid in [*texts, "added"]:
        read = index.by_id[sid]
        built = SourceText.build(read.source, index.vocab)
        assert (read.chars, read.sentence_starts, read.sentence_ends) == \
            (built.chars, built.sentence_starts, built.sentence_ends), sid
        assert read.tokens == built.tokens
    fresh = SourceText.build(Source(id="v", text="Tide: High", path="v"), Vocabulary())
    assert fresh.sentence_starts == {0, 1} and fresh.sentence_ends == {1, 2}


def _postings_by_id(store: SourceStore) -> dict[int, set[str]]:
    from verify.index import _unpack

    ids = dict(store.db.execute("SELECT sid, id FROM sources"))
    return {g: {ids[s] for s in _unpack(b)} for g, b in store.db.execute("SELECT gram, sids FROM postings")}


def test_incremental_postings_are_those_of_a_fresh_build(library: Path, tmp_path: Path) -> None:
    """A gram's row lists its sources once each, whether built at once or edited source by source."""
    from verify.records import Source

    store = SourceStore(SourceStore.sync(tmp_path / "a.sqlite", library).path, readonly=False)
    extra = Source(id="ferry", text="The night ferry to Bergen will run before the winter is over.", path="x",
                   speaker="Jon Berg")
    store.add([extra])
    store.remove(["harbor"])
    (library / "harbor.txt").unlink()
    _write(library, "ferry", extra.text, "Jon Berg")
    fresh = SourceStore.sync(tmp_path / "b.sqlite", library)
    got = _postings_by_id(store)
    assert got == _postings_by_id(fresh)
    # "before the winter is over" is in both statements: rows holding the two
    assert {"rail", "ferry"} in got.values()


def test_a_speakers_statements_in_another_language(tmp_path: Path) -> None:
    """speaker_sources(unlike=...) reads a speaker's statements in other known languages from the
    (who, lang) index: the same ones, in library order, as filtering all of them."""
    src = tmp_path / "sources"
    src.mkdir()
    _write(src, "a1", "We will open the new harbour in March and the crews will pay no fee at all.")
    _write(src, "a2", "Nous allons ouvrir le nouveau port en mars et les équipages ne paieront pas.")
    _write(src, "a3", "The harbour will be the largest on the coast when it is finished next year.")
    _write(src, "a4", "Vamos a abrir el nuevo puerto en marzo y las tripulaciones no pagarán nada.")
    _write(src, "b1", "Nous ne fermerons pas les trains de nuit vers Bergen avant la fin de l'hiver.", "Jon Berg")
    _write(src, "c1", "🌊🌊")
    index = IndexedSources(SourceStore.sync(tmp_path / "i.sqlite", src))
    ids = lambda texts: [t.source.id for t in texts]
    assert ids(index.speaker_sources("Ana Ruiz", unlike="en")) == ["a2", "a4"]
    assert ids(index.speaker_sources("Ana Ruiz", unlike="fr")) == ["a1", "a3", "a4"]
    assert ids(index.speaker_sources("Ana Ruiz", like="en")) == ["a1", "a3", "c1"]   # c1: no language
    assert ids(index.speaker_sources("Jon Berg", unlike="fr")) == []
    assert [index.language(t) for t in index.speaker_sources("Ana Ruiz", unlike="en")] == ["fr", "es"]


def test_a_short_changed_quotation_is_aligned_with_the_speakers_statements(library: Path, tmp_path: Path) -> None:
    """No rare 3-gram survives a changed word in a short quotation: the judge aligns it with the
    speaker's statements, which the index hands over read with their stored words."""
    _write(library, "jobs", "Unemployment in Sonora fell to less than four percent in May.")
    art = tmp_path / "a.txt"
    art.write_text("Jobs\n\nAna Ruiz said unemployment was \"less than 3 percent\" this spring, and "
                   "added: \"Every rural clinic in Sonora gets two more nurses this year.\"\n", encoding="utf-8")
    indexed = Pipeline.from_dir(str(library), index_path=tmp_path / "i.sqlite")
    brute = Pipeline.from_dir(str(library), brute_force=True)
    got = [finding_dict(f) for r in indexed.check_paths([str(art)]) for f in r.findings]
    assert got == [finding_dict(f) for r in brute.check_paths([str(art)]) for f in r.findings]
    short = next(d for d in got if d["text"] == "less than 3 percent")
    assert (short["verdict"], short["source"]["id"]) == ("altered", "jobs")


def test_the_sources_in_every_list_are_the_fully_counted_ones() -> None:
    """The exact fast path intersects the postings lists instead of counting them: it must pick
    the very sources the count ranks as holding every gram (ties and multi-digit sids included)."""
    import random

    from verify.index import _in_all, _pack, _rank

    rng = random.Random(7)
    for _ in range(300):
        lists = [_pack(sorted(rng.sample(range(1, 40), rng.randint(1, 12)))) for _ in range(rng.randint(1, 6))]
        counted = [sid for sid, n in _rank(lists, 10_000) if n == len(lists)]
        assert _in_all(lists) == counted
    assert _in_all(["3,12,100", "12,100,2000", "1,100,12"]) == [12, 100]
    assert _in_all(["5", "6"]) == []


def _tables(store: SourceStore) -> dict[str, object]:
    """Every table of an index, a postings row as the set of its sources."""
    db = store.db
    out: dict[str, object] = {t: sorted(db.execute(f"SELECT * FROM {t}")) for t in ("sources", "files", "common", "meta")}
    out["postings"] = {g: set(sids.split(",")) for g, sids in db.execute("SELECT gram, sids FROM postings")}
    return out


def test_a_build_on_two_processes_is_the_build_on_one(tmp_path: Path) -> None:
    """Each process parses a slice of the library into a shard of its own; the merged index is
    the one a single process builds, words common only over both slices included."""
    src = tmp_path / "sources"
    src.mkdir()
    for k in range(2100):
        # "harbourmasters" is in 105 passages, about half in each slice: common only counted
        # over both; "place3" (300 passages) is common within each slice already
        extra = " Harbourmasters agree." if k % 20 == 0 else ""
        _write(src, f"s{k:04d}", f"Statement {k} names item{k} and place{k % 7}.{extra}")
    one = SourceStore.build_from_folder(tmp_path / "one.sqlite", src, workers=1)
    two = SourceStore.build_from_folder(tmp_path / "two.sqlite", src, workers=2)
    assert _tables(two) == _tables(one)
    for word in ("harbourmasters", "place3"):
        assert gram_keys([word], 1)[0] in two.common()
    assert [two.source(sid).id for sid, _ in two.ranked(gram_keys(["names", "item1234", "and"]))] == ["s1234"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.sqlite", "sources", "two.sqlite"]


def test_a_bad_file_in_a_later_slice_fails_the_build_and_leaves_nothing(tmp_path: Path) -> None:
    from verify.errors import SourceFormatError

    src = tmp_path / "sources"
    src.mkdir()
    for k in range(2000):
        _write(src, f"s{k:04d}", f"Statement {k} names item{k}.")
    # the same id as the first file, sorted last: the second process meets it
    (src / "zz-copy.txt").write_text((src / "s0000.txt").read_text(), encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"zz-copy\.txt:1: id 's0000' is already used by .*s0000\.txt"):
        SourceStore.build_from_folder(tmp_path / "i.sqlite", src, workers=2)
    (src / "zz-copy.txt").write_text("no header here\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"zz-copy\.txt"):
        SourceStore.build_from_folder(tmp_path / "i.sqlite", src, workers=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sources"]


def test_files_are_read_ahead_in_order(tmp_path: Path, monkeypatch) -> None:
    """The threads reading a build's files ahead give every file's bytes in path order, across
    blocks, and an unreadable file as its error, which the build reports as a one-line error."""
    import verify.index as index

    monkeypatch.setattr(index, "_READ_BLOCK", 5)
    monkeypatch.setattr(index, "_READ_TASK", 2)
    paths = []
    for k in range(23):
        p = tmp_path / f"f{k:02d}.txt"
        p.write_bytes(f"file {k}".encode())
        paths.append(str(p))
    paths[17] = str(tmp_path / "gone.txt")
    got = list(index._read_ahead(paths, 3, 21))
    assert len(got) == 18
    assert [g for k, g in enumerate(got) if k + 3 != 17] == [f"file {k}".encode() for k in range(3, 21) if k != 17]
    assert isinstance(got[14], FileNotFoundError)
    from verify.errors import SourceFormatError

    with pytest.raises(SourceFormatError, match=r"gone\.txt: cannot read"):
        index._read_source(paths[17], got[14])


def test_a_gram_grown_common_by_incremental_adds_is_ignored(tmp_path: Path) -> None:
    """A built index has no postings row over DF_CUTOFF sources, so its rows are not counted
    when read; an add that grows one marks the index, and that row is ignored from then on."""
    from verify.records import Source

    src = tmp_path / "sources"
    src.mkdir()
    for k in range(DF_CUTOFF):
        _write(src, f"s{k}", f"Ferry pilots strike again. Notice {k} about berth{k} follows.")
    store = SourceStore(SourceStore.sync(tmp_path / "i.sqlite", src).path, readonly=False)
    phrase = gram_keys(["ferry", "pilots", "strike"])
    assert store.meta("grown") is None
    assert len(store.postings(phrase)[0].split(",")) == DF_CUTOFF
    store.add([Source(id="extra", text="Ferry pilots strike again today.", path="x", speaker="Ana Ruiz")])
    assert store.meta("grown") == "1"
    assert store.postings(phrase) == [] and store.ranked(phrase) == []
    # a reader of the same file (another process's view) ignores it too
    assert SourceStore(store.path).postings(phrase) == []
    assert [store.source(sid).id for sid, _ in store.ranked(gram_keys(["about", "berth7", "follows"]))] == ["s7"]


def test_a_source_file_whose_name_is_not_utf8_is_indexed_and_kept_in_step(library: Path, tmp_path: Path) -> None:
    # the name's stray byte reaches Python as a lone surrogate, which sqlite cannot store as text
    bad = Path(os.fsdecode(bytes(library) + b"/ferry\xff.txt"))
    bad.write_text("id: ferry\nspeaker: Jon Berg\nkind: statement\n---\nThe ferry to Tromso will run all winter.\n",
                   encoding="utf-8")
    path = tmp_path / "i.sqlite"
    store = SourceStore.sync(path, library)
    assert store.count() == 4
    assert _ids(IndexedSources(store), "The ferry to Tromso will run all winter") == ["ferry"]
    bad.write_text(bad.read_text(encoding="utf-8").replace("all winter", "until the spring thaw"), encoding="utf-8")
    os.utime(bad, ns=(bad.stat().st_atime_ns, bad.stat().st_mtime_ns + 10_000_000))
    store = SourceStore.sync(path, library)
    assert store.count() == 4
    assert _ids(IndexedSources(store), "The ferry to Tromso will run until the spring thaw") == ["ferry"]
    assert SourceStore.sync(path, library).count() == 4     # unchanged now: nothing re-read or added twice
