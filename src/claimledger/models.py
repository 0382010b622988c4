"""Typed values that flow through the pipeline.

Every stage reads and writes these dataclasses; nothing downstream of extraction works
on raw strings.  ``Claim.to_dict`` is the public JSON line contract (docs/json-contract.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["achievement", "status", "target", "forecast"]
Qualifier = Literal["exact", "approx", "at_least", "at_most", "range"]

KINDS: tuple[str, ...] = ("achievement", "status", "target", "forecast")
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "at_most", "range")

# --- the claim frame (docs/frame.md) ----------------------------------------------------

Status = Literal["actual", "estimate", "projection", "target", "assumption", "baseline", "revision"]
EntityType = Literal["country", "region", "city", "area", "organisation", "sector"]
RelationType = Literal[
    "change_from", "change_to", "change_by", "share_of", "part_of", "converted_from", "respectively"
]

STATUSES: tuple[str, ...] = (
    "actual",
    "estimate",
    "projection",
    "target",
    "assumption",
    "baseline",
    "revision",
)
#: Promise statuses (``review.PROMISE_STATUSES``) in the words people use, the one place
#: they are named for readers: the dashboard, the CLI and the promise findings' messages.
#: "due" alone is jargon: it means the deadline passed and no evidence has come in.
PROMISE_LABELS: dict[str, str] = {
    "kept": "Kept",
    "partly_kept": "Partly kept",
    "in_progress": "In progress",
    "not_kept": "Broken",
    "due": "Overdue (no evidence yet)",
    "not_due": "Not yet due",
    "unmeasurable": "Unmeasurable",
    "disputed": "Disputed",
    "unverified": "No status yet",
}

ENTITY_TYPES: tuple[str, ...] = ("country", "region", "city", "area", "organisation", "sector")
RELATION_TYPES: tuple[str, ...] = (
    "change_from",
    "change_to",
    "change_by",
    "share_of",
    "part_of",
    "converted_from",
    "respectively",
)
#: The closed vocabulary of a frame's ``basis``; the last eight are the period's
#: granularity, of which a basis holds at most one.
BASIS_TERMS: tuple[str, ...] = (
    "real",
    "nominal",
    "headline",
    "core",
    "excl_taxes",
    "excl_energy",
    "excl_food",
    "y/y",
    "q/q",
    "m/m",
    "annualised",
    "cumulative",
    "annual",
    "average",
    "per_capita",
    "share_of_gdp",
    "seasonally_adjusted",
    "year",
    "fiscal_year",
    "half_year",
    "quarter",
    "month",
    "week",
    "day",
    "multi_year",
)
GRANULARITIES: frozenset[str] = frozenset(BASIS_TERMS[-8:])
#: How a claim's period relates to its figure (``Claim.period_role``): ``point`` ("in
#: 2024", or a period from context or the document date), ``deadline`` ("by 2029"),
#: ``since`` (the run from "since 2020" to the statement) or ``range`` ("in 2026-2028").
PeriodRole = Literal["point", "deadline", "since", "range"]
PERIOD_ROLES: tuple[str, ...] = ("point", "deadline", "since", "range")
#: The fields of a frame whose cues are kept, in the order of the JSON contract.
FRAME_CUE_FIELDS: tuple[str, ...] = ("measure", "entity", "status", "basis", "attribution")


@dataclass(frozen=True, slots=True)
class Span:
    """A character span ``[start, end)`` of a document, with its text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure as written: its exact span, its value (magnitude applied) and unit.

    ``value`` is the point value; for a range it is ``None`` and ``low``/``high`` are set.
    For a bound ("over 600 MW") ``value`` is the stated number and ``qualifier`` says which
    side it bounds.  ``unit`` is an ISO 4217 code, ``%``, ``pp`` or a short symbol;
    ``noun`` is the singular counted noun of a unit-less count ("105 schools" -> school).
    """

    text: str
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    unit: str | None = None
    noun: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "noun": self.noun,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quantity:
        return cls(
            text=d["text"],
            start=int(d["start"]),
            end=int(d["end"]),
            value=d.get("value"),
            low=d.get("low"),
            high=d.get("high"),
            qualifier=d.get("qualifier", "exact"),
            unit=d.get("unit"),
            noun=d.get("noun"),
        )

    @property
    def point(self) -> float | None:
        """A single representative value: the value, or the midpoint of a range."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A resolved time expression found in a sentence.

    ``period`` follows the contract: ``"2024"``, ``"2026/2028"``, or a finer ISO form
    (``"2024-09"``).  ``role`` says how the text relates it to a figure: ``point`` ("in
    2024"), ``deadline`` ("by 2029"), ``since`` ("since 2020") or ``range``.
    """

    start: int
    end: int
    text: str
    period: str
    role: PeriodRole = "point"


@dataclass(frozen=True, slots=True)
class Measure:
    """What a figure measures: an id of the indicator taxonomy (``measures.toml``) with its
    display name and public codes (``wdi``, ``weo``, ``cofog``), or, when ``free``, a
    normalised phrase as id and no codes."""

    id: str
    name: str
    free: bool = False
    codes: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "free": self.free, "codes": dict(self.codes)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Measure:
        codes = d.get("codes") or {}
        return cls(
            id=d["id"],
            name=d.get("name", d["id"]),
            free=bool(d.get("free", False)),
            codes=tuple(sorted((str(k), str(v)) for k, v in codes.items())),
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """Whose figure it is: ``KAZ`` (ISO 3166 alpha-3), ``EA``, ``KAZ:almaty``, ``IMF``,
    ``sector:banking``, with its name and type."""

    id: str
    name: str
    type: EntityType

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(id=d["id"], name=d.get("name", d["id"]), type=d["type"])


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a figure is from when not the speaker: ``IMF``, ``person:<name>``."""

    id: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        return cls(id=d["id"], name=d.get("name", d["id"]))


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link from one figure to another figure (``claim``: its id) of the passage."""

    type: RelationType
    claim: str

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "claim": self.claim}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Relation:
        return cls(type=d["type"], claim=d["claim"])


@dataclass(frozen=True, slots=True)
class FrameCues:
    """The words that decided each field of a frame (``<source>:<words>`` strings)."""

    measure: tuple[str, ...] = ()
    entity: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()
    attribution: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": list(self.measure),
            "entity": list(self.entity),
            "status": list(self.status),
            "basis": list(self.basis),
            "attribution": list(self.attribution),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FrameCues:
        return cls(
            measure=tuple(d.get("measure", ())),
            entity=tuple(d.get("entity", ())),
            status=tuple(d.get("status", ())),
            basis=tuple(d.get("basis", ())),
            attribution=tuple(d.get("attribution", ())),
        )


@dataclass(frozen=True, slots=True)
class Frame:
    """What a claim measures, whose it is, on what basis, and whether it is a fact, a
    projection or a commitment (docs/frame.md).  ``basis`` is sorted."""

    measure: Measure
    entity: Entity | None
    basis: tuple[str, ...]
    status: Status
    attribution: Attribution | None = None
    relations: tuple[Relation, ...] = ()
    cues: FrameCues = FrameCues()

    @property
    def granularity(self) -> str | None:
        """The period granularity among the basis terms (``year``, ``quarter`` ...), if any."""
        return next((b for b in self.basis if b in GRANULARITIES), None)

    @property
    def basis_key(self) -> str:
        """The basis without its period granularity, sorted and joined with ``,`` (``""``
        for none): what two figures of one indicator must share ("real,y/y")."""
        return ",".join(b for b in self.basis if b not in GRANULARITIES)

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure.to_dict(),
            "entity": None if self.entity is None else self.entity.to_dict(),
            "basis": list(self.basis),
            "status": self.status,
            "attribution": None if self.attribution is None else self.attribution.to_dict(),
            "relations": [r.to_dict() for r in self.relations],
            "cues": self.cues.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Frame:
        e = d.get("entity")
        a = d.get("attribution")
        return cls(
            measure=Measure.from_dict(d["measure"]),
            entity=None if e is None else Entity.from_dict(e),
            basis=tuple(sorted(d.get("basis", ()))),
            status=d["status"],
            attribution=None if a is None else Attribution.from_dict(a),
            relations=tuple(Relation.from_dict(r) for r in d.get("relations", ())),
            cues=FrameCues.from_dict(d.get("cues") or {}),
        )


@dataclass(slots=True)
class Claim:
    """One figure or commitment, with its provenance.  See docs/json-contract.md."""

    doc: str
    id: str
    kind: Kind
    subject: str
    period: str | None
    sentence: Span
    quantity: Quantity | None
    cues: list[str] = field(default_factory=list)
    extractor: str = ""
    #: set by the frame stage (``extract/frame``); ``None`` for claims read from a ledger
    #: that does not store frames yet
    frame: Frame | None = None
    #: how ``period`` relates to the figure (``PeriodRole``), decided by the time stage
    #: from the expression that dated it; ``None`` when there is no period
    period_role: PeriodRole | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "id": self.id,
            "kind": self.kind,
            "subject": self.subject,
            "period": self.period,
            "period_role": self.period_role,
            "sentence": self.sentence.to_dict(),
            "quantity": None if self.quantity is None else self.quantity.to_dict(),
            "cues": list(self.cues),
            "extractor": self.extractor,
            "frame": None if self.frame is None else self.frame.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        s = d["sentence"]
        q = d.get("quantity")
        f = d.get("frame")
        return cls(
            doc=d["doc"],
            id=d["id"],
            kind=d["kind"],
            subject=d.get("subject", ""),
            period=d.get("period"),
            sentence=Span(int(s["start"]), int(s["end"]), s["text"]),
            quantity=None if q is None else Quantity.from_dict(q),
            cues=list(d.get("cues", [])),
            extractor=d.get("extractor", ""),
            frame=None if f is None else Frame.from_dict(f),
            period_role=d.get("period_role"),
        )


@dataclass(slots=True)
class Document:
    """A document ready for extraction: plain text plus its metadata."""

    text: str
    id: str = ""
    title: str | None = None
    source: str | None = None
    url: str | None = None
    speaker: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    format: str = "text"


FindingType = Literal["contradiction", "arithmetic", "feasibility", "promise", "official", "revision"]
#: Every finding type, in the order findings are listed; a ``revision`` is a note (a later
#: figure that says it replaces an earlier one), never a warning.
FINDING_TYPES: tuple[str, ...] = (
    "contradiction",
    "arithmetic",
    "feasibility",
    "promise",
    "official",
    "revision",
)
Severity = Literal["info", "warning", "error"]


@dataclass(slots=True)
class Finding:
    """A result of a checker: a plain-sentence message with the claims it rests on."""

    id: str
    type: FindingType
    severity: Severity
    message: str
    claim_ids: list[str]
    details: dict[str, Any] = field(default_factory=dict)
    checker: str = ""


# --- official statistics (docs/official.md) ---------------------------------------------


@dataclass(frozen=True, slots=True)
class SeriesInfo:
    """One official series in one vintage: what it measures, its unit, and where it is from.

    ``measure`` is a taxonomy id (``measures.toml``); ``code`` the publisher's indicator code
    (``NY.GDP.MKTP.CD``).  Values are ``value * 10**scale`` in ``unit`` (an ISO 4217 code,
    ``%``, a physical symbol, or ``""`` for a plain count).  ``rate`` names the exchange-rate
    series a currency conversion must use (``PA.NUS.FCRF``), or ``None``: then the checker
    converts nothing.  ``vintage`` is the release date (or release name) of the values;
    ``retrieved`` the date they were downloaded.
    """

    measure: str
    code: str
    name: str
    unit: str
    publisher: str
    dataset: str
    vintage: str
    scale: int = 0
    rate: str | None = None
    retrieved: str | None = None
    url: str | None = None
    licence: str | None = None
    source: str | None = None  # the file or address it was imported from

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "code": self.code,
            "name": self.name,
            "unit": self.unit,
            "scale": self.scale,
            "rate": self.rate,
            "publisher": self.publisher,
            "dataset": self.dataset,
            "vintage": self.vintage,
            "retrieved": self.retrieved,
            "url": self.url,
            "licence": self.licence,
            "source": self.source,
        }

    @property
    def credit(self) -> str:
        """The citation shown beside a value: "World Bank, World Development Indicators"."""
        return f"{self.publisher}, {self.dataset}" if self.dataset else self.publisher


@dataclass(frozen=True, slots=True)
class Observation:
    """One value of a series: an entity (ISO alpha-3 country or a publisher's aggregate
    code), a period (``2023``, ``2023-Q1``, ``2023-05``) and the value as published
    (multiply by ``10**scale`` of its series).  ``line`` is where it was read (0: unknown)."""

    entity: str
    period: str
    value: float
    line: int = 0


@dataclass(frozen=True, slots=True)
class ReferenceValue:
    """A stored observation with its series: what the ``official`` checker compares with."""

    series_id: int
    series: SeriesInfo
    entity: str
    period: str
    value: float

    @property
    def level(self) -> float:
        """The value in the series' unit, scale applied."""
        return self.value * 10.0**self.series.scale
