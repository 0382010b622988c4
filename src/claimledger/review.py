"""Human review of machine output: accept, correct or reject claims, set promise statuses,
merge and split indicators.

Reads: the ``claims_effective`` view (the state before the change), ``corrections``,
``promise_overrides`` and promise ``findings``.
Writes: ``corrections`` or ``promise_overrides`` plus exactly one ``review_events`` row,
in one transaction, so the audit log can never disagree with the data it describes.
Each action reads the state before it writes, so actions on one claim take turns
(``_claim_transaction``): two reviewers saving the same claim at once never lose a change
or log two events that start from the same state.
Machine rows in ``claims`` are never touched: re-extraction may replace them, and the
``claims_effective`` view overlays these human decisions on whatever the machine says.

Every function raises ``LedgerError`` with code E022 for an unknown id and E030 for an
invalid action or value.  The web layer and any CLI call these functions; they are the
only writers of review data outside the linker (which owns ``indicator_overrides``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.engine import Connection, Engine

from claimledger._dates import utc_timestamp as now  # the one timestamp format
from claimledger.errors import LedgerError
from claimledger.ledger.schema import (
    EFFECTIVE_VIEW,
    claims,
    corrections,
    finding_claims,
    findings,
    promise_overrides,
    review_events,
)
from claimledger.models import KINDS, QUALIFIERS

#: Review states a claim can be in; ``machine`` means nobody has looked at it yet.
REVIEW_STATES: tuple[str, ...] = ("machine", "accepted", "corrected", "rejected")

#: The statuses the promise checker assigns (issue 4), plus ``unverified`` for a target
#: that no evidence has reached yet.  A reviewer may set any of them.
PROMISE_STATUSES: tuple[str, ...] = (
    "not_due",
    "due",
    "in_progress",
    "kept",
    "partly_kept",
    "not_kept",
    "unverified",
)

#: Fields of a claim a reviewer may correct (the numeric ones replace each other as a group).
CORRECTABLE: tuple[str, ...] = ("kind", "subject", "period", "value", "low", "high", "qualifier", "unit")
_NUMERIC = ("value", "low", "high")

#: A period as the extraction contract writes it: a year, a month, a day, or a from/to range
#: of those.  Anything else would break the linker's and the charts' period parsing.
_PERIOD_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
#: Free-text limits: a subject is a short noun phrase and a unit a short symbol; anything
#: longer is a paste accident, not a correction.
MAX_SUBJECT = 300
MAX_UNIT = 32
MAX_NOTE = 2000
MAX_REVIEWER = 80

# Columns of the effective view recorded in the before/after snapshots of the audit log.
_SNAPSHOT_COLS = ("kind", "subject", "period", "value", "low", "high", "qualifier", "unit", "review_state")


@dataclass(frozen=True, slots=True)
class ReviewResult:
    """What a review action did: the audit event id and the state before and after."""

    event_id: int
    action: str
    target_type: str
    target_id: str
    before: dict[str, Any]
    after: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "before": self.before,
            "after": self.after,
        }


def accept_claim(engine: Engine, claim_id: str, *, reviewer: str, note: str | None = None) -> ReviewResult:
    """Mark a claim as checked and right.  A corrected claim stays corrected: accepting it
    confirms the corrected values (also after a rejection), it does not bring back the
    machine's."""
    reviewer, note = _who(reviewer), _note(note)
    with _claim_transaction(engine, claim_id) as conn:
        before = _effective(conn, claim_id)
        existing = _correction(conn, claim_id) or {}
        # Any field a reviewer corrected earlier (even if the claim was rejected since)
        # is what is being accepted, so the claim counts as corrected.
        corrected = any(existing.get(k) is not None for k in CORRECTABLE)
        state = "corrected" if corrected else "accepted"
        _upsert_correction(conn, claim_id, {"state": state}, reviewer)
        return _log(conn, reviewer, "accept", "claim", claim_id, before, _effective(conn, claim_id), note)


def reject_claim(engine: Engine, claim_id: str, *, reviewer: str, note: str | None = None) -> ReviewResult:
    """Mark a claim as wrong (not a real figure, or misread).  It stays in the ledger,
    marked ``rejected`` in the effective view, so the decision is visible and reversible."""
    reviewer, note = _who(reviewer), _note(note)
    with _claim_transaction(engine, claim_id) as conn:
        before = _effective(conn, claim_id)
        _upsert_correction(conn, claim_id, {"state": "rejected"}, reviewer)
        return _log(conn, reviewer, "reject", "claim", claim_id, before, _effective(conn, claim_id), note)


