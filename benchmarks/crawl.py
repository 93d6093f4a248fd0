"""Crawl benchmark: a local portal of ≥ 1,000 pages, politeness off, next to `scrapy bench` in the same run.

Prints pages/s of our full crawl (fetch + clean + parse + store) and of `scrapy bench` (fetch and
follow links only, Scrapy's own ceiling on this machine) and their ratio (target ≥ 0.5); then
re-crawls the unchanged portal and prints its requests and time as ratios to the full crawl
(target ≤ 0.1). Ends with a RESULT line.   usage: python benchmarks/crawl.py [REPORTS]
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from govreports.demo.portal import build_portal
from govreports.demo.server import PortalServer

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
        "-s", "CONCURRENT_REQUESTS=16", "-s", "LOG_LEVEL=WARNING"]


def crawl(url: str, db: Path) -> dict:
    env = dict(os.environ, GOVREPORTS_DB=str(db))
    subprocess.run([sys.executable, "-m", "scrapy", "crawl", "reports", "-a", f"url={url}", "-a", "max_pages=100000",
                    *FAST], cwd=ROOT, env=env, check=True)
    con = sqlite3.connect(db)
    stats = json.loads(con.execute("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()[0])
    con.close()
    return stats


def scrapy_bench(seconds: int = 10) -> float:
    out = subprocess.run([sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}",
                          "-s", "LOG_LEVEL=INFO"], cwd=tempfile.gettempdir(), capture_output=True, text=True)
    rates = [int(x) for x in re.findall(r"Crawled \d+ pages \(at (\d+) pages/min\)", out.stderr)]
    stats = re.search(r"'response_received_count': (\d+)", out.stderr)
    elapsed = re.search(r"'elapsed_time_seconds': ([\d.]+)", out.stderr)
    if stats and elapsed:
        return int(stats.group(1)) / float(elapsed.group(1))
    return max(rates) / 60 if rates else float("nan")


def main() -> None:
    reports = int(sys.argv[1]) if len(sys.argv) > 1 else 900
    t = time.perf_counter()
    portal = build_portal(3, reports=reports)
    print(f"portal: {len(portal.resources)} resources, {len(portal.gold)} reports (built in "
          f"{time.perf_counter() - t:.1f} s)")
    with tempfile.TemporaryDirectory() as tmp, PortalServer(portal) as server:
        db = Path(tmp) / "bench.db"
        full = crawl(server.url, db)
        full_requests = len(server.log)
        full_s = full["elapsed_time_seconds"]
        stored = sqlite3.connect(db).execute("SELECT count(*) FROM reports").fetchone()[0]
        mark = len(server.log)
        again = crawl(server.url, db)
        re_requests = len(server.log) - mark
        re_s = again["elapsed_time_seconds"]
    bench = scrapy_bench()
    ours = full_requests / full_s
    print(f"full crawl: {full_requests} requests, {stored} reports stored, {full_s:.1f} s, {ours:.0f} pages/s")
    print(f"scrapy bench (same machine, same run): {bench:.0f} pages/s")
    print(f"re-crawl of the unchanged portal: {re_requests} requests, {re_s:.1f} s")
    print(f"RESULT pages_per_s={ours:.0f} bench_pages_per_s={bench:.0f} ratio_to_bench={ours / bench:.2f} "
          f"recrawl_requests_ratio={re_requests / full_requests:.3f} recrawl_time_ratio={re_s / full_s:.3f}")


if __name__ == "__main__":
    main()
