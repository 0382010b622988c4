"""Engine creation: connection settings, read-only opening, error translation, a quick
check of the file, then pending migrations.

SQLite settings, and why:
- WAL journal: readers never block the single writer, nor the writer the readers.
- ``foreign_keys=ON``: SQLite leaves foreign keys off unless asked per connection.
- ``busy_timeout``: a second writer waits for the lock instead of failing at once.
- ``cache_size``: see ``CACHE_KIB``.
- ``synchronous=NORMAL``: in WAL mode this is still crash-safe for the database (a power
  loss may drop the last commits, never corrupt); FULL would fsync on every commit.
- The driver's own implicit transactions are turned off and we emit ``BEGIN`` ourselves,
  so DDL is transactional and writers can ask for ``BEGIN IMMEDIATE`` (execution option
  ``sqlite_begin="IMMEDIATE"``): a deferred transaction that reads and then writes can
  fail with SQLITE_BUSY without waiting when another writer got in between.

Read-only ledgers (``read_only_url``): the file is opened with ``mode=ro``, so nothing can
write to it, nor change its journal mode; the read commands and ``serve --read-only`` use
it, and a ledger on a read-only file system can be read.  When SQLite cannot open it even
so (a WAL ledger needs its ``-shm`` file, which a read-only directory cannot hold), it is
opened ``immutable=1``, with a warning: SQLite then takes no locks and ignores the WAL file.

Errors are translated where they leave the driver (the ``handle_error`` event), so no raw
driver error or traceback reaches a user:
- a lost or refused connection to a database server: E024 (ingest retries it);
- a damaged SQLite file ("database disk image is malformed", "file is not a database",
  text that is not UTF-8): E025, naming the file and the ways to recover;
- a write to a ledger opened read-only: E026.
Opening a SQLite ledger runs ``PRAGMA quick_check`` (it reads every page but checks no
index against its table: ~0.1 s for 10 MB), so damage is reported before any command
trusts the file; ``claimledger doctor`` runs the full ``integrity_check``.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from typing import Any
from urllib.parse import quote, unquote

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Connection, Engine, ExceptionContext, make_url
from sqlalchemy.exc import SQLAlchemyError

from claimledger.errors import LedgerError
from claimledger.ledger.migrations import EFFECTIVE_VIEW_SQL, migrate

__all__ = [
    "EFFECTIVE_VIEW_SQL", "create", "damaged", "ledger_path", "open_engine", "open_read_only", "quick_check",
    "read_only_url", "require_ledger",
]  # fmt: skip

log = logging.getLogger("claimledger")

#: Milliseconds a connection waits for another writer's lock before giving up.
BUSY_TIMEOUT_MS = 30_000
#: Page cache per connection, in KiB (SQLite's default is 2 MiB).  Inserting claims
#: updates five indexes and the FTS index at random places; once a ledger outgrows the
#: cache each insert goes back to the OS for pages.  32 MiB measured ~15% faster ingest
#: at 140k claims; memory is only taken as pages are used.
CACHE_KIB = 32 * 1024
#: Seconds to wait for a database server to accept a connection (psycopg would wait for
#: ever on a host that drops packets); the URL's own ``connect_timeout`` wins.
CONNECT_TIMEOUT_S = 10
# SQLite's messages for a damaged file (sqlite3.DatabaseError, SQLITE_CORRUPT/NOTADB).
_DAMAGE = ("malformed", "not a database", "file is encrypted", "Could not decode to UTF-8")


def ledger_path(url: str | URL) -> str | None:
    """The file of a SQLite ledger URL (also a ``file:`` URI), or None (server, memory)."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    path = u.database
    if u.query.get("uri") == "true" and path.startswith("file:"):
        path = unquote(path.removeprefix("file:").split("?", 1)[0])
        if path in ("", ":memory:") or u.query.get("mode") == "memory":
            return None
    return path


def is_read_only(url: str | URL) -> bool:
    q = make_url(url).query
    return q.get("mode") == "ro" or q.get("immutable") == "1"


def read_only_url(url: str, *, immutable: bool = False) -> str:
    """The URL that opens the same SQLite ledger read-only; other URLs are returned as they
    are (a PostgreSQL ledger is read through its server's permissions)."""
    path = ledger_path(url)
    if path is None or (is_read_only(url) and not immutable):
        return url
    uri = "file:" + quote(os.path.abspath(path), safe="/:")
    mode = {"immutable": "1"} if immutable else {"mode": "ro"}
    return make_url("sqlite://").set(database=uri, query={**mode, "uri": "true"}).render_as_string()


def damaged(path: str, detail: str) -> LedgerError:
    """E025 for a damaged ledger file: what is wrong, and the ways to recover."""
    return LedgerError(
        "E025",
        f"{detail}. Recover it: restore your last `claimledger backup`; or salvage what is readable "
        f"with `sqlite3 {path} .recover | sqlite3 recovered.db` and check it with `claimledger doctor "
        "--db recovered.db`; or ingest the original documents again into a new ledger "
        "(docs/ledger.md, 'Damaged ledgers')",
        path=path,
    )


