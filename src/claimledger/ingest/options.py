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
#: A zip part (a DOCX's XML, an archive member) may inflate at most this many times its
#: compressed size.  Word's XML deflates 3-15x, its style sheets up to ~32x (python-docx's
#: own template); 100 leaves room for very repetitive tables.  The zip bombs reviewers built
#: inflate 200-300x (deflate allows ~1000x).  Checked on the declared sizes before reading.
MAX_PART_RATIO = 100
#: Parts up to this size are never refused for their ratio: a megabyte cannot hurt.
RATIO_FLOOR = 1 << 20
#: Largest ``word/document.xml`` inflated, in bytes.  Honest documents of hundreds of pages
#: hold a few tens of MB of XML at most.
MAX_DOCX_XML_BYTES = 32 << 20
#: Markup tags (``<``) of ``word/document.xml`` parsed.  Parsing costs about 1.7 us of CPU
#: per tag whatever the file (measured on the 2-core VM: 5.4 M tags of empty paragraphs in
#: 9.3 s, 2.2 M tags of text paragraphs in 4.0 s), so this bounds any DOCX to ~3.5 s.  Word
#: writes ~14 tags per run of text: 2 M tags is a report of a thousand pages.
MAX_DOCX_TAGS = 2_000_000
#: Bytes of HTML handed to trafilatura, counted after scripts, styles, SVG and comments are
#: stripped (``ingest.htmlprep``).  trafilatura's time grows faster than the page: 1 MB of
#: short blocks took 4.6 s of CPU, 2 MB 10.8 s, while 5 MB of plain paragraphs took 2.3 s.
#: A news article or a long statement is well under 1 MB once stripped; raise the budget
#: for a larger page (``--max-html-mb``).
MAX_HTML_BYTES = 1 << 20
#: Seconds the writer keeps retrying a document after losing the connection to a database
#: server (E024), waiting 0.5 s, 1 s, 2 s ... between tries: a server restart or failover
#: takes seconds; past this the run stops with one E024 instead of failing every document.
RECONNECT_SECONDS = 60.0


@dataclass(slots=True)
class IngestOptions:
    """Limits and overrides passed down to every reader.

    ``date``/``source``/``speaker``/``title`` override what a document's own metadata says
    (None = keep the document's).  ``first_line_title`` gives a document that has no title
    (plain text, most often) its first non-empty line as one: the browser upload asks for it,
    the command line does not (a title feeds the country detection, so it stays opt-in).
    Limits default to the module constants; tests lower them.
    """

    date: str | None = None
    source: str | None = None
    speaker: str | None = None
    title: str | None = None
    first_line_title: bool = False
    max_bytes: int = MAX_BYTES
    max_text_chars: int = MAX_TEXT_CHARS
    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    total_timeout: float = TOTAL_TIMEOUT
    max_redirects: int = MAX_REDIRECTS
    max_archive_members: int = MAX_ARCHIVE_MEMBERS
    max_docx_xml_bytes: int = MAX_DOCX_XML_BYTES
    max_docx_tags: int = MAX_DOCX_TAGS
    max_html_bytes: int = MAX_HTML_BYTES
    #: Fetch URLs whose host resolves to a private, loopback or link-local address (off by
    #: default: a page must not be able to steer ingest into the local network).
    allow_private_urls: bool = False
    reconnect_seconds: float = RECONNECT_SECONDS
