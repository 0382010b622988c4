"""Checker ``checks.feasibility.v2``: the growth a target needs, against the growth on
record.

Reads: targets with a figure and a deadline; the same indicator's latest actual level
before the deadline; growth figures of that indicator (its "... growth" percentage
series, forecasts first) and past growth (changes stated next to its levels, or the
compound rate between its actual levels).  Writes one finding per target with a base and a rate to compare:
``details["required_annual_growth"]`` is a fraction.

The required compound annual rate is ``(target / actual) ** (1 / years) - 1``.  A target
that needs more than the best growth on record (plus ``MARGIN``) is a warning; one
within it is information.  With no growth on record to compare, nothing is raised.
A yearly flow target ("180,000 homes every year") is weighed against the best year on record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from itertools import pairwise

from claimledger.checks import _frames
from claimledger.checks._changes import find_changes
from claimledger.checks._fmt import amount, pct, stated
from claimledger.checks._frames import entity_of
from claimledger.checks.base import (
    CheckContext,
    Confidence,
    fmt_period,
    frame_of,
    headline,
    is_actual,
    is_deadline,
    make_finding,
    other_place,
    period_years,
    same_kind,
    same_place,
    scale,
    single_year,
)
from claimledger.link import ClaimRecord, growth_measures, is_level
from claimledger.models import GRANULARITIES, Finding, Frame, Severity
from claimledger.resources.words import singular

NAME = "checks.feasibility.v2"

#: Required growth may exceed the best comparable rate by half a percentage point before
#: it is called out: forecasts and past rates are themselves rounded to whole or half points.
MARGIN = 0.005
#: A base older than this many years before the deadline says little about feasibility.
MAX_YEARS = 30
#: A one-year step is an annual plan, not a growth path: feasibility starts at two years.
MIN_YEARS = 2
#: A pace this many times the best one on record is no stretch but out of reach: an error.
#: ("several times": a plan that needs three years of the best year's progress every year.)
SEVERAL = 3.0
#: For shares and rates the pace is a change in percentage points a year; half a point a year
#: is within the rounding of the levels it is read from.
MARGIN_POINTS = 0.5
#: With no pace on record, a national share or rate that must move more than this many
#: percentage points a year (poverty from 28% to 5% in two years, renewables from 30% to
#: 80% in three) is beyond what such figures do: a warning, never an error.
PRIOR_POINTS = 8.0


def _growth_keys(ctx: CheckContext, key: str) -> list[str]:
    """Indicators that hold growth rates of ``key``'s indicator: "gdp growth" as a rate,
    and "gdp" as a percentage change ("GDP grew 6.5%").  For an indicator keyed by frame,
    its measure's growth measures in the taxonomy, of the same entity."""
    m = ctx.indicators.get(key)
    if m is not None and m.measure_id:
        return [
            *ctx.related(key, growth_measures(m.measure_id), ("percent", "percent_change")),
            *ctx.related(key, (m.measure_id,), ("percent_change",)),
        ]
    parts = key.split("|")
    if len(parts) != 3:
        return []
    region, tokens, _dim = parts
    words = " ".join(sorted({*tokens.split(), "growth"}))
    return [
        f"{region}|{words}|percent",
        f"{region}|{words}|percent_change",
        f"{region}|{tokens}|percent_change",
    ]


_CUT = re.compile(
    r"\b(?:reduc\w*|cut\w*|lower\w*|decreas\w*|bring\s+down|halv\w*|curb\w*|below|under)\b", re.I
)


def _reduction(ctx: CheckContext, t: ClaimRecord) -> bool:
    """Is the target a cut: a cutting verb near it, or an indicator where less is better?"""
    from claimledger.checks.promise import LOWER_IS_BETTER

    near = t.sentence[max(0, t.q_rel[0] - 60) : t.q_rel[1]]
    key = ctx.key(t) or ""
    tokens = set(key.split("|")[1].split()) if key.count("|") >= 2 else set()
    return bool(_CUT.search(near)) or bool(tokens & LOWER_IS_BETTER)


