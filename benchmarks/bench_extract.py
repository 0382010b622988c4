"""Extraction benchmarks: claimledger against quantulum3, side by side (issue 2).

1. Throughput: generated news-like English text (default 4 MB) through the WHOLE
   pipeline, ``claimledger.extract`` (sentences, numbers, time, kinds, subject), and the
   ``numbers`` stage alone; quantulum3's ``parser.parse`` on a slice of the same text
   (default 40 KB, it is slow), in the same process.  Reports bytes/s and the ratio.
   Target: >= 1 MB/s per core for claimledger, about 100x quantulum3.
2. Start-up: wall time of ``claimledger --help`` (median of 5 runs).  Target < 0.3 s.
3. Memory: peak traced allocation and max RSS while ``extract_stream`` runs over a
   generated 100 MB stream that is never held in memory.  Target: flat (a few MB traced,
   independent of the stream size).
4. Accuracy: peer-suite F1 for both engines with one scorer (tests/peer_eval.py).

Usage::

    python benchmarks/bench_extract.py                  # everything (a few minutes)
    python benchmarks/bench_extract.py --quick          # smaller sizes, for a smoke run
    python benchmarks/bench_extract.py --stream-mb 0    # skip the memory run
    python benchmarks/bench_extract.py --stages         # also: CPU share of each stage

The last line printed is a JSON summary, so figures can be pasted into reports unchanged.
The machine is shared: run it alone, and read the figures as orders of magnitude.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: ``--compiled``: measure the mypyc build of the engine that ``make compiled`` puts here, in
#: this same process, against the same quantulum3 (read before any claimledger import).
COMPILED = ROOT / "build" / "compiled"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
if "--compiled" in sys.argv[1:]:
    if not list((COMPILED / "claimledger" / "extract").glob("pipeline*.so")):
        sys.exit(f"no compiled engine in {COMPILED}: run `make compiled` first")
    sys.path.insert(0, str(COMPILED))

# --- news-like text ---------------------------------------------------------------------------

# Sentences with figures, in the registers of news wires, ministry releases and speeches.
_FIGURES = [
    "{org} said {noun} reached {n1:,} {unit} in {y0}, up {p1}.{d1}% from a year earlier.",
    "The government plans to raise {noun} to ${n2} billion by {y2}, the minister said.",
    "Spending on {noun} will total over {n3}.{d1} trillion {cur} in {y1}, {n3}.{d2} trillion in "
    "{y2} and {n4}.{d1} trillion in {y3}.",
    "Inflation is forecast at {p1}-{p2} percent in {y1} and {p3}% in {y2}.",
    "Nearly {n1:,} {plural} were built last year, and {n5} more are planned for {y1}.",
    "{org} expects growth of {p1}.{d2}% this year after {p3}% in {y0}.",
    "Exports of {noun} fell by a third to ${n2} million, while imports grew {p2} per cent.",
    "About {n5} {plural} will open by the end of {y1}, officials said on {month} {day}.",
    "The deficit is planned at {n3}.{d1}, {n3}.{d2} and {n4}.{d1} trillion {cur} respectively.",
    "Oil is assumed at ${n6} a barrel, and output at {n3}.{d2} million barrels per day.",
    "More than {n5} companies employ over {n1:,} people, according to {org}.",
    "The country ranks {rank}th in the index, up from {rank2}th in {y0}.",
    "Some {n7} MW of new capacity and {n1:,} km of roads are due by {y2}.",
    "The {n5}-member commission approved a {word}-year plan worth €{n8}bn.",
    "Wages rose to {n9:,} {cur} a month, {p1} percentage points above inflation.",
    "Between {n5} and {n6} {plural} are expected to close, the report said.",
]
# Sentences without figures (most of a news text), plus noise a figure finder must skip.
_FILLER = [
    "Officials met representatives of the regional authorities to discuss the programme.",
    "The statement was published after a meeting of the cabinet on Tuesday.",
    "Analysts said the outlook depended on commodity prices and on external demand.",
    "Critics argued that earlier plans had not been carried out in full.",
    "The minister answered questions from journalists after the session.",
    "Details of the financing will be announced separately, the press service said.",
    "The opposition called for a parliamentary hearing on the matter.",
    "Residents of the district complained about delays and rising costs.",
    "The agency did not comment on the reports, citing ongoing negotiations.",
    "Under Article {n5} of the law, the decision must be published within a month.",
    "Photo: IMG {y0}0{m2}{day2} WA00{n5} (press service).",
    "Earlier, the 5th World Nomad Games drew athletes from across the region.",
    "In {y0}, the programme was extended for the second time.",
    "Speaking at a press conference in the capital, the deputy prime minister said that the "
    "government remained committed to the reforms announced earlier and would keep working "
    "with business associations, regional administrations and international partners.",
    "The opposition party said the figures did not reflect the situation on the ground and "
    "asked the audit chamber to review how the money had been spent.",
    "According to the press service, the working group will present its proposals to the "
    "cabinet after consultations with experts and the public.",
    "The president also discussed cooperation in transport, energy and digital technologies "
    "with the visiting delegation.",
]
#: Share of sentences that carry figures.  Wire reports on budgets and statistics run at
#: roughly one sentence in three; the bundled statements are denser (see README).
FIGURE_SHARE = 0.33

_ORGS = ["The statistics office", "The central bank", "The finance ministry", "The IMF",
         "The agency", "The World Bank", "The national fund"]  # fmt: skip
_NOUNS = ["housing construction", "the grain harvest", "foreign investment", "oil output",
          "road repair", "electricity generation", "tourism revenue", "steel production"]  # fmt: skip
_PLURALS = ["schools", "hospitals", "apartments", "kindergartens", "bridges", "factories"]
_UNITS = ["tons", "square metres", "megawatts", "vehicles", "hectares"]
_CURS = ["tenge", "dollars", "euros", "rubles", "rupees"]
_WORDS = ["three", "five", "two", "ten"]
_MONTHS = ["January", "March", "May", "September", "November"]


def _sentence(rng: random.Random) -> str:
    tmpl = rng.choice(_FIGURES) if rng.random() < FIGURE_SHARE else rng.choice(_FILLER)
    y0 = rng.randint(2018, 2024)
    return tmpl.format(
        org=rng.choice(_ORGS), noun=rng.choice(_NOUNS), unit=rng.choice(_UNITS),
        plural=rng.choice(_PLURALS), cur=rng.choice(_CURS), word=rng.choice(_WORDS),
        month=rng.choice(_MONTHS), y0=y0, y1=y0 + 1, y2=y0 + 2, y3=y0 + 3,
        n1=rng.randint(1000, 900000), n2=rng.randint(2, 900), n3=rng.randint(1, 30),
        n4=rng.randint(1, 30), n5=rng.randint(2, 99), n6=rng.randint(40, 120),
        n7=rng.randint(100, 2000), n8=rng.randint(1, 50), n9=rng.randint(100000, 900000),
        p1=rng.randint(1, 9), p2=rng.randint(10, 19), p3=rng.randint(2, 9), d1=rng.randint(0, 9),
        d2=rng.randint(0, 9), rank=rng.randint(4, 60), rank2=rng.randint(4, 60),
        day=rng.randint(1, 28), day2=f"{rng.randint(1, 28):02d}", m2=rng.randint(1, 9),
    )  # fmt: skip


def news_text(n_bytes: int, seed: int = 7) -> str:
    """Paragraphs of 3-7 generated sentences, about ``n_bytes`` long."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_bytes:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(3, 7)))
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts)


