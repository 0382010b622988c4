"""Datasette metadata for a ledger: titles, descriptions and facets of its tables and views.

Reads: nothing but the ledger's file name (Datasette keys a database by its file's stem).
Writes: a ``metadata.json`` document (a dict), for ``datasette ledger.db -m metadata.json``.

The ledger is a plain SQLite file: Datasette opens it with no plugin.  What this adds is
what a newcomer needs to find their way: which table is machine output and which is a
reviewer's, the views to facet on (migration 0013), and which columns are worth a facet.
Full-text search needs no metadata: Datasette finds ``claims_fts`` by its
``content="claims"`` and shows a search box on ``claims``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimledger.errors import LedgerError
from claimledger.ledger._engine import ledger_path
from claimledger.ledger._url import db_url

__all__ = ["TABLE_METADATA", "datasette_metadata"]

#: Per table or view: (title, description, facets, label column or None).
TABLE_METADATA: dict[str, tuple[str, str, tuple[str, ...], str | None]] = {
    "documents": (
        "Documents",
        "One row per distinct text: its title, source, speaker, date and the extracted text.",
        ("speaker", "format", "source"),
        "title",
    ),
    "claims": (
        "Claims (machine output)",
        "Every figure and commitment the extractor found, with its sentence, span, kind, "
        "period, unit and frame. Reviewers' corrections are in `corrections`; read both "
        "together in `claims_effective`. Search matches the sentence and subject.",
        ("kind", "unit", "period", "entity_id", "measure_id"),
        "sentence",
    ),
    "claims_effective": (
        "Claims as reviewed",
        "Claims with reviewers' corrections applied; `review_state` says machine, "
        "corrected, accepted or rejected.",
        ("kind", "review_state", "unit", "period"),
        None,
    ),
    "claim_frames": (
        "Claim frames",
        "The current frame of each claim: what is measured, of whom, on what basis, and "
        "the status of the figure (actual, target, forecast ...), with its document.",
        ("measure_id", "entity_id", "status", "kind", "speaker"),
        None,
    ),
    "promises": (
        "Promises",
        "One row per promise (a target no reviewer rejected) with its deadline and status: "
        "the reviewer's status if set, else the promise checker's, else `unverified`.",
        ("status", "status_source", "deadline", "speaker"),
        None,
    ),
    "finding_claims_detail": (
        "Findings by claim",
        "One row per finding and claim it cites (its role: target, evidence ...), with the "
        "claim's sentence and document.",
        ("type", "severity", "role", "speaker"),
        None,
    ),
    "findings": (
        "Findings",
        "What the checkers found: contradictions, arithmetic that does not add up, "
        "infeasible targets and promise outcomes. `details` is JSON.",
        ("type", "severity", "checker"),
        "message",
    ),
    "finding_claims": ("Finding links", "The claims each finding cites, and their role.", ("role",), None),
    "indicators": (
        "Indicators",
        "Claims linked across documents into one series (a measure of one entity on one basis).",
        ("dimension", "measure_id", "entity_id"),
        "name",
    ),
    "indicator_claims": (
        "Indicator members",
        "Which indicator each claim belongs to, and why it was linked.",
        (),
        None,
    ),
    "indicator_overrides": ("Indicator overrides", "Reviewers' merges and splits of indicators.", (), None),
    "corrections": (
        "Corrections",
        "A reviewer's decision on a claim: its state and the corrected fields.",
        ("state", "reviewer"),
        None,
    ),
    "review_events": (
        "Audit log",
        "Every human action, append-only: who did what to which claim, promise or indicator, and when.",
        ("action", "target_type", "reviewer"),
        None,
    ),
    "promise_overrides": (
        "Promise statuses set by reviewers",
        "A reviewer's status for a promise, which wins over the checker's.",
        ("status", "reviewer"),
        None,
    ),
    "ledger_summary": (
        "Summary counts",
        "Counts the ledger keeps with every write (documents, claims by kind and review state, promise "
        "statuses, findings, indicators, periods, units): what the dashboard's overview shows. "
        "`claimledger doctor` checks them against the tables.",
        ("part",),
        None,
    ),
    "promise_status": (
        "Promise statuses",
        "Every live target's promise status (the reviewer's, else the promise checker's, else "
        "unverified), with its source and deadline, kept with every write: what the promise board "
        "reads. `claimledger doctor` checks it against the findings and reviews.",
        ("status", "source"),
        None,
    ),
    "indicator_periods": (
        "Indicator periods",
        "Claims per indicator and period, kept with every write: the indicator list's first and last "
        "period. `claimledger doctor` checks them against the tables.",
        ("indicator_id",),
        None,
    ),
    "claim_ratings": (
        "Ratings",
        "Reviewers' verdicts on claims: the label on the rating scale, the written ruling, who and when.",
        ("label", "reviewer"),
        None,
    ),
    "promise_events": (
        "Promise history",
        "Each promise's changes of status, with the rule that decided it and its evidence.",
        ("status", "rule", "source"),
        None,
    ),
    "claim_relations": ("Claim relations", "The frames' links between figures.", ("type",), None),
    "reference_series": (
        "Official series",
        "Imported official statistics: one row per series and vintage, with its provenance.",
        ("publisher", "dataset", "measure_id"),
        "name",
    ),
    "reference_values": ("Official values", "The values of each official series.", ("entity_id",), None),
    "schema_migrations": ("Schema migrations", "The named migrations applied to this ledger.", (), None),
}

#: Tables a reader never needs: the search index (Datasette hides its shadow tables itself).
HIDDEN = ("claims_fts",)


def datasette_metadata(db: str | None = None) -> dict[str, Any]:
    """Datasette's metadata for the ledger file ``db`` (a path or SQLite URL; None: the
    default ledger).  The database is named by the file's stem, as Datasette names it.
    Raises E067 for a ledger that is not a SQLite file."""
    db_path = ledger_path(db_url(db))
    if db_path is None:
        raise LedgerError("E067", "Datasette opens SQLite files; pass --db with the ledger's file", path=db)
    tables: dict[str, Any] = {}
    for name, (title, description, facets, label) in TABLE_METADATA.items():
        entry: dict[str, Any] = {"title": title}
        if description:
            entry["description"] = description
        if facets:
            entry["facets"] = list(facets)
        if label:
            entry["label_column"] = label
        tables[name] = entry
    for name in HIDDEN:
        tables[name] = {"hidden": True}
    return {
        "title": "claimledger",
        "description": "Figures and commitments from official statements, linked into indicators "
        "and checked. Start with `promises`, `finding_claims_detail` or `claim_frames`; "
        "`claimledger serve` is the full dashboard.",
        "databases": {Path(db_path).stem: {"tables": tables}},
    }
