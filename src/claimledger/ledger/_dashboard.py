"""Reads that join several parts of the ledger: one claim with all its links, indicators,
findings, the promise board and the overview's counts.

Reads: the effective view and ``claims``, ``documents``, ``indicators``/``indicator_claims``,
``findings``/``finding_claims``, ``corrections``, ``promise_overrides`` and
``review_events``.  Writes nothing.  Each read opens one connection, so what it returns
comes from one state of the ledger; the dashboard (``claimledger.web``) shapes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, and_, case, cast, func, literal_column, or_, select
from sqlalchemy.engine import Connection, Engine

from claimledger.errors import LedgerError
from claimledger.ledger._browse import decode_values, documents_with_counts, encode_cursor, finding_refs
from claimledger.ledger._findings import promise_history
from claimledger.ledger._promises import PromiseTarget
from claimledger.ledger._ratings import claim_rating
from claimledger.ledger._review import promise_findings_of, promise_overrides_by_claim
from claimledger.ledger._rows import (
    ClaimRating,
    ClaimRecord,
    IndicatorLink,
    PromiseOverride,
    ReviewEvent,
    StoredDocument,
    StoredFinding,
    StoredIndicator,
    json_object,
    record_from_row,
    row_to,
)
from claimledger.ledger._search import like_pattern
from claimledger.ledger._summary import (
    has_summary,
    indicator_spans,
    promise_column,
    promise_column_counts,
    summary_counts,
)
from claimledger.ledger.queries import chunks, effective, record_select, records_by_id
from claimledger.ledger.schema import claims as claims_t
from claimledger.ledger.schema import (
    documents,
    finding_claims,
    findings,
    indicator_claims,
    indicators,
    ledger_summary,
    review_events,
)
from claimledger.models import FINDING_TYPES


@dataclass(frozen=True, slots=True)
class CitedFinding:
    """A finding with the claims it cites: (role, record), by document date and order."""

    finding: StoredFinding
    claims: list[tuple[str, ClaimRecord]]


@dataclass(frozen=True, slots=True)
class PromiseInfo:
    """What is known about a target's promise status: the reviewer's (if any), the
    (details, role) of each promise finding citing it, and the evidence (role, record)."""

    override: PromiseOverride | None
    machine_findings: list[tuple[dict[str, Any], str]]
    evidence: list[tuple[str, ClaimRecord]]
    #: the status history (``promise_events``), oldest first
    history: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    record: ClaimRecord
    machine: ClaimRecord | None  # the extractor's values, before any correction
    indicators: list[IndicatorLink]
    findings: list[CitedFinding]
    promise: PromiseInfo | None  # targets only
    audit: list[ReviewEvent]
    rating: ClaimRating | None = None  # the reviewer's verdict in force


@dataclass(frozen=True, slots=True)
class IndicatorsPage:
    total: int
    indicators: list[StoredIndicator]


@dataclass(frozen=True, slots=True)
class IndicatorDetail:
    indicator: StoredIndicator  # claims and period span counted over ``claims``
    claims: list[tuple[ClaimRecord, str]]  # (record, the linker's explanation), by period
    findings: list[CitedFinding]
    audit: list[ReviewEvent]


@dataclass(frozen=True, slots=True)
class FindingsPage:
    total: int
    findings: list[CitedFinding]
    by_type: dict[str, int]
    by_severity: dict[str, int]
    #: the keyset cursor of the next page (``after=``), None on the last page
    next_after: str | None = None


@dataclass(frozen=True, slots=True)
class PromiseBoardRows:
    """The rows a page of the promise board shows, by target claim id."""

    records: dict[str, ClaimRecord]
    evidence: dict[str, list[tuple[str, ClaimRecord]]]
    overrides: dict[str, PromiseOverride]


@dataclass(frozen=True, slots=True)
class LedgerCounts:
    """The overview's numbers: claims by effective kind and review state, and the rest."""

    documents: int
    by_kind: Counter[str]
    by_state: Counter[str]
    indicators: int
    findings_by_type: dict[str, int]
    findings_by_severity: dict[str, int]
    promise_statuses: dict[str, int] | None
    recent_documents: list[StoredDocument]
    recent_events: list[ReviewEvent]


# --- audit log and findings ---------------------------------------------------------------


def _event(r: Any) -> ReviewEvent:
    return row_to(ReviewEvent, r, payload=json_object(r["payload"]))  # type: ignore[no-any-return]


