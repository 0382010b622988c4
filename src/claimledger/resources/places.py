"""Countries, their names and their currencies: one table for every stage.

Codes, English names and currencies come from pycountry (ISO 3166) and babel (CLDR);
``data/places.toml`` adds what they do not know: demonyms and informal names ("Kazakh",
"the UAE" as "UAE", "Americans"), the places that put a text in a country ("Astana",
"Ontario"), a few name and currency choices, and world regions and currency unions ("euro
area", "Latin America").

Reads: nothing but the two libraries and the data file, once per process.  Writes:
``Country`` values, found by code or name (``country``), in text (``mentions``) or by
currency (``currency_country``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from claimledger.resources import load
from claimledger.resources.patterns import trie_pattern

__all__ = [
    "Country",
    "Region",
    "countries",
    "country",
    "cue_words",
    "currency_country",
    "mentions",
    "regions",
]


@dataclass(frozen=True, slots=True)
class Country:
    """One country (or territory with an ISO 3166 code)."""

    id: str  # ISO 3166 alpha-3, e.g. "KAZ"
    alpha2: str  # "KZ"
    name: str  # common English name ("South Korea", not "Korea, Republic of")
    currency: str | None  # main ISO 4217 code ("KZT"); None for a territory without one
    names: tuple[str, ...]  # every name, alias and demonym that refers to it, ``name`` first
    #: capitals, cities, provinces and institutions inside it ("Astana", "Kremlin"): words
    #: that place a text in the country without naming it
    places: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Region:
    """A world region or currency union that is no one country ("euro area", "Latin America")."""

    name: str
    currency: str | None
    names: tuple[str, ...]


#: Marks in a name that show it is a list entry, not the name people write ("Korea,
#: Republic of", "Myanmar (Burma)", "Congo - Kinshasa", "Hong Kong SAR China").
_NOT_PLAIN = re.compile(r",|\(|\s-\s|\bSAR\b")
#: Forms this short are words or abbreviations as often as names: matched only as written.
_SHORT = 4


def _plain(name: str | None) -> str | None:
    if not name:
        return None
    name = name.replace(" & ", " and ")
    return None if _NOT_PLAIN.search(name) else name.removeprefix("the ")


def _uniq(items: list[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


@dataclass(frozen=True, slots=True)
class _Table:
    countries: tuple[Country, ...]
    regions: tuple[Region, ...]
    by_key: dict[str, Country]  # lower-cased code, name, alias or demonym -> country
    case_sensitive: frozenset[str]
    international: frozenset[str]


def _country(alpha2: str, alpha3: str, babel_name: str | None, iso: Any, extra: dict[str, Any]) -> Country:
    from babel.numbers import get_territory_currencies

    official = [
        _plain(getattr(iso, "common_name", None)),
        _plain(babel_name),
        _plain(getattr(iso, "name", None)),
        _plain(getattr(iso, "official_name", None)),
    ]
    name = extra.get("name") or next(n for n in [*official, babel_name] if n)
    listed = get_territory_currencies(alpha2)
    currency = extra.get("currency") or (listed[0] if listed else None)
    return Country(
        id=alpha3,
        alpha2=alpha2,
        name=name,
        currency=currency,
        names=_uniq([name, *official, *extra.get("names", [])]),
        places=tuple(extra.get("places", ())),
    )


@cache
def _table() -> _Table:
    import pycountry
    from babel import Locale

    data = load("places")
    english = Locale("en").territories
    extra: dict[str, dict[str, Any]] = data["countries"]
    out: list[Country] = []
    for iso in pycountry.countries:
        out.append(
            _country(iso.alpha_2, iso.alpha_3, english.get(iso.alpha_2), iso, extra.get(iso.alpha_2, {}))
        )
    known = {c.alpha2 for c in out}
    for alpha2, more in extra.items():  # countries pycountry does not list (Kosovo)
        if alpha2 not in known:
            out.append(_country(alpha2, more["alpha3"], english.get(alpha2), None, more))
    out.sort(key=lambda c: c.alpha2)
    by_key: dict[str, Country] = {}
    for c in out:  # codes first: a name never shadows a code
        by_key.setdefault(c.alpha2.lower(), c)
        by_key.setdefault(c.id.lower(), c)
    for c in out:
        for n in c.names:
            by_key.setdefault(n.lower(), c)
    regions = tuple(Region(r["name"], r.get("currency"), tuple(r["names"])) for r in data["regions"])
    return _Table(
        countries=tuple(out),
        regions=regions,
        by_key=by_key,
        case_sensitive=frozenset(data["case_sensitive"]),
        international=frozenset(data["international_currencies"]),
    )


def countries() -> tuple[Country, ...]:
    """Every country, in alpha-2 order."""
    return _table().countries


def regions() -> tuple[Region, ...]:
    """The world regions and currency unions of ``data/places.toml``."""
    return _table().regions


def country(key: str) -> Country | None:
    """The country with this alpha-2 or alpha-3 code, name, alias or demonym (any case)."""
    return _table().by_key.get(key.strip().lower())


@cache
def currency_country(code: str) -> Country | None:
    """The main country of the currency ``code``: KZT -> Kazakhstan, AUD -> Australia.

    None for a currency used far beyond its issuer (USD, EUR: ``international_currencies``
    in the data file) or of a union (every code starting with X: XOF, XAF, XCD), since an
    amount in it says nothing about a country.  A currency several countries use as their
    main one belongs to the country whose alpha-2 code opens it (ISO 4217 codes are built
    that way: CHF -> CH, NOK -> NO, ZAR -> ZA); otherwise to its only user, else None.
    """
    code = code.upper()
    t = _table()
    if code in t.international or code.startswith("X"):
        return None
    users = [c for c in t.countries if c.currency == code]
    issuer = [c for c in users if c.alpha2 == code[:2]]
    if issuer:
        return issuer[0]
    return users[0] if len(users) == 1 else None


def _as_written(form: str, t: _Table) -> bool:
    """Is ``form`` matched only as written ("US", "U.S.", "Turkey")?"""
    return len(form) <= _SHORT or "." in form or form.isupper() or form in t.case_sensitive


Entity = Country | Region


def cue_words(*, places: bool = True) -> dict[str, Entity]:
    """Every form, as written, that points at a country or region: its names, demonyms and
    (with ``places``) its places.  The first country to list a form keeps it."""
    return dict(_cue_words(places))


@cache
def _cue_words(places: bool) -> tuple[tuple[str, Entity], ...]:
    t = _table()
    out: dict[str, Entity] = {}
    for c in t.countries:
        for n in (*c.names, *c.places) if places else c.names:
            out.setdefault(n, c)
    for r in t.regions:
        for n in r.names:
            out.setdefault(n, r)
    return tuple(out.items())


@dataclass(frozen=True, slots=True)
class _Matcher:
    exact: re.Pattern[str] | None  # forms matched only as written
    folded: re.Pattern[str] | None  # forms matched in any case
    exact_of: dict[str, Entity]
    folded_of: dict[str, Entity]


def _bounded(forms: list[str], ignore_case: bool) -> re.Pattern[str] | None:
    if not forms:
        return None
    return re.compile(r"(?<![\w.])" + trie_pattern(forms, ignore_case=ignore_case) + r"(?!\w)")


@cache
def _matcher(ignore_case: bool, places: bool) -> _Matcher:
    t = _table()
    cues = dict(_cue_words(places))
    if ignore_case:
        exact: list[str] = []
        folded = list(cues)
    else:
        exact = [f for f in cues if _as_written(f, t)]
        folded = [f for f in cues if not _as_written(f, t)]
    return _Matcher(
        exact=_bounded(exact, False),
        folded=_bounded(folded, True),
        exact_of={f: cues[f] for f in exact},
        folded_of={f.lower(): cues[f] for f in reversed(folded)},  # the first listed wins
    )


def _spans(text: str, ignore_case: bool, places: bool) -> list[tuple[int, int, Entity]]:
    m = _matcher(ignore_case, places)
    found: list[tuple[int, int, Entity]] = []
    if m.exact is not None:
        found += [(x.start(), x.end(), m.exact_of[x.group()]) for x in m.exact.finditer(text)]
    if m.folded is not None:
        found += [(x.start(), x.end(), m.folded_of[x.group().lower()]) for x in m.folded.finditer(text)]
    found.sort(key=lambda s: (s[0], s[0] - s[1]))
    out: list[tuple[int, int, Entity]] = []
    end = 0
    for s in found:  # longest first at each start; no overlaps
        if s[0] >= end:
            out.append(s)
            end = s[1]
    return out


def mentions(text: str, *, ignore_case: bool = False, places: bool = False) -> list[tuple[int, int, Country]]:
    """Every country named in ``text``: ``(start, end, country)`` in reading order.

    At each position the longest form wins ("South Africa", not "Africa"; "Latin American"
    is a region, not "American"), and mentions never overlap.  Forms of four letters or
    fewer, with a dot, in capitals, or listed as ordinary words too ("Turkey", "China",
    "Polish") match only as written; other names match in any case ("KAZAKHSTAN").
    ``ignore_case`` matches every form in any case (for lower-cased phrases); ``places``
    also counts capitals, cities and provinces ("Astana").  Regions block the words inside
    them but are not returned.
    """
    return [(s, e, c) for s, e, c in _spans(text, ignore_case, places) if isinstance(c, Country)]
