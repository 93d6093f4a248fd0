"""End to end: the real `scrapy crawl reports` (subprocess) against the generated portal on 127.0.0.1.

Assertions come from the database and from the server's own request log.
"""

from __future__ import annotations

import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govreports.demo.portal import Resource, build_portal
from govreports.demo.server import PortalServer
from govreports.synth.pages import encode_page, wrap_page
from govreports.synth.render import render_html
from govreports.synth.report import generate_report

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s", "LOG_LEVEL=INFO"]


def crawl(url: str, db: Path, *args: str, extra: list[str] | None = None, wait: bool = True):
    cmd = [sys.executable, "-m", "scrapy", "crawl", "reports", "-a", f"url={url}", *[x for a in args
                                                                                    for x in ("-a", a)]]
    env = dict(os.environ, GOVREPORTS_DB=str(db))
    if not wait:
        return subprocess.Popen(cmd + (extra or FAST), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    p = subprocess.run(cmd + (extra or FAST), cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert p.returncode == 0, p.stderr[-3000:]
    return p


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def path_of(url: str) -> str:
    return url.split("/", 3)[3].join(["/", ""])


def assert_gold_cells(db: Path, rid: str, gold: dict, path: str) -> None:
    """Every gold cell of a report stored with its value (blanks in gold are not looked up)."""
    cells = {(t, r, c): v for t, r, c, v in rows(
        db, 'SELECT "table", "row", "column", value FROM cells WHERE report_id = ?', (rid,))}
    for table in ("active_disclosure", "applications", "reviews_litigation"):
        for row, cols in gold[table].items():
            for col, want in cols.items():
                assert math.isclose(cells[(table, row, col)], want), (path, table, row, col)


@pytest.fixture(scope="module")
def portal_run(tmp_path_factory):
    portal = build_portal(7)
    db = tmp_path_factory.mktemp("crawl") / "govreports.db"
    with PortalServer(portal) as server:
        crawl(server.url, db)
        yield portal, server, db


def test_every_report_stored_with_its_numbers(portal_run) -> None:
    portal, server, db = portal_run
    stored = {path_of(u): rid for u, rid in rows(db, "SELECT url, id FROM reports")}
    assert set(stored) == set(portal.gold)
    for path, gold in portal.gold.items():
        rid = stored[path]
        title, year, edition = rows(db, "SELECT title, year, edition FROM reports WHERE id = ?", (rid,))[0]
        assert (title, year, edition) == (gold["title"], gold["year"], gold["edition"])
        assert_gold_cells(db, rid, gold, path)
    assert rows(db, "SELECT count(*) FROM checks WHERE ok = 0") == [(0,)]


def test_no_trap_stored_and_no_forbidden_request(portal_run) -> None:
    portal, server, db = portal_run
    stored = {path_of(u) for (u,) in rows(db, "SELECT url FROM reports")}
    assert not stored & set(portal.traps)
    kinds = dict(rows(db, "SELECT url, kind FROM pages"))
    lookalikes = [u for u, k in kinds.items() if k.startswith("non_report")]
    assert len(lookalikes) >= 4
    paths = [h.path for h in server.log]
    assert not any(p.startswith("/private/") for p in paths)  # robots.txt
    assert sum(p.startswith("/calendar/") for p in paths) <= 1
    assert len(paths) < 80  # a bounded crawl: 24 reports, 4 look-alikes, lists, navigation
    assert len(paths) == len(set(paths)) + sum(1 for p in paths if p == "/robots.txt") - 1  # nothing twice
    stats = json.loads(rows(db, "SELECT stats FROM crawl_runs ORDER BY id LIMIT 1")[0][0])
    # the redirect to offsite.example.com was refused (by Scrapy's offsite filter or ours, whichever runs first)
    assert stats.get("offsite/filtered", 0) + stats.get("govreports/blocked/offsite", 0) >= 1
    assert not any("offsite.example.com" in u for (u,) in rows(db, "SELECT url FROM failures"))
    assert not any("utm_source" in p for p in paths)


def test_run_recorded_with_counts(portal_run) -> None:
    portal, _, db = portal_run
    run = rows(db, "SELECT reports_new, non_reports_dropped, finished_at, finish_reason FROM crawl_runs "
                   "ORDER BY id LIMIT 1")[0]
    assert run[0] == len(portal.gold) and run[1] >= 4 and run[2] and run[3] == "finished"


def test_recrawl_fetches_no_unchanged_report_and_updates_exactly_the_changed_one(portal_run) -> None:
    portal, server, db = portal_run
    before = dict(rows(db, "SELECT id, content_hash FROM reports"))
    mark = len(server.log)
    crawl(server.url, db)  # default refresh: known report pages are fresh, not fetched
    second = [h.path for h in server.log[mark:]]
    assert not any(p in portal.gold for p in second)
    assert dict(rows(db, "SELECT id, content_hash FROM reports")) == before

    changed = next(p for p in portal.gold if p.startswith("/zwgk/zfxxgknb/"))
    gold = portal.gold[changed]
    report = generate_report(99, edition=gold["edition"], year=gold["year"], agency=gold["agency"])
    server.set(changed, encode_page(wrap_page(render_html(report), style="trs", title=report.gold["title"])))
    mark = len(server.log)
    crawl(server.url, db, "refresh_days=0")  # stale: conditional requests for every known report
    third = [h for h in server.log[mark:] if h.path in portal.gold]
    assert {h.path for h in third} == set(portal.gold)
    assert all(h.headers.get("If-None-Match") for h in third)
    assert {h.path for h in third if h.status == 200} == {changed}
    after = dict(rows(db, "SELECT id, content_hash FROM reports"))
    assert len(after) == len(before)
    assert [rid for rid in after if after[rid] != before[rid]] == [
        rid for (rid,) in rows(db, "SELECT id FROM reports WHERE url LIKE ?", (f"%{changed}",))]
    total = rows(db, "SELECT value FROM cells c JOIN reports r ON r.id = c.report_id WHERE r.url LIKE ? AND "
                     "\"table\" = 'applications' AND \"row\" = 'total' AND \"column\" = 'total'", (f"%{changed}",))
    assert total == [(report.gold["applications"]["total"]["total"],)]


def test_a_page_archived_but_never_stored_is_fetched_again_whole(tmp_path) -> None:
    """The window a kill can hit: the raw page is archived, its report was never written.

    The next default run must not take the page as known and fresh (nor ask for a 304): it
    fetches the page again without validators and stores the report.
    """
    portal = build_portal(5)
    db = tmp_path / "pending.db"
    with PortalServer(portal) as server:
        crawl(server.url, db)
        path = next(p for p in portal.gold if p.startswith("/zwgk/zfxxgknb/"))
        (rid,) = rows(db, "SELECT id FROM reports WHERE url LIKE ?", (f"%{path}",))[0]
        con = sqlite3.connect(db)
        with con:  # the state of a crawl killed between ArchivePipeline and StorePipeline
            for table, key in (("cells", "report_id"), ("checks", "report_id"), ("reports", "id")):
                con.execute(f"DELETE FROM {table} WHERE {key} = ?", (rid,))
            con.execute("UPDATE pages SET kind = 'report_page' WHERE url LIKE ?", (f"%{path}",))
        con.close()
        mark = len(server.log)
        p = crawl(server.url, db)
        again = [h for h in server.log[mark:] if h.path == path]
        assert len(again) == 1 and again[0].status == 200 and not again[0].headers.get("If-None-Match")
        assert not any(h.path in portal.gold for h in server.log[mark:] if h.path != path)
        assert "pending_refetched" in p.stderr
    assert_gold_cells(db, rid, portal.gold[path], path)
    assert rows(db, "SELECT kind FROM pages WHERE url LIKE ?", (f"%{path}",)) == [("report",)]


def test_sigkill_midway_leaves_a_consistent_database_and_the_next_run_completes(tmp_path) -> None:
    portal = build_portal(11)
    db = tmp_path / "killed.db"
    slow = ["-s", "DOWNLOAD_DELAY=0.15", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
            "-s", "RANDOMIZE_DOWNLOAD_DELAY=0"]
    with PortalServer(portal) as server:
        proc = crawl(server.url, db, extra=slow, wait=False)
        deadline = time.time() + 60
        while time.time() < deadline:
            time.sleep(0.2)
            try:
                if db.exists() and rows(db, "SELECT count(*) FROM reports")[0][0] >= 3:
                    break
            except sqlite3.OperationalError:
                continue
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert rows(db, "PRAGMA integrity_check") == [("ok",)]
        partial = rows(db, "SELECT count(*) FROM reports")[0][0]
        assert 3 <= partial < len(portal.gold)
        assert rows(db, "SELECT count(*) FROM reports r WHERE NOT EXISTS "
                        "(SELECT 1 FROM cells c WHERE c.report_id = r.id)") == [(0,)]
        assert rows(db, "SELECT count(*) FROM cells c WHERE NOT EXISTS "
                        "(SELECT 1 FROM reports r WHERE r.id = c.report_id)") == [(0,)]
        crawl(server.url, db)
        assert rows(db, "SELECT count(*) FROM reports")[0][0] == len(portal.gold)


def test_gkmlpt_portal_json_lists_and_script_bodies(tmp_path) -> None:
    """Guangdong's gkmlpt: catalogue in window._CONFIG, JSON list API, bodies escaped in script data."""
    from govreports.demo.portal import build_gkmlpt_portal

    portal = build_gkmlpt_portal()
    db = tmp_path / "gkmlpt.db"
    with PortalServer(portal) as server:
        crawl(server.url, db)
        paths = [h.path for h in server.log]
    stored = {path_of(u): rid for u, rid in rows(db, "SELECT url, id FROM reports")}
    assert set(stored) == set(portal.gold)
    for path, gold in portal.gold.items():
        title, year, edition = rows(db, "SELECT title, year, edition FROM reports WHERE id = ?", (stored[path],))[0]
        assert (title, year, edition) == (gold["title"], gold["year"], gold["edition"])
        assert_gold_cells(db, stored[path], gold, path)
    text = rows(db, "SELECT text FROM reports LIMIT 1")[0][0]
    assert "_CONFIG" not in text and "网站标识码" not in text and "\\u003C" not in text
    assert "/gkmlpt/api/all/21?page=3&sid=4406xx" in paths  # 7 reports, 3 a page
    assert not any(p.startswith("/gkmlpt/api/all/21?page=4") for p in paths)  # the short last page ends it
    assert not any(p.startswith("/gkmlpt/api/all/22") for p in paths)  # not a report category


def test_families_portal_script_lists_posts_onclick_pagers_and_file_only_reports(tmp_path) -> None:
    """PORTALS.md's other families: Zhejiang /api-gateway tags, Jiangxi POST /queryList, Liaoning
    onclick pagers, Chengdu column-index-N, Tianjin isDownLoad links, reports published only as files."""
    from govreports.demo.portal import build_families_portal

    portal = build_families_portal()
    db = tmp_path / "families.db"
    with PortalServer(portal) as server:
        crawl(server.url, db)
        log = list(server.log)
    stored = {path_of(u): (rid, kind) for u, rid, kind in rows(db, "SELECT url, id, kind FROM reports")}
    assert set(stored) == set(portal.gold) | set(portal.files)
    for path, gold in portal.gold.items():
        rid, kind = stored[path]
        title, year, edition = rows(db, "SELECT title, year, edition FROM reports WHERE id = ?", (rid,))[0]
        assert (kind, title, year, edition) == ("report", gold["title"], gold["year"], gold["edition"])
        assert_gold_cells(db, rid, gold, path)
    for path, text in portal.files.items():  # recorded from the list link, never downloaded
        rid, kind = stored[path]
        title, year, edition, record = rows(db, "SELECT title, year, edition, record FROM reports WHERE id = ?",
                                            (rid,))[0]
        assert (kind, title, edition) == ("attachment_only", text, None)
        assert year == int(text[text.index("20"):][:4])  # the year the report covers, from its link text
        assert json.loads(record)["page"]["attachments"][0]["url"].endswith(path)
        assert sum(h.path == path for h in log) == (1 if ".jsp?" in path else 0)  # a download link is asked once
    posts = [h for h in log if h.method == "POST"]
    assert {h.path for h in posts} == {"/queryList"}  # the page counter is not a list: never called
    assert sorted(h.form["current"][0] for h in posts) == ["1", "2"]  # 5 records, 3 a page
    assert all(h.form["channelId"] == ["nb01"] for h in posts)
    gateway = [h.path for h in log if h.path.startswith("/api-gateway/")]
    assert len(gateway) == 2 and all("webId=2652" in p for p in gateway)
    assert any("%22pageNo%22%3A2" in p for p in gateway)
    assert "/cdnb/column-index-2.shtml" in {h.path for h in log}
    assert "/lnnb/list-2.shtml" in {h.path for h in log}


def test_per_portal_concurrency_holds_even_without_a_delay(tmp_path) -> None:
    """Scrapy 2.19 lets a burst of queued requests start together when DOWNLOAD_DELAY is 0; the
    portal's budget (SharedPolitenessMiddleware, in memory on one machine) holds it to 2."""
    portal = build_portal(9, reports=12)
    db = tmp_path / "polite.db"
    extra = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
             "-s", "CONCURRENT_REQUESTS=16", "-s", "LOG_LEVEL=INFO"]
    with PortalServer(portal, latency=0.03) as server:
        crawl(server.url, db, extra=extra)
        events = sorted([(h.started, 1) for h in server.log] + [(h.at, -1) for h in server.log])
    in_flight = peak = 0
    for _, step in events:
        in_flight += step
        peak = max(peak, in_flight)
    assert peak == 2  # never more, and the budget was used
    assert len(rows(db, "SELECT id FROM reports")) == len(portal.gold)


def test_a_robots_crawl_delay_is_honoured_with_autothrottle_on_and_no_download_delay(tmp_path) -> None:
    """robots.txt asks for 0.6 s between requests: every request after it starts at least that long
    after the one before, though DOWNLOAD_DELAY is 0, AutoThrottle would shorten the delay and
    eight requests may run at once."""
    portal = build_portal(10, reports=12)
    portal.resources["/robots.txt"] = Resource(b"User-agent: *\nCrawl-delay: 0.6\nDisallow: /private/\n",
                                               content_type="text/plain")
    db = tmp_path / "delay.db"
    extra = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=1", "-s", "AUTOTHROTTLE_START_DELAY=0",
             "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=INFO"]
    with PortalServer(portal) as server:
        p = crawl(server.url, db, "max_pages=8", extra=extra)
        starts = sorted(h.started for h in server.log if h.path != "/robots.txt")
    assert f"127.0.0.1:{server.httpd.server_address[1]} asks for 0.6 s between requests" in p.stderr
    assert len(starts) >= 4
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= 0.55, gaps


