"""The grammar of time expressions: find them in a sentence and resolve them to years.

Reads: text, a sentence span, the document date (may be ``None``) and whether the
sentence speaks of the future or the past (to place "in September" in the right year).
Writes: ``Mention`` objects, one per time expression, with the preposition that governs
it folded into the span ("by 2029", "than in 2022", "by the end of the year").

Resolution rules (documented in docs/json-contract.md):
- a claim's period is at year granularity ("2024") or a year range ("2026/2028"); a finer
  reading (month, quarter, half) is kept in ``Mention.fine`` and shown in the cue;
- a month, quarter or half without a year is placed in the document year, or in the
  next/previous year when the sentence speaks of the future/past and that month has
  already passed/not yet come; a month that dates a verb of saying ("In March, the
  ministry said it will ...") is placed by that verb, not by the future it reports;
- "over the next N years" starts at the current year when the document is from the first
  half of the year (a January budget speech plans the year it opens), else the next year;
  "over the past N years" and "since 2020" end at the last year mostly reported on.
"""

from __future__ import annotations

import re
import re._parser as _sre_parse  # type: ignore[import-not-found]  # (no stubs; sre_parse is deprecated)
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as Date

from claimledger.extract._regex import (
    caseless_ok,
    first_chars,
    literal_first,
    lowered_pattern,
    lowered_source,
    opening_class,
    required_strings,
)
from claimledger.resources import dates, verbs
from claimledger.resources import kinds as kind_words
from claimledger.resources.dates import FiscalYear

#: Up to and including this month a document still reports mainly on the previous year:
#: "over the past year" in a January report means the year that just ended, while in
#: October it means (mostly) the current one.  Halfway through the year is the fair cut.
HALF_YEAR_MONTH = 6

_FISCAL_WORD = re.compile(r"fiscal|financial|budget", re.I)
#: A sentence about budgets ("allocated", "the budget", "appropriations"): its "this year",
#: "last year" and "next year" are the document country's fiscal years.
_BUDGET_TALK = re.compile(r"\b(?:" + "|".join(sorted(kind_words.BUDGET_STEMS)) + ")", re.I)
_BUDGET_RELATIVE = frozenset({"this", "current", "last", "next", "coming"})

_Y = r"(?:19[5-9]\d|20\d\d)"
#: Words that count periods ("three years ago", "a couple of years"): resources/data.
_NUMW = dates.PERIOD_COUNTS
_NW = r"(?:\d{1,2}|" + "|".join(dates.period_count_words()) + ")"


class Fiscal:
    """The fiscal year of a document's country, looked up on first use: most documents never
    name a fiscal year, and finding the country may mean reading the whole text."""

    __slots__ = ("_country", "_known", "_year")

    def __init__(self, country: Callable[[], str | None]) -> None:
        self._country: Callable[[], str | None] | None = country
        self._year: FiscalYear | None = None

    def get(self) -> FiscalYear | None:
        """The document country's fiscal year, ``None`` when the country is unknown."""
        if self._country is not None:
            self._year = dates.fiscal_year(self._country())
            self._country = None  # asked once: the callable may hold the whole document
        return self._year

    def peek(self) -> FiscalYear | None:
        """The fiscal year as the document's country reads so far, without settling it: a
        passing use ("this year" in a sentence about budgets) must not fix the country before
        the text has told it (the currencies of its amounts are read as they come)."""
        if self._country is None:
            return self._year
        return dates.fiscal_year(self._country())


class _Unresolvable(Exception):
    """A matched time word that cannot be read (see ``_MonthTable``): ignore the match."""


def _fold(word: str) -> str:
    # Under re.I the grammar also matches letters that fold to ASCII ("ſeptember" with a
    # long s, a Kelvin sign K, a dotted İ); fold the same way before looking the word up.
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("ı", "i")


class _MonthTable(dict[str, int]):
    """Month numbers by lower-case name; a key with non-ASCII look-alikes is folded first."""

    def __missing__(self, key: str) -> int:
        folded = _fold(key)
        if folded != key and folded in self:
            return self[folded]
        raise _Unresolvable(key)


_MONTHS = _MonthTable(dates.MONTHS)
_MON = (
    "(?:"
    + "|".join(m.capitalize() for m in dates.FULL_MONTHS)
    + "|(?:"
    + "|".join(m.capitalize() for m in dates.MONTH_ABBREVIATIONS)
    + ")\\.?)"
)
_ORD = dates.QUARTER_ORDINALS

