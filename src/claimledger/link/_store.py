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
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from claimledger import ledger
from claimledger._dates import utc_timestamp as _now
from claimledger.errors import LedgerError
from claimledger.link._actor import actor_only, measured_phrase, sentence_subject
from claimledger.link._canon import canonical_subject, indicator_key
from claimledger.link._frame import frame_key, percent_dimension
from claimledger.link._places import countries_named, currency_country
from claimledger.link._records import ClaimRecord, DocInfo, load_documents, load_records
from claimledger.link._units import dimension, percent_kind

if TYPE_CHECKING:
    from claimledger.ledger import Connection, Engine

LinkBy = Literal["frame", "subject"]


@dataclass(slots=True)
class Membership:
    """A claim's place in an indicator, and why.

    ``key`` is unique per indicator; ``name`` is its display name in words ("Kazakhstan:
    real GDP growth").  The typed fields say what it was keyed on: ``measure_id``,
    ``entity_id`` and ``basis_key`` of the members' frames (empty for a figure linked by
    its subject phrase, stored before frames), ``free`` when the measure is a free phrase,
    ``region`` (the entity's name) and ``label`` (the measure in words, for messages)."""

    key: str
    name: str
    dimension: str
    explanation: str
    measure_id: str = ""
    entity_id: str | None = None
    basis_key: str = ""
    free: bool = False
    region: str | None = None
    label: str = ""


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


#: How figures are filed under indicators: ``frame`` (measure id, entity id, basis key and
#: unit dimension of the claim frames, ``_frame``) or ``subject`` (the canonical subject
#: phrase, unit dimension and country, ``_canon``).  Linking by frame is built and tested
#: but not yet the default: with the frame stage's present accuracy (measure 0.40, entity
#: 0.68 on the real-text gold) it files too many figures under the wrong measure or
#: entity, and the scenario floors drop (measured: scenarios precision 0.978, recall
#: 0.827 against 1.000 and 1.000; held-out precision 0.643, recall 0.500 against 0.882
#: and 0.778; docs/checks.md "Linking").  Read at call time, so a caller or a test may
#: set it.
DEFAULT_LINK_BY: LinkBy = "subject"


def _by_frame(r: ClaimRecord, d: DocInfo | None) -> Membership | None:
    """The membership of a figure by its frame (``_frame.frame_key``)."""
    dim = dimension(r.unit, r.noun)[0]
    if r.unit == "%" and r.frame is not None:
        m = r.frame.measure
        dim = percent_dimension(m.id, m.free, percent_kind(r.sentence, *r.q_rel))
    k = frame_key(r, dim, d.region if d else None, d.region_why if d else "")
    if k is None:
        return None
    return Membership(
        k.key,
        k.name,
        k.dimension,
        k.explanation,
        k.measure_id,
        k.entity_id,
        k.basis_key,
        k.free,
        k.region,
        k.label,
    )


def _subject_key(r: ClaimRecord, region: str | None, why: str, dim: str | None) -> Membership | None:
    subject, note = measured_subject(r, dim)
    k = indicator_key(subject, r.unit, r.noun, region, why, dim=dim)
    if k is None:
        return None
    note += "" if r.frame is not None else _NO_FRAME
    return Membership(k.key, k.name, k.dimension, note + k.explanation, region=k.region, label=k.label)


def _by_subject(r: ClaimRecord, d: DocInfo | None) -> Membership | None:
    """The membership of a figure by its canonical subject phrase, unit dimension and
    country (``_canon.indicator_key``)."""
    region, why = _own_region(r, d)
    dim = percent_kind(r.sentence, *r.q_rel) if r.unit == "%" else None
    return _subject_key(r, region, why, dim)


_NO_FRAME = " (No frame stored for this claim: run reextract.)"


