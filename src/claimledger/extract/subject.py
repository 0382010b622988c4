"""Stage ``subject.v3``: a short phrase naming what a figure measures.

Reads: the sentence as tokens (``_tokens.tokenize``), the figure's token position, the
quantity (its counted noun) and the words of the verb group the kinds stage found.
Writes: a lower-case phrase of at most ``MAX_WORDS`` words taken from the sentence, with
the figure, years and bound words left out, so the same indicator gets the same name in
different documents ("gdp per capita", "housing completed", "budget deficit").

Rules, first that applies:
1. "<noun phrase> of N" (spending of 23.9 trillion) -> that noun phrase, prefixed with the
   subject of a framing verb ("the republican budget provides for spending of ...");
2. "N <unit> of <noun phrase>" (18 million m2 of housing were built) -> the noun phrase
   plus the normalised participle ("housing completed");
3. "X <verb> N <counted noun>": a nominalised verb ("SMEs employ 4.3 million people" ->
   "sme employment"), a possessor ("Astana Hub has 1,500 participants" -> "astana hub
   participants"), or the counted noun phrase plus participle ("schools completed");
4. "X <verb group> N" (GDP per capita reached almost $13,000) -> X;
5. "N in X" (a 15% increase in exports) -> X;
6. the first noun phrase after the figure, else of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimledger.extract._tokens import Tok, lacks
from claimledger.extract.kinds import SCAN_WINDOW, _is_verbish
from claimledger.models import Quantity
from claimledger.resources import subjects as subject_words
from claimledger.resources.kinds import ADVERBS as VERB_GROUP_ADVERBS

STAGE = "subject.v3"
#: Subject phrases are capped at this many words: indicator names are short, and a
#: longer phrase is a sign the rule caught a clause.
MAX_WORDS = 6


_NUMERIC = re.compile(r"^[\d.,]+(?:st|nd|rd|th|s)?$")
_CHANGE = subject_words.CHANGE_NOUNS


def _nominal(toks: Sequence[Tok], k: int) -> bool:
    """Can token ``k`` be part of a noun phrase?  Worked out once per token (it reads only
    the token and its neighbours, which never change after ``tokenize``), and known at
    once for most words (``Tok.nominal``)."""
    t = toks[k]
    nominal = t.nominal
    if nominal is None:
        nominal = _nominal_in_context(toks, k)
        if k >= 0:  # (a negative index reads other neighbours)
            t.nominal = nominal
    return nominal


def _nominal_in_context(toks: Sequence[Tok], k: int) -> bool:
    t = toks[k]
    if t.kind != "w" or t.low in subject_words.BREAK or t.low in subject_words.BASE_VERBS:
        return False
    cat = _is_verbish(toks, k)
    if (
        cat in ("A", "T", "F")
        and k > 0
        and t.low.endswith("ed")
        and (toks[k - 1].low in subject_words.ADJ_AFTER or toks[k - 1].kind == "q")
    ):
        return True  # "on targeted social assistance", "the five planned hospitals": adjectives
    if (
        cat in ("T", "F")
        and t.low in subject_words.GOAL_NOUNS
        and k > 0
        and toks[k - 1].low in subject_words.DETS
    ):
        return k + 1 >= len(toks) or toks[k + 1].low != "to"  # "the target range for the rate"
    return cat is None or (cat == "S" and t.low not in ("is", "are", "am", "has", "have", "be"))


def _np_left(toks: Sequence[Tok], k: int) -> list[str]:
    """The noun phrase ending just before token ``k`` (skipping time expressions)."""
    j = k - 1
    while j >= 0 and (toks[j].kind == "t" or toks[j].low in VERB_GROUP_ADVERBS):
        j -= 1
    words: list[str] = []
    while j >= 0:
        t = toks[j]
        if t.low in subject_words.INNER and words and j > 0 and _nominal(toks, j - 1):
            words.insert(0, t.low)
            j -= 1
            continue
        if not _nominal(toks, j):
            break
        words.insert(0, t.low)
        j -= 1
        if len(words) > MAX_WORDS + 3:
            break
    return words


def _inner_at(toks: Sequence[Tok], j: int) -> bool:
    """Does the preposition at ``j`` continue a name? of/per/into/for always; in/on before
    a common noun ("investment in fixed assets", "spending on education") but not before
    a place ("inflation in Kazakhstan")."""
    w = toks[j].low
    if w in subject_words.INNER:
        return True
    return w in ("in", "on") and j + 1 < len(toks) and toks[j + 1].text[:1].islower()


def _np_right(toks: Sequence[Tok], k: int, inner: bool = True) -> list[str]:
    """The noun phrase starting at token ``k``."""
    words: list[str] = []
    j = k
    while j < len(toks):
        t = toks[j]
        if inner and _inner_at(toks, j) and words and j + 1 < len(toks) and _nominal(toks, j + 1):
            words.append(t.low)
            j += 1
            continue
        if not _nominal(toks, j):
            break
        words.append(t.low)
        j += 1
        if len(words) > MAX_WORDS + 3:
            break
    return words


def _any_of(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern matching wherever one of ``patterns`` does (None if their flags differ)."""
    if any(p.flags != patterns[0].flags for p in patterns):
        return None
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)


