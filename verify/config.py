"""Settings from `[tool.verify]` in pyproject.toml or from a verify.toml, merged with the CLI.

In: a folder to search upwards from (or an explicit file) and the options given on the command
line. Out: one frozen `Settings`. Precedence is CLI > file > defaults: a value the user typed
wins, a value written in the project's file comes next, the built-in default last.

    # verify.toml (keys at the top level, or under [tool.verify] as in pyproject.toml)
    sources = "corpus/sources"          # relative to the file's folder
    fail-on = ["altered", "paraphrase", "misattributed"]
    fragment-length = 3                 # quotations of 1..N words are fragments
    baseline = "verify-baseline.json"
    allow-private-hosts = false         # fetching: allow private/loopback/link-local addresses
    [thresholds]
    sourced-min-coverage = 0.5          # share of words found in a source to be sourced at all
    altered-min-coverage = 0.7          # below this a sourced quotation is a paraphrase
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Mapping

import attrs

from .errors import ConfigError
from .records import DEFAULT_FAIL_ON, VERDICTS

__all__ = ["ConfigError", "Settings", "THRESHOLDS", "find_config_file", "load_file_settings",
           "resolve", "parse_fail_on", "parse_cli_thresholds"]

#: threshold name in the file / on the CLI -> the field of judge.Limits it sets
THRESHOLDS = {"sourced-min-coverage": "sourced_min_coverage",
              "altered-min-coverage": "altered_min_coverage"}
_KEYS = {"sources", "fail-on", "fragment-length", "thresholds", "baseline", "allow-private-hosts"}



@attrs.frozen
class Settings:
    sources: Path | None = None
    fail_on: tuple[str, ...] = DEFAULT_FAIL_ON
    fragment_length: int = 3
    thresholds: Mapping[str, float] = attrs.field(factory=dict)
    baseline: Path | None = None
    allow_private_hosts: bool = False      # the fetcher's address guard, lifted (tests, intranets)
    config_file: Path | None = None        # where file values came from, for messages

    def limits(self):
        """The judge's limits these settings ask for (judge.Limits)."""
        from .judge import Limits

        return Limits(fragment_max_words=self.fragment_length,
                      **{THRESHOLDS[k]: v for k, v in self.thresholds.items()})


def parse_fail_on(value: str | list[str] | tuple[str, ...], where: str = "--fail-on") -> tuple[str, ...]:
    """'altered,paraphrase' / ['altered'] / 'none' -> a tuple of verdicts, checked."""
    items = value.split(",") if isinstance(value, str) else list(value)
    if not isinstance(value, str) and not all(isinstance(v, str) for v in items):
        raise ConfigError(f"{where}: expected verdict names, got {value!r}")
    items = [v.strip().lower() for v in items if v.strip()]
    if items in ([], ["none"]):
        return ()
    bad = [v for v in items if v not in VERDICTS]
    if bad:
        raise ConfigError(f"{where}: unknown verdict {bad[0]!r} (verdicts: {', '.join(VERDICTS)})")
    return tuple(items)


def _fragment_length(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 20:
        raise ConfigError(f"{where}: fragment-length must be a whole number from 0 to 20, got {value!r}")
    return value


def _threshold(name: str, value: Any, where: str) -> float:
    if name not in THRESHOLDS:
        raise ConfigError(f"{where}: unknown threshold {name!r} (known: {', '.join(THRESHOLDS)})")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise ConfigError(f"{where}: threshold {name} must be a number from 0 to 1, got {value!r}")
    return float(value)


def find_config_file(start: Path) -> Path | None:
    """The nearest verify.toml, or pyproject.toml with a [tool.verify] table, from `start` up."""
    here = start.resolve()
    for folder in (here, *here.parents):
        vt = folder / "verify.toml"
        if vt.is_file():
            return vt
        pp = folder / "pyproject.toml"
        if pp.is_file() and "tool" in (data := _read_toml(pp)) and "verify" in data["tool"]:
            return pp
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None


def load_file_settings(path: Path) -> dict[str, Any]:
    """The values a config file sets, validated, as Settings field names -> values."""
    data = _read_toml(path)
    table = data.get("tool", {}).get("verify") if "tool" in data else None
    if table is None:
        if path.name == "pyproject.toml":
            return {}
        table = data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.verify] must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    out: dict[str, Any] = {}
    base = path.parent
    for key in ("sources", "baseline"):
        if key in table:
            if not isinstance(table[key], str):
                raise ConfigError(f"{path}: {key} must be a path string")
            out[key] = base / table[key]
    if "fail-on" in table:
        out["fail_on"] = parse_fail_on(table["fail-on"], f"{path}: fail-on")
    if "allow-private-hosts" in table:
        if not isinstance(table["allow-private-hosts"], bool):
            raise ConfigError(f"{path}: allow-private-hosts must be true or false")
        out["allow_private_hosts"] = table["allow-private-hosts"]
    if "fragment-length" in table:
        out["fragment_length"] = _fragment_length(table["fragment-length"], str(path))
    if "thresholds" in table:
        th = table["thresholds"]
        if not isinstance(th, dict):
            raise ConfigError(f"{path}: thresholds must be a table")
        out["thresholds"] = {k: _threshold(k, v, str(path)) for k, v in th.items()}
    return out


def parse_cli_thresholds(items: list[str]) -> dict[str, float]:
    """['altered-min-coverage=0.8'] -> {'altered-min-coverage': 0.8}."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            raise ConfigError(f"--threshold: expected NAME=VALUE, got {item!r}")
        try:
            number = float(value)
        except ValueError:
            raise ConfigError(f"--threshold: {value!r} is not a number") from None
        out[name.strip()] = _threshold(name.strip(), number, "--threshold")
    return out


def resolve(cli: Mapping[str, Any], config: Path | None = None, start: Path | None = None) -> Settings:
    """Defaults, then the config file, then the CLI values (only the options actually given:
    callers pass nothing for an option left at its default)."""
    path = config if config is not None else find_config_file(start or Path.cwd())
    if config is not None and not config.is_file():
        raise ConfigError(f"{config}: no such config file")
    values: dict[str, Any] = {}
    if path is not None:
        values.update(load_file_settings(path))
    thresholds = dict(values.pop("thresholds", {}))
    cli = dict(cli)
    thresholds.update(cli.pop("thresholds", {}) or {})
    if "fragment_length" in cli:
        cli["fragment_length"] = _fragment_length(cli["fragment_length"], "--fragment-length")
    values.update({k: v for k, v in cli.items() if v is not None})
    return Settings(**values, thresholds=thresholds, config_file=path)
