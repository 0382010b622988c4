"""``claimledger reference fetch``: reference series from the World Bank API (through
``wbgapi``) and from any SDMX web service (through ``sdmx1``), when the machine is online.

Both libraries build the requests and read the answers; every HTTP request goes through one
``Transport`` of ours, which caches each answer on disk (by URL, so a second fetch works
offline), retries network errors, timeouts, 429 and 5xx answers with exponential backoff, and
raises E055 naming the address when it cannot get an answer (offline and nothing cached, or
an HTTP error).  The transport's ``opener`` can be injected: tests replay recorded responses
and never touch the network.

- World Bank: ``wbgapi`` pages through ``sources/2/series/<code>/country/<economies>/time/
  <years>``; its ``requests.get`` is pointed at the transport for the duration of the call.
  The vintage is the source's ``lastupdated`` date (``sources/2``).
- SDMX: ``sdmx.Client(<agency>).get(..., dry_run=True)`` builds the data URL; the answer is
  read by ``sdmx.read_sdmx`` like an imported file (``reference._sdmx``).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimledger.errors import ReferenceDataError
from claimledger.models import Observation, SeriesInfo
from claimledger.reference._codes import area
from claimledger.reference._collect import Collector, ImportOptions, period
from claimledger.reference._csv import WDI_DEFAULTS

if TYPE_CHECKING:
    from claimledger.ledger import Engine
    from claimledger.reference import ImportResult

__all__ = ["FetchOptions", "Transport", "fetch_reference", "fetch_series"]

#: Seconds before the first retry; each further retry waits twice as long.
BACKOFF_S = 0.5
#: Seconds a request may take before it counts as failed (and is retried).
TIMEOUT_S = 30.0
#: HTTP statuses worth retrying: rate limiting and server-side failures.
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})

#: An opener: URL -> (HTTP status, body).  Raises OSError (or an httpx error) when offline.
Opener = Callable[[str], tuple[int, bytes]]


def _httpx_opener(url: str) -> tuple[int, bytes]:
    import httpx

    try:
        r = httpx.get(url, timeout=TIMEOUT_S, follow_redirects=True)
    except httpx.HTTPError as e:  # connection refused, DNS failure, timeout ...
        raise OSError(f"{type(e).__name__}: {e}") from None
    return r.status_code, r.content


def default_cache() -> Path:
    """``$CLAIMLEDGER_CACHE`` or ``~/.cache/claimledger``, with ``reference/`` under it."""
    root = os.environ.get("CLAIMLEDGER_CACHE") or str(Path.home() / ".cache" / "claimledger")
    return Path(root) / "reference"


@dataclass(slots=True)
class Transport:
    """GET with a disk cache, retries and coded errors (E055)."""

    cache: Path | None = None
    retries: int = 3
    opener: Opener = _httpx_opener
    sleep: Callable[[float], None] = time.sleep
    refresh: bool = False
    requests: list[str] = field(default_factory=list)  # addresses asked of the opener

    def _path(self, url: str) -> Path | None:
        if self.cache is None:
            return None
        return self.cache / (hashlib.sha256(url.encode()).hexdigest()[:32] + ".body")

    def get(self, url: str) -> bytes:
        cached = self._path(url)
        if cached is not None and cached.is_file() and not self.refresh:
            return cached.read_bytes()
        last = ""
        for attempt in range(max(1, self.retries)):
            if attempt:
                self.sleep(BACKOFF_S * 2 ** (attempt - 1))
            self.requests.append(url)
            try:
                status, body = self.opener(url)
            except OSError as e:
                last = f"no answer ({e})"
                continue
            if status in _RETRY_STATUS:
                last = f"HTTP {status}"
                continue
            if status != 200:
                raise ReferenceDataError("E055", f"HTTP {status} from {url}")
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(".tmp")
                tmp.write_bytes(body)
                tmp.replace(cached)
            return body
        hint = "; offline? nothing is cached for it" if cached is None or not cached.is_file() else ""
        raise ReferenceDataError("E055", f"{url}: {last} after {max(1, self.retries)} attempts{hint}")


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """What to download: ``source`` ``worldbank`` (``keys``: WDI indicator codes) or
    ``sdmx`` (``keys``: a dataflow id, then an optional series key, from ``agency``)."""

    source: str
    keys: tuple[str, ...]
    agency: str = "IMF_DATA"
    economies: str = "all"
    years: str | None = None  # "2000:2024"
    cache: str | None = None
    retries: int = 3
    refresh: bool = False
    opener: Opener | None = None
    sleep: Callable[[float], None] | None = None

    def transport(self) -> Transport:
        t = Transport(Path(self.cache) if self.cache else default_cache(), self.retries, refresh=self.refresh)
        if self.opener is not None:
            t.opener = self.opener
        if self.sleep is not None:
            t.sleep = self.sleep
        return t


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


# --- the World Bank, through wbgapi --------------------------------------------------------


class _Response:
    """What wbgapi reads of a ``requests`` response."""

    def __init__(self, body: bytes) -> None:
        self.status_code = 200
        self.reason = "OK"
        self._body = body

    def json(self) -> Any:
        import json

        return json.loads(self._body)


class _Requests:
    """Stands in for the ``requests`` module inside wbgapi: its GETs go to the transport."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    def get(self, url: str, **_kw: Any) -> _Response:
        return _Response(self.transport.get(url))


