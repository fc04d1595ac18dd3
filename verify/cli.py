"""The command line: parses arguments and calls the pipeline. Nothing else lives here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, List, Optional

import typer
from typer.exceptions import TyperException

from .errors import UsageError, VerifyError
from .records import DEFAULT_FAIL_ON

__all__ = ["app", "main"]

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Find, attribute and check the quotations in news articles against their primary sources.")


# Options shared by every command (sqlite-utils style): defined once, reused everywhere.
SourcesOpt = Annotated[Optional[Path], typer.Option(
    "--sources", help="Folder of primary sources [default: corpus/sources].")]
#: the names verify/report/ registers (tests/test_docs.py keeps this list and the registry equal)
FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "markdown", "html", "dot", "prov")
FormatOpt = Annotated[str, typer.Option(
    "--format", "-f", help="Output format: " + ", ".join(FORMATS) + ".")]
FailOnOpt = Annotated[str, typer.Option(
    "--fail-on", help="Verdicts that make the exit code 1 (comma-separated, or 'none').")]
ColorOpt = Annotated[Optional[bool], typer.Option(
    "--color/--no-color", help="Colour the text output [default: on a terminal].")]
PathsArg = Annotated[List[Path], typer.Argument(help="Article files or folders (searched recursively).")]
# scale (issue 6): the source index, process parallelism and a Dask cluster
BruteForceOpt = Annotated[bool, typer.Option(
    "--brute-force", help="Compare with every source instead of using the index (slow; for comparison).")]
IndexOpt = Annotated[Optional[Path], typer.Option(
    "--index", help="Source index database [default: cache/index/, kept in step with --sources].")]
WorkersOpt = Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (results as with 1).")]
EngineOpt = Annotated[str, typer.Option("--engine", help="local, or dask (a LocalCluster unless --scheduler).")]
SchedulerOpt = Annotated[Optional[str], typer.Option(
    "--scheduler", help="Dask scheduler address (tcp://host:8786) for --engine dask.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar on stderr.")]
ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", help="Settings file [default: the nearest verify.toml, or pyproject.toml with [tool.verify]].")]
BaselineOpt = Annotated[Optional[Path], typer.Option(
    "--baseline", help="Baseline of accepted variants (see `verify baseline`): its entries do not fail the run.")]
FragmentOpt = Annotated[int, typer.Option("--fragment-length", help="Quotations of 1..N words are fragments.")]
ThresholdOpt = Annotated[Optional[List[str]], typer.Option(
    "--threshold", help="NAME=VALUE: sourced-min-coverage or altered-min-coverage, 0..1 (repeatable).")]
# the web (issue 3): captures cache, no-network mode, the private-address guard
CacheOpt = Annotated[Optional[Path], typer.Option(
    "--cache", help="Cache folder for WARC captures [default: cache/, or $VERIFY_CACHE].")]
OfflineOpt = Annotated[bool, typer.Option(
    "--offline", help="Make no request at all: use captures in the cache, report what is missing.")]
AllowPrivateOpt = Annotated[bool, typer.Option(
    "--allow-private-hosts", help="Allow private, loopback and link-local addresses "
    "(tests, internal deployments; also VERIFY_ALLOW_PRIVATE_HOSTS=1).")]


def _warn(msg: str) -> None:
    typer.echo(f"warning: {msg}", err=True)


def _settings(ctx: typer.Context, **given: object):
    """Settings: defaults < config file < the options actually typed (CLI > file > defaults)."""
    from typer._click.core import ParameterSource

    from .config import parse_cli_thresholds, parse_fail_on, resolve

    typed = {k: v for k, v in given.items() if k != "config"
             and ctx.get_parameter_source(k) in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)}
    if "fail_on" in typed:
        typed["fail_on"] = parse_fail_on(str(typed["fail_on"]))
    if "threshold" in typed:
        typed["thresholds"] = parse_cli_thresholds(list(typed.pop("threshold") or []))
    return resolve(typed, config=given.get("config"))  # type: ignore[arg-type]


def _options(settings, reports, **extra: object) -> dict:
    from .baseline import Baseline

    suppressed = Baseline.load(settings.baseline).suppressed(reports) if settings.baseline else {}
    return {"fail_on": settings.fail_on, "suppressed": suppressed, **extra}


@app.command()
def quotes(
    ctx: typer.Context,
    paths: PathsArg,
    sources: SourcesOpt = None,
    format: FormatOpt = "text",
    fail_on: FailOnOpt = ",".join(DEFAULT_FAIL_ON),
    color: ColorOpt = None,
    baseline: BaselineOpt = None,
    config: ConfigOpt = None,
    fragment_length: FragmentOpt = 3,
    threshold: ThresholdOpt = None,
    quiet: QuietOpt = False,
    brute_force: BruteForceOpt = False,
    index: IndexOpt = None,
    workers: WorkersOpt = 1,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="Fetch the articles' links to official sites and posts as candidate sources first.")] = False,
    cache: CacheOpt = None,
    offline: OfflineOpt = False,
    allow_private_hosts: AllowPrivateOpt = False,
) -> None:
    """Check every quotation in the articles. Exit 0: nothing in --fail-on (beyond the baseline); 1: some; 2: error."""
    from .baseline import failures
    from .parallel import run_settings
    from .progress import wants_progress
    from .report import get_reporter

    settings = _settings(ctx, sources=sources, fail_on=fail_on, baseline=baseline, config=config,
                         fragment_length=fragment_length, threshold=threshold)
    if follow_links:
        settings = _with_linked_sources(settings, paths, cache, offline,
                                        allow_private_hosts or settings.allow_private_hosts)
    write = get_reporter(format)
    streaming = getattr(write, "streaming", False) and not settings.baseline
    reports = run_settings([str(p) for p in paths], settings, _warn, workers, engine, scheduler, brute_force,
                           index, stream=streaming, keep_documents=format not in ("json", "jsonl", "text"),
                           show_progress=wants_progress(quiet),
                           render=format if streaming and getattr(write, "render", None) else None)
    if not reports:
        raise UsageError("no readable articles (.txt, .md, .html) found in " + ", ".join(map(str, paths)))
    use_colour = sys.stdout.isatty() if color is None else color
    options = _options(settings, reports, color=use_colour)
    if streaming:  # provenance needs every article at once; streamed output goes without it
        options["provenance"] = None
    else:
        from .trace import trace

        options["provenance"] = trace(reports)
    write(reports, sys.stdout, options)
    if failures(reports, options):
        raise typer.Exit(1)


@app.command()
def draft(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The draft: .txt, .md, .html or .docx.")],
    sources: SourcesOpt = None,
    format: FormatOpt = "text",
    fail_on: FailOnOpt = ",".join(DEFAULT_FAIL_ON),
    fix: Annotated[bool, typer.Option("--fix", help="Write the corrected draft beside it (NAME.fixed.EXT).")] = False,
    in_place: Annotated[bool, typer.Option("--in-place", help="Correct the draft itself, keeping NAME.EXT.bak.")] = False,
    baseline: BaselineOpt = None,
    config: ConfigOpt = None,
    fragment_length: FragmentOpt = 3,
    threshold: ThresholdOpt = None,
) -> None:
    """Check a draft before filing: each misquotation with the source's words and the wording to
    paste. Exit 1 while misquotations remain (after --fix: in the corrected copy)."""
    from .draft import check_draft, render_draft_text, write_fixed
    from .pipeline import Pipeline
    from .report import get_reporter

    settings = _settings(ctx, sources=sources, fail_on=fail_on, baseline=baseline, config=config,
                         fragment_length=fragment_length, threshold=threshold)
    write = None if format == "text" else get_reporter(format)
    pipe = Pipeline.from_dir(settings.sources, limits=settings.limits())
    result = check_draft(pipe, path, settings.fail_on, settings.baseline)
    options = {"fail_on": settings.fail_on, "suppressed": result.suppressed, "suggestions": result.suggestions}
    if write is None:
        render_draft_text(result, sys.stdout, options)
    else:
        write([result.report], sys.stdout, options)
    if not (fix or in_place):
        if result.failing:
            raise typer.Exit(1)
        return
    written, n, backup = write_fixed(result, in_place=in_place)
    again = check_draft(pipe, written, settings.fail_on, settings.baseline)
    typer.echo(f"wrote {written} ({n} correction{'s' if n != 1 else ''})"
               + (f", backup {backup}" if backup else "")
               + (f"; re-checked: {len(again.failing)} misquotation(s) left" if again.failing else "; re-checked: clean"),
               err=True)
    if again.failing:
        raise typer.Exit(1)


@app.command("baseline")
def baseline_cmd(
    ctx: typer.Context,
    paths: PathsArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="Baseline file to write.")] = Path("verify-baseline.json"),
    reason: Annotated[Optional[str], typer.Option(
        "--reason", help="Why these variants are accepted [default: accepted as existing on today's date].")] = None,
    sources: SourcesOpt = None,
    fail_on: FailOnOpt = ",".join(DEFAULT_FAIL_ON),
    config: ConfigOpt = None,
    fragment_length: FragmentOpt = 3,
    threshold: ThresholdOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Write a baseline accepting every finding that fails today, so only new problems fail."""
    from .baseline import write_baseline
    from .parallel import run_settings
    from .progress import wants_progress

    settings = _settings(ctx, sources=sources, fail_on=fail_on, config=config,
                         fragment_length=fragment_length, threshold=threshold)
    reports = run_settings([str(p) for p in paths], settings, _warn, show_progress=wants_progress(quiet))
    n = write_baseline(output, reports, settings.fail_on, reason)
    typer.echo(f"wrote {output}: {n} accepted variant{'s' if n != 1 else ''}; review each reason", err=True)


