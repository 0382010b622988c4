"""Summary counts kept current by the writes (migration 0015): what the overview, the
dashboard and the CLI count, read from one small table instead of counted over ``claims``.

Reads and writes ``ledger_summary`` (part, key, n).  The parts:

- ``documents`` (key ``""``): stored documents;
- ``kind`` and ``state``: claims by effective kind and by review state (rejected claims
  included, as the overview counts them);
- ``promise``: live targets (effective kind ``target``, not rejected) by promise status:
  the reviewer's, else the promise checker's, else ``unverified`` (``ledger._promises``);
- ``finding_type``, ``finding_severity``: stored findings;
- ``indicators`` (key ``""``): stored indicators;
- ``indicator``: claims per indicator (the key is the indicator's id), for the indicator
  list (largest first) without counting ``indicator_claims`` on every request;
- ``period``: claims by their machine period (``claims.period``; none for no period), so
  a period filter finds the stored periods that share time with it in a few hundred
  summary rows instead of a walk through the period index;
- ``unit`` and ``kind_unit`` (migration 0016): claims by each value a unit filter matches
  (the effective unit and the counted noun, once when they are equal), alone and with
  the effective kind (key ``kind|value``), so the claims table's total for a unit filter,
  with or without a kind, is one summary row instead of a count over ``claims``;
- ``indicator_period`` (migration 0017): claims per indicator and effective period (key
  ``indicator id|period``), stored in its own table ``indicator_periods`` (indicator_id,
  period, n) so the indicator list reads a page's period spans (the least and greatest
  period with ``n > 0``) through its primary key instead of every member claim.

Beside the counts, ``promise_status`` (migration 0016) holds every live target's promise
status row by row (status, source, deadline), kept by the same writes, so the promise board
reads one page of one column through its index instead of computing every target's status
per request.

Every write path of the ledger updates them in its own transaction:

- storing documents (``_store.insert_document``, the COPY batch of ``_batch``) adds the
  new documents and their claims (``add_new``: new claims have no correction, reviewer
  status or finding yet, so no read is needed);
- a review (``upsert_correction``, ``set_promise_override``) and re-extraction
  (``replace_claims``) read the touched claims' contribution before and after the write
  and add the difference (``track``), a few rows each;
- a check run (``store_findings``) and a re-link (``replace_indicators``) recount their
  parts from their own tables (``refresh``): findings and indicators (a re-link also the
  indicator periods, over ``indicator_claims`` and the claims' periods); a check run also
  recomputes ``promise_status`` (the checker's statuses changed).

Increments are written as one upsert per (part, key), in sorted order at the end of the
transaction, so concurrent PostgreSQL writers (the COPY workers) hold a summary row only
from that statement to their commit and always lock rows in the same order (no deadlock).

``counted`` is the same numbers counted the slow way, over the tables; ``check_summaries``
compares the two, and ``promise_status`` with ``promise_targets`` (``claimledger doctor``),
and ``rebuild_summaries`` replaces the stored ones with the counted ones (migrations 0015
and 0016 run it once).
"""

from __future__ import annotations

import json
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, inspect, literal_column, select, text
from sqlalchemy.engine import Connection, Engine

from claimledger.ledger._promises import PromiseTarget, promise_status_counts, promise_targets
from claimledger.ledger.queries import chunks, effective
from claimledger.ledger.schema import claims as claims_t
from claimledger.ledger.schema import (
    corrections,
    documents,
    finding_claims,
    findings,
    indicator_claims,
    indicator_periods,
    indicators,
    ledger_summary,
    promise_overrides,
    promise_status,
)

__all__ = [
    "PARTS",
    "SummaryCounts",
    "add_new",
    "check_summaries",
    "counted",
    "rebuild_summaries",
    "refresh",
    "summary_counts",
    "track",
]

#: Every part of the summary, in the order ``doctor`` reports them.
PARTS: tuple[str, ...] = (
    "documents",
    "kind",
    "state",
    "promise",
    "finding_type",
    "finding_severity",
    "indicators",
    "indicator",
    "period",
    "unit",
    "kind_unit",
    "indicator_period",
)

#: The parts migration 0016 added (with ``promise_status``).
_PARTS_0016 = ("unit", "kind_unit")
#: The part migration 0017 added, stored in ``indicator_periods``, not ``ledger_summary``.
_PERIODS = "indicator_period"

#: (part, key) -> count.
Counts = Counter[tuple[str, str]]

