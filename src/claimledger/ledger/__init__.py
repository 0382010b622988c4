"""The ledger: documents, claims, reviews, indicators and findings in SQL.

This package is the only owner of SQL in claimledger: every statement and every SQLAlchemy
expression lives in its modules, and what it hands out is typed (``ClaimRecord``,
``StoredDocument`` ... in ``ledger._rows``), never a row dict.  The linker, the checkers,
the review actions and the dashboard call the functions below; they pass connections and
engines around only as opaque values they got from here (``reading``, ``transaction``).

``open_engine`` is the one way to get a database connection: it resolves the URL
(``--db``, ``CLAIMLEDGER_DB``, or ``./claimledger.db``), applies pending migrations and
sets SQLite pragmas (WAL, foreign keys).  Table definitions: ``claimledger.ledger.schema``.
``Ledger`` (loaded lazily, so importing this package stays cheap) stores and reads; it never
runs the extractor.  Documents are extracted and stored by ``claimledger.pipeline``::

    from claimledger.ledger import Ledger
    from claimledger.pipeline import add_document
    ledger = Ledger("claims.db")
    add_document(ledger, Document(text=..., id="speech.txt", published="2024-01-08"))
    ledger.claims(kind="target", search="budget")

Documents are identified by the hash of their text (``text_hash``); claim ids derive from
it (``id_source``), so the same text gets the same ids in every ledger.

Everything but the typed rows is loaded on first use, so importing this package stays
cheap (the CLI's ``--help`` does not load SQLAlchemy).

Maintenance: ``open_engine(db, read_only=True)`` opens a SQLite ledger read-only (also on
a read-only file system); ``doctor(db)`` checks a ledger in full; ``backup(db, dest)``
copies one consistently while it is in use; ``require_ledger(db)`` refuses (E065) a SQLite
ledger that is not there; ``datasette_metadata(db)`` is Datasette's metadata.json for it.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from claimledger.ledger._ids import id_source, text_hash
from claimledger.ledger._rows import (
    ClaimRating,
    ClaimRecord,
    Correction,
    FindingRef,
    IndicatorLink,
    IndicatorSpec,
    PromiseOverride,
    ReviewEvent,
    StoredDocument,
    StoredFinding,
    StoredIndicator,
    json_object,
)
from claimledger.ledger._url import DEFAULT_DB, db_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from claimledger.ledger._backup import BackupResult, backup
    from claimledger.ledger._browse import (
        CLAIM_SORT_COLUMNS,
        ClaimsPage,
        DocumentDetail,
        claim_facets,
        claims_page,
        count_claims,
        document_detail,
        documents_page,
        indicator_refs,
    )
    from claimledger.ledger._dashboard import (
        CitedFinding,
        ClaimDetail,
        FindingsPage,
        IndicatorDetail,
        IndicatorsPage,
        LedgerCounts,
        PromiseBoardRows,
        PromiseColumns,
        PromiseInfo,
        claim_detail,
        findings_page,
        indicator_detail,
        indicators_page,
        ledger_counts,
        promise_board_rows,
        promise_columns,
        top_findings,
    )
    from claimledger.ledger._datasette import TABLE_METADATA, datasette_metadata
    from claimledger.ledger._doctor import Checkup, doctor, repair_summaries
    from claimledger.ledger._filter import PERIOD_RE, ClaimFilter, period_bounds
    from claimledger.ledger._findings import (
        promise_history,
        store_findings,
        store_promise_events,
        stored_findings,
    )
    from claimledger.ledger._indicators import (
        add_override,
        indicator_fields,
        indicator_id,
        indicator_members,
        load_overrides,
        replace_indicators,
    )
    from claimledger.ledger._ledger import IngestResult, Ledger
    from claimledger.ledger._promises import (
        PromiseTarget,
        promise_status_counts,
        promise_targets,
        promise_targets_py,
    )
    from claimledger.ledger._ratings import (
        AuditPage,
        AuditRow,
        all_ratings,
        audit_page,
        claim_rating,
        iter_audit,
        set_claim_rating,
    )
    from claimledger.ledger._reference import (
        StoredSeries,
        reference_for,
        reference_series,
        series_values,
        store_reference,
    )
    from claimledger.ledger._review import (
        all_corrections,
        append_review_event,
        claim_transaction,
        correction,
        promise_findings_of,
        promise_override,
        promise_overrides_by_claim,
        promise_review_events,
        set_promise_override,
        upsert_correction,
    )
    from claimledger.ledger._search import as_you_type, like_pattern, search_words
    from claimledger.ledger._summary import (
        SummaryCounts,
        check_summaries,
        rebuild_summaries,
        summary_counts,
    )
    from claimledger.ledger._watch import ChangeWatch
    from claimledger.ledger.queries import documents_with_text, live_records, records_by_id

#: Where each lazily loaded name lives.
#: The advisory lock key of PostgreSQL write transactions (any fixed 64-bit number: "clmledgr").
_WRITE_LOCK_KEY = 0x636C6D6C65646772

_LAZY: dict[str, str] = {
    **dict.fromkeys(("Ledger", "IngestResult"), "_ledger"),
    **dict.fromkeys(("ClaimFilter", "PERIOD_RE", "period_bounds"), "_filter"),
    "ChangeWatch": "_watch",
    **dict.fromkeys(
        ("StoredSeries", "reference_for", "reference_series", "series_values", "store_reference"),
        "_reference",
    ),
    **dict.fromkeys(("as_you_type", "like_pattern", "search_words"), "_search"),
    **dict.fromkeys(
        (
            "AuditPage",
            "AuditRow",
            "all_ratings",
            "audit_page",
            "claim_rating",
            "iter_audit",
            "set_claim_rating",
        ),
        "_ratings",
    ),
    **dict.fromkeys(("documents_with_text", "live_records", "records_by_id"), "queries"),
    **dict.fromkeys(
        ("store_findings", "stored_findings", "store_promise_events", "promise_history"), "_findings"
    ),
    **dict.fromkeys(
        (
            "add_override",
            "indicator_fields",
            "indicator_id",
            "indicator_members",
            "load_overrides",
            "replace_indicators",
        ),
        "_indicators",
    ),
    **dict.fromkeys(
        (
            "all_corrections",
            "append_review_event",
            "claim_transaction",
            "correction",
            "promise_findings_of",
            "promise_override",
            "promise_overrides_by_claim",
            "promise_review_events",
            "set_promise_override",
            "upsert_correction",
        ),
        "_review",
    ),
    **dict.fromkeys(
        (
            "CLAIM_SORT_COLUMNS",
            "ClaimsPage",
            "DocumentDetail",
            "claim_facets",
            "claims_page",
            "count_claims",
            "document_detail",
            "documents_page",
            "indicator_refs",
        ),
        "_browse",
    ),
    **dict.fromkeys(
        (
            "CitedFinding",
            "ClaimDetail",
            "FindingsPage",
            "IndicatorDetail",
            "IndicatorsPage",
            "LedgerCounts",
            "PromiseBoardRows",
            "PromiseColumns",
            "PromiseInfo",
            "claim_detail",
            "findings_page",
            "top_findings",
            "id_source",
            "indicator_detail",
            "indicators_page",
            "ledger_counts",
            "promise_board_rows",
            "promise_columns",
        ),
        "_dashboard",
    ),
    **dict.fromkeys(
        ("PromiseTarget", "promise_status_counts", "promise_targets", "promise_targets_py"), "_promises"
    ),
    **dict.fromkeys(("SummaryCounts", "check_summaries", "rebuild_summaries", "summary_counts"), "_summary"),
    **dict.fromkeys(("backup", "BackupResult"), "_backup"),
    **dict.fromkeys(("doctor", "Checkup", "repair_summaries"), "_doctor"),
    **dict.fromkeys(("datasette_metadata", "TABLE_METADATA"), "_datasette"),
}

__all__ = [
    "CLAIM_SORT_COLUMNS",
    "DEFAULT_DB",
    "PERIOD_RE",
    "TABLE_METADATA",
    "AuditPage",
    "AuditRow",
    "BackupResult",
    "ChangeWatch",
    "Checkup",
    "CitedFinding",
    "ClaimDetail",
    "ClaimFilter",
    "ClaimRating",
    "ClaimRecord",
    "ClaimsPage",
    "Connection",
    "Correction",
    "DocumentDetail",
    "Engine",
    "FindingRef",
    "FindingsPage",
    "IndicatorDetail",
    "IndicatorLink",
    "IndicatorSpec",
    "IndicatorsPage",
    "IngestResult",
    "Ledger",
    "LedgerCounts",
    "PromiseBoardRows",
    "PromiseColumns",
    "PromiseInfo",
    "PromiseOverride",
    "PromiseTarget",
    "ReviewEvent",
    "StoredDocument",
    "StoredFinding",
    "StoredIndicator",
    "StoredSeries",
    "SummaryCounts",
    "add_override",
    "all_corrections",
    "all_ratings",
    "append_review_event",
    "as_you_type",
    "audit_page",
    "backup",
    "check_summaries",
    "claim_detail",
    "claim_facets",
    "claim_rating",
    "claim_transaction",
    "claims_page",
    "correction",
    "count_claims",
    "datasette_metadata",
    "db_url",
    "doctor",
    "document_detail",
    "documents_page",
    "documents_with_text",
    "findings_page",
    "id_source",
    "indicator_detail",
    "indicator_fields",
    "indicator_id",
    "indicator_members",
    "indicator_refs",
    "indicators_page",
    "iter_audit",
    "json_object",
    "ledger_counts",
    "like_pattern",
    "live_records",
    "load_overrides",
    "open_engine",
    "period_bounds",
    "promise_board_rows",
    "promise_columns",
    "promise_findings_of",
    "promise_history",
    "promise_override",
    "promise_overrides_by_claim",
    "promise_review_events",
    "promise_status_counts",
    "promise_targets",
    "promise_targets_py",
    "read_only_url",
    "reading",
    "rebuild_summaries",
    "records_by_id",
    "reference_for",
    "reference_series",
    "repair_summaries",
    "replace_indicators",
    "require_ledger",
    "search_words",
    "series_values",
    "set_claim_rating",
    "set_promise_override",
    "sqlite_path",
    "store_findings",
    "store_promise_events",
    "store_reference",
    "stored_findings",
    "summary_counts",
    "text_hash",
    "top_findings",
    "transaction",
    "upsert_correction",
    "write_transaction",
]


def open_engine(db: str | None = None, *, read_only: bool = False, existing: bool = False) -> Engine:
    """Open (creating if needed) and migrate the ledger at ``db``; ``read_only``: open an
    existing SQLite ledger read-only, never creating or writing it; ``existing``: E065
    rather than create a SQLite ledger that is not there (for commands that check or
    serve a ledger, which would otherwise work on an empty one at a mistyped path)."""
    from claimledger.ledger._engine import open_engine as _open

    if existing:
        require_ledger(db)
    return _open(read_only_url(db) if read_only else db_url(db))


def require_ledger(db: str | None = None) -> None:
    """E065 unless the SQLite ledger at ``db`` exists (a server's URL always passes)."""
    from claimledger.ledger._engine import require_ledger as _require

    _require(db_url(db))


def read_only_url(db: str | None = None) -> str:
    """The URL that opens the SQLite ledger at ``db`` read-only (``mode=ro``); a server
    database's URL as it is."""
    from claimledger.ledger._engine import read_only_url as _ro

    return _ro(db_url(db))


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for several reads that see one state of the ledger."""
    with engine.connect() as conn:
        yield conn


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """A connection inside a transaction: committed when the block ends, rolled back if it
    raises."""
    with engine.begin() as conn:
        yield conn


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that reads and then writes, taking SQLite's write lock at BEGIN
    (``BEGIN IMMEDIATE``): a deferred one that read first would fail with "database is
    locked" at its first write if another writer committed meanwhile; this one waits for
    the lock (``busy_timeout``) instead.

    PostgreSQL has no database-wide write lock, so two such transactions (two reviewers'
    re-checks, say) would re-link the same indicators at once: duplicate keys, deadlocks
    and links to indicators the other one had just replaced.  There the transaction takes
    a transaction-scoped advisory lock first (``pg_advisory_xact_lock``), so they run one
    after the other; readers and ingest are not held up."""
    with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            from sqlalchemy import text  # the package imports SQLAlchemy lazily

            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _WRITE_LOCK_KEY})
        yield conn


def sqlite_path(engine: Engine) -> str | None:
    """The absolute path of a SQLite ledger's file (also behind a read-only ``file:`` URI);
    None for an in-memory database or another database (nothing on disk to watch)."""
    if engine.dialect.name != "sqlite":
        return None
    from claimledger.ledger._engine import ledger_path

    db = ledger_path(engine.url)  # a read-only ``file:`` URI names its file too
    return None if db is None else os.path.abspath(db)


def __getattr__(name: str) -> Any:
    # PEP 562: import the SQLAlchemy-heavy modules only when someone asks for them.
    if name in _LAZY:
        return getattr(importlib.import_module(f"claimledger.ledger.{_LAZY[name]}"), name)
    if name in ("Connection", "Engine"):
        return getattr(importlib.import_module("sqlalchemy.engine"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
