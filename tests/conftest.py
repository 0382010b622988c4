"""Shared fixtures.  The web fixtures (``web_*``) build a demo ledger the way a user would:
the bundled corpus through ``claimledger.pipeline.add_document``, then ``run_checks``.

The corpus ledger is built once per session; tests that write get their own copy (SQLite's
backup API copies a WAL database consistently), so tests never see each other's reviews.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: The folder beside the repository that CI provides (peer suites, reference series).
#: A user's clone does not have it.
SHARED = Path(__file__).resolve().parents[2] / "shared"


def pytest_configure(config: pytest.Config) -> None:
    # Starlette's TestClient warns that it wants a newer httpx; the warning is not ours to fix.
    config.addinivalue_line("filterwarnings", "ignore:Using .httpx. with .starlette.testclient.")
    config.addinivalue_line(
        "markers",
        "needs_shared(path): needs ../shared/<path>; skips with the reason when it is absent, "
        "fails under CI=true",
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs_shared"):
        path = SHARED / mark.args[0]
        if path.exists():
            continue
        why = f"{path} is absent (../shared is provided beside the repository in CI only)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why}: CI must provide it", pytrace=False)
        pytest.skip(why)


#: A document whose text carries markup an attacker could plant in a scraped page.  The
#: figures make the extractor produce claims whose spans sit right next to the markup.
HOSTILE_TEXT = (
    "Officials said spending reached 5 billion dollars in 2023. "
    '<script>window.__xss = "script";</script> '
    "<img src=x onerror=\"window.__xss = 'img'\"> "
    "The ministry will build 40 schools by 2026 <b onmouseover=\"window.__xss='b'\">now</b>. "
    '"><svg onload="window.__xss=\'svg\'"> Exports grew 12% in 2024.'
)


def build_demo_ledger(path: Path, *, hostile: bool = False) -> Path:
    """A ledger at ``path`` with the bundled corpus (and the hostile document), checked."""
    from claimledger.corpus import load_corpus
    from claimledger.ledger import Ledger
    from claimledger.models import Document
    from claimledger.pipeline import add_document

    ledger = Ledger(str(path))
    try:
        for doc in load_corpus():
            add_document(ledger, doc)
        if hostile:
            add_document(
                ledger,
                Document(
                    text=HOSTILE_TEXT,
                    id="hostile.html",
                    title='<script>window.__xss="title"</script>Hostile page',
                    source="<b>scraped</b>",
                    published="2024-05-01",
                    format="html",
                ),
            )
        try:
            from claimledger.checks import run_checks
        except ImportError:  # checks not built yet: pages still work, with no findings
            pass
        else:
            run_checks(ledger.engine)
    finally:
        ledger.close()
    return path


def copy_ledger(src: Path, dst: Path) -> Path:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return dst


@pytest.fixture(scope="session")
def web_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus ledger plus one hostile document, built once; never written to."""
    return build_demo_ledger(tmp_path_factory.mktemp("webdemo") / "demo.db", hostile=True)


@pytest.fixture
def web_db(web_demo_template: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the demo ledger."""
    return copy_ledger(web_demo_template, tmp_path / "ledger.db")


@pytest.fixture
def web_client(web_db: Path) -> Iterator[Any]:
    """A TestClient over the demo ledger, with no token (local mode)."""
    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    with TestClient(create_app(str(web_db))) as client:
        yield client


@pytest.fixture
def web_ro_client(web_demo_template: Path) -> Iterator[Any]:
    """A TestClient straight over the shared template: for read-only tests only."""
    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    with TestClient(create_app(str(web_demo_template))) as client:
        yield client


@pytest.fixture
def web_token() -> str:
    """The access token ``web_token_client``'s server is configured with."""
    return "s3cret-token-for-tests-0123456789"


@pytest.fixture
def web_token_client(web_db: Path, web_token: str) -> Iterator[Any]:
    """A TestClient over a server configured with ``web_token``."""
    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    with TestClient(create_app(str(web_db), token=web_token)) as client:
        yield client
