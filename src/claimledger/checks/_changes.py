"""A small grammar of stated changes: "grew by a third to X", "doubled", "rose 15% to X",
"X, 15% more than in 2022", "up 88% on the year before", "a three-fold increase".

Reads: one sentence and the figures extracted from it (their spans and their frames'
stored relations: which level a change amount describes, ``change_by``, and which
figure a new value changed from, ``change_from``; those are read, not re-parsed, when the
extractor typed them).  Writes:
``Change`` objects naming the factor the text asserts (with the interval its qualifier
allows), which figure is the result, and where the base is: another figure of the
sentence ("from X", or the same indicator's level stated earlier in the sentence) or a
period whose level must come from the ledger ("than in 2022", "the year before").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimledger.link import ClaimRecord
from claimledger.resources import verbs

_QUAL = (
    r"(?P<qual>almost|nearly|about|around|roughly|some|approximately|over|more than|at least|"
    r"just over|close to|less than|under)?\s*"
)
_PCT = r"(?P<num>\d+(?:[.,]\d+)?)\s*(?:%|percent\b|per cent\b)"
_FRACTIONS = {
    "a third": 1 / 3,
    "one third": 1 / 3,
    "one-third": 1 / 3,
    "two thirds": 2 / 3,
    "two-thirds": 2 / 3,
    "a half": 0.5,
    "half": 0.5,
    "one half": 0.5,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "three quarters": 0.75,
    "a fifth": 0.2,
    "one fifth": 0.2,
    "a tenth": 0.1,
    "one tenth": 0.1,
}
_FRACTION = r"(?P<frac>" + "|".join(sorted((re.escape(k) for k in _FRACTIONS), key=len, reverse=True)) + r")"
#: Verbs of change by direction (resources/data/verbs.toml): the figure went up or was
#: raised, went down or was cut.
_UP = verbs.change_pattern("up", "raise")
_DOWN = verbs.change_pattern("down", "lower")
_WORD_NUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}
#: Verbs that move a figure by a factor ("doubled", "halved"), every form -> the factor.
_MULT = verbs.MULTIPLIERS
_N = r"(?P<n>\d+(?:\.\d+)?|two|three|four|five|six|ten)"

#: "rose by 15%", "rose 15%", and a verb with its object before "by" ("cut emissions by a
#: third", "raise the budget by 5%": up to three words, never a figure).
_RX_BY = re.compile(
    rf"\b(?P<dir>{_UP}|{_DOWN})\s+(?:(?:[A-Za-z][\w'-]*\s+){{1,4}}by\s+|by\s+)?{_QUAL}(?:{_FRACTION}|{_PCT})",
    re.I,
)
_RX_MULT = re.compile(
    r"\b(?P<qual>almost|nearly|more than|over|roughly|about)?\s*(?P<mult>" + "|".join(_MULT) + r")\b", re.I
)
_RX_FOLD = re.compile(
    rf"\b(?:{_UP}\s+)?(?:a\s+)?{_N}[- ]?(?:fold|times)(?:\s+(?:increase|rise|growth))?", re.I
)
#: A relative amount: a percentage or a fraction word ("15%", "a quarter").
_AMOUNT = rf"(?:{_FRACTION}|{_PCT})"
_RX_COMPARE = re.compile(
    rf"{_QUAL}{_AMOUNT}\s+(?P<dir>more|higher|greater|larger|up|above|less|lower|smaller|fewer|down|below)"
    r"(?:\s+(?:than|on|from|compared\s+(?:with|to)|year[- ]on[- ]year))?",
    re.I,
)
#: "up 15%", "down by a third" (not "made up 2.4% of the total").
_RX_UPDOWN = re.compile(
    rf"\b(?<!made\s)(?<!make\s)(?<!makes\s)(?<!making\s)(?<!sum\s)(?<!set\s)"
    rf"(?P<dir>up|down)\s+(?:by\s+)?{_QUAL}{_AMOUNT}",
    re.I,
)
#: "an increase of 40%", "a drop of a third": a noun of change, read like "X, 40% more".
_RX_NOUN = re.compile(
    rf"\b(?:an?\s+)?(?P<dir>increase|rise|growth|jump|gain|decrease|decline|drop|fall|"
    rf"reduction|cut)\s+of\s+{_QUAL}{_AMOUNT}",
    re.I,
)
#: "a 41% increase", "a third drop": the amount before the noun of change.
_RX_ADJ = re.compile(
    rf"\ban?\s+{_QUAL}{_AMOUNT}\s+(?P<dir>increase|rise|growth|jump|gain|decrease|decline|"
    rf"drop|fall|reduction|cut)\b",
    re.I,
)
#: "(+41%)", "(-3.2% y/y)": a signed percentage in brackets after the figure it qualifies.
_RX_SIGNED = re.compile(
    r"\(\s*(?P<dir>[+\-\u2212\u2013])\s*(?P<qual>)(?P<frac>(?!))?"
    r"(?P<num>\d+(?:[.,]\d+)?)\s*(?:%|percent\b|per cent\b)",
    re.I,
)
#: "... from Y to X, or by 41%": the amount after the two levels, the direction from the verb.
_RX_BY_LATE = re.compile(
    rf",\s*(?:or\s+|i\.e\.\s+|that\s+is\s+|up\s+|down\s+)?(?:by\s+)?{_QUAL}{_AMOUNT}"
    r"(?!\s*(?:of|share)\b)",
    re.I,
)
_COMPARE_DOWN = (
    "less",
    "lower",
    "smaller",
    "fewer",
    "down",
    "below",
    "decrease",
    "decline",
    "drop",
    "fall",
    "reduction",
    "cut",
    "-",
    "\u2212",
    "\u2013",
)
#: Words that introduce the base after a change: "over the previous season's 10 million".
_BASE_AFTER = re.compile(
    r"^\s*(?:(?:over|from|on|than|compared\s+(?:with|to)|against)\b[^,;()]*|"
    r"(?:the\s+|a\s+)?(?:previous|prior|preceding|last|year[- ](?:earlier|ago))\s+"
    r"(?:(?:fiscal|financial)\s+)?(?:year|season|quarter|month|period)(?:'s|\u2019s)\s*)$",
    re.I,
)
_RX_TO = re.compile(
    r"\b(?:to|at|reaching|hitting|totall?ing|amounting\s+to|standing\s+at)\s+"
    r"(?:reach\s+|a\s+(?:record\s+)?|about\s+|almost\s+|nearly\s+|over\s+|"
    r"more\s+than\s+|some\s+)?$",
    re.I,
)
#: A result stands at most this many characters after its change phrase ("rose by a
#: quarter in the 2023/24 fiscal year to 412,000").
RESULT_WINDOW = 60
#: The base stands after "from", "compared with", "against" or "over" (not "to over X",
#: which is the result), optionally through a relative period in the possessive ("from the
#: previous year's 20 billion") or a measure word ("from a level of 300,000").
_BASE_PREP = r"(?:from|compared\s+(?:with|to)|against|versus|vs\.?|(?<!\bto\s)(?<!\bat\s)over)\s+"
_BASE_REL = (
    r"(?:(?:the\s+|a\s+)?(?:previous|prior|preceding|last|year[- ](?:earlier|ago))\s+"
    r"(?:(?:fiscal|financial|calendar|crop|marketing)\s+)?(?:year|season|quarter|month|period)"
    r"(?:'s|\u2019s)\s+)?"
)
_BASE_LEVEL = r"(?:(?:a|the)\s+(?:level|total|figure)\s+of\s+)?"
_BASE_QUAL = (
    r"(?:(?:about|almost|nearly|over|some|around|roughly|just\s+over|more\s+than|less\s+than|"
    r"under)\s+)?"
)
_RX_FROM = re.compile(rf"\b{_BASE_PREP}{_BASE_REL}{_BASE_LEVEL}{_BASE_QUAL}$", re.I)
#: How far from its change phrase a base may stand: before it ("from 300,000, sales rose
#: ..."), and after it within the same clause.
BASE_BEFORE_WINDOW = 60
BASE_AFTER_WINDOW = 140
#: The period before the result's: "a year earlier", "the previous (fiscal) year", "last
#: year", "the same period last year", "year on year".
_PREV_PERIOD = re.compile(
    r"^\s*,?\s*(?:than\s+|on\s+|from\s+|over\s+|against\s+|compared\s+(?:with|to)\s+)?(?:in\s+|during\s+)?"
    r"(?:the\s+(?:year\s+before|(?:previous|prior|preceding)\s+(?:(?:fiscal|financial|calendar|crop|"
    r"marketing)\s+)?(?:year|season))|a\s+year\s+(?:earlier|before|ago)|last\s+(?:fiscal\s+)?year|"
    r"year[- ]on[- ]year|y/y|the\s+year-(?:earlier|ago)\s+period|"
    r"(?:the\s+)?same\s+period\s+(?:of\s+|in\s+)?(?:last|the\s+previous)\s+year)",
    re.I,
)
#: A named base period: "than in 2022", "from FY2023", "compared with the 2022/23 fiscal year".
_YEAR_AFTER = re.compile(
    r"^\s*,?\s*(?:than\s+|on\s+|from\s+|over\s+|against\s+|compared\s+(?:with|to)\s+)?"
    r"(?:in\s+|during\s+|at\s+the\s+end\s+of\s+)?(?:the\s+)?(?:(?:fiscal|financial)\s+(?:year\s+)?|FY\s?)?"
    r"(?P<y>(?:19|20)\d\d)(?:\s*[/-]\s*(?P<y2>(?:19|20)?\d\d)(?!\d))?\b",
    re.I,
)
_YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_COMPARED_WITH = re.compile(r"\bcompared\s+(?:with|to)\b", re.I)
#: Cues that a change is measured from some other base than the previous period
#: ("since 2019", "over five years", "compared with 2020"): no base is assumed for them.
_OTHER_BASE = re.compile(
    r"\b(?:since|cumulative\w*|between|compared\s+(?:with|to)|than|over\s+the\s+"
    r"(?:past|last|previous)|in\s+the\s+(?:past|last)|(?:quarter|month)[- ]on[- ]"
    r"(?:quarter|month)|q/q|m/m|from\s+(?:19|20)\d\d|in\s+\w+\s+years)\b",
    re.I,
)
#: Words that start a new clause about something else: a figure before them is not the
#: base of a change after them.
_CONTRAST = re.compile(r"\b(?:while|whereas|but|however|although|compared|respectively)\b|;", re.I)

#: A qualifier on the change widens the factor it asserts by this share of the change:
#: "almost doubled" covers 1.8x-2x, "just over 15%" covers 15%-16.5%.  A bound ("more than
#: tripled", "by less than 5%") is open on its side: see ``_factor_interval``.
CHANGE_QUAL_SPAN = 0.10


@dataclass(frozen=True, slots=True)
class Change:
    """A change the text asserts: ``result = base * factor`` (factor within ``lo..hi``)."""

    phrase: str  # the words of the sentence that state it
    start: int  # offsets in the sentence
    end: int
    factor: float
    lo: float
    hi: float
    result: ClaimRecord | None
    base: ClaimRecord | None = None
    base_period: str | None = None  # the base must come from the ledger for this period
    percent: ClaimRecord | None = None  # the figure that states the change ("15%"), if any
    base_how: str = ""  # "from" (explicit), "before" (earlier in the sentence), "after" ("than X")
    implied_base: bool = False  # base_period was not named: the period before the result's

    @property
    def noun(self) -> str:
        """The change as a noun phrase: "a rise by a third", "a fall of 15%", "doubling"."""
        f = self.factor
        for word, mult in (("doubling", 2.0), ("tripling", 3.0), ("quadrupling", 4.0), ("halving", 0.5)):
            if abs(f - mult) < 1e-9 and any(
                w in self.phrase.lower() for w in ("doubl", "tripl", "quadrupl", "halv")
            ):
                return word
        ch = f - 1
        worded = not any(c.isdigit() for c in self.phrase)  # "by a quarter", not "25%"
        for name, frac in _FRACTIONS.items():
            if worded and name.startswith(("a ", "two ", "three ")) and abs(abs(ch) - frac) < 1e-9:
                return f"a {'rise' if ch > 0 else 'fall'} by {name}"
        if (f >= 2 and "fold" in self.phrase.lower()) or "times" in self.phrase.lower():
            return f"a {f:g}-fold rise"
        return f"a {'rise' if ch > 0 else 'fall'} of {abs(ch) * 100:.4g}%"


def _num(raw: str) -> float:
    return float(raw.replace(",", "."))


def _factor_interval(change: float, qual: str | None, half_unit: float = 0.0) -> tuple[float, float]:
    """Interval of the factor 1+change, widened for a qualifier and the rounding of the number."""
    q = " ".join((qual or "").lower().split())
    lo = hi = change
    span = abs(change) * CHANGE_QUAL_SPAN
    if q in ("almost", "nearly", "close to"):
        lo = change - span if change > 0 else change
        hi = change if change > 0 else change + span
    elif q in ("less than", "under"):
        # an upper bound on the size of the change: anything between no change and it
        lo = 0.0 if change > 0 else change
        hi = change if change > 0 else 0.0
    elif q == "just over":
        lo = change if change > 0 else change - span
        hi = change + span if change > 0 else change
    elif q in ("over", "more than", "at least"):
        # a lower bound: "more than tripled" is true of any factor of three or more, and
        # "fell by more than a third" of any fall beyond a third (down to nothing left)
        lo = change if change > 0 else -1.0
        hi = math.inf if change > 0 else change
    elif q:
        lo, hi = change - span, change + span
    return (1 + min(lo, hi) - half_unit, 1 + max(lo, hi) + half_unit)


def _half_unit(raw: str) -> float:
    """Half a unit of the last digit of a stated percentage, as a fraction: "15" -> 0.005."""
    raw = raw.replace(",", ".")
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    return 0.5 * 10.0 ** (-decimals) / 100


def _related(f: ClaimRecord | None, rel: str, figs: list[ClaimRecord]) -> ClaimRecord | None:
    """The figure among ``figs`` that ``f``'s frame relates to by ``rel`` (``change_by``:
    the level an amount of change describes; ``change_from``: the baseline of a new
    value), as the extractor stored it; None when it stored no such relation."""
    if f is None or f.frame is None:
        return None
    ids = [r.claim for r in f.frame.relations if r.type == rel]
    return next((x for x in figs if x.id in ids), None)


def _figure_at(figs: list[ClaimRecord], start: int, end: int) -> ClaimRecord | None:
    for f in figs:
        s = f.q_rel[0]
        if start <= s <= end:
            return f
    return None


def _result_after(sentence: str, figs: list[ClaimRecord], pos: int) -> ClaimRecord | None:
    """The figure introduced by "to"/"at" soon after ``pos`` ("... by a third to $16,800")."""
    for f in sorted(figs, key=lambda f: f.q_rel[0]):
        s, _ = f.q_rel
        if s < pos or s - pos > RESULT_WINDOW:
            continue
        gap = sentence[pos:s]
        if _RX_TO.search(gap) and not _CONTRAST.search(gap):
            return f
    return None


def _from_to_after(sentence: str, figs: list[ClaimRecord], pos: int) -> ClaimRecord | None:
    """The new value of a "from A to B" pair the extractor stored (``change_from``), both
    after ``pos`` in the phrase's clause, past the reach of ``_result_after`` ("halved since
    the reform began in 2022, falling from 88,000 applicants to 59,000")."""
    after = [
        f
        for f in figs
        if f.q_rel[0] >= pos
        and f.q_rel[0] - pos <= BASE_AFTER_WINDOW
        and not _CONTRAST.search(sentence[pos : f.q_rel[0]])
    ]
    for f in after:
        base = _related(f, "change_from", after)
        if base is not None and base.q_rel[0] < f.q_rel[0]:
            return f
    return None


