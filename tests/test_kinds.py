"""Claim kinds and commitments without a number (stage kinds.v9)."""

from __future__ import annotations

import pytest

from claimledger import extract


def kind_of(text: str, surface: str, date: str = "2024-06-01") -> tuple[str, list[str]]:
    for c in extract(text, date):
        if c.quantity is not None and surface in c.quantity.text:
            return c.kind, c.cues
    raise AssertionError(f"no quantity {surface!r} in {[c.quantity for c in extract(text, date)]}")


@pytest.mark.parametrize(
    "text,surface,kind",
    [
        # achievement: past tense, perfect, passive past
        ("Last year 18 million square meters of housing were commissioned.", "18 million", "achievement"),
        ("The ministry has completed 2,700 kilometres of toll roads.", "2,700", "achievement"),
        ("Foreign investment reached $15.7 billion in 2023.", "$15.7 billion", "achievement"),
        ("Copper production fell 1.4% last year.", "1.4%", "achievement"),
        ("Of its 53 tunnels, 22 are already finished.", "22", "achievement"),
        # reported speech: the claim is in the reported clause
        ("The minister said that 700 akims were elected.", "700", "achievement"),
        # status: present tense
        ("Small businesses employ 4.3 million people.", "4.3 million", "status"),
        ("Astana Hub has over 1,500 participants.", "1,500", "status"),
        ("The policy rate stands at 14 percent.", "14 percent", "status"),
        ("Kazakhstan ranks 24th in the e-government ranking.", "24", "status"),
        ("217 schools are being built.", "217", "status"),
        # target: modals, plans, goals, deadlines
        ("The government will build 1,000 km of railway by 2030.", "1,000", "target"),
        ("The ministry plans to add 2,000 MW.", "2,000", "target"),
        ("The deficit is planned at 3.5 trillion tenge.", "3.5", "target"),
        ("The goal is to double the economy to $450 billion by 2029.", "$450 billion", "target"),
        ("The deficit is to be kept within 4% of GDP.", "4%", "target"),
        ("The government aims to attract 7 million visitors in 2025.", "7 million", "target"),
        ("Revenue is budgeted at $20 billion.", "$20 billion", "target"),
        ("France's deficit reached 5.5% of GDP, well above the 4.9% target.", "4.9%", "target"),
        ("The 2025 budget provides for spending of PLN 921.6 billion.", "921.6", "target"),
        ("The cabinet approved a 115.5 trillion yen budget for fiscal 2025.", "115.5", "target"),
        # forecast: expectation, projection, estimate, assumption, forecasters
        ("Economic growth is expected at 3-4% this year.", "3-4%", "forecast"),
        ("Inflation is forecast at 6-8% in 2025.", "6-8%", "forecast"),
        ("GDP per capita should rise to $16,800 by 2028.", "$16,800", "forecast"),
        ("According to the IMF, GDP exceeded $259 billion in 2023.", "$259 billion", "forecast"),
        (
            "The Bank projects inflation to decline to 36 percent by the end of the year.",
            "36 percent",
            "forecast",
        ),
        (
            "The Budget Office projects that the deficit will reach $1.9 trillion.",
            "$1.9 trillion",
            "forecast",
        ),
        ("The budget assumes an oil price of $80 per barrel.", "$80", "forecast"),
        (
            "The Board does not expect inflation to return to the target range of 2-3 per cent until 2026.",
            "2-3",
            "forecast",
        ),
    ],
)
def test_kind(text: str, surface: str, kind: str) -> None:
    got, cues = kind_of(text, surface)
    assert got == kind, cues
    assert cues and cues[0].startswith(f"{kind}:"), "the first cue names the deciding words"


def test_each_figure_gets_the_kind_of_its_own_clause() -> None:
    text = "GDP per capita reached almost $13,000 last year and should rise by a third to $16,800 by 2028."
    kinds = [c.kind for c in extract(text, "2024-01-08")]
    assert kinds[0] == "achievement" and kinds[-1] == "forecast"


def test_a_comparison_takes_the_kind_of_its_figure() -> None:
    text = "Foreign investment reached $15.7 billion, 88% more than the year before."
    assert [c.kind for c in extract(text, "2025-01-06")] == ["achievement", "achievement"]


def test_list_lead_in_colours_verbless_items() -> None:
    text = "Priorities for 2025:\n- 600 MW of new capacity;\n- 20 new hospitals."
    assert [c.kind for c in extract(text, "2025-01-10")] == ["target", "target"]


def commitments(text: str, date: str = "2024-01-08") -> list[tuple[str, str | None, str]]:
    return [(c.sentence.text, c.period, c.subject) for c in extract(text, date) if c.quantity is None]


@pytest.mark.parametrize(
    "text,period",
    [
        ("In September, Astana will host the World Nomad Games.", "2024"),
        ("The centre will be opened by the end of the year.", "2024"),
        ("The ministry plans to launch an electronic tender system.", None),
        ("Parliament is to adopt the new Tax Code by 2025.", "2025"),
        ("Three-shift schooling will be eliminated, the minister said.", None),
        ("The minister said the government would pursue a balanced budget in 2024.", "2024"),
    ],
)
def test_commitment_without_a_number(text: str, period: str | None) -> None:
    (c,) = commitments(text)
    assert c[1] == period and c[2]


@pytest.mark.parametrize(
    "text",
    [
        "Will the government raise pensions next year?",
        "If oil prices fall, the deficit will widen.",
        "Political will is needed to finish the reform.",
        "This will help to strengthen the economy.",
        "The Games were held in Astana in September.",
        "Kazakhstan may build a second nuclear plant.",
    ],
)
def test_not_a_commitment(text: str) -> None:
    assert commitments(text) == []


def test_commitment_subject() -> None:
    ((_, _, subj),) = commitments("The Alem.AI centre will be opened in Astana by the end of the year.")
    assert subj == "alem.ai centre opened"
    ((_, _, subj),) = commitments("Astana will host the 5th World Nomad Games in September.")
    assert subj == "world nomad games held"


def test_a_starting_value_after_its_target_is_an_outcome() -> None:
    claims = extract("By 2030 the government plans to reduce poverty to 5%, from 8.9% in 2024.", "2025-02-01")
    assert [(c.kind, c.period) for c in claims] == [("target", "2030"), ("achievement", "2024")]


@pytest.mark.parametrize(
    "text,date,kind",
    [
        ("Work is complete on 7,500 km of roads.", "2024-08-28", "achievement"),
        ("EU leaders agreed to provide up to EUR 50 billion between 2024 and 2027.", "2024-06-27", "target"),
        ("The bank decided to keep the base rate at 15.25%.", "2024-11-29", "achievement"),
    ],
)
def test_states_of_completion_and_decisions(text: str, date: str, kind: str) -> None:
    (c,) = extract(text, date)
    assert c.kind == kind, c.cues


@pytest.mark.parametrize(
    "text",
    [
        "This year will be difficult for the economy.",
        "2025 will be a year of reforms.",
        "Prices will continue to rise this year.",
        "Experts believe the tenge will weaken next year.",
        "There will be no devaluation.",
    ],
)
def test_regression_expectations_with_will_are_not_commitments(text: str) -> None:
    assert commitments(text, "2025-01-10") == []


def test_passive_commitment_with_irregular_participle() -> None:
    ((_, period, subj),) = commitments("The Games will be held in Astana in September.", "2024-01-08")
    assert period == "2024" and subj == "games held"


@pytest.mark.parametrize(
    "text,date,kind",
    [
        ("Kazakhstan's inflation slows to 9.4% in February", "2024-03-04", "achievement"),
        ("Government to allocate 1.4 trillion tenge for housing in 2024", "2024-03-04", "target"),
        ("Since January 1, the minimum wage has been 85,000 tenge.", "2024-04-30", "status"),
    ],
)
def test_headlines_and_states(text: str, date: str, kind: str) -> None:
    (c,) = extract(text, date)
    assert c.kind == kind, c.cues


