"""Reading stored frames for the checkers: which figures are levels to compare, in which
family, whether two frames are the same, and how official a source is.

Reads: a claim's ``frame`` (``models.Frame``: measure, entity, basis, status, attribution,
relations) and its document's source, title and speaker.  Writes nothing.  Every decision
here is made from the stored fields, never from the sentence, so a checker that uses them
works per indicator without re-parsing text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claimledger.checks.base import frame_of
from claimledger.link import ClaimRecord, DocInfo
from claimledger.models import GRANULARITIES, Entity, Frame
from claimledger.resources.taxonomy import entity_data, measures

#: Frame statuses and the family of figures each is compared with: actuals with actuals
#: and estimates (a revision is the newest actual), a target with the same target
#: restated, a projection with the same source's projection.  Assumptions and baselines
#: are compared with nothing.
FAMILY = {
    "actual": "actual",
    "estimate": "actual",
    "revision": "actual",
    "target": "target",
    "projection": "projection",
}
#: Relations that make a figure something other than a level of its own measure: the
#: baseline of a change ("from 1.1 billion"), the change itself ("rose 15%"), and a
#: conversion of another figure ("$460 million (330 million euros)").
NOT_A_LEVEL = frozenset({"change_to", "change_by", "converted_from"})
#: Basis terms of which a figure has at most one: two figures with different terms of one
#: group measure different things (real and nominal growth, q/q and y/y, core and headline).
EXCLUSIVE = (
    frozenset({"real", "nominal"}),
    frozenset({"headline", "core", "excl_taxes", "excl_energy", "excl_food"}),
    frozenset({"y/y", "q/q", "m/m", "annualised", "cumulative"}),
    GRANULARITIES,
)
#: Basis terms that change what a number means: present on one figure and absent on the
#: other, the two are not one measure (a share of GDP and an amount, per head and a total).
DEFINING = frozenset({"share_of_gdp", "per_capita", "average", "seasonally_adjusted"})


def family(c: ClaimRecord) -> str | None:
    """The family a figure is compared in (``FAMILY``), or None when it is no level of its
    measure (an assumption, a baseline, a change, a conversion) or has no frame."""
    f = frame_of(c)
    if f is None:
        return None
    if any(r.type in NOT_A_LEVEL for r in f.relations):
        return None
    return FAMILY.get(f.status)


def basis_clash(a: Frame, b: Frame) -> bool:
    """Do two frames' bases say they measure different things (``EXCLUSIVE``, ``DEFINING``)?"""
    sa, sb = set(a.basis), set(b.basis)
    for group in EXCLUSIVE:
        ga, gb = sa & group, sb & group
        if ga and gb and ga != gb:
            return True
    return bool((sa ^ sb) & DEFINING)


@dataclass(frozen=True, slots=True)
class Match:
    """How well two frames match: ``ok`` (they may be compared), ``strict`` (same measure
    from the taxonomy, same entity, same basis) and the reasons, in words."""

    ok: bool
    strict: bool
    reasons: tuple[str, ...]
    #: the field that kept two figures apart ("measure", "entity", "basis"), if any
    veto: str = ""


def match(a: ClaimRecord, b: ClaimRecord) -> Match | None:
    """Compare the frames of two figures of one indicator and period; None when either has
    no frame (the checker then falls back on its sentence rules)."""
    fa, fb = frame_of(a), frame_of(b)
    if fa is None or fb is None:
        return None
    if fa.measure.id != fb.measure.id:
        return Match(False, False, (f"different measures ({fa.measure.id} / {fb.measure.id})",), "measure")
    ea, eb = entity_of(fa), entity_of(fb)
    if ea != eb and ((ea and eb) or _one_is_organisation(fa, fb) or _one_is_local(fa, fb)):
        return Match(False, False, (f"different entities ({ea or 'none'} / {eb or 'none'})",), "entity")
    if basis_clash(fa, fb):
        why = f"different bases ({', '.join(fa.basis)} / {', '.join(fb.basis)})"
        return Match(False, False, (why,), "basis")
    reasons = []
    strict = not fa.measure.free and ea == eb and fa.basis_key == fb.basis_key
    if strict:
        reasons.append(f"same measure ({fa.measure.name}), entity ({ea or 'the country'}), basis and period")
    elif fa.measure.free:
        reasons.append(f"the measure is a free phrase ('{fa.measure.name}'), not from the taxonomy")
    else:
        reasons.append(f"same measure ({fa.measure.name}); entity or basis not stated on both")
    return Match(True, strict, tuple(reasons))


