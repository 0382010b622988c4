"""Held-out evaluation: how the extractor generalises to statements nobody tuned it on.

tests/gold/heldout.jsonl is written in the same format as tests/gold/claims.jsonl (see the
docstring of tests/test_gold.py), by an engineer who did not work on the extraction code, in
styles the main gold file has few of: wire copy retelling a minister, central bank policy
statements, IMF / World Bank outlooks retold by newspapers, budget speeches (UK, India,
Nigeria, Canada, Australia, Pakistan), energy and infrastructure releases, agriculture and
housing statistics, social programmes, rankings, web-page residue and commitments without
a number.  Annotations say what the JSON line contract (issue 2, docs/json-contract.md)
makes right, not what the tool outputs.

**Do not tune the extractor on this file.**  It measures generalisation; a fix should be a
general mechanism that the failures printed here point to, never a rule for one sentence.

The scorer is the one in tests/test_gold.py (imported, not copied): quantity F1 on
span overlap + value + unit, kind and period accuracy over matched quantities, commitment F1
and the share of negatives left clean.  A thin adapter below re-pairs matched quantities
(by the same rule: first unused overlapping prediction with equal value and unit) only to
report two diagnostics that scorer does not keep: qualifier accuracy (gated here too) and
counted-noun agreement (printed only).

Floors live in tests/gold/heldout_floors.json, set to what was measured rounded down to two
decimals; like the other floors they can only go up (checked against every committed
version in git).  ``pytest -s tests/test_heldout.py`` prints every failure by category.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import test_gold as gold
from _floors import assert_floors_never_decrease
from claimledger import extract
from claimledger.models import Claim

HELDOUT = Path(__file__).parent / "gold" / "heldout.jsonl"
FLOORS = Path(__file__).parent / "gold" / "heldout_floors.json"
#: The gold file's figures plus qualifier accuracy ("nearly" is approx, "over" at_least).
FLOOR_KEYS = (*gold.FLOOR_KEYS, "qualifier_accuracy")

#: Size the held-out set must keep, so a floor is never measured on a handful of cases.
MIN_STATEMENTS = 40
MIN_QUANTITIES = 150
MIN_COUNTRIES = 15
#: Order in which failure notes are printed: number/unit errors first, then kind, period,
#: commitments, negatives, and the adapter's qualifier / noun diagnostics.
NOTE_ORDER = ("MISS", "EXTRA", "NEG", "KIND", "TIME", "CMISS", "CEXTRA", "CTIME", "QUAL", "NOUN")


@cache
def load_heldout() -> tuple[dict[str, Any], ...]:
    rows = []
    for n, line in enumerate(HELDOUT.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise AssertionError(f"heldout.jsonl line {n}: {e}") from None
    return tuple(rows)


# --- adapter: qualifier and noun diagnostics over the scorer's matches -----------------


def _pairs(record: dict[str, Any], claims: list[Claim]) -> list[tuple[dict[str, Any], Claim]]:
    """(gold quantity, matched claim) pairs, paired exactly as ``gold.score_record`` pairs them."""
    text = record["text"]
    preds = [c for c in claims if c.quantity is not None]
    used: set[int] = set()
    out = []
    for g in record["quantities"]:
        start = gold.find_occurrence(text, g["text"], g.get("occ", 0))
        end = start + len(g["text"])
        for k, c in enumerate(preds):
            q = c.quantity
            assert q is not None
            if (
                k not in used
                and q.start < end
                and start < q.end
                and gold.value_matches(q, g)
                and (q.unit == g["unit"])
            ):
                used.add(k)
                out.append((g, c))
                break
    return out


@dataclass
class HeldoutScore(gold.Score):
    """The gold scorer's tallies plus qualifier and noun agreement on matched quantities."""

    qual_ok: int = 0
    qual_n: int = 0
    noun_ok: int = 0
    noun_n: int = 0

    def figures(self) -> dict[str, float]:
        figs = super().figures()
        figs["qualifier_accuracy"] = self.qual_ok / self.qual_n if self.qual_n else 1.0
        figs["noun_agreement"] = self.noun_ok / self.noun_n if self.noun_n else 1.0
        return figs


