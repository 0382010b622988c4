"""Read queries that join several parts of the ledger: one claim with all its links, the
indicators, the findings, the promise board and the overview.

Reads: the same tables as ``_queries`` (whose helpers and claim shape it reuses).
Writes nothing.  Every query is SQLAlchemy Core with bound parameters.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import and_, func, literal_column, select, text, union_all
from sqlalchemy.engine import Connection, Engine, RowMapping

from claimledger.ledger.schema import (
    claims as claims_t,
)
from claimledger.ledger.schema import (
    corrections,
    documents,
    finding_claims,
    findings,
    indicator_claims,
    indicators,
    promise_overrides,
    review_events,
)
from claimledger.models import KINDS
from claimledger.review import PROMISE_STATUSES, machine_promise_status
from claimledger.web._queries import (
    _DOC_COLS,
    BOARD_LIMIT,
    BOARD_ORDER,
    DEFAULT_PER_PAGE,
    MACHINE_FIELDS,
    _chunks,
    _claim_counts,
    _claim_select,
    _doc_dict,
    _finding_refs,
    _findings_by_ids,
    audit_log,
    ce,
    claim_dict,
    event_dict,
    finding_counts,
    like_pattern,
    page_info,
)


def get_claim(engine: Engine, claim_id: str) -> dict[str, Any] | None:
    """A claim with everything the claim page shows: machine values, indicator links,
    findings, promise status and the audit log."""
    with engine.connect() as conn:
        row = conn.execute(_claim_select().where(ce.c.id == claim_id)).mappings().first()
        if row is None:
            return None
        claim = claim_dict(row)
        machine = (
            conn.execute(
                text(f"SELECT {', '.join(MACHINE_FIELDS)} FROM claims WHERE id = :id"),
                {"id": claim_id},
            )
            .mappings()
            .first()
        )
        links = (
            conn.execute(
                select(
                    indicators.c.id, indicators.c.name, indicators.c.dimension, indicator_claims.c.explanation
                )
                .join(indicator_claims, indicator_claims.c.indicator_id == indicators.c.id)
                .where(indicator_claims.c.claim_id == claim_id)
            )
            .mappings()
            .all()
        )
        f_ids = [
            r[0]
            for r in conn.execute(
                select(finding_claims.c.finding_id).where(finding_claims.c.claim_id == claim_id)
            )
        ]
        found = _findings_by_ids(conn, f_ids)
        promise = _promise_detail(conn, claim_id) if claim["kind"] == "target" else None
        ind_ids = [str(r["id"]) for r in links]
        audit = audit_log(
            conn, [("claim", claim_id), ("promise", claim_id)] + [("indicator", i) for i in ind_ids]
        )
    return {
        "claim": claim,
        "machine": dict(machine) if machine else {},
        "indicators": [
            {
                "id": r["id"],
                "name": r["name"],
                "dimension": r["dimension"],
                "explanation": r["explanation"],
                "href": f"/indicators/{r['id']}",
            }
            for r in links
        ],
        "findings": found,
        "promise": promise,
        "audit": audit,
    }


# --- indicators ---------------------------------------------------------------------------


def list_indicators(
    engine: Engine, *, q: str | None = None, page: int = 1, per_page: int = DEFAULT_PER_PAGE
) -> dict[str, Any]:
    """Indicators with their claim counts and period span, largest first.  Counts come
    from the covering index on ``indicator_claims``; period spans only for the page."""
    n = func.count().label("n")
    with engine.connect() as conn:
        counts = select(indicator_claims.c.indicator_id.label("iid"), n).group_by(
            indicator_claims.c.indicator_id
        )
        sub = counts.subquery("counts")
        base = select(indicators.c.id, func.coalesce(sub.c.n, 0).label("n")).select_from(
            indicators.outerjoin(sub, sub.c.iid == indicators.c.id)
        )
        if q and q.strip():
            # ILIKE: case-insensitive on PostgreSQL too (SQLite's LIKE already is, for ASCII)
            base = base.where(indicators.c.name.ilike(like_pattern(q.strip()), escape="\\"))
        ranked = base.subquery("ranked")
        total = conn.execute(select(func.count()).select_from(ranked)).scalar_one()
        rows = (
            conn.execute(
                select(indicators, ranked.c.n)
                .join(ranked, ranked.c.id == indicators.c.id)
                .order_by(ranked.c.n.desc(), indicators.c.name, indicators.c.id)
                .limit(per_page)
                .offset((page - 1) * per_page)
            )
            .mappings()
            .all()
        )
        spans: dict[int, tuple[str | None, str | None]] = {}
        ids = [r["id"] for r in rows]
        if ids:
            for iid, first, last in conn.execute(
                select(indicator_claims.c.indicator_id, func.min(ce.c.period), func.max(ce.c.period))
                .join(ce, ce.c.id == indicator_claims.c.claim_id)
                .where(indicator_claims.c.indicator_id.in_(ids))
                .group_by(indicator_claims.c.indicator_id)
            ):
                spans[int(iid)] = (first, last)
    return {
        "indicators": [_indicator_dict(r, r["n"], *spans.get(r["id"], (None, None))) for r in rows],
        "pagination": page_info(page, per_page, total),
        "q": q,
    }


def _indicator_dict(r: RowMapping, n: int, first: str | None, last: str | None) -> dict[str, Any]:
    return {
        "id": r["id"],
        "key": r["key"],
        "name": r["name"],
        "dimension": r["dimension"],
        "claims": n,
        "first_period": first,
        "last_period": last,
        "href": f"/indicators/{r['id']}",
    }


def get_indicator(engine: Engine, indicator_id: int) -> dict[str, Any] | None:
    """An indicator with its claims in period order, their findings and its audit log."""
    with engine.connect() as conn:
        row = conn.execute(select(indicators).where(indicators.c.id == indicator_id)).mappings().first()
        if row is None:
            return None
        rows = (
            conn.execute(
                _claim_select()
                .add_columns(indicator_claims.c.explanation)
                .join(indicator_claims, indicator_claims.c.claim_id == ce.c.id)
                .where(indicator_claims.c.indicator_id == indicator_id)
                .order_by(ce.c.period, documents.c.published, ce.c.seq, ce.c.id)
            )
            .mappings()
            .all()
        )
        claims = []
        for r in rows:
            c = claim_dict(r)
            c["explanation"] = r["explanation"]
            claims.append(c)
        ids = [c["id"] for c in claims]
        f_ids = sorted({fid for refs in _finding_refs(conn, ids).values() for fid in (f["id"] for f in refs)})
        found = _findings_by_ids(conn, f_ids)
        audit = audit_log(conn, [("indicator", str(indicator_id))])
    periods = [c["period"] for c in claims if c["period"]]
    ind = _indicator_dict(row, len(claims), min(periods, default=None), max(periods, default=None))
    return {"indicator": ind, "claims": claims, "findings": found, "audit": audit}


# --- findings -----------------------------------------------------------------------------


def list_findings(
    engine: Engine,
    *,
    type: str | None = None,
    severity: str | None = None,
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
) -> dict[str, Any]:
    """Findings, most severe first, each with the claims it rests on."""
    sev_rank = text("CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END")
    with engine.connect() as conn:
        conds = []
        if type:
            conds.append(findings.c.type == type)
        if severity:
            conds.append(findings.c.severity == severity)
        where = and_(True, *conds)
        total = conn.execute(select(func.count()).select_from(findings).where(where)).scalar_one()
        ids = [
            r[0]
            for r in conn.execute(
                select(findings.c.id)
                .where(where)
                .order_by(sev_rank, findings.c.type, findings.c.id)
                .limit(per_page)
                .offset((page - 1) * per_page)
            )
        ]
        found = _findings_by_ids(conn, ids)
        counts = finding_counts(conn)
    return {
        "findings": found,
        "pagination": page_info(page, per_page, total),
        "filters": {"type": type, "severity": severity},
        "counts": counts,
    }


# --- promises -----------------------------------------------------------------------------


def _status_expr(conn: Connection) -> Any:
    """The ``status`` field of a finding's JSON details, in this database's dialect."""
    if conn.dialect.name == "sqlite":
        return func.json_extract(findings.c.details, "$.status")
    return literal_column("(CAST(findings.details AS json) ->> 'status')")


def promise_targets(conn: Connection) -> list[tuple[str, str | None, str, str]]:
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
    return _promise_targets_py(conn)


#: Every live target with its promise status (SQLite), the same rules as
#: ``_promise_targets_py``: the reviewer's status wins, then the checker's if it is a
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


def _promise_targets_py(conn: Connection) -> list[tuple[str, str | None, str, str]]:
    """``promise_targets`` for databases without SQLite's JSON functions."""
    reviewed = select(corrections.c.claim_id)
    targets = union_all(
        select(claims_t.c.id, claims_t.c.period).where(
            claims_t.c.kind == "target", claims_t.c.id.not_in(reviewed)
        ),
        select(ce.c.id, ce.c.period).where(
            ce.c.kind == "target", ce.c.review_state != "rejected", ce.c.id.in_(reviewed)
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


def promise_board(
    engine: Engine,
    *,
    status: str | None = None,
    page: int = 1,
    per_page: int = BOARD_LIMIT,
    targets: list[tuple[str, str | None, str, str]] | None = None,
) -> dict[str, Any]:
    """Targets grouped by status, each with its deadline, note and evidence, soonest
    deadline first.  With ``status`` the board is one paginated column.  ``targets`` is
    ``promise_targets``' answer when the caller has it cached."""
    with engine.connect() as conn:
        targets = promise_targets(conn) if targets is None else targets
        groups: dict[str, list[tuple[str, str | None, str, str]]] = {}
        for t in targets:
            groups.setdefault(t[2], []).append(t)
        order = [s for s in BOARD_ORDER if s in groups] + sorted(set(groups) - set(BOARD_ORDER))
        if status:
            order = [status]
        wanted = {st: groups.get(st, [])[(page - 1) * per_page : page * per_page] for st in order}
        all_ids = [t[0] for ts in wanted.values() for t in ts]
        rows_by_id: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(all_ids):
            for r in conn.execute(_claim_select().where(ce.c.id.in_(chunk))).mappings():
                rows_by_id[r["id"]] = claim_dict(r)
        evidence = _promise_evidence(conn, all_ids)
        notes = _override_notes(conn, all_ids)
    columns = []
    for st in order:
        items = []
        for cid, _period, _st, source in wanted[st]:
            if cid not in rows_by_id:
                continue
            items.append({
                "claim": rows_by_id[cid], "status": st, "status_source": source,
                "deadline": rows_by_id[cid]["period"], "note": notes.get(cid, {}).get("note"),
                "reviewer": notes.get(cid, {}).get("reviewer"), "evidence": evidence.get(cid, []),
            })  # fmt: skip
        count = len(groups.get(st, []))
        columns.append(
            {"status": st, "count": count, "items": items, "pagination": page_info(page, per_page, count)}
        )
    counts = Counter(t[2] for t in targets)
    return {"statuses": columns, "counts": dict(counts), "total": len(targets), "status": status,
            "known_statuses": list(PROMISE_STATUSES)}  # fmt: skip


def _promise_evidence(conn: Connection, target_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """For each target, the other claims of its promise findings (the evidence)."""
    out: dict[str, list[dict[str, Any]]] = {}
    if not target_ids:
        return out
    # Step by step (see review.machine_promise_status): the targets' own finding links,
    # then which of those findings are promises, then the other claims of those findings.
    links: list[tuple[str, str]] = []
    for chunk in _chunks(target_ids):
        links.extend(
            (str(cid), str(fid))
            for cid, fid in conn.execute(
                select(finding_claims.c.claim_id, finding_claims.c.finding_id).where(
                    finding_claims.c.claim_id.in_(chunk)
                )
            )
        )
    promise_ids: set[str] = set()
    for chunk in _chunks(sorted({fid for _, fid in links})):
        promise_ids |= {
            r[0]
            for r in conn.execute(
                select(findings.c.id).where(findings.c.id.in_(chunk), findings.c.type == "promise")
            )
        }
    members: dict[str, list[tuple[str, str]]] = {}
    for chunk in _chunks(sorted(promise_ids)):
        for fid, cid, role in conn.execute(
            select(finding_claims.c.finding_id, finding_claims.c.claim_id, finding_claims.c.role).where(
                finding_claims.c.finding_id.in_(chunk)
            )
        ):
            members.setdefault(fid, []).append((cid, role))
    pairs = [
        (a, b, role) for a, fid in links if fid in promise_ids for b, role in members.get(fid, []) if b != a
    ]
    ev_ids = sorted({b for _, b, _ in pairs})
    claims: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(ev_ids):
        for r in conn.execute(_claim_select().where(ce.c.id.in_(chunk))).mappings():
            claims[r["id"]] = claim_dict(r)
    for a, b, role in pairs:
        if b in claims and role != "target":
            c = claims[b]
            out.setdefault(a, []).append(
                {
                    "id": b,
                    "role": role,
                    "quote": c["sentence"]["text"],
                    "document_title": c["document_title"],
                    "published": c["published"],
                    "href": c["href"],
                }
            )
    return out


def _override_notes(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        rows = conn.execute(select(promise_overrides).where(promise_overrides.c.claim_id.in_(chunk)))
        for r in rows.mappings():
            out[r["claim_id"]] = dict(r)
    return out


def _promise_detail(conn: Connection, claim_id: str) -> dict[str, Any]:
    override = _override_notes(conn, [claim_id]).get(claim_id)
    machine = machine_promise_status(conn, claim_id)
    status = override["status"] if override else machine or "unverified"
    return {
        "status": status,
        "source": "reviewer" if override else "checker" if machine else "none",
        "machine_status": machine,
        "note": override["note"] if override else None,
        "reviewer": override["reviewer"] if override else None,
        "at": override["at"] if override else None,
        "evidence": _promise_evidence(conn, [claim_id]).get(claim_id, []),
    }


# --- overview -----------------------------------------------------------------------------


def overview(engine: Engine, targets: list[tuple[str, str | None, str, str]] | None = None) -> dict[str, Any]:
    """The numbers on the front page.  Counts come from ``claims`` and its indexes, then
    the few reviewed claims are moved to their effective kind and review state."""
    with engine.connect() as conn:
        n_docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        by_kind: Counter[str] = Counter(
            dict(conn.execute(select(claims_t.c.kind, func.count()).group_by(claims_t.c.kind)).all())
        )
        by_state: Counter[str] = Counter()
        for machine_kind, kind, st in conn.execute(
            select(claims_t.c.kind, ce.c.kind, ce.c.review_state)
            .join(ce, ce.c.id == claims_t.c.id)
            .where(claims_t.c.id.in_(select(corrections.c.claim_id)))
        ):
            by_kind[machine_kind] -= 1
            by_kind[kind] += 1
            by_state[st] += 1
        total = sum(by_kind.values())
        by_state["machine"] = total - sum(by_state.values())
        n_ind = conn.execute(select(func.count()).select_from(indicators)).scalar_one()
        fcounts = finding_counts(conn)
        statuses = promise_status_counts(conn) if targets is None else Counter(t[2] for t in targets)
        promises = Counter(statuses)
        recent = conn.execute(select(*_DOC_COLS).order_by(documents.c.id.desc()).limit(5)).mappings().all()
        counts = _claim_counts(conn, [r["id"] for r in recent])
        events = [event_dict(r) for r in conn.execute(
            select(review_events).order_by(review_events.c.id.desc()).limit(8)).mappings()]  # fmt: skip
    return {
        "documents": n_docs,
        "claims": total,
        "claims_by_kind": {
            k: by_kind.get(k, 0) for k in (*KINDS, *sorted(k for k in by_kind if k not in KINDS))
        },
        "claims_by_review_state": {s: n for s, n in by_state.items() if n},
        "indicators": n_ind,
        "findings": fcounts,
        "promises_by_status": {s: promises[s] for s in BOARD_ORDER if promises.get(s)}
        | {s: n for s, n in promises.items() if s not in BOARD_ORDER},
        "recent_documents": [_doc_dict(r, counts.get(r["id"], 0)) for r in recent],
        "recent_reviews": events,
    }
