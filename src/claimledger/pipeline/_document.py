"""One document through the pipeline: extract it, then store it with its claims.

Reads: a ``Document`` (text, ``published``).  Writes: the document and its claims, through
``Ledger.store_document``; a text already stored is neither extracted nor stored again.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimledger._dates import parse_date
from claimledger.extract.pipeline import EXTRACTOR, iter_claims
from claimledger.ledger import IngestResult, Ledger, id_source, text_hash
from claimledger.models import Claim, Document

__all__ = ["add_document", "extract_document"]


def extract_document(doc: Document, hash_hex: str | None = None) -> list[Claim]:
    """The claims of ``doc``, with the ids the ledger expects (derived from its content
    hash, ``hash_hex`` if the caller has it).  E005 if ``doc.published`` is not ``YYYY-MM-DD``."""
    h = hash_hex if hash_hex is not None else text_hash(doc.text)
    return list(iter_claims(doc.text, parse_date(doc.published), source=id_source(h)))


def add_document(ledger: Ledger, doc: Document, *, claims: Iterable[Claim] | None = None) -> IngestResult:
    """Extract ``doc`` (unless ``claims`` are given) and store it with its claims.

    Idempotent: a text already stored (same sha256) is not extracted or stored again and
    the result says ``duplicate``.  The document and all its claims go in one transaction,
    so a crash leaves either all of it or none of it.  ``claims`` given by the caller must
    have been extracted with ``source=id_source(text_hash(doc.text))`` to get the same ids.
    """
    duplicate = ledger.find_duplicate(doc)
    if duplicate is not None:
        return duplicate
    # Extract before the store takes the write lock: extraction is the slow part.
    found = extract_document(doc) if claims is None else claims
    return ledger.store_document(doc, found, extractor=EXTRACTOR)
