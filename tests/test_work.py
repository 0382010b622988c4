"""The work counter of tests/_work.py tells linear code from quadratic code."""

from __future__ import annotations

import pytest

from _work import assert_linear, count_calls, growth


def _linear(n: int) -> int:
    return sum(abs(i) for i in range(n))


def _quadratic(n: int) -> int:
    return sum(abs(i - j) for i in range(n) for j in range(n))


def test_counts_calls_exactly() -> None:
    result, calls = count_calls(lambda: [abs(-i) for i in range(100)])
    assert result == list(range(100))
    assert 100 <= calls <= 110  # 100 calls of abs, plus the lambda and the comprehension


def test_linear_code_passes_and_quadratic_code_fails() -> None:
    assert 3.5 <= growth(_linear, 200) <= 4.5
    assert growth(_quadratic, 50) >= 14
    assert_linear(_linear, 200)
    with pytest.raises(AssertionError, match="quadratic about 16x"):
        assert_linear(_quadratic, 50)
