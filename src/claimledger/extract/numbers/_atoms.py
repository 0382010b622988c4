"""Atoms of the ``numbers`` stage: a numeral grown by its immediate context.

Reads: the text around one numeral.  Writes: an ``Atom`` with the currency prefix, sign
and bound words found on its left, and the magnitude, unit, rate and trailing bound
("or more") on its right.  Returns ``None`` when the context shows the digits are not a
figure (a code such as "WA0049", a compound adjective such as "two-day visit", a time).

All lookups are dict probes on a handful of whitespace-separated chunks (``units``).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar, get_args

from claimledger.extract import units
from claimledger.extract.numbers import _not_figures as not_figures
from claimledger.extract.numbers._spelled import WORD_SET, Parsed, Tok
from claimledger.models import Qualifier
from claimledger.resources import numbers as number_words
from claimledger.resources import verbs
from claimledger.resources.units import COUNT_INVARIANT

#: Verbs (and nouns) of change: after one, "from X to Y" is two figures, the old level and the
#: new ("cutting the rate from 12% to 10%"), not a range.
CHANGE_VERBS = verbs.change_forms() | verbs.change_nouns()
#: Verbs whose particle "up" starts "up to" ("growth to pick up to 5.3%"): the figure is exact.
UP_TO_VERBS = verbs.up_to_forms()

_FEET_BEFORE = re.compile(r"(?:\bft\.?|\bfeet|\bfoot|')\s{0,2}(?:and\s{1,2})?$")
#: How far (characters) to look left and right of a numeral for its context.
WINDOW = 48
#: In a compound adjective ("a 500-bed hospital") a number this large still counts
#: something worth a claim ("a 1,000-bed hospital", "the 100,000-strong army"); smaller
#: ones name a kind of thing ("three-shift schooling", "a 10-point plan").
COMPOUND_COUNT_MIN = 1000
#: How far (characters) before "from" a change verb is looked for: a verb, its object and
#: a modifier ("reduce the share of imports in consumption from 40% to 25%").
CHANGE_REACH = 60

_PLUS_MINUS = re.compile(r"\s{0,2}(?:±|\+/-|\+-)\s{0,2}\d{1,12}(?:\.\d{1,12})?(?:[eE][-+]?\d{1,3})?")
_PERCENT_OF = (["percent", "of"], ["percents", "of"], ["percentage", "of"])


def _is_numword(words: list[str], n: int) -> bool:
    """Is the word before the last ``n`` a number word ("ten percent of ...")?"""
    return len(words) > n and words[-n - 1] in WORD_SET


_CHUNK = re.compile(r"[^\s,;]{1,40}[,;]?")

K = TypeVar("K")
_QUALIFIERS: dict[str, Qualifier] = {q: q for q in get_args(Qualifier)}


def _qualified(table: Mapping[K, str]) -> dict[K, Qualifier]:
    """A table of phrase -> qualifier name from the data, with the names checked."""
    return {k: _QUALIFIERS[q] for k, q in table.items()}


# Bound and approximation phrases before a number (lower case, as word tuples), and bound
# signs glued to a number ("~5", ">10"): resources/data/numbers.toml.
_BOUNDS = _qualified(number_words.BOUNDS)
_GLUED_BOUND = _qualified(number_words.GLUED_BOUNDS)
# Last words before a number that can change it: bound phrases, "of" ("percent of 10"),
# sign words and the starts of ranges.  Anything else needs no further look.
#: Dashes that join the two ends of a range written with its sign on both ("2%-3%").
_DASHES = frozenset("-–—‐")
_LEFT_CUES = frozenset([k[-1] for k in _BOUNDS] + ["of", "minus", "negative", "between", "from"])
_POST_BOUNDS = _qualified(number_words.POST_BOUNDS)
_POST_FIRST = frozenset(k[0] for k in _POST_BOUNDS)
_UP_TO = re.compile(r"\s{1,3}to\b")
_HYPHEN_BOUNDS = _qualified(number_words.HYPHEN_BOUNDS)
_PUNCT_TRAIL = ".,;:!?)]}\"'”’»"


@dataclass(slots=True)
class Atom:
    """A numeral grown into a quantity candidate (mutable while the stage runs)."""

    start: int  # span start, bound words and currency prefix included
    end: int  # span end, magnitude, unit, rate and "or more" included
    nstart: int  # the numeral itself
    nend: int
    value: float
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    unit: str | None = None
    noun: str | None = None
    power: int = 0  # magnitude applied (power of ten) by an abbreviation
    scaled: bool = False  # any magnitude (spelled or abbreviated)
    prefix_currency: bool = False
    raw: str = ""  # the digits as written, for year/date tests ("" for words)
    words: bool = False
    ordinal: bool = False
    rank: bool = False
    hyphen_tail: bool = False  # "-8" of "6-8": only valid as the end of a range
    between: bool = False  # preceded by "between"
    from_: int = -1  # start of a preceding "from", or -1
    change: bool = False  # a change verb precedes ("rose from 5% to 7%")
    linked: bool = False  # unit/magnitude shared with a list neighbour
    int_like: bool = False
    mult: float = 1.0  # the magnitude multiplier applied ("2-3 million" shares it)
    bound: tuple[str, ...] = ()  # the bound words before the number ("over",)
    subunit: bool = False  # money written in a sub-unit ("50 cents")
    composite: bool = False  # one measure written in two units ("2 hours 44 minutes")
    family: str | None = None  # a currency name shared by countries ("$", "rupees"): _currency_context
    ahead: Ahead | None = None  # the chunks after the numeral, shared by later look-ups


# --- chunks after a numeral -------------------------------------------------------------


Chunk = tuple[int, int, str]


# A chunk with the separators before it: ``_CHUNK`` matches start exactly where a run of
# whitespace, "," and ";" ends, so one ``findall`` gives every chunk and the gap before it.
_GAP_CHUNK = re.compile(r"([\s,;]*)(" + _CHUNK.pattern + ")")


def _scan_chunks(text: str, pos: int, end: int, n: int) -> tuple[list[Chunk], bool]:
    """Up to ``n`` whitespace-separated chunks from ``pos`` (the first may be glued), and
    whether the list is complete (stopped by a gap or the sentence end, not by ``n``).

    The chunks are ``_CHUNK`` matches; a gap of more than three characters before one ends
    the list."""
    out: list[Chunk] = []
    stop = min(end, pos + WINDOW * 2)
    p = pos
    left = n
    for gap, chunk in _GAP_CHUNK.findall(text, pos, stop):
        if len(gap) > 3:
            return out, True
        p += len(gap)
        q = p + len(chunk)
        out.append((p, q, chunk))
        left -= 1
        if left <= 0:
            return out, False
        p = q
    return out, stop >= end


class Ahead:
    """The chunks after one numeral, scanned once and served to every later look-up.

    Growing an atom asks for the words after it several times (magnitude, unit, rate,
    "or more", the counted noun), each from a later position; rescanning each time was
    the stage's largest cost.
    """

    __slots__ = ("_chunks", "_complete", "_end", "_text")
    CAPACITY = 9

    def __init__(self, text: str, pos: int, end: int) -> None:
        self._text, self._end = text, end
        self._chunks, self._complete = _scan_chunks(text, pos, end, self.CAPACITY)

    def get(self, pos: int, n: int) -> list[Chunk]:
        """What ``_scan_chunks(text, pos, end, n)`` would return."""
        chunks = self._chunks
        k = bisect_left(chunks, (pos,))  # the first chunk at or after pos ((pos,) sorts first)
        if k and chunks[k - 1][1] > pos:  # (chunks are disjoint: only this one can hold pos)
            return _scan_chunks(self._text, pos, self._end, n)[0]  # pos inside a chunk
        if len(chunks) - k < n and not self._complete:
            return _scan_chunks(self._text, pos, self._end, n)[0]
        if k < len(chunks) and chunks[k][0] - pos > 3:
            return []
        return chunks[k : k + n]


def _chunks(text: str, pos: int, end: int, n: int, ahead: Ahead | None = None) -> list[Chunk]:
    if ahead is not None:
        return ahead.get(pos, n)
    return _scan_chunks(text, pos, end, n)[0]


def _strip(chunk: str) -> str:
    return chunk.rstrip(_PUNCT_TRAIL)


def exact_scaled(exact: str | None, mult: float, fallback: float) -> float:
    """Apply a power-of-ten magnitude without binary rounding ("16.4" x 1e6 = 16400000)."""
    if exact and "e" not in exact and "/" not in exact and mult >= 1:
        power = round(math.log10(mult))
        if 10.0**power == mult:
            return float(f"{exact}e{power}")
    return fallback


def build(text: str, start: int, end: int, p: Parsed, group: list[Tok]) -> Atom | None:
    """Grow the numeral ``p`` of ``group`` into an atom, or None if it is not a figure."""
    s, e = group[p.i].start, group[p.j - 1].end
    first = group[p.i]
    single_digits = p.j - p.i == 1 and first.kind == "d"
    raw = first.text if single_digits and first.text.isdigit() else ""
    if raw and not_figures.is_year_digits(raw) and _year_context(text, start, s, e):
        return None  # "in 2024", "by 2029": the time stage's, decided without more work
    if first.kind == "f" and p.j - p.i == 1:
        raw = first.digits  # "2024/25": a fiscal year, tested in keep
    value = p.value
    exact = first.digits if single_digits else None
    if p.scaled and first.kind == "d" and p.j - p.i == 2 and first.digits:
        value = exact_scaled(first.digits, p.mult, value)
    a = Atom(
        start=s,
        end=e,
        nstart=s,
        nend=e,
        value=value,
        words=p.words,
        scaled=p.scaled,
        raw=raw,
        ordinal=p.ordinal,
        int_like=float(value).is_integer() and not p.fraction,
    )
    a.mult = p.mult
    if not _left(text, start, a):
        return None
    return _right(text, start, end, a, exact, p)


def year_token(text: str, start: int, t: Tok) -> bool:
    """Is the lone token ``t`` a year for sure ("in 2024")?  ``build`` gives None for it."""
    if t.kind != "d" or not not_figures.is_year_digits(t.text):  # (four digits: no separators)
        return False
    return _year_context(text, start, t.start, t.end)


_AFTER_YEAR = re.compile(r"(?:[,.;:)]|\s(?:and|or|to|the|a|an|was|were|is|will|when|as)\b|\s*$)")


def _year_context(text: str, start: int, s: int, e: int) -> bool:
    """A year for sure: a year preposition before, and nothing that could be a unit after."""
    if s - start < 3 or text[s - 1] != " ":
        return False
    k = text.rfind(" ", max(start, s - 12), s - 1)
    word = text[k + 1 if k >= 0 else max(start, s - 12) : s - 1].lower()
    if word not in number_words.YEAR_PREPS:
        return False
    return _AFTER_YEAR.match(text, e, min(len(text), e + 6)) is not None


def _number_word_before(text: str, start: int, pos: int) -> bool:
    k = pos
    while k > start and text[k - 1].isalpha():
        k -= 1
    return text[k:pos].lower() in WORD_SET


def _glued_before(text: str, start: int, a: Atom) -> str:
    """The symbols glued before the number ("US$", "(£", "~$", "-$", "nzd$"): a currency
    prefix, a minus before it and a glued bound ("~", ">") are read into ``a``."""
    pos = a.start
    k = pos
    while k > start and not text[k - 1].isspace() and pos - k < 8:
        k -= 1
    glued = text[k:pos]
    rest = glued
    if glued and a.unit is None:
        for n in range(len(glued), 0, -1):
            code = units.currency_prefix(glued[-n:])
            if code is not None:
                a.unit, a.prefix_currency = code, True
                a.start = pos - n
                a.family = units.currency_family(glued[-n:], prefix=True)
                rest = glued[:-n]
                break
    if rest and rest[-1:] in "-−" and a.prefix_currency and a.value > 0:
        a.value = -a.value  # "-$99.99"
        a.start -= 1
        rest = rest[:-1]
    for sym in (rest[-2:], rest[-1:]):
        if sym and sym in _GLUED_BOUND:
            a.qualifier = _GLUED_BOUND[sym]
            a.start -= len(sym)
            break
    return glued


def _left(text: str, start: int, a: Atom) -> bool:
    """Currency prefix, sign and bound words before the numeral.  False: not a figure."""
    s = a.nstart
    c = text[s - 1] if s > start else ""
    if c == " ":
        glued = ""  # the common case: a space before the number, nothing glued to it
    else:
        if c and (c.isalnum() or c == "_"):
            k = s
            while k > start and s - k < 4 and text[k - 1].isalpha():
                k -= 1
            run = text[k:s]
            if k > start and (text[k - 1].isalnum() or text[k - 1] in "_-"):
                return False
            code = units.currency_prefix(run) if run else None
            if code is None or not units.glued_prefix_ok(run):
                return False  # WA0049, i7, G20, A320, COP29: codes and names
            a.unit, a.prefix_currency, a.start = code, True, k
            a.family = units.currency_family(run, prefix=True)
        elif c == "(" and text[a.nend : a.nend + 1] == ")" and _sub_part(text, start, s - 1):
            return False  # "section 2(1)(h)", "sub-section (3)": a part of a law, not a figure
        elif c and c in "#&@№/\\_.":
            return False
        elif c in "–—" and s - 2 >= start and text[s - 2].isdigit():
            a.hyphen_tail = True  # "6–8%", or the "25" of "2024–25"
            return True
        elif c and c in "-−‐":
            c2 = text[s - 2] if s - 2 >= start else ""
            if c2.isdigit() or (c2 == "%" and s - 3 >= start and text[s - 3].isdigit()):
                a.hyphen_tail = True  # "6-8", "2%-3%": the end of a range, not a minus sign
                return True
            if c2.isalpha() and _number_word_before(text, start, s - 1):
                return True  # "three-nought-four": a run of spoken digits
            if c2.isalpha() or (c2 and c2 in "_/"):
                return False  # COVID-19, F-16, L-202
            a.value = -a.value
            a.start = s - 1
        elif c == "+":
            c2 = text[s - 2] if s - 2 >= start else ""
            if c2 and not c2.isspace() and c2 not in "([":
                return False  # J1149.5+6663: part of a code
            a.start = s - 1
        glued = _glued_before(text, start, a)
    # spaced tokens before: "$ 75", "c $ 16.4", "USD 200", "Rs. 500", "more than", "between"
    lo = max(start, a.start - WINDOW)
    words = text[lo : a.start].rsplit(None, 6)[-6:]  # (the last six words, no more split off)
    if not words:
        return True
    if text[a.start - 1 : a.start] == " " and _section_ref(words, text, a.nend):
        return False  # "section 5 of the Act", "clauses 12 and 13", "paragraph 3(b)"
    if words[-1].lower().strip(_OPENERS + ",;:") not in _LEFT_CUES and not (
        units.currency_prefix(words[-1].lstrip(_OPENERS))
        or (len(words) > 1 and units.currency_prefix((words[-2] + " " + words[-1]).lower()))
    ):
        return True  # the common case: an ordinary word before the number
    toks = _positions(text, lo, a.start, words)
    if toks[-1][1] != a.start and a.unit is None and not glued:
        if len(toks) >= 2:
            pair = (toks[-2][2] + " " + toks[-1][2]).lower()
            code = units.currency_prefix(pair)
            if code is not None and toks[-1][1] >= a.start - 2:
                a.unit, a.prefix_currency, a.start = code, True, toks[-2][0]
                toks = toks[:-2]
        if a.unit is None and toks and toks[-1][1] >= a.start - 2:
            tok = toks[-1][2].lstrip(_OPENERS)
            code = units.currency_prefix(tok)
            # "10 rmb 20 usd": a code or word after a number is that number's unit
            if code is not None and tok[:1].isalpha() and len(toks) > 1 and toks[-2][2][-1:].isdigit():
                code = None
            if code is not None:
                a.unit, a.prefix_currency = code, True
                a.start = toks[-1][1] - len(tok)
                a.family = units.currency_family(tok, prefix=True)
                toks = toks[:-1]
    if toks and a.qualifier == "exact":
        words = [t[2].lower().strip("([{\"'“‘,;:") for t in toks[-4:]]
        for n in (4, 3, 2, 1):
            if len(words) < n:
                continue
            q = _BOUNDS.get(tuple(words[-n:]))
            phrasal = words[-n:] == ["up", "to"] and len(words) > n and words[-n - 1] in UP_TO_VERBS
            if q is not None and phrasal:
                q = None  # "moved up to 24th", "to pick up to 5.3%": a phrasal verb, not a bound
            if (
                q is not None
                and q != "approx"
                and words[-n] not in number_words.NEGATORS
                and words[-n] not in number_words.NARROW
            ):
                # "will not exceed 3%", "not to exceed", "cannot be more than", "did not fall
                # below": the other side
                # (the negation stays with the verb group, outside the figure's span)
                w1 = words[-n - 1] if len(words) > n else ""
                w2 = words[-n - 2] if len(words) > n + 1 else ""
                if _negator(w1) or ((w1 in ("to", "be") or w1 in number_words.MOVES) and _negator(w2)):
                    q = "at_most" if q == "at_least" else "at_least"
            if q is not None:
                tok_s = toks[-n][0]
                lead = len(toks[-n][2]) - len(toks[-n][2].lstrip("([{\"'“‘"))
                a.qualifier = q
                a.bound = tuple(words[-n:])
                a.start = tok_s + lead
                toks = toks[:-n]
                break
    if a.unit is None and len(toks) >= 2:
        # "percent of 10", "per cent of twenty-two": an old way to write 10%
        ws = [t[2].lower() for t in toks[-4:]]
        n = 3 if ws[-3:] == ["per", "cent", "of"] else 2 if ws[-2:] in _PERCENT_OF else 0
        if n and (len(toks) == n or not toks[-n - 1][2][-1:].isdigit()) and not _is_numword(ws, n):
            a.unit = "%"
            a.start = toks[-n][0]
            toks = toks[:-n]
    if toks:
        w = toks[-1][2].lower().strip("([{\"'“‘")
        if w in ("minus", "negative") and a.value > 0:
            a.value = -a.value
            a.start = toks[-1][0] + len(toks[-1][2]) - len(w)
            toks = toks[:-1]
    if toks:
        w = toks[-1][2].lower().strip("([{\"'“‘")
        if w == "between":
            a.between = True
            a.from_ = toks[-1][1] - len(w)
        elif w == "from":
            a.from_ = toks[-1][1] - len(w)
            # a change verb a few words back: "cutting the policy rate from 12% to 10%"
            seg = text[max(start, a.from_ - CHANGE_REACH) : a.from_]
            seg = seg[max(seg.rfind(","), seg.rfind(";")) + 1 :]  # within the clause only
            a.change = any(b.strip(":()") in CHANGE_VERBS for b in seg.lower().split()[-8:])
    return True


_OPENERS = "([{\"'“‘"


def _negator(word: str) -> bool:
    return word in number_words.NEGATORS or word.endswith(("n't", "n’t"))


_SECTION_ITEM = re.compile(r"\d{1,7}[A-Za-z]{0,3}(?:[-–]\d{1,7})?(?:\([A-Za-z0-9]{1,4}\)){0,3},?|and|or|to")


_LIST_GOES_ON = re.compile(r"[A-Za-z]{0,3}(?:\([A-Za-z0-9]{1,4}\)){0,3}\s?(?:,|and\b|or\b|to\b|-|–)")


def _section_ref(words: list[str], text: str, nend: int) -> bool:
    """Do the words before a number (ending at ``nend``) name a part of a law ("section",
    "clauses 12 and", "sections 12, 13 and 14")?"""
    if words[-1] in not_figures.SECTION_LOWER:
        return True
    joined = words[-1] in ("and", "or", "to")
    if not joined and not words[-1].endswith(","):
        return False
    # walk back over the items of the list: "sections 12, 13 and", "clauses 4(a), 5,"
    k = len(words) - 2 if joined else len(words) - 1
    while k > 0 and _SECTION_ITEM.fullmatch(words[k]):
        k -= 1
    if k == len(words) - (2 if joined else 1) or words[k] not in not_figures.SECTION_LOWER:
        return False
    if joined:
        return True
    # after a comma, only a list of sections that goes on ("sections 12, 13 and 14"): not
    # "under section 10, 14 licences", "sections 12 and 13, 20 firms", "clauses 4, 5, 30 rules"
    closed = any(w in ("and", "or", "to") for w in words[k + 1 :])
    return words[k].endswith("s") and not closed and _LIST_GOES_ON.match(text, nend) is not None


def _sub_part(text: str, start: int, paren: int) -> bool:
    """Does the "(" at ``paren`` open a numbered part of a section: glued to the section's
    number ("2(1)", "12(b)(3)") or after a section word ("sub-section (3)")?"""
    prev = text[paren - 1] if paren > start else ""
    if prev.isalnum() or prev == ")":
        return True
    words = text[max(start, paren - 16) : paren].split()
    return bool(words) and words[-1].lower() in not_figures.SECTION_LOWER


def _positions(text: str, lo: int, hi: int, words: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` for the last ``words`` of ``text[lo:hi]`` (found backwards)."""
    out: list[tuple[int, int, str]] = []
    p = hi
    for w in reversed(words):
        p = text.rfind(w, lo, p)
        out.append((p, p + len(w), w))
    out.reverse()
    return out


