"""Typed rows: what the ledger hands to the rest of the package, instead of row dicts.

A stored claim is a ``ClaimRecord``: one row of ``claims_effective`` (the machine's values
with a reviewer's corrections overlaid) with its document's name, title and date.
``record_from_row`` is the one place a row becomes a record; ``ClaimRecord.to_claim`` is
the one way back to the extraction contract (``models.Claim``), and
``ledger._store.claim_row`` the one way from a ``Claim`` to a row.  The linker and the
checkers read records; the web turns each into its pydantic ``ClaimOut`` in one place.

Nothing here imports SQLAlchemy, so records can be built by hand (tests, pure checks)
without loading the database layer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date as Date
from typing import Any, cast

from claimledger._dates import parse_date_or_none
from claimledger.models import Claim, Frame, PeriodRole, Qualifier, Quantity, Span


def as_date(value: Any) -> Date | None:
    """A stored date (``YYYY-MM-DD``, possibly with a time after it) as a ``date``; None
    when missing or unreadable: a bad date in one document must not stop a read."""
    return parse_date_or_none(str(value)) if value else None


def json_object(raw: Any) -> dict[str, Any]:
    """A JSON object column (``details``, ``payload``) as a dict: text is decoded, a value the
    driver already decoded (PostgreSQL) is taken as it is; ``{}`` for anything else."""
    try:
        val = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return {}
    return val if isinstance(val, dict) else {}


def frame_of(raw: Any) -> Frame | None:
    """A stored ``frame`` column as a ``Frame``; None when NULL (stored before frames) or
    unreadable: one bad row must not stop a read."""
    if raw is None:
        return None
    d = json_object(raw)
    try:
        return Frame.from_dict(d) if d else None
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def json_list(raw: Any) -> tuple[str, ...]:
    """A JSON list column (``cues``) as strings; ``()`` for anything unreadable."""
    try:
        val = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return ()
    return tuple(str(v) for v in val) if isinstance(val, list) else ()


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One stored claim as every reader sees it: corrections applied, its document's name
    (``doc``), title and publication date attached, offsets into the document's text."""

    id: str
    doc: str  # the document's doc_key, the claim's "doc"
    kind: str
    subject: str
    period: str | None
    sentence: str
    sent_start: int
    seq: int = 0
    q_text: str | None = None
    q_start: int | None = None  # document offsets
    q_end: int | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    noun: str | None = None
    cues: tuple[str, ...] = field(default_factory=tuple)
    published: Date | None = None
    sent_end: int | None = None  # None: the end of ``sentence`` (records built by hand)
    document_id: int = 0
    document_title: str | None = None
    extractor: str = ""
    review_state: str = "machine"  # machine | accepted | corrected | rejected
    #: the extractor's frame (``models.Frame``); None for a claim stored before frames
    frame: Frame | None = None
    #: how ``period`` relates to the figure (``models.PeriodRole``); None without a period
    #: or for a claim stored before roles
    period_role: PeriodRole | None = None

    @property
    def measure_id(self) -> str | None:
        return None if self.frame is None else self.frame.measure.id

    @property
    def measure_free(self) -> bool | None:
        return None if self.frame is None else self.frame.measure.free

    @property
    def entity_id(self) -> str | None:
        return None if self.frame is None or self.frame.entity is None else self.frame.entity.id

    @property
    def entity_type(self) -> str | None:
        return None if self.frame is None or self.frame.entity is None else self.frame.entity.type

    @property
    def status(self) -> str | None:
        return None if self.frame is None else self.frame.status

    @property
    def basis_key(self) -> str | None:
        return None if self.frame is None else self.frame.basis_key

    @property
    def granularity(self) -> str | None:
        return None if self.frame is None else self.frame.granularity

    @property
    def attribution_id(self) -> str | None:
        a = None if self.frame is None else self.frame.attribution
        return None if a is None else a.id

    @property
    def has_quantity(self) -> bool:
        return self.q_text is not None and (
            self.value is not None or self.low is not None or self.high is not None
        )

    @property
    def point(self) -> float | None:
        """The stated level: the value, or the middle of a range."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high

    @property
    def q_rel(self) -> tuple[int, int]:
        """The quantity's span relative to the sentence text."""
        if self.q_start is None or self.q_end is None:
            return (0, 0)
        return (self.q_start - self.sent_start, self.q_end - self.sent_start)

    @property
    def span(self) -> Span:
        """The sentence with its document offsets."""
        end = self.sent_end if self.sent_end is not None else self.sent_start + len(self.sentence)
        return Span(self.sent_start, end, self.sentence)

    def _figure(self) -> Quantity:
        # A figure with text has its span and qualifier: the ledger stores them from a Quantity.
        return Quantity(
            text=cast(str, self.q_text),
            start=int(cast(int, self.q_start)),
            end=int(cast(int, self.q_end)),
            value=self.value,
            low=self.low,
            high=self.high,
            qualifier=cast(Qualifier, self.qualifier or "exact"),
            unit=self.unit,
            noun=self.noun,
        )

    def quantity(self) -> Quantity | None:
        """The figure as the extractor's ``Quantity``; None for a claim without a number."""
        return self._figure() if self.has_quantity else None

    def quantity_dict(self) -> dict[str, Any] | None:
        """The figure in the JSON contract's shape (``Quantity.to_dict``); None without one."""
        q = self.quantity()
        return None if q is None else q.to_dict()

    def to_claim(self) -> Claim:
        """The extraction contract (``Claim``) of this record; ``doc`` is the document's name."""
        return Claim(
            doc=self.doc or str(self.document_id),
            id=self.id,
            kind=cast(Any, self.kind),
            subject=self.subject,
            period=self.period,
            sentence=self.span,
            quantity=self._figure() if self.q_text is not None else None,
            cues=list(self.cues),
            extractor=self.extractor,
            frame=self.frame,
            period_role=self.period_role,
        )

    @classmethod
    def from_claim(cls, c: Claim, published: Date | str | None = None, seq: int = 0) -> ClaimRecord:
        """A record of an extracted ``Claim`` that was never stored (database-free use)."""
        q = c.quantity
        return cls(
            id=c.id,
            doc=c.doc,
            kind=c.kind,
            subject=c.subject,
            period=c.period,
            sentence=c.sentence.text,
            sent_start=c.sentence.start,
            seq=seq,
            q_text=q.text if q else None,
            q_start=q.start if q else None,
            q_end=q.end if q else None,
            value=q.value if q else None,
            low=q.low if q else None,
            high=q.high if q else None,
            qualifier=q.qualifier if q else None,
            unit=q.unit if q else None,
            noun=q.noun if q else None,
            cues=tuple(c.cues),
            published=as_date(published) if isinstance(published, str) else published,
            sent_end=c.sentence.end,
            extractor=c.extractor,
            frame=c.frame,
            period_role=c.period_role,
        )


