"""Check a draft before filing: every quotation, what is wrong, and the wording to paste.

In: one draft file (.txt, .md, .html, or .docx read with python-docx) and a Pipeline. Out: a
`DraftResult` with the findings and, for each quotation that fails, a `Correction`: the source's
exact words for the printed span, or — when the writer cut words from a longer sentence — the
source's words with each cut marked by an ellipsis, so the shortening stays and becomes faithful.
`write_fixed` applies the corrections to a copy of the file (or the file itself, keeping a
backup); misattributions and quotations split over several parts need a person and are left.
"""

from __future__ import annotations

import difflib
import html as _html
import re
import shutil
from pathlib import Path
from typing import Any, Mapping, TextIO

import attrs

from .baseline import is_failure
from .errors import DraftError
from .records import PASSING, Document, DocumentReport, Finding

__all__ = ["Correction", "DraftResult", "DRAFT_SUFFIXES", "read_draft", "check_draft", "suggest",
           "write_fixed", "fixed_path", "render_draft_text", "norm_word", "word_opcodes"]

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")
#: a dropped run of at most this many words is put back rather than marked with an ellipsis:
#: nobody shortens a quotation by one word on purpose, and "prison … sustainable" reads badly
RESTORE_MAX_WORDS = 2
#: source words either side of the matched passage that a printed word at an edge may stand for
CONTEXT_WORDS = 3
_ELLIPSIS = "…"
_WORD = re.compile(r"\S+")
_TRAILING = re.compile(r"[.,;:!?]+$")


@attrs.frozen
class Correction:
    finding: Finding
    suggestion: str | None        # the words to print instead, or None: needs a person
    kind: str                     # exact | cut | manual
    why: str = ""


@attrs.frozen
class DraftResult:
    report: DocumentReport
    corrections: tuple[Correction, ...]              # one per failing finding the baseline leaves
    suppressed: dict[Finding, str] = attrs.field(factory=dict)   # accepted by the baseline: reason

    @property
    def failing(self) -> list[Finding]:
        return [c.finding for c in self.corrections]

    @property
    def suggestions(self) -> dict[Finding, str]:
        return {c.finding: c.suggestion for c in self.corrections if c.suggestion}


# -- reading ------------------------------------------------------------------------------------

def _docx_paragraphs(path: Path) -> tuple[Any, list[Any]]:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - a dependency of the package
        raise DraftError("reading .docx needs python-docx (pip install python-docx)") from None
    try:
        d = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as e:
        raise DraftError(f"{path}: not a Word document python-docx can open ({e})") from None
    except Exception as e:  # zipfile.BadZipFile, lxml errors: a damaged file, not our bug
        raise DraftError(f"{path}: damaged Word document ({type(e).__name__}: {e})") from None
    return d, list(d.paragraphs)


def read_draft(path: str | Path) -> Document:
    """A Document for the draft. A .docx becomes its paragraphs separated by blank lines, so
    each paragraph is one block and offsets map back to (paragraph, character)."""
    from .read import Skipped, read_document, read_text_document

    p = Path(path)
    if p.is_dir():
        raise DraftError(f"{p}: is a folder; `verify draft` checks one file (`verify quotes` checks folders)")
    if not p.is_file():
        raise DraftError(f"{p}: no such draft file")
    if p.suffix.lower() not in DRAFT_SUFFIXES:
        raise DraftError(f"{p}: drafts are {', '.join(DRAFT_SUFFIXES)} files")
    if p.suffix.lower() == ".docx":
        _, paras = _docx_paragraphs(p)
        return read_text_document(str(p), "\n\n".join(para.text for para in paras))
    try:
        return read_document(p)
    except Skipped as e:
        raise DraftError(str(e)) from None


def check_draft(pipeline: Any, path: str | Path, fail_on: tuple[str, ...],
                baseline: str | Path | None = None) -> DraftResult:
    """The draft's findings and a correction for each that fails (and no baseline entry accepts)."""
    from .baseline import Baseline

    doc = read_draft(path)
    report = pipeline.check(doc)
    suppressed = Baseline.load(baseline).suppressed([report]) if baseline else {}
    options = {"fail_on": fail_on, "suppressed": suppressed}
    corrections = tuple(suggest(f) for f in report.findings if is_failure(f, options))
    return DraftResult(report, corrections, suppressed)


# -- suggesting ---------------------------------------------------------------------------------

def norm_word(word: str) -> str:
    """A word as compared: lower case, typographic apostrophes straight, punctuation gone."""
    w = word.lower().replace("’", "'").replace("‘", "'")
    return re.sub(r"[^\w']+", "", w)


