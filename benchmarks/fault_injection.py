"""Fault injection: ingest under faults, then check the ledger equals a clean run's.

Rounds (each on a fresh ledger, over the same generated corpus):

1. ``kills``: ``claimledger ingest`` is SIGKILLed at random moments (20 times by default,
   seeded), then run to the end.  SQLite commits one document per transaction, so every
   restart stores what is missing and reports the rest as duplicates.
2. ``postgres`` (with ``--pg-url``): the server is crash-stopped 3 times during an ingest
   (``pg_ctl stop -m immediate`` when ``--pg-data`` names its data directory, and
   restarted a few seconds later; without it every backend of the database is terminated,
   the nearest a client can get).  ``ingest`` retries while the connection is lost (E024)
   and is run again if it stopped.
3. ``disk-full`` (root only): the ledger lives on a tmpfs too small for it.  Every failure
   must be coded (no traceback), the partial ledger must pass ``doctor``, and the run,
   repeated on a roomy disk from a ``backup`` of it, must complete it.
4. ``corruption``: bytes of a finished ledger are flipped.  Every command must answer E025
   (no traceback) and ``doctor`` must fail; the ledger restored from a ``backup`` taken
   before, then ingested again, must equal the clean run.

"Equal" compares ``export --format jsonl`` (claims with content-derived ids) and ``docs
--format jsonl`` without database ids and timestamps, sorted.

    .venv/bin/python benchmarks/fault_injection.py                        # SQLite rounds
    .venv/bin/python benchmarks/fault_injection.py --kills 5 --docs 20    # quicker
    .venv/bin/python benchmarks/fault_injection.py --pg-url postgresql+psycopg://u@host:port/db \\
        --pg-data /path/to/data                                            # + PostgreSQL
    .venv/bin/python benchmarks/fault_injection.py --only corruption

Exit status 1 when any round fails; a round that cannot run here (no root, no server)
says why and is skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_extract import news_text  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200"}


class Skip(Exception):
    """This round cannot run here; the message says why."""


def cli(*args: str, db: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "claimledger.cli", *args, "--db", db]
    done = subprocess.run(cmd, env=ENV, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-500:]}")
    return done


def make_corpus(folder: Path, n: int, size: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"statement-{i:03d}.txt").write_text(news_text(size, seed=1000 + i), encoding="utf-8")
    return folder


def canonical(db: str) -> list[str]:
    """The ledger's content without database ids and timestamps, sorted."""
    claims = cli("export", "--format", "jsonl", db=db, check=True).stdout.splitlines()
    docs = []
    for line in cli("docs", "--format", "jsonl", db=db, check=True).stdout.splitlines():
        d = json.loads(line)
        for volatile in ("id", "ingested_at"):
            d.pop(volatile, None)
        docs.append(json.dumps(d, sort_keys=True))
    return sorted(docs) + sorted(claims)


def differs(got: list[str], want: list[str]) -> str:
    """What differs between two canonical forms (empty when they are equal)."""
    if got == want:
        return ""
    missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
    return f"{len(got)} lines, {len(want)} expected; missing {missing[:2]}; extra {extra[:2]}"[:1500]


def coded(done: subprocess.CompletedProcess[str]) -> bool:
    """A failure a user can act on: exit 1, a [Exxx] code, no traceback."""
    return done.returncode == 1 and "[E0" in done.stderr and "Traceback" not in done.stderr


# -- rounds ---------------------------------------------------------------------------------


def round_kills(corpus: Path, tmp: Path, reference: list[str], kills: int, seed: int) -> str:
    db = str(tmp / "killed.db")
    rnd = random.Random(seed)
    cmd = [sys.executable, "-m", "claimledger.cli", "ingest", str(corpus), "--db", db]
    t0 = time.perf_counter()
    subprocess.run(cmd, env=ENV, capture_output=True, check=False)  # how long one run takes
    whole = time.perf_counter() - t0
    os.remove(db)
    done_kills = 0
    while done_kills < kills:
        proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0.2, max(0.3, whole)))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            done_kills += 1
        else:
            os.remove(db)  # finished before the kill: start over, or the kills test nothing
            for suffix in ("-wal", "-shm"):
                Path(db + suffix).unlink(missing_ok=True)
    final = cli("ingest", str(corpus), db=db)
    if final.returncode != 0:
        raise AssertionError(f"the run after {kills} kills failed: {final.stderr[-500:]}")
    if not cli("doctor", db=db).returncode == 0:
        raise AssertionError("doctor finds the killed ledger damaged")
    if canonical(db) != reference:
        raise AssertionError("the ledger differs from the clean run")
    return f"{kills} SIGKILLs, then `{final.stdout.strip()}`; equal to the clean run"


