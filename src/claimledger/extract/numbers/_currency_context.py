"""Currency context of the ``numbers`` stage: whose "$", "Rs" or "pesos" a text means.

Reads: the document text (lazily, only when a shared currency name turns up) and the
sentence around such a name.  Writes: the ISO 4217 code the name stands for.

A currency name or symbol shared by several countries (``resources.units.FAMILIES``) is read
in this order:

0. when the sentence around the amount names several countries that use the name, as
   owners or subjects ("Serbia's deficit was 150 billion dinars, while Kuwait earned 20
   billion dinars"), the nearest one named before the amount;
1. the document's country, when its currency is one the name may stand for: "$" in a
   text mostly about Canada is CAD, "Rs" in a Pakistani text PKR.  The document's country
   is the one its country words (names, demonyms, capitals, provinces: "Ontario",
   "Karachi") name most often, the first named winning a tie; it is computed once per
   document, on the first shared name that needs it.
2. otherwise a country the sentence itself is about, when exactly one such country uses
   the name: "Canada's federal budget ... $40 billion", "the Pakistani government ... Rs
   500 billion", "In Pakistan, the budget is Rs 5 trillion".  A partner ("exports to
   Canada", "than Kenya") is where the money went, not whose it is, and a place named
   after the amount ("sold $5 billion in Canada") is where it was spent: neither counts.
3. otherwise the name's default: "$" is USD, "rupees" INR, "pesos" MXN.

Explicit names ("US$", "C$", "Canadian dollars", "PKR") are never re-read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from claimledger.resources import numbers as number_words
from claimledger.resources import places
from claimledger.resources.patterns import trie_pattern
from claimledger.resources.units import FAMILIES

__all__ = ["Context", "for_text", "resolve", "supports"]


@cache
def country_tables() -> tuple[dict[str, str], dict[str, str]]:
    """``(currency, cues)`` from ``resources.places``, built on first use.

    ``currency``: country code (or region name) -> ISO 4217 code of its currency ("" for a
    region that names no one currency, such as "Latin America", listed so that "American"
    in it does not count).  ``cues``: cue word (names, demonyms, places; case-sensitive,
    and in capitals for wire datelines) -> country code or region name.
    """
    currency: dict[str, str] = {}
    cues: dict[str, str] = {}
    for w, where in places.cue_words(places=True).items():
        key = where.alpha2 if isinstance(where, places.Country) else where.name
        currency[key] = where.currency or ""
        cues[w] = key
    for w, key in list(cues.items()):
        if len(w) >= 4:
            cues.setdefault(w.upper(), key)  # wire datelines: "OTTAWA —", "KARACHI:"
    return currency, cues


class _Cues:
    """The country words as patterns, built on the first shared currency name of a run."""

    __slots__ = ("currency", "rx", "start", "where")

    def __init__(self) -> None:
        self.currency, self.where = country_tables()
        trie = trie_pattern(self.where, ignore_case=False)
        self.rx = re.compile(r"(?<![\w.])" + trie + r"(?!\w)")
        # The bare trie, without the look-behind and the leading look-ahead: its alternatives
        # open on literal letters, so the engine finds the few places a country word can
        # start at C speed; ``_cue_matches`` tries the full pattern only there.
        self.start = re.compile(re.sub(r"^\(\?=\[[^\]]*\]\)", "", trie))


@cache
def _cues() -> _Cues:
    return _Cues()


def _currency(where: str) -> str:
    """The currency of a country code or region name ("" for none)."""
    return _cues().currency.get(where, "")


def _cue_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """What ``rx.finditer(text, start, end)`` yields: every match of the full pattern
    starts where the bare trie matches, so the positions between are skipped."""
    cues = _cues()
    pos = start
    while (cand := cues.start.search(text, pos, end)) is not None:
        m = cues.rx.match(text, cand.start(), end)
        if m is None:
            pos = cand.start() + 1
            continue
        yield m
        pos = m.end()


_PREV_WORD = re.compile(r"([A-Za-z]{1,12})\W{1,3}$")
#: Evidence a country needs to be the document's: naming it as an owner or subject
#: ("Canada's budget", "the Pakistani government") weighs 2, as a place or partner
#: ("exports to Canada") 1.  One passing mention of a place does not make a document
#: about that country.
MIN_DOC_EVIDENCE = 2
#: How far (characters) either side of an amount the sentence is searched for a country:
#: a long sentence's clause about another country should not decide, and the cost of a
#: look-up stays bounded however long the sentence is.
CUE_WINDOW = 200


class Context:
    """What the ``numbers`` stage knows about a whole document.

    ``Context(text)`` finds the document's country lazily, from ``text``; ``Context(country=
    "CA")`` states it (for callers that know the document's country from its metadata).
    """

    __slots__ = ("_country", "_known", "_text")

    def __init__(self, text: str = "", country: str | None = None) -> None:
        self._text = text
        self._country = country
        self._known = country is not None or not text

    @property
    def country(self) -> str | None:
        """ISO 3166 code of the country the document names most, or None."""
        if not self._known:
            self._country = dominant_country(self._text)
            self._known = True
            self._text = ""  # the scan is done: do not keep the document alive for it
        return self._country

    @property
    def currency(self) -> str | None:
        c = self.country
        return _currency(c) or None if c else None


# One document at a time: the pipeline calls ``numbers.find`` once per sentence of the
# same text object, so the context is made once per document.  A tuple is swapped in
# atomically, so concurrent callers never see one text with another's context.
_LAST: tuple[str, Context] = ("", Context())


def for_text(text: str) -> Context:
    """The (lazy) context of the document ``text``; the same object for the same text."""
    global _LAST
    last = _LAST
    if last[0] is text:
        return last[1]
    ctx = Context(text)
    _LAST = (text, ctx)
    return ctx


def dominant_country(
    text: str, start: int = 0, end: int | None = None, evidence: int = MIN_DOC_EVIDENCE
) -> str | None:
    """The country ``text[start:end]`` names most (by weighted mentions, the first named
    winning a tie), or None without ``evidence`` (``MIN_DOC_EVIDENCE`` by default)."""
    counts: dict[str, int] = {}
    for _pos, cc, role in _mentions(text, start, len(text) if end is None else end):
        if _currency(cc):
            counts[cc] = counts.get(cc, 0) + (2 if role == _OWNER else 1)  # dicts keep first-seen order
    if not counts:
        return None
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] >= evidence else None


@cache
def currency_countries() -> dict[str, str]:
    """ISO 4217 code -> the one country that uses it (currencies shared by several countries,
    such as the euro or the CFA franc, are left out)."""
    users: dict[str, list[str]] = {}
    for where, code in country_tables()[0].items():
        if code and len(where) == 2 and where.isupper():
            users.setdefault(code, []).append(where)
    return {code: ws[0] for code, ws in users.items() if len(ws) == 1}


_OWNER, _PLACE, _PARTNER = 0, 1, 2


def _mentions(text: str, start: int, end: int) -> list[tuple[int, str, int]]:
    """``(position, country, role)`` for every country word in the span; the role is
    ``_OWNER`` (an owner or subject), ``_PLACE`` (after "in") or ``_PARTNER`` (after "to")."""
    out: list[tuple[int, str, int]] = []
    where = _cues().where
    for m in _cue_matches(text, start, end):
        pw = _PREV_WORD.search(text, max(start, m.start() - 16), m.start())
        w = pw.group(1).lower() if pw is not None else ""
        role = (
            _PARTNER
            if w in number_words.PARTNER_WORDS
            else _PLACE
            if w in number_words.PLACE_WORDS
            else _OWNER
        )
        out.append((m.start(), where[m.group()], role))
    return out


def supports(code: str, text: str, start: int, end: int, ctx: Context, at: int) -> bool:
    """Is ``code`` the currency of the document's country, or of a country the sentence
    ``text[start:end]`` names as owner or as the place before ``at``?  (For a prefix that
    may be a letter of a name: "N617" in a Nigerian text, not "N95 masks" elsewhere.)"""
    if ctx.currency == code:
        return True
    lo, hi = max(start, at - CUE_WINDOW), min(end, at + CUE_WINDOW)
    return any(
        _currency(c) == code
        for pos, c, role in _mentions(text, lo, hi)
        if role == _OWNER or (role == _PLACE and pos < at)
    )


def resolve(family: str, text: str, start: int, end: int, ctx: Context, at: int) -> str:
    """The ISO code a shared currency name of ``family`` at ``at`` stands for in the
    sentence ``text[start:end]``."""
    default, codes = FAMILIES[family]
    doc = ctx.currency
    lo, hi = max(start, at - CUE_WINDOW), min(end, at + CUE_WINDOW)
    named = [
        (pos, _currency(c))
        for pos, c, role in _mentions(text, lo, hi)
        if role == _OWNER or (role == _PLACE and pos < at)
    ]
    hits = {cur for _pos, cur in named if cur in codes}
    if len(hits) > 1:
        # a sentence about several such countries ("Serbia's deficit ..., while Kuwait
        # earned 20 billion dinars"): the amount belongs to the nearest one named before it
        before = [cur for pos, cur in named if cur in codes and pos < at]
        return before[-1] if before else default
    if doc in codes:
        return doc
    if len(hits) == 1:
        return hits.pop()
    return default
