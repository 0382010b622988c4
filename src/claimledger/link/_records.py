"""What linking and checking read: the ledger's claim records and its documents with the
country each is about.  A record's unit is the extractor's, as stored: the CLI, the web
and the checks see the same one (shared currency names are read by the document's
country during extraction, ``pipeline.extract_document``).

Reads: ``ClaimRecord`` and ``StoredDocument`` from the ledger (``claimledger.ledger``),
which owns every query.  Rejected claims are left out: a reviewer said they are wrong.
Writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from typing import TYPE_CHECKING

from claimledger.ledger import ClaimRecord

if TYPE_CHECKING:
    from claimledger.ledger import Connection

__all__ = ["ClaimRecord", "DocInfo", "fmt_date", "load_documents", "load_records"]


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


def load_records(conn: Connection, *, in_findings: bool = False) -> list[ClaimRecord]:
    """Every claim that is not rejected, in document and sentence order, as stored.

    ``in_findings`` keeps only the claims some finding cites.
    """
    from claimledger.ledger import live_records

    return live_records(conn, in_findings=in_findings)
