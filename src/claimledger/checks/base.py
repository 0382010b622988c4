"""The checker interface and the context every checker reads.

A checker is one module with one object that has a versioned ``name``
(``checks.contradiction.v1``) and ``run(ctx) -> list[Finding]``.  It reads only the
``CheckContext`` (claims with their documents and indicator memberships, a reference date
and reviewers' promise statuses) and never touches the database, so every checker is a
pure function that tests can drive with hand-made claims.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from typing import Any, Protocol

from claimledger.link import ClaimRecord, DocInfo, Membership, canonical_subject
from claimledger.models import Finding, FindingType, Frame, Severity
from claimledger.resources import checks as check_words
from claimledger.resources.patterns import alternation
from claimledger.resources.words import singular

#: Kinds that report what is or was (the "actual" family) and kinds that look ahead.
ACTUAL_KINDS = frozenset({"achievement", "status"})
PLAN_KINDS = frozenset({"target", "forecast"})


def frame_of(c: ClaimRecord) -> Frame | None:
    """A claim's stored frame (``models.Frame``), or None for a claim stored before frames."""
    found = getattr(c, "frame", None)
    return found if isinstance(found, Frame) else None


def scale(c: ClaimRecord) -> tuple[str, float]:
    """A figure's dimension and the factor to its base unit ("0.6 GW" and "600 MW" compare)."""
    return _dimension(c.unit, c.noun)


#: Units, periods and sentences repeat across a ledger: each is read once per process
#: (bounded caches; the values are pure functions of their strings).
_CACHE = 1 << 16


@lru_cache(maxsize=_CACHE)
def _dimension(unit: str | None, noun: str | None) -> tuple[str, float]:
    from claimledger.link import dimension

    return dimension(unit, noun)


@lru_cache(maxsize=_CACHE)
def canonical_tokens(text: str) -> frozenset[str]:
    """The canonical tokens of a text (``link.canonical_subject``), read once per text."""
    return frozenset(canonical_subject(text).tokens)


def same_kind(a: str, b: str) -> bool:
    """Can figures of these dimensions be compared?  Equal, or a count without a counted
    noun against a count of something (the linker put them in one indicator)."""
    return a == b or (a == "count" and b.startswith("count")) or (b == "count" and a.startswith("count"))


def is_actual(c: ClaimRecord) -> bool:
    """Does the claim report a level that was (or is) reached?

    Achievements and statuses do.  So does a "forecast" of a period that had ended when
    the document was published: "GDP exceeded $259 billion in 2023, according to the IMF"
    in January 2024 is an estimate of what happened, not a forecast.
    """
    if c.kind in ACTUAL_KINDS:
        return True
    if c.kind == "forecast" and c.published is not None:
        end = period_end(c.period)
        return end is not None and end < c.published
    return False


def is_deadline(c: ClaimRecord) -> bool:
    """Is the claim's period a deadline ("by 2029") rather than the period it is for ("in 2026")?

    Read from the claim's ``period_role``, which the time stage decided once from the
    expression that dated the figure.  A deadline target is reached once, at any time up
    to the deadline (a goal); a target for a period is a level for that period (a budget
    line, an annual plan).  A claim stored before roles were kept has none (False) until
    ``reextract``.
    """
    return c.period_role == "deadline"


