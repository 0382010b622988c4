"""Read queries behind every page and JSON endpoint.

Reads: the ``claims_effective`` view (never raw ``claims``, so human corrections always
win), ``documents``, ``indicators``/``indicator_claims``, ``findings``/``finding_claims``,
``promise_overrides`` and ``review_events``.  Writes nothing.

Every query is built with SQLAlchemy Core, so user input only ever reaches the database
as bound parameters.  Results are plain dicts in the JSON API's shapes (see ``_models``);
the HTML templates render the very same dicts, so a page and its JSON twin cannot drift.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import ColumnElement, and_, false, func, literal, or_, select, table, text, union_all
from sqlalchemy.engine import Connection, Engine, RowMapping
from sqlalchemy.sql import column

from claimledger.ledger.queries import search_ids
from claimledger.ledger.schema import (
    EFFECTIVE_VIEW,
    corrections,
    documents,
    finding_claims,
    findings,
    indicator_claims,
    indicators,
    review_events,
)
from claimledger.ledger.schema import (
    claims as claims_t,
)
from claimledger.models import KINDS
from claimledger.review import json_object
from claimledger.web._cache import LedgerCache

EFFECTIVE_COLUMNS = (
    "id",
    "document_id",
    "seq",
    "kind",
    "subject",
    "period",
    "sent_start",
    "sent_end",
    "sentence",
    "q_text",
    "q_start",
    "q_end",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "noun",
    "cues",
    "extractor",
    "review_state",
)
#: The machine's own values, shown beside the reviewed ones on the claim page.
MACHINE_FIELDS = ("kind", "subject", "period", "value", "low", "high", "qualifier", "unit")
ce = table(EFFECTIVE_VIEW, *[column(n) for n in EFFECTIVE_COLUMNS])

#: Page sizes: 50 rows reads comfortably on one screen; 500 caps what one request may ask
#: the database for, so a client cannot turn a page into a full table dump.
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
#: Items per column on the promise board before a "show all" link.
BOARD_LIMIT = 25
#: Promise board column order: what needs attention first.
BOARD_ORDER = ("due", "not_kept", "partly_kept", "in_progress", "not_due", "kept", "unverified")

#: Sort keys of the claims table, by column; the claim id always breaks ties.
CLAIM_SORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "document": ("document_id", "seq"),
    "kind": ("kind",),
    "subject": ("subject",),
    "period": ("period",),
    "value": ("value",),
    "unit": ("unit",),
    "state": ("review_state",),
}
CLAIM_SORTS = CLAIM_SORT_COLUMNS
#: Sorts the ``claims`` table has an index for (ledger schema), so a page can be read by
#: walking the index in order.
INDEXED_SORTS = ("document", "kind", "unit", "period")


def page_info(page: int, per_page: int, total: int) -> dict[str, int]:
    return {"page": page, "per_page": per_page, "total": total, "pages": max(1, math.ceil(total / per_page))}


# --- claims -------------------------------------------------------------------------------


def claim_dict(r: RowMapping) -> dict[str, Any]:
    """A row of the effective view as the API's claim object (the JSON line contract, plus
    the ledger's own fields: document id, review state)."""
    quantity = None
    # A claim the machine found without a figure may have one from a reviewer: no span then.
    if r["q_text"] is not None or r["value"] is not None or r["low"] is not None:
        quantity = {
            "text": r["q_text"],
            "start": r["q_start"] if r["q_text"] is not None else None,
            "end": r["q_end"] if r["q_text"] is not None else None,
            "value": r["value"],
            "low": r["low"],
            "high": r["high"],
            "qualifier": r["qualifier"] or "exact",
            "unit": r["unit"],
            "noun": r["noun"],
        }
    return {
        "id": r["id"],
        "doc": r.get("doc_key"),
        "document_id": r["document_id"],
        "document_title": r.get("title"),
        "published": r.get("published"),
        "seq": r["seq"],
        "kind": r["kind"],
        "subject": r["subject"],
        "period": r["period"],
        "sentence": {"start": r["sent_start"], "end": r["sent_end"], "text": r["sentence"]},
        "quantity": quantity,
        "cues": _json_list(r["cues"]),
        "extractor": r["extractor"],
        "review_state": r["review_state"],
        "href": f"/claims/{r['id']}",
    }


