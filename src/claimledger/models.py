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
    role: Literal["point", "deadline", "since", "range"] = "point"


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "id": self.id,
            "kind": self.kind,
            "subject": self.subject,
            "period": self.period,
            "sentence": self.sentence.to_dict(),
            "quantity": None if self.quantity is None else self.quantity.to_dict(),
            "cues": list(self.cues),
            "extractor": self.extractor,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        s = d["sentence"]
        q = d.get("quantity")
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


FindingType = Literal["contradiction", "arithmetic", "feasibility", "promise"]
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
