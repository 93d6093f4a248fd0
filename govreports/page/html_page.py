"""A full portal page (HTML) → the report body (tables kept as HTML) + what the chrome said.

Order of trust: the CMS's own body markers (Hanweb ContentStart/ContentEnd, 信息内容
comments), then known content containers, then a fallback that needs no known layout —
the template's section headings and table labels locate the body and text density bounds
it. Chrome inside the body is removed by what it *is* (a control, a field line, a share
box, a QR notice, the 信息公开 metadata table), never by position alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from urllib.parse import parse_qsl, urljoin

from lxml import etree

from govreports.page.chrome import (
    DOC_META_LABELS,
    LABEL_SPACES,
    LABELLED,
    ChromeFacts,
    absorb_fields,
    cut_before,
    doc_meta_from,
    doc_meta_labels,
    doc_meta_pairs,
    field_line_after_title,
    field_values,
    is_breadcrumb,
    is_control_line,
    is_field_line,
    is_footer_line,
    parse_date,
)
from govreports.page.model import (
    Attachment,
    drop_noncharacters,
    has_noncharacters,
    text_of,
    without_xml_declaration,
)
from govreports.page.parts import Parts, article_parts
from govreports.page.titles import agency_from_title, is_title_like, title_year
from govreports.urls import document_base

CONTAINERS = (
    "#UCAP-CONTENT", ".TRS_UEDITOR", ".TRS_Editor", ".trs_editor_view", ".bt-content", "#zoom", ".zoom",
    ".article_content", ".article-content", ".articleContent", ".art_con", "#ivs_content", ".webeditorview",
    ".Custom_UnionStyle", ".xxgk_content", ".zw-content", ".pages_content", ".con_text", ".detail-content",
    ".wz_con", ".show-content", "#content", ".content", "article", "#Zoom", ".zwgk_content", ".main-txt",
    ".view", ".TRS_PreAppend",
)
#: Characters the page step reads from elements' texts in any one of its searches: a page holds
#: its text once, but wrappers nested a thousand deep hold it again at every level.
TEXT_READ_BUDGET = 4_000_000
_MARKERS = (
    (re.compile(r"<meta\s+name=[\"']?ContentStart[\"']?[^>]*>", re.I),
     re.compile(r"<meta\s+name=[\"']?ContentEnd[\"']?[^>]*>", re.I)),
    (re.compile(r"<!--\s*<\$\[信息内容\]>\s*begin\s*-->", re.I),
     re.compile(r"<!--\s*<\$\[信息内容\]>\s*end\s*-->", re.I)),
)
#: The document types a report is published as (a link straight to one is the report).
REPORT_FILE_EXT = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".ofd", ".et")
ATTACHMENT_EXT = (*REPORT_FILE_EXT, ".zip", ".rar")
#: Elements whose content is never report text (removed from the body with what they hold).
NON_CONTENT = ("script", "style", "noscript", "head", "iframe", "object", "embed", "select", "button", "svg",
               "del", "s", "strike",  # (deleted text: track changes, a struck-out figure before its correction)
               "template", "textarea")
_CHROME_ATTR = re.compile(
    r"(share|bdshare|jiathis|print|dayin|close|guanbi|qrcode|qr_|qr-|ewm|erweima|code_?img|font_?size|fontsize|"
    r"zihao|related|relevant|xgwj|xgxx|xglj|xgwz|jiucuo|correct|footer|foot\b|breadcrumb|crumb|position|"
    r"location|weizhi|pageNav|toolbar|tool-bar|gongju|fenxiang|article-?tool|arc-?tool|tools?\b|"
    r"shoucang|backtop|wzdt|navbar|\bnav\b|menu|header|\bhead\b|banner|search|sidebar|\bside\b)",
    re.I,
)
_SECTION_WORDS = ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议", "存在的主要问题",
                  "其他需要报告的事项", "本年新收", "结转下年度")
_VIEWER = re.compile(r"viewer\.html\?file=([^&\"'#]+)", re.I)
_TRS_URL_DATE = re.compile(r"/t(\d{4})(\d{2})(\d{2})_\d+")
_ART_URL_DATE = re.compile(r"/art/(\d{4})/(\d{1,2})/(\d{1,2})/")
_SITE_SUFFIX = re.compile(r"[_|｜\-—–]+")


#: ``huge_tree``: libxml2 stops reading a page nested deeper than 256 elements (tables in tables
#: in tables: ~85 levels of them) unless told otherwise; with it, 2,048. Deeper is warned about.
_PARSER = etree.HTMLParser(remove_comments=False, huge_tree=True)


_RANK_ID = {sel[1:]: i for i, sel in reversed(list(enumerate(CONTAINERS))) if sel.startswith("#")}
_RANK_CLASS = {sel[1:]: i for i, sel in reversed(list(enumerate(CONTAINERS))) if sel.startswith(".")}
_CONTAINER_CLASSES = frozenset(_RANK_CLASS)
_RANK_TAG = {sel: i for i, sel in enumerate(CONTAINERS) if sel[0] not in "#."}
# (``descendant-or-self::*/@id`` steps through elements only, where ``//@id`` visits every node)
_ID_OR_CLASS = etree.XPath("descendant-or-self::*/@id | descendant-or-self::*/@class")


#: XPath's ``id()`` reads libxml2's table of the page's ids: a lookup per name, where reading
#: every element's id walks the whole page (~20 µs on a portal's). The table keeps the first of a
#: repeated id (and holds ``<a name>`` values too): a page that repeats an id is read by the walk.
_CLASS_OR_ID = etree.XPath(f"descendant-or-self::*/@class | id('{' '.join(_RANK_ID)}')")
_ID_REDEFINED = etree.ErrorTypes.DTD_ID_REDEFINED


def _id_table_works() -> bool:
    """This libxml2 fills the id table of an HTML page and says when an id repeats."""
    parser = etree.HTMLParser()
    root = etree.fromstring('<html><body><p id="zoom">1</p><p id="zoom">2</p></body></html>', parser)
    return [el.text for el in root.xpath("id('zoom')")] == ["1"] \
        and any(e.type == _ID_REDEFINED for e in parser.error_log)


_ID_TABLE = _id_table_works()


def _containers(root: etree._Element, found: PageElements, ids_unique: bool = False) -> list[etree._Element]:
    """Elements matching a known container (document order; ``<article>`` elements last).

    The attribute values come from one C-level XPath pass and are tested as strings: only the
    few elements that match become Python element objects. ``ids_unique``: the parser saw no id
    twice, so the ids are looked up in its table instead of read from every element.
    """
    out: list[etree._Element] = []
    seen: set[etree._Element] = set()
    for value in (_CLASS_OR_ID if ids_unique and _ID_TABLE else _ID_OR_CLASS)(root):
        if not isinstance(value, str):  # an element the id table holds under a container's id
            if value.get("id") not in _RANK_ID:
                continue  # an <a name="…">
            el = value
        elif value.attrname == "id":
            if value not in _RANK_ID:
                continue
            el = value.getparent()
        elif _CONTAINER_CLASSES.isdisjoint(value.split()):
            continue
        else:
            el = value.getparent()
        if el not in seen:  # an element with both a known id and a known class comes twice
            seen.add(el)
            out.append(el)
    return out + [el for el in found.articles if el not in seen]


def _rank(el: etree._Element) -> int:
    """Position of the first selector in CONTAINERS that the element matches (len = none)."""
    ranks = [_RANK_ID.get(el.get("id", ""), len(CONTAINERS)), _RANK_TAG.get(el.tag, len(CONTAINERS))]
    ranks += [_RANK_CLASS.get(c, len(CONTAINERS)) for c in (el.get("class") or "").split()]
    return min(ranks)


_UTF8_PARSER = etree.HTMLParser(remove_comments=False, encoding="utf-8", huge_tree=True)


def _parse(html: str | bytes) -> etree._Element | None:
    """Parse a page: a string, or UTF-8 bytes (which spares decoding them into a string first)."""
    try:
        root = etree.fromstring(html, _UTF8_PARSER) if isinstance(html, bytes) else \
            etree.fromstring(without_xml_declaration(html), _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root


def _invalid_utf8() -> bool:
    """Whether the last bytes :func:`_parse` read held a sequence that is not UTF-8 (libxml2 put
    U+FFFD in its place and said so)."""
    return any(e.type == _INVALID_ENCODING for e in _UTF8_PARSER.error_log)


def _parse_log(html: str | bytes) -> tuple[bool, bool]:
    """What the parser said of the page :func:`_parse` last read (``html``; asked before any other
    parse): ``(ids_unique, too_deep)``. No id was given twice (a log of a hundred errors may have
    stopped short: then that is not trusted); the page was nested deeper than libxml2 reads."""
    log = (_UTF8_PARSER if isinstance(html, bytes) else _PARSER).error_log
    if not len(log):
        return True, False
    ids_unique = len(log) < 100 and not any(e.type == _ID_REDEFINED for e in log)
    return ids_unique, any(e.type == _RESOURCE_LIMIT and "depth" in e.message for e in log)


_INVALID_ENCODING = etree.ErrorTypes.ERR_INVALID_ENCODING
_RESOURCE_LIMIT = etree.ErrorTypes.ERR_RESOURCE_LIMIT


@dataclass
class HtmlFacts:
    body: etree._Element | None
    title: str | None = None
    head: dict[str, str] = field(default_factory=dict)
    chrome: ChromeFacts = field(default_factory=ChromeFacts)
    attachments: list[Attachment] = field(default_factory=list)
    doc_meta: dict[str, str] = field(default_factory=dict)
    how: str = ""
    warnings: list[str] = field(default_factory=list)
    #: All the page's text (the script it is written in is read from this).
    text: str = ""
    #: This page's place in an article split over pages.
    parts: Parts = field(default_factory=Parts)
    #: The page was given as UTF-8 bytes that are not UTF-8: nothing was read (decode it first).
    not_utf8: bool = False
    #: The page was given as UTF-8 bytes and its text holds a noncharacter (the parser's marks):
    #: nothing was read (decode it first, which drops them).
    noncharacters: bool = False


@dataclass
class PageElements:
    """The elements the page step reads outside the body, gathered in one walk of the tree
    (every walk of a whole page costs about as much as any other, whatever it looks for)."""

    metas: list[etree._Element] = field(default_factory=list)
    title: etree._Element | None = None
    headings: list[etree._Element] = field(default_factory=list)  # h1, h2
    links: list[etree._Element] = field(default_factory=list)
    frames: list[etree._Element] = field(default_factory=list)  # iframe, embed, object
    tables: list[etree._Element] = field(default_factory=list)
    articles: list[etree._Element] = field(default_factory=list)
    brs: list[etree._Element] = field(default_factory=list)
    sups: list[etree._Element] = field(default_factory=list)
    base: etree._Element | None = None  # the first <base>: what relative links resolve against


_WALKED = ("meta", "title", "h1", "h2", "iframe", "embed", "object", "table", "article", "br", "sup", "base")


def page_elements(root: etree._Element) -> PageElements:
    # links, a hundred on a portal's page, are listed by lxml itself: the Python loop reads only
    # the few others (a second walk of the page costs less than reading the links' tags)
    found = PageElements(links=list(root.iter("a")))
    lists = {"meta": found.metas, "h1": found.headings, "h2": found.headings,
             "iframe": found.frames, "embed": found.frames, "object": found.frames, "table": found.tables,
             "article": found.articles, "br": found.brs, "sup": found.sups}
    for el in root.iter(*_WALKED):
        tag = el.tag  # (each read of a tag makes a new string)
        if tag == "title":
            if found.title is None:
                found.title = el
        elif tag == "base":
            if found.base is None and el.get("href"):
                found.base = el
        else:
            lists[tag].append(el)
    return found


def head_meta(found: PageElements) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in found.metas:
        name = (m.get("name") or m.get("property") or "").strip()
        content = (m.get("content") or "").strip()
        if name and content and name.lower() not in out:
            out[name.lower()] = content
    if found.title is not None:
        text = " ".join(text_of(found.title).split())
        if text:
            out["<title>"] = text
    return out


_COMMENT_MARK = re.compile(r"^\s*<\$\[信息内容\]>\s*(begin|end)\s*$", re.I)


def _between_markers(root: etree._Element, found: PageElements) -> etree._Element | None:
    """The elements between the CMS's two markers, gathered into a ``<div>`` in place, or their
    parent when they hold all it holds.

    Works on the page's own tree when both markers are siblings (the usual case), so the
    page is not parsed a second time; and moving elements costs a walk of all they hold, so
    they are moved only when the parent holds more than the report.
    """
    metas: dict[str, etree._Element] = {}
    for m in found.metas:
        name = (m.get("name") or "").lower()
        if name in ("contentstart", "contentend"):
            metas.setdefault(name, m)
    pairs = [(metas.get("contentstart"), metas.get("contentend"))]
    if None in pairs[0]:
        comments: dict[str, etree._Element] = {}
        for c in root.iter(etree.Comment):
            m = _COMMENT_MARK.match(c.text or "")
            if m:
                comments.setdefault(m.group(1).lower(), c)
        pairs.append((comments.get("begin"), comments.get("end")))
    for start, end in pairs:
        if start is None or end is None or start.getparent() is None or start.getparent() is not end.getparent():
            continue
        parent = start.getparent()
        if start is parent[0] and end is parent[-1] and not (parent.text or "").strip() \
                and not (end.tail or "").strip() and (len(parent) > 2 or (start.tail or "").strip()):
            return parent  # the markers hold all the parent holds (the usual case): nothing to move
        i, j = parent.index(start), parent.index(end)
        if j <= i:
            continue
        div = _gather(parent, i + 1, j, text=start.tail)
        start.tail = None
        if (div.text or "").strip() or len(div):
            return div
    return None


def _gather(parent: etree._Element, i: int, j: int, text: str | None = None) -> etree._Element:
    """``parent``'s children ``i`` to ``j`` (excluded) moved, with their tails, into a new ``<div>`` put
    in their place (``text``: the div's own text, before them)."""
    div = etree.Element("div")
    div.text = text
    for el in parent[i:j]:
        div.append(el)  # moves the element with its tail
    parent.insert(i, div)
    return div


_COMMENT_MARK_TEXT = "<$[信息内容]>"
_COMMENT_MARK_UTF8 = _COMMENT_MARK_TEXT.encode()


def _marker_body(html: str | bytes, root: etree._Element, found: PageElements) -> etree._Element | None:
    # the meta markers are among the page's metas (no scan); the comment marker needs one scan,
    # far cheaper than the case-blind patterns
    mark = _COMMENT_MARK_UTF8 if isinstance(html, bytes) else _COMMENT_MARK_TEXT
    if mark not in html and not any((m.get("name") or "").lower() == "contentstart" for m in found.metas):
        return None
    if (body := _between_markers(root, found)) is not None:
        return body
    html = as_text(html)
    for start_re, end_re in _MARKERS:
        s = start_re.search(html)
        if not s:
            continue
        e = end_re.search(html, s.end())
        if not e:
            continue
        fragment = html[s.end():e.start()]
        if fragment.strip():
            root = _parse(f"<div>{fragment}</div>")
            body = root.find(".//body/div") if root is not None else None
            if body is not None:
                return body
    return None


def _landmarks(text: str, el: etree._Element) -> int:
    """How report-like: two points per template section heading in the text, one for a table."""
    return _word_points(text) + _has_table(el)


def _word_points(text: str) -> int:
    return 2 * sum([w in text for w in _SECTION_WORDS])


def _has_table(el: etree._Element) -> bool:
    return next(el.iterdescendants("table"), None) is not None


def _holds(text: str, el: etree._Element, need: int) -> bool:
    """Whether ``_landmarks(text, el) >= need``, looking for a table only when it decides, and
    for each heading only while the others can still decide (a heading missing from a long text
    costs a scan of all of it)."""
    if need <= 0:
        return True
    words, left = 0, 2 * len(_SECTION_WORDS)
    for w in _SECTION_WORDS:
        left -= 2
        if w in text:
            words += 2
            if words >= need:
                return True
        elif words + left + 1 < need:
            return False
    return words + 1 >= need and _has_table(el)


def _signal(el: etree._Element) -> int:
    return _landmarks(text_of(el), el)


_ESCAPED_TAG = re.compile(r"\\u003[cC]")
#: Markup in a script's string, escaped (``\u003Cp\u003E``, ``\x3Cp\x3E``) or as it is (``'<p>…<table …>'``).
_TAG_IN_SCRIPT = re.compile(r"\\u003[cC]|\\x3[cC]|<(?:table|p|div|tr|td)\b", re.I)
#: A script's string literal, double- or single-quoted, with the literals ``+`` joins to it.
_JS_LITERAL = r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
_JS_STRING = re.compile(rf"{_JS_LITERAL}(?:\s*\+\s*{_JS_LITERAL})*")
_JS_PIECE = re.compile(_JS_LITERAL)
_JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\n|.)", re.S)
_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0", "\n": ""}


