"""``claimledger serve``: the web dashboard and JSON API over a ledger.

Binds to 127.0.0.1 by default.  Binding anywhere else exposes the ledger to the network,
so it refuses to start (E040) unless an access token is configured (``--token`` or
``CLAIMLEDGER_TOKEN``); with a token every write needs it.  ``--read-only`` opens the
ledger read-only (a SQLite ``mode=ro`` URI): it can then sit on a read-only file system.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="serve the dashboard and JSON API (http://127.0.0.1:8000)")
    p.add_argument(
        "--db", help="ledger path or SQLAlchemy URL (default: $CLAIMLEDGER_DB or ./claimledger.db)"
    )
    p.add_argument(
        "--host", default=DEFAULT_HOST, help="address to bind (default: 127.0.0.1, this machine only)"
    )
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default: 8000)")
    p.add_argument("--token", help="access token every write must carry (default: $CLAIMLEDGER_TOKEN)")
    p.add_argument(
        "--read-only",
        action="store_true",
        help="open the ledger read-only (also on a read-only file system); every write is refused (E026)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes (default 1); more serve more readers at once, SQLite keeps one writer",
    )
    p.add_argument(
        "--max-request-bytes",
        metavar="N",
        help="largest upload request, counted while it streams; more is refused with 413 [E041] "
        "(default: $CLAIMLEDGER_MAX_REQUEST_BYTES or 104857600, 100 MB)",
    )
    p.add_argument(
        "--read-timeout",
        metavar="SECONDS",
        help="a request's headers must arrive within this, and its body may pause no longer; "
        "the connection is closed otherwise (default: $CLAIMLEDGER_READ_TIMEOUT or 10)",
    )
    p.add_argument(
        "--max-connections-per-client",
        metavar="N",
        help="open connections one address may hold; more are closed at once "
        "(default: $CLAIMLEDGER_MAX_CONNECTIONS_PER_CLIENT or 32; raise it behind a reverse proxy)",
    )
    p.add_argument(
        "--max-connections",
        metavar="N",
        help="open connections in all; past this, requests are answered 503 (default: 1000)",
    )
    p.set_defaults(func=run)


def check_bind(host: str, token: str | None) -> None:
    """E040 when the bind is not loopback and there is no (long enough) token."""
    from claimledger.errors import ServerError
    from claimledger.web import MIN_TOKEN_LENGTH, is_loopback

    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise ServerError("E040", f"the token must be at least {MIN_TOKEN_LENGTH} characters")
    if not is_loopback(host) and not token:
        raise ServerError(
            "E040",
            f"binding to {host} exposes the ledger to the network; set --token or CLAIMLEDGER_TOKEN "
            "(every write will need it), or bind to 127.0.0.1",
        )


def check_port(host: str, port: int) -> None:
    """E066 when ``port`` on ``host`` cannot be bound (another server has it), before the
    server (or the demo's ingest) starts, naming ``--port`` and a port to try."""
    import errno
    import socket

    from claimledger.errors import ServerError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        # uvicorn sets SO_REUSEADDR too: a port left in TIME_WAIT by a stopped server is free.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            if e.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise ServerError("E040", f"cannot bind {host}:{port}: {e.strerror or e}") from None
            why = "is in use" if e.errno == errno.EADDRINUSE else "needs privileges"
            raise ServerError(
                "E066",
                f"port {port} on {host} {why}; choose another with --port, e.g. --port {port + 1}",
            ) from None


def allowed_hosts(host: str) -> list[str] | None:
    """Host names a loopback-bound server answers to (defeats DNS rebinding)."""
    from claimledger.web import LOOPBACK_HOSTS, is_loopback

    return [*LOOPBACK_HOSTS, host] if is_loopback(host) else None


def run(args: argparse.Namespace) -> int:
    token = args.token or os.environ.get("CLAIMLEDGER_TOKEN") or None
    check_bind(args.host, token)
    import uvicorn

    from claimledger.ledger import read_only_url, require_ledger
    from claimledger.web import ServerLimits, configure, create_app, max_request_bytes

    # E040 for a bad setting, before anything binds (callers such as `demo` omit these)
    cap = max_request_bytes(getattr(args, "max_request_bytes", None))
    limits = ServerLimits.from_options(
        getattr(args, "read_timeout", None),
        getattr(args, "max_connections_per_client", None),
        getattr(args, "max_connections", None),
    )
    require_ledger(args.db)  # serving an empty ledger at a mistyped path helps nobody (E065)
    check_port(args.host, args.port)
    if getattr(args, "read_only", False):  # callers such as `demo` may omit it
        args.db = read_only_url(args.db)

    hosts = allowed_hosts(args.host)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    workers = int(getattr(args, "workers", 1) or 1)  # callers such as `demo` may omit it
    if workers > 1:
        # Worker processes build their own app from the environment (uvicorn needs an
        # import string to start more than one); opening the ledger here first applies
        # migrations once and fails early on a bad --db.
        create_app(args.db, token=token, allowed_hosts=hosts, max_request_bytes=cap)
        os.environ.update(_app_env(args.db, token, hosts, cap))
        print(f"claimledger: serving on http://{shown}:{args.port}/ with {workers} workers", flush=True)
        uvicorn.run(
            "claimledger.web._app:app_from_env", factory=True, host=args.host, port=args.port,
            workers=workers, log_level="warning", access_log=False, **configure(limits),
        )  # fmt: skip
        return 0
    app = create_app(args.db, token=token, allowed_hosts=hosts, max_request_bytes=cap)
    print(f"claimledger: serving on http://{shown}:{args.port}/  (Ctrl+C to stop)", flush=True)
    uvicorn.run(
        app, host=args.host, port=args.port, log_level="warning", access_log=False, **configure(limits)
    )
    return 0


def _app_env(db: str | None, token: str | None, hosts: list[str] | None, cap: int) -> dict[str, str]:
    from claimledger.ledger import db_url

    env = {"CLAIMLEDGER_DB": db_url(db), "CLAIMLEDGER_MAX_REQUEST_BYTES": str(cap)}
    if token:
        env["CLAIMLEDGER_TOKEN"] = token
    if hosts:
        env["CLAIMLEDGER_ALLOWED_HOSTS"] = ",".join(hosts)
    return env
