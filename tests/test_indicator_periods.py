"""The indicator list's period spans as summary rows (issue 13, migration 0017).

``indicator_periods`` holds claims per indicator and effective period, kept by every write
like ``ledger_summary``; the indicator list reads a page's first and last period from it.
These tests compare it, after every kind of write, with the slow way (the least and
greatest effective period over ``indicator_claims`` and the effective view), check that the
read uses the table's primary key, that ``doctor`` finds drift and ``--rebuild-summaries``
repairs it, and that migration 0017 fills it on an existing ledger.

Invented documents only (Marvelia, Quorath).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, text

from claimledger import review
from claimledger.checks import run_checks
from claimledger.extract import EXTRACTOR
from claimledger.ledger import (
    Ledger,
    check_summaries,
    db_url,
    doctor,
    indicators_page,
    open_engine,
    repair_summaries,
    transaction,
    upsert_correction,
)
from claimledger.ledger._summary import indicator_spans
from claimledger.ledger.queries import effective
from claimledger.ledger.reextract import replace_claims
from claimledger.ledger.schema import indicator_claims
from claimledger.link import relink
from claimledger.models import Document
from claimledger.pipeline import add_document, extract_document
from test_read_paths import (
    AT,
    ledger_url,  # noqa: F401  (the SQLite/PostgreSQL fixture)
)

DOCS = [
    Document(
        text="Marvelia will build 40 bridges by 2031. In 2023 Marvelia built 12 bridges. "
        "Marvelia built 9 bridges in 2021. Exports reached 5.2 billion dollars in 2022. "
        "Marvelia will cut unemployment to 4 percent by 2027.",
        id="marvelia.txt",
        published="2024-02-01",
    ),
    Document(
        text="By 2029 Quorath will open 15 new schools. In 2020 Quorath opened 3 schools. "
        "Exports reached 4.8 billion dollars in 2019. Inflation is expected at 3.5 percent in 2025.",
        id="quorath.txt",
        published="2024-03-05",
    ),
]


def _slow_spans(conn: object) -> dict[int, tuple[str, str]]:
    """The spans the slow way: every member claim's effective period."""
    ic = indicator_claims.c
    stmt = (
        select(ic.indicator_id, func.min(effective.c.period), func.max(effective.c.period))
        .join(effective, effective.c.id == ic.claim_id)
        .where(effective.c.period.is_not(None))
        .group_by(ic.indicator_id)
    )
    return {int(i): (str(a), str(b)) for i, a, b in conn.execute(stmt)}  # type: ignore[attr-defined]


def _exact(led: Ledger) -> dict[int, tuple[str, str]]:
    """The stored spans equal the slow way's, on the indicator list too; returns them."""
    page = indicators_page(led.engine, limit=1000)
    with transaction(led.engine) as conn:
        assert check_summaries(conn) == []
        slow = _slow_spans(conn)
        ids = [i.id for i in page.indicators]
        assert indicator_spans(conn, ids) == {i: s for i, s in slow.items() if i in ids}
    shown = {i.id: (i.first_period, i.last_period) for i in page.indicators if i.first_period}
    assert shown == slow
    assert all(i.first_period is None for i in page.indicators if i.id not in slow)
    return slow


def _member_with_period(led: Ledger) -> str:
    with led.engine.connect() as conn:
        row = conn.execute(
            select(effective.c.id)
            .join(indicator_claims, indicator_claims.c.claim_id == effective.c.id)
            .where(effective.c.period.is_not(None), effective.c.review_state != "rejected")
            .order_by(effective.c.id)
        ).first()
    assert row is not None
    return str(row[0])


