"""Precision on the development corpus, judged by hand.

The corpus is every statement of ``tests/gold/claims.jsonl`` and ``tests/gold/frame_dev.jsonl``
(written after real statements of 40-odd countries) and the bundled demo corpus, ingested
into one ledger, as a newsroom would hold them, and checked on 2026-11-23.  Every warning and
error it raised, and every promise it listed, was read by hand; the judgements are in
``tests/gold/checks_dev_judgements.json`` (finding id -> right or wrong and why; the
promises listed that are not commitments, by finding id, with why).  A finding not judged yet counts as
wrong, so a new false alarm fails the gate until someone reads it.

Gates: at least 0.9 of the warnings and errors right (the issue's target), at least 0.9 of
the listed promises real commitments (the issue asks 0.8; 0.935 was measured).
"""

from __future__ import annotations

import json
from datetime import date as Date
from pathlib import Path
from typing import Any

import pycountry
import pytest

from claimledger.checks import run_checks
from claimledger.corpus import __file__ as corpus_init
from claimledger.ledger import Ledger
from claimledger.link import load_records
from claimledger.models import Document
from claimledger.pipeline import add_document

GOLD = Path(__file__).parent / "gold"
JUDGED = GOLD / "checks_dev_judgements.json"
NOW = Date(2026, 11, 23)


def _title(row: dict[str, Any]) -> str:
    """A title like a newsroom's: the country's name and the kind of statement."""
    code = row.get("country") or ""
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    name = (getattr(country, "common_name", None) or getattr(country, "name", "")) if country else ""
    return f"{name} {row.get('style', row.get('pattern', ''))}".strip()


def dev_findings(tmp: Path) -> tuple[list[Any], dict[str, Any]]:
    """The corpus through the whole pipeline: (findings, claim records by id)."""
    led = Ledger(str(tmp / "dev.db"))
    for name in ("claims.jsonl", "frame_dev.jsonl"):
        for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            add_document(
                led, Document(text=row["text"], id=row["id"], title=_title(row), published=row["date"])
            )
    for p in sorted(Path(corpus_init).parent.glob("*.txt")):
        add_document(led, Document(text=p.read_text(encoding="utf-8"), id=p.name, title=p.stem))
    found = run_checks(led.engine, now=NOW)
    with led.engine.connect() as conn:
        recs = {r.id: r for r in load_records(conn)}
    led.engine.dispose()
    return found, recs


def figures(found: list[Any], judged: dict[str, Any]) -> dict[str, float]:
    flagged = [f for f in found if f.severity in ("warning", "error")]
    right = sum(1 for f in flagged if judged["flagged"].get(f.id, {}).get("right") is True)
    promises = [f for f in found if f.type == "promise"]
    noise = set(judged["not_commitments"])
    real = sum(1 for f in promises if f.id not in noise)
    return {
        "flagged": len(flagged),
        "flagged_precision": right / len(flagged) if flagged else 1.0,
        "promises": len(promises),
        "commitment_rate": real / len(promises) if promises else 1.0,
    }


@pytest.mark.slow
def test_dev_corpus_precision_by_hand(tmp_path: Path) -> None:
    judged = json.loads(JUDGED.read_text(encoding="utf-8"))
    found, _recs = dev_findings(tmp_path)
    got = figures(found, judged)
    unjudged = [f.message for f in found if f.severity != "info" and f.id not in judged["flagged"]]
    print(f"\ndev corpus: {got}; not judged yet: {unjudged}")
    assert got["flagged_precision"] >= judged["floors"]["flagged_precision"], unjudged
    assert got["commitment_rate"] >= judged["floors"]["commitment_rate"]


def test_judgement_file_is_well_formed() -> None:
    judged = json.loads(JUDGED.read_text(encoding="utf-8"))
    assert set(judged) >= {"flagged", "not_commitments", "floors", "measured"}
    for fid, j in judged["flagged"].items():
        assert fid[:4] in ("con-", "ari-", "fea-", "pro-", "off-", "rev-") and isinstance(j["right"], bool)
        assert j["why"] and j["message"]
