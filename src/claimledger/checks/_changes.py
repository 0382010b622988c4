"""A small grammar of stated changes: "grew by a third to X", "doubled", "rose 15% to X",
"X, 15% more than in 2022", "up 88% on the year before", "a three-fold increase".

Reads: one sentence and the figures extracted from it (their spans).  Writes:
``Change`` objects naming the factor the text asserts (with the interval its qualifier
allows), which figure is the result, and where the base is: another figure of the
sentence ("from X", or the same indicator's level stated earlier in the sentence) or a
period whose level must come from the ledger ("than in 2022", "the year before").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimledger.link import ClaimRecord

_QUAL = (r"(?P<qual>almost|nearly|about|around|roughly|some|approximately|over|more than|at least|"
         r"just over|close to|less than|under)?\s*")
_PCT = r"(?P<num>\d+(?:[.,]\d+)?)\s*(?:%|percent\b|per cent\b)"
_FRACTIONS = {
    "a third": 1 / 3, "one third": 1 / 3, "one-third": 1 / 3, "two thirds": 2 / 3, "two-thirds": 2 / 3,
    "a half": 0.5, "half": 0.5, "one half": 0.5, "a quarter": 0.25, "one quarter": 0.25,
    "three quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2, "a tenth": 0.1, "one tenth": 0.1,
}
_FRACTION = r"(?P<frac>" + "|".join(sorted((re.escape(k) for k in _FRACTIONS), key=len, reverse=True)) + r")"
_UP = (r"(?:grow|grew|grown|growing|grows|rise|rose|risen|rising|rises|increase[sd]?|increasing|"
       r"climb(?:ed|s|ing)?|jump(?:ed|s)?|expand(?:ed|s|ing)?|raise[sd]?|raising|boost(?:ed|s)?|"
       r"go(?:es)? up|went up|gone up|soar(?:ed|s)?)")
_DOWN = (r"(?:fall|fell|fallen|falling|falls|decline[sd]?|declining|decrease[sd]?|decreasing|"
         r"drop(?:ped|s)?|shrink|shrank|shrunk|cut|cuts|reduce[sd]?|reducing|lower(?:ed|s)?|"
         r"go(?:es)? down|went down|gone down|slump(?:ed|s)?)")
_WORD_NUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}
_MULT = {"doubled": 2.0, "double": 2.0, "doubles": 2.0, "doubling": 2.0, "tripled": 3.0, "triple": 3.0,
         "triples": 3.0, "tripling": 3.0, "quadrupled": 4.0, "quadruple": 4.0, "halved": 0.5,
         "halve": 0.5, "halves": 0.5, "halving": 0.5}
_N = r"(?P<n>\d+(?:\.\d+)?|two|three|four|five|six|ten)"

_RX_BY = re.compile(rf"\b(?P<dir>{_UP}|{_DOWN})\s+(?:by\s+)?{_QUAL}(?:{_FRACTION}|{_PCT})", re.I)
_RX_MULT = re.compile(r"\b(?P<qual>almost|nearly|more than|over|roughly|about)?\s*(?P<mult>"
                      + "|".join(_MULT) + r")\b", re.I)
_RX_FOLD = re.compile(rf"\b(?:{_UP}\s+)?(?:a\s+)?{_N}[- ]?(?:fold|times)(?:\s+(?:increase|rise|growth))?",
                      re.I)
_RX_COMPARE = re.compile(
    rf"{_QUAL}{_PCT}\s+(?P<dir>more|higher|greater|larger|up|above|less|lower|smaller|fewer|down|below)"
    r"(?:\s+(?:than|on|from|compared\s+(?:with|to)|year[- ]on[- ]year))?", re.I)
_RX_UPDOWN = re.compile(rf"\b(?P<dir>up|down)\s+{_QUAL}{_PCT}", re.I)
#: "an increase of 40%", "a drop of 12%": a noun of change, read like "X, 40% more".
_RX_NOUN = re.compile(rf"\b(?:an?\s+)?(?P<dir>increase|rise|growth|jump|gain|decrease|decline|drop|fall|"
                      rf"reduction|cut)\s+of\s+{_QUAL}{_PCT}", re.I)
_COMPARE_DOWN = ("less", "lower", "smaller", "fewer", "down", "below", "decrease", "decline", "drop", "fall",
                 "reduction", "cut")
#: Words that introduce the base after a change: "over the previous season's 10 million".
_BASE_AFTER = re.compile(r"^\s*(?:over|from|on|than|compared\s+(?:with|to)|against)\b[^,;()]*$", re.I)
_RX_TO = re.compile(r"\b(?:to|at)\s+(?:reach\s+|a\s+(?:record\s+)?|about\s+|almost\s+|nearly\s+|over\s+|"
                    r"more\s+than\s+|some\s+)?$", re.I)
_RX_FROM = re.compile(r"\bfrom\s+(?:about\s+|almost\s+|nearly\s+|over\s+|some\s+)?$", re.I)
_PREV_YEAR = re.compile(r"^\s*(?:than\s+|on\s+|from\s+|compared\s+(?:with|to)\s+)?(?:in\s+)?"
                        r"(?:the\s+(?:year\s+before|previous\s+year|prior\s+year|preceding\s+year)|"
                        r"a\s+year\s+(?:earlier|before|ago)|last\s+year|year[- ]on[- ]year|"
                        r"(?:the\s+)?same\s+period\s+(?:of\s+|in\s+)?last\s+year)", re.I)
_YEAR_AFTER = re.compile(r"^\s*(?:than\s+|on\s+|from\s+|compared\s+(?:with|to)\s+)?"
                         r"(?:in\s+|at\s+the\s+end\s+of\s+)?(?P<y>(?:19|20)\d\d)\b", re.I)
#: Words that start a new clause about something else: a figure before them is not the
#: base of a change after them.
_CONTRAST = re.compile(r"\b(?:while|whereas|but|however|although|compared|respectively)\b|;", re.I)

#: A qualifier on the change widens the factor it asserts by this share of the change:
#: "almost doubled" covers 1.8x-2x, "over 15%" covers 15%-16.5%.
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

    @property
    def noun(self) -> str:
        """The change as a noun phrase: "a rise by a third", "a fall of 15%", "doubling"."""
        f = self.factor
        for word, mult in (("doubling", 2.0), ("tripling", 3.0), ("quadrupling", 4.0), ("halving", 0.5)):
            if abs(f - mult) < 1e-9 and any(w in self.phrase.lower() for w in ("doubl", "tripl", "quadrupl",
                                                                                "halv")):
                return word
        ch = f - 1
        for name, frac in _FRACTIONS.items():
            if name.startswith(("a ", "two ", "three ")) and abs(abs(ch) - frac) < 1e-9:
                return f"a {'rise' if ch > 0 else 'fall'} by {name}"
        if (f >= 2 and "fold" in self.phrase.lower()) or "times" in self.phrase.lower():
            return f"a {f:g}-fold rise"
        return f"a {'rise' if ch > 0 else 'fall'} of {abs(ch) * 100:.4g}%"


def _num(raw: str) -> float:
    return float(raw.replace(",", "."))


def _factor_interval(change: float, qual: str | None, half_unit: float = 0.0) -> tuple[float, float]:
    """Interval of the factor 1+change, widened for a qualifier and the rounding of the number."""
    q = (qual or "").lower().strip()
    lo = hi = change
    span = abs(change) * CHANGE_QUAL_SPAN
    if q in ("almost", "nearly", "close to", "less than", "under"):
        lo = change - span if change > 0 else change
        hi = change if change > 0 else change + span
    elif q in ("over", "more than", "at least", "just over"):
        lo = change if change > 0 else change - span
        hi = change + span if change > 0 else change
    elif q:
        lo, hi = change - span, change + span
    return (1 + min(lo, hi) - half_unit, 1 + max(lo, hi) + half_unit)


def _half_unit(raw: str) -> float:
    """Half a unit of the last digit of a stated percentage, as a fraction: "15" -> 0.005."""
    raw = raw.replace(",", ".")
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    return 0.5 * 10.0 ** (-decimals) / 100


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
        if s < pos or s - pos > 40:
            continue
        gap = sentence[pos:s]
        if _RX_TO.search(gap) and not _CONTRAST.search(gap):
            return f
    return None


def _base_from(sentence: str, figs: list[ClaimRecord], start: int, end: int) -> ClaimRecord | None:
    """A figure introduced by "from" within the phrase's neighbourhood."""
    for f in figs:
        s, _ = f.q_rel
        if start - 60 <= s <= end + 60 and _RX_FROM.search(sentence[max(0, s - 20):s]):
            return f
    return None


