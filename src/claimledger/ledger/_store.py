"""Writing documents and their claims: the single-writer side of the ledger.

Reads: a ``Document`` and the ``Claim`` objects extracted from it.  Writes: one
``documents`` row and its ``claims`` rows, inside the caller's transaction.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from claimledger._dates import utc_timestamp
from claimledger.ledger._ids import doc_key_for
from claimledger.ledger._summary import add_new
from claimledger.ledger.schema import claim_relations
from claimledger.ledger.schema import claims as claims_t
from claimledger.ledger.schema import documents as documents_t
from claimledger.models import Claim, Document, Frame, Relation


def find_document(conn: Connection, hash_hex: str) -> int | None:
    row = conn.execute(select(documents_t.c.id).where(documents_t.c.hash == hash_hex)).first()
    return None if row is None else int(row[0])


def unique_ids(claims: Iterable[Claim]) -> list[Claim]:
    """Claims with ids made unique within the document, keeping the first id as is.

    Ids are hashes of a span; two claims can share a span only in corner cases (a figure
    that is a whole sentence and a commitment on it), and the primary key must not fail.
    """
    seen: set[str] = set()
    out: list[Claim] = []
    for c in claims:
        cid = c.id
        n = 1
        while cid in seen:
            n += 1
            cid = hashlib.blake2b(f"{c.id}#{n}".encode(), digest_size=8).hexdigest()
        seen.add(cid)
        if cid != c.id:
            c = dataclasses.replace(c, id=cid, cues=list(c.cues))
        out.append(c)
    return out


def frame_columns(frame: Frame | None) -> dict[str, Any]:
    """The frame columns of a ``claims`` row: the frame as JSON and its typed copies."""
    if frame is None:
        return dict.fromkeys(FRAME_FIELDS)
    return {
        "frame": json.dumps(frame.to_dict(), ensure_ascii=False),
        "measure_id": frame.measure.id,
        "measure_free": frame.measure.free,
        "entity_id": None if frame.entity is None else frame.entity.id,
        "entity_type": None if frame.entity is None else frame.entity.type,
        "status": frame.status,
        "basis_key": frame.basis_key,
        "granularity": frame.granularity,
        "attribution_id": None if frame.attribution is None else frame.attribution.id,
    }


#: The ``claims`` columns ``frame_columns`` fills.
FRAME_FIELDS: tuple[str, ...] = (
    "frame", "measure_id", "measure_free", "entity_id", "entity_type", "status", "basis_key",
    "granularity", "attribution_id",
)  # fmt: skip


def relation_rows(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """The ``claim_relations`` rows of ``claims``' frames (each relation once)."""
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for c in claims:
        rels: tuple[Relation, ...] = () if c.frame is None else c.frame.relations
        for r in rels:
            rows.setdefault((c.id, r.type, r.claim), {"claim_id": c.id, "type": r.type, "target_id": r.claim})
    return list(rows.values())


def claim_row(document_id: int, seq: int, c: Claim, extractor: str) -> dict[str, Any]:
    """The ``claims`` row for a claim: the extraction contract, flattened."""
    q = c.quantity
    return {
        "id": c.id,
        "document_id": document_id,
        "seq": seq,
        "kind": c.kind,
        "subject": c.subject,
        "period": c.period,
        "sent_start": c.sentence.start,
        "sent_end": c.sentence.end,
        "sentence": c.sentence.text,
        "q_text": q.text if q else None,
        "q_start": q.start if q else None,
        "q_end": q.end if q else None,
        "value": q.value if q else None,
        "low": q.low if q else None,
        "high": q.high if q else None,
        "qualifier": q.qualifier if q else None,
        "unit": q.unit if q else None,
        "noun": q.noun if q else None,
        "cues": json.dumps(list(c.cues), ensure_ascii=False),
        "extractor": c.extractor or extractor,
        **frame_columns(c.frame),
        "period_role": c.period_role,
    }


def document_row(doc: Document, hash_hex: str, extractor: str, now: str) -> dict[str, Any]:
    """The ``documents`` row of ``doc``."""
    return {
        "hash": hash_hex,
        "doc_key": doc_key_for(doc, hash_hex),
        "title": doc.title,
        "source": doc.source,
        "url": doc.url,
        "speaker": doc.speaker,
        "published": doc.published,
        "format": doc.format or "text",
        "text": doc.text,
        "ingested_at": now,
        "extractor": extractor,
    }


def insert_document(
    conn: Connection, doc: Document, hash_hex: str, claims: Sequence[Claim], extractor: str
) -> int:
    """Insert the document and its claims; return the new document id."""
    res = conn.execute(documents_t.insert().values(**document_row(doc, hash_hex, extractor, utc_timestamp())))
    pk = res.inserted_primary_key
    assert pk is not None
    document_id = int(pk[0])
    rows = [claim_row(document_id, i, c, extractor) for i, c in enumerate(claims)]
    if rows:
        conn.execute(claims_t.insert(), rows)
    relations = relation_rows(claims)
    if relations:
        conn.execute(claim_relations.insert(), relations)
    add_new(conn, rows, 1)
    return document_id
