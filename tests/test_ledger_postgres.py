"""The same ledger on a real PostgreSQL server.

Runs when CLAIMLEDGER_TEST_PG_URL names a database on a server whose user may create
databases (``.ci/run`` starts a throwaway one, e.g.
``postgresql+psycopg://postgres@127.0.0.1:55432/claims_test``).  Every test gets fresh
databases of its own, named after that one and dropped afterwards, so pytest-xdist workers
never meet.  Without the variable these tests skip; with ``CI=true`` and the variable set,
a server that cannot be reached fails them instead, so CI cannot go green without them.

Rather than copy test code, the SQLite suites' tests that go through the public API run
again here, unchanged: each is handed a PostgreSQL ledger (or engine), and the names
they open ledgers with (``Ledger(path)``, ``_engine_at(tmp_path)``) are swapped, for the
duration of one test, for factories that open a fresh PostgreSQL database per path.
Left out are the tests about SQLite itself (WAL, PRAGMA, the FTS5 table, ``sqlite3``
copies, SIGKILL checked through ``sqlite3``) and CLI tests that pass a file path.
"""

from __future__ import annotations

import functools
import inspect as pyinspect
import io
import itertools
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

import test_checks_run as checks_suite
import test_ledger as ledger_suite
import test_ledger_ingest as ingest_suite
import test_migrations as migrations_suite
import test_review as review_suite
import test_review_ratings as ratings_suite
from claimledger import review
from claimledger.checks import load_findings
from claimledger.corpus import load_corpus
from claimledger.errors import LedgerError
from claimledger.ledger import Ledger, _engine, open_engine
from claimledger.ledger.export import ExportOptions, export
from claimledger.ledger.migrations import MIGRATIONS, applied, migrate
from claimledger.ledger.queries import EFFECTIVE_COLUMNS
from claimledger.ledger.schema import indicator_claims, indicators
from claimledger.models import Document
from claimledger.pipeline import add_document, ingest
from conftest import build_demo_ledger

PG_URL = os.environ.get("CLAIMLEDGER_TEST_PG_URL")
pytestmark = pytest.mark.skipif(
    not PG_URL, reason="CLAIMLEDGER_TEST_PG_URL is not set (.ci/run starts a server and sets it)"
)

_test_numbers = itertools.count()


@functools.cache
def _admin_engine() -> Engine | str:
    """An autocommit engine on the server (CREATE DATABASE cannot run in a transaction), or
    why there is none; tried once per process."""
    assert PG_URL
    try:
        eng = create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with eng.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as e:  # no driver, refused, bad credentials: all mean "no server"
        return f"PostgreSQL at CLAIMLEDGER_TEST_PG_URL is unusable: {type(e).__name__}: {e}"
    return eng


def admin_or_skip() -> Engine:
    """The server's admin engine; skips the test when there is none (fails it in CI)."""
    eng = _admin_engine()
    if isinstance(eng, str):
        if os.environ.get("CI") == "true":
            pytest.fail(eng)  # CI started a server for these tests: they must run
        pytest.skip(eng)
    return eng


@pytest.fixture()
def pg_admin() -> Engine:
    return admin_or_skip()


class Scratch:
    """Fresh databases on the test server, one per key (a path, a name), for one test."""

    def __init__(self, admin: Engine) -> None:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.admin = admin
        self.prefix = f"{admin.url.database}_{worker}_{next(_test_numbers)}"
        self.names: dict[str, str] = {}

    def url(self, key: object = "main") -> str:
        """The URL of the database for ``key``, created empty on first use."""
        k = str(key)
        if k not in self.names:
            name = self.names[k] = f"{self.prefix}_{len(self.names)}"
            with self.admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        return self.admin.url.set(database=self.names[k]).render_as_string(hide_password=False)

    def copy(self, template: object, key: object) -> str:
        """The URL of a new database for ``key`` holding a copy of ``template``'s (a key
        used before, whose database nobody may be connected to): a server-side file copy,
        much faster than building the same ledger again."""
        k = str(key)
        assert k not in self.names, k
        name = self.names[k] = f"{self.prefix}_{len(self.names)}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{self.names[str(template)]}"')
        return self.url(k)

    def ledger(self, path: object) -> Ledger:
        """Stands in for ``Ledger(path)`` in the SQLite suites: one database per path."""
        return Ledger(self.url(path))

    def engine(self, tmp_path: object) -> Engine:
        """Stands in for ``test_migrations._engine_at``: an engine without migrations."""
        return _engine.create(self.url(tmp_path))

    def drop(self) -> None:
        with self.admin.connect() as conn:
            for name in self.names.values():
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture()
def pg(pg_admin: Engine) -> Iterator[Scratch]:
    scratch = Scratch(pg_admin)
    yield scratch
    scratch.drop()


