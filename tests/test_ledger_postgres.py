"""The same ledger on PostgreSQL.  Runs only when CLAIMLEDGER_TEST_PG_URL names an empty
scratch database (e.g. postgresql+psycopg://postgres@127.0.0.1:55432/claims_test); every
table in it is dropped first."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

from claimledger.ledger import Ledger
from claimledger.ledger.migrations import MIGRATIONS, applied
from claimledger.ledger.schema import metadata
from claimledger.models import Document

PG_URL = os.environ.get("CLAIMLEDGER_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="set CLAIMLEDGER_TEST_PG_URL to test PostgreSQL")

TEXT = "Spending will reach 23.9 trillion tenge in 2024. Inflation is forecast at 6-8% in 2025."


@pytest.fixture()
def ledger() -> Iterator[Ledger]:
    assert PG_URL
    eng = create_engine(PG_URL)
    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    eng.dispose()
    with Ledger(PG_URL) as led:
        yield led


def test_postgres_schema_and_round_trip(ledger: Ledger) -> None:
    assert applied(ledger.engine) == [m.name for m in MIGRATIONS]
    insp = inspect(ledger.engine)
    for name, table in metadata.tables.items():
        assert {c["name"] for c in insp.get_columns(name)} == {c.name for c in table.columns}
    assert "claims_effective" in insp.get_view_names()
    first = ledger.add_document(Document(text=TEXT, id="a", published="2025-01-10"))
    assert first.status == "ingested" and first.claims > 0
    assert ledger.add_document(Document(text=TEXT, id="b")).status == "duplicate"
    hits = ledger.claims(search="INFLATION")
    assert hits and all("nflation" in h["sentence"] for h in hits)
    assert ledger.reextract(force=True).documents == 1
    with ledger.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO review_events (at, reviewer, action, target_type, target_id, payload) "
                "VALUES ('t', 'ann', 'accept', 'claim', 'x', '{}')"
            )
        )
    with pytest.raises(DBAPIError, match="append-only"), ledger.engine.begin() as conn:
        conn.execute(text("UPDATE review_events SET note = 'x'"))
