"""Discovery per CMS family, on realistic page fragments (pure functions, no server)."""

from __future__ import annotations

import pytest

from govreports import discovery
from govreports.urls import canonicalize, report_id

BASE = "http://www.example.gov.cn/zwgk/zfxxgknb/index.html"


@pytest.mark.parametrize(("url", "canonical"), [
    ("HTTP://WWW.Example.gov.cn:80/a/index.html#top", "http://www.example.gov.cn/a/"),
    ("http://www.example.gov.cn/a/index.shtml?utm_source=wx&spm=1.2", "http://www.example.gov.cn/a/"),
    ("https://x.gov.cn:443/b/t1.html;jsessionid=ABC?b=2&a=1", "https://x.gov.cn/b/t1.html?a=1&b=2"),
    ("http://x.gov.cn//c//default.htm", "http://x.gov.cn/c/"),
    ("http://x.gov.cn:8080/list.jsp?page=2&_t=1700000000", "http://x.gov.cn:8080/list.jsp?page=2"),
    ("http://big5.x.gov.cn/gate/big5/www.x.gov.cn/art/2022/1/5/art_1_2.html", "http://www.x.gov.cn/art/2022/1/5/art_1_2.html"),
    ("http://www.x.gov.cn/gate/big5/www.x.gov.cn/zwgk/index.html", "http://www.x.gov.cn/zwgk/"),
])
def test_canonical_urls(url: str, canonical: str) -> None:
    assert canonicalize(url) == canonical
    assert report_id(url) == report_id(canonical) and len(report_id(url)) == 16


@pytest.mark.parametrize(("text", "yes"), [
    ("某区教育局2021年政府信息公开工作年度报告", True),
    ("2022年度政府信息公开工作年报", True),
    ("某县二〇二〇年政府信息公开年度报告", True),
    ("政府信息公开年报", False),  # a column, explored as a list
    ("关于报送2021年政府信息公开工作年度报告的通知", False),
    ("关于做好2022年度政府信息公开工作年度报告编制发布工作的通知", False),
    # a notice issuing one report is that report's page
    ("某区人民政府办公室关于印发《某区2022年政府信息公开工作年度报告》的通知", True),
    ("关于印发某区2022年政府信息公开工作年度报告编制要求的通知", False),
    ("某区人民政府关于2022年政府信息公开工作年度报告的公示", True),  # a 公示 of the report
    ("关于报送2022年政府信息公开工作年度报告的公示", False),
    ("2022年政务公开工作要点", False),
    ("某区2021年法治政府建设年度报告", False),
    ("2021年部门决算", False),
    # a title a list cut short: followed while what it shows may still be a report's
    ("某区民政局2022年政府信息公开工作年度...", True),
    ("某区民政局2022年政府信息公开工…", True),
    ("某区2022年政务公开工作年度报…", True),
    ("某区民政局2022年政府信息公开工作年度报告的...", True),
    ("2022年政府信息公开工作要点...", False),
    ("关于做好2022年政府信息公开...", False),
    ("某区民政局2022年政府信息公开工作考核结果...", False),
    ("某区2022年度部门决算...", False),
])
def test_report_links_by_text(text: str, yes: bool) -> None:
    assert discovery.is_report_link(text) is yes


def test_column_scoring_prefers_the_annual_report_column() -> None:
    assert discovery.score_column("政府信息公开年报", "/zwgk/zfxxgknb/") > discovery.score_column(
        "政府信息公开", "/zwgk/zfxxgk/") > discovery.score_column("政务服务", "/zwfw/")
    assert discovery.score_column("信息公开年报", "/xxgk/nb/list.jsp") > 0
    assert discovery.score_column("政府信息公开年报", "/search/index.jsp?q=年报") < 0


