"""Checker ``checks.promise.v3``: every target gets a status, decided from later evidence.

Reads: target claims (with or without a figure); for each, claims published later that
report the same indicator (numeric evidence), or sentences of later documents that name
the same thing with a verb of completion or of delay (text evidence); reviewers'
``promise_overrides``.  Writes one ``promise`` finding per target, whose id depends on the
target alone, so it keeps its id as evidence arrives.

Statuses: ``kept`` (the outcome meets the target), ``partly_kept`` (deadline passed, at
least ``PARTLY_SHARE`` of it reached), ``not_kept`` (deadline passed, less, or a later
statement says it was dropped or postponed), ``in_progress`` (evidence of progress before
the deadline), ``not_due`` (no evidence, deadline ahead or none stated) and ``due`` (no
evidence, deadline passed: unverified, never guessed).  A reviewer's status wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date as Date
from functools import cache, lru_cache
from heapq import merge
from itertools import pairwise

from claimledger.checks._commitments import commitment, concrete_object
from claimledger.checks._fmt import stated
from claimledger.checks._frames import local
from claimledger.checks.base import (
    COMMON_NAMES,
    CheckContext,
    Confidence,
    fine_period,
    fmt_period,
    frame_of,
    headline,
    is_actual,
    is_deadline,
    make_finding,
    other_place,
    part_of_total,
    period_end,
    period_years,
    proper_names,
    same_kind,
    same_place,
    scale,
    single_year,
)
from claimledger.extract.sentences import split as split_sentences
from claimledger.link import ClaimRecord, actor_only, count_noun, dimension, measured_phrase
from claimledger.models import PROMISE_LABELS, Finding, Severity
from claimledger.resources import checks as check_words
from claimledger.resources import places
from claimledger.resources.dates import MONTHS
from claimledger.resources.indicators import FILLER, STOP, UNIT_WORDS, VERBS
from claimledger.resources.numbers import ONES, TEENS
from claimledger.resources.taxonomy import measures
from claimledger.resources.words import singular

NAME = "checks.promise.v3"

#: Thresholds, decided and documented (docs/checks.md): an outcome at or above 97% of the
#: target is kept ("nearly 27 million tons" against 27 million is met in any journalist's
#: reading; 95,000 of 100,000 homes is not); from 60% to 97% once the deadline has passed
#: it is partly kept (3,100 of 5,000 nurses, 62%); under 60% it is not kept (half of the
#: schools promised, or 59% of the classrooms, is a promise broken, not half kept).
KEPT_TOLERANCE = 0.03
PARTLY_SHARE = 0.6
#: Text evidence needs this share of the target's content words (and at least
#: ``MIN_SHARED`` of them) when no distinctive name links the two sentences.
WORD_OVERLAP = 0.6
MIN_SHARED = 3

_DOWN = re.compile(
    r"\b(?:reduc\w*|cut\w*|lower\w*|decreas\w*|below|under|bring\s+down|halv\w*|"
    r"curb\w*|limit\w*)\b",
    re.I,
)
_DONE = re.compile(
    r"\b(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:successfully\s+|finally\s+|"
    r"officially\s+)?(?:held|hosted|opened|completed|finished|launched|built|commissioned|"
    r"adopted|introduced|signed|inaugurated|delivered|achieved|implemented|met|reached|"
    r"recruited|hired|trained|connected|installed|employed|"
    r"published|organi[sz]ed|established|created)|held|hosted|took\s+place|opened|completed|"
    r"finished|launched|commissioned|inaugurated|came\s+into\s+(?:operation|force|effect)|"
    r"took\s+effect|entered\s+into\s+force|"
    r"operational|in\s+operation|in\s+service|up\s+and\s+running|(?:is|are)\s+now\s+open|"
    r"opened\s+(?:its|their)\s+doors|welcomed\s+(?:its|their)\s+first|unveiled|went\s+live|"
    r"entered\s+service|handed\s+over|"
    r"began|started|chaired|presided)\b",
    re.I,
)
_STALLED = re.compile(
    r"\b(?:postponed|delayed|cancell?ed|called\s+off|abandoned|dropped|shelved|"
    r"pushed\s+back|rescheduled|moved\s+to\s+(?:19|20)\d\d|now\s+(?:due|expected|planned)\s+"
    r"(?:in|for|by)\s+(?:19|20)\d\d|slipped|"
    r"not\s+(?:yet\s+)?(?:been\s+)?(?:held|opened|completed|finished|built|launched|met)|"
    r"failed\s+to|fell\s+short|behind\s+schedule|instead|relocated|moved\s+to\s+[A-Z]\w+|"
    r"indefinitely|suspended|scrapped|frozen)\b",
    re.I,
)
_ONGOING = re.compile(
    r"\b(?:under\s+construction|under\s+way|underway|in\s+progress|ongoing|continues|"
    r"progressing|on\s+track|on\s+schedule|nearing\s+completion|\d+\s*(?:%|percent)\s+complete|"
    r"is\s+being|are\s+being|so\s+far|to\s+date|already)\b",
    re.I,
)
#: Work still going on, whatever else the sentence says ("the first section opened; the rest
#: is under construction"): the ongoing cues other than timing words ("on schedule").
_STILL_GOING = re.compile(
    r"\b(?:under\s+construction|under\s+way|underway|in\s+progress|ongoing|continues|"
    r"progressing|nearing\s+completion|\d+\s*(?:%|percent)\s+complete|is\s+being|are\s+being|"
    r"so\s+far|to\s+date)\b",
    re.I,
)
#: A completion told in the perfective ("was completed", "has been opened"): done, even
#: when the sentence adds that it came on time ("on schedule", "already").
_PERFECTIVE = re.compile(
    r"\b(?:was|were|has|have|had)\s+(?:(?!not\b|never\b|yet\b)\w+\s+)?(?:been\s+)?"
    r"(?:(?!not\b|never\b|yet\b)\w+\s+)?"
    r"(?:completed|finished|opened|inaugurated|commissioned|delivered|launched|held|built)\b",
    re.I,
)


def _phrases(words: frozenset[str]) -> str:
    """An alternation of data-file phrases, longest first, spaces matching any blank."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


#: A universal commitment and its group: "every pensioner", "all schools".
_UNIVERSAL = re.compile(r"\b(?:every|each|all)\s+(?:the\s+|of\s+the\s+)?([a-z][a-z-]{2,})\b", re.I)
#: What was promised is still awaited ("1,700 pensioners were still waiting for a visit").
_UNMET = re.compile(rf"\b(?:{_phrases(check_words.STILL_UNMET)})\b", re.I)
#: A figure restated as the promise: "the 9,000 promised officers", "the target of 9,000",
#: "a quarter of the 9,000", "9,000 posts pledged" (issue 11): never an outcome.
_RESTATED_BEFORE = re.compile(rf"\b(?:{_phrases(check_words.RESTATED_BEFORE)}|of\s+the)\s+(?:the\s+)?$", re.I)
_RESTATED_AFTER = re.compile(
    rf"^\s*(?:(?!of\b)[A-Za-z-]+\s+){{0,2}}?(?:{_phrases(check_words.RESTATED_AFTER)})\b", re.I
)


def restated_figure(c: ClaimRecord) -> bool:
    """Does the claim's figure restate what was promised ("the 9,000 promised officers",
    "of the 9,000") rather than report an outcome?"""
    if not c.has_quantity:
        return False
    before, after = c.sentence[: c.q_rel[0]], c.sentence[c.q_rel[1] :]
    return bool(_RESTATED_BEFORE.search(before[-40:]) or _RESTATED_AFTER.match(after))


_NAME = re.compile(
    r"(?:[A-Z][\w.&'-]*|\d+(?:st|nd|rd|th))(?:\s+(?:of\s+|the\s+|for\s+|and\s+)?"
    r"(?:[A-Z][\w.&'-]*|\d+(?:st|nd|rd|th)))+|\b[A-Z][a-z]*[.][A-Z][\w.]*|\b[A-Z]{2,}[\w-]*"
)
#: Between an outcome and the target it is measured against.
_AGAINST_TARGET = re.compile(
    r"^[^.;]{0,40}\b(?:compared\s+(?:with|to)|against|versus|vs\.?|than|below|above|"
    r"under|over|short\s+of|ahead\s+of|beating|missing)\s+(?:the\s+|a\s+|its\s+)?"
    r"(?:official\s+|budget\s+|government\s+|planned\s+|original\s+)?"
    r"(?:target|plan|goal|ceiling|forecast|projection|limit)\b",
    re.I,
)
#: Words left out when matching a promise with its outcome: who spoke, that something will
#: happen, and the indicator lexicon's stop, filler, unit and reporting words.
_CONTENT_DROP = STOP | FILLER | UNIT_WORDS | VERBS | check_words.NOT_CONTENT


def _priced_object(t: ClaimRecord) -> bool:
    """A commitment whose figure is the price of a named thing ("open the new $14 million
    Darrow bus station"): a later report that the thing was delivered settles it, as for a
    commitment in words (issue 11)."""
    return (
        scale(t)[0].startswith("currency:")
        and bool(proper_names(t.sentence))
        and concrete_object(t.sentence) is not None
    )


