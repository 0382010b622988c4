"""Writing documents and their claims: the single-writer side of the ledger.

Reads: a ``Document`` and the ``Claim`` objects extracted from it.  Writes: one
``documents`` row and its ``claims`` rows, inside the caller's transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from claimledger._dates import utc_timestamp
from claimledger.ledger._ids import doc_key_for
from claimledger.ledger.schema import claims as claims_t
from claimledger.ledger.schema import documents as documents_t
from claimledger.models import Claim, Document


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
            c = Claim(
                c.doc, cid, c.kind, c.subject, c.period, c.sentence, c.quantity, list(c.cues), c.extractor
            )
        out.append(c)
    return out


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
    }


def insert_document(
    conn: Connection, doc: Document, hash_hex: str, claims: Sequence[Claim], extractor: str
) -> int:
    """Insert the document and its claims; return the new document id."""
    res = conn.execute(
        documents_t.insert().values(
            hash=hash_hex,
            doc_key=doc_key_for(doc, hash_hex),
            title=doc.title,
            source=doc.source,
            url=doc.url,
            speaker=doc.speaker,
            published=doc.published,
            format=doc.format or "text",
            text=doc.text,
            ingested_at=utc_timestamp(),
            extractor=extractor,
        )
    )
    pk = res.inserted_primary_key
    assert pk is not None
    document_id = int(pk[0])
    rows = [claim_row(document_id, i, c, extractor) for i, c in enumerate(claims)]
    if rows:
        conn.execute(claims_t.insert(), rows)
    return document_id
