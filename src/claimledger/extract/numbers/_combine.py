"""Combining atoms in the ``numbers`` stage: ranges, ratios, filters and lists.

Reads: the atoms of one sentence, in order.  Writes: the atoms that are figures, with
ranges merged ("6-8%", "between 2 and 3 million", "from 3 to 4%"), ratios ("one in
five"), amounts in two units ("3 dollars 50 cents", "5 feet 2 inches"), years, stray range
ends and ordinals used as names dropped, and units, magnitudes and bounds shared along
lists ("over 3.5, 3.6 and 3.9 trillion tenge").
"""

from __future__ import annotations

import dataclasses
import math
import re

from claimledger.extract import units
from claimledger.extract.numbers import _not_figures as not_figures
from claimledger.extract.numbers._atoms import CHANGE_VERBS, Atom, exact_scaled, noun
from claimledger.resources import numbers as number_words
from claimledger.resources import units as unit_tables

# A ranking named after the ordinal ("135th in the Global Gender Gap Index", "97th in the
# 2024 ranking"), or a field it is out of ("45th out of 190").
_RANKING_AFTER = re.compile(
    r"\s{1,3}(?:(?:in|on)\s{1,3}[^.;:!?]{0,50}?\b(?:[Ii]ndex|[Rr]ankings?|[Ll]eague|[Tt]able|[Ll]ist|"
    r"[Ss]urvey|[Ll]eaderboard|[Ss]tandings|[Rr]eport|[Bb]arometer|[Ii]ndicator)\b|(?:out\s{1,3})?of\s{1,3}\d)"
)
#: An ordinal this close after a rank, with no clause break between, is another rank of
#: the same list or comparison ("16th in the ranking, from 17th a year earlier").
RANK_LIST_GAP = 60
# What separates the items of a list ("3.5, 3.6 and 3.9"), and the word that closes one.
_SEPARATOR = re.compile(r"\s{0,3}(?:,|;|/|,?\s{1,3}(?:and|or|as well as)|,?\s{1,3}and\s{1,3}then)\s{1,3}")
_CLOSING = re.compile(r"\b(?:and|or)\b")
# A time phrase between list items ("in 2024", "in July", "in the first quarter").
_TIME_PHRASE = (
    r"(?:(?:in|for|by|during|of|at)\s{1,3})?(?:the\s{1,3})?(?:(?:19|20)\d\d(?:\s?[-–/]\s?\d{2,4})?|"
    r"(?:this|last|next|the\s{1,3}previous)\s{1,3}year|(?:first|second|third|fourth)\s{1,3}quarter|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s{1,3}(?:19|20)\d\d)?)"
)
_TIME_GAP = re.compile(
    rf"\s{{0,3}}(?:and\s{{1,3}})?{_TIME_PHRASE}\s{{0,3}}(?:,|;|,?\s{{1,3}}(?:and|or))\s{{1,3}}"
    r"(?:(?:in|for|by)\s{1,3})?"
)
# A comparison with an earlier value: the base takes the figure's unit.
_COMPARE_GAP = re.compile(
    rf"(?:\s{{1,3}}{_TIME_PHRASE})?\s{{0,3}}[,(]?\s{{0,3}}(?:(?:up|down|rising|falling|increasing|"
    r"decreasing|compared\s{1,3}(?:with|to)|against|versus|vs\.?)(?:\s{1,3}from)?|from)\s{1,3}"
)


# A part of the figure before, written without its unit: "59 billion cubic metres of gas,
# of which 19 billion ..." (19 billion m3).  The gap ends in the part-of phrase.
_PART_GAP = re.compile(
    r"(?:[,;(]\s{0,3}|\s)(?:of\s{1,3}(?:which|this|these|them|that|it)|including|among\s{1,3}them|"
    r"out\s{1,3}of\s{1,3}which|mostly|mainly|chiefly)(?:\s{1,3}(?:were|was|is|are))?\s{1,3}$"
)
PART_GAP_MAX = 60


# --- ranges, ratios, amounts in two units, filters -------------------------------------

# Measures written in two units, read as one in the larger: imperial lengths and weights,
# and clock durations ("2 hours 44 minutes", "4 minutes 24 seconds": a race time).  Years and
# months are not merged: "3 years, 2 months" are usually two figures in a statement.
_COMPOSITE = {("ft", "in"): 1 / 12, ("lb", "oz"): 1 / 16, ("h", "min"): 1 / 60, ("min", "s"): 1 / 60}


