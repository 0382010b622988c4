"""Feasibility checker: required compound growth against forecasts and past growth."""

from __future__ import annotations

from datetime import date as Date

import pytest

from _checkhelp import doc, rec
from claimledger.checks import context_from_records, run_context
from claimledger.checks.feasibility import FeasibilityChecker

NOW = Date(2026, 11, 23)
D = {"d": doc("d", "2024-01-08", "Interview")}
TARGET = "The goal is to double the size of the economy to $450 billion by 2029."
BASE = "Gross domestic product exceeded $259 billion in 2023."


def _run(recs: list) -> list:
    return run_context(context_from_records(recs, D, NOW), [FeasibilityChecker()])


def _target_and_base() -> list:
    return [
        rec(
            "d",
            TARGET,
            "$450 billion",
            450e9,
            kind="target",
            period_role="deadline",  # "by <year>"
            subject="size of the economy",
            period="2029",
            unit="USD",
        ),
        rec(
            "d",
            BASE,
            "$259 billion",
            259e9,
            kind="achievement",
            subject="gross domestic product",
            period="2023",
            unit="USD",
            qualifier="at_least",
        ),
    ]


def test_target_far_above_forecast_is_a_warning() -> None:
    fc = rec(
        "d",
        "Economic growth this year is expected at 3-4%.",
        "3-4%",
        None,
        low=3,
        high=4,
        kind="forecast",
        subject="economic growth",
        period="2024",
        unit="%",
        qualifier="range",
    )
    [f] = _run([*_target_and_base(), fc])
    assert f.severity == "warning"
    assert f.details["required_annual_growth"] == pytest.approx((450 / 259) ** (1 / 6) - 1, abs=1e-6)
    assert f.details["years"] == 6 and f.details["comparison_growth"] == pytest.approx(0.04)
    assert "9.6% a year" in f.message and "3–4%" in f.message


def test_target_within_forecast_is_information() -> None:
    fc = rec(
        "d",
        "Economic growth is forecast at 10-12% in 2025.",
        "10-12%",
        None,
        low=10,
        high=12,
        kind="forecast",
        subject="economic growth",
        period="2025",
        unit="%",
        qualifier="range",
    )
    [f] = _run([*_target_and_base(), fc])
    assert f.severity == "info" and "within" in f.message


def test_nothing_to_compare_raises_nothing() -> None:
    assert not _run(_target_and_base())


def test_past_growth_from_series() -> None:
    a = rec(
        "d",
        "Capacity was 6,200 MW in 2022.",
        "6,200 MW",
        6200,
        kind="achievement",
        subject="renewable capacity",
        period="2022",
        unit="MW",
    )
    b = rec(
        "d",
        "Capacity was 6,800 MW in 2023.",
        "6,800 MW",
        6800,
        kind="achievement",
        subject="renewable capacity",
        period="2023",
        unit="MW",
    )
    t = rec(
        "d",
        "We plan renewable capacity of 20,000 MW by 2030.",
        "20,000 MW",
        20000,
        kind="target",
        period_role="deadline",  # "by <year>"
        subject="renewable capacity",
        period="2030",
        unit="MW",
    )
    [f] = _run([a, b, t])
    assert f.details["base"] == 6800 and f.details["years"] == 7
    assert f.details["comparison_growth"] == pytest.approx(6800 / 6200 - 1, abs=1e-6)
    assert f.severity == "warning"


def test_percent_targets_are_not_growth_targets() -> None:
    t = rec(
        "d",
        "Inflation will be brought down to 5% by 2026.",
        "5%",
        5,
        kind="target",
        period_role="deadline",  # "by <year>"
        subject="inflation",
        period="2026",
        unit="%",
    )
    a = rec(
        "d",
        "Inflation was 9.8% in 2023.",
        "9.8%",
        9.8,
        kind="achievement",
        subject="inflation",
        period="2023",
        unit="%",
    )
    assert not _run([t, a])


def test_count_target_meets_a_level_without_a_counted_noun() -> None:
    from datetime import date as Date

    from _checkhelp import doc, rec
    from claimledger.checks import context_from_records, run_context
    from claimledger.checks.feasibility import FeasibilityChecker

    t = rec(
        "k",
        "Kenya aims to attract 5.5 million tourists by 2027.",
        "5.5 million",
        5.5e6,
        kind="target",
        period_role="deadline",  # "by <year>"
        subject="tourists",
        noun="tourist",
        period="2027",
        published="2024-02-01",
    )
    a = rec(
        "k",
        "Arrivals reached 2.1 million in 2023.",
        "2.1 million",
        2.1e6,
        kind="achievement",
        subject="arrivals",
        period="2023",
        published="2024-02-01",
    )
    g = rec(
        "k",
        "Tourist arrivals have grown by about 8% a year since 2019.",
        "about 8%",
        8.0,
        kind="achievement",
        subject="tourist arrivals",
        period="2019/2024",
        unit="%",
        qualifier="approx",
        published="2024-02-01",
    )
    ctx = context_from_records([t, a, g], {"k": doc("k", "2024-02-01", region="Kenya")}, Date(2026, 6, 1))
    [f] = run_context(ctx, [FeasibilityChecker()])
    # (5.5 / 2.1) ** (1 / 4) - 1 = 27.2% a year, 3.4 times the 8% on record: an error (issue 11)
    assert f.severity == "error" and f.details["base"] == 2.1e6
