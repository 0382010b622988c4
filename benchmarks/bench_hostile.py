"""Hostile inputs against ingest: time and peak memory of the worst case of each family,
next to a normal document of the same size, and their ratios.

Families (generators in ``tests/fixtures/hostile.py``): a DOCX zip bomb (text, and
markup only), a huge HTML page (scripts and styles, flat blocks, plain paragraphs), a huge
honest DOCX, UTF-32 text, one long line.  Each case runs in a fresh process that reads the
file through ``claimledger.ingest.load`` (sniff + reader) and, with ``--extract``, the
extractor too; the parent records wall time, CPU time and the child's peak resident set.

    .venv/bin/python benchmarks/bench_hostile.py                 # every case, this tree
    .venv/bin/python benchmarks/bench_hostile.py --quick         # smaller inputs
    .venv/bin/python benchmarks/bench_hostile.py --src OLD/src   # another tree (before/after)
    .venv/bin/python benchmarks/bench_hostile.py --case docx-bomb-250MB

A case that runs past ``--timeout`` seconds (default 120) is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import hostile  # noqa: E402

MB = 1 << 20


def _normal_docx(size: int) -> bytes:
    """A DOCX of honest prose whose file is about ``size`` bytes (prose compresses ~3x)."""
    return hostile.docx_document(hostile.prose(size * 3))


def cases(quick: bool) -> dict[str, tuple[str, Callable[[], bytes], str]]:
    """name -> (family, generator, file name); a normal twin follows each hostile case."""
    k = 1 if quick else 5
    bomb = 50 * MB if quick else 250 * MB
    html = 10 * MB
    return {
        f"docx-bomb-{bomb // MB}MB": ("zip bomb", lambda: hostile.docx_bomb(bomb), "bomb.docx"),
        f"docx-markup-bomb-{bomb // MB}MB": (
            "zip bomb",
            lambda: hostile.docx_bomb(bomb, text=False),
            "markup.docx",
        ),
        "docx-normal-same-file-size": (
            "zip bomb",
            lambda: _normal_docx(len(hostile.docx_bomb(bomb))),
            "n.docx",
        ),
        f"html-scripts-{10 * k}MB": ("huge HTML", lambda: hostile.html_scripts(10 * k * MB), "s.html"),
        f"html-flat-{html // MB}MB": ("huge HTML", lambda: hostile.html_flat(html), "f.html"),
        f"html-paragraphs-{html // MB}MB": ("huge HTML", lambda: hostile.html_normal(html), "p.html"),
        "html-normal-100KB": ("huge HTML", lambda: hostile.html_normal(100_000), "n.html"),
        f"docx-text-{4 * k}MB": (
            "huge DOCX",
            lambda: hostile.docx_document(hostile.prose(4 * k * MB)),
            "t.docx",
        ),
        "docx-text-over-budget-20MB": (
            "huge DOCX",
            lambda: hostile.docx_document(hostile.prose(20 * MB)),
            "o.docx",
        ),
        f"utf32-{2 * k}MB-text": (
            "UTF-32",
            lambda: ("\ufeff" + hostile.prose(2 * k * MB)).encode("utf-32-le"),
            "u.txt",
        ),
        f"utf8-{8 * k}MB-same-bytes": ("UTF-32", lambda: hostile.prose(8 * k * MB).encode(), "n.txt"),
        f"long-line-{k}MB": ("long line", lambda: hostile.long_line(k * MB), "l.txt"),
        f"prose-{k}MB": ("long line", lambda: hostile.prose(k * MB).encode(), "p.txt"),
    }


def _child(path: str, extract: bool) -> None:
    """Runs in the measured process: load (and extract) one file, print what came out."""
    from claimledger.errors import InputError
    from claimledger.ingest import IngestOptions, Source, load

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    outcome: list[str] = []
    for item in load(Source(path, "file"), IngestOptions()):
        if isinstance(item, InputError):
            outcome.append(item.code)
            continue
        outcome.append(f"{len(item.text)} chars")
        if extract:
            from claimledger.extract import extract as run_extract

            outcome[-1] += f", {len(run_extract(item.text, item.published))} claims"
    result = {
        "wall": time.perf_counter() - t0,
        "cpu": time.process_time() - c0,
        "outcome": "; ".join(outcome),
        "rss_base_mb": base / 1024,
        "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(result))


def measure(path: Path, src: Path, extract: bool, timeout: float) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, __file__, "--child", str(path)] + (["--extract"] if extract else [])
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"wall": None, "outcome": f"stopped after {timeout:g} s"}
    if done.returncode != 0:
        return {"wall": None, "outcome": f"exit {done.returncode}: {done.stderr.strip()[-200:]}"}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _fmt(r: dict[str, object]) -> tuple[str, str, str]:
    if r.get("wall") is None:
        return "-", "-", str(r["outcome"])
    return f"{r['wall']:.2f}", f"{r['rss_peak_mb']:.0f}", str(r["outcome"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller inputs (a 50 MB bomb, 5 MB pages)")
    ap.add_argument(
        "--src", type=Path, default=ROOT / "src", help="the src/ directory of the tree to measure"
    )
    ap.add_argument("--case", action="append", help="run only this case (repeatable)")
    ap.add_argument("--extract", action="store_true", help="also run the extractor on each document")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is stopped")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child, args.extract)
        return
    table = cases(args.quick)
    names = args.case or list(table)
    results: dict[str, dict[str, object]] = {}
    print(f"{'case':34} {'family':10} {'input':>9} {'wall s':>8} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            family, make, fname = table[name]
            path = Path(tmp) / fname
            data = make()
            path.write_bytes(data)
            del data
            r = measure(path, args.src, args.extract, args.timeout)
            r.update(family=family, input_bytes=path.stat().st_size)
            results[name] = r
            wall, peak, outcome = _fmt(r)
            size = f"{path.stat().st_size / MB:.2f}MB"
            print(f"{name:34} {family:10} {size:>9} {wall:>8} {peak:>8}  {outcome}", flush=True)
            path.unlink()
    _ratios(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _ratios(results: dict[str, dict[str, object]]) -> None:
    """Each hostile case against the normal twin of its family (the case marked normal/same)."""
    print("\nratios to the family's normal document (time, peak memory):")
    twins = {
        r["family"]: (n, r)
        for n, r in results.items()
        if ("normal" in n or "same" in n or n.startswith("prose")) and r.get("wall") is not None
    }
    for name, r in results.items():
        fam = r["family"]
        if fam not in twins or twins[fam][0] == name or r.get("wall") is None:
            continue
        tn, t = twins[fam]
        wall, twall = float(r["wall"]), float(t["wall"])  # type: ignore[arg-type]
        peak, tpeak = float(r["rss_peak_mb"]), float(t["rss_peak_mb"])  # type: ignore[arg-type]
        print(f"  {name:34} vs {tn:28} time x{wall / max(twall, 1e-3):.1f}  memory x{peak / tpeak:.2f}")


if __name__ == "__main__":
    main()
