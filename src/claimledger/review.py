"""Human review of machine output: accept, correct or reject claims, rate them on a
verdict scale, set promise statuses, merge and split indicators.

Reads: the ``claims_effective`` view (the state before the change), ``corrections``,
``promise_overrides`` and promise ``findings``.
Writes: ``corrections``, ``claim_ratings`` or ``promise_overrides`` plus exactly one
``review_events`` row,
in one transaction, so the audit log can never disagree with the data it describes.
Each action reads the state before it writes, so actions on one claim take turns
(``_claim_transaction``): two reviewers saving the same claim at once never lose a change
or log two events that start from the same state.
Machine rows in ``claims`` are never touched: re-extraction may replace them, and the
``claims_effective`` view overlays these human decisions on whatever the machine says.
This module decides; every statement it needs is the ledger's (``claimledger.ledger``).

Every function raises ``LedgerError`` with code E022 for an unknown id and E030 for an
invalid action or value; a rating raises E060 (not on the scale), E062 (the claim is
rejected) or E064 (no ruling), and a bad scale file E061.  The web layer and any CLI call
these functions; they are the only writers of review data outside the linker (which owns
``indicator_overrides``).
"""

from __future__ import annotations

import json
import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimledger import ledger
from claimledger._dates import utc_timestamp as now  # the one timestamp format
from claimledger.errors import LedgerError
from claimledger.extract import numbers
from claimledger.ledger import PERIOD_RE
from claimledger.models import KINDS, QUALIFIERS, Quantity
from claimledger.resources.review import default_rating_scale

if TYPE_CHECKING:
    from claimledger.ledger import Connection, Engine

__all__ = [
    "CORRECTABLE",
    "PROMISE_STATUSES",
    "RATING_SCALE_ENV",
    "REVIEW_STATES",
    "RatingLevel",
    "RatingScale",
    "ReviewResult",
    "accept_claim",
    "choose_machine_status",
    "correct_claim",
    "correction_from_text",
    "machine_promise_status",
    "merge_indicators",
    "now",
    "promise_status",
    "rate_claim",
    "rating_scale",
    "read_figure",
    "recheck",
    "reject_claim",
    "set_promise_status",
    "split_indicator",
]

#: Review states a claim can be in; ``machine`` means nobody has looked at it yet.
REVIEW_STATES: tuple[str, ...] = ("machine", "accepted", "corrected", "rejected")

#: The statuses the promise checker assigns (issue 4), plus ``unverified`` for a target
#: that no evidence has reached yet.  A reviewer may set any of them.
PROMISE_STATUSES: tuple[str, ...] = (
    "not_due",
    "due",
    "in_progress",
    "kept",
    "partly_kept",
    "not_kept",
    "unmeasurable",
    "disputed",
    "unverified",
)

#: Fields of a claim a reviewer may correct (the numeric ones replace each other as a group).
CORRECTABLE: tuple[str, ...] = ("kind", "subject", "period", "value", "low", "high", "qualifier", "unit")
_NUMERIC = ("value", "low", "high")

#: Free-text limits: a subject is a short noun phrase and a unit a short symbol; anything
#: longer is a paste accident, not a correction.
MAX_SUBJECT = 300
MAX_UNIT = 32
MAX_NOTE = 2000
MAX_REVIEWER = 80
#: A ruling is the written reasoning behind a verdict: a few paragraphs at most.
MAX_RULING = 5000

# Columns of the effective view recorded in the before/after snapshots of the audit log.
_SNAPSHOT_COLS = ("kind", "subject", "period", "value", "low", "high", "qualifier", "unit", "review_state")


@dataclass(frozen=True, slots=True)
class ReviewResult:
    """What a review action did: the audit event id and the state before and after."""

    event_id: int
    action: str
    target_type: str
    target_id: str
    before: dict[str, Any]
    after: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "before": self.before,
            "after": self.after,
        }


def accept_claim(engine: Engine, claim_id: str, *, reviewer: str, note: str | None = None) -> ReviewResult:
    """Mark a claim as checked and right.  A corrected claim stays corrected: accepting it
    confirms the corrected values (also after a rejection), it does not bring back the
    machine's."""
    reviewer, note = _who(reviewer), _note(note)
    with ledger.claim_transaction(engine, claim_id) as conn:
        before = _effective(conn, claim_id)
        existing = _correction(conn, claim_id)
        # Any field a reviewer corrected earlier (even if the claim was rejected since)
        # is what is being accepted, so the claim counts as corrected.
        corrected = any(existing.get(k) is not None for k in CORRECTABLE)
        state = "corrected" if corrected else "accepted"
        _upsert_correction(conn, claim_id, {"state": state}, reviewer)
        result = _log(conn, reviewer, "accept", "claim", claim_id, before, _effective(conn, claim_id), note)
    recheck(engine)
    return result