def test_a_second_that_clause_has_its_own_verb() -> None:
    text = (
        "The minister explained that 5,000 km of roads had been repaired in the first half of the year "
        "and that the remaining 7,000 km would be finished by November."
    )
    assert [(c.kind, c.period) for c in extract(text, "2024-07-02")] == [
        ("achievement", "2024"),
        ("target", "2024"),
    ]


def test_regression_is_put_at_is_a_present_estimate_not_a_past_act() -> None:
    (c,) = extract("Spending in 2026 is put at over 18.4 trillion tenge.", "2024-01-08")
    assert c.kind == "target" and c.period == "2026", c.cues


def test_estimated_starting_value_is_a_forecast() -> None:
    text = "The 2025 budget aims to cut the deficit to 3.9% of GDP from an estimated 5.9% in 2024."
    assert [(c.kind, c.period) for c in extract(text, "2024-11-16")] == [
        ("target", "2025"),
        ("forecast", "2024"),
    ]


def test_present_passive_is_a_state() -> None:
    (c,) = extract("Some 3 billion cubic metres of gas are currently imported from Russia.", "2024-10-16")
    assert c.kind == "status", c.cues


# --- second shift ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,date",
    [
        ("Uruguay has climbed to 31st place among 146 countries in the press freedom index.", "2024-05-03"),
        ("Georgia was ranked 7th out of 190 economies with a score of 83.7.", "2024-11-02"),
        ("The university jumped to 112th position in the world rankings.", "2024-06-10"),
        ("Last year the country fell to 98th place in the corruption index.", "2025-01-30"),
    ],
)
def test_a_rank_is_a_status_whatever_verb_moves_it(text: str, date: str) -> None:
    claims = extract(text, date)
    assert claims and all(c.kind == "status" for c in claims), [(c.quantity, c.cues) for c in claims]
    assert claims[0].cues[0] == "status:rank"


@pytest.mark.parametrize(
    "text",
    [
        "The Reserve Bank now sees CPI inflation averaging 4.2% in 2025 and 3.1% in 2026.",
        "The central bank also projects growth averaging 1.6% this year.",
        "The Bank currently expects wage growth to average 3.8% and core inflation 2.9% this year.",
    ],
)
def test_a_forecaster_after_an_adverb_still_forecasts_every_figure(text: str) -> None:
    claims = extract(text, "2025-02-20")
    assert claims and all(c.kind == "forecast" for c in claims), [(c.quantity, c.cues) for c in claims]


def test_each_coordinated_clause_has_its_own_verb() -> None:
    text = "The operator added 640 km of cable in 2023 and intends to connect 220,000 households by 2027."
    assert [(c.kind, c.period) for c in extract(text, "2024-03-01")] == [
        ("achievement", "2023"),
        ("target", "2027"),
    ]


@pytest.mark.parametrize(
    "text,kind",
    [
        ("The minister said the budget would show a deficit of 2.4% of GDP in 2025.", "forecast"),
        ("The central bank said inflation would ease to 6% by December.", "forecast"),
        ("The minister said the government would build 3,000 homes in 2025.", "target"),
        ("Inflation will slow to 7% next year.", "forecast"),
        ("The deficit will not exceed 3% of GDP next year.", "target"),
    ],
)
def test_a_reported_would_is_an_expectation_unless_an_actor_commits(text: str, kind: str) -> None:
    (c,) = extract(text, "2024-10-10")
    assert c.kind == kind, c.cues


@pytest.mark.parametrize(
    "text,date,kind",
    [
        # money set aside for a period still to come is a plan, whatever tense reports it
        ("Rs 2,600 crore has been provided for 2025-26 for irrigation.", "2025-02-01", "target"),
        ("KSh 12 billion has been sanctioned for the next financial year.", "2025-06-12", "target"),
        ("The cereal target has been set at 31 million tonnes.", "2025-02-01", "target"),
        ("The target for tourist arrivals has been fixed at 9 million.", "2025-02-01", "target"),
        # an approval of a payment is a done act
        ("The IMF board approved a $1.1 billion tranche for Egypt.", "2024-07-30", "achievement"),
        # a plan figure stays a plan beside a later estimate
        (
            "The bridge, initially budgeted at 80 million euros, is now expected to cost 140 million.",
            "2024-09-09",
            "target",
        ),
    ],
)
def test_allocations_approvals_and_plan_figures(text: str, date: str, kind: str) -> None:
    c = extract(text, date)[0]
    assert c.kind == kind, c.cues


@pytest.mark.parametrize(
    "text,date,surface,kind,period",
    [
        (
            "Unemployment, currently 7.9%, is forecast to fall to 6.5% in 2026.",
            "2025-03-03",
            "7.9%",
            "status",
            "2025",
        ),
        (
            "Unemployment, currently 7.9%, is forecast to fall to 6.5% in 2026.",
            "2025-03-03",
            "6.5%",
            "forecast",
            "2026",
        ),
        ("The repo rate has been kept at 6.5% since February.", "2024-08-08", "6.5%", "status", "2024"),
        (
            "Half of the hospitals pledged in 2022 are now operational.",
            "2024-10-10",
            "Half",
            "status",
            "2024",
        ),
        (
            "The lira, which hit 34 to the dollar in May, has since weakened to 36.",
            "2025-03-01",
            "36",
            "achievement",
            "2025",
        ),
    ],
)
def test_present_state_markers(text: str, date: str, surface: str, kind: str, period: str) -> None:
    for c in extract(text, date):
        if c.quantity is not None and c.quantity.text.startswith(surface):
            assert (c.kind, c.period) == (kind, period), c.cues
            return
    raise AssertionError(f"no {surface!r}")


@pytest.mark.parametrize(
    "text",
    [
        "The ministry did not say how much the bond issue would raise.",
        "Officials would not say when the terminal will be completed.",
    ],
)
def test_an_indirect_question_is_not_a_commitment(text: str) -> None:
    assert commitments(text, "2024-05-01") == []


def test_a_cost_with_will_is_an_estimate() -> None:
    text = "The tunnel was first budgeted at 2 billion zloty but will cost 3.4 billion."
    assert [c.kind for c in extract(text, "2024-11-02")] == ["target", "forecast"]


def test_an_aside_with_at_is_the_present_level() -> None:
    text = "The jobless rate, at 6.2% in March, is expected to fall to 5.5% in 2025."
    assert [c.kind for c in extract(text, "2024-04-15")] == ["status", "forecast"]


def test_a_rank_held_now_is_not_dated_by_the_base_of_its_change() -> None:
    claims = extract("The port is now ranked 14th among 90 ports, up from 19th last year.", "2024-09-09")
    assert (claims[0].kind, claims[0].period) == ("status", "2024"), claims[0].cues
    # the earlier rank, when read as a figure, keeps its own year
    assert all(c.period == "2023" for c in claims if c.quantity and c.quantity.text == "19th")


@pytest.mark.parametrize(
    "text,date,want",
    [
        # a figure that is the subject of its own verb takes that verb, not one further left
        (
            "Of the 120 bridges announced in 2021, 70 have been rebuilt and 25 are under repair.",
            "2024-09-02",
            [("achievement", "2021"), ("achievement", "2024"), ("status", "2024")],
        ),
        # (the year a plan was pledged is not its deadline)
        (
            "Of the 40 clinics pledged last year, 18 are already open.",
            "2024-09-02",
            [("target", None), ("status", "2024")],
        ),
        # a level said to hold now is the present state, even after a goal
        (
            "The state aims to cut poverty to 10% by 2030, down from 19% now.",
            "2024-09-02",
            [("target", "2030"), ("status", "2024")],
        ),
        # the size of a plan, whatever has happened to it; undated money planned in a
        # document whose lead speaks of budgets (here the sentence is the whole document) is
        # for the budget year (docs/json-contract.md): Ethiopia's 2024/2025 runs from July
        (
            "The ministry has so far spent 45% of the 3 billion birr allocation.",
            "2024-09-02",
            [("achievement", "2024"), ("target", "2024/2025")],
        ),
        # a rate named "benchmark" is not an assumption (and a rate kept at a level is a state)
        ("The central bank kept its benchmark rate at 11.25%.", "2024-09-02", [("status", "2024")]),
        # a forecast verb after "and", before its object
        (
            "Moody's upgraded the outlook and projects the deficit at 4.2% of GDP in 2025.",
            "2024-09-02",
            [("forecast", "2025")],
        ),
        # a start value after a goal with a deadline
        (
            "Cement output will be raised to 9 million tonnes a year by 2027, from 6.5 million in 2023.",
            "2024-09-02",
            [("target", "2027"), ("achievement", "2023")],
        ),
    ],
)
def test_kinds_and_periods_of_clauses(text: str, date: str, want: list[tuple[str, str | None]]) -> None:
    got = [(c.kind, c.period) for c in extract(text, date)]
    assert got == want, [(c.quantity and c.quantity.text, c.cues) for c in extract(text, date)]


