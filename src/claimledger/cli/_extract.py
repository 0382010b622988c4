"""``claimledger extract``: print the claims found in files, as JSON lines or a table."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("extract", help="extract claims from text files (or - for stdin)")
    p.add_argument("files", nargs="+", metavar="FILE", help="text files; - reads stdin")
    p.add_argument("--date", help="document date YYYY-MM-DD, resolves 'last year' etc.")
    p.add_argument(
        "--format",
        choices=("table", "json", "jsonl"),
        default="table",
        help='table (default), json ({"claims": [...]}, every file\'s) or jsonl (one claim a line)',
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from claimledger._dates import parse_date
    from claimledger.cli._io import print_claims, read_text_input
    from claimledger.errors import ClaimLedgerError
    from claimledger.extract import extract

    date = parse_date(args.date)
    failed = 0
    collected: list[dict[str, Any]] = []
    for name in args.files:
        try:
            text = read_text_input(name)
            claims = extract(text, date, source=name)
        except ClaimLedgerError as err:
            print(f"claimledger: {err}", file=sys.stderr)
            failed += 1
            continue
        if args.format == "json":
            collected += [c.to_dict() for c in claims]
        elif args.format == "jsonl":
            out = sys.stdout
            for c in claims:
                out.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        else:
            print_claims(name, claims)
    if args.format == "json":
        sys.stdout.write(json.dumps({"claims": collected}, ensure_ascii=False, indent=2) + "\n")
    return 1 if failed else 0
