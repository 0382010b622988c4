"""Shared by the time, kinds and subject stages: a sentence as tokens, and the relations
between neighbouring figures.

Reads: text, a sentence span, the quantities (from the numbers stage) and the time
mentions (from the time grammar).  Writes: ``Tok`` lists where each quantity and each time
mention is a single token, and per-quantity relation labels used to let a figure inherit
the period, kind and subject of the figure it qualifies.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mypy_extensions import mypyc_attr

from claimledger.extract._time_grammar import Mention
from claimledger.models import Quantity
from claimledger.resources import kinds as kind_words
from claimledger.resources import subjects as subject_words

_LEAD_VERB = re.compile(r"(exceeded|surpassed|topped|exceeds|surpasses|tops|reached)\s", re.I)
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:(?:&amp;|[-.'’&])[A-Za-z0-9]+)*|n't|[^\sA-Za-z0-9]")


@dataclass(slots=True)
class Tok:
    """One token: ``kind`` is ``w`` (word), ``p`` (punctuation), ``q`` (a quantity, ``ref``
    indexes the quantity list) or ``t`` (a time mention, ``ref`` indexes the mentions)."""

    start: int
    end: int
    low: str
    kind: str
    ref: int = -1
    text: str = ""
    #: ``kinds._is_verbish`` of the token, worked out once ("?" until then): it reads only
    #: the token and its neighbours, which never change after ``tokenize``.  ``tokenize``
    #: sets None at once for punctuation, figures, times and words that are never verbs.
    verbish: str | None = field(default="?", compare=False, repr=False)
    #: ``subject._nominal`` of the token when known without its neighbours (None until
    #: worked out): a word that is never a verb is nominal unless it breaks a phrase.
    nominal: bool | None = field(default=None, compare=False, repr=False)


@mypyc_attr(native_class=False)  # a compiled class cannot subclass list
class Tokens(list[Tok]):
    """A sentence's tokens, with ``lows``: the set of their ``low`` forms.  A rule that
    looks for words the sentence does not hold can answer without walking the tokens."""

    __slots__ = ("lows",)

    def __init__(self) -> None:
        super().__init__()
        self.lows: frozenset[str] = frozenset()


def lacks(toks: Sequence[Tok], words: frozenset[str]) -> bool:
    """Does the sentence of ``toks`` hold none of ``words`` (as ``low`` forms)?  False when
    not known (``toks`` not made by ``tokenize``)."""
    return isinstance(toks, Tokens) and toks.lows.isdisjoint(words)


def tokenize(
    text: str, start: int, end: int, quants: Sequence[Quantity], mentions: Sequence[Mention]
) -> Tokens:
    """Tokens of ``text[start:end]`` with quantities and time mentions as single tokens."""
    q_spans = sorted((q.start, q.end, "q", i) for i, q in enumerate(quants))
    spans: list[tuple[int, int, str, int]] = list(q_spans)
    starts = [sp[0] for sp in q_spans]
    for i, m in enumerate(mentions):
        # a time mention overlapping a figure is left to the figure (sorted sweep: linear)
        k = bisect.bisect_left(starts, m.end)
        if not (k > 0 and q_spans[k - 1][1] > m.start):
            spans.append((m.start, m.end, "t", i))
    spans.sort()
    out = Tokens()
    pos = start
    for s, e, kind, ref in spans:
        if s < pos:
            continue
        _words(text, pos, s, out)
        if kind == "q":
            # "GDP exceeded $259 billion": the numbers stage keeps the bound verb in the
            # figure's span; the kinds and subject stages need it as the verb.
            lead = _LEAD_VERB.match(text, s, e)
            if lead is not None:
                out.append(Tok(s, s + len(lead.group(1)), lead.group(1).lower(), "w", -1, lead.group(1)))
        out.append(Tok(s, e, kind, kind, ref, text[s:e], None, False))
        pos = e
    _words(text, pos, end, out)
    out.lows = frozenset([t.low for t in out])
    return out


#: A token with the whitespace before it: what ``_TOKEN.finditer`` skips between tokens is
#: only whitespace, so offsets follow from the lengths (no match object per token).
_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")")
#: ``(low, kind, verbish, nominal)`` of token texts already seen (see ``Tok``); most words
#: recur within a document.  Emptied when it reaches this size (about 2 MB of entries), so
#: a long stream's memory stays flat.
WORD_CACHE_MAX = 10_000
_WORD_INFO: dict[str, tuple[str, str, str | None, bool | None]] = {}
#: Words that end a noun phrase whatever their neighbours (``subject._nominal``).
_NOT_NOMINAL: frozenset[str] = subject_words.BREAK | subject_words.BASE_VERBS


def _word_info(w: str) -> tuple[str, str, str | None, bool | None]:
    kind = "w" if w[0].isalnum() or w == "n't" else "p"
    low = w.lower().replace("’", "'")
    if "&amp;" in low:
        low = low.replace("&amp;", "&")  # HTML residue: "R&amp;D spending" is R&D spending
    verbish: str | None = None
    nominal: bool | None = False
    if kind == "w" and (low in kind_words.MAYBE_VERB or low.endswith("ed")):
        verbish = "?"  # read in context when asked
        nominal = None
    elif kind == "w":
        nominal = low not in _NOT_NOMINAL
    if len(_WORD_INFO) >= WORD_CACHE_MAX:
        _WORD_INFO.clear()
    info = _WORD_INFO[w] = (low, kind, verbish, nominal)
    return info


def _words(text: str, start: int, end: int, out: list[Tok]) -> None:
    pos = start
    cache = _WORD_INFO
    for space, w in _SPACED_TOKEN.findall(text, start, end):
        s = pos + len(space)
        pos = s + len(w)
        low, kind, verbish, nominal = cache.get(w) or _word_info(w)
        out.append(Tok(s, pos, low, kind, -1, w, verbish, nominal))


def quantity_index(toks: Sequence[Tok]) -> dict[int, int]:
    """Map quantity number -> token position."""
    return {t.ref: i for i, t in enumerate(toks) if t.kind == "q"}


# --- relations between neighbouring figures --------------------------------------------

#: Words that tie a figure to the one just before it as a comparison or share of it
#: ("$259 billion, which is 15% more than in 2022", "$15.7 billion, 88% more ... and 63%
#: of the region's total").
_APPOS_GAP = re.compile(
    r"^\s*(?:[a-z]+\s*){0,2}(?:[,(–—]|\band\b)\s*(?:(?:which|that)\s+(?:is|was|are|were|represents|represented|means|meant)"
    r"|or|i\.e\.|an?\s+(?:increase|decrease|rise|drop|decline|growth|jump|fall)\s+of|up|down|"
    r"and|almost|nearly|over|about|some|roughly)?\s*(?:by\s+)?$",
    re.I,
)
_COMPARATIVE_AFTER = re.compile(
    r"^\s*(?:more|less|higher|lower|fewer|above|below|up|down|over|greater|larger|smaller|"
    r"year[- ]on[- ]year|y/y|yoy|compared|than|of\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+)?"
    r"(?:total|share|gdp|budget|whole|population|workforce|employment)\b|in\s+real\s+terms|increase|decrease"
    r"|growth|rise|drop|decline)",
    re.I,
)
_CHANGE_TO = re.compile(r"^\s*(?:,\s*)?to\s*$", re.I)
_UP_FROM = re.compile(r"^\s*[,(]?\s*(?:up|down|rising|falling|increasing|decreasing)\s+from\s*$", re.I)
_UP_BY = re.compile(r"^\s*[,(]\s*(?:up|down)\s*(?:by\s*)?$", re.I)
_FROM_AFTER = re.compile(
    r"^\s*(?:of\s+\w+\s*|(?:[a-z][\w-]*\s+){1,3})?,?\s*(?:up|down)?\s*from\s+(?:an?\s+)?"
    r"(?:estimated|expected|projected|forecast)?\s*$",
    re.I,
)
_FROM_BEFORE = re.compile(r"\bfrom\s*$", re.I)
_CHAIN_GAP = re.compile(r"(?:,|\band)\s*$", re.I)
_LIST_GAP = re.compile(r"^\s*(?:,|;|\band\b|,\s*and\b|\bor\b|\bas\s+well\s+as\b)\s*$", re.I)

#: ", which is 11% more than last year" ties a figure to the one before it across a
#: clause of up to this many characters.
WHICH_MAX_GAP = 120
_WHICH_END = re.compile(
    r",\s*(?:which|that)\s+(?:is|was|are|were|represents|represented|means|meant|amounts\s+to|equals)\s*$",
    re.I,
)
#: Appositive ties are only read across short gaps: a longer gap holds a verb of its own.
APPOS_MAX_GAP = 40


def _gap(text: str, start: int, end: int, mentions: Sequence[Mention], starts: Sequence[int]) -> str:
    """``text[start:end]`` with time expressions cut out ("$259 billion in 2023, which");
    ``starts`` are the mentions' start offsets (sorted), to find the few inside."""
    parts: list[str] = []
    pos = start
    for m in mentions[bisect.bisect_left(starts, start) :]:
        if m.start >= end:
            break
        if m.start >= pos and m.end <= end:
            parts.append(text[pos : m.start])
            pos = m.end
    parts.append(text[pos:end])
    return "".join(parts)


