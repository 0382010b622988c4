"""How the ledger identifies documents: by the hash of their text.

Reads and writes nothing; no SQLAlchemy, so the pipeline's worker processes can use it.
"""

from __future__ import annotations

import hashlib

from claimledger.models import Document

__all__ = ["doc_key_for", "id_source", "text_hash"]


def text_hash(text: str) -> str:
    """The content hash documents are deduplicated by: sha256 hex of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def id_source(hash_hex: str) -> str:
    """The ``source`` claim ids are derived from: the content hash, not the file name.

    Two different files may share a name (re-ingesting an edited file) and one text may
    arrive under two names; hashing the content keeps ids unique across the ledger and
    stable across re-ingestion and re-extraction.
    """
    return "sha256:" + hash_hex


def doc_key_for(doc: Document, hash_hex: str) -> str:
    return doc.id or doc.url or "sha256:" + hash_hex[:16]
