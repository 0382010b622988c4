"""Review actions (claimledger.review): each writes its data and exactly one audit event in
one transaction, human corrections win in ``claims_effective``, and they survive
re-extraction."""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from claimledger import review
from claimledger.errors import LedgerError
from claimledger.ledger import open_engine
from claimledger.ledger.schema import claims, corrections, promise_overrides, review_events


@pytest.fixture
def engine(web_db: Path) -> Iterator[Engine]:
    eng = open_engine(str(web_db))
    yield eng
    eng.dispose()


def effective(engine: Engine, claim_id: str) -> dict[str, Any]:
    with engine.connect() as conn:
        row = (
            conn.execute(text("SELECT * FROM claims_effective WHERE id = :i"), {"i": claim_id})
            .mappings()
            .one()
        )
    return dict(row)


def machine(engine: Engine, claim_id: str) -> dict[str, Any]:
    with engine.connect() as conn:
        return dict(conn.execute(select(claims).where(claims.c.id == claim_id)).mappings().one())


def events(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(review_events).order_by(review_events.c.id)).mappings()]


def a_claim(engine: Engine, *, kind: str | None = None, with_value: bool = True) -> str:
    sql = "SELECT id FROM claims WHERE 1=1"
    if kind:
        sql += " AND kind = :k"
    if with_value:
        sql += " AND value IS NOT NULL"
    with engine.connect() as conn:
        row = conn.execute(text(sql + " ORDER BY document_id, seq LIMIT 1"), {"k": kind}).first()
    assert row is not None, f"the demo corpus should have a {kind or 'numeric'} claim"
    return str(row[0])


def test_accept_marks_the_claim_and_logs_one_event(engine: Engine) -> None:
    cid = a_claim(engine)
    res = review.accept_claim(engine, cid, reviewer="ana", note="checked against the source")
    assert effective(engine, cid)["review_state"] == "accepted"
    log = events(engine)
    assert len(log) == 1
    ev = log[0]
    assert (ev["action"], ev["target_type"], ev["target_id"], ev["reviewer"]) == (
        "accept",
        "claim",
        cid,
        "ana",
    )
    assert ev["note"] == "checked against the source"
    payload = json.loads(ev["payload"])
    assert payload["before"]["review_state"] == "machine"
    assert payload["after"]["review_state"] == "accepted"
    assert res.event_id == ev["id"]
    assert ev["at"].endswith("Z")


def test_correct_overrides_the_effective_view_but_not_the_machine_row(engine: Engine) -> None:
    cid = a_claim(engine)
    before = machine(engine, cid)
    review.correct_claim(
        engine, cid, reviewer="ana", value=123.5, unit="EUR", period="2030", subject="exports"
    )
    eff = effective(engine, cid)
    assert (eff["value"], eff["unit"], eff["period"], eff["subject"]) == (123.5, "EUR", "2030", "exports")
    assert eff["review_state"] == "corrected"
    assert machine(engine, cid) == before, "the machine's row must never be edited"
    payload = json.loads(events(engine)[0]["payload"])
    assert payload["fields"] == {"value": 123.5, "unit": "EUR", "period": "2030", "subject": "exports"}
    assert payload["before"]["value"] == before["value"]
    assert payload["after"]["value"] == 123.5


def test_correcting_a_range_sets_low_high_and_the_range_qualifier(engine: Engine) -> None:
    cid = a_claim(engine)
    review.correct_claim(engine, cid, reviewer="ana", low=6, high=8)
    eff = effective(engine, cid)
    assert (eff["value"], eff["low"], eff["high"], eff["qualifier"]) == (None, 6.0, 8.0, "range")
    review.correct_claim(engine, cid, reviewer="ana", value=7)
    eff = effective(engine, cid)
    assert (eff["value"], eff["low"], eff["high"], eff["qualifier"]) == (7.0, None, None, "exact")
    assert len(events(engine)) == 2