def _fetcher(cache: Optional[Path], offline: bool, allow_private: bool, refresh: bool = False):
    from .capture import CaptureStore
    from .fetch import FetchConfig, Fetcher
    from .web import default_cache_dir

    config = FetchConfig.from_env(offline=offline or None, refresh=refresh or None,
                                  allow_private=allow_private or None)
    return Fetcher(CaptureStore(cache or default_cache_dir()), config)


def _with_linked_sources(settings, paths: List[Path], cache: Optional[Path], offline: bool, allow_private: bool):
    """--follow-links: fetch the linked sources, then check against corpus + candidates."""
    import attrs

    from .links import fetch_linked_sources, merged_sources
    from .sources import default_sources_dir, load_sources

    corpus = Path(settings.sources) if settings.sources else default_sources_dir()
    with _fetcher(cache, offline, allow_private) as fetcher:
        linked = fetch_linked_sources(paths, fetcher, fetcher.store.root / "linked", load_sources(corpus), _warn)
        merged = merged_sources(corpus, linked, fetcher.store.root)
    return attrs.evolve(settings, sources=merged)


sources_app = typer.Typer(no_args_is_help=True, help="Primary sources from the web: add, show, verify captures.")
app.add_typer(sources_app, name="sources")


@sources_app.command("add")
def sources_add(
    urls: Annotated[List[str], typer.Argument(help="Release pages, posts on X, t.co / pic.twitter.com links.")],
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Who speaks (when the page does not say).")] = None,
    source_id: Annotated[Optional[str], typer.Option("--id", help="Id of the source file (one URL only).")] = None,
    sources: SourcesOpt = None,
    cache: CacheOpt = None,
    offline: OfflineOpt = False,
    refresh: Annotated[bool, typer.Option("--refresh", help="Fetch again even when the cache holds a capture.")] = False,
    allow_private_hosts: AllowPrivateOpt = False,
) -> None:
    """Fetch each URL, capture it in a WARC file and write a source file naming that capture.
    Exit 2 if any URL failed (each failure is one line on stderr)."""
    from .errors import NotCached
    from .sources import default_sources_dir
    from .web import add_sources

    if source_id and len(urls) > 1:
        raise UsageError("--id names one source: give a single URL with it")
    folder = sources or default_sources_dir()

    def report(url: str, added, error) -> None:
        if error is not None:
            label = "missing from the cache" if isinstance(error, NotCached) else "error"
            typer.echo(f"verify: {label}: {error}", err=True)
        else:
            how = "from the cache" if added.obtained.from_cache else "fetched"
            typer.echo(f"{added.status}: {added.path} ({added.obtained.draft.kind}, {how}, {added.obtained.capture.digest})")
            if added.same_url:
                _warn(f"{', '.join(added.same_url)} has the same URL; both are kept (remove one to avoid a duplicate)")

    from .config import resolve

    allow = allow_private_hosts or resolve({}).allow_private_hosts  # CLI, else verify.toml/pyproject
    with _fetcher(cache, offline, allow, refresh) as fetcher:
        _, failed = add_sources(list(urls), Path(folder), fetcher, speaker, source_id, report)
    if failed:
        if offline and any(isinstance(e, NotCached) for _, e in failed):
            typer.echo(f"verify: --offline: {sum(isinstance(e, NotCached) for _, e in failed)} of {len(urls)} "
                       "source(s) are not in the cache", err=True)
        raise typer.Exit(2)


