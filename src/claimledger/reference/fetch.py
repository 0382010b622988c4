"""``claimledger reference fetch``: reference series from the World Bank API (wbgapi) and
SDMX web services (sdmx1).  Placeholder until the fetch side lands; see docs/official.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimledger.errors import ReferenceDataError

if TYPE_CHECKING:
    from claimledger.ledger import Engine
    from claimledger.reference import ImportOptions, ImportResult

__all__ = ["FetchOptions", "fetch_reference"]


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """What to download: ``source`` worldbank (``keys``: indicator codes) or sdmx (``keys``:
    dataflow and optional key, from ``agency``)."""

    source: str
    keys: tuple[str, ...]
    agency: str = "IMF_DATA"
    economies: str = "all"
    years: str | None = None
    cache: str | None = None
    retries: int = 3
    transport: Any = None


def fetch_reference(engine: Engine, fopts: FetchOptions, options: ImportOptions) -> ImportResult:
    raise ReferenceDataError("E055", "fetch is not implemented yet")
