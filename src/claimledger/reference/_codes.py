"""What a reference file's codes mean: indicator codes to taxonomy measures, indicator names
to units, and area codes to the entity ids the ledger stores.

Reads the measure taxonomy (``measures.toml``: each measure's ``wdi`` and ``weo`` codes and
its unit dimension), the area table (``areas.toml``) and the country table
(``resources.places``).  Raises the coded errors E051 (unknown indicator), E053 (unit against
measure) and E054 (unknown or mixed-up area code), each naming the file and line.
"""

from __future__ import annotations

import re
from functools import cache

from claimledger.errors import ReferenceDataError
from claimledger.resources import places
from claimledger.resources.taxonomy import area_codes, measures

__all__ = [
    "area",
    "check_unit",
    "measure_dimension",
    "measure_for_code",
    "measure_name",
    "unit_from_code",
    "unit_from_name",
]


@cache
def _by_code() -> dict[str, str]:
    out: dict[str, str] = {}
    for m in measures():
        for scheme in ("wdi", "weo"):
            code = (m.get("codes") or {}).get(scheme)
            if code:
                out[code.upper()] = m["id"]
    return out


@cache
def _names() -> dict[str, str]:
    return {m["id"]: m.get("name", m["id"]) for m in measures()}


def measure_name(measure: str) -> str:
    """The taxonomy's display name of a measure (its id when unknown)."""
    return _names().get(measure, measure)


@cache
def _dimensions() -> dict[str, str]:
    return {m["id"]: m.get("dimension", "other") for m in measures()}


def measure_for_code(code: str) -> str | None:
    """The taxonomy measure whose WDI or WEO code is ``code`` ("NY.GDP.MKTP.CD" ->
    "gdp.nominal_usd"); None when no measure has it."""
    return _by_code().get(code.strip().upper())


def measure_dimension(measure: str) -> str | None:
    """The unit dimension a measure is stated in (``percent``, ``currency``, ``count`` ...);
    None for an id the taxonomy does not have."""
    return _dimensions().get(measure)


#: Unit markers in WDI indicator names: "GDP (current US$)", "Inflation, consumer prices
#: (annual %)", "GDP (current LCU)".  LCU is the country's own currency.
_NAME_UNITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\((?:current|constant(?: \d{4})?) US\$\)", re.I), "USD"),
    (re.compile(r"\((?:current|constant(?: \d{4})?) LCU\)", re.I), "LCU"),
    (re.compile(r"%"), "%"),
    (re.compile(r"^Population\b|\(number\)|\bnumber of\b", re.I), ""),
)


def unit_from_name(name: str) -> str | None:
    """The unit an indicator name states: ``USD``, ``LCU``, ``%`` or ``""`` (a count); None
    when the name says none."""
    for rx, unit in _NAME_UNITS:
        if rx.search(name):
            return unit
    return None


#: WDI series codes end in the unit: CD current US$, KD constant US$, CN/KN current/constant
#: local currency, ZS a percentage share, ZG a growth rate in percent.
_CODE_UNITS = {"CD": "USD", "KD": "USD", "CN": "LCU", "KN": "LCU", "ZS": "%", "ZG": "%"}


def unit_from_code(code: str) -> str | None:
    """The unit a WDI series code's last part states ("NY.GDP.MKTP.CD" -> USD); None when
    the code is not in that form."""
    head, _, tail = code.upper().rpartition(".")
    return _CODE_UNITS.get(tail) if head.count(".") >= 1 else None


#: Which units fit each measure dimension.  A currency is any ISO 4217 code or LCU.
_CURRENCY = re.compile(r"^(?:[A-Z]{3}|LCU)$")


def check_unit(measure: str, unit: str, *, path: str, line: int = 0) -> None:
    """E053 when ``unit`` cannot state ``measure`` (a percentage for GDP in money, dollars
    for an inflation rate)."""
    dim = measure_dimension(measure)
    ok = {
        "currency": _CURRENCY.match(unit) is not None,
        "percent": unit == "%",
        "count": unit == "" or (unit.isalpha() and unit.islower()),
        "ratio": unit in ("", "%"),
    }.get(dim or "", True)
    if not ok:
        shown = unit or "a plain number"
        raise ReferenceDataError(
            "E053", f"{measure} is stated in {dim}, but the series is in {shown}", path=path, line=line
        )


def _aggregates() -> dict[str, str]:
    table: dict[str, str] = area_codes("world_bank")
    return table


def _aliases() -> dict[str, str]:
    table: dict[str, str] = area_codes("sdmx_alias")
    return table


def area(code: str, name: str | None, *, path: str, line: int, alpha2: bool = False) -> str:
    """The entity id the ledger stores for an area code of a file: an ISO 3166 alpha-3 code
    or a World Bank aggregate code.

    ``alpha2`` reads two-letter codes (SDMX publishers' REF_AREA, with their own aliases:
    EL for Greece, U2 for the euro area); otherwise a two-letter code is an error (it was put
    in an alpha-3 column).  With ``name`` (the file's country name column), a code whose
    country is not the named one is a mix-up: E054.
    """
    raw = code.strip()
    up = raw.upper()
    if alpha2 and up in _aliases():
        return _aliases()[up]
    if up in _aggregates():
        return up
    c = places.country(up) if len(up) in (2, 3) and up.isalpha() else None
    if c is None:
        raise ReferenceDataError("E054", f"unknown area code {raw!r}", path=path, line=line)
    if len(up) == 2 and not alpha2:
        raise ReferenceDataError(
            "E054",
            f"{raw!r} is an ISO alpha-2 code ({c.name}); this column holds alpha-3 codes",
            path=path,
            line=line,
        )
    if name:
        named = places.country(name)
        if named is not None and named.id != c.id:
            raise ReferenceDataError(
                "E054",
                f"code {raw!r} is {c.name} ({c.id}), but the row names {name!r} ({named.id})",
                path=path,
                line=line,
            )
    return c.id
