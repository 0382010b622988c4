"""Indicators in the ledger: rebuild them, and record reviewers' merges and splits.

Reads: ``claims_effective`` + ``documents`` (through ``_records``) and
``indicator_overrides``.  Writes: ``indicators``, ``indicator_claims``, and for a reviewer's
decision one ``indicator_overrides`` row plus one ``review_events`` row.

A reviewer's decision is stored as an override on indicator *keys* and claim ids, never on
row ids, and ``relink`` replays every override in order after the rules have run, so a
merge or split survives any number of re-links, new documents and re-extractions.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.engine import Engine

from claimledger.errors import LedgerError
from claimledger.ledger.schema import indicator_claims, indicator_overrides, indicators, review_events
from claimledger.link._actor import actor_only, measured_phrase, sentence_subject
from claimledger.link._canon import canonical_subject, indicator_key
from claimledger.link._places import countries_named, currency_country
from claimledger.link._records import ClaimRecord, DocInfo, load_documents, load_records
from claimledger.link._units import percent_kind


@dataclass(slots=True)
class Membership:
    """A claim's place in an indicator, and why."""

    key: str
    name: str
    dimension: str
    explanation: str


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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


def _load_overrides(conn: Connection) -> list[tuple[int, str, dict[str, object], str, str]]:
    rows = conn.execute(select(indicator_overrides).order_by(indicator_overrides.c.id))
    return [(r.id, r.action, json.loads(r.payload), r.reviewer, r.at) for r in rows]


def relink_conn(
    conn: Connection, docs: dict[str, DocInfo] | None = None, records: Sequence[ClaimRecord] | None = None
) -> dict[str, Membership]:
    """Rebuild indicators inside an open transaction; return claim id -> membership."""
    docs = load_documents(conn) if docs is None else docs
    records = load_records(conn, docs) if records is None else records
    members = link_records(records, docs)
    apply_overrides(members, _load_overrides(conn))
    wanted: dict[str, Membership] = {}
    for m in members.values():
        wanted.setdefault(m.key, m)
    existing = {r.key: r.id for r in conn.execute(select(indicators.c.key, indicators.c.id))}
    conn.execute(delete(indicator_claims))
    stale = [i for k, i in existing.items() if k not in wanted]
    if stale:
        conn.execute(delete(indicators).where(indicators.c.id.in_(stale)))
    ids: dict[str, int] = {}
    now = _now()
    for key, m in wanted.items():
        if key in existing:
            ids[key] = existing[key]
            conn.execute(
                indicators.update()
                .where(indicators.c.id == existing[key])
                .values(name=m.name, dimension=m.dimension)
            )
        else:
            res = conn.execute(
                insert(indicators).values(key=key, name=m.name, dimension=m.dimension, created_at=now)
            )
            ids[key] = int(res.inserted_primary_key[0])  # type: ignore[index]
    rows = [
        {"claim_id": cid, "indicator_id": ids[m.key], "explanation": m.explanation}
        for cid, m in members.items()
    ]
    if rows:
        conn.execute(insert(indicator_claims), rows)
    return members


def relink(engine: Engine) -> None:
    """Rebuild every indicator from the rules, then replay reviewers' overrides."""
    with engine.begin() as conn:
        relink_conn(conn)


def _indicator(conn: Connection, indicator_id: int) -> tuple[str, str, str | None]:
    row = conn.execute(
        select(indicators.c.key, indicators.c.name, indicators.c.dimension).where(
            indicators.c.id == indicator_id
        )
    ).first()
    if row is None:
        raise LedgerError("E022", f"indicator {indicator_id}")
    return row.key, row.name, row.dimension


def _record(
    conn: Connection, action: str, payload: dict[str, object], reviewer: str, note: str | None, target: str
) -> None:
    at = _now()
    body = json.dumps(payload, sort_keys=True)
    conn.execute(insert(indicator_overrides).values(action=action, payload=body, reviewer=reviewer, at=at))
    conn.execute(
        insert(review_events).values(
            at=at,
            reviewer=reviewer,
            action=f"{action}_indicators" if action == "merge" else "split_indicator",
            target_type="indicator",
            target_id=target,
            payload=body,
            note=note,
        )
    )


def merge_indicators(engine: Engine, indicator_ids: list[int], reviewer: str, note: str | None = None) -> int:
    """Merge indicators into the first one given; return its id (stable across re-links)."""
    if len(indicator_ids) < 2:
        raise LedgerError("E030", "merge needs at least two indicators")
    if not reviewer:
        raise LedgerError("E030", "a reviewer name is required")
    with engine.begin() as conn:
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
        row = conn.execute(select(indicators.c.id).where(indicators.c.key == into_key)).first()
    return int(row.id) if row is not None else int(indicator_ids[0])


def split_indicator(
    engine: Engine, indicator_id: int, claim_ids: list[str], reviewer: str, note: str | None = None
) -> int:
    """Move ``claim_ids`` out of an indicator into a new one; return the new indicator's id."""
    if not claim_ids:
        raise LedgerError("E030", "split needs at least one claim id")
    if not reviewer:
        raise LedgerError("E030", "a reviewer name is required")
    with engine.begin() as conn:
        key, name, _ = _indicator(conn, indicator_id)
        members = {
            r.claim_id
            for r in conn.execute(
                select(indicator_claims.c.claim_id).where(indicator_claims.c.indicator_id == indicator_id)
            )
        }
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
        row = conn.execute(select(indicators.c.id).where(indicators.c.key == new_key)).first()
    if row is None:  # pragma: no cover - the split claims exist, so the key does
        raise LedgerError("E022", f"indicator {new_key}")
    return int(row.id)
