"""Running the pipeline over many articles: in this process, on N local processes, or on a Dask
cluster — always the same chunks through the same function, results in input order.

Articles are cut into chunks of paths; each chunk is checked by `check_chunk` wherever it runs,
against a Pipeline built once per worker (the source index opened read-only: the parent brings it
up to date first). At most a few chunks are in flight, so memory does not grow with the number of
articles and a streaming reporter (jsonl) writes while later chunks are still being checked.
"""

from __future__ import annotations

import threading
from collections import deque
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable, Iterator

import attrs

from .errors import UsageError
from .records import DocumentReport

__all__ = ["RunConfig", "prepare", "run", "check_chunk", "Tally", "ENGINES"]

ENGINES = ("local", "dask")


@attrs.frozen
class RunConfig:
    """Everything a worker needs to build its Pipeline: small, picklable, hashable."""

    sources: str | None = None
    brute_force: bool = False
    index_path: str | None = None
    keep_documents: bool = True   # the parsed article travels back with its report
    #: config.Settings whose judge limits apply while checking (None: the defaults)
    settings: object = attrs.field(default=None, eq=False, hash=False)
    #: a streaming format (one with a per-report `render`) to write each report in where it is
    #: checked: only text and the failing findings travel back, not the records (unpickling
    #: them cost the parent about as much as a tenth of a worker)
    render: str | None = None
    #: prepare() has brought the index up to date (at 1 M sources that check costs seconds)
    prepared: bool = attrs.field(default=False, eq=False, hash=False)


def prepare(config: RunConfig, workers: int = 1) -> RunConfig:
    """Bring the index up to date here, once, so that workers only open it read-only; the
    returned config names it by absolute path (a remote worker needs a shared filesystem).
    A (re)build parses the sources on `workers` processes. A config prepared already is
    returned as it is."""
    if config.prepared:
        return config
    if config.brute_force:
        return attrs.evolve(config, sources=str(Path(config.sources).resolve()) if config.sources else None,
                            prepared=True)
    from .index import SourceStore, default_index_path
    from .sources import default_sources_dir

    folder = Path(config.sources) if config.sources else default_sources_dir()
    path = Path(config.index_path) if config.index_path else default_index_path(folder)
    SourceStore.sync(path, folder, workers)
    return attrs.evolve(config, sources=str(folder.resolve()), index_path=str(path.resolve()), prepared=True)


_local = threading.local()

#: allocations between young-generation collections while checking (CPython's default is 700)
GC_YOUNG_THRESHOLD = 50_000


def _tune_gc() -> None:
    """Collect cyclic garbage less often while checking articles: the pipeline allocates many
    short-lived records that reference counting frees and that form no cycles, so the default
    young-generation threshold (700 allocations) runs a collection every few quotations for
    nothing; and the objects made at start-up (modules, patterns, the pipeline and its roster) are frozen out of
    the collector's scans. Measured about 10 % of an article's CPU time; memory stays bounded
    (a collection still runs every GC_YOUNG_THRESHOLD allocations)."""
    import gc

    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, 20, 20)


def _pipeline(config: RunConfig):
    """This worker's (thread's) Pipeline for `config`: built on first use, then reused; a process
    forked after it was built (see _warm) uses it too (its index opens its own connection)."""
    from .pipeline import Pipeline

    cache = getattr(_local, "pipes", None)
    if cache is None:
        cache = _local.pipes = {}
    key = (config.sources, config.brute_force, config.index_path)
    pipe = cache.get(key)
    if pipe is None:
        pipe = cache[key] = Pipeline.from_dir(config.sources, brute_force=config.brute_force,
                                                 index_path=config.index_path, sync=False)
        _tune_gc()
    return pipe


def check_chunk(paths: list[str], config: RunConfig) -> list[tuple[str, object]]:
    """("report", DocumentReport) or ("warning", message) for each path, in order."""
    from .read import Skipped, read_document

    pipe = _pipeline(config)
    render = failing = None
    if config.render:
        from .records import DEFAULT_FAIL_ON
        from .report import get_reporter

        render = get_reporter(config.render).render
        failing = frozenset(getattr(config.settings, "fail_on", DEFAULT_FAIL_ON))
    limits = config.settings.limits() if config.settings is not None else None
    out: list[tuple[str, object]] = []
    for p in paths:
        try:
            doc = read_document(Path(p))
        except Skipped as e:
            out.append(("warning", str(e)))
            continue
        r = pipe.check(doc, limits)
        if render is not None:
            r = attrs.evolve(r, document=None, rendered=render(r),
                             findings=tuple(f for f in r.findings if f.verdict in failing))
        elif not config.keep_documents:
            r = attrs.evolve(r, document=None)
        out.append(("report", r))
    return out