def _translate(ctx: ExceptionContext, url: str) -> BaseException | None:
    """The coded error for a driver error, or None to let SQLAlchemy raise its own."""
    err = ctx.original_exception
    if isinstance(err, LedgerError):
        return None
    if ctx.dialect.name == "sqlite":
        path = ledger_path(url) or url
        msg = str(err) if not isinstance(err, UnicodeDecodeError) else "Could not decode to UTF-8"
        if isinstance(err, UnicodeDecodeError | sqlite3.DatabaseError) and any(s in msg for s in _DAMAGE):
            column = re.search(r"column '([^']*)'", msg)
            what = (
                msg.split(" - ")[0]
                if "decode" not in msg
                else "text that is not valid UTF-8" + (f" in column {column[1]!r}" if column else "")
            )
            return damaged(path, f"{what} (`claimledger doctor` lists the damage)")
        if isinstance(err, sqlite3.OperationalError) and "readonly database" in msg:
            return LedgerError("E026", "this command writes, and the ledger was opened read-only", path=path)
        return None
    dbapi = ctx.dialect.loaded_dbapi
    refused = ctx.connection is None and isinstance(err, dbapi.OperationalError)  # could not connect
    if ctx.is_disconnect or refused or str(getattr(err, "sqlstate", "") or "").startswith(("08", "57P")):
        where = make_url(url).render_as_string(hide_password=True)
        return LedgerError("E024", f"{type(err).__name__}: {str(err).strip().splitlines()[0]}", path=where)
    return None


def create(url: str) -> Engine:
    """An engine with our connection settings, without running migrations."""
    kwargs: dict[str, Any] = {}
    backend = make_url(url).get_backend_name()
    if backend == "postgresql" and "connect_timeout" not in make_url(url).query:
        kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S}
    engine = create_engine(url, **kwargs)
    event.listen(engine, "handle_error", lambda ctx: _translate(ctx, url))
    if engine.dialect.name == "sqlite":
        read_only = is_read_only(url)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see module doc)
            cur = dbapi_conn.cursor()
            if not read_only:  # a read-only connection cannot change the journal mode
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            mode = conn.get_execution_options().get("sqlite_begin", "")
            conn.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def quick_check(engine: Engine, path: str) -> None:
    """E025 unless ``PRAGMA quick_check`` finds the SQLite file sound."""
    with engine.connect() as conn:
        found = conn.execute(text("PRAGMA quick_check(1)")).scalar()
    if found != "ok":
        where = str(found).replace("*** in database main ***", "").strip().replace("\n", "; ")
        raise damaged(path, f"PRAGMA quick_check: {where}")


def require_ledger(url: str) -> None:
    """E065 when ``url`` names a SQLite file that does not exist: a command that only reads
    (or checks, or serves) an existing ledger must not create an empty one at a mistyped
    path.  Server URLs pass: the server says whether the database exists."""
    path = ledger_path(url)
    if path is not None and not os.path.exists(path):
        raise LedgerError(
            "E065",
            "this command reads an existing ledger and never creates one; check the path, or "
            "build a ledger first with `claimledger ingest FILES --db PATH` (or `claimledger demo`)",
            path=path,
        )


def open_read_only(url: str) -> Engine:
    """A read-only engine that can read the file, falling back to ``immutable=1``."""
    require_ledger(url)
    path = ledger_path(url)
    engine = create(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
    except (SQLAlchemyError, LedgerError) as e:
        engine.dispose()
        if path is None or "unable to open" not in str(e):
            raise
        wal = os.path.exists(path + "-wal") and os.path.getsize(path + "-wal") > 0
        unseen = "; the changes still in its -wal file are not visible" if wal else ""
        log.warning(
            "claimledger: %s: read with immutable=1 (SQLite could not open it read-only: %s)%s; "
            "the file must not change while it is open",
            path, str(getattr(e, "orig", e)), unseen,
        )  # fmt: skip
        engine = create(read_only_url(url, immutable=True))
    return engine


def open_engine(url: str) -> Engine:
    """Open and check the ledger at ``url``, creating and migrating it as needed (read-only
    URLs: never; E020 if the schema needs migrating).  E020 if it cannot be opened, E025 if
    the file is damaged."""
    read_only = is_read_only(url)
    path = ledger_path(url)
    engine = open_read_only(url) if read_only else create(url)
    try:
        if path is not None and (read_only or os.path.exists(path)):
            quick_check(engine, path)
        migrate(engine)
    except LedgerError as e:
        engine.dispose()
        if e.code == "E024":  # never connected: the ledger cannot be opened
            raise LedgerError("E020", f"cannot reach the database: {e.detail}", path=e.path) from None
        if e.code != "E026" or path is None:
            raise
        # Opened read-only, and the schema is older than this claimledger: migrate it through
        # a writable connection if the file may be written, then read.
        if not _writable(path):
            raise LedgerError(
                "E020", "its schema needs migrating, and the file cannot be written here", path=path
            ) from None
        open_engine(make_url("sqlite://").set(database=path).render_as_string()).dispose()
        return open_engine(url)
    except SQLAlchemyError as e:
        engine.dispose()
        why = str(e.orig if hasattr(e, "orig") else e)
        if path is not None and not read_only and os.path.exists(path) and not _writable(path):
            why += "; it cannot be written here: reading commands and `serve --read-only` open it read-only"
        raise LedgerError("E020", why, path=url) from None
    return engine


def _writable(path: str) -> bool:
    """Whether SQLite can write ``path`` (the file, and its directory for the -wal file)."""
    return os.access(path, os.W_OK) and os.access(os.path.dirname(os.path.abspath(path)), os.W_OK)