@pytest.mark.parametrize(
    "text,date,want",
    [
        # a goal set off from the clause names the goal; a goal the forecast verb governs
        # is part of the forecast
        (
            "Growth this year is now expected at 4.5% to 5%, below the government's 5.5% target.",
            "2024-11-05",
            ["forecast", "target"],
        ),
        ("Inflation is expected to fall below the 3% target next year.", "2024-11-05", ["forecast"]),
        # the level a planned change starts from holds now
        (
            "The bill proposes raising the excise rate from 12% to 15% in 2026.",
            "2025-04-01",
            ["status", "target"],
        ),
    ],
)
def test_goal_figures_and_starting_levels(text: str, date: str, want: list[str]) -> None:
    assert [c.kind for c in extract(text, date)] == want


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("A sovereign development bank will be set up in the autumn.", "2025"),
        ("New customs rules will be put in place next year.", "2026"),
    ],
)
def test_regression_passive_commitment_whose_participle_looks_like_a_base_form(
    text: str, period: str
) -> None:
    ((_, got, _),) = commitments(text, "2025-06-30")
    assert got == period


@pytest.mark.parametrize(
    "text,kind",
    [
        # "be set to" + verb: an expectation of where something is heading
        ("Copper output is set to climb to 1.2 million tonnes.", "forecast"),
        ("The fiscal gap is set to narrow to 3.8% of GDP.", "forecast"),
        ("Tourist arrivals are set to top 9 million this year.", "forecast"),
        ("Revenue is set to reach $20 billion.", "forecast"),
        # a goal "set at" a level stays a goal, whatever the tense
        ("The inflation target was set at 4%.", "target"),
        ("The harvest goal is set at 30 million tonnes for 2025.", "target"),
        ("The cereal target has been set at 31 million tonnes.", "target"),
        # a schedule is still a plan
        ("The new smelter is due to produce 400,000 tonnes a year by 2027.", "target"),
    ],
)
def test_is_set_to_is_an_expectation_but_set_at_is_a_goal(text: str, kind: str) -> None:
    (c,) = [c for c in extract(text, "2024-05-15") if c.quantity is not None]
    assert c.kind == kind, c.cues


@pytest.mark.parametrize(
    "text,kind",
    [
        # a rate kept, held, left or maintained at a level: the level that holds
        ("The monetary authority kept its key rate unchanged at 9.75%.", "status"),
        ("The policy rate was held at 6% for a third straight meeting.", "status"),
        ("The central bank left its refinancing rate at 16.5% on Friday.", "status"),
        ("The bank maintained the deposit rate at 3.25%.", "status"),
        # keeping something that is not a level stays a reported act
        ("The reserve bank held 840 tonnes of gold at the end of 2023.", "achievement"),
        ("The utility kept 1,200 workers on the payroll.", "achievement"),
        ("The ministry left 300 posts vacant.", "achievement"),
        # a level reached, not kept
        ("Inflation rose to 9.4% in March.", "achievement"),
    ],
)
def test_regression_a_level_kept_is_a_status(text: str, kind: str) -> None:
    c = next(c for c in extract(text, "2024-05-15") if c.quantity is not None)
    assert c.kind == kind, c.cues


@pytest.mark.parametrize(
    "text,surface,kind",
    [
        # money planned: a budget or allocation adopted, proposed or resized
        (
            "The allocation for primary schools has been raised by 12% to 38 billion rupees.",
            "38 billion",
            "target",
        ),
        (
            "The treasury secretary tabled a budget of 4.1 trillion shillings, with 600 billion for roads.",
            "600 billion",
            "target",
        ),
        (
            "The cabinet proposed a budget of $3.2 billion, up 9% on the current one.",
            "$3.2 billion",
            "target",
        ),
        ("Lawmakers approved expenditure of 2.7 trillion pesos on Thursday.", "2.7 trillion", "target"),
        ("A health budget of 900 million cedis was approved by parliament.", "900 million", "target"),
        # money spent, and budgets executed, are done
        ("The ministry spent $2 billion on roads last year.", "$2 billion", "achievement"),
        ("Budget execution reached 96% last year.", "96%", "achievement"),
        ("Public spending increased by 8% to 40 billion dirhams.", "40 billion", "achievement"),
        ("The city budget was executed at 99.1%.", "99.1%", "achievement"),
        (
            "The IMF board approved the disbursement of $337 million to Sri Lanka.",
            "$337 million",
            "achievement",
        ),
        # a budget approved in a year gone by is history
        ("In 2021 the cabinet approved a budget of 10 billion lari.", "10 billion", "achievement"),
        # money set aside needs no budget noun; things handed out are done
        ("Some 2.5 billion rand has been allocated to clinics.", "2.5 billion", "target"),
        ("A further $40 million was earmarked for the port.", "$40 million", "target"),
        ("Last year 2 billion rand was allocated to clinics.", "2 billion", "achievement"),
        ("In all, 1,200 flats were allocated to families in need.", "1,200", "achievement"),
    ],
)
def test_regression_budget_allocations_reported_in_the_past_are_plans(
    text: str, surface: str, kind: str
) -> None:
    got, cues = kind_of(text, surface, "2024-05-15")
    assert got == kind, cues


@pytest.mark.parametrize(
    "text,surface,date,kind",
    [
        # "last year" of a budget is the country's fiscal year: allocated in one whose last
        # day has passed is done, in the one running a plan (April-March, July-June years)
        ("Last year Rs 500 crore was allocated to rural roads.", "500 crore", "2024-06-10", "achievement"),
        ("This year Rs 500 crore was allocated to rural roads.", "500 crore", "2024-06-10", "target"),
        (
            "Last year 900 million shillings was allocated to water projects.",
            "900 million",
            "2024-09-20",
            "achievement",
        ),
        ("This year 2 billion rand was allocated to clinics.", "2 billion", "2024-05-15", "target"),
    ],
)
def test_regression_money_allocated_in_a_fiscal_year_already_over_is_done(
    text: str, surface: str, date: str, kind: str
) -> None:
    got, cues = kind_of(text, surface, date)
    assert got == kind, cues


@pytest.mark.parametrize(
    "text,want",
    [
        # the value a forecast, projection, estimate or outlook was revised from is the
        # earlier forecast
        ("The fund raised its growth forecast to 2.6% from 2.1%.", ["forecast", "forecast"]),
        ("The central bank cut its inflation projection to 4.4% from 4.9%.", ["forecast", "forecast"]),
        (
            "Analysts lowered their estimate for the harvest to 51 million tonnes from 55 million.",
            ["forecast", "forecast"],
        ),
        (
            "The ministry trimmed its GDP outlook for this year to 1.7%, from 2.2% in April.",
            ["forecast", "forecast"],
        ),
        # a level a change starts from, or a forecast of a change, starts from the present
        ("Inflation is forecast to slow to 5% from 6.2%.", ["forecast", "status"]),
        ("The government will raise the VAT rate to 16% from 15%.", ["target", "status"]),
    ],
)
def test_regression_the_base_of_a_revised_forecast_is_a_forecast(text: str, want: list[str]) -> None:
    claims = extract(text, "2024-07-10")
    assert [c.kind for c in claims] == want, [c.cues for c in claims]


