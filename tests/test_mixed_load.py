"""The mixed load without the cache (issue 13, with issue 16 item 4): what the uncached
browsing mix reads is kept by the writes or read through an index, with the answers the slow
way gives.

- the claims table's total for a unit filter, with or without a kind, comes from the
  ``unit`` and ``kind_unit`` summary parts (migration 0016), exact after every write;
- the promise board reads ``promise_status`` (kept by the same writes) one column page at a
  time, and gives what computing every target's status gives;
- a search is counted in the FTS index and its pages tested by rowid, with the totals and
  pages of the slow way, for every sort and page;
- ``doctor`` finds drift in the new parts and ``--rebuild-summaries`` repairs it;
- migration 0016 fills them on an existing ledger.

Invented documents only (Veldoria, Ostrana).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from claimledger import review
from claimledger.checks import run_checks
from claimledger.extract import EXTRACTOR
from claimledger.ledger import (
    ClaimFilter,
    Ledger,
    check_summaries,
    claims_page,
    count_claims,
    db_url,
    doctor,
    promise_targets,
    repair_summaries,
    set_promise_override,
    transaction,
    upsert_correction,
)
from claimledger.ledger._summary import promise_column, promise_column_counts, summary_value
from claimledger.models import Document
from claimledger.pipeline import add_document, extract_document
from test_read_paths import (
    AT,
    ledger_url,  # noqa: F401  (the SQLite/PostgreSQL fixture)
)

DOCS = [
    Document(
        text="Veldoria will build 40 bridges by 2031. In 2023 Veldoria built 12 bridges. "
        "Exports reached 5.2 billion dollars in 2022. The government will cut unemployment "
        "to 4 percent by 2027. Ostrana plans to plant 90,000 trees by 2030.",
        id="veldoria.txt",
        published="2024-02-01",
    ),
    Document(
        text="By 2029 Ostrana will open 15 new schools. Last year Ostrana opened 3 schools. "
        "Imports fell to 2.1 billion dollars in 2023. Inflation is expected at 3.5 percent in 2025. "
        "The port will handle 8 million tonnes of grain by 2028.",
        id="ostrana.txt",
        published="2024-03-05",
    ),
]


def _filters(led: Ledger) -> list[ClaimFilter]:
    """Every unit filter the ledger's claims offer, alone and with each kind."""
    records = led.claims()
    values = {v for r in records for v in (r.unit, r.noun) if v}
    kinds = {r.kind for r in records}
    out = [ClaimFilter(unit=v) for v in sorted(values)]
    out += [ClaimFilter(kind=k, unit=v) for k in sorted(kinds) for v in sorted(values)]
    return out


def _exact(led: Ledger) -> None:
    """The stored counts and statuses equal the slow way's, and the claims table's totals for
    unit filters (from the summary) equal ``count_claims`` over the tables."""
    with transaction(led.engine) as conn:
        assert check_summaries(conn) == []
        for f in _filters(led):
            stored = (
                summary_value(conn, "kind_unit", f"{f.kind}|{f.unit}")
                if f.kind
                else summary_value(conn, "unit", str(f.unit))
            )
            assert stored == count_claims(conn, f), f
        targets = promise_targets(conn)
        assert promise_column_counts(conn) == dict(sorted(Counter(t[2] for t in targets).items()))
        for status in {t[2] for t in targets}:
            column = [t for t in targets if t[2] == status]
            assert promise_column(conn, status, 0, 1000) == column
            assert promise_column(conn, status, 1, 2) == column[1:3]
    for f in _filters(led)[:6]:
        page = claims_page(led.engine, f, limit=500)
        assert page.total == len(page.records) == len(led.claims(kind=f.kind, unit=f.unit))


def _unit_of(led: Ledger, kind: str) -> str:
    return next(r.id for r in led.claims(kind=kind) if r.review_state != "rejected")


