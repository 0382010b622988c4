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
from claimledger.extract._unitdata import word_set
from claimledger.extract.numbers._atoms import Atom
from claimledger.resources import verbs

# Words before a duration that make it the time of something else: prepositions of time
# and the determiners of a stretch of time ("in eight months", "the previous three
# months", "over the next two years").  "of", "to", "by", "for" and "after" are not here:
# "a term of 10 years", "rose to 4.2 days", "cut by 3 months", "lasted for 3 years",
# "failed after three days" measure the duration itself.
_TIME_LEAD = word_set(
    """
    in over within during since from the previous past last next first coming preceding
    following same these those recent throughout until till
    """
)
# Words after a duration that make it a time reference ("two years ago", "three years
# earlier", "for six months running", "in the 12 months to June").
_TIME_TAIL = word_set("ago earlier later before after running straight prior")
_NEXT_WORDS = re.compile(r"\s{1,3}([A-Za-z]{1,12})(?:\s{1,3}([A-Za-z]{1,14}))?")
_PREV_WORDS = re.compile(r"([A-Za-z]{1,14})[\s,]{1,3}$")
_MONTH_AFTER = word_set(
    """
    january february march april may june july august september october november december
    """
)


def is_time_span(text: str, start: int, a: Atom) -> bool:
    """Is the duration ``a`` the time of another fact rather than a figure?"""
    if units.kind(a.unit) != units.DURATION:
        return False
    n = _NEXT_WORDS.match(text, a.end, a.end + 32)
    w1 = n.group(1).lower() if n else ""
    w2 = ((n.group(2) if n else "") or "").lower()
    if w1 == "old" or (w1, w2) == ("of", "age"):
        return False  # an age: "until around 3 years of age"
    if a.bound in (("over",), ("within",)):
        return True  # "inflation of 5% over 12 months": a preposition, not a bound
    m = _PREV_WORDS.search(text, max(start, a.start - 16), a.start)
    if m is not None and m.group(1).lower() in _TIME_LEAD:
        return True
    if w1 in _TIME_TAIL or (w1 == "in" and w2 == "a"):  # "two years ago", "three years in a row"
        return True
    if w1 == "to" and w2 in _MONTH_AFTER:  # "12 months to June"
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
# Plural nouns that name money or measured aggregates, not things counted one by one: a
# bare figure after them has a unit left out ("Exports reached 5.2 billion").
_AGGREGATES = word_set(
    """
    exports imports sales revenues receipts earnings reserves assets savings remittances
    deposits loans costs prices rates taxes profits funds investments expenses
    expenditures payments proceeds inflows outflows flows figures numbers levels volumes
    holdings losses gains returns arrears liabilities debts wages salaries tariffs duties
    stocks shares yields emissions totals spending outlays subsidies transfers balances
    accounts results estimates forecasts projections values amounts indices readings
    years months weeks days hours minutes decades times points
    """
)


_COUNT_HEADS = word_set("numbers figures counts")
_NOT_HEADS = word_set(
    """
    the these those their its our his her this that official latest record final new
    preliminary provisional revised total overall annual monthly weekly daily quarterly
    such both all some any other further recent current
    """
)


def subject_noun(text: str, start: int, a: Atom) -> str | None:
    """The counted noun of a bare count from its subject ("dwellings totalled 234,400")."""
    m = _SUBJECT_VERB.search(text, max(start, a.start - SUBJECT_REACH), a.start)
    if m is None:
        return None
    word = m.group(2).lower()
    if word in _COUNT_HEADS and m.group(1):
        # "passenger numbers totalled 45 million": the noun before "numbers" is counted
        head = m.group(1).lower()
        if head in _NOT_HEADS or head in _AGGREGATES or head + "s" in _AGGREGATES:
            return None  # "the numbers were 5", "export figures reached 7 billion"
        return units.singular(head)
    sing = units.singular(word)
    if sing == word or word in _AGGREGATES:
        return None
    return sing
