"""resources.places: one country and currency table from pycountry, babel and places.toml."""

from __future__ import annotations

import pycountry
import pytest

from claimledger.resources import load
from claimledger.resources.places import (
    Country,
    Region,
    countries,
    country,
    cue_words,
    currency_country,
    mentions,
    regions,
)

LOOKUPS = [
    ("KZ", "KAZ"),
    ("kaz", "KAZ"),
    ("Kazakhstan", "KAZ"),
    ("kazakh", "KAZ"),
    ("Kazakhstani", "KAZ"),
    ("South Korea", "KOR"),
    ("Republic of Korea", "KOR"),
    ("Korean", "KOR"),
    ("UAE", "ARE"),
    ("Emirati", "ARE"),
    ("Kyrgyz", "KGZ"),
    ("Türkiye", "TUR"),
    ("Turkey", "TUR"),
    ("Czech Republic", "CZE"),
    ("Czechia", "CZE"),
    ("Russian Federation", "RUS"),
    ("U.S.", "USA"),
    ("United States of America", "USA"),
    ("Americans", "USA"),
    ("Ivory Coast", "CIV"),
    ("DRC", "COD"),
    ("Kosovo", "XKX"),
    ("XK", "XKX"),
    ("Viet Nam", "VNM"),
    ("Laos", "LAO"),
    ("Bosnia and Herzegovina", "BIH"),
]


@pytest.mark.parametrize(("key", "alpha3"), LOOKUPS)
def test_country_by_code_name_alias_or_demonym(key: str, alpha3: str) -> None:
    found = country(key)
    assert found is not None and found.id == alpha3
    assert country(key.upper()) == found == country(key.lower())


def test_unknown_key_is_none() -> None:
    assert country("Atlantis") is None
    assert country("") is None


def test_every_iso_country_is_listed_with_a_plain_common_name() -> None:
    table = countries()
    assert {c.alpha2 for c in table} >= {c.alpha_2 for c in pycountry.countries}
    for c in table:
        assert isinstance(c, Country)
        assert len(c.id) == 3 and len(c.alpha2) == 2 and c.id.isupper()
        assert c.names[0] == c.name
        # list-entry forms never stand as the common name
        assert not any(mark in c.name for mark in (",", "(", " & ", " - ", "SAR")), c.name
    assert [c.name for c in table if c.alpha2 in ("BA", "KR")] == ["Bosnia and Herzegovina", "South Korea"]


@pytest.mark.parametrize(
    ("alpha2", "currency"),
    [("KZ", "KZT"), ("NA", "NAD"), ("BT", "BTN"), ("DE", "EUR"), ("SN", "XOF"), ("XK", "EUR"), ("US", "USD")],
)
def test_main_currency(alpha2: str, currency: str) -> None:
    found = country(alpha2)
    assert found is not None and found.currency == currency


@pytest.mark.parametrize(
    ("code", "alpha3"),
    [
        ("KZT", "KAZ"),
        ("kzt", "KAZ"),
        ("KES", "KEN"),
        ("AUD", "AUS"),  # Kiribati, Nauru and Tuvalu use it too: the issuer's code opens it
        ("CHF", "CHE"),
        ("ZAR", "ZAF"),
        ("GBP", "GBR"),
        ("NAD", "NAM"),
        ("EUR", None),
        ("USD", None),
        ("XOF", None),
        ("XAF", None),
        ("XCD", None),
        ("ANG", None),  # Curaçao and Sint Maarten: no issuer, no single user
        ("ZZZ", None),
    ],
)
def test_currency_country(code: str, alpha3: str | None) -> None:
    found = currency_country(code)
    assert (found.id if found else None) == alpha3


def _found(text: str, **kw: bool) -> list[tuple[str, str]]:
    return [(text[s:e], c.id) for s, e, c in mentions(text, **kw)]


def test_mentions_longest_first_and_without_overlap() -> None:
    text = "South Africa and South Sudan; the Democratic Republic of the Congo and Congo; Papua New Guinea."
    assert _found(text) == [
        ("South Africa", "ZAF"),
        ("South Sudan", "SSD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("Papua New Guinea", "PNG"),
    ]


def test_mentions_of_aliases_and_demonyms() -> None:
    text = "The Kazakh economy, the UAE and the U.S. traded with Kyrgyz firms and Emirati banks."
    assert _found(text) == [
        ("Kazakh", "KAZ"),
        ("UAE", "ARE"),
        ("U.S.", "USA"),
        ("Kyrgyz", "KGZ"),
        ("Emirati", "ARE"),
    ]


def test_short_and_ambiguous_forms_match_only_as_written() -> None:
    assert _found("turkey, china, polish, chile, us, lao") == []
    assert _found("Turkey, China, Polish, Chile, US, Lao") == [
        ("Turkey", "TUR"),
        ("China", "CHN"),
        ("Polish", "POL"),
        ("Chile", "CHL"),
        ("US", "USA"),
        ("Lao", "LAO"),
    ]
    # long names match in any case: wire datelines write them in capitals
    assert _found("KAZAKHSTAN: uzbekistan grew") == [("KAZAKHSTAN", "KAZ"), ("uzbekistan", "UZB")]


def test_ignore_case_for_lower_cased_phrases() -> None:
    assert _found("turkey exports", ignore_case=True) == [("turkey", "TUR")]


def test_regions_block_the_words_inside_them() -> None:
    assert _found("Latin American and North American markets; the euro area") == []
    assert _found("American and Latin American") == [("American", "USA")]


def test_places_count_only_when_asked() -> None:
    text = "Budget talks in Astana and Ontario"
    assert _found(text) == []
    assert _found(text, places=True) == [("Astana", "KAZ"), ("Ontario", "CAN")]


def test_words_inside_other_words_do_not_count() -> None:
    assert _found("Nigeria and Nigerien traders; Indiana; USAID; Omanis") == [
        ("Nigeria", "NGA"),
        ("Nigerien", "NER"),
    ]


def test_cue_words_cover_names_places_and_regions() -> None:
    cues = cue_words()
    assert isinstance(cues["Kazakhstan"], Country) and cues["Astana"] == country("KZ")
    assert isinstance(cues["eurozone"], Region) and cues["eurozone"].currency == "EUR"
    assert "Astana" not in cue_words(places=False)
    assert {r.name for r in regions()} >= {"euro area", "Latin America"}


def test_data_file_shape() -> None:
    data = load("places")
    assert set(data) == {"case_sensitive", "international_currencies", "regions", "countries"}
    keys = {"alpha3", "name", "currency", "names", "places"}
    for alpha2, entry in data["countries"].items():
        assert len(alpha2) == 2 and alpha2.isupper()
        assert set(entry) <= keys, alpha2
        assert all(isinstance(w, str) and w.strip() == w and w for w in entry.get("names", []))
        assert all(isinstance(w, str) and w.strip() == w and w for w in entry.get("places", []))
    for r in data["regions"]:
        assert set(r) <= {"name", "currency", "names"} and r["names"]


def test_no_form_names_two_countries() -> None:
    """A demonym or alias written for one country must not be another's name: the table
    would then answer by listing order."""
    seen: dict[str, str] = {}
    for c in countries():
        for n in (*c.names, *c.places):
            assert seen.setdefault(n.lower(), c.id) == c.id, (n, seen[n.lower()], c.id)