_UPSERT = text(
    "INSERT INTO ledger_summary (part, key, n) VALUES (:part, :key, :n) "
    "ON CONFLICT (part, key) DO UPDATE SET n = ledger_summary.n + excluded.n"
)


@dataclass(frozen=True, slots=True)
class SummaryCounts:
    """The stored summary, part by part (zero counts left out)."""

    documents: int
    by_kind: dict[str, int]
    by_state: dict[str, int]
    promise_statuses: dict[str, int]
    findings_by_type: dict[str, int]
    findings_by_severity: dict[str, int]
    indicators: int

    @property
    def claims(self) -> int:
        return sum(self.by_kind.values())


_UPSERT_PERIODS = text(
    "INSERT INTO indicator_periods (indicator_id, period, n) VALUES (:i, :p, :n) "
    "ON CONFLICT (indicator_id, period) DO UPDATE SET n = indicator_periods.n + excluded.n"
)


def _period_key(indicator_id: object, period: object) -> tuple[str, str]:
    return _PERIODS, f"{indicator_id}|{period}"


def _apply(conn: Connection, delta: Counts) -> None:
    """Add ``delta`` to the stored counts: one upsert per changed (part, key), sorted (the
    indicator periods into their own table, when this ledger has it)."""
    rows = [{"part": p, "key": k, "n": n} for (p, k), n in sorted(delta.items()) if n and p != _PERIODS]
    if rows:
        conn.execute(_UPSERT, rows)
    spans = [(k.split("|", 1), n) for (p, k), n in sorted(delta.items()) if n and p == _PERIODS]
    if spans and has_indicator_periods(conn):
        conn.execute(_UPSERT_PERIODS, [{"i": int(i), "p": period, "n": n} for (i, period), n in spans])


def _unit_keys(kind: str, unit: object, noun: object) -> Iterator[tuple[str, str]]:
    """The ``unit`` and ``kind_unit`` keys a claim counts under: each distinct value a unit
    filter matches (``ledger._filter``: the unit or the counted noun)."""
    for value in {str(v) for v in (unit, noun) if v is not None}:
        yield "unit", value
        yield "kind_unit", f"{kind}|{value}"


def _status_row(cid: str, period: object, status: str, source: str) -> dict[str, Any]:
    deadline = None if period is None else str(period)
    return {
        "claim_id": cid,
        "status": status,
        "source": source,
        "deadline": deadline,
        "due": deadline or "9999",
    }


def add_new(conn: Connection, rows: Iterable[Mapping[str, Any]], documents: int) -> None:
    """Count ``documents`` new documents and the new claims ``rows`` (as inserted into
    ``claims``: no correction, reviewer status or finding can refer to them yet, so a new
    target's promise status is ``unverified``)."""
    delta: Counts = Counter()
    if documents:
        delta["documents", ""] += documents
    new_targets = []
    for row in rows:
        kind, period = str(row["kind"]), row["period"]
        delta["kind", kind] += 1
        delta["state", "machine"] += 1
        delta.update(_unit_keys(kind, row.get("unit"), row.get("noun")))
        if kind == "target":
            delta["promise", "unverified"] += 1
            new_targets.append(_status_row(str(row["id"]), period, "unverified", "none"))
        if period is not None:
            delta["period", str(period)] += 1
    _apply(conn, delta)
    if new_targets and has_promise_status(conn):
        _put_statuses(conn, sorted(new_targets, key=lambda r: r["claim_id"]))


def _rowid_order(conn: Connection) -> Any:
    """The order in which promise findings are read; the last one read wins, as in
    ``promise_targets`` (SQLite: the highest rowid)."""
    return literal_column("findings.rowid") if conn.dialect.name == "sqlite" else findings.c.id


