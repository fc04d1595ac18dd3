"""Who is quoted: cue patterns around each quotation, names resolved to full names, pronouns to
the most recent speaker, floating quotations to the previous speaker, posts to their signature.

Unknown stays unknown: a quotation with no cue and no speaker nearby gets None.
"""

from __future__ import annotations

import re

import attrs

from .records import Document, Quotation, Source

__all__ = ["attribute", "strip_titles", "SPEECH_VERBS"]

SPEECH_VERBS = (
    "said|says|say|saying|told|tells|telling|added|adds|adding|continued|continues|continuing|"
    "posted|posts|posting|calling|wrote|writes|writing|tweeted|tweets|tweeting|announced|announces|announcing|"
    "stated|states|stating|remarked|remarks|remarking|described|describes|describing|called|calls|"
    "vowed|vows|vowing|promised|promises|promising|pledged|pledges|pledging|warned|warns|warning|"
    "argued|argues|arguing|explained|explains|explaining|insisted|insists|insisting|noted|notes|noting|"
    "declared|declares|declaring|claimed|claims|claiming|asked|asks|asking|replied|replies|replying|"
    "answered|answers|answering|urged|urges|urging|criticized|criticised|criticizes|criticising|criticizing|"
    "characterized|characterizing|characterised|characterising|confirmed|confirms|confirming|"
    "acknowledged|acknowledges|acknowledging|admitted|admits|admitting|emphasized|emphasised|stressed|"
    "stresses|stressing|recalled|recalls|boasted|boasts|joked|jokes|quipped|quips|responded|responds|"
    "responding|told reporters|shouted|whispered|testified|testifies|conceded|concedes|suggested|suggests|"
    "predicted|predicts|reiterated|reiterates|touted|touts|labeled|labelled|branded|dubbed|termed|"
    "blasted|slammed|praised|praises|hailed|hails|thanked|thanks|insisted|mused|observed|cautioned|"
    "denounced|condemned|condemns|accused|accuses|called for|calling for|calls for|"
    "referred to|refers to|wrote on|posted on|said in|said on|echoed|lamented|laments|concluded"
)
_SPEECH_NOUNS = ("statement|announcement|promise|pledge|vow|remarks|comments|words|post|tweet|message|"
                 "speech|address|interview|declaration|warning|claim|appeal|description")
_TITLES = {
    "president", "vice", "secretary", "senator", "sen", "rep", "representative", "gov", "governor",
    "mayor", "minister", "prime", "foreign", "deputy", "chancellor", "ambassador", "spokesperson",
    "spokesman", "spokeswoman", "chief", "director", "general", "attorney", "judge", "justice", "king",
    "queen", "prince", "princess", "pope", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir",
    "dame", "lord", "lady", "rev", "commissioner", "chairman", "chairwoman", "chair", "speaker", "leader",
    "officer", "colonel", "col", "gen", "lt", "capt", "sgt", "premier", "envoy", "adviser", "advisor",
    "lawmaker", "congressman", "congresswoman", "councilman", "councilwoman", "sheriff", "commander",
    "ceo", "founder", "head", "the", "former", "acting", "interim", "then", "first", "lady",
}
_ORG_WORDS = {
    "department", "ministry", "office", "agency", "international", "party", "front", "council",
    "committee", "association", "union", "organization", "organisation", "group", "court", "government",
    "house", "foundation", "institute", "university", "commission", "news", "times", "post", "press",
    "reuters", "administration", "bureau", "service", "network", "company", "corporation", "inc", "corp",
    "bank", "fund", "nations", "army", "police", "senate", "congress", "parliament", "embassy",
    "white", "pentagon", "kremlin", "campaign", "watch", "amnesty", "coalition", "alliance", "center",
    "centre", "school", "board", "authority", "state", "states", "united", "republic", "kingdom",
    "canal", "city", "county", "province", "island", "islands", "bay", "river", "beach", "street",
}
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "his": "m", "her": "f", "their": "p", "him": "m"}
_DESCRIPTORS = ("president|secretary|minister|spokesperson|spokesman|spokeswoman|senator|governor|"
                "leader|ambassador|chancellor|official|mayor|premier")
