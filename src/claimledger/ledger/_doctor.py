"""``doctor``: a full health check of a ledger, read-only.

Reads: the ledger at a URL (opened read-only, never migrated or written).  Writes: a
``Checkup``: each check with what it found, and whether the ledger is sound.

On SQLite: the file opens as a database, ``PRAGMA integrity_check`` (every page, and every
index against its table: slower than the ``quick_check`` run on every open), foreign keys,
every text value decodes as UTF-8 (SQLite does not check that; a flipped byte in a text
shows up only when the row is read), the search index has one row per claim (it is keyed
by the rowids of ``claims``: migration 0013), and the schema's migrations.  On a database server:
the connection and the migrations (the server checks its own storage).  On both, from
migration 0015 on: the summary counts the writes keep (``ledger._summary``) equal the
counts over the tables; ``repair_summaries`` recounts them (``doctor --rebuild-summaries``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from claimledger.errors import ClaimLedgerError, LedgerError
from claimledger.ledger import _engine
from claimledger.ledger._summary import check_summaries, rebuild_summaries
from claimledger.ledger._url import db_url
from claimledger.ledger.migrations import MIGRATIONS, applied

__all__ = ["Checkup", "doctor", "repair_summaries"]

#: How to make the summary counts right again.
_REBUILD_SUMMARIES = "recount them with `claimledger doctor --rebuild-summaries`"

#: Problems listed per check; a damaged file can have millions.
MAX_LISTED = 20


@dataclass(slots=True)
class Checkup:
    """What ``doctor`` found: (check, result) in order, and the problems among them."""

    target: str
    checks: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, name: str, found: list[str], ok_text: str = "ok") -> None:
        if not found:
            self.checks.append((name, ok_text))
            return
        more = f" (and {len(found) - MAX_LISTED} more)" if len(found) > MAX_LISTED else ""
        self.checks.append((name, "; ".join(found[:MAX_LISTED]) + more))
        self.problems.append(f"{name}: {found[0]}{more if len(found) == 1 else f' (+{len(found) - 1})'}")

    def error(self) -> LedgerError:
        """The coded error for a failed checkup (E025 with the ways to recover)."""
        path = _engine.ledger_path(self.target)
        detail = "; ".join(self.problems)
        if path is None:
            return LedgerError("E020", detail, path=self.target)
        return _engine.damaged(path, detail)


def _sqlite_checks(engine: Engine, up: Checkup) -> None:
    """integrity_check, foreign keys and text encoding, each reported even if another fails."""

    def integrity(conn: Connection) -> list[str]:
        rows = [str(r[0]) for r in conn.execute(text("PRAGMA integrity_check(1000)"))]
        return [] if rows == ["ok"] else rows

    def foreign_keys(conn: Connection) -> list[str]:
        return [f"{r[0]} row {r[1]} -> {r[2]}" for r in conn.execute(text("PRAGMA foreign_key_check"))]

    def encoding(conn: Connection) -> list[str]:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return _bad_text(raw)

    for name, check in (
        ("integrity_check", integrity),
        ("foreign keys", foreign_keys),
        ("text encoding", encoding),
        ("search index", _search_index),
    ):
        try:
            with engine.connect() as conn:
                found = check(conn)
        except (ClaimLedgerError, SQLAlchemyError) as e:
            found = [_why(e)]
        up.add(name, found)


#: How to rebuild the search index from ``claims`` (it holds no text of its own).
_REBUILD_FTS = (
    "rebuild it with `sqlite3 LEDGER \"INSERT INTO claims_fts(claims_fts) VALUES('rebuild')\"` "
    "or `sqlite-utils rebuild-fts LEDGER claims`"
)


def _search_index(conn: Connection) -> list[str]:
    """The FTS index of 0013 is keyed by the rowids of ``claims``: every claim must have
    exactly one indexed row (``claims_fts_docsize``), or a search misses or misnames claims.
    (FTS5's own ``integrity-check`` is an INSERT, which a read-only connection refuses.)"""
    names = {str(r[0]) for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
    if "claims_fts_docsize" not in names:
        return []  # a ledger before 0013 (0003's index holds its own copy of the text)
    missing = conn.execute(
        text("SELECT count(*) FROM claims WHERE rowid NOT IN (SELECT id FROM claims_fts_docsize)")
    ).scalar_one()
    extra = conn.execute(
        text("SELECT count(*) FROM claims_fts_docsize WHERE id NOT IN (SELECT rowid FROM claims)")
    ).scalar_one()
    if not missing and not extra:
        return []
    return [f"{missing} claims not indexed, {extra} index rows without a claim: {_REBUILD_FTS}"]


def _bad_text(raw: sqlite3.Connection) -> list[str]:
    """Every (table, row, column) whose text is not valid UTF-8."""
    bad: list[str] = []
    tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    cur = raw.cursor()
    cur.row_factory = None
    saved = raw.text_factory
    raw.text_factory = bytes  # read text as it is stored, undecoded
    try:
        for table in tables:
            if table.startswith("sqlite_") or "_fts" in table:  # FTS shadow tables mirror others
                continue
            quoted = '"' + table.replace('"', '""') + '"'
            cols = [d[0] for d in cur.execute(f"SELECT * FROM {quoted} LIMIT 0").description]
            for row in cur.execute(f"SELECT rowid, * FROM {quoted}"):
                for col, value in zip(cols, row[1:], strict=True):
                    if isinstance(value, bytes) and not _utf8(value):
                        bad.append(f"{table} rowid {row[0]} column {col}")
    except sqlite3.DatabaseError as e:
        bad.append(f"reading the tables failed: {e}")
    finally:
        raw.text_factory = saved
    return bad


def _utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _why(err: Exception) -> str:
    """What went wrong, without the recovery advice the error message carries."""
    if isinstance(err, ClaimLedgerError):
        return err.detail.split(". Recover it:")[0].split(" (`claimledger doctor`")[0]
    return str(getattr(err, "orig", None) or err).strip().splitlines()[0]


def doctor(url: str) -> Checkup:
    """Check the ledger at ``url`` without changing it; see the module doc.  E065 when there
    is no ledger file at all (nothing to check, and nothing damaged)."""
    _engine.require_ledger(url)
    up = Checkup(url)
    path = _engine.ledger_path(url)
    try:
        engine = _engine.open_read_only(_engine.read_only_url(url))
    except (ClaimLedgerError, SQLAlchemyError) as e:
        up.add("open", [_why(e)])
        return up
    try:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT count(*) FROM sqlite_master" if path else "SELECT 1")).scalar()
        except (ClaimLedgerError, SQLAlchemyError) as e:
            up.add("open", [_why(e)])
            return up
        up.add("open", [], "ok" if path is None else f"ok ({path})")
        if engine.dialect.name == "sqlite":
            _sqlite_checks(engine, up)
        try:
            have = applied(engine)
        except (ClaimLedgerError, SQLAlchemyError) as e:
            up.add("migrations", [_why(e)])
            return up
        known = [m.name for m in MIGRATIONS]
        unknown = sorted(set(have) - set(known))
        pending = [m for m in known if m not in have]
        up.add(
            "migrations", [f"unknown to this claimledger (newer?): {', '.join(unknown)}"] if unknown else []
        )
        if pending and not unknown:
            up.checks[-1] = ("migrations", f"{len(pending)} pending (applied by the next writing command)")
        if "0015_read_paths" in have:
            try:
                with engine.connect() as conn:
                    wrong = check_summaries(conn)
            except (ClaimLedgerError, SQLAlchemyError) as e:
                wrong = [_why(e)]
            up.add("summary counts", [*wrong, _REBUILD_SUMMARIES] if wrong else [])
    finally:
        engine.dispose()
    return up


def repair_summaries(url: str) -> list[str]:
    """Recount the summary counts of the ledger at ``url`` over its tables and store them
    (in one write transaction, migrating first); return what was wrong before."""
    url = db_url(url)
    _engine.require_ledger(url)
    engine = _engine.open_engine(url)
    try:
        with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
            wrong = check_summaries(conn)
            rebuild_summaries(conn)
    finally:
        engine.dispose()
    return wrong
