"""``govreports stats``: reports, failed checks and warnings per site, year, region or edition."""

from __future__ import annotations

import argparse
import sys

HELP = "corpus statistics: reports, failed checks, warnings, blank cells (--by site|year|region|edition)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", default="year", choices=("site", "year", "region", "edition"))
    parser.add_argument("--db", help="database path (default: $GOVREPORTS_DB or output/govreports.db)")


def run(args: argparse.Namespace) -> int:
    from govreports.export.stats import corpus_stats, format_stats
    from govreports.store import Store

    try:
        print(format_stats(corpus_stats(Store(args.db), args.by), args.by))
    except ValueError as exc:
        print(f"govreports stats: {exc}", file=sys.stderr)
        return 2
    return 0
