"""Stage ``time.v1``: find time expressions and give each quantity its period.

Reads: text, a sentence span, the document date.  Writes: ``TimeExpr`` objects, and for
each quantity a ``(period, cues)`` pair.
"""

from __future__ import annotations

import re
from datetime import date as Date

from claimledger.models import Quantity, TimeExpr

STAGE = "time.v1"

_YEAR = re.compile(r"\b(?P<prep>by|in|since|until|to)?\s*(?P<y>(?:19|20)\d\d)\b")


def find(text: str, start: int, end: int, ref: Date | None) -> list[TimeExpr]:
    out: list[TimeExpr] = []
    for m in _YEAR.finditer(text, start, end):
        prep = (m.group("prep") or "").lower()
        if prep in ("by", "until", "to"):
            out.append(TimeExpr(m.start(), m.end(), m.group(0), m.group("y"), "deadline"))
        else:
            out.append(TimeExpr(m.start(), m.end(), m.group(0), m.group("y"), "point"))
    return out


def assign(
    text: str, s_start: int, s_end: int, quants: list[Quantity], times: list[TimeExpr]
) -> list[tuple[str | None, list[str]]]:
    out: list[tuple[str | None, list[str]]] = []
    for q in quants:
        best = min(times, key=lambda t: abs(t.start - q.end), default=None)
        if best is None:
            out.append((None, []))
        else:
            out.append((best.period, [f"period:{best.text.strip()}"]))
    return out


def deadline(times: list[TimeExpr]) -> tuple[str | None, list[str]]:
    for t in times:
        if t.role == "deadline":
            return t.period, [f"deadline:{t.text.strip()}"]
    return None, []
