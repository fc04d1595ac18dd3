"""Atomic writes: old content or new content, never half, no temporary files left, modes kept."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from verify.store import atomic_write_bytes, atomic_write_text


def test_write_and_replace(tmp_path: Path) -> None:
    p = tmp_path / "deep" / "er" / "a.txt"
    atomic_write_text(p, "first “one”")
    assert p.read_text(encoding="utf-8") == "first “one”"
    atomic_write_bytes(p, b"second")
    assert p.read_bytes() == b"second"
    assert [x.name for x in p.parent.iterdir()] == ["a.txt"]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("old")

    with pytest.raises(TypeError):   # fails in the middle: after the temporary file was made
        atomic_write_bytes(p, "not bytes")          # type: ignore[arg-type]
    assert p.read_text() == "old"
    assert [x.name for x in tmp_path.iterdir()] == ["a.txt"]


def test_modes(tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    atomic_write_text(new, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~mask     # not mkstemp's private 0600
    kept = tmp_path / "kept.txt"
    kept.write_text("x")
    kept.chmod(0o640)
    atomic_write_text(kept, "y")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
