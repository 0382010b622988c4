"""Word lists and canonical names for the subject stage.  All lower-case."""

from __future__ import annotations

import re

from claimledger.extract._unitcountry import country_tables


def _w(s: str) -> frozenset[str]:
    return frozenset(s.split())


#: Words dropped from a subject phrase: articles, possessives, quantifiers, bound words and
#: evaluative adjectives carry no identity of the indicator ("a record harvest" is the
#: harvest; "over 200 projects" are projects).
DROP: frozenset[str] = _w(
    """
    the a an this that these those its their our his her my your some any all several many
    most more less over under about around approximately almost nearly roughly some least
    at up than such own respective each every various numerous certain whole entire just
    only also already circa annually yearly year-on-year y/y yoy year years now currently today
    immediately once initially
    """
)
#: Evaluative or quantifying adjectives dropped only at the start of a phrase: "a record
#: harvest" is the harvest, but "investment into new projects" keeps its "new".
DROP_LEADING: frozenset[str] = _w(
    """
    record total overall historic all-time unprecedented new further additional another
    other current latest annual old previous original initial revised former prior earlier full-year
    planned promised pledged proposed announced
    """
)
#: Words a noun phrase never crosses (prepositions other than the few that build names,
#: conjunctions of clauses, pronouns, auxiliaries).
BREAK: frozenset[str] = _w(
    """
    in on at by to from with than as under over about between during since until after
    before through across against among within without towards toward via upon amid
    and or but while whereas which who that if when where so yet because although though
    it they we he she i you there here is are was were be been being has have had will
    shall would should could may might must can do does did not no also respectively
    according compared versus vs including include includes more less up down above below beyond
    """
)
#: Base forms of verbs that start an infinitive before a figure ("to double the size of
#: the economy to $450 billion"); a noun phrase stops at them.
BASE_VERBS: frozenset[str] = _w(
    """
    double triple halve reach raise reduce grow bring build attract achieve expand create
    invest allocate spend boost lower keep maintain exceed provide complete launch hire
    train connect employ ensure secure support put set hold leave cut lift hike trim ease
    """
)
#: Prepositions kept inside a name: "gdp per capita", "size of the economy",
#: "foreign direct investment into new projects".
INNER: frozenset[str] = _w("of per into for")

#: Verb -> noun for "X <verb> N <counted noun>": "SMEs employ 4.3 million people" is
#: "sme employment".
NOMINALIZE = {
    "employ": "employment",
    "employs": "employment",
    "employed": "employment",
    "produce": "production",
    "produces": "production",
    "produced": "production",
    "export": "exports",
    "exports": "exports",
    "exported": "exports",
    "import": "imports",
    "imports": "imports",
    "imported": "imports",
    "harvested": "harvest",
    "yielded": "harvest",
    "pumped": "production",
    "pumps": "production",
    "pump": "production",
    "extracted": "production",
}
#: Completion verbs normalised so one indicator links across documents ("housing built",
#: "housing commissioned" and "housing completed" are one series).
PARTICIPLE = {
    "built": "completed",
    "constructed": "completed",
    "commissioned": "completed",
    "completed": "completed",
    "erected": "completed",
    "delivered": "completed",
    "repaired": "repaired",
    "renovated": "repaired",
    "reconstructed": "repaired",
    "modernised": "repaired",
    "modernized": "repaired",
    "refurbished": "repaired",
    "opened": "opened",
    "launched": "launched",
    "created": "created",
    "elected": "elected",
    "attracted": "attracted",
    "hired": "hired",
    "trained": "trained",
    "paid": "paid",
    "allocated": "allocated",
    "introduced": "introduced",
    "installed": "installed",
    "connected": "connected",
    "issued": "issued",
    "exported": "exported",
    "sold": "sold",
    "produced": "production",
    "pumped": "production",
    "extracted": "production",
    "mined": "production",
    "harvested": "harvested",
    "registered": "registered",
    "held": "held",
    "hosted": "held",
    "organised": "held",
    "organized": "held",
    "eliminated": "eliminated",
    "abolished": "eliminated",
    "adopted": "adopted",
    "approved": "adopted",
}
#: Base verbs of commitments -> the participle a later report of the outcome would use
#: ("Astana will host the Games" ... "the Games were held"), normalised like PARTICIPLE.
COMMIT_PARTICIPLE = {
    "host": "held",
    "hold": "held",
    "organise": "held",
    "organize": "held",
    "conduct": "held",
    "open": "opened",
    "launch": "launched",
    "build": "completed",
    "construct": "completed",
    "complete": "completed",
    "finish": "completed",
    "commission": "completed",
    "deliver": "completed",
    "repair": "repaired",
    "renovate": "repaired",
    "reconstruct": "repaired",
    "modernise": "repaired",
    "modernize": "repaired",
    "chair": "chaired",
    "adopt": "adopted",
    "pass": "adopted",
    "approve": "adopted",
    "introduce": "introduced",
    "create": "created",
    "establish": "created",
    "sign": "signed",
    "pay": "paid",
    "start": "started",
    "begin": "started",
    "publish": "published",
    "eliminate": "eliminated",
    "abolish": "eliminated",
    "connect": "connected",
    "install": "installed",
    "hire": "hired",
    "train": "trained",
    "raise": "raised",
    "increase": "increased",
    "reduce": "reduced",
    "cut": "reduced",
    "lower": "reduced",
    "double": "doubled",
    "privatise": "privatised",
    "privatize": "privatised",
    "submit": "submitted",
    "implement": "implemented",
    "disappear": "eliminated",
}
#: Whole-phrase canonical names, applied after cleaning.
CANONICAL = {
    "deficit": "budget deficit",
    "budget deficits": "budget deficit",
    "deficits": "budget deficit",
    "growth": "gdp growth",
    "economic growth": "gdp growth",
    "growth of economy": "gdp growth",
    "real gdp growth": "gdp growth",
    "economy": "gdp",
    "size of economy": "gdp",
    "inflation rate": "inflation",
    "annual inflation": "inflation",
    "consumer price inflation": "inflation",
    "unemployment rate": "unemployment",
    "fdi": "foreign direct investment",
    "smes": "sme",
    "harvest": "grain harvest",
}
#: Substrings replaced inside a phrase.
REPLACE = (
    (re.compile(r"\bgross domestic product\b"), "gdp"),
    (re.compile(r"\bsmall and medium(?:-sized)? (?:enterprises|businesses|entrepreneurship)\b"), "sme"),
    (re.compile(r"\bsmes\b"), "sme"),
    (re.compile(r"\bfdi\b"), "foreign direct investment"),
    (re.compile(r"\bper cent\b"), ""),
    # a rate's time unit is the unit's, not the subject's: "oil per day produced" is oil
    (re.compile(r"\b(?:per|a) (?:day|year|annum|month|week|hour)\b"), ""),
    (re.compile(r"(?<=\w) (?:day|annum|month|week)$"), ""),  # "passengers a day" after "a" is dropped
    (re.compile(r"&amp;?"), "&"),
)
#: A verb whose object phrase, when the figure sits in it, takes the verb's subject as a
#: modifier: "the republican budget provides for spending of ..." -> "republican budget
#: spending".
FRAME_VERBS: frozenset[str] = _w("provides envisages foresees includes allocates sets earmarks plans")

