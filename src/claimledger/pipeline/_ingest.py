"""``ingest``: read and extract sources (serially, in worker processes or on Dask), then
store each document through the one writer, in its own transaction.

Reads: input names, via ``claimledger.ingest``.  Writes: ``documents`` and ``claims``
through ``Ledger.store_document``; never raises for a bad input, it reports it instead.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date as Date
from typing import Any, TypeVar

from claimledger._dates import parse_date
from claimledger.errors import ClaimLedgerError, InputError, LedgerError
from claimledger.extract.pipeline import EXTRACTOR
from claimledger.ingest import IngestOptions, Source, expand, load
from claimledger.ledger import IngestResult, Ledger, text_hash
from claimledger.models import Claim, Document
from claimledger.pipeline._document import add_document, extract_document
from claimledger.pipeline._results import IngestFailure, IngestSummary, Progress

#: Sources submitted ahead per worker: enough to keep workers busy while the writer
#: commits, few enough that extracted claims waiting for the writer stay bounded in memory.
QUEUE_PER_WORKER = 4
#: Waits between tries after losing the database connection: doubling from the first, up
#: to the last, within ``IngestOptions.reconnect_seconds`` in all.
FIRST_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# The clock and the wait of the reconnect loop (tests replace them: no real waiting).
_clock: Callable[[], float] = time.monotonic
_sleep: Callable[[float], None] = time.sleep

T = TypeVar("T")

# One ledger per worker process, only to look up texts already stored (to skip them).
_worker_ledger: Ledger | None = None

#: What a worker returns per source: documents with their claims (None = already stored),
#: and the errors of the parts that failed.
Extracted = list[tuple[Document, list[Claim] | None] | InputError]


def _failure(err: ClaimLedgerError, name: str) -> IngestFailure:
    """A failure record whose reason is the error's message without code and path."""
    msg = str(err)
    prefix = f"[{err.code}] " + (f"{err.path}: " if err.path else "")
    return IngestFailure(err.path or name, err.code, msg.removeprefix(prefix))


def _lookup(has: Callable[[], int | None]) -> bool:
    """Whether a text is stored, by ``has()``; False when the connection is lost (E024):
    the lookup only saves work, and the writer checks again under its lock."""
    try:
        return has() is not None
    except LedgerError as e:
        if e.code != "E024":
            raise
        return False


def _known_in_worker(url: str | None, hash_hex: str) -> bool:
    global _worker_ledger
    if url is None:
        return False
    if _worker_ledger is None or _worker_ledger.url != url:
        # The writer has opened (and migrated) this ledger; a worker only reads it.
        _worker_ledger = Ledger(url, migrate=False)
    ledger = _worker_ledger
    return _lookup(lambda: ledger.has_hash(hash_hex))


def reconnecting(write: Callable[[], T], seconds: float) -> T:
    """``write()``, tried again while the database connection is lost (E024), waiting
    longer each time, for at most ``seconds``; then that E024.  Safe for ``store_document``:
    a document either committed or not, and a retry finds a committed one as a duplicate."""
    delay = FIRST_RETRY_DELAY
    deadline = _clock() + seconds
    while True:
        try:
            return write()
        except LedgerError as e:
            if e.code != "E024" or _clock() >= deadline:
                raise
        _sleep(min(delay, max(0.0, deadline - _clock())))
        delay = min(2 * delay, MAX_RETRY_DELAY)


def _stopped(err: LedgerError, summary: IngestSummary, opts: IngestOptions) -> LedgerError:
    """The one error that stops a run whose database stayed unreachable."""
    done = len(summary.results)
    return LedgerError(
        "E024",
        f"{err.detail}; no reconnection within {opts.reconnect_seconds:g} s, so the run stopped after "
        f"{done} document(s) (failed {len(summary.failures)}). Run the same command again when the "
        "database is back: what is stored is skipped as a duplicate",
        path=err.path,
    )


