"""Read paths that stay fast (issues 13 and 16, item 4): the summary counts the writes keep
(migration 0015), checked exact after every kind of write, on SQLite and on PostgreSQL
(``CLAIMLEDGER_TEST_PG_URL``, as tests/test_ledger_postgres.py; skipped without it, failed
under ``CI=true`` when the server cannot be reached)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from claimledger import review
from claimledger.checks import run_checks
from claimledger.corpus import load_corpus
from claimledger.extract import EXTRACTOR
from claimledger.ledger import (
    Ledger,
    check_summaries,
    db_url,
    doctor,
    ledger_counts,
    repair_summaries,
    set_promise_override,
    summary_counts,
    transaction,
    upsert_correction,
)
from claimledger.ledger._summary import counted
from claimledger.models import Document
from claimledger.pipeline import add_document, extract_document

OPENERS = ["sqlite", "postgresql"]
AT = "2024-01-01T00:00:00Z"


@pytest.fixture(params=OPENERS)
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    from test_ledger_postgres import PG_URL, Scratch, admin_or_skip

    if not PG_URL:
        pytest.skip("CLAIMLEDGER_TEST_PG_URL is not set (.ci/run starts a server and sets it)")
    scratch = Scratch(admin_or_skip())
    try:
        yield scratch.url("summary")
    finally:
        scratch.drop()


INVENTED = [
    Document(
        text="The ministry will build 40 bridges by 2031. In 2023 it built 12 bridges. "
        "Exports reached 5.2 billion dollars in 2022.",
        id="bridges.txt",
        published="2024-02-01",
    ),
    Document(
        text="By 2030 the city plans to plant 90,000 trees. Last year 7,500 trees were planted. "
        "Unemployment fell to 4.1 percent in 2023.",
        id="trees.txt",
        published="2024-03-05",
    ),
]


def _exact(led: Ledger) -> None:
    """The stored summary equals the counts over the tables, part by part."""
    with transaction(led.engine) as conn:
        assert check_summaries(conn) == []
        real = counted(conn)
    got = ledger_counts(led.engine)
    assert sum(got.by_kind.values()) == sum(n for (p, _), n in real.items() if p == "kind") > 0
    assert dict(got.by_state) == {k: n for (p, k), n in real.items() if p == "state"}
    assert got.promise_statuses == {k: n for (p, k), n in real.items() if p == "promise"}
    assert got.documents == real["documents", ""]


def _claims_of(led: Ledger, kind: str) -> list[str]:
    return [r.id for r in led.claims(kind=kind) if r.review_state != "rejected"]


def test_summaries_stay_exact_after_every_kind_of_write(ledger_url: str) -> None:
    led = Ledger(ledger_url)
    try:
        # one document at a time (store_document)
        for doc in load_corpus()[:3]:
            add_document(led, doc)
        _exact(led)
        # a batch, with a text met twice and one stored already (COPY on PostgreSQL)
        batch = [(d, extract_document(d)) for d in INVENTED]
        results = led.store_documents([*batch, batch[0]], extractor=EXTRACTOR)
        assert [r.status for r in results] == ["ingested", "ingested", "duplicate"]
        _exact(led)
        # a check run: re-link (indicators) and findings, promise statuses from the checker
        run_checks(led.engine)
        _exact(led)
        before = summary_counts(_conn := led.engine.connect())
        _conn.close()
        assert before.findings_by_type and before.indicators
        # the ledger's own review writes, without the check run the review API adds
        targets = _claims_of(led, "target")
        assert len(targets) >= 3
        with transaction(led.engine) as conn:
            set_promise_override(
                conn, targets[0], status="kept", note=None, reviewer="t", at="2024-01-01T00:00:00Z"
            )
        _exact(led)
        with transaction(led.engine) as conn:
            upsert_correction(
                conn, targets[1], {"state": "rejected"}, reviewer="t", at="2024-01-01T00:00:00Z"
            )
        _exact(led)
        other = _claims_of(led, "achievement")[0]
        with transaction(led.engine) as conn:
            upsert_correction(
                conn, other, {"state": "corrected", "kind": "target"}, reviewer="t", at="2024-01-01T00:00:00Z"
            )
        _exact(led)
        with transaction(led.engine) as conn:  # the correction changed again: back to its kind
            upsert_correction(
                conn, other, {"state": "accepted", "kind": None}, reviewer="t", at="2024-01-02T00:00:00Z"
            )
        _exact(led)
        # the public review actions (each re-checks)
        review.accept_claim(led.engine, targets[2], reviewer="t")
        _exact(led)
        review.set_promise_status(led.engine, targets[2], "not_kept", reviewer="t")
        _exact(led)
        review.correct_claim(led.engine, targets[2], reviewer="t", kind="forecast")
        _exact(led)
        review.reject_claim(led.engine, other, reviewer="t")
        _exact(led)
        # re-extraction: a document's claims replaced by a subset (machine claims dropped,
        # reviewed ones kept) and then by all of them again
        doc = next(d for d in led.documents() if d.doc_key == "bridges.txt")
        full = extract_document(INVENTED[0])
        led.replace_claims(doc.id, full[:1], extractor="older")
        _exact(led)
        led.replace_claims(doc.id, full, extractor=EXTRACTOR)
        _exact(led)
        run_checks(led.engine)
        _exact(led)
    finally:
        led.close()


def test_the_overview_reads_the_summary_and_doctor_finds_and_repairs_drift(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    led = Ledger(db)
    try:
        for doc in INVENTED:
            add_document(led, doc)
        run_checks(led.engine)
        real = ledger_counts(led.engine)
        with transaction(led.engine) as conn:  # what a writer that bypasses the ledger does
            conn.execute(text("UPDATE ledger_summary SET n = n + 7 WHERE part = 'kind' AND key = 'target'"))
        drifted = ledger_counts(led.engine)
        assert drifted.by_kind["target"] == real.by_kind["target"] + 7  # read from the summary
    finally:
        led.close()
    url = db_url(db)
    up = doctor(url)
    assert not up.ok
    assert any("kind[target]: stored" in p for p in up.problems)
    wrong = repair_summaries(url)
    assert wrong and "kind[target]" in wrong[0]
    assert doctor(url).ok
    led = Ledger(db)
    try:
        assert ledger_counts(led.engine).by_kind == real.by_kind
    finally:
        led.close()


def test_migration_0015_fills_the_summary_from_an_existing_ledger(tmp_path: Path) -> None:
    from claimledger.ledger import open_engine
    from claimledger.ledger.migrations import migrate

    db = str(tmp_path / "old.db")
    led = Ledger(db)
    try:
        for doc in INVENTED:
            add_document(led, doc)
        run_checks(led.engine)
        expected = ledger_counts(led.engine)
        with transaction(led.engine) as conn:  # back to a ledger from before 0015
            conn.execute(text("DROP TABLE ledger_summary"))
            conn.execute(text("DELETE FROM schema_migrations WHERE name = '0015_read_paths'"))
            for name in _index_names_0015():
                conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
            for name, cols in (
                ("document", "document_id, seq"),
                ("kind", "kind"),
                ("unit", "unit"),
                ("period", "period"),
            ):
                conn.execute(text(f"CREATE INDEX ix_claims_{name} ON claims ({cols})"))  # as 0001 made them
    finally:
        led.close()
    engine = open_engine(db)  # migrates
    try:
        assert "0015_read_paths" not in migrate(engine)  # applied on open already
        got = ledger_counts(engine)
        assert got.by_kind == expected.by_kind and got.promise_statuses == expected.promise_statuses
        assert got.findings_by_type == expected.findings_by_type and got.indicators == expected.indicators
    finally:
        engine.dispose()


def _index_names_0015() -> list[str]:
    import re

    from claimledger.ledger.migrations import _READ_PATH_INDEXES_0015

    return [m.group(1) for s in _READ_PATH_INDEXES_0015 if (m := re.search(r"INDEX (\w+)", s))]


# -- keyset pagination ---------------------------------------------------------------------


def _walk(engine: object, f: object, sort: str, desc: bool, per: int) -> list[str]:
    """Every id, following the cursors from the first page."""
    from claimledger.ledger import claims_page

    out: list[str] = []
    after = None
    for _ in range(10_000):
        page = claims_page(engine, f, sort=sort, desc=desc, limit=per, after=after)  # type: ignore[arg-type]
        out += [r.id for r in page.records]
        after = page.next_after
        if after is None:
            return out
    raise AssertionError("the cursors did not end")


def test_keyset_pages_give_the_offset_order_for_every_sort(ledger_url: str) -> None:
    from claimledger.ledger import CLAIM_SORT_COLUMNS, ClaimFilter, claims_page

    led = Ledger(ledger_url)
    try:
        for doc in [*load_corpus()[:3], *INVENTED]:
            add_document(led, doc)
        ids = [r.id for r in led.claims()]
        # reviewed claims come through the effective view: a changed kind, a rejection
        review.correct_claim(led.engine, ids[3], reviewer="t", kind="forecast", period=None)
        review.reject_claim(led.engine, ids[5], reviewer="t")
        for f in (ClaimFilter(), ClaimFilter(kind="target"), ClaimFilter(review_state="corrected")):
            for sort in CLAIM_SORT_COLUMNS:
                for desc in (False, True):
                    whole = claims_page(led.engine, f, sort=sort, desc=desc, limit=500)
                    expected = [r.id for r in whole.records]
                    assert whole.total == len(expected)
                    assert _walk(led.engine, f, sort, desc, 7) == expected, (f, sort, desc)
    finally:
        led.close()


def test_a_bad_cursor_is_e068() -> None:
    from claimledger.errors import LedgerError
    from claimledger.ledger._browse import decode_cursor, encode_cursor

    good = encode_cursor(["target", "abc"])
    assert decode_cursor(good, "kind") == ["target", "abc"]
    for bad in (
        "!!!",
        encode_cursor([1, 2]),
        encode_cursor(["x"]),
        good + "x" * 3000,
        encode_cursor([True, "a"]),
    ):
        with pytest.raises(LedgerError) as e:
            decode_cursor(bad, "kind")
        assert e.value.code == "E068"


# -- every filter reads an index (EXPLAIN) -------------------------------------------------

#: The claims table's filters (the web's and ``claimledger claims``'s), one value each.
EXPLAIN_FILTERS = {
    "none": {},
    "kind": {"kind": "target"},
    "unit": {"unit": "%"},
    "period": {"period": "2024"},
    "document": {"doc": 2},
    "search": {"search": "budget"},
    "state": {"review_state": "machine"},
    "reviewed": {"review_state": "corrected"},
    "kind+unit": {"kind": "achievement", "unit": "%"},
}
SORTS = ("document", "kind", "unit", "period", "subject", "value", "state")
#: Names a plan gives the claims table: its own, the effective view's alias, the search's.
CLAIMS_NAMES = ("claims", "c", "fts_claim")


def _captured(engine: object, run: Callable[[], object]) -> list[tuple[str, object]]:
    from sqlalchemy import event

    got: list[tuple[str, object]] = []

    def grab(conn: object, cursor: object, statement: str, parameters: object, *rest: object) -> None:
        got.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    return [
        (s, p) for s, p in got if "claims" in s and not s.lstrip().upper().startswith(("EXPLAIN", "PRAGMA"))
    ]


def _scans(conn: object, statement: str, params: object) -> list[str]:
    """The plan's reads of the claims table that are not an index search: a table scan
    anywhere, or a whole index read in a count (a page's ordered walk of an index stops at
    its LIMIT and is allowed)."""
    c: Any = conn
    if c.dialect.name == "sqlite":
        plan = [str(r[3]) for r in c.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)]
        bad = []
        for line in plan:
            m = re.match(r"SCAN (\w+)( USING)?", line)
            if m is None or m.group(1) not in CLAIMS_NAMES:
                continue
            if m.group(2) is None or "LIMIT" not in statement or "count(" in statement:
                bad.append(line)
        return bad
    c.exec_driver_sql("SET enable_seqscan = off")  # small test tables: a scan only if no index serves
    try:
        plan = [str(r[0]) for r in c.exec_driver_sql("EXPLAIN " + statement, params)]
    finally:
        c.exec_driver_sql("RESET enable_seqscan")
    return [line.strip() for line in plan if re.search(r"Seq Scan on (claims|claims_effective)\b", line)]


def test_every_filter_reads_an_index_never_every_claim(ledger_url: str) -> None:
    from claimledger.ledger import ClaimFilter, claims_page, findings_page

    led = Ledger(ledger_url)
    try:
        for doc in [*load_corpus()[:3], *INVENTED]:
            add_document(led, doc)
        ids = [r.id for r in led.claims()]
        review.correct_claim(led.engine, ids[3], reviewer="t", kind="forecast")
        run_checks(led.engine)
        problems: list[str] = []
        for name, values in EXPLAIN_FILTERS.items():
            f = ClaimFilter(**values)
            runs: list[tuple[str, Callable[[], object]]] = [
                (f"claimledger claims {name}", lambda f=f: led.claims(**_cli(f), limit=100)),
            ]
            for sort in SORTS:
                first = claims_page(led.engine, f, sort=sort, limit=3)
                runs.append(
                    (f"{name} by {sort}", lambda f=f, s=sort: claims_page(led.engine, f, sort=s, limit=3))
                )
                if first.next_after:
                    runs.append(
                        (
                            f"{name} by {sort}, keyset",
                            lambda f=f, s=sort, a=first.next_after: claims_page(
                                led.engine, f, sort=s, limit=3, after=a
                            ),
                        )
                    )
            for label, run in runs:
                for statement, params in _captured(led.engine, run):
                    with led.engine.connect() as conn:
                        bad = _scans(conn, statement, params)
                    if bad:
                        problems.append(f"{label}: {bad} in {' '.join(statement.split())[:200]}")
        for kw in ({"severity": "warning"}, {"type": "promise"}, {"documents": [1]}):
            run = functools.partial(findings_page, led.engine, **kw)
            for statement, params in _captured(led.engine, run):
                with led.engine.connect() as conn:
                    bad = _scans(conn, statement, params)
                if bad:
                    problems.append(f"findings {kw}: {bad}")
        assert problems == []
    finally:
        led.close()


def _cli(f: Any) -> dict[str, Any]:
    return {"kind": f.kind, "unit": f.unit, "period": f.period, "doc": f.doc, "search": f.search,
            "review_state": f.review_state}  # fmt: skip


def test_a_deep_keyset_page_searches_the_index_from_its_cursor(tmp_path: Path) -> None:
    """Page 1,500 of 2,000 by cursor: the unreviewed rows are a range of the sort's index
    starting at the cursor (SEARCH, not SCAN), for the default order and by kind."""
    from claimledger.ledger import ClaimFilter, claims_page

    led = Ledger(str(tmp_path / "l.db"))
    try:
        for doc in INVENTED:
            add_document(led, doc)
        for sort, index in (("document", "ix_claims_document"), ("kind", "ix_claims_kind")):
            first = claims_page(led.engine, ClaimFilter(), sort=sort, limit=1)
            assert first.next_after
            run = functools.partial(
                claims_page, led.engine, ClaimFilter(), sort=sort, limit=1, after=first.next_after
            )
            plans = []
            for statement, params in _captured(led.engine, run):
                if "merged" not in statement:
                    continue
                with led.engine.connect() as conn:
                    plans += [
                        str(r[3]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)
                    ]
            assert any(
                p.startswith(f"SEARCH claims USING COVERING INDEX {index} (") and ">" in p for p in plans
            ), plans
            assert not [p for p in plans if re.match(r"SCAN (claims|c)\b", p)], plans
    finally:
        led.close()


def test_keyset_pages_of_findings_give_the_offset_order(ledger_url: str) -> None:
    from claimledger.ledger import findings_page

    led = Ledger(ledger_url)
    try:
        for doc in [*load_corpus()[:4], *INVENTED]:
            add_document(led, doc)
        run_checks(led.engine)
        for severity in ("all", "flagged", "info"):
            whole = findings_page(led.engine, severity=severity, limit=500)
            expected = [c.finding.id for c in whole.findings]
            got: list[str] = []
            after = None
            while True:
                page = findings_page(led.engine, severity=severity, limit=3, after=after)
                got += [c.finding.id for c in page.findings]
                assert page.total == whole.total == len(expected)
                if page.next_after is None:
                    break
                after = page.next_after
            assert got == expected, severity
    finally:
        led.close()


def test_the_json_lists_link_their_next_page(web_client: Any) -> None:
    """Following ``links.next`` of /claims.json and /findings.json walks every row once, in
    the numbered pages' order; a bad cursor is 422 E068."""
    for path, rows in (
        ("/claims.json?sort=value&order=desc&per_page=20", "claims"),
        ("/findings.json?severity=all", "findings"),
    ):
        whole = web_client.get(path.split("?")[0] + "?" + path.split("?")[1] + "&per_page=500").json()
        expected = [r["id"] for r in whole[rows]]
        got: list[str] = []
        url: str | None = (
            path.replace("per_page=20", "per_page=7") if "per_page" in path else path + "&per_page=7"
        )
        while url:
            body = web_client.get(url).json()
            got += [r["id"] for r in body[rows]]
            url = body["links"]["next"]
        assert got == expected and len(got) > 7
    bad = web_client.get("/claims.json?after=nope")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "E068"
    bad = web_client.get("/findings.json?after=" + "x" * 30)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "E068"
