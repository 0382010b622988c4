"""Changes of a percentage stated against its two levels, for the arithmetic checker:
percentage points against percent (issue 11).

Reads: the figures of one sentence and their frames' stored relations: an amount of change
(``%`` or ``pp``) whose ``change_by`` names a new level in per cent, and that level's
``change_from`` naming the old level in per cent ("the rate rose 2 percent to 8.0% from
5.0%").  Nothing is re-parsed.  Writes ``PointChange`` objects with both readings of the
amount: points (8.0 - 5.0 = 3.0) and per cent (8.0 / 5.0 - 1 = 60%).  An amount in points
has only the first reading; an amount in per cent that fits neither reading is a wrong
figure, one that fits only the points ("rose 3 percent" for 3 points) a wording slip that
misleads (the per cent would be 60%).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from claimledger.checks.base import frame_of, rounding
from claimledger.link import ClaimRecord

#: "about 3 percent" may be off by this share of itself (as in the change grammar).
APPROX_SPAN = 0.10
#: The per-cent reading may be off by this much relative to the implied change beyond the
#: rounding of the levels (the arithmetic checker's tolerance for stated changes).
PERCENT_SLACK = 0.02


@dataclass(frozen=True, slots=True)
class PointChange:
    """A stated change ``amount`` of a percentage from ``old`` to ``new``."""

    amount: ClaimRecord
    new: ClaimRecord
    old: ClaimRecord
    points: float  # |new - old|
    percent: float  # |new / old - 1| * 100
    fits_points: bool
    fits_percent: bool  # always False for an amount in points

    @property
    def fits(self) -> bool:
        return self.fits_points or self.fits_percent

    @property
    def flagged(self) -> bool:
        """Neither reading fits, or per cent is said of a change that is only points."""
        return not self.fits or (self.amount.unit == "%" and not self.fits_percent)


def _related(c: ClaimRecord, rel: str, by_id: Mapping[str, ClaimRecord]) -> ClaimRecord | None:
    f = frame_of(c)
    if f is None:
        return None
    return next((by_id[r.claim] for r in f.relations if r.type == rel and r.claim in by_id), None)


def _half(c: ClaimRecord) -> float:
    """Half a unit of the figure's last written digit, in its own unit."""
    return (c.value or 0.0) * rounding(c)


def _level(c: ClaimRecord | None) -> bool:
    return c is not None and c.unit == "%" and (c.value or 0) > 0 and c.qualifier in ("exact", "approx", None)


def find_point_changes(figs: Sequence[ClaimRecord], by_id: Mapping[str, ClaimRecord]) -> list[PointChange]:
    """Every amount of change of a percentage whose two levels the sentence states."""
    out: list[PointChange] = []
    for a in figs:
        if a.unit not in ("%", "pp") or (a.value or 0) <= 0 or a.qualifier not in ("exact", "approx"):
            continue
        new = _related(a, "change_by", by_id)
        if new is None or not _level(new) or new.sentence != a.sentence:
            continue
        old = _related(new, "change_from", by_id)
        if old is None or not _level(old) or old.sentence != a.sentence or old.id in (a.id, new.id):
            continue
        amt, r, b = a.value or 0.0, new.value or 0.0, old.value or 0.0
        if r == b:
            continue
        wide = APPROX_SPAN * amt if a.qualifier == "approx" else 0.0
        ha, hr, hb = _half(a) + wide, _half(new), _half(old)
        points = abs(r - b)
        fits_points = abs(points - amt) <= ha + hr + hb + 1e-9
        fits_percent = False
        percent = abs(r / b - 1) * 100
        if a.unit == "%":
            # the extremes of the implied change when each level is read as rounded
            ends = [abs((r + x) / (b + y) - 1) * 100 for x in (-hr, hr) for y in (-hb, hb) if b + y > 0]
            lo, hi = min(ends) * (1 - PERCENT_SLACK), max(ends) * (1 + PERCENT_SLACK)
            fits_percent = amt - ha <= hi and amt + ha >= lo
        out.append(PointChange(a, new, old, points, percent, fits_points, fits_percent))
    return out
