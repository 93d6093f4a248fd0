"""A crawl meets every failure there is: it keeps working, records each failure, and loses nothing."""

from __future__ import annotations

import math
import socket
import sqlite3

import pytest
import scrapy.exceptions
from twisted.internet.error import ConnectionLost, DNSLookupError
from twisted.internet.error import ConnectionRefusedError as TxConnectionRefused
from twisted.internet.error import TimeoutError as TxTimeoutError
from twisted.python.failure import Failure

from govreports.demo.portal import add_hostile_pages, build_portal
from govreports.demo.server import FaultPlan, PortalServer
from govreports.failures import NETWORK_MEANING, classify
from tests.test_crawl_e2e import crawl, path_of, rows

FAULTY = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
          "-s", "DOWNLOAD_TIMEOUT=2", "-s", "LOG_LEVEL=INFO"]
TABLES = ("active_disclosure", "applications", "reviews_litigation")


def _cells(db, path: str) -> dict[tuple[str, str, str], float | None]:
    return {(t, r, c): v for t, r, c, v in rows(
        db, 'SELECT "table", "row", "column", value FROM cells JOIN reports ON reports.id = cells.report_id '
            "WHERE reports.url LIKE ?", (f"%{path}",))}


def test_random_failures_and_hostile_pages(tmp_path) -> None:
    portal = build_portal(5)
    hostile = add_hostile_pages(portal)
    db = tmp_path / "faults.db"
    plan = FaultPlan(rate=0.2, seed=3, max_per_path=2)  # every URL succeeds within Scrapy's 3 retries
    with PortalServer(portal, faults=plan) as server:
        crawl(server.url, db, extra=FAULTY)
        assert sum(plan.failed.values()) >= 8  # faults really happened
        assert {h.status for h in server.log} >= {-1, 500, 502, 503}
    for path, gold in portal.gold.items():  # every report whose page eventually succeeded, stored right
        cells = _cells(db, path)
        for table in TABLES:
            for row, cols in gold[table].items():
                for col, want in cols.items():
                    assert math.isclose(cells[(table, row, col)], want), (path, row, col)
    failures = dict(rows(db, "SELECT url, kind FROM failures WHERE resolved_at IS NULL"))
    assert failures[next(u for u in failures if u.endswith("/bad/huge.html"))] == "too_large"
    stored = {path_of(u): w for u, w in rows(db, "SELECT url, warnings FROM reports")}
    assert "/bad/binary.html" not in stored
    assert "declared charset utf-8 does not decode" in stored["/bad/wrong-charset.html"]
    gbk_source = next(p for p in portal.gold if p.startswith("/art/"))
    assert _cells(db, "/bad/wrong-charset.html") == _cells(db, gbk_source)
    assert "hold no table the parser can read" in stored["/bad/garbage.html"]  # sections there, table garbage
    # a report cut off mid-table: named in warnings, and no number differs from the true one
    truncated = _cells(db, "/bad/truncated.html")
    truth = next(portal.gold[p] for p in portal.gold if p.startswith("/zwgk/"))
    assert "cells found" in stored["/bad/truncated.html"] or "not found" in stored["/bad/truncated.html"]
    for (table, row, col), value in truncated.items():
        if value is not None:
            assert math.isclose(value, truth[table][row][col])
    assert len(hostile) == 6