def _contribution(conn: Connection, ids: Sequence[str]) -> tuple[Counts, list[PromiseTarget]]:
    """What the claims ``ids`` (those that exist) add to the kind, state, unit and promise
    parts, and their rows of ``promise_status`` (the live targets among them)."""
    out: Counts = Counter()
    targets: list[str] = []
    deadlines: dict[str, str | None] = {}
    for part in chunks(sorted(set(ids))):
        machine_periods = select(claims_t.c.period).where(
            claims_t.c.id.in_(part), claims_t.c.period.is_not(None)
        )
        out.update(("period", str(p)) for (p,) in conn.execute(machine_periods))
        members = (
            select(indicator_claims.c.indicator_id, effective.c.period)
            .join(effective, effective.c.id == indicator_claims.c.claim_id)
            .where(indicator_claims.c.claim_id.in_(part))
        )
        for i, p in conn.execute(members):
            out["indicator", str(i)] += 1
            if p is not None:
                out[_period_key(i, p)] += 1
        e = effective.c
        stmt = select(e.id, e.kind, e.review_state, e.unit, e.noun, e.period).where(e.id.in_(part))
        for cid, kind, state, unit, noun, period in conn.execute(stmt):
            out["kind", str(kind)] += 1
            out["state", str(state)] += 1
            out.update(_unit_keys(str(kind), unit, noun))
            if kind == "target" and state != "rejected":
                targets.append(str(cid))
                deadlines[str(cid)] = None if period is None else str(period)
    machine: dict[str, str | None] = {}
    reviewer: dict[str, str] = {}
    for part in chunks(targets):
        stmt = (
            select(finding_claims.c.claim_id, findings.c.details)
            .join(findings, findings.c.id == finding_claims.c.finding_id)
            .where(
                findings.c.type == "promise",
                finding_claims.c.role == "target",
                finding_claims.c.claim_id.in_(part),
            )
            .order_by(_rowid_order(conn))
        )
        for row in conn.execute(stmt):
            machine[str(row[0])] = _status(row[1])
        stmt2 = select(promise_overrides.c.claim_id, promise_overrides.c.status).where(
            promise_overrides.c.claim_id.in_(part)
        )
        reviewer.update({str(c): str(s) for c, s in conn.execute(stmt2)})
    rows: list[PromiseTarget] = []
    for cid in targets:
        if cid in reviewer:
            status, source = reviewer[cid], "reviewer"
        elif machine.get(cid):
            status, source = str(machine[cid]), "checker"
        else:
            status, source = "unverified", "none"
        out["promise", status] += 1
        rows.append((cid, deadlines[cid], status, source))
    return out, rows