@pytest.mark.parametrize(
    "text,want",
    [
        # a figure without a verb of its own continues the clause before it
        ("Fuel prices climbed 6.1%, and transport fares 2.8%.", ["achievement", "achievement"]),
        ("Salaries will go up by 12%, and student grants by 7pc.", ["target", "target"]),
        ("The bank sees Ghana at 4.8% and 5%, and Nigeria at 3.1% and 3.3%, respectively.", ["forecast"] * 4),
        (
            "The minister unveiled a budget of 12 billion birr, of which 3 billion goes to clinics.",
            ["target", "target"],
        ),
        # figures with verbs of their own keep them
        ("Exports rose 4%, while imports are expected to fall by 2% next year.", ["achievement", "forecast"]),
        # a verbless figure with nothing before it is a plain state
        ("Population 21 million, inflation 3%.", ["status", "status"]),
    ],
)
def test_regression_an_elliptical_figure_shares_the_verb_before_it(text: str, want: list[str]) -> None:
    claims = extract(text, "2024-07-10")
    assert [c.kind for c in claims] == want, [c.cues for c in claims]


@pytest.mark.parametrize(
    "text",
    [
        # a forecaster's verb over a list of years: every figure is a forecast
        "The budget projects revenues of 9.1 billion in 2025, 9.8 billion in 2026 and 10.4 billion in 2027.",
        "The finance ministry is projecting tax receipts of 3 trillion in 2025, 3.3 trillion in 2026 and "
        "3.6 trillion in 2027.",
        "The Treasury estimates spending at $410 billion in 2025, $432 billion in 2026 and "
        "$450 billion in 2027.",
        "The framework sees the deficit at 4.1% in 2025, 3.6% in 2026 and 3% in 2027.",
    ],
)
def test_regression_a_forecasters_verb_over_a_list_of_years_forecasts_each(text: str) -> None:
    claims = extract(text, "2024-10-01")
    assert [c.kind for c in claims] == ["forecast"] * 3, [c.cues for c in claims]


@pytest.mark.parametrize(
    "text,surface,kind",
    [
        # plural nouns that look like forecast verbs stay nouns
        ("Energy projects worth $5 billion were signed last year.", "$5 billion", "achievement"),
        ("The estimates of 2.1 million visitors were published in May.", "2.1 million", "achievement"),
        ("A budget of 700 million birr was approved for 2025.", "700 million", "target"),
    ],
)
def test_forecast_verb_look_alikes_that_are_nouns(text: str, surface: str, kind: str) -> None:
    got, cues = kind_of(text, surface, "2024-10-01")
    assert got == kind, cues


@pytest.mark.parametrize(
    "text,want",
    [
        # a time or a forecaster's verb in a coordinated clause does not decide this figure
        (
            "The bank has kept its rate at 7.25% since May and sees inflation at 4% by next June.",
            [("status", "2024"), ("forecast", "2025")],
        ),
        ("The hub has 1,800 members and will reach 3,000 by 2027.", [("status", "2024"), ("target", "2027")]),
        (
            "The mine employs 2,300 people and will hire 400 more by 2026.",
            [("status", "2024"), ("target", "2026")],
        ),
        (
            "The policy rate is 9% and the bank sees it at 7% by the end of 2025.",
            [("status", "2024"), ("forecast", "2025")],
        ),
        # a figure that is the subject of both predicates keeps the deadline
        ("A further 900 km are under construction and will open before 2028.", [("target", "2028")]),
        # and a time shared by a coordinated past clause still dates both
        (
            "Some 12 million m2 of housing was built and 5,000 km of roads repaired in 2023.",
            [("achievement", "2023"), ("achievement", "2023")],
        ),
    ],
)
def test_regression_cues_come_from_the_figures_own_clause(text: str, want: list[tuple[str, str]]) -> None:
    claims = extract(text, "2024-09-20")
    assert [(c.kind, c.period) for c in claims] == want, [c.cues for c in claims]


@pytest.mark.parametrize(
    "text,kind",
    [
        # a commitment of its own after a verb of expecting, in a coordinated predicate
        ("We expect demand to recover and will keep inflation at 4% or below.", "target"),
        ("The board expects exports to pick up and will cap the deficit at 3% of GDP.", "target"),
        # a clause the expecting verb still governs
        ("The bank expects inflation to slow and growth to reach 3.5%.", "forecast"),
        ("We expect that demand will recover and inflation will ease to 4%.", "forecast"),
        # a reported "would" of an actor's deed is a commitment, whoever names the actor
        ("The minister said it would build 450 schools.", "target"),
        ("The minister said the Ministry of Health would recruit 2,000 nurses.", "target"),
        ("The president said Ghana would construct 300 km of rail by 2027.", "target"),
        # of something nobody decides, an expectation
        ("The minister said growth would reach 4.2%.", "forecast"),
        ("The minister said exports would climb to $5 billion.", "forecast"),
        ("The treasurer said the budget would show a surplus of $9 billion.", "forecast"),
    ],
)
def test_regression_own_commitments_and_reported_would(text: str, kind: str) -> None:
    (c,) = extract(text, "2024-10-10")
    assert c.kind == kind, c.cues


@pytest.mark.parametrize(
    "text,period",
    [
        # promises and orders to act are commitments without a number
        ("The governor has pledged to open the river bridge by 2027.", "2027"),
        ("The minister pledged to finish the cargo terminal by the end of next year.", "2025"),
        ("The utility promised to deliver the new turbines by 2026.", "2026"),
        ("The mayor vowed to repair the ring road by 2025.", "2025"),
        ("The president instructed the cabinet to launch the land register by 2026.", "2026"),
        # an adverb between the auxiliary and the participle
        ("The metro station will be partially opened by 2025.", "2025"),
        ("The new terminal will be formally commissioned in 2026.", "2026"),
    ],
)
def test_regression_pledges_orders_and_adverbs_in_commitments(text: str, period: str) -> None:
    (c,) = commitments(text, "2024-06-12")
    assert c[1] == period


@pytest.mark.parametrize(
    "text",
    [
        # a pledge of support, a pledge without a concrete act, an order of a thing
        "The governor pledged support for the farmers.",
        "The government has pledged to fight corruption.",
        "The court ordered the closure of the mine.",
        "The ministry directed questions to the regulator.",
        # an adverb does not make a copula a commitment
        "The year will be extremely difficult.",
    ],
)
def test_pledges_that_are_not_commitments(text: str) -> None:
    assert commitments(text, "2024-06-12") == []


def _kp(text: str, date: str = "2024-06-01") -> list[tuple[str, str, str | None]]:
    return [(c.quantity.text, c.kind, c.period) for c in extract(text, date) if c.quantity is not None]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a standing policy goal: a target with no period, whatever else the sentence dates
        (
            "Core prices climbed 5.8% in May, far above the bank's 3 percent inflation target.",
            [("5.8%", "achievement", "2024"), ("3 percent", "target", None)],
        ),
        (
            "The council restated its long-term objective of a debt ratio under 45% of output.",
            [("under 45%", "target", None)],
        ),
        (
            "The board's aim remains to keep wage growth near 6% in the years ahead.",
            [("6%", "target", None)],
        ),
        # a goal for one period stays dated by it
        (
            "Collections reached 1.9 trillion in 2023, short of a target of 2.1 trillion.",
            [("1.9 trillion", "achievement", "2023"), ("2.1 trillion", "target", "2023")],
        ),
    ],
)
def test_standing_policy_goals_are_targets_without_a_period(
    text: str, want: list[tuple[str, str, str | None]]
) -> None:
    assert _kp(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the figure a goal was revised from is the earlier goal, not a present level
        (
            "The borrowing ceiling was revised down to 2.4% of output from 3.0%.",
            [("2.4%", "target", None), ("3.0%", "target", None)],
        ),
        (
            "Lawmakers revised the wage-bill limit to 7.2 trillion from 6.9 trillion.",
            [("7.2 trillion", "target", None), ("6.9 trillion", "target", None)],
        ),
        # and a forecast revised stays a forecast, both numbers
        (
            "The harvest projection was trimmed to 61 million tonnes from 64 million.",
            [("61 million tonnes", "forecast", "2024"), ("64 million", "forecast", "2024")],
        ),
        # a plan for a period not yet over, revised: still a plan
        ("Outlays for this year were revised to 14.2 trillion.", [("14.2 trillion", "target", "2024")]),
    ],
)
def test_revised_goals_and_forecasts_keep_their_kind(
    text: str, want: list[tuple[str, str, str | None]]
) -> None:
    assert _kp(text) == want