def test_trs_create_page_html() -> None:
    text = '<div><script>createPageHTML(4, 0, "index", "shtml");</script></div>'
    assert discovery.trs_pages(text, BASE) == [
        "http://www.example.gov.cn/zwgk/zfxxgknb/index_1.shtml",
        "http://www.example.gov.cn/zwgk/zfxxgknb/index_2.shtml",
        "http://www.example.gov.cn/zwgk/zfxxgknb/index_3.shtml"]
    assert discovery.trs_pages("<script>var countPage = 3;</script>", BASE) == [
        "http://www.example.gov.cn/zwgk/zfxxgknb/index_1.html", "http://www.example.gov.cn/zwgk/zfxxgknb/index_2.html"]
    # newer templates: the pager element's id first, and the numbers passed as the script's variables
    text = "<script>var pages = 3; var cur = 0;\ncreatePageHTML('page_div', pages, cur, 'index', 'shtml', 20);</script>"
    assert discovery.trs_pages(text, BASE) == [
        "http://www.example.gov.cn/zwgk/zfxxgknb/index_1.shtml", "http://www.example.gov.cn/zwgk/zfxxgknb/index_2.shtml"]
    assert discovery.trs_pages("<script>createPageHTML(pages, 0, 'index', 'html');</script>", BASE) == []  # (unknown)


HANWEB = """<div id="2"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=3&path=http://x.gov.cn/&columnid=1229&unitid=4567&webname=某区&permissiontype=0"></a>]]>
</nextgroup><recordset><record><![CDATA[<li><a href="/art/2022/1/20/art_1229_100.html" title="某区2021年政府信息公开工作年度报告">某区2021年…</a></li>]]></record>
<record><![CDATA[<li><a href="/art/2021/1/21/art_1229_99.html">某区2020年政府信息公开工作年度报告</a></li>]]></record>
</recordset></datastore></script><script>var ilist={}; ilist.perPage = "2"; ilist.totalRecord = "9";</script></div>"""


def test_hanweb_datastore_records_and_dataproxy_pages() -> None:
    records = discovery.hanweb_records(HANWEB, "http://x.gov.cn/col/col1229/index.html")
    assert records[0] == ("http://x.gov.cn/art/2022/1/20/art_1229_100.html", "某区2021年政府信息公开工作年度报告")
    pages = discovery.hanweb_pages(HANWEB, "http://x.gov.cn/col/col1229/index.html")
    assert len(pages) == 2  # records 3-8 and 9
    assert "startrecord=3" in pages[0] and "endrecord=8" in pages[0] and "columnid=1229" in pages[0]
    assert "unitid=4567" in pages[0] and pages[0].startswith("http://x.gov.cn/module/web/jpage/dataproxy.jsp?")
    # a dataproxy reply lists records but asks for nothing more
    reply = "<datastore><totalrecord>9</totalrecord><recordset><record><![CDATA[<a href='/a.html'>x</a>]]></record>"
    assert discovery.hanweb_pages(reply + "</recordset></datastore>", pages[0]) == []


def test_plain_next_links_and_page_parameters() -> None:
    html = ('<div class="page"><a href="list.jsp?page=1">1</a><a href="list.jsp?page=2">2</a>'
            '<a href="list.jsp?page=2">下一页</a><a href="/other.jsp?page=3">x</a></div>')
    found = discovery.read_listing(html, "http://x.gov.cn/nb/list.jsp?page=1", in_report_column=True)
    assert "http://x.gov.cn/nb/list.jsp?page=2" in found.pages
    assert "http://x.gov.cn/other.jsp?page=3" not in found.pages


@pytest.mark.parametrize("pager", ["[下一页]", "下一页&gt;", "下一页 &gt;&gt;", "【下一页】", "&gt;&gt;", "›", "→", "Next Page",
                                   '<img src="/images/next.gif" alt="下一页">', '<i class="icon-right"></i>'])