def _call(case: Callable[..., Any], **available: Any) -> None:
    """Call a test function with the fixtures it names, from ``available``."""
    params = pyinspect.signature(case).parameters
    case(**{name: available[name] for name in params})


def _cases(module: ModuleType, names: list[str]) -> list[Any]:
    return [pytest.param(getattr(module, n), id=n) for n in names]


# -- the SQLite suites, again ----------------------------------------------------------------

LEDGER_CASES = _cases(
    ledger_suite,
    [
        "test_add_document_stores_every_claim_once",
        "test_documents_lists_metadata_and_claim_counts",
        "test_claim_filters",
        "test_period_filter_matches_periods_that_share_time",
        "test_corrections_overlay_machine_values",
        "test_duplicate_claim_ids_within_a_document_are_made_unique",
        "test_concurrent_add_of_same_text_stores_it_once",  # a unique-key race, not a lock
        "test_roundtrip_any_text",
        "test_store_document_stores_the_given_claims_under_the_given_extractor",
        "test_a_duplicate_is_not_extracted_again",
        "test_timestamps_are_written_in_one_format",
    ],
)
INGEST_CASES = _cases(
    ingest_suite,
    [
        "test_ingest_mixed_tree_reports_failures_and_is_idempotent",
        "test_overrides_apply_to_every_document",
        "test_bad_date_is_refused_before_reading",
        "test_workers_store_the_same_claims_as_one_process",
        "test_reextract_replaces_machine_claims_and_keeps_human_work",
    ],
)
MIGRATION_CASES = _cases(
    migrations_suite,
    [
        "test_review_events_are_append_only",
        "test_newer_database_is_refused",
        "test_transaction_rolls_back_ddl",
    ],
)
REVIEW_CASES = [
    pytest.param(f, id=n)
    for suite in (review_suite, ratings_suite)
    for n, f in vars(suite).items()
    # Every review test but the parametrised ones (their parameters are input validation).
    if n.startswith("test_") and callable(f) and not hasattr(f, "pytestmark")
]
CHECK_CASES = _cases(
    checks_suite,
    [
        "test_run_checks_stores_findings_with_stable_ids",
        "test_new_document_updates_promise_in_place",
        "test_rejected_claim_removes_its_finding",
        "test_promise_override_wins",
        "test_relink_explains_and_merge_split_survive",
    ],
)


