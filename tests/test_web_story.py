"""The dashboard leads with the story (issue 13): the top findings first, each in one line;
the promise board in words; new findings after an upload; findings marked on the text and
in the claims table; indicator charts that draw the findings; messages that lead with the
fact."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

from claimledger.checks.run import rank
from claimledger.models import PROMISE_LABELS
from claimledger.web import _chart
from test_web import csrf_of


def _text(html: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def test_overview_leads_with_the_top_findings_ranked(web_ro_client: Any) -> None:
    data = web_ro_client.get("/index.json").json()
    top = data["top_findings"]
    assert top, "the demo ledger has warnings"
    assert all(f["severity"] in ("error", "warning") for f in top)
    keys = [rank(f["severity"], f["details"], f["type"], f["message"])[:3] for f in top]
    assert keys == sorted(keys), "most severe first, then most confident, then by type"
    # the same findings the findings list opens with (warnings and errors, ranked)
    listed = web_ro_client.get("/findings.json", params={"per_page": len(top)}).json()["findings"]
    assert [f["id"] for f in top] == [f["id"] for f in listed]
    page = web_ro_client.get("/").text
    first_h2 = re.search(r"<h2[^>]*>([^<]+)</h2>", page)
    assert first_h2 and first_h2.group(1) == "Top findings"
    for f in top:
        assert html_lib.escape(f["headline"], quote=False) in page
        assert f'href="/findings?id={f["id"]}"' in page


def test_finding_messages_lead_with_the_fact_not_the_document(web_ro_client: Any) -> None:
    found = web_ro_client.get("/findings.json", params={"severity": "all", "per_page": 500}).json()
    assert found["findings"]
    for f in found["findings"]:
        assert f["message"].startswith(f["headline"])
        titles = {c["document_title"] for c in f["claims"] if c["document_title"]}
        lead = f["message"].lstrip("\u201c")
        assert not any(lead.startswith(t) for t in titles), f["message"]


def test_a_contradiction_headline_names_both_figures_and_the_gap(web_ro_client: Any) -> None:
    found = web_ro_client.get("/findings.json", params={"type": "contradiction", "severity": "all"}).json()
    assert found["findings"]
    for f in found["findings"]:
        line = f["headline"]
        assert " vs " in line and re.search(r"\(\d+(\.\d+)?(%| percentage points) apart\)", line), line


def test_promise_board_speaks_plain_words(web_ro_client: Any) -> None:
    data = web_ro_client.get("/index.json").json()
    board = {p["status"]: p for p in data["promise_board"]}
    wanted = [s for s in PROMISE_LABELS if s != "unverified"]
    assert [s for s in board if s != "unverified"] == wanted
    for s, n in data["promises_by_status"].items():
        assert board[s]["count"] == n
    text = _text(web_ro_client.get("/").text)
    for label in ("Kept", "Partly kept", "In progress", "Broken", "Overdue (no evidence yet)", "Not yet due"):
        assert label in text
    assert "Unmeasurable" in text and "Disputed" in text
    # "due" alone is jargon: it is never a status label on the page
    assert not re.search(r"\d\s+due\b", text)


def test_a_finding_has_its_own_address_even_a_note(web_ro_client: Any) -> None:
    notes = web_ro_client.get("/findings.json", params={"severity": "info"}).json()["findings"]
    assert notes
    one = web_ro_client.get(notes[0]["href"].replace("/findings", "/findings.json")).json()
    assert [f["id"] for f in one["findings"]] == [notes[0]["id"]]
    page = web_ro_client.get(notes[0]["href"]).text
    assert f'id="f-{notes[0]["id"]}"' in page and "One finding" in page


def test_claims_table_has_a_findings_column(web_ro_client: Any) -> None:
    f = web_ro_client.get("/findings.json").json()["findings"][0]
    claim = f["claims"][0]
    rows = web_ro_client.get(
        "/claims.json", params={"document": claim["document_id"], "per_page": 500}
    ).json()
    row = next(c for c in rows["claims"] if c["id"] == claim["id"])
    assert f["id"] in {r["id"] for r in row["findings"]}
    page = web_ro_client.get("/claims", params={"document": claim["document_id"], "per_page": 500}).text
    assert "<th>Findings</th>" in page and f'href="/findings?id={f["id"]}"' in page


def test_document_text_marks_the_figures_findings_cite(web_ro_client: Any) -> None:
    f = web_ro_client.get("/findings.json").json()["findings"][0]
    doc_id = f["claims"][0]["document_id"]
    doc = web_ro_client.get(f"/documents/{doc_id}.json").json()
    flagged = {c["id"] for c in doc["claims"] if c["findings"]}
    clean = {c["id"] for c in doc["claims"] if not c["findings"]}
    page = web_ro_client.get(f"/documents/{doc_id}").text
    pieces = re.findall(r'<a[^>]*class="(hl [^"]*)"[^>]*data-claim="(\w+)"', page)
    shown = {cid for _cls, cid in pieces}
    marked = {cid for cls, cid in pieces if " flag" in cls}
    assert flagged & shown and flagged & shown <= marked
    assert not (marked & clean)
    assert f"/findings?document={doc_id}" in page


def test_upload_says_how_many_new_findings_and_links_each(web_client: Any) -> None:
    token = csrf_of(web_client.get("/upload").text)
    body = (
        b"Gold exports rose by a third to $3.1 billion in 2024 from $2.7 billion in 2023, the ministry said."
    )
    r = web_client.post(
        "/upload",
        data={"csrf_token": token, "date": "2025-02-14", "source": "Mining ministry"},
        files=[("files", ("gold.txt", body, "text/plain"))],
    )
    assert r.status_code == 200, r.text
    doc_id = re.search(r'href="/documents/(\d+)"', r.text)
    assert doc_id
    # the checks run in the background: the answer links to the document's findings
    assert "Re-checking" in r.text and f'href="/findings?document={doc_id.group(1)}"' in r.text
    web_client.app.state.web.rechecker.wait()
    cited = web_client.get("/findings.json", params={"document": doc_id.group(1)}).json()["findings"]
    assert cited, "a rise by a third from $2.7 billion is not $3.1 billion: the checks flag it"


def test_upload_before_the_checks_ran_says_rechecking(web_client: Any, monkeypatch: Any) -> None:
    import threading

    from claimledger.web import _upload

    release = threading.Event()
    monkeypatch.setattr(_upload, "recheck", lambda engine: release.wait())  # checks not run (yet)
    token = csrf_of(web_client.get("/upload").text)
    r = web_client.post(
        "/upload",
        data={"csrf_token": token},
        files=[("files", ("later.txt", b"Wheat output reached 17 million tonnes in 2024.", "text/plain"))],
    )
    release.set()
    assert "Re-checking" in r.text and 'href="/findings"' in r.text
    assert "new finding" not in r.text


def _claim(cid: str, kind: str, period: str, value: float) -> dict[str, Any]:
    return {
        "id": cid,
        "kind": kind,
        "period": period,
        "quantity": {"value": value, "low": None, "high": None, "unit": "USD", "noun": None},
        "sentence": {"text": "s", "start": 0, "end": 1},
        "document_id": 1,
        "review_state": "machine",
    }


def test_chart_draws_the_required_path_and_contradictions_under_the_figures() -> None:
    base, target = _claim("b", "achievement", "2024", 100.0), _claim("t", "target", "2027", 200.0)
    same = _claim("s", "achievement", "2027", 200.0)  # an actual where the target star sits
    a, b = _claim("x", "achievement", "2025", 110.0), _claim("y", "achievement", "2025", 140.0)
    findings = [
        {
            "type": "feasibility",
            "claims": [{**base, "role": "base"}, {**target, "role": "target"}],
            "details": {"required_annual_growth": 2 ** (1 / 3) - 1},
        },
        {
            "type": "contradiction",
            "claims": [{**a, "role": "statement"}, {**b, "role": "statement"}],
            "details": {"relative_gap": 0.214},
        },
    ]
    fig = _chart.figure([base, target, same, a, b], None, findings)
    names = [t["name"] for t in fig["data"]]
    path = next(t for t in fig["data"] if t["name"].startswith("path the target needs"))
    assert (path["x"][0], path["y"][0]) == (2024, 100.0) and (path["x"][-1], path["y"][-1]) == (2027, 200.0)
    assert abs(path["y"][1] - 100 * 2 ** (1 / 3)) < 1e-9  # a compound rate, not a straight line
    assert "26.0% a year" in path["name"]
    line = next(t for t in fig["data"] if t["name"] == "contradiction")
    assert line["x"][:2] == [2025, 2025] and line["y"][:2] == [110.0, 140.0]
    assert any("21.4% apart" in n["text"] for n in fig["layout"]["annotations"])
    # plotly draws later traces on top: actuals after targets, marks under both
    kinds = [n.split(" ")[0] for n in names]
    assert kinds.index("achievement") > kinds.index("target")
    assert names.index("contradiction") < kinds.index("target")
    assert fig["charted"] == 5


def test_top_findings_read_the_flagged_findings_through_their_index(web_demo_template: Any) -> None:
    import sqlite3

    with sqlite3.connect(web_demo_template) as conn:
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM findings WHERE severity IN ('error', 'warning') "
            "ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END LIMIT 5"
        ).fetchall()
    assert any("ix_findings_severity" in str(row) for row in plan), plan


def test_regression_a_finding_without_a_confidence_renders(web_db: Any) -> None:
    """Regression: the findings page and the overview raised (500) on a stored finding whose
    details carry no ``confidence`` (the benchmark ledger's, or one stored by an older
    checker)."""
    import sqlite3

    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    with sqlite3.connect(web_db) as conn:
        conn.execute("UPDATE findings SET details = json_remove(details, '$.confidence')")
    with TestClient(create_app(str(web_db))) as client:
        for path in ("/", "/findings", "/findings?severity=all"):
            r = client.get(path)
            assert r.status_code == 200 and "confidence 0." not in r.text, path


def test_indicator_headings_are_words_not_keys(web_ro_client: Any) -> None:
    inds = web_ro_client.get("/indicators.json", params={"per_page": 500}).json()["indicators"]
    assert inds
    for ind in inds[:20]:
        page = web_ro_client.get(ind["href"]).text
        # the page less its "technical key" and the claims table (whose "why linked"
        # column is the linker's own explanation, dimension keys included)
        shown = re.sub(r"<details.*?</details>|<table.*?</table>", "", page, flags=re.S)
        h1 = re.search(r"<h1>([^<]*)</h1>", shown)
        assert h1 and html_lib.unescape(h1.group(1)) == ind["name"] and "|" not in ind["name"]
        words = _text(shown)
        assert ind["key"] not in words and "currency:" not in words, ind["key"]
    listing = _text(re.sub(r'title="[^"]*"', "", web_ro_client.get("/indicators").text))
    assert not any(i["key"] in listing for i in inds[:50])
