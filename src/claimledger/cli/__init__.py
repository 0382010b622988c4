"""Command line interface: thin commands over the public API.

Each command lives in its own module under ``claimledger.cli`` and exposes
``register(subparsers)``; the module must import heavy libraries only inside its run
function, so ``claimledger --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from claimledger.errors import ClaimLedgerError

#: Command modules, in the order ``--help`` lists them.  Add a module here to add commands.
COMMAND_MODULES: tuple[str, ...] = (
    "claimledger.cli._extract",
    "claimledger.cli._ledger",
    "claimledger.cli._maint",
    "claimledger.cli._check",
    "claimledger.cli._review",
    "claimledger.cli._official",
    "claimledger.cli._serve",
    "claimledger.cli._demo",
)


#: An example for each command whose module gives none of its own (``epilog``): every
#: ``claimledger COMMAND --help`` shows a one-line description and an example
#: (``tests/test_cli_newcomer.py`` checks that none is missing).
EXAMPLES: dict[str, str] = {
    "extract": "claimledger extract --date 2025-01-10 statement.txt\n"
    "  cat speech.txt | claimledger extract --format jsonl -",
    "ingest": "claimledger ingest statements/ https://example.org/speech.html --db ledger.db",
    "claims": 'claimledger claims --db ledger.db --kind target --search "schools"\n'
    "  claimledger claims --db ledger.db --format csv > claims.csv",
    "docs": "claimledger docs --db ledger.db",
    "export": "claimledger export --db ledger.db --format csv -o claims.csv",
    "reextract": "claimledger reextract --db ledger.db",
    "check": "claimledger check --db ledger.db\n"
    "  claimledger check --db ledger.db --no-run --all --format jsonl",
    "reference": "claimledger reference list --db ledger.db",
    "reference import": "claimledger reference import API_NY.GDP.MKTP.CD.csv --db ledger.db",
    "reference fetch": "claimledger reference fetch worldbank SP.POP.TOTL --economies KEN,KAZ "
    "--years 2015:2024 --db ledger.db",
    "reference list": "claimledger reference list --db ledger.db --format json",
    "serve": "claimledger serve --db ledger.db --port 8001",
    "review": "claimledger review scale",
}


def _describe(parser: argparse.ArgumentParser, path: str = "") -> None:
    """Give every subcommand its one-line help as a description, and an example."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {a.dest: a.help for a in action._choices_actions}
        for name, sub in action.choices.items():
            full = f"{path} {name}".strip()
            if not sub.description and helps.get(name):
                line = str(helps[name])
                sub.description = line[0].upper() + line[1:] + "."
            if not sub.epilog and full in EXAMPLES:
                sub.epilog = "example:\n  " + EXAMPLES[full]
            if sub.epilog and "\n" in sub.epilog:  # keep the example's lines as written
                sub.formatter_class = argparse.RawDescriptionHelpFormatter
            _describe(sub, full)


def build_parser() -> argparse.ArgumentParser:
    from claimledger import __version__

    parser = argparse.ArgumentParser(
        prog="claimledger",
        description="Turn official statements into a checked, tracked ledger of figures and commitments.",
    )
    parser.add_argument("--version", action="version", version=f"claimledger {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    _describe(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        rc: int = args.func(args)
        return rc
    except ClaimLedgerError as err:
        print(f"claimledger: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("claimledger: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())


def reference_markdown() -> str:
    """The CLI reference (docs/cli.md), generated from the parsers so it cannot drift."""
    import os

    # argparse wraps help to $COLUMNS (or the terminal); pin it so the file is reproducible.
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        return _reference(build_parser())
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


def _reference(parser: argparse.ArgumentParser) -> str:
    parts = [
        "# CLI reference",
        "",
        "Generated from the argument parsers by `claimledger.cli.reference_markdown()`;",
        "`tests/test_cli_docs.py` fails when this file and the code disagree.",
        "",
        "```text",
        parser.format_help().rstrip(),
        "```",
    ]
    parts += _subcommands(parser, "claimledger")
    return "\n".join(parts) + "\n"


def _subcommands(parser: argparse.ArgumentParser, prefix: str) -> list[str]:
    """The help of every subcommand, nested ones (``reference import``) included."""
    parts: list[str] = []
    sub_actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for action in sub_actions:
        for name, sub in action.choices.items():
            parts += ["", f"## {prefix} {name}", "", "```text", sub.format_help().rstrip(), "```"]
            parts += _subcommands(sub, f"{prefix} {name}")
    return parts
