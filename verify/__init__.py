"""verify: find every quotation in a folder of articles, work out who is quoted, link it to its
primary source and judge the printed wording against it.

The public API is what `__all__` names; everything else is private and may change::

    import verify
    for report in verify.check_articles("articles/", sources="corpus/sources"):
        for f in report.findings:
            print(f.quotation.line, f.quotation.speaker, f.verdict, f.source and f.source.id)

`check_articles` reads, finds, attributes and judges; `load_sources` parses a source folder;
`read_document` + `Pipeline.check` do one article at a time. Records are frozen attrs classes
(records.py); every deliberate failure is a `VerifyError` (errors.py lists the tree).
"""

from .errors import InputError, SourceFormatError, UsageError, VerifyError
from .pipeline import Pipeline, check_articles
from .read import read_document
from .records import (DEFAULT_FAIL_ON, PASSING, VERDICTS, Block, DiffOp, Document, DocumentReport, Finding,
                      Quotation, Source)
from .sources import load_sources

__version__ = "0.1.0"
__all__ = [
    "__version__",
    # checking articles
    "check_articles", "Pipeline", "read_document", "load_sources",
    # records
    "Document", "Block", "Quotation", "Source", "Finding", "DiffOp", "DocumentReport",
    "VERDICTS", "PASSING", "DEFAULT_FAIL_ON",
    # errors
    "VerifyError", "InputError", "UsageError", "SourceFormatError",
]
