"""What is *not* a figure: spans the ``numbers`` stage must skip, and year/date tests.

Reads: sentence text.  Writes: sorted ``(start, end)`` spans of dates, times of day, phone
numbers, URLs and e-mail addresses, file and image names, HTML entity residue, version
numbers and references to sections of documents ("Article 5").  Numbers inside them are
never quantities: the time stage reads the dates, the rest is noise.

Every pattern is a linear scan: no nested quantifiers over the same characters, and every
repetition is bounded, so adversarial input cannot make the regex engine backtrack.
"""

from __future__ import annotations

import re

from claimledger.resources import dates
from claimledger.resources import numbers as number_words
from claimledger.resources.patterns import trie_pattern

_MON_CAP = "(?:" + "|".join(m.capitalize() for m in (*dates.FULL_MONTHS, *dates.MONTH_ABBREVIATIONS)) + ")"
# Lower-case month names that are not also common words ("may", "march", "august").
_MON_LOW = (
    "(?:"
    + "|".join(
        m for m in (*dates.FULL_MONTHS, *dates.MONTH_ABBREVIATIONS) if m not in dates.COMMON_WORD_MONTHS
    )
    + ")"
)
_MON = rf"(?:{_MON_CAP}|{_MON_LOW})"
_ORD = r"(?:st|nd|rd|th)?"
# The second day of a span of days ("May 8 to 21", "8-21 May"), not a figure unless a
# percent or unit follows it.
_DAY_TAIL = rf"(?:\s?(?:-|–|—|to|and|through|until|till)\s?\d{{1,2}}{_ORD}\b(?![.,]?\d|\s?(?:%|per)))"
#: Lower-case references that are never followed by a figure ("section 5 of the Act"); tested
#: on the word before a number in ``numbers._atoms``, which costs nothing.
SECTION_LOWER = number_words.SECTION_LOWER

_SECTION_ALL = number_words.SECTION_WORDS | SECTION_LOWER


def _longest_first(w: str) -> tuple[int, str]:
    return (-len(w), w)


# Each group: (trigger, patterns).  The trigger is a cheap test on the sentence (a
# substring, or a regex whose first character is a fixed class, which the regex engine
# scans for at C speed); the group's patterns only run when it fires.  One big
# alternation over every position of every sentence was the slowest part of the stage.


class _WordTrigger:
    """A trigger regex that starts with a word which no ASCII letter may precede, searched
    fast: a non-letter followed by ``word_tail`` (the regex without its leading
    look-behind), the character before the sentence included; ``head`` (the regex itself)
    only at the start of the text.  A leading character class lets the engine skip runs of
    letters at C speed; a leading look-behind made it try every position.  Finds a match
    exactly when ``head.search`` would.
    """

    __slots__ = ("head", "rest")

    def __init__(self, word_tail: str) -> None:
        self.head = re.compile(r"(?<![A-Za-z])" + word_tail)
        self.rest = re.compile(r"[^A-Za-z]" + word_tail)

    def search(self, text: str, start: int, end: int) -> re.Match[str] | None:
        if start > 0:  # the character before the sentence stands in for the start
            return self.rest.search(text, start - 1, end)
        return self.head.match(text, start, end) or self.rest.search(text, start, end)


_Trigger = str | re.Pattern[str] | _WordTrigger

# Every pattern of the numeric-date and code group has two separators between digits
# ("08.01.2024", "1111-2222-3333", "1.2.3"); a decimal ("23.9") alone does not fire it.
_DIGIT_SEP = re.compile(r"\d[./-]\d{1,8}[./-]\d")
MONTH_WORDS = frozenset(dates.MONTHS)
# Every pattern of the month group has a word boundary or a space before the month name,
# so a month name no ASCII letter precedes is trigger enough ("decided" and "Rajan" are not).
_MONTH_ANY = _WordTrigger(trie_pattern(dates.MONTHS) + r"(?![A-Za-z])")
_CLOCK = re.compile(r"\d\s?(?:[aApP]\.?[mM]\b|GMT|UTC|CET|EST|o['’]clock)")
_FILE_EXT = re.compile(
    r"\.(?i:jpe?g|png|gif|bmp|tiff?|webp|heic|pdf|docx?|xlsx?|pptx?|csv|txt|zip|rar|mp[34]|mov|avi|mkv|wav)\b"
)
_SECTION_ANY = _WordTrigger(
    trie_pattern(number_words.SECTION_WORDS, ignore_case=False) + r"\.?\s?(?:[Nn]o\.?\s?)?\d"
)
# Digits in space-separated groups that are not thousands ("8 800 080 7777"), or that open
# with a trunk zero ("0800 720 065"): a phone number.
_SPACED_GROUPS = re.compile(r"\d \d\d")
# "No. 5", "Art. 12", "pp. 3-4" as a trigger: found from the full stop (a literal the
# engine scans for at C speed), the abbreviation checked behind it.
_ABBR_NO = re.compile(
    r"\.(?:"
    + "|".join(rf"(?<=(?i:\b{w})\.)" for w in ("no", "nos", "nr", "nrs", "art", "sec", "para", "pp", "p"))
    + r")\s?\d"
)
_VERSION = re.compile(r"[vV](?:ersion|er\.|\.)?\s?\d")

