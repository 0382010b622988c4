"""Frame field ``measure``: what a figure measures, as an id of the indicator taxonomy.

Reads: the claim's subject phrase (decided by the subject stage), the words of the figure's
own stretch of its clause (``Passage.segment``), its unit and counted noun, and the
taxonomy ``resources/data/measures.toml`` (``synonyms``, ``heads``, ``context``,
``exclude``, ``dimension``).  Writes: a ``Measure`` and the cues that decided it.

A measure is a candidate when one of its synonyms is in the subject phrase (strongest), in
the words before the figure in its stretch, or after it; or when one of its heads is there
with one of its context words in the clause.  A candidate is dropped when one of its
``exclude`` words is in the subject or the stretch, or when the figure's unit does not fit
its dimension (a % figure is not ``gdp.nominal``; a % may be a share of GDP of a currency
measure, or the change of one outside the GDP family).  The best candidate wins: where it
was found, then the longest phrase, then the nearest to the figure.  Without one the
measure is ``free``: the subject phrase, lower case, no determiners, its head singular.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from claimledger.extract import units
from claimledger.extract.frame import _cues
from claimledger.extract.frame._gazetteer import Gazetteer, Hit, case_of, key
from claimledger.extract.frame._passage import within
from claimledger.extract.units import singular
from claimledger.models import Measure, Quantity
from claimledger.resources.taxonomy import measure_data

__all__ = ["Entry", "Phrases", "choose", "entry", "free", "is_label", "part_named", "taxonomy"]

#: Scores of where a synonym was found; a head with context scores below all of them.
IN_SUBJECT = 30
BEFORE_FIGURE = 20
AFTER_FIGURE = 10
#: A subject phrase the sentence does not show (the subject stage wrote "growth" as "gdp
#: growth", "borrowed" as "borrowing", or took the figure before's): below a synonym written
#: before the figure, above one after it.
REWRITTEN = 15
HEAD_WITH_CONTEXT = 5
#: Characters beyond the figure's stretch, within its clause, searched for a head's context.
CONTEXT_REACH = 80
#: The end of what still belongs to a figure's own phrase after it: the next punctuation mark.
#: Beyond it a phrase is another's ("inflation rose to 4%, driven by core prices" is headline
#: inflation), so its ``exclude`` words rule nothing out and its context words confirm no head.
_PHRASE_END = re.compile(r"[,;:()\u2013\u2014]|\s-\s")


def _near_end(text: str, fig_end: int, limit: int) -> int:
    m = _PHRASE_END.search(text, fig_end, limit)
    return m.start() if m is not None else limit


_CCY = re.compile(r"^[A-Z]{3}(?:/.*)?$")
_DIMENSION_OF_UNIT: dict[str, str] = {
    "%": "percent",
    "pp": "percent",
    "percent": "percent",
    "km": "length",
    "m": "length",
    "mi": "length",
    "m2": "area",
    "km2": "area",
    "ha": "area",
    "acre": "area",
    "t": "mass",
    "kg": "mass",
    "g": "mass",
    "lb": "mass",
    "MW": "power",
    "GW": "power",
    "kW": "power",
    "TW": "power",
    "kWh": "energy",
    "MWh": "energy",
    "GWh": "energy",
    "TWh": "energy",
    "Wh": "energy",
    "bbl": "volume",
    "bbl/d": "volume",
    "m3": "volume",
    "km3": "volume",
    "l": "volume",
    "tcf": "volume",
    "year": "duration",
    "month": "duration",
    "week": "duration",
    "day": "duration",
    "h": "duration",
}
#: A magnitude word: "21.41 trillion" is an amount even with no unit or noun.
_MAGNITUDE = re.compile(r"\b(?:million|billion|trillion|mn|bn|tn)\b", re.I)
#: A magnitude no price is stated in.
_AGGREGATE = re.compile(r"\b(?:billion|trillion|bn|tn)\b", re.I)
_PERCENT_DIMS = frozenset({"percent", "rate", "ratio", "index"})
#: Unit dimensions that say what kind of thing is measured (a length of roads, a mass of
#: grain), unlike a %, an amount of money or a count.
_SPECIFIC_DIMS = frozenset({"length", "area", "mass", "power", "energy", "volume"})
_DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
        "our",
        "his",
        "her",
        "my",
        "your",
        "such",
    }
)
_GROWTH = re.compile(
    r"\b(?:grew|grow|grows|growing|growth|rose|rise|rises|rising|increased?|increases|increasing|fell|fall|falls|"
    r"falling|declined?|declines|dropped|drop|up|down|by|more|less|higher|lower|expanded|contracted|jumped|"
    r"slowed|accelerated|surged|plunged|gained|lost|year[- ]on[- ]year)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One measure of the taxonomy; ``context`` and ``exclude`` are normalised phrases."""

    id: str
    name: str
    dimension: str
    basis: tuple[str, ...]
    flow: str
    codes: tuple[tuple[str, str], ...]
    exclude: frozenset[str]
    context: frozenset[str]
    order: int
    parent: str = ""
    #: the measure a % change of this level is ("GDP is expected to grow 2%": real growth)
    growth: str = ""

    @property
    def measure(self) -> Measure:
        return Measure(self.id, self.name, False, self.codes)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The taxonomy compiled: entries by id, and one pattern for every phrase it uses
    (synonyms, heads, context and exclude words), so a stretch of text is read once."""

    by_id: dict[str, Entry]
    phrases: Gazetteer[str]
    phrase_list: tuple[str, ...]
    #: phrases written in the taxonomy as acronyms ("CAR", "PIT"): they count only as written
    acronyms: dict[str, str]
    synonym_ids: dict[str, tuple[str, ...]]
    head_ids: dict[str, tuple[str, ...]]


@cache
def taxonomy() -> Taxonomy:
    """``measures.toml`` compiled once (empty when the file is missing)."""
    try:
        data: dict[str, Any] = measure_data()
    except FileNotFoundError:
        data = {}
    by_id: dict[str, Entry] = {}
    syn: dict[str, list[str]] = {}
    heads: dict[str, list[str]] = {}
    every: set[str] = set()
    acronyms: dict[str, str] = {}
    for k, row in enumerate(data.get("measure", [])):
        context = frozenset(lemma(_norm(w)) for w in row.get("context", ()) if w)
        exclude = frozenset(_norm(w) for w in row.get("exclude", ()) if w)
        e = Entry(
            id=row["id"],
            name=row.get("name", row["id"]),
            dimension=row.get("dimension", "other"),
            basis=tuple(row.get("basis", ())),
            flow=row.get("flow", ""),
            codes=tuple(sorted((str(a), str(b)) for a, b in (row.get("codes") or {}).items())),
            exclude=exclude,
            context=context,
            order=k,
            parent=str(row.get("parent", "")),
            growth=str(row.get("growth", "")),
        )
        by_id[e.id] = e
        # a context word is compared in its plain form but found in the text as written
        every |= context | exclude | {_norm(w) for w in row.get("context", ()) if w}
        for table, items in ((syn, row.get("synonyms", ())), (heads, row.get("heads", ()))):
            for w in items:
                ids = table.setdefault(_norm(w), [])
                every.add(_norm(w))
                if case_of(w) == "exact":
                    acronyms[_norm(w)] = w
                if e.id not in ids:
                    ids.append(e.id)
    return Taxonomy(
        by_id=by_id,
        phrases=Gazetteer((w, w) for w in sorted(every)),
        phrase_list=tuple(sorted(every)),
        acronyms=acronyms,
        synonym_ids={k: tuple(v) for k, v in syn.items()},
        head_ids={k: tuple(v) for k, v in heads.items()},
    )


def _norm(s: str) -> str:
    return key(s)


@lru_cache(maxsize=4096)
def _grams(phrase: str) -> frozenset[str]:
    """A matched phrase and the runs of up to three of its words: "gdp per capita growth"
    also shows "per capita", which an ``exclude`` or ``context`` list may name; and each
    word's plain form (``lemma``)."""
    w = phrase.split()
    runs = {" ".join(w[i : i + n]) for n in range(1, 4) for i in range(len(w) - n + 1)} | {phrase}
    return frozenset(runs | {lemma(x) for x in w})