class NewsStream(io.TextIOBase):
    """A read-only text stream of ``total`` generated characters, made on demand."""

    def __init__(self, total: int, seed: int = 11) -> None:
        self._left = total
        self._rng = random.Random(seed)
        self._buf = ""

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        want = self._left if size is None or size < 0 else min(size, self._left)
        while len(self._buf) < want:
            self._buf += " ".join(_sentence(self._rng) for _ in range(5)) + "\n\n"
        out, self._buf = self._buf[:want], self._buf[want:]
        self._left -= len(out)
        return out


# --- measurements -----------------------------------------------------------------------------


def _rate(n_chars: int, seconds: float) -> float:
    return n_chars / seconds if seconds > 0 else float("inf")


def _timed(fn: Any) -> tuple[Any, float, float]:
    """Run ``fn()``; return its result, wall seconds and CPU seconds of this process."""
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def bench_throughput(text: str, q_bytes: int) -> dict[str, Any]:
    """Bytes per second of wall time and per second of CPU time (one core)."""
    from claimledger import extract
    from claimledger.extract import numbers, sentences

    n_bytes = len(text.encode())
    extract(text[:20000], "2025-01-15")  # warm caches and lazy imports
    claims, w_pipe, c_pipe = _timed(lambda: extract(text, "2025-01-15", source="bench"))
    spans = sentences.split(text)
    n_q, w_num, c_num = _timed(lambda: sum(len(numbers.find(text, s, e)) for s, e in spans))
    out: dict[str, Any] = {
        "text_bytes": n_bytes,
        "claims": len(claims),
        "quantities": n_q,
        "chars_per_quantity": round(len(text) / max(1, n_q)),
        "claimledger_pipeline_Bps": _rate(n_bytes, w_pipe),
        "claimledger_pipeline_Bps_cpu": _rate(n_bytes, c_pipe),
        "claimledger_numbers_Bps": _rate(n_bytes, w_num),
        "claimledger_numbers_Bps_cpu": _rate(n_bytes, c_num),
    }
    try:
        warnings.filterwarnings("ignore")
        t0 = time.perf_counter()
        from quantulum3 import parser

        parser.parse("warm up 5 km")
        out["quantulum3_warmup_s"] = time.perf_counter() - t0
    except ImportError:
        return out
    piece = text[:q_bytes]
    paras = [p for p in piece.split("\n\n") if p]
    found, w_q, c_q = _timed(lambda: sum(len(parser.parse(p)) for p in paras))
    q_bytes_real = len(piece.encode())
    out["quantulum3_bytes"] = q_bytes_real
    out["quantulum3_quantities"] = found
    out["quantulum3_Bps"] = _rate(q_bytes_real, w_q)
    out["quantulum3_Bps_cpu"] = _rate(q_bytes_real, c_q)
    out["ratio_pipeline_vs_quantulum3_cpu"] = out["claimledger_pipeline_Bps_cpu"] / out["quantulum3_Bps_cpu"]
    out["ratio_numbers_vs_quantulum3_cpu"] = out["claimledger_numbers_Bps_cpu"] / out["quantulum3_Bps_cpu"]
    return out


