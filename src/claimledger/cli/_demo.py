"""``claimledger demo``: run the main job on the bundled corpus."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="extract from the bundled demo corpus and show the result")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from claimledger.cli._io import print_claims
    from claimledger.corpus import load_corpus
    from claimledger.extract import extract

    for doc in load_corpus():
        claims = extract(doc.text, doc.published, source=doc.id)
        print_claims(f"{doc.title} ({doc.published}, {doc.source})", claims)
    return 0
