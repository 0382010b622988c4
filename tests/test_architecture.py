"""The import contract of docs/architecture.md, checked by import-linter.

The contracts live in pyproject.toml (``[tool.importlinter]``): the layers, the ledger as the
only owner of SQL, a store that never runs a stage, no private imports across packages, and
no cycles.  grimp reads every import, including those inside functions.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).parent / "lint-imports"


def _lint(*args: str) -> subprocess.CompletedProcess[str]:
    if not LINT.exists():
        pytest.skip("lint-imports is not installed (pip install -e '.[dev]')")
    return subprocess.run(
        [str(LINT), "--no-cache", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_every_contract_is_kept() -> None:
    res = _lint()
    assert res.returncode == 0, res.stdout[-4000:]
    assert "BROKEN" not in res.stdout and res.stdout.count("KEPT") >= 5


def test_a_broken_contract_is_reported(tmp_path: Path) -> None:
    """The checker can fail: a contract the code breaks (the CLI uses the ledger) is BROKEN."""
    cfg = tmp_path / "contract.ini"
    cfg.write_text(
        "[importlinter]\nroot_package = claimledger\n\n"
        "[importlinter:contract:probe]\nname = probe\ntype = forbidden\n"
        "source_modules = claimledger.cli\nforbidden_modules = claimledger.ledger\n",
        encoding="utf-8",
    )
    res = _lint(str(cfg))
    assert res.returncode != 0 and "BROKEN" in res.stdout


def test_the_contract_is_documented() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for needle in ("Layers", "SQL", "Private modules", "No cycles", "lint-imports"):
        assert needle in doc
    contracts = (ROOT / "pyproject.toml").read_text(encoding="utf-8").count("[[tool.importlinter.contracts]]")
    assert contracts >= 5
