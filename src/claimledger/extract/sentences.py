"""Stage ``sentences.v3``: split text into sentence spans.

Reads: document text.  Writes: ``(start, end)`` character spans (``split``), or
``(start, end, paragraph)`` triples (``split_paragraphs``), whitespace-trimmed, in order,
never overlapping, with ``text[start:end]`` exactly the sentence.

Written for news and official text:
- blank lines end a paragraph; a bullet item (``-``, ``•``, ``*``, ``1.``, ``a)``) and a
  heading line without a full stop are sentences of their own; a hard-wrapped line that
  ends mid-sentence is joined with the next one;
- ``.``, ``!``, ``?`` (and ``…``) end a sentence unless the word before is an
  abbreviation (``Mr.``, ``No.``, ``approx.``, ``Jan.``), an initial (``J. Smith``), or a
  dotted acronym (``U.S.``) that is followed by a name rather than a new sentence;
- closing quotes and brackets after the stop stay with the sentence they close.
Bullet markers are left outside the span, so the sentence text starts at its first word.
"""

from __future__ import annotations

import re

from claimledger.resources import sentences as sentence_words

STAGE = "sentences.v3"


#: A line without final punctuation that is at most this long, followed by a line that
#: starts a new thought (capital, digit, bullet), is a heading.  Hard-wrapped prose lines
#: are usually 60-80 characters and end mid-phrase, so they are caught by the
#: ``_CONTINUES`` test below rather than by this length alone.
HEADING_MAX = 120

_LINE = re.compile(r"[^\n]*\n?")
_BULLET = re.compile(r"[ \t]*(?:[-–—•*▪·●◦‣]|\(?\d{1,2}[.)]|\(?[a-zA-Z][)])[ \t]+(?=\S)")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
# A line ending in a comma, a hyphen or a function word runs on into the next line.
_CONTINUES = re.compile(
    r"(?:[,(\-–]|\b(?:and|or|of|the|a|an|to|in|for|with|by|on|at|from|as|that|which|is|are|"
    r"was|were|will|than|per|over|under|about|nearly|almost|some)\s*)$",
    re.I,
)
# Candidate sentence ends: stop(s), optional closing quotes/brackets, then whitespace.
# Runs of stops start only after a non-stop and are matched possessively, so a line of
# 100,000 dots is scanned once, not once per dot.
_STOP = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_ALPHA = re.compile(r"[A-Za-z]+")
_NEXT = re.compile(r"\s+([\"'“‘«(\[]?)(\S)")


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text`` in document order."""
    return [(s, e) for s, e, _ in split_paragraphs(text)]


def split_paragraphs(text: str) -> list[tuple[int, int, int]]:
    """Sentence spans with the index of the paragraph (block of lines) each belongs to.

    A heading or bullet item counts as its own paragraph, so context carried from
    sentence to sentence (a year named earlier in the paragraph) does not leak across it.
    """
    return [(s, e, p) for s, e, p, _ in split_items(text)]


def split_items(text: str) -> list[tuple[int, int, int, bool]]:
    """Sentence spans with their paragraph index and whether they are a list item
    (a line that started with a bullet marker)."""
    out: list[tuple[int, int, int, bool]] = []
    for para, (b_start, b_end, bullet) in enumerate(_blocks(text)):
        spans: list[tuple[int, int, int]] = []
        _split_block(text, b_start, b_end, para, spans)
        out.extend((s, e, p, bullet) for s, e, p in spans)
    return out


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """Cut the text into blocks: paragraphs, headings and bullet items."""
    blocks: list[tuple[int, int, bool]] = []
    cur_bullet = False
    cur_start = -1
    cur_end = -1
    prev_line = ""
    pos = 0
    n = len(text)
    while pos < n:
        m = _LINE.match(text, pos)
        assert m is not None  # the pattern matches the empty string
        line_end = m.end()
        if line_end == pos:  # pragma: no cover - defensive: zero-width at end
            break
        line = text[pos:line_end].rstrip("\n")
        stripped = line.strip()
        start = pos
        pos = line_end
        if not stripped:
            if cur_start >= 0:
                blocks.append((cur_start, cur_end, cur_bullet))
                cur_start = -1
            prev_line = ""
            continue
        bullet = _BULLET.match(line)
        content_start = start + (bullet.end() if bullet else 0)
        if cur_start >= 0 and (bullet or _ends_line(prev_line, stripped)):
            blocks.append((cur_start, cur_end, cur_bullet))
            cur_start = -1
        if cur_start < 0:
            cur_start = content_start
            cur_bullet = bullet is not None
        cur_end = start + len(line)
        prev_line = stripped
    if cur_start >= 0:
        blocks.append((cur_start, cur_end, cur_bullet))
    return blocks


def _ends_line(prev: str, nxt: str) -> bool:
    """Does a line break after ``prev`` (followed by ``nxt``) end a sentence?"""
    if _TERMINAL.search(prev):
        return True
    if _CONTINUES.search(prev):
        return False
    first = nxt[0]
    if first.islower():
        return False  # a wrapped line continuing the sentence
    return len(prev) <= HEADING_MAX


def _split_block(text: str, start: int, end: int, para: int, out: list[tuple[int, int, int]]) -> None:
    pos = start
    for m in _STOP.finditer(text, start, end):
        cut = m.end()
        if cut >= end or not _is_boundary(text, m.start(), cut, end):
            continue
        _add(text, pos, cut, para, out)
        pos = cut
    _add(text, pos, end, para, out)


def _is_boundary(text: str, stop: int, cut: int, end: int) -> bool:
    """Is the stop at ``stop`` (punctuation ends at ``cut``) the end of a sentence?"""
    nxt = _NEXT.match(text, cut, end)
    if nxt is None:
        return False
    first = nxt.group(2)
    if first.islower() or first in ",;:%)":
        return False  # "approx. 5", "e.g. the", "U.S. dollars"
    if text[stop] != ".":
        return True  # ! ? … end the sentence before a capital or digit
    wb = _WORD_BEFORE.search(text, max(0, stop - 20), stop + 1)
    if wb is None:
        return True
    word = wb.group(1)
    low = word.lower().rstrip(".")
    if "." in word.rstrip("."):
        # A dotted acronym (U.S., e.g., a.m.): a new sentence only if a sentence-starting
        # word follows ("in the U.S. The ..." vs "the U.S. Treasury").
        return _next_word(text, nxt.start(2), end).lower() in sentence_words.STARTERS
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. Smith", "Plan B. The" is rare enough to accept
    if low in sentence_words.BEFORE_AMOUNT and first.isdigit():
        return False  # "Rs. 500 crore"
    if low in sentence_words.ABBREVIATIONS:
        if first.isdigit():
            return False  # "No. 5", "Jan. 12", "approx. 40"
        return (
            low in sentence_words.END_OK
            and _next_word(text, nxt.start(2), end).lower() in sentence_words.STARTERS
        )
    return True


def _next_word(text: str, pos: int, end: int) -> str:
    m = _ALPHA.match(text, pos, end)
    return m.group(0) if m else ""


def _add(text: str, start: int, end: int, para: int, out: list[tuple[int, int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end, para))
