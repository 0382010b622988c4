"""Checker ``checks.arithmetic.v2``: stated changes, shares and per-capita figures that do
not add up.

Reads: each sentence with its figures (through the change grammar in ``_changes``), the
indicator series for bases named by period, and population figures.  Writes findings
that state the implied value and the gap.

Three checks:
- change: "grew by a third to X", "rose 15% to X", "X, 15% more than in 2022",
  "doubled to X".  The base is the figure after "from", else the same indicator's level
  earlier in the sentence, else the indicator's level in the named period ("than in
  2022", "the year before") from the ledger, else, for a target or forecast, the
  indicator's latest actual level given in the same statement;
- share: "105 (48%) of the 217 schools": the part over the total against the percentage;
- per capita: a per-capita figure against the total over the population, when the ledger
  has all three for one country and year.

Levels are taken as stated: a speaker who says "almost $13,000" asserts a level of
$13,000.  Only the change's own qualifier ("almost doubled") widens what is allowed.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from datetime import date as Date
from itertools import pairwise
from typing import Any

from claimledger.checks._changes import Change, find_changes
from claimledger.checks._fmt import amount, pct, stated
from claimledger.checks._frames import entity_of
from claimledger.checks._points import PointChange, find_point_changes
from claimledger.checks._rates import (
    TEXT_TOLERANCE,
    WEEK_DAYS,
    WEEK_TOLERANCE,
    Conversion,
    apart,
    conversions,
)
from claimledger.checks._shares import find_shares
from claimledger.checks._sums import LISTED, SUM_SLACK, Sum, find_sums, find_sums_after, slack
from claimledger.checks.base import (
    PLAN_KINDS,
    CheckContext,
    Confidence,
    fine_period,
    frame_of,
    headline,
    is_actual,
    make_finding,
    names_subject,
    other_place,
    qualifier_clash,
    rounding,
    same_kind,
    same_place,
    scale,
    single_year,
)
from claimledger.link import ClaimRecord, dimension, measure_parent
from claimledger.models import Finding, Severity

NAME = "checks.arithmetic.v2"

#: A stated result may differ from the implied one by 2% before it is reported: enough to
#: absorb the rounding of levels written to two or three significant figures ("$259
#: billion"), small enough to catch "by a third" stated as +29%.
ARITH_TOLERANCE = 0.02
#: Beyond the rounding of both levels to their last written digit, a change may be off by
#: this much more (the change itself is rounded too: "rose by a quarter" for +24.6%).
ROUNDING_SLACK = 0.005
#: A base taken from the ledger (not named in the phrase) is trusted only if the result is
#: within this factor of what it implies: a slip is a few per cent, a factor of two is
#: another scope or another figure.
PLAUSIBLE_FACTOR = 2.0
#: A share may be off by half a percentage point (rounding of "48%") plus 2% of itself.
SHARE_ABS_TOLERANCE = 0.5
SHARE_REL_TOLERANCE = 0.02
#: Per-capita figures use mid-year population and preliminary totals: allow 5%.
PER_CAPITA_TOLERANCE = 0.05
#: A gap above this is an error rather than a warning.
ERROR_GAP = 0.10


def _usable(c: ClaimRecord | None) -> bool:
    return c is not None and c.value is not None and c.value > 0 and c.qualifier != "range"


def _dim(c: ClaimRecord) -> str:
    return dimension(c.unit, c.noun)[0]


def _base(c: ClaimRecord) -> float:
    """A figure's value in the base unit of its dimension."""
    return (c.value or 0.0) * scale(c)[1]


_PARAGRAPH = re.compile(r"\n\s*\n")
#: A change measured after inflation or in quantities: it does not link money levels.
_REAL_TERMS = re.compile(
    r"\b(?:in\s+real\s+terms|real\s+(?:growth|increase|rise|decline|fall|terms)|"
    r"adjusted\s+for\s+inflation|inflation[- ]adjusted|at\s+constant\s+prices|"
    r"in\s+constant\s+prices|at\s+comparable\s+prices|in\s+(?:physical|volume)\s+terms|"
    r"by\s+volume)\b",
    re.I,
)


