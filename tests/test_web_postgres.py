"""The dashboard over a PostgreSQL ledger.

The web suites' tests that go through the server (pages, JSON twins and their contract,
search, filters and pagination, claim and document pages, review forms and API with the
audit log, promises, indicators, uploads) run again here, unchanged, against the demo
ledger built on the server of ``CLAIMLEDGER_TEST_PG_URL``.  The server, the skip rules and
the fresh databases are ``test_ledger_postgres``'s.  The demo ledger is built once per
module; the read-only tests share one copy of it and every test that writes gets a copy of
its own (``CREATE DATABASE ... TEMPLATE``), as the SQLite fixtures do with file copies.

Left out: tests of SQLite itself (the ``data_version`` cache, the SQLite statement behind
the promise board), tests that never reach the ledger (highlighting, the bundled plotly.js,
upload limits checked before ingesting) and the security suite (headers, tokens and CSRF do
not depend on the database; its one ledger-backed fixture is covered by the review tests).
"""

from __future__ import annotations

import inspect as pyinspect
import itertools
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

import test_claim_filter as filter_suite
import test_ledger_postgres as pg_suite
import test_web as web_suite
import test_web_contract as contract_suite
from claimledger.web import create_app
from conftest import build_demo_ledger

pytestmark = pg_suite.pytestmark  # skip, saying why, without CLAIMLEDGER_TEST_PG_URL

_copies = itertools.count()


def _cases(module: ModuleType, names: list[str]) -> list[Any]:
    """``(test, parameters)`` for each named test; a parametrised test once per parameter
    set of its ``@pytest.mark.parametrize``."""
    out = []
    for name in names:
        case = getattr(module, name)
        marks = [m for m in getattr(case, "pytestmark", []) if m.name == "parametrize"]
        if not marks:
            out.append(pytest.param(case, {}, id=name))
            continue
        (mark,) = marks
        argnames, values = mark.args
        keys = [a.strip() for a in argnames.split(",")] if isinstance(argnames, str) else list(argnames)
        for i, value in enumerate(values):
            row = value if len(keys) > 1 else (value,)
            out.append(pytest.param(case, dict(zip(keys, row, strict=True)), id=f"{name}[{i}]"))
    return out


WEB_CASES = _cases(
    web_suite,
    [
        "test_every_page_renders",
        "test_every_page_has_a_json_twin",
        "test_overview_counts_match_the_claims_table",
        "test_document_view_highlights_every_claim_in_its_kind_colour",
        "test_hostile_document_renders_inert",
        "test_claims_filter_by_kind_and_unit",
        "test_full_text_search_finds_words_in_sentences",
        "test_search_finds_what_the_ledger_search_finds",
        "test_indicator_search_ignores_case_and_escapes_wildcards",
        "test_sorting_by_value",
        "test_pagination_is_stable_and_complete",
        "test_claims_page_shows_filters_and_pager",
        "test_review_form_round_trip_shows_the_audit_entry",
        "test_bad_review_input_gives_a_coded_error_page",
        "test_api_review_actions",
        "test_promise_board_groups_and_a_status_change_moves_the_card",
        "test_findings_link_to_their_claims",
        "test_indicator_chart_points_link_to_source_sentences",
        "test_upload_through_the_api_ingests_and_is_idempotent",
        "test_indicator_merge_and_split_forms",
        "test_claims_table_filters_and_sorts_on_corrected_values",
    ],
) + _cases(
    contract_suite,
    [
        "test_claims_page_shape",
        "test_documents_and_document_shape",
        "test_claim_detail_shape",
        "test_indicator_shapes",
        "test_findings_shape",
        "test_promises_shape",
        "test_overview_shape",
        "test_review_event_shapes",
        "test_every_error_has_one_shape",
        "test_html_errors_are_pages_with_the_same_fields",
    ],
)
#: Tests that ask for the writable client but write nothing (every request is refused).
_WRITE_NOTHING = {contract_suite.test_every_error_has_one_shape}


@pytest.fixture(scope="module")
def pg_demo() -> Iterator[pg_suite.Scratch]:
    """The demo ledger (corpus, hostile document, checks) in a database of its own, which
    is only ever copied."""
    scratch = pg_suite.Scratch(pg_suite.admin_or_skip())
    try:
        build_demo_ledger(scratch.url("demo"), hostile=True)  # type: ignore[arg-type]  # a URL works
        yield scratch
    finally:
        scratch.drop()


@pytest.fixture(scope="module")
def pg_ro_client(pg_demo: pg_suite.Scratch) -> Iterator[TestClient]:
    with TestClient(create_app(pg_demo.copy("demo", "read-only"))) as client:
        yield client


@pytest.mark.parametrize(("case", "params"), WEB_CASES)
def test_web_suites_on_postgres(
    case: Callable[..., Any],
    params: dict[str, Any],
    pg_demo: pg_suite.Scratch,
    pg_ro_client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if "web_client" not in pyinspect.signature(case).parameters or case in _WRITE_NOTHING:
        pg_suite._call(case, web_ro_client=pg_ro_client, web_client=pg_ro_client, **params)
        return
    with TestClient(create_app(pg_demo.copy("demo", f"writable-{next(_copies)}"))) as client:
        pg_suite._call(case, web_client=client, monkeypatch=monkeypatch, **params)


def test_one_claim_filter_on_postgres(pg_demo: pg_suite.Scratch, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI, the library and the dashboard select the same claims for every filter
    (``test_claim_filter``), on the server: the period test splits ranges with ``strpos``
    and compares in the "C" collation there."""
    url = pg_demo.copy("demo", "filters")
    filter_suite.add_reviews(url)
    with TestClient(create_app(url)) as client:
        filter_suite.check_every_filter(url, client, capsys)
        for sort in filter_suite.WALKED_SORTS:
            filter_suite.check_walked_pages(url, client, capsys, sort)