@pytest.mark.parametrize(
    ("text", "date", "want"),
    [
        # a share of GDP set off before the amount it measures takes the amount's kind and period
        (
            "Road maintenance, at 1.1% of GDP, is budgeted at 9 billion cedis for 2025.",
            "2024-11-12",
            [("1.1%", "target", "2025"), ("9 billion cedis", "target", "2025")],
        ),
        # a first-person instruction is a target, for when it takes effect
        (
            "I instruct the cabinet to lift the student grant to 18,000 from 1 March.",
            "2024-10-20",
            [("18,000", "target", "2025")],
        ),
        (
            "We task the water agency with drilling 900 boreholes next year.",
            "2024-10-20",
            [("900", "target", "2025")],
        ),
        # a limit set by a rule or a budget is a target
        (
            "Guarantees are not to exceed 2.5 trillion naira in 2025.",
            "2024-10-20",
            [("exceed 2.5 trillion naira", "target", "2025")],
        ),
    ],
)
def test_shares_instructions_and_limits(
    text: str, date: str, want: list[tuple[str, str, str | None]]
) -> None:
    assert _kp(text, date) == want


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Household spending was estimated to have risen by 1.7% in the second quarter.", "1.7%"),
        (
            "The harvest is thought to have grown 4% last year and is estimated to have reached 9 million.",
            "4%",
        ),
        ("Mining output is believed to have fallen 2.2% in 2023, the agency estimated.", "2.2%"),
    ],
)
def test_estimated_past_values_are_outcomes(text: str, surface: str) -> None:
    assert kind_of(text, surface)[0] == "achievement"


def test_a_budget_speech_allocating_in_the_present_plans_the_coming_budget_year() -> None:
    text = (
        "Madam Speaker, I now present the budget for next year. "
        "The government allocates 8.1 billion ringgit to public clinics."
    )
    assert _kp(text, "2024-10-11") == [("8.1 billion ringgit", "target", "2025")]


@pytest.mark.parametrize(
    "text,surface,kind",
    [
        # a past tense that reports an outlook: nothing is done yet in a period ahead
        ("The forecast for 2026 was 3.5% growth.", "3.5%", "forecast"),
        ("The bank's projection showed inflation at 4% in 2026.", "4%", "forecast"),
        ("Inflation in 2026 was put at 4%.", "4%", "forecast"),
        # a plan adopted for a period ahead stays a target
        ("The government approved a budget of $45 billion for next year.", "$45 billion", "target"),
        # a past tense for a past period is still an outcome
        ("Inflation in 2024 was put at 4%.", "4%", "achievement"),
    ],
)
def test_regression_a_past_tense_for_a_period_ahead_is_a_forecast(text: str, surface: str, kind: str) -> None:
    got, cues = kind_of(text, surface, "2025-06-15")
    assert got == kind, cues


def test_regression_a_verbless_figure_continues_the_outlook_of_the_sentence_before() -> None:
    outlook = "Inflation is expected to slow to 5% this year. Core inflation: 4.2%."
    assert kind_of(outlook, "4.2%", "2025-06-15")[0] == "forecast"
    # after an outcome it stays a status, and a new paragraph starts afresh
    assert (
        kind_of("Inflation slowed to 5% in May. Core inflation: 4.2%.", "4.2%", "2025-06-15")[0] == "status"
    )
    fresh = "Inflation is expected to slow to 5% this year.\n\nCore inflation: 4.2%."
    assert kind_of(fresh, "4.2%", "2025-06-15")[0] == "status"
    # a verbless figure of a past year is no forecast
    past = "Inflation is expected to slow to 5% this year. Core inflation in 2023: 4.2%."
    assert kind_of(past, "4.2%", "2025-06-15")[0] != "forecast"
    assert kind_of("The Bank's inflation target remains 2%.", "2%", "2025-06-15")[0] == "target"
    # a policy rate named for its target is the rate's level
    assert kind_of("The cash rate target remains at 4.35 per cent.", "4.35", "2025-06-15")[0] == "status"


def test_regression_a_verbless_figure_of_a_month_already_over_is_an_outcome() -> None:
    assert kind_of("Inflation in May: 5.1%.", "5.1%", "2025-06-15")[0] == "achievement"
    # the month still running is the present state
    assert kind_of("Inflation in June: 5.1%.", "5.1%", "2025-06-15")[0] == "status"


@pytest.mark.parametrize(
    "text,surface,kind",
    [
        # a budget line's "will" with no one deciding is an expectation
        ("The deficit will narrow to 3.1% of GDP in 2026.", "3.1%", "forecast"),
        ("Public debt will reach 60% of GDP by 2027.", "60%", "forecast"),
        # decided: a passive, a limit
        ("The deficit will be reduced to 3% of GDP in 2026.", "3%", "target"),
        ("The deficit will not exceed 3% of GDP over the next three years.", "3%", "target"),
    ],
)
def test_regression_a_budget_lines_will_is_a_forecast_unless_decided(
    text: str, surface: str, kind: str
) -> None:
    got, cues = kind_of(text, surface, "2025-06-15")
    assert got == kind, cues


@pytest.mark.parametrize(
    "text,surface,kind",
    [
        # money set aside with no time named is a plan for the statement's period
        ("An amount of N500 billion has been provided in the budget for roads.", "N500 billion", "target"),
        ("Rs 5,000 crore has been earmarked for the scheme.", "Rs 5,000 crore", "target"),
        # an approval of a payment is an act done
        ("The Board approved the disbursement of about $337 million.", "$337 million", "achievement"),
    ],
)
def test_regression_money_set_aside_with_no_time_named_is_a_target(
    text: str, surface: str, kind: str
) -> None:
    got, cues = kind_of(text, surface, "2025-06-15")
    assert got == kind, cues


def test_regression_money_set_aside_with_no_time_named_keeps_the_statements_period() -> None:
    for c in extract("An amount of N500 billion has been provided in the budget for roads.", "2025-06-15"):
        assert c.kind == "target" and c.period == "2025", c.cues


def test_regression_a_dated_verbless_figure_continues_a_paragraph_of_outcomes() -> None:
    report = "Industrial output grew 4% in May. This year, 3.1%."
    assert kind_of(report, "3.1%", "2025-06-15")[0] == "achievement"
    # undated, or after a present state, it stays a status
    assert kind_of("Industrial output grew 4% in May. Core: 3.1%.", "3.1%", "2025-06-15")[0] == "status"
    assert kind_of("Unemployment is 5%. This year, 3.1%.", "3.1%", "2025-06-15")[0] == "status"


@pytest.mark.parametrize(
    "text",
    [
        # continuation pledges of the speaking institution
        "The Council will continue trimming its stock of securities.",
        "The Board will continue to weigh the incoming indicators.",
        "We will continue to watch developments in the housing market closely.",
        "The Bank will not hesitate to use every instrument it has.",
        # a reported commitment
        "The agency said it will consider further easing.",
        "The IMF is going to send a team to review the programme.",
        # a programme under way, said by the government of itself
        "We are investing in new tram lines while upgrading the old ones.",
        "We are working to restore growth through lower taxes.",
        "The government is investing in new tram lines.",
    ],
)
def test_regression_pledges_to_continue_and_programmes_under_way_are_commitments(text: str) -> None:
    (c,) = commitments(text, "2025-03-01")
    assert c[1] is None or c[1] >= "2025", c


