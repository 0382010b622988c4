"""Human decisions in SQL: corrections, promise statuses and the audit log.

Reads and writes ``corrections``, ``promise_overrides`` and ``review_events`` (append
only), and reads the promise ``findings`` of a claim.  What a review action changes is
decided by ``claimledger.review``; this module stores it, inside the caller's transaction
(``claim_transaction``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine

from claimledger.errors import LedgerError
from claimledger.ledger._rows import Correction, PromiseOverride, json_object, row_to
from claimledger.ledger._summary import track
from claimledger.ledger.schema import (
    claims,
    corrections,
    finding_claims,
    findings,
    promise_overrides,
    review_events,
)


@contextmanager
def claim_transaction(engine: Engine, claim_id: str) -> Iterator[Connection]:
    """A transaction in which no other review action on ``claim_id`` can run: everything
    it reads stays true until it commits.  E022 if there is no such claim.

    SQLite: the transaction takes the database's write lock at BEGIN (``BEGIN IMMEDIATE``),
    so it is the only writer from its first read on; a deferred transaction would read,
    then fail with SQLITE_BUSY at its first write if another writer committed meanwhile.
    PostgreSQL: ``BEGIN IMMEDIATE`` does not exist and reads take no locks, so the claim's
    machine row is locked first (``SELECT ... FOR NO KEY UPDATE``); another action on the
    same claim waits there until this one commits, and (READ COMMITTED, the default) its
    reads then see what this one wrote.  NO KEY UPDATE rather than UPDATE: it conflicts
    with itself but not with the key-share locks of foreign-key checks, so ingesting or
    checking rows that point at the claim is not held up.  Actions on other claims run in
    parallel.
    """
    with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
        locked = conn.execute(
            select(claims.c.id).where(claims.c.id == claim_id).with_for_update(key_share=True)
        ).first()
        if locked is None:
            raise LedgerError("E022", f"no claim with id {claim_id!r}")
        yield conn


def correction(conn: Connection, claim_id: str) -> Correction | None:
    row = conn.execute(select(corrections).where(corrections.c.claim_id == claim_id)).mappings().first()
    return None if row is None else row_to(Correction, row)


def all_corrections(conn: Connection) -> dict[str, Correction]:
    return {r["claim_id"]: row_to(Correction, r) for r in conn.execute(select(corrections)).mappings()}


def upsert_correction(
    conn: Connection, claim_id: str, values: Mapping[str, Any], *, reviewer: str, at: str
) -> None:
    """Insert or update a claim's correction with ``values`` (state and changed fields)."""
    data = {**values, "reviewer": reviewer, "updated_at": at}
    with track(conn, [claim_id]):  # the kind, review state and promise status may change
        if correction(conn, claim_id) is None:
            conn.execute(insert(corrections).values(claim_id=claim_id, **data))
        else:
            conn.execute(update(corrections).where(corrections.c.claim_id == claim_id).values(data))


def promise_override(conn: Connection, claim_id: str) -> PromiseOverride | None:
    stmt = select(promise_overrides).where(promise_overrides.c.claim_id == claim_id)
    row = conn.execute(stmt).mappings().first()
    return None if row is None else row_to(PromiseOverride, row)


def promise_overrides_by_claim(conn: Connection, ids: list[str] | None = None) -> dict[str, PromiseOverride]:
    """Reviewers' promise statuses, by claim id (all of them, or those of ``ids``)."""
    from claimledger.ledger.queries import chunks

    parts = [None] if ids is None else list(chunks(ids))
    out: dict[str, PromiseOverride] = {}
    for part in parts:
        stmt = select(promise_overrides)
        if part is not None:
            stmt = stmt.where(promise_overrides.c.claim_id.in_(part))
        for r in conn.execute(stmt).mappings():
            out[r["claim_id"]] = row_to(PromiseOverride, r)
    return out


def set_promise_override(
    conn: Connection, claim_id: str, *, status: str, note: str | None, reviewer: str, at: str
) -> None:
    values = {"status": status, "note": note, "reviewer": reviewer, "at": at}
    with track(conn, [claim_id]):
        if promise_override(conn, claim_id) is not None:
            conn.execute(
                update(promise_overrides).where(promise_overrides.c.claim_id == claim_id).values(values)
            )
        else:
            conn.execute(insert(promise_overrides).values(claim_id=claim_id, **values))


def promise_findings_of(conn: Connection, claim_id: str) -> list[tuple[dict[str, Any], str]]:
    """(details, this claim's role) of every promise finding that cites ``claim_id``."""
    # Two steps on purpose: joined in one query, SQLite starts from the index on
    # findings.type and visits every promise finding; the claim's own links first (index on
    # finding_claims.claim_id) is ~6x faster on a big ledger.
    roles = dict(
        conn.execute(
            select(finding_claims.c.finding_id, finding_claims.c.role).where(
                finding_claims.c.claim_id == claim_id
            )
        ).all()
    )
    if not roles:
        return []
    stmt = select(findings.c.id, findings.c.details).where(
        findings.c.id.in_(list(roles)), findings.c.type == "promise"
    )
    return [(json_object(details), roles[fid]) for fid, details in conn.execute(stmt)]


def append_review_event(
    conn: Connection,
    at: str,
    reviewer: str,
    action: str,
    target_type: str,
    target_id: str,
    payload: str,
    note: str | None,
) -> int:
    """Append one audit event (``payload`` is JSON text); return its id."""
    res = conn.execute(
        insert(review_events).values(
            at=at,
            reviewer=reviewer,
            action=action,
            target_type=target_type,
            target_id=target_id,
            payload=payload,
            note=note,
        )
    )
    pk = res.inserted_primary_key
    return int(pk[0]) if pk is not None else 0


def promise_review_events(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    """Every reviewer's promise status from the audit log, by target claim id, oldest
    first: ``{"at", "status", "reviewer", "note"}`` (a promise's history shows them all,
    not only the status in force)."""
    stmt = (
        select(review_events)
        .where(review_events.c.action == "set_promise_status")
        .order_by(review_events.c.id)
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(stmt).mappings():
        after = json_object(r["payload"]).get("after") or {}
        out.setdefault(r["target_id"], []).append(
            {"at": r["at"], "status": after.get("status"), "reviewer": r["reviewer"], "note": r["note"]}
        )
    return out
