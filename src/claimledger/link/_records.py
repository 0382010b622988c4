"""What linking and checking read: the ledger's claim records, repaired and localised,
and its documents with the country each is about.

Reads: ``ClaimRecord`` and ``StoredDocument`` from the ledger (``claimledger.ledger``),
which owns every query.  Rejected claims are left out: a reviewer said they are wrong.
Writes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date as Date
from typing import TYPE_CHECKING

from claimledger.ledger import ClaimRecord

if TYPE_CHECKING:
    from claimledger.ledger import Connection

__all__ = ["ClaimRecord", "DocInfo", "fmt_date", "load_documents", "load_records", "localise", "repair"]


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
    from claimledger.ledger import documents_with_text
    from claimledger.link._places import main_region

    out: dict[str, DocInfo] = {}
    for d in documents_with_text(conn):
        region, why = main_region(d.title, d.speaker, d.source, body=d.text)
        out[d.doc_key] = DocInfo(
            key=d.doc_key,
            id=d.id,
            title=d.title,
            published=d.published_date,
            speaker=d.speaker,
            source=d.source,
            text=d.text or "",
            region=region,
            region_why=why,
        )
    return out


def load_records(
    conn: Connection, docs: dict[str, DocInfo] | None = None, *, in_findings: bool = False
) -> list[ClaimRecord]:
    """Every claim that is not rejected, in document and sentence order, each ``repair``ed.

    ``in_findings`` keeps only the claims some finding cites.  With ``docs``, a currency
    name shared by several countries is read as the document country's (``localise``).
    """
    from claimledger.ledger import live_records

    out = [repair(r) for r in live_records(conn, in_findings=in_findings)]
    if docs:
        out = [localise(r, docs[r.doc].region if r.doc in docs else None) for r in out]
    return out
