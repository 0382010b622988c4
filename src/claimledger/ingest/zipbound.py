"""Reading zip members within bounds: the shared guard of DOCX parts and archive members.

Reads: a ``zipfile.ZipFile`` and one member's ``ZipInfo``.  Writes: the member's inflated
bytes, in chunks, or E015 before too many come out.  Declared sizes are checked first
(cheap: nothing is inflated), then the bytes really inflated are counted, because a
crafted zip can declare any size.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

from claimledger.errors import InputError
from claimledger.ingest.options import MAX_PART_RATIO, RATIO_FLOOR

__all__ = ["CHUNK", "bounded_chunks", "check_member"]

#: Bytes inflated at a time.
CHUNK = 64 << 10


def check_member(info: zipfile.ZipInfo, cap: int, name: str) -> None:
    """E015 when a zip member *declares* more than ``cap`` bytes, or inflates more than
    ``MAX_PART_RATIO`` times its compressed size (above ``RATIO_FLOOR``)."""
    member = f"{name}!{info.filename}"
    if info.file_size > cap:
        raise InputError("E015", f"part expands to {info.file_size} bytes (limit {cap})", path=member)
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_PART_RATIO * max(1, info.compress_size):
        ratio = info.file_size // max(1, info.compress_size)
        raise InputError(
            "E015", f"part inflates {ratio}x (limit {MAX_PART_RATIO}x): a decompression bomb", path=member
        )


def bounded_chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, name: str) -> Iterator[bytes]:
    """The inflated bytes of one member, in chunks; E015 as soon as more than ``cap``
    bytes (or more than its declared size) have come out."""
    check_member(info, cap, name)
    limit = min(cap, info.file_size)
    seen = 0
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                return
            seen += len(chunk)
            if seen > limit:
                raise InputError("E015", f"part inflates past {limit} bytes", path=f"{name}!{info.filename}")
            yield chunk
