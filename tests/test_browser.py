"""The dashboard driven as a person would, in Debian's headless Chromium (Playwright).

A real uvicorn server runs on 127.0.0.1 (a free port) over a private copy of the demo
ledger (corpus + checks + one hostile document).  Set CLAIMLEDGER_SCREENSHOTS=DIR to keep
a screenshot of each step.  Without /usr/bin/chromium the tests skip, except in CI
(CI=true), where .ci/run installs it and a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Seconds to wait for the server to accept connections, and for page events.
SERVER_START_TIMEOUT = 20.0
UI_TIMEOUT_MS = 15_000
TOKEN = "browser-test-token-0123456789"

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium", pytrace=False)
    pytest.skip(
        f"{CHROMIUM} is not installed (apt-get install chromium); browser tests skipped",
        allow_module_level=True,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(template: Path, where: Path, token: str | None = None) -> Iterator[str]:
    """A real uvicorn server on a free loopback port over a private copy of ``template``."""
    import uvicorn

    from claimledger.cli._serve import allowed_hosts
    from claimledger.web import create_app

    db = where / "ledger.db"
    with sqlite3.connect(template) as src, sqlite3.connect(db) as dst:
        src.backup(dst)  # a private copy: these tests write
    port = _free_port()
    app = create_app(str(db), token=token, allowed_hosts=allowed_hosts("127.0.0.1"))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(web_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(web_demo_template, tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def token_server(web_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(web_demo_template, tmp_path_factory.mktemp("browser-token"), token=TOKEN)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context per test; fails the test on any script error or CSP report."""
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(UI_TIMEOUT_MS)
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    ctx.close()
    assert not problems, problems


def shot(page: Any, name: str) -> None:
    where = os.environ.get("CLAIMLEDGER_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(where) / f"{name}.png"), full_page=True)


def _json(page: Any, url: str) -> Any:
    return page.request.get(url).json()


def test_open_a_document_and_see_its_highlights(server: str, page: Any) -> None:
    docs = _json(page, server + "/documents.json")["documents"]
    doc = next(d for d in docs if d["claims"] > 3 and d["doc_key"] != "hostile.html")
    page.goto(f"{server}/documents/{doc['id']}")
    marks = page.locator(".doctext a.hl")
    assert marks.count() >= 3
    kinds = set(re.findall(r"k-(\w+)", " ".join(marks.evaluate_all("els => els.map(e => e.className)"))))
    assert kinds <= {"achievement", "status", "target", "forecast"} and kinds
    # each kind has its own colour: backgrounds of figures of different kinds differ
    colours = page.evaluate(
        """() => Object.fromEntries(['achievement','status','target','forecast'].map(k => {
             const el = document.querySelector('.doctext a.hl.k-' + k + ':not(.hl-sent)');
             return [k, el ? getComputedStyle(el).backgroundColor : null]; }))"""
    )
    seen = [c for c in colours.values() if c]
    assert len(set(seen)) == len(seen), colours
    first = page.locator(".doctext a.hl:not(.hl-sent)").first
    first.click()
    card = page.locator(".panel .claim-card.selected")
    card.wait_for()
    assert card.count() >= 1 and card.first.is_visible()
    assert "period" in card.first.inner_text()
    assert page.url.split("#")[1].startswith("claim-")
    shot(page, "document")


def test_hostile_markup_in_a_document_stays_inert(server: str, page: Any) -> None:
    docs = _json(page, server + "/documents.json")["documents"]
    hostile = next(d for d in docs if d["doc_key"] == "hostile.html")
    page.goto(f"{server}/documents/{hostile['id']}")
    page.locator(".doctext a.hl").first.hover()
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__xss === undefined")
    text = page.locator(".doctext").inner_text()
    assert '<script>window.__xss = "script";</script>' in text and "onerror=" in text
    assert page.locator(".doctext script, .doctext img, .doctext svg, .doctext b").count() == 0
    assert "<script>" in page.title()
    shot(page, "hostile")


def test_correct_a_claim_and_see_the_audit_entry(server: str, page: Any) -> None:
    claims = _json(page, server + "/claims.json?kind=forecast")["claims"]
    claim = next(c for c in claims if c["quantity"] and c["review_state"] == "machine")
    page.goto(server + claim["href"])
    page.fill("#review-form input[name=reviewer]", "Ruth Analyst")
    page.fill("#review-form input[name=value]", "7.25")
    page.fill("#review-form input[name=note]", "the release says 7.25")
    page.click("#review-form button[value=correct]")
    page.wait_for_url(re.compile(r".*done=correct.*"))
    assert page.locator(".notice").is_visible()
    audit = page.locator("ol.audit li").first.inner_text()
    assert (
        "correct" in audit
        and "Ruth Analyst" in audit
        and "7.25" in audit
        and "the release says 7.25" in audit
    )
    assert "corrected" in page.locator("p.meta").inner_text()
    shot(page, "claim-corrected")
    detail = _json(page, f"{server}/claims/{claim['id']}.json")
    assert detail["claim"]["quantity"]["value"] == 7.25


def test_open_an_indicator_chart_and_follow_a_point(server: str, page: Any) -> None:
    inds = _json(page, server + "/indicators.json?per_page=500")["indicators"]
    ind = max(inds, key=lambda i: i["claims"])
    data = _json(page, f"{server}/indicators/{ind['id']}.json")
    page.goto(f"{server}/indicators/{ind['id']}")
    page.wait_for_selector("#chart[data-ready='1'] .main-svg")
    points = page.locator("#chart .scatterlayer .point")
    assert points.count() == data["chart"]["charted"] > 0
    shot(page, "indicator")
    points.first.click(force=True)
    page.wait_for_url(re.compile(r".*/documents/\d+#claim-\w+"))
    cid = page.url.split("#claim-")[1]
    page.wait_for_selector(f"#card-{cid}.selected")
    assert page.locator(f'.doctext a.hl.current[data-claim="{cid}"]').count() >= 1


def test_filter_the_claims_table(server: str, page: Any) -> None:
    page.goto(server + "/claims")
    page.select_option("select[name=kind]", "target")
    page.fill("input[name=q]", "budget")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*kind=target.*"))
    assert "unit=" not in page.url, "empty filters are left out of the address"
    rows = page.locator("#claims-table tbody tr")
    n = rows.count()
    expected = _json(page, server + "/claims.json?kind=target&q=budget")["pagination"]["total"]
    assert n == min(expected, 50) and n > 0
    badges = page.locator("#claims-table tbody tr td:first-child .badge").all_inner_texts()
    assert set(badges) == {"target"}
    shot(page, "claims-filtered")
    page.click("#claims-table th a:has-text('Period')")
    page.wait_for_url(re.compile(r".*sort=period.*"))
    periods = [p for p in page.locator("#claims-table tbody tr td.period").all_inner_texts() if p != "–"]
    assert periods == sorted(periods)


def test_upload_a_file(server: str, page: Any, tmp_path: Path) -> None:
    f = tmp_path / "ministry-update.txt"
    f.write_text(
        "The Ministry of Health said 42 new clinics opened in 2024. It plans to open 60 more by 2027.\n",
        encoding="utf-8",
    )
    page.goto(server + "/upload")
    page.set_input_files("input[name=files]", str(f))
    page.fill("input[name=source]", "Ministry press office")
    page.fill("input[name=date]", "2025-01-20")
    page.click("#upload-form button[type=submit]")
    result = page.locator("#upload-result")
    result.wait_for()
    assert "ingested" in result.inner_text() and "ministry-update.txt" in result.inner_text()
    shot(page, "upload")
    page.click("#upload-result a:has-text('open document')")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    assert page.locator(".doctext a.hl").count() >= 1
    assert "Ministry press office" in page.locator("p.meta").inner_text()


def test_shared_server_asks_for_its_token_once(token_server: str, page: Any) -> None:
    claims = _json(page, token_server + "/claims.json?kind=target")["claims"]
    claim = claims[0]
    page.goto(token_server + claim["href"])
    assert page.locator("#review-form input[name=token]").count() == 1, "forms ask for the token"
    page.click("header .auth a")
    page.wait_for_url(re.compile(r".*/login\?next=.*"))
    page.fill("input[name=token]", TOKEN)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(re.escape(claim["href"]) + "$"))
    assert "signed in" in page.locator("header .auth").inner_text()
    assert page.locator("#review-form input[name=token]").count() == 0
    # a first review asks who you are (the name is then remembered)
    page.fill("#review-form input[name=reviewer]", "Sam Signed-In")
    page.click("#review-form button[value=accept]")
    page.wait_for_url(re.compile(r".*done=accept.*"))
    assert "accept" in page.locator("ol.audit li").first.inner_text()
    shot(page, "signed-in-review")