#: Entry points timed by ``bench_stages``: (module, attribute, label).  ``find_mentions``
#: is imported by name into ``pipeline`` and ``time`` (deferred context sentences).
_STAGE_ENTRIES = [
    ("claimledger.extract.sentences", "split_items", "sentences"),
    ("claimledger.extract.numbers", "find", "numbers"),
    ("claimledger.extract.pipeline", "find_mentions", "time grammar"),
    ("claimledger.extract.time", "find_mentions", "time grammar"),
    ("claimledger.extract.time", "assign", "time: periods"),
    ("claimledger.extract.time", "default", "time: periods"),
    ("claimledger.extract._tokens", "tokenize", "tokens"),
    ("claimledger.extract._tokens", "relations", "figure relations"),
    ("claimledger.extract.kinds", "classify", "kinds"),
    ("claimledger.extract.kinds", "may_commit", "kinds: commitments"),
    ("claimledger.extract.kinds", "commitment", "kinds: commitments"),
    ("claimledger.extract.subject", "for_quantity", "subject"),
    ("claimledger.extract.subject", "for_commitment", "subject"),
]


def bench_stages(text: str) -> dict[str, float]:
    """Share of CPU time per stage during one ``extract`` of ``text``.

    Each entry point is wrapped with a timer that counts its own time only (a stage
    called from inside another is not counted twice); what no wrapper sees is the
    pipeline's own work (claims, context, control flow).  The timers cost a few percent.
    """
    import importlib

    from claimledger import extract

    own: dict[str, float] = {}
    stack: list[float] = []  # time spent in wrapped callees of each open wrapped call
    saved: list[tuple[Any, str, Any]] = []

    def wrap(fn: Any, label: str) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.process_time()
            stack.append(0.0)
            try:
                return fn(*args, **kwargs)
            finally:
                spent = time.process_time() - t0
                inner = stack.pop()
                own[label] = own.get(label, 0.0) + spent - inner
                if stack:
                    stack[-1] += spent

        return timed

    for mod_name, attr, label in _STAGE_ENTRIES:
        mod = importlib.import_module(mod_name)
        saved.append((mod, attr, getattr(mod, attr)))
        setattr(mod, attr, wrap(getattr(mod, attr), label))
    try:
        extract(text[:20000], "2025-01-15")
        own.clear()
        _, _, total = _timed(lambda: extract(text, "2025-01-15", source="stages"))
    finally:
        for mod, attr, fn in saved:
            setattr(mod, attr, fn)
    shares = {label: spent / total for label, spent in sorted(own.items(), key=lambda kv: -kv[1])}
    shares["pipeline (rest)"] = max(0.0, 1.0 - sum(shares.values()))
    return shares