def _composite(text: str, a: Atom, b: Atom) -> Atom | None:
    """'5 feet 2 inches', '12 ft 2 in', '3 lb 4 oz': one measurement in the larger unit."""
    f = _COMPOSITE.get((a.unit or "", b.unit or ""))
    if f is None or a.low is not None or b.low is not None or b.qualifier != "exact":
        return None
    if " ".join(text[a.end : b.start].split()).lower() not in ("", "and", ","):
        return None
    r = dataclasses.replace(a)
    r.value = a.value + b.value * f
    r.end, r.nend = b.end, b.nend
    r.composite = True
    return r


def merge(text: str, start: int, end: int, atoms: list[Atom]) -> list[Atom]:
    out: list[Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            m = (
                _range(text, start, a, b)
                or _ratio(text, end, a, b)
                or _money_and_cents(text, a, b)
                or _composite(text, a, b)
            )
            if m is not None:
                out.append(m)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _money_and_cents(text: str, a: Atom, b: Atom) -> Atom | None:
    """'3 dollars 50 cents', 'thirteen dollars and forty-five cents', '15 dollars 50': one amount."""
    bare_cents = (
        b.unit is None
        and not b.scaled
        and b.int_like
        and 0 <= b.value < 100
        and b.qualifier == "exact"
        and not a.prefix_currency
        and a.int_like
        and not a.scaled
        and units.kind(a.unit) == units.CURRENCY
        and noun(text, b.end, b.end + 40) is None
    )
    if bare_cents and b.low is None and a.low is None:
        b = dataclasses.replace(b, value=b.value / 100, unit=a.unit, subunit=True)
    if not b.subunit or a.subunit or a.unit is None or a.unit != b.unit or a.low is not None:
        return None
    if " ".join(text[a.end : b.start].split()).lower() not in ("", "and", ","):
        return None
    r = dataclasses.replace(a)
    r.value = float(f"{a.value + b.value:.12g}")
    r.end, r.nend = b.end, b.nend
    return r


def _year_like(a: Atom) -> bool:
    """A bare year ("2024") or fiscal year ("2023/24")."""
    if not a.raw or a.unit is not None or a.scaled:
        return False
    return not_figures.is_year_digits(a.raw) or (
        "/" in a.raw and not_figures.is_year_digits(a.raw.split("/")[0])
    )


def _range(text: str, start: int, a: Atom, b: Atom) -> Atom | None:
    if a.ordinal or b.ordinal or a.low is not None or b.low is not None:
        return None
    if a.hyphen_tail:
        return None  # the "25" of "in 2024–25 to 47 million": the end of a span, not a range start
    gap = text[a.end : b.start]
    g = " ".join(gap.split()).lower()
    if b.hyphen_tail and gap in ("-", "–", "—", "‐"):
        conn = "-"
    elif g in number_words.RANGE_WORDS:
        conn = "-" if g in ("-", "–", "—") else "to"
    elif g == "and" and a.between:
        conn = "and"
    else:
        return None
    if _year_like(a) or _year_like(b) or b.qualifier != "exact":
        return None
    if conn == "-" and a.unit is None and b.unit is None and a.int_like and _score(text, start, a):
        return None  # "a 3-4 defeat": a score
    if a.words and a.value < 1 and not a.scaled:
        return None  # "by a third to $16,800": a fraction, then a new figure
    if a.unit is None and b.prefix_currency and conn == "to":
        return None  # "grow 5 to $16,800": a money range repeats or omits the symbol
    if a.from_ >= 0 and a.change:
        return None  # "rose from 5% to 7%": two figures, not a range
    ua, ub = a.unit, b.unit
    if ua and ub and ua != ub:
        return None
    if units.kind(ua) == units.PERCENT and not ub:
        # "15 percent to 7.2 million", "25% to 412,000": a change and its result.  A percent
        # range repeats the sign on both ends or puts it on the second only ("6 to 8%").
        return None
    if conn == "to" and _prev_word(text, start, a.start) == "by":
        return None  # "rose by 5% to 7%": the change, then the new level
    if conn == "to" and _change_then_level(text, start, a, b):
        return None  # "rose 3 percent to 8.0% from 5.0%": the change, the new level, the old
    lo, hi = a.value, b.value
    amult, bmult = a.mult, b.mult
    if not a.scaled and b.scaled and bmult > 1 and abs(lo * bmult) <= abs(hi):
        lo = exact_scaled(a.raw or None, bmult, lo * bmult) if a.raw else lo * bmult
        lo = float(f"{lo:.12g}")
    elif a.scaled and not b.scaled and amult > 1 and abs(hi) < abs(lo):
        hi = float(f"{hi * amult:.12g}")
    if conn == "-" and not lo < hi:
        return None
    if lo > hi:
        if a.from_ >= 0 and hi >= 0:
            return None  # "from 12% to 10%": a range runs upwards, so this is a change
            # (below zero, "from -18 °C to -34 °C" is a range written by distance from zero)
        lo, hi = hi, lo
    r = dataclasses.replace(a)
    r.start = a.from_ if a.from_ >= 0 and a.from_ < a.start else a.start
    r.end = b.end
    r.nend = b.nend
    # A range has no single value: NaN, so every comparison with it is false (numbers._quantity
    # reports None).  Not None, which a compiled build (mypyc) refuses in a float field.
    r.value, r.low, r.high = math.nan, lo, hi
    r.qualifier = "range"
    r.unit = ua or ub
    r.scaled = a.scaled or b.scaled
    r.raw = ""
    r.mult = bmult
    return r


def _ratio(text: str, end: int, a: Atom, b: Atom) -> Atom | None:
    """'one in five', 'two out of three', '1 over 3': a proportion."""
    if a.unit or b.unit or a.ordinal or b.ordinal or a.low is not None or b.low is not None:
        return None
    gap = " ".join(text[a.end : b.start].split()).lower()
    if gap in ("out of", "in"):
        pass
    elif gap == "" and b.bound == ("over",) and a.qualifier == "exact":
        if noun(text, b.end, end) is not None:
            return None
    else:
        return None
    if not (0 < abs(a.value) < b.value) or _year_like(a) or _year_like(b) or not a.int_like:
        return None
    r = dataclasses.replace(b)
    r.start, r.nstart = a.start, a.nstart
    r.words = False  # a ratio is a figure whatever its words ("One in five children")
    r.value = a.value / b.value
    r.qualifier = a.qualifier
    r.int_like = False
    r.raw = ""
    return r


_PREV_WORD = re.compile(r"([A-Za-z]{1,30})[^A-Za-z]{0,3}$")
_NEXT_WORD = re.compile(r"[^A-Za-z.;:!?]{0,3}([A-Za-z]{1,30})")


#: After "<verb of change> X% to Y%", a baseline in the same clause ("from 5.0%") shows that
#: Y is the new level and X the change: a range of changes has no baseline of its own.
_FROM_AFTER = re.compile(r"[^.;:]{0,60}?\b(?:up|down)?\s*from\s+(?:about\s+|around\s+)?[-+]?\d", re.I)


def _change_then_level(text: str, start: int, a: Atom, b: Atom) -> bool:
    """ "rose 3 percent to 8.0% from 5.0%": a change of a percentage, its new level and
    its baseline (issue 11: percentage points against percent), not a range."""
    if units.kind(a.unit) != units.PERCENT or a.unit != b.unit:
        return False
    if _prev_word(text, start, a.start) not in CHANGE_VERBS:
        return False
    return _FROM_AFTER.match(text, b.end) is not None


def _prev_word(text: str, start: int, pos: int) -> str:
    if pos <= start:
        return ""
    m = _PREV_WORD.search(text, max(start, pos - 34), pos)
    return m.group(1).lower() if m else ""


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos, pos + 34)
    return m.group(1).lower() if m else ""