#: A capitalised word inside a sentence, or opening it in the possessive ("Ruritania's"):
#: a name (a country the tables do not know), not an item of what is measured.
NAME_WORD = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+|^[A-Z][a-z]+(?='s\b|\u2019s\b)")

#: Capitalised words that are not names of places or projects (resources/data/checks.toml).
COMMON_NAMES = check_words.COMMON_NAMES
_CAP_WORD = re.compile(r"\b[A-Z][a-z]{3,}\b")


def proper_names(sentence: str, *, first_word: bool = False) -> frozenset[str]:
    return _proper_names(sentence, first_word)


#: Sentences are read once: a claim is weighed against many others (every target of its
#: indicator, every figure of its group), and its names do not change between them.
@lru_cache(maxsize=1 << 16)
def _proper_names(sentence: str, first_word: bool) -> frozenset[str]:
    """Capitalised words inside a sentence, lower-cased: place and project names such as
    "Kutaisi" or "Almaty".  Countries, months and titles are left out: they are too common
    to tell two sentences apart or tie them together.  The first word counts only with
    ``first_word`` and only when it is not a word of the indicator lexicon ("Almaty
    attracted ..." yes, "Exports rose ..." no)."""
    from claimledger.link import countries_named, without_countries
    from claimledger.resources import indicators as lexicon

    # Country names ("South Africa") are not place names here, word by word either; nor the
    # name of an institution.
    body = without_countries(not_place_names(sentence.strip().lstrip("\"“'(")))
    out = set()
    for m in _CAP_WORD.finditer(body):
        w = m.group(0)
        if w in COMMON_NAMES or countries_named(w):
            continue
        if body[: m.start()].strip() == "":
            low = singular(w)
            known = (
                low in lexicon.STOP
                or low in lexicon.FILLER
                or low in lexicon.UNIT_WORDS
                or low in lexicon.VERBS
                or low in lexicon.SYNONYMS
                or low in lexicon.GENERIC
                or w.lower() in lexicon.VERBS
                or w.lower() in check_words.SENTENCE_STARTERS
                or any(low in p for p in lexicon.PHRASES)
            )
            if not first_word or known:
                continue
        out.add(w.lower())
    return frozenset(out)


_NAME_RUN = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*"
#: Names that are no place of a figure: an institution's ("the Finance Ministry", "Harlow
#: Statistics Office", "the Economy Minister").  Shared by two sentences, such a name tied
#: two places' figures together.  The word lists are in ``resources/data/checks.toml``.
#: Institution heads and person titles as they stand after a name ("Finance Ministry").
_NAME_HEADS = {w.title() for w in check_words.INSTITUTION_HEADS | check_words.PERSON_TITLES}
_NOT_PLACE = (
    re.compile(
        rf"(?<![\w-])(?!(?:The|This|That|These|Those|An?|In|On|At|By|For|Of)\b)({_NAME_RUN})(?=\s+(?:[A-Z][a-z]+\s+)*"
        rf"(?:{alternation(_NAME_HEADS)})\b)"
    ),
)


def _lower_name(m: re.Match[str]) -> str:
    s, e = m.start(1) - m.start(0), m.end(1) - m.start(0)
    whole = m.group(0)
    return whole[:s] + whole[s:e].lower() + whole[e:]


@lru_cache(maxsize=_CACHE)
def not_place_names(sentence: str) -> str:
    """The sentence with the names that name no place of its figures (``_NOT_PLACE``)
    lower-cased, so that the readers of names below pass them over."""
    out = sentence
    for rx in _NOT_PLACE:
        out = rx.sub(_lower_name, out)
    return out


def other_place(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Do two figures' sentences name different places ("Almaty ..." / "Astana ...")?"""
    na, nb = proper_names(a.sentence, first_word=True), proper_names(b.sentence, first_word=True)
    return bool(na and nb and na.isdisjoint(nb))


#: Qualifiers that make two figures different measures even under one head word: an
#: average is not a median, a nominal figure not a real one, gross not net, a harvested area
#: not a harvest.  Each group lists the words of its sides.
QUALIFIER_SIDES: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("average", "mean"), ("median",)),
    (
        ("nominal", "current prices", "in current terms"),
        ("real", "constant prices", "inflation-adjusted", "in real terms", "adjusted for inflation"),
    ),
    (("gross",), ("net",)),
    (("area", "hectares", "sown", "planted"), ("production", "output", "harvest", "tons", "tonnes")),
    (("seasonally adjusted",), ("unadjusted", "not seasonally adjusted")),
    # Where: the country as a whole, or one part of it ("in the south", "rural areas").
    (
        (
            "nationally",
            "nationwide",
            "country-wide",
            "countrywide",
            "across the country",
            "the country as a whole",
            "national average",
            "national level",
        ),
        ("north", "northern"),
        ("south", "southern"),
        ("east", "eastern"),
        ("west", "western"),
        ("rural",),
        ("urban",),
        ("in the capital", "the capital city"),
    ),
)
_SIDE_RX = [
    [re.compile(r"\b(?:" + "|".join(re.escape(w) for w in side) + r")\b", re.I) for side in group]
    for group in QUALIFIER_SIDES
]


