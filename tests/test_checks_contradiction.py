"""Contradiction checker on hand-made claims: bounds read as levels, kinds, documents."""

from __future__ import annotations

from datetime import date as Date

import pytest

from _checkhelp import doc, rec
from claimledger.checks import context_from_records, run_context
from claimledger.checks.contradiction import ContradictionChecker, gap, interval

NOW = Date(2026, 11, 23)
A = "The budget provides for spending of over 25.1 trillion tenge in 2026."
B = "Elsewhere, spending in 2026 is put at over 18.4 trillion tenge."


def _run(recs: list, docs: dict | None = None) -> list:
    """The contradiction checker over ``recs``; without ``docs``, each record's document is
    published the day the record is."""
    if docs is None:
        docs = {r.doc: doc(r.doc, r.published.isoformat()) for r in recs}
    return run_context(context_from_records(recs, docs, NOW), [ContradictionChecker()])


def test_two_bounds_for_one_budget_line_conflict() -> None:
    a = rec(
        "d",
        A,
        "over 25.1 trillion tenge",
        25.1e12,
        kind="target",
        subject="spending",
        period="2026",
        unit="KZT",
        qualifier="at_least",
    )
    b = rec(
        "d",
        B,
        "over 18.4 trillion tenge",
        18.4e12,
        kind="status",
        subject="spending",
        period="2026",
        unit="KZT",
        qualifier="at_least",
    )
    found = _run([a, b], {"d": doc("d", "2024-01-08", "Interview")})
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error" and set(f.claim_ids) == {a.id, b.id}
    assert "25.1 trillion tenge" in f.message and "18.4 trillion tenge" in f.message and "26.7%" in f.message
    assert "Interview" in f.message and "8 January 2024" in f.message


def test_bound_interval_and_gap() -> None:
    a = rec("d", A, "over 25.1 trillion tenge", 25.1e12, qualifier="at_least")
    assert interval(a) == (25.1e12, 25.1e12 * 1.25)
    assert gap((1.0, 2.0), (1.5, 3.0)) == 0.0
    assert round(gap((1.0, 1.0), (2.0, 2.0)), 3) == 0.5


def test_rounding_and_compatible_bounds_are_not_conflicts() -> None:
    a = rec(
        "d",
        A,
        "over 25.1 trillion tenge",
        25.1e12,
        subject="spending",
        period="2026",
        unit="KZT",
        qualifier="at_least",
    )
    b = rec(
        "d",
        B,
        "over 18.4 trillion tenge",
        25.2e12,
        subject="spending",
        period="2026",
        unit="KZT",
        qualifier="at_least",
    )
    assert not _run([a, b], {"d": doc("d", "2024-01-08")})


def test_same_sentence_lists_and_other_periods_are_not_compared() -> None:
    s = "Spending will be 23.9 trillion in 2024 and 25.1 trillion in 2026."
    a = rec("d", s, "23.9 trillion", 23.9e12, subject="spending", period="2024", unit="KZT")
    b = rec("d", s, "25.1 trillion", 25.1e12, subject="spending", period="2024", unit="KZT")
    c = rec("d", B, "over 18.4 trillion tenge", 18.4e12, subject="spending", period="2025", unit="KZT")
    assert not _run([a, b, c], {"d": doc("d", "2024-01-08")})


def test_target_against_outcome_is_not_a_contradiction() -> None:
    t = rec(
        "p",
        "We will build 100,000 homes in 2024.",
        "100,000",
        1e5,
        kind="target",
        subject="homes",
        period="2024",
        published="2024-01-10",
    )
    a = rec(
        "r",
        "In 2024, 80,000 homes were built.",
        "80,000",
        8e4,
        kind="achievement",
        subject="homes",
        period="2024",
        published="2025-01-10",
    )
    assert not _run([t, a])


def test_actuals_across_documents_conflict_beyond_revision() -> None:
    a = rec(
        "m",
        "1,250 km of roads were built in 2024.",
        "1,250 km",
        1250,
        kind="achievement",
        subject="roads",
        period="2024",
        unit="km",
        published="2025-02-03",
    )
    b = rec(
        "n",
        "Only 1,020 km of roads were built in 2024.",
        "1,020 km",
        1020,
        kind="achievement",
        subject="roads",
        period="2024",
        unit="km",
        published="2025-04-17",
    )
    c = rec(
        "o",
        "Revised: 1,270 km of roads were built in 2024.",
        "1,270 km",
        1270,
        kind="achievement",
        subject="roads",
        period="2024",
        unit="km",
        published="2025-06-17",
    )
    found = _run([a, b, c])
    # 1,020 is 18-25% below the others: across documents, more than 10% off is an error
    assert len(found) == 2 and all(f.severity == "error" for f in found)
    assert all(b.id in f.claim_ids for f in found)  # 1,250 vs 1,270 is a routine revision


