"""``claimledger demo``: the main job on the bundled corpus.

Ingests every bundled document into a ledger (idempotently: running it twice stores each
document once), imports the bundled official statistics (real WDI slices for the corpus
countries; importing a vintage again replaces it), links indicators, runs every checker,
prints a short summary (counts and the top findings; the full list is ``claimledger check
--no-run``), then serves the dashboard and prints the address to open.  ``--no-serve``
stops after the summary.  A busy ``--port`` is refused (E066) before anything is built.
"""

from __future__ import annotations

import argparse
from typing import Any

DEMO_DB = "claimledger-demo.db"
#: Findings the summary lists: the most severe and most confident first.
TOP_FINDINGS = 5


def register(sub: Any) -> None:
    p = sub.add_parser(
        "demo",
        help="ingest the bundled corpus, run the checks, serve the dashboard",
        description="Build a ledger from the bundled corpus and official statistics, run every "
        "checker, print a summary (counts and the top findings), then serve the dashboard.",
        epilog="examples:\n  claimledger demo\n  claimledger demo --port 8001\n"
        "  claimledger demo --no-serve --db /tmp/demo.db",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", default=DEMO_DB, help=f"ledger to build (default: ./{DEMO_DB})")
    p.add_argument("--no-serve", action="store_true", help="print the claims and findings, then exit")
    p.add_argument("--claims", action="store_true", help="also print every claim, document by document")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from claimledger.checks import load_findings, run_checks
    from claimledger.cli._io import print_claims, print_table
    from claimledger.corpus import load_corpus, reference_slices
    from claimledger.ledger import ClaimFilter, Ledger
    from claimledger.pipeline import add_document

    if not args.no_serve:
        from claimledger.cli._serve import check_port

        check_port(args.host, args.port)  # before a minute of work, not after
    docs = load_corpus()
    with Ledger(args.db) as ledger:
        rows = []
        for doc in docs:
            res = add_document(ledger, doc)
            rows.append([doc.published, doc.id, doc.title, res.status, res.claims])
        print_table(f"Bundled corpus -> {args.db}", ["date", "file", "title", "status", "claims"], rows)
        if args.claims:
            for d in ledger.documents():
                title = f"{d.title} ({d.published})"
                print_claims(title, ledger.claim_objects(ClaimFilter(doc=d.doc_key)))
        from claimledger.reference import ImportOptions, import_reference

        for path, opts in reference_slices():
            given = ImportOptions(
                indicator=opts.get("indicator"),
                vintage=opts.get("vintage"),
                url=opts.get("url"),
                licence=opts.get("licence"),
            )
            import_reference(ledger.engine, path, given)
        run_checks(ledger.engine)
        print_summary(ledger, load_findings(ledger.engine), args.db)
    if args.no_serve:
        return 0
    from claimledger.cli import _serve

    serve_args = argparse.Namespace(db=args.db, host=args.host, port=args.port, token=None)
    return _serve.run(serve_args)


def print_summary(ledger: Any, found: list[dict[str, Any]], db: str) -> None:
    """Counts, the top findings (warnings and errors, most severe and confident first) and
    the command that lists them all."""
    from claimledger.cli._check import print_findings
    from claimledger.ledger import ledger_counts

    counts = ledger_counts(ledger.engine)
    by_sev = counts.findings_by_severity
    promises = sum((counts.promise_statuses or {}).values())
    parts = [
        _count(counts.documents, "document"),
        _count(sum(counts.by_kind.values()), "claim"),
        _count(counts.indicators, "indicator"),
        _count(promises, "promise"),
    ]
    sev = [
        _count(by_sev.get(s, 0), w) for s, w in (("error", "error"), ("warning", "warning"), ("info", "note"))
    ]
    print(f"{', '.join(parts)}; findings: {', '.join(sev)}")
    top = [f for f in found if f["severity"] != "info"][:TOP_FINDINGS]
    print_findings(top, f"Top {len(top)} findings")
    print(f"All findings: claimledger check --no-run --db {db}")


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
