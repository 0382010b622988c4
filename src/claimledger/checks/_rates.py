"""Implied exchange rates, for the arithmetic checker.

Reads: figures converted into another currency ("$460 million (330 million euros)"): the
stored frame relation ``converted_from``, or, without frames, a currency figure in
brackets right after another currency's.  Writes ``Conversion`` objects with the rate
each implies, keyed by the currency pair in one order, so that all conversions of one
pair can be compared: within a text they must agree within the rounding of their
figures; across texts published in the same week, within ``WEEK_TOLERANCE``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimledger.checks.base import frame_of, rounding
from claimledger.link import ClaimRecord

#: Conversions in one text use one rate: beyond the figures' rounding, allow 1%.
TEXT_TOLERANCE = 0.01
#: Texts of one week may use rates of different days: allow 3%.
WEEK_TOLERANCE = 0.03
WEEK_DAYS = 7
_BRACKET = re.compile(r"^\s*\(\s*(?:about\s+|around\s+|some\s+|roughly\s+)?$")


@dataclass(frozen=True, slots=True)
class Conversion:
    """``amount`` converted to ``into``; ``rate`` is units of ``pair[1]`` per ``pair[0]``."""

    amount: ClaimRecord
    into: ClaimRecord
    pair: tuple[str, str]
    rate: float

    @property
    def tolerance(self) -> float:
        return rounding(self.amount) + rounding(self.into)


def _currency(c: ClaimRecord) -> bool:
    return bool(c.unit) and len(c.unit or "") == 3 and (c.unit or "").isupper()


def conversions(figs: Sequence[ClaimRecord], by_id: dict[str, ClaimRecord]) -> list[Conversion]:
    """The conversions stated in one sentence's figures."""
    out: list[Conversion] = []
    ordered = sorted((f for f in figs if f.has_quantity and (f.value or 0) > 0), key=lambda f: f.q_rel[0])
    for i, b in enumerate(ordered):
        if not _currency(b):
            continue
        a: ClaimRecord | None = None
        f = frame_of(b)
        if f is not None:
            src = next((r.claim for r in f.relations if r.type == "converted_from"), None)
            a = by_id.get(src) if src else None
        if a is None and i > 0:
            prev = ordered[i - 1]
            if _BRACKET.match(b.sentence[prev.q_rel[1] : b.q_rel[0]]):
                a = prev
        if a is None or not _currency(a) or a.unit == b.unit or not a.value or not b.value:
            continue
        ua, ub = a.unit or "", b.unit or ""
        rate = b.value / a.value
        if ua > ub:  # one order per pair: EUR per USD and USD per EUR compare
            ua, ub, rate = ub, ua, 1 / rate
        out.append(Conversion(a, b, (ua, ub), rate))
    return out


def apart(x: Conversion, y: Conversion) -> float:
    """How far two conversions' rates are apart, relative to the smaller."""
    lo, hi = sorted((x.rate, y.rate))
    return hi / lo - 1