def bench_startup(runs: int = 5) -> dict[str, Any]:
    exe = Path(sys.executable).with_name("claimledger")
    cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "claimledger.cli", "--help"]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return {"help_command": " ".join(Path(c).name for c in cmd), "help_s_median": statistics.median(times)}


def _rss_mb() -> float:
    """Current resident set size (Linux /proc; falls back to the peak elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 1e6
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_memory(total_mb: int, traced_mb: int = 5) -> dict[str, Any]:
    """RSS sampled along a ``total_mb`` stream; tracemalloc peak on a ``traced_mb`` stream.

    tracemalloc slows Python down several times, so the full-size run samples the resident
    set instead; flat samples mean memory does not grow with the input.
    """
    from claimledger import extract_stream

    tracemalloc.start()
    n_traced = sum(1 for _ in extract_stream(NewsStream(traced_mb * 1_000_000), "2025-01-15", source="t"))
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    total = total_mb * 1_000_000
    rss0 = _rss_mb()
    samples: list[float] = []
    n = 0
    t0 = time.perf_counter()
    for n, _claim in enumerate(extract_stream(NewsStream(total), "2025-01-15", source="stream"), 1):
        if n % 50_000 == 0:
            samples.append(round(_rss_mb() - rss0, 1))
    dt = time.perf_counter() - t0
    return {
        "stream_mb": total_mb,
        "stream_claims": n,
        "stream_seconds": dt,
        "stream_Bps": _rate(total, dt),
        "rss_growth_mb_samples": samples,
        "traced_stream_mb": traced_mb,
        "traced_claims": n_traced,
        "traced_peak_mb": peak / 1e6,
    }


def bench_accuracy() -> dict[str, Any]:
    import peer_eval

    if not peer_eval.available():
        return {"peer_suites": "missing"}
    out: dict[str, Any] = {}
    engines = [("claimledger", peer_eval.claimledger_predictor())]
    with contextlib.suppress(ImportError):
        engines.append(("quantulum3", peer_eval.quantulum_predictor()))
    for name, predict in engines:
        for suite, (_path, _kind, gated) in peer_eval.SUITES.items():
            sc = peer_eval.score(suite, predict)
            out[f"{name}:{suite}"] = {
                "f1": round(sc.f1, 3), "p": round(sc.precision, 3), "r": round(sc.recall, 3),
                "gated": gated,
            }  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=4.0, help="text size for throughput (MB)")
    ap.add_argument("--quantulum-kb", type=int, default=40, help="slice given to quantulum3 (KB)")
    ap.add_argument("--stream-mb", type=int, default=100, help="stream size for memory (MB); 0 skips")
    ap.add_argument("--quick", action="store_true", help="1 MB, 10 KB for quantulum3, 5 MB stream")
    ap.add_argument("--no-accuracy", action="store_true")
    ap.add_argument("--stages", action="store_true", help="also print the share of CPU time per stage")
    ap.add_argument(
        "--compiled", action="store_true", help="measure the mypyc build in build/compiled (make compiled)"
    )
    args = ap.parse_args(argv)
    if args.compiled and args.stages:
        ap.error("--stages times Python functions; compiled modules cannot be timed that way")
    from claimledger.extract import pipeline as engine

    print(f"engine: {'compiled (mypyc), ' if args.compiled else 'interpreted, '}{engine.__file__}")
    if args.quick:
        args.mb, args.quantulum_kb, args.stream_mb = 1.0, 10, 5
    summary: dict[str, Any] = {}
    text = news_text(int(args.mb * 1_000_000))
    summary.update(bench_throughput(text, args.quantulum_kb * 1000))
    mb = 1e6
    print(
        f"text: {summary['text_bytes'] / mb:.1f} MB, {summary['quantities']} quantities "
        f"(one per {summary['chars_per_quantity']} characters), {summary['claims']} claims"
    )
    print(
        f"claimledger pipeline : {summary['claimledger_pipeline_Bps_cpu'] / mb:6.2f} MB/s per core (CPU), "
        f"{summary['claimledger_pipeline_Bps'] / mb:6.2f} MB/s wall"
    )
    print(
        f"claimledger numbers  : {summary['claimledger_numbers_Bps_cpu'] / mb:6.2f} MB/s per core (CPU), "
        f"{summary['claimledger_numbers_Bps'] / mb:6.2f} MB/s wall"
    )
    if "quantulum3_Bps" in summary:
        print(
            f"quantulum3           : {summary['quantulum3_Bps_cpu'] / 1e3:6.2f} KB/s per core (CPU) on "
            f"{summary['quantulum3_bytes'] / 1e3:.0f} KB, warm-up {summary['quantulum3_warmup_s']:.1f} s"
        )
        print(
            f"ratio (CPU)          : pipeline {summary['ratio_pipeline_vs_quantulum3_cpu']:.0f}x, "
            f"numbers stage {summary['ratio_numbers_vs_quantulum3_cpu']:.0f}x"
        )
    if args.stages:
        shares = bench_stages(text[:1_000_000])
        summary["stage_cpu_shares"] = shares
        print("CPU time by stage (1 MB):", ", ".join(f"{k} {v:.0%}" for k, v in shares.items()))
    summary.update(bench_startup())
    print(f"claimledger --help   : {summary['help_s_median']:8.3f} s (median of 5)")
    if args.stream_mb:
        summary.update(bench_memory(args.stream_mb, min(5, args.stream_mb)))
        print(
            f"extract_stream {args.stream_mb} MB: RSS growth samples {summary['rss_growth_mb_samples']} MB, "
            f"{summary['stream_seconds']:.0f} s; tracemalloc peak {summary['traced_peak_mb']:.1f} MB "
            f"on {summary['traced_stream_mb']} MB"
        )
    if not args.no_accuracy:
        acc = bench_accuracy()
        summary["accuracy"] = acc
        for key, val in acc.items():
            if isinstance(val, dict):
                print(f"  {key:40} F1 {val['f1']:.3f}{'' if val['gated'] else '  (info)'}")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
