"""Checker ``checks.arithmetic.v1``: stated changes, shares and per-capita figures that do
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

import re
from bisect import bisect_left

from claimledger.checks._changes import Change, find_changes
from claimledger.checks._fmt import amount, pct, stated
from claimledger.checks._shares import find_shares
from claimledger.checks.base import (
    PLAN_KINDS,
    CheckContext,
    is_actual,
    make_finding,
    names_subject,
    other_place,
    qualifier_clash,
    same_kind,
    scale,
    single_year,
)
from claimledger.link import ClaimRecord, dimension, measure_parent
from claimledger.models import Finding, Severity

NAME = "checks.arithmetic.v1"

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


_DIGITS = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def rounding(c: ClaimRecord) -> float:
    """Half a unit of a figure's last written digit, relative to it: "3.2 trillion" ->
    0.05/3.2.  The trailing zeros of a whole number count as written ("$13,000" is read
    to the dollar), so in practice only decimals widen what is allowed."""
    m = _DIGITS.search(c.q_text or "")
    if m is None:
        return 0.0
    try:
        mantissa = float(m.group(0).replace(",", ""))
    except ValueError:
        return 0.0
    if mantissa <= 0:
        return 0.0
    decimals = len(m.group(1)) if m.group(1) else 0
    return 0.5 * 10.0 ** (-decimals) / mantissa


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
        out.extend(self._per_capita(ctx))
        return out

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
        ]
        if ch.base_period is not None:
            cands = [c for c in series if c.period == ch.base_period]
            how = "period"
            if ch.implied_base:
                # No base was named: only the statement's own level for the year before is
                # used; another document's figure may have another scope.
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
        msg = (
            f"{said}, but {ch.noun} from {amount(b, unit)} gives about "
            f"{amount(implied, unit)}, not {amount(r, unit)} ({pct(abs(g))} "
            f"{'lower' if g < 0 else 'higher'})."
        )
        roles: list[tuple[ClaimRecord, str]] = [(res, "result"), (base, "base")]
        if ch.percent is not None:
            roles.append((ch.percent, "change"))
        details = {
            "rule": "change",
            "phrase": ch.phrase,
            "factor": ch.factor,
            "factor_range": [ch.lo, ch.hi],
            "base": b,
            "base_source": how or "sentence",
            "implied": implied,
            "stated": r,
            "relative_gap": round(g, 6),
        }
        # A base taken from the ledger (not named in the text) may not be the one the
        # speaker meant, so such a finding is never more than a warning.
        sev: Severity = "error" if abs(g) > ERROR_GAP and how in ("from", "before", "after") else "warning"
        return make_finding("arithmetic", NAME, sev, msg, roles, details)

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
            msg = (
                f"{ctx.where(p)} gives {what}{stated(part)} as {share:g}% of {of}, but "
                f"{amount(part.value or 0)} out of {whole} is {implied:.1f}%, "
                f"{abs(implied - share):.1f} percentage points {'more' if implied > share else 'less'}."
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
                implied = (tot.value or 0) / (pop.value or 1)
                g = ((pc.value or 0) - implied) / implied
                if abs(g) <= PER_CAPITA_TOLERANCE or not 1 / PLAUSIBLE_FACTOR <= 1 + g <= PLAUSIBLE_FACTOR:
                    continue  # within tolerance, or so far off that the pairing is wrong
                label = ctx.label(pc) or "the figure"
                msg = (
                    f"{ctx.where(pc)} gives {label} in {y} as {stated(pc)}, but {stated(tot)} "
                    f"over a population of {amount(pop.value or 0)} is about {amount(implied, pc.unit)} "
                    f"per person ({pct(abs(g))} {'lower' if g > 0 else 'higher'} than stated)."
                )
                details = {
                    "rule": "per_capita",
                    "total": tot.value,
                    "population": pop.value,
                    "implied": implied,
                    "stated": pc.value,
                    "relative_gap": round(g, 6),
                }
                out.append(
                    make_finding(
                        "arithmetic",
                        NAME,
                        "warning",
                        msg,
                        [(pc, "per_capita"), (tot, "total"), (pop, "population")],
                        details,
                    )
                )
        return out


#: A count of people is the population only when its sentence says so.
_POPULATION_WORDS = re.compile(r"\b(?:population|inhabitants|residents|people\s+live)", re.I)


def _is_population(key: str, region: str) -> bool:
    return key.startswith((f"{region}|population|count", f"{region}|person|count:person"))


def _latest(cs: list[ClaimRecord]) -> ClaimRecord | None:
    cs = [c for c in cs if _usable(c)]
    if not cs:
        return None
    return max(cs, key=lambda c: (c.published.isoformat() if c.published else "", c.seq))
