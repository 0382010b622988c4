"""The indicator taxonomy (``data/measures.toml``) and the non-country entities
(``data/entities.toml``: economic areas and organisations), as their readers get them.

Read by the frame stage (``extract/frame``), the linker and the official-statistics checker.
"""

from __future__ import annotations

from typing import Any

from claimledger.resources import load

__all__ = ["area_codes", "entity_data", "measure_data", "measures"]


def measure_data() -> dict[str, Any]:
    """The whole parsed ``measures.toml`` (cached by ``load``)."""
    data: dict[str, Any] = load("measures")
    return data


def measures() -> list[dict[str, Any]]:
    """Every ``[[measure]]`` table: id, name, dimension, basis, codes, synonyms ..."""
    rows: list[dict[str, Any]] = measure_data().get("measure", [])
    return rows


def entity_data() -> dict[str, Any]:
    """The whole parsed ``entities.toml`` (cached by ``load``)."""
    data: dict[str, Any] = load("entities")
    return data


def area_codes(table: str) -> dict[str, str]:
    """A table of ``data/areas.toml``: reference-statistics area codes that are no ISO 3166
    country (``world_bank``, ``sdmx_alias``), mapped to the project's entity ids."""
    data: dict[str, str] = load("areas")[table]
    return data
