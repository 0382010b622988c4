"""The extraction stages' fast paths give exactly what their plain forms give.

Speed work in the time grammar and the language stages replaces some regex searches by
cheaper equivalents: the grammar runs without re.I over lower-cased text, each window
only with the alternatives whose required words it contains, and sentence-level patterns
first look for the words every match needs (``extract/_regex.py``).  These tests compare
each fast path with the plain regex on varied text - mixed case, non-ASCII letters that
case-fold onto ASCII ("ſ", "İ", the Kelvin sign), time words in every combination - so a
grammar edit the fast paths cannot follow fails here instead of changing output.
"""

from __future__ import annotations

import random
import re

import pytest

from claimledger.extract import _time_grammar as time_grammar
from claimledger.extract import kinds, pipeline
from claimledger.extract import time as time_stage
from claimledger.extract._regex import Prefiltered

_WORDS = re.findall(
    r"\S+",
    "in by the end of year years month months quarter Q1 Q3 H1 H2 first second third half "
    "fiscal FY FY24 FY2024/25 2024 2025 1999 2030 2024-2026 2024/25 between and January Jan. "
    "Sept. September May may March march spring Summer WINTER decade next last past this "
    "coming following ago earlier before since three six nine 12 5 over within today nowadays "
    "İn ıt KELVİN K € – — - / , . 10.5% per cent percent 2024-01-15 15.01.2024 9M YEAR MONTH "
    "Decision separately ended ending to through beginning start close year-end same period 3 "
    "years ago a couple of ’ “ é Zürich budget respectively according so far to date until "
    "now will shall would plans to aims to is to are set to the IMF forecast once it is "
    "complete",
)


def _texts(n: int, seed: int) -> list[tuple[str, int, int]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        body = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 24)))
        style = rng.random()
        if style < 0.15:
            body = body.upper()
        elif style < 0.3:
            body = body.title()
        pre = rng.choice(["", "x", "Foo. ", "2024", "İ", "ſ "])
        out.append((pre + body + rng.choice(["", ".", " and more"]), len(pre), len(pre) + len(body)))
    return out


def _plain_core_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The grammar's windows and matches with the re.I patterns, no fast path."""
    return time_grammar._core_matches_in(text, start, end, 0, text)


def test_time_grammar_fast_path_finds_the_plain_matches() -> None:
    for text, start, end in _texts(2500, seed=11):
        fast = [(m.span(), m.lastgroup, m.groupdict()) for m in time_grammar._core_matches(text, start, end)]
        plain = [(m.span(), m.lastgroup, m.groupdict()) for m in _plain_core_matches(text, start, end)]
        assert fast == plain, text


def test_required_words_are_in_every_match_of_their_alternative() -> None:
    alternatives = dict(time_grammar._ALTERNATIVES)
    for name, req in time_grammar._REQUIRED:
        if req is None:
            continue
        one = re.compile(rf"\b(?:{alternatives[name]})", re.I | re.X)
        for text, start, end in _texts(300, seed=13):
            for m in one.finditer(text, start, end):
                assert any(r in m.group(0).lower() for r in req), (name, m.group(0), req)


def test_window_grammars_stay_bounded_on_text_that_needs_many() -> None:
    # every window a different mix of time words: new subsets stop being compiled
    rng = random.Random(14)
    words = sorted(time_grammar._REQUIRED_STRINGS)
    for _ in range(300):
        window = " ".join(rng.sample(words, rng.randint(1, len(words))))
        time_grammar._window_grammar(window)
    assert len(time_grammar._GRAMMARS) <= time_grammar.MAX_GRAMMARS


@pytest.mark.parametrize(
    "prefiltered",
    [
        Prefiltered(kinds._PLANNING),
        Prefiltered(kinds.kind_words.FORECASTERS),
        Prefiltered(kinds._MAY_COMMIT),
        kinds._MAY_PLEDGE,
        pipeline._RESPECTIVELY,
        pipeline._SO_FAR,
        time_stage._RESPECTIVELY,
        time_stage._EVENT_TIME,
    ],
    ids=lambda s: s.pattern.pattern[:30],
)
def test_prefiltered_search_is_the_pattern_search(prefiltered: Prefiltered) -> None:
    for text, start, end in _texts(1500, seed=15):
        plain = prefiltered.pattern.search(text, start, end)
        fast = prefiltered.search(text, start, end)
        assert (plain and plain.span()) == (fast and fast.span()), text


def test_number_scanner_rejection_keeps_every_token(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimledger.extract.numbers import _scan

    rng = random.Random(16)
    words = re.findall(
        r"\S+",
        "one two Twenty-Five hundred THOUSAND million bn a an third dozen half quarter point five 5 12 "
        "3.5 1,500 ½ ¾ ٣ ١٢ $ € % percent money often Tone stone KELVİN İn ſix ＴＷＯ x7 7x 2024 24/7 1/2 "
        ".25 4e3 schools the of in said And FORTY-two sixty 60s ninth",
    )
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 10))) for _ in range(3000)]
    fast = [repr(_scan.tokens(t, 0, len(t))) for t in texts]
    # an empty pattern finds a "number word" everywhere: the full scanner on every sentence
    monkeypatch.setattr(_scan, "_NUMBER_WORD", re.compile(""))
    assert fast == [repr(_scan.tokens(t, 0, len(t))) for t in texts]
