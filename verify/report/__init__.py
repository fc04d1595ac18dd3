"""Reporters: one module per output format, registered by name."""

from __future__ import annotations

from typing import Callable, Iterable, TextIO

from ..records import DocumentReport

__all__ = ["REPORTERS", "reporter", "get_reporter", "formats"]

Reporter = Callable[[Iterable[DocumentReport], TextIO, dict], None]
REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    def deco(fn: Reporter) -> Reporter:
        REPORTERS[name] = fn
        return fn
    return deco


_loaded = False


def _load_all() -> None:
    """Import every module of this package once: each registers its formats with @reporter, so a
    new format is one new file and touches nothing else. (Once a process: a parallel run asks
    for its reporter on every chunk, and listing the package's folder each time was a waste.)"""
    global _loaded
    if _loaded:
        return
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    _loaded = True


def formats() -> list[str]:
    _load_all()
    return sorted(REPORTERS)


def get_reporter(name: str) -> Reporter:
    if name not in REPORTERS and name.isidentifier():
        # a format's own module is named after it: only that one is imported (the text
        # reporter's imports typer and rich, which a worker writing JSON lines never uses)
        import importlib

        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
    if name not in REPORTERS:
        _load_all()
    if name not in REPORTERS:
        from ..errors import UsageError

        raise UsageError(f"unknown format {name!r} (choose from {', '.join(sorted(REPORTERS))})")
    return REPORTERS[name]
