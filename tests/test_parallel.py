"""Parallel and distributed runs give the serial run's results, in the same order; jsonl streams."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from verify.parallel import RunConfig, Tally, run
from verify.report.json import finding_dict
from verify.report.jsonl import write_jsonl

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The sample articles three times over, plus a binary file to be warned about."""
    d = tmp_path_factory.mktemp("archive")
    for k in range(3):
        sub = d / f"batch{k}"
        shutil.copytree(SAMPLE, sub)
    (d / "batch1" / "zz-broken.txt").write_bytes(b"\x00\x01\x02binary")
    return d


def _flat(reports) -> list[tuple[str, list[dict]]]:
    return [(r.path, [finding_dict(f) for f in r.findings]) for r in reports]


def _run(archive: Path, tmp_path: Path, **kw):
    warnings: list[str] = []
    config = RunConfig(index_path=str(tmp_path / "index.sqlite"), keep_documents=False)
    reports = _flat(run([str(archive)], config, warn=warnings.append, chunk=2, **kw))
    return reports, warnings


def test_workers_give_the_serial_results_in_order(archive: Path, tmp_path: Path) -> None:
    serial, w1 = _run(archive, tmp_path)
    parallel, w2 = _run(archive, tmp_path, workers=2)
    assert len(serial) == 9 and sum(len(q) for _, q in serial) > 30
    assert parallel == serial
    assert w1 == w2 and len(w1) == 1 and "zz-broken" in w1[0]


def test_dask_local_cluster_gives_the_local_results(archive: Path, tmp_path: Path) -> None:
    from dask.distributed import Client, LocalCluster

    local, _ = _run(archive, tmp_path)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        distributed, warnings = _run(archive, tmp_path, engine="dask", client=client)
    assert distributed == local
    assert len(warnings) == 1


def test_bad_engine_options_are_usage_errors(tmp_path: Path) -> None:
    from verify.errors import UsageError

    with pytest.raises(UsageError):
        list(run([str(SAMPLE)], RunConfig(), engine="spark"))
    with pytest.raises(UsageError):
        list(run([str(SAMPLE)], RunConfig(), scheduler="tcp://127.0.0.1:1"))


def test_jsonl_streams_without_keeping_reports(archive: Path, tmp_path: Path) -> None:
    """Lines are written as each report arrives: the writer never holds the whole run."""
    config = RunConfig(index_path=str(tmp_path / "index.sqlite"), keep_documents=False)
    out = io.StringIO()
    seen_before_next: list[int] = []

    def reports():
        for r in run([str(archive)], config):
            seen_before_next.append(len(out.getvalue().splitlines()))
            yield r

    tally = Tally(reports(), ("altered",))
    write_jsonl(tally, out, {})
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert tally.documents == 9
    # by the time the 3rd report was pulled, the first two were already written out
    assert seen_before_next[2] > 0
    assert {"path", "text", "verdict", "source"} <= set(lines[0])
    # iterated again, the tally gives just the first failure (for the exit code)
    again = list(tally)
    assert len(again) == 1 and again[0].findings[0].verdict == "altered"


def test_cli_jsonl_and_workers_match_json(tmp_path: Path) -> None:
    import subprocess
    import sys

    exe = [sys.executable, "-m", "verify", "quotes", str(SAMPLE), "--index", str(tmp_path / "i.sqlite")]
    js = subprocess.run(exe + ["--format", "json"], capture_output=True, text=True, timeout=120)
    jl = subprocess.run(exe + ["--format", "jsonl", "--workers", "2"], capture_output=True, text=True, timeout=120)
    assert js.returncode == jl.returncode == 1, jl.stderr
    quotes = [dict(q, path=d["path"]) for d in json.loads(js.stdout)["documents"] for q in d["quotes"]]
    lines = [json.loads(x) for x in jl.stdout.splitlines()]
    assert lines == quotes


