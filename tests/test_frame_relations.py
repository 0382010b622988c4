"""Typed relations between the figures of one sentence (frame ``relations``, issue 10).

Every sentence here is invented (places and figures are made up); each behaviour has
cases that must link and cases that must not.
"""

from __future__ import annotations

import pytest

from claimledger.extract import extract


def _rels(text: str, date: str = "2024-06-10") -> dict[str, set[tuple[str, str]]]:
    """Each figure's relations as ``(type, figure text it points at)``."""
    claims = extract(text, date)
    by_id = {c.id: c for c in claims}
    out: dict[str, set[tuple[str, str]]] = {}
    for c in claims:
        if c.quantity is None or c.frame is None:
            continue
        got = out.setdefault(c.quantity.text, set())
        for r in c.frame.relations:
            q = by_id[r.claim].quantity
            got.add((r.type, q.text if q is not None else ""))
    return out


def _has(text: str, figure: str, rel: str, target: str) -> bool:
    """Does the figure ending ``figure`` carry ``rel`` to the figure ending ``target``?"""
    return any(
        f.endswith(figure) and t == rel and x.endswith(target) for f, ts in _rels(text).items() for t, x in ts
    )


def _types(text: str, figure: str) -> set[str]:
    return {t for f, ts in _rels(text).items() if f.endswith(figure) for t, _x in ts}


# --- changes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "new", "old"),
    [
        # the baseline after a long qualifier of the new value
        (
            "Exports of Velmora rose to $4.1 billion in the first half of the fiscal year ending in "
            "December, up from $3.6 billion a year earlier.",
            "$4.1 billion",
            "$3.6 billion",
        ),
        (
            "Inflation in Corvania eased to 4.8 percent year on year in May as measured by the "
            "consumer price index, compared with 5.2 percent in May 2023.",
            "4.8 percent",
            "5.2 percent",
        ),
        (
            "Imports of Velmora fell to $2.2 billion in the second half of the fiscal year ending in June, "
            "from $2.9 billion a year earlier.",
            "$2.2 billion",
            "$2.9 billion",
        ),
        (
            "Arrivals in Velmora were 1.4 million in May, as opposed to 1.1 million in May 2023.",
            "1.4 million",
            "1.1 million",
        ),
        # a possessive or a noun of the level between the cue and the baseline
        (
            "Exports of Velmora rose to $4.1 billion, up from last year's 3.6 billion.",
            "$4.1 billion",
            "3.6 billion",
        ),
        (
            "Unemployment in Corvania rose to 7.1 percent, up from last year's 6.4 percent.",
            "7.1 percent",
            "6.4 percent",
        ),
        (
            "Arrivals in Velmora reached 1.4 million, higher than the 1.2 million recorded in 2023.",
            "1.4 million",
            "1.2 million",
        ),
        # a prior value in brackets
        ("Inflation in Corvania rose to 5.1% (4.8% in 2023).", "5.1%", "4.8%"),
        (
            "Net profit of Dalbek Bank was 12.4 billion (10.1 billion a year earlier).",
            "12.4 billion",
            "10.1 billion",
        ),
        ("Net profit of Dalbek Bank was 12.4 billion (2023: 10.1 billion).", "12.4 billion", "10.1 billion"),
        ("The jobless rate in Corvania was 4.2% (previous: 4.5%).", "4.2%", "4.5%"),
        # "LEVEL, up AMOUNT from BASE": the baseline is the level's, not the amount's
        (
            "Tax revenue of Velmora was 3.2 trillion, up 8% from 2.96 trillion a year earlier.",
            "3.2 trillion",
            "2.96 trillion",
        ),
    ],
)
def test_a_baseline_across_a_clause_is_the_new_values(text: str, new: str, old: str) -> None:
    assert _has(text, new, "change_from", old)
    assert _has(text, old, "change_to", new)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # a forecast, a budget or a target compared with is no earlier value of the outcome
        ("Growth in Corvania came in at 2.4%, versus a 2.0% forecast.", "2.4%"),
        (
            "Capital spending in Velmora was 300 billion, compared with a budget of 420 billion.",
            "300 billion",
        ),
        ("Growth in Corvania was 3.1% in 2024 as against the target of 4%.", "3.1%"),
        ("Inflation in Corvania was 5.1% in May, against market expectations of 4.9%.", "5.1%"),
        # a bracketed later year is no baseline
        ("Growth in Corvania is forecast at 2.8% for 2024 (3.1% in 2025).", "2.8%"),
        ("Growth in Corvania was 2.8% in 2024 (3.1% forecast for 2025).", "2.8%"),
        ("Growth in Corvania is forecast at 2.8% for 2024 (2025: 3.1%).", "2.8%"),
        # "more than" another place's value, with no word dating it earlier
        (
            "Exports of Velmora to Asia reached $3 billion, more than the $2.5 billion sent to Europe.",
            "$3 billion",
        ),
        # words between "from" and a figure of another unit: a source, not a baseline
        ("Velmora raised $2 billion from the sale of 3 state firms.", "$2 billion"),
        # a long gap with a bare "from": funds from donors are no earlier value
        (
            "Velmora spent $4 billion on the new port in the first half of the year, "
            "with funds from 12 donors.",
            "$4 billion",
        ),
    ],
)
def test_no_baseline_for_a_forecast_a_target_or_a_later_value(text: str, figure: str) -> None:
    assert "change_from" not in _types(text, figure)