_NAME_TOKEN = r"(?:[A-ZÀ-Ý][\w’'\-]*\.?|[A-Z]\.)"
_NAME_RUN = re.compile(_NAME_TOKEN + r"(?:\s+(?:(?:de|da|del|dos|van|von|bin|al|la|le|di|of)\s+)?" + _NAME_TOKEN + r"){0,5}")
_SPEECH = re.compile(r"\b(?:" + SPEECH_VERBS + r")\b")
_NOUN = re.compile(r"\b(?:" + _SPEECH_NOUNS + r")s?\b")
_SKIP_NAMES = {"X", "I", "A", "The", "It", "This", "That", "These", "Those", "But", "And", "In", "On",
               "At", "For", "As", "If", "When", "While", "After", "Before", "Since", "However", "Monday",
               "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
               "March", "April", "May", "June", "July", "August", "September", "October", "November",
               "December", "Twitter", "Facebook", "Instagram", "Truth", "Social", "Telegram", "TikTok",
               "YouTube", "Threads", "Bluesky", "He", "She", "They", "We", "His", "Her", "Their", "Our",
               "According", "Image", "Photo", "Read", "Also", "So", "Then", "Yet", "Still", "Meanwhile"}
_MASK = "\u2591"
_UNKNOWN = ("", False)   # a cue was found but its speaker is not a name: stays unknown


def strip_titles(name: str) -> str:
    """'Secretary of State Marco Rubio' -> 'Marco Rubio'; 'Salvadoran President Nayib Bukele' ->
    'Nayib Bukele'. A run with no title is returned as it is."""
    toks = name.replace("’s", "").replace("'s", "").split()
    last_title = -1
    for i, t in enumerate(toks):
        w = t.lower().strip(".,")
        if w in _TITLES and w != "the":
            last_title = i
            # "Secretary of State", "Minister of Foreign Affairs": the complement is part of the title
            j = i + 1
            if j < len(toks) and toks[j].lower() == "of":
                j += 1
                while j < len(toks) - 1 and toks[j][:1].isupper() and toks[j].lower() in _TITLE_COMPLEMENTS:
                    j += 1
                last_title = j - 1
    rest = toks[last_title + 1:] if last_title >= 0 else toks
    while rest and rest[0].lower() in ("the", "of"):
        rest = rest[1:]
    return " ".join(rest).strip(" ,.")


_TITLE_COMPLEMENTS = {"state", "defense", "defence", "homeland", "security", "foreign", "affairs",
                      "justice", "the", "treasury", "commerce", "energy", "interior", "labor", "health",
                      "education", "agriculture", "transportation", "war", "finance", "economy", "trade"}


def _is_org(name: str) -> bool:
    words = [w.lower().strip(".,’'") for w in name.split()]
    return any(w in _ORG_WORDS for w in words) and not (len(words) == 2 and words[-1] not in _ORG_WORDS and words[0] not in ("white",))


@attrs.define
class _Mention:
    pos: int
    name: str          # canonical (titles stripped)
    person: bool


@attrs.define
class _Event:
    pos: int
    block: int
    speaker: str
    person: bool


