"""``govreports demo``: serve the bundled sample portal on 127.0.0.1, crawl it for real, show what landed."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HELP = "crawl the bundled sample portal on 127.0.0.1 (no internet needed) and show the database"
#: The sample portal's usual port: the same address each time makes a second run a re-crawl of the
#: same site (the site is its host and port), not a new site beside the first one.
DEMO_PORT = 8787


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database path (default: $GOVREPORTS_DB or output/govreports.db)")
    parser.add_argument("--seed", type=int, default=2024, help="which generated portal to serve")
    parser.add_argument("--keep-serving", action="store_true", help="keep the portal up after the crawl")
    parser.add_argument("--port", type=int, default=DEMO_PORT,
                        help=f"port on 127.0.0.1 (default {DEMO_PORT}, or a free one when it is taken)")


def run(args: argparse.Namespace) -> int:
    from govreports.demo.portal import build_portal
    from govreports.demo.server import PortalServer
    from govreports.store import Store, default_db_path

    db = (Path(args.db) if args.db else default_db_path()).resolve()
    portal = build_portal(args.seed)
    try:
        server = PortalServer(portal, port=args.port)
    except OSError as exc:
        print(f"port {args.port} is taken ({exc.strerror}): serving on a free port, which the database "
              "will hold as a new site")
        server = PortalServer(portal)
    with server:
        print(f"serving the sample portal ({len(portal.gold)} reports, {len(portal.traps)} traps) at {server.url}")
        cmd = [sys.executable, "-m", "scrapy", "crawl", "reports", "-a", f"url={server.url}",
               "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
               "-s", "LOG_LEVEL=WARNING"]
        print("running:", " ".join(cmd[1:]))
        env = dict(os.environ, GOVREPORTS_DB=str(db), SCRAPY_SETTINGS_MODULE="govreports.settings")
        code = subprocess.run(cmd, env=env).returncode
        if code:
            print(f"govreports demo: the crawl failed (exit {code})", file=sys.stderr)
            return code
        show(Store(db), len(server.log))
        if args.keep_serving:
            input(f"portal still at {server.url} — press Enter to stop ")
    return 0


def show(store, requests: int) -> None:
    db = store.db
    run = store.last_run()
    print(f"\ndatabase: {store.path}")
    fresh = json.loads(run.get("stats") or "{}").get("govreports/reports_skipped_fresh", 0)
    print(f"last crawl: {run['reports_new']} new, {run['reports_updated']} updated, "
          f"{run['reports_unchanged']} unchanged, {fresh} known and fresh (not fetched again), "
          f"{run['non_reports_dropped']} non-reports dropped, {run['errors']} errors, {requests} requests served")
    print("\nreports by year and edition:")
    for year, edition, n in db.execute("SELECT year, edition, count(*) FROM reports GROUP BY 1, 2 ORDER BY 1, 2"):
        print(f"  {year}  edition {edition}: {n}")
    print("\na few reports (requests received this year / granted / total handled):")
    sql = ("SELECT r.title, max(CASE WHEN c.row='new_received' THEN c.value END), "
           "max(CASE WHEN c.row='granted' THEN c.value END), max(CASE WHEN c.row='total' THEN c.value END) "
           "FROM reports r JOIN cells c ON c.report_id = r.id AND c.\"table\"='applications' AND c.\"column\"='total' "
           "GROUP BY r.id ORDER BY r.year DESC, r.title LIMIT 6")
    for title, new, granted, total in db.execute(sql):
        print(f"  {title}: {new} / {granted} / {total}")
    failed = db.execute("SELECT count(*) FROM reports WHERE failed_checks > 0").fetchone()[0]
    print(f"\nreports with a failed arithmetic check: {failed}")
    for url, kind in db.execute("SELECT url, kind FROM pages WHERE kind LIKE 'non_report%' ORDER BY url LIMIT 5"):
        print(f"  dropped {kind}: {url}")