class ArithmeticChecker:
    name = NAME

    def run(self, ctx: CheckContext) -> list[Finding]:
        out: list[Finding] = []
        seen: set[str] = set()
        convs: list[Conversion] = []
        order: dict[str, list[int]] = {}
        for doc, start in sorted(ctx.by_sentence):
            order.setdefault(doc, []).append(start)
        for key, figs in ctx.by_sentence.items():
            if not any(f.has_quantity for f in figs):
                continue
            sentence = figs[0].sentence
            for ch in find_changes(sentence, figs):
                f = self._change(ctx, ch)
                if f is not None and f.id not in seen:
                    seen.add(f.id)
                    out.append(f)
            for f in self._shares(ctx, key, figs, order):
                if f.id not in seen:
                    seen.add(f.id)
                    out.append(f)
            i = bisect_left(order.get(key[0], []), key[1])
            previous = ctx.by_sentence.get((key[0], order[key[0]][i - 1]), []) if i > 0 else []
            for sm in [*find_sums(figs, ctx.key), *find_sums_after(figs, previous)]:
                f = self._sum(ctx, sm)
                if f is not None:
                    out.append(f)
            out.extend(self._points(ctx, pc) for pc in find_point_changes(figs, ctx.by_id) if pc.flagged)
            convs.extend(conversions(figs, ctx.by_id))
        out.extend(self._per_capita(ctx))
        out.extend(self._rates(ctx, convs))
        return out

    # -- sums --------------------------------------------------------------------------

    def _sum(self, ctx: CheckContext, sm: Sum) -> Finding | None:
        parts = list(sm.parts)
        first = parts[0]
        sev: Severity = "error"
        if sm.whole is None:
            total = sum(p.value or 0.0 for p in parts)
            # each share is rounded to its last written digit ("44%": 43.5-44.5), so the
            # sum may exceed 100 by the half-units of the shares together, not more
            if total <= 100 * (1 + SUM_SLACK) + sum((p.value or 0.0) * rounding(p) for p in parts):
                return None
            listed = " + ".join(f"{p.value:g}%" for p in parts)
            whole_label = sm.label or ctx.label(first) or "the same total"
            fact = f"shares of {whole_label} add up to {total:g}% ({', '.join(stated(p) for p in parts)})"
            msg = f"{ctx.where(first)} gives them as shares of one whole, which cannot be more than 100%."
            said_by = first
            roles = [(p, "share") for p in parts]
            computation = f"{listed} = {total:g}% > 100%"
            gap = total - 100
        else:
            whole = sm.whole
            t = _base(whole)
            total = sum(_base(p) for p in parts)
            tol = slack([whole, *parts])
            over = total > t * (1 + tol)
            under = (sm.exhaustive or sm.rule == LISTED) and total < t * (1 - tol)
            if not (over or under):
                return None
            if under and not sm.exhaustive:
                sev = "warning"
            unit = whole.unit
            k = scale(whole)[1]
            listed = " + ".join(amount(_base(p) / k, unit) for p in parts)
            fact = (
                f"{ctx.label(whole) or 'a total'}: parts add up to {amount(total / k, unit)} vs a total of "
                f"{stated(whole)} ({pct(abs(total - t) / t)} {'over' if over else 'short'})"
            )
            msg = (
                f"{ctx.where(whole)} gives the parts ({', '.join(stated(p) for p in parts)}); they "
                f"{'exceed the total' if over else 'fall short of a total said to consist of them'}."
            )
            said_by = whole
            roles = [(whole, "total"), *((p, "part") for p in parts)]
            computation = f"{listed} = {amount(total / k, unit)}, against a total of {amount(t / k, unit)}"
            gap = (total - t) / t
        conf = Confidence.of(
            0.7,
            (sm.whole is not None and not sm.exhaustive, -0.1, "the parts need not cover the whole"),
            (abs(gap) > 0.05, 0.1, "far beyond the rounding of the figures"),
            (True, 0.0, f"{sm.rule} in one sentence"),
        )
        details = {"rule": sm.rule, "sum": total, "whole": None if sm.whole is None else sm.whole.value}
        # one sentence that does not add up beyond the rounding of its figures contradicts
        # itself: an error (issue 11); a list after a colon that falls short may be partial
        return _arithmetic(ctx, sev, (said_by, fact, msg), roles, details, conf, computation)

    # -- percentage points against percent -----------------------------------------------

    def _points(self, ctx: CheckContext, pc: PointChange) -> Finding:
        """A change of a percentage that is neither the points nor the per cent between the
        two levels the sentence states: "rose 2 percent to 8.0% from 5.0%" (3 points, 60%),
        an error; or per cent said of points ("rose 3 percent" for 3 points), a warning."""
        a, new, old = pc.amount, pc.new, pc.old
        in_points = a.unit == "pp"
        said = f"{a.value:g} points" if in_points else f"{a.value:g}%"
        readings = f"{pc.points:.3g} points" + ("" if in_points else f" or {pc.percent:.3g}%")
        label = ctx.label(new) or "a rate"
        fact = f"{label}: a change of {said} from {stated(old)} to {stated(new)} is {readings}"
        msg = (
            f"{ctx.where(a)} states a change of {stated(a)} between {stated(old)} and {stated(new)}, "
            f"which differ by {readings}" + (": percent said of percentage points." if pc.fits else ".")
        )
        computation = f"{new.value:g}% - {old.value:g}% = {pc.points:.3g} points"
        if not in_points:
            computation += f"; {new.value:g}% / {old.value:g}% - 1 = {pc.percent:.3g}%"
        computation += f"; stated {said}"
        nearest = (
            pc.points if in_points else min((pc.points, pc.percent), key=lambda v: abs(v - (a.value or 0)))
        )
        conf = Confidence.of(
            0.75,
            (True, 0.0, "the change and both levels in one sentence"),
            (not in_points, 0.0, "read both as points and as per cent"),
            (abs(nearest - (a.value or 0)) > 0.25 * nearest, 0.1, "far beyond the rounding of the figures"),
            (pc.fits, -0.15, "the amount fits the points: a wording slip, not a wrong figure"),
        )
        details = {
            "rule": "points against percent",
            "stated": a.value,
            "points": round(pc.points, 6),
            "percent": None if in_points else round(pc.percent, 6),
        }
        roles = [(a, "change"), (old, "base"), (new, "result")]
        # the change and both levels in one sentence contradict each other: an error; a
        # change in points called per cent misleads, but the figures agree: a warning
        sev: Severity = "warning" if pc.fits else "error"
        return _arithmetic(ctx, sev, (a, fact, msg), roles, details, conf, computation)

    # -- exchange rates ----------------------------------------------------------------

    def _rates(self, ctx: CheckContext, convs: list[Conversion]) -> list[Finding]:
        """Conversions of one currency pair at different implied rates: within one text
        beyond the figures' rounding, across texts of one week beyond ``WEEK_TOLERANCE``."""
        out: list[Finding] = []
        by_pair: dict[tuple[str, str], list[Conversion]] = {}
        for cv in convs:
            by_pair.setdefault(cv.pair, []).append(cv)
        for pair, cs in by_pair.items():
            by_doc: dict[str, list[Conversion]] = {}
            for cv in cs:
                by_doc.setdefault(cv.amount.doc, []).append(cv)
            for doc_cs in by_doc.values():
                lo, hi = min(doc_cs, key=lambda c: c.rate), max(doc_cs, key=lambda c: c.rate)
                if apart(lo, hi) > TEXT_TOLERANCE + lo.tolerance + hi.tolerance:
                    out.append(self._rate_finding(ctx, pair, lo, hi, same_text=True))
            # across texts of one week: each text's first conversion against the others'
            firsts = sorted((v[0] for v in by_doc.values()), key=lambda c: c.amount.published or Date.min)
            for x, y in pairwise(firsts):
                dx, dy = x.amount.published, y.amount.published
                if dx is None or dy is None or (dy - dx).days > WEEK_DAYS:
                    continue
                if apart(x, y) > WEEK_TOLERANCE + x.tolerance + y.tolerance:
                    out.append(self._rate_finding(ctx, pair, x, y, same_text=False))
        return out

    def _rate_finding(
        self, ctx: CheckContext, pair: tuple[str, str], x: Conversion, y: Conversion, *, same_text: bool
    ) -> Finding:
        def said(c: Conversion) -> str:
            return f"{stated(c.amount)} ({stated(c.into)})"

        def rate(c: Conversion) -> str:
            return f"{c.rate:.4g} {pair[1]} per {pair[0]}"

        where = ctx.where(x.amount) if same_text else f"{ctx.where(x.amount)} and {ctx.where(y.amount)}"
        fact = f"{pair[0]} converted at {rate(x)} and at {rate(y)} ({pct(apart(x, y))} apart)"
        msg = f"{where} convert{'s' if same_text else ''} at different rates: {said(x)} and {said(y)}."
        conf = Confidence.of(
            0.65,
            (same_text, 0.2, "both conversions in one text"),
            (not same_text, -0.1, "texts of one week may use different days' rates"),
            (apart(x, y) > 0.1, 0.1, "far beyond rounding or a week's moves"),
        )
        details = {
            "rule": "exchange rate",
            "pair": list(pair),
            "rates": [x.rate, y.rate],
            "relative_gap": round(apart(x, y), 6),
            "same_text": same_text,
        }
        roles = [(x.amount, "amount"), (x.into, "converted"), (y.amount, "amount"), (y.into, "converted")]
        computation = (
            f"{amount(x.into.value or 0)} / {amount(x.amount.value or 0)} = {x.rate:.4g}; "
            f"{amount(y.into.value or 0)} / {amount(y.amount.value or 0)} = {y.rate:.4g}"
        )
        # one text converting at two rates contradicts itself; two texts of a week may use
        # different days' rates
        sev: Severity = "error" if same_text else "warning"
        return _arithmetic(ctx, sev, (x.amount, fact, msg), roles, details, conf, computation)

    # -- change ------------------------------------------------------------------------

    def _base(self, ctx: CheckContext, ch: Change) -> tuple[ClaimRecord | None, str]:
        res = ch.result
        assert res is not None
        if ch.base is not None:
            if ch.base_how == "before":
                kb, kr = ctx.key(ch.base), ctx.key(res)
                if (kb is not None and kr is not None and kb != kr) or qualifier_clash(ch.base, res):
                    return None, ""
            return ch.base, ch.base_how
        key = ctx.key(res)
        if key is None:
            return None, ""
        series = [
            c
            for c in ctx.by_indicator.get(key, [])
            if is_actual(c)
            and _usable(c)
            and c.id != res.id
            and not other_place(res, c)
            and not qualifier_clash(res, c)
            and same_place(ctx, res, c)
        ]
        if ch.base_period is not None:
            cands = [c for c in series if c.period == ch.base_period]
            how = "period"
            if ch.implied_base:
                fine = fine_period(res)
                if fine and fine != res.period:
                    # A half or a quarter ("exports in the first half rose 12%"): the same part
                    # of the year before, at the same granularity, from any document of the
                    # same indicator (issue 11): a stated level of one measure, entity and
                    # period, not a full year's.
                    want = f"{int(fine[:4]) - 1}{fine[4:]}"
                    cands = [
                        c
                        for c in cands
                        if fine_period(c) == want
                        and c.granularity == res.granularity
                        and names_subject(c, key)
                    ]
                else:
                    # No base was named: only the statement's own level for the year before
                    # is used; another document's figure may have another scope.
                    cands = [c for c in cands if c.doc == res.doc and names_subject(c, key)]
                how = "implied"
        elif res.kind in PLAN_KINDS and res.published is not None:
            # The level "now" when the plan was stated, as the same statement gives it (the
            # actual for the year of the statement or the year before).  A level from another
            # document is not used: a goal such as "double GDP" may have been set years
            # earlier, from a base the speaker did not restate.
            y = res.published.year
            cands = [c for c in series if single_year(c.period) in (y - 1, y) and c.doc == res.doc]
            how = "latest"
        else:
            return None, ""
        if not cands:
            return None, ""
        known = [
            c for c in cands if c.published is None or res.published is None or c.published <= res.published
        ]
        pool = known or cands
        pool.sort(key=lambda c: (single_year(c.period) or 0, c.published.isoformat() if c.published else ""))
        return pool[-1], how

    def _change(self, ctx: CheckContext, ch: Change) -> Finding | None:
        res = ch.result
        if res is None or not _usable(res) or res.unit in ("%", "pp"):
            return None  # a percentage result of a relative change is ambiguous (points or %)
        if _dim(res).startswith("currency:") and _REAL_TERMS.search(res.sentence):
            return None  # a change in real terms does not relate two money amounts in current prices
        base, how = self._base(ctx, ch)
        if base is None or not _usable(base) or not same_kind(_dim(base), _dim(res)) or base.id == res.id:
            return None
        # The base in the result's unit, so "from 800 MW to 1.2 GW" compares like with like.
        b = (base.value or 0.0) * dimension(base.unit, base.noun)[1] / dimension(res.unit, res.noun)[1]
        r = res.value or 0.0
        lo, hi = b * ch.lo, b * ch.hi
        implied = b * ch.factor
        if lo * (1 - ARITH_TOLERANCE) <= r <= hi * (1 + ARITH_TOLERANCE):
            return None
        # Or the levels agree once each is read as rounded to its last written digit ("3.2
        # trillion" is 3.15-3.25): short figures carry more rounding than the tolerance.
        rb, rr = rounding(base), rounding(res)
        if b * (1 - rb) * ch.lo * (1 - ROUNDING_SLACK) <= r * (1 + rr) and r * (1 - rr) <= b * (
            1 + rb
        ) * ch.hi * (1 + ROUNDING_SLACK):
            return None
        g = (r - implied) / implied
        plausible = 1 / PLAUSIBLE_FACTOR <= r / implied <= PLAUSIBLE_FACTOR
        if how in ("period", "latest", "implied") and not plausible:
            return None  # a base the text did not name that is this far off is the wrong base
        unit = res.unit
        where = ctx.where(res)
        label = (ctx.label(res) if ctx.key(res) else ctx.label(base)) or "the figure"
        if how in ("period", "latest", "implied"):
            src = f" in {base.period}" + ("" if base.doc == res.doc else f" ({ctx.where(base)})")
        else:
            src = ""
        if how == "implied":
            src += " (no base is named; read against the previous year's level)"
        if how == "latest":  # the base is the statement's own current level, not in the phrase
            when = f" by {res.period}" if res.period else ""
            said = (
                f"{where} sets {label} at {stated(res)}{when} (\u201c{ch.phrase}\u201d) and gives it as "
                f"{stated(base)} in {base.period}"
            )
        elif (
            res.q_rel[0] < ch.start
            and base.q_rel[0] < ch.start
            and base.doc == res.doc
            and base.sent_start == res.sent_start
            and how == "from"
        ):  # "from Y to X, or by 41%"
            said = f"{where}: {label} went from {stated(base)} to {stated(res)}, \u201c{ch.phrase}\u201d"
        elif res.q_rel[0] < ch.start:  # "X, 15% more than ...": the result comes first
            said = (
                f"{where} gives {label} as {stated(res)}, \u201c{ch.phrase}\u201d compared with "
                f"{stated(base)}{src}"
            )
        else:
            said = f"{where}: {label} \u201c{ch.phrase}\u201d to {stated(res)} from {stated(base)}{src}"
        fact = (
            f"{label}, {amount(r, unit)} vs about {amount(implied, unit)} that {ch.noun} from "
            f"{amount(b, unit)} gives ({pct(abs(g))} {'lower' if g < 0 else 'higher'})"
        )
        msg = f"{said}."
        roles: list[tuple[ClaimRecord, str]] = [(res, "result"), (base, "base")]
        if ch.percent is not None:
            roles.append((ch.percent, "change"))
        details = {
            "rule": "change",
            "phrase": ch.phrase,
            "factor": ch.factor,
            "factor_range": [ch.lo, ch.hi if math.isfinite(ch.hi) else None],  # None: open above
            "base": b,
            "base_source": how or "sentence",
            "implied": implied,
            "stated": r,
            "relative_gap": round(g, 6),
        }
        # The change, its result and its base stated in one sentence and disagreeing beyond
        # rounding: the text contradicts itself, an error however small the gap.  A base
        # taken from the ledger (not named in the text) may not be the one the speaker
        # meant, so such a finding is never more than a warning.
        named = how in ("from", "before", "after")
        sev: Severity = "error" if named else "warning"
        conf = Confidence.of(
            0.6,
            (named, 0.2, "both levels and the change are stated in one sentence"),
            (not named, -0.15, "the base comes from the ledger, not the phrase"),
            (abs(g) > ERROR_GAP, 0.1, f"the gap ({pct(abs(g))}) is far beyond rounding"),
        )
        computation = (
            f"{amount(b, unit)} \u00d7 {ch.factor:.4g} = {amount(implied, unit)}; stated {amount(r, unit)}"
        )
        return _arithmetic(ctx, sev, (res, fact, msg), roles, details, conf, computation)

    # -- share -------------------------------------------------------------------------

    def _shares(
        self, ctx: CheckContext, key: tuple[str, int], figs: list[ClaimRecord], order: dict[str, list[int]]
    ) -> list[Finding]:
        """ "A (P%) of the B ...", "A, or P% of the total" (B in a sentence before): A/B against P."""
        doc, start = key
        starts = order.get(doc, [])
        i = bisect_left(starts, start)
        text = ctx.docs[doc].text if doc in ctx.docs else ""

        def earlier(k: int) -> list[ClaimRecord]:
            return ctx.by_sentence.get((doc, starts[i - k]), []) if i - k >= 0 else []

        def paragraph_break(k: int) -> bool:
            if i - k < 0:
                return True
            prev = starts[i - k]
            return bool(text) and _PARAGRAPH.search(text[prev:start]) is not None

        out: list[Finding] = []
        for sh in find_shares(figs, earlier, paragraph_break):
            part, p, total = sh.part, sh.percent, sh.total
            implied = _base(part) / _base(total) * 100
            share = p.value or 0.0
            if abs(implied - share) <= SHARE_ABS_TOLERANCE + SHARE_REL_TOLERANCE * share:
                continue
            of = stated(total)
            if sh.where != "sentence":
                of = f"the total of {of} given in the {sh.where}"
            whole = amount(_base(total) / scale(part)[1])
            what = f"{part.subject} at " if part.subject and part.subject != total.subject else ""
            fact = (
                f"{what}{stated(part)} given as {share:g}% of {of}, but it is {implied:.1f}% "
                f"({abs(implied - share):.1f} percentage points {'more' if implied > share else 'less'})"
            )
            msg = (
                f"{ctx.where(p)} gives both figures; {amount(part.value or 0)} out of {whole} "
                f"is {implied:.1f}%."
            )
            details = {
                "rule": "share",
                "part": part.value,
                "total": total.value,
                "stated_share": share,
                "implied_share": round(implied, 4),
                "gap_points": round(implied - share, 4),
                "total_from": sh.where,
            }
            out.append(
                make_finding(
                    "arithmetic",
                    NAME,
                    "warning",
                    msg,
                    [(p, "share"), (part, "part"), (total, "total")],
                    details,
                    headline=headline(ctx, p, fact),
                    confidence=Confidence.of(
                        0.7,
                        (sh.where == "sentence", 0.15, "part, share and total in one sentence"),
                        (sh.where != "sentence", -0.1, "the total is from an earlier sentence"),
                    ),
                    computation=(
                        f"{amount(_base(part))} / {amount(_base(total))} = {implied:.1f}%; stated {share:g}%"
                    ),
                )
            )
        return out

    # -- per capita --------------------------------------------------------------------

    def _per_capita(self, ctx: CheckContext) -> list[Finding]:
        out: list[Finding] = []
        for key, recs in ctx.by_indicator.items():
            region, tokens, dim = [*key.split("|"), "", "", ""][:3]
            words = tokens.split()
            if "per_capita" not in words or "#" in dim:
                continue
            parent = measure_parent(ctx.indicators[key].measure_id) if key in ctx.indicators else None
            if parent is not None:  # keyed by frame: the per-capita measure's parent
                totals = [c for k in ctx.related(key, (parent,), (dim,)) for c in ctx.by_indicator[k]]
            else:
                total_key = f"{region}|{' '.join(w for w in words if w != 'per_capita')}|{dim}"
                totals = ctx.by_indicator.get(total_key, [])
            pops = [
                c
                for k, cs in ctx.by_indicator.items()
                if _is_population(k, region)
                for c in cs
                if not k.startswith(f"{region}|person|") or _POPULATION_WORDS.search(c.sentence)
            ]
            for pc in recs:
                y = single_year(pc.period)
                if y is None or not is_actual(pc) or not _usable(pc):
                    continue
                tot = _latest([c for c in totals if single_year(c.period) == y and is_actual(c)])
                pop = _latest([c for c in pops if single_year(c.period) == y and is_actual(c)])
                if tot is None or pop is None:
                    continue
                found = self._per_capita_finding(ctx, pc, tot, pop)
                if found is not None:
                    out.append(found)
        seen = {f.claim_ids[0] for f in out}
        out.extend(self._per_capita_frames(ctx, seen))
        seen = {f.claim_ids[0] for f in out}
        out.extend(self._per_capita_stated(ctx, seen))
        return out

    def _per_capita_stated(self, ctx: CheckContext, seen: set[str]) -> list[Finding]:
        """A per-person amount, a total and a number of people stated together in one
        sentence, or in two adjacent sentences ("Tessaly will spend $2,400 per person on health
        in 2026. With a population of 4 million, total health spending will reach $11.2
        billion."), whatever their status: a plan's own arithmetic must hold too.  Exactly
        one of each, of one period (or none stated) and one currency, or nothing is judged."""
        out: list[Finding] = []
        by_doc: dict[str, list[tuple[int, list[ClaimRecord]]]] = {}
        for (doc, start), figs in sorted(ctx.by_sentence.items()):
            by_doc.setdefault(doc, []).append((start, figs))
        for sents in by_doc.values():
            for i in range(len(sents)):
                for j in (i, i + 1):
                    if j >= len(sents) or (j > i and any(c.id in seen for c in sents[j][1])):
                        continue
                    figs = sents[i][1] + (sents[j][1] if j > i else [])
                    found = self._stated_triple(ctx, figs)
                    if found is not None and found.claim_ids[0] not in seen:
                        seen.add(found.claim_ids[0])
                        out.append(found)
                        break
        return out

    def _stated_triple(self, ctx: CheckContext, figs: list[ClaimRecord]) -> Finding | None:
        figs = [c for c in figs if c.has_quantity and _usable(c)]
        per = [c for c in figs if c.unit and c.unit.endswith(_PER_PERSON)]
        if len(per) != 1:
            return None
        pc = per[0]
        currency = pc.unit.split("/", 1)[0] if pc.unit else ""
        totals = [c for c in figs if c.unit == currency and c.period == pc.period]
        pops = [
            c
            for c in figs
            if c.unit is None
            and c.period == pc.period
            and (c.noun in _PEOPLE or _measure_id(c) == "population")
        ]
        if len(totals) != 1 or len(pops) != 1:
            return None
        return self._per_capita_finding(ctx, pc, totals[0], pops[0])

    def _per_capita_frames(self, ctx: CheckContext, seen: set[str]) -> list[Finding]:
        """Per-capita figures judged on stored frames (the indicators' words may differ: "GDP
        of Pelmora" / "GDP per capita"): the total is an actual of the measure without "per
        capita" ("gdp" for "gdp.per_capita"), the population one of ``population``, for the
        same entity and year, from the same document when it has them.  One pass."""
        by: dict[tuple[str, str, int], list[ClaimRecord]] = {}
        pcs: list[tuple[ClaimRecord, str, str, int]] = []
        for c in ctx.claims:
            f = frame_of(c)
            y = single_year(c.period)
            if f is None or f.measure.free or y is None or not is_actual(c) or not _usable(c):
                continue
            who = entity_of(f) or ctx.doc(c).region or "-"
            if "per_capita" in f.basis or f.measure.id.endswith("per_capita"):
                if c.id not in seen:
                    pcs.append((c, f.measure.id.removesuffix(".per_capita"), who, y))
                continue
            by.setdefault((f.measure.id, who, y), []).append(c)
        out: list[Finding] = []
        for pc, base, who, y in pcs:
            totals = [c for c in by.get((base, who, y), []) if c.unit == pc.unit]
            pops = by.get(("population", who, y), [])
            tot = _latest([c for c in totals if c.doc == pc.doc] or totals)
            pop = _latest([c for c in pops if c.doc == pc.doc] or pops)
            if tot is None or pop is None:
                continue
            found = self._per_capita_finding(ctx, pc, tot, pop)
            if found is not None:
                out.append(found)
        return out

    def _per_capita_finding(
        self, ctx: CheckContext, pc: ClaimRecord, tot: ClaimRecord, pop: ClaimRecord
    ) -> Finding | None:
        y = single_year(pc.period)
        implied = (tot.value or 0) * scale(tot)[1] / ((pop.value or 1) * scale(pop)[1]) / scale(pc)[1]
        if implied <= 0:
            return None
        g = ((pc.value or 0) - implied) / implied
        if abs(g) <= PER_CAPITA_TOLERANCE or not 1 / PLAUSIBLE_FACTOR <= 1 + g <= PLAUSIBLE_FACTOR:
            return None  # within tolerance, or so far off that the pairing is wrong
        label = ctx.label(pc) or "the figure"
        fact = (
            f"{label} in {y}, {stated(pc)} vs about {amount(implied, pc.unit)} per person that "
            f"{stated(tot)} over {amount(pop.value or 0)} people gives ({pct(abs(g))} "
            f"{'lower' if g > 0 else 'higher'} than stated)"
        )
        msg = f"{ctx.where(pc)} gives {label} as {stated(pc)}."
        details = {
            "rule": "per_capita",
            "total": tot.value,
            "population": pop.value,
            "implied": implied,
            "stated": pc.value,
            "relative_gap": round(g, 6),
        }
        # all three figures in one document: the text contradicts itself (issue 11)
        one_doc = pc.doc == tot.doc == pop.doc
        return make_finding(
            "arithmetic",
            NAME,
            "error" if one_doc else "warning",
            msg,
            [(pc, "per_capita"), (tot, "total"), (pop, "population")],
            details,
            headline=headline(ctx, pc, fact),
            confidence=Confidence.of(
                0.65,
                (tot.doc == pc.doc == pop.doc, 0.15, "all three figures from one document"),
            ),
            computation=(
                f"{amount(tot.value or 0)} / {amount(pop.value or 0)} = {amount(implied)}; "
                f"stated {amount(pc.value or 0)}"
            ),
        )