def _pg_admin(url: str) -> tuple[str, str]:
    """(libpq URL of the server's maintenance database, a fresh database name)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    name = f"fault_{os.getpid()}"
    admin = u.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    return admin, name


def _pg_crash(url: str, data: str | None) -> Callable[[], None]:
    """A function that crash-stops the server (and restarts it), or terminates backends."""
    import psycopg

    if data is None:
        admin, _ = _pg_admin(url)

        def terminate() -> None:
            with psycopg.connect(admin, autocommit=True) as c:
                c.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'"
                )

        return terminate
    owner = Path(data).owner()
    as_owner = ["runuser", "-u", owner, "--"] if os.geteuid() == 0 and owner != "root" else []
    opts = (
        Path(data, "postmaster.opts").read_text().split(None, 1)[1]
        if Path(data, "postmaster.opts").exists()
        else ""
    )
    pg_ctl = shutil.which("pg_ctl") or "pg_ctl"

    def crash() -> None:
        subprocess.run(
            [*as_owner, pg_ctl, "-D", data, "-m", "immediate", "stop"], capture_output=True, check=False
        )
        time.sleep(random.uniform(1, 4))  # down for a few seconds, like a restart
        log = str(Path(data) / "fault.log")
        start = [*as_owner, pg_ctl, "-D", data, "-w", "-l", log, "start", "-o", opts.strip()]
        subprocess.run(start, capture_output=True, check=True)

    return crash


def _wait_for_documents(libpq_url: str, timeout: float = 120.0) -> None:
    """Until the ingest has stored a document: a crash then hits a run, not its start-up."""
    import psycopg

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with psycopg.connect(libpq_url) as c:
                row = c.execute("SELECT count(*) FROM documents").fetchone()
                if row and row[0] > 0:
                    return
        except psycopg.Error:
            pass  # not created yet
        time.sleep(0.2)


def round_postgres(
    corpus: Path, reference: list[str], url: str | None, data: str | None, crashes: int
) -> str:
    if not url:
        raise Skip("no --pg-url")
    import psycopg

    admin, name = _pg_admin(url)
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')
    from sqlalchemy.engine import make_url

    db = make_url(url).set(database=name).render_as_string(hide_password=False)
    crash = _pg_crash(url, data)
    cmd = [sys.executable, "-m", "claimledger.cli", "ingest", str(corpus), "--db", db]
    runs = 0
    try:
        proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _wait_for_documents(make_url(db).set(drivername="postgresql").render_as_string(hide_password=False))
        for _ in range(crashes):
            time.sleep(random.uniform(1, 3))
            crash()
        _out, err = proc.communicate()
        runs = 1
        stopped = proc.returncode != 0
        first = err.strip().splitlines()[-1][:160] if stopped and err.strip() else "completed"
        if stopped and "Traceback" in err:
            raise AssertionError(f"ingest crashed instead of a coded error: {err[-500:]}")
        status = proc.returncode
        while status != 0 and runs < 5:  # it stopped with E024: run it again
            again = cli("ingest", str(corpus), db=db)
            runs, status = runs + 1, again.returncode
            first += f" | then: {again.stderr.strip()[-200:] or again.stdout.strip()}"
        # Once more: a server that acknowledges commits before they are durable
        # (synchronous_commit=off) loses the last ones in a crash, and this stores them again.
        last = cli("ingest", str(corpus), db=db, check=True).stdout.strip()
        with psycopg.connect(admin, autocommit=True) as c:
            settings = {
                k: str((c.execute(f"SHOW {k}").fetchone() or ("?",))[0])
                for k in ("synchronous_commit", "fsync")
            }
        lost = int(last.split("ingested ")[1].split(",")[0])
        diff = differs(canonical(db), reference)
        if diff:
            raise AssertionError(f"the ledger differs from the clean run ({first}; {runs} runs): {diff}")
        if lost and "off" not in settings["synchronous_commit"]:
            raise AssertionError(f"{lost} acknowledged document(s) were lost with synchronous_commit=on")
    finally:
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    how = "crash-stops (pg_ctl -m immediate)" if data else "terminations of every backend"
    server = ", ".join(f"{k}={v}" for k, v in settings.items())
    return (
        f"{crashes} {how} during ingest; first run: {first}; {runs} run(s) to finish; acknowledged "
        f"documents the server lost, stored again by one more run: {lost} (server: {server}); "
        "equal to the clean run"
    )


def round_disk_full(corpus: Path, tmp: Path, reference: list[str], clean_size: int) -> str:
    if os.geteuid() != 0:
        raise Skip("not root: cannot mount a small tmpfs")
    mnt = tmp / "small"
    mnt.mkdir()
    size_kb = max(256, clean_size * 2 // 5 // 1024)  # 40% of what the ledger needs
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mnt)], check=False
    ).returncode:
        raise Skip("cannot mount a tmpfs here")
    try:
        db = str(mnt / "ledger.db")
        full = cli("ingest", str(corpus), db=db)
        if full.returncode == 0:
            raise AssertionError(f"ingest into {size_kb} KB did not fail")
        if "Traceback" in full.stderr or "[E0" not in full.stderr:
            raise AssertionError(f"the disk-full failure is not coded: {full.stderr[-500:]}")
        codes = sorted(
            {line.split("]")[0].split("[")[-1] for line in full.stderr.splitlines() if "[E0" in line}
        )
        if cli("doctor", db=db).returncode != 0:
            raise AssertionError("the ledger left by a full disk is damaged")
        roomy = str(tmp / "roomy.db")
        cli("backup", roomy, db=db, check=True)
    finally:
        subprocess.run(["umount", str(mnt)], check=False)
    cli("ingest", str(corpus), db=roomy, check=True)
    if canonical(roomy) != reference:
        raise AssertionError("the ledger completed after the full disk differs from the clean run")
    return (
        f"tmpfs of {size_kb} KB: ingest failed with {', '.join(codes)}, no traceback; doctor ok; "
        "completed on a roomy disk: equal"
    )


def round_corruption(corpus: Path, tmp: Path, reference: list[str], clean: str, flips: int, seed: int) -> str:
    db = str(tmp / "corrupt.db")
    bak = str(tmp / "before.db")
    shutil.copy(clean, db)
    cli("backup", bak, db=db, check=True)
    data = bytearray(Path(db).read_bytes())
    rnd = random.Random(seed)
    for _ in range(flips):
        i = rnd.randrange(len(data) // 2, len(data))
        data[i] ^= 1 << rnd.randrange(8)
    Path(db).write_bytes(bytes(data))
    answers = {}
    for argv in (["claims"], ["docs"], ["export"], ["check"], ["ingest", str(corpus)], ["doctor"]):
        done = cli(*argv, db=db)
        answers[argv[0]] = "E025" if coded(done) and "[E025]" in done.stderr else f"exit {done.returncode}"
    bad = {k: v for k, v in answers.items() if v != "E025"}
    if bad:
        raise AssertionError(f"not every command reports the damage: {bad}")
    cli("backup", db, "--force", db=bak, check=True)  # restore over the damaged file
    cli("ingest", str(corpus), db=db, check=True)
    if canonical(db) != reference:
        raise AssertionError("the restored ledger differs from the clean run")
    return f"{flips} flipped bytes: {len(answers)} commands answered E025; restored from backup: equal"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=40, help="documents in the corpus (default 40)")
    ap.add_argument("--size", type=int, default=20_000, help="characters per document (default 20,000)")
    ap.add_argument("--kills", type=int, default=20, help="SIGKILLs in the kills round (default 20)")
    ap.add_argument("--crashes", type=int, default=3, help="PostgreSQL crash-stops (default 3)")
    ap.add_argument("--flips", type=int, default=200, help="bytes flipped in the corruption round")
    ap.add_argument("--pg-url", help="a database on a PostgreSQL server whose user may create databases")
    ap.add_argument("--pg-data", help="the server's data directory: real crash-stops with pg_ctl")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--only", choices=("kills", "postgres", "disk-full", "corruption"), action="append")
    args = ap.parse_args()
    random.seed(args.seed)
    failed = False
    with tempfile.TemporaryDirectory(prefix="claimledger-faults-") as t:
        tmp = Path(t)
        corpus = make_corpus(tmp / "corpus", args.docs, args.size)
        clean = str(tmp / "clean.db")
        t0 = time.perf_counter()
        cli("ingest", str(corpus), db=clean, check=True)
        print(f"clean run: {args.docs} documents in {time.perf_counter() - t0:.1f} s", flush=True)
        reference = canonical(clean)
        rounds: dict[str, Callable[[], str]] = {
            "kills": lambda: round_kills(corpus, tmp, reference, args.kills, args.seed),
            "postgres": lambda: round_postgres(corpus, reference, args.pg_url, args.pg_data, args.crashes),
            "disk-full": lambda: round_disk_full(corpus, tmp, reference, os.path.getsize(clean)),
            "corruption": lambda: round_corruption(corpus, tmp, reference, clean, args.flips, args.seed),
        }
        for name, run in rounds.items():
            if args.only and name not in args.only:
                continue
            t0 = time.perf_counter()
            try:
                result = f"PASS  {run()}"
            except Skip as why:
                result = f"SKIP  {why}"
            except AssertionError as e:
                result, failed = f"FAIL  {e}", True
            print(f"{name:11} {result}  ({time.perf_counter() - t0:.0f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
