"""Checker ``checks.official.v1``: stated figures against official statistics.

Reads: each claim's frame (measure, entity, status, basis), its figure and period, and the
reference values the ledger holds for that measure, entity and period (``bind`` loads them
before ``run``; see docs/official.md).  Writes one ``official`` finding per checked figure,
``details.outcome``:

- ``consistent`` (info): the official value lies in the interval the figure states (its
  precision and qualifier: ``_tolerance``), after unit, scale and (only when the series
  names its exchange-rate series) currency conversion;
- ``inconsistent`` (warning; error when the gap is over ``ERROR_GAP`` of the official
  value), with the gap and both sources;
- ``no_reference``: no value for that measure, entity and period; listed only with
  ``list_missing``.

A target whose deadline has passed and whose year the series covers is settled too:
``details.outcome`` ``target_met`` or ``target_missed``, evidence for the promise lifecycle
with the series as its citation (``details.promise_evidence``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date as Date
from functools import cache
from typing import TYPE_CHECKING, Any

from claimledger.checks._tolerance import Interval, interval
from claimledger.checks.base import CheckContext, Confidence, make_finding
from claimledger.link import ClaimRecord, DocInfo, dimension
from claimledger.models import Finding, Frame, ReferenceValue, SeriesInfo, Severity
from claimledger.resources import places
from claimledger.resources.checks import CLOSE_BOUNDS
from claimledger.resources.patterns import alternation
from claimledger.resources.taxonomy import entity_data, measures

if TYPE_CHECKING:
    from claimledger.ledger import Connection

__all__ = [
    "ERROR_GAP",
    "NAME",
    "REASONS",
    "Diagnosis",
    "Mentions",
    "OfficialChecker",
    "candidate_measures",
    "frame_of",
    "mention_pattern",
    "series_label",
]

NAME = "checks.official.v1"

#: Frame statuses whose figure states what was: checked against the record.  A baseline
#: ("up from 4.9 percent in 2022") and a revision are statements of an actual too.
CHECKED_STATUSES = frozenset({"actual", "estimate", "baseline", "revision"})
#: An inconsistency larger than this share of the official value is an error, not a
#: warning: a tenth off is no rounding or revision.
ERROR_GAP = 0.10
#: A level (money, a count) more than this factor away from the official value is taken to be about another
#: entity or measure (the frame read "the world's most populous country" as the world), not
#: a misstatement of this one: real misstatements of a level are rarely off by a factor of 5.
MISMATCH_RATIO = 5.0
#: Granularities finer than a year: such a figure ("5.1 percent in May 2024") is not the
#: annual value, whatever its period says.
_SUB_ANNUAL = frozenset({"half_year", "quarter", "month", "week", "day"})
#: Kind cues of a forecast that only describe it as one ("the forecast range of 6-8%"): a
#: past forecast restated is not a claim about the outcome.
_FORECAST_WORDS = re.compile(r"^forecast:(?:forecast|expected|projected|predicted|planned|estimated at)\b")
#: Why a claim gave no comparison (``OfficialChecker.diagnose``), in pipeline order.
REASONS: dict[str, str] = {
    "no_quantity": "the claim has no figure",
    "no_period": "the claim has no period",
    "no_measure_words": "the sentence names no measure with a stored series",
    "no_frame": "the frame stage gave no frame",
    "free_measure": "the frame's measure is free (not in the taxonomy)",
    "measure_without_series": "the frame's measure has no stored series",
    "sub_annual": "a figure of a month, quarter or half year",
    "status_not_checked": "the frame's status is not a stated actual (a forecast, a goal ...)",
    "no_entity": "no country or area, named or the document's",
    "target": "a target (settled, not compared)",
    "no_reference_row": "no reference value for that measure, entity and period",
    "unit_mismatch": "the figure's unit cannot be compared with the series'",
    "no_interval": "the figure has no value to compare",
    "ratio_guard": f"more than {MISMATCH_RATIO:g} times off the official value",
    "consistent": "compared: within tolerance",
    "inconsistent": "compared: outside tolerance",
}
_WORD = re.compile(r"\w+")
_DOWN = re.compile(
    r"\b(?:reduc\w*|cut\w*|lower\w*|decreas\w*|below|under|bring\w*(?:\s+\w+){0,3}?\s+down|halv\w*|curb\w*)\b",
    re.I,
)


# --- the frame, until the ledger stores it -----------------------------------------------


class _Frames:
    """Each claim's frame.  A record that carries one (once the ledger stores frames) is
    read as it is; until then the frame stage recomputes it from the document's text,
    sentence by sentence, on first use (without the pipeline's relation labels)."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self._frames: dict[str, Frame | None] = {}
        self._docs: dict[str, Any] = {}

    def of(self, rec: ClaimRecord) -> Frame | None:
        stored: Frame | None = getattr(rec, "frame", None)
        if stored is not None:
            return stored
        if rec.id not in self._frames:
            self._sentence(rec)
        return self._frames.get(rec.id)

    def _sentence(self, rec: ClaimRecord) -> None:
        from claimledger.extract import frame as stage

        doc = self.ctx.docs.get(rec.doc)
        group = self.ctx.by_sentence.get((rec.doc, rec.sent_start)) or [rec]
        claims = [r.to_claim() for r in group]
        if doc is None or not doc.text:
            self._frames.update(dict.fromkeys((r.id for r in group), None))
            return
        d = self._docs.get(rec.doc)
        if d is None:
            d = self._docs[rec.doc] = stage.DocFrame(doc.text, doc.published)
        # a corrected span the stage cannot read gets no frame
        with suppress(IndexError, ValueError):
            stage.annotate(doc.text, rec.sent_start, rec.span.end, claims, (), d)
        for c in claims:
            self._frames[c.id] = c.frame


def frame_of(rec: ClaimRecord, ctx: CheckContext) -> Frame | None:
    """The frame of one claim of ``ctx`` (see ``_Frames``)."""
    return _Frames(ctx).of(rec)


# --- which series can state a claim's measure --------------------------------------------


@cache
def _taxonomy() -> dict[str, dict[str, Any]]:
    return {m["id"]: m for m in measures()}


@cache
def _children() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for m in _taxonomy().values():
        if m.get("parent"):
            out[m["parent"]].append(m["id"])
    return {k: tuple(v) for k, v in out.items()}


def candidate_measures(measure: str, basis: Iterable[str] = ()) -> tuple[str, ...]:
    """The measure and its descendants that state the same kind of amount (same flow and
    unit dimension): "gdp" -> gdp, gdp.nominal, gdp.nominal_usd, gdp.real ...; a real figure
    drops the nominal ones and a figure with no "real" drops the real ones."""
    tax = _taxonomy()
    head = tax.get(measure)
    if head is None:
        return ()
    real = "real" in basis
    out: list[str] = []
    todo = [measure]
    while todo:
        m = todo.pop(0)
        t = tax[m]
        if t.get("flow") != head.get("flow") or t.get("dimension") != head.get("dimension"):
            continue
        mb = set(t.get("basis") or ())
        if m == measure or ("real" in mb) == real:
            out.append(m)
        todo.extend(_children().get(m, ()))
    return tuple(out)


# --- the checker ---------------------------------------------------------------------------


def _ancestors(measure: str) -> list[str]:
    tax = _taxonomy()
    out = []
    m: str | None = measure
    while m is not None and m in tax:
        out.append(m)
        m = tax[m].get("parent")
    return out


@dataclass(frozen=True, slots=True)
class Mentions:
    """Can a sentence name one of some measures (or a broader one)?  Yes when it has one of
    their synonyms, or one of their head nouns with one of the same measure's context words
    (the taxonomy's own rule: "output" alone is any output, "output of the economy" is GDP).
    A sentence that cannot is never framed: the frame stage is the checker's dearest step."""

    synonyms: re.Pattern[str] | None
    heads: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]
    #: the first word of every synonym and head, lower case: a sentence with none of them
    #: names none of the measures (a cheap test before the patterns)
    triggers: frozenset[str] = frozenset()

    def search(self, sentence: str) -> bool:
        if self.triggers and self.triggers.isdisjoint(_WORD.findall(sentence.lower())):
            return False
        if self.synonyms is not None and self.synonyms.search(sentence):
            return True
        return any(h.search(sentence) and c.search(sentence) for h, c in self.heads)


