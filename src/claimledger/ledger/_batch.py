"""Writing a batch of documents in one transaction: how many writers share PostgreSQL.

Reads: documents and the claims extracted from them.  Writes: their ``documents``,
``claims`` and ``claim_relations`` rows, inside the caller's transaction.

On PostgreSQL every ingest worker writes its own batches (docs/scale.md):
- duplicates are resolved on the document hash by the server: ``INSERT ... ON CONFLICT
  (hash) DO NOTHING RETURNING``; a document another writer stored first (or a crashed run
  stored before) comes back as a duplicate;
- the batch is inserted in hash order, so two writers whose batches share documents take
  the unique index's locks in the same order and wait for each other instead of
  deadlocking;
- claims and relations of the documents this batch inserted go in by ``COPY`` (psycopg
  3), which costs the server and the writer about half what a multi-row ``INSERT`` does;
- the batch is one transaction: a writer killed mid-batch leaves nothing of it, and
  running the same input again stores exactly what a clean run would.

Other databases (SQLite: one writer) store the batch row by row in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection

from claimledger._dates import utc_timestamp
from claimledger.ledger._store import (
    claim_row,
    document_row,
    find_document,
    insert_document,
    relation_rows,
    unique_ids,
)
from claimledger.ledger._summary import add_new
from claimledger.ledger.schema import claim_relations
from claimledger.ledger.schema import claims as claims_t
from claimledger.ledger.schema import documents as documents_t
from claimledger.models import Claim, Document

#: One document of a batch: the document, its content hash and its claims.
BatchItem = tuple[Document, str, Sequence[Claim]]
#: What happened to one hash: (document id, stored now, claims stored).
Stored = tuple[int, bool, int]


def store_batch(conn: Connection, items: Sequence[BatchItem], extractor: str) -> dict[str, Stored]:
    """Store ``items`` (each hash once) in the caller's transaction; per hash, its
    document id, whether this call stored it, and how many claims it stored."""
    unique: dict[str, BatchItem] = {}
    for item in items:
        unique.setdefault(item[1], item)
    ordered = [unique[h] for h in sorted(unique)]  # one lock order for every writer
    if conn.dialect.name != "postgresql":
        return _store_rows(conn, ordered, extractor)
    now = utc_timestamp()
    stmt = (
        pg_insert(documents_t)
        .values([document_row(doc, h, extractor, now) for doc, h, _ in ordered])
        .on_conflict_do_nothing(index_elements=["hash"])
        .returning(documents_t.c.id, documents_t.c.hash)
    )
    new = {str(h): int(i) for i, h in conn.execute(stmt)}
    out: dict[str, Stored] = {}
    claim_rows: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    for _doc, h, found in ordered:
        if h not in new:
            continue
        cs = unique_ids(found)
        claim_rows.extend(claim_row(new[h], i, c, extractor) for i, c in enumerate(cs))
        relations.extend(relation_rows(cs))
        out[h] = (new[h], True, len(cs))
    old = [h for h in unique if h not in new]
    if old:
        q = select(documents_t.c.id, documents_t.c.hash).where(documents_t.c.hash.in_(old))
        out.update({str(h): (int(i), False, 0) for i, h in conn.execute(q)})
    _copy(conn, claims_t.name, claim_rows)
    _copy(conn, claim_relations.name, relations)
    add_new(conn, claim_rows, len(new))
    return out


def _store_rows(conn: Connection, ordered: Sequence[BatchItem], extractor: str) -> dict[str, Stored]:
    out: dict[str, Stored] = {}
    for doc, h, found in ordered:
        existing = find_document(conn, h)
        if existing is not None:
            out[h] = (existing, False, 0)
            continue
        cs = unique_ids(found)
        out[h] = (insert_document(conn, doc, h, cs, extractor), True, len(cs))
    return out


def _copy(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """``COPY table FROM STDIN`` of ``rows`` (all with the same keys) through psycopg 3,
    on the connection's own transaction."""
    if not rows:
        return
    cols = list(rows[0])
    raw: Any = conn.connection.driver_connection  # psycopg.Connection
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
        for r in rows:
            cp.write_row([r[c] for c in cols])
