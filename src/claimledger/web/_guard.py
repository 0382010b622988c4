"""The request guard: writes refused before their body is read, and every body capped while
it streams.

Reads: a request's method, path, headers and cookies; then its body, counted as it arrives.
Writes: an error answer (the one error shape) when the request is refused.

A pure ASGI middleware in front of the application, so that no route, form parser or
FastAPI body reader sees the body of a request that will be refused:

- **Before the body** (``POST`` to a write route): the same-origin check (403
  ``cross_origin``); for the JSON API and uploads, the access token from the headers or the
  session cookie (401); for browser forms, the CSRF cookie (403 ``csrf_failed``: the form
  field that must match it is compared by the route, within the form's small cap); the
  content type (415); a declared ``Content-Length`` over the cap (413 ``E041``).
- **While the body streams:** bytes are counted as they arrive from the server, so a
  chunked body or a lying ``Content-Length`` is stopped as soon as it passes the cap: the
  guard answers 413 ``E041`` (with ``Connection: close``) instead of whatever the
  application was about to say, and the rest of the body is never read.

The caps: a JSON write 64 KB, a browser form 1 MB, an upload ``max_request_bytes`` (the
``serve --max-request-bytes`` option, ``$CLAIMLEDGER_MAX_REQUEST_BYTES``), anything else
64 KB.  With a token configured, browser uploads need a signed-in session (or a token
header): a form's ``token`` field would only be read after the upload itself.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from starlette.requests import Request
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimledger.errors import ClaimLedgerError, ServerError
from claimledger.web._context import error_response
from claimledger.web._security import CSRF_COOKIE, Security, WebError, valid_csrf

#: A review body is a few hundred bytes; anything near this is not a review.
MAX_JSON_BODY = 64 << 10
#: The correction form has about fifteen short fields, the merge form one per ticked
#: indicator: a few KB.  1 MB leaves room for long notes and still bounds what a hostile
#: form costs.
MAX_FORM_BODY = 1 << 20
#: Bodies sent where none is expected (a POST to a page, say): routes never read them.
MAX_OTHER_BODY = 64 << 10
#: Default cap on an upload request (all its files and fields): five files at the per-file
#: limit.  Raise it with ``serve --max-request-bytes`` or ``$CLAIMLEDGER_MAX_REQUEST_BYTES``.
DEFAULT_MAX_REQUEST_BYTES = 100 << 20
MAX_REQUEST_ENV = "CLAIMLEDGER_MAX_REQUEST_BYTES"

#: What each write route expects: (kind, accepted content types).
JSON_TYPES = ("application/json",)
#: Forms, and the upload API (multipart; a urlencoded one carries no file and gets E003).
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class BodyTooLarge(WebError):
    """A request body passed its cap (E041)."""

    def __init__(self, cap: int) -> None:
        err = ClaimLedgerError("E041", f"this request may carry at most {cap} bytes")
        super().__init__(413, "E041", str(err), {"max_bytes": cap})


def max_request_bytes(value: int | str | None = None) -> int:
    """The upload cap: ``value`` if given, else ``$CLAIMLEDGER_MAX_REQUEST_BYTES``, else the
    default.  A value that is not a positive whole number of bytes is E040."""
    raw = value if value is not None else os.environ.get(MAX_REQUEST_ENV) or None
    if raw is None:
        return DEFAULT_MAX_REQUEST_BYTES
    text = str(raw).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18 or int(text) < 1:
        raise ServerError("E040", f"the request size cap must be a positive number of bytes, got {raw!r}")
    return int(text)


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


class RequestGuard:
    """Refuses writes on their headers and caps every body while it streams (see the module
    docstring).  ``routes`` are the write routes (their path templates decide the rules),
    ``security`` holds the token; ``upload_cap`` is the upload request cap."""

    def __init__(
        self, app: ASGIApp, *, routes: Sequence[BaseRoute], security: Security, upload_cap: int
    ) -> None:
        self.app = app
        self.routes = list(routes)
        self.security = security
        self.upload_cap = upload_cap

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)  # headers and cookies only: no receive, so no body
        try:
            cap = self._admit(request, scope)
        except WebError as err:
            await self._answer(request, err, scope, receive, send)
            return
        await self._capped(request, cap, scope, receive, send)

    def _admit(self, request: Request, scope: Scope) -> int:
        """The body cap for this request, after the checks that need no body (raises
        WebError when the request is refused)."""
        route = _write_route(self.routes, scope) if scope["method"] == "POST" else None
        if route is None:
            cap = MAX_OTHER_BODY
        else:
            Security.check_origin(request)
            cap = self._route_cap(request, route)
        declared = request.headers.get("content-length", "").strip()
        # (a length of more than 18 digits is over any cap; int() would refuse 4,300 digits)
        if declared.isascii() and declared.isdigit() and (len(declared) > 18 or int(declared) > cap):
            raise BodyTooLarge(cap)
        return cap

    def _route_cap(self, request: Request, route: str) -> int:
        ctype = _content_type(request)
        if route.startswith("/api/"):
            self.security.require_auth(request)
            upload = route == "/api/documents"
            allowed = FORM_TYPES if upload else JSON_TYPES
            if ctype not in allowed:
                raise WebError(415, "unsupported_media_type", f"send the body as {' or '.join(allowed)}")
            return self.upload_cap if upload else MAX_JSON_BODY
        # a browser form: its CSRF cookie now, the matching field once the form is read
        if not valid_csrf(request.cookies.get(CSRF_COOKIE, "")):
            Security.check_csrf(request, None)
        if ctype not in FORM_TYPES:
            raise WebError(415, "unsupported_media_type", "send the form as a browser does")
        if route == "/upload":
            self.security.require_auth(request)  # the token field would come after the files
            return self.upload_cap
        return MAX_FORM_BODY

    async def _capped(self, request: Request, cap: int, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the application with ``receive`` counting the body; past ``cap``, stop reading
        and answer 413 in place of the application's own answer."""
        seen = 0
        over: BodyTooLarge | None = None
        started = False

        async def counted() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    over = BodyTooLarge(cap)
                    raise over
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if over is not None and not started:
                return  # the application's answer to the cut-off body; ours follows
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if over is None:
                raise
        if over is not None and not started:
            await self._answer(request, over, scope, receive, send)

    @staticmethod
    async def _answer(request: Request, err: WebError, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(request, err.status, err.code, err.message, err.detail)
        if err.status == 413 or scope.get("method") == "POST":
            # the body was not read: the connection cannot carry another request
            response.headers["connection"] = "close"
        await response(scope, receive, send)


def _write_route(routes: Sequence[BaseRoute], scope: Scope) -> str | None:
    """The path template of the write route this request goes to, or None (no such route)."""
    for route in routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return str(getattr(route, "path", ""))
    return None


__all__ = ["DEFAULT_MAX_REQUEST_BYTES", "MAX_JSON_BODY", "RequestGuard", "max_request_bytes"]