def test_unit_counts_and_promise_statuses_stay_exact_after_every_write(ledger_url: str) -> None:  # noqa: F811
    led = Ledger(ledger_url)
    try:
        add_document(led, DOCS[0])
        _exact(led)
        batch = [(DOCS[1], extract_document(DOCS[1]))]
        assert [r.status for r in led.store_documents(batch, extractor=EXTRACTOR)] == ["ingested"]
        _exact(led)
        run_checks(led.engine)
        _exact(led)
        targets = [r.id for r in led.claims(kind="target")]
        assert len(targets) >= 4
        # the ledger's own review writes, without the check run the review API adds after them
        with transaction(led.engine) as conn:
            set_promise_override(conn, targets[0], status="due", note=None, reviewer="t", at=AT)
        _exact(led)
        with transaction(led.engine) as conn:
            upsert_correction(conn, targets[1], {"state": "corrected", "period": "2040"}, reviewer="t", at=AT)
        _exact(led)
        with transaction(led.engine) as conn:
            upsert_correction(conn, targets[2], {"state": "rejected"}, reviewer="t", at=AT)
        _exact(led)
        with transaction(led.engine) as conn:
            upsert_correction(conn, targets[2], {"state": "accepted"}, reviewer="t", at=AT)
        _exact(led)
        # the public review actions (each re-checks)
        review.set_promise_status(led.engine, targets[0], "kept", reviewer="t")
        _exact(led)
        review.correct_claim(led.engine, targets[1], reviewer="t", unit="EUR")  # a unit corrected
        _exact(led)
        review.correct_claim(led.engine, targets[2], reviewer="t", period="2035")  # a new deadline
        _exact(led)
        review.reject_claim(led.engine, targets[3], reviewer="t")  # off the board
        _exact(led)
        achieved = _unit_of(led, "achievement")
        review.correct_claim(led.engine, achieved, reviewer="t", kind="target")  # onto the board
        _exact(led)
        review.accept_claim(led.engine, achieved, reviewer="t")
        _exact(led)
        doc = next(d for d in led.documents() if d.doc_key == "veldoria.txt")
        full = extract_document(DOCS[0])
        led.replace_claims(doc.id, full[:2], extractor="older")  # claims dropped
        _exact(led)
        led.replace_claims(doc.id, full, extractor=EXTRACTOR)  # and back
        _exact(led)
        run_checks(led.engine)
        _exact(led)
    finally:
        led.close()


@pytest.fixture
def searched(tmp_path: Path) -> Iterator[Ledger]:
    led = Ledger(str(tmp_path / "ledger.db"))
    for doc in DOCS:
        add_document(led, doc)
    ids = [r.id for r in led.claims()]
    review.correct_claim(led.engine, ids[1], reviewer="t", kind="forecast")
    review.reject_claim(led.engine, ids[4], reviewer="t")
    yield led
    led.close()


@pytest.mark.parametrize("words", ["Ostrana", "billion", "will", "dollars 2023", "schoo", "nothing"])
def test_a_search_counts_and_pages_like_the_slow_way(searched: Ledger, words: str) -> None:
    led = searched
    f = ClaimFilter(search=words + "*")
    with led.engine.connect() as conn:
        slow = count_claims(conn, f)
    expected = {r.id for r in led.claims(search=words + "*")}
    assert slow == len(expected)
    for sort in ("document", "kind", "period", "value", "state"):
        for desc in (False, True):
            whole = claims_page(led.engine, f, sort=sort, desc=desc, limit=500)
            assert whole.total == slow and {r.id for r in whole.records} == expected
            order = [r.id for r in whole.records]
            # every page of two, by offset (the cheaper of walking the sort's index and
            # reading the matches is chosen per page) and by cursor, is a slice of the whole
            for offset in range(0, len(order) + 1, 2):
                page = claims_page(led.engine, f, sort=sort, desc=desc, offset=offset, limit=2)
                assert [r.id for r in page.records] == order[offset : offset + 2], (sort, desc, offset)
    # the default order is the document's, then the claim id (sorted here, in Python)
    by_doc = sorted(led.claims(search=words + "*"), key=lambda r: (r.document_id, r.seq, r.id))
    assert [r.id for r in claims_page(led.engine, f, limit=500).records] == [r.id for r in by_doc]


def test_kind_and_unit_pages_are_slices_of_the_whole(searched: Ledger) -> None:
    led = searched
    for f in _filters(led):
        whole = claims_page(led.engine, f, limit=500)
        order = [r.id for r in whole.records]
        assert whole.total == len(order) == len(led.claims(kind=f.kind, unit=f.unit))
        for offset in range(0, len(order), 1):
            page = claims_page(led.engine, f, offset=offset, limit=1)
            assert page.total == whole.total and [r.id for r in page.records] == order[offset : offset + 1]


