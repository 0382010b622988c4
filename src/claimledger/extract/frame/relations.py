"""Frame field ``relations``: typed links between the figures of one sentence.

Reads: the relation labels the pipeline's relation pass gave each figure (``base``: the
starting value of "from X to Y" or "Y, from X"; ``change``: the "by X" of "by X to Y";
``appos``: a figure that qualifies the one before it), the words between neighbouring
figures, and their units.  Writes: per claim a ``Link`` (its role and the claim it is
tied to) and the ``Relation`` list of the frame.

- ``change_from`` on a new value, pointing at its baseline; ``change_to`` on the baseline,
  pointing at the new value ("fell to 2.1% in May from 3.3% in March", "up from 4.9%").
  A value "compared with"/"against" another is a baseline only when it is the same
  entity's (decided after the entities, see ``Link.role == "compare"``).
- ``change_by`` on an amount of change ("up 12%", "by 2 pp", "15% more than"), pointing at
  the level it describes.
- ``share_of`` / ``part_of`` on a share or component after "of which", "including",
  pointing at the total before it.
- ``converted_from`` on a bracketed or "or" conversion ("X tenge ($Y)"), pointing at X.
- ``respectively`` between the figures of a list paired by "respectively".
"""

from __future__ import annotations

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


#: What may stand between the cue of a gap and the next figure ("from an estimated").
_BEFORE_FIGURE = (
    r"\s+(?:an?\s+|the\s+)?"
    r"(?:estimated|expected|projected|forecast|revised|initial|earlier|previous|reported)?\s*$"
)


def _from_gap() -> re.Pattern[str]:
    return _cues.framed("relations", ("change_from",), "", _BEFORE_FIGURE)


def _compare_gap() -> re.Pattern[str]:
    return _cues.framed("relations", ("compare",), "", _BEFORE_FIGURE)


def _part_gap() -> re.Pattern[str]:
    return _cues.framed("relations", ("part_of",), "", r"\b[^.;]{0,50}$")


def _converted_gap() -> re.Pattern[str]:
    return _cues.anchored("relations", "converted")


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
            if pq is not None and pq.unit != q.unit and _converted_gap().match(gap):
                out[i] = Link("converted", prev, f"converted:{' '.join(gap.split()) or '('}")
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
            if _from_gap().search(a_gap):
                out[i] = Link("baseline", anchor, f"base:{_last_words(a_gap)}")
            elif _compare_gap().search(a_gap):
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
            m = _part_gap().search(gap)
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
        if prev >= 0 and out[prev].role in ("part", "share") and LIST_GAP.fullmatch(gap):
            out[i] = Link(out[prev].role, out[prev].anchor, out[prev].cue)
            continue
        if i + 1 < n and _BY_THEN_TO.match(text, p.spans[i][1], p.spans[i + 1][0]):
            # "rose 45% year on year to $6.2 billion": the change of the level that follows
            out[i] = Link("change", i + 1, "change:... to")
            continue
        if prev >= 0 and len(gap) <= 50 and not LIST_GAP.fullmatch(gap):
            if _from_gap().search(gap):
                # "fell to 2.1% in May from 3.3% in March" when no label reached it
                out[i] = Link("baseline", prev, f"base:{_last_words(gap)}")
            elif _compare_gap().search(gap):
                # "4.5% in Almaty, against 4.7% nationally"
                out[i] = Link("compare", prev, f"compare:{_last_words(gap)}")
    _from_then_to(p, out)
    return out


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
        for group in p.lists():
            for i in group:
                others = [j for j in group if j != i][:RESPECTIVELY_MAX]
                out[i] += [Relation("respectively", p.claims[j].id) for j in others]
    return out