def reject_claim(engine: Engine, claim_id: str, *, reviewer: str, note: str | None = None) -> ReviewResult:
    """Mark a claim as wrong (not a real figure, or misread).  It stays in the ledger,
    marked ``rejected`` in the effective view, so the decision is visible and reversible."""
    reviewer, note = _who(reviewer), _note(note)
    with ledger.claim_transaction(engine, claim_id) as conn:
        before = _effective(conn, claim_id)
        _upsert_correction(conn, claim_id, {"state": "rejected"}, reviewer)
        result = _log(conn, reviewer, "reject", "claim", claim_id, before, _effective(conn, claim_id), note)
    recheck(engine)
    return result


def correct_claim(
    engine: Engine,
    claim_id: str,
    *,
    reviewer: str,
    note: str | None = None,
    kind: str | None = None,
    subject: str | None = None,
    period: str | None = None,
    value: float | None = None,
    low: float | None = None,
    high: float | None = None,
    qualifier: str | None = None,
    unit: str | None = None,
) -> ReviewResult:
    """Override some fields of a claim; ``None`` leaves a field as it is.

    ``value``/``low``/``high`` replace the machine's figure as a group (giving only
    ``value`` turns a range into a point), and the qualifier follows unless given: a
    ``low``+``high`` pair becomes ``range``, a point that was a range becomes ``exact``.
    """
    reviewer, note = _who(reviewer), _note(note)
    fields = _validate_fields(
        {
            "kind": kind,
            "subject": subject,
            "period": period,
            "value": value,
            "low": low,
            "high": high,
            "qualifier": qualifier,
            "unit": unit,
        }
    )
    if not fields:
        raise LedgerError("E030", "a correction needs at least one field to change")
    with ledger.claim_transaction(engine, claim_id) as conn:
        before = _effective(conn, claim_id)
        existing = _correction(conn, claim_id)
        row: dict[str, Any] = {k: existing.get(k) for k in CORRECTABLE}
        row.update({k: v for k, v in fields.items() if k not in _NUMERIC})
        if any(k in fields for k in _NUMERIC):
            for k in _NUMERIC:
                row[k] = fields.get(k)
            if "qualifier" not in fields:
                if row["low"] is not None and row["high"] is not None and row["value"] is None:
                    row["qualifier"] = "range"
                elif before.get("qualifier") == "range" and row["value"] is not None:
                    row["qualifier"] = "exact"
        row["state"] = "corrected"
        _upsert_correction(conn, claim_id, row, reviewer)
        after = _effective(conn, claim_id)
        result = _log(conn, reviewer, "correct", "claim", claim_id, before, after, note, fields=fields)
    recheck(engine)
    return result


#: A typed figure is a few words ("1.2 trillion tenge"); longer input is not one figure.
MAX_FIGURE_CHARS = 100


def read_figure(text: str, *, field: str = "value") -> Quantity:
    """One figure as people type it ("259 billion", "$259bn", "12.5%", "1.2 trillion
    tenge", "3-4%"), read by the extraction's number stage (``numbers.find``) so the form
    and the extractor agree on what a figure is: magnitude applied, currency as its ISO
    code, a range as ``low``/``high``, a bound as its qualifier.

    Raises E030 naming ``field`` unless the whole text is exactly one figure.
    """
    raw = " ".join((text or "").split())
    if not raw:
        raise LedgerError("E030", f"{field} is empty", field=field)
    if len(raw) > MAX_FIGURE_CHARS:
        raise LedgerError(
            "E030", f"{field} must be one figure, at most {MAX_FIGURE_CHARS} characters", field=field
        )
    found = numbers.find(raw, 0, len(raw))
    if len(found) != 1 or raw[: found[0].start].strip() or raw[found[0].end :].strip():
        what = "no figure" if not found else f"{len(found)} figures" if len(found) > 1 else "extra words"
        raise LedgerError(
            "E030",
            f"{field} must be one figure such as 259 billion, $259bn, 12.5% or 3-4%; {raw!r} has {what}",
            field=field,
        )
    return found[0]


