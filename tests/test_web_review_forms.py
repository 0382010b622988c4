"""Review ergonomics on the dashboard (issue 13): figures typed as people write them, errors
shown next to their field with nothing typed lost, the reviewer's name remembered, and a
title on uploads."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from claimledger import review
from claimledger.errors import LedgerError
from test_web import csrf_of, first_claim

# --- the library: one figure from what a reviewer typed ------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("259 billion", {"value": 259e9}),
        ("$259bn", {"value": 259e9, "unit": "USD"}),
        ("12.5%", {"value": 12.5, "unit": "%"}),
        ("1.2 trillion tenge", {"value": 1.2e12, "unit": "KZT"}),
        ("3-4%", {"low": 3.0, "high": 4.0, "unit": "%"}),
        ("over 5%", {"value": 5.0, "unit": "%", "qualifier": "at_least"}),
        ("  7.25 ", {"value": 7.25}),
    ],
)
def test_a_typed_figure_is_read_by_the_number_stage(typed: str, expected: dict[str, Any]) -> None:
    assert review.correction_from_text(value=typed) == expected


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"value": "about"}, "value"),
        ({"value": "12 and 13"}, "value"),
        ({"value": "see 259 billion"}, "value"),
        ({"value": "259 billion in total"}, "value"),
        ({"value": "1" * 200}, "value"),
        ({"low": "3-4%"}, "low"),
        ({"value": "3-4%", "low": "3"}, "value"),
        ({"value": "$5bn", "unit": "KZT"}, "unit"),
    ],
)
def test_what_is_not_one_figure_is_e030_naming_its_field(fields: dict[str, str], field: str) -> None:
    with pytest.raises(LedgerError) as err:
        review.correction_from_text(**fields)
    assert err.value.code == "E030" and err.value.field == field


def test_nothing_typed_changes_nothing() -> None:
    assert review.correction_from_text(value=None, low="", high=None, unit=None) == {}


# --- the correction form -------------------------------------------------------------------


def _post(client: Any, claim_id: str, path: str, **data: str) -> Any:
    token = csrf_of(client.get(f"/claims/{claim_id}").text)
    return client.post(
        f"/claims/{claim_id}/{path}", data={"csrf_token": token, **data}, follow_redirects=False
    )


def test_the_correction_form_stores_a_figure_as_typed(web_client: Any) -> None:
    claim = first_claim(web_client)
    r = _post(web_client, claim["id"], "review", action="correct", reviewer="Ruth", value="$259bn")
    assert r.status_code == 303, r.text
    q = web_client.get(f"/claims/{claim['id']}.json").json()["claim"]["quantity"]
    assert (q["value"], q["unit"]) == (259e9, "USD")


def test_a_typed_range_becomes_the_claims_range(web_client: Any) -> None:
    claim = first_claim(web_client)
    r = _post(web_client, claim["id"], "review", action="correct", reviewer="Ruth", value="3-4%")
    assert r.status_code == 303, r.text
    q = web_client.get(f"/claims/{claim['id']}.json").json()["claim"]["quantity"]
    assert (q["value"], q["low"], q["high"], q["unit"], q["qualifier"]) == (None, 3.0, 4.0, "%", "range")


def _field_error(page: str, field: str) -> str:
    m = re.search(rf'<span class="field-error" role="alert" id="err-{field}">([^<]*)</span>', page)
    assert m, f"an error next to {field}"
    return html.unescape(m.group(1))


def _value_of(page: str, form: str, name: str) -> str:
    part = page[page.index(f'id="{form}"') :]
    m = re.search(rf'name="{name}"[^>]*value="([^"]*)"', part)
    assert m, name
    return html.unescape(m.group(1))


def test_a_bad_figure_is_shown_next_to_its_field_and_nothing_typed_is_lost(web_client: Any) -> None:
    claim = first_claim(web_client)
    before = web_client.get(f"/claims/{claim['id']}.json").json()["claim"]
    typed = {
        "reviewer": "Ruth Analyst",
        "note": "the release says <259bn>",
        "value": "two hundred-ish",
        "unit": "USD",
        "period": "2024",
        "subject": "capital spending",
        "kind": "forecast",
    }
    r = _post(web_client, claim["id"], "review", action="correct", **typed)
    assert r.status_code == 422
    assert _field_error(r.text, "value").startswith("[E030]")
    for name in ("reviewer", "note", "value", "unit", "period", "subject"):
        assert _value_of(r.text, "review-form", name) == typed[name]
    assert re.search(r'<option value="forecast" selected>', r.text)
    assert 'aria-invalid="true" aria-describedby="err-value"' in r.text
    after = web_client.get(f"/claims/{claim['id']}.json").json()["claim"]
    assert after["quantity"] == before["quantity"] and after["review_state"] == before["review_state"]


def test_a_bad_period_is_shown_next_to_the_period(web_client: Any) -> None:
    claim = first_claim(web_client)
    r = _post(web_client, claim["id"], "review", action="correct", reviewer="R", value="5%", period="soon")
    assert r.status_code == 422
    assert "period must look like" in _field_error(r.text, "period")
    assert _value_of(r.text, "review-form", "value") == "5%"


def test_the_rating_form_keeps_the_ruling_after_an_error(web_client: Any) -> None:
    claim = first_claim(web_client)
    r = _post(
        web_client, claim["id"], "rate", reviewer="Ruth", rating="No such verdict", ruling="Long ruling"
    )
    assert r.status_code == 422
    assert _field_error(r.text, "rating").startswith("[E060]")
    assert ">Long ruling</textarea>" in r.text
    r = _post(web_client, claim["id"], "rate", reviewer="Ruth", rating="Accurate", ruling="   ")
    assert r.status_code == 422 and _field_error(r.text, "ruling").startswith("[E064]")
    assert _value_of(r.text, "rate-form", "reviewer") == "Ruth"


def test_a_missing_claim_is_still_a_404(web_client: Any) -> None:
    token = csrf_of(web_client.get("/upload").text)
    r = web_client.post(
        "/claims/nope/review", data={"csrf_token": token, "action": "correct", "value": "5%", "reviewer": "R"}
    )
    assert r.status_code == 404


# --- the reviewer's name -------------------------------------------------------------------


def test_the_reviewers_name_is_remembered_and_prefilled(web_client: Any) -> None:
    claim = first_claim(web_client)
    page = web_client.get(f"/claims/{claim['id']}").text
    assert _value_of(page, "review-form", "reviewer") == "", "no name until one is typed"
    r = _post(web_client, claim["id"], "review", action="accept", reviewer="Ruth Analyst")
    cookie = r.headers["set-cookie"]
    assert "cl_reviewer=" in cookie and "samesite=strict" in cookie.lower() and "max-age=" in cookie.lower()
    other = first_claim(web_client, kind="target")
    page = web_client.get(f"/claims/{other['id']}").text
    for form in ("review-form", "rate-form"):
        assert _value_of(page, form, "reviewer") == "Ruth Analyst"


def test_a_form_without_a_name_does_not_overwrite_the_remembered_one(web_client: Any) -> None:
    claim = first_claim(web_client)
    _post(web_client, claim["id"], "review", action="accept", reviewer="Ruth Analyst")
    r = _post(web_client, claim["id"], "promise", status="kept", reviewer="")
    assert "cl_reviewer" not in r.headers.get("set-cookie", "")
    page = web_client.get(f"/claims/{claim['id']}").text
    assert _value_of(page, "review-form", "reviewer") == "Ruth Analyst"


# --- upload titles -------------------------------------------------------------------------


def _upload(client: Any, name: str, body: bytes, **data: str) -> dict[str, Any]:
    r = client.post("/api/documents", files=[("files", (name, body, "text/plain"))], data=data)
    assert r.status_code == 200, r.text
    res: dict[str, Any] = r.json()["results"][0]
    return res


def test_an_upload_takes_the_title_given(web_client: Any) -> None:
    res = _upload(web_client, "a.txt", b"Exports rose 12% in 2024.\nImports fell 3%.", title="Trade in 2024")
    assert res["title"] == "Trade in 2024"
    doc = web_client.get(f"/documents/{res['document_id']}.json").json()["document"]
    assert doc["title"] == "Trade in 2024"


def test_an_upload_without_a_title_takes_its_first_line(web_client: Any) -> None:
    res = _upload(
        web_client, "b.txt", b"\n\n  Budget   review 2025 \nSpending rose 8% to 21.3 trillion tenge."
    )
    doc = web_client.get(f"/documents/{res['document_id']}.json").json()["document"]
    assert res["title"] == doc["title"] == "Budget review 2025"


def test_a_files_own_title_wins_over_its_first_line(web_client: Any) -> None:
    body = b"# Jobs report\n\nUnemployment fell to 4.1% in 2024."
    r = web_client.post("/api/documents", files=[("files", ("c.md", body, "text/markdown"))])
    assert r.json()["results"][0]["title"] == "Jobs report"


def test_an_overlong_title_is_e030(web_client: Any) -> None:
    r = web_client.post(
        "/api/documents",
        files=[("files", ("d.txt", b"Growth was 3%.", "text/plain"))],
        data={"title": "x" * 301},
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "E030"


def test_the_upload_form_has_a_title_field(web_client: Any) -> None:
    page = web_client.get("/upload").text
    token = csrf_of(page)
    assert 'name="title"' in page
    r = web_client.post(
        "/upload",
        data={"csrf_token": token, "title": "Clinics update"},
        files=[("files", ("e.txt", b"42 clinics opened in 2024.", "text/plain"))],
    )
    assert r.status_code == 200 and "Clinics update" in r.text


def test_first_line_titles_are_opt_in_in_the_ingest_library() -> None:
    from claimledger.ingest import IngestOptions, Source, load

    src = Source(name="f.txt", kind="bytes", data=b"Budget review\nSpending rose 8%.")
    plain = [d for d in load(src, IngestOptions()) if not isinstance(d, Exception)]
    asked = [d for d in load(src, IngestOptions(first_line_title=True)) if not isinstance(d, Exception)]
    assert plain[0].title is None and asked[0].title == "Budget review"


def test_a_long_first_line_is_cut_at_a_word() -> None:
    from claimledger.ingest.metadata import MAX_FIRST_LINE_TITLE, first_line

    title = first_line("word " * 100)
    assert title is not None and len(title) <= MAX_FIRST_LINE_TITLE and title.endswith("word…")
    assert first_line("\n \n") is None


def test_rating_a_claim_rejected_meanwhile_is_409_and_keeps_the_ruling(web_client: Any) -> None:
    claim = first_claim(web_client)
    token = csrf_of(web_client.get(f"/claims/{claim['id']}").text)
    _post(web_client, claim["id"], "review", action="reject", reviewer="Ruth")
    r = web_client.post(
        f"/claims/{claim['id']}/rate",
        data={"csrf_token": token, "reviewer": "Ruth", "rating": "Accurate", "ruling": "Checked twice"},
    )
    assert r.status_code == 409 and "[E062]" in r.text
    assert ">Checked twice</textarea>" in r.text
