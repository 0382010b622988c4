"""Shared helpers for CLI commands: reading text inputs safely, printing tables."""

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


def print_table(title: str, columns: list[str], rows: Iterable[list[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*("" if v is None else str(v) for v in r))
    Console().print(table)


def fmt_value(value: float | None, low: float | None, high: float | None) -> str:
    if value is not None:
        return f"{value:,.6g}"
    if low is not None or high is not None:
        lo = "" if low is None else f"{low:,.6g}"
        hi = "" if high is None else f"{high:,.6g}"
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
