"""A progress bar on stderr for long runs, drawn with rich.

Shown only when stderr is a terminal, the run is not --quiet and there is more than one article:
a log file or a CI job gets no control characters, and a single article has nothing to show.
"""

from __future__ import annotations

import sys
from typing import Iterable, Iterator, TextIO, TypeVar

__all__ = ["progress", "wants_progress"]

T = TypeVar("T")


def wants_progress(quiet: bool, stream: TextIO | None = None) -> bool:
    stream = stream if stream is not None else sys.stderr
    return not quiet and hasattr(stream, "isatty") and stream.isatty()


def progress(items: Iterable[T], total: int, enabled: bool, label: str = "checking",
             stream: TextIO | None = None) -> Iterator[T]:
    """Yield `items`, advancing a bar of `total` steps on stderr when `enabled` and total > 1."""
    if not enabled or total <= 1:
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=stream if stream is not None else sys.stderr)
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)
