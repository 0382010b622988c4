"""resources.words: the one singulariser (inflect, with the project's answers as data)."""

from __future__ import annotations

import pytest

from claimledger.resources import load
from claimledger.resources.words import singular

WORDS = [
    ("lives", "life"),
    ("indices", "index"),
    ("series", "series"),
    ("news", "news"),
    ("data", "data"),
    ("crises", "crisis"),
    ("analyses", "analysis"),
    ("taxes", "tax"),
    ("buses", "bus"),
    ("cities", "city"),
    ("women", "woman"),
    ("people", "person"),
    ("children", "child"),
    ("criteria", "criterion"),
    ("matrices", "matrix"),
    ("leaves", "leaf"),
    ("potatoes", "potato"),
    ("schools", "school"),
    ("households", "household"),
    ("companies", "company"),
    ("hectares", "hectare"),
    ("syllabi", "syllabus"),
    ("dies", "die"),
    ("earnings", "earnings"),
    ("sales", "sales"),
    ("statistics", "statistics"),
    ("economics", "economics"),
    ("clinics", "clinic"),
    ("Schools", "school"),
]
NOT_PLURAL = [
    "analysis",
    "census",
    "bus",
    "gas",
    "lens",
    "glass",
    "previous",
    "surplus",
    "kazakhstan's",
    "is",
    "they",
]


@pytest.mark.parametrize(("plural", "single"), WORDS)
def test_singular(plural: str, single: str) -> None:
    assert singular(plural) == single


@pytest.mark.parametrize("word", NOT_PLURAL)
def test_words_that_are_not_plural_come_back_unchanged(word: str) -> None:
    assert singular(word) == word


def test_singular_is_stable() -> None:
    for plural, single in WORDS:
        assert singular(singular(plural)) == single


def test_data_file_shape() -> None:
    data = load("singular")
    assert set(data) == {"not_plural_endings", "invariant", "irregular"}
    assert all(w == w.lower() and " " not in w for w in data["invariant"])
    assert all(k == k.lower() and v == v.lower() for k, v in data["irregular"].items())
    assert len(set(data["invariant"])) == len(data["invariant"])
