"""Promise statuses of the live targets: the reviewer's, else the promise checker's, else
``unverified``; per target (the promise board) or counted (the overview and the summary
counts of ``ledger._summary``).

Reads: ``claims`` and the effective view, ``corrections``, ``promise_overrides``,
``findings``/``finding_claims``.  Writes nothing.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, literal_column, select, union_all
from sqlalchemy.engine import Connection

from claimledger.ledger.queries import effective
from claimledger.ledger.schema import claims as claims_t
from claimledger.ledger.schema import corrections, finding_claims, findings, promise_overrides

#: A live target: (claim id, deadline period, promise status, where the status comes from:
#: reviewer | checker | none).
PromiseTarget = tuple[str, str | None, str, str]


def _status_expr(conn: Connection) -> Any:
    """The ``status`` field of a finding's JSON details, in this database's dialect."""
    if conn.dialect.name == "sqlite":
        return func.json_extract(findings.c.details, "$.status")
    return literal_column("(CAST(findings.details AS json) ->> 'status')")


def promise_targets(conn: Connection) -> list[PromiseTarget]:
    """Every live target as (id, deadline, status, source), sorted by status, deadline, id.

    The status is the reviewer's (``promise_overrides``) if set, else the promise
    checker's (the finding in which the claim is the ``target``), else ``unverified``.
    Targets are read like the claims table: unreviewed rows from ``claims`` through its
    kind index, reviewed rows through the effective view (a reviewer may have changed
    the kind, or rejected the claim).
    """
    if conn.dialect.name == "sqlite":
        # One statement: joining, choosing and sorting 20,000 targets in SQLite takes
        # about a third of the time of building the rows in Python (measured on the
        # 100,000-claim benchmark ledger), and the JSON is parsed by json_extract.
        rows = conn.exec_driver_sql(f"{_TARGETS_SQL} {_TARGETS_ORDER}")
        return [(str(cid), period, str(st), str(src)) for cid, period, st, src in rows]
    return promise_targets_py(conn)


#: Every live target with its promise status (SQLite), the same rules as
#: ``promise_targets_py``: the reviewer's status wins, then the checker's if it is a
#: JSON string, else ``unverified``.  When a target is the target of several promise
#: findings the last one read wins, as in the Python path (SQLite's ``max()`` with bare
#: columns takes them from the row holding the maximum).
_TARGETS_SQL = """
WITH machine AS (
  SELECT fc.claim_id AS cid, json_extract(f.details, '$.status') AS status,
         json_type(f.details, '$.status') AS jtype, max(f.rowid) AS last_row
  FROM findings AS f JOIN finding_claims AS fc ON fc.finding_id = f.id
  WHERE f.type = 'promise' AND fc.role = 'target'
  GROUP BY fc.claim_id
), targets AS (
  SELECT id, period FROM claims
  WHERE kind = 'target' AND id NOT IN (SELECT claim_id FROM corrections)
  UNION ALL
  SELECT id, period FROM claims_effective
  WHERE kind = 'target' AND review_state != 'rejected' AND id IN (SELECT claim_id FROM corrections)
)
SELECT t.id, t.period,
  CASE WHEN o.claim_id IS NOT NULL THEN o.status
       WHEN m.jtype = 'text' THEN m.status ELSE 'unverified' END AS status,
  CASE WHEN o.claim_id IS NOT NULL THEN 'reviewer'
       WHEN m.jtype = 'text' THEN 'checker' ELSE 'none' END AS source
FROM targets AS t
LEFT JOIN promise_overrides AS o ON o.claim_id = t.id
LEFT JOIN machine AS m ON m.cid = t.id
"""
_TARGETS_ORDER = "ORDER BY status, coalesce(t.period, '9999'), t.id"


def promise_status_counts(conn: Connection) -> dict[str, int]:
    """How many live targets have each promise status (what the overview shows),
    counted in SQL on SQLite (no per-target rows are built), else from
    ``promise_targets``."""
    if conn.dialect.name == "sqlite":
        sql = f"SELECT status, count(*) FROM ({_TARGETS_SQL}) GROUP BY status"
        return {str(st): int(n) for st, n in conn.exec_driver_sql(sql)}
    return dict(Counter(t[2] for t in promise_targets(conn)))


def promise_targets_py(conn: Connection) -> list[PromiseTarget]:
    """``promise_targets`` for databases without SQLite's JSON functions."""
    reviewed = select(corrections.c.claim_id)
    targets = union_all(
        select(claims_t.c.id, claims_t.c.period).where(
            claims_t.c.kind == "target", claims_t.c.id.not_in(reviewed)
        ),
        select(effective.c.id, effective.c.period).where(
            effective.c.kind == "target", effective.c.review_state != "rejected", effective.c.id.in_(reviewed)
        ),
    ).subquery("targets")
    machine: dict[str, Any] = dict(
        conn.execute(
            select(finding_claims.c.claim_id, _status_expr(conn))
            .join(findings, findings.c.id == finding_claims.c.finding_id)
            .where(findings.c.type == "promise", finding_claims.c.role == "target")
        ).all()
    )
    overrides = dict(conn.execute(select(promise_overrides.c.claim_id, promise_overrides.c.status)).all())
    out = []
    for cid, period in conn.execute(select(targets.c.id, targets.c.period)):
        if cid in overrides:
            out.append((cid, period, str(overrides[cid]), "reviewer"))
        elif isinstance(machine.get(cid), str):
            out.append((cid, period, str(machine[cid]), "checker"))
        else:
            out.append((cid, period, "unverified", "none"))
    out.sort(key=lambda t: (t[2], t[1] or "9999", t[0]))
    return out
