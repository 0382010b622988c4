"""Review ergonomics in the browser (issue 13): a figure typed as people write it is stored,
a bad one is flagged next to its field with everything typed kept, and the reviewer's name
comes back on the next claim."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from test_browser import UI_TIMEOUT_MS, _json, browser, server, shot  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:  # noqa: F811
    """``test_browser.page``, except that the form's intended 422 answer is not a problem
    (Chromium logs every 4xx document load as a console error); script errors still are."""
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(UI_TIMEOUT_MS)
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" and "status of 422" not in m.text
            else None
        ),
    )
    yield pg
    ctx.close()
    assert not problems, problems


def _machine_claims(page: Any, server: str) -> list[dict[str, Any]]:  # noqa: F811
    claims = _json(page, server + "/claims.json?kind=achievement&per_page=200")["claims"]
    return [c for c in claims if c["quantity"] and c["review_state"] == "machine"]


def test_type_259bn_into_the_correction_form_and_see_it_stored(server: str, page: Any) -> None:  # noqa: F811
    claims = _machine_claims(page, server)
    claim, other = claims[0], claims[1]
    page.goto(server + claim["href"])
    page.fill("#review-form input[name=reviewer]", "Dana Desk")
    page.fill("#review-form input[name=note]", "the budget says $259bn")
    # a slip first: flagged next to the field, nothing typed lost
    page.fill("#review-form input[name=value]", "$259bn in 2024")
    page.click("#review-form button[value=correct]")
    error = page.locator("#review-form #err-value")
    error.wait_for()
    assert "[E030]" in error.inner_text()
    assert page.locator("#review-form input[name=value]").input_value() == "$259bn in 2024"
    assert page.locator("#review-form input[name=note]").input_value() == "the budget says $259bn"
    shot(page, "claim-correction-error")
    page.fill("#review-form input[name=value]", "$259bn")
    page.click("#review-form button[value=correct]")
    page.wait_for_url(re.compile(r".*done=correct.*"))
    q = _json(page, f"{server}/claims/{claim['id']}.json")["claim"]["quantity"]
    assert (q["value"], q["unit"]) == (259e9, "USD")
    assert "Dana Desk" in page.locator("ol.audit li").first.inner_text()
    # the name is remembered on the next claim's forms
    page.goto(server + other["href"])
    assert page.locator("#review-form input[name=reviewer]").input_value() == "Dana Desk"
    assert page.locator("#rate-form input[name=reviewer]").input_value() == "Dana Desk"


@pytest.mark.parametrize("width", [390, 1400])
def test_a_form_error_is_accessible_and_fits(server: str, browser: Any, width: int) -> None:  # noqa: F811
    from test_browser_story import _axe

    ctx = browser.new_context(viewport={"width": width, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(UI_TIMEOUT_MS)
    claim = _machine_claims(pg, server)[2]
    pg.goto(server + claim["href"])
    pg.fill("#review-form input[name=reviewer]", "Ari")
    pg.fill("#review-form input[name=value]", "roughly a lot")
    pg.click("#review-form button[value=correct]")
    pg.locator("#review-form #err-value").wait_for()
    assert _axe(pg) == []
    assert pg.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(pg, f"claim-correction-error-{width}")
    ctx.close()
