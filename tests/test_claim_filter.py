"""One claim filter: ``claimledger claims``, ``Ledger.claims`` and the dashboard's claims
table select the same claims for every filter, over the bundled corpus with reviews.

Regression: the CLI and the web had a filter each; on the corpus ``--period 2024`` gave 46
claims in the CLI and 39 on the web page, ``--unit school`` 1 against 0.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimledger.cli import main
from claimledger.ledger import Ledger, as_you_type
from claimledger.models import KINDS
from claimledger.review import REVIEW_STATES


def add_reviews(db: str) -> None:
    """A few reviews: an accepted, a rejected and two corrected claims (one moved to
    another period, kind and unit, one to a range of years)."""
    from claimledger import review

    with Ledger(db) as led:
        rows = [r for r in led.claims() if r.q_text is not None]
        review.accept_claim(led.engine, rows[0].id, reviewer="ann")
        review.reject_claim(led.engine, rows[1].id, reviewer="ann")
        review.correct_claim(
            led.engine, rows[2].id, reviewer="bob", period="2027", kind="target", unit="school"
        )
        review.correct_claim(led.engine, rows[3].id, reviewer="bob", value=1.0, period="2023/2025")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory, web_demo_template: Path) -> Iterator[tuple[str, Any]]:
    """The corpus ledger (built once per session) copied, with reviews, and its dashboard."""
    from fastapi.testclient import TestClient

    from claimledger.web import create_app
    from conftest import copy_ledger

    db = str(copy_ledger(web_demo_template, tmp_path_factory.mktemp("filters") / "ledger.db"))
    add_reviews(db)
    with TestClient(create_app(db)) as client:
        yield db, client


def cli_ids(db: str, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    capsys.readouterr()
    assert main(["claims", "--db", db, "--format", "jsonl", *args]) == 0
    return [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]


def web_ids(client: Any, params: dict[str, Any]) -> tuple[int, list[str]]:
    got = client.get("/claims.json", params={**params, "per_page": 500})
    assert got.status_code == 200, got.text
    body = got.json()
    assert body["pagination"]["pages"] == 1, "the corpus fits one page"
    return body["pagination"]["total"], [c["id"] for c in body["claims"]]


def filters(db: str) -> list[dict[str, str]]:
    """Every value each filter can take on this ledger, plus values that match nothing or
    only through a range, and a few combinations."""
    with Ledger(db) as led:
        rows = led.claims()
        docs = led.documents()
    units = {v for r in rows for v in (r.unit, r.noun) if v}
    periods = {r.period for r in rows if r.period}
    years = sorted({int(p[:4]) for p in periods} | {int(p[-4:]) for p in periods if "/" in p})
    spans = [str(y) for y in range(years[0] - 1, years[-1] + 2)]
    out: list[dict[str, str]] = [{}]
    out += [{"kind": k} for k in KINDS]
    out += [{"unit": u} for u in sorted(units | {"school", "nothing"})]
    out += [
        {"period": p} for p in sorted(periods | set(spans) | {"2024-09", "2023/2025", "2027/2029", "FY24"})
    ]
    out += [{"doc": str(d.id)} for d in docs]
    out += [{"state": s} for s in REVIEW_STATES]
    out += [{"kind": "target", "period": "2027"}, {"unit": "%", "period": "2024", "state": "machine"}]
    out += [{"kind": "achievement", "doc": str(docs[0].id)}, {"unit": "school", "kind": "target"}]
    return out


#: The web's name for each CLI option.
WEB_NAME = {"kind": "kind", "unit": "unit", "period": "period", "doc": "document", "state": "state"}


def check_every_filter(db: str, client: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI's JSON lines, ``Ledger.claims`` and ``/claims.json`` agree on every filter."""
    cases = filters(db)
    assert len(cases) > 40
    with Ledger(db) as led:
        for f in cases:
            cli = cli_ids(db, capsys, *[a for k, v in f.items() for a in (f"--{k}", v)])
            total, web = web_ids(client, {WEB_NAME[k]: v for k, v in f.items()})
            lib = [r.id for r in led.claims(**{{"state": "review_state"}.get(k, k): v for k, v in f.items()})]
            assert len(cli) == total == len(lib), f
            assert sorted(cli) == sorted(web) == sorted(lib), f
    # The cases exercise the filter: most select something, not everything.
    everything = len(cli_ids(db, capsys))
    sizes = [len(cli_ids(db, capsys, *[a for k, v in f.items() for a in (f"--{k}", v)])) for f in cases[1:]]
    assert sum(0 < n < everything for n in sizes) > len(sizes) / 2


