"""The README documents every command and every option of the CLI (STYLE.md §9, as sqlite-utils
checks its docs). The commands are read from the typer app itself, so a command or option added
later fails here until the README says what it does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from verify.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(cmd, path: tuple[str, ...] = ()):
    subs = getattr(cmd, "commands", None)
    if subs:
        for name, sub in sorted(subs.items()):
            if not getattr(sub, "hidden", False):
                yield from _commands(sub, path + (name,))
    else:
        yield path, cmd


COMMANDS = list(_commands(typer.main.get_command(app)))


def _mentioned(word: str) -> bool:
    return re.search(re.escape(word) + r"(?![\w-])", README) is not None


def test_the_app_has_the_commands_of_the_issue() -> None:
    names = {" ".join(p) for p, _ in COMMANDS}
    assert {"quotes", "eval"} <= names


@pytest.mark.parametrize("path, cmd", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_command_and_its_options_are_in_the_readme(path, cmd) -> None:
    name = "verify " + " ".join(path)
    assert _mentioned(name), f"README does not mention `{name}`"
    options = [o for p in cmd.params if p.param_type_name == "option" and not getattr(p, "hidden", False)
               for o in (*p.opts, *p.secondary_opts) if o.startswith("--") and o != "--help"]
    missing = [o for o in options if not _mentioned(o)]
    assert not missing, f"README does not mention these options of `{name}`: {', '.join(missing)}"


def test_format_help_names_every_registered_format() -> None:
    from verify.cli import FORMATS
    from verify.report import formats

    assert sorted(FORMATS) == formats()
    assert all(_mentioned(f"`{name}`") for name in FORMATS)
