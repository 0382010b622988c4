"""The data behind the pages that join several parts of the ledger: one claim with all its
links, the indicators, the findings, the promise board and the overview.

Reads: the ledger's joined reads (``claimledger.ledger``), which own every statement.
Writes nothing.  Results are the JSON API's shapes (``_models``, dumped to dicts).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from claimledger import ledger
from claimledger.models import KINDS, PROMISE_LABELS
from claimledger.review import PROMISE_STATUSES, choose_machine_status
from claimledger.web import _models
from claimledger.web._queries import BOARD_LIMIT, BOARD_ORDER, DEFAULT_PER_PAGE, MACHINE_FIELDS, page_info

if TYPE_CHECKING:
    from claimledger.ledger import CitedFinding, Engine, PromiseInfo, PromiseTarget


def _findings(found: list[CitedFinding]) -> list[_models.FindingOut]:
    return [_models.FindingOut.from_finding(c.finding, c.claims) for c in found]


def _promise(info: PromiseInfo) -> _models.PromiseDetail:
    """A target's promise status: the reviewer's if set, else the checker's, else
    ``unverified`` (a status is never guessed)."""
    o = info.override
    machine = choose_machine_status(info.machine_findings)
    return _models.PromiseDetail(
        status=o.status if o else machine or "unverified",
        source="reviewer" if o else "checker" if machine else "none",
        machine_status=machine,
        note=o.note if o else None,
        reviewer=o.reviewer if o else None,
        at=o.at if o else None,
        evidence=[_models.EvidenceOut.from_record(role, r) for role, r in info.evidence],
        history=[_models.PromiseEvent(**e) for e in info.history],
    )


def get_claim(engine: Engine, claim_id: str) -> dict[str, Any] | None:
    """A claim with everything the claim page shows: machine values, indicator links,
    findings, promise status and the audit log."""
    found = ledger.claim_detail(engine, claim_id)
    if found is None:
        return None
    m = found.machine
    return _models.ClaimDetail(
        claim=_models.ClaimOut.from_record(found.record),
        machine={f: getattr(m, f) for f in MACHINE_FIELDS} if m else {},
        indicators=[_models.IndicatorLink.from_link(i) for i in found.indicators],
        findings=_findings(found.findings),
        promise=_promise(found.promise) if found.promise else None,
        audit=[_models.AuditEvent.from_event(e) for e in found.audit],
        rating=_models.RatingOut.from_rating(found.rating) if found.rating else None,
    ).model_dump()


# --- indicators ---------------------------------------------------------------------------


def list_indicators(
    engine: Engine, *, q: str | None = None, page: int = 1, per_page: int = DEFAULT_PER_PAGE
) -> dict[str, Any]:
    """Indicators with their claim counts and period span, largest first."""
    found = ledger.indicators_page(engine, q=q, offset=(page - 1) * per_page, limit=per_page)
    return _models.IndicatorsPage(
        indicators=[_models.IndicatorOut.from_indicator(i) for i in found.indicators],
        pagination=_models.Pagination(**page_info(page, per_page, found.total)),
        q=q,
    ).model_dump()


def get_indicator(engine: Engine, indicator_id: int) -> dict[str, Any] | None:
    """An indicator with its claims in period order, their findings and its audit log (the
    page adds the chart)."""
    found = ledger.indicator_detail(engine, indicator_id)
    if found is None:
        return None
    claims = [_models.IndicatorClaimOut.from_record(r, explanation=why) for r, why in found.claims]
    return {
        "official": official_overlay(engine, [c.finding for c in found.findings]),
        "indicator": _models.IndicatorOut.from_indicator(found.indicator).model_dump(),
        "claims": [c.model_dump() for c in claims],
        "findings": [f.model_dump() for f in _findings(found.findings)],
        "audit": [_models.AuditEvent.from_event(e).model_dump() for e in found.audit],
    }


def official_overlay(engine: Engine, findings: list[ledger.StoredFinding]) -> list[dict[str, Any]]:
    """The official series the ``official`` findings of an indicator compare with: each
    series and entity once, its values in the claims' units, labelled with its vintage."""
    out: dict[tuple[int, str], dict[str, Any]] = {}
    for f in findings:
        ref = f.details.get("reference") if f.type == "official" else None
        if not isinstance(ref, dict) or "series_id" not in ref:
            continue
        key = (int(ref["series_id"]), str(f.details.get("entity")))
        level, official = ref.get("level"), f.details.get("official")
        if key in out or not level or official is None:
            continue
        factor = float(official) / float(level)  # unit and currency conversion the checker used
        with ledger.reading(engine) as conn:
            values = ledger.series_values(conn, key[0], key[1])
        out[key] = {
            "series_id": key[0],
            "entity": key[1],
            "label": str(ref.get("label") or ref.get("cite") or ""),
            "url": ref.get("url"),
            "points": [(v.period, v.level * factor) for v in values],
        }
    return list(out.values())


