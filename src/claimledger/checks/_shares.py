"""Shares against their totals, for the arithmetic checker.

Reads: the figures of one sentence ("105 schools (68%) of the 217", "Garments brought in
$5.1 billion, or 48% of the total") and, when the total is not in that sentence, the
figures of the sentences just before it in the same paragraph ("Exports reached $12.4
billion in 2024. Garments brought in $5.1 billion, or 48% of the total.").  Writes
``Share`` objects (part, percentage, total, where the total was found); the checker turns
the ones that do not add up into findings.

A total found outside the part's own sentence must be unambiguous: the same dimension
(currency, unit or counted noun), the same period, larger than the part, not itself a
part of something, and, when the share names what it is a share of ("48% of exports"),
stated about that thing.  If the nearest sentence with such a figure has two of them, no
total is assumed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from claimledger.checks.base import frame_of, is_actual, qualifier_clash, scale
from claimledger.link import ClaimRecord, canonical_subject
from claimledger.resources.checks import EXCLUSION_CUES
from claimledger.resources.words import singular

#: How many sentences back a total may stand ("Exports reached X. Garments brought in Y,
#: or Z% of the total."): a total further away is rarely what "the total" refers to.
SHARE_LOOKBACK = 2

#: Between a part and its percentage: "105 schools (68%)", "$5.1 billion, or 48%",
#: "$5.1 billion of this, 48%", "$5.1 billion, accounting for 48%".
_LEAD = re.compile(
    r"(?:\s*[a-z]+){0,2}?\s*(?:\(|,?\s*or\s+|,\s*(?:(?:i\.e\.|which\s+is|that\s+is|accounting\s+for|"
    r"representing|making\s+up|equal\s+to|equivalent\s+to)\s+)?)\s*"
    r"(?:(?:about|almost|nearly|some|around|roughly|over|just\s+over|more\s+than)\s+)?",
    re.I,
)
#: After the percentage: what it is a share of ("of the total", "of all exports").  "of
#: which"/"of it" make the percentage a share *of the part*, not the part's share.
_OF_WHAT = re.compile(
    r"^\s*\)?\s*of\s+(?!which\b|whom\b|it\b|them\b|this\b|these\b)"
    r"(?P<what>[^,;.()\d$€£¥]{1,40})",
    re.I,
)
#: "a 48% share", "a share of 48%", "48% share".
_SHARE_AFTER = re.compile(r"^\s*share\b", re.I)
_SHARE_BEFORE = re.compile(r"\bshare\s+(?:of\s+)?(?:about\s+|almost\s+|nearly\s+|some\s+|over\s+)?$", re.I)
_SHARE_OF = re.compile(r"^\s*share\s+of\s+(?!which\b|it\b|this\b)(?P<what>[^,;.()\d$€£¥]{1,40})", re.I)
#: A sentence that opens on the total just stated: "Of this, ...", "Of the total, ...".
_OF_THIS = re.compile(
    r"^\W*(?:of\s+(?:this|that|these|it|the\s+total|the\s+sum)|"
    r"out\s+of\s+(?:this|that|the\s+total))\b",
    re.I,
)
#: After a total: "$12.4 billion (in 2024), of which ...".
_OF_WHICH = re.compile(
    r"^(?:\s+(?:in|at|for|during)\s+(?:the\s+)?[\w/-]+(?:\s+fiscal\s+year)?)?\s*,?\s*"
    r"(?:of\s+which|of\s+this|including)\b",
    re.I,
)
#: A clause ends at a semicolon, or at a contrast word.
_CLAUSE_BREAK = re.compile(r";|\b(?:while|whereas|but|however|although)\b", re.I)
_TOTAL_BEFORE = re.compile(r"\b(?:of|out\s+of)\s+(?:the\s+|a\s+total\s+of\s+|total\s+)?$", re.I)
#: Words of "the total", "all", "the whole": a share of whatever total was just stated.
_ANY_TOTAL = frozenset({"total", "whole", "all", "overall", "sum", "aggregate", "combined"})
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Share:
    part: ClaimRecord
    percent: ClaimRecord
    total: ClaimRecord
    where: str  # "sentence" or "previous sentence"


def _usable(c: ClaimRecord) -> bool:
    return c.value is not None and c.value > 0 and c.qualifier != "range"


def _base_value(c: ClaimRecord) -> float:
    return (c.value or 0.0) * scale(c)[1]


def _what_tokens(what: str) -> frozenset[str] | None:
    """Head words of what a share is of; an empty set for "the total"; None for nothing."""
    words = [singular(w) for w in re.findall(r"[A-Za-z]+", what.lower())]
    if not words:
        return None
    if set(words) & _ANY_TOTAL and not canonical_subject(what).tokens:
        return frozenset()
    tokens = frozenset(canonical_subject(what).tokens)
    return tokens or (frozenset() if set(words) & _ANY_TOTAL else None)


def _is_part(c: ClaimRecord) -> bool:
    """Is a figure itself a part with its share ("$2 billion (19%)")?"""
    after = c.sentence[c.q_rel[1] : c.q_rel[1] + 40]
    m = _LEAD.match(after)
    return m is not None and re.match(r"\d[\d.,]*\s*(?:%|percent|per\s+cent)", after[m.end() :]) is not None


def _about(c: ClaimRecord, tokens: frozenset[str]) -> bool:
    """Is a candidate total stated about ``tokens`` (its subject, or a word of its sentence
    starting with the head word: "exported" for "export")?"""
    if not tokens:
        return True
    have = set(canonical_subject(c.subject).tokens)
    # the words of "19.8% of output" say what the share is of, not what another figure is
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", _SHARE_PHRASE.sub(" ", c.sentence))]
    return all(t in have or any(w.startswith(t) for w in words) for t in tokens)


#: "19.8% of output", "a 48% share of exports": a share and what it is of.
_SHARE_PHRASE = re.compile(
    r"\d[\d.,]*\s*(?:%|percent\b|per\s+cent\b)\s*(?:share\s+)?of\s+[^,;.()\d]{1,40}", re.I
)


def _scope(c: ClaimRecord) -> str:
    """A figure's subject and, when free, its measure's phrase."""
    f = frame_of(c)
    return f"{c.subject} {f.measure.id if f is not None and f.measure.free else ''}"


def _clause_near(c: ClaimRecord) -> str:
    """The words around a figure in its clause: "GDP, excluding oil, is put at 979 billion"."""
    s, e = c.q_rel
    before = re.split(r";|\b(?:while|whereas|but)\b", c.sentence[max(0, s - 60) : s])[-1]
    after = re.split(r"[;:,.]|\b(?:while|whereas|but|and)\b", c.sentence[e : e + 30])[0]
    return f"{before} {after}"


def _linked(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Did the extractor relate the two figures as one level before and after a change
    ("cut from $84 billion to $77 billion")?  Then neither is a share of the other."""
    to_a = {r.claim for r in a.frame.relations} if a.frame is not None else set()
    to_b = {r.claim for r in b.frame.relations} if b.frame is not None else set()
    return b.id in to_a or a.id in to_b