def _base_from(sentence: str, figs: list[ClaimRecord], start: int, end: int) -> ClaimRecord | None:
    """A figure introduced by "from"/"compared with"/"against" in the phrase's own clause:
    just before it, or after it with no contrast word ("while", "but", ";") in between."""
    for f in sorted(figs, key=lambda f: f.q_rel[0]):
        s, e = f.q_rel
        lead = max(0, s - 60)
        m = _RX_FROM.search(sentence[lead:s])
        if m is None:
            continue
        if e <= start:
            if start - e <= BASE_BEFORE_WINDOW and not _CONTRAST.search(sentence[e:start]):
                return f
        # The words that introduce the base ("compared with") are not a contrast themselves.
        elif (
            s >= end
            and s - end <= BASE_AFTER_WINDOW
            and not _CONTRAST.search(sentence[end : lead + m.start()])
        ):
            return f
    return None


def _relative(m: re.Match[str]) -> tuple[float, float]:
    """The relative change a match states (a fraction or a percentage) and the half unit of
    its last digit (0 for a fraction word)."""
    if m.group("frac"):
        return _FRACTIONS[m.group("frac").lower()], 0.0
    return _num(m.group("num")) / 100, _half_unit(m.group("num"))


def _amount_figure(figs: list[ClaimRecord], m: re.Match[str]) -> ClaimRecord | None:
    """The figure the extractor made of the change itself ("15%", or "a quarter" as 0.25)."""
    g = "frac" if m.group("frac") else "num"
    return _figure_at(figs, m.start(g), m.end(g) - 1)


