"""Web limits (issue 15, "Web"): ids out of range, writes refused before their body is read,
bodies capped while they stream, background checks, server timeouts.

Work is bounded by counting (bytes pulled from ``receive``, check runs), never by seconds."""

from __future__ import annotations

from typing import Any

import pytest

HUGE = "99999999999999999999999"  # past a 64-bit integer: SQLite raised OverflowError (500)


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("get", f"/claims.json?document={HUGE}", {}),
        ("get", f"/claims?document={HUGE}", {}),
        ("get", "/claims.json?document=-1", {}),
        ("get", "/claims.json?document=\u00b2", {}),  # a Unicode digit int() refuses
        ("get", f"/documents/{HUGE}.json", {}),
        ("get", f"/documents/{HUGE}", {}),
        ("get", f"/indicators/{HUGE}.json", {}),
        ("get", f"/indicators/{HUGE}", {}),
        ("get", "/documents/-5.json", {}),
        ("get", "/indicators/0.json", {}),
        ("get", f"/claims.json?page={HUGE}", {}),
        ("get", f"/documents.json?per_page={HUGE}", {}),
        ("get", f"/findings.json?page={HUGE}", {}),
        ("get", f"/promises.json?page={HUGE}", {}),
        ("get", f"/indicators.json?page={HUGE}", {}),
        ("get", f"/audit.json?page={HUGE}", {}),
        ("get", f"/findings.json?document={HUGE}", {}),
        ("get", f"/findings?document={HUGE}", {}),
        ("post", "/api/indicators/merge", {"json": {"indicator_ids": [1, int(HUGE)]}}),
        ("post", f"/api/indicators/{HUGE}/split", {"json": {"claim_ids": ["a"]}}),
    ],
)
def test_huge_ids_are_422_never_500(web_client: Any, method: str, path: str, kwargs: dict[str, Any]) -> None:
    r = getattr(web_client, method)(path, headers={"accept": "application/json"}, **kwargs)
    assert r.status_code == 422, (path, r.status_code, r.text[:300])
    assert r.json()["error"]["code"] == "invalid_parameter"


def test_huge_ids_in_forms_are_422(web_client: Any) -> None:
    import re

    token = re.search(r'name="csrf_token" value="([^"]+)"', web_client.get("/indicators").text)
    assert token
    for path, data in (
        ("/indicators/merge", {"indicator_ids": ["1", HUGE]}),
        (f"/indicators/{HUGE}/split", {"claim_ids": ["a"]}),
    ):
        r = web_client.post(path, data={"csrf_token": token.group(1), **data})
        assert r.status_code == 422, (path, r.status_code, r.text[:300])


def test_the_largest_id_is_a_plain_404(web_client: Any) -> None:
    top = str(2**63 - 1)
    for path in (f"/documents/{top}.json", f"/indicators/{top}.json"):
        r = web_client.get(path)
        assert r.status_code == 404 and r.json()["error"]["code"] == "E022", path
    r = web_client.get(f"/claims.json?document={top}")
    assert r.status_code == 200 and r.json()["claims"] == []


# --- writes refused before their body is read; bodies capped while they stream ----------

MB = 1 << 20
CSRF = "A" * 43  # the shape of a CSRF token this server issues (valid_csrf)