#: Most phrases need none of the replacements: one search rules them all out (and when
#: none matches the phrase, none can match after another, since nothing was replaced).
_ANY_REPLACE = _any_of([rx for rx, _rep in subject_words.REPLACE]) if subject_words.REPLACE else None


def clean(words: Sequence[str]) -> str:
    """Drop determiners, figures and bound words; canonical names; at most MAX_WORDS."""
    kept = [w.strip("'’\"") for w in words if w not in subject_words.DROP and not _NUMERIC.match(w)]
    kept = [w[:-2] if w.endswith(("'s", "’s")) else w for w in kept if w]
    while kept and (kept[0] in subject_words.INNER or kept[0] in subject_words.DROP_LEADING):
        kept.pop(0)
    while kept and kept[-1] in subject_words.INNER:
        kept.pop()
    phrase = " ".join(kept)
    if _ANY_REPLACE is None or _ANY_REPLACE.search(phrase) is not None:
        for rx, rep in subject_words.REPLACE:
            phrase = rx.sub(rep, phrase)
    phrase = " ".join(phrase.split())
    phrase = subject_words.CANONICAL.get(phrase, phrase)
    return " ".join(phrase.split()[:MAX_WORDS])


def _participle(verb_words: Sequence[str]) -> str:
    if set(verb_words) & subject_words.NOT_DONE:
        return ""  # "50,000 houses will be built" is a goal for houses, not houses completed
    for w in reversed(verb_words):
        if w in subject_words.PARTICIPLE:
            return subject_words.PARTICIPLE[w]
    return ""


_INNER_OF = re.compile(r"\bof\s+([A-Za-z][A-Za-z -]*)$")
_DONE_PARTICIPLES = frozenset(subject_words.PARTICIPLE.values())
#: Marks a phrase that names only the actor of the figure's verb (see ``for_quantity``).
_ACTOR_MARK = "\x00"


_MODAL_OR_ADVERB = subject_words.MODAL_GROUP | VERB_GROUP_ADVERBS
_MODAL_ADVERB_PREP = _MODAL_OR_ADVERB | subject_words.PREPS
_SET_ANY = subject_words.SET_VERBS | subject_words.SET_ING


def _left_of_bounds(toks: Sequence[Tok], pos: int) -> int:
    j = pos - 1
    while j >= 0:
        w = toks[j].low
        if w in subject_words.BOUNDS:
            j -= 1
        elif w in subject_words.BOUNDS2 and j > 0 and toks[j - 1].low in subject_words.BOUNDS2[w]:
            j -= 2
        else:
            break
    return j


def for_quantity(
    toks: Sequence[Tok],
    pos: int,
    q: Quantity,
    verb_words: Sequence[str] = (),
    prev_subject: str = "",
    sentence_subject: str = "",
) -> str:
    """Subject of the figure at token ``pos``; ``verb_words`` is its verb group,
    ``prev_subject`` the subject of the figure before it (for "105 of them", "22 are"),
    ``sentence_subject`` the first subject named in the figure's own sentence."""
    phrase = _for_quantity(toks, pos, q, verb_words)
    if phrase.startswith(_ACTOR_MARK):
        # only who acts was found ("it intends to lay another 400 km"): the figure
        # before in the same sentence names the measure better, else the actor it is
        return _with_participle(sentence_subject, verb_words) if sentence_subject else phrase[1:]
    if _empty(phrase):
        if set(phrase.split()) & subject_words.GOAL_NOUNS:
            return _undone(prev_subject)  # "This year the target is $6 billion"
        return prev_subject
    if (
        phrase
        and phrase.split()[-1] in subject_words.GOAL_NOUNS
        and len(phrase.split()) > 1
        and not _empty(" ".join(phrase.split()[:-1]))
    ):
        # "the production target has been set at 30 million tonnes": the target is for
        # production, the indicator a later result will be reported under
        phrase = clean(phrase.split()[:-1])
    if phrase and phrase.split()[-1] in subject_words.GOAL_HEADS and prev_subject:
        # "The government's target is 80% by 2030": the target of the figure before
        return _undone(prev_subject)
    if not phrase or phrase in subject_words.PRONOUNS or phrase.split()[0] in subject_words.PRONOUNS:
        part = _participle(verb_words) if q.unit is None else ""  # a count is what was done
        if prev_subject and part and not prev_subject.endswith(part):
            return _with_participle(prev_subject, verb_words)
        return prev_subject or phrase
    last = phrase.split()[-1]
    if last in ("gdp", "economy") and q.unit in ("%", "pp") and set(verb_words) & subject_words.GROWTH_VERBS:
        return "gdp growth"  # "Kazakhstan's economy expanded by 4.8%"
    if last == "economy" and q.unit is not None and q.unit.isupper():
        return "gdp"  # "an economy of $259 billion"
    return phrase


