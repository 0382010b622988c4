"""Score a quantity extractor against the public peer suites in ``../shared/peer-suites``.

One scorer for every engine: ``claimledger`` (the ``numbers`` stage,
``claimledger.extract.numbers.find`` over each whole input) and ``quantulum3``
(``quantulum3.parser.parse``).  Imported by tests/test_peer_suites.py and
benchmarks/bench_extract.py; run it directly for a report::

    python tests/peer_eval.py [--engine claimledger|quantulum3|both] [--errors SUITE]

Matching rule (the same for both engines)
-----------------------------------------
* A gold item and a prediction match when their character spans overlap, their values
  agree and, where the suite names a unit, their units agree.  Each gold item matches at
  most one prediction and vice versa (greedy, in text order).
* Spans: Recognizers-Text ``End`` is inclusive (span ``[Start, End+1)``); quantulum3 gold
  carries only a surface string, located in the input by ``str.find`` from the previous
  match.  Spans are compared by overlap, not equality, because claimledger's span includes
  the bound words ("about $ 14 million") that the suites leave out.
* Values agree within a relative tolerance of 1e-6.  Money is compared in the main unit
  of its currency: "50 cents" is gold 50 Cent and claimledger 0.5 USD, both 0.5.  A gold
  range (quantulum3 value ± uncertainty, NumberRangeModel interval) matches a predicted
  range with the same ends; a predicted range matches a gold point equal to one of its
  ends (Recognizers annotates "eight to 10 feet" as "10 feet").  A one-sided interval
  ("(30,)") matches a bound with that value ("more than thirty" -> at_least 30).
* Units: currencies agree when the predicted ISO code is one the gold name allows (gold
  "Dollar" allows any dollar; "Franc" any franc; codes given by the suite are exact);
  a rate's denominator is compared only where the gold names one (quantulum3).  Physical
  units agree when pint converts one into the other with a factor of 1 (so "km" =
  "Kilometer", "ml" = "cubic centimetre"); gold "Ton"/"ton" accepts the tonne, because
  "tons" in news means metric tonnes.  quantulum3 "dimensionless" requires a unit-less
  prediction; NumberModel and NumberRangeModel give no unit and none is compared.
* Each Recognizers file annotates only its own type, so it is scored only against
  predictions of that type: CurrencyModel vs currency units, DimensionModel vs physical
  units (not temperature, not durations), PercentModel vs ``%``/``pp``, TemperatureModel
  vs temperatures and bare degrees, AgeModel vs durations, NumberModel vs everything
  except physical and temperature units (the suite itself treats "180ml" as a dimension,
  not a number), NumberRangeModel vs ranges and bounds.  quantulum3 files are scored
  against all predictions.
* Out of scope, dropped from the gold and reported as ``dropped`` (a prediction that
  overlaps a dropped item is neither a hit nor a false alarm): items without a value (a
  bare "dollar" or "percent" mention is not a figure); years and dates (claimledger reads
  them as time, not as quantities, by design): in NumberModel the items inside a date
  ("5/17/2018", "May 4") and four-digit integers 1900-2099 without a currency or unit;
  in quantulum3 the dimensionless four-digit integers 1900-2099.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SUITES_DIR = ROOT.parent / "shared" / "peer-suites"
REL_TOL = 1e-6

#: name -> (path under SUITES_DIR, prediction type scored against it, gated?)
SUITES: dict[str, tuple[str, str, bool]] = {
    "CurrencyModel": ("recognizers-text/NumberWithUnit/English/CurrencyModel.json", "currency", True),
    "DimensionModel": ("recognizers-text/NumberWithUnit/English/DimensionModel.json", "dimension", True),
    "PercentModel": ("recognizers-text/Number/English/PercentModel.json", "percent", True),
    "NumberModel": ("recognizers-text/Number/English/NumberModel.json", "number", True),
    "quantulum3": ("quantulum3/quantities.json", "all", True),
    "quantulum3-ambiguity": ("quantulum3/quantities.ambiguity.json", "all", False),
    "NumberRangeModel": ("recognizers-text/Number/English/NumberRangeModel.json", "range", False),
    "AgeModel": ("recognizers-text/NumberWithUnit/English/AgeModel.json", "duration", False),
    "TemperatureModel": (
        "recognizers-text/NumberWithUnit/English/TemperatureModel.json",
        "temperature",
        False,
    ),
}

# --- unit keys ------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitKey:
    """A unit in a form both engines and both suite families can be compared in.

    kind: ``none`` (a count), ``pct``, ``cur`` (``codes`` allowed, ``None`` = any; ``den``
    an optional rate denominator as a pint expression or noun), ``phys`` (``expr`` a pint
    expression), ``unk`` (an unconvertible name, matched only by equal name).
    """

    kind: str
    codes: frozenset[str] | None = None
    den: str | None = None
    expr: str | None = None
    factor: float = 1.0  # money sub-units: gold value * factor = value in the main unit


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DOLLARS = _codes(
    "USD CAD AUD NZD HKD SGD TWD BSD BBD BZD BMD BND FJD GYD JMD KYD LRD NAD SBD SRD TTD XCD ZWL"
)
_FRANCS = _codes("CHF FRF BEF XOF XAF XPF CDF BIF DJF GNF KMF RWF LUF")
_RUPEES = _codes("INR PKR LKR NPR MUR SCR")
_POUNDS = _codes("GBP EGP LBP SYP SDG SSP GIP FKP SHP")
_PESOS = _codes("MXN PHP ARS CLP COP CUP DOP UYU")

# Recognizers-Text and quantulum3 currency names -> (codes or None for "any", factor)
_CURRENCY_NAMES: dict[str, tuple[frozenset[str] | None, float]] = {
    "dollar": (_DOLLARS, 1.0),
    "united states dollar": (frozenset({"USD"}), 1.0),
    "euro": (frozenset({"EUR"}), 1.0),
    "pound": (_POUNDS, 1.0),
    "british pound": (frozenset({"GBP"}), 1.0),
    "pound sterling": (frozenset({"GBP"}), 1.0),
    "cent": (None, 0.01),
    "pence": (frozenset({"GBP"}), 0.01),
    "penny": (frozenset({"GBP"}), 0.01),
    "sen": (None, 0.01),
    "dime": (frozenset({"USD"}), 0.1),
    "franc": (_FRANCS, 1.0),
    "rupee": (_RUPEES, 1.0),
    "bitcoin": (frozenset({"BTC"}), 1.0),
    "satoshi": (frozenset({"BTC"}), 1e-8),
    "peseta": (frozenset({"ESP"}), 1.0),
    "netherlands guilder": (frozenset({"NLG"}), 1.0),
    "finnish markka": (frozenset({"FIM"}), 1.0),
    "yen": (frozenset({"JPY"}), 1.0),
    "japanese yen": (frozenset({"JPY"}), 1.0),
    "peso": (_PESOS, 1.0),
    "yuan": (frozenset({"CNY"}), 1.0),
    "chinese yuan": (frozenset({"CNY"}), 1.0),
}

_PINT_ALIASES = {
    "metric ton": "tonne",
    "pound-mass": "pound",
    "degree celsius": "degC",
    "c": "degC",
    "degree fahrenheit": "degF",
    "f": "degF",
    "electronvolt": "electron_volt",
    "minute of arc": "arcminute",
    "second of arc": "arcsecond",
    "british thermal unit": "british_thermal_unit",
    "barrel": "oil_barrel",
    "cubic centimetre": "centimetre**3",
    "age": "year",
}


def _pint_expr_from_name(name: str) -> str:
    """'Square meter' -> 'meter**2'; 'kilometre per square second' -> 'kilometre/second**2'."""
    n = name.lower().strip()
    if n in _PINT_ALIASES:
        return _PINT_ALIASES[n]
    parts = n.split(" per ")
    out = []
    for part in parts:
        part = _PINT_ALIASES.get(part, part)
        for alias, rep in _PINT_ALIASES.items():
            part = part.replace(alias, rep) if " " in alias else part
        m = re.fullmatch(r"(square|cubic) (.+)", part)
        if m:
            part = f"({m.group(2).replace(' ', '_')})**{2 if m.group(1) == 'square' else 3}"
        m = re.fullmatch(r"(.+) (squared|cubed)", part)
        if m:
            part = f"({m.group(1).replace(' ', '_')})**{2 if m.group(2) == 'squared' else 3}"
        m = re.fullmatch(r"inverse (.+)", part)
        if m:
            part = f"1/({m.group(1).replace(' ', '_')})"
        part = part.replace("electronvolt", "electron_volt")
        if " " in part:
            part = "*".join(f"({p})" for p in part.split())
        out.append(f"({part})")
    return "/".join(out)


@lru_cache(maxsize=1)
def _ureg() -> Any:
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=4096)
def _pint_ok(expr: str) -> bool:
    try:
        _ureg().Quantity(1, expr)
    except Exception:
        return False
    return True


@lru_cache(maxsize=4096)
def _same_unit(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        ureg = _ureg()
        qa, qb = ureg.Quantity(1, a), ureg.Quantity(1, b)
        if qa.dimensionality != qb.dimensionality:
            return False
        if "degC" in (a + b) or "degF" in (a + b):
            return a.strip("()") == b.strip("()")
        return math.isclose(qa.to(b).magnitude, 1.0, rel_tol=1e-3)
    except Exception:
        return False


def unit_from_name(
    name: str | None, iso: str | None = None, *, entity: str | None = None, money: bool | None = None
) -> UnitKey | None:
    """A suite's (or quantulum3's) unit name as a UnitKey; None when the suite gives none.

    ``money`` says whether the name is a currency (True in CurrencyModel, False in
    DimensionModel where "Pound" is a mass); None decides from the name and ``entity``.
    """
    if name is None:
        return None
    n = name.lower().strip()
    if iso:
        return UnitKey("cur", codes=frozenset({iso}))
    if n in ("dimensionless", ""):
        return UnitKey("none")
    if n in ("percentage", "percent"):
        return UnitKey("pct")
    head, _, den = n.partition(" per ")
    if money is not False and (head in _CURRENCY_NAMES or entity == "currency" or money):
        codes, factor = _CURRENCY_NAMES.get(head, (None, 1.0))
        dexpr = _pint_expr_from_name(den) if den else None
        return UnitKey("cur", codes=codes, den=dexpr, factor=factor)
    expr = _pint_expr_from_name(n)
    if _pint_ok(expr):
        return UnitKey("phys", expr=expr)
    return UnitKey("unk", expr=n)


def unit_from_claimledger(symbol: str | None) -> UnitKey:
    from claimledger.extract import units

    if symbol is None:
        return UnitKey("none")
    kind = units.kind(symbol)
    intrinsic = symbol in PINT_SYMBOLS  # km/h, m/s: one unit, not a rate
    base, _, den = symbol.partition("/")
    dexpr = (units.pint_expr(den) or den) if den and not intrinsic else None
    if kind == units.CURRENCY:
        return UnitKey("cur", codes=frozenset({base}), den=dexpr)
    if symbol in ("%", "pp"):
        return UnitKey("pct")
    expr = units.pint_expr(symbol)
    if expr is None:
        return UnitKey("unk", expr=symbol)
    return UnitKey("phys", expr=expr, den=dexpr)


def _pint_symbols() -> frozenset[str]:
    from claimledger.resources.units import PINT

    return frozenset(PINT)


PINT_SYMBOLS = _pint_symbols()


def _numerator(key: UnitKey) -> UnitKey:
    """The unit without its rate denominator ("bbl/day" -> "bbl")."""
    if key.kind == "phys" and key.den is not None and key.expr is not None:
        head = key.expr.rsplit("/", 1)[0]
        return UnitKey("phys", expr=head)
    if key.kind == "cur" and key.den is not None:
        return UnitKey("cur", codes=key.codes)
    return key


def units_agree(gold: UnitKey | None, pred: UnitKey, *, numerator_only: bool = False) -> bool:
    """Do the units agree?  ``numerator_only``: the suite never annotates a rate's
    denominator (Recognizers-Text spans "500,000 barrels" of "500,000 barrels a day")."""
    if gold is None:
        return True
    if numerator_only and gold.den is None and "/" not in (gold.expr or ""):
        pred = _numerator(pred)
    if gold.kind != pred.kind:
        return False
    if gold.kind == "cur":
        if gold.codes is not None and not (pred.codes and gold.codes & pred.codes):
            return False
        if gold.den is not None:
            return pred.den is not None and _same_unit(gold.den, pred.den)
        return True
    if gold.kind == "phys":
        assert gold.expr is not None and pred.expr is not None
        # "tons" in news are metric tonnes: read a gold "ton" as the tonne
        return _same_unit(re.sub(r"\bton\b", "tonne", gold.expr), pred.expr)
    if gold.kind == "unk":
        return gold.expr == pred.expr
    return True


# --- gold and predictions -------------------------------------------------------------------


@dataclass
class Item:
    """A gold item or a prediction: span [start, end), value or range, unit."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: UnitKey | None = None
    qualifier: str = "exact"
    ptype: str = "number"  # predictions: currency percent dimension temperature duration number
    text: str = ""


