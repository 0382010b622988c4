"""Indicators in the ledger: rebuild them, and record reviewers' merges and splits.

Reads: claim records and documents (through ``_records``) and reviewers' overrides.
Writes: indicators and their claims, and for a reviewer's decision one override plus one
audit event.  Every statement is the ledger's (``claimledger.ledger``); this module
decides what to store.

A reviewer's decision is stored as an override on indicator *keys* and claim ids, never on
row ids, and ``relink`` replays every override in order after the rules have run, so a
merge or split survives any number of re-links, new documents and re-extractions.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimledger import ledger
from claimledger._dates import utc_timestamp as _now
from claimledger.errors import LedgerError
from claimledger.link._actor import actor_only, measured_phrase, sentence_subject
from claimledger.link._canon import canonical_subject, indicator_key
from claimledger.link._places import countries_named, currency_country
from claimledger.link._records import ClaimRecord, DocInfo, load_documents, load_records
from claimledger.link._units import percent_kind

if TYPE_CHECKING:
    from claimledger.ledger import Connection, Engine


@dataclass(slots=True)
class Membership:
    """A claim's place in an indicator, and why."""

    key: str
    name: str
    dimension: str
    explanation: str


def _own_region(r: ClaimRecord, d: DocInfo | None) -> tuple[str | None, str]:
    """The country of a figure from its document, else its sentence, else its currency."""
    if d is not None and d.region:
        return d.region, f"document is about {d.region} ({d.region_why})"
    named = set(countries_named(r.sentence))
    if len(named) == 1:
        country = named.pop()
        return country, f"the document names no single country; the sentence names {country}"
    issuer = currency_country(r.unit) if r.unit else None
    if issuer:
        return issuer, f"the document names no single country; {r.unit} is the currency of {issuer}"
    return None, ""


#: Quantities that state a relative change, not a level: "a quarter", "one third", "half",
#: "twice", "three-fold".
_RELATIVE = re.compile(
    r"(?:(?:an?|one|two|three|four)[\s-]+)?(?:half|halves|thirds?|quarters?|fifths?|"
    r"tenths?)|twice|double|triple|(?:\d+(?:\.\d+)?|two|three|four|five|ten)[\s-]*fold",
    re.I,
)


def measured_subject(r: ClaimRecord, dim: str | None = None) -> tuple[str, str]:
    """The subject to link a figure by, and a note when it is not the extracted one.

    A subject that names only who acts ("the government", "Ghana") is replaced by the noun
    phrase its verb acts on in the sentence ("narrow the fiscal deficit to 4.3% of GDP" ->
    "fiscal deficit"), keeping a country the actor named.  So is a share's subject that is
    only what it is a share of ("GDP" for "4.3% of GDP"): the denominator is not what is
    measured.
    """
    tokens = set(canonical_subject(r.subject).tokens)
    own_denominator = (
        dim is not None
        and dim.startswith("percent_of:")
        and bool(tokens)
        and tokens <= {dim.split(":", 1)[1]}
    )
    if not actor_only(r.subject) and not own_denominator:
        return r.subject, ""
    phrase = measured_phrase(r.sentence, r.q_rel[0])
    if phrase is None and (not r.subject.strip() or own_denominator):
        phrase = sentence_subject(r.sentence, r.q_rel[0])
    if phrase is None:
        return r.subject, ""
    country = canonical_subject(r.subject).region
    subject = f"{phrase} of {country}" if country else phrase
    who = f"'{r.subject}'" if r.subject else "nothing"
    why = "is only what the share is of" if own_denominator else "names only who acts"
    return subject, f"the extracted subject {who} {why}; the sentence measures '{phrase}'. "


def link_records(records: Sequence[ClaimRecord], docs: dict[str, DocInfo]) -> dict[str, Membership]:
    """Rule-based linking, no database: claim id -> membership (figures only).

    A figure whose country cannot be told (a round-up article about several countries)
    joins the one country that has the same indicator, if exactly one does; otherwise it
    stays unscoped rather than being guessed into one.
    """
    out: dict[str, Membership] = {}
    pending: list[tuple[ClaimRecord, str]] = []
    for r in records:
        if not r.has_quantity or _RELATIVE.fullmatch((r.q_text or "").strip()):
            continue  # "a quarter" in "rose by a quarter" is a change, not a level
        region, why = _own_region(r, docs.get(r.doc))
        dim = percent_kind(r.sentence, *r.q_rel) if r.unit == "%" else None
        subject, note = measured_subject(r, dim)
        k = indicator_key(subject, r.unit, r.noun, region, why, dim=dim)
        if k is None:
            continue
        if k.key.startswith("-|"):
            pending.append((r, k.key.split("|", 1)[1]))
        out[r.id] = Membership(k.key, k.name, k.dimension, note + k.explanation)
    regions: dict[str, set[str]] = {}
    for m in out.values():
        region, rest = m.key.split("|", 1)
        if region != "-":
            regions.setdefault(rest, set()).add(region)
    for r, rest in pending:
        found = regions.get(rest, set())
        if len(found) == 1:
            country = next(iter(found))
            k = indicator_key(
                measured_subject(r, rest.split("|", 1)[1])[0],
                r.unit,
                r.noun,
                country,
                f"no country named; {country} is the only country with this indicator",
                dim=rest.split("|", 1)[1],
            )
            if k is not None:
                out[r.id] = Membership(k.key, k.name, k.dimension, k.explanation)
    return out


