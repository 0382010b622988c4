"""Stage ``time.v8``: find time expressions and give each quantity its period.

Reads: text, a sentence span, the document date, the sentence's quantities and (for the
defaults) each quantity's kind.  Writes: ``Mention`` objects (``find_mentions``; the
public ``find`` returns them as ``TimeExpr``), and for each quantity a ``(period, cues)``
pair.  ``period`` is a year ("2024"), a year range ("2026/2028"), or ``None``; the cue
records the words and their resolution ("period:last year->2024").

How a figure gets its period, first rule that applies:
1. a list of figures paired with a list or range of years, in order: "23.9, 23.8 and 25.1
   trillion in 2024, 2025 and 2026", or "3.5, 3.6 and 3.9 trillion respectively" after a
   sentence that named 2024-2026;
2. a time expression right after the figure ("23.8 trillion in 2025", "$13,000 last
   year"), or right before it with no other figure between ("in 2025, 4.8%"); a time
   after both figures of a from/to change dates both ("to 900 euros from 850 euros on
   1 March 2026", ``share_change``);
3. a figure that qualifies another ("which is 15% more than in 2022") or is the change
   part of "by a third to $16,800 by 2028" takes that figure's period;
4. the sentence's other time expressions, nearest first; a target prefers its deadline;
   the base of a comparison ("than in 2022", "the year before") is never a period;
5. context: the year the paragraph (or its heading) is about, else the document date -
   a status holds at the document date, an achievement reported early in a year refers to
   the year just ended.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache

from claimledger.extract import _tokens
from claimledger.extract._regex import Prefiltered
from claimledger.extract._time_grammar import Fiscal, Mention, find_mentions
from claimledger.models import Quantity, TimeExpr
from claimledger.resources import kinds as kind_words

#: v4: fiscal years by the document's country, quarters of a named fiscal year, spans ending
#: at a year, "then" sequences.  v5: a time in parentheses right after a figure labels it;
#: "2010 to 34 million" is no range of years; "since 1960, when it was 9.9 million" is 1960;
#: a time after both figures of a from/to change dates both; the day a thing was said is
#: marked "(when said)".  v6: the fiscal calendar of the document's country as the shared
#: document context decides it; an undated status or achievement in the year of the
#: document's topic period (its title or lead: "the third quarter of 2025") takes that part.
#: v7 (v6 merged with these): the day of an act is "(when said)" too that decides or asks for a figure
#: ("approved a $50 million loan on 3 May", "on 2 February she called for ...");
#: "since taking office in 2019" and "from 2019 until 2024" are runs of years; "the previous
#: year" and "the following year" count from the year named last in the paragraph; "the June
#: quarter" (and "the year to the June quarter") is the quarter ending in June; money
#: budgeted with no time of its own is for the budget year (``budget_year``); "for the year
#: 2026-27" is that year, not the relative "for the year" (nor "the current fiscal year
#: 2026-27" the relative one); "the second quarter of 2026-27" is of that fiscal year.
#: v8: a time in the possessive labels the phrase after it ("topped last year's 10 billion"),
#: and a year counted back with another figure between ("the projected 9 billion and the 10
#: billion of the year before") is not the earlier figure's; "the year prior", "twelve months
#: earlier" count back too; a time leading each figure ("for 2026 to 2.1% and for 2027 to
#: 2.3%") is that figure's; a month without a year goes next to the month its paragraph named
#: (unless it is of the future); "is projected" is a forecast stated now, not a past "-ed"; a
#: month or season naming a publication ("the June projections", "last autumn's outlook")
#: dates no figure; "through the third quarter" is a running total from January; a level held
#: "since 2019" holds now; "this/last/next year" in a sentence about budgets is the country's
#: fiscal year (read without settling the country early); undated money planned in a budget
#: document is for the budget year; "the same period (quarter) last year" is the part of a
#: year named before, a year earlier; "third-quarter" is a quarter.
STAGE = "time.v8"

#: Until the end of this month, an achievement stated without any time words ("the grain
#: harvest was a record") is read as belonging to the year just ended: annual results are
#: reported in January and February.  Later in the year it means the current year.
EARLY_REPORT_MONTH = 2

#: A time expression "right after" a figure may be separated from it by the counted noun
#: ("3.87 million new homes by 2031"), one short prepositional phrase ("80 billion pesos
#: in the Maya Train this year") and filler words ("5% a year until 2030"), but not by a
#: comparison ("15% more than in 2022") or a comma.
_FILLER_AFTER = re.compile(
    r"^\s*(?!(?:more|less|higher|lower|than|up|down|above|below|compared|versus|vs|fewer)\b)"
    r"(?:[a-z][\w'’-]*\s+){0,3}"
    r"(?:(?:in|on|for|to|into|at|of)\s+(?:the\s+)?(?:[A-Za-z][\w'’-]*\s+){1,3})?"
    r"(?:(?:a|per|each|every|on|average|annually|in|total|respectively|the|year|level|mark)\s+)*$"
)
#: A time in parentheses right after a figure labels it: "2.1% (2009 est.)", "3.4% (in 2008)".
_PAREN_AFTER = re.compile(r"^\s*\(\s*(?:in\s+|est\.\s+)?$")
#: A "when" clause right after a time: "since 1960, when it was 9.9 million".
_WHEN = re.compile(r"^\s*,\s*when\b[^,;:]*$", re.I)
#: Punctuation and words that separate clauses; crossing one makes a time expression a
#: worse candidate for a figure's period.
_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:and|but|while|whereas|which|although|though)\b|\bwhile\b", re.I)
#: Character-distance penalty for each clause break between a figure and a time
#: expression: roughly the length of a short clause, so a nearer clause wins.
CLAUSE_PENALTY = 60
#: Time expressions farther than this from a figure are ranked by distance alone (no
#: clause-break count): a few sentences' worth, well beyond any clause.
DISTANCE_WINDOW = 400
#: A target prefers its deadline ("by 2029") over another time expression this many
#: characters nearer: about three words.
DEADLINE_BONUS = 20
_RESPECTIVELY = Prefiltered(re.compile(r"\brespectively\b", re.I))
#: A split year named without a country ("Q1 of 2025-26") is read as starting in April, the
#: commonest start of a split fiscal year (India, the UK, Canada, South Africa).
FISCAL_START_DEFAULT = 4
#: What joins a time to the figure it labels: "Q3 at 6.9%", "2026: 4.1%".
_LABELS = re.compile(r"\s*(?:at|:)\s*$")
#: What joins a time to the figure after it that it heads ("for 2027 to 2.3%", "in 2027 at
#: 2.3%"): such a time is that figure's, not the one before it ("raised its forecasts for
#: 2026 to 2.1% and for 2027 to 2.3%").
_LEADS = re.compile(r"\s*(?:to|at|:)\s*", re.I)
#: A relative clause closed by a comma: ", which has grown since 2015,".
_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b[^,;]*(?=,)", re.I)
_RELATIVE_WORD = re.compile(r",\s*(?:which|who|whose|where)\b", re.I)
#: Times set by an event, not a calendar: "in the next session of Parliament", "at the
#: coming summit", "after the elections".
_EVENT_TIME = Prefiltered(
    re.compile(
        r"\b(?:in|at|during|by|before|after|until)\s+(?:the\s+|its\s+|their\s+)?(?:next|coming|upcoming|forthcoming|following)"
        r"\s+(?:\w+\s+){0,2}?(?:session|sitting|meeting|parliament|congress|summit|elections?|round|phase|stage"
        r"|cycle|term|convocation|plenary)\b"
        r"|\b(?:once|when)\s+(?:it\s+is\s+|they\s+are\s+)?(?:complete|completed|finished|built|operational|ready|open)\b",
        re.I,
    )
)

__all__ = [
    "Fiscal",
    "Mention",
    "TimeContext",
    "Topic",
    "assign",
    "default",
    "find",
    "find_mentions",
    "fiscal_parts",
]


@dataclass(slots=True)
class TimeContext:
    """What earlier sentences said about time: carried through a document.

    ``last`` is the latest explicit period-setting expression in the current paragraph,
    ``heading`` the one of the latest heading, ``seq`` the latest run of years (a list
    or a multi-year range) for "respectively".
    """

    paragraph: int = -1
    last: Mention | None = None
    heading: Mention | None = None
    seq: list[Mention] = field(default_factory=list)
    #: Sentences not yet learnt from, in order: (text, start, end, heading, date, their
    #: time expressions or None).  They are learnt from only when a later sentence reads
    #: the context (most never do), and a figureless one's expressions are only then found.
    pending: list[tuple[str, int, int, bool, Date | None, list[Mention] | None]] = field(default_factory=list)
    #: the fiscal year of the document's country, for "FY25" and "the current fiscal year"
    fiscal: Fiscal | None = None
    #: the period the document's title or lead is about ("Third-quarter results"), for its
    #: outcomes that no sentence dates
    topic: Topic | None = None
    #: the latest calendar year the paragraph named ("in 2017", "last year"), for "the
    #: previous year" and "the following year" in a later sentence
    latest: Mention | None = None
    #: the latest month, quarter or half the paragraph named ("in June"), for a month
    #: named without its year in a later sentence ("... 4.5% in May")
    month: Mention | None = None

    def enter(self, paragraph: int) -> None:
        if paragraph != self.paragraph:
            # only a heading's time outlives its paragraph
            self.pending = [p for p in self.pending if p[3]]
            self.flush()
            self.paragraph = paragraph
            self.last = self.heading
            self.latest = self.heading if self.heading is not None and _named_year(self.heading) else None
            self.month = self.heading if self.heading is not None and _month_of(self.heading) else None
            self.seq = []

    def defer(
        self,
        text: str,
        start: int,
        end: int,
        heading: bool,
        ref: Date | None,
        mentions: list[Mention] | None = None,
    ) -> None:
        """Learn from this sentence (whose ``mentions`` may be known already) later, when
        a later sentence needs the context: ``flush`` before reading ``last``, ``heading``
        or ``seq``."""
        self.pending.append((text, start, end, heading, ref, mentions))

    def flush(self) -> None:
        """Learn from the deferred sentences, in order."""
        pending, self.pending = self.pending, []
        for text, start, end, heading, ref, mentions in pending:
            found = find_mentions(text, start, end, ref, self.fiscal) if mentions is None else mentions
            self.learn(text, found, heading)

    def learn(self, text: str, mentions: list[Mention], heading: bool) -> None:
        """Remember this sentence's time expressions for the sentences after it."""
        setting = [m for m in mentions if m.role != "comparison" and m.period is not None]
        if not setting:
            return
        # The first period a paragraph names frames it ("The budget for 2024-2026 ...").
        if self.last is None or self.last is self.heading:
            self.last = setting[0]
        for group in _tokens.mention_lists(text, setting):
            self.seq = [setting[i] for i in group]
        for m in setting:
            if m.role == "range" and 2 <= m.years <= 10:
                self.seq = [m]
        if heading:
            self.heading = setting[0]
        named = [m for m in setting if _named_year(m)]
        if named:
            self.latest = named[-1]
        months = [m for m in setting if _month_of(m)]
        if months:
            self.month = months[-1]


