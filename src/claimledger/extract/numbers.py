"""Stage ``numbers.v2``: find the quantities in a sentence.

Reads: the document text and a sentence span ``[start, end)``.
Writes: ``Quantity`` objects with global offsets (``text == document[start:end]``), in
order: value with magnitude applied, ranges (``low``/``high``), bounds and approximators
(``qualifier``), unit (ISO 4217 code, ``%``, ``pp`` or a short physical symbol, rates as
``USD/bbl``) and, for unit-less counts, the counted noun in the singular.

How it works, in one pass over the sentence:
1. one compiled scanner finds number tokens (digits, number words, fractions);
2. adjacent tokens are parsed into numerals (``_numwords``);
3. each numeral is grown into an *atom*: currency prefix, sign and bound words on the
   left; spelled or abbreviated magnitude, unit, rate and "or more" on the right;
4. atoms are merged into ranges ("6-8%", "between 2 and 3 million") and ratios ("one in
   five"); years, dates, ordinals used as names, compound adjectives ("two-day visit"),
   codes and file names are dropped (``_numfilters``);
5. lists share their unit, magnitude and bound ("3.5, 3.6 and 3.9 trillion tenge");
6. unit-less counts get their noun ("105 schools" -> school).

Every regex is linear (see ``_numfilters``); all per-number work looks at a bounded window,
so the stage is linear in the sentence length.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from claimledger.extract import _numfilters as F
from claimledger.extract import units as U
from claimledger.extract._numwords import ALL_WORDS, ARTICLE_HEADS, Parsed, Tok, parse
from claimledger.extract._unitdata import word_set
from claimledger.models import Qualifier, Quantity

STAGE = "numbers.v2"

__all__ = ["STAGE", "find", "shifted"]

#: Digits longer than this are identifiers or data dumps, not figures (and float()
#: of a huge run would be wasted work).
MAX_DIGITS = 15
#: How far (characters) to look left and right of a numeral for its context.
WINDOW = 48
#: Tokens closer than this many characters are considered for one numeral ("two hundred
#: and  thirty one"); anything wider is separate text.
MAX_GAP = 12

_SP = "[ \u00a0\u202f\u2009]"
_DIG = (
    rf"\d{{1,3}}(?:{_SP}\d{{3}})+(?![\d])(?:\.\d+)?"  # 1 500 000 (thin / no-break spaces)
    r"|\d+(?:[.,]\d+)*"  # 1,500 / 4.3 / 12,34,567.89 / 1.111,11 (interpreted later)
    r"|\.\d+"  # .25
)
_EXP = r"(?:[eE][-+]?\d{1,3}(?![\w])|\s?[x×]\s?10(?:\^[-−+]?\d{1,3}|[-−]\d{1,3})|\^[-+−]{0,2}\d{1,3})"
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
_VULGAR_VAL = {
    "½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5,
    "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅐": 1 / 7, "⅛": 1 / 8, "⅜": 3 / 8,
    "⅝": 5 / 8, "⅞": 7 / 8, "⅑": 1 / 9, "⅒": 1 / 10,
}
_SCAN = re.compile(
    rf"(?P<f>\d{{1,6}}{_SP}?/{_SP}?\d{{1,6}}(?![\d/]))"
    rf"|(?P<d>(?:{_DIG}){_EXP}?)"
    rf"|(?P<v>[{_VULGAR}])"
    rf"|(?P<w>\b(?i:{'|'.join(ALL_WORDS)})\b)"
    rf"|(?P<a>\b(?i:an?)(?=[ \-]+(?i:{'|'.join(ARTICLE_HEADS)})\b))"
)
_CHUNK = re.compile(r"\S{1,40}")
_LEFT_TOK = re.compile(r"\S+")

# Bound and approximation phrases before a number (lower case, as word tuples).
_BOUNDS: dict[tuple[str, ...], Qualifier] = {}
for _q, _phrases in (
    (
        "at_least",
        "more than|over|above|exceeding|exceeded|exceeds|exceed|surpassing|surpassed|at least|"
        "upwards of|in excess of|no less than|not less than|no fewer than|not fewer than|"
        "greater than|higher than|larger than|bigger than|just over|well over|well above|"
        "a minimum of|minimum of|at minimum|>|>=|≥|=>|more then",
    ),
    (
        "at_most",
        "under|less than|fewer than|up to|no more than|not more than|below|at most|"
        "a maximum of|maximum of|not exceeding|just under|lower than|smaller than|<|<=|≤|=<",
    ),
    (
        "approx",
        "nearly|almost|about|around|some|roughly|approximately|approx.|approx|~|≈|circa|ca.|"
        "close to|an estimated|estimated|just about|an approximate|more or less|around about",
    ),
):
    for _p in _phrases.split("|"):
        _BOUNDS[tuple(_p.split())] = _q  # type: ignore[assignment]
_GLUED_BOUND: dict[str, Qualifier] = {
    "~": "approx", "≈": "approx", ">": "at_least", "≥": "at_least", ">=": "at_least",
    "<": "at_most", "≤": "at_most", "<=": "at_most",
}
_POST_BOUNDS: dict[tuple[str, ...], Qualifier] = {
    ("or", "more"): "at_least", ("or", "above"): "at_least", ("and", "above"): "at_least",
    ("and", "more"): "at_least", ("or", "higher"): "at_least", ("or", "greater"): "at_least",
    ("plus",): "at_least", ("or", "over"): "at_least", ("or", "less"): "at_most",
    ("or", "fewer"): "at_most", ("or", "below"): "at_most", ("or", "lower"): "at_most",
    ("and", "below"): "at_most", ("and", "under"): "at_most", ("or", "under"): "at_most",
    ("or", "so"): "approx",
}
_RANK_BEFORE = word_set(
    """
    rank ranks ranked ranking placed place came finished position positioned rated
    placing
    """
)
_RANK_AFTER = word_set(
    """
    place position spot rank
    """
)
_CHANGE_VERBS = word_set(
    """
    rose rise rises rising risen increased increase increases increasing grew grow grows
    growing grown fell fall falls falling fallen decreased decrease decreases declined
    decline declines dropped drop drops climbed climb jumped jump soared surged slid
    slipped plunged plummeted reduced reduce cut cuts raised raise raises lowered lower
    expanded expand shrank shrink changed change went go goes moved move up down boosted
    improved doubled tripled
    """
)
_DETERMINERS = word_set(
    """
    the this that which each every any no another such last next whichever what only
    """
)
# Words before a lone fraction ("a third", "half") that make it a figure, not an ordinal.
_FRACTION_CUES = word_set(
    """
    by than about nearly almost over under some roughly approximately around only just
    least most to up down cut rose fell increased decreased grew reduced fallen risen is
    was were are be been of for and or more less
    """
)
# Function words that end the search for a counted noun.
_NOUN_STOP = word_set(
    """
    a an the this that these those of in on at for to by from with without and or but
    nor per than as is are was were be been being am has have had will would shall
    should can could may might must do does did not no more less already also still only
    just about over under into onto through during between among each every which who
    whom whose what when where while if so such its their his her our your my it they
    them we he she you i there here then year years month months week weeks day days
    time times percent cent respectively including include includes compared against up
    down out off around total
    """
)
_PUNCT_TRAIL = ".,;:!?)]}\"'”’»"
_SEPARATOR = re.compile(r"\s{0,3}(?:,|;|/|,?\s{1,3}(?:and|or|as well as)|,?\s{1,3}and\s{1,3}then)\s{1,3}")
_TIME_GAP = re.compile(
    r"\s{0,3}(?:(?:in|for|by|during|of|at|and)\s{1,3})?(?:the\s{1,3})?(?:(?:19|20)\d\d"
    r"(?:\s?[-–/]\s?\d{2,4})?|this year|last year|next year)\s{0,3}"
    r"(?:,|;|,?\s{1,3}(?:and|or))\s{1,3}(?:(?:in|for|by)\s{1,3})?"
)


@dataclass(slots=True)
class _Atom:
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


def find(text: str, start: int, end: int) -> list[Quantity]:
    """Quantities in ``text[start:end]``, in order, with offsets into ``text``."""
    toks = _tokens(text, start, end)
    if not toks:
        return []
    blocked = F.blocked_spans(text, start, end)
    atoms: list[_Atom] = []
    for group, gaps in _groups(text, toks):
        for p in parse(group, gaps):
            if p.j <= p.i:
                continue
            s, e = group[p.i].start, group[p.j - 1].end
            if _inside(blocked, s, e):
                continue
            a = _atom(text, start, end, p, group)
            if a is not None:
                atoms.append(a)
    if not atoms:
        return []
    atoms = _merge(text, start, end, atoms)
    atoms = [a for a in atoms if _keep(text, start, a)]
    _share_lists(text, atoms)
    out: list[Quantity] = []
    for a in atoms:
        if a.unit is None and a.noun is None and not a.rank:
            a.noun = _noun(text, a.end, end)
        out.append(_quantity(text, a))
    return out


def shifted(q: Quantity, offset: int) -> Quantity:
    """The same quantity with its span moved by ``offset`` characters."""
    return dataclasses.replace(q, start=q.start + offset, end=q.end + offset)


# --- 1. tokens and numerals -------------------------------------------------------------


def _tokens(text: str, start: int, end: int) -> list[Tok]:
    out: list[Tok] = []
    for m in _SCAN.finditer(text, start, end):
        kind = m.lastgroup or "d"
        s, e = m.span()
        raw = m.group()
        if kind == "d":
            tok = _digit_tok(text, raw, s, e)
            if tok is None:
                continue
            out.extend(tok)
        elif kind == "f":
            a, _, b = raw.partition("/")
            num, den = int(a), int(b.strip())
            if den == 0 or (num >= den and not (len(a.strip()) == 4 and len(b.strip()) in (2, 4))):
                continue  # 1/0, 24/7: not a fraction in a statement
            out.append(Tok("f", raw, s, e, num / den, a.strip() + "/" + b.strip()))
        elif kind == "v":
            out.append(Tok("v", raw, s, e, _VULGAR_VAL[raw]))
        else:
            out.append(Tok(kind, raw, s, e))
    return out


def _digit_tok(text: str, raw: str, s: int, e: int) -> list[Tok] | None:
    """Interpret a digit blob: separators, decimal comma, exponent.  None: not a number."""
    body, exp = raw, 0
    m = re.search(r"[eE]([-+]?\d+)$|\s?[x×]\s?10\^?([-−+]?\d+)$|\^([-+−]*)(\d+)$", raw)
    base_exp = None
    if m:
        body = raw[: m.start()]
        if m.group(1) is not None:
            exp = int(m.group(1))
        elif m.group(2) is not None:
            exp = int(m.group(2).replace("−", "-"))
        else:
            signs = m.group(3).replace("−", "-")
            base_exp = int(m.group(4)) * (-1 if signs.count("-") % 2 else 1)
    body = body.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    digits = _normalise(body)
    if digits is None:
        if "," in body and "." not in body and body.count(",") <= 6:
            # "22,24,26,31": a list of separate numbers
            out: list[Tok] = []
            pos = s
            for part in body.split(","):
                if part and len(part) <= MAX_DIGITS:
                    out.append(Tok("d", part, pos, pos + len(part), float(part), part))
                pos += len(part) + 1
            return out
        return None
    if len(digits.replace(".", "").lstrip("0")) > MAX_DIGITS:
        return None
    if base_exp is not None:
        try:
            value = float(digits) ** base_exp
        except (OverflowError, ZeroDivisionError):
            return None
        return [Tok("d", raw, s, e, value, "")]
    exact = digits if not exp else f"{digits}e{exp}"
    try:
        value = float(exact)
    except ValueError:
        return None
    return [Tok("d", raw, s, e, value, exact)]


def _normalise(body: str) -> str | None:
    """'1,500.5' -> '1500.5'; '1.111,11' -> '1111.11'; '12,34,567' -> '1234567'."""
    if " " in body:
        return body.replace(" ", "")
    if "," not in body:
        return body if body.count(".") <= 1 else None
    if "." in body:
        if body.rfind(".") > body.rfind(","):  # 1,234,567.89 / 12,34,567.89
            whole, _, frac = body.rpartition(".")
            return (_grouped(whole, ",") and whole.replace(",", "") + "." + frac) or None
        whole, _, frac = body.rpartition(",")  # 1.111,11 (European)
        if _grouped(whole, ".") and len(frac) <= 2:
            return whole.replace(".", "") + "." + frac
        return None
    if _grouped(body, ","):
        return body.replace(",", "")
    whole, _, frac = body.partition(",")
    if body.count(",") == 1 and len(frac) <= 2 and len(whole) <= 3:  # 1,3 / 5,00 (European)
        return whole + "." + frac
    return None


def _grouped(s: str, sep: str) -> bool:
    """Western (1,234,567) or Indian (12,34,567) digit grouping."""
    parts = s.split(sep)
    if len(parts) == 1:
        return True
    if not (1 <= len(parts[0]) <= 3) or len(parts[-1]) != 3:
        return False
    mid = parts[1:-1]
    return all(len(p) == 3 for p in mid) or (all(len(p) == 2 for p in mid) and len(parts[0]) <= 2)


def _groups(text: str, toks: list[Tok]) -> list[tuple[list[Tok], list[str]]]:
    """Runs of tokens separated only by spaces, hyphens, 'and', ',' or 'of a'."""
    out: list[tuple[list[Tok], list[str]]] = []
    cur = [toks[0]]
    gaps: list[str] = []
    for prev, t in pairwise(toks):
        gap = text[prev.end : t.start]
        if len(gap) <= MAX_GAP and _joinable(gap):
            cur.append(t)
            gaps.append(gap)
        else:
            out.append((cur, gaps))
            cur, gaps = [t], []
    out.append((cur, gaps))
    return out


_JOIN = re.compile(r"\s{0,4}(?:[-–‐]|and|&|,|of an?|of)?\s{0,4}", re.I)


def _joinable(gap: str) -> bool:
    return _JOIN.fullmatch(gap) is not None


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Does ``[s, e)`` overlap one of the sorted, disjoint ``spans``?"""
    k = bisect_left(spans, (e, -1)) - 1  # the last span starting before e
    return k >= 0 and spans[k][1] > s


