"""From rows read out of a reference file to typed series: the checks every format shares.

``ImportOptions`` is the one options object of an import (what the command line gives);
``Collector`` receives each row a reader parsed, checks it, and hands back one
``(SeriesInfo, observations)`` pair per indicator code.  Raises, naming the file and line:
E050 for a value that is not a number or a period that is not one, E051 for an indicator no
measure has, E052 for two rows of one vintage that disagree, E053 for a unit that cannot
state the measure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from claimledger.errors import ReferenceDataError
from claimledger.models import Observation, SeriesInfo
from claimledger.reference._codes import (
    check_unit,
    measure_dimension,
    measure_for_code,
    measure_name,
    unit_from_code,
    unit_from_name,
)

__all__ = ["Collector", "ImportOptions", "number", "period"]


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to read a reference file; every field left ``None`` is taken from the file or
    the format's defaults.  ``columns`` maps the plain-CSV roles (``entity``, ``period``,
    ``value``, and optionally ``code``, ``name``) to the file's column names."""

    format: str = "auto"  # auto | wdi | sdmx | csv
    indicator: str | None = None
    measure: str | None = None
    name: str | None = None
    unit: str | None = None
    scale: int | None = None
    rate: str | None = None
    publisher: str | None = None
    dataset: str | None = None
    vintage: str | None = None
    retrieved: str | None = None
    url: str | None = None
    licence: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    structure: str | None = None  # an SDMX-ML structure message (DSD) for SDMX-CSV


#: Markers of a missing value in published tables ("..": WDI DataBank, "NaN": SDMX).
_MISSING = frozenset({"", "..", "...", "na", "n/a", "nan", "-", ":"})


def number(raw: str, *, path: str, line: int) -> float | None:
    """A published value as a float; None for a missing-value marker; E050 otherwise."""
    s = raw.strip()
    if s.lower() in _MISSING:
        return None
    if _GROUPED.match(s):
        s = s.replace(",", "")
    try:
        v = float(s)
    except ValueError:
        raise ReferenceDataError("E050", f"value {raw!r} is not a number", path=path, line=line) from None
    if not math.isfinite(v):
        return None
    return v


#: A number with thousands separators ("1,234,567.8"); any other comma is not a number.
_GROUPED = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_YEAR = re.compile(r"^(?:YR)?(\d{4})(?:\s*\[YR\d{4}\])?$", re.I)
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.I)
_MONTH = re.compile(r"^(\d{4})-?M?(0[1-9]|1[0-2])$", re.I)


def period(raw: str, *, path: str, line: int) -> str:
    """A period as the ledger stores it: ``2023``, ``2023-Q1`` or ``2023-05`` (from
    ``YR2023``, ``2023 [YR2023]``, ``2023Q1``, ``2023M05`` ...); E050 for anything else."""
    s = raw.strip()
    if m := _YEAR.match(s):
        return m.group(1)
    if m := _QUARTER.match(s):
        return f"{m.group(1)}-Q{m.group(2)}"
    if m := _MONTH.match(s):
        return f"{m.group(1)}-{m.group(2)}"
    raise ReferenceDataError("E050", f"period {raw!r} is not a year, quarter or month", path=path, line=line)


@dataclass(slots=True)
class _Series:
    code: str
    name: str
    line: int
    unit: str | None
    scale: int | None
    obs: dict[tuple[str, str], Observation] = field(default_factory=dict)


class Collector:
    """Gathers a file's rows into series, checking each row as it comes."""

    def __init__(self, path: str, options: ImportOptions, defaults: Mapping[str, str | None]) -> None:
        self.path = path
        self.opts = options
        self.defaults = defaults
        self._series: dict[str, _Series] = {}

    def add(
        self,
        code: str,
        entity: str,
        when: str,
        value: float,
        *,
        line: int,
        name: str | None = None,
        unit: str | None = None,
        scale: int | None = None,
    ) -> None:
        """One value of indicator ``code``; a second value for the same entity and period
        must be equal (E052)."""
        code = (self.opts.indicator or code).strip()
        s = self._series.get(code)
        if s is None:
            s = self._series[code] = _Series(code, name or "", line, unit, scale)
        key = (entity, when)
        prev = s.obs.get(key)
        if prev is not None:
            if prev.value != value:
                raise ReferenceDataError(
                    "E052",
                    f"{code} {entity} {when} is {value:g} here but {prev.value:g} on line {prev.line}",
                    path=self.path,
                    line=line,
                )
            return
        s.obs[key] = Observation(entity, when, value, line)

    def batches(self) -> list[tuple[SeriesInfo, list[Observation]]]:
        """One (series, observations) pair per indicator code, in the file's order."""
        if not self._series:
            raise ReferenceDataError("E050", "no values found", path=self.path)
        vintage = self.opts.vintage or self.defaults.get("vintage")
        if not vintage:
            raise ReferenceDataError(
                "E050", "the file does not say which release (vintage) it is; pass --vintage", path=self.path
            )
        return [(self._info(s, vintage), list(s.obs.values())) for s in self._series.values()]

    def _info(self, s: _Series, vintage: str) -> SeriesInfo:
        o, d = self.opts, self.defaults
        measure = o.measure or measure_for_code(s.code)
        if measure is None:
            raise ReferenceDataError(
                "E051",
                f"{s.code!r} is the code of no measure in the taxonomy; name the measure with --measure",
                path=self.path,
                line=s.line,
            )
        if measure_dimension(measure) is None:
            raise ReferenceDataError("E051", f"unknown measure id {measure!r}", path=self.path)
        name = o.name or s.name or measure_name(measure)
        unit = o.unit if o.unit is not None else s.unit if s.unit is not None else unit_from_name(name)
        if unit is None:
            unit = unit_from_code(s.code)
        if unit is None:
            unit = {"percent": "%", "count": ""}.get(measure_dimension(measure) or "")
        if unit is None:
            raise ReferenceDataError(
                "E050", f"the unit of {s.code} is not stated; pass --unit", path=self.path, line=s.line
            )
        check_unit(measure, unit, path=self.path, line=s.line)
        url = o.url or d.get("url") or None
        return SeriesInfo(
            measure=measure,
            code=s.code,
            name=name,
            unit=unit,
            publisher=o.publisher or d.get("publisher") or "unknown",
            dataset=o.dataset or d.get("dataset") or "",
            vintage=vintage,
            scale=o.scale if o.scale is not None else s.scale or 0,
            rate=o.rate or d.get("rate") or None,
            retrieved=o.retrieved or d.get("retrieved") or None,
            url=url.replace("{code}", s.code) if url else None,
            licence=o.licence or d.get("licence") or None,
            source=d.get("source") or self.path,
        )