#: Every change phrase states an amount: a percentage, a fraction word, a multiplier or a
#: "-fold"/"times".  A sentence with none of them is skipped before the (costly) phrase
#: patterns run; the test is on the lower-cased text, with no case-folding in the engine.
_HAS_AMOUNT = re.compile(
    r"%|percent|per cent|third|half|quarter|fifth|tenth|doubl|tripl|quadrupl|halv|fold|times"
)
#: Words one of which a change by a verb ("rose by 15%") or a comparison ("15% more than")
#: needs; the same cheap test guards those two patterns.
_HAS_VERB = re.compile(
    r"gr[eo]w|ris|rose|increas|climb|jump|expand|rais|boost|go|went|gone|soar|fall|fell|declin|decreas|"
    r"drop|shr[iau]nk|cut|reduc|lower|slump"
)
_HAS_COMPARE = re.compile(r"more|higher|greater|larger|up|above|less|lower|smaller|fewer|down|below")


def find_changes(sentence: str, figs: list[ClaimRecord]) -> list[Change]:
    """Every change phrase in ``sentence`` with its result and base (see module doc)."""
    low = sentence.lower()
    if not _HAS_AMOUNT.search(low):
        return []
    has_verb, has_compare = _HAS_VERB.search(low) is not None, _HAS_COMPARE.search(low) is not None
    figs = [f for f in figs if f.has_quantity and f.q_start is not None]
    out: list[Change] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _RX_BY.finditer(sentence) if has_verb else ():
        down = re.fullmatch(_DOWN, m.group("dir"), re.I) is not None
        ch, half = _relative(m)
        pct_fig = _amount_figure(figs, m)
        ch = -ch if down else ch
        lo, hi = _factor_interval(ch, m.group("qual"), half)
        out.append(_complete(sentence, figs, m.group(0), m.start(), m.end(), 1 + ch, lo, hi, pct_fig))
        taken.append((m.start(), m.end()))
    for m in _RX_MULT.finditer(sentence):
        if not free(m.start(), m.end()):
            continue
        f = _MULT[m.group("mult").lower()]
        lo, hi = _factor_interval(f - 1, m.group("qual"))
        out.append(_complete(sentence, figs, m.group(0).strip(), m.start(), m.end(), f, lo, hi, None))
        taken.append((m.start(), m.end()))
    for m in _RX_FOLD.finditer(sentence):
        if not free(m.start(), m.end()):
            continue
        raw = m.group("n").lower()
        f = float(_WORD_NUM.get(raw, 0)) or _num(raw)
        fig = _figure_at(figs, m.start("n"), m.end("n"))
        if f <= 1:
            continue
        out.append(_complete(sentence, figs, m.group(0), m.start(), m.end(), f, f, f, fig))
        taken.append((m.start(), m.end()))
    for m in _RX_BY_LATE.finditer(sentence):
        if not free(m.start(), m.end()):
            continue
        late = _late(sentence, figs, m)
        if late is not None:
            out.append(late)
            taken.append((m.start(), m.end()))
    for rx in (_RX_COMPARE, _RX_UPDOWN, _RX_NOUN, _RX_ADJ, _RX_SIGNED):
        if rx is _RX_COMPARE and not has_compare:
            continue
        for m in rx.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            down = m.group("dir").lower() in _COMPARE_DOWN
            ch, half = _relative(m)
            ch = -ch if down else ch
            lo, hi = _factor_interval(ch, m.group("qual"), half)
            pct_fig = _amount_figure(figs, m)
            out.append(
                _compare(sentence, figs, m.group(0).strip(" ("), m.start(), m.end(), 1 + ch, lo, hi, pct_fig)
            )
            taken.append((m.start(), m.end()))
    return [c for c in out if c.result is not None]