def _for_quantity(toks: Sequence[Tok], pos: int, q: Quantity, verb_words: Sequence[str]) -> str:
    prev = _left_of_bounds(toks, pos)
    nxt = pos + 1
    prep_before = prev >= 0 and toks[prev].low in subject_words.PREPS
    # 0. ranks: "ranks 24th in the UN e-government ranking"
    if q.noun == "rank":
        return _rank_subject(toks, pos)
    if (
        prev >= 0
        and toks[prev].low in subject_words.RANK_VERBS
        and nxt + 1 < len(toks)
        and toks[nxt].low == "in"
    ):
        np = _np_right(toks, nxt + 1)
        if np:
            return clean(np)
    after = _np_right(toks, nxt, inner=False) if nxt < len(toks) else []
    counted = q.unit is None and bool(
        q.noun or (after and (after[-1].endswith("s") or after[-1] in subject_words.PLURALS))
    )
    # 0a. "Industrial output (up 3.5% year-on-year) reached ...": the phrase before "("
    paren = _paren_subject(toks, pos) if not lacks(toks, subject_words.OPEN_PAREN) else None
    if paren is not None:
        return paren
    # 0d. an aside: "Inflation, currently 34.6%, is projected to ...", "Remittances, at
    # $3.1 billion, were flat"
    if prev >= 2 and toks[prev].low in subject_words.PRESENT_OR_AT and toks[prev - 1].low == ",":
        np = _np_back(toks, prev - 2)
        if np:
            return clean(np)
    # 0c. headline style: "Astana airport passenger traffic up 18% in 2023"
    if prev >= 0 and toks[prev].low in ("up", "down"):
        np = _np_back(toks, prev - 1)
        if np:
            return clean(np)
    # 0b. "the Rikoti-Argveti section, 51 km long,": the phrase before the comma
    if prev >= 0 and toks[prev].low == "," and nxt < len(toks) and toks[nxt].low in subject_words.DIMENSIONS:
        np = _np_back(toks, prev - 1)
        if np:
            return clean(np)
    # 0f. "with inflation averaging 5%", "exports reaching $5 billion": the gerund's subject
    k = prev - 1 if prev >= 1 and toks[prev].low in ("at", "to") else prev
    if k >= 1 and toks[k].low in subject_words.ING_LEVEL:
        np = _np_left(toks, k)
        if np:
            return clean(np)
    # 0e. a list item without a noun of its own: "9.5% in 2025 and 7% in 2026" is the
    # measure of the figure before (the caller supplies it)
    if prev >= 1 and toks[prev].low in ("and", ",") and not after and _after_figure(toks, prev - 1):
        return ""
    # 1. "<np> of N", "<np> at N", "<np>: N", "raise <np> to N"
    if prev >= 0 and toks[prev].low == "to":
        np = _np_left(toks, prev)
        k = prev - len(np) - 1
        if (
            np
            and k >= 0
            and (toks[k].low in subject_words.BASE_VERBS or toks[k].low in subject_words.GROWTH_VERBS)
        ):
            return clean(np)
    # "Key figures: ... transfers from the National Fund: 5.2 trillion": the whole label
    if prev >= 0 and toks[prev].low == ":":
        label = _label_before(toks, prev)
        if label:
            return label
    # gapping: "expects wage growth to average 3.8% and core inflation 2.9%"
    if prev >= 1 and toks[prev].kind == "w" and _nominal(toks, prev):
        np = _np_left(toks, prev + 1)
        k = prev - len(np)
        listed = k >= 1 and toks[k].low in ("and", ",", ";") and toks[k - 1].kind in ("q", "t")
        if np and listed and _gapped(np):
            return clean(np)
    # gapping: "food prices rose 6.9%, non-food goods by 7.8% and paid services by 12.1%"
    if prev >= 1 and toks[prev].low == "by":
        np = _np_left(toks, prev)
        k = prev - len(np) - 1
        if np and k >= 0 and toks[k].low in (",", "and", ";"):
            return clean(np)
    if prev >= 0 and toks[prev].low in subject_words.OF_WORDS and not counted:
        np = _np_left(toks, prev)
        k = prev - len(np) - 1
        if np and k > 0 and toks[k].low in ("in", "on") and _nominal(toks, k - 1):
            np = [*_np_left(toks, k), toks[k].low, *np]  # "GDP growth in the EU of 1.0%"
        if toks[prev].low == "at":
            while np and (np[-1] in subject_words.AT_VERBS or np[-1] in VERB_GROUP_ADVERBS):
                np = np[:-1]  # "the bank rate now stands at 5.25%": the rate, not the verb
        if np and not _empty(clean(np)):
            phrase = clean(np)
            start = prev - len(np)
            frame = _frame_subject(toks, start)
            if phrase in subject_words.GENERIC:
                frame = frame or _owner_before(toks, start)
            if frame and phrase:
                phrase = clean([*frame.split(), *phrase.split()])
            if phrase:
                return phrase
    # 2. "N <unit> of <np>" (the numbers stage may keep "of water a day" in the figure)
    inner_of = _INNER_OF.search(q.text)
    if inner_of is not None:
        phrase = clean(inner_of.group(1).lower().split())
        if phrase:
            return phrase
    if nxt + 1 < len(toks) and toks[nxt].low == "worth" and toks[nxt + 1].low == "of":
        nxt += 1  # "$355 billion worth of goods": the goods
    if nxt < len(toks) and toks[nxt].low == "of":
        k = nxt + 1
        while k < len(toks) - 1 and (toks[k].low in subject_words.DETS or toks[k].kind == "q"):
            k += 1  # "three of the five planned hospitals"
        np = _np_right(toks, k)
        if np and not (q.unit in ("%", "pp") and clean(np) in subject_words.SHARE_BASES):
            adjacent = not prep_before and _verb_adjacent(toks, pos, nxt + 1 + len(np))
            return _with_participle(clean(np), verb_words if adjacent else ())
    # 3. counted nouns
    if counted:
        verb_i = _verb_before(toks, pos)
        if verb_i is not None:
            verb = toks[verb_i].low
            owner = clean(_subject_np(toks, verb_i))
            if verb in subject_words.NOMINALIZE and owner:
                return clean([*owner.split(), subject_words.NOMINALIZE[verb]])
            if verb in ("has", "have", "had", "hosts", "counts", "unites") and owner and after:
                return clean([*owner.split(), *after])
            actor_owner = bool(owner) and owner.split()[-1] in subject_words.ACTORS
            to_level = (
                prev >= 0 and toks[prev].low in ("to", "by", "at") and verb in subject_words.LEVEL_VERBS
            )
            if owner and not actor_owner and to_level:
                return owner  # "car sales fell to 41,000 units": the sales, not the units
        if after:
            adjacent = not prep_before and _verb_adjacent(toks, pos, nxt + len(after))
            return _with_participle(clean(after), verb_words if adjacent else ())
    # 3b. "approved a $4.7 billion disbursement": the figure sizes the noun it modifies
    if (
        q.unit is not None
        and prev >= 0
        and toks[prev].low in ("a", "an")
        and after
        and after[-1] not in _CHANGE
        and after[-1] not in subject_words.MODIFIED_NOT_SUBJECT
    ):
        return clean(after)
    # 3c. "raising the excise rate from 12% to 15%": the object of a verb of setting
    obj_set = _set_object(toks, pos) if not lacks(toks, _SET_ANY) else None
    if obj_set is not None:
        return obj_set
    # 4. "X <verb group> N"; "X expects Y to reach N" measures Y; in a relative clause
    # ("costs, which experts estimate at $10-12 billion") the noun before ", which"
    verb_i = _verb_before(toks, pos)
    rel, rel_at = _relative_antecedent(toks, pos)
    if rel and (verb_i is None or verb_i > rel_at):
        return rel
    actor = ""
    if verb_i is not None:
        main = k = verb_i
        while k + 1 < pos and toks[k + 1].kind == "w":
            # "will keep rates at 7.5%", "plans to pave another 300 km": the verb after
            # the modal or "to"
            after_w = toks[k + 1].low
            base = (
                toks[k].low in _MODAL_OR_ADVERB
                and after_w not in subject_words.PREPS
                and after_w not in subject_words.DETS
            )
            if not (after_w in subject_words.MODAL_GROUP or after_w in VERB_GROUP_ADVERBS or base):
                break
            k += 1
        if toks[k].low not in _MODAL_ADVERB_PREP:
            main = k  # (not "rose to 1.9%": there "to" is a preposition)
        if toks[main].low in subject_words.SET_VERBS:
            # "lowered the Central Bank Rate to 12.00 percent": the rate, not who lowered it
            obj = _np_right(toks, main + 1)
            k = main + 1 + len(obj)
            if obj and k < len(toks) and toks[k].low in ("to", "at", "by", "from"):
                return clean(obj)
        if toks[verb_i].low in subject_words.EXPECT_VERBS:
            obj = _np_right(toks, verb_i + 1)
            if len(obj) > 1 and obj[-1].endswith("ing"):
                obj = obj[:-1]  # "sees inflation averaging 3.4%": the object, not the gerund
                k = verb_i + 1 + len(obj)
                if k + 1 == pos or (k + 1 < len(toks) and toks[k + 1].low in ("at", "around", "about")):
                    return clean(obj)
            k = verb_i + 1 + len(obj)
            if obj and k < len(toks) and toks[k].low in subject_words.OBJECT_THEN:
                return clean(obj)  # "officials project the rate will fall to 4.4%": the rate
        np = _subject_np(toks, verb_i)
        verb = toks[verb_i].low
        if verb in subject_words.NOMINALIZE and q.unit is not None and verb_i == prev:
            # "the company pumped 1.2 million barrels a day": oil production, not the company
            noun = subject_words.NOMINALIZE[verb]
            owner = clean(np)
            if q.unit.startswith("bbl"):
                return f"oil {noun}"
            if owner and owner.split()[-1] not in subject_words.ACTORS:
                return clean([*owner.split(), noun])
            return noun
        cost = verb in subject_words.COST_VERBS or (prev >= 0 and toks[prev].low in subject_words.COST_VERBS)
        if np and cost and q.unit is not None and q.unit.isupper():
            return clean([*np, "cost"])
        phrase = clean(np)
        acts = (
            toks[main].low not in subject_words.MEASURE_VERBS and toks[main].low not in subject_words.FINITE
        )
        actor_np = phrase.split()[-1] in subject_words.ACTORS if phrase else False
        if (
            phrase
            and verb_i < pos
            and (actor_np or (acts and (main == prev or phrase in subject_words.country_names())))
        ):
            # "the ministry will spend $900 million on schools": who acts is not what is
            # measured; try the figure's own phrase first
            actor = phrase
        elif phrase:
            return phrase
    # 4b. "construction could begin in 2026 and take about 10 years": across "and"
    verb_i = _verb_before(toks, pos, cross_and=True)
    if verb_i is not None and not actor:
        np = _subject_np(toks, verb_i)
        if np:
            return clean(np)
    # 5. "N in X", "N increase in X", "N will be spent on X"
    j = nxt
    while j < len(toks) and (toks[j].low in _CHANGE or toks[j].low in VERB_GROUP_ADVERBS):
        j += 1  # "a 15% increase in exports", "$300 billion annually in climate finance"
    k = j
    while (
        k < min(len(toks), j + 5)
        and toks[k].kind == "w"
        and (_is_verbish(toks, k) is not None or toks[k].low == "aside")
    ):
        k += 1  # (also "has been set aside for")
    while k > j and k < len(toks) and toks[k].kind == "t":
        k += 1  # "has been earmarked for 2025 for flood defences"
    if k > j and k < len(toks) and toks[k].low in ("on", "for", "to", "in") and k + 1 < len(toks):
        spent = next(
            (
                subject_words.ALLOCATION[toks[m].low]
                for m in range(j, k)
                if toks[m].low in subject_words.ALLOCATION
            ),
            "",
        )
        np = _np_right(toks, k + 1)
        if spent and np:
            return clean([*np, spent])
    if j < len(toks) and toks[j].low in ("in", "of", "for", "to", "on") and j + 1 < len(toks):
        np = _np_right(toks, j + 1)
        verb_i = _verb_before(toks, pos)
        verbs = [toks[k].low for k in (verb_i, j - 1, prev) if k is not None and k >= 0]
        alloc = next((subject_words.ALLOCATION[v] for v in verbs if v in subject_words.ALLOCATION), "")
        if np and alloc and toks[j].low != "of":
            return clean([*np, alloc])
    if j < len(toks) and toks[j].low in ("in", "of", "for") and j + 1 < len(toks):
        np = _np_right(toks, j + 1)
        if np:
            # "Kazakhstan attracted $15.7 billion in investment": what the actor did
            return _with_participle(clean(np), verb_words) if actor else clean(np)
    # 6. fallbacks: what follows the figure, else what the actor does ("investment"),
    # else the actor, else nothing (the caller uses the figure before)
    if after and clean(after):
        return clean(after)
    if actor:
        verbs = [toks[k].low for k in range(max(0, pos - 4), pos)]
        alloc = next(
            (subject_words.ALLOCATION[v] for v in reversed(verbs) if v in subject_words.ALLOCATION), ""
        )
        if alloc:
            return clean([*actor.split()[-2:], alloc])  # "the ministry will spend Rp 147 trillion"
        measure = next(
            (subject_words.OBJECT_MEASURE[v] for v in reversed(verbs) if v in subject_words.OBJECT_MEASURE),
            "",
        )
        if measure and q.unit is not None:
            return measure  # "Kazakhstan attracted $15.7 billion": investment, not the country
        return _ACTOR_MARK + actor
    return ""


