"""Words of dates and periods, typed (``data/dates.toml``, read once), and the fiscal
years of countries (``data/fiscal_years.toml``).

Month names with their numbers (and the regex alternations the grammars use), the ordinals
of quarters, and the words that count periods.  Read by the time grammar and the numbers
stage's date filter.  ``fiscal_year(country)`` gives the month a country's fiscal year
starts and how "FY25" is labelled there, for the time grammar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from functools import cache

from claimledger.resources import load, mapping, wordset
from claimledger.resources.numbers import ONES, TEENS, TENS

__all__ = [
    "ACT_DAY_VERBS",
    "COMMON_WORD_MONTHS",
    "FULL_MONTHS",
    "LEVEL_HELD_WORDS",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "PERIOD_COUNTS",
    "PUBLICATION_NOUNS",
    "QUARTER_ORDINALS",
    "FiscalYear",
    "fiscal_year",
    "period_count_words",
]

_DATA = load("dates")

#: Month names and abbreviations (lower case) -> month number, in calendar order.
MONTHS: dict[str, int] = {k: int(v) for k, v in _DATA["months"].items()}
#: Month names that are also common words ("may", "march"): not months in lower case.
COMMON_WORD_MONTHS: frozenset[str] = wordset("dates", "common_word_months")
#: Past-tense verbs of an act that decides or asks for a figure ("approved", "called"): a
#: day that dates one is the day of the act, not the figure's.
ACT_DAY_VERBS: frozenset[str] = wordset("dates", "act_day_verbs")
#: Nouns of a publication a month or season may date ("the June projections"): that time is
#: the publication's, not its figures' period.
PUBLICATION_NOUNS: frozenset[str] = wordset("dates", "publication_nouns")
#: Words of a level held since a time ("unchanged at 4% since 2019").
LEVEL_HELD_WORDS: frozenset[str] = wordset("dates", "level_held_words")
#: Ordinals of quarters and halves ("first", "2nd") -> their number.
QUARTER_ORDINALS: dict[str, int] = {k: int(v) for k, v in mapping("dates", "quarter_ordinals").items()}
#: Words that count periods -> the count: the cardinals up to twenty ("three years ago")
#: and "a", "a couple of", "several".
PERIOD_COUNTS: dict[str, int] = {
    **{w: int(v) for table in (ONES, TEENS, TENS) for w, v in table.items() if 1 <= v <= 20},
    **{k: int(v) for k, v in _DATA["period_counts"].items()},
}


def _full_and_short() -> tuple[tuple[str, ...], tuple[str, ...]]:
    full: list[str] = []
    short: list[str] = []
    seen: set[int] = set()
    for name, number in MONTHS.items():
        (short if number in seen else full).append(name)
        seen.add(number)
    return tuple(full), tuple(short)


#: The full month names ("january" ... "december") and the abbreviations ("jan", "sept",
#: "sep" ...), each in calendar order (a month's longer abbreviation first).
FULL_MONTHS, MONTH_ABBREVIATIONS = _full_and_short()


def period_count_words() -> list[str]:
    """The cardinals that count periods ("three years"), longest first."""
    return sorted(
        (w for w in PERIOD_COUNTS if w in ONES or w in TEENS or w in TENS), key=lambda w: (-len(w), w)
    )


@dataclass(frozen=True, slots=True)
class FiscalYear:
    """A country's government fiscal year (``data/fiscal_years.toml``): the month it starts
    (1 for a calendar year) and how one named by a single year is labelled (``split``:
    "FY25" is 2024/2025; ``start``: "fiscal 2025" starts in 2025; ``end``: it ends in 2025)."""

    start: int
    label: str

    @property
    def calendar(self) -> bool:
        return self.start == 1

    def named(self, year: int) -> tuple[int, int]:
        """The period (first, last calendar year) of the fiscal year named ``year``."""
        if self.label == "split" and not self.calendar:
            return year - 1, year
        return year, year

    def current(self, ref: Date, offset: int = 0) -> tuple[int, int]:
        """The period of the fiscal year running at ``ref``, moved by ``offset`` years."""
        first = ref.year - (ref.month < self.start) + offset  # the calendar year it starts in
        if self.calendar:
            return first, first
        if self.label == "split":
            return first, first + 1
        year = first + 1 if self.label == "end" else first
        return year, year


_CALENDAR_YEAR = FiscalYear(1, "split")


@cache
def _fiscal_years() -> dict[str, FiscalYear]:
    return {
        cc.upper(): FiscalYear(int(v["start"]), str(v["label"]))
        for cc, v in load("fiscal_years")["countries"].items()
    }


def fiscal_year(country: str | None) -> FiscalYear | None:
    """The fiscal year of ``country`` (ISO 3166 alpha-2); a calendar year for a country not
    listed, ``None`` when the country is unknown."""
    if not country:
        return None
    return _fiscal_years().get(country.upper(), _CALENDAR_YEAR)
