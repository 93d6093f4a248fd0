"""Distributed mode: scrapy-redis frontier on a real redis-server, workers as real `scrapy crawl` processes.

Asserted from the database (after `govreports ingest`), the server's request log and Redis itself.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govreports.demo.portal import build_portal
from govreports.demo.server import PortalServer
from govreports.distributed import serialize
from govreports.sites import Site
from tests.redis_server import start_redis
from tests.test_crawl_e2e import assert_gold_cells, path_of, rows

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4",
        "-s", "CONCURRENT_REQUESTS=4", "-s", "GOVREPORTS_REDIS_HEARTBEAT=0.5", "-s", "LOG_LEVEL=INFO"]


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = start_redis(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


def env_for(redis_url: str, prefix: str, db: Path) -> dict[str, str]:
    return dict(os.environ, GOVREPORTS_REDIS_URL=redis_url, GOVREPORTS_REDIS_PREFIX=prefix, GOVREPORTS_DB=str(db),
                GOVREPORTS_REDIS_IDLE_CLOSE="2")


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    p = subprocess.run([sys.executable, "-m", "govreports.cli", *args], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-3000:]
    return p


def worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "reports", *FAST], cwd=ROOT, env=env,
                            stdout=log.open("w"), stderr=subprocess.STDOUT)


def assert_reports_exactly_once(db: Path, portal) -> None:
    stored = rows(db, "SELECT url, id FROM reports")
    assert len(stored) == len({u for u, _ in stored})
    by_path = {path_of(u): rid for u, rid in stored}
    assert set(by_path) == set(portal.gold)
    for path, gold in portal.gold.items():
        assert_gold_cells(db, by_path[path], gold, path)
    assert rows(db, "SELECT count(*) FROM checks WHERE ok = 0") == [(0,)]


def test_requests_serialise_as_json_not_pickle() -> None:
    site = Site(id="s", name="某区", base_url="http://127.0.0.1:1/", columns=("http://127.0.0.1:1/nb/",))
    data = {"url": "http://127.0.0.1:1/a", "body": b"\x00\xff", "headers": {b"If-None-Match": [b'"e"']},
            "meta": {"site": site, "depth_hops": 2, "handle_httpstatus_list": [304]}}
    raw = serialize.dumps(data)
    assert raw.startswith(b"{") and json.loads(raw)  # plain JSON in Redis
    assert serialize.loads(raw) == data


@pytest.fixture(scope="module")
def two_workers(redis_server, tmp_path_factory):
    """Two workers crawl one portal together through the shared frontier; then ingest."""
    tmp = tmp_path_factory.mktemp("dist")
    db = tmp / "govreports.db"
    portal = build_portal(11, reports=40)
    env = env_for(redis_server.url, "two", db)
    with PortalServer(portal, latency=0.02) as server:
        enq = cli(env, "enqueue", "--url", server.url)
        workers = [worker(env, tmp / f"w{i}.log") for i in range(2)]
        for w in workers:
            assert w.wait(timeout=240) == 0
        ingest = cli(env, "ingest")
        yield portal, server, db, env, tmp, enq, ingest


def test_two_workers_store_every_report_exactly_once(two_workers) -> None:
    portal, server, db, _, _, enq, ingest = two_workers
    assert "new round" in enq.stdout
    assert f"reports new {len(portal.gold)}, updated 0, unchanged 0" in ingest.stdout
    assert_reports_exactly_once(db, portal)


def test_shared_frontier_fetches_no_url_twice(two_workers, redis_server) -> None:
    portal, server, db, _, tmp, _, _ = two_workers
    paths = [h.path for h in server.log if h.path != "/robots.txt"]
    assert len(paths) == len(set(paths)), [p for p in set(paths) if paths.count(p) > 1]
    runs = rows(db, "SELECT pages_fetched, reports_new, finish_reason, json_extract(args, '$.worker') "
                    "FROM crawl_runs ORDER BY id")
    assert len(runs) == 2 and all(r[2] == "finished" for r in runs)
    assert all(r[0] > 0 for r in runs), f"one worker did all the work: {runs}"  # the frontier was shared
    assert sum(r[1] for r in runs) == len(portal.gold)
    assert len({r[3] for r in runs}) == 2
    client = redis_server.client
    assert client.llen("two:journal") == 0 and client.zcard("two:requests") == 0
    assert not [k for k in client.keys("two:inflight:*") if client.hlen(k)]


def test_distributed_recrawl_is_incremental(two_workers) -> None:
    portal, server, db, env, tmp, _, _ = two_workers
    enq = cli(env, "enqueue", "--url", server.url)
    (known,) = rows(db, "SELECT count(*) FROM pages")[0]
    assert known >= len(portal.gold) + 4  # reports, look-alikes, redirects: all known to the workers
    assert "new round" in enq.stdout and f"{known} known pages" in enq.stdout
    mark = len(server.log)
    w = worker(env, tmp / "again.log")
    assert w.wait(timeout=240) == 0
    again = [h.path for h in server.log[mark:]]
    assert again and not any(p in portal.gold for p in again)  # list pages read again, no known report page
    ingest = cli(env, "ingest")
    assert "reports new 0" in ingest.stdout
    assert_reports_exactly_once(db, portal)


def test_killed_worker_leaves_its_requests_to_the_other(redis_server, tmp_path) -> None:
    db = tmp_path / "govreports.db"
    portal = build_portal(12, reports=40)
    env = env_for(redis_server.url, "kill", db)
    with PortalServer(portal, latency=0.15) as server:
        cli(env, "enqueue", "--url", server.url)
        victim = worker(env, tmp_path / "victim.log")
        survivor = worker(env, tmp_path / "survivor.log")
        client = redis_server.client
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # kill while the victim holds requests in flight
            held = [k for k in client.keys("kill:inflight:*") if client.hlen(k)]
            if len(server.log) >= 15 and len(held) == 2:
                break
            time.sleep(0.05)
        victim_keys = {k for k in client.keys("kill:inflight:*") if client.hlen(k)}
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        assert survivor.wait(timeout=240) == 0
        cli(env, "ingest")
    assert_reports_exactly_once(db, portal)
    stats = [json.loads(s) for (s,) in rows(db, "SELECT stats FROM crawl_runs WHERE finished_at IS NOT NULL")]
    assert len(stats) == 1  # the victim never finished; the survivor did
    assert stats[0].get("govreports/distributed/recovered_requests", 0) >= 1
    assert not [k for k in victim_keys if client.exists(k)]
    assert client.zcard("kill:requests") == 0


def _page_item(seed: int) -> dict:
    from govreports.synth.pages import encode_page, wrap_page
    from govreports.synth.render import render_html
    from govreports.synth.report import generate_report

    report = generate_report(seed, edition="2021")
    body = encode_page(wrap_page(render_html(report), style="trs", title=report.gold["title"]))
    return {"url": f"http://127.0.0.1:1/nb/t2022_{seed}.html", "canonical_url": f"http://127.0.0.1:1/nb/t2022_{seed}.html",
            "status": 200, "headers": {"content-type": "text/html; charset=utf-8", "set-cookie": "sid=COOKIE-VALUE-42"},
            "body": body, "site": "s", "fetched_at": "2026-11-01T00:00:00+00:00"}, report


def test_journal_replayed_twice_changes_nothing(redis_server, tmp_path) -> None:
    """Ingest is at-least-once: a batch replayed after a crash must leave the database as it was."""
    from govreports.distributed.ingest import Ingester
    from govreports.distributed.journal import JournalStore
    from govreports.distributed.keys import Keys
    from govreports.page import clean_page
    from govreports.parser import parse_page
    from govreports.store import Store

    keys = Keys("replay")
    client = redis_server.client
    journal = JournalStore(client, keys, "w-test")
    journal.start_run("s", {})
    item, report = _page_item(5)
    journal.archive_page(item)
    record = parse_page(clean_page(item["body"], content_type="text/html", url=item["url"]))
    assert journal.save_report(item, record) == "queued"
    journal.record_failure("http://127.0.0.1:1/gone.html", site="s", kind="http_500", message="boom")
    journal.finish_run(None, {"govreports/pages_fetched": 2}, "finished")
    events = client.lrange(keys.journal, 0, -1)
    assert len(events) == 5 and b"COOKIE-VALUE-42" not in b"".join(events)  # cookies never travel

    store = Store(tmp_path / "g.db")
    first = Ingester(client, keys, store).drain()
    assert first.reports == {"new": 1} and client.llen(keys.journal) == 0
    snapshot = {t: rows(store.path, f"SELECT * FROM {t} ORDER BY 1") for t in ("reports", "cells", "checks")}
    client.rpush(keys.journal, *events)  # the same batch again, as after a crash before LTRIM
    second = Ingester(client, keys, store).drain()
    assert second.reports == {"unchanged": 1}
    assert {t: rows(store.path, f"SELECT * FROM {t} ORDER BY 1") for t in snapshot} == snapshot
    assert rows(store.path, "SELECT count(*), sum(reports_new), max(pages_fetched) FROM crawl_runs") == [(1, 1, 2)]
    cells = dict(((r, c), v) for r, c, v in rows(
        store.path, "SELECT \"row\", \"column\", value FROM cells WHERE \"table\" = 'applications'"))
    for row, cols in report.gold["applications"].items():
        for col, want in cols.items():
            assert math.isclose(cells[(row, col)], want)
    store.close()


def test_one_writer_at_a_time(redis_server, tmp_path) -> None:
    from govreports.distributed.ingest import IngestBusy, Ingester
    from govreports.distributed.keys import Keys
    from govreports.store import Store

    keys = Keys("lock")
    holder = Ingester(redis_server.client, keys, Store(tmp_path / "a.db"))
    holder.acquire()
    with pytest.raises(IngestBusy, match="another ingest"):
        Ingester(redis_server.client, keys, Store(tmp_path / "b.db")).drain()
    holder.release()
    assert Ingester(redis_server.client, keys, Store(tmp_path / "b.db")).drain().events == 0


def test_commands_say_clearly_when_redis_is_missing(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVREPORTS_REDIS")}
    p = subprocess.run([sys.executable, "-m", "govreports.cli", "ingest"], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=60)
    assert p.returncode == 2 and "GOVREPORTS_REDIS_URL" in p.stderr
    p = subprocess.run([sys.executable, "-m", "govreports.cli", "enqueue", "--redis", "redis://127.0.0.1:1/0",
                        "--site", "x"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "cannot reach Redis" in p.stderr and "Traceback" not in p.stderr


def test_worker_with_its_own_site_also_serves_the_frontier(redis_server, tmp_path) -> None:
    """A worker started with -a url=B enqueues B, and still crawls A that was already in the frontier."""
    db = tmp_path / "govreports.db"
    a, b = build_portal(21, reports=6), build_portal(22, reports=6)
    env = env_for(redis_server.url, "own", db)
    with PortalServer(a) as server_a, PortalServer(b) as server_b:
        cli(env, "enqueue", "--url", server_a.url)
        w = subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "reports", "-a", f"url={server_b.url}", *FAST],
                             cwd=ROOT, env=env, stdout=(tmp_path / "w.log").open("w"), stderr=subprocess.STDOUT)
        assert w.wait(timeout=240) == 0
        cli(env, "ingest")
        stored = {u for (u,) in rows(db, "SELECT url FROM reports")}
    assert {u for u in stored if u.startswith(server_a.url)} == {server_a.url + p[1:] for p in a.gold}
    assert {u for u in stored if u.startswith(server_b.url)} == {server_b.url + p[1:] for p in b.gold}


def test_host_slots_are_shared_timed_by_redis_and_leased(redis_server) -> None:
    from govreports.distributed.keys import Keys
    from govreports.distributed.politeness import HostSlots

    keys = Keys("slots")
    one = HostSlots(redis_server.client, keys, concurrency=1, delay=0.3, lease=1.0)
    two = HostSlots(redis_server.client, keys, concurrency=1, delay=0.3, lease=1.0)  # another worker
    assert one.acquire("www.x.gov.cn", "a") == 0.0
    assert two.acquire("www.x.gov.cn", "b") is None  # the host's one slot is taken
    assert two.acquire("www.y.gov.cn", "c") == 0.0  # another portal has its own
    one.release("www.x.gov.cn", "a")
    wait = two.acquire("www.x.gov.cn", "b")
    assert wait is not None and 0.0 < wait <= 0.3  # free, but not before the delay since the last start
    time.sleep(wait + 0.02)
    assert two.acquire("www.x.gov.cn", "b") == 0.0 and one.in_flight("www.x.gov.cn") == 1
    time.sleep(1.1)  # the worker holding "b" died: its lease runs out
    assert one.in_flight("www.x.gov.cn") in (0, 1)
    assert one.acquire("www.x.gov.cn", "d") == 0.0


def test_a_hosts_crawl_delay_spaces_every_workers_requests(redis_server) -> None:
    """A portal whose robots.txt asks for a longer delay than the budget's gets it from every worker."""
    from govreports.distributed.keys import Keys
    from govreports.distributed.politeness import HostSlots

    keys = Keys("delays")
    one = HostSlots(redis_server.client, keys, concurrency=2, delay=0.0, lease=5.0)
    two = HostSlots(redis_server.client, keys, concurrency=2, delay=0.0, lease=5.0)
    assert one.acquire("www.x.gov.cn", "a", 0.5) == 0.0
    wait = two.acquire("www.x.gov.cn", "b", 0.5)  # a free slot, but the host asked for 0.5 s
    assert wait is not None and 0.3 < wait <= 0.5
    assert two.acquire("www.y.gov.cn", "c") == 0.0 and two.acquire("www.y.gov.cn", "d") == 0.0  # no delay asked