def _complete(
    sentence: str,
    figs: list[ClaimRecord],
    phrase: str,
    start: int,
    end: int,
    f: float,
    lo: float,
    hi: float,
    pct_fig: ClaimRecord | None,
) -> Change:
    """A verb-led change: result after "to", base after "from" or earlier in the sentence
    (the stored relations first: the level the amount describes, its baseline)."""
    others = [x for x in figs if x is not pct_fig]
    result = (
        _related(pct_fig, "change_by", others)
        or _result_after(sentence, others, end)
        or _from_to_after(sentence, others, end)
    )
    rest = [x for x in others if x is not result]
    base = _related(result, "change_from", rest) or _base_from(sentence, rest, start, end)
    how = "from" if base is not None else ""
    if result is not None and base is None:
        before = [
            x
            for x in others
            if x.q_rel[1] <= start and x is not result and not _CONTRAST.search(sentence[x.q_rel[1] : start])
        ]
        if before:
            base, how = before[-1], "before"
    base_period, implied = None, False
    if result is not None and base is None:
        base_period, implied = _base_period(sentence, end, result)
    return Change(phrase, start, end, f, lo, hi, result, base, base_period, pct_fig, how, implied)


def _late(sentence: str, figs: list[ClaimRecord], m: re.Match[str]) -> Change | None:
    """ "rose from Y to X, or by 41%": result after "to" and base after "from", both before
    the amount in its clause; the direction is the clause's verb."""
    start = m.start()
    clause = [f for f in figs if f.q_rel[1] <= start and not _CONTRAST.search(sentence[f.q_rel[1] : start])]
    result = _related(_amount_figure(figs, m), "change_by", clause) or next(
        (f for f in reversed(clause) if _RX_TO.search(sentence[max(0, f.q_rel[0] - 30) : f.q_rel[0]])), None
    )
    base = _related(result, "change_from", [f for f in clause if f is not result]) or next(
        (
            f
            for f in reversed(clause)
            if f is not result and _RX_FROM.search(sentence[max(0, f.q_rel[0] - 30) : f.q_rel[0]])
        ),
        None,
    )
    if result is None or base is None:
        return None
    verbs = list(re.finditer(rf"\b(?:(?P<up>{_UP})|{_DOWN})\b", sentence[:start], re.I))
    if not verbs:
        return None
    ch, half = _relative(m)
    ch = ch if verbs[-1].group("up") else -ch
    lo, hi = _factor_interval(ch, m.group("qual"), half)
    return Change(
        m.group(0).strip(" ,"),
        start,
        m.end(),
        1 + ch,
        lo,
        hi,
        result,
        base,
        None,
        _amount_figure(figs, m),
        "from",
    )


