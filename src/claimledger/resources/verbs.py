"""Verbs, typed: the verbs of change (by direction) and their inflections.

Reads ``data/verbs.toml`` once.  Every stage that needs to know that "rose", "fell" or
"was cut" states a change asks here, so extract, link and checks read one list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from claimledger.resources import load

__all__ = [
    "CHANGE_CLASSES",
    "MULTIPLIERS",
    "change_forms",
    "change_pattern",
    "forms",
    "up_to_forms",
]

_DATA = load("verbs")
_VOWELS = "aeiou"
#: The tenses ``forms`` can give.
TENSES = ("base", "s", "past", "participle", "ing")
#: The classes of verbs of change in the data file: which way the figure moved.
CHANGE_CLASSES = ("up", "down", "raise", "lower", "multiply", "other")
#: Verbs that move a figure by a factor, every form -> the factor ("doubled" -> 2.0).
MULTIPLIERS: dict[str, float]


def _regular(base: str) -> dict[str, str]:
    """The -s, -ed and -ing forms of a one-word verb, by English spelling rules."""
    if base.endswith(("s", "x", "z", "ch", "sh")) or (base.endswith("o") and base[-2:-1] not in _VOWELS):
        third = base + "es"  # "goes", "vetoes"
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    # doubled final consonant of a short stressed syllable: cut -> cutting, drop -> dropped
    double = (
        len(base) <= 4
        and base[-1] not in _VOWELS + "wxy"
        and base[-2:-1] in tuple(_VOWELS)
        and (base[-3:-2] not in tuple(_VOWELS))
    )
    stem = base + base[-1] if double else base
    if base.endswith("e") and not base.endswith("ee"):
        past, ing = base + "d", base[:-1] + "ing"
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        past, ing = base[:-1] + "ied", base + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    return {"base": base, "s": third, "past": past, "participle": past, "ing": ing}


@cache
def _tensed(verb: str) -> tuple[tuple[str, frozenset[str]], ...]:
    word, _, particle = verb.partition(" ")
    out = {t: {f} for t, f in _regular(word).items()}
    irregular = _DATA["irregular"].get(word)
    if irregular:
        # an irregular verb's past has only its own forms ("rose", not "rised")
        out["past"], out["participle"] = {irregular[0]}, {irregular[-1]}
    tail = " " + particle if particle else ""
    return tuple((t, frozenset(f + tail for f in fs)) for t, fs in out.items())


def forms(verb: str, tenses: Iterable[str] = TENSES) -> frozenset[str]:
    """The forms of ``verb`` ("rise", or phrasal "go up") in ``tenses``: by default all of
    base, -s, past, past participle and -ing ("rise rises rose risen rising")."""
    want = set(tenses)
    return frozenset(f for t, fs in _tensed(verb) if t in want for f in fs)


def _verbs(classes: Iterable[str]) -> list[str]:
    change = _DATA["change"]
    return [v for c in classes for v in (change[c] if c != "multiply" else list(change[c]))]


@cache
def _change_forms(classes: tuple[str, ...], tenses: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f for v in _verbs(classes) for f in forms(v, tenses))


def change_forms(*classes: str, tenses: Iterable[str] = TENSES) -> frozenset[str]:
    """Every form in ``tenses`` of the verbs of change of ``classes`` (all classes when
    none is given): ``change_forms("up", "down", tenses=("past",))`` is "rose", "fell", ..."""
    return _change_forms(tuple(classes or CHANGE_CLASSES), tuple(tenses))


@cache
def change_pattern(*classes: str, tenses: tuple[str, ...] = TENSES) -> str:
    """``change_forms`` as a regex alternation (longest first; spaces match any run of
    white space), for use inside a larger pattern."""
    words = sorted(change_forms(*classes, tenses=tenses), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"


def change_nouns() -> frozenset[str]:
    """Nouns and particles that state a change where a verb would ("a 5% reduction", "up")."""
    return frozenset(_DATA["change"]["nouns"])


def up_to_forms() -> frozenset[str]:
    """Every form of the verbs whose particle "up" starts "up to" ("pick up to 5.3%")."""
    return frozenset(f for v in _DATA["up_to"]["verbs"] for f in forms(v))


MULTIPLIERS = {f: float(k) for v, k in _DATA["change"]["multiply"].items() for f in forms(v)}
