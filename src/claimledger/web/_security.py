"""Who may write, and from where.

Reads: request headers, cookies and form fields.  Writes: cookies (CSRF and session).

The rules (docs/web.md explains them for operators):
- Reads are open to anyone who can reach the server.  The server binds to 127.0.0.1 unless
  told otherwise, and ``claimledger serve`` refuses a non-local bind without a token (E040).
- With a token configured, every write needs it: ``Authorization: Bearer <token>``, the
  ``X-Claimledger-Token`` header, a ``token`` form field, or the session cookie that
  ``/login`` sets after the token was typed once.
- Every browser form carries a CSRF token that must match the ``cl_csrf`` cookie
  (double submit; the cookie is ``SameSite=Strict`` and ``HttpOnly``).
- Every write is refused when the browser says it comes from another site (``Origin`` or
  ``Sec-Fetch-Site``), and JSON writes must be ``application/json``, which no cross-site
  form can send without a CORS preflight this server never grants.
- When bound to loopback, only loopback ``Host`` names are served, which defeats DNS
  rebinding (a hostile page whose domain is re-pointed at 127.0.0.1).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from starlette.requests import Request

CSRF_COOKIE = "cl_csrf"
AUTH_COOKIE = "cl_auth"
REVIEWER_COOKIE = "cl_reviewer"
TOKEN_HEADER = "x-claimledger-token"
#: Hosts a loopback-bound server answers to.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
#: A token shorter than this is refused at start-up: 16 random characters is ~95 bits,
#: far beyond guessing over HTTP; shorter ones invite "secret" or "1234".
MIN_TOKEN_LENGTH = 16


class WebError(Exception):
    """An error with an HTTP status and a stable code, rendered in the one error shape."""

    def __init__(self, status: int, code: str, message: str, detail: object = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail


def is_loopback(host: str) -> bool:
    h = host.strip().lower()
    return h in LOOPBACK_HOSTS or h.startswith("127.")


class Security:
    """The write rules for one app instance."""

    def __init__(self, token: str | None) -> None:
        self.token = token or None
        # The session cookie value is derived from the token, so it stays valid across
        # worker processes and restarts, and changes when the token does.
        self._session = (
            hmac.new(self.token.encode(), b"claimledger-session-v1", hashlib.sha256).hexdigest()
            if self.token
            else None
        )

    @property
    def auth_required(self) -> bool:
        return self.token is not None

    @property
    def session_value(self) -> str | None:
        return self._session

    def authorised(self, request: Request, form_token: str | None = None) -> bool:
        """Whether this request may write (always, when no token is configured)."""
        if self.token is None:
            return True
        offered: list[str] = []
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            offered.append(auth[7:].strip())
        if request.headers.get(TOKEN_HEADER):
            offered.append(request.headers[TOKEN_HEADER])
        if form_token:
            offered.append(form_token)
        if any(hmac.compare_digest(o.encode(), self.token.encode()) for o in offered):
            return True
        cookie = request.cookies.get(AUTH_COOKIE, "")
        return bool(self._session and cookie and hmac.compare_digest(cookie, self._session))

    def require_auth(self, request: Request, form_token: str | None = None) -> None:
        if not self.authorised(request, form_token):
            raise WebError(
                401, "unauthorized", "this server needs its access token for changes; sign in first"
            )

    @staticmethod
    def check_origin(request: Request) -> None:
        """Refuse writes a browser marks as cross-site."""
        site = request.headers.get("sec-fetch-site")
        if site == "cross-site":
            raise WebError(403, "cross_origin", "cross-site requests may not change the ledger")
        origin = request.headers.get("origin")
        if origin is None:
            return
        host = request.headers.get("host", "")
        if origin == "null" or urlsplit(origin).netloc.lower() != host.lower():
            raise WebError(403, "cross_origin", "cross-site requests may not change the ledger")

    @staticmethod
    def check_csrf(request: Request, form_value: str | None) -> None:
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if not cookie or not form_value or not hmac.compare_digest(cookie, form_value):
            raise WebError(
                403,
                "csrf_failed",
                "the form has expired or did not come from this site; reload the page and retry",
            )


def valid_csrf(value: str) -> bool:
    """Whether ``value`` has the shape of a CSRF token this server issues (32 random bytes,
    URL-safe base64: 43 characters)."""
    return len(value) == 43 and value.isascii() and value.replace("-", "").replace("_", "").isalnum()


def csrf_for(request: Request) -> tuple[str, bool]:
    """The CSRF token for this browser and whether the cookie must be (re)set."""
    current = request.cookies.get(CSRF_COOKIE, "")
    if valid_csrf(current):
        return current, False
    return secrets.token_urlsafe(32), True
