"""Provenance output does not depend on the interpreter's string-hash seed: syndication keeps
the smallest word-gram hashes of each article as its sketch, so those hashes must be stable."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = ("from verify.trace import _shingles; "
         "print(sorted(_shingles('the council will not cut a single library hour this year said the mayor'))[:8])")


def test_word_gram_hashes_are_the_same_under_any_hash_seed() -> None:
    outs = set()
    for seed in ("1", "2", "3"):
        p = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60,
                           env={**os.environ, "PYTHONHASHSEED": seed})
        assert p.returncode == 0, p.stderr
        outs.add(p.stdout)
    assert len(outs) == 1, outs