def test_forecasts_across_documents_are_revisions() -> None:
    a = rec(
        "x",
        "Inflation is forecast at 6% in 2026.",
        "6%",
        6,
        kind="forecast",
        subject="inflation",
        period="2026",
        unit="%",
        published="2024-01-10",
    )
    b = rec(
        "y",
        "Inflation is forecast at 9% in 2026.",
        "9%",
        9,
        kind="forecast",
        subject="inflation",
        period="2026",
        unit="%",
        published="2025-01-10",
    )
    assert not _run([a, b])


def test_part_and_whole_are_not_conflicts() -> None:
    a = rec(
        "d",
        "Spending reached 20 trillion in 2025.",
        "20 trillion",
        20e12,
        subject="spending",
        period="2025",
        unit="KZT",
    )
    b = rec(
        "d",
        "Spending on schools was 2 trillion in 2025.",
        "2 trillion",
        2e12,
        subject="spending",
        period="2025",
        unit="KZT",
    )
    assert not _run([a, b], {"d": doc("d", "2026-01-08")})


def test_two_levels_in_one_sentence_conflict_unless_related() -> None:
    s = (
        "The budget provides for spending of over 25.1 trillion tenge in 2026 and, in the same table, "
        "spending of over 18.4 trillion tenge in 2026."
    )
    a = rec(
        "d",
        s,
        "over 25.1 trillion tenge",
        25.1e12,
        kind="target",
        subject="spending",
        period="2026",
        unit="KZT",
        qualifier="at_least",
    )
    b = rec(
        "d",
        s,
        "over 18.4 trillion tenge",
        18.4e12,
        kind="target",
        subject="spending",
        period="2026",
        unit="KZT",
        qualifier="at_least",
    )
    assert len(_run([a, b], {"d": doc("d", "2024-01-08")})) == 1
    s2 = "In 2026 spending will rise to 25.1 trillion tenge from 18.4 trillion tenge."
    c = rec(
        "d", s2, "25.1 trillion tenge", 25.1e12, kind="target", subject="spending", period="2026", unit="KZT"
    )
    e = rec(
        "d", s2, "18.4 trillion tenge", 18.4e12, kind="target", subject="spending", period="2026", unit="KZT"
    )
    assert not _run([c, e], {"d": doc("d", "2024-01-08")})
    s3 = "Spending in 2026 will be 25.1 trillion tenge, of which 18.4 trillion tenge is current spending."
    f = rec(
        "d", s3, "25.1 trillion tenge", 25.1e12, kind="target", subject="spending", period="2026", unit="KZT"
    )
    g = rec(
        "d", s3, "18.4 trillion tenge", 18.4e12, kind="target", subject="spending", period="2026", unit="KZT"
    )
    assert not _run([f, g], {"d": doc("d", "2024-01-08")})


def test_percent_revisions_within_half_a_point_are_routine() -> None:
    def growth(doc_key: str, value: float, published: str) -> object:
        return rec(
            doc_key,
            f"GDP grew {value}% in 2024.",
            f"{value}%",
            value,
            kind="achievement",
            subject="GDP growth",
            period="2024",
            unit="%",
            published=published,
        )

    assert not _run([growth("x", 4.8, "2025-01-20"), growth("y", 5.0, "2025-04-20")])
    [f] = _run([growth("x", 4.8, "2025-01-20"), growth("z", 6.1, "2025-06-20")])
    assert "1.3 percentage points" in f.message


def test_figures_far_apart_across_documents_are_different_scopes() -> None:
    a = rec(
        "x",
        "Exports reached $26.9 billion in 2024.",
        "$26.9 billion",
        26.9e9,
        kind="achievement",
        subject="exports",
        period="2024",
        unit="USD",
        published="2025-01-20",
    )
    b = rec(
        "y",
        "Exports were $45 billion in 2024.",
        "$45 billion",
        45e9,
        kind="achievement",
        subject="exports",
        period="2024",
        unit="USD",
        published="2025-03-20",
    )
    assert not _run([a, b])


