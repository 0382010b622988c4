"""The dashboard's pages and their JSON twins, over the demo ledger (corpus + checks):
highlights, filters, search, sorting, stable pagination, review forms, upload, charts."""

from __future__ import annotations

import re
from typing import Any

import pytest

from claimledger.web._highlight import highlight

PAGES = ["/", "/documents", "/claims", "/indicators", "/promises", "/findings", "/upload", "/docs"]
TWINS = [
    "/index.json",
    "/documents.json",
    "/claims.json",
    "/indicators.json",
    "/promises.json",
    "/findings.json",
    "/upload.json",
]


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "every page with a form carries a CSRF token"
    return m.group(1)


def first_claim(client: Any, **filters: Any) -> dict[str, Any]:
    rows = client.get("/claims.json", params={"per_page": 500, **filters}).json()["claims"]
    rows = [c for c in rows if c["quantity"] and c["quantity"]["start"] is not None]
    assert rows, f"the demo ledger should have a claim with a figure ({filters})"
    return dict(rows[0])


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders(web_ro_client: Any, path: str) -> None:
    r = web_ro_client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert 'href="/static/app.css"' in r.text and "<nav" in r.text


@pytest.mark.parametrize("path", TWINS)
def test_every_page_has_a_json_twin(web_ro_client: Any, path: str) -> None:
    r = web_ro_client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert isinstance(r.json(), dict)


def test_overview_counts_match_the_claims_table(web_ro_client: Any) -> None:
    ov = web_ro_client.get("/index.json").json()
    total = web_ro_client.get("/claims.json", params={"per_page": 1}).json()["pagination"]["total"]
    assert ov["claims"] == total == sum(ov["claims_by_kind"].values())
    assert ov["documents"] == web_ro_client.get("/documents.json").json()["pagination"]["total"]
    for kind, n in ov["claims_by_kind"].items():
        got = web_ro_client.get("/claims.json", params={"kind": kind, "per_page": 1}).json()
        assert got["pagination"]["total"] == n


def test_document_view_highlights_every_claim_in_its_kind_colour(web_ro_client: Any) -> None:
    doc = web_ro_client.get("/documents.json").json()["documents"][0]
    data = web_ro_client.get(f"/documents/{doc['id']}.json").json()
    html = web_ro_client.get(f"/documents/{doc['id']}").text
    assert data["claims"], "a corpus document has claims"
    for c in data["claims"]:
        q = c["quantity"]
        if q and q["start"] is not None:
            assert data["document"]["text"][q["start"] : q["end"]] == q["text"]
            pattern = rf'<a[^>]*class="hl k-{c["kind"]}[^"]*"[^>]*data-claim="{c["id"]}"[^>]*>([^<]*)</a>'
            pieces = "".join(re.findall(pattern, html))
            assert q["text"].replace("&", "&amp;") in pieces or pieces in q["text"], c["id"]
        # every claim has a card in the side panel
        assert f'id="card-{c["id"]}"' in html


def test_hostile_document_renders_inert(web_ro_client: Any) -> None:
    docs = web_ro_client.get("/documents.json").json()["documents"]
    hostile = next(d for d in docs if d["doc_key"] == "hostile.html")
    for path in (f"/documents/{hostile['id']}", "/documents", "/claims", "/"):
        html = web_ro_client.get(path).text
        assert "<script>window.__xss" not in html, path
        assert "<img src=x" not in html and "<svg onload" not in html and "<b onmouseover" not in html, path
        assert not re.search(r"<[^>]+\son\w+=", html), f"an event-handler attribute leaked on {path}"
    html = web_ro_client.get(f"/documents/{hostile['id']}").text
    assert "&lt;script&gt;window.__xss" in html, "the markup is shown as text"
    assert "&lt;img src=x onerror=" in html


