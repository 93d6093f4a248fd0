"""``govreports enqueue``: put sites into the shared frontier of a distributed crawl."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from govreports.commands._redis import add_redis_arguments, connect

HELP = "seed the shared (Redis) frontier with sites for distributed workers; --status shows the frontier"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", help="registry site id(s), comma-separated (default: every registry site)")
    parser.add_argument("--url", help="any portal's home page (its host becomes the site)")
    parser.add_argument("--sites-file", help="a registry CSV of your own")
    parser.add_argument("--full", action="store_true", help="fetch everything again, ignoring what is known")
    parser.add_argument("--refresh-days", type=int, help="known report pages younger than this are skipped")
    parser.add_argument("--max-pages", type=int, help="request budget per site (per worker)")
    parser.add_argument("--db", help="database whose knowledge keeps the re-crawl incremental "
                                     "(default: $GOVREPORTS_DB or output/govreports.db, if it exists)")
    parser.add_argument("--status", action="store_true", help="print what the frontier holds and exit")
    add_redis_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from govreports.distributed.seeds import enqueue
    from govreports.distributed.state import status
    from govreports.spiders.reports import ArgumentError, ReportsSpider
    from govreports.store import Store, default_db_path

    conn = connect(args, "enqueue")
    if conn is None:
        return 2
    server, keys = conn
    if args.status:
        print(json.dumps(status(server, keys), ensure_ascii=False, indent=2))
        return 0
    try:
        sites = ReportsSpider._sites(args.site, args.url, args.sites_file)
    except ArgumentError as exc:
        print(f"govreports enqueue: {str(exc).replace('-a ', '--')}", file=sys.stderr)
        return 2
    db = Path(args.db) if args.db else default_db_path()
    store = Store(db) if db.exists() else None
    try:
        result = enqueue(server, keys, sites, store=store, full=args.full, refresh_days=args.refresh_days,
                         max_pages=args.max_pages)
    finally:
        if store is not None:
            store.close()
    print(f"enqueued {result.sites} site(s) into {keys.prefix} (round {result.round}"
          f"{', new round' if result.new_round else ', joining the running round'}): "
          f"{result.known_pages} known pages, {result.failures} failures to retry"
          + ("" if store is not None else f"; no database at {db}, so everything is fetched"))
    return 0
