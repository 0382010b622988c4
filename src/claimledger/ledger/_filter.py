"""The claim filter: one meaning for ``claimledger claims``, ``Ledger.claims`` and the
dashboard's claims table.

Reads: nothing itself; builds the WHERE conditions that ``queries.claims_select`` and the
dashboard's paged reads (``ledger._browse``) put on the ``claims_effective`` view or on
the ``claims`` table.

What each field means (all optional; they combine with AND):

- ``kind``: equal.
- ``unit``: the unit or the counted noun (``KZT``, ``%``, ``school`` for "105 schools").
- ``period``: the claim's period and the filter's share some time.  "2024" matches
  "2024", "2024-09", "2023/2024", "2024/2026" and "2023/2025"; "2027" matches "2026/2028".
  A value that is not a period ("FY24") matches only claims with exactly that period.
- ``doc``: a document id, its name (doc_key) or a prefix of its content hash (8+ hex).
- ``search``: words that must all occur in the sentence or subject (``queries.search_condition``);
  ``word*`` is a prefix.  ``as_you_type`` turns a search box's text into this syntax.
- ``review_state``: ``machine``, ``accepted``, ``corrected`` or ``rejected``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, literal, or_, select
from sqlalchemy.engine import Connection, Dialect

from claimledger.ledger._search import search_condition
from claimledger.ledger.schema import claims as claims_t
from claimledger.ledger.schema import documents as documents_t

#: A period as the extraction contract writes it: a year, a month, a day, or a from/to range
#: of those.  Review corrections are held to it too (``claimledger.review``).
PERIOD_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
#: Sorts after every character a period is written with, so ``end + _AFTER`` is above every
#: finer period inside ``end`` ("2024~" > "2024-12-31") and below the next one ("2025").
_AFTER = "~"


@dataclass(slots=True)
class ClaimFilter:
    """What a claims read selects (see the module doc for each field's meaning)."""

    kind: str | None = None
    unit: str | None = None
    period: str | None = None
    doc: str | int | None = None
    search: str | None = None
    review_state: str | None = None


def period_bounds(period: str) -> tuple[str, str] | None:
    """(first, last) of a period as written ("2024/2026" -> ("2024", "2026")); None when
    ``period`` is not one."""
    p = period.strip()
    if not PERIOD_RE.match(p):
        return None
    first, _, last = p.partition("/")
    return first, last or first


def _split_period(dialect: Dialect, col: Any) -> tuple[Any, Any]:
    """SQL for the first and last part of a stored period (both the period when no range)."""
    slash = func.instr(col, "/") if dialect.name == "sqlite" else func.strpos(col, "/")
    first = case((slash > 0, func.substr(col, 1, slash - 1)), else_=col)
    last = case((slash > 0, func.substr(col, slash + 1)), else_=col)
    return first, last


def period_condition(dialect: Dialect, col: Any, period: str) -> ColumnElement[bool]:
    """Rows whose period ``col`` shares some time with ``period`` (see the module doc).

    ISO dates written from the largest unit down compare as strings: a claim [a, b]
    overlaps the filter [lo, hi] when a <= hi~ and b~ >= lo, ``~`` closing a period over
    everything finer inside it.  PostgreSQL compares in the "C" collation, since a locale's
    collation may ignore the ``-`` and ``~``.
    """
    bounds = period_bounds(period)
    if bounds is None:
        return col == period.strip()  # type: ignore[no-any-return]
    lo, hi = bounds
    first, last = _split_period(dialect, col)
    last_closed = last.concat(_AFTER)
    hi_closed: Any = literal(hi + _AFTER)
    if dialect.name == "postgresql":
        first, last_closed, hi_closed = first.collate("C"), last_closed.collate("C"), hi_closed.collate("C")
    return and_(first <= hi_closed, last_closed >= lo)


def matching_periods(conn: Connection, period: str, stored: Any = None) -> list[str]:
    """The machine's distinct periods that share time with ``period``.

    For ``period IN (...)`` on the ``claims`` table: its index then finds the rows.  A
    ledger has a few hundred distinct periods, so the test runs a few hundred times
    instead of once per claim (on 100,000 claims: ~5 ms instead of ~50 ms).  ``LIMIT -1``
    keeps SQLite from pushing the test down into the scan of every row.  ``stored``: a
    select of those distinct periods (column ``p``) to test instead, the summary's
    (``ledger._summary.stored_periods``: no walk through the index at all).
    """
    distinct = select(claims_t.c.period.label("p")).distinct() if stored is None else stored
    if conn.dialect.name == "sqlite":
        distinct = distinct.limit(-1).offset(0)
    sub = distinct.subquery()
    stmt = select(sub.c.p).where(period_condition(conn.dialect, sub.c.p, period))
    return [str(r[0]) for r in conn.execute(stmt)]


def doc_clause(doc: str | int) -> ColumnElement[bool]:
    """Documents named by ``doc``: an id, a doc_key or a content-hash prefix (8+ hex)."""
    if isinstance(doc, int) or doc.isdigit():
        return documents_t.c.id == int(doc)
    prefix = doc.removeprefix("sha256:").lower()
    by_hash = documents_t.c.hash.like(prefix + "%") if re.fullmatch(r"[0-9a-f]{8,64}", prefix) else None
    by_key = documents_t.c.doc_key == doc
    return by_key if by_hash is None else or_(by_key, by_hash)


def claim_conditions(
    dialect: Dialect,
    f: ClaimFilter,
    src: Any,
    *,
    reviewed: bool = True,
    walk: bool = False,
    search: bool = True,
    periods: list[str] | None = None,
) -> list[ColumnElement[bool]]:
    """The conditions of ``f`` on ``src``: the ``claims_effective`` view, or the ``claims``
    table for rows nobody reviewed (``reviewed=False``: their effective values are the
    machine's and their state is ``machine``).

    ``walk`` writes the kind, unit and period tests so no index serves them (``col || ''``): the
    database then walks the sort order's index and stops at the page instead of sorting
    every match.  ``search=False`` leaves the search to the caller (``queries.claims_select``
    joins the FTS index on SQLite).  ``periods`` is ``matching_periods`` of ``f.period``
    when the caller has it: the ``claims`` table is then filtered through its index.
    """

    def col(name: str) -> Any:
        return src.c[name].concat("") if walk else src.c[name]

    conds: list[ColumnElement[bool]] = []
    if search and f.search and (found := search_condition(dialect, f.search, src, walk=walk)) is not None:
        conds.append(found)
    if f.kind and f.unit and not walk:
        # each side of the OR is one index's equality (kind and unit, kind and noun:
        # migration 0016), so the database reads just the matches of both
        kind = src.c.kind == f.kind
        conds.append(or_(and_(kind, src.c.unit == f.unit), and_(kind, src.c.noun == f.unit)))
    else:
        if f.kind:
            conds.append(col("kind") == f.kind)
        if f.unit:
            conds.append(or_(col("unit") == f.unit, col("noun") == f.unit))
    if f.period and periods is not None and not reviewed:
        conds.append(col("period").in_(periods))
    elif f.period:
        conds.append(period_condition(dialect, src.c.period, f.period))
    if f.doc is not None:
        if isinstance(f.doc, int) or f.doc.isdigit():
            conds.append(src.c.document_id == int(f.doc))
        else:
            conds.append(src.c.document_id.in_(select(documents_t.c.id).where(doc_clause(f.doc))))
    if f.review_state:
        if reviewed:
            conds.append(src.c.review_state == f.review_state)
        elif f.review_state != "machine":
            conds.append(false())
    return conds
