"""Stage ``subject.v2``: a short phrase naming what a figure measures.

Reads: the sentence as tokens (``_lex.tokenize``), the figure's token position, the
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

from claimledger.extract import _subj_lexicon as S
from claimledger.extract._lex import Tok
from claimledger.extract.kinds import _is_verbish
from claimledger.models import Quantity

STAGE = "subject.v2"

_NUMERIC = re.compile(r"^[\d.,]+(?:st|nd|rd|th|s)?$")
_CHANGE = S.CHANGE_NOUNS


def _nominal(toks: Sequence[Tok], k: int) -> bool:
    t = toks[k]
    if t.kind != "w" or t.low in S.BREAK or t.low in S.BASE_VERBS:
        return False
    cat = _is_verbish(toks, k)
    return cat is None or (cat == "S" and t.low not in ("is", "are", "am", "has", "have", "be"))


def _np_left(toks: Sequence[Tok], k: int) -> list[str]:
    """The noun phrase ending just before token ``k`` (skipping time expressions)."""
    j = k - 1
    while j >= 0 and (toks[j].kind == "t" or toks[j].low in ("also", "already", "still")):
        j -= 1
    words: list[str] = []
    while j >= 0:
        t = toks[j]
        if t.low in S.INNER and words and j > 0 and _nominal(toks, j - 1):
            words.insert(0, t.low)
            j -= 1
            continue
        if not _nominal(toks, j):
            break
        words.insert(0, t.low)
        j -= 1
        if len(words) > S.MAX_WORDS + 3:
            break
    return words


def _np_right(toks: Sequence[Tok], k: int, inner: bool = True) -> list[str]:
    """The noun phrase starting at token ``k``."""
    words: list[str] = []
    j = k
    while j < len(toks):
        t = toks[j]
        if inner and t.low in S.INNER and words and j + 1 < len(toks) and _nominal(toks, j + 1):
            words.append(t.low)
            j += 1
            continue
        if not _nominal(toks, j):
            break
        words.append(t.low)
        j += 1
        if len(words) > S.MAX_WORDS + 3:
            break
    return words


def clean(words: Sequence[str]) -> str:
    """Drop determiners, figures and bound words; canonical names; at most MAX_WORDS."""
    kept = [w.strip("'’\"") for w in words if w not in S.DROP and not _NUMERIC.match(w)]
    kept = [w[:-2] if w.endswith(("'s", "’s")) else w for w in kept if w]
    while kept and kept[0] in S.INNER:
        kept.pop(0)
    while kept and kept[-1] in S.INNER:
        kept.pop()
    phrase = " ".join(kept)
    for rx, rep in S.REPLACE:
        phrase = rx.sub(rep, phrase)
    phrase = " ".join(phrase.split())
    phrase = S.CANONICAL.get(phrase, phrase)
    return " ".join(phrase.split()[: S.MAX_WORDS])


def _participle(verb_words: Sequence[str]) -> str:
    for w in reversed(verb_words):
        if w in S.PARTICIPLE:
            return S.PARTICIPLE[w]
    return ""


def for_quantity(
    toks: Sequence[Tok], pos: int, q: Quantity, verb_words: Sequence[str] = ()
) -> str:
    """Subject of the figure at token ``pos``; ``verb_words`` is its verb group."""
    prev = pos - 1
    nxt = pos + 1
    # 1. "<np> of N", "<np> at N", "<np> to N", "<np>: N"
    if prev >= 0 and toks[prev].low in ("of", "at", "to", ":", "reached", "totalling", "totaling"):
        np = _np_left(toks, prev)
        if np and not (toks[prev].low == "to" and np[-1] in _CHANGE):
            phrase = clean(np)
            frame = _frame_subject(toks, prev - len(np))
            if frame and phrase:
                phrase = clean([*frame.split(), *phrase.split()])
            if phrase:
                return phrase
    # 2. "N <unit> of <np>"
    if nxt < len(toks) and toks[nxt].low == "of":
        np = _np_right(toks, nxt + 1)
        if np:
            adjacent = _verb_adjacent(toks, pos, nxt + 1 + _span_len(toks, nxt + 1, np))
            return _with_participle(clean(np), verb_words if adjacent else ())
    # 3. counted nouns
    after = _np_right(toks, nxt, inner=False) if nxt < len(toks) else []
    if q.noun or (after and after[-1].endswith("s")):
        verb_i = _verb_before(toks, pos)
        if verb_i is not None:
            verb = toks[verb_i].low
            owner = clean(_np_left(toks, verb_i))
            if verb in S.NOMINALIZE and owner:
                return clean([*owner.split(), S.NOMINALIZE[verb]])
            if verb in ("has", "have", "had", "hosts", "counts", "unites", "includes") and owner and after:
                return clean([*owner.split(), *after])
        if after:
            adjacent = _verb_adjacent(toks, pos, nxt + _span_len(toks, nxt, after))
            return _with_participle(clean(after), verb_words if adjacent else ())
    # 4. "X <verb group> N"
    verb_i = _verb_before(toks, pos)
    while verb_i is not None:
        lo = verb_i
        while lo - 1 >= 0 and _is_verbish(toks, lo - 1) is not None:
            lo -= 1
        np = _np_left(toks, lo)
        if np:
            return clean(np)
        # "GDP per capita reached ... and should grow ...": the subject of the first verb.
        if lo > 0 and toks[lo - 1].low == "and":
            verb_i = _verb_before(toks, lo - 1, cross_and=True)
        else:
            break
    # 5. "N in X", "N increase in X"
    j = nxt
    while j < len(toks) and toks[j].low in _CHANGE:
        j += 1
    if j < len(toks) and toks[j].low in ("in", "of") and j + 1 < len(toks):
        np = _np_right(toks, j + 1)
        if np:
            return clean(np)
    # 6. fallbacks
    if after:
        return clean(after)
    for k in range(len(toks)):
        np = _np_right(toks, k)
        if np:
            return clean(np)
    return ""


def _with_participle(phrase: str, verb_words: Sequence[str]) -> str:
    part = _participle(verb_words)
    if part and phrase and not phrase.endswith(part):
        return " ".join([*phrase.split()[: S.MAX_WORDS - 1], part])
    return phrase


def _span_len(toks: Sequence[Tok], k: int, words: Sequence[str]) -> int:
    """How many tokens from ``k`` the phrase ``words`` (read by ``_np_right``) covers."""
    return len(words)


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
    for j in range(pos - 1, -1, -1):
        t = toks[j]
        if t.kind == "p" and t.low in ";:(),":
            return None
        if t.kind == "w" and t.low in ("which", "that", "who", "while"):
            return None
        if t.kind == "w" and t.low == "and" and not cross_and:
            return None
        if t.kind == "w" and _is_verbish(toks, j) in ("A", "S", "T", "F"):
            return j
    return None


def _frame_subject(toks: Sequence[Tok], k: int) -> str:
    """The subject of a framing verb ("the budget provides for") just before token ``k``."""
    j = k - 1
    if j >= 0 and toks[j].low == "for":
        j -= 1
    if j >= 0 and toks[j].low in S.FRAME_VERBS:
        return clean(_np_left(toks, j))
    return ""


def for_commitment(toks: Sequence[Tok], j: int, n: int) -> str:
    """Subject of a commitment without a number whose cue is tokens ``[j, j+n)``: the
    passive subject and participle ("alem.ai centre opened") or the verb and its object
    ("host world nomad games")."""
    k = j + n
    while k < len(toks) and toks[k].low in ("also", "not", "soon", "further", "then", "to", "jointly"):
        k += 1
    if k < len(toks) and toks[k].low in ("be", "been"):
        part = toks[k + 1].low if k + 1 < len(toks) else ""
        subj = clean(_np_left(toks, j))
        return " ".join([*subj.split()[: S.MAX_WORDS - 1], part]).strip()
    if k < len(toks):
        obj = clean(_np_right(toks, k + 1))
        return " ".join([toks[k].low, *obj.split()][: S.MAX_WORDS])
    return clean(_np_right(toks, 0))