def test_corrections_accumulate_field_by_field(engine: Engine) -> None:
    cid = a_claim(engine)
    review.correct_claim(engine, cid, reviewer="ana", unit="EUR")
    review.correct_claim(engine, cid, reviewer="bo", period="2031")
    eff = effective(engine, cid)
    assert (eff["unit"], eff["period"]) == ("EUR", "2031")
    with engine.connect() as conn:
        row = conn.execute(select(corrections).where(corrections.c.claim_id == cid)).mappings().one()
    assert row["reviewer"] == "bo"


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "prophecy"},
        {"period": "next year"},
        {"value": float("nan")},
        {"qualifier": "roughly"},
        {"subject": "x" * 301},
        {"low": 9, "high": 3},
        {},
    ],
)
def test_invalid_corrections_are_refused_and_write_nothing(engine: Engine, fields: dict[str, Any]) -> None:
    cid = a_claim(engine)
    with pytest.raises(LedgerError) as err:
        review.correct_claim(engine, cid, reviewer="ana", **fields)
    assert err.value.code == "E030"
    assert events(engine) == []
    assert effective(engine, cid)["review_state"] == "machine"


def test_unknown_claim_is_e022_and_writes_nothing(engine: Engine) -> None:
    for action in (review.accept_claim, review.reject_claim):
        with pytest.raises(LedgerError) as err:
            action(engine, "no-such-claim", reviewer="ana")
        assert err.value.code == "E022"
    assert events(engine) == []


def test_reviewer_name_is_required(engine: Engine) -> None:
    with pytest.raises(LedgerError) as err:
        review.accept_claim(engine, a_claim(engine), reviewer="  ")
    assert err.value.code == "E030"


def test_reject_then_accept_and_accepting_a_correction_keeps_it(engine: Engine) -> None:
    cid = a_claim(engine)
    review.reject_claim(engine, cid, reviewer="ana")
    assert effective(engine, cid)["review_state"] == "rejected"
    review.correct_claim(engine, cid, reviewer="ana", value=42)
    review.accept_claim(engine, cid, reviewer="bo")
    eff = effective(engine, cid)
    assert (eff["review_state"], eff["value"]) == ("corrected", 42.0)
    assert [e["action"] for e in events(engine)] == ["reject", "correct", "accept"]
    # a corrected claim that is rejected and accepted again keeps its corrected figure
    review.reject_claim(engine, cid, reviewer="cy")
    review.accept_claim(engine, cid, reviewer="cy")
    eff = effective(engine, cid)
    assert (eff["review_state"], eff["value"]) == ("corrected", 42.0)


def test_promise_status_override_wins_and_is_logged(engine: Engine) -> None:
    cid = a_claim(engine, kind="target", with_value=False)
    with engine.connect() as conn:
        machine_status = review.machine_promise_status(conn, cid)
    review.set_promise_status(engine, cid, "kept", "reported in the 2025 speech", reviewer="ana")
    with engine.connect() as conn:
        assert review.promise_status(conn, cid) == "kept"
        row = (
            conn.execute(select(promise_overrides).where(promise_overrides.c.claim_id == cid))
            .mappings()
            .one()
        )
    assert (row["status"], row["note"], row["reviewer"]) == ("kept", "reported in the 2025 speech", "ana")
    ev = events(engine)[-1]
    assert (ev["action"], ev["target_type"], ev["target_id"]) == ("set_promise_status", "promise", cid)
    payload = json.loads(ev["payload"])
    assert payload["after"] == {"status": "kept", "source": "reviewer"}
    assert payload["before"]["status"] == (machine_status or "unverified")
    # a second change updates the same override row
    review.set_promise_status(engine, cid, "not_kept", reviewer="bo")
    with engine.connect() as conn:
        assert review.promise_status(conn, cid) == "not_kept"
        n = conn.execute(select(func.count()).select_from(promise_overrides)).scalar_one()
    assert n == 1


def test_promise_status_checks_status_and_kind(engine: Engine) -> None:
    target = a_claim(engine, kind="target", with_value=False)
    with pytest.raises(LedgerError) as err:
        review.set_promise_status(engine, target, "maybe", reviewer="ana")
    assert err.value.code == "E030"
    with engine.connect() as conn:
        other = conn.execute(text("SELECT id FROM claims WHERE kind != 'target' LIMIT 1")).scalar_one()
    with pytest.raises(LedgerError) as err:
        review.set_promise_status(engine, other, "kept", reviewer="ana")
    assert err.value.code == "E030"
    assert events(engine) == []