def test_regression_a_pledge_cue_names_its_verb() -> None:
    (claim,) = [c for c in extract("The Board will continue to weigh the incoming indicators.", "2025-03-01")]
    assert claim.cues[0] == "target:will continue", claim.cues
    (claim,) = [c for c in extract("We are investing in new tram lines.", "2025-03-01")]
    assert claim.cues[0] == "target:are investing", claim.cues


@pytest.mark.parametrize(
    "text",
    [
        # predictions and schedules nobody promises
        "The new tariff will take effect in two months.",
        "These measures will be discussed at the coming review meeting.",
        "Trade activity will increase once the road opens.",
        "The harvest figure will be revised before the end of the year.",
        "The scheme is scheduled to end in June.",
        "The path of prices will be shaped by rainfall.",
        "Its main purpose is to link the two valleys.",
        # a subject that does not act continues nothing on purpose
        "Prices will continue to climb this year.",
        # a progressive of someone other than the speaker
        "They are investing in new tram lines.",
    ],
)
def test_regression_predictions_and_schedules_are_not_commitments(text: str) -> None:
    assert commitments(text, "2025-03-01") == []


@pytest.mark.parametrize(
    "text",
    [
        "The Council decided to remain focused on tightening policy.",
        "The Government should considerably expand water connections.",
        "The cabinet resolved to build more homes and cut paperwork.",
    ],
)
def test_regression_decisions_and_instructions_are_commitments(text: str) -> None:
    assert len(commitments(text, "2025-03-01")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Exports should expand further next year.",
        "The index decided to remain flat.",
    ],
)
def test_regression_should_of_what_does_not_act_is_no_commitment(text: str) -> None:
    assert commitments(text, "2025-03-01") == []


@pytest.mark.parametrize(
    "text,cue",
    [
        ("To lower the public debt ratio over the medium term.", "target:to lower (headline)"),
    ],
)
def test_regression_headline_infinitives_and_gerunds_are_commitments(text: str, cue: str) -> None:
    (claim,) = [c for c in extract(text, "2025-03-01")]
    assert claim.quantity is None and claim.cues[0] == cue, claim.cues


@pytest.mark.parametrize(
    "text",
    [
        "To achieve this, the ministry met the unions.",
        "To open a shop in the old town one needs a permit from the city and the district"
        " offices and a lot of patience.",
    ],
)
def test_regression_prose_opening_with_to_or_a_gerund_is_no_headline_commitment(text: str) -> None:
    assert commitments(text, "2025-03-01") == []


@pytest.mark.parametrize(
    "text,want",
    [
        ("We expect to keep the policy rate unchanged through next year.", True),
        ("The minister stressed the need to launch a new housing scheme.", True),
        # someone else's expectation, and a need without an action
        ("Analysts expect to see lower prices.", False),
        ("We need to talk about the weather.", False),
    ],
)
def test_regression_the_speakers_own_expectation_to_act_is_a_commitment(text: str, want: bool) -> None:
    assert (len(commitments(text, "2025-03-01")) == 1) is want


@pytest.mark.parametrize(
    "text,want",
    [
        ("The Council judged it appropriate to continue the tightening cycle.", True),
        ("The Bank stands ready to act if needed.", True),
        ("It is appropriate to note the risks to the outlook.", False),
        ("Prices are ready to continue rising.", False),
    ],
)
def test_regression_an_institutions_judgement_to_act_is_a_commitment(text: str, want: bool) -> None:
    assert (len(commitments(text, "2025-03-01")) == 1) is want


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        # a revised figure of no plan is a revised forecast; a revised plan stays a target
        ("Growth for 2026 was revised upwards from 2.1% to 2.6%.", "2.6%", "forecast"),
        ("Staff revised lower to 3.3% for 2028.", "3.3%", "forecast"),
        ("Spending for this year was revised to 3.2 trillion.", "3.2 trillion", "target"),
        ("The health budget for 2026 was revised to 900 million.", "900 million", "target"),
        # a revised figure for a past year is a revised outcome
        ("Growth for 2023 was revised to 2.1%.", "2.1%", "achievement"),
    ],
)
def test_a_revised_figure_is_a_forecast_unless_it_is_a_plan(text: str, surface: str, kind: str) -> None:
    got, cues = kind_of(text, surface, "2025-06-15")
    assert got == kind, cues


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        # a budget line's share, received or taken, is planned
        ("The health sector got 4 billion in the 2026 budget.", "4 billion", "target"),
        ("The biggest slice, 22% of the budget, went to defence.", "22%", "target"),
        # money received in a past year, or with no budget named, is done
        ("The region received 30 million in transfers last year.", "30 million", "achievement"),
        ("Roads received 2.5 billion, while schools got 1.8 billion.", "2.5 billion", "achievement"),
        # the government's own budget line worded as a forecast
        ("Revenue is projected at 14 trillion in the 2026 budget.", "14 trillion", "target"),
        # an outside forecaster's view of it, growth, or a bare future stays a forecast
        (
            "The Fund's staff: revenue is projected at 14 trillion in the 2026 budget.",
            "14 trillion",
            "forecast",
        ),
        ("Growth is projected at 3.1% in the 2026 budget.", "3.1%", "forecast"),
        ("The deficit will narrow to 3.2% of GDP under the 2026 budget.", "3.2%", "forecast"),
        (
            "Borovia's economy is projected to grow 3.1% next year, the finance ministry said.",
            "3.1%",
            "forecast",
        ),
        # "set to be" without an auxiliary is an expectation, as with one
        ("Interest costs set to be 2.1% of GDP next year.", "2.1%", "forecast"),
        ("Interest costs are set to be 2.1% of GDP next year.", "2.1%", "forecast"),
        # a need or a preference is what is wanted
        ("The minister stressed the need to rebuild 40 bridges.", "40", "target"),
        ("A minority of members favoured a cut to 4.5%.", "4.5%", "target"),
        # a need that is the subject of another verb is no goal
        ("The need to import fuel pushed the deficit to 5% of GDP last year.", "5%", "achievement"),
    ],
)
def test_budget_shares_budget_lines_and_wishes(text: str, surface: str, kind: str) -> None:
    got, cues = kind_of(text, surface, "2025-06-15")
    assert got == kind, cues


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Schools are set to get 2 billion in the 2026 budget.", "target"),
        ("Health is expected to receive 4 billion under the new budget.", "target"),
        # an outside forecaster's view of a share stays a forecast
        ("The Fund expects health to receive 4 billion under the new budget.", "forecast"),
        # no budget named: an expectation
        ("Farmers are expected to receive 4 billion in subsidies.", "forecast"),
    ],
)
def test_a_budget_share_worded_as_an_expectation(text: str, kind: str) -> None:
    got, cues = kind_of(text, "billion", "2025-06-15")
    assert got == kind, cues


def test_a_budget_line_kept_at_a_level_is_decided() -> None:
    # "will be" + an irregular participle is a passive someone decides
    got, cues = kind_of("The deficit will be kept at 3% of GDP in 2026.", "3%", "2025-06-15")
    assert got == "target", cues
    # a change that happens stays an expectation
    got, cues = kind_of("The deficit will narrow to 3% of GDP in 2026.", "3%", "2025-06-15")
    assert got == "forecast", cues


# --- forecasts and projections listed as promises (issue 10 item 3, issue 11: B1) ---------


def _listed(text: str, surface: str, date: str = "2026-06-10") -> bool:
    """Would the promise checker list the figure: kind target and frame status target?"""
    for c in extract(text, date):
        if c.quantity is not None and surface in c.quantity.text:
            return c.kind == "target" and c.frame is not None and c.frame.status == "target"
    raise AssertionError(f"no quantity {surface!r}")