def _scan(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    if a >= b:
        return []
    return [(h.start, h.end, h.value) for h in taxonomy().phrases.find(text, a, b)]


class Phrases:
    """The taxonomy phrases of one sentence, found once and looked up per figure."""

    __slots__ = ("hits", "starts")

    def __init__(self, hits: Sequence[Hit[Any]]) -> None:
        self.hits = [(h.start, h.end, v) for h in hits for v in h.values if isinstance(v, str)]
        self.starts = [h[0] for h in self.hits]

    def within(self, a: int, b: int) -> list[tuple[int, int, str]]:
        return within(self.hits, self.starts, a, b)

    @staticmethod
    def scan(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
        """The taxonomy phrases of ``text[a:b]``."""
        return _scan(text, a, b)


@lru_cache(maxsize=4096)
def _subject_scan(subject: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The taxonomy phrases of a subject phrase and every word run they show (subjects
    repeat across a document, so this is cached)."""
    hits = tuple(h for _a, _b, h in _scan(subject, 0, len(subject)))
    seen: set[str] = set()
    for h in hits:
        seen |= _grams(h)
    return hits, frozenset(seen)


@lru_cache(maxsize=8192)
def lemma(word: str) -> str:
    """A word's plain form, to compare a context word with the text's ("planted" and
    "plant", "built" and "build"): irregular forms from frame_cues.toml [forms], then the
    endings -ing, -ed, -es, -s.  Phrases of several words are left as they are."""
    if " " in word or len(word) < 4:
        return word
    irregular = _cues.data()["forms"]["irregular"]
    if word in irregular:
        return str(irregular[word])
    for end in ("ing", "ed", "es", "s"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)]
    return word


def entry(measure_id: str) -> Entry | None:
    return taxonomy().by_id.get(measure_id)


def unit_dimension(q: Quantity | None) -> str | None:
    """The dimension of a figure's unit; None when it says nothing (no figure, odd unit)."""
    if q is None:
        return None
    u = q.unit
    if u is None:
        return "count"
    if _CCY.match(u):
        return "currency"
    return _DIMENSION_OF_UNIT.get(u)


def fits(e: Entry, dim: str | None, change: bool, share_of_gdp: bool) -> bool:
    """Can a figure of dimension ``dim`` be a value of measure ``e``?"""
    if dim is None or e.dimension == "other":
        return True
    if dim == "percent":
        if share_of_gdp and e.id.startswith(("gdp", "gni")):
            return False  # "debt of 60% of GDP": GDP is what it is a share of
        if e.dimension in _PERCENT_DIMS:
            return True
        if e.dimension == "currency" and dict(e.codes).get("weo", "").endswith("_NGDP"):
            return True  # "the deficit will narrow to 5.7%": its public series is in % of GDP
        if share_of_gdp and e.dimension in ("currency", "count"):
            # "a deficit of 3% of GDP", "debt of 50% of GDP"; never GDP itself, which is
            # the basis of the share, not its numerator
            return not e.id.startswith(("gdp", "gni"))
        # the change of an amount ("exports rose 12%"), but never of GDP itself, whose
        # change has measures of its own (gdp.real_growth ...)
        return change and e.dimension in ("currency", "count") and not e.id.startswith(("gdp", "gni"))
    if dim == "count":
        return e.dimension in ("count", "index", "ratio", "duration")
    if dim == "currency":
        return e.dimension == "currency"
    return e.dimension == dim


Candidate = tuple[int, int, int, str, str]
"""(score, phrase length, -distance to the figure, measure id, cue)"""


@lru_cache(maxsize=4096)
def _subject_candidates(subject: str) -> tuple[tuple[Candidate, ...], tuple[str, ...], frozenset[str]]:
    """The synonyms of a subject phrase as candidates, best first; its heads; and every
    word run it shows (subjects repeat across a document, so this is cached)."""
    t = taxonomy()
    hits, seen = _subject_scan(subject)
    found: list[Candidate] = []
    heads: list[str] = []
    for h in hits:
        for g in _grams(h):
            for mid in t.synonym_ids.get(g, ()):
                found.append((IN_SUBJECT, len(g), 0, mid, f"synonym:{g} (subject)"))
            if g in t.head_ids:
                heads.append(g)
    found.sort(key=lambda f: (-f[0], -f[1], -f[2], t.by_id[f[3]].order))
    return tuple(found), tuple(heads), seen


_NOUN_AFTER = re.compile(r"[ \t]*([A-Za-z][\w-]*)")


def _noun_after(
    text: str,
    phrases: Phrases,
    fig: tuple[int, int],
    clause: tuple[int, int],
    subj_seen: frozenset[str],
    fit: _Fit,
) -> tuple[Measure, list[str]] | None:
    """The measure whose head is the noun right after the figure, the head of its own
    phrase ("inflation ... its 3% goal": `inflation.target`), confirmed by a context word
    of the subject or the clause."""
    m = _NOUN_AFTER.match(text, fig[1], clause[1])
    if m is None:
        return None
    word = m.group(1).lower()
    t = taxonomy()
    mids = t.head_ids.get(word, ())
    if not mids:
        return None
    seen = set(subj_seen)
    for _a, _b, h in phrases.within(*clause):
        seen |= _grams(h)
    found: list[Candidate] = []
    for mid in mids:
        ctx = (t.by_id[mid].context & seen) - {word, lemma(word)}
        if ctx:
            found.append((IN_SUBJECT, len(word), 0, mid, f"head:{word}+{min(ctx)} (after the figure)"))
    return fit.first(found) if found else None


@cache
def _children() -> dict[str, tuple[Entry, ...]]:
    """The measures of each parent, in taxonomy order."""
    out: dict[str, list[Entry]] = {}
    for e in taxonomy().by_id.values():
        if e.parent:
            out.setdefault(e.parent, []).append(e)
    return {k: tuple(v) for k, v in out.items()}


def _with_parts(found: Sequence[Candidate], seen: frozenset[str]) -> tuple[Candidate, ...]:
    """The candidates of a subject, each after the measures below it that the subject's
    other words name: a child whose own context word (not its parent's, not a word of the
    phrase found) is in the subject ("allocation for housing": `spending.housing` before
    `budget.expenditure`)."""
    t = taxonomy()
    out: list[Candidate] = []
    for score, n, d, mid, cue in found:
        parent = t.by_id[mid]
        phrase = _grams(cue.split(":", 1)[1].split(" (")[0])
        for child in _children().get(mid, ()):
            own = (child.context - parent.context - phrase) & seen
            if own:
                out.append((score, n, d, child.id, f"{cue} + {min(own)} (a part of {mid})"))
        out.append((score, n, d, mid, cue))
    return tuple(out)


class _Fit:
    """Tries candidates against the exclude words and the unit, reading the text for
    what it needs only when a candidate asks (the words of the stretch, a change verb)."""

    __slots__ = (
        "change",
        "dim",
        "excluded",
        "fig_end",
        "phrases",
        "q",
        "seg",
        "sentence",
        "share_of_gdp",
        "subj_seen",
        "text",
        "window",
    )

    def __init__(
        self,
        text: str,
        phrases: Phrases,
        seg: tuple[int, int],
        window: tuple[int, int],
        q: Quantity | None,
        change: bool,
        share_of_gdp: bool,
        subj_seen: frozenset[str],
        fig_end: int,
        sentence: int,
    ) -> None:
        self.text = text
        self.phrases = phrases
        self.seg = seg
        self.window = window
        self.q = q
        self.dim = unit_dimension(q)
        self.change: bool | None = True if change else None
        self.share_of_gdp = share_of_gdp
        self.subj_seen = subj_seen
        self.excluded: set[str] | None = None
        self.fig_end = fig_end
        self.sentence = max(sentence, window[0] - CONTEXT_REACH)

    def first(self, found: Sequence[Candidate]) -> tuple[Measure, list[str]] | None:
        t = taxonomy()
        rejected = ""
        for _score, _n, _d, mid, cue in found:
            e = t.by_id[mid]
            if e.exclude and not e.exclude.isdisjoint(self._excluded()):
                continue
            price = e.dimension == "currency" and e.flow == "level"
            if price and self._aggregate():
                # "$2 billion" is no exchange rate, wage or oil price: a price is no aggregate
                rejected = rejected or f"unit:{self.q.text if self.q else None} not a price ({e.id})"
                continue
            if price and self.dim == "count" and self.q is not None and self.q.noun is None:
                # "1,480 per dollar", "a minimum wage of 95,000": a price without its currency
                return e.measure, [cue, "unit:none, a price without its currency"]
            grown = self._growth_of(e)
            if grown is not None:
                return grown.measure, [cue, f"change:% of {e.id} (its growth, {grown.id})"]
            bare = e.dimension == "currency" and self._bare_amount()
            if not bare and not fits(e, self.dim, self._change(e), self.share_of_gdp):
                rejected = rejected or f"unit:{self.q.unit if self.q else None} not {e.id}"
                continue
            extra = ["unit:none, an amount of money in words"] if bare and self.dim == "count" else []
            return e.measure, [cue] + ([rejected] if rejected else []) + extra
        return None

    def _growth_of(self, e: Entry) -> Entry | None:
        """The growth measure of a level ``e`` when the figure is a % change of it ("GDP is
        expected to grow 2.1%", "the CPI rose 0.4%"), not a share of GDP, and nothing rules
        the growth out.  An amount needs a change word; an index, stated in points, none."""
        if not e.growth or self.dim != "percent" or self.share_of_gdp:
            return None
        g = taxonomy().by_id.get(e.growth)
        if g is None or (g.exclude and not g.exclude.isdisjoint(self._excluded())):
            return None
        if e.dimension == "index":
            return g  # an index level is never stated in %: a % of it is its change
        a, b = self.window
        if _GROWTH.search(self.text, max(self.sentence, a), b) is None:
            return None
        return g

    def _bare_amount(self) -> bool:
        """Is the figure an amount in words with no unit or counted noun ("GDP: 21.41
        trillion"): money whose currency the text leaves to the reader?"""
        q = self.q
        return (
            self.dim == "count" and q is not None and q.noun is None and _MAGNITUDE.search(q.text) is not None
        )

    def _aggregate(self) -> bool:
        """Is the figure an amount in billions or trillions, which no price is?"""
        return self.q is not None and _AGGREGATE.search(self.q.text) is not None

    def _excluded(self) -> set[str]:
        if self.excluded is None:
            seen = set(self.subj_seen)
            for h0, _b, h in self.phrases.within(*self.seg):
                if h0 < _near_end(self.text, self.fig_end, self.seg[1]):
                    # before the figure or right after it ("GDP of $4,000 per capita"); a
                    # phrase further on is another's ("inflation rose to 4%, driven by core
                    # prices" is headline inflation)
                    seen |= _grams(h)
            self.excluded = seen
        return self.excluded

    def _change(self, e: Entry) -> bool:
        if self.change is None:
            if self.dim != "percent" or e.dimension not in ("currency", "count"):
                return False  # not asked: only a % of an amount needs to know
            # the sentence's verb reaches an elliptic item after it ("exports are projected to
            # grow 3.1% in 2026; in 2027, 3.4%")
            self.change = _GROWTH.search(self.text, self.sentence, self.window[1]) is not None
        return self.change


def _written(cue: str, acronyms: dict[str, str], text: str, window: tuple[int, int]) -> bool:
    """Is a subject candidate's phrase, when the taxonomy writes it as an acronym, written
    so near the figure (``window``)?"""
    phrase = cue.split(":", 1)[1].split(" (")[0]
    form = acronyms.get(phrase)
    return form is None or _acronym_rx(form).search(text, *window) is not None


@lru_cache(maxsize=256)
def _acronym_rx(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)")


def choose(
    subject: str,
    text: str,
    phrases: Phrases,
    seg: tuple[int, int],
    fig: tuple[int, int],
    clause: tuple[int, int],
    q: Quantity | None,
    change: bool,
    share_of_gdp: bool,
    economy: bool = False,
    sentence: int = -1,
) -> tuple[Measure, list[str]]:
    """The measure of a figure at ``fig`` in its stretch ``seg`` of its ``clause``
    (``sentence``: where its sentence starts, when known).
    ``change``: the figure is known to be an amount of change; ``economy``: the figure's
    clause names a country or an area (an economy, as context for "growth")."""
    t = taxonomy()
    a, b = seg
    subj_found, subj_heads, subj_seen = _subject_candidates(subject)
    if t.acronyms and any(f[4].split(":", 1)[1].split(" (")[0] in t.acronyms for f in subj_found):
        # "CAR" or "PIT" count only as written: a lower-case subject says not how
        near = (max(clause[0], fig[0] - CONTEXT_REACH), min(clause[1], fig[1] + CONTEXT_REACH))
        subj_found = tuple(f for f in subj_found if _written(f[4], t.acronyms, text, near))
    fit = _Fit(
        text,
        phrases,
        seg,
        (max(clause[0], fig[0] - CONTEXT_REACH), b),
        q,
        change,
        share_of_gdp,
        subj_seen,
        fig[1],
        min(sentence, clause[0]) if sentence >= 0 else clause[0],
    )
    # the sentence does not show the subject: its words (or the figure before's) are the
    # subject stage's, and give no context to the sentence's own heads
    shown = not subj_found or _shown(subject, text, fit.sentence, clause[1])
    own_seen = subj_seen if shown else frozenset()
    # the head noun of the figure's own phrase ("its 3% goal", "a $5 billion deficit") with a
    # context word in the clause beats the subject
    best = _noun_after(text, phrases, fig, clause, own_seen, fit)
    if best is not None:
        return best
    lo, hi = max(clause[0], min(a, fig[0]) - CONTEXT_REACH), min(clause[1], max(b, fig[1]) + CONTEXT_REACH)
    rewritten: tuple[Candidate, ...] = ()
    if not shown:
        # the sentence does not show the subject: its words (or the figure before's) are
        # the subject stage's, and the sentence's own synonyms before the figure beat them
        # a part of it is the one the figure's own stretch names ("$4 billion to health, $3
        # billion to education": the second is education's, whatever the subject carried on)
        seg_seen: set[str] = set()
        starts = [m.end() for m in _PHRASE_END.finditer(text, a, fig[0])]
        for _h0, _h1, h in phrases.within(starts[-1] if starts else a, _near_end(text, fig[1], b)):
            seg_seen |= _grams(h)
        rewritten = _rewrite_candidates(
            subject, subj_found, frozenset(seg_seen), subj_seen, text, phrases, clause, economy
        )
    else:
        # a synonym in the subject beats anything else that fits; a part of it the subject
        # names ("the allocation for housing") beats the whole
        best = fit.first(_with_parts(subj_found, subj_seen))
        if best is not None:
            return _narrowed(best, subject, text, phrases, seg, fig, clause, fit, q)
    # a purpose clause after the figure ("$150 million to support the economy") says what
    # the figure is for, not what it measures
    hi = min(hi, _purpose_start(text, fig[1], hi))
    window = phrases.within(lo, hi)
    found: list[Candidate] = []
    heads = list(subj_heads)
    syn_ids, head_ids = t.synonym_ids, t.head_ids
    own_end = _near_end(text, fig[1], b)
    for s0, s1, h in window:
        if not (a <= s0 and s1 <= b):
            continue
        before = s1 <= fig[0]
        if not before and s0 >= own_end and not heads_only(h):
            # a synonym past the figure's own phrase is another's ("wages rose 6%, outpacing
            # inflation"); its heads may still be confirmed by context
            for g in _grams(h):
                if g in head_ids:
                    heads.append(g)
            continue
        dist = fig[0] - s1 if before else s0 - fig[1]
        for g in _grams(h):
            for mid in syn_ids.get(g, ()):
                found.append((BEFORE_FIGURE if before else AFTER_FIGURE, len(g), -dist, mid, f"synonym:{g}"))
            if g in head_ids:
                heads.append(g)
    if heads:
        own_end = _near_end(text, fig[1], hi)
        seen_near: set[str] = set(own_seen)
        if economy:
            seen_near.add("economy")
        for s0, _s1, h in window:
            if s0 < own_end:
                # a context word further after the figure is another phrase's: "inflation
                # rose to 4%, driven by core prices" is not core inflation
                seen_near |= _grams(h)
        dim = fit.dim
        for h in heads:
            for mid in head_ids[h]:
                e = t.by_id[mid]
                ctx = (e.context & seen_near) - {h, lemma(h)}
                if ctx:
                    found.append((HEAD_WITH_CONTEXT, len(h), 0, mid, f"head:{h}+{min(ctx)}"))
                elif dim is not None and dim == e.dimension and dim in _SPECIFIC_DIMS:
                    # "2,500 km of roads": a unit of the measure's own kind confirms its head
                    found.append((HEAD_WITH_CONTEXT, len(h), 0, mid, f"head:{h}+unit {q.unit if q else ''}"))
                elif e.growth and dim == "percent" and _bare_head(text, window, h, a, fig[0], clause[0]):
                    # "Output to then rise 0.8%": a level's head, unmodified, heading the
                    # figure's phrase; a % change of it is its growth (``fit`` decides)
                    found.append((HEAD_WITH_CONTEXT, len(h), 0, mid, f"head:{h}+% change"))
    if found or rewritten:
        found.sort(key=lambda f: (-f[0], -f[1], -f[2], t.by_id[f[3]].order))
        # a rewritten subject's candidates keep their own order (a part before its whole)
        at = next((k for k, f in enumerate(found) if f[0] < REWRITTEN), len(found))
        found[at:at] = rewritten
        best = fit.first(found)
        if best is not None:
            return _narrowed(best, subject, text, phrases, seg, fig, clause, fit, q)
    money = _currency_moved(subject, text, fit)
    if money is not None:
        return money
    fm = free(subject, q)
    return fm, [f"free:{fm.id}"]


def shown(subject: str, text: str, a: int, b: int) -> bool:
    """Does ``text[a:b]`` show every word of the subject phrase?"""
    return _shown(subject, text, a, b)


def continues(m: Measure, q: Quantity | None, share_of_gdp: bool) -> bool:
    """May a figure of unit ``q`` be a value of the taxonomy measure ``m`` (a figure before's,
    which it continues)?"""
    e = entry(m.id)
    return e is not None and fits(e, unit_dimension(q), False, share_of_gdp)


def _shown(subject: str, text: str, a: int, b: int) -> bool:
    """Does ``text[a:b]`` (the figure's sentence up to its clause's end) show every word of
    the subject phrase (as written, or in its singular)?  The words are looked up in an
    index of the whole text, so the clauses of a long run-on sentence are not each
    rescanned from its start (linear in the figures, not quadratic)."""
    a = max(0, a)
    index = _WordIndex.of(text)
    return all(index.has(w, a, b) or index.has(singular(w), a, b) for w in subject.lower().split())


_WORD = re.compile(r"[\w&][\w&'’-]*")


def _forms(word: str) -> tuple[str, str]:
    """The forms a written word shows: itself (without a possessive 's) and its singular."""
    w = word.lower()
    w = w[:-2] if w.endswith(("'s", "’s")) else w
    return w, singular(w)


@lru_cache(maxsize=2048)
def _text_words(s: str) -> frozenset[str]:
    return frozenset(f for m in _WORD.finditer(s) for f in _forms(m.group(0)))


class _WordIndex:
    """The words of a text with their places: which word forms ``text[a:b]`` shows, found
    by bisection (a word cut by either end of the span is read as the span shows it)."""

    __slots__ = ("_ends", "_places", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._places: dict[str, list[int]] = {}
        for k, m in enumerate(_WORD.finditer(text)):
            self._starts.append(m.start())
            self._ends.append(m.end())
            for f in set(_forms(m.group(0))):
                self._places.setdefault(f, []).append(k)

    @staticmethod
    @lru_cache(maxsize=4)
    def of(text: str) -> _WordIndex:
        return _WordIndex(text)

    def has(self, form: str, a: int, b: int) -> bool:
        """Does ``text[a:b]`` show the word form ``form``?"""
        # words wholly inside the span, by their numbers
        lo = bisect_left(self._starts, a)
        hi = bisect_right(self._ends, b)
        places = self._places.get(form, ())
        at = bisect_left(places, lo)
        if at < len(places) and places[at] < hi:
            return True
        # a word cut by the span's start or end shows only its part inside the span
        edges: list[str] = []
        if lo > 0 and self._ends[lo - 1] > a:
            edges.append(self.text[a : min(b, self._ends[lo - 1])])
        if hi < len(self._starts) and self._starts[hi] < b and (hi >= lo):
            edges.append(self.text[max(a, self._starts[hi]) : b])
        return any(form in _text_words(e) for e in edges)


def heads_only(phrase: str) -> bool:
    """Is the phrase no synonym at all (only heads, context or exclude words)?"""
    syn = taxonomy().synonym_ids
    return not any(g in syn for g in _grams(phrase))


def _rewrite_candidates(
    subject: str,
    found: Sequence[Candidate],
    seen: frozenset[str],
    subj_seen: frozenset[str],
    text: str,
    phrases: Phrases,
    clause: tuple[int, int],
    economy: bool,
) -> tuple[Candidate, ...]:
    """The candidates of a subject the sentence does not show, scored ``REWRITTEN``, each
    after the part of it the figure's own phrase names (``seen``), else the subject (``subj_seen``).  A
    one-word subject that is also a head of the measure ("borrowed" written as "borrowing")
    is read as that head: it needs one of the measure's context words in the clause, or an
    economy named there ("Firms borrowed $4 billion" is no budget deficit)."""
    t = taxonomy()
    one = subject.strip().lower()
    clause_seen: set[str] = set()
    if " " not in one:
        for _a, _b, h in phrases.within(*clause):
            clause_seen |= _grams(h)
        if economy:
            clause_seen.add("economy")
    out: list[Candidate] = []
    parts = _with_parts(found, seen)
    if len(parts) == len(found):
        parts = _with_parts(found, subj_seen)  # the figure's phrase names no part: the subject's
    for _score, n, d, mid, cue in parts:
        needs_context = " " not in one and mid in t.head_ids.get(one, ())
        if needs_context and not (t.by_id[mid].context - {one, lemma(one)}) & clause_seen:
            continue
        out.append((REWRITTEN, n, d, mid, f"{cue} (not in the sentence)"))
    return tuple(out)


@cache
def _purpose_rx() -> re.Pattern[str]:
    verbs = _cues.data().get("measure", {}).get("purpose_verbs", ())
    if not verbs:
        return re.compile(r"(?!)")
    alt = "|".join(sorted((re.escape(v) for v in verbs), key=len, reverse=True))
    return re.compile(rf"\b(?:in order |so as )?to (?:help (?:to )?)?(?:{alt})\b", re.I)


def _purpose_start(text: str, a: int, b: int) -> int:
    """Where a purpose clause ("to support ...", "in order to finance ...") starts in
    ``text[a:b]``, else ``b``."""
    if a >= b:
        return b
    m = _purpose_rx().search(text, a, b)
    return m.start() if m is not None else b


def _bare_head(
    text: str, window: Sequence[tuple[int, int, str]], head: str, a: int, fig0: int, c0: int
) -> bool:
    """Is ``head`` written before the figure in its stretch with no word modifying it (at
    the start of its clause or line, or after a determiner): "Output to rise 0.8%", not
    "copper output rose 3%"?"""
    for s0, s1, h in window:
        if not (a <= s0 and s1 <= fig0) or h != head:
            continue
        mw = _WORD_BEFORE.search(text, max(c0, s0 - 40), s0)
        if mw is None or mw.group(1).lower() in _DETERMINERS:
            return True
    return False


#: The word right before a phrase, in the same run of words (no punctuation between).
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’-]*)\s+$")


@cache
def _narrowing() -> tuple[frozenset[str], frozenset[str]]:
    """(narrowing modifiers, narrowing head nouns) of frame_cues.toml [measure]."""
    d = _cues.data().get("measure", {})
    return (
        frozenset(w.lower() for w in d.get("narrowing", ())),
        frozenset(w.lower() for w in d.get("narrowing_heads", ())),
    )


def _narrowed(
    best: tuple[Measure, list[str]],
    subject: str,
    text: str,
    phrases: Phrases,
    seg: tuple[int, int],
    fig: tuple[int, int],
    clause: tuple[int, int],
    fit: _Fit,
    q: Quantity | None,
) -> tuple[Measure, list[str]]:
    """The measure ``best`` decided, or a narrower one: the taxonomy's own narrower series
    when the phrase that decided stands inside a longer synonym in the text ("manufactured
    exports" where the subject says "exports"); a free measure when a narrowing modifier
    stands right before that phrase ("informal employment", "regional GDP") or the
    figure is a part of it ("a contribution to growth")."""
    m, cues = best
    kind, _, rest = cues[0].partition(":")
    if kind not in ("synonym", "head"):
        return best
    phrase = rest.split(" (")[0].split("+")[0]
    modifiers, part_heads = _narrowing()
    own = [w.lower().strip(".,;:'’\"()") for w in subject.split()]
    own += [w.lower().strip(".,;:'’\"()") for w in text[seg[0] : fig[0]].split()]
    part = next((w for w in own if w in part_heads and w not in phrase.split()), None)
    if part is not None:
        fm = _free(subject or phrase, None)
        return fm, [*cues, f"narrowed:{part} (a part of {m.id})", f"free:{fm.id}"]
    occ: tuple[int, int, str] | None = None
    dist = 0
    in_clause = phrases.within(*clause)
    # the phrase itself, else its first word the text shows ("GDP ... grew" for "gdp growth")
    for look in (phrase, *phrase.split()):
        for h0, h1, h in in_clause:
            if look in _grams(h) or lemma(look) in _grams(h):
                d = fig[0] - h1 if h1 <= fig[0] else 2 * (h0 - fig[1])  # before the figure first
                if occ is None or d < dist:
                    occ, dist = (h0, h1, h), d
        if occ is not None:
            phrase = look
            break
    if occ is None:
        return best
    h0, h1, h = occ
    if h != phrase and " " in h and len(h) > len(phrase):
        wider = [
            (IN_SUBJECT, len(h), 0, mid, f"synonym:{h} (narrower than {phrase})")
            for mid in taxonomy().synonym_ids.get(h, ())
            if mid != m.id
        ]
        better = fit.first(wider) if wider else None
        if better is not None:
            return better
    first = phrase.split()[0]
    at = text[h0:h1].lower().find(first)  # the phrase's own span only: lowering the whole
    start = h0 + at if at >= 0 else h0  # text here was quadratic in the document's length
    mw = _WORD_BEFORE.search(text, max(clause[0], start - 40), start)
    if mw is None:
        return best
    word = mw.group(1).lower()
    if word in modifiers:
        fm = _free(subject if word in own[: len(subject.split())] else f"{word} {text[start:h1]}", None)
        return fm, [*cues, f"narrowed:{word} (not all of {m.id})", f"free:{fm.id}"]
    return best


_CURRENCY_MOVE = re.compile(r"\b(?:depreciat|appreciat|weak|strong|devalu)\w*", re.I)


def _currency_moved(subject: str, text: str, fit: _Fit) -> tuple[Measure, list[str]] | None:
    """A % change of a currency the subject names ("the cedi depreciated by 19%"): the
    exchange rate."""
    words = subject.split()
    if fit.dim != "percent" or not words:
        return None
    um = units.match((singular(words[-1]),))
    e = entry("exchange_rate")
    if um is None or e is None or not units.is_currency(um.symbol):
        return None
    a, b = fit.window
    if _CURRENCY_MOVE.search(text, a, b) is None and _GROWTH.search(text, a, b) is None:
        return None
    return e.measure, [f"currency:{words[-1]} (a change of its rate)"]


def free(subject: str, q: Quantity | None) -> Measure:
    """A measure outside the taxonomy: the subject phrase normalised (lower case, no
    determiners, its last word singular), else the counted noun."""
    return _free(subject, q.noun if q is not None else None)


@lru_cache(maxsize=4096)
def _free(subject: str, noun: str | None) -> Measure:
    words = [w for w in subject.lower().split() if w not in _DETERMINERS]
    if words:
        words[-1] = singular(words[-1])
        phrase = " ".join(words)
    else:
        phrase = noun or "figure"
    return Measure(phrase, phrase, True, ())


# --- a figure with no subject: its measure from the text before it -------------------------

#: Characters before a figure's sentence (within its paragraph) read for the measure it
#: inherits: the sentence or heading before it.
INHERIT_REACH = 400
#: Sentences before the figure's read, nearest first; the first that names a measure decides.
INHERIT_SENTENCES = 2
#: How far back (characters) a region is read for an inherited measure: a measure named
#: further back is not the figure's, and the bound keeps the work per figure constant (a
#: sentence of thousands of figures must not be re-read for each one).
INHERIT_WINDOW = 600
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@cache
def _word_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(vague words, function words, speaker words) of frame_cues.toml [measure]."""
    d = _cues.data().get("measure", {})
    return (
        frozenset(w.lower() for w in d.get("vague", ())),
        frozenset(w.lower() for w in d.get("function_words", ())),
        frozenset(w.lower() for w in d.get("speakers", ())),
    )


@cache
def _label_heads() -> frozenset[str]:
    """Head nouns of a dimension value (frame_cues.toml [measure] label_heads)."""
    return frozenset(w.lower() for w in _cues.data().get("measure", {}).get("label_heads", ()))


@cache
def _placeholders() -> frozenset[str]:
    """Nouns that point back to a figure before (frame_cues.toml [measure] placeholders)."""
    return frozenset(w.lower() for w in _cues.data().get("measure", {}).get("placeholders", ()))


def points_back(phrase: str) -> bool:
    """Is a phrase only a noun that stands for the figure before's measure ("the figure",
    "the projections", "the estimate")?"""
    words = [w for w in phrase.lower().split() if w not in _DETERMINERS]
    held = _placeholders()
    return bool(words) and all(w in held or singular(w) in held for w in words)


def is_label(phrase: str) -> bool:
    """Does a phrase name a dimension value ("the interior ministry", "northern county"):
    is its last word a head of frame_cues.toml [measure] label_heads?"""
    low = [w.strip(".,;:'’\"()") for w in phrase.lower().split()]
    heads = _label_heads()
    if len(low) >= 3 and low[0] in heads and low[1] == "of":
        return True  # "ministry of health"
    return bool(low) and singular(low[-1]) in heads


def part_named(measure_id: str, phrase: str) -> tuple[Measure, str] | None:
    """The measure below ``measure_id`` that a row's label names by one of its own context
    words ("allocations" ... "Ministry of Health": `spending.health`), and that word."""
    t = taxonomy()
    parent = t.by_id.get(measure_id)
    if parent is None:
        return None
    _hits, seen = _subject_scan(phrase)
    for child in _children().get(measure_id, ()):
        own = (child.context - parent.context) & seen
        if own:
            return child.measure, min(own)
    return None


def content_words(phrase: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The words of a free measure phrase that may say what is measured: not determiners,
    vague words ("it", "growth", "figure"), function words ("however", "slightly"),
    speakers ("a member") or the words of names (``names``: places, organisations)."""
    vague_w, function_w, speaker_w = _word_lists()
    out = []
    low = phrase.lower().split()
    if is_label(phrase):
        return []  # "interior ministry": a row of a breakdown, named by its dimension value
    for w in low:
        w = w.strip(".,;:'’\"()")
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if not w or w in _DETERMINERS or w in function_w or w in speaker_w or w in names:
            continue
        if w in vague_w or singular(w) in vague_w or not any(ch.isalpha() for ch in w):
            continue
        if len(w) == 1:
            continue  # a unit letter split from its number ("40 B")
        out.append(w)
    return out


def heads_of(phrase: str, names: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The words of a phrase that are heads of the taxonomy ("growth", "rate"), but not
    the words of ``names``."""
    heads = taxonomy().head_ids
    return tuple(w for w in phrase.lower().split() if w in heads and w not in names)


def cleaned(m: Measure, names: frozenset[str], q: Quantity | None) -> Measure:
    """A free measure without the names, speakers and function words it holds ("poland
    debt" -> "debt"; "however" -> the counted noun, else "figure")."""
    words = content_words(m.id, names)
    kept = [w for w in m.id.split() if w.strip(".,;:'’\"()").lower() in words]
    if kept and len(kept) == len(m.id.split()):
        return m
    heads = heads_of(m.id, names)
    phrase = " ".join(kept) if kept else " ".join(heads) or (q.noun if q is not None and q.noun else "figure")
    return Measure(phrase, phrase, True, ())


def inherit(
    text: str,
    regions: Sequence[tuple[int, int, str]],
    heads: Sequence[str],
    q: Quantity | None,
    change: bool,
    share_of_gdp: bool,
    excluded: frozenset[str],
    row: bool = False,
    back: bool = False,
) -> tuple[Measure, list[str]] | None:
    """The measure a figure that names none takes from the text before it: ``regions``
    (start, end, label), nearest first, each read sentence by sentence from its end.  The
    first sentence that names a measure decides: its one measure (by synonym; when the
    figure's own words are a head such as "growth", by that head with a context word
    there), when it fits the figure's unit and no ``excluded`` word rules it out.  Two
    different measures there: none (an inherited measure must be unambiguous)."""
    t = taxonomy()
    dim = unit_dimension(q)
    for k, (a, b, label) in enumerate(regions):
        a = max(a, b - INHERIT_WINDOW)
        if a >= b:
            continue
        # a row of a breakdown ("construction 12,000") takes even a bare word from its
        # lead-in ("Employment rose by 40,000"); another figure only a longer phrase
        # and so does a figure whose phrase points back ("the projections are 4.2%")
        far = k >= 2 and not (row or back)
        cuts = [m.end() for m in _SENTENCE_END.finditer(text, a, b)]
        starts = [a, *cuts]
        seen_sentences = 0
        for s0 in reversed(starts):
            s1 = b if s0 == starts[-1] else cuts[starts.index(s0)]
            s1 = min(s1, b)
            if s0 >= s1 or not text[s0:s1].strip():
                continue
            seen_sentences += 1
            if seen_sentences > INHERIT_SENTENCES and not row:
                break  # a row reads back through its list to the lead-in (within the window)
            hits = _scan(text, s0, s1)
            if not hits:
                continue
            ids: dict[str, str] = {}
            grams: set[str] = set()
            for _h0, _h1, h in hits:
                g = _grams(h)
                grams |= g
                syn = sorted((x for x in g if x in t.synonym_ids), key=len, reverse=True)
                if syn and (" " in syn[0] or not far):
                    # a sentence before passes on a measure it names in more than one
                    # word ("core inflation"); a bare word there ("debt") may be another's
                    for mid in t.synonym_ids[syn[0]]:
                        ids.setdefault(mid, syn[0])
            if heads:
                # "Growth slowed to 2.1%" after a sentence about the economy: the head
                # "growth" of a measure whose context or synonym that sentence gives
                by_head: dict[str, str] = {}
                for h in heads:
                    for mid in t.head_ids.get(h, ()):
                        e = t.by_id[mid]
                        ctx = (e.context & grams) - {h, lemma(h)}
                        if mid in ids:
                            by_head.setdefault(mid, ids[mid])
                        elif ctx:
                            by_head.setdefault(mid, min(ctx))
                ids = by_head
            fitting = {
                mid: w
                for mid, w in ids.items()
                if (not t.by_id[mid].exclude or t.by_id[mid].exclude.isdisjoint(excluded))
                and fits(t.by_id[mid], dim, change, share_of_gdp)
            }
            # a measure and its parent named together ("inflation ... core inflation") are
            # two measures: ambiguous
            if len(fitting) == 1:
                ((mid, w),) = fitting.items()
                return t.by_id[mid].measure, [f"inherited:{w} ({label})"]
            if ids:
                return None  # the nearest sentence that names measures decides
    return None


#: Lines above a row read for its table's header.
HEADER_LINES = 4
#: Words of a line (a row of cells holds its label and its figures, few words).
_WORDS = re.compile(r"[A-Za-z]+")
#: A figure in a line, which a header has none of (years aside).
_FIGURE_IN_HEADER = re.compile(r"\d[\d.,]*\s*%|\b(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)?\b")


def column(
    text: str,
    line: tuple[int, int],
    k: int,
    n: int,
    q: Quantity | None,
    change: bool,
    share_of_gdp: bool,
) -> tuple[Measure, list[str]] | None:
    """The measure of the ``k``-th of the ``n`` figures of a table row ``line`` that names
    none, from its header: the nearest line above (within ``HEADER_LINES``, in the same
    paragraph) that names measures; when it names exactly ``n`` different ones, in order
    ("Year | GDP growth | Inflation" over "2024 | 3.1% | 5.2%"), the ``k``-th, if it fits the
    figure's unit.  A line above naming another number of measures decides: none."""
    if n < 2 or len(_WORDS.findall(text, *line)) > n + 3:
        return None  # a sentence, not a row of cells (a label and its figures)
    t = taxonomy()
    end = line[0] - 1
    for _ in range(HEADER_LINES):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        if not text[start:end].strip():
            return None  # a blank line: the table ends here
        ids: list[str] = []
        for _a, _b, h in _scan(text, start, end):
            syn = sorted((g for g in _grams(h) if g in t.synonym_ids), key=len, reverse=True)
            if not syn:
                continue
            mids = t.synonym_ids[syn[0]]
            if len(mids) != 1:
                return None  # a phrase naming several measures: no column is sure
            if mids[0] not in ids:
                ids.append(mids[0])
        if ids:
            if len(ids) != n or _FIGURE_IN_HEADER.search(text, start, end):
                return None  # a line of figures that names measures is no header
            e = t.by_id[ids[k]]
            if fits(e, unit_dimension(q), change, share_of_gdp):
                return e.measure, [f"column:{k + 1} of {n} ({text[start:end].strip()[:60]})"]
            return None
        end = start - 1
    return None


def steers_by_deposit(text: str) -> bool:
    """Does the document say its central bank steers by the deposit facility rate?"""
    return _steer_rx().search(text) is not None


@cache
def _steer_rx() -> re.Pattern[str]:
    pats = _cues.data().get("measure", {}).get("steers_by_deposit", ())
    return re.compile("|".join(f"(?:{p})" for p in pats) or r"(?!)", re.I)


def grams(phrase: str) -> frozenset[str]:
    """A matched phrase, its runs of up to three words and their plain forms."""
    return _grams(phrase)


def changes(text: str, seg: tuple[int, int]) -> bool:
    """Does the stretch say the figure is a change ("rose", "up", "by")?"""
    return _GROWTH.search(text, *seg) is not None
