"""Cheap rejection for the sentence-level regexes of the language stages.

Reads: a compiled pattern, then a text and a sentence span at each ``search``.  Writes:
what ``pattern.search(text, start, end)`` returns.

Every match of such a pattern contains one of a few strings, read from the pattern itself
("according" for "according to the IMF", "respectively"), and a sentence whose lower-cased
text holds none of them cannot match.  Testing a handful of substrings is several times
cheaper than the regex engine trying a case-insensitive alternation at every position, and
most sentences fail the test.
"""

from __future__ import annotations

import re
import re._parser as _sre_parse  # type: ignore[import-not-found]  # (no stubs; sre_parse is deprecated)
import sys

from claimledger.extract._time_grammar import _caseless_ok, _required

__all__ = ["Sifted", "lowered"]

_LAST: tuple[str, str | None] = ("", "")


def lowered(text: str, start: int, end: int) -> str | None:
    """``text[start:end]`` lower-cased, or None when lower-casing could hide a match ("ſ"
    matches "s" under re.I).  The last sentence is kept: several stages ask about it."""
    global _LAST
    seg = text[start:end]
    last = _LAST
    if last[0] == seg:
        return last[1]
    low = seg.lower() if _caseless_ok(seg) else None
    _LAST = (seg, low)
    return low


class Sifted:
    """``pattern`` whose ``search`` first checks for the strings every match contains."""

    __slots__ = ("finder", "pattern", "required")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.required = _required(_sre_parse.parse(pattern.pattern, pattern.flags))
        # the required strings as one alternation of literals: one scan at C speed
        self.finder = re.compile("|".join(map(re.escape, sorted(self.required)))) if self.required else None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """What ``pattern.search(text, pos, endpos)`` returns."""
        finder = self.finder
        if finder is not None:
            low = lowered(text, pos, endpos)
            if low is not None and finder.search(low) is None:
                return None
        return self.pattern.search(text, pos, endpos)
