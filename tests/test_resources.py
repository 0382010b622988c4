"""claimledger.resources: every data file loads, says what it is for, and has the shape its
reader documents; the package stands alone; generated tables are up to date."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimledger import resources
from claimledger.resources import verbs

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "claimledger" / "resources"
DATA = PACKAGE / "data"

#: Each data file and the accessor module that reads it.
READERS = {
    "rating_scale": "review",
    "speakers": "review",
    "checks": "checks",
    "currency_codes": "units",
    "dates": "dates",
    "indicators": "indicators",
    "kinds": "kinds",
    "numbers": "numbers",
    "places": "places",
    "sentences": "sentences",
    "singular": "words",
    "subjects": "subjects",
    "units": "units",
    "verbs": "verbs",
    "measures": "taxonomy",
    "entities": "taxonomy",
    "frame_cues": "frame",
    "capitals": "frame",
    "areas": "taxonomy",
}


def test_every_data_file_has_a_reader() -> None:
    assert set(resources.names()) == set(READERS)


@pytest.mark.parametrize("name", sorted(READERS))
def test_data_file_loads_and_opens_with_what_it_is_for(name: str) -> None:
    data = resources.load(name)
    assert isinstance(data, dict) and data
    path = next(DATA.glob(name + ".*"))
    if path.suffix == ".toml":
        head = path.read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("# ") and len(head) > 20, f"{path.name}: no header comment"
    else:
        assert str(data.get("_about", "")).strip(), f"{path.name}: no _about"
    # the reader named in the header exists and reads it
    assert importlib.import_module(f"claimledger.resources.{READERS[name]}") is not None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    return []


@pytest.mark.parametrize("name", sorted(READERS))
def test_no_entry_has_stray_white_space(name: str) -> None:
    for s in _strings(resources.load(name)):
        if name in ("kinds", "subjects") and "\\" in s:
            continue  # regular expressions
        assert s == s.strip() and "  " not in s, (name, s)


def _word_lists(name: str) -> dict[str, list[str]]:
    return {k: v for k, v in resources.load(name).items() if isinstance(v, list)}


@pytest.mark.parametrize("name", ["checks", "indicators", "kinds", "numbers", "sentences", "subjects"])
def test_word_lists_are_lower_case_and_without_repeats(name: str) -> None:
    for key, words in _word_lists(name).items():
        if key in ("forecasters", "replace", "common_names", "section_words"):
            continue  # patterns, and words matched as capitalised ("Article 5")
        assert all(isinstance(w, str) for w in words), key
        assert len(set(words)) == len(words), (name, key, sorted({w for w in words if words.count(w) > 1}))
        assert all(w == w.lower() for w in words), (name, key)


def test_units_shape() -> None:
    data = resources.load("units")
    for table in ("currency_subunits", "physical_words", "physical_symbols", "dimensions"):
        for key, value in data[table].items():
            assert isinstance(value, list) and len(value) == 2, (table, key)
            assert isinstance(value[0], str) and isinstance(value[1], int | float), (table, key)
    for family in data["families"].values():
        assert set(family) == {"default", "codes"} and family["default"] in family["codes"]
    for key, value in data["magnitude_abbr"].items():
        assert isinstance(value[0], int) and isinstance(value[1], bool), key


def test_currency_codes_are_iso_4217_and_generated_from_babel() -> None:
    codes = resources.load("currency_codes")["codes"]
    assert codes == sorted(set(codes)) and all(len(c) == 3 and c.isupper() for c in codes)
    check = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_resources.py"), "--check"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_verbs_shape_and_forms() -> None:
    data = resources.load("verbs")
    assert set(data["change"]) == set(verbs.CHANGE_CLASSES) | {"nouns"}
    bases = [v for c in verbs.CHANGE_CLASSES for v in data["change"][c]]
    assert len(bases) == len(set(bases)), "a verb of change is listed in two classes"
    assert verbs.forms("rise") == {"rise", "rises", "rose", "risen", "rising"}
    assert verbs.forms("cut") == {"cut", "cuts", "cutting"}
    assert verbs.forms("go up", ("past",)) == {"went up"}
    assert verbs.forms("go", ("s",)) == {"goes"}
    assert verbs.forms("drop", ("past", "ing")) == {"dropped", "dropping"}
    assert verbs.forms("ease", ("past", "ing")) == {"eased", "easing"}
    assert verbs.forms("plummet", ("past",)) == {"plummeted"}
    assert {"rose", "fell", "grew", "increased", "decreased"} <= verbs.change_forms(
        "up", "down", tenses=("past",)
    )
    assert "raised" not in verbs.change_forms("up", "down") and "raised" in verbs.change_forms("raise")
    assert verbs.MULTIPLIERS["doubled"] == 2.0 and verbs.MULTIPLIERS["halving"] == 0.5


def test_resources_import_nothing_else_from_claimledger() -> None:
    """The package sits below every stage: it may import itself, never extract or link."""
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("claimledger"):
                assert node.module.startswith("claimledger.resources"), (path.name, node.module)
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert not alias.name.startswith("claimledger") or alias.name.startswith(
                        "claimledger.resources"
                    ), (path.name, alias.name)


def test_no_module_outside_link_imports_link_internals() -> None:
    offenders = []
    for path in (ROOT / "src" / "claimledger").rglob("*.py"):
        if "link" in path.relative_to(ROOT / "src" / "claimledger").parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                private = node.module.startswith("claimledger.link._") or (
                    node.module == "claimledger.link" and any(a.name.startswith("_") for a in node.names)
                )
                if private:
                    offenders.append(f"{path.name}: {node.module}")
    assert offenders == []


def test_data_files_ship_with_the_package() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"resources/data/*"' in pyproject
    assert json.loads((DATA / "currency_codes.json").read_text(encoding="utf-8"))["codes"]