# --- 2. atoms: a numeral and its immediate context ---------------------------------------


def _chunks(text: str, pos: int, end: int, n: int) -> list[tuple[int, int, str]]:
    """Up to ``n`` whitespace-separated chunks from ``pos`` (the first may be glued)."""
    out: list[tuple[int, int, str]] = []
    stop = min(end, pos + WINDOW * 2)
    for m in _CHUNK.finditer(text, pos, stop):
        if out and m.start() - out[-1][1] > 3:
            break
        if not out and m.start() - pos > 3:
            break
        out.append((m.start(), m.end(), m.group()))
        if len(out) >= n:
            break
    return out


def _strip(chunk: str) -> str:
    return chunk.rstrip(_PUNCT_TRAIL)


def _exact_scaled(exact: str | None, mult: float, fallback: float) -> float:
    """Apply a power-of-ten magnitude without binary rounding ("16.4" x 1e6 = 16400000)."""
    if exact and "e" not in exact and "/" not in exact and mult >= 1:
        power = round(_log10(mult))
        if 10.0**power == mult:
            return float(f"{exact}e{power}")
    return fallback


def _log10(x: float) -> float:
    import math

    return math.log10(x)


def _atom(text: str, start: int, end: int, p: Parsed, group: list[Tok]) -> _Atom | None:
    s, e = group[p.i].start, group[p.j - 1].end
    first = group[p.i]
    single_digits = p.j - p.i == 1 and first.kind == "d"
    raw = first.text if single_digits and first.text.isdigit() else ""
    if first.kind == "f" and p.j - p.i == 1:
        raw = first.digits  # "2024/25": a fiscal year, tested in _keep
    value = p.value
    exact = first.digits if single_digits else None
    if p.scaled and first.kind == "d" and p.j - p.i == 2 and first.digits:
        value = _exact_scaled(first.digits, p.mult, value)
    a = _Atom(
        start=s, end=e, nstart=s, nend=e, value=value, words=p.words, scaled=p.scaled, raw=raw,
        ordinal=p.ordinal, int_like=float(value).is_integer() and not p.fraction,
    )
    a.mult = p.mult
    if not _left(text, start, a):
        return None
    return _right(text, start, end, a, exact, p)


