"""Frame field ``basis``: on what basis a figure is stated, and its period's granularity.

Reads: the words of the figure's stretch of its clause (``Passage.segment``) and of its
clause before it, the basis the measure's definition fixes (``measures.toml``), the
figure's unit, and the period cue the time stage left on the claim (``period:<words>``
or ``period:<words>-><resolved>``, e.g. ``->2024-Q3``).  Writes: the sorted basis terms
and the cues that decided them.

Terms come from the cue lists of ``frame_cues.toml`` [basis] and from the measure; only
what the text states or the definition fixes.  ``annual`` is a yearly flow stated as
such, so it is not read for a % figure ("annual inflation" is ``y/y``).  The granularity,
one at most, comes from the period: a month, quarter, half, day or week the time stage
resolved, a fiscal year (the period's words say "fiscal", "financial year", "FY"), a run
of years (``multi_year``), else ``year``; none when the claim has no period.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from claimledger.extract._time_grammar import SAID_MARK
from claimledger.extract.frame import _cues
from claimledger.extract.frame._passage import within
from claimledger.extract.time import TOPIC_MARK
from claimledger.models import BASIS_TERMS, GRANULARITIES, Claim
from claimledger.resources import kinds as kind_words

__all__ = ["Stated", "add_fixed", "granularity", "period_cue", "terms"]

#: Terms read from the text, in the order of the contract's vocabulary.
TEXT_TERMS: tuple[str, ...] = tuple(t for t in BASIS_TERMS if t not in GRANULARITIES)
_FINE = re.compile(r"->(?P<fine>\d{4}(?:-(?:Q[1-4]|H[12]|\d{2}(?:-\d{2})?))?(?:/\d{4}(?:-\d{2})?)?)")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTHS = re.compile(r"\d{4}-\d{2}(?:/\d{4}-\d{2})?")
_MONTH_RUN = re.compile(r"(?P<y1>\d{4})-(?P<m1>\d{2})/(?P<y2>\d{4})-(?P<m2>\d{2})")
_DAY = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\d))",
    re.I,
)


@cache
def _fiscal() -> re.Pattern[str]:
    return _cues.pattern("basis", "fiscal")


@cache
def _week() -> re.Pattern[str]:
    return _cues.pattern("basis", "week")


class Stated:
    """The basis cues of one sentence, found once and looked up per figure."""

    __slots__ = ("hits", "starts", "text")

    def __init__(self, found: list[re.Match[str]], text: str = "") -> None:
        self.text = text
        sc = _cues.scanner("basis", *TEXT_TERMS)
        self.hits: list[tuple[int, int, str, str]] = [
            (m.start(), m.end(), sc.which(m), " ".join(m.group().lower().split())) for m in found
        ]
        self.starts = [h[0] for h in self.hits]

    def within(self, a: int, b: int) -> list[tuple[int, int, str, str]]:
        return within(self.hits, self.starts, a, b)


def terms(
    stated: Stated | None,
    seg: tuple[int, int],
    left: tuple[int, int],
    fixed: Sequence[str] = (),
    percent: bool = False,
    follows: int = -1,
) -> tuple[set[str], list[str]]:
    """Basis terms stated for a figure, plus the measure's ``fixed`` ones.

    Read in the figure's stretch ``seg`` and its clause before it (``left``), except the
    terms that qualify one figure only (``y/y``, ``q/q``, ``m/m``, ``annualised``, and
    "averaged" as a verb: ``own_stretch`` in frame_cues.toml), read in its stretch, and
    there only when they do not stand right after the figure before it (``follows``: where
    that figure ends): "0.6% q/q and 2.3% y/y".  A term the measure fixes is left out when
    the text states one it excludes ("inflation excluding taxes" is not ``headline``)."""
    got: set[str] = set()
    cues: list[str] = []
    own = _own_stretch()
    if stated is not None:
        for a, b in (seg, left):
            for s0, _e, t, words in stated.within(a, b):
                if t in got or (t == "annual" and percent):
                    continue
                if (t in own or (t == "average" and words.endswith(("ed", "ing")))) and not _owns(
                    stated, seg, s0, follows
                ):
                    continue
                got.add(t)
                cues.append(f"{t}:{words}")
                for also in _also(words, t):  # "excluding food and energy": both
                    if also not in got:
                        got.add(also)
                        cues.append(f"{also}:{words}")
    add_fixed(got, cues, fixed)
    return got, cues


def add_fixed(got: set[str], cues: list[str], fixed: Sequence[str]) -> None:
    """Add the terms a measure's definition fixes to the ``got`` terms (and their cues),
    but none that a stated term rules out."""
    excludes = _excludes()
    for t in fixed:
        if t in got or t not in TEXT_TERMS or any(t in excludes.get(g, ()) for g in got):
            continue
        got.add(t)
        cues.append(f"{t}:measure")


@cache
def _own_stretch() -> frozenset[str]:
    return frozenset(_cues.data()["basis_rules"]["own_stretch"])


@cache
def _excludes() -> dict[str, frozenset[str]]:
    """term -> the terms a measure may fix that it rules out."""
    return {k: frozenset(v) for k, v in _cues.data()["basis_rules"]["excludes"].items()}


@lru_cache(maxsize=1024)
def _also(words: str, matched: str) -> tuple[str, ...]:
    """Other terms the words of one cue state too ("excluding food and energy")."""
    return tuple(
        t
        for t in TEXT_TERMS
        if t != matched and t.startswith("excl_") and _cues.pattern("basis", t).search(words)
    )


_BLANK = re.compile(r"[\s,]*")


def _owns(stated: Stated, seg: tuple[int, int], at: int, follows: int) -> bool:
    """Does a cue at ``at`` qualify the figure whose stretch is ``seg``: inside it, and
    not right after the figure before (which ends at ``follows``)?"""
    if not seg[0] <= at < seg[1]:
        return False
    return follows < 0 or _BLANK.fullmatch(stated.text, follows, at) is None


def period_cue(claim: Claim) -> str:
    """The claim's period cue (``period:...``), or ``""``."""
    for c in claim.cues:
        if c.startswith("period:"):
            return c
    return ""