def extract_source(src: Source, opts: IngestOptions, known: Callable[[str], bool]) -> Extracted:
    """Load a source and extract each document, skipping texts whose hash is ``known``."""
    out: Extracted = []
    for item in load(src, opts):
        if isinstance(item, InputError):
            out.append(item)
            continue
        h = text_hash(item.text)
        if known(h):
            out.append((item, None))
            continue
        try:
            claims = extract_document(item, h)
        except InputError as e:
            out.append(InputError(e.code, e.detail, path=e.path or item.id))
            continue
        except Exception as e:  # an extractor bug must cost one document, not the run
            out.append(InputError("E016", f"{type(e).__name__}: {e}", path=item.id))
            continue
        out.append((item, claims))
    return out


def _ledger_files(ledger: Ledger) -> set[str]:
    """The ledger's own files, which a directory walk must not try to ingest."""
    db = ledger.engine.url.database if ledger.engine.dialect.name == "sqlite" else None
    if not db or db == ":memory:":
        return set()
    base = os.path.realpath(db)
    return {base + suffix for suffix in ("", "-wal", "-shm", "-journal")}


def _sources(inputs: list[str], opts: IngestOptions, skip: set[str]) -> list[Source | InputError]:
    return [
        s for s in expand(inputs, opts)
        if not (isinstance(s, Source) and s.kind == "file" and os.path.realpath(s.name) in skip)
    ]  # fmt: skip


def ingest(
    ledger: Ledger,
    inputs: Iterable[str],
    *,
    date: str | Date | None = None,
    source: str | None = None,
    speaker: str | None = None,
    workers: int = 1,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    dask: str | None = None,
) -> IngestSummary:
    """Ingest files, directories, globs, ``-`` (stdin) and http(s) URLs into ``ledger``.

    Each document goes in its own transaction; a failing one is recorded in the
    summary's ``failures`` and the others still go in.  ``date``/``source``/``speaker``
    override what the documents' own metadata says (a bad ``date`` is E005, raised before
    anything is read).  ``workers > 1`` extracts in that many processes while this process
    stays the only writer.  ``progress(done, total, item)`` is called after each result or
    failure.  ``dask`` (a scheduler address, or ``"local"`` for a local cluster of
    ``workers`` processes) extracts on Dask instead.
    """
    opts = options if options is not None else IngestOptions()
    ref = parse_date(date)  # E005 now, before anything is read
    if ref is not None:
        opts.date = ref.isoformat()
    if source is not None:
        opts.source = source
    if speaker is not None:
        opts.speaker = speaker
    summary = IngestSummary()
    sources = _sources(list(inputs), opts, _ledger_files(ledger))
    total = len(sources)
    done = 0

    def record(item: IngestResult | IngestFailure) -> None:
        if isinstance(item, IngestFailure):
            summary.failures.append(item)
        else:
            summary.results.append(item)
        if progress is not None:
            progress(done, total, item)

    def store(name: str, extracted: Extracted) -> None:
        for part in extracted:
            if isinstance(part, InputError):
                record(_failure(part, name))
                continue
            doc, claims = part

            def write(doc: Document = doc, claims: list[Claim] | None = claims) -> IngestResult:
                if claims is None:  # the worker found the text stored: look it up, report it
                    return add_document(ledger, doc)
                return ledger.store_document(doc, claims, extractor=EXTRACTOR)  # hash re-checked

            try:
                record(reconnecting(write, opts.reconnect_seconds))
            except LedgerError as e:
                if e.code == "E024":  # the database stayed unreachable: stop, say so once
                    raise _stopped(e, summary, opts) from None
                record(_failure(e, doc.id or name))
            except ClaimLedgerError as e:
                record(_failure(e, doc.id or name))
            except Exception as e:  # a database error must not stop the other documents
                record(_failure(InputError("E023", f"{type(e).__name__}: {e}", path=doc.id or name), name))

    todo: list[Source] = []
    for s in sources:
        if isinstance(s, InputError):
            done += 1
            record(_failure(s, s.path or ""))
        else:
            todo.append(s)
    # Workers open their own read-only connection to skip stored texts; an in-memory
    # database cannot be shared, so they then extract everything and the writer dedupes.
    url = None if ledger.url in ("sqlite://", "sqlite:///:memory:") else ledger.url

    def known(h: str) -> bool:
        return _lookup(lambda: ledger.has_hash(h))

    for name, extracted in _run(todo, opts, url, workers, known, dask):
        done += 1
        store(name, extracted)
    return summary


