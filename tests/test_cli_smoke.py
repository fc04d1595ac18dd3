"""The installed `verify` command, run as a user runs it: exit codes and JSON on the sample."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample"


def _verify(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("verify", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-m", "verify"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=120)


def test_sample_misquotations_exit_1_with_json_fields() -> None:
    p = _verify("quotes", str(SAMPLE), "--format", "json")
    assert p.returncode == 1, p.stderr
    out = json.loads(p.stdout)
    quotes = [q for d in out["documents"] for q in d["quotes"]]
    assert {"text", "start", "end", "line", "column", "kind", "speaker", "verdict", "source",
            "source_text", "score", "diff"} <= set(quotes[0])
    assert any(q["verdict"] == "altered" for q in quotes)


def test_fail_on_none_exits_0() -> None:
    p = _verify("quotes", str(SAMPLE), "--fail-on", "none", "--format", "json")
    assert p.returncode == 0, p.stderr


def test_usage_error_is_one_line_exit_2() -> None:
    p = _verify("quotes", str(SAMPLE), "--no-such-option")
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1