#: Measures of a whole economy: an organisation named with them is where the figure was
#: said ("told parliament", "the central bank's report"), not whose it is.
ECONOMY_MEASURES = (
    "gdp",
    "cpi",
    "inflation",
    "unemployment",
    "debt",
    "budget",
    "exports",
    "imports",
    "trade",
)


def entity_of(f: Frame) -> str | None:
    """Whose figure it is, for comparison: the frame's entity, except an organisation named
    with a measure of a whole economy (``ECONOMY_MEASURES``), which is read as none."""
    e = f.entity
    if e is None or _dateline(e):
        return None
    if e.type == "organisation" and (
        f.measure.id.split(".", 1)[0] in ECONOMY_MEASURES or _PUBLIC_BODY.search(e.id)
    ):
        return None
    return e.id


#: Public bodies named with a figure are most often who reports it ("the audit office
#: measured the waiting time at 23 weeks"), not whose figure it is.
_PUBLIC_BODY = re.compile(
    r"MINISTRY|OFFICE|AGENCY|BANK|GOVERNMENT|PARLIAMENT|COUNCIL|COMMITTEE|COMMISSION|AUTHORITY|BUREAU|"
    r"DEPARTMENT|CABINET|PRESIDEN|TREASURY|STATISTIC"
)


def _one_is_organisation(a: Frame, b: Frame) -> bool:
    """One figure is an organisation's or a sector's own (a bank's profit) and the other
    names no entity: not one figure."""
    return any(
        f.entity is not None and entity_of(f) is not None and f.entity.type in ("organisation", "sector")
        for f in (a, b)
    )


#: Words of an indicator's name that qualify no item: "unemployment rate" is unemployment.
_GENERIC = frozenset(
    ["rate", "level", "total", "number", "figure", "volume", "value", "amount", "index", "share"]
)


def _dateline(e: Entity) -> bool:
    """Is a city entity named in capitals ("RAVIA CITY, March 12 -"): a wire story's
    dateline, where the story was filed, not whose figure it is?"""
    return e.type == "city" and len(e.name) > 3 and e.name.isupper()


def _one_is_local(a: Frame, b: Frame) -> bool:
    """One figure is a city's, a region's or an area's and the other names none: a part of
    the country against (most likely) the whole of it."""
    return any(
        f.entity is not None and f.entity.type in ("city", "region", "area") and not _dateline(f.entity)
        for f in (a, b)
    )


def local(c: ClaimRecord) -> bool:
    """Is a figure a city's, a region's or an area's (its frame's entity)?"""
    f = frame_of(c)
    return (
        f is not None
        and f.entity is not None
        and f.entity.type in ("city", "region", "area")
        and not _dateline(f.entity)
    )


def sub_item(ka: str | None, kb: str | None, names: str = "") -> bool:
    """Are two indicator keys a whole and one of its items ("export" and "export flower"):
    the subject words of one strictly contain the other's, leaving aside generic words and
    words of ``names`` (the documents' titles, where a country's name stands)?"""
    if not ka or not kb or ka == kb or ka.count("|") < 2 or kb.count("|") < 2:
        return False
    # a name comes back from the singulariser changed ("Brasova" -> "brasovum"): words of
    # the titles are matched on their first five letters
    named = {w[:5] for w in re.findall(r"[a-z]{5,}", names.lower())}

    def own(key: str) -> set[str]:
        return {t for t in key.split("|")[1].split() if t not in _GENERIC and t[:5] not in named}

    ta, tb = own(ka), own(kb)
    return ta < tb or tb < ta


@lru_cache(maxsize=1)
def _dimensions() -> dict[str, str]:
    return {str(m.get("id")): str(m.get("dimension", "")) for m in measures()}


