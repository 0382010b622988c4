"""Ingesting files uploaded from the browser or the API.

Reads: uploaded bytes with their names, and optional date/source/speaker/title.  A
document without a title (given here or in its own metadata) takes its first line as one
(``IngestOptions.first_line_title``: the ingest library decides, this module asks).
Writes: documents and claims through ``claimledger.pipeline.add_document`` (extracted,
then stored in one transaction per document, idempotent by content hash).  The checks
then run in the background (``_recheck``), so an upload returns once its claims are stored.

Uploads are bounded: the request's size while it streams (``_guard.RequestGuard``, before
any of it is parsed), then the number of files, each file's size, its name's extension
and its sniffed content type.  Names are reduced to a plain base name, so a name like
``../../etc/passwd`` cannot point anywhere.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimledger.errors import ClaimLedgerError, InputError
from claimledger.models import Document

if TYPE_CHECKING:
    from claimledger.ledger import Engine

#: Largest file accepted from the browser.  Statements and reports are well under this
#: even as PDFs; bigger archives belong on the command line (``claimledger ingest``).
MAX_UPLOAD_BYTES = 20 << 20
#: Files per request: enough for a folder of press releases, small enough to answer
#: within a request's time.
MAX_FILES = 20
ALLOWED_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
#: Content types (by sniffing the bytes) that may come in under those names.
ALLOWED_FORMATS = ("text", "markdown", "html", "pdf", "docx")
MAX_NAME = 120
#: One writer at a time in this process: a document's ingestion, or a check run (which
#: holds SQLite's write lock from start to end).  Waiting here rather than on SQLite's lock
#: means an upload that arrives during a long check run waits for it instead of failing
#: after the busy timeout.  Taken per document, so a small upload never waits for a large
#: batch to finish.
WRITE_LOCK = threading.Lock()


@dataclass(slots=True)
class Upload:
    name: str
    data: bytes
    too_large: bool = False


def upload_info(max_request_bytes: int) -> dict[str, Any]:
    """The limits, for the upload page and ``/upload.json``."""
    return {
        "max_bytes": MAX_UPLOAD_BYTES,
        "max_files": MAX_FILES,
        "max_request_bytes": max_request_bytes,
        "allowed_extensions": list(ALLOWED_EXTENSIONS),
        "endpoint": "/api/documents",
    }


def safe_name(raw: str | None) -> str:
    """The base name of an uploaded file, with path parts and control characters gone."""
    base = re.split(r"[\\/]", raw or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip().lstrip(".")
    return base[:MAX_NAME] or "upload.txt"


def ingest_uploads(
    engine: Engine,
    uploads: list[Upload],
    *,
    date: str | None = None,
    source: str | None = None,
    speaker: str | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """Ingest each upload; a bad one is reported and the others still go in."""
    from claimledger.ledger import Ledger

    ledger = Ledger(engine=engine)
    results: list[dict[str, Any]] = []
    for up in uploads:
        results.extend(_one(ledger, up, Meta(date, source, speaker, title)))
    return {"results": results}


@dataclass(slots=True, frozen=True)
class Meta:
    """What the uploader said about every file (None: the file's own metadata decides)."""

    date: str | None = None
    source: str | None = None
    speaker: str | None = None
    title: str | None = None


def _one(ledger: Any, up: Upload, meta: Meta) -> list[dict[str, Any]]:
    from claimledger.pipeline import add_document

    name = safe_name(up.name)
    try:
        if up.too_large:
            raise InputError("E015", f"larger than {MAX_UPLOAD_BYTES} bytes", path=name)
        if not name.lower().endswith(ALLOWED_EXTENSIONS):
            raise InputError("E011", f"allowed types: {', '.join(ALLOWED_EXTENSIONS)}", path=name)
        if not up.data:
            raise InputError("E003", "the file is empty", path=name)
        docs = _read(f"upload/{name}", up.data, meta)
    except ClaimLedgerError as err:
        return [_failed(name, err)]
    out = []
    for doc in docs:
        if isinstance(doc, ClaimLedgerError):
            out.append(_failed(name, doc))
            continue
        try:
            with WRITE_LOCK:
                res = add_document(ledger, doc)
        except ClaimLedgerError as err:
            out.append(_failed(name, err))
            continue
        out.append(
            {
                "name": name,
                "status": res.status,
                "document_id": res.document_id,
                "claims": res.claims,
                "title": doc.title,
                "code": None,
                "reason": None,
                "href": f"/documents/{res.document_id}",
            }
        )
    return out


def _read(key: str, data: bytes, meta: Meta) -> list[Document | ClaimLedgerError]:
    """Bytes -> documents through the ingest readers (format sniffed from the content)."""
    from claimledger.ingest import IngestOptions, Source, load, sniff

    fmt = sniff(data, key)
    if fmt not in ALLOWED_FORMATS:
        raise InputError(
            "E011", f"content looks like {fmt}, not one of {', '.join(ALLOWED_FORMATS)}", path=key
        )
    opts = IngestOptions(
        date=meta.date,
        source=meta.source,
        speaker=meta.speaker,
        title=meta.title,
        first_line_title=True,
        max_bytes=MAX_UPLOAD_BYTES,
    )
    docs: list[Document | ClaimLedgerError] = []
    for item in load(Source(name=key, kind="bytes", data=data), opts):
        if isinstance(item, Document):
            item.id = key
        docs.append(item)
    return docs


def recheck(engine: Engine) -> None:
    """Re-link and re-run every check (the background run after uploads)."""
    from claimledger.checks import run_checks

    with WRITE_LOCK:
        run_checks(engine)


def _failed(name: str, err: ClaimLedgerError) -> dict[str, Any]:
    return {
        "name": name,
        "status": "failed",
        "document_id": None,
        "claims": 0,
        "title": None,
        "code": err.code,
        "reason": err.detail or str(err),
        "href": None,
    }
