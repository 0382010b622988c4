"""Engine creation.  PLACEHOLDER until migrations land: builds the schema with create_all."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine

from claimledger.ledger.schema import metadata

EFFECTIVE_VIEW_SQL = """
CREATE VIEW IF NOT EXISTS claims_effective AS
SELECT c.id, c.document_id, c.seq,
       COALESCE(r.kind, c.kind) AS kind,
       COALESCE(r.subject, c.subject) AS subject,
       COALESCE(r.period, c.period) AS period,
       c.sent_start, c.sent_end, c.sentence, c.q_text, c.q_start, c.q_end,
       CASE WHEN r.state = 'corrected' AND (r.value IS NOT NULL OR r.low IS NOT NULL
            OR r.high IS NOT NULL) THEN r.value ELSE c.value END AS value,
       CASE WHEN r.state = 'corrected' AND (r.value IS NOT NULL OR r.low IS NOT NULL
            OR r.high IS NOT NULL) THEN r.low ELSE c.low END AS low,
       CASE WHEN r.state = 'corrected' AND (r.value IS NOT NULL OR r.low IS NOT NULL
            OR r.high IS NOT NULL) THEN r.high ELSE c.high END AS high,
       COALESCE(r.qualifier, c.qualifier) AS qualifier,
       COALESCE(r.unit, c.unit) AS unit,
       c.noun, c.cues, c.extractor,
       COALESCE(r.state, 'machine') AS review_state
FROM claims c LEFT JOIN corrections r ON r.claim_id = c.id
"""


def open_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()

    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text(EFFECTIVE_VIEW_SQL))
    return engine
