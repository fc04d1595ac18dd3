"""The pipeline: read -> find -> attribute -> match/judge, one document at a time."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Callable, Iterator

import attrs

from .attribute import attribute
from .errors import InputError
from .find import find_quotations
from .judge import DEFAULT_LIMITS, Limits, is_fragment, judge, quotation_tokens
from .match import SourceIndex, is_generic_body, is_organization_of, is_questioner, said_at, same_speaker
from .read import Skipped, iter_article_paths, read_document
from .records import SPEAKER_FROM_SOURCE, Document, DocumentReport, Finding, Source
from .sources import default_sources_dir, load_sources
from .text import language_of

__all__ = ["Pipeline", "check_document", "check_articles"]


#: a speaker that is only letters: "SG", "OBM", "U.N", "CFO"
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,4}")


def check_document(doc: Document, index: SourceIndex, sources: list[Source],
                   limits: Limits = DEFAULT_LIMITS) -> DocumentReport:
    """All findings of one document, in text order (furniture left out), judged within `limits`."""
    with index.reading():   # the document's reads share one transaction
        return _check_document(doc, index, sources, limits)


def _check_document(doc: Document, index: SourceIndex, sources: list[Source], limits: Limits) -> DocumentReport:
    quotes = find_quotations(doc, index.verbatim)
    quotes = [q for q in quotes if q.zone == "body"]
    quotes = attribute(doc, quotes, sources)
    findings: list[Finding] = []
    # the article's language is guessed only if a quotation too short to tell its own asks for it
    language = functools.cache(lambda: language_of(doc.text[:20_000]))
    qts = [quotation_tokens(q) for q in quotes]
    # the candidates of every quotation looked up by its words, read in one go
    index.prefetch([qt for q, qt in zip(quotes, qts, strict=True) if qt.words and not is_fragment(q, qt, limits)])
    for q, qt in zip(quotes, qts, strict=True):
        f = judge(q, index, q.speaker, language, limits, qt)
        if f.verdict == "misattributed" and (q.speaker_cue == "float" or _ACRONYM.fullmatch(q.speaker)
                                             and not any(same_speaker(q.speaker, s) for s in sources)):
            # no evidence that the words are somebody else's: a speaker only carried over from an
            # earlier quotation (no cue names one for these words: over the fixtures such a float
            # was wrong 22 times for 3 real misattributions), or letters no statement's speaker or
            # organisation answers to ("the SG", "OBM said", an office or a body the library does
            # not know). Judged as credited to nobody named: who is quoted is the statement's speaker
            q = attrs.evolve(q, speaker=None, speaker_cue=None)
            f = judge(q, index, None, language, limits, qt)
        said = said_at(f.source, f.source_start) if f.source is not None else None
        if said is not None and q.speaker and is_organization_of(q.speaker, said) and said.speaker:
            # "the State Department said": the statement's named speaker for that organisation
            # ("China said": the envoy whose turn of a transcript is labelled "(China)")
            f = attrs.evolve(f, quotation=attrs.evolve(q, speaker=said.speaker, speaker_cue="organization"))
        elif said is not None and not q.speaker and said.speaker and not is_questioner(said):
            # words the article credits to nobody it names (a headline, "a spokesperson said", a
            # quotation whose attribution was not found) that a statement holds: who is quoted
            # is that statement's speaker (a transcript's: the turn's), marked as found there
            f = attrs.evolve(f, quotation=attrs.evolve(q, speaker=said.speaker, speaker_cue=SPEAKER_FROM_SOURCE))
        elif is_generic_body(q.speaker):
            # "the union said" with none of its statements found: somebody unnamed
            f = attrs.evolve(f, quotation=attrs.evolve(q, speaker=None, speaker_cue="unnamed"))
        findings.append(f)
    return DocumentReport(doc.path, tuple(findings), document=doc)


@attrs.define
class Pipeline:
    """Sources loaded once; documents checked one by one."""

    sources: list[Source]
    index: SourceIndex
    limits: Limits = DEFAULT_LIMITS

    @classmethod
    def from_dir(cls, sources_dir: str | Path | None = None, brute_force: bool = False,
                 index_path: str | Path | None = None, sync: bool = True,
                 limits: Limits = DEFAULT_LIMITS) -> "Pipeline":
        """Sources matched through the persistent index (verify/index.py, synced with the folder
        unless sync=False), or with brute_force=True by scanning every source in memory; the
        judge works within `limits`."""
        folder = Path(sources_dir) if sources_dir else default_sources_dir()
        if brute_force:
            srcs = load_sources(folder)
            return cls(srcs, SourceIndex(srcs), limits)
        from .index import IndexedSources, SourceStore, default_index_path

        path = Path(index_path) if index_path else default_index_path(folder)
        store = SourceStore.sync(path, folder) if sync else SourceStore(path)
        return cls(store.roster(), IndexedSources(store), limits)

    def check_paths(self, paths: list[str], warn=None) -> Iterator[DocumentReport]:
        """Reports for every readable article under `paths`; unreadable files are warned about
        through `warn(message)` and skipped."""
        for path in iter_article_paths(paths):
            try:
                doc = read_document(path)
            except Skipped as e:
                if warn:
                    warn(str(e))
                continue
            yield self.check(doc)

    def check(self, doc: Document, limits: Limits | None = None) -> DocumentReport:
        """One article's report, within `limits` (default: the pipeline's)."""
        return check_document(doc, self.index, self.sources, limits or self.limits)

    def check_text(self, text: str, path: str = "<text>") -> DocumentReport:
        from .read import read_text_document

        return self.check(read_text_document(path, text))


def check_articles(paths: str | Path | list[str | Path], sources: str | Path | None = None,
                   warn: Callable[[str], None] | None = None) -> list[DocumentReport]:
    """The library's front door: a report per readable article under `paths` (files, or folders
    searched recursively), checked against the source folder `sources` (default corpus/sources/).
    Unreadable files are passed to `warn(message)` and skipped; a missing path or a malformed
    source raises a VerifyError."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return list(Pipeline.from_dir(sources).check_paths([str(p) for p in paths], warn=warn))


def require_articles(paths: list[str]) -> None:
    for p in paths:
        if not Path(p).exists():
            raise InputError(f"{p}: no such file or folder")