@dataclass
class Case:
    text: str
    gold: list[Item]
    dropped: list[Item] = field(default_factory=list)


def _interval(s: str) -> tuple[float | None, float | None, str]:
    """'(20,35]' -> (20, 35, 'range'); '(30,)' -> (30, None, 'at_least'); '[20,20]' -> exact."""
    lo_s, hi_s = s.strip()[1:-1].split(",")
    lo = float(lo_s) if lo_s.strip() else None
    hi = float(hi_s) if hi_s.strip() else None
    if lo is not None and hi is not None:
        return lo, hi, "exact" if lo == hi else "range"
    if lo is not None:
        return lo, None, "at_least"
    return None, hi, "at_most"


_YEAR = re.compile(r"(19|20)\d\d")
_GOLD_DATE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s\d{1,2}"
    r"(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.I,
)


def _recognizers_cases(path: Path, suite: str) -> list[Case]:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    cases: list[Case] = []
    for c in data:
        text = c["Input"]
        dates = [m.span() for m in _GOLD_DATE.finditer(text)]
        gold: list[Item] = []
        dropped: list[Item] = []
        for r in c.get("Results", []):
            s, e = r["Start"], r["End"] + 1
            res = r.get("Resolution") or {}
            raw = res.get("value")
            item = Item(s, e, None, text=text[s:e])
            if suite == "NumberRangeModel":
                lo, hi, q = _interval(str(raw))
                item.qualifier = q
                if q == "range":
                    item.low, item.high = lo, hi
                else:
                    item.value = lo if lo is not None else hi
            elif raw not in (None, "null"):
                item.value = float(str(raw).rstrip("%"))
            if suite not in ("NumberModel", "PercentModel", "NumberRangeModel"):
                money = {"CurrencyModel": True, "DimensionModel": False}.get(suite)
                item.unit = unit_from_name(res.get("unit"), res.get("isoCurrency"), money=money)
                if item.unit is not None and item.unit.kind == "cur" and item.value is not None:
                    item.value *= item.unit.factor
            if suite == "PercentModel":
                item.unit = UnitKey("pct")
            out_of_scope = item.value is None and item.low is None
            if suite == "NumberModel":
                t = item.text
                before = text[s - 1 : s].strip()
                year = _YEAR.fullmatch(t) is not None and before not in ("$", "€", "£")
                if year or any(ds <= s < de for ds, de in dates):
                    out_of_scope = True
            (dropped if out_of_scope else gold).append(item)
        cases.append(Case(text, gold, dropped))
    return cases


