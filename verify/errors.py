"""Errors verify reports to its users: one line each, never a traceback."""

__all__ = ["VerifyError", "InputError", "SourceFormatError", "UsageError"]


class VerifyError(Exception):
    """Base class: anything the CLI turns into a one-line message and exit code 2."""


class InputError(VerifyError):
    """An article path that cannot be read as an article."""


class UsageError(VerifyError):
    """Arguments that do not make sense together."""


class SourceFormatError(VerifyError):
    """A primary-source file that does not follow the `key: value` / `---` / text format."""

    def __init__(self, path: str, line: int, why: str) -> None:
        super().__init__(f"{path}:{line}: {why}")
        self.path, self.line, self.why = path, line, why
