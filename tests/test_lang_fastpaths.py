"""The language stages' shortcuts give exactly what the plain rules give.

Speed work on the tokens, kinds, subject and time stages replaced some work by cheaper
equivalents: tokens found with one ``findall`` and per-word facts cached, words that are
never verbs marked as such when tokenized, the time grammar behind look-aheads for the
characters that can open each alternative, a commitment looked for only at its cue words,
and the period context of earlier sentences learnt only when a default reads it.  Each
test compares a shortcut with the plain form on varied text, so an edit of a lexicon or
of the grammar that a shortcut cannot follow fails here instead of changing output.
"""

from __future__ import annotations

import json
import random
import re
from datetime import date as Date
from pathlib import Path

import pytest

from claimledger import extract
from claimledger.corpus import load_corpus
from claimledger.extract import _time_grammar as time_grammar
from claimledger.extract import _tokens, kinds, subject
from claimledger.extract import time as time_stage
from claimledger.extract._regex import LowercaseSearch, lowered_pattern
from claimledger.models import Quantity
from claimledger.resources import kinds as kind_words
from claimledger.resources import subjects as subject_words

GOLD = Path(__file__).parent / "gold" / "claims.jsonl"

_SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u2009", "\u3000", " \n "]
_PIECES = re.findall(
    r"\S+",
    "The ministry’s plan R&amp;D won't can't n't don't 5.5% $1,200 U.S. e.g. state-owned "
    "Zürich İstanbul ſpending KELVİN co-operation 2024-2026 Q1 FY24 — – ( ) ; : , . ? ! "
    "“quoted” 'single' rock'n'roll A&B &amp; 12th 3-4 x7 ١٢ will is to be built expected",
)


def _random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 30)):
        parts.append(rng.choice(_PIECES))
        parts.append(rng.choice(_SPACES) if rng.random() < 0.8 else "")
    return rng.choice(["", " ", "\n"]) + "".join(parts)


def _plain_words(text: str, start: int, end: int) -> list[tuple[int, int, str, str, str]]:
    """The tokens as ``_tokens._TOKEN.finditer`` finds them, lower-cased as documented."""
    out = []
    for m in _tokens._TOKEN.finditer(text, start, end):
        w = m.group(0)
        kind = "w" if w[0].isalnum() or w == "n't" else "p"
        low = w.lower().replace("’", "'").replace("&amp;", "&")
        out.append((m.start(), m.end(), low, kind, w))
    return out


def _fast_words(text: str, start: int, end: int) -> list[tuple[int, int, str, str, str]]:
    toks: list[_tokens.Tok] = []
    _tokens._words(text, start, end, toks)
    return [(t.start, t.end, t.low, t.kind, t.text) for t in toks]


def test_tokens_are_the_plain_pattern_tokens() -> None:
    rng = random.Random(21)
    for _ in range(3000):
        text = _random_text(rng)
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        assert _fast_words(text, a, b) == _plain_words(text, a, b), repr(text[a:b])


def test_word_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_tokens, "WORD_CACHE_MAX", 7)
    monkeypatch.setattr(_tokens, "_WORD_INFO", {})
    rng = random.Random(22)
    for _ in range(300):
        text = _random_text(rng)
        assert _fast_words(text, 0, len(text)) == _plain_words(text, 0, len(text))
        assert len(_tokens._WORD_INFO) <= 7


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for module in (kind_words, subject_words):
        for value in vars(module).values():
            if isinstance(value, frozenset):
                words |= {w for w in value if isinstance(w, str) and " " not in w}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        words |= set(re.findall(r"[A-Za-z][A-Za-z'-]*", line))
    return sorted(words)


_BEFORE = ["", "The", "the", "has", "been", "Fitch", "was", "a", "to", "will", ",", "and", "$5 billion"]
_AFTER = ["", "to", "for", "on", "the", "of", "a", "$5 billion", ".", "at", "that", "aside"]


def _in_contexts(word: str) -> list[tuple[_tokens.Tokens, int]]:
    out = []
    for before in _BEFORE:
        for after in _AFTER:
            text = " ".join(p for p in (before, word, after) if p)
            quants = []
            if "$5 billion" in text:
                from claimledger.extract import numbers

                quants = numbers.find(text, 0, len(text))
            toks = _tokens.tokenize(text, 0, len(text), quants, [])
            at = [i for i, t in enumerate(toks) if t.text == word]
            if at:
                out.append((toks, at[0]))
    return out


def test_words_marked_never_verbs_are_never_verbs() -> None:
    checked = 0
    for word in _vocabulary():
        for toks, j in _in_contexts(word):
            t = toks[j]
            marked_verbish, marked_nominal = t.verbish, t.nominal
            if marked_verbish != "?":
                # the mark set by tokenize is what the full rule says in this context
                assert kinds._verb_category(toks, j) == marked_verbish, (word, [x.text for x in toks])
                checked += 1
            if marked_nominal is not None:
                assert subject._nominal_in_context(toks, j) == marked_nominal, (word, [x.text for x in toks])
    assert checked > 1000