def _quantulum_cases(path: Path) -> list[Case]:
    data = json.loads(path.read_text(encoding="utf-8"))
    cases: list[Case] = []
    for c in data:
        text = c["req"]
        gold: list[Item] = []
        dropped: list[Item] = []
        pos = 0
        for r in c["res"]:
            surface = r["surface"]
            s = text.find(surface, pos)
            if s < 0:
                s = text.lower().find(surface.lower())
            if s < 0:
                continue
            e = s + len(surface)
            pos = s + 1
            unit = unit_from_name(r.get("unit"), entity=r.get("entity"))
            v = float(r["value"])
            unc = r.get("uncertainty")
            if unit is not None and unit.kind == "cur":
                v *= unit.factor
            item = Item(s, e, v, unit=unit, text=surface)
            if unc:
                item.low, item.high = v - float(unc), v + float(unc)
            if unit is not None and unit.kind == "none" and _YEAR.fullmatch(surface.strip()):
                dropped.append(item)
            else:
                gold.append(item)
        cases.append(Case(text, gold, dropped))
    return cases


def load(suite: str) -> list[Case]:
    path = SUITES_DIR / SUITES[suite][0]
    if suite.startswith("quantulum3"):
        return _quantulum_cases(path)
    return _recognizers_cases(path, suite)