def _counted_by_name(
    levels: dict[tuple[str, str, str], list[ClaimRecord]], t: ClaimRecord, who: str
) -> list[ClaimRecord]:
    """Levels of the one taxonomy measure whose words name what a free-phrase goal counts
    ("25 million passengers a year" and the airports' "9.1 million" of `passengers.air`),
    when exactly one measure does."""
    noun = singular((t.noun or "").lower())
    if not noun:
        return []
    hits = [
        cs
        for (mid, w, dim), cs in levels.items()
        if w == who
        and dim in ("count", scale(t)[0])
        and noun in {singular(x) for x in re.findall(r"[a-z]+", _frames.measure_words(mid).lower())}
    ]
    return hits[0] if len(hits) == 1 else []


def _comparable_rate(ctx: CheckContext, t: ClaimRecord, r: ClaimRecord) -> bool:
    """May a recorded or forecast rate be weighed against a pace goal: a figure, one place,
    the goal's kind of rate?"""
    return r.point is not None and same_place(ctx, t, r) and not other_place(t, r) and not _unlike_rate(t, r)


def _unlike_rate(t: ClaimRecord, r: ClaimRecord) -> bool:
    """Is a recorded rate not the goal's kind of rate: another basis (q/q against a yearly
    pace, nominal against real), or a share of GDP ("a deficit of 2.29% of GDP") that the
    frame filed under growth?"""
    ft, fr = frame_of(t), frame_of(r)
    if ft is None or fr is None:
        return True
    return "share_of_gdp" in fr.basis or (_frames.basis_clash(ft, fr) and not _only_granularity(ft, fr))


def _only_granularity(a: Frame, b: Frame) -> bool:
    """Do two bases differ only in the period's granularity (a run of years / one year)?"""
    return {x for x in a.basis if x not in GRANULARITIES} == {x for x in b.basis if x not in GRANULARITIES}


def _path(c: ClaimRecord) -> bool:
    """Is a growth-rate target a pace to keep over years ("7% a year by 2030", "in
    2026-2030"), not one year's plan?"""
    f = frame_of(c)
    return c.period_role in ("deadline", "range") or (f is not None and "multi_year" in f.basis)


def _is_share(t: ClaimRecord) -> bool:
    """Is a percentage target a share of a whole ("60% of electricity", "the share of ...")?"""
    f = frame_of(t)
    if f is not None and "share" in f.measure.id:
        return True
    return "share" in t.subject.lower() or t.sentence[t.q_rel[1] : t.q_rel[1] + 4].lower().startswith(" of ")


def _measure_of(c: ClaimRecord) -> str | None:
    f = frame_of(c)
    return None if f is None else f.measure.id


def _kin(a: str | None, b: str | None) -> bool:
    """Do two frames' measures name one thing: the same id, or one head ("poverty" and
    "poverty.rate")?"""
    return a is not None and b is not None and (a == b or _root(a) == _root(b))


def _n(x: float) -> str:
    return f"{x:,.6g}"


def _root(measure: str) -> str:
    """The head of a measure id, for finding its growth rates: "exports" and "export growth"
    -> "export", "gdp.nominal" and "gdp.real_growth" -> "gdp"."""
    head = measure.split(".", 1)[0].split()[0]
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


def _src(ctx: CheckContext, c: ClaimRecord, doc: str) -> str:
    """ " (where)" for a figure from another document; nothing for the same document."""
    return "" if c.doc == doc else f" ({ctx.where(c)})"


