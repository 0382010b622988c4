"""Two read paths of the claims table (issue 13, round 2), with the pages of the slow way.

- the document order without a filter a review can change reads ``claims`` alone (no
  test of each row against the corrections): every page equals the effective view's order,
  reviewed and rejected claims included, both directions, with a document filter too;
- a kind and unit filter reads the machine rows as two selects (the unit, the counted
  noun) merged with UNION: a claim whose unit and noun are both the value is listed once,
  on every sort and page.

Invented documents only (Tarvelia, Mordania).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from claimledger.ledger import (
    CLAIM_SORT_COLUMNS,
    ClaimFilter,
    Ledger,
    claims_page,
    transaction,
    upsert_correction,
)
from claimledger.models import Document
from claimledger.pipeline import add_document
from test_read_paths import AT

DOCS = [
    Document(
        text="Tarvelia will build 40 bridges by 2031. In 2023 Tarvelia built 12 bridges. "
        "Tarvelia built 9 bridges in 2021. Tarvelia opened 4 schools in 2022. "
        "By 2028 Tarvelia will build 30 bridges. Exports reached 5.2 billion dollars in 2022.",
        id="tarvelia.txt",
        published="2024-02-01",
    ),
    Document(
        text="By 2029 Mordania will open 15 new schools. In 2020 Mordania opened 3 schools. "
        "Mordania built 6 bridges in 2019. Mordania will build 11 bridges by 2030.",
        id="mordania.txt",
        published="2024-03-05",
    ),
]


@pytest.fixture
def led(tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger(str(tmp_path / "ledger.db"))
    try:
        for doc in DOCS:
            add_document(ledger, doc)
        yield ledger
    finally:
        ledger.close()


def _ids(led: Ledger, sql: str, **params: object) -> list[str]:
    with led.engine.connect() as conn:
        return [str(r[0]) for r in conn.execute(text(sql), params)]


def test_document_order_pages_equal_the_effective_order(led: Ledger) -> None:
    order = _ids(led, "SELECT id FROM claims_effective ORDER BY document_id, seq, id")
    assert len(order) >= 8
    with transaction(led.engine) as conn:  # reviewed rows: corrected, rejected
        upsert_correction(conn, order[1], {"state": "corrected", "kind": "forecast"}, reviewer="t", at=AT)
        upsert_correction(conn, order[4], {"state": "rejected"}, reviewer="t", at=AT)
    for desc in (False, True):
        want = list(reversed(order)) if desc else order  # (document, sentence) is unique
        for offset in range(len(order) + 1):
            page = claims_page(led.engine, ClaimFilter(), desc=desc, offset=offset, limit=3)
            assert page.total == len(order)
            assert [r.id for r in page.records] == want[offset : offset + 3], (desc, offset)
    first_doc = _ids(led, "SELECT id FROM claims_effective WHERE document_id = 1 ORDER BY seq, id")
    page = claims_page(led.engine, ClaimFilter(doc=1), limit=500)
    assert [r.id for r in page.records] == first_doc and page.total == len(first_doc)
    page = claims_page(led.engine, ClaimFilter(doc="tarvelia.txt"), offset=1, limit=2)
    assert [r.id for r in page.records] == first_doc[1:3]


def test_kind_and_unit_pages_list_a_claim_once(led: Ledger) -> None:
    nouns = _ids(led, "SELECT id FROM claims WHERE noun IS NOT NULL AND unit IS NULL ORDER BY id")
    assert len(nouns) >= 3
    noun = _ids(led, "SELECT noun FROM claims WHERE id = :i", i=nouns[0])[0]
    with transaction(led.engine) as conn:  # a machine row whose unit and noun are the same value
        conn.execute(text("UPDATE claims SET unit = noun WHERE id = :i"), {"i": nouns[0]})
    kinds = _ids(led, "SELECT DISTINCT kind FROM claims WHERE noun = :n", n=noun)
    for kind in kinds:
        f = ClaimFilter(kind=kind, unit=noun)
        for sort in CLAIM_SORT_COLUMNS:
            for desc in (False, True):
                whole = claims_page(led.engine, f, sort=sort, desc=desc, limit=500)
                ids = [r.id for r in whole.records]
                assert len(ids) == len(set(ids)), (kind, sort, desc, ids)
                want = _ids(
                    led,
                    "SELECT id FROM claims_effective WHERE kind = :k AND (unit = :u OR noun = :u)",
                    k=kind,
                    u=noun,
                )
                assert sorted(ids) == sorted(want), (kind, sort)
                for offset in range(len(ids)):
                    page = claims_page(led.engine, f, sort=sort, desc=desc, offset=offset, limit=1)
                    assert [r.id for r in page.records] == ids[offset : offset + 1], (sort, desc, offset)


def _plans(led: Ledger, f: ClaimFilter, **kw: object) -> str:
    """EXPLAIN QUERY PLAN of the statements ``claims_page`` runs for ``f``."""
    from sqlalchemy import event

    seen: list[tuple[str, object]] = []

    def log(conn: object, cursor: object, statement: str, params: object, *rest: object) -> None:
        seen.append((statement, params))

    event.listen(led.engine, "before_cursor_execute", log)
    try:
        claims_page(led.engine, f, **kw)  # type: ignore[arg-type]
    finally:
        event.remove(led.engine, "before_cursor_execute", log)
    with led.engine.connect() as conn:
        return "\n".join(
            " | ".join(str(r[3]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + st, pa))  # type: ignore[arg-type]
            for st, pa in seen
            if "merged" in st or "ORDER BY" in st
        )


def test_the_two_paths_read_their_indexes(led: Ledger) -> None:
    """EXPLAIN: the document order walks ``ix_claims_document`` with no test against the
    corrections; a kind and unit page reads each half as a covering range of its index,
    in the page's order (no sort of the unreviewed matches)."""
    plan = _plans(led, ClaimFilter(), offset=4, limit=3)
    assert "ix_claims_document" in plan and "corrections" not in plan, plan
    plan = _plans(led, ClaimFilter(kind="achievement", unit="bridge"), offset=1, limit=2)
    halves = [line for line in plan.split(" | ") if "claims USING" in line and "kind=?" in line]
    assert any("COVERING INDEX ix_claims_kind_unit" in h for h in halves), plan
    assert any("COVERING INDEX ix_claims_kind_noun" in h for h in halves), plan
    assert "MULTI-INDEX OR" not in plan, plan  # no reading of every match's row to sort them
