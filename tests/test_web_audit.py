"""The verdict form on the claim page, the rating API, and the /audit page with its JSON
twin and CSV export (issue 13)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from test_web import csrf_of, first_claim


def rate(client: Any, claim_id: str, **data: str) -> Any:
    token = csrf_of(client.get(f"/claims/{claim_id}").text)
    return client.post(f"/claims/{claim_id}/rate", data={"csrf_token": token, **data}, follow_redirects=False)


def test_rating_form_round_trip_shows_the_verdict_and_the_audit_entry(web_client: Any) -> None:
    c = first_claim(web_client)
    html = web_client.get(c["href"]).text
    assert 'action="/claims/' + c["id"] + '/rate"' in html
    labels = re.findall(r'<option value="([^"]+)"[^>]*title=', html)
    assert labels == ["Accurate", "Mostly accurate", "Misleading", "Unsupported", "Inaccurate"]
    r = rate(
        web_client, c["id"], rating="Mostly accurate", ruling="Close to the budget law.", reviewer="dana"
    )
    assert r.status_code == 303 and r.headers["location"].endswith("#verdict")
    detail = web_client.get(f"/claims/{c['id']}.json").json()
    assert detail["rating"]["label"] == "Mostly accurate" and detail["rating"]["value"] == 4
    assert (detail["rating"]["ruling"], detail["rating"]["reviewer"]) == ("Close to the budget law.", "dana")
    ev = detail["audit"][0]
    assert ev["action"] == "rate" and ev["reviewer"] == "dana"
    assert {"field": "rating", "before": None, "after": "Mostly accurate"} in ev["changes"]
    page = web_client.get(c["href"]).text
    assert "Close to the budget law." in page and "Change rating" in page


def test_rating_form_needs_csrf_and_refuses_bad_ratings_with_codes(web_client: Any) -> None:
    c = first_claim(web_client)
    no_csrf = web_client.post(f"/claims/{c['id']}/rate", data={"rating": "Accurate", "ruling": "x"})
    assert no_csrf.status_code == 403
    bad = rate(web_client, c["id"], rating="Pants on fire", ruling="x", reviewer="dana")
    assert bad.status_code == 422 and "E060" in bad.text
    empty = rate(web_client, c["id"], rating="Accurate", ruling="  ", reviewer="dana")
    assert empty.status_code == 422 and "E064" in empty.text
    assert web_client.get(f"/claims/{c['id']}.json").json()["rating"] is None


def test_rating_api_and_a_rejected_claim(web_client: Any) -> None:
    c = first_claim(web_client)
    r = web_client.post(f"/api/claims/{c['id']}/rate", json={"rating": "inaccurate", "ruling": "Wrong year."})
    assert r.status_code == 200, r.text
    assert r.json()["after"]["rating"] == "Inaccurate" and r.json()["action"] == "rate"
    web_client.post(f"/api/claims/{c['id']}/reject", json={"reviewer": "fay"})
    again = web_client.post(f"/api/claims/{c['id']}/rate", json={"rating": "Accurate", "ruling": "x"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "E062"


def test_audit_page_lists_every_event_with_the_claim_and_pages(web_client: Any) -> None:
    empty = web_client.get("/audit.json").json()
    assert empty["events"] == [] and empty["pagination"]["total"] == 0
    claims = web_client.get("/claims.json", params={"per_page": 3}).json()["claims"]
    web_client.post(f"/api/claims/{claims[0]['id']}/accept", json={"reviewer": "ana"})
    web_client.post(f"/api/claims/{claims[1]['id']}/rate", json={"rating": "Accurate", "ruling": "Right."})
    web_client.post(f"/api/claims/{claims[2]['id']}/reject", json={"reviewer": "bo", "note": "a page number"})
    data = web_client.get("/audit.json", params={"per_page": 2}).json()
    assert data["pagination"] == {"page": 1, "per_page": 2, "total": 3, "pages": 2}
    assert [e["action"] for e in data["events"]] == ["reject", "rate"]  # newest first
    top = data["events"][0]
    assert (
        top["claim_sentence"] == claims[2]["sentence"]["text"] and top["href"] == f"/claims/{claims[2]['id']}"
    )
    second = web_client.get("/audit.json", params={"per_page": 2, "page": 2}).json()
    assert [e["action"] for e in second["events"]] == ["accept"]
    only = web_client.get("/audit.json", params={"action": "rate"}).json()
    assert [e["action"] for e in only["events"]] == ["rate"]
    assert web_client.get("/audit.json", params={"action": "explode"}).status_code == 422
    html = web_client.get("/audit", params={"per_page": 2}).text
    assert f'href="/claims/{claims[2]["id"]}"' in html and "a page number" in html
    assert 'rel="next"' in html and 'href="/audit.csv"' in html and 'aria-current="page">Audit<' in html


def test_audit_csv_has_every_event_oldest_first(web_client: Any) -> None:
    claims = web_client.get("/claims.json", params={"per_page": 2}).json()["claims"]
    web_client.post(
        f"/api/claims/{claims[0]['id']}/rate",
        json={"rating": "Misleading", "ruling": 'Says "all", means some.'},
    )
    web_client.post(f"/api/claims/{claims[1]['id']}/accept", json={"reviewer": "ana", "note": "ok"})
    r = web_client.get("/audit.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["action"] for x in rows] == ["rate", "accept"]
    assert rows[0]["claim_sentence"] == claims[0]["sentence"]["text"]
    assert rows[0]["link"].endswith(f"/claims/{claims[0]['id']}") and rows[0]["link"].startswith("http")
    assert "ruling: " in rows[0]["changes"] and 'Says "all", means some.' in rows[0]["changes"]
    assert rows[1]["note"] == "ok"


def test_a_malformed_rating_scale_is_refused_when_the_app_starts(
    web_db: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    import pytest

    from claimledger.errors import LedgerError
    from claimledger.review import RATING_SCALE_ENV
    from claimledger.web import create_app

    bad = tmp_path / "scale.toml"
    bad.write_text("[[level]]\nvalue = 3\n", encoding="utf-8")
    monkeypatch.setenv(RATING_SCALE_ENV, str(bad))
    with pytest.raises(LedgerError) as err:
        create_app(str(web_db))
    assert err.value.code == "E061"
