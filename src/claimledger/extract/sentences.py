"""Stage ``sentences.v1``: split text into sentence spans.

Reads: document text.  Writes: ``(start, end)`` character spans, whitespace-trimmed.
"""

from __future__ import annotations

import re

STAGE = "sentences.v1"

_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[-•*]\s)")


def split(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _BREAK.finditer(text):
        _add(text, pos, m.start(), out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
