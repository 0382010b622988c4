"""Stage ``subject.v1``: a short phrase naming what a figure measures.

Reads: a sentence and a quantity.  Writes: a lower-case phrase taken from the sentence.
"""

from __future__ import annotations

import re

from claimledger.models import Quantity

STAGE = "subject.v1"

_WORDS = re.compile(r"[A-Za-z][A-Za-z-]*")


def for_quantity(text: str, start: int, end: int, q: Quantity) -> str:
    words = _WORDS.findall(text, q.end, end)[:3]
    return " ".join(words).lower()


def for_commitment(text: str, start: int, end: int) -> str:
    return " ".join(_WORDS.findall(text, start, end)[:6]).lower()