def _compare(
    sentence: str,
    figs: list[ClaimRecord],
    phrase: str,
    start: int,
    end: int,
    f: float,
    lo: float,
    hi: float,
    pct_fig: ClaimRecord | None,
) -> Change:
    """ "X, 15% more than in 2022": the result comes before; the base is named after (the
    stored relations first: the level the amount describes, its baseline)."""
    others = [x for x in figs if x is not pct_fig]
    typed = _related(pct_fig, "change_by", others)
    # "X, compared with Y, an increase of 25%": "compared with" introduces the base here.
    before = [
        x
        for x in others
        if x.q_rel[1] <= start and not _CONTRAST.search(_COMPARED_WITH.sub(" ", sentence[x.q_rel[1] : start]))
    ]
    result = typed or (before[-1] if before else None)
    after = [
        x
        for x in others
        if x.q_rel[0] >= end
        and (
            x.q_rel[0] - end <= 12
            or (x.q_rel[0] - end <= 50 and _BASE_AFTER.match(sentence[end : x.q_rel[0]]))
        )
    ]
    base = _related(result, "change_from", [x for x in others if x is not result]) or (
        after[0] if after else None
    )
    if (
        typed is None
        and base is None
        and len(before) >= 2
        and result is not None
        and _RX_FROM.search(sentence[max(0, result.q_rel[0] - 60) : result.q_rel[0]])
    ):
        # "X in 2024, up from Y, an increase of 25%": Y is the base, X the result.
        base, result = result, before[-2]
    if result is None:  # "rose 15% ... to X" written as "up 15% to X"
        result = _result_after(sentence, others, end)
        if base is None and result is not None:
            base = _base_from(sentence, [x for x in others if x is not result], start, end)
    base_period, implied = None, False
    if base is None and result is not None:
        base_period, implied = _base_period(sentence, end, result)
    return Change(
        phrase,
        start,
        end,
        f,
        lo,
        hi,
        result,
        base,
        base_period,
        pct_fig,
        "after" if base is not None else "",
        implied,
    )