@pytest.mark.parametrize(
    "text,surface",
    [
        # a forecast named at the end of the sentence
        ("Demand for heating oil will grow 4% a year to 2030, the grid operator forecasts.", "4%"),
        ("The shortfall is 4.4% of output in 2027 and 4.1% in 2028, the spring update shows.", "4.4%"),
        ("The new levy will lift prices by half a point, the central bank reckons.", "half"),
        # a forecast document as the source, or stating the value
        ("According to the autumn fiscal update, receipts will reach 640 billion crowns in 2027.", "640"),
        ("The fiscal update puts the shortfall at 4.4% of output next year.", "4.4%"),
        ("The Fund pegs Ostravia's deficit at 5.2% of GDP in 2027.", "5.2%"),
        # what is expected to happen, not decided
        ("Interest costs are on course to reach 18 billion crowns by 2029.", "18 billion"),
        ("Public debt is on track to hit 80% of GDP by 2029.", "80%"),
        # the subject is an aggregate nobody decides, also behind a prepositional phrase
        ("Net lending will drop to 14 billion crowns later on.", "14 billion"),
        ("Employment in the eastern province will rise by a fifth by 2030.", "a fifth"),
        ("The shortfall will narrow to 2.8% of output in 2028.", "2.8%"),
        # the parts of a projected figure
        (
            "The projected deficit of 5.1% of GDP in 2027 comprises a primary gap of 2% and interest of 3.1%",
            "3.1%",
        ),
    ],
)
def test_forecasts_and_projections_are_not_listed_as_promises(text: str, surface: str) -> None:
    kind, cues = kind_of(text, surface, "2026-06-10")
    assert kind == "forecast", cues
    assert not _listed(text, surface)


@pytest.mark.parametrize(
    "text,surface",
    [
        # calibration: commitments that must stay listed
        ("The ports agency receives 40 billion crowns in the 2027 budget.", "40 billion"),
        ("The cabinet approved a budget of 900 billion crowns for 2027.", "900 billion"),
        ("The deficit target for 2027 is 3% of GDP.", "3%"),
        ("The government will cut the deficit to 3% of GDP in 2027.", "3%"),
        ("The minimum wage will rise to 95,000 crowns from January 2027.", "95,000"),
        ("Spending on health care will rise to 2.5 billion crowns in 2027.", "2.5 billion"),
        ("The minister said the government would build 300 schools in 2027.", "300"),
        ("The plan puts 300 new buses on the roads by 2028.", "300"),
        ("We are building 4,000 homes for young families by 2028.", "4,000"),
        (
            "The government is on track to build 500 km of roads this year, and will build 600 km in 2027.",
            "600 km",
        ),
    ],
)
def test_commitments_stay_listed_as_promises(text: str, surface: str) -> None:
    assert _listed(text, surface), kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text",
    [
        "The auditor said the goal would slip to 2031.",
        "We will build roads, bridges and energy projects.",
    ],
)
def test_a_slipping_goal_is_no_commitment_and_a_noun_list_no_forecaster(text: str) -> None:
    got = [c for c in extract(text, "2026-06-10") if c.quantity is None]
    assert bool(got) == ("projects" in text), [c.cues for c in got]


@pytest.mark.parametrize(
    "text,surface",
    [
        ("Under the updated projections, the shortfall reaches 4.4% of output in 2027.", "4.4%"),
        ("In the central bank's view the new levy will lift prices by half a point.", "half"),
    ],
)
def test_a_sentence_set_in_a_forecast_is_a_forecast(text: str, surface: str) -> None:
    kind, cues = kind_of(text, surface, "2026-06-10")
    assert kind == "forecast", cues
    assert not _listed(text, surface)


@pytest.mark.parametrize(
    "text,surface,listed",
    [
        # outturns and past facts (B4)
        ("The shortfall to date stands at three fifths of the annual ceiling.", "three fifths", False),
        ("Budget spending so far amounts to 40 billion crowns.", "40 billion", False),
        ("The treasury has missed its goal for three straight years.", "three", False),
        # a plan's share stays one
        ("Budget spending on schools amounts to 40 billion crowns in 2027.", "40 billion", True),
        ("The treasury's goal for 2027 is a surplus of 1% of output.", "1%", True),
    ],
)
def test_outturns_so_far_and_durations_are_not_promises(text: str, surface: str, listed: bool) -> None:
    assert _listed(text, surface) == listed, kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text,surface,listed",
    [
        # out-years of a fiscal plan with no verb of planning are projections
        ("The budget deficit is projected to fall to 2.1% of output by 2030.", "2.1%", False),
        ("Deficit: 4.4% of output in 2029.", "4.4%", False),
        # the budget year stays planned, and so does any year with a verb of planning
        ("Revenue is projected at 14 billion crowns in the 2027 budget.", "14 billion", True),
        ("Deficit: 4.4% of output in 2027.", "4.4%", True),
        ("The shortfall is to be cut to 2% of output by 2030.", "2%", True),
    ],
)
def test_out_years_without_a_plan_verb_are_projections(text: str, surface: str, listed: bool) -> None:
    assert _listed(text, surface) == listed, kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text,surface,listed",
    [
        # what a plan assumes of an indicator nobody decides (B11), an expected effect (B7)
        ("The draft budget foresees output growth of 2.2% in 2027.", "2.2%", False),
        ("The 2027 budget envisages inflation of 4% and growth of 3%.", "4%", False),
        ("In turn, travel times will fall by 20 minutes.", "20 minutes", False),
        # a plan's own lines and goals, and an agent's action after a consequence marker, stay
        ("The draft budget foresees spending of 900 billion crowns in 2027.", "900 billion", True),
        ("The budget targets growth of 2.2% in 2027.", "2.2%", True),
        ("As a result, the government will cut spending by 5% in 2027.", "5%", True),
    ],
)
def test_assumed_indicators_and_expected_effects_are_not_promises(
    text: str, surface: str, listed: bool
) -> None:
    assert _listed(text, surface) == listed, kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text,surface,listed",
    [
        ("Inflation is due to peak at 4.1% in the autumn.", "4.1%", False),
        ("Consumer prices rising 3.4% by next spring would leave real wages flat.", "3.4%", False),
        ("The Fund's programme envisages a primary surplus of 1% of output in 2027.", "1%", False),
        ("Interest payments will absorb 18% of revenue by 2029 on current policies.", "18%", False),
        # a timetable of a decision, a reported "would" and the government's plan stay
        ("The new line is due to carry 40,000 passengers a day from 2028.", "40,000", True),
        ("The minister said 300 schools would be built in 2027.", "300", True),
        ("The government's programme envisages a primary surplus of 1% of output in 2027.", "1%", True),
    ],
)
def test_timetables_hypotheses_and_lenders_plans_are_not_promises(
    text: str, surface: str, listed: bool
) -> None:
    assert _listed(text, surface) == listed, kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text,surface,listed",
    [
        ("Inflation to ease to 3.4% by spring, central bank says", "3.4%", False),
        ("Ostravia's economy to grow 0.9% in 2031", "0.9%", False),
        ("Prices set to rise 3.4% next year", "3.4%", False),
        ("Government to build 300 schools in 2027", "300", True),
        ("Ministry to hire 2,000 nurses by 2028", "2,000", True),
    ],
)
def test_a_headline_infinitive_of_what_does_not_act_is_a_forecast(
    text: str, surface: str, listed: bool
) -> None:
    assert _listed(text, surface) == listed, kind_of(text, surface, "2026-06-10")


def test_a_lead_in_s_own_words_come_before_the_sentence_before_it() -> None:
    text = "The cabinet approved the budget on Monday. Projections for 2027:\n- growth 2.1%\n- inflation 3.4%"
    got = {c.quantity.text: c.kind for c in extract(text, "2026-06-10") if c.quantity is not None}
    assert got.get("2.1%") == "forecast", got
    text = "The cabinet approved the budget on Monday. Plans for 2027:\n- 300 schools\n- 40 clinics"
    got = {c.quantity.text: c.kind for c in extract(text, "2026-06-10") if c.quantity is not None}
    assert got.get("300") == "target", got


