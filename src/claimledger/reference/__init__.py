"""Official statistics: reference series read from published files into the ledger.

``read_reference(path, options)`` parses a file into typed series (``SeriesInfo`` with its
``Observation`` values) and checks it; ``import_reference(engine, path, options)`` stores
them, all or nothing, in one transaction.  Formats: the World Bank's WDI CSV (wide and long),
SDMX-ML and SDMX-CSV (read with sdmx1: IMF, OECD, ECB, Eurostat), and plain CSV with a
column mapping.  ``fetch`` (``claimledger.reference.fetch``) downloads the same from the
World Bank API and SDMX web services.  See docs/official.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimledger.errors import ReferenceDataError
from claimledger.models import Observation, SeriesInfo
from claimledger.reference._collect import ImportOptions

if TYPE_CHECKING:
    from claimledger.ledger import Engine

__all__ = ["ImportOptions", "ImportResult", "import_reference", "parse_reference", "read_reference"]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import stored: each series (id, info) and its number of values."""

    path: str
    series: tuple[tuple[int, SeriesInfo, int], ...]

    @property
    def values(self) -> int:
        return sum(n for _i, _s, n in self.series)


def parse_reference(
    data: bytes, path: str, options: ImportOptions | None = None
) -> list[tuple[SeriesInfo, list[Observation]]]:
    """The series in ``data`` (a file's bytes, ``path`` names it in errors)."""
    opts = options or ImportOptions()
    head = data.lstrip()[:200]
    fmt = opts.format
    if fmt == "auto":
        looks_sdmx = head.startswith(b"<") or head.upper().startswith((b"STRUCTURE", b"DATAFLOW"))
        fmt = "sdmx" if looks_sdmx else "auto"
    if fmt == "sdmx":
        from claimledger.reference._sdmx import read_sdmx

        return read_sdmx(data, path, opts).batches()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReferenceDataError("E050", f"not UTF-8 text (byte {e.start})", path=path) from None
    if "\x00" in text[:8192]:
        raise ReferenceDataError("E050", "binary content, not CSV", path=path)
    from claimledger.reference._csv import read_csv

    return read_csv(text, path, opts).batches()


def read_reference(
    path: str | Path, options: ImportOptions | None = None
) -> list[tuple[SeriesInfo, list[Observation]]]:
    """The series of the file at ``path``, checked (coded errors E050-E056)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ReferenceDataError("E050", e.strerror or str(e), path=str(path)) from None
    return parse_reference(data, str(path), options)


def import_reference(engine: Engine, path: str | Path, options: ImportOptions | None = None) -> ImportResult:
    """Read the file at ``path`` and store its series in one transaction (nothing is stored
    when any row is bad)."""
    from claimledger.ledger import store_reference

    batches = read_reference(path, options)
    ids = store_reference(engine, batches)
    return ImportResult(str(path), tuple((i, s, len(obs)) for i, (s, obs) in zip(ids, batches, strict=True)))
