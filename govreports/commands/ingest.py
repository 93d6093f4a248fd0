"""``govreports ingest``: the single writer of a distributed crawl, from the Redis journal into SQLite."""

from __future__ import annotations

import argparse
import sys

from govreports.commands._redis import add_redis_arguments, connect

HELP = "write what distributed workers found (the Redis journal) into the SQLite database"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database path (default: $GOVREPORTS_DB or output/govreports.db)")
    parser.add_argument("--follow", action="store_true",
                        help="keep writing as workers push (stop with Ctrl-C, or see --until-idle)")
    parser.add_argument("--until-idle", type=float, metavar="SECONDS",
                        help="with --follow: stop once the journal and the frontier have been empty this long")
    parser.add_argument("--batch", type=int, default=500, help="events per SQLite transaction (default 500)")
    add_redis_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from govreports.distributed.ingest import IngestBusy, Ingester
    from govreports.store import Store

    conn = connect(args, "ingest")
    if conn is None:
        return 2
    server, keys = conn
    store = Store(args.db)
    ingester = Ingester(server, keys, store)

    def progress(r) -> None:
        if r.batches % 20 == 0:
            print(f"  {r.events} events, reports {dict(r.reports)}…", file=sys.stderr)

    try:
        result = ingester.drain(batch=max(1, args.batch), follow=args.follow or args.until_idle is not None,
                                idle_exit=args.until_idle, progress=progress)
    except IngestBusy as exc:
        print(f"govreports ingest: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("govreports ingest: interrupted; what was written is committed, the rest stays in Redis",
              file=sys.stderr)
        return 130
    finally:
        store.close()
    reports = ", ".join(f"{k} {result.reports.get(k, 0)}" for k in ("new", "updated", "unchanged"))
    print(f"ingest: {result.events} events into {store.path}: reports {reports}; "
          f"pages {result.ops.get('archive', 0)}, failures {result.ops.get('failure', 0)}"
          + (f"; {result.bad_events} unreadable events skipped" if result.bad_events else ""))
    return 0
