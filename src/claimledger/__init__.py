"""claimledger: turn official statements into a checked, tracked ledger.

Public API::

    from claimledger import extract
    claims = extract("Housing of 18 million m2 was built last year.", "2025-01-10")

    from claimledger import Document, Ledger, add_document
    with Ledger("claims.db") as ledger:
        add_document(ledger, Document(text=..., id="speech.txt", published="2025-01-10"))

``add_document`` is ``claimledger.pipeline.add_document``; the pipeline package also has
``ingest`` (files, directories, URLs; in worker processes or on Dask) and ``reextract``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimledger.extract.pipeline import extract, extract_stream
from claimledger.models import Claim, Document, Finding, Quantity, Span, TimeExpr

# ``extract`` above is the function; it deliberately shadows the ``claimledger.extract``
# subpackage attribute (the subpackage is still importable by its full name).

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "Document",
    "Finding",
    "IngestResult",
    "IngestSummary",
    "Ledger",
    "Quantity",
    "Span",
    "TimeExpr",
    "__version__",
    "add_document",
    "extract",
    "extract_stream",
]

_LAZY = {
    # The ledger pulls in SQLAlchemy (and the pipeline the readers); load them only when asked for.
    "Ledger": "claimledger.ledger",
    "IngestResult": "claimledger.ledger",
    "IngestSummary": "claimledger.pipeline",
    "add_document": "claimledger.pipeline",
}

if TYPE_CHECKING:
    from claimledger.ledger import IngestResult, Ledger
    from claimledger.pipeline import IngestSummary, add_document


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'claimledger' has no attribute {name!r}")
