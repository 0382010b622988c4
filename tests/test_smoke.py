"""End-to-end smoke test of the public API and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

from claimledger import extract


def test_extract_returns_spans_that_match_the_text() -> None:
    text = "Spending will reach 23.9 trillion tenge in 2024. Growth was 15% last year."
    claims = extract(text, "2025-01-10", source="t")
    assert claims, "expected at least one claim"
    for c in claims:
        assert text[c.sentence.start : c.sentence.end] == c.sentence.text
        if c.quantity is not None:
            assert text[c.quantity.start : c.quantity.end] == c.quantity.text


def test_cli_jsonl_reads_stdin() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "claimledger.cli", "extract", "--format", "jsonl", "-"],
        input="Exports rose 12% to $5 billion.",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(r["doc"] == "-" for r in rows)