# The alternatives of the time grammar, tried left to right at each position: longer
# forms first.  Each is an rf-string so {_Y}, {_MON} and {_NW} expand.
_ALTERNATIVES: list[tuple[str, str]] = [
    (
        "iso",
        rf"""
(?P<iso>(?P<isoy>{_Y})-(?P<isom>[01]\d)-[0-3]\d(?!\d))
""",
    ),
    (
        "numdate",
        rf"""
(?P<numdate>(?<![\d.])[0-3]?\d[./][01]?\d[./](?P<ndy>{_Y})(?!\d))
""",
    ),
    (
        "between",
        rf"""
(?P<between>(?:between\s+(?P<b1>{_Y})\s+and|from\s+(?P<f1>{_Y})\s+(?:until|till|through|up\s+to))
\s+(?P<b2>{_Y})(?!\d))
""",
    ),
    (
        "fyshort",
        r"""
(?P<fyshort>FY\s*'?(?P<fys>\d\d)(?:\s*[/–—-]\s*(?P<fys2>\d\d))?(?!\d))
""",
    ),
    (
        "nm",
        rf"""
(?P<nm>(?P<nmn>[1-9]|1[0-2])M\s*(?P<nmy>{_Y}))
""",
    ),
    (
        "fy",
        rf"""
(?P<fy>(?:(?:the\s+)?(?:fiscal|financial|budget)\s+year|fiscal|FY)\s*'?(?P<fy1>{_Y})
(?:\s*[/–—-]\s*(?P<fy2>{_Y}|\d\d)(?!\d))?)
""",
    ),
    (
        "season",
        rf"""
(?P<season>(?P<sy1>{_Y})/(?P<sy2>\d\d)(?![\d/]))
""",
    ),
    (
        "range",
        rf"""
(?P<range>(?P<r1>{_Y})\s*(?:[–—/-]|\bto\b|\bthrough\b)\s*(?P<r2>{_Y}|\d\d)(?![\d%]|[.,]\d)
(?!\s+(?:million|billion|trillion|thousand|hundred|mln|bn|mn|tn|percent|per\s+cent)\b))
""",
    ),
    (
        "quarter",
        rf"""
(?P<quarter>(?:(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter|\bQ(?P<qn>[1-4]))
(?:\s+(?:of\s+)?(?:(?P<qy>{_Y})(?!\s*[/–—-]\s*\d)|(?P<qrel>this|last|next|the\s+current|the)\s+year))?)
""",
    ),
    (
        "quarter2",
        rf"""
(?P<quarter2>(?P<qy2>{_Y})\s*Q(?P<qn2>[1-4]))
""",
    ),
    (
        "half",
        rf"""
(?P<half>(?:(?P<hord>first|second)[\s-]+half|\bH(?P<hn>[12]))
(?:\s+(?:of\s+)?(?:(?P<hy>{_Y})(?!\s*[/–—-]\s*\d)|(?P<hrel>this|last|next|the\s+current|the)\s+year))?)
""",
    ),
    (
        "months9",
        rf"""
(?P<months9>(?:first\s+)?(?P<mcount>three|six|nine|eleven|\d{{1,2}})\s+months\s+of\s+
(?:(?P<my9>{_Y})|(?P<mrel9>this|last|the\s+current|the)\s+year))
""",
    ),
    (
        "yearqtr",
        rf"""
(?P<yearqtr>(?:(?P<yqto>(?:the\s+)?(?:year|twelve\s+months|12\s+months)\s+(?:to|ended|ending|through)\s+)
(?:the\s+)?)?(?P<yqm>{_MON})\s+quarter(?:\s+(?:of\s+)?(?P<yqy>{_Y}))?(?![\w-]))
""",
    ),
    (
        "month",
        rf"""
(?P<month>(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<mon>{_MON})(?:\s*[–—-]\s*(?P<mon2>{_MON}))?
(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(?P<my>{_Y}))?(?![A-Za-z]))
""",
    ),
    (
        "season4",
        rf"""
(?P<season4>(?P<sname>spring|summer|autumn|winter)(?:\s+(?:of\s+)?(?P<sy>{_Y}))?(?![\w-]))
""",
    ),
    (
        "relyear",
        r"""
(?P<relyear>(?:the\s+)?(?P<rel>this|current|last|past|previous|preceding|prior|next|coming|following|same)(?:\s+|-(?=year\b))
(?:fiscal\s+|financial\s+|calendar\s+|budget\s+)?year(?!s)(?!\s*,?\s*\(?\s*(?:19|20)\d\d))
""",
    ),
    (
        "fortheyear",
        r"""
(?P<fortheyear>(?<=for\s)(?:the\s+)?(?:full\s+|whole\s+)?year(?![\w-])
(?!\s*\(?\s*(?:(?:19|20)\d\d|FY|ended|ending|to\s|through\s)))
""",
    ),
    (
        "yearago",
        r"""
(?P<yearago>(?:(?:the\s+|a\s+|one\s+)?year|(?:twelve|12)\s+months)\s+(?:before|earlier|ago|prior|previously)(?![\w-]))
""",
    ),
    (
        "fyended",
        rf"""
(?P<fyended>(?:fiscal|financial)\s+year\s+(?:ended|ending|to)\s+(?:(?:\d{{1,2}}\s+)?(?P<fem>{_MON})
(?:\s+\d{{1,2}})?,?\s+)?(?P<fey>{_Y}))
""",
    ),
    (
        "yearto",
        rf"""
(?P<yearto>(?:the\s+)?(?:year|twelve\s+months|12\s+months)\s+(?:to|ended|ending|through)\s+(?:\d{{1,2}}\s+)?
(?P<ytm>{_MON})(?:\s+\d{{1,2}})?,?\s+(?P<yty>{_Y}))
""",
    ),
    (
        "today",
        r"""
(?P<today>today|nowadays)(?![\w'’])
""",
    ),
    (
        "startyear",
        r"""
(?P<startyear>(?:beginning|start)\s+of\s+(?:the|this)\s+year)
""",
    ),
    (
        "endyear",
        r"""
(?P<endyear>(?:end|close)\s+of\s+(?:the|this)\s+(?P<endfy>(?:fiscal|financial|budget)\s+)?year|year[- ]end\b)
""",
    ),
    (
        "nyears",
        rf"""
(?P<nyears>(?:the\s+)?(?P<ndir>next|coming|past|last|previous|following)\s+(?P<n>{_NW})\s+years)
""",
    ),
    (
        "overyears",
        rf"""
(?P<overyears>(?:over|in)\s+(?P<on>{_NW})\s+years(?!\s+ago))
""",
    ),
    (
        "yearsto",
        rf"""
(?P<yearsto>(?:the\s+)?(?P<ytn>{_NW})\s+years\s+(?:to|through|till|until|up\s+to|ending(?:\s+in)?)\s+(?P<yte>{_Y})(?!\d))
""",
    ),
    (
        "monthsto",
        rf"""
(?P<monthsto>(?:the\s+)?(?P<mtn>three|six|nine|twelve|\d{{1,2}})\s+months\s+
(?:to|through|ending(?:\s+in)?)\s+
(?P<mtmon>{_MON})(?:\s+(?P<mty>{_Y}))?)
""",
    ),
    (
        "decade",
        r"""
(?P<decade>(?:the\s+)?(?P<ddir>next|coming|past|last|previous)\s+decade)
""",
    ),
    (
        "withinyears",
        rf"""
(?P<withinyears>(?P<wprep>within|in)\s+(?:the\s+next\s+)?(?P<wn>{_NW})\s+years(?:'\s*time)?)
""",
    ),
    (
        "yearsago",
        rf"""
(?P<yearsago>(?P<an>{_NW})\s+years\s+ago)
""",
    ),
    (
        "relmonth",
        r"""
(?P<relmonth>(?P<mrel>this|last|next|past)\s+month)
""",
    ),
    (
        "year",
        rf"""
(?P<year>(?<![\d$€£¥#.,/])(?P<y>{_Y})(?![\d]|[.,]\d|\s*(?:%|per\s*cent|percent)|-[A-Za-z]))
""",
    ),
]
#: Alternatives that can match with no word anchor near a year: tried alone around a
#: bare year, where the full grammar would be wasted effort.
_YEAR_ONLY = frozenset({"iso", "numdate", "between", "nm", "season", "range", "quarter2", "year"})


def _compile(names: frozenset[str] | None) -> re.Pattern[str]:
    # Every time expression starts a word: the leading \b lets the engine skip positions
    # inside words at once instead of trying every alternative there.
    body = "\n  | ".join(t for n, t in _ALTERNATIVES if names is None or n in names)
    return re.compile(rf"\b(?:{body})", re.I | re.X)


_CORE = _compile(None)
_CORE_YEARS = _compile(_YEAR_ONLY)

# Case-insensitive matching costs the engine a case fold per character tried, and the
# grammar is tried at every word start of its windows.  The same patterns with their
# letters lowered, run without re.I over lower-cased text, find the same matches faster
# (see ``_core_matches`` for when the two are the same).
_LOWER: dict[re.Pattern[str], re.Pattern[str]] = {}


def _guarded(alt: str) -> tuple[str, frozenset[str], bool] | None:
    """Alternative ``alt`` lowered, and the characters (and whether any digit) that can
    open a match of it; None when that is not known."""
    low = lowered_source(alt)
    first = first_chars(_sre_parse.parse(low, re.X))
    if first is None or first[2]:
        return None
    return low, first[0], first[1]


_GUARDED = {name: _guarded(alt) for name, alt in _ALTERNATIVES}


