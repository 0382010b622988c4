"""Words the checkers read besides the indicator lexicon, typed (``data/checks.toml``)."""

from __future__ import annotations

from functools import partial

from claimledger.resources import mapping, wordset
from claimledger.resources.dates import FULL_MONTHS

__all__ = [
    "BAND_WIDTH_MARKS",
    "CLOSE_BOUNDS",
    "COMMON_NAMES",
    "CONDITIONAL_CUES",
    "EXCLUSION_CUES",
    "HYPOTHETICAL_CUES",
    "ILLUSTRATION_GAINS",
    "INSTITUTION_HEADS",
    "LOWER_IS_BETTER",
    "NOT_CONTENT",
    "OBJECT_LIGHT_HEADS",
    "OBJECT_PREPOSITIONS",
    "PERSON_TITLES",
    "PLACE_IN_TEXT",
    "POPULATION_GROUPS",
    "PROGRESS_WORDS",
    "RESTATED_AFTER",
    "RESTATED_BEFORE",
    "SENTENCE_STARTERS",
    "STILL_UNMET",
    "USABLE_STATES",
]

_words = partial(wordset, "checks")

#: Capitalised words that are not names of places or projects ("The", "Ministry", "March").
COMMON_NAMES: frozenset[str] = _words("common_names") | {m.capitalize() for m in FULL_MONTHS}
#: Words that often open an English sentence and name nothing.
SENTENCE_STARTERS: frozenset[str] = _words("sentence_starters")
#: Words that say who spoke or that something will happen, not what (month names included).
NOT_CONTENT: frozenset[str] = _words("not_content") | frozenset(FULL_MONTHS)
#: Head words of indicators where less is better: meeting the target means staying below it.
LOWER_IS_BETTER: frozenset[str] = _words("lower_is_better")
#: Words about where in the text a figure stands ("the same", "table", "annex").
PLACE_IN_TEXT: frozenset[str] = _words("place_in_text")
#: Words just before a bound that make it close ("just under 2%", "slightly above 4%").
CLOSE_BOUNDS: frozenset[str] = _words("close_bounds")
#: Words before a figure ("the promised", "the target of") or after it ("9,000 posts
#: pledged") that make it the promise restated, never its outcome.
RESTATED_BEFORE: frozenset[str] = _words("restated_before")
RESTATED_AFTER: frozenset[str] = _words("restated_after")
#: Phrases saying that what was promised is still awaited ("still waiting for a visit").
STILL_UNMET: frozenset[str] = _words("still_unmet")
#: What a hypothetical person gains under a policy ("a cleaner on the new scale will earn").
ILLUSTRATION_GAINS: frozenset[str] = _words("illustration_gains")
#: Marks before a figure that make it a band's half-width ("±1.5%", "+/- 1 point").
BAND_WIDTH_MARKS: frozenset[str] = _words("band_width_marks")
#: Words of progress on one piece of work ("paved", "complete", "disbursed").
PROGRESS_WORDS: frozenset[str] = _words("progress_words")
#: Words that leave a part out of what a figure measures ("output excluding timber").
EXCLUSION_CUES: frozenset[str] = _words("exclusion_cues")
#: Words that make a figure a hypothetical level ("a bad case with oil above $75").
HYPOTHETICAL_CUES: frozenset[str] = _words("hypothetical_cues")
#: Capitalised heads of institution names ("the Finance Ministry": "Finance" is no place).
INSTITUTION_HEADS: frozenset[str] = _words("institution_heads")
#: Conjunctions of a condition before a figure ("if oil were to reach $75").
CONDITIONAL_CUES: frozenset[str] = _words("conditional_cues")
#: Titles before a person's name ("Finance Minister Olan Vesk"): the speakers' list.
PERSON_TITLES: frozenset[str] = wordset("speakers", "person_titles")
#: Groups of people a figure can be of, each with the words that name it ("women": "among
#: women", "female"): a group's figure and the whole population's are two measures.
POPULATION_GROUPS: dict[str, tuple[str, ...]] = {
    k: tuple(v) for k, v in mapping("checks", "population_groups").items()
}
#: Prepositions that open a complement of a commitment's object ("duty on diesel fuel").
OBJECT_PREPOSITIONS: frozenset[str] = _words("object_prepositions")
#: Heads that name a post, a slot or a span of the thing, not the thing ("teaching posts").
OBJECT_LIGHT_HEADS: frozenset[str] = _words("object_light_heads")
#: States of a part of a work in use ("one lane of the four is usable").
USABLE_STATES: frozenset[str] = _words("usable_states")
