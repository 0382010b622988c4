"""The indicator lexicon: which words of a subject name the measured thing.

Subjects come out of extraction as short phrases ("square meters of housing
commissioned", "gross domestic product", "spending of the republican budget").  The
canonical form keeps only the words that say *what* is measured: stop words, measure
words, unit words and the verbs of reporting are dropped, plurals are lemmatised, and
synonyms map to one head word.  Each list is general English of official statistics,
not words picked from one document.
"""

from __future__ import annotations


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Function words.
STOP = _set("""
a an the of in on for to from by at with and or as is are was were be been being has have had
this that these those its their our his her it which who whom than more less over under about
around nearly almost some up down into also already respectively such all each other last next
this year years month months quarter quarters day days week weeks time times period so far there
here what how many much very just only still yet again most least both either neither while
will would should could can may might must shall do does did done not no per cent within across
through during since until till via vs versus whose where when then them they we you i me my your
one two three four five six seven eight nine ten first second third half quarter
""")

#: Words that name a measure rather than the measured thing ("the volume of X" is X).
FILLER = _set("""
total overall volume amount level number size figure value sum rate index indicator count
average mean annual yearly monthly cumulative combined aggregate gross net record approximately
roughly estimated estimate some around current constant actual term terms
summary table section paragraph annex appendix chart page line document report elsewhere same
national nationwide countrywide
""") - {"gross", "net"}  # "gross"/"net" separate real concepts ("net profit"): keep
# "nominal" and "real" are kept: nominal and real growth are different measures.  Each is
# the default of one kind of figure and dropped there (see ``DEFAULT_QUALIFIERS``).
# "national" is dropped: a country's indicator is national unless a region is named.

#: Unit, magnitude and currency words: the dimension carries them, not the subject.
UNIT_WORDS = _set("""
thousand thousands million millions mln billion billions bn trillion trillions trn lakh crore
tenge dollar dollars usd euro euros eur rouble roubles ruble rubles sum soms som manat lari rupee
rupees yuan renminbi yen pound pounds sterling dram hryvnia lira tiyn cent cents
square sq meter meters metre metres kilometer kilometers kilometre kilometres km m2 km2 m3 ha
hectare hectares ton tons tonne tonnes kg kilogram kilograms mw gw kw kwh mwh gwh twh megawatt
megawatts gigawatt gigawatts kilowatt barrel barrels bbl cubic litre litres liter liters percent
pp point points unit units mile miles acre acres
""")

#: Verbs and participles of reporting, delivering and changing: "housing commissioned",
#: "roads built or repaired" and "new housing" all measure housing/roads delivered.
VERBS = _set("""
completed commissioned built constructed delivered put operation operational repaired
reconstructed renovated opened launched created achieved reached amounted totalled totaled
exceeded exceeding grew grow growing increased increase rose rise rising fell fall declined decline
decreased decrease attracted received produced harvested planned plan expected forecast forecasts
projected provided provide provides allocated estimated reported recorded registered stood made
set sent going went came become became remain remained remains stand stands amount amounts
account accounts accounted exceed exceeds reach reaches say says said according new newly
introduced carried implemented commissioning construction put into
show shows showed shown indicate indicates indicated suggest suggests suggested see sees saw
give gives gave given puts note notes noted estimates expects expected put
connected electrified upgraded installed planted paved asphalted rehabilitated modernised modernized
equipped supplied restored refurbished handed hired recruited trained enrolled vaccinated disbursed
""")

#: Single-word synonyms -> head word.
SYNONYMS: dict[str, str] = {
    "expenditure": "spending",
    "expense": "spending",
    "outlay": "spending",
    "spend": "spending",
    "home": "housing",
    "dwelling": "housing",
    "apartment": "housing",
    "flat": "housing",
    "residential": "housing",
    "highway": "road",
    "motorway": "road",
    "roadway": "road",
    # "residents" is not mapped to population: "1,200 residents were resettled" counts people
    # affected, not the population.
    "cereal": "grain",
    "inhabitant": "population",
    # "earnings" is not mapped: export earnings are export revenue, average earnings a wage.
    "wage": "wage",
    "salary": "wage",
    "output": "production",
    "visitor": "tourist",
    "arrival": "tourist",
    "export": "export",
    "import": "import",
    "revenues": "revenue",
    "receipts": "revenue",
    "income": "income",
    "economy": "gdp",
    "cpi": "inflation",
    "jobless": "unemployment",
    "sme": "sme",
    "enterprise": "enterprise",
    "business": "business",
}

