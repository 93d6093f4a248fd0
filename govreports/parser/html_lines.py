"""HTML → lines of fields: innermost tables row by row, everything else as text lines.

Rowspan/colspan are not expanded: a spanning label appears once, where it starts, which
is exactly what the label-then-values reading needs. Layout tables (tables holding other
tables) are read as text, cell by cell. Cell text joins ``<p>``/``<br>``/``<span>`` pieces
without a separator, since portals break labels (本年新<br>制作数量) and never numbers
inside one cell.

Speed matters (hundreds of pages a second), so the tree is not walked element by element
from Python: one XSLT transform (libxslt, in C) writes the whole body as text in a single
pass, with a mark where each innermost table starts and ends, each row starts and each cell
ends; Python then only splits that string. The marks are Unicode noncharacters, which the
page step removes from every page (and :func:`parse_html` from any other string).
"""

from __future__ import annotations

from lxml import etree

from govreports.page.html_page import NON_CONTENT, drop_non_content, part_joined_numbers
from govreports.page.model import NONCHARACTERS, drop_invisible, drop_noncharacters, without_xml_declaration
from govreports.parser.tokens import PLACEHOLDER_END, captured_lines, label_and_numbers, without_serial_column

_BLOCK = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
          "footer", "blockquote", "dt", "dd", "tr", "td", "th", "caption", "center", "hr",
          "address", "figcaption", "ul", "ol", "table", "form", "nav", "aside", "title")
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)

TABLE, ROW, CELL, END, PRE, PRE_END = NONCHARACTERS[:6]  # never in a page's text (the page step drops them)


def _char(c: str) -> str:
    return f"<xsl:text>&#x{ord(c):X};</xsl:text>"


# An innermost table (one holding no other table): its caption, then each row's cells as their
# string value (no separator inside a cell). Block elements elsewhere, layout tables among them,
# become line breaks; everything else yields its text; comments, processing instructions and
# non-content elements (scripts, styles …: the page step has dropped them already) yield nothing.
# A table of one cell (a box around text: a page whose only table holds its whole narrative) is
# layout too: one row (in the table or a section of it) holding one cell, told from the rows and
# their cells alone (a test of every descendant cost ~25 µs a page). No match pattern carries a
# predicate: libxslt evaluates one against all of the node's like siblings, which made 10,000
# sibling tables quadratic.
_BREAK = "<xsl:text>&#10;</xsl:text>"
_STYLESHEET = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="table"><xsl:choose><xsl:when test=".//table or ((tr|*/tr) and not((tr|*/tr)[2]) and not((tr|*/tr)/*[2]))">{_BREAK}<xsl:apply-templates/>{_BREAK}</xsl:when>
<xsl:otherwise>{_char(TABLE)}<xsl:for-each select="caption"><xsl:value-of select="."/><xsl:text> </xsl:text>
</xsl:for-each><xsl:for-each select=".//tr">{_char(ROW)}<xsl:for-each select="td|th"><xsl:value-of
 select="."/>{_char(CELL)}</xsl:for-each></xsl:for-each>{_char(END)}</xsl:otherwise></xsl:choose></xsl:template>
<xsl:template match="{'|'.join(b for b in _BLOCK if b != "table")}">{_BREAK}<xsl:apply-templates/>{_BREAK}</xsl:template>
<xsl:template match="pre">{_char(PRE)}<xsl:value-of select="."/>{_char(PRE_END)}</xsl:template>
<xsl:template match="comment()|processing-instruction()|{'|'.join(NON_CONTENT)}"/>
</xsl:stylesheet>"""
_TO_TEXT = etree.XSLT(etree.XML(_STYLESHEET))


def parse_html(html: str | bytes):
    """Parse a page or fragment; ``None`` when lxml cannot make anything of it."""
    if not html or not (html.strip() if isinstance(html, str) else html.strip()):
        return None
    if isinstance(html, str):
        # (the reader's marks, from a string the page step did not clean; lxml refuses a declared encoding)
        html = without_xml_declaration(drop_noncharacters(html))
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
    """An HTML page or fragment, or a parsed body (the page step's ``Page.body``) → lines of fields.

    A string is parsed and its non-content elements dropped first; a tree is read as it is
    (the page step has dropped them) and never modified.
    """
    if isinstance(html, etree._Element):
        root = html
    else:
        root = parse_html(html)
        if root is None:
            return []
        drop_non_content(root)
        part_joined_numbers(root.iter("br"), root.iter("sup"))
    try:
        text = str(_TO_TEXT(root))
    except etree.XSLTApplyError:  # deeper than libxslt's template limit: read the text alone
        text = etree.tostring(root, method="text", encoding="unicode", with_tail=False)
    if "\u200b" in text or "\ufeff" in text or "\u00ad" in text:  # (the glyphless characters editors leave)
        text = drop_invisible(text)
    lines: list[list[str]] = []
    chunks = text.split(TABLE)
    _text_lines(chunks[0], lines)
    for chunk in chunks[1:]:
        table, _end, rest = chunk.partition(END)
        # whitespace folded once for the whole table, then trimmed at every mark: no cell-by-cell work
        table = " ".join(table.split())
        for mark in (ROW, CELL):
            table = table.replace(" " + mark, mark).replace(mark + " ", mark)
        rows = table.split(ROW)
        if rows[0]:
            lines.append([rows[0]])  # a <caption>, often the section heading
        # a row is its cells, each ended by a mark (so the last piece is empty); a row without
        # cells is empty
        cells = [row.split(CELL)[:-1] for row in rows[1:] if row]
        lines.extend(without_serial_column(cells) if "号" in table else cells)  # (序号, 编号: see SERIAL_HEADERS)
        _text_lines(rest, lines)
    return lines


def _text_lines(text: str, lines: list[list[str]]) -> None:
    """Text outside tables, a line per block; one ending in a number may be a table row pasted as a
    paragraph (``<p>规章 0 0 0</p>``) and is split as captured text is. A ``<pre>`` block is
    captured text, read by its rules (tabs, ``|``, Markdown, PDF columns, NBSP blank cells)."""
    if PRE not in text:
        _block_lines(text, lines)
        return
    parts = text.split(PRE)
    _block_lines(parts[0], lines)
    for part in parts[1:]:
        pre, _end, after = part.partition(PRE_END)
        lines.extend(captured_lines(pre))
        _block_lines(after, lines)


def _block_lines(text: str, lines: list[list[str]]) -> None:
    for raw in text.split("\n"):
        if not raw or raw.isspace():
            continue
        line = " ".join(raw.split())
        # (split before folding the spaces: a run of them is a column gap between label parts)
        if (line[-1].isdigit() or line[-1] in PLACEHOLDER_END) \
                and (fields := label_and_numbers(raw.strip().replace("\t", "  "))):
            lines.append([" ".join(f.split()) for f in fields])
        else:
            lines.append([line])