def test_a_dead_workers_portal_slots_are_freed_when_it_is_seen_dead(redis_server) -> None:
    from govreports.distributed.keys import Keys
    from govreports.distributed.politeness import HostSlots, release_worker_slots

    keys = Keys("dead")
    slots = HostSlots(redis_server.client, keys, concurrency=2, delay=0, lease=600)
    assert slots.acquire("www.x.gov.cn", "w1|a") == 0.0 and slots.acquire("www.x.gov.cn", "w2|b") == 0.0
    assert slots.acquire("www.y.gov.cn:8080", "w1|c") == 0.0
    assert release_worker_slots(redis_server.client, keys, "w1") == 2  # not after the 600 s lease
    assert slots.in_flight("www.x.gov.cn") == 1 and slots.in_flight("www.y.gov.cn:8080") == 0


def test_two_workers_share_one_politeness_budget_per_portal(redis_server, tmp_path) -> None:
    """GOVREPORTS_HOST_CONCURRENCY=1: two workers, each allowed 4 per domain locally, never have
    two requests at the portal at once (the server's own log of arrivals and answers)."""
    db = tmp_path / "govreports.db"
    portal = build_portal(23, reports=8)
    env = dict(env_for(redis_server.url, "polite", db), GOVREPORTS_HOST_CONCURRENCY="1")
    with PortalServer(portal, latency=0.03) as server:
        cli(env, "enqueue", "--url", server.url)
        logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
        workers = [worker(env, log) for log in logs]
        assert all(w.wait(timeout=240) == 0 for w in workers)
        hits = sorted((h for h in server.log if h.path != "/robots.txt"), key=lambda h: h.started)
    cli(env, "ingest")
    assert_reports_exactly_once(db, portal)
    overlaps = [(a.path, b.path) for a, b in zip(hits, hits[1:], strict=False) if b.started < a.at - 0.002]
    assert not overlaps, overlaps[:5]
    waited = sum(int(m) for log in logs for m in __import__("re").findall(
        r"'govreports/politeness/(?:waits|deferred)': (\d+)", log.read_text()))
    assert waited > 0  # the two workers did contend for the portal
    assert not redis_server.client.keys("polite:host:*:slots") or all(
        redis_server.client.zcard(k) == 0 for k in redis_server.client.keys("polite:host:*:slots"))


