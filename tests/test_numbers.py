"""The ``numbers`` stage: table-driven cases, what is not a figure, and round trips.

Each table row is ``(sentence, expected)`` where ``expected`` lists the quantities in
order as ``(span text, value, qualifier, unit, noun)``; a range gives ``(low, high)`` as
its value.  The rows come from the issue and from the kinds of sentences statements and
news reports contain; none is special-cased in the engine.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.extract import numbers
from claimledger.models import QUALIFIERS, Quantity

Row = tuple[str, float | tuple[float, float], str, str | None, str | None]


def find(text: str) -> list[Quantity]:
    return numbers.find(text, 0, len(text))


def _check(text: str, got: list[Quantity], want: list[Row]) -> None:
    summary = [
        (q.text, q.value if q.value is not None else (q.low, q.high), q.qualifier, q.unit, q.noun)
        for q in got
    ]
    assert len(got) == len(want), f"{text!r}: {summary}"
    for q, (span, value, qual, unit, noun) in zip(got, want, strict=True):
        assert q.text == span, summary
        if isinstance(value, tuple):
            assert q.value is None and q.low is not None and q.high is not None, summary
            assert math.isclose(q.low, value[0]) and math.isclose(q.high, value[1]), summary
        else:
            assert q.value is not None and math.isclose(q.value, value, rel_tol=1e-12), summary
        assert (q.qualifier, q.unit, q.noun) == (qual, unit, noun), summary


BRIEF: list[tuple[str, list[Row]]] = [
    (
        "Kazakhstan's GDP exceeded $259 billion in 2023.",
        [("exceeded $259 billion", 2.59e11, "at_least", "USD", None)],
    ),
    (
        "The goal is to double the economy to $450 billion by 2029.",
        [("$450 billion", 4.5e11, "exact", "USD", None)],
    ),
    ("FDI reached $15.7 billion.", [("$15.7 billion", 1.57e10, "exact", "USD", None)]),
    ("GDP stood at 259 billion dollars.", [("259 billion dollars", 2.59e11, "exact", "USD", None)]),
    ("It should rise to 16,800 USD by 2028.", [("16,800 USD", 16800, "exact", "USD", None)]),
    ("Spending of 23.9 trillion tenge.", [("23.9 trillion tenge", 2.39e13, "exact", "KZT", None)]),
    ("A loan of €2bn was signed.", [("€2bn", 2e9, "exact", "EUR", None)]),
    ("The state approved Rs 500 crore for roads.", [("Rs 500 crore", 5e9, "exact", "INR", None)]),
    (
        "Profit was £3bn and costs $5m.",
        [("£3bn", 3e9, "exact", "GBP", None), ("$5m", 5e6, "exact", "USD", None)],
    ),
    ("Inflation of 6-8 percent in 2024.", [("6-8 percent", (6, 8), "range", "%", None)]),
    ("Growth of 5.5-7.5 percent is expected.", [("5.5-7.5 percent", (5.5, 7.5), "range", "%", None)]),
    ("Growth is expected at from 3 to 4%.", [("from 3 to 4%", (3, 4), "range", "%", None)]),
    ("between 2 and 3 million visitors", [("between 2 and 3 million", (2e6, 3e6), "range", None, "visitor")]),
    ("Energy projects of over 600 MW this year.", [("over 600 MW", 600, "at_least", "MW", None)]),
    ("The harvest was nearly 27 million tons.", [("nearly 27 million tons", 2.7e7, "approx", "t", None)]),
    ("almost 700 local akims were elected", [("almost 700", 700, "approx", None, "akim")]),
    (
        "More than ten branches of foreign universities opened.",
        [("More than ten", 10, "at_least", None, "branch")],
    ),
    ("SMEs employ 4.3 million people.", [("4.3 million", 4.3e6, "exact", None, "person")]),
    ("The city has 105 schools.", [("105", 105, "exact", None, "school")]),
    ("Oil is assumed at $80 per barrel.", [("$80 per barrel", 80, "exact", "USD/bbl", None)]),
    ("Oil is assumed at $80 a barrel.", [("$80 a barrel", 80, "exact", "USD/bbl", None)]),
    # the next item's rank is no part of a figure: "2" is not added to 212 million
    (
        "Largest: 1. Brazil 212 million 2. Nigeria 206 million",
        [
            ("1", 1, "exact", None, None),
            ("212 million", 212e6, "exact", None, None),
            ("2", 2, "exact", None, None),
            ("206 million", 206e6, "exact", None, None),
        ],
    ),
    # a comma ends the figure: "per capita" labels the next one
    (
        "GDP: $2.1 billion, per capita $410.",
        [("$2.1 billion", 2.1e9, "exact", "USD", None), ("$410", 410, "exact", "USD", None)],
    ),
    ("Astana Hub has over 1,500 participants.", [("over 1,500", 1500, "at_least", None, "participant")]),
    ("Kazakhstan ranks 24th in the UN e-government ranking.", [("24th", 24, "exact", None, "rank")]),
    (
        "18 million m2 of housing and 7,000 km of highways were built.",
        [("18 million m2", 1.8e7, "exact", "m2", None), ("7,000 km", 7000, "exact", "km", None)],
    ),
    ("GDP per capita should grow by a third.", [("a third", 1 / 3, "exact", None, None)]),
    ("Two-thirds of households have internet.", [("Two-thirds", 2 / 3, "exact", None, "household")]),
    (
        "It grew 88% and reached 63% of the total.",
        [("88%", 88, "exact", "%", None), ("63%", 63, "exact", "%", None)],
    ),
    ("The rate rose by 0.5 percentage points.", [("0.5 percentage points", 0.5, "exact", "pp", None)]),
    ("half a dozen plants", [("half a dozen", 6, "exact", None, "plant")]),
    ("a dozen eggs", [("a dozen", 12, "exact", None, "egg")]),
    ("twenty-five teachers", [("twenty-five", 25, "exact", None, "teacher")]),
    ("two hundred scientists", [("two hundred", 200, "exact", None, "scientist")]),
    ("Temperatures fell to -5 °C.", [("-5 °C", -5, "exact", "°C", None)]),
    ("The index rose to 1 500 points.", [("1 500", 1500, "exact", None, "point")]),
    ("a budget of 1\u202f200 million euros", [("1\u202f200 million euros", 1.2e9, "exact", "EUR", None)]),
    ("Wheat yields reached 2.1 t/ha.", [("2.1 t/ha", 2.1, "exact", "t/ha", None)]),
    (
        "Output of 1.78 million barrels per day.",
        [("1.78 million barrels per day", 1.78e6, "exact", "bbl/d", None)],
    ),
    ("The fare is $1.40 a share.", [("$1.40 a share", 1.4, "exact", "USD/share", None)]),
    ("They paid 50 cents.", [("50 cents", 0.5, "exact", "USD", None)]),
    ("Speed was limited to 90 km/h.", [("90 km/h", 90, "exact", "km/h", None)]),
    (
        "It costs 100 yuan, or 1,300 rubles.",
        [("100 yuan", 100, "exact", "CNY", None), ("1,300 rubles", 1300, "exact", "RUB", None)],
    ),
    ("Revenue of KSh 2.7 trillion.", [("KSh 2.7 trillion", 2.7e12, "exact", "KES", None)]),
    ("Up to 700 workers will be cut.", [("Up to 700", 700, "at_most", None, "worker")]),
    ("Some 325 kilometres northwest of the capital.", [("Some 325 kilometres", 325, "approx", "km", None)]),
    ("The bank cut rates by 25 basis points.", [("25 basis points", 0.25, "exact", "pp", None)]),
]

LISTS: list[tuple[str, list[Row]]] = [
    (
        "Spending of over 23.9 trillion tenge in 2024, 23.8 trillion in 2025 and 25.1 trillion in 2026.",
        [
            ("over 23.9 trillion tenge", 2.39e13, "at_least", "KZT", None),
            ("23.8 trillion", 2.38e13, "at_least", "KZT", None),
            ("25.1 trillion", 2.51e13, "at_least", "KZT", None),
        ],
    ),
    (
        "Deficits of 3.5, 3.6 and 3.9 trillion tenge.",
        [
            ("3.5", 3.5e12, "exact", "KZT", None),
            ("3.6", 3.6e12, "exact", "KZT", None),
            ("3.9 trillion tenge", 3.9e12, "exact", "KZT", None),
        ],
    ),
    (
        "The deficit is planned at over 3.5 trillion, 3.6 trillion and 3.9 trillion tenge respectively.",
        [
            ("over 3.5 trillion", 3.5e12, "at_least", "KZT", None),
            ("3.6 trillion", 3.6e12, "at_least", "KZT", None),
            ("3.9 trillion tenge", 3.9e12, "at_least", "KZT", None),
        ],
    ),
    (
        "Inflation of 6-8% in 2024, 5.5-7.5% in 2025 and 5% in 2026-2028.",
        [
            ("6-8%", (6, 8), "range", "%", None),
            ("5.5-7.5%", (5.5, 7.5), "range", "%", None),
            ("5%", 5, "exact", "%", None),
        ],
    ),
    (
        "Output will reach 3.2 million barrels per day in 2029, up from 2.8 million in 2024.",
        [
            ("3.2 million barrels per day", 3.2e6, "exact", "bbl/d", None),
            ("2.8 million", 2.8e6, "exact", "bbl/d", None),
        ],
    ),
    (
        "217 schools for 460,000 pupils, of which 105 are already built.",
        [
            ("217", 217, "exact", None, "school"),
            ("460,000", 460000, "exact", None, "pupil"),
            ("105", 105, "exact", None, None),
        ],
    ),
]

NEWS: list[tuple[str, list[Row]]] = [
    # regressions from news-style sentences
    ("Output reached 3.6m barrels a day and 2m people were employed.",
     [("3.6m barrels a day", 3.6e6, "exact", "bbl/d", None), ("2m", 2e6, "exact", None, "person")]),
    ("The wall is 3m high.", [("3m", 3, "exact", "m", None)]),
    ("Samsung will invest 2.5 trillion won.", [("2.5 trillion won", 2.5e12, "exact", "KRW", None)]),
    ("The fund has Dh 500 million.", [("Dh 500 million", 5e8, "exact", "AED", None)]),
    ("half a million stayed", [("half a million", 5e5, "exact", None, None)]),
    ("The project costs $1.2-1.5 billion.", [("$1.2-1.5 billion", (1.2e9, 1.5e9), "range", "USD", None)]),
    ("It rose from $1.2bn in 2023 to $1.5bn in 2024.",
     [("$1.2bn", 1.2e9, "exact", "USD", None), ("$1.5bn", 1.5e9, "exact", "USD", None)]),
    ("Output of 1.5 billion U.S. dollars.", [("1.5 billion U.S. dollars", 1.5e9, "exact", "USD", None)]),
    ("Inflation was 8,5% in August.", [("8,5%", 8.5, "exact", "%", None)]),
    ("Two in three adults have a bank account.", [("Two in three", 2 / 3, "exact", None, "adult")]),
    ("A 6.5-magnitude earthquake struck.", [("6.5-magnitude", 6.5, "exact", None, None)]),
    ("The wheat harvest averaged 12.3 centners per hectare.",
     [("12.3 centners per hectare", 1.23, "exact", "t/ha", None)]),
    ("Spending on maintenance amounted to GEL 240 million, 8% less than planned.",
     [("GEL 240 million", 2.4e8, "exact", "GEL", None), ("8%", 8, "exact", "%", None)]),
    ("The number of taxpayers rose by 15 percent to 7.2 million.",
     [("15 percent", 15, "exact", "%", None), ("7.2 million", 7.2e6, "exact", None, None)]),
    # points against percent (issue 11): a change, the new level and the baseline, not a range;
    # a range of changes with no baseline stays a range
    ("The jobless rate rose 3 percent to 8.0% in April from 5.0% a year earlier.",
     [("3 percent", 3, "exact", "%", None), ("8.0%", 8, "exact", "%", None),
      ("5.0%", 5, "exact", "%", None)]),
    ("Prices are expected to rise 6% to 8% next year.", [("6% to 8%", (6, 8), "range", "%", None)]),
    ("It only cost 3 dollars 50 cents.", [("3 dollars 50 cents", 3.5, "exact", "USD", None)]),
    ("He is 5 feet 2 inches tall.", [("5 feet 2 inches", 5 + 2 / 12, "exact", "ft", None)]),
    ("a 2 million-strong army", [("2 million", 2e6, "exact", None, None)]),
    ("a 1,000-bed hospital", [("1,000", 1000, "exact", None, None)]),
    ("a 3-fold increase", [("3-fold", 3, "exact", None, None)]),
    ("Kazakhstan moved up to 24th position.", [("24th", 24, "exact", None, "rank")]),
    ("Kazakhstan ranks first in the region.", [("first", 1, "exact", None, "rank")]),
    ("the 40-plus countries", [("40-plus", 40, "at_least", None, "country")]),
    ("200-odd delegates", [("200-odd", 200, "approx", None, "delegate")]),
    ("people aged 65 and over", [("65 and over", 65, "at_least", None, None)]),
    ("inflation of 3.2pc, and 5 PCs", [("3.2pc", 3.2, "exact", "%", None), ("5", 5, "exact", None, "pc")]),
    # not phones, dates or year spans, next to ones that are
    ("Revenue in 2023–24 was 4% higher, and the 1 250 000 voters of +7 701 555 12 34 voted.",
     [("4%", 4, "exact", "%", None), ("1 250 000", 1.25e6, "exact", None, "voter")]),
    ("Prices rose 6–7% from May 2 to 9, and by 12 percent from 3 to 10 June.",
     [("6–7%", (6, 7), "range", "%", None), ("12 percent", 12, "exact", "%", None)]),
    ("Section 5 sets the levy at 3 to 5 percent in 2024—25.",
     [("3 to 5 percent", (3, 5), "range", "%", None)]),
]  # fmt: skip

RANKS: list[tuple[str, list[Row]]] = [
    # positions reached or left by a movement, and the ranks listed with them
    ("Vietnam climbed to 37th in the index, up from 46th in 2021 and 59th in 2017.",
     [("37th", 37, "exact", None, "rank"), ("46th", 46, "exact", None, "rank"),
      ("59th", 59, "exact", None, "rank")]),
    ("Chile dropped to 29th, from 22nd a year before.",
     [("29th", 29, "exact", None, "rank"), ("22nd", 22, "exact", None, "rank")]),
    ("The university fell to 112th this year; it hosted the 3rd Asian Games.",
     [("112th", 112, "exact", None, "rank")]),
    ("Exports rose to 5th place among suppliers, down from 3rd.",
     [("5th", 5, "exact", None, "rank"), ("3rd", 3, "exact", None, "rank")]),
    ("The office moved to 4th floor and the 19th century hall reopened.", []),
    ("Ghana was 72nd in the Corruption Perceptions Index, and Chile 26th out of 180.",
     [("72nd", 72, "exact", None, "rank"), ("26th", 26, "exact", None, "rank"),
      ("180", 180, "exact", None, None)]),
    ("She finished the 2nd year of her degree and stood 8th in the 2025 standings.",
     [("8th", 8, "exact", None, "rank")]),
]  # fmt: skip

# Rates: a physical amount per year is a rate (t/year, m3/year), money per year stays money,
# a time phrase is no denominator, an amount of one currency per another is an exchange rate.
RATES: list[tuple[str, list[Row]]] = [
    ("Crude output averaged 2.9 million bpd, against 3.1 million bpd a year before.",
     [("2.9 million bpd", 2.9e6, "exact", "bbl/d", None),
      ("3.1 million bpd", 3.1e6, "exact", "bbl/d", None)]),
    ("The smelter will make 400,000 tonnes of aluminium a year for $1.1 billion a year.",
     [("400,000 tonnes of aluminium a year", 4e5, "exact", "t/year", None),
      ("$1.1 billion", 1.1e9, "exact", "USD", None)]),
    ("Exports of 5 million tonnes of LNG a year start in 2027.",
     [("5 million tonnes of LNG a year", 5e6, "exact", "t/year", None)]),
    ("The pipeline carries 38 billion cubic metres annually.",
     [("38 billion cubic metres annually", 3.8e10, "exact", "m3/year", None)]),
    ("The cedi weakened to 15.5 cedis to the US dollar, and 12 cedis per euro.",
     [("15.5 cedis to the US dollar", 15.5, "exact", "GHS/USD", None),
      ("12 cedis per euro", 12, "exact", "GHS/EUR", None)]),
    ("The fund sent $2 billion to the euro area.", [("$2 billion", 2e9, "exact", "USD", None)]),
]  # fmt: skip

# Counted nouns after a comparative, before the figure as its subject, and units of parts.
COUNTED: list[tuple[str, list[Row]]] = [
    ("The reform will bring roughly 3 million more women into work and 400 fewer clinics.",
     [("roughly 3 million", 3e6, "approx", None, "woman"), ("400", 400, "exact", None, "clinic")]),
    ("Tourist arrivals climbed to 1.4 million, while exports reached 8.1 billion.",
     [("1.4 million", 1.4e6, "exact", None, "arrival"), ("8.1 billion", 8.1e9, "exact", None, None)]),
    ("Visitor numbers reached 3.4 million, and the totals were 12.",
     [("3.4 million", 3.4e6, "exact", None, "visitor"), ("12", 12, "exact", None, None)]),
    ("Registered voters numbered 22,120,458 and births were 1,103 in the district.",
     [("22,120,458", 22120458, "exact", None, "voter"), ("1,103", 1103, "exact", None, "birth")]),
    ("The country exported 14.2 million tonnes of grain, of which 9.6 million went to Asia.",
     [("14.2 million tonnes", 1.42e7, "exact", "t", None), ("9.6 million", 9.6e6, "exact", "t", None)]),
    ("Aid reached ₹2,300 crore, including 900 crore for housing, and 40% for roads.",
     [("₹2,300 crore", 2.3e10, "exact", "INR", None), ("900 crore", 9e9, "exact", "INR", None),
      ("40%", 40, "exact", "%", None)]),
]  # fmt: skip

# A duration that only says when is time (the time stage's), one that is measured is a figure.
DURATIONS: list[tuple[str, list[Row]]] = [
    ("Car sales fell for the first time in nine months, by 3.1%.", [("3.1%", 3.1, "exact", "%", None)]),
    ("The bank raised rates, ending seventeen years of deflation.", []),
    ("Industrial output grew 1.2% over the past six months and 0.4% from the preceding two weeks.",
     [("1.2%", 1.2, "exact", "%", None), ("0.4%", 0.4, "exact", "%", None)]),
    ("Inflation averaged 5% within two years and peaked three years ago.", [("5%", 5, "exact", "%", None)]),
    ("Prices rose 7.1% over 12 months.", [("7.1%", 7.1, "exact", "%", None)]),
    ("Average hospital stays fell to 5.1 days, and the loan has a term of 15 years.",
     [("5.1 days", 5.1, "exact", "d", None), ("15 years", 15, "exact", "year", None)]),
    ("The strike lasted for 3 weeks; screening starts at 40 years of age.",
     [("3 weeks", 3, "exact", "week", None), ("40 years", 40, "exact", "year", None)]),
]  # fmt: skip

CHANGES: list[tuple[str, list[Row]]] = [
    # a change ("raised from X to Y") is two figures, a range ("from X to Y") is one
    (
        "The bank raised the policy rate from 45 percent to 50 percent.",
        [("45 percent", 45, "exact", "%", None), ("50 percent", 50, "exact", "%", None)],
    ),
    (
        "Exports fell 19% to $10.05 billion.",
        [("19%", 19, "exact", "%", None), ("$10.05 billion", 1.005e10, "exact", "USD", None)],
    ),
    # any inflection of a change verb, a few words back
    ("The regulator is lowering the cap on fees from 4.5% to 3%.",
     [("4.5%", 4.5, "exact", "%", None), ("3%", 3, "exact", "%", None)]),
    ("Ghana plans to widen the tax base of small firms from 2 million to 3.5 million.",
     [("2 million", 2e6, "exact", None, None), ("3.5 million", 3.5e6, "exact", None, None)]),
    ("The port is expanding throughput from 18 million tonnes to 30 million tonnes a year.",
     [("18 million tonnes", 1.8e7, "exact", "t", None),
      ("30 million tonnes a year", 3e7, "exact", "t/year", None)]),
    # a range runs upwards: a decrease written with "from ... to" is a change without a verb
    ("The deficit target, from 5.6% to 4.1% of GDP, was kept.",
     [("5.6%", 5.6, "exact", "%", None), ("4.1%", 4.1, "exact", "%", None)]),
    # a range stays a range, also after a change verb in an earlier clause
    ("The ministry, which raised fuel prices in May, sees inflation from 6 to 7%.",
     [("from 6 to 7%", (6, 7), "range", "%", None)]),
    ("Officials see growth from 2.5 to 3% and a deficit of between 4 and 5 billion rand.",
     [("from 2.5 to 3%", (2.5, 3), "range", "%", None),
      ("between 4 and 5 billion rand", (4e9, 5e9), "range", "ZAR", None)]),
    # "up to" of a phrasal verb is not a bound; a total ("adds up to") is exact
    ("Analysts expect inflation to tick up to 2.9% and wages to catch up to 4%.",
     [("2.9%", 2.9, "exact", "%", None), ("4%", 4, "exact", "%", None)]),
    ("The pledges add up to €3.2 billion, and up to 500 firms may apply.",
     [("€3.2 billion", 3.2e9, "exact", "EUR", None), ("up to 500", 500, "at_most", None, "firm")]),
    # regression: a percent change and the level it led to are two figures, not a range
    ("Arrivals climbed 31% to 218,000 last season.",
     [("31%", 31, "exact", "%", None), ("218,000", 218000, "exact", None, None)]),
    # regression: the cedi sign written with a cent sign, glued or spaced
    ("Cocoa receipts reached GH¢ 12.5 billion, against GH¢9 billion.",
     [("GH¢ 12.5 billion", 1.25e10, "exact", "GHS", None), ("GH¢9 billion", 9e9, "exact", "GHS", None)]),
]  # fmt: skip


TABLES = BRIEF + LISTS + CHANGES + NEWS + RANKS + DURATIONS + RATES + COUNTED


@pytest.mark.parametrize(("text", "want"), TABLES, ids=lambda v: v if isinstance(v, str) else "")
def test_quantities(text: str, want: list[Row]) -> None:
    _check(text, find(text), want)


NOT_FIGURES = [
    "The plan runs until 2029 and was adopted in 2024.",
    "The 2024-2026 budget and the 2023/24 fiscal year.",
    "The interview was published on January 8, 2024.",
    "It was signed on 8 January 2024 in Astana.",
    "Astana will host the 5th World Nomad Games in September.",
    "There will be a second, and perhaps a third, plant.",
    "The reform ended three-shift schooling after a two-day visit.",
    "The five-year plan was adopted.",
    "Photo: IMG 20240107 WA0049",
    "Download DSC_0042.jpg and report.pdf",
    "It&#039;s the president&#8217;s address #039",
    "Call +7 (7172) 74-56-89 or +1-222-2222-2222.",
    "The meeting starts at 10:30 and ends at 6pm.",
    "Under Article 5 and Section 12 of the law.",
    "Install version 2.0.1 from 192.168.1.2.",
    "The COVID-19 pandemic and the F-16 jets.",
    "Leaders met at the G20 and at COP29 in Baku.",
    "In the 1990s and the early 2000s growth was slow.",
    "See https://example.org/report2024/page3?id=55 or mail info2@gov.kz.",
    "The first half of the year was difficult.",
    "In the third quarter, exports recovered.",
    "Which one do you prefer?",
    "Flight KC 852 departed on time.",
    "The Boeing 737 Max fleet was grounded.",
    "Tens of thousands of people protested.",
    "They agreed a 500-bed hospital and a 100-day plan.",
    "It is the country's second-largest city, founded in the 21st century.",
    # phone numbers in international and local spaced formats
    "For details call +255 22 211 1000 or the hotline 0860 123 456.",
    "The helpline 8 495 123 4567 is free; abroad, dial +61 2 6277 7111.",
    # lower-case references to parts of laws
    "The measure falls under section 12 of the Income Tax Ordinance and clause 7.",
    "As set out in paragraph 4(c) and in subsection 3, with chapter 9 and annex 2.",
    # the end of a fiscal-year span and the second day of a span of days
    "Receipts for 2023–24 and 2022—23 were revised.",
    "The census ran from June 3 to 17, and the fair on 9–12 October.",
    "Free number 0 800 555 210; the summit runs July 7–9 and between 7 and 9 July.",
    "Toll-free 1800 233 4455 and 1300 555 120; see rule 9, page 12 and table 4.",
    # sections with letters and numbered sub-parts
    "Claims under section 80C of the Act and Rule 3A were reviewed.",
    "The Bill amends section 2(1)(h) and clause 12(b), and inserts sub-section (3).",
    "Article 5(2) and Articles 7, 8 and 9 were invoked; see pages 4-5, 12 and 14.",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text: str) -> None:
    assert find(text) == [], [q.text for q in find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Buyers queued for the iPad 11 and the new iPhone 17 Air.",
        "Reviewers said PlayStation 5 owners would wait.",
        "The S&P 500 and the FTSE 100 closed lower.",
        "The NASDAQ 100 fell on the day.",
    ],
)
def test_regression_brand_and_index_names_are_not_figures(text: str) -> None:
    """A bare integer after a brand-shaped word (a capital inside it, an ampersand, four
    capitals) is part of the name."""
    assert find(text) == [], [q.text for q in find(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("TOTAL 450 schools were built.", [("450", 450, "exact", None, "school")]),
        ("AT&T 5 stores closed.", [("5", 5, "exact", None, "store")]),
    ],
)
def test_capital_heading_before_a_count_is_not_a_name(text: str, want: list[Row]) -> None:
    _check(text, find(text), want)


@pytest.mark.parametrize(
    "text",
    [
        "Alcaraz won 7-5 6-7(3) 6-2 on Sunday.",
        "United won 2-1 away, after a 0-0 draw in the first leg.",
        "They suffered a 1-3 defeat at the hands of the champions.",
        "The Senate passed the measure 51-49.",
        "A 38–17 victory sealed the title.",
    ],
)
def test_regression_sports_scores_are_not_figures(text: str) -> None:
    """A dashed pair of bare integers running downwards or level, or next to a score word, is a
    score or a tally: no figure."""
    assert find(text) == [], [q.text for q in find(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Between 3-5 people were hurt.", [("Between 3-5", (3, 5), "range", None, "person")]),
        ("Inflation of 4-6 per cent is likely.", [("4-6 per cent", (4, 6), "range", "%", None)]),
    ],
)
def test_upward_dashed_pairs_stay_ranges(text: str, want: list[Row]) -> None:
    _check(text, find(text), want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("She won the marathon in 2 hours 21 minutes.", [("2 hours 21 minutes", 2.35, "exact", "h", None)]),
        ("The record is 3 minutes 30 seconds.", [("3 minutes 30 seconds", 3.5, "exact", "min", None)]),
        ("The crossing took 1 hour and 15 minutes.", [("1 hour and 15 minutes", 1.25, "exact", "h", None)]),
    ],
)
def test_regression_compound_durations_are_one_figure(text: str, want: list[Row]) -> None:
    """A clock duration in two units is one figure in the larger unit, and a measured time
    even after "in"."""
    _check(text, find(text), want)


def test_offsets_are_global_and_exact() -> None:
    doc = "Intro sentence here. Output rose 12% to $5 billion in 2024. Done."
    s = doc.index("Output")
    e = doc.index(" Done")
    got = numbers.find(doc, s, e)
    assert [q.text for q in got] == ["12%", "$5 billion"]
    for q in got:
        assert doc[q.start : q.end] == q.text
        assert s <= q.start < q.end <= e


def test_shifted_moves_span() -> None:
    q = find("It was 5%.")[0]
    moved = numbers.shifted(q, 100)
    assert (moved.start, moved.end, moved.text) == (q.start + 100, q.end + 100, q.text)


def test_years_are_left_to_the_time_stage() -> None:
    # regression: "by 2029" and "in 2024" must never be quantities, even next to figures
    got = find("It will reach $450 billion by 2029, from $259 billion in 2023.")
    assert [q.value for q in got] == [4.5e11, 2.59e11]


def test_exceeding_a_year_is_not_a_count() -> None:
    # a bound word makes a four-digit number a count, not a year
    got = find("More than 2000 volunteers took part.")
    assert [(q.value, q.qualifier, q.noun) for q in got] == [(2000, "at_least", "volunteer")]


def test_fiscal_year_is_not_a_range_end() -> None:
    # regression: "2023/24 to 3.3 percent" was read as a range from 84.3
    got = find("The deficit will narrow from 5.7 percent of GDP in 2023/24 to 3.3 percent of GDP in 2024/25.")
    assert [(q.value, q.unit) for q in got] == [(5.7, "%"), (3.3, "%")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the short year after a dash ends the span of years; it never opens a range
        (
            "Production rose in 2024–25 to 47 million tonnes.",
            [("47 million tonnes", 4.7e7, "exact", "t", None)],
        ),
        (
            "Sales climbed in 2023-24 to 12 billion rupees.",
            [("12 billion rupees", 1.2e10, "exact", "INR", None)],
        ),
        # a real range right after such a span stays one range
        (
            "In 2024–25, output is expected at 25 to 47 million tonnes.",
            [("25 to 47 million tonnes", (2.5e7, 4.7e7), "range", "t", None)],
        ),
        (
            "In 2024–25 25 to 47 million tonnes of coal will be mined.",
            [("25 to 47 million tonnes", (2.5e7, 4.7e7), "range", "t", None)],
        ),
        (
            "Imports for 2025–26 are put at 3–4 million tonnes.",
            [("3–4 million tonnes", (3e6, 4e6), "range", "t", None)],
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_short_year_span_never_starts_a_range(text: str, want: list[Row]) -> None:
    _check(text, find(text), want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Core inflation is seen at 2%-3% next year.", [("2%-3%", (2, 3), "range", "%", None)]),
        ("Mortgage rates of 6.5%–7% are common.", [("6.5%–7%", (6.5, 7), "range", "%", None)]),
        ("Margins moved in a 10%-12.5% band.", [("10%-12.5%", (10, 12.5), "range", "%", None)]),
        # a minus sign after a space is still a sign: two figures
        (
            "Output rose 2% and prices -3% on the year.",
            [("2%", 2, "exact", "%", None), ("-3%", -3, "exact", "%", None)],
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_regression_percent_range_with_the_sign_on_both_ends(text: str, want: list[Row]) -> None:
    """'2%-3%' is one range, not '2' and a negative '-3%'."""
    _check(text, find(text), want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Exports grew 5 plus", [("5 plus", 5, "at_least", None, None)]),
        ("The scheme covers people aged 65 plus.", [("65 plus", 65, "at_least", None, None)]),
        ("Turnout was 40% or so", [("40% or so", 40, "approx", "%", None)]),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_regression_one_word_bound_at_the_end_of_the_text(text: str, want: list[Row]) -> None:
    # a trailing one-word bound ("plus") with nothing after it raised IndexError
    _check(text, find(text), want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a trailing bound that runs on into another figure is that figure's leading bound
        (
            "His score is 200 or greater than 190",
            [("200", 200, "exact", None, None), ("greater than 190", 190, "at_least", None, None)],
        ),
        (
            "The fee is 5000 or less than 6000 tenge.",
            [("5000", 5000, "exact", "KZT", None), ("less than 6000 tenge", 6000, "at_most", "KZT", None)],
        ),
        (
            "Growth of 2% and above 5% in the east.",
            [("2%", 2, "exact", "%", None), ("above 5%", 5, "at_least", "%", None)],
        ),
        (
            "Prices of $5 or more than $7 were seen.",
            [("$5", 5, "exact", "USD", None), ("more than $7", 7, "at_least", "USD", None)],
        ),
        # ... but not across punctuation, nor before a pronoun
        (
            "Output rose 5% or more, 300 firms said.",
            [("5% or more", 5, "at_least", "%", None), ("300", 300, "exact", None, "firm")],
        ),
        ("Budgets of $5 billion or more than that.", [("$5 billion or more", 5e9, "at_least", "USD", None)]),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_trailing_bound_before_another_figure(text: str, want: list[Row]) -> None:
    _check(text, find(text), want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a negated lower bound is an upper bound, and the other way round
        ("Public debt shall not exceed 60% of GDP.", [("exceed 60%", 60, "at_most", "%", None)]),
        ("The deficit won't exceed 3% this year.", [("exceed 3%", 3, "at_most", "%", None)]),
        ("Inflation does not exceed 4 percent.", [("exceed 4 percent", 4, "at_most", "%", None)]),
        (
            "Spending must never exceed 25 trillion tenge.",
            [("exceed 25 trillion tenge", 2.5e13, "at_most", "KZT", None)],
        ),
        (
            "Fees are not to exceed $50 per month.",
            [("exceed $50 per month", 50, "at_most", "USD/month", None)],
        ),
        ("The rate cannot be more than 10%.", [("more than 10%", 10, "at_most", "%", None)]),
        (
            "Prices will be no higher than $3 a litre.",
            [("higher than $3 a litre", 3, "at_most", "USD/l", None)],
        ),
        ("Inflation did not fall below 2% in 2023.", [("below 2%", 2, "at_least", "%", None)]),
        ("Growth should not be less than 5%.", [("less than 5%", 5, "at_least", "%", None)]),
        # bound phrases that carry their own negation, or none
        ("The deficit will be not more than 3% of GDP.", [("not more than 3%", 3, "at_most", "%", None)]),
        ("The deficit will be no more than 3% of GDP.", [("no more than 3%", 3, "at_most", "%", None)]),
        ("Growth of no less than 5% is planned.", [("no less than 5%", 5, "at_least", "%", None)]),
        ("Growth of not less than 5% is planned.", [("not less than 5%", 5, "at_least", "%", None)]),
        ("Exports exceeded $5 billion.", [("exceeded $5 billion", 5e9, "at_least", "USD", None)]),
        # ceilings and limits
        ("The top tax rate is capped at 45%.", [("capped at 45%", 45, "at_most", "%", None)]),
        ("Interest is subject to a cap of 12%.", [("a cap of 12%", 12, "at_most", "%", None)]),
        ("Rents face a ceiling of 8% a year.", [("a ceiling of 8%", 8, "at_most", "%", None)]),
        ("At most 20 firms will qualify.", [("At most 20", 20, "at_most", None, "firm")]),
        ("A minimum of 200 schools will be built.", [("A minimum of 200", 200, "at_least", None, "school")]),
        # "just"/"well" say how near, and "about" is no side: no flip
        ("Inflation is not just over 5%.", [("just over 5%", 5, "at_least", "%", None)]),
        ("The figure was not about 5%.", [("about 5%", 5, "approx", "%", None)]),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_negated_and_ceiling_bounds(text: str, want: list[Row]) -> None:
    _check(text, find(text), want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a reference to a part of a law, then a comma, then a real figure
        ("Under Article 5, 12 states reported.", [("12", 12, "exact", None, "state")]),
        ("Under Article 370, 5 districts were merged.", [("5", 5, "exact", None, "district")]),
        ("Under Rule 3(1)(a), 5 members are needed.", [("5", 5, "exact", None, "member")]),
        ("Under section 10, 14 licences were issued.", [("14", 14, "exact", None, "licence")]),
        ("Under sections 12, 13 and 14, 20 firms were fined.", [("20", 20, "exact", None, "firm")]),
        ("Under sub-section (3) of section 10, 14 licences lapsed.", [("14", 14, "exact", None, "licence")]),
        # the name of a section and a figure in one sentence
        (
            "Section 80C deductions rose to Rs 2 lakh crore.",
            [("Rs 2 lakh crore", 2e12, "exact", "INR", None)],
        ),
        ("Clause 12(b) allows a 5% discount.", [("5%", 5, "exact", "%", None)]),
        ("The Bill amends section 2(1)(h) to cover 9 sectors.", [("9", 9, "exact", None, "sector")]),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_figures_next_to_section_references(text: str, want: list[Row]) -> None:
    _check(text, find(text), want)


_OVERLAP_WORDS = [
    "200", "5,000", "3.5", "2%", "$5", "R5", "Rs", "billion", "or", "and", "more", "less", "greater",
    "than", "above", "below", "over", "under", "up", "to", "at", "least", "plus", "about", "-", "–",
    "between", "from", "tonnes", "per", "a", "year", "twenty", "percent", "of", "which", ",", "2024–25",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_OVERLAP_WORDS), min_size=2, max_size=9))
def test_quantities_never_overlap_before_the_safety_net(words: list[str]) -> None:
    # The stage builds disjoint quantities itself; ``_without_overlaps`` only guards.
    text = " ".join(words)
    seen: list[list[Quantity]] = []
    guard = numbers._without_overlaps
    numbers._without_overlaps = lambda qs: seen.append(qs) or guard(qs)  # type: ignore[func-returns-value]
    try:
        find(text)
    finally:
        numbers._without_overlaps = guard
    for qs in seen:
        spans = sorted((q.start, q.end) for q in qs)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), (text, qs)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a unit that carries a factor (Mt, kt, bcm, tcf) scales every number that shares it
        ("Exports of 20-25 bcm a year.", [("20-25 bcm a year", (2e10, 2.5e10), "range", "m3/year", None)]),
        ("In 2024—25 25–47 Mt were mined.", [("25–47 Mt", (2.5e7, 4.7e7), "range", "t", None)]),
        ("The plant makes 500-700 kt.", [("500-700 kt", (5e5, 7e5), "range", "t", None)]),
        (
            "Reserves of 3, 4 and 5 tcf.",
            [
                ("3", 3e12, "exact", "ft3", None),
                ("4", 4e12, "exact", "ft3", None),
                ("5 tcf", 5e12, "exact", "ft3", None),
            ],
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_unit_factor_is_shared_by_range_and_list(text: str, want: list[Row]) -> None:
    _check(text, find(text), want)


def test_ambiguous_currency_word_resolved_by_country() -> None:
    got = find("The Philippine government will spend 9.6 trillion pesos.")
    assert got[0].unit == "PHP"


# Shared currency names read by the country of the text (``numbers._currency_context``): each row is a
# document and the units of the quantities of its LAST sentence, found with the whole
# document as context (as the pipeline calls the stage).
CURRENCY_CONTEXT: list[tuple[str, list[str]]] = [
    # the signal in the same sentence: a name, a demonym, a province, "of Canada"
    ("The Nepalese cabinet approved Rs 1.86 trillion for the coming year.", ["NPR"]),
    ("Quebec will borrow $12 billion next year.", ["CAD"]),
    ("The federal budget of Canada projects a deficit of $39.8 billion.", ["CAD"]),
    ("Uganda's revenue authority collected 27 trillion shillings.", ["UGX"]),
    ("Jordan's budget deficit reached 2.1 billion dinars.", ["JOD"]),
    ("A Colombian court froze 40 billion pesos.", ["COP"]),
    ("Queensland expects a surplus of $1.2 billion, up from $0.9 billion.", ["AUD", "AUD"]),
    ("Tanzania's budget is TSh 57 trillion and Uganda's Shs72 trillion.", ["TZS", "UGX"]),
    ("Chile's copper fund holds 9 trillion pesos, while Uruguay's holds 300 billion pesos.", ["CLP", "UYU"]),
    # the signal earlier in the document
    (
        "Karachi, 12 June. The finance minister presented the budget to the National Assembly. "
        "Spending will rise to Rs 18.9 trillion, with Rs 1.4 trillion for development.",
        ["PKR", "PKR"],
    ),
    (
        "Auckland Council adopted its long-term plan on Thursday. "
        "The council will invest $2.3 billion in water pipes.",
        ["NZD"],
    ),
    (
        "The Monetary Authority of Singapore kept policy unchanged. "
        "Core inflation averaged 2.8 per cent, and the government set aside $6 billion.",
        ["%", "SGD"],
    ),
    (
        "Belgrade approved the revised budget. The deficit is planned at 211 billion dinars.",
        ["RSD"],
    ),
    (
        "Dar es Salaam port handled record cargo. Its revenue rose to 1.2 trillion shillings.",
        ["TZS"],
    ),
    (
        "WELLINGTON (Reuters) - The government set out its plans on Thursday. "
        "Health spending will rise by $1.4 billion.",
        ["NZD"],
    ),
    # explicit names are never re-read; no signal keeps the default
    ("Canada's exporters earned US$3 billion and 4 billion euros.", ["USD", "EUR"]),
    ("Exports to Canada reached $5 billion.", ["USD"]),
    ("In Sri Lanka, fuel now costs Rs 370 a litre.", ["LKR/l"]),
    ("The retailer booked $2 billion of sales in Australia.", ["USD"]),
    ("The company raised $300 million from investors.", ["USD"]),
    ("Rupees worth Rs 500 crore were allocated to the scheme.", ["INR"]),
    ("The bond pays 40 dinars a year.", ["IQD"]),
]


# Currencies of national press: abbreviations, and one-letter prefixes that are money only
# with a magnitude or in a text about their country (same form as CURRENCY_CONTEXT).
NATIONAL_PREFIXES: list[tuple[str, list[str]]] = [
    ("Rwanda's budget for the year is Rwf 5,690 billion.", ["RWF"]),
    ("The new terminal costs Frw 300 billion, or FRw 0.3 trillion.", ["RWF", "RWF"]),
    ("Coffee exports earned 120 billion Rwf.", ["RWF"]),
    ("The city will spend 200 billion Rwandan francs on schools.", ["RWF"]),
    ("The FG allocated N2.5 trillion to capital projects.", ["NGN"]),
    ("Abuja approved the wage bill. The minimum wage rises to N70,000 in Nigeria's states.", ["NGN"]),
    (
        "Lagos traders protested on Monday. Nigeria's regulator says petrol sells at N617.50 a litre.",
        ["NGN/l"],
    ),
    ("The budget department released P1.2 billion for flood control.", ["PHP"]),
    ("The Philippine government gave P5,000 to each family.", ["PHP"]),
    ("Manila raised jeepney fares. Filipino commuters now pay P13.50.", ["PHP"]),
    ("Eskom will receive R500 million, and the rail agency R2bn.", ["ZAR", "ZAR"]),
    ("South Africa's old-age grant rises to R2,180 a month.", ["ZAR/month"]),
    ("The scheme costs Rs 500 crore.", ["INR"]),
    ("Bangladesh allocated Tk 7.97 lakh crore, or 7.97 lakh crore Tk.", ["BDT", "BDT"]),
    ("The Treasury set aside KSh 50 billion; Ksh 3bn went to roads and Kshs 2bn to water.", ["KES"] * 3),
    ("Indonesia allocated Rp 3,325 trillion.", ["IDR"]),
    ("Brazil spent R$ 50 billion on the programme.", ["BRL"]),
    ("Malawi's MK 1.5 trillion budget was passed.", ["MWK"]),
    ("The Kenya shillings 3.9 trillion budget was read.", ["KES"]),
    # letters of names and codes are no money
    ("The P5 members met in Geneva.", []),
    ("The R2 round of the tender drew 30 bids.", [None]),
    ("Stocks of N95 masks reached 2 million.", [None]),
    ("Under section R4 of the code, 12 firms were fined.", [None]),
    ("Nigeria's hospitals ordered N95 masks.", []),
    ("South Africa closed the N2 and the R21 for repairs.", []),
    ("Players in grades P5 to P7 took part.", []),
]


@pytest.mark.parametrize(("doc", "units"), NATIONAL_PREFIXES, ids=lambda v: str(v)[:40])
def test_national_currency_prefixes(doc: str, units: list[str | None]) -> None:
    s = doc.rfind(". ", 0, len(doc) - 1) + 1 if doc.count(". ") else 0
    got = numbers.find(doc, s, len(doc))
    assert [q.unit for q in got] == units, [(q.text, q.unit) for q in got]


@pytest.mark.parametrize(("doc", "units"), CURRENCY_CONTEXT, ids=lambda v: str(v)[:40])
def test_currency_from_national_context(doc: str, units: list[str]) -> None:
    s = doc.rfind(". ", 0, len(doc) - 1) + 1 if doc.count(". ") else 0
    got = numbers.find(doc, s, len(doc))
    assert [q.unit for q in got] == units, [(q.text, q.unit) for q in got]


def test_currency_context_can_be_stated() -> None:
    text = "Spending will rise to Rs 18.9 trillion."
    assert [q.unit for q in numbers.find(text, 0, len(text))] == ["INR"]
    assert [q.unit for q in numbers.find(text, 0, len(text), "LK")] == ["LKR"]
    assert [q.unit for q in numbers.find(text, 0, len(text), numbers.Context(country="PK"))] == ["PKR"]


def test_every_quantity_is_well_formed() -> None:
    text = " ".join(t for t, _ in BRIEF + LISTS + CHANGES + NEWS) + " " + " ".join(NOT_FIGURES)
    for q in find(text):
        assert text[q.start : q.end] == q.text
        assert q.qualifier in QUALIFIERS
        assert (q.value is None) == (q.qualifier == "range")
        if q.qualifier == "range":
            assert q.low is not None and q.high is not None and q.low <= q.high


# --- round trips: render a number, parse it back -----------------------------------------

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int) -> str:
    """An independent English rendering of 0 <= n < 10**12 (the test's own oracle)."""
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" and " + words(rest) if rest else "")
    for size, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if n >= size:
            head, rest = divmod(n, size)
            tail = "" if not rest else (" and " if rest < 100 else " ") + words(rest)
            return words(head) + " " + name + tail
    raise ValueError(n)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_number_words_round_trip(n: int) -> None:
    text = f"They counted {words(n)} items."
    got = find(text)
    assert len(got) == 1, (text, got)
    assert got[0].value == n and got[0].noun == "item"


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=999_999),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(
        [
            ("", 1),
            (" thousand", 1e3),
            (" million", 1e6),
            (" billion", 1e9),
            (" trillion", 1e12),
            ("bn", 1e9),
            (" mln", 1e6),
        ]
    ),
    st.sampled_from(
        [
            ("$", "", "USD"),
            ("€", "", "EUR"),
            ("", " tenge", "KZT"),
            ("", " USD", "USD"),
            ("£", "", "GBP"),
            ("", " rubles", "RUB"),
            ("", " yen", "JPY"),
        ]
    ),
)
def test_money_round_trip(whole: int, cents: int, mag: tuple[str, float], cur: tuple[str, str, str]) -> None:
    digits = f"{whole:,}" + (f".{cents:02d}" if cents else "")
    text = f"The fund holds {cur[0]}{digits}{mag[0]}{cur[1]} in reserve."
    got = find(text)
    assert len(got) == 1, (text, got)
    want = (whole + cents / 100) * mag[1]
    assert math.isclose(got[0].value or 0, want, rel_tol=1e-12), (text, got[0])
    assert got[0].unit == cur[2]


