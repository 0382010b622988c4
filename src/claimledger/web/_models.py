"""Shapes of the JSON API, as pydantic models.  They drive ``/openapi.json`` and FastAPI
checks every response against them, so the documented shape is the shape served.
``tests/test_web_contract.py`` pins the same shapes from the outside.

The ledger hands the web typed rows (``claimledger.ledger``: ``ClaimRecord``,
``StoredDocument`` ...); each becomes its model here, in one ``from_*`` method, and the
pages render the models' dumps.  No other code builds these shapes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Self

from fastapi import Path
from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from claimledger import ledger


#: The largest id a ledger row can have: SQLite's INTEGER and PostgreSQL's bigint are signed
#: 64-bit.  A larger number names no row, and the database drivers raise OverflowError on
#: it, so ids are checked against this range where they enter (422, never a 500).
MAX_ID = 2**63 - 1
#: An id in a JSON body.
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]
#: Ids in the address.
DocId = Annotated[int, Path(ge=1, le=MAX_ID, description="document id")]
IndicatorId = Annotated[int, Path(ge=1, le=MAX_ID, description="indicator id")]


def parse_id(raw: str) -> int | None:
    """An id typed as text (a query parameter, a form field), or None when it is not one:
    ASCII digits only (``int`` also takes ``"\u0663"`` and refuses ``"\u00b2"``, which
    ``str.isdigit`` both allow), within ``1..MAX_ID``."""
    text = raw.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


class ErrorBody(BaseModel):
    code: str = Field(description="stable code: E0xx for ledger errors, or a short name such as not_found")
    message: str
    detail: Any = None


class ErrorOut(BaseModel):
    """The one error shape every endpoint uses."""

    error: ErrorBody


class Pagination(BaseModel):
    page: int
    per_page: int
    total: int
    pages: int


class SentenceOut(BaseModel):
    start: int
    end: int
    text: str


class QuantityOut(BaseModel):
    text: str | None
    start: int | None
    end: int | None
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    noun: str | None

    @classmethod
    def from_record(cls, r: ledger.ClaimRecord) -> QuantityOut | None:
        """A claim's figure; a reviewer may have given one to a claim the machine found
        without a number, and then it has no span."""
        if r.q_text is None and r.value is None and r.low is None:
            return None
        spanned = r.q_text is not None
        return cls(
            text=r.q_text,
            start=r.q_start if spanned else None,
            end=r.q_end if spanned else None,
            value=r.value,
            low=r.low,
            high=r.high,
            qualifier=r.qualifier or "exact",
            unit=r.unit,
            noun=r.noun,
        )


class Ref(BaseModel):
    id: int | str
    name: str | None = None
    href: str

    @classmethod
    def from_indicator(cls, i: ledger.IndicatorLink) -> Ref:
        return cls(id=i.id, name=i.name, href=f"/indicators/{i.id}")


def finding_href(finding_id: str) -> str:
    """A finding's own address: the findings page showing that one finding."""
    return f"/findings?id={finding_id}"


class FindingRef(BaseModel):
    id: str
    type: str
    severity: str
    message: str
    href: str

    @classmethod
    def from_ref(cls, f: ledger.FindingRef) -> FindingRef:
        return cls(id=f.id, type=f.type, severity=f.severity, message=f.message, href=finding_href(f.id))


def _published(r: ledger.ClaimRecord) -> str | None:
    return r.published.isoformat() if r.published else None


class ClaimOut(BaseModel):
    """A claim as the JSON line contract, with human corrections applied, plus the
    ledger's fields (document id and title, review state)."""

    id: str
    doc: str | None
    document_id: int
    document_title: str | None
    published: str | None
    seq: int
    kind: str
    subject: str
    period: str | None
    sentence: SentenceOut
    quantity: QuantityOut | None
    cues: list[str]
    extractor: str
    frame: dict[str, Any] | None = Field(
        description="the claim frame (docs/frame.md), as in the extraction contract; null for a "
        "claim stored before the ledger kept frames"
    )
    period_role: str | None = Field(description="point | deadline | since | range; null without a period")
    review_state: str = Field(description="machine | accepted | corrected | rejected")
    href: str

    @classmethod
    def from_record(cls, r: ledger.ClaimRecord, **extra: Any) -> Self:
        """The one conversion of a stored claim to the API's shape (``extra``: the fields
        a subclass adds)."""
        return cls(
            id=r.id,
            doc=r.doc,
            document_id=r.document_id,
            document_title=r.document_title,
            published=_published(r),
            seq=r.seq,
            kind=r.kind,
            subject=r.subject,
            period=r.period,
            sentence=SentenceOut(start=r.sent_start, end=r.span.end, text=r.sentence),
            quantity=QuantityOut.from_record(r),
            cues=list(r.cues),
            extractor=r.extractor,
            frame=None if r.frame is None else r.frame.to_dict(),
            period_role=r.period_role,
            review_state=r.review_state,
            href=f"/claims/{r.id}",
            **extra,
        )


