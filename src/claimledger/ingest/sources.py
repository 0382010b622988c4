"""Inputs -> sources -> documents.

``expand`` turns command-line inputs (files, directories, globs, ``-``, URLs) into
``Source`` records without reading them; ``load`` reads one source within the size limit,
sniffs its format and runs the matching reader, yielding one ``Document`` (or, for a zip
archive, one per member) or the coded error for each part that failed.
"""

from __future__ import annotations

import glob
import io
import os
import stat
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from claimledger.errors import ClaimLedgerError, InputError
from claimledger.ingest import metadata
from claimledger.ingest.fetch import fetch
from claimledger.ingest.options import MAX_EXPANSION, IngestOptions
from claimledger.ingest.readers import READERS
from claimledger.ingest.sniff import sniff
from claimledger.ingest.zipbound import check_member
from claimledger.models import Document

#: Directory entries skipped when walking: hidden files and folders (.git, .DS_Store).
_HIDDEN = "."


@dataclass(slots=True)
class Source:
    """Where a document comes from: ``kind`` is file | url | bytes (stdin, already read)."""

    name: str
    kind: str
    data: bytes | None = None


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def _has_magic(name: str) -> bool:
    return any(ch in name for ch in "*?[")


def read_stdin(opts: IngestOptions) -> bytes:
    data = sys.stdin.buffer.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        raise InputError("E015", f"stdin exceeds {opts.max_bytes} bytes", path="-")
    return data


def expand(inputs: list[str], opts: IngestOptions) -> Iterator[Source | InputError]:
    """Sources in input order; directories recursively (sorted, hidden entries skipped).

    A name that matches nothing yields E010 so the caller can report it and go on.
    """
    for name in inputs:
        if name == "-":
            try:
                yield Source("-", "bytes", read_stdin(opts))
            except InputError as e:
                yield e
        elif is_url(name):
            yield Source(name, "url")
        elif os.path.isdir(name):
            yield from _walk(name)
        elif os.path.exists(name) or not _has_magic(name):
            yield Source(name, "file")
        else:
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield InputError("E010", "no file matches this pattern", path=name)
            for m in matches:
                if os.path.isdir(m):
                    yield from _walk(m)
                else:
                    yield Source(m, "file")


def _walk(root: str) -> Iterator[Source]:
    # os.walk does not follow symlinked directories, so a link cannot lead the walk out of
    # the tree (or into a cycle).
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(_HIDDEN))
        for f in sorted(filenames):
            if not f.startswith(_HIDDEN):
                yield Source(os.path.join(dirpath, f), "file")


def read_file(path: str, opts: IngestOptions) -> bytes:
    """Read a regular file, refusing one larger than the limit before reading it."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError("E010", "not a regular file", path=path)
        if st.st_size > opts.max_bytes:
            raise InputError("E015", f"{st.st_size} bytes exceeds the {opts.max_bytes}-byte limit", path=path)
        with open(path, "rb") as fh:
            data = fh.read(opts.max_bytes + 1)  # the file may have grown since stat
    except FileNotFoundError:
        raise InputError("E010", "no such file", path=path) from None
    except (PermissionError, IsADirectoryError, OSError) as e:
        raise InputError("E010", e.strerror or str(e), path=path) from None
    if len(data) > opts.max_bytes:
        raise InputError("E015", f"exceeds the {opts.max_bytes}-byte limit", path=path)
    return data


def safe_member_name(name: str) -> bool:
    """False for archive member names that would escape a directory if written out."""
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return False
    return ".." not in PurePosixPath(norm).parts


def _archive(data: bytes, name: str, opts: IngestOptions) -> Iterator[Document | InputError]:
    """Each member of a zip archive as a document; unsafe or oversized members refused."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > opts.max_archive_members:
            yield InputError("E015", f"more than {opts.max_archive_members} archive members", path=name)
            return
        budget = opts.max_bytes * MAX_EXPANSION
        for info in infos:
            member = f"{name}!{info.filename}"
            base = PurePosixPath(info.filename.replace("\\", "/")).name
            if not safe_member_name(info.filename):
                yield InputError("E015", "path traversal in archive member name", path=member)
                continue
            if base.startswith(_HIDDEN) or info.filename.startswith("__MACOSX/"):
                continue
            try:
                check_member(info, min(opts.max_bytes, budget), name)
            except InputError as e:
                yield e
                continue
            try:
                with zf.open(info) as fh:
                    raw = fh.read(opts.max_bytes + 1)  # never trust the declared size
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as e:
                yield InputError("E013", f"archive member unreadable: {e}", path=member)
                continue
            if len(raw) > opts.max_bytes:
                yield InputError("E015", "member exceeds the size limit", path=member)
                continue
            budget -= len(raw)
            try:
                fmt = sniff(raw, info.filename)
                if fmt == "zip":
                    raise InputError("E011", "nested archive", path=member)
                doc = READERS[fmt](raw, member, opts)
            except InputError as e:
                yield e
                continue
            yield _finish(doc, member, opts)


def _finish(doc: Document, name: str, opts: IngestOptions) -> Document:
    doc = metadata.finish(doc, name, date=opts.date, source=opts.source, speaker=opts.speaker)
    if opts.title:
        doc.title = opts.title
    elif opts.first_line_title and not doc.title:
        doc.title = metadata.first_line(doc.text)
    return doc


def load(src: Source, opts: IngestOptions) -> Iterator[Document | InputError]:
    """Read, sniff and parse one source.  Unexpected parser errors become E013."""
    name = src.name
    try:
        if src.kind == "url":
            data, final = fetch(name, opts)
        elif src.kind == "bytes":
            data, final = src.data or b"", ""
        else:
            data, final = read_file(name, opts), ""
        fmt = sniff(data, name)
        if fmt == "zip":
            yield from _archive(data, name, opts)
            return
        doc = READERS[fmt](data, name, opts)
        if src.kind == "url":
            doc.url = final or name
    except InputError as e:
        yield e
        return
    except ClaimLedgerError as e:
        yield InputError(e.code, e.detail, path=e.path or name)
        return
    except (zipfile.BadZipFile, ValueError, KeyError, OSError, RecursionError) as e:
        yield InputError("E013", f"{type(e).__name__}: {e}", path=name)
        return
    yield _finish(doc, name, opts)


def display_name(path: str) -> str:
    """A short name for messages: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path
