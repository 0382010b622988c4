"""Exports: JSON Lines, CSV and schema.org ClaimReview JSON-LD.

Reads: effective claims (``Ledger.iter_claims``, as ``ClaimRecord``), their documents, the
indicator and findings each claim belongs to, and ``claim_ratings`` (reviewers' verdicts).
Writes: text to a stream.  Records are streamed; what is held in memory is one small tuple
per linked claim (its indicator, its finding ids, its rating), not the claims.

The CSV and JSON lines carry what a newsroom needs to use a row on its own: the document's
title, speaker and address, the indicator, the frame (measure, entity, basis, status,
attribution), the ids of the findings that cite the claim, the reviewer's verdict and the
claim's page on the dashboard (``base_url`` + ``/claims/<id>``).

ClaimReview (schema.org, as Google documents it for fact checks): one review per claimed
sentence that a reviewer rated, never one per figure; rejected claims are never exported.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from sqlalchemy import select

from claimledger.errors import LedgerError
from claimledger.ledger._filter import ClaimFilter
from claimledger.ledger._ratings import all_ratings
from claimledger.ledger._rows import ClaimRating, ClaimRecord, StoredDocument
from claimledger.ledger.schema import finding_claims, indicator_claims, indicators
from claimledger.resources.review import ORGANISATION_WORDS, PERSON_TITLES

if TYPE_CHECKING:
    from claimledger.ledger._ledger import Ledger

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMATS",
    "ExportOptions",
    "check_claimreview_options",
    "claim_href",
    "claim_review",
    "export",
    "iter_claim_reviews",
    "json_record",
    "speaker_type",
    "write_claimreview",
    "write_csv",
    "write_jsonl",
]

EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "claimreview")

#: CSV columns: the extraction contract flattened, then its document, indicator, frame,
#: findings, verdict and dashboard link.  Lists are joined with "; ".
CSV_COLUMNS: tuple[str, ...] = (
    "doc", "id", "kind", "subject", "period", "sentence_start", "sentence_end", "sentence",
    "q_text", "q_start", "q_end", "value", "low", "high", "qualifier", "unit", "noun", "cues",
    "extractor", "review_state", "published",
    "document_title", "speaker", "source", "url",
    "indicator_id", "indicator",
    "measure", "entity", "entity_type", "basis", "status", "attribution",
    "finding_ids", "rating", "rating_value", "link",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What an export needs besides the claims: the dashboard's address (links; required
    and absolute for ClaimReview), the publishing organisation (ClaimReview's ``author``),
    and whether ClaimReview includes claims nobody has rated (drafts without a rating)."""

    base_url: str | None = None
    publisher: str | None = None
    publisher_url: str | None = None
    include_unrated: bool = False


@dataclass(frozen=True, slots=True)
class _Links:
    """Per claim id: its indicator (id, name), its finding ids and its rating."""

    indicator: dict[str, tuple[int, str]]
    findings: dict[str, list[str]]
    ratings: dict[str, ClaimRating]


def _links(ledger: Ledger) -> _Links:
    with ledger.engine.connect() as conn:
        ind = {
            cid: (iid, name)
            for cid, iid, name in conn.execute(
                select(indicator_claims.c.claim_id, indicators.c.id, indicators.c.name).join(
                    indicators, indicators.c.id == indicator_claims.c.indicator_id
                )
            )
        }
        found: dict[str, list[str]] = {}
        stmt = select(finding_claims.c.claim_id, finding_claims.c.finding_id).order_by(
            finding_claims.c.claim_id, finding_claims.c.finding_id
        )
        for cid, fid in conn.execute(stmt):
            found.setdefault(cid, []).append(fid)
        return _Links(ind, found, all_ratings(conn))


def claim_href(claim_id: str, base_url: str | None) -> str:
    """The claim's page on the dashboard: ``base_url`` + ``/claims/<id>`` (relative without one)."""
    return f"{(base_url or '').rstrip('/')}/claims/{quote(claim_id, safe='')}"


def _published(r: ClaimRecord) -> str | None:
    return r.published.isoformat() if r.published else None


