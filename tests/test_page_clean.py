"""The page step: full CMS-style pages and the seeds → report content with no chrome, metadata exact."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from govreports.page import Page, PageMetadata, classify, clean_page, decode_body
from govreports.page.html_page import layout_tables
from govreports.parser import parse_page, parse_report
from govreports.synth.furniture import FURNITURE_STRINGS
from govreports.synth.pages import CHROME_STRINGS, STYLES, encode_page, wrap_page
from govreports.synth.render import render_html, render_text
from govreports.synth.report import generate_report
from tests.synth_compare import diff_cells

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
URL = "http://www.example.gov.cn/zwgk/zfxxgknb/202201/t20220120_8812.html"


def _page(style: str, *, body_style: str = "wps", charset: str = "utf-8", traditional: bool = False,
          seed: int = 3, edition: str = "2021", furniture: bool = False):
    report = generate_report(seed, edition=edition)
    html = wrap_page(render_html(report, body_style, seed), style=style, title=report.gold["title"],
                     published_at="2022-01-20 10:30", source="区政府办公室", site_name="某某区人民政府",
                     attachments=(("/files/2022/report.pdf", "2021年度报告.pdf"),), charset=charset,
                     traditional=traditional, furniture=furniture)
    return report, encode_page(html, charset)


@pytest.mark.parametrize("furniture", [False, True], ids=["chrome", "chrome and furniture"])
@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
@pytest.mark.parametrize("style", STYLES)
def test_cms_pages_keep_every_cell_and_drop_all_chrome(style: str, charset: str, furniture: bool) -> None:
    """Every cell, no chrome; with the furniture of a real portal page (scripts, menus, a department
    list, related reports of other years, footer site lists: ~21 KB) the record is the same."""
    report, data = _page(style, charset=charset, body_style=("wps", "merged", "split")[STYLES.index(style) % 3],
                         furniture=furniture)
    page = clean_page(data, content_type="text/html", url=URL)
    rec = parse_page(page).to_dict()
    assert diff_cells(report.gold, rec) == []
    assert rec["warnings"] == []
    for section in ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议", "存在的主要问题",
                    "其他需要报告的事项"):
        assert section in rec["text"]
    assert [c for c in CHROME_STRINGS + FURNITURE_STRINGS if c in rec["text"]] == []
    if furniture:
        _report, light = _page(style, charset=charset, body_style=("wps", "merged", "split")[STYLES.index(style) % 3])
        plain = parse_page(clean_page(light, content_type="text/html", url=URL)).to_dict()
        assert rec == plain
        assert len(data) > len(light) + (2_500 if style == "handmade" else 15_000)  # (a small site: its related list)
    meta = page.metadata
    assert (meta.title, meta.published_at, meta.source, meta.site_name, meta.column_name) == (
        report.gold["title"], "2022-01-20T10:30:00", "区政府办公室", "某某区人民政府", "政府信息公开年报")
    assert [(a.url, a.text) for a in meta.attachments] == [
        ("http://www.example.gov.cn/files/2022/report.pdf", "2021年度报告.pdf")]
    assert (meta.agency, meta.year) == (report.gold["agency"], report.gold["year"])


def test_information_disclosure_metadata_table_is_metadata_not_report() -> None:
    _, data = _page("ucap")
    page = clean_page(data, content_type="text/html", url=URL)
    assert page.metadata.doc_meta["索引号"] == "11010900/2022-00015"
    assert page.metadata.doc_meta["发文机关"] == "区政府办公室"
    assert "索引号" not in parse_page(page).text


@pytest.mark.parametrize("depth", [0, 4], ids=["flat", "inside four layout tables"])
def test_metadata_table_found_whatever_the_table_layout(depth: int) -> None:
    """The 信息公开 metadata table is found table by table; inside nested layout tables (whose
    texts add up past the page's) the page's text is searched for its labels first, with the
    same result; a table layout with no such table yields none."""
    report = generate_report(4, edition="2021")
    meta = ("<table class='xxgk'><tr><td>索引号：</td><td>11010900/2022-00015</td><td>发文机关：</td>"
            "<td>区政府办公室</td></tr><tr><td>成文日期：</td><td>2022-01-20</td><td>主题分类：</td>"
            "<td>其他</td></tr></table>")
    body = f"<div class='TRS_Editor'>{render_html(report, 'wps', 4)}</div>"
    for _ in range(depth):
        meta, body = f"<table><tr><td>{meta}</td></tr></table>", f"<table><tr><td>{body}</td></tr></table>"
    html = f"<html><head><title>{report.gold['title']}</title></head><body>{meta}{body}</body></html>"
    page = clean_page(html.encode(), url=URL)
    assert page.metadata.doc_meta["索引号"] == "11010900/2022-00015" and page.metadata.doc_meta["成文日期"] == "2022-01-20"
    rec = parse_page(page).to_dict()
    assert "索引号" not in rec["text"] and diff_cells(report.gold, rec) == []
    assert clean_page(html.replace(meta, "").encode(), url=URL).metadata.doc_meta == {}


@pytest.mark.parametrize("inside", [False, True], ids=["above the content", "inside the content"])
def test_metadata_table_with_letter_spaced_labels_gives_date_and_source(inside: bool) -> None:
    """Labels spaced out to line up in their column (索 引 号, 文　　号), a value cell after each, and
    发文日期 for the publishing date (Jiangsu's portals): read, keyed without the spacing, and the
    date and publishing body taken from them when the chrome says neither."""
    report = generate_report(6, edition="2021")
    meta = ("<table class='xxgk_table'><tr><td>索 引 号</td><td>014416330/2018-04736</td><td>分 类</td>"
            "<td>政府信息公开年报 综合政务</td></tr><tr><td>发布机构</td><td>市政府办</td><td>发文日期</td>"
            "<td>2018-02-28</td></tr><tr><td>文　　号</td><td></td><td>有 效 性</td><td></td></tr></table>")
    body = render_html(report, "wps", 6)
    content = f"<div id='zoom'>{meta}{body}</div>" if inside else f"{meta}<div id='zoom'>{body}</div>"
    html = f"<html><head><title>{report.gold['title']}</title></head><body>{content}</body></html>"
    page = clean_page(html.encode(), url="http://www.example.gov.cn/col/col1/index.html")
    assert page.metadata.doc_meta == {"索引号": "014416330/2018-04736", "发布机构": "市政府办",
                                      "发文日期": "2018-02-28", "文号": "", "有效性": ""}
    assert (page.metadata.published_at, page.metadata.source) == ("2018-02-28", "市政府办")
    rec = parse_page(page).to_dict()
    assert "索 引 号" not in rec["text"] and "014416330" not in rec["text"]
    assert diff_cells(report.gold, rec) == []


@pytest.mark.parametrize("lines", [
    ["索 引 号 | 014416330/2018-04736 | 分 类 | 政府信息公开年报 综合政务,文秘工作 其他 |",
     "发布机构 | 市政府办 | 发文日期 | 2018-02-28 |", "文 号 | 有 效 性 |"],
    ["索引号\t014416330/2018-04736\t发布机构\t市政府办", "发文日期\t2018-02-28\t文号\t"],
    ["索引号：014416330/2018-04736　　发布机构：市政府办", "发文日期：2018-02-28　　有效性：有效"],
    # labels letter-spaced as wide as the gap between columns
    ["索 引 号　　014416330/2018-04736　　分　　类　　综合政务", "发布机构　　市政府办　　发文日期　　2018-02-28",
     "文　　号　　　　有 效 性　　有效"],
    # pairs set apart by a single space
    ["索引号：014416330/2018-04736 发布机构：市政府办 发文日期：2018-02-28 主题分类：综合政务"],
], ids=["pipes", "tabs", "colons", "wide gaps", "single spaces"])
def test_metadata_table_captured_as_text_is_metadata_not_report(lines: list[str]) -> None:
    report = generate_report(11, edition="2021")
    from govreports.synth.render import render_text
    text = "\n".join(lines) + "\n" + render_text(report, "tabs", 11)
    page = clean_page(text, content_type="text/plain")
    assert page.metadata.doc_meta["索引号"] == "014416330/2018-04736"
    assert (page.metadata.published_at, page.metadata.source) == ("2018-02-28", "市政府办")
    assert "014416330" not in page.content and "发布机构" not in page.content
    rec = parse_page(page).to_dict()
    assert diff_cells(report.gold, rec) == [] and rec["agency"] == report.gold["agency"]
    # a line that is not all labels and their values stays: report text is never taken for metadata
    kept = "名称 | 规章 | 3 | 0 | 15"
    assert kept in clean_page(text.replace("一、总体情况", kept + "\n一、总体情况"), content_type="text/plain").content


@pytest.mark.parametrize("label", ["名称", "标　　题", "信息名称"])
def test_the_title_a_metadata_block_names_when_the_page_names_none(label: str) -> None:
    """The head's title is the portal's name and the content has no title line: the metadata
    block's 名称/标题 is the report's title, in a page and in captured text alike."""
    report = generate_report(3, edition="2021")
    title = report.gold["title"]
    body = render_html(report, "wps", 3).replace(title, "")
    block = (f"<table><tr><td>索引号：</td><td>11440113007/2023-00012</td><td>发布机构：</td><td>某区统计局</td></tr>"
             f"<tr><td>{label}：</td><td colspan=3>{title}</td></tr>"
             f"<tr><td>文号：</td><td></td><td>发布日期：</td><td>2023-01-19</td></tr></table>")
    html = (f"<html><head><title>某某区人民政府门户网站</title></head><body>{block}"
            f"<div class='article-content'>{body}</div></body></html>")
    rec = parse_report(html, content_type="text/html")
    assert (rec.title, rec.agency, rec.year, rec.published_at) == (title, report.gold["agency"], 2022, "2023-01-19")
    assert rec.warnings == []
    text = (f"某某区人民政府门户网站\n索 引 号 | 11440113007/2023-00012 | 分　　类 | 统计\n{label} | {title}\n"
            "文　　号 | 无 | 发布日期 | 2023-01-19\n一、总体情况\n本年度工作有序开展。")
    rec = parse_report(text, content_type="text/plain")
    assert (rec.title, rec.year, rec.published_at) == (title, 2022, "2023-01-19")


@pytest.mark.parametrize("shown", [
    '<div class="article-title">{t}</div>',
    "<h3>{t}</h3>",
    '<table><tr><td class="biaoti">{t}</td></tr></table>',
    '<div class="tit"><span>{agency}</span><span>{rest}</span></div>',
    '<div class="title">{t}<div class="info">发布时间：2023-01-20　来源：区财政局</div></div>',
    # a column's name (not a link) and other years' reports (links) before it are not the title
    '<div class="lm">政府信息公开年度报告</div><ul><li><a href="/a/1.html">某区2021年政府信息公开工作年度报告</a></li>'
    '</ul><p class="title"><b>{t}</b></p>',
])
def test_the_title_the_page_shows_when_its_head_names_only_the_portal(shown: str) -> None:
    report = generate_report(4, edition="2021")
    title, agency = report.gold["title"], report.gold["agency"]
    body = render_html(report, "wps", 4).replace(title, "")
    shown = shown.format(t=title, agency=agency, rest=title[len(agency):])
    html = (f"<html><head><meta charset='utf-8'><title>某某区人民政府门户网站</title></head><body>"
            f"<div class='nav'>首页 | 政务公开</div>{shown}<div class='TRS_Editor'>{body}</div></body></html>")
    rec = parse_report(html, content_type="text/html")
    assert (rec.title, rec.agency, rec.year) == (title, agency, 2022)
    assert rec.warnings == []


@pytest.mark.parametrize("blank", ["&nbsp;", "&#160;", "&#xA0;"])
def test_captured_text_with_its_entities_written_out(blank: str) -> None:
    """Text taken from a page's source with its entities left as written: ``&nbsp;0`` is the NBSP
    blank-cell line of seed 000, and the record is the seed's."""
    raw = (SEEDS / "000_77d7af591d6fe09b.txt").read_text(encoding="utf-8")
    want = parse_report(raw, content_type="text/plain").to_dict()
    escaped = raw.replace("\u00a0", blank)
    assert blank in escaped
    got = parse_report(escaped.encode(), content_type="text/plain").to_dict()
    for key in ("active_disclosure", "applications", "reviews_litigation", "title", "agency", "year", "warnings"):
        assert got[key] == want[key], key
    page = clean_page("规章 &copy=2 &amp; &#xFDD0; &lt;b&gt;", content_type="text/plain")
    assert page.content == "规章 &copy=2 &  <b>"  # only complete references; a noncharacter's yields nothing


@pytest.mark.parametrize("crumb", ["首页-政务公开-政府信息公开年报", "您当前的位置：首页>>信息公开>>政府信息公开年度报告",
                                   "网站首页 > 政务公开 > 政府信息公开年报", "首页 › 信息公开 › 年度报告", "首页/政务公开/年报",
                                   "您现在所在的位置：首页 - 政务公开"])
def test_breadcrumbs_however_separated_are_chrome(crumb: str) -> None:
    """A position line goes with the chrome, and never becomes the title of a report whose own title
    names no agency."""
    title = "2022年政府信息公开工作年度报告"
    page = clean_page(f"{crumb}\n{title}\n一、总体情况\n2022年，我局认真落实《条例》。\n", content_type="text/plain")
    assert crumb not in page.content and page.content.startswith(title)
    assert parse_page(page).title == title


@pytest.mark.parametrize("container", ["TRS_Editor", "content", "zoom"])
def test_a_report_split_over_sibling_containers_is_read_whole(container: str) -> None:
    """An editor split the report over two blocks of one kind (the narrative and first table in one,
    the other tables in the next): both are the body, with what lies between them; a third like
    block holding no report text (相关链接) is not."""
    report = generate_report(8, edition="2021")
    html = render_html(report, "wps", 8)
    cut = html.index("<p><strong>三、")
    page = (f"<html><head><meta charset='utf-8'><title>{report.gold['title']}</title></head><body>"
            f"<div class='{container}'>{html[:cut]}</div><p>（续）</p><div class='{container}'>{html[cut:]}</div>"
            f"<div class='{container}'>相关链接：某区2021年政府信息公开工作年度报告</div></body></html>")
    rec = parse_report(page.encode(), content_type="text/html").to_dict()
    assert diff_cells(report.gold, rec) == [] and rec["warnings"] == []
    assert "（续）" in rec["text"] and "相关链接" not in rec["text"]
    assert rec["sections"]["overview"] and rec["sections"]["other"]


@pytest.mark.parametrize("line", [
    "来源：某区民政局 发布时间：2023-01-20 10:31 浏览次数：123",
    "文章来源：某区民政局 | 发布时间：2023年01月20日 10:31 | 点击数：56",
    "【发布时间：2023-01-20 10:31】【来源：某区民政局】【字体：大 中 小】",
    "2023-01-20 10:31 来源：某区民政局",
    "来源: 某区民政局  时间: 2023-01-20 10:31",
    "发稿时间：2023-01-20 10:31 来源：某区民政局 浏览数：12",
    "录入时间：2023-01-20 10:31 信息来源：某区民政局 阅读数：3",
    "公开时间：2023-01-20 10:31 发布机构：某区民政局",
    "来源：某区民政局\n上传时间：2023-01-20 10:31:00",
])
def test_publishing_date_and_source_lines_however_labelled(line: str) -> None:
    text = f"某区民政局2022年政府信息公开工作年度报告\n{line}\n一、总体情况\n2022年，我局认真落实《条例》。\n"
    rec = parse_report(text, content_type="text/plain")
    assert (rec.published_at, rec.source) == ("2023-01-20T10:31:00", "某区民政局")
    assert "2023-01-20" not in rec.text and "某区民政局" not in rec.text.split("\n", 1)[1]


@pytest.mark.parametrize("controls", ["【全真版】【文字版】", "全真版 文字版 文件下载", "【打印本页】 【关闭窗口】",
                                      "【大】【中】【小】", "政策解读 | 相关链接"])
def test_controls_side_by_side_are_chrome(controls: str) -> None:
    """A line (or an element) of controls written side by side goes, in captured text and in a page;
    the report around it stays whole."""
    report = generate_report(14, edition="2021")
    text = render_text(report, "tabs", 14).replace("一、总体情况", f"{controls}\n一、总体情况", 1)
    page = clean_page(text, content_type="text/plain")
    assert controls not in page.content and "一、总体情况" in page.content
    html = (f"<html><head><meta charset='utf-8'><title>{report.gold['title']}</title></head><body>"
            f"<div class='TRS_Editor'><div>{controls}</div>{render_html(report, 'wps', 14)}</div></body></html>")
    rec = parse_report(html, content_type="text/html").to_dict()
    assert diff_cells(report.gold, rec) == [] and controls not in rec["text"]


@pytest.mark.parametrize("box", [
    '<p>相关文章</p><ul><li><a href="/a/1.html">某区民政局2021年政府信息公开工作年度报告</a></li>'
    '<li><a href="/a/2.html">某区民政局2020年政府信息公开工作年度报告</a></li></ul>',
    '<p>上一篇：<a href="/a/1.html">某区民政局2021年政府信息公开工作年度报告</a></p>'
    '<p>下一篇：<a href="/a/3.html">某区民政局2023年政府信息公开工作年度报告</a></p>',
    '<div>相关链接：<a href="/a/1.html">某区民政局2021年政府信息公开工作年度报告</a></div>',
])
def test_other_reports_linked_inside_the_body_are_chrome_never_the_title(box: str) -> None:
    """Links to other years' reports at the body's end (相关文章, 上一篇/下一篇) go with the chrome: the
    page's own title names no agency, and theirs must not become the report's title, year or agency."""
    report = generate_report(15, edition="2021")
    prose = ("<p>详见：<a href='/p/1.html'>《关于进一步加强政务公开工作的通知》</a>、"
             "<a href='/p/2.html'>《关于印发某区政务公开工作要点的通知》</a></p>")  # a paragraph of links stays
    body = render_html(report, "wps", 15).replace(report.gold["title"], "").replace("<p><strong>二、", prose + "<p><strong>二、", 1)
    assert prose in body
    html = ("<html><head><meta charset='utf-8'><title>2022年政府信息公开工作年度报告_政务公开</title>"
            "<meta name='ArticleTitle' content='2022年政府信息公开工作年度报告'></head><body>"
            f"<div class='TRS_Editor'>{body}{box}</div></body></html>")
    rec = parse_report(html, content_type="text/html").to_dict()
    assert (rec["title"], rec["year"], rec["agency"]) == ("2022年政府信息公开工作年度报告", 2022, report.gold["agency"])
    assert "某区民政局" not in rec["text"] and diff_cells(report.gold, rec) == []
    assert rec["sections"]["overview"].endswith("详见：《关于进一步加强政务公开工作的通知》、《关于印发某区政务公开工作要点的通知》")


@pytest.mark.parametrize("box", [
    "相关文章\n某区民政局2021年政府信息公开工作年度报告\n某区民政局2020年政府信息公开工作年度报告",
    "【相关链接】：\n· 某区民政局2021年政府信息公开工作年度报告\n· 2020年某区民政局政府信息公开工作年度报告\n扫一扫在手机打开当前页",
    "上一篇：某区民政局2021年政府信息公开工作年度报告\n下一篇：某区民政局2023年政府信息公开工作年度报告",
])
def test_other_reports_listed_at_the_end_of_captured_text_are_chrome(box: str) -> None:
    """Captured text keeps the page's related-links box at its end: its titles go with the chrome,
    and the report's own title (naming no agency here) stays the title; its agency is the signature's."""
    report = generate_report(15, edition="2021")
    text = render_text(report, "tabs", 15).replace(report.gold["title"], "2022年政府信息公开工作年度报告") + "\n" + box
    rec = parse_report(text, content_type="text/plain").to_dict()
    assert (rec["title"], rec["year"], rec["agency"]) == ("2022年政府信息公开工作年度报告", 2022, report.gold["agency"])
    assert "某区民政局" not in rec["text"] and diff_cells(report.gold, rec) == []
    # a related box's heading at the top of the page takes no line after it
    top = parse_report("相关文章\n" + text, content_type="text/plain").to_dict()
    assert top["title"] == "2022年政府信息公开工作年度报告"


def _js_double(html: str) -> str:
    return '"' + html.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _js_single_joined(html: str) -> str:
    parts = [html[i:i + 500] for i in range(0, len(html), 500)]
    return " +\n    ".join("'" + p.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
                            for p in parts)


def _js_hex(html: str) -> str:
    return _js_double(html).replace("<", "\\x3C").replace(">", "\\x3E")


@pytest.mark.parametrize("literal", [_js_double, _js_single_joined, _js_hex],
                         ids=["double-quoted", "single-quoted, joined by +", "tags as \\x3C"])
def test_a_report_written_into_the_page_from_a_script_string(literal) -> None:
    """Some portals keep the article in a script's string and write it into an empty container
    when the page loads (Shanghai's 信息公开 pages: ``let content = "<p …>…<table align=\\"center\\">…"``):
    the DOM shows nothing, the string is the report."""
    report = generate_report(13, edition="2019")
    body = render_html(report, "merged", 13)
    html = (f"<html><head><title>{report.gold['title']}</title></head><body><div class='nav'>首页 &gt; 年报</div>"
            f"<div id='ivs_content'></div><script>var menu = '<li>首页</li>';\nlet content = {literal(body)};\n"
            "document.getElementById('ivs_content').innerHTML = content;</script></body></html>")
    rec = parse_page(clean_page(html.encode(), url=URL)).to_dict()
    assert rec["edition"] == "2019" and diff_cells(report.gold, rec) == []
    assert "innerHTML" not in rec["text"] and "首页" not in rec["text"]


def test_a_report_written_into_the_page_from_a_hidden_textarea() -> None:
    """An editor's hidden field holds the article as markup and a script writes it out: the DOM's
    container is empty, the textarea's markup is the report (and its raw text is never the body's)."""
    import html as htmllib
    report = generate_report(9, edition="2021")
    body = render_html(report, "wps", 9)
    html = (f"<html><head><title>{report.gold['title']}</title></head><body><div id='zoom'></div>"
            f"<textarea id='content' style='display:none'>{htmllib.escape(body)}</textarea>"
            "<script>document.getElementById('zoom').innerHTML = document.getElementById('content').value;</script>"
            "</body></html>")
    rec = parse_page(clean_page(html.encode(), url=URL)).to_dict()
    assert rec["edition"] == "2021" and diff_cells(report.gold, rec) == [] and rec["warnings"] == []
    assert "<table" not in rec["text"] and "innerHTML" not in rec["text"]


@pytest.mark.parametrize("where", ["inside the content", "above it"])
@pytest.mark.parametrize("chrome, published, source", [
    ('<div class="bt-info"><span class="bt-date">发布日期：2022-01-20</span><span class="bt-source">来源：区民政局</span>'
     "</div>", "2022-01-20", "区民政局"),
    ('<div class="info">发布日期：2022-01-20 来源：区民政局【打印】【关闭】</div>', "2022-01-20", "区民政局"),
    ('<div class="info">来源：某某县应急管理局</div>', None, "某某县应急管理局"),
    ("<div>发布时间：2022-01-20 10:30</div><div>来源：区民政局</div>", "2022-01-20T10:30:00", "区民政局"),
])
def test_chrome_of_a_page_written_without_breaks_between_its_elements(where: str, chrome: str, published: str | None,
                                                                      source: str) -> None:
    """A page written without a line break between its tags runs its elements' texts together
    (title + 来源：某局 + the report's title): the source ends where its element does."""
    report = generate_report(21, edition="2021", agency="某某县应急管理局")
    body, title = render_html(report, "wps", 21), report.gold["title"]
    inner = f"<h1>{title}</h1>{chrome}{body}"
    content = f"<div class='bt-content'>{inner}</div>" if where == "inside the content" else \
        f"<h1>{title}</h1>{chrome}<div class='bt-content'>{body}</div>"
    html = f"<html><head><title>{title}</title></head><body>{content}</body></html>".replace("\n", "")
    page = clean_page(html.encode(), url="http://www.example.gov.cn/col/col1/index.html")
    assert (page.metadata.published_at, page.metadata.source) == (published, source)
    assert diff_cells(report.gold, parse_page(page).to_dict()) == []


@pytest.mark.parametrize("breaks", [True, False], ids=["a line per element", "no breaks between tags"])
@pytest.mark.parametrize("inside", [False, True], ids=["above the content", "inside the content"])
def test_metadata_block_written_as_a_list_of_label_value_pairs(inside: bool, breaks: bool) -> None:
    """Portals that write the metadata block as a list (``<li><span>索 引 号：</span>…</li>``), not a
    table: read the same way; inside the content it is metadata, not report text. A chrome line of
    field labels only (发布日期：… 信息来源：…) is no metadata block."""
    report = generate_report(21, edition="2021", agency="某某县应急管理局")
    body, title = render_html(report, "wps", 21), report.gold["title"]
    meta = ('<ul class="xxgk-info"><li><span>索 引 号：</span>014416330/2018-04736</li><li><span>主题分类：</span>综合政务'
            '</li><li><span>发布机构：</span>市政府办</li><li><span>发文日期：</span>2018-02-28</li>'
            '<li><span>文　　号：</span></li></ul>')

    def page_with(block: str):
        content = f"<div id='zoom'>{block}{body}</div>" if inside else f"{block}<div id='zoom'>{body}</div>"
        html = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{content}</body></html>"
        html = html.replace("<li>", "\n<li>") if breaks else html.replace("\n", "")
        return clean_page(html.encode(), url="http://www.example.gov.cn/col/col1/index.html")

    page = page_with(meta)
    assert (page.metadata.published_at, page.metadata.source) == ("2018-02-28", "市政府办")
    if inside or not breaks:  # (one element a line above the content: its field lines give the date and source)
        assert page.metadata.doc_meta == {"索引号": "014416330/2018-04736", "主题分类": "综合政务", "发布机构": "市政府办",
                                          "发文日期": "2018-02-28", "文号": ""}
    rec = parse_page(page).to_dict()
    assert "014416330" not in rec["text"] and diff_cells(report.gold, rec) == []
    chrome_line = "<div class='info'>发布日期：2022-01-20 10:30 信息来源：区政府办公室 点击数：</div>"
    page = page_with(chrome_line)
    assert page.metadata.doc_meta == {} and page.metadata.source == "区政府办公室"


def test_traditional_page_is_converted_and_marked() -> None:
    report, data = _page("trs", traditional=True)
    page = clean_page(data, content_type="text/html", url=URL)
    assert page.metadata.original_script == "traditional"
    assert page.metadata.title == report.gold["title"]
    rec = parse_page(page).to_dict()
    assert rec["original_script"] == "traditional" and diff_cells(report.gold, rec) == []


def test_split_tables_nested_in_layout_tables() -> None:
    report, data = _page("handmade", body_style="split", edition="2019")
    rec = parse_page(clean_page(data, content_type="text/html", url=URL)).to_dict()
    assert rec["edition"] == "2019" and diff_cells(report.gold, rec) == []


def test_layout_tables_from_the_page_tables_equal_a_walk_of_the_body() -> None:
    """The body's layout tables, read from the page walk's tables (their ancestors), are those a
    walk of the body finds: none outside the body, none that only sat in it before being removed."""
    html = ("<html><body><table id='outer-page'><tr><td><table><tr><td>nav</td></tr></table></td></tr></table>"
            "<div id='body'><table id='layout'><tr><td><table id='t1'><tr><td>1</td></tr></table>"
            "<div><table id='layout2'><tr><td><table><tr><td>2</td></tr></table></td></tr></table></div>"
            "</td></tr></table><form><table id='gone'><tr><td><table><tr><td>3</td></tr></table></td></tr>"
            "</table></form><table id='flat'><tr><td>4</td></tr></table></div></body></html>")
    root = etree.fromstring(html, etree.HTMLParser())
    body = root.find(".//div[@id='body']")
    tables = list(root.iter("table"))
    body.remove(body.find("form"))
    walked = layout_tables(body)
    assert {t.get("id") for t in walked} == {"layout", "layout2"}
    assert layout_tables(body, tables) == walked


def test_report_only_as_pdf_is_kept_as_attachment_only() -> None:
    html = wrap_page('<p>某某区教育局2021年政府信息公开工作年度报告</p><p><a href="/u/cms/2022/nb.pdf">点击下载'
                     "《某某区教育局2021年政府信息公开工作年度报告》</a></p>", style="hanweb",
                     title="某某区教育局2021年政府信息公开工作年度报告")
    page = clean_page(html.encode(), content_type="text/html", url="http://www.example.gov.cn/art/2022/1/5/art_1_2.html")
    assert [a.url for a in page.metadata.attachments] == ["http://www.example.gov.cn/u/cms/2022/nb.pdf"]
    verdict = classify(page)
    assert verdict.is_report and verdict.kind == "attachment_only"


@pytest.mark.parametrize(("title", "report"), [
    ("某区人民政府办公室关于印发《某区2022年政府信息公开工作年度报告》的通知", True),  # issues the report it holds
    ("关于做好2022年度政府信息公开工作年度报告编制发布工作的通知", False),  # about the reports, whatever it quotes
    ("关于某某区民政局2021年度政府信息公开工作年度报告的公告", True),  # a 公告 of the report
    ("某区人民政府关于发布2022年政府信息公开工作年度报告的公示", True),
    ("关于编制2022年政府信息公开工作年度报告的公告", False),  # a 公告 of a task with the reports
])
def test_a_notice_issuing_the_report_it_holds_is_the_report(title: str, report: bool) -> None:
    rec = generate_report(3, edition="2021")
    body = "<p>各街道、各部门：现将《某区2022年政府信息公开工作年度报告》印发给你们。</p>" + render_html(rec, "wps", 3)
    verdict = classify(clean_page(f"<html><head><title>{title}</title></head><body><div class='content'>{body}"
                                  "</div></body></html>"))
    assert (verdict.is_report, verdict.kind) == ((True, "report") if report else (False, "notice"))


@pytest.mark.parametrize(("title", "kind"), [
    ("关于报送2021年政府信息公开工作年度报告的通知", "notice"),
    ("某区2022年政务公开工作要点", "work_plan"),
    ("某区财政局2021年度部门决算", "final_accounts"),
    ("某区2021年法治政府建设年度报告", "rule_of_law_report"),
    ("某区2021年国民经济和社会发展统计公报", "statistics"),
    ("某区人民政府网站首页", "other"),
])
def test_look_alikes_are_not_reports(title: str, kind: str) -> None:
    page = Page(f"<p>{title}</p><p>各单位：请于1月31日前报送。</p>", "text/html", PageMetadata(title=title))
    verdict = classify(page)
    assert not verdict.is_report and verdict.kind == kind


@pytest.mark.parametrize("head", ["某区人民政府门户网站", "政府信息公开年度报告_某区人民政府"])
def test_a_column_list_of_reports_is_not_a_report(head: str) -> None:
    """A column's page: its heading reads as a title, and its list of reports (links) is no narrative."""
    items = "".join(f'<li><a href="/a/{y}{k}.html">某区{body}{y}年政府信息公开工作年度报告</a><span>{y + 1}-01-20</span></li>'
                    for y in range(2015, 2024) for k, body in enumerate(["民政局", "财政局", "教育局"]))
    html = (f"<html><head><title>{head}</title></head><body><div class='nav'>首页 | 政务公开</div><div class='lm'>"
            f"<h3>政府信息公开年度报告</h3></div><div class='list'><ul>{items}</ul></div><div class='page'>共3页 下一页</div>"
            "</body></html>")
    page = clean_page(html, content_type="text/html")
    assert len("".join(page.text.split())) > 600  # (the links' texts alone are more than a narrative's length)
    verdict = classify(page)
    assert (verdict.is_report, verdict.kind) == (False, "other")


SEED_FACTS = {
    "000_77d7af591d6fe09b": ("2021-02-10T10:31:00", None, ["发布时间", "政策解读:", "石家庄市桥西区人民政府"]),
    "002_4e30512c326335a1": ("2024-01-11T15:05:00", "通州区科技局", ["累计次数", "字体", "来源"]),
    "003_0e7b839799d88c56": ("2021-01-15T12:22:00", "南谯区经信局", ["【字体", "打印", "扫一扫在手机打开当前页"]),
}


@pytest.mark.parametrize("name", sorted(SEED_FACTS))
def test_seed_chrome_removed_and_recorded(name: str) -> None:
    published, source, gone = SEED_FACTS[name]
    page = clean_page((SEEDS / f"{name}.txt").read_bytes(), content_type="text/plain")
    assert (page.metadata.published_at, page.metadata.source) == (published, source)
    for chrome in gone:
        assert chrome not in page.content
    assert "一、总体情况" in page.content and "六、其他需要报告的事项" in page.content


@pytest.mark.parametrize(("line", "published", "source"), [
    ("2021-02-10 10:31 来源：区科技局", "2021-02-10T10:31:00", "区科技局"),  # the date shown unlabelled, first
    ("【2021-02-10】 【来源：区科技局】", "2021-02-10", "区科技局"),
    ("[2021年02月10日] 来源：区科技局 浏览次数：3", "2021-02-10", "区科技局"),
    # 成文日期 is read whole: neither the source's tail nor the publishing date
    ("发布机构：区科技局 成文日期：2021-02-08 发布日期：2021-02-10", "2021-02-10", "区科技局"),
    ("2021年，我局收到申请，来源：信函", None, None),  # a sentence, not a field line: kept
])
@pytest.mark.parametrize("html", [False, True], ids=["text", "html"])
def test_field_lines_of_every_shape(line: str, published: str | None, source: str | None, html: bool) -> None:
    title = "某区科学技术局2020年政府信息公开工作年度报告"
    body = ["一、总体情况", "2020年，我局认真贯彻落实《条例》。", "二、主动公开政府信息情况"]
    content = (f"<html><body><h1>{title}</h1><div class='content'><p>{line}</p>"
               + "".join(f"<p>{b}</p>" for b in body) + "</div></body></html>") if html \
        else "\n".join([title, line, *body])
    page = clean_page(content, content_type="text/html" if html else "text/plain")
    assert (page.metadata.published_at, page.metadata.source) == (published, source)
    assert (line in (page.text if html else page.content)) is (published is None)


def test_seed_layout_kept_exactly() -> None:
    raw = (SEEDS / "000_77d7af591d6fe09b.txt").read_text(encoding="utf-8")
    content = clean_page(raw, content_type="text/plain").content
    # the NBSP-only lines are blank cells for the parser: every one of them survives
    def blanks(text: str) -> int:
        return sum(1 for line in text.split("\n") if line == "\u00a0")

    assert blanks(content) == blanks(raw) == 22


def test_gb2312_declared_page_with_gbk_only_characters() -> None:
    body = '<html><head><meta charset="gb2312"></head><body><p>镕基 堃 喆</p></body></html>'.encode("gbk")
    text, encoding, warnings = decode_body(body, {"Content-Type": "text/html"})
    assert "镕基 堃 喆" in text and encoding == "gb18030" and warnings == []


@pytest.mark.parametrize("offset", [0, 986, 987, 988, 989, 990, 1010, 3000, 8150])
def test_meta_charset_found_wherever_it_sits_in_the_head(offset: int) -> None:
    """The first kilobyte is searched first: a tag cut by that window is still read whole."""
    head = "<html><head>" + "<!--" + "x" * offset + "-->" + '<meta charset="big5">'
    body = (head + "</head><body><p>政府資訊公開工作年度報告</p></body></html>").encode("big5")
    text, encoding, warnings = decode_body(body)
    assert encoding == "big5hkscs" and "政府資訊公開工作年度報告" in text and warnings == []


def test_undeclared_big5_and_gbk_bytes_are_told_apart() -> None:
    """Bytes that declare nothing and are not UTF-8: GB18030 reads almost any bytes, so Big5 is chosen
    when it reads them as far more report text (captured text saved from a 繁體 page)."""
    report = generate_report(19, edition="2021")
    simplified = render_text(report, "tabs", 19)
    from govreports.synth.render import to_traditional
    for body, encoding in ((to_traditional(simplified).encode("big5hkscs", "replace"), "big5hkscs"),
                           (simplified.encode("gb18030"), "gb18030")):
        assert decode_body(body)[1] == encoding
        rec = parse_report(body, content_type="text/plain").to_dict()
        assert diff_cells(report.gold, rec) == [] and rec["title"] == report.gold["title"]
    assert decode_body("政府信息公开".encode("gbk"))[1] == "gb18030"  # a few characters: GB, as before


def test_an_xhtml_pages_xml_declaration_names_its_charset() -> None:
    """An XHTML page whose only declaration of its encoding is its XML declaration: a short Big5 page
    that detection alone would take for GB18030 (and turn to mojibake) is read as Big5."""
    body = ('<?xml version="1.0" encoding="big5"?>\n<html><head><title>年報</title></head>'
            "<body><p>報告</p></body></html>").encode("big5")
    text, encoding, warnings = decode_body(body)
    assert encoding == "big5hkscs" and "報告" in text and warnings == []


def test_wrong_declared_charset_and_binary_never_crash() -> None:
    text, encoding, warnings = decode_body("政府信息公开".encode("gbk"), {"content-type": "text/html; charset=utf-8"})
    assert text == "政府信息公开" and encoding == "gb18030" and "declared charset" in warnings[0]
    page = clean_page(bytes(range(256)) * 10, content_type="text/html")
    assert isinstance(page.content, str)


@pytest.mark.parametrize(("body", "headers", "kind"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", None, "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", {"Content-Type": "text/html"}, "an Office/WPS document"),
    (b"PK\x03\x04\x14\x00word/document.xml", None, "a zipped document"),
    (b"\x00\x01binary", {"content-type": "application/octet-stream"}, "a file (application/octet-stream)"),
])
def test_a_file_is_recorded_as_a_file_never_read_as_text(body: bytes, headers, kind: str) -> None:
    from govreports.page.decode import file_kind

    assert file_kind(body, headers).startswith(kind)
    page = clean_page(body, url="http://www.x.gov.cn/nb/download.jsp?id=7", headers=headers)
    assert page.content == "" and kind in page.warnings[0] and "not a web page" in page.warnings[0]
    assert [a.url for a in page.metadata.attachments] == ["http://www.x.gov.cn/nb/download.jsp?id=7"]
    rec = parse_page(page)
    assert rec.edition is None and rec.text == "" and rec.applications == {}
    assert any("no report text" in w for w in rec.warnings)


def test_pages_sent_with_a_file_type_are_still_pages() -> None:
    from govreports.page.decode import file_kind

    assert file_kind(b"<!DOCTYPE html><html><body>x</body></html>", {"content-type": "application/octet-stream"}) is None
    assert file_kind("<html>政府信息公开</html>".encode(), {"content-type": "text/html; charset=utf-8"}) is None
    assert file_kind(b"{\"data\": 1}", {"content-type": "application/json"}) is None


def test_a_report_inside_an_aspnet_form_is_kept_and_the_search_form_dropped() -> None:
    """WebForms portals wrap the whole page in one <form>: the report in it must survive chrome removal."""
    report = generate_report(5, edition="2021")
    html = ("<html><head><title>x</title></head><body>"
            "<form class='s' action='/search'><input name='q'><button>搜索</button>站内搜索</form>"
            "<form id='form1' method='post' action='./show.aspx'><input type='hidden' name='__VIEWSTATE' value='a'>"
            f"{render_html(report, 'wps', 5)}</form></body></html>")
    page = clean_page(html.encode("utf-8"), content_type="text/html", url=URL)
    rec = parse_page(page).to_dict()
    assert diff_cells(report.gold, rec) == []
    assert "站内搜索" not in rec["text"] and "总体情况" in rec["text"]


@pytest.mark.parametrize("start, end", [
    ('<meta name="ContentStart">', '<meta name="ContentEnd">'),
    ("<!--<$[信息内容]>begin-->", "<!--<$[信息内容]>end-->"),
    ('<div class="w"><meta name="ContentStart">', '</div><meta name="ContentEnd">'),  # not siblings
])
@pytest.mark.parametrize("own_parent", [False, True])
def test_cms_markers_bound_the_body_exactly(start: str, end: str, own_parent: bool) -> None:
    """Hanweb/TRS markers: everything between them is the report (the text right after the start
    marker included), nothing outside them is, whether they are siblings or not, and whether
    they share their parent with other content or hold all of it (then the parent is the body)."""
    report = generate_report(9, edition="2021")
    inner = f"{start}开头的文字。{render_html(report, 'merged', 9)}{end}"
    if own_parent:
        inner = f"<div class='bt-content'>\n {inner}\n </div>"
    html = (f"<html><body><div class='article'><p>责任编辑：张三</p><p>外面的说明文字，不属于报告。</p>{inner}"
            "<p>外面的尾部文字，也不属于报告。</p></div></body></html>")
    page = clean_page(html.encode("utf-8"), content_type="text/html", url=URL)
    rec = parse_page(page).to_dict()
    assert diff_cells(report.gold, rec) == []
    assert rec["text"].startswith("开头的文字。") and "外面" not in rec["text"]


def test_cms_markers_with_nothing_between_them_are_not_the_body() -> None:
    report = generate_report(9, edition="2021")
    html = ("<html><body><div class='bt-content'><meta name='ContentStart'> <meta name='ContentEnd'></div>"
            f"<div class='article'>{render_html(report, 'merged', 9)}</div></body></html>")
    rec = parse_page(clean_page(html.encode("utf-8"), content_type="text/html", url=URL)).to_dict()
    assert diff_cells(report.gold, rec) == []


def test_the_parser_reads_the_page_body_without_changing_it() -> None:
    """The page hands its body over as a tree: parsing it twice gives the same record, and
    ``content`` (serialised only when asked for) reads back to the same lines."""
    from govreports.parser.html_lines import html_lines

    report, data = _page("trs", body_style="merged")
    page = clean_page(data, content_type="text/html", url=URL)
    assert page.body is not None
    first = parse_page(page).to_dict()
    assert diff_cells(report.gold, first) == [] and parse_page(page).to_dict() == first
    assert "<table" in page.content and "<script" not in page.content
    assert html_lines(page.content) == html_lines(page.body)
    assert "主动公开政府信息情况" in page.text and "<" not in page.text[:200]


def test_a_container_wrapping_another_is_read_from_its_child_with_the_same_text() -> None:
    """#zoom around .TRS_Editor: the wrapper's text is built from the child's (serialised once)
    and equals what serialising the wrapper gives, text and tail included."""
    from govreports.page.html_page import PageElements, _container_texts, _containers, text_of

    root = etree.fromstring(
        '<html><body><div id="zoom"> 导语 <div class="TRS_Editor"><p>一、总体情况</p><table><tr><td>规章</td>'
        '<td>5</td></tr></table></div> 尾注 </div><div class="content"><div class="view">x</div><!-- c -->'
        '</div><div class="zoom"><div class="view">z</div>w</div></body></html>', etree.HTMLParser())
    containers = _containers(root, PageElements())
    texts = _container_texts(containers)
    assert len(containers) == 6 and all(texts[el] == text_of(el) for el in containers)
    assert texts[containers[0]] == " 导语 一、总体情况规章5 尾注 "


def test_a_lone_child_is_judged_by_its_own_class_not_its_parents_text() -> None:
    """A paragraph whose text is not chrome spares reading its lone plain child again, but a lone
    child with a chrome class (a share box wrapped in a <p>) is still removed."""
    from govreports.page.html_page import HtmlFacts, strip_chrome

    body = etree.fromstring(
        "<div><p><span><strong>一、总体情况</strong></span></p>"
        "<p> <span class='bdshare'>这段文字本身不像页面装饰，但它在一个分享框里</span> </p>"
        "<p><span>二、主动公开政府信息情况</span></p></div>", etree.HTMLParser()).find(".//div")
    facts = HtmlFacts(None)
    strip_chrome(body, facts, [])
    text = etree.tostring(body, method="text", encoding="unicode")
    assert "分享框" not in text and "一、总体情况" in text and "二、主动公开政府信息情况" in text
    assert facts.chrome.removed == ["这段文字本身不像页面装饰，但它在一个分享框里"]


def test_noncharacters_in_a_page_are_dropped_not_read_as_structure() -> None:
    """The parser's reader marks rows and cells with Unicode noncharacters: a page holding
    them (a decoding accident) loses them and still reads cell by cell."""
    report, data = _page("hanweb")
    html = data.decode("utf-8").replace("规章", "规\ufdd1章\ufdd0").replace("总体情况", "总体\ufdd2情况\ufdd3")
    rec = parse_page(clean_page(html.encode("utf-8"), content_type="text/html", url=URL)).to_dict()
    assert diff_cells(report.gold, rec) == []
    assert not any(c in rec["text"] for c in "\ufdd0\ufdd1\ufdd2\ufdd3") and "规章" in rec["text"]


def test_a_noncharacter_only_in_the_heads_metadata_is_dropped_too() -> None:
    """Noncharacters are looked for in the parsed page's text and in its head's metadata, which
    is read from attributes: a title read from there loses them as the text does."""
    report, data = _page("hanweb")
    title = report.gold["title"]
    html = data.decode("utf-8").replace(f'name="ArticleTitle" content="{title}"',
                                        f'name="ArticleTitle" content="{title}\ufdd4"')
    assert "\ufdd4" in html
    page = clean_page(html.encode("utf-8"), content_type="text/html", url=URL)
    assert page.metadata.title == title and diff_cells(report.gold, parse_page(page).to_dict()) == []


@pytest.mark.parametrize("charset", ["utf-8", "gbk", "utf-16"])
def test_nul_in_a_page_is_dropped_in_every_charset(charset: str) -> None:
    """A NUL is found from the bytes where it can only be a zero byte, from the text otherwise
    (UTF-16 bytes are full of zero bytes): either way it never reaches the record."""
    report, data = _page("trs", charset="gbk" if charset == "gbk" else "utf-8")
    html = data.decode("gb18030" if charset == "gbk" else "utf-8").replace("总体情况", "总体\x00情况")
    raw = html.encode("utf-16") if charset == "utf-16" else encode_page(html, charset)
    rec = parse_page(clean_page(raw, content_type="text/html", url=URL)).to_dict()
    assert diff_cells(report.gold, rec) == []
    assert "\x00" not in rec["text"] and "总体情况" in rec["text"]


def test_utf8_bytes_and_the_decoded_page_read_the_same() -> None:
    """UTF-8 pages are parsed from their own bytes, never decoded first: the record equals the one
    read from the decoded text. Bytes that prove not to be UTF-8 (in the text, or only in an
    attribute), or that hold a NUL, are decoded and repaired first, and the warning says so."""
    report, data = _page("ucap", charset="utf-8")
    from_bytes = parse_page(clean_page(data, content_type="text/html", url=URL)).to_dict()
    from_text = parse_page(clean_page(data.decode("utf-8"), content_type="text/html", url=URL)).to_dict()
    assert from_bytes == from_text and diff_cells(report.gold, from_bytes) == []
    assert not any("undecodable" in w for w in from_bytes["warnings"])
    damaged = data.replace("总体情况".encode(), "总体\x00情况".encode()).replace("规章".encode(), b"\xff\xfe")
    rec = parse_page(clean_page(damaged, content_type="text/html", url=URL)).to_dict()
    assert "总体情况" in rec["text"] and "\x00" not in rec["text"]
    assert any("undecodable" in w for w in rec["warnings"])
    for bad in (data.replace("规章".encode(), b"\xff\xfe", 1), data.replace(b"<html", b"<html data-x='\xe6\x96'", 1)):
        rec = parse_page(clean_page(bad, content_type="text/html", url=URL)).to_dict()
        assert any(w.startswith("page: ") and w.endswith("undecodable byte sequence(s) replaced (decoded as utf-8)")
                   for w in rec["warnings"]), rec["warnings"]
        assert rec["title"] == report.gold["title"]


def test_every_kind_of_file_link_is_an_attachment_and_no_other_link_is() -> None:
    """A file by its path (any case, with a query or fragment), by a file name in its query, by a
    ``download`` attribute, through a viewer, or by link text that is a file name; never a page,
    a script link, an anchor or a mail address, whatever their text."""
    links = (
        '<a href="/files/nb.PDF#page=2">年报</a>', '<a href="/files/b.docx?v=3">b</a>',
        '<a href="/down.jsp?id=3&amp;filename=2022nb.wps">下载</a>', '<a href="/get?id=9" download>下载</a>',
        '<a href="/pdfjs/web/viewer.html?file=/u/c.pdf">查看</a>', '<a href="/get?id=10">2022年报.xlsx</a>',
        '<a href="/get?id=11"><span>附件：</span><b>表格.ofd</b></a>',
        '<a href="/zwgk/">政务公开</a>', '<a href="/a/index.html">nb.pdf 的说明页</a>', '<a href="javascript:void(0)">x.pdf</a>',
        '<a href="#top">top.pdf</a>', '<a href="mailto:a@b.cn">a.doc</a>', '<a href="  ">空.pdf</a>', '<a>无地址.pdf</a>',
    )
    html = f"<html><body><div class='content'><p>一、总体情况</p>{''.join(links)}</div></body></html>"
    page = clean_page(html, url="http://www.x.gov.cn/nb/t1.html")
    assert [(a.url, a.text) for a in page.metadata.attachments] == [
        ("http://www.x.gov.cn/files/nb.PDF#page=2", "年报"), ("http://www.x.gov.cn/files/b.docx?v=3", "b"),
        ("http://www.x.gov.cn/down.jsp?id=3&filename=2022nb.wps", "下载"), ("http://www.x.gov.cn/get?id=9", "下载"),
        ("http://www.x.gov.cn/u/c.pdf", "查看"), ("http://www.x.gov.cn/get?id=10", "2022年报.xlsx"),
        ("http://www.x.gov.cn/get?id=11", "附件：表格.ofd"),
    ]


def test_a_link_named_as_a_file_is_found_whatever_the_scripts_say() -> None:
    """Link texts are read only when the page's text names a file somewhere: a script's
    ``window.document`` does not count, a name in any case does, and the same addresses on the next
    page (their verdicts kept) are judged by that page's own texts."""
    from govreports.page.html_page import _FILE_EXT_IN_TEXT

    assert [bool(_FILE_EXT_IN_TEXT.search(t)) for t in ("window.document.title", "年报.DOC", "a.Et", "v1.2.js")] \
        == [False, True, True, False]
    script = "<script>var d = window.document; d.title = 'x';</script>"
    named = f"<html><head>{script}</head><body><div class='content'><p>一、总体情况</p>" \
            "<a href='/get?id=10'>2022年报.DOC</a><a href='/zwgk/'>政务公开</a></div></body></html>"
    unnamed = named.replace("2022年报.DOC", "2022年报")
    for html, expected in ((unnamed, []), (named, [("http://www.x.gov.cn/get?id=10", "2022年报.DOC")]),
                           (unnamed, [])):
        page = clean_page(html, url="http://www.x.gov.cn/nb/t1.html")
        assert [(a.url, a.text) for a in page.metadata.attachments] == expected


@pytest.mark.parametrize("furniture", [False, True], ids=["chrome", "chrome and furniture"])
@pytest.mark.parametrize("style", STYLES)
def test_container_ids_looked_up_in_the_id_table_are_the_walks(style: str, furniture: bool) -> None:
    from govreports.page.html_page import _ID_TABLE, _containers, _parse, _parse_log, page_elements

    assert _ID_TABLE  # this libxml2 fills an HTML page's id table (else the walk is always used)
    _report, data = _page(style, furniture=furniture)
    root = _parse(data)
    assert _parse_log(data) == (True, False)
    found = page_elements(root)
    containers = _containers(root, found)
    assert _containers(root, found, ids_unique=True) == containers
    assert len(containers) >= (style != "handmade")  # (a hand-made page has no container)


@pytest.mark.parametrize("before", ['<a name="content"></a>', '<div id="content">栏目导航</div>'],
                         ids=["an anchor named as the container", "the container's id on a menu"])
def test_a_container_id_given_twice_is_found_wherever_it_is(before: str) -> None:
    """libxml2's id table keeps the first of a repeated id (an ``<a name>`` counts as one): the
    page is then read by the walk, and the report's container is still found."""
    report = generate_report(5, edition="2021")
    html = (f"<html><head><title>{report.gold['title']}</title></head><body>{before}"
            f"<div id='content'>{render_html(report, 'wps', 5)}</div></body></html>").encode()
    page = clean_page(html)
    assert "栏目导航" not in page.text and diff_cells(report.gold, parse_page(page).to_dict()) == []
    from govreports.page.html_page import _parse, _parse_log

    _parse(html)
    assert _parse_log(html) == (False, False)


def test_an_anchor_named_as_a_container_is_not_one() -> None:
    """An ``<a name="zoom">`` is in the id table under that name, but it is no container."""
    from govreports.page.html_page import PageElements, _containers, _parse

    html = b"<html><body><a name='zoom'>1</a><div class='TRS_Editor'><p>x</p></div></body></html>"
    root = _parse(html)
    assert [el.get("class") for el in _containers(root, PageElements(), ids_unique=True)] == ["TRS_Editor"]


def test_colon_lines_are_the_lines_with_a_colon_in_order() -> None:
    from govreports.page.html_page import colon_lines

    text = "首页\n发布时间：2022-01-20 来源：区政府\n\nvar a = {b: 1, c: 2};\n正文\n:\n末行：x"
    assert colon_lines(text) == ["发布时间：2022-01-20 来源：区政府", "var a = {b: 1, c: 2};", ":", "末行：x"]
    assert colon_lines("") == colon_lines("无冒号\n") == []
    assert colon_lines("：开头") == ["：开头"]


# --- an article split over pages -----------------------------------------------------------------

_SPLIT_BODY = ('<div class="TRS_Editor"><p>某区民政局2022年政府信息公开工作年度报告</p><p>一、总体情况</p>'
               '<p>2022年，某区民政局认真贯彻落实《中华人民共和国政府信息公开条例》。</p>'
               '<p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table></div>')


def _split_page(after: str) -> str:
    return ('<html><head><meta charset="utf-8"><title>某区民政局2022年政府信息公开工作年度报告</title></head>'
            f'<body>{_SPLIT_BODY}{after}</body></html>')


@pytest.mark.parametrize("name, number, others", [
    ("t20230120_123456.html", 1, ["t20230120_123456_1.html", "t20230120_123456_2.html"]),
    ("t20230120_123456_2.html", 3, ["t20230120_123456.html", "t20230120_123456_1.html"]),
    ("t20230120_123.html", 1, ["t20230120_123_1.html", "t20230120_123_2.html"]),  # (an id of three digits)
])
def test_a_trs_article_split_over_pages_names_its_other_parts(name: str, number: int, others: list[str]) -> None:
    """TRS writes an article's pager as it writes a column's (createPageHTML): the record says the
    report is one part of several and names the others, whose tables it cannot hold."""
    stem = others[0].removesuffix(".html").removesuffix("_1") if number == 1 else others[0].removesuffix(".html")
    html = _split_page(f'<div id="page"></div><script>createPageHTML(3, 0, "{stem}", "html");</script>')
    base = "http://www.x.gov.cn/zwgk/202301/"
    rec = parse_report(html, url=base + name)
    assert rec.page["parts"] == [base + o for o in others]
    split = [w for w in rec.warnings if "split over" in w]
    assert split == [f"page: the report is split over 3 pages and this is page {number}; the others "
                     f"({', '.join(others)}) are not read: tables and text on them are missing from this record "
                     "(page.parts names them)"]
    assert rec.title == "某区民政局2022年政府信息公开工作年度报告"  # this part is read as before
    assert rec.sections["overview"].startswith("2022年，某区民政局认真贯彻落实")


@pytest.mark.parametrize("script", [
    'var currentPage = 0; var countPage = 3;\ncreatePageHTML(countPage, currentPage, "t20230120_123456", "html");',
    "createPageHTML('page_div', 3, 0, 't20230120_123456', 'html', 1);",
])
def test_a_trs_article_pager_with_its_numbers_in_variables_or_its_element_first_names_the_parts(script: str) -> None:
    rec = parse_report(_split_page(f'<div id="page_div"></div><script>{script}</script>'),
                       url="http://www.x.gov.cn/zwgk/202301/t20230120_123456.html")
    assert rec.page["parts"] == ["http://www.x.gov.cn/zwgk/202301/t20230120_123456_1.html",
                                 "http://www.x.gov.cn/zwgk/202301/t20230120_123456_2.html"]


def test_a_split_article_read_from_a_file_names_its_parts_by_file_name() -> None:
    rec = parse_report(_split_page('<script>createPageHTML(2, 0, "t20230120_55", "shtml");</script>'))
    assert rec.page["parts"] == ["t20230120_55_1.shtml"]


@pytest.mark.parametrize("script", [
    'createPageHTML(5, 0, "index", "html");',  # a column's list pager
    'createPageHTML(3, 0, "t20230120_777", "html");',  # another article's
    'createPageHTML(1, 0, "t20230120_123456", "html");',  # one page: not split
])
def test_pagers_of_lists_or_other_articles_split_nothing(script: str) -> None:
    rec = parse_report(_split_page(f"<script>{script}</script>"),
                       url="http://www.x.gov.cn/zwgk/202301/t20230120_123456.html")
    assert "parts" not in rec.page
    assert not [w for w in rec.warnings if "split over" in w]


def test_an_article_pager_of_links_names_the_parts_it_links() -> None:
    """A pager drawn as links (上一页 1 2 3 下一页) to the article's numbered parts; the links to the
    previous and next articles (上一篇/下一篇) are no parts."""
    pager = ('<div class="pager"><a href="art_1_23.html">上一页</a> <a href="art_1_23.html">[1]</a> <span>2</span> '
             '<a href="art_1_23_2.html">[3]</a> <a href="./art_1_23_2.html#top">下一页</a></div>'
             '<p><a href="art_1_24.html">上一篇：某区2021年政府信息公开工作年度报告</a></p>'
             '<p><a href="art_1_23_9.html">某区政务公开工作要点</a></p>')
    base = "http://www.x.gov.cn/art/2023/1/20/"
    rec = parse_report(_split_page(pager), url=base + "art_1_23_1.html")
    assert rec.page["parts"] == [base + "art_1_23.html", base + "art_1_23_2.html"]
    assert [w for w in rec.warnings if "split over" in w] == [
        "page: the report is split over at least 3 pages and this is page 2; the others (art_1_23.html, "
        "art_1_23_2.html) are not read: tables and text on them are missing from this record (page.parts names them)"]


def test_links_to_neighbouring_articles_are_no_parts() -> None:
    nav = ('<p>共1页</p><a href="art_1_24.html">下一篇</a><a href="art_1_22.html">上一篇</a>'
           '<div><a href="index_2.html">下一页</a></div>')
    rec = parse_report(_split_page(nav), url="http://www.x.gov.cn/art/2023/1/20/art_1_23.html")
    assert "parts" not in rec.page


def test_the_last_part_of_an_article_names_the_parts_before_it() -> None:
    """The last part's pager has no 下一页: its 上一页 and numbered links name the parts before it."""
    pager = '<div><a href="art_1_23_1.html">上一页</a> <a href="art_1_23.html">1</a> <a href="art_1_23_1.html">2</a> 3</div>'
    base = "http://www.x.gov.cn/art/2023/1/20/"
    rec = parse_report(_split_page(pager), url=base + "art_1_23_2.html")
    assert rec.page["parts"] == [base + "art_1_23.html", base + "art_1_23_1.html"]
    assert any(w.startswith("page: the report is split over at least 3 pages and this is page 3;") for w in rec.warnings)


# --- a split article's parts joined (clean_item, join_parts) --------------------------------------

_BASE = "http://www.x.gov.cn/zwgk/202301/"


def _part_pages(report, cut_before: str, *, pager=True, style: str = "trs", traditional: str = "") -> list[bytes]:
    """The report's pages, cut before sections ``cut_before``; ``traditional``: the parts (by index) written
    in Traditional characters; the last part carries an attachment."""
    body = render_html(report)
    bounds = [0, *(body.index(f"<p><strong>{n}、") for n in cut_before), len(body)]
    n = len(bounds) - 1
    out = []
    for k in range(n):
        script = f'<script>createPageHTML({n}, {k}, "t20230120_9", "html");</script>' if pager else ""
        att = (("/files/report.pdf", "年度报告.pdf"),) if k == n - 1 else ()
        out.append(encode_page(wrap_page(body[bounds[k]:bounds[k + 1]] + script, style=style, attachments=att,
                                         title=report.gold["title"], traditional=str(k) in traditional)))
    return out


def _item(pages: list[bytes], order=None) -> dict:
    parts = [{"url": _BASE + f"t20230120_9_{k}.html", "body": b, "headers": {}} for k, b in enumerate(pages) if k]
    return {"url": _BASE + "t20230120_9.html", "body": pages[0], "headers": {},
            "parts": [parts[i] for i in order] if order else parts}


@pytest.mark.parametrize("style", ["trs", "ucap", "dede"])
def test_a_split_reports_parts_are_joined_into_one_record_in_their_order(style: str) -> None:
    """Three pages given out of order, one of them in Traditional characters: one record, every cell
    of the report, no warning of a part missing; the parts named as read, the last part's attachment
    kept; the text in the order of the pages."""
    from govreports.page.clean import clean_item

    report = generate_report(44, edition="2021", year=2022)
    rec = parse_page(clean_item(_item(_part_pages(report, "二四", style=style, traditional="1"), order=[1, 0])))
    assert diff_cells(rec.to_dict(), report.gold) == []
    assert not [w for w in rec.warnings if "split over" in w]
    assert rec.page["parts"] == rec.page["parts_read"] == [_BASE + "t20230120_9_1.html", _BASE + "t20230120_9_2.html"]
    assert rec.original_script == "traditional"
    assert [a["url"] for a in rec.page["attachments"]] == ["http://www.x.gov.cn/files/report.pdf"]
    assert rec.sections["problems"] and rec.sections["overview"].startswith(report.paragraphs[0][:10])
    assert rec.failed_checks == 0


def test_a_part_that_is_no_part_or_was_not_fetched_is_named_and_its_cells_are_null() -> None:
    """A part answered with the portal's home page (no pager: a missing page served as the home page)
    is not joined; a part only the second page's pager names, and not given, is named too."""
    from govreports.page.clean import clean_item

    report = generate_report(45, edition="2021", year=2022)
    pages = _part_pages(report, "三四")
    home = b'<html><head><meta charset="utf-8"><title>x</title></head><body><p>welcome</p></body></html>'
    item = _item([pages[0], pages[1], home])
    item["parts"] = item["parts"][:1] + [{"url": _BASE + "t20230120_9_2.html", "body": home, "headers": {}}]
    rec = parse_page(clean_item(item))
    assert [w for w in rec.warnings if "split over" in w] == [
        "page: the report is split over 3 pages and 1 of them could not be read (t20230120_9_2.html: its page is no "
        "part of this article (it has no pager naming the others)): tables and text on them are missing from this "
        "record (page.parts names every part, page.parts_read those joined)"]
    assert rec.page["parts_read"] == [_BASE + "t20230120_9_1.html"]
    assert rec.to_dict()["applications"] == report.gold["applications"]  # (page 2 read)
    assert rec.reviews_litigation["review"]["upheld"] is None  # (page 3 missing: null, never 0)

    item["parts"] = item["parts"][:1]  # page 3 not given at all: page 2's pager names it
    rec = parse_page(clean_item(item))
    assert any("(t20230120_9_2.html: not fetched)" in w for w in rec.warnings)


def test_reparse_finds_a_split_reports_parts_by_address_and_names_those_it_lacks() -> None:
    from govreports.page.clean import clean_item

    report = generate_report(46, edition="2019", year=2021)
    pages = _part_pages(report, "三")
    item = {"url": _BASE + "t20230120_9.html", "body": pages[0], "headers": {}}
    archive = {_BASE + "t20230120_9_1.html": {"url": _BASE + "t20230120_9_1.html", "body": pages[1], "headers": {}}}
    rec = parse_page(clean_item(item, archive.get))
    assert diff_cells(rec.to_dict(), report.gold) == []
    rec = parse_page(clean_item(item, {}.get))
    assert any("(t20230120_9_1.html: not in the archive)" in w for w in rec.warnings)
    rec = parse_page(clean_item(item))  # parts not sought (govreports parse): the page's own warning
    assert any("are not read: tables and text on them are missing" in w for w in rec.warnings)
    assert rec.applications["new_received"]["total"] is None


def test_a_part_the_portal_moved_to_https_is_found_by_the_address_its_pager_names() -> None:
    from govreports.page.clean import clean_item

    report = generate_report(47, edition="2021", year=2022)
    pages = _part_pages(report, "三")
    https = _BASE.replace("http:", "https:") + "t20230120_9_1.html"
    item = {"url": _BASE + "t20230120_9.html", "body": pages[0], "headers": {},
            "parts": [{"url": https, "request_url": _BASE + "t20230120_9_1.html", "body": pages[1], "headers": {}}]}
    rec = parse_page(clean_item(item))
    assert diff_cells(rec.to_dict(), report.gold) == []
    assert not [w for w in rec.warnings if "split over" in w]
    assert rec.page["parts"] == [_BASE + "t20230120_9_1.html"]


def test_a_pager_of_links_in_traditional_characters_names_the_parts() -> None:
    """A page in Traditional characters: its pager says 下一頁, read as the crawl meets it (before the page
    is converted) and by the page step (after)."""
    from govreports.discovery import parts_of_html

    pager = '<div><span>1</span> <a href="art_1_23_1.html">2</a> <a href="art_1_23_1.html">下一頁</a></div>'
    from govreports.synth.render import to_traditional

    html = to_traditional(_split_page(pager))
    assert "下一頁" in html
    url = "http://www.x.gov.cn/art/2023/1/20/art_1_23.html"
    assert parts_of_html(html, url).others == ["http://www.x.gov.cn/art/2023/1/20/art_1_23_1.html"]
    assert parse_report(html, url=url).page["parts"] == ["http://www.x.gov.cn/art/2023/1/20/art_1_23_1.html"]
    assert parts_of_html(_split_page('<a href="art_1_24.html">下一篇</a>'), url).total == 1


def test_a_later_parts_address_names_the_first() -> None:
    from govreports.page.parts import first_part

    assert first_part("http://x.gov.cn/a/t20230120_9_2.html?x=1") == "http://x.gov.cn/a/t20230120_9.html"
    assert first_part("t20230120_9_1.shtml") == "t20230120_9.shtml"
    assert first_part("http://x.gov.cn/a/t20230120_123456.html") is None  # (a TRS id, no part's number)


@pytest.mark.parametrize("name, pager, parts, number", [
    ("88.html", '<a href="88_2.html">2</a> <a href="88_2.html">下一页</a>', ["88_2.html"], 1),
    ("88_2.html", '<a href="88.html">上一页</a> <a href="88.html">1</a> 2 <a href="88_3.html">3</a>',
     ["88.html", "88_3.html"], 2),
])
def test_dedecms_numbers_the_second_page_2_and_no_part_1_is_named(name: str, pager: str, parts: list[str],
                                                                  number: int) -> None:
    base = "http://www.x.gov.cn/a/xxgk/"
    rec = parse_report(_split_page(f'<div class="dede_pages">{pager}</div>'), url=base + name)
    assert rec.page["parts"] == [base + p for p in parts]
    assert any(w.startswith(f"page: the report is split over at least {len(parts) + 1} pages and this is page "
                            f"{number};") for w in rec.warnings)


_XML_DECLARATION = '<?xml version="1.0" encoding="{}"?>\n'
_XHTML_DOCTYPE = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
                  '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n')


@pytest.mark.parametrize("charset", ["gb2312", "utf-8"])
@pytest.mark.parametrize("as_bytes", [True, False])
def test_an_xhtml_page_opening_with_an_xml_declaration_is_read(charset: str, as_bytes: bool) -> None:
    """Older portals serve XHTML that opens with ``<?xml … encoding="gb2312"?>``: lxml refuses such a
    declaration in a string (a GBK page is decoded first, so it is one), and the whole report was lost
    ("the HTML could not be parsed"). Every cell is read, as bytes or as a string."""
    report = generate_report(49, edition="2021", year=2022)
    page = wrap_page(render_html(report), style="trs", title=report.gold["title"], charset=charset)
    page = _XML_DECLARATION.format(charset) + _XHTML_DOCTYPE + page.replace("<html>", '<html xmlns="http://www.w3.org/1999/xhtml">', 1)
    rec = parse_report(encode_page(page, charset) if as_bytes else page)
    assert diff_cells(rec.to_dict(), report.gold) == []
    assert rec.title == report.gold["title"]
    assert not [w for w in rec.warnings if w.startswith("page:")]


def test_an_attachment_link_resolves_against_the_pages_base_href() -> None:
    html = ('<html><head><meta charset="utf-8"><base href="http://www.x.gov.cn/"><title>某区民政局2022年政府信息公开工作年度报告'
            '</title></head><body><div class="TRS_Editor"><p>一、总体情况</p><p>附件：<a href="files/2023/nb.pdf">年度报告.pdf</a>'
            "</p></div></body></html>")
    page = clean_page(html, url="http://www.x.gov.cn/zwgk/zfxxgknb/202301/t20230120_9.html")
    assert [a.url for a in page.metadata.attachments] == ["http://www.x.gov.cn/files/2023/nb.pdf"]
    page = clean_page(html.replace('<base href="http://www.x.gov.cn/">', ""),
                      url="http://www.x.gov.cn/zwgk/zfxxgknb/202301/t20230120_9.html")
    assert [a.url for a in page.metadata.attachments] == ["http://www.x.gov.cn/zwgk/zfxxgknb/202301/files/2023/nb.pdf"]


def test_a_part_the_portal_answers_with_the_first_page_is_not_joined_twice() -> None:
    """A portal that redirects a page it does not have (…_1.html) to the article itself: the first page
    is not read twice (its narrative doubled, its rows 'appearing twice'); the part is named."""
    from govreports.page.clean import clean_item

    report = generate_report(50, edition="2021", year=2022)
    pages = _part_pages(report, "三")
    item = {"url": _BASE + "t20230120_9.html", "body": pages[0], "headers": {},
            "parts": [{"url": _BASE + "t20230120_9.html", "request_url": _BASE + "t20230120_9_1.html",
                       "body": pages[0], "headers": {}}]}
    rec = parse_page(clean_item(item))
    assert not [w for w in rec.warnings if "appears twice" in w]
    assert any("(t20230120_9_1.html: the portal answered with the first page instead)" in w for w in rec.warnings)
    assert "parts_read" not in rec.page