def test_highlight_escapes_text_and_nests_spans() -> None:
    text = "<b>Spending</b> of 5 billion & more will rise."
    fig = text.index("5 billion")
    claims = [
        {
            "id": "s",
            "kind": "target",
            "subject": "x",
            "quantity": None,
            "sentence": {"start": 0, "end": len(text), "text": text},
        },
        {
            "id": "q",
            "kind": "forecast",
            "subject": '"><script>',
            "review_state": "machine",
            "quantity": {"start": fig, "end": fig + 9, "text": "5 billion"},
            "sentence": {"start": 0, "end": len(text), "text": text},
        },
        {
            "id": "bad",
            "kind": "status",
            "subject": "x",
            "quantity": {"start": 500, "end": 600, "text": "?"},
            "sentence": {"start": 500, "end": 600, "text": "?"},
        },
    ]
    out = str(highlight(text, claims))
    assert "<b>" not in out and "&lt;b&gt;Spending&lt;/b&gt;" in out and "&amp; more" in out
    assert "<script>" not in out
    assert re.search(r'class="hl k-forecast"[^>]*data-claim="q" data-claims="q s"[^>]*>5 billion</a>', out)
    assert 'class="hl k-target hl-sent"' in out
    assert 'data-claim="bad"' not in out, "spans outside the text are dropped"
    assert re.sub(r"<[^>]+>", "", out) == str(highlight(text, [])), "highlighting never changes the text"


def test_claims_filter_by_kind_and_unit(web_ro_client: Any) -> None:
    for kind in ("target", "forecast"):
        rows = web_ro_client.get("/claims.json", params={"kind": kind, "per_page": 500}).json()["claims"]
        assert rows and {c["kind"] for c in rows} == {kind}
    unit = first_claim(web_ro_client)["quantity"]["unit"]
    if unit:
        rows = web_ro_client.get("/claims.json", params={"unit": unit, "per_page": 500}).json()["claims"]
        assert rows and all(c["quantity"]["unit"] == unit for c in rows)


def test_full_text_search_finds_words_in_sentences(web_ro_client: Any) -> None:
    word = "inflation"
    rows = web_ro_client.get("/claims.json", params={"q": word, "per_page": 500}).json()["claims"]
    assert rows, "the corpus talks about inflation"
    assert all(word in (c["sentence"]["text"] + " " + c["subject"]).lower() for c in rows)
    # FTS syntax in user input is taken literally, never as operators or an error
    for hostile in ('"budget', "budget OR NOT", "NEAR(x y)", "*", "%_", "'; DROP TABLE claims; --"):
        r = web_ro_client.get("/claims.json", params={"q": hostile})
        assert r.status_code == 200, hostile
    total = web_ro_client.get("/claims.json").json()["pagination"]["total"]
    assert web_ro_client.get("/claims.json").json()["pagination"]["total"] == total


#: What the search box is given, and the same search in the ledger's syntax (the box makes
#: its last word a prefix, so it finds while the user types): case, prefixes, numbers with a
#: point, and the syntax of FTS5, tsquery and LIKE, all taken as plain words.
BOX_SEARCHES = [
    ("inflation", "inflation*"),
    ("INFLATION", "inflation*"),
    ("Inflation rate", "inflation rate*"),
    ("infla", "infla*"),
    ("infla* budget", "infla* budget*"),
    ("budget deficit", "budget deficit*"),
    ("23.9", "23 9*"),
    ("flat", "flat*"),
    ("e%e", "e e*"),
    ('budget "deficit" OR', "budget deficit or*"),
    ("NEAR(x y)", "near x y*"),
    ("'; DROP TABLE claims; --", "drop table claims*"),
    ("*", ""),
]


