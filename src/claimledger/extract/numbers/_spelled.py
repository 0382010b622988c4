"""Spelled-out numbers: the word tables and a small parser for the ``numbers`` stage.

Reads: a run of number tokens (digits, number words, "a"/"an", vulgar fractions) with the
gaps between them.  Writes: ``Parsed`` numerals (token range, value, flags).

The grammar covers cardinals ("two hundred and two thousand"), digits with spelled scales
("1.5 million", "3 hundred and 21", "three lakh crore"), fractions ("two-thirds", "a
third", "one and a half", "five eighths", "three million and a half"), dozens ("half a
dozen") and spoken decimals ("two point five").  It is a single left-to-right pass over at
most a few dozen tokens, so it cannot blow up.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimledger.resources.numbers import DOZEN, ONES, ORDINALS, SCALES, TEENS, TENS
from claimledger.resources.numbers import ORD_ONES as _ORD_ONES_NAMED

# Fraction denominators: the ordinals from "third" on ("a second" is never a half), their
# plurals, halves and quarters.
DENOM: dict[str, float] = {k: float(v) for k, v in ORDINALS.items() if k not in ("first", "second")}
DENOM.update({k + "s": v for k, v in list(DENOM.items())})
DENOM.update({"half": 2.0, "halves": 2.0, "quarter": 4.0, "quarters": 4.0})
# "first(s)"/"second(s)" close a compound denominator ("three twenty-firsts"), as do the
# ordinals below ten.
ORD_ONES: dict[str, float] = dict(_ORD_ONES_NAMED)
ORD_ONES.update({k: v for k, v in DENOM.items() if v < 10 and k not in ("half", "halves")})

_SCALE_OR_HUNDRED = frozenset(SCALES) | {"hundred"}


#: Every word the scanner must see (lower case), longest first for the regex.
ALL_WORDS: tuple[str, ...] = tuple(
    sorted(
        set(ONES)
        | set(TEENS)
        | set(TENS)
        | set(SCALES)
        | {"hundred", "hundreds", "point"}
        | set(ORDINALS)
        | set(DENOM)
        | set(DOZEN)
        | {"firsts"},
        key=lambda w: (-len(w), w),
    )
)
WORD_SET = frozenset(ALL_WORDS)
#: Words an article ("a", "an") may introduce as a number ("a third", "a dozen").
ARTICLE_HEADS: tuple[str, ...] = tuple(
    sorted(set(SCALES) | {"hundred"} | set(DENOM) | set(DOZEN) | set(TENS), key=lambda w: (-len(w), w))
)


@dataclass(slots=True)
class Tok:
    """One scanned number token: ``kind`` is d (digits), f (digit fraction), v (vulgar
    fraction), w (word) or a (article)."""

    kind: str
    text: str
    start: int
    end: int
    value: float = 0.0
    digits: str = ""  # normalised decimal string for digit tokens ("1500.5")


@dataclass(slots=True)
class Parsed:
    """A numeral spelled by tokens ``[i, j)``."""

    i: int
    j: int
    value: float
    exact: str | None = None  # decimal string when the value is digits (for exact scaling)
    words: bool = False  # spelled (at least partly) in words
    article: bool = False  # starts with "a"/"an"
    fraction: bool = False  # contains a fraction word or is a digit fraction
    ordinal: bool = False  # a lone ordinal word ("fifth")
    scaled: bool = False  # a spelled scale was applied ("1.5 million")
    mult: float = 1.0  # the last spelled scale ("1.5 million" -> 1e6), for ranges and lists


def _gap_kind(gap: str) -> str:
    """Classify the text between two tokens: '' (glued), ' ', '-', 'and', ',', 'of', or 'x'."""
    g = gap.strip()
    if not gap:
        return ""
    if not g:
        return " "
    if g in ("-", "–", "‐"):
        return "-"
    low = " ".join(g.lower().split())
    if low in ("and", "&"):
        return "and"
    if low == ",":
        return ","
    if low in ("of a", "of an", "of"):
        return "of"
    return "x"


def parse(toks: list[Tok], gaps: list[str]) -> list[Parsed]:
    """Split a token run into numerals.  ``gaps[k]`` is the text between toks k and k+1."""
    n = len(toks)
    if n == 1 and toks[0].kind != "w" and toks[0].kind != "a":
        t = toks[0]  # a lone digit token, the common case: what _parse_digits gives it
        return [Parsed(0, 1, t.value, exact=t.digits or None, fraction=t.kind in ("f", "v"))]
    out: list[Parsed] = []
    i = 0
    kinds = [_gap_kind(g) for g in gaps]
    while i < n:
        p = _parse_one(toks, kinds, i)
        if p is None or p.j <= p.i:
            i += 1
            continue
        out.append(p)
        i = max(p.j, i + 1)
    return out


def _low(t: Tok) -> str:
    return t.text.lower()


def _fraction_follows(toks: list[Tok], j: int) -> bool:
    """Is token j (a tens word) followed, within two tokens, by a fraction denominator?"""
    return any(_low(t) in DENOM for t in toks[j + 1 : j + 3])


def _parse_one(toks: list[Tok], gk: list[str], i: int) -> Parsed | None:
    """The numeral that starts at token ``i``, or None when none does."""
    n = len(toks)
    t0 = toks[i]
    if t0.kind in ("d", "f", "v"):
        return _parse_digits(toks, gk, i)
    w0 = _low(t0)
    if t0.kind == "a":
        if i + 1 >= n or gk[i] not in (" ", "-"):
            return None
        nxt = _low(toks[i + 1])
        if nxt in TENS and i + 2 < n and gk[i + 1] in ("-", " ") and _low(toks[i + 2]) in ORD_ONES:
            # "a twenty-first": one over a compound denominator
            den = TENS[nxt] + ORD_ONES[_low(toks[i + 2])]
            return Parsed(i, i + 3, 1.0 / den, words=True, article=True, fraction=True)
        if nxt not in SCALES and nxt != "hundred" and nxt not in DENOM and nxt not in DOZEN:
            return None
        return _parse_words(toks, gk, i, start_value=1.0, article=True)
    if w0 in ORDINALS and w0 not in DENOM:
        return Parsed(i, i + 1, float(ORDINALS[w0]), words=True, ordinal=True)
    if w0 in DENOM and w0 not in ("half", "halves", "quarter", "quarters"):
        # A lone ordinal ("the fifth Games"); plural denominators need a numerator.
        if w0 in ORDINALS:
            return Parsed(i, i + 1, float(ORDINALS[w0]), words=True, ordinal=True)
        return None
    if w0 == "half":
        return _parse_half(toks, gk, i)
    if w0 in ("quarter",) and i + 1 < n and gk[i] == " " and _low(toks[i + 1]) in SCALES:
        return _scaled_fraction(toks, gk, i, 0.25)
    if w0 in ONES or w0 in TEENS or w0 in TENS:
        return _parse_words(toks, gk, i, start_value=None, article=False)
    return None  # a scale, "point" or "dozens" with no number before it


def _parse_half(toks: list[Tok], gk: list[str], i: int) -> Parsed | None:
    """'half', 'half a dozen', 'half a million', 'half million'."""
    n = len(toks)
    if i + 2 < n and gk[i] == " " and toks[i + 1].kind == "a" and _low(toks[i + 2]) in DOZEN:
        return Parsed(i, i + 3, 6.0, words=True, fraction=True)  # half a dozen
    if i + 2 < n and gk[i] == " " and toks[i + 1].kind == "a" and _low(toks[i + 2]) in SCALES:
        s = SCALES[_low(toks[i + 2])]  # half a million
        return Parsed(i, i + 3, 0.5 * s, words=True, fraction=True, scaled=True, mult=s)
    if i + 1 < n and gk[i] in (" ", "-") and _low(toks[i + 1]) in SCALES:
        return _scaled_fraction(toks, gk, i, 0.5)
    return Parsed(i, i + 1, 0.5, words=True, fraction=True)


def _scaled_fraction(toks: list[Tok], gk: list[str], i: int, frac: float) -> Parsed:
    s = SCALES[_low(toks[i + 1])]
    return Parsed(i, i + 2, frac * s, words=True, fraction=True, scaled=True, mult=s)


def _parse_digits(toks: list[Tok], gk: list[str], i: int) -> Parsed:
    """Digits, optionally continued by a mixed fraction or spelled scales/dozens."""
    n = len(toks)
    t = toks[i]
    value = t.value
    exact: str | None = t.digits or None
    j = i + 1
    fraction = t.kind in ("f", "v")
    # mixed numbers: "10 1/2", "2½"
    if t.kind == "d" and j < n and toks[j].kind in ("f", "v") and gk[i] in ("", " ") and toks[j].value < 1:
        value += toks[j].value
        exact = None
        fraction = True
        j += 1
    if t.kind == "d" and j < n and gk[j - 1] in (" ", "-", "") and toks[j].kind == "w":
        w = _low(toks[j])
        if w in SCALES or w == "hundred" or w in DOZEN:
            p = _parse_words(toks, gk, i, start_value=value, article=False, first_is_digits=True)
            p.exact = exact if exact and not p.fraction else None
            p.words = False
            return p
    return Parsed(i, j, value, exact=exact, fraction=fraction)


def _parse_words(
    toks: list[Tok],
    gk: list[str],
    i: int,
    *,
    start_value: float | None,
    article: bool,
    first_is_digits: bool = False,
) -> Parsed:
    """Cardinals with scales, 'and', fractions, dozens and 'point'.  See module doc."""
    n = len(toks)
    total = 0.0
    cur = 0.0
    last = ""  # class of the previous token: ones teens tens hundred scale digits and frac
    tail = 0.0  # small number added after the latest 'and'
    after_and = False
    have = False
    last_scale = 0.0
    fraction = False
    scaled = False
    j = i
    if start_value is not None:
        cur = start_value
        have = True
        last = "digits" if first_is_digits else "ones"
        if article:
            last = "article"
        j = i + 1
    while j < n:
        g = gk[j - 1] if j > i else ""
        t = toks[j]
        w = _low(t)
        if j > i and g not in (" ", "-", "and", ",", "of", ""):
            break
        if g == "and" and (last in ("and", "article") or not have):
            break
        if g == "," and last != "scale":
            break
        if g == "of" and not (last == "frac" and (w in SCALES or t.kind == "a")):
            break
        if g == "" and j > i and t.kind != "v":
            break
        if t.kind == "a":
            # "of a million", "and a half"
            if g not in ("of", "and") or j + 1 >= n:
                break
            nxt = _low(toks[j + 1])
            if g == "of" and nxt in SCALES:
                j += 1
                continue
            if g == "and" and nxt in DENOM:
                after_and = True
                tail = 1.0
                last = "article"
                j += 1
                continue
            break
        if t.kind == "d":
            scale_next = j + 1 < n and gk[j] == " " and _low(toks[j + 1]) in _SCALE_OR_HUNDRED
            small = t.value < 100 and t.value.is_integer() and not scale_next
            if g == "and" and last in ("hundred", "scale") and small:
                cur += t.value
                tail = t.value
                last = "digits"
                j += 1
                continue
            if last == "scale" and g == " " and t.value < 1000 and scale_next:
                # "2 million 300 thousand"; not "212 million 2. Nigeria": a list's next rank
                cur += t.value
                last = "digits"
                j += 1
                continue
            break
        if t.kind in ("f", "v"):
            break
        if w in ONES or w in TEENS:
            v = ONES.get(w, TEENS.get(w, 0))
            if last in ("", "hundred", "scale") or (last == "tens" and w in ONES and g in (" ", "-")):
                cur += v
                if last == "tens" and after_and:
                    tail += v  # "and fifty-four hundredths": the numerator is 54
            elif g == "and" and last in ("ones", "teens", "tens", "digits"):
                # "twenty and three fifths", "one hundred and three and two thirds"
                nxt_frac = j + 1 < n and _low(toks[j + 1]) in DENOM
                if not nxt_frac:
                    break
                after_and = True
                tail = float(v)
                cur += v
            else:
                break
            if g == "and":
                after_and = True
                tail = float(v)
            last = "teens" if w in TEENS else "ones"
            have = True
            j += 1
            continue
        if w in TENS:
            # compound denominator after a numerator: "one hundred thirty-fifths"
            if (
                have
                and last in ("ones", "teens", "tens", "hundred", "article")
                and g != "and"
                and j + 1 < n
                and gk[j] in (" ", "-")
                and _low(toks[j + 1]) in ORD_ONES
            ):
                den = TENS[w] + ORD_ONES[_low(toks[j + 1])]
                return Parsed(i, j + 2, (total + cur) / den, words=True, article=article, fraction=True)
            if last in ("", "hundred", "scale") or (g == "and" and last in ("hundred", "scale")):
                cur += TENS[w]
            elif g == "and" and last in ("ones", "teens", "digits") and _fraction_follows(toks, j):
                cur += TENS[w]  # "two and fifty-four hundredths"
            else:
                break
            if g == "and":
                after_and = True
                tail = float(TENS[w])
            last = "tens"
            have = True
            j += 1
            continue
        if w in ("hundred", "hundreds"):
            if last in ("hundred", "scale") or (not have and not article):
                break
            cur = (cur or 1.0) * 100
            last = "hundred"
            have = True
            after_and = False
            j += 1
            continue
        if w in SCALES:
            s = SCALES[w]
            if not have:
                break
            if last == "frac":
                if total >= s * 1000 or not total:
                    total += cur * s
                else:
                    total = (total + cur) * s
                cur = 0.0
            elif last_scale and s > last_scale:
                total = (total + cur) * s
                cur = 0.0
            else:
                total += (cur or 1.0) * s
                cur = 0.0
            last_scale = s
            last = "scale"
            scaled = True
            after_and = False
            j += 1
            continue
        if w in DOZEN:
            if not have:
                break
            base = tail if after_and and tail else cur
            cur = cur - base + (base or 1.0) * 12
            last = "scale"
            scaled = True
            last_scale = last_scale or 12.0
            j += 1
            continue
        if w in DENOM:
            den = DENOM[w]
            if not have:
                break
            plural = w.endswith("s") or w in ("half", "quarter")
            if not plural and last != "article" and (total + cur) != 1 and not (after_and and tail == 1):
                break  # "two millionth" is not a fraction
            nxt_scale = j + 1 < n and gk[j] == " " and _low(toks[j + 1]) in SCALES
            if last == "article" and after_and and cur == 0 and total and nxt_scale:
                # "one billion and a half million": the fraction is of the next scale
                cur = 1.0 / den
                fraction = True
                last = "frac"
                after_and = False
                j += 1
                continue
            if last == "article" and after_and:
                # "one and a half", "3 million and a half"
                if cur == 0 and total and last_scale:
                    total += last_scale / den
                else:
                    cur += 1.0 / den
            elif last == "article":
                cur = 1.0 / den
            elif after_and and tail and tail < den:
                whole = total + cur - tail
                if cur - tail == 0 and total and nxt_scale:
                    cur = tail / den  # "one billion and three quarters million"
                elif cur - tail == 0 and total and last_scale:
                    total = total + tail * last_scale / den
                    cur = 0.0
                else:
                    total, cur = whole, tail / den
            else:
                total, cur = 0.0, (total + cur) / den
            fraction = True
            last = "frac"
            after_and = False
            j += 1
            continue
        if w == "point" and have and last in ("ones", "teens", "tens", "hundred", "scale"):
            digits = ""
            k = j + 1
            while k < n and gk[k - 1] in (" ", "-"):
                wk = _low(toks[k])
                if wk in ONES:
                    digits += str(ONES[wk])
                elif wk in TEENS:
                    digits += str(TEENS[wk])
                elif wk in TENS:
                    after = _low(toks[k + 1]) if k + 1 < n and gk[k] in (" ", "-") else ""
                    if ONES.get(after, 0) > 0:
                        digits += str(TENS[wk] + ONES[after])
                        k += 1
                    else:
                        digits += str(TENS[wk])
                else:
                    break
                k += 1
            if not digits:
                break
            cur += float("0." + digits)
            j = k
            last = "point"
            break
        break
    if j == i or (article and j == i + 1):
        return Parsed(i, i, 0.0)  # an article with nothing after it: the caller skips it
    return Parsed(
        i,
        j,
        total + cur,
        words=True,
        article=article,
        fraction=fraction,
        scaled=scaled,
        mult=last_scale or 1.0,
    )
