"""Content sniffing: decide a document's format from its bytes, the name only as a tie-break.

Reads: the first bytes of the input and its name.  Writes: one of ``pdf``, ``docx``,
``zip``, ``html``, ``markdown``, ``text``; raises E001 (binary) or E011 (a known
non-document binary such as an image).
"""

from __future__ import annotations

import io
import re
import zipfile

from claimledger.errors import InputError
from claimledger.ingest.metadata import bom_encoding

#: Bytes inspected; every signature and markup hint we use appears within this prefix.
SNIFF_BYTES = 8192

# Binary formats we recognise only to name them in the error (E011, not "looks binary").
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"\xd0\xcf\x11\xe0", "legacy MS Office file (.doc/.xls)"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
)

_HTML_HINT = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<article[\s>]|<p[\s>]|<div[\s>]",
    re.IGNORECASE,
)
# Markdown is text with markup; two different kinds of hint keep plain prose (which may
# contain a stray "#" or "*") from being taken for it.
_MD_HINTS = (
    re.compile(r"^#{1,6} \S", re.MULTILINE),  # ATX heading
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),  # [link](url)
    re.compile(r"^\s{0,3}[-*+] \S", re.MULTILINE),  # bullet list
    re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"),  # strong emphasis
    re.compile(r"^```", re.MULTILINE),  # code fence
    re.compile(r"^\S.*\n(=+|-+)\s*$", re.MULTILINE),  # setext heading
)
_MD_SUFFIXES = (".md", ".markdown", ".mdown")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "corrupt"
    return "docx" if "word/document.xml" in names else "zip"


def sniff(data: bytes, name: str = "") -> str:
    """The format of ``data``: content first (magic numbers, markup), then the name."""
    head = data[:SNIFF_BYTES]
    lname = name.lower()
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind == "corrupt":
            if lname.endswith(".docx"):
                return "docx"  # let the DOCX reader report it as corrupt (E013)
            raise InputError("E013", "damaged zip container", path=name)
        return kind
    for magic, what in _OTHER_MAGIC:
        if head.startswith(magic):
            raise InputError("E011", what, path=name)
    wide = bom_encoding(head)
    if wide is not None:
        text_head = head.decode(wide, "ignore")  # a UTF-32 mark is tested before UTF-16's
    else:
        if b"\x00" in head:
            raise InputError("E001", "contains NUL bytes", path=name)
        text_head = head.decode("utf-8", "ignore")
    starts_tag = stripped[:1] == b"<" and _HTML_HINT.search(head) is not None
    if starts_tag or (lname.endswith(_HTML_SUFFIXES) and _HTML_HINT.search(head)):
        return "html"
    if len(_HTML_HINT.findall(head)) >= 3:
        return "html"  # an HTML fragment that does not start with a tag
    if lname.endswith(_MD_SUFFIXES) or sum(1 for h in _MD_HINTS if h.search(text_head)) >= 2:
        return "markdown"
    return "text"
