"""Quality gate of the ``official`` checker on real statement figures (tests/gold/official/).

The gold was labelled by hand against the WDI value of the shared vintage before the checker
first ran on it.  First blind measurement (first_run.tsv): precision 0.952, recall 0.328 of
``inconsistent``.  Floors in floors.json are measured figures rounded down, and only go up.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from _floors import assert_floors_never_decrease
from official_eval import GOLD, evaluate, load_gold

FLOORS = GOLD.parent / "floors.json"


def test_gold_has_at_least_100_labelled_figures_with_sources() -> None:
    gold = load_gold()
    assert len(gold) >= 100
    assert {g["label"] for g in gold} == {"consistent", "inconsistent"}
    for g in gold:
        assert str(g["source_url"]).startswith("http") and g["date"], g["id"]
        assert str(g["figure"]) in str(g["text"]), g["id"]
    assert len({g["id"] for g in gold}) == len(gold)


@pytest.mark.slow
@pytest.mark.needs_shared("reference/wb-FP.CPI.TOTL.ZG-wide.csv")
def test_official_checker_meets_its_floors() -> None:
    from conftest import SHARED

    s = evaluate(SHARED)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    got = {"inconsistent_precision": s.precision, "inconsistent_recall": s.recall}
    low = {k: (round(got[k], 4), v) for k, v in floors.items() if got[k] + 1e-9 < v}
    assert not low, f"below floor (measured, floor): {low}"


def test_official_floors_never_decrease() -> None:
    assert_floors_never_decrease(FLOORS)