def test_next_page_links_however_a_pager_draws_them(pager: str) -> None:
    """The next page's link as pagers draw it: bracketed, with arrows, arrows alone, an image whose alt
    text says it, an icon button whose class does; never 下一篇 (the next article) or 上一页."""
    cls = ' class="next"' if "icon" in pager else ""
    html = (f'<div class="page"><a href="index_1.html"{cls}>{pager}</a><a href="/a/t2023_9.html">下一篇</a>'
            '<a href="index_0.html">上一页</a><a href="index_0.html">&lt;&lt;</a></div>')
    found = discovery.read_listing(html, "http://x.gov.cn/nb/index.html", in_report_column=True)
    assert "http://x.gov.cn/nb/index_1.html" in found.pages
    assert not {"http://x.gov.cn/a/t2023_9.html", "http://x.gov.cn/nb/index_0.html"} & set(found.pages)


def test_an_xhtml_list_opening_with_an_xml_declaration_gives_its_links() -> None:
    """A GBK list page served as XHTML (``<?xml … encoding="gb2312"?>``), read as the decoded string
    the spider has: its report links and its next page are found (none were: lxml refused the string)."""
    html = ('<?xml version="1.0" encoding="gb2312"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">'
            '<head><title>政府信息公开年报</title></head><body><ul>'
            '<li><a href="./202301/t20230110_9.html">某区民政局2022年政府信息公开工作年度报告</a></li></ul>'
            '<a href="index_1.html">下一页</a></body></html>')
    found = discovery.read_listing(html, "http://x.gov.cn/nb/index.html", in_report_column=True)
    assert [r.url for r in found.reports] == ["http://x.gov.cn/nb/202301/t20230110_9.html"]
    assert found.pages == ["http://x.gov.cn/nb/index_1.html"]


def test_javascript_tree_and_onclick_urls() -> None:
    html = ("<html><body><a href=\"javascript:void(0)\" onclick=\"queryArticleByCondition(this,'/xxgk/nb-2.shtml')\">"
            "下一页</a><script>var tree=[{name:'某区2022年政府信息公开工作年度报告', url:'/xxgk/202301/t20230110_9.html'},"
            "{\"title\":\"部门年报\",\"link\":\"/bmnb/index.html\"}];</script></body></html>")
    found = discovery.read_listing(html, "http://x.gov.cn/xxgk/nb.shtml", in_report_column=False)
    assert [link.url for link in found.reports] == ["http://x.gov.cn/xxgk/202301/t20230110_9.html"]
    assert "http://x.gov.cn/bmnb/index.html" in [c.url for c in found.columns]
    assert "http://x.gov.cn/xxgk/nb-2.shtml" in found.pages


def test_location_stub() -> None:
    assert discovery.location_stub('<script>window.location.href="/a/t1.html";</script>',
                                   "http://x.gov.cn/b/") == "http://x.gov.cn/a/t1.html"
    assert discovery.location_stub("<p>" + "x" * 5000 + "</p>", "http://x.gov.cn/") is None


def test_report_column_pages_yield_article_links_without_report_titles() -> None:
    html = '<ul><li><a href="./202301/t20230110_5.html">区教育局</a></li><li><a href="/about.html">关于我们</a></li></ul>'
    found = discovery.read_listing(html, BASE, in_report_column=True)
    assert [r.url for r in found.reports] == ["http://www.example.gov.cn/zwgk/zfxxgknb/202301/t20230110_5.html"]
    assert discovery.is_report_column("", "http://x.gov.cn/zwgk/zfxxgknb/")
    assert discovery.is_report_column("<title>政府信息公开年报</title>", "http://x.gov.cn/col/col1/index.html")


