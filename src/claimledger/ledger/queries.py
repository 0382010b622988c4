"""Reading claims and documents: the claim filter's statement, documents, typed rows.

Reads: the ``claims_effective`` view (machine claims with corrections overlaid) and
``documents``.  Writes nothing.  Everything is SQLAlchemy Core, so the same code runs on
SQLite and PostgreSQL; only the search differs (``ledger._search``).  Rows leave as
``ClaimRecord`` and ``StoredDocument`` (``ledger._rows``), never as dicts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Select, column, func, select, table
from sqlalchemy.engine import Connection, Dialect

from claimledger.ledger._filter import ClaimFilter, claim_conditions, doc_clause
from claimledger.ledger._rows import ClaimRecord, StoredDocument, document_from_row, record_from_row
from claimledger.ledger._search import (
    apply_search,
    as_you_type,
    fts_query,
    pg_tsquery,
    search_clause,
    search_ids,
    search_words,
)
from claimledger.ledger.schema import EFFECTIVE_VIEW, finding_claims
from claimledger.ledger.schema import claims as claims_t
from claimledger.ledger.schema import documents as documents_t
from claimledger.models import Claim

__all__ = [
    "EFFECTIVE_COLUMNS",
    "ClaimFilter",
    "apply_search",
    "as_you_type",
    "claim_records",
    "claims_select",
    "doc_clause",
    "document",
    "documents",
    "documents_select",
    "documents_with_text",
    "effective",
    "fts_query",
    "live_records",
    "pg_tsquery",
    "record_select",
    "records_by_id",
    "row_to_claim",
    "search_clause",
    "search_ids",
    "search_words",
]

#: Columns of the ``claims_effective`` view, in order (see migrations.EFFECTIVE_VIEW_SQL).
EFFECTIVE_COLUMNS: tuple[str, ...] = (
    "id", "document_id", "seq", "kind", "subject", "period", "sent_start", "sent_end",
    "sentence", "q_text", "q_start", "q_end", "value", "low", "high", "qualifier", "unit",
    "noun", "cues", "extractor", "frame", "measure_id", "measure_free", "entity_id",
    "entity_type", "status", "basis_key", "granularity", "attribution_id", "period_role",
    "review_state",
)  # fmt: skip

effective = table(EFFECTIVE_VIEW, *(column(c) for c in EFFECTIVE_COLUMNS))

#: SQLite allows 32,766 bound parameters per statement; chunks stay far below that.
CHUNK = 900


def chunks(items: Sequence[Any]) -> Iterator[list[Any]]:
    """``items`` in slices small enough to bind as one ``IN (...)`` list."""
    for i in range(0, len(items), CHUNK):
        yield list(items[i : i + CHUNK])


def _record_select(src: Any) -> Select[Any]:
    doc_cols = [documents_t.c.doc_key, documents_t.c.published, documents_t.c.title]
    return select(src, *doc_cols).join(documents_t, documents_t.c.id == src.c.document_id)


# Built once: statements are immutable (``.where`` returns a copy), and building this join
# on every request was a measurable share of a claims page's time.
_RECORD_SELECTS = {id(effective): _record_select(effective), id(claims_t): _record_select(claims_t)}


def record_select(src: Any = effective) -> Select[Any]:
    """Rows of ``src`` (the effective view, or the machine's ``claims`` table) joined with
    their document's name, date and title: what ``record_from_row`` reads."""
    found = _RECORD_SELECTS.get(id(src))
    return found if found is not None else _record_select(src)


def claims_select(dialect: Dialect, f: ClaimFilter) -> Select[Any]:
    """``claims_effective`` rows joined with their document's name, filtered by ``f``."""
    stmt = record_select().where(*claim_conditions(dialect, f, effective, search=False))
    if f.search:
        stmt = apply_search(stmt, dialect, f.search, effective)
    if not f.search or dialect.name != "sqlite":
        # Document order.  With a search on SQLite, FTS order (insertion order) avoids
        # sorting every match of a common word before the LIMIT applies; elsewhere rows
        # without an ORDER BY come in any order, and LIMIT/OFFSET pages would overlap.
        stmt = stmt.order_by(effective.c.document_id, effective.c.seq)
    return stmt


def claim_records(conn: Connection, stmt: Select[Any]) -> Iterator[ClaimRecord]:
    """The records of a ``record_select`` statement, in its order."""
    for row in conn.execute(stmt).mappings():
        yield record_from_row(row)


def records_by_id(conn: Connection, ids: Sequence[str], src: Any = effective) -> dict[str, ClaimRecord]:
    """The records of ``ids`` (those that exist), by id."""
    out: dict[str, ClaimRecord] = {}
    for part in chunks(ids):
        for r in claim_records(conn, record_select(src).where(src.c.id.in_(part))):
            out[r.id] = r
    return out


def documents_select() -> Select[Any]:
    """Document rows (without the full text) with their number of claims."""
    n_claims = (
        select(func.count())
        .select_from(claims_t)
        .where(claims_t.c.document_id == documents_t.c.id)
        .scalar_subquery()
        .label("claims")
    )
    cols = [c for c in documents_t.c if c.name != "text"]
    return select(*cols, n_claims).order_by(documents_t.c.id)


def documents(conn: Connection) -> list[StoredDocument]:
    """Every document (without its text) with its number of claims, oldest first."""
    return [document_from_row(r) for r in conn.execute(documents_select()).mappings()]


def document(conn: Connection, doc: str | int) -> StoredDocument | None:
    """One document with its full text, by id, name or content-hash prefix."""
    stmt = select(documents_t).where(doc_clause(doc)).order_by(documents_t.c.id)
    row = conn.execute(stmt).mappings().first()
    return None if row is None else document_from_row(row)


def row_to_claim(row: Any) -> Claim:
    """A ``Claim`` (the JSON line contract) from a ``record_select`` row; doc = doc_key."""
    return record_from_row(row).to_claim()


def live_records(conn: Connection, *, in_findings: bool = False) -> list[ClaimRecord]:
    """Every claim that is not rejected, in document date, document and sentence order: what
    the linker and the checkers read.  ``in_findings`` keeps only claims some finding cites."""
    stmt = (
        record_select()
        .where(effective.c.review_state != "rejected")
        .order_by(documents_t.c.published, documents_t.c.id, effective.c.seq)
    )
    if in_findings:
        stmt = stmt.where(effective.c.id.in_(select(finding_claims.c.claim_id)))
    return list(claim_records(conn, stmt))


def documents_with_text(conn: Connection) -> list[StoredDocument]:
    """Every document with its text (claim counts not counted), oldest first."""
    stmt = select(documents_t).order_by(documents_t.c.id)
    return [document_from_row(r) for r in conn.execute(stmt).mappings()]