class FeasibilityChecker:
    name = NAME

    def __init__(self) -> None:
        self._past: dict[str, list[tuple[float, ClaimRecord, ClaimRecord]]] = {}
        self._newest_first: dict[int, tuple[list[ClaimRecord], list[ClaimRecord]]] = {}
        self._rates: dict[str, list[tuple[ClaimRecord, tuple[int, int], float]]] = {}
        self._recorded: dict[str, tuple[float, ClaimRecord, ClaimRecord, int, int] | None] = {}

    def run(self, ctx: CheckContext) -> list[Finding]:
        self._past = {}
        self._newest_first = {}
        self._rates = {}
        self._recorded = {}
        out: list[Finding] = []
        done: set[str] = set()
        for key, recs in ctx.by_indicator.items():
            dim = ctx.dimension(recs[0]) or ""
            # levels grow; a share or a rate ("percent", "percent_of:gdp") moves in points,
            # judged here only on figures whose frames name one measure (the words of an
            # indicator of shares join too much: "55% of electricity consumption" / "80%")
            points = dim == "percent" or dim.startswith("percent_of")
            if not is_level(dim) and not points:
                continue
            actuals = [
                c
                for c in recs
                if is_actual(c) and single_year(c.period) is not None and c.value is not None and c.value > 0
            ]
            for t in recs:
                # Only goals with a deadline ("$450 billion by 2029") set a growth path; a
                # target for a period ("spending of 25.1 trillion in 2026") is a plan line.
                if t.kind != "target" or t.point is None or t.point <= 0 or not is_deadline(t):
                    continue
                mt = _measure_of(t)
                base = [a for a in actuals if _kin(_measure_of(a), mt)] if points else actuals
                if points and not base:
                    continue
                f = self._one(ctx, key, t, base)
                if f is not None:
                    out.append(f)
                    done.add(t.id)
        out.extend(self._by_frame(ctx, done))
        return out

    def _by_frame(self, ctx: CheckContext, done: set[str]) -> list[Finding]:
        """Goals the indicators left unjudged (their words differ from the base's: "exports
        of Fennmark" / "exports"), judged on stored frames: the base is an actual of the same
        taxonomy measure and entity, the growth to compare with a growth rate of that
        measure ("export growth of 4% a year").  Built in one pass over the claims."""
        levels: dict[tuple[str, str, str], list[ClaimRecord]] = {}
        counted: dict[tuple[str, str], list[ClaimRecord]] = {}
        growth: dict[tuple[str, str], list[ClaimRecord]] = {}
        rates: dict[tuple[str, str], list[ClaimRecord]] = {}
        forecasts: dict[tuple[str, str], list[ClaimRecord]] = {}
        goals: list[tuple[ClaimRecord, str, str]] = []
        rate_goals: list[tuple[ClaimRecord, str, str]] = []
        flow_goals: list[tuple[ClaimRecord, str, str]] = []
        for c in ctx.claims:
            f = frame_of(c)
            if f is None or not c.has_quantity:
                continue
            who = entity_of(f) or ctx.doc(c).region or "-"
            if _average_growth(c, f):
                # "exports increased by an average of 2% a year": the level's own pace
                growth.setdefault((_root(f.measure.id), who), []).append(c)
                continue
            if c.unit == "%" and "growth" in f.measure.id.replace(".", " ").replace("_", " "):
                if c.kind == "target" and c.id not in done and (c.point or 0) > 0 and _path(c):
                    rate_goals.append((c, f.measure.id, who))
                elif is_actual(c) and single_year(c.period) is not None and f.status == "actual":
                    rates.setdefault((f.measure.id, who), []).append(c)
                elif c.kind == "forecast" and f.status == "projection" and period_years(c.period) is not None:
                    forecasts.setdefault((f.measure.id, who), []).append(c)
                # a real rate says nothing of a goal in money, which grows with prices too
                if "real" not in f.basis and "real" not in f.measure.id:
                    growth.setdefault((_root(f.measure.id), who), []).append(c)
                continue
            goal = c.kind == "target" and c.id not in done and (c.point or 0) > 0 and is_deadline(c)
            dim = scale(c)[0]
            if f.measure.free:
                # a free phrase ("25 million passengers a year") still names what it counts
                if goal and dim.startswith("count:"):
                    goals.append((c, "", who))
                continue
            if goal:
                goals.append((c, f.measure.id, who))
            elif _flow_goal(c, f) and c.id not in done:
                flow_goals.append((c, f.measure.id, who))
            elif is_actual(c) and single_year(c.period) is not None and (c.value or 0) > 0:
                levels.setdefault((f.measure.id, who, dim), []).append(c)
                if dim.startswith("count:"):
                    counted.setdefault((dim, who), []).append(c)
        out: list[Finding] = []
        for t, measure, who in rate_goals:
            found = self._rate_goal(ctx, t, rates.get((measure, who), []), forecasts.get((measure, who), []))
            if found is not None:
                out.append(found)
        for t, measure, who in flow_goals:
            found = self._flow_goal(ctx, t, levels.get((measure, who, scale(t)[0]), []))
            if found is not None:
                out.append(found)
        for t, measure, who in goals:
            # the goal's own measure; else, for a count, what the same noun counts
            actuals = levels.get((measure, who, scale(t)[0]), []) if measure else []
            if measure and not actuals:
                # "poverty" / "poverty.rate": one head, and only one measure of it on record
                kin = [k for k in levels if k[1:] == (who, scale(t)[0]) and _root(k[0]) == _root(measure)]
                if len(kin) == 1:
                    actuals = levels[kin[0]]
            if not actuals and scale(t)[0].startswith("count:"):
                actuals = counted.get((scale(t)[0], who), []) or _counted_by_name(levels, t, who)
                measure = measure or "count"
            if actuals:
                found = self._one(
                    ctx, f"frame|{measure}|{who}", t, actuals, growth.get((_root(measure), who), [])
                )
                if found is not None:
                    out.append(found)
        return out

    def _one(
        self,
        ctx: CheckContext,
        key: str,
        t: ClaimRecord,
        actuals: list[ClaimRecord],
        growth: Sequence[ClaimRecord] = (),
    ) -> Finding | None:
        ys = period_years(t.period)
        if ys is None:
            return None
        deadline = ys[1]
        base = self._base(ctx, t, actuals, deadline)
        if base is None:
            return None
        y0 = single_year(base.period) or 0
        years = deadline - y0
        if years < MIN_YEARS:
            return None
        if not same_kind(scale(t)[0], scale(base)[0]):
            return None
        target_v, base_v = (t.point or 0.0) * scale(t)[1], (base.value or 0.0) * scale(base)[1]
        if t.unit == "%" and base.unit == "%":
            return self._points(ctx, t, base, actuals, y0, deadline)
        required = (target_v / base_v) ** (1 / years) - 1
        if required < 0 and not _reduction(ctx, t):
            # A goal below today's level that is not a cut is a misread flow/stock or a
            # per-year target; no growth path can be judged from it.
            return None
        comps = self._comparisons(ctx, key, actuals, y0, deadline, t.doc, growth)
        roles: list[tuple[ClaimRecord, str]] = [(t, "target"), (base, "base")]
        src = "" if base.doc == t.doc else f" ({ctx.where(base)})"
        move = "growth" if required >= 0 else "a fall"
        label = ctx.label(t)
        what = (
            f"a target of {stated(t)}"
            if t.noun and label and singular(label.split()[-1]) == singular(t.noun)
            else f"{label} at {stated(t)}"
        )
        head = (
            f"{what} by {deadline} needs {move} of {pct(abs(required))} a year for {years} "
            f"year{'s' if years != 1 else ''} from {stated(base)} in {y0}"
        )
        why = f"{ctx.where(t)} sets the target" + (f"; the base is from {ctx.where(base)}." if src else ".")
        details: dict[str, object] = {
            "required_annual_growth": round(required, 6),
            "target": t.point,
            "base": base.value,
            "base_year": y0,
            "deadline_year": deadline,
            "years": years,
        }
        sev: Severity
        # Forecasts look at the years the target spans; past growth is the fallback.
        forecasts = [c for c in comps if c[3]]
        pool = forecasts or comps
        if pool:
            best_rate, words, claims, _ = (min if required < 0 else max)(pool, key=lambda c: c[0])
            text = words()
            for c in claims:
                roles.append((c, "comparison"))
            details["comparison_growth"] = round(best_rate, 6)
            details["comparison"] = text
            sev = _severity(required, best_rate, MARGIN)
            fact = f"{head}, {'within' if sev == 'info' else 'more than'} {text}"
            if sev == "error":
                fact += f"; {_times(required, best_rate)} that pace"
        else:
            # The required rate alone is arithmetic, not a finding: without a rate on record
            # to weigh it against, nothing says whether the target is hard or easy.
            return None
        conf = Confidence.of(
            0.6,
            (bool(forecasts), 0.15, "compared with a stated forecast for the years the target spans"),
            (not forecasts, -0.05, "compared with the growth on record"),
            (base.doc == t.doc, 0.1, "the base is stated with the target"),
            (
                abs(required) > 2 * abs(best_rate) + MARGIN,
                0.1,
                "the required rate is more than twice the comparison",
            ),
        )
        details["comparison_used"] = "forecast" if forecasts else "history"
        computation = (
            f"({amount(target_v)} / {amount(base_v)}) ^ (1/{years}) - 1 = {pct(required)} a year; "
            f"compared with {pct(best_rate)}"
        )
        return make_finding(
            "feasibility",
            NAME,
            sev,
            why,
            roles,
            details,
            id_claims=[t.id],
            confidence=conf,
            computation=computation,
            headline=headline(ctx, t, fact),
        )

    def _rate_goal(
        self,
        ctx: CheckContext,
        t: ClaimRecord,
        rates: list[ClaimRecord],
        forecasts: Sequence[ClaimRecord] = (),
    ) -> Finding | None:
        """A goal that is itself a pace ("growth of 7% a year to 2030"): weighed against the
        best rate of the same measure on record before it was set, and the forecasts of that
        measure for the goal's own years known when it was set (same basis, any forecaster)."""
        ok = partial(_comparable_rate, ctx, t)
        set_in = t.published.year if t.published else ctx.now.year
        past = [r for r in rates if (single_year(r.period) or 0) <= set_in and ok(r)]
        span = period_years(t.period)
        ahead = [
            r
            for r in forecasts
            if span is not None
            and (ys := period_years(r.period)) is not None
            and span[0] <= ys[0]
            and ys[1] <= span[1]
            and (r.published is None or t.published is None or r.published <= t.published)
            and ok(r)
        ]
        if not past and not ahead:
            return None
        best = max([*past, *ahead], key=lambda r: r.point or 0.0)
        required, top = (t.point or 0.0) / 100, (best.point or 0.0) / 100
        sev = _severity(required, top, MARGIN)
        if sev == "info":
            return None  # a pace already achieved is no finding
        forecast = any(best is r for r in ahead)
        what = "the forecast of" if forecast else "the best on record,"
        msg = (
            f"{ctx.where(t)} sets {ctx.label(t)} of {stated(t)} a year to {fmt_period(t.period)}, more than "
            f"{what} {stated(best)} in {fmt_period(best.period)}{_src(ctx, best, t.doc)}"
        )
        msg += f"; {_times(required, top)} that pace." if sev == "error" else "."
        details: dict[str, object] = {
            "required_annual_growth": round(required, 6),
            "comparison_growth": round(top, 6),
            "comparison_used": "forecast" if forecast else "history",
            "target": t.point,
        }
        conf = Confidence.of(0.6, (sev == "error", 0.1, f"{SEVERAL:g}+ times the best rate on record"))
        computation = (
            f"{_n(t.point or 0)}% a year against the best recorded {_n(best.point or 0)}% ({best.period})"
        )
        return make_finding(
            "feasibility",
            NAME,
            sev,
            msg,
            [(t, "target"), (best, "comparison")],
            details,
            id_claims=[t.id],
            confidence=conf,
            computation=computation,
        )

    def _flow_goal(self, ctx: CheckContext, t: ClaimRecord, actuals: list[ClaimRecord]) -> Finding | None:
        """A yearly flow to keep ("from 2027 we will build 180,000 homes every year"):
        weighed against the best year on record before it was set.  A flow within the best
        year is no finding; above it a warning, ``SEVERAL`` times it an error."""
        set_in = t.published.year if t.published else ctx.now.year
        past = [
            a
            for a in actuals
            if (single_year(a.period) or 0) <= set_in
            and a.value is not None
            and same_place(ctx, t, a)
            and not other_place(t, a)
        ]
        if not past:
            return None
        best = max(past, key=lambda a: (a.value or 0.0) * scale(a)[1])
        want, top = (t.point or 0.0) * scale(t)[1], (best.value or 0.0) * scale(best)[1]
        if top <= 0 or want <= top * (1 + FLOW_MARGIN):
            return None
        sev: Severity = "error" if want >= SEVERAL * top else "warning"
        msg = (
            f"{ctx.where(t)} sets {stated(t)} a year from {fmt_period(t.period)}, more than the best year "
            f"on record, {stated(best)} in {best.period}{_src(ctx, best, t.doc)}"
        )
        msg += f"; {want / top:.1f} times that level." if sev == "error" else "."
        details: dict[str, object] = {
            "target": t.point,
            "best_annual_level": best.value,
            "best_year": single_year(best.period),
            "ratio_to_best": round(want / top, 6),
            "comparison_used": "history",
        }
        conf = Confidence.of(
            0.6,
            (sev == "error", 0.1, f"{SEVERAL:g}+ times the best year on record"),
            (best.doc == t.doc, 0.05, "the record is stated with the target"),
        )
        computation = f"{_n(want)} / {_n(top)} (best year, {best.period}) = {want / top:.2f}"
        return make_finding(
            "feasibility",
            NAME,
            sev,
            msg,
            [(t, "target"), (best, "comparison")],
            details,
            id_claims=[t.id],
            confidence=conf,
            computation=computation,
        )

    def _points(
        self,
        ctx: CheckContext,
        t: ClaimRecord,
        base: ClaimRecord,
        actuals: list[ClaimRecord],
        y0: int,
        deadline: int,
    ) -> Finding | None:
        """A share or a rate ("renewables at 60% of electricity by 2030", "poverty down to
        5%"): the pace is the change in percentage points a year, weighed against the best
        pace on record; a share above 100% cannot be reached at all."""
        years = deadline - y0
        target, now = t.point or 0.0, base.value or 0.0
        required = (target - now) / years
        share = _is_share(t)
        impossible = share and target > 100
        if required < 0 and not _reduction(ctx, t) and not impossible:
            return None
        paces = [p for p in _point_paces(ctx, actuals) if p[4] <= y0]
        prior = not paces and not impossible
        if prior and abs(required) <= PRIOR_POINTS:
            return None  # nothing on record to weigh a modest pace against
        roles: list[tuple[ClaimRecord, str]] = [(t, "target"), (base, "base")]
        move = "a rise" if required >= 0 else "a fall"
        head = (
            f"{ctx.where(t)} sets {ctx.label(t)} at {stated(t)} by {deadline}; from {stated(base)} in {y0}"
            f"{_src(ctx, base, t.doc)} that needs {move} of {abs(required):.1f} percentage points a year "
            f"for {years} year{'s' if years != 1 else ''}"
        )
        computation = f"({_n(target)} - {_n(now)}) / {years} = {required:+.2f} points a year"
        details: dict[str, object] = {
            "required_points_a_year": round(required, 4),
            "target": t.point,
            "base": base.value,
            "base_year": y0,
            "deadline_year": deadline,
            "years": years,
            "comparison_used": "history",
        }
        sev: Severity
        if impossible:
            sev = "error"
            msg = f"{head}; a share cannot exceed 100%."
            computation += f"; {_n(target)}% > 100%"
        elif prior:
            sev = "warning"
            msg = (
                f"{head}, with no pace on record to compare; more than {PRIOR_POINTS:g} points a "
                "year is beyond what a national share or rate usually moves."
            )
            computation += f"; |{required:+.2f}| > {PRIOR_POINTS:g} points a year (no record)"
            details["comparison_used"] = "prior"
            details["comparison_points_a_year"] = PRIOR_POINTS if required >= 0 else -PRIOR_POINTS
        else:
            best, first, last, y1, y2 = (min if required < 0 else max)(paces, key=lambda p: p[0])
            sev = _severity(required, best, MARGIN_POINTS)
            text = f"the best pace on record, {best:+.1f} points a year from {y1} to {y2}"
            msg = f"{head}, {'within' if sev == 'info' else 'more than'} {text}."
            if sev == "error":
                msg = msg[:-1] + f"; {_times(required, best)} that pace."
            roles += [(c, "comparison") for c in (first, last) if c is not base]
            record = f"{stated(first)} in {y1} -> {stated(last)} in {y2}"
            computation += f"; best recorded {best:+.2f} points a year ({record})"
            details["comparison_points_a_year"] = round(best, 4)
        conf = Confidence.of(
            0.6,
            (impossible, 0.3, "a share above 100%"),
            (prior, -0.15, "no pace on record: weighed against a usual pace"),
            (base.doc == t.doc, 0.1, "the base is stated with the target"),
            (
                sev == "error" and not impossible,
                0.1,
                f"the required pace is {SEVERAL:g}+ times the best on record",
            ),
        )
        return make_finding(
            "feasibility",
            NAME,
            sev,
            msg,
            roles,
            details,
            id_claims=[t.id],
            confidence=conf,
            computation=computation,
        )

    def _base(
        self, ctx: CheckContext, t: ClaimRecord, actuals: list[ClaimRecord], deadline: int
    ) -> ClaimRecord | None:
        """The latest actual level before the deadline known when the target was stated
        (the target is judged as it was set; the promise checker follows progress after
        that), else the latest one known now.  The indicator's actuals are sorted once per
        run, newest first, so a target reads only the few levels it needs."""
        ordered = self._newest_first.get(id(actuals))
        if ordered is None or ordered[0] is not actuals:
            ordered = (
                actuals,
                sorted(
                    actuals,
                    key=lambda a: (
                        single_year(a.period) or 0,
                        a.published.isoformat() if a.published else "",
                    ),
                    reverse=True,
                ),
            )
            self._newest_first[id(actuals)] = ordered
        fallback = None
        for a in ordered[1]:
            y = single_year(a.period) or 0
            if y >= deadline:
                continue
            if y < deadline - MAX_YEARS:
                break
            if (a.published is not None and a.published > ctx.now) or other_place(t, a):
                continue
            if not same_place(ctx, t, a):
                continue
            if a.published is None or t.published is None or a.published <= t.published:
                return a
            fallback = fallback or a
        return fallback

    def _comparisons(
        self,
        ctx: CheckContext,
        key: str,
        actuals: list[ClaimRecord],
        y0: int,
        deadline: int,
        doc: str,
        growth: Sequence[ClaimRecord] = (),
    ) -> list[tuple[float, Callable[[], str], list[ClaimRecord], bool]]:
        """Growth rates to compare with: (rate as a fraction, its words (made only for the
        rate chosen), claims, is it forward-looking).  What depends on the indicator alone
        is read once per indicator; a target only filters it by its years."""
        out: list[tuple[float, Callable[[], str], list[ClaimRecord], bool]] = []
        if key not in self._rates:
            rates = [g for gk in _growth_keys(ctx, key) for g in ctx.by_indicator.get(gk, [])]
            found = []
            for g in dict.fromkeys([*rates, *growth]):
                ys = period_years(g.period)
                hi = g.high if g.value is None and g.high is not None else g.point
                if ys is not None and hi is not None:
                    found.append((g, ys, hi))
            self._rates[key] = found
        for g, ys, hi in self._rates[key]:
            if ys[1] <= y0 - 1 or ys[0] > deadline:
                continue
            if not (g.doc == doc or (actuals and same_place(ctx, actuals[0], g))):
                continue
            out.append(
                (
                    hi / 100,
                    partial(_rate_words, ctx, g, doc),
                    [g],
                    g.kind in ("forecast", "target") and ys[1] > y0,
                )
            )
        # Past growth stated next to a level: "$259 billion in 2023, 15% more than in 2022".
        if key not in self._past:
            self._past[key] = [
                (ch.factor - 1, a, ch.percent)
                for a in actuals
                for ch in find_changes(a.sentence, ctx.sentence_claims(a))
                if ch.result is a and ch.percent is not None and ch.factor > 0
            ]
        for rate, a, percent in self._past[key]:
            out.append((rate, partial(_past_words, ctx, rate, a, doc), [percent], False))
        # Past growth between the earliest and latest actual levels.
        if key not in self._recorded:
            self._recorded[key] = _recorded_rate(ctx, actuals)
        recorded = self._recorded[key]
        if recorded is not None:
            rate, first, last, y_first, y_last = recorded
            words = f"the {pct(rate)} a year recorded from {y_first} to {y_last}"
            out.append((rate, partial(str, words), [first, last], False))
        return out