def test_units_of_one_dimension_are_compared_on_one_scale() -> None:
    a = rec(
        "x",
        "Solar capacity was 600 MW in 2024.",
        "600 MW",
        600,
        kind="achievement",
        subject="solar capacity",
        period="2024",
        unit="MW",
        published="2025-01-20",
    )
    b = rec(
        "y",
        "Solar capacity was 0.6 GW in 2024.",
        "0.6 GW",
        0.6,
        kind="achievement",
        subject="solar capacity",
        period="2024",
        unit="GW",
        published="2025-03-20",
    )
    c = rec(
        "z",
        "Solar capacity was 0.8 GW in 2024.",
        "0.8 GW",
        0.8,
        kind="achievement",
        subject="solar capacity",
        period="2024",
        unit="GW",
        published="2025-05-20",
    )
    found = _run([a, b, c])
    assert len(found) == 2 and all(c.id in f.claim_ids for f in found)


# --- second shift: stronger evidence before a contradiction ---


def test_subject_carried_over_from_the_previous_sentence_is_not_enough() -> None:
    """Regression: two percent changes of different measures in consecutive sentences were
    linked through the subject the extractor carried over, and called a contradiction."""
    a = rec(
        "d",
        "Colombia's exports grew 12% in 2024.",
        "12%",
        12,
        kind="achievement",
        subject="exports",
        period="2024",
        unit="%",
    )
    b = rec(
        "d",
        "Shipments of coffee rose 19% in 2024.",
        "19%",
        19,
        kind="achievement",
        subject="exports",
        period="2024",
        unit="%",
    )
    assert not _run([a, b], {"d": doc("d", "2025-03-10", region="Colombia")})
    c = rec(
        "d",
        "Exports rose 17% in 2024, the ministry said later.",
        "17%",
        17,
        kind="achievement",
        subject="exports",
        period="2024",
        unit="%",
    )
    [f] = _run([a, c], {"d": doc("d", "2025-03-10", region="Colombia")})  # both name exports
    assert set(f.claim_ids) == {a.id, c.id}


@pytest.mark.parametrize(
    ("first", "second", "unit"),
    [
        (
            ("The average monthly salary reached 1,900 lari in 2024.", "1,900 lari", 1900),
            ("The median salary was 1,350 lari in 2024.", "1,350 lari", 1350),
            "GEL",
        ),
        (
            ("Nominal wages rose 12.8% in 2024.", "12.8%", 12.8),
            ("In real terms, wages rose 9.1% in 2024.", "9.1%", 9.1),
            "%",
        ),
        (
            ("Gross external debt was $21 billion in 2024.", "$21 billion", 21e9),
            ("External debt, net of reserves, was $16 billion in 2024.", "$16 billion", 16e9),
            "USD",
        ),
    ],
)
def test_differently_qualified_figures_are_not_compared(first: tuple, second: tuple, unit: str) -> None:
    subject = "external debt" if unit == "USD" else "wages"
    recs = [
        rec("d", s, t, v, kind="achievement", subject=subject, period="2024", unit=unit)
        for s, t, v in (first, second)
    ]
    assert not _run(recs, {"d": doc("d", "2025-03-10", region="Georgia")})
    same = [
        rec(
            "d",
            s.replace("median", "average")
            .replace("real terms", "nominal terms")
            .replace("net of reserves", "gross"),
            t,
            v,
            kind="achievement",
            subject=subject,
            period="2024",
            unit=unit,
        )
        for s, t, v in (first, second)
    ]
    assert len(_run([recs[0], same[1]], {"d": doc("d", "2025-03-10", region="Georgia")})) == 1


def test_changes_against_different_bases_are_not_compared() -> None:
    a = rec(
        "d",
        "GDP grew 1.7% in the fourth quarter of 2024 from the previous quarter.",
        "1.7%",
        1.7,
        kind="achievement",
        subject="GDP",
        period="2024-Q4",
        unit="%",
    )
    b = rec(
        "d",
        "Compared with a year earlier, GDP grew 3.2% in the fourth quarter.",
        "3.2%",
        3.2,
        kind="achievement",
        subject="GDP",
        period="2024-Q4",
        unit="%",
    )
    assert not _run([a, b], {"d": doc("d", "2025-02-17", region="Thailand")})


