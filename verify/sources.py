"""Primary sources: one statement per file, a `key: value` header, a `---` line, the text."""

from __future__ import annotations

import functools
import re
from itertools import chain
from pathlib import Path

from .errors import SourceFormatError
from .read import Skipped, decode
from .records import Source
from .text import strip_accents

__all__ = ["KNOWN_KEYS", "KINDS", "parse_source", "load_sources", "default_sources_dir", "voice_at", "turn_at", "has_voices"]

KNOWN_KEYS = frozenset({"id", "url", "speaker", "handle", "organization", "kind", "published",
                        "provenance", "truncated", "title", "language", "outlet", "date"})
#: (remarks: what state.gov and the White House title "Remarks to the Press", a speech's record)
#: the kinds the README names (a court's opinion or ruling, a letter or memo, testimony, a filing and
#: an official report are primary statements too); any other one-word kind is taken as it is
KINDS = frozenset({"post", "release", "transcript", "interview", "statement", "speech", "remarks", "article",
                   "letter", "memo", "opinion", "ruling", "testimony", "filing", "report", "email", "video", "podcast"})
_KIND_WORD = re.compile(r"[a-z][a-z-]{1,30}")
_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def default_sources_dir() -> Path:
    """corpus/sources/ of the project checkout (or of the installed data, when packaged)."""
    here = Path(__file__).resolve().parent
    for cand in (here.parent / "corpus" / "sources", here / "corpus" / "sources"):
        if cand.is_dir():
            return cand
    return here.parent / "corpus" / "sources"