@sources_app.command("show")
def sources_show(
    source_id: Annotated[str, typer.Argument(help="The source's id.")],
    sources: SourcesOpt = None,
    cache: CacheOpt = None,
) -> None:
    """Print a source's text, where it came from, when, and its capture's digest (checked)."""
    from .capture import CaptureStore
    from .sources import default_sources_dir, load_sources
    from .web import check_source, default_cache_dir

    found = [s for s in load_sources(sources or default_sources_dir()) if s.id == source_id]
    if not found:
        raise UsageError(f"no source with id {source_id!r} in {sources or default_sources_dir()}")
    src = found[0]
    for key in ("id", "url", "speaker", "handle", "organization", "kind", "published", "edited", "provenance",
                "capture", "captured", "capture-uri", "digest"):
        if src.meta.get(key):
            typer.echo(f"{key}: {src.meta[key]}")
    typer.echo(f"file: {src.path}")
    check = check_source(src, CaptureStore(cache or default_cache_dir()))
    typer.echo(f"check: {'ok' if check.ok else 'FAILED'}: {check.message}")
    typer.echo("---")
    typer.echo(src.text)
    if not check.ok:
        raise typer.Exit(1)


@sources_app.command("verify")
def sources_verify(
    sources: SourcesOpt = None,
    cache: CacheOpt = None,
) -> None:
    """Re-read every capture (warcio, digests) and check each source file against its capture.
    Exit 1 when a capture or a source file does not match."""
    from .capture import CaptureStore
    from .sources import default_sources_dir
    from .web import check_sources, default_cache_dir

    store = CaptureStore(cache or default_cache_dir())
    records, problems = store.verify()
    for p in problems:
        typer.echo(f"capture: {p}")
    checks = check_sources(Path(sources or default_sources_dir()), store)
    bad = [c for c in checks if not c.ok]
    for c in checks:
        if "capture" in c.source.meta or not c.ok:
            typer.echo(f"{'ok' if c.ok else 'MISMATCH'}: {c.source.id}: {c.message}")
    claimed = sum("capture" in c.source.meta for c in checks)
    typer.echo(f"{records} WARC records read, {len(problems)} capture problem(s); {claimed} source(s) with a capture, "
               f"{len(bad)} not matching; {len(checks) - claimed} without a capture (hand-written or transcribed)")
    if problems or bad:
        raise typer.Exit(1)


