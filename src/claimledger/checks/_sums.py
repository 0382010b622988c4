"""Figures of one sentence that must add up, for the arithmetic checker.

Reads: the figures of one sentence (their values, units, spans and stored frames).
Writes ``Sum`` objects; the checker turns those that do not add up into findings.

Two forms:
- shares of one whole: "hydropower supplied 46% of the electricity, coal 38% and wind
  27%": percentages of one indicator and period, the first followed by "of", none a
  change or a share of GDP; together they cannot exceed 100%;
- parts of a stated total: "total spending of 92 billion comprised 41 billion on roads,
  28 billion on schools and 35 billion on hospitals": the parts after a word of breakdown
  cannot exceed the total, and after an exhaustive one ("comprised", "consisted of",
  "made up of", "split into") must add up to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from claimledger.checks.base import frame_of, rounding, scale
from claimledger.link import ClaimRecord
from claimledger.resources.checks import PROGRESS_WORDS

_OF = re.compile(r"^\s*(?:of|of\s+the|of\s+all)\b", re.I)
#: "Of the 2026 budget, 38% goes to education, 29% to health ...": the whole named first,
#: then its shares (issue 11).  Only at the start of the sentence, before any figure.
_OF_LEAD = re.compile(
    r"^\s*(?:of|out\s+of)\s+(?P<whole>(?:the|all|its|their|this|that)\b[^,;:.%]{1,60}),\s*$", re.I
)
#: A level followed by a colon or a dash that lists its parts: "a 3.6 billion programme:
#: 1.4 billion for roads, ...".  At most a few words of noun phrase between the two.
_LIST_AFTER = re.compile(r"^[^,;:.()]{0,50}(?::|\s[-\u2013\u2014]\s)\s*$")
#: A share preceded by a baseline or target word is not one of the listed shares.
_NOT_SHARE_BEFORE = re.compile(r"\b(?:from|than|versus|vs|against|up|down)\s*$", re.I)
_TOTAL_BEFORE = re.compile(r"\b(?:total|overall|combined|aggregate|whole)\b[^.;,]{0,40}$", re.I)
_BREAKDOWN = re.compile(
    r"\b(?P<full>compris\w*|consist\w*\s+of|made\s+up\s+of|split\s+(?:into|between|among)|"
    r"divided\s+(?:into|between|among)|broken\s+down\s+(?:into|as))\b|\b(?:of\s+which|including|includ\w+)\b",
    re.I,
)
#: Two figures of the sentence given "respectively" for different periods are a series.
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
#: The rule of a list after a colon: its parts may not exceed the total; if they fall short,
#: the list may be partial, so the shortfall is a warning, not an error.
LISTED = "parts listed after a total"
#: Shares or parts may be off by this much beyond the rounding of each figure.
SUM_SLACK = 0.005


@dataclass(frozen=True, slots=True)
class Sum:
    """Parts that must add to at most (``exhaustive``: exactly) ``whole`` (a figure, or None
    for 100%)."""

    parts: tuple[ClaimRecord, ...]
    whole: ClaimRecord | None
    exhaustive: bool
    rule: str
    #: the whole as the sentence names it ("the 2026 budget"), when it is not a figure
    label: str | None = None


def _change(c: ClaimRecord) -> bool:
    f = frame_of(c)
    return f is not None and any(r.type in ("change_by", "change_to", "change_from") for r in f.relations)


#: A sentence that breaks down a total just named by its head noun: "The fund comprises
#: 3.4 billion for transit, ...", "This package is made up of ...".
_ANAPHORIC = re.compile(
    r"^\W*(?:the|this|that|its|their)\s+(?:(?:new|whole|entire|total)\s+)?(?P<head>[a-z]+)\s+"
    r"(?:(?:will|would|is\s+to)\s+)?(?P<full>compris\w*|consist\w*\s+of|(?:is|are|was|were|be)\s+made\s+up\s+of|"
    r"(?:is|are|was|were|be)\s+(?:split|divided)\s+(?:into|between|among)|break\w*\s+down\s+into)?"
    r"(?(full)|(?:includ\w+))\b",
    re.I,
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: How close after a level its head noun must stand ("a 6.3 billion climate fund").
HEAD_REACH = 30


def find_sums_after(figs: Sequence[ClaimRecord], previous: Sequence[ClaimRecord]) -> list[Sum]:
    """Parts in one sentence of a total stated in the sentence before: "... announced a 6.3
    billion climate fund. The fund comprises 3.4 billion for transit, 1.9 billion for
    insulation and 1.4 billion for the grid."  The sentence opens on the total's head noun
    and a word of breakdown; its every figure is a part (two or more, one dimension and
    period); the total is the last level of the sentence before with that dimension and
    period whose head noun follows it closely.  Exhaustive words ("comprises") make the sum
    exact; "includes" only bounds it."""
    nums = sorted((f for f in figs if f.has_quantity and (f.value or 0) > 0), key=lambda f: f.q_rel[0])
    if len(nums) < 2 or not previous:
        return []
    sentence = nums[0].sentence
    m = _ANAPHORIC.match(sentence)
    if m is None or _RESPECTIVELY.search(sentence) or any(f.q_rel[0] < m.end() for f in nums):
        return []
    dim, period = scale(nums[0])[0], nums[0].period
    if nums[0].unit == "%" or any(scale(f)[0] != dim or f.period != period for f in nums):
        return []
    # parts in a sentence that names no period take the total's ("The fund comprises ...")
    own_period = _YEAR.search(sentence) is not None
    head = m.group("head").lower()
    cands = [
        c
        for c in previous
        if c.has_quantity
        and (c.value or 0) > 0
        and c.unit != "%"
        and scale(c)[0] == dim
        and (c.period == period or not own_period)
        and re.search(rf"\b{re.escape(head)}", c.sentence[c.q_rel[1] : c.q_rel[1] + HEAD_REACH], re.I)
    ]
    if not cands:
        return []
    total = max(cands, key=lambda c: c.q_rel[0])
    if any(_base(p) >= _base(total) for p in nums):
        return []
    return [Sum(tuple(nums), total, m.group("full") is not None, "parts of a stated total")]


def _of_lead(sentence: str, nums: Sequence[ClaimRecord]) -> re.Match[str] | None:
    """ "Of the 2026 budget, ..." before the first percentage of the sentence; at most one
    level (the whole's amount) may stand in it, read as a placeholder."""
    first = next((f for f in nums if f.unit == "%"), None)
    if first is None:
        return None
    inside = [f for f in nums if f.q_rel[1] <= first.q_rel[0]]
    if len(inside) > 1:
        return None
    head = sentence[: first.q_rel[0]]
    if inside:
        s, e = inside[0].q_rel
        head = head[:s] + "N" * (e - s) + head[e:]  # same length: offsets stay valid
    return _OF_LEAD.match(head)


def _progress(sentence: str, c: ClaimRecord) -> bool:
    """Is a share said of progress on one piece of work ("40% of the road is paved", "the
    works are 90% complete")?  Read in its clause: up to the next figure or clause break."""
    s, e = c.q_rel
    before = re.split(r"[;,]|\band\b", sentence[max(0, s - 40) : s])[-1]
    after = re.split(r"[;,]|\band\b|\d", sentence[e : e + 60])[0]
    return bool(set(re.findall(r"[a-z]+", f"{before} {after}".lower())) & PROGRESS_WORDS)


def _status(c: ClaimRecord) -> str | None:
    f = frame_of(c)
    return None if f is None else f.status


def find_sums(figs: Sequence[ClaimRecord], key: Callable[[ClaimRecord], str | None]) -> list[Sum]:
    """Shares of one whole and parts of a stated total in one sentence (module doc)."""
    nums = sorted((f for f in figs if f.has_quantity and (f.value or 0) > 0), key=lambda f: f.q_rel[0])
    if len(nums) < 2:
        return []
    sentence = nums[0].sentence
    if _RESPECTIVELY.search(sentence):
        return []
    out: list[Sum] = []
    shares = [
        f
        for f in nums
        if f.unit == "%"
        and f.qualifier in ("exact", "approx", None)
        and not _change(f)
        and not (frame_of(f) is not None and "share_of_gdp" in (frame_of(f) or _NOFRAME).basis)
        and (key(f) or "").endswith("|percent")
    ]
    if len(shares) >= 2 and _OF.match(sentence[shares[0].q_rel[1] :]):
        # one split is stated in one voice: a share done so far and a share aimed for ("35% of
        # the canal is dredged and the agency aims to finish 75% of it") are two levels of
        # progress, not parts of one whole
        same = [
            f
            for f in shares
            if key(f) == key(shares[0]) and f.period == shares[0].period and _status(f) == _status(shares[0])
        ]
        # a later share that names its whole again ("40% of the road was paved and 85% of
        # it graded") is another measure of the whole, not one of its parts: a split names
        # the whole once ("46% of the power came from hydro, 31% from gas")
        again = any(_OF.match(sentence[f.q_rel[1] :]) for f in same[1:]) or any(
            _progress(sentence, f) for f in same
        )
        if len(same) >= 2 and not again and all((f.value or 0) <= 100 for f in same):
            out.append(Sum(tuple(same), None, False, "shares of one whole"))
    elif (lead_whole := _of_lead(sentence, nums)) is not None:
        # the whole is named before the shares: every percentage of the sentence is one of
        # its shares, unless the sentence has anything else after the lead (a level, a
        # change, a baseline); the lead may give the whole's own amount ("Of the 2028 rail
        # budget of 5.5 billion, 44% goes to track, ...")
        lead = [f for f in nums if f.unit == "%"]
        after = [f for f in nums if f.q_rel[0] >= lead_whole.end()]
        if (
            len(lead) >= 3
            and lead == after
            and all(f.qualifier in ("exact", "approx", None) and not _change(f) for f in lead)
            and len({f.period for f in lead}) == 1
            and len({_status(f) for f in lead}) == 1
            and not any(_NOT_SHARE_BEFORE.search(sentence[: f.q_rel[0]]) for f in lead)
            and all((f.value or 0) <= 100 for f in lead)
        ):
            out.append(
                Sum(
                    tuple(lead),
                    None,
                    False,
                    "shares of one whole",
                    sentence[lead_whole.start("whole") : lead_whole.end("whole")].strip(),
                )
            )
    levels = [f for f in nums if f.unit != "%" and f.value is not None]
    for i, t in enumerate(levels):
        rest = levels[i + 1 :]
        if not rest:
            continue
        between = sentence[t.q_rel[1] : rest[0].q_rel[0]]
        listed = i == 0 and _LIST_AFTER.match(between) is not None
        if not listed and not _TOTAL_BEFORE.search(sentence[max(0, t.q_rel[0] - 45) : t.q_rel[0]]):
            continue
        cue = _BREAKDOWN.search(between)
        if cue is None and not listed:
            continue
        dim = scale(t)[0]
        parts = tuple(f for f in rest if scale(f)[0] == dim and f.period == t.period)
        if listed and cue is None:
            # a list after a colon: only when every later figure is one of its parts
            # (three or more, none larger than the total), so that the list is the total's
            if len(parts) >= 3 and len(parts) == len(rest) and all(_base(p) < _base(t) for p in parts):
                out.append(Sum(parts, t, False, LISTED))
        elif len(parts) >= 2:
            out.append(
                Sum(parts, t, cue is not None and cue.group("full") is not None, "parts of a stated total")
            )
        break
    return out


def _base(c: ClaimRecord) -> float:
    return (c.value or 0.0) * scale(c)[1]


def slack(cs: Sequence[ClaimRecord]) -> float:
    """How far a sum may be off, relative: the rounding of each figure plus ``SUM_SLACK``."""
    return SUM_SLACK + max((rounding(c) for c in cs), default=0.0)


_NOFRAME = type("_NoFrame", (), {"basis": ()})()