def parse_source(path: str, text: str) -> Source:
    """Parse one source file; a malformed one raises SourceFormatError naming file and line."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    sep = None
    for n, line in enumerate(lines, start=1):
        s = line.strip()
        if s == "---":
            sep = n
            break
        if not s:
            continue
        m = _KEY.match(s)
        if not m:
            raise SourceFormatError(path, n, f"expected a `key: value` header line or `---`, got {s[:40]!r}")
        key = m.group(1).lower()
        if key in meta:
            raise SourceFormatError(path, n, f"duplicate header key {key!r}")
        meta[key] = m.group(2).strip()
    if sep is None:
        raise SourceFormatError(path, len(lines), "no `---` line ends the header")
    if "id" not in meta:
        raise SourceFormatError(path, 1, "the header has no `id:` line")
    if not _ID.match(meta["id"]):
        raise SourceFormatError(path, _line_of(lines, "id"), f"bad id {meta['id']!r}")
    kind = meta.get("kind")
    if kind and kind.lower() not in KINDS and not _KIND_WORD.fullmatch(kind.lower()):
        # (a kind of its own, "order", "report", is a statement like any other: only a transcript
        # or an interview is read for turns, and a post is traced as a post)
        raise SourceFormatError(path, _line_of(lines, "kind"),
                                f"bad kind {kind!r}: one word, such as {', '.join(sorted(KINDS))}")
    trunc = meta.get("truncated", "false").lower()
    if trunc not in ("true", "false", "yes", "no", ""):
        raise SourceFormatError(path, _line_of(lines, "truncated"), f"truncated must be true or false, got {trunc!r}")
    body = "\n".join(lines[sep:]).strip("\n")
    if not body.strip():
        raise SourceFormatError(path, sep + 1, "the source has no text after `---`")
    return Source(id=meta["id"], text=body, path=path, url=meta.get("url"), speaker=meta.get("speaker") or None,
                  handle=meta.get("handle") or None, organization=meta.get("organization") or None,
                  kind=(kind or None) and kind.lower(), published=meta.get("published"),
                  provenance=meta.get("provenance"), truncated=trunc in ("true", "yes"),
                  text_line=sep + 1, meta=meta)


def _line_of(lines: list[str], key: str) -> int:
    for n, line in enumerate(lines, start=1):
        if line.strip().lower().startswith(key + ":"):
            return n
    return 1


def load_sources(folder: str | Path) -> list[Source]:
    """All source files (*.txt, *.md) of a folder, sorted by path; ids must be unique."""
    root = Path(folder)
    if not root.is_dir():
        raise SourceFormatError(str(root), 0, "sources folder not found")
    out: list[Source] = []
    seen: dict[str, str] = {}
    for p in sorted(root.rglob("*")):
        if not p.is_file() or p.suffix.lower() not in (".txt", ".md") or p.name.startswith("."):
            continue
        if p.name.lower() in ("readme.md", "readme.txt"):
            continue
        try:
            text, _ = decode(p.read_bytes(), str(p))
        except Skipped as e:
            raise SourceFormatError(str(p), 1, str(e).split(": ", 1)[-1]) from None
        src = parse_source(str(p), text)
        if src.id in seen:
            raise SourceFormatError(str(p), _line_of(text.split("\n"), "id"),
                                    f"id {src.id!r} is already used by {seen[src.id]}")
        seen[src.id] = str(p)
        out.append(src)
    return out


#: a label's end: up to two parentheses, the speaker's affiliation first ("(Labour—Invercargill)",
#: a UN record's "Mr. Sokolin (Russian Federation) (spoke in Russian):"), then the colon
_LABEL_END = r"(?:[ \t]*\((?P<aff>[^()\n]{0,80})\))?(?:[ \t]*\([^()\n]{0,80}\))?[ \t]*:[ \t]"
# A transcript's turns: a line opening with its speaker's label in capitals ("MS. VARGA:",
# "HEMI TAKEREI (Labour—Invercargill):", "Hon RUTH CALLOWAY:", "Q:", "QUESTION (Reuters):").
# (capitals with accents too: "GENEVIÈVE LACHANCE:")
_TURN = re.compile(r"^[ \t]*(?P<label>(?:(?:Hon|Mr|Mrs|Ms|Dr)\.?[ \t]+)?[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]*"
                   r"(?:[ \t]+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’-]*){0,4})"
                   + _LABEL_END, re.MULTILINE)
#: who presides over a hearing or a court: "THE COMMISSIONER:", "THE COURT:"
_PRESIDING = frozenset("COMMISSIONER COURT CHAIR CHAIRMAN CHAIRWOMAN CHAIRPERSON CORONER MAGISTRATE SPEAKER".split())
#: a courtroom's other parties, labelled by their role ("THE DEFENDANT:")
_COURT_ROLES = frozenset("DEFENDANT PLAINTIFF JUROR FOREPERSON CLERK BAILIFF INTERPRETER PROSECUTION DEFENCE DEFENSE "
                         "APPELLANT RESPONDENT CLAIMANT".split())
#: how a presiding officer's label opens: "THE COURT:", "Mr Speaker:", "Madam Deputy Speaker:"
_ADDRESS = frozenset("THE MR MADAM MRS MS".split())
#: the voice of a turn whose label names an office only, not the speaker's: somebody unnamed
UNNAMED_VOICE = "\u2020"
#: a turn labelled with a name as printed: "Adaeze Nwosu:", "Operator:", "Analyst:"
_NAMED_TURN = re.compile(r"^[ \t]*(?P<label>(?:[A-Z][a-z][\w.'’-]*(?:[ \t]+(?:de|van|von|da|del|la|le|bin|al)?[ \t]*"
                         r"[A-Z][\w.'’-]+){1,3}|Operator|Moderator|Question|Answer|Host|Interviewer))"
                         + _LABEL_END, re.MULTILINE)
#: labels of somebody asking: never the statement's speaker
ASKERS = frozenset("Q QUESTION REPORTER REPORTERS HOST INTERVIEWER MODERATOR AUDIENCE OPERATOR PARTICIPANT "
                    "ANCHOR PRESENTER CALLER PRESS JOURNALIST".split())
#: words of a label that are an office or a form of address, not a name
_LABEL_TITLES = frozenset("THE MR MRS MS DR HON SIR LORD LADY DAME MADAM SECRETARY PRESIDENT MINISTER PRIME DEPUTY VICE "
                          "SENATOR SEN REP REPRESENTATIVE GOVERNOR GOV MAYOR CHAIR CHAIRMAN CHAIRWOMAN SPEAKER FOREIGN "
                          "AMBASSADOR GENERAL JUDGE JUSTICE COMMISSIONER SPOKESPERSON SPOKESMAN SPOKESWOMAN OF STATE "
                          "PROFESSOR PROF CEO COUNCILLOR COUNCILMAN COUNCILWOMAN KC QC MP A ANSWER TRANSCRIPT TREASURER "
                          "CHANCELLOR PREMIER LEADER OPPOSITION SHADOW ATTORNEY SOLICITOR ADVOCATE SENIOR "
                          # a court record's "THE WITNESS:" (a testimony's speaker), "THE DEPONENT:"
                          "WITNESS DEPONENT".split())


def voice_at(source: Source, pos: int) -> str | None:
    """Who speaks at offset `pos` of a transcript when it is somebody else than the source's
    speaker: the name on that turn's label ("COLIN MACASKILL:" -> "Colin Macaskill"), or "" for
    a question ("Q:", "REPORTER:"); None for the speaker's own words (and for any source with no
    turns). A transcript holds every voice's words: a senator quoted from a hearing's record is
    that senator, and a reporter's question printed as the minister's words is not hers. A label
    is the speaker's when it holds a word of the speaker's name; one naming an office only
    ("THE PRESIDENT:", "A:") is left as the speaker's."""
    turn = turn_at(source, pos)
    return turn[2] if turn is not None else None