@app.command("bench")
def bench(
    statements: Annotated[int, typer.Option("--statements", min=10, help="Source statements to generate.")] = 10_000,
    articles: Annotated[int, typer.Option("--articles", min=1, help="Articles to generate.")] = 200,
    quotes_per_article: Annotated[int, typer.Option("--quotes", min=1, help="Quotations per article.")] = 10,
    workers: WorkersOpt = 2,
    brute_force: Annotated[bool, typer.Option(
        "--brute-force", help="Also run the unindexed matcher and compare the sources it links.")] = False,
    html_share: Annotated[float, typer.Option("--html-share", min=0.0, max=1.0, help="Share of HTML articles.")] = 0.3,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the archive.")] = 1,
    vocabulary: Annotated[Optional[int], typer.Option(
        "--vocabulary", min=0, help="Made-up words added to the few hundred real ones, drawn Zipf-wise "
        "[default: 40·√statements, growing with the archive as Heaps' law has it; 0: none].")] = None,
    data_dir: Annotated[Optional[Path], typer.Option(
        "--dir", help="Where the archive goes [default: cache/bench/<sizes>; reused when it exists].")] = None,
    reuse_index: Annotated[bool, typer.Option("--reuse-index", help="Do not rebuild an existing index.")] = False,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the figures as JSON here.")] = None,
) -> None:
    """Generate a synthetic archive with known truth and measure index build, speed, memory and accuracy."""
    import json

    from .bench import format_bench, run_bench

    res = run_bench(statements, articles, quotes_per_article, workers, brute_force, html_share, seed, data_dir,
                    reuse_index, log=lambda m: typer.echo(f"bench: {m}", err=True), vocabulary=vocabulary)
    typer.echo(format_bench(res))
    if json_out:
        from .store import atomic_write_text

        atomic_write_text(json_out, json.dumps(res, indent=1))


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSON lines, as ../shared/dev-gold.jsonl).")],
    paths: PathsArg,
    sources: SourcesOpt = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the figures as JSON here.")] = None,
) -> None:
    """Score verify's own output against a gold file: finding P/R/F1, speaker, source, verdict."""
    import json

    from .evaluate import format_scores, load_gold, score
    from .pipeline import Pipeline

    g, ignore = load_gold(str(gold))
    pipe = Pipeline.from_dir(sources)
    reports = list(pipe.check_paths([str(p) for p in paths], warn=_warn))
    s = score(reports, g, ignore)
    typer.echo(format_scores(s))
    if json_out:
        from .store import atomic_write_text

        atomic_write_text(json_out, json.dumps(s.as_dict(), indent=1, default=str))


def main() -> None:
    """Entry point: VerifyError and bad input become one line on stderr and exit code 2."""
    try:
        rc = app(standalone_mode=False)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except VerifyError as e:
        typer.echo(f"verify: error: {e}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("verify: interrupted", err=True)
        sys.exit(130)
    except TyperException as e:  # usage errors: one line, never the usage box
        msg = e.format_message()
        if msg:  # (no arguments at all: the help has been printed)
            typer.echo(f"verify: error: {msg}", err=True)
        sys.exit(2)
    except typer.Abort:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # anything unexpected: one line, never a traceback
        typer.echo(f"verify: internal error: {type(e).__name__}: {e}", err=True)
        sys.exit(3)
    sys.exit(rc if isinstance(rc, int) else 0)
