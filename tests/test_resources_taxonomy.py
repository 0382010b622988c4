"""The bundled indicator taxonomy (measures.toml) and entity table (entities.toml).

Both files are read through ``claimledger.resources.load``, exactly as a stage reads them.  The
checks are written as functions that return a list of problems, so each one is also run on a small
broken table to show it can fail.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from claimledger import resources

DIMENSIONS = frozenset(
    [
        "percent",
        "currency",
        "count",
        "mass",
        "length",
        "area",
        "volume",
        "energy",
        "power",
        "ratio",
        "index",
        "rate",
        "duration",
        "other",
    ]
)
FLOWS = frozenset({"flow", "stock", "rate", "level"})
DOMAINS = frozenset(
    [
        "national_accounts",
        "prices",
        "labour",
        "monetary",
        "fiscal",
        "fiscal_function",
        "external",
        "output",
        "public_works",
        "social",
        "business",
        "energy_environment",
        "digital",
    ]
)
# The claim frame's basis vocabulary, less the period granularities (a measure never fixes those).
BASES = frozenset(
    [
        "real",
        "nominal",
        "headline",
        "core",
        "excl_taxes",
        "excl_energy",
        "excl_food",
        "y/y",
        "q/q",
        "m/m",
        "annualised",
        "cumulative",
        "annual",
        "average",
        "per_capita",
        "share_of_gdp",
        "seasonally_adjusted",
    ]
)
CODE_PATTERNS = {
    # WDI series codes: two letters, then dotted upper-case segments (SP.POP.TOTL, BX.KLT.DINV.CD.WD).
    "wdi": re.compile(r"^[A-Z]{2}(\.[A-Z0-9]{2,4}){2,5}$"),
    # WEO subject codes: upper-case, one optional underscore part (LUR, NGDP_RPCH, GGXWDG_NGDP).
    "weo": re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)?$"),
    # COFOG 1999: division 01-10, optionally a group digit (07, 07.3, 10.2).
    "cofog": re.compile(r"^(0[1-9]|10)(\.[1-9])?$"),
}
MEASURE_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
ENTITY_ID = re.compile(r"^[A-Z][A-Z0-9_]*$")
ENTITY_TYPES = frozenset({"area", "organisation"})
MIN_MEASURES = 150

# Ids the claim-frame spec names; other engineers' code refers to them.
SPEC_MEASURES = [
    "gdp.real_growth",
    "gdp.nominal",
    "gdp.per_capita",
    "cpi.headline",
    "cpi.core",
    "unemployment.rate",
    "policy_rate",
    "budget.expenditure",
    "budget.revenue",
    "budget.deficit",
    "debt.public",
    "fdi.inflow",
    "exports",
    "reserves.fx",
    "housing.completed",
    "roads.built",
    "harvest.grain",
    "schools.built",
    "jobs.created",
    "wage.average",
    "pension.minimum",
]
SPEC_AREAS = ["EA", "EU", "OECD", "WLD", "ASEAN", "G7", "G20", "SSA", "EMDE", "AE"]
SPEC_ORGANISATIONS = ["IMF", "WB", "ECB", "FED", "OBR"]


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def measure_problems(table: dict[str, Any]) -> list[str]:
    """Everything wrong with a parsed measures table, one line per problem (empty when valid)."""
    problems: list[str] = []
    measures = table.get("measure", [])
    ids = [m.get("id", "") for m in measures]
    for mid, n in Counter(ids).items():
        if n > 1:
            problems.append(f"id {mid!r} used {n} times")
    known = set(ids)
    for m in measures:
        mid = m.get("id", "")
        if not isinstance(mid, str) or not MEASURE_ID.match(mid):
            problems.append(f"bad id {mid!r}")
        if not isinstance(m.get("name"), str) or not m["name"].strip():
            problems.append(f"{mid}: no name")
        if m.get("dimension") not in DIMENSIONS:
            problems.append(f"{mid}: dimension {m.get('dimension')!r} not in the vocabulary")
        if m.get("flow") not in FLOWS:
            problems.append(f"{mid}: flow {m.get('flow')!r} not in the vocabulary")
        if m.get("domain") not in DOMAINS:
            problems.append(f"{mid}: domain {m.get('domain')!r} not in the vocabulary")
        basis = m.get("basis", [])
        if not isinstance(basis, list) or not set(basis) <= BASES:
            problems.append(f"{mid}: basis {basis!r} outside the vocabulary")
        if not m.get("synonyms") or not _is_str_list(m["synonyms"]):
            problems.append(f"{mid}: needs at least one synonym")
        for field in ("heads", "context", "exclude"):
            if field in m and not (m[field] == [] or _is_str_list(m[field])):
                problems.append(f"{mid}: {field} must be a list of phrases")
        codes = m.get("codes", {})
        if not isinstance(codes, dict):
            problems.append(f"{mid}: codes must be a table")
            codes = {}
        for system, code in codes.items():
            pattern = CODE_PATTERNS.get(system)
            if pattern is None:
                problems.append(f"{mid}: unknown code system {system!r}")
            elif not isinstance(code, str) or not pattern.match(code):
                problems.append(f"{mid}: malformed {system} code {code!r}")
        parent = m.get("parent")
        if parent is not None and parent not in known:
            problems.append(f"{mid}: parent {parent!r} does not exist")
        if parent == mid:
            problems.append(f"{mid}: is its own parent")
    problems.extend(_parent_cycles(measures))
    problems.extend(_shared_synonyms(table))
    return problems


def _parent_cycles(measures: list[dict[str, Any]]) -> list[str]:
    parents = {m.get("id"): m.get("parent") for m in measures}
    problems = []
    for start in parents:
        seen, node = set(), start
        while node is not None and node in parents:
            if node in seen:
                problems.append(f"{start}: parent chain loops")
                break
            seen.add(node)
            node = parents[node]
    return problems


def _shared_synonyms(table: dict[str, Any]) -> list[str]:
    """A synonym naming two measures must be declared in ``ambiguous_synonyms``, and vice versa."""
    ambiguous = {_key(s) for s in table.get("ambiguous_synonyms", [])}
    owners: dict[str, set[str]] = {}
    for m in table.get("measure", []):
        for s in m.get("synonyms", []):
            owners.setdefault(_key(s), set()).add(m.get("id", ""))
    problems = [
        f"synonym {s!r} is shared by {sorted(ids)} but not listed as ambiguous"
        for s, ids in owners.items()
        if len(ids) > 1 and s not in ambiguous
    ]
    problems += [
        f"ambiguous synonym {s!r} names fewer than two measures"
        for s in ambiguous
        if len(owners.get(s, ())) < 2
    ]
    return problems


def entity_problems(table: dict[str, Any]) -> list[str]:
    """Everything wrong with a parsed entity table, one line per problem (empty when valid)."""
    problems: list[str] = []
    entities = table.get("entity", [])
    for key, n in Counter((e.get("id"), e.get("type")) for e in entities).items():
        if n > 1:
            problems.append(f"(id, type) {key!r} used {n} times")
    alias_owner: dict[str, str] = {}
    for e in entities:
        eid = e.get("id", "")
        if not isinstance(eid, str) or not ENTITY_ID.match(eid):
            problems.append(f"bad entity id {eid!r}")
        if e.get("type") not in ENTITY_TYPES:
            problems.append(f"{eid}: type {e.get('type')!r} is not area or organisation")
        if not isinstance(e.get("name"), str) or not e["name"].strip():
            problems.append(f"{eid}: no name")
        if not e.get("aliases") or not _is_str_list(e["aliases"]):
            problems.append(f"{eid}: needs at least one alias")
        if "members_note" in e and e.get("type") != "area":
            problems.append(f"{eid}: members_note is for areas only")
        if not isinstance(e.get("generic", False), bool):
            problems.append(f"{eid}: generic must be true or false")
        for alias in e.get("aliases", []):
            owner = alias_owner.setdefault(_key(alias), eid)
            if owner != eid:
                problems.append(f"alias {alias!r} names both {owner} and {eid}")
    return problems


# ---------------------------------------------------------------- the bundled files


@pytest.fixture(scope="module")
def measures() -> dict[str, Any]:
    table: dict[str, Any] = resources.load("measures")
    return table


@pytest.fixture(scope="module")
def entities() -> dict[str, Any]:
    table: dict[str, Any] = resources.load("entities")
    return table


def test_both_files_are_bundled_resources() -> None:
    assert {"measures", "entities"} <= set(resources.names())


def test_measures_are_well_formed(measures: dict[str, Any]) -> None:
    assert measure_problems(measures) == []


def test_at_least_150_measures(measures: dict[str, Any]) -> None:
    assert len(measures["measure"]) >= MIN_MEASURES


def test_every_domain_is_covered(measures: dict[str, Any]) -> None:
    assert {m["domain"] for m in measures["measure"]} == DOMAINS


def test_the_spec_measure_ids_exist(measures: dict[str, Any]) -> None:
    ids = {m["id"] for m in measures["measure"]}
    assert [i for i in SPEC_MEASURES if i not in ids] == []


def test_cofog_divisions_all_present(measures: dict[str, Any]) -> None:
    """Spending by function covers every COFOG division, 01 to 10, each on exactly one measure."""
    divisions = [
        m["codes"]["cofog"] for m in measures["measure"] if len(m.get("codes", {}).get("cofog", "")) == 2
    ]
    assert sorted(divisions) == [f"{n:02d}" for n in range(1, 11)]


def test_each_public_code_names_one_measure(measures: dict[str, Any]) -> None:
    """A WDI, WEO or COFOG code maps back to a single measure, so a code lookup is unambiguous."""
    owners = Counter(
        (system, code) for m in measures["measure"] for system, code in m.get("codes", {}).items()
    )
    assert [key for key, n in owners.items() if n > 1] == []


def test_entities_are_well_formed(entities: dict[str, Any]) -> None:
    assert entity_problems(entities) == []


def test_the_spec_entity_ids_exist(entities: dict[str, Any]) -> None:
    areas = {e["id"] for e in entities["entity"] if e["type"] == "area"}
    organisations = {e["id"] for e in entities["entity"] if e["type"] == "organisation"}
    assert [a for a in SPEC_AREAS if a not in areas] == []
    assert [o for o in SPEC_ORGANISATIONS if o not in organisations] == []


def test_ids_listed_twice_are_area_and_organisation(entities: dict[str, Any]) -> None:
    """OECD and OPEC are both a group of members and an institution; nothing else shares an id."""
    types: dict[str, set[str]] = {}
    for e in entities["entity"]:
        types.setdefault(e["id"], set()).add(e["type"])
    dual = {i for i, t in types.items() if len(t) > 1}
    assert dual == {"OECD", "OPEC"}


# ---------------------------------------------------------------- the checks can fail


def _measure(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "x.y",
        "name": "x",
        "domain": "prices",
        "dimension": "percent",
        "basis": [],
        "flow": "rate",
        "synonyms": ["x"],
    }
    base.update(fields)
    return base


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"id": "Bad-Id"}, "bad id"),
        ({"dimension": "furlongs"}, "dimension"),
        ({"flow": "trickle"}, "flow"),
        ({"domain": "astrology"}, "domain"),
        ({"basis": ["real", "quarter"]}, "basis"),
        ({"synonyms": []}, "synonym"),
        ({"codes": {"wdi": "gdp growth"}}, "malformed wdi"),
        ({"codes": {"weo": "ngdp_rpch"}}, "malformed weo"),
        ({"codes": {"cofog": "7"}}, "malformed cofog"),
        ({"codes": {"cofog": "11"}}, "malformed cofog"),
        ({"codes": {"isic": "C"}}, "unknown code system"),
        ({"parent": "no.such"}, "does not exist"),
    ],
)
def test_measure_check_catches(fields: dict[str, Any], expected: str) -> None:
    problems = measure_problems({"measure": [_measure(**fields)]})
    assert any(expected in p for p in problems), problems


def test_measure_check_catches_duplicate_ids() -> None:
    problems = measure_problems(
        {"measure": [_measure(id="a", synonyms=["p"]), _measure(id="a", synonyms=["q"])]}
    )
    assert any("used 2 times" in p for p in problems)


def test_measure_check_catches_parent_loops_and_shared_synonyms() -> None:
    table = {
        "measure": [
            _measure(id="a", parent="b", synonyms=["Price Growth"]),
            _measure(id="b", parent="a", synonyms=["price  growth"]),
        ]
    }
    problems = measure_problems(table)
    assert any("loops" in p for p in problems)
    assert any("not listed as ambiguous" in p for p in problems)


def test_declared_ambiguous_synonym_is_allowed_and_must_be_shared() -> None:
    shared = {
        "ambiguous_synonyms": ["growth"],
        "measure": [_measure(id="a", synonyms=["growth"]), _measure(id="b", synonyms=["Growth"])],
    }
    assert measure_problems(shared) == []
    stale = {"ambiguous_synonyms": ["growth"], "measure": [_measure(id="a", synonyms=["growth"])]}
    assert any("fewer than two" in p for p in measure_problems(stale))


def test_valid_codes_pass() -> None:
    codes = {"wdi": "BX.KLT.DINV.CD.WD", "weo": "GGXWDG_NGDP", "cofog": "10.2"}
    assert measure_problems({"measure": [_measure(codes=codes)]}) == []


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        ({"id": "ea", "type": "area", "name": "euro area", "aliases": ["eurozone"]}, "bad entity id"),
        ({"id": "EA", "type": "bloc", "name": "euro area", "aliases": ["eurozone"]}, "type"),
        ({"id": "EA", "type": "area", "name": "euro area", "aliases": []}, "alias"),
        (
            {"id": "IMF", "type": "organisation", "name": "IMF", "aliases": ["IMF"], "members_note": "x"},
            "members_note",
        ),
    ],
)
def test_entity_check_catches(entity: dict[str, Any], expected: str) -> None:
    problems = entity_problems({"entity": [entity]})
    assert any(expected in p for p in problems), problems


def test_entity_check_catches_shared_alias() -> None:
    table = {
        "entity": [
            {"id": "EA", "type": "area", "name": "euro area", "aliases": ["Eurozone"]},
            {"id": "EU", "type": "area", "name": "European Union", "aliases": ["eurozone"]},
        ]
    }
    assert any("names both" in p for p in entity_problems(table))