def test_commitment_cues_open_with_a_cue_word() -> None:
    for word in _vocabulary():
        for toks, j in _in_contexts(word):
            if kinds._commit_cue(toks, j) is not None:
                assert toks[j].low in kinds._CUE_WORDS, word


_TIME_WORDS = re.findall(
    r"\S+",
    "in by the end of year years month months quarter q1 q3 h1 h2 first second third half "
    "fiscal fy fy24 fy2024/25 2024 2025 1999 2030 2024-2026 2024/25 between and january jan. "
    "sept. september may march spring summer winter decade next last past this coming "
    "following ago earlier before since three six nine 12 5 over within today nowadays "
    "- / , . 10.5% per cent 2024-01-15 15.01.2024 9m ended ending to through beginning start "
    "close year-end same period 3 a couple of full whole twelve for é ı",
)


def test_time_grammar_look_aheads_keep_every_match() -> None:
    rng = random.Random(23)
    names = [name for name, _alt in time_grammar._ALTERNATIVES]
    subsets: list[frozenset[str] | None] = [None, time_grammar._YEAR_ONLY]
    subsets += [frozenset(rng.sample(names, rng.randint(1, len(names)))) for _ in range(6)]
    texts = [" ".join(rng.choice(_TIME_WORDS) for _ in range(rng.randint(1, 20))) for _ in range(1500)]
    for names_ in subsets:
        fast = time_grammar._fast_grammar(names_)
        plain = lowered_pattern(time_grammar._compile(names_))
        for text in texts:
            got = [(m.span(), m.lastgroup, m.groups()) for m in fast.finditer(text)]
            assert got == [(m.span(), m.lastgroup, m.groups()) for m in plain.finditer(text)], text


def test_every_alternative_gets_its_look_ahead() -> None:
    # an alternative whose opening the parser cannot read would lose the speed-up silently
    assert all(time_grammar._GUARDED[name] is not None for name, _alt in time_grammar._ALTERNATIVES)


def _claims(texts: list[tuple[str, str | None]]) -> list[list[dict[str, object]]]:
    return [[c.to_dict() for c in extract(text, date)] for text, date in texts]


def test_context_learnt_lazily_is_the_context_learnt_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    texts: list[tuple[str, str | None]] = [(d.text, d.published) for d in load_corpus()]
    rng = random.Random(24)
    sentences = [
        "In 2023, the programme was extended.",
        "Results of 2024",
        "Exports fell by a third to $5 million.",
        "Growth is projected at 4.5% for the year.",
        "More than 40 companies employ 9,000 people.",
        "Revenues are projected at 40.3, 42.4 and 43.9 trillion.",
        "The budget for 2025-2027 was approved.",
        "The IMF will lend $7 billion.",
        "Key figures:",
        "Priorities for 2026:",
        "- build 200 schools",
        "Inflation slowed in June to 8%.",
        "Officials met on Tuesday.",
        "Nearly 300 bridges were repaired.",
    ]
    for _ in range(40):
        paras = [" ".join(rng.choice(sentences) for _ in range(rng.randint(1, 6))) for _ in range(5)]
        texts.append(("\n\n".join(paras), rng.choice(["2025-01-15", "2024-09-30", None])))
    lazy = _claims(texts)
    defer = time_stage.TimeContext.defer

    def at_once(self: time_stage.TimeContext, *args: object, **kwargs: object) -> None:
        defer(self, *args, **kwargs)  # type: ignore[arg-type]
        self.flush()

    monkeypatch.setattr(time_stage.TimeContext, "defer", at_once)
    assert _claims(texts) == lazy


_Sentence = tuple[str, int, int, list[Quantity], list[time_grammar.Mention], Date | None]


def _figure_sentences() -> list[_Sentence]:
    from claimledger.extract import numbers, sentences

    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [(r["text"], r.get("date")) for r in rows] + [(d.text, d.published) for d in load_corpus()]
    out: list[_Sentence] = []
    for text, day in texts:
        ref = Date.fromisoformat(day) if day else None
        for s, e in sentences.split(text):
            quants = numbers.find(text, s, e)
            if quants:
                out.append((text, s, e, quants, time_grammar.find_mentions(text, s, e, ref), ref))
    return out


def _plain(toks: list[_tokens.Tok]) -> list[_tokens.Tok]:
    """The same tokens as a plain list, with nothing worked out yet: no word set to skip by."""
    return [_tokens.Tok(t.start, t.end, t.low, t.kind, t.ref, t.text) for t in toks]