class ClaimRowOut(ClaimOut):
    """A row of the claims table: the claim and the findings that cite it."""

    findings: list[FindingRef] = []


class DocClaimOut(ClaimOut):
    indicators: list[Ref] = []
    findings: list[FindingRef] = []


class IndicatorClaimOut(ClaimOut):
    explanation: str


class ClaimFilters(BaseModel):
    q: str | None
    kind: str | None
    unit: str | None
    period: str | None
    document: int | None
    state: str | None


class PageLinks(BaseModel):
    """Keyset pagination: the address of the next page (``after=`` the last row's cursor),
    None on the last page.  It reads one page of rows however deep it is."""

    next: str | None


class ClaimsPage(BaseModel):
    claims: list[ClaimRowOut]
    pagination: Pagination
    filters: ClaimFilters
    sort: str
    order: str
    #: the cursor this page starts after (``after=``), None for a numbered page
    after: str | None = None
    #: the cursor of the next page, None on the last page
    next_after: str | None = None
    links: PageLinks = PageLinks(next=None)


class DocumentOut(BaseModel):
    id: int
    doc_key: str
    title: str
    source: str | None
    url: str | None
    speaker: str | None
    published: str | None
    format: str
    ingested_at: str
    extractor: str
    claims: int
    href: str

    @classmethod
    def from_document(cls, d: ledger.StoredDocument, **extra: Any) -> Self:
        return cls(
            id=d.id,
            doc_key=d.doc_key,
            title=d.title or d.doc_key,
            source=d.source,
            url=d.url,
            speaker=d.speaker,
            published=d.published,
            format=d.format,
            ingested_at=d.ingested_at,
            extractor=d.extractor,
            claims=d.claims,
            href=f"/documents/{d.id}",
            **extra,
        )


class DocumentFull(DocumentOut):
    text: str


class DocumentsPage(BaseModel):
    documents: list[DocumentOut]
    pagination: Pagination


class DocumentDetail(BaseModel):
    document: DocumentFull
    claims: list[DocClaimOut]


class FindingClaim(BaseModel):
    id: str
    role: str
    doc: str | None
    document_id: int
    document_title: str | None
    published: str | None
    quote: str
    quantity: QuantityOut | None
    kind: str
    period: str | None
    href: str

    @classmethod
    def from_record(cls, role: str, r: ledger.ClaimRecord) -> FindingClaim:
        return cls(
            id=r.id,
            role=role,
            doc=r.doc,
            document_id=r.document_id,
            document_title=r.document_title,
            published=_published(r),
            quote=r.sentence,
            quantity=QuantityOut.from_record(r),
            kind=r.kind,
            period=r.period,
            href=f"/claims/{r.id}",
        )


class FindingOut(BaseModel):
    id: str
    type: str
    severity: str
    message: str
    headline: str = Field(
        description="the fact in one line (who, both figures, the gap): the message's first sentence"
    )
    details: dict[str, Any]
    checker: str
    created_at: str
    claims: list[FindingClaim]
    href: str

    @classmethod
    def from_finding(
        cls, f: ledger.StoredFinding, claims: list[tuple[str, ledger.ClaimRecord]]
    ) -> FindingOut:
        return cls(
            id=f.id,
            type=f.type,
            severity=f.severity,
            message=f.message,
            headline=str(f.details.get("headline") or f.message),
            details=f.details,
            checker=f.checker,
            created_at=f.created_at,
            claims=[FindingClaim.from_record(role, r) for role, r in claims],
            href=finding_href(f.id),
        )


class FindingCounts(BaseModel):
    by_type: dict[str, int]
    by_severity: dict[str, int]


class FindingsPage(BaseModel):
    findings: list[FindingOut]
    pagination: Pagination
    filters: dict[str, str | int | None]
    counts: FindingCounts
    #: keyset pagination, as on ``ClaimsPage``
    after: str | None = None
    next_after: str | None = None
    links: PageLinks = PageLinks(next=None)
    rechecking: bool = Field(
        default=False, description="the checks are running again after an upload; the findings may change"
    )