def _frame_fields(r: ClaimRecord) -> dict[str, Any]:
    fr = r.frame
    return {
        "measure": r.measure_id,
        "entity": r.entity_id,
        "entity_type": r.entity_type,
        "basis": None if fr is None else list(fr.basis),
        "status": r.status,
        "attribution": r.attribution_id,
    }


def json_record(
    r: ClaimRecord,
    doc: StoredDocument | None = None,
    links: _Links | None = None,
    base_url: str | None = None,
) -> dict[str, Any]:
    """The JSON line of a claim: the extraction contract, its review state and date, then
    (with ``doc`` and ``links``) its document, indicator, frame fields, finding ids, rating
    and dashboard link."""
    d = r.to_claim().to_dict()
    d["review_state"] = r.review_state
    d["published"] = _published(r)
    if doc is None or links is None:
        return d
    ind = links.indicator.get(r.id)
    rating = links.ratings.get(r.id)
    d["document"] = {"title": doc.title, "speaker": doc.speaker, "source": doc.source, "url": doc.url}
    d["indicator"] = None if ind is None else {"id": ind[0], "name": ind[1]}
    d.update(_frame_fields(r))
    d["finding_ids"] = links.findings.get(r.id, [])
    d["rating"] = None if rating is None else {"label": rating.label, "value": rating.value}
    d["link"] = claim_href(r.id, base_url)
    return d


def write_jsonl(
    records: Iterable[ClaimRecord],
    out: IO[str],
    docs: dict[int, StoredDocument] | None = None,
    links: _Links | None = None,
    base_url: str | None = None,
) -> int:
    n = 0
    for r in records:
        doc = None if docs is None else docs.get(r.document_id)
        out.write(json.dumps(json_record(r, doc, links, base_url), ensure_ascii=False) + "\n")
        n += 1
    return n


def _csv_row(r: ClaimRecord, doc: StoredDocument, links: _Links, base_url: str | None) -> list[Any]:
    ind = links.indicator.get(r.id)
    rating = links.ratings.get(r.id)
    fr = _frame_fields(r)
    return [
        r.doc, r.id, r.kind, r.subject, r.period, r.sent_start, r.span.end, r.sentence, r.q_text,
        r.q_start, r.q_end, r.value, r.low, r.high, r.qualifier, r.unit, r.noun, "; ".join(r.cues),
        r.extractor, r.review_state, _published(r),
        doc.title, doc.speaker, doc.source, doc.url,
        None if ind is None else ind[0], None if ind is None else ind[1],
        fr["measure"], fr["entity"], fr["entity_type"], "; ".join(fr["basis"] or ()), fr["status"],
        fr["attribution"], "; ".join(links.findings.get(r.id, ())),
        None if rating is None else rating.label, None if rating is None else rating.value,
        claim_href(r.id, base_url),
    ]  # fmt: skip


def write_csv(
    records: Iterable[ClaimRecord],
    out: IO[str],
    docs: dict[int, StoredDocument],
    links: _Links,
    base_url: str | None = None,
) -> int:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    n = 0
    for r in records:
        w.writerow(_csv_row(r, docs[r.document_id], links, base_url))
        n += 1
    return n


# --- ClaimReview ----------------------------------------------------------------------------


def speaker_type(speaker: str) -> str:
    """``Person`` or ``Organization``: who a document's speaker is, by its words
    (``resources.review``: a person's title first wins, then an organisation's kind)."""
    words = "".join(ch if ch.isalnum() else " " for ch in speaker.casefold()).split()
    text = " ".join(words)
    if any(text == t or text.startswith(t + " ") for t in PERSON_TITLES):
        return "Person"
    padded = f" {text} "
    return "Organization" if any(f" {w} " in padded for w in ORGANISATION_WORDS) else "Person"


def _absolute(url: str | None, what: str) -> str:
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LedgerError("E063", f"{what} must be an absolute http(s) address, got {url!r}")
    return str(url)


