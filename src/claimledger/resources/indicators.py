"""The indicator lexicon, typed: which words of a subject name the measured thing.

Reads ``data/indicators.toml`` once.  Used by the link stage to reduce a subject phrase to
its head words, and by the checks that compare subjects.
"""

from __future__ import annotations

from claimledger.resources import load, verbs

__all__ = [
    "ACTOR_WORDS",
    "CENTRAL_SCOPE",
    "DEFAULT_QUALIFIERS",
    "DISPLAY",
    "FILLER",
    "FINANCE_HEADS",
    "GENERIC",
    "IMPLIES_BUDGET",
    "PHRASES",
    "STOP",
    "SYNONYMS",
    "UNIT_WORDS",
    "VERBS",
]

_DATA = load("indicators")

#: Function words.
STOP: frozenset[str] = frozenset(_DATA["stop"])
#: Words that name a measure rather than the measured thing ("the volume of X" is X).
FILLER: frozenset[str] = frozenset(_DATA["filler"])
#: Unit, magnitude and currency words: the dimension carries them, not the subject.
UNIT_WORDS: frozenset[str] = frozenset(_DATA["unit_words"])
#: Verbs and participles of reporting, delivering and changing (every form of the verbs of
#: change that move a figure up or down).
VERBS: frozenset[str] = frozenset(_DATA["verbs"]) | verbs.change_forms("up", "down")
#: Single-word synonyms -> head word.
SYNONYMS: dict[str, str] = dict(_DATA["synonyms"])
#: Multi-word synonyms on singular tokens -> the head words they mean (in file order).
PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    tuple(k.split()): tuple(v.split()) for k, v in _DATA["phrases"].items()
}
#: Words that name who acts, not what is measured ("government", "ministry").
ACTOR_WORDS: frozenset[str] = frozenset(_DATA["actor_words"])
#: Scope words of the central level of government, dropped before a public-finance head.
CENTRAL_SCOPE: frozenset[str] = frozenset(_DATA["central_scope"])
FINANCE_HEADS: frozenset[str] = frozenset(_DATA["finance_heads"])
#: A subject that is only one of these words implies the public budget.
IMPLIES_BUDGET: frozenset[str] = frozenset(_DATA["implies_budget"])
#: Head words that say how something moved, not what moved.
GENERIC: frozenset[str] = frozenset(_DATA["generic"])
#: The qualifier that is the default of a kind of figure, dropped there.
DEFAULT_QUALIFIERS: dict[str, str] = dict(_DATA["default_qualifiers"])
#: Display names for head words that are acronyms.
DISPLAY: dict[str, str] = dict(_DATA["display"])
