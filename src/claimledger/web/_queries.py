"""The data behind the claims and documents pages and their JSON twins.

Reads: the ledger's claims table and document reads (``claimledger.ledger``), which own
every statement; the claims filter is the ledger's ``ClaimFilter``, so the table shows what
``claimledger claims`` prints.  Writes nothing.  Results are the JSON API's shapes
(``_models``, dumped to dicts); the HTML templates render the very same dicts, so a page
and its JSON twin cannot drift.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from claimledger import ledger
from claimledger.ledger import ClaimFilter, as_you_type
from claimledger.models import KINDS
from claimledger.review import REVIEW_STATES
from claimledger.web import _models

if TYPE_CHECKING:
    from claimledger.ledger import Engine
    from claimledger.web._cache import LedgerCache

#: The machine's own values, shown beside the reviewed ones on the claim page.
MACHINE_FIELDS = ("kind", "subject", "period", "value", "low", "high", "qualifier", "unit")

#: Page sizes: 50 rows reads comfortably on one screen; 500 caps what one request may ask
#: the database for, so a client cannot turn a page into a full table dump.
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
#: Items per column on the promise board before a "show all" link.
BOARD_LIMIT = 25
#: Promise board column order: what needs attention first.
BOARD_ORDER = ("due", "not_kept", "partly_kept", "in_progress", "not_due", "kept", "unverified")

#: Sort keys of the claims table (the ledger's; the claim id always breaks ties).
CLAIM_SORTS = tuple(ledger.CLAIM_SORT_COLUMNS)


def page_info(page: int, per_page: int, total: int) -> dict[str, int]:
    return {"page": page, "per_page": per_page, "total": total, "pages": max(1, math.ceil(total / per_page))}


def claim_filter(
    *,
    q: str | None = None,
    kind: str | None = None,
    unit: str | None = None,
    period: str | None = None,
    document: int | None = None,
    state: str | None = None,
) -> ClaimFilter:
    """The ledger's filter for the claims table's parameters.  The search box finds while
    the user types: its last word is a prefix (``as_you_type``)."""
    return ClaimFilter(
        kind=kind,
        unit=unit,
        period=period,
        doc=document,
        search=as_you_type(q) if q else None,
        review_state=state,
    )


def list_claims(
    engine: Engine,
    *,
    q: str | None = None,
    kind: str | None = None,
    unit: str | None = None,
    period: str | None = None,
    document: int | None = None,
    state: str | None = None,
    sort: str = "document",
    order: str = "asc",
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
    after: str | None = None,
    cache: LedgerCache | None = None,
) -> dict[str, Any]:
    """One page of the claims table.  Pagination is stable: rows are ordered by the sort
    key and then by claim id, which is unique, so no row is skipped or repeated.  Pages
    are numbered (``page``) or follow a cursor (``after``, keyset: a deep page costs what
    the first does); every page links to the next by cursor."""
    echo = _models.ClaimFilters(q=q, kind=kind, unit=unit, period=period, document=document, state=state)
    found = ledger.claims_page(
        engine,
        claim_filter(q=q, kind=kind, unit=unit, period=period, document=document, state=state),
        sort=sort,
        desc=order == "desc",
        offset=(page - 1) * per_page,
        limit=per_page,
        memo=cache.get if cache is not None else None,
        with_findings=True,
        after=after,
    )
    shown = {"q": q, "kind": kind, "unit": unit, "period": period, "document": document, "state": state}
    shown |= {"sort": None if sort == "document" else sort, "order": None if order == "asc" else order}
    shown["per_page"] = None if per_page == DEFAULT_PER_PAGE else per_page
    nxt = found.next_after
    link = "/claims.json?" + urlencode({k: v for k, v in shown.items() if v is not None} | {"after": nxt})
    return _models.ClaimsPage(
        claims=[
            _models.ClaimRowOut.from_record(
                r, findings=[_models.FindingRef.from_ref(f) for f in found.findings.get(r.id, [])]
            )
            for r in found.records
        ],
        pagination=_models.Pagination(**page_info(page, per_page, found.total)),
        filters=echo,
        sort=sort,
        order=order,
        after=after,
        next_after=nxt,
        links=_models.PageLinks(next=link if nxt else None),
    ).model_dump()


def claim_facets(engine: Engine) -> dict[str, list[str]]:
    """Values offered in the claims table's filter menus."""
    return {"kinds": list(KINDS), "units": ledger.claim_facets(engine), "states": list(REVIEW_STATES)}


def list_documents(engine: Engine, *, page: int = 1, per_page: int = DEFAULT_PER_PAGE) -> dict[str, Any]:
    """Documents, newest publication first (then newest ingested), with claim counts."""
    total, docs = ledger.documents_page(engine, offset=(page - 1) * per_page, limit=per_page)
    return _models.DocumentsPage(
        documents=[_models.DocumentOut.from_document(d) for d in docs],
        pagination=_models.Pagination(**page_info(page, per_page, total)),
    ).model_dump()


def get_document(engine: Engine, doc_id: int) -> dict[str, Any] | None:
    """A document, its full text and its claims in document order."""
    found = ledger.document_detail(engine, doc_id)
    if found is None:
        return None
    claims = [
        _models.DocClaimOut.from_record(
            r,
            indicators=[_models.Ref.from_indicator(i) for i in found.indicators.get(r.id, [])],
            findings=[_models.FindingRef.from_ref(f) for f in found.findings.get(r.id, [])],
        )
        for r in found.records
    ]
    doc = _models.DocumentFull.from_document(found.document, text=found.document.text or "")
    return _models.DocumentDetail(document=doc, claims=claims).model_dump()