@cache
def run_heldout() -> tuple[HeldoutScore, tuple[str, ...]]:
    """Scores over every held-out statement, and a line per matched claim's subject."""
    s = HeldoutScore()
    subjects: list[str] = []
    for record in load_heldout():
        claims = extract(record["text"], record["date"], source=record["id"])
        gold.score_record(record, claims, s)
        for g, c in _pairs(record, claims):
            q = c.quantity
            assert q is not None
            s.qual_n += 1
            if q.qualifier == g["qualifier"]:
                s.qual_ok += 1
            else:
                s.notes.append(f"QUAL  {record['id']}: {g['text']!r} want {g['qualifier']} got {q.qualifier}")
            if g.get("noun") is not None:
                s.noun_n += 1
                if q.noun == g["noun"]:
                    s.noun_ok += 1
                else:
                    s.notes.append(f"NOUN  {record['id']}: {g['text']!r} want {g['noun']} got {q.noun}")
            subjects.append(f"SUBJ  {record['id']}: {q.text!r} -> {c.subject!r}")
        for c in claims:
            if c.quantity is None:
                subjects.append(f"SUBJ  {record['id']}: (no figure) -> {c.subject!r}")
    return s, tuple(subjects)


def _category(note: str) -> str:
    return note.split(None, 1)[0]


# --- tests -----------------------------------------------------------------------------


def test_heldout_file_is_well_formed() -> None:
    rows = load_heldout()
    errs = [e for r in rows for e in gold.validate(r)]
    assert not errs, "\n".join(errs)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate record ids"
    assert len(rows) >= MIN_STATEMENTS
    assert sum(len(r["quantities"]) for r in rows) >= MIN_QUANTITIES
    assert len({r["country"] for r in rows}) >= MIN_COUNTRIES
    assert not any("pending" in r for r in rows), "held-out statements are all gated, none pending"
    # Held out means held out: no statement may also sit in the tuning gold file.
    tuned = {r["text"] for r in gold.load_gold()}
    shared = [r["id"] for r in rows if r["text"] in tuned]
    assert not shared, f"statements also in claims.jsonl: {shared}"


def test_gate_can_fail() -> None:
    """With no predictions the figures fall to zero, below every quantity floor: the gate
    below is a real gate, not a formality."""
    s = HeldoutScore()
    for record in load_heldout():
        gold.score_record(record, [], s)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert s.figures()["quantity_f1"] == 0.0 < floors["quantity_f1"]


def test_heldout_scores_meet_floors() -> None:
    s, subjects = run_heldout()
    figs = s.figures()
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    counts = Counter(_category(n) for n in s.notes)
    print()
    for cat in NOTE_ORDER:
        for note in s.notes:
            if _category(note) == cat:
                print(note)
    for line in subjects:
        print(line)
    print("heldout failures: " + ", ".join(f"{c}={counts[c]}" for c in NOTE_ORDER if counts[c]))
    print(
        f"heldout: {len(load_heldout())} statements; quantities tp={s.tp} fp={s.fp} fn={s.fn} "
        f"exact-span={s.exact_span}/{s.tp}; commitments tp={s.c_tp} fp={s.c_fp} fn={s.c_fn} "
        f"period-ok={s.c_period_ok}; negatives hit={s.neg_hit}/{s.neg_n}"
    )
    print("heldout: " + ", ".join(f"{k}={v:.3f}" for k, v in figs.items()))
    low = {k: (round(figs[k], 4), floors[k]) for k in FLOOR_KEYS if figs[k] + 1e-9 < floors[k]}
    assert not low, f"below floor: {low}"


def test_heldout_floors_never_decrease() -> None:
    """Raise floors as the extractor improves; never lower them (see tests/_floors.py)."""
    current = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert set(FLOOR_KEYS) <= current.keys()
    assert all(0.0 <= float(current[k]) <= 1.0 for k in FLOOR_KEYS)
    assert_floors_never_decrease(FLOORS)
