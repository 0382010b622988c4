"""One options object for every reader: limits, timeouts and metadata overrides."""

from __future__ import annotations

from dataclasses import dataclass

#: Largest input accepted, in bytes (a file, a URL body, stdin or one archive member).
#: Real statements, even long PDF reports with images, are a few MB; 64 MiB leaves room
#: for scanned annexes while bounding memory and time (a larger input is refused, E015).
MAX_BYTES = 64 << 20
#: Largest extracted text, in characters: extraction runs at a few MB/s, so 16 M chars
#: bounds one document to seconds, and no speech or report is that long.
MAX_TEXT_CHARS = 16 << 20
#: Seconds to connect, and to wait for each chunk of a response.
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
#: Seconds for a whole download: a server that trickles bytes just under the read timeout
#: must still not hold ingestion forever.
TOTAL_TIMEOUT = 120.0
#: Redirects followed before giving up (loops, or chains to somewhere unexpected).
MAX_REDIRECTS = 5
#: Members read from one archive; a zip with millions of tiny entries is a denial of service.
MAX_ARCHIVE_MEMBERS = 10_000
#: Total uncompressed size of a DOCX/zip relative to MAX_BYTES before it is refused as a
#: decompression bomb (text compresses ~5-10x; 4 x MAX_BYTES covers honest files).
MAX_EXPANSION = 4


@dataclass(slots=True)
class IngestOptions:
    """Limits and overrides passed down to every reader.

    ``date``/``source``/``speaker`` override what a document's own metadata says (None =
    keep the document's).  Limits default to the module constants; tests lower them.
    """

    date: str | None = None
    source: str | None = None
    speaker: str | None = None
    max_bytes: int = MAX_BYTES
    max_text_chars: int = MAX_TEXT_CHARS
    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    total_timeout: float = TOTAL_TIMEOUT
    max_redirects: int = MAX_REDIRECTS
    max_archive_members: int = MAX_ARCHIVE_MEMBERS
