"""Contract tests for the JSON API: the shapes below are written out by hand (not taken
from the pydantic models), so a change to the served shape fails here until the contract
and docs/web.md are changed on purpose."""

from __future__ import annotations

from typing import Any

import pytest

#: The extraction JSON line contract (docs/json-contract.md): every claim object the API
#: serves carries these fields, plus the ledger's own.
CONTRACT_CLAIM = {
    "doc",
    "id",
    "kind",
    "subject",
    "period",
    "period_role",
    "sentence",
    "quantity",
    "cues",
    "extractor",
    "frame",
}
LEDGER_CLAIM = {"document_id", "document_title", "published", "seq", "review_state", "href"}
SENTENCE = {"start", "end", "text"}
QUANTITY = {"text", "start", "end", "value", "low", "high", "qualifier", "unit", "noun"}
PAGINATION = {"page", "per_page", "total", "pages"}
DOCUMENT = {
    "id",
    "doc_key",
    "title",
    "source",
    "url",
    "speaker",
    "published",
    "format",
    "ingested_at",
    "extractor",
    "claims",
    "href",
}
FINDING = {
    "id",
    "type",
    "severity",
    "message",
    "headline",
    "details",
    "checker",
    "created_at",
    "claims",
    "href",
}
FINDING_REF = {"id", "type", "severity", "message", "href"}
FINDING_CLAIM = {
    "id",
    "role",
    "doc",
    "document_id",
    "document_title",
    "published",
    "quote",
    "quantity",
    "kind",
    "period",
    "href",
}
INDICATOR = {
    "id",
    "key",
    "name",
    "dimension",
    "claims",
    "first_period",
    "last_period",
    "measure_id",
    "entity_id",
    "basis_key",
    "free",
    "href",
}
AUDIT = {"id", "at", "reviewer", "action", "target_type", "target_id", "note", "changes", "payload"}
ERROR = {"code", "message", "detail"}


def check_claim(c: dict[str, Any], extra: set[str] | None = None) -> None:
    assert set(c) == CONTRACT_CLAIM | LEDGER_CLAIM | (extra or set()), set(c) ^ (
        CONTRACT_CLAIM | LEDGER_CLAIM
    )
    assert set(c["sentence"]) == SENTENCE
    assert c["kind"] in ("achievement", "status", "target", "forecast")
    assert c["review_state"] in ("machine", "accepted", "corrected", "rejected")
    assert isinstance(c["cues"], list) and all(isinstance(x, str) for x in c["cues"])
    if c["quantity"] is not None:
        assert set(c["quantity"]) == QUANTITY
        assert c["quantity"]["qualifier"] in ("exact", "approx", "at_least", "at_most", "range")
    assert c["href"] == f"/claims/{c['id']}"


def check_error(r: Any, status: int, code: str | None = None) -> None:
    assert r.status_code == status, r.text[:300]
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR, body
    assert isinstance(body["error"]["code"], str) and isinstance(body["error"]["message"], str)
    if code:
        assert body["error"]["code"] == code


def test_claims_page_shape(web_ro_client: Any) -> None:
    body = web_ro_client.get("/claims.json", params={"per_page": 5}).json()
    assert set(body) == {"claims", "pagination", "filters", "sort", "order", "after", "next_after", "links"}
    assert set(body["pagination"]) == PAGINATION
    assert set(body["filters"]) == {"q", "kind", "unit", "period", "document", "state"}
    assert len(body["claims"]) == 5
    for c in body["claims"]:
        check_claim(c, {"findings"})
        for ref in c["findings"]:
            assert set(ref) == FINDING_REF


def test_documents_and_document_shape(web_ro_client: Any) -> None:
    body = web_ro_client.get("/documents.json").json()
    assert set(body) == {"documents", "pagination"}
    for d in body["documents"]:
        assert set(d) == DOCUMENT
    one = web_ro_client.get(f"{body['documents'][0]['href']}.json").json()
    assert set(one) == {"document", "claims"}
    assert set(one["document"]) == DOCUMENT | {"text"}
    for c in one["claims"]:
        check_claim(c, {"indicators", "findings"})
        for ref in c["indicators"]:
            assert set(ref) == {"id", "name", "href"}
        for ref in c["findings"]:
            assert set(ref) == FINDING_REF


def test_claim_detail_shape(web_ro_client: Any) -> None:
    c = web_ro_client.get("/claims.json", params={"kind": "target"}).json()["claims"][0]
    body = web_ro_client.get(f"/claims/{c['id']}.json").json()
    assert set(body) == {"claim", "machine", "indicators", "findings", "promise", "audit", "rating"}
    assert body["rating"] is None  # nobody has rated it (the rating's shape: tests/test_web_audit.py)
    check_claim(body["claim"])
    assert set(body["machine"]) == {"kind", "subject", "period", "value", "low", "high", "qualifier", "unit"}
    for link in body["indicators"]:
        assert set(link) == {"id", "name", "dimension", "explanation", "href"}
    assert set(body["promise"]) == {
        "status",
        "source",
        "machine_status",
        "note",
        "reviewer",
        "at",
        "evidence",
        "history",
    }
    for event in body["promise"]["history"]:  # every change of status, oldest first
        assert {"date", "status", "rule", "source"} <= set(event)


def test_indicator_shapes(web_ro_client: Any) -> None:
    body = web_ro_client.get("/indicators.json").json()
    assert set(body) == {"indicators", "pagination", "q"}
    if not body["indicators"]:
        pytest.skip("no indicators")
    for i in body["indicators"]:
        assert set(i) == INDICATOR
    one = web_ro_client.get(body["indicators"][0]["href"] + ".json").json()
    assert set(one) == {"indicator", "claims", "findings", "audit", "chart"}
    assert set(one["indicator"]) == INDICATOR
    assert set(one["chart"]) == {"data", "layout", "charted", "skipped", "official"}
    for c in one["claims"]:
        check_claim(c, {"explanation"})


