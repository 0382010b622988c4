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
from claimledger.link import ClaimRecord

NOW = Date(2026, 11, 23)
D = {"d": doc("d", "2024-01-08", "Interview")}


def _run(recs: list, docs: dict | None = None) -> list:
    return run_context(context_from_records(recs, docs or D, NOW), [ArithmeticChecker()])


def test_by_a_third_states_implied_value_and_gap() -> None:
    s = "GDP per capita reached almost $13,000 last year and should grow by a third to $16,800 by 2028."
    base = rec(
        "d",
        s,
        "almost $13,000",
        13000,
        kind="achievement",
        subject="GDP per capita",
        period="2023",
        unit="USD",
        qualifier="approx",
    )
    res = rec("d", s, "$16,800", 16800, kind="target", subject="GDP per capita", period="2028", unit="USD")
    found = _run([base, res])
    assert len(found) == 1
    f = found[0]
    assert f.details["implied"] == pytest.approx(17333.33, rel=1e-4)
    assert "$17,333" in f.message and "$16,800" in f.message and "3.1% lower" in f.message
    assert f.details["roles"] == {res.id: "result", base.id: "base"}


@pytest.mark.parametrize(
    ("sentence", "factor"),
    [
        ("Exports rose 15% to $5 billion from $4 billion.", 1.15),
        ("Output fell by half to 3 million tons from 5 million tons.", 0.5),
        ("Arrivals doubled from 3.2 million to 5.1 million.", 2.0),
        ("Imports were $9 billion, 10% less than in 2022.", 0.9),
        ("The harvest increased three-fold to 30 million tons from 9 million tons.", 3.0),
        ("Capacity grew by a quarter to 500 MW from 400 MW.", 1.25),
    ],
)
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
    r = rec(
        "d", s, "$1.5 billion", 1.5e9, unit="USD", subject="tea exports", kind="achievement", period="2024"
    )
    b = rec(
        "d", s, "$1.4 billion", 1.4e9, unit="USD", subject="tea exports", kind="achievement", period="2023"
    )
    [f] = _run([pct, r, b])
    assert f.severity == "error" and f.details["implied"] == pytest.approx(1.68e9)
    assert f.details["roles"][pct.id] == "change"


@pytest.mark.parametrize(
    "sentence",
    [
        "Remittances grew by 12% to $4.48 billion from $4 billion.",
        "Hotel capacity nearly doubled from 26,000 beds to 51,000 beds.",
        "Remittances grew by about 12% to $4.5 billion from $4 billion.",
    ],
)
def test_consistent_changes_raise_nothing(sentence: str) -> None:
    figs = [
        rec(
            "d",
            sentence,
            t,
            float(t.strip("$%").split()[0].replace(",", "")) * (1e9 if "billion" in t else 1),
            unit="USD" if "$" in t else ("%" if "%" in t else None),
            subject="remittances",
        )
        for t in _figures(sentence)
    ]
    assert not _run(figs)


def test_base_from_ledger_period() -> None:
    d1 = rec(
        "a",
        "FDI totalled $12 billion in 2023.",
        "$12 billion",
        12e9,
        kind="achievement",
        subject="FDI",
        period="2023",
        unit="USD",
        published="2024-02-20",
    )
    s = "FDI amounted to $15.7 billion in 2024, which is 88% more than the year before."
    r = rec(
        "b",
        s,
        "$15.7 billion",
        15.7e9,
        kind="achievement",
        subject="FDI",
        period="2024",
        unit="USD",
        published="2025-01-27",
    )
    p = rec(
        "b", s, "88%", 88, kind="achievement", subject="FDI", period="2024", unit="%", published="2025-01-27"
    )
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
    gdp = rec(
        "d",
        "GDP reached $25.8 billion in 2024.",
        "$25.8 billion",
        25.8e9,
        kind="achievement",
        subject="GDP",
        period="2024",
        unit="USD",
    )
    pop = rec(
        "d",
        "The population was 3 million people in 2024.",
        "3 million",
        3e6,
        kind="achievement",
        subject="population",
        period="2024",
    )
    pc = rec(
        "d",
        "GDP per capita was $10,100 in 2024.",
        "$10,100",
        10100,
        kind="achievement",
        subject="GDP per capita",
        period="2024",
        unit="USD",
    )
    [f] = _run([gdp, pop, pc])
    assert f.details["rule"] == "per_capita" and f.details["implied"] == pytest.approx(8600)