def measure_dimension(measure_id: str) -> str:
    """The taxonomy's dimension of a measure ("currency", "count", "percent"), "percent"
    when the taxonomy has no such id (a free phrase is no level to grow)."""
    return _dimensions().get(measure_id, "percent")


@lru_cache(maxsize=512)
def measure_words(measure_id: str) -> str:
    """The words the taxonomy uses for a measure (its name, synonyms, heads and context):
    under one measure, "university enrolment of first-year students" and "first-year
    students" are one thing, not a whole and its item."""
    for m in measures():
        if m.get("id") == measure_id:
            words = [m.get("name", ""), *m.get("synonyms", ()), *m.get("heads", ()), *m.get("context", ())]
            return " ".join(str(w) for w in words)
    return ""


def attribution(c: ClaimRecord) -> str | None:
    f = frame_of(c)
    return None if f is None or f.attribution is None else f.attribution.id


def forecaster(c: ClaimRecord) -> str | None:
    """Who a projection is: its attribution, else a public body the frame names as its
    entity with a measure of a whole economy ("The Central Bank expects the economy to grow
    2.2%": the bank is who forecasts, not whose growth it is)."""
    f = frame_of(c)
    if f is None:
        return None
    if f.attribution is not None:
        return f.attribution.id
    e = f.entity
    if e is not None and e.type == "organisation" and entity_of(f) is None:
        return e.id
    return None


#: Basis terms that say what a percentage change is measured against.
CHANGE_BASES = frozenset({"y/y", "q/q", "m/m", "annualised", "cumulative"})


def same_change_basis(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Do both frames state what their change is measured against, and the same?"""
    fa, fb = frame_of(a), frame_of(b)
    if fa is None or fb is None:
        return False
    ta, tb = set(fa.basis) & CHANGE_BASES, set(fb.basis) & CHANGE_BASES
    return bool(ta) and ta == tb


_OFFICIAL = re.compile(
    r"\b(?:ministry|minister|ministers|government|president|presidential|prime\s+minister|cabinet|"
    r"treasury|central\s+bank|national\s+bank|reserve\s+bank|bank\s+of|statistic\w*|census|"
    r"office|agency|authority|bureau|department|council|parliament|committee|commission|"
    r"institute|board|audit\w*|IMF|World\s+Bank|OECD|regulator|administration|mayor|governor)\b",
    re.I,
)
_NEWS = re.compile(
    r"\b(?:daily|news|herald|times|tribune|gazette|post|journal|press|wire|reuters|bloomberg|"
    r"newspaper|magazine|television|tv|radio|broadcast\w*|blog|column|op-ed|editorial)\b",
    re.I,
)


def official(d: DocInfo) -> bool:
    """Is a document an official source (a ministry, a statistics office, a central bank),
    judged on its source, title and speaker; a news outlet is not, whatever it reports."""
    said = " ".join(x for x in (d.source, d.title, d.speaker) if x)
    return bool(_OFFICIAL.search(said)) and not _NEWS.search(said)


@lru_cache(maxsize=1)
def _institution_aliases() -> tuple[tuple[str, str], ...]:
    """(alias, id) of the generic institutions of ``entities.toml`` ("finance minister" and
    "ministry of finance" are FINANCE_MINISTRY), longest alias first."""
    rows = [r for v in entity_data().values() if isinstance(v, list) for r in v if isinstance(r, dict)]
    pairs = [
        (str(a).lower(), str(r["id"]))
        for r in rows
        if r.get("generic") and r.get("type") == "organisation" and r.get("id") != "GOVERNMENT"
        for a in r.get("aliases", ())
    ]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def institutions(d: DocInfo) -> frozenset[str]:
    """The generic institutions a document's speaker and source name ("Finance Minister Ada
    Rusk" and "Ministry of Finance of Selmara" are both FINANCE_MINISTRY)."""
    return frozenset(i for i in (institution(d.speaker), institution(d.source)) if i is not None)


def institution(said: str | None) -> str | None:
    """The generic institution a phrase names ("the economy ministry": ECONOMY_MINISTRY)."""
    low = f" {(said or '').lower()} "
    for alias, eid in _institution_aliases():
        if re.search(rf"(?<![a-z]){re.escape(alias)}(?![a-z])", low):
            return eid
    return None
