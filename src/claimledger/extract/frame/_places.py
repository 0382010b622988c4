"""The country table the frame stage reads: ``claimledger.resources.places`` (pycountry
and babel, with the project's names and demonyms), through a small adapter.

Until that module is on this branch the adapter falls back to pycountry alone (official
names, no demonyms, no currencies), so the stage runs either way with the same API.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = [
    "Place",
    "country",
    "country_forms",
    "currency_country",
    "mentions",
    "place_country",
    "place_names",
    "regions",
]


@dataclass(frozen=True, slots=True)
class Place:
    """A country as the frame stage uses it: ISO alpha-3 id, name, and its place words."""

    id: str
    name: str
    places: tuple[str, ...] = ()


@cache
def _module() -> Any:
    try:
        return importlib.import_module("claimledger.resources.places")
    except ImportError:
        return None


def _as_place(c: Any) -> Place:
    return Place(id=c.id, name=c.name, places=tuple(getattr(c, "places", ()) or ()))


@cache
def _fallback() -> tuple[dict[str, Place], re.Pattern[str]]:
    import pycountry

    by_name: dict[str, Place] = {}
    for iso in pycountry.countries:
        name = getattr(iso, "common_name", None) or iso.name
        p = Place(iso.alpha_3, name)
        for n in (name, iso.name, getattr(iso, "official_name", None)):
            if n and "," not in n and "(" not in n:
                by_name.setdefault(n, p)
    alts = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
    return by_name, re.compile(r"(?<![\w.])(?:" + alts + r")(?!\w)")


@cache
def country_forms() -> tuple[tuple[str, Place, bool], ...]:
    """Every name, alias and demonym of a country: ``(form, country, as_written)``, where
    ``as_written`` marks forms that count only exactly as written ("US", "Turkey")."""
    mod = _module()
    if mod is None:
        by_name, _rx = _fallback()
        return tuple((n, p, len(n) <= 4) for n, p in by_name.items())
    try:
        sensitive = frozenset(load_places().get("case_sensitive", ()))
    except FileNotFoundError:
        sensitive = frozenset()
    out: list[tuple[str, Place, bool]] = []
    for form, c in mod.cue_words(places=False).items():
        if hasattr(c, "alpha2"):
            written = len(form) <= 4 or "." in form or form.isupper() or form in sensitive
            out.append((form, _as_place(c), written))
    return tuple(out)


def load_places() -> dict[str, Any]:
    from claimledger.resources import load

    d: dict[str, Any] = load("places")
    return d


def mentions(text: str, start: int, end: int) -> list[tuple[int, int, Place]]:
    """Countries named in ``text[start:end]`` (spans into ``text``), in order."""
    mod = _module()
    if mod is not None:
        return [(start + a, start + b, _as_place(c)) for a, b, c in mod.mentions(text[start:end])]
    by_name, rx = _fallback()
    return [(m.start(), m.end(), by_name[m.group()]) for m in rx.finditer(text, start, end)]


@cache
def country(key: str) -> Place | None:
    """The country with this code or name."""
    mod = _module()
    if mod is not None:
        c = mod.country(key)
        return None if c is None else _as_place(c)
    import pycountry

    try:
        iso = pycountry.countries.lookup(key)
    except LookupError:
        return None
    return Place(iso.alpha_3, getattr(iso, "common_name", None) or iso.name)


@cache
def currency_country(code: str) -> Place | None:
    """The country whose own currency ``code`` is (KZT -> Kazakhstan); None for USD, EUR."""
    mod = _module()
    if mod is None:
        return None
    c = mod.currency_country(code)
    return None if c is None else _as_place(c)


@cache
def _place_index() -> dict[str, Place]:
    mod = _module()
    out: dict[str, Place] = {}
    if mod is None:
        return out
    for c in mod.countries():
        for n in getattr(c, "places", ()) or ():
            out.setdefault(n.lower(), _as_place(c))
    return out


def place_country(name: str) -> Place | None:
    """The country a place name (a capital, city or province the table lists) is in."""
    return _place_index().get(name.lower())


def place_names(c: Place) -> Sequence[str]:
    """Capitals, cities and provinces the country table lists for ``c``."""
    return c.places


@cache
def regions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """World regions and currency unions: ``(name, names)``."""
    mod = _module()
    if mod is None or not hasattr(mod, "regions"):
        return ()
    return tuple((r.name, tuple(r.names)) for r in mod.regions())
