"""Frame field ``status``: is the figure a fact, an estimate, a projection, a target, an
assumption, a baseline or a revision.

Reads: the claim's kind and its kind cue (kinds stage), its period and period cue (time
stage), its role among the sentence's figures (``relations.Link``), its attribution, the
words of its clause before it and of its stretch, and the document date.  Writes: the
status and the cues that decided it, the kind first (``kind:forecast``), then what
changed it.

First rule that applies:
1. the from-value of a change ("fell to 2.1% from 3.3%", also one the relation pass did not
   pair: "cut the target from 70 billion crowns (6.1% of output) to 64 billion", and the aside
   right after a baseline, "(6.1% of output)"), or an earlier value named right
   before the figure ("its earlier forecast of 2.8%"), or a base a comparison names right
   before it ("weaker than the 4.4% of the quarter before", "after posting 5.1%"), is a
   ``baseline``;
2. a revision cue before the figure in its clause ("revised up to", "now estimated at",
   "raised its forecast to", "revised upwards from ... to"), or one starting after it
   before the next figure naming the value it replaces ("up from its earlier forecast of",
   "revised from", "higher than previously"; after a forecast or target also a bare earlier
   value, "(vs. prior at 3.1%)"; after a forecast also "vs" + a figure of the same period
   right after it, "3.2% this year vs 2.9%"), makes a ``revision``;
3. an assumption cue ("assumes", "based on an oil price of", "built on") an ``assumption``;
4. a kind ``target`` in a sentence that states a purpose, a procedure (a meeting, a
   session), a vote or an example ("a typical family") is no target: ``actual`` for a
   purpose or a vote, ``projection`` for a scheduled procedure or an example of a plan;
   a bare future said by another ("will stay below 25%, Fitch said") is a ``projection``;
   a purpose clause attached to an act ("in order to", "with the aim of") cancels only a
   figure before it (one inside it is the aim it states);
5. an estimate cue ("estimated", "preliminary", "an estimated") makes an ``estimate``, or
   a ``projection`` when the period is still ahead;
6. the speaker's own ``forecast`` of a period ending in the document's year, said from
   November on, is an ``estimate``; a ``forecast`` of a period that ended before the
   document is an ``estimate`` ("according
   to the IMF, GDP exceeded $X in 2023"), or ``actual`` when it is the reference value a
   projection starts from ("... after 7.9% in the fourth quarter"); else a ``projection``;
7. ``target`` stays ``target``; ``achievement`` and ``status`` are ``actual``.
"""

from __future__ import annotations

import bisect
import re
from datetime import date as Date
from functools import lru_cache

from claimledger.extract import kinds
from claimledger.extract.frame import _cues
from claimledger.extract.frame._passage import within
from claimledger.models import Claim, Status

__all__ = ["NOISE", "SAID", "Said", "decide", "period_end", "sentence_noise"]

#: Characters before a figure searched for a status cue ("revised up to", "an estimated").
CUE_REACH = 60
#: Characters before a figure searched for what a budget is built on ("The budget is based
#: on an oil price of $80 and an exchange rate of 470 tenge"): the list that follows it.
ASSUMPTION_REACH = 300
#: From this month of the document's year on, the speaker's own forecast of a period ending
#: that year is an estimate: most of it is over.
LATE_MONTH = 11
#: Characters after a figure searched for a trailing estimate cue ("3.1%, preliminary data show").
AFTER_REACH = 40
#: Characters after a figure searched for the earlier value it replaces ("3.2% this year,
#: up from its earlier forecast of 2.8%").
REVISED_FROM_REACH = 60
#: A period cue resolved to a month ("->2025-06").
_MONTH_CUE = re.compile(r"->\d{4}-\d{2}\b")
#: A forecast participle right after a figure ("the 2.9% expected by analysts").
_FORECAST_AFTER = re.compile(
    r"\s*(?:expected|forecast|projected|predicted|estimated|anticipated|seen)\b", re.I
)
#: A figure right after its earlier-value cue ("its earlier forecast of 2.8%").
_ONLY_BLANK = re.compile(r"\s*")

