"""Read queries that join several parts of the ledger: one claim with all its links, the
indicators, the findings, the promise board and the overview.

Reads: the same tables as ``_queries`` (whose helpers and claim shape it reuses).
Writes nothing.  Every query is SQLAlchemy Core with bound parameters.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import and_, func, select, text
from sqlalchemy.engine import Connection, Engine, RowMapping

from claimledger.ledger.schema import (
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
    _json_obj,
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
    """Indicators with their claim counts and period span, largest first."""
    n = func.count(indicator_claims.c.claim_id).label("n")
    with engine.connect() as conn:
        base = select(indicators.c.id)
        if q and q.strip():
            base = base.where(indicators.c.name.like(like_pattern(q.strip()), escape="\\"))
        total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
        stmt = (
            select(indicators, n, func.min(ce.c.period).label("first"), func.max(ce.c.period).label("last"))
            .select_from(
                indicators.outerjoin(
                    indicator_claims, indicator_claims.c.indicator_id == indicators.c.id
                ).outerjoin(ce, ce.c.id == indicator_claims.c.claim_id)
            )
            .where(indicators.c.id.in_(base))
            .group_by(indicators.c.id)
            .order_by(n.desc(), indicators.c.name, indicators.c.id)
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
        rows = conn.execute(stmt).mappings().all()
    return {
        "indicators": [_indicator_dict(r, r["n"], r["first"], r["last"]) for r in rows],
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


def promise_statuses(conn: Connection) -> dict[str, tuple[str, str]]:
    """Every live target's status and where it came from (reviewer | checker | none)."""
    targets = [
        r[0]
        for r in conn.execute(select(ce.c.id).where(ce.c.kind == "target", ce.c.review_state != "rejected"))
    ]
    machine: dict[str, str] = {}
    rows = conn.execute(
        select(finding_claims.c.claim_id, finding_claims.c.role, findings.c.details)
        .join(findings, findings.c.id == finding_claims.c.finding_id)
        .where(findings.c.type == "promise")
    )
    for cid, role, details in rows:
        status = _json_obj(details).get("status")
        if isinstance(status, str) and (role == "target" or cid not in machine):
            machine[cid] = status
    overrides = dict(conn.execute(select(promise_overrides.c.claim_id, promise_overrides.c.status)).all())
    out: dict[str, tuple[str, str]] = {}
    for cid in targets:
        if cid in overrides:
            out[cid] = (overrides[cid], "reviewer")
        elif cid in machine:
            out[cid] = (machine[cid], "checker")
        else:
            out[cid] = ("unverified", "none")
    return out


def promise_board(
    engine: Engine, *, status: str | None = None, page: int = 1, per_page: int = BOARD_LIMIT
) -> dict[str, Any]:
    """Targets grouped by status, each with its deadline, note and evidence.  With
    ``status`` the board is one paginated column."""
    with engine.connect() as conn:
        statuses = promise_statuses(conn)
        groups: dict[str, list[str]] = {}
        for cid, (st, _src) in statuses.items():
            groups.setdefault(st, []).append(cid)
        order = [s for s in BOARD_ORDER if s in groups] + sorted(set(groups) - set(BOARD_ORDER))
        if status:
            order = [status]
        wanted: dict[str, list[str]] = {}
        rows_by_id: dict[str, dict[str, Any]] = {}
        for st in order:
            ids = groups.get(st, [])
            # Sort by deadline then id: stable pages without loading every row.
            periods = _periods(conn, ids)
            ids.sort(key=lambda i: (periods.get(i) or "9999", i))
            wanted[st] = ids[(page - 1) * per_page : page * per_page]
        all_ids = [i for ids in wanted.values() for i in ids]
        for chunk in _chunks(all_ids):
            for r in conn.execute(_claim_select().where(ce.c.id.in_(chunk))).mappings():
                rows_by_id[r["id"]] = claim_dict(r)
        evidence = _promise_evidence(conn, all_ids)
        notes = _override_notes(conn, all_ids)
    columns = []
    for st in order:
        items = []
        for cid in wanted[st]:
            if cid not in rows_by_id:
                continue
            items.append(
                {
                    "claim": rows_by_id[cid],
                    "status": st,
                    "status_source": statuses[cid][1],
                    "deadline": rows_by_id[cid]["period"],
                    "note": notes.get(cid, {}).get("note"),
                    "reviewer": notes.get(cid, {}).get("reviewer"),
                    "evidence": evidence.get(cid, []),
                }
            )
        count = len(groups.get(st, []))
        columns.append(
            {"status": st, "count": count, "items": items, "pagination": page_info(page, per_page, count)}
        )
    counts = Counter(st for st, _ in statuses.values())
    return {
        "statuses": columns,
        "counts": dict(counts),
        "total": len(statuses),
        "status": status,
        "known_statuses": list(PROMISE_STATUSES),
    }


def _periods(conn: Connection, ids: list[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for chunk in _chunks(ids):
        out.update(dict(conn.execute(select(ce.c.id, ce.c.period).where(ce.c.id.in_(chunk))).all()))
    return out


def _promise_evidence(conn: Connection, target_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """For each target, the other claims of its promise findings (the evidence)."""
    out: dict[str, list[dict[str, Any]]] = {}
    if not target_ids:
        return out
    fc2 = finding_claims.alias("fc2")
    pairs: list[tuple[str, str, str]] = []
    for chunk in _chunks(target_ids):
        pairs.extend(
            (a, b, role)
            for a, b, role in conn.execute(
                select(finding_claims.c.claim_id, fc2.c.claim_id, fc2.c.role)
                .join(findings, findings.c.id == finding_claims.c.finding_id)
                .join(fc2, fc2.c.finding_id == findings.c.id)
                .where(
                    findings.c.type == "promise",
                    finding_claims.c.claim_id.in_(chunk),
                    fc2.c.claim_id != finding_claims.c.claim_id,
                )
            )
        )
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


def overview(engine: Engine) -> dict[str, Any]:
    """The numbers on the front page."""
    with engine.connect() as conn:
        n_docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        by_kind: dict[str, int] = dict(
            conn.execute(select(ce.c.kind, func.count()).group_by(ce.c.kind)).all()
        )
        by_state: dict[str, int] = dict(
            conn.execute(select(ce.c.review_state, func.count()).group_by(ce.c.review_state)).all()
        )
        n_ind = conn.execute(select(func.count()).select_from(indicators)).scalar_one()
        fcounts = finding_counts(conn)
        promises = Counter(st for st, _ in promise_statuses(conn).values())
        recent = conn.execute(select(*_DOC_COLS).order_by(documents.c.id.desc()).limit(5)).mappings().all()
        counts = _claim_counts(conn, [r["id"] for r in recent])
        events = [
            event_dict(r)
            for r in conn.execute(
                select(review_events).order_by(review_events.c.id.desc()).limit(8)
            ).mappings()
        ]
    return {
        "documents": n_docs,
        "claims": sum(by_kind.values()),
        "claims_by_kind": {k: by_kind.get(k, 0) for k in (*KINDS, *sorted(set(by_kind) - set(KINDS)))},
        "claims_by_review_state": by_state,
        "indicators": n_ind,
        "findings": fcounts,
        "promises_by_status": {s: promises[s] for s in BOARD_ORDER if promises.get(s)}
        | {s: n for s, n in promises.items() if s not in BOARD_ORDER},
        "recent_documents": [_doc_dict(r, counts.get(r["id"], 0)) for r in recent],
        "recent_reviews": events,
    }