def test_forecasts_by_different_forecasters_are_opinions_not_slips() -> None:
    texts = [
        ("The National Bank expects inflation of 5.5-6.5% in 2025.", "5.5-6.5%", None, 5.5, 6.5),
        ("The IMF forecasts inflation at 8% in 2025.", "8%", 8.0, None, None),
        ("Inflation is forecast at 9% in 2025.", "9%", 9.0, None, None),
    ]
    recs = [
        rec(
            "d",
            s,
            q,
            v,
            kind="forecast",
            subject="inflation",
            period="2025",
            unit="%",
            low=lo,
            high=hi,
            qualifier="range" if v is None else "exact",
        )
        for s, q, v, lo, hi in texts
    ]
    assert not _run(recs, {"d": doc("d", "2025-01-20", "Outlook")})
    again = rec(
        "d",
        "In its annex, the IMF forecasts inflation at 10% in 2025.",
        "10%",
        10.0,
        kind="forecast",
        subject="inflation",
        period="2025",
        unit="%",
    )
    # one source, two figures
    assert len(_run([recs[1], again], {"d": doc("d", "2025-01-20", "Outlook")})) == 1


def test_source_is_the_attribution_nearest_the_figure() -> None:
    from claimledger.checks.contradiction import source

    s = "The ministry of economy sees GDP growth of 5.6% in 2025, while the World Bank expects 4.7%."
    assert source(rec("d", s, "5.6%", 5.6)) == "ministry of economy"
    assert source(rec("d", s, "4.7%", 4.7)) == "world bank"
    assert source(rec("d", "Growth will be 4.7%, according to the World Bank.", "4.7%", 4.7)) == "world bank"
    assert source(rec("d", "Spending will be 5 trillion, the minister said.", "5 trillion", 5e12)) is None


def test_a_rate_whose_clause_names_a_narrower_subject_is_not_compared() -> None:
    a = rec(
        "d",
        "Colombia's exports grew 12% in 2024.",
        "12%",
        12,
        kind="achievement",
        subject="exports",
        period="2024",
        unit="%",
    )
    b = rec(
        "d",
        "Exports of coffee rose 19% in 2024.",
        "19%",
        19,
        kind="achievement",
        subject="exports",
        period="2024",
        unit="%",
    )
    assert not _run([a, b], {"d": doc("d", "2025-03-10", region="Colombia")})


@pytest.mark.parametrize(
    "second",
    [
        "The revised estimate for 2024 exports is $21.3 billion.",
        "Final data show exports of $21.3 billion in 2024.",
    ],
)
def test_labelled_revisions_are_not_contradictions(second: str) -> None:
    a = rec(
        "d",
        "Exports in 2024 reached $20.1 billion.",
        "$20.1 billion",
        20.1e9,
        kind="achievement",
        subject="exports",
        period="2024",
        unit="USD",
    )
    b = rec(
        "d", second, "$21.3 billion", 21.3e9, kind="achievement", subject="exports", period="2024", unit="USD"
    )
    assert not _run([a, b], {"d": doc("d", "2025-05-10", region="Egypt")})
    c = rec(
        "d",
        "Exports in 2024 were $21.3 billion, the ministry said.",
        "$21.3 billion",
        21.3e9,
        kind="achievement",
        subject="exports",
        period="2024",
        unit="USD",
    )
    assert len(_run([a, c], {"d": doc("d", "2025-05-10", region="Egypt")})) == 1


def test_a_region_and_the_whole_country_are_not_compared() -> None:
    texts = [
        ("In the south, unemployment was 9.8% in 2024.", "9.8%", 9.8),
        ("Nationally, the unemployment rate stood at 11.5% in 2024.", "11.5%", 11.5),
        ("Unemployment in the northern region was 14.2% in 2024.", "14.2%", 14.2),
    ]
    recs = [
        rec("d", s, q, v, kind="achievement", subject="unemployment", period="2024", unit="%")
        for s, q, v in texts
    ]
    assert not _run(recs, {"d": doc("d", "2025-03-10", region="Kenya")})


