"""What reviewing and publishing verdicts read, typed: the default rating scale
(``data/rating_scale.toml``) and the words that tell a person speaking from an
organisation (``data/speakers.toml``)."""

from __future__ import annotations

from functools import partial
from typing import Any

from claimledger.resources import load, wordset

__all__ = ["ORGANISATION_WORDS", "PERSON_TITLES", "default_rating_scale"]

_words = partial(wordset, "speakers")

#: Titles that open a person's name or office ("President of ...", "Cabinet Secretary for ...").
PERSON_TITLES: frozenset[str] = _words("person_titles")
#: Words naming a kind of organisation ("ministry", "bank", "news desk").
ORGANISATION_WORDS: frozenset[str] = _words("organisation_words")


def default_rating_scale() -> dict[str, Any]:
    """The default scale as parsed TOML (``name`` and ``[[level]]`` tables)."""
    data: dict[str, Any] = load("rating_scale")
    return data