def record_from_row(r: Mapping[Any, Any]) -> ClaimRecord:
    """The record of a ``claims_effective`` (or ``claims``) row joined with its document's
    ``doc_key``, ``published`` and, when selected, ``title``."""
    return ClaimRecord(
        id=r["id"],
        doc=r["doc_key"],
        kind=r["kind"],
        subject=r["subject"] or "",
        period=r["period"],
        sentence=r["sentence"],
        sent_start=r["sent_start"],
        seq=r["seq"],
        q_text=r["q_text"],
        q_start=r["q_start"],
        q_end=r["q_end"],
        value=r["value"],
        low=r["low"],
        high=r["high"],
        qualifier=r["qualifier"],
        unit=r["unit"],
        noun=r["noun"],
        cues=json_list(r["cues"]),
        published=as_date(r["published"]),
        sent_end=r["sent_end"],
        document_id=r["document_id"],
        document_title=r.get("title"),
        extractor=r["extractor"],
        review_state=r.get("review_state") or "machine",
        frame=frame_of(r.get("frame")),
        period_role=r.get("period_role"),
    )


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A stored document with its number of (machine) claims; ``text`` only when asked for."""

    id: int
    hash: str
    doc_key: str
    title: str | None
    source: str | None
    url: str | None
    speaker: str | None
    published: str | None  # YYYY-MM-DD as stored, or None
    format: str
    ingested_at: str
    extractor: str
    claims: int = 0
    text: str | None = None

    @property
    def published_date(self) -> Date | None:
        return as_date(self.published)

    def to_dict(self) -> dict[str, Any]:
        """The ``claimledger docs`` line: every column but the text, then ``claims``."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "text"}


