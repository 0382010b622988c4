"""Extraction throughput of two revisions side by side, in alternating rounds (issue 10).

Issue 10's speed bar: the frame must not cost more than 25% of the extraction throughput
of the version before it, measured in the same run.  This script times
``claimledger.extract.extract`` of two revisions on the same texts:

- ``--base REV`` (default ``1b3a097``) is exported with ``git archive REV src`` into a
  temporary directory; ``--head REV`` likewise, or, by default, this working tree's
  ``src/`` as it is (uncommitted changes included).
- Each round runs one fresh ``python -c`` subprocess per revision with
  ``PYTHONPATH=<its src>``; the order alternates (base first in rounds 1, 3, 5..., head first
  in the others), so a change in the machine's load hits both sides alike.
- In each subprocess: import, a warm-up ``extract`` of the first 20,000 characters, then
  the CPU time (``time.process_time``, one core) of ``extract`` over each workload:
  ``news``: ``--mb`` MB of the seeded news-like text of ``bench_extract.news_text`` (the
  same text for both revisions, written once to a temporary file);
  ``realtext``: the ``text`` field of every record in ``tests/gold/realtext_*.jsonl``, if
  present, one ``extract`` per record (nothing else is read from those files, and no text
  is printed).
- Reported: MB/s per round for both sides, min/median/max per side, the head/base ratio
  of the medians and the per-round paired ratios (min/median/max); the last line is JSON.

Usage::

    python benchmarks/bench_versions.py                       # base 1b3a097, head = this tree
    python benchmarks/bench_versions.py --rounds 5 --mb 1
    python benchmarks/bench_versions.py --base main~3 --head main

The machine is shared and noisy: read single rounds as +-10-20%, and the paired ratios'
median as the figure.  Both sides use the same date (2025-01-15) for every text.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_extract import news_text  # noqa: E402

DEFAULT_BASE = "1b3a097"  # start of the 2026-12-08 session
REALTEXT = sorted((ROOT / "tests" / "gold").glob("realtext_*.jsonl"))
DATE = "2025-01-15"
WARMUP_CHARS = 20_000

#: Run in each subprocess: argv = [news file, realtext file or ""]; prints one JSON line.
CHILD = f"""
import json, sys, time
from claimledger.extract import extract
news = open(sys.argv[1], encoding="utf-8").read()
real = json.load(open(sys.argv[2], encoding="utf-8")) if sys.argv[2] else []
extract(news[:{WARMUP_CHARS}], {DATE!r}, source="warm")
out = {{"module": sys.modules["claimledger.extract"].__file__}}
def timed(texts):
    n = 0
    c0, w0 = time.process_time(), time.perf_counter()
    for i, t in enumerate(texts):
        n += len(extract(t, {DATE!r}, source="t%d" % i))
    c1, w1 = time.process_time(), time.perf_counter()
    return {{"cpu": c1 - c0, "wall": w1 - w0, "claims": n,
             "bytes": sum(len(t.encode("utf-8")) for t in texts)}}
out["news"] = timed([news])
if real:
    out["realtext"] = timed(real)