def test_search_finds_what_the_ledger_search_finds(web_ro_client: Any) -> None:
    """The claims table searches through the ledger's own search (FTS5 on SQLite, the
    GIN-indexed tsvector on PostgreSQL), with its last word a prefix."""
    from claimledger.ledger import Ledger

    ledger = Ledger(engine=web_ro_client.app.state.web.engine)
    everything = web_ro_client.get("/claims.json", params={"per_page": 1}).json()["pagination"]["total"]
    found = {}
    for box, words in BOX_SEARCHES:
        got = web_ro_client.get("/claims.json", params={"q": box, "per_page": 500}).json()
        want = {r.id for r in ledger.claims(search=words)} if words else None
        ids = {c["id"] for c in got["claims"]}
        if want is None:  # no words: no search
            assert got["pagination"]["total"] == everything, box
            continue
        assert got["pagination"]["total"] == len(want) == len(ids) < 500, box
        assert ids == want, box
        found[box] = ids
    assert found["inflation"] and found["INFLATION"] == found["inflation"], "case does not matter"
    assert found["infla"] >= found["inflation"] and found["Inflation rate"] <= found["inflation"]
    assert not found["'; DROP TABLE claims; --"]
    # a claim's id is not one of its words
    cid = next(iter(found["inflation"]))
    assert web_ro_client.get("/claims.json", params={"q": cid}).json()["pagination"]["total"] == 0


def test_indicator_search_ignores_case_and_escapes_wildcards(web_ro_client: Any) -> None:
    from claimledger.ledger import like_pattern

    assert like_pattern("50%_x") == "%50\\%\\_x%"
    inds = web_ro_client.get("/indicators.json", params={"per_page": 500}).json()["indicators"]
    if not inds:
        pytest.skip("the linker made no indicators")
    name = inds[0]["name"]
    word = max(re.findall(r"[A-Za-z]+", name), key=len)
    lower, upper = (
        web_ro_client.get("/indicators.json", params={"q": w, "per_page": 500}).json()["indicators"]
        for w in (word.lower(), word.upper())
    )
    assert inds[0]["id"] in {i["id"] for i in lower} and upper == lower
    # "%" is a character, not a wildcard
    pct = web_ro_client.get("/indicators.json", params={"q": "%", "per_page": 500}).json()["indicators"]
    assert {i["id"] for i in pct} == {i["id"] for i in inds if "%" in i["name"]}
    assert len(pct) < len(inds)


def test_sorting_by_value(web_ro_client: Any) -> None:
    rows = web_ro_client.get(
        "/claims.json", params={"sort": "value", "order": "desc", "per_page": 500}
    ).json()
    values = [
        c["quantity"]["value"] for c in rows["claims"] if c["quantity"] and c["quantity"]["value"] is not None
    ]
    assert values == sorted(values, reverse=True)
    assert rows["sort"] == "value" and rows["order"] == "desc"


@pytest.mark.parametrize("sort", ["document", "kind", "period", "value"])
def test_pagination_is_stable_and_complete(web_ro_client: Any, sort: str) -> None:
    full = web_ro_client.get("/claims.json", params={"sort": sort, "per_page": 500}).json()
    ids = [c["id"] for c in full["claims"]]
    paged: list[str] = []
    page = 1
    while True:
        got = web_ro_client.get("/claims.json", params={"sort": sort, "per_page": 7, "page": page}).json()
        paged += [c["id"] for c in got["claims"]]
        if page >= got["pagination"]["pages"]:
            break
        page += 1
    assert paged == ids and len(set(ids)) == len(ids) == full["pagination"]["total"]


def test_claims_page_shows_filters_and_pager(web_ro_client: Any) -> None:
    html = web_ro_client.get("/claims", params={"kind": "target", "per_page": 2}).text
    assert '<option value="target" selected>' in html
    assert 'rel="next"' in html and "per_page=2" in html
    assert "kind=target" in html