# Built once: statements are immutable (``.where`` returns a copy), and building this join
# on every request was a measurable share of a claims page's time.
_CLAIM_SELECT = select(ce, documents.c.doc_key, documents.c.title, documents.c.published).select_from(
    ce.join(documents, documents.c.id == ce.c.document_id)
)


def _claim_select() -> Any:
    return _CLAIM_SELECT


def like_pattern(q: str) -> str:
    """A LIKE pattern for ``q`` anywhere, its wildcards escaped (with ``escape="\\"``)."""
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_condition(conn: Connection, q: str, src: Any = None) -> ColumnElement[bool] | None:
    """Rows of ``src`` (the effective view by default) whose sentence or subject has the
    words of ``q``, the last one as a prefix (search as you type); None when ``q`` has no
    words.  The ledger's own search (``claimledger.ledger.queries.search_ids``) decides,
    so the dashboard finds what ``claimledger claims --search`` finds, on SQLite (FTS5)
    and PostgreSQL (the GIN-indexed ``tsvector``) alike."""
    src = ce if src is None else src
    ids = search_ids(conn.dialect, q, prefix_last=True)
    if ids is None:
        return None
    return cast(ColumnElement[bool], src.c.id.in_(ids))


def _claim_filters(
    conn: Connection, src: Any, reviewed: bool, f: dict[str, Any], *, walk: bool = False
) -> list[ColumnElement[bool]]:
    """Filter conditions on ``src``: the machine's ``claims`` table for rows nobody
    reviewed (``reviewed=False``; their effective values are the machine's), or the
    effective view for reviewed rows.  ``walk`` writes the kind/unit/period tests so no
    index can serve them (``col || ''``), which makes the database walk the sort order's
    index and stop at the page instead of sorting every match."""
    conds: list[ColumnElement[bool]] = []
    if f.get("q") and (found := search_condition(conn, str(f["q"]), src)) is not None:
        conds.append(found)
    for key in ("kind", "unit", "period"):
        if f.get(key):
            col = src.c[key].concat("") if walk else src.c[key]
            conds.append(col == f[key])
    if f.get("document") is not None:
        conds.append(src.c.document_id == f["document"])
    if f.get("state"):
        if reviewed:
            conds.append(src.c.review_state == f["state"])
        elif f["state"] != "machine":
            conds.append(false())
    return conds


def _branches(conn: Connection, f: dict[str, Any], sort: str, walk: bool = False) -> tuple[Any, Any]:
    """The matching claims as two selects of (id, k0, k1...): unreviewed rows from the
    ``claims`` table, reviewed rows from the effective view.

    Why two: the effective view joins every claim to its correction, so no index can
    serve a filter or a sort through it (on 100,000 claims a page took 300+ ms).
    Corrections are few, so unreviewed rows are read from ``claims`` with its indexes
    (their effective values are the machine's) and only reviewed rows go through the
    view; together they are exactly the view's rows.
    """
    reviewed_ids = select(corrections.c.claim_id)

    def keys(src: Any, reviewed: bool) -> list[Any]:
        out = []
        for i, name in enumerate(CLAIM_SORT_COLUMNS[sort]):
            col = src.c[name] if (name != "review_state" or reviewed) else literal("machine")
            out.append(col.label(f"k{i}"))
        return out

    machine = select(claims_t.c.id, *keys(claims_t, False)).where(
        claims_t.c.id.not_in(reviewed_ids), *_claim_filters(conn, claims_t, False, f, walk=walk)
    )
    human = select(ce.c.id, *keys(ce, True)).where(
        ce.c.id.in_(reviewed_ids), *_claim_filters(conn, ce, True, f)
    )
    return machine, human