def test_the_portals_disclosure_platform_on_a_subdomain_is_crawled_and_siblings_are_not(tmp_path) -> None:
    """www.x.test links its 信息公开 platform on xxgk.x.test (one loopback server, names resolved by
    tests/loopback_dns.py): the reports there are the portal's; www.other.test and a look-alike
    host are never asked for."""
    from govreports.demo.portal import Portal, Resource

    reports = {f"/zfxxgknb/2023/t2023011{i}_{i}.html": generate_report(300 + i, edition="2021", year=2022)
               for i in range(3)}
    res = {path: Resource(encode_page(wrap_page(render_html(r), style="trs", title=r.gold["title"])))
           for path, r in reports.items()}
    links = "".join(f'<li><a href="{p}">{r.gold["title"]}</a></li>' for p, r in reports.items())
    res["/zfxxgknb/"] = Resource(f'<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head>'
                                 f'<body><ul>{links}</ul></body></html>'.encode())
    portal = Portal("某某区人民政府", res, {p: r.gold for p, r in reports.items()}, {})
    db = tmp_path / "subdomain.db"
    with PortalServer(portal) as server:
        port = server.httpd.server_address[1]
        res["/"] = Resource((f'<html><head><meta charset="utf-8"><title>某某区人民政府</title></head><body>'
                             f'<a href="http://xxgk.x.test:{port}/zfxxgknb/">政府信息公开年报</a>'
                             f'<a href="http://www.other.test:{port}/zfxxgknb/">兄弟区政府信息公开年报</a>'
                             f'<a href="http://x.test.evil.test:{port}/zfxxgknb/">政府信息公开年报</a>'
                             '</body></html>').encode())
        crawl(f"http://www.x.test:{port}/", db, extra=[*FAST, "-s", "DNS_RESOLVER=tests.loopback_dns.LoopbackResolver"])
        hosts = {h.headers.get("Host", "").split(":")[0] for h in server.log}
    assert hosts == {"www.x.test", "xxgk.x.test"}
    stored = {u: rid for u, rid in rows(db, "SELECT url, id FROM reports")}
    assert set(stored) == {f"http://xxgk.x.test:{port}{p}" for p in reports}
    for url, rid in stored.items():
        path = url.split(str(port), 1)[1]
        assert_gold_cells(db, rid, portal.gold[path], path)


