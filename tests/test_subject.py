"""Subjects: what a figure measures (stage subject.v3)."""

from __future__ import annotations

import pytest

from claimledger import extract
from claimledger.extract.subject import clean


def subject_of(text: str, surface: str, date: str = "2024-06-01") -> str:
    for c in extract(text, date):
        if c.quantity is not None and surface in c.quantity.text:
            return c.subject
    raise AssertionError(f"no quantity {surface!r}")


@pytest.mark.parametrize(
    "text,surface,subject",
    [
        ("GDP per capita reached almost $13,000 last year.", "13,000", "gdp per capita"),
        (
            "Last year 18 million square meters of housing were commissioned.",
            "18 million",
            "housing completed",
        ),
        ("7,000 km of highways were built or repaired.", "7,000", "highways completed"),
        (
            "The republican budget for 2024-2026 provides for spending of over 23.9 trillion tenge.",
            "23.9",
            "republican budget spending",
        ),
        ("The deficit is planned at over 3.5 trillion tenge.", "3.5", "budget deficit"),
        ("Inflation is forecast at 6-8% in 2024.", "6-8%", "inflation"),
        (
            "Foreign direct investment into new projects reached $15.7 billion.",
            "15.7",
            "foreign direct investment into new projects",
        ),
        ("Farmers gathered a record grain harvest of nearly 27 million tons.", "27 million", "grain harvest"),
        ("Small and medium-sized businesses employ 4.3 million people.", "4.3 million", "sme employment"),
        ("Astana Hub has over 1,500 participants.", "1,500", "astana hub participants"),
        ("Kazakhstan ranks 24th in the UN e-government ranking.", "24", "un e-government ranking"),
        ("The economy grew by 5.6 percent in 2023.", "5.6", "gdp growth"),
        ("According to the IMF, gross domestic product exceeded $259 billion in 2023.", "259", "gdp"),
        ("Economic growth this year is expected at 3-4%.", "3-4%", "gdp growth"),
        (
            "Energy projects with a capacity of over 600 MW will be commissioned.",
            "600",
            "energy projects capacity",
        ),
        ("The budget assumes an oil price of $80 per barrel.", "$80", "oil price"),
        (
            "Average travel time between Tbilisi and Batumi is expected to fall to about 4 hours.",
            "4 hours",
            "average travel time",
        ),
        ("We have allocated KSh 656.6 billion to education.", "656.6", "education allocation"),
    ],
)
def test_subject(text: str, surface: str, subject: str) -> None:
    assert subject_of(text, surface) == subject


def test_a_figure_qualifying_another_shares_its_subject() -> None:
    text = "GDP exceeded $259 billion in 2023, which is 15% more than in 2022."
    assert {c.subject for c in extract(text, "2024-01-08")} == {"gdp"}


def test_elliptical_figure_takes_its_antecedent() -> None:
    text = "217 schools for 460,000 pupils are being built; 105 of them have already been completed."
    subjects = [c.subject for c in extract(text, "2025-01-06")]
    assert subjects[0] == "schools" and subjects[-1] == "schools completed"


@pytest.mark.parametrize(
    "words,phrase",
    [
        (["the", "total", "spending"], "spending"),
        (["a", "record", "grain", "harvest"], "grain harvest"),
        (["gross", "domestic", "product", "per", "capita"], "gdp per capita"),
        (["the", "deficit"], "budget deficit"),
        (["over", "200", "projects"], "projects"),
        (["small", "and", "medium-sized", "enterprises"], "sme"),
        (["one", "two", "three", "four", "five", "six", "seven", "eight"], "one two three four five six"),
    ],
)
def test_clean(words: list[str], phrase: str) -> None:
    assert clean(words) == phrase


def test_subjects_are_short_lower_case_and_free_of_figures() -> None:
    from claimledger.corpus import load_corpus

    for doc in load_corpus():
        for c in extract(doc.text, doc.published, source=doc.id):
            assert c.subject == c.subject.lower()
            assert len(c.subject.split()) <= 6
            assert not any(w.isdigit() for w in c.subject.split()), c.subject


def test_regression_this_figure_restates_the_figure_before() -> None:
    text = (
        "Foreign investment in new projects reached $15.7 billion in 2024. "
        "This figure accounts for 63 percent of the total investment in the region."
    )
    claims = extract(text, "2025-01-06")
    assert [c.period for c in claims] == ["2024", "2024"]
    assert claims[1].kind == "achievement"


def test_commitment_subjects_name_the_outcome() -> None:
    (c,) = [c for c in extract("Astana will host the World Nomad Games in September.", "2024-01-08")]
    assert c.subject == "world nomad games held"
    (c,) = [c for c in extract("The new bypass will open in November.", "2024-03-14")]
    assert c.subject == "bypass opened"


def test_respectively_splits_a_coordinated_subject() -> None:
    claims = extract("Exports and imports rose by 12% and 8%, respectively, in 2024.", "2025-02-01")
    assert [c.subject for c in claims] == ["exports", "imports"]


