"""A persistent source index: rare word 3-grams -> the sources holding them, in one sqlite file.

Brute force compares a quotation with every source (~11 µs a pair: 110 s an article at 1 M
statements). Here a quotation's word 3-grams are looked up in a postings table; each source is
scored by containment (the share of the quotation's grams it holds, not Jaccard, so a short quote
in a long transcript still scores 1.0); grams held by more than `DF_CUTOFF` passages (sentences)
are dropped as uninformative (passim does the same). A gram's row lists the ids of its sources
(as text, "12,345": sqlite's group_concat writes it at the build): a quotation's lookup reads
one row a gram rather than one a posting. The top `TOP_K` sources are re-ranked with the scorer
brute force uses and handed to the word alignment in `match.py` unchanged, so the indexed and the
brute-force matcher only differ when brute force's pick is not among the index's top k.

The database lives under cache/ and is kept in step with the sources folder: a fingerprint of
every file (path, mtime, size) is stored; on open, changed, added and removed files are applied
incrementally, or the index is rebuilt (atomically: a new file replaces the old) when most of the
library changed. Readers open it read-only, so any number of worker processes can share it.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import math
import multiprocessing as mp
import os
import sqlite3
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter, OrderedDict
import contextlib
from contextlib import contextmanager
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Iterable, Iterator

from .align import SourceText, Vocabulary, canon_spans, sentence_marks
from .errors import SourceFormatError
from .match import CANDIDATES, QuoteTokens, SourceIndex, source_language
from .read import Skipped, decode
from .records import Source
from .sources import parse_source
# the tokenizer's own pieces, so that index keys and quotation keys agree (tests check this)
from .text import STOPWORDS, sentence_bounds

__all__ = ["IndexedSources", "SourceStore", "default_index_path", "gram_keys", "DF_CUTOFF", "TOP_K"]

SCHEMA_VERSION = "19"
GRAM = 3
#: a gram held by more passages than this says little about where a quotation comes from
DF_CUTOFF = 100
#: sources handed on to the word alignment after containment ranking
TOP_K = 10
#: sources looked at (cheaply) for a quotation before the best few are tokenised
_POOL = 30
#: share of the best source's rare grams another source must hold to be looked at
_NEAR = 0.75
#: with at most this many rare grams in common, the evidence is weak: look at _WIDE_POOL sources
_WEAK = 2
_WIDE_POOL = 60
#: sources tokenised and kept in memory by one reader
_TEXT_CACHE = 4096
#: most statements scanned for a quotation that cannot be looked up by its words
_SPEAKER_LIMIT = 50
#: prefetch's first look reads every _SAMPLE_STEP-th of a quotation's rare grams
_SAMPLE_STEP = 3
#: passage number bits in a posting id of the build (pid = sid << 16 | passage)
_PSHIFT = 16
#: share of changed files above which a full rebuild is cheaper than incremental updates
_REBUILD_SHARE = 0.3
#: most bytes of the index a reader maps into memory
_MMAP = 1 << 40
#: most bound parameters in one query (sqlite's default limit is 999 in older builds)
_MAX_PARAMS = 900

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
                    sid INTEGER NOT NULL);
CREATE TABLE sources (sid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, data TEXT NOT NULL,
                      flat TEXT, who TEXT, lang TEXT, words TEXT, marks TEXT);
CREATE INDEX sources_flat ON sources(flat) WHERE flat IS NOT NULL;
CREATE INDEX sources_who ON sources(who, sid);
CREATE INDEX sources_who_lang ON sources(who, lang);
CREATE TABLE common (gram INTEGER PRIMARY KEY);
CREATE TABLE postings (gram INTEGER PRIMARY KEY, sids TEXT NOT NULL);
"""


def default_index_path(sources_dir: str | Path) -> Path:
    """cache/index/<hash of the folder>.sqlite in the project (or $VERIFY_CACHE)."""
    root = os.environ.get("VERIFY_CACHE")
    base = Path(root) if root else Path(__file__).resolve().parent.parent / "cache"
    key = hashlib.sha1(str(Path(sources_dir).resolve()).encode()).hexdigest()[:16]
    return base / "index" / f"{key}.sqlite"


_M64 = (1 << 64) - 1
_K = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)


@lru_cache(maxsize=1 << 20)
def _word_key(w: str) -> int:
    """A stable 64-bit key per word (Python's hash() differs between processes)."""
    return int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")


def _signed(h: int) -> int:
    h ^= h >> 29
    return h - (1 << 64) if h >= (1 << 63) else h


def _keyed_grams(canons: list[str], n: int = GRAM) -> list[tuple[int, int]]:
    """(position, key) of each word n-gram (n = 1 or 3); grams of stopwords only ("of the") are
    left out: they say nothing about the source. Keys are stable across processes and runs."""
    return _grams_of([w in STOPWORDS for w in canons], [_word_key(w) for w in canons], n)


def _grams_of(stop: list[bool], keys: list[int], n: int) -> list[tuple[int, int]]:
    """_keyed_grams from the words' stopword flags and keys (a source's 3-grams and single
    words are keyed from one computation of them)."""
    k0, k1, k2 = _K
    if n == 1:
        return [(i, _signed(((1 ^ k) * k0) & _M64)) for i, k in enumerate(keys) if not stop[i]]
    out = []
    for i in range(len(keys) - 2):
        if stop[i] and stop[i + 1] and stop[i + 2]:
            continue
        h = ((((((3 ^ keys[i]) * k0) & _M64) ^ keys[i + 1]) * k1) & _M64 ^ keys[i + 2]) * k2 & _M64
        out.append((i, _signed(h)))
    return out


def gram_keys(canons: list[str], n: int = GRAM) -> list[int]:
    """Stable 64-bit keys of the word n-grams (n = 1 or 3) of a canonical word sequence."""
    return [k for _, k in _keyed_grams(canons, n)]