def correction_from_text(
    *, value: str | None = None, low: str | None = None, high: str | None = None, unit: str | None = None
) -> dict[str, Any]:
    """The numeric fields of a correction (``value``, ``low``, ``high``, ``unit``,
    ``qualifier``) from what a reviewer typed, for ``correct_claim``.

    ``value`` may be a range ("3-4%": ``low``/``high``) or a bound ("over 5%": its
    qualifier); ``low``/``high`` are points.  A figure's unit fills an empty ``unit``; a unit
    typed in both places must agree.  Empty input gives an empty dict.  E030 names the field.
    """
    out: dict[str, Any] = {}
    units: dict[str, str] = {}
    if value:
        q = read_figure(value, field="value")
        if q.value is None and (low or high):
            raise LedgerError("E030", "give a range in value or in low and high, not both", field="value")
        out.update(value=q.value, low=q.low, high=q.high)
        if q.qualifier not in ("exact", "range"):
            out["qualifier"] = q.qualifier
        if q.unit:
            units["value"] = q.unit
    for name, raw in (("low", low), ("high", high)):
        if raw:
            q = read_figure(raw, field=name)
            if q.value is None:
                raise LedgerError("E030", f"{name} must be one number, not a range", field=name)
            out[name] = q.value
            if q.unit:
                units[name] = q.unit
    typed = (unit or "").strip() or None
    seen = set(units.values()) | ({typed} if typed else set())
    if len(seen) > 1:
        raise LedgerError("E030", f"the units disagree: {', '.join(sorted(seen))}", field="unit")
    if seen:
        out["unit"] = seen.pop()
    return {k: v for k, v in out.items() if v is not None}


def set_promise_status(
    engine: Engine,
    claim_id: str,
    status: str,
    note: str | None = None,
    *,
    reviewer: str,
) -> ReviewResult:
    """Set a target's promise status by hand; it wins over the promise checker's status."""
    reviewer, note = _who(reviewer), _note(note)
    if status not in PROMISE_STATUSES:
        raise LedgerError("E030", f"promise status must be one of {', '.join(PROMISE_STATUSES)}")
    with ledger.claim_transaction(engine, claim_id) as conn:
        claim = _effective(conn, claim_id)
        if claim["kind"] != "target":
            raise LedgerError("E030", f"claim {claim_id} is a {claim['kind']}, not a target")
        before = {"status": promise_status(conn, claim_id), "source": _status_source(conn, claim_id)}
        ledger.set_promise_override(conn, claim_id, status=status, note=note, reviewer=reviewer, at=now())
        after = {"status": status, "source": "reviewer"}
        result = _log(conn, reviewer, "set_promise_status", "promise", claim_id, before, after, note)
    recheck(engine)
    return result


# --- verdicts ------------------------------------------------------------------------------

#: Environment variable naming a TOML rating scale that replaces the default one.
RATING_SCALE_ENV = "CLAIMLEDGER_RATING_SCALE"


@dataclass(frozen=True, slots=True)
class RatingLevel:
    """One verdict of a scale: its wording and its position (``None``: not numeric)."""

    label: str
    value: float | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class RatingScale:
    """The verdicts a reviewer chooses from, best first."""

    name: str
    levels: tuple[RatingLevel, ...]

    @property
    def best(self) -> float | None:
        values = [lv.value for lv in self.levels if lv.value is not None]
        return max(values) if values else None

    @property
    def worst(self) -> float | None:
        values = [lv.value for lv in self.levels if lv.value is not None]
        return min(values) if values else None

    def level(self, label: str) -> RatingLevel:
        """The level worded ``label`` (case and surrounding space ignored); E060 if none."""
        want = " ".join(label.split()).casefold()
        for lv in self.levels:
            if lv.label.casefold() == want:
                return lv
        labels = ", ".join(lv.label for lv in self.levels)
        raise LedgerError("E060", f"{label!r} is not on the scale {self.name!r} ({labels})")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "best": self.best,
            "worst": self.worst,
            "levels": [
                {"label": lv.label, "value": lv.value, "description": lv.description} for lv in self.levels
            ],
        }


def _parse_scale(data: Any, where: str) -> RatingScale:
    """A scale from parsed TOML (``name`` and ``[[level]]`` tables); E061 if malformed."""

    def bad(why: str) -> LedgerError:
        return LedgerError("E061", why, path=where)

    if not isinstance(data, dict) or not isinstance(data.get("level"), list) or not data["level"]:
        raise bad("a scale needs at least one [[level]] with a label")
    levels: list[RatingLevel] = []
    for i, raw in enumerate(data["level"], 1):
        label = raw.get("label") if isinstance(raw, dict) else None
        if not isinstance(label, str) or not label.strip():
            raise bad(f"level {i} has no label")
        value = raw.get("value")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise bad(f"level {label!r}: value must be a number")
        if value is not None and not math.isfinite(value):
            raise bad(f"level {label!r}: value must be finite")
        desc = raw.get("description", "")
        levels.append(
            RatingLevel(" ".join(label.split()), None if value is None else float(value), str(desc))
        )
    folded = [lv.label.casefold() for lv in levels]
    if len(set(folded)) != len(folded):
        raise bad("two levels have the same label")
    name = data.get("name", Path(where).stem)
    return RatingScale(str(name), tuple(levels))


