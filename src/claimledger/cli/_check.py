"""``claimledger check``: link indicators, run every checker, store and show the findings."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="run the checkers over the ledger and show the findings")
    p.add_argument("--db", help="ledger path or SQLAlchemy URL (default $CLAIMLEDGER_DB or ./claimledger.db)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument(
        "--type",
        choices=("contradiction", "arithmetic", "feasibility", "promise"),
        help="show only findings of this type",
    )
    p.add_argument(
        "--now", metavar="YYYY-MM-DD", help="reference date for promise deadlines (default: today)"
    )
    p.add_argument("--no-run", action="store_true", help="show the stored findings without re-checking")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from claimledger._dates import parse_date
    from claimledger.checks import load_findings, run_checks
    from claimledger.ledger import open_engine

    now = parse_date(args.now)
    engine = open_engine(args.db, read_only=args.no_run)  # --no-run only reads
    try:
        if not args.no_run:
            run_checks(engine, now=now)
        found = load_findings(engine, type=args.type)
    finally:
        engine.dispose()
    if args.format == "json":
        keep = ("id", "type", "severity", "message", "claims", "details")
        payload = {"findings": [{k: f[k] for k in keep} for f in found]}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return 0
    print_findings(found)
    return 0


def print_findings(found: list[dict[str, Any]]) -> None:
    from claimledger.cli._io import print_table

    rows = []
    for f in found:
        status = f["details"].get("status", "") if f["type"] == "promise" else ""
        rows.append([f["type"], f["severity"], status, f["message"]])
    print_table(f"{len(found)} findings", ["type", "severity", "status", "message"], rows)