#: A yearly flow target up to 10% above the best year on record is within reach of a good year.
FLOW_MARGIN = 0.10


def _flow_goal(c: ClaimRecord, f: Frame) -> bool:
    """Is a figure a yearly flow to keep ("180,000 homes every year" from a year on): a
    target of a count or an amount of a taxonomy measure, with the frame's ``annual`` basis,
    for a period rather than by a deadline?"""
    return (
        c.kind == "target"
        and (c.point or 0) > 0
        and not is_deadline(c)
        and "annual" in f.basis
        and not f.measure.free
        and is_level(scale(c)[0])
        and c.unit != "%"
    )


#: Basis terms by which a percentage on a level's measure is a pace a year.
_A_YEAR = frozenset({"average", "annual", "y/y"})


def _average_growth(c: ClaimRecord, f: Frame) -> bool:
    """Is a percentage filed on a level's own measure ("exports increased by an average of
    2% a year") that measure's growth on record: an actual, a taxonomy measure counted in
    money or units, and a basis that says a year (not a cumulative change, not a share)?"""
    return (
        c.unit == "%"
        and not f.measure.free
        and is_actual(c)
        and is_level(_frames.measure_dimension(f.measure.id))
        and bool(_A_YEAR & set(f.basis))
        and not ("cumulative" in f.basis and "average" not in f.basis)
        and "share_of_gdp" not in f.basis
    )