@cache
def _scale_at(path: str | None) -> RatingScale:
    if path is None:
        return _parse_scale(default_rating_scale(), "rating_scale.toml")
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as e:
        raise LedgerError("E061", f"cannot read it: {e.strerror or e}", path=path) from None
    except tomllib.TOMLDecodeError as e:
        raise LedgerError("E061", f"not TOML: {e}", path=path) from None
    return _parse_scale(data, path)


def rating_scale(path: str | None = None) -> RatingScale:
    """The rating scale: the TOML file at ``path``, else at ``$CLAIMLEDGER_RATING_SCALE``, else
    the default (Accurate, Mostly accurate, Misleading, Unsupported, Inaccurate; 5 to 1)."""
    return _scale_at(path or os.environ.get(RATING_SCALE_ENV) or None)


def rate_claim(
    engine: Engine,
    claim_id: str,
    label: str,
    *,
    ruling: str,
    reviewer: str,
    scale: RatingScale | None = None,
) -> ReviewResult:
    """Give a claim a verdict from ``scale`` (default: ``rating_scale()``) with a written
    ruling.  A new rating replaces the one in force; both are kept in the audit log (action
    ``rate``, the label, value and ruling before and after).  A rejected claim cannot be
    rated (E062): it is not a claim the speaker made."""
    reviewer = _who(reviewer)
    scale = scale or rating_scale()
    level = scale.level(label)
    text = (ruling or "").strip()
    if not text:
        raise LedgerError("E064", "write the ruling: why the claim gets this rating", field="ruling")
    if len(text) > MAX_RULING:
        raise LedgerError("E064", f"a ruling must be at most {MAX_RULING} characters", field="ruling")
    with ledger.claim_transaction(engine, claim_id) as conn:
        if _effective(conn, claim_id)["review_state"] == "rejected":
            raise LedgerError("E062", f"claim {claim_id} is rejected; accept or correct it before rating it")
        old = ledger.claim_rating(conn, claim_id)
        new = ledger.ClaimRating(
            claim_id, level.label, level.value, scale.best, scale.worst, scale.name, text, reviewer, now()
        )
        ledger.set_claim_rating(conn, new)
        result = _log(
            conn, reviewer, "rate", "claim", claim_id, _rating_snapshot(old), _rating_snapshot(new), None
        )
    return result


def _rating_snapshot(r: ledger.ClaimRating | None) -> dict[str, Any]:
    if r is None:
        return {"rating": None, "rating_value": None, "ruling": None, "scale": None}
    return {"rating": r.label, "rating_value": r.value, "ruling": r.ruling, "scale": r.scale}


def merge_indicators(
    engine: Engine, indicator_ids: list[int], *, reviewer: str, note: str | None = None
) -> int:
    """Merge indicators into the first one given (delegates to ``claimledger.link``, which
    records the override and the audit event and re-links).  Returns the surviving id."""
    from claimledger import link  # the checks engineer's module; imported when needed

    ids = list(dict.fromkeys(indicator_ids))  # the linker keeps the first one given
    if len(ids) < 2:
        raise LedgerError("E030", "merging needs at least two different indicators")
    result: int = link.merge_indicators(engine, ids, _who(reviewer), _note(note))
    recheck(engine)
    return result


def split_indicator(
    engine: Engine, indicator_id: int, claim_ids: list[str], *, reviewer: str, note: str | None = None
) -> int:
    """Move ``claim_ids`` out of an indicator into a new one (delegates to
    ``claimledger.link``).  Returns the new indicator's id."""
    from claimledger import link

    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        raise LedgerError("E030", "splitting needs at least one claim to move")
    result: int = link.split_indicator(engine, indicator_id, ids, _who(reviewer), _note(note))
    recheck(engine)
    return result


def recheck(engine: Engine) -> None:
    """Re-run the checkers after a review action, so that no finding stays stale: a
    rejected claim no longer supports a contradiction, a corrected value is checked as
    corrected, a reviewer's promise status shows in the promise's history.  Deadlines are
    judged against today, as ``claimledger check`` does by default."""
    from claimledger.checks import run_checks

    run_checks(engine)


