"""The compiled extraction engine gives the interpreted engine's output, claim by claim.

``CLAIMLEDGER_MYPYC=1`` (setup.py; ``make compiled``) compiles ``claimledger.extract`` and
``claimledger.models`` with mypyc.  A compiled module checks its type annotations at run
time, so code that is correct in Python can still fail there (a None in a ``float`` field),
and compiled arithmetic and comparisons must give the same results.  This test builds the
engine exactly as ``make compiled`` does, into a temporary directory, runs it in a
subprocess on every text the suite has (bundled corpus, gold and held-out statements, every
peer-suite input, generated news text, hostile strings), and compares the JSON of every
claim with what the interpreted engine gives in this process.

The build needs a C compiler and the Python headers; without them the test skips, and under
``CI=true`` it fails instead (CI machines have both).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import peer_eval
from claimledger import extract
from claimledger.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"

#: Run in the subprocess with the compiled build first on sys.path: reads the inputs as JSON
#: ``[[name, text, date], ...]`` and writes ``{name: [claim JSON, ...]}``.
_RUNNER = """
import json, sys
import claimledger
from claimledger.extract import numbers
assert numbers.__file__.endswith(".so"), numbers.__file__  # the compiled module, not the source
out = {}
for name, text, date in json.load(open(sys.argv[1], encoding="utf-8")):
    out[name] = [json.dumps(c.to_dict(), sort_keys=True) for c in claimledger.extract(text, date)]
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
"""


def _can_build() -> str | None:
    """Why the compiled engine cannot be built here, or None."""
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        return "no C compiler"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return "no Python headers (Python.h)"
    try:
        import mypyc.build  # noqa: F401
    except ImportError:
        return "mypyc is not installed"
    return None


def _inputs() -> list[tuple[str, str, str | None]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_extract import news_text
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    items: list[tuple[str, str, str | None]] = []
    for doc in load_corpus():
        items.append((f"corpus:{doc.id}", doc.text, doc.published))
    for path in sorted(GOLD.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                items.append((f"{path.name}:{rec['id']}", rec["text"], rec.get("date")))
                items.append((f"{path.name}:{rec['id']}:undated", rec["text"], None))
    if peer_eval.available():
        for suite in peer_eval.SUITES:
            for k, case in enumerate(peer_eval.load(suite)):
                items.append((f"peer:{suite}:{k}", case.text, None))
    items.append(("news", news_text(300_000), "2025-01-15"))
    items.append(("news:upper", news_text(60_000, seed=3).upper(), "2024-06-30"))
    hostile = {
        "commas": "1," * 5000 + "1 tonnes",
        "digits-dots": "9." * 3000 + " and 123456789012345678901234567890 km",
        "folding": "ſome 5 ſtates, İstanbul 3 İ, 40 \u212a, KELVIN 12 \u212a and 3.5 ſeconds",
        "ranges": "from 3 to 4%, 5.5-7.5 percent, 20-25 bcm, 200 or greater than 190, 2024–25 to 47 Mt",
        "nan-ranges": "between 1 and 2, -18 °C to -34 °C, from 12% to 10%, 6-8 percent of 3-4 million",
    }
    items.extend((f"hostile:{k}", v, None) for k, v in hostile.items())
    return items


@pytest.mark.slow
@pytest.mark.compiled
def test_compiled_engine_gives_the_interpreted_output(tmp_path: Path) -> None:
    why = _can_build()
    if why is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must build the compiled engine: {why}")
        pytest.skip(why)
    build = tmp_path / "compiled"
    # The same command as `make compiled`, on a copy of the tree: setuptools builds in the
    # tree's build/ folder, and what an earlier build left there must not be installed.
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, tree / name)
    env = {**os.environ, "CLAIMLEDGER_MYPYC": "1"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(build),
            str(tree),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert list((build / "claimledger" / "extract").glob("pipeline*.so")), "no compiled pipeline module"

    items = _inputs()
    assert len(items) > 1000
    (tmp_path / "in.json").write_text(json.dumps(items), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(build)}
    run = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(tmp_path / "in.json"), str(tmp_path / "out.json")],
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    compiled = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))

    differ = []
    claims = 0
    for name, text, date in items:
        want = [json.dumps(c.to_dict(), sort_keys=True) for c in extract(text, date)]
        claims += len(want)
        if compiled.get(name) != want:
            differ.append(name)
    assert claims > 5_000
    # Names only: held-out texts must not be printed.
    assert not differ, f"{len(differ)} of {len(items)} inputs differ: {differ[:20]}"
