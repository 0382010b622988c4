"""Language resources: the project's lexicons, taxonomies and tables, kept as data files.

Every word list, pattern table and classification that a stage needs lives in
``claimledger/resources/data/`` as TOML (hand-edited lexicons) or JSON (generated or large
tables), and is read here, once per process, through :func:`load`.  No stage keeps its
own copy of language knowledge in Python source; a stage asks this package.

This package sits below ``extract`` and ``link``: it imports nothing from claimledger.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load", "mapping", "names", "wordset"]

_SUFFIXES = (".toml", ".json")


@cache
def load(name: str) -> Any:
    """The parsed data file ``data/<name>.toml`` or ``data/<name>.json`` (cached).

    Raises ``FileNotFoundError`` naming the file when neither exists.
    """
    root = resources.files(__package__).joinpath("data")
    for suffix in _SUFFIXES:
        f = root.joinpath(name + suffix)
        if f.is_file():
            raw = f.read_text(encoding="utf-8")
            return tomllib.loads(raw) if suffix == ".toml" else json.loads(raw)
    raise FileNotFoundError(f"no resource data file {name!r} (.toml or .json) in {root}")


def names() -> list[str]:
    """The names of every bundled data file, without suffix."""
    root = resources.files(__package__).joinpath("data")
    return sorted(
        p.name.rsplit(".", 1)[0] for p in root.iterdir() if p.is_file() and p.name.endswith(_SUFFIXES)
    )


def wordset(name: str, key: str) -> frozenset[str]:
    """The word list ``key`` of data file ``name``, as a frozenset."""
    return frozenset(load(name)[key])


def mapping(name: str, key: str) -> dict[str, Any]:
    """The table ``key`` of data file ``name``, as a new dict (in file order)."""
    return dict(load(name)[key])