class _Doc:
    """Names known in a document, with where they were mentioned."""

    def __init__(self, doc: Document, sources: list[Source]) -> None:
        self.doc = doc
        self.full: dict[str, str] = {}      # surname -> full name
        self.handles: dict[str, str] = {}
        self.known: set[str] = set()
        self.orgs: dict[str, str] = {}      # folded org name -> source speaker
        for s in sources:
            if s.speaker and len(s.speaker.split()) >= 2 and not _is_org(s.speaker):
                self.full.setdefault(s.speaker.split()[-1], s.speaker)
                self.known.add(s.speaker)
            if s.handle and s.speaker:
                self.handles[s.handle.lower().lstrip("@")] = s.speaker
        self.mentions: list[_Mention] = []
        text = doc.text
        for bi, b in enumerate(doc.blocks):
            if b.zone != "body":
                continue
            for m in _NAME_RUN.finditer(text, b.start, b.end):
                raw = m.group()
                titled = strip_titles(raw) != raw.strip(" ,.") and bool(strip_titles(raw))
                name = strip_titles(raw)
                if not name or name in _SKIP_NAMES or len(name) < 2:
                    continue
                first = name.split()[0]
                if first in _SKIP_NAMES:
                    continue
                toks = name.split()
                person = not _is_org(name)
                if person and len(toks) >= 2 and (titled or name in self.known or self._after_cue(text, m.end())):
                    self.full[toks[-1]] = name
                self.mentions.append(_Mention(m.start(), name, person))

    @staticmethod
    def _after_cue(text: str, end: int) -> bool:
        return bool(re.match(r",?\s+(?:\w+ly\s+)?(?:" + SPEECH_VERBS + r")\b|,\s+(?:a|an|the)\s+\w+", text[end:end + 40]))

    def is_known_single(self, name: str) -> bool:
        """A one-word name is a name when it is a known surname, an organisation word, or is
        capitalised in the middle of a sentence somewhere ("Critics said" is not a name)."""
        if name in self.full or _is_org(name) or name.isupper():
            return True
        return bool(re.search(r"[a-z,;]\s+" + re.escape(name) + r"\b", self.doc.text))

    def canonical(self, name: str) -> str:
        name = strip_titles(name).strip()
        toks = name.split()
        if len(toks) == 1 and toks[0] in self.full:
            return self.full[toks[0]]
        return name

    def last_person_before(self, pos: int, lo: int = 0) -> str | None:
        for m in reversed(self.mentions):
            if m.pos < pos and m.pos >= lo and m.person:
                name = self.canonical(m.name)
                if name.split()[-1] in self.full and self.full[name.split()[-1]] == name:
                    return name
        return None


def _mask(doc: Document, quotes: list[Quotation]) -> str:
    """The text with inline quotations blanked out (marks included), lengths kept."""
    chars = list(doc.text)
    for q in quotes:
        if q.kind != "inline" or q.nested:
            continue
        a, b = max(0, q.start - 1), min(len(chars), q.end + 1)
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = _MASK
    return "".join(chars)


