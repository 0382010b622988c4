"""Regex speed-ups for the language stages: patterns analysed and rewritten so that the
engine does less work, always for the same matches.

- ``caseless_ok``, ``lowered_pattern``, ``LowercaseSearch``: a case-insensitive pattern run
  without re.I over the lower-cased text (the engine no longer folds case at every
  character tried);
- ``required_strings``, ``Prefiltered``, ``lowered_text``: the strings every match of a
  pattern contains, read from the pattern itself; a sentence holding none of them is
  rejected with a substring test instead of a regex search;
- ``first_chars``, ``opening_class``, ``top_alternatives``, ``literal_first``: what can open
  a match, so a grammar can put a look-ahead or a literal first character in front.

Reads: compiled patterns (and their parsed form, from the standard library's regex parser).
Writes: equivalent patterns and search results.
"""

from __future__ import annotations

import re
import re._constants as _sre  # type: ignore[import-not-found]  # the regex parser's own
import re._parser as _sre_parse  # type: ignore[import-not-found]  # (no stubs; sre_parse is deprecated)
import sys
from typing import Any

__all__ = [
    "LowercaseSearch",
    "Prefiltered",
    "caseless_ok",
    "first_chars",
    "literal_first",
    "lowered_pattern",
    "lowered_source",
    "lowered_text",
    "opening_class",
    "required_strings",
    "top_alternatives",
]

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def caseless_ok(seg: str) -> bool:
    """Does matching lower-cased ``seg`` without re.I give what re.I gives on ``seg``?
    Yes when every non-ASCII character is uncased: re.I then folds only A-Z, as lower()
    does, and offsets do not move ("İ" lowers to two characters, "ſ" matches "s")."""
    return seg.isascii() or all(c == c.lower() == c.upper() for c in _NON_ASCII.findall(seg))


_LETTERS_OUTSIDE_SYNTAX = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|[A-Z]+")