def link_records(
    records: Sequence[ClaimRecord], docs: dict[str, DocInfo], *, by: LinkBy | None = None
) -> dict[str, Membership]:
    """Rule-based linking, no database: claim id -> membership (figures only).

    ``by`` (default ``DEFAULT_LINK_BY``): ``frame`` keys each figure by its frame (measure
    id, entity id, basis key, unit dimension; a figure stored without a frame by its
    subject); ``subject`` by its canonical subject phrase, dimension and country.  Each
    figure is keyed once and grouped by key, so linking is linear in the claims.  A figure
    whose entity (country) cannot be told (a round-up article about several countries)
    joins the one that has the same indicator, if exactly one does; otherwise it stays
    unscoped rather than being guessed into one.  ``Membership.free`` marks the figures of
    an indicator made only of free-phrase measures.
    """
    mode = by or DEFAULT_LINK_BY
    out: dict[str, Membership] = {}
    pending: list[ClaimRecord] = []
    for r in records:
        if not r.has_quantity or _RELATIVE.fullmatch((r.q_text or "").strip()):
            continue  # "a quarter" in "rose by a quarter" is a change, not a level
        d = docs.get(r.doc)
        m = _by_frame(r, d) if mode == "frame" and r.frame is not None else _by_subject(r, d)
        if m is None:
            continue
        if m.key.startswith("-|"):
            pending.append(r)
        out[r.id] = m
    # Unscoped figures: the one entity that has the same indicator, if exactly one does.
    scoped: dict[str, dict[str, Membership]] = {}
    for m in out.values():
        if not m.key.startswith("-|"):
            scoped.setdefault(_unscoped(m), {}).setdefault(m.key, m)
    for r in pending:
        m = out[r.id]
        found = scoped.get(_unscoped(m), {})
        if len(found) != 1:
            continue
        only = next(iter(found.values()))
        if m.measure_id:
            note = f" No entity known; {only.region or only.name} is the only one with this indicator."
            out[r.id] = replace(only, explanation=m.explanation + note)
            continue
        country = only.key.split("|", 1)[0]
        dim = m.key.split("|")[2]
        why = f"no country named; {country} is the only country with this indicator"
        found_m = _subject_key(r, country, why, dim)
        if found_m is not None:
            out[r.id] = found_m
    _mark_free(out, records)
    return out


def _unscoped(m: Membership) -> str:
    """An indicator key without its entity: what an unscoped figure is matched on."""
    parts = m.key.split("|")
    if m.measure_id:
        parts[3] = m.measure_id  # "<measure>@<entity>"
    return "|".join(parts[1:])


def _mark_free(members: dict[str, Membership], records: Sequence[ClaimRecord]) -> None:
    """Set ``free`` on the memberships of every indicator whose figures all have a
    free-phrase measure (no taxonomy id): the checkers may refuse to raise a warning or an
    error on such an indicator alone."""
    frames = {r.id: r.frame for r in records}
    free: dict[str, bool] = {}
    for cid, m in members.items():
        f = frames.get(cid)
        free[m.key] = free.get(m.key, True) and f is not None and f.measure.free
    for m in members.values():
        m.free = free[m.key]


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
            frames = [f for f in payload.get("frames", []) if f]  # type: ignore[attr-defined]
            into_name = str(payload.get("name") or into)
            into_m = next((m for m in members.values() if m.key == into), None)
            for m in members.values():
                joined = m.key in keys or (_frame_key_of(m) in frames)
                if joined and m.key != into:
                    m.explanation += note
                    m.key, m.name = into, into_name
                    m.dimension = str(payload.get("dimension") or m.dimension)
                    if into_m is not None:  # the merged indicator is keyed as the one kept
                        m.measure_id, m.entity_id, m.basis_key = (
                            into_m.measure_id,
                            into_m.entity_id,
                            into_m.basis_key,
                        )
                        m.region, m.label = into_m.region, into_m.label
        elif action == "split":
            into = str(payload["into"])
            for cid in payload.get("claim_ids", []):  # type: ignore[attr-defined]
                hit = members.get(str(cid))
                if hit is not None:
                    hit.explanation += note
                    hit.key, hit.name = into, str(payload.get("name") or into)


def relink_conn(
    conn: Connection,
    docs: dict[str, DocInfo] | None = None,
    records: Sequence[ClaimRecord] | None = None,
    *,
    by: LinkBy | None = None,
) -> dict[str, Membership]:
    """Rebuild indicators inside an open transaction (``by``: see ``link_records``);
    return claim id -> membership."""
    docs = load_documents(conn) if docs is None else docs
    records = load_records(conn, docs) if records is None else records
    members = link_records(records, docs, by=by)
    apply_overrides(members, ledger.load_overrides(conn))
    _mark_free(members, records)  # a merge may join a free-phrase indicator to another
    wanted: dict[str, ledger.IndicatorSpec] = {}
    for m in members.values():
        if m.key not in wanted:
            keyed = bool(m.measure_id)
            wanted[m.key] = ledger.IndicatorSpec(
                m.name,
                m.dimension,
                m.measure_id if keyed else None,
                m.entity_id if keyed else None,
                m.basis_key if keyed else None,
                m.free,
            )
    stored = {cid: (m.key, m.explanation) for cid, m in members.items()}
    ledger.replace_indicators(conn, wanted, stored, _now())
    return members