def test_gkmlpt_catalogue_and_json_lists() -> None:
    from govreports.discovery_json import gkmlpt_lists, json_listing

    index = ("<script>window._CONFIG = {SID: 'gz01', TREE: [{id: 5, name: '机构职能', children: []}, "
             "{\"id\": 88, \"name\": \"政府信息公开年报\", \"children\": []}]};</script>")
    assert gkmlpt_lists(index, "http://www.example.gov.cn/gkmlpt/index") == [
        "http://www.example.gov.cn/gkmlpt/api/all/88?page=1&sid=gz01"]
    body = ('{"total": 25, "articles": [{"title": "2023年政府信息公开工作年度报告", "url": '
            '"http://www.example.gov.cn/gkmlpt/content/1/1/post_1.html"}'
            + ', {"title": "x", "url": "/gkmlpt/content/1/2/post_2.html"}' * 9 + "]}")
    entries, fragments, pages, _ = json_listing(body, "http://www.example.gov.cn/gkmlpt/api/all/88?page=1&sid=gz01")
    assert entries[0] == ("http://www.example.gov.cn/gkmlpt/content/1/1/post_1.html", "2023年政府信息公开工作年度报告")
    assert pages == ["http://www.example.gov.cn/gkmlpt/api/all/88?page=2&sid=gz01",
                     "http://www.example.gov.cn/gkmlpt/api/all/88?page=3&sid=gz01"]
    assert not fragments


def test_json_answer_with_html_fragment_is_a_listing() -> None:
    text = ('{"code": 0, "data": {"html": "<ul><li><a href=\\"/art/2024/1/10/art_1_99.html\\">'
            '某县2023年政府信息公开工作年度报告</a></li></ul>"}}')
    found = discovery.read_listing(text, "http://www.example.gov.cn/api-gateway/jpaas-publish-server/front/page/build/unit",
                         in_report_column=False)
    assert [link.url for link in found.reports] == ["http://www.example.gov.cn/art/2024/1/10/art_1_99.html"]
    assert discovery.read_listing("{not json", "http://x.gov.cn/api?page=1", in_report_column=False).reports == []


# --- lists fetched by script: Zhejiang /api-gateway tags, $.ajax / $.post, axios ----------------

def test_js_literals_read_leniently_and_expressions_are_not_guessed() -> None:
    from govreports.discovery_ajax import parse_js_literal

    value = parse_js_literal("{'paramJson':'{\"pageNo\":1}', a: [1, 'x', {b: true}], c: foo(1, 2), d: -3.5, "
                             "/* note */ e: null, f: '/list?id=' + id}")
    assert value["paramJson"] == '{"pageNo":1}' and value["a"] == [1, "x", {"b": True}]
    assert value["d"] == -3.5 and value["e"] is None
    assert repr(value["c"]) == "<expr>" and repr(value["f"]) == "<expr>"
    assert parse_js_literal("{a: ") is None and parse_js_literal("") is None


def test_list_requests_from_tags_and_ajax_calls_only_list_endpoints_on_the_same_host() -> None:
    from govreports.discovery_ajax import api_calls

    page = ('<div><script type="text/javascript" parseType="bulidstatic" webId="2652" '
            'url="/api-gateway/jpaas-publish-server/front/page/build/unit" '
            "queryData=\"{'paramJson':'{\\\"pageNo\\\":1,\\\"pageSize\\\":15}'}\"></script></div>"
            '<a url="/not/a/call">x</a><img url="/x.png">')
    scripts = ('$.ajax({ url: "/queryList", type: "post", data: { channelId: "nb01", current: 1, kw: kw } });'
               "$.post('/site/visitCount', {id: 3}); $.get('/list/' + id, {page: 1});"
               "$.ajax('/xxgk/list.json', {data: {page: 1}}); $.getJSON('http://other.gov.cn/api/list', {p: 1});"
               "axios.post('/api/article/list', JSON.stringify({pageNo: 1, pageSize: 10}));"
               "$.ajax({url: '/search/query', data: {q: 'x'}});")
    calls = {(c.method, c.url.replace("http://www.x.gov.cn", ""), c.json_body): c.params
             for c in api_calls(page, scripts, "http://www.x.gov.cn/col/col1/index.html")}
    assert calls == {
        ("GET", "/api-gateway/jpaas-publish-server/front/page/build/unit", False): {
            "parseType": "bulidstatic", "webId": "2652", "paramJson": '{"pageNo":1,"pageSize":15}'},
        ("POST", "/queryList", False): {"channelId": "nb01", "current": "1"},
        ("GET", "/xxgk/list.json", False): {"page": "1"},
        ("POST", "/api/article/list", True): {"pageNo": "1", "pageSize": "10"},
    }


