"""One document through the pipeline: extract it, then store it with its claims.

Reads: a ``Document`` (text, ``published``).  Writes: the document and its claims, through
``Ledger.store_document``; a text already stored is neither extracted nor stored again.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimledger._dates import parse_date
from claimledger.extract.pipeline import EXTRACTOR, iter_claims
from claimledger.ledger import IngestResult, Ledger, id_source, text_hash
from claimledger.link import main_region
from claimledger.models import Claim, Document
from claimledger.resources import places

__all__ = ["add_document", "document_country", "extract_document"]


def document_country(title: str | None, speaker: str | None, source: str | None, text: str) -> str | None:
    """The ISO 3166 alpha-2 code of the country a document is about (``link.main_region``:
    its metadata first, then its text), which extraction reads shared currency names by."""
    name, _why = main_region(title, speaker, source, body=text)
    found = places.country(name) if name else None
    return found.alpha2 if found is not None else None


def extract_document(doc: Document, hash_hex: str | None = None) -> list[Claim]:
    """The claims of ``doc``, with the ids the ledger expects (derived from its content
    hash, ``hash_hex`` if the caller has it).  E005 if ``doc.published`` is not ``YYYY-MM-DD``."""
    h = hash_hex if hash_hex is not None else text_hash(doc.text)
    country = document_country(doc.title, doc.speaker, doc.source, doc.text)
    return list(iter_claims(doc.text, parse_date(doc.published), source=id_source(h), country=country))


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