def relink(engine: Engine, *, by: LinkBy | None = None) -> None:
    """Rebuild every indicator from the rules, then replay reviewers' overrides."""
    with ledger.transaction(engine) as conn:
        relink_conn(conn, by=by)


def _indicator(conn: Connection, indicator_id: int) -> ledger.StoredIndicator:
    found = ledger.indicator_fields(conn, indicator_id)
    if found is None:
        raise LedgerError("E022", f"indicator {indicator_id}")
    return found


def _frame_of(i: ledger.StoredIndicator) -> dict[str, object] | None:
    """The frame key an indicator was linked on, as an override records it (None when it
    was linked by subject phrase)."""
    if i.measure_id is None:
        return None
    return {
        "measure_id": i.measure_id,
        "entity_id": i.entity_id,
        "basis_key": i.basis_key,
        "dimension": i.dimension,
    }


def _frame_key_of(m: Membership) -> dict[str, object] | None:
    if not m.measure_id:
        return None
    return {
        "measure_id": m.measure_id,
        "entity_id": m.entity_id,
        "basis_key": m.basis_key,
        "dimension": m.dimension,
    }


def _record(
    conn: Connection, action: str, payload: dict[str, object], reviewer: str, note: str | None, target: str
) -> None:
    ledger.add_override(conn, action, payload, reviewer=reviewer, note=note, target=target, at=_now())


def merge_indicators(
    engine: Engine,
    indicator_ids: list[int],
    reviewer: str,
    note: str | None = None,
    *,
    by: LinkBy | None = None,
) -> int:
    """Merge indicators into the first one given; return its id (stable across re-links).
    ``by``: how the re-link after it files figures (``link_records``)."""
    if len(indicator_ids) < 2:
        raise LedgerError("E030", "merge needs at least two indicators")
    if not reviewer:
        raise LedgerError("E030", "a reviewer name is required")
    with ledger.transaction(engine) as conn:
        found = [_indicator(conn, i) for i in indicator_ids]
        into = found[0]
        payload: dict[str, object] = {
            "keys": [i.key for i in found],
            # the frame keys joined (null for an indicator linked by subject phrase): a
            # later re-link files a figure with one of them under the merged indicator
            # even if the key's words change
            "frames": [_frame_of(i) for i in found],
            "into": into.key,
            "name": into.name,
            "dimension": into.dimension,
            "indicator_ids": list(indicator_ids),
        }
        _record(conn, "merge", payload, reviewer, note, str(indicator_ids[0]))
        relink_conn(conn, by=by)
        merged = ledger.indicator_id(conn, into.key)
    return merged if merged is not None else int(indicator_ids[0])


def split_indicator(
    engine: Engine,
    indicator_id: int,
    claim_ids: list[str],
    reviewer: str,
    note: str | None = None,
    *,
    by: LinkBy | None = None,
) -> int:
    """Move ``claim_ids`` out of an indicator into a new one; return the new indicator's id.
    ``by``: how the re-link after it files figures (``link_records``)."""
    if not claim_ids:
        raise LedgerError("E030", "split needs at least one claim id")
    if not reviewer:
        raise LedgerError("E030", "a reviewer name is required")
    with ledger.transaction(engine) as conn:
        found = _indicator(conn, indicator_id)
        key, name = found.key, found.name
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
            "frame": _frame_of(found),
            "indicator_id": indicator_id,
        }
        _record(conn, "split", payload, reviewer, note, str(indicator_id))
        relink_conn(conn, by=by)
        new_id = ledger.indicator_id(conn, new_key)
    if new_id is None:  # pragma: no cover - the split claims exist, so the key does
        raise LedgerError("E022", f"indicator {new_key}")
    return new_id
