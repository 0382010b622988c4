"""Named, append-only schema migrations, recorded in ``schema_migrations``.

Reads: a database connection.  Writes: DDL, and one ``schema_migrations`` row per applied
migration.  Rules:

- A migration, once released, is never edited or removed; a change to the schema is a new
  migration appended to ``MIGRATIONS`` (and the matching additive change to ``schema.py``).
- Migrations define their own frozen table definitions instead of importing ``schema.py``:
  ``schema.py`` describes the *current* schema, while migration 1 must keep building the
  *first* one forever.  ``tests/test_migrations.py`` checks the two agree after upgrading.
- Each migration runs in its own transaction with its ``schema_migrations`` row, so a crash
  leaves the database at a migration boundary (SQLite and PostgreSQL both have
  transactional DDL).
- Dialect-specific objects are guarded by dialect: SQLite gets FTS5 (external content on
  ``claims`` since 0013, the layout Datasette and sqlite-utils expect) and triggers;
  PostgreSQL gets a trigger function for the append-only log and a GIN-indexed
  ``tsvector`` expression for search (0007); any other database searches with ``ILIKE``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine

from claimledger._dates import utc_timestamp
from claimledger.errors import LedgerError


@dataclass(frozen=True, slots=True)
class Migration:
    """One named schema step; ``apply`` runs inside the migration's transaction."""

    name: str
    apply: Callable[[Connection], None]


def _bootstrap_table(md: MetaData) -> Table:
    return Table(
        "schema_migrations",
        md,
        Column("name", Text, primary_key=True),
        Column("applied_at", Text, nullable=False),
    )


_MIGRATIONS_TABLE = _bootstrap_table(MetaData())


def _initial_tables(md: MetaData) -> None:
    """The first schema (frozen copy of schema.py as of migration 0001)."""
    Table(
        "documents",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("hash", Text, nullable=False, unique=True),
        Column("doc_key", Text, nullable=False),
        Column("title", Text),
        Column("source", Text),
        Column("url", Text),
        Column("speaker", Text),
        Column("published", Text),
        Column("format", Text, nullable=False),
        Column("text", Text, nullable=False),
        Column("ingested_at", Text, nullable=False),
        Column("extractor", Text, nullable=False),
    )
    Table(
        "claims",
        md,
        Column("id", Text, primary_key=True),
        Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        Column("seq", Integer, nullable=False),
        Column("kind", Text, nullable=False),
        Column("subject", Text, nullable=False),
        Column("period", Text),
        Column("sent_start", Integer, nullable=False),
        Column("sent_end", Integer, nullable=False),
        Column("sentence", Text, nullable=False),
        Column("q_text", Text),
        Column("q_start", Integer),
        Column("q_end", Integer),
        Column("value", Float),
        Column("low", Float),
        Column("high", Float),
        Column("qualifier", Text),
        Column("unit", Text),
        Column("noun", Text),
        Column("cues", Text, nullable=False),
        Column("extractor", Text, nullable=False),
        Index("ix_claims_document", "document_id", "seq"),
        Index("ix_claims_kind", "kind"),
        Index("ix_claims_unit", "unit"),
        Index("ix_claims_period", "period"),
    )
    Table(
        "corrections",
        md,
        Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        Column("state", Text, nullable=False),
        Column("kind", Text),
        Column("subject", Text),
        Column("period", Text),
        Column("value", Float),
        Column("low", Float),
        Column("high", Float),
        Column("qualifier", Text),
        Column("unit", Text),
        Column("reviewer", Text, nullable=False),
        Column("updated_at", Text, nullable=False),
    )
    Table(
        "review_events",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", Text, nullable=False),
        Column("reviewer", Text, nullable=False),
        Column("action", Text, nullable=False),
        Column("target_type", Text, nullable=False),
        Column("target_id", Text, nullable=False),
        Column("payload", Text, nullable=False),
        Column("note", Text),
        Index("ix_review_target", "target_type", "target_id"),
    )
    Table(
        "indicators",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("key", Text, nullable=False, unique=True),
        Column("name", Text, nullable=False),
        Column("dimension", Text),
        Column("created_at", Text, nullable=False),
    )
    Table(
        "indicator_claims",
        md,
        Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        Column("indicator_id", Integer, ForeignKey("indicators.id", ondelete="CASCADE"), nullable=False),
        Column("explanation", Text, nullable=False),
        Index("ix_indicator_claims_indicator", "indicator_id"),
    )
    Table(
        "indicator_overrides",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("action", Text, nullable=False),
        Column("payload", Text, nullable=False),
        Column("reviewer", Text, nullable=False),
        Column("at", Text, nullable=False),
    )
    Table(
        "findings",
        md,
        Column("id", Text, primary_key=True),
        Column("type", Text, nullable=False),
        Column("severity", Text, nullable=False),
        Column("message", Text, nullable=False),
        Column("details", Text, nullable=False),
        Column("checker", Text, nullable=False),
        Column("created_at", Text, nullable=False),
        Index("ix_findings_type", "type"),
    )
    Table(
        "finding_claims",
        md,
        Column("finding_id", Text, ForeignKey("findings.id", ondelete="CASCADE"), primary_key=True),
        Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        Column("role", Text, nullable=False),
    )
    Table(
        "promise_overrides",
        md,
        Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        Column("status", Text, nullable=False),
        Column("note", Text),
        Column("reviewer", Text, nullable=False),
        Column("at", Text, nullable=False),
    )


