"""Hostile inputs against ingest: time and peak memory of the worst case of each family,
next to a normal document of the same size, and their ratios.

Families (generators in ``tests/fixtures/hostile.py``): DOCX zip bombs (text, markup only,
and the densest DOCX within every limit), huge HTML pages (scripts and styles, short
blocks, unclosed tags, deep nesting), a huge honest DOCX, UTF-32 text, one long line; each
next to a normal document of the same size.  Each case runs in a fresh process that reads
the file through ``claimledger.ingest.load`` (sniff + reader), and for the long-line family
the extractor too; the parent records wall time, CPU time and the child's peak resident
set (``ru_maxrss``, including the interpreter: ~40 MB).

    .venv/bin/python benchmarks/bench_hostile.py                 # every case, this tree
    .venv/bin/python benchmarks/bench_hostile.py --quick         # smaller inputs
    .venv/bin/python benchmarks/bench_hostile.py --src OLD/src   # another tree (before/after)
    .venv/bin/python benchmarks/bench_hostile.py --case docx-bomb-250MB-xml
    .venv/bin/python benchmarks/bench_hostile.py --web           # hostile requests instead

A case that runs past ``--timeout`` seconds (default 120) is stopped and reported as such.

``--web`` starts ``claimledger serve`` over the demo ledger and sends it the web family
(issue 15): a refused 300 MB chunked form, a 450 MB chunked upload without Content-Length
(next to a normal 1 MB upload), 1,000 slow-header connections, and eight small uploads in
a row.  It reports each case's time, the server's resident memory and peak, the bytes the
client got to send, and what the server answered (``bench_web_hostile`` below).
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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import hostile  # noqa: E402

MB = 1 << 20


@dataclass(frozen=True)
class Case:
    """One input: its family, how to make it, and how to read it."""

    family: str
    make: Callable[[], bytes]
    suffix: str
    #: The family's normal document of the same size, the others' yardstick.
    normal: bool = False
    #: Also run the extractor (the long-line family's cost is extraction, not reading).
    extract: bool = False
    #: IngestOptions fields (a field the measured tree lacks is left out).
    opts: dict[str, object] = field(default_factory=dict)


def cases(quick: bool) -> dict[str, Case]:
    """The worst case of each hostile family, and the family's normal document."""
    bomb = 50 * MB if quick else 250 * MB
    big = 10 * MB
    k = 1 if quick else 5
    bomb_size = len(hostile.docx_bomb(bomb))
    text_mb = 2 if quick else 8
    utf32_mb = 1 if quick else 3  # x4 in bytes; the UTF-8 twin of as many bytes stays under 16 M chars
    return {
        # zip bombs: a small DOCX whose XML inflates hugely; one all markup; the worst DOCX
        # within every limit (dense tags, deflating like honest XML); an honest DOCX of the
        # bomb's file size
        f"docx-bomb-{bomb // MB}MB-xml": Case("zip bomb", lambda: hostile.docx_bomb(bomb), ".docx"),
        f"docx-markup-bomb-{bomb // MB}MB": Case(
            "zip bomb", lambda: hostile.docx_bomb(bomb, text=False), ".docx"
        ),
        "docx-dense-1.9M-tags": Case("zip bomb", lambda: hostile.docx_dense(1_900_000), ".docx"),
        "docx-normal-bomb-file-size": Case(
            "zip bomb", lambda: hostile.docx_document(hostile.prose(bomb_size * 3)), ".docx", normal=True
        ),
        # huge HTML: scripts around a short article; pages over the budget; the worst page
        # within it (short blocks: trafilatura's slowest shape); unclosed tags for the pre-pass
        f"html-scripts-{10 * k}MB": Case("huge HTML", lambda: hostile.html_scripts(10 * k * MB), ".html"),
        "html-scripts-10MB": Case("huge HTML", lambda: hostile.html_scripts(10 * MB), ".html"),
        "html-flat-10MB": Case("huge HTML", lambda: hostile.html_flat(big), ".html"),
        "html-flat-1MB-in-budget": Case("huge HTML", lambda: hostile.html_flat(1_000_000), ".html"),
        "html-unclosed-script-10MB": Case(
            "huge HTML", lambda: b"<html><body><p>Growth of 5%.</p>" + b"<script " * (big // 8), ".html"
        ),
        "html-nested-divs-1MB": Case("huge HTML", lambda: hostile.html_nested(90_000), ".html"),
        "html-paragraphs-10MB-budget-raised": Case(
            "huge HTML",
            lambda: hostile.html_normal(big),
            ".html",
            normal=True,
            opts={"max_html_bytes": 16 * MB},
        ),
        # huge DOCX: over the text budget; a large honest one; the same text as plain text
        "docx-text-20MB-over-budget": Case(
            "huge DOCX", lambda: hostile.docx_document(hostile.prose(20 * MB)), ".docx"
        ),
        f"docx-text-{text_mb}MB": Case(
            "huge DOCX", lambda: hostile.docx_document(hostile.prose(text_mb * MB)), ".docx"
        ),
        f"txt-same-{text_mb}MB-text": Case(
            "huge DOCX", lambda: hostile.prose(text_mb * MB).encode(), ".txt", normal=True
        ),
        # UTF-32 text, and UTF-8 text of the same bytes
        f"utf32-{utf32_mb}MB-text": Case(
            "UTF-32", lambda: ("\ufeff" + hostile.prose(utf32_mb * MB)).encode("utf-32-le"), ".txt"
        ),
        f"utf8-{4 * utf32_mb}MB-same-bytes": Case(
            "UTF-32", lambda: hostile.prose(4 * utf32_mb * MB).encode(), ".txt", normal=True
        ),
        # one long line against prose of the same size, through the extractor
        "long-line-1MB": Case("long line", lambda: hostile.long_line(MB), ".txt", extract=True),
        "prose-1MB": Case("long line", lambda: hostile.prose(MB).encode(), ".txt", normal=True, extract=True),
    }


def _peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM), in MB.  Not ``ru_maxrss``: a child starts
    with its parent's, and the parent here has just built the input."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(path: str, extract: bool, opts_json: str) -> None:
    """Runs in the measured process: load (and extract) one file, print what came out."""
    import dataclasses

    from claimledger.errors import InputError
    from claimledger.ingest import IngestOptions, Source, load

    known = {f.name for f in dataclasses.fields(IngestOptions)}
    opts = IngestOptions(**{k: v for k, v in json.loads(opts_json).items() if k in known})
    base = _peak_rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    outcome: list[str] = []
    for item in load(Source(path, "file"), opts):
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
        "rss_base_mb": base,
        "rss_peak_mb": _peak_rss_mb(),
    }
    print(json.dumps(result))