def audit_log(conn: Connection, targets: Sequence[tuple[str, str]]) -> list[ReviewEvent]:
    """Review events about any of ``targets`` ((type, id) pairs), newest first (200 at most)."""
    if not targets:
        return []
    cond = or_(*[and_(review_events.c.target_type == t, review_events.c.target_id == i) for t, i in targets])
    rows = conn.execute(select(review_events).where(cond).order_by(review_events.c.id.desc()).limit(200))
    return [_event(r) for r in rows.mappings()]


def finding_counts(conn: Connection) -> tuple[dict[str, int], dict[str, int]]:
    """Stored findings by type and by severity (from the summary counts)."""
    got = summary_counts(conn)
    return got.findings_by_type, got.findings_by_severity


def findings_by_ids(conn: Connection, ids: Sequence[str]) -> list[CitedFinding]:
    """Findings in the order of ``ids``, each with the claims it cites."""
    if not ids:
        return []
    found: dict[str, StoredFinding] = {}
    cited: dict[str, list[tuple[str, ClaimRecord]]] = {}
    for part in chunks(list(ids)):
        for r in conn.execute(select(findings).where(findings.c.id.in_(part))).mappings():
            found[r["id"]] = row_to(StoredFinding, r, details=json_object(r["details"]), links=())
        stmt = (
            record_select()
            .add_columns(finding_claims.c.finding_id, finding_claims.c.role)
            .join(finding_claims, finding_claims.c.claim_id == effective.c.id)
            .where(finding_claims.c.finding_id.in_(part))
            .order_by(finding_claims.c.finding_id, documents.c.published, effective.c.seq)
        )
        for r in conn.execute(stmt).mappings():
            if r["finding_id"] in found:
                cited.setdefault(r["finding_id"], []).append((r["role"], record_from_row(r)))
    return [CitedFinding(found[i], cited.get(i, [])) for i in ids if i in found]


# --- one claim ----------------------------------------------------------------------------


def _promise_evidence(conn: Connection, target_ids: list[str]) -> dict[str, list[tuple[str, ClaimRecord]]]:
    """For each target, the other claims of its promise findings (the evidence), with their
    role."""
    out: dict[str, list[tuple[str, ClaimRecord]]] = {}
    if not target_ids:
        return out
    # Step by step (see ledger._review.promise_findings_of): the targets' own finding
    # links, then which of those findings are promises, then their other claims.
    links: list[tuple[str, str]] = []
    for part in chunks(target_ids):
        links.extend(
            (str(cid), str(fid))
            for cid, fid in conn.execute(
                select(finding_claims.c.claim_id, finding_claims.c.finding_id).where(
                    finding_claims.c.claim_id.in_(part)
                )
            )
        )
    promise_ids: set[str] = set()
    for part in chunks(sorted({fid for _, fid in links})):
        promise_ids |= {
            r[0]
            for r in conn.execute(
                select(findings.c.id).where(findings.c.id.in_(part), findings.c.type == "promise")
            )
        }
    members: dict[str, list[tuple[str, str]]] = {}
    for part in chunks(sorted(promise_ids)):
        for fid, cid, role in conn.execute(
            select(finding_claims.c.finding_id, finding_claims.c.claim_id, finding_claims.c.role).where(
                finding_claims.c.finding_id.in_(part)
            )
        ):
            members.setdefault(fid, []).append((cid, role))
    pairs = [
        (a, b, role) for a, fid in links if fid in promise_ids for b, role in members.get(fid, []) if b != a
    ]
    records = records_by_id(conn, sorted({b for _, b, _ in pairs}))
    for a, b, role in pairs:
        if b in records and role != "target":
            out.setdefault(a, []).append((role, records[b]))
    return out