class AuditChange(BaseModel):
    field: str
    before: Any
    after: Any


class AuditEvent(BaseModel):
    id: int
    at: str
    reviewer: str
    action: str
    target_type: str
    target_id: str
    note: str | None
    changes: list[AuditChange]
    payload: dict[str, Any]

    @classmethod
    def from_event(cls, e: ledger.ReviewEvent) -> AuditEvent:
        """An audit event with ``changes``: each field whose value differs before and after."""
        before, after = e.payload.get("before"), e.payload.get("after")
        changes: list[AuditChange] = []
        if isinstance(before, dict) and isinstance(after, dict):
            for key in sorted(set(before) | set(after)):
                if before.get(key) != after.get(key):
                    changes.append(AuditChange(field=key, before=before.get(key), after=after.get(key)))
        return cls(
            id=e.id,
            at=e.at,
            reviewer=e.reviewer,
            action=e.action,
            target_type=e.target_type,
            target_id=e.target_id,
            note=e.note,
            changes=changes,
            payload=e.payload,
        )


class IndicatorLink(BaseModel):
    id: int
    name: str
    dimension: str | None
    explanation: str
    href: str

    @classmethod
    def from_link(cls, i: ledger.IndicatorLink) -> IndicatorLink:
        return cls(
            id=i.id, name=i.name, dimension=i.dimension, explanation=i.explanation, href=f"/indicators/{i.id}"
        )


class EvidenceOut(BaseModel):
    id: str
    role: str
    quote: str
    document_title: str | None
    published: str | None
    href: str

    @classmethod
    def from_record(cls, role: str, r: ledger.ClaimRecord) -> EvidenceOut:
        return cls(
            id=r.id,
            role=role,
            quote=r.sentence,
            document_title=r.document_title,
            published=_published(r),
            href=f"/claims/{r.id}",
        )


class PromiseEvent(BaseModel):
    date: str | None
    status: str | None
    rule: str = Field(description="what decided the status: the rule, or 'reviewer override'")
    source: str = Field(description="checker | reviewer")
    doc: str | None = None
    quote: str | None = None
    claim: str | None = Field(default=None, description="the evidence claim's id")
    reviewer: str | None = None
    note: str | None = None


class PromiseDetail(BaseModel):
    status: str
    source: str = Field(description="reviewer | checker | none")
    machine_status: str | None
    note: str | None
    reviewer: str | None
    at: str | None
    evidence: list[EvidenceOut]
    history: list[PromiseEvent] = Field(
        default_factory=list, description="every change of status, oldest first, a reviewer's too"
    )


class RatingOut(BaseModel):
    """A reviewer's verdict on a claim: the scale's label, its position (``value`` between
    ``worst`` and ``best``; null on a scale without numbers), the written ruling."""

    label: str
    value: float | None
    best: float | None
    worst: float | None
    scale: str
    ruling: str
    reviewer: str
    rated_at: str

    @classmethod
    def from_rating(cls, r: ledger.ClaimRating) -> RatingOut:
        return cls(**{f: getattr(r, f) for f in cls.model_fields})


class ClaimDetail(BaseModel):
    claim: ClaimOut
    machine: dict[str, Any] = Field(description="the extractor's values, before any correction")
    indicators: list[IndicatorLink]
    findings: list[FindingOut]
    promise: PromiseDetail | None
    audit: list[AuditEvent]
    rating: RatingOut | None = Field(None, description="the reviewer's verdict in force, if any")


class AuditRowOut(AuditEvent):
    """An audit event on the /audit page: with the claim it is about, if any."""

    claim_id: str | None
    claim_sentence: str | None
    href: str | None

    @classmethod
    def from_row(cls, row: ledger.AuditRow) -> AuditRowOut:
        base = AuditEvent.from_event(row.event).model_dump()
        if row.claim_id is not None:
            href: str | None = f"/claims/{row.claim_id}"
        elif row.event.target_type == "indicator":
            href = f"/indicators/{row.event.target_id}"
        else:
            href = None
        return cls(**base, claim_id=row.claim_id, claim_sentence=row.sentence, href=href)


class AuditPage(BaseModel):
    events: list[AuditRowOut]
    pagination: Pagination
    action: str | None = Field(None, description="only events of this action, if given")