_CODE_TOKEN = re.compile(
    r"(?<![\w.&])([A-Z][A-Za-z]{0,20}|[A-Z]{1,4}&[A-Z]{1,4}|[a-z]{1,2}[A-Z][A-Za-z]{1,20}|[A-Z0-9]{2,3})\s$"
)
#: A word shaped like a brand, model or index name, never a word of prose: a capital inside
#: it ("PlayStation", "iPhone"), an ampersand ("S&P") or four capitals or more ("FTSE",
#: "NASDAQ").  A bare integer after it is part of the name, wherever the sentence starts
#: (an all-capital word only when no counted noun follows the integer).
_BRAND_SHAPED = re.compile(
    r"[A-Za-z]+[a-z][A-Z][A-Za-z]*|[a-z]{1,2}[A-Z][A-Za-z]*|[A-Z]{1,4}&[A-Z]{1,4}|[A-Z]{4,}"
)


def _named(text: str, start: int, a: Atom) -> bool:
    """A bare integer that names something: "Flight KC 852", "the Boeing 737 Max"."""
    m = _CODE_TOKEN.search(text, max(start, a.start - 22), a.start)
    if m is None:
        return False
    word = m.group(1)
    if len(word) <= 3 and word.isupper() and units.currency_prefix(word) is None:
        return True  # an airline, route or model code
    if (
        _BRAND_SHAPED.fullmatch(word)
        and units.currency_prefix(word) is None
        and word not in unit_tables.ISO_CODES
        and (not word.isupper() or noun(text, a.end, a.end + 40) is None)
    ):
        # "iPhone 17", "PlayStation 5", "S&P 500", "FTSE 100"; a capitalised heading word
        # before a count ("TOTAL 450 schools") is not a name
        return True
    before = text[start : m.start()].rstrip()
    if not before or before[-1] in '.:;!?"“(':
        return False  # the capital is just the start of the sentence
    if word.lower() in not_figures.MONTH_WORDS:
        return False
    nxt = re.match(r"\s([A-Z][a-z]{1,20}|[A-Z]{2,5})\b", text[a.end : a.end + 24])
    return nxt is not None  # "Boeing 737 Max", "Windows 11 Pro"


