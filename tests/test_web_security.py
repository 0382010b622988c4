"""Security rules of the web layer: bind and token (E040), token on every write, CSRF on
forms, same-origin writes, JSON-only API bodies, host checks, security headers."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimledger.cli._serve import allowed_hosts, check_bind
from claimledger.errors import ServerError

WEB_TOKEN = "s3cret-token-for-tests-0123456789"  # the web_token fixture's value


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m
    return m.group(1)


def a_claim_id(client: Any) -> str:
    return str(client.get("/claims.json").json()["claims"][0]["id"])


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_non_local_bind_without_token_is_refused(host: str) -> None:
    with pytest.raises(ServerError) as err:
        check_bind(host, None)
    assert err.value.code == "E040"
    check_bind(host, WEB_TOKEN)  # with a token it may start


def test_local_bind_needs_no_token_and_short_tokens_are_refused() -> None:
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.5"):
        check_bind(host, None)
    with pytest.raises(ServerError):
        check_bind("0.0.0.0", "short")
    assert allowed_hosts("127.0.0.1") is not None and allowed_hosts("0.0.0.0") is None


def test_serve_command_refuses_a_public_bind(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "claimledger.cli",
            "serve",
            "--host",
            "0.0.0.0",
            "--db",
            str(tmp_path / "x.db"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert r.returncode == 1 and "E040" in r.stderr
    assert not (tmp_path / "x.db").exists(), "it refuses before touching the ledger"


def test_reads_are_open_but_writes_need_the_token(web_token_client: Any, web_token: str) -> None:
    assert web_token == WEB_TOKEN
    c = web_token_client
    cid = a_claim_id(c)
    assert c.get("/claims").status_code == 200
    r = c.post(f"/api/claims/{cid}/accept", json={})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    r = c.post(f"/api/claims/{cid}/accept", json={}, headers={"Authorization": "Bearer wrong-token-xxxxxxxx"})
    assert r.status_code == 401
    r = c.post(f"/api/claims/{cid}/accept", json={}, headers={"Authorization": f"Bearer {WEB_TOKEN}"})
    assert r.status_code == 200
    r = c.post(f"/api/claims/{cid}/reject", json={}, headers={"X-Claimledger-Token": WEB_TOKEN})
    assert r.status_code == 200
    r = c.post("/api/documents", files=[("files", ("a.txt", b"Growth was 3% in 2024.", "text/plain"))])
    assert r.status_code == 401


def test_forms_need_the_token_field_or_a_signed_in_session(web_token_client: Any) -> None:
    c = web_token_client
    cid = a_claim_id(c)
    page = c.get(f"/claims/{cid}").text
    token = csrf_of(page)
    assert 'name="token"' in page, "forms ask for the access token until signed in"
    r = c.post(f"/claims/{cid}/review", data={"csrf_token": token, "action": "accept"})
    assert r.status_code == 401
    r = c.post(
        f"/claims/{cid}/review",
        data={"csrf_token": token, "action": "accept", "token": WEB_TOKEN},
        follow_redirects=False,
    )
    assert r.status_code == 303
    # sign in once, then forms work without the field
    r = c.post("/login", data={"csrf_token": token, "token": "nope-nope-nope-nope"}, follow_redirects=False)
    assert r.status_code == 401
    r = c.post(
        "/login",
        data={"csrf_token": token, "token": WEB_TOKEN, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/", "no open redirect"
    assert (
        "httponly" in r.headers["set-cookie"].lower() and "samesite=strict" in r.headers["set-cookie"].lower()
    )
    assert WEB_TOKEN not in r.headers["set-cookie"], "the cookie is derived from the token, not the token"
    assert 'name="token"' not in c.get(f"/claims/{cid}").text
    r = c.post(
        f"/claims/{cid}/review", data={"csrf_token": token, "action": "reject"}, follow_redirects=False
    )
    assert r.status_code == 303
    c.post("/logout", data={"csrf_token": token})
    r = c.post(f"/claims/{cid}/review", data={"csrf_token": token, "action": "accept"})
    assert r.status_code == 401


def test_forms_need_a_matching_csrf_token(web_client: Any) -> None:
    cid = a_claim_id(web_client)
    page = web_client.get(f"/claims/{cid}")
    token = csrf_of(page.text)
    cookie = page.headers.get("set-cookie", "")
    assert "cl_csrf=" in cookie and "samesite=strict" in cookie.lower() and "httponly" in cookie.lower()
    for data in ({"action": "accept"}, {"action": "accept", "csrf_token": "forged"}):
        r = web_client.post(f"/claims/{cid}/review", data=data)
        assert r.status_code == 403 and "csrf_failed" in r.text
    web_client.cookies.clear()  # a cross-site form has the token text but not the cookie
    r = web_client.post(f"/claims/{cid}/review", data={"action": "accept", "csrf_token": token})
    assert r.status_code == 403
    assert web_client.get(f"/claims/{cid}.json").json()["audit"] == []


def test_cross_site_writes_are_refused(web_client: Any) -> None:
    cid = a_claim_id(web_client)
    token = csrf_of(web_client.get(f"/claims/{cid}").text)
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}):
        r = web_client.post(
            f"/claims/{cid}/review", data={"csrf_token": token, "action": "accept"}, headers=headers
        )
        assert r.status_code == 403, headers
        r = web_client.post(f"/api/claims/{cid}/accept", json={}, headers=headers)
        assert r.status_code == 403 and r.json()["error"]["code"] == "cross_origin"
    r = web_client.post(f"/api/claims/{cid}/accept", json={}, headers={"Origin": "http://testserver"})
    assert r.status_code == 200


def test_api_writes_must_be_json(web_client: Any) -> None:
    cid = a_claim_id(web_client)
    for ctype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
        r = web_client.post(f"/api/claims/{cid}/accept", content=b"{}", headers={"content-type": ctype})
        assert r.status_code == 415, ctype


def test_loopback_server_rejects_foreign_host_headers(web_db: Path) -> None:
    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    app = create_app(str(web_db), allowed_hosts=allowed_hosts("127.0.0.1"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/index.json").status_code == 200
        assert c.get("/index.json", headers={"host": "rebind.evil.example"}).status_code == 400


def test_security_headers_on_every_response(web_ro_client: Any) -> None:
    for path in ("/", "/claims.json", "/static/app.css", "/nope"):
        h = web_ro_client.get(path).headers
        assert "script-src 'self'" in h["content-security-policy"], path
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"


def test_no_inline_script_in_pages(web_ro_client: Any) -> None:
    """CSP forbids inline script; pages must not need any (the chart data is JSON)."""
    for path in ("/", "/claims", "/documents/1", "/indicators/1", "/upload"):
        html = web_ro_client.get(path).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)


def test_serve_builds_the_app_with_loopback_hosts(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` (and `demo`, which calls it without --workers) hands uvicorn a configured app."""
    import argparse
    import os

    import uvicorn

    from claimledger.cli import _serve

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    for var in ("CLAIMLEDGER_READ_TIMEOUT", "CLAIMLEDGER_MAX_CONNECTIONS_PER_CLIENT"):
        monkeypatch.delenv(var, raising=False)  # serve sets them for its workers
    ns = argparse.Namespace(db=str(web_db), host="127.0.0.1", port=8123, token=None)
    assert _serve.run(ns) == 0
    app, kw = calls[-1]
    assert (kw["host"], kw["port"]) == ("127.0.0.1", 8123)
    assert app.state.web.security.auth_required is False
    env: dict[str, str] = {}
    monkeypatch.setattr(os, "environ", env)
    ns = argparse.Namespace(db=str(web_db), host="0.0.0.0", port=8124, token=WEB_TOKEN, workers=2)
    assert _serve.run(ns) == 0
    app, kw = calls[-1]
    assert app == "claimledger.web._app:app_from_env" and kw["factory"] and kw["workers"] == 2
    assert env["CLAIMLEDGER_TOKEN"] == WEB_TOKEN and env["CLAIMLEDGER_DB"].endswith(str(web_db))
    assert "CLAIMLEDGER_ALLOWED_HOSTS" not in env, "a public bind serves any Host name"


def test_api_json_bodies_are_bounded(web_client: Any) -> None:
    cid = a_claim_id(web_client)
    big = b'{"note": "' + b"x" * (70 << 10) + b'"}'
    r = web_client.post(
        f"/api/claims/{cid}/accept", content=big, headers={"content-type": "application/json"}
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "E041"
    assert web_client.get(f"/claims/{cid}.json").json()["audit"] == []
    # a small body needs no declared length: it is counted as it streams
    r = web_client.post(
        f"/api/claims/{cid}/accept",
        content=iter([b'{"note": ', b'"chunked"}']),
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 200, r.text
