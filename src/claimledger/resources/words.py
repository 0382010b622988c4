"""Words: the one singulariser, and the word lists every stage shares.

Reads: ``data/singular.toml`` and the inflect library.  Writes: lower-case words.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from claimledger.resources import load

__all__ = ["plural", "singular"]

#: Singular forms kept per process: the stages ask about the same few thousand nouns.
SINGULAR_CACHE = 16384


@cache
def _singular_data() -> tuple[dict[str, str], frozenset[str], tuple[str, ...]]:
    data = load("singular")
    return dict(data["irregular"]), frozenset(data["invariant"]), tuple(data["not_plural_endings"])


@cache
def _inflect() -> Any:
    import inflect  # imported on first use: it takes a noticeable share of start-up

    engine = inflect.engine()
    engine.classical(all=True)  # "indices" -> "index", "criteria" -> "criterion"
    return engine


@lru_cache(maxsize=SINGULAR_CACHE)
def singular(word: str) -> str:
    """The singular of an English noun, lower case in and out ("lives" -> "life").

    The project's answers (``data/singular.toml``) first, then inflect's (classical
    plurals: "indices" -> "index").  A word that does not look plural comes back unchanged,
    so ``singular(w) != w`` means "w looks plural".
    """
    w = word.lower()
    irregular, invariant, endings = _singular_data()
    hit = irregular.get(w)
    if hit is not None:
        return hit
    if len(w) < 3 or w in invariant or w.endswith(endings):
        return w
    found = _inflect().singular_noun(w)
    return found.lower() if isinstance(found, str) and found else w


@lru_cache(maxsize=1024)
def plural(word: str) -> str:
    """The plural of an English noun, for display ("country" -> "countries")."""
    found = _inflect().plural_noun(word)
    return found if isinstance(found, str) and found else word