def _arithmetic(
    ctx: CheckContext,
    sev: Severity,
    words: tuple[ClaimRecord, str, str],
    roles: list[tuple[ClaimRecord, str]],
    details: dict[str, Any],
    conf: Confidence,
    computation: str,
) -> Finding:
    """An arithmetic finding; ``words`` is (the figure whose speaker leads, the fact, the
    explanation)."""
    said_by, fact, msg = words
    return make_finding(
        "arithmetic",
        NAME,
        sev,
        msg,
        roles,
        details,
        confidence=conf,
        computation=computation,
        headline=headline(ctx, said_by, fact),
    )


#: A count of people is the population only when its sentence says so.
#: Units of an amount per person, and the nouns that count people.
_PER_PERSON = ("/person", "/capita", "/head", "/inhabitant", "/resident")
_PEOPLE = frozenset({"person", "people", "inhabitant", "resident", "citizen"})


def _measure_id(c: ClaimRecord) -> str | None:
    f = frame_of(c)
    return None if f is None else f.measure.id


_POPULATION_WORDS = re.compile(r"\b(?:population|inhabitants|residents|people\s+live)", re.I)


def _is_population(key: str, region: str) -> bool:
    return key.startswith((f"{region}|population|count", f"{region}|person|count:person"))


def _latest(cs: list[ClaimRecord]) -> ClaimRecord | None:
    cs = [c for c in cs if _usable(c)]
    if not cs:
        return None
    return max(cs, key=lambda c: (c.published.isoformat() if c.published else "", c.seq))