def _left(text: str, start: int, a: _Atom) -> bool:
    """Currency prefix, sign and bound words before the numeral.  False: not a figure."""
    s = a.nstart
    c = text[s - 1] if s > start else ""
    if c and (c.isalnum() or c == "_"):
        k = s
        while k > start and s - k < 4 and text[k - 1].isalpha():
            k -= 1
        run = text[k:s]
        if k > start and (text[k - 1].isalnum() or text[k - 1] in "_-"):
            return False
        code = U.currency_prefix(run) if run else None
        if code is None:
            return False  # WA0049, i7, G20, A320: codes and names
        a.unit, a.prefix_currency, a.start = code, True, k
    elif c and c in "#&@№/\\_.":
        return False
    elif c and c in "-−‐":
        c2 = text[s - 2] if s - 2 >= start else ""
        if c2.isdigit():
            a.hyphen_tail = True
            return True
        if c2.isalpha() or c2 in "_/":
            return False  # COVID-19, F-16, L-202
        a.value = -a.value
        a.start = s - 1
    elif c == "+":
        a.start = s - 1
    # a glued symbol run before the number: "US$", "(£", "~$", "-$", "nzd$"
    pos = a.start
    k = pos
    while k > start and not text[k - 1].isspace() and pos - k < 8:
        k -= 1
    glued = text[k:pos]
    rest = glued
    if glued and a.unit is None:
        for n in range(len(glued), 0, -1):
            code = U.currency_prefix(glued[-n:])
            if code is not None:
                a.unit, a.prefix_currency = code, True
                a.start = pos - n
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
    # spaced tokens before: "$ 75", "c $ 16.4", "USD 200", "Rs. 500", "more than", "between"
    lo = max(start, a.start - WINDOW)
    toks = [(m.start(), m.end(), m.group()) for m in _LEFT_TOK.finditer(text, lo, a.start)]
    if toks and toks[-1][1] != a.start and a.unit is None and not glued:
        if len(toks) >= 2:
            pair = (toks[-2][2] + " " + toks[-1][2]).lower()
            code = U.currency_prefix(pair)
            if code is not None and toks[-1][1] >= a.start - 2:
                a.unit, a.prefix_currency, a.start = code, True, toks[-2][0]
                toks = toks[:-2]
        if a.unit is None and toks and toks[-1][1] >= a.start - 2:
            tok = toks[-1][2].lstrip("([{\"'“‘")
            code = U.currency_prefix(tok)
            if code is not None:
                a.unit, a.prefix_currency = code, True
                a.start = toks[-1][1] - len(tok)
                toks = toks[:-1]
    if toks and a.qualifier == "exact":
        words = [t[2].lower().strip("([{\"'“‘,;:") for t in toks[-4:]]
        for n in (4, 3, 2, 1):
            if len(words) < n:
                continue
            q = _BOUNDS.get(tuple(words[-n:]))
            if q is not None:
                tok_s = toks[-n][0]
                lead = len(toks[-n][2]) - len(toks[-n][2].lstrip("([{\"'“‘"))
                a.qualifier = q
                a.bound = tuple(words[-n:])
                a.start = tok_s + lead
                toks = toks[:-n]
                break
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
            before = {t[2].lower().strip(",;:") for t in toks[-4:-1]}
            a.change = bool(before & _CHANGE_VERBS)
    return True


