"""Time expressions and periods (stage time.v6)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimledger import extract
from claimledger.extract import time
from claimledger.extract.time import find, find_mentions

JAN24 = date(2024, 1, 8)
JAN25 = date(2025, 1, 6)
OCT24 = date(2024, 10, 1)


@pytest.mark.parametrize(
    "text,ref,want",
    [
        ("in 2024", JAN24, [("in 2024", "2024", "point")]),
        ("by 2029", JAN24, [("by 2029", "2029", "deadline")]),
        ("until 2030", JAN24, [("until 2030", "2030", "deadline")]),
        ("since 2020", JAN25, [("since 2020", "2020/2025", "since")]),
        ("2024-2026", JAN24, [("2024-2026", "2024/2026", "range")]),
        ("in 2026-2028", JAN24, [("in 2026-2028", "2026/2028", "range")]),
        ("from 2024 to 2026", JAN24, [("from 2024 to 2026", "2024/2026", "range")]),
        ("between 2020 and 2023", JAN24, [("between 2020 and 2023", "2020/2023", "range")]),
        ("fiscal 2024/25", JAN24, [("fiscal 2024/25", "2024/2025", "point")]),
        ("the financial year 2024/25", JAN24, [("the financial year 2024/25", "2024/2025", "point")]),
        ("FY2025", JAN24, [("FY2025", "2025", "point")]),
        ("this year", JAN25, [("this year", "2025", "point")]),
        ("last year", JAN25, [("last year", "2024", "point")]),
        ("next year", JAN25, [("next year", "2026", "point")]),
        ("by the end of the year", JAN25, [("by the end of the year", "2025", "deadline")]),
        ("within five years", JAN24, [("within five years", "2029", "deadline")]),
        ("over the next three years", JAN24, [("over the next three years", "2024/2026", "range")]),
        ("over the next three years", OCT24, [("over the next three years", "2025/2027", "range")]),
        ("over the past year", JAN25, [("over the past year", "2024", "point")]),
        ("in the first half of 2025", JAN24, [("in the first half of 2025", "2025", "point")]),
        ("Q3 2024", JAN24, [("Q3 2024", "2024", "point")]),
        ("in the third quarter of 2024", OCT24, [("in the third quarter of 2024", "2024", "point")]),
        ("than in 2022", JAN24, [("than in 2022", "2022", "comparison")]),
        ("compared with 2022", JAN24, [("compared with 2022", "2022", "comparison")]),
        ("more than the year before", JAN25, [("than the year before", "2024", "comparison")]),
        ("on 15 March 2024", JAN24, [("on 15 March 2024", "2024", "point")]),
        ("2024-09-15", JAN24, [("2024-09-15", "2024", "point")]),
        (
            "in 2024, 2025 and 2026",
            JAN24,
            [("in 2024", "2024", "point"), ("2025", "2025", "point"), ("2026", "2026", "point")],
        ),
    ],
)
def test_find_mentions(text: str, ref: date, want: list[tuple[str, str, str]]) -> None:
    got = [(m.text, m.period, m.role) for m in find_mentions(text, 0, len(text), ref)]
    assert got == want


@pytest.mark.parametrize(
    "text,ref,period,fine",
    [
        # a month without a year: the next one for plans, the last one for results
        ("In September, Astana will host the Games.", JAN24, "2024", "2024-09"),
        ("The bridge opened in December.", JAN24, "2023", "2023-12"),
        ("The new line will open in March next year.", OCT24, "2025", "2025-03"),
        ("The terminal will be opened in June.", date(2024, 2, 1), "2024", "2024-06"),
    ],
)
def test_month_placement(text: str, ref: date, period: str, fine: str) -> None:
    ms = [m for m in find_mentions(text, 0, len(text), ref) if m.fine]
    assert ms and ms[0].period == period and ms[0].fine == fine


@pytest.mark.parametrize(
    "text", ["IMG 20240107 WA0049", "page 2,024", "$2024 spent", "May we begin?", "We may grow."]
)
def test_not_time(text: str) -> None:
    assert find_mentions(text, 0, len(text), JAN24) == []


def test_no_reference_date_leaves_relative_time_open() -> None:
    (m,) = find_mentions("last year", 0, 9, None)
    assert m.period is None and m.cue.endswith("->?")
    (y,) = find_mentions("in 2024", 0, 7, None)
    assert y.period == "2024"


def test_public_find_returns_time_exprs() -> None:
    (t,) = find("by 2029", 0, 7, JAN24)
    assert (t.text, t.period, t.role) == ("by 2029", "2029", "deadline")


def periods(text: str, ref: str) -> list[tuple[str, str | None]]:
    return [(c.quantity.text if c.quantity else "-", c.period) for c in extract(text, ref)]


def test_list_of_figures_with_list_of_years() -> None:
    got = periods(
        "Spending of over 23.9 trillion tenge in 2024, 23.8 trillion in 2025 and 25.1 trillion in 2026.",
        "2024-01-08",
    )
    assert [p for _, p in got] == ["2024", "2025", "2026"]


def test_parallel_lists() -> None:
    got = periods(
        "Spending on health will amount to 2.3, 2.5 and 2.8 trillion tenge in 2025, 2026 and 2027.",
        "2024-09-16",
    )
    assert [p for _, p in got] == ["2025", "2026", "2027"]


def test_respectively_uses_the_range_named_before() -> None:
    text = (
        "The republican budget for 2024-2026 provides for spending of 23.9 trillion tenge a year. "
        "The deficit is planned at 3.5, 3.6 and 3.9 trillion tenge respectively."
    )
    got = periods(text, "2024-01-08")
    assert [p for _, p in got[-3:]] == ["2024", "2025", "2026"]


def test_comparison_year_is_not_the_period() -> None:
    got = periods("GDP exceeded $259 billion in 2023, which is 15% more than in 2022.", "2024-01-08")
    assert [p for _, p in got] == ["2023", "2023"]


def test_change_takes_the_period_of_its_target_value() -> None:
    got = periods(
        "GDP per capita was almost $13,000 last year and should rise by a third to $16,800 by 2028.",
        "2024-01-08",
    )
    assert [p for _, p in got] == ["2023", "2028", "2028"]


def test_earlier_value_keeps_its_own_year() -> None:
    got = periods("The economy grew by 5.6 percent in 2023, up from 4.9 percent in 2022.", "2024-06-13")
    assert [p for _, p in got] == ["2023", "2022"]


def test_heading_year_dates_the_paragraph() -> None:
    text = "Results of 2024\n\nThe grain harvest was a record 27 million tons."
    assert periods(text, "2025-06-01") == [("27 million tons", "2024")]


def test_defaults_from_the_document_date() -> None:
    # a status holds at the document date; an achievement reported in January is last year's
    assert periods("Small businesses employ 4.3 million people.", "2025-01-06")[0][1] == "2025"
    assert periods("The grain harvest was 27 million tons.", "2025-01-06")[0][1] == "2024"
    assert periods("The grain harvest was 27 million tons.", "2025-09-06")[0][1] == "2025"


def test_a_future_deadline_does_not_date_a_present_figure() -> None:
    got = periods(
        "Renewables accounted for 5.9% of generation in 2023, and the share is to reach 15% by 2030.",
        "2024-04-02",
    )
    assert [p for _, p in got] == ["2023", "2030"]


@given(st.text(max_size=120))
def test_find_mentions_never_crashes_and_spans_are_exact(text: str) -> None:
    for m in find_mentions(text, 0, len(text), JAN24):
        assert text[m.start : m.end] == m.text
        assert m.period is None or m.period[:4].isdigit()


_PREPS = {"in": ("point", 0), "by": ("deadline", 0), "until": ("deadline", 0), "since": ("since", 1)}


@given(st.integers(min_value=1950, max_value=2099), st.sampled_from(sorted(_PREPS)))
def test_year_round_trip(year: int, prep: str) -> None:
    text = f"Exports grew {prep} {year}."
    (m,) = find_mentions(text, 0, len(text), JAN25)
    role, _ = _PREPS[prep]
    assert m.text == f"{prep} {year}" and m.role == role and m.first == year
    if prep == "since" and year < JAN25.year:
        assert m.period == f"{year}/{JAN25.year}"
    else:
        assert m.period == str(year)


@given(st.integers(min_value=1950, max_value=2090), st.integers(min_value=1, max_value=9))
def test_range_round_trip(first: int, span: int) -> None:
    last = first + span
    for text in (f"{first}-{last}", f"{first}–{str(last)[2:]}", f"from {first} to {last}"):
        (m,) = find_mentions(text, 0, len(text), JAN24)
        assert (m.period, m.years) == (f"{first}/{last}", span + 1), text


def test_regression_month_range_is_placed_by_its_last_month() -> None:
    text = "Exports reached $14.2 billion in January-September."
    (m,) = find_mentions(text, 0, len(text), JAN25)
    assert m.period == "2024" and m.fine == "2024-01/2024-09"


def test_regression_bound_than_is_not_a_comparison() -> None:
    # "more than $259 billion in 2023": the "than" belongs to the bound, not to 2023
    text = "GDP rose to more than $259 billion in 2023."
    (m,) = find_mentions(text, 0, len(text), JAN24)
    assert m.role == "point"


def test_regression_year_earlier_is_relative_to_the_compared_figure() -> None:
    got = periods("The poverty rate fell to 8.9% in 2024 from 11% a year earlier.", "2025-01-25")
    assert [p for _, p in got] == ["2024", "2023"]


def test_regression_target_does_not_take_a_reported_month_as_deadline() -> None:
    got = periods("Inflation slowed to 12.6% in June. The IMF will lend Pakistan $7 billion.", "2024-07-01")
    assert got[-1][1] is None


@pytest.mark.parametrize(
    "text,period,role",
    [
        ("in 9M 2024", "2024", "point"),
        ("by end-2025", "2025", "deadline"),
        ("by the year 2030", "2030", "deadline"),
        ("FY24/25", "2024/2025", "point"),
        ("since the beginning of the year", "2025", "since"),
        ("by mid-2024", "2024", "deadline"),
        ("the fiscal year ended March 2024", "2023/2024", "point"),
    ],
)
def test_more_forms(text: str, period: str, role: str) -> None:
    (m,) = find_mentions(text, 0, len(text), JAN25)
    assert (m.period, m.role) == (period, role)


def test_respectively_against_years_named_in_the_sentence() -> None:
    text = (
        "The economy grew 3.2% in 2022 and 5.1% in 2023, while inflation reached 20.3% and 9.8%, "
        "respectively."
    )
    assert [p for _, p in periods(text, "2024-03-01")] == ["2022", "2023", "2022", "2023"]


def test_halves_of_the_year_are_placed_by_tense() -> None:
    text = "In the first half of the year, the economy grew by 3.4%, and in the second half by 5.9%."
    assert [p for _, p in periods(text, "2025-02-01")] == ["2024", "2024"]


def test_a_year_dating_a_starting_value_does_not_date_the_new_value() -> None:
    got = periods("The shortage of school places fell to 89,000 from 225,000 in 2020.", "2025-01-30")
    assert [p for _, p in got] == ["2024", "2020"]


def test_regression_adjectival_ed_words_do_not_set_the_tense() -> None:
    text = "The government will rebuild all damaged homes by the end of September."
    (m,) = find_mentions(text, 0, len(text), date(2024, 5, 15))
    assert m.period == "2024"


# --- second shift: bases of comparison, fiscal years, clauses ---------------------------


@pytest.mark.parametrize(
    "text,ref,want",
    [
        # the base of a change is not the figure's period: it takes its figure's
        (
            "Wool exports reached $3.1 billion in 2023, up 2.5% on the previous year.",
            "2024-04-02",
            ["2023", "2023"],
        ),
        (
            "Steel output fell to 7.4 million tonnes in 2024, down 11% on a year earlier.",
            "2025-03-10",
            ["2024", "2024"],
        ),
        ("Visitors numbered 4.1 million in 2024, up 9.5% from 2023.", "2025-01-20", ["2024", "2024"]),
        (
            "Health spending will be 1.8 trillion next year, up 22% from the current year.",
            "2024-10-15",
            ["2025", "2025"],
        ),
        # a start date after a change is not a base
        ("The pension will rise by 5% to 900 lari from July 2025.", "2024-12-01", ["2025", "2025"]),
    ],
)
def test_base_of_a_comparison_is_not_the_period(text: str, ref: str, want: list[str]) -> None:
    assert [p for _, p in periods(text, ref)] == want


@pytest.mark.parametrize(
    "text,ref,want",
    [
        # "financial year" is a split year, consistent with "the fiscal year ended June"
        ("Dairy exports grew 6% in the last financial year.", "2024-09-03", "2023/2024"),
        ("Dairy exports grew 6% in the last financial year.", "2025-02-14", "2023/2024"),
        ("The council will spend $40 million in the next financial year.", "2024-09-03", "2025/2026"),
        ("Net profit rose 18% in the year to June 2024.", "2024-08-28", "2023/2024"),
        ("Wages rose 3.9% in the twelve months to March 2025.", "2025-05-02", "2024/2025"),
        ("Net profit rose 18% in the year to December 2024.", "2025-02-28", "2024"),
        ("Card spending grew 6% in the 12 months through June.", "2024-08-10", "2023/2024"),
    ],
)
def test_relative_fiscal_years(text: str, ref: str, want: str) -> None:
    assert [p for _, p in periods(text, ref)] == [want]


def test_previous_year_after_a_fiscal_year_is_the_fiscal_year_before() -> None:
    text = "Rice output rose 4% in fiscal 2023/24, against 2.1% growth in the previous year."
    assert [p for _, p in periods(text, "2024-07-20")] == ["2023/2024", "2022/2023"]


def test_a_goal_is_not_dated_by_the_start_of_a_past_run() -> None:
    text = "The operator has built 640 km of pipeline since 2019, and the grid will eventually span 1,500 km."
    assert [(c.kind, c.period) for c in extract(text, "2024-05-05")] == [
        ("achievement", "2019/2024"),
        ("target", None),
    ]


@pytest.mark.parametrize(
    "text,ref,want",
    [
        # a season naming a kind of crop is not a time
        (
            "Output of winter wheat is forecast to rise 6% to 28 million tonnes in 2024–25.",
            "2024-06-04",
            ["2024/2025", "2024/2025"],
        ),
        ("Summer rice production rose 4% to 9.2 million tonnes in 2024.", "2025-01-15", ["2024", "2024"]),
        ("In winter, electricity demand rose 7%.", "2024-04-02", ["2024"]),
        # "today" is the document date
        ("Today the refinery processes 180,000 barrels a day.", "2023-03-03", ["2023"]),
        # a law's title year dates nothing
        (
            "Under the Companies Act, 2013, firms must spend 2% of profits on social projects.",
            "2024-07-01",
            [None],
        ),
        # "expected to have grown" is about a quarter already past
        ("The economy is estimated to have grown 0.3% in the second quarter.", "2024-08-15", ["2024"]),
        # a running total since a start year runs to the statement
        ("The scheme, launched in 2020, has so far cost 1.9 billion lari.", "2024-05-05", ["2020/2024"]),
    ],
)
def test_words_that_are_not_the_period(text: str, ref: str, want: list[str | None]) -> None:
    assert [p for _, p in periods(text, ref)] == want


def test_a_goal_timed_by_an_event_gets_no_year_from_context() -> None:
    text = "The budget for 2025-26 was presented on Monday. The amendment will be tabled at the next sitting."
    assert [(q, p) for q, p in periods(text, "2025-02-03")] == [("-", None)]


def test_a_time_inside_a_relative_clause_dates_only_that_clause() -> None:
    text = "The metro network, which has expanded every year since 2012, will eventually reach 140 km."
    assert [(c.kind, c.period) for c in extract(text, "2024-04-04")] == [("target", None)]


@pytest.mark.parametrize(
    "text,ref,want",
    [
        (
            "The bank expects inflation to fall below 12% by the end of the fiscal year.",
            "2024-09-01",
            [("forecast", "2024/2025")],
        ),
        (
            "The bank expects inflation to fall below 12% by the end of the fiscal year.",
            "2025-03-01",
            [("forecast", "2024/2025")],
        ),
        # an approval dated by a month already past is done; money set aside for the
        # running fiscal year is a plan
        ("The World Bank approved a $700 million credit in March.", "2024-08-01", [("achievement", "2024")]),
        (
            "The council has allocated $12 million for parks in the current fiscal year.",
            "2024-11-01",
            [("target", "2024/2025")],
        ),
        # a goal timed by its own completion has no year
        ("The plant will produce 400 MW once complete.", "2024-11-01", [("target", None)]),
    ],
)
def test_fiscal_year_ends_approvals_and_completion_times(
    text: str, ref: str, want: list[tuple[str, str | None]]
) -> None:
    assert [(c.kind, c.period) for c in extract(text, ref)] == want


def test_an_earlier_forecast_made_in_a_month_is_for_the_same_year() -> None:
    text = "The ministry cut its growth forecast for 2025 to 1.1%, down from 1.8% in October."
    got = [(c.kind, c.period) for c in extract(text, "2025-01-20")]
    assert got == [("forecast", "2025"), ("forecast", "2025")]


@pytest.mark.parametrize(
    "text,ref,want",
    [
        # "for the year" is the year the paragraph is about, else the statement's
        (
            "GDP growth for 2025-26 is projected at 6.8%. Inflation is projected at 4.2% for the year.",
            "2025-04-09",
            ["2025/2026", "2025/2026"],
        ),
        (
            "Exports grew 3% in the third quarter. Growth for the year is now seen at 2.5%.",
            "2024-11-15",
            ["2024", "2024"],
        ),
        # the year a plan was announced is not its deadline
        ("Of the 600 homes promised in 2023, 250 are finished.", "2025-03-01", [None, "2025"]),
    ],
)
def test_the_year_and_promise_dates(text: str, ref: str, want: list[str | None]) -> None:
    assert [p for _, p in periods(text, ref)] == want


def test_a_list_lead_in_takes_the_time_of_the_sentence_before() -> None:
    text = (
        "The cabinet has approved the water programme for 2025, the ministry said.\n\n"
        "Main figures:\n- funding of 800 million lari;\n- 120 km of new pipes to be laid."
    )
    got = [(c.kind, c.period) for c in extract(text, "2025-02-10")]
    assert got == [("target", "2025"), ("target", "2025")]


@pytest.mark.parametrize(
    "text,ref,want",
    [
        # a month that dates the saying is placed by the verb of saying, not by the future
        # of what was said: no push into the next year
        ("In March, the ministry said it will build 300 schools.", "2024-05-10", ["2024"]),
        ("In March, the Ministry of Education said it will build 300 schools.", "2024-11-10", ["2024"]),
        ("The ministry said in March that it will open 20 clinics.", "2024-06-10", ["2024"]),
        ("In September, President Tokayev announced that 217 schools will be built.", "2024-12-01", ["2024"]),
        ("In the first quarter, the company said it will invest $2 billion.", "2024-08-01", ["2024"]),
        # the grammar may still say otherwise: a past saying in a month not yet come
        ("In March, the ministry said it will build 300 schools.", "2024-02-10", ["2023"]),
        # a month of what is to happen is still placed ahead
        ("In March, schools will open in 20 regions, the minister said.", "2024-05-10", ["2025"]),
        ("The ministry said 300 schools will open in March.", "2024-05-10", ["2025"]),
        ("The ministry said that in March it will open 20 clinics.", "2024-05-10", ["2025"]),
        ("In September, 500 new buses will arrive.", "2024-10-01", ["2025"]),
    ],
)
def test_a_month_of_saying_is_not_pushed_into_the_next_year(text: str, ref: str, want: list[str]) -> None:
    assert [c.period for c in extract(text, ref)] == want


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Fiscal consolidation of 0.5% of GDP is planned.", "0.5%"),
        ("FISCAL space narrowed to 2.1% of output.", "2.1%"),
    ],
)
def test_regression_an_anchor_word_with_no_grammar_alternative_does_not_crash(text: str, figure: str) -> None:
    # "fiscal" opens a time window, but no alternative of the time grammar can match in it:
    # the reduced grammar had no opening characters and compiled "[]" (re.error)
    claims = extract(text, "2024-03-01")
    assert [c.quantity.text for c in claims if c.quantity] == [figure]


@pytest.mark.parametrize(
    ("text", "ref", "country", "want"),
    [
        # split fiscal years, named by the year they end in
        ("Port revenue is put at 3.1% of output in FY26.", "2025-03-01", "IN", "2025/2026"),
        ("Port revenue is put at 3.1% of output in fiscal 2026.", "2025-03-01", "AU", "2025/2026"),
        (
            "Port revenue will reach 3.1% of output in the current financial year.",
            "2025-03-01",
            "GB",
            "2024/2025",
        ),
        (
            "Port revenue will reach 3.1% of output in the current financial year.",
            "2025-05-01",
            "GB",
            "2025/2026",
        ),
        (
            "Port revenue will reach 3.1% of output in the current fiscal year.",
            "2025-05-01",
            "KE",
            "2024/2025",
        ),
        ("Port revenue will reach 3.1% of output in the next fiscal year.", "2025-08-01", "NZ", "2026/2027"),
        (
            "Port revenue is expected to hit 3.1% of output by the end of the fiscal year.",
            "2025-02-01",
            "PK",
            "2024/2025",
        ),
        # Japan names a fiscal year by the year it starts; the US federal year by the one it ends
        ("Port revenue will reach 3.1% of output in the current fiscal year.", "2025-02-01", "JP", "2024"),
        ("Port revenue will reach $3.1 billion in the current fiscal year.", "2024-11-20", "US", "2025"),
        ("Port revenue will reach $3.1 billion in FY2026.", "2024-11-20", "US", "2026"),
        # calendar-year countries
        ("Port revenue will reach 3.1% of output in the current fiscal year.", "2025-05-01", "NG", "2025"),
        ("Port revenue is put at 3.1% of output in FY26.", "2025-03-01", "KZ", "2026"),
        # written as two years: as written, wherever
        ("Port revenue is put at 3.1% of output in 2025/26.", "2025-03-01", "NG", "2025/2026"),
    ],
)
def test_fiscal_years_by_the_documents_country(text: str, ref: str, country: str, want: str) -> None:
    assert [c.period for c in extract(text, ref, country=country)] == [want]


def test_the_document_country_for_fiscal_years_comes_from_its_text_or_its_currency() -> None:
    named = "Tanzania's treasury said spending will rise 9% in FY26. The Tanzanian budget grows."
    assert next(c.period for c in extract(named, "2025-06-10")) == "2025/2026"
    # no country word: the amounts are in a currency only one country uses
    rupees = "Outlays of Rs 4,000 crore are budgeted for FY26."
    assert [c.period for c in extract(rupees, "2025-02-01")] == ["2025/2026"]


@pytest.mark.parametrize(
    ("text", "ref", "country", "want"),
    [
        # a quarter without its year is a quarter of the fiscal year its sentence names
        ("Farm output for 2025-26 is seen at 3.9%, with Q1 at 3.5% and Q2 at 3.7%.", "2025-06-05", None,
         ["2025/2026", "2025/2026", "2025/2026"]),
        # or, where fiscal years are split, of the one its paragraph is about
        ("Farm output for 2025-26 is seen at 3.9%. The first half is seen at 3.6%.", "2025-06-05", "IN",
         ["2025/2026", "2025/2026"]),
        # a calendar-year country: the half is the calendar half
        ("Farm output for 2025-26 is seen at 3.9%. The first half is seen at 3.6%.", "2025-06-05", "DE",
         ["2025/2026", "2025"]),
    ],
)  # fmt: skip
def test_a_quarter_of_a_named_fiscal_year_is_in_that_fiscal_year(
    text: str, ref: str, country: str | None, want: list[str]
) -> None:
    assert [c.period for c in extract(text, ref, country=country)] == want


@pytest.mark.parametrize(
    ("text", "ref", "want"),
    [
        # a run of years that ends at a year is one span for a cumulative figure
        (
            "In the four years to 2022, tourist arrivals grew by a cumulative 27%.",
            "2024-03-01",
            ["2019/2022"],
        ),
        ("Over the three years through 2023, the fund lent 4.2 billion.", "2024-03-01", ["2021/2023"]),
        # figures after a dated one with "then" run year by year
        (
            "Arrears are seen at 14.1% of revenue next year, then 12.9% and 11.7%.",
            "2024-09-01",
            ["2025", "2026", "2027"],
        ),
        (
            "Coverage should reach 61% in 2026, then 66%, before levelling at 68% in 2029.",
            "2024-09-01",
            ["2026", "2027", "2029"],
        ),
    ],
)
def test_spans_ending_at_a_year_and_sequences(text: str, ref: str, want: list[str]) -> None:
    assert [c.period for c in extract(text, ref) if c.quantity is not None] == want


@pytest.mark.parametrize(
    ("text", "ref", "want"),
    [
        # a year in parentheses right after a figure is that figure's, not the next one's
        ("Unemployment rate: Chile: 7.8% (2011 est.) 8.1% (2010 est.)", "2012-06-01", ["2011", "2010"]),
        ("Exports: $12.4 billion (2015) $11.9 billion (2014)", "2016-06-01", ["2015", "2014"]),
        (
            "Tourist arrivals reached 3.2 million (in 2018), against 2.9 million (in 2017).",
            "2019-06-01",
            ["2018", "2017"],
        ),
        # "1960 to 34 million" is no range of years
        (
            "The population grew from 9.9 million in 1960 to 34 million in 2023.",
            "2024-03-01",
            ["1960", "2023"],
        ),
        ("Exports rose from $4.1 billion in 2010 to 12 billion in 2020.", "2021-03-01", ["2010", "2020"]),
    ],
)
def test_a_year_after_a_figure_labels_it(text: str, ref: str, want: list[str]) -> None:
    assert [c.period for c in extract(text, ref) if c.quantity is not None] == want


def test_a_when_clause_after_a_time_is_that_time() -> None:
    text = "Inflation has fallen since 2022, when it peaked at 8.5%."
    assert [c.period for c in extract(text, "2024-03-01") if c.quantity is not None] == ["2022"]


def _dated(text: str, ref: str) -> list[tuple[str, str, str | None, str | None, str]]:
    """(figure, kind, period, role, the finest period its cue resolved) of each figure."""
    out = []
    for c in extract(text, ref):
        assert c.quantity is not None
        cue = next((x for x in reversed(c.cues) if x.startswith("period:")), "")
        fine = cue.rsplit("->", 1)[1].split()[0] if "->" in cue else ""
        out.append((c.quantity.text, c.kind, c.period, c.period_role, fine))
    return out


@pytest.mark.parametrize(
    ("text", "ref", "want"),
    [
        # a time after both figures of "to X from Y" dates the change, so both figures
        ("The pension will rise to 900 euros a month from 850 euros on 1 March 2026, the minister announced.",
         "2025-11-10", [("2026", "2026-03"), ("2026", "2026-03")]),
        ("Unemployment fell to 5.1% from 5.6% in the second quarter.", "2025-08-10",
         [("2025", "2025-Q2"), ("2025", "2025-Q2")]),
        ("The VAT rate will be cut to 10% from 12% from July 2026.", "2025-11-10",
         [("2026", "2026-07"), ("2026", "2026-07")]),
        # and in "from Y to X <time>" the starting value takes the time's month, not only its year
        ("Unemployment fell from 5.6% to 5.1% in the second quarter.", "2025-08-10",
         [("2025", "2025-Q2"), ("2025", "2025-Q2")]),
    ],
)  # fmt: skip
def test_a_time_after_a_change_dates_both_its_figures(
    text: str, ref: str, want: list[tuple[str, str]]
) -> None:
    got = _dated(text, ref)
    assert [(p, fine) for _, _, p, _, fine in got] == want
    cues = [c.cues for c in extract(text, ref)]
    assert all(any(x.endswith(time.SHARED_MARK) for x in cs) for cs in cues)


def test_a_shared_deadline_keeps_its_role_and_makes_the_new_value_a_dated_target() -> None:
    got = _dated("Pensions will be raised to 900 euros from 850 euros by 2027.", "2025-11-10")
    assert got[0][1:4] == ("target", "2027", "deadline")


@pytest.mark.parametrize(
    ("text", "ref", "want"),
    [
        # each figure with a time of its own keeps it
        ("Inflation rose from 3.2% in 2023 to 4.1% in 2024.", "2025-03-10", [("2023", ""), ("2024", "")]),
        ("The rate rose to 4% in May from 3.5% in April.", "2025-06-10",
         [("2025", "2025-05"), ("2025", "2025-04")]),
        # a past year after the starting value dates only the starting value
        ("The shortage of school places fell to 89,000 from 225,000 in 2020.", "2025-01-30",
         [("2024", "2024"), ("2020", "")]),
        # a starting value set apart by a comma has its own time
        ("The plan aims to reduce poverty to 5%, from 8.9% in 2024.", "2024-06-01",
         [(None, ""), ("2024", "")]),
    ],
)  # fmt: skip
def test_a_time_of_one_figure_of_a_change_is_not_shared(
    text: str, ref: str, want: list[tuple[str | None, str]]
) -> None:
    assert [(p, fine) for _, _, p, _, fine in _dated(text, ref)] == want
    assert not any(x.endswith(time.SHARED_MARK) for c in extract(text, ref) for x in c.cues)


def test_a_change_ahead_starts_from_the_level_that_holds_now() -> None:
    got = _dated("The bill proposes raising VAT from 7.5% to 10% in 2025.", "2024-09-12")
    assert [(k, p) for _, k, p, _, _ in got] == [("status", "2024"), ("target", "2025")]


@pytest.mark.parametrize(
    ("text", "ref", "want"),
    [
        # "since" governing a clause that ends in the year: a run to the statement
        ("Since taking office in 2019, the council has built 640 homes.", "2025-05-10", ["2019/2025"]),
        ("Since its launch in 2021, the fund has disbursed $2 billion.", "2025-05-10", ["2021/2025"]),
        # a causal "since" does not start a run
        ("Since revenue fell in 2024, the council cut spending by 5%.", "2025-05-10", ["2024"]),
        # "from Y until Y": a run of years
        (
            "From 2019 until 2024 the province attracted $30 billion in investment.",
            "2025-05-10",
            ["2019/2024"],
        ),
        ("Between 2016 and 2021 the fund disbursed $3 billion.", "2025-05-10", ["2016/2021"]),
        # a deadline alone stays a year
        ("The fund will disburse $3 billion until 2027.", "2025-05-10", ["2027"]),
    ],
)
def test_runs_of_years_started_by_a_clause_or_from_until(text: str, ref: str, want: list[str]) -> None:
    assert [p for _, p in periods(text, ref)] == want


@pytest.mark.parametrize(
    ("text", "ref", "want"),
    [
        # "the previous year" counts from the year the paragraph named last, not the document's
        (
            "Exports of Veloria rose 7% in 2017. The previous year they had fallen 2%.",
            "2020-06-10",
            ["2017", "2016"],
        ),
        ("Exports rose 7% in 2017. A year earlier they had fallen 2%.", "2020-06-10", ["2017", "2016"]),
        ("The mill opened in 2015. The following year it produced 40,000 tonnes.", "2020-06-10", ["2016"]),
        ("Exports rose 7% last year. The previous year they had fallen 2%.", "2020-06-10", ["2019", "2018"]),
        # "last year" and "next year" are the statement's, whatever was named before
        ("Exports rose 7% in 2017. Last year they fell 2%.", "2020-06-10", ["2017", "2019"]),
        # a new paragraph forgets the year named before
        ("Exports rose 7% in 2017.\n\nThe previous year, imports fell 2%.", "2020-06-10", ["2017", "2019"]),
    ],
)
def test_the_previous_year_counts_from_the_year_named_before(text: str, ref: str, want: list[str]) -> None:
    assert [p for _, p in periods(text, ref)] == want


@pytest.mark.parametrize(
    ("text", "ref", "country", "want"),
    [
        # money set aside with no time of its own is for the year the statement budgets:
        # the fiscal year starting within a few months, else the one running
        ("I propose to allocate Rs 2,000 crore for rural roads.", "2026-02-01", "IN", "2026/2027"),
        ("I propose to allocate Rs 2,000 crore for rural roads.", "2026-07-23", "IN", "2026/2027"),
        ("The Ministry of Works has been allocated 12 billion dinars.", "2026-10-20", None, "2027"),
        ("The Ministry of Works has been allocated 12 billion dinars.", "2026-03-20", None, "2026"),
        # a time of its own wins
        ("The Ministry of Works was allocated 12 billion dinars in 2024.", "2026-10-20", None, "2024"),
        # money not budgeted keeps its default
        ("The region received 30 million dinars in transfers last year.", "2026-10-20", None, "2025"),
        # budgeted money worded as a forecast, dated by the document alone: the budget year
        ("In the budget, revenue is projected at Rs 5,000 crore.", "2026-02-01", "IN", "2026/2027"),
        # a growth rate in a budget speech keeps its calendar year
        ("The budget projects growth of 7.2%.", "2026-02-01", "IN", "2026"),
    ],
)
def test_money_budgeted_with_no_time_is_for_the_budget_year(
    text: str, ref: str, country: str | None, want: str
) -> None:
    assert [c.period for c in extract(text, ref, country=country) if c.quantity] == [want]


def test_a_budget_year_of_a_split_fiscal_year_is_a_fiscal_year_in_the_frame() -> None:
    (c,) = [
        c
        for c in extract("I propose to allocate Rs 2,000 crore for rural roads.", "2026-02-01", country="IN")
        if c.quantity
    ]
    assert c.frame is not None and "fiscal_year" in c.frame.basis
    (d,) = [
        c
        for c in extract("The Ministry of Works has been allocated 12 billion dinars.", "2026-10-20")
        if c.quantity
    ]
    assert d.frame is not None and "year" in d.frame.basis


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the start and the end of a run named apart are one run
        ("Since 2016 and until 2021, the programme financed 4,000 homes.", ["2016/2021"]),
        ("Between 2016 and the end of 2021 the fund disbursed 3 billion dinars.", ["2016/2021"]),
        # a run since a year ends by the statement: a later end belongs to another clause
        ("Growth has averaged 4% since 2016 and until 2030 it is seen at 3%.", ["2016/2025", "2030"]),
        # two figures each with its own year are no run
        ("Exports rose from 5% in 2016 to 7% in 2021.", ["2016", "2021"]),
    ],
)
def test_the_start_and_end_of_a_run_named_apart(text: str, want: list[str]) -> None:
    assert [p for _, p in periods(text, "2025-05-10")] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # "for the year" followed by the year it names is that year, not the relative "for the year"
        ("for the year 2026-27", [("for the year 2026-27", "2026/2027")]),
        ("for the year ending March 2027", [("for the year ending March 2027", "2026/2027")]),
        ("for the year (2026-27)", [("2026-27", "2026/2027")]),
    ],
)
def test_for_the_year_followed_by_its_year(text: str, want: list[tuple[str, str]]) -> None:
    assert [(m.text, m.period) for m in find_mentions(text, 0, len(text), date(2026, 2, 1))] == want


def test_for_the_year_alone_still_names_the_paragraphs_year() -> None:
    text = (
        "Real GDP growth for 2026-27 is projected at 7.2%. CPI inflation is projected at 4.5% for the year."
    )
    assert [p for _, p in periods(text, "2026-02-01")] == ["2026/2027", "2026/2027"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a relative year followed by the year it names is that year
        ("in the current fiscal year 2026-27", [("2026/2027", None)]),
        ("this year (2026)", [("2026", None)]),
        # a quarter or half is not cut out of a split year: it is part of that fiscal year
        ("in the second quarter of 2026-27", [("2026", "2026-Q2"), ("2026/2027", None)]),
    ],
)
def test_time_expressions_not_shadowed_by_a_shorter_reading(
    text: str, want: list[tuple[str, str | None]]
) -> None:
    assert [(m.period, m.fine) for m in find_mentions(text, 0, len(text), date(2026, 5, 1))] == want


def test_a_half_of_a_split_year_is_of_that_fiscal_year() -> None:
    assert [
        p for _, p in periods("Growth is projected at 6.8% in the first half of 2026-27.", "2026-05-10")
    ] == ["2026/2027"]


# --- round 2 of the period fixes (time.v8); invented sentences -----------------------------


def _periods_of(text: str, ref: str, country: str | None = None) -> list[str | None]:
    return [c.period for c in extract(text, ref, country=country) if c.quantity]


def _granularity_of(text: str, ref: str, country: str | None = None) -> list[str | None]:
    return [
        c.frame.granularity if c.frame is not None else None
        for c in extract(text, ref, country=country)
        if c.quantity
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a possessive year labels the noun phrase after it, not a figure before it
        (
            "Tarvia's deficit of 12 billion this year beat the projected 9 billion and topped last "
            "year's deficit of 10 billion.",
            ["2025", "2025", "2024"],
        ),
        # a year counted back, with another figure between, is not the earlier figure's year
        (
            "Tarvia's surplus reached 12 billion this year, above the projected 9 billion and the "
            "10 billion of the year before.",
            ["2025", "2025", "2024"],
        ),
        (
            "Marden's wheat harvest reached 12 million tonnes this year, beating the projected 9 million "
            "tonnes and the previous year's harvest of 10 million tonnes.",
            ["2025", "2025", "2024"],
        ),
        # forms of a year counted back
        (
            "This year's deficit of 12 billion topped the 10 billion recorded the year prior.",
            ["2025", "2024"],
        ),
        (
            "This year's deficit of 12 billion topped the 10 billion recorded twelve months earlier.",
            ["2025", "2024"],
        ),
        # must not change: a year counted back right after its figure
        (
            "Tourist arrivals rose to 12 million this year, up from 10 million the year before.",
            ["2025", "2024"],
        ),
        # must not change: "this year's" before its own figure
        ("This year's deficit of 12 billion topped the 10 billion posted last year.", ["2025", "2024"]),
    ],
)
def test_a_prior_years_figure_named_in_its_own_phrase(text: str, want: list[str]) -> None:
    assert _periods_of(text, "2025-12-01") == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # each figure led by its own year
        (
            "Ostria's ministry raised its growth forecasts for 2026 to 2.1% and for 2027 to 2.3%.",
            ["2026", "2027"],
        ),
        ("The deficit was cut for 2026 to 3.1% and for 2027 to 2.8%.", ["2026", "2027"]),
        # must not change: a year after each figure; a from/to with times after both figures
        ("Growth is seen at 2.1% in 2026 and at 2.3% in 2027.", ["2026", "2027"]),
        ("The population grew from 9.9 million in 1960 to 34 million in 2023.", ["1960", "2023"]),
    ],
)
def test_a_time_leading_each_figure_is_its_own(text: str, want: list[str]) -> None:
    assert _periods_of(text, "2025-10-01") == want


@pytest.mark.parametrize(
    ("text", "ref", "want"),
    [
        # a month without a year, near the month its paragraph named before
        (
            "Inflation in Velora eased to 3.1% in June. Core inflation, at 4.5% in May, remains high.",
            "2026-01-10",
            ["2025-06", "2025-05"],
        ),
        (
            "Exports of Velora grew 3.1% in June. Imports grew 4.5% in May.",
            "2025-05-10",
            ["2024-06", "2024-05"],
        ),
        # must not change: across the turn of the year, and a month of the future stays ahead
        (
            "Prices rose 0.4% in December. In January they rose 0.6%.",
            "2025-02-10",
            ["2024-12", "2025-01"],
        ),
        (
            "Inflation eased to 3.1% in June. It will be 4.5% in May, the bank expects.",
            "2025-09-10",
            ["2025-06", "2026-05"],
        ),
    ],
)
def test_a_month_is_placed_near_the_month_named_before(text: str, ref: str, want: list[str]) -> None:
    fine = [
        next(c.split("->")[1] for c in cl.cues if c.startswith("period:") and "->" in c)
        for cl in extract(text, ref)
        if cl.quantity
    ]
    assert fine == want


@pytest.mark.parametrize(
    ("text", "ref", "want"),
    [
        # a forecast stated now ("is projected") is not a past "-ed" word
        ("Exports of Ostria are projected to rise 3% in March.", "2025-06-01", "2026"),
        ("Growth is projected at 1.2% in the fourth quarter.", "2026-03-01", "2026"),
        # a quarter just ended is still a nowcast's, not next year's
        ("Growth is projected at 1.2% in the third quarter.", "2025-10-01", "2025"),
        # must not change: a past forecast stays in the past
        ("Growth was projected at 1.2% in the third quarter.", "2025-10-01", "2025"),
    ],
)
def test_a_forecast_stated_now_places_its_month_ahead(text: str, ref: str, want: str) -> None:
    assert _periods_of(text, ref) == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a month or season naming an earlier publication is not the figure's period
        (
            "Inflation in Velora is expected to average 3.2% this year, above the 2.9% foreseen in "
            "the June projections.",
            ["2025", "2025"],
        ),
        (
            "The bank now projects 2.4% growth this year, higher than the 2.0% in last autumn's outlook.",
            ["2025", "2025"],
        ),
    ],
)
def test_the_date_of_an_earlier_publication_is_not_a_period(text: str, want: list[str]) -> None:
    assert _periods_of(text, "2025-09-01") == want


def test_a_month_before_another_noun_is_still_a_time() -> None:
    # must not change: "in June" dates the figure when no publication noun follows
    assert _periods_of("Velora's exports reached 4 billion in June, officials said.", "2025-09-01") == [
        "2025"
    ]


def test_a_running_total_through_a_quarter() -> None:
    text = "Ostria's exports totalled $40 billion through the third quarter of 2025."
    (c,) = [c for c in extract(text, "2025-11-01") if c.quantity]
    assert c.period == "2025" and any(x.endswith("->2025-01/2025-09") for x in c.cues)
    # must not change: "in the third quarter" is the quarter; a future "through" is a deadline
    assert _granularity_of(
        "Ostria's exports totalled $40 billion in the third quarter of 2025.", "2025-11-01"
    ) == ["quarter"]
    ms = find_mentions("Inflation will stay above 4% through the third quarter.", 0, 55, date(2025, 5, 1))
    assert [(m.fine, m.role) for m in ms] == [("2025-Q3", "deadline")]


@pytest.mark.parametrize(
    ("text", "want", "gran"),
    [
        # a level held since a year holds now: no run of years
        ("The policy rate of Marden has remained unchanged at 4% since 2019.", "2025", "year"),
        ("The dinar has been pegged at 3.75 per dollar since 1986.", "2025", "year"),
        # must not change: a total since a year is a run; so is an activity kept up since then
        ("Since 2019 the state has built a total of 1,200 km of roads.", "2019/2025", "multi_year"),
        (
            "The ministry has kept building roads since 2019, laying 3,000 km in all.",
            "2019/2025",
            "multi_year",
        ),
        # must not change: "up to Y" with no start year stays that year
        ("The state has built 1,200 km of roads up to 2024.", "2024", "year"),
    ],
)
def test_a_level_held_since_a_year(text: str, want: str, gran: str) -> None:
    assert _periods_of(text, "2025-06-01") == [want]
    assert _granularity_of(text, "2025-06-01") == [gran]


@pytest.mark.parametrize(
    ("text", "country", "want"),
    [
        # "this/last/next year" in a sentence about budgets: the country's fiscal years
        (
            "The ministry received 500 crore in the budget this year, against 420 crore last year.",
            "IN",
            ["2025/2026", "2024/2025"],
        ),
        ("The budget allocates 500 crore to roads next year.", "IN", ["2026/2027"]),
        # must not change: a calendar-year country, and a sentence not about budgets
        ("The budget allocates 500 million euros to roads next year.", "DE", ["2027"]),
        ("Inflation is seen at 4.5% this year.", "IN", ["2026"]),
    ],
)
def test_relative_years_of_budget_lines_on_the_fiscal_calendar(
    text: str, country: str, want: list[str]
) -> None:
    assert _periods_of(text, "2026-02-01", country) == want


def test_undated_money_rows_of_a_budget_document_are_for_the_budget_year() -> None:
    text = (
        "Budget of the Union of Tarvia\n\n"
        "Main heads of spending:\n\n"
        "Roads will get Rs 2,000 crore.\n\n"
        "Rural schools will get Rs 1,200 crore."
    )
    assert _periods_of(text, "2026-02-01", "IN") == ["2026/2027", "2026/2027"]
    # must not change: the same rows in a text that is not about a budget get no budget year
    plain = text.replace("Budget of the Union of Tarvia", "Speech of the minister of Tarvia").replace(
        "Main heads of spending", "Main plans"
    )
    assert "2026/2027" not in _periods_of(plain, "2026-02-01", "IN")


@pytest.mark.parametrize(
    ("text", "ref", "want"),
    [
        # "the same period (quarter) last year": the part named before, a year earlier
        (
            "Trade of Velora in January-November 2025\n\nExports reached 40 billion dollars, up from "
            "36 billion dollars in the same period last year.",
            "2025-12-10",
            ["2025-01/2025-11", "2024-01/2024-11"],
        ),
        (
            "Ostria's GDP grew 1.2% in the third quarter. In the same quarter last year it grew 0.8%.",
            "2025-11-10",
            ["2025-Q3", "2024-Q3"],
        ),
        (
            "Exports rose 5% in the first half, against 3% in the same period a year earlier.",
            "2025-08-10",
            ["2025-H1", "2024-H1"],
        ),
        # a hyphenated quarter in a title is a quarter
        ("Third-quarter results of Velora\n\nGDP grew 1.2%.", "2025-11-10", ["2025-Q3"]),
    ],
)
def test_the_same_period_of_another_year(text: str, ref: str, want: list[str]) -> None:
    fine = [
        next(c.split("->")[1].split(" ")[0] for c in cl.cues if c.startswith("period:") and "->" in c)
        for cl in extract(text, ref)
        if cl.quantity
    ]
    assert fine == want


def test_the_same_year_alone_is_still_a_year() -> None:
    # must not change: "last year" with no part of a year named before stays the year
    assert _periods_of(
        "Exports rose to 40 billion, from 36 billion in the same period last year.", "2025-12-10"
    ) == [
        "2025",
        "2024",
    ]
    assert _granularity_of(
        "Exports rose to 40 billion, from 36 billion in the same period last year.", "2025-12-10"
    ) == ["year", "year"]


def test_a_survey_month_still_dates_its_figure() -> None:
    # must not change: a month naming a survey of data is the data's month
    text = "Velora's unemployment was 5.1% in the June survey."
    assert [m.fine for m in find_mentions(text, 0, len(text), date(2025, 9, 1))] == ["2025-06"]
    text = "In the July review, the ministry of Ostria cut its growth forecast to 5%."
    assert find_mentions(text, 0, len(text), date(2025, 9, 1)) == []