@pytest.mark.parametrize("bad", ['<div url="' * 20000, "$.ajax({" * 20000, "$.post('/list', {a: '" * 20000,
                                 "$.ajax({url:'/list', data: {" + "{a:" * 20000, "<script url='/list' q=\"" + "\\\"" * 50000])
def test_script_list_reading_survives_hostile_pages(bad: str) -> None:
    from govreports.discovery_ajax import api_calls

    assert isinstance(api_calls(bad, bad, "http://www.x.gov.cn/"), list)


def test_next_pages_of_paged_list_requests() -> None:
    from govreports.discovery_json import next_params

    # the page inside a JSON parameter (Zhejiang), the size asked for, a total: every page from the first
    first = next_params({"paramJson": '{"pageNo":1,"pageSize":3}', "webId": "1"}, 3, [], [8])
    assert [p["paramJson"] for p in first] == ['{"pageNo":2,"pageSize":3}', '{"pageNo":3,"pageSize":3}']
    assert next_params({"current": "3", "size": "3"}, 2, [2], [8]) == []  # a short page is the last
    assert next_params({"current": "2", "size": "3"}, 3, [3], [8]) == []  # the first page asked for them
    assert next_params({"page": "4"}, 15, [15], []) == [{"page": "5"}]  # no total: the page after a full one
    assert next_params({"id": "7"}, 15, [15], [100]) == []  # not a paged request


def test_numbered_column_pages_and_onclick_pagers() -> None:
    assert discovery.trs_pages("var countPage = 3;", "http://a.gov.cn/x/column-index-1.shtml") == [
        "http://a.gov.cn/x/column-index-2.shtml", "http://a.gov.cn/x/column-index-3.shtml"]
    assert discovery.trs_pages("var countPage = 3;", "http://a.gov.cn/x/index_2.html") == [
        "http://a.gov.cn/x/index_1.html", "http://a.gov.cn/x/index_2.html"]  # TRS: index, index_1, index_2
    page = ('<div class="page"><span onclick="queryArticleByCondition(this,\'/ln/list-2.shtml\')">下一页</span></div>'
            '<ul><li><a href="javascript:void(0)" onclick="isDownLoad(this,\'/tj/2022nb.pdf\')">2022年度报告</a></li></ul>')
    found = discovery.read_listing(page, "http://a.gov.cn/ln/list-1.shtml", in_report_column=True)
    assert found.pages == ["http://a.gov.cn/ln/list-2.shtml"]
    assert [link.url for link in found.reports] == ["http://a.gov.cn/tj/2022nb.pdf"]
    assert discovery.is_attachment_url(found.reports[0].url)


def test_a_report_published_only_as_a_file_is_kept_from_its_list_link() -> None:
    from govreports.items import attachment_link_item
    from govreports.page import classify, clean_page
    from govreports.parser import parse_page

    for text, column in (("某某县教育局2022年政府信息公开工作年度报告.pdf", None), ("2022年度报告", "政府信息公开年报")):
        item = attachment_link_item("http://a.gov.cn/nb/2023/510104001.pdf", link_text=text, column=column,
                                    site="s", region=None, found_on="http://a.gov.cn/nb/")
        page = clean_page(item["body"], url=item["url"], headers=item["headers"])
        verdict = classify(page)
        assert (verdict.is_report, verdict.kind) == (True, "attachment_only")
        record = parse_page(page)
        assert record.title == text.removesuffix(".pdf") and record.year == 2022
        assert record.page["attachments"] == [{"url": "http://a.gov.cn/nb/2023/510104001.pdf",
                                               "text": "510104001.pdf"}]
    # without a report column, a bare "2022年度报告" is not taken for a disclosure report
    item = attachment_link_item("http://a.gov.cn/x/2022.pdf", link_text="2022年度报告", column="统计信息",
                                site="s", region=None, found_on="http://a.gov.cn/x/")
    assert not classify(clean_page(item["body"], url=item["url"], headers=item["headers"])).is_report