def mention_pattern(measures: Iterable[str]) -> Mentions | None:
    """The ``Mentions`` of ``measures`` and their broader measures; None when none has words."""
    tax = _taxonomy()
    synonyms: set[str] = set()
    head_words: set[str] = set()
    heads: list[tuple[re.Pattern[str], re.Pattern[str]]] = []
    for a in {a for m in measures for a in _ancestors(m)}:
        synonyms.update(tax[a].get("synonyms", ()))
        hs, cs = tax[a].get("heads", ()), tax[a].get("context", ())
        if cs:
            head_words.update(hs)
        if hs and cs:
            heads.append(
                (
                    re.compile(rf"\b(?:{alternation(hs)})\b", re.I),
                    re.compile(rf"\b(?:{alternation(cs)})\b", re.I),
                )
            )
    if not synonyms and not heads:
        return None
    syn = re.compile(rf"\b(?:{alternation(synonyms)})\b", re.I) if synonyms else None
    triggers = frozenset(w[0] for w in (_WORD.findall(p.lower()) for p in synonyms | head_words) if w)
    return Mentions(syn, tuple(heads), triggers)


@cache
def _mentions_of(measure: str) -> Mentions | None:
    return mention_pattern([measure])


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """Why a claim gave the comparison it gave (``OfficialChecker.diagnose``): a reason code
    of ``REASONS`` and, once the claim is a case, its measures, entity and period."""

    code: str
    measures: tuple[str, ...] = ()
    entity: str = ""
    period: str = ""


