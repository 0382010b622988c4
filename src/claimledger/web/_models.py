"""Shapes of the JSON API, as pydantic models.  They drive ``/openapi.json`` and FastAPI
checks every response against them, so the documented shape is the shape served.
``tests/test_web_contract.py`` pins the same shapes from the outside.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


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


class Ref(BaseModel):
    id: int | str
    name: str | None = None
    href: str


class FindingRef(BaseModel):
    id: str
    type: str
    severity: str
    message: str
    href: str


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
    review_state: str = Field(description="machine | accepted | corrected | rejected")
    href: str


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


class ClaimsPage(BaseModel):
    claims: list[ClaimOut]
    pagination: Pagination
    filters: ClaimFilters
    sort: str
    order: str


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


class FindingOut(BaseModel):
    id: str
    type: str
    severity: str
    message: str
    details: dict[str, Any]
    checker: str
    created_at: str
    claims: list[FindingClaim]
    href: str


class FindingCounts(BaseModel):
    by_type: dict[str, int]
    by_severity: dict[str, int]


class FindingsPage(BaseModel):
    findings: list[FindingOut]
    pagination: Pagination
    filters: dict[str, str | None]
    counts: FindingCounts


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


class IndicatorLink(BaseModel):
    id: int
    name: str
    dimension: str | None
    explanation: str
    href: str


class EvidenceOut(BaseModel):
    id: str
    role: str
    quote: str
    document_title: str | None
    published: str | None
    href: str


class PromiseDetail(BaseModel):
    status: str
    source: str = Field(description="reviewer | checker | none")
    machine_status: str | None
    note: str | None
    reviewer: str | None
    at: str | None
    evidence: list[EvidenceOut]


class ClaimDetail(BaseModel):
    claim: ClaimOut
    machine: dict[str, Any] = Field(description="the extractor's values, before any correction")
    indicators: list[IndicatorLink]
    findings: list[FindingOut]
    promise: PromiseDetail | None
    audit: list[AuditEvent]


class IndicatorOut(BaseModel):
    id: int
    key: str
    name: str
    dimension: str | None
    claims: int
    first_period: str | None
    last_period: str | None
    href: str


class IndicatorsPage(BaseModel):
    indicators: list[IndicatorOut]
    pagination: Pagination
    q: str | None


class ChartOut(BaseModel):
    data: list[dict[str, Any]]
    layout: dict[str, Any]
    charted: int
    skipped: int


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


class Overview(BaseModel):
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
    max_bytes: int
    max_files: int
    allowed_extensions: list[str]
    endpoint: str


class UploadResult(BaseModel):
    name: str
    status: str = Field(description="ingested | duplicate | failed")
    document_id: int | None
    claims: int
    code: str | None = None
    reason: str | None = None
    href: str | None = None


class UploadOut(BaseModel):
    results: list[UploadResult]
    findings: int | None = Field(None, description="findings after re-checking, when checks ran")


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


class MergeIn(ReviewIn):
    indicator_ids: list[int]


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