def _m0001_initial(conn: Connection) -> None:
    md = MetaData()
    _initial_tables(md)
    md.create_all(conn)


#: The view every reader uses: machine claims with human corrections overlaid.  A
#: correction's value/low/high replace the machine's only together (a corrected range must
#: not be mixed with the machine's point value), and only when the state is "corrected".
#: This is the view as 0002 made it (frozen); ``EFFECTIVE_VIEW_SQL`` is the current one.
_EFFECTIVE_VIEW_0002 = """
CREATE VIEW claims_effective AS
SELECT c.id, c.document_id, c.seq,
       COALESCE(r.kind, c.kind) AS kind,
       COALESCE(r.subject, c.subject) AS subject,
       COALESCE(r.period, c.period) AS period,
       c.sent_start, c.sent_end, c.sentence, c.q_text, c.q_start, c.q_end,
       CASE WHEN r.state = 'corrected' AND (r.value IS NOT NULL OR r.low IS NOT NULL
            OR r.high IS NOT NULL) THEN r.value ELSE c.value END AS value,
       CASE WHEN r.state = 'corrected' AND (r.value IS NOT NULL OR r.low IS NOT NULL
            OR r.high IS NOT NULL) THEN r.low ELSE c.low END AS low,
       CASE WHEN r.state = 'corrected' AND (r.value IS NOT NULL OR r.low IS NOT NULL
            OR r.high IS NOT NULL) THEN r.high ELSE c.high END AS high,
       COALESCE(r.qualifier, c.qualifier) AS qualifier,
       COALESCE(r.unit, c.unit) AS unit,
       c.noun, c.cues, c.extractor,
       COALESCE(r.state, 'machine') AS review_state
FROM claims c LEFT JOIN corrections r ON r.claim_id = c.id
"""


def _m0002_claims_effective(conn: Connection) -> None:
    conn.execute(text(_EFFECTIVE_VIEW_0002))


# FTS5 keeps its own copy of sentence and subject (not external content): an external
# content table maps by rowid, and VACUUM may renumber the rowids of ``claims`` (its key is
# TEXT), which would silently corrupt the index.  ``claim_id`` is an indexed column so the
# delete trigger can find a row by MATCH instead of scanning the whole index.
_FTS_SQL = (
    "CREATE VIRTUAL TABLE claims_fts USING fts5("
    "claim_id, sentence, subject, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER claims_fts_ai AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(claim_id, sentence, subject) VALUES (new.id, new.sentence, new.subject); "
    "END",
    "CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN "
    "DELETE FROM claims_fts WHERE claims_fts MATCH "
    "'claim_id:\"' || replace(old.id, '\"', '\"\"') || '\"' AND claim_id = old.id; "
    "END",
    "CREATE TRIGGER claims_fts_au AFTER UPDATE OF id, sentence, subject ON claims BEGIN "
    "DELETE FROM claims_fts WHERE claims_fts MATCH "
    "'claim_id:\"' || replace(old.id, '\"', '\"\"') || '\"' AND claim_id = old.id; "
    "INSERT INTO claims_fts(claim_id, sentence, subject) VALUES (new.id, new.sentence, new.subject); "
    "END",
    "INSERT INTO claims_fts(claim_id, sentence, subject) SELECT id, sentence, subject FROM claims",
)