def _right(text: str, start: int, end: int, a: Atom, exact: str | None, p: Parsed) -> Atom | None:
    """Ordinal suffix, magnitude, unit, rate and trailing bound after the numeral."""
    pos = a.nend
    nxt = text[pos : pos + 3]
    if not a.words and nxt[:2].lower() in ("st", "nd", "rd", "th") and not nxt[2:3].isalpha():
        a.ordinal = True
        a.end = pos + 2
        return a
    if (nxt[:1] == "s" and not nxt[1:2].isalpha()) or (nxt[:2] in ("'s", "’s") and a.raw):
        return None  # 1990s, the 30s, 1990's
    ahead = a.ahead = Ahead(text, pos, end)
    mult = a.mult
    pm = _PLUS_MINUS.match(text, pos, end) if "±" in nxt or "+" in nxt else None  # (within 3 characters)
    if pm is not None:  # "2,000.45±0.01 pounds": keep the stated value, mark it approximate
        pos = pm.end()
        a.qualifier = "approx"
    # abbreviated magnitude: 5bn, $5m, 10k, 1.2b, 2.33 k, 1,674,200.5 M
    head_pos, head = pos, ahead.get(pos, units.MAX_WORDS + 1)  # (the unit is looked for there too)
    if not a.words and not p.scaled:
        ch = head[:1]
        if ch:
            cs, _ce, chunk = ch[0]
            tok = _strip(chunk)
            glued = cs == pos
            hit = units.magnitude_abbr(tok)
            spaced_ok = len(tok) > 1 or tok in ("k", "K", "M")
            if tok == "m" and glued and not _is_money(a) and _counted_after(text, cs + 1, end, a):
                hit = (6, False)  # "3.6m barrels", "2m people": millions, not metres
            if hit is None or not (glued or spaced_ok) or (hit[1] and not _is_money(a)):
                hit = None
            if hit is not None:
                power = hit[0]
                a.value = exact_scaled(exact, 10.0**power, a.value * 10.0**power)
                if a.value < 0 and exact and float(exact) > 0:
                    a.value = -abs(a.value)
                a.power, a.scaled = power, True
                mult = 10.0**power
                pos = cs + len(tok)
    a.mult = mult
    a.end = pos  # the numeral and its magnitude; the unit may extend it
    # unit
    if text[pos : pos + 1] in ("-", "‐") and text[pos + 1 : pos + 2].isalpha():
        m = re.match(r"[A-Za-z]+", text[pos + 1 : pos + 30])
        word = m.group() if m else ""
        if word.lower() in _HYPHEN_BOUNDS:  # "40-plus countries", "200-odd delegates"
            a.qualifier = _HYPHEN_BOUNDS[word.lower()]
            a.end = pos + 1 + len(word)
            return a
        if word.lower() in WORD_SET:
            a.end = pos
            return a  # "three-nought-four": a run of numbers, not a compound adjective
        um = units.match([word])
        if um is None or units.kind(um.symbol) == units.DURATION or um.flag:
            if um is not None and um.flag == units.POUND:
                a.unit = "lb"
                a.end = pos + 1 + len(word)
                return a
            if um is None and not a.int_like and not a.words:
                a.end = pos + 1 + len(word)  # "a 6.5-magnitude earthquake": a measurement
                return a
            if um is None and word.lower() == "fold":
                a.end = pos + 5  # "a 3-fold increase": a multiplier
                return a
            if um is None and (a.scaled or _is_money(a) or a.value >= COMPOUND_COUNT_MIN):
                return a  # "a 2 million-strong army", "a 1,000-bed hospital": the number counts
            return None  # three-shift schooling, two-day visit, 10-year-old
        if units.magnitude_word(word) is None:
            _set_unit(a, um.symbol, um.factor)
            a.end = pos + 1 + len(word)
            return _after_unit(text, start, end, a)
        return None
    if (
        text[pos : pos + 1] == "%"
        and text[pos + 1 : pos + 2] in _DASHES
        and text[pos + 2 : pos + 3].isdigit()
    ):
        _set_unit(a, "%", 1.0)  # "2%-3%": the first end of a range, its dash not a minus sign
        a.end = pos + 1
        return a
    q = pos + 1 if text[pos : pos + 2] in (' "', " ″") else pos
    if (
        a.unit is None
        and text[q : q + 1] in ('"', "″")
        and text.count('"', start, a.nstart) % 2 == 0
        and (q == pos or re.match(r'["″] [a-z]', text[q : q + 3]))
    ):
        _set_unit(a, "in", 1.0)  # 10" / 10 " long: inches (not a closing quote)
        a.end = q + 1
        return a
    chunks = head if pos == head_pos else ahead.get(pos, units.MAX_WORDS + 1)
    if a.words and a.value < 1 and chunks and _strip(chunks[0][2]).lower() in ("a", "an", "of"):
        # "half a percentage point", "a third of a mile": the fraction of one unit
        skip = 1
        if _strip(chunks[0][2]).lower() == "of" and len(chunks) > 1 and chunks[1][2].lower() in ("a", "an"):
            skip = 2
        um0 = units.match([c[2] for c in chunks[skip:]])
        if um0 is not None and not um0.flag:
            chunks = chunks[skip:]
    chunks = chunks[: units.MAX_WORDS]
    glued = bool(chunks) and chunks[0][0] == pos
    um = units.match([c[2] for c in chunks]) if chunks else None
    if (
        um is None
        and len(chunks) > 1
        and not glued
        and chunks[0][2].isalpha()
        and chunks[0][2].islower()
        and chunks[0][2] not in number_words.NOUN_STOP
        and len(_strip(chunks[1][2])) > 3
    ):
        # "7,188 route kilometres", "40 million cubic metres": one modifier before a unit word
        um1 = units.match([c[2] for c in chunks[1:]])
        if um1 is not None and not um1.flag and units.kind(um1.symbol) == units.DIMENSION:
            chunks, um = chunks[1:], um1
    if um is not None:
        last = chunks[um.words - 1]
        u_end = last[0] + len(_unit_text(last[2]))
        sym, factor = um.symbol, um.factor
        if um.flag == units.POUND:
            sent = text[start:end]
            if "£" in sent or "sterling" in sent.lower():
                sym = "GBP"
            elif a.scaled:
                sym, a.family = "GBP", "pound"  # "5 billion pounds": Egyptian in Cairo
        elif um.flag == units.INCH:
            after = ahead.get(last[1], 1)
            closes = (
                last[2] != _strip(last[2])
                or not after
                or _strip(after[0][2]).lower()
                in (
                    "thick",
                    "long",
                    "wide",
                    "tall",
                    "high",
                    "deep",
                    "diameter",
                    "across",
                    "thickness",
                )
            )
            if not closes and not _FEET_BEFORE.search(text, max(start, a.nstart - 12), a.nstart):
                return a if not glued else None
        elif um.flag == units.NEEDS_MAGNITUDE and not a.scaled:
            a.end = pos
            return _after_unit(text, start, end, a)
        elif (
            um.flag in (units.AMBIGUOUS, units.NEEDS_MAGNITUDE, 0)
            and um.words == 1
            and units.kind(sym) == units.CURRENCY
        ):
            a.family = a.family or units.currency_family(last[2])  # "dollars", "won", "cents"
        elif um.flag == units.SYMBOL_AFTER:
            after = ahead.get(last[1], 1)
            if after and after[0][2][:1].isdigit() and last[2][-1:] not in ",;":
                return _after_unit(text, start, end, a)  # "$ 20,000.00 $ 37,305.97"
            a.family = a.family or units.currency_family(_strip(last[2]), prefix=True)  # "10 $"
        elif um.flag == units.CLOCK and (
            (a.int_like and 0 < a.value <= 12) or _clocklike(text[a.nstart : a.nend])
        ):
            return None
        if a.prefix_currency and units.kind(sym) != units.CURRENCY:
            return _after_unit(text, start, end, a) if not glued else None
        _set_unit(a, sym, factor)
        a.end = u_end
        if sym == "°":  # "100° Celsius", "24 ° F"
            after = ahead.get(a.end, 2)
            words = [c[2] for c in after]
            tm = units.match(words) if words else None
            if tm is not None and tm.symbol in ("°C", "°F"):
                a.unit = tm.symbol
                last = after[tm.words - 1]
                a.end = last[0] + len(_strip(last[2]))
        # "75 USD million": a spelled magnitude after a currency code
        after = ahead.get(a.end, 1)
        if after and units.kind(sym) == units.CURRENCY and not a.scaled:
            mw = units.magnitude_word(_strip(after[0][2]))
            if mw is not None:
                a.value = exact_scaled(exact, 10.0**mw, a.value * 10.0**mw)
                a.scaled = True
                a.end = after[0][0] + len(_strip(after[0][2]))
        return _after_unit(text, start, end, a)
    if glued:
        tok = _strip(chunks[0][2])
        if tok and (tok[0].isalnum() or tok[0] == "_"):
            return None  # 24703L202, 5G, 3D: a code glued to the number
    if text[pos : pos + 1] == "+" and not text[pos + 1 : pos + 2].isdigit():
        a.qualifier = "at_least"
        a.end = pos + 1
        return a
    a.end = pos
    return _after_unit(text, start, end, a)