class IndicatorOut(BaseModel):
    id: int
    key: str
    name: str
    dimension: str | None
    claims: int
    first_period: str | None
    last_period: str | None
    measure_id: str | None = Field(description="the frame key it was linked on; null when linked by subject")
    entity_id: str | None
    basis_key: str | None
    free: bool = Field(description="every figure's measure is a free phrase, not a taxonomy id")
    href: str

    @classmethod
    def from_indicator(cls, i: ledger.StoredIndicator) -> IndicatorOut:
        return cls(
            id=i.id,
            key=i.key,
            name=i.name,
            dimension=i.dimension,
            claims=i.claims,
            first_period=i.first_period,
            last_period=i.last_period,
            measure_id=i.measure_id,
            entity_id=i.entity_id,
            basis_key=i.basis_key,
            free=i.free,
            href=f"/indicators/{i.id}",
        )


class IndicatorsPage(BaseModel):
    indicators: list[IndicatorOut]
    pagination: Pagination
    q: str | None


class ChartOut(BaseModel):
    data: list[dict[str, Any]]
    layout: dict[str, Any]
    charted: int
    skipped: int
    #: official series overlaid (series_id, entity, label with vintage, url, points)
    official: list[dict[str, Any]] = []


class IndicatorDetail(BaseModel):
    indicator: IndicatorOut
    claims: list[IndicatorClaimOut]
    findings: list[FindingOut]
    audit: list[AuditEvent]
    chart: ChartOut


class PromiseItem(BaseModel):
    claim: ClaimOut
    status: str
    status_source: str
    deadline: str | None
    note: str | None
    reviewer: str | None
    evidence: list[EvidenceOut]


class PromiseColumn(BaseModel):
    status: str
    count: int
    items: list[PromiseItem]
    pagination: Pagination


class PromiseBoard(BaseModel):
    statuses: list[PromiseColumn]
    counts: dict[str, int]
    total: int
    status: str | None
    known_statuses: list[str]


class PromiseStatusOut(BaseModel):
    """One status of the promise board, in the words people use."""

    status: str = Field(description="the status key (not_due, due, kept, ...)")
    label: str = Field(description="the status in words: Kept, Broken, Overdue (no evidence yet), ...")
    count: int
    href: str


class Overview(BaseModel):
    top_findings: list[FindingOut] = Field(
        description="the most important warnings and errors, ranked by severity and confidence"
    )
    promise_board: list[PromiseStatusOut] = Field(
        description="every promise status in reading order, with its count (zero included)"
    )
    documents: int
    claims: int
    claims_by_kind: dict[str, int]
    claims_by_review_state: dict[str, int]
    indicators: int
    findings: FindingCounts
    promises_by_status: dict[str, int]
    recent_documents: list[DocumentOut]
    recent_reviews: list[AuditEvent]


class UploadInfo(BaseModel):
    max_bytes: int = Field(description="largest file")
    max_files: int
    max_request_bytes: int = Field(description="largest request (every file and field together)")
    allowed_extensions: list[str]
    endpoint: str


class UploadResult(BaseModel):
    name: str
    status: str = Field(description="ingested | duplicate | failed")
    document_id: int | None
    claims: int
    title: str | None = Field(
        None, description="the document's title: as given, from its metadata, or its first line"
    )
    code: str | None = None
    reason: str | None = None
    href: str | None = None


class UploadOut(BaseModel):
    results: list[UploadResult]
    rechecking: bool = Field(
        description="the checks are running in the background after this upload (/findings.json "
        "says when they are done)"
    )
    new_findings: list[FindingRef] | None = Field(
        None,
        description="the findings citing the uploaded documents' claims, most important first; "
        "null while the checks have not run over them (re-checking)",
    )


# --- request bodies -----------------------------------------------------------------------


class ReviewIn(BaseModel):
    reviewer: str | None = Field(None, description="who is reviewing; defaults to 'api'")
    note: str | None = None


class CorrectIn(ReviewIn):
    kind: str | None = None
    subject: str | None = None
    period: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    unit: str | None = None


class PromiseStatusIn(ReviewIn):
    status: str


class RateIn(ReviewIn):
    rating: str = Field(description="a label of the rating scale, e.g. 'Mostly accurate' (any case)")
    ruling: str = Field(description="the written reasoning for the rating")


class MergeIn(ReviewIn):
    indicator_ids: list[RowId]


class SplitIn(ReviewIn):
    claim_ids: list[str]


class ReviewOut(BaseModel):
    event_id: int
    action: str
    target_type: str
    target_id: str
    before: dict[str, Any]
    after: dict[str, Any]


class IndicatorActionOut(BaseModel):
    indicator_id: int
    href: str