def granularity(
    claim: Claim, cue: str, measure: str = "", stated: frozenset[str] = frozenset()
) -> tuple[str | None, str]:
    """The granularity of the claim's period, from its period ``cue`` (which may be the
    cue of the figure it qualifies), and a cue saying why.  A figure of a ``measure``
    decided on a day (``set_on_a_day`` in frame_cues.toml) with no period of its own but
    the document's date ("the Bank cut the repo rate to 6.25%"), or the day its source
    spoke ("On 3 May the Bank said the rate is 7.5%"), or by a day an earlier sentence named,
    is a value on that day; any other figure dated by an earlier sentence's day is that
    year's.  A market price (``quoted_on_a_day``) stated to hold now is that day's quote.
    A period the time stage
    resolved to a year only is finer when the figure's basis says so (``stated``: "0.4%
    quarter-on-quarter" is a quarter's change, "m/m" a month's)."""
    if claim.period is None:
        return None, ""
    said = SAID_MARK in cue
    if measure in _set_on_a_day() and cue.endswith(TOPIC_MARK):
        # a rate decided on a day, in a release about a quarter: no time of its own, so the
        # day of the statement (as when dated by the document alone)
        return "day", f"day:{measure} on the statement's day"
    if measure in _set_on_a_day() and (cue.startswith(_REPORTED) or said):
        return "day", f"day:{measure} on {cue[len('period:') if said else len(_REPORTED) :].split('->')[0]}"
    now = _said_now(cue)
    if measure in _quoted_on_a_day() and now:
        return "day", f"day:{measure} {now}"
    g, why = _granularity(claim.period, cue)
    if g == "day" and cue.endswith(_CONTEXT) and measure not in _set_on_a_day():
        # "On 14 April the Board met. ... Inflation eased to 4.1%.": the day an earlier
        # sentence named dates that sentence's act; it gives a later figure its year only
        return "year", f"year:{claim.period} (a day of an earlier sentence)"
    if g == "year":
        for term, finer in _FINER_BY_TERM:
            if term in stated:
                return finer, f"{finer}:{term} of a year's period"
    return g, why


