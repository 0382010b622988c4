"""The frame's measure on invented sentences: narrower series, the noun phrase a context or
exclude word belongs to, specific ids, and figures that take their measure from a lead-in
(docs/frame.md, "measure")."""

from __future__ import annotations

from typing import Any

import pytest

from claimledger import extract
from claimledger.models import Frame


def _frame(text: str, figure: str, **kw: Any) -> Frame:
    for c in extract(text, "2024-06-10", **kw):
        if c.quantity is not None and c.quantity.text == figure:
            assert c.frame is not None
            return c.frame
    raise AssertionError(f"no figure {figure!r} in {text!r}")


# --- M3: a modifier that narrows the series makes the measure free ----------------------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Farm exports from Ruritania rose 8% last year.", "8%"),
        ("Regional GDP grew 4.4% in 2025.", "4.4%"),
        ("The overnight lending facility rate stays at 7.25%.", "7.25%"),
        ("Agriculture's contribution to growth was 0.6 percentage points.", "0.6 percentage points"),
        ("Youth employment reached 310,000 in March.", "310,000"),
        ("Rural employment reached 1.2 million in March.", "1.2 million"),
        ("Household consumption contributed 2.1 percentage points to growth.", "2.1 percentage points"),
        ("Inflation should stay within the band of 2-4%.", "2-4%"),
    ],
)
def test_a_narrowing_modifier_makes_the_measure_free(text: str, figure: str) -> None:
    f = _frame(text, figure)
    assert f.measure.free, f.measure
    assert any(c.startswith("narrowed:") for c in f.cues.measure)


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # harmless modifiers keep the taxonomy measure
        ("Annual inflation in Borduria was 3.1% in May.", "3.1%", "cpi.headline"),
        ("Overall exports rose 5% in 2024.", "5%", "exports"),
        ("Real GDP grew 2.2% in 2024.", "2.2%", "gdp.real_growth"),
        ("Total exports reached $12 billion in 2024.", "$12 billion", "exports"),
        # the urban series is the headline one in several countries' releases
        ("The surveyed urban unemployment rate was 5.1% in May.", "5.1%", "unemployment.rate"),
        ("Urban inflation eased to 12.3% in May.", "12.3%", "cpi.headline"),
        # the narrower series has a measure of its own
        ("Food inflation rose to 9% in May.", "9%", "cpi.food"),
        ("The deposit facility rate stays at 5.5%.", "5.5%", "rate.deposit"),
        ("External debt reached $5 billion.", "$5 billion", "debt.external"),
        # the part word is the named series' own
        ("The inflation target band is 2-4%.", "2-4%", "inflation.target"),
    ],
)
def test_harmless_modifiers_and_named_narrow_series_keep_their_id(text: str, figure: str, want: str) -> None:
    f = _frame(text, figure)
    assert f.measure.id == want and not f.measure.free


def test_the_longer_synonym_in_the_text_beats_the_shorter_subject() -> None:
    """The subject stage may shorten "manufactured exports" to "exports": the narrower
    series the text names wins."""
    f = _frame("Manufactured exports of Borduria rose 8% last year.", "8%")
    assert f.measure.id == "exports.nonresource"


# --- M2: a context or exclude word belongs to the figure's own noun phrase --------------


def test_a_context_word_further_after_the_figure_is_another_phrases() -> None:
    f = _frame("Inflation in Borduria rose to 4.2%, driven by food and core prices.", "4.2%")
    assert f.measure.id == "cpi.headline"
    g = _frame("Debt rose to 61% of GDP, while interest costs and services held steady.", "61%")
    assert g.measure.id == "debt.public"


def test_the_verb_of_the_figures_own_phrase_confirms_its_head() -> None:
    f = _frame("Over 2025-2027, 900,000 jobs will be created in Ruritania.", "900,000")
    assert f.measure.id == "jobs.created"


def test_a_context_or_exclude_word_right_after_the_figure_still_counts() -> None:
    assert _frame("GDP reached $5,200 per capita.", "$5,200 per capita").measure.id == "gdp.per_capita"
    assert _frame("Core inflation eased to 2.8% in May.", "2.8%").measure.id == "cpi.core"


# --- M2: the most specific measure the figure's words name ------------------------------


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        ("The allocation for housing is $3 billion.", "$3 billion", "spending.housing"),
        ("Public spending on schools will reach $4 billion.", "$4 billion", "spending.education"),
        ("Debt service will cost $4 billion next year.", "$4 billion", "budget.interest"),
        ("Employers added 15,000 jobs in May.", "15,000", "jobs.created"),
        ("The exchange rate was 1,480 per dollar on Friday.", "1,480", "exchange_rate"),
    ],
)
def test_the_most_specific_measure_wins(text: str, figure: str, want: str) -> None:
    f = _frame(text, figure)
    assert f.measure.id == want and not f.measure.free


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # the parent's own context words name no part of it
        ("Government spending will reach $40 billion.", "$40 billion", "budget.expenditure"),
        # external debt service stays the external debt's
        ("External debt service reached $3 billion.", "$3 billion", "debt.service"),
        ("Debt service on foreign loans reached $3 billion.", "$3 billion", "debt.service"),
    ],
)
def test_a_general_measure_stays_general(text: str, figure: str, want: str) -> None:
    assert _frame(text, figure).measure.id == want


