"""run_checks over a real ledger: storage, stable ids, incremental re-runs, overrides,
rejected claims, merge/split surviving re-links, and the ``check`` command's JSON shape.

Claims are written by hand (through ``add_document(ledger, doc, claims=...)``) so these tests
pin the storage layer whatever extraction does."""

from __future__ import annotations

import json
from datetime import date as Date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from claimledger.checks import load_findings, run_checks
from claimledger.ledger import Ledger
from claimledger.ledger.schema import (
    corrections,
    indicator_claims,
    indicator_overrides,
    indicators,
    promise_overrides,
    review_events,
)
from claimledger.link import merge_indicators, relink, split_indicator
from claimledger.models import Claim, Document, Quantity, Span
from claimledger.pipeline import add_document

NOW = Date(2026, 11, 23)
STATUSES = ("not_due", "due", "in_progress", "kept", "partly_kept", "not_kept")


def _claims(doc_key: str, text: str, specs: list[dict[str, Any]]) -> list[Claim]:
    """Claims for figures named by their text; each spec gives q (figure text) and fields."""
    out = []
    for i, s in enumerate(specs):
        q_text = s["q"]
        qs = text.index(q_text)
        st = text.rfind(". ", 0, qs)
        st = 0 if st < 0 else st + 2
        en = text.find(".", qs + len(q_text))
        en = len(text) if en < 0 else en + 1
        q = Quantity(
            q_text,
            qs,
            qs + len(q_text),
            s.get("value"),
            s.get("low"),
            s.get("high"),
            s.get("qualifier", "exact"),
            s.get("unit"),
            s.get("noun"),
        )
        out.append(
            Claim(
                doc=doc_key,
                id=f"{doc_key}-{i}",
                kind=s["kind"],
                subject=s["subject"],
                period=s.get("period"),
                sentence=Span(st, en, text[st:en]),
                quantity=q,
                cues=[],
                extractor="test",
            )
        )
    return out


T1 = (
    "Kazakhstan plans budget spending of over 25.1 trillion tenge in 2026. "
    "Elsewhere, budget spending in 2026 is put at over 18.4 trillion tenge. "
    "The country will build 200 schools in 2025."
)
S1 = [
    dict(
        q="over 25.1 trillion tenge",
        value=25.1e12,
        qualifier="at_least",
        unit="KZT",
        kind="target",
        subject="budget spending",
        period="2026",
    ),
    dict(
        q="over 18.4 trillion tenge",
        value=18.4e12,
        qualifier="at_least",
        unit="KZT",
        kind="status",
        subject="budget spending",
        period="2026",
    ),
    dict(q="200 schools", value=200, noun="school", kind="target", subject="schools", period="2025"),
]
T2 = "In 2025 Kazakhstan built 210 schools, the ministry said."
S2 = [
    dict(
        q="210 schools", value=210, noun="school", kind="achievement", subject="schools built", period="2025"
    )
]


@pytest.fixture()
def ledger(tmp_path: Path) -> Ledger:
    led = Ledger(str(tmp_path / "l.db"))
    add_document(
        led,
        Document(text=T1, id="kz-a", title="Budget interview", published="2024-01-08"),
        claims=_claims("kz-a", T1, S1),
    )
    return led


def _by_type(found: list[Any], t: str) -> list[Any]:
    return [f for f in found if f.type == t]


def test_run_checks_stores_findings_with_stable_ids(ledger: Ledger) -> None:
    found = run_checks(ledger.engine, now=NOW)
    contra = _by_type(found, "contradiction")
    assert len(contra) == 1 and "25.1 trillion" in contra[0].message and "18.4 trillion" in contra[0].message
    promises = _by_type(found, "promise")
    assert {f.details["status"] for f in promises} == {"due", "not_due"}
    stored = load_findings(ledger.engine)
    assert [f["id"] for f in stored] and {f["id"] for f in stored} == {f.id for f in found}
    again = run_checks(ledger.engine, now=NOW)
    assert {f.id for f in again} == {f.id for f in found}
    assert [f["created_at"] for f in load_findings(ledger.engine)] == [f["created_at"] for f in stored]


def test_new_document_updates_promise_in_place(ledger: Ledger) -> None:
    before = {f.claim_ids[0]: f for f in _by_type(run_checks(ledger.engine, now=NOW), "promise")}
    add_document(
        ledger,
        Document(text=T2, id="kz-b", title="Results", published="2026-01-20"),
        claims=_claims("kz-b", T2, S2),
    )
    after = {f.claim_ids[0]: f for f in _by_type(run_checks(ledger.engine, now=NOW), "promise")}
    school = "kz-a-2"
    assert before[school].details["status"] == "due"
    assert after[school].details["status"] == "kept"
    assert after[school].id == before[school].id
    assert "kz-b-0" in after[school].claim_ids
    rows = load_findings(ledger.engine, type="promise")
    kept = next(f for f in rows if f["id"] == after[school].id)
    assert {c["role"] for c in kept["claims"]} == {"target", "evidence"}


def test_rejected_claim_removes_its_finding(ledger: Ledger) -> None:
    assert _by_type(run_checks(ledger.engine, now=NOW), "contradiction")
    with ledger.engine.begin() as conn:
        conn.execute(
            insert(corrections).values(
                claim_id="kz-a-1", state="rejected", reviewer="ann", updated_at="2026-01-01T00:00:00Z"
            )
        )
    assert not _by_type(run_checks(ledger.engine, now=NOW), "contradiction")
    assert not [f for f in load_findings(ledger.engine) if f["type"] == "contradiction"]


