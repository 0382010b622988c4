"""Re-extraction: run the current extractor over stored documents, keeping human work.

Reads: each stored document whose claims came from another extractor version, or were
stored without their frames (every document with ``force``).  Writes: its claims,
through ``Ledger.replace_claims``, one transaction per document; what is kept and what
goes is the ledger's policy (``claimledger.ledger.reextract``, docs/ledger.md
"Re-extraction").
"""

from __future__ import annotations

from claimledger._dates import parse_date
from claimledger.errors import ClaimLedgerError, LedgerError
from claimledger.extract.pipeline import EXTRACTOR, iter_claims
from claimledger.ledger import Ledger, id_source
from claimledger.pipeline._results import ReextractSummary

__all__ = ["reextract"]


def reextract(ledger: Ledger, *, force: bool = False) -> ReextractSummary:
    """Re-extract every document whose claims came from another extractor version
    (``force``: every document).  A failing document is reported in ``failures``."""
    summary = ReextractSummary()
    unframed = ledger.unframed_documents()
    for doc_id, version in ledger.extractor_versions():
        if version == EXTRACTOR and not force and doc_id not in unframed:
            summary.current += 1
            continue
        try:
            row = ledger.document(doc_id)
            if row is None:
                raise LedgerError("E022", f"no document with id {doc_id}")
            try:
                published = parse_date(row.published)
            except ClaimLedgerError:
                published = None  # a bad stored date must not block re-extraction
            # Extract first, outside the write lock; then one transaction replaces the claims.
            claims = list(iter_claims(row.text or "", published, source=id_source(row.hash)))
            changes = ledger.replace_claims(doc_id, claims, extractor=EXTRACTOR)
        except Exception as e:  # one bad document must not stop the rest
            summary.failures.append(f"document {doc_id}: {type(e).__name__}: {e}")
            continue
        summary.documents += 1
        summary.added += changes.added
        summary.updated += changes.updated
        summary.removed += changes.removed
        summary.kept += changes.kept
    return summary