@dataclass(frozen=True, slots=True)
class _Case:
    """A figure to compare: the claim, its frame's measure candidates, entity and period."""

    claim: ClaimRecord
    measures: tuple[str, ...]
    entity: str
    entity_name: str
    period: str
    target: bool
    measure: str = ""  # the frame's measure
    from_document: bool = False  # the entity is the document's country, not named
    stored_frame: bool = True  # the ledger's frame, not one recomputed here
    from_title: bool = False  # the measure is the document title's, the sentence names none
    dated: bool = False  # a stock at a date within the year, compared with the year's value


@cache
def _generic() -> frozenset[str]:
    """Institutions with no country of their own ("the government", "the central bank"):
    their figures are the document's country's."""
    return frozenset(e["id"] for e in entity_data()["entity"] if e.get("generic"))


def _entity(frame: Frame, doc: DocInfo | None) -> tuple[str, str, bool] | None:
    """The entity id and name, and whether it is the document's country (not named)."""
    e = frame.entity
    if e is not None and e.id not in _generic():
        if e.type in ("country", "region", "area") and ":" not in e.id:
            return e.id, e.name, False
        return None
    # the frame named no one, or a generic institution: the country the document is about
    if doc is not None and doc.region:
        c = places.country(doc.region)
        if c is not None:
            return c.id, c.name, True
    return None


def _checked(rec: ClaimRecord, frame: Frame) -> bool:
    if frame.status not in CHECKED_STATUSES and rec.kind != "status":
        return False
    if rec.kind == "forecast":
        # a forecast of a past period is checked when the sentence reports the outcome
        # ("according to the IMF, GDP exceeded ..."), not when it restates the forecast
        return not any(_FORECAST_WORDS.match(c) for c in rec.cues) or any(
            c.startswith("achievement:") for c in rec.cues
        )
    return True


