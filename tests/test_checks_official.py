"""The ``official`` checker: tolerance from a figure's precision and qualifier, unit, scale
and currency conversion, outcomes, target settlement, and the bundled demo."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path

import pytest

from claimledger import extract
from claimledger.checks import context_from_records
from claimledger.checks._tolerance import interval, last_digit
from claimledger.checks.official import OfficialChecker, candidate_measures
from claimledger.link import ClaimRecord, DocInfo
from claimledger.models import ReferenceValue, SeriesInfo


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("$259 billion", 259e9, 1e9),
        ("8.6%", 8.6, 0.1),
        ("almost 13,000", 13000, 1000),
        ("about 3.1 million", 3.1e6, 1e5),
        ("20.59 million", 20.59e6, 1e4),
        ("a third", 1 / 3, 1.0),
        ("2,500", 2500, 100),
        ("$200 billion", 200e9, 10e9),
        ("20,000", 20000, 1000),
    ],
)
def test_last_digit_is_the_stated_precision(text: str, value: float, unit: float) -> None:
    assert last_digit(text, value) == pytest.approx(unit)


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qual", "inside", "outside"),
    [
        # a bound is consistent when the value is on its side (the gold's labelling rule)
        ("over $259 billion", 259e9, None, None, "at_least", [261.4e9, 259e9], [258.6e9]),
        ("8.6%", 8.6, None, None, "exact", [8.55, 8.64], [8.66, 8.7, 4.86]),
        ("almost 13,000", 13000, None, None, "approx", [12100, 13900], [11900, 14100]),
        ("about 3.1 million", 3.1e6, None, None, "approx", [3.01e6, 3.19e6], [2.9e6, 3.3e6]),
        ("under 5%", 5, None, None, "at_most", [4.1, 5.0], [5.1]),
        ("6-8%", None, 6, 8, "range", [6.0, 7.9, 8.4], [5.4, 8.6]),
    ],
)
def test_interval_from_precision_and_qualifier(
    text: str,
    value: float | None,
    low: float | None,
    high: float | None,
    qual: str,
    inside: list[float],
    outside: list[float],
) -> None:
    iv = interval(text, value, low, high, qual)
    assert iv is not None
    assert all(iv.contains(x) for x in inside), iv
    assert not any(iv.contains(x) for x in outside), iv


@pytest.mark.parametrize(
    ("text", "value", "qual", "inside", "outside"),
    [
        # close below 2%: neither 2.3% (the wrong side) nor 1.1% (far below)
        ("just under 2%", 2.0, "at_most", [1.9, 1.8, 2.0], [2.3, 2.05, 1.1, 1.7]),
        ("slightly above 4.5%", 4.5, "at_least", [4.5, 4.6], [4.4, 5.0]),
        ("just over $259 billion", 259e9, "at_least", [261.4e9, 266e9], [258e9, 268e9]),
    ],
)
def test_a_close_bound_is_close_on_its_side(
    text: str, value: float, qual: str, inside: list[float], outside: list[float]
) -> None:
    iv = interval(text, value, None, None, qual, close=True)
    assert iv is not None
    assert all(iv.contains(x) for x in inside), iv
    assert not any(iv.contains(x) for x in outside), iv


def test_the_checker_reads_a_close_bound_from_the_words_before_the_figure() -> None:
    vals = [ReferenceValue(1, CPI, "KAZ", "2024", 2.3), ReferenceValue(2, CPI, "KAZ", "2023", 4.62)]
    found = _run("Inflation in Kazakhstan was just under 2% in 2024.", vals)
    assert [f.details["outcome"] for f in found] == ["inconsistent"]
    found = _run("Inflation in Kazakhstan was slightly above 4.5% in 2023.", vals)
    assert [f.details["outcome"] for f in found] == ["consistent"]
    found = _run("Inflation in Kazakhstan was slightly above 4% in 2023.", vals)
    assert [f.details["outcome"] for f in found] == ["inconsistent"]


def test_candidate_measures_follow_the_taxonomy() -> None:
    gdp = candidate_measures("gdp")
    assert "gdp.nominal_usd" in gdp and "gdp.real_growth" not in gdp and "gdp.real" not in gdp
    assert "gdp.real" in candidate_measures("gdp", ["real"])
    assert candidate_measures("cpi.headline")[0] == "cpi.headline"
    assert candidate_measures("no.such.measure") == ()


def _series(
    code: str,
    measure: str,
    unit: str,
    *,
    scale: int = 0,
    rate: str | None = None,
    vintage: str = "2025-07-01",
) -> SeriesInfo:
    return SeriesInfo(
        measure, code, code, unit, "World Bank", "World Development Indicators", vintage, scale, rate
    )


def _ctx(text: str, date: str, country: str, now: Date | None = None, title: str | None = None) -> tuple:
    claims = extract(text, date, source="t")
    recs = [ClaimRecord.from_claim(c, date, i) for i, c in enumerate(claims)]
    docs = {
        recs[0].doc: DocInfo(
            key=recs[0].doc, text=text, published=Date.fromisoformat(date), region=country, title=title
        )
    }
    return context_from_records(recs, docs, now=now or Date(2026, 1, 1)), recs


GDP = _series("NY.GDP.MKTP.CD", "gdp.nominal_usd", "USD")
CPI = _series("FP.CPI.TOTL.ZG", "cpi.headline", "%")
POP = _series("SP.POP.TOTL", "population", "")


def _run(
    text: str,
    values: list[ReferenceValue],
    date: str = "2025-02-01",
    country: str = "Kazakhstan",
    **kw: object,
):
    ctx, _recs = _ctx(text, date, country, title=kw.pop("title", None))  # type: ignore[arg-type]
    return OfficialChecker(values, **kw).run(ctx)  # type: ignore[arg-type]


def test_consistent_and_inconsistent_with_both_sources() -> None:
    vals = [ReferenceValue(1, CPI, "KAZ", "2024", 4.86), ReferenceValue(2, GDP, "KAZ", "2023", 261.42e9)]
    found = _run(
        "Inflation in Kazakhstan slowed to 8.6% in 2024. Kazakhstan's GDP exceeded $259 billion in 2023.",
        vals,
    )
    by = {f.details["claimed"]["text"]: f for f in found}
    bad, good = by["8.6%"], by["exceeded $259 billion"]
    assert bad.details["outcome"] == "inconsistent" and bad.severity == "error"
    assert bad.details["gap"] == pytest.approx(8.55 - 4.86)
    assert "World Bank, World Development Indicators" in bad.message and "8.6%" in bad.message
    assert good.details["outcome"] == "consistent" and good.severity == "info"
    assert good.details["reference"]["vintage"] == "2025-07-01"
    assert good.type == "official" and good.claim_ids


def test_scale_of_the_series_is_applied() -> None:
    weo = _series("NGDPD", "gdp.nominal_usd", "USD", scale=9)
    found = _run(
        "Kazakhstan's GDP reached $261 billion in 2023.", [ReferenceValue(1, weo, "KAZ", "2023", 261.42)]
    )
    assert [f.details["outcome"] for f in found] == ["consistent"]


def test_a_small_gap_is_a_warning_and_a_large_one_an_error() -> None:
    found = _run(
        "Kazakhstan's GDP reached $255 billion in 2023.", [ReferenceValue(1, GDP, "KAZ", "2023", 261.42e9)]
    )
    assert [(f.details["outcome"], f.severity) for f in found] == [("inconsistent", "warning")]
    found = _run(
        "Kazakhstan's GDP reached $200 billion in 2023.", [ReferenceValue(1, GDP, "KAZ", "2023", 261.42e9)]
    )
    assert [(f.details["outcome"], f.severity) for f in found] == [("inconsistent", "error")]


def test_population_counts_compare_with_a_unitless_series() -> None:
    found = _run(
        "The population of Kazakhstan reached 20.6 million people in 2024.",
        [ReferenceValue(1, POP, "KAZ", "2024", 20592571)],
    )
    assert [f.details["outcome"] for f in found] == ["consistent"]


def test_currency_is_converted_only_with_the_rate_the_series_names() -> None:
    text = "Kazakhstan's GDP reached 120 trillion tenge in 2023."
    rate = _series("PA.NUS.FCRF", "exchange_rate", "KZT")
    fx = ReferenceValue(9, rate, "KAZ", "2023", 456.3)
    no_rate = [ReferenceValue(1, GDP, "KAZ", "2023", 261.42e9), fx]
    assert _run(text, no_rate) == []
    assert _run(text, no_rate, list_missing=True)[0].details["outcome"] == "no_reference"
    with_rate = _series("NY.GDP.MKTP.CD", "gdp.nominal_usd", "USD", rate="PA.NUS.FCRF")
    found = _run(text, [ReferenceValue(1, with_rate, "KAZ", "2023", 261.42e9), fx])
    assert [f.details["outcome"] for f in found] == ["consistent"]  # 261.42e9 * 456.3 = 119.3 trillion


def test_projections_monthly_figures_and_restated_forecasts_are_not_checked() -> None:
    vals = [ReferenceValue(1, CPI, "KAZ", "2024", 4.86), ReferenceValue(1, CPI, "KAZ", "2025", 9.0)]
    text = (
        "Inflation in Kazakhstan is forecast at 6-8% in 2025. Inflation was 8.4% in May 2024. "
        "Inflation came in above the forecast range of 6-8% in 2024."
    )
    assert _run(text, vals, date="2025-02-01") == []


def test_no_reference_is_listed_only_when_asked() -> None:
    text = "Inflation in Kazakhstan slowed to 8.6% in 2024."
    assert _run(text, [ReferenceValue(1, CPI, "KAZ", "2020", 6.7)]) == []
    [f] = _run(text, [ReferenceValue(1, CPI, "KAZ", "2020", 6.7)], list_missing=True)
    assert f.details["outcome"] == "no_reference" and f.severity == "info"


def test_a_target_is_settled_once_its_deadline_passes() -> None:
    text = "The government will bring inflation down to 5% by 2023."
    vals = [ReferenceValue(1, CPI, "KAZ", "2023", 14.72)]
    ctx, _ = _ctx(text, "2021-01-10", "Kazakhstan", now=Date(2025, 1, 1))
    [f] = OfficialChecker(vals).run(ctx)
    assert f.details["outcome"] == "target_missed"
    assert f.details["promise_evidence"]["status"] == "not_kept"
    assert "World Development Indicators" in f.details["promise_evidence"]["cite"]
    ctx, _ = _ctx(text, "2021-01-10", "Kazakhstan", now=Date(2023, 6, 1))
    assert OfficialChecker(vals).run(ctx) == []  # not due yet


def test_demo_shows_a_consistent_and_an_inconsistent_corpus_figure(tmp_path: Path) -> None:
    from claimledger.checks import load_findings
    from claimledger.cli import main
    from claimledger.ledger import open_engine

    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db), "--no-serve"]) == 0
    engine = open_engine(str(db))
    found = [f for f in load_findings(engine) if f["type"] == "official"]
    engine.dispose()
    outcomes = {f["details"]["outcome"] for f in found}
    assert {"consistent", "inconsistent"} <= outcomes
    for f in found:
        assert f["claims"][0]["quote"] and f["claims"][0]["doc"].endswith(".txt")  # the statement
        assert f["details"]["reference"]["credit"] == "World Bank, World Development Indicators"


def test_a_level_far_off_is_another_entity_not_a_misstatement() -> None:
    # regression: "the world's most populous country" framed as the world's population
    text = "China is the world's most populous country, with a population of around 1.439 billion in 2020."
    world = [ReferenceValue(1, POP, "WLD", "2020", 7.82e9), ReferenceValue(1, POP, "CHN", "2020", 1.4111e9)]
    found = _run(text, world, date="2020-05-01", country="China")
    assert [f.details.get("outcome") for f in found] in ([], ["consistent"])
    [missing] = _run(text, world, date="2020-05-01", country="China", list_missing=True)
    assert missing.details["outcome"] in ("no_reference", "consistent")


def test_a_factsheet_row_is_read_by_its_label_and_each_figure_by_its_own_year() -> None:
    # the label names the measure; "(2012 est.)" after each figure is that figure's year
    vals = [ReferenceValue(1, CPI, "GHA", "2012", 9.16), ReferenceValue(2, CPI, "GHA", "2011", 8.73)]
    found = _run(
        "Inflation rate (consumer prices): Ghana: 9.2% (2012 est.) 7.9% (2011 est.)", vals, "2013-06-01"
    )
    by = {f.details["claimed"]["text"]: (f.details["period"], f.details["outcome"]) for f in found}
    assert by == {"9.2%": ("2012", "consistent"), "7.9%": ("2011", "inconsistent")}


def test_an_amount_with_no_currency_of_a_money_measure_is_read_as_us_dollars() -> None:
    vals = [ReferenceValue(1, GDP, "BRA", "2019", 1.8733e12)]
    [f] = _run("Brazil (GDP: 1.95 trillion) led the region in 2019.", vals, "2020-06-01", "Brazil")
    assert f.details["outcome"] == "inconsistent"
    assert any("no currency stated" in r for r in f.details["reasons"]) and "USD" in f.details["unit_read"]
    [f] = _run("Brazil (GDP: 1.87 trillion) led the region in 2019.", vals, "2020-06-01", "Brazil")
    assert f.details["outcome"] == "consistent"
    # a count of people is not money
    assert _run("Brazil (GDP: 1.87 trillion people) in 2019.", vals, "2020-06-01", "Brazil") == []


def test_a_list_whose_sentence_names_no_measure_takes_the_titles() -> None:
    vals = [ReferenceValue(1, POP, "PER", "2020", 33.3e6), ReferenceValue(2, CPI, "PER", "2020", 1.83)]
    text = "3. Peru: 35.1 million (2020)."
    found = _run(text, vals, "2021-03-01", "Peru", title="Countries by population, 2020")
    assert [f.details["outcome"] for f in found] == ["inconsistent"]
    assert any("title" in r for r in found[0].details["reasons"])
    # a title naming no measure, or two, names none
    assert _run(text, vals, "2021-03-01", "Peru", title="Ranking of South American countries") == []
    assert _run(text, vals, "2021-03-01", "Peru", title="Population and inflation, 2020") == []


def test_a_stock_at_a_date_is_compared_with_its_years_value_a_rate_of_a_month_is_not() -> None:
    vals = [ReferenceValue(1, POP, "PER", "2017", 31.44e6), ReferenceValue(2, CPI, "PER", "2017", 2.8)]
    text = "Peru's population was 31,237,385 in October 2017."
    [f] = _run(text, vals, "2018-06-01", "Peru")
    assert f.details["period"] == "2017" and f.details["outcome"] == "inconsistent"
    assert _run("Inflation in Peru was 2.8% in October 2017.", vals, "2018-06-01", "Peru") == []


def test_a_census_count_is_a_population_read_to_its_last_digit() -> None:
    # the WDI value (a mid-year estimate) rounds to the count only if they agree to the person
    vals = [ReferenceValue(1, POP, "PER", "2017", 31444298)]
    [f] = _run("According to the 2017 census, Peru's population was 31,237,385.", vals, "2018-06-01", "Peru")
    assert f.details["outcome"] == "inconsistent" and f.details["tolerance"]["high"] == 31237385.5
    [f] = _run(
        "According to the 2017 census, Peru's population was 31.4 million.", vals, "2018-06-01", "Peru"
    )
    assert f.details["outcome"] == "consistent"


def test_diagnose_gives_each_claim_an_outcome_or_a_reason_code() -> None:
    from claimledger.checks.official import REASONS

    vals = [ReferenceValue(1, CPI, "KAZ", "2024", 4.86)]
    text = (
        "Inflation in Kazakhstan slowed to 8.6% in 2024. The ministry opened 40 schools in 2024. "
        "Inflation in Kazakhstan was 5.1% in May 2024. Inflation in Kazakhstan was 6.7% in 2020."
    )
    ctx, recs = _ctx(text, "2025-02-01", "Kazakhstan")
    got = OfficialChecker(vals).diagnose(ctx)
    by = {r.q_text: got[r.id] for r in recs}
    assert by["8.6%"].code == "inconsistent" and (by["8.6%"].entity, by["8.6%"].period) == ("KAZ", "2024")
    assert by["40"].code == "no_measure_words"
    assert by["5.1%"].code == "sub_annual"
    assert by["6.7%"].code == "no_reference_row"
    assert all(d.code in REASONS for d in got.values())
