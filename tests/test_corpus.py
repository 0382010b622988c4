"""The bundled demo corpus: well-formed documents that show what the tool is for."""

from __future__ import annotations

from datetime import date

import pytest

from claimledger import extract
from claimledger.corpus import corpus_dir, load_corpus, parse_document
from claimledger.models import Claim

REQUIRED = ("title", "date", "source", "speaker")


def _claims() -> dict[str, list[Claim]]:
    return {d.id: extract(d.text, d.published, source=d.id) for d in load_corpus()}


def test_every_document_has_its_header() -> None:
    files = sorted(corpus_dir().glob("*.txt"))
    assert len(files) >= 4
    for p in files:
        head = p.read_text(encoding="utf-8").partition("\n---\n")[0]
        keys = {line.partition(":")[0].strip().lower() for line in head.splitlines() if line.strip()}
        assert set(REQUIRED) <= keys, f"{p.name}: header lacks {set(REQUIRED) - keys}"
        doc = parse_document(p.read_text(encoding="utf-8"), p.name)
        assert doc.published is not None
        date.fromisoformat(doc.published)
        assert doc.text.strip()


def test_documents_come_from_several_countries_and_styles() -> None:
    speakers = {d.speaker for d in load_corpus()}
    assert len(speakers) >= 3
    assert any("Kazakhstan" in (s or "") for s in speakers)
    assert any("Kazakhstan" not in (s or "") for s in speakers)


def test_every_document_yields_claims_of_several_kinds() -> None:
    kinds = set()
    for doc_id, claims in _claims().items():
        assert claims, doc_id
        kinds |= {c.kind for c in claims}
    assert kinds == {"achievement", "status", "target", "forecast"}


def test_the_2026_budget_is_stated_twice_with_different_values() -> None:
    claims = _claims()["kz-2024-01-interview.txt"]
    spending_2026 = {
        c.quantity.value
        for c in claims
        if c.quantity is not None
        and c.period == "2026"
        and c.quantity.unit == "KZT"
        and "spending" in c.subject
    }
    assert len(spending_2026) >= 2, spending_2026


@pytest.mark.parametrize("subject", ["republican budget spending", "budget deficit"])
def test_a_later_document_reports_outcomes_of_earlier_targets(subject: str) -> None:
    claims = _claims()
    targets = {(c.subject, c.period) for c in claims["kz-2024-01-interview.txt"] if c.kind == "target"}
    outcomes = {
        (c.subject, c.period) for c in claims["kz-2025-02-promises-review.txt"] if c.kind == "achievement"
    }
    assert (subject, "2024") in targets & outcomes


def test_commitments_without_numbers_are_found() -> None:
    claims = _claims()["kz-2024-01-interview.txt"]
    assert any(c.quantity is None and c.kind == "target" and c.period == "2024" for c in claims)