def _right(
    text: str, start: int, end: int, a: _Atom, exact: str | None, p: Parsed
) -> _Atom | None:
    """Ordinal suffix, magnitude, unit, rate and trailing bound after the numeral."""
    pos = a.nend
    nxt = text[pos : pos + 3]
    if not a.words and nxt[:2].lower() in ("st", "nd", "rd", "th") and not nxt[2:3].isalpha():
        a.ordinal = True
        a.end = pos + 2
        return a
    if (nxt[:1] == "s" and not nxt[1:2].isalpha()) or (nxt[:2] in ("'s", "’s") and a.raw):
        return None  # 1990s, the 30s, 1990's
    mult = a.mult
    # abbreviated magnitude: 5bn, $5m, 10k, 1.2b, 2.33 k, 1,674,200.5 M
    if not a.words and not p.scaled:
        ch = _chunks(text, pos, end, 1)
        if ch:
            cs, _ce, chunk = ch[0]
            tok = _strip(chunk)
            glued = cs == pos
            hit = U.magnitude_abbr(tok)
            spaced_ok = len(tok) > 1 or tok in ("k", "K", "M")
            if hit is not None and (glued or spaced_ok) and (not hit[1] or _is_money(a)):
                if tok == "m" and not glued and not _is_money(a):
                    hit = None
            else:
                hit = None
            if hit is not None:
                power = hit[0]
                a.value = _exact_scaled(exact, 10.0**power, a.value * 10.0**power)
                if a.value < 0 and exact and float(exact) > 0:
                    a.value = -abs(a.value)
                a.power, a.scaled = power, True
                mult = 10.0**power
                pos = cs + len(tok)
    a.mult = mult
    # unit
    if text[pos : pos + 1] in ("-", "‐") and text[pos + 1 : pos + 2].isalpha():
        m = re.match(r"[A-Za-z]+", text[pos + 1 : pos + 30])
        word = m.group() if m else ""
        um = U.match([word])
        if um is None or U.kind(um.symbol) == U.DURATION or um.flag:
            if um is not None and um.flag == U.POUND:
                a.unit = "lb"
                a.end = pos + 1 + len(word)
                return a
            return None  # three-shift schooling, two-day visit, 10-year-old
        if U.magnitude_word(word) is None:
            _set_unit(a, um.symbol, um.factor)
            a.end = pos + 1 + len(word)
            return _after_unit(text, start, end, a)
        return None
    if text[pos : pos + 1] in ('"', "″") and text.count('"', start, a.nstart) % 2 == 0:
        _set_unit(a, "in", 1.0)
        a.end = pos + 1
        return a
    chunks = _chunks(text, pos, end, U.MAX_WORDS)
    glued = bool(chunks) and chunks[0][0] == pos
    um = U.match([c[2] for c in chunks]) if chunks else None
    if um is not None:
        last = chunks[um.words - 1]
        u_end = last[0] + len(_unit_text(last[2]))
        sym, factor = um.symbol, um.factor
        if um.flag == U.POUND:
            sent = text[start:end]
            if a.scaled or "£" in sent or "sterling" in sent.lower():
                sym = "GBP"
        elif um.flag == U.INCH:
            after = _chunks(text, last[1], end, 1)
            closes = last[2] != _strip(last[2]) or not after or _strip(after[0][2]).lower() in (
                "thick", "long", "wide", "tall", "high", "deep", "diameter", "across", "thickness",
            )
            if not closes:
                return a if not glued else None
        elif um.flag == U.CLOCK and (
            (a.int_like and 0 < a.value <= 12) or _clocklike(text[a.nstart : a.nend])
        ):
            return None
        if a.prefix_currency and U.kind(sym) != U.CURRENCY:
            return _after_unit(text, start, end, a) if not glued else None
        _set_unit(a, sym, factor)
        a.end = u_end
        # "75 USD million": a spelled magnitude after a currency code
        after = _chunks(text, a.end, end, 1)
        if after and U.kind(sym) == U.CURRENCY and not a.scaled:
            mw = U.magnitude_word(_strip(after[0][2]))
            if mw is not None:
                a.value = _exact_scaled(exact, 10.0**mw, a.value * 10.0**mw)
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