def _run(
    todo: list[Source],
    opts: IngestOptions,
    url: str | None,
    workers: int,
    known: Callable[[str], bool],
    dask: str | None = None,
) -> Iterator[tuple[str, Extracted]]:
    """(name, extracted) per source, in input order: serially, from a process pool, or
    from a Dask cluster (``dask`` = scheduler address, or ``"local"``)."""
    if dask:
        yield from _run_dask(todo, opts, url, workers, dask)
        return
    if workers <= 1 or len(todo) <= 1:
        for src in todo:
            yield src.name, _guarded(src, opts, known)
        return
    import multiprocessing

    # "spawn" would re-import everything per worker; "fork" is cheap but unsafe once
    # threads exist.  forkserver is the safe default on Linux; elsewhere use the default.
    ctx_name = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else None
    ctx = multiprocessing.get_context(ctx_name)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        yield from _windowed(lambda src: pool.submit(_in_worker, src, opts, url), todo, workers)


def _windowed(
    submit: Callable[[Source], Any], todo: list[Source], workers: int
) -> Iterator[tuple[str, Extracted]]:
    """Keep ``workers * QUEUE_PER_WORKER`` sources in flight; yield results in input order."""
    pending: deque[tuple[str, Any]] = deque()
    it = iter(todo)
    for src in it:
        pending.append((src.name, submit(src)))
        if len(pending) >= workers * QUEUE_PER_WORKER:
            break
    while pending:
        name, fut = pending.popleft()
        try:
            result: Extracted = fut.result()
        except Exception as e:  # a worker died (e.g. out of memory); report, go on
            result = [InputError("E016", f"worker failed: {type(e).__name__}: {e}", path=name)]
        nxt = next(it, None)
        if nxt is not None:
            pending.append((nxt.name, submit(nxt)))
        yield name, result


def _run_dask(
    todo: list[Source], opts: IngestOptions, url: str | None, workers: int, address: str
) -> Iterator[tuple[str, Extracted]]:
    """Extract on a Dask cluster; this process stays the only writer.  Workers must see
    the same paths (a shared file system) and reach the database for the duplicate check."""
    import importlib

    try:
        # Typed as Any on purpose: dask is an optional extra whose stubs vary by version.
        dd: Any = importlib.import_module("dask.distributed")
    except ImportError:
        raise InputError("E011", "Dask is not installed: pip install 'claimledger[dask]'") from None
    cluster: Any = None
    if address == "local":
        cluster = dd.LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True)
        client: Any = dd.Client(cluster)
    else:
        client = dd.Client(address)
    try:
        n = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _windowed(lambda src: client.submit(_in_worker, src, opts, url, pure=False), todo, n)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _in_worker(src: Source, opts: IngestOptions, url: str | None) -> Extracted:
    return _guarded(src, opts, lambda h: _known_in_worker(url, h))


def _guarded(src: Source, opts: IngestOptions, known: Callable[[str], bool]) -> Extracted:
    try:
        return extract_source(src, opts, known)
    except ClaimLedgerError as e:
        return [InputError(e.code, e.detail, path=e.path or src.name)]
    except Exception as e:  # parsers of hostile input can fail in unforeseen ways
        return [InputError("E013", f"{type(e).__name__}: {e}", path=src.name)]


def default_workers() -> int:
    return max(1, (os.cpu_count() or 1) - 1)


__all__ = ["default_workers", "extract_source", "ingest", "reconnecting"]