def _js_unescape(m: re.Match[str]) -> str:
    e = m.group(1)
    return chr(int(e[1:], 16)) if e[0] in "ux" and len(e) > 1 else _JS_ESCAPES.get(e, e)


def js_string_value(expr: str) -> str:
    """The value of a script's string literal, or of literals joined by ``+`` (JavaScript's escapes
    read: ``\"``, ``\'``, ``\n``, ``\u003C``, ``\x3C`` …)."""
    value = "".join(_JS_ESCAPE.sub(_js_unescape, m.group(0)[1:-1]) for m in _JS_PIECE.finditer(expr))
    if _SURROGATE.search(value):  # (\uD83D\uDE00: one character, written as its UTF-16 halves)
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


_VISIBLE_TEXT = etree.XPath(".//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::textarea)]")


def _visible_signal(el: etree._Element) -> int:
    """Landmarks in what a reader sees (script data and a textarea's markup excluded)."""
    return _landmarks("".join(_VISIBLE_TEXT(el)), el)


def _may_embed(text: str) -> bool:
    """The page's text (script data included) holds markup: escaped, or a table's tag as written (a
    table element shows no tag in the text; a script's string does)."""
    # (a backslash, found in a single-character scan, is looked for first: most pages' text has none)
    return ("\\" in text and (("\\u003" in text and _ESCAPED_TAG.search(text) is not None) or "\\x3C" in text
                               or "\\x3c" in text)) or "<table" in text or "<TABLE" in text


