"""Format readers: bytes of one document -> ``Document`` (plain text + metadata).

Each reader reads the raw bytes and the input's name and writes a ``Document`` whose
``text`` is what claim offsets will index into.  Parsers are imported lazily (trafilatura
alone takes longer to import than the CLI may take to start).  Parser failures become
coded errors: E013 corrupt, E012 no text.
"""

from __future__ import annotations

import io
import re
from typing import Any

from claimledger.errors import InputError
from claimledger.ingest import htmlprep, metadata, ooxml
from claimledger.ingest.options import IngestOptions
from claimledger.models import Document


def _check_text(text: str, name: str, opts: IngestOptions) -> str:
    if not text.strip():
        raise InputError("E012", path=name)
    if len(text) > opts.max_text_chars:
        raise InputError("E015", f"extracted text exceeds {opts.max_text_chars} characters", path=name)
    return text


def read_text(data: bytes, name: str, opts: IngestOptions) -> Document:
    """Plain text, with an optional ``key: value`` header ended by ``---``."""
    meta, body = metadata.split_header(metadata.decode(data, name))
    doc = Document(text=_check_text(body, name, opts), format="text")
    metadata.apply_header(doc, meta)
    return doc


# Markdown to plain text, line by line, so the text stays readable and sentence-shaped.
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$", re.MULTILINE)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def markdown_to_text(md: str) -> tuple[str, str | None]:
    """Strip Markdown markup; return the text and the first heading (the title)."""
    title: str | None = None
    out: list[str] = []
    md = _MD_REF_DEF.sub("", md)
    for line in md.split("\n"):
        if line.strip().startswith("```") or _MD_RULE.match(line) or _MD_SETEXT.match(line):
            out.append("")
            continue
        m = _MD_HEADING.match(line)
        if m:
            line = _MD_LINK.sub(r"\1", m.group(1))
            for _ in range(2):
                line = _MD_EMPH.sub(r"\2", line)
            if title is None:
                title = line.strip() or None
            # A heading is its own sentence: end it so it does not run into the next line.
            out.extend([line, ""])
            continue
        line = _MD_QUOTE.sub("", line)
        line = _MD_BULLET.sub(r"\1", line)
        line = _MD_IMAGE.sub(r"\1", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _HTML_TAG.sub("", line)
        for _ in range(2):  # nested emphasis: ***x*** -> x
            line = _MD_EMPH.sub(r"\2", line)
        out.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n"), title


def read_markdown(data: bytes, name: str, opts: IngestOptions) -> Document:
    meta, body = metadata.split_header(metadata.decode(data, name))
    text, title = markdown_to_text(body)
    doc = Document(text=_check_text(text, name, opts), title=title, format="markdown")
    metadata.apply_header(doc, meta)
    return doc


#: When trafilatura finds no article it falls back to whatever text is left, often a menu
#: ("Home"); fewer words than this cannot hold a statement with a figure.
MIN_HTML_WORDS = 5
#: htmldate settings, for trafilatura's metadata and for our own date lookup.  Its
#: "extensive search" runs dateparser over the page's text: 25 of 30 s on a 300 KB page of
#: short blocks, for a date we look up again (without it) below.
_DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}


def read_html(data: bytes, name: str, opts: IngestOptions) -> Document:
    """Main text via trafilatura (boilerplate removed); publication date via htmldate."""
    import trafilatura
    from htmldate import find_date

    wide = metadata.bom_encoding(data)
    if wide is not None:  # UTF-16/32: the byte-level pre-pass below reads ASCII markup
        data = metadata.decode(data, name).encode("utf-8")
    data = htmlprep.prepare_html(data, name, opts)  # E015 over the HTML budget
    try:
        html = data.decode("utf-8")
    except UnicodeDecodeError:
        html = data.decode("cp1252", "replace")  # legacy pages; trafilatura re-checks <meta charset>
    try:
        result: Any = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=True, with_metadata=True, favor_recall=True,
            date_extraction_params=_DATE_PARAMS,
        )  # fmt: skip
    except Exception as e:  # lxml and trafilatura raise a wide variety on malformed markup
        raise InputError("E013", f"HTML could not be parsed: {e}", path=name) from None
    text = getattr(result, "text", None) if result is not None else None
    if text and len(text.split()) < MIN_HTML_WORDS:
        raise InputError("E012", f"only {len(text.split())} words of main text (navigation only?)", path=name)
    doc = Document(text=_check_text(text or "", name, opts), format="html")
    doc.title = getattr(result, "title", None) or None
    doc.source = getattr(result, "sitename", None) or None
    doc.url = getattr(result, "url", None) or None
    if not opts.date:
        try:
            found = find_date(html, **_DATE_PARAMS)
        except Exception:  # htmldate is best effort; a date is optional
            found = None
        doc.published = metadata.iso_date(found)
    return doc


def read_pdf(data: bytes, name: str, opts: IngestOptions) -> Document:
    """Text of every page via pypdf; title and creation date from the PDF info."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("E013", "encrypted PDF", path=name)
        pages: list[str] = []
        total = 0
        for page in reader.pages:
            t = page.extract_text() or ""
            total += len(t)
            if total > opts.max_text_chars:
                raise InputError(
                    "E015", f"extracted text exceeds {opts.max_text_chars} characters", path=name
                )
            pages.append(t.strip())
        info = reader.metadata
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as e:
        raise InputError("E013", f"PDF could not be parsed: {e}", path=name) from None
    text = "\n\n".join(p for p in pages if p)
    doc = Document(text=_check_text(text, name, opts), format="pdf")
    if info is not None:
        doc.title = (info.title or "").strip() or None
        try:
            doc.published = metadata.iso_date(info.creation_date)
        except Exception:  # a malformed date string in the info dictionary
            doc.published = None
    return doc


def read_docx(data: bytes, name: str, opts: IngestOptions) -> Document:
    """Paragraphs and table rows, in body order, and the title from the core properties,
    by the bounded streaming parser of ``ingest.ooxml`` (python-docx builds the whole tree,
    which a small zip bomb turns into minutes and gigabytes)."""
    text, title = ooxml.read_docx_text(data, name, opts)
    doc = Document(text=_check_text(text, name, opts), format="docx")
    doc.title = title
    # No date from core properties: "created" is often the template's date (python-docx's
    # own template says 2013), which would silently mis-resolve "last year".
    return doc


READERS = {
    "text": read_text,
    "markdown": read_markdown,
    "html": read_html,
    "pdf": read_pdf,
    "docx": read_docx,
}
