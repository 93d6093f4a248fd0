"""``govreports sites``: list or check the site registry."""

from __future__ import annotations

import argparse
import sys

HELP = "list the site registry (or --check a registry file)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--file", help="a registry CSV of your own (default: the shipped registry)")
    parser.add_argument("--check", action="store_true", help="validate only; exit 1 with the problem named")


def run(args: argparse.Namespace) -> int:
    from govreports.sites import RegistryError, load_sites

    try:
        sites = load_sites(args.file)
    except RegistryError as exc:
        print(f"govreports sites: {exc}", file=sys.stderr)
        return 1
    if args.check:
        print(f"ok: {len(sites)} sites, {sum(1 for s in sites if s.region_code)} with a region code, "
              f"{sum(1 for s in sites if s.columns)} with a known report column")
        return 0
    for s in sites:
        print(f"{s.id:24} {s.region_code or '------'}  {s.cms or '-':8} {s.base_url:40} {s.name}")
    return 0