def _squash(s: str) -> str:
    return "".join(ch for ch in s if not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Cf"))


def _source_postings(src: Source) -> tuple[list[tuple[int, int]], list[tuple[int, int]], str | None, str | None, str]:
    """(gram, passage number) pairs of one source — 3-grams, then single words — its squashed
    text when it has no words (an emoji-only post, found by exact lookup), and its shape: the
    canonical words and sentence marks a SourceText is made of (_shape_columns), stored so that
    a candidate read for a quotation is not tokenised again.
    3-grams find quotations; single words find fragments ("profoundly grateful": the sources
    holding both words, then checked for the phrase). No 2-grams: they would add a third to the
    postings for what single words already find."""
    text = src.text
    canons, pos, ends = canon_spans(text)
    sentences = sentence_bounds(text)
    words, marks = _shape_columns(canons, *sentence_marks(text, pos, ends, sentences))
    if not canons:
        return [], [], _squash(text) or None, words, marks
    # a word's passage: the last sentence starting at or before it (the first for words before
    # any), numbered up to the bits a posting id leaves for it
    bounds = [a for a, _ in sentences] or [0]
    passage = [bisect_right(bounds, p, 1) - 1 for p in pos]
    limit = (1 << _PSHIFT) - 1
    if len(bounds) > limit:
        passage = [min(k, limit) for k in passage]
    stop = [w in STOPWORDS for w in canons]
    keys = [_word_key(w) for w in canons]
    tri = sorted({(key, passage[i]) for i, key in _grams_of(stop, keys, GRAM)})
    uni = sorted({(key, passage[i]) for i, key in _grams_of(stop, keys, 1)})
    return tri, uni, None, words, marks


#: between the canonical words of a source in the index (no word holds it: they are \w runs)
_SEP = "\x1f"


def _shape_columns(canons: list[str], starts: set[int], ends: set[int]) -> tuple[str | None, str]:
    """A SourceText's canonical words and sentence marks as two text columns; no words column
    (None: the source is tokenised when read) if a word held the separator after all."""
    words = None if any(_SEP in w for w in canons) else _SEP.join(canons)
    return words, f"{' '.join(map(str, sorted(starts)))};{' '.join(map(str, sorted(ends)))}"


def _shaped_text(src: Source, words: str | None, marks: str | None, vocab: Vocabulary) -> SourceText:
    """The SourceText of a source read from the index: what SourceText.build makes of it."""
    if words is None or marks is None:
        return SourceText.build(src, vocab)
    a, b = marks.split(";")
    return SourceText(src, None, vocab.encode_canons(words.split(_SEP) if words else []),
                      set(map(int, a.split())), set(map(int, b.split())))


def _db_path(p: str) -> str:
    r"""A path as the index stores it. sqlite takes UTF-8 text only, and a file name that is not
    UTF-8 reaches Python with its stray bytes as lone surrogates: each such byte is stored
    written out (the byte 0xff as the four characters \xff). Other paths are stored as they are."""
    try:
        p.encode("utf-8")
    except UnicodeEncodeError:
        return p.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return p


def _source_json(s: Source) -> str:
    return json.dumps({"id": s.id, "text": s.text, "path": _db_path(s.path), "url": s.url, "speaker": s.speaker,
                       "handle": s.handle, "organization": s.organization, "kind": s.kind,
                       "published": s.published, "provenance": s.provenance, "truncated": s.truncated,
                       "text_line": s.text_line, "meta": s.meta}, ensure_ascii=False)


def _source_from_json(data: str) -> Source:
    return Source(**json.loads(data))


def _walk(folder: Path) -> list[str]:
    """The source files under `folder`, as load_sources selects them (regular files, or links
    to them; a link to a folder is not followed, as Path.rglob does not, so no loop of links
    walks forever), in the order the directories list them (the same order again while
    nothing in them changes)."""
    out: list[str] = []
    stack = [str(folder)]
    while stack:
        d = stack.pop()
        try:
            entries = list(os.scandir(d))
        except OSError:
            continue
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                stack.append(e.path)
                continue
            name = e.name
            low = name.lower()
            if name.startswith(".") or not low.endswith((".txt", ".md")) or low in ("readme.md", "readme.txt"):
                continue
            if e.is_file():      # (a pipe or a device would block the read, a folder named x.txt fail it)
                out.append(e.path)
    return out


#: paths a scan process stats at a time; folders of fewer are stat'ed in this process
_SCAN_BLOCK = 8192
_SCAN_PATHS: list[str] = []   # the paths of the scan under way, shared with its forked processes


def _stats(paths: list[str]) -> bytes:
    """(mtime_ns, size) of each of `paths`, packed in a signed 64-bit array (-1, -1: gone)."""
    out = array("q")
    stat = os.stat
    for p in paths:
        try:
            st = stat(p)
        except OSError:
            out.extend((-1, -1))
        else:
            out.extend((st.st_mtime_ns, st.st_size))
    return out.tobytes()


def _stats_block(k: int) -> bytes:
    return _stats(_SCAN_PATHS[k:k + _SCAN_BLOCK])


class _Scan:
    """Every source file of a folder with its (mtime_ns, size): one stat a file, which on a
    virtual machine costs 5-7 us of system time (1 M statements: 7 of the 12 s a start took),
    so a large folder is stat'ed on `workers` processes. `digest` stands for the whole listing
    and its order: an index records it, and the next sync that finds the same digest knows no
    file changed without reading the index's million-row table of files."""

    def __init__(self, folder: Path, workers: int = 1) -> None:
        global _SCAN_PATHS

        self.paths = _walk(folder)
        n = len(self.paths)
        if workers > 1 and n >= 2 * _SCAN_BLOCK and "fork" in mp.get_all_start_methods():
            _SCAN_PATHS = self.paths
            try:
                with mp.get_context("fork").Pool(workers) as pool:
                    self.packed = b"".join(pool.map(_stats_block, range(0, n, _SCAN_BLOCK)))
            finally:
                _SCAN_PATHS = []
        else:
            self.packed = _stats(self.paths)
        h = hashlib.blake2b(marshal.dumps(self.paths, 4), digest_size=16)
        h.update(self.packed)
        self.digest = h.hexdigest()

    @property
    def files(self) -> dict[str, tuple[int, int]]:
        """path -> (mtime_ns, size) of the files still there."""
        st = array("q", self.packed)
        return {p: (st[2 * k], st[2 * k + 1]) for k, p in enumerate(self.paths) if st[2 * k + 1] >= 0}


def _read_source(path: str, data: bytes | OSError | None = None) -> Source:
    """The source in the file `path`; `data`: its bytes (or the error reading them) read already."""
    try:
        if data is None:
            data = _file_bytes(path)
        if isinstance(data, OSError):
            raise data
        text, _ = decode(data, path)
    except Skipped as e:
        raise SourceFormatError(path, 1, str(e).split(": ", 1)[-1]) from None
    except OSError as e:
        raise SourceFormatError(path, 0, f"cannot read: {e.strerror}") from None
    return parse_source(path, text)


def _file_bytes(path: str) -> bytes | OSError:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        return e


#: threads reading a build's files ahead of its parser, files a thread reads in one task, and
#: files read ahead
_READERS = 8
_READ_TASK = 32
_READ_BLOCK = 1024


def _read_ahead(paths: list[str], first: int, end: int) -> Iterator[bytes | OSError]:
    """The bytes of paths[first:end] in order (an OSError for a file that cannot be read), read
    a block ahead by _READERS threads. A library not in the system's cache is read from disk a
    file at a time otherwise, and at 1 M small files the parser waited on the disk most of the
    time; the threads keep several reads in flight (the reads release the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(_READERS) as pool:
        def block(i: int) -> Iterator[list[bytes | OSError]]:
            stop = min(end, i + _READ_BLOCK)
            return pool.map(_files_bytes, [paths[j:min(stop, j + _READ_TASK)] for j in range(i, stop, _READ_TASK)])

        ahead = block(first)
        for i in range(first + _READ_BLOCK, end + _READ_BLOCK, _READ_BLOCK):
            got = ahead
            ahead = block(i) if i < end else iter(())
            for part in got:
                yield from part


def _files_bytes(paths: list[str]) -> list[bytes | OSError]:
    return [_file_bytes(p) for p in paths]


#: a build's sources, set before its workers fork (a slice of 1 M paths is not sent to each)
_JOB: tuple[list[str], dict[str, tuple[int, int]] | None] = ([], None)
#: postings rows a build worker holds before writing them
_BATCH = 500_000

_SHARD_SCHEMA = """
CREATE TABLE sources (sid INTEGER PRIMARY KEY, id TEXT NOT NULL, data TEXT NOT NULL,
                      flat TEXT, who TEXT, lang TEXT, words TEXT, marks TEXT);
CREATE TABLE files (path TEXT NOT NULL, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, sid INTEGER NOT NULL);
CREATE TABLE stage (gram INTEGER NOT NULL, pid INTEGER NOT NULL);
CREATE TABLE words (gram INTEGER PRIMARY KEY);
CREATE TABLE grams (gram INTEGER PRIMARY KEY, n INTEGER NOT NULL, sids TEXT NOT NULL);
"""


def _shards(n: int, workers: int) -> list[tuple[int, int]]:
    """(first, end) of the path slices a build's workers take: one each when there are many."""
    k = workers if workers > 1 and n >= 2000 else 1
    return [(n * i // k, n * (i + 1) // k) for i in range(k)]


def _build_shard(job: tuple[str, int, int]) -> tuple[str, int, str] | None:
    """Parse and tokenise the sources `_JOB` lists from `first` to `end` (sids first + 1 ...)
    into the sqlite file `shard`: their rows, their files, their (gram, passage) postings and
    those grouped by gram (table grams: how many passages, which sources), and the single
    words held by more passages than DF_CUTOFF here (so everywhere too). A worker writes its
    own file, so nothing it parses is pickled back; the build merges the shards in SQL. A
    malformed source ends the shard: (its path, line, why) is returned."""
    shard, first, end = job
    paths, files = _JOB
    db = sqlite3.connect(shard)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;")
        db.executescript(_SHARD_SCHEMA)
        batch: list[tuple[int, int]] = []
        srows: list[tuple] = []
        frows: list[tuple] = []
        # single words are counted here (a library has far fewer distinct words than 3-grams)
        # and only rare ones reach the table: most words are common and would be dropped
        words: dict[int, list[int] | None] = {}
        for k, data in enumerate(_read_ahead(paths, first, end), start=first):
            path = paths[k]
            try:
                src = _read_source(path, data)
            except SourceFormatError as e:
                return e.path, e.line, e.why
            sid = k + 1
            pairs, uni, flat, cwords, marks = _source_postings(src)
            srows.append((sid, src.id, _source_json(src), flat, _who(src), source_language(src), cwords, marks))
            if files and path in files:
                frows.append((_db_path(path), *files[path], sid))
            base = sid << _PSHIFT
            batch.extend((g, base | p) for g, p in pairs)
            for g, p in uni:
                got = words.get(g, [])
                if got is not None:
                    got.append(base | p)
                    words[g] = got if len(got) <= DF_CUTOFF else None
            if len(batch) >= _BATCH:
                _write_shard(db, batch, srows, frows)
                batch, srows, frows = [], [], []
        _write_shard(db, batch, srows, frows)
        db.executemany("INSERT INTO stage VALUES (?, ?)", ((g, pid) for g, pids in words.items() if pids
                                                           for pid in pids))
        db.executemany("INSERT INTO words VALUES (?)", ((g,) for g, pids in words.items() if pids is None))
        # the slice's postings grouped by gram here, on this worker's core: the merge then
        # groups a row a gram and slice, not a row a posting (1 M statements: 33 M postings)
        db.execute("PRAGMA cache_size=-262144")
        db.execute("INSERT INTO grams SELECT gram, count(*), "
                   f"group_concat(DISTINCT pid >> {_PSHIFT}) FROM stage GROUP BY gram")
        db.commit()
    finally:
        db.close()
    return None


def _write_shard(db: sqlite3.Connection, batch: list[tuple[int, int]], srows: list[tuple], frows: list[tuple]) -> None:
    db.executemany("INSERT INTO stage VALUES (?, ?)", batch)
    db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)", srows)
    db.executemany("INSERT INTO files VALUES (?, ?, ?, ?)", frows)


def _merge_shards(db: sqlite3.Connection, shards: list[Path], origin: str) -> None:
    """The index's tables from the build's shard files, in SQL: sources and files copied, and
    the slices' postings, grouped by gram in each shard, added up: how many passages hold a
    gram (over DF_CUTOFF: common, as is a single word common in one slice) and the row listing
    its sources, each once (grouping them in Python took four times as long)."""
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
                     "PRAGMA temp_store=FILE;")
    db.executescript(_SCHEMA)
    names = [f"s{i}" for i in range(len(shards))]
    for name, shard in zip(names, shards, strict=True):
        db.execute("ATTACH DATABASE ? AS " + name, (str(shard),))
    for name in names:
        try:
            db.execute(f"INSERT INTO sources SELECT * FROM {name}.sources ORDER BY sid")
        except sqlite3.IntegrityError:
            raise _duplicate_id(db, names) from None
        db.execute(f"INSERT INTO files SELECT * FROM {name}.files")
        db.execute(f"INSERT OR IGNORE INTO common SELECT gram FROM {name}.words")
    # each slice's postings come grouped by gram (its sources listed once each); a gram's rows
    # of several slices are added up (the slices hold different sources)
    if len(names) == 1:
        grams = f"{names[0]}.grams"
    else:
        grams = "temp.grams"
        parts = " UNION ALL ".join(f"SELECT gram, n, sids FROM {name}.grams" for name in names)
        db.execute("CREATE TEMP TABLE grams AS SELECT gram, sum(n) AS n, group_concat(sids) AS sids "
                   f"FROM ({parts}) GROUP BY gram")
    db.execute(f"INSERT OR IGNORE INTO common SELECT gram FROM {grams} WHERE n > {DF_CUTOFF}")
    db.execute(f"INSERT INTO postings SELECT gram, sids FROM {grams} WHERE gram NOT IN (SELECT gram FROM common)")
    db.executemany("INSERT INTO meta VALUES (?, ?)",
                   [("version", SCHEMA_VERSION), ("origin", origin), ("df_cutoff", str(DF_CUTOFF))])
    _store_roster(db)
    db.commit()
    for name in names:
        db.execute("DETACH DATABASE " + name)
    if db.execute("SELECT count(*) FROM sources").fetchone()[0] < 200_000:
        db.execute("VACUUM")


def _duplicate_id(db: sqlite3.Connection, names: list[str]) -> SourceFormatError:
    """The one-line error for two sources of one id: the later file, naming the earlier (as the
    sources are met in path order). Looked for only once the merge has failed."""
    rows = " UNION ALL ".join(f"SELECT sid, id, data FROM {name}.sources" for name in names)
    seen: dict[str, str] = {}
    for id_, data in db.execute(f"SELECT id, data FROM ({rows}) ORDER BY sid"):
        path = json.loads(data)["path"]
        if id_ in seen:
            return SourceFormatError(path, 1, f"id {id_!r} is already used by {seen[id_]}")
        seen[id_] = path
    return SourceFormatError(str(db.execute("PRAGMA database_list").fetchone()[2]), 0, "duplicate source ids")


#: forks of this process's ancestry so far (each child counts one more than its parent)
_forks = [0]


def _count_fork() -> None:
    _forks[0] += 1


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_count_fork)