#: Basis terms that make a figure's period finer than the year it was resolved to.
_FINER_BY_TERM = (("q/q", "quarter"), ("m/m", "month"))


@cache
def _set_on_a_day() -> frozenset[str]:
    return frozenset(_cues.data()["basis_rules"]["set_on_a_day"])


@cache
def _quoted_on_a_day() -> frozenset[str]:
    return frozenset(_cues.data()["basis_rules"]["quoted_on_a_day"])


#: The period cue of a figure dated only by its document.
_REPORTED = "period:reported on "


def _said_now(cue: str) -> str:
    """The word of a period ``cue`` saying the figure holds at the time of its statement
    ("currently", "now", "today"), else ``""``."""
    words = cue[len("period:") :].split("->")[0] if cue.startswith("period:") and "->" in cue else ""
    return words if words in kind_words.PRESENT_WORDS or words == "at present" else ""


#: The end of a period cue taken from an earlier sentence (``time.default``'s context).
_CONTEXT = " (context)"


#: "year" (not "years") in a period's words: one year, so one across two calendar years
#: ("for the year 2026-2027") is a fiscal year.
_ONE_YEAR = re.compile(r"\byear\b(?!s)", re.I)
_TWO_YEARS = re.compile(r"\d{4}/\d{4}")
#: A period written "2025-26" or "2025/26": one year running into the next, a fiscal year.
_SPLIT_YEAR = re.compile(r"\b(?P<a>\d{4})\s*[-/–]\s*(?P<b>\d{2})(?!\d)")


@lru_cache(maxsize=4096)
def _granularity(period: str, cue: str) -> tuple[str | None, str]:
    words = cue[len("period:") :].split("->")[0] if cue.startswith("period:") else ""
    m = _FINE.search(cue)
    fine = m.group("fine") if m else ""
    if "-Q" in fine:
        return "quarter", f"quarter:{fine}"
    if "-H" in fine:
        return "half_year", f"half_year:{fine}"
    if _week().search(words):
        return "week", f"week:{words}"  # "in the week to 10 May"
    if SAID_MARK in words:
        return "year", f"year:{period} (the day it was said)"
    if _ISO_DAY.fullmatch(fine) or _DAY.search(words):
        return "day", f"day:{words or fine}"
    if _ISO_MONTHS.fullmatch(fine):
        span = _MONTH_RUN.fullmatch(fine)
        if span is not None and span["y1"] == span["y2"]:
            # "in July-September": a calendar quarter (half) named by its months
            m1, m2 = int(span["m1"]), int(span["m2"])
            if m1 % 3 == 1 and m2 == m1 + 2:
                return "quarter", f"quarter:{fine}"
            if m1 % 6 == 1 and m2 == m1 + 5:
                return "half_year", f"half_year:{fine}"
        return "month", f"month:{fine}"
    if _fiscal().search(words):
        return "fiscal_year", f"fiscal_year:{words}"
    split = _SPLIT_YEAR.search(words)
    if split and (int(split["a"]) + 1) % 100 == int(split["b"]):
        return "fiscal_year", f"fiscal_year:{split.group()}"
    if _ONE_YEAR.search(words) and _TWO_YEARS.fullmatch(period):
        a, b = period.split("/")
        if int(b) == int(a) + 1:
            # "for the year 2026-2027", "the year to June 2025": one year across two
            return "fiscal_year", f"fiscal_year:{words}"
    if "/" in period:
        return "multi_year", f"multi_year:{period}"
    return "year", f"year:{period}"