_PHRASES = {
    "grew by a third": 4 / 3,
    "grew by half": 1.5,
    "grew by a quarter": 1.25,
    "doubled": 2.0,
    "tripled": 3.0,
    "fell by half": 0.5,
    "fell by a quarter": 0.75,
    "rose 20%": 1.2,
    "fell 10%": 0.9,
}


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(_PHRASES)),
    st.integers(min_value=100, max_value=90_000),
    st.sampled_from([1.0, 1.0, 0.9, 1.1, 0.8, 1.25]),
)
def test_change_round_trip(phrase: str, base: int, skew: float) -> None:
    """A consistent result raises nothing; one off by 10% or more is reported with its gap."""
    result = round(base * _PHRASES[phrase] * skew)
    s = f"Output {phrase} to {result:,} tons from {base:,} tons."
    r = rec(
        "d",
        s,
        f"{result:,} tons",
        float(result),
        unit="t",
        subject="output",
        kind="achievement",
        period="2024",
    )
    b = rec(
        "d",
        s,
        f"{base:,} tons",
        float(base),
        unit="t",
        subject="output",
        kind="achievement",
        period="2023",
        occurrence=0 if f"{base:,} tons" != f"{result:,} tons" else 1,
    )
    found = _run([r, b])
    if skew == 1.0:
        assert not found
    else:
        [f] = found
        assert f.details["implied"] == pytest.approx(base * _PHRASES[phrase])
        assert f.details["relative_gap"] == pytest.approx(result / (base * _PHRASES[phrase]) - 1, abs=1e-3)


# --- second shift: fractions, fiscal years, relative bases, rounding, shares across sentences ---


def _tonnes(sentence: str, *specs: tuple[str, float, str | None]) -> list:
    """Records for (text, value, period) figures of one sentence, in tons unless a % or fraction."""
    out = []
    for text, value, period in specs:
        unit = "%" if text.endswith("%") else (None if text[0].isalpha() else "t")
        out.append(
            rec(
                "d",
                sentence,
                text,
                value,
                unit=unit,
                subject="cotton exports",
                kind="achievement",
                period=period,
            )
        )
    return out


@pytest.mark.parametrize(
    "sentence",
    [
        # a fraction word in every change grammar, with a fiscal-year period and a relative base
        "Cotton exports rose by a quarter to 412,000 tons in the 2023/24 fiscal year "
        "from 300,000 tons a year earlier.",
        "Cotton exports rose by a quarter to 412,000 tons in the fiscal year that ended in June 2024, from "
        "300,000 tons a year earlier.",
        "Cotton exports rose by one quarter, to 412,000 tons in 2023-24, "
        "compared with 300,000 tons last year.",
        "Cotton exports increased from 300,000 tons in 2022/23 to 412,000 tons in 2023/24, or by a quarter.",
        "Cotton exports were 412,000 tons in 2023/24, against 300,000 tons in 2022/23, a 25% increase.",
    ],
)
def test_relative_change_found_with_fiscal_periods(sentence: str) -> None:
    recs = _tonnes(sentence, ("412,000 tons", 412000, "2023/2024"), ("300,000 tons", 300000, "2022/2023"))
    [f] = _run(recs)
    assert f.details["implied"] == pytest.approx(375000) and f.details["stated"] == 412000


def test_fraction_word_figure_is_the_change_not_a_level() -> None:
    s = "Cotton exports rose by a quarter to 412,000 tons from 300,000 tons."
    recs = _tonnes(
        s, ("a quarter", 0.25, "2024"), ("412,000 tons", 412000, "2024"), ("300,000 tons", 300000, "2023")
    )
    [f] = _run(recs)
    assert f.details["roles"][recs[0].id] == "change" and f.details["base"] == 300000


@pytest.mark.parametrize(
    ("period", "shifted"),
    [
        ("2024", "2023"),
        ("2023/2024", "2022/2023"),
        ("2024-Q2", "2023-Q2"),
        ("2024-06", "2023-06"),
        (None, None),
    ],
)
def test_shift_period(period: str | None, shifted: str | None) -> None:
    from claimledger.checks._changes import shift_period

    assert shift_period(period) == shifted


