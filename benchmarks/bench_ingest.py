"""Ingest benchmarks, side by side (issue 3).

1. Throughput: a generated corpus of news-like documents (default 10,000, about 50 MB)
   extracted bare in one process (read file + ``iter_claims``) versus ``Ledger.ingest`` into
   a fresh SQLite ledger in one process (read, sniff, extract, store with FTS).  Target:
   ingest runs at >= 0.5x the speed of bare extraction.
2. Storage: database size per 1,000 claims (after a WAL checkpoint).
3. Search: ``Ledger.claims(search=...)`` latency on a ledger grown to ``--claims`` claims
   (default 1,000,000) by bulk-inserting copies of the ingested claims.  Target < 50 ms.

Usage::

    python benchmarks/bench_ingest.py                 # full run (several minutes)
    python benchmarks/bench_ingest.py --n 500 --claims 100000   # quick run

Prints a JSON summary last, so figures can be pasted into reports unchanged.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

#: Building blocks of generated news: sentences with figures, and filler without.
_FIGURES = [
    "{org} said {noun} reached {n1:,} {unit} in {y0}, up {p1}% from a year earlier.",
    "The government plans to raise {noun} to {n2} billion {cur} by {y2}.",
    "Spending on {noun} will total over {d1}.{d2} trillion {cur} in {y1}, the ministry said.",
    "Inflation is forecast at {p1}-{p2}% in {y1} and {p3}% in {y2}.",
    "Nearly {n1:,} {plural} were built last year, and {n3} more are planned for {y1}.",
    "{org} expects growth of {p1}.{d2}% this year after {p3}% in {y0}.",
    "Exports of {noun} fell by a third to ${n2} million, while imports grew {p2}%.",
    "About {n3} {plural} will open by the end of {y1}, officials said.",
]
_FILLER = [
    "Officials met with representatives of regional authorities to discuss the programme.",
    "The statement was published after a meeting of the cabinet on Tuesday.",
    "Analysts said the outlook depended on commodity prices and external demand.",
    "Critics argued that earlier plans had not been carried out in full.",
    "The minister answered questions from journalists after the session.",
    "Details of the financing will be announced separately, according to the press service.",
]
_ORGS = ["The statistics office", "The central bank", "The finance ministry", "The IMF", "The agency"]
_NOUNS = ["housing construction", "grain harvest", "foreign investment", "oil output", "road repair",
          "electricity generation", "tourism revenue", "steel production"]  # fmt: skip
_PLURALS = ["schools", "hospitals", "kilometres of road", "apartments", "kindergartens", "bridges"]
_UNITS = ["tons", "square meters", "megawatts", "vehicles", "units"]
_CURS = ["tenge", "dollars", "euros", "rubles"]


def news_text(rng: random.Random, i: int, target_bytes: int) -> str:
    """One news-like article of about ``target_bytes``, 2020-2025, every text distinct."""
    y0 = 2020 + i % 5
    parts = [f"Report {i}: {rng.choice(_NOUNS)} update."]
    size = 0
    while size < target_bytes:
        para = []
        for _ in range(4):
            if rng.random() < 0.55:
                s = rng.choice(_FIGURES).format(
                    org=rng.choice(_ORGS), noun=rng.choice(_NOUNS), unit=rng.choice(_UNITS),
                    plural=rng.choice(_PLURALS), cur=rng.choice(_CURS), y0=y0, y1=y0 + 1, y2=y0 + 4,
                    n1=rng.randint(1000, 90_000_000), n2=rng.randint(2, 900), n3=rng.randint(3, 400),
                    p1=rng.randint(1, 30), p2=rng.randint(2, 40), p3=rng.randint(1, 9),
                    d1=rng.randint(1, 40), d2=rng.randint(0, 9),
                )  # fmt: skip
            else:
                s = rng.choice(_FILLER)
            para.append(s)
        p = " ".join(para)
        parts.append(p)
        size += len(p) + 2
    return "\n\n".join(parts)


def generate(root: Path, n: int, doc_bytes: int) -> int:
    rng = random.Random(20240108)
    total = 0
    for i in range(n):
        body = news_text(rng, i, doc_bytes)
        d = f"{2020 + i % 5}-{1 + i % 12:02}-{1 + i % 28:02}"
        raw = f"title: Report {i}\ndate: {d}\nsource: Generated wire\n---\n{body}\n"
        (root / f"{i:05}.txt").write_text(raw, encoding="utf-8")
        total += len(raw.encode())
    return total


def bench_bare(root: Path) -> tuple[float, int]:
    """Read + header split + extract, one process: the baseline ingest is compared with."""
    from claimledger.extract.pipeline import iter_claims
    from claimledger.ingest.metadata import split_header

    t0 = time.perf_counter()
    claims = 0
    for p in sorted(root.iterdir()):
        meta, body = split_header(p.read_text(encoding="utf-8"))
        claims += sum(1 for _ in iter_claims(body, meta.get("published")))
    return time.perf_counter() - t0, claims


def bench_ingest(root: Path, db: Path, workers: int) -> tuple[float, int, int]:
    from claimledger.ledger import Ledger
    from claimledger.pipeline import ingest

    t0 = time.perf_counter()
    with Ledger(str(db)) as led:
        s = ingest(led, [str(root)], workers=workers)
        took = time.perf_counter() - t0
        if s.failures:
            print(f"  {s.failed} failures, first: {s.failures[0]}", file=sys.stderr)
    return took, s.ingested, s.claims


def db_size(db: Path) -> int:
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db.stat().st_size


def grow(db: Path, target: int) -> int:
    """Bulk-insert copies of the stored claims (new ids, new documents) up to ``target``."""
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA synchronous=OFF")
    cols = [r[1] for r in con.execute("PRAGMA table_info(claims)")]
    base = con.execute(f"SELECT {', '.join(cols)} FROM claims").fetchall()
    docs = con.execute("SELECT * FROM documents").fetchall()
    dcols = [r[1] for r in con.execute("PRAGMA table_info(documents)")]
    have = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    id_i, doc_i, hash_i, key_i = (
        cols.index("id"),
        cols.index("document_id"),
        dcols.index("hash"),
        dcols.index("doc_key"),
    )
    copy = 0
    while have < target:
        copy += 1
        con.execute("BEGIN")
        mapping = {}
        for d in docs:
            row = list(d)
            row[0] = None
            row[hash_i] = f"{d[hash_i]}-copy{copy}"
            row[key_i] = f"{d[key_i]}#copy{copy}"
            cur = con.execute(f"INSERT INTO documents VALUES ({', '.join('?' * len(row))})", row)
            mapping[d[0]] = cur.lastrowid
        batch = []
        for r in base[: target - have]:
            row = list(r)
            row[id_i] = f"{r[id_i]}c{copy}"
            row[doc_i] = mapping[r[doc_i]]
            batch.append(row)
        con.executemany(
            f"INSERT INTO claims ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", batch
        )
        con.execute("COMMIT")
        have += len(batch)
    con.execute("PRAGMA optimize")
    con.close()
    return have


def bench_search(db: Path, queries: list[str], repeats: int, limit: int) -> dict[str, dict[str, float]]:
    from claimledger.ledger import Ledger

    out: dict[str, dict[str, float]] = {}
    with Ledger(str(db)) as led:
        led.claims(search=queries[0], limit=limit)  # warm the page cache and the pool
        for q in queries:
            times = []
            n = 0
            for _ in range(repeats):
                t0 = time.perf_counter()
                n = len(led.claims(search=q, limit=limit))
                times.append((time.perf_counter() - t0) * 1000)
            out[q] = {
                "median_ms": round(statistics.median(times), 2),
                "max_ms": round(max(times), 2),
                "rows": n,
            }
    return out


def bench_cli_search(db: Path, query: str) -> float:
    """Wall time of the whole command, Python start-up included."""
    import subprocess

    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "claimledger.cli", "claims", "--db", str(db), "--search", query,
         "--format", "jsonl", "--limit", "50"],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return (time.perf_counter() - t0) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="documents to generate (default 10,000)")
    ap.add_argument("--doc-bytes", type=int, default=5000, help="approximate size of one document")
    ap.add_argument("--claims", type=int, default=1_000_000, help="claims in the search ledger (0: skip)")
    ap.add_argument("--workers", type=int, default=1, help="also time ingest with this many workers")
    ap.add_argument("--keep", help="directory to keep the corpus and ledgers in")
    args = ap.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="bench_ingest_"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    if not corpus.exists():
        corpus.mkdir()
        t0 = time.perf_counter()
        size = generate(corpus, args.n, args.doc_bytes)
        print(
            f"generated {args.n} documents, {size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f}s",
            file=sys.stderr,
        )
    size = sum(p.stat().st_size for p in corpus.iterdir())
    result: dict[str, object] = {
        "documents": args.n,
        "corpus_mb": round(size / 1e6, 1),
        "cpus": os.cpu_count(),
    }

    t_bare, n_bare = bench_bare(corpus)
    result["bare_extract"] = {
        "seconds": round(t_bare, 2),
        "mb_per_s": round(size / 1e6 / t_bare, 2),
        "claims": n_bare,
    }
    print(f"bare extraction: {t_bare:.1f}s, {size / 1e6 / t_bare:.2f} MB/s, {n_bare} claims", file=sys.stderr)

    db = work / "ingest.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    t_ing, docs, claims = bench_ingest(corpus, db, 1)
    result["ingest_1_process"] = {
        "seconds": round(t_ing, 2), "mb_per_s": round(size / 1e6 / t_ing, 2), "documents": docs,
        "claims": claims, "speed_vs_bare": round(t_bare / t_ing, 3),
    }  # fmt: skip
    print(f"ingest (1 process): {t_ing:.1f}s = {t_bare / t_ing:.2f}x bare extraction speed", file=sys.stderr)
    b = db_size(db)
    result["db"] = {
        "bytes": b,
        "claims": claims,
        "bytes_per_1000_claims": round(b / claims * 1000) if claims else None,
    }

    if args.workers > 1:
        dbw = work / "ingest_workers.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{dbw}{suffix}").unlink(missing_ok=True)
        t_w, _, _ = bench_ingest(corpus, dbw, args.workers)
        result[f"ingest_{args.workers}_workers"] = {
            "seconds": round(t_w, 2),
            "speed_vs_bare": round(t_bare / t_w, 3),
        }
        print(f"ingest ({args.workers} workers): {t_w:.1f}s = {t_bare / t_w:.2f}x bare", file=sys.stderr)

    if args.claims:
        t0 = time.perf_counter()
        have = grow(db, args.claims)
        print(f"grew ledger to {have} claims in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
        queries = [
            "harvest",
            "inflation forecast",
            "kindergartens",
            "hospit*",
            "steel production tons",
            "zzzz",
        ]
        result["search"] = {"claims": have, "limit": 50, "queries": bench_search(db, queries, 20, 50)}
        result["search_cli_wall_ms"] = round(bench_cli_search(db, "inflation forecast"), 1)
        b = db_size(db)
        result["db_large"] = {"bytes": b, "claims": have, "bytes_per_1000_claims": round(b / have * 1000)}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
