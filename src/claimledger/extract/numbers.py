"""Stage ``numbers.v1``: find quantities in a sentence.

Reads: text and a sentence span.  Writes: ``Quantity`` objects with global offsets.
Years, dates and ordinals used as names are not quantities.
"""

from __future__ import annotations

import dataclasses
import re

from claimledger.models import Quantity

STAGE = "numbers.v1"

_MAG = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_NUM = re.compile(
    r"(?P<cur>\$)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<mag>thousand|million|mln|billion|bn|trillion)\b)?(?P<pct>\s*(?:%|percent\b))?"
)


def find(text: str, start: int, end: int) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _NUM.finditer(text, start, end):
        raw = m.group("num")
        value = float(raw.replace(",", ""))
        if re.fullmatch(r"(19|20)\d\d", raw) and not (m.group("mag") or m.group("pct") or m.group("cur")):
            continue
        if m.group("mag"):
            value *= _MAG[m.group("mag")]
        unit = "%" if m.group("pct") else ("USD" if m.group("cur") else None)
        out.append(Quantity(text=m.group(0), start=m.start(), end=m.end(), value=value, unit=unit))
    return out


def shifted(q: Quantity, offset: int) -> Quantity:
    """The same quantity with its span moved by ``offset`` characters."""
    return dataclasses.replace(q, start=q.start + offset, end=q.end + offset)
