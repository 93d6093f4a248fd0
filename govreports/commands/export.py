"""``govreports export``: the research corpus (CSV, JSON Lines, Parquet, texts, codebook, datapackage)."""

from __future__ import annotations

import argparse
import sys

HELP = "export the corpus: reports.csv, cells.csv, reports.jsonl, texts/, codebook, datapackage.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", dest="out", help="output directory (e.g. output/export)")
    parser.add_argument("--format", default="csv,jsonl", help="comma-separated: csv, jsonl, parquet (default csv,jsonl)")
    parser.add_argument("--site", action="append", default=[], help="only these site ids (repeat or a,b)")
    parser.add_argument("--year", help="a year or a range: 2021 or 2019-2024")
    parser.add_argument("--edition", action="append", default=[], help="2019, 2021 or none (repeatable)")
    parser.add_argument("--region", action="append", default=[], help="GB/T 2260 code or prefix (11 = 北京市)")
    parser.add_argument("--only-consistent", action="store_true",
                        help="only reports in the template whose every arithmetic check passes")
    parser.add_argument("--db", help="database path (default: $GOVREPORTS_DB or output/govreports.db)")
    parser.add_argument("--datasette-metadata", metavar="PATH",
                        help="write the Datasette metadata file to PATH (and export only if --to is given)")


def _split(values: list[str]) -> list[str]:
    return [v.strip() for x in values for v in x.split(",") if v.strip()]


def run(args: argparse.Namespace) -> int:
    from govreports.export.corpus import Filters, export, parse_years
    from govreports.export.datasette import write_metadata
    from govreports.store import Store

    if args.datasette_metadata:
        print(f"datasette metadata: {write_metadata(args.datasette_metadata)}")
        if not args.out:
            return 0
    if not args.out:
        print("govreports export: --to DIR is required", file=sys.stderr)
        return 2
    try:
        filters = Filters(sites=_split(args.site), years=parse_years(args.year),
                          editions=_split(args.edition), regions=_split(args.region),
                          only_consistent=args.only_consistent)
        bad = [e for e in filters.editions if e not in ("2019", "2021", "none")]
        if bad:
            raise ValueError(f"--edition must be 2019, 2021 or none, got {', '.join(bad)}")
        formats = tuple(_split([args.format]))
        result = export(Store(args.db), args.out, formats=formats, filters=filters)
    except (ValueError, RuntimeError) as exc:
        print(f"govreports export: {exc}", file=sys.stderr)
        return 2
    print(f"exported {result.reports} reports and {result.cells} cells to {args.out}: {', '.join(result.files)}")
    return 0
