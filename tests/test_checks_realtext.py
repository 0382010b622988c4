"""Precision of the checkers on the real development corpus, judged by hand (issue 11).

The corpus is every statement of ``tests/gold/realtext_a.jsonl`` and ``realtext_b.jsonl``
(real public statements, one record each, with their source address), ingested into one
ledger, as a newsroom would hold them, and checked on 2026-11-23.  Every warning and error
it raised, and every promise it listed, was read by hand against the text around each claim;
the judgements are in ``tests/gold/realtext_checks_judgements.json`` in the shape of the
development corpus's (``test_checks_devcorpus``): finding id -> right or wrong and why, and
the promises listed that are not commitments, by finding id, with why (no messages: the
file quotes nothing of the texts).  A finding id is
stable (the finding's type, its checker without version, and the ids of its claims, which
are the document id and the claim's span), so it does not depend on run order.  A finding
not judged yet counts as wrong (a promise not judged yet as no commitment), so a new false
alarm fails the gate until someone reads it.

Floors (measured, rounded down; they only go up) are in
``tests/gold/realtext_checks_floors.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from _floors import assert_floors_never_decrease
from claimledger.checks import run_checks
from claimledger.ledger import Ledger
from claimledger.models import Document
from claimledger.pipeline import add_document
from test_checks_devcorpus import NOW, _title

GOLD = Path(__file__).parent / "gold"
SOURCES = [GOLD / "realtext_a.jsonl", GOLD / "realtext_b.jsonl"]
JUDGED = GOLD / "realtext_checks_judgements.json"
FLOORS = GOLD / "realtext_checks_floors.json"

needs_gold = pytest.mark.skipif(
    not all(p.is_file() for p in [*SOURCES, JUDGED, FLOORS]), reason="realtext gold files missing"
)


def realtext_findings(tmp: Path) -> list[Any]:
    """Every record of the real development corpus through the whole pipeline, then checked."""
    led = Ledger(str(tmp / "realtext.db"))
    for src in SOURCES:
        for line in src.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            add_document(
                led, Document(text=row["text"], id=row["id"], title=_title(row), published=row["date"])
            )
    found = run_checks(led.engine, now=NOW)
    led.engine.dispose()
    return found


def figures(found: list[Any], judged: dict[str, Any]) -> dict[str, float]:
    """Precision of warnings and errors, and the share of listed promises that are commitments.

    Stricter than the development corpus's: a promise not judged yet counts as no commitment,
    as an unjudged warning counts as wrong."""
    flagged = [f for f in found if f.severity in ("warning", "error")]
    right = sum(1 for f in flagged if judged["flagged"].get(f.id, {}).get("right") is True)
    promises = [f for f in found if f.type == "promise"]
    noise = set(judged["not_commitments"])
    real = sum(1 for f in promises if f.id in judged["promises_judged"] and f.id not in noise)
    return {
        "flagged": len(flagged),
        "flagged_precision": right / len(flagged) if flagged else 1.0,
        "promises": len(promises),
        "commitment_rate": real / len(promises) if promises else 1.0,
    }


@needs_gold
def test_realtext_precision_by_hand(tmp_path: Path) -> None:
    judged = json.loads(JUDGED.read_text(encoding="utf-8"))
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    found = realtext_findings(tmp_path)
    got = figures(found, judged)
    unjudged = [f.id for f in found if f.severity in ("warning", "error") and f.id not in judged["flagged"]]
    unjudged += [f.id for f in found if f.type == "promise" and f.id not in judged["promises_judged"]]
    print(f"\nrealtext corpus: {got}; not judged yet: {len(unjudged)}")
    assert got["flagged_precision"] >= floors["flagged_precision"], unjudged
    assert got["commitment_rate"] >= floors["commitment_rate"]


@needs_gold
def test_realtext_judgement_file_is_well_formed() -> None:
    judged = json.loads(JUDGED.read_text(encoding="utf-8"))
    assert set(judged) >= {"flagged", "not_commitments", "promises_judged", "measured"}
    for fid, j in judged["flagged"].items():
        assert fid[:4] in ("con-", "ari-", "fea-", "pro-", "off-", "rev-") and isinstance(j["right"], bool)
        assert j["why"]
    for fid, why in judged["not_commitments"].items():
        assert fid.startswith("pro-") and why
    # every promise judged a non-commitment was read, with the rest of the listed promises
    assert set(judged["not_commitments"]) <= set(judged["promises_judged"])


@needs_gold
def test_realtext_floors_never_decrease() -> None:
    assert_floors_never_decrease(FLOORS)