def test_findings_shape(web_ro_client: Any) -> None:
    body = web_ro_client.get("/findings.json").json()
    assert set(body) == {
        "findings",
        "pagination",
        "filters",
        "counts",
        "rechecking",
        "after",
        "next_after",
        "links",
    }
    assert set(body["counts"]) == {"by_type", "by_severity"}
    assert set(body["filters"]) == {"type", "severity", "id", "document"}
    for f in body["findings"]:
        assert set(f) == FINDING
        assert f["message"].startswith(f["headline"])
        assert f["type"] in ("contradiction", "arithmetic", "feasibility", "promise")
        assert f["severity"] in ("info", "warning", "error")
        for c in f["claims"]:
            assert set(c) == FINDING_CLAIM


def test_promises_shape(web_ro_client: Any) -> None:
    body = web_ro_client.get("/promises.json").json()
    assert set(body) == {"statuses", "counts", "total", "status", "known_statuses"}
    for col in body["statuses"]:
        assert set(col) == {"status", "count", "items", "pagination"}
        for it in col["items"]:
            assert set(it) == {"claim", "status", "status_source", "deadline", "note", "reviewer", "evidence"}
            check_claim(it["claim"])
            assert it["claim"]["kind"] == "target"
            for e in it["evidence"]:
                assert set(e) == {"id", "role", "quote", "document_title", "published", "href"}


def test_overview_shape(web_ro_client: Any) -> None:
    body = web_ro_client.get("/index.json").json()
    assert set(body) == {
        "top_findings",
        "promise_board",
        "documents",
        "claims",
        "claims_by_kind",
        "claims_by_review_state",
        "indicators",
        "findings",
        "promises_by_status",
        "recent_documents",
        "recent_reviews",
    }
    for d in body["recent_documents"]:
        assert set(d) == DOCUMENT
    for f in body["top_findings"]:
        assert set(f) == FINDING
    for p in body["promise_board"]:
        assert set(p) == {"status", "label", "count", "href"}


def test_review_event_shapes(web_client: Any) -> None:
    c = web_client.get("/claims.json").json()["claims"][0]
    r = web_client.post(f"/api/claims/{c['id']}/correct", json={"period": "2030", "reviewer": "kim"})
    assert set(r.json()) == {"event_id", "action", "target_type", "target_id", "before", "after"}
    audit = web_client.get(f"/claims/{c['id']}.json").json()["audit"]
    assert set(audit[0]) == AUDIT
    assert set(audit[0]["changes"][0]) == {"field", "before", "after"}


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("get", "/claims/nope.json", {}, 404, "E022"),
        ("get", "/documents/999999.json", {}, 404, "E022"),
        ("get", "/indicators/999999.json", {}, 404, "E022"),
        ("get", "/no/such/page.json", {}, 404, "not_found"),
        ("get", "/claims.json?page=0", {}, 422, "invalid_parameter"),
        ("get", "/claims.json?per_page=100000", {}, 422, "invalid_parameter"),
        ("get", "/claims.json?kind=prophecy", {}, 422, "invalid_parameter"),
        ("get", "/claims.json?sort=id;drop", {}, 422, "invalid_parameter"),
        ("get", "/findings.json?type=gossip", {}, 422, "invalid_parameter"),
        ("get", "/promises.json?status=soon", {}, 422, "invalid_parameter"),
        ("get", "/documents/abc.json", {}, 422, "invalid_parameter"),
        (
            "post",
            "/api/claims/x/accept",
            {"content": b"reviewer=a", "headers": {"content-type": "text/plain"}},
            415,
            "unsupported_media_type",
        ),
        (
            "post",
            "/api/claims/x/accept",
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            422,
            "invalid_parameter",
        ),
        ("post", "/api/claims/nope/accept", {"json": {}}, 404, "E022"),
        ("post", "/api/promises/nope/status", {"json": {}}, 422, "invalid_parameter"),
        ("delete", "/claims.json", {}, 405, "method_not_allowed"),
    ],
)
def test_every_error_has_one_shape(
    web_client: Any, method: str, path: str, kwargs: dict[str, Any], status: int, code: str
) -> None:
    check_error(getattr(web_client, method)(path, **kwargs), status, code)


def test_html_errors_are_pages_with_the_same_fields(web_ro_client: Any) -> None:
    r = web_ro_client.get("/claims/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "E022" in r.text
    r = web_ro_client.get("/claims/nope", headers={"accept": "application/json"})
    check_error(r, 404, "E022")


def test_openapi_describes_every_json_route(web_ro_client: Any) -> None:
    spec = web_ro_client.get("/openapi.json").json()
    paths = spec["paths"]
    for p in (
        "/index.json",
        "/claims.json",
        "/claims/{claim_id}.json",
        "/documents/{doc_id}.json",
        "/indicators/{ind_id}.json",
        "/promises.json",
        "/findings.json",
        "/api/claims/{claim_id}/correct",
        "/api/promises/{claim_id}/status",
        "/api/indicators/merge",
        "/api/documents",
    ):
        assert p in paths, p
    schemas = spec["components"]["schemas"]
    assert set(schemas["ErrorOut"]["properties"]) == {"error"}
    assert set(schemas["ClaimOut"]["properties"]) == CONTRACT_CLAIM | LEDGER_CLAIM
    docs = web_ro_client.get("/docs").text
    assert "/api/claims/{claim_id}/correct" in docs
    assert "cdn" not in docs.lower() and 'src="http' not in docs