def embedded_body(root: etree._Element) -> etree._Element | None:
    """The most report-like HTML fragment held in a string of a script, or in a ``<textarea>`` (an
    editor's hidden field the page's script writes out).

    Some platforms ship the article inside the page's script data and write it into the page when
    it loads, so the DOM shows nothing: Guangdong's gkmlpt as JSON (``"\u003Cp\u003E…"``), others
    as a JavaScript string (``var content = "<p>…<table align=\\"center\\">…"`` then ``innerHTML``).
    Decode the strings and take the best one.
    """
    best, best_signal = None, 3
    for script in root.iter("script"):
        code = script.text or ""
        if not _TAG_IN_SCRIPT.search(code):
            continue
        for m in _JS_STRING.finditer(code):
            literal = m.group(0)
            if len(literal) < 200 or not _TAG_IN_SCRIPT.search(literal):
                continue
            el = _fragment(js_string_value(literal))
            signal = _signal(el) if el is not None else 0
            if signal > best_signal:
                best, best_signal = el, signal
    for area in root.iter("textarea"):  # an editor's hidden field holding the article as markup
        markup = area.text or ""
        if len(markup) >= 200 and _TAG_IN_SCRIPT.search(markup):
            el = _fragment(markup)
            signal = _signal(el) if el is not None else 0
            if signal > best_signal:
                best, best_signal = el, signal
    return best


