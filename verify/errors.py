"""Errors verify reports to its users: one line each, never a traceback.

Every error verify raises on purpose is a VerifyError; the CLI prints it as one line,
`verify: error: <message>`, and exits 2. Each message names what was wrong (the file and line,
the URL, the option) and, where it helps, what to do. The tree:

    VerifyError
    ├── InputError            an article path that cannot be read (missing, no articles in it)
    │   └── read.Skipped      one unreadable file among others: a warning, the rest is checked
    ├── UsageError            options or arguments that do not make sense together
    ├── SourceFormatError     a primary-source file or folder: .path, .line, .why
    ├── FetchError            a URL that could not be fetched: .url, .why
    │   ├── RefusedURL        not http(s), or a private address without --allow-private-hosts
    │   ├── NotCached         --offline and no capture in the cache
    │   └── PostDeleted       the post is gone (a tombstone)
    ├── CaptureError          a WARC capture that cannot be read back or fails its digest
    ├── IndexStoreError       the source index database cannot be created, written or read
    ├── ConfigError           a verify.toml / [tool.verify] value that cannot be used
    ├── BaselineError         a baseline file that cannot be read, or an entry without a reason
    └── DraftError            a draft that cannot be read or rewritten

New kinds of failure get a subclass here (and a line in this tree), never a bare Exception:
anything that is not a VerifyError reaching the CLI is a bug, reported as `internal error`
with exit code 3.
"""

__all__ = ["VerifyError", "InputError", "SourceFormatError", "UsageError", "FetchError", "RefusedURL",
           "NotCached", "PostDeleted", "CaptureError", "IndexStoreError",
           "ConfigError", "BaselineError", "DraftError"]


class VerifyError(Exception):
    """Base class: anything the CLI turns into a one-line message and exit code 2."""


class InputError(VerifyError):
    """An article path that cannot be read as an article."""


class UsageError(VerifyError):
    """Arguments that do not make sense together."""


class SourceFormatError(VerifyError):
    """A primary-source file that does not follow the `key: value` / `---` / text format."""

    def __init__(self, path: str, line: int, why: str) -> None:
        # line 0: the folder or the file as a whole, no line to point at
        super().__init__(f"{path}:{line}: {why}" if line > 0 else f"{path}: {why}")
        self.path, self.line, self.why = path, line, why


class FetchError(VerifyError):
    """A URL that could not be fetched (HTTP error, timeout, size cap, redirect loop …); names the URL."""

    def __init__(self, url: str, why: str) -> None:
        super().__init__(f"{url}: {why}")
        self.url, self.why = url, why


class RefusedURL(FetchError):
    """A URL verify will not fetch: not http(s), or a private/loopback/link-local address
    (articles are untrusted input; --allow-private-hosts lifts the address check)."""


class NotCached(FetchError):
    """--offline and no capture of this URL in the cache."""


class PostDeleted(FetchError):
    """The post exists no more: the endpoint answered with a tombstone."""


class CaptureError(VerifyError):
    """A WARC capture or its index that cannot be read back or does not match its digest."""


class IndexStoreError(VerifyError):
    """The source index (a sqlite file under cache/) cannot be created, written or read: names
    the file and says how to put it elsewhere."""


class ConfigError(VerifyError):
    """A `[tool.verify]` / verify.toml value or a CLI setting that cannot be used; names the key."""


class BaselineError(VerifyError):
    """A baseline file that cannot be read, or an entry in it without a reason."""


class DraftError(VerifyError):
    """A draft that cannot be read or rewritten (a .docx python-docx cannot open, …)."""