@contextmanager
def _wbgapi(transport: Transport) -> Iterator[Any]:
    try:
        import wbgapi
    except ImportError:
        raise ReferenceDataError(
            "E056", "fetching from the World Bank needs wbgapi: pip install 'claimledger[official]'"
        ) from None
    saved = wbgapi.requests
    wbgapi.requests = _Requests(transport)
    try:
        yield wbgapi
    finally:
        wbgapi.requests = saved


def _years(spec: str | None) -> str:
    if not spec:
        return "all"
    first, _, last = spec.partition(":")
    if not (first.isdigit() and (not last or last.isdigit())):
        raise ReferenceDataError("E050", f"--years {spec!r}: expected FROM:TO, e.g. 2000:2024")
    return ";".join(f"YR{y}" for y in range(int(first), int(last or first) + 1))


def _worldbank(fopts: FetchOptions, opts: ImportOptions) -> list[tuple[SeriesInfo, list[Observation]]]:
    t = fopts.transport()
    meta: dict[str, str | None] = {**WDI_DEFAULTS, "retrieved": _today()}
    out: list[tuple[SeriesInfo, list[Observation]]] = []
    with _wbgapi(t) as wb:
        try:
            src = wb.source.get(2)
            meta["vintage"] = str(src.get("lastupdated") or "") or None
            for code in fopts.keys:
                where = f"World Bank API {code}"
                collect = Collector(where, replace(opts, indicator=None), {**meta, "source": where})
                economies = fopts.economies.replace(",", ";")
                rows = wb.refetch(
                    "sources/{source}/series/{series}/country/{economy}/time/{time}",
                    ["series", "economy"],
                    source="2",
                    series=code,
                    economy=economies,
                    time=_years(fopts.years),
                )
                for n, row in enumerate(rows, 1):
                    if row.get("value") is None:
                        continue
                    var = {v["concept"].lower(): v for v in row["variable"]}
                    eco, when = var["country"], var["time"]
                    ent = area(str(eco["id"]), None, path=where, line=n)
                    name = str(var.get("series", {}).get("value") or "") or None
                    collect.add(
                        code,
                        ent,
                        period(str(when["id"]), path=where, line=n),
                        float(row["value"]),
                        line=n,
                        name=name,
                    )
                out.extend(collect.batches())
        except ReferenceDataError:
            raise
        except Exception as e:  # wbgapi.APIError, a malformed answer
            raise ReferenceDataError("E055", f"World Bank API: {type(e).__name__}: {e}") from None
    return out


# --- SDMX web services, through sdmx1 ------------------------------------------------------


def _sdmx(fopts: FetchOptions, opts: ImportOptions) -> list[tuple[SeriesInfo, list[Observation]]]:
    from claimledger.reference._sdmx import read_sdmx

    try:
        import sdmx
    except ImportError:
        raise ReferenceDataError(
            "E056", "fetching SDMX needs sdmx1: pip install 'claimledger[official]'"
        ) from None
    flow, *rest = fopts.keys
    try:
        req = sdmx.Client(fopts.agency).get(
            "data", resource_id=flow, key=rest[0] if rest else None, dry_run=True
        )
    except Exception as e:  # an unknown agency or resource
        raise ReferenceDataError("E055", f"SDMX {fopts.agency} {flow}: {type(e).__name__}: {e}") from None
    url = str(req.url)
    body = fopts.transport().get(url)
    return read_sdmx(
        body, url, replace(opts, url=opts.url or url, retrieved=opts.retrieved or _today())
    ).batches()


def fetch_series(
    fopts: FetchOptions, options: ImportOptions | None = None
) -> list[tuple[SeriesInfo, list[Observation]]]:
    """Download and check the series ``fopts`` names (nothing is stored)."""
    opts = options or ImportOptions()
    if fopts.source == "worldbank":
        return _worldbank(fopts, opts)
    if fopts.source == "sdmx":
        return _sdmx(fopts, opts)
    raise ReferenceDataError("E050", f"unknown source {fopts.source!r}: worldbank or sdmx")


def fetch_reference(
    engine: Engine, fopts: FetchOptions, options: ImportOptions | None = None
) -> ImportResult:
    """Download the series and store them in one transaction."""
    from claimledger.ledger import store_reference
    from claimledger.reference import ImportResult

    batches = fetch_series(fopts, options)
    ids = store_reference(engine, batches)
    label = f"{fopts.source}:{'/'.join(fopts.keys)}"
    return ImportResult(label, tuple((i, s, len(obs)) for i, (s, obs) in zip(ids, batches, strict=True)))
