"""Words of dates and periods, typed (``data/dates.toml``, read once).

Month names with their numbers (and the regex alternations the grammars use), the ordinals
of quarters, and the words that count periods.  Read by the time grammar and the numbers
stage's date filter.
"""

from __future__ import annotations

from claimledger.resources import load, mapping, wordset
from claimledger.resources.numbers import ONES, TEENS, TENS

__all__ = [
    "COMMON_WORD_MONTHS",
    "FULL_MONTHS",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "PERIOD_COUNTS",
    "QUARTER_ORDINALS",
    "period_count_words",
]

_DATA = load("dates")

#: Month names and abbreviations (lower case) -> month number, in calendar order.
MONTHS: dict[str, int] = {k: int(v) for k, v in _DATA["months"].items()}
#: Month names that are also common words ("may", "march"): not months in lower case.
COMMON_WORD_MONTHS: frozenset[str] = wordset("dates", "common_word_months")
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
