"""The frame stage's cue words (``resources/data/frame_cues.toml``), compiled once.

Each list of the data file becomes one case-insensitive pattern whose alternatives are
tried longest first and bounded by word edges, so a match quotes the whole cue phrase.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from claimledger.resources.frame import cue_data

__all__ = [
    "MultiScanner",
    "Scanner",
    "Scans",
    "anchored",
    "data",
    "grouped",
    "multi",
    "pattern",
    "phrases",
    "scanner",
]


@cache
def data() -> dict[str, Any]:
    """The parsed ``frame_cues.toml``."""
    d: dict[str, Any] = cue_data()
    return d


def phrases(section: str, name: str) -> tuple[str, ...]:
    """The phrases of list ``name`` in ``[section]``."""
    return tuple(data()[section][name])


def _alternation(items: tuple[str, ...]) -> str:
    # longest first, so "up from" wins over "up"; a phrase's spaces match any white space
    ordered = sorted(items, key=len, reverse=True)
    return "|".join(p.replace(" ", r"\s+") for p in ordered)


@cache
def framed(section: str, names: tuple[str, ...], before: str, after: str) -> re.Pattern[str]:
    """The phrases of ``names`` in ``[section]`` as one case-insensitive pattern,
    ``before`` + alternation + ``after``; the alternation is the named group ``cue``."""
    items: tuple[str, ...] = ()
    for n in names:
        items += phrases(section, n)
    return re.compile(before + "(?P<cue>" + _alternation(items) + ")" + after, re.I)


def pattern(section: str, *names: str) -> re.Pattern[str]:
    """One pattern for the phrases of ``names`` in ``[section]``, bounded by word edges."""
    return framed(section, names, r"(?<![\w-])", r"(?![\w-])")


def anchored(section: str, *names: str) -> re.Pattern[str]:
    """Like :func:`pattern`, matched only as the whole of a gap between two figures."""
    return framed(section, names, r"^[\s,;:–—-]*", r"[\s,;:–—-]*$")


@cache
def grouped(section: str, *names: str) -> re.Pattern[str]:
    """One pattern for several lists of ``[section]``, each list a numbered group
    (``g0``, ``g1``, ... in the order of ``names``): ``m.lastgroup`` says which list matched.
    A text is then read once for all of them."""
    return _grouped_of(tuple(phrases(section, n) for n in names))


# --- reading a sentence at its word starts ---------------------------------------------
#
# A cue pattern of a hundred alternatives is slow when tried at every character of a text
# (Python's ``re`` tries each alternative in turn).  A scanner tries it only at the starts
# of words that can open one of its phrases.  Each phrase's possible first words are
# worked out from the phrase itself: whole words ("from", "year"), or stems when the
# phrase goes on inside the word ("averag(?:e|ed)", "assumes?", "annuali[sz]ed").

#: Letters of a word used to look up the stems that may open a phrase.
STEM_LETTERS = 3


def _leads(phrase: str) -> tuple[set[str], set[str]] | None:
    """``(words, stems)`` that may open ``phrase``, or None when it may open with
    something else than a word (a bracket, a class, a symbol)."""
    words: set[str] = set()
    stems: set[str] = set()
    rest = phrase.replace("\\.?", "").replace("\\.", "")  # "vs\\.?", "e\\.g\\." are "vs", "eg" as words
    while True:
        m = re.match(r"[A-Za-z0-9]+", rest)
        if m:
            w = m.group().lower()
            nxt = rest[m.end() : m.end() + 2]
            if nxt[:1] in ("?", "*"):
                if len(w) == 1:
                    return None
                stems.add(w[:-1])
            elif nxt[:1] == "(" or (nxt[:1] == "[" and nxt[1:2].isalpha()):
                stems.add(w)
            else:
                words.add(w)
            return words, stems
        if rest.startswith("(?:"):
            k = _closing(rest)
            optional = rest[k + 1 : k + 2] in ("?", "*")
            for alt in _split_top(rest[3:k]):
                sub = _leads(alt)
                if sub is None:
                    return None
                words |= sub[0]
                stems |= sub[1]
            if not optional:
                return words, stems
            rest = rest[k + 2 :].lstrip()
            continue
        return None


def _closing(s: str) -> int:
    """The index of the bracket that closes the one ``s`` opens with."""
    depth = 0
    for k, ch in enumerate(s):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return k
    return len(s) - 1


def _split_top(s: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in s:
        if ch == "|" and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        cur += ch
    parts.append(cur)
    return parts


class Scanner:
    """The phrases of cue lists, found in a sentence by trying, at each word start that can
    open a phrase, a pattern of only the phrases that word can open (everywhere, with the
    whole pattern, when a phrase may open otherwise)."""

    __slots__ = ("by_stem", "by_word", "names", "section", "stems", "words")

    def __init__(self, section: str, names: tuple[str, ...]) -> None:
        self.names = names
        self.section = section
        words: dict[str, list[list[str]]] | None = {}
        stems: dict[str, list[list[str]]] = {}
        for k, n in enumerate(names):
            for p in phrases(section, n):
                lead = _leads(p)
                if lead is None or words is None:
                    words = None
                    break
                for w in lead[0]:
                    words.setdefault(w, [[] for _ in names])[k].append(p)
                for st in lead[1]:
                    stems.setdefault(st, [[] for _ in names])[k].append(p)
        self.words = None if words is None else frozenset(words)
        self.stems = frozenset(stems)
        #: lead word (or stem) -> the pattern of the phrases it can open
        self.by_word = {} if words is None else {w: _Lazy(ps) for w, ps in words.items()}
        self.by_stem = {st: _Lazy(ps) for st, ps in stems.items()}

    def finditer(self, text: str, ws: list[tuple[int, int, str]], a: int, b: int) -> list[re.Match[str]]:
        """The matches in ``text[a:b]``, none overlapping; ``ws`` are the words of a span
        holding it (from ``_gazetteer.words``)."""
        return multi_of((self,)).scan(text, ws, a, b).of(0)

    @property
    def rx(self) -> re.Pattern[str]:
        """The whole pattern (compiled once, on first use)."""
        return grouped(self.section, *self.names)

    def which(self, m: re.Match[str]) -> str:
        """The name of the list a match came from."""
        return self.names[int((m.lastgroup or "g0")[1:])]


class _Lazy:
    """The pattern of the phrases one lead word can open, compiled on first use (most lead
    words of a cue file never occur in a given text)."""

    __slots__ = ("lists", "rx")

    def __init__(self, lists: list[list[str]]) -> None:
        self.lists = lists
        self.rx: re.Pattern[str] | None = None

    def match(self, text: str, pos: int, end: int) -> re.Match[str] | None:
        if self.rx is None:
            self.rx = _grouped_of(self.lists)
        return self.rx.match(text, pos, end)


def _grouped_of(lists: list[list[str]] | tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    """One pattern of phrase lists, list ``k`` as group ``g<k>`` (empty lists left out),
    bounded by word edges."""
    parts = [f"(?P<g{k}>{_alternation(tuple(ps))})" for k, ps in enumerate(lists) if ps]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I)


@cache
def scanner(section: str, *names: str) -> Scanner:
    return Scanner(section, names)


class Scans:
    """What each scanner of a ``MultiScanner`` found in one sentence."""

    __slots__ = ("found",)

    def __init__(self, found: list[list[re.Match[str]]]) -> None:
        self.found = found

    def of(self, k: int) -> list[re.Match[str]]:
        return self.found[k]


class MultiScanner:
    """Scanners run together in one pass over a sentence's words: each word is looked up
    once, whole and by its first letters, for the patterns of the phrases it may open."""

    __slots__ = ("always", "by_stem", "by_word", "scanners", "short")

    def __init__(self, scanners: tuple[Scanner, ...]) -> None:
        self.scanners = scanners
        self.always = tuple(k for k, s in enumerate(scanners) if s.words is None)
        by_word: dict[str, list[tuple[int, _Lazy]]] = {}
        by_stem: dict[str, list[tuple[str, int, _Lazy]]] = {}
        for k, s in enumerate(scanners):
            if s.words is None:
                continue
            for w, rx in s.by_word.items():
                by_word.setdefault(w, []).append((k, rx))
            for st, rx in s.by_stem.items():
                by_stem.setdefault(st[:STEM_LETTERS], []).append((st, k, rx))
        self.by_word = {w: tuple(v) for w, v in by_word.items()}
        self.by_stem = {w: tuple(v) for w, v in by_stem.items()}
        #: stems shorter than STEM_LETTERS ("an?" opens with "a"), looked up by fewer letters
        self.short = any(len(w) < STEM_LETTERS for w in by_stem)

    def scan(
        self, text: str, ws: list[tuple[int, int, str]], a: int, b: int, lows: list[str] | None = None
    ) -> Scans:
        scanners = self.scanners
        found: list[list[re.Match[str]]] = [[] for _ in scanners]
        for k in self.always:
            found[k] = list(scanners[k].rx.finditer(text, a, b))
        ends = [a] * len(scanners)
        by_word = self.by_word
        by_stem = self.by_stem
        if lows is None:
            lows = [w.lower() for _s, _e, w in ws]
        short = self.short
        # only the words that can open a phrase are looked at
        for i in [
            i
            for i, low in enumerate(lows)
            if low in by_word
            or low[:STEM_LETTERS] in by_stem
            or (short and (low[:1] in by_stem or low[:2] in by_stem))
        ]:
            s = ws[i][0]
            if s >= b:
                break
            if s < a:
                continue
            low = lows[i]
            tries = by_word.get(low, ())
            stems = by_stem.get(low[:STEM_LETTERS])
            if len(low) > 1 and short:
                stems = (*(stems or ()), *by_stem.get(low[:1], ()), *by_stem.get(low[:2], ()))
            if stems:
                tries = (*tries, *((k, rx) for st, k, rx in stems if low.startswith(st)))
            for k, rx in tries:
                if s < ends[k]:
                    continue
                m = rx.match(text, s, b)
                if m is not None:
                    found[k].append(m)
                    ends[k] = m.end()
        return Scans(found)


@cache
def multi_of(scanners: tuple[Scanner, ...]) -> MultiScanner:
    return MultiScanner(scanners)


def multi(*specs: tuple[str, tuple[str, ...]]) -> MultiScanner:
    """The ``MultiScanner`` of the scanners ``(section, names)``, in that order (cached)."""
    return multi_of(tuple(scanner(section, *names) for section, names in specs))
