"""The ledger fits Datasette and sqlite-utils (migration 0013): tested with the real tools.

The FTS index is the one those tools expect (external content on ``claims``, keyed by
rowid, synced by triggers); the views are there to facet on; ``datasette_metadata`` gives
titles, descriptions and facets that Datasette accepts.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from claimledger.ledger import (
    TABLE_METADATA,
    Ledger,
    datasette_metadata,
    db_url,
    doctor,
    open_engine,
    reading,
    repair_summaries,
)
from claimledger.ledger.migrations import DATASETTE_VIEWS
from claimledger.ledger.schema import metadata

sqlite_utils = pytest.importorskip("sqlite_utils")
datasette_app = pytest.importorskip("datasette.app")


def _ledger_search(db: Path, words: str) -> set[str]:
    """The claim ids claimledger's own search finds."""
    with Ledger(str(db)) as ledger:
        return {r.id for r in ledger.claims(search=words)}


def test_sqlite_utils_finds_the_index_and_searches(web_db: Path) -> None:
    from click.testing import CliRunner
    from sqlite_utils.cli import cli

    db = sqlite_utils.Database(web_db)
    assert db["claims"].detect_fts() == "claims_fts"
    found = {row["id"] for row in db["claims"].search("deficit")}
    assert found and found == _ledger_search(web_db, "deficit")
    result = CliRunner().invoke(cli, ["search", str(web_db), "claims", "deficit", "-c", "id", "--csv"])
    assert result.exit_code == 0, result.output
    assert set(result.output.split()[1:]) == found


def _get(ds: Any, path: str) -> Any:
    async def go() -> Any:
        return await ds.client.get(path)

    return asyncio.run(go())


def test_datasette_shows_search_and_facets(web_db: Path) -> None:
    meta = datasette_metadata(str(web_db))
    ds = datasette_app.Datasette([str(web_db)], metadata=meta, immutables=[])
    name = web_db.stem
    page = _get(ds, f"/{name}/claims")
    assert page.status_code == 200
    assert 'name="_search"' in page.text  # Datasette found claims_fts: the search box
    hits = _get(ds, f"/{name}/claims.json?_search=deficit&_shape=array&_col=id&_size=max").json()
    assert {h["id"] for h in hits} == _ledger_search(web_db, "deficit")
    for table, entry in meta["databases"][name]["tables"].items():
        if not entry.get("facets"):
            continue
        got = _get(ds, f"/{name}/{table}.json?_size=1&_extra=facet_results").json()
        assert "facet_results" in got, (table, got)
        results = got["facet_results"]
        results = results.get("results", results)
        assert set(entry["facets"]) <= set(results), (table, results)


def test_metadata_describes_every_table_and_view() -> None:
    views = {*DATASETTE_VIEWS, "claims_effective"}
    assert set(metadata.tables) | views <= set(TABLE_METADATA)
    meta = datasette_metadata("some/dir/ledger.db")
    assert list(meta["databases"]) == ["ledger"]
    json.dumps(meta)  # a metadata.json


def test_views_agree_with_the_library(web_db: Path) -> None:
    from claimledger.ledger import promise_status_counts

    engine = open_engine(str(web_db))
    try:
        with reading(engine) as conn:
            statuses = promise_status_counts(conn)
    finally:
        engine.dispose()
    with sqlite3.connect(web_db) as con:
        view = dict(con.execute("SELECT status, count(*) FROM promises GROUP BY status").fetchall())
        assert view == statuses and sum(view.values()) > 0
        # one promise per row
        assert con.execute("SELECT count(*) - count(DISTINCT claim_id) FROM promises").fetchone() == (0,)
        links = con.execute("SELECT count(*) FROM finding_claims").fetchone()[0]
        assert con.execute("SELECT count(*) FROM finding_claims_detail").fetchone()[0] == links
        cited = "SELECT count(*) FROM findings WHERE id IN (SELECT finding_id FROM finding_claims)"
        detail = "SELECT count(DISTINCT finding_id) FROM finding_claims_detail"
        assert con.execute(detail).fetchone() == con.execute(cited).fetchone()
        claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        assert con.execute("SELECT count(*) FROM claim_frames").fetchone()[0] == claims


def test_index_follows_writes_and_survives_vacuum(web_db: Path) -> None:
    def search(con: sqlite3.Connection, q: str) -> set[str]:
        sql = (
            "SELECT c.id FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid WHERE claims_fts MATCH ?"
        )
        return {r[0] for r in con.execute(sql, (q,))}

    con = sqlite3.connect(web_db)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        ids = sorted(search(con, "deficit"))
        gone, changed = ids[0], ids[1]
        with con:
            con.execute("DELETE FROM claims WHERE id = ?", (gone,))
            con.execute(
                "UPDATE claims SET sentence = 'Zanzibarian surplus.', subject = 'surplus' WHERE id = ?",
                (changed,),
            )
        assert search(con, "deficit") == set(ids) - {gone, changed}
        assert search(con, "zanzibarian") == {changed}
        rowids = dict(con.execute("SELECT id, rowid FROM claims"))
        con.execute("VACUUM")
        assert dict(con.execute("SELECT id, rowid FROM claims")) == rowids
        assert search(con, "deficit") == set(ids) - {gone, changed}
        # An index out of step with its claims is reported, and rebuilt from them.
        assert [c for c in doctor(db_url(str(web_db))).checks if c[0] == "search index"] == [
            ("search index", "ok")
        ]
        with con:
            con.execute("INSERT INTO claims_fts(claims_fts) VALUES ('delete-all')")
        checkup = doctor(db_url(str(web_db)))
        assert not checkup.ok and "search index" in checkup.problems[0]
        with con:
            con.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
        # The DELETE above went around the ledger's writes, so its summary counts are one
        # claim off too (doctor says so); recounting them makes the ledger sound again.
        assert [p for p in doctor(db_url(str(web_db))).problems if p.startswith("summary counts")]
        repair_summaries(db_url(str(web_db)))
        assert doctor(db_url(str(web_db))).ok
        assert search(con, "deficit") == set(ids) - {gone, changed}
    finally:
        con.close()


def test_metadata_command_needs_a_sqlite_file(capsys: pytest.CaptureFixture[str]) -> None:
    from claimledger.cli import main

    assert main(["datasette-metadata", "--db", "postgresql://host/ledger"]) == 1
    assert "[E067]" in capsys.readouterr().err
    assert main(["datasette-metadata", "--db", "news/ledger.db"]) == 0
    assert list(json.loads(capsys.readouterr().out)["databases"]) == ["ledger"]
