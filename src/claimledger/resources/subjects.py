"""The word lists of the subject stage, typed (``data/subjects.toml``, read once).

Which words of the phrase around a figure name what it measures: the cleaner's lists
(dropped words, phrase breaks, canonical names) and the rules' (bounds, prepositions, verbs
whose subject is the measure).  Read by ``extract/subject.py`` and ``extract/_tokens.py``.
"""

from __future__ import annotations

import re
from functools import cache, partial

from claimledger.resources import load, mapping, places, verbs, wordset

_DATA = load("subjects")


_words = partial(wordset, "subjects")


_table = partial(mapping, "subjects")


#: Words dropped from a subject phrase: articles, possessives, quantifiers, bound words and
#: evaluative adjectives carry no identity of the indicator ("a record harvest" is the
#: harvest; "over 200 projects" are projects).
DROP: frozenset[str] = _words("drop")
#: Evaluative or quantifying adjectives dropped only at the start of a phrase: "a record
#: harvest" is the harvest, but "investment into new projects" keeps its "new".
DROP_LEADING: frozenset[str] = _words("drop_leading")
#: Words a noun phrase never crosses (prepositions other than the few that build names,
#: conjunctions of clauses, pronouns, auxiliaries).
BREAK: frozenset[str] = _words("break")
#: Base forms of verbs that start an infinitive before a figure ("to double the size of
#: the economy to $450 billion"); a noun phrase stops at them.
BASE_VERBS: frozenset[str] = _words("base_verbs")
#: Prepositions kept inside a name: "gdp per capita", "size of the economy",
#: "foreign direct investment into new projects".
INNER: frozenset[str] = _words("inner")
#: Verb -> noun for "X <verb> N <counted noun>": "SMEs employ 4.3 million people" is
#: "sme employment".
NOMINALIZE: dict[str, str] = _table("nominalize")
#: Completion verbs normalised so one indicator links across documents ("housing built",
#: "housing commissioned" and "housing completed" are one series).
PARTICIPLE: dict[str, str] = _table("participle")
#: Base verbs of commitments -> the participle a later report of the outcome would use
#: ("Astana will host the Games" ... "the Games were held"), normalised like PARTICIPLE.
COMMIT_PARTICIPLE: dict[str, str] = _table("commit_participle")
#: Whole-phrase canonical names, applied after cleaning.
CANONICAL: dict[str, str] = _table("canonical")
#: A verb whose object phrase, when the figure sits in it, takes the verb's subject as a
#: modifier: "the republican budget provides for spending of ..." -> "republican budget
#: spending".
FRAME_VERBS: frozenset[str] = _words("frame_verbs")
#: "allocated KSh 656 billion to education" -> "education allocation".
ALLOCATION: dict[str, str] = _table("allocation")
#: What a verb's bare amount measures when its subject only acts ("Kazakhstan attracted
#: $15.7 billion", "Ghana borrowed $3 billion"): the measure, not the actor.
OBJECT_MEASURE: dict[str, str] = _table("object_measure")
#: Head nouns of measures, for a phrase standing alone before a figure whose verb was
#: left out ("exports 4%" in "imports rose 8% and exports 4%").
MEASURE_HEADS: frozenset[str] = _words("measure_heads")
#: Plural count nouns that do not end in -s.
PLURALS: frozenset[str] = _words("plurals")
#: Nouns of change: "a 15% increase in exports" names exports.
CHANGE_NOUNS: frozenset[str] = _words("change_nouns")
#: Substrings replaced inside a phrase: (pattern, replacement).
REPLACE: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in _DATA["replace"])


@cache
def country_names() -> frozenset[str]:
    """Countries (names and places, lower case) as the actor of a sentence: "Kazakhstan
    attracted ..." measures what was attracted.  Demonyms and codes that are words ("us")
    are left out: "kenyan" alone names no actor.  Built on first use (it loads the country
    table)."""
    return frozenset(
        w.lower()
        for w in places.cue_words(places=True)
        if w[:1].isupper() and not w.isupper() and not w.endswith(("an", "ans", "ese", "ish", "i", "is"))
    ) | _words("country_nouns")


