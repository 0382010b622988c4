"""Ledger maintenance: ``doctor`` (a full health check), ``backup`` (a consistent copy) and
``datasette-metadata`` (titles, descriptions and facets for Datasette).

Thin wrappers over ``claimledger.ledger.doctor``, ``backup`` and ``datasette_metadata``.
"""

from __future__ import annotations

import argparse
from typing import Any

_DB_HELP = "ledger file or SQLAlchemy URL (default: $CLAIMLEDGER_DB or ./claimledger.db)"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "doctor",
        help="check the ledger in full (integrity, text encoding, migrations) without changing it",
        description="Check the ledger in full without changing it: SQLite's integrity_check, foreign "
        "keys, that every text is valid UTF-8, that the search index covers every claim, and the "
        "schema migrations, and that the summary counts equal the tables' (--rebuild-summaries recounts "
        "them first: the one thing it writes). Exit 1, with the ways to recover, if anything is wrong.",
        epilog="example:\n  claimledger doctor --db claimledger.db",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", metavar="PATH_OR_URL", help=_DB_HELP)
    p.add_argument(
        "--rebuild-summaries",
        action="store_true",
        help="recount the summary counts (the overview's numbers) over the tables and store them, then check",
    )
    p.set_defaults(func=run_doctor)

    p = sub.add_parser(
        "backup",
        help="copy the ledger to a file, consistently, while it is in use (SQLite)",
        description="Copy a SQLite ledger to DEST with SQLite's online backup API: a consistent "
        "copy of one moment, taken while other commands read and write. Restore by copying back "
        "the same way: claimledger backup --db BACKUP LEDGER --force. For PostgreSQL use pg_dump.",
        epilog="examples:\n  claimledger backup claimledger-2024-06-01.db\n"
        "  claimledger backup --db claimledger-2024-06-01.db claimledger.db --force   # restore",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("dest", metavar="DEST", help="the file to write")
    p.add_argument("--db", metavar="PATH_OR_URL", help=_DB_HELP)
    p.add_argument("--force", action="store_true", help="replace DEST if it exists")
    p.set_defaults(func=run_backup)

    p = sub.add_parser(
        "datasette-metadata",
        help="print Datasette metadata (titles, descriptions, facets) for a ledger file",
        description="Print metadata.json for Datasette: a title and description for every table "
        "and view of the ledger, and the facets worth opening (docs/ledger.md, 'Datasette and "
        "sqlite-utils'). Datasette names the database by the file's stem, so pass the file you "
        "will open. Reads nothing from the file.",
        epilog="example:\n  claimledger datasette-metadata --db ledger.db > metadata.json\n"
        "  datasette ledger.db -m metadata.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--db",
        metavar="PATH",
        help="the ledger file Datasette will open (default: $CLAIMLEDGER_DB or ./claimledger.db)",
    )
    p.set_defaults(func=run_datasette_metadata)


def run_doctor(args: argparse.Namespace) -> int:
    from claimledger.ledger import db_url, doctor, repair_summaries

    if args.rebuild_summaries:
        wrong = repair_summaries(db_url(args.db))
        print(f"summary counts rebuilt ({len(wrong)} were wrong)")
    checkup = doctor(db_url(args.db))
    width = max(len(name) for name, _ in checkup.checks)
    for name, found in checkup.checks:
        print(f"{name:<{width}}  {found}")
    if not checkup.ok:
        raise checkup.error()
    print("the ledger is sound")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from claimledger.ledger import backup, db_url

    done = backup(db_url(args.db), args.dest, overwrite=args.force)
    print(f"backed up {done.source} to {done.dest}: {done.pages} pages, {done.bytes / (1 << 20):.1f} MB")
    return 0


def run_datasette_metadata(args: argparse.Namespace) -> int:
    import json

    from claimledger.ledger import datasette_metadata

    print(json.dumps(datasette_metadata(args.db), indent=2, ensure_ascii=False))
    return 0
