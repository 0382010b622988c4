"""SDMX reference files (SDMX-ML and SDMX-CSV, as the IMF, OECD, ECB and Eurostat publish
them), read with ``sdmx1``; this module only maps its observations to ledger rows.

- SDMX-ML generic data needs nothing else; structure-specific data needs its structure
  message (DSD), given with ``--structure``.
- SDMX-CSV 2.0 (``STRUCTURE,STRUCTURE_ID,...``) and 1.0 (``DATAFLOW,...``): sdmx1 reads
  SDMX-CSV against a DSD; without ``--structure`` one is built from the header (every
  column a dimension except ``OBS_VALUE``, the time column and the known attributes).
  A 1.0 file gets the two 2.0 columns in front (``STRUCTURE`` = dataflow) before sdmx1
  reads it.

Area codes are REF_AREA (or GEO, COUNTRY, LOCATION) values: alpha-2 or alpha-3 ISO codes
and the publishers' aliases (``areas.toml``).  The indicator code is the INDICATOR (or
SUBJECT, NA_ITEM ...) dimension, else the series key without area and frequency.  Scale
is the UNIT_MULT attribute; the unit the UNIT_MEASURE (or UNIT) attribute.
"""

from __future__ import annotations

import io
import re
from typing import Any

from claimledger.errors import ReferenceDataError
from claimledger.reference._codes import area
from claimledger.reference._collect import Collector, ImportOptions, number, period

__all__ = ["read_sdmx"]

_AREA_DIMS = ("REF_AREA", "GEO", "COUNTRY", "LOCATION", "AREA", "GEO_PICT")
_CODE_DIMS = ("INDICATOR", "SUBJECT", "NA_ITEM", "MEASURE", "SERIES", "ITEM")
_TIME_DIMS = ("TIME_PERIOD", "TIME", "TIME_PERIODS")
_SKIP_IN_CODE = frozenset({"FREQ", *_AREA_DIMS})
_ATTRIBUTES = frozenset(
    {
        "UNIT_MULT",
        "UNIT_MEASURE",
        "OBS_STATUS",
        "OBS_CONF",
        "DECIMALS",
        "TITLE",
        "COMMENT",
        "OBS_FLAG",
    }
)
#: Publisher ids of SDMX headers and the names the ledger cites.
_PUBLISHERS = {"ESTAT": "Eurostat", "ECB": "European Central Bank", "IMF": "IMF", "OECD": "OECD"}
#: SDMX unit codes for a percentage and for the country's own currency.
_UNITS = {
    "PC": "%",
    "PT": "%",
    "PCT": "%",
    "PC_A": "%",
    "PCH": "%",
    "XDC": "LCU",
    "NAC": "LCU",
    "PS": "",
    "PERS": "",
}


def _sdmx() -> Any:
    try:
        import sdmx
    except ImportError:
        raise ReferenceDataError(
            "E056", "reading SDMX needs sdmx1: pip install 'claimledger[official]'"
        ) from None
    return sdmx


def _is_csv(data: bytes) -> bool:
    head = data.lstrip()[:64].decode("utf-8", "replace").upper()
    return head.startswith(("STRUCTURE", "DATAFLOW"))


def _inferred_structure(header: list[str]) -> Any:
    from sdmx.model import v30

    dsd = v30.DataStructureDefinition(id="INFERRED")
    for h in header:
        h = h.split(":")[0].strip()
        role = h.upper()
        if role in ("STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION"):
            continue
        if role == "OBS_VALUE":
            dsd.measures.getdefault(h)
        elif role in _TIME_DIMS:
            dsd.dimensions.getdefault(h, cls=v30.TimeDimension)
        elif role in _ATTRIBUTES:
            dsd.attributes.getdefault(h)
        else:
            dsd.dimensions.getdefault(h)
    return dsd


def _with_action(line: str) -> str:
    if not line.strip():
        return line
    # the first two fields never hold a comma (a structure type and a URN-like id)
    a, _, rest = line.partition(",")
    b, _, rest = rest.partition(",")
    return f"{a},{b},I,{rest}"


