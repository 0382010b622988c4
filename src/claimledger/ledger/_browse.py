"""Reads behind the dashboard's tables: claims (filter, sort, pages) and documents.

Reads: ``claims`` and the ``claims_effective`` view, ``corrections``, ``documents``,
``indicators``/``indicator_claims`` and ``findings``/``finding_claims``.  Writes nothing.
The claim filter is the ledger's one filter (``ClaimFilter``), the same as
``claimledger claims`` and ``Ledger.claims``; only the way a page is cut differs.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, field, replace
from functools import partial
from typing import Any

from sqlalchemy import and_, false, func, literal, or_, select, true, tuple_, union, union_all
from sqlalchemy.engine import Connection, Engine

from claimledger.errors import LedgerError
from claimledger.ledger._filter import ClaimFilter, claim_conditions, matching_periods
from claimledger.ledger._rows import ClaimRecord, FindingRef, IndicatorLink, StoredDocument, document_from_row
from claimledger.ledger._search import search_count
from claimledger.ledger._summary import stored_periods, summary_value
from claimledger.ledger.queries import chunks, claim_records, effective, record_select, records_by_id
from claimledger.ledger.schema import claims as claims_t
from claimledger.ledger.schema import (
    corrections,
    documents,
    finding_claims,
    findings,
    indicator_claims,
    indicators,
)

#: Sort keys of the claims table, by name; the claim id always breaks ties.
CLAIM_SORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "document": ("document_id", "seq"),
    "kind": ("kind",),
    "subject": ("subject",),
    "period": ("period",),
    "value": ("value",),
    "unit": ("unit",),
    "state": ("review_state",),
}
#: Sorts the ``claims`` table has an index for (ledger schema), so a page can be read by
#: walking the index in order.
INDEXED_SORTS = ("document", "kind", "unit", "period", "subject", "value")
#: Sort keys that are never NULL: a keyset page compares them as one row value, which the
#: index serves as a range.
NOT_NULL_SORTS = ("document", "kind", "state")

#: Caches a count: ``memo(key, compute)`` returns the count for ``key``, computing it when
#: it has none (the dashboard passes its ledger cache's ``get``).
Memo = Callable[[Any, Callable[[], int]], int]


@dataclass(frozen=True, slots=True)
class ClaimsPage:
    """How many claims match, and the records of one page of them, in order, with the
    findings that cite each (by claim id; only when asked for)."""

    total: int
    records: list[ClaimRecord]
    findings: dict[str, list[FindingRef]] = field(default_factory=dict)
    #: the keyset cursor of the page after this one (``after=``), None on the last page
    next_after: str | None = None


def encode_cursor(values: Sequence[Any]) -> str:
    """A keyset cursor: the sort keys and the claim id of a page's last row, as an opaque
    URL-safe string."""
    raw = json.dumps(list(values), separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_values(cursor: str) -> list[Any]:
    """The values of a cursor made by ``encode_cursor`` (numbers, text, nulls); E068 when
    it is not one."""
    try:
        if len(cursor) > 2000:
            raise ValueError("too long")
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError) as e:
        raise LedgerError("E068", f"after={cursor[:40]!r} is not a page cursor ({e})") from None
    scalar = (str, int, float, type(None))
    if not isinstance(values, list) or not all(
        isinstance(v, scalar) and not isinstance(v, bool) for v in values
    ):
        raise LedgerError("E068", f"after={cursor[:40]!r} is not a page cursor")
    return values


def decode_cursor(cursor: str, sort: str) -> list[Any]:
    """The values of a cursor made by ``encode_cursor`` for the claims table's ``sort``;
    E068 when it is not one (damaged, or made for another sort)."""
    values = decode_values(cursor)
    if len(values) != len(CLAIM_SORT_COLUMNS[sort]) + 1 or not isinstance(values[-1], str):
        raise LedgerError("E068", f"after= is not a page cursor of the {sort!r} sort")
    return values


def _after(dialect: str, sort: str, keys: list[Any], id_col: Any, values: list[Any], desc: bool) -> Any:
    """Rows that come after ``values`` (sort keys, then the claim id) in the order of
    ``_order``: the keys ascending or descending, the id always ascending.  NULLs sort
    first in SQLite and last in PostgreSQL (ascending)."""
    *vals, last_id = values
    if sort in NOT_NULL_SORTS and None not in vals:
        if not desc:
            return tuple_(*keys, id_col) > tuple_(*[literal(v) for v in vals], literal(last_id))
        row, at = tuple_(*keys), tuple_(*[literal(v) for v in vals])
        return or_(row < at, and_(row == at, id_col > last_id))
    nulls_small = dialect == "sqlite"

    def later(k: Any, v: Any) -> Any:
        if v is None:  # NULLs come first in this direction: every value is later
            return k.is_not(None) if nulls_small != desc else false()
        bigger = k < v if desc else k > v
        return or_(bigger, k.is_(None)) if nulls_small == desc else bigger

    def same(k: Any, v: Any) -> Any:
        return k.is_(None) if v is None else k == v

    terms: list[Any] = []
    prefix: list[Any] = []
    # The first key's range, implied by the terms below, lets the index start at the cursor.
    k0, v0 = keys[0], vals[0]
    start = None if v0 is None else (k0 <= v0 if desc else k0 >= v0)
    if start is not None and nulls_small == desc:  # NULLs come after every value
        start = or_(start, k0.is_(None))
    for k, v in zip(keys, vals, strict=True):
        terms.append(and_(true(), *prefix, later(k, v)))
        prefix.append(same(k, v))
    terms.append(and_(true(), *prefix, id_col > last_id))
    return or_(*terms) if start is None else and_(start, or_(*terms))


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    """A document with its text, its claims in document order, and each claim's indicators
    and findings (by claim id)."""

    document: StoredDocument
    records: list[ClaimRecord]
    indicators: dict[str, list[IndicatorLink]]
    findings: dict[str, list[FindingRef]]


def _periods(conn: Connection, f: ClaimFilter) -> list[str] | None:
    return matching_periods(conn, f.period, stored_periods(conn)) if f.period else None


def _branches(
    conn: Connection,
    f: ClaimFilter,
    sort: str,
    walk: bool = False,
    periods: list[str] | None = None,
    after: tuple[list[Any], bool] | None = None,
) -> tuple[list[Any], Any]:
    """The matching claims as selects of (id, k0, k1...): unreviewed rows from the
    ``claims`` table (one select, or two for a kind and unit filter), reviewed rows from
    the effective view.

    Why two: the effective view joins every claim to its correction, so no index can
    serve a filter or a sort through it (on 100,000 claims a page took 300+ ms).
    Corrections are few, so unreviewed rows are read from ``claims`` with its indexes
    (their effective values are the machine's) and only reviewed rows go through the
    view; together they are exactly the view's rows.
    """
    reviewed_ids = select(corrections.c.claim_id)

    def keys(src: Any, reviewed: bool) -> list[Any]:
        return [
            src.c[name] if (name != "review_state" or reviewed) else literal("machine")
            for name in CLAIM_SORT_COLUMNS[sort]
        ]

    def cut(src: Any, reviewed: bool) -> list[Any]:
        if after is None:
            return []
        if sort == "state" and not reviewed:
            # every unreviewed row's state is "machine": compare it with the cursor's here,
            # so what is left is a range of ids (the primary key's index)
            (state, last_id), desc = after
            if state == "machine":
                return [src.c.id > last_id]
            return [true() if (str(state) > "machine" if desc else str(state) < "machine") else false()]
        return [_after(d.name, sort, keys(src, reviewed), src.c.id, after[0], after[1])]

    def labelled(src: Any, reviewed: bool) -> list[Any]:
        return [k.label(f"k{i}") for i, k in enumerate(keys(src, reviewed))]

    d = conn.dialect
    if f.kind and f.unit and not walk:
        # A unit filter matches the unit or the counted noun: one select for each, so each
        # is a range of its kind+unit or kind+noun index (migration 0016), already in
        # document order, that stops at the page (the caller cuts each and merges them
        # without duplicates: a claim whose unit and noun are both the value is in both).
        kind_only = claim_conditions(d, replace(f, unit=None), claims_t, reviewed=False, periods=periods)
        machines = [
            select(claims_t.c.id, *labelled(claims_t, False)).where(
                claims_t.c.id.not_in(reviewed_ids), *kind_only, col == f.unit, *cut(claims_t, False)
            )
            for col in (claims_t.c.unit, claims_t.c.noun)
        ]
    else:
        machines = [
            select(claims_t.c.id, *labelled(claims_t, False)).where(
                claims_t.c.id.not_in(reviewed_ids),
                *claim_conditions(d, f, claims_t, reviewed=False, walk=walk, periods=periods),
                *cut(claims_t, False),
            )
        ]
    human = select(effective.c.id, *labelled(effective, True)).where(
        effective.c.id.in_(reviewed_ids), *claim_conditions(d, f, effective), *cut(effective, True)
    )
    return machines, human


def _order(cols: Any, n_keys: int, desc: bool) -> list[Any]:
    keys = [cols[f"k{i}"] for i in range(n_keys)]
    return [k.desc() if desc else k.asc() for k in keys] + [cols["id"].asc()]


def count_claims(conn: Connection, f: ClaimFilter, periods: list[str] | None = None) -> int:
    """How many claims match ``f``.  Unreviewed matches are counted as all machine matches
    minus the reviewed ones among them: the first count runs on the table's indexes,
    where excluding reviewed ids row by row would scan the whole table.  ``periods``:
    ``matching_periods`` of ``f.period``, when the caller has it."""
    reviewed_ids = select(corrections.c.claim_id)
    periods = _periods(conn, f) if periods is None else periods
    conds = claim_conditions(conn.dialect, f, claims_t, reviewed=False, periods=periods)
    all_machine = select(func.count()).select_from(claims_t).where(*conds)
    reviewed_machine = (
        select(func.count()).select_from(claims_t).where(claims_t.c.id.in_(reviewed_ids), *conds)
    )
    human = (
        select(func.count())
        .select_from(effective)
        .where(effective.c.id.in_(reviewed_ids), *claim_conditions(conn.dialect, f, effective))
    )
    n = [int(conn.execute(q).scalar_one()) for q in (all_machine, reviewed_machine, human)]
    return n[0] - n[1] + n[2]


def _summary_count(conn: Connection, f: ClaimFilter) -> int | None:
    """The count of ``f`` from the summary the writes keep (``ledger._summary``) when it
    has it: no filter, a kind alone, a review state alone, a unit with or without a kind
    (migration 0016); a search alone is counted in the search index (``search_count``:
    every claim is in it once, whatever its review); else None."""
    if f.period or f.doc is not None or (f.review_state and (f.kind or f.unit)):
        return None
    if f.search:
        others = f.kind or f.unit or f.review_state
        return None if others else search_count(conn, f.search)
    if f.unit:
        return (
            summary_value(conn, "kind_unit", f"{f.kind}|{f.unit}")
            if f.kind
            else summary_value(conn, "unit", f.unit)
        )
    if f.kind:
        return summary_value(conn, "kind", f.kind)
    if f.review_state:
        return summary_value(conn, "state", f.review_state)
    return summary_value(conn, "kind")


def page_ids(
    conn: Connection,
    f: ClaimFilter,
    sort: str,
    desc: bool,
    offset: int,
    limit: int,
    memo: Memo | None = None,
    after: str | None = None,
) -> tuple[int, list[str], str | None]:
    """(total, ids of one page, the cursor of the next page) for ``f``, ordered by
    ``sort`` then id.

    Each branch is cut to its first ``offset + limit`` rows in the final order before the
    two are merged, so the machine branch can walk an index (document order, kind, unit,
    period) and stop early instead of sorting every match.  With ``after`` (a cursor from
    a previous page: keyset pagination) ``offset`` is ignored and each branch starts
    right after the cursor's row, through the sort's index: a deep page reads one page of
    rows, not all the rows before it.
    """
    cursor = None if after is None else decode_cursor(after, sort)
    if cursor is not None:
        offset = 0
    periods = _periods(conn, f)
    seen: dict[Any, int] = {}

    def counted(g: ClaimFilter) -> int:
        key = ("claims_total", *astuple(g))
        if key not in seen:
            # counting is most of a page's cost, and it only changes when the ledger does;
            # the summary the writes keep has the common counts ready
            quick = _summary_count(conn, g)
            compute = partial(count_claims, conn, g, periods if g.period else None)
            seen[key] = quick if quick is not None else compute() if memo is None else memo(key, compute)
        return seen[key]

    total = counted(f)
    if (
        sort == "document"
        and cursor is None
        and not (f.kind or f.unit or f.period or f.search or f.review_state)
    ):
        # The document order's keys (document, sentence) are the machine's, which no review
        # changes, and so is the only filter left (a document): the page is the ``claims``
        # table's, reviewed rows or not, read along ``ix_claims_document`` without testing
        # each row against the corrections.
        return _document_page(conn, f, desc, offset, limit, int(total))
    walk = False
    by_rowid = conn.dialect.name == "sqlite"  # a search is tested by rowid (``search_condition``)
    if sort in INDEXED_SORTS and (not f.search or by_rowid) and (f.kind or f.unit or f.period or f.search):
        # Walking the sort index visits about (offset + limit) * all / matches rows; a
        # filter's index (kind; unit with the noun's; kind and unit together; period,
        # through its matching periods; the search index) reads every row with those
        # values, then sorts the matches.  Take the cheaper.
        everything = counted(ClaimFilter())
        singles = [ClaimFilter(kind=f.kind)] if f.kind else []
        singles += [ClaimFilter(unit=f.unit)] if f.unit else []
        singles += [ClaimFilter(kind=f.kind, unit=f.unit)] if f.kind and f.unit else []
        singles += [ClaimFilter(period=f.period)] if f.period else []
        singles += [ClaimFilter(search=f.search)] if f.search else []
        by_index = min((counted(g) for g in singles), default=everything)
        walk = (offset + limit) * everything < max(total, 1) * by_index
    machines, human = _branches(conn, f, sort, walk, periods, None if cursor is None else (cursor, desc))
    n_keys = len(CLAIM_SORT_COLUMNS[sort])
    heads = [
        b.order_by(*_order(b.selected_columns, n_keys, desc)).limit(offset + limit + 1).subquery()
        for b in (*machines, human)
    ]
    # UNION when the machine rows come in two selects that may share a claim; the reviewed
    # rows are never machine rows
    merge = union if len(machines) > 1 else union_all
    merged = merge(*(select(h) for h in heads)).subquery("merged")
    key_cols = [merged.c[f"k{i}"] for i in range(n_keys)]
    rows = conn.execute(
        select(merged.c.id, *key_cols)
        .order_by(*_order(merged.c, n_keys, desc))
        .limit(limit + 1)
        .offset(offset)
    ).all()
    page = rows[:limit]
    nxt = encode_cursor([*page[-1][1:], page[-1][0]]) if len(rows) > limit else None
    return int(total), [r[0] for r in page], nxt


def _document_page(
    conn: Connection, f: ClaimFilter, desc: bool, offset: int, limit: int, total: int
) -> tuple[int, list[str], str | None]:
    """``page_ids`` for the document order when ``f`` tests nothing a review can change."""
    c = claims_t.c
    keys = [c.document_id, c.seq]
    rows = conn.execute(
        select(c.id, *keys)
        .where(*claim_conditions(conn.dialect, f, claims_t, reviewed=False))
        .order_by(*[k.desc() if desc else k.asc() for k in keys], c.id.asc())
        .limit(limit + 1)
        .offset(offset)
    ).all()
    page = rows[:limit]
    nxt = encode_cursor([*page[-1][1:], page[-1][0]]) if len(rows) > limit else None
    return total, [r[0] for r in page], nxt


def claims_page(
    engine: Engine,
    f: ClaimFilter,
    *,
    sort: str = "document",
    desc: bool = False,
    offset: int = 0,
    limit: int = 50,
    memo: Memo | None = None,
    with_findings: bool = False,
    after: str | None = None,
) -> ClaimsPage:
    """One page of the claims matching ``f``.  Pages are stable: rows are ordered by the
    sort key and then by claim id, which is unique, so no row is skipped or repeated.
    ``with_findings``: also the findings citing the page's claims (through the
    ``finding_claims`` claim index, one page's ids only).  ``after``: a cursor from a
    previous page's ``next_after`` (keyset pagination; ``offset`` is then ignored)."""
    with engine.connect() as conn:
        total, ids, nxt = page_ids(conn, f, sort, desc, offset, limit, memo, after)
        found = records_by_id(conn, ids)
        refs = finding_refs(conn, ids) if with_findings else {}
    return ClaimsPage(total, [found[i] for i in ids if i in found], refs, nxt)


def claim_facets(engine: Engine) -> list[str]:
    """The units a claims filter can offer: the machine's (from the index) and any a
    reviewer introduced."""
    with engine.connect() as conn:
        units = {
            r[0] for r in conn.execute(select(claims_t.c.unit).where(claims_t.c.unit.is_not(None)).distinct())
        }
        units |= {
            r[0] for r in conn.execute(select(corrections.c.unit).where(corrections.c.unit.is_not(None)))
        }
    return sorted(units, key=str.lower)


# --- documents ----------------------------------------------------------------------------

_DOC_COLS = [c for c in documents.c if c.name != "text"]


def claim_counts(conn: Connection, doc_ids: list[int]) -> dict[int, int]:
    """Machine claims per document (rejected ones included: they stay in the ledger)."""
    out: dict[int, int] = {}
    for part in chunks(doc_ids):
        stmt = (
            select(claims_t.c.document_id, func.count())
            .where(claims_t.c.document_id.in_(part))
            .group_by(claims_t.c.document_id)
        )
        out.update({int(a): int(b) for a, b in conn.execute(stmt)})
    return out


def documents_with_counts(conn: Connection, stmt: Any) -> list[StoredDocument]:
    """The documents of a select of ``documents`` columns, with their claim counts."""
    rows = conn.execute(stmt).mappings().all()
    counts = claim_counts(conn, [r["id"] for r in rows])
    return [document_from_row(r, counts.get(r["id"], 0)) for r in rows]


def documents_page(engine: Engine, *, offset: int = 0, limit: int = 50) -> tuple[int, list[StoredDocument]]:
    """(how many documents, one page of them): newest publication first (then newest
    ingested), with claim counts."""
    with engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(documents)).scalar_one())
        stmt = (
            select(*_DOC_COLS)
            .order_by(documents.c.published.desc(), documents.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return total, documents_with_counts(conn, stmt)


def document_detail(engine: Engine, doc_id: int) -> DocumentDetail | None:
    """A document, its full text and its claims in document order, with their links."""
    with engine.connect() as conn:
        row = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
        if row is None:
            return None
        stmt = (
            record_select().where(effective.c.document_id == doc_id).order_by(effective.c.seq, effective.c.id)
        )
        records = list(claim_records(conn, stmt))
        ids = [r.id for r in records]
        inds = indicator_refs(conn, ids)
        fnds = finding_refs(conn, ids)
    return DocumentDetail(document_from_row(row, len(records)), records, inds, fnds)


def indicator_refs(conn: Connection, claim_ids: list[str]) -> dict[str, list[IndicatorLink]]:
    """The indicators of each claim (id and name)."""
    out: dict[str, list[IndicatorLink]] = {}
    for part in chunks(claim_ids):
        rows = conn.execute(
            select(indicator_claims.c.claim_id, indicators.c.id, indicators.c.name)
            .join(indicators, indicators.c.id == indicator_claims.c.indicator_id)
            .where(indicator_claims.c.claim_id.in_(part))
        )
        for cid, iid, name in rows:
            out.setdefault(cid, []).append(IndicatorLink(iid, name))
    return out


def finding_refs(conn: Connection, claim_ids: list[str]) -> dict[str, list[FindingRef]]:
    """The findings that cite each claim."""
    out: dict[str, list[FindingRef]] = {}
    for part in chunks(claim_ids):
        rows = conn.execute(
            select(
                finding_claims.c.claim_id,
                findings.c.id,
                findings.c.type,
                findings.c.severity,
                findings.c.message,
            )
            .join(findings, findings.c.id == finding_claims.c.finding_id)
            .where(finding_claims.c.claim_id.in_(part))
        )
        for cid, fid, ftype, sev, msg in rows:
            out.setdefault(cid, []).append(FindingRef(fid, ftype, sev, msg))
    return out
