"""Re-extraction: run the current extractor over stored documents, keeping human work.

Reads: ``documents`` (text, date, extractor version) and the tables that hold human
decisions about claims.  Writes: ``claims`` of each outdated document, and its
``documents.extractor``, in one transaction per document.

Policy (docs/ledger.md, "Re-extraction"):
- Claim ids are stable hashes of (content hash, span), so a figure found again keeps its
  id: its row is updated in place (never deleted and re-inserted, which would cascade to
  its corrections) and every correction, promise override and review event still attaches.
- A machine claim the new extractor no longer produces is deleted, unless a person has
  touched it (a ``corrections`` or ``promise_overrides`` row, or a review event on it).
  Such a claim is kept as it was, with its old ``extractor`` string, so the correction is
  never lost and the stale row is easy to find.
- ``corrections`` is never written here: re-extraction cannot overwrite a human value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection, Engine

from claimledger.errors import ClaimLedgerError
from claimledger.ledger import _store
from claimledger.ledger.schema import claims as claims_t
from claimledger.ledger.schema import corrections, promise_overrides, review_events
from claimledger.ledger.schema import documents as documents_t


@dataclass(slots=True)
class ReextractSummary:
    """Counts of a re-extraction run."""

    documents: int = 0  # documents re-extracted
    current: int = 0  # documents already at the current extractor version (skipped)
    added: int = 0  # claims new in this version
    updated: int = 0  # claims found again (same id), machine fields refreshed
    removed: int = 0  # machine claims no longer found
    kept: int = 0  # claims no longer found but kept because a person reviewed them
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"re-extracted {self.documents} documents ({self.current} already current): "
            f"{self.added} claims added, {self.updated} updated, {self.removed} removed, "
            f"{self.kept} kept for their reviews, {len(self.failures)} failed"
        )


def _reviewed_ids(conn: Connection, ids: list[str]) -> set[str]:
    """Ids among ``ids`` that carry human work."""
    out: set[str] = set()
    for i in range(0, len(ids), 500):  # stay under the driver's bound-parameter limit
        chunk = ids[i : i + 500]
        out.update(conn.scalars(select(corrections.c.claim_id).where(corrections.c.claim_id.in_(chunk))))
        out.update(
            conn.scalars(select(promise_overrides.c.claim_id).where(promise_overrides.c.claim_id.in_(chunk)))
        )
        out.update(
            conn.scalars(
                select(review_events.c.target_id).where(
                    review_events.c.target_type == "claim", review_events.c.target_id.in_(chunk)
                )
            )
        )
    return out


_MACHINE_FIELDS = tuple(c.name for c in claims_t.columns if c.name not in ("id", "document_id"))


def reextract_document(conn: Connection, row: Any, summary: ReextractSummary) -> None:
    """Replace one document's machine claims inside the caller's transaction."""
    from claimledger._dates import parse_date
    from claimledger.extract.pipeline import EXTRACTOR, iter_claims

    try:
        published = parse_date(row.published)
    except ClaimLedgerError:
        published = None  # a bad stored date must not block re-extraction
    new = _store.unique_ids(iter_claims(row.text, published, source=_store.id_source(row.hash)))
    old = {r.id: r for r in conn.execute(select(claims_t).where(claims_t.c.document_id == row.id))}
    inserts: list[dict[str, Any]] = []
    for seq, c in enumerate(new):
        values = _store.claim_row(row.id, seq, c, EXTRACTOR)
        prev = old.get(c.id)
        if prev is None:
            inserts.append(values)
            continue
        changed = {k: values[k] for k in _MACHINE_FIELDS if getattr(prev, k) != values[k]}
        if changed:
            conn.execute(update(claims_t).where(claims_t.c.id == c.id).values(**changed))
        summary.updated += 1
    if inserts:
        conn.execute(claims_t.insert(), inserts)
    gone = sorted(set(old) - {c.id for c in new})
    keep = _reviewed_ids(conn, gone) if gone else set()
    drop = [i for i in gone if i not in keep]
    for i in range(0, len(drop), 500):
        conn.execute(delete(claims_t).where(claims_t.c.id.in_(drop[i : i + 500])))
    conn.execute(update(documents_t).where(documents_t.c.id == row.id).values(extractor=EXTRACTOR))
    summary.documents += 1
    summary.added += len(inserts)
    summary.removed += len(drop)
    summary.kept += len(keep)


def reextract(engine: Engine, *, force: bool = False) -> ReextractSummary:
    """Re-extract every document whose claims came from another extractor version
    (``force``: every document).  One transaction per document."""
    from claimledger.extract.pipeline import EXTRACTOR

    summary = ReextractSummary()
    with engine.connect() as conn:
        rows = conn.execute(
            select(documents_t.c.id, documents_t.c.extractor).order_by(documents_t.c.id)
        ).all()
    for doc_id, version in rows:
        if version == EXTRACTOR and not force:
            summary.current += 1
            continue
        writer = engine.connect().execution_options(sqlite_begin="IMMEDIATE")
        try:
            with writer, writer.begin():
                full = writer.execute(
                    select(
                        documents_t.c.id, documents_t.c.hash, documents_t.c.text, documents_t.c.published
                    ).where(documents_t.c.id == doc_id)
                ).one()
                reextract_document(writer, full, summary)
        except Exception as e:  # one bad document must not stop the rest
            summary.failures.append(f"document {doc_id}: {type(e).__name__}: {e}")
    return summary
