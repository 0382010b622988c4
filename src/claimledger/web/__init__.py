"""The web dashboard and JSON API: ``create_app(db, token=...)`` returns a FastAPI app.

Pages are rendered on the server (Jinja2 templates in ``templates/``) with a little
JavaScript (``static/app.js``) for the claim panel and the plotly charts; plotly.js is
served from the installed plotly package, so the dashboard works offline.  Every page has
a JSON twin at the same URL plus ``.json``; writes live under ``/api/``.  docs/web.md
describes the pages, the API, the error shape and the security rules.
"""

from __future__ import annotations

from claimledger.web._app import create_app
from claimledger.web._guard import max_request_bytes
from claimledger.web._security import LOOPBACK_HOSTS, MIN_TOKEN_LENGTH, is_loopback
from claimledger.web._server import ServerLimits, configure

__all__ = [
    "LOOPBACK_HOSTS",
    "MIN_TOKEN_LENGTH",
    "ServerLimits",
    "configure",
    "create_app",
    "is_loopback",
    "max_request_bytes",
]