_GROUPS: list[tuple[tuple[_Trigger, ...], list[str]]] = [
    (
        (_MONTH_ANY,),
        [
            # dates: "January 8, 2024", "Jan. 8", "oct . 13", "8 January 2024", "the 5th of May"
            rf"\b{_MON}\b\s?\.?\s?\d{{1,2}}{_ORD}\b(?![.,]\d){_DAY_TAIL}?(?:\s?,\s?\d{{4}}\b)?",
            rf"(?<![\d.,])\b\d{{1,2}}{_ORD}(?:\s?(?:-|–|—|to|and)\s?\d{{1,2}}{_ORD})?\s(?:of\s)?{_MON}\b\.?"
            r"(?:\s?,?\s?\d{4}\b)?",
            r"\b(?:on|by|since|until|from|of)\s\d{1,2}\smay\b",
        ],
    ),
    (
        (_DIGIT_SEP,),
        [
            # numeric dates: 08.01.2024, 5/17/2018, 2024-01-08
            r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b",
            r"\b\d{4}[./-]\d{1,2}[./-]\d{1,2}\b",
            # codes and phone numbers with several hyphens: 1111-22223333-4444
            r"\b\d{1,8}(?:-\d{1,8}){2,6}\b",
            # dotted codes: 1.2.3, 192.168.1.2
            r"\b\d{1,6}(?:\.\d{1,6}){2,6}\b",
        ],
    ),
    (
        (":", _CLOCK),
        [
            # times of day: 10:30, 2:00 pm, 6pm, 5 a.m., 14.30 GMT, 9 o'clock
            r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:[ap]\.m\.|[ap]m\b|h\b|hrs\b|GMT\b|UTC\b))?",
            r"(?<![\d.,])\b\d{1,2}(?:[.:]\d{2})?\s?(?:[ap]\.m\.|[aApP][mM]\b)",
            r"\b\d{1,2}(?:[.:]\d{2})?\s?(?:GMT|UTC|CET|EST)\b",
            r"\b\d{1,2}\s?o['’]clock",
        ],
    ),
    (
        ("+", "("),
        [
            # phone numbers: +7 (7172) 74-56-89, +1-222-2222, +234 9 460 8000, (495) 123-45-67;
            # not a signed figure in thousands ("+1 500 000")
            r"\+(?!\d{1,3}(?:\s\d{3}){1,5}(?!\s?\d))(?:\d{1,3}(?:[\s.-]?\(\d{1,5}\))?(?:[\s.-]\d{1,5}){2,5}"
            r"|\d{1,3}[\s.-]?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4})",
            r"\(\d{3,5}\)\s?\d{2,4}(?:[\s-]\d{2,4}){1,3}",
        ],
    ),
    (
        (_SPACED_GROUPS,),
        [
            r"(?<![\d.,])(?<!\d )0(?:\d{2,4}(?:[ -]\d{2,4}){1,4}|(?: \d{2,4}){2,4})(?![\d.,]?\d)",
            r"(?<![\d.,])\d{1,3}(?:(?: \d{3}){1,4} (?:\d\d|\d{4})(?: \d{2,4}){0,4}"
            r"| (?:\d\d|\d{4})(?: \d{2,4}){1,4})(?![\d.,]?\d)",
            # four digits then groups is never one number: toll-free 1800 425 1520 (not a
            # year before a figure, "in 2024 150 000 people")
            r"(?<![\d.,])(?!(?:19|20)\d\d)\d{4}(?: \d{2,4}){2,4}(?![\d.,]?\d)",
        ],
    ),
    (("://", "www."), [r"(?:https?://|www\.)[^\s<>\"]{1,2000}"]),
    (("@",), [r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{1,200}"]),
    (
        (_FILE_EXT, "IMG", "DSC", "DCIM", "VID", "PXL", "PANO", "WA", "Screenshot", "Scan", "Photo"),
        [
            # file and image names: DSC_0042.jpg, IMG 20240107 WA0049
            r"\b[\w-]{1,200}" + _FILE_EXT.pattern,
            r"\b(?:IMG|DSC[NF]?|DCIM|VID|PXL|MVIMG|PANO|WA|Screenshot|Scan|Photo)(?:[\s_-]{1,3}"
            r"[A-Za-z]{0,4}\d[\w-]{0,30}){1,6}",
        ],
    ),
    (("&", "#"), [r"&#?[xX]?[0-9a-fA-F]{1,8};?", r"#\d{1,12}\b"]),
    ((_VERSION,), [r"\b(?i:version|ver\.|v\.?)\s?\d{1,6}(?:\.\d{1,6}){0,4}\b"]),
    (
        (_SECTION_ANY, _ABBR_NO, "§", "№"),
        [
            # references to parts of documents, laws, routes: "Article 5", "No. 12", "§ 3"
            r"\b(?:"
            + "|".join(re.escape(w) for w in sorted(_SECTION_ALL, key=_longest_first))
            + r")\.?\s?(?:[Nn]o\.?\s?)?"
            r"\d{1,7}(?:[./-]\d{1,7}){0,3}[A-Za-z]?(?:\([A-Za-z0-9]{1,4}\)){0,3}"
            # further items of a list ("Articles 5, 6 and 7"); an item after a comma only
            # when the list goes on ("Under Article 5, 12 states reported": 12 is a figure)
            r"(?:\s?(?:and|-|–|to)\s?\d{1,7}(?:\([A-Za-z0-9]{1,4}\)){0,3}"
            r"|,\s?\d{1,7}(?:\([A-Za-z0-9]{1,4}\)){0,3}(?=\s?(?:,|and\b|or\b|-|–|to\b))){0,10}",
            r"(?i:\b(?:no|nos|nr|nrs|art|sec|para|pp?)\.\s?\d{1,7}(?:\s?[,-]\s?\d{1,7}){0,10})",
            r"[§№]\s?\d{1,7}(?:[./-]\d{1,7}){0,3}",
        ],
    ),
]
_Group = tuple[tuple[str, ...], tuple[re.Pattern[str] | _WordTrigger, ...], re.Pattern[str]]
_COMPILED: list[_Group] = [
    (
        tuple(t for t in trig if isinstance(t, str)),
        tuple(t for t in trig if not isinstance(t, str)),
        re.compile("|".join(f"(?:{p})" for p in pats)),
    )
    for trig, pats in _GROUPS
]
#: A document at least this many times longer than the sentence asked about is first
#: searched for the groups whose triggers are all substrings: one that occurs nowhere in
#: it cannot fire in any of its sentences, so its group is skipped for all of them (most
#: documents have no URL, e-mail address, HTML entity or phone number).  A text of a few
#: sentences would pay more for that search than it saves.  (Groups with a regex trigger
#: are always kept: searching a whole document for one costs more than the per-sentence
#: searches it could save.)
DOC_SCAN_RATIO = 4
_LAST_DOC: tuple[str, list[_Group]] = ("", _COMPILED)


def _live_groups(text: str, start: int, end: int) -> list[_Group]:
    """The groups whose triggers may fire in ``text[start:end]``: a substring in a
    sentence is one in the document.  One document at a time, as in
    ``numbers._currency_context.for_text``."""
    global _LAST_DOC
    if (end - start) * DOC_SCAN_RATIO > len(text):
        return _COMPILED
    last = _LAST_DOC
    if last[0] is text:
        return last[1]
    live = [g for g in _COMPILED if g[1] or any(sub in text for sub in g[0])]
    _LAST_DOC = (text, live)
    return live


#: Every pattern in one regex (for tests and documentation; the stage uses the groups).
BLOCK = re.compile("|".join(f"(?:{p})" for _t, pats in _GROUPS for p in pats))


#: Bare integers in this range are years unless something marks them as a count
#: (a currency, a unit, a bound word such as "over 2000").  Statements cite centuries of
#: history; outside this window a four-digit integer is almost always a count.
YEAR_MIN = 1800
YEAR_MAX = 2100


def blocked_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sorted, disjoint spans inside ``[start, end)`` whose digits are not figures."""
    sent = text[start:end]
    spans: list[tuple[int, int]] = []
    for subs, rxs, rx in _live_groups(text, start, end):
        # plain loops: any() over a generator costs more than the tests themselves
        fired = False
        for sub in subs:
            if sub in sent:
                fired = True
                break
        if not fired:
            for trig in rxs:
                if trig.search(text, start, end) is not None:
                    fired = True
                    break
        if fired:
            spans.extend(m.span() for m in rx.finditer(text, start, end))
    if len(spans) < 2:
        return spans
    spans.sort()
    merged = [spans[0]]
    for s, e in spans[1:]:
        if s < merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def is_year_digits(raw: str) -> bool:
    """A four-digit integer in the year window ("2024"; not "2,024" nor "2024.5")."""
    return len(raw) == 4 and raw.isdigit() and YEAR_MIN <= int(raw) <= YEAR_MAX


def is_date_digits(raw: str) -> bool:
    """An eight-digit YYYYMMDD stamp, as in camera file names ("20240107")."""
    if len(raw) != 8 or not raw.isdigit():
        return False
    y, m, d = int(raw[:4]), int(raw[4:6]), int(raw[6:])
    return YEAR_MIN <= y <= YEAR_MAX and 1 <= m <= 12 and 1 <= d <= 31
