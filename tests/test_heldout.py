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
#: Order in which failure notes are printed: number/unit errors first, then kind, period,
#: commitments, negatives, and the adapter's qualifier / noun diagnostics.
NOTE_ORDER = ("MISS", "EXTRA", "NEG", "KIND", "TIME", "CMISS", "CEXTRA", "CTIME", "QUAL", "NOUN")


@dataclass(frozen=True)
class HeldoutSet:
    """One held-out file, its floors file and the size it must keep, so a floor is never
    measured on a handful of cases."""

    name: str
    path: Path
    floors: Path
    min_statements: int
    min_quantities: int
    min_countries: int


#: The first held-out set (tests/test_heldout2.py declares the second one).
FIRST = HeldoutSet("heldout", HELDOUT, FLOORS, min_statements=40, min_quantities=150, min_countries=15)


@cache
def load_heldout(path: Path = HELDOUT) -> tuple[dict[str, Any], ...]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise AssertionError(f"{path.name} line {n}: {e}") from None
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
def run_heldout(path: Path = HELDOUT) -> tuple[HeldoutScore, tuple[str, ...]]:
    """Scores over every statement of a held-out file, and a line per matched claim's subject."""
    s = HeldoutScore()
    subjects: list[str] = []
    for record in load_heldout(path):
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


# --- checks, shared by every held-out set -----------------------------------------------


def check_well_formed(hs: HeldoutSet) -> tuple[dict[str, Any], ...]:
    rows = load_heldout(hs.path)
    errs = [e for r in rows for e in gold.validate(r)]
    assert not errs, "\n".join(errs)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate record ids"
    assert len(rows) >= hs.min_statements
    assert sum(len(r["quantities"]) for r in rows) >= hs.min_quantities
    assert len({r["country"] for r in rows}) >= hs.min_countries
    assert not any("pending" in r for r in rows), "held-out statements are all gated, none pending"
    # Held out means held out: no statement may also sit in the tuning gold file.
    tuned = {r["text"] for r in gold.load_gold()}
    shared = [r["id"] for r in rows if r["text"] in tuned]
    assert not shared, f"statements also in claims.jsonl: {shared}"
    return rows


def check_gate_can_fail(hs: HeldoutSet) -> None:
    """With no predictions the figures fall to zero, below every quantity floor: the gate
    is a real gate, not a formality."""
    s = HeldoutScore()
    for record in load_heldout(hs.path):
        gold.score_record(record, [], s)
    floors = json.loads(hs.floors.read_text(encoding="utf-8"))
    assert s.figures()["quantity_f1"] == 0.0 < floors["quantity_f1"]


def check_scores_meet_floors(hs: HeldoutSet) -> None:
    s, subjects = run_heldout(hs.path)
    figs = s.figures()
    floors = json.loads(hs.floors.read_text(encoding="utf-8"))
    counts = Counter(_category(n) for n in s.notes)
    print(f"\n{hs.name} ({hs.path.name}):")
    for cat in NOTE_ORDER:
        for note in s.notes:
            if _category(note) == cat:
                print(note)
    for line in subjects:
        print(line)
    print(f"{hs.name} failures: " + ", ".join(f"{c}={counts[c]}" for c in NOTE_ORDER if counts[c]))
    print(
        f"{hs.name}: {len(load_heldout(hs.path))} statements; quantities tp={s.tp} fp={s.fp} fn={s.fn} "
        f"exact-span={s.exact_span}/{s.tp}; commitments tp={s.c_tp} fp={s.c_fp} fn={s.c_fn} "
        f"period-ok={s.c_period_ok}; negatives hit={s.neg_hit}/{s.neg_n}"
    )
    print(f"{hs.name}: " + ", ".join(f"{k}={v:.3f}" for k, v in figs.items()))
    low = {k: (round(figs[k], 4), floors[k]) for k in FLOOR_KEYS if figs[k] + 1e-9 < floors[k]}
    assert not low, f"below floor: {low}"


def check_floors_never_decrease(hs: HeldoutSet) -> None:
    """Raise floors as the extractor improves; never lower them (see tests/_floors.py)."""
    current = json.loads(hs.floors.read_text(encoding="utf-8"))
    assert set(FLOOR_KEYS) <= current.keys()
    assert all(0.0 <= float(current[k]) <= 1.0 for k in FLOOR_KEYS)
    assert_floors_never_decrease(hs.floors)


# --- tests -----------------------------------------------------------------------------


def test_heldout_file_is_well_formed() -> None:
    check_well_formed(FIRST)


def test_gate_can_fail() -> None:
    check_gate_can_fail(FIRST)


def test_heldout_scores_meet_floors() -> None:
    check_scores_meet_floors(FIRST)


def test_heldout_floors_never_decrease() -> None:
    check_floors_never_decrease(FIRST)
