"""Fetching http(s) URLs within bounds: size limit, per-chunk and total timeouts, streaming,
and no requests into the local network.

Reads: a URL.  Writes: the response body (bytes) and the final URL after redirects.
Every failure is coded: E014 (network, timeout, HTTP status), E015 (refused: scheme,
dot-segments, too large, a private address).  ``transport`` can be injected so tests need
no network, and ``resolve`` (host, port -> addresses) so they need no DNS.

Redirects are followed here, one hop at a time, so that every hop is checked like the
first: by default a host that resolves to a private, loopback, link-local or otherwise
non-global address is refused before any connection is made (a page must not be able to
steer ingest into the local network or a cloud metadata service), and the address actually
connected to is checked again before the body is read (a name that resolves differently
the second time, "DNS rebinding").  ``IngestOptions.allow_private_urls`` (CLI
``--allow-private-urls``) turns both checks off.  Through an HTTP proxy the connection goes
to the proxy, so only the name check applies.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.request
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from claimledger.errors import InputError
from claimledger.ingest.options import IngestOptions

if TYPE_CHECKING:
    import httpx

_USER_AGENT = "claimledger/0.1 (+https://github.com/claimledger)"

#: host, port -> the addresses a connection may go to.
Resolver = Callable[[str, int], list[str]]


def check_url(url: str) -> None:
    """Refuse anything but plain http(s), and paths that climb with ``..`` segments."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("E015", "only http(s) URLs with a host are fetched", path=url)
    segments = unquote(unquote(parts.path)).replace("\\", "/").split("/")
    if ".." in segments:
        raise InputError("E015", "path traversal ('..') in URL", path=url)


def system_resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (what the HTTP client may connect to)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def non_global(address: str) -> str | None:
    """Why ``address`` is refused ("loopback", "private" ...), or None for a public one."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    for kind in ("loopback", "link_local", "unspecified", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-global"


def _refuse(address: str, why: str, url: str) -> InputError:
    return InputError(
        "E015",
        f"the host resolves to {address}, a {why} address; private, loopback and link-local "
        "targets are refused (--allow-private-urls allows them)",
        path=url,
    )


def check_host(url: str, resolve: Resolver) -> None:
    """E015 unless every address the URL's host resolves to is public; E014 if none."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = [host] if _is_ip(host) else resolve(host, port)
    except (OSError, UnicodeError) as e:
        raise InputError("E014", f"cannot resolve {host}: {e}", path=url) from None
    if not addresses:
        raise InputError("E014", f"{host} resolves to no address", path=url)
    for address in addresses:
        why = non_global(address)
        if why is not None:
            raise _refuse(address, why, url)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return True


def _check_peer(resp: httpx.Response, url: str) -> None:
    """Refuse a connection that ended at a non-global address (checked before the body)."""
    if _proxied(url):
        return  # the peer is the proxy, which resolves and connects for us
    stream: Any = resp.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer:
        why = non_global(str(peer[0]))
        if why is not None:
            raise _refuse(str(peer[0]), why, url)


def _proxied(url: str) -> bool:
    parts = urlsplit(url)
    proxies = urllib.request.getproxies()
    if not (proxies.get(parts.scheme) or proxies.get("all")):
        return False
    return not urllib.request.proxy_bypass(parts.hostname or "")


def fetch(
    url: str,
    opts: IngestOptions,
    *,
    transport: httpx.BaseTransport | None = None,
    resolve: Resolver | None = None,
) -> tuple[bytes, str]:
    """Download ``url``; return ``(body, final_url)``.  Never reads past ``opts.max_bytes``;
    follows at most ``opts.max_redirects`` redirects, checking each hop like the first."""
    import httpx

    timeout = httpx.Timeout(opts.read_timeout, connect=opts.connect_timeout)
    deadline = time.monotonic() + opts.total_timeout
    current = url
    try:
        with httpx.Client(
            timeout=timeout, follow_redirects=False, transport=transport, headers={"User-Agent": _USER_AGENT}
        ) as client:
            for _hop in range(opts.max_redirects + 1):
                check_url(current)
                if not opts.allow_private_urls:
                    check_host(current, resolve or system_resolve)
                with client.stream("GET", current) as resp:
                    if not opts.allow_private_urls:
                        _check_peer(resp, current)
                    location = resp.headers.get("location")
                    if resp.is_redirect and location:
                        current = str(resp.url.join(location))
                        continue
                    return _body(resp, url, opts, deadline), current
    except httpx.TimeoutException as e:
        raise InputError("E014", f"timed out ({type(e).__name__})", path=url) from None
    except httpx.HTTPError as e:
        raise InputError("E014", f"{type(e).__name__}: {e}", path=url) from None
    raise InputError("E014", f"more than {opts.max_redirects} redirects", path=url)


def _body(resp: httpx.Response, url: str, opts: IngestOptions, deadline: float) -> bytes:
    """The response body within the size limit and the total deadline, decompressed."""
    if resp.status_code >= 400:
        raise InputError("E014", f"HTTP {resp.status_code}", path=url)
    declared = resp.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > opts.max_bytes:
        raise InputError("E015", f"Content-Length {declared} exceeds {opts.max_bytes} bytes", path=url)
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_raw():
        size += len(chunk)
        if size > opts.max_bytes:
            raise InputError("E015", f"response exceeds {opts.max_bytes} bytes", path=url)
        if time.monotonic() > deadline:
            raise InputError("E014", f"download took longer than {opts.total_timeout:g} s", path=url)
        chunks.append(chunk)
    body = b"".join(chunks)
    if resp.headers.get("content-encoding", "identity").lower() not in ("", "identity"):
        body = _decode_bounded(body, resp.headers["content-encoding"], opts, url)
    return body


def _decode_bounded(body: bytes, encoding: str, opts: IngestOptions, url: str) -> bytes:
    """Undo gzip/deflate without letting a compression bomb exceed the size limit."""
    import zlib

    enc = encoding.lower().strip()
    if enc not in ("gzip", "x-gzip", "deflate"):
        raise InputError("E011", f"unsupported Content-Encoding {encoding!r}", path=url)
    wbits = 47 if enc != "deflate" else 15  # 47: auto-detect gzip/zlib header
    d = zlib.decompressobj(wbits)
    try:
        out = d.decompress(body, opts.max_bytes + 1)
    except zlib.error as e:
        raise InputError("E014", f"bad {enc} body: {e}", path=url) from None
    if len(out) > opts.max_bytes or d.unconsumed_tail:
        raise InputError("E015", f"decompressed response exceeds {opts.max_bytes} bytes", path=url)
    return out
