"""What a pipeline run reports: per-document failures, and the totals of a run.

A stored document is reported as the ledger's own ``IngestResult`` (stored, or already
there); these are the pipeline's additions around it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from claimledger.ledger import IngestResult

__all__ = ["IngestFailure", "IngestSummary", "Progress", "ReextractSummary"]


@dataclass(slots=True)
class IngestFailure:
    """A document that was not stored: where it came from, the error code and why."""

    name: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"[{self.code}] {self.name}: {self.reason}"


#: ``progress(done, total, item)``: called after each result or failure of an ingest.
Progress = Callable[[int, int, IngestResult | IngestFailure], None]


@dataclass(slots=True)
class IngestSummary:
    """Totals of an ``ingest`` run, with each result and each failure."""

    results: list[IngestResult] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def ingested(self) -> int:
        return sum(1 for r in self.results if r.status == "ingested")

    @property
    def duplicates(self) -> int:
        return sum(1 for r in self.results if r.status == "duplicate")

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def claims(self) -> int:
        """Claims stored by this run (duplicates add none)."""
        return sum(r.claims for r in self.results if r.status == "ingested")

    @property
    def ok(self) -> bool:
        return not self.failures

    def line(self) -> str:
        return (
            f"ingested {self.ingested}, duplicates {self.duplicates}, "
            f"failed {self.failed}, claims {self.claims}"
        )


@dataclass(slots=True)
class ReextractSummary:
    """Counts of a re-extraction run."""

    documents: int = 0  # documents re-extracted
    current: int = 0  # documents already at the current extractor version (skipped)
    added: int = 0  # claims new in this version
    updated: int = 0  # claims found again (same id), machine fields refreshed
    removed: int = 0  # machine claims no longer found
    kept: int = 0  # claims no longer found but kept because a person reviewed them
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"re-extracted {self.documents} documents ({self.current} already current): "
            f"{self.added} claims added, {self.updated} updated, {self.removed} removed, "
            f"{self.kept} kept for their reviews, {len(self.failures)} failed"
        )
