"""The ``Ledger``: the public face of the store.  It stores and reads; it never extracts.

Reads and writes the tables of ``claimledger.ledger.schema`` through SQLAlchemy Core.
Writes go through one connection at a time in short ``BEGIN IMMEDIATE`` transactions
(one per document); reads run in parallel (WAL).  Extraction happens before a write, in
``claimledger.pipeline``, which hands the ledger finished claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Literal

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from claimledger.errors import LedgerError
from claimledger.ledger import _batch, _browse, _engine, _store, queries, reextract
from claimledger.ledger._filter import ClaimFilter
from claimledger.ledger._ids import doc_key_for, text_hash
from claimledger.ledger._rows import ClaimRecord, StoredDocument
from claimledger.ledger._url import db_url
from claimledger.models import Claim, Document

if TYPE_CHECKING:
    from claimledger.ledger.export import ExportOptions


@dataclass(slots=True)
class IngestResult:
    """What happened to one document: stored, or already there (same content hash)."""

    document_id: int
    status: Literal["ingested", "duplicate"]
    claims: int
    doc_key: str = ""
    hash: str = ""


class Ledger:
    """A claims ledger in SQLite (default) or PostgreSQL.

    ``db`` is a file path or SQLAlchemy URL; ``None`` means ``$CLAIMLEDGER_DB`` or
    ``./claimledger.db``.  Opening applies pending migrations; ``migrate=False`` skips them,
    for a process that only looks up a ledger another process has opened (a worker).
    """

    def __init__(self, db: str | None = None, *, engine: Engine | None = None, migrate: bool = True) -> None:
        self.url = str(engine.url) if engine is not None else db_url(db)
        if engine is None:
            engine = _engine.open_engine(self.url) if migrate else _engine.create(self.url)
        self.engine: Engine = engine

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

    def find_duplicate(self, doc: Document) -> IngestResult | None:
        """The ``duplicate`` result ``store_document`` would give ``doc``, if its text is
        stored already; ``None`` if it is new (worth extracting)."""
        h = text_hash(doc.text)
        existing = self.has_hash(h)
        return None if existing is None else IngestResult(existing, "duplicate", 0, doc_key_for(doc, h), h)

    def store_document(self, doc: Document, claims: Iterable[Claim], *, extractor: str) -> IngestResult:
        """Store ``doc`` with its ``claims`` (produced by ``extractor``) in one transaction.

        Idempotent: a text already stored (same sha256) is not stored again and the result
        says ``duplicate``.  A crash leaves either all of the document or none of it.  Claim
        ids derive from the content hash: ``claims`` must have been extracted with
        ``source=id_source(text_hash(doc.text))`` to get the ids the pipeline gives them.
        """
        h = text_hash(doc.text)
        key = doc_key_for(doc, h)
        if self.engine.dialect.name == "postgresql" and "\x00" in doc.text:
            # PostgreSQL text cannot hold U+0000 (SQLite can); say so instead of a driver error.
            raise LedgerError("E023", "PostgreSQL cannot store NUL characters (U+0000) in text", path=key)
        found = _store.unique_ids(claims)
        try:
            with self._writer() as conn, conn.begin():
                existing = _store.find_document(conn, h)  # another writer may have won
                if existing is not None:
                    return IngestResult(existing, "duplicate", 0, key, h)
                doc_id = _store.insert_document(conn, doc, h, found, extractor)
        except IntegrityError:
            existing = self.has_hash(h)
            if existing is None:
                raise
            return IngestResult(existing, "duplicate", 0, key, h)
        return IngestResult(doc_id, "ingested", len(found), key, h)

    def store_documents(
        self, batch: Sequence[tuple[Document, Sequence[Claim]]], *, extractor: str
    ) -> list[IngestResult]:
        """Store a batch of documents with their claims in one transaction; one result per
        document, in order (a text met twice is stored once: the second is a duplicate).

        What lets many processes write one PostgreSQL ledger at once (``ledger._batch``):
        duplicates are resolved on the content hash by the server, claims go in by
        ``COPY``, and a writer killed mid-batch leaves nothing of the batch, so running the
        same input again gives the ledger a clean run gives.  E023 if a text holds U+0000
        on PostgreSQL (nothing of the batch is stored then)."""
        items = [(doc, text_hash(doc.text), claims) for doc, claims in batch]
        if self.engine.dialect.name == "postgresql":
            for doc, h, _ in items:
                if "\x00" in doc.text:
                    raise LedgerError(
                        "E023",
                        "PostgreSQL cannot store NUL characters (U+0000) in text",
                        path=doc_key_for(doc, h),
                    )
        with self._writer() as conn, conn.begin():
            stored = _batch.store_batch(conn, items, extractor)
        out: list[IngestResult] = []
        first: set[str] = set()
        for doc, h, _ in items:
            doc_id, new, n = stored[h]
            status: Literal["ingested", "duplicate"] = "ingested" if new and h not in first else "duplicate"
            first.add(h)
            out.append(IngestResult(doc_id, status, n if status == "ingested" else 0, doc_key_for(doc, h), h))
        return out

    def extractor_versions(self) -> list[tuple[int, str]]:
        """(id, extractor) of every document, by id: what re-extraction compares."""
        with self.engine.connect() as conn:
            return reextract.extractor_versions(conn)

    def unframed_documents(self) -> set[int]:
        """Ids of documents whose claims were stored without frames (before migration
        0008): re-extraction treats them as out of date."""
        with self.engine.connect() as conn:
            return reextract.unframed_documents(conn)

    def replace_claims(
        self, doc_id: int, claims: Iterable[Claim], *, extractor: str
    ) -> reextract.ClaimChanges:
        """Make ``claims`` the machine claims of document ``doc_id``, keeping every claim a
        person has worked on (see ``ledger.reextract``), in one transaction."""
        with self._writer() as conn, conn.begin():
            return reextract.replace_claims(conn, doc_id, claims, extractor)

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
        """Like ``claims`` but streamed, for exports of any size.  With a ``limit`` and no
        search (``claimledger claims``), the rows are found like the dashboard's claims
        table finds a page (``_browse.page_ids``: each filter through its index, never a
        walk through every claim), in document order."""
        f = f or ClaimFilter()
        if limit is not None and not f.search:
            with self.engine.connect() as conn:
                _, ids, _ = _browse.page_ids(conn, f, "document", False, offset, limit)
                found = queries.records_by_id(conn, ids)
            yield from (found[i] for i in ids if i in found)
            return
        stmt = queries.claims_select(self.engine.dialect, f)
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
        options: ExportOptions | None = None,
    ) -> int:
        """Write the (filtered) claims in ``fmt`` (jsonl | csv), or a ClaimReview per rated
        sentence (claimreview, which needs ``options`` with a publisher and a base URL);
        return the count written."""
        from claimledger.ledger.export import export

        return export(self, fmt, out, f, limit=limit, options=options)