#: The second integer of a score glued by a dash ("6-3", "7-6(4)", "43–10"), no unit after it.
_SCORE_TAIL = re.compile(r"[-–](\d{1,3})(\(\d{1,2}\))?(?![\d.,]?\d|\s?(?:%|per\b))")


def _score(text: str, start: int, a: Atom) -> bool:
    """A sports score or vote tally ("won 4-3", "a 43-10 win", "6-3 7-6(4)"): not a figure.

    A pair of bare integers joined by a dash that runs downwards or level is no range (a
    range runs upwards); an upward pair is a score when a score word stands next to it.
    """
    m = _SCORE_TAIL.match(text, a.end)
    if m is None:
        return False
    if int(m.group(1)) <= a.value or m.group(2):
        return True  # downwards or level, or with a tie-break ("6-7(3)")
    words = (_prev_word(text, start, a.start), _next_word(text, m.end()))
    return any(w in number_words.SCORE_WORDS for w in words)


def mark_ranks(text: str, start: int, atoms: list[Atom]) -> None:
    """Mark ordinals that are positions in a ranking (``rank``); the rest are names.

    A rank has a ranking word before or after it ("ranks 24th", "24th place"), follows a
    movement ("slipped to 63rd", "up from 40th"), or continues a rank just before it
    ("16th in the ranking, from 17th a year earlier"; "40th last year and 81st in 2015").
    """
    prev: Atom | None = None
    for a in atoms:
        if not a.ordinal:
            continue
        before = text[max(start, a.start - 40) : a.start].lower().split()[-4:]
        words = [w.strip(",;:()") for w in before]
        nxt = _next_word(text, a.end)
        follows = nxt in number_words.RANK_FOLLOW or not nxt or _clause_end(text, a.end)
        rank = (
            follows and any(w in number_words.RANK_BEFORE for w in words[-3:])
        ) or nxt in number_words.RANK_AFTER
        if not rank and follows and not (words and words[-1] in number_words.NAME_DETERMINERS):
            rank = _RANKING_AFTER.match(text, a.end, a.end + 80) is not None  # "97th in the ranking"
        if not rank and follows and words and words[-1] in ("to", "from"):
            rank = any(w in number_words.RANK_MOVES for w in words[:-1])  # "slipped to 63rd", "up from 40th"
        if not rank and follows and prev is not None and prev.rank:
            gap = text[prev.end : a.start]
            rank = len(gap) <= RANK_LIST_GAP and not any(c in gap for c in ".;:!?")
        if rank:
            a.rank = True
            a.noun = "rank"
            if a.qualifier != "exact":  # "up to 24th": a position is not bounded
                a.qualifier, a.start = "exact", a.nstart
            prev = a


def _clause_end(text: str, pos: int) -> bool:
    rest = text[pos : pos + 2].lstrip()
    return not rest or rest[0] in ".,;:!?)"


