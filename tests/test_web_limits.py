"""Web limits (issue 15, "Web"): ids out of range, writes refused before their body is read,
bodies capped while they stream, background checks, server timeouts.

Work is bounded by counting (bytes pulled from ``receive``, check runs), never by seconds."""

from __future__ import annotations

from typing import Any

import pytest

HUGE = "99999999999999999999999"  # past a 64-bit integer: SQLite raised OverflowError (500)


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("get", f"/claims.json?document={HUGE}", {}),
        ("get", f"/claims?document={HUGE}", {}),
        ("get", "/claims.json?document=-1", {}),
        ("get", "/claims.json?document=\u00b2", {}),  # a Unicode digit int() refuses
        ("get", f"/documents/{HUGE}.json", {}),
        ("get", f"/documents/{HUGE}", {}),
        ("get", f"/indicators/{HUGE}.json", {}),
        ("get", f"/indicators/{HUGE}", {}),
        ("get", "/documents/-5.json", {}),
        ("get", "/indicators/0.json", {}),
        ("get", f"/claims.json?page={HUGE}", {}),
        ("get", f"/documents.json?per_page={HUGE}", {}),
        ("get", f"/findings.json?page={HUGE}", {}),
        ("get", f"/promises.json?page={HUGE}", {}),
        ("get", f"/indicators.json?page={HUGE}", {}),
        ("post", "/api/indicators/merge", {"json": {"indicator_ids": [1, int(HUGE)]}}),
        ("post", f"/api/indicators/{HUGE}/split", {"json": {"claim_ids": ["a"]}}),
    ],
)
def test_huge_ids_are_422_never_500(web_client: Any, method: str, path: str, kwargs: dict[str, Any]) -> None:
    r = getattr(web_client, method)(path, headers={"accept": "application/json"}, **kwargs)
    assert r.status_code == 422, (path, r.status_code, r.text[:300])
    assert r.json()["error"]["code"] == "invalid_parameter"


def test_huge_ids_in_forms_are_422(web_client: Any) -> None:
    import re

    token = re.search(r'name="csrf_token" value="([^"]+)"', web_client.get("/indicators").text)
    assert token
    for path, data in (
        ("/indicators/merge", {"indicator_ids": ["1", HUGE]}),
        (f"/indicators/{HUGE}/split", {"claim_ids": ["a"]}),
    ):
        r = web_client.post(path, data={"csrf_token": token.group(1), **data})
        assert r.status_code == 422, (path, r.status_code, r.text[:300])


def test_the_largest_id_is_a_plain_404(web_client: Any) -> None:
    top = str(2**63 - 1)
    for path in (f"/documents/{top}.json", f"/indicators/{top}.json"):
        r = web_client.get(path)
        assert r.status_code == 404 and r.json()["error"]["code"] == "E022", path
    r = web_client.get(f"/claims.json?document={top}")
    assert r.status_code == 200 and r.json()["claims"] == []