def test_a_figure_in_parentheses_measures_the_phrase_before_them() -> None:
    claims = extract(
        "Industrial output (up 3.5% year-on-year) reached 45 trillion tenge in 2024.", "2025-02-01"
    )
    assert {c.subject for c in claims} == {"industrial output"}


@pytest.mark.parametrize(
    "text,date,subjects",
    [
        (
            "Astana airport passenger traffic up 18% in 2023",
            "2024-03-04",
            ["astana airport passenger traffic"],
        ),
        (
            "The committee lowered the Central Bank Rate to 12.00 percent from 12.75 percent.",
            "2024-10-08",
            ["central bank rate", "central bank rate"],
        ),
        (
            "In 2024, 1.3 trillion tenge will be spent on targeted social assistance.",
            "2024-04-30",
            ["targeted social assistance spending"],
        ),
    ],
)
def test_headline_object_and_spending_subjects(text: str, date: str, subjects: list[str]) -> None:
    assert [c.subject for c in extract(text, date)] == subjects


@pytest.mark.parametrize(
    "text,surface,subject",
    [
        (
            "Uruguay has climbed to 31st place among 146 countries in the press freedom index.",
            "31st",
            "press freedom index",
        ),
        ("Georgia was ranked 7th out of 190 economies with a score of 83.7.", "83.7", "georgia rank score"),
        ("Car sales fell to 41,000 units in 2024.", "41,000", "car sales"),
        ("The central bank now sees inflation averaging 4.2% in 2025.", "4.2%", "inflation"),
        (
            "The Bank expects wage growth to average 3.8% and core inflation 2.9% this year.",
            "2.9%",
            "core inflation",
        ),
        (
            "The operator has built 640 km of pipeline, and the grid will eventually span 1,500 km.",
            "1,500",
            "grid",
        ),
    ],
)
def test_subjects_second_shift(text: str, surface: str, subject: str) -> None:
    assert subject_of(text, surface) == subject


@pytest.mark.parametrize(
    "text,surface,subject",
    [
        # the measured noun phrase, not the actor
        ("Canberra projects the net debt ratio at 21.4% in 2025-26.", "21.4%", "net debt ratio"),
        ("The Monetary Policy Committee voted to hold the base rate at 16.5%.", "16.5%", "base rate"),
        ("The regulator will keep the reserve ratio at 7%.", "7%", "reserve ratio"),
        ("The state firm pumped 2.9 million barrels a day in March.", "2.9 million", "oil production"),
        ("The ministry will spend $640 million on rural clinics.", "$640 million", "rural clinics spending"),
        ("The development bank approved a $310 million loan for Malawi.", "$310 million", "loan for malawi"),
        # no trailing verbs, no fragments, no HTML residue
        ("The refinancing rate now stands at 8.25%.", "8.25%", "refinancing rate"),
        ("Household debt stands at 61% of GDP.", "61%", "household debt"),
        ("R&amp;D intensity rose to 1.9% of GDP in 2023.", "1.9%", "r&d intensity"),
        ("The old tariff was 12 cents; the new one is 15 cents.", "12 cents", "tariff"),
        ("The ministry set a range of 4-5% for wage growth.", "4-5%", "wage growth"),
        (
            "The hotel, originally budgeted at $90 million, is now expected to cost $150 million.",
            "$90 million",
            "hotel cost",
        ),
        ("The scheme, launched in 2020, has so far cost 1.9 billion lari.", "1.9 billion", "scheme cost"),
        ("Unemployment, currently 7.9%, is forecast to fall to 6.5% in 2026.", "7.9%", "unemployment"),
        ("Unemployment, currently 7.9%, is forecast to fall to 6.5% in 2026.", "6.5%", "unemployment"),
        ("Remittances, at $3.1 billion, were flat.", "$3.1 billion", "remittances"),
        ("The rice production target has been set at 12 million tonnes.", "12 million", "rice production"),
        # a target is named tense-neutrally: the same indicator as the active form
        ("Some 40,000 flats will be built by 2027.", "40,000", "flats"),
        ("The city will build 40,000 flats by 2027.", "40,000", "flats"),
    ],
)
def test_subjects_name_the_measure(text: str, surface: str, subject: str) -> None:
    assert subject_of(text, surface) == subject


@pytest.mark.parametrize(
    "text,surface,subject",
    [
        # a sentence with a measure noun of its own does not take the one before
        (
            "Exports rose 8% last year. The city will spend $90 million on parks.",
            "$90 million",
            "parks spending",
        ),
        (
            "Exports rose 8% last year. Remittances, at $3.1 billion, were flat.",
            "$3.1 billion",
            "remittances",
        ),
    ],
)
def test_no_subject_leaks_from_the_sentence_before(text: str, surface: str, subject: str) -> None:
    assert subject_of(text, surface) == subject


