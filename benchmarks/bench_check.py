"""Check benchmark (issue: scale): how the work of ``check`` grows with the ledger.

Builds, in memory, generated ledgers of three sizes from a pool of template sentences
(real countries, taxonomy measures, years 2018-2026, targets with deadlines, some figures
restated by a second document with another value), extracts them once through the real
pipeline (so every claim has its stored frame), and times the checkers' whole run over
each: linking (``context_from_records``) and every checker (``run_context``), on one
core.  Reports seconds per size and the growth exponent ``k`` of ``time ~ claims**k``
fitted between the smallest and the largest size (1 is linear).

    python benchmarks/bench_check.py                      # 10k, 30k, 100k claims
    python benchmarks/bench_check.py --sizes 2000 6000 20000

Prints a JSON summary last.  The database is left out on purpose: reading and storing
rows is the ledger's benchmark (bench_web); this one measures the checks' own work.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import random
import sys
import time
from datetime import date as Date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimledger import extract
from claimledger.checks import context_from_records, run_context
from claimledger.link import ClaimRecord, DocInfo

COUNTRIES = ["Kenya", "Ghana", "Peru", "Chile", "Vietnam", "Poland", "Morocco", "Jordan", "Nepal", "Zambia"]
LEVELS = [
    ("{c}'s exports reached ${v} billion in {y}.", 5, 80),
    ("{c}'s imports were ${v} billion in {y}.", 5, 80),
    ("Inflation in {c} was {p}% in {y}.", 1, 15),
    ("The unemployment rate in {c} stood at {p}% in {y}.", 2, 20),
    ("{c}'s economy grew {p}% in {y}.", 0, 8),
    ("{c} built {n} schools in {y}.", 20, 900),
    ("Tourist arrivals in {c} reached {v} million in {y}.", 1, 20),
]
TARGETS = [
    "{c} will raise exports to ${v} billion by {y}.",
    "The government of {c} will build {n} schools by {y}.",
    "{c} aims to welcome {v} million tourists by {y}.",
]


#: Share of restated figures given another value (planted contradictions).
CONFLICT_SHARE = 0.02


def _doc_text(rng: random.Random, country: str, year: int, n: int) -> str:
    """``n`` sentences about ``country``.  A figure for one country, measure and year has
    one value wherever it is restated (as in real ledgers), except ``CONFLICT_SHARE`` of
    restatements, which are off by 30%."""
    out = []
    for _ in range(n):
        if rng.random() < 0.15:
            t = rng.choice(TARGETS)
            out.append(
                t.format(c=country, v=rng.randint(10, 90), n=rng.randint(50, 900), y=year + rng.randint(2, 6))
            )
            continue
        i = rng.randrange(len(LEVELS))
        t, lo, hi = LEVELS[i]
        y = year - rng.randint(1, 3)
        fixed = random.Random(f"{country}|{i}|{y}")
        v, p, n_ = fixed.randint(lo, hi), round(fixed.uniform(lo, hi), 1), fixed.randint(lo, hi)
        if rng.random() < CONFLICT_SHARE:
            v, p, n_ = round(v * 1.3) + 1, round(p * 1.3 + 0.6, 1), round(n_ * 1.3) + 1
        out.append(t.format(c=country, v=v, p=p, n=n_, y=y))
    return " ".join(out)


def build(n_claims: int, seed: int = 7) -> tuple[list[ClaimRecord], dict[str, DocInfo]]:
    """Documents of 40 sentences until ``n_claims`` claims are extracted."""
    rng = random.Random(seed)
    records: list[ClaimRecord] = []
    docs: dict[str, DocInfo] = {}
    i = 0
    while len(records) < n_claims:
        country = rng.choice(COUNTRIES)
        year = rng.randint(2020, 2026)
        published = Date(year, rng.randint(1, 12), rng.randint(1, 28))
        key = f"doc-{i}"
        text = _doc_text(rng, country, year, 40)
        for seq, c in enumerate(extract(text, published.isoformat())):
            c.doc = key
            c.id = f"{key}-{seq}"
            records.append(ClaimRecord.from_claim(c, published, seq))
        docs[key] = DocInfo(key=key, title=f"{country} statement {i}", published=published, text=text,
                            region=country, region_why="generated", source="Ministry of Economy")  # fmt: skip
        i += 1
    return records, docs


def time_check(records: list[ClaimRecord], docs: dict[str, DocInfo]) -> tuple[float, int]:
    t0 = time.perf_counter()
    ctx = context_from_records(records, docs, Date(2026, 11, 23))
    found = run_context(ctx)
    return time.perf_counter() - t0, len(found)


def prefix(
    records: list[ClaimRecord], docs: dict[str, DocInfo], n: int
) -> tuple[list[ClaimRecord], dict[str, DocInfo]]:
    """The first ``n`` claims, with their documents (records run in document order)."""
    part = records[:n]
    keys = {r.doc for r in part}
    return part, {k: d for k, d in docs.items() if k in keys}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest counts")
    ap.add_argument("--cache", type=Path, help="keep the extracted ledger in this pickle and reuse it")
    args = ap.parse_args()
    t0 = time.perf_counter()
    if args.cache is not None and args.cache.exists():
        with args.cache.open("rb") as fh:
            records, docs = pickle.load(fh)  # a file this script wrote
    else:
        records, docs = build(max(args.sizes))
        if args.cache is not None:
            with args.cache.open("wb") as fh:
                pickle.dump((records, docs), fh)
    print(json.dumps({"built_claims": len(records), "build_seconds": round(time.perf_counter() - t0, 1)}))
    # Imports and compiled patterns are paid once per process, not per claim: warm up.
    time_check(*prefix(records, docs, 500))
    rows = []
    for n in sorted(args.sizes):
        recs, ds = prefix(records, docs, n)
        secs, found = min(time_check(recs, ds) for _ in range(args.repeat))
        rows.append({"claims": n, "documents": len(ds), "check_seconds": round(secs, 2), "findings": found})
        print(json.dumps(rows[-1]), flush=True)
    lo, hi = rows[0], rows[-1]
    k = math.log(hi["check_seconds"] / lo["check_seconds"]) / math.log(hi["claims"] / lo["claims"])
    print(json.dumps({"sizes": rows, "growth_exponent": round(k, 2)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