#: Multi-word synonyms, matched on lemmatised tokens before single words (longest first).
PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("gross", "domestic", "product"): ("gdp",),
    ("domestic", "product"): ("gdp",),
    ("size", "of", "the", "economy"): ("gdp",),
    ("gdp", "growth"): ("gdp", "growth"),
    ("economic", "growth"): ("gdp", "growth"),
    ("growth", "of", "the", "economy"): ("gdp", "growth"),
    ("foreign", "direct", "investment"): ("fdi",),
    ("direct", "investment"): ("fdi",),
    ("foreign", "investment"): ("fdi",),
    ("consumer", "price", "inflation"): ("inflation",),
    ("consumer", "price"): ("inflation",),
    ("price", "growth"): ("inflation",),
    ("inflation", "rate"): ("inflation",),
    ("per", "capita"): ("per_capita",),
    ("per", "person"): ("per_capita",),
    ("per", "head"): ("per_capita",),
    ("per", "inhabitant"): ("per_capita",),
    ("living", "space"): ("housing",),
    # Owning a home is not housing built: keep the compound apart from the "home" synonym.
    ("home", "ownership"): ("home_ownership",),
    ("homeownership",): ("home_ownership",),
    ("crude", "oil"): ("oil",),
    # What exports earn is their value: "export earnings/revenue/receipts" are exports.
    ("export", "earnings"): ("export",),
    ("export", "revenue"): ("export",),
    ("export", "receipts"): ("export",),
    ("export", "proceeds"): ("export",),
    ("export", "value"): ("export",),
    ("value", "of", "export"): ("export",),
    ("fiscal", "deficit"): ("budget", "deficit"),
    ("constant", "price"): ("real",),
    ("current", "price"): ("nominal",),
    ("inflation", "adjusted"): ("real",),
    ("inflation-adjusted",): ("real",),
    ("grain", "harvest"): ("grain",),
    ("small", "and", "medium", "business"): ("sme",),
    ("small", "and", "medium", "enterprise"): ("sme",),
    ("small", "and", "medium", "sized", "enterprise"): ("sme",),
    ("trade", "turnover"): ("trade",),
    ("foreign", "trade"): ("trade",),
    ("national", "debt"): ("debt",),
    ("gold", "and", "foreign", "exchange", "reserve"): ("reserve",),
    ("international", "reserve"): ("reserve",),
    ("unemployment", "rate"): ("unemployment",),
    ("power", "capacity"): ("power",),
    # A period named in the subject ("fiscal year vehicle sales") is when, not what.
    ("fiscal", "year"): (),
    ("financial", "year"): (),
    ("calendar", "year"): (),
    ("generating", "capacity"): ("power",),
}

#: Scope words that name the default (central) level of government; dropped before a
#: public-finance head word so "republican budget spending" = "state budget spending".
CENTRAL_SCOPE = _set("state republican federal central government public national general")
FINANCE_HEADS = _set("budget spending deficit revenue debt")

#: A subject that is only one of these words implies the public budget: "spending of over
#: 23.9 trillion" in a budget statement is budget spending; "trade deficit" keeps "trade".
IMPLIES_BUDGET = _set("spending deficit revenue")

#: Head words that say how something moved, not what moved: a subject made only of these
#: ("growth", "the increase", "its share") cannot be told apart from another one, so it
#: names no indicator.
GENERIC = _set(
    "growth increase decrease rise fall decline change share part proportion percentage "
    "ratio gain loss drop jump reduction expansion contraction"
)

#: A qualifier that is the default for a kind of figure and is dropped there: growth rates
#: are quoted in real terms ("real GDP growth" is "GDP growth"), money amounts in nominal
#: terms ("nominal GDP of $260 billion" is "GDP").  The other qualifier stays in the key.
DEFAULT_QUALIFIERS = {"percent_change": "real", "currency": "nominal"}

#: Display names for head words that are acronyms.
DISPLAY = {
    "gdp": "GDP",
    "fdi": "FDI",
    "sme": "SMEs",
    "per_capita": "per capita",
    "home_ownership": "home ownership",
}