def _paren_subject(toks: Sequence[Tok], pos: int) -> str | None:
    """ "Industrial output (up 3.5% year-on-year) reached ...": the phrase before the "("
    holding the figure (None: no such phrase)."""
    for k in range(pos - 1, max(-1, pos - 6), -1):
        if toks[k].low == ")" or (toks[k].kind == "w" and _is_verbish(toks, k) in ("A", "S", "T", "F")):
            break
        if toks[k].low == "(":
            np = _np_back(toks, k - 1)
            if np:
                return clean(np)
            break
    return None


def _set_object(toks: Sequence[Tok], pos: int) -> str | None:
    """ "raising the excise rate from 12% to 15%": the object of a verb of setting right
    before the figure (None: no such object)."""
    for s in range(pos - 1, max(-1, pos - 10), -1):
        t = toks[s]
        if t.kind == "p" and t.low in ";:,":
            break
        if t.low in subject_words.SET_VERBS or t.low in subject_words.SET_ING:
            obj = _np_right(toks, s + 1)
            k = s + 1 + len(obj)
            if obj and k < pos and toks[k].low in ("to", "at", "by", "from"):
                return clean(obj)
            break
    return None


def _rank_subject(toks: Sequence[Tok], pos: int) -> str:
    """A rank names its ranking ("29th place among 141 economies in the competitiveness
    index" -> "competitiveness index"), else who holds it ("Peru rank"), else "rank"."""
    for k in range(pos + 1, min(len(toks) - 1, pos + 25)):
        t = toks[k]
        if t.kind == "p" and t.low in ";:":
            break
        if t.low in ("in", "on", "by") and toks[k + 1].kind == "w":
            np = _np_right(toks, k + 1)
            head = np[np.index("of") - 1] if "of" in np[1:] else (np[-1] if np else "")
            if head in subject_words.RANKING_HEADS:
                return clean(np)
    for k in range(pos - 1, max(-1, pos - 12), -1):
        t = toks[k]
        if t.kind == "p" and t.low in ";:(":
            break
        if t.kind == "w" and (_is_verbish(toks, k) is not None or t.low in subject_words.RANK_VERBS):
            owner = clean(_subject_np(toks, k)) or clean(_np_back(toks, k - 1))
            if owner and owner.split()[-1] in subject_words.RANKING_HEADS:
                return owner  # "the UN e-government survey places Kazakhstan 24th"
            if owner:
                return clean([*owner.split()[: MAX_WORDS - 1], "rank"])
            break
    return "rank"