def _severity(required: float, best: float, margin: float) -> Severity:
    """A required pace within the best on record (plus ``margin``) is a note; beyond it a
    warning; ``SEVERAL`` times the best (a rise against the fastest rise, a fall against the
    fastest fall) an error.  A pace in a direction nothing on record has moved is a warning."""
    if required >= 0:
        if required <= best + margin:
            return "info"
        return "error" if best > 0 and required >= SEVERAL * best else "warning"
    if required >= best - margin:
        return "info"
    return "error" if best < 0 and required <= SEVERAL * best else "warning"


def _times(required: float, best: float) -> str:
    return f"{abs(required) / abs(best):.1f} times" if best else "far beyond"


def _point_paces(
    ctx: CheckContext, actuals: Sequence[ClaimRecord]
) -> list[tuple[float, ClaimRecord, ClaimRecord, int, int]]:
    """Recorded paces of a share or a rate, in percentage points a year: between each two
    consecutive years on record, and from the first to the last (the latest statement of
    each year counts)."""
    by_year = {single_year(a.period): a for a in sorted(actuals, key=lambda a: a.published or ctx.now)}
    years = sorted(y for y in by_year if y is not None)
    pairs = list(pairwise(years))
    if len(years) > 2:
        pairs.append((years[0], years[-1]))
    out = []
    for y1, y2 in pairs:
        a, b = by_year[y1], by_year[y2]
        if a.value is None or b.value is None:
            continue
        out.append(((b.value - a.value) / (y2 - y1), a, b, y1, y2))
    return out