@pytest.mark.parametrize(
    "text,surface,subject",
    [
        # an object without a noun of its own continues the figure before, not the actor
        (
            "The agency paved 420 km of highway in 2023, and it plans to pave another 300 km by 2026.",
            "300 km",
            "highway",
        ),
        ("The contractor laid 35 km of cable in 2023 and will lay 50 km more in 2024.", "50 km", "cable"),
        # money set aside for a period and a purpose
        (
            "A sum of 800 billion kip has been earmarked for 2025 for school repairs.",
            "800 billion",
            "school repairs allocation",
        ),
    ],
)
def test_objects_without_their_own_noun(text: str, surface: str, subject: str) -> None:
    assert subject_of(text, surface) == subject


@pytest.mark.parametrize(
    "text,surface,subject",
    [
        # a list item without a noun of its own is the measure of the item before
        ("The central bank now sees inflation averaging 6.1% in 2025 and 4.8% in 2026.", "4.8%", "inflation"),
        # a place after the measure stays in its name
        (
            "The Commission expects investment growth in the euro area of 2.2% in 2025.",
            "2.2%",
            "investment growth in euro area",
        ),
        # the ranking that places a country
        ("The World Bank survey places Armenia 47th among 190 economies.", "47th", "world bank survey"),
        # goal nouns are not measures: the figure before names it
        ("Inflation slowed to 7.4% in 2024, above the target range of 4-6%.", "4-6%", "inflation"),
        ("Tax revenues reached 12.1 trillion dram, or 97.5% of the plan.", "97.5%", "tax revenues"),
        # the rate a verb of setting acts on, past a goal-noun modifier
        (
            "The Bank of Canada cut the target for the overnight rate by 50 basis points to 3.75%.",
            "3.75%",
            "target for overnight rate",
        ),
        # an adverb between the figure and what it is for
        (
            "Donors will provide $12 billion annually in adaptation finance by 2030.",
            "$12 billion",
            "adaptation finance",
        ),
    ],
)
def test_subjects_of_lists_places_rankings_and_goals(text: str, surface: str, subject: str) -> None:
    assert subject_of(text, surface) == subject


@pytest.mark.parametrize(
    "text,surface,subject",
    [
        ("Industry grew 3.9 percent and agriculture 1.7 percent in 2024.", "1.7", "agriculture"),
        ("The World Bank expects growth of 2.8% this year, with inflation averaging 6%.", "6%", "inflation"),
        ("Analysts now project the policy rate will fall to 9% by December.", "9%", "policy rate"),
        # a goal stated after a result is named without the result's completion verb
        (
            "Last year the country attracted $2.1 billion of foreign investment. "
            "This year the target is $3 billion.",
            "$3 billion",
            "foreign investment",
        ),
    ],
)
def test_subjects_of_gapped_sectors_gerunds_and_goals(text: str, surface: str, subject: str) -> None:
    assert subject_of(text, surface, "2025-03-01") == subject


@pytest.mark.parametrize(
    "text,surface,subject",
    [
        ("Four of the nine planned clinics have opened.", "Four", "clinics opened"),
        ("For 2025-26, Rs 480 crore has been set aside for the programme.", "480", "programme allocation"),
        ("Under the Finance Act, 2023, the threshold is 5 lakh rupees.", "5 lakh", "threshold"),
    ],
)
def test_subjects_of_parts_set_asides_and_thresholds(text: str, surface: str, subject: str) -> None:
    assert subject_of(text, surface, "2025-02-01") == subject


@pytest.mark.parametrize(
    "text,surface,subject",
    [
        # a country, government or company that acts is not what its figure measures
        ("Last year Kazakhstan attracted $15.7 billion.", "15.7", "investment attracted"),
        ("In 2024, Uzbekistan attracted $35 billion in investment.", "35", "investment attracted"),
        ("Rwanda attracted a record $2.1 billion last year.", "2.1", "investment attracted"),
        ("The country attracted $15.7 billion worth of investment in 2024.", "15.7", "investment attracted"),
        ("Vietnam exported $355 billion worth of goods in 2023.", "355", "goods exported"),
        ("Kenya received $1.2 billion from the IMF.", "1.2", "funding received"),
        ("Ghana borrowed $3 billion last year.", "$3 billion", "borrowing"),
        ("The Kenya Revenue Authority collected KSh 2.4 trillion.", "2.4", "revenue collected"),
        # the object's own noun phrase wins over the verb's default
        (
            "Kazakhstan attracted $15.7 billion of foreign direct investment.",
            "15.7",
            "foreign direct investment attracted",
        ),
        ("The ministry allocated 500 billion tenge to road repair.", "500", "road repair allocation"),
        ("The government spent $2 billion on healthcare.", "$2 billion", "healthcare spending"),
        # a measure that is the subject of its verb stays the subject
        ("Kazakhstan's exports reached $80 billion.", "80", "kazakhstan exports"),
        ("Foreign direct investment reached $15.7 billion.", "15.7", "foreign direct investment"),
    ],
)
def test_the_actor_is_not_the_measure(text: str, surface: str, subject: str) -> None:
    assert subject_of(text, surface, "2025-01-10") == subject