def _fast_grammar(names: frozenset[str] | None) -> re.Pattern[str]:
    """``lowered_pattern(_compile(names))`` with each alternative behind a look-ahead for the
    characters that can open it, and the whole behind one for all of them: the same
    matches, but at a word start the engine tries only the alternatives that can open
    with its character (entering one costs groups and optional lead-ins such as
    "(?:the\\s+)?"), and at a word end none at all."""
    parts: list[str] = []
    chars: set[str] = set()
    digit = False
    known = True
    for name, alt in _ALTERNATIVES:
        if names is not None and name not in names:
            continue
        guarded = _GUARDED[name]
        if guarded is None:
            parts.append(lowered_source(alt))
            known = False
            continue
        low, first, first_digit = guarded
        parts.append(f"(?={opening_class(first, first_digit)}){low}")
        chars |= first
        digit |= first_digit
    body = "\n  | ".join(parts)
    ahead = f"(?={opening_class(frozenset(chars), digit)})" if known else ""
    return re.compile(rf"\b{ahead}(?:{body})", re.X)


#: For each alternative of the grammar, strings one of which its every match contains
#: (None: no such set).  A window of lower-cased text holding none of an alternative's
#: strings cannot match it, so the grammar tried there can leave it out and find the
#: same matches: "a month", "separately" and "decision" bring the month alternatives,
#: not all twenty-odd.
_REQUIRED: tuple[tuple[str, frozenset[str] | None], ...] = tuple(
    (name, required_strings(_sre_parse.parse(alt, re.I | re.X))) for name, alt in _ALTERNATIVES
)


#: Windows need a handful of different subsets of the grammar; past this many (a text
#: crafted to need many), a new subset is not compiled and the whole grammar is used.
MAX_GRAMMARS = 48
_GRAMMARS: dict[frozenset[str], re.Pattern[str]] = {}
#: Every string some alternative requires, and the grammar for each set of them found
#: together in a window (a window is summed up by one pass over these strings).
_REQUIRED_STRINGS = tuple(sorted({r for _name, req in _REQUIRED if req for r in req}))
_BY_PRESENT: dict[frozenset[str], re.Pattern[str]] = {}


def _window_grammar(window: str) -> re.Pattern[str]:
    """The lowered grammar of the alternatives that can match in lower-cased ``window``."""
    present = frozenset([r for r in _REQUIRED_STRINGS if r in window])
    grammar = _BY_PRESENT.get(present)
    if grammar is not None:
        return grammar
    names = frozenset(name for name, req in _REQUIRED if req is None or not req.isdisjoint(present))
    grammar = _GRAMMARS.get(names)
    if grammar is None:
        if len(_GRAMMARS) >= MAX_GRAMMARS:
            return _LOWER[_CORE]
        grammar = _GRAMMARS[names] = _fast_grammar(names)
    if len(_BY_PRESENT) < 8 * MAX_GRAMMARS:
        _BY_PRESENT[present] = grammar
    return grammar


#: The grammar is tried from this many characters before an anchor word to this many
#: after it: the longest lead-in ("in the first nine months of ") and tail ("through
#: September 2024") fit.
WINDOW_BEFORE = 45
WINDOW_AFTER = 30

# Every time expression contains one of these (a four-digit year, a month or season name,
# "year", "quarter", ...); text far from all of them is skipped.  Other digits are not
# anchors: most figures are not near a time expression.
_ANCHOR = re.compile(
    r"(?:19|20)\d\d|year|month|quarter|half|decade|fiscal|FY|spring|summer|autumn|winter|today"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\b[QH][1-4]",
    re.I,
)
_LOWER.update({_CORE: _fast_grammar(None), _CORE_YEARS: _fast_grammar(_YEAR_ONLY)})
_LOWER[_ANCHOR] = lowered_pattern(_ANCHOR)


_LOWER[_ANCHOR] = literal_first(_LOWER[_ANCHOR])

# The preposition (and "the end of", "early") governing a time expression, read backwards
# from its start.  Anchored at the end of the looked-at window.
_PREFIX = re.compile(
    r"""(?:\b(?P<cmp>than(?:\s+in|\s+for)?|compared\s+(?:with|to)(?:\s+in)?|versus|vs\.?|against|relative\s+to
          |(?:up|down|increase|rise|decline|fall|growth)\s+from)
        |\b(?P<prep>by|in|since|until|till|through|to|up\s+to|before|after|from|during|for|of|over|as\s+of
          |on|at|within|starting|beginning|throughout|no\s+later\s+than))
        \s+(?P<mod>(?:the\s+)?(?:end|beginning|start|middle|close|turn)\s+of\s+|(?:the\s+)?(?:early|late|mid|end)[-\s]?
          |the\s+year\s+|the\s+|last\s+|this\s+|next\s+)?$
    """,
    re.I | re.X,
)
_PREFIX_WINDOW = 40
#: "than ..." up to this many characters before a time expression, with no punctuation
#: between, makes it the base of a comparison ("than the same period of 2023").
_THAN_WINDOW = 30
_THAN_BEFORE = re.compile(r"\bthan\b[^,;.\d$€£¥]*$", re.I)  # not "more than $259 billion in 2023"
#: A change word ("up", "rose", "higher") and a figure just before "on/from/over <time>"
#: make that time the base of the comparison, not the figure's period.
_BASE_PREPS = frozenset({"on", "from", "over", "against"})
_CHANGE_WINDOW = 40
#: Only whole periods are bases; "will rise to £12.21 from April 2025" starts a date.
_BASE_KINDS = frozenset(
    {"year", "relyear", "yearago", "fy", "fyshort", "fyended", "yearto", "season", "quarter", "half"}
)
_CHANGE_BEFORE = re.compile(
    rf"\b(?:up|down|higher|lower|more|less|compared|change[sd]?|{verbs.change_pattern('up', 'down')})"
    r"\b(?:[^,;!?.]|\.(?=\d))*\d(?:[^,;!?.]|\.(?=\d))*$",
    re.I,
)
#: "the highest since 2008", "for the first time since 2015": a record compared with a year.
_SUPERLATIVE_WINDOW = 40
_SUPERLATIVE = re.compile(
    r"\b(?:highest|lowest|fastest|slowest|biggest|largest|smallest|strongest|weakest|steepest|sharpest|deepest"
    r"|longest|worst|best|most|least|first\s+time|record)\b[^,;.]{0,30}$",
    re.I,
)
_DEADLINE_PREPS = frozenset(
    {"by", "until", "till", "through", "to", "up to", "before", "within", "no later than"}
)
_SINCE_PREPS = frozenset({"since", "starting", "beginning"})
#: A level held, in the clause before "since": "has remained unchanged at 4% since 2019", "held
#: steady at 6.5% since May".  The year starts the holding; the figure is the level now.
_LEVEL_HELD = re.compile(
    r"\b(?:" + "|".join(sorted(kind_words.KEEP_VERBS | dates.LEVEL_HELD_WORDS)) + r")\b"
    r"(?!\s+[a-z]+ing\b)(?:[^,;:.]|\.\d)*$",  # not "kept building roads since 2019"
    re.I,
)
_LEVEL_HELD_WINDOW = 50
#: A quarter or half after these, in a clause not about the future, ends a running total
#: from the start of its year ("through the third quarter", "up to the first half").
_RUNNING_PREPS = frozenset({"through", "up to", "until", "till"})
_PART_KINDS = frozenset({"quarter", "quarter2", "half"})
#: "since" governing a clause that ends in the year: "since taking office in 2016", "since
#: coming to power in 2019", "since its launch in 2021" - a run from that year, as "since 2016".
_SINCE_CLAUSE = re.compile(
    r"\bsince\s+(?:[a-z]+ing|(?:its|their|the|his|her|our|my)\s+(?:[a-z]+\s+){0,2}?[a-z]+)"
    r"(?:\s+(?!(?:and|but|or|which|when)\b)[a-z'’]+){0,3}\s+(?:in|of)\s+$",
    re.I,
)
_SINCE_CLAUSE_WINDOW = 70