def _counted_after(text: str, pos: int, end: int, a: Atom) -> bool:
    """Is the word after ``pos`` a unit or a plural noun ("3.6m barrels", "2m people")?"""
    if text[pos : pos + 1] != " ":
        return False
    nxt = _scan_chunks(text, pos, end, 2)[0]
    if not nxt:
        return False
    word = _strip(nxt[0][2])
    if units.match([c[2] for c in nxt]) is not None:
        return True
    low = word.lower()
    return (
        word.isalpha()
        and low not in number_words.NOUN_STOP
        and (units.singular(low) != low or low in COUNT_INVARIANT)
    )


def _unit_text(chunk: str) -> str:
    t = _strip(chunk)
    if t.endswith(("sq.", "ft.", "km.")) or t in ("p.p", "approx"):
        return t + "." if chunk.startswith(t + ".") else t
    if chunk.startswith(("(", "[", "{", "<")) and len(chunk) > 2:
        close = {"(": ")", "[": "]", "{": "}", "<": ">"}[chunk[0]]
        k = chunk.find(close)
        if k > 0:
            return chunk[: k + 1]
    return t


def _clocklike(s: str) -> bool:
    return re.fullmatch(r"\d{1,2}[.:][0-5]\d", s) is not None


def _is_money(a: Atom) -> bool:
    return a.unit is not None and units.kind(a.unit) == units.CURRENCY