def word_opcodes(printed: list[str], source: list[str], lo: int = 0, hi: int | None = None) -> list[tuple[str, int, int, int, int]]:
    """difflib opcodes from the printed words to the source's (compared by `norm_word`), where
    source[lo:hi] is the matched passage and the words around it are context: context the
    quotation does not reach is left out, and a printed word at an edge that stands for context
    words takes as many of them as it has words."""
    hi = len(source) if hi is None else hi
    sm = difflib.SequenceMatcher(None, [norm_word(w) for w in printed], [norm_word(w) for w in source], autojunk=False)
    ops = sm.get_opcodes()
    while ops and ops[0][0] == "insert":
        ops = ops[1:]
    while ops and ops[-1][0] == "insert":
        ops = ops[:-1]
    if ops and ops[0][0] == "replace" and ops[0][3] < lo:
        t, i1, i2, j1, j2 = ops[0]
        ops[0] = (t, i1, i2, max(j1, min(lo, j2 - (i2 - i1))), j2)
    if ops and ops[-1][0] == "replace" and ops[-1][4] > hi:
        t, i1, i2, j1, j2 = ops[-1]
        ops[-1] = (t, i1, i2, j1, min(j2, max(hi, j1 + (i2 - i1))))
    return ops


def suggest(f: Finding) -> Correction:
    """The correction for one failing finding."""
    q = f.quotation
    if f.verdict == "misattributed":
        who = f.source.speaker if f.source else "the source's speaker"
        return Correction(f, None, "manual", f"the words are {who}'s: attribute them to {who}")
    if f.source is None or not f.source_text:
        return Correction(f, None, "manual", "no source holds these words: quote the source or drop the quotation marks")
    if len(q.parts) != 1:
        return Correction(f, None, "manual", "a quotation in several parts: correct each part by hand")
    printed = [m.group() for m in _WORD.finditer(q.text)]
    # the source's words around the matched passage too: a printed word at an edge may stand
    # for one just outside it ("pay for itself" for "sustainable" as the last words)
    text_s = f.source.text
    lo_off = f.source_start if f.source_start is not None else text_s.find(f.source_text)
    if lo_off < 0:
        text_s, lo_off = f.source_text, 0
    hi_off = lo_off + len(f.source_text)
    src = [(m.start(), m.end()) for m in _WORD.finditer(text_s)]
    inside = [k for k, (a, b) in enumerate(src) if a < hi_off and b > lo_off]
    lo, hi = (inside[0], inside[-1] + 1) if inside else (0, len(src))
    start, stop = max(0, lo - CONTEXT_WORDS), min(len(src), hi + CONTEXT_WORDS)
    src = src[start:stop]
    ops = word_opcodes(printed, [text_s[a:b] for a, b in src], lo - start, hi - start)
    pieces: list[str] = []       # source slices and ellipses, in order
    cut = False

    def take(j1: int, j2: int) -> None:
        pieces.append(text_s[src[j1][0]:src[j2 - 1][1]])

    for tag, _i1, _i2, j1, j2 in ops:
        if tag in ("equal", "replace"):
            take(j1, j2)
        elif tag == "insert":          # source words the writer left out
            if j2 - j1 <= RESTORE_MAX_WORDS:
                take(j1, j2)
            else:
                pieces.append(_ELLIPSIS)
                cut = True
        # "delete": words the writer added; the suggestion leaves them out
    if pieces and pieces[-1] == _ELLIPSIS:   # never end on a cut: put the tail back
        pieces.pop()
        cut = _ELLIPSIS in pieces
    text = " ".join(pieces)
    text = re.sub(r"\s*…\s*", " … ", text).strip()
    # the closing punctuation is the writer's: "sustainable,” Bukele wrote" keeps its comma
    text = _TRAILING.sub("", text)
    tail = _TRAILING.search(q.text.rstrip())
    if tail:
        text += tail.group()
    # the first word keeps the writer's capital when it is the same word: "No country's" mid-
    # sentence is printed "no country's", and a quotation opening a sentence keeps its capital
    first_p, first_s = q.text.split(maxsplit=1)[:1], text.split(maxsplit=1)[:1]
    if first_p and first_s and norm_word(first_p[0]) == norm_word(first_s[0]) and first_p[0][:1] != first_s[0][:1]:
        text = first_p[0][:1] + text[1:]
    elif q.text[:1].isupper() and text[:1].islower():
        text = text[:1].upper() + text[1:]
    kind = "cut" if cut else "exact"
    why = "the source's words, with each cut marked" if cut else "the source's exact words"
    return Correction(f, text, kind, why)


# -- fixing -------------------------------------------------------------------------------------

def fixed_path(path: str | Path) -> Path:
    """draft.md -> draft.fixed.md, beside the draft."""
    p = Path(path)
    return p.with_name(f"{p.stem}.fixed{p.suffix}")


def _fixable(result: DraftResult) -> list[Correction]:
    """Corrections that can be applied together, last first so earlier offsets stay valid. Where
    spans overlap (a quotation inside another) the inner, more precise one is applied."""
    spans = [(f.quotation.start, f.quotation.end) for f in result.report.findings]
    chosen: list[Correction] = []
    for c in sorted((c for c in result.corrections if c.suggestion),
                    key=lambda c: c.finding.quotation.end - c.finding.quotation.start):
        q = c.finding.quotation
        if any(q.start <= a and b <= q.end and (a, b) != (q.start, q.end) for a, b in spans):
            continue   # a passage holding a quotation of its own: rewriting it would drop the writer's words
        if all(q.end <= o.finding.quotation.start or q.start >= o.finding.quotation.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.finding.quotation.start, reverse=True)


