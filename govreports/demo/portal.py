"""A realistic district portal, generated: three CMS families, every pagination kind, and traps.

Pure: :func:`build_portal` returns the site as data (path → resource) plus the gold record of
every report on it, so a crawl of it can be checked number by number. It serves the demo
(``govreports demo``), the end-to-end tests and the crawl benchmark.

Layout: ``/`` → 政务公开 ``/zwgk/`` → 政府信息公开 ``/zwgk/zfxxgk/`` → three report columns:
TRS (``/zwgk/zfxxgknb/index.html``, ``createPageHTML`` pager, UTF-8), Hanweb
(``/col/col1234/index.html``, ``<datastore>`` list + ``dataproxy.jsp``, GBK) and a hand-made one
(``/bmxxgk/nblist.jsp?page=N`` with 下一页 links, plus a JavaScript 信息公开目录 tree). Traps:
look-alike non-reports, off-site links and redirects, an endless calendar, duplicate URLs
with tracking parameters, 404s, a JS ``location.href`` stub and a robots.txt-disallowed report.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from urllib.parse import parse_qs

from govreports.synth.pages import encode_page, wrap_page
from govreports.synth.render import render_html
from govreports.synth.report import BUREAUS, generate_report

Body = bytes | Callable[[dict[str, list[str]]], bytes]


@dataclass
class Resource:
    body: Body = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    validators: bool = True  # send ETag / Last-Modified and answer conditional requests with 304
    post_only: bool = False  # a list API that answers POST only (GET gets 405)

    def render(self, query: dict[str, list[str]]) -> bytes:
        return self.body(query) if callable(self.body) else self.body

    def etag(self, body: bytes) -> str:
        return '"' + hashlib.md5(body).hexdigest()[:16] + '"'


@dataclass
class Portal:
    name: str
    resources: dict[str, Resource]
    gold: dict[str, dict]  # report path → gold record
    traps: dict[str, str]  # path → what it is (never to be stored as a report)
    disallowed: str = "/private/"
    files: dict[str, str] = field(default_factory=dict)  # report published only as a file: path → link text


def _page(title: str, links: list[tuple[str, str]], *, extra: str = "", crumb: str = "") -> str:
    items = "".join(f'<li><a href="{escape(h)}" target="_blank">{escape(t)}</a><span>2024-01-20</span></li>'
                    for h, t in links)
    return (f'<html><head><meta charset="utf-8"><title>{escape(title)}_某某区人民政府</title></head><body>'
            '<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/zwfw/">政务服务</a>'
            ' <a href="http://www.gov.cn/">中国政府网</a> <a href="http://www.other-province.gov.cn/">兄弟单位</a></div>'
            f'<div class="position">当前位置：<a href="/">首页</a> &gt; {escape(crumb or title)}</div>'
            f'<div class="list"><h2>{escape(title)}</h2><ul>{items}</ul>{extra}</div>'
            '<div class="footer">主办单位：某某区人民政府办公室 网站标识码：1101090001</div></body></html>')


def build_portal(seed: int = 2024, *, reports: int = 24, name: str = "某某区人民政府") -> Portal:
    rng = random.Random(seed)
    res: dict[str, Resource] = {}
    gold: dict[str, dict] = {}
    traps: dict[str, str] = {}
    html = "text/html; charset=utf-8"
    gbk = "text/html; charset=gbk"

    def report_page(i: int, style: str, charset: str, year: int, split: bool = False) -> tuple[bytes | list[bytes], dict]:
        edition = "2019" if year <= 2020 else "2021"
        agency = "某某区" + BUREAUS[i % len(BUREAUS)]
        rep = generate_report(seed * 1000 + i, edition=edition, year=year, agency=agency)
        body = render_html(rep, ("wps", "merged", "split")[i % 3], i)
        cut = body.find("<p><strong>三、") if split else -1
        pieces = [body] if cut < 0 else [body[:cut], body[cut:]]
        out = []
        for k, piece in enumerate(pieces):
            if len(pieces) > 1:  # TRS's pager of an article's pages, as on every part
                stem = f"t{year + 1}01{10 + i:02d}_{1000 + i}"
                piece += f'<div id="page_div"></div><script>createPageHTML(2, {k}, "{stem}", "html");</script>'
            page = wrap_page(piece, style=style, title=rep.gold["title"],
                             published_at=f"{year + 1}-01-{10 + i % 18} 09:30", source=agency, site_name=name,
                             charset=charset)
            out.append(encode_page(page, charset))
        return (out if len(out) > 1 else out[0]), rep.gold

    years = [2019, 2020, 2021, 2022, 2023, 2024]
    # --- TRS column: 3 list pages, createPageHTML pager --------------------------------------
    trs_links: list[tuple[str, str]] = []
    n_trs = reports // 2
    for i in range(n_trs):
        year = years[i % len(years)]
        path = f"/zwgk/zfxxgknb/{year + 1}01/t{year + 1}01{10 + i:02d}_{1000 + i}.html"
        body, g = report_page(i, "trs", "utf-8", year, split=i == 2)
        if isinstance(body, list):  # a report its editor split over two pages (…_1.html the second)
            res[path] = Resource(body[0], content_type=html)
            res[path.replace(".html", "_1.html")] = Resource(body[1], content_type=html)
        else:
            res[path] = Resource(body, content_type=html)
        gold[path] = g
        trs_links.append((path, g["title"]))
    # look-alikes inside the report column: the link text does not give them away
    lookalikes = [
        ("/zwgk/zfxxgknb/202301/t20230105_2001.html", "关于2022年度有关工作的说明",
         "关于报送2022年政府信息公开工作年度报告的通知", "notice"),
        ("/zwgk/zfxxgknb/202302/t20230210_2002.html", "2023年工作安排",
         "某某区2023年政务公开工作要点", "work plan"),
        ("/zwgk/zfxxgknb/202303/t20230310_2003.html", "财政信息",
         "某某区财政局2022年度部门决算", "final accounts"),
        ("/zwgk/zfxxgknb/202304/t20230410_2004.html", "年度报告（法治）",
         "某某区2022年法治政府建设年度报告", "rule of law report"),
    ]
    for path, text, title, what in lookalikes:
        page = wrap_page(f"<p>{escape(title)}</p><p>各单位：请按要求做好相关工作。特此通知。</p>" * 3, style="trs",
                         title=title, site_name=name)
        res[path] = Resource(page.encode("utf-8"), content_type=html)
        traps[path] = what
        trs_links.append((path, text))
    rng.shuffle(trs_links)
    big = reports >= 100  # a big portal lists 15 items a page, like real ones; the small one pages often
    per = 15 if big else 6
    pages = [trs_links[i:i + per] for i in range(0, len(trs_links), per)]
    for k, chunk in enumerate(pages):
        path = "/zwgk/zfxxgknb/index.html" if k == 0 else f"/zwgk/zfxxgknb/index_{k}.html"
        rel = [(p.replace("/zwgk/zfxxgknb/", "./"), t) for p, t in chunk]
        pager = f'<script>createPageHTML({len(pages)}, {k}, "index", "html");</script>'
        res[path] = Resource(_page("政府信息公开年报", rel, extra=pager, crumb="政务公开 > 政府信息公开年报").encode(),
                             content_type=html)
    # --- Hanweb column (GBK): datastore list + dataproxy.jsp ------------------------------------
    hw_records: list[str] = []
    n_hw = reports // 4
    for i in range(n_trs, n_trs + n_hw):
        year = years[i % len(years)]
        path = f"/art/{year + 1}/1/{i}/art_1234_{5000 + i}.html"
        body, g = report_page(i, "hanweb", "gbk", year)
        res[path] = Resource(body, content_type=gbk)
        gold[path] = g
        hw_records.append(f'<record><![CDATA[<li><a href="{path}" title="{escape(g["title"])}">'
                          f'{escape(g["title"][:14])}…</a><span>{year + 1}-01-{i:02d}</span></li>]]></record>')
    shown = 15 if big else 3

    def dataproxy(query: dict[str, list[str]]) -> bytes:
        start = int(query.get("startrecord", ["1"])[0])
        end = int(query.get("endrecord", [str(len(hw_records))])[0])
        chunk = "".join(hw_records[start - 1:end])
        return (f"<datastore><totalrecord>{len(hw_records)}</totalrecord><recordset>{chunk}</recordset>"
                "</datastore>").encode("gbk")

    res["/module/web/jpage/dataproxy.jsp"] = Resource(dataproxy, content_type="text/xml; charset=gbk",
                                                      validators=False)
    hw_index = ('<html><head><meta charset="gbk"><title>政府信息公开年报_某某区人民政府</title></head><body>'
                '<div class="bt-position">您现在的位置：<a href="/">首页</a> &gt; 政府信息公开年报</div>'
                '<div id="1234"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/'
                'dataproxy.jsp?page=1&appid=1&webid=1&path=/&columnid=1234&unitid=5678&webname=某某区&'
                'permissiontype=0"></a>]]></nextgroup><recordset>' + "".join(hw_records[:shown]) +
                '</recordset></datastore></script><script>var ilist = new Object(); ilist.proxyUrl = '
                f'"/module/web/jpage/dataproxy.jsp"; ilist.perPage = "{shown}"; '
                f'ilist.totalRecord = "{len(hw_records)}";</script></div></body></html>')
    res["/col/col1234/index.html"] = Resource(hw_index.encode("gbk"), content_type=gbk)
    # --- hand-made column: ?page=N with 下一页, plus a JS 信息公开目录 tree -------------------------
    hm_links: list[tuple[str, str]] = []
    for i in range(n_trs + n_hw, reports):
        year = years[i % len(years)]
        path = f"/bmxxgk/show.jsp?id={7000 + i}"
        body, g = report_page(i, ("dede", "handmade", "ucap")[i % 3], "utf-8", year)
        res[path] = Resource(body, content_type=html)
        gold[path] = g
        hm_links.append((path, g["title"]))
    tree_links = hm_links[len(hm_links) // 2:]
    hm_links = hm_links[:len(hm_links) // 2]
    per_hm = 10 if big else 2
    hm_pages = [hm_links[i:i + per_hm] for i in range(0, len(hm_links), per_hm)]
    for k, chunk in enumerate(hm_pages, start=1):
        nxt = f'<a href="/bmxxgk/nblist.jsp?page={k + 1}">下一页</a>' if k < len(hm_pages) else ""
        res[f"/bmxxgk/nblist.jsp?page={k}"] = Resource(
            _page("部门政府信息公开年度报告", chunk, extra=f'<div class="pager">{nxt}</div>').encode(), content_type=html)
    res["/bmxxgk/nblist.jsp"] = res["/bmxxgk/nblist.jsp?page=1"]
    tree = ",".join(f'{{name:"{escape(t)}", url:"{p}"}}' for p, t in tree_links)
    res["/xxgkml/index.html"] = Resource(
        ('<html><head><meta charset="utf-8"><title>信息公开目录</title></head><body><div id="tree"></div>'
         f"<script>var treeData = [{tree}]; renderTree(treeData);</script></body></html>").encode(),
        content_type=html)
    # --- a robots-disallowed report, a JS stub, a redirect, duplicates -----------------------------
    body, g = report_page(reports, "trs", "utf-8", 2022)
    res["/private/nb2022.html"] = Resource(body, content_type=html)
    traps["/private/nb2022.html"] = "robots.txt disallows it"
    first_trs = next(p for p in gold if p.startswith("/zwgk/zfxxgknb/"))
    res["/go/latest.html"] = Resource(f'<html><script>window.location.href="{first_trs}";</script></html>'.encode(),
                                      content_type=html)
    res["/old/nb.html"] = Resource(status=301, headers={"Location": next(iter(gold))})
    res["/go/offsite.html"] = Resource(status=302, headers={"Location": "http://offsite.example.com/nb.html"})
    traps["/go/offsite.html"] = "redirect to another host"
    res["/robots.txt"] = Resource(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain",
                                  validators=False)

    def calendar(query: dict[str, list[str]]) -> bytes:
        day = date.fromisoformat(query.get("date", ["2024-01-01"])[0])
        nxt, prv = day + timedelta(days=1), day - timedelta(days=1)
        return _page(f"活动日历 {day}", [(f"/calendar/?date={nxt}", "下一天"), (f"/calendar/?date={prv}", "前一天"),
                                       (f"/calendar/?date={nxt}&view=week", "周视图")]).encode()

    res["/calendar/"] = Resource(calendar, content_type=html, validators=False)
    traps["/calendar/"] = "endless calendar"
    # --- navigation ---------------------------------------------------------------------------
    gk_links = [("/zwgk/zfxxgknb/index.html", "政府信息公开年报"),
                ("/zwgk/zfxxgknb/index.html?utm_source=wechat", "政府信息公开年报（微信）"),
                ("/col/col1234/index.html", "区政府信息公开年度报告"),
                ("/bmxxgk/nblist.jsp?page=1", "部门政府信息公开年度报告"),
                ("/xxgkml/index.html", "政府信息公开目录"),
                ("/private/nb2022.html", "2022年政府信息公开工作年度报告（内部）"),
                ("/go/latest.html", "最新年报"),
                ("/old/nb.html", "2019年政府信息公开工作年度报告（旧址）"),
                ("/zwgk/zfxxgk/missing.html", "信息公开指南"),
                ("/go/offsite.html", "政府信息公开年报（省平台）"),
                ("http://www.other-province.gov.cn/xxgknb/", "外省政府信息公开年报")]
    res["/zwgk/zfxxgk/"] = Resource(_page("政府信息公开", gk_links, crumb="政务公开 > 政府信息公开").encode(),
                                    content_type=html)
    res["/zwgk/"] = Resource(_page("政务公开", [("/zwgk/zfxxgk/", "政府信息公开"), ("/zwgk/zfxxgk/#top", "信息公开"),
                                               ("/zwgk/zcwj/", "政策文件")]).encode(), content_type=html)
    res["/zwgk/zcwj/"] = Resource(_page("政策文件", [("/zwgk/zcwj/t1.html", "关于印发某某区2023年工作要点的通知")])
                                  .encode(), content_type=html)
    res["/zwgk/zcwj/t1.html"] = Resource(wrap_page("<p>工作要点正文</p>", style="trs",
                                                   title="关于印发某某区2023年工作要点的通知").encode(), content_type=html)
    res["/"] = Resource(_page(name, [("/zwgk/", "政务公开"), ("/zwgk/index.html", "政务公开"),
                                     ("/calendar/?date=2024-01-01", "活动日历"), ("/zwfw/", "政务服务"),
                                     ("http://www.gov.cn/", "中国政府网")]).encode(), content_type=html)
    return Portal(name, res, gold, traps)


def add_hostile_pages(portal: Portal, *, huge_mb: int = 50) -> dict[str, str]:
    """Pages that must not break a crawl, linked from the hand-made report column: path → what it is."""
    res = portal.resources
    hostile = {
        "/bad/huge.html": "a page over the download size limit",
        "/bad/loop-a.html": "a redirect loop",
        "/bad/binary.html": "binary data served as text/html",
        "/bad/truncated.html": "a report cut off mid-table",
        "/bad/wrong-charset.html": "GBK bytes declared as UTF-8",
        "/bad/garbage.html": "a report whose table is garbage",
    }
    res["/bad/huge.html"] = Resource(lambda q: b"<html><body>" + b"<p>x</p>" * (huge_mb * 131072), content_type=
                                     "text/html; charset=utf-8", validators=False)
    res["/bad/loop-a.html"] = Resource(status=302, headers={"Location": "/bad/loop-b.html"})
    res["/bad/loop-b.html"] = Resource(status=302, headers={"Location": "/bad/loop-a.html"})
    res["/bad/binary.html"] = Resource(bytes(range(256)) * 400, content_type="text/html")
    first = next(p for p in portal.gold if p.startswith("/zwgk/"))
    full = res[first].body
    assert isinstance(full, bytes)
    res["/bad/truncated.html"] = Resource(full[: len(full) * 2 // 3], content_type="text/html; charset=utf-8")
    gbk = next(p for p in portal.gold if p.startswith("/art/"))
    res["/bad/wrong-charset.html"] = Resource(res[gbk].body, content_type="text/html; charset=utf-8")
    res["/bad/garbage.html"] = Resource(wrap_page(
        "<p>某某区2023年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p><table><tr><td>一、本年新收政府"
        "信息公开申请数量</td><td>abc</td><td>9" + "9" * 40 + "</td><td>—</td><td>-5</td></tr><tr><td>（七）总计"
        "</td>" + "<td>1</td>" * 30 + "</tr></table><p>四、政府信息公开行政复议、行政诉讼情况</p>",
        style="handmade", title="某某区2023年政府信息公开工作年度报告").encode(), content_type="text/html; charset=utf-8")
    links = [(p, f"2023年政府信息公开工作年度报告（{what}）") for p, what in hostile.items()]
    res["/bad/index.html"] = Resource(_page("政府信息公开年报（其他）", links).encode(), content_type="text/html; charset=utf-8")
    zfxxgk = res["/zwgk/zfxxgk/"]
    assert isinstance(zfxxgk.body, bytes)
    zfxxgk.body = zfxxgk.body.replace(b"</ul>", '<li><a href="/bad/index.html">政府信息公开年报（其他）</a></li></ul>'
                                      .encode(), 1)
    return hostile


def parse_query(query: str) -> dict[str, list[str]]:
    return parse_qs(query, keep_blank_values=True)


def build_gkmlpt_portal(seed: int = 44, *, reports: int = 7, name: str = "某某市某某区人民政府") -> Portal:
    """A Guangdong gkmlpt portal: the catalogue tree in ``window._CONFIG``, lists as JSON from
    ``/gkmlpt/api/all/{id}?page=N&sid=…`` (3 per page), article bodies as ``\\u003C``-escaped HTML
    inside the detail page's script — a DOM-only crawler finds no report at all."""
    import json

    html = "text/html; charset=utf-8"
    sid = "4406xx"
    res: dict[str, Resource] = {}
    gold: dict[str, dict] = {}
    traps: dict[str, str] = {}
    articles: list[dict] = []
    years = [2019, 2020, 2021, 2022, 2023, 2024]
    for i in range(reports):
        year = years[i % len(years)]
        rep = generate_report(seed * 1000 + i, edition="2019" if year <= 2020 else "2021", year=year,
                              agency="某某区" + BUREAUS[i % len(BUREAUS)])
        path = f"/gkmlpt/content/{i % 4}/{3000 + i}/post_{3000 + i}.html"
        detail = {"id": 3000 + i, "title": rep.gold["title"], "date": f"{year + 1}-01-15 10:00:00",
                  "publisher": rep.gold["agency"], "content": render_html(rep, ("wps", "merged", "split")[i % 3], i)}
        script = json.dumps(detail, ensure_ascii=False).replace("<", "\\u003C").replace(">", "\\u003E")
        page = (f'<html><head><meta charset="utf-8"><title>{escape(rep.gold["title"])}_{name}</title>'
                f'<meta name="ArticleTitle" content="{escape(rep.gold["title"])}"></head><body>'
                '<div class="header"><a href="/">首页</a> <a href="/gkmlpt/index">政府信息公开</a></div>'
                '<div id="app"></div><div class="footer">主办单位：某某区人民政府办公室 网站标识码：4406000001</div>'
                f"<script>window._CONFIG = {{SID: '{sid}', DETAIL: {script}}};</script></body></html>")
        res[path] = Resource(page.encode("utf-8"), content_type=html)
        gold[path] = rep.gold
        articles.append({"id": 3000 + i, "title": rep.gold["title"], "url": path, "date": f"{year + 1}-01-15"})
    plan = {"id": 3001, "title": "某某区2023年政务公开工作要点", "url": "/gkmlpt/content/9/9001/post_9001.html"}
    res[plan["url"]] = Resource(wrap_page("<p>某某区2023年政务公开工作要点</p>" * 5, style="handmade",
                                          title=plan["title"]).encode("utf-8"), content_type=html)
    traps[plan["url"]] = "work plan in another category"
    tree = [{"id": 1, "name": "政府信息公开指南", "children": []},
            {"id": 2, "name": "法定主动公开内容", "children": [
                {"id": 21, "name": "政府信息公开年报", "children": []},
                {"id": 22, "name": "规划计划", "children": []}]}]
    config = json.dumps({"SID": sid, "TREE": tree}, ensure_ascii=False)
    res["/"] = Resource(f'<html><head><meta charset="utf-8"><title>{name}</title></head><body>'
                        '<a href="/gkmlpt/index">政府信息公开</a></body></html>'.encode(), content_type=html)
    res["/gkmlpt/index"] = Resource(
        f'<html><head><meta charset="utf-8"><title>政府信息公开_{name}</title></head><body><div id="app"></div>'
        f"<script>window._CONFIG = {config};</script></body></html>".encode(), content_type=html)

    def api(category: int) -> Callable[[dict[str, list[str]]], bytes]:
        items = articles if category == 21 else [plan]

        def render(query: dict[str, list[str]]) -> bytes:
            page = int((query.get("page") or ["1"])[0] or 1)
            chunk = items[(page - 1) * 3:page * 3]
            return json.dumps({"total": len(items), "page": page, "articles": chunk}, ensure_ascii=False).encode()
        return render

    for category in (21, 22):
        res[f"/gkmlpt/api/all/{category}"] = Resource(api(category), content_type="application/json; charset=utf-8",
                                                      validators=False)
    res["/robots.txt"] = Resource(b"User-agent: *\nAllow: /\n", content_type="text/plain")
    return Portal(name, res, gold, traps)


