"""Checker ``checks.feasibility.v1``: the growth a target needs, against the growth on
record.

Reads: targets with a figure and a deadline; the same indicator's latest actual level
before the deadline; growth figures of that indicator (its "... growth" percentage
series, forecasts first) and past growth (changes stated next to its levels, or the
compound rate between its actual levels).  Writes one finding per target with a base and a rate to compare:
``details["required_annual_growth"]`` is a fraction.

The required compound annual rate is ``(target / actual) ** (1 / years) - 1``.  A target
that needs more than the best growth on record (plus ``MARGIN``) is a warning; one
within it is information.  With no growth on record to compare, nothing is raised.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

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
from claimledger.models import Finding, Severity
from claimledger.resources.words import singular

NAME = "checks.feasibility.v1"

#: Required growth may exceed the best comparable rate by half a percentage point before
#: it is called out: forecasts and past rates are themselves rounded to whole or half points.
MARGIN = 0.005
#: A base older than this many years before the deadline says little about feasibility.
MAX_YEARS = 30
#: A one-year step is an annual plan, not a growth path: feasibility starts at two years.
MIN_YEARS = 2


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
            if not is_level(dim):
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
                f = self._one(ctx, key, t, actuals)
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
        growth: dict[tuple[str, str], list[ClaimRecord]] = {}
        goals: list[tuple[ClaimRecord, str, str]] = []
        for c in ctx.claims:
            f = frame_of(c)
            if f is None or not c.has_quantity:
                continue
            who = entity_of(f) or ctx.doc(c).region or "-"
            if c.unit == "%" and "growth" in f.measure.id.replace(".", " ").replace("_", " "):
                # a real rate says nothing of a goal in money, which grows with prices too
                if "real" not in f.basis and "real" not in f.measure.id:
                    growth.setdefault((_root(f.measure.id), who), []).append(c)
                continue
            if f.measure.free:
                continue
            if c.kind == "target" and c.id not in done and (c.point or 0) > 0 and is_deadline(c):
                goals.append((c, f.measure.id, who))
            elif is_actual(c) and single_year(c.period) is not None and (c.value or 0) > 0:
                levels.setdefault((f.measure.id, who, scale(c)[0]), []).append(c)
        out: list[Finding] = []
        for t, measure, who in goals:
            actuals = levels.get((measure, who, scale(t)[0]), [])
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
            best_rate, words, claims, _ = max(pool, key=lambda c: c[0])
            text = words()
            for c in claims:
                roles.append((c, "comparison"))
            details["comparison_growth"] = round(best_rate, 6)
            details["comparison"] = text
            if required > best_rate + MARGIN:
                fact = f"{head}, more than {text}"
                sev = "warning"
            else:
                fact = f"{head}, within {text}"
                sev = "info"
        else:
            # The required rate alone is arithmetic, not a finding: without a rate on record
            # to weigh it against, nothing says whether the target is hard or easy.
            return None
        conf = Confidence.of(
            0.6,
            (bool(forecasts), 0.15, "compared with a stated forecast for the years the target spans"),
            (not forecasts, -0.05, "compared with the growth on record"),
            (base.doc == t.doc, 0.1, "the base is stated with the target"),
            (required > 2 * best_rate + MARGIN, 0.1, "the required rate is more than twice the comparison"),
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