class SourceStore:
    """The index database: build, update, and answer candidate queries."""

    def __init__(self, path: str | Path, readonly: bool = True) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._db: sqlite3.Connection | None = None
        self._pid = -1
        self._forks = -1
        self._common: frozenset[int] | None = None
        self._common_of: tuple[int, int, int] | None = None   # the file it was read from

    # -- connection ----------------------------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        # a connection does not survive fork: each process opens its own (told by the count of
        # forks, not os.getpid(): a system call on every statement)
        if self._db is None or self._forks != _forks[0]:
            if self.readonly:
                self._db = self._open_reader()
            else:
                self._db = sqlite3.connect(self.path, check_same_thread=False)
                self._db.execute("PRAGMA cache_size=-65536")
            self._pid = os.getpid()
            self._forks = _forks[0]
            if self._common is not None and self._common_of != self._file_id():
                self._common = None   # (kept across a fork while the file is the same one)
        return self._db

    def _file_id(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_ino, st.st_size, st.st_mtime_ns

    def _open_reader(self) -> sqlite3.Connection:
        """A read-only connection. A writer killed mid-transaction leaves a hot journal, which
        only a connection that may write can roll back: a reader fails on it ("attempt to write
        a readonly database"). Then the journal is rolled back through a writing connection
        once, as the next `verify quotes` would; where the file cannot be written that is a
        one-line IndexStoreError saying so."""
        def connect() -> sqlite3.Connection:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            try:
                # a reader maps the file (up to sqlite's own limit, 2 GB in most builds): a page
                # it needs is read in place from the system's cache, shared by every worker,
                # instead of copied into each connection's cache by a read call (a 1 M-statement
                # index is 1.4 GB, far beyond that cache; its postings and sources reads for
                # 200 articles 0.12-0.22 -> 0.10-0.14 s)
                db.execute(f"PRAGMA mmap_size={_MMAP}")
                db.execute("PRAGMA cache_size=-65536")
                db.execute("SELECT 1 FROM meta LIMIT 1").fetchall()   # the first read meets a hot journal
            except BaseException:
                db.close()
                raise
            return db

        try:
            return connect()
        except sqlite3.OperationalError as e:
            journal = Path(f"{self.path}-journal")
            if "readonly" not in str(e) or not journal.exists():
                raise
        from .errors import IndexStoreError

        try:
            with contextlib.closing(sqlite3.connect(self.path)) as writer:
                writer.execute("SELECT 1 FROM meta LIMIT 1").fetchall()   # rolls the journal back
        except sqlite3.Error as e:
            raise IndexStoreError(f"{self.path}: a process writing the source index was stopped mid-write "
                                  f"and the read-only index cannot be repaired ({e}); run `verify quotes` once "
                                  "where the index file is writable") from None
        return connect()

    def common(self) -> frozenset[int]:
        """The grams too common to have a postings row (24 k of them at 1 M statements), read
        once, and kept across a fork while the file is the same (a parallel run's parent reads
        them for its workers): a quotation's lookups skip them instead of searching the postings
        B-tree for them in vain (at 1 M statements nearly half of a quotation's grams, each
        search a walk down a 1.4 GB file). A reader's file is never changed (a rebuild replaces
        it), and no edit of a writer's makes a gram common, so the set stays right."""
        db = self.db
        if self._common is None:
            self._common = frozenset(g for g, in db.execute("SELECT gram FROM common"))
            self._common_of = self._file_id()
        return self._common

    @contextmanager
    def reading(self) -> Iterator[None]:
        """The reads inside share one read transaction: sqlite locks and unlocks the file and
        looks for a hot journal around every statement outside one (two stat and four fcntl
        system calls, ~5 of a key lookup's ~8 us at 1 M statements). Held only for the span of
        the block, so a writer of another process waits no longer than one quotation's reads."""
        db = self.db
        if not self.readonly or db.in_transaction:
            yield
            return
        db.execute("BEGIN")
        try:
            yield
        finally:
            db.commit()

    def close(self) -> None:
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    # -- building ------------------------------------------------------------------------------
    @classmethod
    def build(cls, path: str | Path, paths: list[str], origin: str = "",
              files: dict[str, tuple[int, int]] | None = None, workers: int = 1) -> "SourceStore":
        """A new index of the source files `paths` (sids in that order), written beside `path`
        and moved over it when complete. `workers` processes parse slices of the paths, each
        into a shard file of its own (its sources, files and postings); the shards are merged,
        and the postings grouped by gram, in SQL."""
        global _JOB
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        slices = _shards(len(paths), workers)
        shards = [Path(f"{tmp}.{i}") for i in range(len(slices))]
        jobs = [(str(s), a, b) for s, (a, b) in zip(shards, slices, strict=True)]
        try:
            for p in (tmp, Path(str(tmp) + "-journal"), *shards):
                p.unlink(missing_ok=True)
            _JOB = (paths, files)
            if len(jobs) > 1:
                import multiprocessing as mp

                with mp.get_context("fork").Pool(len(jobs)) as pool:
                    failed = pool.map(_build_shard, jobs, chunksize=1)
            else:
                failed = [_build_shard(jobs[0])]
            # the first malformed file in path order, as a build of one process would meet it
            bad = next((f for f in failed if f), None)
            if bad:
                raise SourceFormatError(*bad)
            db = sqlite3.connect(tmp)
            try:
                _merge_shards(db, shards, origin)
            finally:
                db.close()
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        finally:
            _JOB = ([], None)
            for s in shards:
                s.unlink(missing_ok=True)
        os.replace(tmp, path)
        return cls(path)

    @classmethod
    def build_from_folder(cls, path: str | Path, folder: str | Path, workers: int = 1) -> "SourceStore":
        # (files are recorded by resolved path, as in _sync: the same folder spelled another way
        # is the same files)
        folder = Path(folder).resolve()
        return cls._build_scanned(Path(path), _Scan(folder, workers), folder, workers)

    @classmethod
    def _build_scanned(cls, path: Path, scan: _Scan, folder: Path, workers: int) -> "SourceStore":
        files = scan.files
        store = cls.build(path, sorted(files), origin=str(folder), files=files, workers=workers)
        _remember_scan(path, scan)
        return store

    @classmethod
    def sync(cls, path: str | Path, folder: str | Path, workers: int = 1) -> "SourceStore":
        """The index of `folder` at `path`, brought up to date with the files: unchanged files
        cost one stat each (on `workers` processes for a large folder; a folder whose listing
        is the one last indexed costs nothing more), changed ones are re-indexed, a new or
        stale-format index is rebuilt.
        A place where the index cannot live is an IndexStoreError naming it (one line)."""
        from .errors import IndexStoreError

        try:
            return cls._sync(Path(path), Path(folder), workers)
        except (OSError, sqlite3.Error) as e:
            why = getattr(e, "strerror", None) or str(e)
            raise IndexStoreError(f"{path}: cannot use the source index ({why}); set VERIFY_CACHE "
                                  "or --index to a writable place, or run with --brute-force") from None

    @classmethod
    def _sync(cls, path: Path, folder: Path, workers: int) -> "SourceStore":
        if not folder.is_dir():
            raise SourceFormatError(str(folder), 0, "sources folder not found")
        # the files are compared by resolved path: "sources/" after "/home/x/sources/" (another
        # working folder, a script) is the same files, not all of them removed and added again,
        # which rebuilt the whole index (10 minutes at 1 M statements)
        folder = folder.resolve()
        scan = _Scan(folder, workers)
        if not path.exists():
            return cls._build_scanned(path, scan, folder, workers)
        store = cls(path, readonly=False)
        try:
            if store.meta("version") != SCHEMA_VERSION or store.meta("origin") != str(folder.resolve()):
                store.close()
                return cls._build_scanned(path, scan, folder, workers)
            if store.meta("scan") == scan.digest:
                # the files, their sizes and times, even their order, as when last indexed
                store.close()
                return cls(path)
        except sqlite3.DatabaseError:
            store.close()
            return cls._build_scanned(path, scan, folder, workers)
        now: dict[str, tuple[int, int]] = {}
        real: dict[str, str] = {}       # stored path -> the file's, for names that are not UTF-8
        for p, fp in scan.files.items():
            d = _db_path(p)
            now[d] = fp
            if d is not p:
                real[d] = p
        old = {p: (m, s) for p, m, s in store.db.execute("SELECT path, mtime_ns, size FROM files")}
        changed = sorted(p for p, fp in now.items() if old.get(p) != fp)
        removed = sorted(p for p in old if p not in now)
        if not changed and not removed:
            store.close()
            _remember_scan(path, scan)
            return cls(path)
        if len(changed) + len(removed) > _REBUILD_SHARE * max(len(old), 1) and len(old) > 10:
            store.close()
            return cls._build_scanned(path, scan, folder, workers)
        db = store.db
        try:
            db.execute("BEGIN IMMEDIATE")
            for p in removed + [c for c in changed if c in old]:
                sid = db.execute("SELECT sid FROM files WHERE path=?", (p,)).fetchone()[0]
                store._remove_sid(sid)
                db.execute("DELETE FROM files WHERE path=?", (p,))
            for p in changed:
                src = _read_source(real.get(p, p))
                sid = store._add(src)
                m, s = now[p]
                db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (p, m, s, sid))
            _store_roster(db)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('scan', ?)", (scan.digest,))
            db.commit()
        except BaseException:
            db.rollback()
            raise
        finally:
            store.close()
        return cls(path)

    def add(self, sources: Iterable[Source]) -> list[int]:
        """Index more sources (incrementally: no rebuild)."""
        db = self.db
        with db:
            sids = [self._add(s) for s in sources]
            _store_roster(db)
        return sids

    def remove(self, ids: Iterable[str]) -> int:
        """Drop the sources with these ids from the index; returns how many were found."""
        db = self.db
        n = 0
        with db:
            for sid_ in ids:
                row = db.execute("SELECT sid FROM sources WHERE id=?", (sid_,)).fetchone()
                if row:
                    self._remove_sid(row[0])
                    db.execute("DELETE FROM files WHERE sid=?", (row[0],))
                    n += 1
            # a file whose statement is dropped is new to the next sync again
            db.execute("DELETE FROM meta WHERE key='scan'")
            _store_roster(db)
        return n

    def _add(self, src: Source) -> int:
        db = self.db
        row = db.execute("SELECT data FROM sources WHERE id=?", (src.id,)).fetchone()
        if row:
            other = json.loads(row[0])["path"]
            raise SourceFormatError(src.path, 1, f"id {src.id!r} is already used by {other}")
        tri, uni, flat, cwords, marks = _source_postings(src)
        pairs = tri + uni
        cur = db.execute("INSERT INTO sources (id, data, flat, who, lang, words, marks) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (src.id, _source_json(src), flat, _who(src), source_language(src), cwords, marks))
        sid = cur.lastrowid
        for g in sorted({g for g, _ in pairs}):
            if db.execute("SELECT 1 FROM common WHERE gram=?", (g,)).fetchone() is None:
                self._edit_posting(g, lambda sids: sorted({*sids, sid}))
        return sid

    def _edit_posting(self, gram: int, change) -> None:
        """Rewrite one gram's source list with change(list of sids); an empty one is deleted."""
        db = self.db
        row = db.execute("SELECT sids FROM postings WHERE gram=?", (gram,)).fetchone()
        sids = change(_unpack(row[0]) if row else [])
        if len(sids) > DF_CUTOFF:
            db.execute("INSERT OR IGNORE INTO meta VALUES ('grown', '1')")
        if sids:
            db.execute("INSERT OR REPLACE INTO postings VALUES (?, ?)", (gram, _pack(sids)))
        elif row:
            db.execute("DELETE FROM postings WHERE gram=?", (gram,))

    def _remove_sid(self, sid: int) -> None:
        db = self.db
        row = db.execute("SELECT data FROM sources WHERE sid=?", (sid,)).fetchone()
        if row is None:
            return
        tri, uni, *_ = _source_postings(_source_from_json(row[0]))
        pairs = tri + uni
        for g in sorted({g for g, _ in pairs}):
            self._edit_posting(g, lambda sids: [x for x in sids if x != sid])
        db.execute("DELETE FROM sources WHERE sid=?", (sid,))

    # -- reading -------------------------------------------------------------------------------
    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM sources").fetchone()[0]

    def texts(self, sids: list[int]) -> dict[int, str]:
        # json_extract in sqlite: decoding each whole record in Python cost 5 ms for 200
        q = f"SELECT sid, json_extract(data, '$.text') FROM sources WHERE sid IN ({','.join('?' * len(sids))})"
        return dict(self.db.execute(q, sids))

    def sources(self, sids: list[int]) -> list[Source]:
        """The sources of `sids`, in that order, in one query."""
        if not sids:
            return []
        q = f"SELECT sid, data FROM sources WHERE sid IN ({','.join('?' * len(sids))})"
        got = {sid: data for sid, data in self.db.execute(q, sids)}
        return [_source_from_json(got[sid]) for sid in sids if sid in got]

    def shaped(self, sids: list[int]) -> dict[int, tuple[Source, str | None, str | None]]:
        """sid -> (source, canonical words, sentence marks) for `sids`, in one query."""
        q = f"SELECT sid, data, words, marks FROM sources WHERE sid IN ({','.join('?' * len(sids))})"
        return {sid: (_source_from_json(data), words, marks) for sid, data, words, marks in self.db.execute(q, sids)}

    def source(self, sid: int) -> Source:
        row = self.db.execute("SELECT data FROM sources WHERE sid=?", (sid,)).fetchone()
        return _source_from_json(row[0])

    def roster(self) -> list[Source]:
        """One stand-in Source per distinct (speaker, handle, organization), in library order:
        what attribution needs to know about the speakers, without loading every statement."""
        raw = self.meta("roster", "[]")
        return [Source(id="", text="", path="", speaker=s, handle=h, organization=o) for s, h, o in json.loads(raw)]

    def ranked_held(self, keys: list[int], limit: int = TOP_K) -> tuple[list[tuple[int, int]], int]:
        """`ranked`, and how many of the keys any source holds."""
        lists = self.postings(keys)
        return _rank(lists, limit), len(lists)

    def ranked(self, keys: list[int], limit: int = TOP_K) -> list[tuple[int, int]]:
        """(sid, distinct grams held) of the sources holding most of the gram `keys`, best first;
        grams held by more than DF_CUTOFF passages (grown common since the build, through
        incremental adds) are ignored. One query, a row a gram; its sources are counted in C."""
        return _rank(self.postings(keys), limit)

    def postings(self, keys: list[int]) -> list[str]:
        """The stored source lists ("12,345", each source once) of the rare grams among `keys`,
        in one query; a gram grown common since the build is left out."""
        return list(self.posting_rows(self.rare(keys)).values())

    def rare(self, keys: list[int]) -> list[int]:
        """The distinct `keys` that `postings` looks up: the first _MAX_PARAMS of them in order
        (sqlite's bound-parameter limit, with room), less the grams too common to be stored."""
        uniq = sorted(set(keys))[:_MAX_PARAMS]
        common = self.common()
        return [k for k in uniq if k not in common]

    def posting_rows(self, grams: list[int]) -> dict[int, str]:
        """gram -> stored source list of each of `grams` that has one (a gram grown common since
        the build left out), in as few queries as the parameter limit allows: `postings` of many
        quotations at once."""
        out: dict[int, str] = {}
        # a built index holds no row of over DF_CUTOFF sources (such grams are common); only an
        # incremental add can grow one, and marks the index when it does, so the rows are only
        # counted then (counting the ~300 rows of an article cost 3 % of its time)
        grown = self.meta("grown") is not None
        for i in range(0, len(grams), _MAX_PARAMS):
            part = grams[i:i + _MAX_PARAMS]
            q = f"SELECT gram, sids FROM postings WHERE gram IN ({','.join('?' * len(part))})"
            rows = self.db.execute(q, part)
            out.update(((g, t) for g, t in rows if t.count(",") < DF_CUTOFF) if grown else rows)
        return out

    def by_speaker(self, keys: list[tuple], limit: int, like: str | None = None,
                   unlike: str | None = None) -> list[tuple[int, str | None]]:
        """(sid, language) of the sources whose (speaker, handle, organization) is one of `keys`,
        in order; like: only those in that language or an unknown one; unlike: only those in a
        known other language."""
        out: list[tuple[int, str | None]] = []
        if unlike:
            # a speaker's statements in another language are looked for in the (who, lang) index,
            # as two ranges around `unlike`: filtering the rows of sources_who read every one of a
            # speaker's statements in their own language (1350 rows a speaker at 100 k statements)
            q = ("SELECT sid, lang FROM sources WHERE who=? AND lang < ? UNION ALL "
                 "SELECT sid, lang FROM sources WHERE who=? AND lang > ? ORDER BY sid LIMIT ?")
            for k in keys:
                who = json.dumps(list(k))
                out.extend(self.db.execute(q, (who, unlike, who, unlike, limit)))
            return sorted(out)[:limit]
        cond, args = _language_filter(like, None)
        for k in keys:
            out.extend(self.db.execute(f"SELECT sid, lang FROM sources WHERE who=? {cond} ORDER BY sid LIMIT ?",
                                       (json.dumps(list(k)), *args, limit)))
        return sorted(out)[:limit]

    def first(self, limit: int, like: str | None = None, unlike: str | None = None) -> list[tuple[int, str | None]]:
        """(sid, language) of the first `limit` sources, or none if the library holds more."""
        if self.db.execute("SELECT count(*) FROM (SELECT 1 FROM sources LIMIT ?)", (limit + 1,)).fetchone()[0] > limit:
            return []
        cond, args = _language_filter(like, unlike)
        return list(self.db.execute(f"SELECT sid, lang FROM sources WHERE 1 {cond} ORDER BY sid", args))

    def flat_match(self, squashed: str) -> int | None:
        row = self.db.execute("SELECT sid FROM sources WHERE flat=? ORDER BY sid LIMIT 1", (squashed,)).fetchone()
        return row[0] if row else None


def _pack(sids: list[int]) -> str:
    """A gram's list of sources as stored in its postings row."""
    return ",".join(map(str, sids))


def _unpack(sids: str) -> list[int]:
    return list(map(int, sids.split(",")))


def _rank(lists: list[str], limit: int) -> list[tuple[int, int]]:
    """(sid, lists holding it) of the `limit` sources in most of the postings `lists`, best
    first, ties by sid."""
    if not lists:
        return []
    score = Counter(map(int, ",".join(lists).split(",")))
    # most grams first, ties by sid: two sorts in C (the second is stable) instead of a key
    # function called for every source
    ranked = sorted(score.items(), key=_first)
    ranked.sort(key=_second, reverse=True)
    return ranked[:limit]


def _in_all(lists: list[str]) -> list[int]:
    """The sids found in every one of the postings `lists`, in order: the sources holding all
    of a quotation's rare grams, without counting every source of every gram. The lists are
    compared as text (a sid is written one way), shortest first so the set stays small."""
    lists = sorted(lists, key=len)
    common = set(lists[0].split(","))
    for t in lists[1:]:
        if not common:
            break
        common.intersection_update(t.split(","))
    return sorted(map(int, common))

_first = itemgetter(0)
_second = itemgetter(1)


def _language_filter(like: str | None, unlike: str | None) -> tuple[str, tuple[str, ...]]:
    if unlike:
        return "AND lang IS NOT NULL AND lang != ?", (unlike,)
    if like:
        return "AND (lang IS NULL OR lang = ?)", (like,)
    return "", ()


def _who(s: Source) -> str | None:
    """The speaker columns of a source as one key: (speaker, handle, organization)."""
    k = (s.speaker, s.handle, s.organization)
    return json.dumps(k) if any(k) else None


def _remember_scan(path: Path, scan: _Scan) -> None:
    """Record in the index at `path` that it holds the files of `scan`, as they are now."""
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('scan', ?)", (scan.digest,))


def _store_roster(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT who, min(sid) AS first FROM sources WHERE who IS NOT NULL GROUP BY who ORDER BY first")
    db.execute("INSERT OR REPLACE INTO meta VALUES ('roster', ?)", (json.dumps([json.loads(w) for w, _ in rows]),))


class IndexedSources(SourceIndex):
    """The matcher of match.py with its candidates from a SourceStore instead of a scan of every
    source. Sources are tokenised on first use and kept in a bounded cache."""

    def __init__(self, store: SourceStore, top_k: int = TOP_K) -> None:
        super().__init__([])
        self.store = store
        self.top_k = top_k
        self._texts: OrderedDict[int, SourceText] = OrderedDict()
        self.by_id = _LazyById(self)
        self._roster: list[Source] | None = None
        self._by_speaker: dict[tuple, list[SourceText]] = {}
        self._speaker_sids: dict[str, int] = {}
        #: id(quotation tokens) -> (them, their postings, sources holding all): see prefetch
        self._batch: dict[int, tuple[QuoteTokens, list[str], list[int]]] = {}

    def text(self, sid: int) -> SourceText:
        t = self._texts.get(sid)
        if t is None:
            t = self._remember(sid, _shaped_text(*self.store.shaped([sid])[sid], self.vocab))
        else:
            self._texts.move_to_end(sid)
        return t

    def texts_of(self, sids: list[int]) -> list[SourceText]:
        """`text` of each of `sids`, those not in memory read in one query (a query each cost
        as much as tokenising a short statement)."""
        missing = [sid for sid in sids if sid not in self._texts]
        if len(missing) > 1:
            for sid, shape in self.store.shaped(missing).items():
                self._remember(sid, _shaped_text(*shape, self.vocab))
        return [self.text(sid) for sid in sids]

    def _remember(self, sid: int, t: SourceText) -> SourceText:
        self._texts[sid] = t
        if len(self._texts) > _TEXT_CACHE:
            self._texts.popitem(last=False)
        return t

    def _ranked(self, qt: QuoteTokens, n: int = GRAM, limit: int | None = None, near: bool = False,
                all_of: bool = False) -> list[int]:
        """sids by containment. near=True keeps only those holding at least half as many of the
        quotation's grams as the best (all_of=True: as many as the best): a source sharing one
        stray gram with a quotation whose source shares ten is never its best match, and
        tokenising it is the dearest step."""
        found = self.store.ranked(self._keys(qt, n), limit or self.top_k)
        if near and found:
            floor = found[0][1] if all_of else (found[0][1] + 1) // 2
            found = [(sid, k) for sid, k in found if k >= floor]
        return [sid for sid, _ in found]

    def reading(self) -> contextlib.AbstractContextManager:
        """The store's one read transaction (see SourceStore.reading)."""
        return self.store.reading()

    def prefetch(self, qts: list[QuoteTokens], limit: int = CANDIDATES) -> None:
        """Read what `candidates` will ask of the database for each of `qts` (one article's
        quotations) in two queries instead of two a quotation: the postings of all their grams,
        then the sources holding every rare gram of a quotation (its exact fast path). Kept
        until the next prefetch; `candidates` of any other quotation reads as before, and the
        answers are the same either way."""
        self._batch = {}
        per: list[tuple[QuoteTokens, list[int]]] = []
        sample: set[int] = set()
        for qt in qts:
            uniq = self.store.rare(self._keys(qt))
            per.append((qt, uniq))
            sample.update(uniq[::_SAMPLE_STEP])
        if not sample:
            return
        # first a third of each quotation's rare grams: the sources holding all of them include
        # every source holding the quotation as printed (most quotations), and are few; only the
        # quotations none of them holds so read the rest of their grams (at 1 M statements the
        # postings are the dearest read of an article)
        rows = self.store.posting_rows(sorted(sample))
        held_by: dict[int, list[int]] = {}
        for qt, uniq in per:
            lists = [rows[g] for g in uniq[::_SAMPLE_STEP] if g in rows]
            held = _in_all(lists) if lists else []
            if lists and len(held) <= limit:
                held_by[id(qt)] = held
        self.texts_of(list(dict.fromkeys(sid for h in held_by.values() for sid in h)))
        rest: list[tuple[QuoteTokens, list[int]]] = []
        for qt, uniq in per:
            held = held_by.get(id(qt))
            chars = self.segment_chars(qt) if held is not None else []
            if any(chars) and any(all(c in t.chars for c in chars if c) for t in self.texts_of(held)):
                # (keyed by identity, the quotation kept in the value so that its id is not
                # reused; no postings: the fast path of _candidates answers it from `held`)
                self._batch[id(qt)] = (qt, None, held)
            else:
                rest.append((qt, uniq))
        if not rest:
            return
        rows.update(self.store.posting_rows(sorted({g for _, uniq in rest for g in uniq if g not in rows})))
        whole: list[int] = []
        for qt, uniq in rest:
            lists = [rows[g] for g in uniq if g in rows]
            held = _in_all(lists) if lists else []
            self._batch[id(qt)] = (qt, lists, held)
            if len(held) <= limit:
                whole.extend(held)
        self.texts_of(list(dict.fromkeys(whole)))

    def candidates(self, qt: QuoteTokens, limit: int = CANDIDATES) -> list[SourceText]:
        with self.store.reading():
            return self._candidates(qt, limit)

    def _candidates(self, qt: QuoteTokens, limit: int) -> list[SourceText]:
        chars = self.segment_chars(qt)
        if not any(chars):
            return []
        got = self._batch.get(id(qt))
        if got is not None and got[0] is qt:
            _, lists, whole = got
            if lists is None:
                # prefetch found the quotation as printed in sources holding a sample of its
                # grams: those holding it are the same as with all of them
                found = [t for t in self.texts_of(whole) if all(c in t.chars for c in chars if c)]
                if found:
                    return found
                lists, whole = self.store.postings(self._keys(qt)), None
        else:
            lists = self.store.postings(self._keys(qt))
            whole = None
        if not lists:
            return []
        verbatim = lambda texts: [t for t in texts if all(c in t.chars for c in chars if c)]
        # exact fast path: the few sources holding every indexed gram of the quotation are
        # tokenised first; one holding its words verbatim is the answer, nothing else is looked at
        # (nor counted: most quotations end here)
        if whole is None:
            whole = _in_all(lists)
        if len(whole) <= limit:
            found = verbatim(self.texts_of(whole))
            if found:
                return found
        ranked = _rank(lists, _WIDE_POOL)
        best = ranked[0][1]
        if best > _WEAK:
            # sources holding at least half as many grams as the best (a stray shared gram
            # never makes the best match), at most _POOL of them
            sids = [sid for sid, n in ranked if n >= math.ceil(best * _NEAR)][:_POOL]
        else:
            # little evidence (a changed word took most rare grams with it): many sources tie,
            # and the cheap look decides which few are tokenised
            sids = [sid for sid, _ in ranked]
        if len(sids) > limit:
            sids = self._closest(qt, sids, limit)
        found = self.texts_of(sids)
        return verbatim(found)[:limit] or self.rank(qt, found, limit)

    def _keys(self, qt: QuoteTokens, n: int = GRAM) -> list[int]:
        keys: list[int] = []
        for seg in qt.segments:
            keys.extend(gram_keys([t.canon for t in seg if t.flag != "bracket"], n))
        return keys

    def _closest(self, qt: QuoteTokens, sids: list[int], limit: int) -> list[int]:
        """The `limit` of `sids` whose text best holds the quotation's words (rapidfuzz
        partial_ratio on lower-cased text): a cheap look at many sources, so that only the few
        that can win are tokenised. Paraphrases and altered quotations keep few rare grams and
        tie with many sources."""
        from rapidfuzz import fuzz, process

        q = " ".join(t.exact for seg in qt.segments for t in seg)
        texts = self.store.texts(sids)
        choices = [texts[sid].lower() for sid in sids if sid in texts]
        order = [sid for sid in sids if sid in texts]
        # one C++ call for all; ties keep the containment order
        got = process.extract(q, choices, scorer=fuzz.partial_ratio, limit=None)
        got.sort(key=lambda r: (-r[1], r[2]))
        return [order[k] for _, _, k in got[:limit]]

    def phrase_sources(self, qt: QuoteTokens) -> list[SourceText]:
        chars = self.segment_chars(qt)
        if not chars or not all(chars):
            return []
        # every source holding the phrase, in library order, as the scan of match.py gives them
        n = GRAM if min(len(seg) for seg in qt.segments) >= GRAM else 1
        ranked = self._ranked(qt, n, DF_CUTOFF + 1, near=True, all_of=True)
        found = self.texts_of(sorted(ranked))
        return [t for t in found if all(c in t.chars for c in chars)]

    def speaker_sources(self, speaker: str | None, like: str | None = None,
                        unlike: str | None = None) -> list[SourceText]:
        """A speaker's statements (for quotations in another language than the source, whose
        words cannot be looked up), at most _SPEAKER_LIMIT of them: beyond that the scan would
        cost more than the index saves. With no speaker, all statements of a small library.
        The languages are filtered in the database (see SourceIndex.speaker_sources).
        The judge reads only their text and language, so they are not tokenised (a SourceText
        without tokens), and kept per speaker."""
        from .match import same_speaker

        key = (speaker, like, unlike)
        got = self._by_speaker.get(key)
        if got is not None:
            return got
        if speaker is None:
            rows = self.store.first(_SPEAKER_LIMIT, like, unlike)
        else:
            if self._roster is None:
                self._roster = self.store.roster()
            keys = [(s.speaker, s.handle, s.organization) for s in self._roster if same_speaker(speaker, s)]
            rows = self.store.by_speaker(keys, _SPEAKER_LIMIT, like, unlike)
        got = [SourceText(src, [], "", set(), set()) for src in self.store.sources([sid for sid, _ in rows])]
        if len(self._languages) > 100_000:
            self._languages.clear()
            self._speaker_sids.clear()
        self._languages.update((t.source.id, lang) for t, (_, lang) in zip(got, rows, strict=False))
        self._speaker_sids.update((t.source.id, sid) for t, (sid, _) in zip(got, rows, strict=False))
        if len(self._by_speaker) >= 256:
            self._by_speaker.pop(next(iter(self._by_speaker)))
        self._by_speaker[key] = got
        return got

    def alignable(self, texts: list[SourceText]) -> list[SourceText]:
        """A speaker's statements ready to be aligned, read with their stored words (and kept
        with the other candidates) rather than tokenised on every short quotation."""
        sids = [self._speaker_sids.get(t.source.id) for t in texts]
        if None in sids:
            return super().alignable(texts)
        return self.texts_of(sids)

    def emoji_match(self, text: str) -> SourceText | None:
        sq = _squash(text)
        sid = self.store.flat_match(sq) if sq else None
        return self.text(sid) if sid is not None else None


class _LazyById:
    """index.by_id[source id] for the indexed matcher, read from the database on demand."""

    def __init__(self, owner: IndexedSources) -> None:
        self.owner = owner

    def get(self, key: str, default=None):
        row = self.owner.store.db.execute("SELECT sid FROM sources WHERE id=?", (key,)).fetchone()
        return self.owner.text(row[0]) if row else default

    def __getitem__(self, key: str) -> SourceText:
        t = self.get(key)
        if t is None:
            raise KeyError(key)
        return t

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None
