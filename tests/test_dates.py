"""claimledger._dates: the one date parser, its lenient form for stored values, timestamps."""

from __future__ import annotations

from datetime import UTC, datetime
from datetime import date as Date

import pytest

from claimledger._dates import TIMESTAMP_FORMAT, parse_date, parse_date_or_none, utc_timestamp
from claimledger.errors import InputError


@pytest.mark.parametrize(
    ("value", "want"),
    [
        (None, None),
        ("2024-01-08", Date(2024, 1, 8)),
        ("  2024-01-08\n", Date(2024, 1, 8)),
        (Date(2020, 2, 29), Date(2020, 2, 29)),
    ],
)
def test_parse_date_reads_iso_dates(value: str | Date | None, want: Date | None) -> None:
    assert parse_date(value) == want


@pytest.mark.parametrize("value", ["yesterday", "", "2024-13-01", "2024-01-08T10:00:00", "08.01.2024"])
def test_parse_date_refuses_anything_else_with_e005(value: str) -> None:
    with pytest.raises(InputError) as err:
        parse_date(value)
    assert err.value.code == "E005" and repr(value) in str(err.value)


# What link/_records.py's own parse_date returned before it moved here; the linker and the
# checkers read stored dates through this, so none of these may change.
@pytest.mark.parametrize(
    ("value", "want"),
    [
        (None, None),
        ("", None),
        ("2024-01-08", Date(2024, 1, 8)),
        ("2024-01-08T10:00:00Z", Date(2024, 1, 8)),  # a timestamp gives its day
        ("2024-01-08 and more", Date(2024, 1, 8)),
        (" 2024-01-08", None),  # no stripping: the first ten characters are the date or not
        ("20240108", Date(2024, 1, 8)),
        ("2024-02-30", None),
        ("soon", None),
    ],
)
def test_parse_date_or_none_reads_stored_dates_and_never_raises(value: str | None, want: Date | None) -> None:
    assert parse_date_or_none(value) == want


def test_utc_timestamp_is_now_in_the_one_format() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    stamp = utc_timestamp()
    after = datetime.now(UTC)
    assert len(stamp) == 20 and stamp.endswith("Z")
    parsed = datetime.strptime(stamp, TIMESTAMP_FORMAT).replace(tzinfo=UTC)
    assert before <= parsed <= after
