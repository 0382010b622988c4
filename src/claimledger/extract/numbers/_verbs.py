"""Verb lexicons of the ``numbers`` stage, with every inflection (data and one helper).

- ``CHANGE_VERBS``: verbs (and nouns) of change.  After one, "from X to Y" is two figures,
  the old level and the new ("cutting the rate from 12% to 10%", "expand capacity from 77
  to 142 million tonnes"), not a range.
- ``UP_TO_VERBS``: verbs whose particle "up" starts "up to" ("growth to pick up to 5.3%",
  "spending will add up to $5 billion"): the figure is exact, not an upper bound.

Each verb is listed once by its base form; ``inflect`` adds -s, -ed and -ing forms with
English spelling rules, and ``_IRREGULAR`` the irregular ones.
"""

from __future__ import annotations

from claimledger.extract._unitdata import word_set

_VOWELS = "aeiou"
_IRREGULAR: dict[str, str] = {
    "rise": "rose risen",
    "grow": "grew grown",
    "fall": "fell fallen",
    "go": "went gone",
    "shrink": "shrank shrunk",
    "sink": "sank sunk",
    "slide": "slid",
    "swing": "swung",
    "bring": "brought",
    "take": "took taken",
    "cut": "cut",
    "leap": "leapt",
    "come": "came",
    "speed": "sped",
    "build": "built",
    "set": "set",
    "put": "put",
    "drive": "drove driven",
    "catch": "caught",
    "shoot": "shot",
    "lose": "lost",
    "shed": "shed",
    "split": "split",
}


def inflect(base: str) -> set[str]:
    """The base form, third person, past and present participle of a regular verb."""
    out = {base}
    if base.endswith(("s", "x", "z", "ch", "sh")):
        out.add(base + "es")
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        out.add(base[:-1] + "ies")
    else:
        out.add(base + "s")
    # doubled final consonant of a short stressed syllable: cut -> cutting, drop -> dropped
    double = (
        len(base) <= 4
        and base[-1] not in _VOWELS + "wxy"
        and base[-2:-1] in tuple(_VOWELS)
        and (base[-3:-2] not in tuple(_VOWELS))
    )
    stem = base + base[-1] if double else base
    if base.endswith("e") and not base.endswith("ee"):
        out |= {base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        out |= {base[:-1] + "ied", base + "ing"}
    else:
        out |= {stem + "ed", stem + "ing"}
    out |= set(_IRREGULAR.get(base, "").split())
    return out


def _forms(bases: str) -> frozenset[str]:
    return frozenset(f for b in bases.split() for f in inflect(b))


CHANGE_VERBS = _forms(
    """
    rise increase grow fall decrease decline drop climb jump soar surge slide slip plunge
    plummet reduce cut raise lower expand shrink change go move boost improve double triple
    halve narrow widen hike lift ease slash trim scale ramp push bring take revise upgrade
    downgrade adjust tighten extend accelerate slow decelerate rebound recover sink tumble
    edge inch tick creep shift swing deepen contract bump ratchet quadruple dip retreat
    advance shed add lose gain
    """
) | word_set("up down reduction expansion revision upturn downturn")

UP_TO_VERBS = _forms(
    """
    move climb jump go come pick speed catch add sum step ramp scale build tick edge inch
    creep ratchet bump push drive shoot round revise mark pump beef gear power
    """
)