def _narrow(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower().replace("_", " "))
    return bool({*words, *(" ".join(p) for p in pairwise(words))} & EXCLUSION_CUES)


def _bare_count(part: ClaimRecord, total: ClaimRecord) -> bool:
    """A bare number counting the total's things: "410 (61%) of the 540 schools"."""
    return part.unit is None and part.noun is None and total.unit is None and total.noun is not None


def _whole_of(c: ClaimRecord, part: ClaimRecord, tokens: frozenset[str] | None, narrow: bool) -> bool:
    """May ``c`` be the whole that ``part`` is a share of?  Not a figure given with a share
    of its own ("$84 billion (6.2% of output)": a part of output itself), not the same
    level before or after a change, not a figure whose scope leaves something out ("output
    excluding forestry") when the share does not, and, when the share names what it is of
    ("19.8% of output"), a figure stated about that."""
    if _is_part(c) or _linked(c, part):
        return False
    if not narrow and (_narrow(_scope(c)) or _narrow(_clause_near(c))):
        return False
    return tokens is None or _about(c, tokens)


def find_shares(
    figs: Sequence[ClaimRecord],
    earlier: Callable[[int], Sequence[ClaimRecord]] | None = None,
    paragraph_break: Callable[[int], bool] | None = None,
) -> list[Share]:
    """Shares stated in one sentence (``figs``), each with its total.

    ``earlier(k)`` returns the figures of the k-th sentence before this one (1 = the
    previous); ``paragraph_break(k)`` says whether a blank line separates it from this one.
    """
    nums = sorted((f for f in figs if f.has_quantity and _usable(f)), key=lambda f: f.q_rel[0])
    if not nums:
        return []
    sentence = nums[0].sentence
    levels = [f for f in nums if f.unit != "%"]
    out: list[Share] = []
    for p in nums:
        if p.unit != "%":
            continue
        found = _part_and_what(sentence, p, levels)
        if found is None:
            continue
        part, tokens = found
        # the share or its part leaves something out itself ("12% of non-oil output")
        said = _SHARE_PHRASE.match(sentence, p.q_rel[0])
        narrow = _narrow(_scope(part)) or (said is not None and _narrow(said.group(0)))
        # A total in the same sentence: introduced by "of" ("105 (48%) of the 217 schools"), or
        # followed by "of which" ("$12.4 billion, of which garments $5.1 billion, or 48%").
        dim = scale(part)[0]
        totals = [
            f
            for f in levels
            if f is not part
            and (scale(f)[0] == dim or _bare_count(part, f))
            and (
                _TOTAL_BEFORE.search(sentence[max(0, f.q_rel[0] - 25) : f.q_rel[0]])
                or (f.q_rel[1] <= part.q_rel[0] and _OF_WHICH.match(sentence[f.q_rel[1] :]))
            )
            and _whole_of(f, part, tokens, narrow)
        ]
        if len(totals) == 1:
            out.append(Share(part, p, totals[0], "sentence"))
            continue
        if totals or tokens is None:
            continue
        # Otherwise the share says what it is of, and the total is looked for just before.
        before = [f for f in levels if f.q_rel[1] <= part.q_rel[0]]
        groups: list[tuple[str, list[ClaimRecord]]] = [("sentence", before)]
        for k in range(1, SHARE_LOOKBACK + 1):
            if earlier is None or (paragraph_break is not None and paragraph_break(k)):
                break
            groups.append(("previous sentence" if k == 1 else f"{k} sentences before", list(earlier(k))))
        for where, group in groups:
            parts = _parts_in(group)
            cands = [
                c
                for c in group
                if c.has_quantity
                and _usable(c)
                and c.unit != "%"
                and scale(c)[0] == dim
                and c.period == part.period
                and c.id not in parts
                and _base_value(c) > _base_value(part)
                and is_actual(c) == is_actual(part)
                and not qualifier_clash(c, part, where=False)
                and _whole_of(c, part, tokens, narrow)
            ]
            if len(cands) == 1 and _plausible(part, p, cands[0]):
                out.append(Share(part, p, cands[0], where))
            if cands:
                break
    return out


