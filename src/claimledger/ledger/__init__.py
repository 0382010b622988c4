"""The ledger: documents, claims, reviews, indicators and findings in SQL.

``open_engine`` is the one way to get a database connection: it resolves the URL
(``--db``, ``CLAIMLEDGER_DB``, or ``./claimledger.db``), applies pending migrations and
sets SQLite pragmas (WAL, foreign keys).  Table definitions: ``claimledger.ledger.schema``.
``Ledger`` (loaded lazily, so importing this package stays cheap) stores and reads; it never
runs the extractor.  Documents are extracted and stored by ``claimledger.pipeline``::

    from claimledger.ledger import Ledger
    from claimledger.pipeline import add_document
    ledger = Ledger("claims.db")
    add_document(ledger, Document(text=..., id="speech.txt", published="2024-01-08"))
    ledger.claims(kind="target", search="budget")

Documents are identified by the hash of their text (``text_hash``); claim ids derive from
it (``id_source``), so the same text gets the same ids in every ledger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimledger.ledger._ids import id_source, text_hash
from claimledger.ledger._url import DEFAULT_DB, db_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from claimledger.ledger._ledger import IngestResult, Ledger

__all__ = ["DEFAULT_DB", "IngestResult", "Ledger", "db_url", "id_source", "open_engine", "text_hash"]

_LAZY = {"Ledger", "IngestResult"}


def open_engine(db: str | None = None) -> Engine:
    """Open (creating if needed) and migrate the ledger at ``db``."""
    from claimledger.ledger._engine import open_engine as _open

    return _open(db_url(db))


def __getattr__(name: str) -> Any:
    # PEP 562: import the SQLAlchemy-heavy Ledger only when someone asks for it.
    if name in _LAZY:
        from claimledger.ledger import _ledger

        return getattr(_ledger, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
