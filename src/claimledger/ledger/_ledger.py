"""The ``Ledger``: the public face of the store.  The CLI is a thin wrapper over it.

Reads and writes the tables of ``claimledger.ledger.schema`` through SQLAlchemy Core.
Writes go through one connection at a time in short ``BEGIN IMMEDIATE`` transactions
(one per document); reads run in parallel (WAL).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from typing import IO, TYPE_CHECKING, Literal

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from claimledger.errors import LedgerError
from claimledger.ledger import _store, queries
from claimledger.ledger._filter import ClaimFilter
from claimledger.ledger._rows import ClaimRecord, StoredDocument
from claimledger.models import Claim, Document

if TYPE_CHECKING:
    from claimledger.ingest import IngestOptions
    from claimledger.ledger.reextract import ReextractSummary


@dataclass(slots=True)
class IngestResult:
    """What happened to one document: stored, or already there (same content hash)."""

    document_id: int
    status: Literal["ingested", "duplicate"]
    claims: int
    doc_key: str = ""
    hash: str = ""


@dataclass(slots=True)
class IngestFailure:
    """A document that was not stored: where it came from, the error code and why."""

    name: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"[{self.code}] {self.name}: {self.reason}"


@dataclass(slots=True)
class IngestSummary:
    """Totals of an ``ingest`` run, with each result and each failure."""

    results: list[IngestResult] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def ingested(self) -> int:
        return sum(1 for r in self.results if r.status == "ingested")

    @property
    def duplicates(self) -> int:
        return sum(1 for r in self.results if r.status == "duplicate")

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def claims(self) -> int:
        """Claims stored by this run (duplicates add none)."""
        return sum(r.claims for r in self.results if r.status == "ingested")

    @property
    def ok(self) -> bool:
        return not self.failures

    def line(self) -> str:
        return (
            f"ingested {self.ingested}, duplicates {self.duplicates}, "
            f"failed {self.failed}, claims {self.claims}"
        )


class Ledger:
    """A claims ledger in SQLite (default) or PostgreSQL.

    ``db`` is a file path or SQLAlchemy URL; ``None`` means ``$CLAIMLEDGER_DB`` or
    ``./claimledger.db``.  Opening applies pending migrations.
    """

    def __init__(self, db: str | None = None, *, engine: Engine | None = None) -> None:
        from claimledger.ledger import db_url, open_engine

        self.url = str(engine.url) if engine is not None else db_url(db)
        self.engine: Engine = engine if engine is not None else open_engine(db)

    # -- context management -------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _writer(self) -> Connection:
        """A connection whose transactions take the write lock up front (SQLite)."""
        return self.engine.connect().execution_options(sqlite_begin="IMMEDIATE")

    # -- writing -------------------------------------------------------------------------

    def has_hash(self, hash_hex: str) -> int | None:
        """The id of the document with this content hash, if stored."""
        with self.engine.connect() as conn:
            return _store.find_document(conn, hash_hex)

    def add_document(
        self, doc: Document, *, claims: Iterable[Claim] | None = None, checked: bool = False
    ) -> IngestResult:
        """Extract ``doc`` (unless ``claims`` are given) and store it with its claims.

        Idempotent: a text already stored (same sha256) is not stored again and the result
        says ``duplicate``.  The document and all its claims go in one transaction, so a
        crash leaves either all of it or none of it.  Claim ids derive from the content
        hash (see ``_store.id_source``); ``claims`` given by the caller must have been
        extracted with ``source=_store.id_source(hash)`` to get the same ids.  ``checked``
        says the caller has just looked the hash up (the writer re-checks it anyway).
        """
        from claimledger.extract.pipeline import EXTRACTOR, iter_claims, parse_date

        h = _store.text_hash(doc.text)
        key = _store.doc_key_for(doc, h)
        if self.engine.dialect.name == "postgresql" and "\x00" in doc.text:
            # PostgreSQL text cannot hold U+0000 (SQLite can); say so instead of a driver error.
            raise LedgerError("E023", "PostgreSQL cannot store NUL characters (U+0000) in text", path=key)
        if claims is None or not checked:
            existing = self.has_hash(h)
            if existing is not None:
                return IngestResult(existing, "duplicate", 0, key, h)
        if claims is None:
            # Extract before taking the write lock: extraction is the slow part.
            claims = iter_claims(doc.text, parse_date(doc.published), source=_store.id_source(h))
        found = _store.unique_ids(claims)
        try:
            with self._writer() as conn, conn.begin():
                existing = _store.find_document(conn, h)  # another writer may have won
                if existing is not None:
                    return IngestResult(existing, "duplicate", 0, key, h)
                doc_id = _store.insert_document(conn, doc, h, found, EXTRACTOR)
        except IntegrityError:
            existing = self.has_hash(h)
            if existing is None:
                raise
            return IngestResult(existing, "duplicate", 0, key, h)
        return IngestResult(doc_id, "ingested", len(found), key, h)

    def ingest(
        self,
        inputs: Iterable[str],
        *,
        date: str | Date | None = None,
        source: str | None = None,
        speaker: str | None = None,
        workers: int = 1,
        options: IngestOptions | None = None,
        progress: Callable[[int, int, IngestResult | IngestFailure], None] | None = None,
        dask: str | None = None,
    ) -> IngestSummary:
        """Ingest files, directories, globs, ``-`` (stdin) and http(s) URLs.

        Each document goes in its own transaction; a failing one is recorded in the
        summary's ``failures`` and the others still go in.  ``date``/``source``/``speaker``
        override what the documents' own metadata says.  ``workers > 1`` extracts in that
        many processes while this process stays the only writer.  ``progress(done, total,
        item)`` is called after each result or failure.  ``dask`` (a scheduler address, or
        ``"local"`` for a local cluster of ``workers`` processes) extracts on Dask instead.
        """
        from claimledger.ledger._ingest import run_ingest

        return run_ingest(
            self,
            list(inputs),
            date=date,
            source=source,
            speaker=speaker,
            workers=workers,
            options=options,
            progress=progress,
            dask=dask,
        )

    def reextract(self, *, force: bool = False) -> ReextractSummary:
        """Re-run the current extractor over stored documents (see ``ledger.reextract``)."""
        from claimledger.ledger.reextract import reextract

        return reextract(self.engine, force=force)

    # -- reading -------------------------------------------------------------------------

    def claims(
        self,
        *,
        kind: str | None = None,
        unit: str | None = None,
        period: str | None = None,
        doc: str | int | None = None,
        search: str | None = None,
        review_state: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ClaimRecord]:
        """Effective claims (corrections overlaid) with their document's name and date, in
        document order (a search on SQLite: index order).  See ``ClaimFilter`` for what
        each filter matches."""
        f = ClaimFilter(kind, unit, period, doc, search, review_state)
        return list(self.iter_claims(f, limit=limit, offset=offset))

    def iter_claims(
        self, f: ClaimFilter | None = None, *, limit: int | None = None, offset: int = 0
    ) -> Iterator[ClaimRecord]:
        """Like ``claims`` but streamed, for exports of any size."""
        stmt = queries.claims_select(self.engine.dialect, f or ClaimFilter())
        if limit is not None:
            stmt = stmt.limit(limit)
        if offset:
            stmt = stmt.offset(offset)
        with self.engine.connect() as conn:
            yield from queries.claim_records(conn, stmt)

    def claim_objects(self, f: ClaimFilter | None = None, *, limit: int | None = None) -> Iterator[Claim]:
        """Effective claims as ``Claim`` objects (``doc`` is the document's name)."""
        for r in self.iter_claims(f, limit=limit):
            yield r.to_claim()

    def documents(self) -> list[StoredDocument]:
        """Every document (without its text) with its number of claims, oldest first."""
        with self.engine.connect() as conn:
            return queries.documents(conn)

    def document(self, doc: str | int) -> StoredDocument | None:
        """One document with its full text, by id, name or content-hash prefix."""
        with self.engine.connect() as conn:
            return queries.document(conn, doc)

    def export(
        self,
        fmt: str,
        out: IO[str],
        f: ClaimFilter | None = None,
        *,
        limit: int | None = None,
        publisher: str = "claimledger",
    ) -> int:
        """Write the (filtered) claims in ``fmt`` (jsonl | csv | claimreview); return the count."""
        from claimledger.ledger.export import export

        return export(self, fmt, out, f, limit=limit, publisher=publisher)
