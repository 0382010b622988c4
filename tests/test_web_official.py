"""The dashboard shows the official record: the claim page puts "Official: X (World Bank
WDI, release ...)" beside the claimed figure, findings link to the series, and the indicator
chart overlays the official series in its own style with its vintage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="module")
def official_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from claimledger.cli import main
    from claimledger.web import create_app

    db = tmp_path_factory.mktemp("official") / "demo.db"
    assert main(["demo", "--db", str(db), "--no-serve"]) == 0
    with TestClient(create_app(str(db))) as client:
        yield client


def _official(client: Any) -> list[dict[str, Any]]:
    found = client.get("/findings.json", params={"type": "official"}).json()["findings"]
    assert found, "the demo has official findings"
    return list(found)


def test_claim_page_shows_the_official_value_beside_the_figure(official_client: Any) -> None:
    for f in _official(official_client):
        cid = f["claims"][0]["id"]
        page = official_client.get(f"/claims/{cid}").text
        text = f["details"]["official_text"]
        assert text.startswith("Official: ") and "(World Bank WDI, release " in text
        assert text in page
        assert f["details"]["reference"]["url"] in page
        as_json = official_client.get(f"/claims/{cid}.json").json()
        assert any(x["details"].get("official_text") == text for x in as_json["findings"])


def test_findings_link_to_the_series(official_client: Any) -> None:
    page = official_client.get("/findings", params={"type": "official"}).text
    for f in _official(official_client):
        assert f'href="{f["details"]["reference"]["url"]}"' in page


def test_indicator_chart_overlays_the_official_series(official_client: Any) -> None:
    checked = 0
    for f in _official(official_client):
        cid = f["claims"][0]["id"]
        claim = official_client.get(f"/claims/{cid}.json").json()
        for ind in claim["indicators"]:
            data = official_client.get(f"{ind['href']}.json").json()
            overlay = [t for t in data["chart"]["data"] if t["name"].startswith("official: ")]
            if not overlay:
                continue
            [o] = overlay
            assert o["line"]["dash"] == "dash" and o["mode"] == "lines"  # its own style
            assert "release " in o["name"]  # with its vintage
            assert len(o["x"]) > 5 and len(o["x"]) == len(o["y"])
            assert data["chart"]["official"][0]["series_id"] == f["details"]["reference"]["series_id"]
            assert "official:" in official_client.get(ind["href"]).text
            checked += 1
    assert checked, "no indicator of an official finding drew the series"
