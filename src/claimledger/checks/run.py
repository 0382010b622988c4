"""Run every checker over the ledger and store the findings.

Reads: documents, effective claims, indicator overrides and promise overrides.
Writes: ``indicators``/``indicator_claims`` (re-link) and ``findings``/``finding_claims``.

Incremental-safe: findings have stable ids (type, checker and claim ids), each run
replaces the stored findings of the checkers it ran in one transaction, and a finding
that is found again keeps its original ``created_at``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date as Date
from typing import TYPE_CHECKING, Any

from claimledger import ledger
from claimledger.checks.arithmetic import ArithmeticChecker
from claimledger.checks.base import CheckContext, Checker
from claimledger.checks.contradiction import ContradictionChecker
from claimledger.checks.feasibility import FeasibilityChecker
from claimledger.checks.official import OfficialChecker
from claimledger.checks.promise import PromiseChecker
from claimledger.link import (
    ClaimRecord,
    DocInfo,
    link_records,
    load_documents,
    load_records,
    relink_conn,
)
from claimledger.models import FINDING_TYPES, Finding

if TYPE_CHECKING:
    from claimledger.ledger import Connection, Engine

#: Every checker, in the order their findings are listed.
CHECKERS: tuple[Checker, ...] = (
    ContradictionChecker(),
    ArithmeticChecker(),
    FeasibilityChecker(),
    PromiseChecker(),
    OfficialChecker(),
)
_TYPE_ORDER = {t: i for i, t in enumerate(FINDING_TYPES)}  # after severity and confidence
_SEV_ORDER = {"error": 0, "warning": 1, "info": 2}


def rank(severity: str, details: dict[str, Any], ftype: str, message: str) -> tuple[int, float, int, str]:
    """How findings are listed: most severe first, then most confident, then by type."""
    conf = details.get("confidence")
    score = float(conf) if isinstance(conf, int | float) else 0.0
    return (_SEV_ORDER.get(severity, 9), -score, _TYPE_ORDER.get(ftype, 9), message)


def run_context(ctx: CheckContext, checkers: Sequence[Checker] | None = None) -> list[Finding]:
    """Run checkers over a context (no database): findings in a stable order, ids unique."""
    out: dict[str, Finding] = {}
    for checker in checkers or CHECKERS:
        for f in checker.run(ctx):
            out.setdefault(f.id, f)
    return sorted(out.values(), key=lambda f: rank(f.severity, f.details, f.type, f.message))


def context_from_records(
    records: Sequence[ClaimRecord],
    docs: dict[str, DocInfo],
    now: Date | None = None,
    promise_statuses: dict[str, dict[str, Any]] | None = None,
) -> CheckContext:
    """A context from records and documents, linked by the rules (no overrides)."""
    members = link_records(records, docs)
    return CheckContext(list(records), docs, members, now or Date.today(), promise_statuses or {})


def load_context(conn: Connection, now: Date | None = None, *, relink: bool = True) -> CheckContext:
    """Re-link (replaying reviewers' overrides) and build the context from the ledger."""
    docs = load_documents(conn)
    records = load_records(conn)
    members = relink_conn(conn, docs, records) if relink else link_records(records, docs)
    overrides = {
        cid: {"status": o.status, "note": o.note, "reviewer": o.reviewer, "at": o.at}
        for cid, o in ledger.promise_overrides_by_claim(conn).items()
    }
    reviews = ledger.promise_review_events(conn)
    return CheckContext(records, docs, members, now or Date.today(), overrides, reviews)


def store_findings(conn: Connection, found: Sequence[Finding], checker_names: Sequence[str]) -> None:
    """Replace the stored findings of ``checker_names`` with ``found``, and, when the
    promise checker ran, every promise's status history (``promise_events``)."""
    ledger.store_findings(conn, found, checker_names)
    if any(n.rsplit(".v", 1)[0] == PromiseChecker.name.rsplit(".v", 1)[0] for n in checker_names):
        history = {
            f.claim_ids[0]: list(f.details.get("history") or [])
            for f in found
            if f.type == "promise" and f.claim_ids
        }
        ledger.store_promise_events(conn, history)


def run_checks(
    engine: Engine, *, now: Date | None = None, checkers: Sequence[Checker] | None = None
) -> list[Finding]:
    """Re-link, run every checker, replace the stored findings and return them."""
    chosen = list(checkers or CHECKERS)
    with ledger.write_transaction(engine) as conn:
        ctx = load_context(conn, now)
        # a checker that reads more of the ledger than the context (the official series)
        # is bound to it first
        bound = [c.bind(conn, ctx) if hasattr(c, "bind") else c for c in chosen]
        found = run_context(ctx, bound)
        store_findings(conn, found, [c.name for c in chosen])
    return found


def load_findings(engine: Engine, *, type: str | None = None) -> list[dict[str, Any]]:
    """Stored findings in the JSON shape of ``claimledger check --format json``.

    Each: ``{"id", "type", "severity", "message", "claims": [{"id", "doc", "quote",
    "quantity", "role"}], "details", "checker", "created_at"}``.
    """
    with ledger.reading(engine) as conn:
        recs = {r.id: r for r in load_records(conn, in_findings=True)}
        rows = ledger.stored_findings(conn, type=type)
    out: list[dict[str, Any]] = []
    for r in rows:
        order = list(r.details.get("roles", {}))
        linked = sorted(r.links, key=lambda cr: order.index(cr[0]) if cr[0] in order else 99)
        claims = []
        for cid, role in linked:
            c = recs.get(cid)
            claims.append(
                {
                    "id": cid,
                    "doc": c.doc if c else None,
                    "quote": c.sentence if c else None,
                    "quantity": c.quantity_dict() if c else None,
                    "role": role,
                }
            )
        out.append(
            {
                "id": r.id,
                "type": r.type,
                "severity": r.severity,
                "message": r.message,
                "claims": claims,
                "details": r.details,
                "checker": r.checker,
                "created_at": r.created_at,
            }
        )
    out.sort(key=lambda f: rank(f["severity"], f["details"], f["type"], f["message"]))
    return out