#: A season without a year is a time only after a preposition or determiner ("in
#: winter", "this summer") and not before a noun it modifies ("winter crops").
_SEASON_LEAD = re.compile(
    r"\b(?:in|during|over|through|throughout|by|until|since|this|last|next|early|late|mid|the|of|before|after|for)"
    r"[\s-]+$",
    re.I,
)
_SEASON_LEAD_WINDOW = 20
_SEASON_MODIFIES = re.compile(
    r"[\s-]+(?!(?:and|or|but|when|as|the|a|an|to|of|is|was|were|are|will|has|had|have|season|months?|quarter"
    r"|period|session|sitting|term|semester|recess|it|we|they|this|that|these|there|prices|demand)\b)[a-z]"
)
#: A year right after the name of a law is part of its title ("the Companies Act of 2013").
_LAW_TITLE = re.compile(
    r"\b(?:Act|Code|Law|Ordinance|Decree|Rules|Regulations?|Constitution|Amendment|Proclamation)\s*,?\s*(?:of\s+)?$"
)
_LAW_WINDOW = 20
#: Expressions placed in a year by the tense of their clause.
_TENSED = frozenset({"month", "quarter", "half", "months9", "endyear", "season4", "fortheyear", "yearqtr"})
_CLAUSE_EDGE = re.compile(r"[;:]|,\s*(?:and|but|while|whereas|which)\b", re.I)
_FUTURE = re.compile(
    r"\b(?:will|shall|would|plans?|planned|to\s+be|is\s+to|are\s+to|scheduled|expected|intends?|aims?"
    r"|set\s+to|next)\b"
    # a forecast or plan stated now ("growth is projected at 1.2% in the third quarter"):
    # a present passive of a forecasting or planning participle, not a past "-ed" word
    r"|\b(?:is|are|am|remains?)\s+(?:(?:now|still|also|currently)\s+)?(?:"
    + "|".join(sorted(kind_words.FORECAST_PARTICIPLES | kind_words.PLAN_PARTICIPLES))
    + r")\b"
    # an instruction given now ("I instruct the Government to raise ... from 1 July") is for later
    r"|\b(?:I|we)\s+(?:" + "|".join(sorted(kind_words.INSTRUCTION_VERBS)) + r")\b",
    re.I,
)
#: A month (quarter, season) that dates the saying, not what is said: "In March, the
#: ministry said it will ...", "the ministry announced in March that ...".  It is placed by
#: the tense of the verb of saying (past), not by the future of the reported clause.
_SAID_KINDS = frozenset({"month", "quarter", "half", "season4"})
_SAYING = (
    r"(?:said|announced|stated|told|noted|reported|declared|confirmed|explained|added|wrote|unveiled"
    r"|revealed|disclosed|pledged|promised|vowed|published|presented)"
)
_SAID_BEFORE = re.compile(rf"\b{_SAYING}\s+(?:in|on|during)\s+(?:early\s+|late\s+|mid-?)?(?:the\s+)?$", re.I)
_SAID_AFTER = re.compile(
    r"\s{0,3},?\s{1,3}(?:(?!(?:will|would|shall|is|are|was|were|to|that|it|has|have|had|be|and|but)\b)"
    rf"[\w'’.-]{{1,30}}\s{{1,3}}){{1,6}}?{_SAYING}\b",
    re.I,
)
_SAID_WINDOW = 40
#: The same around a day, for the verbs of an act that decides or asks for a figure too
#: ("On 3 May the Board approved a loan of ...", "she called on 11 September for ...").
_ACTS = "(?:" + _SAYING + "|" + "|".join(sorted(dates.ACT_DAY_VERBS)) + ")"
_ACT_BEFORE = re.compile(
    rf"\b{_ACTS}\s+(?:in|on|during)\s+(?:early\s+|late\s+|mid-?)?(?:the\s+)?$"
    # "approved a $50 million loan on 3 May": the act's object between the verb and its day
    rf"|\b{_ACTS}\s+(?:[^,;:.\s]+\s+|\.\d+\s+){{1,8}}on\s+$",
    re.I,
)
#: How far before a day its act's verb may stand (with the act's object between).
_ACT_WINDOW = 80
_ACT_AFTER = re.compile(
    r"\s{0,3},?\s{1,3}(?:(?!(?:will|would|shall|is|are|was|were|to|that|it|has|have|had|be|and|but)\b)"
    rf"[\w'’.-]{{1,30}}\s{{1,3}}){{1,6}}?{_ACTS}\b",
    re.I,
)
#: A day number in a month expression ("3 May", "May 3rd").
_DAY_IN_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
#: What is said goes on after the verb of saying ("said growth ...", "said that ...").
_SAID_GOES_ON = re.compile(r"\s*(?:,\s*)?(?:that\s+)?[A-Za-z\d$€£]")
#: Shown in the cue of a day that dates the saying (``Mention.said``).
SAID_MARK = "(when said)"
_MONTH_PREP = re.compile(r"\b(?:in|by|since|until|till|from|of|early|late|mid|end|on|before|after)\s+$")
_PAST = re.compile(
    r"\bto\s+have\s+(?:been\s+)?[a-z]{3,}(?:ed|en|wn|ne)\b"  # "is expected to have grown": a past event
    r"|\b(?:was|were|had|has\s+been|have\s+been|did|last|ago|stood|rose|fell|grew|came|took|saw|began|became"
    r"|won|left)\b"
    r"|(?<!\bbe\s)\b(?:built|made|held|spent|paid|sold|kept)\b"
    # -ed words, but not a passive future ("will be opened") nor a verb of saying, whose
    # tense is the report's, not the event's ("noted that by the end of this year ...")
    r"|(?<!\bbe\s)\b(?!(?:noted|stated|stressed|added|emphasi[sz]ed|underlined|reported|announced|"
    r"explained|recalled|mentioned|highlighted|pointed|informed|declared|confirmed|claimed)\b)[a-z]{3,}ed\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A time expression in a sentence, resolved to calendar years.

    ``first``/``last`` are ``None`` when the expression is relative and there is no
    document date.  ``role`` is ``point``, ``deadline``, ``since``, ``range`` or
    ``comparison`` (the base of a comparison: "than in 2022").
    """

    start: int
    end: int
    text: str
    first: int | None
    last: int | None
    role: str
    fine: str | None = None
    relative: bool = False
    #: a day that dates the saying, not what is said ("On 3 May the bank said growth
    #: was 2%"): it gives a figure its year but not a day's granularity (frame basis)
    said: bool = False
    #: the tense that placed a month, quarter or half named without its year ("", "past"
    #: or "future"; None when no tense placed it): a later reading may place it nearer the
    #: month its paragraph named before, within what that tense allows
    placed: str | None = None
    #: a year after "the same period (quarter, months) of/in": the part of a year named
    #: before, in this year ("in the same period last year")
    same: bool = False

    @property
    def period(self) -> str | None:
        if self.first is None or self.last is None:
            return None
        if self.first == self.last:
            return str(self.first)
        return f"{self.first}/{self.last}"

    @property
    def years(self) -> int:
        """How many calendar years the expression spans (0 when unresolved)."""
        if self.first is None or self.last is None:
            return 0
        return self.last - self.first + 1

    @property
    def cue(self) -> str:
        shown = self.fine or self.period
        words = " ".join(self.text.split())
        if shown is None:
            return f"period:{words}->?"
        if self.said:
            words = f"{words} {SAID_MARK}"
        if words == shown or (self.fine is None and words.endswith(shown) and not self.relative):
            return f"period:{words}"
        return f"period:{words}->{shown}"


def _num(word: str) -> int:
    w = word.lower()
    return int(w) if w.isdigit() else _NUMW.get(w, 1)


def _full_year(first: int, short: str) -> int:
    if len(short) == 4:
        return int(short)
    y = first // 100 * 100 + int(short)
    return y if y >= first else y + 100


def _last_reported(ref: Date) -> int:
    return ref.year - 1 if ref.month <= HALF_YEAR_MONTH else ref.year


def _first_ahead(ref: Date) -> int:
    return ref.year if ref.month <= HALF_YEAR_MONTH else ref.year + 1


#: A quarter's figures come out over the quarter after it: a forecast for "the third
#: quarter" made in October or December is of the quarter just ended (a nowcast), not of next
#: year's.
QUARTER_RELEASE_MONTHS = 3


def _place_month(month: int, ref: Date | None, tense: str, grace: int = 0) -> int | None:
    """The year of a month named without one, given the sentence's tense (a future one is
    ahead unless it ended less than ``grace`` months before the document)."""
    if ref is None:
        return None
    if tense == "future" and month + grace < ref.month:
        return ref.year + 1
    if tense == "past" and month > ref.month:
        return ref.year - 1
    return ref.year


def sentence_tense(text: str, start: int, end: int, at: int | None = None) -> str:
    """ "future", "past" or "" - a coarse reading used only to place month names: the
    tense marker nearest to ``at`` (the time expression) in its clause wins."""
    if at is not None:
        # the clause of the expression first: "declined ... in August, and is expected to"
        c_start, c_end = start, end
        for b in _CLAUSE_EDGE.finditer(text, start, end):
            if b.end() <= at:
                c_start = b.end()
            elif b.start() >= at:
                c_end = b.start()
                break
        in_clause = _tense_marks(text, c_start, c_end, at)
        if in_clause:
            return min(in_clause)[2]
    marks = _tense_marks(text, start, end, at)
    return min(marks)[2] if marks else ""


def _tense_marks(text: str, start: int, end: int, at: int | None) -> list[tuple[int, int, str]]:
    """(weakness, distance, tense) of each tense marker: an -ed word may be an adjective
    ("subsidised loans", "damaged homes"), so it counts only when nothing stronger does."""
    marks = [
        (0, abs(m.start() - (at if at is not None else m.start())), "future")
        for m in _FUTURE.finditer(text, start, end)
    ]
    for m in _PAST.finditer(text, start, end):
        word = m.group(0).lower()
        weak = 1 if word.endswith("ed") and word not in ("had", "did") else 0
        if word.startswith("to"):
            weak = -1  # "expected to have grown": the expectation is about a past event
        marks.append((weak, abs(m.start() - (at if at is not None else m.start())), "past"))
    return marks


def find_mentions(
    text: str, start: int, end: int, ref: Date | None, fiscal: Fiscal | None = None
) -> list[Mention]:
    """Every time expression in ``text[start:end]``, in order, resolved against ``ref`` (and
    fiscal years against the document country's ``fiscal`` year)."""
    out: list[Mention] = []
    for m in _core_matches(text, start, end):
        kind = m.lastgroup
        if kind == "year" and _LAW_TITLE.search(text, max(start, m.start() - _LAW_WINDOW), m.start()):
            continue  # "the Income-tax Act, 1961": the year names the law, it dates nothing
        tense = ""
        if kind in _TENSED and ref is not None:
            tense = sentence_tense(text, start, end, m.start())
            if tense == "future" and kind in _SAID_KINDS and _dates_saying(text, start, end, m):
                tense = "past"  # "In March, the ministry said it will ...": when it was said
        try:
            budget = kind == "relyear" and _BUDGET_TALK.search(text, start, end) is not None
            res = _resolve(m, ref, tense, fiscal, budget)
        except _Unresolvable:
            res = None
        if res is None:
            continue
        first, last, fine, relative, role = res
        m_start = m.start()
        if role != "comparison" and _THAN_BEFORE.search(text, max(start, m_start - _THAN_WINDOW), m_start):
            role = "comparison"  # "higher than in the same quarter a year ago"
        pm = _PREFIX.search(text, max(start, m_start - _PREFIX_WINDOW), m_start)
        if pm is not None:
            m_start = pm.start()
            prep_word = (pm.group("prep") or "").lower()
            if (
                pm.group("cmp")
                or (m.lastgroup == "year" and prep_word == "on")  # "up 12% on 2023"
                or (m.lastgroup == "yearago" and prep_word == "from")  # "up 88% from a year earlier"
                or (
                    # "up 0.4% on the previous year", "up 12.5% from 2023": the base
                    prep_word in _BASE_PREPS
                    and m.lastgroup in _BASE_KINDS
                    and _CHANGE_BEFORE.search(text, max(start, pm.start() - _CHANGE_WINDOW), pm.start())
                )
            ):
                role = "comparison"
            else:
                prep = " ".join(pm.group("prep").lower().split())
                if (
                    kind in _PART_KINDS
                    and prep in _RUNNING_PREPS
                    and fine is not None
                    and first is not None
                    and sentence_tense(text, start, end, m.start()) != "future"
                ):
                    # "exported $40 billion through the third quarter of 2025": a running
                    # total from the start of the year, not the quarter alone nor a deadline
                    ends = int(fine[6]) * (3 if fine[5] == "Q" else 6)
                    fine = f"{first}-01/{first}-{ends:02d}"
                elif role in ("point", "range") and prep in _DEADLINE_PREPS:
                    role = "deadline"
                elif (
                    role == "point"
                    and prep in _SINCE_PREPS
                    and _SUPERLATIVE.search(text, max(start, pm.start() - _SUPERLATIVE_WINDOW), pm.start())
                ):
                    role = "comparison"  # "the fastest pace since 2011": a record's base, not a run
                elif (
                    role == "point"
                    and prep == "since"
                    and _LEVEL_HELD.search(text, max(start, pm.start() - _LEVEL_HELD_WINDOW), pm.start())
                ):
                    role = "comparison"  # "unchanged at 4% since 2019": a level held now, no run
                elif role == "point" and (
                    prep in _SINCE_PREPS
                    or (
                        kind == "year"
                        and prep in ("in", "of")
                        and _SINCE_CLAUSE.search(
                            text, max(start, m.start() - _SINCE_CLAUSE_WINDOW), m.start()
                        )
                    )
                ):
                    role = "since"
                    if ref is not None and first is not None and first < ref.year:
                        last = ref.year  # "since 2020": up to the time of the statement
        if _dates_publication(text, end, m):
            continue  # "in the June projections", "last autumn's outlook": when published
        said = kind == "month" and _day_of_saying(text, start, end, m)
        placed = tense if kind in _TENSED and relative and fine is not None and ref is not None else None
        same = (
            fine is None
            and _SAME_PART.search(text, max(start, m_start - _SAME_PART_WINDOW), m_start) is not None
        )
        out.append(
            Mention(
                m_start,
                m.end(),
                text[m_start : m.end()],
                first,
                last,
                role,
                fine,
                relative,
                said,
                placed,
                same,
            )
        )
    return _join_runs(text, start, out, ref) if len(out) > 1 else out


#: "The same period (quarter, month, months, half) last year / of 2024 / a year earlier": the
#: part of a year named before, in that year (``Mention.same``).
_SAME_PART = re.compile(r"\bthe\s+same\s+(?:period|quarter|month|months|half)\s*(?:,\s*)?$", re.I)
_SAME_PART_WINDOW = 40
#: Months and seasons that may date a publication ("the June projections").
_PUBLISHED_KINDS = frozenset({"month", "season4"})
#: ... and relative years in the possessive ("last year's forecast").
_PUBLISHED_POSSESSIVE = frozenset({"relyear", "yearago"})
_PUBLICATION = re.compile(
    r"(?P<poss>['’]s?)?\s+(?:[a-z]+\s+){0,2}?(?:" + "|".join(sorted(dates.PUBLICATION_NOUNS)) + r")\b",
    re.I,
)


def _dates_publication(text: str, end: int, m: re.Match[str]) -> bool:
    """Does the time ``m`` date a publication named right after it ("in the June
    projections", "last autumn's outlook", "last year's forecast of 2%")?  A day does not
    ("the 3 May statement" is the day of a figure as much as of its statement)."""
    kind = m.lastgroup
    if kind not in _PUBLISHED_KINDS and kind not in _PUBLISHED_POSSESSIVE:
        return False
    if kind == "month" and _DAY_IN_MONTH.search(m.group(0)) is not None:
        return False
    p = _PUBLICATION.match(text, m.end(), end)
    return p is not None and (kind in _PUBLISHED_KINDS or p.group("poss") is not None)


#: The start of a run of years ("since 2016", "from 2016", "between 2016") and its end
#: named apart ("... and until 2021", "... and the end of 2021"): one run.
_RUN_START = re.compile(r"(?:since|from|between|starting|beginning)\s+$", re.I)
_RUN_OPENS = re.compile(r"(?:since|from|starting|beginning)\s", re.I)
_RUN_END = re.compile(r"(?:until|till|up\s+to|through|of)\b", re.I)
_RUN_GAP = re.compile(r"\s+(?:and\s+)?(?:(?:the\s+)?(?:end|close)\s+)?", re.I)
_RUN_GAP_WINDOW = 16


def _join_runs(text: str, start: int, out: list[Mention], ref: Date | None) -> list[Mention]:
    """Join a year that starts a run and the year that ends it, named apart ("since 2016 and
    until 2021", "between 2016 and the end of 2021"), into one run ``range`` 2016/2021.  A
    run "since" a year ends by the statement: a later end starts another clause."""
    joined: list[Mention] = []
    k = 0
    while k < len(out):
        a = out[k]
        b = out[k + 1] if k + 1 < len(out) else None
        if (
            b is not None
            and a.fine is None
            and b.fine is None
            and not a.relative
            and not b.relative
            and a.first is not None
            and b.last is not None
            and a.first < b.last <= a.first + 50
            and (a.role == "point" or (a.role == "since" and (ref is None or b.last <= ref.year)))
            and (
                _RUN_OPENS.match(a.text)
                or _RUN_START.search(text, max(start, a.start - _RUN_GAP_WINDOW), a.start) is not None
            )
            and _RUN_END.match(b.text)
            and b.start - a.end <= _RUN_GAP_WINDOW
            and _RUN_GAP.fullmatch(text, a.end, b.start) is not None
        ):
            joined.append(Mention(a.start, b.end, text[a.start : b.end], a.first, b.last, "range"))
            k += 2
            continue
        joined.append(a)
        k += 1
    return joined


def _day_of_saying(text: str, start: int, end: int, m: re.Match[str]) -> bool:
    """Is ``m`` a day ("3 May", "May 3") that dates a verb of saying: after it ("said on
    3 May that ...", "..., the bank said on 3 May"), or before it when what is said
    follows ("On 3 May the bank said growth was 2%"; not "$30 billion on 31 March, the
    bank said")?"""
    if _DAY_IN_MONTH.search(m.group(0)) is None:
        return False
    if _ACT_BEFORE.search(text, max(start, m.start() - _ACT_WINDOW), m.start()) is not None:
        return True
    after = _ACT_AFTER.match(text, m.end(), min(end, m.end() + 2 * _SAID_WINDOW + 40))
    return after is not None and _SAID_GOES_ON.match(text, after.end(), end) is not None


def _dates_saying(text: str, start: int, end: int, m: re.Match[str]) -> bool:
    """Does the time expression ``m`` date a verb of saying next to it ("In March, the
    minister said ...", "announced in March that ...")?"""
    if _SAID_BEFORE.search(text, max(start, m.start() - _SAID_WINDOW), m.start()) is not None:
        return True
    return _SAID_AFTER.match(text, m.end(), min(end, m.end() + 2 * _SAID_WINDOW + 40)) is not None


def _core_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Matches of the time grammar, tried only in windows around anchor words (digits,
    month names, "year", "quarter", ...): most of a sentence holds no time at all."""
    # The patterns look at most one character behind a position (\b, one-character
    # look-behinds), so the sentence plus the character before it decides every match.
    base = max(0, start - 1)
    seg = text[base:end]
    if not caseless_ok(seg):
        return _core_matches_in(text, start, end, 0, text)
    return _core_matches_in(seg.lower(), start - base, end - base, base, text)


def _core_matches_in(scan: str, start: int, end: int, base: int, text: str) -> list[re.Match[str]]:
    """``_core_matches`` over ``scan``, which is ``text`` from offset ``base`` on, either
    itself (``base`` 0) or lower-cased; matches are returned on ``text``."""
    lowered = scan is not text
    anchor = _LOWER[_ANCHOR] if lowered else _ANCHOR
    windows: list[list[int]] = []  # [lo, hi, has a word anchor (0/1)]
    for a in anchor.finditer(scan, start, end):
        lo = max(start, a.start() - WINDOW_BEFORE)
        hi = min(end, a.end() + WINDOW_AFTER)
        word = 0 if a.group(0)[0].isdigit() else 1
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
            windows[-1][2] |= word
        else:
            windows.append([lo, hi, word])
    out: list[re.Match[str]] = []
    for lo, hi, word in windows:
        # around bare years ("in 2024", "2024-2026") the reduced grammar is enough
        grammar = _CORE if word else _CORE_YEARS
        if not lowered:
            out.extend(grammar.finditer(text, lo, hi))
            continue
        for m in (_window_grammar(scan[lo:hi]) if word else _LOWER[grammar]).finditer(scan, lo, hi):
            # the same match on the original text, for its groups' original case
            orig = grammar.match(text, m.start() + base, hi + base)
            if orig is None or orig.end() != m.end() + base:  # pragma: no cover - see caseless_ok
                return _core_matches_in(text, start + base, end + base, 0, text)
            out.append(orig)
    return out


def _resolve(
    m: re.Match[str], ref: Date | None, tense: str, fiscal: Fiscal | None = None, budget: bool = False
) -> tuple[int | None, int | None, str | None, bool, str] | None:
    """(first, last, fine, relative, role) for a core match, or None to ignore it.  A fiscal
    year named by one year or relative to the document ("FY25", "the current financial
    year") is read by the document country's fiscal year (``fiscal``) when it is known; so
    is "this/last/next year" in a sentence about budgets (``budget``) when that fiscal year
    is not the calendar year."""
    g = m.group
    kind = m.lastgroup
    ry = ref.year if ref else None
    y: int | None
    y2: int | None
    if kind == "fy":
        y1 = int(g("fy1"))
        if g("fy2"):
            y2 = _full_year(y1, g("fy2"))
            return (y1, y2, None, False, "point") if y2 == y1 + 1 else (y1, y2, None, False, "range")
        return (*_named_fiscal(y1, fiscal), None, False, "point")
    if kind == "iso":
        y = int(g("isoy"))
        return y, y, f"{y}-{g('isom')}", False, "point"
    if kind == "numdate":
        y = int(g("ndy"))
        return y, y, None, False, "point"
    if kind == "between":
        y1, y2 = int(g("b1") or g("f1")), int(g("b2"))
        return (y1, y2, None, False, "range") if y1 < y2 else None
    if kind == "season":
        y1 = int(g("sy1"))
        y2 = _full_year(y1, g("sy2"))
        return (y1, y2, None, False, "point") if y2 == y1 + 1 else None
    if kind == "range":
        y1 = int(g("r1"))
        y2 = _full_year(y1, g("r2"))
        if not y1 < y2 <= y1 + 50:
            return None
        return y1, y2, None, False, "range"
    if kind in ("quarter", "quarter2"):
        qn = int(g("qn") or g("qn2")) if (g("qn") or g("qn2")) else _ORD[g("qord").lower()]
        explicit = g("qy") or g("qy2")
        y = _year_or_rel(explicit, g("qrel"), ref)
        if y is None or _bare_the(g("qrel")):
            # "in the third quarter (of the year)": placed by the month the quarter ends
            y = _place_month(qn * 3, ref, tense, QUARTER_RELEASE_MONTHS)
        return y, y, (f"{y}-Q{qn}" if y else None), not explicit, "point"
    if kind == "half":
        hn = int(g("hn")) if g("hn") else (1 if g("hord").lower() == "first" else 2)
        y = _year_or_rel(g("hy"), g("hrel"), ref)
        if y is None or _bare_the(g("hrel")):
            y = _place_month(hn * 6, ref, tense)
        return y, y, (f"{y}-H{hn}" if y else None), not g("hy"), "point"
    if kind == "months9":
        n = _num(g("mcount"))
        y = _year_or_rel(g("my9"), g("mrel9"), ref)
        if y is None or _bare_the(g("mrel9")):
            y = _place_month(n, ref, tense)
        return y, y, (f"{y}-01/{y}-{n:02d}" if y else None), not g("my9"), "point"
    if kind == "month":
        return _resolve_month(m, ref, tense)
    if kind == "season4":
        if not g("sy") and (
            _SEASON_MODIFIES.match(m.string, m.end())
            or not _SEASON_LEAD.search(m.string, max(0, m.start() - _SEASON_LEAD_WINDOW), m.start())
        ):
            return None  # "winter crop production", "Summer wheat": a kind of crop, not a time
        end_month = {"spring": 5, "summer": 8, "autumn": 11, "winter": 2}[g("sname").lower()]
        y = int(g("sy")) if g("sy") else _place_month(end_month, ref, tense)
        return y, y, None, not g("sy"), "point"
    if kind == "relyear":
        rel = g("rel").lower()
        if rel == "same":
            return None  # "the same year" refers back to a year named before; no anchor
        off = {
            "this": 0,
            "current": 0,
            "last": -1,
            "past": -1,
            "previous": -1,
            "preceding": -1,
            "prior": -1,
            "next": 1,
            "coming": 1,
            "following": 1,
        }[rel]
        fiscal_words = _FISCAL_WORD.search(m.group(0)) is not None
        fy = fiscal.get() if fiscal is not None and ref is not None and fiscal_words else None
        if fy is None and budget and fiscal is not None and ref is not None:
            fy = fiscal.peek()
        if fy is not None and not fiscal_words and (fy.calendar or rel not in _BUDGET_RELATIVE):
            fy = None  # "inflation this year" stays calendar; a budget's "this year" is fiscal
        if ref is not None and fy is not None:
            # "the current fiscal year" in the document country's fiscal calendar
            a, b = fy.current(ref, off)
            return a, b, None, True, "point"
        if ref is not None and re.search(r"fiscal|financial", m.group(0), re.I):
            # "the last financial year" is a split year, consistent with "the fiscal year
            # ended June 2024" (2023/2024): the current one started in July (or April)
            # of this year in the second half, of last year in the first.
            a = ref.year - (ref.month <= HALF_YEAR_MONTH) + (-1 if rel == "past" else off)
            return a, a + 1, None, True, "point"
        if rel == "past" and ref is not None:
            y = _last_reported(ref)
            return y, y, None, True, "point"
        y2 = None if ry is None else ry + off
        return y2, y2, None, True, "point"
    if kind == "fortheyear":
        # "growth for the year is now seen at 1.6%": the year of the statement, or the one
        # just ended when a report early in the year speaks in the past
        if ry is None:
            return None, None, None, True, "point"
        y = ry - 1 if tense == "past" and ref is not None and ref.month <= HALF_YEAR_MONTH else ry
        return y, y, None, True, "theyear"
    if kind == "yearago":
        # "4.4% a year earlier" dates that figure; after "than" it is a comparison base.
        y2 = None if ry is None else ry - 1
        return y2, y2, None, True, "point"
    if kind == "fyended":
        # "the fiscal year ended March 2024" is 2023/24; one ending in December is 2024.
        y = int(g("fey"))
        month = _MONTHS[g("fem").rstrip(".").lower()] if g("fem") else 12
        if month <= HALF_YEAR_MONTH:
            return y - 1, y, None, False, "point"
        return y, y, None, False, "point"
    if kind == "yearqtr":
        # "in the June quarter": the quarter that ends in June; "in the year to the June
        # quarter": the change over the year to that quarter (a past one)
        month = _MONTHS[g("yqm").rstrip(".").lower()]
        y = int(g("yqy")) if g("yqy") else _place_month(month, ref, "past" if g("yqto") else tense)
        if y is None:
            return None, None, None, True, "point"
        return y, y, f"{y}-Q{(month - 1) // 3 + 1}", not g("yqy"), "point"
    if kind == "yearto":
        # "in the year to June 2024": a fiscal year, read like "the fiscal year ended"
        y = int(g("yty"))
        if _MONTHS[g("ytm").rstrip(".").lower()] <= HALF_YEAR_MONTH:
            return y - 1, y, None, False, "point"
        return y, y, None, False, "point"
    if kind == "fyshort":
        y1 = 2000 + int(g("fys"))
        if g("fys2"):
            y2 = _full_year(y1, g("fys2"))
            return (y1, y2, None, False, "point") if y2 == y1 + 1 else None
        return (*_named_fiscal(y1, fiscal), None, False, "point")
    if kind == "nm":
        y = int(g("nmy"))
        n = int(g("nmn"))
        return y, y, f"{y}-01/{y}-{n:02d}", False, "point"
    if kind == "today":
        return ry, ry, None, True, "point"  # the time of the statement
    if kind == "startyear":
        return ry, ry, None, True, "point"
    if kind == "endyear":
        # "at the end of the year unemployment stood at 4.7%" in February is last year's
        # end; "the end of this year" is always the current one.
        this = "this" in m.group(0).lower()
        fy = fiscal.get() if fiscal is not None and g("endfy") and ref is not None else None
        if fy is not None and ref is not None:
            a, b = fy.current(ref)
            return a, b, None, True, "deadline"
        if g("endfy") and ref is not None:
            # "by the end of the fiscal year": the current split fiscal year (see relyear)
            a = ref.year - (ref.month <= HALF_YEAR_MONTH)
            return a, a + 1, None, True, "deadline"
        if ref is not None and tense == "past" and ref.month <= HALF_YEAR_MONTH and not this:
            return ry - 1 if ry else None, ry - 1 if ry else None, None, True, "point"
        return ry, ry, None, True, "deadline"
    if kind == "nyears":
        n = _num(g("n"))
        direction = g("ndir").lower()
        if ref is None:
            return None, None, None, True, "range"
        if direction in ("next", "coming", "following"):
            a = _first_ahead(ref)
            return a, a + n - 1, None, True, "range"
        b = _last_reported(ref)
        return b - n + 1, b, None, True, "range"
    if kind == "overyears":
        if ref is None:
            return None, None, None, True, "range"
        a = _first_ahead(ref)
        return a, a + _num(g("on")) - 1, None, True, "range"
    if kind == "yearsto":
        # "in the five years to 2023": the run of years that ends then
        y = int(g("yte"))
        return y - _num(g("ytn")) + 1, y, None, False, "range"
    if kind == "monthsto":
        month = _MONTHS[g("mtmon").rstrip(".").lower()]
        y = int(g("mty")) if g("mty") else _place_month(month, ref, "past")
        if y is not None and g("mtn").lower() in ("12", "twelve") and month <= HALF_YEAR_MONTH:
            return y - 1, y, None, not g("mty"), "point"  # a year to June is a fiscal year
        return y, y, (f"{y}-{month:02d}" if y else None), not g("mty"), "point"
    if kind == "decade":
        if ref is None:
            return None, None, None, True, "range"
        if g("ddir").lower() in ("next", "coming"):
            a = _first_ahead(ref)
            return a, a + 9, None, True, "range"
        b = _last_reported(ref)
        return b - 9, b, None, True, "range"
    if kind == "withinyears":
        y2 = None if ry is None else ry + _num(g("wn"))
        return y2, y2, None, True, "deadline"
    if kind == "yearsago":
        y2 = None if ry is None else ry - _num(g("an"))
        return y2, y2, None, True, "point"
    if kind == "relmonth":
        if ref is None:
            return None, None, None, True, "point"
        off = {"this": 0, "last": -1, "past": -1, "next": 1}[g("mrel").lower()]
        month = ref.month + off
        y = ref.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return y, y, f"{y}-{month:02d}", True, "point"
    if kind == "year":
        y = int(g("y"))
        return y, y, None, False, "point"
    return None


def _named_fiscal(year: int, fiscal: Fiscal | None) -> tuple[int, int]:
    """The period of the fiscal year named ``year`` ("FY25", "fiscal 2025"): by the document
    country's fiscal calendar, or that calendar year when the country is unknown."""
    fy = fiscal.get() if fiscal is not None else None
    return fy.named(year) if fy is not None else (year, year)


def _bare_the(rel: str | None) -> bool:
    """ "of the year" names no year: it is placed like a month without a year."""
    return rel is not None and rel.lower() == "the"


def _year_or_rel(year: str | None, rel: str | None, ref: Date | None) -> int | None:
    if year:
        return int(year)
    if rel and ref is not None:
        r = " ".join(rel.lower().split())
        return ref.year + {"last": -1, "next": 1}.get(r, 0)
    return None


def _resolve_month(
    m: re.Match[str], ref: Date | None, tense: str
) -> tuple[int | None, int | None, str | None, bool, str] | None:
    g = m.group
    mon_text = g("mon")
    if mon_text[0].islower():
        return None  # "may" the modal, "march" the verb: month names are capitalised
    has_day = bool(g("d1") or g("d2"))
    has_year = bool(g("my"))
    if mon_text.rstrip(".").lower() in ("may", "march", "mar") and not (has_day or has_year):
        # "May" and "March" start sentences as words too; accept them after a preposition.
        before = m.string[max(0, m.start() - 12) : m.start()].lower()
        if not _MONTH_PREP.search(before):
            return None
    if (g("d1") or g("d2")) and not has_year and int(g("d1") or g("d2")) > 31:
        return None
    month = _MONTHS[mon_text.rstrip(".").lower()]
    # "in January-September" is placed by the month it ends with.
    last_month = _MONTHS[g("mon2").rstrip(".").lower()] if g("mon2") else month
    year = int(g("my")) if has_year else _place_month(last_month, ref, tense)
    if g("mon2"):
        month2 = _MONTHS[g("mon2").rstrip(".").lower()]
        fine = f"{year}-{month:02d}/{year}-{month2:02d}" if year else None
    else:
        fine = f"{year}-{month:02d}" if year else None
    return year, year, fine, not has_year, "point"
