"""A report split over pages, crawled: the other parts fetched and joined into one record.

The real `scrapy crawl reports` (subprocess) against a portal on 127.0.0.1 whose reports an editor
broke into pages: a TRS article with its createPageHTML pager, a pager of links reached through a
later part, and a part the server cannot give on the first crawl. Assertions come from the
database and from the server's own request log.
"""

from __future__ import annotations

import json

from govreports.cli import main
from govreports.demo.portal import Portal, Resource
from govreports.demo.server import PortalServer
from govreports.synth.pages import encode_page, wrap_page
from govreports.synth.render import render_html
from govreports.synth.report import generate_report
from tests.test_crawl_e2e import assert_gold_cells, crawl, path_of, rows


def _pieces(body: str, before: str) -> list[str]:
    """The report's body cut before the headings of sections ``before`` (``"二三"``: three pieces, the
    first with the narrative only, the second with the first table, the third with the others)."""
    bounds = [0, *(body.index(f"<p><strong>{n}、") for n in before), len(body)]
    return [body[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _trs_parts(folder: str, stem: str, report, before: str) -> dict[str, Resource]:
    """A TRS article cut before sections ``before``: ``stem.html``, ``stem_1.html`` …, each with the
    script pager."""
    out = {}
    title = report.gold["title"]
    n = len(before) + 1
    for k, piece in enumerate(_pieces(render_html(report), before)):
        pager = f'<div id="page_div"></div><script>createPageHTML({n}, {k}, "{stem}", "html");</script>'
        name = f"{stem}.html" if k == 0 else f"{stem}_{k}.html"
        out[f"{folder}{name}"] = Resource(encode_page(wrap_page(piece + pager, style="trs", title=title)))
    return out


def _linked_parts(folder: str, stem: str, report) -> dict[str, Resource]:
    """A two-page article whose pager is links (``上一页 1 2 下一页``), in a Hanweb-style page."""
    title = report.gold["title"]
    first, second = _pieces(render_html(report), "三")
    one = (f'<div class="pager"><span>1</span> <a href="{stem}_1.html">2</a> '
           f'<a href="{stem}_1.html">下一页</a></div>')
    two = f'<div class="pager"><a href="{stem}.html">上一页</a> <a href="{stem}.html">1</a> <span>2</span></div>'
    return {f"{folder}{stem}.html": Resource(encode_page(wrap_page(first + one, style="hanweb", title=title))),
            f"{folder}{stem}_1.html": Resource(encode_page(wrap_page(second + two, style="hanweb", title=title)))}


def _dede_parts(folder: str, stem: str, report) -> dict[str, Resource]:
    """A DedeCMS article of three pages, numbered as Dede numbers them (``88.html``, ``88_2.html``,
    ``88_3.html``: no ``_1``), each pager showing only its neighbours (page 1 links page 2 alone)."""
    title = report.gold["title"]
    files = [f"{stem}.html", f"{stem}_2.html", f"{stem}_3.html"]
    pagers = [f'<div class="dede_pages"><ul><li class="thisclass">1</li><li><a href="{files[1]}">2</a></li>'
              f'<li><a href="{files[1]}">下一页</a></li></ul></div>',
              f'<div class="dede_pages"><ul><li><a href="{files[0]}">上一页</a></li><li><a href="{files[0]}">1</a></li>'
              f'<li class="thisclass">2</li><li><a href="{files[2]}">3</a></li><li><a href="{files[2]}">下一页</a></li>'
              "</ul></div>",
              f'<div class="dede_pages"><ul><li><a href="{files[1]}">上一页</a></li><li><a href="{files[0]}">1</a></li>'
              f'<li><a href="{files[1]}">2</a></li><li class="thisclass">3</li></ul></div>']
    return {folder + f: Resource(encode_page(wrap_page(piece + pager, style="dede", title=title)))
            for f, piece, pager in zip(files, _pieces(render_html(report), "二四"), pagers, strict=True)}


def _portal() -> tuple[Portal, dict[str, dict]]:
    a = generate_report(701, edition="2021", year=2022)
    b = generate_report(702, edition="2021", year=2023)
    c = generate_report(703, edition="2019", year=2020)
    d = generate_report(704, edition="2021", year=2024)
    res = _trs_parts("/zfxxgknb/2023/", "t20230120_5501", a, "二三")
    res |= _linked_parts("/art/2024/1/20/", "art_1_88", b)
    res |= _dede_parts("/a/xxgk/2025/0120/", "88", d)
    res |= _trs_parts("/zfxxgknb/2021/", "t20210115_4401", c, "四")
    res["/zfxxgknb/2021/t20210115_4401_1.html"] = Resource(b"", status=404)  # the part the server lacks at first
    links = [("/zfxxgknb/2023/t20230120_5501.html", a), ("/art/2024/1/20/art_1_88_1.html", b),  # (a later part)
             ("/zfxxgknb/2021/t20210115_4401.html", c), ("/a/xxgk/2025/0120/88.html", d)]
    items = "".join(f'<li><a href="{u}">{r.gold["title"]}</a></li>' for u, r in links)
    res["/"] = Resource('<html><head><meta charset="utf-8"><title>某某区人民政府</title></head><body>'
                        '<a href="/zfxxgknb/">政府信息公开年报</a></body></html>'.encode())
    res["/zfxxgknb/"] = Resource(f'<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body>'
                                 f'<ul>{items}</ul></body></html>'.encode())
    gold = {"/zfxxgknb/2023/t20230120_5501.html": a.gold, "/art/2024/1/20/art_1_88.html": b.gold,
            "/zfxxgknb/2021/t20210115_4401.html": c.gold, "/a/xxgk/2025/0120/88.html": d.gold}
    return Portal("某某区人民政府", res, gold, {}), gold


def test_a_report_split_over_pages_is_crawled_whole_and_a_missing_part_is_fetched_next_time(tmp_path, capsys) -> None:
    portal, gold = _portal()
    db = tmp_path / "split.db"
    with PortalServer(portal) as server:
        crawl(server.url, db)
        asked = [path_of(h.path) if h.path.startswith("http") else h.path for h in server.log]
        stored = {path_of(u): (rid, json.loads(rec)) for u, rid, rec in rows(db, "SELECT url, id, record FROM reports")}
        # one report per article, stored under its first page, every part asked for once
        assert sorted(stored) == sorted(gold)
        for part in ("/zfxxgknb/2023/t20230120_5501_1.html", "/zfxxgknb/2023/t20230120_5501_2.html",
                     "/art/2024/1/20/art_1_88.html", "/art/2024/1/20/art_1_88_1.html",
                     "/a/xxgk/2025/0120/88_2.html", "/a/xxgk/2025/0120/88_3.html"):  # (88_3: named by 88_2's pager)
            assert asked.count(part) == 1, part
        assert "/a/xxgk/2025/0120/88_1.html" not in asked  # (DedeCMS numbers the second page _2)
        # the two whole articles: every gold cell, no warning of a part missing, the parts named as read
        for path in ("/zfxxgknb/2023/t20230120_5501.html", "/art/2024/1/20/art_1_88.html",
                     "/a/xxgk/2025/0120/88.html"):
            rid, rec = stored[path]
            assert_gold_cells(db, rid, gold[path], path)
            assert not [w for w in rec["warnings"] if "split over" in w], rec["warnings"]
            assert [path_of(u) for u in rec["page"]["parts_read"]] == [path_of(u) for u in rec["page"]["parts"]]
        assert rows(db, "SELECT count(*) FROM checks c JOIN reports r ON r.id = c.report_id "
                        "WHERE c.ok = 0 AND r.url NOT LIKE '%4401%'") == [(0,)]
        # the part kept in the archive as such, never as a report of its own
        kinds = dict((path_of(u), k) for u, k in rows(db, "SELECT url, kind FROM pages"))
        assert kinds["/zfxxgknb/2023/t20230120_5501_2.html"] == "article_part"
        assert kinds["/art/2024/1/20/art_1_88_1.html"] == "article_part"
        # the article whose second page the server lacked: its first page's tables stored, the rest named
        missing = "/zfxxgknb/2021/t20210115_4401.html"
        rid, rec = stored[missing]
        assert [w for w in rec["warnings"] if "split over" in w] == [
            "page: the report is split over 2 pages and 1 of them could not be read (t20210115_4401_1.html: "
            "HTTP 404 not found: the page is gone or the link is wrong; retried on the next run): tables and text on them are missing from this record (page.parts "
            "names every part, page.parts_read those joined)"]
        for table in ("active_disclosure", "applications"):
            assert rec[table] == gold[missing][table]
        assert rec["reviews_litigation"]["review"]["upheld"] is None
        assert [path_of(u) for u, in rows(db, "SELECT url FROM failures WHERE resolved_at IS NULL")] == [
            "/zfxxgknb/2021/t20210115_4401_1.html"]
        # … and its first page stays pending in the archive: the next run fetches it again whole
        assert kinds[missing] == "report_page" and kinds["/zfxxgknb/2023/t20230120_5501.html"] == "report"

        # the part is back: the next default run retries it, reads its report again whole, and asks
        # for nothing else but the site's lists
        first, part = missing, "/zfxxgknb/2021/t20210115_4401_1.html"
        page = _trs_parts("/zfxxgknb/2021/", "t20210115_4401", generate_report(703, edition="2019", year=2020), "四")
        server.portal.resources[part] = page[part]
        mark = len(server.log)
        crawl(server.url, db)
        again = [path_of(h.path) if h.path.startswith("http") else h.path for h in server.log[mark:]]
        assert again.count(part) == 1 and again.count(first) == 1  # (the retry, carried to its first page)
        assert not any(p in again for p in gold if p != first)
        assert not any("5501_" in p or "art_1_88" in p or "/88_" in p for p in again)
        (rec,) = [json.loads(r) for r, in rows(db, "SELECT record FROM reports WHERE id = ?", (rid,))]
        assert not [w for w in rec["warnings"] if "split over" in w], rec["warnings"]
        assert_gold_cells(db, rid, gold[missing], missing)
        assert rows(db, "SELECT count(*) FROM failures WHERE resolved_at IS NULL") == [(0,)]
        assert rows(db, "SELECT kind FROM pages WHERE url LIKE ?", (f"%{first}",)) == [("report",)]

    # reparse, offline, finds the parts in the archive and rebuilds the same records
    before = dict(rows(db, "SELECT id, content_hash FROM reports"))
    assert main(["reparse", "--db", str(db)]) == 0
    assert "unchanged 4" in capsys.readouterr().out
    assert dict(rows(db, "SELECT id, content_hash FROM reports")) == before


def test_a_split_report_crawled_by_distributed_workers_is_stored_whole(tmp_path) -> None:
    """In distributed mode the report's item travels with its part requests through Redis (as JSON);
    a part whose connection always breaks (a download error, not an HTTP one: Scrapy passes that
    errback's output around the spider middlewares) ends its chain in an errback, whose output the
    frontier still accounts for: nothing is left in flight or queued, and the records are whole."""
    import redis

    from govreports.demo.server import FaultPlan
    from tests.redis_server import start_redis
    from tests.test_distributed import cli, env_for, worker

    portal, gold = _portal()
    broken = "/zfxxgknb/2021/t20210115_4401_1.html"
    portal.resources[broken] = _trs_parts("/zfxxgknb/2021/", "t20210115_4401",
                                          generate_report(703, edition="2019", year=2020), "四")[broken]
    faults = FaultPlan(rate=1.0, kinds=("reset",), max_per_path=100, only_prefix=broken)
    (tmp_path / "redis").mkdir()
    server_r = start_redis(tmp_path / "redis")
    try:
        db = tmp_path / "dist.db"
        env = env_for(server_r.url, "split", db)
        with PortalServer(portal, faults=faults) as server:
            cli(env, "enqueue", "--url", server.url)
            assert worker(env, tmp_path / "w.log").wait(timeout=240) == 0
            cli(env, "ingest")
        client = redis.Redis.from_url(server_r.url)
        assert not [k for k in client.keys("split:*") if b"inflight" in k]
        assert client.zcard("split:requests") == 0  # (a request left in flight goes back to the queue at exit)
        stored = {path_of(u): (rid, json.loads(rec)) for u, rid, rec in rows(db, "SELECT url, id, record FROM reports")}
        assert sorted(stored) == sorted(gold)
        for path in ("/zfxxgknb/2023/t20230120_5501.html", "/art/2024/1/20/art_1_88.html"):
            assert_gold_cells(db, stored[path][0], gold[path], path)
            assert not [w for w in stored[path][1]["warnings"] if "split over" in w]
        rec = stored["/zfxxgknb/2021/t20210115_4401.html"][1]
        (split,) = [w for w in rec["warnings"] if "split over" in w]
        assert split.startswith("page: the report is split over 2 pages and 1 of them could not be read "
                                "(t20210115_4401_1.html: "), split
        assert "HTTP" not in split and faults.failed[broken] >= 2  # (retried by Scrapy, then given up)
        assert rows(db, "SELECT count(*) FROM pages WHERE kind = 'article_part'") == [(5,)]
        assert rows(db, "SELECT url FROM failures")[0][0].endswith(broken)
    finally:
        server_r.stop()
