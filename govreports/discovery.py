"""Finding annual reports on a portal: pure functions from (page text, URL) to links, per CMS family.

Platforms are code, sites are data: every function here works on any portal of its
family. Links are scored by their text and URL toward 政务公开 → 政府信息公开 → 年报
columns; pagination is read from plain 下一页 links, TRS ``createPageHTML`` scripts,
Hanweb ``<datastore>`` lists and their ``dataproxy.jsp`` pages, ``?page=N`` parameters,
script data of JavaScript 信息公开目录 trees, onclick handlers and ``location.href`` stubs;
JSON list APIs (Guangdong gkmlpt and others) in :mod:`govreports.discovery_json`.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from govreports.discovery_ajax import NOT_A_LIST, ApiCall, api_calls
from govreports.discovery_json import gkmlpt_lists, json_listing, looks_like_json, next_page_urls
from govreports.page.html_page import REPORT_FILE_EXT
from govreports.page.model import text_of, without_xml_declaration
from govreports.page.parts import Parts, article_parts, numbered_page, pager_calls
from govreports.page.titles import TASK_WORDS, is_issuing_notice, is_title_like
from govreports.urls import document_base, ungate

_PARSER = etree.HTMLParser(huge_tree=True)  # (2,048 levels of elements, where libxml2 stops at 256)
_TEXT = etree.XPath("string()")
#: ``urljoin`` costs ~10 µs; a site's menus and pagers link the same addresses from every listing
#: (cached for addresses of ordinary length: a data: URL of megabytes would be held on to).
_join = lru_cache(maxsize=16384)(urljoin)


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    kind: str  # "report" | "column" | "page" | "other"
    score: float = 0.0


# --- link scoring ----------------------------------------------------------------------------

_COLUMN_WORDS = (("年报", 6), ("年度报告", 6), ("信息公开年报", 8), ("政府信息公开", 4), ("信息公开", 3),
                 ("政务公开", 3), ("法定主动公开", 2), ("信息公开目录", 3), ("部门信息公开", 2), ("公开指南", 0.5),
                 ("部门", 0.5), ("乡镇", 0.5), ("街道", 0.5), ("政府文件", 0.2))
_COLUMN_URL = (("zfxxgknb", 8), ("xxgknb", 8), ("gknb", 7), ("ndbg", 6), ("xxgkndbg", 8), ("nb", 1),
               ("zfxxgk", 4), ("xxgk", 3), ("zwgk", 3), ("gkml", 2), ("public", 1), ("openness", 3),
               ("annualreport", 8), ("bmxxgk", 2), ("zfxxgkzl", 3))
_NOT_REPORT = re.compile(r"通知|工作要点|决算|预算|法治政府建设|统计年鉴|统计公报|征求意见|解读|图解|公示|报送|"
                         r"意见的函|实施方案|工作计划")
_AVOID = re.compile(r"(search|sousuo|login|register|calendar|rili|download\.jsp|javascript:|mailto:|\.(?:jpg|jpeg|"
                    r"png|gif|css|js|zip|rar|mp4|mp3|exe|apk|xls|xlsx|doc|docx|pdf|ofd|wps)(?:$|[?#]))", re.I)
_REPORT_TEXT = re.compile(r"(?:信息|政务)公开.{0,12}?(?:年度报告|年报)|(?:19|20)\d{2}\s*年?.{0,20}?(?:年度报告|年报)")
_ARTICLE_URL = re.compile(r"(/t\d{8}_\d+|/art/\d{4}/\d{1,2}/\d{1,2}/art_|/content/post_\d+|/\d{6}/[0-9a-f]{16,}|"
                          r"/(?:info|article|content|contents|doc|detail|show)[/_]|\d{5,}\.s?html?$)", re.I)


def score_column(text: str, url: str) -> float:
    """How likely a link leads toward the annual-report column."""
    text = text.translate(_T2S)
    score = sum(w for word, w in _COLUMN_WORDS if word in text)
    path = urlsplit(url).path.lower()
    score += sum(w for word, w in _COLUMN_URL if word in path)
    if _AVOID.search(url):
        score -= 100  # searches, calendars, logins, files: never a column
    return score


_YEAR = re.compile(r"(?:19|20)\d{2}|[〇零一二三四五六七八九]{4}")


#: Traditional forms of the characters link matching looks at (繁體 views and big5 gateways):
#: enough to read link texts without running the full converter on every link of every list.
_T2S = str.maketrans("開報資務門關區縣點劃統決預實徵稅財處廳廣東計書結轉發佈聞於讀圖見範題總體條覽與級導", "开报资务门关区县点划统决预实征税财处厅广东计书结转发布闻于读图见范题总体条览与级导")


def is_report_link(text: str, url: str = "") -> bool:
    """A link whose text names one annual report: a year and 年报/年度报告, not a notice, plan, budget …

    Without a year it names a column (政府信息公开年报), which is explored as a list instead.
    """
    t = re.sub(r"\s+", "", text).translate(_T2S)
    # (a notice issuing one report is that report's page: its 通知 excludes nothing else)
    if not t or _NOT_REPORT.search(t[:-2] if is_issuing_notice(t) else t) or not _YEAR.search(t):
        return False
    if _TRUNCATED.search(t):  # a list cuts long titles (某区民政局2022年政府信息公开工作年度…): the page decides
        return (_TRUNCATED_REPORT.search(t) is not None or _REPORT_TEXT.search(t) is not None) \
            and _TASK_NOTICE.search(t) is None
    return bool(_REPORT_TEXT.search(t)) or is_title_like(t)


#: The mark a list puts where it cut a long title, and what such a title must still show to be
#: followed: a year, then 信息公开/政务公开 and at most the start of what follows.
_CUT = r"(?:\.{2,}|…+|。{3})$"
_TRUNCATED = re.compile(_CUT)
_TRUNCATED_REPORT = re.compile(r"(?:19|20)\d{2}\s*年?度?.{0,12}?(?:信息|政务)公开(?:工作?)?(?:年度?|年度报?)?" + _CUT)
#: A notice about a task with the reports, cut before its 通知 (关于做好2022年政府信息公开…).
_TASK_NOTICE = re.compile(f"关于(?:{TASK_WORDS})")


_TEMPLATE_MARKERS = ("本年新收", "结转下年度", "主动公开政府信息情况", "行政复议", "其他需要报告的事项")


def looks_like_report_page(text: str) -> bool:
    return sum(1 for m in _TEMPLATE_MARKERS if m in text) >= 2


def is_article_url(url: str) -> bool:
    return bool(_ARTICLE_URL.search(urlsplit(url).path))


def is_attachment_url(url: str) -> bool:
    """A link straight to a file (some portals publish the report only as ``/…/2022/330102.pdf``)."""
    return urlsplit(url).path.lower().endswith(REPORT_FILE_EXT)


_COLUMN_META = re.compile(r"""<meta\s+name=["']ColumnName["']\s+content=["']([^"']*)["']""", re.I)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)


def column_name(text: str) -> str | None:
    """The column a list page shows (meta ColumnName, else its ``<title>``), for links it holds."""
    head = text[:8000]
    m = _COLUMN_META.search(head) or _TITLE_TAG.search(head)
    return " ".join(htmllib.unescape(m.group(1)).split()) or None if m else None


# --- extracting links --------------------------------------------------------------------

_SCRIPT_URL = re.compile(
    r"""(?:url|href|link|path|src)\s*[:=]\s*["']([^"'\s<>]+?\.(?:s?html?|jsp|aspx?|php)(?:\?[^"'\s<>]*)?)["']""",
    re.I)
_ONCLICK_URL = re.compile(r"""["']((?:https?://|/|\.{1,2}/)?[\w\-./%]+\.(?:s?html?|jsp|php|aspx?|pdf|docx?|wps|ofd)"""
                          r"""(?:\?[^"'\s]*)?)["']""", re.I)
_LOCATION = re.compile(r"""(?:window\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']""")
_JSON_ENTRY = re.compile(r"""["']?(?:title|name|text)["']?\s*:\s*["']([^"']{2,120})["'][^{}]{0,300}?"""
                         r"""["']?(?:url|href|link)["']?\s*:\s*["']([^"']+)["']""")


def base_url(root, url: str) -> str:
    """What the page's relative links resolve against: its first ``<base href>``, else its address."""
    if root is None:
        return url
    for el in root.iter("base"):
        if el.get("href"):
            return document_base(url, el.get("href")) or url
    return url


def parse_html(text: str):
    try:
        return etree.fromstring(without_xml_declaration(text), _PARSER) if text and text.strip() else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def parts_of_html(html: str, url: str) -> Parts:
    """:func:`article_parts` of a page given as its markup (the crawl asks before the page step
    reads it): the markup is parsed only when it may hold a pager at all."""
    if "createPageHTML" not in html and not any(w in html for w in ("下一页", "上一页", "下一頁", "上一頁")):
        return Parts()  # (下一篇/上一篇, on most article pages, is no pager of parts)
    root = parse_html(html)
    if root is None:
        return Parts()
    text = text_of(root)  # (the page step reads a Traditional page converted; here its pager's words are)
    if "一頁" in text:
        text = text.replace("下一頁", "下一页").replace("上一頁", "上一页")
    return article_parts(text, root.iter("a"), url)


def anchors(root, base_url: str) -> list[tuple[str, str]]:
    """(absolute URL, text) of every <a>, plus URLs in onclick handlers."""
    out: list[tuple[str, str]] = []
    if root is None:
        return out
    base = root.find(".//base")
    if base is not None and base.get("href"):
        base_url = urljoin(base_url, base.get("href"))
    for a in root.iter("a"):
        text = " ".join((_TEXT(a) or a.get("title") or "").split())
        title = a.get("title") or ""
        if len(title) > len(text):
            text = title.strip()
        href = (a.get("href") or "").strip()
        if href and not href.lower().startswith(("javascript:", "mailto:", "tel:", "#")):
            target = htmllib.unescape(href) if "&" in href else href
            out.append(((_join if len(target) <= 500 else urljoin)(base_url, target), text))
        onclick = a.get("onclick") or ""
        if onclick or href.lower().startswith("javascript:"):
            for m in _ONCLICK_URL.finditer(onclick + " " + href):
                out.append((urljoin(base_url, m.group(1)), text))
    # pagers and lists built from other elements: <span onclick="queryArticleByCondition(this,'…-2.shtml')">
    for el in _ONCLICK_ELEMENTS(root):
        if el.tag == "a" or not isinstance(el.tag, str):
            continue
        text = " ".join((_TEXT(el) or el.get("title") or "").split())[:200]
        for m in _ONCLICK_URL.finditer(el.get("onclick") or ""):
            out.append((urljoin(base_url, m.group(1)), text))
    return out


_ONCLICK_ELEMENTS = etree.XPath("//*[@onclick]")


def script_links(text: str, base_url: str) -> list[tuple[str, str]]:
    """URLs sitting in script data (JS 信息公开目录 trees, JSON lists): (URL, title if given)."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for title, url in _JSON_ENTRY.findall(text):
        absolute = urljoin(base_url, url.replace("\\/", "/"))
        seen.add(absolute)
        out.append((absolute, title))
    for url in _SCRIPT_URL.findall(text):
        absolute = urljoin(base_url, url.replace("\\/", "/"))
        if absolute not in seen:
            seen.add(absolute)
            out.append((absolute, ""))
    return out


_NOT_A_FRAME_LIST = re.compile(r"viewer|map|video|player|weather|baidu\.com|qq\.com|weibo", re.I)


def frame_links(root, base_url: str) -> list[str]:
    """Lists embedded as frames (older 信息公开目录 pages load their list in an ``<iframe>``); never
    viewers, counters, searches, maps or video."""
    if root is None:
        return []
    out = []
    for el in root.iter("iframe", "frame"):
        src = (el.get("src") or "").strip()
        if not src or src.lower().startswith(("javascript:", "about:", "data:", "#")):
            continue
        url = urljoin(base_url, htmllib.unescape(src))
        if _AVOID.search(url) or NOT_A_LIST.search(urlsplit(url).path) or _NOT_A_FRAME_LIST.search(url):
            continue
        out.append(url)
    return out


def location_stub(text: str, base_url: str) -> str | None:
    """A JavaScript redirect stub (a page whose only job is ``location.href = …``)."""
    if len(text) > 4000:
        return None
    m = _LOCATION.search(text)
    return urljoin(base_url, m.group(1)) if m else None


# --- pagination per CMS family ------------------------------------------------------------------

_COUNT_PAGE = re.compile(r"(?:countPage|totalPage|pageCount|page_count)\s*[:=]\s*['\"]?(\d+)", re.I)
_PAGE_PARAM = re.compile(r"^(?:page|pageindex|pageno|pagenum|currentpage|curpage|p|pn|start|index)$", re.I)


def next_links(root, base_url: str) -> list[str]:
    """A pager's next-page links (``base_url``: what the page's links resolve against, its
    :func:`base_url`): 下一页 however bracketed or followed by arrows (``[下一页]``,
    ``下一页>>``, ``【下一页】``), arrows alone (``>>``, ``›``, ``→``), Next (page), or a button drawn as
    an image (its alt text) or an icon (a class naming it next) — never 下一篇, the next article."""
    if root is None:
        return []
    out = [url for url, text in anchors(root, base_url) if is_next_text(text)]
    for a in _TEXTLESS_BUTTONS(root):
        href = (a.get("href") or "").strip()
        if not href or href.lower().startswith(("javascript:", "#")):
            continue
        alt = " ".join(img.get("alt") or "" for img in a.iter("img"))
        if is_next_text(alt) or any(c.lower() in _NEXT_CLASSES for c in (a.get("class") or "").split()):
            out.append(urljoin(base_url, htmllib.unescape(href)))
    return out


def is_next_text(text: str) -> bool:
    core = _PAGER_MARKS.sub("", text).lower()
    return core in _NEXT_WORDS or (not core and bool(text.strip()) and _ARROWS_ONLY.match(text.strip()) is not None)


_PAGER_MARKS = re.compile(r"[\s\u00a0\u3000\[\]【】<>《》()（）«»‹›→⇒▶►·.…:：|]+")
_NEXT_WORDS = frozenset({"下一页", "下页", "后一页", "下一頁", "next", "nextpage", "后页"})
_ARROWS_ONLY = re.compile(r"^(?:>{1,2}|›|»|→|⇒|▶|►|&gt;)$")
_NEXT_CLASSES = frozenset({"next", "next-page", "nextpage", "page-next", "pagenext", "btn-next", "layui-laypage-next"})
_TEXTLESS_BUTTONS = etree.XPath("//a[not(normalize-space())][img or @class]")


def trs_pages(text: str, base_url: str, max_pages: int = 500) -> list[str]:
    """TRS WCM: ``createPageHTML(total, current, "index", "html")`` (its variants: see
    :data:`govreports.page.parts.CREATE_PAGE`) → index_1.html … index_{total-1}.html."""
    calls = pager_calls(text)
    if calls:
        total, name, ext = calls[0].total, calls[0].name, calls[0].ext
    else:
        c = _COUNT_PAGE.search(text)
        if not c:
            return []
        total, name = int(c.group(1)), "index"
        path = urlsplit(base_url).path
        ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else "html"
        numbered = _NUMBERED_PAGE.match(path.rsplit("/", 1)[-1])
        if numbered and not (numbered.group(1).lower() == "index" and numbered.group(2) == "_"):  # Chengdu-style column-index-1.shtml …: every page numbered, from 1
            stem, sep, current, ext = numbered.groups()
            return [urljoin(base_url, f"{stem}{sep}{i}.{ext}") for i in range(1, min(total, max_pages) + 1)
                    if i != int(current)]
    total = min(total, max_pages)
    return [numbered_page(base_url, name, i, ext) for i in range(1, total)]


_NUMBERED_PAGE = re.compile(r"^(.+?)([-_])(\d{1,4})\.(s?html?)$")


_DATASTORE = re.compile(r"<datastore>(.*?)</datastore>", re.S | re.I)
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>", re.S | re.I)
_TOTAL = re.compile(r"(?:totalRecord|totalrecord)\s*[:=]\s*['\"]?(\d+)|<totalrecord>(\d+)</totalrecord>", re.I)
_PER_PAGE = re.compile(r"perPage\s*[:=]\s*['\"]?(\d+)", re.I)
_PROXY = re.compile(r"proxyUrl\s*[:=]\s*['\"]([^'\"]+)['\"]", re.I)
_HANWEB_PARAM = re.compile(r"\b(columnid|unitid|webid|webname|path|permissiontype|col|appid|sourceContentType)"
                           r"\s*[:=]\s*['\"]?([^'\",;}\s]+)", re.I)


def hanweb_records(text: str, base_url: str) -> list[tuple[str, str]]:
    """Links inside Hanweb ``<datastore><recordset><record><![CDATA[<li><a …>]]>`` lists (also dataproxy replies)."""
    out: list[tuple[str, str]] = []
    for store in _DATASTORE.findall(text) or ([text] if "<record>" in text else []):
        for record in _RECORD.findall(store):
            out.extend(anchors(parse_html(f"<div>{record}</div>"), base_url))
    return out


def hanweb_pages(text: str, base_url: str, max_records: int = 5000) -> list[str]:
    """The dataproxy.jsp requests that fetch the rest of a Hanweb list."""
    if "<datastore>" not in text.lower() and "dataproxy" not in text.lower():
        return []
    total_m = _TOTAL.search(text)
    if not total_m:
        return []
    proxy = _PROXY.search(text)
    next_group = _NEXTGROUP.search(text)
    if not proxy and not next_group:
        return []  # a dataproxy reply: the range asked for, nothing more to request
    total = min(int(total_m.group(1) or total_m.group(2)), max_records)
    shown = len(_RECORD.findall(text))
    per = int(_PER_PAGE.search(text).group(1)) if _PER_PAGE.search(text) else max(shown, 15)
    target = proxy.group(1) if proxy else "/module/web/jpage/dataproxy.jsp"
    params = {k: v for k, v in _HANWEB_PARAM.findall(text)}
    if next_group:
        href = re.search(r"href=['\"]([^'\"]+)", next_group.group(1))
        if href:
            target_url = urljoin(base_url, href.group(1))
            target = target_url.split("?", 1)[0]
            params.update(dict(parse_qsl(urlsplit(target_url).query)))
    group = per * 3  # Hanweb serves three screens per proxy call
    urls = []
    for start in range(shown + 1, total + 1, group):
        q = dict(params, startrecord=str(start), endrecord=str(min(start + group - 1, total)), perpage=str(per))
        urls.append(urljoin(base_url, target) + "?" + urlencode(q))
    return urls


def page_param_links(links: list[tuple[str, str]], base_url: str) -> list[str]:
    """Links to other pages of the same list via ``?page=N``-style parameters."""
    here = urlsplit(base_url)
    out = []
    for url, _text in links:
        parts = urlsplit(url)
        if parts.path != here.path or parts.netloc != here.netloc:
            continue
        if any(_PAGE_PARAM.match(k) for k, _ in parse_qsl(parts.query)):
            out.append(url)
    return out


def set_query(url: str, **params: str) -> str:
    parts = urlsplit(url)
    q = dict(parse_qsl(parts.query))
    q.update(params)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(q), ""))


@dataclass
class ListingLinks:
    reports: list[Link]
    columns: list[Link]
    pages: list[str]
    stub: str | None = None
    posts: list[ApiCall] = field(default_factory=list)  # list requests that must be POSTed


def read_listing(text: str, url: str, *, in_report_column: bool, call: ApiCall | None = None) -> ListingLinks:
    """Everything a list (or home) page offers: report candidates, columns to explore, more pages.

    ``call``: the POST list request this text answers, so its following pages can be asked for.
    """
    if looks_like_json(text):  # a list API's answer (gkmlpt, api-gateway, queryList …)
        entries, fragments, json_pages, paging = json_listing(text, url)
        found = entries + [link for f in fragments for link in anchors(parse_html(f"<div>{f}</div>"), url)]
        posts: list[ApiCall] = []
        if call is not None and call.method == "POST":
            json_pages = []
            posts = call.following(len(found), *paging)
        elif not json_pages and fragments:  # {"data":{"html":"<ul>…"}}: the links are in the fragments
            json_pages = next_page_urls(url, len(found), *paging)
        listing = _classify_links(found, json_pages, in_report_column, None)
        listing.posts = posts
        return listing
    root = parse_html(text)
    base = base_url(root, url)  # relative links resolve against the page's <base href>, if it has one
    scripts = "\n".join(el.text or "" for el in root.iter("script")) if root is not None else text
    found = anchors(root, base) + script_links(scripts, base) + hanweb_records(text, base)
    if root is not None and call is not None and call.method == "POST" and found:  # an HTML answer to a POST
        posts = call.following(len(found), [], [])
    else:
        posts = []
    calls = api_calls(text, scripts, base)
    pages = next_links(root, base) + trs_pages(text, base) + hanweb_pages(text, base) + page_param_links(found, url) \
        + gkmlpt_lists(scripts, base) + [c.get_url() for c in calls if c.method == "GET"] + frame_links(root, base)
    stub = location_stub(text, base) if root is None or len(found) == 0 else None
    listing = _classify_links(found, pages, in_report_column, stub)
    listing.posts = posts + [c for c in calls if c.method == "POST"]
    return listing


def _classify_links(found: list[tuple[str, str]], pages: list[str], in_report_column: bool,
                    stub: str | None) -> ListingLinks:
    reports: dict[str, Link] = {}
    columns: dict[str, Link] = {}
    found = [(ungate(u), t) for u, t in found]  # a Traditional gateway copy: fetch the Simplified origin
    pages = [ungate(u) for u in pages]
    stub = ungate(stub) if stub else stub
    for link_url, link_text in found:
        if urlsplit(link_url).scheme not in ("http", "https"):
            continue
        if is_report_link(link_text, link_url):
            reports.setdefault(link_url, Link(link_url, link_text, "report", 100))
            continue
        if in_report_column and is_article_url(link_url) and not _NOT_REPORT.search(link_text) \
                and not _AVOID.search(link_url):
            reports.setdefault(link_url, Link(link_url, link_text, "report", 50))
            continue
        s = score_column(link_text, link_url)
        if s >= 3 and link_url not in columns and link_url not in reports:
            columns[link_url] = Link(link_url, link_text, "column", s)
    return ListingLinks(list(reports.values()), sorted(columns.values(), key=lambda x: -x.score),
                        list(dict.fromkeys(pages)), stub)


def is_report_column(text: str, url: str) -> bool:
    """A list page of annual reports: its URL or its title/breadcrumb says 年报 / 年度报告."""
    path = urlsplit(url).path.lower()
    if any(k in path for k in ("zfxxgknb", "xxgknb", "gknb", "ndbg", "annualreport", "xxgkndbg")):
        return True
    head = text[:6000]
    m = re.search(r"<title>(.*?)</title>", head, re.S | re.I)
    title = m.group(1) if m else ""
    return bool(re.search(r"年报|年度报告", title)) or bool(re.search(r"当前位置.{0,200}?(年报|年度报告)", head, re.S))
