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

Nothing is scored here by new code: tests/test_heldout.py (which imports the scorer of
tests/test_gold.py) is pointed at this file, its own floors file and the larger size minimums
below for the duration of each test, and its tests are called.  So the scorer, the qualifier
and noun adapter, the floors check against git history and the failure printout by category
(``pytest -s tests/test_heldout2.py``) are the same code as for the first held-out set.
Floors in tests/gold/heldout2_floors.json are the measured figures rounded down to two
decimals, and can only go up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from unittest import mock

import test_heldout as heldout

HELDOUT2 = Path(__file__).parent / "gold" / "heldout2.jsonl"
FLOORS2 = Path(__file__).parent / "gold" / "heldout2_floors.json"

#: Size the second set must keep (larger than the first set's minimums).
MIN_STATEMENTS = 60
MIN_QUANTITIES = 260
MIN_COUNTRIES = 20
MIN_COMMITMENTS = 15
MIN_STATEMENTS_WITH_NEGATIVES = 12

# The second set's own caches around test_heldout's uncached loader and runner; they are only
# ever called while ``_second_set`` points test_heldout's globals at this set.
_load2 = cache(heldout.load_heldout.__wrapped__)
_run2 = cache(heldout.run_heldout.__wrapped__)


@contextmanager
def _second_set() -> Iterator[None]:
    """test_heldout's module globals pointed at the second set while the block runs."""
    with mock.patch.multiple(
        heldout,
        HELDOUT=HELDOUT2,
        FLOORS=FLOORS2,
        MIN_STATEMENTS=MIN_STATEMENTS,
        MIN_QUANTITIES=MIN_QUANTITIES,
        MIN_COUNTRIES=MIN_COUNTRIES,
        load_heldout=_load2,
        run_heldout=_run2,
    ):
        yield


def test_heldout2_file_is_well_formed() -> None:
    with _second_set():
        heldout.test_heldout_file_is_well_formed()
        rows = heldout.load_heldout()
    assert sum(len(r.get("commitments", [])) for r in rows) >= MIN_COMMITMENTS
    assert sum(1 for r in rows if r.get("negatives")) >= MIN_STATEMENTS_WITH_NEGATIVES
    # A second blind set shares nothing with the first one either.
    first = heldout.load_heldout()
    assert not {r["text"] for r in rows} & {r["text"] for r in first}
    assert not {r["id"] for r in rows} & {r["id"] for r in first}


def test_heldout2_gate_can_fail() -> None:
    with _second_set():
        heldout.test_gate_can_fail()


def test_heldout2_scores_meet_floors() -> None:
    print("\nheldout2 (tests/gold/heldout2.jsonl):")
    with _second_set():
        heldout.test_heldout_scores_meet_floors()


def test_heldout2_floors_never_decrease() -> None:
    with _second_set():
        heldout.test_heldout_floors_never_decrease()