def _put_statuses(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Write promise status rows, replacing any a concurrent writer stored for the same claim
    meanwhile (two re-checks of one claim on PostgreSQL both delete, then both insert)."""
    dialect = conn.dialect.name
    if dialect not in ("postgresql", "sqlite"):
        conn.execute(insert(promise_status), rows)
        return
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        pg = pg_insert(promise_status)
        set_pg = {c: pg.excluded[c] for c in ("status", "source", "deadline", "due")}
        conn.execute(pg.on_conflict_do_update(index_elements=["claim_id"], set_=set_pg), rows)
        return
    from sqlalchemy.dialects.sqlite import insert as lite_insert

    lite = lite_insert(promise_status)
    set_lite = {c: lite.excluded[c] for c in ("status", "source", "deadline", "due")}
    conn.execute(lite.on_conflict_do_update(index_elements=["claim_id"], set_=set_lite), rows)


def _status(details: object) -> str | None:
    """The ``status`` of a promise finding's JSON details, if it is a string."""
    try:
        value = json.loads(details) if isinstance(details, str) else details
    except ValueError:
        return None
    status = value.get("status") if isinstance(value, dict) else None
    return status if isinstance(status, str) else None


@contextmanager
def track(conn: Connection, ids: Iterable[str]) -> Iterator[None]:
    """Keep the summary exact across a write that may change, insert or delete the claims
    ``ids``: their contribution is read before and after it, and the difference added."""
    touched = sorted(set(ids))
    before, _ = _contribution(conn, touched)
    yield
    after, rows = _contribution(conn, touched)
    delta: Counts = Counter()
    for key in set(before) | set(after):
        delta[key] = after[key] - before[key]
    _apply(conn, delta)
    if has_promise_status(conn):
        for part in chunks(touched):
            conn.execute(delete(promise_status).where(promise_status.c.claim_id.in_(part)))
        if rows:
            _put_statuses(conn, [_status_row(*r) for r in rows])


def _count_findings(conn: Connection) -> Counts:
    out: Counts = Counter()
    for t, sev, n in conn.execute(
        select(findings.c.type, findings.c.severity, func.count()).group_by(
            findings.c.type, findings.c.severity
        )
    ):
        out["finding_type", str(t)] += int(n)
        out["finding_severity", str(sev)] += int(n)
    return out


def _count_indicators(conn: Connection) -> Counts:
    return Counter(
        {("indicators", ""): int(conn.execute(select(func.count()).select_from(indicators)).scalar_one())}
    )


def _count_promises(conn: Connection) -> Counts:
    return Counter({("promise", s): n for s, n in promise_status_counts(conn).items()})


def _count_claims(conn: Connection) -> Counts:
    """Claims by effective kind and review state: ``claims`` through its kind index, then
    the few reviewed claims moved to their effective kind and state."""
    out: Counts = Counter()
    for kind, n in conn.execute(select(claims_t.c.kind, func.count()).group_by(claims_t.c.kind)):
        out["kind", str(kind)] += int(n)
    reviewed = 0
    for machine_kind, kind, state in conn.execute(
        select(claims_t.c.kind, effective.c.kind, effective.c.review_state)
        .join(effective, effective.c.id == claims_t.c.id)
        .where(claims_t.c.id.in_(select(corrections.c.claim_id)))
    ):
        out["kind", str(machine_kind)] -= 1
        out["kind", str(kind)] += 1
        out["state", str(state)] += 1
        reviewed += 1
    out["state", "machine"] += sum(n for (p, _), n in out.items() if p == "kind") - reviewed
    return out


def _count_units(conn: Connection) -> Counts:
    """Claims by the values a unit filter matches, alone and with the effective kind:
    ``claims`` grouped by its machine values, then the few reviewed claims moved to their
    effective kind and unit (the noun is never corrected)."""
    out: Counts = Counter()
    c = claims_t.c
    for kind, unit, noun, n in conn.execute(
        select(c.kind, c.unit, c.noun, func.count())
        .where(c.unit.is_not(None) | c.noun.is_not(None))
        .group_by(c.kind, c.unit, c.noun)
    ):
        for key in _unit_keys(str(kind), unit, noun):
            out[key] += int(n)
    e = effective.c
    for machine_kind, machine_unit, kind, unit, noun in conn.execute(
        select(c.kind, c.unit, e.kind, e.unit, e.noun)
        .join(effective, e.id == c.id)
        .where(c.id.in_(select(corrections.c.claim_id)))
    ):
        out.subtract(_unit_keys(str(machine_kind), machine_unit, noun))
        out.update(_unit_keys(str(kind), unit, noun))
    return out


def _count_indicator_periods(conn: Connection) -> Counts:
    """Claims per indicator and effective period: ``indicator_claims`` with the machine
    periods, then the few reviewed members moved to their effective period."""
    out: Counts = Counter()
    ic, c = indicator_claims.c, claims_t.c
    for i, p, n in conn.execute(
        select(ic.indicator_id, c.period, func.count())
        .join(claims_t, c.id == ic.claim_id)
        .where(c.period.is_not(None))
        .group_by(ic.indicator_id, c.period)
    ):
        out[_period_key(i, p)] += int(n)
    for i, machine, period in conn.execute(
        select(ic.indicator_id, c.period, effective.c.period)
        .join(claims_t, c.id == ic.claim_id)
        .join(effective, effective.c.id == ic.claim_id)
        .where(ic.claim_id.in_(select(corrections.c.claim_id)))
    ):
        if machine is not None:
            out[_period_key(i, machine)] -= 1
        if period is not None:
            out[_period_key(i, period)] += 1
    return out


def counted(conn: Connection, parts: Iterable[str] = PARTS) -> Counts:
    """The summary's numbers counted over the tables (the slow way), for ``parts``."""
    wanted = set(parts)
    out: Counts = Counter()
    if "documents" in wanted:
        out["documents", ""] = int(conn.execute(select(func.count()).select_from(documents)).scalar_one())
    if wanted & {"kind", "state"}:
        out.update(_count_claims(conn))
    if "promise" in wanted:
        out.update(_count_promises(conn))
    if wanted & {"finding_type", "finding_severity"}:
        out.update(_count_findings(conn))
    if "indicators" in wanted:
        out.update(_count_indicators(conn))
    if "indicator" in wanted:
        per = select(indicator_claims.c.indicator_id, func.count()).group_by(indicator_claims.c.indicator_id)
        for i, n in conn.execute(per):
            out["indicator", str(i)] += int(n)
    if wanted & {"unit", "kind_unit"}:
        out.update(_count_units(conn))
    if _PERIODS in wanted:
        out.update(_count_indicator_periods(conn))
    if "period" in wanted:
        by_period = select(claims_t.c.period, func.count()).where(claims_t.c.period.is_not(None))
        for p, n in conn.execute(by_period.group_by(claims_t.c.period)):
            out["period", str(p)] += int(n)
    return Counter({k: n for k, n in out.items() if k[0] in wanted and n})


def _stored(conn: Connection, parts: Sequence[str] | None = None) -> Counts:
    s = ledger_summary.c
    stmt = select(s.part, s.key, s.n)
    if parts is not None:
        stmt = stmt.where(s.part.in_(list(parts)))
    out = Counter({(str(p), str(k)): int(n) for p, k, n in conn.execute(stmt) if n})
    if (parts is None or _PERIODS in parts) and has_indicator_periods(conn):
        ip = indicator_periods.c
        rows = conn.execute(select(ip.indicator_id, ip.period, ip.n))
        out.update({_period_key(i, p): int(n) for i, p, n in rows if n})
    return out


#: The parts ``summary_counts`` gives (not the per-indicator, period and unit ones).
_OVERVIEW_PARTS = ("documents", "kind", "state", "promise", "finding_type", "finding_severity", "indicators")


def refresh(conn: Connection, parts: Sequence[str]) -> None:
    """Recount ``parts`` over their tables and store them (a check run's findings, a
    re-link's indicators: tables the write replaced wholesale).  With ``promise``,
    ``promise_status`` is recomputed too, and the counts are its rows'."""
    wanted = [p for p in parts if p != _PERIODS or has_indicator_periods(conn)]
    fresh = counted(conn, [p for p in wanted if p != "promise"])
    if "promise" in wanted:
        targets = promise_targets(conn)
        if has_promise_status(conn):
            conn.execute(delete(promise_status))
            if targets:
                _put_statuses(conn, [_status_row(*t) for t in targets])
        fresh.update(("promise", t[2]) for t in targets)
    conn.execute(delete(ledger_summary).where(ledger_summary.c.part.in_(wanted)))
    if _PERIODS in wanted:
        conn.execute(delete(indicator_periods))
    _apply(conn, fresh)


def rebuild_summaries(conn: Connection) -> None:
    """Replace every stored count with the counted one (in the caller's transaction)."""
    refresh(conn, PARTS)


def _status_drift(conn: Connection) -> list[str]:
    """Each live target whose ``promise_status`` row differs from its status computed over
    the tables (``promise_targets``), and each row that is not a live target's."""
    if not has_promise_status(conn):
        return []
    s = promise_status.c
    stored = {
        str(cid): (deadline, str(status), str(source))
        for cid, deadline, status, source in conn.execute(select(s.claim_id, s.deadline, s.status, s.source))
    }
    real = {cid: (deadline, status, source) for cid, deadline, status, source in promise_targets(conn)}
    return [
        f"promise_status[{cid}]: stored {stored.get(cid)}, counted {real.get(cid)}"
        for cid in sorted(set(stored) | set(real))
        if stored.get(cid) != real.get(cid)
    ]


def check_summaries(conn: Connection) -> list[str]:
    """Each (part, key) whose stored count differs from the counted one, and each target
    whose stored promise status differs (``_status_drift``); [] when exact.  A ledger
    before migration 0016 (not migrated yet) is checked on the parts it keeps."""
    kept = PARTS if has_promise_status(conn) else tuple(p for p in PARTS if p not in _PARTS_0016)
    if not has_indicator_periods(conn):
        kept = tuple(p for p in kept if p != _PERIODS)
    stored, real = _stored(conn, kept), counted(conn, kept)
    return [
        f"{p}[{k}]: stored {stored[p, k]}, counted {real[p, k]}"
        if k
        else f"{p}: stored {stored[p, k]}, counted {real[p, k]}"
        for p, k in sorted(
            set(stored) | set(real), key=lambda pk: (PARTS.index(pk[0]) if pk[0] in PARTS else 99, pk[1])
        )
        if stored[p, k] != real[p, k]
    ] + _status_drift(conn)


#: Engines whose ledger has the summary table (it is never dropped once there).
_HAVE: weakref.WeakSet[Engine] = weakref.WeakSet()


def has_summary(conn: Connection) -> bool:
    """Whether this ledger has the summary table (migration 0015; a ledger opened read-only
    is never migrated)."""
    if conn.engine in _HAVE:
        return True
    if inspect(conn).has_table(ledger_summary.name):
        _HAVE.add(conn.engine)
        return True
    return False


#: Engines whose ledger has the promise status table (migration 0016).
_HAVE_STATUS: weakref.WeakSet[Engine] = weakref.WeakSet()


def has_promise_status(conn: Connection) -> bool:
    """Whether this ledger has ``promise_status`` (migration 0016; migration 0015 runs
    before it exists, and a ledger opened read-only is never migrated)."""
    if conn.engine in _HAVE_STATUS:
        return True
    if inspect(conn).has_table(promise_status.name):
        _HAVE_STATUS.add(conn.engine)
        return True
    return False


#: Engines whose ledger has the indicator periods table (migration 0017).
_HAVE_PERIODS: weakref.WeakSet[Engine] = weakref.WeakSet()


def has_indicator_periods(conn: Connection) -> bool:
    """Whether this ledger has ``indicator_periods`` (migration 0017)."""
    if conn.engine in _HAVE_PERIODS:
        return True
    if inspect(conn).has_table(indicator_periods.name):
        _HAVE_PERIODS.add(conn.engine)
        return True
    return False


def indicator_spans(conn: Connection, ids: Sequence[int]) -> dict[int, tuple[str, str]] | None:
    """(first, last) effective period of the claims of each indicator of ``ids`` that has
    any with a period, from ``indicator_periods`` through its primary key; None when this
    ledger does not keep them (before migration 0017)."""
    if not has_indicator_periods(conn):
        return None
    ip = indicator_periods.c
    out: dict[int, tuple[str, str]] = {}
    for part in chunks(list(ids)):
        stmt = (
            select(ip.indicator_id, func.min(ip.period), func.max(ip.period))
            .where(ip.indicator_id.in_(part), ip.n > 0)
            .group_by(ip.indicator_id)
        )
        out.update({int(i): (str(a), str(b)) for i, a, b in conn.execute(stmt)})
    return out


def stored_periods(conn: Connection) -> Any:
    """A select of the distinct machine periods (column ``p``), from the summary when this
    ledger has it, else from the period index."""
    if has_summary(conn):
        s = ledger_summary
        return select(s.c.key.label("p")).where(s.c.part == "period", s.c.n > 0)
    return select(claims_t.c.period.label("p")).distinct()


def summary_value(conn: Connection, part: str, key: str | None = None) -> int | None:
    """One stored count (``key`` None: the part's sum) through the summary's primary key;
    None when this ledger's summary does not keep ``part`` (before 0015, or 0016 for
    ``unit`` and ``kind_unit``)."""
    if not has_summary(conn) or (part in _PARTS_0016 and not has_promise_status(conn)):
        return None
    s = ledger_summary.c
    where = [s.part == part] if key is None else [s.part == part, s.key == key]
    return int(conn.execute(select(func.coalesce(func.sum(s.n), 0)).where(*where)).scalar_one())


def promise_column_counts(conn: Connection) -> dict[str, int] | None:
    """Live targets by promise status (sorted by status, none of zero) from the summary,
    when this ledger keeps ``promise_status`` too; else None."""
    if not has_promise_status(conn):
        return None
    s = ledger_summary.c
    rows = conn.execute(select(s.key, s.n).where(s.part == "promise", s.n > 0))
    return dict(sorted((str(k), int(n)) for k, n in rows))  # Python's order on every database


def promise_column(conn: Connection, status: str, offset: int, limit: int) -> list[PromiseTarget]:
    """One page of the live targets with ``status`` from ``promise_status``, in the
    board's order (deadline, no deadline last, then id) through ``ix_promise_status_board``."""
    s = promise_status.c
    due: Any = s.due
    cid: Any = s.claim_id
    if conn.dialect.name == "postgresql":  # the order of Python's sort, as promise_targets_py
        due, cid = due.collate("C"), cid.collate("C")
    stmt = (
        select(s.claim_id, s.deadline, s.status, s.source)
        .where(s.status == status)
        .order_by(due, cid)
        .limit(limit)
        .offset(offset)
    )
    return [(str(c), d, str(st), str(src)) for c, d, st, src in conn.execute(stmt)]


def summary_counts(conn: Connection) -> SummaryCounts:
    """The stored summary (counted over the tables on a ledger from before 0015 opened
    read-only, which has no summary yet)."""
    got = _stored(conn, _OVERVIEW_PARTS) if has_summary(conn) else counted(conn, _OVERVIEW_PARTS)

    def part(name: str) -> dict[str, int]:
        return {k: n for (p, k), n in sorted(got.items()) if p == name}

    return SummaryCounts(
        documents=got["documents", ""],
        by_kind=part("kind"),
        by_state=part("state"),
        promise_statuses=part("promise"),
        findings_by_type=part("finding_type"),
        findings_by_severity=part("finding_severity"),
        indicators=got["indicators", ""],
    )
