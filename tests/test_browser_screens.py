"""Screenshot tests: every page of the dashboard at a phone's width (390 px) and a desktop's
(1400 px), full page, compared with a stored baseline by a perceptual diff (issue 13).

The server, browser and ledger are those of ``test_browser`` (Debian's Chromium through
Playwright; the module skips without /usr/bin/chromium, except in CI).  The ledger is the
bundled corpus with one hostile document, a few reviews (an acceptance, a correction, a
rating, a promise status) and the checks run as of ``CHECKS_DAY``, so findings and promise
statuses do not move with the calendar.  In the page the clock is fixed, animations and
the caret are off, and the cells that carry the time of a review are masked.

Each screenshot is compared with ``tests/screens/<page>-<width>.png`` by pixelmatch (YIQ
colour distance, anti-aliased pixels detected and ignored): a pixel differs when its
distance is over ``PIXEL_THRESHOLD``; the test fails when more than ``TOLERANCE`` of the
pixels differ, or when the height or width moved by more than ``SIZE_SLACK`` px.  On a
failure the actual image and a diff image (differing pixels in red) are written to the
test's temporary folder and named in the message.

After an intended layout change, rewrite every baseline with one command:

    CLAIMLEDGER_UPDATE_SCREENS=1 PYTHONPATH=src python -m pytest tests/test_browser_screens.py
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from test_browser import UI_TIMEOUT_MS, _serve, browser  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

SCREENS = Path(__file__).resolve().parent / "screens"
UPDATE = os.environ.get("CLAIMLEDGER_UPDATE_SCREENS") == "1"
WIDTHS = (390, 1400)
#: The day the checks judge deadlines against, and the clock in the page.
CHECKS_DAY = date(2026, 1, 15)
PAGE_CLOCK = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
#: pixelmatch's per-pixel threshold (0..1 of the YIQ distance; its default is 0.1).
PIXEL_THRESHOLD = 0.1
#: The share of differing pixels a page may have and still pass.
TOLERANCE = 0.001
#: How many px the page's width or height may move before the sizes count as different.
SIZE_SLACK = 4
#: Regions that carry the time of a review (the audit log's "when", an event's time in a
#: claim's or the overview's log, a verdict's date): they differ between two runs.
MASKS = ("table.audit-log td.mono", "ol.audit li .muted.small", "p:has(> strong.rating) + p.small")
REVIEWER = "Screen Tester"
#: The comparison's tile (px), and how pixelmatch marks a differing pixel in its mask.
TILE = 128
#: In a diff image: pixels changed in tiles left unmatched once the verdict was known.
UNMATCHED = (255, 0, 255)


# --- the comparison ---------------------------------------------------------------------


@dataclass(frozen=True)
class Diff:
    """How an actual screenshot differs from its baseline."""

    expected_size: tuple[int, int]
    actual_size: tuple[int, int]
    differing: int  # pixels over the threshold (anti-aliasing left out), in the common area
    total: int  # pixels of the common area
    image: Any  # a PIL image: the baseline greyed, differing pixels red (see ``compare``)
    complete: bool = True  # False: matching stopped past the tolerance; ``differing`` is a floor

    @property
    def share(self) -> float:
        return self.differing / self.total if self.total else 1.0

    @property
    def size_moved(self) -> bool:
        return any(abs(a - b) > SIZE_SLACK for a, b in zip(self.expected_size, self.actual_size, strict=True))

    @property
    def ok(self) -> bool:
        return not self.size_moved and self.share <= TOLERANCE

    def describe(self) -> str:
        more = "" if self.complete else "more than "
        return (
            f"{more}{self.differing} of {self.total} pixels differ ({self.share:.3%}, "
            f"tolerance {TOLERANCE:.1%}); "
            f"size {self.expected_size} -> {self.actual_size} (slack {SIZE_SLACK} px)"
        )


def compare(
    expected: Any, actual: Any, *, threshold: float = PIXEL_THRESHOLD, include_aa: bool = False
) -> Diff:
    """Compare two PIL images over their common area with pixelmatch.

    pixelmatch is pure Python, so only what differs goes through it: the common area is cut
    into tiles, and of each tile with a changed pixel, the box of its changes (with a margin
    of 3 px, what the anti-aliasing test looks at) is matched.  Identical pixels never count,
    so the count is pixelmatch's over the whole image.  Once the count is past the tolerance
    the verdict is known: the remaining tiles are drawn with every changed pixel marked
    (magenta) and not matched, and the count is a lower bound (``complete`` is False)."""
    from PIL import Image, ImageChops

    w, h = min(expected.width, actual.width), min(expected.height, actual.height)
    a = expected.convert("RGB").crop((0, 0, w, h))
    b = actual.convert("RGB").crop((0, 0, w, h))
    out = Image.blend(a.convert("L").convert("RGB"), Image.new("RGB", (w, h), "white"), 0.8)
    changed = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v else 0)
    budget = int(TOLERANCE * w * h)
    differing, complete = 0, True
    for top in range(0, h, TILE):
        for left in range(0, w, TILE):
            tile = (left, top, min(left + TILE, w), min(top + TILE, h))
            box = changed.crop(tile).getbbox()
            if box is None:
                continue
            if differing > budget and not include_aa:
                complete = False
                out.paste(UNMATCHED, tile, changed.crop(tile))
                continue
            found, inner = _match(
                a, b, (left + box[0], top + box[1], left + box[2], top + box[3]), threshold, include_aa
            )
            differing += found
            out.paste(inner, (left + box[0], top + box[1]), inner)
    return Diff(expected.size, actual.size, differing, w * h, out, complete)


def _match(
    a: Any, b: Any, box: tuple[int, int, int, int], threshold: float, include_aa: bool
) -> tuple[int, Any]:
    """pixelmatch over ``box`` (with its margin): the differing pixels in it, and its mask."""
    from PIL import Image
    from pixelmatch.contrib.PIL import pixelmatch

    m = 3
    crop = (max(box[0] - m, 0), max(box[1] - m, 0), min(box[2] + m, a.width), min(box[3] + m, a.height))
    mask = Image.new("RGBA", (crop[2] - crop[0], crop[3] - crop[1]))
    pixelmatch(a.crop(crop), b.crop(crop), mask, threshold=threshold, includeAA=include_aa, diff_mask=True)
    inner = mask.crop((box[0] - crop[0], box[1] - crop[1], box[2] - crop[0], box[3] - crop[1]))
    # with diff_mask, pixelmatch draws only the differing pixels (opaque red)
    return inner.getchannel("A").histogram()[255], inner


def reduce_colours(image: Any) -> Any:
    """``image`` with at most 256 colours (a palette PNG is a third of the size).  Baselines
    are stored so and each screenshot is reduced the same way before the comparison, so an
    unchanged page gives the same bytes; a new colour covering a block gets its own entry."""
    from PIL import Image

    return image.convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


def check_screen(name: str, png: bytes, where: Path, *, screens: Path = SCREENS) -> None:
    """Compare ``png`` with the baseline ``name`` in ``screens``, or write it when updating;
    on a failure the actual and diff images go to ``where``."""
    from PIL import Image

    baseline = screens / f"{name}.png"
    actual = reduce_colours(Image.open(io.BytesIO(png)))
    if UPDATE or not baseline.exists():
        screens.mkdir(exist_ok=True)
        actual.save(baseline, optimize=True)
        if not UPDATE:
            pytest.fail(f"no baseline for {name}: wrote {baseline}; commit it", pytrace=False)
        return
    diff = compare(Image.open(baseline), actual)
    if diff.ok:
        return
    where.mkdir(parents=True, exist_ok=True)
    actual_path, diff_path = where / f"{name}.actual.png", where / f"{name}.diff.png"
    actual.save(actual_path)
    diff.image.save(diff_path)
    pytest.fail(
        f"{name} differs from {baseline}: {diff.describe()}.\n"
        f"  actual: {actual_path}\n  diff:   {diff_path}\n"
        "  If the change is intended: CLAIMLEDGER_UPDATE_SCREENS=1 PYTHONPATH=src "
        "python -m pytest tests/test_browser_screens.py",
        pytrace=False,
    )


# --- the ledger, the server and the pages --------------------------------------------------


def _seed(db: Path) -> None:
    """A few reviews of fixed claims, then the checks as of ``CHECKS_DAY`` (a review re-runs
    the checks as of today; the last run decides what is stored)."""
    from fastapi.testclient import TestClient

    from claimledger import review
    from claimledger.checks import run_checks
    from claimledger.ledger import Ledger
    from claimledger.web import create_app

    with TestClient(create_app(str(db))) as client:
        targets = client.get("/claims.json?kind=target&per_page=500").json()["claims"]
        figures = client.get("/claims.json?kind=achievement&per_page=500").json()["claims"]
    numbered = sorted((c for c in targets if c["quantity"]), key=lambda c: c["id"])
    achieved = sorted((c for c in figures if c["quantity"]), key=lambda c: c["id"])
    ledger = Ledger(str(db))
    try:
        engine = ledger.engine
        review.accept_claim(engine, achieved[0]["id"], reviewer=REVIEWER, note="matches the release")
        review.correct_claim(
            engine, achieved[1]["id"], reviewer=REVIEWER, value=7.25, note="the table says 7.25"
        )
        review.rate_claim(
            engine, numbered[0]["id"], "Misleading", ruling="The deadline moved.", reviewer=REVIEWER
        )
        review.set_promise_status(
            engine, numbered[1]["id"], "in_progress", "work has begun", reviewer=REVIEWER
        )
        run_checks(engine, now=CHECKS_DAY)
    finally:
        ledger.close()


@pytest.fixture(scope="module")
def screen_server(web_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conftest import copy_ledger

    where = tmp_path_factory.mktemp("screens")
    db = copy_ledger(web_demo_template, where / "seeded.db")
    _seed(db)
    yield from _serve(db, where)


def _get(base: str, path: str) -> Any:
    import httpx

    return httpx.get(base + path, timeout=30).json()


def _rated_claim(base: str) -> str:
    audit = _get(base, "/audit.json?action=rate")["events"]
    return f"/claims/{audit[0]['target_id']}"


def _busiest_indicator(base: str) -> str:
    inds = _get(base, "/indicators.json?per_page=500")["indicators"]
    return f"/indicators/{max(inds, key=lambda i: (i['claims'], -i['id']))['id']}"


def _findings_document(base: str) -> str:
    f = _get(base, "/findings.json")["findings"][0]
    return f"/documents/{f['claims'][0]['document_id']}"


def _one_finding(base: str) -> str:
    return f"/findings?id={_get(base, '/findings.json')['findings'][0]['id']}"


#: Every page: its name in the baseline's file name, and its address (or how to find it).
PAGES: dict[str, str | Callable[[str], str]] = {
    "overview": "/",
    "documents": "/documents",
    "document": _findings_document,
    "claims": "/claims?per_page=20",
    "search": "/claims?q=budget",
    "claim": _rated_claim,
    "indicators": "/indicators",
    "indicator": _busiest_indicator,
    "findings": "/findings",
    "finding": _one_finding,
    "promises": "/promises",
    "audit": "/audit",
    "upload": "/upload",
    "apidocs": "/docs",
    "login": "/login",
    "not-found": "/no-such-page",
}


class Camera:
    """One tab per width (a fresh tab for each page costs more than the page), each with the
    clock fixed at ``PAGE_CLOCK``; ``shoot`` takes a page's full-page screenshot."""

    def __init__(self, browser: Any, base: str) -> None:  # noqa: F811
        self.browser, self.base = browser, base
        self.tabs: dict[int, Any] = {}

    def tab(self, width: int) -> Any:
        if width not in self.tabs:
            ctx = self.browser.new_context(
                viewport={"width": width, "height": 844 if width < 800 else 900}, device_scale_factor=1
            )
            page = ctx.new_page()
            page.set_default_timeout(UI_TIMEOUT_MS)
            page.clock.set_fixed_time(PAGE_CLOCK)
            self.tabs[width] = page
        return self.tabs[width]

    def shoot(self, path: str, width: int, *, css: str | None = None) -> bytes:
        """``path`` at ``width`` px (with ``css`` added), animations and caret off, masked."""
        page = self.tab(width)
        page.goto(self.base + path)
        if page.locator("#chart").count():
            page.wait_for_selector("#chart[data-ready='1'] .main-svg")
        page.evaluate("() => document.fonts.ready")
        if css:
            page.add_style_tag(content=css)
        png: bytes = page.screenshot(
            full_page=True,
            animations="disabled",
            caret="hide",
            mask=[page.locator(s) for s in MASKS],
            mask_color="#888888",
        )
        return png

    def close(self) -> None:
        for page in self.tabs.values():
            page.context.close()


