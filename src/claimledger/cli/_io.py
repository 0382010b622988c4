"""Shared helpers for CLI commands: reading text inputs safely, printing tables and records.

Output rules, the same for every command:
- ``--format table`` is for people: in a terminal, rich tables fitted to its width with
  severities in colour; piped or redirected, the same tables at full width (``PIPE_WIDTH``),
  never folded at 80 columns, and without colour codes (unless ``FORCE_COLOR`` is set).
- ``json`` is one object holding a named list (``{"claims": [...]}``), ``jsonl`` one object
  per line, ``csv`` a header and one row per record (lists and objects as JSON text).
- Figures print as people write them: "25.1 trillion", not ``2.51e+13``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimledger.models import Claim

from claimledger.errors import InputError


def read_text_input(name: str) -> str:
    """Read a file (or ``-`` for stdin) as text; raise coded errors for bad input."""
    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(name).read_bytes()
        except (FileNotFoundError, IsADirectoryError, PermissionError) as e:
            raise InputError("E010", e.strerror or str(e), path=name) from None
    return decode_text(data, name)


def decode_text(data: bytes, name: str) -> str:
    """Bytes -> text by the ingest rules (``claimledger.ingest.metadata.decode``)."""
    from claimledger.ingest.metadata import decode

    return decode(data, name)


#: Table width when stdout is not a terminal: wide enough that no row is ever folded, so a
#: pipe (``| grep``, ``| less -S``) or a file gets each row on one line.
PIPE_WIDTH = 100_000

#: How each finding severity looks in a terminal (rich styles).
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "dim"}


def console() -> Any:
    """A rich console for stdout: the terminal's width, or ``PIPE_WIDTH`` when piped."""
    from rich.console import Console

    return Console() if sys.stdout.isatty() else Console(width=PIPE_WIDTH)


def severity(name: str) -> Any:
    """A severity as rich text, coloured by ``SEVERITY_STYLES`` (plain when piped)."""
    from rich.text import Text

    return Text(name, style=SEVERITY_STYLES.get(name, ""))


def print_table(title: str, columns: list[str], rows: Iterable[list[Any]]) -> None:
    """A table for people; cells are text, or rich ``Text`` that keeps its style."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(v if isinstance(v, Text) else Text("" if v is None else str(v)) for v in r))
    console().print(table)


def write_records(
    fmt: str, key: str, records: list[dict[str, Any]], columns: list[str] | None = None
) -> None:
    """``records`` as ``json`` (``{key: [...]}``), ``jsonl`` or ``csv`` (``columns``, or the
    first record's keys) on stdout."""
    import csv
    import json

    if fmt == "json":
        sys.stdout.write(json.dumps({key: records}, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        cols = columns or (list(records[0]) if records else [])
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(cols)
        for r in records:
            w.writerow(_csv_cell(r.get(c)) for c in cols)
    else:
        raise ValueError(f"unknown record format {fmt!r}")


def _csv_cell(v: Any) -> Any:
    import json

    return json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v


def number(x: float) -> str:
    """A figure as people write it: "25.1 trillion", "1,250", "9.7"."""
    from claimledger.checks import amount

    return amount(x)


def fmt_value(value: float | None, low: float | None, high: float | None) -> str:
    if value is not None:
        return number(value)
    if low is not None or high is not None:
        lo = "" if low is None else number(low)
        hi = "" if high is None else number(high)
        return f"{lo}–{hi}"
    return ""


def print_claims(title: str, claims: Iterable[Claim]) -> None:
    """A human-readable table of claims."""
    rows = []
    for c in claims:
        q = c.quantity
        rows.append(
            [
                c.kind,
                q.text if q else "—",
                fmt_value(q.value, q.low, q.high) if q else "",
                (q.unit or q.noun or "") if q else "",
                c.period,
                c.subject,
            ]
        )
    print_table(title, ["kind", "figure", "value", "unit/noun", "period", "subject"], rows)