def _fix_text(doc: Document, corrections: list[Correction]) -> tuple[str, int]:
    raw = doc.raw
    done = 0
    for c in corrections:
        q = c.finding.quotation
        fs, fe = doc.file_span(q.start, q.end)
        piece = raw[fs:fe]
        if doc.origin is not None:
            if "<" in piece or "&" in piece:   # markup or entities inside: a person must do it
                continue
            new = _html.escape(c.suggestion or "", quote=False)
        else:
            new = c.suggestion or ""
        raw = raw[:fs] + new + raw[fe:]
        done += 1
    return raw, done


def _fix_docx(src: Path, dst: Path, doc: Document, corrections: list[Correction]) -> int:
    d, paras = _docx_paragraphs(src)
    starts, pos = [], 0
    for para in paras:
        starts.append(pos)
        pos += len(para.text) + 2
    done = 0
    for c in corrections:
        q = c.finding.quotation
        k = max(i for i, s in enumerate(starts) if s <= q.start)
        para = paras[k]
        a, b = q.start - starts[k], q.end - starts[k]
        runs = list(para.runs)
        if b > len(para.text) or "".join(r.text for r in runs) != para.text:
            continue   # hyperlinks or fields in the paragraph: runs do not cover its text
        off, placed = 0, False
        for run in runs:
            t = run.text
            lo, hi = max(a - off, 0), min(b - off, len(t))
            if lo < hi:
                run.text = t[:lo] + ("" if placed else (c.suggestion or "")) + t[hi:]
                placed = True
            off += len(t)
        done += placed
    try:
        d.save(str(dst))
    except OSError as e:
        raise DraftError(f"{dst}: cannot write ({e.strerror or e})") from None
    return done


def write_fixed(result: DraftResult, in_place: bool = False) -> tuple[Path, int, Path | None]:
    """Apply the corrections. Returns (file written, corrections applied, backup or None)."""
    from .store import atomic_write_bytes

    doc = result.report.document
    if doc is None:
        raise DraftError(f"{result.report.path}: nothing to fix")
    src = Path(doc.path)
    dst = src if in_place else fixed_path(src)
    backup = src.with_name(src.name + ".bak") if in_place else None
    if backup is not None:
        shutil.copy2(src, backup)
    corrections = _fixable(result)
    if src.suffix.lower() == ".docx":
        tmp = dst.with_name(f".{dst.name}.tmp")
        n = _fix_docx(src, tmp, doc, corrections)
        tmp.replace(dst)
        return dst, n, backup
    raw, n = _fix_text(doc, corrections)
    enc = doc.encoding if doc.encoding not in ("utf-16-le", "utf-16-be") else "utf-16"
    atomic_write_bytes(dst, raw.encode(enc))
    return dst, n, backup


# -- plain text output --------------------------------------------------------------------------

def render_draft_text(result: DraftResult, out: TextIO, options: Mapping[str, Any]) -> None:
    """Each problem with the printed words, the source's, the difference and the suggestion."""
    from .report.markdown import diff_summary

    r = result.report
    out.write(f"{r.path}  ({len(r.findings)} quotations)\n")
    suppressed = options.get("suppressed") or {}
    for c in result.corrections:
        f = c.finding
        q = f.quotation
        if f in suppressed:
            continue
        out.write(f"\n{r.path}:{q.line}:{q.column}  {f.verdict}  {q.speaker or 'speaker unknown'}\n")
        out.write(f"  printed:   “{' '.join(q.text.split())}”\n")
        if f.source_text and f.source:
            out.write(f"  source:    “{' '.join(f.source_text.split())}”  [{f.source.id}]\n")
        d = diff_summary(f)
        if d:
            out.write(f"  changed:   {d}\n")
        if c.suggestion:
            label = "suggested" if c.kind == "exact" else "suggested (cut marked)"
            out.write(f"  {label}: “{c.suggestion}”\n")
        else:
            out.write(f"  fix by hand: {c.why}\n")
    shown = [c for c in result.corrections if c.finding not in suppressed]
    failing = {c.finding for c in result.corrections}
    other = [f for f in r.findings if f.verdict not in PASSING and f not in failing and f not in suppressed]
    if other:
        out.write("\nnot failing, but worth a look:\n")
        for f in other:
            q = f.quotation
            why = {"unsourced": "no source holds these words",
                   "translated": "a translation of the source"}.get(f.verdict, f.verdict)
            out.write(f"  {r.path}:{q.line}:{q.column}  {f.verdict}  “{' '.join(q.text.split())}” — {why}\n")
    if not shown:
        out.write("no misquotations: ready to file\n")
    else:
        auto = sum(1 for c in shown if c.suggestion)
        out.write(f"\n{len(shown)} misquotation{'s' if len(shown) != 1 else ''}: "
                  f"{auto} with a suggested correction, {len(shown) - auto} to fix by hand\n")
