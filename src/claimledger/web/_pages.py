"""Read routes: every page, and its JSON twin at the same URL plus ``.json``.

Each pair shares one query function from ``_queries``, so the page shows exactly what the
JSON says.  JSON routes are declared first: ``/claims/{id}`` would otherwise swallow
``/claims/abc.json`` as the id ``abc.json``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse
from fastapi.types import DecoratedCallable
from pydantic import BaseModel

from claimledger.models import FINDING_TYPES as _ALL_FINDING_TYPES
from claimledger.models import KINDS
from claimledger.review import PROMISE_STATUSES, REVIEW_STATES, rating_scale
from claimledger.web import _chart, _insights, _models, _queries
from claimledger.web._context import WebState, render, state
from claimledger.web._highlight import highlight
from claimledger.web._security import WebError
from claimledger.web._upload import upload_info

router = APIRouter()
JSON: list[str | Enum] = ["JSON pages"]
FINDING_TYPES = _ALL_FINDING_TYPES
SEVERITIES = ("error", "warning", "info")
#: The severity filters of the findings list: warnings and errors by default, every
#: finding (notes too) one click away, or one severity.
SEVERITY_FILTERS = ("flagged", "all", *SEVERITIES)
Page = Annotated[int, Query(ge=1, le=1_000_000, description="1-based page number")]
PerPage = Annotated[int, Query(ge=1, le=_queries.MAX_PER_PAGE, description="rows per page")]


def _opt(
    value: str | None, name: str, choices: tuple[str, ...] | None = None, max_len: int = 200
) -> str | None:
    """Empty form fields mean "any"; anything else must be a known value (422 if not)."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    if len(v) > max_len:
        raise WebError(422, "invalid_parameter", f"{name} is longer than {max_len} characters")
    if choices is not None and v not in choices:
        raise WebError(422, "invalid_parameter", f"{name} must be one of: {', '.join(choices)}")
    return v


def _targets(ws: WebState) -> list[tuple[str, str | None, str, str]]:
    """Every target with its promise status, cached until the ledger changes."""
    return ws.cache.get(("promise_targets",), lambda: _insights.promise_targets(ws.engine))


def _overview(ws: WebState) -> dict[str, Any]:
    # The overview counts promise statuses in SQL; it does not need every target's row.
    return ws.cache.get(("overview",), lambda: _insights.overview(ws.engine))


def _claims(ws: WebState, params: dict[str, Any]) -> dict[str, Any]:
    return ws.cache.get(
        ("claims", *sorted(params.items())),
        lambda: _queries.list_claims(ws.engine, **params, cache=ws.cache),
    )


def _found(
    ws: WebState, what: str, ident: int | str, compute: Callable[[], dict[str, Any] | None]
) -> dict[str, Any]:
    """A document, claim or indicator (``what``) from the cache, or the 404 (E022) when
    there is none."""
    data = ws.cache.get((what, ident), compute)
    if data is None:
        raise WebError(404, "E022", f"no {what} with id {ident}")
    return data