def _m0003_claims_fts(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return  # PostgreSQL searches claims with ILIKE (see queries.search_clause)
    for stmt in _FTS_SQL:
        conn.exec_driver_sql(stmt)


_APPEND_ONLY_SQLITE = (
    "CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events BEGIN "
    "SELECT RAISE(ABORT, 'review_events is append-only'); END",
    "CREATE TRIGGER review_events_no_delete BEFORE DELETE ON review_events BEGIN "
    "SELECT RAISE(ABORT, 'review_events is append-only'); END",
)

_APPEND_ONLY_POSTGRES = (
    "CREATE FUNCTION review_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'review_events is append-only'; END $$",
    "CREATE TRIGGER review_events_append_only BEFORE UPDATE OR DELETE ON review_events "
    "FOR EACH ROW EXECUTE FUNCTION review_events_append_only()",
)


def _m0004_review_events_append_only(conn: Connection) -> None:
    stmts = {"sqlite": _APPEND_ONLY_SQLITE, "postgresql": _APPEND_ONLY_POSTGRES}.get(conn.dialect.name, ())
    for stmt in stmts:
        conn.exec_driver_sql(stmt)


def _m0005_documents_doc_key_index(conn: Connection) -> None:
    # ``claims --doc NAME`` and re-ingest look documents up by the name they came in under.
    conn.execute(text("CREATE INDEX ix_documents_doc_key ON documents (doc_key)"))


def _m0006_finding_claims_claim_index(conn: Connection) -> None:
    # A claim page lists the findings that cite it; without this the lookup scans every link.
    conn.execute(text("CREATE INDEX ix_finding_claims_claim ON finding_claims (claim_id)"))


def _m0014_findings_severity_index(conn: Connection) -> None:
    # The overview leads with the top warnings and errors (ledger.top_findings): ranked with
    # a LIMIT over the flagged findings only.  Without this index the ranking reads every
    # finding, the notes too (20.6 ms against 1.2 ms on the 100,000-claim benchmark ledger
    # with 22,000 findings, 2,000 of them warnings).
    conn.execute(text("CREATE INDEX ix_findings_severity ON findings (severity)"))


# PostgreSQL full-text search with the semantics of SQLite's FTS5 index (queries.apply_search):
# words are runs of letters and digits (ASCII punctuation, ``_`` included, separates them,
# so "23.9" is the words 23 and 9 and "COVID-19" is covid and 19), compared without case and
# with Latin diacritics removed ("Sécurité" = "securite").  One SQL function computes the
# vector, so the GIN index and the query use the same expression (the planner inlines it on
# both sides); it calls only pg_catalog functions, so a restore with an empty search_path
# can rebuild the index.  ``normalize`` needs a UTF-8 database; elsewhere diacritics stay.
_PG_SEARCH_TEXT = "coalesce(sentence, '') || ' ' || coalesce(subject, '')"
_PG_FOLD_UTF8 = (
    "normalize(regexp_replace(normalize({t}, NFD), '([A-Za-z])[\\u0300-\\u036f]+', '\\1', 'g'), NFC)"
)
_PG_SEARCH_FUNCTION = (
    "CREATE FUNCTION claims_search_vector(sentence text, subject text) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
    "SELECT to_tsvector('simple'::regconfig, "
    "regexp_replace({folded}, '[\\x01-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]+', ' ', 'g')) $$"
)


def _m0007_claims_search_postgres(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return  # SQLite has FTS5 (0003); other databases search with ILIKE
    utf8 = conn.exec_driver_sql("SHOW server_encoding").scalar() == "UTF8"
    folded = _PG_FOLD_UTF8.format(t=_PG_SEARCH_TEXT) if utf8 else _PG_SEARCH_TEXT
    conn.exec_driver_sql(_PG_SEARCH_FUNCTION.format(folded=folded))
    conn.exec_driver_sql(
        "CREATE INDEX ix_claims_search ON claims USING gin (claims_search_vector(sentence, subject))"
    )


#: The claim frame's columns (migration 0008), in table order: the frame as JSON, then the
#: typed copies of what queries and the linker select on.
_FRAME_COLUMNS: tuple[tuple[str, str], ...] = (
    ("frame", "TEXT"),
    ("measure_id", "TEXT"),
    ("measure_free", "BOOLEAN"),
    ("entity_id", "TEXT"),
    ("entity_type", "TEXT"),
    ("status", "TEXT"),
    ("basis_key", "TEXT"),
    ("granularity", "TEXT"),
    ("attribution_id", "TEXT"),
    ("period_role", "TEXT"),
)

#: ``claims_effective`` as of 0008: the 0002 view plus the frame columns (machine values:
#: a reviewer corrects the figure, not its frame).
_EFFECTIVE_VIEW_0008 = _EFFECTIVE_VIEW_0002.replace(
    "c.noun, c.cues, c.extractor,",
    "c.noun, c.cues, c.extractor, " + ", ".join(f"c.{name}" for name, _ in _FRAME_COLUMNS) + ",",
)


def _m0008_claims_frame(conn: Connection) -> None:
    # Old claims keep NULL frames: the frame is the extractor's, and ``reextract`` (which
    # treats a document whose current claims have no frame as out of date) fills them.
    for name, sql_type in _FRAME_COLUMNS:
        conn.execute(text(f"ALTER TABLE claims ADD COLUMN {name} {sql_type}"))
    conn.execute(text("CREATE INDEX ix_claims_frame_key ON claims (measure_id, entity_id, basis_key)"))
    conn.execute(text("CREATE INDEX ix_claims_entity ON claims (entity_id)"))
    md = MetaData()
    Table("claims", md, Column("id", Text, primary_key=True))  # (exists: the key's target)
    Table(
        "claim_relations",
        md,
        Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        Column("type", Text, primary_key=True),
        Column("target_id", Text, primary_key=True),
        Index("ix_claim_relations_target", "target_id"),
    ).create(conn)
    conn.execute(text("DROP VIEW claims_effective"))
    conn.execute(text(_EFFECTIVE_VIEW_0008))


def _m0010_indicators_frame(conn: Connection) -> None:
    # The frame key an indicator was linked on, and whether it holds only free-phrase
    # measures; NULL until the next re-link (``check``) writes them.
    for name, sql_type in (
        ("measure_id", "TEXT"),
        ("entity_id", "TEXT"),
        ("basis_key", "TEXT"),
        ("free", "BOOLEAN"),
    ):
        conn.execute(text(f"ALTER TABLE indicators ADD COLUMN {name} {sql_type}"))
    conn.execute(
        text("CREATE INDEX ix_indicators_frame_key ON indicators (measure_id, entity_id, basis_key)")
    )


def _m0011_promise_events(conn: Connection) -> None:
    md = MetaData()
    Table("claims", md, Column("id", Text, primary_key=True))  # (exists: the key's target)
    Table(
        "promise_events",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        Column("seq", Integer, nullable=False),
        Column("date", Text),
        Column("status", Text),
        Column("rule", Text, nullable=False),
        Column("source", Text, nullable=False),
        Column("doc_key", Text),
        Column("quote", Text),
        Column("evidence_claim", Text),
        Column("reviewer", Text),
        Column("note", Text),
        Column("recorded_at", Text, nullable=False),
        Index("ix_promise_events_claim", "claim_id", "seq"),
    ).create(conn)


def _m0012_claim_ratings(conn: Connection) -> None:
    # A reviewer's verdict on a claim (issue 13): one row per claim, the rating in force; every
    # rating and change of rating is also a ``review_events`` row.  The scale's numbers are
    # copied into the row, so changing the configured scale later never rewrites a verdict.
    md = MetaData()
    Table("claims", md, Column("id", Text, primary_key=True))  # (exists: the key's target)
    Table(
        "claim_ratings",
        md,
        Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        Column("label", Text, nullable=False),
        Column("value", Float),
        Column("best", Float),
        Column("worst", Float),
        Column("scale", Text, nullable=False),
        Column("ruling", Text, nullable=False),
        Column("reviewer", Text, nullable=False),
        Column("rated_at", Text, nullable=False),
        Index("ix_claim_ratings_label", "label"),
    ).create(conn)


#: The current ``claims_effective`` view (a later migration that changes it adds its own
#: frozen copy and points this name at it).
EFFECTIVE_VIEW_SQL = _EFFECTIVE_VIEW_0008


def _m0009_reference_series(conn: Connection) -> None:
    # Numbered two above the last one so that 0008 (the claim frame's columns, being written
    # on another branch) fits in between.
    md = MetaData()
    Table(
        "reference_series",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("measure_id", Text, nullable=False),
        Column("code", Text, nullable=False),
        Column("name", Text, nullable=False),
        Column("unit", Text, nullable=False),
        Column("scale", Integer, nullable=False),
        Column("rate", Text),
        Column("publisher", Text, nullable=False),
        Column("dataset", Text, nullable=False),
        Column("vintage", Text, nullable=False),
        Column("retrieved", Text),
        Column("url", Text),
        Column("licence", Text),
        Column("source", Text),
        Column("imported_at", Text, nullable=False),
        Index("ux_reference_series_vintage", "publisher", "dataset", "code", "vintage", unique=True),
        Index("ix_reference_series_measure", "measure_id"),
    )
    Table(
        "reference_values",
        md,
        Column("series_id", Integer, ForeignKey("reference_series.id", ondelete="CASCADE"), primary_key=True),
        Column("entity_id", Text, primary_key=True),
        Column("period", Text, primary_key=True),
        Column("value", Float, nullable=False),
        Index("ix_reference_values_entity", "entity_id", "period"),
    )
    md.create_all(conn)


# 0012 (claim ratings) is written on another branch; the lead orders the two.


#: 0013, SQLite: ``claims_fts`` again, as Datasette and sqlite-utils expect a search index
#: (``sqlite-utils enable-fts --create-triggers`` builds the same): FTS5 with external
#: content on ``claims``, keyed by its rowid, synced by the ``claims_ai/ad/au`` triggers.
#: Both tools find it by the ``content="claims"`` in its SQL, so Datasette shows a search
#: box on ``claims`` and ``sqlite-utils search ledger.db claims deficit`` works.  The index
#: holds no copy of the text (0003's did).  0003 kept its own copy because ``VACUUM`` *may*
#: renumber the rowids of a table without an INTEGER PRIMARY KEY; SQLite's VACUUM copies
#: rows with their rowids in practice (``tests/test_datasette.py`` checks it), and if a tool
#: ever did renumber them, ``claimledger doctor`` reports the index out of step (FTS5's
#: ``integrity-check``) and ``Ledger.rebuild_search()`` mends it from ``claims``.
_FTS_CONTENT_SQL = (
    "DROP TRIGGER IF EXISTS claims_fts_ai",
    "DROP TRIGGER IF EXISTS claims_fts_ad",
    "DROP TRIGGER IF EXISTS claims_fts_au",
    "DROP TABLE IF EXISTS claims_fts",
    'CREATE VIRTUAL TABLE claims_fts USING fts5(sentence, subject, content="claims", '
    "content_rowid=rowid, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, sentence, subject) VALUES (new.rowid, new.sentence, new.subject); "
    "END",
    "CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, sentence, subject) "
    "VALUES ('delete', old.rowid, old.sentence, old.subject); "
    "END",
    "CREATE TRIGGER claims_au AFTER UPDATE OF sentence, subject ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, sentence, subject) "
    "VALUES ('delete', old.rowid, old.sentence, old.subject); "
    "INSERT INTO claims_fts(rowid, sentence, subject) VALUES (new.rowid, new.sentence, new.subject); "
    "END",
    "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
)

#: 0013: views that Datasette (or any SQL client) can browse and facet on.  The JSON
#: functions differ by dialect: {status}, {status_is_text} and {confidence} are filled per
#: database.  They read ``claims_effective``, so a later migration that replaces that view
#: must drop these first and create them again (PostgreSQL refuses to drop a view that
#: others depend on).
_DATASETTE_VIEWS_0013 = (
    # One row per live promise (a claim of kind "target" that no reviewer rejected): its
    # deadline and status, by the promise board's rules (ledger._dashboard.promise_targets):
    # the reviewer's status wins, then the promise checker's, else "unverified".
    """
CREATE VIEW promises AS
WITH machine AS (
  {machine}
)
SELECT c.id AS claim_id, d.doc_key AS document, d.title, d.speaker, d.published,
       c.sentence, c.q_text AS figure, c.value, c.unit, c.subject,
       c.period AS deadline,
       CASE WHEN o.claim_id IS NOT NULL THEN o.status
            WHEN m.status_is_text = 1 THEN m.status ELSE 'unverified' END AS status,
       CASE WHEN o.claim_id IS NOT NULL THEN 'reviewer'
            WHEN m.status_is_text = 1 THEN 'checker' ELSE 'none' END AS status_source,
       m.finding_id, c.entity_id, c.measure_id
FROM claims_effective AS c
JOIN documents AS d ON d.id = c.document_id
LEFT JOIN promise_overrides AS o ON o.claim_id = c.id
LEFT JOIN machine AS m ON m.claim_id = c.id
WHERE c.kind = 'target' AND c.review_state != 'rejected'
""",
    # One row per (finding, claim it cites), with the claim's sentence and document.
    """
CREATE VIEW finding_claims_detail AS
SELECT f.id AS finding_id, f.type, f.severity, {confidence} AS confidence, f.message,
       fc.role, fc.claim_id, c.sentence, c.q_text AS figure, c.value, c.unit, c.period,
       c.review_state, d.doc_key AS document, d.title, d.speaker, d.published,
       f.checker, f.created_at
FROM findings AS f
JOIN finding_claims AS fc ON fc.finding_id = f.id
JOIN claims_effective AS c ON c.id = fc.claim_id
JOIN documents AS d ON d.id = c.document_id
""",
    # The current frame of each claim (the typed columns of migration 0008), with its
    # figure as a reviewer left it and its document.
    """
CREATE VIEW claim_frames AS
SELECT c.id AS claim_id, d.doc_key AS document, d.title, d.speaker, d.published,
       c.sentence, c.q_text AS figure, c.value, c.low, c.high, c.unit, c.kind, c.period,
       c.measure_id, c.measure_free, c.entity_id, c.entity_type, c.status, c.basis_key,
       c.granularity, c.attribution_id, c.period_role, c.review_state, c.frame
FROM claims_effective AS c
JOIN documents AS d ON d.id = c.document_id
""",
)

#: The promise checker's status of each target, per dialect: when several promise findings
#: cite one target, the last written wins (as on the promise board).
_PROMISE_MACHINE_0013 = {
    "sqlite": (
        "SELECT fc.claim_id, f.id AS finding_id, json_extract(f.details, '$.status') AS status, "
        "json_type(f.details, '$.status') = 'text' AS status_is_text, max(f.rowid) AS last_row "
        "FROM findings AS f JOIN finding_claims AS fc ON fc.finding_id = f.id "
        "WHERE f.type = 'promise' AND fc.role = 'target' GROUP BY fc.claim_id"
    ),
    "postgresql": (
        "SELECT DISTINCT ON (fc.claim_id) fc.claim_id, f.id AS finding_id, "
        "CAST(f.details AS json) ->> 'status' AS status, "
        "CASE WHEN json_typeof(CAST(f.details AS json) -> 'status') = 'string' THEN 1 ELSE 0 END "
        "AS status_is_text "
        "FROM findings AS f JOIN finding_claims AS fc ON fc.finding_id = f.id "
        "WHERE f.type = 'promise' AND fc.role = 'target' "
        "ORDER BY fc.claim_id, f.created_at DESC, f.id DESC"
    ),
}
_CONFIDENCE_0013 = {
    "sqlite": "json_extract(f.details, '$.confidence')",
    "postgresql": "CAST(CAST(f.details AS json) ->> 'confidence' AS double precision)",
}

#: The views 0013 creates, in order (docs/ledger.md, "Views for Datasette").
DATASETTE_VIEWS = ("promises", "finding_claims_detail", "claim_frames")


def _m0013_datasette_views(conn: Connection) -> None:
    dialect = conn.dialect.name
    if dialect == "sqlite":
        for stmt in _FTS_CONTENT_SQL:
            conn.exec_driver_sql(stmt)
    if dialect not in _PROMISE_MACHINE_0013:
        return  # the views use each database's JSON functions; only these two are known
    for view in _DATASETTE_VIEWS_0013:
        sql = view.format(machine=_PROMISE_MACHINE_0013[dialect], confidence=_CONFIDENCE_0013[dialect])
        conn.exec_driver_sql(sql)


def _m0015_read_paths(conn: Connection) -> None:
    # Summary counts kept by the writes (ledger._summary), filled once from the tables.
    # The counting code is today's (``rebuild_summaries``): it reads only tables and views
    # that exist since 0013, and a later migration that changes what is counted rebuilds
    # the summary again.
    Table(
        "ledger_summary",
        MetaData(),
        Column("part", Text, primary_key=True),
        Column("key", Text, primary_key=True),
        Column("n", Integer, nullable=False),
    ).create(conn)
    for stmt in _READ_PATH_INDEXES_0015:
        conn.execute(text(stmt))
    from claimledger.ledger._summary import rebuild_summaries

    rebuild_summaries(conn)


#: Indexes for the claims table's filters and its keyset pages (0015): every filter the web
#: and the CLI offer reads an index, never the whole of ``claims``
#: (tests/test_read_paths.py checks each with EXPLAIN).
_READ_PATH_INDEXES_0015: tuple[str, ...] = (
    "DROP INDEX ix_claims_document",
    "CREATE INDEX ix_claims_document ON claims (document_id, seq, id)",
    "DROP INDEX ix_claims_kind",
    "CREATE INDEX ix_claims_kind ON claims (kind, id)",
    "DROP INDEX ix_claims_unit",
    "CREATE INDEX ix_claims_unit ON claims (unit, id)",
    "DROP INDEX ix_claims_period",
    "CREATE INDEX ix_claims_period ON claims (period, id)",
    "CREATE INDEX ix_claims_noun ON claims (noun)",
    "CREATE INDEX ix_claims_subject ON claims (subject, id)",
    "CREATE INDEX ix_claims_value ON claims (value, id)",
)


def _m0016_mixed_load(conn: Connection) -> None:
    # The promise board's table of every live target's status and the kind+unit summary
    # parts (ledger._summary), kept by the writes from here on and filled once now; the
    # kind+unit indexes serve a filter on both (a unit filter also matches the noun).
    Table(
        "promise_status",
        MetaData(),
        Column("claim_id", Text, primary_key=True),
        Column("status", Text, nullable=False),
        Column("source", Text, nullable=False),
        Column("deadline", Text),
        Column("due", Text, nullable=False),
    ).create(conn)
    for stmt in _MIXED_LOAD_INDEXES_0016:
        conn.execute(text(stmt))
    from claimledger.ledger._summary import rebuild_summaries

    rebuild_summaries(conn)


_MIXED_LOAD_INDEXES_0016: tuple[str, ...] = (
    "CREATE INDEX ix_promise_status_board ON promise_status (status, due, claim_id)",
    "CREATE INDEX ix_claims_kind_unit ON claims (kind, unit, document_id, seq, id)",
    "CREATE INDEX ix_claims_kind_noun ON claims (kind, noun, document_id, seq, id)",
)


def _m0017_indicator_periods(conn: Connection) -> None:
    # The indicator list's period spans as summary rows (ledger._summary, part
    # ``indicator_period``): claims per indicator and effective period, kept by the writes
    # from here on and counted once now.
    Table(
        "indicator_periods",
        MetaData(),
        Column("indicator_id", Integer, primary_key=True),
        Column("period", Text, primary_key=True),
        Column("n", Integer, nullable=False),
    ).create(conn)
    from claimledger.ledger._summary import refresh

    refresh(conn, ("indicator_period",))


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _m0001_initial),
    Migration("0002_claims_effective_view", _m0002_claims_effective),
    Migration("0003_claims_fts", _m0003_claims_fts),
    Migration("0004_review_events_append_only", _m0004_review_events_append_only),
    Migration("0005_documents_doc_key_index", _m0005_documents_doc_key_index),
    Migration("0006_finding_claims_claim_index", _m0006_finding_claims_claim_index),
    Migration("0007_claims_search_postgres", _m0007_claims_search_postgres),
    Migration("0008_claims_frame", _m0008_claims_frame),
    Migration("0009_reference_series", _m0009_reference_series),
    Migration("0010_indicators_frame", _m0010_indicators_frame),
    Migration("0011_promise_events", _m0011_promise_events),
    Migration("0012_claim_ratings", _m0012_claim_ratings),
    Migration("0013_datasette_views", _m0013_datasette_views),
    Migration("0014_findings_severity_index", _m0014_findings_severity_index),
    Migration("0015_read_paths", _m0015_read_paths),
    Migration("0016_mixed_load", _m0016_mixed_load),
    Migration("0017_indicator_periods", _m0017_indicator_periods),
)


