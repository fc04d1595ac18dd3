"""Shared test helpers: the CLI run in-process as a user runs it, a private cache per session,
and the hypothesis profile.

`run_cli` goes through `verify.cli.main`, the installed command's entry point, so exit codes and
the one-line error messages are the real ones; tests/test_cli.py also runs the installed command
as a subprocess. The session's cache (source index databases) lives in a temporary folder: test
runs leave nothing in the checkout and concurrent runs do not share an sqlite file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, NamedTuple

import pytest
from hypothesis import settings

# property tests draw the same examples on every run, so a build is never red by the luck of
# the draw; VERIFY_EXPLORE=1 draws new ones (run it now and then to find new failures)
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("explore" if os.environ.get("VERIFY_EXPLORE") else "repeatable")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SAMPLE = FIXTURES / "sample"
INPUT = FIXTURES / "input"
SOURCES = ROOT / "corpus" / "sources"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    if os.environ.get("VERIFY_CACHE"):
        yield
        return
    os.environ["VERIFY_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    try:
        yield
    finally:
        os.environ.pop("VERIFY_CACHE", None)


class Run(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run `verify ARGS...` in this process through the real entry point."""
    from verify.cli import main

    def run(*args: str | Path) -> Run:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["verify", *map(str, args)])
        try:
            main()
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run