def _after_figure(toks: Sequence[Tok], k: int) -> bool:
    """Is token ``k`` a figure, or the time right after one ("9.5% in 2025")?"""
    if toks[k].kind == "q":
        return True
    return k >= 1 and toks[k].kind == "t" and toks[k - 1].kind == "q"


def _gapped(np: Sequence[str]) -> bool:
    """Can ``np`` stand for a measure whose verb was left out ("and core inflation 2.9%"),
    rather than be a verb or modifier ("and repair 150 km", "below the planned 90 t")?"""
    words = [w for w in np if w not in subject_words.DROP]
    if not words or len(words) != len(np) - (np[0] in subject_words.DROP):
        return False  # a determiner inside: "above the planned"
    head = words[-1]
    if (
        head in subject_words.BASE_VERBS
        or head in subject_words.INNER
        or head.endswith("ed")
        or set(words) & subject_words.BOUNDS
    ):
        return False
    if any(w.endswith("ing") for w in words):
        return False  # "and accounting for 63%": a verb
    return len(words) >= 2 or head in subject_words.MEASURE_HEADS


def _undone(subject: str) -> str:
    """``subject`` without the completion verb of a past result ("investment attracted"):
    a goal for the same indicator is named tense-neutrally."""
    words = subject.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in _DONE_PARTICIPLES else subject


