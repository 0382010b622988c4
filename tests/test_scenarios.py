"""Gold scenarios: documents in, findings out, through the whole pipeline.

Each ``tests/gold/scenarios/*.json`` holds dated documents and the findings they must
produce (``expect``) and must not produce (``forbid``).  The test runs extract -> ledger
-> link -> checks on each scenario and measures, over all scenarios:

- recall: expected findings that were raised;
- precision: raised findings that were expected.  Every contradiction, arithmetic and
  feasibility finding counts, and every promise finding whose status rests on evidence
  (kept, partly_kept, not_kept, in_progress); a ``due``/``not_due`` promise and a
  ``revision`` note count only when a scenario names them, since they are notes.

The floors in ``tests/gold/scenario_floors.json`` may only go up: a second test reads
that file's git history and fails if a value ever decreased.
"""

from __future__ import annotations

import json
import re
from datetime import date as Date
from pathlib import Path
from typing import Any

import pytest

from _floors import assert_floors_never_decrease
from claimledger.checks import run_checks
from claimledger.ledger import Ledger
from claimledger.link import ClaimRecord, load_records
from claimledger.models import Document, Finding
from claimledger.pipeline import add_document

GOLD = Path(__file__).parent / "gold"
SCENARIOS = sorted((GOLD / "scenarios").glob("*.json"))
FLOORS = GOLD / "scenario_floors.json"
EVIDENCE_STATUSES = ("kept", "partly_kept", "not_kept", "in_progress")
#: Numbers in expected details match within 2% (relative) or 0.002 (absolute, for fractions).
REL_TOL, ABS_TOL = 0.02, 0.002


def run_scenario(path: Path, tmp: Path) -> tuple[dict[str, Any], list[Finding], dict[str, ClaimRecord]]:
    spec = json.loads(path.read_text(encoding="utf-8"))
    led = Ledger(str(tmp / f"{path.stem}.db"))
    for d in spec["documents"]:
        add_document(
            led,
            Document(
                text=d["text"],
                id=d["id"],
                title=d.get("title"),
                source=d.get("source"),
                speaker=d.get("speaker"),
                published=d.get("date"),
            ),
        )
    found = run_checks(led.engine, now=Date.fromisoformat(spec.get("now", "2026-11-23")))
    with led.engine.connect() as conn:
        recs = {r.id: r for r in load_records(conn)}
    led.engine.dispose()
    return spec, found, recs


def _num_ok(want: float, got: Any) -> bool:
    if not isinstance(got, int | float):
        return False
    return abs(got - want) <= ABS_TOL or abs(got - want) <= REL_TOL * abs(want)


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def quote_in(quote: str, text: str) -> bool:
    """Is ``quote`` in ``text``, with any number at its edges whole (not part of a longer one)?"""
    if not _has_digit(quote):
        return quote in text
    head = r"(?<!\d)(?<!\d[.,])" if quote[0].isdigit() else ""
    tail = r"(?!\d)(?![.,]\d)" if quote[-1].isdigit() else ""
    return re.search(head + re.escape(quote) + tail, text) is not None


def matches(f: Finding, exp: dict[str, Any], recs: dict[str, ClaimRecord]) -> bool:
    """Does finding ``f`` satisfy expectation ``exp`` (type, quotes, status, details)?"""
    if f.type != exp["type"]:
        return False
    if "severity" in exp and f.severity != exp["severity"]:
        return False
    if "status" in exp and f.details.get("status") != exp["status"]:
        return False
    claims = [recs[c] for c in f.claim_ids if c in recs]
    for quote in exp.get("quotes", []):
        # A figure is looked for in the figures' own text; words (a name, a commitment)
        # in the sentence of the claim.  A quote with digits must match whole numbers:
        # "20" is not found in "2027" or "$1.20 billion", only in a figure "20 ..." or, for
        # a claim without a figure, a number token "20" of its sentence.
        if not any(
            quote_in(quote, c.q_text or "")
            or (c.q_text is None and quote_in(quote, c.sentence))
            or (not _has_digit(quote) and quote in c.sentence)
            for c in claims
        ):
            return False
    for key, want in exp.get("details", {}).items():
        got = f.details.get(key)
        if isinstance(want, int | float) and not isinstance(want, bool):
            if not _num_ok(float(want), got):
                return False
        elif got != want:
            return False
    return True


