"""Provenance across articles: DocumentReports -> Provenance (statement families and `via` links).

    trace(reports) -> Provenance

What comes out (frozen attrs records; reporters read them, nothing here prints):

Provenance
    families: tuple[Family, ...]        sourced families first (by source id), then unsourced ones
    syndication: tuple[SyndicationGroup, ...]
    dates: dict[str, ArticleDate]       every article's date by path (see verify.dates)
    family_of(finding) -> Family | None the family of a reported quotation (occurrence_id(finding)
                                        gives its Occurrence.id; family.link_of(id) its `via`)

Family — one statement and every printed version of it
    id: str                 "F1", "F2" … (stable for the same input)
    source_id, source_url, source_speaker: str | None
    source_text: str | None the source passage the members align to (whole sentences; a whole post)
    verified: bool          False: no primary source known — say "not verified against a primary source"
    variants: tuple[Variant, ...]       most printed first
    occurrences: tuple[Occurrence, ...] in (date, path, position) order
    links: tuple[Link, ...]             exactly one per occurrence, same order
    majority: str           wording printed by most articles (variants[0].wording)
    majority_tie: bool      another wording is printed by as many articles
    earliest: str | None    Occurrence.id of the earliest dated occurrence

Variant — one distinct wording (after typographic normalisation: quote marks, apostrophes,
dashes, spacing, first capital, trailing comma/full stop)
    wording: str; text: str (as first printed); verdict: str | None (most common verdict of its
    occurrences); changes: tuple[str, ...] (what differs from the source, readable);
    occurrences: tuple[str, ...] (Occurrence ids); paths: tuple[str, ...]

Occurrence — one quotation in one article
    id: str ("path:line:column"); path, line, column; text (as printed); wording; verdict;
    speaker; date: ArticleDate; source_id; changes: tuple[str, ...]; finding: Finding

Link — where one occurrence most likely came from (its `via`)
    child: str              Occurrence.id
    parent: str | None      Occurrence.id copied from; None = the primary source itself (or, in an
                            unsourced family, nothing earlier is known)
    kind: str               source      a faithful match to the source: quoted from the source
                            origin      deviates from the source and no earlier article prints the
                                        same deviation: the change first appears here
                            copy        shares deviations from the source with `parent`
                            syndicated  the whole article is a syndicated / near-duplicate copy of
                                        parent's article, printing the same words
                            same-wording / variant / first   (unsourced families) the same words as
                                        an earlier article / another wording of the statement, the
                                        earlier one closest in words / the earliest printing known
                                        (undirected when the article has no date)
    directed: bool          False: the two share the evidence but which came first is unknown
    evidence: tuple[str, ...]  readable reasons ("shared: dropped “system”", "2 surrounding sentences shared")
    shared: tuple[str, ...] the shared deviations alone
    note: str               why a link is undirected ("no publication date for c.txt …")

SyndicationGroup
    paths: tuple[str, ...] (earliest first); original: str | None (when dates say which);
    similarity: float (smallest share of text shared between a member and the group's first)

How: sourced quotations are grouped by the source passage they align to (a post is one
statement; in speeches, transcripts and releases the sentences a quotation covers, overlapping
spans merged).
Unsourced ones are grouped by their own words: a shorter wording joins a longer one that contains
it with at most a word in four changed, each wording gets one parent, and a family is one tree —
never single-linkage chains; an unsourced statement only one article prints forms no family.
Fragments (one to three words) join no family: they carry no evidence of copying.
Who copied whom follows textual criticism: a shared deviation from the source (where two
quotations print the same source words) is the evidence, the earliest dated carrier the parent;
a clean match to the source means quoted from the source. File mtimes never direct a link.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter, defaultdict
from typing import Iterable

import attrs

from .dates import ArticleDate, compare_dates, document_date, instant
from .records import PASSING, DiffOp, Document, DocumentReport, Finding
from .text import sentence_bounds, tokenize, words

__all__ = ["Occurrence", "Variant", "Link", "Family", "SyndicationGroup", "Provenance", "trace",
           "describe_op", "via_text", "wording_of", "occurrence_id", "SYNDICATION_MIN_SHARE"]

#: share of the shorter article's word 5-grams found in the other for the two to be one story
SYNDICATION_MIN_SHARE = 0.6
_SHINGLE = 5
_MIN_SHINGLES = 20
#: unsourced: the shorter wording has at least this many words to join a family
_MIN_WORDS = 4
_CONTEXT_MIN_WORDS = 6
_MAX_GRAM_DF = 200
#: bottom-k sketch size and the longest posting list paired out (boilerplate beyond it)
_SKETCH = 8
_MAX_POSTING = 5000


@attrs.frozen
class Occurrence:
    id: str
    path: str
    line: int
    column: int
    text: str
    wording: str
    verdict: str
    speaker: str | None
    date: ArticleDate
    source_id: str | None = None
    changes: tuple[str, ...] = ()
    finding: Finding | None = attrs.field(default=None, eq=False, repr=False)
    order: tuple = attrs.field(default=(), eq=False, repr=False)   # the date order, see _sort_key


@attrs.frozen
class Variant:
    wording: str
    text: str
    verdict: str | None
    changes: tuple[str, ...]
    occurrences: tuple[str, ...]
    paths: tuple[str, ...]


@attrs.frozen
class Link:
    child: str
    parent: str | None
    kind: str
    directed: bool = True
    evidence: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()
    note: str = ""


@attrs.frozen
class Family:
    id: str
    source_id: str | None
    source_url: str | None
    source_speaker: str | None
    source_text: str | None
    verified: bool
    variants: tuple[Variant, ...]
    occurrences: tuple[Occurrence, ...]
    links: tuple[Link, ...]
    majority: str
    majority_tie: bool
    earliest: str | None

    def occurrence(self, oid: str) -> Occurrence:
        return next(o for o in self.occurrences if o.id == oid)

    def link_of(self, oid: str) -> Link:
        return next(lk for lk in self.links if lk.child == oid)


@attrs.frozen
class SyndicationGroup:
    paths: tuple[str, ...]
    original: str | None
    similarity: float


@attrs.frozen
class Provenance:
    families: tuple[Family, ...]
    syndication: tuple[SyndicationGroup, ...] = ()
    dates: dict[str, ArticleDate] = attrs.field(factory=dict, eq=False)

    def family_of(self, finding: Finding) -> Family | None:
        """The family a reported quotation belongs to (None: a fragment, or a lone unsourced one)."""
        oid = occurrence_id(finding)
        return next((f for f in self.families if any(o.id == oid for o in f.occurrences)), None)


def occurrence_id(finding: Finding) -> str:
    """The Occurrence.id of a finding: "path:line:column" of the quotation."""
    q = finding.quotation
    return f"{q.path}:{q.line}:{q.column}"


# -- wording ---------------------------------------------------------------------------------

_TYPO = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                       "‚": "'", "`": "'", "´": "'", "ʼ": "'", "–": "-", "—": "-", "‒": "-",
                       "―": "-", "…": "...", "\u00a0": " "})


def wording_of(text: str) -> str:
    """The variant key: typographic differences (marks, dashes, spacing, the first capital, a
    trailing comma or full stop) do not make a new wording; everything else does."""
    s = " ".join(unicodedata.normalize("NFKC", text).translate(_TYPO).split())
    s = s.strip(" \"'")
    if not s.endswith("..."):
        s = s.rstrip(",;:. ")
    return s[:1].lower() + s[1:]


def describe_op(op: DiffOp) -> str:
    """One difference from the source, as a reader would say it."""
    if op.op == "replace":
        return f"“{op.printed}” for “{op.source}”"
    if op.op == "insert":
        return f"added “{op.printed}”"
    if op.op == "delete":
        return f"dropped “{op.source}”"
    if op.op == "reorder":
        return "words reordered"
    if op.op == "editorial":
        return f"inserted “{op.printed}”"
    if op.op == "cosmetic":
        return f"“{op.printed}” for “{op.source}” (cosmetic)"
    return op.op


_REAL_OPS = ("replace", "insert", "delete", "reorder")


def _deviations(f: Finding) -> tuple[tuple[str, str, str], ...]:
    """The real changes from the source, as comparable keys; a shared misattribution counts too."""
    out = [(op.op, wording_of(op.printed).lower(), wording_of(op.source).lower())
           for op in f.diff if op.op in _REAL_OPS]
    if f.verdict == "misattributed" and f.quotation.speaker:
        out.append(("speaker", f.quotation.speaker.lower(), ""))
    return tuple(dict.fromkeys(out))


def _describe_key(k: tuple[str, str, str]) -> str:
    if k[0] == "speaker":
        return f"attributed to {k[1].title()}"
    return describe_op(DiffOp(k[0], k[1], k[2]))


# -- ordering by date ------------------------------------------------------------------------

def _order(date: ArticleDate, path: str, line: int, column: int) -> tuple:
    """Dated occurrences first, by date; then by path and position (deterministic for ties)."""
    if date.known and date.value:
        d, t = instant(date.value)
        return (0, d.isoformat(), t.isoformat() if t else "", path, line, column)
    return (1, "", "", path, line, column)


def _sort_key(o: Occurrence) -> tuple:
    return o.order or _order(o.date, o.path, o.line, o.column)


def _direction(parent: Occurrence, child: Occurrence) -> tuple[bool, str]:
    if parent.date.known and child.date.known:
        assert parent.date.value and child.date.value
        if compare_dates(parent.date.value, child.date.value) < 0:
            return True, ""
        return False, f"same date as {parent.path}: which came first is unknown"
    missing = [x.path for x in (child, parent) if not x.date.known]
    return False, f"no publication date for {' and '.join(dict.fromkeys(missing))}: which came first is unknown"


# -- context and syndication -----------------------------------------------------------------

def _norm_words(s: str) -> str:
    return " ".join(w.lower() for _, _, w in words(s))


_CONTEXT_CHARS = 3000


def _context(doc: Document | None, f: Finding) -> frozenset[str]:
    """Sentences around a quotation (its block and the blocks either side), the quotation's own
    sentence left out: the same surrounding sentences are further evidence of copying."""
    if doc is None or not doc.blocks:
        return frozenset()
    q = f.quotation
    inside = lambda b: b.start <= q.start < max(b.end, b.start + 1)
    if 0 <= q.block < len(doc.blocks) and inside(doc.blocks[q.block]):
        i = q.block
    else:
        i = next((k for k, b in enumerate(doc.blocks) if inside(b)), q.block)
    out = set()
    for b in doc.blocks[max(0, i - 1):i + 2]:
        if b.zone != "body":
            continue
        # only the text near the quotation: a block can be a 20 MB line, and splitting all of it
        # for every quotation is quadratic
        lo, hi = max(b.start, q.start - _CONTEXT_CHARS), min(b.end, q.end + _CONTEXT_CHARS)
        if hi <= lo:
            lo, hi = (max(b.start, b.end - _CONTEXT_CHARS), b.end) if b.end <= q.start else (b.start, min(b.end, b.start + _CONTEXT_CHARS))
        chunk = doc.text[lo:hi]
        for a, e in sentence_bounds(chunk):
            if lo + a < q.end and q.start < lo + e:
                continue
            s = _norm_words(chunk[a:e])
            if s.count(" ") + 1 >= _CONTEXT_MIN_WORDS:
                out.add(s)
    return frozenset(out)


def _body_text(doc: Document | None, r: DocumentReport) -> str:
    """The article's own prose: body blocks with the quotations cut out, since printing the
    same quotation is not syndication — sharing the sentences around it is."""
    if doc is None:
        return ""
    spans = sorted((f.quotation.start, f.quotation.end) for f in r.findings)
    parts = []
    first = 0   # spans ending before the current block are behind us: linear, not blocks x quotations
    for b in doc.blocks:
        if b.zone != "body" or b.kind == "header":
            continue
        pos = b.start
        while first < len(spans) and spans[first][1] <= pos:
            first += 1
        for k in range(first, len(spans)):
            a, e = spans[k]
            if a >= b.end:
                break
            if e <= pos:
                continue
            parts.append(doc.text[pos:max(pos, a)])
            pos = max(pos, e)
        parts.append(doc.text[pos:b.end])
    return "\n".join(parts)


def _shingles(text: str) -> set[int]:
    out: set[int] = set()
    for line in text.split("\n"):   # no gram spans a cut-out quotation or a paragraph break
        w = [x.lower() for _, _, x in words(line)]
        # a stable hash, not hash(): str hashes change per process (PYTHONHASHSEED), and the
        # bottom-k sketch below keeps the smallest ones, so groups would change from run to run
        out.update(int.from_bytes(hashlib.blake2b(" ".join(w[i:i + _SHINGLE]).encode(), digest_size=8).digest(), "big")
                   for i in range(max(0, len(w) - _SHINGLE + 1)))
    return out


def _syndication(reports: list[DocumentReport], docs: dict[str, Document | None], key_of: dict[str, tuple]):
    """Near-duplicate articles: pairs sharing most of the shorter one's word 5-grams.

    Candidates come from a bottom-k sketch (each article posts its k smallest gram hashes, so
    near-duplicates meet in some posting even when a wire story runs in hundreds of outlets);
    each candidate pair is then measured exactly on the full gram sets."""
    sh = [_shingles(_body_text(docs.get(r.path), r)) for r in reports]
    postings: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sh):
        if len(s) >= _MIN_SHINGLES:
            for g in sorted(s)[:_SKETCH]:
                postings[g].append(i)
    parent = list(range(len(reports)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def share_of(a: int, b: int) -> float:
        return len(sh[a] & sh[b]) / max(1, min(len(sh[a]), len(sh[b])))

    index_of = {r.path: i for i, r in enumerate(reports)}
    for members in postings.values():
        if not 1 < len(members) <= _MAX_POSTING:
            continue
        # compare each article with one representative per story met so far in this posting:
        # connectivity is all the grouping needs, so a story of n copies costs n comparisons
        reps: list[int] = []
        for x in members:
            for r in reps:
                if find(r) == find(x):
                    break
                if reports[r].path != reports[x].path and share_of(r, x) >= SYNDICATION_MIN_SHARE:
                    parent[find(x)] = find(r)
                    break
            else:
                reps.append(x)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, r in enumerate(reports):
        groups[find(i)].append(r.path)
    result = []
    for paths in sorted((g for g in groups.values() if len(g) > 1), key=lambda g: min(key_of[p] for p in g)):
        paths.sort(key=lambda p: key_of[p])
        first = paths[0]
        d0, d1 = key_of[first], key_of[paths[1]]
        later = d0[1] < d1[1] or (d0[1] == d1[1] and "" not in (d0[2], d1[2]) and d0[2] < d1[2])
        original = first if d0[0] == 0 and d1[0] == 0 and later else None
        sims = [share_of(index_of[first], index_of[p]) for p in paths[1:]]
        result.append(SyndicationGroup(tuple(paths), original, round(min(sims), 3)))
    return result, lambda x, y: share_of(index_of[x], index_of[y])


# -- grouping --------------------------------------------------------------------------------

def _one_statement(f: Finding) -> bool:
    """A post is one statement however many sentences it has; a speech, transcript or release
    holds many, even a short one, so those are grouped by the sentences quoted."""
    src = f.source
    assert src is not None
    kind = (src.kind or "").lower()
    return kind in ("post", "tweet", "status") or (not kind and bool(src.handle))


def _sentence_span(text: str, a: int, b: int, bounds: list[tuple[int, int]]) -> tuple[int, int]:
    lo, hi = a, b
    for s, e in bounds:
        if s <= a < e:
            lo = s
        if s < b <= e:
            hi = e
    return lo, hi


def _source_groups(items: list[tuple[Occurrence, Finding]]) -> list[tuple[str, int, int, list[Occurrence]]]:
    """(source id, passage start, end, members): by source, then by overlapping sentence spans."""
    by_src: dict[str, list[tuple[Occurrence, Finding]]] = defaultdict(list)
    for o, f in items:
        assert f.source is not None
        by_src[f.source.id].append((o, f))
    out = []
    for sid in sorted(by_src):
        members = by_src[sid]
        src = members[0][1].source
        assert src is not None
        if _one_statement(members[0][1]):
            out.append((sid, 0, len(src.text), [o for o, _ in members]))
            continue
        bounds = sentence_bounds(src.text)
        spans = []
        for o, f in members:
            a = f.source_start if f.source_start is not None else 0
            b = f.source_end if f.source_end is not None else len(src.text)
            lo, hi = _sentence_span(src.text, a, b, bounds)
            spans.append((lo, hi, o))
        spans.sort(key=lambda t: (t[0], t[1]))
        cur: list = []
        cur_lo = cur_hi = -1
        for lo, hi, o in spans:
            if cur and lo < cur_hi:
                cur.append(o)
                cur_hi = max(cur_hi, hi)
                continue
            if cur:
                out.append((sid, cur_lo, cur_hi, cur))
            cur, cur_lo, cur_hi = [o], lo, hi
        if cur:
            out.append((sid, cur_lo, cur_hi, cur))
    return out


def _fold(name: str | None) -> str:
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name)
    parts = re.findall(r"[a-z0-9]+", "".join(c for c in s if not unicodedata.combining(c)).lower())
    return parts[-1] if parts else ""


def _containment_cost(short: str, long: str) -> int:
    """Word edits to make `short` a stretch of `long` (free ends in `long`)."""
    from .align import _dp  # the same semi-global word alignment the matcher uses

    cost, _, _, _ = _dp(short, long)
    return cost


def _unsourced_families(occs: list[Occurrence]) -> list[list[Occurrence]]:
    """Containment trees over the distinct wordings: each wording joins the longer wording that
    best contains it (same speaker when both are named), one parent each; a tree is a family."""
    from .align import Vocabulary

    by_wording: dict[str, list[Occurrence]] = defaultdict(list)
    for o in occs:
        by_wording[o.wording].append(o)
    vocab = Vocabulary()
    info = []
    for w, group in by_wording.items():
        toks = tokenize(w)
        group.sort(key=_sort_key)
        info.append((w, vocab.encode(toks), group))
    # longest first, then earliest: a wording's parent always comes before it (no cycles)
    info.sort(key=lambda t: (-len(t[1]), _sort_key(t[2][0])))
    grams: dict[str, set[int]] = defaultdict(set)
    for i, (_, chars, _) in enumerate(info):
        for k in range(max(0, len(chars) - 2)):
            grams[chars[k:k + 3]].add(i)
    parent: dict[int, int] = {}
    for i, (_, chars, group) in enumerate(info):
        if len(chars) < _MIN_WORDS:
            continue
        allowed = max(1, len(chars) // 4)
        # q-gram lemma: k word edits destroy at most 3k of the shorter's word trigrams, so a
        # container shares at least (n - 2) - 3k of them; grams printed by very many wordings
        # are not counted (and lower the bar by as much) to keep the candidate lists short
        shared: Counter[int] = Counter()
        skipped = 0
        for g in {chars[k:k + 3] for k in range(max(0, len(chars) - 2))}:
            posting = grams[g]
            if len(posting) > _MAX_GRAM_DF:
                skipped += 1
                continue
            shared.update(j for j in posting if j < i)
        need = max(1, len(set(chars[k:k + 3] for k in range(len(chars) - 2))) - 3 * allowed - skipped)
        cands = {j for j, n in shared.items() if n >= need}
        best: tuple | None = None
        speakers_i = {_fold(o.speaker) for o in group} - {""}
        for j in sorted(cands):
            speakers_j = {_fold(o.speaker) for o in info[j][2]} - {""}
            if speakers_i and speakers_j and not speakers_i & speakers_j:
                continue
            cost = _containment_cost(chars, info[j][1])
            if cost <= allowed:
                cand = (cost, j)
                if best is None or cand < best:
                    best = cand
        if best is not None:
            parent[i] = best[1]

    def root(i: int) -> int:
        while i in parent:
            i = parent[i]
        return i

    trees: dict[int, list[Occurrence]] = defaultdict(list)
    for i, (_, chars, group) in enumerate(info):
        if len(chars) >= _MIN_WORDS or i in parent:
            trees[root(i)].extend(group)
    return [sorted(g, key=_sort_key) for g in trees.values() if len({o.path for o in g}) >= 2]


# -- links -----------------------------------------------------------------------------------

class _Linker:
    def __init__(self, docs: dict[str, Document | None], measure, groups: list[SyndicationGroup],
                 key_of: dict[str, tuple]) -> None:
        self.docs = docs
        self.measure = measure     # (path, path) -> share of text
        self.synd_group = {p: k for k, g in enumerate(groups) for p in g.paths}
        self.key_of = key_of
        self._ctx: dict[str, frozenset[str]] = {}

    def context(self, o: Occurrence) -> frozenset[str]:
        if o.id not in self._ctx:
            assert o.finding is not None
            self._ctx[o.id] = _context(self.docs.get(o.path), o.finding)
        return self._ctx[o.id]

    def shared_context(self, a: Occurrence, b: Occurrence) -> int:
        return len(self.context(a) & self.context(b))

    def syndicated(self, c: Occurrence, p: Occurrence | None) -> Link | None:
        """c's article is a near-duplicate of p's, an earlier article printing the same words."""
        if p is None or p.path == c.path or self.key_of[p.path] >= self.key_of[c.path]:
            return None
        directed, note = _direction(p, c)
        pct = round(100 * self.measure(p.path, c.path))
        return Link(c.id, p.id, "syndicated", directed,
                    (f"syndicated copy: {pct}% of the article's text is shared with {p.path}", "the same wording"),
                    (), note)

    def with_context(self, c: Occurrence, p: Occurrence, evidence: list[str]) -> tuple[str, ...]:
        n = self.shared_context(c, p)
        if n:
            evidence.append(f"{n} surrounding sentence{'s' if n > 1 else ''} shared")
        return tuple(evidence)


def _links(members: list[Occurrence], lk: _Linker, infer) -> list[Link]:
    """One link per member (members in date order): a syndicated copy of the earliest article
    of its syndication group printing the same words, else what `infer(c)` finds."""
    first: dict[tuple[int, str], Occurrence] = {}
    for o in members:
        g = lk.synd_group.get(o.path)
        if g is not None:
            first.setdefault((g, o.wording), o)
    out = []
    for c in members:
        g = lk.synd_group.get(c.path)
        out.append((lk.syndicated(c, first.get((g, c.wording))) if g is not None else None) or infer(c))
    return out


def _overlap(a: Occurrence, b: Occurrence) -> bool:
    """Whether two quotations print some of the same words of the source."""
    fa, fb = a.finding, b.finding
    if fa is None or fb is None or None in (fa.source_start, fa.source_end, fb.source_start, fb.source_end):
        return True
    assert fa.source_start is not None and fa.source_end is not None
    assert fb.source_start is not None and fb.source_end is not None
    return fa.source_start < fb.source_end and fb.source_start < fa.source_end


#: shared surrounding sentences are compared with at most this many equally good candidates
_CONTEXT_CANDIDATES = 50


def _sourced_links(members: list[Occurrence], lk: _Linker) -> list[Link]:
    devs = {o.id: _deviations(o.finding) if o.finding else () for o in members}
    carrying: dict[tuple[str, str, str], list[Occurrence]] = defaultdict(list)   # in date order
    for o in members:
        for d in devs[o.id]:
            carrying[d].append(o)

    def infer(c: Occurrence) -> Link:
        if c.verdict in PASSING or not devs[c.id]:
            return Link(c.id, None, "source", True, ("a faithful match to the source",))
        mine = devs[c.id]
        common: dict[str, list] = {}
        ck = _sort_key(c)
        for d in mine:
            for p in carrying[d]:
                if _sort_key(p) >= ck:
                    break
                # the same change to different words of the source is a coincidence, not a copy
                if p.path != c.path and _overlap(p, c):
                    common.setdefault(p.id, [p, []])[1].append(d)
        if not common:
            changes = "; ".join(_describe_key(d) for d in mine[:4])
            # a later-sorted article sharing the change but not datably later leaves the order open
            peers = [p for d in mine for p in carrying[d] if p.path != c.path and _overlap(p, c)
                     and not _direction(c, p)[0]]
            note = (f"{peers[0].path} prints the same change and which came first is unknown" if peers else "")
            return Link(c.id, None, "origin", True,
                        (f"no earlier article prints the same change{'s' if len(mine) > 1 else ''}: {changes}",),
                        (), note)
        # most shared deviations, then most shared context, then the earliest (the originator)
        top = max(len(ds) for _, ds in common.values())
        best = sorted((v for v in common.values() if len(v[1]) == top), key=lambda v: _sort_key(v[0]))
        p, ds = min(best[:_CONTEXT_CANDIDATES], key=lambda v: (-lk.shared_context(c, v[0]), _sort_key(v[0])))
        directed, note = _direction(p, c)
        shared = tuple(_describe_key(d) for d in ds)
        ev = [f"shared deviation{'s' if len(ds) > 1 else ''} from the source: " + "; ".join(shared)]
        return Link(c.id, p.id, "copy", directed, lk.with_context(c, p, ev), shared, note)

    return _links(members, lk, infer)


def _unsourced_links(members: list[Occurrence], lk: _Linker) -> list[Link]:
    by_wording: dict[str, list[Occurrence]] = defaultdict(list)   # in date order
    for o in members:
        by_wording[o.wording].append(o)

    def infer(c: Occurrence) -> Link:
        ck = _sort_key(c)
        same = next((p for p in by_wording[c.wording] if p.path != c.path and _sort_key(p) < ck), None)
        if same is not None:
            directed, note = _direction(same, c)
            return Link(c.id, same.id, "same-wording", directed,
                        lk.with_context(c, same, ["the same wording"]), (), note)
        mine = set(c.wording.split())
        earlier = [ws[0] for w, ws in by_wording.items() if w != c.wording and _sort_key(ws[0]) < ck]
        if earlier:
            # the earlier wording closest in words, at its first printing; the earliest among equals
            p = min(earlier, key=lambda x: (-len(set(x.wording.split()) & mine), _sort_key(x)))
            directed, note = _direction(p, c)
            return Link(c.id, p.id, "variant", directed,
                        lk.with_context(c, p, [f"a different wording of the statement {p.path} printed earlier"]),
                        (), note)
        if c.date.known:
            return Link(c.id, None, "first", True, ("the earliest printing of this statement found",))
        return Link(c.id, None, "first", False, ("no other printing is dated earlier",), (),
                    f"no publication date for {c.path}: which printing came first is unknown")

    return _links(members, lk, infer)


def via_text(link: Link, short=lambda oid: oid) -> str:
    """A link as one readable phrase ("copied from b.txt:3:1 (shared: dropped “system”)");
    `short` renders an occurrence id."""
    order = "" if link.directed else ", order unknown"
    p = short(link.parent) if link.parent else ""
    if link.kind == "source":
        return "quoted from the source"
    if link.kind == "origin":
        if link.note:
            return f"the change from the source appears here first or at the same time ({link.note})"
        return "the change from the source first appears here"
    if link.kind == "copy":
        shared = "; ".join(link.shared)
        verb = "copied from" if link.directed else "shares the change with"
        return f"{verb} {p} (shared: {shared}{order})"
    if link.kind == "syndicated":
        return f"syndicated copy of {p}" if link.directed else f"syndicated with {p}{order}"
    if link.kind == "same-wording":
        return f"same words as {p}" + (" (printed earlier)" if link.directed else f" ({order[2:]})")
    if link.kind == "variant":
        return f"a different wording of {p}" + ("" if link.directed else f" ({order[2:]})")
    if link.kind == "first":
        return "the earliest printing found" if link.directed else "first in this list; no date says which printing came first"
    return link.kind


# -- assembling ------------------------------------------------------------------------------

def _occurrence(f: Finding, date: ArticleDate) -> Occurrence:
    q = f.quotation
    changes = tuple(describe_op(op) for op in f.diff if op.op in _REAL_OPS)
    return Occurrence(occurrence_id(f), q.path, q.line, q.column, q.text,
                      wording_of(q.text), f.verdict, q.speaker, date,
                      f.source.id if f.source else None, changes, f, _order(date, q.path, q.line, q.column))


def _variants(members: list[Occurrence]) -> tuple[list[Variant], bool]:
    by: dict[str, list[Occurrence]] = defaultdict(list)
    for o in members:
        by[o.wording].append(o)
    vs = []
    for w, group in by.items():
        group.sort(key=_sort_key)
        verdict = Counter(o.verdict for o in group).most_common(1)[0][0]
        paths = tuple(dict.fromkeys(o.path for o in group))
        vs.append(Variant(w, group[0].text, verdict, group[0].changes, tuple(o.id for o in group), paths))
    first_key = {v.wording: _sort_key(by[v.wording][0]) for v in vs}
    vs.sort(key=lambda v: (-len(v.paths), first_key[v.wording]))
    tie = len(vs) > 1 and len(vs[0].paths) == len(vs[1].paths)
    return vs, tie


def _family(fid: str, members: list[Occurrence], lk: _Linker, source_text: str | None,
            f: Finding | None) -> Family:
    members = sorted(members, key=_sort_key)
    variants, tie = _variants(members)
    src = f.source if f is not None else None
    links = _sourced_links(members, lk) if src else _unsourced_links(members, lk)
    dated = [o for o in members if o.date.known]
    return Family(fid, src.id if src else None, src.url if src else None, src.speaker if src else None,
                  source_text, src is not None, tuple(variants), tuple(members), tuple(links),
                  variants[0].wording, tie, dated[0].id if dated else None)


def _document(r: DocumentReport) -> Document | None:
    """The report's document; read again when a parallel run dropped it to save memory."""
    if r.document is not None:
        return r.document
    from pathlib import Path

    from .errors import VerifyError
    from .read import read_document

    try:
        return read_document(Path(r.path))
    except (VerifyError, OSError, ValueError):
        return None


