"""What a figure measures when its subject names only who acts.

"The government will raise the home ownership rate to 70% by 2030" and "Ghana will narrow
the fiscal deficit to 4.3% of GDP" come out of extraction with the actor ("government",
"Ghana") as their subject.  An actor is not an indicator: the measured thing is the noun
phrase the verb acts on, between the verb and the figure ("the home ownership rate", "the
fiscal deficit").  This module reads that phrase from the sentence text, so such targets
meet the later outcome figures of the same indicator.

Reads: a claim's subject and sentence and the figure's span.  Writes: a subject phrase
(or None when the sentence has no such verb phrase).
"""

from __future__ import annotations

import re

from claimledger.resources import verbs
from claimledger.resources.indicators import ACTOR_WORDS

#: Verbs that act on a measured thing and take the figure after "to"/"at"/"below"/"of".
_VERB = re.compile(
    r"\b(?:raise|raising|raised|increase|increasing|increased|lift|lifting|boost|boosting|bring|bringing|"
    r"reduce|reducing|cut|cutting|narrow|narrowing|narrowed|lower|lowering|grow|growing|expand|expanding|"
    r"keep|keeping|hold|holding|maintain|maintaining|reach|reaching|achieve|achieving|attain|limit|"
    r"limiting|contain|containing|push|pushing|take|taking|get|getting|double|triple|halve|"
    r"improve|improving|accelerate|slow|trim|trimming|curb|curbing|put|target|targets|targeting)\b",
    re.I,
)
#: What may stand between the measured phrase and the figure.
_TAIL = re.compile(
    r"(?:\s+(?:down|up|back))?\s+(?:to|at|below|under|above|within|of|by|around|"
    r"toward|towards|between|in)(?:\s+(?:about|around|almost|nearly|over|under|below|some|at\s+least|"
    r"at\s+most|no\s+more\s+than|less\s+than|more\s+than|just|roughly|the|a|an|a\s+range\s+of))*"
    r"\s*$",
    re.I,
)
_DETERMINER = re.compile(
    r"^(?:the|a|an|its|their|our|his|her|this|that|these|those|"
    r"the\s+country(?:'s|\u2019s))\s+",
    re.I,
)
#: A measured phrase longer than this is a clause, not a name of an indicator.
MAX_PHRASE_WORDS = 7


def actor_only(subject: str) -> bool:
    """Does the subject name only who acts ("the government", "Ghana", "") and nothing measured?"""
    from claimledger.link._canon import canonical_subject

    tokens = canonical_subject(subject).tokens
    return all(t in ACTOR_WORDS for t in tokens)


def measured_phrase(sentence: str, start: int) -> str | None:
    """The noun phrase a verb acts on just before the figure at ``start``: "raise the home
    ownership rate to 70%" -> "home ownership rate"; None when the sentence has none."""
    before = sentence[:start]
    tail = _TAIL.search(before)
    if tail is None:
        return None
    head = before[: tail.start()]
    verbs = list(_VERB.finditer(head))
    if not verbs:
        return None
    phrase = re.sub(r"^(?:down|up|back)\s+", "", head[verbs[-1].end() :].strip(" ,"), flags=re.I)
    while True:  # "the country's", "its", "the" ...
        m = _DETERMINER.match(phrase)
        if m is None:
            break
        phrase = phrase[m.end() :]
    words = phrase.split()
    if not words or len(words) > MAX_PHRASE_WORDS or any(ch.isdigit() for ch in phrase):
        return None
    if re.search(r"[;:()]|\b(?:and|or|but|while|which|that|who)\b", phrase, re.I) or actor_only(phrase):
        return None
    return phrase


#: Verbs that state a level: "The 2025 grain harvest came to 26.2 million tonnes".
_LEVEL_VERB = re.compile(
    r"\b(?:came\s+to|come\s+to|comes\s+to|reached|reaches|totall?ed|totals|amounted\s+to|amounts\s+to|stood\s+at|"
    rf"stands\s+at|was|were|is|are|{verbs.change_pattern('up', 'down', tenses=('past',))}|hit|"
    r"topped|exceeded|surpassed)\b",
    re.I,
)
_CLAUSE_START = re.compile(r"(?:^|[,;:]\s+|\b(?:that|and|while|but)\s+)", re.I)
_YEAR_WORDS = re.compile(r"\b(?:in\s+)?(?:(?:19|20)\d\d(?:/\d{2,4})?|this\s+year|last\s+year)(?:'s)?\b", re.I)


def sentence_subject(sentence: str, start: int) -> str | None:
    """The noun phrase before the verb that states the figure at ``start``: "The 2025 grain
    harvest came to 26.2 million tonnes" -> "grain harvest".  For figures the extractor gave
    no subject at all; None when the clause has no such verb or the phrase is not a name."""
    head = sentence[:start]
    verbs = list(_LEVEL_VERB.finditer(head))
    if not verbs:
        return None
    verb = verbs[-1]
    if len(head[verb.end() :].split()) > 4:  # the figure is far from the verb: another clause
        return None
    before = head[: verb.start()]
    starts = list(_CLAUSE_START.finditer(before))
    phrase = before[starts[-1].end() :] if starts else before
    phrase = _YEAR_WORDS.sub(" ", phrase)
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,")
    while True:
        m = _DETERMINER.match(phrase)
        if m is None:
            break
        phrase = phrase[m.end() :]
    words = phrase.split()
    if not words or len(words) > 5 or any(ch.isdigit() for ch in phrase) or actor_only(phrase):
        return None
    return phrase