def test_previous_fiscal_year_base_from_the_ledger() -> None:
    a = rec(
        "d",
        "Tea exports were 280 million kg in the 2022/23 fiscal year.",
        "280 million kg",
        280e6,
        unit="kg",
        subject="tea exports",
        kind="achievement",
        period="2022/2023",
    )
    s = "Tea exports of 310 million kg in the 2023/24 fiscal year were a third higher than a year earlier."
    b = rec(
        "d",
        s,
        "310 million kg",
        310e6,
        unit="kg",
        subject="tea exports",
        kind="achievement",
        period="2023/2024",
    )
    [f] = _run([a, b])
    assert f.details["base_source"] == "period" and f.details["implied"] == pytest.approx(280e6 * 4 / 3)


def test_implied_previous_year_only_in_the_same_statement() -> None:
    s1 = "Cement output was 9.6 million tons in 2023."
    s2 = "In 2024 cement output rose by a fifth to 10.1 million tons."
    base = rec(
        "d",
        s1,
        "9.6 million tons",
        9.6e6,
        unit="t",
        subject="cement output",
        kind="achievement",
        period="2023",
    )
    res = rec(
        "d",
        s2,
        "10.1 million tons",
        10.1e6,
        unit="t",
        subject="cement output",
        kind="achievement",
        period="2024",
    )
    [f] = _run([base, res])
    assert f.details["base_source"] == "implied" and "previous year" in f.message
    other = rec(
        "e",
        s1,
        "9.6 million tons",
        9.6e6,
        unit="t",
        subject="cement output",
        kind="achievement",
        period="2023",
        published="2023-06-01",
    )
    docs = {**D, "e": doc("e", "2023-06-01")}
    assert not _run([other, res], docs)  # another document's level may have another scope
    since = rec(
        "d",
        "Since 2019 cement output rose by a fifth to 10.1 million tons.",
        "10.1 million tons",
        10.1e6,
        unit="t",
        subject="cement output",
        kind="achievement",
        period="2024",
    )
    assert not _run([base, since])


def test_levels_rounded_to_their_last_digit_are_consistent() -> None:
    s = "Tax revenue rose by a quarter to 4.1 trillion rupees from 3.2 trillion rupees."
    r = rec(
        "d",
        s,
        "4.1 trillion rupees",
        4.1e12,
        unit="INR",
        subject="tax revenue",
        kind="achievement",
        period="2024",
    )
    b = rec(
        "d",
        s,
        "3.2 trillion rupees",
        3.2e12,
        unit="INR",
        subject="tax revenue",
        kind="achievement",
        period="2023",
    )
    assert not _run([r, b])  # 3.15-3.25 x 1.25 reaches 4.05
    s2 = "Public debt fell by a fifth to $40 billion from $52 billion."
    r2 = rec("d", s2, "$40 billion", 40e9, unit="USD", subject="debt", kind="achievement", period="2024")
    b2 = rec("d", s2, "$52 billion", 52e9, unit="USD", subject="debt", kind="achievement", period="2023")
    [f] = _run([r2, b2])  # whole numbers are read as written: 41.6 is not 40
    assert f.details["implied"] == pytest.approx(41.6e9)


def test_base_does_not_cross_a_contrast() -> None:
    """Regression: 'imports fell 3% to $5.1 billion' took the exports' '$3 billion' as its base."""
    s = (
        "Exports rose 8% to $3.24 billion in the second half of 2024 from $3 billion a year earlier, while "
        "imports fell 3% to $5.1 billion, the statistics bureau said."
    )
    figs = [
        rec("d", s, t, v, unit="USD", subject=subj, kind="achievement", period="2024")
        for t, v, subj in (
            ("$3.24 billion", 3.24e9, "exports"),
            ("$3 billion", 3e9, "exports"),
            ("$5.1 billion", 5.1e9, "imports"),
        )
    ]
    assert not _run(figs)