def keep(text: str, start: int, a: Atom) -> bool:
    """Drop what is not a figure: years, dates, stray range ends, ordinals used as names."""
    if a.hyphen_tail and a.low is None:
        return False
    if a.ordinal:
        return a.rank  # see mark_ranks
    if a.low is None and a.unit is None and not a.scaled and a.qualifier == "exact":
        if _year_like(a):
            return False
        if "/" in a.raw and not_figures.is_year_digits(a.raw.split("/")[0]):
            return False  # 2024/25
    if a.raw and (not_figures.is_date_digits(a.raw) or (len(a.raw) > 1 and a.raw.startswith("0"))):
        return False
    if a.raw and a.unit is None and not a.scaled and a.qualifier == "exact" and _named(text, start, a):
        return False
    if a.low is None and a.unit is None and not a.scaled and a.int_like and _score(text, start, a):
        return False
    if a.low is None and a.unit is None and a.words:
        word = text[a.nstart : a.nend].lower()
        prev = _prev_word(text, start, a.start)
        if (
            word == "one"
            and a.start == a.nstart
            and (
                prev in number_words.DETERMINERS
                or _next_word(text, a.end) in ("of", "another", "by", "after", "on")
            )
        ):
            return False
        if word in ("half", "a half", "an half", "a quarter", "quarter") or (
            word.startswith(("a ", "an ", "one ")) and not a.scaled and a.value < 1
        ):
            if prev in number_words.ORDINAL_WORDS or prev == "the":
                return False  # "the first half of the year", "in the third quarter"
            if prev in number_words.FRACTION_CUES or a.start != a.nstart:
                return True
            nw = _next_word(text, a.end)
            tail = text[a.end : a.end + 3].lstrip()
            return nw == "of" or not tail or tail[0] in ".;:!?)"
    return True


# --- lists ---------------------------------------------------------------------------------


def share_lists(text: str, atoms: list[Atom]) -> None:
    """Propagate units, magnitudes and bounds along lists of figures.

    Backwards over directly adjacent items ("3.5, 3.6 and 3.9 trillion tenge": the last
    item's magnitude and unit apply to the bare ones before it), and forwards across
    items separated by a time phrase ("over 23.9 trillion tenge in 2024, 23.8 trillion in
    2025": the later item takes the unit and the bound of the first).
    """
    n = len(atoms)
    if n < 2:
        return  # nothing to share
    adjacent = [False] * n  # adjacent[i]: atoms i and i+1 are items of one list
    timed = [False] * n
    for i in range(n - 1):
        gap = text[atoms[i].end : atoms[i + 1].start]
        if len(gap) > 40:
            continue
        if _SEPARATOR.fullmatch(gap):
            adjacent[i] = True
        elif _TIME_GAP.fullmatch(gap) or (atoms[i + 1].scaled and _COMPARE_GAP.fullmatch(gap)):
            timed[i] = True  # "... in 2024, 23.8 trillion in 2025"; "..., up from 2.8 million"
    # A run of comma-separated items is a list only if it is closed by "and"/"or"
    # ("3.5, 3.6 and 3.9 trillion"); "GEL 240 million, 8% less" is an apposition.
    closed = [False] * n
    for i in range(n - 2, -1, -1):
        if adjacent[i]:
            gap = text[atoms[i].end : atoms[i + 1].start]
            closed[i] = _CLOSING.search(gap) is not None or (closed[i + 1] if i + 1 < n else False)
    for i in range(n - 2, -1, -1):  # backwards: trailing unit and magnitude
        a, b = atoms[i], atoms[i + 1]
        if not adjacent[i] or not closed[i] or a.low is not None or a.rank or b.rank:
            continue
        if a.scaled and units.kind(b.unit) == units.PERCENT:
            continue
        if (
            b.unit is not None
            and (a.unit is None or a.unit == b.unit)
            and not (a.unit is None and noun(text, a.end, a.end + 30) is not None)
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
    for i in range(n - 1):  # a part of the figure before takes its unit ("of which 19 billion")
        a, b = atoms[i], atoms[i + 1]
        if (
            b.unit is None
            and a.unit is not None
            and units.kind(a.unit) != units.PERCENT
            and a.scaled == b.scaled
            and b.low is None
            and not (a.rank or b.rank)
            and len(gap := text[a.end : b.start]) <= PART_GAP_MAX
            and _PART_GAP.search(gap) is not None
            and noun(text, b.end, b.end + 30) is None
        ):
            b.unit = a.unit
    for i in range(n - 1):  # forwards: leading unit, and the bound of a linked list
        a, b = atoms[i], atoms[i + 1]
        if not (adjacent[i] or timed[i]) or b.rank or a.rank:
            continue
        if (
            b.unit is None
            and a.unit is not None
            and b.scaled == a.scaled
            and (b.scaled or timed[i])
            and b.low is None
            and noun(text, b.end, b.end + 30) is None
        ):
            b.unit = a.unit
            a.linked = b.linked = True
        if a.linked and b.linked and a.unit == b.unit and b.qualifier == "exact" and a.qualifier != "range":
            b.qualifier = a.qualifier