#: "allocated KSh 656 billion to education" -> "education allocation".
ALLOCATION = {
    "allocated": "allocation",
    "allocate": "allocation",
    "allocates": "allocation",
    "earmarked": "allocation",
    "earmark": "allocation",
    "spent": "spending",
    "spend": "spending",
    "spends": "spending",
    "invested": "investment",
    "invest": "investment",
    "invests": "investment",
    "go": "allocation",
    "goes": "allocation",
    "went": "allocation",
    "directed": "allocation",
    "channelled": "allocation",
    "channeled": "allocation",
    "transferred": "allocation",
    "provided": "allocation",
    "sanctioned": "allocation",
    "aside": "allocation",
}
#: What a verb's bare amount measures when its subject only acts ("Kazakhstan attracted
#: $15.7 billion", "Ghana borrowed $3 billion"): the measure, not the actor.
OBJECT_MEASURE = {
    "attracted": "investment attracted",
    "attracts": "investment attracted",
    "borrowed": "borrowing",
    "borrows": "borrowing",
    "earned": "earnings",
    "earns": "earnings",
    "received": "funding received",
    "receives": "funding received",
    "raised": "funds raised",
    "collected": "revenue collected",
    "collects": "revenue collected",
    "lent": "lending",
    "lends": "lending",
    "disbursed": "disbursement",
    "saved": "savings",
    "exported": "exports",
    "exports": "exports",
    "imported": "imports",
    "imports": "imports",
}
#: Countries (names and capitals, lower case) as the actor of a sentence: "Kazakhstan
#: attracted ..." measures what was attracted.  Demonyms and codes that are words ("us")
#: are left out: "kenyan" alone names no actor.
COUNTRY_NAMES = frozenset(
    w.lower()
    for w in country_tables()[1]
    if w[:1].isupper() and not w.isupper() and not w.endswith(("an", "ans", "ese", "ish", "i", "is"))
) | _w("republic nation kingdom federation emirate")

#: Head nouns of measures, for a phrase standing alone before a figure whose verb was
#: left out ("exports 4%" in "imports rose 8% and exports 4%").
MEASURE_HEADS: frozenset[str] = _w(
    """
    inflation growth exports imports unemployment deficit debt revenue revenues spending investment
    production output sales prices wages income gdp surplus reserves remittances tourism arrivals
    lending credit consumption demand yield yields rate rates employment capacity assets
    agriculture industry services construction manufacturing mining trade tourism transport retail
    """
)
#: Plural count nouns that do not end in -s.
PLURALS: frozenset[str] = _w(
    "people children men women staff personnel police cattle livestock sheep teeth feet mice geese"
)
#: Nouns of change: "a 15% increase in exports" names exports.
CHANGE_NOUNS: frozenset[str] = _w("increase decrease rise growth decline drop fall jump gain reduction")
#: Subject phrases are capped at this many words: indicator names are short, and a
#: longer phrase is a sign the rule caught a clause.
MAX_WORDS = 6