def test_persistent_failures_are_recorded_and_retried_next_run(tmp_path) -> None:
    portal = build_portal(6)
    db = tmp_path / "retry.db"
    hanweb = sorted(p for p in portal.gold if p.startswith("/art/"))
    plan = FaultPlan(rate=1.0, seed=1, max_per_path=100, kinds=("503",), only_prefix="/art/")
    with PortalServer(portal, faults=plan) as server:
        crawl(server.url, db, extra=FAULTY)
        port = server.httpd.server_address[1]
    failed = rows(db, "SELECT url, kind, attempts FROM failures WHERE resolved_at IS NULL AND url LIKE '%/art/%' "
                      "ORDER BY url")
    assert {path_of(u) for (u,) in rows(db, "SELECT url FROM failures WHERE url NOT LIKE '%/art/%'")} == {
        "/zcjd/1.html", "/zwgk/zfxxgk/missing.html"}  # the portal's two 404s, recorded too
    assert sorted(path_of(u) for u, _, _ in failed) == hanweb
    assert all(kind == "http_503" and attempts == 1 for _, kind, attempts in failed)
    messages = dict(rows(db, "SELECT kind, message FROM failures"))
    assert messages["http_503"].startswith("HTTP server error, still failing after the retries")
    assert messages["http_404"].startswith("HTTP 404 not found")
    assert rows(db, "SELECT count(*) FROM reports")[0][0] == len(portal.gold) - len(hanweb)
    with PortalServer(portal, port=port) as server:  # the portal recovered (same address)
        crawl(server.url, db, extra=FAULTY)
        retried = [h.path for h in server.log if h.path in hanweb]
    assert sorted(set(retried)) == hanweb
    assert rows(db, "SELECT count(*) FROM reports")[0][0] == len(portal.gold)
    assert rows(db, "SELECT count(*) FROM failures WHERE resolved_at IS NULL AND url LIKE '%/art/%'") == [(0,)]
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_portal_that_is_down_is_one_clear_line_per_page_and_recorded(tmp_path) -> None:
    """Nothing listens at the address: the robots.txt failure is one warning (Scrapy logs a
    traceback), and the page's failure says what it means, under its kind, in the log and the
    database, whichever exception class this Scrapy version raises."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again when the block ends: nothing listens there
    db = tmp_path / "down.db"
    p = crawl(f"http://127.0.0.1:{port}/", db, extra=[*FAULTY, "-s", "RETRY_TIMES=0"])
    assert "Traceback" not in p.stderr
    assert f"robots.txt not fetched before <GET http://127.0.0.1:{port}/>" in p.stderr
    assert f"failed http://127.0.0.1:{port}/: connection_refused (nothing answers at this address" in p.stderr
    [(kind, message)] = rows(db, "SELECT kind, message FROM failures")
    assert kind == "connection_refused" and message.startswith("nothing answers at this address")


@pytest.mark.parametrize(("error", "kind"), [
    (DNSLookupError("x"), "dns"), (TxTimeoutError("x"), "timeout"), (TxConnectionRefused("x"), "connection_refused"),
    (ConnectionLost("x"), "connection_lost"),
    *[(getattr(scrapy.exceptions, name)("x"), kind) for name, kind in (
        ("CannotResolveHostError", "dns"), ("DownloadTimeoutError", "timeout"),
        ("DownloadConnectionRefusedError", "connection_refused"), ("DownloadFailedError", "connection_lost"),
        ("ResponseDataLossError", "connection_lost")) if hasattr(scrapy.exceptions, name)],
])
def test_network_failures_are_named_whichever_class_scrapy_raises(error: Exception, kind: str) -> None:
    got, message = classify(Failure(error))
    assert got == kind and message.startswith(NETWORK_MEANING[kind])


_SAFEDOG = ('<html><head><meta charset="utf-8"><title>网站防火墙</title></head><body><div class="info">'
            '<h3>您的请求带有不合法参数，已被网站管理员设置拦截！</h3><p>可能原因：您提交的内容包含危险的攻击请求</p>'
            '<p>如何解决：检查提交内容；如网站托管，请联系空间提供商；普通网站访客，请联系网站管理员</p></div>'
            '<div class="footer">安全狗</div></body></html>').encode()
_JIASULE = b'<html><body><script>document.cookie=("__jsl_clearance=1700000000.1|0|abc");location.href=location.pathname</script></body></html>'


def test_a_firewall_page_instead_of_a_report_is_a_failure_retried_next_run_never_a_non_report(tmp_path) -> None:
    """A portal's firewall answers two report pages: one with its block page (HTTP 200), one with a
    JavaScript cookie challenge (HTTP 521). Neither is filed as a non-report (which would never be
    fetched again): both are failures that say what answered, and the next run, the firewall gone,
    stores both reports."""
    from govreports.demo.portal import Resource

    portal = build_portal(8)
    first, second = sorted(p for p in portal.gold if p.startswith("/zwgk/zfxxgknb/"))[:2]
    real = {p: portal.resources[p] for p in (first, second)}
    portal.resources[first] = Resource(_SAFEDOG)
    portal.resources[second] = Resource(_JIASULE, status=521)
    db = tmp_path / "waf.db"
    with PortalServer(portal) as server:
        crawl(server.url, db, extra=FAULTY)
        port = server.httpd.server_address[1]
    failed = {path_of(u): (kind, message) for u, kind, message in rows(
        db, "SELECT url, kind, message FROM failures WHERE resolved_at IS NULL")}
    # (recorded under the address asked for: the portal also reaches this report through a redirect)
    assert [m for kind, m in failed.values() if kind == "challenge"] == [
        "answered with 安全狗 (Safedog) firewall block page instead of the page (HTTP 200): not readable without "
        "a browser or from this address; retried on the next run"]
    assert failed[second][0] == "http_521" and "加速乐" in failed[second][1]
    assert rows(db, "SELECT count(*) FROM pages WHERE kind LIKE 'non_report%' AND (url LIKE ? OR url LIKE ?)",
                (f"%{first}", f"%{second}")) == [(0,)]
    assert rows(db, "SELECT count(*) FROM reports")[0][0] == len(portal.gold) - 2
    portal.resources.update(real)
    with PortalServer(portal, port=port) as server:
        crawl(server.url, db, extra=FAULTY)
    assert rows(db, "SELECT count(*) FROM reports")[0][0] == len(portal.gold)
    assert not [u for (u,) in rows(db, "SELECT url FROM failures WHERE resolved_at IS NULL") if first in u or second in u]
    assert all(v is not None for v in _cells(db, first).values()) and len(_cells(db, first)) > 50


def test_a_firewall_page_is_told_and_a_report_that_names_its_firewall_is_not() -> None:
    from govreports.page import classify, clean_page
    from govreports.page.classify import challenge_of

    assert challenge_of(_SAFEDOG.decode()) == "安全狗 (Safedog) firewall block page"
    assert challenge_of(_JIASULE.decode()) == "加速乐 (Jiasule) JavaScript cookie challenge"
    assert challenge_of("本年度，我局部署网站防火墙，加强安全防护。" + "政府信息公开工作" * 5000) is None  # (a long page)
    assert challenge_of("<html><body>政府信息公开工作年度报告</body></html>") is None
    for body in (_SAFEDOG, _JIASULE):  # saved and read with govreports parse: the record says what it is
        page = clean_page(body, url="http://x.gov.cn/a/t20230120_9.html")
        assert [w for w in page.warnings if "served in the page's place" in w] == [
            f"page: this is {challenge_of(body.decode())}, served in the page's place: not the report"]
        assert classify(page).kind == "challenge"