#: PostgreSQL advisory lock key taken by every migration transaction (any constant that
#: other software on the database is unlikely to use; advisory locks are per database).
MIGRATION_LOCK_KEY = 0x636C_6D69_6772  # "clmigr"


def _lock(conn: Connection) -> None:
    """Serialise migrating processes.  SQLite's ``BEGIN IMMEDIATE`` already does; on
    PostgreSQL a transaction takes no lock until it writes, so two processes opening a
    blank database would both create the same tables and one would fail (E020)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})


def applied(engine: Engine) -> list[str]:
    """Names of the migrations recorded in the database, oldest first."""
    if not inspect(engine).has_table("schema_migrations"):
        return []
    with engine.connect() as conn:
        rows = conn.execute(select(_MIGRATIONS_TABLE.c.name).order_by(_MIGRATIONS_TABLE.c.name))
        return [r[0] for r in rows]


def migrate(engine: Engine, *, upto: str | None = None) -> list[str]:
    """Apply pending migrations in order (up to and including ``upto``); return their names.

    Raises E021 when the database records a migration this version does not know, i.e. it
    was written by a newer claimledger.
    """
    known = [m.name for m in MIGRATIONS]
    if upto is not None and upto not in known:
        raise ValueError(f"unknown migration {upto!r}")
    have = set(applied(engine))
    if have - set(known):
        raise LedgerError("E021", f"unknown migrations {sorted(have - set(known))}")
    if upto is None and have >= set(known):
        return []  # the common case: an up-to-date ledger opens without taking a write lock
    with engine.begin() as conn:
        _lock(conn)
        _MIGRATIONS_TABLE.create(conn, checkfirst=True)
    done: list[str] = []
    for m in MIGRATIONS:
        # Each step re-checks inside an immediate (write-locked) transaction, so two
        # processes opening a fresh ledger at once cannot both apply the same step.
        with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
            _lock(conn)
            have = {r[0] for r in conn.execute(select(_MIGRATIONS_TABLE.c.name))}
            unknown = have - set(known)
            if unknown:
                raise LedgerError("E021", f"unknown migrations {sorted(unknown)}")
            if m.name not in have:
                m.apply(conn)
                conn.execute(_MIGRATIONS_TABLE.insert().values(name=m.name, applied_at=utc_timestamp()))
                done.append(m.name)
        if m.name == upto:
            break
    return done
