"""Archive-scale benchmark (issue 16): every stage's cost and how it grows with the archive.

For each size N (documents) and each setup (SQLite with 1 worker; PostgreSQL with 1 and
2 workers when ``--pg`` names a server whose user may create databases):

1. generates N documents once (``bench_check``'s generator: ten countries, years
   2017-2026, seven measures, targets with deadlines, restated figures, 2% of them
   contradicted; ``--figures`` per document) between prose, as files with a metadata
   header;
2. ``ingest``: ``pipeline.ingest`` of the directory into a fresh ledger;
3. ``check``: ``run_checks`` as the CLI runs it, timed part by part: loading and linking,
   then each checker (contradiction, arithmetic, feasibility, promise, official), then
   storing the findings;
4. ``web``: a few JSON endpoints through the ASGI app (in process, cache off), ``--requests``
   each after a warm-up.

Every stage runs in a fresh child process, so its peak memory is its own: CPU time is the
child's plus its worker processes' (sampled every 0.1 s with psutil; the PostgreSQL
server's own CPU is not counted, its wall time is); memory is the peak resident set of
the child and its workers together.  The growth exponent ``k`` of each stage is the
least-squares slope of log(CPU seconds) against log(N) (1 = linear, 2 = quadratic); the
ratio of 2 workers to 1 compares ingest throughput in documents per wall second.

    python benchmarks/bench_scale.py                           # SQLite, 250/500/1000 documents
    python benchmarks/bench_scale.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    python benchmarks/bench_scale.py --sizes 10000 50000 200000 --pg ...   # the issue's sizes

Prints one JSON line per measurement and a table and a JSON summary last.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date as Date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

#: The reference date of ``check`` (promise deadlines): fixed, so runs compare.
NOW = Date(2026, 12, 1)
#: JSON endpoints queried by the web stage (each with ``--requests`` requests).
ENDPOINTS = (
    "/index.json",
    "/claims.json",
    "/claims.json?kind=target",
    "/claims.json?q=exports",
    "/indicators.json",
    "/promises.json",
    "/findings.json",
    "/documents.json",
)
#: How often the sampler reads the CPU and memory of the stage's processes.
SAMPLE_S = 0.1


# -- the documents ------------------------------------------------------------------------


def generate(root: Path, n: int, figures: int, seed: int = 16) -> int:
    """Write ``n`` documents under ``root``; return their total size in bytes.  Each has
    ``figures`` figure sentences (``bench_check``'s generator) between prose sentences
    (``bench_ingest``'s), about 3 KB in all.  Document ``i`` is the same whatever ``n``: a
    larger archive extends a smaller one."""
    from bench_check import COUNTRIES, _doc_text
    from bench_ingest import _FILLER

    total = 0
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        country = rng.choice(COUNTRIES)
        year = rng.randint(2020, 2026)
        published = Date(year, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
        paras = []
        for _ in range(max(1, figures // 3)):
            prose = " ".join(rng.sample(_FILLER, 4))
            paras.append(f"{prose} {_doc_text(rng, country, year, 3)} {rng.choice(_FILLER)}")
        raw = (
            f"title: {country} statement {i}\ndate: {published}\nsource: Ministry of Economy of {country}\n"
            "---\n" + "\n\n".join(paras) + "\n"
        )
        (root / f"{i:07}.txt").write_text(raw, encoding="utf-8")
        total += len(raw.encode())
    return total


# -- measuring a stage (in the child) ------------------------------------------------------


class Sampler:
    """CPU seconds and peak resident memory of this process and its descendants (worker
    processes, a local Dask cluster), sampled every ``SAMPLE_S`` in a thread."""

    def __init__(self, server: int | None = None) -> None:
        import psutil

        self._me = psutil.Process()
        self._server = psutil.Process(server) if server else None  # a PostgreSQL postmaster
        self._server_cpu: dict[int, float] = {}
        self._cpu: dict[int, float] = {}  # the last CPU time seen per descendant
        self.peak_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(SAMPLE_S)

    def sample(self) -> None:
        import psutil

        rss = 0
        for p in [self._me, *self._me.children(recursive=True)]:
            try:
                with p.oneshot():
                    rss += p.memory_info().rss
                    if p.pid != self._me.pid:
                        t = p.cpu_times()
                        self._cpu[p.pid] = t.user + t.system
            except psutil.Error:  # gone between listing and reading
                continue
        self.peak_rss = max(self.peak_rss, rss)
        if self._server is not None:
            for p in [self._server, *self._server.children()]:
                try:
                    t = p.cpu_times()
                except psutil.Error:
                    continue
                self._server_cpu[p.pid] = t.user + t.system

    @property
    def children_cpu(self) -> float:
        return sum(self._cpu.values())

    @property
    def server_cpu(self) -> float:
        return sum(self._server_cpu.values())

    def __enter__(self) -> Sampler:
        self.sample()
        self._base = dict(self._cpu)  # processes alive before the stage (none, usually)
        self._server_base = dict(self._server_cpu)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.sample()
        self._stop.set()
        self._thread.join()
        for pid, t in self._base.items():
            self._cpu[pid] = self._cpu.get(pid, t) - t
        for pid, t in self._server_base.items():
            self._server_cpu[pid] = self._server_cpu.get(pid, t) - t


@contextmanager
def measured(out: dict[str, Any], key: str, db: str) -> Iterator[None]:
    """Time the block into ``out``: ``<key>_cpu_s`` (this process + descendants),
    ``<key>_wall_s``, ``<key>_peak_mb`` and, on PostgreSQL, ``<key>_server_cpu_s`` (the
    server's processes: the bench's server must serve nobody else)."""
    with Sampler(_postmaster(db)) as s:
        c0, w0 = time.process_time(), time.perf_counter()
        yield
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    out[f"{key}_cpu_s"] = round(cpu + s.children_cpu, 3)
    out[f"{key}_wall_s"] = round(wall, 3)
    out[f"{key}_peak_mb"] = round(s.peak_rss / 2**20, 1)
    if db.startswith("postgresql"):
        out[f"{key}_server_cpu_s"] = round(s.server_cpu, 3)


def _postmaster(db: str) -> int | None:
    """The pid of the PostgreSQL server of ``db`` when it runs on this machine."""
    if not db.startswith("postgresql"):
        return None
    import psutil
    from sqlalchemy import create_engine, text

    eng = create_engine(db)
    with eng.connect() as conn:
        backend = int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())
    try:
        parent = psutil.Process(backend).parent()
    except psutil.Error:
        return None
    finally:
        eng.dispose()
    return parent.pid if parent is not None else None


def stage_ingest(db: str, root: Path, workers: int, dask: str | None) -> dict[str, Any]:
    from claimledger import extract
    from claimledger.ledger import Ledger
    from claimledger.pipeline import ingest

    extract(next(root.iterdir()).read_text(encoding="utf-8"))  # lexicons and patterns load once
    out: dict[str, Any] = {}
    with Ledger(db) as led, measured(out, "ingest", db):
        s = ingest(led, [str(root)], workers=workers, dask=dask)
    out.update(documents=s.ingested, claims=s.claims, failed=s.failed)
    return out


def stage_check(db: str) -> dict[str, Any]:
    """``run_checks`` as the CLI runs it, timed part by part."""
    from bench_check import build

    from claimledger import ledger
    from claimledger.checks import CHECKERS, context_from_records, load_context, run_context, store_findings

    run_context(context_from_records(*build(300), NOW))  # the linker's and checkers' tables load once
    out: dict[str, Any] = {}
    engine = ledger.open_engine(db)
    try:
        with measured(out, "check", db), ledger.write_transaction(engine) as conn:
            c0 = time.process_time()
            ctx = load_context(conn, NOW)
            out["check_link_cpu_s"] = round(time.process_time() - c0, 3)
            found = []
            for checker in CHECKERS:
                c0 = time.process_time()
                bound = checker.bind(conn, ctx) if hasattr(checker, "bind") else checker
                found.extend(run_context(ctx, [bound]))
                name = checker.name.split(".")[1]
                out[f"check_{name}_cpu_s"] = round(time.process_time() - c0, 3)
            c0 = time.process_time()
            found = list({f.id: f for f in found}.values())
            store_findings(conn, found, [c.name for c in CHECKERS])
            out["check_store_cpu_s"] = round(time.process_time() - c0, 3)
        out["findings"] = len(found)
    finally:
        engine.dispose()
    return out


def stage_web(db: str, requests: int) -> dict[str, Any]:
    os.environ["CLAIMLEDGER_WEB_CACHE"] = "0"  # uncached: every request reads the ledger
    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    out: dict[str, Any] = {}
    with TestClient(create_app(db)) as client:
        for path in ENDPOINTS:
            client.get(path).raise_for_status()  # warm-up: imports, templates, the pool
        lat: dict[str, list[float]] = {p: [] for p in ENDPOINTS}
        with measured(out, "web", db):
            for _ in range(requests):
                for path in ENDPOINTS:
                    t0 = time.perf_counter()
                    client.get(path).raise_for_status()
                    lat[path].append((time.perf_counter() - t0) * 1000)
    out["web_p95_ms"] = {p: round(_p95(v), 1) for p, v in lat.items()}
    return out


def stage_writer(db: str, root: Path, batch: int) -> dict[str, Any]:
    """The writer's CPU per document against extraction's, in one process: extract every
    document of ``root`` (timed), then store them one transaction per document
    (``store_document``, the single writer's way) into ``db``, or in batches of ``batch``
    (``store_documents``: COPY on PostgreSQL) when ``batch`` > 1."""
    from claimledger import extract
    from claimledger.extract.pipeline import EXTRACTOR
    from claimledger.ingest.metadata import split_header
    from claimledger.ledger import Ledger
    from claimledger.models import Document
    from claimledger.pipeline import extract_document

    paths = sorted(root.iterdir())
    extract(paths[0].read_text(encoding="utf-8"))  # warm-up
    docs = []
    for p in paths:
        meta, body = split_header(p.read_text(encoding="utf-8"))
        docs.append(Document(text=body, id=str(p), published=meta.get("published"), title=meta.get("title")))
    out: dict[str, Any] = {"batch": batch}
    with measured(out, "extract", db):
        found = [(d, extract_document(d)) for d in docs]
    with Ledger(db) as led, measured(out, "write", db):
        if batch <= 1:
            for d, cs in found:
                led.store_document(d, cs, extractor=EXTRACTOR)
        else:
            for i in range(0, len(found), batch):
                led.store_documents(found[i : i + batch], extractor=EXTRACTOR)
    out["writer_share_of_extract"] = round(out["write_cpu_s"] / out["extract_cpu_s"], 3)
    if "write_server_cpu_s" in out:
        out["writer_and_server_share"] = round(
            (out["write_cpu_s"] + out["write_server_cpu_s"]) / out["extract_cpu_s"], 3
        )
    return out


def _p95(values: list[float]) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, math.ceil(0.95 * len(s)) - 1)]


def db_size_mb(db: str) -> float:
    from sqlalchemy import create_engine, text

    if db.startswith("postgresql"):
        eng = create_engine(db)
        with eng.connect() as conn:
            n = int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
        eng.dispose()
        return round(n / 2**20, 1)
    import sqlite3

    path = db.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return round(os.path.getsize(path) / 2**20, 1)


# -- the orchestrator ---------------------------------------------------------------------


def child(args: list[str]) -> dict[str, Any]:
    """Run one stage in a fresh interpreter; its JSON result."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    res = subprocess.run(
        [sys.executable, __file__, "--stage", *args], capture_output=True, text=True, env=env, check=False
    )
    if res.returncode != 0:
        raise SystemExit(f"stage {args[0]} failed:\n{res.stderr[-3000:]}")
    return dict(json.loads(res.stdout.strip().splitlines()[-1]))


@contextmanager
def pg_database(admin_url: str, name: str) -> Iterator[str]:
    """A fresh database ``name`` on the server of ``admin_url``, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run_setup(db: str, root: Path, workers: int, dask: str | None, requests: int) -> dict[str, Any]:
    row: dict[str, Any] = {}
    ingest_args = ["ingest", db, str(root), str(workers)] + ([dask] if dask else [])
    row.update(child(ingest_args))
    row["db_mb"] = db_size_mb(db)
    row.update(child(["check", db]))
    row.update(child(["web", db, str(requests)]))
    return row


def slope(xs: list[float], ys: list[float]) -> float | None:
    """Least-squares slope of log(y) on log(x); None with fewer than two usable points."""
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    den = sum((p[0] - mx) ** 2 for p in pts)
    return round(sum((p[0] - mx) * (p[1] - my) for p in pts) / den, 2) if den else None


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Growth exponents per setup and stage, and the 2-workers-to-1 ratios."""
    stages = sorted({k.removesuffix("_cpu_s") for r in rows for k in r if k.endswith("_cpu_s")})
    out: dict[str, Any] = {"exponents": {}, "ratios": {}}
    for setup in sorted({r["setup"] for r in rows}):
        mine = sorted((r for r in rows if r["setup"] == setup), key=lambda r: r["n"])
        xs = [float(r["n"]) for r in mine]
        out["exponents"][setup] = {
            s: slope(xs, [float(r.get(f"{s}_cpu_s", 0)) for r in mine]) for s in stages
        }
        out["exponents"][setup]["ingest_wall"] = slope(xs, [float(r["ingest_wall_s"]) for r in mine])
        out["exponents"][setup]["ingest_peak_mb"] = slope(xs, [float(r["ingest_peak_mb"]) for r in mine])
        out["exponents"][setup]["check_peak_mb"] = slope(xs, [float(r["check_peak_mb"]) for r in mine])
    for one in {r["setup"] for r in rows if r["setup"].endswith("-w1")}:
        two = one.removesuffix("-w1") + "-w2"
        for r1 in (r for r in rows if r["setup"] == one):
            r2 = next((r for r in rows if r["setup"] == two and r["n"] == r1["n"]), None)
            if r2 is not None:
                out["ratios"][f"{two}/{one} n={r1['n']}"] = {
                    "ingest_throughput": round(r1["ingest_wall_s"] / r2["ingest_wall_s"], 2),
                    "ingest_cpu": round(r2["ingest_cpu_s"] / r1["ingest_cpu_s"], 2),
                }
    return out


def table(rows: list[dict[str, Any]]) -> str:
    cols = [
        ("setup", "setup"), ("n", "docs"), ("claims", "claims"), ("ingest_cpu_s", "ingest cpu s"),
        ("ingest_wall_s", "ingest wall s"), ("ingest_peak_mb", "ingest MB"), ("db_mb", "db MB"),
        ("check_cpu_s", "check cpu s"), ("check_link_cpu_s", "link"), ("check_contradiction_cpu_s", "contra"),
        ("check_arithmetic_cpu_s", "arith"), ("check_feasibility_cpu_s", "feas"),
        ("check_promise_cpu_s", "promise"), ("check_official_cpu_s", "official"),
        ("check_store_cpu_s", "store"), ("check_peak_mb", "check MB"), ("web_cpu_s", "web cpu s"),
        ("web_peak_mb", "web MB"), ("ingest_server_cpu_s", "ingest server cpu s"),
    ]  # fmt: skip
    lines = ["| " + " | ".join(h for _, h in cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        lines.append("| " + " | ".join(str(r.get(k, "")) for k, _ in cols) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    ap.add_argument("--figures", type=int, default=12, help="figure sentences per document")
    ap.add_argument("--pg", help="SQLAlchemy URL of a PostgreSQL server whose user may create databases")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="PostgreSQL ingest workers")
    ap.add_argument("--dask", help="ingest on Dask: a scheduler address, or 'local'")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--requests", type=int, default=10, help="requests per endpoint in the web stage")
    ap.add_argument(
        "--writer", action="store_true",
        help="only compare the writer's CPU per document with extraction's, at the largest size",
    )  # fmt: skip
    ap.add_argument("--stage", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage:
        return _stage(args.stage)
    if args.writer:
        return writer_only(args)
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    rows: list[dict[str, Any]] = []
    try:
        for n in sorted(args.sizes):
            root = tmp / f"docs-{n}"
            root.mkdir()
            size = generate(root, n, args.figures)
            setups: list[tuple[str, Callable[[], Any], int]] = []
            if not args.no_sqlite:
                setups.append(("sqlite-w1", lambda n=n: _sqlite(tmp, n), 1))
            if args.pg:
                for w in args.workers:
                    setups.append(
                        (f"pg-w{w}", lambda n=n, w=w: pg_database(args.pg, f"bench_scale_{n}_{w}"), w)
                    )
            for name, make, w in setups:
                with make() as db:
                    row = {
                        "setup": name,
                        "n": n,
                        "bytes": size,
                        **run_setup(db, root, w, args.dask, args.requests),
                    }
                rows.append(row)
                print(json.dumps(row), flush=True)
            shutil.rmtree(root)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(table(rows))
    print(json.dumps({"rows": rows, **summarise(rows)}))
    return 0


def writer_only(args: argparse.Namespace) -> int:
    """``--writer``: the writer's CPU per document, per database and way of writing."""
    from claimledger.pipeline._ingest import WRITER_BATCH

    n = max(args.sizes)
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    rows = []
    try:
        root = tmp / "docs"
        root.mkdir()
        generate(root, n, args.figures)
        ways: list[tuple[str, Callable[[], Any], int]] = []
        if not args.no_sqlite:
            ways.append(("sqlite", lambda: _sqlite(tmp, n), 1))
        if args.pg:
            ways.append(("pg-one-per-transaction", lambda: pg_database(args.pg, "bench_scale_w1"), 1))
            ways.append(("pg-batch-copy", lambda: pg_database(args.pg, "bench_scale_wb"), WRITER_BATCH))
        for name, make, batch in ways:
            with make() as db:
                row = {"writer": name, "n": n, **child(["writer", db, str(root), str(batch)])}
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


@contextmanager
def _sqlite(tmp: Path, n: int) -> Iterator[str]:
    path = tmp / f"ledger-{n}.db"
    try:
        yield f"sqlite:///{path}"
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _stage(argv: list[str]) -> int:
    what = argv[0]
    if what == "ingest":
        out = stage_ingest(argv[1], Path(argv[2]), int(argv[3]), argv[4] if len(argv) > 4 else None)
    elif what == "writer":
        out = stage_writer(argv[1], Path(argv[2]), int(argv[3]))
    elif what == "check":
        out = stage_check(argv[1])
    else:
        out = stage_web(argv[1], int(argv[2]))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
