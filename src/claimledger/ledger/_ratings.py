"""Verdicts in SQL: claim ratings and the whole audit log.

Reads and writes ``claim_ratings`` (one row per rated claim, the rating in force) inside
the caller's transaction (``claim_transaction``); what a rating is, and its audit event,
is decided by ``claimledger.review``.  Reads ``review_events`` page by page with the text
of the claim each event is about, for the ``/audit`` page and its CSV.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, func, insert, select, true, update
from sqlalchemy.engine import Connection, Engine

from claimledger.ledger._rows import ClaimRating, ReviewEvent, json_object, row_to
from claimledger.ledger.schema import claim_ratings, claims, review_events

#: Rows of ``review_events`` read per query when the whole log is streamed (CSV export).
AUDIT_BATCH = 500


def claim_rating(conn: Connection, claim_id: str) -> ClaimRating | None:
    row = conn.execute(select(claim_ratings).where(claim_ratings.c.claim_id == claim_id)).mappings().first()
    return None if row is None else row_to(ClaimRating, row)


def all_ratings(conn: Connection) -> dict[str, ClaimRating]:
    """Every claim's rating in force, by claim id."""
    return {r["claim_id"]: row_to(ClaimRating, r) for r in conn.execute(select(claim_ratings)).mappings()}


def set_claim_rating(conn: Connection, rating: ClaimRating) -> None:
    """Insert or replace a claim's rating (the audit event is the caller's)."""
    values = {
        "label": rating.label,
        "value": rating.value,
        "best": rating.best,
        "worst": rating.worst,
        "scale": rating.scale,
        "ruling": rating.ruling,
        "reviewer": rating.reviewer,
        "rated_at": rating.rated_at,
    }
    if claim_rating(conn, rating.claim_id) is None:
        conn.execute(insert(claim_ratings).values(claim_id=rating.claim_id, **values))
    else:
        conn.execute(update(claim_ratings).where(claim_ratings.c.claim_id == rating.claim_id).values(values))


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One audit event with the sentence of the claim it is about (``None`` for events about
    an indicator, or a claim no longer in the ledger)."""

    event: ReviewEvent
    claim_id: str | None
    sentence: str | None


@dataclass(frozen=True, slots=True)
class AuditPage:
    total: int
    rows: list[AuditRow]


#: Event targets that name a claim by its id.
_CLAIM_TARGETS = ("claim", "promise")


def _audit_select() -> Select[Any]:
    on_claim = and_(review_events.c.target_type.in_(_CLAIM_TARGETS), claims.c.id == review_events.c.target_id)
    return select(review_events, claims.c.sentence).select_from(review_events.outerjoin(claims, on_claim))


def _audit_rows(conn: Connection, stmt: Select[Any]) -> list[AuditRow]:
    out = []
    for r in conn.execute(stmt).mappings():
        event = row_to(ReviewEvent, r, payload=json_object(r["payload"]))
        claim_id = r["target_id"] if r["target_type"] in _CLAIM_TARGETS else None
        out.append(AuditRow(event, claim_id, r["sentence"]))
    return out


def audit_page(
    engine: Engine, *, offset: int = 0, limit: int = 50, actions: Sequence[str] | None = None
) -> AuditPage:
    """Review events, newest first, ``limit`` from ``offset`` (``actions``: only these)."""
    cond = true() if not actions else review_events.c.action.in_(actions)
    with engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(review_events).where(cond)).scalar_one())
        stmt = _audit_select().where(cond).order_by(review_events.c.id.desc()).offset(offset).limit(limit)
        return AuditPage(total, _audit_rows(conn, stmt))


def iter_audit(engine: Engine) -> Iterator[AuditRow]:
    """The whole audit log, oldest first, streamed in batches (keyset on the event id)."""
    after = 0
    while True:
        with engine.connect() as conn:
            stmt = (
                _audit_select()
                .where(review_events.c.id > after)
                .order_by(review_events.c.id)
                .limit(AUDIT_BATCH)
            )
            rows = _audit_rows(conn, stmt)
        if not rows:
            return
        yield from rows
        after = rows[-1].event.id