def test_a_request_whose_portal_stays_busy_goes_back_to_the_queue() -> None:
    import asyncio

    from scrapy import Request

    from govreports.distributed.frontier import TOKEN
    from govreports.distributed.politeness import DEFERRALS, SLOT, SharedPolitenessMiddleware

    class Busy:  # every slot of the portal taken, for as long as we look
        def acquire(self, host, token, delay=None):
            return None

    class Free:
        released: list = []

        def acquire(self, host, token, delay=None):
            return 0.0

        def release(self, host, token):
            self.released.append(host)

    class Stats:
        def __init__(self):
            self.values: dict[str, int] = {}

        def inc_value(self, key, n=1):
            self.values[key] = self.values.get(key, 0) + n

    crawler = type("Crawler", (), {"stats": Stats()})()
    request = Request("http://www.x.gov.cn:8080/a.html", priority=60, meta={TOKEN: "w.1"})
    again = asyncio.run(SharedPolitenessMiddleware(crawler, Busy()).process_request(request))
    assert isinstance(again, Request) and again.url == request.url and again.dont_filter
    assert again.priority == 59 and again.meta[DEFERRALS] == 1 and again.meta[TOKEN] == "w.1"  # the frontier hands over
    assert crawler.stats.values["govreports/politeness/deferred"] == 1
    free = Free()
    middleware = SharedPolitenessMiddleware(crawler, free)
    assert asyncio.run(middleware.process_request(request)) is None
    assert request.meta[SLOT][0] == "www.x.gov.cn:8080"
    middleware.process_response(request, object())
    assert free.released == ["www.x.gov.cn:8080"] and SLOT not in request.meta


