"""Web benchmarks (issue 5): page and JSON latency on a large ledger, and API throughput.

1. Builds (or reuses) a generated ledger of ``--claims`` claims (default 100,000) through
   the real schema and migrations: documents with generated text, claims whose spans point
   into it (the FTS index fills through its triggers), indicators, promise findings for
   every target, contradiction findings, and some human corrections with audit events.
2. Starts ``claimledger serve`` in its own process on 127.0.0.1 and measures the latency of
   the main pages and JSON endpoints: ``--requests`` sequential requests each after a
   warm-up, reporting p50/p95/max.  Target: p95 < 200 ms.
3. Measures requests/s on loopback with ``wrk`` (Debian's package) when installed, else
   with a bounded asyncio + httpx load generator.  Target: >= 300 requests/s.

Usage::

    python benchmarks/bench_web.py                       # 100,000 claims (~1 minute to build)
    python benchmarks/bench_web.py --claims 20000 --requests 20 --duration 5   # quick

Prints a JSON summary last.  All traffic goes to 127.0.0.1 only, bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CLAIMS_PER_DOC = 50
SUBJECTS = [
    f"{a} {b}"
    for a in (
        "housing",
        "road",
        "school",
        "hospital",
        "budget",
        "export",
        "import",
        "grain",
        "power",
        "water",
        "rail",
        "port",
        "tax",
        "pension",
        "wage",
        "tourism",
        "mining",
        "oil",
        "gas",
        "steel",
    )
    for b in (
        "output",
        "spending",
        "capacity",
        "investment",
        "revenue",
        "volume",
        "growth",
        "cost",
        "stock",
        "coverage",
    )
]
UNITS = [
    ("USD", "dollars"),
    ("KZT", "tenge"),
    ("%", "percent"),
    ("km", "kilometres"),
    ("t", "tons"),
    ("MW", "megawatts"),
    (None, "projects"),
]
KINDS = ["achievement", "achievement", "status", "target", "forecast"]
PROMISE = ["not_due", "due", "in_progress", "kept", "partly_kept", "not_kept"]
#: Latency and throughput targets from the issue.
P95_TARGET_MS = 200.0
RPS_TARGET = 300.0


def build_ledger(path: Path, n_claims: int, seed: int = 7) -> dict[str, Any]:
    """Fill a fresh ledger at ``path`` with ``n_claims`` generated claims; return ids to probe."""
    from sqlalchemy import insert

    from claimledger.ledger import open_engine
    from claimledger.ledger.schema import (
        claims,
        corrections,
        documents,
        finding_claims,
        findings,
        indicator_claims,
        indicators,
        review_events,
    )

    rnd = random.Random(seed)
    engine = open_engine(str(path))
    now = "2025-01-01T00:00:00Z"
    ind_ids: dict[tuple[str, str | None], int] = {}
    with engine.begin() as conn:
        for subj in SUBJECTS:
            for unit, _ in UNITS:
                key = f"bench|{subj}|{unit}"
                res = conn.execute(
                    insert(indicators).values(
                        key=key, name=f"{subj} [{unit or 'count'}]", dimension=unit or "count", created_at=now
                    )
                )
                pk = res.inserted_primary_key
                assert pk is not None
                ind_ids[(subj, unit)] = int(pk[0])
    n_docs = max(1, n_claims // CLAIMS_PER_DOC)
    targets: list[str] = []
    all_ids: list[str] = []
    for d in range(n_docs):
        year = 2015 + d % 11
        parts: list[str] = []
        rows: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        pos = 0
        for s in range(CLAIMS_PER_DOC):
            subj = rnd.choice(SUBJECTS)
            unit, word = rnd.choice(UNITS)
            kind = rnd.choice(KINDS)
            value = round(rnd.uniform(1, 999), 1)
            period = str(year + (rnd.randint(1, 5) if kind in ("target", "forecast") else -1))
            verb = {"target": "will reach", "forecast": "is expected at"}.get(kind, "reached")
            q_text = f"{value} {word}"
            sentence = f"The {subj} {verb} {q_text} in {period}, officials said in report {d}."
            q_start = pos + sentence.index(q_text)
            cid = hashlib.blake2b(f"bench{d}:{s}".encode(), digest_size=8).hexdigest()
            rows.append(
                {
                    "id": cid,
                    "seq": s,
                    "kind": kind,
                    "subject": subj,
                    "period": period,
                    "sent_start": pos,
                    "sent_end": pos + len(sentence),
                    "sentence": sentence,
                    "q_text": q_text,
                    "q_start": q_start,
                    "q_end": q_start + len(q_text),
                    "value": value,
                    "low": None,
                    "high": None,
                    "qualifier": "exact",
                    "unit": unit,
                    "noun": None if unit else "project",
                    "cues": json.dumps([f"verb:{verb}", f"period:{period}"]),
                    "extractor": "bench.v1",
                }
            )
            links.append({"claim_id": cid, "indicator_id": ind_ids[(subj, unit)], "explanation": "bench"})
            if kind == "target":
                targets.append(cid)
            all_ids.append(cid)
            parts.append(sentence)
            pos += len(sentence) + 1
        text = " ".join(parts)
        with engine.begin() as conn:
            res = conn.execute(
                insert(documents).values(
                    hash=hashlib.sha256(text.encode()).hexdigest(),
                    doc_key=f"bench/report-{d}.txt",
                    title=f"Generated report {d}",
                    source="bench",
                    url=None,
                    speaker="Minister",
                    format="text",
                    published=f"{year}-01-15",
                    text=text,
                    ingested_at=now,
                    extractor="bench.v1",
                )
            )
            pk = res.inserted_primary_key
            assert pk is not None
            doc_id = int(pk[0])
            conn.execute(insert(claims), [{**r, "document_id": doc_id} for r in rows])
            conn.execute(insert(indicator_claims), links)
    with engine.begin() as conn:
        frows, fcrows = [], []
        for i, cid in enumerate(targets):
            fid = f"p{i}"
            frows.append(
                {
                    "id": fid,
                    "type": "promise",
                    "severity": "info",
                    "message": f"promise {i}",
                    "details": json.dumps({"status": rnd.choice(PROMISE)}),
                    "checker": "bench",
                    "created_at": now,
                }
            )
            fcrows.append({"finding_id": fid, "claim_id": cid, "role": "target"})
            if i % 3 == 0:
                fcrows.append({"finding_id": fid, "claim_id": rnd.choice(all_ids), "role": "evidence"})
        for i in range(len(all_ids) // 50):
            fid = f"c{i}"
            a, b = rnd.sample(all_ids, 2)
            frows.append(
                {
                    "id": fid,
                    "type": "contradiction",
                    "severity": "warning",
                    "message": f"conflict {i}",
                    "details": "{}",
                    "checker": "bench",
                    "created_at": now,
                }
            )
            fcrows += [
                {"finding_id": fid, "claim_id": a, "role": "a"},
                {"finding_id": fid, "claim_id": b, "role": "b"},
            ]
        conn.execute(insert(findings), frows)
        unique = {(r["finding_id"], r["claim_id"]): r for r in fcrows}  # the primary key
        conn.execute(insert(finding_claims), list(unique.values()))
        reviewed = rnd.sample(all_ids, min(500, len(all_ids)))
        conn.execute(
            insert(corrections),
            [
                {"claim_id": c, "state": "corrected", "value": 1.0, "reviewer": "bench", "updated_at": now}
                for c in reviewed
            ],
        )
        conn.execute(
            insert(review_events),
            [
                {
                    "at": now,
                    "reviewer": "bench",
                    "action": "correct",
                    "target_type": "claim",
                    "target_id": c,
                    "payload": "{}",
                }
                for c in reviewed
            ],
        )
        # The rows above went in around the ledger's write functions, which keep the
        # summary counts (migration 0015): count them once, as `doctor
        # --rebuild-summaries` does.  A claimledger from before 0015 has none.
        try:
            from claimledger.ledger import rebuild_summaries
        except ImportError:
            pass
        else:
            rebuild_summaries(conn)
    engine.dispose()
    return {
        "claim": reviewed[0],
        "document": n_docs // 2,
        "documents": n_docs,
        "indicator": ind_ids[(SUBJECTS[0], "USD")],
        "sample": rnd.sample(all_ids, 50),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int = 1, cache: bool = True) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CLAIMLEDGER_WEB_CACHE": "1" if cache else "0"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "claimledger.cli",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    import httpx

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/upload.json", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start: " + (proc.stderr.read().decode() if proc.stderr else ""))


def endpoints(ids: dict[str, Any]) -> list[str]:
    c, d, i = ids["claim"], ids["document"], ids["indicator"]
    pages = [
        "/",
        "/documents",
        f"/documents/{d}",
        "/claims",
        "/claims?q=housing+spending",
        "/claims?kind=target&sort=value&order=desc",
        "/claims?page=1500",
        f"/claims/{c}",
        "/indicators",
        f"/indicators/{i}",
        "/promises",
        "/findings",
    ]
    twins = [
        "/index.json",
        "/documents.json",
        f"/documents/{d}.json",
        "/claims.json",
        "/claims.json?q=housing",
        "/claims.json?unit=KZT&sort=period",
        f"/claims/{c}.json",
        "/indicators.json",
        f"/indicators/{i}.json",
        "/promises.json",
        "/findings.json",
    ]
    return pages + twins


def keyset_endpoints(base: str) -> list[str]:
    """Page 1,500 of 2,000 by cursor (``after=``, issue 16 item 4), when the server gives
    cursors: the cursor ending page 1,499, asked for once."""
    import httpx

    body = httpx.get(f"{base}/claims.json?page=1499", timeout=60).json()
    after = body.get("next_after")
    return [f"/claims?after={after}", f"/claims.json?after={after}"] if after else []


def latency(base: str, paths: list[str], n: int) -> dict[str, dict[str, float]]:
    import httpx

    out: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for p in paths:
            for _ in range(3):
                client.get(p).raise_for_status()
            times = []
            for _ in range(n):
                t = time.perf_counter()
                r = client.get(p)
                times.append((time.perf_counter() - t) * 1000)
                r.raise_for_status()
            times.sort()
            out[p] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                "max_ms": round(times[-1], 1),
            }
            print(f"{p:45s} p50 {out[p]['p50_ms']:7.1f} ms  p95 {out[p]['p95_ms']:7.1f} ms", flush=True)
    return out


def throughput_wrk(url: str, seconds: int, conns: int) -> dict[str, Any]:
    res = subprocess.run(
        ["wrk", "-t2", f"-c{conns}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    )
    rps = re.search(r"Requests/sec:\s+([\d.]+)", res.stdout)
    p99 = re.search(r"99%\s+([\d.]+)(\w+)", res.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", res.stdout)
    return {
        "tool": "wrk",
        "url": url,
        "connections": conns,
        "seconds": seconds,
        "requests_per_s": float(rps.group(1)) if rps else None,
        "p99": f"{p99.group(1)}{p99.group(2)}" if p99 else None,
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def mixed_paths(db: Path, ids: dict[str, Any], n: int = 600) -> list[str]:
    """A browsing mix for the mixed-load run: claim lists (pages, filters, searches), claim
    details, documents, and the aggregate pages.  Mostly distinct addresses, so the server's
    answer cache (valid until the ledger changes) does not turn the run into cache hits."""
    rnd = random.Random(11)
    with sqlite3.connect(db) as conn:
        sample = [r[0] for r in conn.execute("SELECT id FROM claims ORDER BY random() LIMIT ?", (n,))]
    kinds, units = ["achievement", "status", "target", "forecast"], ["KZT", "USD", "%", "km", "t", "MW"]
    words = sorted({w for s in SUBJECTS for w in s.split()})
    paths = []
    for i in range(n):
        pick = i % 6
        if pick == 0:
            paths.append(f"/claims.json?page={rnd.randint(1, 400)}&per_page=20")
        elif pick == 1:
            k, u, pg = rnd.choice(kinds), rnd.choice(units), rnd.randint(1, 20)
            paths.append(f"/claims.json?kind={k}&unit={u}&page={pg}")
        elif pick == 2:
            paths.append(f"/claims.json?q={rnd.choice(words)}&page={rnd.randint(1, 5)}&per_page=20")
        elif pick == 3:
            paths.append(f"/claims/{rnd.choice(sample)}.json")
        elif pick == 4:
            paths.append(f"/documents/{rnd.randint(1, ids['documents'])}.json")
        else:
            paths.append(rnd.choice(["/index.json", "/findings.json", "/promises.json", "/indicators.json"]))
    return paths


def warm_paths(base: str, paths: list[str]) -> dict[str, Any]:
    """Request every path of the mix once, in order (fills the server's answer cache)."""
    import httpx

    t = time.perf_counter()
    with httpx.Client(base_url=base, timeout=60) as client:
        errors = sum(client.get(p).status_code >= 400 for p in paths)
    return {"paths": len(paths), "seconds": round(time.perf_counter() - t, 1), "non_2xx": errors}


def throughput_wrk_mixed(base: str, paths: list[str], seconds: int, conns: int) -> dict[str, Any]:
    """wrk over a rotating list of paths (a Lua request generator)."""
    lua = Path(tempfile.mkdtemp(prefix="bench_web_lua_")) / "mix.lua"
    items = ", ".join(json.dumps(p) for p in paths)
    lua.write_text(
        f"local paths = {{{items}}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
    )
    res = subprocess.run(["wrk", "-t2", f"-c{conns}", f"-d{seconds}s", "-s", str(lua), base],
                         capture_output=True, text=True, timeout=seconds + 30)  # fmt: skip
    shutil.rmtree(lua.parent, ignore_errors=True)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", res.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", res.stdout)
    return {"tool": "wrk+lua", "url": f"mix of {len(paths)} paths", "connections": conns, "seconds": seconds,
            "requests_per_s": float(rps.group(1)) if rps else None,
            "non_2xx": int(errors.group(1)) if errors else 0}  # fmt: skip


