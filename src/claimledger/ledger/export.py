"""Exports: JSON Lines, CSV and schema.org ClaimReview JSON-LD.

Reads: effective claims (``Ledger.iter_claims``, as ``ClaimRecord``), plus
``corrections`` and ``promise_overrides`` for the human verdicts.  Writes: text to a
stream.  Records are streamed, so exports of any size run in flat memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from claimledger.ledger._filter import ClaimFilter
from claimledger.ledger._review import all_corrections, promise_overrides_by_claim
from claimledger.ledger._rows import ClaimRecord, Correction, PromiseOverride, StoredDocument

if TYPE_CHECKING:
    from claimledger.ledger._ledger import Ledger

#: CSV columns: the extraction contract flattened, plus review state and document date.
CSV_COLUMNS: tuple[str, ...] = (
    "doc", "id", "kind", "subject", "period", "sentence_start", "sentence_end", "sentence",
    "q_text", "q_start", "q_end", "value", "low", "high", "qualifier", "unit", "noun", "cues",
    "extractor", "review_state", "published",
)  # fmt: skip

#: How each human review state is worded in a ClaimReview rating.  These describe what a
#: reviewer decided about the extracted figure; they are not truth verdicts, and claims
#: no person has reviewed get no rating at all.
REVIEW_WORDING: dict[str, str] = {
    "accepted": "Reviewed: stated as extracted",
    "corrected": "Reviewed: extraction corrected",
    "rejected": "Reviewed: not a claim",
}


def _published(r: ClaimRecord) -> str | None:
    return r.published.isoformat() if r.published else None


def json_record(r: ClaimRecord) -> dict[str, Any]:
    """The JSON line of a claim: the extraction contract plus review state and date."""
    d = r.to_claim().to_dict()
    d["review_state"] = r.review_state
    d["published"] = _published(r)
    return d


def write_jsonl(records: Iterable[ClaimRecord], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(json_record(r), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[ClaimRecord], out: IO[str]) -> int:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    n = 0
    for r in records:
        w.writerow([
            r.doc, r.id, r.kind, r.subject, r.period, r.sent_start, r.span.end, r.sentence, r.q_text,
            r.q_start, r.q_end, r.value, r.low, r.high, r.qualifier, r.unit, r.noun, "; ".join(r.cues),
            r.extractor, r.review_state, _published(r),
        ])  # fmt: skip
        n += 1
    return n


def _human_reviews(ledger: Ledger) -> tuple[dict[str, Correction], dict[str, PromiseOverride]]:
    with ledger.engine.connect() as conn:
        return all_corrections(conn), promise_overrides_by_claim(conn)


def claim_review(
    r: ClaimRecord,
    doc: StoredDocument,
    correction: Correction | None,
    promise: PromiseOverride | None,
    publisher: str,
) -> dict[str, Any]:
    """One schema.org ClaimReview for one claim.  ``reviewRating`` only when a person gave
    a verdict (a promise status or a review state); the machine never rates a claim."""
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if doc.url:
        appearance["url"] = doc.url
    if doc.title:
        appearance["name"] = doc.title
    if doc.published:
        appearance["datePublished"] = doc.published
    if doc.source:
        appearance["publisher"] = {"@type": "Organization", "name": doc.source}
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if doc.speaker:
        item["author"] = {"@type": "Person", "name": doc.speaker}
    if doc.published:
        item["datePublished"] = doc.published
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": r.id,
        "claimReviewed": r.sentence,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": publisher},
    }
    if promise is not None:
        review["reviewRating"] = {"@type": "Rating", "alternateName": f"Promise {promise.status}"}
        review["datePublished"] = str(promise.at)[:10]
        if promise.note:
            review["reviewBody"] = promise.note
    elif correction is not None and correction.state in REVIEW_WORDING:
        review["reviewRating"] = {"@type": "Rating", "alternateName": REVIEW_WORDING[correction.state]}
        review["datePublished"] = str(correction.updated_at)[:10]
    return review


def iter_claim_reviews(
    ledger: Ledger,
    f: ClaimFilter | None = None,
    *,
    limit: int | None = None,
    publisher: str = "claimledger",
) -> Iterator[dict[str, Any]]:
    corr, prom = _human_reviews(ledger)
    docs = {d.id: d for d in ledger.documents()}
    for r in ledger.iter_claims(f, limit=limit):
        yield claim_review(r, docs[r.document_id], corr.get(r.id), prom.get(r.id), publisher)


def write_claimreview(reviews: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """A JSON array of ClaimReview objects, streamed."""
    n = 0
    out.write("[")
    for r in reviews:
        out.write(",\n" if n else "\n")
        out.write(json.dumps(r, ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n


def export(
    ledger: Ledger,
    fmt: str,
    out: IO[str],
    f: ClaimFilter | None = None,
    *,
    limit: int | None = None,
    publisher: str = "claimledger",
) -> int:
    """Write every (filtered) claim in ``fmt`` (jsonl | csv | claimreview); return the count."""
    if fmt == "jsonl":
        return write_jsonl(ledger.iter_claims(f, limit=limit), out)
    if fmt == "csv":
        return write_csv(ledger.iter_claims(f, limit=limit), out)
    if fmt == "claimreview":
        return write_claimreview(iter_claim_reviews(ledger, f, limit=limit, publisher=publisher), out)
    raise ValueError(f"unknown export format {fmt!r}")