def test_doctor_finds_drift_in_the_new_parts_and_rebuild_repairs_it(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    led = Ledger(db)
    try:
        for doc in DOCS:
            add_document(led, doc)
        run_checks(led.engine)
        with transaction(led.engine) as conn:
            expected = promise_targets(conn)
        target = next(t[0] for t in expected if t[2] != "kept" and t[3] == "checker")
        with transaction(led.engine) as conn:  # what a writer that bypasses the ledger does
            conn.execute(text("UPDATE ledger_summary SET n = n + 3 WHERE part = 'kind_unit'"))
            conn.execute(text("UPDATE promise_status SET status = 'kept' WHERE claim_id = :c"), {"c": target})
    finally:
        led.close()
    url = db_url(db)
    up = doctor(url)
    assert not up.ok
    assert any(p.startswith("summary counts: kind_unit[") for p in up.problems), up.problems
    wrong = repair_summaries(url)
    assert any(w.startswith("kind_unit[") for w in wrong)
    real = next(t for t in expected if t[0] == target)
    assert [w for w in wrong if w.startswith("promise_status[")] == [
        f"promise_status[{target}]: stored {(real[1], 'kept', 'checker')}, counted {real[1:]}"
    ]
    assert doctor(url).ok


def test_migration_0016_fills_the_new_parts_from_an_existing_ledger(tmp_path: Path) -> None:
    from claimledger.ledger import open_engine
    from claimledger.ledger.migrations import _MIXED_LOAD_INDEXES_0016, migrate

    db = str(tmp_path / "old.db")
    led = Ledger(db)
    try:
        for doc in DOCS:
            add_document(led, doc)
        run_checks(led.engine)
        with transaction(led.engine) as conn:
            expected = promise_targets(conn)
            conn.execute(text("DROP TABLE promise_status"))
            conn.execute(text("DELETE FROM ledger_summary WHERE part IN ('unit', 'kind_unit')"))
            conn.execute(text("DELETE FROM schema_migrations WHERE name = '0016_mixed_load'"))
            for stmt in _MIXED_LOAD_INDEXES_0016:
                conn.execute(text("DROP INDEX IF EXISTS " + stmt.split()[2]))
    finally:
        led.close()
    before = doctor(db_url(db))  # reads without migrating: 0016 pending, no false drift
    assert before.ok, before.problems
    assert any(name == "migrations" and "1 pending" in found for name, found in before.checks)
    engine = open_engine(db)  # migrates
    try:
        assert "0016_mixed_load" not in migrate(engine)  # applied on open already
        with transaction(engine) as conn:
            assert check_summaries(conn) == []
            assert summary_value(conn, "unit", "USD")
            statuses = Counter(t[2] for t in expected)
            for status, n in statuses.items():
                assert promise_column(conn, status, 0, 1000) == [t for t in expected if t[2] == status]
                assert n > 0
    finally:
        engine.dispose()


def test_the_read_paths_use_their_indexes(searched: Ledger) -> None:
    """EXPLAIN: a board column is a search of its index; a search's total reads the FTS
    index only; a kind and unit filter reads the kind+unit indexes, not every row of a kind."""
    led = searched
    run_checks(led.engine)
    with led.engine.connect() as conn:

        def plan(sql: str, *params: Any) -> str:
            return " | ".join(str(r[3]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params))

        board = plan(
            "SELECT claim_id FROM promise_status WHERE status = ? ORDER BY due, claim_id LIMIT 25", "due"
        )
        assert "ix_promise_status_board" in board and "TEMP B-TREE" not in board, board
        count = plan("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?", "budget")
        assert "claims " not in count + " " and "VIRTUAL TABLE" in count, count
        pair = plan(
            "SELECT id FROM claims WHERE (kind = ? AND unit = ?) OR (kind = ? AND noun = ?)",
            "target",
            "USD",
            "target",
            "USD",
        )
        assert "ix_claims_kind_unit" in pair and "ix_claims_kind_noun" in pair, pair


def test_the_board_from_stored_statuses_is_the_computed_board(web_client: Any, monkeypatch: Any) -> None:
    """/promises.json read from ``promise_status`` equals the board computed from every
    target's status (the path of a ledger without it), for the whole board and each column's
    pages, after a reviewer moves a card."""
    from fastapi.testclient import TestClient

    from claimledger import ledger
    from claimledger.web import create_app

    board = web_client.get("/promises.json").json()
    assert board["total"] > 0
    cid = next(c for c in board["statuses"] if c["items"])["items"][0]["claim"]["id"]
    r = web_client.post(f"/api/promises/{cid}/status", json={"status": "not_kept", "note": "no bridges"})
    assert r.status_code == 200
    statuses = sorted({c["status"] for c in board["statuses"]} | {"not_kept"})
    addresses = ["/promises.json"] + [f"/promises.json?status={s}&page={p}" for s in statuses for p in (1, 2)]
    stored = {a: web_client.get(a).json() for a in addresses}
    not_kept = stored["/promises.json?status=not_kept&page=1"]["statuses"][0]["items"]
    assert any(i["claim"]["id"] == cid and i["status_source"] == "reviewer" for i in not_kept)
    monkeypatch.setattr(ledger, "promise_columns", lambda *a, **k: None)
    with TestClient(create_app(str(web_client.app.state.web.db))) as computed:
        for a in addresses:
            assert computed.get(a).json() == stored[a], a
