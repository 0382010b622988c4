"""Re-extraction, the store's side: replace a document's machine claims, keeping human work.

The extractor is run by ``claimledger.pipeline.reextract``; this module only writes what it
found.  Reads: the ``claims`` of one document and the tables that hold human decisions
about claims.  Writes: that document's ``claims`` (with their frames' ``claim_relations``)
and its ``documents.extractor``, inside
the caller's transaction (``Ledger.replace_claims`` runs one per document).

Policy (docs/ledger.md, "Re-extraction"):
- Claim ids are stable hashes of (content hash, span), so a figure found again keeps its
  id: its row is updated in place (never deleted and re-inserted, which would cascade to
  its corrections) and every correction, promise override and review event still attaches.
- A machine claim the new extractor no longer produces is deleted, unless a person has
  touched it (a ``corrections``, ``promise_overrides`` or ``claim_ratings`` row, or a
  review event on it).
  Such a claim is kept as it was, with its old ``extractor`` string, so the correction is
  never lost and the stale row is easy to find.
- ``corrections`` is never written here: re-extraction cannot overwrite a human value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from claimledger.ledger import _store
from claimledger.ledger._summary import track
from claimledger.ledger.schema import (
    claim_ratings,
    claim_relations,
    corrections,
    promise_overrides,
    review_events,
)
from claimledger.ledger.schema import claims as claims_t
from claimledger.ledger.schema import documents as documents_t
from claimledger.models import Claim


@dataclass(frozen=True, slots=True)
class ClaimChanges:
    """What replacing one document's claims did."""

    added: int = 0  # claims new in this version
    updated: int = 0  # claims found again (same id), machine fields refreshed
    removed: int = 0  # machine claims no longer found
    kept: int = 0  # claims no longer found but kept because a person reviewed them


def extractor_versions(conn: Connection) -> list[tuple[int, str]]:
    """(id, extractor) of every document, by id."""
    rows = conn.execute(select(documents_t.c.id, documents_t.c.extractor).order_by(documents_t.c.id))
    return [(int(i), str(v)) for i, v in rows]


def unframed_documents(conn: Connection) -> set[int]:
    """Ids of documents with a claim of the document's own extractor and no frame: stored
    before the ledger kept frames (migration 0008), so out of date whatever the version
    string says.  (A reviewed claim kept from an older extractor does not count: a new
    extraction would keep it as it is.)"""
    stmt = (
        select(claims_t.c.document_id)
        .join(documents_t, documents_t.c.id == claims_t.c.document_id)
        .where(claims_t.c.frame.is_(None), claims_t.c.extractor == documents_t.c.extractor)
        .distinct()
    )
    return {int(i) for i in conn.scalars(stmt)}


def _reviewed_ids(conn: Connection, ids: list[str]) -> set[str]:
    """Ids among ``ids`` that carry human work."""
    out: set[str] = set()
    for i in range(0, len(ids), 500):  # stay under the driver's bound-parameter limit
        chunk = ids[i : i + 500]
        out.update(conn.scalars(select(corrections.c.claim_id).where(corrections.c.claim_id.in_(chunk))))
        out.update(
            conn.scalars(select(promise_overrides.c.claim_id).where(promise_overrides.c.claim_id.in_(chunk)))
        )
        # A verdict is human work even if its audit event were ever missing (a ledger
        # restored from parts): a rated claim is never deleted by re-extraction.
        out.update(conn.scalars(select(claim_ratings.c.claim_id).where(claim_ratings.c.claim_id.in_(chunk))))
        out.update(
            conn.scalars(
                select(review_events.c.target_id).where(
                    review_events.c.target_type == "claim", review_events.c.target_id.in_(chunk)
                )
            )
        )
    return out


_MACHINE_FIELDS = tuple(c.name for c in claims_t.columns if c.name not in ("id", "document_id"))


def replace_claims(conn: Connection, doc_id: int, claims: Iterable[Claim], extractor: str) -> ClaimChanges:
    """Make ``claims`` (from ``extractor``) the machine claims of document ``doc_id``
    (the summary counts follow the claims it inserts, changes and deletes)."""
    new = _store.unique_ids(claims)
    stored = conn.scalars(select(claims_t.c.id).where(claims_t.c.document_id == doc_id)).all()
    with track(conn, [*stored, *(c.id for c in new)]):
        return _replace(conn, doc_id, new, extractor)


def _replace(conn: Connection, doc_id: int, new: list[Claim], extractor: str) -> ClaimChanges:
    old = {r.id: r for r in conn.execute(select(claims_t).where(claims_t.c.document_id == doc_id))}
    inserts: list[dict[str, Any]] = []
    updated = 0
    for seq, c in enumerate(new):
        values = _store.claim_row(doc_id, seq, c, extractor)
        prev = old.get(c.id)
        if prev is None:
            inserts.append(values)
            continue
        changed = {k: values[k] for k in _MACHINE_FIELDS if getattr(prev, k) != values[k]}
        if changed:
            conn.execute(update(claims_t).where(claims_t.c.id == c.id).values(**changed))
        updated += 1
    if inserts:
        conn.execute(claims_t.insert(), inserts)
    # The frames' relations of the claims found again are replaced with the new ones.
    found = sorted(set(old) & {c.id for c in new})
    for i in range(0, len(found), 500):
        conn.execute(delete(claim_relations).where(claim_relations.c.claim_id.in_(found[i : i + 500])))
    relations = _store.relation_rows(new)
    if relations:
        conn.execute(claim_relations.insert(), relations)
    gone = sorted(set(old) - {c.id for c in new})
    keep = _reviewed_ids(conn, gone) if gone else set()
    drop = [i for i in gone if i not in keep]
    for i in range(0, len(drop), 500):
        conn.execute(delete(claims_t).where(claims_t.c.id.in_(drop[i : i + 500])))
    conn.execute(update(documents_t).where(documents_t.c.id == doc_id).values(extractor=extractor))
    return ClaimChanges(added=len(inserts), updated=updated, removed=len(drop), kept=len(keep))
