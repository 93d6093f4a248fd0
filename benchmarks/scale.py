"""Scale benchmark: one shared scrapy-redis frontier, 1, 2 and 4 workers, the same ≥ 2,000-page crawl.

Serves several generated portals (one multi-threaded HTTP server each, so each is its own
host:port and downloader slot, as distinct district sites are) with a fixed response latency,
starts a private redis-server, and for each worker count: enqueues the sites, runs that many
`scrapy crawl reports` workers at once, then `govreports ingest` into a fresh database. Prints
pages/s over the crawl (first to last request the servers saw), the speed-up over one worker,
the ingest rate, and checks every report landed exactly once. Politeness is off for the 1/2/4
rows (the engine's scaling); a last row runs 4 workers again with the shared per-portal budget
on (4 requests at a time per portal, all workers together) to show what it costs. Ends with a
RESULT line.

usage: python benchmarks/scale.py [SITES] [REPORTS_PER_SITE] [LATENCY_S]     (default 8 250 0.05)
Needs redis-server on PATH (apt-get install redis-server) and the redis extra.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from govreports.demo.portal import build_portal
from govreports.demo.server import PortalServer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.redis_server import RedisServer  # noqa: E402

WORKER = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4",
          "-s", "CONCURRENT_REQUESTS=16", "-s", "LOG_LEVEL=ERROR", "-s", "GOVREPORTS_REDIS_HEARTBEAT=1"]


def run(workers: int, servers: list[PortalServer], redis_url: str, tmp: Path, *, shared: bool = False) -> dict:
    prefix = f"scale{workers}{'s' if shared else ''}"
    db = tmp / f"{prefix}.db"
    env = dict(os.environ, GOVREPORTS_REDIS_URL=redis_url, GOVREPORTS_REDIS_PREFIX=prefix, GOVREPORTS_DB=str(db),
               GOVREPORTS_REDIS_IDLE_CLOSE="2", GOVREPORTS_SHARED_POLITENESS="1" if shared else "0",
               GOVREPORTS_HOST_CONCURRENCY="4")
    for s in servers:
        s.log.clear()
        subprocess.run([sys.executable, "-m", "govreports.cli", "enqueue", "--url", s.url, "--max-pages", "100000"],
                       cwd=ROOT, env=env, check=True, capture_output=True)
    t = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "reports", *WORKER], cwd=ROOT, env=env)
             for _ in range(workers)]
    for p in procs:
        if p.wait() != 0:
            raise SystemExit(f"a worker failed (exit {p.returncode})")
    wall = time.perf_counter() - t
    hits = [h for s in servers for h in s.log if h.path != "/robots.txt"]
    span = max(h.at for h in hits) - min(h.at for h in hits)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "govreports.cli", "ingest", "--batch", "1000"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    ingest_s = time.perf_counter() - t
    con = sqlite3.connect(db)
    reports, distinct = con.execute("SELECT count(*), count(DISTINCT url) FROM reports").fetchone()
    per_worker = [n for (n,) in con.execute("SELECT pages_fetched FROM crawl_runs ORDER BY id")]
    con.close()
    return {"workers": workers, "shared": shared, "pages": len(hits), "span_s": span, "wall_s": wall, "pages_per_s": len(hits) / span,
            "ingest_s": ingest_s, "reports": reports, "distinct": distinct, "per_worker": per_worker}


def main() -> None:
    sites = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    per_site = int(sys.argv[2]) if len(sys.argv) > 2 else 250
    latency = float(sys.argv[3]) if len(sys.argv) > 3 else 0.05
    t = time.perf_counter()
    portals = [build_portal(100 + i, reports=per_site, name=f"第{i + 1}区人民政府") for i in range(sites)]
    gold = sum(len(p.gold) for p in portals)
    print(f"{sites} portals, {sum(len(p.resources) for p in portals)} resources, {gold} reports, "
          f"latency {latency * 1000:.0f} ms per response, {os.cpu_count()} CPU(s); built in "
          f"{time.perf_counter() - t:.0f} s")
    with tempfile.TemporaryDirectory() as tmp_:
        tmp = Path(tmp_)
        redis = RedisServer(tmp)
        servers = [PortalServer(p, latency=latency).__enter__() for p in portals]
        try:
            results = [run(n, servers, redis.url, tmp) for n in (1, 2, 4)]
            results.append(run(4, servers, redis.url, tmp, shared=True))  # the same, politeness shared per portal
        finally:
            for s in servers:
                s.__exit__(None, None, None)
            redis.stop()
    base = results[0]["pages_per_s"]
    print(f"{'workers':>7} {'shared politeness':>18} {'pages':>6} {'crawl s':>8} {'pages/s':>8} {'× one':>6} "
          f"{'ingest s':>9} {'reports':>8}  pages per worker")
    for r in results:
        ok = "ok" if r["reports"] == r["distinct"] == gold else f"WRONG (gold {gold})"
        shared = "4 per portal" if r["shared"] else "off"
        print(f"{r['workers']:>7} {shared:>18} {r['pages']:>6} {r['span_s']:>8.1f} {r['pages_per_s']:>8.1f} "
              f"{r['pages_per_s'] / base:>6.2f} {r['ingest_s']:>9.1f} {r['reports']:>8} {ok:3} {r['per_worker']}")
    ingest_rate = sum(r["reports"] for r in results) / sum(r["ingest_s"] for r in results)
    print(f"RESULT pages={results[0]['pages']} pages_per_s_1={base:.1f} "
          f"pages_per_s_2={results[1]['pages_per_s']:.1f} pages_per_s_4={results[2]['pages_per_s']:.1f} "
          f"ratio_2={results[1]['pages_per_s'] / base:.2f} ratio_4={results[2]['pages_per_s'] / base:.2f} "
          f"pages_per_s_4_shared={results[3]['pages_per_s']:.1f} "
          f"ingest_reports_per_s={ingest_rate:.0f} cpus={os.cpu_count()}")


if __name__ == "__main__":
    main()