def test_an_amount_in_billions_is_no_price() -> None:
    f = _frame("The exchange rate weakened, costing importers $2 billion.", "$2 billion")
    assert f.measure.id != "exchange_rate"


# --- M1: figures that take their measure from a lead-in or their verb -------------------


def test_rows_of_a_breakdown_by_office_take_the_lead_ins_measure() -> None:
    text = "Budget allocations for 2026:\n- Interior Ministry: $6 billion\n- Justice Ministry: $2.5 billion"
    for figure in ("$6 billion", "$2.5 billion"):
        f = _frame(text, figure)
        assert f.measure.id == "budget.expenditure"
        assert any(c.startswith("inherited:") for c in f.cues.measure)


def test_rows_of_a_breakdown_by_sector_take_the_lead_ins_measure() -> None:
    text = "Employment in Ruritania rose by 40,000 in March. Construction added 12,000 and retail 5,000."
    assert _frame(text, "12,000").measure.id == "employment"
    assert _frame(text, "5,000").measure.id == "employment"


def test_a_row_label_does_not_inherit_across_two_measures() -> None:
    # the lead-in names two measures: nothing to inherit
    text = "Spending and revenue for 2026:\n- Interior Ministry: $6 billion"
    assert _frame(text, "$6 billion").measure.free


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        ("The government will borrow $12 billion next year.", "$12 billion", "budget.deficit"),
        ("Exports are projected to grow 3.1% in 2026; in 2027, 3.4%.", "3.4%", "exports"),
    ],
)
def test_the_verb_of_the_sentence_names_the_measure(text: str, figure: str, want: str) -> None:
    assert _frame(text, figure).measure.id == want


def test_trend_nouns_discourse_adverbs_and_unit_letters_are_no_measure() -> None:
    from claimledger.extract.frame import measure

    assert measure.content_words("low point") == []
    assert measure.content_words("faster pace") == []
    assert measure.content_words("nevertheless") == []
    assert measure.content_words("b") == []
    assert measure.content_words("remained") == []
    # a measure word among them is kept
    assert measure.content_words("peak tourist arrivals") == ["tourist", "arrivals"]
    f = _frame("Core inflation eased in April. Nevertheless, the peak of 5.1% came in March.", "5.1%")
    assert f.measure.id == "cpi.core"


# --- M2: the noun that heads the figure's phrase; a deposit rate stated as the policy rate


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        ("The bank aims to bring inflation to its 3% goal.", "3%", "inflation.target"),
        ("Inflation is expected to return to the 3% target by 2027.", "3%", "inflation.target"),
        ("The government ran a $5 billion deficit in 2024.", "$5 billion", "budget.deficit"),
    ],
)
def test_the_noun_after_the_figure_heads_its_phrase(text: str, figure: str, want: str) -> None:
    assert _frame(text, figure).measure.id == want


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # a budget's inflation assumption stays observed inflation
        ("Next year's inflation goal would be 7%.", "7%", "cpi.headline"),
        ("Inflation rose to 5.5%, far from the goal.", "5.5%", "cpi.headline"),
    ],
)
def test_a_goal_noun_elsewhere_does_not_make_a_target(text: str, figure: str, want: str) -> None:
    assert _frame(text, figure).measure.id == want


def test_a_deposit_rate_the_text_calls_its_policy_rate_is_the_policy_rate() -> None:
    text = "The National Bank of Ruritania kept its key rate, the one-week deposit rate, at 6%."
    assert _frame(text, "6%").measure.id == "policy_rate"
    text = "The overnight deposit rate, its main policy rate, was raised to 9.5%."
    assert _frame(text, "9.5%").measure.id == "policy_rate"
    # not said: a deposit rate stays one
    assert _frame("The overnight deposit rate was raised to 9.5%.", "9.5%").measure.id == "rate.deposit"
    text = "The policy rate was kept at 10% and the deposit rate at 8%."
    assert _frame(text, "8%").measure.id == "rate.deposit"


def test_a_rows_label_names_the_part_of_the_lead_ins_measure() -> None:
    text = (
        "Budget allocations for 2026:\n- Interior Ministry: $6 billion\n- Ministry of Health: $1.5 billion\n"
        "- Education Ministry: $2 billion"
    )
    assert _frame(text, "$6 billion").measure.id == "budget.expenditure"
    assert _frame(text, "$1.5 billion").measure.id == "spending.health"
    assert _frame(text, "$2 billion").measure.id == "spending.education"


