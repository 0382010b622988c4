"""Clause rules of the ``numbers`` stage: what the words around a figure say it is.

Reads: the sentence around atoms that are already built.  Writes: decisions on atoms:

- ``is_time_span``: a duration that only says *when* ("the first decline in eight months",
  "over the next three years", "ended eight years of negative rates") is time, not a
  figure.  A duration that is itself measured stays a figure ("life expectancy reached
  74.4 years", "opened two months ahead of schedule", "a term of 10 years").

- ``subject_noun``: a count whose noun comes before it, as the subject of a verb of
  amount ("Net additional dwellings totalled 234,400", "Tourist arrivals reached 9.2
  million") counts that noun.  Only a plural noun directly before the verb counts, and
  not the names of money or measured aggregates ("exports", "sales", "prices").

Every look is a bounded window of a few words, so the rules keep the stage linear.
"""

from __future__ import annotations

import re

from claimledger.extract import units
from claimledger.extract.numbers._atoms import Atom
from claimledger.resources import numbers as number_words
from claimledger.resources import verbs

_NEXT_WORDS = re.compile(r"\s{1,3}([A-Za-z]{1,12})(?:\s{1,3}([A-Za-z]{1,14}))?")
_PREV_WORDS = re.compile(r"([A-Za-z]{1,14})[\s,]{1,3}$")


def is_time_span(text: str, start: int, a: Atom) -> bool:
    """Is the duration ``a`` the time of another fact rather than a figure?"""
    if units.kind(a.unit) != units.DURATION or a.composite:
        return False  # "in 2 hours 44 minutes": a time measured to the minute, not a span
    n = _NEXT_WORDS.match(text, a.end, a.end + 32)
    w1 = n.group(1).lower() if n else ""
    w2 = ((n.group(2) if n else "") or "").lower()
    if w1 == "old" or (w1, w2) == ("of", "age"):
        return False  # an age: "until around 3 years of age"
    if a.bound in (("over",), ("within",)):
        return True  # "inflation of 5% over 12 months": a preposition, not a bound
    m = _PREV_WORDS.search(text, max(start, a.start - 16), a.start)
    if m is not None and m.group(1).lower() in number_words.TIME_LEAD:
        return True
    if w1 in number_words.TIME_TAIL or (w1 == "in" and w2 == "a"):  # "two years ago", "three years in a row"
        return True
    if w1 == "to" and w2 in number_words.MONTH_AFTER:  # "12 months to June"
        return True
    # "eight years of negative rates", "two decades of growth": how long a state lasted
    return w1 == "of" and w2.isalpha() and w2 not in ("the", "a", "an")


# A plural noun directly before a verb of amount, at the end of the text before a figure.
_SUBJECT_VERB = re.compile(
    r"(?:([A-Za-z]{3,24})\s{1,2})?([A-Za-z]{3,24})\s{1,3}(?:(?:have|has|had)\s{1,3})?(?:totall?ed|totals|numbered|number|reached|"
    r"reach|(?:stood|stand|stands)\s{1,3}at|(?:came|come)\s{1,3}to|amounted\s{1,3}to|"
    rf"{verbs.change_pattern('up', 'down', tenses=('past',))}\s{{1,3}}to|exceeded|topped|hit|were|are)"
    r"\s{1,3}$"
)
#: How far (characters) before a figure its subject and verb are looked for.
SUBJECT_REACH = 50


def subject_noun(text: str, start: int, a: Atom) -> str | None:
    """The counted noun of a bare count from its subject ("dwellings totalled 234,400")."""
    m = _SUBJECT_VERB.search(text, max(start, a.start - SUBJECT_REACH), a.start)
    if m is None:
        return None
    word = m.group(2).lower()
    if word in number_words.COUNT_HEADS and m.group(1):
        # "passenger numbers totalled 45 million": the noun before "numbers" is counted
        head = m.group(1).lower()
        if (
            head in number_words.NOT_HEADS
            or head in number_words.AGGREGATES
            or head + "s" in number_words.AGGREGATES
        ):
            return None  # "the numbers were 5", "export figures reached 7 billion"
        return units.singular(head)
    sing = units.singular(word)
    if sing == word or word in number_words.AGGREGATES:
        return None
    return sing