def test_review_form_round_trip_shows_the_audit_entry(web_client: Any) -> None:
    c = first_claim(web_client)
    page = web_client.get(c["href"])
    token = csrf_of(page.text)
    r = web_client.post(
        f"/claims/{c['id']}/review",
        data={
            "csrf_token": token,
            "action": "correct",
            "value": "1,234.5",
            "unit": "EUR",
            "reviewer": "dana",
            "note": "misread in the source",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith(f"/claims/{c['id']}")
    detail = web_client.get(f"/claims/{c['id']}.json").json()
    assert detail["claim"]["quantity"]["value"] == 1234.5 and detail["claim"]["quantity"]["unit"] == "EUR"
    assert detail["claim"]["review_state"] == "corrected"
    assert detail["machine"]["value"] == c["quantity"]["value"], "the machine value is kept beside it"
    ev = detail["audit"][0]
    assert (ev["action"], ev["reviewer"], ev["note"]) == ("correct", "dana", "misread in the source")
    assert {"field": "value", "before": c["quantity"]["value"], "after": 1234.5} in ev["changes"]
    html = web_client.get(c["href"]).text
    assert "misread in the source" in html and "dana" in html
    # the reviewer's name is remembered for the next form
    assert 'value="dana"' in html


def test_bad_review_input_gives_a_coded_error_page(web_client: Any) -> None:
    c = first_claim(web_client)
    token = csrf_of(web_client.get(c["href"]).text)
    r = web_client.post(
        f"/claims/{c['id']}/review", data={"csrf_token": token, "action": "correct", "value": "lots"}
    )
    assert r.status_code == 422 and "E030" in r.text and r.headers["content-type"].startswith("text/html")
    r = web_client.post(f"/claims/{c['id']}/review", data={"csrf_token": token, "action": "explode"})
    assert r.status_code == 422


def test_api_review_actions(web_client: Any) -> None:
    c = first_claim(web_client)
    r = web_client.post(f"/api/claims/{c['id']}/accept", json={"reviewer": "eli"})
    assert r.status_code == 200 and r.json()["after"]["review_state"] == "accepted"
    r = web_client.post(f"/api/claims/{c['id']}/reject", json={}, headers={"X-Reviewer": "fay"})
    assert r.status_code == 200
    audit = web_client.get(f"/claims/{c['id']}.json").json()["audit"]
    assert [(e["action"], e["reviewer"]) for e in audit] == [("reject", "fay"), ("accept", "eli")]
    r = web_client.post(f"/api/claims/{c['id']}/correct", json={"kind": "prophecy"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "E030"
    r = web_client.post("/api/claims/nope/accept", json={})
    assert r.status_code == 404 and r.json()["error"]["code"] == "E022"


def test_promise_board_groups_and_a_status_change_moves_the_card(web_client: Any) -> None:
    board = web_client.get("/promises.json").json()
    assert board["total"] == sum(col["count"] for col in board["statuses"])
    item = next(it for col in board["statuses"] for it in col["items"])
    cid = item["claim"]["id"]
    new = "partly_kept" if item["status"] != "partly_kept" else "kept"
    r = web_client.post(f"/api/promises/{cid}/status", json={"status": new, "note": "half the schools built"})
    assert r.status_code == 200
    col = web_client.get("/promises.json", params={"status": new}).json()["statuses"][0]
    moved = next(it for it in col["items"] if it["claim"]["id"] == cid)
    assert (moved["status_source"], moved["note"]) == ("reviewer", "half the schools built")
    assert "half the schools built" in web_client.get("/promises", params={"status": new}).text
    r = web_client.post(f"/api/promises/{cid}/status", json={"status": "sort of"})
    assert r.status_code == 422


def test_findings_link_to_their_claims(web_ro_client: Any) -> None:
    data = web_ro_client.get("/findings.json", params={"per_page": 500}).json()
    if not data["findings"]:
        pytest.skip("the checks found nothing in the demo corpus")
    for f in data["findings"]:
        assert f["message"] and f["claims"], f["id"]
        for c in f["claims"]:
            assert web_ro_client.get(c["href"] + ".json").status_code == 200
    t = data["findings"][0]["type"]
    only = web_ro_client.get("/findings.json", params={"type": t}).json()["findings"]
    assert {f["type"] for f in only} == {t}
    html = web_ro_client.get("/findings").text
    assert data["findings"][0]["claims"][0]["href"] in html


def test_indicator_chart_points_link_to_source_sentences(web_ro_client: Any) -> None:
    inds = web_ro_client.get("/indicators.json", params={"per_page": 500}).json()["indicators"]
    if not inds:
        pytest.skip("the linker made no indicators")
    ind = max(inds, key=lambda i: i["claims"])
    data = web_ro_client.get(f"/indicators/{ind['id']}.json").json()
    assert len(data["claims"]) == ind["claims"]
    figures = [t for t in data["chart"]["data"] if t.get("meta") == "claims"]
    points = [(t, i) for t in figures for i in range(len(t["x"]))]
    assert data["chart"]["charted"] == len(points) > 0
    href = figures[0]["customdata"][0]
    m = re.fullmatch(r"/documents/(\d+)#claim-(\w+)", href)
    assert m, href
    assert f'id="claim-{m.group(2)}"' in web_ro_client.get(f"/documents/{m.group(1)}").text
    html = web_ro_client.get(f"/indicators/{ind['id']}").text
    assert 'id="chart-data"' in html and "/vendor/plotly.min.js" in html


def test_plotly_is_served_locally_and_gzipped(web_ro_client: Any) -> None:
    r = web_ro_client.get("/vendor/plotly.min.js", headers={"accept-encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert "plotly" in r.text[:2000].lower()
    assert "cache-control" in r.headers


def test_upload_through_the_api_ingests_and_is_idempotent(web_client: Any) -> None:
    body = b"The ministry said exports rose 12% to $5.2 billion in 2024. It will open 30 clinics by 2027."
    files = [("files", ("report.txt", body, "text/plain"))]
    r = web_client.post("/api/documents", files=files, data={"date": "2025-01-15", "source": "test wire"})
    assert r.status_code == 200, r.text
    res = r.json()["results"][0]
    assert res["status"] == "ingested" and res["claims"] > 0 and res["name"] == "report.txt"
    doc = web_client.get(f"/documents/{res['document_id']}.json").json()["document"]
    assert (doc["doc_key"], doc["source"], doc["published"]) == (
        "upload/report.txt",
        "test wire",
        "2025-01-15",
    )
    again = web_client.post("/api/documents", files=files).json()["results"][0]
    assert again["status"] == "duplicate" and again["document_id"] == res["document_id"]


def test_upload_refuses_wrong_types_and_sizes(web_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimledger.web import _upload

    r = web_client.post(
        "/api/documents", files=[("files", ("tool.exe", b"MZ\x90\x00binary", "application/x-exe"))]
    )
    assert r.json()["results"][0]["status"] == "failed" and r.json()["results"][0]["code"] == "E011"
    r = web_client.post(
        "/api/documents", files=[("files", ("fake.txt", b"\x00\x01\x02\xff" * 100, "text/plain"))]
    )
    assert r.json()["results"][0]["status"] == "failed"
    r = web_client.post(
        "/api/documents", files=[("files", ("../../etc/passwd.txt", b"Growth was 3% in 2024.", "x"))]
    )
    assert r.json()["results"][0]["name"] == "passwd.txt"
    monkeypatch.setattr(_upload, "MAX_UPLOAD_BYTES", 100)
    r = web_client.post(
        "/api/documents", files=[("files", ("big.txt", b"Growth was 3%. " * 50, "text/plain"))]
    )
    assert r.json()["results"][0]["code"] == "E015"
    r = web_client.post("/api/documents", data={"source": "nothing attached"})
    assert r.status_code == 422
    r = web_client.post("/api/documents", files=[("files", ("d.txt", b"Growth was 3%.", "text/plain"))],
                        data={"date": "last tuesday"})  # fmt: skip
    assert r.status_code == 400 and r.json()["error"]["code"] == "E005"


def test_upload_form_shows_the_result(web_client: Any) -> None:
    token = csrf_of(web_client.get("/upload").text)
    body = b"Unemployment fell to 4.1% in 2024, the statistics office said."
    r = web_client.post(
        "/upload", data={"csrf_token": token}, files=[("files", ("jobs.md", body, "text/markdown"))]
    )
    assert r.status_code == 200
    assert 'id="upload-result"' in r.text and "ingested" in r.text and "jobs.md" in r.text


def test_indicator_merge_and_split_forms(web_client: Any) -> None:
    inds = web_client.get("/indicators.json", params={"per_page": 500}).json()["indicators"]
    if len(inds) < 2:
        pytest.skip("the linker made fewer than two indicators")
    token = csrf_of(web_client.get("/indicators").text)
    a, b = inds[0]["id"], inds[1]["id"]
    r = web_client.post(
        "/indicators/merge",
        data={"csrf_token": token, "indicator_ids": [str(a), str(b)], "note": "one measure"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    merged = int(r.headers["location"].split("/")[2].split("?")[0])
    data = web_client.get(f"/indicators/{merged}.json").json()
    assert len(data["claims"]) == inds[0]["claims"] + inds[1]["claims"]
    assert any((e["note"] or "") == "one measure" for e in data["audit"])
    moved = data["claims"][0]["id"]
    r = web_client.post(
        f"/indicators/{merged}/split",
        data={"csrf_token": token, "claim_ids": [moved]},
        follow_redirects=False,
    )
    assert r.status_code == 303
    new = int(r.headers["location"].split("/")[2].split("?")[0])
    assert [c["id"] for c in web_client.get(f"/indicators/{new}.json").json()["claims"]] == [moved]


def test_claims_table_filters_and_sorts_on_corrected_values(web_client: Any) -> None:
    """Unreviewed rows are read from ``claims`` and reviewed ones from the effective view;
    the table must behave exactly like the view."""
    rows = web_client.get("/claims.json", params={"kind": "forecast", "per_page": 500}).json()["claims"]
    moved, gone = rows[0], rows[1]
    web_client.post(f"/api/claims/{moved['id']}/correct", json={"kind": "achievement", "period": "1999"})
    web_client.post(f"/api/claims/{gone['id']}/reject", json={})
    forecasts = web_client.get("/claims.json", params={"kind": "forecast", "per_page": 500}).json()
    assert moved["id"] not in {c["id"] for c in forecasts["claims"]}
    assert forecasts["pagination"]["total"] == len(rows) - 1
    achieved = web_client.get("/claims.json", params={"kind": "achievement", "period": "1999"}).json()[
        "claims"
    ]
    assert [c["id"] for c in achieved] == [moved["id"]]
    by_period = web_client.get("/claims.json", params={"sort": "period", "per_page": 500}).json()["claims"]
    dated = [c for c in by_period if c["period"]]
    assert dated[0]["id"] == moved["id"], "the corrected period sorts first"
    assert [c["period"] for c in dated] == sorted(c["period"] for c in dated)
    for state, cid in (("rejected", gone["id"]), ("corrected", moved["id"])):
        got = web_client.get("/claims.json", params={"state": state}).json()["claims"]
        assert [c["id"] for c in got] == [cid]
    machine = web_client.get("/claims.json", params={"state": "machine", "per_page": 1}).json()
    everything = web_client.get("/claims.json", params={"per_page": 1}).json()
    assert machine["pagination"]["total"] == everything["pagination"]["total"] - 2
    ov = web_client.get("/index.json").json()
    assert ov["claims_by_review_state"] == {"machine": everything["pagination"]["total"] - 2, "corrected": 1,
                                            "rejected": 1}  # fmt: skip
    assert ov["claims_by_kind"]["forecast"] == len(rows) - 1


def test_cache_serves_until_the_ledger_changes(web_db: Any) -> None:
    from claimledger import review
    from claimledger.ledger import open_engine
    from claimledger.web._cache import LedgerCache

    engine = open_engine(str(web_db))
    cache = LedgerCache(engine)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get("k", compute) == 1 and cache.get("k", compute) == 1
    with engine.connect() as conn:
        cid = conn.exec_driver_sql("SELECT id FROM claims LIMIT 1").scalar_one()
    review.accept_claim(engine, cid, reviewer="ana")
    assert cache.get("k", compute) == 2, "a commit invalidates the cache"
    engine.dispose()
    memory = open_engine("sqlite://")
    mem_cache = LedgerCache(memory)
    assert mem_cache.get("k", compute) == 3 and mem_cache.get("k", compute) == 4, (
        "nothing to watch: no caching"
    )


def test_cache_holds_a_rotation_of_600_addresses(web_db: Any) -> None:
    """A least-recently-used cache smaller than the cycle of addresses visitors rotate
    through misses on every request; the benchmark's mix is 600 addresses (issue 13)."""
    from claimledger.ledger import open_engine
    from claimledger.web._cache import LedgerCache

    engine = open_engine(str(web_db))
    cache = LedgerCache(engine)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    keys = [("claims", i) for i in range(600)]
    for _ in range(2):
        for key in keys:
            cache.get(key, compute)
    assert len(calls) == 600, f"second pass recomputed {len(calls) - 600} of 600 answers"
    engine.dispose()


def test_a_write_warms_the_overview_in_the_background(web_client: Any) -> None:
    import time

    cid = first_claim(web_client)["id"]
    web_client.get("/index.json")
    cache = web_client.app.state.web.cache
    assert web_client.post(f"/api/claims/{cid}/accept", json={}).status_code == 200
    deadline = time.monotonic() + 120  # a wait for a background task, not a speed limit
    while time.monotonic() < deadline:
        stamp = cache._current()
        found, value = cache._lookup(("overview",), stamp)
        if found:
            break
        time.sleep(0.05)
    assert found, "the overview was recomputed without a request"
    assert value["claims_by_review_state"].get("accepted") == 1


def test_promise_statuses_in_sql_match_the_python_rules(web_db: Any) -> None:
    """The SQLite statement behind the overview and the board gives the same targets,
    statuses, sources and order as the dialect-neutral Python path, on a ledger with a
    reviewer's status, a rejected target, a non-string checker status, a second promise
    finding for one target and a target without any finding."""
    from collections import Counter

    from claimledger import ledger, review
    from claimledger.ledger import open_engine

    engine = open_engine(str(web_db))
    with engine.begin() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM claims ORDER BY id LIMIT 6")]
        conn.exec_driver_sql("UPDATE claims SET kind = 'target' WHERE id IN (?, ?, ?, ?, ?, ?)", tuple(ids))
    # Review actions re-run the checks, so they come first; the odd findings below replace
    # the checker's promise findings afterwards.
    review.set_promise_status(engine, ids[3], "partly_kept", reviewer="ana")
    review.reject_claim(engine, ids[4], reviewer="ana")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "DELETE FROM finding_claims WHERE finding_id IN (SELECT id FROM findings WHERE type = 'promise')"
        )
        conn.exec_driver_sql("DELETE FROM findings WHERE type = 'promise'")
        stamp = "2024-01-01T00:00:00Z"
        for n, (cid, details) in enumerate(
            [(ids[0], '{"status": 3}'), (ids[1], '{"status": "kept"}'), (ids[1], '{"status": "not_kept"}'),
             (ids[2], '{"other": 1}'), (ids[3], '{"status": "due"}')]
        ):  # fmt: skip
            fid = f"test-promise-{n}"
            conn.exec_driver_sql(
                "INSERT INTO findings (id, type, severity, message, details, checker, created_at)"
                " VALUES (?, 'promise', 'info', 'm', ?, 'test', ?)",
                (fid, details, stamp),
            )
            conn.exec_driver_sql(
                "INSERT INTO finding_claims (finding_id, claim_id, role) VALUES (?, ?, 'target')", (fid, cid)
            )
    with engine.connect() as conn:
        fast = ledger.promise_targets(conn)
        slow = ledger.promise_targets_py(conn)
        counts = ledger.promise_status_counts(conn)
    engine.dispose()
    assert fast == slow
    by_id = {t[0]: (t[2], t[3]) for t in fast}
    assert by_id[ids[0]] == ("unverified", "none"), "a non-string status is not a status"
    assert by_id[ids[3]] == ("partly_kept", "reviewer"), "the reviewer wins"
    assert ids[4] not in by_id, "a rejected target is not on the board"
    assert by_id[ids[5]][1] in ("none", "checker")
    assert counts == dict(Counter(t[2] for t in slow))
