"""Bounds on work, not on seconds: count the function calls a piece of code makes.

Unit tests must not assert wall-clock limits (the machines are shared and noisy; speed
belongs in ``benchmarks/``).  Growth is measured instead: the Python and C function calls
made for an input of size n and of size k*n.  Linear code makes about k times as many
calls; quadratic code makes about k*k times as many.  The count is exact and the same on a
loaded machine as on an idle one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any


def count_calls(fn: Callable[[], Any]) -> tuple[Any, int]:
    """Run ``fn()`` and return its result with the number of calls it made."""
    n = 0

    def prof(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal n
        if event in ("call", "c_call"):
            n += 1

    old = sys.getprofile()
    sys.setprofile(prof)
    try:
        result = fn()
    finally:
        sys.setprofile(old)
    return result, n


def growth(run: Callable[[int], Any], small: int, factor: int = 4) -> float:
    """Calls made by ``run(factor * small)`` divided by calls made by ``run(small)``.

    ``run`` is called once first to warm caches, so both counts see the same state.
    """
    run(small)
    _, a = count_calls(lambda: run(small))
    _, b = count_calls(lambda: run(factor * small))
    return b / max(a, 1)


def assert_linear(run: Callable[[int], Any], small: int, factor: int = 4, slack: float = 1.5) -> None:
    """Fail when work grows faster than ``slack`` times linear between two sizes."""
    ratio = growth(run, small, factor)
    assert ratio <= factor * slack, (
        f"calls grew {ratio:.1f}x for {factor}x the input (linear would be about {factor}x, "
        f"quadratic about {factor * factor}x)"
    )