def _names(sentence: str) -> list[str]:
    """Distinctive names in a sentence: multi-word capitalised names, dotted names, acronyms."""
    out: list[str] = []
    for m in _NAME.finditer(sentence):
        words = [w.rstrip(".") for w in m.group(0).split() if w not in COMMON_NAMES and w.lower() not in STOP]
        words = [w for w in words if w]
        if len(words) >= 2 or (words and ("." in words[0] or words[0].isupper())):
            out.append(" ".join(words))
    return out


#: Two names joined by a dash name a route or a link between two places.
_ROUTE = re.compile(r"\b([A-Z][a-z]{2,})\s?[-\u2013\u2014]\s?([A-Z][a-z]{2,})\b")
_TOKEN = re.compile(r"[A-Za-z][\w.]*\w|[A-Za-z]")


def _content(sentence: str) -> set[str]:
    """The sentence's content words, singular and stemmed ("connect" and "connecting" are
    one word when a promise is matched with its outcome)."""
    words = {singular(w) for w in re.findall(r"[A-Za-z][a-z-]{2,}", sentence)} - _CONTENT_DROP
    return {_stem(w) for w in words}


_SUFFIX = re.compile(r"(?:ing|ed|es|e|s)$")


def _stem(word: str) -> str:
    """A crude stem for matching words of one sentence with another's: the endings -ing,
    -ed, -es, -e and -s off a word longer than five letters."""
    return _SUFFIX.sub("", word) if len(word) > 5 else word


#: Words that open or close no name of an object ("will open", "the new").
_NOT_OBJECT = frozenset(
    [
        "the", "a", "an", "of", "in", "on", "at", "to", "by", "for", "and", "or", "will", "would",
        "shall", "should", "must", "be", "is", "are", "was", "were", "new", "our", "its", "their",
        "this", "that", "these", "those", "we", "it", "has", "have", "had", "been", "open",
        "opened", "build", "built", "complete", "completed",
    ]
)  # fmt: skip


def _object_pairs(sentence: str) -> list[str]:
    """Two adjacent words of a sentence that may name its object ("national stadium"),
    lower-cased, neither a function word nor a verb of delivery."""
    ws = re.findall(r"[a-z][a-z-]{2,}", sentence.lower())
    return [
        f"{a} {b}"
        for a, b in pairwise(ws)
        if a not in _NOT_OBJECT and b not in _NOT_OBJECT and f" {a} {b}" in f" {sentence.lower()}"
    ]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", "", text)).strip().lower()


#: Head words of indicators where less is better (resources/data/checks.toml).
LOWER_IS_BETTER = check_words.LOWER_IS_BETTER


def _key_tokens(key: str | None) -> list[str]:
    return key.split("|")[1].split() if key and key.count("|") >= 2 else []


@dataclass(frozen=True, slots=True)
class _Entry:
    doc: str
    published: Date
    sentence: str
    start: int
    low: str
    content: set[str]
    singles: frozenset[str]
    verdict: str


#: Before the year of a moved deadline: "the end of", a month ("April 2028", "the end of
#: June 2028"), "early", "mid-", or a month with its day ("1 April 2028", "April 1, 2028").
_WHEN = (
    r"(?:(?:the\s+)?(?:end|middle|start|beginning|spring|summer|autumn|fall|winter)\s+of\s+|"
    r"(?:early|late|mid-?)\s*)?(?:\d{1,2}\s+)?"
    rf"(?:(?:{_phrases(frozenset(MONTHS))})\.?\s+(?:\d{{1,2}},?\s+)?)?"
)
#: A deadline moved to a named later year: a revision of the promise, not a failure.
_MOVED = re.compile(
    r"\b(?:moved|postponed|pushed\s+back|delayed|rescheduled|extended|deferred|shifted|put\s+off)\s+"
    rf"(?:again\s+)?(?:until|to|till)\s+{_WHEN}(?P<y>(?:19|20)\d\d)\b|"
    # "now due in 2027", "now expected to open in 2027", "will now be completed by 2027"
    r"\bnow\s+(?:(?:due|expected|planned|scheduled|set|slated)\s+)?(?:to\s+)?(?:be\s+)?"
    rf"(?:[a-z]+\s+){{0,2}}?(?:in|for|by|until)\s+{_WHEN}(?P<y2>(?:19|20)\d\d)\b|"
    rf"\bnew\s+deadline\s+(?:is|of)\s+{_WHEN}(?P<y3>(?:19|20)\d\d)\b",
    re.I,
)


_SMALL_COUNTS = {**ONES, **TEENS, "a single": 1}
_SMALL = rf"(?:\d{{1,3}}|{_phrases(frozenset(_SMALL_COUNTS))})"
#: A part of a whole in use, fewer than all: "just one lane of the four is usable", "two of
#: the five wards are open" (``usable_states`` in checks.toml).
_PART_IN_USE = re.compile(
    rf"\b(?P<n>{_SMALL})\s+(?:[a-z-]+\s+){{0,2}}?of\s+(?:the\s+|its\s+|their\s+|all\s+)?"
    rf"(?P<m>{_SMALL})\b(?P<rest>[^.;]*)",
    re.I,
)
_USABLE = re.compile(rf"\b(?:{_phrases(check_words.USABLE_STATES)})\b", re.I)


def _small(text: str) -> float:
    t = re.sub(r"\s+", " ", text.lower())
    return float(t) if t.isdigit() else float(_SMALL_COUNTS.get(t, -1))


def _part_in_use(sentence: str) -> bool:
    """Does the sentence say that only a part of a whole is in use or done ("just one lane of
    the four is usable"): a partial completion, the promise not yet met?"""
    for m in _PART_IN_USE.finditer(sentence):
        n, total = _small(m.group("n")), _small(m.group("m"))
        if 0 <= n < total and _USABLE.search(m.group("rest")):
            return True
    return False


def moved_to(sentence: str) -> str | None:
    """The year a deadline was moved to ("moved to 2027"), if the sentence says so."""
    m = _MOVED.search(sentence)
    return None if m is None else (m.group("y") or m.group("y2") or m.group("y3"))


def _verdict(sentence: str) -> str | None:
    """What a sentence says about an outcome: moved, stalled, unmet (still awaited), done,
    ongoing, or nothing."""
    if moved_to(sentence) is not None:
        return "moved"
    if _STALLED.search(sentence):
        return "stalled"
    if _UNMET.search(sentence):
        return "unmet"
    if _DONE.search(sentence) and not _ONGOING.search(sentence):
        return "done"
    if _PERFECTIVE.search(sentence) and not _STILL_GOING.search(sentence):
        return "done"  # "was completed today, on schedule"
    if _ONGOING.search(sentence):
        return "ongoing"
    if _part_in_use(sentence):
        return "unmet"  # "just one lane of the four is usable"
    return None


_FRACTION_WORDS = {
    "half": 0.5,
    "a half": 0.5,
    "one half": 0.5,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "two thirds": 2 / 3,
    "two-thirds": 2 / 3,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "three quarters": 0.75,
    "three-quarters": 0.75,
    "a fifth": 0.2,
    "a tenth": 0.1,
}
#: The words after "of (the)" that may name what a share is of: "of the hospitals pledged".
#: "a quarter of the 9,000 promised officers": the share of a restated promised count.
_OF_NOUNS = re.compile(
    r"^\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?(?:(?P<n>\d[\d,]*(?:\.\d+)?)\s+)?"
    r"(?P<nouns>(?:[A-Za-z-]+\s*){1,4})"
)


def fraction_of(c: ClaimRecord) -> float | None:
    """The share a figure states of something: "Half" -> 0.5, "60%" -> 0.6, when it is
    followed by "of the ..."; else None."""
    text = (c.q_text or "").strip().lower()
    if not _OF_NOUNS.match(c.sentence[c.q_rel[1] :]):
        return None
    if text in _FRACTION_WORDS:
        return _FRACTION_WORDS[text]
    if c.unit == "%" and c.value is not None and 0 < c.value <= 100:
        return c.value / 100
    return None


#: Totals of "N of the M X" by (unit, counted noun, M).
_Totals = dict[tuple[str | None, str, float], list[ClaimRecord]]


@dataclass(slots=True)
class _Index:
    entries: list[_Entry]
    postings: dict[str, list[int]]


@dataclass(slots=True, eq=False)  # compared and hashed by identity
class _Promise:
    """One promise: the first statement of it, the statement it is judged on (the latest
    revision), the other sources (retellings, revisions) and whether it is measurable."""

    first: ClaimRecord
    judged: ClaimRecord
    sources: list[tuple[ClaimRecord, str]]
    measurable: bool


#: Words that mark a restated commitment as a change of it ("now aims", "raised the target").
_REVISED = re.compile(
    r"\b(?:revis\w*|rais\w*\s+(?:the|its)\s+(?:target|goal)|lower\w*\s+(?:the|its)\s+(?:target|goal)|"
    r"new\s+(?:target|goal|deadline)|now\s+(?:aims?|plans?|expects?|intends?|targets?)|instead|"
    r"moved|postponed|pushed\s+back|extended|delayed)\b",
    re.I,
)
#: A retelling says who made the promise: "the prime minister said", "according to".
_RETOLD = re.compile(r"\b(?:said|says|told|announced|according\s+to|pledged|promised|vowed)\b", re.I)
#: How far apart two statements of one promise may be and still be a retelling.
RETELL_DAYS = 14


