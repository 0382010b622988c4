"""Ingest: turn files, directories, globs, stdin and URLs into ``Document`` objects.

Stages (each module says what it reads and writes):
    sources   inputs -> Source records (no reading); Source -> bytes within the size limit
    fetch     http(s) URL -> bytes, with size limit, timeouts and streaming
    sniff     bytes -> format (pdf, docx, zip, html, markdown, text), by content
    readers   bytes -> Document (plain text + title/date/source), one reader per format
    metadata  headers, dates in names, and the caller's overrides

Readers only produce documents; storing them is the ledger's job (``Ledger.ingest``).
"""

from __future__ import annotations

from claimledger.ingest.options import IngestOptions
from claimledger.ingest.sniff import sniff
from claimledger.ingest.sources import Source, expand, load

__all__ = ["IngestOptions", "Source", "expand", "load", "sniff"]