def test_a_figure_with_no_subject_reads_the_heads_of_its_own_clause() -> None:
    text = "Ruritania's economy recovered strongly in 2024. In 2025, at 3.2%, growth will ease."
    f = _frame(text, "3.2%")
    assert f.measure.id == "gdp.real_growth"
    assert any(c.startswith("inherited:") for c in f.cues.measure)
    # a head with no context before it: nothing to inherit
    assert _frame("The minister spoke at length. In 2025, at 3.2%, growth will ease.", "3.2%").measure.free


# --- round 2: purpose clauses, changes of a level, rewritten subjects ------------------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("A disbursement of $150 million to support the economy was approved by the Fund.", "$150 million"),
        ("The board approved a tranche of $90 million to help finance the budget.", "$90 million"),
    ],
)
def test_a_purpose_verb_after_the_figure_names_no_measure(text: str, figure: str) -> None:
    f = _frame(text, figure)
    assert not f.measure.id.startswith(("spending.", "budget.")), f.measure
    assert not any("support" in c or "budget" in c for c in f.cues.measure), f.cues.measure


def test_a_purpose_clause_does_not_name_the_figures_measure() -> None:
    text = "Spending will be cut by $2 billion to reduce the deficit."
    assert _frame(text, "$2 billion").measure.id != "budget.deficit"


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # must not change: the measure is the figure's own, not a purpose
        ("Support for the economy reached $3 billion in 2024.", "$3 billion", "spending.economic_affairs"),
        ("The government will borrow $12 billion next year.", "$12 billion", "budget.deficit"),
        ("Exports rose 12% to $40 billion in 2024.", "$40 billion", "exports"),
    ],
)
def test_a_figures_own_verb_or_phrase_still_names_it(text: str, figure: str, want: str) -> None:
    assert _frame(text, figure).measure.id == want


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        ("GDP is expected to grow 2.1% in 2027.", "2.1%", "gdp.real_growth"),
        ("Real GDP rose 1.4% in 2024.", "1.4%", "gdp.real_growth"),
        ("GDP per capita rose 3% last year.", "3%", "gdp.per_capita_growth"),
        (
            "GDP is expected to grow 2.1% in 2027. Output to then rise 0.8% in 2028.",
            "0.8%",
            "gdp.real_growth",
        ),
    ],
)
def test_a_percent_change_of_a_gdp_level_is_its_growth(text: str, figure: str, want: str) -> None:
    f = _frame(text, figure)
    assert f.measure.id == want, (f.measure, f.cues.measure)


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        # must not change: a level stays a level, a share of GDP is not GDP
        ("GDP reached $45 billion in 2024.", "$45 billion", "gdp"),
        ("Public debt rose to 60% of GDP.", "60%", "debt.public"),
    ],
)
def test_a_gdp_level_or_share_stays_as_it_was(text: str, figure: str, want: str) -> None:
    assert _frame(text, figure).measure.id == want


def test_the_words_of_the_sentence_beat_a_rewritten_subject() -> None:
    # the subject stage writes "growth" as "gdp growth"; the sentence says whose growth
    f = _frame("Exports posted 3% growth in the second quarter.", "3%")
    assert f.measure.id == "exports", (f.measure, f.cues.measure)
    # must not change: with nothing else named, the rewrite stands
    assert _frame("Growth is forecast at 3.1% in 2026.", "3.1%").measure.id == "gdp.real_growth"


def test_a_verb_rewritten_as_a_measure_needs_the_measures_context() -> None:
    # "borrowed" -> "borrowing" says nothing of a budget: firms are no government
    f = _frame("Firms borrowed $4 billion from banks in 2024.", "$4 billion")
    assert f.measure.id != "budget.deficit", (f.measure, f.cues.measure)
    # must not change: the government's borrowing, a country's exports
    assert _frame("The government borrowed $4 billion in 2024.", "$4 billion").measure.id == "budget.deficit"
    assert _frame("Ruritania exported $5 billion in 2024.", "$5 billion").measure.id == "exports"