def document_from_row(r: Mapping[Any, Any], claims: int = 0) -> StoredDocument:
    return StoredDocument(
        id=r["id"],
        hash=r["hash"],
        doc_key=r["doc_key"],
        title=r["title"],
        source=r["source"],
        url=r["url"],
        speaker=r["speaker"],
        published=r["published"],
        format=r["format"],
        ingested_at=r["ingested_at"],
        extractor=r["extractor"],
        claims=int(r.get("claims", claims) or 0),
        text=r.get("text"),
    )


@dataclass(frozen=True, slots=True)
class Correction:
    """A reviewer's decision on a claim (``corrections``): its state and the fields changed."""

    claim_id: str
    state: str  # accepted | corrected | rejected
    kind: str | None = None
    subject: str | None = None
    period: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    reviewer: str = ""
    updated_at: str = ""


@dataclass(frozen=True, slots=True)
class PromiseOverride:
    """A reviewer's promise status for a target claim (``promise_overrides``)."""

    claim_id: str
    status: str
    note: str | None
    reviewer: str
    at: str


@dataclass(frozen=True, slots=True)
class ClaimRating:
    """A reviewer's verdict on a claim (``claim_ratings``): the scale's label and its position
    on the scale when it was given, the written ruling, who and when."""

    claim_id: str
    label: str
    value: float | None
    best: float | None
    worst: float | None
    scale: str
    ruling: str
    reviewer: str
    rated_at: str


@dataclass(frozen=True, slots=True)
class ReviewEvent:
    """One entry of the audit log (``review_events``), its payload decoded."""

    id: int
    at: str
    reviewer: str
    action: str
    target_type: str
    target_id: str
    note: str | None
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class StoredIndicator:
    """An indicator with its number of claims and the first and last period among them,
    and the frame key it was linked on (None when linked by subject phrase)."""

    id: int
    key: str
    name: str
    dimension: str | None
    claims: int = 0
    first_period: str | None = None
    last_period: str | None = None
    measure_id: str | None = None
    entity_id: str | None = None
    basis_key: str | None = None
    free: bool = False


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    """What the linker asks the ledger to store for one indicator: its display name and
    dimension, the frame key its figures share (``None`` when linked by subject phrase),
    and ``free`` when every figure's measure is a free phrase."""

    name: str
    dimension: str | None
    measure_id: str | None = None
    entity_id: str | None = None
    basis_key: str | None = None
    free: bool = False


@dataclass(frozen=True, slots=True)
class StoredFinding:
    """A stored finding, its details decoded, with the (claim id, role) pairs it cites."""

    id: str
    type: str
    severity: str
    message: str
    details: dict[str, Any]
    checker: str
    created_at: str
    links: tuple[tuple[str, str], ...] = ()


def row_to(cls: Any, r: Mapping[Any, Any], **decoded: Any) -> Any:
    """An instance of the row dataclass ``cls`` from a row holding its fields by name."""
    return cls(**{f.name: decoded[f.name] if f.name in decoded else r[f.name] for f in fields(cls)})


@dataclass(frozen=True, slots=True)
class IndicatorLink:
    """A claim's place in an indicator: the indicator, and why the linker put it there."""

    id: int
    name: str
    dimension: str | None = None
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class FindingRef:
    """A finding as a claim's page lists it."""

    id: str
    type: str
    severity: str
    message: str