def _fragment(markup: str) -> etree._Element | None:
    parsed = _parse(f"<div>{drop_noncharacters(markup)}</div>")
    return parsed.find(".//body/div") if parsed is not None else None


def _container_body(root: etree._Element, found: PageElements, ids_unique: bool = False) -> etree._Element | None:
    best, best_score = None, -1.0
    containers = _containers(root, found, ids_unique)
    texts = _container_texts(containers)
    for el in containers:
        text = texts.get(el)
        if text is None or len(text.strip()) < 40:
            continue
        signal = _landmarks(text, el)
        # the most report-like container wins; among equals the more specific (earlier) selector
        score = signal * 1000 + (len(CONTAINERS) - _rank(el)) + min(len(text), 10**6) / 10**7
        if score > best_score:
            best, best_score = el, score
    return _with_sibling_parts(best, containers, texts) if best is not None and len(containers) > 1 else best


def _with_sibling_parts(best: etree._Element, containers: list[etree._Element],
                        texts: dict[etree._Element, str]) -> etree._Element:
    """The report when an editor split it over sibling containers of one kind (two ``.TRS_Editor``
    blocks, the narrative in one and the tables in the next): the best one and its like siblings
    that hold report text too, with what lies between them, gathered into a ``<div>`` in place.
    Alone, the best one is the body as it is."""
    parent, rank = best.getparent(), _rank(best)
    parts = [el for el in containers if el is best or (
        el.getparent() is parent and parent is not None and _rank(el) == rank
        and (text := texts.get(el)) is not None and _landmarks(text, el) >= 2)]
    if len(parts) < 2:
        return best
    return _gather(parent, parent.index(parts[0]), parent.index(parts[-1]) + 1)


def _container_texts(containers: list[etree._Element]) -> dict[etree._Element, str]:
    """Each container's text. A container whose one child is another container (TRS's
    ``#zoom`` around ``.TRS_Editor``) is its own text, its child's and the child's tail: the
    report is serialised once, not once per wrapper."""
    texts: dict[etree._Element, str] = {}
    read = 0
    for el in reversed(containers):  # (document order puts a container after those holding it)
        if read > TEXT_READ_BUDGET:
            break  # containers nested by the thousand: the outer ones left are not scored
        only = el[0] if len(el) == 1 else None
        if only is not None and only in texts:
            texts[el] = (el.text or "") + texts[only] + (only.tail or "")
        else:
            texts[el] = text_of(el)
        read += len(texts[el])
    return texts


_BODY_TAGS = frozenset(("div", "td", "section", "article", "main", "form"))


def _fallback_body(root: etree._Element) -> etree._Element | None:
    """No known container: the smallest element holding most of the template's landmarks.

    A descendant never holds more landmarks than its ancestor, so the search goes top-down and
    leaves every subtree that has already lost one (linear in the page, not in page × depth).
    """
    body = root.find(".//body")
    body = body if body is not None else root
    body_text = text_of(body)
    total = _landmarks(body_text, body)
    if total < 4:
        return _densest(body)
    best, best_len = body, len(body_text)
    stack = [el for el in reversed(body) if isinstance(el.tag, str)]
    read = 0
    while stack and read <= TEXT_READ_BUDGET:  # (past it, wrappers nested by the thousand: the best so far)
        el = stack.pop()
        text = text_of(el)
        read += len(text)
        if not _holds(text, el, total - 1):
            continue
        if el.tag in _BODY_TAGS:
            n = len(text)
            if n < best_len:
                best, best_len = el, n
        stack.extend(c for c in reversed(el) if isinstance(c.tag, str))
    return best


def _densest(body: etree._Element) -> etree._Element:
    best, best_score = body, 0.0
    read = 0
    for el in body.iter("div", "td", "section", "article", "main"):
        if read > TEXT_READ_BUDGET:
            break  # wrappers nested by the thousand: the best so far
        raw = text_of(el)
        read += len(raw)
        text = len(raw.strip())
        if text < 100:
            continue
        links = 0
        for a in el.iter("a"):
            link = text_of(a)
            links += len(link.strip())
            read += len(link) + 1
        score = text * (1 - links / max(text, 1)) - 0.1 * text * (el is body)
        if score > best_score:
            best, best_score = el, score
    return best


#: A 信息公开 metadata table is a grid of a few fields; a table holding more text lays out a page.
DOC_META_MAX_CHARS = 3000


def _doc_meta_tables(tables: Iterable[etree._Element], text: str) -> list[etree._Element]:
    """The 信息公开 metadata tables among ``tables``, whose page's text is ``text``.

    Each table's text is read (a report table is told at once by its 本年 or 申请): a page's
    few tables hold far less text than its menus and footers, which searching the whole page
    for the labels would read too. Tables inside tables (a table layout) read the same text
    again: once the tables' texts outgrow the page's, the page's text is searched first, and
    holds no such table unless it holds three of their labels; then the tables holding tables
    are not read any more (layouts), so no page costs more than its text read three times.
    """
    out: list[etree._Element] = []
    budget, screened = len(text), False
    for table in tables:
        if budget < 0 and _has_table(table):
            continue
        table_text = text_of(table)
        budget -= len(table_text)
        if budget < 0 and not screened:
            if len(doc_meta_labels(text)) < 3:
                return []
            screened = True
        if _is_doc_meta_text(table_text):
            out.append(table)
    return out