# --- findings -----------------------------------------------------------------------------


def list_findings(
    engine: Engine,
    *,
    type: str | None = None,
    severity: str | None = None,
    id: str | None = None,
    document: int | None = None,
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
    after: str | None = None,
) -> dict[str, Any]:
    """Findings, most severe first, each with the claims it rests on: one finding (``id``,
    its own address), or those citing a claim of ``document``.  Numbered pages, or keyset
    pages from a cursor (``after``); every page links to the next by cursor."""
    found = ledger.findings_page(
        engine,
        type=type,
        severity=severity,
        ids=[id] if id is not None else None,
        documents=[document] if document is not None else None,
        offset=(page - 1) * per_page,
        limit=per_page,
        after=after,
    )
    shown = {"type": type, "severity": severity, "id": id, "document": document}
    shown["per_page"] = None if per_page == DEFAULT_PER_PAGE else per_page
    nxt = found.next_after
    link = "/findings.json?" + urlencode({k: v for k, v in shown.items() if v is not None} | {"after": nxt})
    return _models.FindingsPage(
        findings=_findings(found.findings),
        pagination=_models.Pagination(**page_info(page, per_page, found.total)),
        filters={"type": type, "severity": severity, "id": id, "document": document},
        counts=_models.FindingCounts(by_type=found.by_type, by_severity=found.by_severity),
        after=after,
        next_after=nxt,
        links=_models.PageLinks(next=link if nxt else None),
    ).model_dump()


# --- promises -----------------------------------------------------------------------------


def promise_targets(engine: Engine) -> list[PromiseTarget]:
    """Every live target as (id, deadline, status, source) (see ``ledger.promise_targets``)."""
    with ledger.reading(engine) as conn:
        return ledger.promise_targets(conn)


def promise_board(
    engine: Engine,
    *,
    status: str | None = None,
    page: int = 1,
    per_page: int = BOARD_LIMIT,
    targets: Callable[[], list[PromiseTarget]] | None = None,
) -> dict[str, Any]:
    """Targets grouped by status, each with its deadline, note and evidence, soonest
    deadline first.  With ``status`` the board is one paginated column.  The statuses are
    the ledger's stored ones (``ledger.promise_columns``: one page per column through an
    index); on a ledger without them, every target's status is computed (``targets``:
    ``promise_targets``, cached by the caller)."""

    def choose(counts: dict[str, int]) -> list[str]:
        if status:
            return [status]
        return [s for s in BOARD_ORDER if s in counts] + sorted(set(counts) - set(BOARD_ORDER))

    offset = (page - 1) * per_page
    stored = ledger.promise_columns(engine, choose, offset, per_page)
    if stored is not None:
        counts, wanted = stored.counts, stored.pages
    else:
        every = targets() if targets is not None else promise_targets(engine)
        groups: dict[str, list[PromiseTarget]] = {}
        for t in every:
            groups.setdefault(t[2], []).append(t)
        counts = {st: len(ts) for st, ts in groups.items()}
        wanted = {st: groups.get(st, [])[offset : offset + per_page] for st in choose(counts)}
    order = list(wanted)
    rows = ledger.promise_board_rows(engine, [t[0] for ts in wanted.values() for t in ts])
    columns = []
    for st in order:
        items = []
        for cid, _period, _st, source in wanted[st]:
            r = rows.records.get(cid)
            if r is None:
                continue
            note = rows.overrides.get(cid)
            items.append(
                _models.PromiseItem(
                    claim=_models.ClaimOut.from_record(r),
                    status=st,
                    status_source=source,
                    deadline=r.period,
                    note=note.note if note else None,
                    reviewer=note.reviewer if note else None,
                    evidence=[
                        _models.EvidenceOut.from_record(role, e) for role, e in rows.evidence.get(cid, [])
                    ],
                )
            )
        count = counts.get(st, 0)
        columns.append(
            _models.PromiseColumn(
                status=st,
                count=count,
                items=items,
                pagination=_models.Pagination(**page_info(page, per_page, count)),
            )
        )
    return _models.PromiseBoard(
        statuses=columns,
        counts=counts,
        total=sum(counts.values()),
        status=status,
        known_statuses=list(PROMISE_STATUSES),
    ).model_dump()


#: How many findings the overview leads with.
TOP_FINDINGS = 5
#: At most this many new findings are listed after an upload (the rest are one link away).
NEW_FINDINGS_LISTED = 50


