"""HTML → lines of fields: innermost tables row by row, everything else as text lines.

Rowspan/colspan are not expanded: a spanning label appears once, where it starts, which
is exactly what the label-then-values reading needs. Layout tables (tables holding other
tables) are walked through, not read as data. Cell text joins ``<p>``/``<br>``/``<span>``
pieces without a separator, since portals break labels (本年新<br>制作数量) and never
numbers inside one cell.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 section article header footer blockquote pre dl dt dd "
    "tr table tbody thead tfoot caption form center hr address figure figcaption nav aside".split()
)
_SKIP = frozenset({"script", "style", "noscript", "head", "title", "iframe", "object", "embed", "select",
                   "button", "svg", "template", "textarea"})
_WS = re.compile(r"[ \t\r\n\f\v\u200b\ufeff]+")


def html_lines(html: str) -> list[list[str]]:
    """Parse an HTML page or fragment into lines of fields (a table row = one line)."""
    if not html or not html.strip():
        return []
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        try:
            root = lxml.html.fromstring(html.encode("utf-8", "replace"))
        except (etree.ParserError, ValueError):
            return []
    lines: list[list[str]] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            text = _WS.sub(" ", "".join(buf)).strip(" ")
            buf.clear()
            if text:
                lines.append([text])

    def cell_text(cell) -> str:
        parts: list[str] = []
        for node in cell.iter():
            if not isinstance(node.tag, str):
                if node.tail and node is not cell:
                    parts.append(node.tail)
                continue
            if node.tag in _SKIP:
                if node.tail and node is not cell:
                    parts.append(node.tail)
                continue
            if node.text:
                parts.append(node.text)
            if node.tail and node is not cell:
                parts.append(node.tail)
        # text inside skipped elements' descendants was not reached by the tail logic above
        return _WS.sub(" ", "".join(parts)).strip(" ")

    def walk(el) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # comment / processing instruction
            return
        if tag in _SKIP:
            return
        if tag == "table" and not _has_nested_table(el):
            flush()
            for tr in el.iter("tr"):
                cells = [cell_text(c) for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
                if cells:
                    lines.append(cells)
            return
        block = tag in _BLOCK
        if block:
            flush()
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if block:
            flush()

    walk(root)
    flush()
    return lines


def _has_nested_table(table) -> bool:
    for _ in table.iterdescendants("table"):
        return True
    return False
