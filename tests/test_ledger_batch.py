"""``Ledger.store_documents``: a batch of documents in one transaction (SQLite here; the
same calls on PostgreSQL, with many writers, in ``test_scale_postgres.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import text

from claimledger.extract.pipeline import EXTRACTOR
from claimledger.ledger import Ledger
from claimledger.models import Claim, Document
from claimledger.pipeline import extract_document
from test_ledger_ingest import news


def _batch(n: int, start: int = 0) -> list[tuple[Document, list[Claim]]]:
    docs = [Document(text=news(i), id=f"n{i}.txt", published="2024-03-01") for i in range(start, start + n)]
    return [(d, extract_document(d)) for d in docs]


def ledger_rows(led: Ledger) -> dict[str, list[Any]]:
    """Every stored row, keyed by content (documents by hash, not by their row id)."""
    with led.engine.connect() as conn:
        docs = sorted(
            tuple(r)
            for r in conn.execute(
                text("SELECT hash, doc_key, title, published, format, text, extractor FROM documents")
            )
        )
        claims = sorted(
            (r[0], *r[2:])
            for r in conn.execute(
                text(
                    "SELECT d.hash, c.document_id, c.id, c.seq, c.kind, c.subject, c.period, c.q_text, "
                    "c.value, c.unit, c.cues, c.frame, c.measure_id, c.period_role FROM claims c "
                    "JOIN documents d ON d.id = c.document_id"
                )
            )
        )
        relations = sorted(tuple(r) for r in conn.execute(text("SELECT * FROM claim_relations")))
    return {"documents": docs, "claims": claims, "relations": relations}


def test_a_batch_stores_what_one_document_at_a_time_stores(tmp_path: Path) -> None:
    batch = _batch(5)
    with Ledger(str(tmp_path / "one.db")) as one, Ledger(str(tmp_path / "batch.db")) as many:
        singly = [one.store_document(d, cs, extractor=EXTRACTOR) for d, cs in batch]
        together = many.store_documents(batch, extractor=EXTRACTOR)
        assert [(r.status, r.claims, r.doc_key, r.hash) for r in together] == [
            (r.status, r.claims, r.doc_key, r.hash) for r in singly
        ]
        assert all(r.status == "ingested" and r.claims > 0 for r in together)
        assert ledger_rows(many) == ledger_rows(one)


def test_a_text_met_twice_is_stored_once_and_a_rerun_stores_nothing(tmp_path: Path) -> None:
    batch = _batch(3)
    twice = [*batch, (Document(text=batch[0][0].text, id="copy.txt"), batch[0][1])]
    with Ledger(str(tmp_path / "l.db")) as led:
        first = led.store_documents(twice, extractor=EXTRACTOR)
        assert [r.status for r in first] == ["ingested", "ingested", "ingested", "duplicate"]
        assert first[3].document_id == first[0].document_id and first[3].claims == 0
        before = ledger_rows(led)
        again = led.store_documents([*_batch(2, start=2), *batch], extractor=EXTRACTOR)
        assert [r.status for r in again] == ["duplicate", "ingested", "duplicate", "duplicate", "duplicate"]
        after = ledger_rows(led)
        assert len(after["documents"]) == len(before["documents"]) + 1
        assert set(before["claims"]) <= set(after["claims"])
