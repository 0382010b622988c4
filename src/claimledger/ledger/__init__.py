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

Maintenance: ``open_engine(db, read_only=True)`` opens a SQLite ledger read-only (also on
a read-only file system); ``doctor(db)`` checks a ledger in full; ``backup(db, dest)``
copies one consistently while it is in use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimledger.ledger._ids import id_source, text_hash
from claimledger.ledger._url import DEFAULT_DB, db_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from claimledger.ledger._backup import BackupResult, backup
    from claimledger.ledger._doctor import Checkup, doctor
    from claimledger.ledger._ledger import IngestResult, Ledger

__all__ = [
    "DEFAULT_DB", "BackupResult", "Checkup", "IngestResult", "Ledger", "backup", "db_url", "doctor",
    "id_source", "open_engine", "read_only_url", "text_hash",
]  # fmt: skip


def open_engine(db: str | None = None, *, read_only: bool = False) -> Engine:
    """Open (creating if needed) and migrate the ledger at ``db``; ``read_only``: open an
    existing SQLite ledger read-only, never creating or writing it."""
    from claimledger.ledger._engine import open_engine as _open

    return _open(read_only_url(db) if read_only else db_url(db))


def read_only_url(db: str | None = None) -> str:
    """The URL that opens the SQLite ledger at ``db`` read-only (``mode=ro``); a server
    database's URL as it is."""
    from claimledger.ledger._engine import read_only_url as _ro

    return _ro(db_url(db))


def __getattr__(name: str) -> Any:
    # PEP 562: import the SQLAlchemy-heavy modules only when someone asks for them.
    if name in ("Ledger", "IngestResult"):
        from claimledger.ledger import _ledger

        return getattr(_ledger, name)
    if name in ("backup", "BackupResult"):
        from claimledger.ledger import _backup

        return getattr(_backup, name)
    if name in ("doctor", "Checkup"):
        from claimledger.ledger import _doctor

        return getattr(_doctor, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