def turn_at(source: Source, pos: int) -> tuple[int, int, str, str] | None:
    """(start, end, voice, affiliation) of the turn of another voice holding offset `pos` (see
    voice_at); the affiliation is what the label puts in parentheses after the name ("China" for
    "Mr. Zhao Minghui (China):", "Labour—Invercargill"), or ""."""
    for turn in _voices(source.text, source.speaker or "", _named_turns(source), source.organization or "",
                        source.provenance or ""):
        if turn[0] <= pos < turn[1]:
            return turn
    return None


def has_voices(source: Source) -> bool:
    """Whether the source is a transcript with turns of other voices than its speaker's."""
    return bool(_voices(source.text, source.speaker or "", _named_turns(source), source.organization or "",
                        source.provenance or ""))


def _named_turns(source: Source) -> bool:
    """Whether turns may be labelled with names as printed ("Adaeze Nwosu:", an earnings call's
    "Operator:"), not only in capitals: in a transcript or an interview, where a line opening
    with a name and a colon is a turn (in a letter, "Dear Colleagues:" is not)."""
    return (source.kind or "").lower() in ("transcript", "interview")


def _full_name_of(word: str, text: str, provenance: str) -> str | None:
    """The full name a one-word label in capitals stands for, when the transcript or its header
    prints it right after that first name ("I'm Owen Pratt", "hosts Nadia Kessler and …"), or
    right before that surname ("HOLLIS:" of a debate whose header lists "Lt. Gov. Dana Hollis")."""
    word = word.capitalize()
    both = provenance + "\n" + text
    m = re.search(r"\b" + re.escape(word) + r"\s+([A-Z][\w'’-]+)", both)
    if m:
        return f"{word} {m.group(1)}"
    for m in re.finditer(r"\b([A-Z][\w'’-]+)\s+" + re.escape(word) + r"\b", both):
        if m.group(1).upper() not in _LABEL_TITLES and m.group(1).upper() not in _TITLE_WORDS:
            return f"{m.group(1)} {word}"   # (not "Governor Hollis", "Mayor Strand")
    return None


def _role_of(speaker: str, text: str, provenance: str) -> str:
    """The asking role ("MODERATOR", "HOST") a transcript or its header gives its own speaker
    ("MODERATOR:\nNaomi Feld", "moderated by Naomi Feld", "Naomi Feld, host"), or ""."""
    if not speaker:
        return ""
    both = provenance + "\n" + text[:3000]
    name = re.escape(speaker)
    for m in chain(re.finditer(r"\b(\w+)(?:\s+by)?\s*[:,]?\s+" + name + r"\b", both),
                   re.finditer(name + r",\s+(?:the\s+)?(\w+)\b", both)):
        word = m.group(1).upper()
        word = {"MODERATED": "MODERATOR", "HOSTED": "HOST"}.get(word, word)
        if word in _HELD_ROLES:
            return word
    return ""


