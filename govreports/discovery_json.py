"""Discovery on portals whose lists are JSON: Guangdong's gkmlpt platform and same-origin list APIs.

- gkmlpt (every Guangdong city and district): ``/gkmlpt/index`` holds ``window._CONFIG =
  {SID, TREE: […]}``; the lists of a category come from ``/gkmlpt/api/all/{id}?page=N&sid=…``.
  The report categories of the tree (年报 / 年度报告) become list requests.
- Any JSON list response: entries with a title and a URL anywhere in the structure, HTML
  fragments inside JSON strings (``{"data":{"html":"<ul>…"}}``), and the next pages from a
  total count or, failing that, the page after a non-empty one.

Pure functions of (text, URL), like :mod:`govreports.discovery`.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_CONFIG = re.compile(r"_CONFIG\s*=\s*\{")
_SID = re.compile(r"""\bSID\s*["']?\s*[:=]\s*["']([\w\-]+)["']""")
_ID_NAME = re.compile(r"""["']?\bid["']?\s*:\s*["']?(\d+)["']?\s*,[^{}\[\]]{0,200}?["']?\bname["']?\s*:\s*["']([^"']{1,80})["']""")
_NAME_ID = re.compile(r"""["']?\bname["']?\s*:\s*["']([^"']{1,80})["']\s*,[^{}\[\]]{0,200}?["']?\bid["']?\s*:\s*["']?(\d+)""")
_REPORT_CATEGORY = re.compile(r"年报|年度报告")
_URL_KEYS = ("url", "link", "href", "URL", "LINK", "docpuburl", "DOCPUBURL", "pubUrl", "linkUrl", "art_url")
_TITLE_KEYS = ("title", "TITLE", "name", "doctitle", "DOCTITLE", "art_title", "subject")
_TOTAL_KEYS = ("total", "totalCount", "total_count", "count", "totalElements", "recordCount", "totalRecord")
PAGE_KEYS = ("page", "pageIndex", "pageNo", "pageNum", "currentPage", "curPage", "current", "pageNumber",
              "page_no", "pageindex", "pageno", "pagenum", "currentpage", "p")
MAX_PAGES = 500


def gkmlpt_lists(text: str, url: str) -> list[str]:
    """The list API URLs of the report categories of a gkmlpt index page."""
    m = _CONFIG.search(text)
    if not m:
        return []
    config = text[m.start():m.start() + 500_000]
    sid = _SID.search(config)
    if not sid:
        return []
    categories = {cid: name for cid, name in _ID_NAME.findall(config)}
    categories.update({cid: name for name, cid in _NAME_ID.findall(config)})
    base = urljoin(url, "/gkmlpt/api/all/")
    return [f"{base}{cid}?page=1&sid={sid.group(1)}" for cid, name in sorted(categories.items())
            if _REPORT_CATEGORY.search(name)]


def looks_like_json(text: str) -> bool:
    head = text.lstrip()[:1]
    return head in ("{", "[")


def json_listing(text: str, url: str) -> tuple[list[tuple[str, str]], list[str], list[str],
                                              tuple[list[int], list[int]]]:
    """(entries as (URL, title), HTML fragments found in strings, next list pages as GET URLs,
    (list lengths, totals) for paging a POST) of a JSON list."""
    try:
        data = json.loads(text)
    except ValueError:
        return [], [], [], ([], [])
    entries: list[tuple[str, str]] = []
    fragments: list[str] = []
    lists: list[int] = []
    totals: list[int] = []
    _walk(data, url, entries, fragments, lists, totals, 0)
    return entries, fragments, next_page_urls(url, len(entries), lists, totals), (lists, totals)


def _walk(node: Any, url: str, entries: list, fragments: list, lists: list, totals: list, depth: int) -> None:
    if depth > 12:
        return
    if isinstance(node, dict):
        link = next((node[k] for k in _URL_KEYS if isinstance(node.get(k), str) and node[k].strip()), None)
        title = next((node[k] for k in _TITLE_KEYS if isinstance(node.get(k), str)), "")
        if link and not link.lower().startswith(("javascript:", "mailto:")):
            entries.append((urljoin(url, link.strip()), " ".join(title.split())))
        for k in _TOTAL_KEYS:
            v = node.get(k)
            if isinstance(v, int) or (isinstance(v, str) and v.isdigit()):
                totals.append(int(v))
        for v in node.values():
            _walk(v, url, entries, fragments, lists, totals, depth + 1)
    elif isinstance(node, list):
        if node and all(isinstance(x, dict) for x in node):
            lists.append(len(node))
        for v in node:
            _walk(v, url, entries, fragments, lists, totals, depth + 1)
    elif isinstance(node, str) and "<a" in node and "href" in node:
        fragments.append(node)


def next_page_urls(url: str, found: int, lists: list[int], totals: list[int]) -> list[str]:
    """The following pages of a paged GET list (see :func:`next_params`)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    return [urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(q), ""))
            for q in next_params(query, found, lists, totals)]


def next_params(params: dict[str, str], found: int, lists: list[int], totals: list[int]) -> list[dict[str, str]]:
    """The parameters of the following pages of a paged list request (query string or POST form).

    The page number is a top-level parameter (``page``, ``pageNo`` …) or sits in a parameter
    holding JSON (Zhejiang's ``paramJson={"pageNo":1,…}``). The last page comes from a total
    count in the answer; without one, only the page after a non-empty page is asked for.
    """
    if not found:
        return []
    slot = _page_slot(params)
    if slot is None:
        return []
    outer, inner, current, nested = slot
    asked = _page_size(params, nested)
    if asked and found < asked:
        return []  # a short page is the last one
    size = asked or (max(lists) if lists else found)
    if totals and size:
        if current > 1:
            return []  # the first page asked for every page the total implies
        last = min(math.ceil(max(totals) / size) - (1 if current == 0 else 0), MAX_PAGES)  # 0- or 1-based
        targets = range(current + 1, last + 1)
    else:
        targets = range(current + 1, current + 2)
    out = []
    for n in targets:
        q = dict(params)
        if nested is None:
            q[outer] = str(n)
        else:
            nested[inner] = n if isinstance(nested.get(inner), int) else str(n)
            q[outer] = json.dumps(nested, ensure_ascii=False, separators=(",", ":"))
        out.append(q)
    return out


_SIZE_KEYS = ("pageSize", "size", "rows", "limit", "perPage", "perpage", "pagesize", "page_size", "pageLimit")


def _page_size(params: dict[str, str], nested: dict | None) -> int:
    for source in (nested or {}, params):
        for k in _SIZE_KEYS:
            v = str(source.get(k, ""))
            if v.isdigit() and 0 < int(v) <= 1000:
                return int(v)
    return 0


def _page_slot(params: dict[str, str]) -> tuple[str, str, int, dict | None] | None:
    """(parameter, key inside its JSON or "", current page, the parsed JSON or None)."""
    key = next((k for k in PAGE_KEYS if str(params.get(k, "")).isdigit()), None)
    if key is not None:
        return key, "", int(params[key]), None
    for outer, value in params.items():
        if isinstance(value, str) and value.lstrip().startswith("{"):
            try:
                nested = json.loads(value)
            except ValueError:
                continue
            if isinstance(nested, dict):
                inner = next((k for k in PAGE_KEYS if str(nested.get(k, "")).isdigit()), None)
                if inner is not None:
                    return outer, inner, int(nested[inner]), nested
    return None
