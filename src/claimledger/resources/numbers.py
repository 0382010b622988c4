"""The words of the numbers stage, typed (``data/numbers.toml``, read once).

Spelled-out numbers ("twenty", "lakh", "a third"), bound phrases ("more than", "or so") by
the qualifier they give, and the words around a figure that tell a rank, a time span, a
range or a list.  Read by ``extract/numbers/`` and the time grammar.
"""

from __future__ import annotations

from functools import partial

from claimledger.resources import load, mapping, wordset

_DATA = load("numbers")
_words = partial(wordset, "numbers")
_table = partial(mapping, "numbers")


def _numbers(name: str) -> dict[str, float]:
    return {k: float(v) for k, v in _DATA[name].items()}


def _phrases(name: str) -> dict[tuple[str, ...], str]:
    """A table of phrase -> qualifier, keyed by the phrase's words."""
    return {tuple(k.split()): v for k, v in _DATA[name].items()}


# --- spelled ---
ONES: dict[str, int] = {k: int(v) for k, v in _DATA["ones"].items()}
TEENS: dict[str, int] = {k: int(v) for k, v in _DATA["teens"].items()}
TENS: dict[str, int] = {k: int(v) for k, v in _DATA["tens"].items()}
SCALES: dict[str, float] = _numbers("scales")
#: Ordinal words -> the number they denote.  As fraction denominators only from "third"
#: on: "a second" is never a half.
ORDINALS: dict[str, float] = _numbers("ordinals")
#: "first(s)"/"second(s)" close a compound denominator ("three twenty-firsts").
ORD_ONES: dict[str, float] = _numbers("ord_ones")
DOZEN: dict[str, float] = _numbers("dozen")
# --- atoms ---
NOUN_STOP: frozenset[str] = _words("noun_stop")
#: Words next to a hyphenated pair of integers that make it a score ("a 3-4 defeat").
SCORE_WORDS: frozenset[str] = _words("score_words")
MORE: frozenset[str] = _words("more")
#: Words that negate a bound after them ("will not exceed 3%" is at most 3%, "never below
#: 2%" at least 2%); a bound that starts with one is negated already ("no more than").
NEGATORS: frozenset[str] = _words("negators")
#: Bounds that say how close, not which side: "not just over 5%" is no upper bound.
NARROW: frozenset[str] = _words("narrow")
#: Verbs of movement between a negation and a bound: "did not fall below 2%" is at least 2%.
MOVES: frozenset[str] = _words("moves")
TIME_AFTER: frozenset[str] = _words("time_after")
PER_TIME: dict[str, str] = _table("per_time")
EXCHANGE: frozenset[str] = _words("exchange")
# --- clauses ---
#: Words before a duration that make it the time of something else: prepositions of time
#: and the determiners of a stretch of time ("in eight months", "the previous three
#: months", "over the next two years").  "of", "to", "by", "for" and "after" are not here:
#: "a term of 10 years", "rose to 4.2 days", "cut by 3 months", "lasted for 3 years",
#: "failed after three days" measure the duration itself.
TIME_LEAD: frozenset[str] = _words("time_lead")
#: Words after a duration that make it a time reference ("two years ago", "three years
#: earlier", "for six months running", "in the 12 months to June").
TIME_TAIL: frozenset[str] = _words("time_tail")
MONTH_AFTER: frozenset[str] = _words("month_after")
#: Plural nouns that name money or measured aggregates, not things counted one by one: a
#: bare figure after them has a unit left out ("Exports reached 5.2 billion").
AGGREGATES: frozenset[str] = _words("aggregates")
COUNT_HEADS: frozenset[str] = _words("count_heads")
NOT_HEADS: frozenset[str] = _words("not_heads")
# --- combine ---
RANK_BEFORE: frozenset[str] = _words("rank_before")
RANK_AFTER: frozenset[str] = _words("rank_after")
#: A position reached or left by a movement ("slipped to 63rd", "up from 40th last year").
RANK_MOVES: frozenset[str] = _words("rank_moves")
#: Words after an ordinal that leave it a position ("63rd in the index", "40th last year",
#: "17th a year earlier"); any other word makes it a name ("the 21st century", "3rd floor").
RANK_FOLLOW: frozenset[str] = _words("rank_follow")
NAME_DETERMINERS: frozenset[str] = _words("name_determiners")
ORDINAL_WORDS: frozenset[str] = _words("ordinal_words")
DETERMINERS: frozenset[str] = _words("determiners")
#: Words before a lone fraction ("a third", "half") that make it a figure, not an ordinal.
FRACTION_CUES: frozenset[str] = _words("fraction_cues")
RANGE_WORDS: frozenset[str] = _words("range_words")
# --- not figures ---
SECTION_WORDS: frozenset[str] = _words("section_words")
#: Words after which a four-digit number is a year even with a noun after it.
YEAR_PREPS: frozenset[str] = _words("year_preps")
# --- currency context ---
#: A country named after one of these words is a partner, not the owner of the money in
#: the sentence ("exports to Canada", "more than Kenya").
PARTNER_WORDS: frozenset[str] = _words("partner_words")
#: A country named after one of these is where the money is: it owns an amount named
#: after it ("In Pakistan, the budget is Rs 5 trillion"), not one before it ("Apple sold
#: $5 billion in Canada").
PLACE_WORDS: frozenset[str] = _words("place_words")
# --- bounds ---
#: Lower-case references that are never followed by a figure ("section 5 of the Act").
SECTION_LOWER: frozenset[str] = _words("section_lower")
#: Bound and approximation phrases before a number, by qualifier ("at_least", "at_most",
#: "approx"), as word tuples.
BOUNDS: dict[tuple[str, ...], str] = {tuple(p.split()): q for q, ps in _DATA["bounds"].items() for p in ps}
#: Bound phrases after a number ("or more"), as word tuples -> qualifier.
POST_BOUNDS: dict[tuple[str, ...], str] = _phrases("post_bounds")
#: Bound signs glued to a number ("~5", ">10") -> qualifier.
GLUED_BOUNDS: dict[str, str] = _table("glued_bounds")
#: Words after a hyphen that bound a number ("50-plus", "30-odd") -> qualifier.
HYPHEN_BOUNDS: dict[str, str] = _table("hyphen_bounds")