def asgi_post(
    app: Any, path: str, headers: dict[str, str], chunks: int, chunk: bytes = b"x" * MB
) -> tuple[int, dict[str, str], bytes, int]:
    """POST ``chunks`` copies of ``chunk`` to ``app`` as a chunked body (no Content-Length
    unless ``headers`` has one), straight through ASGI; returns the status, the headers,
    the body and how many body bytes the server pulled from ``receive``.  A multipart body
    opens with a file part's headers, so the parser reads on into the file."""
    import asyncio

    pulled = 0
    left = chunks
    out: dict[str, Any] = {"body": b""}

    opening = b""
    if "multipart" in headers.get("content-type", ""):
        opening = b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'

    async def receive() -> dict[str, Any]:
        nonlocal pulled, left, opening
        if left == 0:
            return {"type": "http.request", "body": b"", "more_body": False}
        left -= 1
        body, opening = opening + chunk, b""
        pulled += len(body)
        return {"type": "http.request", "body": body, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
            out["headers"] = {k.decode().lower(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            out["body"] += message.get("body", b"")

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            *((k.lower().encode(), v.encode()) for k, v in headers.items()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))
    return out["status"], out["headers"], out["body"], pulled


def _code(body: bytes) -> str:
    import json

    return str(json.loads(body)["error"]["code"])


FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data; boundary=xyz"


@pytest.mark.parametrize(
    ("path", "headers", "status", "code"),
    [
        # the repro: 300 fields of 1 MB to a review form, no cookie, no token
        ("/claims/c1/review", {"content-type": FORM}, 403, "csrf_failed"),
        ("/upload", {"content-type": MULTIPART}, 403, "csrf_failed"),
        ("/indicators/merge", {"content-type": FORM, "cookie": "cl_csrf=short"}, 403, "csrf_failed"),
        ("/claims/c1/review", {"content-type": FORM, "cookie": f"cl_csrf={CSRF}", "origin": "https://evil.example"},
         403, "cross_origin"),
        ("/api/claims/c1/accept", {"content-type": "application/json", "sec-fetch-site": "cross-site"},
         403, "cross_origin"),
        ("/api/claims/c1/accept", {"content-type": "text/plain"}, 415, "unsupported_media_type"),
        ("/api/documents", {"content-type": "application/json"}, 415, "unsupported_media_type"),
        ("/claims/c1/review", {"content-type": "application/json", "cookie": f"cl_csrf={CSRF}"},
         415, "unsupported_media_type"),
        ("/api/documents", {"content-type": MULTIPART, "content-length": str(500 * MB)}, 413, "E041"),
        ("/api/documents", {"content-type": MULTIPART, "content-length": "9" * 5000}, 413, "E041"),
        ("/claims/c1/review", {"content-type": FORM, "cookie": f"cl_csrf={CSRF}",
                               "content-length": str(2 * MB)}, 413, "E041"),
    ],
)  # fmt: skip
def test_refused_writes_are_answered_before_their_body_is_read(
    web_db: Any, path: str, headers: dict[str, str], status: int, code: str
) -> None:
    from claimledger.web import create_app

    app = create_app(str(web_db))
    got, hdrs, body, pulled = asgi_post(app, path, {"accept": "application/json", **headers}, 300)
    assert (got, _code(body)) == (status, code), body[:300]
    assert pulled == 0, f"{pulled} body bytes read before refusing"
    assert hdrs["connection"] == "close" and "content-security-policy" in hdrs


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/api/claims/c1/accept", {"content-type": "application/json"}),
        ("/api/documents", {"content-type": MULTIPART}),
        ("/upload", {"content-type": MULTIPART, "cookie": f"cl_csrf={CSRF}"}),
    ],
)
def test_writes_without_the_token_read_no_body(web_db: Any, path: str, headers: dict[str, str]) -> None:
    from claimledger.web import create_app

    app = create_app(str(web_db), token="s3cret-token-for-tests-0123456789")
    got, _, body, pulled = asgi_post(app, path, {"accept": "application/json", **headers}, 300)
    assert (got, _code(body), pulled) == (401, "unauthorized", 0)


def test_the_upload_page_asks_to_sign_in_first(web_token_client: Any) -> None:
    """With a token, the upload form's token field would arrive after the files: the page
    asks for a sign-in instead, and shows the form once signed in."""
    import re

    page = web_token_client.get("/upload").text
    assert 'id="upload-sign-in"' in page and 'id="upload-form"' not in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', web_token_client.get("/login").text)
    assert token
    web_token_client.post(
        "/login", data={"csrf_token": token.group(1), "token": "s3cret-token-for-tests-0123456789"}
    )
    page = web_token_client.get("/upload").text
    assert 'id="upload-form"' in page and 'id="upload-sign-in"' not in page


@pytest.mark.parametrize(
    ("path", "headers", "cap"),
    [
        # the repro: 450 MB chunked, no Content-Length, to the upload API
        ("/api/documents", {"content-type": MULTIPART}, 3 * MB),
        ("/upload", {"content-type": MULTIPART, "cookie": f"cl_csrf={CSRF}"}, 3 * MB),
        # a Content-Length that lies (the server passes on what the client sends)
        ("/api/documents", {"content-type": MULTIPART, "content-length": "1000"}, 3 * MB),
        ("/claims/c1/review", {"content-type": FORM, "cookie": f"cl_csrf={CSRF}"}, MB),
        ("/api/claims/c1/accept", {"content-type": "application/json"}, 64 << 10),
        ("/login", {"content-type": FORM, "cookie": f"cl_csrf={CSRF}"}, MB),
    ],
)
def test_bodies_are_cut_off_as_soon_as_they_pass_the_cap(
    web_db: Any, path: str, headers: dict[str, str], cap: int
) -> None:
    from claimledger.web import create_app

    app = create_app(str(web_db), max_request_bytes=3 * MB)
    chunk = b"a" * (64 << 10)
    got, hdrs, body, pulled = asgi_post(app, path, {"accept": "application/json", **headers}, 450 * 16, chunk)
    assert (got, _code(body)) == (413, "E041"), body[:300]
    assert cap < pulled <= cap + len(chunk) + 200, f"read {pulled} bytes for a cap of {cap}"
    assert hdrs["connection"] == "close"