def _date_of(path: str, doc: Document | None) -> ArticleDate:
    if doc is not None:
        return document_date(doc)
    try:
        import datetime as _dt

        t = _dt.datetime.fromtimestamp(os.stat(path).st_mtime, _dt.timezone.utc).replace(microsecond=0)
        return ArticleDate(t.isoformat(), "file mtime")
    except (OSError, ValueError):
        return ArticleDate(None, "none")


def trace(reports: Iterable[DocumentReport]) -> Provenance:
    """Statement families, `via` links and syndicated groups for a set of checked articles."""
    reports = list(reports)
    docs = {r.path: _document(r) for r in reports}
    dates = {p: _date_of(p, d) for p, d in docs.items()}
    key_of = {p: _order(d, p, 0, 0)[:4] for p, d in dates.items()}
    groups, measure = _syndication(reports, docs, key_of)
    lk = _Linker(docs, measure, groups, key_of)

    sourced: list[tuple[Occurrence, Finding]] = []
    unsourced: list[Occurrence] = []
    for r in reports:
        for f in r.findings:
            if f.verdict == "fragment":
                continue    # one to three words: no statement, and no evidence of copying
            o = _occurrence(f, dates[r.path])
            if f.source is not None and f.verdict != "unsourced":
                sourced.append((o, f))
            elif f.verdict == "unsourced":
                unsourced.append(o)
    finding_of = {o.id: f for o, f in sourced}
    families: list[Family] = []
    for _sid, lo, hi, members in _source_groups(sourced):
        f = finding_of[members[0].id]
        assert f.source is not None
        text = f.source.text[lo:hi].strip()
        families.append(_family(f"F{len(families) + 1}", members, lk, text, f))
    for members in sorted(_unsourced_families(unsourced), key=lambda m: _sort_key(m[0])):
        families.append(_family(f"F{len(families) + 1}", members, lk, None, None))
    return Provenance(tuple(families), tuple(groups), dates)