def test_a_baseline_of_an_amount_with_no_level_has_no_new_value() -> None:
    text = "Enrolment in Velmora rose by 5% from 200,000 in 2023."
    assert _types(text, "5%") == set() and _types(text, "200,000") == set()


def test_a_change_amount_after_a_compared_baseline_is_the_new_values() -> None:
    text = (
        "Net profit of Dalbek Bank was 12.4 billion, compared to 10.1 billion in 2023, an increase of 22.8%."
    )
    assert _has(text, "22.8%", "change_by", "12.4 billion")
    assert _has(text, "12.4 billion", "change_from", "10.1 billion")


def test_a_difference_in_the_levels_unit_after_the_level() -> None:
    text = "Health spending of Velmora was 12 billion, 3 billion more than in 2023."
    assert _has(text, "3 billion", "change_by", "12 billion")
    # a second level of the same unit, with no comparison after it, is no change
    assert "change_by" not in _types("Velmora spent 12 billion on health, 3 billion on roads.", "3 billion")


def test_an_amount_restated_as_a_rate_describes_the_same_level() -> None:
    text = "Employment in Velmora increased by 2.3 million, or 12%, to 21 million."
    assert _has(text, "2.3 million", "change_by", "21 million")
    assert _has(text, "12%", "change_by", "21 million")
    text = "Revenue of Corvania rose by KES 40 billion (12%) to KES 370 billion."
    assert _has(text, "KES 40 billion", "change_by", "KES 370 billion")
    assert _has(text, "12%", "change_by", "KES 370 billion")
    # a figure of another unit before the rate is not the change
    text = "Velmora hired 400 teachers, or 12%, to 21 schools."
    assert "change_by" not in _types(text, "400")


@pytest.mark.parametrize(
    ("text", "amount", "level"),
    [
        ("Exports of Velmora were $5.2 billion, a 12% increase on 2023.", "12%", "$5.2 billion"),
        (
            "Exports of Velmora amounted to $5.2 billion in 2024, representing an increase of 12% over 2023.",
            "12%",
            "$5.2 billion",
        ),
        ("Dalbek Bank recorded a 12% increase in revenue to $5.2 billion.", "12%", "$5.2 billion"),
        (
            "Exports of Velmora grew by 12% compared with the previous year, reaching $5.2 billion.",
            "12%",
            "$5.2 billion",
        ),
        (
            "Credit in Corvania grew by 14% year-on-year in the first quarter to reach 2.1 trillion.",
            "14%",
            "2.1 trillion",
        ),
    ],
)
def test_an_amount_of_change_and_the_level_it_describes(text: str, amount: str, level: str) -> None:
    assert _has(text, amount, "change_by", level)


@pytest.mark.parametrize(
    "text",
    [
        # another subject's change after "and"
        "Exports of Velmora reached $5 billion and imports grew 3%.",
        # a level of another series after the amount
        "Exports of Velmora grew 3% and imports reached $6 billion.",
    ],
)
def test_no_change_amount_across_another_subject(text: str) -> None:
    assert "change_by" not in _types(text, "3%")


