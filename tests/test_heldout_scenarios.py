"""Held-out scenarios: how the checkers generalise to documents their authors did not tune on.

``tests/gold/heldout_scenarios/*.json`` were written by an evaluator, not by the checkers'
authors, in the same format as ``tests/gold/scenarios`` (dated documents, ``expect`` and
``forbid``), from countries and sectors the tuned set uses little.  About half are noise
documents (consistent figures, rounding, regional parts, labelled revisions, forecasts next
to outcomes) that must raise nothing.

The pipeline and the scorer are the tuned set's own (imported from ``test_scenarios``), so the
two measurements mean the same thing: precision = raised findings that were expected (every
contradiction, arithmetic and feasibility finding, and every promise whose status rests on
evidence), recall = expected findings that were raised.

The floors in ``tests/gold/heldout_scenario_floors.json`` are what was measured, rounded down,
and may only go up: a test reads that file's git history.  Do not tune the checkers on these
files; they are only worth something while nobody has.
"""

from __future__ import annotations

import json
from datetime import date as Date
from pathlib import Path
from typing import Any

import pytest

from _floors import assert_floors_never_decrease
from test_scenarios import assert_meets_floors, main, report, run_all, totals

GOLD = Path(__file__).parent / "gold"
HELDOUT = sorted((GOLD / "heldout_scenarios").glob("*.json"))
FLOORS = GOLD / "heldout_scenario_floors.json"
FINDING_TYPES = {"contradiction", "arithmetic", "feasibility", "promise"}
PROMISE_STATUSES = {"not_due", "due", "in_progress", "kept", "partly_kept", "not_kept"}


@pytest.fixture(scope="module")
def heldout_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    if not HELDOUT:
        pytest.skip("no held-out scenarios")
    return run_all(HELDOUT, tmp_path_factory.mktemp("heldout"))


def test_heldout_scenarios_meet_floors(heldout_results: dict[str, dict[str, Any]]) -> None:
    precision, recall = totals(heldout_results)
    raised = sum(r["raised"] for r in heldout_results.values())
    expected = sum(r["expected"] for r in heldout_results.values())
    print(
        f"\nheld-out scenarios: {len(heldout_results)}; precision {precision:.3f} over {raised} raised, "
        f"recall {recall:.3f} over {expected} expected\n{report(heldout_results)}"
    )
    assert_meets_floors(heldout_results, FLOORS)


def test_heldout_files_are_well_formed() -> None:
    names = set()
    for p in HELDOUT:
        spec = json.loads(p.read_text(encoding="utf-8"))
        assert spec["name"] == p.stem, p.name
        assert 2 <= len(spec["documents"]) <= 4, p.name
        ids = [d["id"] for d in spec["documents"]]
        assert len(ids) == len(set(ids)), p.name
        for d in spec["documents"]:
            assert {"id", "date", "text"} <= set(d), p.name
            Date.fromisoformat(d["date"])
        Date.fromisoformat(spec["now"])
        for e in spec.get("expect", []) + spec.get("forbid", []):
            assert e["type"] in FINDING_TYPES, p.name
            assert e.get("status", "kept") in PROMISE_STATUSES, p.name
        names.add(p.stem)
    # The set must stay a real test of precision: many scenarios, about half pure noise.
    noise = [p for p in HELDOUT if not json.loads(p.read_text(encoding="utf-8")).get("expect")]
    assert len(names) >= 15
    assert len(noise) * 3 >= len(names)


def test_heldout_floors_never_decrease() -> None:
    """The floors file's values never went down in git history (skipped outside git)."""
    assert_floors_never_decrease(FLOORS)


if __name__ == "__main__":  # pragma: no cover - a report: python tests/test_heldout_scenarios.py [-v]
    import sys

    main(HELDOUT, sys.argv[1:])
