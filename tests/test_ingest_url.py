"""URL ingestion against a loopback server: limits, timeouts and endless streams."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest

from claimledger.errors import InputError
from claimledger.ingest import IngestOptions, Source, load
from claimledger.ingest.fetch import check_url, fetch, non_global

PAGE = (
    b"<!DOCTYPE html><html><head><title>Results</title></head><body><article>"
    b"<p>The harvest reached nearly 27 million tons in 2024, a record for the country.</p>"
    b"<p>Highways of 7,000 km were built or repaired during the year, the ministry said.</p>"
    b"</article></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    #: Paths requested, in order (the SSRF tests check that nothing was requested at all).
    seen: ClassVar[list[str]] = []
    #: Where ``/elsewhere`` redirects: another local server, set by the ``other`` fixture.
    elsewhere: ClassVar[str] = ""

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, chunk: bytes, pause: float) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()  # no length: the body runs until the connection closes
        try:
            while True:
                self.wfile.write(chunk)
                self.wfile.flush()
                if pause:
                    time.sleep(pause)
        except (BrokenPipeError, ConnectionResetError, OSError):
            return

    def do_GET(self) -> None:
        p = self.path
        Handler.seen.append(p)
        if p == "/page.html":
            self._send(PAGE, headers={"Content-Type": "text/html"})
        elif p == "/missing":
            self._send(b"no", status=404)
        elif p == "/endless":
            self._stream(b"Growth of 5% was reported. " * 400, 0)
        elif p == "/trickle":
            self._stream(b"x", 0.05)
        elif p == "/slow":
            time.sleep(2)
            self._send(b"late")
        elif p == "/liar":
            self.send_response(200)
            self.send_header("Content-Length", str(10**12))
            self.end_headers()
        elif p == "/bomb":
            self._send(gzip.compress(b"a" * (8 << 20)), headers={"Content-Encoding": "gzip"})
        elif p == "/elsewhere":
            self._send(b"", status=302, headers={"Location": Handler.elsewhere + "/page.html"})
        elif p == "/loop":
            self._send(b"", status=302, headers={"Location": "/loop"})
        else:
            self._send(b"?", status=400)


def _serve() -> Iterator[str]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    yield from _serve()


@pytest.fixture(scope="module")
def other(server: str) -> Iterator[str]:
    """A second local server on another port, where ``server``'s ``/elsewhere`` points."""
    for url in _serve():
        Handler.elsewhere = url
        yield url


#: The server under test is on loopback, which URL ingest refuses unless told otherwise.
FAST = IngestOptions(
    max_bytes=1 << 20, connect_timeout=2, read_timeout=0.5, total_timeout=1.5, allow_private_urls=True
)


def _err(url: str, opts: IngestOptions = FAST) -> tuple[str, str]:
    """The code and message of the error ``fetch`` raises: the message names the limit hit."""
    with pytest.raises(InputError) as err:
        fetch(url, opts)
    return err.value.code, str(err.value)


def test_url_page_becomes_a_document(server: str) -> None:
    (doc,) = list(load(Source(server + "/page.html", "url"), FAST))
    assert not isinstance(doc, InputError)
    assert doc.format == "html" and doc.url == server + "/page.html" and "27 million tons" in doc.text


def test_http_error_status(server: str) -> None:
    assert _err(server + "/missing")[0] == "E014"


def test_endless_stream_is_cut_at_the_size_limit(server: str) -> None:
    code, why = _err(server + "/endless")
    assert code == "E015" and f"response exceeds {FAST.max_bytes} bytes" in why


def test_trickling_stream_hits_the_total_deadline(server: str) -> None:
    code, why = _err(server + "/trickle")
    assert code == "E014" and "download took longer than" in why


def test_silent_server_hits_the_read_timeout(server: str) -> None:
    code, why = _err(server + "/slow")
    assert code == "E014" and "timed out (ReadTimeout)" in why


def test_declared_length_over_the_limit_is_refused_before_reading(server: str) -> None:
    code, why = _err(server + "/liar")
    assert code == "E015" and "Content-Length" in why