#: How far around a figure its sentence is read for a qualifier the subject lacks.
QUALIFIER_WINDOW = 80


def qualifier_sides(c: ClaimRecord) -> list[int | None]:
    return list(_qualifier_sides(c.subject, c.sentence, *c.q_rel))


@lru_cache(maxsize=_CACHE)
def _qualifier_sides(subject: str, sentence: str, s: int, e: int) -> tuple[int | None, ...]:
    """For each qualifier group, the side a figure is qualified by, or None.

    Read from the subject when it names exactly one side; else from the sentence, the side
    named nearest the figure within ``QUALIFIER_WINDOW`` characters (the extractor may drop
    the qualifier from the subject: "wages rose 12% in nominal terms and 4% in real terms").
    """
    out: list[int | None] = []
    for group in _SIDE_RX:
        in_subject = [i for i, rx in enumerate(group) if rx.search(subject)]
        if len(in_subject) == 1:
            out.append(in_subject[0])
            continue
        best: tuple[int, int] | None = None
        for i, rx in enumerate(group):
            for m in rx.finditer(sentence):
                dist = s - m.end() if m.end() <= s else max(0, m.start() - e)
                if dist <= QUALIFIER_WINDOW and (best is None or dist < best[0]):
                    best = (dist, i)
        out.append(best[1] if best else None)
    return tuple(out)


#: Index of the group of places in ``QUALIFIER_SIDES`` (a part and its total differ in it).
WHERE_GROUP = len(QUALIFIER_SIDES) - 1


def qualifier_clash(a: ClaimRecord, b: ClaimRecord, *, where: bool = True) -> bool:
    """Do two figures measure differently qualified things ("average salary" / "median
    salary", "nominal" / "real" growth, "gross" / "net", harvested area / harvest, the
    south / the whole country)?  ``where=False`` ignores places (a region's share of the
    national total)."""
    for i, (sa, sb) in enumerate(zip(qualifier_sides(a), qualifier_sides(b), strict=True)):
        if i == WHERE_GROUP and not where:
            continue
        if sa is not None and sb is not None and sa != sb:
            return True
    return False


def names_subject(c: ClaimRecord, key: str | None) -> bool:
    """Does the figure's own sentence name what its indicator measures?

    The extractor carries a subject over from the previous sentence when a sentence names
    none of its own ("Exports grew 12%. Shipments to China rose 30%."); such a figure is
    weak evidence for a contradiction.  Every head word of the indicator (except the
    "budget" the linker adds to a bare "deficit") must occur, after lemmas and synonyms, in
    the sentence.
    """
    if key is None or key.count("|") < 2:
        return False
    from claimledger.resources import indicators as lexicon

    want = {t for t in key.split("|")[1].split() if t not in lexicon.GENERIC} - {"budget"}
    if not want:
        return False
    have = canonical_tokens(c.sentence)
    region = key.split("|", 1)[0].lower()
    return want <= have | {region}


#: "45 of the 111 hospitals", "62 out of a planned 140", "$2 billion of the $5 billion":
#: the second figure is a total the first is a part of.
_OF_TOTAL = re.compile(
    r"^\s*(?:out\s+)?of\s+(?:the\s+|all\s+|a\s+total\s+of\s+|an?\s+)?"
    r"(?:(?:planned|targeted|promised|projected|intended|envisaged|scheduled)\s+)?$",
    re.I,
)


_OF_TOTAL_FIRST = re.compile(
    r"(?:^|[,;:]\s*)\W*(?:out\s+)?of\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?"
    r"(?:(?:planned|targeted|promised|projected|scheduled)\s+)?$",
    re.I,
)