def test_change_in_real_terms_does_not_relate_money_levels() -> None:
    s = "Retail sales rose 6% in real terms to 41 trillion rupiah in 2024 from 36 trillion rupiah in 2023."
    r = rec(
        "d",
        s,
        "41 trillion rupiah",
        41e12,
        unit="IDR",
        subject="retail sales",
        kind="achievement",
        period="2024",
    )
    b = rec(
        "d",
        s,
        "36 trillion rupiah",
        36e12,
        unit="IDR",
        subject="retail sales",
        kind="achievement",
        period="2023",
    )
    assert not _run([r, b])


def _garments(
    second: str, first: str = "Exports reached $12.4 billion in 2024.", text: str | None = None, **kw: object
) -> list:
    total = rec(
        "t",
        first,
        "$12.4 billion",
        12.4e9,
        unit="USD",
        subject="exports",
        kind="achievement",
        period="2024",
        sent_start=0,
    )
    start = len(first) + (2 if text and "\n\n" in text else 1)
    part = rec(
        "t",
        second,
        "$5.1 billion",
        5.1e9,
        unit="USD",
        subject="garments",
        kind="achievement",
        period="2024",
        sent_start=start,
    )
    pct = rec(
        "t",
        second,
        str(kw.get("pct", "48%")),
        float(str(kw.get("pct", "48%")).strip("%")),
        unit="%",
        subject="garments",
        kind="achievement",
        period="2024",
        sent_start=start,
    )
    docs = {"t": doc("t", "2025-02-10", "Trade review", text=text or f"{first} {second}")}
    return _run([total, part, pct], docs)


def test_share_against_a_total_in_the_previous_sentence() -> None:
    [f] = _garments("Garments brought in $5.1 billion, or 48% of the total.")
    assert f.details["rule"] == "share" and f.details["implied_share"] == pytest.approx(41.13, abs=0.01)
    assert f.details["total_from"] == "previous sentence" and "previous sentence" in f.message
    [g] = _garments("Garments earned $5.1 billion, or 48% of all exports.")
    assert g.details["total"] == 12.4e9


@pytest.mark.parametrize(
    ("second", "kw"),
    [
        ("Garments brought in $5.1 billion, or 41% of the total.", {"pct": "41%"}),  # consistent
        ("Garments brought in $5.1 billion, 48% of which went to Europe.", {}),  # a share of the part
        ("Garments brought in $5.1 billion, or 48% of imports.", {}),  # a share of something else
        ("Garments brought in $5.1 billion, 48% more than in 2023.", {}),  # a change, not a share
    ],
)
def test_share_across_sentences_needs_a_matching_total(second: str, kw: dict) -> None:
    assert not _garments(second, **kw)


def test_share_total_not_taken_across_a_paragraph_or_when_ambiguous() -> None:
    first = "Exports reached $12.4 billion in 2024."
    second = "Garments brought in $5.1 billion, or 48% of the total."
    assert not _garments(second, first, text=f"{first}\n\n{second}")
    both = "Exports reached $12.4 billion in 2024 and imports $15 billion."
    total = rec(
        "u",
        both,
        "$12.4 billion",
        12.4e9,
        unit="USD",
        subject="exports",
        kind="achievement",
        period="2024",
        sent_start=0,
    )
    other = rec(
        "u",
        both,
        "$15 billion",
        15e9,
        unit="USD",
        subject="imports",
        kind="achievement",
        period="2024",
        sent_start=0,
    )
    part = rec(
        "u",
        second,
        "$5.1 billion",
        5.1e9,
        unit="USD",
        subject="garments",
        kind="achievement",
        period="2024",
        sent_start=len(both) + 1,
    )
    pct = rec(
        "u",
        second,
        "48%",
        48,
        unit="%",
        subject="garments",
        kind="achievement",
        period="2024",
        sent_start=len(both) + 1,
    )
    assert not _run([total, other, part, pct], {"u": doc("u", "2025-02-10", text=f"{both} {second}")})


@pytest.mark.parametrize(
    "second",
    [
        "Of this, garments accounted for $5.1 billion (48%).",
        "Garments made up 48% of the total, at $5.1 billion.",
        "Garment exports, at $5.1 billion, made up 48% of the total.",
        "Garments brought in $5.1 billion, a 48% share.",
    ],
)
def test_share_forms_against_the_previous_total(second: str) -> None:
    [f] = _garments(second)
    assert f.details["total"] == 12.4e9 and f.details["stated_share"] == 48


