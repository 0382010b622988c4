"""The FastAPI application: settings, error shape, security headers, vendored plotly.js.

``create_app`` opens the ledger once and wires the page routes (``_pages``) and the write
routes (``_actions``).  Errors from anywhere become one shape: ``{"error": {"code",
"message", "detail"}}`` for JSON clients, and a page with the same fields for browsers.
The routes reach the state and the page renderer through ``_context``, never through this
module, so the web modules import one another in one direction only.
"""

from __future__ import annotations

import gzip
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimledger.errors import ClaimLedgerError
from claimledger.web import _guard
from claimledger.web._cache import LedgerCache
from claimledger.web._context import WebState, error_response
from claimledger.web._recheck import Rechecker
from claimledger.web._security import Security, WebError

if TYPE_CHECKING:
    pass

log = logging.getLogger("claimledger.web")

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: Content Security Policy: scripts only from this server (the document text is untrusted,
#: so even an escaping bug must not run inline script).  plotly.js injects <style>
#: elements, hence 'unsafe-inline' for styles only; images may be data: URLs (plotly's
#: toolbar icons).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    500: "internal_error",
    503: "unavailable",
}
#: Ledger error codes and the HTTP status that fits each.
CODE_STATUS = {
    "E022": 404,
    "E068": 422,
    "E030": 422,
    "E060": 422,
    "E062": 409,
    "E064": 422,
    "E004": 413,
    "E015": 413,
    "E041": 413,
    "E011": 415,
    "E020": 503,
    "E021": 503,
}


class SecurityHeaders:
    """Adds the security headers to every response (pure ASGI: no per-request overhead
    beyond appending to the header list)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _install_error_handlers(app: FastAPI) -> None:
    async def on_web_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WebError)
        return error_response(request, exc.status, exc.code, exc.message, exc.detail)

    async def on_ledger_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ClaimLedgerError)
        status = CODE_STATUS.get(exc.code, 400)
        return error_response(request, status, exc.code, str(exc), exc.detail or None)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
            for e in exc.errors()
        ]
        msg = "; ".join(f"{p['where']}: {p['problem']}" for p in problems) or "invalid request"
        return error_response(request, 422, "invalid_parameter", msg, problems)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, code, message)

    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, "internal_error", "the server hit an unexpected error")

    app.add_exception_handler(WebError, on_web_error)
    app.add_exception_handler(ClaimLedgerError, on_ledger_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)


def _plotly_js() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the plotly package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "package_data" / "plotly.min.js"


def _install_vendor(app: FastAPI) -> None:
    """Serve plotly.js from the installed plotly package (no CDN), gzipped once in memory."""
    cache: dict[str, bytes] = {}

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js(request: Request) -> Response:
        if "raw" not in cache:
            raw = _plotly_js().read_bytes()
            cache["raw"], cache["gz"] = raw, gzip.compress(raw, 6)
        headers = {"cache-control": "public, max-age=86400", "vary": "accept-encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["content-encoding"] = "gzip"
            return Response(cache["gz"], media_type="text/javascript", headers=headers)
        return Response(cache["raw"], media_type="text/javascript", headers=headers)


def make_env() -> Environment:
    from claimledger.web import _format

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    _format.install(env)
    return env


def create_app(
    db: str | None = None,
    *,
    token: str | None = None,
    allowed_hosts: list[str] | None = None,
    max_request_bytes: int | None = None,
) -> FastAPI:
    """The dashboard and JSON API over the ledger at ``db`` (path or SQLAlchemy URL; None =
    ``$CLAIMLEDGER_DB`` or ``./claimledger.db``).  With ``token``, every write needs it.
    ``allowed_hosts`` limits the ``Host`` header (``serve`` passes loopback names when
    bound to loopback).  ``max_request_bytes`` caps an upload request while it streams
    (None: ``$CLAIMLEDGER_MAX_REQUEST_BYTES`` or 100 MB; E040 when it is not a positive
    number)."""
    from claimledger.ledger import open_engine
    from claimledger.review import rating_scale
    from claimledger.web import _actions, _pages, _upload

    rating_scale()  # a malformed $CLAIMLEDGER_RATING_SCALE is refused at start (E061), not per page
    upload_cap = _guard.max_request_bytes(max_request_bytes)
    engine = open_engine(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await run_in_threadpool(rechecker.wait)  # a run that is going ends before the engine
        engine.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="claimledger",
        version=_version(),
        description=(
            "Figures and commitments from official statements, each with its source span. "
            "Every page has a JSON twin at the same URL plus `.json`; writes live under `/api/`. "
            'Errors share one shape: `{"error": {"code", "message", "detail"}}`.'
        ),
        docs_url=None,  # FastAPI's Swagger UI loads from a CDN; /docs is our own page
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    cache = LedgerCache(engine, enabled=os.environ.get("CLAIMLEDGER_WEB_CACHE", "1") != "0")
    security = Security(token)
    rechecker = Rechecker(lambda: _upload.recheck(engine))
    app.state.web = ws = WebState(engine, db, security, make_env(), cache, rechecker, upload_cap)
    cache.add_warmer(lambda: _pages.warm(ws))
    _install_error_handlers(app)
    _install_vendor(app)
    app.include_router(_pages.router)
    app.include_router(_actions.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    # The guard runs before any route (and inside SecurityHeaders, so its answers carry them).
    app.add_middleware(
        _guard.RequestGuard, routes=_actions.router.routes, security=security, upload_cap=upload_cap
    )
    app.add_middleware(SecurityHeaders)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    return app


def app_from_env() -> FastAPI:
    """The app configured from ``CLAIMLEDGER_DB``, ``CLAIMLEDGER_TOKEN``,
    ``CLAIMLEDGER_ALLOWED_HOSTS`` and ``CLAIMLEDGER_MAX_REQUEST_BYTES``: how
    ``serve --workers N`` starts each worker."""
    hosts = os.environ.get("CLAIMLEDGER_ALLOWED_HOSTS")
    return create_app(
        os.environ.get("CLAIMLEDGER_DB"),
        token=os.environ.get("CLAIMLEDGER_TOKEN") or None,
        allowed_hosts=hosts.split(",") if hosts else None,
    )


def _version() -> str:
    from claimledger import __version__

    return __version__
