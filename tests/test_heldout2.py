"""Second blind held-out set: tests/gold/heldout2.jsonl, scored exactly like the first.

The file is in the format of tests/gold/claims.jsonl (see the docstring of tests/test_gold.py)
and was written, annotated and committed by an evaluator who had not read the extraction code,
before the extractor was ever run on it (git history shows the data commit first).  Its styles:
wire copy retelling ministers, central-bank statements, budget speeches, parliamentary answers,
ministry and city press releases, interview transcripts (Q/A), state-of-the-nation addresses,
IMF / World Bank outlooks retold, statistics releases, NGO reports, company-state project
announcements and web-page residue, from more than twenty countries, with many currencies
(naira, rupees in lakh and crore, pesos, rand, reais, rupiah, shillings, francs, taka, soums,
tugriks, manat, lari, lira, dong ...), physical units, bounds, ranges, number words, fiscal
years, quarters, months and relative time.  Annotations say what the JSON line contract
(docs/json-contract.md, docs/numbers.md) makes right, not what the tool outputs.

**Do not tune the extractor on this file, and do not open it if you change extraction code.**

Nothing is scored here by new code: the checks of tests/test_heldout.py (which imports the
scorer of tests/test_gold.py) are run on this file, its own floors file and the larger size
minimums below.  So the scorer, the qualifier and noun adapter, the floors check against git
history and the failure printout by category (``pytest -s tests/test_heldout2.py``) are the
same code as for the first held-out set.
Floors in tests/gold/heldout2_floors.json are the measured figures rounded down to two
decimals, and can only go up.
"""

from __future__ import annotations

from pathlib import Path

import test_heldout as heldout

SECOND = heldout.HeldoutSet(
    "heldout2",
    Path(__file__).parent / "gold" / "heldout2.jsonl",
    Path(__file__).parent / "gold" / "heldout2_floors.json",
    min_statements=60,
    min_quantities=260,
    min_countries=20,
)
MIN_COMMITMENTS = 15
MIN_STATEMENTS_WITH_NEGATIVES = 12


def test_heldout2_file_is_well_formed() -> None:
    rows = heldout.check_well_formed(SECOND)
    assert sum(len(r.get("commitments", [])) for r in rows) >= MIN_COMMITMENTS
    assert sum(1 for r in rows if r.get("negatives")) >= MIN_STATEMENTS_WITH_NEGATIVES
    # A second blind set shares nothing with the first one either.
    first = heldout.load_heldout()
    assert not {r["text"] for r in rows} & {r["text"] for r in first}
    assert not {r["id"] for r in rows} & {r["id"] for r in first}


def test_heldout2_gate_can_fail() -> None:
    heldout.check_gate_can_fail(SECOND)


def test_heldout2_scores_meet_floors() -> None:
    heldout.check_scores_meet_floors(SECOND)


def test_heldout2_floors_never_decrease() -> None:
    heldout.check_floors_never_decrease(SECOND)
