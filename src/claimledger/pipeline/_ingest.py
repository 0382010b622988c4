"""``ingest``: read and extract sources (serially, in worker processes or on Dask), then
store each document through the one writer, in its own transaction; on PostgreSQL with
several workers, each worker stores its own batches instead (docs/scale.md).

Reads: input names, via ``claimledger.ingest``.  Writes: ``documents`` and ``claims``
through ``Ledger.store_document`` (one writer) or ``Ledger.store_documents`` (a worker's
batch); never raises for a bad input, it reports it instead.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
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
#: Sources per task when workers write their own batches (PostgreSQL): a batch is one
#: transaction, so a larger one costs fewer commits and round trips, a smaller one redoes
#: less after a crash and keeps the workers' memory small.  16 documents of a few KB
#: hold a few hundred claims.
WRITER_BATCH = 16
#: Waits between tries after losing the database connection: doubling from the first, up
#: to the last, within ``IngestOptions.reconnect_seconds`` in all.
FIRST_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# The clock and the wait of the reconnect loop (tests replace them: no real waiting).
_clock: Callable[[], float] = time.monotonic
_sleep: Callable[[float], None] = time.sleep

T = TypeVar("T")
R = TypeVar("R")

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


def _ledger_in_worker(url: str) -> Ledger:
    """This worker process's ledger at ``url``, opened once.  The parent process has opened
    (and migrated) it: a worker reads it, and on PostgreSQL writes its own batches."""
    global _worker_ledger
    if _worker_ledger is None or _worker_ledger.url != url:
        _worker_ledger = Ledger(url, migrate=False)
    return _worker_ledger


def _known_in_worker(url: str | None, hash_hex: str) -> bool:
    if url is None:
        return False
    ledger = _ledger_in_worker(url)
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

    if (
        url is not None
        and ledger.engine.dialect.name == "postgresql"
        and (dask or (workers > 1 and len(todo) > 1))
    ):
        # Many writers: each worker stores its own batches (docs/scale.md).
        for name, written in _write_on_workers(todo, opts, url, workers, dask):
            done += 1
            for item in written:
                if isinstance(item, IngestResult):
                    record(item)
                elif item.code == "E024":
                    raise _stopped(LedgerError("E024", item.detail, path=item.path), summary, opts)
                else:
                    record(_failure(item, name))
        return summary
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
    if not dask and (workers <= 1 or len(todo) <= 1):
        for src in todo:
            yield src.name, _guarded(src, opts, known)
        return

    def failed(src: Source, e: Exception) -> Extracted:  # a worker died (e.g. out of memory)
        return [InputError("E016", f"worker failed: {type(e).__name__}: {e}", path=src.name)]

    with _submitter(workers, dask) as (submit, n):
        for src, result in _windowed(lambda src: submit(_in_worker, src, opts, url), todo, n, failed):
            yield src.name, result


@contextmanager
def _submitter(workers: int, dask: str | None) -> Iterator[tuple[Callable[..., Any], int]]:
    """``submit(fn, *args) -> future`` on a process pool of ``workers`` or on a Dask
    cluster (``dask`` = scheduler address, or ``"local"`` for a local cluster of
    ``workers`` processes), and the number of workers it runs on.  Dask workers must see
    the same paths (a shared file system) and reach the database."""
    if not dask:
        import multiprocessing

        # "spawn" would re-import everything per worker; "fork" is cheap but unsafe once
        # threads exist.  forkserver is the safe default on Linux; elsewhere the default.
        ctx_name = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else None
        ctx = multiprocessing.get_context(ctx_name)
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            yield pool.submit, workers
        return
    import importlib

    try:
        # Typed as Any on purpose: dask is an optional extra whose stubs vary by version.
        dd: Any = importlib.import_module("dask.distributed")
    except ImportError:
        raise InputError("E011", "Dask is not installed: pip install 'claimledger[dask]'") from None
    cluster: Any = None
    if dask == "local":
        cluster = dd.LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True)
        client: Any = dd.Client(cluster)
    else:
        client = dd.Client(dask)
    try:
        n = max(1, len(client.scheduler_info().get("workers", {})))
        yield (lambda fn, *args: client.submit(fn, *args, pure=False)), n
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _windowed(
    submit: Callable[[T], Any], todo: list[T], workers: int, failed: Callable[[T, Exception], R]
) -> Iterator[tuple[T, R]]:
    """Keep ``workers * QUEUE_PER_WORKER`` tasks in flight; yield each task with its
    result in input order (``failed(task, error)`` for a task whose worker failed)."""
    pending: deque[tuple[T, Any]] = deque()
    it = iter(todo)
    for task in it:
        pending.append((task, submit(task)))
        if len(pending) >= workers * QUEUE_PER_WORKER:
            break
    while pending:
        task, fut = pending.popleft()
        try:
            result: R = fut.result()
        except Exception as e:
            result = failed(task, e)
        nxt = next(it, None)
        if nxt is not None:
            pending.append((nxt, submit(nxt)))
        yield task, result


#: What a writing worker returns per source: each document's result, or its error.
Written = list[IngestResult | InputError]


def _write_on_workers(
    todo: list[Source], opts: IngestOptions, url: str, workers: int, dask: str | None
) -> Iterator[tuple[str, Written]]:
    """(name, written) per source, in input order, from workers that extract batches of
    sources and store each batch themselves (``Ledger.store_documents``: one transaction,
    duplicates resolved on the content hash by the server)."""

    def failed(batch: list[Source], e: Exception) -> list[Written]:  # the worker died
        return [[InputError("E016", f"worker failed: {type(e).__name__}: {e}", path=s.name)] for s in batch]

    with _submitter(workers, dask) as (submit, n):
        # Batches small enough that every worker gets several (the tail stays balanced).
        size = max(1, min(WRITER_BATCH, len(todo) // (n * QUEUE_PER_WORKER)))
        batches = [todo[i : i + size] for i in range(0, len(todo), size)]
        for batch, written in _windowed(lambda b: submit(_write_in_worker, b, opts, url), batches, n, failed):
            yield from zip((s.name for s in batch), written, strict=True)


def _write_in_worker(srcs: list[Source], opts: IngestOptions, url: str) -> list[Written]:
    """In a worker: extract ``srcs`` and store their documents as one batch."""
    ledger = _ledger_in_worker(url)
    out: list[Written] = [[] for _ in srcs]
    todo: list[tuple[int, Document, list[Claim]]] = []
    try:
        for i, src in enumerate(srcs):
            for part in _guarded(src, opts, lambda h: _lookup(lambda: ledger.has_hash(h))):
                if isinstance(part, InputError):
                    out[i].append(part)
                    continue
                doc, claims = part
                if claims is None:  # stored already: report it as the duplicate it is
                    dup = ledger.find_duplicate(doc)
                    if dup is not None:
                        out[i].append(dup)
                        continue
                    claims = extract_document(doc)  # deleted since the lookup: store it again
                todo.append((i, doc, claims))
        for (i, _, _), result in zip(todo, _store_batch(ledger, todo, opts), strict=True):
            out[i].append(result)
    except LedgerError as e:
        if e.code != "E024":
            raise
        return [[InputError("E024", e.detail, path=e.path)] for _ in srcs]  # the run stops
    return out


def _store_batch(
    ledger: Ledger, todo: list[tuple[int, Document, list[Claim]]], opts: IngestOptions
) -> Written:
    """Store ``todo`` as one batch; if the batch fails, each document alone, so that only
    the documents that cannot be stored fail.  E024 (connection lost for good) is raised."""

    def write(items: list[tuple[Document, list[Claim]]]) -> list[IngestResult]:
        return reconnecting(
            lambda: ledger.store_documents(items, extractor=EXTRACTOR), opts.reconnect_seconds
        )

    try:
        return list(write([(doc, claims) for _, doc, claims in todo]))
    except LedgerError as e:
        if e.code == "E024":
            raise
    except Exception:  # a database error: find the document that causes it
        pass
    out: Written = []
    for _, doc, claims in todo:
        try:
            out.extend(write([(doc, claims)]))
        except LedgerError as e:
            if e.code == "E024":
                raise
            out.append(InputError(e.code, e.detail, path=e.path or doc.id))
        except Exception as e:
            out.append(InputError("E023", f"{type(e).__name__}: {e}", path=doc.id))
    return out


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