def _is_money(a: _Atom) -> bool:
    return a.unit is not None and U.kind(a.unit) == U.CURRENCY


def _set_unit(a: _Atom, sym: str, factor: float) -> None:
    if factor != 1.0:
        a.value = float(f"{a.value!r}") * factor
        a.value = float(f"{a.value:.12g}")
        a.scaled = a.scaled or factor > 1
    if a.prefix_currency and U.kind(sym) == U.CURRENCY and factor == 1.0:
        return  # "$ 10 dollars": the prefix already said it
    a.unit = sym


def _after_unit(text: str, start: int, end: int, a: _Atom) -> _Atom:
    """Rates ("$80 per barrel", "$1.40 a share", "$15.4/hour") and "or more"."""
    pos = a.end
    if a.unit is not None and U.kind(a.unit) in (U.CURRENCY, U.DIMENSION) and "/" not in a.unit:
        if text[pos : pos + 1] == "/" and text[pos + 1 : pos + 2].isalpha():
            m = re.match(r"[A-Za-z]+", text[pos + 1 : pos + 30])
            den = U.rate_denominator(m.group()) if m else None
            if m and den:
                a.unit = f"{a.unit}/{den}"
                a.end = pos + 1 + len(m.group())
                pos = a.end
        else:
            ch = _chunks(text, pos, end, 4)
            if len(ch) >= 2 and ch[0][0] > pos and _strip(ch[0][2]).lower() in ("per", "a", "an", "each"):
                um = U.match([c[2] for c in ch[1:]])
                den = None
                n = 1
                if um is not None and not um.flag and U.kind(um.symbol) not in (U.CURRENCY, U.PERCENT):
                    den, n = um.symbol, um.words
                elif _strip(ch[0][2]).lower() != "each":
                    den = U.rate_denominator(ch[1][2])
                if den:
                    a.unit = f"{a.unit}/{den}"
                    last = ch[n]
                    a.end = last[0] + len(_strip(last[2]))
                    pos = a.end
    ch = _chunks(text, pos, end, 2)
    if ch and ch[0][0] > pos:
        words = tuple(_strip(c[2]).lower() for c in ch)
        for n in (2, 1):
            q = _POST_BOUNDS.get(words[:n])
            if q is not None and a.qualifier == "exact":
                a.qualifier = q
                a.end = ch[n - 1][0] + len(_strip(ch[n - 1][2]))
                break
    elif text[pos : pos + 5].lower() == "-plus":
        a.qualifier = "at_least"
        a.end = pos + 5
    return a