def find_changes(sentence: str, figs: list[ClaimRecord]) -> list[Change]:
    """Every change phrase in ``sentence`` with its result and base (see module doc)."""
    figs = [f for f in figs if f.has_quantity and f.q_start is not None]
    out: list[Change] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _RX_BY.finditer(sentence):
        down = re.fullmatch(_DOWN, m.group("dir"), re.I) is not None
        if m.group("frac"):
            ch, half = _FRACTIONS[m.group("frac").lower()], 0.0
            pct_fig = None
        else:
            ch, half = _num(m.group("num")) / 100, _half_unit(m.group("num"))
            pct_fig = _figure_at(figs, m.start("num"), m.start("num"))
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
    for rx in (_RX_COMPARE, _RX_UPDOWN, _RX_NOUN):
        for m in rx.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            down = m.group("dir").lower() in _COMPARE_DOWN
            ch = _num(m.group("num")) / 100
            ch = -ch if down else ch
            lo, hi = _factor_interval(ch, m.group("qual"), _half_unit(m.group("num")))
            pct_fig = _figure_at(figs, m.start("num"), m.start("num"))
            out.append(_compare(sentence, figs, m.group(0).strip(), m.start(), m.end(), 1 + ch, lo, hi,
                                pct_fig))
            taken.append((m.start(), m.end()))
    return [c for c in out if c.result is not None]