#: What may stand between a figure and the aside after it: "70 billion (6.1%".
_APPOSITIVE = re.compile(r"(?:\s+[A-Za-z]{2,12}){0,2}\s*[(\[]\s*(?:or\s+|about\s+|some\s+)?")
#: "from" right before a figure ("from an estimated").
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:an?\s+|the\s+|its\s+)?(?:estimated\s+|initial\s+|earlier\s+)?$", re.I)
#: "to" + a figure after a from-value, past an aside ("(6.1% of output) to 64 billion").
_TO_AFTER = re.compile(
    r"(?:\s+[\w/.-]{2,12}){0,4}?(?:\s*[(\[][^()\[\]]{0,60}[)\]])?\s*(?:,\s*)?to\s+"
    r"(?!(?:19|20)\d\d\b(?![\d.,%]))(?:an?\s+|about\s+|around\s+|some\s+)?[^\s\d]{0,4}\s?\d"
)

_FROM_KIND: dict[str, Status] = {
    "achievement": "actual",
    "status": "actual",
    "forecast": "projection",
    "target": "target",
}
#: Period words that name a past period outright ("in 2023", "last year"); a bare month
#: ("in July") that the time stage placed in the past is not enough to call a forecast an
#: estimate.
_EXPLICIT_PAST = re.compile(r"\b(?:19|20)\d\d\b|\b(?:last|previous|past|ago|earlier|before)\b", re.I)
#: A past value a projection starts from: "after (growth of) 7.8%", "following 5%".
_REFERENCE_BEFORE = re.compile(
    r"\b(?:after|following|compared\s+(?:with|to)|against|versus|from|than)\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)


#: Right after a forecast, "vs"/"versus"/"compared with" and a figure: an earlier round's value.
#: (a time of a few words may stand between: "3.2% this year vs 2.9%", "3.2% in 2026 vs")
_VERSUS = _cues.framed(
    "status",
    ("revision_versus",),
    r"(?:\s+(?:in|for|this|next|the|year|fiscal|(?:19|20)\d\d(?:[/-]\d\d)?)){0,3}[\s,;(\[]*",
    r"\s+(?:the\s+|an?\s+|some\s+|about\s+)?$",
)
_OTHER_VALUE = _cues.pattern("status", "versus_other_value")
#: Characters after the compared figure's start read for what it is (its unit, its time).
VERSUS_REACH = 50
#: The end of the compared figure's phrase: a clause break.
_PHRASE_END = re.compile(r"[.;:](?=\s|$)|[)\]]|,\s")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def versus_round(text: str, fig_end: int, next_start: int, period: str | None) -> str | None:
    """The comparison word when the figure right after a forecast (``next_start``) is the
    earlier round's value ("3.2% this year vs 2.9%"), else None: not another period's,
    another forecaster's or an outcome ("vs 2.9% a year earlier", "vs 3.1% expected"), nor
    one dated in another year than the forecast's ``period``."""
    if next_start < 0 or next_start - fig_end > VERSUS_REACH:
        return None
    m = _VERSUS.match(text, fig_end, next_start)
    if m is None:
        return None
    stop = _PHRASE_END.search(text, next_start + 1, next_start + VERSUS_REACH)
    end = stop.start() if stop is not None else min(len(text), next_start + VERSUS_REACH)
    if _OTHER_VALUE.search(text, next_start, end) is not None:
        return None
    years = _YEAR.findall(text, next_start, end)
    if years and (period is None or any(not period.startswith(y) for y in years)):
        return None
    return " ".join(m.group("cue").lower().split())


#: A kind cue that is a bare future ("target:will", "target:will stay"): no goal word.
_MODAL_ONLY = re.compile(r"(?:will|would|shall|'ll)\b.*", re.I)

SAID = (
    "revision",
    "assumption",
    "estimate",
    "revision_after",
    "earlier_value",
    "base_before",
    "revision_after_month",
    "revision_gap",
    "base_than",
)
#: Of SAID, the cues read before a figure in its clause (the others have rules of their own).
_BEFORE = frozenset({"revision", "assumption", "estimate"})
NOISE = ("vote", "example", "procedural", "purpose", "purpose_clause")


class Said:
    """The status cues of one sentence (revision, assumption, estimate), found once."""

    __slots__ = ("hits", "starts")

    def __init__(self, found: list[re.Match[str]]) -> None:
        sc = _cues.scanner("status", *SAID)
        self.hits = [(m.start(), m.end(), sc.which(m), " ".join(m.group().lower().split())) for m in found]
        self.starts = [h[0] for h in self.hits]

    def within(self, a: int, b: int) -> list[tuple[int, int, str, str]]:
        return within(self.hits, self.starts, a, b)

    def starting(self, a: int, b: int) -> list[tuple[int, int, str, str]]:
        """The hits that start in ``[a, b)``, wherever they end ("compared with 3.1% in
        the spring outlook" holds the figure it names)."""
        lo = bisect.bisect_left(self.starts, a)
        return self.hits[lo : bisect.bisect_left(self.starts, b, lo)]


def period_end(claim: Claim, period_cue: str) -> Date | None:
    """The last day of the claim's period, as finely as the time stage resolved it."""
    return kinds.period_end(claim.period, period_cue)


@lru_cache(maxsize=4096)
def _in_kind_cue(words: str) -> tuple[tuple[str, str], ...]:
    """The status cues in the words of a kind cue ("forecast:is based"): (kind, words)."""
    sc = _cues.scanner("status", *SAID)
    return tuple((sc.which(m), " ".join(m.group().lower().split())) for m in sc.rx.finditer(words))


def sentence_noise(found: list[re.Match[str]]) -> tuple[str, str, int] | None:
    """Why a sentence is no commitment whatever its verbs: ``(reason, words, start)`` for a
    vote, an example, a procedure or a purpose (in that order); None otherwise.  A purpose
    clause (``purpose_clause``) is reported as ``purpose`` with a start >= 0 (where it
    begins: a figure after it is its aim); the other reasons have start -1."""
    sc = _cues.scanner("status", *NOISE)
    first = {sc.which(m): m for m in reversed(found)}
    for reason in NOISE:
        if reason in first:
            m = first[reason]
            words = " ".join(m.group().lower().split())
            if reason == "purpose_clause":
                return "purpose", words, m.start()
            return reason, words, -1
    return None


def decide(
    claim: Claim,
    text: str,
    said: Said,
    left: tuple[int, int],
    seg: tuple[int, int],
    fig_end: int,
    role: str,
    role_cue: str,
    attributed: bool,
    period_cue: str,
    noise: tuple[str, str, int] | None,
    ref: Date | None,
    next_start: int = -1,
    after_revision: bool = False,
    prev_end: int = -1,
    after_baseline: bool = False,
) -> tuple[Status, list[str]]:
    """The status of ``claim``; ``left`` is its clause up to the figure, ``seg`` its own
    stretch, ``fig_end`` where its figure ends, ``next_start`` where the sentence's next
    figure starts (-1: none), ``after_revision`` whether the figure continues a revision
    ("raised its forecasts to 3.1% for 2025 and 3.4% for 2026"), ``prev_end`` where the
    sentence's figure before it ends (-1: none), ``after_baseline`` whether the figure right
    before it is a baseline."""
    kind = claim.kind
    k_cue = claim.cues[0] if claim.cues else ""
    cues = [f"kind:{kind}"]
    base = _FROM_KIND[kind]
    if role == "baseline":
        return "baseline", [*cues, role_cue]
    if after_baseline and prev_end >= 0 and _APPOSITIVE.fullmatch(text, prev_end, left[1]):
        # "cut from 70 billion (6.1% of output) to 64 billion": the aside of a from-value
        return "baseline", [*cues, "base:aside of the figure before"]
    if (
        role == ""
        and _FROM_BEFORE.search(text, max(left[0], left[1] - 30), left[1])
        and _TO_AFTER.match(text, fig_end)
    ):
        # "cut the target from 70 billion (6.1% of output) to 64 billion": the from-value of
        # a change the relation pass did not pair
        return "baseline", [*cues, "base:from ... to"]
    # (a cue touching the figure may stand before its clause: "Prior: 3.1%")
    for _a, b, name, words in said.within(max(0, left[1] - CUE_REACH), left[1]):
        if name == "earlier_value" and _ONLY_BLANK.fullmatch(text, b, left[1]):
            # "up from its earlier forecast of 2.8%": the value a revision replaces
            return "baseline", [*cues, f"earlier value:{words}"]
        if (
            (name == "base_before" or (name == "base_than" and prev_end >= 0))
            and role != "compared"
            and _ONLY_BLANK.fullmatch(text, b, left[1])
            and _FORECAST_AFTER.match(text, fig_end) is None
        ):
            # "weaker than the 4.4% of the quarter before", "coming from a strong 6.2%":
            # the base another figure is compared with (not another's forecast: "than the
            # 2.9% expected by analysts")
            return "baseline", [*cues, f"base:{words}"]
    lo = max(left[0], left[1] - CUE_REACH)
    # a revision, an assumption or an estimate said before the figure in its clause (the
    # nearest wins), or a revision or assumption in its kind cue
    # the nearest of each kind wins; what a budget is built on reaches along its clause
    reach = max(left[0], left[1] - ASSUMPTION_REACH)
    near = {
        h[2]: h[3]
        for h in said.within(reach, left[1])
        if h[2] in _BEFORE and (h[0] >= lo or h[2] == "assumption")
    }
    if k_cue:
        for name, words in _in_kind_cue(k_cue.partition(":")[2]):
            near.setdefault(name, words)
    if "revision" not in near:
        stop = next_start if next_start >= 0 else max(seg[1], fig_end)
        for h in said.starting(fig_end, min(stop, fig_end + REVISED_FROM_REACH)):
            plan = kind in ("forecast", "target")
            month = h[2] == "revision_after_month" and plan and _MONTH_CUE.search(period_cue) is None
            said_plan = h[2] in ("earlier_value", "revision_gap") and plan
            if h[2] == "revision_after" or said_plan or month:
                # "growth of 3.2% this year, up from its earlier forecast of 2.8%"; a
                # forecast followed by the earlier round's value ("3.4% (vs. prior at 3.1%)")
                return "revision", [*cues, f"revision:{h[3]} (after it)"]
    if (
        "revision" not in near
        and kind == "forecast"
        and (vs := versus_round(text, fig_end, next_start, claim.period))
    ):
        # "growth of 3.2% this year vs 2.9%": the forecast and the earlier round's value
        return "revision", [*cues, f"revision:{vs} (the earlier round after it)"]
    if "revision" not in near and after_revision:
        return "revision", [*cues, "revision:as the figure before"]
    for name in ("revision", "assumption"):
        if name in near:
            st: Status = "revision" if name == "revision" else "assumption"
            return st, [*cues, f"{name}:{near[name]}"]
    if kind == "target" and noise is not None and not 0 <= noise[2] < left[1]:
        # (a figure after a purpose clause's start is the aim it states, a target:
        # "acting with the aim of bringing inflation to its goal of 3% by 2030")
        reason, words, _at = noise
        if reason in ("purpose", "vote"):
            return "actual", [*cues, f"not a target:{reason} ({words})"]
        return "projection", [*cues, f"not a target:{reason} ({words})"]
    if kind == "target" and attributed and _MODAL_ONLY.fullmatch(k_cue.partition(":")[2]):
        # "debt will stay below 25% of GDP, Fitch said": a third party's view, no commitment
        # (a goal it reports, "the government targets a deficit of 3%, Fitch said", stays one)
        return "projection", [*cues, "projection:a target said by another"]
    end = period_end(claim, period_cue)
    past = ref is not None and end is not None and end < ref
    est = near.get("estimate")
    if est is None:
        after = [
            h
            for h in said.within(fig_end, min(max(seg[1], fig_end), fig_end + AFTER_REACH))
            if h[2] == "estimate"
        ]
        est = after[0][3] if after else None
    if est is not None and kind != "target":
        words = est
        ahead = ref is not None and end is not None and end.year > ref.year
        if ahead:
            return "projection", [*cues, f"estimate:{words} (period ahead)"]
        return "estimate", [*cues, f"estimate:{words}"]
    late = ref is not None and end is not None and end.year == ref.year and ref.month >= LATE_MONTH
    if kind == "forecast" and not attributed and late:
        # "growth is expected at 3.2% this year" said in December: the year is mostly
        # over, the figure is the speaker's estimate of it
        return "estimate", [*cues, "estimate:forecast of a period ending this year, said late in it"]
    if kind == "forecast":
        if past and _EXPLICIT_PAST.search(period_cue.partition("->")[0]):
            if _REFERENCE_BEFORE.search(text, max(left[0], left[1] - 40), left[1]) and not attributed:
                return "actual", [*cues, f"actual:reference value of a past period (ended {end})"]
            return "estimate", [*cues, f"estimate:forecast of a past period (ended {end})"]
        return "projection", cues
    return base, cues