# --- 3. ranges, ratios, filters -------------------------------------------------------

_RANGE_WORDS = frozenset({"-", "–", "—", "to", "- to", "– to", "through", "thru", "~", "-to"})


def _merge(text: str, start: int, end: int, atoms: list[_Atom]) -> list[_Atom]:
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            m = _range(text, a, b) or _ratio(text, end, a, b)
            if m is not None:
                out.append(m)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _year_like(a: _Atom) -> bool:
    return bool(a.raw) and F.is_year_digits(a.raw) and a.unit is None and not a.scaled


def _range(text: str, a: _Atom, b: _Atom) -> _Atom | None:
    if a.ordinal or b.ordinal or a.low is not None or b.low is not None:
        return None
    gap = text[a.end : b.start]
    g = " ".join(gap.split()).lower()
    if b.hyphen_tail and gap in ("-", "–", "—", "‐"):
        conn = "-"
    elif g in _RANGE_WORDS:
        conn = "-" if g in ("-", "–", "—") else "to"
    elif g == "and" and a.between:
        conn = "and"
    else:
        return None
    if _year_like(a) or _year_like(b) or b.qualifier != "exact":
        return None
    if a.words and a.value < 1 and not a.scaled:
        return None  # "by a third to $16,800": a fraction, then a new figure
    if a.unit is None and b.prefix_currency and conn == "to":
        return None  # "grow 5 to $16,800": a money range repeats or omits the symbol
    if a.from_ >= 0 and a.change:
        return None  # "rose from 5% to 7%": two figures, not a range
    ua, ub = a.unit, b.unit
    if ua and ub and ua != ub:
        return None
    lo, hi = a.value, b.value
    amult, bmult = a.mult, b.mult
    if not a.scaled and b.scaled and bmult > 1 and abs(lo * bmult) <= abs(hi):
        lo = _exact_scaled(a.raw or None, bmult, lo * bmult) if a.raw else lo * bmult
        lo = float(f"{lo:.12g}")
    elif a.scaled and not b.scaled and amult > 1 and abs(hi) < abs(lo):
        hi = float(f"{hi * amult:.12g}")
    if conn == "-" and not lo < hi:
        return None
    if lo > hi:
        lo, hi = hi, lo
    r = dataclasses.replace(a)
    r.start = a.from_ if a.from_ >= 0 and a.from_ < a.start else a.start
    r.end = b.end
    r.nend = b.nend
    r.value, r.low, r.high = None, lo, hi  # type: ignore[assignment]
    r.qualifier = "range"
    r.unit = ua or ub
    r.scaled = a.scaled or b.scaled
    r.raw = ""
    r.mult = bmult
    return r