def correct_claim(
    engine: Engine,
    claim_id: str,
    *,
    reviewer: str,
    note: str | None = None,
    kind: str | None = None,
    subject: str | None = None,
    period: str | None = None,
    value: float | None = None,
    low: float | None = None,
    high: float | None = None,
    qualifier: str | None = None,
    unit: str | None = None,
) -> ReviewResult:
    """Override some fields of a claim; ``None`` leaves a field as it is.

    ``value``/``low``/``high`` replace the machine's figure as a group (giving only
    ``value`` turns a range into a point), and the qualifier follows unless given: a
    ``low``+``high`` pair becomes ``range``, a point that was a range becomes ``exact``.
    """
    reviewer, note = _who(reviewer), _note(note)
    fields = _validate_fields(
        {
            "kind": kind,
            "subject": subject,
            "period": period,
            "value": value,
            "low": low,
            "high": high,
            "qualifier": qualifier,
            "unit": unit,
        }
    )
    if not fields:
        raise LedgerError("E030", "a correction needs at least one field to change")
    with _claim_transaction(engine, claim_id) as conn:
        before = _effective(conn, claim_id)
        existing = _correction(conn, claim_id) or {}
        row: dict[str, Any] = {k: existing.get(k) for k in CORRECTABLE}
        row.update({k: v for k, v in fields.items() if k not in _NUMERIC})
        if any(k in fields for k in _NUMERIC):
            for k in _NUMERIC:
                row[k] = fields.get(k)
            if "qualifier" not in fields:
                if row["low"] is not None and row["high"] is not None and row["value"] is None:
                    row["qualifier"] = "range"
                elif before.get("qualifier") == "range" and row["value"] is not None:
                    row["qualifier"] = "exact"
        row["state"] = "corrected"
        _upsert_correction(conn, claim_id, row, reviewer)
        after = _effective(conn, claim_id)
        result = _log(conn, reviewer, "correct", "claim", claim_id, before, after, note, fields=fields)
        return result


def set_promise_status(
    engine: Engine,
    claim_id: str,
    status: str,
    note: str | None = None,
    *,
    reviewer: str,
) -> ReviewResult:
    """Set a target's promise status by hand; it wins over the promise checker's status."""
    reviewer, note = _who(reviewer), _note(note)
    if status not in PROMISE_STATUSES:
        raise LedgerError("E030", f"promise status must be one of {', '.join(PROMISE_STATUSES)}")
    with _claim_transaction(engine, claim_id) as conn:
        claim = _effective(conn, claim_id)
        if claim["kind"] != "target":
            raise LedgerError("E030", f"claim {claim_id} is a {claim['kind']}, not a target")
        before = {"status": promise_status(conn, claim_id), "source": _status_source(conn, claim_id)}
        values = {"status": status, "note": note, "reviewer": reviewer, "at": now()}
        exists = conn.execute(
            select(promise_overrides.c.claim_id).where(promise_overrides.c.claim_id == claim_id)
        ).first()
        if exists:
            conn.execute(
                update(promise_overrides).where(promise_overrides.c.claim_id == claim_id).values(values)
            )
        else:
            conn.execute(insert(promise_overrides).values(claim_id=claim_id, **values))
        after = {"status": status, "source": "reviewer"}
        return _log(conn, reviewer, "set_promise_status", "promise", claim_id, before, after, note)


def merge_indicators(
    engine: Engine, indicator_ids: list[int], *, reviewer: str, note: str | None = None
) -> int:
    """Merge indicators into the first one given (delegates to ``claimledger.link``, which
    records the override and the audit event and re-links).  Returns the surviving id."""
    from claimledger import link  # the checks engineer's module; imported when needed

    ids = list(dict.fromkeys(indicator_ids))  # the linker keeps the first one given
    if len(ids) < 2:
        raise LedgerError("E030", "merging needs at least two different indicators")
    result: int = link.merge_indicators(engine, ids, _who(reviewer), _note(note))
    return result


def split_indicator(
    engine: Engine, indicator_id: int, claim_ids: list[str], *, reviewer: str, note: str | None = None
) -> int:
    """Move ``claim_ids`` out of an indicator into a new one (delegates to
    ``claimledger.link``).  Returns the new indicator's id."""
    from claimledger import link

    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        raise LedgerError("E030", "splitting needs at least one claim to move")
    result: int = link.split_indicator(engine, indicator_id, ids, _who(reviewer), _note(note))
    return result


def promise_status(conn: Connection, claim_id: str) -> str:
    """The status a target has now: the reviewer's if set, else the promise checker's,
    else ``unverified`` (no evidence yet; a status is never guessed)."""
    row = conn.execute(
        select(promise_overrides.c.status).where(promise_overrides.c.claim_id == claim_id)
    ).first()
    if row:
        return str(row[0])
    machine = machine_promise_status(conn, claim_id)
    return machine or "unverified"


def machine_promise_status(conn: Connection, claim_id: str) -> str | None:
    """The promise checker's status for a target claim, if it produced one."""
    # Two steps on purpose: joined in one query, SQLite starts from the index on
    # findings.type and visits every promise finding (there is no index on
    # finding_claims.claim_id); the claim's own links first is ~6x faster on a big ledger.
    roles = dict(
        conn.execute(
            select(finding_claims.c.finding_id, finding_claims.c.role).where(
                finding_claims.c.claim_id == claim_id
            )
        ).all()
    )
    if not roles:
        return None
    rows = [
        (details, roles[fid])
        for fid, details in conn.execute(
            select(findings.c.id, findings.c.details).where(
                findings.c.id.in_(list(roles)), findings.c.type == "promise"
            )
        )
    ]
    # Prefer the finding in which this claim is the target, not merely evidence.
    for details, role in sorted(rows, key=lambda r: r[1] != "target"):
        status = json_object(details).get("status")
        if isinstance(status, str) and (role == "target" or len(rows) == 1):
            return status
    return None