def test_a_change_amount_of_another_clause_is_not_tied_across_it() -> None:
    text = "Revenue of Velmora rose 6% to 1.2 trillion, while spending fell 2%."
    assert "change_by" not in _types(text, "2%")


# --- parts of a total -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "total", "parts"),
    [
        (
            "Velmora's budget totals $9 billion, including $2 billion for schools, $3 billion for roads "
            "and $1 billion for water.",
            "$9 billion",
            ("$2 billion", "$3 billion", "$1 billion"),
        ),
        (
            "Revenue of Corvania reached 80 billion, comprising 50 billion in taxes, 20 billion in fees and "
            "10 billion in grants.",
            "80 billion",
            ("50 billion", "20 billion", "10 billion"),
        ),
        (
            "The Velmora relief package totals 900 million: 500 million for health, 300 million for schools "
            "and 100 million for water.",
            "900 million",
            ("500 million", "300 million", "100 million"),
        ),
        (
            "Public debt of Corvania stood at $42 billion, of which domestic debt accounted for $18 billion "
            "and external debt $24 billion.",
            "$42 billion",
            ("$18 billion", "$24 billion"),
        ),
        ("Of the 4,500 jobs created in Velmora, 2,100 were in manufacturing.", "4,500", ("2,100",)),
        (
            "Spending of Corvania reached 3.1 trillion, of this 1.2 trillion went to wages.",
            "3.1 trillion",
            ("1.2 trillion",),
        ),
        (
            "The Velmora budget totals $9 billion, with $2 billion going to schools "
            "and $3 billion for roads.",
            "$9 billion",
            ("$2 billion", "$3 billion"),
        ),
        ("Dalbek Bank received $2 billion of the $9 billion fund.", "$9 billion", ("$2 billion",)),
        (
            "Velmora will spend $2 billion on schools and $3 billion on roads, totalling $5 billion.",
            "$5 billion",
            ("$2 billion", "$3 billion"),
        ),
        ("Exports of Corvania reached $5 billion, mainly $3 billion of oil.", "$5 billion", ("$3 billion",)),
    ],
)
def test_components_of_a_stated_total(text: str, total: str, parts: tuple[str, ...]) -> None:
    for part in parts:
        assert _has(text, part, "part_of", total), part


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        # a list of levels of different years is no breakdown
        (
            "Exports of Velmora were $5 billion in 2023: $4 billion in 2022 and $3 billion in 2021.",
            "$4 billion",
        ),
        # components larger than the figure before them are not its parts
        ("Spending of Corvania was 20 billion: 30 billion for roads and 40 billion for ports.", "30 billion"),
        # rows adding up to more than the figure after "total" are not its parts
        (
            "Velmora will spend $4 billion on schools and $3 billion on roads, totalling $5 billion.",
            "$4 billion",
        ),
        # a percentage after "mainly" is no part of a percentage
        ("Inflation in Corvania rose to 5%, mainly food prices up 8%.", "8%"),
        # "with" an amount of something else
        ("Exports of Velmora reached $5 billion, with $3 billion in imports.", "$3 billion"),
        # "of this year" is no "of this"
        (
            "The deficit of Corvania was 3 billion in the first half of this year, 2 billion in the second.",
            "2 billion",
        ),
        # a second clause with its own verb is not a component
        (
            "The Velmora fund holds $9 billion, including $2 billion in bonds, "
            "and the state bank lent $3 billion.",
            "$3 billion",
        ),
    ],
)
def test_no_component_without_a_breakdown(text: str, figure: str) -> None:
    assert "part_of" not in _types(text, figure)


# --- shares ----------------------------------------------------------------------------------


def test_a_share_of_the_total_before_it() -> None:
    text = "Investment in Velmora totalled $24 billion, of which 40% came from abroad and 25% from the state."
    assert _has(text, "40%", "share_of", "$24 billion")
    assert _has(text, "25%", "share_of", "$24 billion")
    text = "Domestic debt of Corvania accounted for 43% of total debt of $42 billion."
    assert _has(text, "43%", "share_of", "$42 billion")