def test_share_of_a_total_followed_by_of_which() -> None:
    s = "Exports reached $12.4 billion in 2024, of which garments $5.1 billion, or 48 percent."
    figs = [
        rec("d", s, t, v, unit=u, subject="exports", kind="achievement", period="2024")
        for t, v, u in (
            ("$12.4 billion", 12.4e9, "USD"),
            ("$5.1 billion", 5.1e9, "USD"),
            ("48 percent", 48, "%"),
        )
    ]
    [f] = _run(figs)
    assert f.details["total_from"] == "sentence"
    assert not _garments("Garments brought in $5.1 billion, a 48% share of the EU market.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Fish exports totalled $1.4 billion in 2024, compared with $1.0 billion in 2023, an increase of 25%.",
        "Fish exports rose from $1.0 billion in 2023 to $1.4 billion in 2024, or 25%.",
        "At $1.4 billion, fish exports in 2024 were a quarter above the previous year's $1.0 billion.",
    ],
)
def test_change_stated_after_both_levels(sentence: str) -> None:
    figs = [
        rec("d", sentence, t, v, unit="USD", subject="fish exports", kind="achievement", period=p)
        for t, v, p in (("$1.4 billion", 1.4e9, "2024"), ("$1.0 billion", 1.0e9, "2023"))
    ]
    [f] = _run(figs)
    assert f.details["implied"] == pytest.approx(1.25e9) and f.details["base"] == 1.0e9


def test_or_n_percent_of_the_total_is_a_share_not_a_change() -> None:
    s = "Garment exports rose from $4 billion to $5.1 billion, or 41% of the total."
    figs = [
        rec("d", s, t, v, unit=u, subject="garment exports", kind="achievement", period="2024")
        for t, v, u in (("$4 billion", 4e9, "USD"), ("$5.1 billion", 5.1e9, "USD"), ("41%", 41, "%"))
    ]
    assert not [f for f in _run(figs) if f.details["rule"] == "change"]


def test_a_part_stated_with_its_own_share_is_not_the_next_shares_total() -> None:
    """Regression: 'Leather made up 2.4% of the total, at $1.07 billion. Jute brought in $0.85 billion,
    a 1.9% share.' took $1.07 billion as the total of the jute share."""
    s1 = "Leather goods made up 2.4% of the total, at $1.07 billion."
    s2 = "Jute products brought in $0.85 billion, a 1.9% share."
    a = rec(
        "j",
        s1,
        "2.4%",
        2.4,
        unit="%",
        subject="leather goods",
        kind="achievement",
        period="2024",
        sent_start=0,
    )
    b = rec(
        "j",
        s1,
        "$1.07 billion",
        1.07e9,
        unit="USD",
        subject="leather goods",
        kind="achievement",
        period="2024",
        sent_start=0,
    )
    c = rec(
        "j",
        s2,
        "$0.85 billion",
        0.85e9,
        unit="USD",
        subject="jute products",
        kind="achievement",
        period="2024",
        sent_start=len(s1) + 1,
    )
    d = rec(
        "j",
        s2,
        "1.9%",
        1.9,
        unit="%",
        subject="jute products",
        kind="achievement",
        period="2024",
        sent_start=len(s1) + 1,
    )
    assert not _run([a, b, c, d], {"j": doc("j", "2025-02-10", text=f"{s1} {s2}")})


def test_made_up_is_not_a_rise() -> None:
    s = "Leather goods made up 2.4% of exports, at $1.07 billion."
    assert not find_changes(
        s, [rec("d", s, "$1.07 billion", 1.07e9, unit="USD"), rec("d", s, "2.4%", 2.4, unit="%")]
    )


def test_ledger_base_far_off_is_the_wrong_base() -> None:
    a = rec(
        "d",
        "Garment exports were $36.5 billion in 2023.",
        "$36.5 billion",
        36.5e9,
        unit="USD",
        subject="garment exports",
        kind="achievement",
        period="2023",
    )
    b = rec(
        "d",
        "In 2024 garment exports rose 2.4% to $1.07 billion.",
        "$1.07 billion",
        1.07e9,
        unit="USD",
        subject="garment exports",
        kind="achievement",
        period="2024",
    )
    assert not _run([a, b])


