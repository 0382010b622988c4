"""The unit vocabulary (``claimledger.extract.units``), validated against pint and ISO 4217.

Extraction never imports pint (start-up and speed); these tests make sure every symbol it
can emit is a real unit of the dimension its kind claims, so the lexicon cannot drift.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from claimledger.extract import units
from claimledger.extract.numbers._currency_context import country_tables
from claimledger.resources import units as unit_tables


@cache
def ureg() -> Any:
    pint = pytest.importorskip("pint")
    return pint.UnitRegistry()


def _emitted_physical() -> list[str]:
    """Every non-currency symbol the lexicon can produce."""
    syms = {sym for sym, _f in unit_tables.PHYSICAL_WORDS.values()} | {
        sym for sym, _f in unit_tables.PHYSICAL_SYMBOLS.values()
    }
    return sorted(s for s in syms if units.kind(s) != units.CURRENCY)


@pytest.mark.parametrize("symbol", _emitted_physical())
def test_every_physical_symbol_is_a_pint_unit(symbol: str) -> None:
    expr = units.pint_expr(symbol)
    assert expr is not None, f"{symbol!r} has no pint expression"
    ureg().Quantity(1, expr)  # raises if pint does not know it


# Each symbol and a reference unit of the dimension it must measure.
_DIMENSION = {
    "km": "meter", "m": "meter", "mi": "meter", "m2": "meter**2", "ha": "meter**2", "acre": "meter**2",
    "m3": "meter**3", "l": "meter**3", "bbl": "meter**3", "t": "kg", "kg": "kg", "lb": "kg",
    "MW": "watt", "GWh": "joule", "km/h": "meter/second", "°C": "kelvin", "year": "second",
    "d": "second", "bbl/d": "meter**3/second", "t/ha": "kg/meter**2", "Mbit/s": "bit/second",
}  # fmt: skip


@pytest.mark.parametrize(("symbol", "reference"), sorted(_DIMENSION.items()))
def test_symbols_measure_what_they_say(symbol: str, reference: str) -> None:
    expr = units.pint_expr(symbol)
    assert expr is not None
    assert ureg().Quantity(1, expr).dimensionality == ureg().Quantity(1, reference).dimensionality


def test_tonnes_are_metric() -> None:
    # "tons" in statements are metric tonnes; the symbol must be the tonne, not the short ton
    assert ureg().Quantity(1, units.pint_expr("t")).to("kg").magnitude == pytest.approx(1000)
    assert units.match(["tons"]) == units.UnitMatch("t", 1.0, 1)


def test_every_currency_code_is_iso_4217() -> None:
    codes = (
        set(unit_tables.CURRENCY_WORDS.values())
        | set(unit_tables.CURRENCY_PREFIX.values())
        | set(unit_tables.CURRENCY_PREFIX_LOWER.values())
    )
    codes |= {c for c, _f in unit_tables.CURRENCY_SUBUNITS.values()}
    codes |= {c for c in country_tables()[0].values() if c}
    codes |= {c for _default, family in unit_tables.FAMILIES.values() for c in family}
    assert codes <= unit_tables.ISO_CODES, sorted(codes - unit_tables.ISO_CODES)
    assert all(len(c) == 3 and c.isupper() for c in unit_tables.ISO_CODES)


@pytest.mark.parametrize(
    ("tokens", "symbol", "factor", "words"),
    [
        (["tenge"], "KZT", 1.0, 1), (["US", "dollars"], "USD", 1.0, 2), (["dollars"], "USD", 1.0, 1),
        (["pounds", "sterling"], "GBP", 1.0, 2), (["roubles"], "RUB", 1.0, 1), (["renminbi"], "CNY", 1.0, 1),
        (["rupees"], "INR", 1.0, 1), (["cents"], "USD", 0.01, 1), (["pence"], "GBP", 0.01, 1),
        (["%"], "%", 1.0, 1), (["per", "cent"], "%", 1.0, 2), (["percentage", "points"], "pp", 1.0, 2),
        (["square", "metres"], "m2", 1.0, 2), (["sq", "m"], "m2", 1.0, 2), (["m²"], "m2", 1.0, 1),
        (["hectares,"], "ha", 1.0, 1), (["tonnes."], "t", 1.0, 1), (["MW"], "MW", 1.0, 1),
        (["kilowatt-hours"], "kWh", 1.0, 1), (["barrels"], "bbl", 1.0, 1), (["km/h"], "km/h", 1.0, 1),
        (["miles", "per", "hour"], "mph", 1.0, 3), (["degrees", "Celsius"], "°C", 1.0, 2),
        (["(kg)"], "kg", 1.0, 1), (["bcm"], "m3", 1e9, 1), (["MUSD"], "USD", 1e6, 1),
        (["basis", "points"], "pp", 0.01, 2), (["USD"], "USD", 1.0, 1), (["EUR,"], "EUR", 1.0, 1),
    ],
)  # fmt: skip
def test_match(tokens: list[str], symbol: str, factor: float, words: int) -> None:
    m = units.match([*tokens, "of", "the"])
    assert m is not None and (m.symbol, m.factor, m.words) == (symbol, factor, words)


@pytest.mark.parametrize("tokens", [["schools"], ["the"], ["ALL"], ["TOP"], ["people"], [""], ["in"]])
def test_no_unit(tokens: list[str]) -> None:
    m = units.match(tokens)
    assert m is None or m.flag, m  # "in" is only an inch in context (flagged)


@pytest.mark.parametrize(
    ("token", "code"),
    [("$", "USD"), ("US$", "USD"), ("€", "EUR"), ("£", "GBP"), ("₸", "KZT"), ("₽", "RUB"), ("₹", "INR"),
     ("Rs", "INR"), ("USD", "USD"), ("J$", "JMD"), ("TT$", "TTD"), ("c $", "CAD"), ("hk $", "HKD"),
     ("nzd$", "NZD"), ("KSh", "KES"),
     ("ALL", None), ("COP", None), ("the", None)],
)  # fmt: skip
def test_currency_prefix(token: str, code: str | None) -> None:
    assert units.currency_prefix(token) == code


@pytest.mark.parametrize(
    ("symbol", "kind"),
    [("USD", units.CURRENCY), ("USD/bbl", units.CURRENCY), ("%", units.PERCENT), ("pp", units.PERCENT),
     ("°C", units.TEMPERATURE), ("year", units.DURATION), ("km", units.DIMENSION), ("bbl/d", units.DIMENSION),
     (None, None)],
)  # fmt: skip
def test_kind(symbol: str | None, kind: str | None) -> None:
    assert units.kind(symbol) == kind


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("schools", "school"), ("people", "person"), ("branches", "branch"), ("universities", "university"),
     ("akims", "akim"), ("children", "child"), ("taxes", "tax"), ("businesses", "business"),
     ("initiatives", "initiative"), ("lives", "life"), ("buses", "bus"), ("heroes", "hero"),
     ("series", "series"), ("news", "news"), ("status", "status"), ("analysis", "analysis"),
     ("houses", "house"), ("women", "woman"), ("criteria", "criterion"), ("projects", "project"),
     ("economics", "economics"), ("school", "school"), ("companies", "company"), ("boxes", "box"),
     ("clinics", "clinic"), ("statistics", "statistics"), ("topics", "topic")],
)  # fmt: skip
def test_singular(plural: str, singular: str) -> None:
    assert units.singular(plural) == singular


def test_currency_families() -> None:
    for name, (default, family) in unit_tables.FAMILIES.items():
        assert default in family, name
    assert set(unit_tables.FAMILY_WORDS.values()) | set(unit_tables.FAMILY_PREFIXES.values()) <= set(
        unit_tables.FAMILIES
    ) | {unit_tables.LETTER}
    # a one-letter prefix is marked for the magnitude/country test, and names one currency
    for letter in unit_tables.AMBIGUOUS_LETTERS:
        assert (
            unit_tables.FAMILY_PREFIXES[letter] == unit_tables.LETTER
            and units.currency_prefix(letter) in unit_tables.ISO_CODES
        )
    assert (
        units.currency_family("$", prefix=True) == "dollar"
        and units.currency_family("US$", prefix=True) is None
    )
    assert units.currency_family("Rupees,") == "rupee" and units.currency_family("tenge") is None
    currency, cues = country_tables()
    assert all(cc in currency for cc in cues.values())


def test_glued_prefixes_are_explicit() -> None:
    assert units.glued_prefix_ok("USD") and units.glued_prefix_ok("R") and units.glued_prefix_ok("KSh")
    assert (
        not units.glued_prefix_ok("COP")
        and not units.glued_prefix_ok("G")
        and not units.glued_prefix_ok("WA")
    )


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Exports reached 12.4 billion Swedish crowns in March.", "SEK"),
        ("The levy raised 310 million Danish crowns.", "DKK"),
        ("The budget adds 4 billion Norwegian crowns for roads.", "NOK"),
        ("A ticket costs 900 Icelandic kronur.", "ISK"),
        ("The plant cost 2.1 billion Czech crowns.", "CZK"),
        ("Tolls rose to 85 Mexican pesos.", "MXN"),
    ],
)
def test_currency_named_by_country_adjective(sentence: str, code: str) -> None:
    """Regression (currency names in words): a country's adjective before a shared
    currency name ("Danish crowns") names that country's currency, for every family."""
    from claimledger.extract import extract

    (claim,) = extract(sentence, "2025-03-01")
    assert claim.quantity.unit == code


def test_bare_crowns_are_not_money() -> None:
    assert units.match(["crowns"]) is None


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The handset ships with a 4,500 mAh cell.", "mAh"),
        ("Each booster gives 190,000 lbf at lift-off.", "lbf"),
        ("Methane rose to 1,900 parts per billion.", "ppm"),
        ("Ozone peaked at 80 parts per million.", "ppm"),
        ("The galaxy lies 12 million light-years away.", "ly"),
        ("A pulse lasts 250 picoseconds.", "ps"),
        ("The seas stored 20 zettajoules more heat.", "ZJ"),
    ],
)
def test_regression_news_physical_units(sentence: str, unit: str) -> None:
    """Physical units missing from news copy: battery charge, thrust, concentrations,
    astronomical distance and SI-prefixed words (each symbol is checked against pint above)."""
    from claimledger.extract import extract

    (claim,) = extract(sentence, "2025-03-01")
    assert claim.quantity.unit == unit
