"""The frame stage's language data: its cue words (``data/frame_cues.toml``: status,
attribution, basis and relation cues) and capital cities (``data/capitals.toml``).

Read by ``extract/frame``.
"""

from __future__ import annotations

from typing import Any

from claimledger.resources import load

__all__ = ["capitals", "cue_data"]


def cue_data() -> dict[str, Any]:
    """The whole parsed ``frame_cues.toml`` (cached by ``load``)."""
    data: dict[str, Any] = load("frame_cues")
    return data


def capitals() -> dict[str, str]:
    """Capital city -> country id."""
    d: dict[str, str] = load("capitals")["capital"]
    return d
