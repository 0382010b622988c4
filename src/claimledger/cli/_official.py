"""``claimledger reference``: official statistics in the ledger (docs/official.md).

``reference import FILE...`` reads WDI CSV (wide or long), SDMX-ML/SDMX-CSV or a plain CSV
with a column mapping, and stores each file in one transaction; ``reference fetch`` downloads
from the World Bank API or an SDMX web service; ``reference list`` shows what is stored.
"""

from __future__ import annotations

import argparse
from typing import Any

from claimledger.errors import ReferenceDataError

_DB_HELP = "ledger path or SQLAlchemy URL (default $CLAIMLEDGER_DB or ./claimledger.db)"


def _provenance(p: Any) -> None:
    p.add_argument("--db", help=_DB_HELP)
    p.add_argument(
        "--indicator", metavar="CODE", help="indicator code, when the file has none (or to override it)"
    )
    p.add_argument(
        "--measure", metavar="ID", help="taxonomy measure id (default: the one whose WDI/WEO code it is)"
    )
    p.add_argument("--unit", help="unit of the values: ISO 4217 code, LCU, %%, or '' for a count")
    p.add_argument(
        "--scale", type=int, metavar="N", help="values are in units of 10**N (default: from the file, else 0)"
    )
    p.add_argument("--rate", metavar="CODE", help="exchange-rate series a currency conversion must use")
    p.add_argument("--publisher", help="who publishes it (WDI: World Bank)")
    p.add_argument("--dataset", help="the dataset's name (WDI: World Development Indicators)")
    p.add_argument(
        "--vintage", metavar="RELEASE", help="release date or name (required when the file has none)"
    )
    p.add_argument("--retrieved", metavar="YYYY-MM-DD", help="when the file was downloaded")
    p.add_argument("--url", help="where the series is published ({code} is replaced by its code)")
    p.add_argument("--licence", help="licence of the data (WDI: CC BY 4.0)")


def register(sub: Any) -> None:
    p = sub.add_parser("reference", help="official statistics: import, fetch and list reference series")
    rsub = p.add_subparsers(dest="reference_command", metavar="ACTION")

    imp = rsub.add_parser(
        "import", help="import reference files (WDI CSV, SDMX-ML/CSV, plain CSV), each all or nothing"
    )
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--format", choices=("auto", "wdi", "sdmx", "csv"), default="auto")
    imp.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="ROLE=NAME",
        help="plain CSV: the column of each role (entity, period, value; optional code, name)",
    )
    imp.add_argument("--structure", metavar="FILE", help="SDMX: the structure message (DSD) of the data")
    _provenance(imp)
    imp.set_defaults(func=run_import)

    fet = rsub.add_parser("fetch", help="download series from the World Bank API or an SDMX web service")
    fet.add_argument(
        "source", choices=("worldbank", "sdmx"), help="worldbank (via wbgapi) or sdmx (via sdmx1)"
    )
    fet.add_argument("key", nargs="+", metavar="KEY", help="worldbank: indicator codes; sdmx: DATAFLOW [KEY]")
    fet.add_argument(
        "--agency", default="IMF_DATA", help="sdmx: the sdmx1 source id (IMF_DATA, ECB, ESTAT, OECD ...)"
    )
    fet.add_argument(
        "--economies", default="all", help="worldbank: ISO3 codes, comma-separated (default: all)"
    )
    fet.add_argument("--years", metavar="FROM:TO", help="worldbank: years (default: all)")
    fet.add_argument(
        "--cache", metavar="DIR", help="cache folder (default: $CLAIMLEDGER_CACHE or ~/.cache/claimledger)"
    )
    fet.add_argument("--retries", type=int, default=3, help="attempts per request (default: 3)")
    fet.add_argument("--refresh", action="store_true", help="download again even when the answer is cached")
    _provenance(fet)
    fet.set_defaults(func=run_fetch)

    ls = rsub.add_parser("list", help="list the stored reference series and vintages")
    ls.add_argument("--db", help=_DB_HELP)
    ls.add_argument("--format", choices=("table", "json", "jsonl", "csv"), default="table")
    ls.set_defaults(func=run_list)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _options(args: argparse.Namespace, fmt: str = "auto") -> Any:
    from claimledger.reference import ImportOptions

    columns: dict[str, str] = {}
    for item in getattr(args, "column", []):
        role, sep, name = item.partition("=")
        if not sep or role not in ("entity", "period", "value", "code", "name"):
            raise ReferenceDataError(
                "E050",
                f"--column {item!r}: expected ROLE=NAME with ROLE one of entity, period, value, code, name",
            )
        columns[role] = name
    return ImportOptions(
        format=fmt,
        indicator=args.indicator,
        measure=args.measure,
        unit=args.unit,
        scale=args.scale,
        rate=args.rate,
        publisher=args.publisher,
        dataset=args.dataset,
        vintage=args.vintage,
        retrieved=args.retrieved,
        url=args.url,
        licence=args.licence,
        columns=columns,
        structure=getattr(args, "structure", None),
    )


def _report(results: list[Any]) -> None:
    from claimledger.cli._io import print_table

    rows = [[r.path, s.code, s.measure, s.vintage, n, sid] for r in results for sid, s, n in r.series]
    print_table("Imported reference series", ["file", "code", "measure", "vintage", "values", "series"], rows)


def run_import(args: argparse.Namespace) -> int:
    from claimledger.ledger import open_engine
    from claimledger.reference import import_reference

    opts = _options(args, args.format)
    engine = open_engine(args.db)
    try:
        results = [import_reference(engine, f, opts) for f in args.files]
    finally:
        engine.dispose()
    _report(results)
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    from claimledger.ledger import open_engine
    from claimledger.reference.fetch import FetchOptions, fetch_reference

    fopts = FetchOptions(
        source=args.source,
        keys=tuple(args.key),
        agency=args.agency,
        economies=args.economies,
        years=args.years,
        cache=args.cache,
        retries=args.retries,
        refresh=args.refresh,
    )
    engine = open_engine(args.db)
    try:
        result = fetch_reference(engine, fopts, _options(args))
    finally:
        engine.dispose()
    _report([result])
    return 0


def run_list(args: argparse.Namespace) -> int:
    from claimledger.cli._io import print_table
    from claimledger.ledger import open_engine, reading, reference_series

    engine = open_engine(args.db, read_only=True)
    try:
        with reading(engine) as conn:
            stored = reference_series(conn)
    finally:
        engine.dispose()
    if args.format != "table":
        from claimledger.cli._io import write_records

        write_records(args.format, "series", [s.to_dict() for s in stored])
        return 0
    rows = [
        [
            s.id,
            s.info.code,
            s.info.measure,
            s.info.unit or "count",
            s.info.credit,
            s.info.vintage,
            s.values,
            f"{s.first_period}-{s.last_period}",
        ]
        for s in stored
    ]
    print_table(
        f"{len(stored)} reference series",
        ["id", "code", "measure", "unit", "source", "vintage", "values", "periods"],
        rows,
    )
    return 0
