"""Scanner of the ``numbers`` stage: number tokens and the numerals they spell.

Reads: a sentence.  Writes: ``Tok`` runs (digits with their separators interpreted, digit
fractions, vulgar fractions, number words, "a"/"an" before a number word), grouped into
runs that may form one numeral, and the test for blocked spans.

The scanner is one compiled regex.  Its word alternatives are factored into a trie with
explicit case classes (``numbers._spelled.trie_pattern``): the engine rejects most positions
after one character, so scanning runs at tens of MB/s.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import pairwise

from claimledger.extract.numbers._spelled import ALL_WORDS, ARTICLE_HEADS, Tok
from claimledger.resources.patterns import trie_pattern

#: Digits longer than this are identifiers or data dumps, not figures (and float()
#: of a huge run would be wasted work).
MAX_DIGITS = 15
#: Tokens closer than this many characters are considered for one numeral ("two hundred
#: and  thirty one"); anything wider is separate text.
MAX_GAP = 12

_SP = "[ \u00a0\u202f\u2009]"
_DIGIT_GROUPS = rf"\d{{1,3}}(?:{_SP}\d{{3}})+(?![\d])(?:\.\d+)?"
_DIG = (
    rf"(?<![\w.,]){_DIGIT_GROUPS}"  # 1 500 000 (thin / no-break spaces), not i7 860
    r"|\d+(?:[.,]\d+)*"  # 1,500 / 4.3 / 12,34,567.89 / 1.111,11 (interpreted later)
    r"|\.\d+"  # .25
)
_EXP = r"(?:[eE][-+]?\d{1,3}(?![\w])|\s?[x×]\s?10(?:\^[-−+]?\d{1,3}|[-−]\d{1,3})|\^[-+−]{0,2}\d{1,3})"
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
_VULGAR_VAL = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅖": 2 / 5,
    "⅗": 3 / 5,
    "⅘": 4 / 5,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅐": 1 / 7,
    "⅛": 1 / 8,
    "⅜": 3 / 8,
    "⅝": 5 / 8,
    "⅞": 7 / 8,
    "⅑": 1 / 9,
    "⅒": 1 / 10,
}
_SCAN_DIGITS_SRC = (
    rf"(?P<f>\d{{1,6}}{_SP}?/{_SP}?\d{{1,6}}(?![\d/]))"
    rf"|(?P<d>(?:{_DIG}){_EXP}?)"
    rf"|(?P<v>[{_VULGAR}])"
)
_SCAN = re.compile(
    _SCAN_DIGITS_SRC
    + rf"|(?P<w>(?<![A-Za-z]){trie_pattern(ALL_WORDS)}(?![A-Za-z]))"
    + rf"|(?P<a>(?<![A-Za-z])[aA][nN]?(?=[ \-]{{1,3}}{trie_pattern(ARTICLE_HEADS)}(?![A-Za-z])))"
)
# Cheap rejection.  Word tokens ("w", and "a" only before one of ARTICLE_HEADS, which are
# number words too) are number words in ASCII letters with no ASCII letter before them, so
# the sentence has one of the number words that no other number word starts with ("one"
# for "one", "ones", "forty-one"; "seven" for "seventy") after a non-letter, or at its
# start.  "money", "often" and "tenge" do not count.  A sentence without one (most of news
# prose) needs only the digit alternatives, and those are tried only where a token can
# start.  The non-letter opens the patterns, so that the engine skips runs of letters at C
# speed, and the test runs on the lower-cased sentence, where the trie is plain letters.
# Lower-casing maps only two non-ASCII characters onto ASCII letters, "İ" (into two
# characters) and the Kelvin sign (which could hide the boundary before a word): with
# either, the test runs on the text itself.
_PREFIX_FREE_WORDS = {w for w in ALL_WORDS if not any(o != w and w.startswith(o) for o in ALL_WORDS)}
_LOW_WORD_AT_START = re.compile(trie_pattern(_PREFIX_FREE_WORDS, ignore_case=False, lookahead=False))
_NUMBER_WORD = re.compile("[^a-z]" + _LOW_WORD_AT_START.pattern)
_KELVIN = "\u212a"
_WORD_HEAD = trie_pattern(_PREFIX_FREE_WORDS, lookahead=False)
# Where the word alternatives of the scanner can start: after a non-letter (the match
# opens one character early), a number word or an article before one; and the start of the
# sentence, which the scanner itself is tried at.
_WORD_CAND = re.compile(rf"[^A-Za-z](?:{_WORD_HEAD}|[aA][nN]?[ \-]{{1,3}}{trie_pattern(ARTICLE_HEADS)})")
_SCAN_DIGITS = re.compile(_SCAN_DIGITS_SRC)
# Every digit, fraction or vulgar token starts with a digit, a vulgar fraction or a "."
# before a digit (".25"): the digit-only scan jumps from one to the next at C speed (the
# pattern opens on a character class; the look-behind then drops a "." without a digit)
# and tries the scanner only there.
_DIGIT_START = re.compile(rf"[\d.{_VULGAR}](?<!\.(?!\d))")

# --- tokens ---------------------------------------------------------------------------------


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """The number tokens of ``text[start:end]``: what ``_SCAN.finditer`` finds, read."""
    if not _may_have_words(text, start, end):
        if _DIGIT_START.search(text, start, end) is None:
            return []  # no number at all (half of news prose)
        return _to_tokens(text, _digit_matches(text, start, end))
    return _to_tokens(text, _word_matches(text, start, end))


def _may_have_words(text: str, start: int, end: int) -> bool:
    """Can the scanner's word alternatives match in ``text[start:end]``?  (False only when
    they cannot.)"""
    sent = text[start:end]
    low = sent.lower()
    if len(low) == len(sent) and _KELVIN not in sent:
        return _NUMBER_WORD.search(low) is not None or _LOW_WORD_AT_START.match(low) is not None
    return True


def _to_tokens(text: str, matches: Iterable[re.Match[str]]) -> list[Tok]:
    """Tokens from scanner matches (in text order)."""
    out: list[Tok] = []
    for m in matches:
        kind = m.lastgroup or "d"
        s, e = m.span()
        raw = m.group()
        if kind == "d":
            if raw.isdigit() and len(raw) <= MAX_DIGITS:  # "2024", "15": what _digit_tok gives
                out.append(Tok("d", raw, s, e, float(raw), raw))
                continue
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


def _word_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """What ``_SCAN.finditer(text, start, end)`` yields, trying the scanner only where a
    digit token or a word token can start."""
    digit_at, word_at, match = _DIGIT_START.search, _WORD_CAND.search, _SCAN.match

    def next_word(pos: int) -> int:
        if pos == start:
            return start
        w = word_at(text, pos - 1, end)
        return end if w is None else w.start() + 1

    pos = start
    nd = nw = start - 1  # the next candidates, not looked for yet
    while True:
        if nd < pos:
            d = digit_at(text, pos, end)
            nd = end if d is None else d.start()
        if nw < pos:
            nw = next_word(pos)
        c = min(nd, nw)
        if c >= end:
            return
        m = match(text, c, end)
        if m is None:
            pos = c + 1
            continue
        yield m
        pos = m.end()  # never empty: every alternative consumes a character


def _digit_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """What ``_SCAN_DIGITS.finditer(text, start, end)`` yields, trying the scanner only
    where a token can start (a digit, "." or a vulgar fraction)."""
    find, match = _DIGIT_START.search, _SCAN_DIGITS.match
    pos = start
    while (c := find(text, pos, end)) is not None:
        m = match(text, c.start(), end)
        if m is None:
            pos = c.start() + 1
            continue
        yield m
        pos = m.end()  # never empty: every alternative consumes a character


_EXPONENT = re.compile(r"[eE]([-+]?\d+)$|\s?[x×]\s?10\^?([-−+]?\d+)$|\^([-+−]*)(\d+)$")
_EXP_CHARS = frozenset("eEx×^")


def _digit_tok(text: str, raw: str, s: int, e: int) -> list[Tok] | None:
    """Interpret a digit blob: separators, decimal comma, exponent.  None: not a number."""
    if raw.isdigit():  # the common case, "2024", "15": what the general path gives it
        if len(raw) > MAX_DIGITS and len(raw.lstrip("0")) > MAX_DIGITS:
            return None
        return [Tok("d", raw, s, e, float(raw), raw)]
    body, exp = raw, 0
    m = _EXPONENT.search(raw) if not raw.isdigit() and _EXP_CHARS.intersection(raw) else None
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
    if not body.isdigit():
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


def groups(text: str, toks: list[Tok]) -> list[tuple[list[Tok], list[str]]]:
    """Runs of tokens separated only by spaces, hyphens, 'and', ',' or 'of a'."""
    if len(toks) == 1:
        return [(toks, [])]
    out: list[tuple[list[Tok], list[str]]] = []
    cur = [toks[0]]
    gaps: list[str] = []
    joinable = _JOIN.fullmatch
    for prev, t in pairwise(toks):
        gap = text[prev.end : t.start]
        if len(gap) <= MAX_GAP and joinable(gap) is not None:
            cur.append(t)
            gaps.append(gap)
        else:
            out.append((cur, gaps))
            cur, gaps = [t], []
    out.append((cur, gaps))
    return out


_JOIN = re.compile(r"\s{0,4}(?:[-–‐]|and|&|,|of an?|of)?\s{0,4}", re.I)


def inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Does ``[s, e)`` overlap one of the sorted, disjoint ``spans``?"""
    k = bisect_left(spans, (e, -1)) - 1  # the last span starting before e
    return k >= 0 and spans[k][1] > s