def claim_detail(engine: Engine, claim_id: str) -> ClaimDetail | None:
    """A claim with everything its page shows: the machine's values, indicator links,
    findings, promise status (targets) and the audit log of it and its indicators."""
    with engine.connect() as conn:
        record = records_by_id(conn, [claim_id]).get(claim_id)
        if record is None:
            return None
        machine = records_by_id(conn, [claim_id], claims_t).get(claim_id)
        links = [
            IndicatorLink(r.id, r.name, r.dimension, r.explanation)
            for r in conn.execute(
                select(
                    indicators.c.id, indicators.c.name, indicators.c.dimension, indicator_claims.c.explanation
                )
                .join(indicator_claims, indicator_claims.c.indicator_id == indicators.c.id)
                .where(indicator_claims.c.claim_id == claim_id)
            )
        ]
        f_ids = [
            r[0]
            for r in conn.execute(
                select(finding_claims.c.finding_id).where(finding_claims.c.claim_id == claim_id)
            )
        ]
        found = findings_by_ids(conn, f_ids)
        promise = None
        if record.kind == "target":
            promise = PromiseInfo(
                promise_overrides_by_claim(conn, [claim_id]).get(claim_id),
                promise_findings_of(conn, claim_id),
                _promise_evidence(conn, [claim_id]).get(claim_id, []),
                promise_history(conn, claim_id),
            )
        targets = [("claim", claim_id), ("promise", claim_id)] + [("indicator", str(i.id)) for i in links]
        audit = audit_log(conn, targets)
        rating = claim_rating(conn, claim_id)
    return ClaimDetail(record, machine, links, found, promise, audit, rating)


# --- indicators ---------------------------------------------------------------------------


def indicators_page(
    engine: Engine, *, q: str | None = None, offset: int = 0, limit: int = 50
) -> IndicatorsPage:
    """Indicators whose name contains ``q`` (any case), largest first, with their claim
    counts and period span.  Counts come from the summary the writes keep (part
    ``indicator``; counted over ``indicator_claims`` on a ledger from before 0015);
    period spans only for the page."""
    with engine.connect() as conn:
        if has_summary(conn):
            s = ledger_summary
            sub = (
                select(s.c.key.label("iid"), s.c.n.label("n"))
                .where(s.c.part == "indicator")
                .subquery("counts")
            )
            joined = indicators.outerjoin(sub, sub.c.iid == cast(indicators.c.id, Text))
        else:
            n = func.count().label("n")
            counts = select(indicator_claims.c.indicator_id.label("iid"), n).group_by(
                indicator_claims.c.indicator_id
            )
            sub = counts.subquery("counts")
            joined = indicators.outerjoin(sub, sub.c.iid == indicators.c.id)
        base = select(indicators.c.id, func.coalesce(sub.c.n, 0).label("n")).select_from(joined)
        if q and q.strip():
            # ILIKE: case-insensitive on PostgreSQL too (SQLite's LIKE already is, for ASCII)
            base = base.where(indicators.c.name.ilike(like_pattern(q.strip()), escape="\\"))
        ranked = base.subquery("ranked")
        total = int(conn.execute(select(func.count()).select_from(ranked)).scalar_one())
        rows = (
            conn.execute(
                select(indicators, ranked.c.n)
                .join(ranked, ranked.c.id == indicators.c.id)
                .order_by(ranked.c.n.desc(), indicators.c.name, indicators.c.id)
                .limit(limit)
                .offset(offset)
            )
            .mappings()
            .all()
        )
        ids = [r["id"] for r in rows]
        spans: dict[int, tuple[str | None, str | None]] = {}
        kept = indicator_spans(conn, ids) if ids else None
        if kept is not None:
            spans.update(kept)  # the summary rows the writes keep (migration 0017)
        elif ids:
            for iid, first, last in conn.execute(
                select(
                    indicator_claims.c.indicator_id,
                    func.min(effective.c.period),
                    func.max(effective.c.period),
                )
                .join(effective, effective.c.id == indicator_claims.c.claim_id)
                .where(indicator_claims.c.indicator_id.in_(ids))
                .group_by(indicator_claims.c.indicator_id)
            ):
                spans[int(iid)] = (first, last)
    return IndicatorsPage(total, [_indicator(r, r["n"], *spans.get(r["id"], (None, None))) for r in rows])


def _indicator(r: Any, n: int, first: str | None, last: str | None) -> StoredIndicator:
    return StoredIndicator(
        r["id"], r["key"], r["name"], r["dimension"], n, first, last,
        r["measure_id"], r["entity_id"], r["basis_key"], bool(r["free"]),
    )  # fmt: skip


