"""The ledger: documents, claims, reviews, indicators and findings in SQL.

``open_engine`` is the one way to get a database connection: it resolves the URL
(``--db``, ``CLAIMLEDGER_DB``, or ``./claimledger.db``), applies pending migrations and
sets SQLite pragmas (WAL, foreign keys).  Table definitions: ``claimledger.ledger.schema``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

DEFAULT_DB = "claimledger.db"


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
