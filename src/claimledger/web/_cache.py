"""A cache of read answers (pages' data), valid until the ledger changes.

Reads: the ledger's change stamp (``claimledger.ledger.ChangeWatch``: SQLite's
``PRAGMA data_version``, which moves with any commit from any connection or process, else
the file's stamps).  A changed stamp drops the whole cache, so a page never shows data
older than the last commit.  Each check costs a few microseconds.  For PostgreSQL or
in-memory databases there is nothing to watch and nothing is cached.
``CLAIMLEDGER_WEB_CACHE=0`` turns the cache off (benchmarks use it to measure the work).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from claimledger.ledger import ChangeWatch

if TYPE_CHECKING:
    from claimledger.ledger import Engine

T = TypeVar("T")
log = logging.getLogger("claimledger.web")

#: Longest a cached answer is served even when nothing seems to have changed: a safety
#: bound (the file-stamp fallback can miss two commits inside one timestamp tick).
MAX_AGE_SECONDS = 120.0
#: Entries kept (one per endpoint and parameter set, plus the ledger's own memos such as
#: a filter's total); the least recently used are dropped first.  It must exceed the
#: number of addresses a dashboard's visitors rotate through, or a least-recently-used
#: cache misses on every request of a cycle longer than itself (the 600-address mix of
#: ``benchmarks/bench_web.py`` did, at 256).  About 75 KB each on a 100,000-claim ledger.
MAX_ENTRIES = 2048


class LedgerCache:
    def __init__(self, engine: Engine, *, enabled: bool = True) -> None:
        self._watch: ChangeWatch | None = ChangeWatch(engine) if enabled else None
        self._stamp: tuple[int, ...] | None = None
        self._data: OrderedDict[Any, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        # One computation per key at a time: when an entry expires under load, the other
        # requests wait for it instead of all computing the same aggregate at once.
        self._key_locks: dict[Any, threading.Lock] = {}
        self._warmers: list[Callable[[], object]] = []
        self._warming = threading.Lock()

    def add_warmer(self, warmer: Callable[[], object]) -> None:
        """Register a call that fills the cache with answers worth having ready."""
        self._warmers.append(warmer)

    def warm(self) -> None:
        """Run the warmers in a background thread (after a write, so the overview a
        reviewer goes back to is ready).  At most one warm-up runs at a time; one that
        overlaps a later commit stores nothing stale (``get`` checks the version)."""
        if self._watch is None or self._watch.path is None or not self._warmers or self._warming.locked():
            return

        def run() -> None:
            with self._warming:
                for warmer in self._warmers:
                    try:
                        warmer()
                    except Exception:  # a warm-up is an optimisation; requests still compute
                        log.exception("cache warm-up failed")

        threading.Thread(target=run, name="claimledger-cache-warm", daemon=True).start()

    def _current(self) -> tuple[int, ...] | None:
        return None if self._watch is None else self._watch.stamp()

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