def test_corrections_survive_reextraction(engine: Engine, web_db: Path) -> None:
    from claimledger.ledger import Ledger
    from claimledger.pipeline import reextract

    cid = a_claim(engine)
    review.correct_claim(engine, cid, reviewer="ana", value=777.0, unit="EUR")
    review.reject_claim(engine, a_claim(engine, kind="target"), reviewer="ana")
    ledger = Ledger(engine=engine)
    reextract(ledger, force=True)
    eff = effective(engine, cid)
    assert (eff["value"], eff["unit"], eff["review_state"]) == (777.0, "EUR", "corrected")
    assert len(events(engine)) == 2, "re-extraction must not touch the audit log"


def _two_indicators(engine: Engine) -> tuple[int, int, str]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT indicator_id, min(claim_id) FROM indicator_claims GROUP BY indicator_id "
                "ORDER BY indicator_id LIMIT 2"
            )
        ).all()
    if len(rows) < 2:
        pytest.skip("the linker made fewer than two indicators")
    return int(rows[0][0]), int(rows[1][0]), str(rows[1][1])


def test_merge_and_split_indicators_go_through_the_linker(engine: Engine) -> None:
    a, b, claim_of_b = _two_indicators(engine)
    merged = review.merge_indicators(engine, [a, b], reviewer="ana", note="same measure")
    with engine.connect() as conn:
        ind = conn.execute(
            text("SELECT indicator_id FROM indicator_claims WHERE claim_id = :c"), {"c": claim_of_b}
        ).scalar_one()
    assert ind == merged
    new = review.split_indicator(engine, merged, [claim_of_b], reviewer="ana")
    assert new != merged
    actions = [e["action"] for e in events(engine)]
    assert "merge_indicators" in actions or "merge" in actions
    with pytest.raises(LedgerError):
        review.merge_indicators(engine, [a, a], reviewer="ana")
    with pytest.raises(LedgerError):
        review.split_indicator(engine, merged, [], reviewer="ana")


