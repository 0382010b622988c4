"""Arithmetic checker and the change grammar on hand-made claims."""

from __future__ import annotations

from datetime import date as Date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _checkhelp import doc, rec
from claimledger.checks import context_from_records, run_context
from claimledger.checks._changes import find_changes
from claimledger.checks.arithmetic import ArithmeticChecker

NOW = Date(2026, 11, 23)
D = {"d": doc("d", "2024-01-08", "Interview")}


def _run(recs: list, docs: dict | None = None) -> list:
    return run_context(context_from_records(recs, docs or D, NOW), [ArithmeticChecker()])


def test_by_a_third_states_implied_value_and_gap() -> None:
    s = "GDP per capita reached almost $13,000 last year and should grow by a third to $16,800 by 2028."
    base = rec("d", s, "almost $13,000", 13000, kind="achievement", subject="GDP per capita", period="2023",
               unit="USD", qualifier="approx")
    res = rec("d", s, "$16,800", 16800, kind="target", subject="GDP per capita", period="2028", unit="USD")
    found = _run([base, res])
    assert len(found) == 1
    f = found[0]
    assert f.details["implied"] == pytest.approx(17333.33, rel=1e-4)
    assert "$17,333" in f.message and "$16,800" in f.message and "3.1% lower" in f.message
    assert f.details["roles"] == {res.id: "result", base.id: "base"}


@pytest.mark.parametrize(("sentence", "factor"), [
    ("Exports rose 15% to $5 billion from $4 billion.", 1.15),
    ("Output fell by half to 3 million tons from 5 million tons.", 0.5),
    ("Arrivals doubled from 3.2 million to 5.1 million.", 2.0),
    ("Imports were $9 billion, 10% less than in 2022.", 0.9),
    ("The harvest increased three-fold to 30 million tons from 9 million tons.", 3.0),
    ("Capacity grew by a quarter to 500 MW from 400 MW.", 1.25),
])
def test_change_grammar_factor(sentence: str, factor: float) -> None:
    figs = [rec("d", sentence, t, 1.0) for t in _figures(sentence)]
    changes = find_changes(sentence, figs)
    assert changes and changes[0].factor == pytest.approx(factor)


def _figures(sentence: str) -> list[str]:
    import re

    return re.findall(r"\$?\d[\d,.]*%?(?: (?:billion|million|tons|MW))?", sentence)


def test_wrong_percent_against_levels_in_sentence() -> None:
    s = "Tea exports rose 20% to $1.5 billion in 2024 from $1.4 billion in 2023."
    pct = rec("d", s, "20%", 20, unit="%", subject="tea exports", kind="achievement", period="2024")
    r = rec("d", s, "$1.5 billion", 1.5e9, unit="USD", subject="tea exports", kind="achievement",
            period="2024")
    b = rec("d", s, "$1.4 billion", 1.4e9, unit="USD", subject="tea exports", kind="achievement",
            period="2023")
    [f] = _run([pct, r, b])
    assert f.severity == "error" and f.details["implied"] == pytest.approx(1.68e9)
    assert f.details["roles"][pct.id] == "change"


@pytest.mark.parametrize("sentence", [
    "Remittances grew by 12% to $4.48 billion from $4 billion.",
    "Hotel capacity nearly doubled from 26,000 beds to 51,000 beds.",
    "Remittances grew by about 12% to $4.5 billion from $4 billion.",
])
def test_consistent_changes_raise_nothing(sentence: str) -> None:
    figs = [rec("d", sentence, t, float(t.strip("$%").split()[0].replace(",", "")) *
                (1e9 if "billion" in t else 1), unit="USD" if "$" in t else ("%" if "%" in t else None),
                subject="remittances") for t in _figures(sentence)]
    assert not _run(figs)


def test_base_from_ledger_period() -> None:
    d1 = rec("a", "FDI totalled $12 billion in 2023.", "$12 billion", 12e9, kind="achievement", subject="FDI",
             period="2023", unit="USD", published="2024-02-20")
    s = "FDI amounted to $15.7 billion in 2024, which is 88% more than the year before."
    r = rec("b", s, "$15.7 billion", 15.7e9, kind="achievement", subject="FDI", period="2024", unit="USD",
            published="2025-01-27")
    p = rec("b", s, "88%", 88, kind="achievement", subject="FDI", period="2024", unit="%",
            published="2025-01-27")
    docs = {"a": doc("a", "2024-02-20", "Committee"), "b": doc("b", "2025-01-27", "Interview")}
    [f] = _run([d1, r, p], docs)
    assert f.details["implied"] == pytest.approx(22.56e9) and f.details["base_source"] == "period"
    assert "Committee" in f.message  # the base's own document is named


def test_base_of_another_indicator_is_not_used() -> None:
    s = "Exports reached $5 billion, while imports grew by a third to $4 billion."
    a = rec("d", s, "$5 billion", 5e9, unit="USD", subject="exports", kind="achievement", period="2024")
    b = rec("d", s, "$4 billion", 4e9, unit="USD", subject="imports", kind="achievement", period="2024")
    assert not _run([a, b])


def test_share_against_part_and_total() -> None:
    s = "Of the 217 schools planned, 105 schools (68%) are already built."
    total = rec("d", s, "217", 217, noun="school", subject="schools")
    part = rec("d", s, "105", 105, noun="school", subject="schools")
    share = rec("d", s, "68%", 68, unit="%", subject="schools")
    [f] = _run([total, part, share])
    assert f.details["implied_share"] == pytest.approx(48.39, abs=0.01) and "48.4%" in f.message


def test_per_capita_against_total_and_population() -> None:
    gdp = rec("d", "GDP reached $25.8 billion in 2024.", "$25.8 billion", 25.8e9, kind="achievement",
              subject="GDP", period="2024", unit="USD")
    pop = rec("d", "The population was 3 million people in 2024.", "3 million", 3e6, kind="achievement",
              subject="population", period="2024")
    pc = rec("d", "GDP per capita was $10,100 in 2024.", "$10,100", 10100, kind="achievement",
             subject="GDP per capita", period="2024", unit="USD")
    [f] = _run([gdp, pop, pc])
    assert f.details["rule"] == "per_capita" and f.details["implied"] == pytest.approx(8600)


_PHRASES = {"grew by a third": 4 / 3, "grew by half": 1.5, "grew by a quarter": 1.25, "doubled": 2.0,
            "tripled": 3.0, "fell by half": 0.5, "fell by a quarter": 0.75, "rose 20%": 1.2, "fell 10%": 0.9}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(_PHRASES)), st.integers(min_value=100, max_value=90_000),
       st.sampled_from([1.0, 1.0, 0.9, 1.1, 0.8, 1.25]))
def test_change_round_trip(phrase: str, base: int, skew: float) -> None:
    """A consistent result raises nothing; one off by 10% or more is reported with its gap."""
    result = round(base * _PHRASES[phrase] * skew)
    s = f"Output {phrase} to {result:,} tons from {base:,} tons."
    r = rec("d", s, f"{result:,} tons", float(result), unit="t", subject="output", kind="achievement",
            period="2024")
    b = rec("d", s, f"{base:,} tons", float(base), unit="t", subject="output", kind="achievement",
            period="2023", occurrence=0 if f"{base:,} tons" != f"{result:,} tons" else 1)
    found = _run([r, b])
    if skew == 1.0:
        assert not found
    else:
        [f] = found
        assert f.details["implied"] == pytest.approx(base * _PHRASES[phrase])
        assert f.details["relative_gap"] == pytest.approx(result / (base * _PHRASES[phrase]) - 1, abs=1e-3)