#: Two reports on one commitment from different documents this close in time, one saying
#: it was done and one that it was not, are a dispute rather than news.
DISPUTE_DAYS = 92


def _text_dispute(ctx: CheckContext, matches: list[tuple[Date, str, str, str, int]]) -> str | None:
    """When the latest reports in words on a commitment, from different documents published
    within ``DISPUTE_DAYS`` of each other, say it was done and that it was not: who says
    what."""
    told = [m for m in matches if m[1] in ("done", "stalled")]
    if len(told) < 2:
        return None
    last = told[-1]
    other = next((m for m in reversed(told) if m[1] != last[1] and m[2] != last[2]), None)
    if other is None or (last[0] - other[0]).days > DISPUTE_DAYS:
        return None
    done, missed = (last, other) if last[1] == "done" else (other, last)
    if any(m[1] == done[1] and m[2] == missed[2] for m in told):
        return None  # one document says both: not two sources

    def where(doc: str) -> str:
        return ctx.docs[doc].where() if doc in ctx.docs else doc

    return (
        f"{where(done[2])} reports it done (\u201c{done[3]}\u201d), but {where(missed[2])} "
        f"says it was not (\u201c{missed[3]}\u201d)"
    )


def _span(period: str | None) -> str:
    """A period within one year, in words: "January to September 2025", "September 2025"."""
    a, _, b = (period or "").partition("/")
    if not b or a[:4] != b[:4]:
        return fmt_period(period)
    return f"{fmt_period(a).removesuffix(' ' + a[:4])} to {fmt_period(b)}"


def _same_value(a: ClaimRecord, b: ClaimRecord) -> bool:
    pa, pb = a.point, b.point
    return pa is not None and pb is not None and abs(pa - pb) <= 0.005 * max(abs(pa), abs(pb), 1e-9)


def _relation(first: ClaimRecord, later: ClaimRecord) -> str | None:
    """How a later target of the same indicator relates to a promise: ``source`` (the same
    figure for the same period: a retelling or a repetition), ``revision`` (a changed figure
    or a moved deadline, said to be one), or None (another promise)."""
    if first.doc == later.doc and first.sent_start == later.sent_start:
        return None
    if _same_value(first, later) and first.period == later.period:
        return "source"
    if not _REVISED.search(later.sentence):
        return None
    if first.period == later.period or _same_value(first, later):
        return "revision"
    return None


#: Two reports of one outcome further apart than this factor measure two scopes (a city's
#: housing and the country's), not one outcome in dispute; nor is a report this far from
#: the target the outcome when a report of the target's own scope exists.
DISPUTE_FACTOR = 2.0


def _near(a: ClaimRecord, b: ClaimRecord) -> bool:
    pa, pb = (a.point or 0.0) * scale(a)[1], (b.point or 0.0) * scale(b)[1]
    return pa > 0 and pb > 0 and max(pa, pb) / min(pa, pb) <= DISPUTE_FACTOR


def _newest(e: tuple[Date, ClaimRecord, tuple[int, int]]) -> tuple[int, Date]:
    """Evidence order: the latest period first, then the latest statement."""
    return (e[2][1], e[0])


def _sub_period(c: ClaimRecord) -> bool:
    """Is a figure a quarter's, a month's or a week's flow (its period, or its frame's
    basis)?  A count of things or a cumulative figure dated by a month ("45 of the 111
    hospitals had been completed by December", "so far 62 are in operation") is a stock
    as of that date, so it can be a year's outcome."""
    f = frame_of(c)
    if (c.noun and c.unit is None) or (f is not None and "cumulative" in f.basis):
        return False
    if f is not None and "day" in f.basis and "-" not in (c.period or ""):
        return False  # a level as of a day ("rose to 450 dinars on 1 January 2025"): a stock
    if "-" in (c.period or ""):
        return True
    return f is not None and bool(set(f.basis) & {"quarter", "month", "week", "day", "half_year"})


#: Period granularities shorter than a year.
_SUB_YEAR = frozenset({"quarter", "month", "week", "day", "half_year"})


@cache
def _flows() -> frozenset[str]:
    """Taxonomy measures that are amounts over a period (receipts, spending), not levels at
    a date (debt, reserves) nor rates (measures.toml ``flow``)."""
    return frozenset(m["id"] for m in measures() if m.get("flow") == "flow")


def _part_of_year_flow(c: ClaimRecord) -> bool:
    """Is a figure a flow over less than a year that sums nothing up ("in the fourth quarter
    tax revenue was $170 billion"): never a year's outcome, not even progress towards it."""
    f = frame_of(c)
    return (
        f is not None
        and f.measure.id in _flows()
        and bool(set(f.basis) & _SUB_YEAR)
        and "cumulative" not in f.basis
        and "/" not in (fine_period(c) or "")
    )


def _running_part(c: ClaimRecord) -> bool:
    """Is a figure a running sum over part of a period ("receipts in the first nine months":
    a span of months, or a flow marked cumulative)?"""
    f = frame_of(c)
    return "/" in (fine_period(c) or "") or (
        f is not None and f.measure.id in _flows() and "cumulative" in f.basis
    )


def _by_month(t: ClaimRecord) -> bool:
    """Is a target dated by a month or a day ("from July 2025"), not only by its year?"""
    f = frame_of(t)
    return f is not None and bool(set(f.basis) & {"month", "day"})


def _slots(key: str, t: ClaimRecord) -> list[tuple[str, str | None, str]]:
    """Where a numeric promise is filed: by its period and by its value (three figures)."""
    value = f"{t.point:.3g}" if t.point is not None else "-"
    return [(key, t.unit, f"period:{t.period}"), (key, t.unit, f"value:{value}")]


def _retold(first: ClaimRecord, later: ClaimRecord) -> bool:
    """Is a later commitment without a figure a retelling of ``first``: published within
    ``RETELL_DAYS``, naming the same object, most of its words shared, and told as said?"""
    if first.doc == later.doc or first.published is None or later.published is None:
        return False
    if not 0 <= (later.published - first.published).days <= RETELL_DAYS:
        return False
    if first.period != later.period or not _RETOLD.search(later.sentence):
        return False
    a, b = _content(first.sentence), _content(later.sentence)
    return bool(a) and len(a & b) >= 0.7 * len(a)


#: Words that name no part of a commitment's object: function, filler, unit and reporting
#: words (the indicator lexicon's), and who spoke.
_OBJECT_DROP = STOP | FILLER | UNIT_WORDS | check_words.NOT_CONTENT
_ROOT_END = re.compile(r"(?:ing|ion|er|or|ed|e)$")


@lru_cache(maxsize=1 << 16)
def _root(word: str) -> str:
    """A word's root for matching two names of one object: singular, without the endings of
    an agent, an action or a participle ("teachers", "teaching" -> "teach"; "waiting" ->
    "wait"; "inspector", "inspection" -> "inspect"), at least three letters left."""
    w = singular(word)
    cut = _ROOT_END.sub("", w)
    return cut if len(cut) >= 3 else w


@cache
def _verb_roots() -> frozenset[str]:
    """Roots of the lexicon's verbs of reporting, delivering and changing ("hired", "hire")."""
    return frozenset(_root(v) for v in VERBS)


@dataclass(frozen=True, slots=True)
class _Object:
    """What a figure counts or measures, from its subject phrase: the head noun's root, the
    roots of its modifiers, and its complements (each the roots after a preposition, in
    order): "excise duty rate on diesel fuel" -> duty, {excise}, (("diesel", "fuel"),)."""

    head: str
    mods: frozenset[str]
    comps: tuple[tuple[str, ...], ...]

    def words(self) -> frozenset[str]:
        return self.mods | {w for c in self.comps for w in c} | {self.head}


def _object(c: ClaimRecord) -> _Object | None:
    """The object a figure names (issue 11: a pledge and its evidence are matched on it, not
    on word overlap).  A subject that names only who acts is replaced by the phrase the verb
    acts on; a subject left with no noun ("to hire 5,000 nurses": the verb) by the counted
    noun.  A light head ("teaching posts", "waiting time") gives way to the word before it."""
    subject = c.subject or ""
    if actor_only(subject) and c.has_quantity:
        subject = measured_phrase(c.sentence, c.q_rel[0]) or subject
    return _phrase_object(subject, c.noun)


@lru_cache(maxsize=1 << 16)
def _phrase_object(subject: str, noun: str | None) -> _Object | None:
    """``_object`` of a subject phrase and a counted noun."""
    groups: list[list[str]] = [[]]
    for w in re.findall(r"[a-z][a-z-]*", subject.lower()):
        if w in check_words.OBJECT_PREPOSITIONS:
            groups.append([])
        elif w not in _OBJECT_DROP and singular(w) not in _OBJECT_DROP and _root(w) not in _verb_roots():
            groups[-1].append(w)
    for g in groups:
        while len(g) > 1 and singular(g[-1]) in check_words.OBJECT_LIGHT_HEADS:
            g.pop()
    kept = [
        [_root(w) for w in g] for g in groups if g and singular(g[-1]) not in check_words.OBJECT_LIGHT_HEADS
    ]
    if not kept:
        noun = singular(noun) if noun else ""
        if not noun or noun in check_words.OBJECT_LIGHT_HEADS:
            return None
        return _Object(_root(noun), frozenset(), ())
    head = kept[0]
    return _Object(head[-1], frozenset(head[:-1]), tuple(tuple(g) for g in kept[1:]))


