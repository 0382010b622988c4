"""``backup``: a consistent copy of a SQLite ledger, taken while it is in use.

Reads: the ledger at a URL (read-only).  Writes: a SQLite file at ``dest``, by SQLite's
online backup API, which copies the pages under a read transaction: writers go on (WAL),
and the copy is the state of one moment, never a torn file.  The copy is checked with
``PRAGMA quick_check`` before it counts.

Restore is the same call the other way round (``claimledger backup --db BACKUP LEDGER
--force``): the backup API writes into the destination under its write lock, so even a
ledger another process has open is replaced whole, never mixed.  A PostgreSQL ledger is
backed up with the server's own tools (``pg_dump``/``pg_restore``), E027 here.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass

from claimledger.errors import LedgerError
from claimledger.ledger import _engine

__all__ = ["BackupResult", "backup"]

#: Pages copied per step; between steps the source's writers may commit (WAL keeps the
#: copy consistent: the backup restarts only if written to through this same connection).
PAGES_PER_STEP = 4096


@dataclass(frozen=True, slots=True)
class BackupResult:
    """What ``backup`` copied: from which file to which, how many pages and bytes."""

    source: str
    dest: str
    pages: int
    bytes: int


def backup(url: str, dest: str, *, overwrite: bool = False) -> BackupResult:
    """Copy the SQLite ledger at ``url`` to the file ``dest`` (E027 if it exists, unless
    ``overwrite``); E025 if the source is damaged, E027 for a server database."""
    src_path = _engine.ledger_path(url)
    if src_path is None:
        raise LedgerError(
            "E027",
            "only a SQLite ledger file is backed up here; for PostgreSQL use "
            "`pg_dump -Fc -f ledger.dump DATABASE` and restore with `pg_restore -d DATABASE ledger.dump`",
            path=url,
        )
    if os.path.exists(dest) and not overwrite:
        raise LedgerError("E027", "the destination exists (--force replaces it)", path=dest)
    if os.path.exists(dest) and os.path.samefile(src_path, dest):
        raise LedgerError("E027", "the destination is the ledger itself", path=dest)
    engine = _engine.open_engine(_engine.read_only_url(url))  # E020/E025 before copying
    try:
        raw = engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            target = sqlite3.connect(dest)
            try:
                source.backup(target, pages=PAGES_PER_STEP)
                # One self-contained file: a WAL-mode copy would grow -wal/-shm files beside
                # it when read; the ledger's next writable open sets WAL again.
                target.execute("PRAGMA journal_mode=DELETE")
                found = target.execute("PRAGMA quick_check(1)").fetchone()[0]
                pages = target.execute("PRAGMA page_count").fetchone()[0]
            finally:
                target.close()
        finally:
            raw.close()
    except sqlite3.Error as e:
        raise LedgerError("E027", f"{type(e).__name__}: {e}", path=dest) from None
    finally:
        engine.dispose()
    if found != "ok":
        raise _engine.damaged(src_path, f"the copy fails PRAGMA quick_check: {found}")
    return BackupResult(src_path, dest, int(pages), os.path.getsize(dest))
