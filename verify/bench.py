"""`verify bench`: a synthetic archive with known truth, and how fast and how well verify checks it.

Source statements are built from sentence templates over a few hundred real words (verbs,
adjectives, nouns, places, dates: the rare word 3-grams are verb + adjective + noun + place; at
1 M statements this small vocabulary makes most other 3-grams common, harder than real text;
`vocabulary=N` adds N made-up words to those classes, drawn Zipf-wise, so that most statements
hold a rare word as real ones do. By default N grows with the archive as Heaps' law has it for
real text (`heaps_vocabulary`), so that 10 k and 1 M statements are drawn from the same kind
of language; `vocabulary=0` keeps the small real vocabulary, a harder test than real text);
articles quote them with controlled mutations — exact, cosmetic, elided, truncated,
altered, paraphrase, unsourced — in plain text and HTML. Matching runs in a child process (as
`verify quotes --format jsonl` would), so its peak memory is measured apart from the generator's.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import attrs

__all__ = ["generate", "run_bench", "format_bench", "heaps_vocabulary", "MUTATIONS"]

MUTATIONS = ("exact", "cosmetic", "elided", "truncated", "altered", "paraphrase", "unsourced")

_FIRST = ("Maria James Aisha Daniel Sofia Mohammed Elena Robert Chen Laura Thomas Amara Pedro Ingrid "
          "Kwame Yuki Hannah Omar Grace Victor Leila Samuel Nadia Arturo Fatima Henrik Priya Lucas "
          "Irene Mateo Zora Felix Carmen Dmitri Alice Tariq Rosa Jonas Esther Ravi").split()
_LAST = ("Lopez Whitfield Okafor Brennan Castillo Haddad Novak Moreau Tanaka Lindqvist Mensah Ferreira "
         "Kowalski Abernathy Iyer Delgado Sorensen Achebe Villanueva Hartmann Nakamura Osei Rahman "
         "Petrov Gallagher Duarte Bianchi Halvorsen Mbeki Quintero Fairbanks Yilmaz Carrington Adeyemi "
         "Lindgren Marchetti Ostrowski Fonseca Kimura Ashworth Bergstrom Caldwell Dimitriou Eriksen "
         "Fitzgerald Goncalves Holloway Ibrahim Jankowski Kaminski Larsen Montoya Nwosu Oyelaran "
         "Papadopoulos Rasmussen Salazar Thorne Uchenna Vasquez Wexler Zielinski Abiodun Boateng "
         "Cavanagh Drummond Esposito Falkner Grunewald Hashemi Ishikawa Jovanovic Kuznetsov Laurent").split()
# titles after a name are lower case (AP style)
_ROLES = ("finance minister", "secretary of state", "governor", "mayor", "senator", "health minister",
          "chief executive", "attorney general", "defence minister", "trade representative",
          "party leader", "spokesperson", "energy secretary", "education minister")
_SUBJECTS = ("We", "Our government", "This administration", "The ministry", "My office", "Our partners",
             "The committee", "Our country", "The department", "This council", "The coalition", "Our team")
# modals with a contractible form, so a cosmetic variant exists for every sentence
_MODALS = (("will not", "won't"), ("cannot", "can't"), ("do not plan to", "don't plan to"),
           ("are ready to", "'re ready to"), ("will", "'ll"), ("have agreed to", "'ve agreed to"),
           ("are going to", "'re going to"), ("did not", "didn't"), ("would not", "wouldn't"))
_VERBS = ("expand protect reduce review fund build restore defend secure approve block finance "
          "modernize support investigate dismantle rebuild strengthen reform replace suspend extend "
          "double triple halve audit monitor regulate subsidize privatize nationalize relocate expedite "
          "postpone cancel renew negotiate ratify enforce repeal lower raise freeze unlock deploy recall "
          "inspect certify upgrade retrofit digitize decentralize consolidate outsource insure shelter "
          "train recruit hire equip vaccinate evacuate compensate reimburse tax exempt license").split()
_ADJ = ("rural urban coastal regional national municipal federal public private affordable emergency "
        "renewable nuclear critical aging overcrowded underfunded northern southern eastern western "
        "small large independent maritime agricultural industrial medical military civilian digital "
        "cross-border veteran community temporary permanent strategic domestic foreign historic "
        "low-income high-speed clean unsafe neglected vulnerable remote mountain island frontier "
        "metropolitan tribal migrant elderly maternal pediatric forensic seasonal").split()
_NOUNS = ("hospitals schools bridges railways ports airports pipelines refineries clinics prisons "
          "courts farms fisheries mines forests reservoirs dams highways tunnels shelters pensions "
          "salaries tariffs subsidies loans grants vaccines medicines laboratories universities "
          "libraries museums stadiums warehouses factories shipyards harbors levees canals power-plants "
          "substations broadband networks satellites drones vessels aircraft tanks barracks embassies "
          "consulates visas permits licenses contracts exports imports budgets reserves bonds "
          "cooperatives unions charities startups banks insurers landlords tenants wells orchards "
          "vineyards ranches granaries terminals depots checkpoints archives registries ambulances").split()
_PLACES = ("Ohio Texas Bavaria Ontario Quebec Lagos Nairobi Mumbai Osaka Lyon Porto Gdansk Valparaiso "
           "Cordoba Manila Jakarta Tbilisi Yerevan Bergen Tampere Rotterdam Antwerp Naples Seville "
           "Asturias Galicia Tasmania Queensland Manitoba Alberta Sonora Yucatan Oaxaca Patagonia "
           "Kerala Punjab Sindh Mindanao Luzon Sabah Sumatra Crete Sicily Sardinia Corsica Brittany "
           "Normandy Silesia Moravia Transylvania Anatolia Cappadocia Galilee Darfur Katanga Zanzibar "
           "Tigray Casamance Cabinda Benguela Gauteng Limpopo Natal Canterbury Otago Fiji Samoa Tonga "
           "Aruba Curacao Barbados Tobago Grenada Belize Chiapas Tabasco Guerrero Sinaloa Durango").split()
_PREPS = ("in", "across", "throughout", "near", "outside", "around", "beyond")
_MONTHS = ("January February March April May June July August September October November December").split()
_OPENERS = ("", "", "", "Let me be clear: ", "Today ", "As I said before, ", "Frankly, ", "This week ",
            "After months of talks, ", "For the first time, ")
_TAILS = ("by {month} {year}", "before the end of {year}", "within {n} days", "over the next {n} months",
          "at a cost of {n} million dollars", "for {n} thousand families", "starting in {month}",
          "despite the objections of the U.S. Treasury", "together with the U.S. Embassy", "this year")
# words never used in statements: unsourced quotations are built from them
_U_VERBS = ("celebrate imagine whisper wander gather harvest polish paint sing dance juggle sketch").split()
_U_NOUNS = ("lanterns meadows carousels kites violins poems murals gardens festivals quilts puzzles tides").split()
_U_ADJ = ("cheerful golden quiet sleepy velvet silver gentle playful misty amber dusty sunlit").split()
_FILLER = ("The remarks came during a visit to {place}.", "Officials in {place} did not respond to a request for comment.",
           "The plan has drawn criticism from opposition lawmakers.", "The announcement followed weeks of negotiations.",
           "Analysts said the measure could take years to carry out.", "Local leaders in {place} welcomed the news.",
           "The figures could not be independently verified.", "Critics have questioned the cost of the program.")


@attrs.frozen
class _Vocab:
    """The content words statements are built from, per class, and how they are drawn."""

    verbs: tuple[str, ...]
    adj: tuple[str, ...]
    nouns: tuple[str, ...]
    places: tuple[str, ...]
    zipf: bool = False

    def pick(self, rng: random.Random, words: tuple[str, ...]) -> str:
        if not self.zipf:
            return rng.choice(words)
        return rng.choices(words, cum_weights=_zipf_cum(len(words)))[0]


_BASE = _Vocab(tuple(_VERBS), tuple(_ADJ), tuple(_NOUNS), tuple(_PLACES))
_SYLLABLES = ("ba be bo da de di do fa fe ga go ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no "
              "pa pe po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo za ze zo").split()


@lru_cache(maxsize=8)
def _zipf_cum(n: int) -> list[float]:
    """Cumulative Zipf-Mandelbrot weights (rank r drawn with probability ~ 1/(r + 20)): some
    words frequent, most rare, as in real text. Without the offset the first word of each class
    would be in one statement in eight, and statements made only of such words have no rare
    3-gram at all at 1 M (a first version measured that: 1.3 % of exact quotations unfound)."""
    out, total = [], 0.0
    for r in range(1, n + 1):
        total += 1.0 / (r + 20)
        out.append(total)
    return out


def _rich_vocab(extra: int, seed: int) -> _Vocab:
    """The base words plus `extra` made-up words (two or three syllables: "kalomi", "Zevira"),
    shared out over verbs, adjectives, nouns and places and drawn Zipf-wise with the real words
    first. None of them is an English word the unsourced quotations use."""
    if extra <= 0:
        return _BASE
    rng = random.Random(f"vocab-{seed}")
    taken = set(_VERBS) | set(_ADJ) | set(_NOUNS) | {p.lower() for p in _PLACES} | set(_U_VERBS) | \
        set(_U_NOUNS) | set(_U_ADJ)
    made: list[str] = []
    while len(made) < extra:
        w = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3, 3))))
        if w not in taken:
            taken.add(w)
            made.append(w)
    # shuffled among the real words' tail so both kinds get frequent and rare members
    parts = [list(_VERBS), list(_ADJ), list(_NOUNS), list(_PLACES)]
    for k, w in enumerate(made):
        c = k % 4
        parts[c].append(w.capitalize() if c == 3 else w)
    for p in parts:
        head, tail = p[:20], p[20:]
        rng.shuffle(tail)
        p[:] = head + tail
    return _Vocab(*(tuple(p) for p in parts), zipf=True)


def _sentence(rng: random.Random, v: _Vocab = _BASE) -> tuple[str, int]:
    """One statement sentence and the index of its modal in _MODALS."""
    mi = rng.randrange(len(_MODALS))
    subj = rng.choice(_SUBJECTS)
    opener = rng.choice(_OPENERS)
    if opener and not opener.endswith(": "):
        subj = subj if subj == "We" else subj[0].lower() + subj[1:]
        subj = "we" if subj == "We" else subj
    tail = rng.choice(_TAILS).format(month=rng.choice(_MONTHS), year=rng.randint(2024, 2031), n=rng.randint(2, 90))
    modal = _MODALS[mi][0]
    if subj not in ("We", "we", "Our partners") and modal.startswith(("are ", "have ", "do ")):
        modal = {"are ready to": "is ready to", "have agreed to": "has agreed to", "are going to": "is going to",
                 "do not plan to": "does not plan to"}[modal]
        mi = -1
    body = (f"{subj} {modal} {v.pick(rng, v.verbs)} {v.pick(rng, v.adj)} {v.pick(rng, v.nouns)} "
            f"{rng.choice(_PREPS)} {v.pick(rng, v.places)} {tail}")
    s = opener + body
    return s[0].upper() + s[1:] + ".", mi


def _speakers(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """Speakers with distinct surnames (articles call them by surname, as papers do)."""
    last = list(_LAST)
    rng.shuffle(last)
    return [(f"{rng.choice(_FIRST)} {sur}", rng.choice(_ROLES)) for sur in last[:n]]


def _statement(rng: random.Random, v: _Vocab = _BASE) -> list[str]:
    return [_sentence(rng, v)[0] for _ in range(rng.choice((1, 2, 2, 3)))]


def _words(s: str) -> list[str]:
    return s.split()


def _mutate(rng: random.Random, kind: str, sentence: str, v: _Vocab = _BASE) -> tuple[str, str, str]:
    """(quoted words, how they are framed: 'full' sentence or 'partial', the mutation applied)."""
    text, frame = _mutate_as(rng, kind, sentence, v)
    if text is None:          # no cosmetic variant of this sentence: quoted exactly
        return sentence.rstrip("."), "full", "exact"
    return text, frame, kind


def _mutate_as(rng: random.Random, kind: str, sentence: str, v: _Vocab = _BASE) -> tuple[str | None, str]:
    body = sentence.rstrip(".")
    w = _words(body)
    if kind == "exact":
        return body, "full"
    if kind == "cosmetic":
        for long, short in _MODALS:
            if f" {long} " in f" {body} ":
                if short.startswith("'"):   # we will -> we'll (only after a pronoun)
                    i = w.index(long.split()[0])
                    if i > 0 and w[i - 1].lower() in ("we",):
                        return " ".join(w[:i - 1] + [w[i - 1] + short] + w[i + len(long.split()):]), "full"
                    continue
                return f" {body} ".replace(f" {long} ", f" {short} ", 1).strip(), "full"
        if "U.S." in body:
            return body.replace("U.S.", "US", 1), "full"
        return None, "full"
    core = _core(w, v)
    if kind == "elided":
        # the omission leaves the statement's distinctive words (verb, object, place) in view,
        # as an editor's cut does; cutting those would make any source with the same frame fit
        place = core.stop - 1
        a, b = (place + 1, place + 3) if len(w) - place >= 5 else (place - 1, place)
        return " ".join(w[:a]) + " ... " + " ".join(w[b:]), "full"
    if kind == "truncated":
        a = rng.randint(2, 3)
        return " ".join(w[a:]), "partial"
    if kind == "altered":
        # one content word replaced by another of its class
        for i in rng.sample(range(len(w)), len(w)):
            if w[i] in v.nouns:
                w[i] = rng.choice([x for x in v.nouns if x != w[i]])
                return " ".join(w), "full"
            if w[i] in v.verbs:
                w[i] = rng.choice([x for x in v.verbs if x != w[i]])
                return " ".join(w), "full"
        return " ".join(w[:-1]) + " immediately", "full"
    if kind == "paraphrase":
        # the distinctive run kept (and a little more), the frame reworded: 50-70 % of the words
        keep = set(range(core.start, core.stop))
        lo, hi = core.start, core.stop
        while len(keep) < int(len(w) * 0.6):
            if hi < len(w):
                keep.add(hi)
                hi += 1
            else:
                lo -= 1
                keep.add(lo)
        return " ".join(x if i in keep else rng.choice(_U_VERBS + _U_NOUNS + _U_ADJ) for i, x in enumerate(w)), "full"
    # unsourced: words no statement uses
    s = (f"{rng.choice(('We', 'Our volunteers', 'The families'))} {rng.choice(_U_VERBS)} "
         f"{rng.choice(_U_ADJ)} {rng.choice(_U_NOUNS)} and {rng.choice(_U_VERBS)} {rng.choice(_U_ADJ)} "
         f"{rng.choice(_U_NOUNS)} every {rng.choice(_MONTHS)}")
    return s, "full"


def _core(w: list[str], v: _Vocab = _BASE) -> range:
    """Positions of verb .. place: the words that make a statement distinctive."""
    verb = next(i for i, x in enumerate(w) if x in v.verbs and i + 1 < len(w) and w[i + 1] in v.adj)
    place = next(i for i in range(verb, len(w)) if w[i] in v.places)
    return range(verb, place + 1)


def _quote_paragraph(rng: random.Random, text: str, frame: str, name: str, role: str) -> str:
    if frame == "partial":
        return f"{name}, the {role}, said the government would “{text[0].lower() + text[1:]}.”"
    form = rng.randrange(3)
    if form == 0:
        return f"“{text},” said {name}, the {role}."
    if form == 1:
        return f"{name}, the {role}, said: “{text}.”"
    return f"“{text},” {name} told reporters on {rng.choice(('Monday', 'Tuesday', 'Friday'))}."


def generate(out: Path, statements: int, articles: int, quotes_per_article: int = 10, html_share: float = 0.3,
             seed: int = 1, vocabulary: int = 0) -> dict[str, Any]:
    """Write sources/, articles/ and truth.jsonl under `out` (skipped when already there).
    `vocabulary` made-up words are added to the few hundred real ones (0: the real ones only)."""
    out = Path(out)
    done = out / "generated.json"
    want = {"statements": statements, "articles": articles, "quotes_per_article": quotes_per_article,
            "html_share": html_share, "seed": seed, "version": 4}
    if vocabulary:
        want["vocabulary"] = vocabulary
        want["vocabulary_version"] = 2
    v = _rich_vocab(vocabulary, seed)
    if done.exists() and json.loads(done.read_text()) == want:
        return want
    rng = random.Random(seed)
    speakers = _speakers(rng, min(len(_LAST), max(8, statements // 50)))
    src_dir, art_dir = out / "sources", out / "articles"
    src_dir.mkdir(parents=True, exist_ok=True)
    art_dir.mkdir(parents=True, exist_ok=True)
    chosen: dict[int, list[str]] = {}
    quoted = set(rng.sample(range(statements), min(statements, articles * quotes_per_article)))
    for k in range(statements):
        sp, role = speakers[k % len(speakers)]
        sents = _statement(rng, v)
        if k in quoted:
            chosen[k] = sents
        d = src_dir / f"{k // 1000:04d}"
        if k % 1000 == 0:
            d.mkdir(exist_ok=True)
        handle = "@" + sp.replace(" ", "").lower()[:15]
        (d / f"s{k:07d}.txt").write_text(
            f"id: s{k:07d}\nspeaker: {sp}\nhandle: {handle}\nkind: statement\npublished: 2025-0{1 + k % 9}-1{k % 10}\n"
            f"---\n{' '.join(sents)}\n", encoding="utf-8")
    pool = sorted(chosen)
    rng.shuffle(pool)
    with open(out / "truth.jsonl", "w", encoding="utf-8") as truth:
        qi = 0
        for a in range(articles):
            html = rng.random() < html_share
            paras: list[str] = []
            for _ in range(quotes_per_article):
                kind = MUTATIONS[qi % len(MUTATIONS)] if qi % 3 else "exact"
                k = pool[qi % len(pool)] if pool else 0
                qi += 1
                sp, role = speakers[k % len(speakers)]
                sent = rng.choice(chosen.get(k) or _statement(rng, v))
                text, frame, kind = _mutate(rng, kind, sent, v)
                paras.append(rng.choice(_FILLER).format(place=rng.choice(_PLACES)))
                paras.append(_quote_paragraph(rng, text, frame, sp, role))
                truth.write(json.dumps({"article": a, "text": text, "verdict": kind,
                                        "source": None if kind == "unsourced" else f"s{k:07d}",
                                        "speaker": sp}) + "\n")
            title = f"Officials outline new measures for {rng.choice(_PLACES)}"
            d = art_dir / f"{a // 1000:04d}"
            d.mkdir(exist_ok=True)
            if html:
                body = "".join(f"<p>{p}</p>\n" for p in paras)
                (d / f"a{a:07d}.html").write_text(
                    f"<!doctype html><html><head><title>{title}</title></head><body><article>"
                    f"<h1>{title}</h1>\n{body}</article></body></html>\n", encoding="utf-8")
            else:
                (d / f"a{a:07d}.txt").write_text(f"{title}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    done.write_text(json.dumps(want))
    return want


def _match(args: list[str]) -> None:
    """Child process: check the articles, write JSON lines, print timings (one JSON object)."""
    from .parallel import RunConfig, prepare, run

    articles, sources, index, out, workers, brute = args[0], args[1], args[2], args[3], int(args[4]), args[5] == "1"
    from .report.jsonl import write_jsonl

    t0 = time.perf_counter()
    # as `verify quotes --format jsonl --workers N` runs: the index synced on N processes, each
    # report written out where it is checked
    config = prepare(RunConfig(sources, brute, None if brute else index, keep_documents=False, render="jsonl"), workers)
    t1 = time.perf_counter()
    cpu0 = _cpu_s(resource.RUSAGE_SELF), _cpu_s(resource.RUSAGE_CHILDREN)
    docs = quotes = 0
    with open(out, "w", encoding="utf-8") as fh:
        def counted():
            nonlocal docs, quotes
            for r in run([articles], config, workers=workers):
                docs += 1
                # a rendered report keeps only its failing findings; its lines are all of them
                quotes += r.rendered.count("\n") if r.rendered is not None else len(r.findings)
                yield r
        write_jsonl(counted(), fh, {})
    t2 = time.perf_counter()
    # (the workers have ended and been waited for: their CPU time is counted in RUSAGE_CHILDREN)
    cpu_main, cpu_workers = _cpu_s(resource.RUSAGE_SELF) - cpu0[0], _cpu_s(resource.RUSAGE_CHILDREN) - cpu0[1]
    own = _peak_rss_kb()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"open_s": t1 - t0, "match_s": t2 - t1, "documents": docs, "quotations": quotes,
                      "rss_main_mb": own / 1024, "rss_worker_mb": kids / 1024,
                      "cpu_main_s": cpu_main, "cpu_workers_s": cpu_workers}))


def _cpu_s(who: int) -> float:
    """User and system CPU seconds of this process (RUSAGE_SELF) or of its ended children."""
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _peak_rss_kb() -> int:
    """This process's own peak RSS. ru_maxrss would also count the parent's memory before the
    exec (Linux keeps it across execve), i.e. the generator's."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _run_match(data: Path, index: Path, out: Path, workers: int, brute: bool) -> dict[str, Any]:
    p = subprocess.run([sys.executable, "-c", "import sys; from verify.bench import _match; _match(sys.argv[1:])",
                        str(data / "articles"), str(data / "sources"), str(index), str(out), str(workers),
                        "1" if brute else "0"], capture_output=True, text=True)
    if p.returncode != 0:
        from .errors import VerifyError

        raise VerifyError("bench: matching failed: " + (p.stderr.strip().splitlines() or ["?"])[-1])
    return json.loads(p.stdout.strip().splitlines()[-1])


