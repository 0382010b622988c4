"""Jinja filters: how figures, periods and states read on screen.

Reads: values from the query dicts.  Writes: short display strings (templates escape them).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment

from claimledger.models import PROMISE_LABELS

#: Bound qualifiers as words in front of a figure, the way the statements say them.
QUALIFIER_WORDS = {"at_least": "at least", "at_most": "at most", "approx": "about"}
#: Magnitude words for large figures; smaller numbers are shown in full with separators.
MAGNITUDES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
#: Units written straight after the number.
TIGHT_UNITS = ("%",)


def number(v: float | int | None) -> str:
    if v is None:
        return "–"
    f = float(v)
    for size, word in MAGNITUDES:
        if abs(f) >= size:
            return f"{f / size:,.4g} {word}"
    if f.is_integer():
        return f"{int(f):,}"
    return f"{f:,.6g}"


def quantity(q: dict[str, Any] | None) -> str:
    """``over 23.9 trillion KZT``, ``6–8 %``, ``105 school``; ``–`` for no figure."""
    if not q:
        return "–"
    if q.get("value") is None and (q.get("low") is not None or q.get("high") is not None):
        core = f"{number(q.get('low'))}–{number(q.get('high'))}"
    else:
        core = number(q.get("value"))
    word = QUALIFIER_WORDS.get(str(q.get("qualifier")), "")
    unit = q.get("unit") or q.get("noun") or ""
    if unit in TIGHT_UNITS:  # "6–8%", not "6–8 %"
        return " ".join(p for p in (word, core + unit) if p)
    return " ".join(p for p in (word, core, unit) if p)


def status_label(s: str | None) -> str:
    """A promise status in words (``models.PROMISE_LABELS``: "Overdue (no evidence yet)",
    never "due")."""
    return PROMISE_LABELS.get(s or "", (s or "").replace("_", " "))


#: Unit dimensions (``currency:KZT``, ``percent_change``) in words for headings and lists.
DIMENSION_WORDS = {"currency": "money", "percent_change": "% change", "percent": "percent", "count": "count"}


def dimension_label(d: str | None) -> str:
    """``currency:KZT`` -> ``money (KZT)``, ``percent_change`` -> ``% change``: a dimension
    key in words (the key itself stays in the JSON)."""
    if not d:
        return ""
    head, _, tail = d.partition(":")
    words = DIMENSION_WORDS.get(head, head.replace("_", " "))
    return f"{words} ({tail.replace('_', ' ')})" if tail else words


def with_query(params: dict[str, Any], **changes: Any) -> str:
    """A query string from current filters with some changed (empty values dropped)."""
    merged = {**params, **changes}
    clean = {k: v for k, v in merged.items() if v not in (None, "")}
    return ("?" + urlencode(clean)) if clean else "?"


def install(env: Environment) -> None:
    env.filters["number"] = number
    env.filters["quantity"] = quantity
    env.filters["status_label"] = status_label
    env.filters["dimension_label"] = dimension_label
    env.globals["with_query"] = with_query