def _named_by(a: _Object, b: _Object) -> bool:
    """Does ``b`` name every part of ``a``: its modifiers and each complement, a compound
    complement by its modifier alone ("diesel fuel" by "diesel")?"""
    have = b.words()
    need = set(a.mods)
    for comp in a.comps:
        lead = comp[:-1]
        need.update(lead if lead and any(w in have for w in lead) else comp)
    return need <= have


def same_object(a: _Object, b: _Object) -> bool:
    """Do two figures name one object: the same head, and each names every part of the
    other?  "diesel excise duty" is "the excise duty rate on diesel fuel"; "the excise duty
    rate" is not (it leaves out the diesel), nor "the average processing time" "the average
    wait" (another head)."""
    return a.head == b.head and _named_by(a, b) and _named_by(b, a)


_PLACE_TYPES = frozenset({"country", "region", "city", "area"})


def _country_of(ctx: CheckContext, c: ClaimRecord) -> str | None:
    """The country a figure is about: its frame entity's, when a place, else its document's."""
    f = frame_of(c)
    if f is not None and f.entity is not None and f.entity.type in _PLACE_TYPES:
        return f.entity.id.split(":", 1)[0]
    region = ctx.doc(c).region
    found = places.country(region) if region else None
    return found.id if found is not None else None


def _meta_names(ctx: CheckContext, c: ClaimRecord) -> str:
    d = ctx.doc(c)
    return " ".join(filter(None, (d.source, d.speaker, d.title))).lower()


def _other_place(ctx: CheckContext, t: ClaimRecord, c: ClaimRecord) -> bool:
    """Do two figures' sentences name different places (``other_place``), with no name of
    one sentence standing in the other document's source, speaker or title?  A name the
    other side's own document carries ("the Quenia Audit Office" in a report by it) is who
    speaks there, not another place."""
    if not other_place(t, c):
        return False
    for a, b in ((t, c), (c, t)):
        meta = _meta_names(ctx, b)
        if any(
            re.search(rf"\b{re.escape(n.lower())}\b", meta) for n in proper_names(a.sentence, first_word=True)
        ):
            return False
    return True


def other_country(ctx: CheckContext, t: ClaimRecord, c: ClaimRecord) -> bool:
    """Is a figure about another country than the promise (one country's disbursements are
    no outcome of another's promise, issue 11)?"""
    a, b = _country_of(ctx, t), _country_of(ctx, c)
    return a is not None and b is not None and a != b


def _post_of(a: str, b: str) -> bool:
    """Are two count dimensions a count of people and a count of their posts ("count:post",
    "count:teacher"): one counted noun a light head (``object_light_heads``)?"""
    if not (a.startswith("count:") and b.startswith("count:")):
        return False
    return any(d.split(":", 1)[1] in check_words.OBJECT_LIGHT_HEADS for d in (a, b))


class _History:
    """The status history of one promise: each change of status is an event with its date,
    the rule that decided it and its evidence (document, quote, claim)."""

    def __init__(self, ctx: CheckContext, first: ClaimRecord) -> None:
        self._ctx = ctx
        self._events: list[dict[str, object]] = []
        self._overrides: list[dict[str, object]] = []
        made = first.published
        end = period_end(first.period)
        start = "due" if end is not None and made is not None and end < made else "not_due"
        self.add(made, start, "stated", first, "the promise was made")

    def add(
        self,
        when: Date | None,
        status: str,
        rule: str,
        evidence: ClaimRecord | None,
        note: str,
        doc: str | None = None,
        quote: str | None = None,
    ) -> None:
        self._events.append(
            {
                "date": when.isoformat() if when else None,
                "status": status,
                "rule": rule,
                "source": "checker",
                "doc": evidence.doc if evidence is not None else doc,
                "quote": evidence.sentence if evidence is not None else quote,
                "claim": evidence.id if evidence is not None else None,
                "note": note,
            }
        )

    def override(self, o: dict[str, object]) -> None:
        self._overrides.append(
            {
                "date": str(o.get("at") or "")[:10] or None,
                "status": o.get("status"),
                "rule": "reviewer override",
                "source": "reviewer",
                "reviewer": o.get("reviewer"),
                "note": o.get("note") or "",
                "doc": None,
                "quote": None,
                "claim": None,
            }
        )

    def events(self, final: str) -> list[dict[str, object]]:
        """The events in date order, each a change of status ("revised" events always
        kept), the reviewer's last."""
        out: list[dict[str, object]] = []
        last = None
        for e in sorted(self._events, key=lambda e: str(e["date"] or "")):
            st = e["status"] or last
            rule = str(e["rule"])
            kept_always = "revis" in rule or "moved" in rule  # a revision is an event in itself
            if rule != "stated" and st == last and e["status"] and not kept_always:
                continue
            e = {**e, "status": st}
            out.append(e)
            last = st
        return out + self._overrides


