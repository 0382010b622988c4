"""Stage ``check``: findings over the linked ledger.

One checker per module behind the ``Checker`` protocol (``base.py``): contradiction,
arithmetic, feasibility, promise and official (figures against official statistics; it is
bound to the ledger's reference series before it runs: ``OfficialChecker.bind``).  A new
checker is one file with a class that has a versioned ``name`` and ``run(ctx) ->
list[Finding]``, added to ``run.CHECKERS``.

Public API: ``run_checks(engine)`` re-links, runs every checker, stores and returns the
findings; ``load_findings(engine)`` returns stored findings in the JSON shape of
``claimledger check --format json``; ``run_context``/``context_from_records`` run the
checkers with no database; ``amount(x, unit)`` writes a figure the way the findings do
("25.1 trillion tenge").
"""

from __future__ import annotations

from claimledger.checks._fmt import amount
from claimledger.checks.base import CheckContext, Checker, finding_id
from claimledger.checks.run import (
    CHECKERS,
    context_from_records,
    load_context,
    load_findings,
    run_checks,
    run_context,
    store_findings,
)

__all__ = [
    "CHECKERS",
    "CheckContext",
    "Checker",
    "amount",
    "context_from_records",
    "finding_id",
    "load_context",
    "load_findings",
    "run_checks",
    "run_context",
    "store_findings",
]