def test_cli_library_and_web_select_the_same_claims(
    reviewed: tuple[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    check_every_filter(*reviewed, capsys)


def paged_ids(client: Any, params: dict[str, Any], sort: str) -> list[str]:
    """Every id of the claims table walked 5 rows a page: small pages sorted by an indexed
    key make the table walk that index (``ledger._browse.page_ids``)."""
    out: list[str] = []
    page = 1
    while True:
        body = client.get("/claims.json", params={**params, "sort": sort, "per_page": 5, "page": page}).json()
        out += [c["id"] for c in body["claims"]]
        if page >= body["pagination"]["pages"]:
            return out
        page += 1


def check_walked_pages(db: str, client: Any, capsys: pytest.CaptureFixture[str], sort: str) -> None:
    for f in filters(db):
        if not {"kind", "unit", "period"} & set(f):
            continue
        cli = cli_ids(db, capsys, *[a for k, v in f.items() for a in (f"--{k}", v)])
        walked = paged_ids(client, {WEB_NAME[k]: v for k, v in f.items()}, sort)
        assert len(walked) == len(set(walked)) and sorted(walked) == sorted(cli), (f, sort)


#: Sorts of the claims table with an index to walk.
WALKED_SORTS = ["document", "period", "unit"]


@pytest.mark.parametrize("sort", WALKED_SORTS)
def test_small_pages_walk_to_the_same_claims(
    reviewed: tuple[str, Any], capsys: pytest.CaptureFixture[str], sort: str
) -> None:
    check_walked_pages(*reviewed, capsys, sort)


def test_period_and_unit_mean_what_the_docs_say(reviewed: tuple[str, Any]) -> None:
    """``unit`` matches the counted noun; ``period`` matches ranges that span it and the
    corrected period of a reviewed claim."""
    db, client = reviewed
    with Ledger(db) as led:
        rows = led.claims()
        nouns = {r.noun for r in rows if r.noun and r.unit is None}
        for noun in nouns:
            assert web_ids(client, {"unit": noun})[0] == sum(1 for r in rows if noun in (r.unit, r.noun))
        spanning = [r.id for r in rows if r.period == "2023/2025"]
        assert spanning, "the reviewed ledger has a claim for 2023/2025"
        assert set(spanning) <= set(web_ids(client, {"period": "2024"})[1])
        assert {r.id for r in led.claims(period="2027")} >= {r.id for r in rows if r.period == "2027"}


@pytest.mark.parametrize(
    "box", ["inflation", "infla", "budget deficit", "Budget 2024", "school", "23.9", "*"]
)
def test_the_search_box_is_the_ledger_search_as_you_type(
    reviewed: tuple[str, Any], capsys: pytest.CaptureFixture[str], box: str
) -> None:
    """The dashboard's search box makes its last word a prefix (it finds while the user
    types); the same search on the command line is ``as_you_type(box)``."""
    db, client = reviewed
    words = as_you_type(box)
    total, web = web_ids(client, {"q": box})
    cli = cli_ids(db, capsys, "--search", words) if words else cli_ids(db, capsys)
    assert total == len(cli) and sorted(web) == sorted(cli), (box, words)
