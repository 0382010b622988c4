"""Verdicts (issue 13): a reviewer rates a claim on a configurable scale with a written
ruling; the rating in force is in ``claim_ratings`` and every rating and change is one
audit event.  These cases also run on PostgreSQL (tests/test_ledger_postgres.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from claimledger import review
from claimledger.errors import LedgerError
from claimledger.ledger import open_engine
from claimledger.ledger.schema import claim_ratings, review_events


@pytest.fixture
def engine(web_db: Path) -> Iterator[Engine]:
    eng = open_engine(str(web_db))
    yield eng
    eng.dispose()


def _claim(engine: Engine, n: int = 0) -> str:
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT id FROM claims ORDER BY document_id, seq LIMIT 1 OFFSET :n"), {"n": n}
        )
        return str(row.scalar_one())


def _rate_events(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        stmt = select(review_events).where(review_events.c.action == "rate").order_by(review_events.c.id)
        return [dict(r) for r in conn.execute(stmt).mappings()]


def test_rating_is_stored_with_its_scale_position_and_logged(engine: Engine) -> None:
    cid = _claim(engine)
    res = review.rate_claim(engine, cid, "mostly  ACCURATE", ruling=" Close to the law. ", reviewer="ana")
    with engine.connect() as conn:
        row = conn.execute(select(claim_ratings).where(claim_ratings.c.claim_id == cid)).mappings().one()
    assert (row["label"], row["value"], row["best"], row["worst"]) == ("Mostly accurate", 4, 5, 1)
    assert (row["ruling"], row["reviewer"], row["scale"]) == (
        "Close to the law.",
        "ana",
        "claimledger default",
    )
    assert row["rated_at"].endswith("Z") or "T" in row["rated_at"]
    (ev,) = _rate_events(engine)
    assert (ev["target_type"], ev["target_id"], ev["reviewer"], ev["id"]) == (
        "claim",
        cid,
        "ana",
        res.event_id,
    )
    payload = json.loads(str(ev["payload"]))
    assert payload["before"]["rating"] is None and payload["after"]["rating"] == "Mostly accurate"


def test_a_change_of_rating_replaces_it_and_logs_before_and_after(engine: Engine) -> None:
    cid = _claim(engine)
    review.rate_claim(engine, cid, "Accurate", ruling="Right.", reviewer="ana")
    review.rate_claim(engine, cid, "Misleading", ruling="Context missing.", reviewer="bo")
    with engine.connect() as conn:
        rows = conn.execute(select(claim_ratings)).mappings().all()
    assert [(r["claim_id"], r["label"], r["reviewer"]) for r in rows] == [(cid, "Misleading", "bo")]
    log = _rate_events(engine)
    assert len(log) == 2
    second = json.loads(str(log[1]["payload"]))
    assert (second["before"]["rating"], second["after"]["rating"]) == ("Accurate", "Misleading")
    assert second["before"]["ruling"] == "Right." and second["after"]["ruling"] == "Context missing."


@pytest.mark.parametrize(
    ("label", "ruling", "reviewer", "code"),
    [
        ("Pants on fire", "Wrong.", "ana", "E060"),
        ("Accurate", "   ", "ana", "E064"),
        ("Accurate", "x" * (review.MAX_RULING + 1), "ana", "E064"),
        ("Accurate", "Right.", "", "E030"),
    ],
)
def test_bad_ratings_are_coded_and_write_nothing(
    engine: Engine, label: str, ruling: str, reviewer: str, code: str
) -> None:
    with pytest.raises(LedgerError) as err:
        review.rate_claim(engine, _claim(engine), label, ruling=ruling, reviewer=reviewer)
    assert err.value.code == code
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(claim_ratings)).scalar_one() == 0
    assert _rate_events(engine) == []


def test_unknown_and_rejected_claims_cannot_be_rated(engine: Engine) -> None:
    with pytest.raises(LedgerError) as err:
        review.rate_claim(engine, "no-such-claim", "Accurate", ruling="Right.", reviewer="ana")
    assert err.value.code == "E022"
    cid = _claim(engine, 1)
    review.reject_claim(engine, cid, reviewer="ana")
    with pytest.raises(LedgerError) as err:
        review.rate_claim(engine, cid, "Accurate", ruling="Right.", reviewer="ana")
    assert err.value.code == "E062"
    assert _rate_events(engine) == []


def test_a_custom_scale_file_replaces_the_default(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "scale.toml"
    path.write_text(
        'name = "newsroom"\n[[level]]\nlabel = "True"\nvalue = 3\n[[level]]\nlabel = "Half true"\nvalue = 2\n'
        '[[level]]\nlabel = "False"\nvalue = 0\n[[level]]\nlabel = "Not checkable"\n',
        encoding="utf-8",
    )
    scale = review.rating_scale(str(path))
    assert (scale.name, scale.best, scale.worst) == ("newsroom", 3, 0)
    assert [lv.label for lv in scale.levels] == ["True", "Half true", "False", "Not checkable"]
    cid = _claim(engine)
    review.rate_claim(engine, cid, "Not checkable", ruling="No data.", reviewer="ana", scale=scale)
    with engine.connect() as conn:
        row = conn.execute(select(claim_ratings)).mappings().one()
    assert (row["label"], row["value"], row["best"], row["worst"]) == ("Not checkable", None, 3, 0)
    with pytest.raises(LedgerError) as err:
        review.rate_claim(engine, cid, "Accurate", ruling="x", reviewer="ana", scale=scale)
    assert err.value.code == "E060"


@pytest.mark.parametrize(
    "body",
    [
        "not = [toml",
        'name = "x"\n',
        "[[level]]\nvalue = 1\n",
        '[[level]]\nlabel = "A"\nvalue = "high"\n',
        '[[level]]\nlabel = "A"\n[[level]]\nlabel = " a "\n',
    ],
)
def test_a_malformed_scale_file_is_e061(tmp_path: Path, body: str) -> None:
    path = tmp_path / f"bad{abs(hash(body))}.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(LedgerError) as err:
        review.rating_scale(str(path))
    assert err.value.code == "E061" and str(path) in str(err.value)
