"""pipeline.ingest into a ledger: mixed formats, failures, idempotence, workers, WAL, SIGKILL, reextract."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from claimledger.extract.pipeline import EXTRACTOR, iter_claims
from claimledger.ledger import Ledger, id_source, text_hash
from claimledger.pipeline import add_document, ingest, reextract

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from docgen import make_docx, make_html, make_pdf

SENTENCES = [
    "Spending will reach {a}.{b} trillion tenge in 2024.",
    "Exports rose {a}% to ${b} billion last year.",
    "The government plans to build {a}{b} schools by 2027.",
    "Inflation is forecast at {a}-{b}% in 2025.",
    "The harvest reached nearly {a}{b} million tons.",
]


def news(i: int, n_par: int = 3) -> str:
    """A small news-like text whose figures vary with ``i`` (so every text is distinct)."""
    paras = []
    for p in range(n_par):
        s = " ".join(
            t.format(a=(i + p + k) % 9 + 1, b=(i * 7 + p + k) % 90 + 10) for k, t in enumerate(SENTENCES)
        )
        paras.append(f"Report {i}, part {p}. {s}")
    return "\n\n".join(paras)


def make_tree(root: Path) -> dict[str, int]:
    """A directory of mixed formats plus bad files; returns expected counts."""
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("title: A\ndate: 2024-01-08\n---\n" + news(1))
    (root / "b.md").write_text("# Plans\n\n" + news(2))
    (root / "sub" / "c.html").write_bytes(make_html(news(3).split("\n\n"), date="2024-02-01"))
    (root / "sub" / "d.pdf").write_bytes(make_pdf(news(4).split(". ")))
    (root / "sub" / "e.docx").write_bytes(make_docx(news(5).split("\n\n")))
    (root / "sub" / "renamed.dat").write_bytes(make_pdf(news(6).split(". ")))  # sniffed as PDF
    (root / "bin.txt").write_bytes(os.urandom(512) + b"\x00")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    (root / "empty.html").write_bytes(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    return {"ok": 6, "failed": 3}


def test_ingest_mixed_tree_reports_failures_and_is_idempotent(tmp_path: Path) -> None:
    expect = make_tree(tmp_path / "in")
    with Ledger(str(tmp_path / "l.db")) as led:
        s = ingest(led, [str(tmp_path / "in")])
        assert (s.ingested, s.duplicates, s.failed) == (expect["ok"], 0, expect["failed"])
        codes = {Path(f.name).name: f.code for f in s.failures}
        assert codes == {"bin.txt": "E001", "broken.pdf": "E013", "empty.html": "E012"}
        assert all(f.reason for f in s.failures)
        docs = led.documents()
        assert sorted(d.format for d in docs) == ["docx", "html", "markdown", "pdf", "pdf", "text"]
        assert s.claims == sum(d.claims for d in docs) == len(led.claims()) > 0
        a = next(d for d in docs if d.doc_key.endswith("a.txt"))
        assert (a.title, a.published) == ("A", "2024-01-08")
        # Every stored span indexes into the stored text.
        for d in docs:
            body = led.document(d.id).text  # type: ignore[union-attr]
            for r in led.claims(doc=d.id):
                assert body[r.sent_start : r.sent_end] == r.sentence
        again = ingest(led, [str(tmp_path / "in")])
        assert (again.ingested, again.duplicates, again.failed, again.claims) == (
            0,
            expect["ok"],
            expect["failed"],
            0,
        )
        assert len(led.documents()) == expect["ok"]


def test_overrides_apply_to_every_document(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("date: 2020-01-01\n---\n" + news(9))
    with Ledger(str(tmp_path / "l.db")) as led:
        s = ingest(led, [str(tmp_path / "x.txt")], date="2024-05-06", source="Gazette", speaker="PM")
        assert s.ok
        (d,) = led.documents()
        assert (d.published, d.source, d.speaker) == ("2024-05-06", "Gazette", "PM")


def test_bad_date_is_refused_before_reading(tmp_path: Path) -> None:
    from claimledger.errors import InputError

    with Ledger(str(tmp_path / "l.db")) as led, pytest.raises(InputError) as err:
        ingest(led, [str(tmp_path)], date="yesterday")
    assert err.value.code == "E005"


def test_workers_store_the_same_claims_as_one_process(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(8):
        (src / f"n{i}.txt").write_text(news(i))
    (src / "dup.txt").write_text(news(0))  # same content as n0
    (src / "bad.txt").write_bytes(b"\x00\x01")
    results = {}
    for workers in (1, 2):
        with Ledger(str(tmp_path / f"w{workers}.db")) as led:
            s = ingest(led, [str(src)], workers=workers)
            assert (s.ingested, s.duplicates, s.failed) == (8, 1, 1)
            results[workers] = sorted((r.id, r.value, r.kind) for r in led.claims())
    assert results[1] == results[2] and results[1]


def test_reader_is_not_blocked_by_a_writer(tmp_path: Path) -> None:
    db = tmp_path / "wal.db"
    with Ledger(str(db)) as led:
        from claimledger.models import Document

        add_document(led, Document(text=news(1), id="one"))
        before = len(led.claims())
        writer = sqlite3.connect(db, timeout=0.1, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # hold the write lock
        writer.execute(
            "INSERT INTO documents (hash, doc_key, format, text, ingested_at, extractor) "
            "VALUES ('h', 'pending', 'text', 'x', 't', 'e')"
        )
        # Reads see the last committed state while the writer holds its lock (a blocked
        # read would wait for the lock, which is never released here, and fail as busy).
        assert len(led.claims()) == before
        assert [d.doc_key for d in led.documents()] == ["one"]
        writer.execute("COMMIT")
        assert [d.doc_key for d in led.documents()] == ["one", "pending"]
        writer.close()
        with led.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def _consistent(db: Path) -> int:
    """Assert every stored document has exactly its full set of claims; return #documents."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = con.execute("SELECT id, hash, text, published FROM documents").fetchall()
    for doc_id, h, body, published in rows:
        want = {c.id for c in iter_claims(body, published, source=id_source(h))}
        got = {r[0] for r in con.execute("SELECT id FROM claims WHERE document_id = ?", (doc_id,))}
        assert got == want
        assert h == text_hash(body)
    fts = con.execute("SELECT count(*) FROM claims_fts").fetchone()[0]
    assert fts == con.execute("SELECT count(*) FROM claims").fetchone()[0]
    con.close()
    return len(rows)


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_a_consistent_ledger(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    # Enough work that the kill lands mid-run with a fast extractor, little enough that
    # the re-run stays quick with a slow one.
    total = 60
    for i in range(total):
        (src / f"d{i:03}.txt").write_text(news(i, n_par=15))
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "claimledger.cli", "ingest", str(src), "--db", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
        if db.exists():
            try:
                con = sqlite3.connect(db, timeout=1)
                stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
                con.close()
            except sqlite3.OperationalError:
                continue  # tables not created yet
            if stored >= 3:
                break
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    n_before = _consistent(db)
    assert 3 <= n_before < total
    rerun = subprocess.run(cmd, capture_output=True, text=True, check=True)
    line = rerun.stdout.strip().splitlines()[-1]
    assert line.startswith(f"ingested {total - n_before}, duplicates {n_before}, failed 0"), line
    assert _consistent(db) == total


def test_reextract_replaces_machine_claims_and_keeps_human_work(tmp_path: Path) -> None:
    from claimledger.models import Document

    with Ledger(str(tmp_path / "r.db")) as led:
        add_document(led, Document(text=news(3), id="n3", published="2024-01-01"))
        rows = led.claims()
        corrected, drifted = rows[0].id, rows[1].id
        with led.engine.begin() as conn:
            # Pretend an older extractor wrote this document, with one wrong value and two
            # claims the current extractor does not produce (one of them reviewed).
            conn.execute(text("UPDATE documents SET extractor = 'old.v0'"))
            conn.execute(text("UPDATE claims SET extractor = 'old.v0'"))
            conn.execute(text("UPDATE claims SET value = -1 WHERE id = :i"), {"i": drifted})
            for cid in ("stale-machine", "stale-reviewed"):
                conn.execute(
                    text(
                        "INSERT INTO claims (id, document_id, seq, kind, subject, sent_start, sent_end, "
                        "sentence, cues, extractor) "
                        "VALUES (:i, 1, 99, 'status', 's', 0, 5, 'Repor', '[]', 'old.v0')"
                    ),
                    {"i": cid},
                )
            for cid in (corrected, "stale-reviewed"):
                conn.execute(
                    text(
                        "INSERT INTO corrections (claim_id, state, value, reviewer, updated_at) "
                        "VALUES (:i, 'corrected', 12345, 'ann', 't')"
                    ),
                    {"i": cid},
                )
        s = reextract(led)
        assert (s.documents, s.removed, s.kept, s.failures) == (1, 1, 1, [])
        assert s.updated == len(rows) and s.added == 0
        after = {r.id: r for r in led.claims()}
        assert "stale-machine" not in after and after["stale-reviewed"].extractor == "old.v0"
        assert after[drifted].value == rows[1].value and after[drifted].extractor == EXTRACTOR
        assert after[corrected].value == 12345 and after[corrected].review_state == "corrected"
        with led.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM corrections")).scalar() == 2
        again = reextract(led)
        assert (again.documents, again.current) == (0, 1)


def test_dask_local_cluster_stores_the_same_claims(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    src = tmp_path / "in"
    src.mkdir()
    for i in range(4):
        (src / f"n{i}.txt").write_text(news(i))
    (src / "bad.txt").write_bytes(b"\x00\x01")
    got = {}
    for mode in (None, "local"):
        with Ledger(str(tmp_path / f"{mode}.db")) as led:
            s = ingest(led, [str(src)], workers=2, dask=mode)
            assert (s.ingested, s.failed) == (4, 1)
            got[mode] = sorted((r.id, r.value) for r in led.claims())
    assert got[None] == got["local"] and got[None]


def test_reextract_fills_the_frames_of_claims_stored_before_the_ledger_kept_them(tmp_path: Path) -> None:
    # A ledger written by the same extractor version before migration 0008: its claims have
    # no frames, so the version string alone would call the document current.
    from claimledger.models import Document

    with Ledger(str(tmp_path / "f.db")) as led:
        add_document(led, Document(text=news(5), id="n5", published="2024-01-01"))
        want = {r.id: (r.frame, r.period_role) for r in led.claims()}
        assert all(f is not None for f, _ in want.values())
        with led.engine.begin() as conn:
            conn.execute(text("UPDATE claims SET frame = NULL, measure_id = NULL, period_role = NULL"))
            conn.execute(text("DELETE FROM claim_relations"))
        assert led.unframed_documents() == {1}
        assert all(r.frame is None and r.period_role is None for r in led.claims())
        s = reextract(led)
        assert (s.documents, s.updated, s.added, s.removed) == (1, len(want), 0, 0)
        assert {r.id: (r.frame, r.period_role) for r in led.claims()} == want
        assert led.unframed_documents() == set()
        assert reextract(led).current == 1


def test_reextract_keeps_a_rated_claim_it_no_longer_finds(tmp_path: Path) -> None:
    # Only the claim_ratings row marks it (no audit event): the rating alone must keep it.
    from claimledger.models import Document

    with Ledger(str(tmp_path / "r.db")) as led:
        add_document(led, Document(text=news(2), id="n2", published="2024-01-01"))
        with led.engine.begin() as conn:
            conn.execute(text("UPDATE documents SET extractor = 'old.v0'"))
            conn.execute(text("UPDATE claims SET extractor = 'old.v0'"))
            for cid in ("stale-machine", "stale-rated"):
                conn.execute(
                    text(
                        "INSERT INTO claims (id, document_id, seq, kind, subject, sent_start, sent_end, "
                        "sentence, cues, extractor) "
                        "VALUES (:i, 1, 99, 'status', 's', 0, 5, 'Repor', '[]', 'old.v0')"
                    ),
                    {"i": cid},
                )
            conn.execute(
                text(
                    "INSERT INTO claim_ratings (claim_id, label, value, best, worst, scale, ruling, "
                    "reviewer, rated_at) VALUES ('stale-rated', 'Accurate', 5, 5, 1, 'd', 'r', 'ann', 't')"
                )
            )
        s = reextract(led)
        assert (s.removed, s.kept) == (1, 1)
        after = {r.id for r in led.claims()}
        assert "stale-rated" in after and "stale-machine" not in after
        with led.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM claim_ratings")).scalar() == 1
