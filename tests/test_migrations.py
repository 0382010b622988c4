"""Migrations: named, append-only, tested from a blank database and from the first schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from claimledger.errors import LedgerError
from claimledger.ledger import _engine
from claimledger.ledger.migrations import MIGRATIONS, applied, migrate
from claimledger.ledger.queries import EFFECTIVE_COLUMNS
from claimledger.ledger.schema import metadata

#: Released migrations, frozen: a release may only append to this list, never edit it.
RELEASED = [
    "0001_initial",
    "0002_claims_effective_view",
    "0003_claims_fts",
    "0004_review_events_append_only",
    "0005_documents_doc_key_index",
]


#: The claim ids a full-text query matches: the index (0013) is keyed by the rowid of ``claims``.
_FTS_HITS = (
    "SELECT c.id FROM claims_fts JOIN claims AS c ON c.rowid = claims_fts.rowid WHERE claims_fts MATCH :q"
)


def _engine_at(tmp_path: Path) -> Engine:
    return _engine.create(f"sqlite:///{tmp_path / 'ledger.db'}")


def _schema_of(engine: Engine) -> dict[str, Any]:
    """Tables -> columns (type, nullable), primary key, indexes, uniques, foreign keys."""
    insp = inspect(engine)
    out: dict[str, Any] = {}
    for name in metadata.tables:
        cols = {c["name"]: (str(c["type"]).upper(), bool(c["nullable"])) for c in insp.get_columns(name)}
        pk = sorted(insp.get_pk_constraint(name)["constrained_columns"])
        idx = sorted((i["name"], tuple(i["column_names"])) for i in insp.get_indexes(name))
        uniq = sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(name))
        fks = sorted(
            (tuple(f["constrained_columns"]), f["referred_table"], (f.get("options") or {}).get("ondelete"))
            for f in insp.get_foreign_keys(name)
        )
        out[name] = {"cols": cols, "pk": pk, "idx": idx, "uniq": uniq, "fks": fks}
    return out


def _schema_of_metadata(engine: Engine) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, t in metadata.tables.items():
        cols = {
            c.name: (
                str(c.type.compile(dialect=engine.dialect)).upper(),
                bool(c.nullable) and not c.primary_key,
            )
            for c in t.columns
        }
        # SQLite reports a non-INTEGER primary key column as nullable; normalise both sides.
        pk = sorted(c.name for c in t.primary_key.columns)
        idx = sorted((i.name, tuple(c.name for c in i.columns)) for i in t.indexes)
        uniq = sorted((c.name,) for c in t.columns if c.unique)
        fks = sorted(((fk.parent.name,), fk.column.table.name, fk.ondelete) for fk in t.foreign_keys)
        out[name] = {"cols": cols, "pk": pk, "idx": idx, "uniq": uniq, "fks": fks}
    return out


def _normalise_pk_nullability(schema: dict[str, Any]) -> dict[str, Any]:
    for t in schema.values():
        for c in t["pk"]:
            typ, _ = t["cols"][c]
            t["cols"][c] = (typ, False)
    return schema


def test_released_migrations_are_append_only() -> None:
    names = [m.name for m in MIGRATIONS]
    assert names[: len(RELEASED)] == RELEASED
    assert names == sorted(names) and len(set(names)) == len(names)


def test_blank_database_matches_schema_py(tmp_path: Path) -> None:
    engine = _engine_at(tmp_path)
    assert migrate(engine) == [m.name for m in MIGRATIONS]
    assert applied(engine) == [m.name for m in MIGRATIONS]
    got = _normalise_pk_nullability(_schema_of(engine))
    want = _normalise_pk_nullability(_schema_of_metadata(engine))
    assert got == want
    insp = inspect(engine)
    assert "claims_effective" in insp.get_view_names()
    assert [c["name"] for c in insp.get_columns("claims_effective")] == list(EFFECTIVE_COLUMNS)
    assert insp.has_table("claims_fts")
    assert migrate(engine) == []  # idempotent


def _insert_first_schema_rows(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (hash, doc_key, format, text, ingested_at, extractor) "
                "VALUES ('h1', 'a.txt', 'text', 'Exports rose 12% to $5 billion.', 't', 'x.v0')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO claims (id, document_id, seq, kind, subject, sent_start, sent_end, "
                "sentence, q_text, q_start, q_end, value, qualifier, unit, cues, extractor) VALUES "
                "('c1', 1, 0, 'achievement', 'exports', 0, 31, 'Exports rose 12% to $5 billion.', "
                "'12%', 13, 16, 12, 'exact', '%', :cues, 'x.v0')"
            ),
            {"cues": json.dumps(["rose"])},
        )
        conn.execute(
            text(
                "INSERT INTO corrections (claim_id, state, value, reviewer, updated_at) "
                "VALUES ('c1', 'corrected', 13, 'ann', 't')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO review_events (at, reviewer, action, target_type, target_id, payload) "
                "VALUES ('t', 'ann', 'correct', 'claim', 'c1', '{}')"
            )
        )


def test_upgrade_from_first_schema_keeps_data(tmp_path: Path) -> None:
    engine = _engine_at(tmp_path)
    assert migrate(engine, upto="0001_initial") == ["0001_initial"]
    assert not inspect(engine).get_view_names()
    _insert_first_schema_rows(engine)
    assert migrate(engine) == [m.name for m in MIGRATIONS[1:]]
    with engine.connect() as conn:
        row = conn.execute(text("SELECT value, review_state FROM claims_effective WHERE id='c1'")).one()
        assert tuple(row) == (13.0, "corrected")
        # A claim stored before 0008 has no frame; reextract fills it (test_ledger_ingest).
        row = conn.execute(text("SELECT frame, measure_id, period_role FROM claims_effective WHERE id='c1'"))
        assert tuple(row.one()) == (None, None, None)
        assert conn.execute(text("SELECT count(*) FROM claim_relations")).scalar() == 0
        # The FTS index was backfilled from the rows that existed before it.
        hits = conn.execute(text(_FTS_HITS), {"q": "exports"}).all()
        assert [h[0] for h in hits] == ["c1"]
    got = _normalise_pk_nullability(_schema_of(engine))
    assert got == _normalise_pk_nullability(_schema_of_metadata(engine))


def test_review_events_are_append_only(tmp_path: Path) -> None:
    engine = _engine_at(tmp_path)
    migrate(engine, upto="0001_initial")
    _insert_first_schema_rows(engine)
    migrate(engine)
    for stmt in ("UPDATE review_events SET note = 'x'", "DELETE FROM review_events"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(stmt))
    with engine.begin() as conn:  # appending still works
        conn.execute(
            text(
                "INSERT INTO review_events (at, reviewer, action, target_type, target_id, payload) "
                "VALUES ('t2', 'bob', 'accept', 'claim', 'c1', '{}')"
            )
        )
        assert conn.execute(text("SELECT count(*) FROM review_events")).scalar() == 2


def test_fts_follows_claim_updates_and_deletes(tmp_path: Path) -> None:
    engine = _engine_at(tmp_path)
    migrate(engine)
    _insert_first_schema_rows(engine)

    def hits(q: str) -> list[str]:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(text(_FTS_HITS), {"q": q})]

    assert hits("exports") == ["c1"]
    with engine.begin() as conn:
        conn.execute(text("UPDATE claims SET sentence = 'Imports fell.' WHERE id = 'c1'"))
    assert hits("sentence : exports") == [] and hits("imports") == ["c1"]
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM claims WHERE id = 'c1'"))
    assert hits("imports") == []


def test_newer_database_is_refused(tmp_path: Path) -> None:
    engine = _engine_at(tmp_path)
    migrate(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO schema_migrations VALUES ('9999_future', 't')"))
    with pytest.raises(LedgerError) as err:
        migrate(engine)
    assert err.value.code == "E021"


def test_transaction_rolls_back_ddl(tmp_path: Path) -> None:
    # The engine issues BEGIN itself, so DDL inside a failed transaction is undone; this is
    # what makes a crashed migration leave the database at a migration boundary.
    engine = _engine_at(tmp_path)
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.execute(text("CREATE TABLE scratch (x INTEGER)"))
        raise RuntimeError("boom")
    assert not inspect(engine).has_table("scratch")


def test_0013_moves_the_search_index_to_external_content_and_keeps_every_hit(tmp_path: Path) -> None:
    engine = _engine_at(tmp_path)
    migrate(engine, upto="0011_promise_events")
    _insert_first_schema_rows(engine)
    with engine.connect() as conn:
        before = [
            r[0]
            for r in conn.execute(text("SELECT claim_id FROM claims_fts WHERE claims_fts MATCH 'exports'"))
        ]
    assert before == ["c1"]
    assert "0013_datasette_views" in migrate(engine)
    with engine.connect() as conn:
        assert [r[0] for r in conn.execute(text(_FTS_HITS), {"q": "exports"})] == before
        sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'claims_fts'")).scalar_one()
        assert 'content="claims"' in sql  # how Datasette and sqlite-utils find it
        triggers = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
        assert {"claims_ai", "claims_ad", "claims_au"} <= triggers
        assert not {"claims_fts_ai", "claims_fts_ad", "claims_fts_au"} & triggers
        views = set(inspect(engine).get_view_names())
        assert {"promises", "finding_claims_detail", "claim_frames"} <= views