def indicator_detail(engine: Engine, indicator_id: int) -> IndicatorDetail | None:
    """An indicator with its claims in period order, their findings and its audit log."""
    with engine.connect() as conn:
        row = conn.execute(select(indicators).where(indicators.c.id == indicator_id)).mappings().first()
        if row is None:
            return None
        stmt = (
            record_select()
            .add_columns(indicator_claims.c.explanation)
            .join(indicator_claims, indicator_claims.c.claim_id == effective.c.id)
            .where(indicator_claims.c.indicator_id == indicator_id)
            .order_by(effective.c.period, documents.c.published, effective.c.seq, effective.c.id)
        )
        claims = [(record_from_row(r), str(r["explanation"])) for r in conn.execute(stmt).mappings()]
        ids = [c.id for c, _ in claims]
        f_ids = sorted({f.id for refs in finding_refs(conn, ids).values() for f in refs})
        found = findings_by_ids(conn, f_ids)
        audit = audit_log(conn, [("indicator", str(indicator_id))])
    periods = [c.period for c, _ in claims if c.period]
    ind = _indicator(row, len(claims), min(periods, default=None), max(periods, default=None))
    return IndicatorDetail(ind, claims, found, audit)


# --- findings -----------------------------------------------------------------------------


def findings_page(
    engine: Engine,
    *,
    type: str | None = None,
    severity: str | None = None,
    ids: Sequence[str] | None = None,
    documents: Sequence[int] | None = None,
    offset: int = 0,
    limit: int = 50,
    after: str | None = None,
) -> FindingsPage:
    """Findings (of ``type``, of ``severity``, among ``ids``, citing a claim of one of
    ``documents``), most severe first, then most confident, with their claims.
    ``severity`` is one severity, ``flagged`` (warnings and errors: what a fact-checker
    reads first) or ``all``/None.  ``after``: a previous page's ``next_after`` (keyset:
    ``offset`` is then ignored).  Totals without a document or id filter come from the
    summary counts."""
    with engine.connect() as conn:
        conds = []
        if type:
            conds.append(findings.c.type == type)
        if severity == "flagged":
            conds.append(findings.c.severity.in_(FLAGGED))
        elif severity and severity != "all":
            conds.append(findings.c.severity == severity)
        if ids is not None:
            conds.append(findings.c.id.in_(list(ids)))
        if documents is not None:
            cited = (
                select(finding_claims.c.finding_id)
                .join(claims_t, claims_t.c.id == finding_claims.c.claim_id)
                .where(claims_t.c.document_id.in_(list(documents)))
            )
            conds.append(findings.c.id.in_(cited))
        where = and_(True, *conds)
        by_type, by_severity = finding_counts(conn)
        quick = (
            _summary_total(type, severity, by_type, by_severity)
            if ids is None and documents is None
            else None
        )
        if quick is not None:
            total = quick
        else:
            total = int(conn.execute(select(func.count()).select_from(findings).where(where)).scalar_one())
        ranked, nxt = _ranked_ids(conn, where, offset, limit, after)
        found = findings_by_ids(conn, ranked)
    return FindingsPage(total, found, by_type, by_severity, nxt)


def _summary_total(
    type: str | None, severity: str | None, by_type: dict[str, int], by_severity: dict[str, int]
) -> int | None:
    """The count of a type alone or a severity alone, from the summary counts."""
    sev = None if severity in (None, "all") else severity
    if type and sev:
        return None
    if type:
        return by_type.get(type, 0)
    if sev == "flagged":
        return sum(by_severity.get(s, 0) for s in FLAGGED)
    if sev:
        return by_severity.get(sev, 0)
    return sum(by_type.values())


#: The severities a reader is shown first (the findings list's default, the overview's top).
FLAGGED = ("error", "warning")


def _ranked_ids(
    conn: Connection, where: Any, offset: int, limit: int, after: str | None = None
) -> tuple[list[str], str | None]:
    """Ids of the findings matching ``where`` in ``checks.run.rank``'s order (severity,
    then confidence, then type in ``models.FINDING_TYPES``' order), one page of them, and
    the cursor of the next page.  From a cursor (``after``) the page starts after its row."""
    sev_rank = case({"error": 0, "warning": 1}, value=findings.c.severity, else_=2)
    order = {t: i for i, t in enumerate(FINDING_TYPES)}
    by_type = case(order, value=findings.c.type, else_=len(order))
    conf = _confidence_expr(conn)
    conds = [where]
    if after is not None:
        s, c, t, last = _finding_cursor(after)
        offset = 0
        conds.append(
            or_(
                sev_rank > s,
                and_(sev_rank == s, conf < c),
                and_(sev_rank == s, conf == c, by_type > t),
                and_(sev_rank == s, conf == c, by_type == t, findings.c.id > last),
            )
        )
    stmt = (
        select(findings.c.id, sev_rank, conf, by_type)
        .where(*conds)
        .order_by(sev_rank, conf.desc(), by_type, findings.c.id)
        .limit(limit + 1)
        .offset(offset)
    )
    rows = conn.execute(stmt).all()
    page = rows[:limit]
    nxt = None
    if len(rows) > limit:
        fid, s, c, t = page[-1]
        nxt = encode_cursor([int(s), float(c), int(t), str(fid)])
    return [r[0] for r in page], nxt