def test_compression_bomb_is_refused(server: str) -> None:
    assert _err(server + "/bomb")[0] == "E015"


def test_redirect_loop(server: str) -> None:
    assert _err(server + "/loop")[0] == "E014"


def test_unreachable_host() -> None:
    code, why = _err("http://127.0.0.1:9/nothing")  # discard port: nothing listens
    assert code == "E014" and "ConnectError" in why


@pytest.mark.parametrize(
    "url",
    ["ftp://127.0.0.1/x", "http:///nohost", "http://127.0.0.1/a/../../etc/passwd", "http://127.0.0.1/%2e%2e/x",
     "http://127.0.0.1/a/%252e%252e/x"],
)  # fmt: skip
def test_url_names_are_checked(url: str) -> None:
    with pytest.raises(InputError) as err:
        check_url(url)
    assert err.value.code == "E015"


# -- requests into the local network (SSRF) ------------------------------------------------

PUBLIC_IP = "93.184.216.34"  # a global address; nothing connects to it in these tests


def _refused(url: str, **kw: object) -> str:
    with pytest.raises(InputError) as err:
        fetch(url, IngestOptions(connect_timeout=2, read_timeout=2, total_timeout=5), **kw)  # type: ignore[arg-type]
    assert err.value.code == "E015", err.value
    return str(err.value)


def test_redirect_to_another_local_port_is_refused(server: str, other: str) -> None:
    # The reviewer's case: a page redirecting to http://127.0.0.1:<port>/... was followed
    # and stored.  By default neither hop may reach a loopback address, and nothing is sent.
    Handler.seen.clear()
    why = _refused(server + "/elsewhere")
    assert "127.0.0.1, a loopback address" in why and "--allow-private-urls" in why
    assert Handler.seen == []  # refused before connecting


def test_each_redirect_hop_is_checked_after_dns(other: str) -> None:
    # A public first hop that redirects into the local network: the second hop is refused.
    asked: list[str] = []

    def app(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"Location": other + "/page.html"})

    Handler.seen.clear()
    why = _refused(
        "http://news.example/story", transport=httpx.MockTransport(app), resolve=lambda h, p: [PUBLIC_IP]
    )
    assert asked == ["http://news.example/story"] and "loopback" in why
    assert Handler.seen == []


def test_a_name_resolving_to_a_private_address_is_refused() -> None:
    why = _refused("http://intranet.example/x", resolve=lambda h, p: [PUBLIC_IP, "10.1.2.3"])
    assert "10.1.2.3, a private address" in why


def test_dns_rebinding_is_caught_at_the_connection(server: str) -> None:
    # The name check is fooled (the resolver says "public"), but the connection lands on
    # loopback: the address actually connected to is checked before the body is read.
    port = server.rsplit(":", 1)[1]
    why = _refused(f"http://localhost:{port}/page.html", resolve=lambda h, p: [PUBLIC_IP])
    assert "loopback" in why


def test_allow_private_urls_opts_in(server: str, other: str) -> None:
    opts = IngestOptions(allow_private_urls=True)
    body, final = fetch(server + "/elsewhere", opts)
    assert body == PAGE and final == other + "/page.html"


@pytest.mark.parametrize(
    ("address", "why"),
    [("127.0.0.1", "loopback"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"),
     ("10.0.0.8", "private"), ("192.168.1.1", "private"), ("169.254.169.254", "link-local"),
     ("fe80::1", "link-local"), ("0.0.0.0", "unspecified"), ("100.64.0.1", "non-global"),
     ("224.0.0.1", "multicast"), (PUBLIC_IP, None), ("2606:4700::1111", None)],
)  # fmt: skip
def test_non_global_addresses(address: str, why: str | None) -> None:
    assert non_global(address) == why


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/meta-data/", "http://[::1]:9/x", "http://0.0.0.0:9/"]
)
def test_literal_private_addresses_are_refused_without_connecting(url: str) -> None:
    _refused(url)
