"""Pin the full output of claimledger: every claim, indicator and finding, hashed.

A refactor must leave these hashes unchanged (or explain each change in its commit).

    .venv/bin/python tools/output_hash.py            # print the hashes
    .venv/bin/python tools/output_hash.py --dump D   # also write the canonical output to D/

Inputs: the bundled corpus, every gold text (tests/gold/*.jsonl), the gold scenarios'
documents, and 300 KB of generated bench text (benchmarks/bench_extract.news_text).
Outputs hashed: the claims' JSON (``extract``) without the ``frame`` field, the frames,
and after ingesting the corpus and each scenario into a fresh ledger and running
``check`` with a fixed date: the indicators with their members, and the findings.
The input files are listed by name, so that new gold sets do not move the pins.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from datetime import date as Date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NOW = Date(2026, 11, 23)
GOLD_TEXTS = ("claims.jsonl", "heldout.jsonl", "heldout2.jsonl")
SCENARIO_DIRS = ("scenarios", "heldout_scenarios")


def _texts() -> list[tuple[str, str, str | None]]:
    from claimledger.corpus import load_corpus

    out: list[tuple[str, str, str | None]] = []
    for d in load_corpus():
        out.append((f"corpus/{d.id}", d.text, d.published))
    for name in GOLD_TEXTS:
        gold = ROOT / "tests" / "gold" / name
        for i, line in enumerate(gold.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                row = json.loads(line)
                out.append((f"{gold.name}/{row.get('id', i)}", row["text"], row.get("date")))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_extract import news_text

    out.append(("bench", news_text(300_000), "2025-01-10"))
    return out


def _claims() -> tuple[list[str], list[str]]:
    """Each claim's JSON without its ``frame``, and the frames on their own (a new field)."""
    from claimledger import extract

    lines, frames = [], []
    for key, text, date in _texts():
        for c in extract(text, date):
            d = c.to_dict()
            frame = d.pop("frame", None)
            lines.append(key + "\t" + json.dumps(d, sort_keys=True, ensure_ascii=False))
            if frame is not None:
                frames.append(key + "\t" + json.dumps(frame, sort_keys=True, ensure_ascii=False))
    return lines, frames


def _ledger_output(docs: list[Any], tmp: Path, name: str) -> tuple[list[str], list[str]]:
    from sqlalchemy import text

    from claimledger.checks import load_findings, run_checks
    from claimledger.ledger import Ledger
    from claimledger.pipeline import add_document

    led = Ledger(str(tmp / f"{name}.db"))
    for d in docs:
        add_document(led, d)
    run_checks(led.engine, now=NOW)
    ind: list[str] = []
    with led.engine.connect() as conn:  # a script, not the package: raw SQL is fine here
        names = {r[0]: r[1] for r in conn.execute(text("SELECT id, name FROM indicators"))}
        members: dict[str, list[str]] = {}
        for iid, cid in conn.execute(text("SELECT indicator_id, claim_id FROM indicator_claims")):
            members.setdefault(names.get(iid, iid), []).append(cid)
    for n in sorted(members):
        ind.append(json.dumps([name, n, sorted(members[n])], ensure_ascii=False))
    fnd = []
    for f in load_findings(led.engine):
        f = {k: v for k, v in f.items() if k not in ("id", "created_at")}
        fnd.append(json.dumps([name, f], sort_keys=True, ensure_ascii=False, default=str))
    led.engine.dispose()
    return ind, sorted(fnd)


def _ledger() -> tuple[list[str], list[str]]:
    from claimledger.corpus import load_corpus
    from claimledger.models import Document

    inds: list[str] = []
    finds: list[str] = []
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        i, f = _ledger_output(list(load_corpus()), tmp, "corpus")
        inds += i
        finds += f
        for sc in sorted(p for d in SCENARIO_DIRS for p in (ROOT / "tests" / "gold" / d).glob("*.json")):
            spec = json.loads(sc.read_text(encoding="utf-8"))
            docs = [
                Document(
                    text=d["text"],
                    id=d["id"],
                    title=d.get("title"),
                    source=d.get("source"),
                    speaker=d.get("speaker"),
                    published=d.get("date"),
                )
                for d in spec["documents"]
            ]
            i, f = _ledger_output(docs, tmp, sc.stem)
            inds += i
            finds += f
    return inds, finds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dump", type=Path, help="write claims.txt, indicators.txt, findings.txt here")
    ap.add_argument("--skip-ledger", action="store_true", help="hash the claims only")
    args = ap.parse_args()
    parts: dict[str, list[str]] = {}
    parts["claims"], parts["frames"] = _claims()
    if not args.skip_ledger:
        parts["indicators"], parts["findings"] = _ledger()
    for name, lines in parts.items():
        blob = "\n".join(lines).encode("utf-8")
        print(f"{name:<11} {len(lines):>6} lines  sha256 {hashlib.sha256(blob).hexdigest()[:16]}")
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            (args.dump / f"{name}.txt").write_bytes(blob)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