def part_of_total(c: ClaimRecord, sentence_claims: Sequence[ClaimRecord]) -> ClaimRecord | None:
    """If ``c`` is the total M of "N of the M ...", the figure N; else None.

    Such an M restates a plan or a whole ("Only 45 of the 111 hospitals had been
    completed"); it is not an outcome, its part is.
    """
    s, e = c.q_rel
    others = [f for f in sentence_claims if f.has_quantity and f is not c]
    before = [f for f in others if f.q_rel[1] <= s]
    if before:
        n = max(before, key=lambda f: f.q_rel[1])
        if (n.unit == c.unit or n.unit is None) and _OF_TOTAL.match(c.sentence[n.q_rel[1] : s]):
            return n
    # "Of the 111 hospitals promised, 45 were finished": the total opens the clause.
    if _OF_TOTAL_FIRST.search(c.sentence[:s]):
        after = [f for f in others if f.q_rel[0] >= e]
        if after:
            n = min(after, key=lambda f: f.q_rel[0])
            gap = c.sentence[e : n.q_rel[0]]
            if (n.unit == c.unit or n.unit is None) and "," in gap and not re.search(r"[;.]", gap):
                return n
    return None


def whole_of_part(c: ClaimRecord, sentence_claims: Sequence[ClaimRecord]) -> ClaimRecord | None:
    """If ``c`` is the whole M of "N of the M" or "N% of the M" ("crews finished 62% of the
    2,000 km network", "700 of the 1,000 promised rangers"), the part N; else None.  Such an
    M is the size of a programme or a total, not a level reached: a figure of the part done
    ("we have laid 1,240 km") is another measure."""
    s, _ = c.q_rel
    before = [f for f in sentence_claims if f.has_quantity and f is not c and f.q_rel[1] <= s]
    if not before:
        return None
    n = max(before, key=lambda f: f.q_rel[1])
    if n.unit in (c.unit, None, "%") and _OF_TOTAL.match(c.sentence[n.q_rel[1] : s]):
        return n
    return None


#: Where a figure's own clause ends: a semicolon or a contrasting conjunction.  A colon does
#: not: it opens the figure of a label ("Output excluding timber: 370 billion").
_CLAUSE_BREAK = re.compile(r";|\b(?:while|whereas|but|although|though)\b", re.I)


def own_clause(c: ClaimRecord) -> tuple[str, str]:
    """The words of a figure's own clause before and after it."""
    s, e = c.q_rel
    text = c.sentence
    start = 0
    for brk in _CLAUSE_BREAK.finditer(text, 0, s):
        start = brk.end()
    end = _CLAUSE_BREAK.search(text, e)
    return text[start:s], text[e : end.start() if end else len(text)]


_EXCLUSION = re.compile(
    rf"(?:\b(?:{alternation(check_words.EXCLUSION_CUES - {'ex', 'non'})})\.?\s+(?:the\s+|all\s+)?|"
    r"(?<![\w-])(?:ex[.\-\u2010\u2011\u2013]\s?|non[.\-\u2010\u2011\u2013\s]?)(?=[a-z]{3})(?!(?:etheless|sense)\b))"
    r"([a-z][\w-]*)",
    re.I,
)


def exclusion(c: ClaimRecord) -> str | None:
    """What a figure leaves out of its measure, read in its own clause ("output excluding
    timber": "timber"; "non-oil exports": "oil"), or None."""
    before, after = own_clause(c)
    for text in (c.subject, before, after):
        m = _EXCLUSION.search(text)
        if m is not None:
            return singular(m.group(1).lower())[:5]
    return None