def _ratio(text: str, end: int, a: _Atom, b: _Atom) -> _Atom | None:
    """'one in five', 'two out of three', '1 over 3': a proportion."""
    if a.unit or b.unit or a.ordinal or b.ordinal or a.low is not None or b.low is not None:
        return None
    gap = " ".join(text[a.end : b.start].split()).lower()
    if gap in ("out of", "in"):
        pass
    elif gap == "" and b.bound == ("over",) and a.qualifier == "exact":
        if _noun(text, b.end, end) is not None:
            return None
    else:
        return None
    if not (0 < a.value < b.value) or _year_like(a) or _year_like(b) or not a.int_like:
        return None
    r = dataclasses.replace(b)
    r.start, r.nstart = a.start, a.nstart
    r.value = a.value / b.value
    r.qualifier = a.qualifier
    r.raw = ""
    return r


def _prev_word(text: str, start: int, pos: int) -> str:
    m = re.search(r"([A-Za-z]+)[^A-Za-z]{0,3}$", text[max(start, pos - 30) : pos])
    return m.group(1).lower() if m else ""


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"[^A-Za-z.;:!?]{0,3}([A-Za-z]+)", text[pos : pos + 30])
    return m.group(1).lower() if m else ""


def _keep(text: str, start: int, a: _Atom) -> bool:
    """Drop what is not a figure: years, dates, stray range ends, ordinals used as names."""
    if a.hyphen_tail and a.low is None:
        return False
    if a.ordinal:
        prev = _prev_word(text, start, a.start)
        if prev in ("the", "in", "at") and a.start > start:
            prev2 = _prev_word(text, start, text.rfind(prev, start, a.start))
            prev = prev2 if prev2 in _RANK_BEFORE else prev
        if prev in _RANK_BEFORE or _next_word(text, a.end) in _RANK_AFTER:
            a.rank = True
            a.noun = "rank"
            return True
        return False
    if a.low is None and a.unit is None and not a.scaled and a.qualifier == "exact":
        if _year_like(a):
            return False
        if "/" in a.raw and F.is_year_digits(a.raw.split("/")[0]):
            return False  # 2024/25
    if a.raw and (F.is_date_digits(a.raw) or (len(a.raw) > 1 and a.raw.startswith("0"))):
        return False
    if a.low is None and a.unit is None and a.words:
        word = text[a.nstart : a.nend].lower()
        prev = _prev_word(text, start, a.start)
        if (
            word == "one"
            and a.start == a.nstart
            and (prev in _DETERMINERS or _next_word(text, a.end) in ("of", "another", "by", "after", "on"))
        ):
            return False
        if word in ("half", "a half", "an half", "a quarter", "quarter") or (
            word.startswith(("a ", "an ", "one ")) and not a.scaled and a.value < 1
        ):
            if prev in _FRACTION_CUES or a.start != a.nstart:
                return True
            nw = _next_word(text, a.end)
            tail = text[a.end : a.end + 3].lstrip()
            return nw == "of" or not tail or tail[0] in ".;:!?)"
    return True


