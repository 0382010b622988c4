"""Checks after uploads, in the background: one run at a time, coalesced.

Reads: nothing itself; ``run`` (``claimledger.checks.run_checks`` over the app's ledger)
re-links and re-checks the whole ledger.  Writes: the findings, through ``run``.

An upload returns as soon as its claims are stored and asks for a re-check.  When no run
is going, one starts in a background thread.  When one is going, the request is noted, and
one more run follows it however many uploads came in meanwhile: N uploads during a run
cost one more run, not N, and the last run always sees every stored claim.  The findings
page says "re-checking…" while ``running`` is true.

Every run re-checks every indicator: running only the indicators the new claims touch
needs the checkers to accept a subset, which belongs with the speed work on ``check``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger("claimledger.web")


class Rechecker:
    """Coalesced background runs of ``run``.  ``runs`` counts the runs that finished
    (failed ones too: a checker error is logged, and the stored claims stay)."""

    def __init__(self, run: Callable[[], object]) -> None:
        self._run = run
        self._cond = threading.Condition()
        self._running = False
        self._pending = False
        self.requests = 0
        self.runs = 0
        self.failures = 0

    @property
    def running(self) -> bool:
        """Whether a run is going or due (the findings may be about to change)."""
        with self._cond:
            return self._running

    def request(self) -> None:
        """Ask for a run after a change: start one, or note that one more is due."""
        with self._cond:
            self.requests += 1
            if self._running:
                self._pending = True
                return
            self._running = True
        threading.Thread(target=self._loop, name="claimledger-recheck", daemon=True).start()

    def _loop(self) -> None:
        while True:
            failed = False
            try:
                self._run()
            except Exception:  # the documents are stored; the next run catches up
                log.exception("the checks failed after an upload")
                failed = True
            with self._cond:
                self.runs += 1
                self.failures += failed
                if self._pending:
                    self._pending = False
                    continue
                self._running = False
                self._cond.notify_all()
                return

    def wait(self) -> None:
        """Block until no run is going or due (tests, and a server shutting down)."""
        with self._cond:
            self._cond.wait_for(lambda: not self._running)