def _empty(phrase: str) -> bool:
    """Does ``phrase`` name no measure of its own ("value", "range", "the revised one")?"""
    return bool(phrase) and all(w in subject_words.EMPTY_WORDS for w in phrase.split())


def _relative_antecedent(toks: Sequence[Tok], pos: int) -> tuple[str, int]:
    """The noun phrase a ", which/that ..." clause holding the figure is about, and the
    position of the relative pronoun."""
    if lacks(toks, subject_words.RELATIVE_WORDS):
        return "", -1
    for k in range(pos - 1, max(0, pos - SCAN_WINDOW), -1):
        t = toks[k]
        if t.kind == "p" and t.low in ";:(":
            return "", -1
        if t.low in ("which", "that", "who") and toks[k - 1].low == ",":
            return clean(_np_back(toks, k - 2)), k
    return "", -1


def _label_before(toks: Sequence[Tok], colon: int) -> str:
    """All the words of a "label: value" item before the colon (at most MAX_WORDS)."""
    k = colon - 1
    while k >= 0 and toks[k].kind != "p":
        k -= 1
    words = [t.low for t in toks[k + 1 : colon] if t.kind == "w"]
    return clean(words) if 0 < len(words) <= MAX_WORDS + 2 else ""


def _owner_before(toks: Sequence[Tok], k: int) -> str:
    """The noun phrase before "with a" / "of" / "'s" ending at token ``k``."""
    j = k - 1
    while j >= 0 and toks[j].low in ("a", "an", "the", "total", "combined", "installed"):
        j -= 1
    if j >= 0 and toks[j].low in ("with", "of", "having"):
        return clean(_np_left(toks, j))
    return ""