def test_a_report_framed_from_a_page_of_its_own_is_read_from_that_page(tmp_path) -> None:
    """An older portal's report page frames the article (``<iframe src="…_content.html">``): the
    framed page is fetched and stored as the report, the frame's wrapper is not; a framed viewer or
    map is never asked for."""
    from govreports.demo.portal import Portal, Resource

    report = generate_report(321, edition="2021", year=2022)
    title = report.gold["title"]
    res = {
        "/": Resource('<html><head><meta charset="utf-8"><title>某某区人民政府</title></head><body>'
                      '<a href="/zfxxgknb/">政府信息公开年报</a></body></html>'.encode()),
        "/zfxxgknb/": Resource(f'<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>'
                               f'<li><a href="/zfxxgknb/2023/t20230120_1.html">{title}</a></li></ul></body></html>'.encode()),
        "/zfxxgknb/2023/t20230120_1.html": Resource(
            f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>'
            '<iframe src="/zfxxgknb/2023/t20230120_1_content.html" width="100%" height="2000"></iframe>'
            '<iframe src="/map/index.html"></iframe></body></html>'.encode()),
        "/zfxxgknb/2023/t20230120_1_content.html": Resource(
            encode_page(wrap_page(render_html(report), style="trs", title=title))),
        "/map/index.html": Resource(b"<html><body>map</body></html>"),
    }
    portal = Portal("某某区人民政府", res, {"/zfxxgknb/2023/t20230120_1_content.html": report.gold}, {})
    db = tmp_path / "frames.db"
    with PortalServer(portal) as server:
        port = server.httpd.server_address[1]
        crawl(f"http://127.0.0.1:{port}/", db, extra=FAST)
        asked = {path_of(h.path) if h.path.startswith("http") else h.path for h in server.log}
    assert "/map/index.html" not in asked
    stored = rows(db, "SELECT url, id FROM reports")
    assert [path_of(u) for u, _ in stored] == ["/zfxxgknb/2023/t20230120_1_content.html"]
    assert_gold_cells(db, stored[0][1], report.gold, "framed")
