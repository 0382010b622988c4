"""Words of the sentence splitter, typed (``data/sentences.toml``, read once)."""

from __future__ import annotations

from functools import partial

from claimledger.resources import wordset
from claimledger.resources.dates import MONTH_ABBREVIATIONS

__all__ = ["ABBREVIATIONS", "BEFORE_AMOUNT", "END_OK", "STARTERS"]

_words = partial(wordset, "sentences")

#: Words that take a full stop without ending a sentence (lower case, without the stop),
#: month abbreviations included.
ABBREVIATIONS: frozenset[str] = _words("abbreviations") | frozenset(MONTH_ABBREVIATIONS)
#: Currency abbreviations written with a full stop before the amount ("Rs. 500 crore").
BEFORE_AMOUNT: frozenset[str] = _words("before_amount")
#: Abbreviations that end a sentence when followed by a capital ("... etc. The").
END_OK: frozenset[str] = _words("end_ok")
#: Words that start sentences; after a dotted acronym ("U.S.") they mark a new sentence.
STARTERS: frozenset[str] = _words("starters")