@pytest.fixture(scope="module")
def camera(browser: Any, screen_server: str) -> Iterator[Camera]:  # noqa: F811
    cam = Camera(browser, screen_server)
    yield cam
    cam.close()


@pytest.fixture(scope="module")
def addresses(screen_server: str) -> dict[str, str]:
    return {
        name: (where if isinstance(where, str) else where(screen_server)) for name, where in PAGES.items()
    }


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_looks_as_before(
    addresses: dict[str, str],
    camera: Camera,
    name: str,
    width: int,
    tmp_path: Path,
) -> None:
    png = camera.shoot(addresses[name], width)
    check_screen(f"{name}-{width}", png, tmp_path)


# --- the comparison can fail ----------------------------------------------------------------


def _image(png: bytes) -> Any:
    from PIL import Image

    return reduce_colours(Image.open(io.BytesIO(png))).convert("RGB")


#: The first finding's card drawn 40 px lower, over the next one.
MOVE_A_BLOCK = "article.finding:first-of-type { position: relative; top: 40px; }"


def test_a_block_moved_by_40px_is_reported(
    addresses: dict[str, str],
    camera: Camera,
    tmp_path: Path,
) -> None:
    """The findings page with a block (the first finding) moved 40 px down, over the next
    one, or with the page pushed 40 px down, fails; the same page rendered again passes."""
    from PIL import Image

    path = addresses["findings"]
    plain = _image(camera.shoot(path, 1400))
    again = compare(plain, _image(camera.shoot(path, 1400)))
    assert again.ok and again.differing == 0, again.describe()
    over_png = camera.shoot(path, 1400, css=MOVE_A_BLOCK)
    over = _image(over_png)
    diff = compare(plain, over)
    assert over.size == plain.size and not diff.ok and diff.share > TOLERANCE, diff.describe()
    pushed = _image(camera.shoot(path, 1400, css=".page-head { margin-bottom: 40px; }"))
    diff = compare(plain, pushed)
    assert pushed.height - plain.height == 40 and diff.size_moved and not diff.ok, diff.describe()
    assert diff.share > TOLERANCE, "the common area differs too, not only the size"
    # the failure names the actual and diff images it wrote
    base = tmp_path / "screens"
    base.mkdir()
    reduce_colours(plain).save(base / "findings-1400.png")
    with pytest.raises(pytest.fail.Exception) as failed:
        check_screen("findings-1400", over_png, tmp_path / "out", screens=base)
    written = [Path(line.split(": ", 1)[1].strip()) for line in str(failed.value).splitlines()[1:3]]
    assert [p.name for p in written] == ["findings-1400.actual.png", "findings-1400.diff.png"]
    assert all(p.stat().st_size > 0 for p in written)
    baseline = SCREENS / "findings-1400.png"
    if baseline.exists() and not UPDATE:
        assert compare(Image.open(baseline), plain).ok
        assert not compare(Image.open(baseline), over).ok


def test_a_one_pixel_antialiasing_change_stays_under_tolerance(
    addresses: dict[str, str],
    camera: Camera,
) -> None:
    """Blocks drawn half a pixel to the side change only their edges' anti-aliasing: the
    comparison passes, while the same page with a block in another colour does not."""
    path = addresses["upload"]
    plain = _image(camera.shoot(path, 1400))
    nudged = _image(camera.shoot(path, 1400, css="button { transform: translateX(0.5px); }"))
    diff = compare(plain, nudged)
    assert plain.tobytes() != nudged.tobytes(), "the nudge changed no pixel"
    assert diff.ok, diff.describe()
    # what keeps it under: pixelmatch recognised the changed edges as anti-aliasing
    assert compare(plain, nudged, include_aa=True).differing > diff.differing
    recoloured = _image(camera.shoot(path, 1400, css="#upload-form { background: #fde68a; }"))
    diff = compare(plain, recoloured)
    assert not diff.ok, diff.describe()