def build_families_portal(seed: int = 77, *, name: str = "某某县人民政府") -> Portal:
    """The list mechanics of PORTALS.md's "other" families, one column each:

    - Zhejiang: the list comes from ``/api-gateway/…`` named in a script tag's ``url`` and
      ``querydata`` attributes; the answer is ``{"data":{"html":"<ul>…"}}``, paged by ``pageNo``
      inside ``paramJson``.
    - Jiangxi: ``$.ajax`` POSTs a form to ``/queryList`` (GET is refused); JSON records, paged by
      ``current`` with a total.
    - Liaoning: the next page sits in ``<span onclick="queryArticleByCondition(this,'…-2.shtml')">``.
    - Chengdu: ``column-index-N.shtml`` pages, the pager drawn by script from ``countPage``.
    - Tianjin: report links hidden in ``onclick="isDownLoad(this,'…')"``.
    - Reports published only as files (``/…/2022/510104001.pdf``), one with a title that does not
      say 信息公开 (its column does): recorded from the link, never downloaded; and one behind a
      download link without a file name in its path, answered with the PDF (``files``).
    """
    import json

    html = "text/html; charset=utf-8"
    res: dict[str, Resource] = {}
    gold: dict[str, dict] = {}
    years = [2019, 2020, 2021, 2022, 2023, 2024]
    counter = iter(range(1000))

    def report(path: str, style: str) -> tuple[str, str]:
        i = next(counter)
        year = years[i % len(years)]
        agency = "某某县" + BUREAUS[i % len(BUREAUS)]
        rep = generate_report(seed * 1000 + i, edition="2019" if year <= 2020 else "2021", year=year, agency=agency)
        page = wrap_page(render_html(rep, ("wps", "merged", "split")[i % 3], i), style=style,
                         title=rep.gold["title"], published_at=f"{year + 1}-01-20 09:00", source=agency,
                         site_name=name)
        res[path] = Resource(page.encode("utf-8"), content_type=html)
        gold[path] = rep.gold
        return path, rep.gold["title"]

    def column(title: str, body: str, extra_head: str = "") -> bytes:
        return (f'<html><head><meta charset="utf-8"><meta name="ColumnName" content="{escape(title)}">'
                f'<title>{escape(title)}_{name}</title>{extra_head}</head><body>'
                '<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>'
                f'<div class="position">当前位置：<a href="/">首页</a> &gt; 政务公开 &gt; {escape(title)}</div>'
                f'<div class="main"><h2>{escape(title)}</h2>{body}</div>'
                '<div class="footer">主办单位：某某县人民政府办公室 网站标识码：3300000001</div></body></html>').encode()

    def lis(links: list[tuple[str, str]]) -> str:
        return "<ul>" + "".join(f'<li><a href="{escape(h)}" title="{escape(t)}">{escape(t)}</a>'
                                "<span>2024-01-20</span></li>" for h, t in links) + "</ul>"

    # Zhejiang: /api-gateway list named by a script tag, HTML inside JSON, pageNo inside paramJson
    zj = [report(f"/art/{2020 + k}/1/15/art_1229_{5900 + k}.html", "hanweb") for k in range(5)]
    query = "{'paramJson':'{\\\"pageNo\\\":1,\\\"pageSize\\\":3,\\\"columnId\\\":1229}'}"
    res["/col/col1229/index.html"] = Resource(column("政府信息公开年报", (
        '<div id="list"><script type="text/javascript" parseType="bulidstatic" webId="2652" tplSetId="5" '
        'pageType="column" tagId="当前栏目list" url="/api-gateway/jpaas-publish-server/front/page/build/unit" '
        f'queryData="{query}"></script></div>')), content_type=html)

    def zj_api(q: dict[str, list[str]]) -> bytes:
        param = json.loads((q.get("paramJson") or ["{}"])[0] or "{}")
        page, size = int(param.get("pageNo", 1)), int(param.get("pageSize", 3))
        return json.dumps({"code": 200, "data": {"html": lis(zj[(page - 1) * size:page * size]), "total": len(zj)}},
                          ensure_ascii=False).encode()
    res["/api-gateway/jpaas-publish-server/front/page/build/unit"] = Resource(
        zj_api, content_type="application/json;charset=UTF-8", validators=False)

    # Jiangxi: $.ajax POST to /queryList
    jx = [report(f"/xxgk/nb/{2020 + k}/t{2020 + k}0125_{7700 + k}.html", "trs") for k in range(4)]
    res["/xxgk/nb/index.html"] = Resource(column("部门信息公开年报", '<div id="list"></div>', extra_head=(
        '<script>$(function(){ $.ajax({ url: "/queryList", type: "post", dataType: "json", '
        'data: { channelId: "nb01", current: 1, size: 3 }, success: function(d){ render(d); } }); '
        '$.post("/site/visitCount", {id: 3}); });</script>')), content_type=html)

    # one record is a download link answered with the PDF itself (no .pdf in the path)
    download = "/module/download/downfile.jsp?classid=0&filename=2022nb.pdf"
    jx_records = [*jx, (download, "某某县卫生健康局2022年政府信息公开工作年度报告")]
    res["/module/download/downfile.jsp"] = Resource(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\n%%EOF\n",
        content_type="application/octet-stream", headers={"Content-Disposition": 'attachment; filename="2022nb.pdf"'})

    def jx_api(q: dict[str, list[str]]) -> bytes:
        if (q.get("channelId") or [""])[0] != "nb01":
            return b'{"code":400,"records":[]}'
        page, size = int((q.get("current") or ["1"])[0]), int((q.get("size") or ["3"])[0])
        return json.dumps({"code": 0, "total": len(jx_records), "records": [
            {"title": t, "url": h, "date": "2024-01-25"} for h, t in jx_records[(page - 1) * size:page * size]]},
            ensure_ascii=False).encode()
    res["/queryList"] = Resource(jx_api, content_type="application/json;charset=UTF-8", validators=False,
                                 post_only=True)

    # Liaoning: the next page in a <span onclick="queryArticleByCondition(this,'…-2.shtml')">
    ln = [report(f"/lnnb/content/{2020 + k}01/{8800 + k}.shtml", "ucap") for k in range(4)]
    for k in (1, 2):
        pager = ('<div class="page"><span onclick="queryArticleByCondition(this,\'/lnnb/list-2.shtml\')">下一页</span>'
                 "</div>") if k == 1 else '<div class="page"><span class="disabled">下一页</span></div>'
        res[f"/lnnb/list-{k}.shtml"] = Resource(column("乡镇政府信息公开年报", lis(ln[(k - 1) * 2:k * 2]) + pager),
                                                content_type=html)

    # Chengdu: column-index-N.shtml, pager drawn by script; one report only as a PDF
    cd = [report(f"/cdnb/{2021 + k}/t{2021 + k}0130_{9900 + k}.shtml", "dede") for k in range(3)]
    files = {"/cdnb/2023/510104001.pdf": "某某县教育局2022年政府信息公开工作年度报告",
             download: "某某县卫生健康局2022年政府信息公开工作年度报告"}
    cd_links = [*cd, *files.items()]
    for k in (1, 2):
        res[f"/cdnb/column-index-{k}.shtml"] = Resource(column("年报专栏", lis(cd_links[(k - 1) * 2:k * 2]) + (
            f'<div id="pager"></div><script>var countPage = 2; var currentPage = {k}; drawPager();</script>')),
            content_type=html)

    # Tianjin: report links in onclick="isDownLoad(this,'…')"; one report only as a file, titled by year
    tj = [report(f"/tjnb/{2022 + k}/t{2022 + k}0210_{6600 + k}.html", "handmade") for k in range(2)]
    files["/tjnb/files/2021nb.pdf"] = "2021年度报告"
    tj_items = "".join(f'<li><a href="javascript:void(0)" onclick="isDownLoad(this,\'{h}\')">{escape(t)}</a></li>'
                       for h, t in [*tj, ("/tjnb/files/2021nb.pdf", "2021年度报告")])
    res["/tjnb/index.html"] = Resource(column("政府信息公开年报", f"<ul>{tj_items}</ul>"), content_type=html)

    res["/zwgk/"] = Resource(column("政务公开", lis([
        ("/col/col1229/index.html", "政府信息公开年报"), ("/xxgk/nb/index.html", "部门信息公开年报"),
        ("/lnnb/list-1.shtml", "乡镇政府信息公开年报"), ("/cdnb/column-index-1.shtml", "年报专栏"),
        ("/tjnb/index.html", "政府信息公开年度报告")])), content_type=html)
    res["/"] = Resource(f'<html><head><meta charset="utf-8"><title>{name}</title></head><body>'
                        '<a href="/zwgk/">政务公开</a></body></html>'.encode(), content_type=html)
    res["/robots.txt"] = Resource(b"User-agent: *\nAllow: /\n", content_type="text/plain")
    return Portal(name, res, gold, {}, files=files)