def available() -> bool:
    return SUITES_DIR.is_dir()


# --- engines ----------------------------------------------------------------------------------

Predictor = Callable[[str], list[Item]]


def _ptype_claimledger(symbol: str | None, qualifier: str) -> str:
    from claimledger.extract import units

    k = units.kind(symbol)
    if k is None:
        return "number"
    if symbol == "°":
        return "dimension"
    return k


def claimledger_predictor() -> Predictor:
    from claimledger.extract import numbers

    def predict(text: str) -> list[Item]:
        out = []
        for q in numbers.find(text, 0, len(text)):
            out.append(
                Item(
                    q.start,
                    q.end,
                    q.value,
                    q.low,
                    q.high,
                    unit_from_claimledger(q.unit),
                    q.qualifier,
                    _ptype_claimledger(q.unit, q.qualifier),
                    q.text,
                )
            )
        return out

    return predict


def quantulum_predictor() -> Predictor:
    import warnings

    warnings.filterwarnings("ignore", module="quantulum3")
    from quantulum3 import parser

    def predict(text: str) -> list[Item]:
        out = []
        try:
            found = parser.parse(text)
        except Exception:
            return out
        for q in found:
            unit = unit_from_name(q.unit.name, entity=q.unit.entity.name) or UnitKey("none")
            v = float(q.value)
            if unit.kind == "cur":
                v *= unit.factor
            item = Item(q.span[0], q.span[1], v, unit=unit, text=q.surface)
            if q.uncertainty:
                item.low, item.high = v - float(q.uncertainty), v + float(q.uncertainty)
                item.qualifier = "range"
            ent = q.unit.entity.name
            item.ptype = {
                "currency": "currency",
                "dimensionless": "number",
                "temperature": "temperature",
                "time": "duration",
                "unknown": "dimension",
            }.get(ent, "dimension")
            if unit.kind == "pct":
                item.ptype = "percent"
            out.append(item)
        return out

    return predict


