"""Indicator keys from claim frames: what two figures must share to be one indicator.

Reads: a claim record's frame (``measure``, ``entity``, ``basis``), its unit dimension and
its document's country.  Writes: a ``FrameKey`` (the key, a display name in words and the
explanation naming the frame fields that matched).

Two figures share an indicator when their measure id, entity id and basis key (the basis
without its period granularity) agree and their unit dimension agrees.  A free-phrase
measure (``measure.free``: no taxonomy id) links only on strict agreement: the same
normalised phrase, entity and basis, and the same unit, not only the same dimension.
The subject phrase plays no part in the key; it is kept for the explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from claimledger.ledger import ClaimRecord
from claimledger.link._canon import canonical_subject, dim_label
from claimledger.resources import load, places
from claimledger.resources.taxonomy import measures

__all__ = ["FrameKey", "frame_key", "growth_measures", "measure_label", "measure_parent", "percent_dimension"]

#: The measure a frame gets when nothing names one: no indicator.
NO_MEASURE = "figure"

#: Basis terms as words, placed before the measure's name ("core inflation") or after it
#: ("GDP, per capita").  A term the measure's own definition fixes, or whose words its
#: name already holds, is not repeated.
_BASIS_BEFORE = {
    "real": "real",
    "nominal": "nominal",
    "headline": "headline",
    "core": "core",
    "annual": "annual",
    "average": "average",
    "cumulative": "cumulative",
    "annualised": "annualised",
    "seasonally_adjusted": "seasonally adjusted",
}
_BASIS_AFTER = {
    "excl_taxes": "excluding taxes",
    "excl_energy": "excluding energy",
    "excl_food": "excluding food",
    "y/y": "year on year",
    "q/q": "quarter on quarter",
    "m/m": "month on month",
    "per_capita": "per capita",
    "share_of_gdp": "% of GDP",
}
#: The taxonomy's dimension of a measure -> the unit dimensions it is stated in without
#: saying so in its name (a percent measure in %, a currency measure in money ...).
_USUAL = {
    "percent": ("percent", "percent_points"),
    "ratio": ("percent",),
    "rate": ("percent", "rate:"),
    "count": ("count",),
}


@dataclass(frozen=True, slots=True)
class FrameKey:
    """Where a figure is filed by its frame."""

    key: str
    name: str
    dimension: str
    explanation: str
    measure_id: str
    entity_id: str | None
    basis_key: str
    free: bool
    region: str | None  # the entity's name when it is a country or area, for messages
    label: str  # the measure in words, without the entity ("real GDP growth")


@dataclass(frozen=True, slots=True)
class _Measure:
    name: str
    dimension: str
    basis: frozenset[str]
    parent: str | None


@cache
def _taxonomy() -> dict[str, _Measure]:
    try:
        rows: list[dict[str, Any]] = measures()
    except FileNotFoundError:  # pragma: no cover - the file ships with the package
        rows = []
    return {
        r["id"]: _Measure(
            r.get("name", r["id"]),
            r.get("dimension", "other"),
            frozenset(r.get("basis", ())),
            r.get("parent"),
        )
        for r in rows
    }


#: Taxonomy dimensions of measures that are themselves percentages (a growth rate, an
#: inflation rate, a share): what kind of percentage a figure of one is, the measure says.
_PERCENT_MEASURES = frozenset({"percent", "rate", "ratio"})


def percent_dimension(measure_id: str, free: bool, stated: str) -> str:
    """The dimension of a percentage of ``measure_id``: ``percent`` for a measure defined
    as a percentage ("grew 5.9%" and "growth of 7.4%" are both real GDP growth), else
    ``stated`` (a change, a share of something or a level, from ``percent_kind``)."""
    m = None if free else _taxonomy().get(measure_id)
    if m is not None and m.dimension in _PERCENT_MEASURES and stated in ("percent", "percent_change"):
        return "percent"
    return stated


def measure_parent(measure_id: str) -> str | None:
    """The broader measure of a taxonomy measure ("gdp.real_growth" -> "gdp"), if any."""
    m = _taxonomy().get(measure_id)
    return None if m is None else m.parent


@cache
def growth_measures(measure_id: str) -> tuple[str, ...]:
    """The taxonomy's growth rates of a measure: its children stated in percent whose id
    says growth ("gdp" -> "gdp.real_growth", "gdp.potential_growth" ...)."""
    return tuple(
        mid
        for mid, m in _taxonomy().items()
        if m.parent == measure_id and m.dimension == "percent" and mid.rsplit(".", 1)[-1].endswith("growth")
    )


def measure_label(measure_id: str, name: str, basis_key: str) -> str:
    """The measure in words with the basis terms its name does not already say:
    ("cpi.headline", "inflation", "core") -> "core inflation"."""
    m = _taxonomy().get(measure_id)
    own = m.basis if m is not None else frozenset()
    name = m.name if m is not None else name  # the taxonomy's words for its own ids
    low = name.lower()
    before: list[str] = []
    after: list[str] = []
    for term in basis_key.split(",") if basis_key else ():
        if term in own:
            continue
        if term in _BASIS_BEFORE and _BASIS_BEFORE[term] not in low:
            before.append(_BASIS_BEFORE[term])
        elif term in _BASIS_AFTER and _BASIS_AFTER[term].lower() not in low:
            after.append(_BASIS_AFTER[term])
    words = " ".join([*before, name])
    return ", ".join([words, *after])


def _unit_label(dim: str, measure_id: str, free: bool) -> str:
    """The unit in words when the measure's name does not imply it ("USD", "% change"):
    nothing for a percentage of a measure defined as one, or a plain count of a count."""
    m = None if free else _taxonomy().get(measure_id)
    usual = _USUAL.get(m.dimension, ()) if m is not None else ()
    if (dim in usual and dim != "count") or (dim == "count" and m is not None and m.dimension == "count"):
        return ""
    if dim.startswith("rate:") and "rate:" in usual:
        return ""
    return dim_label(dim)


@cache
def _generic_entities() -> frozenset[str]:
    """Ids of generic institutions ("the government", "the central bank"): no country of
    their own (``entities.toml``, ``generic = true``)."""
    try:
        rows: list[dict[str, Any]] = load("entities").get("entity", [])
    except FileNotFoundError:  # pragma: no cover - the file ships with the package
        rows = []
    return frozenset(r["id"] for r in rows if r.get("generic"))


def _entity(r: ClaimRecord, doc_region: str | None, doc_why: str) -> tuple[str | None, str | None, str]:
    """(entity id, its name, how it was found): the frame's entity; for none, or a generic
    institution (whose particular institution is the document country's, as
    ``entities.toml`` says), the document's country; else the country whose currency the
    figure is in."""
    f = r.frame
    assert f is not None
    e = f.entity
    if e is not None and e.id not in _generic_entities():
        return e.id, e.name, f"entity {e.id} ({e.name}) from the frame"
    missing = (
        "no entity in the frame" if e is None else f"the frame's entity is {e.name}, a generic institution"
    )
    if doc_region:
        c = places.country(doc_region)
        if c is not None:
            return c.id, c.name, f"{missing}; the document is about {c.name} ({doc_why})"
    if r.unit:
        c = places.currency_country(r.unit)
        if c is not None:
            return c.id, c.name, f"{missing}; {r.unit} is the currency of {c.name}"
    return None, None, f"{missing} and no country known"


def frame_key(r: ClaimRecord, dim: str, doc_region: str | None, doc_why: str = "") -> FrameKey | None:
    """The indicator ``r`` belongs to by its frame, or None when the frame names no measure.

    ``dim`` is the figure's unit dimension (``_units.dimension``, a percentage split by
    ``percent_kind``).  A figure whose entity cannot be told gets the entity ``-``: the
    linker then files it with the only entity that has the same measure, if one does.
    """
    f = r.frame
    if f is None or f.measure.id == NO_MEASURE:
        return None
    measure = f.measure
    entity_id, entity_name, where = _entity(r, doc_region, doc_why)
    basis = f.basis_key
    unit_part = dim
    if measure.free:
        # strict: the same unit as written, not only the same dimension ("km" and "m")
        unit_part = f"{dim}={r.unit or r.noun or ''}"
    label = measure_label(measure.id, measure.name, basis)
    unit = _unit_label(dim, measure.id, measure.free)
    shown = f"{label} ({unit})" if unit else label
    name = f"{entity_name}: {shown}" if entity_name else shown
    # The first three parts keep the shape "region|words|dimension" that the checkers read.
    words = canonical_subject(measure.name).key or measure.id
    key = "|".join([entity_name or "-", words, unit_part, f"{measure.id}@{entity_id or '-'}", basis])
    kind = "free phrase" if measure.free else "measure"
    what = f"{kind} '{measure.id}'"
    how = f"basis {basis or 'none'}" + (f", granularity {f.granularity}" if f.granularity else "")
    unit_what = f"unit {r.unit}" if r.unit else (f"counted noun '{r.noun}'" if r.noun else "no unit")
    strict = "; a free phrase links only on the same phrase, entity, basis and unit" if measure.free else ""
    explanation = (
        f"frame: {what}, {where}, {how}; dimension {dim} from {unit_what}{strict}; "
        f"subject '{r.subject}' is only the display text."
    )
    region = entity_name if entity_id is not None else None
    return FrameKey(key, name, dim, explanation, measure.id, entity_id, basis, measure.free, region, label)