def _with_chart(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is not None:
        data["chart"] = _chart.figure(data["claims"], data.pop("official", None), data["findings"])
    return data


def _indicators(ws: WebState, q: str | None, page: int, per_page: int) -> dict[str, Any]:
    return ws.cache.get(
        ("indicators", q, page, per_page),
        lambda: _insights.list_indicators(ws.engine, q=q, page=page, per_page=per_page),
    )


def claims_params(
    q: Annotated[str | None, Query(description="full-text search in sentences and subjects")] = None,
    kind: Annotated[str | None, Query(description="achievement | status | target | forecast")] = None,
    unit: Annotated[str | None, Query(description="unit code, e.g. KZT, %, km")] = None,
    period: Annotated[str | None, Query(description="period, e.g. 2024 or 2026/2028")] = None,
    document: Annotated[str | None, Query(description="document id")] = None,
    state: Annotated[str | None, Query(description="machine | accepted | corrected | rejected")] = None,
    sort: Annotated[
        str | None, Query(description="document | kind | subject | period | value | unit | state")
    ] = None,
    order: Annotated[str | None, Query(description="asc | desc")] = None,
    page: Page = 1,
    per_page: PerPage = _queries.DEFAULT_PER_PAGE,
    after: Annotated[
        str | None,
        Query(
            description="keyset cursor: the page after a previous page (its next_after); page is then ignored"
        ),
    ] = None,
) -> dict[str, Any]:
    doc = _opt(document, "document")
    doc_id = _models.parse_id(doc) if doc is not None else None
    if doc is not None and doc_id is None:
        raise WebError(
            422, "invalid_parameter", f"document must be a document id (a number from 1 to {_models.MAX_ID})"
        )
    return {
        "q": _opt(q, "q"),
        "kind": _opt(kind, "kind", KINDS),
        "unit": _opt(unit, "unit", max_len=40),
        "period": _opt(period, "period", max_len=40),
        "document": doc_id,
        "state": _opt(state, "state", REVIEW_STATES),
        "sort": _opt(sort, "sort", tuple(_queries.CLAIM_SORTS)) or "document",
        "order": _opt(order, "order", ("asc", "desc")) or "asc",
        "page": page,
        "per_page": per_page,
        "after": _opt(after, "after", max_len=2000),
    }


ClaimsParams = Annotated[dict[str, Any], Depends(claims_params)]


def _json(
    path: str, model: type[BaseModel], summary: str
) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """A JSON twin: documented in the OpenAPI under "JSON pages" with its answer model."""
    return router.get(path, response_model=model, tags=JSON, summary=summary)


def _page(path: str) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """An HTML page: left out of the OpenAPI (its JSON twin is there)."""
    return router.get(path, response_class=HTMLResponse, include_in_schema=False)


# --- overview -----------------------------------------------------------------------------


@_json("/index.json", _models.Overview, "Overview (the / page)")
def overview_json(request: Request) -> dict[str, Any]:
    return _overview(state(request))


@_page("/")
def overview_page(request: Request) -> HTMLResponse:
    data = _overview(state(request))
    return render(request, "overview.html", {"data": data, "json_href": "/index.json", "nav": "overview"})


# --- documents ----------------------------------------------------------------------------


@_json("/documents.json", _models.DocumentsPage, "Documents")
def documents_json(request: Request, page: Page = 1, per_page: PerPage = _queries.DEFAULT_PER_PAGE) -> Any:
    return _queries.list_documents(state(request).engine, page=page, per_page=per_page)


@_page("/documents")
def documents_page(request: Request, page: Page = 1, per_page: PerPage = _queries.DEFAULT_PER_PAGE) -> Any:
    data = _queries.list_documents(state(request).engine, page=page, per_page=per_page)
    params = {"per_page": per_page if per_page != _queries.DEFAULT_PER_PAGE else None}
    return render(
        request,
        "documents.html",
        {"data": data, "params": params, "nav": "documents", "json_href": f"/documents.json?page={page}"},
    )


def _document(request: Request, doc_id: int) -> dict[str, Any]:
    ws = state(request)
    return _found(ws, "document", doc_id, lambda: _queries.get_document(ws.engine, doc_id))


@_json(
    "/documents/{doc_id}.json",
    _models.DocumentDetail,
    "A document: full text and its claims with their spans",
)
def document_json(request: Request, doc_id: _models.DocId) -> Any:
    return _document(request, doc_id)


@_page("/documents/{doc_id}")
def document_page(request: Request, doc_id: _models.DocId) -> Any:
    data = _document(request, doc_id)
    marked = highlight(data["document"]["text"], data["claims"])
    kinds = {k: sum(1 for c in data["claims"] if c["kind"] == k) for k in KINDS}
    return render(
        request,
        "document.html",
        {
            "data": data,
            "marked": marked,
            "kinds": kinds,
            "nav": "documents",
            "json_href": f"/documents/{doc_id}.json",
        },
    )


# --- claims -------------------------------------------------------------------------------


@_json("/claims.json", _models.ClaimsPage, "Claims: filter, search, sort")
def claims_json(request: Request, params: ClaimsParams) -> Any:
    ws = state(request)
    return _claims(ws, params)


@_page("/claims")
def claims_page(request: Request, params: ClaimsParams) -> Any:
    ws = state(request)
    data = _claims(ws, params)
    shown = {k: v for k, v in params.items() if k not in ("page", "after")}
    shown["sort"] = None if shown["sort"] == "document" else shown["sort"]
    shown["order"] = None if shown["order"] == "asc" else shown["order"]
    shown["per_page"] = None if shown["per_page"] == _queries.DEFAULT_PER_PAGE else shown["per_page"]
    query = str(request.url.query)
    return render(
        request,
        "claims.html",
        {
            "data": data,
            "params": shown,
            "facets": ws.cache.get(("facets",), lambda: _queries.claim_facets(ws.engine)),
            "nav": "claims",
            "sort": params["sort"],
            "order": params["order"],
            "json_href": "/claims.json" + (f"?{query}" if query else ""),
        },
    )


def _claim(request: Request, claim_id: str) -> dict[str, Any]:
    if len(claim_id) > 200:
        raise WebError(404, "E022", "no such claim")
    ws = state(request)
    return _found(ws, "claim", claim_id, lambda: _insights.get_claim(ws.engine, claim_id))


@_json(
    "/claims/{claim_id}.json",
    _models.ClaimDetail,
    "A claim: effective and machine values, links, findings, promise, audit log",
)
def claim_json(request: Request, claim_id: str) -> Any:
    return _claim(request, claim_id)


@_page("/claims/{claim_id}")
def claim_page(request: Request, claim_id: str) -> Any:
    return render_claim(request, claim_id)


def render_claim(
    request: Request,
    claim_id: str,
    *,
    form: str | None = None,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The claim page; after a review form's error (``status`` 422), that ``form``
    ("review" or "rate") is shown again with what was ``typed`` and each error next to
    its field (``errors``: field -> coded message; ``"form"`` for the form as a whole)."""
    data = _claim(request, claim_id)
    c = data["claim"]
    sentence = c["sentence"]
    rel = dict(c)
    if c["quantity"] and c["quantity"]["start"] is not None:
        # Offsets relative to the sentence, to highlight the figure inside the quote.
        rel = {
            **c,
            "quantity": {
                **c["quantity"],
                "start": c["quantity"]["start"] - sentence["start"],
                "end": c["quantity"]["end"] - sentence["start"],
            },
        }
    else:
        rel = {**c, "sentence": {**sentence, "start": 0, "end": len(sentence["text"])}}
    marked = highlight(sentence["text"], [rel])
    return render(
        request,
        "claim.html",
        {
            "data": data,
            "marked": marked,
            "nav": "claims",
            "kinds": KINDS,
            "qualifiers": ("exact", "approx", "at_least", "at_most", "range"),
            "statuses": PROMISE_STATUSES,
            "scale": rating_scale(),
            "json_href": f"/claims/{claim_id}.json",
            "typed": {form: typed or {}} if form else {},
            "errors": {form: errors or {}} if form else {},
        },
        status=status,
    )


# --- indicators ---------------------------------------------------------------------------


@_json("/indicators.json", _models.IndicatorsPage, "Indicators")
def indicators_json(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="name contains")] = None,
    page: Page = 1,
    per_page: PerPage = _queries.DEFAULT_PER_PAGE,
) -> Any:
    return _indicators(state(request), _opt(q, "q"), page, per_page)


@_page("/indicators")
def indicators_page(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Page = 1,
    per_page: PerPage = _queries.DEFAULT_PER_PAGE,
) -> Any:
    data = _indicators(state(request), _opt(q, "q"), page, per_page)
    return render(
        request,
        "indicators.html",
        {"data": data, "params": {"q": _opt(q, "q")}, "nav": "indicators", "json_href": "/indicators.json"},
    )


def _indicator(request: Request, ind_id: int) -> dict[str, Any]:
    ws = state(request)
    return _found(ws, "indicator", ind_id, lambda: _with_chart(_insights.get_indicator(ws.engine, ind_id)))


@_json(
    "/indicators/{ind_id}.json",
    _models.IndicatorDetail,
    "An indicator: its claims by period, findings, chart spec (plotly) and audit log",
)
def indicator_json(request: Request, ind_id: _models.IndicatorId) -> Any:
    return _indicator(request, ind_id)


@_page("/indicators/{ind_id}")
def indicator_page(request: Request, ind_id: _models.IndicatorId) -> Any:
    data = _indicator(request, ind_id)
    chart = {"data": data["chart"]["data"], "layout": data["chart"]["layout"]}
    return render(
        request,
        "indicator.html",
        {"data": data, "chart": chart, "nav": "indicators", "json_href": f"/indicators/{ind_id}.json"},
    )


# --- promises and findings ----------------------------------------------------------------


def _board(request: Request, status: str | None, page: int) -> dict[str, Any]:
    return _board_data(state(request), _opt(status, "status", PROMISE_STATUSES), page)


def _board_data(ws: WebState, st: str | None, page: int) -> dict[str, Any]:
    return ws.cache.get(
        ("board", st, page),
        lambda: _insights.promise_board(ws.engine, status=st, page=page, targets=lambda: _targets(ws)),
    )


def warm(ws: WebState) -> None:
    """Compute the costly aggregates ahead of the next request (after a write)."""
    _overview(ws)
    _board_data(ws, None, 1)


@_json("/promises.json", _models.PromiseBoard, "Promise board")
def promises_json(
    request: Request,
    status: Annotated[str | None, Query(description="one status column")] = None,
    page: Page = 1,
) -> Any:
    return _board(request, status, page)


@_page("/promises")
def promises_page(request: Request, status: str | None = None, page: Page = 1) -> Any:
    data = _board(request, status, page)
    return render(
        request,
        "promises.html",
        {
            "data": data,
            "nav": "promises",
            "statuses": PROMISE_STATUSES,
            "json_href": "/promises.json" + (f"?status={data['status']}" if data["status"] else ""),
        },
    )


def _findings(
    request: Request,
    type: str | None,
    severity: str | None,
    page: int,
    per_page: int,
    id: str | None = None,
    document: str | None = None,
    after: str | None = None,
) -> Any:
    ws = state(request)
    one, doc = _opt(id, "id", max_len=40), _opt(document, "document")
    d = _models.parse_id(doc) if doc is not None else None
    if doc is not None and d is None:
        raise WebError(
            422, "invalid_parameter", f"document must be a document id (a number from 1 to {_models.MAX_ID})"
        )
    # One finding's address, or a document's findings, shows notes too: a link must never
    # land on a page that hides what it points at.
    default = "all" if one or doc else "flagged"
    t, sev = _opt(type, "type", FINDING_TYPES), _opt(severity or default, "severity", SEVERITY_FILTERS)
    data = ws.cache.get(
        ("findings", t, sev, one, d, page, per_page, after),
        lambda: _insights.list_findings(
            ws.engine, type=t, severity=sev, id=one, document=d, page=page, per_page=per_page, after=after
        ),
    )
    # not cached: the background checks may start or end without a commit to the ledger
    return {**data, "rechecking": ws.rechecker.running}


FindingId = Annotated[str | None, Query(description="one finding: its own address")]
FindingDoc = Annotated[str | None, Query(description="the findings citing a claim of this document id")]


@_json("/findings.json", _models.FindingsPage, "Findings of the checkers")
def findings_json(
    request: Request,
    type: Annotated[
        str | None, Query(description="contradiction | arithmetic | feasibility | promise | revision")
    ] = None,
    severity: Annotated[
        str | None,
        Query(description="flagged (warnings and errors, the default) | all | error | warning | info"),
    ] = None,
    id: FindingId = None,
    document: FindingDoc = None,
    page: Page = 1,
    per_page: PerPage = _queries.DEFAULT_PER_PAGE,
    after: Annotated[
        str | None, Query(description="keyset cursor: the page after a previous page (its next_after)")
    ] = None,
) -> Any:
    return _findings(
        request, type, severity, page, per_page, id, document, _opt(after, "after", max_len=2000)
    )


@_page("/findings")
def findings_page(
    request: Request,
    type: str | None = None,
    severity: str | None = None,
    id: FindingId = None,
    document: FindingDoc = None,
    page: Page = 1,
    per_page: PerPage = _queries.DEFAULT_PER_PAGE,
) -> Any:
    data = _findings(request, type, severity, page, per_page, id, document)
    return render(
        request,
        "findings.html",
        {
            "data": data,
            "nav": "findings",
            "types": FINDING_TYPES,
            "severities": SEVERITIES,
            "params": {k: data["filters"][k] for k in ("type", "severity", "id", "document")},
            "json_href": "/findings.json" + (f"?{request.url.query}" if request.url.query else ""),
        },
    )


# --- audit log ----------------------------------------------------------------------------

AuditAction = Annotated[
    str | None, Query(description="only events of this action: " + " | ".join(_insights.AUDIT_ACTIONS))
]


def _audit(request: Request, action: str | None, page: int, per_page: int) -> dict[str, Any]:
    act = _opt(action, "action", _insights.AUDIT_ACTIONS)
    return _insights.audit_page(state(request).engine, page=page, per_page=per_page, action=act)


@_json("/audit.json", _models.AuditPage, "The audit log: every review event, newest first")
def audit_json(
    request: Request,
    action: AuditAction = None,
    page: Page = 1,
    per_page: PerPage = _queries.DEFAULT_PER_PAGE,
) -> Any:
    return _audit(request, action, page, per_page)


@router.get(
    "/audit.csv",
    response_class=StreamingResponse,
    tags=JSON,
    summary="The whole audit log as CSV, oldest first",
    responses={200: {"content": {"text/csv": {}}}},
)
def audit_csv(request: Request) -> StreamingResponse:
    base = str(request.base_url).rstrip("/")

    def lines() -> Iterator[str]:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        for row in _insights.audit_csv_rows(state(request).engine, base):
            w.writerow(row)
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()

    return StreamingResponse(
        lines(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="claimledger-audit.csv"'},
    )


@_page("/audit")
def audit_page(
    request: Request, action: str | None = None, page: Page = 1, per_page: PerPage = _queries.DEFAULT_PER_PAGE
) -> Any:
    data = _audit(request, action, page, per_page)
    params = {
        "action": data["action"],
        "per_page": per_page if per_page != _queries.DEFAULT_PER_PAGE else None,
    }
    return render(
        request,
        "audit.html",
        {
            "data": data,
            "params": params,
            "actions": _insights.AUDIT_ACTIONS,
            "nav": "audit",
            "json_href": "/audit.json" + (f"?{request.url.query}" if request.url.query else ""),
        },
    )


# --- upload form, API docs, sign-in -------------------------------------------------------


@_json("/upload.json", _models.UploadInfo, "Upload limits")
def upload_json(request: Request) -> Any:
    return upload_info(state(request).max_request_bytes)


@_page("/upload")
def upload_page(request: Request) -> Any:
    return render(
        request,
        "upload.html",
        {"info": upload_info(state(request).max_request_bytes), "nav": "upload", "json_href": "/upload.json"},
    )


@_page("/docs")
def api_docs(request: Request) -> Any:
    """The OpenAPI document rendered as a page (served locally; no CDN assets)."""
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "required": p.get("required", False),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            body = op.get("requestBody", {}).get("content", {})
            ok = op.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "tag": (op.get("tags") or ["other"])[0],
                    "params": params,
                    "body": "; ".join(_body_fields(spec, ctype, schema) for ctype, schema in body.items()),
                    "schema": ok.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1],
                }
            )
    return render(
        request, "apidocs.html", {"ops": ops, "spec": spec, "nav": "docs", "json_href": "/openapi.json"}
    )


def _body_fields(spec: dict[str, Any], ctype: str, content: dict[str, Any]) -> str:
    """``application/json: reviewer, note, status`` from a request body's schema."""
    schema = content.get("schema", {})
    ref = schema.get("$ref", "")
    if ref:
        schema = spec.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[-1], {})
    required = set(schema.get("required", []))
    fields = [f"{name}*" if name in required else name for name in schema.get("properties", {})]
    return f"{ctype}: {', '.join(fields)}" if fields else ctype


@_page("/login")
def login_page(request: Request) -> Any:
    return render(request, "login.html", {"nav": "login"})