def throughput_httpx(url: str, seconds: int, conns: int) -> dict[str, Any]:
    import httpx

    async def run() -> tuple[int, int]:
        done = errors = 0
        stop = time.monotonic() + seconds
        async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=conns)) as client:

            async def worker() -> None:
                nonlocal done, errors
                while time.monotonic() < stop:
                    r = await client.get(url)
                    done += 1
                    errors += r.status_code >= 400

            await asyncio.gather(*(worker() for _ in range(conns)))
        return done, errors

    t = time.monotonic()
    n, errs = asyncio.run(run())
    return {
        "tool": "httpx-asyncio",
        "url": url,
        "connections": conns,
        "seconds": seconds,
        "requests_per_s": round(n / (time.monotonic() - t), 1),
        "non_2xx": errs,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--db", help="reuse or create the generated ledger here (default: a temp dir)")
    ap.add_argument("--requests", type=int, default=50, help="sequential requests per endpoint")
    ap.add_argument("--duration", type=int, default=10, help="seconds per throughput run")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    ap.add_argument(
        "--mix-only", action="store_true", help="only the 600-address mix (no latency, no single endpoints)"
    )
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench_web_"))
    db = Path(args.db) if args.db else tmp / "web.db"
    ids_file = db.with_suffix(".ids.json")
    if db.exists() and ids_file.exists():
        ids = json.loads(ids_file.read_text())
        print(f"reusing {db}")
    else:
        t = time.perf_counter()
        ids = build_ledger(db, args.claims)
        ids_file.write_text(json.dumps(ids))
        print(f"built {args.claims:,} claims in {time.perf_counter() - t:.1f} s at {db}", flush=True)
    runs: dict[str, Any] = {}
    # Uncached first (the work each request does), then with the server's answer cache,
    # which is valid until the ledger changes: what a dashboard between commits sees.
    for label, cache in (("uncached", False), ("cached", True)):
        print(f"--- {label}", flush=True)
        port = _free_port()
        proc = start_server(db, port, args.workers, cache=cache)
        base = f"http://127.0.0.1:{port}"
        try:
            lat = (
                {} if args.mix_only else latency(base, endpoints(ids) + keyset_endpoints(base), args.requests)
            )
            runner = throughput_wrk if shutil.which("wrk") else throughput_httpx
            thr = [
                runner(base + p, args.duration, args.connections)
                for p in ("/claims.json?per_page=20", f"/claims/{ids['claim']}.json", "/index.json")
                if not args.mix_only
            ]
            if shutil.which("wrk"):
                mix = mixed_paths(db, ids)
                thr.append(throughput_wrk_mixed(base, mix, args.duration, args.connections))
                if cache:
                    # The mix again once every address has been asked for: the cache warm,
                    # what a dashboard serves between two commits.
                    warmed = warm_paths(base, mix)
                    thr.append(
                        throughput_wrk_mixed(base, mix, args.duration, args.connections) | {"warmed": warmed}
                    )
                    thr[-1]["url"] += ", cache warm"
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        worst = max((v["p95_ms"] for v in lat.values()), default=0.0)
        runs[label] = {
            "worst_p95_ms": worst,
            "p95_ok": worst < P95_TARGET_MS,
            "latency": lat,
            "throughput": thr,
        }
        for t in thr:
            print(f"{t['url']:60s} {t['requests_per_s']} req/s", flush=True)
    summary = {
        "claims": args.claims,
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
        "workers": args.workers,
        "requests_per_endpoint": args.requests,
        "p95_target_ms": P95_TARGET_MS,
        "rps_target": RPS_TARGET,
        "runs": runs,
    }
    print(json.dumps(summary, indent=1))
    if not args.db:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