def _complete(sentence: str, figs: list[ClaimRecord], phrase: str, start: int, end: int, f: float,
              lo: float, hi: float, pct_fig: ClaimRecord | None) -> Change:
    """A verb-led change: result after "to", base after "from" or earlier in the sentence."""
    others = [x for x in figs if x is not pct_fig]
    result = _result_after(sentence, others, end)
    base = _base_from(sentence, [x for x in others if x is not result], start, end)
    how = "from" if base is not None else ""
    if result is not None and base is None:
        before = [x for x in others if x.q_rel[1] <= start and x is not result
                  and not _CONTRAST.search(sentence[x.q_rel[1]:start])]
        if before:
            base, how = before[-1], "before"
    base_period = None
    if result is not None and base is None:
        base_period = _period_after(sentence, end, result)
    return Change(phrase, start, end, f, lo, hi, result, base, base_period, pct_fig, how)


def _compare(sentence: str, figs: list[ClaimRecord], phrase: str, start: int, end: int, f: float,
             lo: float, hi: float, pct_fig: ClaimRecord | None) -> Change:
    """"X, 15% more than in 2022": the result comes before; the base is named after."""
    others = [x for x in figs if x is not pct_fig]
    before = [x for x in others if x.q_rel[1] <= start and not _CONTRAST.search(sentence[x.q_rel[1]:start])]
    result = before[-1] if before else None
    after = [x for x in others if x.q_rel[0] >= end and (x.q_rel[0] - end <= 12 or (
        x.q_rel[0] - end <= 50 and _BASE_AFTER.match(sentence[end:x.q_rel[0]])))]
    base = after[0] if after else None
    base_period = None if base is not None or result is None else _period_after(sentence, end, result)
    if result is None:  # "rose 15% ... to X" written as "up 15% to X"
        result = _result_after(sentence, others, end)
        base_period = _period_after(sentence, end, result) if result is not None else None
    return Change(phrase, start, end, f, lo, hi, result, base, base_period, pct_fig,
                  "after" if base is not None else "")


def _period_after(sentence: str, pos: int, result: ClaimRecord | None) -> str | None:
    """The base period named after a change: "than in 2022", "the year before"."""
    rest = sentence[pos:pos + 60]
    m = _YEAR_AFTER.match(rest)
    if m:
        return m.group("y")
    if (_PREV_YEAR.match(rest) and result is not None and result.period and len(result.period) == 4
            and result.period.isdigit()):
        return str(int(result.period) - 1)
    return None
