"""Country tables for currency context (logic in ``numbers._currency_context``).

A currency name or symbol shared by several countries ("$", "Rs", "rupees", "pesos",
"shillings", "dinars", ...) is read as the currency of the country the text is about.
Two tables make that possible:

- ``country_tables()``: the words that place a text in a country (names, demonyms,
  capitals and provinces: "Ontario", "Karachi", "New South Wales") and each country's
  currency, from ``claimledger.resources.places``.  The words are matched
  case-sensitively on word boundaries, so "turkey" or "chile" in lower case never count.
  Every country is listed, also those whose currency is shared by no one: a Nigerian text
  that mentions Canada once is still Nigerian.
- ``FAMILIES``: the shared names.  Each family has a default code (what the word means
  with no country in sight: "$" is USD, "rupees" INR) and the codes it may stand for.
"""

from __future__ import annotations

from functools import cache

from claimledger.extract._unitdata import AMBIGUOUS_LETTERS, word_set
from claimledger.resources import places


def _parse() -> tuple[dict[str, str], dict[str, str]]:
    currency: dict[str, str] = {}
    cues: dict[str, str] = {}
    found = places.cue_words(places=True)
    for w, where in found.items():
        key = where.alpha2 if isinstance(where, places.Country) else where.name
        currency[key] = where.currency or ""
        cues[w] = key
    for w, key in list(cues.items()):
        if len(w) >= 4:
            cues.setdefault(w.upper(), key)  # wire datelines: "OTTAWA —", "KARACHI:"
    return currency, cues


@cache
def country_tables() -> tuple[dict[str, str], dict[str, str]]:
    """``(COUNTRY_CURRENCY, COUNTRY_CUES)``, built on first use from ``resources.places``.

    ``COUNTRY_CURRENCY``: country code (or region name) -> ISO 4217 code of its currency
    ("" for a region that names no one currency, such as "Latin America", listed so that
    "American" in it does not count).  ``COUNTRY_CUES``: cue word (case-sensitive) ->
    country code or region name.
    """
    return _parse()


#: Shared currency names: family -> (default code, every code the name may stand for).
FAMILIES: dict[str, tuple[str, frozenset[str]]] = {
    "dollar": ("USD", word_set("USD CAD AUD NZD SGD HKD TWD JMD NAD TTD BSD BBD FJD LRD GYD BND")),
    "rupee": ("INR", word_set("INR PKR LKR NPR MUR SCR")),
    "shilling": ("KES", word_set("KES UGX TZS SOS")),
    "peso": ("MXN", word_set("MXN PHP ARS CLP COP UYU DOP CUP")),
    "dinar": ("IQD", word_set("IQD KWD JOD RSD DZD TND BHD LYD MKD")),
    "franc": ("CHF", word_set("CHF XOF XAF RWF BIF CDF GNF DJF")),
    "krona": ("SEK", word_set("SEK ISK")),
    "krone": ("NOK", word_set("NOK DKK")),
    "pound": ("GBP", word_set("GBP EGP LBP SYP SDG SSP")),
    "riyal": ("SAR", word_set("SAR QAR OMR YER")),
    "rial": ("IRR", word_set("IRR OMR YER")),
    "dirham": ("AED", word_set("AED MAD")),
    "kwacha": ("ZMW", word_set("ZMW MWK")),
    "leu": ("RON", word_set("RON MDL")),
    "manat": ("AZN", word_set("AZN TMT")),
    "som": ("KGS", word_set("KGS UZS")),
    "won": ("KRW", word_set("KRW KPW")),
}

#: Currency words (lower case, singular and plural) that name a family, not one code.
FAMILY_WORDS: dict[str, str] = {
    "dollar": "dollar",
    "dollars": "dollar",
    "cent": "dollar",
    "cents": "dollar",
    "rupee": "rupee",
    "rupees": "rupee",
    "shilling": "shilling",
    "shillings": "shilling",
    "peso": "peso",
    "pesos": "peso",
    "dinar": "dinar",
    "dinars": "dinar",
    "franc": "franc",
    "francs": "franc",
    "krona": "krona",
    "kronor": "krona",
    "kronur": "krona",
    "krone": "krone",
    "kroner": "krone",
    "pound": "pound",
    "pounds": "pound",
    "riyal": "riyal",
    "riyals": "riyal",
    "rial": "rial",
    "rials": "rial",
    "dirham": "dirham",
    "dirhams": "dirham",
    "kwacha": "kwacha",
    "leu": "leu",
    "lei": "leu",
    "manat": "manat",
    "manats": "manat",
    "som": "som",
    "soms": "som",
    "won": "won",
}
#: Not a family of FAMILIES: the mark of a single-letter prefix ("N2.5 trillion", "R500",
#: ``_unitdata.AMBIGUOUS_LETTERS``), money only with a magnitude or in its country's text.
LETTER = "letter"
#: Symbols written before an amount that name a family ("$", "Rs"), case-sensitive.
FAMILY_PREFIXES: dict[str, str] = {
    "$": "dollar",
    "Rs": "rupee",
    "Rs.": "rupee",
    "rs": "rupee",
    "rs.": "rupee",
    "₨": "rupee",
    "Sh": "shilling",
    "Shs": "shilling",
    **dict.fromkeys(AMBIGUOUS_LETTERS, LETTER),
}
