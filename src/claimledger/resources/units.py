"""Units of measure and money, typed (``data/units.toml`` and ``data/currency_codes.json``).

Every surface form the units stage reads, with its canonical symbol: currency codes,
symbols, prefixes and names, the shared currency names ("dollars", "$", "rupees") and the
codes they may stand for, physical units with their factors and pint expressions, rate
nouns and magnitude words.  Read once; used by ``extract/units.py`` and the numbers stage.
"""

from __future__ import annotations

from functools import partial

from claimledger.resources import load, mapping, wordset

__all__ = [
    "AMBIGUOUS_LETTERS",
    "CODE_WORDS",
    "COUNT_INVARIANT",
    "CURRENCY_AFTER",
    "CURRENCY_PREFIX",
    "CURRENCY_PREFIX_LOWER",
    "CURRENCY_SUBUNITS",
    "CURRENCY_WORDS",
    "DIMENSIONS",
    "FAMILIES",
    "FAMILY_PREFIXES",
    "FAMILY_WORDS",
    "ISO_CODES",
    "LETTER",
    "MAGNITUDE_ABBR",
    "MAGNITUDE_WORDS",
    "PHYSICAL_SYMBOLS",
    "PHYSICAL_WORDS",
    "PINT",
    "PINT_DIMENSIONS",
    "RATE_NOUNS",
    "SAFE_LOWER_CODES",
]

_DATA = load("units")
_words = partial(wordset, "units")
_table = partial(mapping, "units")


def _scaled(name: str) -> dict[str, tuple[str, float]]:
    """A table of surface form -> (canonical symbol, factor)."""
    return {k: (str(v[0]), float(v[1])) for k, v in _DATA[name].items()}


#: ISO 4217 codes: those some country uses today (babel, ``currency_codes.json``) and a few
#: historic ones still cited.
ISO_CODES: frozenset[str] = frozenset(load("currency_codes")["codes"]) | _words("cited_codes")
#: Upper-case codes that are also ordinary words or acronyms ("ALL", "TOP 10", "COP 29").
CODE_WORDS: frozenset[str] = _words("code_words")
#: Lower-case codes that are safe to read in lower-cased (tokenised) text.
SAFE_LOWER_CODES: frozenset[str] = _words("safe_lower_codes")
#: Count nouns that are not plural-looking but are counted ("1,000 staff").
COUNT_INVARIANT: frozenset[str] = _words("count_invariant")
#: Prefixes that are also letters of names and codes ("N95 masks", "the P5").
AMBIGUOUS_LETTERS: frozenset[str] = _words("ambiguous_letters")
#: Symbols and prefixes written before (or glued to) the amount -> code.  Case-sensitive.
CURRENCY_PREFIX: dict[str, str] = _table("currency_prefix")
#: Abbreviations written after the amount ("5 billion Rwf") -> code.
CURRENCY_AFTER: dict[str, str] = _table("currency_after")
#: Lower-cased prefixes for tokenised, lower-cased text ("us $ 150 million") -> code.
CURRENCY_PREFIX_LOWER: dict[str, str] = _table("currency_prefix_lower")
#: Currency names written after the amount (lower case; plurals added by the reader) -> code.
CURRENCY_WORDS: dict[str, str] = _table("currency_words")
#: Sub-units of money ("cents", "tiyn") -> (code, factor to the main unit).
CURRENCY_SUBUNITS: dict[str, tuple[str, float]] = _scaled("currency_subunits")
#: Physical unit words -> (canonical symbol, factor).
PHYSICAL_WORDS: dict[str, tuple[str, float]] = _scaled("physical_words")
#: Physical unit symbols (case-sensitive) -> (canonical symbol, factor).
PHYSICAL_SYMBOLS: dict[str, tuple[str, float]] = _scaled("physical_symbols")
#: Canonical physical symbol -> its pint expression.
PINT: dict[str, str] = _table("pint")
#: Nouns of a rate's denominator ("per barrel", "a day") -> unit symbol.
RATE_NOUNS: dict[str, str] = _table("rate_nouns")
#: Spelled magnitudes ("million") -> power of ten.
MAGNITUDE_WORDS: dict[str, int] = _table("magnitude_words")
#: Abbreviated magnitudes ("bn", "mln", "K") -> (power of ten, case-sensitive).
MAGNITUDE_ABBR: dict[str, tuple[int, bool]] = {
    k: (int(v[0]), bool(v[1])) for k, v in _DATA["magnitude_abbr"].items()
}

#: Shared currency names: family -> (default code, every code the name may stand for).
FAMILIES: dict[str, tuple[str, frozenset[str]]] = {
    name: (str(f["default"]), frozenset(f["codes"])) for name, f in _DATA["families"].items()
}
#: Currency words (lower case, singular and plural) that name a family, not one code.
FAMILY_WORDS: dict[str, str] = _table("family_words")
#: Not a family of FAMILIES: the mark of a single-letter prefix ("N2.5 trillion", "R500",
#: ``AMBIGUOUS_LETTERS``), money only with a magnitude or in its country's text.
LETTER = "letter"
#: Symbols written before an amount that name a family ("$", "Rs"), case-sensitive.
FAMILY_PREFIXES: dict[str, str] = {
    **_table("family_prefixes"),
    **dict.fromkeys(sorted(AMBIGUOUS_LETTERS), LETTER),
}

#: Dimensions for linking: unit symbol (lower case) -> (dimension, factor to its base unit).
DIMENSIONS: dict[str, tuple[str, float]] = _scaled("dimensions")
#: pint dimensionality -> dimension, for units outside ``DIMENSIONS``.
PINT_DIMENSIONS: dict[str, str] = _table("pint_dimensions")