def _race(actions: dict[str, Callable[[int], object]], rounds: int) -> list[BaseException]:
    """Run each named action ``rounds`` times in a thread of its own, all threads let go at
    once; returns what they raised."""
    barrier = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action: Callable[[int], object]) -> None:
        barrier.wait()
        for i in range(rounds):
            try:
                action(i)
            except BaseException as e:  # reported by the test, with the others
                errors.append(e)

    threads = [threading.Thread(target=run, args=(a,), name=n) for n, a in actions.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_concurrent_reviewers_of_one_claim_lose_no_change_and_log_a_chain(engine: Engine) -> None:
    # Regression: on PostgreSQL an action read the claim and its correction and then wrote
    # them, with nothing to stop another reviewer's action in between: two first corrections
    # both inserted (duplicate key), a later one overwrote a field another reviewer had just
    # set, and two audit events started from the same "before".
    cid = a_claim(engine)
    rounds = 8
    machine_state = {k: effective(engine, cid)[k] for k in review._SNAPSHOT_COLS}
    # Each field is corrected by one reviewer only, so its final value is that reviewer's
    # last one whatever the interleaving; accept and reject only change the state.
    actions: dict[str, Callable[[int], object]] = {
        "ana": lambda i: review.correct_claim(engine, cid, reviewer="ana", unit=f"U{i}"),
        "bo": lambda i: review.correct_claim(engine, cid, reviewer="bo", period=str(2030 + i)),
        "cy": lambda i: review.correct_claim(engine, cid, reviewer="cy", subject=f"subject {i}"),
        "dee": lambda i: review.correct_claim(engine, cid, reviewer="dee", value=float(i)),
        "eli": lambda i: review.accept_claim(engine, cid, reviewer="eli"),
        "fay": lambda i: review.reject_claim(engine, cid, reviewer="fay"),
    }
    errors = _race(actions, rounds)
    assert errors == [], f"{len(errors)} actions failed, first: {errors[0]!r}"
    final = effective(engine, cid)
    last = rounds - 1
    with engine.connect() as conn:
        rows = conn.execute(select(corrections).where(corrections.c.claim_id == cid)).mappings().all()
    assert len(rows) == 1
    # (The corrections row, not the view: a rejected claim shows the machine's figure.)
    assert (rows[0]["unit"], rows[0]["period"], rows[0]["subject"], rows[0]["value"]) == (
        f"U{last}",
        str(2030 + last),
        f"subject {last}",
        float(last),
    ), "a correction was lost"
    log = [e for e in events(engine) if e["target_id"] == cid]
    action_of = {"ana": "correct", "bo": "correct", "cy": "correct", "dee": "correct", "eli": "accept",
                 "fay": "reject"}  # fmt: skip
    assert sorted((e["reviewer"], e["action"]) for e in log) == sorted(
        (name, action_of[name]) for name in actions for _ in range(rounds)
    ), "one audit event per action"
    # In the order they were written, each event starts from the state the one before it
    # left, and the last one leaves the claim as it is now.
    snaps = [json.loads(e["payload"]) for e in log]
    assert snaps[0]["before"] == machine_state
    for n, (prev, cur) in enumerate(itertools.pairwise(snaps), start=1):
        assert cur["before"] == prev["after"], f"event {n} does not start where event {n - 1} ended"
    assert snaps[-1]["after"] == {k: final[k] for k in review._SNAPSHOT_COLS}
    # Accepting keeps a claim corrected once any field was corrected before it.
    corrected = False
    for e, snap in zip(log, snaps, strict=True):
        corrected = corrected or e["action"] == "correct"
        if e["action"] == "accept":
            assert snap["after"]["review_state"] == ("corrected" if corrected else "accepted"), e["id"]


def test_concurrent_promise_statuses_keep_one_override_and_a_chain(engine: Engine) -> None:
    cid = a_claim(engine, kind="target", with_value=False)
    statuses = ("kept", "not_kept", "partly_kept", "in_progress")
    errors = _race(
        {
            s: lambda i, s=s: review.set_promise_status(engine, cid, s, f"round {i}", reviewer=f"r-{s}")
            for s in statuses
        },
        rounds=6,
    )
    assert errors == [], f"{len(errors)} actions failed, first: {errors[0]!r}"
    log = [json.loads(e["payload"]) for e in events(engine) if e["target_id"] == cid]
    assert len(log) == len(statuses) * 6
    for prev, cur in itertools.pairwise(log):
        assert cur["before"] == prev["after"]
    with engine.connect() as conn:
        rows = conn.execute(select(promise_overrides).where(promise_overrides.c.claim_id == cid)).all()
        assert len(rows) == 1 and review.promise_status(conn, cid) == log[-1]["after"]["status"]


def test_a_merge_by_frame_records_the_frame_keys_it_joins(engine: Engine) -> None:
    from claimledger.link import merge_indicators, relink

    relink(engine, by="frame")
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT i.id, i.measure_id, i.entity_id, i.basis_key, i.dimension, min(c.claim_id) "
                "FROM indicators i JOIN indicator_claims c ON c.indicator_id = i.id "
                "WHERE i.measure_id IS NOT NULL GROUP BY i.id ORDER BY i.id LIMIT 2"
            )
        ).all()
    assert len(rows) == 2, "the demo corpus should have indicators keyed by frame"
    (a, *frame_a), (b, *frame_b) = rows
    claim_of_b = frame_b.pop()
    frame_a.pop()
    merged = merge_indicators(engine, [a, b], reviewer="ana", by="frame")
    with engine.connect() as conn:
        payload = json.loads(conn.execute(text("SELECT payload FROM indicator_overrides")).scalar_one())
        keys = ("measure_id", "entity_id", "basis_key", "dimension")
        assert payload["frames"] == [
            dict(zip(keys, frame_a, strict=True)),
            dict(zip(keys, frame_b, strict=True)),
        ]
    relink(engine, by="frame")  # replayed on every re-link
    with engine.connect() as conn:
        got = conn.execute(
            text("SELECT indicator_id FROM indicator_claims WHERE claim_id = :c"), {"c": claim_of_b}
        ).scalar_one()
    assert got == merged