def test_the_upload_cap_is_a_setting(web_db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from claimledger.errors import ServerError
    from claimledger.web import create_app

    monkeypatch.setenv("CLAIMLEDGER_MAX_REQUEST_BYTES", "2000")
    with TestClient(create_app(str(web_db))) as c:
        assert c.get("/upload.json").json()["max_request_bytes"] == 2000
        ok = c.post("/api/documents", files=[("files", ("a.txt", b"Growth was 3% in 2024.", "text/plain"))])
        assert ok.status_code == 200, ok.text
        r = c.post("/api/documents", files=[("files", ("big.txt", b"x" * 5000, "text/plain"))])
        assert r.status_code == 413 and r.json()["error"]["code"] == "E041"
    for bad in ("0", "-5", "lots", "1e9"):
        monkeypatch.setenv("CLAIMLEDGER_MAX_REQUEST_BYTES", bad)
        with pytest.raises(ServerError) as err:
            create_app(str(web_db))
        assert err.value.code == "E040"


# --- checks after uploads run in the background, coalesced --------------------------------


def test_checks_requested_during_a_run_cost_one_more_run() -> None:
    import threading

    from claimledger.web._recheck import Rechecker

    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def run() -> None:
        calls.append(1)
        if len(calls) == 1:
            started.set()
            release.wait()

    r = Rechecker(run)
    r.request()
    started.wait()
    for _ in range(7):  # seven uploads while the first run is going
        r.request()
    assert r.running
    release.set()
    r.wait()
    assert (len(calls), r.runs, r.requests, r.running) == (2, 2, 8, False)
    r.request()  # idle again: a new request starts a new run
    r.wait()
    assert len(calls) == 3


def test_uploads_return_before_the_checks_and_the_findings_page_says_so(
    web_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from claimledger.web import _upload

    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def gated(engine: Any) -> None:
        calls.append(1)
        started.set()
        release.wait()

    monkeypatch.setattr(_upload, "recheck", gated)
    rechecker = web_client.app.state.web.rechecker
    for n in range(5):
        body = f"Exports rose {n + 11}% in 2024, the ministry said.".encode()
        r = web_client.post("/api/documents", files=[("files", (f"r{n}.txt", body, "text/plain"))])
        assert r.status_code == 200 and r.json()["results"][0]["status"] == "ingested", r.text
        assert r.json()["rechecking"] is True
        started.wait()
    assert web_client.get("/findings.json").json()["rechecking"] is True
    assert "re-checking…" in web_client.get("/findings").text
    release.set()
    rechecker.wait()
    assert len(calls) == 2, "five uploads during one run cost one more run"
    assert web_client.get("/findings.json").json()["rechecking"] is False
    assert "re-checking…" not in web_client.get("/findings").text


def test_the_background_checks_store_findings_for_new_documents(web_client: Any) -> None:
    rechecker = web_client.app.state.web.rechecker
    body = (
        b"Unemployment was 5.2% in 2023, the statistics office said. "
        b"Unemployment was 7.9% in 2023, the ministry said."
    )
    r = web_client.post("/api/documents", files=[("files", ("jobs.txt", body, "text/plain"))])
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "ingested"
    rechecker.wait()
    assert (rechecker.runs, rechecker.failures) == (1, 0)
    doc = r.json()["results"][0]["document_id"]
    claims = web_client.get(f"/documents/{doc}.json").json()["claims"]
    found = web_client.get("/findings.json", params={"severity": "all", "per_page": 500}).json()
    assert found["rechecking"] is False
    ours = {c["id"] for c in claims}
    assert any(ours & {c["id"] for c in f["claims"]} for f in found["findings"]), "new claims were checked"


# --- slow and greedy connections (uvicorn with claimledger's protocol) ---------------------


@pytest.fixture
def live_server(web_db: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """``create_app`` under uvicorn with ``serve``'s settings, on a free port, in a thread;
    yields (port, set_limits).  Limits are read on every connection, so a test may change
    them."""
    import socket
    import threading

    import uvicorn

    from claimledger.web import ServerLimits, configure, create_app
    from claimledger.web._server import GuardedH11Protocol

    for var in ("CLAIMLEDGER_READ_TIMEOUT", "CLAIMLEDGER_MAX_CONNECTIONS_PER_CLIENT"):
        monkeypatch.delenv(var, raising=False)  # configure() sets them; restored afterwards
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    settings = configure(ServerLimits(read_timeout=0.3, per_client=4))
    settings["timeout_graceful_shutdown"] = 1  # a failing test must not hang the teardown
    config = uvicorn.Config(create_app(str(web_db)), log_level="warning", access_log=False, **settings)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        threading.Event().wait(0.01)
    before = dict(GuardedH11Protocol.closed)

    def set_limits(**kw: Any) -> None:
        GuardedH11Protocol._limits = ServerLimits(**kw)

    yield sock.getsockname()[1], set_limits, before
    server.should_exit = True
    thread.join()
    GuardedH11Protocol._limits = None


def _connect(port: int) -> Any:
    import socket

    return socket.create_connection(("127.0.0.1", port))


def _closed_by_server(conn: Any) -> bool:
    """Whether the server has closed ``conn`` by now (reads what is there without waiting;
    a response may come first)."""
    conn.setblocking(False)
    try:
        while chunk := conn.recv(65536):
            del chunk
    except BlockingIOError:
        return False  # still open, nothing to read
    except ConnectionResetError:
        pass
    return True


def test_slow_headers_and_bodies_are_timed_out(live_server: Any) -> None:
    import time

    from claimledger.web._server import GuardedH11Protocol

    port, _, before = live_server
    idle = _connect(port)  # a connection that never sends a byte
    body = _connect(port)  # a body that stops half way
    body.sendall(b"POST /api/claims/x/accept HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"note\": ")  # fmt: skip
    # headers trickling in, a byte at a time: the deadline is not reset by each byte
    slow = _connect(port)
    sent = 0
    line = b"GET /index.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 400
    try:
        for byte in line:
            slow.send(bytes([byte]))
            sent += 1
            time.sleep(0.02)  # pacing only: the assertion is on bytes sent, not on time
    except (BrokenPipeError, ConnectionResetError):
        pass
    assert sent < len(line), "the server waited for every trickled header byte"
    # the other two stalled before the trickle began, so their deadlines passed first
    assert _closed_by_server(idle) and _closed_by_server(body)
    closed = GuardedH11Protocol.closed
    assert closed["header_timeout"] - before["header_timeout"] >= 2
    assert closed["body_timeout"] - before["body_timeout"] >= 1
    slow.close()


def test_one_client_may_hold_only_so_many_connections(live_server: Any) -> None:
    from claimledger.web._server import GuardedH11Protocol

    port, set_limits, before = live_server
    set_limits(read_timeout=60.0, per_client=4)
    held = [_connect(port) for _ in range(4)]
    extra = _connect(port)
    # the held ones still work (and the server has seen the extra one by then)
    held[0].sendall(b"GET /index.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert held[0].recv(12).startswith(b"HTTP/1.1 200")
    assert _closed_by_server(extra)
    assert GuardedH11Protocol.closed["per_client"] - before["per_client"] == 1
    for c in held:
        c.close()


def test_serve_passes_the_limits_to_uvicorn(web_db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    import uvicorn

    from claimledger.cli import _serve
    from claimledger.errors import ServerError
    from claimledger.web._server import PROTOCOL, GuardedH11Protocol

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    monkeypatch.setattr(GuardedH11Protocol, "_limits", None)
    for var in ("CLAIMLEDGER_READ_TIMEOUT", "CLAIMLEDGER_MAX_CONNECTIONS_PER_CLIENT"):
        monkeypatch.delenv(var, raising=False)
    ns = argparse.Namespace(
        db=str(web_db), host="127.0.0.1", port=8125, token=None, read_timeout="2.5",
        max_connections_per_client="7", max_connections="50",
    )  # fmt: skip
    assert _serve.run(ns) == 0
    kw = calls[-1]
    assert (kw["http"], kw["limit_concurrency"]) == (PROTOCOL, 50)
    assert kw["h11_max_incomplete_event_size"] > 0
    limits = GuardedH11Protocol.limits()
    assert (limits.read_timeout, limits.per_client) == (2.5, 7)
    import os

    assert os.environ["CLAIMLEDGER_MAX_CONNECTIONS_PER_CLIENT"] == "7", "workers read the limits"
    for bad in ("0", "-1", "soon", "inf"):
        with pytest.raises(ServerError) as err:
            _serve.run(
                argparse.Namespace(db=str(web_db), host="127.0.0.1", port=1, token=None, read_timeout=bad)
            )
        assert err.value.code == "E040"
