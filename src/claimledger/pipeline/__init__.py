"""The pipeline: ingest -> extract -> store.

Stages, and what each reads and writes:
    ingest    input names (files, directories, globs, ``-``, URLs) -> ``Document`` objects
              (``claimledger.ingest``)
    extract   ``Document`` -> ``Claim`` objects (``claimledger.extract``)
    store     document + claims -> one ledger transaction (``Ledger.store_document``); on
              PostgreSQL with several workers, a batch per transaction from each worker
              (``Ledger.store_documents``)

This package is the only place the three meet: the ledger stores and reads and never
imports the extractor or the readers.  Public functions::

    from claimledger.ledger import Ledger
    from claimledger.pipeline import add_document, ingest, reextract

    with Ledger("claims.db") as ledger:
        add_document(ledger, Document(text=..., id="speech.txt", published="2024-01-08"))
        summary = ingest(ledger, ["archive/"], workers=2)   # serially, in processes, or on Dask
        reextract(ledger)                                   # after an extractor upgrade
"""

from __future__ import annotations

from claimledger.pipeline._document import add_document, extract_document
from claimledger.pipeline._ingest import default_workers, extract_source, ingest
from claimledger.pipeline._reextract import reextract
from claimledger.pipeline._results import IngestFailure, IngestSummary, Progress, ReextractSummary

__all__ = [
    "IngestFailure",
    "IngestSummary",
    "Progress",
    "ReextractSummary",
    "add_document",
    "default_workers",
    "extract_document",
    "extract_source",
    "ingest",
    "reextract",
]