# --- scoring -----------------------------------------------------------------------------------


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)


def values_agree(g: Item, p: Item, suite: str) -> bool:
    if g.low is not None and g.high is not None:
        if p.low is not None and p.high is not None:
            return _close(g.low, p.low) and _close(g.high, p.high)
        return p.value is not None and _close(p.value, g.value) and not suite.startswith("NumberRange")
    if suite == "NumberRangeModel" and g.qualifier != p.qualifier:
        return False
    if p.value is not None:
        return _close(p.value, g.value)
    return _close(g.value, p.low) or _close(g.value, p.high)


def _wanted(p: Item, stype: str) -> bool:
    if stype == "all":
        return True
    if stype == "number":
        return p.ptype not in ("dimension", "temperature")
    if stype == "range":
        return p.qualifier != "exact"
    if stype == "temperature":
        return p.ptype == "temperature" or (p.unit is not None and p.unit.expr == "(degree)")
    return p.ptype == stype


@dataclass
class Score:
    suite: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    dropped: int = 0
    cases: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _overlap(a: Item, b: Item) -> bool:
    return a.start < b.end and b.start < a.end


def score_case(case: Case, preds: list[Item], suite: str) -> tuple[int, int, int, list[str]]:
    stype = SUITES[suite][1]
    preds = [p for p in preds if _wanted(p, stype)]
    preds = [
        p
        for p in preds
        if not any(_overlap(p, d) for d in case.dropped) or any(_overlap(p, g) for g in case.gold)
    ]
    used = [False] * len(preds)
    quant = suite.startswith("quantulum3")
    tp = 0
    notes: list[str] = []
    for g in case.gold:
        hit = None
        for k, p in enumerate(preds):
            if (
                not used[k]
                and _overlap(g, p)
                and values_agree(g, p, suite)
                and units_agree(g.unit, p.unit or UnitKey("none"), numerator_only=not quant)
            ):
                hit = k
                break
        if hit is None:
            notes.append(f"  miss  {g.text!r} value={g.value} range={g.low, g.high} unit={g.unit}")
        else:
            used[hit] = True
            tp += 1
    fp = 0
    for k, p in enumerate(preds):
        if not used[k]:
            fp += 1
            notes.append(
                f"  extra {p.text!r} value={p.value} range={p.low, p.high} unit={p.unit} q={p.qualifier}"
            )
    fn = len(case.gold) - tp
    return tp, fp, fn, notes


