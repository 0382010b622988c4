"""A small cache for the aggregate views (overview, promise board, indicator list), valid
until the ledger changes.

Reads: the SQLite database file and its write-ahead log (``os.stat`` only).  Writes
nothing.  Every commit appends to the WAL (or, after a checkpoint, rewrites the database
file), which changes the pair of (size, mtime) stamps; a changed stamp drops the whole
cache, so a page never shows data older than the last commit by more than
``MAX_AGE_SECONDS`` (the bound covers two commits inside one file-timestamp tick).  For
PostgreSQL or in-memory databases there is no file to watch and nothing is cached.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar, cast

from sqlalchemy.engine import Engine

T = TypeVar("T")

#: Longest a cached answer is served even when the file stamps did not move.
MAX_AGE_SECONDS = 30.0
#: Entries kept (one per endpoint and parameter set); old ones are dropped first.
MAX_ENTRIES = 256


class LedgerCache:
    def __init__(self, engine: Engine) -> None:
        self._path: str | None = None
        if engine.dialect.name == "sqlite":
            db = engine.url.database
            if db and db != ":memory:" and not db.startswith("file:"):
                self._path = os.path.abspath(db)
        self._stamp: tuple[int, ...] | None = None
        self._data: OrderedDict[Any, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        # One computation per key at a time: when an entry expires under load, the other
        # requests wait for it instead of all computing the same aggregate at once.
        self._key_locks: dict[Any, threading.Lock] = {}

    def _current(self) -> tuple[int, ...] | None:
        if self._path is None:
            return None
        out: list[int] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self._path + suffix)
            except FileNotFoundError:
                out += [0, 0]
            else:
                out += [st.st_size, st.st_mtime_ns]
        return tuple(out)

    def get(self, key: Any, compute: Callable[[], T]) -> T:
        """The cached value for ``key``, computed with ``compute`` when missing or stale.
        The stamp is taken before computing, so a commit during the computation makes
        the next request compute again rather than trust this answer."""
        stamp = self._current()
        if stamp is None:
            return compute()
        found, hit = self._lookup(key, stamp)
        if found:
            return cast(T, hit)
        with self._lock:
            if len(self._key_locks) > 4 * MAX_ENTRIES:
                self._key_locks = {k: v for k, v in self._key_locks.items() if v.locked()}
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            found, hit = self._lookup(key, stamp)  # another request may have filled it
            if found:
                return cast(T, hit)
            now = time.monotonic()
            value = compute()
            with self._lock:
                if stamp == self._stamp:
                    self._data[key] = (now, value)
                    while len(self._data) > MAX_ENTRIES:
                        self._data.popitem(last=False)
        return value

    def _lookup(self, key: Any, stamp: tuple[int, ...]) -> tuple[bool, Any]:
        with self._lock:
            if stamp != self._stamp:
                self._data.clear()
                self._key_locks = {k: v for k, v in self._key_locks.items() if v.locked()}
                self._stamp = stamp
            hit = self._data.get(key)
            if hit is not None and time.monotonic() - hit[0] < MAX_AGE_SECONDS:
                self._data.move_to_end(key)
                return True, hit[1]
        return False, None