@pytest.mark.parametrize("case", LEDGER_CASES + INGEST_CASES)
def test_ledger_suites_on_postgres(
    case: Callable[..., Any], pg: Scratch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for suite in (ledger_suite, ingest_suite):
        monkeypatch.setattr(suite, "Ledger", pg.ledger)
    with Ledger(pg.url()) as led:
        _call(case, ledger=led, tmp_path=tmp_path)


@pytest.mark.parametrize("case", MIGRATION_CASES)
def test_migration_suite_on_postgres(
    case: Callable[..., Any], pg: Scratch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations_suite, "_engine_at", pg.engine)
    _call(case, tmp_path=tmp_path)


@pytest.mark.parametrize("case", REVIEW_CASES)
def test_review_suite_on_postgres(case: Callable[..., Any], pg: Scratch, tmp_path: Path) -> None:
    build_demo_ledger(pg.url())  # type: ignore[arg-type]  # a URL works wherever a path does
    engine = open_engine(pg.url())
    try:
        _call(case, engine=engine, web_db=None, tmp_path=tmp_path)
    finally:
        engine.dispose()


@pytest.mark.parametrize("case", CHECK_CASES)
def test_checks_suite_on_postgres(case: Callable[..., Any], pg: Scratch) -> None:
    with Ledger(pg.url()) as led:  # what test_checks_run's ``ledger`` fixture holds
        add_document(
            led,
            Document(text=checks_suite.T1, id="kz-a", title="Budget interview", published="2024-01-08"),
            claims=checks_suite._claims("kz-a", checks_suite.T1, checks_suite.S1),
        )
        _call(case, ledger=led)


# -- PostgreSQL's own schema ------------------------------------------------------------------


def _assert_schema_matches_schema_py(engine: Engine) -> None:
    norm = migrations_suite._normalise_pk_nullability
    got = norm(migrations_suite._schema_of(engine))
    insp = inspect(engine)
    for name, table in got.items():
        # PostgreSQL reports a UNIQUE constraint's index as an index too, and FLOAT (no
        # precision) back as DOUBLE PRECISION, which is what FLOAT means there.  The search
        # index is PostgreSQL's own (an expression, not a column of schema.py).
        skip = {i["name"] for i in insp.get_indexes(name) if i.get("duplicates_constraint")}
        skip.add("ix_claims_search")
        table["idx"] = [i for i in table["idx"] if i[0] not in skip]
        for col, (typ, null) in table["cols"].items():
            table["cols"][col] = ("FLOAT" if typ == "DOUBLE PRECISION" else typ, null)
    assert got == norm(migrations_suite._schema_of_metadata(engine))
    assert [c["name"] for c in insp.get_columns("claims_effective")] == list(EFFECTIVE_COLUMNS)
    assert not insp.has_table("claims_fts")  # FTS5 is SQLite's
    search = [i for i in insp.get_indexes("claims") if i["name"] == "ix_claims_search"]
    assert search and search[0]["dialect_options"]["postgresql_using"] == "gin"


def test_blank_database_matches_schema_py(pg: Scratch) -> None:
    engine = _engine.create(pg.url())
    assert migrate(engine) == [m.name for m in MIGRATIONS]
    assert applied(engine) == [m.name for m in MIGRATIONS]
    _assert_schema_matches_schema_py(engine)
    assert migrate(engine) == []
    engine.dispose()


def test_upgrade_from_first_schema_keeps_data(pg: Scratch) -> None:
    engine = _engine.create(pg.url())
    assert migrate(engine, upto="0001_initial") == ["0001_initial"]
    migrations_suite._insert_first_schema_rows(engine)
    assert migrate(engine) == [m.name for m in MIGRATIONS[1:]]
    with engine.connect() as conn:
        row = conn.execute(text("SELECT value, review_state FROM claims_effective WHERE id='c1'")).one()
    assert tuple(row) == (13.0, "corrected")
    _assert_schema_matches_schema_py(engine)
    with Ledger(engine=engine) as led:  # rows from before the search migration are found
        assert [r.id for r in led.claims(search="exports")] == ["c1"]


# -- the same answers as SQLite ---------------------------------------------------------------


def _ledger_state(engine: Engine) -> dict[str, Any]:
    """Everything the checks and the linker produce, in a form that compares across databases."""
    findings = {
        f["id"]: (f["type"], f["severity"], f["message"], f["details"], f["checker"],
                  [(c["id"], c["role"]) for c in f["claims"]])
        for f in load_findings(engine)
    }  # fmt: skip
    with engine.connect() as conn:
        groups = conn.execute(
            select(indicators.c.key, indicators.c.name, indicator_claims.c.claim_id).join(
                indicator_claims, indicator_claims.c.indicator_id == indicators.c.id
            )
        ).all()
    with Ledger(engine=engine) as led:
        claims = {
            r.id: {k: getattr(r, k) for k in EFFECTIVE_COLUMNS if k != "document_id"} for r in led.claims()
        }
        exports = {}
        for fmt in ("jsonl", "csv", "claimreview"):
            out = io.StringIO()
            opts = ExportOptions(base_url="https://factcheck.example", publisher="Desk", include_unrated=True)
            export(led, fmt, out, options=opts)
            exports[fmt] = out.getvalue()
    return {"findings": findings, "indicators": sorted(map(tuple, groups)), "claims": claims, **exports}


@pytest.fixture(scope="module")
def sqlite_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_ledger(tmp_path_factory.mktemp("pgcmp") / "demo.db")


def test_corpus_gives_the_findings_claims_and_exports_sqlite_gives(pg: Scratch, sqlite_demo: Path) -> None:
    build_demo_ledger(pg.url())  # type: ignore[arg-type]
    with Ledger(str(sqlite_demo)) as lite, Ledger(pg.url()) as post:
        want, got = _ledger_state(lite.engine), _ledger_state(post.engine)
    assert want["findings"], "the bundled corpus should give findings"
    assert set(got["findings"]) == set(want["findings"])
    assert got == want
    # The Datasette views (0013) read the same on both databases.
    with Ledger(str(sqlite_demo)) as lite, Ledger(pg.url()) as post:
        views = [_views_state(lite.engine), _views_state(post.engine)]
    assert views[0]["promises"], "the bundled corpus should give promises"
    assert views[1] == views[0]


def _views_state(engine: Engine) -> dict[str, Any]:
    from sqlalchemy import text

    with engine.connect() as conn:
        return {
            "promises": sorted(
                tuple(r)
                for r in conn.execute(text("SELECT claim_id, deadline, status, status_source FROM promises"))
            ),
            "findings": sorted(
                (r[0], r[1], r[2], round(r[3] or 0, 6))
                for r in conn.execute(
                    text("SELECT finding_id, claim_id, role, confidence FROM finding_claims_detail")
                )
            ),
            "frames": sorted(
                tuple(r)
                for r in conn.execute(
                    text("SELECT claim_id, measure_id, entity_id, status FROM claim_frames")
                )
            ),
        }


#: Searches over the corpus plus ``SEARCH_TEXT``: words, prefixes, numbers with points and
#: dashes, case, diacritics, apostrophes, Cyrillic, and strings that are syntax elsewhere.
SEARCHES = [
    "budget", "BUDGET", "budget spending", "infla*", "inflation", "flat", "tenge", "23.9",
    "2025", "6-8", "schools 2026", "Sécurité", "securite", "cafe*", "o'brien", "brien",
    "бюджет", "бюдж*", "covid-19", "covid", "19", "%", "x & y | !z", "'; DROP TABLE claims; --",
    ":* <->", "under_score", "under",
]  # fmt: skip
SEARCH_TEXT = (
    "The Sécurité sociale café will cost 12 million euros in 2025, said O'Brien. "
    "Бюджет на 2025 год составит 20 триллионов тенге. "
    "COVID-19 spending fell to 3% of GDP in 2024. The under_score fund holds 5 billion."
)


def test_search_finds_what_sqlite_finds(pg: Scratch, tmp_path: Path) -> None:
    found: dict[str, dict[str, list[tuple[int, int, str]]]] = {}
    for name, url in (("sqlite", str(tmp_path / "s.db")), ("postgresql", pg.url())):
        with Ledger(url) as led:
            for doc in load_corpus():
                add_document(led, doc)
            add_document(led, Document(text=SEARCH_TEXT, id="extra", published="2025-01-10"))
            found[name] = {q: [(r.document_id, r.seq, r.id) for r in led.claims(search=q)] for q in SEARCHES}
    lite, post = found["sqlite"], found["postgresql"]
    assert sum(map(bool, lite.values())) >= len(SEARCHES) // 2, "most searches should find something"
    for q in SEARCHES:
        assert {i for *_, i in post[q]} == {i for *_, i in lite[q]}, q
        assert post[q] == sorted(post[q]), f"{q}: PostgreSQL returns matches in document order"


def test_audit_log_refuses_update_and_delete_through_the_review_api(pg: Scratch) -> None:
    build_demo_ledger(pg.url())  # type: ignore[arg-type]
    engine = open_engine(pg.url())
    try:
        cid = review_suite.a_claim(engine)
        review.accept_claim(engine, cid, reviewer="ana")
        for stmt in ("UPDATE review_events SET reviewer = 'eve'", "DELETE FROM review_events"):
            with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
                conn.execute(text(stmt))
        assert [e["reviewer"] for e in review_suite.events(engine)] == ["ana"]
    finally:
        engine.dispose()


def test_concurrent_first_opens_of_a_blank_database_all_succeed(pg: Scratch) -> None:
    # Regression: a PostgreSQL transaction takes no lock until it writes, so processes that
    # opened a blank ledger at once all created the same tables and all but one got E020.
    url = pg.url()
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def open_it() -> None:
        barrier.wait()
        try:
            Ledger(url).close()
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    engine = create_engine(url, poolclass=NullPool)
    assert applied(engine) == [m.name for m in MIGRATIONS]


def test_nul_character_is_a_coded_error_not_a_driver_error(pg: Scratch, tmp_path: Path) -> None:
    # PostgreSQL text cannot hold U+0000.  Stored directly it is E023, not a DataError; read
    # from a file it is refused by the reader (E001: NUL characters after decoding).
    with Ledger(pg.url()) as led:
        with pytest.raises(LedgerError) as err:
            add_document(led, Document(text="Exports rose 5% in 2024.\x00", id="nul"))
        assert err.value.code == "E023" and "NUL" in str(err.value)
        (tmp_path / "late.txt").write_text("Exports rose 5% in 2024. " * 500 + "\x00")
        (tmp_path / "fine.txt").write_text("Imports fell 3% in 2024.")
        s = ingest(led, [str(tmp_path)])
        assert (s.ingested, [f.code for f in s.failures]) == (1, ["E001"])
        assert [d.doc_key for d in led.documents()] == [str(tmp_path / "fine.txt")]


def test_reference_series_import_vintages_and_one_transaction_on_postgres(pg: Scratch) -> None:
    """Official statistics on PostgreSQL: an import, a second vintage, a replaced vintage,
    the lookup by (entity, period), and a bad file that leaves nothing behind."""
    from claimledger.errors import ReferenceDataError
    from claimledger.ledger import reading, reference_for, reference_series
    from claimledger.reference import ImportOptions, import_reference

    fix = Path(__file__).parent / "fixtures" / "reference"
    engine = open_engine(pg.url())
    try:
        import_reference(engine, fix / "wdi-wide.csv")
        import_reference(engine, fix / "wdi-wide.csv")  # the same vintage: replaced
        opts = ImportOptions(indicator="NY.GDP.MKTP.CD", vintage="2026-03-20")
        import_reference(engine, fix / "wdi-long.csv", opts)
        with pytest.raises(ReferenceDataError):
            import_reference(engine, fix / "plain.csv", ImportOptions(vintage="x", columns={"entity": "iso"}))
        with reading(engine) as conn:
            stored = reference_series(conn)
            got = reference_for(conn, [("KAZ", "2023"), ("KEN", "2023")])
        assert sorted((s.info.code, s.values) for s in stored) == [
            ("FP.CPI.TOTL.ZG", 11),
            ("NY.GDP.MKTP.CD", 3),
        ]
        assert {(v.series.code, v.entity) for v in got} == {
            ("FP.CPI.TOTL.ZG", "KAZ"),
            ("FP.CPI.TOTL.ZG", "KEN"),
            ("NY.GDP.MKTP.CD", "KAZ"),
            ("NY.GDP.MKTP.CD", "KEN"),
        }
    finally:
        engine.dispose()
