"""Where the ledger is: a path or SQLAlchemy URL, ``$CLAIMLEDGER_DB``, or the default file."""

from __future__ import annotations

import os

__all__ = ["DEFAULT_DB", "db_url"]

DEFAULT_DB = "claimledger.db"


def db_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from a path or URL; ``None`` means ``$CLAIMLEDGER_DB`` or the default."""
    target = db or os.environ.get("CLAIMLEDGER_DB") or DEFAULT_DB
    if "://" in target:
        return target
    return f"sqlite:///{target}"