def test_traditional_gateway_links_lead_to_the_simplified_origin() -> None:
    page = ('<ul><li><a href="http://big5.example.gov.cn/gate/big5/www.example.gov.cn/zwgk/zfxxgknb/202201/'
            't20220115_9.html">某區2021年政府信息公開工作年度報告</a></li>'
            '<li><a href="/zwgk/zfxxgknb/202201/t20220115_9.html">某区2021年政府信息公开工作年度报告</a></li></ul>')
    origin = "http://www.example.gov.cn/zwgk/zfxxgknb/202201/t20220115_9.html"
    found = discovery.read_listing(page, BASE, in_report_column=True)
    assert [link.url for link in found.reports] == [origin]
    only_gateway = page.split("</li>")[0] + "</li></ul>"  # the Traditional text alone names a report
    assert [link.url for link in discovery.read_listing(only_gateway, BASE, in_report_column=False).reports] == [origin]
    assert not discovery.is_report_link("關於報送2021年政府信息公開工作年度報告的通知")


@pytest.mark.parametrize(("host", "site_host", "yes"), [
    ("xxgk.bjmtg.gov.cn", "www.bjmtg.gov.cn", True),  # the district's 信息公开 platform on its own subdomain
    ("bjmtg.gov.cn", "www.bjmtg.gov.cn", True),
    ("www.beijing.gov.cn", "www.bjmtg.gov.cn", False),
    ("evilbjmtg.gov.cn", "www.bjmtg.gov.cn", False),
    ("www.other.gov.cn", "www.gov.cn", False),  # never every *.gov.cn
    ("zwgk.sh.gov.cn", "zwgk.bj.gov.cn", False),
    ("127.0.0.2", "127.0.0.1", False),
    ("offsite.example.com", "127.0.0.1", False),
])
def test_a_portal_owns_its_subdomains_and_nothing_else(host: str, site_host: str, yes: bool) -> None:
    from govreports.urls import on_site

    assert on_site(host, site_host) is yes


def test_requests_to_the_portals_subdomains_pass_and_others_are_refused() -> None:
    from scrapy import Request
    from scrapy.exceptions import IgnoreRequest
    from scrapy.utils.test import get_crawler

    from govreports.middlewares import AllowedHostsMiddleware
    from govreports.sites import Site
    from govreports.spiders.reports import ReportsSpider

    crawler = get_crawler(ReportsSpider)
    spider = ReportsSpider.from_crawler(crawler, url="http://www.bjmtg.gov.cn/")
    crawler.spider = spider
    spider.max_pages = 100  # (set when the crawl starts)
    site: Site = spider.sites[0]
    assert spider.allowed_domains == ["bjmtg.gov.cn"]
    assert spider._allowed("http://xxgk.bjmtg.gov.cn/zfxxgknb/index.html", site)
    assert not spider._allowed("http://www.beijing.gov.cn/zfxxgknb/index.html", site)
    middleware = AllowedHostsMiddleware.from_crawler(crawler)
    middleware.spider_opened(spider)
    ok = Request("http://xxgk.bjmtg.gov.cn/art/2023/1/5/art_1_2.html", meta={"site": site})
    assert middleware.process_request(ok) is None
    with pytest.raises(IgnoreRequest, match="outside the allowed hosts"):
        middleware.process_request(Request("http://bjmtg.gov.cn.evil.example/x.html", meta={"site": site}))


