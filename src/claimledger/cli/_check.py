"""``claimledger check``: link indicators, run every checker, store and show the findings."""

from __future__ import annotations

import argparse
from typing import Any

from claimledger.models import FINDING_TYPES


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="run the checkers over the ledger and show the findings")
    p.add_argument("--db", help="ledger path or SQLAlchemy URL (default $CLAIMLEDGER_DB or ./claimledger.db)")
    p.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "csv"),
        default="table",
        help='table (default), json ({"findings": [...]}), jsonl or csv',
    )
    p.add_argument(
        "--type",
        choices=FINDING_TYPES,
        help="show only findings of this type",
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="also list notes (info findings: promise statuses, revisions); by default only "
        "warnings and errors are listed, most severe and most confident first",
    )
    p.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        help="exit with status 1 if any finding is at least this severe (for CI and scripts)",
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
    # --no-run only reads; a run checks an existing ledger, never an empty one at a typo (E065)
    engine = open_engine(args.db, read_only=args.no_run, existing=True)
    try:
        if not args.no_run:
            run_checks(engine, now=now)
        found = load_findings(engine, type=args.type)
    finally:
        engine.dispose()
    rc = exit_code(found, args.fail_on)
    notes = sum(1 for f in found if f["severity"] == "info")
    if not args.all:
        found = [f for f in found if f["severity"] != "info"]
    if args.format != "table":
        from claimledger.cli._io import write_records

        keep = ("id", "type", "severity", "message", "claims", "details")
        write_records(args.format, "findings", [{k: f[k] for k in keep} for f in found], list(keep))
        return rc
    print_findings(found)
    if not args.all and notes:
        print(f"({notes} notes not shown: add --all to list them)")
    return rc


#: How severe each severity is, for ``--fail-on``.
_RANK = {"info": 0, "warning": 1, "error": 2}


def exit_code(found: list[dict[str, Any]], fail_on: str | None) -> int:
    """1 if ``fail_on`` is set and some finding is at least that severe, else 0."""
    if fail_on is None:
        return 0
    bar = _RANK[fail_on]
    return 1 if any(_RANK.get(f["severity"], 0) >= bar for f in found) else 0


def print_findings(found: list[dict[str, Any]], title: str | None = None) -> None:
    """The findings as a table, severities in colour in a terminal."""
    from claimledger.cli._io import print_table, severity

    rows = []
    for f in found:
        status = f["details"].get("status", "") if f["type"] == "promise" else ""
        conf = f["details"].get("confidence")
        shown = f"{conf:.2f}" if isinstance(conf, int | float) else ""
        rows.append([f["type"], severity(f["severity"]), shown, status, f["message"]])
    cols = ["type", "severity", "confidence", "status", "message"]
    print_table(title or f"{len(found)} findings", cols, rows)
