"""``claimledger demo``: the main job on the bundled corpus.

Ingests every bundled document into a ledger (idempotently: running it twice stores each
document once), imports the bundled official statistics (real WDI slices for the corpus
countries; importing a vintage again replaces it), links indicators, runs every checker,
prints the claims and findings, then serves the dashboard and prints the address to open.
``--no-serve`` stops after printing.
"""

from __future__ import annotations

import argparse
from typing import Any

DEMO_DB = "claimledger-demo.db"


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="ingest the bundled corpus, run the checks, serve the dashboard")
    p.add_argument("--db", default=DEMO_DB, help=f"ledger to build (default: ./{DEMO_DB})")
    p.add_argument("--no-serve", action="store_true", help="print the claims and findings, then exit")
    p.add_argument("--claims", action="store_true", help="also print every claim, document by document")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from claimledger.checks import load_findings, run_checks
    from claimledger.cli._check import print_findings
    from claimledger.cli._io import print_claims, print_table
    from claimledger.corpus import load_corpus, reference_slices
    from claimledger.ledger import ClaimFilter, Ledger
    from claimledger.pipeline import add_document

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
        print_findings(load_findings(ledger.engine))
    if args.no_serve:
        return 0
    from claimledger.cli import _serve

    serve_args = argparse.Namespace(db=args.db, host=args.host, port=args.port, token=None)
    return _serve.run(serve_args)