def score(spec: dict[str, Any], found: list[Finding], recs: dict[str, ClaimRecord]) -> dict[str, Any]:
    expect: list[dict[str, Any]] = spec.get("expect", [])
    forbid: list[dict[str, Any]] = spec.get("forbid", [])
    hit = [any(matches(f, e, recs) for f in found) for e in expect]
    counted, good, bad = 0, 0, []
    for f in found:
        expected = any(matches(f, e, recs) for e in expect)
        forbidden = any(matches(f, e, recs) for e in forbid)
        if (
            (f.type == "promise" and f.details.get("status") not in EVIDENCE_STATUSES)
            or f.type == "revision"  # a note, like a promise with no evidence: counted when named
        ) and not (expected or forbidden):
            continue
        counted += 1
        if expected and not forbidden:
            good += 1
        else:
            bad.append(f"{f.type}/{f.details.get('status', f.severity)}: {f.message}")
    missed = [e for e, h in zip(expect, hit, strict=True) if not h]
    return {
        "expected": len(expect),
        "recalled": sum(hit),
        "raised": counted,
        "correct": good,
        "false": bad,
        "missed": missed,
    }


def run_all(paths: list[Path], tmp: Path) -> dict[str, dict[str, Any]]:
    """Each scenario file through the pipeline and scored, by name."""
    return {p.stem: score(*run_scenario(p, tmp)) for p in paths}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    if not SCENARIOS:
        pytest.skip("no gold scenarios")
    return run_all(SCENARIOS, tmp_path_factory.mktemp("scenarios"))


def totals(results: dict[str, dict[str, Any]]) -> tuple[float, float]:
    exp = sum(r["expected"] for r in results.values())
    rec = sum(r["recalled"] for r in results.values())
    raised = sum(r["raised"] for r in results.values())
    good = sum(r["correct"] for r in results.values())
    return (good / raised if raised else 1.0), (rec / exp if exp else 1.0)


def report(results: dict[str, dict[str, Any]]) -> str:
    """One line per miss and per false alarm, for the assertion message and the console."""
    lines = []
    for name, r in results.items():
        lines += [f"{name}: MISSED {m}" for m in r["missed"]]
        lines += [f"{name}: FALSE  {b}" for b in r["false"]]
    return "\n".join(lines)


def assert_meets_floors(results: dict[str, dict[str, Any]], floors_file: Path) -> None:
    """Precision and recall over ``results`` are at least the floors in ``floors_file``."""
    precision, recall = totals(results)
    floors = json.loads(floors_file.read_text())
    detail = report(results)
    assert precision >= floors["precision"], f"precision {precision:.3f} < {floors['precision']}\n{detail}"
    assert recall >= floors["recall"], f"recall {recall:.3f} < {floors['recall']}\n{detail}"


def test_scenarios_meet_floors(results: dict[str, dict[str, Any]]) -> None:
    assert_meets_floors(results, FLOORS)


def test_scenario_files_are_well_formed() -> None:
    kinds = {"contradiction", "arithmetic", "feasibility", "promise", "revision"}
    for p in SCENARIOS:
        spec = json.loads(p.read_text(encoding="utf-8"))
        assert spec["documents"], p.name
        for d in spec["documents"]:
            assert {"id", "date", "text"} <= set(d), p.name
            Date.fromisoformat(d["date"])
        for e in spec.get("expect", []) + spec.get("forbid", []):
            assert e["type"] in kinds, p.name


@pytest.mark.parametrize(
    ("quote", "text", "found"),
    [
        ("20", "Growth will reach 4% by 2027.", False),  # regression: "20" matched "2027"
        ("20", "Exports rose 20% in 2024.", True),
        ("20", "$1.20 billion", False),
        ("1.2", "$1.25 billion", False),
        ("217", "217 schools", True),
        ("$450 billion", "to $450 billion by 2029", True),
        ("World Nomad Games", "the 5th World Nomad Games were held", True),
    ],
)
def test_quotes_with_digits_match_whole_numbers(quote: str, text: str, found: bool) -> None:
    assert quote_in(quote, text) is found


def test_floors_never_decrease() -> None:
    """The floors file's values never went down in git history (skipped outside git)."""
    assert_floors_never_decrease(FLOORS)


def main(paths: list[Path], argv: list[str]) -> None:
    """A report for people: per scenario, recall and precision with each miss and false alarm
    (``-v``: every finding); words in ``argv`` pick scenarios whose names contain them."""
    import tempfile

    names = [a for a in argv if not a.startswith("-")]
    with tempfile.TemporaryDirectory() as d:
        res = {}
        for p in paths:
            if names and not any(a in p.stem for a in names):
                continue
            spec, found, recs = run_scenario(p, Path(d))
            r = res[p.stem] = score(spec, found, recs)
            print(f"{p.stem}: {r['recalled']}/{r['expected']} recalled, {r['correct']}/{r['raised']} correct")
            for m in r["missed"]:
                print("   MISSED", m)
            for b in r["false"]:
                print("   FALSE ", b)
            if "-v" in argv:
                for f in found:
                    print("   ", f.type, f.details.get("status", f.severity), f.message)
        p_, r_ = totals(res)
        print(f"precision {p_:.3f} recall {r_:.3f}")


if __name__ == "__main__":  # pragma: no cover - python tests/test_scenarios.py [-v] [name ...]
    import sys

    main(SCENARIOS, sys.argv[1:])
