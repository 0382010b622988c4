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

from claimledger.extract.frame import _cues
from claimledger.extract.frame._passage import within
from claimledger.models import BASIS_TERMS, GRANULARITIES, Claim

__all__ = ["Stated", "granularity", "period_cue", "terms"]

#: Terms read from the text, in the order of the contract's vocabulary.
TEXT_TERMS: tuple[str, ...] = tuple(t for t in BASIS_TERMS if t not in GRANULARITIES)
_FINE = re.compile(r"->(?P<fine>\d{4}(?:-(?:Q[1-4]|H[12]|\d{2}(?:-\d{2})?))?(?:/\d{4}(?:-\d{2})?)?)")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTHS = re.compile(r"\d{4}-\d{2}(?:/\d{4}-\d{2})?")
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

    __slots__ = ("hits", "starts")

    def __init__(self, found: list[re.Match[str]]) -> None:
        sc = _cues.scanner("basis", *TEXT_TERMS)
        self.hits: list[tuple[int, int, str, str]] = [
            (m.start(), m.end(), sc.which(m), " ".join(m.group().lower().split())) for m in found
        ]
        self.starts = [h[0] for h in self.hits]

    def within(self, a: int, b: int) -> list[tuple[int, int, str, str]]:
        return within(self.hits, self.starts, a, b)


def terms(
    stated: Stated | None, spans: Sequence[tuple[int, int]], fixed: Sequence[str], percent: bool
) -> tuple[set[str], list[str]]:
    """Basis terms stated over ``spans`` (the figure's stretch and its clause before it),
    plus the measure's ``fixed`` ones."""
    got: set[str] = set()
    cues: list[str] = []
    for a, b in spans:
        if stated is None:
            break
        for _s, _e, t, words in stated.within(a, b):
            if t in got or (t == "annual" and percent):
                continue
            got.add(t)
            cues.append(f"{t}:{words}")
    for t in fixed:
        if t not in got and t in TEXT_TERMS:
            got.add(t)
            cues.append(f"{t}:measure")
    return got, cues


def period_cue(claim: Claim) -> str:
    """The claim's period cue (``period:...``), or ``""``."""
    for c in claim.cues:
        if c.startswith("period:"):
            return c
    return ""


def granularity(claim: Claim, cue: str) -> tuple[str | None, str]:
    """The granularity of the claim's period, from its period ``cue`` (which may be the
    cue of the figure it qualifies), and a cue saying why."""
    if claim.period is None:
        return None, ""
    return _granularity(claim.period, cue)


@lru_cache(maxsize=4096)
def _granularity(period: str, cue: str) -> tuple[str | None, str]:
    words = cue[len("period:") :].split("->")[0] if cue.startswith("period:") else ""
    m = _FINE.search(cue)
    fine = m.group("fine") if m else ""
    if "-Q" in fine:
        return "quarter", f"quarter:{fine}"
    if "-H" in fine:
        return "half_year", f"half_year:{fine}"
    if _ISO_DAY.fullmatch(fine) or _DAY.search(words):
        return "day", f"day:{words or fine}"
    if _ISO_MONTHS.fullmatch(fine):
        return "month", f"month:{fine}"
    if _week().search(words):
        return "week", f"week:{words}"
    if _fiscal().search(words):
        return "fiscal_year", f"fiscal_year:{words}"
    if "/" in period:
        return "multi_year", f"multi_year:{period}"
    return "year", f"year:{period}"