def apply_overrides(
    members: dict[str, Membership], overrides: Sequence[tuple[int, str, dict[str, object], str, str]]
) -> None:
    """Replay reviewers' merges and splits, oldest first, on top of the rules' result."""
    for oid, action, payload, reviewer, at in overrides:
        verb = "merged" if action == "merge" else "split"
        note = f" Reviewer {reviewer} {verb} it on {at[:10]} (override {oid})."
        if action == "merge":
            into = str(payload["into"])
            keys = {str(k) for k in payload.get("keys", [])}  # type: ignore[attr-defined]
            into_name = str(payload.get("name") or into)
            for m in members.values():
                if m.key in keys and m.key != into:
                    m.explanation += note
                    m.key, m.name = into, into_name
                    m.dimension = str(payload.get("dimension") or m.dimension)
        elif action == "split":
            into = str(payload["into"])
            for cid in payload.get("claim_ids", []):  # type: ignore[attr-defined]
                hit = members.get(str(cid))
                if hit is not None:
                    hit.explanation += note
                    hit.key, hit.name = into, str(payload.get("name") or into)


def relink_conn(
    conn: Connection, docs: dict[str, DocInfo] | None = None, records: Sequence[ClaimRecord] | None = None
) -> dict[str, Membership]:
    """Rebuild indicators inside an open transaction; return claim id -> membership."""
    docs = load_documents(conn) if docs is None else docs
    records = load_records(conn, docs) if records is None else records
    members = link_records(records, docs)
    apply_overrides(members, ledger.load_overrides(conn))
    wanted: dict[str, tuple[str, str | None]] = {}
    for m in members.values():
        wanted.setdefault(m.key, (m.name, m.dimension))
    stored = {cid: (m.key, m.explanation) for cid, m in members.items()}
    ledger.replace_indicators(conn, wanted, stored, _now())
    return members


def relink(engine: Engine) -> None:
    """Rebuild every indicator from the rules, then replay reviewers' overrides."""
    with ledger.transaction(engine) as conn:
        relink_conn(conn)


def _indicator(conn: Connection, indicator_id: int) -> tuple[str, str, str | None]:
    found = ledger.indicator_fields(conn, indicator_id)
    if found is None:
        raise LedgerError("E022", f"indicator {indicator_id}")
    return found


def _record(
    conn: Connection, action: str, payload: dict[str, object], reviewer: str, note: str | None, target: str
) -> None:
    ledger.add_override(conn, action, payload, reviewer=reviewer, note=note, target=target, at=_now())


def merge_indicators(engine: Engine, indicator_ids: list[int], reviewer: str, note: str | None = None) -> int:
    """Merge indicators into the first one given; return its id (stable across re-links)."""
    if len(indicator_ids) < 2:
        raise LedgerError("E030", "merge needs at least two indicators")
    if not reviewer:
        raise LedgerError("E030", "a reviewer name is required")
    with ledger.transaction(engine) as conn:
        found = [_indicator(conn, i) for i in indicator_ids]
        into_key, into_name, into_dim = found[0]
        payload: dict[str, object] = {
            "keys": [k for k, _, _ in found],
            "into": into_key,
            "name": into_name,
            "dimension": into_dim,
            "indicator_ids": list(indicator_ids),
        }
        _record(conn, "merge", payload, reviewer, note, str(indicator_ids[0]))
        relink_conn(conn)
        merged = ledger.indicator_id(conn, into_key)
    return merged if merged is not None else int(indicator_ids[0])


def split_indicator(
    engine: Engine, indicator_id: int, claim_ids: list[str], reviewer: str, note: str | None = None
) -> int:
    """Move ``claim_ids`` out of an indicator into a new one; return the new indicator's id."""
    if not claim_ids:
        raise LedgerError("E030", "split needs at least one claim id")
    if not reviewer:
        raise LedgerError("E030", "a reviewer name is required")
    with ledger.transaction(engine) as conn:
        key, name, _ = _indicator(conn, indicator_id)
        members = ledger.indicator_members(conn, indicator_id)
        missing = [c for c in claim_ids if c not in members]
        if missing:
            raise LedgerError("E022", f"claims not in indicator {indicator_id}: {', '.join(missing)}")
        digest = hashlib.blake2b("\x00".join(sorted(claim_ids)).encode(), digest_size=4).hexdigest()
        new_key = f"{key}#split-{digest}"
        payload: dict[str, object] = {
            "from": key,
            "into": new_key,
            "name": f"{name} (split {digest})",
            "claim_ids": sorted(claim_ids),
            "indicator_id": indicator_id,
        }
        _record(conn, "split", payload, reviewer, note, str(indicator_id))
        relink_conn(conn)
        new_id = ledger.indicator_id(conn, new_key)
    if new_id is None:  # pragma: no cover - the split claims exist, so the key does
        raise LedgerError("E022", f"indicator {new_key}")
    return new_id
