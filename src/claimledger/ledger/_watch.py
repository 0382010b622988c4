"""Has the ledger changed?  A cheap stamp that moves with every commit, for caches.

Reads: SQLite's ``PRAGMA data_version`` on a read-only connection of its own, which
changes whenever any other connection (this process's writers, a ``claimledger ingest`` in
another process) commits.  Each check costs a few microseconds.  If that connection cannot
be opened the stamp falls back to the database file's and WAL's (size, mtime).  For
PostgreSQL or in-memory databases there is nothing to watch: the stamp is None.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import urllib.parse

from sqlalchemy.engine import Engine


class ChangeWatch:
    """``stamp()`` differs after every commit to the ledger of ``engine`` (None: no way to
    tell, so nothing should be cached)."""

    def __init__(self, engine: Engine) -> None:
        from claimledger.ledger import sqlite_path

        self.path = sqlite_path(engine)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def stamp(self) -> tuple[int, ...] | None:
        if self.path is None:
            return None
        with self._lock:
            try:
                if self._conn is None:
                    uri = "file:" + urllib.parse.quote(self.path) + "?mode=ro"
                    self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
                return (int(self._conn.execute("PRAGMA data_version").fetchone()[0]),)
            except sqlite3.Error:
                self._conn = None
        out: list[int] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.path + suffix)
            except FileNotFoundError:
                out += [0, 0]
            else:
                out += [st.st_size, st.st_mtime_ns]
        return tuple(out)
