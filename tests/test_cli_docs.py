"""docs/cli.md is generated from the argument parsers; it must match the code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from claimledger.cli import reference_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_cli_reference_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == reference_markdown(), (
        "docs/cli.md is stale: regenerate it with `make docs`"
    )


def test_every_command_has_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "claimledger.cli", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for cmd in ("extract", "ingest", "claims", "docs", "export", "reextract", "check", "serve", "demo"):
        assert cmd in out