print(json.dumps(out))
"""


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def export(rev: str, into: Path) -> Path:
    """``git archive REV src | tar -x -C into``; returns ``into/src``."""
    into.mkdir(parents=True)
    archive = subprocess.Popen(["git", "archive", rev, "src"], cwd=ROOT, stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(into)], stdin=archive.stdout, check=True)
    assert archive.stdout is not None
    archive.stdout.close()
    if archive.wait() != 0:
        sys.exit(f"git archive {rev} failed")
    return into / "src"


def realtext_texts() -> list[str]:
    """The ``text`` field of each real-text record (never printed)."""
    texts: list[str] = []
    for path in REALTEXT:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def run_one(src: Path, news_file: Path, real_file: Path | None) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    args = [sys.executable, "-c", CHILD, str(news_file), str(real_file) if real_file else ""]
    proc = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"subprocess for {src} failed:\n{proc.stderr[-2000:]}")
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    if not Path(out["module"]).resolve().is_relative_to(src.resolve()):
        sys.exit(f"imported {out['module']}, not the code under {src}")
    return out


def spread(values: list[float]) -> dict[str, float]:
    return {
        "min": round(min(values), 4),
        "median": round(statistics.median(values), 4),
        "max": round(max(values), 4),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default=DEFAULT_BASE, help=f"base revision (default {DEFAULT_BASE})")
    ap.add_argument("--head", default=None, help="head revision (default: this working tree as it is)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--mb", type=float, default=1.0, help="MB of generated news-like text")
    ap.add_argument("--no-realtext", action="store_true", help="only the generated text")
    args = ap.parse_args()

    base_sha = git("rev-parse", "--short", "--verify", f"{args.base}^{{commit}}")
    if args.head:
        head_label = git("rev-parse", "--short", "--verify", f"{args.head}^{{commit}}")
    else:
        dirty = bool(git("status", "--porcelain", "--", "src"))
        head_label = f"working tree at {git('rev-parse', '--short', 'HEAD')}"
        head_label += " + changes" if dirty else ""

    tmp = Path(tempfile.mkdtemp(prefix="bench_versions_"))
    try:
        base_src = export(base_sha, tmp / "base")
        head_src = export(head_label, tmp / "head") if args.head else ROOT / "src"
        news_file = tmp / "news.txt"
        news_file.write_text(news_text(int(args.mb * 1_000_000)), encoding="utf-8")
        real_file: Path | None = None
        texts = [] if args.no_realtext else realtext_texts()
        if texts:
            real_file = tmp / "realtext.json"
            real_file.write_text(json.dumps(texts), encoding="utf-8")
        sides = {"base": base_src, "head": head_src}
        print(f"base: {base_sha}   head: {head_label}   rounds: {args.rounds}   (CPU time, MB/s per core)")

        rates: dict[str, dict[str, list[float]]] = {}
        claims: dict[str, dict[str, int]] = {}
        sizes: dict[str, int] = {}
        for rnd in range(args.rounds):
            order = ["base", "head"] if rnd % 2 == 0 else ["head", "base"]
            got = {side: run_one(sides[side], news_file, real_file) for side in order}
            cells = []
            for work in ("news", "realtext"):
                if work not in got["base"]:
                    continue
                for side in ("base", "head"):
                    m = got[side][work]
                    mbps = m["bytes"] / m["cpu"] / 1e6
                    rates.setdefault(work, {}).setdefault(side, []).append(mbps)
                    claims.setdefault(work, {})[side] = m["claims"]
                    sizes[work] = m["bytes"]
                b, h = rates[work]["base"][-1], rates[work]["head"][-1]
                cells.append(f"{work}: base {b:.3f}  head {h:.3f}  head/base {h / b:.3f}")
            print(f"round {rnd + 1} ({order[0]} first)  " + "   ".join(cells), flush=True)

        summary: dict[str, Any] = {"base": base_sha, "head": head_label, "rounds": args.rounds}
        for work, by_side in rates.items():
            paired = [h / b for b, h in zip(by_side["base"], by_side["head"], strict=True)]
            med_b, med_h = statistics.median(by_side["base"]), statistics.median(by_side["head"])
            summary[work] = {
                "bytes": sizes[work],
                "base_MBps": spread(by_side["base"]),
                "head_MBps": spread(by_side["head"]),
                "ratio_of_medians": round(med_h / med_b, 4),
                "paired_ratio": spread(paired),
                "claims": claims[work],
            }
            s = summary[work]
            print(
                f"{work} ({sizes[work] / 1e6:.2f} MB; claims base {claims[work]['base']}, "
                f"head {claims[work]['head']}): base {s['base_MBps']['min']:.3f}/"
                f"{s['base_MBps']['median']:.3f}/{s['base_MBps']['max']:.3f}  head "
                f"{s['head_MBps']['min']:.3f}/{s['head_MBps']['median']:.3f}/{s['head_MBps']['max']:.3f}"
                f" MB/s (min/median/max); head/base: {s['ratio_of_medians']:.3f} of medians, paired "
                f"{s['paired_ratio']['min']:.3f}/{s['paired_ratio']['median']:.3f}/{s['paired_ratio']['max']:.3f}"
            )
        print(json.dumps(summary))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