def _set_unit(a: Atom, sym: str, factor: float) -> None:
    if factor < 1.0 and units.kind(sym) == units.CURRENCY:
        a.subunit = True
    if factor != 1.0:
        a.value = float(f"{a.value!r}") * factor
        a.value = float(f"{a.value:.12g}")
        a.scaled = a.scaled or factor > 1
        if factor > 1:
            a.mult *= factor  # "25–47 Mt", "3, 4 and 5 bcm": the other numbers share it
    if a.prefix_currency and units.kind(sym) == units.CURRENCY and factor == 1.0:
        return  # "$ 10 dollars": the prefix already said it
    a.unit = sym


def _after_unit(text: str, start: int, end: int, a: Atom) -> Atom:
    """Rates ("$80 per barrel", "$1.40 a share", "$15.4/hour") and "or more"."""
    pos = a.end
    kind = units.kind(a.unit)
    rate_ok = (kind == units.CURRENCY and "/" not in (a.unit or "")) or (
        kind == units.DIMENSION and (a.unit or "").count("/") < 2
    )
    if a.unit is not None and rate_ok:
        if text[pos : pos + 1] == "/" and text[pos + 1 : pos + 2].isalpha():
            m = re.match(r"[A-Za-z]+", text[pos + 1 : pos + 30])
            den = units.rate_denominator(m.group()) if m else None
            if m and den:
                a.unit = f"{a.unit}/{den}"
                a.end = pos + 1 + len(m.group())
                pos = a.end
        elif units.kind(a.unit.rpartition("/")[2]) != units.DURATION or "/" not in a.unit:
            pos = _spaced_rate(text, end, a, kind, pos)  # not "bbl/d a year": a time rate is one
    ch = _chunks(text, pos, end, 2, a.ahead)
    if ch and ch[0][0] > pos:
        if _strip(ch[0][2]).lower() not in _POST_FIRST:
            return a  # no bound after the number (the common case)
        words = tuple(_strip(c[2]).lower() for c in ch)
        for n in (2, 1):
            q = _POST_BOUNDS.get(words[:n]) if n <= len(words) else None  # "aged 65 plus" ends the text
            up_to = q is not None and words[-1] == "up" and _UP_TO.match(text, ch[-1][1]) is not None
            if q is not None and (text[pos : ch[0][0]].strip() or up_to):
                q = None  # "€3.2 billion, and up to 500 firms": a new clause, not a bound
            if q is not None and _opens_bound(text, ch[n - 1], end, a):
                q = None  # "200 or greater than 190": the next figure's bound, not this one's
            if q is not None and a.qualifier == "exact":
                a.qualifier = q
                a.end = ch[n - 1][0] + len(_strip(ch[n - 1][2]))
                break
    elif text[pos : pos + 5].lower() == "-plus":
        a.qualifier = "at_least"
        a.end = pos + 5
    return a


