"""The story pages in Debian's headless Chromium at a phone's width (390 px) and a desktop's
(1400 px): axe-core (bundled by axe-playwright-python, no network) finds no accessibility
violation, nothing overflows the page sideways, every navigation item is on screen,
tables scroll inside their box with the sentence in view, and the promise board stacks.

Shares the server and browser of ``test_browser`` (Playwright on /usr/bin/chromium; the
module skips without it, except in CI)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from test_browser import UI_TIMEOUT_MS, _json, browser, server, shot  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

WIDTHS = (390, 1400)
#: Pages whose layout this branch owns, and the promise board (it must stack on a phone).
PAGES = ("/", "/claims", "/findings", "/promises", "/indicators", "DOCUMENT", "INDICATOR")
NAV = ("Overview", "Documents", "Claims", "Indicators", "Promises", "Findings", "Upload", "API")


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def sized(browser: Any, request: pytest.FixtureRequest) -> Iterator[tuple[Any, int]]:  # noqa: F811
    width = int(request.param)
    ctx = browser.new_context(viewport={"width": width, "height": 844 if width < 800 else 900})
    pg = ctx.new_page()
    pg.set_default_timeout(UI_TIMEOUT_MS)
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    yield pg, width
    ctx.close()
    assert not problems, problems


def _address(page: Any, base: str, which: str) -> str:
    if which == "DOCUMENT":
        f = _json(page, base + "/findings.json")["findings"][0]
        return f"/documents/{f['claims'][0]['document_id']}"
    if which == "INDICATOR":
        inds = _json(page, base + "/indicators.json?per_page=500")["indicators"]
        return f"/indicators/{max(inds, key=lambda i: i['claims'])['id']}"
    return which


def _axe(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa"], "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in found.response["violations"]
    ]


@pytest.mark.parametrize("which", PAGES)
def test_story_pages_are_accessible_and_fit(server: str, sized: tuple[Any, int], which: str) -> None:  # noqa: F811
    page, width = sized
    path = _address(page, server, which)
    page.goto(server + path)
    if which == "INDICATOR":
        page.wait_for_selector("#chart[data-ready='1'] .main-svg")
    assert _axe(page) == [], path
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow} px wider than the {width} px screen"
    for name in NAV:
        link = page.locator("header nav a", has_text=re.compile(f"^{name}$"))
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box)
    shot(page, f"{which.strip('/').replace('/', '-') or 'overview'}-{width}")


def test_claims_table_scrolls_in_its_box_with_the_sentence_in_view(
    server: str,  # noqa: F811
    sized: tuple[Any, int],
) -> None:
    page, width = sized
    page.goto(server + "/claims")
    box = page.locator("#claims-table").locator("xpath=..")
    assert box.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    quote = page.locator("#claims-table tbody tr").first.locator("td.quote").bounding_box()
    assert quote is not None and quote["x"] < width - 100, "the sentence starts in the first screenful"
    if width < 800:
        assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the table scrolls, not the page"


def test_promise_boards_stack_on_a_phone(server: str, sized: tuple[Any, int]) -> None:  # noqa: F811
    page, width = sized
    page.goto(server + "/promises")
    lefts = page.locator(".board > .column").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().left))"
    )
    assert lefts
    if width < 800:
        assert len(set(lefts)) == 1, "one column under another"
    else:
        assert len(set(lefts)) == len(lefts), "columns side by side"
    page.goto(server + "/")
    cards = page.locator("ul.promise-words a").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().right)"
    )
    assert cards and max(cards) <= width


def test_overview_top_finding_opens_that_finding(server: str, sized: tuple[Any, int]) -> None:  # noqa: F811
    page, _width = sized
    page.goto(server + "/")
    first = page.locator("ol.top-findings li a").first
    headline = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r".*/findings\?id=[\w-]+$"))
    assert page.locator("article.finding h2.message").inner_text() == headline