#: Verbs of change: the figure went up or down (data/verbs.toml).
GROWTH_VERBS: frozenset[str] = verbs.change_forms("up", "down")
BOUNDS: frozenset[str] = _words("bounds")
#: Second words of two-word bounds ("more than", "up to", "at least", "close to").
BOUNDS2: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _DATA["bounds2"].items()}
PREPS: frozenset[str] = _words("preps")
PRONOUNS: frozenset[str] = _words("pronouns")
RANK_VERBS: frozenset[str] = _words("rank_verbs")
PRESENT: frozenset[str] = _words("present")
DETS: frozenset[str] = _words("dets")
#: What follows the object of a verb of expecting: "expects X to", "projects X at",
#: "project the rate will fall".
OBJECT_THEN: frozenset[str] = _words("object_then")
PLAN_HEADS: frozenset[str] = _words("plan_heads")
#: Verbs whose subject is the measure itself ("exports rose 8%", "GDP reached $259 billion",
#: "the rate is 5%"); after other verbs right before a figure the subject acts on it.
MEASURE_VERBS: frozenset[str] = _words("measure_verbs") | verbs.change_forms("up", "down", "multiply")
#: Who acts rather than what is measured: "the company pumped 1.2 million bpd" measures
#: production, not the company.
ACTORS: frozenset[str] = _words("actors")
#: Words of a verb group that say a figure is not yet done: no completion participle.
NOT_DONE: frozenset[str] = _words("not_done")
#: Verbs that put a measure "at" a level: "the bank rate now stands at 5.25%".
AT_VERBS: frozenset[str] = _words("at_verbs")
#: Words that name no measure by themselves: a phrase of only these takes the subject of
#: the figure before, or another rule's reading.
EMPTY_WORDS: frozenset[str] = _words("empty_words")
#: Words that start a finite verb group (a participle or an adverb does not).
FINITE: frozenset[str] = _words("finite")
#: Verbs whose figure is a cost: "the stadium is expected to cost $520 million" -> stadium cost.
COST_VERBS: frozenset[str] = _words("cost_verbs")
#: Nouns after "a <figure>" that do not name what it measures ("a 5% share of", "a
#: $2 billion budget surplus" is handled by the frame).
MODIFIED_NOT_SUBJECT: frozenset[str] = _words("modified_not_subject")
#: Gerunds of level verbs: "with inflation averaging 5%".
ING_LEVEL: frozenset[str] = _words("ing_level")
#: Verbs that move a measure to a level: their subject is what the figure measures.
LEVEL_VERBS: frozenset[str] = _words("level_verbs") | GROWTH_VERBS
#: Measures named by a generic noun take the owner before "with a" / "of" / "'s":
#: "energy projects with a capacity of 600 MW" -> "energy projects capacity".
GENERIC: frozenset[str] = _words("generic")
#: After "N% of", these make the percentage a share unit rather than name the subject.
SHARE_BASES: frozenset[str] = _words("share_bases")
#: Words a subject noun phrase may contain between nouns when read back from its verb
#: ("travel time between Tbilisi and Batumi"); reading forward, it ends at the first one
#: that is not of/per/into/for/and.
NP_LINKS: frozenset[str] = _words("np_links") | INNER
EXPECT_VERBS: frozenset[str] = _words("expect_verbs")
#: Words that tie a figure to the noun phrase before it: "spending of", "priced at",
#: "tax breaks worth".
OF_WORDS: frozenset[str] = _words("of_words")
#: Verbs that set the figure of their object: "raised the policy rate to 50 percent".
ADJ_AFTER: frozenset[str] = _words("adj_after")
GOAL_HEADS: frozenset[str] = _words("goal_heads")
#: Nouns of goals and outlooks: "the target for exports" measures exports.
GOAL_NOUNS: frozenset[str] = _words("goal_nouns")
MODAL_GROUP: frozenset[str] = _words("modal_group")
SET_VERBS: frozenset[str] = _words("set_verbs")
PRESENT_OR_AT: frozenset[str] = _words("present_or_at") | PRESENT
OPEN_PAREN: frozenset[str] = _words("open_paren")
RELATIVE_WORDS: frozenset[str] = _words("relative_words")
SET_ING: frozenset[str] = _words("set_ing")
DIMENSIONS: frozenset[str] = _words("dimensions")
#: Head nouns of a ranking's name: "in the Global Competitiveness Index".
RANKING_HEADS: frozenset[str] = _words("ranking_heads")
INNER_OR_AND: frozenset[str] = _words("inner_or_and") | INNER
COMMIT_SKIP: frozenset[str] = _words("commit_skip")