@dataclass(slots=True)
class OfficialChecker:
    """Compares figures with the reference values it was bound to (``bind``)."""

    values: Sequence[ReferenceValue] = ()
    list_missing: bool = False
    frames: _Frames | None = None
    #: sentences that can name a measure with a stored series (``mention_pattern``)
    mentions: Mentions | None = None
    name: str = NAME
    _index: dict[tuple[str, str, str], list[ReferenceValue]] = field(default_factory=dict, repr=False)
    _titles: dict[tuple[str, frozenset[str] | None], str | None] = field(default_factory=dict, repr=False)
    _said: dict[str, bool] = field(default_factory=dict, repr=False)
    #: the context ``bind`` was given and the cases it found in it
    bound: tuple[CheckContext, list[_Case]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        index: dict[tuple[str, str, str], list[ReferenceValue]] = defaultdict(list)
        for v in self.values:
            index[(v.series.measure, v.entity, v.period)].append(v)
        self._index = dict(index)

    def bind(self, conn: Connection, ctx: CheckContext) -> OfficialChecker:
        """A checker holding the ledger's reference values for the figures of ``ctx``."""
        from claimledger.ledger import reference_for, reference_series

        stored = reference_series(conn)
        if not stored:
            return replace(self, values=(), frames=None)
        measures = {s.info.measure for s in stored}
        frames = _Frames(ctx)
        mentions = mention_pattern(measures)
        # caches of this ledger's sentences and titles, never shared with another binding
        said: dict[str, bool] = {}
        titles: dict[tuple[str, frozenset[str] | None], str | None] = {}
        cases = replace(self, mentions=mentions, _said=said, _titles=titles)._cases(ctx, frames, measures)
        keys = {(c.entity, c.period) for c in cases}
        values = reference_for(conn, keys, {m for c in cases for m in c.measures})
        # ``run`` on the same context compares these cases: they are not worked out twice
        return replace(
            self,
            values=values,
            frames=frames,
            mentions=mentions,
            bound=(ctx, cases),
            _said=said,
            _titles=titles,
        )

    def _cases(self, ctx: CheckContext, frames: _Frames, measures: set[str] | None = None) -> list[_Case]:
        if measures is None and self.mentions is None and self.values:
            self.mentions = mention_pattern({v.series.measure for v in self.values})
        out: list[_Case] = []
        for rec in ctx.claims:
            case = self._case(rec, ctx, frames, measures)
            if isinstance(case, _Case):
                out.append(case)
        return out

    def _case(
        self, rec: ClaimRecord, ctx: CheckContext, frames: _Frames, measures: set[str] | None = None
    ) -> _Case | str:
        """The figure to compare, or the reason code (``REASONS``) why the claim is not one."""
        if not rec.has_quantity:
            return "no_quantity"
        if rec.period is None:
            return "no_period"
        doc = ctx.docs.get(rec.doc)
        titled = self._title_measure(doc, measures)
        if self.mentions is not None and titled is None and not self._mentioned(rec):
            return "no_measure_words"
        f = frames.of(rec)
        if f is None:
            return "no_frame"
        measure, from_title = f.measure.id, False
        if f.measure.free:
            if titled is None:
                return "free_measure"
            # a row of a table or list whose sentence names no measure: the title's
            measure, from_title = titled, True
        cands = candidate_measures(measure, () if from_title else f.basis)
        if measures is not None:
            cands = tuple(m for m in cands if m in measures)
        if not cands:
            return "measure_without_series"
        # a stock at a date ("a population of 109,035,343 on 1 May 2020") is compared with
        # its year's value (WDI's mid-year estimate); a flow or rate of a month is not annual
        dated = bool(_SUB_ANNUAL & set(f.basis))
        if dated and (_taxonomy().get(measure, {}).get("flow") != "stock" or not rec.period[:4].isdigit()):
            return "sub_annual"
        target = f.status == "target" or rec.kind == "target"
        if not target and not _checked(rec, f):
            return "status_not_checked"
        ent = _entity(f, doc)
        if ent is None:
            return "no_entity"
        period = rec.period.split("/")[-1] if target else rec.period
        if dated:
            period = period[:4]
        stored = getattr(rec, "frame", None) is not None
        return _Case(rec, cands, ent[0], ent[1], period, target, measure, ent[2], stored, from_title, dated)

    def _mentioned(self, rec: ClaimRecord) -> bool:
        """Can the claim's sentence name a measure with a series?  Once per sentence."""
        said = self._said.get(rec.sentence)
        if said is None:
            said = self._said[rec.sentence] = self.mentions is None or self.mentions.search(rec.sentence)
        return said

    def _title_measure(self, doc: DocInfo | None, measures: set[str] | None) -> str | None:
        """The one measure with a stored series that the document's title names ("Countries
        by population, 2020"), or None: none or several."""
        if doc is None or not doc.title:
            return None
        key = (doc.title, frozenset(measures) if measures is not None else None)
        if key not in self._titles:
            have = measures if measures is not None else {v.series.measure for v in self.values}
            named = [m for m in have if (p := _mentions_of(m)) is not None and p.search(doc.title)]
            self._titles[key] = named[0] if len(named) == 1 else None
        return self._titles[key]

    def diagnose(self, ctx: CheckContext) -> dict[str, Diagnosis]:
        """For each claim of ``ctx``, the outcome of its comparison or the reason code
        (``REASONS``) why none came out: a diagnostic of recall (``tests/official_eval.py
        --reasons``).  Call on a bound checker."""
        frames = self.frames if self.frames is not None and self.frames.ctx is ctx else _Frames(ctx)
        if self.mentions is None and self.values:
            self.mentions = mention_pattern({v.series.measure for v in self.values})
        out: dict[str, Diagnosis] = {}
        for rec in ctx.claims:
            case = self._case(rec, ctx, frames)
            if isinstance(case, str):
                out[rec.id] = Diagnosis(case)
                continue
            code = "target"
            if not case.target:
                got = self._reference(case)
                if isinstance(got, str):
                    code = "no_reference_row" if got.startswith("no official value") else "unit_mismatch"
                else:
                    f = replace(self, list_missing=True)._compare(case)
                    if f is None:
                        code = "no_interval"
                    else:
                        outcome = str(f.details.get("outcome"))
                        code = "ratio_guard" if outcome == "no_reference" else outcome
            out[rec.id] = Diagnosis(code, case.measures, case.entity, case.period)
        return out

    def run(self, ctx: CheckContext) -> list[Finding]:
        if not self.values and not self.list_missing:
            return []
        frames = self.frames if self.frames is not None and self.frames.ctx is ctx else _Frames(ctx)
        cases = self.bound[1] if self.bound is not None and self.bound[0] is ctx else self._cases(ctx, frames)
        out: list[Finding] = []
        for case in cases:
            f = self._settle(ctx, case) if case.target else self._compare(case)
            if f is not None:
                out.append(f)
        return out

    # -- comparison ---------------------------------------------------------------------

    def _reference(self, case: _Case) -> tuple[ReferenceValue, float] | str:
        """The newest-vintage value to compare with, converted to the claim's unit (a
        factor from the series' level to the claim's); or why there is none."""
        c = case.claim
        found: list[ReferenceValue] = []
        for m in case.measures:
            found.extend(self._index.get((m, case.entity, case.period), ()))
        if not found:
            return f"no official value for {case.entity_name} in {case.period}"
        cdim, cfac = dimension(c.unit, c.noun)
        why = ""
        for v in sorted(found, key=lambda v: (v.series.vintage, v.series_id), reverse=True):
            unit = v.series.unit
            if unit == "LCU":
                country = places.country(v.entity)
                unit = (country.currency or "") if country is not None else ""
            sdim, sfac = dimension(unit or None, None)
            if cdim == sdim or (sdim == "count" and cdim.startswith("count")):
                return v, sfac / cfac
            if cdim == "count" and sdim == "currency:USD" and self._money(case):
                # "GDP: 21.41 trillion": an amount of money with no currency, which a
                # reader of an international figure takes as US dollars
                return v, sfac / cfac
            if cdim.startswith("currency:") and sdim.startswith("currency:"):
                rated = self._convert(v, sdim[9:], cdim[9:])
                if rated is not None:
                    return v, rated * sfac / cfac
                rate = f"no value of its rate series {v.series.rate}" if v.series.rate else "it names no rate"
                why = f"the figure is in {cdim[9:]} and the series in {sdim[9:]}, and {rate}"
                continue
            why = why or f"the figure is {cdim.replace(':', ' ')}, the series {sdim.replace(':', ' ')}"
        return why

    @staticmethod
    def _money(case: _Case) -> bool:
        """Is the figure an amount of money whose currency is unstated: no unit, no
        counted noun, of a measure stated in money?"""
        c = case.claim
        return (
            c.unit is None
            and c.noun is None
            and _taxonomy().get(case.measure, {}).get("dimension") == "currency"
        )

    def _convert(self, v: ReferenceValue, have: str, want: str) -> float | None:
        """The factor from the series' currency to the claim's, through the exchange-rate
        series the series names (local currency units per US dollar, as WDI's
        PA.NUS.FCRF); None without one."""
        rate_code = v.series.rate
        if not rate_code:
            return None
        for r in self.values:
            if r.series.code == rate_code and r.entity == v.entity and r.period == v.period and r.value:
                lcu = places.country(v.entity)
                local = lcu.currency if lcu is not None else None
                if have == "USD" and want == local:
                    return r.level
                if have == local and want == "USD":
                    return 1 / r.level
        return None

    def _compare(self, case: _Case) -> Finding | None:
        c = case.claim
        got = self._reference(case)
        if isinstance(got, str):
            return self._missing(case, got) if self.list_missing else None
        ref, factor = got
        iv = interval(c.q_text or "", c.value, c.low, c.high, c.qualifier or "exact", close=_close(c))
        if iv is None:
            return None
        official = ref.level * factor  # in the claim's units
        point = c.point
        level = ref.series.unit != "%"  # a rate can be far off and still about this measure
        if level and point and official and not 1 / MISMATCH_RATIO <= point / official <= MISMATCH_RATIO:
            why = f"more than {MISMATCH_RATIO:g} times off the official value: another entity or measure"
            return self._missing(case, why) if self.list_missing else None
        details = self._details(case, ref, official, iv)
        unit = _unit_words(c)
        if self._money(case):
            unit = "USD"
            details["unit_read"] = "USD: no currency stated, read as the series' US dollars"
        if iv.contains(official):
            details["outcome"] = "consistent"
            msg = (
                f"{_stated(c)} for {case.entity_name} in {case.period} is consistent with the official "
                f"{_fmt(official, unit)} ({_cite(ref.series)})."
            )
            return _finding("info", msg, case, details, ref.series.measure)
        gap = iv.gap(official)
        details["outcome"] = "inconsistent"
        details["gap"] = gap
        rel = gap / abs(official) if official else float("inf")
        details["gap_share"] = rel
        sev: Severity = "error" if rel > ERROR_GAP else "warning"
        off = _fmt(gap, "percentage points" if unit == "%" else unit)
        msg = (
            f"{_stated(c)} for {case.entity_name} in {case.period} is inconsistent with the official "
            f"{_fmt(official, unit)} ({_cite(ref.series)}): off by {off}."
        )
        return _finding(sev, msg, case, details, ref.series.measure)

    def _details(self, case: _Case, ref: ReferenceValue, official: float, iv: Interval) -> dict[str, Any]:
        c = case.claim
        return {
            "measure": ref.series.measure,
            "entity": case.entity,
            "period": case.period,
            "claimed": {
                "text": c.q_text,
                "value": c.value,
                "low": c.low,
                "high": c.high,
                "qualifier": c.qualifier,
            },
            "tolerance": {"low": iv.low, "high": iv.high, "why": iv.why},
            "official": official,
            "reference": {
                "series_id": ref.series_id,
                "value": ref.value,
                "level": ref.level,
                **ref.series.to_dict(),
                "credit": ref.series.credit,
                "cite": _cite(ref.series),
                "label": series_label(ref.series),
            },
            "official_text": f"Official: {_fmt(official, _unit_words(c))} ({series_label(ref.series)})",
            "computation": (
                f"official {ref.value:g} x 10^{ref.series.scale} {ref.series.unit or 'count'} -> "
                f"{official:g} in the figure's units; the figure allows {iv.why}"
            ),
        }

    def _missing(self, case: _Case, why: str) -> Finding:
        c = case.claim
        details = {
            "outcome": "no_reference",
            "measure": case.measures[0],
            "entity": case.entity,
            "period": case.period,
        }
        details["why"] = why
        return _finding("info", f"{_stated(c)}: no official figure to compare with ({why}).", case, details)

    # -- targets ------------------------------------------------------------------------

    def _settle(self, ctx: CheckContext, case: _Case) -> Finding | None:
        c = case.claim
        year = case.period[:4]
        if not year.isdigit() or Date(int(year), 12, 31) >= ctx.now:
            return None  # the deadline has not passed
        got = self._reference(replace(case, period=year))
        if isinstance(got, str):
            return None
        ref, factor = got
        official = ref.level * factor
        goal = c.point
        if goal is None:
            return None
        down = c.qualifier == "at_most" or _DOWN.search(c.sentence) is not None
        met = official <= goal if down else official >= goal
        iv = (
            Interval(None, goal, "at most the target")
            if down
            else Interval(goal, None, "at least the target")
        )
        details = self._details(replace(case, period=year), ref, official, iv)
        details["outcome"] = "target_met" if met else "target_missed"
        details["promise_evidence"] = {
            "status": "kept" if met else "not_kept",
            "value": official,
            "cite": _cite(ref.series),
            "series_id": ref.series_id,
        }
        unit = _unit_words(c)
        verb = "met" if met else "missed"
        msg = (
            f"The target {_stated(c)} for {case.entity_name} by {year} was {verb}: the official figure is "
            f"{_fmt(official, unit)} ({_cite(ref.series)})."
        )
        return _finding("info" if met else "warning", msg, case, details, ref.series.measure)


def _confidence(case: _Case, series_measure: str | None) -> Confidence:
    return Confidence.of(
        0.85,
        (
            series_measure is not None and series_measure != case.measure,
            -0.1,
            "the series states a narrower or broader measure",
        ),
        (case.from_document, -0.15, "the entity is the document's country, not named with the figure"),
        (OfficialChecker._money(case), -0.1, "no currency stated: read as US dollars"),
        (case.from_title, -0.15, "the measure is named by the document's title, not the sentence"),
        (case.dated, -0.05, "a stock at a date within the year, against the year's value"),
        (not case.stored_frame, -0.05, "frame recomputed for this check (stored before frames)"),
        (series_measure == case.measure and not case.from_document, 0.1, "same measure, entity and period"),
    )


def _finding(
    sev: Severity, msg: str, case: _Case, details: dict[str, Any], series_measure: str | None = None
) -> Finding:
    computation = details.pop("computation", None)
    return make_finding(
        "official",
        NAME,
        sev,
        msg,
        [(case.claim, "claim")],
        details,
        confidence=_confidence(case, series_measure),
        computation=computation,
    )


def _close(c: ClaimRecord) -> bool:
    """Is the figure's bound said to be close ("just under 2%", "slightly above 4%")? Read
    from the figure's text and the two words before it."""
    if c.qualifier not in ("at_least", "at_most"):
        return False
    lead = c.sentence[: max(0, (c.q_start or 0) - c.sent_start)].split()[-2:]
    words = " ".join([*lead, *(c.q_text or "").split()[:3]]).lower()
    return any(re.search(rf"\b{re.escape(w)}\b", words) for w in CLOSE_BOUNDS)


def _stated(c: ClaimRecord) -> str:
    return f"\u201c{c.q_text}\u201d"


def _unit_words(c: ClaimRecord) -> str:
    if c.unit == "%":
        return "%"
    return c.unit or c.noun or ""


def _fmt(x: float, unit: str) -> str:
    """A value for a message: 261.4 billion USD, 4.86%, 20.3 million person."""
    if unit == "%":
        return f"{x:.3g}%"
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(x) >= size:
            return f"{x / size:.4g} {word} {unit}".rstrip()
    return f"{x:,.4g} {unit}".rstrip()


def series_label(s: SeriesInfo) -> str:
    """ "World Bank WDI, release 2025-07-01": the publisher, the dataset's initials when its
    name has several words, and the vintage."""
    words = [w for w in s.dataset.split() if w[:1].isupper()]
    short = "".join(w[0] for w in words) if len(words) > 1 else s.dataset
    return f"{s.publisher} {short}, release {s.vintage}".replace("  ", " ")


def _cite(s: SeriesInfo) -> str:
    """ "World Bank, World Development Indicators NY.GDP.MKTP.CD, release 2025-07-01" """
    return f"{s.credit} {s.code}, release {s.vintage}"