def _is_doc_meta_text(text: str) -> bool:
    if len(text) > DOC_META_MAX_CHARS or "本年" in text or "申请" in text:  # a layout, or a report table
        return False
    return len(doc_meta_labels(text)) >= 3


def _read_doc_meta(table: etree._Element) -> dict[str, str]:
    """``{label: value}`` of a metadata table: cells ``索引号：…``, or a label cell and the value cell
    after it; labels keyed without their letter-spacing (``索 引 号`` → ``索引号``)."""
    cells = [" ".join(text_of(c).split()) for c in table.iter("td", "th")]
    out: dict[str, str] = {}
    for i, cell in enumerate(cells):
        m = LABELLED.match(cell)
        label = LABEL_SPACES.sub("", m.group(1)) if m else ""
        if m and len(label) <= 8 and any(known in label for known in DOC_META_LABELS):
            value = m.group(2).strip() or (cells[i + 1] if i + 1 < len(cells) else "")
            out[label] = value.strip()
        elif (label := LABEL_SPACES.sub("", cell.strip(" :："))) in DOC_META_LABELS and i + 1 < len(cells):
            out[label] = cells[i + 1]
    return out


def _drop(el: etree._Element) -> None:
    """Remove an element, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    parent.remove(el)
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


_CANDIDATE_TAGS = frozenset(("p", "div", "span", "li", "ul", "h4", "h5", "h6", "font", "center", "a", "strong",
                             "b", "section", "small", "em", "i"))


def _candidates(el: etree._Element, out: list[etree._Element], layout: set[etree._Element]) -> None:
    """Elements that may be chrome: everything outside data tables (``layout`` tables are walked),
    in document order. (lxml's own walk, which skips a data table's cells unread; no recursion: a
    page may nest two thousand elements deep.)"""
    walk = etree.iterwalk(el, events=("start",))
    next(walk)  # ``el`` itself
    for _event, child in walk:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # a comment
        if tag == "table" and child not in layout:
            walk.skip_subtree()  # a data table: report content
            continue
        out.append(child)


def layout_tables(el: etree._Element, tables: list[etree._Element] | None = None) -> set[etree._Element]:
    """The tables under ``el`` that hold other tables (found from the inner ones upwards, so a
    large data table's cells are never walked).

    ``tables``: the page's tables, when ``el`` is part of the page and they are known (the page
    walk gathers them): their ancestors are read instead of walking all ``el`` holds.
    """
    if tables is None:
        return {outer for table in el.iter("table") for outer in table.iterancestors("table")}
    out: set[etree._Element] = set()
    for table in tables:
        outer = []
        for a in table.iterancestors():
            if a is el:
                out.update(outer)
                break
            if a.tag == "table":
                outer.append(a)
    return out


_DIGITS = frozenset("0123456789０１２３４５６７８９")


def part_joined_numbers(brs: Iterable[etree._Element], sups: Iterable[etree._Element]) -> None:
    """Keep a cell's numbers from running together when its text is read whole: a ``<br>`` between
    two digits (:func:`space_digit_breaks`), a footnote mark after one (:func:`bracket_footnote_marks`)."""
    space_digit_breaks(brs)
    bracket_footnote_marks(sups)


def space_digit_breaks(brs: Iterable[etree._Element]) -> None:
    """Give each ``<br>`` between two digits a space after it.

    A cell's text is read without its line breaks (a label broken over lines is one label:
    本年新<br>制作数量), so ``0<br>3`` — two rows' numbers in one cell, as an editor merging rows
    leaves them — would read as 3, silently; ``0 3`` is two numbers in one cell, which no row reads
    as one (its row is flagged). Elsewhere a ``<br>`` is a line break, and the space changes nothing.
    """
    for br in brs:
        after = br.tail
        if not after or after.isspace():
            nxt = br.getnext()
            after = _first_text(nxt) if nxt is not None and isinstance(nxt.tag, str) and nxt.tag != "br" else ""
        if after.lstrip()[:1] in _DIGITS and _text_before(br).rstrip()[-1:] in _DIGITS:
            br.tail = " " + (br.tail or "")


def bracket_footnote_marks(sups: Iterable[etree._Element]) -> None:
    """Write a footnote mark set after a number (``12<sup>1</sup>``, ``12<sup>注</sup>``) in brackets,
    ``12（1）``: a number with a note, read as 12 and named in a warning, where the joined text
    ``121`` would be another number, silently. A mark after a word (``m<sup>2</sup>``) stays."""
    for sup in sups:
        if len(sup) > 2:
            continue  # a mark is a few characters, maybe in a link: no block of text
        mark = " ".join(text_of(sup).split())
        if 0 < len(mark) <= 4 and _text_before(sup).rstrip()[-1:] in _DIGITS:
            for child in list(sup):
                sup.remove(child)
            sup.text = f"（{mark}）"


def _text_before(el: etree._Element) -> str:
    """The text just before an element inside its parent (its previous sibling's tail, or the text
    that sibling ends with, or the parent's own text)."""
    prev = el.getprevious()
    if prev is None:
        parent = el.getparent()
        return (parent.text if parent is not None else None) or ""
    if prev.tail and not prev.tail.isspace():
        return prev.tail
    return _last_text(prev) if isinstance(prev.tag, str) and prev.tag != "br" else ""


#: How deep the text an element starts or ends with is sought (a walk down its first or last
#: children, never a read of all it holds: a page may nest thousands of wrappers, each beside a <br>).
_EDGE_DEPTH = 16


def _last_text(el: etree._Element) -> str:
    for _ in range(_EDGE_DEPTH):
        if not len(el):
            return el.text or ""
        last = el[-1]
        if last.tail and not last.tail.isspace():
            return last.tail
        if not isinstance(last.tag, str):
            return ""
        el = last
    return ""


def _first_text(el: etree._Element) -> str:
    for _ in range(_EDGE_DEPTH):
        if el.text and not el.text.isspace() or not len(el) or not isinstance(el[0].tag, str):
            return el.text or ""
        el = el[0]
    return ""


def drop_non_content(el: etree._Element) -> None:
    """Remove what is never report text (:data:`NON_CONTENT`, inputs, comments, processing
    instructions) with all it holds: the body the parser reads holds report text only."""
    etree.strip_elements(el, *NON_CONTENT, "input", etree.Comment, etree.ProcessingInstruction, with_tail=False)


def strip_chrome(body: etree._Element, facts: HtmlFacts,
                 meta_tables: list[etree._Element] | None = None,
                 tables: list[etree._Element] | None = None) -> None:
    """Remove chrome elements from the body, recording what they said.

    ``meta_tables``: the page's 信息公开 metadata tables, already read into ``facts`` (found
    here, and read, when not given). ``tables``: all the page's tables, when the body is part of
    the page (see :func:`layout_tables`).
    """
    drop_non_content(body)
    for form in list(body.iter("form")):
        # a search box goes; a WebForms page wraps the whole report in its one <form>, which stays
        if form.getparent() is not None and _signal(form) < 2:
            _drop(form)
    if meta_tables is None:
        meta_tables = _doc_meta_tables(body.iter("table"), text_of(body))
        for table in meta_tables:
            facts.doc_meta.update(_read_doc_meta(table))
    for table in meta_tables:
        if any(a is body for a in table.iterancestors()):
            _drop(table)
    found: list[etree._Element] = []
    _candidates(body, found, layout_tables(body, tables))
    gone: set[etree._Element] = set()  # inside an element removed already
    same: set[etree._Element] = set()  # lone children whose text was already found not to be chrome
    read = 0
    for el in found:
        if el in same or el in gone or el.getparent() is None:
            continue
        tag = el.tag
        attrs = f"{el.get('class', '')} {el.get('id', '')}"
        chrome_attr = _is_chrome_attr(attrs)
        if not chrome_attr and (tag not in _CANDIDATE_TAGS or len(el) > 12):
            continue
        holds = len(el) > 0  # (a leaf's text is its own: only the texts of elements holding others add up)
        if holds and read > TEXT_READ_BUDGET:
            facts.warnings.append(f"page: chrome removal stopped after reading {TEXT_READ_BUDGET:,} characters of "
                                  "the body's elements (wrappers nested this deep hold its text again at every "
                                  "level); chrome further in may remain")
            break
        raw = text_of(el)
        if holds:
            read += len(raw)
        text = " ".join(raw.split())
        if chrome_attr and len(text) < 200 and not _has_report(el, text):
            pass
        elif tag in _CANDIDATE_TAGS and len(el) <= 12 and text and _chrome_text(text) \
                and not _has_table(el):
            pass
        else:
            if not text or not _chrome_text(text):
                _lone_children(el, same)
            continue
        facts.chrome.removed.append(text)
        _absorb(text, facts)
        gone.update(el.iterdescendants())
        _drop(el)
    _drop_link_lists(body, facts)


#: Links an element holds, at least, to be a list of links (related articles, other years' reports).
_MIN_LIST_LINKS = 2
#: How far above a link its list may be (``<ul><li><a>``: two levels), and how many links are read: a
#: body of thousands of links (unclosed anchors nest every one in the last) is no report's.
_LIST_DEPTH, _MAX_LIST_LINKS = 4, 300
#: What holds a list of links; a paragraph of them is prose (详见《…》、《…》), and stays.
_LIST_TAGS = frozenset(("ul", "ol", "dl", "div", "section", "nav", "aside", "center"))


def _drop_link_lists(body: etree._Element, facts: HtmlFacts) -> None:
    """Remove the lists of links inside the body (相关文章, other years' reports): a list or a block
    (:data:`_LIST_TAGS`) holding two links or more, whose text is nearly all theirs, and no table nor
    section heading. A report's text is not links; their titles would be taken for the report's own."""
    links = list(islice(body.iter("a"), _MAX_LIST_LINKS))
    if len(links) < _MIN_LIST_LINKS:
        return
    held: dict[etree._Element, list[int]] = {}
    for a in links:
        chars = len("".join(text_of(a).split()))
        for outer in islice(a.iterancestors(), _LIST_DEPTH):
            if outer is body:
                break
            count = held.setdefault(outer, [0, 0])
            count[0] += 1
            count[1] += chars
    lists, read = set(), 0
    for el, (count, chars) in held.items():
        if count < _MIN_LIST_LINKS or read > TEXT_READ_BUDGET or el.tag not in _LIST_TAGS:
            continue
        text = " ".join(text_of(el).split())
        read += len(text)
        if chars >= 0.8 * len(text.replace(" ", "")) and not _has_report(el, text):
            lists.add(el)
    for el in lists:
        if el.getparent() is None or any(outer in lists for outer in islice(el.iterancestors(), 2 * _LIST_DEPTH)):
            continue  # inside a list removed whole (one further up is removed with what it holds anyway)
        facts.chrome.removed.append(" ".join(text_of(el).split()))
        _drop(el)


def _lone_children(el: etree._Element, same: set[etree._Element]) -> None:
    """The chain of lone children under ``el`` (``<p><span>…</span></p>``, Word's paragraphs)
    that hold exactly its text and carry no class or id: ``el``'s text was not chrome, so
    theirs is not either, and they need not be read again."""
    while len(el) == 1:
        child = el[0]
        if not isinstance(child.tag, str) or child.get("class") or child.get("id") \
                or (el.text or "").strip() or (child.tail or "").strip():
            return
        same.add(child)
        el = child


def _has_report(el: etree._Element, text: str) -> bool:
    return _has_table(el) or any(w in text for w in _SECTION_WORDS[:3])


@lru_cache(maxsize=4096)
def _is_chrome_attr(attrs: str) -> bool:
    """A class/id naming furniture (share, print, breadcrumb …). Cached: a portal's class names repeat."""
    return bool(attrs.strip()) and _CHROME_ATTR.search(attrs) is not None


@lru_cache(maxsize=4096)
def _chrome_text(text: str) -> bool:
    """A line that is furniture. Cached: a portal's chrome lines and headings repeat page after page."""
    if len(text) > 160:  # longer than any field, control or footer line: only a breadcrumb can be
        return is_breadcrumb(text)
    return is_field_line(text) or is_control_line(text) or is_breadcrumb(text) or \
        (len(text) < 80 and is_footer_line(text)) or doc_meta_pairs(text) is not None


def _absorb(text: str, facts: HtmlFacts) -> None:
    if is_field_line(text) or "来源" in text or "发布" in text:
        absorb_fields(field_values(text), facts.chrome)
    if pairs := doc_meta_pairs(text):  # a metadata block written as label：value pairs, not as a table
        for label, value in pairs.items():
            facts.doc_meta.setdefault(label, value)


def _file_href(href: str) -> bool:
    """A link address naming a file: by its path, by a file name in its query (Hanweb's
    ``downfile.jsp?…&filename=2022nb.pdf``), or through a viewer (an address without a dot names
    no file)."""
    lower = href.lower()
    if "." not in lower:
        return False
    path, _, query = lower.split("#", 1)[0].partition("?")
    if path.endswith(ATTACHMENT_EXT) or "viewer.html?file=" in lower:
        return True
    return "." in query and any(value.endswith(ATTACHMENT_EXT) for _key, value in parse_qsl(query))


_NOT_FILE_HREF = ("javascript:", "#", "mailto:")
#: A link address as written → it names a file (True), names none (False), or leads nowhere to
#: read (None: empty, ``javascript:``, ``#``, ``mailto:``). Kept for addresses of ordinary length:
#: a portal's menus and footers link the same ones page after page, ~100 links a page.
_HREF_KINDS: dict[str, bool | None] = {}
_HREF_KINDS_MAX = 8192
_UNSEEN = object()


def _href_kind(href: str) -> bool | None:
    stripped = href.strip()
    kind = None if not stripped or stripped.startswith(_NOT_FILE_HREF) else _file_href(stripped)
    if len(href) <= 500:
        if len(_HREF_KINDS) >= _HREF_KINDS_MAX:
            _HREF_KINDS.clear()
        _HREF_KINDS[href] = kind
    return kind


#: A file name's extension anywhere in a text (case-blind; not the ``.document`` of scripts): a page
#: whose text holds none has no link whose text is a file name.
_FILE_EXT_IN_TEXT = re.compile(
    r"\.(?:doc(?!ument)|" + "|".join(sorted({re.escape(e[1:]) for e in ATTACHMENT_EXT if not e.startswith(".doc")}))
    + ")", re.I)


def attachments(found: PageElements, base_url: str | None, page_text: str | None = None) -> list[Attachment]:
    """Links to files (:func:`_file_href`, a ``download`` attribute, or link text that is a file
    name) and viewers framed in the page. (Asked of every link, ~100 on a portal's page: the
    element is read only for what its address does not decide, and its text only when the page's
    text, ``page_text`` if given, names a file somewhere.)"""
    texts = page_text is None or _FILE_EXT_IN_TEXT.search(page_text) is not None
    out: list[Attachment] = []
    seen: set[str] = set()
    kinds = _HREF_KINDS
    for a in found.links:
        href = a.get("href")
        if href is None:
            continue
        kind = kinds.get(href, _UNSEEN)
        if kind is _UNSEEN:
            kind = _href_kind(href)
        if kind is None:
            continue
        if not kind and a.get("download") is None:
            if not texts:
                continue
            text = text_of(a) if len(a) else a.text  # most links hold their text directly
            if text is None or "." not in text or not text.strip().lower().endswith(ATTACHMENT_EXT):
                continue
        href = href.strip()
        m = _VIEWER.search(href)
        target = m.group(1) if m else href
        url = urljoin(base_url, target) if base_url else target
        if url not in seen:
            seen.add(url)
            out.append(Attachment(url=url, text=" ".join(text_of(a).split()) or url.rsplit("/", 1)[-1]))
    for el in found.frames:
        src = el.get("src") or el.get("data") or ""
        m = _VIEWER.search(src)
        target = m.group(1) if m else (src if src.lower().split("?")[0].endswith(ATTACHMENT_EXT) else "")
        if target:
            url = urljoin(base_url, target) if base_url else target
            if url not in seen:
                seen.add(url)
                out.append(Attachment(url=url, text=url.rsplit("/", 1)[-1]))
    return out


def page_title(head: dict[str, str], found: PageElements, root: etree._Element | None = None) -> str | None:
    """The page's title: its metadata, an ``<h1>``/``<h2>`` that reads as a report title, its
    ``<title>``; when none of them is a report's title (the ``<title>`` only the portal's name), the
    title the page shows elsewhere (:func:`displayed_title`), else the ``<title>`` as it is."""
    for key in ("articletitle", "og:title", "title", "dc.title"):
        if head.get(key):
            return head[key].strip()
    for h in found.headings:
        text = " ".join(text_of(h).split())
        if is_title_like(text):
            return text
    parts = [p.strip() for p in _SITE_SUFFIX.split(head.get("<title>") or "") if p.strip()]
    for p in parts:
        if is_title_like(p):
            return p
    named = parts[0] if parts else None
    if root is None or (named and _DOCUMENT_NAME.search(named)):
        return named  # a notice, a 决算, another report …: the page's own document, whatever it holds
    return displayed_title(root) or named


#: Words of a document's name (a ``<title>`` holding one names the page's document; a portal's name
#: holds none).
_DOCUMENT_NAME = re.compile("关于|通知|公告|公示|报告|年报|要点|决算|预算|总结|方案|意见|办法|规定|细则|计划|年鉴|目录|批复|函")


#: Texts that may be a report's title as the page shows it (its 报 in them), outside links (a list of
#: other reports, 上一篇 …), scripts and the head.
_TITLE_TEXTS = etree.XPath("//body//text()[contains(., '报')][not(ancestor::a)][not(ancestor::script)]"
                           "[not(ancestor::style)]")
_INLINE = frozenset(("span", "font", "b", "strong", "em", "i", "u", "small", "big", "label"))
#: Texts of a page read for a displayed title, at most, and the characters of their elements.
_MAX_TITLE_TEXTS, _TITLE_READ_BUDGET, _MAX_TITLE_CHARS = 200, 400_000, 120


def displayed_title(root: etree._Element) -> str | None:
    """The report's title as the page shows it outside links (a ``div.title``, an ``<h3>``, a table
    cell above the article …), with the inline elements a title is split into read as one
    (``<span>某区财政局</span><span>2022年…年度报告</span>``): the first that names its year or its
    agency, else the first (a column's name, 政府信息公开年报, reads as a title too). Asked only of pages
    whose metadata, headings and ``<title>`` name no report."""
    first, read = None, 0
    for k, node in enumerate(_TITLE_TEXTS(root)):
        if k >= _MAX_TITLE_TEXTS or read > _TITLE_READ_BUDGET:
            break
        el = node.getparent()
        if el is not None and node.is_tail:
            el = el.getparent()
        while el is not None and el.tag in _INLINE and el.getparent() is not None:
            el = el.getparent()
        if el is None or not isinstance(el.tag, str):
            continue
        raw = text_of(el)
        read += len(raw)
        text = " ".join(raw.split()) if len(raw) <= 4 * _MAX_TITLE_CHARS else ""  # (a block of text holds no title)
        own = " ".join(node.split())  # (the title beside a block of its own: 发布时间 … under it)
        for title in (text, own) if own != text else (text,):
            if is_title_like(title):
                if title_year(title) or agency_from_title(title):
                    return title
                first = first or title
    return first


def url_date(url: str | None) -> str | None:
    if not url:
        return None
    for rx in (_TRS_URL_DATE, _ART_URL_DATE):
        m = rx.search(url)
        if m:
            return parse_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
    return None


def as_text(html: str | bytes) -> str:
    """The page as a string (UTF-8 bytes decoded: only the rare paths that read the markup need it)."""
    return html.decode("utf-8", "replace") if isinstance(html, bytes) else html


def colon_lines(text: str) -> list[str]:
    """The lines of ``text`` that hold a colon (``:`` or ``：``), in order.

    Found from the colons, not line by line: a portal page's text runs to hundreds of lines
    (menus, department lists, footers) of which a dozen hold one.
    """
    starts: set[int] = set()
    for colon in (":", "："):
        i = text.find(colon)
        while i != -1:
            start = text.rfind("\n", 0, i) + 1
            starts.add(start)
            end = text.find("\n", i)
            if end == -1:
                break
            i = text.find(colon, end)
    out = []
    for start in sorted(starts):
        end = text.find("\n", start)
        out.append(text[start:] if end == -1 else text[start:end])
    return out


def read_html(html: str | bytes, url: str | None) -> HtmlFacts:
    """Locate the body, strip its chrome and collect the page metadata.

    ``html``: the page as a string, or as UTF-8 bytes (as fetched), which are parsed without
    being decoded first; when they prove not to be UTF-8, nothing is read and ``not_utf8`` says so.
    """
    root = _parse(html)
    if root is None:
        return HtmlFacts(None, warnings=["page: the HTML could not be parsed"])
    if isinstance(html, bytes) and _invalid_utf8():
        return HtmlFacts(None, not_utf8=True)
    ids_unique, too_deep = _parse_log(html)
    facts = HtmlFacts(None, text=text_of(root))
    if too_deep:
        facts.warnings.append("page: elements are nested deeper than the HTML parser reads (2,048 levels); "
                              "what lies deeper is lost")
    found = page_elements(root)
    facts.head = head_meta(found)
    if isinstance(html, bytes) and (has_noncharacters(facts.text)
                                    or any(has_noncharacters(v) for v in facts.head.values())):
        return HtmlFacts(None, noncharacters=True)
    body = _marker_body(html, root, found)
    facts.how = "markers"
    if body is None:
        body = _container_body(root, found, ids_unique)
        facts.how = "container"
    if body is None:
        body = _fallback_body(root)
        facts.how = "landmarks"
    # script text is in the page's text: far shorter than its markup to scan
    if _may_embed(facts.text) and _visible_signal(body if body is not None else root) < 4:
        embedded = embedded_body(root)  # the report sits in a JSON string of a script (gkmlpt …)
        if embedded is not None:
            body, facts.how = embedded, "embedded"
    # (a page's <base href> is what its relative links resolve against, as in a browser)
    base = document_base(url, found.base.get("href")) if found.base is not None else url
    facts.attachments = attachments(found, base, facts.text)
    facts.parts = article_parts(facts.text, found.links, url)
    if split := facts.parts.warning():
        facts.warnings.append(split)
    facts.title = page_title(facts.head, found, root)
    # visible chrome outside the body (date/source lines above it) is read from the whole page's text,
    # where the texts of elements written without a break between them run together (来源：区民政局 and
    # the title after it): what a chrome element inside the body says, read element by element, comes first
    page_fields = ChromeFacts()
    pair_lines: list[str] = []
    before = (facts.title[:6], agency_from_title(facts.title)) if facts.title else ()
    for raw in colon_lines(facts.text):  # a field line has a colon (and so has any 来源…发布 line worth reading)
        if raw.isascii():
            continue  # script and style lines: every field label is Chinese
        line = " ".join(raw.split())
        head = line[:160]  # (a field line run together with the text after it is read from its start)
        if not is_field_line(head) and (after := field_line_after_title(head)):
            line = head = after  # … and so is one run together with the title before it
        if is_field_line(head) or ("来源" in head and "发布" in head):
            absorb_fields(field_values(line), page_fields, before)
        elif line.count("：") + line.count(":") > 1:
            pair_lines.append(line)  # a metadata block of label：value pairs may be run together in it
    meta_tables = _doc_meta_tables(found.tables, facts.text)
    for table in meta_tables:
        facts.doc_meta.update(_read_doc_meta(table))
    for line in pair_lines if not meta_tables else ():
        for label, value in (doc_meta_pairs(cut_before(doc_meta_from(line)[:400], before)) or {}).items():
            facts.doc_meta.setdefault(label, value)
    if body is not None:
        in_page = body.getroottree().getroot() is root  # else a fragment parsed on its own (embedded …)
        brs, sups = (found.brs, found.sups) if in_page else (body.iter("br"), body.iter("sup"))
        part_joined_numbers(brs, sups)
        strip_chrome(body, facts, meta_tables, found.tables) if in_page else strip_chrome(body, facts)
    _fill_chrome(facts.chrome, page_fields)
    facts.body = body
    return facts


def _fill_chrome(chrome: ChromeFacts, page_fields: ChromeFacts) -> None:
    """The whole page's field lines fill what the body's chrome elements did not say."""
    chrome.published_at = chrome.published_at or page_fields.published_at
    chrome.source = chrome.source or page_fields.source
    chrome.views = chrome.views or page_fields.views
