"""Dates and timestamps, shared by every stage: one way to read a date, one way to write a time.

Imports nothing from claimledger but ``errors``, so the CLI, the pipeline, the ledger, the
linker and the web can all use it without reaching into one another.

- ``parse_date``: a date given by a person or a document (``--date``, a form field, a
  document's ``published``).  Anything but ``YYYY-MM-DD`` is an error (E005), raised at
  the edge before any work is done.
- ``parse_date_or_none``: a date read back from the ledger, where one unreadable value
  must not stop a reader.  The caller asks for the lenient reading by name.
- ``utc_timestamp``: the one format of every timestamp the ledger writes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from datetime import date as Date

from claimledger.errors import InputError

__all__ = ["TIMESTAMP_FORMAT", "parse_date", "parse_date_or_none", "utc_timestamp"]

#: Every timestamp the ledger writes: ISO 8601 in UTC, whole seconds, ``Z`` suffix
#: (``2025-01-10T09:30:00Z``).  One fixed width, so stored timestamps sort as text.
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def parse_date(value: str | Date | None) -> Date | None:
    """Accept ``YYYY-MM-DD`` strings (surrounding blanks ignored) or dates; ``None`` stays
    ``None``; raise E005 for anything else."""
    if value is None or isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(value.strip())
    except ValueError:
        raise InputError("E005", repr(value)) from None


def parse_date_or_none(value: str | None) -> Date | None:
    """The date a stored value starts with (``2024-01-08``, or a timestamp such as
    ``2024-01-08T10:00``); ``None`` when the value is empty or not a date.  Never raises."""
    if not value:
        return None
    try:
        # Only the first ten characters: a stored timestamp still gives its day.
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


def utc_timestamp() -> str:
    """Now, in ``TIMESTAMP_FORMAT``."""
    return datetime.now(UTC).strftime(TIMESTAMP_FORMAT)
