"""Stage ``kinds.v1``: decide whether a figure is an achievement, status, target or forecast.

Reads: a sentence, a quantity and the sentence's time expressions.  Writes: the kind and
the cues (words of the sentence) that decided it.
"""

from __future__ import annotations

import re

from claimledger.models import Kind, Quantity, TimeExpr

STAGE = "kinds.v1"

_TARGET = re.compile(r"\b(will|plan(?:s|ned)?|aims?|target|goal|intends?)\b", re.I)
_FORECAST = re.compile(r"\b(expected|forecasts?|projected|should|according to)\b", re.I)
_ACHIEVE = re.compile(r"\b(was|were|built|completed|reached|attracted|opened)\b", re.I)


def may_commit(text: str, start: int, end: int) -> bool:
    return _TARGET.search(text, start, end) is not None


def commitment(text: str, start: int, end: int, times: list[TimeExpr]) -> list[str] | None:
    m = _TARGET.search(text, start, end)
    return [f"target:{m.group(0).lower()}"] if m else None


def classify(
    text: str, start: int, end: int, q: Quantity, times: list[TimeExpr]
) -> tuple[Kind, list[str]]:
    for kind, rx in (("forecast", _FORECAST), ("target", _TARGET), ("achievement", _ACHIEVE)):
        m = rx.search(text, start, end)
        if m:
            return kind, [f"{kind}:{m.group(0).lower()}"]  # type: ignore[return-value]
    return "status", []
