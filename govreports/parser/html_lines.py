"""HTML → lines of fields: innermost tables row by row, everything else as text lines.

Rowspan/colspan are not expanded: a spanning label appears once, where it starts, which
is exactly what the label-then-values reading needs. Layout tables (tables holding other
tables) are read as text, cell by cell. Cell text joins ``<p>``/``<br>``/``<span>`` pieces
without a separator, since portals break labels (本年新<br>制作数量) and never numbers
inside one cell.

Speed matters (hundreds of pages a second): the work is pushed into lxml's C code —
script/style are stripped in one call, each innermost table is swapped for a marker, block
ends get a newline tail, and the text outside tables comes from one ``tostring(method="text")``.
"""

from __future__ import annotations

from lxml import etree

_BLOCK = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
          "footer", "blockquote", "pre", "dt", "dd", "tr", "td", "th", "caption", "center", "hr",
          "address", "figcaption", "ul", "ol", "table", "form", "nav", "aside", "title")
_SKIP = ("script", "style", "noscript", "head", "iframe", "object", "embed", "select", "button", "svg",
         "template", "textarea")
#: Plain lxml elements (no lxml.html class lookup per node): the walk touches every element.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)
_MARK = "\ue000T"  # private-use: cannot occur in a report


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


def html_lines(html: str | bytes | etree._Element) -> list[list[str]]:
    """Parse an HTML page or fragment (or take a parsed tree) into lines of fields."""
    root = html if isinstance(html, etree._Element) else parse_html(html)
    if root is None:
        return []
    etree.strip_elements(root, *_SKIP, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    tables: list[list[list[str]]] = []
    for table in [t for t in root.iter("table") if t.find(".//table") is None]:
        rows = []
        for tr in table.iter("tr"):
            cells = [" ".join(_cell_text(c).split()) for c in tr if c.tag in ("td", "th")]
            if cells:
                rows.append(cells)
        marker = etree.Element("p")
        marker.text = f"{_MARK}{len(tables)}\ue000"
        tables.append(rows)
        parent = table.getparent()
        if parent is None:
            root = marker
            break
        marker.tail = table.tail
        parent.replace(table, marker)
    for el in root.iter(*_BLOCK):
        el.tail = "\n" + el.tail if el.tail else "\n"
        el.text = "\n" + el.text if el.text else "\n"
    text = etree.tostring(root, method="text", encoding="unicode")
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


def _cell_text(cell: etree._Element) -> str:
    """All the text inside a cell (as XPath ``string()``; serialising in C is twice as fast)."""
    return etree.tostring(cell, method="text", encoding="unicode", with_tail=False)
