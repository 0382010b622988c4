"""Ledger commands: ``ingest``, ``claims``, ``docs``, ``export``, ``reextract``.

Each is a thin wrapper over one public function: ``ingest`` and ``reextract`` from
``claimledger.pipeline``, the others a ``Ledger`` read.  Heavy imports happen inside ``run_*``.
The reading commands open the ledger read-only (``_reader``): they never create, migrate
or write it, and they work on a ledger on a read-only file system.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

_DB_HELP = "ledger file or SQLAlchemy URL (default: $CLAIMLEDGER_DB or ./claimledger.db)"


def _db(p: Any) -> None:
    p.add_argument("--db", metavar="PATH_OR_URL", help=_DB_HELP)


def _filters(p: Any) -> None:
    p.add_argument("--kind", choices=("achievement", "status", "target", "forecast"))
    p.add_argument("--unit", help="unit (ISO currency code, %%, km ...) or counted noun")
    p.add_argument("--period", help="period, e.g. 2024; matches periods sharing time with it (2024/2026)")
    p.add_argument("--doc", help="document id, name or content-hash prefix")
    p.add_argument("--search", metavar="TEXT", help="words that must all occur in the sentence or subject")
    p.add_argument("--state", choices=("machine", "accepted", "corrected", "rejected"), help="review state")


def register(sub: Any) -> None:
    p = sub.add_parser("ingest", help="read documents (files, dirs, globs, -, URLs) into the ledger")
    p.add_argument("inputs", nargs="+", metavar="PATH|URL", help="files, directories, globs, - (stdin), URLs")
    _db(p)
    p.add_argument("--date", help="publication date YYYY-MM-DD (overrides the documents' own)")
    p.add_argument("--source", help="source name (publisher) for every document")
    p.add_argument("--speaker", help="speaker for every document")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="extract in N processes (default 1; on PostgreSQL each also writes its own batches)",
    )
    p.add_argument(
        "--dask", nargs="?", const="local", metavar="SCHEDULER",
        help="extract on Dask (on PostgreSQL the workers also write): a scheduler address, or a local "
        "cluster of --workers processes",
    )  # fmt: skip
    p.add_argument(
        "--max-html-mb", type=float, metavar="MB",
        help="HTML budget per page, without scripts, styles and comments (default 1; larger pages: E015)",
    )  # fmt: skip
    p.add_argument(
        "--allow-private-urls", action="store_true",
        help="fetch URLs and follow redirects to private, loopback and link-local hosts (default: refuse)",
    )  # fmt: skip
    p.set_defaults(func=run_ingest)

    p = sub.add_parser("claims", help="list claims from the ledger")
    _db(p)
    _filters(p)
    p.add_argument("--format", choices=("table", "json", "jsonl", "csv"), default="table")
    p.add_argument("--limit", type=int, help="at most this many (table default: 100)")
    p.set_defaults(func=run_claims)

    p = sub.add_parser("docs", help="list documents in the ledger")
    _db(p)
    p.add_argument("--format", choices=("table", "json", "jsonl", "csv"), default="table")
    p.set_defaults(func=run_docs)

    p = sub.add_parser(
        "export",
        help="export claims as JSON Lines, CSV or schema.org ClaimReview",
        description="Export claims as JSON Lines or CSV (one row per figure, with its document, "
        "indicator, frame, findings, rating and dashboard link), or as schema.org ClaimReview "
        "JSON-LD (one review per rated sentence; rejected claims never).",
        epilog="example:\n  claimledger export --format claimreview --publisher 'Example Desk' "
        "--base-url https://factcheck.example.org -o reviews.jsonld",
    )
    _db(p)
    _filters(p)
    p.add_argument("--format", choices=("jsonl", "csv", "claimreview"), default="jsonl")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument(
        "--base-url", metavar="URL",
        help="the dashboard's public address: claim links in every format (relative without it); "
        "required for claimreview (each review's url)",
    )  # fmt: skip
    p.add_argument(
        "--publisher",
        metavar="NAME",
        help="your organisation: ClaimReview's author (required for claimreview)",
    )
    p.add_argument(
        "--publisher-url", metavar="URL", help="your organisation's web address (ClaimReview author url)"
    )
    p.add_argument(
        "--include-unrated", action="store_true",
        help="claimreview: also sentences nobody has rated yet (drafts without reviewRating)",
    )  # fmt: skip
    p.set_defaults(func=run_export)

    p = sub.add_parser("reextract", help="re-run the current extractor over stored documents")
    _db(p)
    p.add_argument("--force", action="store_true", help="also documents already at the current version")
    p.set_defaults(func=run_reextract)


#: Rows a table shows when no --limit is given: a terminal cannot show a million rows.
TABLE_LIMIT = 100


def _reader(db: str | None) -> Any:
    """The ledger at ``db``, opened read-only."""
    from claimledger.ledger import Ledger, open_engine

    return Ledger(engine=open_engine(db, read_only=True))


def _progress_bar(total_hint: int = 0) -> tuple[Any, Any]:
    """A rich progress bar on stderr, or (None, None) when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )  # fmt: skip
    task = bar.add_task("ingest", total=total_hint or None)
    return bar, task