def _opens_bound(text: str, last: Chunk, end: int, a: Atom) -> bool:
    """Do the words of a trailing bound whose last chunk is ``last`` go on into another
    figure ("or less than 6000", "and above 5%")?  Then they are that figure's leading bound."""
    if last[2] != _strip(last[2]):
        return False  # "5% or more, 300 firms said": punctuation closes the bound
    nxt = _chunks(text, last[1], end, 2, a.ahead)
    if nxt and _strip(nxt[0][2]).lower() == "than":
        nxt = nxt[1:]  # "or more than that" stays a bound of this figure
    if not nxt:
        return False
    word = _strip(nxt[0][2])
    k = next((i for i, c in enumerate(word) if c.isdigit()), -1)
    if k == 0 or (k > 0 and units.currency_prefix(word[:k]) is not None):
        return True  # "190", "$5", "R5"
    return units.currency_prefix(word) is not None or word.lower() in WORD_SET  # "Rs 20", "twenty"


#: A physical amount "of" a substance of at most this many words may still be a rate:
#: "1 million tonnes of green hydrogen a year" is t/year.
RATE_OF_WORDS = 3


def _spaced_rate(text: str, end: int, a: Atom, kind: str | None, pos: int) -> int:
    """Rates written with words: "$80 per barrel", "$1.40 a share", "60 bcm a year",
    "5 million tonnes annually", "1 million tonnes of hydrogen a year", exchange rates
    ("1,400 naira to the dollar" is NGN/USD).  Returns the new end of the atom.

    Conventions: money per year stays money ("$9.4 billion a year" is USD, an annual
    amount); a physical amount per year is a rate (t/year, m3/year).  A time phrase is
    not a denominator ("1.5 million bpd a year earlier" is bbl/d).
    """
    ch = _chunks(text, pos, end, 3 + RATE_OF_WORDS, a.ahead)
    if not ch or ch[0][0] <= pos:
        return pos
    if re.match(r"\s*[,;]", text[pos : ch[0][0] + 1]):
        return pos  # "GDP: $8.5 billion, per capita $360": the next item's label, not a rate
    first = _strip(ch[0][2]).lower()
    den, last = None, -1
    if first in ("a", "an", "each") or (first == "per" and kind != units.CURRENCY):
        um = units.match([c[2] for c in ch[1:5]])
        if um is not None and not um.flag and units.kind(um.symbol) not in (units.CURRENCY, units.PERCENT):
            den, last = um.symbol, um.words
        elif first != "each" and len(ch) >= 2:
            den, last = units.rate_denominator(ch[1][2]), 1
    elif kind == units.DIMENSION and first in number_words.PER_TIME and _strip(ch[0][2]).islower():
        den, last = number_words.PER_TIME[first], 0
    elif kind == units.DIMENSION and first == "of" and len(ch) >= 4:
        # "of green hydrogen a year": up to RATE_OF_WORDS plain words, then "a"/"per" time
        for k in range(2, min(len(ch) - 1, RATE_OF_WORDS + 2)):
            mid = [c[2] for c in ch[1:k]]
            if not all(w.replace("-", "").isalpha() for w in mid):  # "of LNG", "of low-carbon steel"
                break
            if _strip(ch[k][2]).lower() in ("a", "per", "an"):
                um = units.match([ch[k + 1][2]])
                if um is not None and units.kind(um.symbol) == units.DURATION:
                    den, last = um.symbol, k + 1
                elif units.rate_denominator(ch[k + 1][2]) == "year":  # "per annum"
                    den, last = "year", k + 1
                break
    elif kind == units.CURRENCY and first in number_words.EXCHANGE and len(ch) >= 2:
        k = 2 if _strip(ch[1][2]).lower() in ("the", "one", "a", "each") else 1
        um = units.match([c[2] for c in ch[k : k + 2]])
        if um is not None and units.kind(um.symbol) == units.CURRENCY and um.factor == 1.0:
            j = k + um.words - 1
            tail = _strip(ch[j + 1][2]) if j + 1 < len(ch) and ch[j][2] == _strip(ch[j][2]) else ""
            if not (tail.isalpha() and tail.islower()):  # not "to the euro zone"
                den, last = um.symbol, j
        elif first == "per":  # "$80 per barrel", "$1,200 per student"
            um = units.match([c[2] for c in ch[1:5]])
            if um is not None and not um.flag and units.kind(um.symbol) != units.PERCENT:
                den, last = um.symbol, um.words
            else:
                den, last = units.rate_denominator(ch[1][2]), 1
    if den is None or last < 0:
        return pos
    if units.kind(den) == units.DURATION or den == "year":
        nxt = ch[last + 1][2] if last + 1 < len(ch) else ""
        if _strip(nxt).lower() in number_words.TIME_AFTER and ch[last][2] == _strip(ch[last][2]):
            return pos  # "1.54 million bpd a year earlier": when, not per what
        if den == "year" and kind == units.CURRENCY:
            return pos  # "$9.4 billion a year": an annual amount is still money
    a.unit = f"{a.unit}/{den}"
    a.end = ch[last][0] + len(_strip(ch[last][2]))
    return a.end


# --- counted nouns ---------------------------------------------------------------------------


def noun(text: str, pos: int, end: int, *, share: bool = False, ahead: Ahead | None = None) -> str | None:
    """The counted noun after a unit-less number, in the singular ("schools" -> school).

    ``share``: the number is a fraction, so the noun may follow "of" ("two-thirds of
    households" -> household).
    """
    chunks = _chunks(text, pos, end, 6, ahead)
    if share and chunks and chunks[0][2].lower() == "of":
        chunks = chunks[1:]
        if chunks and chunks[0][2].lower() in ("the", "all", "its", "their"):
            chunks = chunks[1:]
    for k, (_cs, _ce, chunk) in enumerate(chunks[:4]):
        word = _strip(chunk)
        low = word.lower()
        if not low or not (low[0].isalpha()) or not low.replace("-", "").replace("'", "").isalpha():
            return None
        if k == 0 and low in number_words.MORE and word == chunk:
            continue  # "10 million more people", "2,000 fewer teachers"
        if low in number_words.NOUN_STOP:
            return None
        sing = units.singular(low)
        if sing != low or low in COUNT_INVARIANT:
            return sing
        if word != chunk:  # punctuation closes the noun phrase
            return None
    return None