def test_no_conversion_between_amounts_of_two_things() -> None:
    text = "Velmora exported KES 3.2 billion of tea in 2024 and imported $25 million of fuel."
    assert "converted_from" not in _types(text, "$25 million")


def test_a_share_of_the_total_the_sentence_stated_first() -> None:
    text = (
        "Total spending of Velmora was 300 billion, with pensions at 45 billion "
        "representing 15% of the total."
    )
    assert _has(text, "15%", "share_of", "300 billion")
    # the amount before it is the part, not the total: no total is given
    assert "share_of" not in _types(
        "Pensions in Velmora cost 45 billion, representing 12% of the total.", "12%"
    )
    # two parts, no total
    text = "Velmora spent 45 billion on pensions and 60 billion on wages, 12% and 16% of total spending."
    assert "share_of" not in _types(text, "16%")


def test_a_ratio_to_gdp_is_no_share_of_the_amount() -> None:
    # "X, or 3.2% of GDP": the percentage is a share of GDP, which is not a figure here
    assert "share_of" not in _types("The deficit of Corvania reached $12 billion, or 3.2% of GDP.", "3.2%")


# --- conversions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "The ministry of Velmora spent KES 3.2 billion (about US$25 million) on the project.",
            [("US$25 million", "KES 3.2 billion")],
        ),
        ("The Corvania grant is €4bn ($4.3bn).", [("$4.3bn", "€4bn")]),
        (
            "Spending of Velmora was KES 3.2 billion, roughly US$25 million.",
            [("US$25 million", "KES 3.2 billion")],
        ),
        (
            "Spending of Velmora was KES 3.2 billion in 2024 (about $25 million).",
            [("$25 million", "KES 3.2 billion")],
        ),
        (
            "The Corvania grant of $50 million (Rs 4.2 billion) was signed.",
            [("Rs 4.2 billion", "$50 million")],
        ),
        (
            "The Velmora bank lent KES 3.2 billion (about US$25 million) to farmers and KES 1.3 billion "
            "(US$10 million) to traders.",
            [("US$25 million", "KES 3.2 billion"), ("US$10 million", "KES 1.3 billion")],
        ),
    ],
)
def test_conversions(text: str, pairs: list[tuple[str, str]]) -> None:
    for conv, orig in pairs:
        assert _has(text, conv, "converted_from", orig)
    # never to the other pair's amount
    if len(pairs) == 2:
        assert not _has(text, pairs[1][0], "converted_from", pairs[0][1])


# --- respectively ------------------------------------------------------------------------------


def test_respectively_pairs_only_the_list_before_it() -> None:
    text = "Growth in Velmora was 3.1% and 3.4% in 2023 and 2024 respectively, while inflation was 5% and 6%."
    assert _has(text, "3.1%", "respectively", "3.4%")
    assert "respectively" not in _types(text, "5%")
    text = (
        "Inflation in Corvania was 5% and 6% in May; growth was 3.1% and 3.4% in 2023 and 2024 respectively."
    )
    assert _has(text, "3.4%", "respectively", "3.1%")
    assert "respectively" not in _types(text, "6%")
    # two lists before one "respectively" in the same clause are both paired
    text = "Revenue and spending of Velmora were 3.1 and 3.5 trillion, or 20% and 23% of GDP, respectively."
    assert _has(text, "20%", "respectively", "23%")
    assert _has(text, "3.5 trillion", "respectively", "3.1")


def test_a_change_of_another_period_is_no_change_of_this_level() -> None:
    """ "Grew 5.6% in 2023, up from 4.9%, and is expected to expand by 5.5% in 2024": the 5.5%
    is next year's growth, not the amount by which the 2023 level changed."""
    claims = extract(
        "The economy grew by 5.6 percent in 2023, up from 4.9 percent in 2022, and is expected to "
        "expand by 5.5 percent in 2024.",
        "2024-06-13",
    )
    rel = {c.quantity.text: [r.type for r in c.frame.relations] for c in claims if c.quantity and c.frame}
    assert rel["5.5 percent"] == []
    assert rel["5.6 percent"] == ["change_from"]
