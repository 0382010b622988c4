"""The one check behind every "floors can only go up" test.

Each quality gate pins its floors in a JSON file.  A floor may be raised, never lowered or
removed: this reads every committed version of the file (oldest first) along the first-parent
line (the main branch as merged; a branch's own commits may predate a floor another branch
raised in the meantime), then the working copy, and fails on any step down.  Outside a git
checkout the test is skipped.
"""

from __future__ import annotations

import itertools
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)


def floor_history(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """``(revision, floors)`` for every committed version of ``path``, then the working copy."""
    rel = path.resolve().relative_to(ROOT).as_posix()
    try:
        log = _git("log", "--first-parent", "--format=%H", "--reverse", "--", rel)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("not a git checkout")
    if log.returncode != 0:
        pytest.skip("not a git checkout")
    errata = _errata()
    versions: list[tuple[str, dict[str, Any]]] = []
    for sha in log.stdout.split():
        if f"{rel}@{sha[:8]}" in errata:
            continue  # a floor written wrongly by mistake: see tests/gold/floor_errata.json
        shown = _git("show", f"{sha}:{rel}")
        if shown.returncode == 0:  # otherwise the file was deleted in that commit
            versions.append((sha[:8], json.loads(shown.stdout)))
    versions.append(("working copy", json.loads(path.read_text(encoding="utf-8"))))
    return versions


ERRATA = ROOT / "tests" / "gold" / "floor_errata.json"


def _errata() -> dict[str, str]:
    """``<path>@<sha8>`` of committed floors versions written wrongly by mistake, with why."""
    if not ERRATA.is_file():
        return {}
    data = json.loads(ERRATA.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def assert_floors_never_decrease(path: Path) -> None:
    """No numeric floor in ``path`` was ever lowered or removed."""
    for (a_name, a), (b_name, b) in itertools.pairwise(floor_history(path)):
        for key, floor in a.items():
            if not isinstance(floor, int | float):
                continue
            assert key in b, f"floor {key} removed in {b_name}"
            went_down = f"floor {key} went down: {floor} ({a_name}) -> {b[key]} ({b_name})"
            assert float(b[key]) >= float(floor), went_down