def _subject_np(toks: Sequence[Tok], verb_i: int) -> list[str]:
    """The grammatical subject of the verb group around ``verb_i``, read from the start
    of its clause ("Average travel time between A and B is expected" -> average travel
    time); for "X reached ... and should grow", the subject of the first verb."""
    lo = verb_i
    while (
        lo - 1 >= 0
        and toks[lo - 1].low != "that"
        and (
            _is_verbish(toks, lo - 1) is not None
            or toks[lo - 1].low in VERB_GROUP_ADVERBS
            or toks[lo - 1].low == "to"
        )
    ):
        if (
            toks[lo - 1].low in subject_words.GOAL_NOUNS
            and lo >= 2
            and toks[lo - 2].low in subject_words.DETS
        ):
            break  # "the target is": the noun, not a verb
        lo -= 1
    j = lo - 1
    while j >= 0 and (toks[j].kind == "t" or toks[j].low in VERB_GROUP_ADVERBS or toks[j].low == ")"):
        if toks[j].low == ")":  # "Industrial output (up 3.5%) reached": skip the aside
            while j >= 0 and toks[j].low != "(":
                j -= 1
        j -= 1
    if j > 0 and toks[j].low == ",":
        # "The stadium, originally budgeted at $300 million, is now expected to cost":
        # the subject is before the aside
        for k in range(j - 1, max(0, j - 20), -1):
            if toks[k].kind == "p" and toks[k].low in ";:.":
                break
            if toks[k].low == ",":
                return _np_back(toks, k - 1) if _nominal(toks, k - 1) else []
        if toks[lo].low not in subject_words.FINITE:
            return _np_back(toks, j - 1)  # "The stadium, originally budgeted at ...": a participle's noun
    if toks[j].low in ("it", "they") and j > 0:
        # "Since the conflict began in 2022, it has cost ...": the subject of the clause before
        for k in range(j - 1, max(-1, j - 15), -1):
            if toks[k].kind == "w" and _is_verbish(toks, k) in ("A", "S"):
                return _subject_np(toks, k)
        return []
    if j > 0 and toks[j].low in subject_words.GOAL_NOUNS and _nominal(toks, j - 1):
        np = _np_back(toks, j - 1)  # "the production target ... has been set at": production
        owner = clean(np)
        if not owner or owner.split()[-1] in subject_words.ACTORS:
            return [toks[j].low]  # "the government's target is 80%": a target of what came before
        return np
    if j < 0 or not _nominal(toks, j):
        if j >= 0 and toks[j].low == "and":
            prev_verb = _verb_before(toks, j, cross_and=True)
            if prev_verb is not None and prev_verb < j:
                return _subject_np(toks, prev_verb)
        return []
    return _np_back(toks, j)