def new_findings(engine: Engine, document_ids: list[int]) -> list[dict[str, Any]]:
    """The findings citing a claim of the uploaded documents, most important first."""
    if not document_ids:
        return []
    found = ledger.findings_page(
        engine, severity="all", documents=document_ids, limit=NEW_FINDINGS_LISTED
    ).findings
    return [
        _models.FindingRef(
            id=c.finding.id,
            type=c.finding.type,
            severity=c.finding.severity,
            message=str(c.finding.details.get("headline") or c.finding.message),
            href=_models.finding_href(c.finding.id),
        ).model_dump()
        for c in found
    ]


def promise_words(counts: Counter[str] | dict[str, int]) -> list[_models.PromiseStatusOut]:
    """The promise board in words people use, in reading order (``models.PROMISE_LABELS``):
    every status with its count; "No status yet" only when some target has none."""
    return [
        _models.PromiseStatusOut(status=s, label=label, count=counts.get(s, 0), href=f"/promises?status={s}")
        for s, label in PROMISE_LABELS.items()
        if s != "unverified" or counts.get(s, 0)
    ] + [
        _models.PromiseStatusOut(status=s, label=s.replace("_", " "), count=n, href=f"/promises?status={s}")
        for s, n in counts.items()
        if s not in PROMISE_LABELS and n
    ]


# --- overview -----------------------------------------------------------------------------


def overview(engine: Engine, targets: list[PromiseTarget] | None = None) -> dict[str, Any]:
    """The numbers on the front page."""
    n = ledger.ledger_counts(engine, promises=targets is None)
    statuses = n.promise_statuses if targets is None else Counter(t[2] for t in targets)
    promises = Counter(statuses)
    by_kind = n.by_kind
    return _models.Overview(
        top_findings=_findings(ledger.top_findings(engine, TOP_FINDINGS)),
        promise_board=promise_words(promises),
        documents=n.documents,
        claims=sum(by_kind.values()),
        claims_by_kind={
            k: by_kind.get(k, 0) for k in (*KINDS, *sorted(k for k in by_kind if k not in KINDS))
        },
        claims_by_review_state={s: c for s, c in n.by_state.items() if c},
        indicators=n.indicators,
        findings=_models.FindingCounts(by_type=n.findings_by_type, by_severity=n.findings_by_severity),
        promises_by_status={s: promises[s] for s in BOARD_ORDER if promises.get(s)}
        | {s: c for s, c in promises.items() if s not in BOARD_ORDER},
        recent_documents=[_models.DocumentOut.from_document(d) for d in n.recent_documents],
        recent_reviews=[_models.AuditEvent.from_event(e) for e in n.recent_events],
    ).model_dump()


# --- audit log ----------------------------------------------------------------------------

#: The actions a review event can record (the /audit page's filter).
AUDIT_ACTIONS: tuple[str, ...] = (
    "accept",
    "correct",
    "reject",
    "rate",
    "set_promise_status",
    "merge_indicators",
    "split_indicator",
)

#: Columns of /audit.csv: the event, the claim it is about and its page, each change.
AUDIT_CSV_COLUMNS: tuple[str, ...] = (
    "id", "at", "reviewer", "action", "target_type", "target_id", "claim_sentence", "link", "changes", "note",
)  # fmt: skip


def audit_page(
    engine: Engine, *, page: int = 1, per_page: int = DEFAULT_PER_PAGE, action: str | None = None
) -> dict[str, Any]:
    """Every review event, newest first, with the sentence of the claim it is about."""
    found = ledger.audit_page(
        engine, offset=(page - 1) * per_page, limit=per_page, actions=[action] if action else None
    )
    return _models.AuditPage(
        events=[_models.AuditRowOut.from_row(r) for r in found.rows],
        pagination=_models.Pagination(**page_info(page, per_page, found.total)),
        action=action,
    ).model_dump()


def audit_csv_rows(engine: Engine, base_url: str = "") -> Iterator[list[Any]]:
    """The whole audit log as CSV rows (header first), oldest first, streamed."""
    yield list(AUDIT_CSV_COLUMNS)
    for row in ledger.iter_audit(engine):
        e = _models.AuditRowOut.from_row(row)
        changes = "; ".join(f"{c.field}: {_cell(c.before)} -> {_cell(c.after)}" for c in e.changes)
        link = f"{base_url}{e.href}" if e.href else None
        yield [
            e.id,
            e.at,
            e.reviewer,
            e.action,
            e.target_type,
            e.target_id,
            e.claim_sentence,
            link,
            changes,
            e.note,
        ]


def _cell(v: Any) -> str:
    return "" if v is None else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
