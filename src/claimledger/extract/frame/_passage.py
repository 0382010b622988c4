"""One sentence as the frame stage reads it: its claims, their spans, and its clauses.

A clause here is a stretch of the sentence between clause breaks: ``;``, a dash, a colon,
and a comma or space before a word that opens a new clause ("while", "whereas", "but",
", and", ", against", ", compared with").  Entities and cue words are looked for in the
figure's own clause first.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from claimledger.extract import _tokens  # list_groups: private to the pipeline's relation pass
from claimledger.models import Claim

__all__ = ["LIST_GAP", "Passage", "within"]

H = TypeVar("H", bound=tuple[Any, ...])


def within(hits: list[H], starts: list[int], a: int, b: int) -> list[H]:
    """The hits (tuples opening with start and end, in order of start) inside ``[a, b)``."""
    lo = bisect.bisect_left(starts, a)
    hi = bisect.bisect_left(starts, b, lo)
    return [h for h in hits[lo:hi] if h[1] <= b]


_BREAK = re.compile(
    r";|:\s|\s[—–]\s|—|"
    r",\s*(?=(?:while|whereas|but|although|though|against|compared|versus|and|as\s+against|"
    r"whilst|with)\b)|"
    r"\s(?=(?:while|whereas|whilst)\s)",
    re.I,
)


#: What stands between the items of a list: "5%, 6% and 7%", "Kazakhstan and Uzbekistan".
LIST_GAP = re.compile(r"\s*(?:,|;|&|and|or|,\s*and|as\s+well\s+as)\s*", re.I)


@dataclass(slots=True)
class Passage:
    """A sentence ``text[start:end]`` and its claims, in document order, with each claim's
    span, clause and stretch worked out once."""

    text: str
    start: int
    end: int
    claims: list[Claim]
    #: each claim's own span: its figure, or the sentence for a claim without one
    spans: list[tuple[int, int]] = field(default_factory=list)
    #: offsets where a new clause starts, in order, the sentence start first
    breaks: list[int] = field(default_factory=list)
    #: each claim's clause
    clauses: list[tuple[int, int]] = field(default_factory=list)
    #: each claim's stretch: its clause cut at the figures before and after it
    segments: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, start: int, end: int, claims: list[Claim], offset: int = 0) -> Passage:
        spans = [
            (c.quantity.start - offset, c.quantity.end - offset) if c.quantity is not None else (start, end)
            for c in claims
        ]
        breaks = [start]
        firsts = [a for a, _b in spans]
        for m in _BREAK.finditer(text, start, end):
            k = bisect.bisect_right(firsts, m.start()) - 1
            if k < 0 or m.start() >= spans[k][1]:  # not inside a figure ("5; 6")
                breaks.append(m.end())
        p = cls(text, start, end, claims, spans, breaks)
        p.clauses = [p.clause(a) for a, _b in spans]
        p.segments = [p._segment(i) for i in range(len(spans))]
        return p

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause holding offset ``pos``."""
        k = bisect.bisect_right(self.breaks, pos) - 1
        a = self.breaks[max(k, 0)]
        b = self.breaks[k + 1] if k + 1 < len(self.breaks) else self.end
        return a, b

    def _segment(self, i: int) -> tuple[int, int]:
        a, b = self.clauses[i]
        spans = self.spans
        if i > 0 and spans[i - 1][1] > a and spans[i - 1][1] <= spans[i][0]:
            a = spans[i - 1][1]
        if i + 1 < len(spans) and spans[i + 1][0] < b and spans[i + 1][0] >= spans[i][1]:
            b = spans[i + 1][0]
        return a, b

    def segment(self, i: int) -> tuple[int, int]:
        """Claim ``i``'s own stretch: its clause, cut at the figures before and after it."""
        return self.segments[i]

    def lists(self) -> list[list[int]]:
        """Runs of claims whose figures are written as a list ("5%, 6% and 7%"), as the
        relation pass of the pipeline reads them (``_tokens.list_groups``)."""
        idx = [i for i, c in enumerate(self.claims) if c.quantity is not None]
        quants = [
            replace(q, start=a, end=b)
            for i in idx
            for q in [self.claims[i].quantity]
            if q is not None
            for a, b in [self.spans[i]]
        ]
        return [[idx[k] for k in g] for g in _tokens.list_groups(self.text, quants)]

    def left(self, i: int, reach: int | None = None) -> tuple[int, int]:
        """From claim ``i``'s clause start (at most ``reach`` characters back) to its figure."""
        a = self.spans[i][0]
        c0 = self.clauses[i][0]
        return (c0 if reach is None else max(c0, a - reach)), a
