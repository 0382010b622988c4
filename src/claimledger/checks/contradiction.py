"""Checker ``checks.contradiction.v2``: two levels for one indicator and period that
cannot both be true.

Reads: claims with figures, grouped by indicator and period.  Writes: one finding per
conflicting pair.

How a figure is read.  Each figure is turned into the interval of values it asserts:
an exact figure is itself; "about X" is X give or take ``APPROX_SPAN``; a range is its
ends.  A bound ("over 25.1 trillion") is read as a *stated level*, not as an open
half-line: officials say "over X" for a figure just above X, so "over X" covers
``[X, X*(1+BOUND_SPAN)]``.  Read literally, "over 25.1 trillion" and "over 18.4
trillion" are compatible; read as levels they are two different amounts for one budget
line, which is what they are.

When two figures conflict.  Their intervals must be apart by more than a tolerance and:
- they come from different sentences, or from one sentence with nothing relating them
  (two figures of one sentence joined by "from", "of which", "than", "rose" ... are a
  change, a part or a comparison, not two statements of one level);
- in one document, their kinds are compatible: actuals with actuals, targets with
  targets, forecasts with forecasts; an "actual" for a future period is neutral (see
  ``_family``).  A target next to an achievement is an outcome, which the promise
  checker handles;
- across documents, both report an actual value for a period that had ended when each
  document was published.  Forecasts and plans are revised, and that is not a
  contradiction;
- percentages also differ by more than a rounding or revision in points;
- the larger is less than ``MAX_RATIO`` times the smaller: two statements of one figure
  differ by a slip, a revision or an inconsistency, while a factor of several means the
  two figures are a part and a whole that the subjects did not tell apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from claimledger.checks import _frames
from claimledger.checks._changes import find_changes
from claimledger.checks._fmt import amount, pct, stated
from claimledger.checks.base import (
    ACTUAL_KINDS,
    NAME_WORD,
    CheckContext,
    Confidence,
    canonical_tokens,
    exclusion_clash,
    fine_period,
    fmt_period,
    frame_of,
    group_clash,
    headline,
    hypothetical,
    is_actual,
    make_finding,
    names_subject,
    other_place,
    period_end,
    period_years,
    proper_names,
    qualifier_clash,
    rounding,
    same_kind,
    same_place,
    scale,
    titles_tie,
    whole_of_part,
)
from claimledger.link import ClaimRecord, canonical_subject
from claimledger.models import Finding, Severity
from claimledger.resources import checks as check_words
from claimledger.resources import verbs

NAME = "checks.contradiction.v3"

#: "about X" is read as X plus or minus 5%: wider would let "about 18 million" absorb a
#: genuinely different "19.5 million"; narrower would flag ordinary rounding.
APPROX_SPAN = 0.05
#: "almost X"/"nearly X" is read as up to 5% below X (same reasoning, one-sided).
NEARLY_CUES = ("almost", "nearly", "just under", "close to", "up to")
#: "over X" is read as X up to 25% above it: a speaker rounding down to a round figure
#: rarely gives away more than a quarter of the amount.
BOUND_SPAN = 0.25
#: Two statements of one figure in one document should agree to rounding: 0.5%.
SAME_DOC_TOLERANCE = 0.005
#: Across documents, preliminary figures are revised; revisions above 3% are rare enough
#: for a journalist to want to know, smaller ones are routine.
CROSS_DOC_TOLERANCE = 0.03
#: Above this ratio the two figures are most likely different things (a part and a whole).
MAX_RATIO = 2.0
#: Across documents the bar is lower: two reports of one figure that differ by more than half
#: are far more often two scopes ("exports of goods" and "of goods and services") than a
#: discrepancy.
MAX_RATIO_CROSS = 1.5
#: Two figures of one frame (same taxonomy measure, entity and basis) may be further apart:
#: a misquoted figure is often off by a digit.
STRICT_MAX_RATIO = 3.0
#: Percentages are compared in points as well: a growth rate revised from 4.8% to 5.0% is
#: routine (0.5 points across documents), and one document should not differ by more than
#: rounding (0.15 points).
SAME_DOC_POINTS = 0.15
CROSS_DOC_POINTS = 0.5
#: A quarter-on-quarter or month-on-month rate is a quarter or a twelfth of a yearly one, and
#: so are its routine revisions (a flash 0.5% q/q revised to 0.6%): across documents 0.25
#: points apart is already more than a revision.
CROSS_DOC_POINTS_SHORT = 0.25
#: A figure retold by another author within a month (a speech a week after the release, a
#: news story the day after a statement) is no revision: nothing was re-measured in
#: between, so beyond the stated precision of both (the intervals) the two may differ by
#: this many points only.
RETOLD_POINTS = 0.05
RETOLD_DAYS = 31
#: The scenario writers' and fact-checkers' rule of severity across documents: a figure off
#: by more than 10% (the larger over the smaller) is an ``error``, a smaller gap a warning.
ERROR_GAP = 0.10


def interval(c: ClaimRecord) -> tuple[float, float] | None:
    """The values a figure asserts (see module doc), in the base unit of its dimension."""
    q = c.qualifier or "exact"
    k = scale(c)[1]
    if c.value is None:
        if c.low is not None and c.high is not None:
            return (min(c.low, c.high) * k, max(c.low, c.high) * k)
        return None
    v = c.value * k
    if v <= 0:
        return None
    if q == "at_least":
        return (v, v * (1 + BOUND_SPAN))
    if q == "at_most":
        return (v * (1 - BOUND_SPAN), v)
    if q == "approx":
        text = (c.q_text or "").lower()
        if any(text.startswith(cue) for cue in NEARLY_CUES) or _cue_before(c, NEARLY_CUES):
            return (v * (1 - APPROX_SPAN), v)
        return (v * (1 - APPROX_SPAN), v * (1 + APPROX_SPAN))
    # An exact figure stands for what rounds to it: "3.1 million" is 3.05-3.15 million.
    r = rounding(c)
    return (v * (1 - r), v * (1 + r))


def _cue_before(c: ClaimRecord, cues: tuple[str, ...]) -> bool:
    start, _ = c.q_rel
    before = c.sentence[max(0, start - 14) : start].lower()
    return any(before.rstrip().endswith(cue) for cue in cues)


def _points_apart(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance between two intervals in their own unit (0 when they overlap)."""
    return max(0.0, max(a[0], b[0]) - min(a[1], b[1]))


def gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Relative distance between two intervals (0 when they overlap)."""
    lo, hi = (a, b) if a[1] <= b[0] else (b, a)
    if lo[1] >= hi[0]:
        return 0.0
    return (hi[0] - lo[1]) / hi[0]


def _family(c: ClaimRecord) -> str:
    """Which statements a figure can contradict within one document.

    Actuals go with actuals, targets with targets, forecasts with forecasts.  A figure
    tagged as an achievement or status for a period that starts after the document was
    published cannot be an actual; it states the plan or projection in neutral words
    ("spending in 2026 is put at ..."), so it is compared with figures of any kind.
    """
    if c.kind in ACTUAL_KINDS:
        ys = period_years(c.period)
        if ys is not None and c.published is not None and ys[0] > c.published.year:
            return "neutral"
        return "actual"
    return "actual" if is_actual(c) else c.kind


#: Words between two figures of one sentence that relate them (a change, a part, a
#: comparison, a list matched to periods): such figures are not two statements of one level.
_RELATING = re.compile(
    r"\b(?:from|to|of\s+which|including|includ\w*|than|compared|versus|vs|against|while|"
    rf"whereas|respectively|up|down|{verbs.change_pattern('up', 'down', tenses=('past',))}|reach\w*|"
    r"out\s+of|per|share|more|less|after|before|between|and\s+then)\b|%|\(",
    re.I,
)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _nearest_year(c: ClaimRecord) -> str | None:
    """The year written closest to a figure in its sentence."""
    s, e = c.q_rel
    years = [
        (min(abs(m.start() - e), abs(s - m.end())), m.group(0))
        for m in _YEAR.finditer(c.sentence)
        if not (s <= m.start() < e)
    ]
    return min(years)[1] if years else None


def _restated_in_sentence(a: ClaimRecord, b: ClaimRecord) -> bool:
    """One sentence that gives one indicator two levels for one period, with nothing
    relating the two figures ("spending of 25.1 trillion in 2026 ... and of over 18.4
    trillion in 2026"): a restatement, comparable like two sentences."""
    (_, e1), (s2, _) = sorted([a.q_rel, b.q_rel])
    if e1 > s2:
        return False
    between = a.sentence[e1:s2]
    if _RELATING.search(between) or find_changes(a.sentence, [a, b]):
        return False
    # In a list over several years a misread period is likely: each figure must stand
    # next to its own mention of the period's year.
    if not (_nearest_year(a) == _nearest_year(b) == (a.period or "")[:4]):
        return False
    # Nothing between the figures may name another thing ("revenues were 315 trillion and
    # expenditures 363 trillion"): only the indicator's own words and words about where
    # in the text the figure stands.
    own = set(canonical_subject(a.subject).tokens) | set(canonical_subject(b.subject).tokens)
    return set(canonical_subject(between).tokens) <= own | check_words.PLACE_IN_TEXT


#: What a percentage change is measured against, read from the words after it: year on
#: year (the default), quarter on quarter, month on month, since a year, or cumulative.
_CHANGE_BASES = (
    (
        "quarter",
        re.compile(
            r"\b(?:quarter[- ]on[- ]quarter|q/q|(?:from|on|over)\s+the\s+(?:previous|prior|"
            r"preceding)\s+quarter|quarterly\s+basis|sequential\w*)\b",
            re.I,
        ),
    ),
    (
        "month",
        re.compile(
            r"\b(?:month[- ]on[- ]month|m/m|(?:from|on|over)\s+the\s+(?:previous|prior|"
            r"preceding)\s+month|monthly\s+basis)\b",
            re.I,
        ),
    ),
    (
        "since",
        re.compile(
            r"\b(?:since|compared\s+(?:with|to)\s+(?:19|20)\d\d|than\s+in\s+(?:19|20)\d\d|"
            r"(?:over|in)\s+the\s+(?:past|last)\s+\w+\s+years|cumulative\w*|"
            r"from\s+(?:19|20)\d\d)\b",
            re.I,
        ),
    ),
    ("annualised", re.compile(r"\b(?:annuali[sz]ed|seasonally\s+adjusted\s+annual\s+rate|saar)\b", re.I)),
)


def change_base(c: ClaimRecord) -> str:
    """What a percentage change compares with ("year" unless the sentence says otherwise)."""
    for name, rx in _CHANGE_BASES:
        if rx.search(c.sentence):
            return name
    return "year"


#: Who a figure is attributed to: "the IMF forecasts ...", "according to the World Bank",
#: "the central bank's forecast".  Up to five words before a verb of forecasting/estimating.
_SOURCE_VERB = re.compile(
    r"(?P<who>(?:[A-Z][\w&.'-]*|the|of|and|for|central|national|world|international|monetary|"
    r"development|statistics|statistical|finance|economy|economic|ministry|bank|fund|office|agency|"
    r"government|analysts|economists|experts|forecasters|investors|rating|agencies)"
    r"(?:\s+(?:[A-Z][\w&.'-]*|the|of|and|for|central|national|world|international|monetary|development|"
    r"statistics|statistical|finance|economy|economic|ministry|bank|fund|office|agency|government|"
    r"analysts|economists|experts|forecasters|rating|agencies)){0,5})\s+"
    r"(?:expects?|forecasts?|sees|projects?|predicts?|estimates?|anticipates?|puts|put|pencil(?:s|led)?\s+in)\b"
)
_SOURCE_AFTER = re.compile(
    r"\b(?:according\s+to|estimated\s+by|forecast\s+by|projected\s+by)\s+"
    r"(?P<who>(?:the\s+)?[A-Za-z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4})",
    re.I,
)
_SOURCE_POSS = re.compile(
    r"(?P<who>(?:the\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4})(?:'s|\u2019s)\s+"
    r"(?:forecast|projection|estimate|outlook)",
    re.I,
)


def source(c: ClaimRecord) -> str | None:
    """Who a figure is attributed to in its sentence, lower-cased ("imf"), if anyone: the
    attribution nearest before the figure ("the ministry sees 5.6%, while the World Bank
    expects 4.7%"), else the first one after it ("..., according to the IMF")."""
    start = c.q_rel[0]
    found: list[tuple[int, str]] = []
    for rx in (_SOURCE_VERB, _SOURCE_POSS, _SOURCE_AFTER):
        for m in rx.finditer(c.sentence):
            who = re.sub(r"^(?:the|and|of)\s+", "", m.group("who").strip(" .,;").lower())
            if who and who not in ("it", "he", "she", "they", "we", "this", "that"):
                found.append((m.start(), who))
    if not found:
        return None
    before = [f for f in found if f[0] < start]
    return max(before)[1] if before else min(found)[1]


def _other_source(a: ClaimRecord, b: ClaimRecord, *, forecasts: bool) -> bool:
    """Are two figures attributed to different sources?  "agency" and "statistics agency"
    are one.  Forecasts differ unless both name the same source or neither names one (a
    forecast with an author against one without is the author's against the speaker's);
    other figures only when both name a source."""
    sa, sb = source(a), source(b)
    if sa is None or sb is None:
        return forecasts and (sa is not None or sb is not None)
    wa, wb = set(sa.split()), set(sb.split())
    return not (wa <= wb or wb <= wa)


#: Words that label a figure as a revision of another: both are stated on purpose.
_REVISION = re.compile(
    r"\b(?:revis\w*|preliminary|provisional|initial(?:ly)?|earlier\s+estimate\w*|"
    r"first\s+estimate\w*|final\s+(?:data|figures?|estimates?)|updated|corrected|"
    r"restated|flash\s+estimate)\b",
    re.I,
)


def _own_subject_is(c: ClaimRecord, key: str) -> bool:
    """Does the clause subject before a percentage's verb name exactly the indicator?  A
    rate is easily pinned on the wrong thing ("Exports of coffee rose 19%" carries the
    subject "exports" from the sentence before); when the clause has a plain subject, its
    head words must be the indicator's (a country or "the country's" aside)."""
    from claimledger.link import sentence_subject

    own = sentence_subject(c.sentence, c.q_rel[0])
    if own is None:
        return True
    from claimledger.resources.indicators import GENERIC

    # Qualifiers are weighed by ``qualifier_clash``; here only what is measured counts.
    ignore = GENERIC | {"budget", "nominal", "real", "gross", "net", "median"}
    want = set(key.split("|")[1].split()) - ignore
    have = set(canonical_subject(own).tokens) - ignore
    return not have or have == want


def comparable(a: ClaimRecord, b: ClaimRecord, key: str | None = None) -> bool:
    """Whether two same-indicator, same-period figures claim the same thing (module doc)."""
    if a.doc == b.doc and a.sent_start == b.sent_start and not _restated_in_sentence(a, b):
        return False
    if other_place(a, b):
        return False  # "Almaty attracted $3 billion" / "Astana received $2 billion": two places
    if qualifier_clash(a, b):
        return False  # an average and a median, nominal and real, gross and net ...
    if key is not None:
        # Each sentence must name the indicator itself: a subject carried over from the
        # sentence before ("Exports grew 12%. Shipments to China rose 30%.") is too weak
        # to accuse a text of contradicting itself.
        if not (names_subject(a, key) and names_subject(b, key)):
            return False
        if key.endswith("|percent_change") and change_base(a) != change_base(b):
            return False  # 3.1% on the quarter and 5.5% on the year are both right
        if "|percent" in key and not (_own_subject_is(a, key) and _own_subject_is(b, key)):
            return False  # "Exports grew 12%." / "Exports of coffee rose 19%."
    if a.doc == b.doc and (_REVISION.search(a.sentence) or _REVISION.search(b.sentence)):
        # A text that labels a revision states the old and the new figure on purpose; across
        # documents the later one is still a change of the record worth a look.
        return False
    if a.doc == b.doc:
        fa, fb = _family(a), _family(b)
        if _other_source(a, b, forecasts=fa == fb == "forecast"):
            return False  # the IMF's forecast and the central bank's are two opinions, not a slip
        return fa == fb or "neutral" in (fa, fb)
    if not is_actual(a) or not is_actual(b):
        return False
    end = period_end(fine_period(a))
    return bool(end and a.published and b.published and end < a.published and end < b.published)


def _not_one_measure(ctx: CheckContext, a: ClaimRecord, b: ClaimRecord) -> bool:
    """Do the words around two figures say they are not two statements of one level, though
    their frames or indicator tie them: one is the whole of a part stated with it ("62% of
    the 2,000 km network") and the other is not; one leaves a part out ("output excluding
    timber") that the other includes or leaves out something else; they are of different
    groups of people ("18% among men" and the overall rate); or one is a hypothetical level
    ("a bad case with oil above $75")?"""
    whole_a = whole_of_part(a, ctx.sentence_claims(a)) is not None
    whole_b = whole_of_part(b, ctx.sentence_claims(b)) is not None
    return (
        whole_a != whole_b or exclusion_clash(a, b) or group_clash(a, b) or hypothetical(a) or hypothetical(b)
    )


def _order(c: ClaimRecord) -> tuple[str, int]:
    return (c.published.isoformat() if c.published else "", c.seq)


class ContradictionChecker:
    name = NAME

    def run(self, ctx: CheckContext) -> list[Finding]:
        out: list[Finding] = []
        paired: set[tuple[str, str]] = set()
        for group in comparison_groups(ctx).values():
            if len(group) < 2:
                continue
            # Figures that state the same value cannot conflict: only distinct values are
            # paired, through a few of their statements each, so a figure restated in a
            # hundred documents costs as much as one stated twice.
            by_value: dict[tuple[float, str | None], list[ClaimRecord]] = {}
            for c in sorted(group, key=_order):
                by_value.setdefault((round((c.point or 0.0) * scale(c)[1], 9), c.unit), []).append(c)
            if len(by_value) < 2:
                continue
            seen: set[tuple[str, str, float, float]] = set()
            revisions = [c for c in group if _is_revision(c)]
            for va, vb in combinations(by_value.values(), 2):
                for a, b in _candidate_pairs(va, vb):
                    key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                    if key in paired:
                        continue  # in a frame group and an indicator group: judged once
                    paired.add(key)
                    if _revised_between(a, b, revisions):
                        continue  # the later figure is judged against the revision, not the old one
                    f = self._pair(ctx, a, b, seen)
                    if f is not None:
                        out.append(f)
                        if f.type == "contradiction":
                            break
        return out

    def _pair(
        self, ctx: CheckContext, a: ClaimRecord, b: ClaimRecord, seen: set[tuple[str, str, float, float]]
    ) -> Finding | None:
        m = _frames.match(a, b)
        key = ctx.key(a)
        one_sentence = a.doc == b.doc and a.sent_start == b.sent_start
        if (
            m is not None
            and not m.ok
            and m.veto == "measure"
            and key is not None
            and key == ctx.key(b)
            and (not one_sentence or canonical_tokens(a.subject) == canonical_tokens(b.subject))
        ):
            # The frames disagree on what is measured (their least sure field) but the words
            # tie them to one indicator (in one sentence, with one subject): judged by the
            # sentence rules, and never more than a warning.
            m = (
                None
                if not (_frames.family(a) and _frames.family(b))
                else _frames.Match(
                    True, False, ("the frames disagree on the measure; the indicator's words agree",)
                )
            )
            if m is not None and not (comparable(a, b, key) or _restated_target(a, b)):
                return None
        if not same_place(ctx, a, b) or _not_one_measure(ctx, a, b):
            return None
        if (m is None or one_sentence) and not comparable(a, b, key):
            return None
        if one_sentence and canonical_tokens(a.subject) != canonical_tokens(b.subject):
            return None  # "basic pensions rise 6.5% and solidarity pensions 8.5%": two things
        if m is not None and (
            not m.ok
            or _frames.sub_item(key, ctx.key(b), _titles(ctx, a, b) + _own_words(a, m))
            or not self._like(ctx, a, b, m, key)
        ):
            return None  # ... or a whole and one of its items ("exports" / "flower exports")
        if not same_kind(scale(a)[0], scale(b)[0]):
            return None  # a reviewer merged figures of different kinds: nothing to compare
        ia, ib = interval(a), interval(b)
        if ia is None or ib is None:
            return None
        g = gap(ia, ib)
        same_doc = a.doc == b.doc
        if g <= (SAME_DOC_TOLERANCE if same_doc else CROSS_DOC_TOLERANCE):
            return None
        if a.unit == "%" and _points_apart(ia, ib) <= _points_tolerance(ctx, a, b, same_doc, m):
            return None
        pa, pb = (a.point or 0.0) * scale(a)[1], (b.point or 0.0) * scale(b)[1]
        if min(pa, pb) <= 0:
            return None
        # The ratio caps guard against a part and a whole that the words did not tell apart;
        # one frame (same measure, entity, basis) tells them apart better, so its cap is wider.
        cap = MAX_RATIO if same_doc else MAX_RATIO_CROSS
        if m is not None and m.strict:
            cap = STRICT_MAX_RATIO
        if max(pa, pb) / min(pa, pb) > cap:
            return None
        sig = (a.doc, b.doc, pa, pb)
        if sig in seen:  # the same two values repeated: one finding is enough
            return None
        seen.add(sig)
        first, second = (a, b) if _order(a) <= _order(b) else (b, a)
        if m is not None and _revises(ctx, first, second):
            return self._revision(ctx, first, second)
        return self._finding(ctx, a, b, first, second, m, pa, pb)

    @staticmethod
    def _like(ctx: CheckContext, a: ClaimRecord, b: ClaimRecord, m: _frames.Match, key: str | None) -> bool:
        """Frames present: like against like (``_frames.FAMILY``), and the sentence rules
        that frames cannot yet replace (one sentence relating its figures, two places)."""
        fa, fb = _frames.family(a), _frames.family(b)
        if fa is None or fa != fb:
            return False
        if a.doc == b.doc and a.sent_start == b.sent_start and not _restated_in_sentence(a, b):
            return False
        if (other_place(a, b) and not _named_in_titles(ctx, a, b)) or qualifier_clash(a, b):
            return False
        if (
            key is not None
            and key.endswith("|percent_change")
            and not _frames.same_change_basis(a, b)
            and change_base(a) != change_base(b)
        ):
            return False
        if not m.strict and not (names_subject(a, key) and names_subject(b, key)):
            return False  # a free phrase alone never ties two figures
        wa, wb = _frames.attribution(a), _frames.attribution(b)
        if fa == "projection":
            wa, wb = _forecaster(ctx, a), _forecaster(ctx, b)
            # the same source's projection: one document, or one named source
            return wa == wb and (a.doc == b.doc or wa is not None)
        if fa == "target":
            # the same target restated: one document, one named source, or the same
            # government speaking for itself in two of its own documents
            return a.doc == b.doc or (wa == wb and (wa is not None or _same_author(ctx, a, b)))
        # Both frames say actual.  Within a period still running, only completed facts
        # ("admitted 48,200 students in 2025") are compared, not a level that may still move
        # ("12,000 km of roads are being repaired this year").
        end = period_end(fine_period(a))
        running = end is not None and any(c.published is not None and c.published <= end for c in (a, b))
        return (
            not running or (a.kind == "achievement" and b.kind == "achievement") or _finer_than_period(a, b)
        )

    def _revision(self, ctx: CheckContext, old: ClaimRecord, new: ClaimRecord) -> Finding:
        label = ctx.label(old)
        fact = f"{label} in {fmt_period(fine_period(old))} revised from {stated(old)} to {stated(new)}"
        msg = (
            f"{ctx.where(new)} revises the figure of {ctx.where(old)}; a stated revision, "
            "not a contradiction."
        )
        details = {"indicator": ctx.key(old), "period": old.period, "rule": "revision"}
        conf = Confidence.of(0.7, (True, 0.1, "the later figure calls itself a revision"))
        return make_finding(
            "revision",
            NAME,
            "info",
            msg,
            [(old, "earlier"), (new, "revision")],
            details,
            confidence=conf,
            computation=f"{stated(old)} -> {stated(new)}",
            headline=headline(ctx, new, fact),
        )

    def _finding(
        self,
        ctx: CheckContext,
        a: ClaimRecord,
        b: ClaimRecord,
        first: ClaimRecord,
        second: ClaimRecord,
        m: _frames.Match | None,
        pa: float,
        pb: float,
    ) -> Finding:
        hi, lo = (a, b) if pa >= pb else (b, a)
        diff = (max(pa, pb) - min(pa, pb)) / max(pa, pb)
        label = ctx.label(a)
        period = fmt_period(fine_period(a))
        same_doc = a.doc == b.doc
        if a.unit == "%" and b.unit == "%":
            apart = f"they are {max(pa, pb) - min(pa, pb):.1f} percentage points apart"
            computation = f"|{_num(pa)} - {_num(pb)}| = {max(pa, pb) - min(pa, pb):.2f} points"
        else:
            apart = f"{amount(lo.point or 0, lo.unit)} is {pct(diff)} below {amount(hi.point or 0, hi.unit)}"
            computation = f"({_num(max(pa, pb))} - {_num(min(pa, pb))}) / {_num(max(pa, pb))} = {pct(diff)}"
        superseded = m is not None and _is_revision(first) and not _is_revision(second)
        official = _frames.official(ctx.doc(a)) and _frames.official(ctx.doc(b))
        strict = m is not None and m.strict
        severity: Severity = _severity(same_doc, pa, pb)
        gap = (
            f"{max(pa, pb) - min(pa, pb):.1f} percentage points apart"
            if a.unit == "%"
            else f"{pct(diff)} apart"
        )
        said = first
        if same_doc:
            said = a
            fact = f"{label} in {period}, {stated(a)} vs {stated(b)} in the same statement ({gap})"
            msg = f"{ctx.where(a)} gives both figures; {apart}, so both cannot be right."
        elif superseded:
            said = second
            fact = f"{label} in {period}, {stated(second)} vs {stated(first)} as revised ({gap})"
            msg = f"{ctx.where(second)} cites a value that {ctx.where(first)} had already revised."
        elif m is not None and _frames.family(a) == "target":
            fact = f"target for {label} in {period}, {stated(first)} vs {stated(second)} restated ({gap})"
            msg = (
                f"{ctx.where(first)} sets the target; {ctx.where(second)} restates it at another "
                "value without calling it a change."
            )
        else:
            fact = f"{label} in {period}, {stated(first)} vs {stated(second)} in {ctx.where(second)} ({gap})"
            msg = f"{ctx.where(first)} and {ctx.where(second)} differ by more than a routine revision."
        reasons = m.reasons if m is not None else ("no stored frames: matched by the indicator's words",)
        conf = Confidence.of(
            0.5,
            (strict, 0.3, reasons[0] if reasons else "same frame"),
            (m is not None and not strict, 0.05, reasons[0] if reasons else "compatible frames"),
            (m is None, 0.0, reasons[0]),
            (official, 0.1, "both from official sources"),
            (same_doc, 0.05, "both in one document"),
            (superseded, 0.05, "the later figure contradicts a stated revision"),
            (diff > 0.2, 0.05, "far beyond rounding or a routine revision"),
        )
        details = {
            "indicator": ctx.key(a),
            "period": fine_period(a),
            "values": [pa, pb],
            "intervals": [list(interval(a) or ()), list(interval(b) or ())],
            "relative_gap": round(diff, 6),
            "same_document": same_doc,
            "rule": "same document"
            if same_doc
            else (
                "superseded"
                if superseded
                else (
                    "target restated"
                    if m is not None and _frames.family(a) == "target"
                    else "actuals across documents"
                )
            ),
            "same_frame": strict,
        }
        return make_finding(
            "contradiction",
            NAME,
            severity,
            msg,
            [(a, "statement"), (b, "statement")],
            details,
            confidence=conf,
            computation=computation,
            headline=headline(ctx, said, fact),
        )


def _restated_target(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Are two figures of two documents both targets or both projections (restated at
    another value, they are weighed by ``_like``: the same author's, never a third party's)?"""
    return a.doc != b.doc and _frames.family(a) == _frames.family(b) in ("target", "projection")


def _authors(ctx: CheckContext, c: ClaimRecord) -> frozenset[str]:
    """The generic institutions who state a figure: those its document's speaker and source
    name, and the one its sentence names ("..., Finance Minister Jon Ek said in an
    interview" in a weekly's story)."""
    said = _frames.institution(c.sentence)
    return _frames.institutions(ctx.doc(c)) | ({said} if said else set())


def _forecaster(ctx: CheckContext, c: ClaimRecord) -> str | None:
    """Who makes a projection: the frame's attribution or forecasting body, else the
    institution its sentence names as the source ("The economy ministry expects ..."), else,
    when the sentence names no other source ("The ministry forecasts ..."), the one
    institution that publishes the document."""
    found = _frames.forecaster(c) or _frames.institution(source(c))
    if found is not None:
        return found
    said = source(c)
    own = _frames.institutions(ctx.doc(c))
    if len(own) == 1 and (said is None or said in _OWN_VOICE):
        return next(iter(own))
    return None


#: Sources that name no one but the document's own author.
_OWN_VOICE = frozenset({"ministry", "government", "bank", "office", "agency", "we"})


def _same_author(ctx: CheckContext, a: ClaimRecord, b: ClaimRecord) -> bool:
    """Are two documents one author's own statements: the same source or speaker, or two
    official documents (a ministry's budget statement and its medium-term framework) of
    which neither names another?"""
    da, db = ctx.doc(a), ctx.doc(b)
    if da.speaker and da.speaker == db.speaker:
        return True
    if _authors(ctx, a) & _authors(ctx, b):
        return True  # the finance minister in an interview and the ministry of finance
    if da.source or db.source:
        return da.source == db.source and _frames.official(da)
    return _frames.official(da) and _frames.official(db)


def _points_tolerance(
    ctx: CheckContext, a: ClaimRecord, b: ClaimRecord, same_doc: bool, m: _frames.Match | None = None
) -> float:
    """How far apart, in points, two percentages may be and still be one figure (rounding in
    one document; a routine revision across documents, smaller for q/q and m/m rates; none
    for one frame's figure retold by another author within a month, nor for a target)."""
    if same_doc:
        return SAME_DOC_POINTS
    if m is not None and m.ok and (retold(ctx, a, b) or _after_revision(ctx, a, b)):
        return RETOLD_POINTS
    if _frames.family(a) == _frames.family(b) == "target":
        return RETOLD_POINTS  # a target is set, never re-measured: any other value is another plan
    fa, fb = frame_of(a), frame_of(b)
    short = {"q/q", "m/m"}
    if fa is not None and fb is not None and short & set(fa.basis) and short & set(fb.basis):
        return CROSS_DOC_POINTS_SHORT
    return CROSS_DOC_POINTS


def _after_revision(ctx: CheckContext, a: ClaimRecord, b: ClaimRecord) -> bool:
    """Does another author cite, after a stated revision, a value other than the revised one
    (a figure "revised up to 5.1%", a minister's 5.6% months later)?  The revision is the
    newest measurement: whatever the time between them, nothing was re-measured after it."""
    first, second = (a, b) if _order(a) <= _order(b) else (b, a)
    if first.doc == second.doc or not _is_revision(first) or _is_revision(second):
        return False
    df, ds = ctx.doc(first), ctx.doc(second)
    return not (df.source and df.source == ds.source)


def retold(ctx: CheckContext, a: ClaimRecord, b: ClaimRecord) -> bool:
    """Is one figure another author's retelling of the other within ``RETOLD_DAYS`` (a
    speech a week after a release, a wire story the day after a statement)?  The same
    source restating its own figure may be revising it; another author has nothing new to
    measure."""
    da, db = ctx.doc(a), ctx.doc(b)
    if a.doc == b.doc or da.published is None or db.published is None:
        return False
    if abs((da.published - db.published).days) > RETOLD_DAYS:
        return False
    return not (da.source and da.source == db.source)


def _own_words(a: ClaimRecord, m: _frames.Match) -> str:
    """For two figures of one taxonomy measure (a strict frame match), the measure's own
    words, which qualify no item of it."""
    f = frame_of(a)
    return " " + _frames.measure_words(f.measure.id) if m.strict and f is not None else ""


def _named_in_titles(ctx: CheckContext, a: ClaimRecord, b: ClaimRecord) -> bool:
    """Two sentences of two documents that name different things ("Brevnia's GDP ..." /
    "Finance Minister Olan Vesk said ...") are one place's when one sentence's name is the
    other document's title's (a country the tables do not know)."""
    if a.doc == b.doc:
        return False
    names = [{w[:5] for w in proper_names(c.sentence, first_word=True)} for c in (a, b)]
    return titles_tie(ctx, a, b, names[0], names[1])


def _severity(same_doc: bool, pa: float, pb: float) -> Severity:
    """How severe a conflict between two figures is.  A text that contradicts itself is an
    ``error``; across documents, a figure off by more than ``ERROR_GAP`` (the larger over
    the smaller) is an ``error`` whoever reports them and whatever they are (two actuals, a
    target or a forecast restated), a smaller gap a ``warning``: it may be a rounding, a
    definition or a plan changed without saying so.  A weaker tie (entity or basis stated on
    one side only, a free-phrase measure named in both sentences) or a news source lowers
    the finding's confidence, not its severity."""
    if same_doc:
        return "error"
    return "error" if max(pa, pb) > (1 + ERROR_GAP) * min(pa, pb) + 1e-12 else "warning"


def comparison_groups(ctx: CheckContext) -> dict[tuple[str, ...], list[ClaimRecord]]:
    """Figures that may state one level, grouped in one pass: a figure with a stored frame
    of a taxonomy measure by (measure, entity, period, dimension), the entity being the
    document's country when the frame names none; any other figure by its indicator and
    period.  Only figures within a group are ever paired, so the work grows with the
    size of the groups, not of the ledger."""
    groups: dict[tuple[str, ...], list[ClaimRecord]] = defaultdict(list)
    for c in ctx.claims:
        if not (c.period and c.has_quantity and _is_level(c)):
            continue
        f = frame_of(c)
        if f is not None and not f.measure.free:
            who = _frames.entity_of(f) or ctx.doc(c).region or "-"
            # counts of one measure meet whether or not the noun was repeated ("46,500" /
            # "52,000 students"); two counted nouns are kept apart by ``same_kind``
            dim = "count" if scale(c)[0].startswith("count") else scale(c)[0]
            groups[("frame", f.measure.id, who, fine_period(c) or "", dim)].append(c)
        key = ctx.key(c)
        if key is not None:
            groups[("indicator", key, fine_period(c) or "")].append(c)
    return groups


def _finer_than_period(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Do both frames say the figures are for a month, a quarter or a day (a sub-period,
    most likely over, of the running year the period names)?"""
    fa, fb = frame_of(a), frame_of(b)
    fine = {"month", "quarter", "day", "week", "half_year"}
    return fa is not None and fb is not None and bool(set(fa.basis) & fine) and bool(set(fb.basis) & fine)


def _titles(ctx: CheckContext, a: ClaimRecord, b: ClaimRecord) -> str:
    """The words that name places and sources around two figures: their documents' titles
    and the names in their sentences."""
    names = [m.group(0) for c in (a, b) for m in NAME_WORD.finditer(c.sentence)]
    return " ".join([*(d.title or "" for d in (ctx.doc(a), ctx.doc(b))), *names])


def _num(x: float) -> str:
    return f"{x:,.6g}"


def _is_level(c: ClaimRecord) -> bool:
    """Is a figure a level of its measure to compare (no frame: every figure is)?"""
    return frame_of(c) is None or _frames.family(c) is not None


def _candidate_pairs(va: list[ClaimRecord], vb: list[ClaimRecord]) -> list[tuple[ClaimRecord, ClaimRecord]]:
    """The statements of two values that are weighed against each other, oldest first
    within each: both values in one document first (a text that contradicts itself), then
    the first and the last statement of each (the first report, and the latest, which may
    cite a value superseded by a revision in between)."""
    docs_b = {c.doc: c for c in vb}
    out = [(a, docs_b[a.doc]) for a in va if a.doc in docs_b][:2]
    ends_a = [va[0]] if len(va) == 1 else [va[0], va[-1]]
    ends_b = [vb[0]] if len(vb) == 1 else [vb[0], vb[-1]]
    for a in ends_a:
        for b in ends_b:
            out.append((a, b) if _order(a) <= _order(b) else (b, a))
    # one pair once, by ids (hashing whole records, frames and all, is costly)
    seen: set[tuple[str, str]] = set()
    unique = []
    for a, b in out:
        if (a.id, b.id) not in seen:
            seen.add((a.id, b.id))
            unique.append((a, b))
    return unique


def _revised_between(a: ClaimRecord, b: ClaimRecord, revisions: list[ClaimRecord]) -> bool:
    """Was the earlier of two figures superseded, before the later was published, by a
    revision of another document (a flash estimate "revised to" 2.6% before a minister's
    3.4%)?  Then the minister contradicts the revision, not the superseded flash."""
    first, second = (a, b) if _order(a) <= _order(b) else (b, a)
    return any(
        r.doc not in (first.doc, second.doc) and _order(first) < _order(r) <= _order(second)
        for r in revisions
    )


def _is_revision(c: ClaimRecord) -> bool:
    """Does a figure call itself a revision (its frame status, or its words)?"""
    f = frame_of(c)
    if f is not None and f.status == "revision":
        return True
    return _SAYS_REVISED.search(c.sentence) is not None


#: Words by which a figure says it replaces an earlier one ("revised up to", "now estimated at").
_SAYS_REVISED = re.compile(
    r"\b(?:revis\w*|now\s+(?:estimated|put|seen|put)|updated|corrected|restated|final\s+(?:data|figures?|estimates?))\b",
    re.I,
)
#: Words by which a figure says it is a first reading that may change.
_FIRST_READING = re.compile(
    r"\b(?:preliminary|provisional|initial(?:ly)?|first\s+estimate\w*|flash\s+estimate|advance\s+estimate)\b",
    re.I,
)


def _revises(ctx: CheckContext, first: ClaimRecord, second: ClaimRecord) -> bool:
    """Is the later figure a revision of the earlier one: it says so, or the earlier says
    it is a first reading and the later comes from the same source?"""
    if _is_revision(second) and not _is_revision(first):
        return True
    if _FIRST_READING.search(first.sentence) and not _is_revision(first):
        da, db = ctx.doc(first), ctx.doc(second)
        return first.doc == second.doc or (da.source is not None and da.source == db.source)
    return False