def lowered_pattern(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (compiled with re.I) for lower-case text: letters lowered except in
    escapes and group names, compiled without re.I."""
    return re.compile(lowered_source(pattern.pattern), pattern.flags & ~re.I)


def lowered_source(src: str) -> str:
    return _LETTERS_OUTSIDE_SYNTAX.sub(lambda m: m[0] if m[0][0] in "\\(" else m[0].lower(), src)


def first_chars(items: Any) -> tuple[frozenset[str], bool, bool] | None:
    """What can open a match of the parsed pattern ``items``: ``(characters, any digit,
    can match empty)``, or None when the pattern's opening is not this simple."""
    chars: set[str] = set()
    digit = False
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width: the character after it opens the match
        sub: tuple[frozenset[str], bool, bool] | None
        if op is _sre.LITERAL:
            sub = frozenset(chr(av)), False, False
        elif op is _sre.IN:
            found: set[str] = set()
            for o, a in av:
                if o is _sre.LITERAL:
                    found.add(chr(a))
                elif o is _sre.RANGE:
                    found.update(map(chr, range(a[0], a[1] + 1)))
                elif o is _sre.CATEGORY and a is _sre.CATEGORY_DIGIT:
                    digit = True
                else:
                    return None
            sub = frozenset(found), False, False
        elif op is _sre.SUBPATTERN:
            sub = first_chars(av[3])
        elif op is _sre.BRANCH:
            alts = [first_chars(alt) for alt in av[1]]
            if any(a is None for a in alts):
                return None
            known = [a for a in alts if a is not None]
            chars_any = frozenset().union(*(a[0] for a in known))
            sub = chars_any, any(a[1] for a in known), any(a[2] for a in known)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            body = first_chars(av[2])
            sub = None if body is None else (body[0], body[1], body[2] or av[0] == 0)
        else:
            return None
        if sub is None:
            return None
        chars |= sub[0]
        digit |= sub[1]
        if not sub[2]:
            return frozenset(chars), digit, False
    return frozenset(chars), digit, True


def opening_class(chars: frozenset[str], digit: bool) -> str:
    if not chars and not digit:  # nothing can open a match: "[]" would not even compile
        return "(?!)"
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + ("\\d" if digit else "") + "]"


def required_strings(items: Any) -> frozenset[str] | None:
    """Lower-cased strings one of which every match of the parsed pattern ``items``
    contains, or None when no such set is known."""
    cands: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            cands.append(frozenset({"".join(run).lower()}))
            run = []
        req: frozenset[str] | None = None
        if op is _sre.SUBPATTERN:
            req = required_strings(av[3])
        elif op is _sre.ATOMIC_GROUP:
            req = required_strings(av)
        elif op is _sre.BRANCH:
            alts = [required_strings(alt) for alt in av[1]]
            req = frozenset().union(*(a for a in alts if a)) if all(alts) else None
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            req = required_strings(av[2])
        if req:
            cands.append(req)
    if run:
        cands.append(frozenset({"".join(run).lower()}))
    if not cands:
        return None
    # any candidate is necessary; the one with the longest shortest string filters best
    # ("january" adds nothing to "jan")
    best = max(cands, key=lambda c: (min(map(len, c)), -len(c)))
    return frozenset(s for s in best if not any(t != s and t in s for t in best))


def top_alternatives(src: str) -> list[str]:
    """The top-level alternatives of regex source ``src``."""
    out: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 1
        elif c == "[":
            i = src.index("]", i + 2)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(src[start:i])
            start = i + 1
        i += 1
    return [*out, src[start:]]


def literal_first(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The lowered anchor pattern with every alternative opening on a literal character
    ("\\bjan" becomes "j(?<=\\bj)an", "(?:19|20)\\d\\d" becomes "19\\d\\d|20\\d\\d"), the same
    matches: the regex engine then skips the characters no anchor starts with at C speed
    instead of trying every alternative at every position.  Unknown shapes: unchanged."""
    alts: list[str] = []
    for alt in top_alternatives(pattern.pattern):
        if (m := re.fullmatch(r"[a-z]+", alt)) is not None:
            alts.append(alt)
        elif (m := re.fullmatch(r"\\b\(\?:([a-z|]+)\)", alt)) is not None:
            alts += [rf"{w[0]}(?<=\b{w[0]}){w[1:]}" for w in m[1].split("|")]
        elif (m := re.fullmatch(r"\\b\[([a-z]+)\](.*)", alt)) is not None:
            alts += [rf"{c}(?<=\b{c}){m[2]}" for c in m[1]]
        elif (m := re.fullmatch(r"\(\?:([0-9|]+)\)(.*)", alt)) is not None:
            alts += [p + m[2] for p in m[1].split("|")]
        else:
            return pattern
    # one branch per first character (alternatives keep their order within it; two with
    # different first characters never match at the same place)
    by_first: dict[str, list[str]] = {}
    for alt in alts:
        by_first.setdefault(alt[0], []).append(alt[1:])
    branches = [c + (rs[0] if len(rs) == 1 else f"(?:{'|'.join(rs)})") for c, rs in by_first.items()]
    return re.compile("|".join(branches), pattern.flags)


_LAST: tuple[str, str | None] = ("", "")


def lowered_text(text: str, start: int, end: int) -> str | None:
    """``text[start:end]`` lower-cased, or None when lower-casing could hide a match ("ſ"
    matches "s" under re.I).  The last sentence is kept: several stages ask about it."""
    global _LAST
    seg = text[start:end]
    last = _LAST
    if last[0] == seg:
        return last[1]
    low = seg.lower() if caseless_ok(seg) else None
    _LAST = (seg, low)
    return low


class Prefiltered:
    """``pattern`` whose ``search`` first checks for the strings every match contains."""

    __slots__ = ("finder", "pattern", "required")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.required = required_strings(_sre_parse.parse(pattern.pattern, pattern.flags))
        # the required strings as one alternation of literals: one scan at C speed
        self.finder = re.compile("|".join(map(re.escape, sorted(self.required)))) if self.required else None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """What ``pattern.search(text, pos, endpos)`` returns."""
        finder = self.finder
        if finder is not None:
            low = lowered_text(text, pos, endpos)
            if low is not None and finder.search(low) is None:
                return None
        return self.pattern.search(text, pos, endpos)


class LowercaseSearch:
    """A case-insensitive sentence-level ``pattern`` searched in the lower-cased sentence
    without re.I: the same match, found without the engine folding case at every
    character tried.  (Where lower-casing could move offsets or hide a fold, "İ", "ſ",
    ``caseless_ok`` says no and the plain search runs.)"""

    __slots__ = ("low", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.low = lowered_pattern(pattern)

    def find(self, text: str, start: int, end: int) -> str | None:
        """The lower-cased text of ``pattern.search(text, start, end)``, or None."""
        base = max(0, start - 1)  # the character before decides a leading \b
        seg = text[base:end]
        if caseless_ok(seg):
            m = self.low.search(seg.lower(), start - base)
            return None if m is None else m.group(0)
        m = self.pattern.search(text, start, end)
        return None if m is None else m.group(0).lower()
