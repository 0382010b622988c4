"""Findings in SQL: the checkers' results, replaced run by run.

Reads and writes ``findings`` and ``finding_claims`` inside the caller's transaction.
Which findings there are is decided by ``claimledger.checks``; this module stores them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from claimledger._dates import utc_timestamp
from claimledger.ledger._rows import StoredFinding, json_object, row_to
from claimledger.ledger._summary import refresh
from claimledger.ledger.queries import chunks
from claimledger.ledger.schema import finding_claims, findings, promise_events
from claimledger.models import Finding


def store_findings(conn: Connection, found: Sequence[Finding], checker_names: Sequence[str]) -> None:
    """Replace the stored findings of ``checker_names`` (any version) with ``found``.  A
    finding found again keeps its original ``created_at``."""
    bases = {n.rsplit(".v", 1)[0] for n in checker_names}
    old = {
        r.id: (r.created_at, r.checker)
        for r in conn.execute(select(findings.c.id, findings.c.created_at, findings.c.checker))
    }
    drop = [fid for fid, (_, chk) in old.items() if chk.rsplit(".v", 1)[0] in bases]
    for part in chunks(drop):
        conn.execute(delete(finding_claims).where(finding_claims.c.finding_id.in_(part)))
        conn.execute(delete(findings).where(findings.c.id.in_(part)))
    now = utc_timestamp()
    rows, links = [], []
    for f in found:
        rows.append(
            {
                "id": f.id,
                "type": f.type,
                "severity": f.severity,
                "message": f.message,
                "details": json.dumps(f.details, default=str),
                "checker": f.checker,
                "created_at": old.get(f.id, (now, ""))[0],
            }
        )
        roles = f.details.get("roles", {})
        for cid in f.claim_ids:
            links.append({"finding_id": f.id, "claim_id": cid, "role": str(roles.get(cid, "claim"))})
    if rows:
        conn.execute(insert(findings), rows)
    if links:
        conn.execute(insert(finding_claims), links)
    refresh(conn, ("finding_type", "finding_severity", "promise"))


def stored_findings(conn: Connection, *, type: str | None = None) -> list[StoredFinding]:
    """Every stored finding (of ``type``), in storage order, with the claims it cites in the
    order they were linked."""
    stmt = select(findings)
    if type:
        stmt = stmt.where(findings.c.type == type)
    rows = list(conn.execute(stmt).mappings())
    links: dict[str, list[tuple[str, str]]] = {}
    for r in conn.execute(select(finding_claims)):
        links.setdefault(r.finding_id, []).append((r.claim_id, r.role))
    return [
        row_to(StoredFinding, r, details=json_object(r["details"]), links=tuple(links.get(r["id"], ())))
        for r in rows
    ]


def store_promise_events(conn: Connection, events: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Replace every promise's status history with ``events`` (target claim id -> events in
    order, each ``{"date", "status", "rule", "source", "doc", "quote", "claim", "reviewer",
    "note"}``).  The history is derived from the evidence and the audit log at each run, so
    it is rebuilt whole, like the findings."""
    conn.execute(delete(promise_events))
    now = utc_timestamp()
    rows = [
        {
            "claim_id": cid,
            "seq": i,
            "date": e.get("date"),
            "status": e.get("status"),
            "rule": str(e.get("rule") or ""),
            "source": str(e.get("source") or "checker"),
            "doc_key": e.get("doc"),
            "quote": e.get("quote"),
            "evidence_claim": e.get("claim"),
            "reviewer": e.get("reviewer"),
            "note": e.get("note") or None,
            "recorded_at": now,
        }
        for cid, evs in events.items()
        for i, e in enumerate(evs)
    ]
    if rows:
        conn.execute(insert(promise_events), rows)


def promise_history(conn: Connection, claim_id: str) -> list[dict[str, Any]]:
    """A promise's status history, oldest first (``store_promise_events``' shape)."""
    stmt = select(promise_events).where(promise_events.c.claim_id == claim_id).order_by(promise_events.c.seq)
    return [
        {
            "date": r["date"],
            "status": r["status"],
            "rule": r["rule"],
            "source": r["source"],
            "doc": r["doc_key"],
            "quote": r["quote"],
            "claim": r["evidence_claim"],
            "reviewer": r["reviewer"],
            "note": r["note"],
        }
        for r in conn.execute(stmt).mappings()
    ]
