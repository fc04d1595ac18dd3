"""`verify bench` at a tiny size: the archive has known truth and the figures come out (not timed)."""

from __future__ import annotations

import json
from pathlib import Path

from verify.bench import MUTATIONS, format_bench, generate, run_bench


def test_generated_archive_has_truth_for_every_quotation(tmp_path: Path) -> None:
    generate(tmp_path, statements=60, articles=4, quotes_per_article=7, html_share=0.5, seed=3)
    truth = [json.loads(x) for x in (tmp_path / "truth.jsonl").read_text().splitlines()]
    assert len(truth) == 28
    assert {t["verdict"] for t in truth} >= set(MUTATIONS) - {"cosmetic"}
    assert all((t["source"] is None) == (t["verdict"] == "unsourced") for t in truth)
    kinds = {p.suffix for p in (tmp_path / "articles").rglob("*.*")}
    assert kinds == {".txt", ".html"}
    assert len(list((tmp_path / "sources").rglob("*.txt"))) == 60
    # quoted words appear in the article as printed
    art = next((tmp_path / "articles").rglob("a0000000.*")).read_text()
    assert truth[0]["text"] in art


def test_tiny_bench_reports_speed_memory_and_accuracy(tmp_path: Path) -> None:
    r = run_bench(statements=80, articles=3, quotes_per_article=7, workers=1, brute_force=True,
                  data_dir=tmp_path, build_workers=1)
    assert r["index_mb"] > 0 and r["index_build_s"] >= 0
    for key in ("indexed", "brute_force"):
        m = r[key]
        assert m["documents"] == 3 and m["quotations"] >= 21
        assert m["articles_per_s"] > 0 and m["peak_rss_main_mb"] > 0
        assert m["verdict_accuracy"] >= 0.9
        # one worker: the main process checks the articles itself, and its CPU is all there is
        assert m["cpu_ms_per_article"] == m["cpu_ms_per_article_main"] > 0
    assert r["same_source_as_brute_force"] >= 0.95


def test_the_workers_cpu_time_is_counted(tmp_path: Path) -> None:
    r = run_bench(statements=80, articles=6, quotes_per_article=5, workers=2, data_dir=tmp_path, build_workers=1)
    m = r["indexed"]
    assert m["documents"] == 6
    # the workers did the checking: their CPU is counted beside the parent's (which, on so small
    # an archive, is mostly starting the pool)
    assert m["cpu_ms_per_article"] > m["cpu_ms_per_article_main"] > 0
    assert "CPU" in format_bench(r)


def test_richer_vocabulary_adds_made_up_words_and_keeps_truth(tmp_path: Path) -> None:
    plain, rich = tmp_path / "plain", tmp_path / "rich"
    generate(plain, statements=200, articles=3, quotes_per_article=7, seed=5)
    generate(rich, statements=200, articles=3, quotes_per_article=7, seed=5, vocabulary=2000)
    words = lambda d: {w.strip(".,:").lower() for p in (d / "sources").rglob("*.txt")
                       for w in p.read_text().split("---\n", 1)[1].split()}
    # most statements now hold a word no other statement holds, as real ones do
    assert len(words(rich)) > len(words(plain)) + 150
    truth = [json.loads(x) for x in (rich / "truth.jsonl").read_text().splitlines()]
    assert len(truth) == 21 and all((t["source"] is None) == (t["verdict"] == "unsourced") for t in truth)
    assert json.loads((rich / "generated.json").read_text())["vocabulary"] == 2000
    r = run_bench(statements=200, articles=3, quotes_per_article=7, workers=1, data_dir=rich, build_workers=1,
                  vocabulary=2000)
    assert r["indexed"]["verdict_accuracy"] >= 0.9


def test_default_vocabulary_grows_with_the_archive(tmp_path: Path) -> None:
    from verify.bench import heaps_vocabulary

    # Heaps' law: ten times the statements, about three times the words
    assert heaps_vocabulary(10_000) == 4000 and heaps_vocabulary(1_000_000) == 40_000
    r = run_bench(statements=100, articles=2, quotes_per_article=7, workers=1, data_dir=tmp_path, build_workers=1)
    assert r["vocabulary"] == heaps_vocabulary(100)
    assert json.loads((tmp_path / "generated.json").read_text())["vocabulary"] == heaps_vocabulary(100)