def test_a_forecast_verb_is_no_expectations_word() -> None:
    # "expected" as the verb of a forecast does not make inflation its expectations
    assert _frame("Inflation is expected to ease to 3% in 2025.", "3%").measure.id == "cpi.headline"
    text = "Inflation was 5.1% in 2024; 4.2% is expected for 2025 and 3.5% for 2026."
    assert _frame(text, "4.2%").measure.id == "cpi.headline"
    assert _frame(text, "3.5%").measure.id == "cpi.headline"
    # must not change: expected inflation is the expectations series
    assert _frame("Expected inflation rose to 6% in May.", "6%").measure.id == "inflation.expectations"
    assert _frame("Inflation expectations rose to 6% in May.", "6%").measure.id == "inflation.expectations"


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        ("The CPI rose 3.1% year on year in May.", "3.1%", "cpi.headline"),
        ("The harmonised index of consumer prices rose 2.4% in May.", "2.4%", "cpi.headline"),
        ("Consumer price index inflation was 4.5% in May.", "4.5%", "cpi.headline"),
        ("Real output grew 2.5% in 2024.", "2.5%", "gdp.real_growth"),
        # must not change: an index level in points stays the index
        ("The consumer price index stood at 104.5 in May.", "104.5", "cpi.index"),
    ],
)
def test_statistical_names_of_prices_and_output(text: str, figure: str, want: str) -> None:
    f = _frame(text, figure)
    assert f.measure.id == want, (f.measure, f.cues.measure)


@pytest.mark.parametrize(
    "text",
    [
        "Year | GDP growth | Inflation\n2024 | 3.1% | 5.2%\n2025 | 3.4% | 4.8%",
        "          GDP growth    Inflation\n2024      3.1%          5.2%\n2025      3.4%          4.8%",
        "Projections (GDP growth, inflation):\n2024: 3.1%, 5.2%\n2025: 3.4%, 4.8%",
    ],
)
def test_a_table_row_takes_the_measure_of_its_column(text: str) -> None:
    for figure, want in (("3.1%", "gdp.real_growth"), ("5.2%", "cpi.headline"), ("4.8%", "cpi.headline")):
        f = _frame(text, figure)
        assert f.measure.id == want, (figure, f.measure, f.cues.measure)
        assert any(c.startswith("column:") for c in f.cues.measure)


def test_no_column_when_the_header_and_the_row_do_not_match() -> None:
    # three measures over rows of two figures: no column is sure
    text = "Year | GDP growth | Inflation | Unemployment rate\n2024 | 3.1% | 5.2%"
    f = _frame(text, "5.2%")
    assert not any(c.startswith("column:") for c in f.cues.measure)
    # must not change: a row that names its measure keeps it
    text = "Indicator | 2024 | 2025\nGDP growth | 3.1% | 3.4%\nInflation | 5.2% | 4.8%"
    assert _frame(text, "4.8%").measure.id == "cpi.headline"
    assert _frame(text, "3.4%").measure.id == "gdp.real_growth"


def test_a_noun_standing_for_the_figure_before_takes_its_measure() -> None:
    text = "Inflation averaged 5.1% in 2024. For 2025 and 2026, the projections are 4.2% and 3.8%."
    f = _frame(text, "4.2%")
    assert f.measure.id == "cpi.headline", (f.measure, f.cues.measure)
    text = "The economy is projected to expand by 2.8% this year. Next year, the figure is 3.0%."
    f = _frame(text, "3.0%")
    assert f.measure.id == "gdp.real_growth", (f.measure, f.cues.measure)
    # must not change: a sentence naming another measure in its own words keeps it
    text = "Inflation averaged 5.1% in 2024. Unemployment was 6.2% in 2024."
    assert _frame(text, "6.2%").measure.id == "unemployment.rate"


def test_a_figure_with_no_words_of_its_own_does_not_take_a_bare_word_from_afar() -> None:
    # must not change: a bare one-word measure two sentences back is not passed on
    text = "Debt was high. The minister spoke at length. At 3.2%, it eased."
    f = _frame(text, "3.2%")
    assert f.measure.id != "debt.public", (f.measure, f.cues.measure)


def test_a_carried_subject_takes_the_part_its_own_stretch_names() -> None:
    text = "The budget allocates $4 billion to health, $3 billion to education and $2 billion to defence."
    assert _frame(text, "$4 billion").measure.id == "spending.health"
    assert _frame(text, "$3 billion").measure.id == "spending.education"
    assert _frame(text, "$2 billion").measure.id == "spending.defence"


def test_a_synonym_past_the_figures_own_phrase_is_anothers() -> None:
    f = _frame("Wages rose 6%, outpacing inflation of 4%.", "6%")
    assert not f.measure.id.startswith("cpi"), (f.measure, f.cues.measure)
    # must not change: a synonym in the figure's own phrase after it
    assert _frame("There was a 6% rise in exports in 2024.", "6%").measure.id == "exports"
    assert _frame("Ruritania's economy recorded 3% growth in 2024.", "3%").measure.id == "gdp.real_growth"


def test_a_trend_noun_takes_the_measure_before_it() -> None:
    text = (
        "The economy contracted 1.2% in the first quarter. In the second quarter, a rebound of 0.8% followed."
    )
    f = _frame(text, "0.8%")
    assert f.measure.id == "gdp.real_growth", (f.measure, f.cues.measure)
