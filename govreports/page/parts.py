"""An article split over several pages: the addresses of its other parts.

TRS WCM publishes a long article whose editor inserted page breaks as ``t20220120_123.html``,
``t20220120_123_1.html`` … and writes its pager with the script call it uses for column lists,
``createPageHTML(3, 0, "t20220120_123", "html")``; other platforms draw a pager of links (``1 2 3
下一页``) to the numbered parts. A report read from one part misses the tables and text of the
others, so the record says so and names them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from govreports.page.model import text_of

#: TRS's pager call: ``createPageHTML(total, current (from 0), "name", "ext")``; newer templates put
#: the pager element's id first (``createPageHTML('page_div', 3, 0, 'index', 'html', 20)``), and a
#: template may pass variables its script set (``createPageHTML(countPage, currentPage, …)``).
CREATE_PAGE = re.compile(r"createPageHTML\(\s*(?:(['\"])[\w\-]*\1\s*,\s*)?['\"]?(\w+)['\"]?\s*,\s*['\"]?(\w+)['\"]?"
                         r"\s*,\s*['\"]([\w\-]+)['\"]\s*,\s*['\"](\w+)['\"]")


@dataclass(frozen=True)
class PagerCall:
    """One ``createPageHTML`` call: ``total`` pages, this one ``current`` (from 0), named ``name.ext``,
    ``name_1.ext`` …"""

    total: int
    current: int
    name: str
    ext: str


def pager_calls(text: str) -> list[PagerCall]:
    """TRS's pager calls in a page's text (its scripts'), their variables resolved from the script
    (``var countPage = 3``); a call whose numbers cannot be known is left out."""
    if "createPageHTML" not in text:
        return []
    out = []
    for m in CREATE_PAGE.finditer(text):
        total, current = _number_arg(m.group(2), text, m.start()), _number_arg(m.group(3), text, m.start())
        if total is not None and current is not None:
            out.append(PagerCall(total, current, m.group(4), m.group(5)))
    return out


def _number_arg(arg: str, text: str, before: int) -> int | None:
    """A call's argument: a number, or a variable the script set to one before the call (the last such)."""
    if arg.isdigit():
        return int(arg)
    if not arg.isidentifier() or len(arg) > 40:
        return None
    found = re.findall(rf"\b{arg}\s*=\s*['\"]?(\d{{1,6}})\b", text[max(0, before - 5000):before])
    return int(found[-1]) if found else None


_FILE = re.compile(r"^([\w\-]+)\.(s?html?|jsp|php|aspx?)$", re.I)
_NUMBERED = re.compile(r"^(.+)_(\d{1,3})$")
#: Names of a column's list pages (their pagers are lists', never an article's).
_LIST_NAMES = frozenset(("index", "default", "list", "more"))
#: What a pager's link says: a part's number (``2``, ``[2]``, ``第2页``) or where it leads.
_PAGER_TEXT = re.compile(r"^[\s\[【(（]*(?:第?\s*\d{1,3}\s*[页頁]?|上一[页頁]|下一[页頁]|首[页頁]|尾[页頁]|末[页頁]|前一[页頁]|"
                         r"后一[页頁]|後一頁)[\s\]】)）>»<«]*$")
#: Parts named, at most (an article of hundreds of pages is a book, not a report).
MAX_PARTS = 50
#: How the warning of a page read without its article's other parts begins.
SPLIT_WARNING = "page: the report is split over "


@dataclass
class Parts:
    """This page's place in an article split over pages (``total`` 1: not split)."""

    others: list[str] = field(default_factory=list)
    number: int = 1
    total: int = 1
    #: ``total`` is the article's count of parts (its script says so); else the parts a pager links, at least.
    exact: bool = True

    def warning(self) -> str | None:
        """What the record says of a page that is one part of several (``None``: not split)."""
        if self.total < 2:
            return None
        shown = ", ".join(u.rsplit("/", 1)[-1] for u in self.others[:3]) + (" …" if len(self.others) > 3 else "")
        return (f"{SPLIT_WARNING}{'' if self.exact else 'at least '}{self.total} pages and this is "
                f"page {self.number}; the others ({shown}) are not read: tables and text on them are missing from "
                "this record (page.parts names them)")


def _file_of(url: str | None) -> tuple[str, str] | None:
    """The page's file name without its extension, and the extension."""
    if not url:
        return None
    m = _FILE.match(urlsplit(url).path.rsplit("/", 1)[-1])
    return (m.group(1), m.group(2)) if m else None


def file_stem(url: str | None) -> str | None:
    """The page's file name without its extension (``t20230120_123_1``), if it names a page."""
    own = _file_of(url)
    return own[0] if own else None


def number_in(stem: str, name: str) -> int | None:
    """Which part of article ``name`` a file ``stem`` is (0 for ``name`` itself), or ``None``."""
    if stem == name:
        return 0
    m = _NUMBERED.match(stem)
    return int(m.group(2)) if m and m.group(1) == name else None


def first_part(url: str) -> str | None:
    """The first part's address, from a later part's (``…/t20230120_9_2.html`` → ``…/t20230120_9.html``)."""
    own = _file_of(url)
    m = _NUMBERED.match(own[0]) if own else None
    return numbered_page(url, m.group(1), 0, own[1]) if m and own else None


def numbered_page(base: str | None, name: str, k: int, ext: str) -> str:
    """Page ``k`` (from 0) of TRS's numbering, an article's parts as a column's list pages:
    ``name.ext``, ``name_1.ext`` … (resolved against ``base`` when given)."""
    file = f"{name}.{ext}" if k == 0 else f"{name}_{k}.{ext}"
    return urljoin(base, file) if base else file


def article_parts(text: str, links: Iterable[etree._Element], url: str | None) -> Parts:
    """Where this page stands in an article split over pages. ``text``: the page's text, its
    scripts' included; ``links``: its ``<a>`` elements; ``url``: its address, if known."""
    own = _file_of(url)
    for call in pager_calls(text):
        total, current, name, ext = call.total, call.current, call.name, call.ext
        if total < 2 or name.lower() in _LIST_NAMES:
            continue  # a list's pager
        if own is not None:
            number = number_in(own[0], name)
            if number is None:
                continue  # another article's
            current = number
        total = min(total, MAX_PARTS)
        current = min(current, total - 1)
        return Parts([numbered_page(url, name, k, ext) for k in range(total) if k != current], current + 1, total)
    if own is None or own[0].lower() in _LIST_NAMES:
        return Parts()
    # a pager of links says 下一页 on every part but the last, which is numbered and says 上一页 (each
    # search of a page's text costs ~5 µs: the second only for a numbered page)
    if "下一页" not in text and not (_NUMBERED.match(own[0]) and "上一页" in text):
        return Parts()
    return _linked_parts(links, url, *own)  # type: ignore[arg-type]  (own is None without a url)


def _linked_parts(links: Iterable[etree._Element], url: str, stem: str, ext: str) -> Parts:
    """The parts a pager of links names, in the page's folder: this article is named by the page's
    file (part 1) or by it without its ``_k`` (part k + 1)."""
    folder = url.rsplit("/", 1)[0] + "/"
    numbered = _NUMBERED.match(stem)
    names = [stem] + ([numbered.group(1)] if numbered else [])
    found: dict[str, set[int]] = {n: set() for n in names}
    for a in links:
        href = a.get("href")
        if not href or not any(n in href for n in names):
            continue
        if not _PAGER_TEXT.match(text_of(a)):
            continue
        target = urljoin(url, href.strip()).split("#", 1)[0].split("?", 1)[0]
        if not target.startswith(folder):
            continue
        file = _FILE.match(target[len(folder):])
        if not file or file.group(2).lower() != ext.lower():
            continue
        for n in names:
            if (k := number_in(file.group(1), n)) is not None:
                found[n].add(k)
    name = max(names, key=lambda n: len(found[n]))
    current = number_in(stem, name) or 0
    numbers = found[name] - {current}
    if not numbers:
        return Parts()
    # the first part, and every numbered part from the lowest number seen to the highest (a pager shows
    # its neighbours at least): TRS numbers the second part _1, DedeCMS _2 (no _1 to ask for)
    seen = numbers | {current}
    low = min((k for k in seen if k > 0), default=1)
    every = sorted({0, *range(low, max(seen) + 1)})[:MAX_PARTS]
    if current not in every:
        return Parts()
    return Parts([numbered_page(url, name, k, ext) for k in every if k != current], every.index(current) + 1,
                 len(every), exact=False)