class PromiseChecker:
    name = NAME

    def __init__(self) -> None:
        self._candidates: list[ClaimRecord] = []
        self._outcomes: tuple[CheckContext | None, dict[str, ClaimRecord | None]] = (None, {})
        self._pools: tuple[
            CheckContext | None, dict[str | None, dict[int, list[tuple[Date, ClaimRecord, tuple[int, int]]]]]
        ] = (None, {})
        self.computation = ""
        self._cache: dict[int, tuple[CheckContext, _Index]] = {}
        self._totals: dict[int, tuple[CheckContext, _Totals]] = {}
        self._object_index: tuple[CheckContext | None, dict[str, list[tuple[str, _Object]]]] = (None, {})
        self._by_noun: tuple[CheckContext | None, dict[tuple[str, str | None], list[ClaimRecord]]] = (
            None,
            {},
        )

    def run(self, ctx: CheckContext) -> list[Finding]:
        return [self._one(ctx, g) for g in self.promises(ctx)]

    def promises(self, ctx: CheckContext) -> list[_Promise]:
        """Every promise of the ledger: targets that are commitments (``_commitments``),
        with the retellings of one promise (a speech and the news that retells it) and its
        revisions (a changed figure or a moved deadline, said to be one) merged into it."""
        out: list[_Promise] = []
        # Promises of an indicator by period and by value: a retelling or a revision shares
        # one of them, so a target is weighed against a few promises, not all of them.
        by_slot: dict[tuple[str, str | None, str], list[_Promise]] = {}
        wordy: list[_Promise] = []  # promises without a figure, oldest first
        targets = [t for t in ctx.claims if t.kind == "target"]
        targets.sort(key=lambda t: (t.published or Date.min, t.doc, t.seq))
        for t in targets:
            cm = commitment(t)
            if not cm.promise:
                continue
            t = self._cited_period(ctx, t)
            key = ctx.key(t)
            if key is not None and t.has_quantity:
                slots = _slots(key, t)
                merged = None
                for g in dict.fromkeys(g for sl in slots for g in by_slot.get(sl, ())):
                    role = _relation(g.judged, t)
                    if role is not None:
                        g.sources.append((t, role))
                        if role == "revision":
                            g.judged = t if t.period else replace(t, period=g.judged.period)
                        merged = g
                        break
                g = merged or _Promise(t, t, [], cm.measurable)
                for sl in _slots(key, g.judged):
                    if g not in by_slot.setdefault(sl, []):
                        by_slot[sl].append(g)
                if merged is not None:
                    continue
            else:
                g = _Promise(t, t, [], cm.measurable)
                same = None
                for o in reversed(wordy):  # only the last RETELL_DAYS can hold a retelling
                    if (
                        o.first.published
                        and t.published
                        and (t.published - o.first.published).days > RETELL_DAYS
                    ):
                        break
                    if _retold(o.first, t):
                        same = o
                        break
                if same is not None:
                    same.sources.append((t, "source"))
                    continue
                wordy.append(g)
            out.append(g)
        return out

    @staticmethod
    def _unnamed_outcome(ctx: CheckContext, t: ClaimRecord) -> ClaimRecord | None:
        """A later actual filed under another indicator or none ("The cut in the standard VAT
        rate to 18% took effect": the subject was not read; "The reduced VAT rate of 10% on
        food took effect") that states the promised figure itself, in a sentence naming every
        word of the target's indicator and reporting it done."""
        key = ctx.key(t)
        want = _key_tokens(key)
        if not want or t.point is None or t.published is None:
            return None
        for c in ctx.claims:
            if (
                ctx.key(c) == key
                or c.doc == t.doc
                or c.published is None
                or c.published <= t.published
                or not is_actual(c)
                or c.point != t.point
                or c.unit != t.unit
                or _verdict(c.sentence) != "done"
            ):
                continue
            low = {singular(w.lower()) for w in _TOKEN.findall(c.sentence)}
            if all(w in low for w in want):
                return c
        return None

    def _counts(self, ctx: CheckContext) -> dict[tuple[str, str | None], list[ClaimRecord]]:
        """Every counted figure by (counted noun, unit), read once per run."""
        if self._by_noun[0] is not ctx:
            out: dict[tuple[str, str | None], list[ClaimRecord]] = {}
            for c in ctx.claims:
                if c.noun:
                    out.setdefault((count_noun(c.noun), c.unit), []).append(c)
            self._by_noun = (ctx, out)
        return self._by_noun[1]

    def _broader_outcome(self, ctx: CheckContext, t: ClaimRecord) -> ClaimRecord | None:
        """A later count of the same thing filed under a broader indicator: "4,100 nurses
        have been hired" for "recruit 5,850 nurses for public hospitals by September 2026"
        (issue 11).  The report's indicator words are a part of the target's, its counted
        noun and unit are the target's, it is about the same place, reported after the
        promise and within its window; the latest such report, if any."""
        key = ctx.key(t)
        want = set(_key_tokens(key))
        if not want or not t.noun or t.point is None or t.published is None:
            return None
        ys = period_years(t.period)
        noun = count_noun(t.noun)
        best: ClaimRecord | None = None
        for c in self._counts(ctx).get((noun, t.unit), []):
            got = set(_key_tokens(ctx.key(c)))
            if (
                not got
                or not got < want
                or c.doc == t.doc
                or c.published is None
                or c.published <= t.published
                or c.unit != t.unit
                or not c.noun
                or count_noun(c.noun) != noun
            ):
                continue
            o = self._outcome_of(ctx, c)
            if o is None and restated_figure(c):
                continue
            c = o or c
            cy = period_years(c.period)
            if not is_actual(c) or c.point is None or cy is None:
                continue
            if cy[1] < t.published.year - 1 or (ys is not None and cy[0] > ys[1]):
                continue
            if other_place(t, c) or (local(c) and not local(t)) or not same_place(ctx, t, c):
                continue
            if best is None or (c.published, c.seq) > (best.published or Date.min, best.seq):
                best = c
        return best

    def _numeric_all(self, ctx: CheckContext, t: ClaimRecord) -> list[ClaimRecord]:
        """Every later actual that could settle the target, in the order they are weighed
        (the best, ``_numeric``'s, last)."""
        best = self._numeric(ctx, t)
        if best is None:
            unnamed = self._unnamed_outcome(ctx, t) or self._broader_outcome(ctx, t)
            return [] if unnamed is None else [unnamed]
        # A report of another scope (a city's housing against a country's target, twelve
        # times smaller) is not the outcome when one of the target's own scope exists.
        if not _near(best, t):
            same_scope = [c for c in self._candidates if c.period == best.period and _near(c, t)]
            if same_scope:
                best = same_scope[0]
        # the latest statement of each other value for the same period: enough to see
        # whether later sources conflict, however often one value was repeated
        latest: dict[tuple[float | None, str | None], ClaimRecord] = {}
        for c in sorted(self._candidates, key=lambda c: (c.published or Date.min, c.seq)):
            if c.id != best.id and c.period == best.period and c.doc != best.doc and _near(c, best):
                latest[(c.point, c.unit)] = c
        latest.pop((best.point, best.unit), None)
        return [*sorted(latest.values(), key=lambda c: (c.published or Date.min, c.seq)), best]

    @staticmethod
    def _cited_period(ctx: CheckContext, t: ClaimRecord) -> ClaimRecord:
        """A target without a period that an outcome is measured against in the same
        sentence ("the deficit was 3.3% of GDP in 2024, compared with a target of 4%") is
        the target for the outcome's period."""
        if t.period is not None or not t.has_quantity:
            return t
        key = ctx.key(t)
        for c in ctx.sentence_claims(t):
            if (
                c is t
                or c.period is None
                or not is_actual(c)
                or ctx.key(c) != key
                or key is None
                or c.q_rel[1] > t.q_rel[0]
            ):
                continue
            if _AGAINST_TARGET.search(t.sentence[c.q_rel[1] : t.q_rel[0]]):
                return replace(t, period=c.period)
        return t

    # -- evidence ----------------------------------------------------------------------

    def _numeric(self, ctx: CheckContext, t: ClaimRecord) -> ClaimRecord | None:
        """The latest later-published actual of the same indicator, or of one that names the
        same object in other words (``_related_pool``), within the promise window."""
        if t.published is None or t.point is None:
            return None
        ys = period_years(t.period)
        last = ys[1] if ys else None
        # A goal "by 2029" is judged on any level reported up to its deadline; a target
        # "for 2025" only on the level reported for 2025.
        goal = ys is None or is_deadline(t)
        by_year = self._related_pool(ctx, t)
        # Evidence is published after the target; or, for a target whose period had ended
        # when it was stated ("compared with a target of 4%"), in the same document.
        retro_target = (period_end(t.period) or Date.max) < t.published
        if goal:
            lo, hi = t.published.year - 1, (last if last is not None else max(by_year, default=0))
        else:
            lo, hi = (ys[0], ys[1]) if ys is not None else (0, -1)
        extra = []
        for c in self._restated(ctx, t):
            o = self._outcome_of(ctx, c)
            if o is None and restated_figure(c):
                continue  # "of the 9,000 police officers pledged" with no part done: no outcome
            c = o or c
            cy = period_years(c.period)
            if is_actual(c) and c.point is not None and c.published is not None and cy is not None:
                extra.append((c.published, c, cy))
        extra.sort(key=_newest, reverse=True)
        # the buckets are sorted once per run, newest first: no sort per target
        window = (e for y in range(hi, lo - 1, -1) for e in by_year.get(y, ()))
        entries = merge(window, extra, key=_newest, reverse=True)
        # Weighed newest period first, then newest statement: the first that passes is the
        # evidence; after it only other values of the same period matter (for disputes),
        # one statement per value, so a figure restated a hundred times is read once.
        best: ClaimRecord | None = None
        values: set[tuple[float | None, str | None]] = set()
        cands: list[ClaimRecord] = []
        best_end: int | None = None
        for published, c, cy in entries:
            if best_end is not None and cy[1] < best_end:
                break  # an older period than the evidence found
            value = (c.point, c.unit)
            if best is not None and (value in values or c.period != best.period):
                continue
            retro = retro_target and c.doc == t.doc and c.id != t.id
            if published <= t.published and not retro:
                continue
            if goal and (cy[1] < t.published.year - 1 or (last is not None and cy[0] > last)):
                continue
            if not goal and ys is not None and not (ys[0] <= cy[0] and cy[1] <= ys[1]):
                continue
            if _other_place(ctx, t, c) or (local(c) and not local(t)) or not same_place(ctx, t, c):
                continue  # another place's figure, or a city's for a country's target
            if other_country(ctx, t, c):
                continue  # another country's figure, whatever indicator it was filed under
            if not goal and single_year(t.period) is not None and _sub_period(c) and not _by_month(t):
                continue  # a quarter's or a month's figure is not the year's outcome (unless
                # the target itself is dated by a month: "from July 2025")
            if _part_of_year_flow(c) and not _part_of_year_flow(t) and not _by_month(t):
                continue  # a quarter's receipts say nothing of a goal for a year's receipts
            values.add(value)
            cands.append(c)
            if best is None:
                best, best_end = c, cy[1]
        if best is None and goal and last is not None:
            best = self._short_after(ctx, t, by_year, last)
            cands = [best] if best is not None else []
        self._candidates = cands
        return best

    @staticmethod
    def _short_after(
        ctx: CheckContext,
        t: ClaimRecord,
        by_year: dict[int, list[tuple[Date, ClaimRecord, tuple[int, int]]]],
        last: int,
    ) -> ClaimRecord | None:
        """For a goal past its deadline with no report up to it: a running count reported
        later ("Since 2024, 3,100 nurses have been hired", said in March 2026) that is still
        short of the target, so it was short at the deadline too.  A later count that meets
        the target says nothing of when it was met, and is not used."""
        deadline = period_end(str(last))
        if deadline is None or deadline >= ctx.now or t.point is None:
            return None
        for y in sorted((y for y in by_year if y > last), reverse=False):
            for published, c, cy in by_year[y]:
                f = frame_of(c)
                running = (c.noun and c.unit is None) or (f is not None and "cumulative" in f.basis)
                if (
                    running
                    and cy[0] <= last
                    and published > deadline
                    and c.point is not None
                    and c.point * scale(c)[1] < (1 - KEPT_TOLERANCE) * t.point * scale(t)[1]
                    and same_place(ctx, t, c)
                    and not other_place(t, c)
                ):
                    return c
        return None

    def _pool(
        self, ctx: CheckContext, key: str | None
    ) -> dict[int, list[tuple[Date, ClaimRecord, tuple[int, int]]]]:
        """An indicator's possible evidence, read once per run: its actual figures (the part
        N of "N of the M planned" in place of M) with their dates and years, by the last
        year they cover, so a target reads only the years of its window."""
        if self._pools[0] is not ctx:
            self._pools = (ctx, {})
        memo = self._pools[1]
        if key not in memo:
            out: dict[int, list[tuple[Date, ClaimRecord, tuple[int, int]]]] = {}
            for c in ctx.by_indicator.get(key, []) if key is not None else []:
                o = self._outcome_of(ctx, c)
                if o is None and (restated_figure(c) or (c.unit is None and fraction_of(c) is not None)):
                    # the promise restated ("the 9,000 promised officers"), or a share in
                    # words ("a quarter of the ..."), weighed against the count in _restated
                    continue
                c = o or c
                cy = period_years(c.period)
                if is_actual(c) and c.point is not None and c.published is not None and cy is not None:
                    out.setdefault(cy[1], []).append((c.published, c, cy))
            for bucket in out.values():
                bucket.sort(key=_newest, reverse=True)
            memo[key] = out
        return memo[key]

    def _objects(self, ctx: CheckContext) -> dict[str, list[tuple[str, _Object]]]:
        """The objects of the ledger's indicators with actual figures, by head, read once per
        run: (indicator key, object), one per distinct subject of an indicator."""
        if self._object_index[0] is not ctx:
            out: dict[str, list[tuple[str, _Object]]] = {}
            seen: set[tuple[str, _Object]] = set()
            for key, members in ctx.by_indicator.items():
                for c in members:
                    if not c.has_quantity or not is_actual(c):
                        continue
                    o = _object(c)
                    if o is not None and (key, o) not in seen:
                        seen.add((key, o))
                        out.setdefault(o.head, []).append((key, o))
            self._object_index = (ctx, out)
        return self._object_index[1]

    def _related_pool(
        self, ctx: CheckContext, t: ClaimRecord
    ) -> dict[int, list[tuple[Date, ClaimRecord, tuple[int, int]]]]:
        """The target's indicator's possible evidence, with that of the other indicators of
        the same place and dimension whose object is the target's (``same_object``: "the
        waiting time for hip surgery" for "the wait for hip surgery"), so that sources naming
        one object in different words are weighed together.  A count of posts for a count of
        people ("2,600 teaching posts filled" for "4,000 teachers") is weighed only when it is
        within ``DISPUTE_FACTOR`` of the target."""
        key = ctx.key(t)
        obj = _object(t)
        own = self._pool(ctx, key)
        if obj is None:
            return own
        if key is not None and key.count("|") >= 2:
            region, _, dim = key.split("|")[:3]
        elif key is None and t.unit != "%":
            # a target the linker filed nowhere ("We pledge to hire 5,000 more nurses": no
            # subject): its document's place and its unit's dimension
            region, dim = ctx.doc(t).region or "-", dimension(t.unit, t.noun)[0]
        else:
            return own
        out: dict[int, list[tuple[Date, ClaimRecord, tuple[int, int]]]] = {}
        related = False
        keys = dict.fromkeys(k for k, o in self._objects(ctx).get(obj.head, []) if same_object(obj, o))
        for k in keys:
            parts = k.split("|")
            if k == key or len(parts) < 3 or parts[0] != region:
                continue
            swap = parts[2] != dim
            if swap and not _post_of(parts[2], dim):
                continue
            for y, bucket in self._pool(ctx, k).items():
                out.setdefault(y, []).extend(e for e in bucket if not swap or _near(e[1], t))
                related = True
        if not related:
            return own
        for y, bucket in own.items():
            out.setdefault(y, []).extend(bucket)
        for bucket in out.values():
            bucket.sort(key=_newest, reverse=True)
        return out

    def _restated(self, ctx: CheckContext, t: ClaimRecord) -> list[ClaimRecord]:
        """Later totals that restate a counted target with its progress: "62 of the 111
        planned hospitals are in operation" for "111 hospitals".  The same count of the same
        noun, about the same country, is enough to tie them, whatever the subjects say."""
        if not t.noun or t.point is None:
            return []
        totals = self._totals_index(ctx)
        region = ctx.doc(t).region
        noun = count_noun(t.noun)
        out = [
            c
            for c in totals.get((t.unit, noun, round(t.point, 6)), [])
            if c.doc != t.doc and ctx.doc(c).region == region
        ]
        # "Half of the hospitals pledged are now operational": a share of the promised count;
        # "a quarter of the 9,000 promised officers": a share of the count restated.
        shares = totals.get((None, noun, -1.0), []) + totals.get((None, "", round(t.point, 6)), [])
        for c in dict.fromkeys(shares):
            frac = fraction_of(c)
            if c.doc != t.doc and ctx.doc(c).region == region and frac is not None:
                period = c.period or (f"{c.published:%Y-%m}" if c.published else None)
                out.append(
                    replace(
                        c,
                        value=frac * t.point,
                        low=None,
                        high=None,
                        unit=t.unit,
                        noun=t.noun,
                        qualifier="approx",
                        kind="achievement",
                        period=period,
                    )
                )
        return out

    def _totals_index(self, ctx: CheckContext) -> _Totals:
        cached = self._totals.get(id(ctx))
        if cached is not None and cached[0] is ctx:
            return cached[1]
        out: _Totals = {}
        for c in ctx.claims:
            if c.noun and c.point is not None and part_of_total(c, ctx.sentence_claims(c)) is not None:
                out.setdefault((c.unit, count_noun(c.noun), round(c.point, 6)), []).append(c)
            elif fraction_of(c) is not None and _verdict(c.sentence) is not None:
                m = _OF_NOUNS.match(c.sentence[c.q_rel[1] :])
                for w in m.group("nouns").split() if m else []:
                    out.setdefault((None, count_noun(w), -1.0), []).append(c)
                if m and m.group("n"):  # "a quarter of the 9,000 ...": the count restated
                    out.setdefault((None, "", round(float(m.group("n").replace(",", "")), 6)), []).append(c)
        self._totals = {id(ctx): (ctx, out)}
        return out

    def _outcome_of(self, ctx: CheckContext, c: ClaimRecord) -> ClaimRecord | None:
        """``_outcome``, computed once per claim and run: every target of an indicator
        weighs the same figures."""
        if self._outcomes[0] is not ctx:
            self._outcomes = (ctx, {})
        memo = self._outcomes[1]
        if c.id not in memo:
            memo[c.id] = self._outcome(ctx, c)
        return memo[c.id]

    @staticmethod
    def _outcome(ctx: CheckContext, c: ClaimRecord) -> ClaimRecord | None:
        """For the total M of "N of the M X were completed / are in operation", the part N
        as the outcome (in M's unit and counted noun): N is what was done, M restates the
        plan.  None when ``c`` is not such a total."""
        n = part_of_total(c, ctx.sentence_claims(c))
        if n is None or n.point is None or _verdict(c.sentence) is None:
            return None
        # "So far 62 of the 111 ... are in operation" states the level in the month it was said.
        period = c.period or n.period or (f"{c.published:%Y-%m}" if c.published else None)
        frac = fraction_of(n) if n.unit is None else None
        if frac is not None and c.point is not None:
            # "a quarter of the 9,000 promised officers": the share of the total, as a count
            n = replace(n, value=frac * c.point, low=None, high=None, qualifier="approx")
        return replace(n, unit=c.unit, noun=c.noun, period=period, kind="achievement")

    def _counted(self, ctx: CheckContext, ref: ClaimRecord, claims: list[ClaimRecord]) -> ClaimRecord | None:
        """The first outcome figure of an evidence sentence comparable with ``ref``: same
        dimension, or the part of a total of that dimension."""
        dim = scale(ref)[0]
        found: dict[str, ClaimRecord] = {}
        for c in sorted(claims, key=lambda c: c.q_rel[0]):
            if not c.has_quantity or not same_kind(scale(c)[0], dim):
                continue
            o = self._outcome(ctx, c)
            if o is not None:
                found[o.id] = o  # the part, in place of the total it belongs to
            elif (
                is_actual(c)
                and not restated_figure(c)
                and not (c.unit is None and fraction_of(c) is not None)
            ):
                found.setdefault(c.id, c)
        return next(iter(found.values()), None)

    @staticmethod
    def _counted_ref(ctx: CheckContext, t: ClaimRecord) -> ClaimRecord | None:
        """The counted figure a non-numeric commitment names in its sentence ("complete all
        111 district hospitals"), if exactly one."""
        figs = [
            c
            for c in ctx.sentence_claims(t)
            if c.has_quantity and c.noun and not c.unit and c.point is not None
        ]
        return figs[0] if len({(c.point, c.noun) for c in figs}) == 1 else None

    def _text(self, ctx: CheckContext, t: ClaimRecord) -> tuple[str, str, str, int] | None:
        """(verdict, doc key, sentence, sentence start) from the latest later document that
        reports on the commitment, or None."""
        found = self._text_all(ctx, t)
        return found[-1][1:] if found else None

    def _text_all(self, ctx: CheckContext, t: ClaimRecord) -> list[tuple[Date, str, str, str, int]]:
        """Every later sentence that reports on the commitment, oldest first: (date,
        verdict, doc key, sentence, sentence start)."""
        out: list[tuple[Date, str, str, str, int]] = []
        if t.published is None:
            return out
        names = [_normalise(n) for n in _names(t.sentence)]
        names = [n for n in names if len(n) >= 4]
        words = _content(t.sentence)
        singles = proper_names(t.sentence)
        routes = [(a.lower(), b.lower()) for a, b in _ROUTE.findall(t.sentence)]
        index = self._index(ctx)
        probe = words | singles | {singular(w) for n in names for w in n.split()}
        pairs = _object_pairs(t.sentence) if len(words) < MIN_SHARED and not t.has_quantity else []
        u = _UNIVERSAL.search(t.sentence)
        group = _stem(singular(u.group(1).lower())) if u else None
        hits = sorted({i for w in probe for i in index.postings.get(w, ())})
        for i in hits:
            e = index.entries[i]
            if e.published <= t.published:
                continue
            s, low = e.sentence, e.low
            shared = words & e.content
            # A shared multi-word name ties two sentences; a shared single name ties them
            # only together with another shared word ("Kutaisi" + "bypass").
            # A route named by its two ends ("the Almaty-Bishkek road") is not met by a
            # sentence that names only one of them ("the Almaty ring road").
            ends_named = all(
                all(re.search(rf"\b{re.escape(w)}\b", low) for w in pair)
                for pair in routes
                if any(re.search(rf"\b{re.escape(w)}\b", low) for w in pair)
            )
            by_name = any(n in low for n in names) or bool(singles & e.singles and shared - singles)
            by_words = len(shared) >= MIN_SHARED and len(shared) >= WORD_OVERLAP * max(len(words), 1)
            # A short commitment names its object in two words ("the national stadium"): the
            # same two words in a later sentence, with every content word of the commitment
            # ("stadium"), tie them (issue 11: "now expected to open in 2027").
            by_words = by_words or bool(
                words and words <= e.content and pairs and any(p in low for p in pairs)
            )
            # A universal commitment ("every pensioner on the waiting list will get a home
            # visit") is broken by a count of its group still awaiting it ("1,700 pensioners
            # were still waiting for a visit"): the group and one more word tie them.
            by_words = by_words or bool(
                e.verdict == "unmet" and group is not None and group in e.content and len(shared) >= 2
            )
            if not ends_named:
                continue
            if not (by_name or by_words):
                continue
            out.append((e.published, e.verdict, e.doc, s, e.start))  # entries run oldest first
        return out

    def _index(self, ctx: CheckContext) -> _Index:
        """Sentences of every dated document, oldest first, with an inverted word index.

        Built once per context, so matching a target reads only the sentences that share a
        word with it instead of the whole archive.
        """
        cached = self._cache.get(id(ctx))
        if cached is not None and cached[0] is ctx:
            return cached[1]
        idx = _Index([], {})
        for d in sorted(ctx.docs.values(), key=lambda d: (d.published or Date.min, d.key)):
            if d.published is None or not d.text:
                continue
            # the extractor's own sentences: "at 8 p.m." or "St. Anne's" ends no sentence
            for a, b in split_sentences(d.text):
                s = d.text[a:b].strip()
                if not s:
                    continue
                start = a + (len(d.text[a:b]) - len(d.text[a:b].lstrip()))
                verdict = _verdict(s)
                if verdict is None:  # a sentence that reports no outcome is never evidence
                    continue
                e = _Entry(d.key, d.published, s, start, _normalise(s), _content(s), proper_names(s), verdict)
                n = len(idx.entries)
                idx.entries.append(e)
                for w in e.content | e.singles | {singular(t.lower()) for t in _TOKEN.findall(s)}:
                    idx.postings.setdefault(w, []).append(n)
        self._cache = {id(ctx): (ctx, idx)}
        return idx

    # -- status ------------------------------------------------------------------------

    def _one(self, ctx: CheckContext, group: _Promise) -> Finding:
        t = group.judged
        # "by June 2026" is due at the end of June, not of the year: the deadline is read at
        # the granularity the time stage resolved
        when_p = fine_period(t)
        deadline = period_end(when_p)
        due = deadline is not None and deadline < ctx.now
        roles: list[tuple[ClaimRecord, str]] = [(group.first, "target")]
        roles += [(c, role) for c, role in group.sources]
        details: dict[str, object] = {
            "deadline": deadline.isoformat() if deadline else None,
            "made": group.first.published.isoformat() if group.first.published else None,
            "sources": [{"claim": c.id, "doc": c.doc, "role": role} for c, role in group.sources],
        }
        history = _History(ctx, group.first)
        for c, role in group.sources:
            if role == "revision":
                history.add(c.published, "", "revised", c, f"the commitment was restated as {stated(c)}")
        what = self._what(ctx, t)
        when = f" {'by' if is_deadline(t) else 'for'} {fmt_period(when_p)}" if when_p else ""
        # A target whose period had ended when it was stated is cited, not promised.
        cited = deadline is not None and t.published is not None and deadline < t.published
        head = f"{what}{when}"
        said = f"{ctx.where(group.first)} {'cites a target' if cited else 'promised it'}"
        status: str
        rule: str
        if not group.measurable:
            status, rule = "unmeasurable", "no figure and no object that evidence could settle"
            tail = "it names no figure or object that later evidence could settle"
            history.add(group.first.published, status, rule, None, "")
            return self._finish(ctx, group, status, tail, (head, said), roles, details, history)
        evs = self._numeric_all(ctx, t)
        ev = evs[-1] if evs else None
        if ev is not None:
            judged = [(e, *self._numeric_status(ctx, t, e, due)) for e in evs]
            for e, st, why in judged:
                history.add(e.published, st, "numeric evidence of the same indicator", e, why)
            roles.append((ev, "evidence"))
            status, tail = judged[-1][1], judged[-1][2]
            self._numeric_status(ctx, t, ev, due)
            details["computation"] = self.computation
            details["evidence_value"] = ev.point
            disputed = self._disputed(ctx, judged) or self._words_dispute(ctx, t, ev, status, deadline)
            if disputed is not None:
                status, tail = "disputed", disputed
                history.add(ev.published, status, "later sources conflict", ev, tail)
                for e, _st, _why in judged:
                    roles.append((e, "evidence"))
            return self._finish(ctx, group, status, tail, (head, said), roles, details, history)
        matches = self._text_all(ctx, t)
        txt = self._text(ctx, t)
        same_sentence: list[ClaimRecord] = []
        numeric_ref = t
        if txt is not None:
            _, doc, _, start = txt
            same_sentence = ctx.claims_at(doc, start)
            # A figure of what was promised is judged on a number: the matched sentence's
            # figure of the same dimension (the part N of "N of the M planned"), if it
            # reports one; a numeric target without one on a delay only.  A commitment in
            # words that names a count ("all 111 hospitals") is judged on that count.
            ref = t if t.has_quantity else self._counted_ref(ctx, t)
            if ref is not None:
                ev = self._counted(ctx, ref, same_sentence)
                if ev is not None:
                    numeric_ref = ref
                elif t.has_quantity and txt[0] not in ("stalled", "moved") and not _priced_object(t):
                    txt = None
            elif txt[0] not in ("stalled", "moved"):
                # A commitment in words met by "only 45 of the 111 hospitals were completed":
                # the part against its total, never "kept" on the verb alone.
                for c in same_sentence:
                    o = self._outcome(ctx, c) if c.has_quantity else None
                    if o is not None and c.point:
                        ev, numeric_ref = o, replace(c, period=t.period, kind="target")
                        break
        if ev is not None:
            roles.append((ev, "evidence"))
            status, tail = self._numeric_status(ctx, numeric_ref, ev, due)
            details["computation"] = self.computation
            details["evidence_value"] = ev.point
            history.add(ev.published, status, "a count of what was promised", ev, tail)
        elif txt is not None:
            # Each later report on the commitment is an event; a moved deadline revises it.
            status, tail = "not_due", ""
            for when_, verdict, doc, sent, _start in matches:
                where = ctx.docs[doc].where() if doc in ctx.docs else doc
                if verdict == "moved":
                    year = moved_to(sent) or ""
                    if deadline is not None and when_ > deadline:
                        # moved only once the deadline had passed: the promise was missed
                        status = "not_kept"
                        tail = f"{where} moved it to {year} after the deadline had passed: \u201c{sent}\u201d"
                        history.add(when_, status, "deadline missed, then moved", None, tail, doc, sent)
                        continue
                    if t.period is None or year > t.period[:4]:
                        t = replace(t, period=year)
                        deadline = period_end(year)
                        due = deadline is not None and deadline < ctx.now
                        details["deadline"] = deadline.isoformat() if deadline else None
                        details["revised_deadline"] = year
                    # the government still means to deliver, later: work in progress (issue 11)
                    status = "due" if due else "in_progress"
                    tail = f"{where} moved the deadline to {year}: \u201c{sent}\u201d"
                    history.add(
                        when_,
                        status,
                        "deadline moved (a revision of the same promise)",
                        None,
                        tail,
                        doc,
                        sent,
                    )
                    continue
                awaited = verdict == "unmet"
                if awaited:
                    # "still waiting": after the deadline, not kept; before it, under way
                    verdict = "stalled" if deadline is not None and when_ > deadline else "ongoing"
                status = {"done": "kept", "stalled": "not_kept", "ongoing": "in_progress"}[verdict]
                late = " the deadline has passed and" if due and status == "in_progress" else ""
                missed = "still awaited after the deadline" if awaited else "postponed, dropped or missed"
                tail = {
                    "kept": f"{where} reports it done: \u201c{sent}\u201d",
                    "not_kept": f"{where} reports it {missed}: \u201c{sent}\u201d",
                    "in_progress": f"{late} {where} reports it under way: \u201c{sent}\u201d".strip(),
                }[status]
                history.add(
                    when_,
                    status,
                    f"text evidence: the commitment's object reported {verdict}",
                    None,
                    tail,
                    doc,
                    sent,
                )
            # "still awaited" after the deadline says it was not done, as "dropped" does
            told = [
                (w, "stalled" if v == "unmet" and deadline is not None and w > deadline else v, d, q, at)
                for w, v, d, q, at in matches
            ]
            conflict = _text_dispute(ctx, told)
            if conflict is not None:
                status, tail = "disputed", conflict
                history.add(matches[-1][0], status, "later sources conflict", None, tail)
            _, doc, sent, start = txt
            for c in same_sentence:
                roles.append((c, "evidence"))
            details["evidence"] = [{"doc": doc, "quote": sent, "start": start}]
            if not tail:
                status, tail = ("due" if due else "not_due"), "no outcome reported"
        elif due:
            status = "due"
            tail = (
                "the deadline has passed and no later statement in the ledger reports the outcome "
                "(unverified)"
            )
            history.add(deadline, status, "deadline passed with no evidence", None, "")
        else:
            status = "not_due"
            tail = (
                "no deadline is stated and no outcome has been reported yet"
                if deadline is None
                else f"it is not due until {deadline.isoformat()} and no outcome has been reported"
            )
        return self._finish(ctx, group, status, tail, (head, said), roles, details, history)

    def _finish(
        self,
        ctx: CheckContext,
        group: _Promise,
        status: str,
        tail: str,
        head: tuple[str, str],
        roles: list[tuple[ClaimRecord, str]],
        details: dict[str, object],
        history: _History,
    ) -> Finding:
        t = group.first
        details["machine_status"] = status
        override = ctx.promise_overrides.get(t.id)
        for review in ctx.promise_reviews.get(t.id, []):
            history.override(review)  # every status a reviewer set, in order
        if override:
            details["override"] = override
            status = str(override["status"])
            tail += f"; a reviewer set the status to {PROMISE_LABELS.get(status, status).lower()}"
            if not ctx.promise_reviews.get(t.id):
                history.override(override)
        details["status"] = status
        details["history"] = history.events(status)
        sev: Severity = "warning" if status in ("not_kept", "partly_kept", "disputed") else "info"
        conf = Confidence.of(
            0.6,
            (any(r == "evidence" for _c, r in roles), 0.2, "later evidence of the same commitment"),
            (status in ("not_due", "due", "unmeasurable"), 0.1, "no evidence needed for this status"),
            (status == "disputed", -0.1, "later sources conflict"),
            (bool(override), 0.3, "set by a reviewer"),
        )
        # the fact (what was promised, by when, its status), then who promised it and why
        msg = f"{head[1]}; {tail}."
        fact = f"{head[0]}: {PROMISE_LABELS.get(status, status).lower()}"
        computation = str(details.get("computation", "")) or None
        return make_finding(
            "promise",
            NAME,
            sev,
            msg,
            roles,
            details,
            id_claims=[t.id],
            confidence=conf,
            computation=computation,
            headline=headline(ctx, t, fact),
        )

    def _words_dispute(
        self, ctx: CheckContext, t: ClaimRecord, ev: ClaimRecord, status: str, deadline: Date | None
    ) -> str | None:
        """A figure that misses the target against another document's words, published
        within ``DISPUTE_DAYS`` after the deadline, saying it was met ("The target of
        connecting 50,000 households was met in 2025"), or a figure that meets it against
        words saying it was not: who says what."""
        if deadline is None or ev.published is None or status not in ("kept", "partly_kept", "not_kept"):
            return None
        want = "stalled" if status == "kept" else "done"
        for when_, verdict, doc, sent, _start in self._text_all(ctx, t):
            if verdict == "unmet":
                verdict = "stalled"  # still awaited after the deadline: not met
            if verdict != want or doc == ev.doc or when_ <= deadline:
                continue
            if abs((when_ - ev.published).days) > DISPUTE_DAYS:
                continue
            where = ctx.docs[doc].where() if doc in ctx.docs else doc
            says = "met" if want == "done" else "not met"
            return f"{ctx.where(ev)} reports {stated(ev)}, but {where} says it was {says}: \u201c{sent}\u201d"
        return None

    @staticmethod
    def _disputed(ctx: CheckContext, judged: list[tuple[ClaimRecord, str, str]]) -> str | None:
        """When the latest reports for the deadline's period, from different documents,
        disagree on whether the target was met: who says what."""
        if len(judged) < 2:
            return None
        last_period = judged[-1][0].period
        final = [(e, st) for e, st, _ in judged if e.period == last_period]
        met = [e for e, st in final if st == "kept"]
        missed = [e for e, st in final if st in ("not_kept", "partly_kept")]
        if not met or not missed or {e.doc for e in met} == {e.doc for e in missed}:
            return None
        a, b = met[-1], missed[-1]
        return (
            f"{ctx.where(a)} reports {stated(a)}, meeting the target, but {ctx.where(b)} reports "
            f"{stated(b)}, which misses it"
        )

    def _what(self, ctx: CheckContext, t: ClaimRecord) -> str:
        if t.has_quantity:
            label = ctx.label(t)
            fig = stated(t)
            if not label or (t.noun and singular(label.split()[-1]) == t.noun):
                return fig  # "217 schools", not "school of 217 schools"
            dim = dimension(t.unit, t.noun)[0]
            if dim.startswith(("currency:", "percent", "rate:")):
                return f"{label} of {fig}"  # "GDP of $450 billion"
            return f"{fig} of {label}"  # "350 km of road", "600 MW of energy capacity"
        s = t.sentence.strip()
        return f"\u201c{s if len(s) <= 160 else s[:157] + '...'}\u201d"

    def _numeric_status(
        self, ctx: CheckContext, t: ClaimRecord, ev: ClaimRecord, due: bool
    ) -> tuple[str, str]:
        if not same_kind(scale(t)[0], scale(ev)[0]) and not _post_of(scale(t)[0], scale(ev)[0]):
            return ("due" if due else "not_due"), "the later figure is of another kind and cannot be compared"
        target = (t.point or 0.0) * scale(t)[1]
        got = (ev.point or 0.0) * scale(ev)[1]
        # Lower is better for a cut ("reduce to"), and for things such as deficits and
        # inflation whatever the verb.
        down = bool(_DOWN.search(t.sentence[max(0, t.q_rel[0] - 60) : t.q_rel[1]])) or bool(
            set(_key_tokens(ctx.key(t))) & LOWER_IS_BETTER
        )
        if t.low is not None and t.high is not None and t.value is None:
            k = scale(t)[1]
            met = t.low * k * (1 - KEPT_TOLERANCE) <= got <= t.high * k * (1 + KEPT_TOLERANCE)
            share = 1.0 if met else (got / (t.low * k) if got < t.low * k and t.low > 0 else 0.0)
        elif down:
            # The stated figure is the ceiling, whatever word comes with it: a deficit planned
            # at "over 3.5 trillion" that reaches 3.7 trillion overshot the plan.
            met = got <= target * (1 + KEPT_TOLERANCE)
            share = target / got if got > 0 else 1.0
        else:
            met = got >= target * (1 - KEPT_TOLERANCE)
            share = got / target if target > 0 else 0.0
        self.computation = (
            f"outcome {got:,.6g} against target {target:,.6g}: {share * 100:.0f}% of it "
            f"(kept at >= {100 - KEPT_TOLERANCE * 100:.0f}%, partly kept at >= {PARTLY_SHARE * 100:.0f}%)"
        )
        ev_end = period_end(fine_period(ev)) or period_end(ev.period)
        t_end = period_end(fine_period(t)) or period_end(t.period)
        # A flow summed over a part of the deadline's year ("receipts in the first nine
        # months": a span of months) is no outcome for the whole of it, even once the deadline
        # has passed: progress, not the result.  A level as of a date ("62 hospitals in
        # operation") is the latest outcome known, and judged as one once the deadline passed.
        span = fine_period(ev) or ""
        part = (
            _running_part(ev)
            and ev_end is not None
            and t_end is not None
            and ev_end < t_end
            and ev_end.year == t_end.year
        )
        # The outcome is final once the deadline has passed or the evidence covers it.
        final = (due and not part) or (ev_end is not None and t_end is not None and ev_end >= t_end)
        src = f"{ctx.where(ev)} reports {stated(ev)} for {_span(span) if part else fmt_period(ev.period)}"
        if met:
            return "kept", src
        if down:
            gap = (got / target - 1) * 100 if target > 0 else 0.0
            off = (
                f"{abs(gap):.0f}% {'above' if gap >= 0 else 'below'} the target"
                if target > 0
                else "off the target"
            )
            if not final:
                return "in_progress", f"{src}, still {off}"
            if t.unit == "%":
                # A ceiling on a rate or a share (a deficit of 3% of GDP, inflation of 5%) is
                # met or missed: 4.6% against 3% is no part of the target achieved.  Partly
                # kept is for counts and levels reached in part.
                return "not_kept", f"{src}, {off}"
            return ("partly_kept" if share >= PARTLY_SHARE else "not_kept"), f"{src}, {off}"
        if not final:
            return "in_progress", f"{src}, {share * 100:.0f}% of the target level"
        if share >= PARTLY_SHARE:
            return "partly_kept", f"{src}, {share * 100:.0f}% of the target"
        return "not_kept", f"{src}, only {share * 100:.0f}% of the target"