@pytest.mark.parametrize(
    ("overall", "narrow"),
    [
        (
            "Total output reached 400 billion florins in 2024.",
            "Output excluding timber reached 370 billion florins in 2024.",
        ),
        ("Overall output in 2024: 400 billion florins.", "Non-timber output in 2024: 370 billion florins."),
        ("Output was 400 billion florins in 2024.", "Output, ex-timber, was 370 billion florins in 2024."),
    ],
)
def test_a_figure_with_a_part_left_out_is_another_measure(overall: str, narrow: str) -> None:
    """ "Output excluding timber" and total output are two measures; the same narrow measure
    restated at another value still conflicts."""
    a = rec(
        "d",
        overall,
        "400 billion florins",
        400e9,
        kind="achievement",
        subject="output",
        period="2024",
        unit="XFL",
    )
    b = rec(
        "d",
        narrow,
        "370 billion florins",
        370e9,
        kind="achievement",
        subject="output",
        period="2024",
        unit="XFL",
    )
    docs = {"d": doc("d", "2025-03-10", region="Georgia")}
    assert not _run([a, b], docs)
    other = "Output excluding timber reached 300 billion florins in 2024, the survey said."
    c = rec(
        "d",
        other,
        "300 billion florins",
        300e9,
        kind="achievement",
        subject="output",
        period="2024",
        unit="XFL",
    )
    narrow_is_timber = "timber" in narrow
    assert narrow_is_timber and len(_run([b, c], docs)) == 1


def test_a_hypothetical_level_is_not_the_reported_one() -> None:
    docs = {"d": doc("d", "2025-03-10", region="Georgia")}
    a = rec(
        "d",
        "The oil price eased to $55 a barrel in 2024.",
        "$55 a barrel",
        55,
        kind="achievement",
        subject="oil price",
        period="2024",
        unit="USD",
    )
    for s in (
        "A bad case with the oil price at $75 a barrel in 2024 now seems remote.",
        "If the oil price had stayed at $75 a barrel in 2024, the deficit would be larger.",
    ):
        b = rec(
            "d", s, "$75 a barrel", 75, kind="achievement", subject="oil price", period="2024", unit="USD"
        )
        assert not _run([a, b], docs), s
    c = rec(
        "d",
        "The oil price averaged $75 a barrel in 2024.",
        "$75 a barrel",
        75,
        kind="achievement",
        subject="oil price",
        period="2024",
        unit="USD",
    )
    assert len(_run([a, c], docs)) == 1


def test_the_whole_of_a_share_is_not_the_part_done() -> None:
    """ "62% of the 2,000 km network" states the programme's size, not the length built."""
    docs = {"d": doc("d", "2025-03-10", region="Georgia")}
    s = "In 2024 crews finished 62% of the 2,000 km of new roads."
    whole = rec("d", s, "2,000 km", 2000, kind="achievement", subject="roads", period="2024", unit="km")
    share = rec("d", s, "62%", 62, kind="achievement", subject="roads", period="2024", unit="%")
    done = rec(
        "d",
        "In 2024 we built 1,240 km of new roads.",
        "1,240 km",
        1240,
        kind="achievement",
        subject="roads",
        period="2024",
        unit="km",
    )
    assert not _run([whole, share, done], docs)
    stated = rec(
        "d",
        "In 2024 we built 2,000 km of new roads.",
        "2,000 km",
        2000,
        kind="achievement",
        subject="roads",
        period="2024",
        unit="km",
    )
    assert len(_run([stated, done], docs)) == 1


@pytest.mark.parametrize(
    "group_sentence",
    [
        "The jobless rate was 9.1% among women in 2024.",
        "In 2024, youth unemployment stood at 9.1%.",
        "For men, the jobless rate was 9.1% in 2024.",
        "In 2024, female unemployment was 9.1%.",
    ],
)
def test_a_group_of_people_is_another_measure(group_sentence: str) -> None:
    """A rate of one group of people ("among women", "youth") and the overall rate are two
    measures; two groups are two measures; one group's rate stated twice at different values
    still conflicts."""
    docs = {"d": doc("d", "2025-03-10", region="Georgia")}

    def jobless(sentence: str, q: str, v: float) -> object:
        return rec("d", sentence, q, v, kind="achievement", subject="unemployment", period="2024", unit="%")

    overall = jobless("The unemployment rate was 6.4% in 2024.", "6.4%", 6.4)
    group = jobless(group_sentence, "9.1%", 9.1)
    assert not _run([overall, group], docs)
    men = jobless("The jobless rate was 12.0% among men in 2024.", "12.0%", 12.0)
    if "women" in group_sentence or "female" in group_sentence:
        assert not _run([group, men], docs)
    women = jobless("The jobless rate was 9.1% among women in 2024.", "9.1%", 9.1)
    again = jobless("The jobless rate was 12.0% among women in 2024.", "12.0%", 12.0)
    assert len(_run([women, again], docs)) == 1
