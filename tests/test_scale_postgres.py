"""Many writers on a real PostgreSQL (issue 16, docs/scale.md): workers on a real local
Dask cluster (``distributed.LocalCluster``) and in a process pool store their own batches;
the ledger equals the one a single writer builds; a writer killed mid-batch leaves nothing
of its batch, and running the input again gives the ledger a clean run gives.

Needs CLAIMLEDGER_TEST_PG_URL (``.ci/run`` starts a server and sets it): without it these
tests skip and say why; with ``CI=true`` an unreachable server fails them.  Each test gets
fresh databases (``test_ledger_postgres.Scratch``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimledger.extract.pipeline import EXTRACTOR
from claimledger.ledger import IngestResult, Ledger
from claimledger.models import Document
from claimledger.pipeline import extract_document, ingest
from test_ledger_batch import ledger_rows
from test_ledger_ingest import news
from test_ledger_postgres import PG_URL, Scratch, admin_or_skip

pytestmark = [
    pytest.mark.skipif(
        not PG_URL, reason="CLAIMLEDGER_TEST_PG_URL is not set (.ci/run starts a server and sets it)"
    ),
    pytest.mark.slow,  # a Dask cluster and several worker processes start: tens of seconds
]


@pytest.fixture()
def pg() -> Iterator[Scratch]:
    """Fresh databases on the test server, dropped afterwards (skips without a server;
    fails under ``CI=true``)."""
    scratch = Scratch(admin_or_skip())
    yield scratch
    scratch.drop()


#: Documents in the test archive: several batches per worker (``_ingest.WRITER_BATCH``
#: shrinks batches so that each of 2 workers gets several).
N_DOCS = 24


def archive(root: Path) -> Path:
    root.mkdir()
    for i in range(N_DOCS):
        (root / f"n{i:02}.txt").write_text(f"title: Report {i}\ndate: 2024-0{1 + i % 9}-10\n---\n{news(i)}\n")
    (root / "dup.txt").write_text((root / "n03.txt").read_text())  # the same text under another name
    (root / "bad.txt").write_bytes(b"\x00\x01\x02")
    return root


def rows(led: Ledger) -> dict[str, list[Any]]:
    """``ledger_rows``, but the text stored under two names is named ``n03.txt|dup.txt``:
    one writer stores it under the name it meets first (input order), many writers under
    the name of the batch that commits first; the other name is reported as a duplicate."""
    out = ledger_rows(led)
    twice = ("n03.txt", "dup.txt")
    out["documents"] = [
        (d[0], "|".join(twice) if str(d[1]).endswith(twice) else d[1], *d[2:]) for d in out["documents"]
    ]
    return out


def clean_run(pg: Scratch, src: Path) -> dict[str, list[Any]]:
    """The ledger one writer in one process builds from ``src``."""
    with Ledger(pg.url("clean")) as led:
        s = ingest(led, [str(src)], workers=1)
        assert (s.ingested, s.duplicates, s.failed) == (N_DOCS, 1, 1)
        return rows(led)


def test_dask_workers_write_their_own_batches_and_equal_one_writer(pg: Scratch, tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    src = archive(tmp_path / "in")
    expected = clean_run(pg, src)
    with Ledger(pg.url("dask")) as led:
        s = ingest(led, [str(src)], workers=2, dask="local")
        assert (s.ingested, s.duplicates, s.failed) == (N_DOCS, 1, 1), s.failures
        assert rows(led) == expected
        again = ingest(led, [str(src)], workers=2, dask="local")  # idempotent
        assert (again.ingested, again.duplicates, again.failed) == (0, N_DOCS + 1, 1)
        assert rows(led) == expected


def test_a_writer_killed_mid_batch_leaves_nothing_and_a_rerun_equals_a_clean_run(
    pg: Scratch, tmp_path: Path
) -> None:
    src = archive(tmp_path / "in")
    expected = clean_run(pg, src)
    url = pg.url("crashed")
    Ledger(url).close()  # created and migrated, as `ingest` leaves it for its workers
    # A writer process stores a batch of 8 and is SIGKILLed after its claims went in by
    # COPY, before the commit: the batch's transaction dies with it.
    script = f"""
import os, signal, sys
from pathlib import Path
from claimledger.extract.pipeline import EXTRACTOR
from claimledger.ingest.metadata import split_header
from claimledger.ledger import Ledger, _batch
from claimledger.models import Document
from claimledger.pipeline import extract_document

copy = _batch._copy
def copy_then_die(conn, table, rows):
    copy(conn, table, rows)
    if table == "claims":
        os.kill(os.getpid(), signal.SIGKILL)
_batch._copy = copy_then_die
docs = []
for p in sorted(Path({str(src)!r}).glob("n0*.txt")):
    meta, body = split_header(p.read_text())
    docs.append(Document(text=body, id=str(p), published=meta.get("published")))
led = Ledger({url!r}, migrate=False)
led.store_documents([(d, extract_document(d)) for d in docs], extractor=EXTRACTOR)
sys.exit(3)  # not reached
"""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[1] / "src"), *sys.path])}
    proc = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    with Ledger(url) as led:
        assert ledger_rows(led) == {"documents": [], "claims": [], "relations": []}
        s = ingest(led, [str(src)], workers=2)  # the rerun: two writers in a process pool
        assert (s.ingested, s.duplicates, s.failed) == (N_DOCS, 1, 1), s.failures
        assert rows(led) == expected


def test_overlapping_batches_in_opposite_orders_store_each_text_once(pg: Scratch) -> None:
    docs = [Document(text=news(i), id=f"n{i}.txt", published="2024-03-01") for i in range(12)]
    batch = [(d, extract_document(d)) for d in docs]
    results: list[list[IngestResult]] = []
    errors: list[BaseException] = []

    def write(items: list[tuple[Document, list[object]]]) -> None:
        try:
            with Ledger(pg.url(), migrate=False) as led:
                results.append(led.store_documents(items, extractor=EXTRACTOR))  # type: ignore[arg-type]
        except BaseException as e:  # a deadlock would surface here
            errors.append(e)

    with Ledger(pg.url()) as led:
        threads = [threading.Thread(target=write, args=(b,)) for b in (batch, batch[::-1], batch[3:9])]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        stored = [r for rs in results for r in rs if r.status == "ingested"]
        assert sorted(r.hash for r in stored) == sorted({r.hash for rs in results for r in rs})
        assert len(ledger_rows(led)["documents"]) == len(docs)