def _order(cols: Any, n_keys: int, desc: bool) -> list[Any]:
    keys = [cols[f"k{i}"] for i in range(n_keys)]
    return [k.desc() if desc else k.asc() for k in keys] + [cols["id"].asc()]


def count_claims(conn: Connection, f: dict[str, Any]) -> int:
    """How many claims match ``f``.  Unreviewed matches are counted as all machine matches
    minus the reviewed ones among them: the first count runs on the table's indexes,
    where excluding reviewed ids row by row would scan the whole table."""
    reviewed_ids = select(corrections.c.claim_id)
    conds = _claim_filters(conn, claims_t, False, f)
    all_machine = select(func.count()).select_from(claims_t).where(*conds)
    reviewed_machine = (
        select(func.count()).select_from(claims_t).where(claims_t.c.id.in_(reviewed_ids), *conds)
    )
    human = (
        select(func.count())
        .select_from(ce)
        .where(ce.c.id.in_(reviewed_ids), *_claim_filters(conn, ce, True, f))
    )
    n = [int(conn.execute(q).scalar_one()) for q in (all_machine, reviewed_machine, human)]
    return n[0] - n[1] + n[2]


def page_ids(
    conn: Connection,
    f: dict[str, Any],
    sort: str,
    desc: bool,
    offset: int,
    limit: int,
    cache: LedgerCache | None = None,
) -> tuple[int, list[str]]:
    """(total, ids of one page) for filters ``f``, ordered by ``sort`` then id.

    Each branch is cut to its first ``offset + limit`` rows in the final order before the
    two are merged, so the machine branch can walk an index (document order, kind, unit,
    period) and stop early instead of sorting every match.
    """

    def counted(g: dict[str, Any]) -> int:
        if cache is None:
            return count_claims(conn, g)
        # counting is most of a page's cost, and it only changes when the ledger does
        return cache.get(("claims_total", *sorted(g.items())), lambda: count_claims(conn, g))

    total = counted(f)
    walk = False
    if sort in INDEXED_SORTS and not f.get("q") and any(f.get(k) for k in ("kind", "unit", "period")):
        # Walking the sort index visits about (offset + limit) * all / matches rows; a
        # filter's index reads every row with that one value (the database uses one index),
        # then sorts the matches.  Take the cheaper.
        blank = {k: None for k in f}
        everything = counted(blank)
        by_one_index = min(counted({**blank, k: f[k]}) for k in ("kind", "unit", "period") if f.get(k))
        walk = (offset + limit) * everything < max(total, 1) * by_one_index
    machine, human = _branches(conn, f, sort, walk)
    n_keys = len(CLAIM_SORT_COLUMNS[sort])
    heads = [
        b.order_by(*_order(b.selected_columns, n_keys, desc)).limit(offset + limit).subquery()
        for b in (machine, human)
    ]
    merged = union_all(*(select(h) for h in heads)).subquery("merged")
    rows = conn.execute(
        select(merged.c.id).order_by(*_order(merged.c, n_keys, desc)).limit(limit).offset(offset)
    )
    return int(total), [r[0] for r in rows]


def list_claims(
    engine: Engine,
    *,
    q: str | None = None,
    kind: str | None = None,
    unit: str | None = None,
    period: str | None = None,
    document: int | None = None,
    state: str | None = None,
    sort: str = "document",
    order: str = "asc",
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
    cache: LedgerCache | None = None,
) -> dict[str, Any]:
    """One page of the claims table.  Pagination is stable: rows are ordered by the sort
    key and then by claim id, which is unique, so no row is skipped or repeated."""
    filters = {"q": q, "kind": kind, "unit": unit, "period": period, "document": document, "state": state}
    with engine.connect() as conn:
        total, ids = page_ids(conn, filters, sort, order == "desc", (page - 1) * per_page, per_page, cache)
        rows = (
            {r["id"]: r for r in conn.execute(_claim_select().where(ce.c.id.in_(ids))).mappings()}
            if ids
            else {}
        )
    return {
        "claims": [claim_dict(rows[i]) for i in ids if i in rows],
        "pagination": page_info(page, per_page, total),
        "filters": filters,
        "sort": sort,
        "order": order,
    }


