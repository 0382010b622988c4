"""How ``claimledger serve`` configures uvicorn against slow and greedy clients.

Reads: the limits (``ServerLimits``, from ``serve``'s options or the environment).
Writes: uvicorn settings, and a connection's close when a limit is passed.

What uvicorn 0.55 offers, and what it lacks (checked in its source, ``uvicorn/config.py``
and ``protocols/http/h11_impl.py``):

- ``limit_concurrency``: past N open connections (or running requests), a new request is
  answered 503.  Used: ``--max-connections``.
- ``h11_max_incomplete_event_size``: the most bytes of a request line and headers it will
  buffer (h11 only; httptools has no such setting).  Used: 64 KB.
- ``timeout_keep_alive``: closes an idle connection, but only *after a response*.  A
  connection that never finishes its headers, or pauses in its body, is never timed out,
  and no setting bounds how long headers or a body may take, nor how many connections
  one client may hold.  (Hypercorn has ``read_timeout`` and closes a connection idle
  before its first request, but is not a dependency, and has no per-client cap either.)

So uvicorn runs with its own h11 protocol, subclassed through its ``http`` setting (the
server's extension point for protocols) to add the three missing limits:

- **header timeout**: a request's line and headers must arrive within ``read_timeout``
  seconds of the connection opening (or of the first byte of a later request on it),
  however slowly they trickle in;
- **body timeout**: a body may pause at most ``read_timeout`` seconds between reads
  (while the application is reading; a pause the server asked for does not count);
- **per-client cap**: at most ``per_client`` open connections from one address; more are
  closed at once.

Each closes the connection, as uvicorn's keep-alive timeout does: no response can be sent
before a request has arrived.  Worker processes read the limits from the environment
(``CLAIMLEDGER_READ_TIMEOUT``, ``CLAIMLEDGER_MAX_CONNECTIONS_PER_CLIENT``), which ``serve``
sets, as it does for the application's own settings.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from typing import Any, ClassVar

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from claimledger.errors import ServerError

log = logging.getLogger("claimledger.web")

#: A request line and headers larger than this are refused by h11 (431-like 400): pages and
#: API calls send well under 8 KB; 64 KB leaves room for large cookies.
MAX_HEADER_BYTES = 64 << 10
#: Seconds for a request's headers to arrive, and the longest pause in a body.  A browser
#: or script sends its headers in one packet; 10 s covers a slow mobile link.
DEFAULT_READ_TIMEOUT = 10.0
#: Open connections one address may hold.  Browsers open about 6 per host; a benchmark or a
#: script with a pool may use 16-32.  Behind a reverse proxy every client shares the
#: proxy's address: raise it there (the proxy should bound its own clients).
DEFAULT_PER_CLIENT = 32
#: Open connections in all: past this, uvicorn answers 503 (and file descriptors last).
DEFAULT_MAX_CONNECTIONS = 1000
#: Seconds a stopping server waits for requests still going.
GRACEFUL_SHUTDOWN_S = 10
READ_TIMEOUT_ENV = "CLAIMLEDGER_READ_TIMEOUT"
PER_CLIENT_ENV = "CLAIMLEDGER_MAX_CONNECTIONS_PER_CLIENT"
PROTOCOL = "claimledger.web._server:GuardedH11Protocol"


@dataclass(frozen=True, slots=True)
class ServerLimits:
    read_timeout: float = DEFAULT_READ_TIMEOUT
    per_client: int = DEFAULT_PER_CLIENT
    max_connections: int = DEFAULT_MAX_CONNECTIONS

    @classmethod
    def from_options(
        cls, read_timeout: object = None, per_client: object = None, max_connections: object = None
    ) -> ServerLimits:
        """The limits from ``serve``'s options, else the environment, else the defaults
        (E040 for a value that is not a positive number)."""
        return cls(
            _positive(read_timeout, READ_TIMEOUT_ENV, DEFAULT_READ_TIMEOUT, "the read timeout", float),
            int(_positive(per_client, PER_CLIENT_ENV, DEFAULT_PER_CLIENT, "connections per client", int)),
            int(_positive(max_connections, None, DEFAULT_MAX_CONNECTIONS, "the connection limit", int)),
        )

    def uvicorn_settings(self) -> dict[str, Any]:
        """Keyword arguments for ``uvicorn.run``."""
        return {
            "http": PROTOCOL,
            "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
            "limit_concurrency": self.max_connections,
            "timeout_keep_alive": 5,
            # on shutdown, requests still going after this are cut off: a stalled one must
            # not keep the server up
            "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_S,
        }

    def environment(self) -> dict[str, str]:
        """What worker processes read the limits from."""
        return {READ_TIMEOUT_ENV: repr(self.read_timeout), PER_CLIENT_ENV: str(self.per_client)}


def _positive(value: object, env: str | None, default: float, what: str, kind: type) -> float:
    raw = value if value is not None else (os.environ.get(env) if env else None) or None
    if raw is None:
        return default
    try:
        number = float(kind(str(raw).strip()))
    except ValueError:
        number = -1.0
    if not number > 0 or number == float("inf"):
        raise ServerError("E040", f"{what} must be a positive number, got {raw!r}")
    return number


def configure(limits: ServerLimits) -> dict[str, Any]:
    """Apply ``limits`` to this process and to the workers it starts (through the
    environment); return the keyword arguments for ``uvicorn.run``."""
    os.environ.update(limits.environment())
    GuardedH11Protocol._limits = limits
    return limits.uvicorn_settings()


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header timeout, a body timeout and a per-client cap
    (see the module docstring)."""

    #: Open connections by client address, in this process.
    open_by_client: ClassVar[dict[str, int]] = {}
    #: Connections closed by each limit, in this process (tests and logs read them).
    closed: ClassVar[dict[str, int]] = {"header_timeout": 0, "body_timeout": 0, "per_client": 0}
    _limits: ClassVar[ServerLimits | None] = None

    @classmethod
    def limits(cls) -> ServerLimits:
        if cls._limits is None:
            cls._limits = ServerLimits.from_options()
        return cls._limits

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._timer: asyncio.TimerHandle | None = None
        self._header_timer: asyncio.TimerHandle | None = None
        self._who = self.client[0] if self.client else ""
        n = self.open_by_client.get(self._who, 0) + 1
        self.open_by_client[self._who] = n
        if n > self.limits().per_client:
            self._close("per_client")
            return
        self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timers()
        left = self.open_by_client.get(self._who, 1) - 1
        if left > 0:
            self.open_by_client[self._who] = left
        else:
            self.open_by_client.pop(self._who, None)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.IDLE:
            # (more of) a request's headers: its deadline runs from its first byte
            if self._header_timer is None:
                self._arm_header_timer()
            return
        self._cancel_header_timer()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if state is h11.SEND_BODY:
            self._timer = self.loop.call_later(self.limits().read_timeout, self._body_timed_out)

    def on_response_complete(self) -> None:
        self._cancel_timers()  # uvicorn's keep-alive timeout now watches the idle connection
        super().on_response_complete()

    # --- timers -------------------------------------------------------------------------

    def _arm_header_timer(self) -> None:
        self._header_timer = self.loop.call_later(self.limits().read_timeout, self._headers_timed_out)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _cancel_timers(self) -> None:
        self._cancel_header_timer()
        if getattr(self, "_timer", None) is not None:
            assert self._timer is not None
            self._timer.cancel()
            self._timer = None

    def _headers_timed_out(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE:
            self._close("header_timeout")

    def _body_timed_out(self) -> None:
        self._timer = None
        if self.conn.their_state is not h11.SEND_BODY:
            return
        if self.flow.read_paused:  # the server stopped reading, not the client: not a stall
            self._timer = self.loop.call_later(self.limits().read_timeout, self._body_timed_out)
            return
        self._close("body_timeout")

    def _close(self, why: str) -> None:
        self.closed[why] += 1
        log.debug("closing a connection from %s: %s", self._who, why)
        if not self.transport.is_closing():
            self.transport.close()