def _named_year(m: Mention) -> bool:
    """Is ``m`` one calendar year, named ("in 2017", "last year"; not "2024-25", "in May",
    "for the year")?"""
    return m.fine is None and m.first is not None and m.first == m.last and m.role != "theyear"


#: Years named relative to another year, not to the statement: "the previous year", "a
#: year earlier", "the following year" (not "last year", "next year": those are the
#: statement's).
_ANAPHORIC_YEAR = re.compile(
    r"(?:the\s+)?(?P<rel>previous|preceding|prior|following)[\s-]+year$"
    r"|(?:(?:the\s+|a\s+|one\s+)?year|(?:twelve|12)\s+months)\s+(?:before|earlier|prior|previously)$",
    re.I,
)


def _relative_to_named(mentions: list[Mention], ctx: TimeContext) -> list[Mention]:
    """ "The previous year" and "the following year" count from the latest year named
    outright before them, in the sentence or earlier in the paragraph ("Exports rose 7% in
    2017. The previous year they had fallen 2%": 2016), not from the statement's date."""
    found = [(k, a) for k, m in enumerate(mentions) if m.relative and (a := _ANAPHORIC_YEAR.search(m.text))]
    if not found:
        return mentions
    out = list(mentions)
    for k, a in found:
        m = mentions[k]
        named = next((x for x in reversed(mentions[:k]) if _named_year(x) and x.role != "comparison"), None)
        if named is None:
            ctx.flush()
            named = ctx.latest
        if named is None or named.first is None or m.first is None:
            continue
        y = named.first + (1 if (a.group("rel") or "").lower() == "following" else -1)
        if y != m.first:
            out[k] = Mention(m.start, m.end, m.text, y, y, m.role, None, True, m.said)
    return out