# --- 4. lists -----------------------------------------------------------------------------


def _share_lists(text: str, atoms: list[_Atom]) -> None:
    """Propagate units, magnitudes and bounds along lists of figures.

    Backwards over directly adjacent items ("3.5, 3.6 and 3.9 trillion tenge": the last
    item's magnitude and unit apply to the bare ones before it), and forwards across
    items separated by a time phrase ("over 23.9 trillion tenge in 2024, 23.8 trillion in
    2025": the later item takes the unit and the bound of the first).
    """
    n = len(atoms)
    adjacent = [False] * n  # adjacent[i]: atoms i and i+1 are items of one list
    timed = [False] * n
    for i in range(n - 1):
        gap = text[atoms[i].end : atoms[i + 1].start]
        if len(gap) > 40:
            continue
        if _SEPARATOR.fullmatch(gap):
            adjacent[i] = True
        elif _TIME_GAP.fullmatch(gap):
            timed[i] = True
    for i in range(n - 2, -1, -1):  # backwards: trailing unit and magnitude
        a, b = atoms[i], atoms[i + 1]
        if not adjacent[i] or a.low is not None or a.rank or b.rank:
            continue
        if b.unit is not None and (a.unit is None or a.unit == b.unit) and not (
            a.unit is None and _noun(text, a.end, a.end + 30) is not None
        ):
            big = abs(b.value or b.high or 0) * 1000
            if not a.scaled and b.scaled and b.mult > 1 and a.value * b.mult <= big:
                a.value = float(f"{a.value * b.mult:.12g}")
                a.scaled, a.mult = True, b.mult
            if a.unit is None:
                a.unit = b.unit
            a.linked = b.linked = True
        elif b.unit is None and a.unit is None and b.scaled and not a.scaled and b.mult > 1 and not a.words:
            a.value = float(f"{a.value * b.mult:.12g}")
            a.scaled, a.mult = True, b.mult
            a.linked = b.linked = True
    for i in range(n - 1):  # forwards: leading unit, and the bound of a linked list
        a, b = atoms[i], atoms[i + 1]
        if not (adjacent[i] or timed[i]) or b.rank or a.rank:
            continue
        if (
            b.unit is None
            and a.unit is not None
            and b.scaled == a.scaled
            and b.low is None
            and _noun(text, b.end, b.end + 30) is None
        ):
            b.unit = a.unit
            a.linked = b.linked = True
        if a.linked and b.linked and a.unit == b.unit and b.qualifier == "exact" and a.qualifier != "range":
            b.qualifier = a.qualifier


# --- 5. counted nouns and output ----------------------------------------------------------


def _noun(text: str, pos: int, end: int) -> str | None:
    """The counted noun after a unit-less number, in the singular ("schools" -> school)."""
    for _cs, _ce, chunk in _chunks(text, pos, end, 4):
        word = _strip(chunk)
        low = word.lower()
        if not low or not (low[0].isalpha()) or not low.replace("-", "").replace("'", "").isalpha():
            return None
        if low in _NOUN_STOP:
            return None
        sing = U.singular(low)
        if sing != low or low in U.COUNT_INVARIANT:
            return sing
        if word != chunk:  # punctuation closes the noun phrase
            return None
    return None


def _quantity(text: str, a: _Atom) -> Quantity:
    value: float | None = a.value
    if a.low is not None:
        value = None
    return Quantity(
        text=text[a.start : a.end],
        start=a.start,
        end=a.end,
        value=value,
        low=a.low,
        high=a.high,
        qualifier=a.qualifier,
        unit=a.unit,
        noun=a.noun,
    )
