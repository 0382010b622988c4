"""Findings in SQL: the checkers' results, replaced run by run.

Reads and writes ``findings`` and ``finding_claims`` inside the caller's transaction.
Which findings there are is decided by ``claimledger.checks``; this module stores them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from claimledger._dates import utc_timestamp
from claimledger.ledger._rows import StoredFinding, json_object, row_to
from claimledger.ledger.queries import chunks
from claimledger.ledger.schema import finding_claims, findings
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
