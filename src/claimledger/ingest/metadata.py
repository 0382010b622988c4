"""Document metadata: text decoding, front-matter headers, dates in names, overrides.

Reads: raw bytes or text and the input's name.  Writes: plain text plus the metadata
fields of ``Document`` (title, date, source, speaker, url).
"""

from __future__ import annotations

import codecs
import re
from datetime import date as Date
from datetime import datetime

from claimledger.errors import InputError
from claimledger.models import Document

#: Header keys we accept, and the Document field each fills.
HEADER_KEYS: dict[str, str] = {
    "title": "title",
    "date": "published",
    "published": "published",
    "source": "source",
    "publisher": "source",
    "speaker": "speaker",
    "author": "speaker",
    "url": "url",
}
#: A header longer than this is not a header but prose that happens to contain "---".
MAX_HEADER_LINES = 40
_HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z_ -]{0,30})\s*:\s*(.*?)\s*$")
_ISO_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")


#: Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one, so
#: testing UTF-16 first would read UTF-32 as UTF-16 with a NUL between letters.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: A legacy encoding guessed by charset-normalizer is trusted only when the decoded text
#: reads as a language at least this well (its "coherence", 0-1).  Measured: 170 bytes of
#: cp1251 Russian score 0.54 and cp1252 French 0.8, while a 12-byte Latin-1 "café au lait"
#: is guessed as Urdu cp1006 with 0.0: below the floor the guess is noise, and junk text
#: would become junk claims.
MIN_COHERENCE = 0.2


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``data`` (None without one)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _guess(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of non-UTF-8 bytes, when charset-normalizer is confident."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.coherence < MIN_COHERENCE:
        return None
    return str(best), best.encoding


def decode(data: bytes, name: str) -> str:
    """Bytes -> text: a byte-order mark (UTF-8/16/32) decides; else UTF-8; else a legacy
    encoding charset-normalizer is confident of.  E003 empty, E002 undecodable, E001 NUL
    characters in the decoded text (binary, or a wide encoding read as a narrow one)."""
    if not data.strip():
        raise InputError("E003", path=name)
    enc = bom_encoding(data)
    if enc is not None:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as e:
            raise InputError("E002", f"bad {enc.removesuffix('-sig')} at byte {e.start}", path=name) from None
    elif b"\x00" in data:
        raise InputError("E001", "contains NUL bytes", path=name)
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            guess = _guess(data)
            if guess is None:
                why = f"byte {e.start}: {e.reason}, and no other text encoding fits"
                raise InputError("E002", why, path=name) from None
            text, enc = guess
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise InputError("E001", f"contains NUL characters (decoded as {enc})", path=name)
    if not text.strip():
        raise InputError("E003", path=name)
    return text


def iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from a date, datetime or a string that starts with one; else None."""
    if isinstance(value, datetime | Date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})-(\d\d)-(\d\d)", value)
        if m:
            try:
                return Date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                return None
    return None


def date_in_name(name: str) -> str | None:
    """An ISO date written in a file name or URL ("2024-01-08-interview.txt")."""
    m = _ISO_IN_NAME.search(name.replace("/", " "))
    return iso_date(m.group(0)) if m else None


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a ``key: value`` header ending at a ``---`` line from the body.

    Accepts both the corpus style (header, ``---``, body) and YAML front matter (``---``,
    header, ``---``, body).  Only known keys count, and every header line must look like
    ``key: value``; otherwise the whole text is body, so prose with a ``---`` rule is safe.
    """
    lines = text.split("\n")
    start = 1 if lines and lines[0].strip() == "---" else 0
    for i in range(start, min(len(lines), start + MAX_HEADER_LINES + 1)):
        if lines[i].strip() != "---":
            continue
        meta: dict[str, str] = {}
        for line in lines[start:i]:
            if not line.strip():
                continue
            m = _HEADER_LINE.match(line)
            if not m:
                return {}, text
            key = m[1].strip().lower()
            if key in HEADER_KEYS and m[2]:
                meta[HEADER_KEYS[key]] = m[2].strip().strip('"').strip("'")
        if not meta:
            return {}, text
        return meta, "\n".join(lines[i + 1 :])
    return {}, text


def apply_header(doc: Document, meta: dict[str, str]) -> None:
    """Fill empty Document fields from a parsed header."""
    for field_name, value in meta.items():
        if field_name == "published":
            value = iso_date(value) or ""
        if value and not getattr(doc, field_name):
            setattr(doc, field_name, value)


#: A title taken from a text's first line is cut here: a first line can be a whole paragraph.
MAX_FIRST_LINE_TITLE = 200


def first_line(text: str) -> str | None:
    """The first non-empty line of ``text``, trimmed and cut to ``MAX_FIRST_LINE_TITLE``
    characters (at a word boundary, with an ellipsis); None for a text without one."""
    for line in text.split("\n", 50)[:50]:
        line = " ".join(line.split())
        if line:
            if len(line) <= MAX_FIRST_LINE_TITLE:
                return line
            cut = line[: MAX_FIRST_LINE_TITLE - 1].rsplit(" ", 1)[0]
            return cut + "…"
    return None


def finish(
    doc: Document, name: str, *, date: str | None, source: str | None, speaker: str | None
) -> Document:
    """Apply the caller's overrides, then fall back to a date in the name."""
    if date:
        doc.published = date
    if source:
        doc.source = source
    if speaker:
        doc.speaker = speaker
    if not doc.published:
        doc.published = date_in_name(name)
    if not doc.id:
        doc.id = name
    return doc