def _status_source(conn: Connection, claim_id: str) -> str:
    row = conn.execute(
        select(promise_overrides.c.claim_id).where(promise_overrides.c.claim_id == claim_id)
    ).first()
    if row:
        return "reviewer"
    return "checker" if machine_promise_status(conn, claim_id) else "none"


@contextmanager
def _claim_transaction(engine: Engine, claim_id: str) -> Iterator[Connection]:
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


def _effective(conn: Connection, claim_id: str) -> dict[str, Any]:
    cols = ", ".join(_SNAPSHOT_COLS)
    row = (
        conn.execute(text(f"SELECT {cols} FROM {EFFECTIVE_VIEW} WHERE id = :id"), {"id": claim_id})
        .mappings()
        .first()
    )
    if row is None:
        raise LedgerError("E022", f"no claim with id {claim_id!r}")
    return dict(row)


def _correction(conn: Connection, claim_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(corrections).where(corrections.c.claim_id == claim_id)).mappings().first()
    return dict(row) if row else None


def _upsert_correction(conn: Connection, claim_id: str, values: Mapping[str, Any], reviewer: str) -> None:
    data = {**values, "reviewer": reviewer, "updated_at": now()}
    if _correction(conn, claim_id) is None:
        conn.execute(insert(corrections).values(claim_id=claim_id, **data))
    else:
        conn.execute(update(corrections).where(corrections.c.claim_id == claim_id).values(data))


def _log(
    conn: Connection,
    reviewer: str,
    action: str,
    target_type: str,
    target_id: str,
    before: dict[str, Any],
    after: dict[str, Any],
    note: str | None,
    *,
    fields: dict[str, Any] | None = None,
) -> ReviewResult:
    payload: dict[str, Any] = {"before": before, "after": after}
    if fields is not None:
        payload["fields"] = fields
    res = conn.execute(
        insert(review_events).values(
            at=now(),
            reviewer=reviewer,
            action=action,
            target_type=target_type,
            target_id=target_id,
            payload=json.dumps(payload, sort_keys=True),
            note=note,
        )
    )
    pk = res.inserted_primary_key
    event_id = int(pk[0]) if pk is not None else 0
    return ReviewResult(event_id, action, target_type, target_id, before, after)


def _validate_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Drop ``None``s, check each given field, and return the clean values (E030 if bad)."""
    out: dict[str, Any] = {}
    for key, val in raw.items():
        if val is None:
            continue
        if key in _NUMERIC:
            try:
                num = float(val)
            except (TypeError, ValueError):
                raise LedgerError("E030", f"{key} must be a number, got {val!r}") from None
            if not math.isfinite(num):
                raise LedgerError("E030", f"{key} must be a finite number")
            out[key] = num
            continue
        sval = str(val).strip()
        if key == "kind" and sval not in KINDS:
            raise LedgerError("E030", f"kind must be one of {', '.join(KINDS)}")
        if key == "qualifier" and sval not in QUALIFIERS:
            raise LedgerError("E030", f"qualifier must be one of {', '.join(QUALIFIERS)}")
        if key == "period" and not _PERIOD_RE.match(sval):
            raise LedgerError("E030", "period must look like 2024, 2024-09, 2024-09-01 or 2026/2028")
        if key == "subject" and not 0 < len(sval) <= MAX_SUBJECT:
            raise LedgerError("E030", f"subject must be 1-{MAX_SUBJECT} characters")
        if key == "unit" and not 0 < len(sval) <= MAX_UNIT:
            raise LedgerError("E030", f"unit must be 1-{MAX_UNIT} characters")
        out[key] = sval
    low, high = out.get("low"), out.get("high")
    if low is not None and high is not None and low > high:
        raise LedgerError("E030", "low must not be greater than high")
    return out


def _who(reviewer: str) -> str:
    name = (reviewer or "").strip()
    if not name or len(name) > MAX_REVIEWER:
        raise LedgerError("E030", f"reviewer name must be 1-{MAX_REVIEWER} characters")
    return name


def _note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    if len(note) > MAX_NOTE:
        raise LedgerError("E030", f"note must be at most {MAX_NOTE} characters")
    return note.strip()


def json_object(raw: Any) -> dict[str, Any]:
    """A JSON object column (``details``, ``payload``) as a dict: text is decoded, a value the
    driver already decoded (PostgreSQL) is taken as it is; ``{}`` for anything else."""
    try:
        val = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return {}
    return val if isinstance(val, dict) else {}
