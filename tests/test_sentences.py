"""Sentence splitting for news and official text (stage sentences.v3)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _work import assert_linear
from claimledger.extract.sentences import split, split_paragraphs


def texts(t: str) -> list[str]:
    return [t[s:e] for s, e in split(t)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Growth was 5%. Inflation fell.", ["Growth was 5%.", "Inflation fell."]),
        # abbreviations and titles
        ("Mr. Smith met Dr. Brown. They agreed.", ["Mr. Smith met Dr. Brown.", "They agreed."]),
        ("Decree No. 5 was signed. It takes effect.", ["Decree No. 5 was signed.", "It takes effect."]),
        ("It cost approx. 5 million. Work began.", ["It cost approx. 5 million.", "Work began."]),
        (
            "Signed on Jan. 12, it came into force. Then more.",
            ["Signed on Jan. 12, it came into force.", "Then more."],
        ),
        ("Prices rose, e.g. for bread. Wages did not.", ["Prices rose, e.g. for bread.", "Wages did not."]),
        # dotted acronyms: a name follows, or a new sentence does
        ("The U.S. Treasury agreed. Talks ended.", ["The U.S. Treasury agreed.", "Talks ended."]),
        ("Exports went to the U.S. The EU came second.", ["Exports went to the U.S.", "The EU came second."]),
        # initials
        (
            "The report by J. K. Rowling sold well. Sales rose.",
            ["The report by J. K. Rowling sold well.", "Sales rose."],
        ),
        # decimals and numbers
        ("GDP grew 4.8% in 2024. It was 5.1% in 2023.", ["GDP grew 4.8% in 2024.", "It was 5.1% in 2023."]),
        ("Spending was $3.5 bn. Revenue was 2.1 bn.", ["Spending was $3.5 bn.", "Revenue was 2.1 bn."]),
        # quotes stay with the sentence they close
        ('He said: "Growth was 5%." Then he left.', ['He said: "Growth was 5%."', "Then he left."]),
        (
            "“We will build 200 schools.” The plan is funded.",
            ["“We will build 200 schools.”", "The plan is funded."],
        ),
        # a question and an exclamation
        ("Will taxes rise? No! They will not.", ["Will taxes rise?", "No!", "They will not."]),
        # a lower-case word after a stop is not a new sentence
        ("Output rose 3 p.c. compared with 2023.", ["Output rose 3 p.c. compared with 2023."]),
        # headings, bullets and paragraphs
        (
            "Results of 2024\nHousing grew. Roads too.\n\n"
            "Priorities:\n- build 217 schools;\n- open 10 centres",
            [
                "Results of 2024",
                "Housing grew.",
                "Roads too.",
                "Priorities:",
                "build 217 schools;",
                "open 10 centres",
            ],
        ),
        (
            "• 18 million m2 of housing\n• 7,000 km of roads",
            ["18 million m2 of housing", "7,000 km of roads"],
        ),
        ("1. First item.\n2) Second item", ["First item.", "Second item"]),
        # a hard-wrapped line continues the sentence
        (
            "The budget provides for spending of\nover 23.9 trillion tenge in 2024. Next.",
            ["The budget provides for spending of\nover 23.9 trillion tenge in 2024.", "Next."],
        ),
        (
            "The economy, which grew in 2024, is\nexpected to grow.",
            ["The economy, which grew in 2024, is\nexpected to grow."],
        ),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_paragraph_numbers() -> None:
    t = "Results of 2024\nHousing grew. Roads too.\n\nNew paragraph here."
    paras = [p for _, _, p in split_paragraphs(t)]
    assert paras == [0, 1, 1, 2]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab. \n"?!5,UuSsMr:-•')), max_size=200))
def test_spans_are_exact_trimmed_and_ordered(text: str) -> None:
    last = 0
    for s, e in split(text):
        assert last <= s < e <= len(text)
        piece = text[s:e]
        assert piece == piece.strip() and piece
        last = e


def test_long_input_is_linear() -> None:
    unit = "Mr. Smith said growth was 5.1% in 2024. The U.S. Treasury agreed.\n\n"
    assert len(split(unit * 20000)) == 40000
    assert_linear(lambda n: split(unit * n), 500)
    assert split("." * 100000 + " A") is not None


@pytest.mark.parametrize(
    "text,expected",
    [
        # a currency abbreviation with a full stop before the amount does not end a sentence
        (
            "The scheme got Rs. 500 crore this year. It helps farmers.",
            ["The scheme got Rs. 500 crore this year.", "It helps farmers."],
        ),
        (
            "Parliament approved Ksh. 2 billion for dams. Work starts soon.",
            ["Parliament approved Ksh. 2 billion for dams.", "Work starts soon."],
        ),
        (
            "Tk. 40 billion is set aside for roads. The rest goes to ports.",
            ["Tk. 40 billion is set aside for roads.", "The rest goes to ports."],
        ),
        (
            "Each household gets Shs. 150,000 a month. Payments began in May.",
            ["Each household gets Shs. 150,000 a month.", "Payments began in May."],
        ),
        # before a capital word it ends the sentence like any word
        (
            "The fee was paid in Rs. The balance came later.",
            ["The fee was paid in Rs.", "The balance came later."],
        ),
        # other abbreviations before a number, and a symbol with no stop, as before
        (
            "Road No. 7 cost approx. 20 million. It opened.",
            ["Road No. 7 cost approx. 20 million.", "It opened."],
        ),
        (
            "A grant of US$ 5 million was signed. It funds clinics.",
            ["A grant of US$ 5 million was signed.", "It funds clinics."],
        ),
    ],
)
def test_regression_currency_abbreviation_before_an_amount(text: str, expected: list[str]) -> None:
    assert texts(text) == expected