def test_spans_stay_exact_after_every_write(ledger_url: str) -> None:  # noqa: F811
    led = Ledger(ledger_url)
    try:
        add_document(led, DOCS[0])
        _exact(led)
        relink(led.engine)
        _exact(led)
        batch = [(DOCS[1], extract_document(DOCS[1]))]
        assert [r.status for r in led.store_documents(batch, extractor=EXTRACTOR)] == ["ingested"]
        _exact(led)
        relink(led.engine)
        first = _exact(led)
        assert first, "the invented documents link claims with periods to indicators"
        run_checks(led.engine)
        _exact(led)
        claim = _member_with_period(led)
        # a period moved far outside every span: the span of its indicator widens
        with transaction(led.engine) as conn:
            upsert_correction(conn, claim, {"state": "corrected", "period": "2099"}, reviewer="t", at=AT)
        widened = _exact(led)
        assert "2099" in {last for _, last in widened.values()}
        review.correct_claim(led.engine, claim, reviewer="t", period="1999")  # the public action
        assert "1999" in {a for a, _ in _exact(led).values()}
        review.reject_claim(led.engine, claim, reviewer="t")  # rejected claims stay in the span
        _exact(led)
        with transaction(led.engine) as conn:
            upsert_correction(conn, claim, {"state": "accepted"}, reviewer="t", at=AT)
        _exact(led)
        relink(led.engine)
        _exact(led)
        # re-extraction: the document's claims replaced by fewer (links of dropped claims go)
        with transaction(led.engine) as conn:
            doc_id = int(conn.execute(text("SELECT id FROM documents ORDER BY id LIMIT 1")).scalar_one())
        fewer = extract_document(DOCS[0])[:2]
        with transaction(led.engine) as conn:
            replace_claims(conn, doc_id, fewer, EXTRACTOR)
        _exact(led)
        relink(led.engine)
        _exact(led)
    finally:
        led.close()


def test_the_span_read_uses_the_primary_key(tmp_path: Path) -> None:
    led = Ledger(str(tmp_path / "ledger.db"))
    try:
        for doc in DOCS:
            add_document(led, doc)
        with led.engine.connect() as conn:
            plan = " | ".join(
                str(r[3])
                for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT indicator_id, min(period), max(period) FROM indicator_periods "
                    "WHERE indicator_id IN (?, ?, ?) AND n > 0 GROUP BY indicator_id",
                    (1, 2, 3),
                )
            )
        assert "sqlite_autoindex_indicator_periods_1" in plan, plan
        assert "claims" not in plan and "indicator_claims" not in plan, plan
    finally:
        led.close()


def test_doctor_finds_span_drift_and_rebuild_repairs_it(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    led = Ledger(db)
    try:
        for doc in DOCS:
            add_document(led, doc)
        relink(led.engine)
        with transaction(led.engine) as conn:
            expected = _slow_spans(conn)
            iid = min(expected)
            # what a writer that bypasses the ledger does: a period no member claim has
            conn.execute(
                text("INSERT INTO indicator_periods (indicator_id, period, n) VALUES (:i, '1900', 1)"),
                {"i": iid},
            )
        assert indicators_page(led.engine, limit=1000).indicators  # the list reads the stored rows
    finally:
        led.close()
    url = db_url(db)
    up = doctor(url)
    assert not up.ok
    assert any(f"indicator_period[{iid}|1900]" in p for p in up.problems), up.problems
    wrong = repair_summaries(url)
    assert wrong == [f"indicator_period[{iid}|1900]: stored 1, counted 0"]
    assert doctor(url).ok
    engine = open_engine(db)
    try:
        with engine.connect() as conn:
            assert indicator_spans(conn, sorted(expected)) == expected
    finally:
        engine.dispose()


def test_migration_0017_fills_the_spans_on_an_existing_ledger(tmp_path: Path) -> None:
    from claimledger.ledger.migrations import migrate

    db = str(tmp_path / "old.db")
    led = Ledger(db)
    try:
        for doc in DOCS:
            add_document(led, doc)
        relink(led.engine)
        with transaction(led.engine) as conn:
            expected = _slow_spans(conn)
            conn.execute(text("DROP TABLE indicator_periods"))
            conn.execute(text("DELETE FROM schema_migrations WHERE name = '0017_indicator_periods'"))
    finally:
        led.close()
    before = doctor(db_url(db))  # reads without migrating: 0017 pending, no false drift
    assert before.ok, before.problems
    assert any(name == "migrations" and "1 pending" in found for name, found in before.checks)
    engine = open_engine(db)  # migrates
    try:
        assert "0017_indicator_periods" not in migrate(engine)
        with transaction(engine) as conn:
            assert check_summaries(conn) == []
            assert expected and indicator_spans(conn, sorted(expected)) == expected
    finally:
        engine.dispose()
