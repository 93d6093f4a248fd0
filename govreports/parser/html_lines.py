"""HTML → lines of fields: innermost tables row by row, everything else as text lines.

Rowspan/colspan are not expanded: a spanning label appears once, where it starts, which
is exactly what the label-then-values reading needs. Layout tables (tables holding other
tables) are read as text, cell by cell. Cell text joins ``<p>``/``<br>``/``<span>`` pieces
without a separator, since portals break labels (本年新<br>制作数量) and never numbers
inside one cell.

Speed matters (hundreds of pages a second), so the reading works on *lxml's serialisation*
of the body rather than walking the tree element by element from Python: that output is
regular (lower-case tags, every element closed, ``<``/``>`` escaped in text and attribute
values), so a handful of C-level regular-expression passes over the string replace
thousands of per-element calls. Anything else (a fragment, a raw page) is parsed and
serialised by lxml first, so the passes only ever see that regular form.
"""

from __future__ import annotations

import html as htmllib
import re

from lxml import etree

from govreports.page.html_page import drop_non_content, serialize

_BLOCK = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
          "footer", "blockquote", "pre", "dt", "dd", "tr", "td", "th", "caption", "center", "hr",
          "address", "figcaption", "ul", "ol", "table", "form", "nav", "aside", "title")
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)
_MARK = "\ue000T"  # private-use: cannot occur in a report

_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>")
_ROW_START = re.compile(r"<tr\b[^>]*>")
_CELL_END = re.compile(r"</t[dh]>")
_BLOCK_TAG = re.compile(rf"</?(?:{'|'.join(_BLOCK)})\b[^>]*>")
_ANY_TAG = re.compile(r"<[^>]*>")


def parse_html(html: str | bytes):
    """Parse a page or fragment; ``None`` when lxml cannot make anything of it."""
    if not html or not (html.strip() if isinstance(html, str) else html.strip()):
        return None
    try:
        root = etree.fromstring(html, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        try:
            data = html.encode("utf-8", "replace") if isinstance(html, str) else html
            root = etree.fromstring(data, _PARSER)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            return None
    return root


def html_lines(html: str | bytes | etree._Element, *, serialized: bool = False) -> list[list[str]]:
    """An HTML page or fragment (or a parsed tree) → lines of fields.

    ``serialized``: ``html`` is already the page step's ``Page.content`` (``drop_non_content``
    then ``serialize``), so it is not parsed again.
    """
    if not serialized:
        root = html if isinstance(html, etree._Element) else parse_html(html)
        if root is None:
            return []
        drop_non_content(root)
        html = serialize(root)
    elif isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    assert isinstance(html, str)
    html, tables = _take_tables(html)
    text = htmllib.unescape(_ANY_TAG.sub("", _BLOCK_TAG.sub("\n", html)))
    lines: list[list[str]] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if line.startswith(_MARK):
            try:
                lines.extend(tables[int(line[2:].split("\ue000", 1)[0])])
            except (ValueError, IndexError):
                pass
            continue
        lines.append([line])
    return lines


def _take_tables(html: str) -> tuple[str, list[list[list[str]]]]:
    """Replace every innermost table (one holding no other table) by a marker line; read its rows."""
    if "<table" not in html:
        return html, []
    pieces: list[str] = []
    tables: list[list[list[str]]] = []
    stack: list[list] = []  # [start, content start, holds another table]
    last = 0
    for m in _TABLE_TAG.finditer(html):
        if not m.group(1):
            if stack:
                stack[-1][2] = True
            stack.append([m.start(), m.end(), False])
        elif stack:
            start, content_start, nested = stack.pop()
            if nested:
                continue
            pieces.append(html[last:start])
            pieces.append(f"<p>{_MARK}{len(tables)}\ue000</p>")
            tables.append(_rows(html[content_start:m.start()]))
            last = m.end()
    pieces.append(html[last:])
    return "".join(pieces), tables


def _rows(table: str) -> list[list[str]]:
    """An innermost table's HTML → its rows of cell texts (``<tr>`` → row, ``</td>`` ends a cell);
    text before the first row (a ``<caption>``) is a line of its own."""
    marked = _ANY_TAG.sub("", _CELL_END.sub("\x1f", _ROW_START.sub("\x1e", table)))
    if "&" in marked:
        marked = htmllib.unescape(marked)
    pieces = marked.split("\x1e")
    caption = " ".join(pieces[0].replace("\x1f", " ").split())  # a <caption> is often the section heading
    rows = [[caption]] if caption else []
    for row in pieces[1:]:
        cells = row.split("\x1f")
        if len(cells) > 1:
            rows.append([" ".join(c.split()) for c in cells[:-1]])
    return rows
