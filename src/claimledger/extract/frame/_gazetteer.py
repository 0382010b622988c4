"""A phrase table matched over a sentence's words: names of countries, areas,
organisations and places, found longest first in one pass.

Words are runs of letters and digits (hyphens, apostrophes and spaces separate them, so
"euro-area" is "euro area" and "Kazakhstan's" is "Kazakhstan"); dotted acronyms ("U.S.")
are one word without their dots.  An entry keeps how it must be written: ``any`` case,
``title`` (first letter a capital: "Turkey" the country, not "turkey"), or ``exact``
(an acronym: "US", not "us").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from mypy_extensions import mypyc_attr

__all__ = ["Gazetteer", "Hit", "words"]

T = TypeVar("T")
Case = Literal["any", "title", "exact"]

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+")
#: What may stand between two words of one name: spaces, a hyphen, an apostrophe.
_JOIN = re.compile(r"[\s\-’']*")
#: Longest name, in words, looked for.
MAX_WORDS = 6


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` of each word; ``form`` has no dots ("U.S." -> "US")."""
    stop = len(text) if end is None else end
    out: list[tuple[int, int, str]] = []
    pos = start
    piece = text[start:stop]
    find = text.find
    for w in _WORD.findall(piece):  # findall and find: no match objects, a third faster
        s = find(w, pos, stop)
        pos = s + len(w)
        out.append((s, pos, w.replace(".", "") if "." in w else w))
    return out


def key(name: str) -> str:
    """The lookup key of a name: its words, lower case, one space apart."""
    return " ".join(w for _, _, w in words(name)).lower()


def case_of(name: str) -> Case:
    """How a name must be written in a text to count: acronyms exactly, capitalised names
    with a capital, lower-case names in any case."""
    letters = name.replace(".", "").replace(" ", "")
    if letters.isupper() and len(letters) <= 5:
        return "exact"
    if name[:1].isupper():
        return "title"
    return "any"


@mypyc_attr(native_class=False)  # the compiled build cannot make a generic dataclass native
@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """A name found: its span and the values it names (one per slot, in order of adding)."""

    start: int
    end: int
    values: tuple[T, ...]

    @property
    def value(self) -> T:
        return self.values[0]


class Gazetteer(Generic[T]):
    """Names -> values, found in a text in one left-to-right pass, longest name first.

    A name may carry one value per *slot* (an entity and a measure phrase, say); each
    value keeps how the name must be written for it to count."""

    __slots__ = ("_firsts", "_pairs", "_table")

    def __init__(self, entries: Iterable[tuple[str, T]] = ()) -> None:
        self._table: dict[str, list[tuple[T, Case, str, str]]] = {}
        #: first word -> the lengths (in words) of the names starting with it, longest first
        self._firsts: dict[str, tuple[int, ...]] = {}
        #: the first two words of every name of two words or more
        self._pairs: set[tuple[str, str]] = set()
        for name, value in entries:
            self.add(name, value)

    def add(self, name: str, value: T, case: Case | None = None, slot: str = "") -> None:
        """Add ``name`` for ``value`` in ``slot``; the first value given for a name and
        slot is kept."""
        form = " ".join(w for _, _, w in words(name))
        k = form.lower()
        if not k:
            return
        entries = self._table.setdefault(k, [])
        if any(e[3] == slot for e in entries):
            return
        entries.append((value, case or case_of(name), form, slot))
        self._index(k)

    def _index(self, k: str) -> None:
        parts = k.split(" ")
        if len(parts) <= MAX_WORDS:
            first = parts[0]
            lengths = set(self._firsts.get(first, ())) | {len(parts)}
            self._firsts[first] = tuple(sorted(lengths, reverse=True))
            if len(parts) > 1:
                self._pairs.add((parts[0], parts[1]))

    def merged(self, other: Gazetteer[T]) -> Gazetteer[T]:
        """A new gazetteer with this one's names, then ``other``'s."""
        g: Gazetteer[T] = Gazetteer()
        g._table = {k: list(v) for k, v in self._table.items()}
        g._firsts = dict(self._firsts)
        g._pairs = set(self._pairs)
        for k, entries in other._table.items():
            mine = g._table.setdefault(k, [])
            for e in entries:
                if not any(x[3] == e[3] for x in mine):
                    mine.append(e)
            g._index(k)
        return g

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, name: str) -> bool:
        return key(name) in self._table

    def get(self, name: str) -> T | None:
        hit = self._table.get(key(name))
        return None if not hit else hit[0][0]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit[T]]:
        """The names in ``text[start:end]``, in order, none overlapping."""
        ws = words(text, start, end)
        return self.find_in(text, ws)

    def find_in(
        self, text: str, ws: list[tuple[int, int, str]], lows: list[str] | None = None
    ) -> list[Hit[T]]:
        """:meth:`find` over words already split by :func:`words` (``lows``: their lower
        case forms, when already made)."""
        out: list[Hit[T]] = []
        firsts = self._firsts
        pairs = self._pairs
        table = self._table
        if lows is None:
            lows = [w.lower() for _, _, w in ws]
        n = len(ws)
        free = 0  # the first word not inside a name found
        # only the words that can open a name are looked at
        for i in [i for i, w in enumerate(lows) if w in firsts]:
            if i < free:
                continue
            low = lows[i]
            two = i + 1 < n and (low, lows[i + 1]) in pairs
            for m in firsts[low]:
                if m > n - i or (m > 1 and not two):
                    continue
                k = low if m == 1 else " ".join(lows[i : i + m])
                entries = table.get(k)
                if entries is None or (m > 1 and not self._joined(text, ws, i, m)):
                    continue
                values = tuple(v for v, case, form, _slot in entries if self._case_ok(ws, i, m, case, form))
                if not values:
                    continue
                out.append(Hit(ws[i][0], ws[i + m - 1][1], values))
                free = i + m
                break
        return out

    @staticmethod
    def _joined(text: str, ws: list[tuple[int, int, str]], i: int, m: int) -> bool:
        for j in range(i, i + m - 1):
            a, b = ws[j][1], ws[j + 1][0]
            if b - a > 3 or _JOIN.fullmatch(text, a, b) is None:
                return False
        return True

    @staticmethod
    def _case_ok(ws: list[tuple[int, int, str]], i: int, m: int, case: Case, form: str) -> bool:
        if case == "any":
            return True
        got = ws[i][2]
        if case == "exact":
            return " ".join(w for _, _, w in ws[i : i + m]) == form
        return got[:1].isupper()
