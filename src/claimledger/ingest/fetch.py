"""Fetching http(s) URLs within bounds: size limit, per-chunk and total timeouts, streaming.

Reads: a URL.  Writes: the response body (bytes) and the final URL after redirects.
Every failure is coded: E014 (network, timeout, HTTP status), E015 (refused: scheme,
dot-segments, too large).  ``transport`` can be injected so tests need no network.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from claimledger.errors import InputError
from claimledger.ingest.options import IngestOptions

if TYPE_CHECKING:
    import httpx

_USER_AGENT = "claimledger/0.1 (+https://github.com/claimledger)"


def check_url(url: str) -> None:
    """Refuse anything but plain http(s), and paths that climb with ``..`` segments."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("E015", "only http(s) URLs with a host are fetched", path=url)
    segments = unquote(unquote(parts.path)).replace("\\", "/").split("/")
    if ".." in segments:
        raise InputError("E015", "path traversal ('..') in URL", path=url)


def fetch(
    url: str, opts: IngestOptions, *, transport: httpx.BaseTransport | None = None
) -> tuple[bytes, str]:
    """Download ``url``; return ``(body, final_url)``.  Never reads past ``opts.max_bytes``."""
    import httpx

    check_url(url)
    timeout = httpx.Timeout(opts.read_timeout, connect=opts.connect_timeout)
    deadline = time.monotonic() + opts.total_timeout
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=opts.max_redirects,
                transport=transport,
                headers={"User-Agent": _USER_AGENT},
            ) as client,
            client.stream("GET", url) as resp,
        ):
            final = str(resp.url)
            check_url(final)
            if resp.status_code >= 400:
                raise InputError("E014", f"HTTP {resp.status_code}", path=url)
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > opts.max_bytes:
                raise InputError(
                    "E015", f"Content-Length {declared} exceeds {opts.max_bytes} bytes", path=url
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_raw():
                size += len(chunk)
                if size > opts.max_bytes:
                    raise InputError("E015", f"response exceeds {opts.max_bytes} bytes", path=url)
                if time.monotonic() > deadline:
                    raise InputError("E014", f"download took longer than {opts.total_timeout:g} s", path=url)
                chunks.append(chunk)
    except httpx.TimeoutException as e:
        raise InputError("E014", f"timed out ({type(e).__name__})", path=url) from None
    except httpx.TooManyRedirects:
        raise InputError("E014", f"more than {opts.max_redirects} redirects", path=url) from None
    except httpx.HTTPError as e:
        raise InputError("E014", f"{type(e).__name__}: {e}", path=url) from None
    body = b"".join(chunks)
    if resp.headers.get("content-encoding", "identity").lower() not in ("", "identity"):
        body = _decode_bounded(body, resp.headers["content-encoding"], opts, url)
    return body, final


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