def claim_review(
    r: ClaimRecord, doc: StoredDocument, rating: ClaimRating | None, opts: ExportOptions
) -> dict[str, Any]:
    """One schema.org ClaimReview of the sentence of ``r`` (``rating``: the verdict on it;
    ``None`` only for drafts, which then have no ``reviewRating``)."""
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
        # Without a speaker the claim has no author: the document's source is who published
        # it (a wire, a website), and naming it as the claimant would misattribute the claim.
        item["author"] = {"@type": speaker_type(doc.speaker), "name": doc.speaker}
    if doc.published:
        item["datePublished"] = doc.published
    author: dict[str, Any] = {"@type": "Organization", "name": opts.publisher}
    if opts.publisher_url:
        author["url"] = opts.publisher_url
    # No ``identifier``: schema.org lets it be a URL, so a JSON-LD processor may read a bare
    # claim id as a relative address; the claim id is the last segment of ``url``.
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_href(r.id, opts.base_url),
        "claimReviewed": r.sentence,
        "itemReviewed": item,
        "author": author,
    }
    if rating is not None:
        review["datePublished"] = rating.rated_at[:10]
        review["reviewBody"] = rating.ruling
        stars: dict[str, Any] = {"@type": "Rating", "alternateName": rating.label}
        if rating.value is not None:
            stars["ratingValue"] = _number(rating.value)
        if rating.best is not None and rating.worst is not None:
            stars["bestRating"] = _number(rating.best)
            stars["worstRating"] = _number(rating.worst)
        review["reviewRating"] = stars
    return review


def _number(v: float) -> int | float:
    return int(v) if v.is_integer() else v


def _newest(rated: list[tuple[ClaimRecord, ClaimRating]]) -> tuple[ClaimRecord, ClaimRating]:
    """The verdict on a sentence: its newest rating (a later rating of another figure of the
    same sentence is the reviewer's latest word on it)."""
    return max(rated, key=lambda p: (p[1].rated_at, p[0].seq))


def check_claimreview_options(opts: ExportOptions) -> None:
    """E063 unless ``opts`` has a publisher and absolute http(s) addresses."""
    if not (opts.publisher or "").strip():
        raise LedgerError("E063", "name the organisation that publishes the reviews (--publisher)")
    _absolute(opts.base_url, "--base-url")
    if opts.publisher_url:
        _absolute(opts.publisher_url, "--publisher-url")


def iter_claim_reviews(
    ledger: Ledger, f: ClaimFilter | None = None, *, limit: int | None = None, opts: ExportOptions
) -> Iterator[dict[str, Any]]:
    """A ClaimReview per claimed sentence with a verdict (with ``include_unrated``, also
    per sentence without one), in document order; rejected claims never count.  ``limit``
    bounds the reviews, not the claims read.  E063 (at once, before anything is read) without
    a publisher or an absolute base URL."""
    check_claimreview_options(opts)
    return _claim_reviews(ledger, f, limit, opts)


def _claim_reviews(
    ledger: Ledger, f: ClaimFilter | None, limit: int | None, opts: ExportOptions
) -> Iterator[dict[str, Any]]:
    links = _links(ledger)
    docs = {d.id: d for d in ledger.documents()}
    live = (r for r in ledger.iter_claims(f) if r.review_state != "rejected")
    n = 0
    for _, group in itertools.groupby(live, key=lambda r: (r.document_id, r.sent_start)):
        claims = list(group)
        rated = [(r, links.ratings[r.id]) for r in claims if r.id in links.ratings]
        if rated:
            r, rating = _newest(rated)
            yield claim_review(r, docs[r.document_id], rating, opts)
        elif opts.include_unrated:
            yield claim_review(claims[0], docs[claims[0].document_id], None, opts)
        else:
            continue
        n += 1
        if limit is not None and n >= limit:
            return


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
    options: ExportOptions | None = None,
) -> int:
    """Write every (filtered) claim in ``fmt`` (jsonl | csv), or a ClaimReview per rated
    sentence (claimreview); return the count written."""
    opts = options or ExportOptions()
    if fmt == "claimreview":
        return write_claimreview(iter_claim_reviews(ledger, f, limit=limit, opts=opts), out)
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    docs = {d.id: d for d in ledger.documents()}
    links = _links(ledger)
    records = ledger.iter_claims(f, limit=limit)
    if fmt == "jsonl":
        return write_jsonl(records, out, docs, links, opts.base_url)
    return write_csv(records, out, docs, links, opts.base_url)