#: Budgeting words ("budget", "allocation", "appropriations"; kinds.toml budget_stems).
_BUDGET_WORDS = re.compile(r"\b(?:" + "|".join(sorted(kind_words.BUDGET_STEMS)) + ")", re.I)
#: How far into a document its topic period is looked for: the title and the lead sentence.
TOPIC_CHARS = 400
#: Added to the cue of a period taken from the document's topic.
TOPIC_MARK = " (topic)"
#: A part of a year (a quarter, a half, a month or a run of months) that a topic may be.
_PART_OF_YEAR = re.compile(r"\d{4}-(?:Q[1-4]|H[12]|\d{2})(?:/\d{4}-\d{2})?")
#: A day named in a time expression ("3 May", "May 3"): the day a thing was said, no topic.
_DAY_WORDS = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z]|\b[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b(?![\d,]*\d{3})")
_LEAD_END = re.compile(r"[.!?](?:\s|$)")


class Topic:
    """The period a document is about, from its title and lead: a quarter, half, month or
    run of months ("Q3 2025 GDP", "Trade in January-October"), found on first use.  A
    quarterly release names its period once; its figures with no time of their own are of
    that period, not of the year of the statement."""

    __slots__ = ("_args", "_budget", "_found")

    def __init__(self, text: str, ref: Date | None, fiscal: Fiscal | None = None) -> None:
        self._args: tuple[str, Date | None, Fiscal | None] | None = (text, ref, fiscal)
        self._found: Mention | None = None
        self._budget = _BUDGET_WORDS.search(text, 0, min(len(text), TOPIC_CHARS)) is not None

    def get(self) -> Mention | None:
        if self._args is not None:
            self._found = lead_period(*self._args)
            self._args = None  # asked once: the arguments hold the whole document
        return self._found

    def budget(self) -> bool:
        """Does the document's title or lead speak of budgets ("Budget 2026-27", "the
        appropriations for ...")?"""
        return self._budget


def lead_period(text: str, ref: Date | None, fiscal: Fiscal | None = None) -> Mention | None:
    """The first part of a year the document's title line or lead sentence names, not a day
    and not after the document's year ("Consumer prices, October 2025"), else None."""
    nl = text.find("\n", 0, TOPIC_CHARS)
    body = nl + 1 if nl > 0 and text[:nl].rstrip()[-1:] not in ".!?;:" else 0
    while body < len(text) and text[body] in " \n\r\t":
        body += 1
    dot = _LEAD_END.search(text, body, min(len(text), body + TOPIC_CHARS))
    end = dot.end() if dot is not None else min(len(text), body + TOPIC_CHARS)
    for m in find_mentions(text, 0, end, ref, fiscal):
        if m.role not in ("point", "range") or m.said or m.fine is None or m.first is None:
            continue
        if not _PART_OF_YEAR.fullmatch(m.fine) or _DAY_WORDS.search(m.text):
            continue
        if ref is not None and m.first > ref.year:
            continue
        return m
    return None


_FINE_MONTH = re.compile(r"(?:\d{4}-\d{2}/)?(?P<y>\d{4})-(?:(?P<m>\d{2})|Q(?P<q>[1-4])|H(?P<h>[12]))")


_YEAR_IN_FINE = re.compile(r"\d{4}")


def _shift_fine(fine: str, years: int) -> str:
    """A fine period ("2025-05", "2025-01/2025-03") moved by ``years``."""
    return _YEAR_IN_FINE.sub(lambda d: str(int(d.group()) + years), fine)


def _month_of(m: Mention) -> tuple[int, int] | None:
    """(year, month) a month, quarter or half ends in, from its fine period; else None."""
    f = _FINE_MONTH.fullmatch(m.fine or "")
    if f is None:
        return None
    month = int(f["m"]) if f["m"] else int(f["q"]) * 3 if f["q"] else int(f["h"]) * 6
    return int(f["y"]), month


def _near_named_month(mentions: list[Mention], ctx: TimeContext) -> list[Mention]:
    """A month (quarter, half) named without its year goes in the year that puts it nearest
    the month named before it in the sentence or paragraph, among those its tense allows
    ("Inflation eased to 3.1% in June. Core inflation, at 4.5% in May, remains high." in a
    January report: May of June's year, not of the report's).  A month of the future stays
    ahead of the statement, where the grammar placed it ("will be 4.5% in May")."""
    if not any(m.placed is not None and m.placed != "future" for m in mentions):
        return mentions
    out = list(mentions)
    anchor: Mention | None = None
    flushed = False
    for k, m in enumerate(mentions):
        own = _month_of(m)
        if m.placed is not None and m.placed != "future" and own is not None and m.first is not None:
            if anchor is None and not flushed:
                ctx.flush()
                flushed = True
                anchor = ctx.month
            at = _month_of(anchor) if anchor is not None else None
            if at is not None:
                y0, month = own
                lo = y0 - 1
                hi = y0 if m.placed == "past" else y0 + 1
                best = min(range(lo, hi + 1), key=lambda y: (abs(12 * (y - at[0]) + month - at[1]), y != y0))
                if best != y0:
                    shift = best - y0
                    fine = _shift_fine(m.fine or "", shift)
                    m = Mention(
                        m.start,
                        m.end,
                        m.text,
                        m.first + shift,
                        (m.last or m.first) + shift,
                        m.role,
                        fine,
                        True,
                        m.said,
                        m.placed,
                    )
                    out[k] = m
        if own is not None and m.role != "comparison":
            anchor = m
    return out


def _same_part(mentions: list[Mention], ctx: TimeContext) -> list[Mention]:
    """ "Exports rose to $40 billion in January-November, from $36 billion in the same period
    last year": the months named before (in the sentence, its paragraph or the document's
    title), in the year the expression names - 2024-01/2024-11, not all of 2024."""
    out = list(mentions)
    for k, m in enumerate(mentions):
        if not m.same or m.fine is not None or m.first is None or m.first != m.last:
            continue
        ref = next((x for x in reversed(mentions[:k]) if _month_of(x) is not None), None)
        if ref is None:
            ctx.flush()
            ref = ctx.month
        if ref is None and ctx.topic is not None:
            ref = ctx.topic.get()
        at = _month_of(ref) if ref is not None else None
        if at is None or ref is None or ref.fine is None:
            continue
        fine = _shift_fine(ref.fine, m.first - at[0])
        out[k] = Mention(
            m.start, m.end, m.text, m.first, m.last, m.role, fine, m.relative, m.said, m.placed, True
        )
    return out


def resolve_anaphora(mentions: list[Mention], ctx: TimeContext) -> list[Mention]:
    """ "For the year" names the year the paragraph is about ("Real GDP growth for 2024-25
    is projected at 7.2%. CPI inflation is projected at 4.5% for the year."), else the
    year of the statement (resolved by the grammar).  "The previous year" counts from the
    year named before it (``_relative_to_named``)."""
    mentions = _near_named_month(_relative_to_named(mentions, ctx), ctx)
    if any(m.same for m in mentions):
        mentions = _same_part(mentions, ctx)
    if not any(m.role == "theyear" for m in mentions):
        return mentions
    ctx.flush()
    named = ctx.last
    frame = named if named is not None and named.fine is None and named.role != "deadline" else None
    out = []
    for m in mentions:
        if m.role == "theyear":
            first, last = (frame.first, frame.last) if frame is not None else (m.first, m.last)
            m = Mention(m.start, m.end, m.text, first, last, "point", None, True)
        out.append(m)
    return out


def fiscal_parts(mentions: list[Mention], ctx: TimeContext) -> list[Mention]:
    """A quarter or half named without its year ("Q2 at 6.8%", "in the first half") is part
    of the fiscal year its sentence names ("growth for 2024-25 is projected at 7.2%, with Q1
    at 7.1% and Q2 at 6.8%"), or, in a document whose country's fiscal year is split, of the
    one its paragraph is about: its period is that fiscal year, not the calendar year."""
    parts = [m for m in mentions if m.relative and m.fine is not None and m.fine[4:6] in ("-Q", "-H")]
    if not parts:
        return mentions
    split = next((m for m in mentions if _split_year(m)), None)
    if split is None and ctx.fiscal is not None:
        fy = ctx.fiscal.get()
        if fy is not None and not fy.calendar:
            ctx.flush()
            split = ctx.last if ctx.last is not None and _split_year(ctx.last) else None
    if split is None or split.first is None:
        return mentions
    fy = ctx.fiscal.get() if ctx.fiscal is not None else None
    # the month the fiscal year starts: the country's, else April (the commonest split year)
    start = fy.start if fy is not None and not fy.calendar else FISCAL_START_DEFAULT
    out = []
    for m in mentions:
        if m in parts:
            assert m.fine is not None
            months = 3 if m.fine[5] == "Q" else 6
            n = int(m.fine[6])
            # the calendar quarter (half) it is, kept for the frame's granularity
            month = start - 1 + (n - 1) * months  # months after January of the first year
            year, first_month = split.first + month // 12, month % 12 + 1
            fine = (
                f"{year}-Q{(first_month - 1) // 3 + 1}"
                if months == 3
                else f"{year}-H{(first_month - 1) // 6 + 1}"
            )
            m = Mention(m.start, m.end, m.text, split.first, split.last, m.role, fine, True)
        out.append(m)
    return out


def _split_year(m: Mention) -> bool:
    """Is ``m`` one split (fiscal) year, "2024-25"?"""
    return (
        m.role not in ("comparison", "deadline")
        and m.fine is None
        and m.first is not None
        and m.last == m.first + 1
    )


def find(text: str, start: int, end: int, ref: Date | None) -> list[TimeExpr]:
    """Time expressions of a sentence as public ``TimeExpr`` values."""
    out: list[TimeExpr] = []
    for m in find_mentions(text, start, end, ref):
        role = m.role if m.role in ("point", "deadline", "since", "range") else "point"
        out.append(TimeExpr(m.start, m.end, m.text, m.fine or m.period or "", role))  # type: ignore[arg-type]
    return out


def _years_of(seq: list[Mention]) -> list[tuple[int, Mention]]:
    if len(seq) == 1:
        m = seq[0]
        if m.first is None or m.last is None:
            return []
        return [(y, m) for y in range(m.first, m.last + 1)]
    return [(m.first, m) for m in seq if m.first is not None]


def assign(
    text: str,
    s_start: int,
    s_end: int,
    quants: list[Quantity],
    mentions: list[Mention],
    ctx: TimeContext,
    bound_after: dict[int, Mention] | None = None,
) -> list[tuple[str | None, list[str]] | None]:
    """Rules 1-3: the period of each figure that the sentence ties to it, else ``None``.

    Figures left ``None`` get theirs from ``default`` once their kind is known.
    ``bound_after``, when given, receives figure -> the expression right after it.
    """
    out: list[tuple[str | None, list[str]] | None] = [None] * len(quants)
    usable = [m for m in mentions if m.role != "comparison"]
    # 1. lists of figures against lists of years.
    groups = _tokens.list_groups(text, quants)
    if groups:
        seqs = [[usable[i] for i in g] for g in _tokens.mention_lists(text, usable)]
        seqs += [[m] for m in usable if m.role == "range" and 2 <= m.years <= 10]
        respectively = _RESPECTIVELY.search(text, s_start, s_end) is not None
        if not seqs and (respectively or not usable):
            ctx.flush()
            if ctx.seq:
                # "Revenues are projected at 40.3, 42.4 and 43.9 trillion" after a sentence
                # that named 2025-2027: the list runs over those years.
                seqs = [ctx.seq]
        if respectively:
            # "... in 2022 and 5.1% in 2023, while inflation reached 20.3% and 9.8%,
            # respectively": the years the sentence named, in order
            named = sorted(
                {m.first: m for m in usable if m.years == 1 and m.first is not None}.values(),
                key=lambda m: m.start,
            )
            if len(named) >= 2:
                seqs.append(named)
        for g in groups:
            for seq in seqs:
                years = _years_of(seq)
                if len(years) != len(g):
                    continue
                how = "respectively" if respectively else "list"
                for qi, (y, m) in zip(g, years, strict=True):
                    out[qi] = (str(y), [f"{m.cue}", f"period:{how}->{y}"])
                break
    # 2. adjacency: first the expression right after each figure (it is then taken), then
    # one before a figure with no figure or clause break between.
    taken: set[int] = set()
    starts = [m.start for m in usable]
    for i, q in enumerate(quants):
        # "Q2 at 6.8%, Q3 at 6.9%", "2026: 4.1%": a time that labels the figure after it
        k = bisect.bisect_left(starts, q.start) - 1
        if out[i] is None and k >= 0 and _LABELS.match(text, usable[k].end, q.start):
            m = usable[k]
            if i == 0 or quants[i - 1].end <= m.start:
                out[i] = (m.period, [m.cue])
                taken.add(m.start)
                if bound_after is not None:
                    bound_after[i] = m
    for i, q in enumerate(quants):
        if out[i] is not None:
            continue
        nxt_q = quants[i + 1].start if i + 1 < len(quants) else s_end
        k = bisect.bisect_left(starts, q.start) - 1
        # a figure led by its time ("for 2026 to 2.1%"): a time leading the next figure
        # the same way is that figure's ("... and for 2027 to 2.3%")
        led = (
            k >= 0 and usable[k].end <= q.start and _LEADS.fullmatch(text, usable[k].end, q.start) is not None
        )
        lo = bisect.bisect_left(starts, q.end)
        window = usable[lo : bisect.bisect_left(starts, nxt_q)]
        first = next(
            (
                m
                for m in window
                if (_FILLER_AFTER.match(text[q.end : m.start]) or _PAREN_AFTER.match(text[q.end : m.start]))
                and not _POSSESSIVE.match(text, m.end)
                and not (led and nxt_q < s_end and _LEADS.fullmatch(text, m.end, nxt_q))
            ),
            None,
        )
        if first is not None:
            out[i] = (first.period, [first.cue])  # period None: no document date
            taken.add(first.start)
            if bound_after is not None:
                bound_after[i] = first
    for i, q in enumerate(quants):
        if out[i] is not None:
            continue
        prev_q = quants[i - 1].end if i > 0 else s_start
        between = usable[bisect.bisect_left(starts, prev_q) : bisect.bisect_left(starts, q.start)]
        before = [m for m in between if m.end <= q.start and m.start not in taken]
        if before and _in_other_relative(_relatives(text, s_start, s_end), before[-1], q):
            continue
        if before and before[-1].first is not None and _WHEN.match(text[before[-1].end : q.start]):
            # "has tripled since 1960, when it was 9.9 million": the figure of that year
            m = before[-1]
            out[i] = (str(m.first), [m.cue, f"period:when->{m.first}"])
        elif before and not _CLAUSE_BREAK.search(text, before[-1].end, q.start):
            out[i] = (before[-1].period, [before[-1].cue])
    return out


#: Added to the cue of a time expression that dates a from/to change as a whole, and so
#: both its figures ("rose to 900 euros from 850 euros on 1 March 2026").
SHARED_MARK = " (shared by the change)"


def share_change(
    text: str,
    quants: list[Quantity],
    rels: list[tuple[str, int]],
    bound: list[tuple[str | None, list[str]] | None],
    after_of: dict[int, Mention],
    ref: Date | None,
) -> None:
    """Rule 2b: in "to X from Y <time>" the time after the starting value Y dates the change
    as a whole, so X too ("will rise to 900 euros from 850 euros on 1 March 2026", "fell to
    5.1% from 5.6% in the second quarter"), as in "from Y to X <time>" it dates Y too; both
    get the cue with ``SHARED_MARK``.  (The pipeline may still date the starting value of
    a change ahead at the document date: "raising VAT from 7.5% to 10% in 2025".)

    Not when X has a time of its own ("to 4% in May from 3.5% in April"), when a comma
    sets the starting value apart ("to 5%, from 8.9% in 2024"), or when the time ends
    before the document's year: "fell to 89,000 from 225,000 in 2020" dates the starting
    value only.  ``bound`` (from ``assign``) is changed in place."""
    for j, (label, i) in enumerate(rels):
        if label != "base" or i < 0 or bound[min(i, j)] is not None:
            continue
        # the figure the time follows: the starting value of "to X from Y <time>", the new
        # value of "from Y to X <time>"
        last = max(i, j)
        m = after_of.get(last)
        got = bound[last]
        if m is None or got is None or got[1] != [m.cue] or m.period is None:
            continue
        if "," in text[quants[min(i, j)].end : quants[last].start]:
            continue
        if last == j and ref is not None and (m.last is None or m.last < ref.year):
            continue
        shared = (m.period, [m.cue + SHARED_MARK])
        bound[i] = bound[j] = shared


def default(
    text: str,
    s_start: int,
    s_end: int,
    q: Quantity | None,
    kind: str,
    mentions: list[Mention],
    ctx: TimeContext,
    ref: Date | None,
    exclude: frozenset[int] = frozenset(),
    times: SentenceTimes | None = None,
) -> tuple[str | None, list[str]]:
    """Rules 4-5: a period for a figure (or a commitment, ``q=None``) not tied to one.

    ``exclude`` holds start offsets of expressions that date another figure's starting
    value ("fell to 89,000 from 225,000 in 2020") and so cannot date this one.  ``times``
    (``SentenceTimes`` of ``mentions``), when given, finds the same period for each of many
    figures of the sentence without walking all its expressions each time."""
    ready = times.candidates(kind, ref, exclude) if times is not None and q is not None else None
    if ready is not None and q is not None:
        found = _nearest_candidate(text, s_start, s_end, q, kind, *ready)
        if found is not None:
            return found.period, [found.cue]
        return _from_context(text, s_start, s_end, kind, ctx, ref, q)
    usable = [
        m for m in mentions if m.role != "comparison" and m.period is not None and m.start not in exclude
    ]
    relatives = _relatives(text, s_start, s_end) if q is not None and usable else ()
    if q is not None and relatives:
        # "The grid, which has grown since 2015, will eventually stretch to 9,000 km": a
        # time inside a relative clause dates that clause, not the figure outside it
        # (checked only near the figure, where a clause can hold both)
        qs = q.start
        far = DISTANCE_WINDOW
        usable = [m for m in usable if abs(m.start - qs) > far or not _in_other_relative(relatives, m, q)]
    if q is not None:
        usable = [m for m in usable if not _forward_only(text, q, m)]
    if kind in ("achievement", "status") and ref is not None:
        # A done or present figure is not dated by a future deadline in its sentence
        # ("accounted for 5.9%, and the share is to reach 15% by 2030").
        usable = [m for m in usable if (m.first or 0) <= ref.year]
    elif kind in ("target", "forecast"):
        # A goal or an outlook is not dated by the start of a past run ("laid 1,100 km
        # since 2021, and the network will eventually total 2,000 km").  (A past year
        # may date a goal: "missed the 6-6.5% target for 2024".)
        usable = [m for m in usable if m.role != "since"]
    if usable:
        if q is None:
            deadlines = [m for m in usable if m.role == "deadline"]
            best = (deadlines or usable)[0]
        else:
            # clause breaks are counted only near the figure: farther expressions are
            # ranked by distance alone, so a sentence of thousands of figures stays linear
            near = [m for m in usable if abs(m.start - q.start) <= DISTANCE_WINDOW]
            if near:
                best = min(near, key=lambda m: _distance(text, q, m, kind))
            else:
                best = min(usable, key=lambda m: abs(m.start - q.start))
        return best.period, [best.cue]
    return _from_context(text, s_start, s_end, kind, ctx, ref, q)


def _from_context(
    text: str,
    s_start: int,
    s_end: int,
    kind: str,
    ctx: TimeContext,
    ref: Date | None,
    q: Quantity | None = None,
) -> tuple[str | None, list[str]]:
    """Rule 5: the period of a figure its sentence does not date.  An amount of money
    planned in a document about a budget, with no time of its own nor of its paragraph (a
    row of an allocation list), is for the budget year."""
    topic = ctx.topic.get() if ctx.topic is not None and kind in ("status", "achievement") else None
    if kind == "status":
        # (the context is not read: earlier sentences stay deferred, see ``TimeContext``)
        if topic is not None and ref is not None and topic.period == str(ref.year):
            # a level in a release about a part of this year holds in that part
            return topic.period, [topic.cue + TOPIC_MARK]
        if ref is not None:
            return str(ref.year), [f"period:document date->{ref.year}"]
        return None, []
    if kind == "target":
        event = _event_time(text, s_start, s_end)
        if event is not None:
            # "will be introduced in the next session of Parliament": timed by an event
            # that has no year; the paragraph's year is not its deadline
            return None, [f"period:{' '.join(event.group(0).split())}->?"]
    ctx.flush()
    last = ctx.last
    if kind == "achievement":
        if last is not None and last.role != "deadline" and (ref is None or (last.first or 0) <= ref.year):
            return last.period, [f"{last.cue} (context)"]
        if ref is not None:
            y = ref.year - 1 if ref.month <= EARLY_REPORT_MONTH else ref.year
            if topic is not None and topic.period == str(y):
                # an outcome in a release about a part of the year it reports on
                return topic.period, [topic.cue + TOPIC_MARK]
            return str(y), [f"period:reported on {ref.isoformat()}->{y}"]
        return None, []
    if kind == "target":
        # A goal takes the paragraph's time when it is a heading ("Priorities for 2025")
        # or a year, a run of years or a deadline - not the month a preceding result
        # was reported for ("inflation slowed in June ... the IMF will lend $7 billion").
        frame = ctx.heading if ctx.heading is not None and ctx.heading is last else None
        dated_plainly = last is not None and (
            last.fine is None or not last.relative or last.role == "deadline"
        )
        if frame is None and dated_plainly:
            frame = last
        if frame is not None and (ref is None or (frame.last or 0) >= ref.year):
            return frame.period, [f"{frame.cue} (context)"]
        if q is not None and _is_money(q.unit) and ctx.topic is not None and ctx.topic.budget():
            period, cues = budget_year(ctx, ref)
            return period, [f"{c} (budget document)" for c in cues]
        return None, []
    # forecast
    if last is not None:
        return last.period, [f"{last.cue} (context)"]
    if ref is not None:
        return str(ref.year), [f"period:document date->{ref.year}"]
    return None, []


def _is_money(unit: str | None) -> bool:
    """Is ``unit`` an amount of money (an ISO 4217 code, not a rate)?"""
    return unit is not None and len(unit) == 3 and unit.isupper()


#: A budget is presented up to this many months before the fiscal year it is for starts:
#: a February budget speech in an April-March year, an October one in a calendar year.
BUDGET_LEAD_MONTHS = 4


def budget_year(ctx: TimeContext, ref: Date | None) -> tuple[str | None, list[str]]:
    """The fiscal year a statement dated ``ref`` budgets for: the one that starts within
    ``BUDGET_LEAD_MONTHS`` months, else the one running (in the document country's fiscal
    calendar, a calendar year when it is unknown).  For money set aside with no time of its
    own ("I propose to allocate 2,000 crore for rural roads")."""
    if ref is None:
        return None, []
    fy = ctx.fiscal.get() if ctx.fiscal is not None else None
    start = fy.start if fy is not None else 1
    ahead = 1 if 0 < (start - ref.month) % 12 <= BUDGET_LEAD_MONTHS else 0
    if fy is None or fy.calendar:
        first = ref.year - (ref.month < start) + ahead
        return str(first), [f"period:the year budgeted->{first}"]
    a, b = fy.current(ref, ahead)
    period = str(a) if a == b else f"{a}/{b}"
    return period, [f"period:the budget year->{period}"]


class SentenceTimes:
    """A sentence's time expressions, ready for the defaults of its figures: those a
    figure of each kind may take are filtered once (not once per figure) and searched
    near each figure by bisection, so a sentence of thousands of figures and times stays
    linear (``default``)."""

    __slots__ = ("_ready", "mentions")

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self._ready: dict[tuple[frozenset[int], str, int], tuple[list[Mention], list[int]] | None] = {}

    def candidates(
        self, kind: str, ref: Date | None, exclude: frozenset[int]
    ) -> tuple[list[Mention], list[int]] | None:
        """The expressions ``default`` lets a figure of ``kind`` take (all but the
        relative-clause test, which depends on the figure), with their starts; None when
        they are not in order of start (``default`` then walks them)."""
        done = kind in ("achievement", "status") and ref is not None
        group = "done" if done else "ahead" if kind in ("target", "forecast") else ""
        key = (exclude, group, ref.year if done and ref is not None else 0)
        if key in self._ready:
            return self._ready[key]
        ms = [m for m in self.mentions if m.role != "comparison" and m.period is not None]
        ms = [m for m in ms if m.start not in exclude]
        if group == "done" and ref is not None:
            ms = [m for m in ms if (m.first or 0) <= ref.year]
        elif group == "ahead":
            ms = [m for m in ms if m.role != "since"]
        starts = [m.start for m in ms]
        ready = (ms, starts) if all(a <= b for a, b in itertools.pairwise(starts)) else None
        self._ready[key] = ready
        return ready


def _nearest_candidate(
    text: str, s_start: int, s_end: int, q: Quantity, kind: str, ms: list[Mention], starts: list[int]
) -> Mention | None:
    """What ``default`` chooses from ``ms`` (in order of start) for figure ``q``: the best
    by clause distance within ``DISTANCE_WINDOW``, else the nearest (the first on a tie)."""
    if not ms:
        return None
    qs = q.start
    lo = bisect.bisect_left(starts, qs - DISTANCE_WINDOW)
    hi = bisect.bisect_right(starts, qs + DISTANCE_WINDOW)
    near = ms[lo:hi]
    relatives = _relatives(text, s_start, s_end)
    if relatives:
        near = [m for m in near if not _in_other_relative(relatives, m, q)]
    near = [m for m in near if not _forward_only(text, q, m)]
    if near:
        return min(near, key=lambda m: _distance(text, q, m, kind))
    before = ms[bisect.bisect_left(starts, starts[lo - 1])] if lo > 0 else None
    after = ms[hi] if hi < len(ms) else None
    if before is None or after is None:
        return before or after
    return before if qs - before.start <= after.start - qs else after


@lru_cache(maxsize=8)
def _relatives(text: str, s_start: int, s_end: int) -> tuple[tuple[int, int], ...]:
    """Spans of the relative clauses closed by a comma in a sentence (once per sentence)."""
    if _RELATIVE_WORD.search(text, s_start, s_end) is None:
        return ()
    return tuple((r.start(), r.end()) for r in _RELATIVE.finditer(text, s_start, s_end))


@lru_cache(maxsize=8)
def _event_time(text: str, s_start: int, s_end: int) -> re.Match[str] | None:
    return _EVENT_TIME.search(text, s_start, s_end)


#: A time in the possessive labels the noun phrase after it ("last year's shortfall of 10
#: billion", "the previous year's 10 billion"), not a figure before it.
_POSSESSIVE = re.compile(r"['’]s?\b")
#: A figure between two spans of text (a digit standing apart from a word).
_FIGURE_BETWEEN = re.compile(r"(?<![\w.,])\d")


def _forward_only(text: str, q: Quantity, m: Mention) -> bool:
    """Does ``m``, after figure ``q``, belong to a later phrase and so cannot date ``q``: a
    possessive time ("beat the projected 9 billion and topped last year's 10 billion"), or a
    year counted back ("the previous year", "a year earlier") that another figure stands
    between ("above the projected 9 billion and the 10 billion of the year before": a year
    before the figures named first, not their year)?"""
    if m.start < q.end:
        return False
    if _POSSESSIVE.match(text, m.end):
        return True
    return (
        m.relative
        and _ANAPHORIC_YEAR.search(m.text) is not None
        and _FIGURE_BETWEEN.search(text, q.end, m.start) is not None
    )


def _in_other_relative(relatives: tuple[tuple[int, int], ...], m: Mention, q: Quantity) -> bool:
    """Is ``m`` inside a relative clause (", which ... ,") that does not hold ``q``?
    (``relatives`` are sorted and disjoint: one bisection finds the clause.)"""
    k = bisect.bisect_right(relatives, (m.start, m.end)) - 1
    if k >= 0 and relatives[k][0] <= m.start and m.end <= relatives[k][1]:
        a, b = relatives[k]
        return not (a <= q.start < b)
    return False


def _distance(text: str, q: Quantity, m: Mention, kind: str) -> int:
    lo, hi = (q.end, m.start) if m.start >= q.end else (m.end, q.start)
    breaks = len(_CLAUSE_BREAK.findall(text, lo, hi)) if hi > lo else 0
    bonus = DEADLINE_BONUS if kind == "target" and m.role == "deadline" else 0
    return abs(hi - lo) + CLAUSE_PENALTY * breaks - bonus