def run_ingest(args: argparse.Namespace) -> int:
    from claimledger.ingest import IngestOptions
    from claimledger.ledger import IngestResult, Ledger
    from claimledger.pipeline import IngestFailure, ingest

    opts = IngestOptions(allow_private_urls=args.allow_private_urls)
    if args.max_html_mb is not None:
        opts.max_html_bytes = int(args.max_html_mb * (1 << 20))
    bar, task = _progress_bar()

    def progress(done: int, total: int, item: IngestResult | IngestFailure) -> None:
        if isinstance(item, IngestFailure):
            line = f"claimledger: {item}"
            (bar.console.print(line, markup=False, highlight=False) if bar else print(line, file=sys.stderr))
        if bar is not None:
            bar.update(task, completed=done, total=total)

    with Ledger(args.db) as ledger:
        if bar is not None:
            bar.start()
        try:
            summary = ingest(
                ledger,
                args.inputs,
                date=args.date,
                source=args.source,
                speaker=args.speaker,
                workers=max(1, args.workers),
                progress=progress,
                dask=args.dask,
                options=opts,
            )
        finally:
            if bar is not None:
                bar.stop()
    print(summary.line())
    return 0 if summary.ok else 1


def _claim_filter(args: argparse.Namespace) -> Any:
    from claimledger.ledger import ClaimFilter

    return ClaimFilter(
        kind=args.kind,
        unit=args.unit,
        period=args.period,
        doc=args.doc,
        search=args.search,
        review_state=args.state,
    )


def run_claims(args: argparse.Namespace) -> int:
    from claimledger.cli._io import fmt_value, print_table

    limit = args.limit if args.limit is not None else (TABLE_LIMIT if args.format == "table" else None)
    with _reader(args.db) as ledger:
        if args.format == "json":
            import io
            import json

            from claimledger.cli._io import write_records

            # the JSON Lines export's records, so json and jsonl always agree
            buf = io.StringIO()
            ledger.export("jsonl", buf, _claim_filter(args), limit=limit)
            write_records("json", "claims", [json.loads(line) for line in buf.getvalue().splitlines()])
        elif args.format != "table":
            ledger.export(args.format, sys.stdout, _claim_filter(args), limit=limit)
        else:
            table = [
                [
                    r.doc, r.kind, r.q_text or "—", fmt_value(r.value, r.low, r.high),
                    r.unit or r.noun or "", r.period, r.subject, r.review_state,
                ]
                for r in ledger.iter_claims(_claim_filter(args), limit=limit)
            ]  # fmt: skip
            cols = ["doc", "kind", "figure", "value", "unit/noun", "period", "subject", "review"]
            print_table(f"{len(table)} claims", cols, table)
    return 0


def run_docs(args: argparse.Namespace) -> int:
    from claimledger.cli._io import print_table, write_records

    with _reader(args.db) as ledger:
        docs = [d.to_dict() for d in ledger.documents()]
    cols = ["id", "doc_key", "title", "published", "source", "speaker", "format", "claims"]
    if args.format != "table":
        write_records(args.format, "documents", docs, list(docs[0]) if docs else cols)
    else:
        print_table(f"{len(docs)} documents", cols, ([d[c] for c in cols] for d in docs))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from claimledger.ledger.export import ExportOptions, check_claimreview_options

    opts = ExportOptions(
        base_url=args.base_url,
        publisher=args.publisher,
        publisher_url=args.publisher_url,
        include_unrated=args.include_unrated,
    )
    if args.format == "claimreview":
        check_claimreview_options(opts)  # before -o creates or empties a file
    what = "reviews" if args.format == "claimreview" else "claims"
    with _reader(args.db) as ledger:
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                n = ledger.export(args.format, out, _claim_filter(args), options=opts)
            print(f"exported {n} {what} to {args.output}", file=sys.stderr)
        else:
            ledger.export(args.format, sys.stdout, _claim_filter(args), options=opts)
    return 0


def run_reextract(args: argparse.Namespace) -> int:
    from claimledger.ledger import Ledger, require_ledger
    from claimledger.pipeline import reextract

    require_ledger(args.db)  # re-extracts what is stored: never creates an empty ledger
    with Ledger(args.db) as ledger:
        summary = reextract(ledger, force=args.force)
    for f in summary.failures:
        print(f"claimledger: {f}", file=sys.stderr)
    print(summary.line())
    return 1 if summary.failures else 0
