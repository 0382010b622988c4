"""Frame field ``relations``: typed links between the figures of one sentence.

Reads: the relation labels the pipeline's relation pass gave each figure (``base``: the
starting value of "from X to Y" or "Y, from X"; ``change``: the "by X" of "by X to Y";
``appos``: a figure that qualifies the one before it), the words between neighbouring
figures, and their units.  Writes: per claim a ``Link`` (its role and the claim it is
tied to) and the ``Relation`` list of the frame.

- ``change_from`` on a new value, pointing at its baseline; ``change_to`` on the baseline,
  pointing at the new value ("fell to 2.1% in May from 3.3% in March", "up from 4.9%",
  "up from last year's 6.4%", "(2023: 2.9%)", "(previous: 4.5%)", "5.1% (4.8% in 2023)").
  A value "compared with"/"against" another is a baseline only when it is the same
  entity's (decided after the entities, see ``Link.role == "compare"``), and not when its
  own words make it a forecast, budget or target (``not_baseline``).  A strong cue (", up
  from", ", compared with") reaches across a long qualifier of the new value; a bare "from"
  does not.
- ``change_by`` on an amount of change ("up 12%", "by 2 pp", "15% more than"), pointing at
  the level it describes.
- ``share_of`` / ``part_of`` on a share or component after "of which", "including",
  "comprising", "of this", pointing at the total before it; the next rows of the breakdown
  while they add up to no more than the total; a breakdown after a colon; "Of the 4,500
  jobs, 2,100"; "$2 billion of the $9 billion fund"; rows before "totalling".
- ``converted_from`` on a bracketed or "or" conversion ("X tenge ($Y)"), pointing at X.
- ``respectively`` between the figures of a list paired by "respectively".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimledger.extract.frame import _cues
from claimledger.extract.frame._passage import LIST_GAP, Passage
from claimledger.models import Quantity, Relation, RelationType
from claimledger.resources import verbs

__all__ = ["Link", "link", "relations_of"]

#: Greatest gap (characters) between a total and its first component ("of which").
PART_REACH = 60
#: A breakdown is read over at most this many rows (work stays linear in long sentences).
BREAKDOWN_MAX = 30
#: Greatest distance (characters) from a list to the "respectively" that pairs it.
RESPECTIVELY_REACH = 300
#: A figure of a "respectively" list is linked to at most this many others of the list.
RESPECTIVELY_MAX = 8

_CCY = re.compile(r"^[A-Z]{3}$")


@dataclass(slots=True)
class Link:
    """How claim ``i`` relates to another claim of its sentence.

    ``role``: ``""`` (a figure of its own), ``baseline`` (the from-value of a change),
    ``compare`` (a value compared with: a baseline if the same entity's, else ``compared``), ``change`` (an
    amount of change), ``share`` / ``part`` (a share or component of a total),
    ``converted`` (a conversion).  ``anchor`` is the index of the claim it relates to."""

    role: str = ""
    anchor: int = -1
    cue: str = ""


#: What may stand between the cue of a gap and the next figure ("from an estimated", "up
#: from last year's", "than the previous year's").
_BEFORE_FIGURE = (
    r"\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?P<filler>(?:[a-z][\w-]*\s+){0,2}?(?:[a-z][\w-]*['’]s\s+)?)"
    r"(?:estimated|expected|projected|forecast|revised|initial|earlier|previous|reported)?\s*$"
)
#: Longest gap (characters) between a value and a baseline its cue word ties to it.
NEAR_GAP = 50
#: Longest gap across which a strong cue (", up from", ", compared with"; not a bare
#: "from") still ties a baseline to the value before it.
FAR_GAP = 150
#: A bracketed prior value: "(2023: 2.9%)", "(previous: 4.5%)".
_YEAR_LABEL = re.compile(
    r"^\s*\(\s*(?:(?:FY|fiscal\s+)?(?P<year>(?:19|20)\d\d)|(?P<word>[A-Za-z][\w\s-]{0,24}?))\s*[:=]\s*$"
)
#: A total before a colon that opens its breakdown: "900 million: 500 million for health".
#: (A row led by its own name, "95,000 jobs: construction 41,000", is left to the entity's
#: breakdown rows.)
_COLON_GAP = re.compile(r"^[^\d:;.()]{0,30}:\s*(?:(?:about|some|around|nearly|almost)\s+)?$", re.I)
#: Between two components of a breakdown: the first's noun tail, a list word, and at most
#: a few words naming the next ("for schools, $3 billion", "and external debt $24 billion").
_ROW_GAP = re.compile(
    r"^(?:\s+[^\d,;:.()]{0,40}?)?\s*(?:,|;|,?\s+and|,?\s+as\s+well\s+as)\s+(?P<tail>(?:[a-z][\w'’-]*\s+){0,2})$",
    re.I,
)
#: Words that open a clause of their own: such a gap ends a breakdown.
_CLAUSE_WORD = re.compile(
    r"\b(?:while|whereas|but|although|though|compared|against|versus|up|down|from|to|which|who|that|"
    r"with|after|before|when|is|was|are|were|has|had|have|will|the)\b",
    re.I,
)
_WITH_GAP = re.compile(r"^\s*,?\s*with\s+(?:(?:about|some|around|nearly|almost)\s+)?$", re.I)
#: A short time phrase of the amount, then the bracket of its conversion: "KES 3.2 billion in
#: 2024 (about $25 million)".
_DATED_BRACKET = re.compile(
    r"^\s*(?:in|for|during|over|as\s+(?:of|at)|at\s+end[- ]|by\s+end[- ]|last|this|next)\b[^,;()]{0,30}?\s*"
    r"\(\s*(?:about|around|approximately|approx\.?|some|roughly|nearly|almost|or|equivalent\s+to|~|≈)?\s*$",
    re.I,
)
_COMMA_GAP = re.compile(r"^\s*[,—–]\s*(?:or\s+|some\s+|about\s+)?$")
_MORE_THAN_AFTER = re.compile(r"\s*(?:more|less|higher|lower|fewer|greater|above|below)\s+than\b", re.I)
_CLAUSE_BREAK = re.compile(r"\b(?:while|whereas|but|although|compared|against|versus|which)\b", re.I)
#: "Of the 4,500 jobs created, 2,100 were ...": a total opening the sentence or a clause.
_OF_THE_BEFORE = re.compile(
    r"(?:^|[,;:]\s*|\n\s*)(?:out\s+)?of\s+(?:the|these|those|its|their|all)\s+$", re.I
)
_AFTER_TOTAL = re.compile(r"^[^\d,;:.()]{0,60},\s*(?:some\s+|about\s+|around\s+|nearly\s+|almost\s+)?$", re.I)
#: "43% of total debt of $42 billion", "$2 billion of the $9 billion budget", "2,100 out of 4,500".
_OF_WHOLE = re.compile(
    r"^\s*(?:out\s+)?of\s+(?:the\s+|a\s+|its\s+|their\s+|total\s+)?(?:[a-z][\w-]*\s+){0,3}?"
    r"(?:(?:of|at|worth|totall?ing|amounting\s+to)\s+)?(?:the\s+|a\s+)?$",
    re.I,
)


def _from_gap() -> re.Pattern[str]:
    return _cues.framed("relations", ("change_from",), "", _BEFORE_FIGURE)


def _fits(p: Passage, m: re.Match[str] | None, a: int, b: int) -> bool:
    """Does the cue match ``m`` tie figure ``b`` to ``a``: words between the cue and the
    figure ("up from last year's") only between figures of one unit, or of one order when
    a unit is left unwritten ("raised $2 billion from the sale of 3 firms" is no change)?"""
    if m is None:
        return False
    if not m.group("filler"):
        return True
    qa, qb = p.claims[a].quantity, p.claims[b].quantity
    if qa is None or qb is None:
        return False
    if qa.unit == qb.unit:
        return True
    if qa.unit is not None and qb.unit is not None:
        return False
    # one unit left unwritten ("$4.1 billion, up from last year's 3.6 billion"): values of one order
    va, vb = _magnitude(qa), _magnitude(qb)
    return va is not None and vb is not None and va > 0 and vb > 0 and max(va, vb) / min(va, vb) <= 10


def _compare_gap() -> re.Pattern[str]:
    return _cues.framed("relations", ("compare", "compare_than"), "", _BEFORE_FIGURE)


def _than() -> re.Pattern[str]:
    return _cues.framed("relations", ("compare_than",), "^", "$")


def _earlier() -> re.Pattern[str]:
    return _cues.pattern("relations", "earlier")


def _part_gap() -> re.Pattern[str]:
    return _cues.framed("relations", ("part_of",), "", r"\b[^.;]{0,50}$")


def _part_this_gap() -> re.Pattern[str]:
    return _cues.framed(
        "relations", ("part_of_this",), r"(?<![\w-])", r"\s*,?\s*(?:(?:about|some|around|nearly|almost)\s+)?$"
    )


def _part_with_after() -> re.Pattern[str]:
    return _cues.framed("relations", ("part_with_after",), r"\s*", r"(?![\w-])")


def _part_guarded_gap() -> re.Pattern[str]:
    return _cues.framed("relations", ("part_of_guarded",), r"(?<![\w-])", r"\b[^.;]{0,50}$")


def _total_gap() -> re.Pattern[str]:
    return _cues.framed(
        "relations",
        ("total_after",),
        r"(?<![\w-])",
        r"\s*(?:of\s+)?(?:(?:about|some|around|nearly|almost)\s+)?$",
    )


def _percent(p: Passage, i: int) -> bool:
    q = p.claims[i].quantity
    return q is not None and q.unit in ("%", "pp")


def _converted_gap() -> re.Pattern[str]:
    return _cues.anchored("relations", "converted")


def _not_baseline() -> re.Pattern[str]:
    return _cues.pattern("relations", "not_baseline")


def _prior_label() -> re.Pattern[str]:
    return _cues.framed("relations", ("prior_label",), r"^", r"$")


def _strong(m: re.Match[str]) -> bool:
    """Is the cue of ``m`` more than a bare "from" (which also opens a source: "funds from 12
    donors"), or a "from" that opens its own phrase after a comma (", from $3.6 billion a
    year earlier")?"""
    return m.group("cue").lower() != "from" or m.string[: m.start("cue")].rstrip().endswith(",")


def _expected(p: Passage, i: int, cue: str, gap_tail: str) -> bool:
    """Is figure ``i``, compared with by ``cue``, no earlier value of what it is compared
    with: a forecast, budget or target by its own words ("versus a 2.0% forecast", "against
    the target of 4%"), or, after "more than"/"above", a value no word dates earlier?"""
    end = p.spans[i][1]
    after = p.text[end : min(end + 40, p.end)]
    after = re.split(r"[,;.()]", after, maxsplit=1)[0]
    if _not_baseline().search(gap_tail) is not None or _not_baseline().search(after) is not None:
        return True
    if _than().match(" ".join(cue.split())):
        return _earlier().search(gap_tail) is None and _earlier().search(after) is None
    return False


def _magnitude(q: Quantity | None) -> float | None:
    return None if q is None or q.value is None else abs(q.value)


def _smaller(p: Passage, part: int, total: int) -> bool:
    """Same unit, and the part below the total."""
    a, b = p.claims[part].quantity, p.claims[total].quantity
    if a is None or b is None or a.unit != b.unit or a.unit in ("%", "pp"):
        return False
    va, vb = _magnitude(a), _magnitude(b)
    return va is not None and vb is not None and va < vb


def _year_of(period: str | None) -> int | None:
    m = re.match(r"(\d{4})", period or "")
    return int(m.group(1)) if m else None


#: Between a change and the level it reaches, past the words that qualify the change:
#: "45% year on year to", "12%, to".
_BY_THEN_TO = re.compile(
    r"\s*,?\s*(?:(?:year|quarter|month)[- ]on[- ](?:year|quarter|month)|y/y|q/q|m/m|yoy|"
    r"in\s+(?:nominal|real)\s+terms|in\s+(?:the\s+)?\w+\s+(?:quarter|half|months?)|last\s+\w+)?\s*,?\s+to\s*$",
    re.I,
)
_SHARE_AFTER = re.compile(
    r"^\s*(?:of\s+(?:it|this|that|which|them|the\s+(?:total|amount|sum|budget|whole|figure))\b|"
    r"(?:went|goes|will\s+go|is|was|are|were)\s+(?:to|for|on)\b)",
    re.I,
)
_CHANGE_NEAR = re.compile(
    r"^\s*(?:more|less|higher|lower|fewer|above|below|up|down|increase|decrease|growth|rise|drop|decline|"
    r"year[- ]on[- ]year|y/y|compared|than|over|on\s+(?:the\s+)?(?:previous|last|a\s+year))\b",
    re.I,
)
_CHANGE_BEFORE = re.compile(
    r"\b(?:up|down|by|(?:an?\s+)?(?:increase|decrease|rise|drop|decline|growth|jump|fall|gain|reduction)\s+of)\s*$",
    re.I,
)


def _money(q: Quantity | None) -> bool:
    return q is not None and q.unit is not None and _CCY.match(q.unit) is not None


def _same_time(p: Passage, a: int, b: int) -> bool:
    """Can figure ``b`` be the change of figure ``a``: not a figure of another period or of
    another kind ("grew 5.6% in 2023 ... is expected to expand by 5.5% in 2024")?"""
    ca, cb = p.claims[a], p.claims[b]
    if ca.period and cb.period and ca.period != cb.period:
        return False
    return ca.kind == cb.kind or None in (ca.kind, cb.kind)


def link(p: Passage, rels: Sequence[tuple[str, int]]) -> list[Link]:
    """The role of each claim of the sentence.  ``rels`` are the pipeline's relation labels,
    one per claim with a figure, in order (empty for a claim without one)."""
    n = len(p.claims)
    out = [Link() for _ in range(n)]
    text = p.text
    for i in range(n):
        q = p.claims[i].quantity
        if q is None:
            continue
        label, anchor = rels[i] if i < len(rels) else ("", -1)
        prev = i - 1
        gap = text[p.spans[prev][1] : p.spans[i][0]] if prev >= 0 else ""
        if prev >= 0 and _money(q) and _money(p.claims[prev].quantity):
            pq = p.claims[prev].quantity
            if (
                pq is not None
                and pq.unit != q.unit
                and (
                    _converted_gap().match(gap)
                    or _DATED_BRACKET.match(gap)
                    or (
                        q.qualifier == "approx" and _COMMA_GAP.match(gap)
                    )  # "KES 3.2 billion, roughly $25 million"
                )
            ):
                out[i] = Link("converted", prev, f"converted:{' '.join(gap.split()) or '('}")
                continue
        if (
            prev >= 0
            and p.claims[prev].quantity is not None
            and (_prior(p, prev, i, gap) or _bracketed_earlier(p, prev, i, gap))
        ):
            # "12.4 billion (2023: 10.1 billion)", "4.2% (previous: 4.5%)"
            out[i] = Link("baseline", prev, f"base:({' '.join(gap.split()).strip('( ')}")
            continue
        if label == "base":
            out[i] = Link("baseline", anchor, "base:from")
            continue
        if label == "change":
            out[i] = Link("change", anchor, "change:by ... to")
            continue
        if label == "appos" and 0 <= anchor < n:
            a_gap = text[p.spans[anchor][1] : p.spans[i][0]]
            after = text[p.spans[i][1] : p.spans[i][1] + 40]
            if _fits(p, _from_gap().search(a_gap), anchor, i):
                out[i] = Link("baseline", anchor, f"base:{_last_words(a_gap)}")
            elif _fits(p, m := _compare_gap().search(a_gap), anchor, i) and m is not None:
                if not _expected(p, i, m.group("cue"), a_gap[m.start("cue") :]):
                    out[i] = Link("compare", anchor, f"compare:{_last_words(a_gap)}")
            elif _SHARE_AFTER.match(after):
                out[i] = Link("share", anchor, f"share:{' '.join(after.split()[:3])}")
            elif _CHANGE_NEAR.match(after) or _CHANGE_BEFORE.search(a_gap):
                out[i] = Link(
                    "change", anchor, "change:" + (_last_words(a_gap) or " ".join(after.split()[:2]))
                )
            continue
        if label:
            continue
        if prev >= 0 and len(gap) <= PART_REACH + 20:
            m = _part_gap().search(gap) or _part_this_gap().search(gap)
            if m is None and (_smaller(p, i, prev) or (q.unit == "%" and not _percent(p, prev))):
                m = _part_guarded_gap().search(gap)
            if m is None and _WITH_GAP.match(gap) and _smaller(p, i, prev):
                m = _part_with_after().match(text, p.spans[i][1], p.end)
            if m is not None:
                total = prev
                if out[prev].role in ("part", "share"):
                    total = out[prev].anchor  # "of which X for schools and Y for roads"
                role = "share" if q.unit in ("%",) and p.claims[total].quantity is not None else "part"
                if role == "share" and p.claims[total].quantity is not None:
                    tq = p.claims[total].quantity
                    if tq is not None and tq.unit == "%":
                        role = "part"
                out[i] = Link(role, total, f"{role}:{' '.join(m.group().split()[:3])}")
                continue
        if prev >= 0 and out[prev].role in ("part", "share") and _next_row(p, prev, i, gap, out[prev].anchor):
            out[i] = Link(out[prev].role, out[prev].anchor, out[prev].cue)
            continue
        if prev >= 0 and not out[prev].role and _COLON_GAP.match(gap) and _smaller(p, i, prev):
            # "The package totals 900 million: 500 million for health, ..."
            out[i] = Link("part", prev, "part:total: breakdown")
            continue
        if (
            prev >= 0
            and not out[prev].role
            and _AFTER_TOTAL.match(gap)
            and _OF_THE_BEFORE.search(text, max(p.start, p.spans[prev][0] - 20), p.spans[prev][0])
        ):
            # "Of the 4,500 jobs created, 2,100 were in manufacturing"
            if q.unit == "%":
                out[i] = Link("share", prev, "share:of the ...,")
                continue
            if _smaller(p, i, prev) or (
                q.unit is None and p.claims[prev].quantity is not None and _smaller_count(p, i, prev)
            ):
                out[i] = Link("part", prev, "part:of the ...,")
                continue
        if prev >= 0 and not out[prev].role and _OF_WHOLE.match(gap):
            pq = p.claims[prev].quantity
            if pq is not None and pq.unit == "%" and q.unit not in ("%", "pp"):
                # "43% of total debt of $42 billion": the share of the figure after it
                out[prev] = Link("share", i, "share:% of ... FIGURE")
                continue
            if _smaller(p, prev, i) or _smaller_count(p, prev, i):
                out[prev] = Link("part", i, "part:of the FIGURE")
                continue
        if (
            prev >= 0
            and not out[prev].role
            and _COMMA_GAP.match(gap)
            and _MORE_THAN_AFTER.match(text, p.spans[i][1], p.end)
            and _same_unit(p, prev, i)
        ):
            # "12 billion, 3 billion more than in 2023": the difference from the level before
            out[i] = Link("change", prev, "change:..., AMOUNT more than")
            continue
        if i + 1 < n and _BY_THEN_TO.match(text, p.spans[i][1], p.spans[i + 1][0]):
            # "rose 45% year on year to $6.2 billion": the change of the level that follows
            out[i] = Link("change", i + 1, "change:... to")
            continue
        if (
            i + 1 < n
            and q.unit == "%"
            and text[max(p.start, p.spans[i][0] - 2) : p.spans[i][0]].rstrip().endswith("(")
            and _PAREN_TO.match(text, p.spans[i][1], p.spans[i + 1][0])
        ):
            # "rose by KES 40 billion (12%) to KES 370 billion": the bracketed rate of change
            out[i] = Link("change", i + 1, "change:(...) to")
            continue
        if i + 1 < n and _amount_to_level(p, i):
            # "a 12% increase in revenue to $5.2 billion", "by 14% in the first quarter to reach"
            out[i] = Link("change", i + 1, "change:... to")
            continue
        if prev >= 0 and not out[prev].role and not _relative(p, prev) and _amount_of_level(p, prev, i, gap):
            # "$5.2 billion in 2024, representing an increase of 12%", "$5.2 billion, a 12% increase"
            out[i] = Link("change", prev, f"change:{_last_words(gap) or 'AMOUNT increase'}")
            continue
        if prev >= 0 and not LIST_GAP.fullmatch(gap) and len(gap) <= FAR_GAP and ";" not in gap:
            near = len(gap) <= NEAR_GAP
            if _fits(p, m := _from_gap().search(gap), prev, i) and m is not None and (near or _strong(m)):
                # "fell to 2.1% in May from 3.3% in March" when no label reached it
                out[i] = Link("baseline", prev, f"base:{_last_words(gap)}")
            elif (
                _fits(p, m := _compare_gap().search(gap), prev, i)
                and m is not None
                and not _expected(p, i, m.group("cue"), gap[m.start("cue") :])
            ):
                # "4.5% in Almaty, against 4.7% nationally"
                out[i] = Link("compare", prev, f"compare:{_last_words(gap)}")
        if (
            not out[i].role
            and prev >= 0
            and out[prev].role in ("baseline", "compare")
            and 0 <= out[prev].anchor < prev
            and _relative(p, i)
            and len(gap) <= 40
            and "," in gap
        ):
            # "12.4 billion, compared to 10.1 billion in 2023, an increase of 22.8%"
            out[i] = Link("change", out[prev].anchor, "change:..., BASE, AMOUNT")
    _from_then_to(p, out)
    _restated_amounts(p, out)
    _to_the_level(p, out)
    _total_after(p, out)
    _share_of_stated_total(p, out)
    for i, lk in enumerate(out):
        if lk.role == "change" and 0 <= lk.anchor < n and not _same_time(p, lk.anchor, i):
            # "grew 5.6% in 2023 ... is expected to expand by 5.5% in 2024": another period's figure
            out[i] = Link()
    return out


def _share_whole() -> re.Pattern[str]:
    return _cues.framed("relations", ("share_whole",), r"\s*", r"(?![\w-])")


def _share_of_stated_total(p: Passage, out: list[Link]) -> None:
    """ "Total spending was 300 billion, with pensions at 45 billion representing 15% of the
    total": a percentage followed by "of the total" is a share of the sentence's first amount
    when that amount is the largest and no less than the others of its unit together (the
    total they are parts of); with a single amount before it ("Pensions cost 45 billion,
    representing 12% of the total") the total is not given."""
    for i, lk in enumerate(out):
        q = p.claims[i].quantity
        if lk.role or q is None or q.unit != "%" or not _share_whole().match(p.text, p.spans[i][1], p.end):
            continue
        window = range(max(0, i - BREAKDOWN_MAX), i)
        if any(out[k].role == "part" for k in window):
            totals = {out[k].anchor for k in window if out[k].role == "part"}
            if len(totals) == 1:
                t = totals.pop()
                if 0 <= t < i:
                    out[i] = Link("share", t, "share:of the total")
            continue
        amounts = [k for k in window if p.claims[k].quantity is not None and not _percent(p, k)]
        if len(amounts) < 2 or not all(_same_unit_any(p, amounts[0], k) for k in amounts):
            continue
        values = [_magnitude(p.claims[k].quantity) or 0.0 for k in amounts]
        if values[0] > 0 and values[0] >= sum(values[1:]):
            out[i] = Link("share", amounts[0], "share:of the total")


#: After a figure, up to ")": an earlier value in brackets, "5.1% (4.8% in 2023)".
_BRACKET_TAIL = re.compile(r"[^()]{0,30}?\)")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


_PAREN_TO = re.compile(r"\s*\)\s*,?\s*to\s*$", re.I)
#: Between an amount of change and its restatement as a rate: ", or", "(".
_RESTATE_GAP = re.compile(r"^\s*(?:,\s*or|\(|or)\s*$", re.I)


def _restated_amounts(p: Passage, out: list[Link]) -> None:
    """ "increased by 2.3 million, or 12%, to 21 million", "rose by KES 40 billion (12%) to KES
    370 billion": the amount before the rate is a change of the same level, when it is of
    that level's unit."""
    text = p.text
    n = len(out)
    for i in range(n - 1):
        j = i + 1
        if (
            out[i].role
            or out[j].role != "change"
            or not 0 <= out[j].anchor < n
            or p.claims[i].quantity is None
        ):
            continue
        if not _RESTATE_GAP.match(text[p.spans[i][1] : p.spans[j][0]]):
            continue
        start = p.spans[i][0]
        if _AMOUNT_BEFORE.search(text[max(p.start, start - 40) : start]) is None:
            continue
        if _same_unit_any(p, i, out[j].anchor) and not _percent(p, i):
            out[i] = Link("change", out[j].anchor, "change:by AMOUNT, or RATE, to")


def _bracketed_earlier(p: Passage, prev: int, i: int, gap: str) -> bool:
    """Is figure ``i`` an earlier value of ``prev`` written after it in brackets and dated
    earlier: "rose to 5.1% (4.8% in 2023)", "12.4 billion (10.1 billion a year earlier)"?"""
    if not re.fullmatch(r"\s*\(\s*", gap) or not _same_unit_any(p, prev, i):
        return False
    end = p.spans[i][1]
    m = _BRACKET_TAIL.match(p.text, end, p.end)
    if m is None:
        return False
    inside = m.group()
    if _earlier().search(inside) is None or _not_baseline().search(inside) is not None:
        return False
    y = _YEAR.search(inside)
    own = _year_of(p.claims[prev].period)
    return y is None or own is None or int(y.group()) <= own


def _same_unit_any(p: Passage, a: int, b: int) -> bool:
    qa, qb = p.claims[a].quantity, p.claims[b].quantity
    return qa is not None and qb is not None and qa.unit == qb.unit


def _total_after(p: Passage, out: list[Link]) -> None:
    """ "$2 billion for schools and $3 billion for roads, totalling $5 billion": the figures
    of one unit before a total cue are its components when they do not add up to more."""
    n = len(out)
    for t in range(1, n):
        if out[t].role or p.claims[t].quantity is None:
            continue
        gap = p.text[p.spans[t - 1][1] : p.spans[t][0]]
        if _total_gap().search(gap) is None:
            continue
        tv = _magnitude(p.claims[t].quantity)
        rows: list[int] = []
        k = t - 1
        while (
            k >= max(0, t - BREAKDOWN_MAX)
            and not out[k].role
            and _same_unit_any(p, k, t)
            and not _percent(p, k)
        ):
            rows.append(k)
            if k == 0 or not _ROW_BACK.match(p.text[p.spans[k - 1][1] : p.spans[k][0]]):
                break
            k -= 1
        total = sum(_magnitude(p.claims[r].quantity) or 0.0 for r in rows)
        if len(rows) < 2 or tv is None or total > tv * 1.02:
            continue
        for r in rows:
            out[r] = Link("part", t, "part:..., totalling")


#: Between two rows listed before their total: a short noun tail and a list word.
_ROW_BACK = re.compile(r"^(?:\s+[^\d,;:.()]{0,30}?)?\s*(?:,|,?\s+and|;)\s+(?:[a-z][\w'’-]*\s+){0,2}$", re.I)


def _prior(p: Passage, prev: int, i: int, gap: str) -> bool:
    """Is figure ``i`` a bracketed prior value of ``prev``: "(2023: 10.1 billion)" with a year
    before ``prev``'s own, or "(previous: 4.5%)"?"""
    m = _YEAR_LABEL.match(gap)
    if m is None:
        return False
    a, b = p.claims[prev].quantity, p.claims[i].quantity
    if a is None or b is None or a.unit != b.unit:
        return False
    if m.group("year"):
        # a later year in brackets is another value of a table ("2.8% for 2024 (2025: 3.1%)")
        own = _year_of(p.claims[prev].period)
        return own is None or int(m.group("year")) <= own
    return _prior_label().match(" ".join(m.group("word").split())) is not None


#: After an amount of change, up to the level it reaches: "increase in revenue to", "in the
#: first quarter to reach".
_AMOUNT_TO = re.compile(
    r"\s*(?:(?:increase|rise|growth|decline|drop|fall|gain|jump|reduction|decrease)\b)?[^,;:.()\d]{0,50}?"
    r"(?:,\s*)?\b(?:to|reaching|standing\s+at)\s+(?:reach\s+|stand\s+at\s+|hit\s+|total\s+|a\s+(?:record|total)\s+(?:of\s+)?)?$",
    re.I,
)
_CHANGE_NOUN_AFTER = re.compile(
    r"\s*(?:(?:year[- ]on[- ]year|annual|yearly)\s+)?"
    r"(?:increase|rise|growth|decline|drop|fall|gain|jump|reduction|decrease)\b",
    re.I,
)
#: Between a level and an amount of change that qualifies it, after a comma: ", representing
#: an increase of", ", which is a rise of", ", up", ", a" (with "increase" after the amount).
_LEVEL_THEN_AMOUNT = re.compile(
    r",\s*(?:(?:which|that)\s+(?:is|was|represents|represented|marks|marked|reflects|reflected)\s+|"
    r"represent(?:s|ed|ing)\s+|mark(?:s|ed|ing)\s+|reflect(?:s|ed|ing)\s+|an?\s+)?"
    r"(?:(?:an?|the)\s+)?(?:(?:annual|yearly|year[- ]on[- ]year)\s+)?"
    r"(?:(?:increase|decrease|rise|drop|decline|growth|jump|fall|gain|reduction)\s+of\s+)?$",
    re.I,
)
_NOT_A_SECOND_CLAUSE = re.compile(r"\b(?:and|while|whereas|but|compared|against|from|to)\b", re.I)


def _amount_to_level(p: Passage, i: int) -> bool:
    """Is figure ``i`` an amount of change whose level follows after "to" ("a 12% increase in
    revenue to $5.2 billion")?"""
    q = p.claims[i].quantity
    if q is None or q.unit not in ("%", "pp"):
        return False
    a, b = p.spans[i][1], p.spans[i + 1][0]
    if not _AMOUNT_TO.match(p.text, a, b) or re.search(r"\b(?:from|and|while|but|of)\b", p.text[a:b], re.I):
        return False
    return _relative(p, i) or _CHANGE_NOUN_AFTER.match(p.text, a, b) is not None


def _amount_of_level(p: Passage, prev: int, i: int, gap: str) -> bool:
    """Is figure ``i`` an amount of change of the level ``prev``, written after it past a
    comma: "$5.2 billion in 2024, representing an increase of 12%", "$5.2 billion, a 12%
    increase"?"""
    q, pq = p.claims[i].quantity, p.claims[prev].quantity
    if q is None or pq is None or q.unit not in ("%", "pp") or len(gap) > 60 or "," not in gap:
        return False
    head, tail = gap.rsplit(",", 1)
    if _NOT_A_SECOND_CLAUSE.search(head) or not _LEVEL_THEN_AMOUNT.match("," + tail):
        return False
    if re.search(r"of\s+$", tail):
        return True
    return _CHANGE_NOUN_AFTER.match(p.text, p.spans[i][1]) is not None or (
        re.search(r"\b(?:up|down)\s+(?:by\s+)?$", tail, re.I) is not None
    )


def _same_unit(p: Passage, a: int, b: int) -> bool:
    qa, qb = p.claims[a].quantity, p.claims[b].quantity
    return qa is not None and qb is not None and qa.unit == qb.unit and qa.unit not in ("%", "pp")


def _smaller_count(p: Passage, part: int, total: int) -> bool:
    """Two counts of the same noun (or none), the part below the total."""
    a, b = p.claims[part].quantity, p.claims[total].quantity
    if (
        a is None
        or b is None
        or a.unit is not None
        or b.unit is not None
        or (a.noun and b.noun and a.noun != b.noun)
    ):
        return False
    va, vb = _magnitude(a), _magnitude(b)
    return va is not None and vb is not None and 1 <= va < vb


def _next_row(p: Passage, prev: int, i: int, gap: str, total: int) -> bool:
    """Is figure ``i`` the next component of the breakdown figure ``prev`` is a row of: a
    list gap ("$2 billion for schools, $3 billion for roads"), the same unit, and the rows so
    far within the total?"""
    if LIST_GAP.fullmatch(gap):
        return True
    m = _ROW_GAP.match(gap)
    if m is None or _CLAUSE_WORD.search(m.group("tail")) or _CLAUSE_BREAK.search(gap):
        return False
    a, b = p.claims[prev].quantity, p.claims[i].quantity
    if a is None or b is None or a.unit != b.unit:
        return False
    t = p.claims[total].quantity if 0 <= total < len(p.claims) else None
    if b.unit == "%" or t is None or t.unit != b.unit:
        return b.unit == "%"
    tv = _magnitude(t)
    if tv is None or i - total > BREAKDOWN_MAX:
        return False
    rows = 0.0
    for k in range(total + 1, i + 1):
        v = _magnitude(p.claims[k].quantity)
        rows += v or 0.0
    return rows <= tv * 1.02


def _to_the_level(p: Passage, out: list[Link]) -> None:
    """A baseline tied to an amount of change ("3.2 trillion, up 8% from 2.96 trillion") is
    the baseline of the level that amount describes.

    A baseline tied to an amount of change that describes no level ("rose by 5% from 200,000
    in 2023") is still a from-value, but of a new value the sentence does not give: it keeps
    its role and loses its link (a percentage changes from no count)."""
    n = len(out)
    for i, lk in enumerate(out):
        if lk.role not in ("baseline", "compare") or not 0 <= lk.anchor < n:
            continue
        a = out[lk.anchor]
        if a.role == "change" and 0 <= a.anchor < n and a.anchor != i and _relative(p, lk.anchor):
            out[i] = Link(lk.role, a.anchor, lk.cue)
        elif not a.role and _relative(p, lk.anchor) and not _same_unit_any(p, i, lk.anchor):
            out[i] = Link(lk.role, -1, lk.cue)


#: "from" just before a figure, and "to" just before the next one ("from 88,000 applicants
#: to 59,000"): a few words of noun phrase may follow the first figure, no clause break.
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?$", re.I)
_TO_BETWEEN = re.compile(r"^[^,;:.()\d]{0,40}?\bto\s+(?:(?:about|around|some|almost|nearly|just)\s+)?$", re.I)


#: A ratio after a figure: "18% of GDP", "31% of output".
_OF_AFTER = re.compile(r"\s*(?:of|as\s+a\s+share\s+of)\s+[A-Za-z]", re.I)
#: A verb with its own object before "from": "taking annual inflation from", "lifting its
#: share from" (not "falling from").
_OBJECT_BEFORE_FROM = re.compile(r"\b[a-z]+ing\s+(?!from\b)[a-z][^,;]*\bfrom\s+(?:an?\s+|the\s+)?$", re.I)


#: Just before an amount of change: "by", "up", "down", "an increase of", or a verb of change
#: ("fell 4 percent"); a level is introduced by "to" or "at" instead.
_AMOUNT_BEFORE = re.compile(
    r"(?:\b(?:by|up|down|(?:an?\s+)?(?:increase|decrease|rise|drop|decline|fall|gain|reduction)\s+of)|"
    rf"\b{verbs.change_pattern('up', 'raise', 'down', 'lower')})"
    r"\s+(?:(?:about|almost|nearly|some|around|roughly|over|more\s+than|less\s+than)\s+)?$",
    re.I,
)


def _relative(p: Passage, j: int) -> bool:
    """Is claim ``j`` an amount of change: a percentage, points, or a fraction word ("a
    quarter" is stored as 0.25 with no unit), after a word of change ("fell by", "up")?"""
    q = p.claims[j].quantity
    if q is None or not (q.unit in ("%", "pp") or (q.unit is None and 0 < (q.value or 0) < 1)):
        return False
    start = p.spans[j][0]
    return _AMOUNT_BEFORE.search(p.text[max(0, start - 40) : start]) is not None


def _from_then_to(p: Passage, out: list[Link]) -> None:
    """ "AMOUNT [adverbial], from A to B": B is the level the change reaches and A its
    baseline.  A "from A to B" whose A the labels tied to the amount before it ("dropped by
    a quarter between 2019 and 2024, from 62,000 to 51,000"), or to nothing ("halved since
    the reform, falling from 88,000 to 59,000"), is re-tied: A is B's baseline and the
    amount, if any, describes B."""
    text = p.text
    n = len(p.claims)
    for i in range(n - 1):
        k = i + 1
        if p.claims[i].quantity is None or p.claims[k].quantity is None or out[k].role:
            continue
        if not _FROM_BEFORE.search(text[max(0, p.spans[i][0] - 12) : p.spans[i][0]]):
            continue
        if not _TO_BETWEEN.match(text[p.spans[i][1] : p.spans[k][0]]):
            continue
        lk = out[i]
        if (
            lk.role == "baseline"
            and 0 <= lk.anchor < i
            and not out[lk.anchor].role
            and _relative(p, lk.anchor)
        ):
            amount = lk.anchor  # the labels took the amount before it for the new value
            if _OF_AFTER.match(text, p.spans[i][1]) or _OF_AFTER.match(text, p.spans[k][1]):
                # "revenue rose 25%, from 18% of GDP to 19%": the amount is the growth of
                # the level, the two figures its ratio to another; leave them as they are
                continue
            if _OBJECT_BEFORE_FROM.search(text, p.spans[amount][1], p.spans[i][0]):
                # "prices rose 0.4%, taking annual inflation from 3.1% to 3.5%": another
                # measure's levels
                continue
            out[amount] = Link("change", k, "change:by ... from ... to")
        elif lk.role:
            continue
        out[i] = Link("baseline", k, "base:from ... to")


def _last_words(s: str, n: int = 3) -> str:
    return " ".join(s.split()[-n:]).strip(" ,(")


_REL_OF: dict[str, tuple[RelationType, RelationType | None]] = {
    # role -> (relation on the claim, relation on its anchor)
    "baseline": ("change_to", "change_from"),
    "change": ("change_by", None),
    "share": ("share_of", None),
    "part": ("part_of", None),
    "converted": ("converted_from", None),
}


_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
#: A break between a list and "respectively" after it that makes the word another list's.
_STRONG_BREAK = re.compile(r";|\s[—–]\s|,\s*(?:while|whereas|but|although|though)\b|\.\s", re.I)


def _paired(p: Passage, group: Sequence[int], words: Sequence[int]) -> bool:
    """Is the list ``group`` the one a "respectively" after it pairs: the word (``words``:
    where the sentence says it, in order) follows the list in its own part of the sentence
    ("..., while inflation was 5% and 6%" is not)?"""
    end = p.spans[group[-1]][1]
    k = bisect.bisect_left(words, end)
    return (
        k < len(words)
        and words[k] - end <= RESPECTIVELY_REACH
        and _STRONG_BREAK.search(p.text, end, words[k]) is None
    )


def relations_of(p: Passage, links: Sequence[Link], respectively: bool) -> list[list[Relation]]:
    """Each claim's relations, from the roles (``compare`` roles must already be resolved
    to ``baseline`` or dropped) and, when the sentence says "respectively", its lists."""
    n = len(p.claims)
    out: list[list[Relation]] = [[] for _ in range(n)]
    for i, lk in enumerate(links):
        if lk.role not in _REL_OF or not 0 <= lk.anchor < n:
            continue
        mine, theirs = _REL_OF[lk.role]
        out[i].append(Relation(mine, p.claims[lk.anchor].id))
        if theirs is not None:
            out[lk.anchor].append(Relation(theirs, p.claims[i].id))
    if respectively:
        words = [m.start() for m in _RESPECTIVELY.finditer(p.text, p.start, p.end)]
        for group in p.lists():
            if not _paired(p, group, words):
                continue
            for i in group:
                others = [j for j in group if j != i][:RESPECTIVELY_MAX]
                out[i] += [Relation("respectively", p.claims[j].id) for j in others]
    return out