def test_a_sites_request_budget_is_shared_by_all_workers(redis_server, tmp_path) -> None:
    db = tmp_path / "govreports.db"
    portal = build_portal(24)  # about 70 pages: far more than the budget
    env = dict(env_for(redis_server.url, "budget", db), GOVREPORTS_HOST_CONCURRENCY="1")
    with PortalServer(portal, latency=0.1) as server:  # one at a time, slowly: both workers take pages
        cli(env, "enqueue", "--url", server.url, "--max-pages", "20")
        workers = [worker(env, tmp_path / f"w{i}.log") for i in range(2)]
        assert all(w.wait(timeout=240) == 0 for w in workers)
        fetched = [h.path for h in server.log if h.path != "/robots.txt"]
    spent = {as_text(k): int(v) for k, v in redis_server.client.hgetall("budget:budgets").items()}
    assert list(spent.values()) == [20]  # one site, 20 requests made by the two workers together
    assert 10 < len(fetched) <= 20, fetched
    cli(env, "ingest")
    runs = rows(db, "SELECT pages_fetched FROM crawl_runs")
    assert len(runs) == 2 and sum(r[0] for r in runs) <= 20  # two workers' runs, within one budget


def as_text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def test_trap_bounds_and_budgets_are_one_for_all_workers_and_reset_by_a_new_round(redis_server) -> None:
    from govreports.distributed.bounds import SharedBounds, clear_round
    from govreports.distributed.keys import Keys

    keys = Keys("bounds")
    one, two = SharedBounds(redis_server.client, keys), SharedBounds(redis_server.client, keys)  # two workers
    assert one.admit_variant("x.gov.cn", "/calendar", "d=1", 2) and two.admit_variant("x.gov.cn", "/calendar", "d=2", 2)
    assert not one.admit_variant("x.gov.cn", "/calendar", "d=3", 2)  # the cap holds across workers
    assert two.admit_variant("x.gov.cn", "/calendar", "d=1", 2)  # a known variant always passes
    assert one.admit_variant("x.gov.cn", "/search", "q=1", 2)  # another path has its own set
    one.spend("site"), two.spend("site")
    assert one.spent("site") == two.spent("site") == 2
    clear_round(redis_server.client, keys)
    assert one.spent("site") == 0 and one.admit_variant("x.gov.cn", "/calendar", "d=3", 2)