_UNIT_WORDS = [("km", "km"), ("kilometres", "km"), ("square metres", "m2"), ("hectares", "ha"),
               ("tonnes", "t"), ("MW", "MW"), ("GWh", "GWh"), ("barrels", "bbl"), ("percent", "%"),
               ("per cent", "%"), ("%", "%"), ("litres", "l"), ("kg", "kg")]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=2, max_value=9999),
    st.sampled_from(_UNIT_WORDS),
    st.sampled_from(["", "over ", "about "]),
)
def test_unit_round_trip(n: int, unit: tuple[str, str], bound: str) -> None:
    sep = "" if unit[0] == "%" else " "
    text = f"The project covers {bound}{n}{sep}{unit[0]} this season."
    got = find(text)
    assert len(got) == 1, (text, got)
    q = got[0]
    assert (q.value, q.unit) == (n, unit[1])
    assert q.qualifier == {"": "exact", "over ": "at_least", "about ": "approx"}[bound]
    assert q.text == f"{bound}{n}{sep}{unit[0]}"


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=500),
    st.integers(min_value=1, max_value=500),
    st.sampled_from(["-", "–", " to "]),
)
def test_range_round_trip(lo: int, width: int, dash: str) -> None:
    text = f"Growth of {lo}{dash}{lo + width} percent is expected."
    got = find(text)
    assert len(got) == 1, (text, got)
    assert (got[0].low, got[0].high, got[0].unit, got[0].qualifier) == (lo, lo + width, "%", "range")