def test_rules_skipped_by_the_word_set_give_the_full_answer() -> None:
    seen = 0
    for text, s, e, quants, mentions, ref in _figure_sentences():
        toks = _tokens.tokenize(text, s, e, quants, mentions)
        plain = _plain(toks)
        assert isinstance(toks, _tokens.Tokens) and not isinstance(plain, _tokens.Tokens)
        for pos, t in enumerate(toks):
            if t.kind != "q":
                continue
            q = quants[t.ref]
            fast = kinds.classify(text, s, e, toks, pos, None, None, ref)
            assert fast == kinds.classify(text, s, e, plain, pos, None, None, ref), text[s:e]
            words = fast[2]
            assert kinds.present_marker(toks, pos, words) == kinds.present_marker(plain, pos, words)
            assert kinds.participle_kind(toks, pos) == kinds.participle_kind(plain, pos)
            got = subject.for_quantity(toks, pos, q, words, "earlier", "")
            assert got == subject.for_quantity(plain, pos, q, words, "earlier", ""), text[s:e]
            seen += 1
    assert seen > 300


def _mention(start: int, role: str = "point", year: int | None = 2024) -> time_grammar.Mention:
    return time_grammar.Mention(start, start + 4, "2024", year, year, role)


def test_nearest_expression_by_bisection_is_the_first_nearest() -> None:
    from claimledger.extract.pipeline import _Nearest

    rng = random.Random(25)
    for _ in range(2000):
        starts = [rng.randint(0, 60) for _ in range(rng.randint(1, 8))]
        if rng.random() < 0.8:
            starts.sort()  # (unsorted lists take the plain walk)
        ms = [_mention(s, year=i) for i, s in enumerate(starts)]
        nearest = _Nearest(ms)
        for at in range(-5, 70):
            assert nearest(at) is min(ms, key=lambda m: abs(m.start - at)), (starts, at)


_RUN_ON = [
    "output rose 5% while the weather, which was cold in 2023, stayed; ",
    "the long report went on about nothing in particular for a while, ",
    "exports of 500 tons were planned since 2021 and the debt of 40 billion will be repaid by 2031; ",
    "a year earlier, which saw 12 new mines, ",
    "the 3% growth seen last year was below the 2030 goal of 7% ",
]


def test_period_defaults_of_a_sentence_at_once_are_the_plain_defaults() -> None:
    from claimledger.extract import numbers

    rng = random.Random(26)
    cases = _figure_sentences()
    for _ in range(30):
        text = "".join(rng.choice(_RUN_ON) for _ in range(rng.randint(5, 60)))
        day = Date(2025, 1, 15)
        mentions = time_grammar.find_mentions(text, 0, len(text), day)
        cases.append((text, 0, len(text), numbers.find(text, 0, len(text)), mentions, day))
    for text, s, e, quants, mentions, ref in cases:
        times = time_stage.SentenceTimes(mentions)
        for exclude in (frozenset(), frozenset(m.start for m in mentions[:1])):
            for q in quants:
                for kind in ("achievement", "status", "target", "forecast"):
                    args = (text, s, e, q, kind, mentions, time_stage.TimeContext(), ref, exclude)
                    assert time_stage.default(*args, times) == time_stage.default(*args), text[s:e]


def test_period_defaults_far_from_every_expression_take_the_first_nearest() -> None:
    rng = random.Random(27)
    text = "word, " * 400
    for _ in range(400):
        starts = sorted(rng.choice([0, 100, 500, 1000, 1000, 1500, 2000]) for _ in range(rng.randint(1, 6)))
        roles = [rng.choice(["point", "since", "deadline"]) for _ in starts]
        pairs = enumerate(zip(starts, roles, strict=True))
        mentions = [_mention(s, role, 2020 + i) for i, (s, role) in pairs]
        times = time_stage.SentenceTimes(mentions)
        for at in (0, 300, 500, 750, 1250, 1700, 2300):
            q = Quantity("5%", at, at + 2, 5.0, unit="%")
            for kind in ("achievement", "status", "target", "forecast"):
                args = (text, 0, len(text), q, kind, mentions, time_stage.TimeContext(), Date(2025, 1, 15))
                fast = time_stage.default(*args, frozenset(), times)
                assert fast == time_stage.default(*args), (starts, at)


_SENTENCE_WORDS = re.findall(
    r"\S+",
    "will shall would must plans to intends aims is to are set scheduled due 'll we'll pledged promised "
    "vowed instructed ordered tasked directed according to the IMF World Bank analysts expect forecast "
    "budget allocated provides for spending revenues deficit funding financing "
    "İS ſhall WİLL KELVİN x7 The And , . ; 5% $3 billion Will SHALL Budget",
)


@pytest.mark.parametrize("name", ["_MAY_COMMIT_LOW", "_FORECASTERS_LOW", "_PLANNING_LOW"])
def test_lowered_sentence_patterns_find_the_plain_match(name: str) -> None:
    lowered: LowercaseSearch = getattr(kinds, name)
    rng = random.Random(28)
    for _ in range(3000):
        body = " ".join(rng.choice(_SENTENCE_WORDS) for _ in range(rng.randint(1, 14)))
        body = body.upper() if rng.random() < 0.2 else body
        pre = rng.choice(["", "x", "ab ", "İ", "5"])
        text = pre + body + rng.choice(["", "s", " end"])
        start, end = len(pre), len(pre) + len(body)
        m = lowered.pattern.search(text, start, end)
        assert lowered.find(text, start, end) == (None if m is None else m.group(0).lower()), text