def claim_facets(engine: Engine) -> dict[str, list[str]]:
    """Values offered in the claims table's filter menus (units from the index, plus any a
    reviewer introduced)."""
    with engine.connect() as conn:
        units = {
            r[0] for r in conn.execute(select(claims_t.c.unit).where(claims_t.c.unit.is_not(None)).distinct())
        }
        units |= {
            r[0] for r in conn.execute(select(corrections.c.unit).where(corrections.c.unit.is_not(None)))
        }
    return {"kinds": list(KINDS), "units": sorted(units, key=str.lower),
            "states": ["machine", "accepted", "corrected", "rejected"]}  # fmt: skip


def audit_log(conn: Connection, targets: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Review events about any of ``targets`` ((type, id) pairs), newest first."""
    if not targets:
        return []
    cond = or_(*[and_(review_events.c.target_type == t, review_events.c.target_id == i) for t, i in targets])
    rows = conn.execute(select(review_events).where(cond).order_by(review_events.c.id.desc()).limit(200))
    return [event_dict(r) for r in rows.mappings()]


def event_dict(r: RowMapping) -> dict[str, Any]:
    payload = json_object(r["payload"])
    before, after = payload.get("before"), payload.get("after")
    changes: list[dict[str, Any]] = []
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                changes.append({"field": key, "before": before.get(key), "after": after.get(key)})
    return {
        "id": r["id"],
        "at": r["at"],
        "reviewer": r["reviewer"],
        "action": r["action"],
        "target_type": r["target_type"],
        "target_id": r["target_id"],
        "note": r["note"],
        "changes": changes,
        "payload": payload,
    }


# --- documents ----------------------------------------------------------------------------


def _doc_dict(r: RowMapping, n_claims: int) -> dict[str, Any]:
    return {
        "id": r["id"],
        "doc_key": r["doc_key"],
        "title": r["title"] or r["doc_key"],
        "source": r["source"],
        "url": r["url"],
        "speaker": r["speaker"],
        "published": r["published"],
        "format": r["format"],
        "ingested_at": r["ingested_at"],
        "extractor": r["extractor"],
        "claims": n_claims,
        "href": f"/documents/{r['id']}",
    }


_DOC_COLS = [c for c in documents.c if c.name not in ("text", "hash")]


def list_documents(engine: Engine, *, page: int = 1, per_page: int = DEFAULT_PER_PAGE) -> dict[str, Any]:
    """Documents, newest publication first (then newest ingested), with claim counts."""
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        rows = (
            conn.execute(
                select(*_DOC_COLS)
                .order_by(documents.c.published.desc(), documents.c.id.desc())
                .limit(per_page)
                .offset((page - 1) * per_page)
            )
            .mappings()
            .all()
        )
        counts = _claim_counts(conn, [r["id"] for r in rows])
    return {
        "documents": [_doc_dict(r, counts.get(r["id"], 0)) for r in rows],
        "pagination": page_info(page, per_page, total),
    }


def _claim_counts(conn: Connection, doc_ids: list[int]) -> dict[int, int]:
    if not doc_ids:
        return {}
    rows = conn.execute(
        text(
            "SELECT document_id, count(*) FROM claims WHERE document_id IN :ids GROUP BY document_id"
        ).bindparams(_expanding("ids")),
        {"ids": doc_ids},
    )
    return {int(a): int(b) for a, b in rows}


def get_document(engine: Engine, doc_id: int) -> dict[str, Any] | None:
    """A document, its full text and its claims in document order."""
    with engine.connect() as conn:
        row = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
        if row is None:
            return None
        rows = (
            conn.execute(_claim_select().where(ce.c.document_id == doc_id).order_by(ce.c.seq, ce.c.id))
            .mappings()
            .all()
        )
        claims = [claim_dict(r) for r in rows]
        ids = [c["id"] for c in claims]
        inds = _indicator_refs(conn, ids)
        fnds = _finding_refs(conn, ids)
    for c in claims:
        c["indicators"] = inds.get(c["id"], [])
        c["findings"] = fnds.get(c["id"], [])
    doc = _doc_dict(row, len(claims))
    doc["text"] = row["text"]
    return {"document": doc, "claims": claims}


def _indicator_refs(conn: Connection, claim_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for chunk in _chunks(claim_ids):
        rows = conn.execute(
            select(indicator_claims.c.claim_id, indicators.c.id, indicators.c.name)
            .join(indicators, indicators.c.id == indicator_claims.c.indicator_id)
            .where(indicator_claims.c.claim_id.in_(chunk))
        )
        for cid, iid, name in rows:
            out.setdefault(cid, []).append({"id": iid, "name": name, "href": f"/indicators/{iid}"})
    return out


def _finding_refs(conn: Connection, claim_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for chunk in _chunks(claim_ids):
        rows = conn.execute(
            select(
                finding_claims.c.claim_id,
                findings.c.id,
                findings.c.type,
                findings.c.severity,
                findings.c.message,
            )
            .join(findings, findings.c.id == finding_claims.c.finding_id)
            .where(finding_claims.c.claim_id.in_(chunk))
        )
        for cid, fid, ftype, sev, msg in rows:
            out.setdefault(cid, []).append(
                {"id": fid, "type": ftype, "severity": sev, "message": msg, "href": f"/findings#f-{fid}"}
            )
    return out


def finding_counts(conn: Connection) -> dict[str, dict[str, int]]:
    rows = conn.execute(
        select(findings.c.type, findings.c.severity, func.count()).group_by(
            findings.c.type, findings.c.severity
        )
    )
    by_type: Counter[str] = Counter()
    by_sev: Counter[str] = Counter()
    for t, s, n in rows:
        by_type[t] += n
        by_sev[s] += n
    return {"by_type": dict(by_type), "by_severity": dict(by_sev)}


def _findings_by_ids(conn: Connection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Findings in the order of ``ids``, each with its claims (quote, quantity, role)."""
    if not ids:
        return []
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(list(ids)):
        for r in conn.execute(select(findings).where(findings.c.id.in_(chunk))).mappings():
            out[r["id"]] = {
                "id": r["id"],
                "type": r["type"],
                "severity": r["severity"],
                "message": r["message"],
                "details": json_object(r["details"]),
                "checker": r["checker"],
                "created_at": r["created_at"],
                "claims": [],
                "href": f"/findings#f-{r['id']}",
            }
        rows = conn.execute(
            _claim_select()
            .add_columns(finding_claims.c.finding_id, finding_claims.c.role)
            .join(finding_claims, finding_claims.c.claim_id == ce.c.id)
            .where(finding_claims.c.finding_id.in_(chunk))
            .order_by(finding_claims.c.finding_id, documents.c.published, ce.c.seq)
        ).mappings()
        for r in rows:
            c = claim_dict(r)
            if r["finding_id"] in out:
                out[r["finding_id"]]["claims"].append(
                    {
                        "id": c["id"],
                        "role": r["role"],
                        "doc": c["doc"],
                        "document_id": c["document_id"],
                        "document_title": c["document_title"],
                        "published": c["published"],
                        "quote": c["sentence"]["text"],
                        "quantity": c["quantity"],
                        "kind": c["kind"],
                        "period": c["period"],
                        "href": c["href"],
                    }
                )
    return [out[i] for i in ids if i in out]


# --- helpers ------------------------------------------------------------------------------

#: SQLite allows 32,766 bound parameters per statement; chunks stay far below that.
_CHUNK = 900


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _expanding(name: str) -> Any:
    from sqlalchemy import bindparam

    return bindparam(name, expanding=True)


def _json_list(raw: Any) -> list[str]:
    try:
        val = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return []
    return [str(v) for v in val] if isinstance(val, list) else []
