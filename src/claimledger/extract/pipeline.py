"""Run the extraction stages over a text and build ``Claim`` objects.

Reads: document text (str), optional document date, optional source id.
Writes: ``Claim`` objects in document order, each carrying its sentence span, quantity
span, period, kind, subject, the cues that decided kind and period, and ``EXTRACTOR``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date as Date
from typing import IO

from claimledger.errors import InputError
from claimledger.extract import kinds, numbers, sentences, subject, time
from claimledger.models import Claim, Span

#: Name and version of the whole extraction pipeline, recorded on every claim.  Bump the
#: version whenever output can change, so ledgers can compare runs (see ``reextract``).
EXTRACTOR = "claimledger.extract.v1"

#: Streaming reads this many characters at a time and cuts at the last paragraph (or
#: sentence) boundary, so memory stays flat however large the input is.
STREAM_CHUNK = 1 << 20
#: A single "line" (no paragraph or sentence break) longer than this is refused (E004):
#: no real statement has a 10 MB sentence, and scanning one would hold it all in memory.
MAX_UNBROKEN = 4 << 20


def parse_date(value: str | Date | None) -> Date | None:
    """Accept ``YYYY-MM-DD`` strings or dates; raise E005 for anything else."""
    if value is None or isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(value.strip())
    except ValueError:
        raise InputError("E005", repr(value)) from None


def claim_id(doc: str, start: int, end: int) -> str:
    """Stable id: the same document and span always give the same id."""
    h = hashlib.blake2b(f"{doc}\x00{start}\x00{end}".encode(), digest_size=8)
    return h.hexdigest()


def doc_id_for(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def iter_claims(
    text: str,
    date: str | Date | None = None,
    *,
    source: str | None = None,
    offset: int = 0,
) -> Iterator[Claim]:
    """Yield claims from ``text`` in document order.

    ``offset`` is added to every span, for callers that feed a document in chunks.
    """
    ref = parse_date(date)
    doc = source if source is not None else doc_id_for(text)
    for s_start, s_end in sentences.split(text):
        yield from _sentence_claims(text, s_start, s_end, ref, doc, offset)


def _sentence_claims(
    text: str, s_start: int, s_end: int, ref: Date | None, doc: str, offset: int
) -> Iterator[Claim]:
    quants = numbers.find(text, s_start, s_end)
    times = time.find(text, s_start, s_end, ref) if (quants or kinds.may_commit(text, s_start, s_end)) else []
    sent = Span(s_start + offset, s_end + offset, text[s_start:s_end])
    if not quants:
        commit = kinds.commitment(text, s_start, s_end, times)
        if commit is None:
            return
        period, p_cues = time.deadline(times)
        yield Claim(
            doc=doc,
            id=claim_id(doc, s_start + offset, s_end + offset),
            kind="target",
            subject=subject.for_commitment(text, s_start, s_end),
            period=period,
            sentence=sent,
            quantity=None,
            cues=commit + p_cues,
            extractor=EXTRACTOR,
        )
        return
    periods = time.assign(text, s_start, s_end, quants, times)
    for q, (period, p_cues) in zip(quants, periods, strict=True):
        kind, k_cues = kinds.classify(text, s_start, s_end, q, times)
        if kind == "target" and period is None:
            period, extra = time.deadline(times)
            p_cues = p_cues + extra
        subj = subject.for_quantity(text, s_start, s_end, q)
        if offset:
            q = numbers.shifted(q, offset)
        yield Claim(
            doc=doc,
            id=claim_id(doc, q.start, q.end),
            kind=kind,
            subject=subj,
            period=period,
            sentence=sent,
            quantity=q,
            cues=k_cues + p_cues,
            extractor=EXTRACTOR,
        )


def extract(text: str, date: str | Date | None = None, *, source: str | None = None) -> list[Claim]:
    """Extract every figure and commitment from ``text``.

    ``date`` (``YYYY-MM-DD`` or a ``date``) resolves relative time ("last year").
    ``source`` becomes each claim's ``doc``; by default a hash of the text.
    """
    return list(iter_claims(text, date, source=source))


def _chunks(stream: IO[str], chunk: int) -> Iterable[tuple[int, str]]:
    """Cut a text stream into pieces at paragraph or sentence boundaries.

    Yields ``(offset, piece)``; the pieces concatenate to the whole stream.
    """
    pos = 0
    buf = ""
    while True:
        data = stream.read(chunk)
        if not data:
            break
        buf += data
        cut = buf.rfind("\n", 0, len(buf) - 1)
        if cut < 0:
            cut = max(buf.rfind(". ", 0, len(buf) - 1), -1)
            if cut >= 0:
                cut += 1
        if cut < 0:
            if len(buf) > MAX_UNBROKEN:
                raise InputError("E004", f"no line or sentence break within {MAX_UNBROKEN} characters")
            continue
        piece, buf = buf[: cut + 1], buf[cut + 1 :]
        yield pos, piece
        pos += len(piece)
    if buf:
        yield pos, buf


def extract_stream(
    stream: IO[str],
    date: str | Date | None = None,
    *,
    source: str,
    chunk: int = STREAM_CHUNK,
) -> Iterator[Claim]:
    """Extract from a text stream in bounded memory; offsets are into the whole stream."""
    ref = parse_date(date)
    for off, piece in _chunks(stream, chunk):
        yield from iter_claims(piece, ref, source=source, offset=off)