def shift_period(period: str | None, years: int = -1) -> str | None:
    """The same period ``years`` later: "2024" -> "2023", the fiscal year "2023/2024" ->
    "2022/2023", "2024-Q2" -> "2023-Q2" (year on year)."""
    if not period or not _YEAR_IN.search(period):
        return None
    return _YEAR_IN.sub(lambda m: str(int(m.group(1)) + years), period)


def _fiscal(m: re.Match[str]) -> str:
    """A named period as the ledger writes it: "2022" or the fiscal year "2022/2023"."""
    y = m.group("y")
    y2 = m.group("y2")
    if not y2:
        return y
    full = int(y2) if len(y2) == 4 else int(y[:2] + y2)
    return f"{y}/{full}" if full == int(y) + 1 else y


def _base_period(sentence: str, pos: int, result: ClaimRecord) -> tuple[str | None, bool]:
    """The base period of a change with no base figure, and whether it was only implied.

    Named after the phrase: "than in 2022", "on FY2023", "than in the 2022/23 fiscal year";
    or relative: "a year earlier", "the previous (fiscal) year", "last year" -> the period
    before the result's, calendar or fiscal.  With nothing named, an annual (or fiscal-year)
    actual is read year on year, unless the sentence measures from some other base ("since
    2019", "over five years").
    """
    rest = sentence[pos : pos + 80]
    m = _YEAR_AFTER.match(rest)
    if m:
        return _fiscal(m), False
    if _PREV_PERIOD.match(rest):
        return shift_period(result.period), False
    # The relative base may also stand later in the clause: "rose by a quarter to 412,000 in
    # the 2023/24 fiscal year, against a year earlier".
    tail = sentence[pos : pos + BASE_AFTER_WINDOW]
    cut = _CONTRAST.search(tail)
    tail = tail[: cut.start()] if cut else tail
    if re.search(
        r"\b(?:a\s+year\s+(?:earlier|before|ago)|the\s+(?:previous|prior|preceding)\s+"
        r"(?:(?:fiscal|financial)\s+)?year|year[- ]on[- ]year|y/y)\b",
        tail,
        re.I,
    ):
        return shift_period(result.period), False
    if (
        result.kind in ("achievement", "status")
        and _annual(result.period)
        and not _OTHER_BASE.search(sentence)
    ):
        return shift_period(result.period), True
    return None, False


def _annual(period: str | None) -> bool:
    """Is the period one calendar year ("2024") or one fiscal year ("2023/2024")?"""
    m = re.fullmatch(r"((?:19|20)\d\d)(?:/((?:19|20)\d\d))?", period or "")
    return m is not None and (m.group(2) is None or int(m.group(2)) == int(m.group(1)) + 1)