def test_lists_embedded_as_frames_are_read_and_viewers_counters_maps_are_not() -> None:
    page = ('<iframe src="/xxgkml/nb/list.html" width="100%"></iframe>'
            '<iframe src="/generic/web/viewer.html?file=/u/nb.pdf"></iframe>'
            '<iframe src="/site/visitCount.jsp?id=3"></iframe><iframe src="javascript:false"></iframe>'
            '<iframe src="https://map.baidu.com/x"></iframe><frame src="left_tree.html">')
    found = discovery.read_listing(page, "http://www.x.gov.cn/xxgk/index.html", in_report_column=False)
    assert found.pages == ["http://www.x.gov.cn/xxgkml/nb/list.html", "http://www.x.gov.cn/xxgk/left_tree.html"]


@pytest.mark.parametrize(("url", "site_id"), [
    ("http://www.x.gov.cn/", "www-x-gov-cn"),
    ("http://www.x.gov.cn:80/zwgk/", "www-x-gov-cn"),  # the scheme's own port: the same site
    ("https://www.x.gov.cn:443/", "www-x-gov-cn"),
    ("http://127.0.0.1:8787/", "127-0-0-1-8787"),  # two portals on one address are two sites
    ("http://127.0.0.1:9000/", "127-0-0-1-9000"),
])
def test_a_site_given_by_url_is_its_host_and_port(url: str, site_id: str) -> None:
    from govreports.spiders.reports import ArgumentError, _site_of_url

    assert _site_of_url(url).id == site_id
    with pytest.raises(ArgumentError, match="bad port"):
        _site_of_url("http://127.0.0.1:99999/")


def test_a_report_link_nested_deep_in_a_listing_is_found() -> None:
    """libxml2 stops at 256 levels of elements unless told otherwise: a listing's links are read
    to 2,048."""
    from govreports.discovery import read_listing

    link = '<a href="/art/2022/1/1/art_1_1.html">某区2021年政府信息公开工作年度报告</a>'
    html = "<html><body>" + "<div>" * 1500 + link + "</div>" * 1500 + "</body></html>"
    found = read_listing(html, "http://www.x.gov.cn/zwgk/nb/", in_report_column=True).reports
    assert [link.url for link in found] == ["http://www.x.gov.cn/art/2022/1/1/art_1_1.html"]


def test_relative_links_resolve_against_the_pages_base_href() -> None:
    """A list page with ``<base href="http://x.gov.cn/">`` (as a browser resolves its links): its report
    links and its next page go where the base says, not under the page's own folder; a ``?page=N``
    variant of the page itself is still known by the page's own address."""
    html = ('<html><head><base href="http://x.gov.cn/" target="_blank"><title>政府信息公开年报</title></head><body><ul>'
            '<li><a href="art/2023/1/20/art_123_9.html">某区民政局2022年政府信息公开工作年度报告</a></li></ul>'
            '<a href="col/col123/index_1.html">下一页</a> <a href="/col/col123/list.jsp?page=2">2</a></body></html>')
    found = discovery.read_listing(html, "http://x.gov.cn/col/col123/list.jsp", in_report_column=True)
    assert [r.url for r in found.reports] == ["http://x.gov.cn/art/2023/1/20/art_123_9.html"]
    assert set(found.pages) == {"http://x.gov.cn/col/col123/index_1.html", "http://x.gov.cn/col/col123/list.jsp?page=2"}
    assert discovery.base_url(discovery.parse_html(html.replace('href="http://x.gov.cn/"', 'href="../"')),
                              "http://x.gov.cn/col/col123/list.jsp") == "http://x.gov.cn/col/"


def test_a_next_button_drawn_as_an_image_resolves_against_a_relative_base_once() -> None:
    html = ('<html><head><base href="../"></head><body><a href="index_1.html"><img src="n.gif" alt="下一页"></a>'
            "</body></html>")
    found = discovery.read_listing(html, "http://x.gov.cn/col/nb/index.html", in_report_column=True)
    assert found.pages == ["http://x.gov.cn/col/index_1.html"]