def _rate_words(ctx: CheckContext, g: ClaimRecord, doc: str) -> str:
    what = (
        "the forecast of"
        if g.kind == "forecast"
        else ("the target of" if g.kind == "target" else "the reported")
    )
    return f"{what} {stated(g)} growth for {fmt_period(g.period)}{_src(ctx, g, doc)}"


def _past_words(ctx: CheckContext, rate: float, a: ClaimRecord, doc: str) -> str:
    return f"the past growth of {pct(rate)} in {a.period}{_src(ctx, a, doc)}"


def _recorded_rate(
    ctx: CheckContext, actuals: list[ClaimRecord]
) -> tuple[float, ClaimRecord, ClaimRecord, int, int] | None:
    """The compound rate between the earliest and the latest actual levels on record."""
    by_year = {single_year(a.period): a for a in sorted(actuals, key=lambda a: a.published or ctx.now)}
    years = sorted(y for y in by_year if y is not None)
    if len(years) < 2 or years[-1] <= years[0]:
        return None
    first, last = by_year[years[0]], by_year[years[-1]]
    n = years[-1] - years[0]
    ratio = (last.value or 0) * scale(last)[1] / ((first.value or 1) * scale(first)[1])
    if ratio <= 0:
        return None
    return ratio ** (1 / n) - 1, first, last, years[0], years[-1]
