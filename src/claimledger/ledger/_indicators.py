"""Indicators in SQL: the linker's writes, and reviewers' merges and splits as overrides.

Reads and writes ``indicators``, ``indicator_claims`` and ``indicator_overrides`` (plus one
``review_events`` row per reviewer decision), inside the caller's transaction.  What goes
in (which claims share an indicator, and why) is decided by ``claimledger.link``; this
module only stores it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from claimledger.ledger._review import append_review_event
from claimledger.ledger._rows import IndicatorSpec, StoredIndicator
from claimledger.ledger._summary import refresh
from claimledger.ledger.schema import indicator_claims, indicator_overrides, indicators

#: An override as the linker replays it: (id, action, payload, reviewer, at).
Override = tuple[int, str, dict[str, object], str, str]


def load_overrides(conn: Connection) -> list[Override]:
    """Reviewers' merges and splits, oldest first."""
    rows = conn.execute(select(indicator_overrides).order_by(indicator_overrides.c.id))
    return [(r.id, r.action, json.loads(r.payload), r.reviewer, r.at) for r in rows]


def replace_indicators(
    conn: Connection,
    wanted: Mapping[str, IndicatorSpec],
    members: Mapping[str, tuple[str, str]],
    now: str,
) -> None:
    """Make the stored indicators exactly ``wanted`` (key -> name, dimension, frame key,
    free) and their claims exactly ``members`` (claim id -> (key, explanation)).

    An indicator whose key survives keeps its id (links and bookmarks stay valid); the
    others are deleted and new keys inserted with ``created_at = now``.
    """
    existing = {r.key: r.id for r in conn.execute(select(indicators.c.key, indicators.c.id))}
    conn.execute(delete(indicator_claims))
    stale = [i for k, i in existing.items() if k not in wanted]
    if stale:
        conn.execute(delete(indicators).where(indicators.c.id.in_(stale)))
    ids: dict[str, int] = {}
    for key, spec in wanted.items():
        values = {
            "name": spec.name,
            "dimension": spec.dimension,
            "measure_id": spec.measure_id,
            "entity_id": spec.entity_id,
            "basis_key": spec.basis_key,
            "free": spec.free,
        }
        if key in existing:
            ids[key] = existing[key]
            conn.execute(indicators.update().where(indicators.c.id == existing[key]).values(**values))
        else:
            res = conn.execute(insert(indicators).values(key=key, created_at=now, **values))
            ids[key] = int(res.inserted_primary_key[0])  # type: ignore[index]
    rows = [
        {"claim_id": cid, "indicator_id": ids[key], "explanation": why} for cid, (key, why) in members.items()
    ]
    if rows:
        conn.execute(insert(indicator_claims), rows)
    refresh(conn, ("indicators", "indicator", "indicator_period"))


def indicator_fields(conn: Connection, indicator_id: int) -> StoredIndicator | None:
    """An indicator's stored fields (key, name, dimension, frame key; no counts); None
    when there is none with that id."""
    row = conn.execute(select(indicators).where(indicators.c.id == indicator_id)).mappings().first()
    if row is None:
        return None
    return StoredIndicator(
        row["id"], row["key"], row["name"], row["dimension"],
        measure_id=row["measure_id"], entity_id=row["entity_id"], basis_key=row["basis_key"],
        free=bool(row["free"]),
    )  # fmt: skip


def indicator_id(conn: Connection, key: str) -> int | None:
    row = conn.execute(select(indicators.c.id).where(indicators.c.key == key)).first()
    return None if row is None else int(row.id)


def indicator_members(conn: Connection, indicator_id: int) -> set[str]:
    """The ids of the claims in an indicator."""
    stmt = select(indicator_claims.c.claim_id).where(indicator_claims.c.indicator_id == indicator_id)
    return {r.claim_id for r in conn.execute(stmt)}


def add_override(
    conn: Connection,
    action: str,
    payload: dict[str, object],
    *,
    reviewer: str,
    note: str | None,
    target: str,
    at: str,
) -> None:
    """Record a reviewer's merge or split, and its audit event, in one transaction."""
    body = json.dumps(payload, sort_keys=True)
    conn.execute(insert(indicator_overrides).values(action=action, payload=body, reviewer=reviewer, at=at))
    event = f"{action}_indicators" if action == "merge" else "split_indicator"
    append_review_event(conn, at, reviewer, event, "indicator", target, body, note)
