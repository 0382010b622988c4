"""``reference fetch``: the World Bank API through wbgapi and SDMX services through sdmx1,
on recorded responses (tests/fixtures/reference/http/); caching, retries, coded errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.errors import ReferenceDataError
from claimledger.ledger import open_engine, reading, reference_series
from claimledger.reference import ImportOptions
from claimledger.reference.fetch import FetchOptions, Transport, fetch_reference, fetch_series

HTTP = Path(__file__).parent / "fixtures" / "reference" / "http"


def _recorded(url: str) -> tuple[int, bytes]:
    if "/sources/2?" in url:
        return 200, (HTTP / "wb-source-2.json").read_bytes()
    if "/series/NY.GDP.MKTP.CD/" in url:
        return 200, (HTTP / "wb-data-NY.GDP.MKTP.CD.json").read_bytes()
    if "api.imf.org" in url:
        return 200, (HTTP / "imf-cpi.xml").read_bytes()
    return 404, b"not found"


def _offline(url: str) -> tuple[int, bytes]:
    raise OSError("[Errno -3] Temporary failure in name resolution")


def _wb(tmp: Path, opener=_recorded, **kw: object) -> FetchOptions:
    return FetchOptions(
        "worldbank",
        ("NY.GDP.MKTP.CD",),
        economies="KEN,KAZ",
        years="2022:2023",
        cache=str(tmp),
        opener=opener,
        sleep=lambda s: None,
        **kw,  # type: ignore[arg-type]
    )


def test_world_bank_through_wbgapi(tmp_path: Path) -> None:
    [(info, obs)] = fetch_series(_wb(tmp_path))
    assert (info.code, info.measure, info.unit, info.vintage) == (
        "NY.GDP.MKTP.CD",
        "gdp.nominal_usd",
        "USD",
        "2025-07-01",
    )
    assert info.name == "GDP (current US$)" and info.retrieved
    # a null value (KAZ 2023) is a missing value, not zero
    assert {(o.entity, o.period): o.value for o in obs} == {
        ("KEN", "2022"): 113419826113.903,
        ("KEN", "2023"): 107440575838.048,
        ("KAZ", "2022"): 225496328925.494,
    }


def test_answers_are_cached_so_a_second_fetch_works_offline(tmp_path: Path) -> None:
    seen: list[str] = []

    def counting(url: str) -> tuple[int, bytes]:
        seen.append(url)
        return _recorded(url)

    first = fetch_series(_wb(tmp_path, counting))
    assert len(seen) == 2
    again = fetch_series(_wb(tmp_path, _offline))
    assert again == first


def test_retries_with_backoff_then_succeeds(tmp_path: Path) -> None:
    calls: list[str] = []
    waits: list[float] = []

    def flaky(url: str) -> tuple[int, bytes]:
        calls.append(url)
        if len(calls) == 1:
            raise OSError("connection reset")
        if len(calls) == 2:
            return 503, b"busy"
        return _recorded(url)

    t = Transport(tmp_path, retries=3, opener=flaky, sleep=waits.append)
    assert (
        t.get("https://api.worldbank.org/v2/en/sources/2?databid=y")
        == (HTTP / "wb-source-2.json").read_bytes()
    )
    assert len(calls) == 3 and waits == [0.5, 1.0]


def test_offline_is_a_coded_error_naming_the_address(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError) as e:
        fetch_series(_wb(tmp_path, _offline))
    assert e.value.code == "E055"
    assert "api.worldbank.org" in str(e.value) and "offline" in str(e.value)


def test_http_error_is_not_retried(tmp_path: Path) -> None:
    calls: list[str] = []

    def missing(url: str) -> tuple[int, bytes]:
        calls.append(url)
        return 404, b""

    with pytest.raises(ReferenceDataError) as e:
        Transport(tmp_path, retries=3, opener=missing, sleep=lambda s: None).get("https://example.org/x")
    assert e.value.code == "E055" and "HTTP 404" in str(e.value) and len(calls) == 1


def test_sdmx_service_through_sdmx1(tmp_path: Path) -> None:
    fopts = FetchOptions(
        "sdmx", ("CPI", "A.KE.PCPI_PC_CP_A_PT"), agency="IMF_DATA", cache=str(tmp_path), opener=_recorded
    )
    [(info, obs)] = fetch_series(fopts, ImportOptions(measure="cpi.headline"))
    assert (info.publisher, info.vintage, info.unit) == ("IMF", "2025-04-22", "%")
    assert info.url is not None and info.url.startswith("https://api.imf.org/")
    assert {(o.entity, o.period) for o in obs} == {("KEN", "2022"), ("KEN", "2023"), ("GRC", "2023")}


def test_unknown_sdmx_agency_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError) as e:
        fetch_series(
            FetchOptions("sdmx", ("CPI",), agency="NO_SUCH_AGENCY", cache=str(tmp_path), opener=_recorded)
        )
    assert e.value.code == "E055"


def test_fetch_stores_in_the_ledger(tmp_path: Path) -> None:
    engine = open_engine(str(tmp_path / "l.db"))
    res = fetch_reference(engine, _wb(tmp_path / "cache"))
    assert res.values == 3
    with reading(engine) as conn:
        [s] = reference_series(conn)
    assert s.info.source == "World Bank API NY.GDP.MKTP.CD" and s.values == 3
    engine.dispose()