def _finding_cursor(after: str) -> tuple[int, float, int, str]:
    """(severity rank, confidence, type rank, id) of a findings cursor; E068 if not one."""
    values = decode_values(after)
    if (
        len(values) == 4
        and isinstance(values[0], int)
        and isinstance(values[1], (int, float))
        and isinstance(values[2], int)
        and isinstance(values[3], str)
    ):
        return int(values[0]), float(values[1]), int(values[2]), values[3]
    raise LedgerError("E068", "after= is not a page cursor of the findings list")


def top_findings(engine: Engine, limit: int = 5) -> list[CitedFinding]:
    """The ``limit`` most important warnings and errors, with their claims: the stored
    findings ranked in SQL with a LIMIT (``ix_findings_severity`` narrows them to the
    flagged ones), never a pass over the claims."""
    with engine.connect() as conn:
        ids, _ = _ranked_ids(conn, findings.c.severity.in_(FLAGGED), 0, limit)
        return findings_by_ids(conn, ids)


# --- promises -----------------------------------------------------------------------------


def _confidence_expr(conn: Connection) -> Any:
    """The ``confidence`` field of a finding's JSON details (0 when absent), as a number."""
    if conn.dialect.name == "sqlite":
        return func.coalesce(func.json_extract(findings.c.details, "$.confidence"), 0)
    return literal_column("COALESCE((CAST(findings.details AS json) ->> 'confidence')::float, 0)")


@dataclass(frozen=True, slots=True)
class PromiseColumns:
    """The promise board's targets: how many have each status (sorted by status), and one
    page of the columns asked for, each in the board's order (deadline, then id)."""

    counts: dict[str, int]
    pages: dict[str, list[PromiseTarget]]


def promise_columns(
    engine: Engine, choose: Callable[[dict[str, int]], list[str]], offset: int, limit: int
) -> PromiseColumns | None:
    """The board from the stored statuses (``promise_status`` and the summary's promise
    counts, migration 0016): ``choose`` picks the columns from the counts, and each
    column's page is read through its index.  None on a ledger without them (opened
    read-only before 0016): the caller computes the statuses (``promise_targets``)."""
    with engine.connect() as conn:
        counts = promise_column_counts(conn)
        if counts is None:
            return None
        pages = {st: promise_column(conn, st, offset, limit) for st in choose(counts)}
    return PromiseColumns(counts, pages)


def promise_board_rows(engine: Engine, ids: list[str]) -> PromiseBoardRows:
    """The records, evidence and reviewers' notes of the targets ``ids``."""
    with engine.connect() as conn:
        return PromiseBoardRows(
            records_by_id(conn, ids),
            _promise_evidence(conn, ids),
            promise_overrides_by_claim(conn, ids),
        )


# --- overview -----------------------------------------------------------------------------


def ledger_counts(engine: Engine, *, promises: bool = True) -> LedgerCounts:
    """The numbers on the front page, read from the summary the writes keep
    (``ledger._summary``, never counted over ``claims``), with the newest documents and
    review events.  ``promises=False`` leaves the promise statuses out (the caller has
    them)."""
    with engine.connect() as conn:
        got = summary_counts(conn)
        by_kind: Counter[str] = Counter(got.by_kind)
        by_state: Counter[str] = Counter(got.by_state)
        n_docs, n_ind = got.documents, got.indicators
        by_type, by_severity = got.findings_by_type, got.findings_by_severity
        statuses = got.promise_statuses if promises else None
        stmt = select(*[c for c in documents.c if c.name != "text"]).order_by(documents.c.id.desc()).limit(5)
        recent = documents_with_counts(conn, stmt)
        events = [
            _event(r)
            for r in conn.execute(
                select(review_events).order_by(review_events.c.id.desc()).limit(8)
            ).mappings()
        ]
    return LedgerCounts(n_docs, by_kind, by_state, n_ind, by_type, by_severity, statuses, recent, events)
