"""Typed rows that linking and checking work on, and the one query that loads them.

Reads: the ``claims_effective`` view (machine claims with human corrections overlaid)
joined with ``documents``.  Rejected claims are left out: a reviewer said they are wrong.
Writes nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date as Date
from typing import Any, cast

from sqlalchemy import Connection, column, select, table

from claimledger._dates import parse_date_or_none
from claimledger.ledger.schema import EFFECTIVE_VIEW, documents
from claimledger.models import Claim, Qualifier, Quantity


@dataclass(frozen=True, slots=True)
class DocInfo:
    """A document as the checkers see it."""

    key: str  # doc_key, the claim's "doc"
    id: int = 0
    title: str | None = None
    published: Date | None = None
    speaker: str | None = None
    source: str | None = None
    text: str = ""
    region: str | None = None
    region_why: str = ""

    def where(self) -> str:
        """Where something was said, for a message: title and date."""
        label = f"\u201c{self.title}\u201d" if self.title else self.key
        if self.published:
            return f"{label} ({fmt_date(self.published)})"
        return label


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One effective claim with its document's date: what the linker and checkers read."""

    id: str
    doc: str
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

    def quantity(self) -> Quantity | None:
        """The figure as the extractor's ``Quantity``; None for a claim without one."""
        if not self.has_quantity:
            return None
        # A figure with text has its span and qualifier: the ledger stores them from a Quantity.
        return Quantity(
            text=cast(str, self.q_text),
            start=cast(int, self.q_start),
            end=cast(int, self.q_end),
            value=self.value,
            low=self.low,
            high=self.high,
            qualifier=cast(Qualifier, self.qualifier),
            unit=self.unit,
            noun=self.noun,
        )

    def quantity_dict(self) -> dict[str, Any] | None:
        """The figure in the JSON contract's shape (``Quantity.to_dict``); None without one."""
        q = self.quantity()
        return None if q is None else q.to_dict()

    @classmethod
    def from_claim(cls, c: Claim, published: Date | str | None = None, seq: int = 0) -> ClaimRecord:
        """Build from an extracted ``Claim`` (for pure, database-free use and tests)."""
        q: Quantity | None = c.quantity
        pub = Date.fromisoformat(published) if isinstance(published, str) else published
        return repair(
            cls(
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
                published=pub,
            )
        )


_YEAR_EARLIER = re.compile(r"^\s*(?:earlier|before|ago|previously)\b", re.I)
_RATE_TAIL = re.compile(r"\s+(?:a|per)\s+year$", re.I)


def repair(r: ClaimRecord) -> ClaimRecord:
    """Undo a known misreading at the boundary: "4.2 million tonnes a year earlier" is a level
    a year before, not a rate of tonnes per year (the quantity swallowed "a year" of "a year
    earlier").  Returns the record unchanged otherwise."""
    if not (r.unit and r.unit.endswith("/year") and r.q_text and r.q_end is not None):
        return r
    tail = _RATE_TAIL.search(r.q_text)
    if tail is None or not _YEAR_EARLIER.match(r.sentence[r.q_end - r.sent_start :]):
        return r
    cut = len(r.q_text) - tail.start()
    return replace(r, q_text=r.q_text[: tail.start()], q_end=r.q_end - cut, unit=r.unit[: -len("/year")])


