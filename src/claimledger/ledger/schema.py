"""The ledger schema, as SQLAlchemy Core tables.  Only the ledger package builds statements
on them (the linker, the checkers and the web call ``claimledger.ledger`` functions);
docs/ledger.md documents the tables for people and for tools that open the file.

The physical schema is built by the named, append-only migrations in
``claimledger.ledger.migrations``; a test checks that migrating a blank database yields
exactly these tables and columns.  Timestamps are ISO-8601 UTC strings; JSON columns hold
JSON text, so the file opens in Datasette or sqlite-utils with no glue code.

Machine output and human judgement are kept apart:
- ``claims`` holds only what the extractor produced; ``reextract`` may replace it.
- ``corrections`` holds what a reviewer changed; the ``claims_effective`` view overlays
  it on ``claims``.  Re-extraction never touches it.
- ``review_events`` is the append-only audit log of every human action.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", Text, primary_key=True),  # e.g. "0001_initial"
    Column("applied_at", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hash", Text, nullable=False, unique=True),  # sha256 hex of the extracted text
    Column("doc_key", Text, nullable=False),  # path, URL or id given at ingest (claim "doc")
    Column("title", Text),
    Column("source", Text),
    Column("url", Text),
    Column("speaker", Text),
    Column("published", Text),  # YYYY-MM-DD, or NULL when unknown
    Column("format", Text, nullable=False),  # text | markdown | html | pdf | docx
    Column("text", Text, nullable=False),  # the text that claim offsets index into
    Column("ingested_at", Text, nullable=False),
    Column("extractor", Text, nullable=False),  # pipeline version that produced its claims
    Index("ix_documents_doc_key", "doc_key"),  # added by migration 0005
)

claims = Table(
    "claims",
    metadata,
    Column("id", Text, primary_key=True),  # the extraction contract's stable id
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),  # position in document order
    Column("kind", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("period", Text),
    Column("sent_start", Integer, nullable=False),
    Column("sent_end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("q_text", Text),  # NULL for a claim without a number
    Column("q_start", Integer),
    Column("q_end", Integer),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("qualifier", Text),
    Column("unit", Text),
    Column("noun", Text),
    Column("cues", Text, nullable=False),  # JSON list of strings
    Column("extractor", Text, nullable=False),
    # The claim frame (migration 0008).  ``frame`` is the whole frame as JSON, exactly the
    # ``frame`` of the ``extract --format jsonl`` line; the columns after it are copies of
    # the fields that queries and the linker select on.  All NULL for a claim extracted
    # before frames were stored (``reextract`` fills them).
    Column("frame", Text),
    Column("measure_id", Text),  # taxonomy id ("gdp.real_growth"), or the free phrase
    Column("measure_free", Boolean),  # the measure is a free phrase, not a taxonomy id
    Column("entity_id", Text),  # "KAZ", "EA", "KAZ:almaty", "IMF", "sector:banking"
    Column("entity_type", Text),  # country | region | city | area | organisation | sector
    Column("status", Text),  # actual | estimate | projection | target | assumption | ...
    Column("basis_key", Text),  # sorted basis terms but the granularity, joined by ","
    Column("granularity", Text),  # year | quarter | month ... (the period's), or NULL
    Column("attribution_id", Text),  # "IMF", "person:<name>"; NULL: the speaker's own
    Column("period_role", Text),  # point | deadline | since | range; NULL without a period
    # Each filter and sort of the claims table reads an index; the claim id, which breaks
    # ties in every sort, ends the sort indexes so a keyset page starts at its cursor (0015).
    Index("ix_claims_document", "document_id", "seq", "id"),
    Index("ix_claims_kind", "kind", "id"),
    Index("ix_claims_unit", "unit", "id"),
    Index("ix_claims_period", "period", "id"),
    Index("ix_claims_frame_key", "measure_id", "entity_id", "basis_key"),  # 0008
    Index("ix_claims_entity", "entity_id"),  # 0008
    Index("ix_claims_noun", "noun"),  # 0015: the unit filter also matches the counted noun
    Index("ix_claims_subject", "subject", "id"),  # 0015
    Index("ix_claims_value", "value", "id"),  # 0015
    # 0016: a kind and unit filter (the unit or the counted noun) reads only its matches,
    # already in document order
    Index("ix_claims_kind_unit", "kind", "unit", "document_id", "seq", "id"),
    Index("ix_claims_kind_noun", "kind", "noun", "document_id", "seq", "id"),
)

#: The typed relations of a claim's frame to other figures of its passage (migration
#: 0008): one row per ``frame.relations`` entry, so "what changed from this figure" is a
#: lookup.  ``target_id`` is not a foreign key: a relation's target is a claim of the same
#: document, replaced with it, but a reviewed claim can outlive its target.
claim_relations = Table(
    "claim_relations",
    metadata,
    Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    # change_from | change_to | change_by | share_of | part_of | converted_from | respectively
    Column("type", Text, primary_key=True),
    Column("target_id", Text, primary_key=True),
    Index("ix_claim_relations_target", "target_id"),
)

corrections = Table(
    "corrections",
    metadata,
    Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    # review state: accepted | corrected | rejected
    Column("state", Text, nullable=False),
    # each non-NULL field overrides the machine value
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

review_events = Table(
    "review_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", Text, nullable=False),
    Column("reviewer", Text, nullable=False),
    # accept | correct | reject | rate | set_promise_status | merge_indicators | split_indicator
    Column("action", Text, nullable=False),
    Column("target_type", Text, nullable=False),  # claim | indicator | promise
    Column("target_id", Text, nullable=False),
    Column("payload", Text, nullable=False),  # JSON: the change (before and after)
    Column("note", Text),
    Index("ix_review_target", "target_type", "target_id"),
)

indicators = Table(
    "indicators",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False, unique=True),  # canonical subject key + dimension
    Column("name", Text, nullable=False),
    Column("dimension", Text),  # currency:KZT | percent | length | area | count:school ...
    Column("created_at", Text, nullable=False),
    # The frame key the linker filed its figures on (migration 0010); NULL when linked by
    # subject phrase.  ``free``: every figure's measure is a free phrase (no taxonomy id).
    Column("measure_id", Text),
    Column("entity_id", Text),
    Column("basis_key", Text),
    Column("free", Boolean),
    Index("ix_indicators_frame_key", "measure_id", "entity_id", "basis_key"),  # 0010
)

indicator_claims = Table(
    "indicator_claims",
    metadata,
    Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("indicator_id", Integer, ForeignKey("indicators.id", ondelete="CASCADE"), nullable=False),
    Column("explanation", Text, nullable=False),  # why the linker put it here
    Index("ix_indicator_claims_indicator", "indicator_id"),
)

# A reviewer's merge/split decisions, replayed after every re-link so they survive it.
indicator_overrides = Table(
    "indicator_overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", Text, nullable=False),  # merge | split
    Column("payload", Text, nullable=False),  # JSON: indicator keys / claim ids involved
    Column("reviewer", Text, nullable=False),
    Column("at", Text, nullable=False),
)

findings = Table(
    "findings",
    metadata,
    Column("id", Text, primary_key=True),  # stable: hash of type, checker and claim ids
    Column("type", Text, nullable=False),  # contradiction | arithmetic | feasibility | promise
    Column("severity", Text, nullable=False),  # info | warning | error
    Column("message", Text, nullable=False),
    Column("details", Text, nullable=False),  # JSON object
    Column("checker", Text, nullable=False),  # e.g. "checks.contradiction.v1"
    Column("created_at", Text, nullable=False),
    Index("ix_findings_type", "type"),
    Index("ix_findings_severity", "severity"),  # added by migration 0014
)

finding_claims = Table(
    "finding_claims",
    metadata,
    Column("finding_id", Text, ForeignKey("findings.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("role", Text, nullable=False),  # e.g. target | evidence | base | total
    Index("ix_finding_claims_claim", "claim_id"),  # added by migration 0006
)

# A reviewer's promise status, which wins over the promise checker's.
#: Each promise's status history (migration 0011): one row per change of status, with the
#: rule that decided it and its evidence (document, quote, claim); a reviewer's status is
#: an event too.  Rebuilt by every ``check`` run from the evidence and the audit log.
promise_events = Table(
    "promise_events",
    metadata,
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
)

promise_overrides = Table(
    "promise_overrides",
    metadata,
    Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("status", Text, nullable=False),
    Column("note", Text),
    Column("reviewer", Text, nullable=False),
    Column("at", Text, nullable=False),
)

#: A reviewer's verdict on a claim (migration 0012): the rating in force, one row per claim.
#: ``value``/``best``/``worst`` are the rating's position on its scale when it was given
#: (ClaimReview's ``ratingValue``, ``bestRating``, ``worstRating``); every rating and change
#: is also an event in ``review_events`` (action ``rate``).
claim_ratings = Table(
    "claim_ratings",
    metadata,
    Column("claim_id", Text, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("label", Text, nullable=False),  # the scale's wording: "Mostly accurate"
    Column("value", Float),  # position on the scale; NULL on a scale without numbers
    Column("best", Float),
    Column("worst", Float),
    Column("scale", Text, nullable=False),  # the scale's name
    Column("ruling", Text, nullable=False),  # the reviewer's written reasoning
    Column("reviewer", Text, nullable=False),
    Column("rated_at", Text, nullable=False),  # ISO-8601 UTC
    Index("ix_claim_ratings_label", "label"),
)

# Official statistics (docs/official.md): one row per series and vintage, with its
# provenance; its values in ``reference_values``.  Several vintages of one series coexist
# (official data is revised); importing the same vintage again replaces its values.
reference_series = Table(
    "reference_series",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("measure_id", Text, nullable=False),  # taxonomy id: "gdp.nominal_usd"
    Column("code", Text, nullable=False),  # publisher's indicator code: "NY.GDP.MKTP.CD"
    Column("name", Text, nullable=False),
    Column("unit", Text, nullable=False),  # ISO 4217 | % | symbol | "" (a count)
    Column("scale", Integer, nullable=False),  # values are value * 10**scale
    Column("rate", Text),  # exchange-rate series a currency conversion must use, or NULL
    Column("publisher", Text, nullable=False),  # "World Bank"
    Column("dataset", Text, nullable=False),  # "World Development Indicators"
    Column("vintage", Text, nullable=False),  # release date or name
    Column("retrieved", Text),  # YYYY-MM-DD the values were downloaded
    Column("url", Text),
    Column("licence", Text),
    Column("source", Text),  # the file or address imported from
    Column("imported_at", Text, nullable=False),
    Index("ux_reference_series_vintage", "publisher", "dataset", "code", "vintage", unique=True),
    Index("ix_reference_series_measure", "measure_id"),
)

reference_values = Table(
    "reference_values",
    metadata,
    Column("series_id", Integer, ForeignKey("reference_series.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", Text, primary_key=True),  # ISO 3166 alpha-3, or an aggregate code
    Column("period", Text, primary_key=True),  # 2023 | 2023-Q1 | 2023-05
    Column("value", Float, nullable=False),
    Index("ix_reference_values_entity", "entity_id", "period"),
)

#: Counts kept current by every write (migration 0015, ``ledger._summary``): documents,
#: claims by effective kind and review state, live targets by promise status, findings by
#: type and severity, indicators.  The overview reads them instead of counting ``claims``;
#: ``claimledger doctor`` checks them against the tables.
ledger_summary = Table(
    "ledger_summary",
    metadata,
    Column("part", Text, primary_key=True),  # documents | kind | state | promise | finding_type ...
    Column("key", Text, primary_key=True),  # the kind, state, status ...; "" for a total
    Column("n", Integer, nullable=False),
)

#: Every live target's promise status, kept current by the same writes as
#: ``ledger_summary`` (migration 0016, ``ledger._summary``): the reviewer's status, else
#: the promise checker's, else ``unverified`` (``ledger._promises``).  The promise board
#: reads one column of it through ``ix_promise_status_board`` instead of computing every
#: target's status per request.
promise_status = Table(
    "promise_status",
    metadata,
    Column("claim_id", Text, primary_key=True),
    Column("status", Text, nullable=False),
    Column("source", Text, nullable=False),  # reviewer | checker | none
    Column("deadline", Text),  # the target's effective period
    Column("due", Text, nullable=False),  # the board's order: the deadline, '9999' for none
    Index("ix_promise_status_board", "status", "due", "claim_id"),
)

#: Claims per (indicator, effective period), kept current by the same writes as
#: ``ledger_summary`` (migration 0017, ``ledger._summary``, part ``indicator_period``): the
#: indicator list's period span (first and last period) is the least and greatest period
#: of an indicator's rows with ``n > 0``, read through the primary key for one page of
#: indicators instead of reading every member claim through the effective view.
indicator_periods = Table(
    "indicator_periods",
    metadata,
    Column("indicator_id", Integer, primary_key=True),
    Column("period", Text, primary_key=True),
    Column("n", Integer, nullable=False),
)

#: SQLite only: full-text index over claim sentences and subjects (FTS5 with external
#: content on ``claims``, keyed by its rowid, synced by triggers: migration 0013).
FTS_TABLE = "claims_fts"

#: The view every reader should use: machine claims with human corrections overlaid and
#: rejected claims kept but marked (column ``review_state``).
EFFECTIVE_VIEW = "claims_effective"