def test_reports_rendered_in_the_workers_write_the_same_lines(archive: Path, tmp_path: Path) -> None:
    """With render="jsonl" only text and the failing findings come back from the workers; the
    output is the same bytes, and the tally still finds the first failure."""
    from verify.config import Settings

    index = str(tmp_path / "index.sqlite")
    plain, rendered = io.StringIO(), io.StringIO()
    write_jsonl(run([str(archive)], RunConfig(index_path=index, keep_documents=False), workers=2, chunk=2),
                plain, {})
    config = RunConfig(index_path=index, keep_documents=False, settings=Settings(), render="jsonl")
    reports = list(run([str(archive)], config, workers=2, chunk=2))
    write_jsonl(reports, rendered, {})
    assert rendered.getvalue() == plain.getvalue() and plain.getvalue().count("\n") > 30
    kept = [f.verdict for r in reports for f in r.findings]
    assert kept and set(kept) <= set(Settings().fail_on)
    assert len(kept) < plain.getvalue().count("\n")   # the passing ones stayed in the workers
    tally = Tally(iter(reports), Settings().fail_on)
    list(tally)
    assert list(tally)[0].findings[0].verdict in Settings().fail_on


def test_a_prepared_run_does_not_check_the_sources_folder_again(tmp_path: Path) -> None:
    """run() after prepare() only opens the index: at 1 M sources the folder check costs seconds."""
    from verify.parallel import prepare

    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "corpus" / "sources", sources)
    config = prepare(RunConfig(str(sources), index_path=str(tmp_path / "index.sqlite"), keep_documents=False))
    assert prepare(config) is config
    shutil.rmtree(sources)   # a second check would fail: "sources folder not found"
    reports = list(run([str(SAMPLE)], config))
    assert reports and any(f.source is not None for r in reports for f in r.findings)


def test_forked_workers_start_warm(tmp_path: Path) -> None:
    """What a worker needs is built before the fork: its first chunk (an HTML page, a text
    article, rendered as jsonl) imports nothing and finds the index connection closed, to be
    opened anew in the child. Run in a fresh interpreter: this one has imported everything."""
    import subprocess
    import sys

    script = f"""
import os, sys
from verify.parallel import RunConfig, prepare, check_chunk, _warm, _pipeline
cfg = prepare(RunConfig(index_path={str(tmp_path / 'i.sqlite')!r}, keep_documents=False, render="jsonl"))
_warm(cfg)
assert _pipeline(cfg).index.store._db is None, "the parent's connection was left open across fork"
pid = os.fork()
if pid == 0:
    before = set(sys.modules)
    out = check_chunk([{str(SAMPLE / '03-magazine.html')!r}, {str(SAMPLE / '01-wire-rubio.txt')!r}], cfg)
    ok = len(out) == 2 and all(kind == "report" and r.rendered for kind, r in out)
    new = sorted(m for m in set(sys.modules) - before if m.startswith(("verify", "typer", "bs4")))
    os.write(1, (f"ok={{ok}} new={{new}}").encode())
    os._exit(0)
os.waitpid(pid, 0)
"""
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "ok=True new=[]"


def test_chunks_shrink_towards_the_end_so_the_workers_finish_together() -> None:
    """Guided scheduling: full chunks while more than two per worker are left to read, then
    smaller ones; every path once, in order, and nothing read ahead beyond that."""
    from verify.parallel import _chunks

    sizes = [len(c) for c in _chunks(range(1000), 32, 2)]
    assert sum(sizes) == 1000 and sizes[0] == 32 and max(sizes) == 32
    tail = sizes[sizes.index(max(s for s in sizes if s < 32)):]
    assert tail == sorted(tail, reverse=True) and tail[-1] == 1 and len(tail) >= 4
    assert [p for c in _chunks(range(50), 8, 2) for p in c] == [str(i) for i in range(50)]
    read: list[int] = []

    def paths():
        for i in range(1000):
            read.append(i)
            yield i

    first = next(_chunks(paths(), 32, 2))
    assert first == [str(i) for i in range(32)] and len(read) <= 32 * 2 * 2 + 1
