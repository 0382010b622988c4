"""How far from a stated figure the true value may lie and the figure still be right.

Reads a figure as written (its text, value, bounds and qualifier); writes the interval of
values it is consistent with and the reason, for the ``official`` checker.  The width comes
from the figure's stated precision (the last digit it gives: "$259 billion" is to the
billion, "8.6%" to the tenth of a point, "13,000" to the thousand) and its qualifier:

- exact: the value rounds to the figure: +/- half a unit of its last digit;
- approx ("about", "almost", "close to"): +/- one unit of the last digit, and at least
  ``APPROX_REL`` of the value;
- at_least ("over", "more than", "exceeded"): at or above the figure (the value on its
  side, as the gold's labelling rule reads a bound); at_most symmetrically;
- a close bound ("just under 2%", "slightly above 4%"): on its side and within
  ``CLOSE_REL`` of the figure or one unit of its last digit, whichever is wider, but never
  wider than ``MAX_ROUNDING`` of the figure ("just under 2%" is 1.8-2%);
- range ("5.5-7.5%"): between the ends, each widened by half a unit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["APPROX_REL", "CLOSE_REL", "MAX_ROUNDING", "Interval", "interval", "last_digit"]

#: "About", "almost", "nearly" and "close to" allow 3% either side even when the last digit
#: is finer: "about $288 billion" is read by any journalist as right for $280-296 billion,
#: and a reader of "almost 13,000" expects a figure from about 12,600.
APPROX_REL = 0.03

#: Zeros that end a whole number are read as rounding, but never coarser than a tenth of the
#: figure: "13,000" is to the thousand, "$200 billion" to the 20 billion, not the hundred.
MAX_ROUNDING = 0.1

#: How close a close bound is at least: "just over $259 billion" allows up to 3% over.
CLOSE_REL = 0.03

_NUMBER = re.compile(r"\d[\d,\u00a0\u202f ]*(?:\.\d+)?")


def last_digit(text: str, value: float | None) -> float:
    """The size of one unit of the figure's last stated digit, in the units of ``value``.

    "$259 billion" (value 2.59e11) -> 1e9; "8.6%" -> 0.1; "almost 13,000" -> 1000 (zeros
    that end a whole number are read as rounding); a figure in words ("a third") -> the
    value's own magnitude-free unit, 1.
    """
    m = _NUMBER.search(text)
    if m is None:
        return 1.0
    raw = re.sub(r"[,\u00a0\u202f ]", "", m.group(0))
    whole, _, frac = raw.partition(".")
    if frac:
        unit = 10.0 ** -len(frac)
    else:
        stripped = whole.rstrip("0")
        zeros = len(whole) - len(stripped) if stripped else 0
        unit = 10.0**zeros
    try:
        written = float(raw)
    except ValueError:
        return 1.0
    if written and unit > MAX_ROUNDING * abs(written):
        unit = max(1.0, 10.0 ** math.floor(math.log10(MAX_ROUNDING * abs(written))))
    if value is None or written == 0:
        return unit
    # the multiplier the words applied ("billion", "million", thousands separators aside)
    scale = abs(value / written)
    return unit * scale if scale > 0 else unit


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a figure is consistent with: ``low`` to ``high`` (None: unbounded)."""

    low: float | None
    high: float | None
    why: str

    def contains(self, x: float) -> bool:
        return (self.low is None or x >= self.low) and (self.high is None or x <= self.high)

    def gap(self, x: float) -> float:
        """How far ``x`` lies outside the interval (0 inside)."""
        if self.low is not None and x < self.low:
            return self.low - x
        if self.high is not None and x > self.high:
            return x - self.high
        return 0.0

    def scaled(self, factor: float) -> Interval:
        low = None if self.low is None else self.low * factor
        high = None if self.high is None else self.high * factor
        if factor < 0:
            low, high = high, low
        return Interval(low, high, self.why)


def interval(
    text: str,
    value: float | None,
    low: float | None,
    high: float | None,
    qualifier: str,
    *,
    close: bool = False,
) -> Interval | None:
    """The interval of values the figure is consistent with; None when it has no value.
    ``close``: a bound said to be close ("just under")."""
    ref = value if value is not None else low if low is not None else high
    if ref is None:
        return None
    unit = last_digit(text, ref)
    half = unit / 2
    if qualifier == "range" and low is not None and high is not None:
        return Interval(low - half, high + half, f"the range {low:g} to {high:g}, each end to its last digit")
    if qualifier in ("at_least", "at_most") and close:
        w = max(min(unit, MAX_ROUNDING * abs(ref)), CLOSE_REL * abs(ref))
        if qualifier == "at_least":
            return Interval(ref, ref + w, f"just over {ref:g}: up to {w:g} above")
        return Interval(ref - w, ref, f"just under {ref:g}: up to {w:g} below")
    if qualifier == "at_least":
        return Interval(ref, None, f"at least {ref:g}")
    if qualifier == "at_most":
        return Interval(None, ref, f"at most {ref:g}")
    if qualifier == "approx":
        w = max(unit, APPROX_REL * abs(ref))
        return Interval(
            ref - w, ref + w, f"about {ref:g}: within {w:g} (one unit of its last digit, at least 3%)"
        )
    return Interval(ref - half, ref + half, f"{ref:g} as rounded: within {half:g}")
