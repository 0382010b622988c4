"""What every route shares: the application state, and how a page is rendered.

``_app`` builds the application and puts a ``WebState`` on ``app.state.web``; the page
routes (``_pages``) and the write routes (``_actions``) read it through ``state`` and
render through ``render``.  Keeping these here, below all three, means the route modules
import this module and never the application module (no import cycle).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment

from claimledger.web._cache import LedgerCache
from claimledger.web._recheck import Rechecker
from claimledger.web._security import CSRF_COOKIE, REVIEWER_COOKIE, Security, csrf_for

if TYPE_CHECKING:
    from claimledger.ledger import Engine


@dataclass
class WebState:
    """What every route needs, kept on ``app.state.web``."""

    engine: Engine
    db: str | None
    security: Security
    env: Environment
    cache: LedgerCache
    #: The background checks after uploads.
    rechecker: Rechecker
    #: The cap on an upload request (``RequestGuard``), shown on the upload page.
    max_request_bytes: int


def state(request: Request) -> WebState:
    ws: WebState = request.app.state.web
    return ws


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.endswith(".json") or path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def reviewer_name(request: Request, given: str | None = None, default: str = "reviewer") -> str:
    name = (given or request.cookies.get(REVIEWER_COOKIE) or default).strip()
    return name[:80] or default


def remembered_name(request: Request) -> str:
    """The name from the reviewer cookie, or "" (a form then asks for one)."""
    return (request.cookies.get(REVIEWER_COOKIE) or "").strip()[:80]


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Render a page; every page gets the CSRF token for its forms and the auth state."""
    ws = state(request)
    csrf, fresh = csrf_for(request)
    ctx = {
        "request": request,
        "csrf": csrf,
        "auth_required": ws.security.auth_required,
        "authed": ws.security.authorised(request) if ws.security.auth_required else True,
        # the remembered name prefills every review form; empty until one is typed
        "reviewer": remembered_name(request),
        "path": request.url.path,
        **context,
    }
    html = ws.env.get_template(template).render(ctx)
    resp = HTMLResponse(html, status_code=status)
    if fresh:
        resp.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", path="/")
    return resp


def error_response(request: Request, status: int, code: str, message: str, detail: Any = None) -> Response:
    """The one error shape: JSON for API clients, a page with the same fields for browsers."""
    body = {"error": {"code": code, "message": message, "detail": detail}}
    if wants_json(request) or not hasattr(request.app.state, "web"):
        return JSONResponse(body, status_code=status)
    return render(request, "error.html", {"status": status, **body["error"]}, status=status)
