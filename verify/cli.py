"""The command line: parses arguments and calls the pipeline. Nothing else lives here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, List, Optional

import typer
from typer.exceptions import TyperException

from .errors import UsageError, VerifyError
from .records import DEFAULT_FAIL_ON, VERDICTS

__all__ = ["app", "main"]

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Find, attribute and check the quotations in news articles against their primary sources.")


# Options shared by every command (sqlite-utils style): defined once, reused everywhere.
SourcesOpt = Annotated[Optional[Path], typer.Option(
    "--sources", help="Folder of primary sources [default: corpus/sources].")]
FormatOpt = Annotated[str, typer.Option(
    "--format", "-f", help="Output format (see `verify formats`).")]
FailOnOpt = Annotated[str, typer.Option(
    "--fail-on", help="Verdicts that make the exit code 1 (comma-separated, or 'none').")]
ColorOpt = Annotated[Optional[bool], typer.Option(
    "--color/--no-color", help="Colour the text output [default: on a terminal].")]
PathsArg = Annotated[List[Path], typer.Argument(help="Article files or folders (searched recursively).")]


def _warn(msg: str) -> None:
    typer.echo(f"warning: {msg}", err=True)


def _fail_on(value: str) -> tuple[str, ...]:
    if value.strip().lower() in ("", "none"):
        return ()
    out = tuple(v.strip().lower() for v in value.split(",") if v.strip())
    bad = [v for v in out if v not in VERDICTS]
    if bad:
        raise UsageError(f"--fail-on: unknown verdict {bad[0]!r} (verdicts: {', '.join(VERDICTS)})")
    return out


@app.command()
def quotes(
    paths: PathsArg,
    sources: SourcesOpt = None,
    format: FormatOpt = "text",
    fail_on: FailOnOpt = ",".join(DEFAULT_FAIL_ON),
    color: ColorOpt = None,
) -> None:
    """Check every quotation in the articles. Exit 0: nothing in --fail-on; 1: some; 2: error."""
    from .pipeline import Pipeline
    from .report import get_reporter

    failing = _fail_on(fail_on)
    write = get_reporter(format)
    pipe = Pipeline.from_dir(sources)
    reports = list(pipe.check_paths([str(p) for p in paths], warn=_warn))
    if not reports:
        raise UsageError("no readable articles (.txt, .md, .html) found in " + ", ".join(map(str, paths)))
    use_colour = sys.stdout.isatty() if color is None else color
    write(reports, sys.stdout, {"color": use_colour, "fail_on": failing})
    if any(f.verdict in failing for r in reports for f in r.findings):
        raise typer.Exit(1)


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