#: A total found outside the share's own clause is trusted only if the share it implies is
#: within this factor of the stated one: "82%" against an implied 79% is a slip worth
#: reporting; against an implied 8% it is the wrong total.
PLAUSIBLE_FACTOR = 2.0


def _plausible(part: ClaimRecord, p: ClaimRecord, total: ClaimRecord) -> bool:
    implied = _base_value(part) / _base_value(total) * 100
    stated = p.value or 0.0
    return stated > 0 and 1 / PLAUSIBLE_FACTOR <= implied / stated <= PLAUSIBLE_FACTOR


def _parts_in(figs: Sequence[ClaimRecord]) -> set[str]:
    """Ids of the figures of a sentence that are the part of a share stated with them."""
    nums = sorted((f for f in figs if f.has_quantity and _usable(f)), key=lambda f: f.q_rel[0])
    levels = [f for f in nums if f.unit != "%"]
    out = set()
    for p in nums:
        if p.unit == "%":
            found = _part_and_what(p.sentence, p, levels)
            if found is not None:
                out.add(found[0].id)
    return out


def _part_and_what(
    sentence: str, p: ClaimRecord, levels: list[ClaimRecord]
) -> tuple[ClaimRecord, frozenset[str] | None] | None:
    """The part a percentage is the share of, and what the share is of (None: not said).

    The part stands just before the percentage ("$5.1 billion, or 48%", "105 (48%)"), or,
    when the percentage is marked as a share ("48% of the total", "a 48% share"), is the
    one other figure of its clause ("made up 48% of the total, at $5.1 billion").
    """
    ps, pe = p.q_rel
    after = sentence[pe : pe + 60]
    m = _OF_WHAT.match(after) or _SHARE_OF.match(after)
    tokens = _what_tokens(m.group("what")) if m else None
    share_word = bool(_SHARE_AFTER.match(after) or _SHARE_BEFORE.search(sentence[max(0, ps - 30) : ps]))
    if tokens is None and share_word and not m:
        tokens = frozenset()  # "a 48% share": of the total just stated
    if tokens is None and _OF_THIS.match(sentence):
        tokens = frozenset()  # "Of this, garments accounted for $5.1 billion (48%)."
    before = [f for f in levels if f.q_rel[1] <= ps]
    if before and _LEAD.fullmatch(sentence[before[-1].q_rel[1] : ps]):
        return before[-1], tokens
    if tokens is None and not share_word:
        return None
    clause = [
        f
        for f in levels
        if not _CLAUSE_BREAK.search(sentence[min(f.q_rel[1], pe) : max(f.q_rel[0], ps)])
        and not _TOTAL_BEFORE.search(sentence[max(0, f.q_rel[0] - 25) : f.q_rel[0]])
    ]
    return (clause[0], tokens) if len(clause) == 1 else None
