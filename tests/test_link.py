"""Linking: canonical subjects, dimensions, regions, keys and explanations (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _checkhelp import doc, rec
from claimledger.link import canonical_subject, dimension, indicator_key, link_records
from claimledger.link._lexicon import lemma
from claimledger.link._places import main_region, mentions

SAME = [
    ("housing completed", "square meters of housing commissioned"),
    ("new housing", "housing completed"),
    ("homes built", "new housing"),
    ("budget spending", "spending of the republican budget"),
    ("state budget expenditures", "budget spending"),
    ("spending", "budget spending"),
    ("gross domestic product", "GDP"),
    ("the size of the economy", "gdp"),
    ("highways built or repaired", "roads"),
    ("schools", "school"),
    ("foreign direct investment", "FDI"),
    ("economic growth", "GDP growth"),
    ("inflation rate", "inflation"),
    ("grain harvest", "grain"),
]
DIFFERENT = [
    ("budget spending", "budget deficit"),
    ("GDP", "GDP per capita"),
    ("trade deficit", "budget deficit"),
    ("local budget spending", "budget spending"),
    ("exports", "imports"),
    ("schools", "hospitals"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_indicator(a: str, b: str) -> None:
    assert canonical_subject(a).key == canonical_subject(b).key, (canonical_subject(a), canonical_subject(b))


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_indicator(a: str, b: str) -> None:
    assert canonical_subject(a).key != canonical_subject(b).key


def test_country_in_subject_sets_region() -> None:
    c = canonical_subject("Kazakhstan's GDP")
    assert c.region == "Kazakhstan" and c.tokens == ("gdp",)


def test_partner_country_is_part_of_the_subject() -> None:
    c = canonical_subject("exports to Russia")
    assert c.region is None and c.tokens == ("export", "russia")
    assert canonical_subject("exports").key != c.key


@pytest.mark.parametrize(("unit", "noun", "dim"), [
    ("KZT", None, "currency:KZT"), ("USD", None, "currency:USD"), ("%", None, "percent"),
    ("m2", None, "area"), ("km", None, "length"), ("MW", None, "power"), ("GW", None, "power"),
    ("t", None, "mass"), ("kWh", None, "energy"), (None, "school", "count:school"), (None, None, "count"),
    ("USD/bbl", None, "rate:USD/bbl"),
])
def test_dimension(unit: str | None, noun: str | None, dim: str) -> None:
    assert dimension(unit, noun)[0] == dim


def test_dimension_scales_to_base_units() -> None:
    assert dimension("GW", None)[1] == pytest.approx(1000 * dimension("MW", None)[1])
    assert dimension("km2", None)[1] == pytest.approx(100 * dimension("ha", None)[1])


def test_key_separates_dimension_and_region() -> None:
    a = indicator_key("GDP", "USD", None, "Kazakhstan")
    b = indicator_key("GDP", "KZT", None, "Kazakhstan")
    c = indicator_key("GDP", "USD", None, "Uzbekistan")
    assert a and b and c and len({a.key, b.key, c.key}) == 3
    assert "Kazakhstan" in a.explanation and "currency:USD" in a.explanation


def test_key_explains_every_step() -> None:
    k = indicator_key("square meters of housing commissioned", "m2", None, None)
    assert k is not None
    assert "housing" in k.name and "ignored" in k.explanation and "area" in k.explanation


def test_empty_or_clause_subject_is_unlinked() -> None:
    assert indicator_key("", "USD", None, None) is None
    assert indicator_key("in which is", "USD", None, None) is None
    assert indicator_key("growth", "%", None, None) is None  # growth of what?
    assert indicator_key("the share", "%", None, None) is None
    assert indicator_key("plans to raise wages of teachers doctors nurses police", None, None, None) is None


def test_document_region() -> None:
    assert main_region("Interview", "President of Kazakhstan", None, body="")[0] == "Kazakhstan"
    assert main_region(None, None, None, body="Uzbekistan grew. Uzbekistan also traded with Russia.")[0] \
        == "Uzbekistan"
    assert main_region(None, None, None, body="Georgia and Armenia met.")[0] is None
    assert main_region(None, None, None, body="Exports of Azerbaijan rose.")[0] == "Azerbaijan"
    assert mentions("a turkey for dinner") == []


def test_link_records_only_figures_with_subjects() -> None:
    d = doc("d", "2024-01-08")
    with_fig = rec("d", "Housing of 18 million m2 was built.", "18 million m2", 18e6, subject="housing",
                   unit="m2")
    no_fig = rec("d", "We will open the centre.", None, None, kind="target", subject="centre")
    members = link_records([with_fig, no_fig], {"d": d})
    assert set(members) == {with_fig.id}
    assert members[with_fig.id].key == "Kazakhstan|housing|area"


@given(st.sampled_from(["school", "hospital", "city", "country", "bus", "box", "church", "policy",
                        "project", "university"]))
def test_lemma_of_plural_round_trips(word: str) -> None:
    plural = word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")
    if word.endswith("y") and word[-2] not in "aeiou":
        plural = word[:-1] + "ies"
    assert lemma(plural) == word
    assert lemma(word) == word or word.endswith("s")


@pytest.mark.parametrize(("sentence", "figure", "kind"), [
    ("Exports grew 8.7% in 2024.", "8.7%", "percent_change"),
    ("Exports were 35% of GDP in 2024.", "35%", "percent_of:gdp"),
    ("Inflation was 8.5% in October.", "8.5%", "percent"),
    ("Revenue was 15% higher than a year earlier.", "15%", "percent_change"),
    ("The deficit was 3.3% of GDP, compared with a target of 4%.", "4%", "percent_of:gdp"),
])
def test_percent_kinds(sentence: str, figure: str, kind: str) -> None:
    from claimledger.link._units import percent_kind

    i = sentence.index(figure)
    assert percent_kind(sentence, i, i + len(figure)) == kind