#: the asking labels that are a person's role (not "Q:", "REPORTER:", "AUDIENCE:")
_HELD_ROLES = frozenset("MODERATOR HOST ANCHOR INTERVIEWER PRESENTER".split())


#: titles a transcript prints before a surname, beyond a label's own ("Lieutenant Governor Hollis")
_TITLE_WORDS = frozenset("LIEUTENANT LT COUNCILMEMBER ALDERMAN ASSEMBLYMAN ASSEMBLYWOMAN CONGRESSMAN CONGRESSWOMAN "
                         "DETECTIVE SHERIFF CHIEF INSPECTOR SERGEANT OFFICER CAPTAIN COLONEL MAJOR FATHER SISTER "
                         "BISHOP RABBI IMAM REVEREND REV PROVOST DEAN COACH".split())


@functools.lru_cache(maxsize=128)   # (holds the texts: a long transcript each)
def _voices(text: str, speaker: str, named: bool = False, organization: str = "",
            provenance: str = "") -> tuple[tuple[int, int, str, str], ...]:
    if ":" not in text or not speaker:
        return ()
    turns = list(_TURN.finditer(text))
    if named:
        titled = list(_NAMED_TURN.finditer(text))
        if len(titled) >= 2:
            turns = sorted(turns + titled, key=lambda m: m.start())
    if len(turns) < 2:
        return ()
    own = {w.upper() for w in re.findall(r"[\w’'-]+", strip_accents(speaker)) if len(w) > 1}
    labels = [[w.strip(".") for w in strip_accents(m.group("label")).upper().split()] for m in turns]
    # surnames of the people the transcript labels in full ("ROSALIND MERCER", later "MERCER")
    surnames = {ws[-1] for ws in labels if len([w for w in ws if w not in _LABEL_TITLES]) >= 2}
    out = []
    own_role = _role_of(speaker, text, provenance)
    for k, (m, words) in enumerate(zip(turns, labels, strict=True)):
        names = [w for w in words if w not in _LABEL_TITLES]
        if words[0] in ASKERS and words[0] == own_role:
            continue   # "MODERATOR:" of a debate whose header names its speaker as the moderator
        if words[0] in ASKERS:
            voice = ""
        elif words[0] == "THE" and len(words) == 2 and words[1] in _COURT_ROLES:
            # "THE DEFENDANT:", "THE CLERK:" in a judge's record: somebody the label does not name
            # (the article may: the words are not evidence against its name)
            voice = UNNAMED_VOICE
        elif words[0] in _ADDRESS and len(words) >= 2 and words[-1] in _PRESIDING \
                and all(w == "DEPUTY" for w in words[1:-1]):
            if words[-1] in strip_accents(organization).upper():
                continue   # "THE COURT:" in the record of a court's own judge: the speaker's turn
            # "THE COMMISSIONER:", "THE COURT:" in a witness's transcript, "Mr Speaker:" in a
            # parliament's record of the prime minister's answers: the presiding officer,
            # somebody other than the speaker whom the label does not name
            voice = UNNAMED_VOICE
        elif any(w in own for w in words) or not names:
            continue   # the speaker's own turn, or an office only (maybe the speaker's)
        elif len(names) == len(words) == 1 and names[0] not in surnames:
            # a first name the transcript or its header gives in full ("OWEN:" of "I'm Owen Pratt",
            # a podcast's hosts labelled by first name) is that person; any other one word names
            # nobody the transcript names ("TREASURER:", "SUBJECTS:")
            full = _full_name_of(names[0], text, provenance)
            if full is None or any(w in own for w in strip_accents(full).upper().split()):
                continue
            voice = full
        else:
            # (a label in capitals is written as a name; one printed as a name stays as it is)
            voice = " ".join(w.capitalize() if w.isupper() else w for w in m.group("label").split()
                             if w.upper().strip(".") not in _LABEL_TITLES)
        out.append((m.start(), turns[k + 1].start() if k + 1 < len(turns) else len(text), voice,
                    (m.group("aff") or "").strip()))
    return tuple(out)
