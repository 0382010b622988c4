"""Numbers for messages: "$17,333", "25.1 trillion tenge", "9.7%".

Messages are read by journalists, so figures are written the way a newspaper writes them,
with the currency's symbol or name and a magnitude word for large amounts.
"""

from __future__ import annotations

import re

from claimledger.link import ClaimRecord

_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_NAME = {
    "KZT": "tenge",
    "RUB": "roubles",
    "UZS": "soums",
    "KGS": "som",
    "TJS": "somoni",
    "AZN": "manat",
    "TMT": "manat",
    "GEL": "lari",
    "AMD": "drams",
    "UAH": "hryvnias",
    "TRY": "lira",
    "CNY": "yuan",
    "INR": "rupees",
    "PKR": "rupees",
    "NGN": "naira",
    "KES": "shillings",
    "ZAR": "rand",
    "BRL": "reais",
    "MXN": "pesos",
    "IDR": "rupiah",
    "CHF": "francs",
    "MNT": "tugriks",
}
_UNIT_NAME = {
    "t": "tons",
    "m2": "square meters",
    "km2": "square kilometers",
    "ha": "hectares",
    "m3": "cubic meters",
    "bbl": "barrels",
    "kt": "thousand tons",
    "Mt": "million tons",
}
_MAGS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_LEAD = re.compile(
    r"^(?:almost|nearly|about|around|roughly|approximately|some|over|more than|less than|"
    r"under|at least|at most|up to|close to|just over|just under|fewer than|below|above)"
    r"\s+(?=[$€£¥\d])",
    re.I,
)
_QUAL = {"at_least": "over ", "at_most": "under ", "approx": "about "}


def _num(x: float, digits: int = 3) -> str:
    """A plain number: thousands separators, at most ``digits`` significant decimals."""
    if abs(x) >= 1000 or float(x).is_integer():
        return f"{x:,.0f}"
    s = f"{x:,.{digits}g}" if abs(x) >= 1 else f"{x:.{digits}g}"
    return s


#: A magnitude's mantissa keeps the fewest decimals (up to three) that stay within this
#: share of it: 1.007 trillion stays "1.007 trillion", 98.11 million becomes "98.1 million".
_SHORT_PRECISION = 0.002


def _short(v: float) -> str:
    for d in range(4):
        r = round(v, d)
        if abs(r - v) <= _SHORT_PRECISION * v or d == 3:
            return f"{r:.{d}f}"
    return f"{v:g}"  # pragma: no cover - the loop always returns


def amount(x: float, unit: str | None = None) -> str:
    """``x`` in ``unit`` the way a newspaper writes it."""
    sign = "-" if x < 0 else ""
    a = abs(x)
    body = _num(a)
    for scale, word in _MAGS:
        if a >= scale:
            v = a / scale
            body = f"{v:,.0f}" if v >= 100 else _short(v)
            body = f"{body} {word}"
            break
    if unit is None:
        return sign + body
    if unit in ("%", "pp"):
        return f"{sign}{_num(a)}{'%' if unit == '%' else ' percentage points'}"
    if unit in _SYMBOL:
        return f"{sign}{_SYMBOL[unit]}{body}"
    if unit in _NAME:
        return f"{sign}{body} {_NAME[unit]}"
    if unit in _UNIT_NAME:
        return f"{sign}{body} {_UNIT_NAME[unit]}"
    return f"{sign}{body} {unit}"


def stated(c: ClaimRecord) -> str:
    """A claim's figure as stated: qualifier word, value or range, unit."""
    unit = c.unit
    tail = f" {c.noun}s" if c.noun and not unit else ""
    if c.value is None and c.low is not None and c.high is not None:
        if unit == "%":
            return f"{_num(c.low)}–{_num(c.high)}%"
        return f"{amount(c.low, unit)}–{amount(c.high, unit)}{tail}"
    v = c.point
    if v is None:
        return c.q_text or "?"
    word = _QUAL.get(c.qualifier or "", "")
    lead = _LEAD.match(c.q_text or "")
    if word and lead:  # keep the speaker's own word: "almost", "more than", "nearly"
        word = lead.group(0).lower()
    return f"{word}{amount(v, unit)}{tail}"


def pct(frac: float) -> str:
    """A fraction as a percentage with one decimal: 0.0966 -> "9.7%"."""
    return f"{frac * 100:.1f}%"
