"""Regenerate the generated data files of claimledger.resources from the libraries they come from.

    .venv/bin/python tools/make_resources.py          # rewrite them
    .venv/bin/python tools/make_resources.py --check  # exit 1 if one would change

``resources/data/currency_codes.json``: the ISO 4217 codes some country uses today as legal
tender, from babel (CLDR).  tests/test_resources.py runs the check, so a babel upgrade that
changes the list shows up as a failing test to regenerate, not as silent drift.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "resources" / "data"


def currency_codes() -> dict[str, object]:
    from babel.core import get_global

    codes = sorted(
        {
            code
            for spans in get_global("territory_currencies").values()
            for code, _start, end, tender in spans
            if end is None and tender
        }
    )
    return {
        "_about": "ISO 4217 codes some country uses today as legal tender; generated from babel "
        "by tools/make_resources.py, read by claimledger.resources.units.",
        "codes": codes,
    }


GENERATED = {"currency_codes.json": currency_codes}


def render(make: object) -> str:
    return json.dumps(make(), indent=1, ensure_ascii=False) + "\n"  # type: ignore[operator]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only say whether a file would change")
    args = ap.parse_args()
    stale = []
    for name, make in GENERATED.items():
        text = render(make)
        path = DATA / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if stale:
        print(("stale: " if args.check else "wrote: ") + ", ".join(stale))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