def test_per_capita_against_a_wrong_population_is_not_reported() -> None:
    gdp = rec(
        "d",
        "GDP reached $25.8 billion in 2024.",
        "$25.8 billion",
        25.8e9,
        kind="achievement",
        subject="GDP",
        period="2024",
        unit="USD",
    )
    pop = rec(
        "d",
        "The population of the capital was 300,000 people in 2024.",
        "300,000",
        3e5,
        kind="achievement",
        subject="population",
        period="2024",
    )
    pc = rec(
        "d",
        "GDP per capita was $10,100 in 2024.",
        "$10,100",
        10100,
        kind="achievement",
        subject="GDP per capita",
        period="2024",
        unit="USD",
    )
    assert not _run([gdp, pop, pc])  # $86,000 a head: the wrong population, not a slip


def test_a_change_reads_the_stored_relations_before_the_sentence() -> None:
    """The extractor's frame relations decide which level an amount of change describes
    (``change_by``) and its baseline (``change_from``); the grammar's reading of the words
    ("to X", "from Y") is only the fallback for figures without them."""
    from dataclasses import replace

    from claimledger.models import Frame, Measure, Relation

    s = "Exports rose 15% to $5 billion, and imports reached $6 billion from $5.2 billion."
    pct = rec("d", s, "15%", 15, unit="%", period="2024")
    x = rec("d", s, "$5 billion", 5e9, unit="USD", period="2024")
    y = rec("d", s, "$6 billion", 6e9, unit="USD", period="2024")
    z = rec("d", s, "$5.2 billion", 5.2e9, unit="USD", period="2024")
    [by_words] = find_changes(s, [pct, x, y, z])
    assert by_words.result is x  # the figure after "to"

    def framed(r: ClaimRecord, *rels: Relation) -> ClaimRecord:
        return replace(r, frame=Frame(Measure("exports", "exports"), None, (), "actual", relations=rels))

    pct2 = framed(pct, Relation("change_by", y.id))
    y2 = framed(y, Relation("change_from", z.id))
    [typed] = find_changes(s, [pct2, x, y2, z])
    assert typed.result is y2 and typed.base is z and typed.factor == pytest.approx(1.15)


@pytest.mark.parametrize(
    ("sentence", "lo", "hi"),
    [
        # a bound is open on its side (issue 11): "more than tripled" holds for 4.2x too
        ("Complaints more than tripled to 5,100 from 1,350.", 3.0, float("inf")),
        ("Fees rose by more than 20% to 600 from 450.", 1.195, float("inf")),  # "20%": 19.5-
        ("Thefts fell by more than a third to 400 from 900.", 0.0, 2 / 3),
        ("Fees rose by less than 5% to 470 from 450.", 0.995, 1.055),
        # a qualifier that approaches keeps its span
        ("Fees almost doubled to 880 from 450.", 1.9, 2.0),
    ],
)
def test_change_bounds_are_open_on_their_side(sentence: str, lo: float, hi: float) -> None:
    figs = [rec("d", sentence, t, 1.0) for t in _figures(sentence)]
    [ch] = find_changes(sentence, figs)
    assert ch.lo == pytest.approx(lo, abs=1e-9) and ch.hi == pytest.approx(hi, abs=1e-9)


def test_more_than_tripled_is_not_an_error_but_a_short_fall_is() -> None:
    s = "Complaints more than tripled to 5,100 in 2024 from 1,350 in 2023."
    r = rec("d", s, "5,100", 5100, kind="achievement", subject="complaints", period="2024")
    b = rec("d", s, "1,350", 1350, kind="achievement", subject="complaints", period="2023")
    assert _run([r, b]) == []
    s2 = "Complaints more than tripled to 3,600 in 2024 from 1,350 in 2023."
    r2 = rec("d", s2, "3,600", 3600, kind="achievement", subject="complaints", period="2024")
    b2 = rec("d", s2, "1,350", 1350, kind="achievement", subject="complaints", period="2023")
    [f] = _run([r2, b2])
    assert f.severity == "error" and f.details["factor_range"][1] is None
