"""CSV reference files: the World Bank's WDI downloads (wide and long) and plain CSV with a
column mapping.  Standard library only, so importing WDI works with the core install.

Formats read:
- **WDI wide**: the indicator download (``API_<code>_DS2_en_csv``): optional preamble lines
  (``"Data Source","World Development Indicators"``, ``"Last Updated Date","2025-07-01"``),
  then ``Country Name, Country Code, Indicator Name, Indicator Code, 1960, 1961, ...``; also
  DataBank's ``Series Name, Series Code, 2019 [YR2019] ...`` with ``..`` for missing.
- **WDI long**: ``Country Name, Country Code, Year, Value`` (the World Bank data packages),
  optionally with ``Indicator Name``/``Indicator Code`` (or ``Series ...``) columns; without
  them the indicator comes from ``--indicator``.
- **plain CSV**: any columns, mapped with ``--column entity=ISO3 --column period=year ...``.

Reads the file; writes nothing: rows go to a ``Collector``.  E050 names the file and line
of a malformed row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from claimledger.errors import ReferenceDataError
from claimledger.reference._codes import area
from claimledger.reference._collect import Collector, ImportOptions, number, period

__all__ = ["WDI_DEFAULTS", "read_csv", "sniff_csv"]

#: Provenance every WDI file shares unless the command line says otherwise.
WDI_DEFAULTS: dict[str, str | None] = {
    "publisher": "World Bank",
    "dataset": "World Development Indicators",
    "licence": "CC BY 4.0",
    "url": "https://data.worldbank.org/indicator/{code}",
}

_YEAR_COL = re.compile(r"^(\d{4})(?:\s*\[YR\d{4}\])?$")
_CODE_COLS = ("Indicator Code", "Series Code")
_NAME_COLS = ("Indicator Name", "Series Name")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _rows(text: str, path: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as e:
        raise ReferenceDataError("E050", f"not valid CSV ({e})", path=path, line=reader.line_num) from None


def sniff_csv(text: str) -> str:
    """``wdi`` when the header (after a WDI preamble) has Country Code and either year
    columns or a Year column; ``csv`` otherwise."""
    for line in text.splitlines()[:8]:
        cells = [c.strip().strip('"') for c in line.split(",")]
        if "Country Code" in cells:
            return "wdi"
    return "csv"


def read_csv(text: str, path: str, opts: ImportOptions) -> Collector:
    """Read a WDI or plain CSV file into a collector."""
    fmt = opts.format if opts.format != "auto" else sniff_csv(text)
    if fmt == "wdi":
        return _read_wdi(text, path, opts)
    return _read_plain(text, path, opts)


def _index(header: list[str], names: tuple[str, ...]) -> int | None:
    for n in names:
        if n in header:
            return header.index(n)
    return None


def _read_wdi(text: str, path: str, opts: ImportOptions) -> Collector:
    meta: dict[str, str | None] = dict(WDI_DEFAULTS)
    rows = _rows(text, path)
    header: list[str] = []
    for _line, row in rows:
        cells = [c.strip() for c in row]
        if "Country Code" in cells:
            header = cells
            break
        if len(cells) >= 2 and cells[0] == "Last Updated Date" and _DATE.fullmatch(cells[1]):
            meta["vintage"] = cells[1]
    if not header:
        raise ReferenceDataError("E050", "no header row with a 'Country Code' column", path=path, line=1)
    col = _index(header, ("Country Code",))
    name_col = _index(header, ("Country Name",))
    code_col = _index(header, _CODE_COLS)
    iname_col = _index(header, _NAME_COLS)
    years = [(i, m.group(1)) for i, h in enumerate(header) if (m := _YEAR_COL.match(h))]
    year_col, value_col = _index(header, ("Year",)), _index(header, ("Value",))
    if not years and (year_col is None or value_col is None):
        raise ReferenceDataError(
            "E050", "a WDI file needs year columns (wide) or Year and Value columns (long)", path=path, line=1
        )
    if code_col is None and not opts.indicator:
        raise ReferenceDataError(
            "E050", "the file has no Indicator Code column; pass --indicator", path=path, line=1
        )
    out = Collector(path, opts, meta)
    width = len(header)
    for line, row in rows:
        if not any(c.strip() for c in row):
            continue
        # WDI's own files end every row with a comma: one empty cell more than the header
        if len(row) < width or (len(row) > width and any(c.strip() for c in row[width:])):
            raise ReferenceDataError(
                "E050", f"{len(row)} fields where the header has {width}", path=path, line=line
            )
        code = row[code_col].strip() if code_col is not None else ""
        iname = row[iname_col].strip() if iname_col is not None else None
        country = row[name_col].strip() if name_col is not None else None
        assert col is not None
        ent = area(row[col], country, path=path, line=line)
        todo: list[tuple[int, str]] = years
        if not years and value_col is not None and year_col is not None:
            todo = [(value_col, row[year_col])]
        for i, when in todo:
            v = number(row[i], path=path, line=line)
            if v is not None:
                out.add(code, ent, period(when, path=path, line=line), v, line=line, name=iname)
    return out


def _read_plain(text: str, path: str, opts: ImportOptions) -> Collector:
    rows = _rows(text, path)
    try:
        _l, header = next(rows)
    except StopIteration:
        raise ReferenceDataError("E050", "the file is empty", path=path) from None
    header = [h.strip() for h in header]
    need = ("entity", "period", "value")
    missing = [r for r in need if r not in opts.columns]
    if missing:
        raise ReferenceDataError(
            "E050",
            f"a plain CSV needs a column mapping for {', '.join(missing)} (--column ROLE=COLUMN)",
            path=path,
        )
    idx: dict[str, int] = {}
    for role, colname in opts.columns.items():
        if colname not in header:
            raise ReferenceDataError(
                "E050", f"no column {colname!r} (for {role}) in the header", path=path, line=1
            )
        idx[role] = header.index(colname)
    if "code" not in idx and not opts.indicator:
        raise ReferenceDataError("E050", "no indicator: map a code column or pass --indicator", path=path)
    out = Collector(path, opts, {"vintage": opts.vintage})
    for line, row in rows:
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            raise ReferenceDataError(
                "E050", f"{len(row)} fields where the header has {len(header)}", path=path, line=line
            )
        name = row[idx["name"]] if "name" in idx else None
        ent = area(
            row[idx["entity"]], name, path=path, line=line, alpha2=len(row[idx["entity"]].strip()) == 2
        )
        v = number(row[idx["value"]], path=path, line=line)
        if v is None:
            continue
        code = row[idx["code"]].strip() if "code" in idx else ""
        out.add(code, ent, period(row[idx["period"]], path=path, line=line), v, line=line)
    return out