def relations(
    text: str, quants: Sequence[Quantity], mentions: Sequence[Mention] = ()
) -> list[tuple[str, int]]:
    """For each quantity a ``(label, anchor)`` pair: ``("appos", j)`` when it qualifies
    figure ``j`` (a comparison or share of it, or the earlier value in "up from"),
    ``("change", j)`` when it is the change part of "by X to Y" (figure ``j`` is Y),
    ``("base", j)`` when it is the starting value of "from X to Y", else ``("", -1)``."""
    out: list[tuple[str, int]] = [("", -1)] * len(quants)
    starts = [m.start for m in mentions]
    # gaps[i]: the text between figure i and figure i + 1, read by all three passes
    gaps = [_gap(text, quants[i].end, quants[i + 1].start, mentions, starts) for i in range(len(quants) - 1)]
    for i in range(1, len(quants)):
        prev, q = quants[i - 1], quants[i]
        gap = gaps[i - 1]
        compares = _COMPARATIVE_AFTER.match(text[q.end : q.end + 60]) is not None
        if compares and len(gap) <= WHICH_MAX_GAP and _WHICH_END.search(gap):
            out[i] = ("appos", i - 1)  # "1.3 trillion will be spent on X, which is 11% more than ..."
            continue
        if len(gap) > APPOS_MAX_GAP:
            continue
        if _UP_FROM.match(gap) or _UP_BY.match(gap):
            out[i] = ("appos", i - 1)  # "5.6% in 2023, up from 4.9% in 2022"
            continue
        if not compares:
            continue
        if out[i - 1][0] == "appos" and _CHAIN_GAP.search(gap):
            out[i] = ("appos", out[i - 1][1])
        elif _APPOS_GAP.match(gap) and (prev.unit != q.unit or q.unit in ("%", "pp")):
            out[i] = ("appos", i - 1)
    for i in range(1, len(quants)):
        # "reduce poverty to 5%, from 8.9% in 2024": a starting value after its target
        if not out[i][0] and _FROM_AFTER.match(gaps[i - 1]):
            out[i] = ("base", i - 1)
    for i in range(len(quants) - 1):
        if out[i][0]:
            continue
        if _CHANGE_TO.match(gaps[i]):
            before = text[max(0, quants[i].start - 6) : quants[i].start]
            out[i] = ("base", i + 1) if _FROM_BEFORE.search(before) else ("change", i + 1)
    return out


def list_groups(text: str, quants: Sequence[Quantity]) -> list[list[int]]:
    """Runs of quantities written as a list ("3.5, 3.6 and 3.9 trillion tenge")."""
    groups: list[list[int]] = []
    cur: list[int] = []
    for i, q in enumerate(quants):
        if cur and _LIST_GAP.match(text[quants[cur[-1]].end : q.start]):
            cur.append(i)
            continue
        if len(cur) > 1:
            groups.append(cur)
        cur = [i]
    if len(cur) > 1:
        groups.append(cur)
    return groups


def mention_lists(text: str, mentions: Sequence[Mention]) -> list[list[int]]:
    """Runs of single-year mentions written as a list ("in 2024, 2025 and 2026")."""
    groups: list[list[int]] = []
    cur: list[int] = []
    for i, m in enumerate(mentions):
        ok = m.role in ("point", "deadline") and m.years == 1
        if ok and cur and _LIST_GAP.match(text[mentions[cur[-1]].end : m.start]):
            cur.append(i)
            continue
        if len(cur) > 1:
            groups.append(cur)
        cur = [i] if ok else []
    if len(cur) > 1:
        groups.append(cur)
    return groups