def _as_v2_csv(data: bytes, path: str) -> tuple[bytes, list[str]]:
    text = data.decode("utf-8-sig")
    lines = text.splitlines()
    header = [h.strip() for h in lines[0].split(",")]
    if header[0].upper() == "DATAFLOW":  # SDMX-CSV 1.0: the 2.0 columns in front
        header = ["STRUCTURE", "STRUCTURE_ID", *header[1:]]
        lines = [",".join(header)] + [f"dataflow,{ln}" if ln.strip() else ln for ln in lines[1:]]
    if len(header) > 2 and header[2] != "ACTION":
        # sdmx1 files each observation under its ACTION; "I" (information) when none is given
        header = [*header[:2], "ACTION", *header[2:]]
        lines = [",".join(header)] + [_with_action(ln) for ln in lines[1:]]
    if "OBS_VALUE" not in header:
        raise ReferenceDataError("E050", "SDMX-CSV without an OBS_VALUE column", path=path, line=1)
    return ("\n".join(lines) + "\n").encode(), header


def read_sdmx(data: bytes, path: str, opts: ImportOptions) -> Collector:
    """Read an SDMX-ML or SDMX-CSV message into a collector."""
    sdmx = _sdmx()
    kwargs: dict[str, Any] = {}
    if opts.structure:
        try:
            smsg = sdmx.read_sdmx(opts.structure)
            kwargs["structure"] = next(iter(smsg.structure.values()))
        except (OSError, StopIteration, ValueError, RuntimeError) as e:
            raise ReferenceDataError("E050", f"structure file unreadable: {e}", path=opts.structure) from None
    csv_lines = False
    if _is_csv(data):
        data, header = _as_v2_csv(data, path)
        kwargs.setdefault("structure", _inferred_structure(header))
        fmt = "CSV"
        csv_lines = True
    else:
        fmt = "XML"
    try:
        msg = sdmx.read_sdmx(io.BytesIO(data), format=fmt, **kwargs)
    except Exception as e:  # sdmx1 raises many types (XMLSyntaxError, KeyError, ValueError ...)
        raise ReferenceDataError(
            "E050", f"not readable as SDMX-{fmt}: {type(e).__name__}: {e}", path=path
        ) from None
    return _collect(msg, path, opts, csv_lines)


def _header_meta(msg: Any) -> dict[str, str | None]:
    h = getattr(msg, "header", None)
    sender = getattr(getattr(h, "sender", None), "id", None)
    prepared = str(getattr(h, "prepared", "") or "")
    flow = getattr(getattr(msg, "dataflow", None), "id", None)
    m = re.match(r"\d{4}-\d{2}-\d{2}", prepared)
    return {
        "publisher": _PUBLISHERS.get(str(sender), str(sender)) if sender else None,
        "dataset": str(flow) if flow else (str(h.id) if h is not None and getattr(h, "id", None) else None),
        "vintage": m.group(0) if m else None,
    }


def _collect(msg: Any, path: str, opts: ImportOptions, csv_lines: bool) -> Collector:
    out = Collector(path, opts, _header_meta(msg))
    n = 0
    for ds in msg.data:
        for obs in ds.obs:
            n += 1
            line = n + 1 if csv_lines else 0
            key = {k.upper(): str(v.value) for k, v in obs.key.values.items()}
            attrs = {k.upper(): str(getattr(v, "value", v)) for k, v in (obs.attrib or {}).items()}
            where = line or 0
            area_dim = next((d for d in _AREA_DIMS if d in key), None)
            time_dim = next((d for d in _TIME_DIMS if d in key), None)
            if area_dim is None or time_dim is None:
                raise ReferenceDataError(
                    "E050", f"observation {key} has no area or time dimension", path=path, line=where
                )
            code = next((key[d] for d in _CODE_DIMS if d in key), None)
            if code is None:
                code = ".".join(v for k, v in key.items() if k not in _SKIP_IN_CODE and k != time_dim)
            ent = area(key[area_dim], None, path=path, line=where, alpha2=True)
            raw = obs.value
            v = number(str(raw), path=path, line=where) if raw is not None else None
            if v is None:
                continue
            unit_code = attrs.get("UNIT_MEASURE") or attrs.get("UNIT")
            unit = _UNITS.get(unit_code.upper(), unit_code.upper()) if unit_code else None
            mult = attrs.get("UNIT_MULT")
            scale = int(mult) if mult and mult.lstrip("-").isdigit() else None
            out.add(
                code, ent, period(key[time_dim], path=path, line=where), v, line=where, unit=unit, scale=scale
            )
    return out