def test_promise_override_wins(ledger: Ledger) -> None:
    run_checks(ledger.engine, now=NOW)
    with ledger.engine.begin() as conn:
        conn.execute(
            insert(promise_overrides).values(
                claim_id="kz-a-2",
                status="kept",
                note="seen on site",
                reviewer="ann",
                at="2026-01-01T00:00:00Z",
            )
        )
    f = next(f for f in run_checks(ledger.engine, now=NOW) if f.type == "promise" and "kz-a-2" in f.claim_ids)
    assert f.details["status"] == "kept" and f.details["machine_status"] == "due"


def _indicator_of(ledger: Ledger, claim_id: str) -> tuple[int, str]:
    with ledger.engine.connect() as conn:
        row = conn.execute(
            select(indicators.c.id, indicator_claims.c.explanation)
            .join(indicator_claims, indicator_claims.c.indicator_id == indicators.c.id)
            .where(indicator_claims.c.claim_id == claim_id)
        ).one()
    return int(row.id), str(row.explanation)


def test_relink_explains_and_merge_split_survive(ledger: Ledger) -> None:
    add_document(
        ledger,
        Document(text=T2, id="kz-b", title="Results", published="2026-01-20"),
        claims=_claims("kz-b", T2, S2),
    )
    relink(ledger.engine)
    spend, why = _indicator_of(ledger, "kz-a-0")
    assert "budget spending" in why and "KZT" in why
    assert _indicator_of(ledger, "kz-a-1")[0] == spend
    school, _ = _indicator_of(ledger, "kz-a-2")
    assert _indicator_of(ledger, "kz-b-0")[0] == school  # "schools" and "schools built" are one indicator

    new = split_indicator(ledger.engine, spend, ["kz-a-1"], "ann", note="different budget line")
    assert new != spend
    relink(ledger.engine)
    assert _indicator_of(ledger, "kz-a-1")[0] == new and _indicator_of(ledger, "kz-a-0")[0] == spend
    # the split takes the two figures apart, so they no longer contradict each other
    assert not _by_type(run_checks(ledger.engine, now=NOW), "contradiction")
    assert _indicator_of(ledger, "kz-a-0")[0] == spend  # ids survive re-links

    merged = merge_indicators(ledger.engine, [spend, new], "bob")
    assert merged == spend
    relink(ledger.engine)
    assert _indicator_of(ledger, "kz-a-1")[0] == spend
    assert "merged" in _indicator_of(ledger, "kz-a-1")[1]
    with ledger.engine.connect() as conn:
        actions = [r.action for r in conn.execute(select(review_events.c.action))]
        assert actions.count("split_indicator") == 1 and actions.count("merge_indicators") == 1
        assert len(list(conn.execute(select(indicator_overrides)))) == 2


def test_check_command_json_shape(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    from claimledger.cli import main

    db = str(ledger.engine.url.database)
    assert main(["check", "--db", db, "--format", "json", "--now", "2026-11-23", "--all"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"findings"} and payload["findings"]
    for f in payload["findings"]:
        assert set(f) == {"id", "type", "severity", "message", "claims", "details"}
        assert f["type"] in ("contradiction", "arithmetic", "feasibility", "promise", "revision")
        assert 0 < f["details"]["confidence"] <= 1 and f["details"]["reasons"] is not None
        assert f["severity"] in ("info", "warning", "error")
        for c in f["claims"]:
            assert {"id", "doc", "quote", "quantity"} <= set(c)
        if f["type"] == "promise":
            assert f["details"]["status"] in STATUSES
    assert main(["check", "--db", db, "--no-run", "--type", "promise", "--all"]) == 0
    assert "promise" in capsys.readouterr().out


def test_check_lists_warnings_and_errors_by_default_ranked(
    ledger: Ledger, capsys: pytest.CaptureFixture[str]
) -> None:
    """Notes are one flag away (``--all``); the default list is warnings and errors, most
    severe and most confident first."""
    from claimledger.cli import main

    db = str(ledger.engine.url.database)
    assert main(["check", "--db", db, "--format", "json", "--now", "2026-11-23", "--all"]) == 0
    every = json.loads(capsys.readouterr().out)["findings"]
    assert main(["check", "--db", db, "--format", "json", "--no-run"]) == 0
    flagged = json.loads(capsys.readouterr().out)["findings"]
    assert [f["id"] for f in flagged] == [f["id"] for f in every if f["severity"] != "info"]
    assert any(f["severity"] == "info" for f in every)
    ranks = [({"error": 0, "warning": 1}[f["severity"]], -f["details"]["confidence"]) for f in flagged]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize("fail_on", ["error", "warning"])
def test_check_fail_on_sets_the_exit_code(
    ledger: Ledger, capsys: pytest.CaptureFixture[str], fail_on: str
) -> None:
    from claimledger.cli import main

    db = str(ledger.engine.url.database)
    main(["check", "--db", db, "--format", "json", "--now", "2026-11-23", "--all"])
    sev = {f["severity"] for f in json.loads(capsys.readouterr().out)["findings"]}
    bar = {"error"} if fail_on == "error" else {"error", "warning"}
    want = 1 if sev & bar else 0
    assert main(["check", "--db", db, "--no-run", "--fail-on", fail_on]) == want
    assert main(["check", "--db", db, "--no-run"]) == 0
