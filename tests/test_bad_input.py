"""Bad input: adversarial strings, huge lines, binary and broken text.

Each case must end with a correct result or a clear coded error, with bounded work: the
full-size inputs run without a timer (a unit test never asserts seconds), and the growth of
work is measured on prefixes of each input by counting calls (``tests/_work.py``), so that a
quadratic loop fails the test on any machine, loaded or not.
"""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from _work import assert_linear
from claimledger import extract, extract_stream
from claimledger.errors import ClaimLedgerError
from claimledger.extract import numbers

QUANTULUM_ERRORS = (
    Path(__file__).resolve().parents[2] / "shared" / "peer-suites" / "quantulum3" / "errors.json"
)

T = TypeVar("T")


def _find_all(text: str) -> list[object]:
    return list(numbers.find(text, 0, len(text)))


_PROSE = "Spending rose 5% to $1.5 billion in 2024, over 600 MW and 3-4 percent, IMG 20240107 WA0049 #039 "

ADVERSARIAL: dict[str, Callable[[], str]] = {
    "commas 1,1,1 x100000": lambda: ",".join(["1"] * 100_000),
    "digits 10 MB": lambda: "9" * 10_000_000,
    "dots 1.1.1 x500000": lambda: ".".join(["1"] * 500_000),
    "digits and dots": lambda: "12.34." * 200_000,
    "spaced groups": lambda: "1 000 " * 200_000,
    "slashes 1/1/1": lambda: "/".join(["1"] * 200_000),
    "hyphens 1-1-1": lambda: "-".join(["1"] * 200_000),
    "number words": lambda: " ".join(["one"] * 100_000),
    "and-chains": lambda: " and ".join(["two hundred"] * 50_000),
    "currency symbols": lambda: "$" * 500_000 + "5",
    "signs": lambda: "- " * 300_000 + "1",
    "exponents": lambda: "1e1e" * 200_000,
    "brackets": lambda: "(" * 200_000 + "5 kg" + ")" * 200_000,
    "unicode digits and spaces": lambda: "١٢٣\u202f" * 100_000 + "5\u00a0000",
    "10 MB prose line": lambda: _PROSE * 100_000,
}


#: Full-size cases that take minutes on a loaded machine: in `make test`, not `make check`
#: (the growth of their work is checked on prefixes in the fast loop).
SLOW_CASES = {"10 MB prose line", "digits 10 MB", "spaced groups", "number words"}


def _cases(names: list[str]) -> list[Any]:
    return [pytest.param(n, marks=pytest.mark.slow) if n in SLOW_CASES else n for n in names]


@pytest.mark.parametrize("name", _cases(list(ADVERSARIAL)))
def test_adversarial_numbers(name: str) -> None:
    text = ADVERSARIAL[name]()
    got = numbers.find(text, 0, len(text))
    for q in got[:1000]:
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "name",
    _cases(["commas 1,1,1 x100000", "dots 1.1.1 x500000", "number words", "currency symbols", "signs"]),
)
def test_adversarial_pipeline(name: str) -> None:
    # the whole pipeline (sentences, time, kinds, subject) on a 100-600 KB single line
    text = ADVERSARIAL[name]()
    claims = extract(text, "2025-01-01", source="adversarial")
    for c in claims[:1000]:
        assert text[c.sentence.start : c.sentence.end] == c.sentence.text


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_numbers_work_grows_linearly(name: str) -> None:
    # prefixes of 5,000 and 20,000 characters: 4x the text must cost about 4x the calls
    text = ADVERSARIAL[name]()
    assert_linear(lambda n: numbers.find(text[:n], 0, n), 5_000)


@pytest.mark.parametrize("name", ["number words", "currency symbols", "signs", "spaced groups"])
def test_adversarial_pipeline_work_grows_linearly(name: str) -> None:
    text = ADVERSARIAL[name]()
    assert_linear(lambda n: extract(text[:n], "2025-01-01", source="adversarial"), 5_000)


def test_ten_mb_line_in_a_stream_is_a_coded_error() -> None:
    line = "word " * 2_100_000  # 10.5 MB, no sentence break
    with pytest.raises(ClaimLedgerError) as err:
        list(extract_stream(io.StringIO(line), source="big"))
    assert err.value.code == "E004"


def test_empty_and_whitespace() -> None:
    for text in ("", " ", "\n\n\n", "\t"):
        assert numbers.find(text, 0, len(text)) == []
        assert extract(text, source="empty") == []


def test_binary_and_invalid_utf8_are_coded_errors() -> None:
    from claimledger.cli._io import decode_text

    cases = {b"": "E003", b"\x00\x01\x02binary\x00": "E001", b"caf\xe9 \xff\xfe": "E002"}
    for data, code in cases.items():
        with pytest.raises(ClaimLedgerError) as err:
            decode_text(data, "input")
        assert err.value.code == code


def test_surrogates_and_odd_unicode_do_not_crash() -> None:
    text = "Growth of 5\u00a0% \ud800 and ＄5 and ５% and 5\u2009000 tenge \u200b12 km"
    got = _find_all(text)
    assert got is not None


def _quantulum_errors() -> list[str]:
    if not QUANTULUM_ERRORS.is_file():
        return [""]  # one case, so the needs_shared mark skips it with its reason
    return list(json.loads(QUANTULUM_ERRORS.read_text(encoding="utf-8")))


@pytest.mark.needs_shared("peer-suites/quantulum3/errors.json")
@pytest.mark.parametrize("text", _quantulum_errors())
def test_quantulum_error_strings(text: str) -> None:
    got = numbers.find(text, 0, len(text))
    claims = extract(text, source="errors")
    for q in got:
        assert text[q.start : q.end] == q.text
    assert isinstance(claims, list)


@pytest.mark.parametrize(
    "text",
    [
        "His score is 200 or greater than 190",  # a bound laid over a figure: overlapping spans
        "Exports rose 5% in January-ſeptember 2024.",  # a long s that re.I folds to "s"
        "Exports rose 5% in İanuary 2024, and 3% in Kelvin-sign \u212aarch.",
    ],
)
def test_regression_no_crash_on_overlaps_and_unicode_case_folding(text: str) -> None:
    claims = extract(text, "2025-01-01")
    spans = [(c.quantity.start, c.quantity.end) for c in claims if c.quantity is not None]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    for c in claims:
        if c.quantity is not None:
            assert text[c.quantity.start : c.quantity.end] == c.quantity.text
