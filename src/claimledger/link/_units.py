"""Unit dimensions: which figures can be compared, and on what scale.

Two figures belong to one indicator only when their units measure the same kind of thing.
A small table covers the units statements use; pint (imported lazily, it is slow to load)
resolves anything else.  ``scale`` converts a value to the dimension's base unit so that
"600 MW" and "0.6 GW" compare equal.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from claimledger.resources import units as unit_tables
from claimledger.resources import verbs

#: unit symbol (lower case) -> (dimension, factor to the base unit of that dimension), and
#: pint dimensionality -> dimension for units outside it (resources/data/units.toml).
_TABLE = unit_tables.DIMENSIONS
_PINT_DIMS = unit_tables.PINT_DIMENSIONS


def _is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


@lru_cache(maxsize=256)
def _pint_lookup(unit: str) -> tuple[str, float] | None:
    try:
        import pint
    except ImportError:  # pragma: no cover - pint is a dependency, but stay usable without it
        return None
    try:
        ureg: Any = _registry(pint)
        q = ureg.Quantity(1.0, unit)
        dim = _PINT_DIMS.get(str(q.dimensionality))
        if dim is None:
            return None
        return dim, float(q.to_base_units().magnitude)
    except Exception:  # pint raises many error types for unknown symbols
        return None


@lru_cache(maxsize=1)
def _registry(pint: object) -> object:
    return pint.UnitRegistry()  # type: ignore[attr-defined]


def dimension(unit: str | None, noun: str | None) -> tuple[str, float]:
    """The dimension of a figure and the factor that brings its value to the base unit.

    Currencies give ``currency:XXX``; a rate such as ``USD/bbl`` gives ``rate:USD/bbl``;
    a unit-less count gives ``count:<noun>`` (or ``count`` without a noun).
    """
    if unit:
        u = unit.strip()
        if "/" in u:
            return f"rate:{u}", 1.0
        if _is_currency(u):
            return f"currency:{u}", 1.0
        hit = _TABLE.get(u.lower())
        if hit is None and u.lower().endswith("s"):
            hit = _TABLE.get(u.lower()[:-1])
        if hit is not None:
            return hit
        found = _pint_lookup(u)
        if found is not None:
            return found
        return f"unit:{u}", 1.0
    if noun:
        return f"count:{count_noun(noun)}", 1.0
    return "count", 1.0


def count_noun(noun: str) -> str:
    """A counted noun in the lexicon's words: "visitors" and "tourists" are both tourist."""
    from claimledger.resources.indicators import SYNONYMS
    from claimledger.resources.words import singular

    w = singular(noun.strip().lower())
    return SYNONYMS.get(w, w)


_PCT_OF = re.compile(
    r"^\s*(?:of|in)\s+(?:the\s+)?(?:country's\s+|national\s+|total\s+)?"
    r"(gdp|gross\s+domestic\s+product|total|all|budget|revenues?|exports|imports|population|"
    r"households|workforce|labou?r\s+force)\b",
    re.I,
)
_PCT_OF_BEFORE = re.compile(
    r"\d\s*(?:%|percent|per\s+cent)\s+(?:of|in)\s+(?:the\s+)?"
    r"(?:country's\s+|national\s+|total\s+)?(gdp|gross\s+domestic\s+product|total|budget|revenues?|exports|imports|"
    r"population|households|workforce|labou?r\s+force)\b",
    re.I,
)
_PCT_CHANGE_BEFORE = re.compile(
    rf"\b(?:{verbs.change_pattern('up', 'down')}|up|down|by)\s+(?:by\s+)?"
    r"(?:about|almost|nearly|over|some|around|roughly|more\s+than)?\s*$",
    re.I,
)
_PCT_CHANGE_AFTER = re.compile(
    r"^\s*(?:more|less|higher|lower|up|down|increase|rise|growth|decline|drop|"
    r"year[- ]on[- ]year|y/y|on\s+the\s+year|compared)\b",
    re.I,
)


def percent_kind(sentence: str, start: int, end: int) -> str:
    """Split percentages by what they measure: a change ("grew 6.5%", "15% more than"), a
    share of something ("3.3% of GDP" -> ``percent_of:gdp``) or a level ("inflation of 8%").

    Without this, "exports grew 8.7%" and "exports were 35% of GDP" would share an
    indicator and look like two values of one thing.
    """
    after = sentence[end : end + 40]
    m = _PCT_OF.match(after)
    if m:
        return f"percent_of:{_of_what(m.group(1))}"
    if _PCT_CHANGE_BEFORE.search(sentence[max(0, start - 40) : start]) or _PCT_CHANGE_AFTER.match(after):
        return "percent_change"
    # "3.3% of GDP, compared with a target of 4%": a bare percentage after a share of
    # something in the same sentence is a share of the same thing.
    earlier = list(_PCT_OF_BEFORE.finditer(sentence, 0, start))
    if earlier:
        return f"percent_of:{_of_what(earlier[-1].group(1))}"
    return "percent"


def _of_what(raw: str) -> str:
    what = re.sub(r"\s+", " ", raw.lower())
    return {
        "gross domestic product": "gdp",
        "revenue": "revenues",
        "labor force": "workforce",
        "labour force": "workforce",
        "all": "total",
    }.get(what, what)


def is_level(dim: str) -> bool:
    """True for dimensions whose values are levels that can grow (not rates or shares)."""
    return not (dim.startswith("percent") or dim.startswith("rate:"))
