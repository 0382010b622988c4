"""The ledger: documents, claims, reviews, indicators and findings in SQL.

``open_engine`` is the one way to get a database connection: it resolves the URL
(``--db``, ``CLAIMLEDGER_DB``, or ``./claimledger.db``), applies pending migrations and
sets SQLite pragmas (WAL, foreign keys).  Table definitions: ``claimledger.ledger.schema``.
``Ledger`` (loaded lazily, so importing this package stays cheap) is the public API::

    from claimledger.ledger import Ledger
    ledger = Ledger("claims.db")
    ledger.add_document(Document(text=..., id="speech.txt", published="2024-01-08"))
    ledger.claims(kind="target", search="budget")
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from claimledger.ledger._ledger import IngestFailure, IngestResult, IngestSummary, Ledger

DEFAULT_DB = "claimledger.db"

__all__ = ["DEFAULT_DB", "IngestFailure", "IngestResult", "IngestSummary", "Ledger", "db_url", "open_engine"]

_LAZY = {"Ledger", "IngestResult", "IngestSummary", "IngestFailure"}


def db_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from a path or URL; ``None`` means ``$CLAIMLEDGER_DB`` or the default."""
    target = db or os.environ.get("CLAIMLEDGER_DB") or DEFAULT_DB
    if "://" in target:
        return target
    return f"sqlite:///{target}"


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