@pytest.mark.parametrize(
    "text,surface,kind",
    [
        # a policy rate named for its target is a setting decided now, not a goal (B4)
        (
            "Today the Board decided to lower the cash rate target by 25 basis points to 3.85 per cent.",
            "3.85",
            "achievement",
        ),
        ("The bank will lower its inflation target to 3% in 2027.", "3%", "target"),
    ],
)
def test_a_rate_named_for_its_target_is_no_goal(text: str, surface: str, kind: str) -> None:
    assert kind_of(text, surface, "2026-06-10")[0] == kind


@pytest.mark.parametrize(
    "text,surface,listed",
    [
        (
            "The mid-year budget update projected a deficit of 9 billion crowns in the coming year.",
            "9 billion",
            False,
        ),
        ("Revenue is projected at 640 billion crowns in the 2027 budget.", "640 billion", True),
    ],
)
def test_a_budget_update_is_a_forecast_not_a_budget(text: str, surface: str, listed: bool) -> None:
    assert _listed(text, surface) == listed, kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text,surface,kind",
    [
        # a revised indicator nobody decides is a revised estimate, even beside a plan's words (B2)
        (
            "Nominal output for 2026 was revised to 400 billion crowns, lifting the revenue estimate.",
            "400",
            "forecast",
        ),
        ("Spending for 2026 was revised to 320 billion crowns.", "320", "target"),
    ],
)
def test_a_revised_indicator_nobody_decides_is_no_plan(text: str, surface: str, kind: str) -> None:
    assert kind_of(text, surface, "2026-06-10")[0] == kind


@pytest.mark.parametrize(
    "text,surface,listed",
    [
        # the parts of a forecast are forecasts; the parts of a plan stay planned
        (
            "The shortfall is projected at 5.1% of output in 2027, of which interest accounts for 3.1%.",
            "3.1%",
            False,
        ),
        (
            "The 2027 budget plans spending of 700 billion crowns, of which health accounts for 90 billion.",
            "90",
            True,
        ),
    ],
)
def test_the_parts_of_a_forecast_are_forecasts(text: str, surface: str, listed: bool) -> None:
    assert _listed(text, surface) == listed, kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text,surface,listed",
    [
        # what a plan consists of describes it (B8); its goal stays one
        ("The plan rests on four pillars.", "four", False),
        ("The programme spans 12 regions.", "12", False),
        ("The plan is to open 40 clinics by 2028.", "40", True),
    ],
)
def test_what_a_plan_consists_of_is_no_promise(text: str, surface: str, listed: bool) -> None:
    assert _listed(text, surface) == listed, kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text,surface,listed",
    [
        # the subject of a bare future is read past a time between it and the modal
        ("Growth in 2027 will be 1.2%.", "1.2%", False),
        ("Inflation in the second half of 2027 will average 3.1%.", "3.1%", False),
        ("The economy this year will grow by 1.5%.", "1.5%", False),
        ("Spending in 2027 will be 700 billion crowns.", "700 billion", True),
        ("The ministry in 2027 will hire 2,000 nurses.", "2,000", True),
    ],
)
def test_the_subject_of_a_future_is_read_past_its_time(text: str, surface: str, listed: bool) -> None:
    assert _listed(text, surface) == listed, kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text,surface,listed",
    [
        # a deadline for what nobody decides is a forecast; for a goal or a deliverable, a target
        ("Inflation back at 2% by 2028.", "2%", False),
        ("Real GDP will expand 2% in 2027.", "2%", False),
        ("Schools: 300 new ones by 2028.", "300", True),
        ("The bank's inflation target is 2% by 2028.", "2%", True),
    ],
)
def test_a_deadline_for_what_nobody_decides_is_a_forecast(text: str, surface: str, listed: bool) -> None:
    assert _listed(text, surface) == listed, kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text,surface,listed",
    [
        # a budget named for several years plans each of them; a goal set with a deadline stays
        ("The law on the budget for 2027-2029 sets expenditure at 900 billion crowns in 2029.", "900", True),
        ("She set the task of bringing exports to 45 billion crowns by 2030.", "45 billion", True),
    ],
)
def test_a_multi_year_budget_and_a_task_stay_planned(text: str, surface: str, listed: bool) -> None:
    assert _listed(text, surface) == listed, kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text,surface,kind",
    [
        # a present receiving verb is a budget line's share when the budget is named; money
        # received in a past year, or a share of a market, is not
        ("Rural clinics get 2.1 billion florins under the new budget.", "2.1 billion", "target"),
        ("The water board receives 900 million crowns in the draft budget.", "900 million", "target"),
        ("The region received 30 million crowns in transfers last year.", "30 million", "achievement"),
        ("The firm takes 20% of the market.", "20%", "status"),
        # "be to" + a verb states a plan; "is to" + a figure is no plan verb
        ("Rail lines are to get 3 billion crowns next year.", "3 billion", "target"),
        ("The port authority is to receive 1.1 billion crowns.", "1.1 billion", "target"),
        ("The increase is to 5% from 4%.", "5%", "status"),
        ("The purpose of the statute is to support 5,000 small farms every year.", "5,000", "status"),
        ("Interest costs are set to be 4 billion crowns.", "4 billion", "forecast"),
    ],
)
def test_received_shares_and_be_to_plans(text: str, surface: str, kind: str) -> None:
    assert kind_of(text, surface, "2026-03-10")[0] == kind, kind_of(text, surface, "2026-03-10")


@pytest.mark.parametrize(
    "text,surface,kind",
    [
        # the head of a list inside its sentence gives verbless items their kind
        ("Allocations for 2026: health 4 billion crowns, schools 6 billion crowns.", "6 billion", "target"),
        ("Results for May: exports 4 billion crowns, imports 3 billion crowns.", "3 billion", "achievement"),
        ("Projections: growth 2.1%, inflation 3%.", "3%", "forecast"),
        # a bare indicator names no kind; a verb of its own decides
        ("Inflation: 5.1%.", "5.1%", "status"),
        ("Note: the rate is 4%.", "4%", "status"),
    ],
)
def test_a_list_head_before_a_colon_gives_its_items_their_kind(text: str, surface: str, kind: str) -> None:
    assert kind_of(text, surface, "2026-06-10")[0] == kind, kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text,surface,kind",
    [
        # an undated change after a sentence of outcomes continues the report; a level does not
        ("Exports rose 12% in May. Imports up 4.2%.", "4.2%", "achievement"),
        ("Exports rose 12% in May. Unemployment 6.1%.", "6.1%", "status"),
    ],
)
def test_an_undated_change_continues_a_report(text: str, surface: str, kind: str) -> None:
    assert kind_of(text, surface, "2026-06-10")[0] == kind, kind_of(text, surface, "2026-06-10")


@pytest.mark.parametrize(
    "text,surface,listed",
    [
        # a line worded as a forecast with no budget named in its sentence stays a forecast
        # in a budget update, under an outside forecaster, for an indicator nobody decides
        (
            "Mid-year budget update\n\nRevenue is projected at 45 billion crowns next year.",
            "45 billion",
            False,
        ),
        (
            "The 2026 budget under scrutiny\n\nRevenue is projected at 45 billion crowns next year,"
            " analysts at a bank said.",
            "45 billion",
            False,
        ),
        # nor an indicator nobody decides, nor a line set in a forecast noun's sentence
        (
            "Minister presents the 2026 budget\n\nGrowth is projected at 2.1% next year.",
            "2.1%",
            False,
        ),
        (
            "Minister presents the 2026 budget\n\nUnder the outlook, revenue is projected at 45"
            " billion crowns next year.",
            "45 billion",
            False,
        ),
        # nor a document whose opening names only a line ("the budget deficit")
        (
            "The budget deficit widens\n\nRevenue is projected at 45 billion crowns next year.",
            "45 billion",
            False,
        ),
    ],
)
def test_lines_worded_as_forecasts_outside_a_budget_s_sentence_stay_forecasts(
    text: str, surface: str, listed: bool
) -> None:
    assert _listed(text, surface) == listed, kind_of(text, surface, "2026-03-10")