def promise_status(conn: Connection, claim_id: str) -> str:
    """The status a target has now: the reviewer's if set, else the promise checker's,
    else ``unverified`` (no evidence yet; a status is never guessed)."""
    override = ledger.promise_override(conn, claim_id)
    if override is not None:
        return override.status
    machine = machine_promise_status(conn, claim_id)
    return machine or "unverified"


def machine_promise_status(conn: Connection, claim_id: str) -> str | None:
    """The promise checker's status for a target claim, if it produced one."""
    return choose_machine_status(ledger.promise_findings_of(conn, claim_id))


def choose_machine_status(found: list[tuple[dict[str, Any], str]]) -> str | None:
    """The checker's status among the (details, role) of a claim's promise findings:
    the one in which the claim is the target, not merely evidence."""
    for details, role in sorted(found, key=lambda r: r[1] != "target"):
        status = details.get("status")
        if isinstance(status, str) and (role == "target" or len(found) == 1):
            return status
    return None


def _status_source(conn: Connection, claim_id: str) -> str:
    if ledger.promise_override(conn, claim_id) is not None:
        return "reviewer"
    return "checker" if machine_promise_status(conn, claim_id) else "none"


def _effective(conn: Connection, claim_id: str) -> dict[str, Any]:
    found = ledger.records_by_id(conn, [claim_id]).get(claim_id)
    if found is None:
        raise LedgerError("E022", f"no claim with id {claim_id!r}")
    return {c: getattr(found, c) for c in _SNAPSHOT_COLS}


def _correction(conn: Connection, claim_id: str) -> dict[str, Any]:
    """A claim's correction as {field: value} (``state`` and the corrected fields); {} if none."""
    found = ledger.correction(conn, claim_id)
    return {} if found is None else {k: getattr(found, k) for k in ("state", *CORRECTABLE)}


def _upsert_correction(conn: Connection, claim_id: str, values: Mapping[str, Any], reviewer: str) -> None:
    ledger.upsert_correction(conn, claim_id, values, reviewer=reviewer, at=now())


def _log(
    conn: Connection,
    reviewer: str,
    action: str,
    target_type: str,
    target_id: str,
    before: dict[str, Any],
    after: dict[str, Any],
    note: str | None,
    *,
    fields: dict[str, Any] | None = None,
) -> ReviewResult:
    payload: dict[str, Any] = {"before": before, "after": after}
    if fields is not None:
        payload["fields"] = fields
    body = json.dumps(payload, sort_keys=True)
    event_id = ledger.append_review_event(conn, now(), reviewer, action, target_type, target_id, body, note)
    return ReviewResult(event_id, action, target_type, target_id, before, after)


def _validate_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Drop ``None``s, check each given field, and return the clean values (E030 if bad)."""
    out: dict[str, Any] = {}
    for key, val in raw.items():
        if val is None:
            continue
        if key in _NUMERIC:
            try:
                num = float(val)
            except (TypeError, ValueError):
                raise LedgerError("E030", f"{key} must be a number, got {val!r}", field=key) from None
            if not math.isfinite(num):
                raise LedgerError("E030", f"{key} must be a finite number", field=key)
            out[key] = num
            continue
        sval = str(val).strip()
        if key == "kind" and sval not in KINDS:
            raise LedgerError("E030", f"kind must be one of {', '.join(KINDS)}", field=key)
        if key == "qualifier" and sval not in QUALIFIERS:
            raise LedgerError("E030", f"qualifier must be one of {', '.join(QUALIFIERS)}", field=key)
        if key == "period" and not PERIOD_RE.match(sval):
            raise LedgerError(
                "E030", "period must look like 2024, 2024-09, 2024-09-01 or 2026/2028", field=key
            )
        if key == "subject" and not 0 < len(sval) <= MAX_SUBJECT:
            raise LedgerError("E030", f"subject must be 1-{MAX_SUBJECT} characters", field=key)
        if key == "unit" and not 0 < len(sval) <= MAX_UNIT:
            raise LedgerError("E030", f"unit must be 1-{MAX_UNIT} characters", field=key)
        out[key] = sval
    low, high = out.get("low"), out.get("high")
    if low is not None and high is not None and low > high:
        raise LedgerError("E030", "low must not be greater than high", field="low")
    return out


def _who(reviewer: str) -> str:
    name = (reviewer or "").strip()
    if not name or len(name) > MAX_REVIEWER:
        raise LedgerError("E030", f"reviewer name must be 1-{MAX_REVIEWER} characters", field="reviewer")
    return name


def _note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    if len(note) > MAX_NOTE:
        raise LedgerError("E030", f"note must be at most {MAX_NOTE} characters")
    return note.strip()
