"""Accuracy gate against the public peer suites in ``../shared/peer-suites``.

- Every case of every suite file is run through the ``numbers`` stage (table-driven from
  the suite files): no crash, and every span is exact and well formed.
- Each gated suite's F1 (scorer and matching rule: tests/peer_eval.py) must stay at or
  above its floor in tests/gold/peer_floors.json.
- Floors can only go up: every committed version of the floors file is read back from git
  history and no floor may ever have decreased.

Skipped when ``../shared/peer-suites`` is missing (a checkout without the shared folder),
with the reason; under CI=true a missing folder fails instead.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

import peer_eval
from _floors import assert_floors_never_decrease
from claimledger.extract import numbers
from claimledger.models import QUALIFIERS

FLOORS = Path(__file__).parent / "gold" / "peer_floors.json"

pytestmark = pytest.mark.needs_shared("peer-suites")

GATED = [name for name, (_path, _kind, gated) in peer_eval.SUITES.items() if gated]


@cache
def _scores() -> dict[str, peer_eval.Score]:
    predict = peer_eval.claimledger_predictor()
    return {name: peer_eval.score(name, predict) for name in peer_eval.SUITES}


def _cases() -> list[tuple[str, int]]:
    if not peer_eval.available():
        return [("absent", 0)]  # one case, so the needs_shared mark skips it with its reason
    return [(name, i) for name in peer_eval.SUITES for i in range(len(peer_eval.load(name)))]


@cache
def _load(name: str) -> list[peer_eval.Case]:
    return peer_eval.load(name)


@pytest.mark.parametrize(("suite", "index"), _cases())
def test_case_runs_and_spans_are_exact(suite: str, index: int) -> None:
    text = _load(suite)[index].text
    for q in numbers.find(text, 0, len(text)):
        assert text[q.start : q.end] == q.text
        assert 0 <= q.start < q.end <= len(text)
        assert q.qualifier in QUALIFIERS
        assert (q.value is not None) or (q.low is not None and q.high is not None)


@pytest.mark.parametrize("suite", GATED)
def test_f1_floor(suite: str) -> None:
    floors = json.loads(FLOORS.read_text())
    sc = _scores()[suite]
    print(f"{suite}: P={sc.precision:.3f} R={sc.recall:.3f} F1={sc.f1:.3f} (floor {floors[suite]})")
    assert sc.f1 >= floors[suite], "\n".join(sc.errors[:20])


def test_every_gated_suite_has_a_floor() -> None:
    floors = json.loads(FLOORS.read_text())
    assert set(GATED) <= set(floors)
    assert all(0 < v <= 1 for v in floors.values())


def test_targets_are_met() -> None:
    # the targets, independent of the pinned floors
    targets = {"CurrencyModel": 0.90, "DimensionModel": 0.90, "PercentModel": 0.90, "NumberModel": 0.90,
               "quantulum3": 0.85}  # fmt: skip
    for suite, target in targets.items():
        assert _scores()[suite].f1 >= target, suite


def test_floors_never_decrease() -> None:
    assert_floors_never_decrease(FLOORS)