_SENT_BREAK = re.compile(r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr))(?<!\bMrs)(?<!\bSen|\bRep|\bGov|\bGen)[.!?](?=\s+[A-Z\u2591“\"‘(])")


def _sentence_start(masked: str, pos: int, lo: int) -> int:
    best = lo
    for m in _SENT_BREAK.finditer(masked, lo, pos):
        best = m.end()
    return best


def _sentence_end(masked: str, pos: int, hi: int) -> int:
    m = _SENT_BREAK.search(masked, pos, hi)
    return m.end() if m else hi


def _name_at_end(s: str) -> re.Match | None:
    last = None
    for m in _NAME_RUN.finditer(s):
        last = m
    return last


def _subject(masked: str, s0: int, limit: int) -> tuple[str, int] | None:
    """The sentence's subject: the first name run or pronoun in its opening words."""
    seg = masked[s0:limit]
    # skip an introductory clause: "Since taking office, ..."
    m0 = re.match(r"\s*(?:(?:Yet|But|And|So|Since|After|Before|While|When|In|On|At|By|Last|Earlier|Later|Then|Still|Now|However)\b[^,]{0,60},\s*)?", seg)
    k = m0.end() if m0 else 0
    rest = seg[k:]
    pm = re.match(r"(He|She|They)\b", rest)
    if pm:
        return pm.group(1).lower(), s0 + k
    mm = re.match(r"(?:The\s+|the\s+)?(?:[a-z-]+\s+){0,2}(" + _NAME_RUN.pattern + r")", rest)
    if mm and re.match(r"\s+(?:[a-z-]+\s+)?(?:" + _DESCRIPTORS + r")\b", rest[mm.end(1):]):
        return None  # "The Central American leader": a description, not a name
    if mm and mm.start(1) < 40:
        name = mm.group(1)
        if name.split()[0] not in _SKIP_NAMES or len(name.split()) > 1:
            return name, s0 + k + mm.start(1)
    return None


class _Attributor:
    def __init__(self, doc: Document, quotes: list[Quotation], sources: list[Source]) -> None:
        self.doc = doc
        self.names = _Doc(doc, sources)
        self.masked = _mask(doc, quotes)
        self.events: list[_Event] = []
        self._scan_events()

    def _block_of(self, pos: int) -> int:
        for i, b in enumerate(self.doc.blocks):
            if b.start <= pos <= b.end:
                return i
        return -1

    def _scan_events(self) -> None:
        """Speech cues outside quotation marks ('..., he said.'): who spoke last, where."""
        for bi, b in enumerate(self.doc.blocks):
            if b.zone != "body":
                continue
            seg = self.masked[b.start:b.end]
            for m in re.finditer(r"(?:^|[,;]\s+|\u2591\s*)(?P<who>(?:[A-Z][\w’'\-]+\s*){1,4}|he|she|they)\s+(?:\w+ly\s+)?(?:said|says|told|added|continued|wrote|posted|noted|explained|stated)\b", seg):
                who = m.group("who").strip()
                pos = b.start + m.start("who")
                sp = self._resolve(who, pos, bi, pronoun_ok=True)
                if sp:
                    self.events.append(_Event(pos, bi, sp[0], sp[1]))

    def _recent_speaker(self, pos: int, block: int, window: int = 2, person: bool | None = None) -> str | None:
        for e in reversed(self.events):
            if e.pos >= pos:
                continue
            if block - e.block > window:
                return None
            if person is None or e.person == person:
                return e.speaker
        return None

    def _resolve(self, who: str, pos: int, block: int, pronoun_ok: bool = True) -> tuple[str, bool] | None:
        w = who.strip(" ,")
        low = w.lower()
        if low in _PRONOUNS:
            if not pronoun_ok:
                return None
            if _PRONOUNS[low] == "p":
                sp = self._recent_speaker(pos, block, person=False)
                return (sp, False) if sp else None
            sp = self._recent_speaker(pos, block, person=True)
            if sp:
                return sp, True
            sp = self.names.last_person_before(pos)
            return (sp, True) if sp else None
        mdesc = re.match(r"(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(" + _DESCRIPTORS + r")\b", low)
        if mdesc:
            return self._descriptor(mdesc.group(1), pos)
        name = self.names.canonical(w)
        if not name or name in _SKIP_NAMES:
            return None
        if len(name.split()) == 1 and not self.names.is_known_single(name):
            return None
        return name, not _is_org(name)

    def _descriptor(self, title: str, pos: int) -> tuple[str, bool] | None:
        text = self.doc.text
        for m in reversed(self.names.mentions):
            if m.pos < pos and m.person and re.search(r"\b" + title + r"\b", text[max(0, m.pos - 40):m.pos], re.IGNORECASE):
                return self.names.canonical(m.name), True
        return None

    # -- cues -------------------------------------------------------------------------------
    def after_cue(self, q: Quotation, block: int) -> tuple[str, bool] | None:
        b = self.doc.blocks[block] if 0 <= block < len(self.doc.blocks) else None
        hi = b.end if b else len(self.doc.text)
        tail = self.masked[q.end + 1:min(hi, q.end + 200)]
        tail = tail.split(_MASK)[0]
        m = re.match(r"\s*[,;:.!?]?\s*[—–-]{0,2}\s*(?P<who>" + _NAME_RUN.pattern + r"|he|she|they)\s+(?:\w+ly\s+)?(?:has\s+|had\s+|would\s+|will\s+|later\s+|also\s+)*(?:" + SPEECH_VERBS + r")\b", tail)
        if m:
            return self._resolve(m.group("who"), q.end, block)
        m = re.match(r"\s*[,;:.!?]?\s*(?:\w+ly\s+)?(?:" + SPEECH_VERBS + r")\s+(?P<rest>[^.;!?\n]{0,160})", tail)
        if m:
            rest = m.group("rest")
            pm = re.match(r"(he|she|they)\b", rest)
            if pm:
                return self._resolve(pm.group(1), q.end, block)
            dm = re.match(r"(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:" + _DESCRIPTORS + r")\b(?!\s+[A-Z])", rest)
            if dm:
                return self._resolve(dm.group(), q.end, block)
            for nm in _NAME_RUN.finditer(rest):
                name = nm.group()
                after = rest[nm.end():nm.end() + 40]
                if name.split()[0] in _SKIP_NAMES and len(name.split()) == 1:
                    continue
                if re.match(r"\s+[a-z]+(?:\s+[a-z]+)?\s+[A-Z]", after) and _is_org(name):
                    continue   # "State Department spokesperson Tammy Bruce": the person follows
                return self._resolve(name, q.end, block)
        m = re.match(r"\s*[,;]?\s*according to\s+(?P<who>" + _NAME_RUN.pattern + r"|him|her|them)", tail)
        if m:
            return self._resolve(m.group("who"), q.end, block)
        return None

    def before_cue(self, q: Quotation, block: int) -> tuple[str, bool] | None:
        b = self.doc.blocks[block] if 0 <= block < len(self.doc.blocks) else None
        lo = b.start if b else 0
        s0 = _sentence_start(self.masked, q.start - 1, lo)
        prefix = self.masked[s0:max(s0, q.start - 1)]
        ac = None
        for ac in re.finditer(r"\b[Aa]ccording to\s+(?P<who>" + _NAME_RUN.pattern + r")", prefix):
            pass
        if ac:
            return self._resolve(ac.group("who"), s0 + ac.start(), block)
        verbs = list(_SPEECH.finditer(prefix))
        nouns = list(_NOUN.finditer(prefix))
        cands = sorted([(v.start(), "v", v) for v in verbs] + [(n.start(), "n", n) for n in nouns], key=lambda x: x[0])
        if not cands:
            return None
        pos, kind, vm = cands[-1]
        if kind == "n":
            after = prefix[vm.end():]
            by = re.search(r"\bby\s+(?P<who>" + _NAME_RUN.pattern + r")", after)
            if by:
                return self._resolve(by.group("who"), s0 + vm.end() + by.start("who"), block)
            before = prefix[max(0, vm.start() - 40):vm.start()]
            pm = re.search(r"\b(his|her|their)\s+(?:[\w-]+\s+){0,2}$", before)
            nm = re.search(r"(" + _NAME_RUN.pattern + r")[’']s\s+(?:[\w-]+\s+){0,2}$", before)
            if nm:
                return self._resolve(nm.group(1), s0 + vm.start(), block)
            if pm:
                return self._possessive(pm.group(1), s0, q, block)
            return None
        verb = vm.group().lower()
        head = prefix[:vm.start()]
        participle = verb.endswith("ing")
        if not participle:
            dm = re.search(r"(?P<who>" + _NAME_RUN.pattern + r"|\b[Hh]e|\b[Ss]he|\b[Tt]hey)(?P<comma>,?)\s+(?:\w+ly\s+|has\s+|had\s+|have\s+|would\s+|will\s+|later\s+|also\s+|then\s+|once\s+)*$", head)
            if dm and not (dm.group("who") in _SKIP_NAMES and dm.group("who").lower() not in _PRONOUNS) \
                    and not (dm.group("comma") and _is_org(dm.group("who"))):
                r = self._resolve(dm.group("who"), s0 + dm.start("who"), block)
                if r:
                    return r
            elif re.search(r"\b(?:[a-z]+|[A-Z][a-z]+)\s+(?:\w+ly\s+|has\s+|had\s+|have\s+|would\s+|will\s+)*$", head) \
                    and not _subject(self.masked, s0, s0 + len(head)):
                return _UNKNOWN   # "The readout said", "Officials said": a speaker, but not a name
            dd = re.search(r"\b(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:" + _DESCRIPTORS + r")\s+(?:\w+ly\s+)*$", head, re.IGNORECASE)
            if dd:
                return self._resolve(dd.group().strip(), s0 + dd.start(), block)
        subj = _subject(self.masked, s0, q.start)
        if subj:
            return self._resolve(subj[0], subj[1], block) or _UNKNOWN
        return _UNKNOWN if participle else None

    def _possessive(self, word: str, s0: int, q: Quotation, block: int) -> tuple[str, bool] | None:
        subj = _subject(self.masked, s0, q.start)
        if subj and subj[0].lower() not in _PRONOUNS:
            r = self._resolve(subj[0], subj[1], block)
            if r and r[1] == (word != "their"):
                return r
        return self._resolve({"his": "he", "her": "she", "their": "they"}[word], q.start, block)

    def same_sentence_person(self, q: Quotation, block: int) -> tuple[str, bool] | None:
        """No cue at all: a possessive or a subject in the quotation's own sentence."""
        b = self.doc.blocks[block] if 0 <= block < len(self.doc.blocks) else None
        lo = b.start if b else 0
        s0 = _sentence_start(self.masked, q.start - 1, lo)
        prefix = self.masked[s0:max(s0, q.start - 1)]
        pm = re.search(r"\b(his|her)\s+(?:[\w-]+\s+){0,2}$", prefix)
        if pm:
            return self._possessive(pm.group(1), s0, q, block)
        return None


def attribute(doc: Document, quotes: list[Quotation], sources: list[Source]) -> list[Quotation]:
    """The quotations with `speaker` and `speaker_cue` set."""
    at = _Attributor(doc, quotes, sources)
    out: list[Quotation] = []
    prev: tuple[str, int, int] | None = None   # speaker, block, position of the previous quotation
    for q in quotes:
        block = q.block
        speaker: str | None = None
        cue: str | None = None
        if q.kind == "embed":
            meta = q.embed or {}
            handle = (meta.get("handle") or "").lower().lstrip("@")
            if handle in at.names.handles:
                speaker = at.names.handles[handle]
            elif meta.get("author"):
                speaker = strip_titles(meta["author"]) or meta["author"]
            cue = "signature" if speaker else None
        elif q.kind == "block":
            intro = doc.blocks[block - 1] if block > 0 else None
            if intro is not None and doc.text[intro.start:intro.end].rstrip().endswith(":"):
                fake = attrs.evolve(q, start=intro.end, end=intro.end)
                r = at.before_cue(fake, block - 1) if _SPEECH.search(doc.text[intro.start:intro.end]) else None
                if r:
                    speaker, cue = r[0], "intro"
        elif q.nested:
            speaker, cue = None, None
        else:
            r = at.after_cue(q, block)
            if r:
                speaker, cue = r[0], "after"
            else:
                r = at.before_cue(q, block)
                if r:
                    speaker, cue = r[0], "before"
            if r == _UNKNOWN:
                speaker, cue = None, "unnamed"
            elif speaker is None and prev is not None and block - prev[1] <= 1:
                speaker, cue = prev[0], "float"
            if speaker is None and cue != "unnamed":
                ev = at._recent_speaker(q.start, block, window=1)
                if ev:
                    speaker, cue = ev, "float"
            if speaker is None and cue != "unnamed":
                r = at.same_sentence_person(q, block)
                if r:
                    speaker, cue = r[0], "nearby"
        if speaker and q.kind == "inline" and not q.nested:
            at.events.append(_Event(q.start, block, speaker, not _is_org(speaker)))
            at.events.sort(key=lambda e: e.pos)
            prev = (speaker, block, q.start)
        out.append(attrs.evolve(q, speaker=speaker, speaker_cue=cue))
    return out