@pytest.mark.parametrize("width", [390, 1400])
def test_rate_a_claim_and_find_it_in_the_audit_log(server: str, browser: Any, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    claims = _json(page, server + "/claims.json?kind=target&per_page=50")["claims"]
    claim = next(
        c
        for c in claims
        if c["review_state"] == "machine" and not _json(page, f"{server}{c['href']}.json")["rating"]
    )
    page.goto(server + claim["href"])
    form = page.locator("#rate-form")
    form.scroll_into_view_if_needed()
    assert form.is_visible()
    page.select_option("#rate-form select[name=rating]", "Misleading")
    page.fill("#rate-form input[name=reviewer]", "Rosa Checker")
    page.fill("#rate-form textarea[name=ruling]", f"Ruling at {width} px: the deadline moved.")
    page.click("#rate-form button[type=submit]")
    page.wait_for_url(re.compile(r".*done=rating.*"))
    assert "Misleading" in page.locator(".rating").inner_text()
    # the verdict form fits the screen at either width (its controls reachable without
    # scrolling sideways)
    right = page.evaluate("() => document.querySelector('#rate-form').getBoundingClientRect().right")
    assert right <= width + 1, right
    shot(page, f"claim-rated-{width}")
    page.goto(server + "/audit?action=rate")
    # the audit page itself never overflows sideways (its table scrolls inside itself)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    row = page.locator("table.audit-log tbody tr").first
    text = row.inner_text()
    assert "Rosa Checker" in text and "Misleading" in text and f"{width} px" in text
    row.locator("a").first.click()
    page.wait_for_url(re.compile(".*" + re.escape(claim["href"]) + "$"))
    shot(page, f"audit-{width}")
    ctx.close()
    assert not errors, errors