def score(suite: str, predict: Predictor, cases: Iterable[Case] | None = None) -> Score:
    sc = Score(suite)
    for case in cases if cases is not None else load(suite):
        sc.cases += 1
        sc.dropped += len(case.dropped)
        tp, fp, fn, notes = score_case(case, predict(case.text), suite)
        sc.tp, sc.fp, sc.fn = sc.tp + tp, sc.fp + fp, sc.fn + fn
        if notes:
            sc.errors.append(case.text[:160] + "\n" + "\n".join(notes))
    return sc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engine", choices=["claimledger", "quantulum3", "both"], default="claimledger")
    ap.add_argument("--errors", metavar="SUITE", help="print the misses and false alarms of one suite")
    ap.add_argument("--suite", action="append", help="only these suites")
    args = ap.parse_args(argv)
    if not available():
        print(f"peer suites not found at {SUITES_DIR}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    engines = ["claimledger", "quantulum3"] if args.engine == "both" else [args.engine]
    for engine in engines:
        predict = claimledger_predictor() if engine == "claimledger" else quantulum_predictor()
        print(f"{engine}:")
        print(f"  {'suite':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5} {'dropped':>7}")
        for suite in args.suite or SUITES:
            sc = score(suite, predict)
            gate = "" if SUITES[suite][2] else "  (info)"
            print(
                f"  {suite:22} {sc.precision:6.3f} {sc.recall:6.3f} {sc.f1:6.3f} {sc.tp:5d} {sc.fp:5d}"
                f" {sc.fn:5d} {sc.dropped:7d}{gate}"
            )
            if args.errors == suite:
                print("\n".join(sc.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
