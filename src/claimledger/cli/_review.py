"""Review commands: ``review rate`` (a verdict on a claim) and ``review scale``.

Thin wrappers over ``claimledger.review.rate_claim`` and ``rating_scale``; heavy imports
happen inside ``run_*``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from claimledger.cli._ledger import _db

_SCALE_HELP = "rating scale TOML file (default: $CLAIMLEDGER_RATING_SCALE, else the built-in scale)"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "review",
        help="review claims: rate a claim on the verdict scale, show the scale",
        description="Human review from the command line.  Every action is written to the audit log.",
    )
    rsub = p.add_subparsers(dest="review_command", metavar="ACTION")
    p.set_defaults(func=lambda _args: (p.print_help(), 2)[1])

    r = rsub.add_parser(
        "rate",
        help="give a claim a verdict from the rating scale, with a written ruling",
        description="Rate a claim (its sentence, in ClaimReview exports).  A new rating replaces the "
        "one in force; both stay in the audit log.  A rejected claim cannot be rated (E062).",
        epilog="example:\n  claimledger review rate 3f2a9c0d1e 'Mostly accurate' --reviewer ana "
        "--ruling 'The 2024 budget law gives 21.3 trillion, not 21.5.'",
    )
    r.add_argument("claim_id", metavar="CLAIM_ID", help="the claim's id (claimledger claims --format jsonl)")
    r.add_argument("rating", metavar="RATING", help="a label of the scale, e.g. 'Mostly accurate' (any case)")
    r.add_argument("--ruling", required=True, metavar="TEXT", help="why the claim gets this rating")
    r.add_argument("--reviewer", required=True, metavar="NAME", help="who rates it (the audit log names you)")
    r.add_argument("--scale", metavar="FILE", help=_SCALE_HELP)
    r.add_argument("--format", choices=("table", "json"), default="table")
    _db(r)
    r.set_defaults(func=run_rate)

    s = rsub.add_parser(
        "scale",
        help="show the rating scale: labels and their positions",
        epilog="example:\n  claimledger review scale --format json",
    )
    s.add_argument("--scale", metavar="FILE", help=_SCALE_HELP)
    s.add_argument("--format", choices=("table", "json"), default="table")
    s.set_defaults(func=run_scale)


def run_rate(args: argparse.Namespace) -> int:
    from claimledger.ledger import open_engine
    from claimledger.review import rate_claim, rating_scale

    scale = rating_scale(args.scale)
    # A rating is about a claim already in a ledger: a missing ledger is an error (E065 from
    # the read-only open), never a new empty one.
    open_engine(args.db, read_only=True).dispose()
    engine = open_engine(args.db)
    try:
        res = rate_claim(
            engine, args.claim_id, args.rating, ruling=args.ruling, reviewer=args.reviewer, scale=scale
        )
    finally:
        engine.dispose()
    if args.format == "json":
        sys.stdout.write(json.dumps(res.to_dict(), ensure_ascii=False) + "\n")
    else:
        was = res.before.get("rating")
        print(
            f"rated {res.target_id}: {res.after['rating']}"
            + (f" (was {was})" if was else "")
            + f"; event {res.event_id}"
        )
    return 0


def run_scale(args: argparse.Namespace) -> int:
    from claimledger.cli._io import print_table
    from claimledger.review import rating_scale

    scale = rating_scale(args.scale)
    if args.format == "json":
        sys.stdout.write(json.dumps(scale.to_dict(), ensure_ascii=False) + "\n")
    else:
        rows = [
            [lv.label, "–" if lv.value is None else f"{lv.value:g}", lv.description] for lv in scale.levels
        ]
        print_table(f"scale {scale.name}", ["rating", "value", "meaning"], rows)
    return 0
