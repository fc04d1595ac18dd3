"""Reporters: one module per output format, registered by name."""

from __future__ import annotations

from typing import Callable, Iterable, TextIO

from ..records import DocumentReport

__all__ = ["REPORTERS", "reporter", "get_reporter"]

Reporter = Callable[[Iterable[DocumentReport], TextIO, dict], None]
REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    def deco(fn: Reporter) -> Reporter:
        REPORTERS[name] = fn
        return fn
    return deco


def get_reporter(name: str) -> Reporter:
    from . import json as _json, text as _text  # noqa: F401  (registration)

    if name not in REPORTERS:
        from ..errors import UsageError

        raise UsageError(f"unknown format {name!r} (choose from {', '.join(sorted(REPORTERS))})")
    return REPORTERS[name]