def measure(path: Path, src: Path, case: Case, timeout: float) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, __file__, "--child", str(path), "--opts", json.dumps(case.opts)]
    cmd += ["--extract"] if case.extract else []
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"wall": None, "outcome": f"stopped after {timeout:g} s"}
    if done.returncode != 0:
        return {"wall": None, "outcome": f"exit {done.returncode}: {done.stderr.strip()[-200:]}"}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _fmt(r: dict[str, object]) -> tuple[str, str, str, str]:
    if r.get("wall") is None:
        return "-", "-", "-", str(r["outcome"])
    return f"{r['wall']:.2f}", f"{r['cpu']:.2f}", f"{r['rss_peak_mb']:.0f}", str(r["outcome"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller inputs (a 50 MB bomb, 10 MB pages)")
    ap.add_argument(
        "--src", type=Path, default=ROOT / "src", help="the src/ directory of the tree to measure"
    )
    ap.add_argument("--case", action="append", help="run only this case (repeatable)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is stopped")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--web", action="store_true", help="the web family (hostile requests to serve)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--opts", default="{}", help=argparse.SUPPRESS)
    ap.add_argument("--extract", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child, args.extract, args.opts)
        return
    if args.web:
        bench_web_hostile(args.src)
        return
    table = cases(args.quick)
    names = args.case or list(table)
    results: dict[str, dict[str, object]] = {}
    print(f"{'case':36} {'family':10} {'input':>9} {'wall s':>7} {'cpu s':>7} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            case = table[name]
            path = Path(tmp) / f"input{case.suffix}"
            path.write_bytes(case.make())
            size = path.stat().st_size
            r = measure(path, args.src, case, args.timeout)
            r.update(family=case.family, input_bytes=size, normal=case.normal)
            results[name] = r
            wall, cpu, peak, outcome = _fmt(r)
            print(
                f"{name:36} {case.family:10} {size / MB:>7.2f}MB {wall:>7} {cpu:>7} {peak:>8}  {outcome}",
                flush=True,
            )
            path.unlink()
    _ratios(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _ratios(results: dict[str, dict[str, object]]) -> None:
    """Each hostile case against its family's normal document (CPU time: the machine is
    shared, and wall time moves with its load)."""
    print("\nratios to the family's normal document of the same size (CPU time, peak memory):")
    twins = {r["family"]: (n, r) for n, r in results.items() if r["normal"] and r.get("wall") is not None}
    for name, r in results.items():
        if r["normal"] or r["family"] not in twins or r.get("wall") is None:
            continue
        tn, t = twins[r["family"]]
        cpu, tcpu = float(r["cpu"]), float(t["cpu"])  # type: ignore[arg-type]
        peak, tpeak = float(r["rss_peak_mb"]), float(t["rss_peak_mb"])  # type: ignore[arg-type]
        print(f"  {name:36} vs {tn:36} cpu x{cpu / max(tcpu, 1e-3):.2f}  memory x{peak / tpeak:.2f}")


# --- the web family ------------------------------------------------------------------------


def _status_of(pid: int) -> tuple[float, float]:
    """A process's resident set and peak (VmRSS, VmHWM), in MB."""
    out = {"VmRSS:": 0.0, "VmHWM:": 0.0}
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            key = line.split(" ")[0].split("\t")[0]
            if key in out:
                out[key] = int(line.split()[1]) / 1024
    return out["VmRSS:"], out["VmHWM:"]


def _stream(port: int, head: bytes, chunk: bytes, chunks: int) -> tuple[str, int]:
    """Send ``head`` then ``chunks`` chunked-encoded copies of ``chunk`` until the server
    answers or closes; the status line and the body bytes the client got to send."""
    import socket

    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(head)
    framed = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
    sent = 0
    sock.settimeout(0)
    try:
        for _ in range(chunks):
            try:
                if sock.recv(1, socket.MSG_PEEK):
                    break  # an answer came: stop sending
            except BlockingIOError:
                pass
            sock.settimeout(30)
            sock.sendall(framed)
            sock.settimeout(0)
            sent += len(chunk)
        else:
            sock.settimeout(30)
            sock.sendall(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    sock.settimeout(600)  # a normal upload is answered after its extraction
    try:
        status = sock.recv(4096).split(b"\r\n", 1)[0].decode("latin-1") or "closed"
    except (ConnectionResetError, TimeoutError) as err:
        status = type(err).__name__
    sock.close()
    return status, sent


def bench_web_hostile(src: Path) -> None:
    import socket
    import urllib.request

    env = {**os.environ, "PYTHONPATH": str(src)}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        subprocess.run([sys.executable, "-m", "claimledger.cli", "demo", "--no-serve", "--db", str(db)],
                       env=env, check=True, capture_output=True)  # fmt: skip
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        cmd = [sys.executable, "-m", "claimledger.cli", "serve", "--db", str(db), "--port", str(port),
               "--read-timeout", "2", "--max-request-bytes", str(100 * MB)]  # fmt: skip
        server = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            assert server.stdout is not None
            server.stdout.readline()  # "serving on ..."
            base = f"http://127.0.0.1:{port}"
            for _ in range(600):  # "serving on" is printed just before uvicorn binds
                try:
                    urllib.request.urlopen(base + "/index.json").read()
                    break
                except OSError:
                    time.sleep(0.1)
            print(f"{'case':34} {'wall s':>7} {'sent MB':>8} {'rss MB':>7} {'peak MB':>8}  answer")
            rss, peak = _status_of(server.pid)
            print(f"{'(idle server)':34} {'':>7} {'':>8} {rss:>7.0f} {peak:>8.0f}")
            for name, head, chunk, n in _web_streams():
                t0 = time.perf_counter()
                status, sent = _stream(port, head, chunk, n)
                wall = time.perf_counter() - t0
                rss, peak = _status_of(server.pid)
                print(
                    f"{name:34} {wall:>7.2f} {sent / MB:>8.1f} {rss:>7.0f} {peak:>8.0f}  {status}", flush=True
                )
            print(f"{'(background checks after it)':34} {_checks_done(base):>7.2f}")
            _web_slow_headers(port, server.pid)
            _web_uploads(base, server.pid)
        finally:
            server.terminate()
            server.wait()


def _web_streams() -> list[tuple[str, bytes, bytes, int]]:
    host = b"Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nAccept: application/json\r\n"
    form = (
        b"POST /claims/x/review HTTP/1.1\r\n"
        + host
        + b"Content-Type: application/x-www-form-urlencoded\r\n\r\n"
    )
    part = (b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n")  # fmt: skip
    upload = (
        b"POST /api/documents HTTP/1.1\r\n" + host + b"Content-Type: multipart/form-data; boundary=b\r\n\r\n"
    )
    field = b"f=" + b"x" * (MB - 3) + b"&"
    prose = hostile.prose(100 << 10).encode()
    normal = b"%x\r\n%s\r\n" % (len(part), part)  # the part's head as its own chunk
    return [
        ("form 300 x 1 MB, no cookie (403)", form, field, 300),
        ("upload 450 MB chunked, no length", upload + normal, b"x" * MB, 450),
        ("normal upload, 100 KB of prose", upload + normal, prose + b"\r\n--b--\r\n", 1),
    ]


def _web_slow_headers(port: int, pid: int, count: int = 1000) -> None:
    """``count`` connections that each send half a request line and stop."""
    import socket

    t0 = time.perf_counter()
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /index.json HTTP/1.1\r\nHost: 12")
        socks.append(s)
    time.sleep(3)  # past --read-timeout 2
    open_ = 0
    for s in socks:
        s.setblocking(False)
        try:
            open_ += bool(s.recv(1)) or 0
        except BlockingIOError:
            open_ += 1
        except ConnectionResetError:
            pass
        s.close()
    rss, peak = _status_of(pid)
    wall = time.perf_counter() - t0
    print(f"{f'{count} slow-header connections':34} {wall:>7.2f} {'':>8} {rss:>7.0f} {peak:>8.0f}"
          f"  {open_} still open after 3 s (read timeout 2 s)")  # fmt: skip


def _web_uploads(base: str, pid: int, count: int = 8) -> None:
    """``count`` uploads of about 100 bytes in a row, then until the checks are done."""
    import urllib.request

    times = []
    for n in range(count):
        body = (
            b'--b\r\nContent-Disposition: form-data; name="files"; filename="u%d.txt"\r\n\r\n'
            b"Exports rose %d%% in 2024 and will reach %d billion by 2027, the ministry said.\r\n--b--\r\n"
        ) % (n, 10 + n, 40 + n)
        req = urllib.request.Request(
            base + "/api/documents", data=body, headers={"content-type": "multipart/form-data; boundary=b"}
        )
        t0 = time.perf_counter()
        urllib.request.urlopen(req).read()
        times.append(time.perf_counter() - t0)
    done = _checks_done(base)
    rss, peak = _status_of(pid)
    print(f"{f'{count} uploads of ~100 bytes':34} {sum(times):>7.2f} {'':>8} {rss:>7.0f} {peak:>8.0f}"
          f"  each {min(times):.2f}-{max(times):.2f} s; checks done {done:.2f} s after")  # fmt: skip


def _checks_done(base: str) -> float:
    """Seconds until ``/findings.json`` stops saying "rechecking"."""
    import urllib.request

    t0 = time.perf_counter()
    while json.loads(urllib.request.urlopen(base + "/findings.json").read())["rechecking"]:
        time.sleep(0.05)
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
