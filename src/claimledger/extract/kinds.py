"""Stage ``kinds.v10``: is a figure an achievement, a status, a target or a forecast?

Reads: the sentence as tokens (``_tokens.tokenize``: each quantity and time expression is
one token), the position of the figure, its period (from the time stage) and the
document date.  Writes: the kind and the cues that decided it, e.g.
``["achievement:were built"]`` or ``["forecast:according to the IMF", "..."]``.

The rule works on the verb group that governs the figure, not on the first cue word of
the sentence: it reads left from the figure to the nearest verb group in the same clause
(stopping at a clause break, "that", or a verb of saying), else right from it
("18 million m2 of housing were built").  An infinitive ("aims to double", "is expected
to reach", "the goal is to") is followed to the verb that governs it.  Then:

- forecast words (expected, forecast, projected, should, likely, estimated, may) -> forecast
- goal words and modals (will, shall, plans, aims, intends, is to, is due to) -> target;
  "is set to rise" -> forecast, "the target is set at" -> target
- past tense, perfect or passive past (was, were, had, has been, -ed, built) -> achievement
- present tense (is, employs, ranks, has, stands at) -> status
and sentence-level overrides: "according to the IMF/analysts" -> forecast; "the goal is"
-> target; a present-tense or verbless figure with a deadline ("by 2029") -> target; with
a future period -> target or forecast; with a past period (or a month, quarter or half
already over: ``ended``) -> achievement; a past tense for a period wholly ahead ("the
forecast for 2026 was 3.5%") -> forecast unless a plan rule made it a target.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import date as Date
from functools import lru_cache
from typing import cast

from claimledger.extract._regex import LowercaseSearch, Prefiltered
from claimledger.extract._time_grammar import Mention
from claimledger.extract._tokens import Tok, Tokens, lacks
from claimledger.models import Kind
from claimledger.resources import kinds as kind_words
from claimledger.resources.patterns import alternation

#: v5: standing goals, revised goals, first-person instructions, limits, estimated past values.
#: v6: forecasts in a past tense about a period ahead, money set aside as a target, verbless
#: figures after outcomes or forecasts; continuation pledges, programmes under way, decisions,
#: headline infinitives as commitments, predicted events not.
#: v7: a revised figure of no plan is a revised forecast; budget shares received, the
#: government's budget lines worded as forecasts, needs and preferences are targets;
#: "set to be" without an auxiliary is a forecast.
#: v8: forecasts named after the clause ("..., the operator forecasts") or by a forecast
#: document ("according to the fiscal update", "the update puts X at"), phrases of what is
#: expected ("on track to"), aggregates nobody decides behind a prepositional phrase
#: ("employment in the province will rise"), the parts of a projected figure.
#: v9: a present receiving verb next to a verbless figure ("schools get 2 billion under the
#: budget"), "be to" + a verb ("the agency is to receive"), the head of a list before its
#: colon in the same sentence ("Allocations for 2026: ..."), an undated change after a
#: sentence of outcomes.
#: v10 (v9 merged with): a split fiscal year whose last day (by the document country's fiscal calendar) is
#: before the statement is over, not current ("last year 2 billion rand was allocated" in
#: May in an April-March country is done).
STAGE = "kinds.v10"

#: Verb groups are looked for at most this many tokens from the figure: a clause is
#: shorter, and the bound keeps a sentence of thousands of figures linear.
SCAN_WINDOW = 60
#: A goal noun names the figure's goal only when it is this close to it ("the target of
#: 6-6.5%", "a target range of 2-3%"); further away it is part of a name.
GOAL_NOUN_REACH = 4
#: Words scanned left of a copula for a goal/forecast noun ("the inflation target for
#: 2025 is"): a subject noun phrase is rarely longer.
SUBJECT_NOUN_WINDOW = 6
#: A sentence mentioning these is about a plan or budget: a present-tense figure for a
#: future year in it is a target, elsewhere a forecast.
_PLANNING = re.compile(
    r"\b(?:budget|allocat\w*|provides?\s+for|spending|expenditures?"
    r"|revenues?|deficit|funding|financing)\b",
    re.I,
)
#: Words after "to" that show it is a preposition, not an infinitive marker.
_NOT_BASE = kind_words.DETERMINERS
#: "for 2025-26", "for the current fiscal year", "for next year": the period money is for.
_FOR_PERIOD = re.compile(
    r"\bfor\s+(?:the\s+)?(?:(?:fiscal|financial|budget)\s+(?:year\s+)?)?(?:(?:19|20)\d\d|current|next|coming|this)\b",
    re.I,
)
_NOUN_BEFORE = frozenset(
    {"the", "a", "an", "of", "its", "their", "this", "that", "in", "per", "for", "with", "to", "total"}
)
#: Words that make a verb group finite: a clause's own verb.
_FINITE = (
    kind_words.AUX_PRESENT
    | kind_words.AUX_PAST
    | frozenset({"will", "would", "shall", "should", "could", "may", "must"})
)
_STOP_PUNCT = frozenset(';:—–"“”')
# Unions of lexicons tested in loops, built once rather than at every test.
_AUX_FINITE = kind_words.AUX_PRESENT | kind_words.AUX_PAST
_AUX_ANY = kind_words.AUX_PRESENT | kind_words.AUX_PAST | kind_words.AUX_BE
_AUX_OR_ADVERB = _AUX_ANY | kind_words.ADVERBS
_OBJECT_START = kind_words.DETERMINERS | kind_words.OBJECT_BOUNDS
_PAST_OR_BEEN = kind_words.AUX_PAST | {"been"}
_BOUND_OR_PREP = kind_words.OBJECT_BOUNDS | {"at", "of"}
_CLAUSE_STOP = _STOP_PUNCT | {","}
_FORECAST_WORDS = (
    kind_words.FORECAST
    | kind_words.FORECAST_VERBS_AMBIGUOUS
    | kind_words.ASSUMPTION
    | {"based", "projects"}
    # (in a verb group only when a forecaster states a value with them: ``_estimates``)
    | kind_words.ESTIMATE_VERBS
)
_MATRIX_ANY = kind_words.FORECAST_MATRIX | kind_words.FORECAST_MATRIX_BARE
_BEFORE_VERB = kind_words.ADVERBS | kind_words.AUX_BE | {"to"}
_ED = re.compile(r"^[a-z]{2,}(?:ed|en)$")
#: Verbs of staying at a level: with a goal noun as subject the figure is the goal.
_RATE_TARGET = re.compile(r"\brates?\s+target\b", re.I)
_STAYING = frozenset({"remain", "remains", "remained", "stay", "stays", "stayed"})
_MONEY = re.compile(r"[$€£¥₹₦₸]|\b(?:[mb]n|million|billion|trillion|crore|lakh)\b", re.I)
_LY = re.compile(r"^[a-z]{3,}ly$")
#: Goal words other than the bare future modals.
_PLAN_TARGET = kind_words.TARGET - {"will", "would", "shall", "'ll"}
_NEGATIONS = frozenset({"not", "n't", "never"})
_MAY_COMMIT = re.compile(
    r"\b(?:will|shall|would|must|plans?\s+to|intends?\s+to|aims?\s+to|(?:is|are)\s+(?:to|set\s+to|scheduled\s+to|due\s+to|going\s+to)|'ll"
    rf"|(?:{alternation(kind_words.PLEDGE_PROGRESSIVE_SUBJECTS)})\s+(?:is|are)\s+[a-z]+ing)\b",
    re.I,
)
_MONEY_OR_SHARE = re.compile(_MONEY.pattern + "|%", re.I)
#: Present forms of the receiving verbs (a past form reads as a verb and dates the figure).
_RECEIVING_PRESENT = frozenset(
    w for w in kind_words.RECEIVING_VERBS if not w.endswith("ed") and w not in kind_words.PAST_IRREGULAR
)
_SET_ASIDE = kind_words.MONEY_SET_ASIDE | {"provided", "sanctioned", "reserved"}
#: The kind cue of money set aside with no time named: the pipeline dates it as it dates a
#: reported figure (the paragraph's time, else the statement's).
UNDATED_ALLOCATION = "target:allocated, no time named"
#: Promises and orders ("has pledged to open", "instructed the government to launch"): a
#: separate prefiltered test, so the common case pays only a few C scans for its stems.
_MAY_PLEDGE = Prefiltered(
    re.compile(
        r"\b(?:(?:pledge[sd]?|promise[sd]?|vow(?:ed|s)?|decided|agreed|resolved|undertook)\s+to"
        r"|(?:instruct|order|task|direct)(?:ed|s)"
        rf"|(?:{alternation(kind_words.SHOULD_AGENTS)})\s+should"
        rf"|(?:{alternation(kind_words.SELF_PLAN_SUBJECTS)})\s+(?:expect|need)\s+to|(?:appropriate|ready)\s+to)\b",
        re.I,
    )
)


#: The same patterns searched through the lower-cased sentence (``LowercaseSearch``).  Their
#: required words rule out few sentences ("is", "are"), so a prefiltered search runs them anyway.
_MAY_COMMIT_LOW = LowercaseSearch(_MAY_COMMIT)
_FORECASTERS_LOW = LowercaseSearch(kind_words.FORECASTERS)
_PLANNING_LOW = LowercaseSearch(_PLANNING)


def may_commit(text: str, start: int, end: int) -> bool:
    """Cheap test: could this sentence hold a commitment without a number?"""
    return (
        _MAY_COMMIT_LOW.find(text, start, end) is not None
        or _MAY_PLEDGE.search(text, start, end) is not None
        or _HEAD.match(text, start, end) is not None
    )


#: A sentence opening with "to": maybe a headline commitment (``_headline``).
_HEAD = re.compile(r"[\s\-•*–—]*to\s", re.I)


def _is_verbish(toks: Sequence[Tok], j: int) -> str | None:
    """Category of token ``j`` as part of a verb group, or None (``_verb_category``).

    The kinds and subject stages ask this about the same tokens many times, so the
    answer is kept on the token.
    """
    if j < 0:
        return _verb_category(toks, j)
    t = toks[j]
    cat = t.verbish
    if cat == "?":
        cat = t.verbish = _verb_category(toks, j)
    return cat


def _verb_category(toks: Sequence[Tok], j: int) -> str | None:
    """Category of token ``j`` as part of a verb group, or None.

    F forecast word, T target word, A past / perfect, S present / copula, R reporting verb.
    """
    t = toks[j]
    if t.kind != "w":
        return None
    w = t.low
    prev = toks[j - 1].low if j > 0 else ""
    nxt = toks[j + 1].low if j + 1 < len(toks) else ""
    if w in kind_words.REPORTING:
        if w in kind_words.REPORTING_TRANSITIVE and _figure_object(toks, j):
            # "the utility added 900 km of lines", "reported over $2 billion": the figure
            # is the object, so the verb is the claim's own, not a verb of saying
            return "A" if w.endswith("ed") else "S"
        return "R"
    if w in ("provides", "provide", "provided") and nxt == "for":
        return "T"  # "the budget provides for spending of ..." is a plan
    if w in ("due", "set", "going"):
        if w == "set" and ((prev in ("been", "be", "being") and nxt != "to") or nxt == "aside"):
            return "A"  # "has been set at 25 million tonnes", "has set aside $95 million"
        if w == "set" and prev in _AUX_FINITE and nxt in ("at", "for"):
            return "A"  # "the target was set at 5%": a goal noun as subject decides
        return "T" if prev in _AUX_FINITE and nxt == "to" else None
    if w in kind_words.FORECAST_VERBS_AMBIGUOUS or w == "projects":
        b = j - 1
        while b > 0 and toks[b].low in kind_words.ADVERBS:
            b -= 1  # "The Reserve Bank now sees ...": the name is before the adverb
        before = toks[b] if b >= 0 else None
        # After a name ("The Bank projects", "Fitch expects"), not after a capitalised
        # first word ("Energy projects with ...").
        # "Ottawa projects the ratio at 42%": a verb before its object, even after a first word
        named = (
            before is not None
            and before.kind == "w"
            and (b > 0 or before.low in kind_words.INSTITUTIONS or nxt in kind_words.DETERMINERS)
        )
        who = kind_words.INSTITUTIONS | kind_words.FORECAST_NOUNS  # "the outlook sees inflation averaging 3%"
        if named and before is not None and (before.text[:1].isupper() or before.low in who):
            return "F"
        if before is not None and before.low not in kind_words.DETERMINERS and nxt in kind_words.DETERMINERS:
            return "F"  # "Fitch affirmed the rating and projects the deficit at 5.3%": before its object
        if (
            before is not None
            and before.low not in kind_words.DETERMINERS
            and (
                nxt in kind_words.FORECAST_OBJECTS
                or (before.low in ("and", "but") and w in kind_words.FORECAST_VERBS_ONLY)
            )
        ):
            return "F"  # "the budget projects revenues of ...", "has kept the rate ... and sees inflation at"
        return None if w in ("projects", "project", "sees", "estimate") else "F"
    if w in kind_words.ESTIMATE_VERBS and _estimates(toks, j):
        return "F"  # "the fiscal update puts the deficit at 4.4%": a forecaster's value
    if w == "based" and nxt == "on":
        return "F"  # "the budget is based on an oil price of $80": an assumption
    if w in kind_words.ASSUMPTION:
        if w == "benchmark" and nxt not in ("of", "price", "prices", "for", "oil", "crude", "is", "was"):
            return None  # "held its benchmark rate at 5.5%": a name, not an assumption
        return "F"
    if w in kind_words.FORECAST:
        if w == "may" and t.text[0].isupper() and j > 0:
            return None  # the month, when the time grammar did not take it
        return "F"
    if w in kind_words.TARGET:
        if w == "will" and (prev in kind_words.WILL_NOUN_BEFORE or nxt in ("of", "to", ",", ".")):
            return None
        return "T"
    if w in kind_words.AUX_PAST or w == "been":
        return "A"
    if w in kind_words.AUX_PRESENT or w == "be":
        return "S"
    if w in kind_words.STATUS_VERBS:
        if j == 0 or toks[j - 1].kind not in ("w", "q", "t") or prev in _NOUN_BEFORE:
            return None  # "the total", "the number of": a noun, not the verb
        return "S"
    if w in kind_words.PAST_IRREGULAR:
        return None if prev in _NOUN_BEFORE else "A"  # "a rate cut of 0.5 pp" is a noun
    if w in kind_words.CHANGE_PRESENT and j > 0 and toks[j - 1].kind == "w" and prev not in _NOUN_BEFORE:
        return "A"
    if w in kind_words.PARTICIPLES_IRREGULAR and prev in _AUX_ANY:
        return "A"
    if w.endswith("ed") and len(w) > 4 and w not in kind_words.NOT_PAST and "-" not in w:
        return "A"  # "medium-sized", "state-owned" are adjectives
    if w in kind_words.NOT_PAST_VERBS and prev in (
        "been",
        "be",
        "being",
        "was",
        "were",
        "has",
        "have",
        "had",
    ):
        return "A"  # "the target for exports has been fixed at $50 billion", "was approved"
    object_next = (
        nxt in _OBJECT_START
        or nxt in kind_words.BUDGET_NOUNS
        or (j + 1 < len(toks) and toks[j + 1].kind == "q")
    )
    after_noun = j > 0 and toks[j - 1].kind == "w" and prev not in _NOUN_BEFORE
    if w in kind_words.NOT_PAST_VERBS and after_noun and object_next:
        # "the approved budget" is an adjective, "the board approved a $4.7 billion
        # disbursement" the verb: after a noun, before its object
        return "A"
    return None


#: How many words the object between an estimating verb and its "at" may hold.
ESTIMATE_OBJECT = 6


def _estimates(toks: Sequence[Tok], j: int) -> bool:
    """Is the verb at ``j`` a forecaster's statement of a value: a forecast noun or an
    outside forecaster right before it, and "at" + a figure within its object ("the
    outlook puts the deficit at 4.4%", "the Fund pegs growth at 1.1%")?"""
    b = j - 1
    while b > 0 and toks[b].low in kind_words.ADVERBS:
        b -= 1
    if b < 0 or not (
        toks[b].low in kind_words.FORECAST_NOUNS or toks[b].low in kind_words.OUTSIDE_FORECASTERS
    ):
        return False
    for k in range(j + 1, min(len(toks) - 1, j + ESTIMATE_OBJECT + 2)):
        if toks[k].kind == "p":
            return False
        if toks[k].low == "at":
            return toks[k + 1].kind == "q" or toks[k + 1].low in kind_words.OBJECT_BOUNDS
    return False


_GROUP_WORDS = (
    kind_words.AUX_PAST
    | kind_words.AUX_PRESENT
    | kind_words.AUX_BE
    | kind_words.ADVERBS
    | {
        "to",
        "will",
        "shall",
        "would",
        "should",
        "could",
        "may",
        "might",
        "must",
        "can",
        "set",
        "going",
        "due",
        "able",
        "'ll",
    }
)


def _group(toks: Sequence[Tok], head: int) -> tuple[int, int]:
    """Extend a verb head left over auxiliaries, modals and adverbs: ``[lo, head]``."""
    lo = head
    while (
        lo - 1 >= 0
        and toks[lo - 1].kind == "w"
        and (
            toks[lo - 1].low in _GROUP_WORDS
            or toks[lo - 1].low in ("expected", "planned", "likely", "scheduled")
        )
    ):
        lo -= 1
    return lo, head


def _scan_left(toks: Sequence[Tok], i: int) -> tuple[list[str], str | None]:
    """Words of the verb group governing position ``i`` found leftwards, and the word that
    stopped the scan ("that" after a verb of expecting is remembered by the caller)."""
    j = i - 1
    words: list[str] = []
    floor = max(0, i - SCAN_WINDOW)
    infinitive: list[str] = []  # "Government to allocate 1.4 trillion": a headline's future
    while j >= floor:
        t = toks[j]
        if t.low == ")":
            j = _skip_back(toks, j)  # a parenthesis is an aside: "akims (mayors) were"
            continue
        if t.kind == "p" and t.low in _STOP_PUNCT:
            return words, None
        if (
            t.kind == "p"
            and t.low == ","
            and j + 1 < len(toks)
            and toks[j + 1].low in kind_words.CLAUSE_STARTERS
        ):
            return words, None
        if t.kind == "w":
            if t.low in ("which", "who", "while", "whereas", "although", "though", "if", "when", "but"):
                return words, None
            if t.low == "that" and j > 0 and toks[j - 1].kind == "w":
                before = toks[j - 1].low
                if before in kind_words.REPORTING or before in kind_words.FORECAST_MATRIX:
                    return words, before
                new_clause = before in ("and", "but", "or")
                if new_clause or (j + 1 < len(toks) and toks[j + 1].low in ("the", "a", "an")):
                    return words, None  # "... and that the remaining 7,000 km would ...": a new clause
            if t.low == "to" and j + 1 < i and toks[j + 1].kind == "w" and toks[j + 1].low not in _NOT_BASE:
                infinitive = infinitive or ["to", toks[j + 1].low]
            cat = t.verbish
            if cat == "?":
                cat = t.verbish = _verb_category(toks, j)
            if cat == "R":
                return words, None
            as_noun = t.low in kind_words.TARGET_NOUNS and (j + 1 >= len(toks) or toks[j + 1].low != "to")
            if cat == "T" and as_noun and not words and j > 0 and toks[j - 1].low in ("rate", "rates"):
                j -= 1  # "lowered the cash rate target by 25 bp to 3.85%": the rate's name
                continue
            if cat == "T" and as_noun and not words and _duration(toks, i):
                j -= 1  # "has missed its goal for three years": how long, not the goal's level
                continue
            if cat == "T" and as_noun and not words and i - j > GOAL_NOUN_REACH:
                j -= 1  # "lowered the target range for the rate ... to 4.75-5%": a name, not the goal
                continue
            if cat == "T" and as_noun and not words:
                # "the target range of 2-3%": a goal noun names the figure, but a verb of
                # expecting further left still makes the statement a forecast.
                inner, matrix = _scan_left(toks, j)
                if set(inner) & kind_words.FORECAST:
                    return [*inner, t.low], matrix
                return [t.low], matrix
            if cat is not None:
                lo, hi = _group(toks, j)
                words = [toks[k].low for k in range(lo, hi + 1)] + words
                if cat == "T" and toks[j].low.startswith("provide"):
                    words[hi - lo] = "provides for"
                if toks[lo].low == "to":
                    j = lo - 1  # an infinitive: keep reading left for the verb governing it
                    continue
                after = toks[hi + 1].low if hi + 1 < i else ""
                if after in kind_words.DONE_ADJECTIVES and toks[hi].low in _AUX_FINITE:
                    words.insert(hi - lo + 1, after)  # "work is complete on 7,500 km"
                elif after == "to" and (toks[hi].low in kind_words.DECISION_VERBS or toks[hi].low == "set"):
                    # "agreed to provide up to EUR 50 billion"; "is set to rise" (an expectation)
                    words.insert(hi - lo + 1, "to")
                elif (
                    after == "to"
                    and toks[hi].low in _BE_PRESENT
                    and _verb_next(toks, hi + 2, i)
                    and not any(
                        toks[k].low in kind_words.BE_TO_DESCRIPTIONS for k in range(max(0, lo - 6), lo)
                    )
                ):
                    # "roads are to get 3 billion", "the ministry is to receive 1.1 billion": a
                    # plan stated with "be to" + a verb (not "the rise is to 5%", nor what
                    # something is for: "the purpose of the law is to support")
                    words.insert(hi - lo + 1, "to")
                return words, None
        j -= 1
    return words or infinitive, None


#: Present forms of "be" that state a plan before "to" + a verb ("is to receive").
_BE_PRESENT = frozenset({"is", "are", "am"})


def _verb_next(toks: Sequence[Tok], k: int, i: int) -> bool:
    """Is token ``k`` (before the figure at ``i``) a word that can start a verb phrase: not a
    determiner, a figure or a name ("is to receive", not "is to the", "is to 5%")?"""
    return k < i and toks[k].kind == "w" and toks[k].low not in _NOT_BASE and not toks[k].text[:1].isupper()


#: Units of a length of time ("for three straight years").
_TIME_UNITS = frozenset(
    {"year", "years", "month", "months", "quarter", "quarters", "week", "weeks", "decades"}
)


def _duration(toks: Sequence[Tok], i: int) -> bool:
    """Is the figure at ``i`` a length of time after "for" ("for three (straight) years")?"""
    if i == 0 or toks[i - 1].low != "for":
        return False
    if toks[i].text.lower().split()[-1] in _TIME_UNITS:
        return True
    return any(toks[k].low in _TIME_UNITS for k in range(i + 1, min(len(toks), i + 3)))


def _skip_back(toks: Sequence[Tok], j: int) -> int:
    """Index just before the "(" matching the ")" at ``j`` (or ``j - 1`` if none)."""
    for k in range(j - 1, max(-1, j - 40), -1):
        if toks[k].low == "(":
            return k - 1
    return j - 1


def _skip_forward(toks: Sequence[Tok], j: int) -> int:
    for k in range(j + 1, min(len(toks), j + 40)):
        if toks[k].low == ")":
            return k + 1
    return j + 1


def _scan_right(toks: Sequence[Tok], i: int) -> list[str]:
    j = i + 1
    ceiling = min(len(toks), i + SCAN_WINDOW)
    while j < ceiling:
        t = toks[j]
        if t.low == "(":
            j = _skip_forward(toks, j)
            continue
        if t.kind == "p" and (
            t.low in _STOP_PUNCT
            or (t.low == "," and j + 1 < len(toks) and toks[j + 1].low in kind_words.CLAUSE_STARTERS)
        ):
            return []
        if t.kind == "w" and t.low in ("which", "who", "while", "whereas", "if", "when", "but"):
            return []
        if t.low == "and" and j + 1 < ceiling and _is_verbish(toks, _past_adverbs(toks, j + 1)) is not None:
            return []  # "added 900 km last year and plans to connect ...": another predicate
        cat = _is_verbish(toks, j) if t.kind == "w" else None
        if cat == "R":
            return []
        if cat in ("A", "T") and _reduced_relative(toks, j, ceiling):
            j += 1  # "the clinics promised in 2022 are now ...": the participle names the clinics
            continue
        if (
            cat in ("A", "T")
            and t.low.endswith("ed")
            and j + 1 < len(toks)
            and toks[j + 1].kind == "w"
            and (toks[j - 1].kind == "q" or toks[j - 1].low in kind_words.DETERMINERS)
            and _is_verbish(toks, j + 1) is None
        ):
            j += 1  # "three of the five planned hospitals have opened": an adjective
            continue
        if cat is not None:
            lo, _ = _group(toks, j)
            lo = max(lo, i + 1)
            words = [toks[k].low for k in range(lo, j + 1)]
            k = j + 1
            while (
                k < len(toks)
                and toks[k].kind == "w"
                and (toks[k].low in _GROUP_WORDS or _is_verbish(toks, k) in ("A", "F", "T"))
            ):
                words.append(toks[k].low)
                if _is_verbish(toks, k) == "A" and toks[k].low not in _PAST_OR_BEEN:
                    break
                k += 1
            return words
        j += 1
    return []


def present_marker(toks: Sequence[Tok], pos: int, words: Sequence[str]) -> tuple[str, bool] | None:
    """A word saying the figure at ``pos`` holds now: ``(word, appositive)``.

    Appositive: an aside right before the figure (", currently 34.6%,"); else a marker in
    its verb group ("are now under construction", "has since slowed to 11%")."""
    if lacks(toks, _PRESENT_MARKS):
        return None  # (the verb group's words are the sentence's)
    k = pos - 1
    while k > 0 and toks[k].low in kind_words.OBJECT_BOUNDS:
        k -= 1
    if k > 0 and toks[k].low == "at" and toks[k - 1].low == ",":
        return "at", True  # "Inflation, at 9.2% in May, is forecast to slow": the level now
    while k > 0 and toks[k].low in _BOUND_OR_PREP:
        k -= 1
    if k >= 0 and toks[k].low in kind_words.PRESENT_WORDS:
        word = toks[k].low
        if word == "present" and (k == 0 or toks[k - 1].low != "at"):
            return None
        if word == "present":
            k -= 1
        appositive = k > 0 and toks[k - 1].low in (",", "(", "—", "–")
        return ("at present" if word == "present" else word), appositive
    for w in words:
        if w in kind_words.PRESENT_WORDS and w != "present":
            return w, False
    for k in range(pos - 1, max(0, pos - SUBJECT_NOUN_WINDOW), -1):
        t = toks[k]
        if t.kind == "p" and t.low in _CLAUSE_STOP:
            break
        if t.low == "since" and toks[k - 1].low in ("has", "have") and _is_verbish(toks, k + 1) is not None:
            return "since", False  # "has since slowed to 11%": since the time named before
    return None


def _figure_object(toks: Sequence[Tok], j: int) -> bool:
    """Is the figure right after the verb at ``j`` its object ("added 900 km of lines"),
    rather than the subject of a reported clause ("announced 500 posts will be cut")?"""
    k = j + 1
    while k < len(toks) and toks[k].low in kind_words.OBJECT_BOUNDS:
        k += 1
    if k >= len(toks) or toks[k].kind != "q":
        return False
    for m in range(k + 1, min(len(toks), k + 12)):
        t = toks[m]
        if t.kind == "p" or t.low in ("and", "but", "while", "which"):
            return True
        if t.kind == "w" and t.low in _FINITE:
            return False
    return True


def _reduced_relative(toks: Sequence[Tok], j: int, ceiling: int) -> bool:
    """Is the participle at ``j`` a reduced relative clause after a noun ("the schools
    promised last year are ..."), with the finite verb of the clause still to come?"""
    w = toks[j].low
    if not (w.endswith("ed") or w in kind_words.PARTICIPLES_IRREGULAR or w in kind_words.PAST_IRREGULAR):
        return False
    before = toks[j - 1] if j > 0 else None
    if before is None or before.kind != "w" or _is_verbish(toks, j - 1) is not None:
        return False
    if before.low in _GROUP_WORDS or before.low in _NOUN_BEFORE or before.low in ("and", "or"):
        return False
    for k in range(j + 1, ceiling):
        t = toks[k]
        if t.kind == "p" and t.low in _CLAUSE_STOP:
            return False
        if t.kind == "w" and t.low in _FINITE:
            return True
    return False


_PREPOSITIONS = frozenset({"of", "to", "in", "by", "for", "at", "from"})


def _finite_after(toks: Sequence[Tok], pos: int) -> bool:
    """Is the figure at ``pos`` (with its counted noun) followed by a finite verb?"""
    for k in range(pos + 1, min(len(toks), pos + 4)):
        t = toks[k]
        if t.kind == "w" and t.low in _FINITE:
            return True
        if t.kind != "w" or t.low in kind_words.CLAUSE_STARTERS or t.low in _PREPOSITIONS:
            return False
    return False


def _decided(toks: Sequence[Tok], pos: int, words: list[str]) -> bool:
    """Is the verb group after a modal a passive someone decides ("will be reduced to",
    "will be kept at") or a limit ("will not exceed 3%"), not a change that happens ("will
    narrow to", "will reach")?"""
    lo = max(0, pos - SCAN_WINDOW)
    between = [t.low for t in toks[lo:pos]]
    k = max((j for j, w in enumerate(between) if w in ("will", "would", "shall", "'ll")), default=-1)
    after = set(between[k + 1 :]) if k >= 0 else set()
    if after & _NEGATIONS or "exceed" in after or toks[pos].low.startswith(("exceed", "not ")):
        return True
    for a, b in itertools.pairwise(words):
        if (
            a == "be"
            and b not in kind_words.AUX_BE
            and (_ED.match(b) or b in kind_words.PARTICIPLES_IRREGULAR or b in kind_words.PAST_IRREGULAR)
        ):
            return True
    return False


def _past_adverbs(toks: Sequence[Tok], j: int) -> int:
    """Position of the first token at or after ``j`` that is not an adverb."""
    while j < len(toks) - 1 and toks[j].low in kind_words.ADVERBS:
        j += 1
    return j


_BUDGET_ONLY = kind_words.BUDGET_NOUNS - kind_words.SPENDING_NOUNS
#: Nouns after "budget" that name a forecast of it, not the budget ("the budget update").
_BUDGET_FORECAST = kind_words.FORECAST_NOUNS | {"review", "reviews", "updates"}
_LINE_OR_BALANCE = kind_words.BUDGET_LINE_NOUNS | {"balance", "balances", "gap", "shortfall"}
#: A year this many years after the statement's is beyond the budget year: a figure for it
#: with no verb of planning ("the deficit is projected to fall to 2.1% by 2030", "Deficit:
#: 4.4% of GDP in 2029") is a medium-term projection, not a plan.
OUT_YEAR = 2


def _out_year(yrs: tuple[int, int] | None, ref: Date | None, toks: Sequence[Tok] = ()) -> bool:
    """Is the period beyond the budget year, in a sentence that names no budget ("the law on
    the budget for 2024-2026 sets expenditure at ..." plans each of its years)?"""
    if yrs is None or ref is None or yrs[0] < ref.year + OUT_YEAR:
        return False
    return not any(
        t.low in _BUDGET_ONLY
        and not (k + 1 < len(toks) and toks[k + 1].low in _LINE_OR_BALANCE | _BUDGET_FORECAST)
        for k, t in enumerate(toks)
    )


#: How far (tokens) before a figure a budget line's noun or a wish word may stand.
LINE_REACH = 10


def _budget_line(toks: Sequence[Tok], pos: int) -> bool:
    """Is the figure at ``pos`` a budget line of the government's own budget: a budget noun
    in the sentence, a fiscal noun in the figure's clause before it, no outside forecaster?"""
    if lacks(toks, _BUDGET_ONLY) or lacks(toks, kind_words.BUDGET_LINE_NOUNS):
        return False
    if not _toks_lack(toks, kind_words.OUTSIDE_FORECASTERS):
        return False
    line = False
    for k in range(pos - 1, max(-1, pos - LINE_REACH), -1):
        t = toks[k]
        if t.kind == "p" and t.low in _CLAUSE_STOP:
            break
        line = line or t.low in kind_words.BUDGET_LINE_NOUNS
    if not line:
        return False
    # the budget itself named in the figure's clause ("... in the 2026 budget")
    for k in itertools.chain(
        range(pos + 1, min(len(toks), pos + LINE_REACH)), range(pos - 1, max(-1, pos - LINE_REACH), -1)
    ):
        t = toks[k]
        if t.kind == "p" and t.low in _CLAUSE_STOP and k < pos:
            break
        if t.low in _BUDGET_ONLY and k + 1 < len(toks) and toks[k + 1].low in _BUDGET_FORECAST:
            return False  # "the mid-year budget update projected a deficit of 9 billion": a forecast's
        if t.low in _BUDGET_ONLY and not (k + 1 < len(toks) and toks[k + 1].low in _LINE_OR_BALANCE):
            return True  # (a modifier, "the budget deficit", names no budget)
    return False


def _toks_lack(toks: Sequence[Tok], words: frozenset[str]) -> bool:
    """Does the sentence hold none of ``words`` (read token by token when not known)?"""
    if isinstance(toks, Tokens):
        return toks.lows.isdisjoint(words)
    return not any(t.low in words for t in toks)


def _receives(toks: Sequence[Tok], pos: int) -> bool:
    """Is a receiving verb the infinitive right before the figure ("set to get 2 billion")?"""
    return pos >= 2 and toks[pos - 1].low in kind_words.RECEIVING_VERBS and toks[pos - 2].low == "to"


def _receiving_next(toks: Sequence[Tok], pos: int) -> bool:
    """Is a present receiving verb the only verb of a verbless figure, right before it after
    its subject ("schools get 2.1 billion under the budget") or right after it ("3 billion
    goes to hospitals")?"""
    before = pos >= 2 and toks[pos - 1].low in _RECEIVING_PRESENT and toks[pos - 2].kind == "w"
    after = pos + 1 < len(toks) and toks[pos + 1].low in _RECEIVING_PRESENT
    return before or after


#: How many words the head of a list inside a sentence ("Allocations for 2026:") may hold.
LIST_HEAD_WORDS = 8
_WORD = re.compile(r"[\w'’]+")


def _inline_head(text: str, s_start: int, q_start: int) -> Kind | None:
    """The kind the short head of a list in the figure's sentence names, the words before
    its colon ("Allocations for 2026: health 4 billion, schools 6 billion" leads targets),
    else None."""
    colon = text.rfind(":", s_start, q_start)
    if colon < 0:
        return None
    head = [w.lower() for w in _WORD.findall(text, s_start, colon)]
    if not head or len(head) > LIST_HEAD_WORDS:
        return None
    found = [kind for kind, words in kind_words.LIST_HEADS.items() if not words.isdisjoint(head)]
    return cast(Kind, found[0]) if len(found) == 1 else None


def is_change(toks: Sequence[Tok], pos: int) -> str | None:
    """A change word right before the figure at ``pos`` (two words at most: "exports up
    4.2%", "with hotels adding 15,000") or right after it ("4.2% more"), else None."""
    for k in (pos - 1, pos - 2, pos + 1):
        if 0 <= k < len(toks) and toks[k].low in kind_words.CHANGE_WORDS:
            return toks[k].low
        if k == pos - 1 and (k < 0 or toks[k].kind != "w"):
            return None
    return None


def _wish(toks: Sequence[Tok], pos: int) -> str | None:
    """A need, appeal or preference governing the figure at ``pos`` ("stressed the need to
    rebuild 40 bridges", "favoured a cut to 4.5%"): its words, else None.  A finite verb
    between them ("the need to import fuel pushed the deficit to 5%") ends the search."""
    if lacks(toks, kind_words.WISH_WORDS):
        return None
    for k in range(pos - 1, max(-1, pos - LINE_REACH), -1):
        t = toks[k]
        if t.kind == "p" and t.low in _CLAUSE_STOP:
            return None
        if t.low in kind_words.WISH_WORDS:
            nxt = toks[k + 1].low if k + 1 < len(toks) else ""
            if t.low in ("need", "needs") and nxt not in ("to", "for"):
                return None
            return f"{t.low} {nxt}" if nxt in ("to", "for") else t.low
        if t.kind == "w" and _is_verbish(toks, k) in ("A", "S", "F", "R"):
            return None
    return None


def _decide(words: list[str]) -> Kind | None:
    ws = set(words)
    # (ambiguous verb/noun forms reach here only when read as verbs)
    if ws & _FORECAST_WORDS:
        return "forecast"
    if any(a in ("is", "are", "was", "were") and b == "to" for a, b in itertools.pairwise(words)):
        return "target"  # "is to be kept", "are to reach"
    if ("set", "to") in itertools.pairwise(words):
        return "forecast"  # "interest costs set to be 2.1% of GDP": what is expected
    if ws & kind_words.TARGET or ({"to", "be"} <= ws and not ws & _AUX_FINITE):
        return "target"
    if "set" in ws and "to" in ws:
        return "forecast"  # "output is set to rise to 5 million t": what is expected, not decided
    if ws & {"set", "due", "going"}:
        return "target"  # read as part of a verb group only before "to": "is due to"
    if ws & kind_words.DONE_ADJECTIVES:
        return "achievement"
    heads = [w for w in words if w not in _GROUP_WORDS]
    head = heads[-1] if heads else ""
    past_head = (
        head in kind_words.PAST_IRREGULAR
        or head in kind_words.CHANGE_PRESENT
        or head in kind_words.PARTICIPLES_IRREGULAR
        or (head.endswith("ed") and head not in kind_words.NOT_PAST and "-" not in head)
        or head in kind_words.NOT_PAST_VERBS  # read as a verb only in a verb's place
    )
    if "been" in ws and words[-1] == "been" and not ws & kind_words.AUX_PAST:
        return "status"  # "the minimum wage has been 85,000 tenge since January": a state
    if head in kind_words.KEEP_VERBS and ws & {"has", "have"}:
        return "status"  # "the rate has been held at 27% since March": a state that lasts
    if ws & kind_words.AUX_PAST or "been" in ws:
        return "achievement"
    if past_head:
        # "are being built" is under way, "are currently imported" a present state;
        # "are already finished", "has built", "built" report.
        if "being" in ws:
            return "status"
        if ws & {"is", "are", "am"} and not ws & {"already", "now", "has", "have"}:
            return "status"
        return "achievement"
    if ws & kind_words.AUX_PRESENT or head in kind_words.STATUS_VERBS:
        return "status"
    if "to" in ws:
        return "target"  # a bare infinitive of purpose in a list of plans: "to build 217 schools"
    return None


def _kept_level(toks: Sequence[Tok], pos: int, words: Sequence[str]) -> bool:
    """Does a verb of keeping govern the figure as a level ("kept the rate unchanged at 9%")?"""
    heads = [w for w in words if w not in _GROUP_WORDS]
    if not heads or heads[-1] not in kind_words.LEVEL_KEEP_VERBS:
        return False
    k = pos - 1
    while k > 0 and toks[k].low in kind_words.OBJECT_BOUNDS:
        k -= 1
    return k >= 0 and toks[k].low == "at"


def other_clause(toks: Sequence[Tok], pos: int, m: Mention) -> bool:
    """Is the time ``m`` in another coordinated clause than the figure at ``pos`` ("has
    1,500 members and will reach 3,000 by 2026", "is 5% and the bank sees 4% by 2025")?"""
    if m.start > toks[pos].start and _finite_after(toks, pos):
        return False  # "1,100 km are under construction and will be operational before 2029": one subject
    lo, hi = sorted((toks[pos].start, m.start))
    for k in range(max(0, pos - SCAN_WINDOW), min(len(toks), pos + SCAN_WINDOW)):
        t = toks[k]
        if t.start <= lo or t.start >= hi:
            continue
        if t.low == ";":
            return True
        if t.low in ("and", "but", "while", "whereas"):
            j = k + 1
            if j < len(toks) and toks[j].low in kind_words.DETERMINERS:
                j += 1  # "and the bank sees": a clause with its own subject
            for v in range(j, min(len(toks), j + 3)):
                if toks[v].kind != "w" or toks[v].start >= hi:
                    break
                if _is_verbish(toks, _past_adverbs(toks, v)) is not None:
                    return True
    return False


def _past(yrs: tuple[int, int] | None, ref: Date | None, ended: Date | None = None) -> bool:
    """Is the figure's period over at ``ref``: its last year before ``ref``'s, or a split
    (fiscal) year whose last day (``ended``, by the country's fiscal calendar) is?"""
    if yrs is None or ref is None:
        return False
    return yrs[1] < ref.year or (yrs[0] < yrs[1] and ended is not None and ended < ref)


def _perfect_infinitive(words: Sequence[str]) -> bool:
    """Does the verb group hold "to have" and a past participle ("estimated to have grown")?"""
    for k in range(len(words) - 2):
        if words[k] == "to" and words[k + 1] == "have":
            w = words[k + 2] if words[k + 2] != "been" or k + 3 >= len(words) else words[k + 3]
            return bool(_ED.match(w)) or w in kind_words.PARTICIPLES_IRREGULAR
    return False


def _budget_noun(toks: Sequence[Tok], pos: int, words: Sequence[str]) -> str | None:
    """The budget noun of the figure's clause when its verb adopts or resizes a budget
    ("the cabinet proposed a budget of X", "the allocation was raised to X")."""
    ws = set(words)
    if not ws & kind_words.BUDGET_ADOPT and not ws & kind_words.BUDGET_RESIZE:
        return None
    nouns = (
        kind_words.BUDGET_NOUNS
        if ws & kind_words.BUDGET_ADOPT
        else kind_words.BUDGET_NOUNS - kind_words.SPENDING_NOUNS
    )
    for k in itertools.chain(range(pos + 1, min(len(toks), pos + 3)), range(pos - 1, max(-1, pos - 14), -1)):
        t = toks[k]
        if (
            k < pos
            and t.kind == "p"
            and (t.low in _STOP_PUNCT or (t.low == "," and toks[k + 1].low in kind_words.CLAUSE_STARTERS))
        ):
            break
        if k < pos and t.low in ("which", "who", "while", "whereas", "but"):
            break
        if t.kind == "w" and t.low in nouns and not (k > 0 and t.text[:1].isupper()):
            return t.low  # (a capital mid-sentence is a name: "the Budget Office")
        if k > pos and t.kind != "w":
            continue
    # "2 billion has been allocated to health" (money, not "1,200 flats allocated to families")
    return "" if ws & kind_words.MONEY_SET_ASIDE and _MONEY.search(toks[pos].text) else None


#: The resolved end of a period cue: "->2024", "->2024-Q3", "->2024-05", "->2024-01/2024-03".
_FINE = re.compile(r"->(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?(?:-\d{2})?(?:/(\d{4})(?:-(\d{2}))?)?")


def _last_day(year: int, part: str | None) -> Date:
    if part is None:
        return Date(year, 12, 31)
    if part.startswith("Q"):
        month = int(part[1]) * 3
    elif part.startswith("H"):
        month = int(part[1]) * 6
    else:
        month = int(part)
    nxt = Date(year + (month == 12), month % 12 + 1, 1)
    return Date.fromordinal(nxt.toordinal() - 1)


@lru_cache(maxsize=4096)
def period_end(period: str | None, period_cue: str) -> Date | None:
    """The last day of a ``period`` as finely as its cue (``period:<words>-><resolved>``)
    resolved it: "->2024-Q3" ends on 30 September 2024."""
    m = _FINE.search(period_cue)
    if m is not None:
        y1, part1, y2, month2 = m.groups()
        if y2 is not None:
            return _last_day(int(y2), month2)
        return _last_day(int(y1), part1)
    if not period:
        return None
    last = period.rpartition("/")[2]
    return _last_day(int(last[:4]), None) if last[:4].isdigit() else None


def _years(period: str | None) -> tuple[int, int] | None:
    if not period:
        return None
    a, _, b = period.partition("/")
    try:
        return int(a[:4]), int((b or a)[:4])
    except ValueError:
        return None


def classify(
    text: str,
    s_start: int,
    s_end: int,
    toks: Sequence[Tok],
    pos: int,
    period: str | None,
    deadline: Mention | None,
    ref: Date | None,
    fallback: Kind | None = None,
    ended: Date | None = None,
    money: bool = False,
) -> tuple[Kind, list[str], list[str]]:
    """Kind of the figure at token ``pos``, the cues that decided it, and the words of
    its verb group (the subject stage names completions from them).

    ``period`` is the figure's period if the time stage tied one to it (else the nearest
    in the sentence), ``deadline`` a "by 2029" expression of its clause, ``fallback`` the
    kind a lead-in ("Plans for 2025:") gives to verbless list items after it, ``ended``
    the last day of the period the time stage tied to the figure (a month, quarter, ...),
    ``money`` whether the numbers stage read the figure as an amount of money.
    """
    cues: list[str] = []
    words: list[str] = []
    matrix = None
    if _finite_after(toks, pos):
        # "..., 105 are already built", "and 90 are under way": the figure is the subject
        # of the verb after it, whatever verb stands further left
        words = _scan_right(toks, pos)
    if not words:
        words, matrix = _scan_left(toks, pos)
    if not words:
        words = _scan_right(toks, pos)
    ws = set(words)  # (``words`` is not changed below)
    marker = present_marker(toks, pos, words)
    if marker is not None and marker[1]:
        # "Inflation, currently 34.6%, is projected to fall to 15%": the aside is the
        # present state, whatever the clause around it says.
        return "status", [f"status:{marker[0]}"], words
    kind = _decide(words)
    if kind is not None:
        cues.append(f"{kind}:{' '.join(words)}")
    if kind == "forecast" and _perfect_infinitive(words):
        # "was estimated to have expanded by 2.3%", "is expected to have grown 3% last year":
        # an estimate of what already happened is an outcome (the frame's estimate)
        kind = "achievement"
        cues.insert(0, f"achievement:{' '.join(words)} (estimated past)")
    phrase = _forecast_phrase(text, s_start, toks, pos) if kind != "forecast" else None
    if phrase is not None and (kind in (None, "status") or (kind == "target" and not ws & _PLAN_TARGET)):
        # "debt is on track to hit 80% by 2029", "costs are on course to reach 18 billion":
        # what is expected to happen, not what anyone decides
        kind = "forecast"
        cues.insert(0, f"forecast:{phrase}")
    if kind == "target" and ws & kind_words.FORESEE_VERBS and (macro := _macro_object(toks, pos)) is not None:
        # "the draft budget foresees output growth of 2.2%": what the plan assumes
        kind = "forecast"
        cues.insert(0, f"forecast:{macro} foreseen (an assumption)")
    kept = kind == "achievement" and _kept_level(toks, pos, words)
    forecaster, planning = _sentence_facts(text, s_start, s_end)
    # "According to the forecast, inflation will be 8.5-9.5%": a future tense under a
    # forecaster is the forecast; a plan verb ("plans", "aims") stays a target.
    modal_only = kind == "target" and not (ws & _PLAN_TARGET)
    if forecaster and (kind != "target" or modal_only):
        kind = "forecast"
        cues.insert(0, "forecast:" + forecaster)
    elif modal_only:
        # "the treasurer said the budget would record a surplus", "inflation will
        # slow to 5%": a future of something that does not act is an expectation; a
        # reported "would" is one unless an actor commits ("the ministry would build").
        actor = _modal_subject(toks, pos)
        modal = "would" if "would" in words else "will"
        expected = (
            actor in kind_words.FORECAST_SUBJECTS
            or (
                # "in turn, travel times will fall": an expected effect
                actor not in kind_words.AGENTS
                and kind_words.CONSEQUENCE.search(text, s_start, toks[pos].start) is not None
            )
            or (actor in kind_words.FISCAL_SUBJECTS and not _decided(toks, pos, words))
            or (modal == "would" and actor not in kind_words.AGENTS and not _acts(toks, pos, actor))
        )
        if actor is not None and expected:
            kind = "forecast"
            cues.insert(0, f"forecast:{actor} {modal}")
        elif actor is not None and words[-1] in ("cost", "costs") and not planning:
            kind = "forecast"  # "the line will cost 6.2 billion": an estimate, not a plan
            cues.insert(0, f"forecast:{modal} {words[-1]}")
        elif actor is None and modal == "would" and _toks_lack(toks, kind_words.REPORTING):
            # "prices rising 3.4% by spring would leave real wages flat": a figure in the
            # subject of an unreported "would" is a hypothesis, not a promise
            kind = "forecast"
            cues.insert(0, "forecast:would (a hypothesis)")
    if kind == "target" and words[:1] == ["to"] and (bare := _bare_infinitive_subject(toks, pos)) is not None:
        # "Inflation to ease to 3.4% by spring", "Prices set to rise 3.4%": a headline's
        # infinitive of something that does not act is a forecast
        kind = "forecast"
        cues.insert(0, f"forecast:{bare} {' '.join(words)}")
    if (
        kind == "target"
        and ws & _SCHEDULED
        and (subject := _group_subject(toks, pos)) in kind_words.FORECAST_SUBJECTS
    ):
        # "inflation is due to peak at 4.1% in the autumn": a timetable of what nobody decides
        kind = "forecast"
        cues.insert(0, f"forecast:{subject} {' '.join(words)}")
    if (
        kind == "target"
        and ws & kind_words.FORESEE_VERBS
        and not _toks_lack(toks, kind_words.OUTSIDE_FORECASTERS)
    ):
        # "the IMF's programme envisages a primary surplus of 1%": an outside lender's plan
        # for the government, what it expects, not a promise of the speaker
        kind = "forecast"
        cues.insert(0, f"forecast:{' '.join(words)} (an outside forecaster's)")
    if matrix is None:
        matrix = _matrix_before(toks, pos)
    if matrix is not None and matrix in _MATRIX_ANY and kind != "forecast":
        kind = "forecast"
        cues.insert(0, f"forecast:{matrix} that")
    goal = _goal_noun_after(toks, pos)
    if goal is not None and (kind != "forecast" or _set_off(toks, pos)):
        # "..., below the government's 6% to 7% target": a goal set off from the clause
        # names the goal; "is forecast to fall below the 2% target" stays the forecast
        kind = "target"
        cues.insert(0, f"target:{goal}")
    part = participle_kind(toks, pos)
    if part is not None:
        # "narrower than the 2.7% projected in July", "below the planned 90.3 million"
        kind = part[0]
        cues.insert(0, f"{kind}:{part[1]}")
    setting = bool(ws & kind_words.SETTING_VERBS)  # "the target has been fixed at $50 billion"
    # "the inflation target remains 2%": a goal noun as the subject of a verb of staying
    # (not a policy rate named for its target: "the cash rate target remains at 4.35%")
    staying = (
        bool(words)
        and ws <= _AUX_OR_ADVERB | _STAYING
        and _RATE_TARGET.search(text, max(s_start, toks[pos].start - 60), toks[pos].start) is None
    )
    if (
        kind in (None, "status", "achievement")
        and words
        and (setting or staying or (kind != "achievement" and ws <= _AUX_OR_ADVERB))
    ):
        noun = _subject_noun(toks, pos)
        if noun in kind_words.TARGET_NOUNS:
            kind = "target"
            cues.insert(0, f"target:{noun}")
        elif noun in kind_words.FORECAST_NOUNS:
            kind = "forecast"
            cues.insert(0, f"forecast:{noun}")
    if kind in (None, "status", "achievement"):
        goal_set = revised_goal(toks, pos) or standing_goal(toks, pos)
        if goal_set is not None:
            # "the deficit ceiling was revised down to 2.9%", "its goal of keeping
            # inflation near 5%": the level of a goal (or of a forecast), not an outcome
            kind = "forecast" if goal_set in kind_words.FORECAST_NOUNS else "target"
            cues.insert(0, f"{kind}:{goal_set}")
    yrs = _years(period)
    if kind == "achievement" and ws & _REVISED and (yrs is None or ref is None or yrs[1] >= ref.year):
        # "spending for this year was revised to 3.2 trillion": a revised plan for a period
        # not yet over (a revised figure for a past year is a revised outcome); a revised
        # figure of no plan ("growth for 2026 was revised down to 2.4%") is a revised forecast
        plan_words = planning or not _toks_lack(toks, kind_words.BUDGET_NOUNS)
        # (an indicator nobody decides as the revised figure's subject, "nominal output for
        # 2026 was revised to 400 billion", is a revised estimate whatever the sentence plans)
        unplanned = _macro_subject(toks, pos)
        kind = (
            "target"
            if (plan_words or _plan_noun_near(toks, pos) is not None) and not unplanned
            else "forecast"
        )
        cues.insert(0, f"{kind}:{' '.join(words)} (period not over)")
    if marker is not None and kind in (None, "status", "achievement"):
        yrs = None  # "the schools promised in 2022 are now under construction": now, not 2022
    decided = kind == "achievement" and bool(ws & kind_words.DECISION_VERBS) and "to" in ws
    if decided and yrs is not None and ref is not None and yrs[1] > ref.year:
        # a decision to act later is a commitment when the figure's period lies ahead
        kind = "target"
        cues.insert(0, f"target:{' '.join(words)}")
    # A status without a period of its own holds at the document date: the current period
    # (not a fiscal year whose last day has passed: "last year" of a budget in May is over).
    current = (yrs is not None and ref is not None and not _past(yrs, ref, ended)) or (
        yrs is None and kind == "status"
    )
    undated = kind in (None, "achievement", "status") and yrs is None
    plan_here = _plan_noun_near(toks, pos) if undated else None
    if plan_here is not None and _plan_noun_after(toks, pos):
        # "60% of the 2 billion cedi allocation": the size of a plan, whatever happened to it
        kind = "target"
        cues.insert(0, f"target:{plan_here}")
    budget = _budget_noun(toks, pos, words) if kind == "achievement" and not _past(yrs, ref, ended) else None
    if budget is not None:
        # "tabled a budget of 12 trillion", "the allocation has been raised to 40 billion":
        # money planned, not yet spent
        kind = "target"
        cues.insert(0, f"target:{' '.join(words)} {budget}".rstrip())
    # money (or a share of it) set aside with no time named ("an amount of N500 billion has
    # been provided for roads", "30% of the budget is allocated to schools"; not "1,200
    # flats were allocated"); an approval is an act done ("approved the disbursement of
    # $337 million")
    undated = (
        kind == "achievement"
        and yrs is None
        and bool(ws & _SET_ASIDE)
        and (money or _MONEY_OR_SHARE.search(text, toks[pos].start, toks[pos].end) is not None)
    )
    if kind in (None, "achievement", "status") and (current or kind is None or undated):
        plan = _plan_noun_near(toks, pos) if not undated else None
        if plan is not None:
            # "signed the 2024 Appropriation Bill of N28.7 trillion": the bill is a plan.
            kind = "target"
            cues.insert(0, f"target:{plan}")
        elif ws & kind_words.ALLOCATION_VERBS and (
            yrs is None
            or ref is None
            or yrs[1] > ref.year
            or yrs[0] < yrs[1]
            or _for_period(text, s_start, s_end)
        ):
            # money set aside for a period still running or to come is a plan; an
            # approval dated by a month already past ("approved a loan in July") is done;
            # money set aside with no time named ("an amount of N500 billion has been
            # provided for roads") is for the period of the statement
            kind = "target"
            cues.insert(0, UNDATED_ALLOCATION if undated else "target:allocated for the period")
        elif kind == "status" and planning and (projected := _projected_subject(toks, pos)) is not None:
            # "the projected deficit of 5.1% comprises a primary gap of 2%": the parts of a
            # forecast are forecasts
            kind = "forecast"
            cues.insert(0, f"forecast:{projected} (its subject)")
        elif kind == "status" and planning and (so_far := _so_far(text, s_start, toks, pos)) is not None:
            # "the deficit to date stands at three fifths of the ceiling": an outturn so far
            cues.insert(0, f"status:{so_far}")
        elif kind == "status" and planning:
            kind = "target"
            cues.insert(0, "target:plan for the current period")
    if (
        kind in ("achievement", "status", "forecast", None)
        and (
            ws & kind_words.RECEIVING_VERBS
            or _receives(toks, pos)
            or (kind is None and _receiving_next(toks, pos))
        )
        and not _past(yrs, ref, ended)
        and not _toks_lack(toks, _BUDGET_ONLY)
        and (kind != "forecast" or (not forecaster and _toks_lack(toks, kind_words.OUTSIDE_FORECASTERS)))
    ):
        # "the health sector got 4 billion in the 2026 budget", "22% of the budget went to
        # defence", "schools are set to get 2 billion in the budget": a budget line's share,
        # planned (money paid in a past year is done; an outside forecaster's view is not)
        kind = "target"
        cues.insert(0, f"target:{' '.join(words)} (a share of a budget)")
    if (
        kind == "forecast"
        and not forecaster
        and not _past(yrs, ref, ended)
        and ws & kind_words.FORECAST_PARTICIPLES
        and not _out_year(yrs, ref, toks)
        and _budget_line(toks, pos)
    ):
        # "revenue is projected at 14 trillion in the 2026 budget": the government's own
        # budget line, planned; an outside forecaster's view of it, or a bare future of a
        # line nobody decides ("the deficit will narrow to 3%"), stays a forecast
        kind = "target"
        cues.insert(0, "target:a budget line")
    if kind == "achievement" and yrs is not None and ref is not None and yrs[0] > ref.year:
        # "the forecast for 2026 was 3.5%", "the outlook showed a deficit of 3.5% in 2026":
        # nothing is done yet in a period still ahead; the past tense reports the outlook
        # (a plan adopted for it is a target, above)
        kind = "forecast"
        cues.insert(0, f"{kind}:{' '.join(words)} (period ahead)")
    if kind in (None, "status"):
        if deadline is not None and other_clause(toks, pos, deadline):
            deadline = None  # "has kept X since May and sees Y by the end of the year": Y's deadline
        if deadline is not None and (ref is None or (deadline.last or 0) >= ref.year):
            unowned = _unowned_subject(toks, pos)
            # "Inflation back at 2% by 2028": a deadline for what nobody decides is a forecast
            kind = "forecast" if unowned else "target"
            cues.insert(0, f"{kind}:{unowned + ' ' if unowned else ''}{' '.join(deadline.text.split())}")
        elif yrs is not None and ref is not None and yrs[1] > ref.year:
            kind = "target" if planning and not _out_year(yrs, ref, toks) else "forecast"
            cues.insert(0, f"{kind}:future period")
        elif yrs is not None and ref is not None and yrs[1] < ref.year:
            kind = "achievement"
            cues.insert(0, "achievement:past period")
        elif kind is None and ended is not None and ref is not None and ended < ref:
            # "Inflation in May: 5.1%" in June: a month, quarter or half already over
            kind = "achievement"
            cues.insert(0, "achievement:past period")
    limit = limit_phrase(text, s_start, toks[pos].start, toks[pos].end)
    if limit is not None and kind != "target" and not (kind == "achievement" and _past(yrs, ref, ended)):
        # "borrowing is capped at 3% of GDP", "net lending is not to exceed 1.5 trillion in
        # 2025": the limit a rule or a budget sets
        kind = "target"
        cues.insert(0, f"target:{limit}")
    wish = _wish(toks, pos) if kind in (None, "status", "achievement") else None
    if wish is not None:
        # "stressed the need to rebuild 40 bridges", "a minority favoured a cut to 4.5%":
        # what is wanted, like an instruction, is a target
        kind = "target"
        cues.insert(0, f"target:{wish}")
    if kind != "target" and _instruction(text, s_start, s_end):
        # "I instruct the Government to raise the minimum wage to 42,000", "I task the
        # ministry with building 600 schools": an order given is a target
        kind = "target"
        cues.insert(0, "target:instruction")
    if kept and kind == "achievement":
        # "left its key rate at 16.5%", "was held at 6% for a fourth meeting": a level kept
        kind = "status"
        cues.insert(0, f"status:{' '.join(words)} at")
    if ws & _NEGATIONS:
        cues.append("negated")  # "did not exceed 5%", "will not raise taxes": same kind, said negatively
    if kind is None and fallback is None:
        fallback = _inline_head(text, s_start, toks[pos].start)
    if kind is None:
        if fallback is not None:
            return fallback, [f"{fallback}:list lead-in", *cues], words
        return "status", ["status:no verb", *cues], words
    return kind, cues, words


_LIMIT = re.compile(r"\b(?:" + "|".join(kind_words.LIMIT_PHRASES) + r")\b", re.I)
#: How far (characters) before a figure a limit phrase may start: "not to exceed" and a
#: bound word the figure's span took ("exceed 1.5 trillion").
LIMIT_WINDOW = 30
_INSTRUCTION = re.compile(
    r"(?:\bI|\b[Ww]e)\s+(?:hereby\s+|also\s+|therefore\s+|further\s+|now\s+)?(?:"
    + "|".join(sorted(kind_words.INSTRUCTION_VERBS))
    + r")\b"
)


def limit_phrase(text: str, s_start: int, q_start: int, q_end: int) -> str | None:
    """The limit phrase right before the figure at ``[q_start, q_end)`` ("capped at", "not to
    exceed"), or None."""
    lo = max(s_start, q_start - LIMIT_WINDOW)
    for m in _LIMIT.finditer(text, lo, min(q_end, q_start + LIMIT_WINDOW)):
        if m.end() > q_start or not text[m.end() : q_start].strip():
            return " ".join(m.group(0).lower().split())
    return None


@lru_cache(maxsize=8)
def _instruction(text: str, s_start: int, s_end: int) -> bool:
    """Is the sentence an instruction given in the first person ("I instruct ...")?"""
    return _INSTRUCTION.search(text, s_start, s_end) is not None


@lru_cache(maxsize=8)
def _sentence_facts(text: str, s_start: int, s_end: int) -> tuple[str, bool]:
    """Once per sentence (not per figure): the forecaster named ("according to the
    imf") and whether the sentence is about a plan or budget."""
    found = _FORECASTERS_LOW.find(text, s_start, s_end)
    forecaster = " ".join(found.split()) if found is not None else ""
    if not forecaster:
        # "under the updated projections, the deficit reaches 4.4%": the sentence's forecast
        frame = kind_words.FORECAST_FRAMES.search(text, s_start, s_end)
        if frame is not None:
            forecaster = " ".join(frame.group().lower().split())
    if not forecaster and "," in text[s_start:s_end]:
        # "..., the grid operator forecasts": a forecast named at the end of the sentence
        trailing = kind_words.TRAILING_FORECAST.search(text[s_start:s_end].rstrip())
        if trailing is not None:
            forecaster = " ".join(trailing.group().lstrip(",").split()).rstrip(".!")
    return forecaster, _PLANNING_LOW.find(text, s_start, s_end) is not None


def _modal_subject(toks: Sequence[Tok], pos: int) -> str | None:
    """The head noun (or pronoun) before the modal governing the figure at ``pos``, or
    None when the modal is not to its left in the same clause."""
    for k in range(pos - 1, max(0, pos - SCAN_WINDOW), -1):
        t = toks[k]
        if t.kind == "p" and t.low in _STOP_PUNCT:
            return None
        if t.low in ("will", "would", "shall", "'ll"):
            j = k - 1
            while j >= 0 and toks[j].low in kind_words.ADVERBS:
                j -= 1
            if j > 0 and toks[j].kind == "t":
                # "growth in 2027 will be 1.2%", "the economy this year will grow": the
                # subject is before its time
                while j > 0 and toks[j].kind == "t":
                    j -= 1
                if j > 0 and toks[j].low in _NP_PREPOSITIONS:
                    j -= 1
            if j < 0 or toks[j].kind != "w":
                return ""
            return _np_head(toks, j)
    return None


#: Prepositions that open a phrase after a subject's head noun ("demand for electricity").
_NP_PREPOSITIONS = frozenset({"of", "for", "in", "on", "from", "at"})
#: How many words a prepositional phrase after a subject's head may hold.
NP_TAIL = 4


def _np_head(toks: Sequence[Tok], j: int) -> str:
    """The head noun of the subject ending at token ``j``: the word before a prepositional
    phrase ("demand for electricity will", "employment in the province will"), else the
    word at ``j``."""
    for k in range(j - 1, max(-1, j - NP_TAIL - 1), -1):
        t = toks[k]
        if t.kind != "w":
            break
        if t.low in _NP_PREPOSITIONS:
            head = toks[k - 1] if k > 0 else None
            if head is not None and head.kind == "w" and head.low not in _NOT_BASE:
                return head.low if _is_verbish(toks, k - 1) is None else toks[j].low
            break
        if _is_verbish(toks, k) is not None:
            break
    return toks[j].low


def _acts(toks: Sequence[Tok], pos: int, actor: str | None) -> bool:
    """Is the verb after the modal governing the figure one only an actor performs ("it
    would build 500 schools", "the Ministry of Health would hire 2,000 nurses")?"""
    if actor is None or actor in kind_words.NON_AGENTS:
        return False
    for k in range(pos - 1, max(0, pos - SCAN_WINDOW), -1):
        if toks[k].low in ("will", "would", "shall", "'ll"):
            v = _past_adverbs(toks, k + 1)
            return v < pos and toks[v].low in kind_words.ACTOR_VERBS
    return False


@lru_cache(maxsize=8)
def _for_period(text: str, s_start: int, s_end: int) -> bool:
    """Does the sentence say what period money is for ("for 2025-26")? Once per sentence."""
    return _FOR_PERIOD.search(text, s_start, s_end) is not None


_PHRASE_STOPS = frozenset({"will", "would", "shall", "'ll", "and", "but", "while"})


def _forecast_phrase(text: str, s_start: int, toks: Sequence[Tok], pos: int) -> str | None:
    """A phrase of something expected to happen in the figure's clause before it ("is on
    track to hit", "poised to grow"), or None."""
    lo = pos
    for k in range(pos - 1, max(-1, pos - SCAN_WINDOW), -1):
        t = toks[k]
        if (t.kind == "p" and t.low in _CLAUSE_STOP) or t.low in _PHRASE_STOPS:
            break  # "is on track to build 500 km, and will build 600 km": another verb group
        lo = k
    if lo >= pos:
        return None
    m = kind_words.FORECAST_PHRASES.search(text, max(s_start, toks[lo].start), toks[pos].start)
    return " ".join(m.group().lower().split()) if m is not None else None


_SCHEDULED = frozenset({"due", "scheduled", "slated"})


_NOT_ACTING = kind_words.FORECAST_SUBJECTS | kind_words.FISCAL_SUBJECTS | kind_words.NON_AGENTS


def _bare_infinitive_subject(toks: Sequence[Tok], pos: int) -> str | None:
    """The subject of the headline infinitive governing the figure when it does not act
    ("Inflation to ease to 3.4%" -> inflation; "Prices set to rise" -> set), else None."""
    for k in range(pos - 1, max(0, pos - SCAN_WINDOW), -1):
        t = toks[k]
        if t.kind == "p" and t.low in _CLAUSE_STOP:
            return None
        if t.low == "to" and toks[k + 1].kind == "w" and toks[k + 1].low not in _NOT_BASE:
            before = toks[k - 1]
            if before.kind != "w":
                return None
            if before.low == "set":
                return "set"
            head = _np_head(toks, k - 1)
            return head if head in _NOT_ACTING else None
    return None


def _group_subject(toks: Sequence[Tok], pos: int) -> str | None:
    """The head of the subject before the auxiliary of the figure's verb group ("inflation
    is due to peak at 4.1%" -> inflation), or None."""
    for k in range(pos - 1, max(0, pos - SCAN_WINDOW), -1):
        t = toks[k]
        if t.kind == "p" and t.low in _CLAUSE_STOP:
            return None
        if t.low in _AUX_FINITE:
            return _np_head(toks, k - 1) if toks[k - 1].kind == "w" else None
    return None


def _unowned_subject(toks: Sequence[Tok], pos: int) -> str:
    """A subject nobody decides ("inflation", "growth", "prices") in the figure's clause
    before it, with no goal noun there ("Inflation back at 2% by 2028"), else ""."""
    found = ""
    for k in range(pos - 1, max(-1, pos - SUBJECT_NOUN_WINDOW - 2), -1):
        t = toks[k]
        if t.kind == "p" and t.low in _CLAUSE_STOP:
            break
        if t.low in kind_words.TARGET_NOUNS or t.low in kind_words.AGENTS:
            return ""
        if not found and t.low in kind_words.FORECAST_SUBJECTS:
            found = t.low
    if found and any(toks[k].low in kind_words.TARGET for k in range(max(0, pos - SCAN_WINDOW), pos)):
        return ""  # "set the task of bringing exports to $45 billion by 2030": a goal
    return found


def _macro_subject(toks: Sequence[Tok], pos: int) -> bool:
    """Is an indicator nobody decides the head of the figure's clause before its verb
    ("nominal output for 2026 was revised to ...")?"""
    for k in range(pos - 1, max(-1, pos - SCAN_WINDOW), -1):
        t = toks[k]
        if t.kind == "p" and t.low in _CLAUSE_STOP:
            return False
        if t.low in _AUX_FINITE:
            head = _np_head(toks, k - 1) if k > 0 and toks[k - 1].kind == "w" else ""
            if head in kind_words.MACRO_INDICATORS:
                return True
            # "output for 2026 was": the head before a period phrase
            return any(toks[m].low in kind_words.MACRO_INDICATORS for m in range(max(0, k - 4), k))
    return False


def _macro_object(toks: Sequence[Tok], pos: int) -> str | None:
    """An indicator nobody decides among the few words right before the figure ("output
    growth of 2.2%", "inflation of 4%"), or None."""
    for k in range(pos - 1, max(-1, pos - 5), -1):
        t = toks[k]
        if t.kind != "w" or t.low in kind_words.FORESEE_VERBS:
            return None
        if t.low in kind_words.MACRO_INDICATORS:
            return t.low
    return None


def _so_far(text: str, s_start: int, toks: Sequence[Tok], pos: int) -> str | None:
    """Words of an outturn so far ("to date", "so far") in the figure's clause, or None."""
    lo = pos
    for k in range(pos - 1, max(-1, pos - SCAN_WINDOW), -1):
        t = toks[k]
        if t.kind == "p" and t.low in _STOP_PUNCT:
            break
        lo = k
    hi = toks[min(len(toks) - 1, pos + 4)].end
    m = kind_words.OUTTURN_SO_FAR.search(text, max(s_start, toks[lo].start), hi)
    return " ".join(m.group().lower().split()) if m is not None else None


def _projected_subject(toks: Sequence[Tok], pos: int) -> str | None:
    """A forecast participle naming the subject of the figure's clause ("the projected
    deficit of 5.1% comprises ...", "the expected shortfall includes ..."), or a forecast
    the figure's "of which" clause is part of ("the deficit is projected at 5.1%, of which
    interest accounts for 3.1%"), else None."""
    for k in range(pos - 1, max(0, pos - SCAN_WINDOW), -1):
        t = toks[k]
        if t.kind == "p" and t.low in _CLAUSE_STOP:
            if k + 2 < pos and toks[k + 1].low == "of" and toks[k + 2].low == "which":
                for m in range(k - 1, max(-1, k - SCAN_WINDOW), -1):
                    if toks[m].kind == "p" and toks[m].low in _STOP_PUNCT:
                        break
                    if toks[m].low in kind_words.FORECAST:
                        return f"{toks[m].low}, of which"
            return None
        if t.low in kind_words.FORECAST_PARTICIPLES and toks[k - 1].low in kind_words.DETERMINERS:
            return t.low
    return None


def _matrix_before(toks: Sequence[Tok], pos: int) -> str | None:
    """A verb of expecting that governs the figure's clause: "X projects that ... N", or
    "officials project the rate will fall to N" (the "that" left out)."""
    if lacks(toks, _MATRIX_ANY):
        return None
    embedded = False
    for k in range(pos - 1, max(0, pos - SCAN_WINDOW), -1):
        t = toks[k]
        if t.kind == "p" and t.low in (";", ":"):
            return None
        if t.low in ("will", "would", "could", "should") and toks[k - 1].low == "and":
            return None  # "we expect growth to pick up and will contain inflation at 5%": own verb
        if t.low in ("will", "would", "to", "could", "should"):
            embedded = True
        if t.low == "that" and toks[k - 1].low in kind_words.FORECAST_MATRIX:
            return toks[k - 1].low
        if embedded and t.low in kind_words.FORECAST_MATRIX_BARE and toks[k - 1].kind == "w":
            before = toks[k - 1].low
            if before not in ("the", "a", "an", "its", "their", "of", "to") and not before.endswith("ed"):
                return t.low
    return None


def participle_kind(toks: Sequence[Tok], pos: int) -> tuple[Kind, str] | None:
    """The kind a forecast/plan participle right before or after the figure gives it:
    "an estimated 5.9%", "the planned 90.3 million", "the 2.7% projected in July"."""
    word = None if lacks(toks, _PARTICIPLE_WORDS) else _participle_after(toks, pos)
    before = toks[pos - 1].low if pos >= 2 else ""
    if word is None and before in _POST_PARTICIPLES and toks[pos - 2].low in ("a", "an", "the"):
        word = before
    if word is None:
        # the numbers stage may keep "an estimated" in the figure's own span
        lead = toks[pos].text.lower().split()[:2]
        if len(lead) == 2 and lead[0] in ("a", "an", "the") and lead[1] in _POST_PARTICIPLES:
            word = lead[1]
    if word is None:
        return None
    return ("forecast" if word in kind_words.FORECAST_PARTICIPLES else "target"), word


def _participle_after(toks: Sequence[Tok], pos: int) -> str | None:
    """A forecast or plan participle right after the figure: "the 2.7% projected"."""
    k = pos + 1
    while k < len(toks) - 1 and toks[k].low in kind_words.ADVERBS:
        k += 1  # "the 4 billion originally budgeted"
    before = toks[pos - 1].low if pos > 0 else ""
    if before not in ("the", "a", "an", "its", "their", "than"):
        return None
    if k < len(toks) and toks[k].kind == "w" and toks[k].low in _POST_PARTICIPLES:
        return toks[k].low
    if k + 1 < len(toks) and toks[k].low == "of":
        # "the 2,400 km of rural roads announced in 2022": a plan, named after its noun
        for m in range(k + 1, min(len(toks), k + 5)):
            if toks[m].kind != "w":
                return None
            if toks[m].low in kind_words.ANNOUNCED_PLANS:
                return toks[m].low
    return None


_POST_PARTICIPLES = kind_words.FORECAST_PARTICIPLES | kind_words.PLAN_PARTICIPLES
#: Words ``_participle_after`` reads a participle from.
_PARTICIPLE_WORDS = _POST_PARTICIPLES | kind_words.ANNOUNCED_PLANS
_GOAL_AFTER = frozenset({"target", "targets", "goal", "ceiling", "cap"})
_GOAL_OR_FORECAST_NOUNS = kind_words.TARGET_NOUNS | kind_words.FORECAST_NOUNS
#: Verbs that revise an estimate or expectation (not "raised", "cut": those also act).
_REVISED = frozenset({"revised", "upgraded", "downgraded"})
_REVISING = kind_words.REVISION_VERBS | kind_words.SETTING_VERBS
#: How far (tokens) before a figure ``revised_goal`` looks for the revising verb and its noun.
REVISION_REACH = 12
#: How far (tokens) before a figure "goal of ..." may stand: "the goal of keeping headline
#: inflation close to 5%".
GOAL_OF_REACH = 8
#: Goal nouns that name a programme of work, not a level to hold ("the plan of 300 schools").
_NOT_STANDING = frozenset({"plan", "plans", "task", "tasks", "priority"})
#: What links a goal noun to the level it names besides "of": "the aim remains to keep ...",
#: "the objective is to hold ...".
_GOAL_LINKS = frozenset({"is", "remains", "was", "being"})
#: Words that end the phrase of a goal: a finite verb of its own makes it a clause.
_FINITE_STOPS = frozenset({"will", "would", "has", "have", "had", "were", "which", "that", "and"})
#: Words ``present_marker`` reads a present time from.
_PRESENT_MARKS = kind_words.PRESENT_WORDS | {"at", "since"}


def _goal_noun_after(toks: Sequence[Tok], pos: int) -> str | None:
    """ "the 4.9% target", "a 2% inflation target": a goal noun right after the figure."""
    if lacks(toks, _GOAL_AFTER):
        return None
    for k in range(pos + 1, min(len(toks), pos + 3)):
        w = toks[k].low
        if w in _GOAL_AFTER:
            return w
        if toks[k].kind != "w":
            return None
    return None


def revised_forecast(toks: Sequence[Tok], pos: int) -> str | None:
    """The forecast noun when the figure at ``pos`` is what a forecast was revised to
    ("raised its growth forecast to 2.5%", "cut the projection for 2025 to 3.1%"), else None."""
    for k in range(pos - 1, max(-1, pos - 10), -1):
        t = toks[k]
        if t.kind == "p":
            return None
        if t.low in kind_words.FORECAST_NOUNS:
            for d in range(k - 1, max(-1, k - 5), -1):
                if toks[d].low in kind_words.DETERMINERS:
                    return t.low if d > 0 and toks[d - 1].low in kind_words.REVISION_VERBS else None
            return None
    return None


def revised_goal(toks: Sequence[Tok], pos: int) -> str | None:
    """The goal or forecast noun when the figure at ``pos`` is what that goal or forecast was
    set or revised to ("the deficit target was revised to 2.1%", "revised its debt ceiling to
    55%", "the growth forecast was cut to 1.4%"), else None: the figure it replaced ("from
    2.8%") is the earlier goal or forecast, not a present level."""
    verb = -1
    k = pos
    while k - 1 > max(-1, pos - REVISION_REACH):
        k -= 1
        t = toks[k]
        if t.low == ")" and k < pos - 1:
            k = _skip_back(toks, k) + 1  # "from 70 billion (6.1% of output) to": an aside
            continue
        if t.kind == "q" and k > 0 and toks[k - 1].low == "from" and k < pos - 1:
            k -= 1  # "cut the target from 70 billion to 64 billion": the value it replaced
            continue
        if t.kind == "p" or t.kind == "q":
            break
        if t.low in kind_words.REVISION_VERBS or t.low in kind_words.SETTING_VERBS:
            verb = k
        elif t.low in _GOAL_OR_FORECAST_NOUNS:
            # "the target was revised to" (the verb between) or "revised its target to"
            if verb >= 0 or any(toks[j].low in _REVISING for j in range(max(0, k - 4), k)):
                return t.low
            return None
    return None


def standing_goal(toks: Sequence[Tok], pos: int) -> str | None:
    """The goal noun of a standing policy goal the figure states: "the 2 per cent inflation
    target", "its goal of keeping inflation near 5%", "the medium-term objective of a deficit
    below 3% of GDP", "our aim remains to hold inflation at 4%".  Such a goal has no period
    of its own unless the sentence ties one to the figure."""
    after = _goal_noun_after(toks, pos)
    if after is not None:
        return after
    if lacks(toks, kind_words.TARGET_NOUNS):
        return None
    for k in range(pos - 1, max(-1, pos - GOAL_OF_REACH), -1):
        t = toks[k]
        if t.kind == "p" or t.kind == "q" or t.low in _FINITE_STOPS:
            return None
        if t.low in kind_words.TARGET_NOUNS - _NOT_STANDING and k + 2 < pos:
            nxt = toks[k + 1].low
            if nxt == "of" or (nxt in _GOAL_LINKS and toks[k + 2].low == "to"):
                return t.low
    return None


def standing(toks: Sequence[Tok], pos: int, goal: str) -> bool:
    """Is the goal ``goal`` of the figure at ``pos`` a standing one, a level to hold rather
    than the outcome planned for one period: "the 2% inflation target", "the medium-term
    objective of a deficit below 3%", "the goal of keeping inflation near 5%"?"""
    lo, hi = max(0, pos - GOAL_OF_REACH), min(len(toks), pos + 4)
    return any(toks[k].low in kind_words.STANDING_GOAL_WORDS for k in range(lo, hi))


def _plan_noun_near(toks: Sequence[Tok], pos: int) -> str | None:
    """A plan noun the figure is part of: "the 2024 Appropriation Bill of N28.7 trillion",
    "a 115.5 trillion yen budget" (at most a few words away, same phrase)."""
    if lacks(toks, kind_words.PLAN_NOUNS):
        return None
    for k in range(pos - 1, max(-1, pos - 5), -1):
        t = toks[k]
        if t.kind == "p" or (t.kind == "w" and _is_verbish(toks, k) is not None):
            break
        if t.low in kind_words.PLAN_NOUNS:
            return t.low
    for k in range(pos + 1, min(len(toks), pos + 3)):
        t = toks[k]
        if t.kind != "w" or _is_verbish(toks, k) is not None:
            break
        if t.low in kind_words.PLAN_NOUNS:
            return t.low
    return None


def _set_off(toks: Sequence[Tok], pos: int) -> bool:
    """Is the phrase of the figure at ``pos`` set off by a comma from the verb before it?"""
    for k in range(pos - 1, max(-1, pos - 8), -1):
        t = toks[k]
        if t.low in (",", "(", "—", "–"):
            return True
        if t.kind == "w" and _is_verbish(toks, k) is not None:
            return False
    return False


def _plan_noun_after(toks: Sequence[Tok], pos: int) -> bool:
    """Is a plan noun right after the figure ("the 2 billion cedi allocation")?"""
    k = pos + 1
    return (
        k < len(toks)
        and toks[k].low in kind_words.PLAN_NOUNS
        and pos > 0
        and toks[pos - 1].low in kind_words.DETERMINERS
    )


def _subject_noun(toks: Sequence[Tok], pos: int) -> str | None:
    """A goal/forecast noun among the few words before the figure's copula."""
    if lacks(toks, _GOAL_OR_FORECAST_NOUNS):
        return None
    lo = max(0, pos - SUBJECT_NOUN_WINDOW - 2)
    for k in range(pos - 1, lo - 1, -1):
        w = toks[k].low
        if w in kind_words.TARGET_NOUNS or w in kind_words.FORECAST_NOUNS:
            return w
        if toks[k].kind == "p" and w in _STOP_PUNCT:
            break
    return None


#: Words of a lead-in to forecasts ("Projections for 2027:", "The fiscal update shows:").
_LEAD_FORECAST = re.compile(
    r"\b(?:forecasts?|outlook|projections?|projected|expect\w*|updates?|scenarios?)\b"
)


def lead_in_kind(text: str, s_start: int, s_end: int, before: str = "") -> Kind | None:
    """The kind a lead-in sentence ending with ':' gives the list items after it;
    ``before`` is the sentence before the lead-in ("The government approved the
    programme for 2024. Key figures:")."""
    if not text[s_start:s_end].rstrip().endswith(":"):
        return None
    own = text[s_start:s_end].lower()
    if re.search(r"\b(?:results?|achievements?|outcomes?|was|were|built|completed)\b", own):
        return "achievement"
    # the lead-in's own words before the sentence before it ("The budget was approved.
    # Projections for 2027:" leads forecasts)
    for lead in (own, (before + " " + own).lower()):
        if re.search(
            r"\b(?:plan|plans|priorit\w+|target|targets|goals?|tasks?|will|aims?|objectives?|programme"
            r"|program|budget|approved)\b",
            lead,
        ):
            return "target"
        if _LEAD_FORECAST.search(lead):
            return "forecast"
    if re.search(r"\b(?:results?|achievements?|outcomes?|was|were|built|completed)\b", before.lower()):
        return "achievement"
    return None


def commitment(
    text: str, s_start: int, s_end: int, toks: Sequence[Tok], mentions: Sequence[Mention], ref: Date | None
) -> tuple[list[str], int, int] | None:
    """A commitment without a number in this sentence: ``(cues, j, n)`` where tokens
    ``[j, j+n)`` are its cue words, or None.

    A commitment is a main-clause goal modal ("will", "plans to", "is to") with a concrete
    action verb or a future time expression, not in a question or a condition, and not
    a consequence ("this will help ...").
    """
    if text[s_start:s_end].rstrip().rstrip("\"'”’)").endswith("?"):
        return None
    future = any(
        m.role != "comparison" and (m.last is None or ref is None or m.last >= ref.year) for m in mentions
    )
    for j, t in enumerate(toks):
        if t.kind != "w":
            continue
        if t.low in kind_words.CONDITIONAL:
            return None
        if t.low not in _CUE_WORDS:
            continue  # (``_commit_cue`` would say None)
        cue = _commit_cue(toks, j)
        if cue is None:
            continue
        verb_j = j + len(cue.split())
        while verb_j < len(toks) and (toks[verb_j].low in _BEFORE_VERB or _LY.match(toks[verb_j].low)):
            verb_j += 1  # "will be partially opened": an adverb between auxiliary and participle
        if verb_j >= len(toks) or toks[verb_j].kind != "w":
            continue
        verb = toks[verb_j].low
        subj = toks[j - 1].low if j > 0 else ""
        if subj in kind_words.VAGUE_SUBJECTS and verb in kind_words.VAGUE_VERBS:
            continue
        if subj in kind_words.NON_AGENTS or subj == "there":
            continue  # "prices will continue to rise": an expectation, not a promise
        if any(toks[k].low in kind_words.BELIEF_VERBS for k in range(max(0, j - 8), j)):
            continue  # "experts believe the tenge will weaken"
        if any(toks[k].low in kind_words.WH_WORDS for k in range(max(0, j - 8), j)):
            continue  # "did not say how much the sale would raise": an open question
        b = verb_j - 1
        while b > j and _LY.match(toks[b].low):
            b -= 1
        after_be = toks[b].low in ("be", "been")
        passive = after_be and (
            _ED.match(verb) is not None
            or verb in kind_words.PARTICIPLES_IRREGULAR
            or verb in kind_words.PAST_IRREGULAR
            # participles that look like a base form: "will be set up", "will be put in place"
            or verb in kind_words.COMMIT_VERBS
        )
        if after_be and not passive:
            continue  # "this year will be difficult", "2025 will be a year of reforms"
        following = toks[verb_j + 1].low if verb_j + 1 < len(toks) else ""
        if verb in kind_words.HAPPENING_VERBS or f"{verb} {following}" in kind_words.HAPPENING_PHRASES:
            continue  # "this will take effect in a few months": an event, not a promise
        if cue.endswith(("scheduled to", "due to")) and verb in kind_words.SCHEDULE_ENDS:
            continue  # "the programme is scheduled to end in April": a timetable
        progressive = cue in ("is", "are")  # "we are investing in new rail lines"
        pledge = verb in kind_words.PLEDGE_CONTINUE_VERBS and (
            _acting_subject(toks, j)
            # "the Committee judged it appropriate to continue", "the Bank stands ready to act"
            or (cue in _JUDGED_CUES and any(toks[k].low in kind_words.AGENTS for k in range(j)))
        )
        if verb in kind_words.COMMIT_VERBS or future or passive or pledge or progressive:
            cues = ["target:" + " ".join(toks[k].low for k in range(j, verb_j + 1))]
            if any(toks[k].low in ("not", "n't", "never") for k in range(j, verb_j)):
                cues.append("negated")
            return cues, j, len(cue.split())
    return _headline(toks)


#: A headline or list item is short: longer sentences opening with "to" or a gerund are prose.
_HEADLINE_WORDS = 12


def _headline(toks: Sequence[Tok]) -> tuple[list[str], int, int] | None:
    """A commitment stated as a headline or list item without a subject: an infinitive of
    an action ("To reduce the debt ratio over the medium term"), in a short sentence with no
    comma. (Gerunds, "Freezing fuel duty", were tried and found more prose than headlines.)"""
    words = [k for k, t in enumerate(toks) if t.kind == "w"]
    if not words or len(words) > _HEADLINE_WORDS or any(t.text == "," for t in toks):
        return None
    if len(words) < 2:
        return None
    f, nxt = words[0], toks[words[1]].low
    w = toks[f].low
    if w == "to" and nxt in kind_words.COMMIT_VERBS:
        return [f"target:to {nxt} (headline)"], f, 1
    return None


#: Cues of an institution's judgement or readiness: a pledge when an acting subject precedes.
_JUDGED_CUES = frozenset({"appropriate to", "ready to"})

#: The words a commitment cue opens with (``_commit_cue`` is None for any other).
_CUE_WORDS = (
    frozenset(
        {
            "will",
            "shall",
            "'ll",
            "must",
            "would",
            "plans",
            "plan",
            "intends",
            "intend",
            "aims",
            "aim",
            "is",
            "are",
        }
    )
    | kind_words.PLEDGE_VERBS
    | kind_words.DECISION_VERBS
    | kind_words.INSTRUCT_VERBS
    | {"should", "expect", "need", "appropriate", "ready"}
)


def _acting_subject(toks: Sequence[Tok], j: int) -> bool:
    """Is the subject before the modal at ``j`` one that acts ("the Committee will
    continue", "we will continue", "said it will consider")?"""
    subj = toks[j - 1].low if j > 0 else ""
    if subj in kind_words.AGENTS:
        return True
    return subj == "it" and any(t.low in kind_words.REPORTING for t in toks[: j - 1])


def _commit_cue(toks: Sequence[Tok], j: int) -> str | None:
    w = toks[j].low
    nxt = toks[j + 1].low if j + 1 < len(toks) else ""
    if (
        w in ("is", "are")
        and nxt in kind_words.PLEDGE_PROGRESSIVES
        and j > 0
        and toks[j - 1].low in kind_words.PLEDGE_PROGRESSIVE_SUBJECTS
    ):
        return w  # a programme under way: "we are investing in new rail lines"
    if w in ("will", "shall", "'ll", "must"):
        return w if _is_verbish(toks, j) == "T" else None
    if w == "would" and any(t.low in kind_words.REPORTING for t in toks[:j]):
        return w  # reported commitment: "the minister said the government would ..."
    if w in ("plans", "plan", "intends", "intend", "aims", "aim") and nxt == "to" and j > 0:
        prev = toks[j - 1].low
        return None if prev in ("the", "a", "its", "their", "our", "of") else f"{w} to"
    if w in ("is", "are") and nxt == "to":
        return f"{w} to"
    if (w in kind_words.PLEDGE_VERBS or w in kind_words.DECISION_VERBS) and nxt == "to":
        return f"{w} to"  # "has pledged to open the bridge by 2027", "decided to remain focused on"
    if w in ("expect", "need") and nxt == "to" and j > 0 and toks[j - 1].low in kind_words.SELF_PLAN_SUBJECTS:
        return f"{w} to"  # the speaker's plan: "we expect to keep the rate here", "the need to launch"
    if w in ("appropriate", "ready") and nxt == "to":
        return f"{w} to"  # "judged it appropriate to continue the easing", "stands ready to act"
    if w == "should" and j > 0 and toks[j - 1].low in kind_words.SHOULD_AGENTS:
        return w  # an instruction: "the government should significantly expand gas connections"
    if w in kind_words.INSTRUCT_VERBS:
        # "instructed the government to launch the register": an order to act
        for k in range(j + 2, min(len(toks), j + 7)):
            if toks[k].kind != "w":
                return None
            if toks[k].low == "to":
                return " ".join(toks[m].low for m in range(j, k + 1))
        return None
    after = toks[j + 2].low if j + 2 < len(toks) else ""
    if w in ("is", "are") and nxt in ("set", "scheduled", "due", "going") and after == "to":
        return f"{w} {nxt} to"
    return None