def _chunks(paths: Iterable, size: int, parts: int = 1) -> Iterator[list[str]]:
    """Chunks of `size` paths; near the end (known by reading at most 2 x `parts` chunks ahead)
    smaller ones, so that `parts` workers run out of work together rather than one finishing a
    last large chunk alone (guided scheduling: large chunks cost the parent less per article)."""
    it = iter(paths)
    ahead = size * parts * 2
    buf: deque[str] = deque()
    more = True
    while True:
        while more and len(buf) < ahead:
            p = next(it, None)
            if p is None:
                more = False
            else:
                buf.append(str(p))
        if not buf:
            return
        n = size if more else max(1, min(size, -(-len(buf) // (2 * parts))))
        yield [buf.popleft() for _ in range(min(n, len(buf)))]


def _in_order(submit: Callable, chunks: Iterator[list[str]], window: int, get: Callable) -> Iterator:
    """Submit chunks, at most `window` in flight, and yield their results in submission order."""
    pending: deque = deque()
    for ch in chunks:
        pending.append(submit(ch))
        while len(pending) >= window:
            yield from get(pending.popleft())
    while pending:
        yield from get(pending.popleft())


class _Now:
    def __init__(self, value):
        self.value = value


def run(paths: list[str], config: RunConfig, workers: int = 1, engine: str = "local",
        scheduler: str | None = None, warn: Callable[[str], None] | None = None,
        client=None, chunk: int | None = None) -> Iterator[DocumentReport]:
    """Reports for every article under `paths`, in the order a serial run gives them. Unreadable
    files are passed to `warn` (in order) and skipped. `client` is a dask.distributed Client to use
    instead of connecting to `scheduler` or starting a local cluster."""
    from .read import iter_article_paths

    if workers < 1:
        raise UsageError("--workers must be at least 1")
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    config = prepare(config, workers if engine == "local" else 1)
    articles = iter_article_paths(paths)
    if engine == "dask":
        results = _run_dask(articles, config, workers, scheduler, client, chunk or 64)
    elif workers == 1:
        results = _in_order(lambda ch: _Now(check_chunk(ch, config)), _chunks(articles, chunk or 16), 1,
                            lambda r: r.value)
    else:
        results = _run_processes(articles, config, workers, chunk or 32)
    for kind, value in results:
        if kind == "warning":
            if warn:
                warn(value)
        else:
            yield value


def _warm(config: RunConfig) -> None:
    """Before forking the workers: build what each would otherwise build on its first chunk —
    the Pipeline (the index's speaker roster and rare-gram cut-off read, attribution's tables),
    the reporter with the modules it imports, the HTML reader — so that they start checking at
    once and share those pages. (Measured: a worker's first chunk of 4 articles took 0.15 s, the
    next 8 took 0.08 s; with PYTHONDONTWRITEBYTECODE each import is a compile from source.) The
    index connection is closed again: a connection is not carried across fork."""
    from . import html  # noqa: F401  (read.py imports it on the first HTML article)

    pipe = _pipeline(config)
    if config.render:
        from .report import get_reporter

        get_reporter(config.render)
    store = getattr(pipe.index, "store", None)
    if store is not None:
        store.common()   # (read once here, shared with the workers: 24 k grams at 1 M statements)
        store.close()


def _run_processes(articles, config: RunConfig, workers: int, chunk: int) -> Iterator:
    import multiprocessing as mp

    # fork: workers start at once and share the imported code; each opens its own sqlite handle
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    if ctx.get_start_method() == "fork":
        _warm(config)
    _tune_gc()   # before the fork: the children inherit it, and frozen objects stay shared pages
    with ctx.Pool(workers) as pool:
        yield from _in_order(lambda ch: pool.apply_async(check_chunk, (ch, config)), _chunks(articles, chunk, workers),
                             workers * 4, lambda r: r.get())


def _run_dask(articles, config: RunConfig, workers: int, scheduler: str | None, client, chunk: int) -> Iterator:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is a declared dependency
        raise UsageError("--engine dask needs dask[distributed] installed") from None
    own_cluster = own_client = None
    try:
        if client is None:
            if scheduler:
                client = own_client = Client(scheduler)
            else:
                own_cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
                client = own_client = Client(own_cluster)
        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        yield from _in_order(lambda ch: client.submit(check_chunk, ch, config, pure=False),
                             _chunks(articles, chunk), n * 3, lambda f: f.result())
    except OSError as e:
        raise UsageError(f"cannot reach the Dask scheduler {scheduler}: {e}") from None
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()


def run_settings(paths: list[str], settings, warn=None, workers: int = 1, engine: str = "local",
                 scheduler: str | None = None, brute_force: bool = False, index: str | Path | None = None,
                 stream: bool = False, keep_documents: bool = True, show_progress: bool = False,
                 render: str | None = None):
    """`run` as configured (the settings' sources and limits): the one runner of the CLI. A list
    of reports, or with stream=True a one-pass Tally of them; show_progress: a progress bar (the
    caller decides: only on a terminal, never with --quiet); render: see RunConfig."""
    from .progress import progress
    from .read import iter_article_paths

    config = RunConfig(str(settings.sources) if settings.sources else None, brute_force,
                       str(index) if index else None, keep_documents, settings, render)
    if show_progress:
        paths = [str(p) for p in iter_article_paths(paths)]
    reports = run(paths, config, workers=workers, engine=engine, scheduler=scheduler, warn=warn)
    reports = progress(reports, len(paths), show_progress)
    return Tally(reports, settings.fail_on) if stream else list(reports)


class Tally:
    """Reports passed through once, to a streaming reporter, without keeping them: memory stays
    flat however many articles there are. Truthy when there is at least one report (the first is
    read ahead); iterated again afterwards it yields only the first failing finding (verdict in
    `failing`), which is all the exit code needs."""

    def __init__(self, reports: Iterable[DocumentReport], failing: tuple[str, ...]) -> None:
        self._it = iter(reports)
        self._first = next(self._it, None)
        self.failing = frozenset(failing)
        self.documents = 0
        self.first_failure: DocumentReport | None = None
        self._done = False

    def __bool__(self) -> bool:
        return self._first is not None

    def __iter__(self) -> Iterator[DocumentReport]:
        if self._done:
            if self.first_failure is not None:
                yield self.first_failure
            return
        self._done = True
        if self._first is None:
            return
        first, self._first = self._first, True   # stays truthy
        for rep in chain((first,), self._it):
            self.documents += 1
            if self.first_failure is None:
                bad = tuple(f for f in rep.findings if f.verdict in self.failing)
                if bad:
                    self.first_failure = attrs.evolve(rep, findings=bad[:1], document=None)
            yield rep