def _norm(s: str) -> str:
    return "".join(ch.lower() for ch in s if ch.isalnum())


def _truth_sources(data: Path) -> dict[tuple[int, int], str | None]:
    out: dict[tuple[int, int], str | None] = {}
    count: dict[int, int] = {}
    with open(data / "truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line)
            i = count[t["article"]] = count.get(t["article"], -1) + 1
            out[(t["article"], i)] = t["source"]
    return out


def _score(data: Path, out: Path) -> tuple[dict[str, Any], dict[tuple[int, int], str | None]]:
    """Accuracy of the findings in `out` against truth.jsonl; and the source linked per truth quote."""
    truth: dict[int, list[dict]] = {}
    with open(data / "truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line)
            truth.setdefault(t["article"], []).append(t)
    found: dict[int, list[dict]] = {}
    with open(out, encoding="utf-8") as fh:
        for line in fh:
            f = json.loads(line)
            a = int(Path(f["path"]).stem[1:])
            found.setdefault(a, []).append(f)
    n = verdict_ok = source_ok = 0
    per: dict[str, list[int]] = {}
    linked: dict[tuple[int, int], str | None] = {}
    for a, ts in truth.items():
        fs = {_norm(f["text"]): f for f in found.get(a, [])}
        for i, t in enumerate(ts):
            n += 1
            f = fs.get(_norm(t["text"]))
            v = f["verdict"] if f else None
            sid = (f.get("source") or {}).get("id") if f else None
            linked[(a, i)] = sid
            ok = v == t["verdict"]
            verdict_ok += ok
            source_ok += sid == t["source"]
            per.setdefault(t["verdict"], [0, 0])
            per[t["verdict"]][0] += ok
            per[t["verdict"]][1] += 1
    return ({"quotations_truth": n, "verdict_accuracy": round(verdict_ok / n, 4) if n else 0.0,
             "source_accuracy": round(source_ok / n, 4) if n else 0.0,
             "verdict_accuracy_by_kind": {k: round(a / b, 3) for k, (a, b) in sorted(per.items())}}, linked)


def heaps_vocabulary(statements: int) -> int:
    """Made-up words for an archive of `statements`: 40·√statements (4 000 at 10 k, 40 000 at
    1 M). Heaps' law: a text of n words uses about K·n^β distinct ones, β near 0.5; a statement
    here has ~4 content words, and 40·√statements stays well below what real English of that
    size uses (K 10-100 over all words), so the archive remains the harder case."""
    return round(40 * statements ** 0.5)


def run_bench(statements: int, articles: int, quotes_per_article: int = 10, workers: int = 2,
              brute_force: bool = False, html_share: float = 0.3, seed: int = 1, data_dir: Path | None = None,
              reuse_index: bool = False, build_workers: int = 2, log=None,
              vocabulary: int | None = None) -> dict[str, Any]:
    """Generate (or reuse) an archive, build its index, match it and score it. `vocabulary`:
    made-up words added to the real ones (None: heaps_vocabulary(statements))."""
    from .index import SourceStore

    if vocabulary is None:
        vocabulary = heaps_vocabulary(statements)
    say = log or (lambda msg: None)
    data = Path(data_dir) if data_dir else Path(__file__).resolve().parent.parent / "cache" / "bench" / \
        (f"s{statements}-a{articles}-q{quotes_per_article}-r{seed}" + (f"-v{vocabulary}" if vocabulary else ""))
    t = time.perf_counter()
    say(f"generating {statements} statements and {articles} articles in {data}")
    generate(data, statements, articles, quotes_per_article, html_share, seed, vocabulary)
    res: dict[str, Any] = {"statements": statements, "articles": articles, "quotes_per_article": quotes_per_article,
                           "vocabulary": vocabulary,
                           "workers": workers, "generate_s": round(time.perf_counter() - t, 1), "data": str(data),
                           "load_avg_at_start": os.getloadavg()[0]}
    index = data / "index.sqlite"
    if not (reuse_index and index.exists()):
        say("building the index")
        t = time.perf_counter()
        if index.exists():
            index.unlink()
        SourceStore.build_from_folder(index, data / "sources", workers=build_workers)
        res["index_build_s"] = round(time.perf_counter() - t, 1)
        res["index_build_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    res["index_mb"] = round(index.stat().st_size / 2 ** 20, 1)
    say(f"matching with the index, {workers} worker(s)")
    out = data / "indexed.jsonl"
    m = _run_match(data, index, out, workers, False)
    res["indexed"] = _rates(m)
    scores, linked = _score(data, out)
    res["indexed"].update(scores)
    if brute_force:
        say("matching by brute force")
        out_b = data / "brute.jsonl"
        mb = _run_match(data, index, out_b, workers, True)
        res["brute_force"] = _rates(mb)
        scores_b, linked_b = _score(data, out_b)
        res["brute_force"].update(scores_b)
        same = sum(linked.get(k) == v for k, v in linked_b.items())
        res["same_source_as_brute_force"] = round(same / len(linked_b), 4) if linked_b else 0.0
        truth = _truth_sources(data)
        differ = [k for k, v in linked_b.items() if linked.get(k) != v]
        res["differ_index_right"] = sum(linked.get(k) == truth.get(k) for k in differ)
        res["differ_brute_force_right"] = sum(linked_b.get(k) == truth.get(k) for k in differ)
    res["load_avg_at_end"] = os.getloadavg()[0]
    return res


def _rates(m: dict[str, Any]) -> dict[str, Any]:
    s = m["match_s"] or 1e-9
    return {"open_s": round(m["open_s"], 2), "match_s": round(s, 2), "documents": m["documents"],
            "quotations": m["quotations"], "articles_per_s": round(m["documents"] / s, 1),
            "quotations_per_s": round(m["quotations"] / s, 1),
            "ms_per_article": round(1000 * s / max(1, m["documents"]), 3),
            # CPU time an article, every process counted: it leaves out the time other tenants of a
            # shared VM take (steal), and bounds the rate (2 workers on 2 cores: 2000 / this)
            "cpu_ms_per_article": round(1000 * (m["cpu_main_s"] + m["cpu_workers_s"]) / max(1, m["documents"]), 3),
            "cpu_ms_per_article_main": round(1000 * m["cpu_main_s"] / max(1, m["documents"]), 3),
            "peak_rss_main_mb": round(m["rss_main_mb"]), "peak_rss_worker_mb": round(m["rss_worker_mb"])}


def format_bench(r: dict[str, Any]) -> str:
    lines = [f"{r['statements']} statements ({r.get('vocabulary', 0)} made-up words), "
             f"{r['articles']} articles x {r['quotes_per_article']} quotations, "
             f"{r['workers']} worker(s) (load average {r['load_avg_at_start']:.1f} at start)"]
    if "index_build_s" in r:
        lines.append(f"index: built in {r['index_build_s']} s, {r['index_mb']} MB on disk, "
                     f"build peak RSS {r['index_build_peak_rss_mb']} MB")
    else:
        lines.append(f"index: {r['index_mb']} MB on disk (reused)")
    for key in ("indexed", "brute_force"):
        if key in r:
            m = r[key]
            lines.append(f"{key}: {m['articles_per_s']} articles/s, {m['quotations_per_s']} quotations/s "
                         f"({m['ms_per_article']} ms/article, open {m['open_s']} s; CPU {m['cpu_ms_per_article']} ms/article, "
                         f"{m['cpu_ms_per_article_main']} of it in the main process), peak RSS main {m['peak_rss_main_mb']} MB"
                         f" / worker {m['peak_rss_worker_mb']} MB; verdict accuracy {m['verdict_accuracy']}, "
                         f"source accuracy {m['source_accuracy']} over {m['quotations_truth']} quotations")
            lines.append(f"  by kind: {json.dumps(m['verdict_accuracy_by_kind'])}")
    if "same_source_as_brute_force" in r:
        lines.append(f"same source as brute force: {r['same_source_as_brute_force']} (where they differ the index "
                     f"links the true source {r['differ_index_right']} times, brute force {r['differ_brute_force_right']})")
    return "\n".join(lines)
