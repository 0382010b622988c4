"""The ``numbers`` stage's fast paths give exactly what their plain forms give.

Speed work replaced some scans of the stage by cheaper equivalents: the scanner is tried
only where a token can start, filter triggers open on a character class, groups of
filters are ruled out once per document, the chunks after a numeral are served from one
scan.  Each test compares a fast path with the plain computation on varied text (mixed
case, number words inside other words, non-ASCII letters that case-fold onto ASCII: "ſ",
"İ", the Kelvin sign), so an edit the fast path cannot follow fails here instead of
changing output.
"""

from __future__ import annotations

import random
import re

from claimledger.extract import units
from claimledger.extract.numbers import _atoms as atoms
from claimledger.extract.numbers import _not_figures as not_figures
from claimledger.extract.numbers import _scan as scan
from claimledger.extract.numbers import _spelled as spelled

_WORDS = re.findall(
    r"\S+",
    "one two Twenty-Five hundred THOUSAND million bn a an A third dozen half quarter point five 5 12 "
    "3.5 1,500 ½ ¾ ٣ ١٢ $ € % percent money often Tone stone tenge KELVİN İn ſix ＴＷＯ x7 7x 2024 24/7 "
    "1/2 .25 4e3 2.48×10−5 schools the of in said And FORTY-two sixty 60s ninth a-third an-eighth "
    "Jan. January decided Rajan may May 8 10:30 5pm 5 am GMT +7 (7172) 74-56-89 8 800 080 7777 "
    "0800 720 065 www.x.com a@b.org IMG_0042.jpg WA0049 &amp; #039 v2.0 version 3 Article 5 "
    "article Section sec. No. 7 § 4 № 9 Act Law 1.2.3 08.01.2024 2024-01-08 1111-2222-3333 . , ; : "
    "– — - ( ) K Kelvin ſecond",
)


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        body = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 18)))
        if rng.random() < 0.3:  # glue some words together
            body = body.replace(" ", rng.choice(["", "-", ".", ","]), rng.randint(1, 3))
        style = rng.random()
        if style < 0.15:
            body = body.upper()
        elif style < 0.3:
            body = body.lower()
        out.append(body)
    return out


def test_tokens_are_those_of_the_plain_scanner() -> None:
    for text in _texts(3000, seed=21):
        for start, end in ((0, len(text)), (1, len(text)), (0, max(0, len(text) - 2))):
            plain = scan._to_tokens(text, scan._SCAN.finditer(text, start, end))
            assert repr(scan.tokens(text, start, end)) == repr(plain), (text, start, end)


def test_word_triggers_match_their_plain_regex() -> None:
    rng = random.Random(22)
    for text in _texts(2000, seed=23):
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        for trig in (not_figures._MONTH_ANY, not_figures._SECTION_ANY):
            plain = trig.head.search(text, start, end) is not None
            assert (trig.search(text, start, end) is not None) == plain, (text, start, end)


def _plain_blocked(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """blocked_spans without the document-wide rule: every group's triggers tried."""
    sent = text[start:end]
    spans: list[tuple[int, int]] = []
    for subs, rxs, rx in not_figures._COMPILED:
        if any(sub in sent for sub in subs) or any(t.search(text, start, end) for t in rxs):
            spans.extend(m.span() for m in rx.finditer(text, start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def test_blocked_spans_with_the_document_rule_are_the_plain_ones() -> None:
    rng = random.Random(24)
    texts = _texts(1200, seed=25)
    for k in range(0, len(texts), 12):
        doc = ". ".join(texts[k : k + 12])  # a document of a dozen sentences
        for _ in range(12):
            start = rng.randint(0, len(doc))
            end = min(len(doc), start + rng.randint(0, len(doc) // not_figures.DOC_SCAN_RATIO))
            assert not_figures.blocked_spans(doc, start, end) == _plain_blocked(doc, start, end), (
                doc,
                start,
                end,
            )


def test_look_ahead_chunks_are_those_of_a_fresh_scan() -> None:
    rng = random.Random(26)
    long_run = "x" * 45 + "," + "y" * 50
    for text in [*_texts(1500, seed=27), long_run + " 5 " + long_run]:
        end = len(text)
        pos = rng.randint(0, end)
        ahead = atoms.Ahead(text, pos, end)
        for _ in range(6):
            at = min(end, pos + rng.randint(0, 30))
            n = rng.randint(1, 10)
            assert ahead.get(at, n) == atoms._scan_chunks(text, at, end, n)[0], (text, pos, at, n)


def test_chunk_scan_is_the_plain_chunk_regex() -> None:
    for text in _texts(1500, seed=28):
        for pos in range(0, len(text), 7):
            out: list[tuple[int, int, str]] = []
            complete = False
            stop = min(len(text), pos + atoms.WINDOW * 2)
            for m in atoms._CHUNK.finditer(text, pos, stop):
                if m.start() - (out[-1][1] if out else pos) > 3:
                    complete = True
                    break
                out.append((m.start(), m.end(), m.group()))
                if len(out) >= 9:
                    break
            else:
                complete = stop >= len(text)
            assert atoms._scan_chunks(text, pos, len(text), 9) == (out, complete), (text, pos)


def test_lone_digit_tokens_parse_as_the_general_grammar_does() -> None:
    for text in _texts(1500, seed=29):
        for tok in scan.tokens(text, 0, len(text)):
            if tok.kind in ("d", "f", "v"):
                assert spelled.parse([tok], []) == [spelled._parse_digits([tok], [], 0)], tok


def test_unit_match_takes_any_sequence() -> None:
    for words in (["km"], ["square", "metres", "of"], ("tenge.",), ["(kg)"], ["schools"], []):
        assert units.match(list(words)) == units.match(tuple(words))


def test_a_year_token_is_what_build_drops() -> None:
    years = ["in 2024", "by 2029,", "since 1999 and", "the 2030 plan", "in 2024 tons", "over 2000 people"]
    texts = [*years, *_texts(1500, seed=30)]
    for text in texts:
        for tok in scan.tokens(text, 0, len(text)):
            if atoms.year_token(text, 0, tok):
                assert atoms.build(text, 0, len(text), spelled.parse([tok], [])[0], [tok]) is None, (
                    text,
                    tok,
                )