def exclusion_clash(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Does one figure leave out a part the other includes ("output excluding timber" and
    total output; growth without oil and without farming)?"""
    return exclusion(a) != exclusion(b)


_GROUP_FORMS = {w: g for g, forms in check_words.POPULATION_GROUPS.items() for w in forms}
_GROUP = re.compile(rf"(?<![\w-])({alternation(_GROUP_FORMS)})(?![\w-])", re.I)


def population_group(c: ClaimRecord) -> str | None:
    """The group of people a figure is of, named in its subject or its own clause ("the rate
    was 18.2% among men": "men"; "youth unemployment": "youth"), or None for the whole."""
    before, after = own_clause(c)
    for text in (c.subject, before, after):
        m = _GROUP.search(text)
        if m is not None:
            return _GROUP_FORMS.get(m.group(1).lower())
    return None


def group_clash(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Are two figures of different groups of people, or one of a group and one of all?"""
    return population_group(a) != population_group(b)


_HYPOTHETICAL = re.compile(rf"\b(?:{alternation(check_words.HYPOTHETICAL_CUES)})\b", re.I)
_CONDITIONAL = re.compile(rf"\b(?:{alternation(check_words.CONDITIONAL_CUES)})\b", re.I)


def hypothetical(c: ClaimRecord) -> bool:
    """Is a figure a hypothetical level ("a bad case with oil above $75 now seems remote",
    "if the deficit were to reach 6%"): a scenario word in its own clause, or a condition
    before it there?"""
    before, after = own_clause(c)
    return bool(_HYPOTHETICAL.search(before) or _HYPOTHETICAL.search(after) or _CONDITIONAL.search(before))


class Checker(Protocol):
    """One check: ``name`` is versioned; ``run`` returns findings, never writes anything."""

    name: str

    def run(self, ctx: CheckContext) -> list[Finding]: ...


@dataclass(slots=True)
class CheckContext:
    """Everything a checker may read.

    ``members`` maps a claim id to its indicator membership (figures only); ``now`` is the
    reference date for deadlines (explicit so results are reproducible);
    ``promise_overrides`` maps a target claim id to a reviewer's ``{"status", "note",
    "reviewer"}``.
    """

    claims: list[ClaimRecord]
    docs: dict[str, DocInfo]
    members: dict[str, Membership]
    now: Date
    promise_overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: every reviewer's promise status from the audit log, by target claim id, oldest first
    promise_reviews: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    by_id: dict[str, ClaimRecord] = field(init=False)
    by_indicator: dict[str, list[ClaimRecord]] = field(init=False)
    by_sentence: dict[tuple[str, int], list[ClaimRecord]] = field(init=False)
    _starts: dict[str, list[int]] | None = field(init=False, default=None)
    #: indicator key -> its membership (the typed frame key it was linked on)
    indicators: dict[str, Membership] = field(init=False)
    #: (measure id, entity id) -> the keys of the indicators of that measure and entity
    by_measure: dict[tuple[str, str | None], list[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {c.id: c for c in self.claims}
        by_ind: dict[str, list[ClaimRecord]] = defaultdict(list)
        by_sent: dict[tuple[str, int], list[ClaimRecord]] = defaultdict(list)
        self.indicators = {}
        by_measure: dict[tuple[str, str | None], list[str]] = defaultdict(list)
        for c in self.claims:
            m = self.members.get(c.id)
            if m is not None:
                by_ind[m.key].append(c)
                if m.key not in self.indicators:
                    self.indicators[m.key] = m
                    if m.measure_id:
                        by_measure[(m.measure_id, m.entity_id)].append(m.key)
            by_sent[(c.doc, c.sent_start)].append(c)
        self.by_indicator = dict(by_ind)
        self.by_sentence = dict(by_sent)
        self.by_measure = dict(by_measure)

    def related(self, key: str, measure_ids: Iterable[str], dims: Iterable[str]) -> list[str]:
        """Keys of the indicators of the same entity as indicator ``key`` whose measure is
        one of ``measure_ids`` and whose dimension is one of ``dims`` (read from the typed
        frame keys, not from the key's text); ``[]`` for an indicator linked without a frame."""
        m = self.indicators.get(key)
        if m is None or not m.measure_id:
            return []
        want = set(dims)
        return [
            k
            for mid in dict.fromkeys(measure_ids)
            for k in self.by_measure.get((mid, m.entity_id), ())
            if self.indicators[k].dimension in want
        ]

    def key(self, c: ClaimRecord) -> str | None:
        m = self.members.get(c.id)
        return m.key if m else None

    def label(self, c: ClaimRecord) -> str:
        """The indicator's plain name for a message ("budget spending"); for an unlinked
        figure the words of its subject that name a thing, possibly none ("")."""
        m = self.members.get(c.id)
        if m is None:
            return canonical_subject(c.subject).name
        name = m.label or m.name
        if m.dimension == "percent_change" and not name.endswith(("growth", "change")):
            name += " growth"  # a change of GDP in percent is GDP growth
        return name

    def dimension(self, c: ClaimRecord) -> str | None:
        m = self.members.get(c.id)
        return m.dimension if m else None

    def doc(self, c: ClaimRecord) -> DocInfo:
        return self.docs.get(c.doc) or DocInfo(key=c.doc, published=c.published)

    def where(self, c: ClaimRecord) -> str:
        return self.doc(c).where()

    def who(self, c: ClaimRecord) -> str | None:
        """Who said it, for a headline: the document's speaker, else its source (a ministry,
        an agency); ``None`` when the metadata names neither."""
        d = self.doc(c)
        return d.speaker or d.source or None

    def sentence_claims(self, c: ClaimRecord) -> list[ClaimRecord]:
        return self.by_sentence.get((c.doc, c.sent_start), [c])

    def claims_at(self, doc: str, pos: int) -> list[ClaimRecord]:
        """The claims of the sentence of ``doc`` that holds offset ``pos`` (a sentence found
        by the promise checker's own splitting may start a character off the extractor's)."""
        if self._starts is None:
            starts: dict[str, list[int]] = defaultdict(list)
            for d, s in sorted(self.by_sentence):
                starts[d].append(s)
            self._starts = dict(starts)
        found = self.by_sentence.get((doc, pos)) or self.by_sentence.get((doc, pos + 1))
        if found is not None:
            return found
        starts_of = self._starts.get(doc, [])
        i = bisect_right(starts_of, pos + 1) - 1
        if i < 0:
            return []
        cs = self.by_sentence[(doc, starts_of[i])]
        return cs if pos < starts_of[i] + len(cs[0].sentence) else []


def finding_id(ftype: str, checker: str, claim_ids: Iterable[str]) -> str:
    """Stable id: the same check over the same claims always gives the same id.

    The checker's version suffix is left out, so a new version of a checker updates its
    findings in place instead of orphaning reviewers' links to them.
    """
    base = checker.rsplit(".v", 1)[0]
    h = hashlib.blake2b("\x00".join([ftype, base, *sorted(set(claim_ids))]).encode(), digest_size=8)
    return f"{ftype[:3]}-{h.hexdigest()}"


@dataclass(frozen=True, slots=True)
class Confidence:
    """How sure a checker is of a finding, and why: ``score`` in [0, 1] and the reasons
    that raised or lowered it, in plain words ("same measure, entity, basis and period")."""

    score: float
    reasons: tuple[str, ...]

    @classmethod
    def of(cls, base: float, *adjust: tuple[bool, float, str]) -> Confidence:
        """Start at ``base``; each ``(applies, delta, reason)`` that applies moves the score
        by ``delta`` and records its reason.  The score is clipped to [0.05, 0.99]."""
        score, reasons = base, []
        for applies, delta, reason in adjust:
            if applies:
                score += delta
                reasons.append(reason)
        return cls(round(min(0.99, max(0.05, score)), 2), tuple(reasons))


def make_finding(
    ftype: FindingType,
    checker: str,
    severity: Severity,
    message: str,
    roles: Sequence[tuple[ClaimRecord, str]],
    details: dict[str, Any],
    id_claims: Sequence[str] | None = None,
    *,
    confidence: Confidence,
    computation: str | None = None,
    headline: str | None = None,
) -> Finding:
    """A ``Finding`` with its claims in order and their roles in ``details["roles"]``, its
    ``confidence`` and ``reasons``, and the ``computation`` it rests on (shown with it).

    ``headline`` is the fact in one line (``headline()``: who, the figures and the gap);
    the message leads with it and ``message`` follows as the explanation, so a reader
    sees the fact before the documents' titles.  It is kept in ``details["headline"]``.
    """
    ids: list[str] = []
    role_map: dict[str, str] = {}
    for c, role in roles:
        if c.id not in role_map:
            ids.append(c.id)
            role_map[c.id] = role
    details = {
        **details,
        "roles": role_map,
        "confidence": confidence.score,
        "reasons": list(confidence.reasons),
    }
    if computation is not None:
        details["computation"] = computation
    if headline is not None:
        details["headline"] = headline
        message = f"{headline}. {message[:1].upper()}{message[1:]}"
    fid = finding_id(ftype, checker, id_claims if id_claims is not None else ids)
    return Finding(
        id=fid,
        type=ftype,
        severity=severity,
        message=message,
        claim_ids=ids,
        details=details,
        checker=checker,
    )


def headline(ctx: CheckContext, c: ClaimRecord, fact: str) -> str:
    """A finding's one line: who said it, then the fact ("Ministry of Finance: budget
    spending in 2024, 21.3 trillion tenge vs 24.1 trillion tenge in ... (11.6% apart)").
    The one place where findings' headlines are worded: the fact comes first, the
    documents' titles only where they tell two sources apart."""
    who = ctx.who(c)
    return f"{who}: {fact}" if who else f"{fact[:1].upper()}{fact[1:]}"


_DIGITS = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def rounding(c: ClaimRecord) -> float:
    """Half a unit of a figure's last written digit, relative to it: "3.2 trillion" ->
    0.05/3.2.  The trailing zeros of a whole number count as written ("$13,000" is read
    to the dollar), so in practice only decimals widen what is allowed."""
    m = _DIGITS.search(c.q_text or "")
    if m is None:
        return 0.0
    try:
        mantissa = float(m.group(0).replace(",", ""))
    except ValueError:
        return 0.0
    if mantissa <= 0:
        return 0.0
    decimals = len(m.group(1)) if m.group(1) else 0
    return 0.5 * 10.0 ** (-decimals) / mantissa


def same_place(ctx: CheckContext, a: ClaimRecord, b: ClaimRecord) -> bool:
    """Can two figures be the same place's?  When neither frame names an entity and
    neither document has a country (a ledger of several countries, or a country the
    tables do not know), two sentences that both name places must share one: "Kenya's
    central bank kept its rate at 12%" and "South Africa's ... at 7.75%" are two figures.
    A sentence that names nothing is no evidence either way."""
    if a.doc == b.doc:
        return True
    for c in (a, b):
        f = frame_of(c)
        if f is not None and f.entity is not None and f.entity.type not in ("organisation", "sector"):
            return True  # a place named on a figure (a bank or a sector says nothing of where)
    if ctx.doc(a).region or ctx.doc(b).region:
        return True
    na = _names_of(ctx, a)
    nb = _names_of(ctx, b)
    if not (na and nb) or na & nb:
        return True
    # Sentences that name different things may still be one place's: a country the tables
    # do not know, named in one sentence ("Brevnia's GDP grew ...") and in the other
    # document's title ("Brevnia finance minister interview"), the other sentence naming only
    # a person.  A sentence's name is matched against the other's title, never two titles
    # ("... Ministry of Finance" in both says nothing of the country).
    return titles_tie(ctx, a, b, na, nb)


def titles_tie(
    ctx: CheckContext, a: ClaimRecord, b: ClaimRecord, na: Iterable[str], nb: Iterable[str]
) -> bool:
    """Does a name of one figure's sentence (``na``, ``nb``: lower-cased, cut to five letters)
    stand in the other figure's document title?"""
    return bool(set(na) & _title_names(ctx.doc(b).title) or set(nb) & _title_names(ctx.doc(a).title))


def _title_names(title: str | None) -> set[str]:
    return {w.lower()[:5] for w in _CAP_WORD.findall(title or "") if w not in COMMON_NAMES}


def _names_of(ctx: CheckContext, c: ClaimRecord) -> set[str]:
    # the sentence's own names only: a title's capitalised words are mostly not places
    # ("Health ministry report")
    words = [m.group(0) for m in NAME_WORD.finditer(not_place_names(c.sentence))]
    # the name of the document's own speaker is who said it, not where
    own = {w.lower()[:5] for w in _CAP_WORD.findall(ctx.doc(c).speaker or "")}
    return {w.lower()[:5] for w in words if w not in COMMON_NAMES and w.lower() not in _NOT_NAMES} - own


#: Capitalised words of titles and sentences that name no place.
_NOT_NAMES = frozenset(
    (
        "statistics",
        "statistical",
        "office",
        "ministry",
        "minister",
        "central",
        "bank",
        "national",
        "report",
        "release",
        "annual",
        "quarterly",
        "monthly",
        "government",
        "speech",
        "press",
        "news",
        "daily",
        "herald",
        "update",
        "review",
        "budget",
    )
)


# --- periods ---------------------------------------------------------------------------


@lru_cache(maxsize=_CACHE)
def period_years(period: str | None) -> tuple[int, int] | None:
    """First and last calendar year a period covers: "2024" -> (2024, 2024),
    "2026/2028" -> (2026, 2028), "2024-09" -> (2024, 2024)."""
    if not period:
        return None
    parts = period.split("/")
    try:
        first = int(parts[0][:4])
        last = int(parts[-1][:4])
    except ValueError:
        return None
    return (first, last) if first <= last else None


@lru_cache(maxsize=_CACHE)
def single_year(period: str | None) -> int | None:
    """The year of a period that lies within one calendar year, else ``None``."""
    ys = period_years(period)
    return ys[0] if ys and ys[0] == ys[1] else None


@lru_cache(maxsize=_CACHE)
def period_end(period: str | None) -> Date | None:
    """The last day a period covers ("2024-09" -> 2024-09-30; "2024-Q2" -> 2024-06-30)."""
    if not period:
        return None
    last = period.split("/")[-1]
    try:
        year = int(last[:4])
    except ValueError:
        return None
    rest = last[5:]
    month = 12
    if rest.upper().startswith("Q") and rest[1:2].isdigit():
        month = 3 * int(rest[1])
    elif rest.upper().startswith("H") and rest[1:2].isdigit():
        month = 6 * int(rest[1])
    elif rest[:2].isdigit():
        month = int(rest[:2])
        if len(rest) >= 5 and rest[3:5].isdigit():
            try:
                return Date(year, month, int(rest[3:5]))
            except ValueError:
                return None
    if not 1 <= month <= 12:
        return None
    nxt = Date(year + (month == 12), month % 12 + 1, 1)
    return Date.fromordinal(nxt.toordinal() - 1)


def fine_period(c: ClaimRecord) -> str | None:
    """A figure's period at the granularity the time stage resolved it: the stored
    ``period`` is a year ("2025"), and the cue that dated it keeps the month, quarter or
    half ("period:in March 2025->2025-03").  Two monthly jobless rates of one year are two
    periods; a figure dated from context keeps its year."""
    if not c.period:
        return c.period
    for cue in reversed(c.cues):
        if cue.startswith("period:") and "->" in cue:
            # the period is the first word ("->2025-03 (context)"); a day that only dates the
            # saying ("->2025-05-03 (when said)") is not the figure's period
            words = cue.rsplit("->", 1)[1].split()
            if not words or "(when said)" in cue:
                return c.period
            fine = words[0]
            # only a finer form of the stored year ("2025-Q2" of "2025"), never another period
            return fine if len(fine) > len(c.period) and fine.startswith(c.period + "-") else c.period
    return c.period


def fmt_period(period: str | None) -> str:
    if not period:
        return "an unstated period"
    ys = period_years(period)
    if ys and "/" in period:
        return f"{ys[0]}–{ys[1]}"
    rest = period[5:]
    if len(period) > 4 and rest[:1] in "QH":
        return f"{rest} {period[:4]}"  # "2025-Q2" -> "Q2 2025"
    if len(rest) == 2 and rest.isdigit() and 1 <= int(rest) <= 12:
        return f"{_MONTH_NAMES[int(rest) - 1]} {period[:4]}"  # "2025-03" -> "March 2025"
    return period


_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