#: Currency names shared by several countries: "rupees" in a Nepali statement are Nepali
#: rupees, whatever a context-free reading guessed.  Only names, never symbols or codes
#: ("$", "INR"), are re-read, and only for the document's own country.
_SHARED_CURRENCIES: dict[str, dict[str, str]] = {
    "rupee": {"India": "INR", "Nepal": "NPR", "Pakistan": "PKR", "Sri Lanka": "LKR"},
    "shilling": {"Kenya": "KES", "Tanzania": "TZS", "Uganda": "UGX"},
    "peso": {
        "Mexico": "MXN",
        "Philippines": "PHP",
        "Argentina": "ARS",
        "Chile": "CLP",
        "Colombia": "COP",
        "Uruguay": "UYU",
        "Dominican Republic": "DOP",
        "Cuba": "CUP",
    },
    "dinar": {
        "Iraq": "IQD",
        "Jordan": "JOD",
        "Kuwait": "KWD",
        "Bahrain": "BHD",
        "Serbia": "RSD",
        "Tunisia": "TND",
        "Algeria": "DZD",
        "Libya": "LYD",
    },
    "riyal": {"Saudi Arabia": "SAR", "Qatar": "QAR", "Oman": "OMR"},
    "pound": {"United Kingdom": "GBP", "Egypt": "EGP", "Lebanon": "LBP", "Syria": "SYP"},
    "manat": {"Azerbaijan": "AZN", "Turkmenistan": "TMT"},
    "krona": {"Sweden": "SEK", "Iceland": "ISK"},
    "krone": {"Norway": "NOK", "Denmark": "DKK"},
}


def localise(r: ClaimRecord, region: str | None) -> ClaimRecord:
    """Read a shared currency name as the document country's currency (see above)."""
    if not region or not r.unit or not r.q_text:
        return r
    low = r.q_text.lower()
    for name, codes in _SHARED_CURRENCIES.items():
        if r.unit in codes.values() and name in low and region in codes and codes[region] != r.unit:
            return replace(r, unit=codes[region])
    return r


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def fmt_date(d: Date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def load_documents(conn: Connection) -> dict[str, DocInfo]:
    """Every document, keyed by doc_key, with the country it is about."""
    from claimledger.link._places import main_region

    out: dict[str, DocInfo] = {}
    rows = conn.execute(
        select(
            documents.c.id,
            documents.c.doc_key,
            documents.c.title,
            documents.c.published,
            documents.c.speaker,
            documents.c.source,
            documents.c.text,
        )
    )
    for r in rows:
        region, why = main_region(r.title, r.speaker, r.source, body=r.text)
        out[r.doc_key] = DocInfo(
            key=r.doc_key,
            id=r.id,
            title=r.title,
            published=parse_date_or_none(r.published),
            speaker=r.speaker,
            source=r.source,
            text=r.text or "",
            region=region,
            region_why=why,
        )
    return out


def load_records(
    conn: Connection, docs: dict[str, DocInfo] | None = None, *, only: Any = None
) -> list[ClaimRecord]:
    """Every claim that is not rejected, in document and sentence order.

    ``only`` (a sequence of ids or a SELECT of one column) restricts the claims read.
    With ``docs``, a currency name shared by several countries is read as the document
    country's (``localise``).
    """
    ce = table(
        EFFECTIVE_VIEW,
        *(
            column(n)
            for n in (
                "id",
                "document_id",
                "seq",
                "kind",
                "subject",
                "period",
                "sent_start",
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
                "review_state",
            )
        ),
    )
    d = documents
    q = (
        select(ce, d.c.doc_key, d.c.published)
        .select_from(ce.join(d, d.c.id == ce.c.document_id))
        .where(ce.c.review_state != "rejected")
        .order_by(d.c.published, d.c.id, ce.c.seq)
    )
    if only is not None:
        q = q.where(ce.c.id.in_(only))
    out: list[ClaimRecord] = []
    for r in conn.execute(q):
        try:
            cues = tuple(json.loads(r.cues or "[]"))
        except ValueError:
            cues = ()
        out.append(
            repair(
                ClaimRecord(
                    id=r.id,
                    doc=r.doc_key,
                    kind=r.kind,
                    subject=r.subject or "",
                    period=r.period,
                    sentence=r.sentence,
                    sent_start=r.sent_start,
                    seq=r.seq,
                    q_text=r.q_text,
                    q_start=r.q_start,
                    q_end=r.q_end,
                    value=r.value,
                    low=r.low,
                    high=r.high,
                    qualifier=r.qualifier,
                    unit=r.unit,
                    noun=r.noun,
                    cues=cues,
                    published=parse_date_or_none(r.published),
                )
            )
        )
    if docs:
        out = [localise(r, docs[r.doc].region if r.doc in docs else None) for r in out]
    return out