def _np_back(toks: Sequence[Tok], j: int) -> list[str]:
    """The noun phrase whose last word is token ``j``, read from its start forward."""
    if j < 0 or not _nominal(toks, j):
        return []
    start = j
    while start - 1 >= max(0, j - SCAN_WINDOW):
        t = toks[start - 1]
        if (
            t.kind == "t"
            or _nominal(toks, start - 1)
            or (t.low in subject_words.NP_LINKS and start - 2 >= 0 and _nominal(toks, start - 2))
        ):
            start -= 1
            continue
        break
    words: list[str] = []
    k = start
    while k <= j:
        t = toks[k]
        if t.kind == "t":
            if words:
                break
            k += 1
            continue
        if t.kind == "w" and (t.low in subject_words.INNER_OR_AND or _inner_at(toks, k) or _nominal(toks, k)):
            words.append(t.low)
        elif words:
            break
        k += 1
    if words and words[0] in subject_words.INNER_OR_AND:
        if words[0] in ("for", "of") and start > 0 and toks[start - 1].low in subject_words.GOAL_NOUNS:
            return words[1:]  # "the forecast for winter crop production is", "the target for exports"
        return []
    # A preposition other than of/per/into/for ends the name: "average travel time".
    return words


def _with_participle(phrase: str, verb_words: Sequence[str]) -> str:
    part = _participle(verb_words)
    if phrase and phrase.split()[-1] in subject_words.PLAN_HEADS:
        return phrase  # "approved a 115.5 trillion yen budget": its size, not a budget adopted
    if part and phrase and not phrase.endswith(part):
        return " ".join([*phrase.split()[: MAX_WORDS - 1], part])
    return phrase


def _verb_adjacent(toks: Sequence[Tok], pos: int, after_np: int) -> bool:
    """Is the figure's phrase the subject or object of a verb right next to it?"""
    j = pos - 1
    while j >= 0 and toks[j].low in ("also", "already", "over", "almost", "nearly", "some", "about"):
        j -= 1
    if j >= 0 and toks[j].kind == "w" and _is_verbish(toks, j) is not None:
        return True
    k = after_np
    while k < len(toks) and toks[k].kind == "t":
        k += 1
    return k < len(toks) and toks[k].kind == "w" and _is_verbish(toks, k) is not None


def _verb_before(toks: Sequence[Tok], pos: int, cross_and: bool = False) -> int | None:
    """Position of the nearest verb-group word left of ``pos`` in the same clause."""
    for j in range(pos - 1, max(-1, pos - SCAN_WINDOW), -1):
        t = toks[j]
        if t.kind == "p" and t.low in ";:(),":
            return None
        if t.kind == "w" and t.low in ("which", "that", "who", "while"):
            return None
        if t.kind == "w" and t.low == "and" and not cross_and:
            return None
        if t.kind == "w" and _is_verbish(toks, j) in ("A", "S", "T", "F"):
            if t.low in subject_words.GOAL_NOUNS and j > 0 and toks[j - 1].low in subject_words.DETS:
                continue  # "above the forecast range of 6-8%": a noun
            return j
    return None


def _frame_subject(toks: Sequence[Tok], k: int) -> str:
    """The subject of a framing verb ("the budget provides for") just before token ``k``."""
    j = k - 1
    if j >= 0 and toks[j].low == "for":
        j -= 1
    if j >= 0 and toks[j].low in subject_words.FRAME_VERBS:
        return clean(_np_left(toks, j))
    return ""


def for_commitment(toks: Sequence[Tok], j: int, n: int) -> str:
    """Subject of a commitment without a number whose cue is tokens ``[j, j+n)``: what
    is to be done and to what, in a stable order - the object (or, in the passive or
    without an object, the subject) and the normalised participle: "alem.ai centre
    opened", "world nomad games held"."""
    k = j + n
    while k < len(toks) and toks[k].low in subject_words.COMMIT_SKIP:
        k += 1
    if k >= len(toks):
        return clean(_np_right(toks, 0))
    subj = clean(_subject_np(toks, j)) or clean(_np_left(toks, j))
    if toks[k].low in ("be", "been"):
        part = toks[k + 1].low if k + 1 < len(toks) else ""
        return _join(subj, subject_words.PARTICIPLE.get(part, part))
    verb = toks[k].low
    obj = clean(_np_right(toks, k + 1))
    outcome = subject_words.COMMIT_PARTICIPLE.get(verb)
    if outcome is None:
        return " ".join([verb, *obj.split()][:MAX_WORDS])
    return _join(obj or subj, outcome)


def _join(phrase: str, part: str) -> str:
    return " ".join([*phrase.split()[: MAX_WORDS - 1], part]).strip()
