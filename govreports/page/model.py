"""What the page step hands to the parser: the report's content and what the chrome said."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from lxml import etree

#: Unicode noncharacters, never text: the page step removes them from every page, so readers of a
#: page may use them as marks of their own.
NONCHARACTERS = "\ufdd0\ufdd1\ufdd2\ufdd3\ufdd4\ufdd5\ufdd6"
_NO_NONCHARACTERS = str.maketrans("", "", NONCHARACTERS)


def has_noncharacters(text: str) -> bool:
    return any(c in text for c in NONCHARACTERS)


def drop_noncharacters(text: str) -> str:
    """``text`` without :data:`NONCHARACTERS` (the same object when it held none)."""
    return text.translate(_NO_NONCHARACTERS) if has_noncharacters(text) else text


_XML_DECLARATION = re.compile(r"^[\s\ufeff]*<\?xml[^>]*>")


def without_xml_declaration(html: str) -> str:
    """A page as a string, without the ``<?xml version="1.0" encoding="gb2312"?>`` an XHTML page may open
    with: lxml refuses a string that declares an encoding (the string is decoded already), and the
    page would be lost. Bytes keep theirs (it names their encoding)."""
    head = html[:200]
    return _XML_DECLARATION.sub("", html, count=1) if "<?xml" in head or "<?XML" in head else html


#: Characters with no glyph that editors leave in text: soft hyphen, zero-width space and joiners,
#: direction marks, word joiner, BOM (UEditor writes U+200B into cells, Word a soft hyphen), and the
#: control characters (Word ends each table cell with U+0007 in text taken from its files). A
#: number cell holding one is still that number.
INVISIBLE = re.compile("[\x01-\x08\x0e-\x1f\x7f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def drop_invisible(text: str) -> str:
    """``text`` without :data:`INVISIBLE` characters."""
    return INVISIBLE.sub("", text) if INVISIBLE.search(text) else text


@dataclass
class Attachment:
    url: str
    text: str


@dataclass
class PageMetadata:
    title: str | None = None
    published_at: str | None = None  # ISO 8601, minutes precision: 2021-02-10T10:31:00
    source: str | None = None
    agency: str | None = None
    year: int | None = None
    site_name: str | None = None
    column_name: str | None = None
    url: str | None = None
    region: str | None = None
    original_script: str = "simplified"
    attachments: list[Attachment] = field(default_factory=list)
    #: The 信息公开 metadata table (索引号, 发文机关, 成文日期 …), label → value.
    doc_meta: dict[str, str] = field(default_factory=dict)
    #: The other pages of an article split over several (their addresses).
    parts: list[str] = field(default_factory=list)
    #: Those of ``parts`` whose bodies are joined after this page's (the crawl fetched them).
    parts_read: list[str] = field(default_factory=list)
    #: This page's number among the article's parts (1: the first, or an article not split).
    part_number: int = 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Page:
    """The report body, chrome removed and in Simplified script.

    ``content`` is an HTML fragment (tables kept as HTML) when ``content_type`` is
    ``text/html``, clean text otherwise. The page step hands over the body as a tree
    (``body``), which the parser reads directly; ``content`` is then its serialisation, made
    only when someone asks for it. Neither is changed once the page is made.
    """

    __slots__ = ("_content", "body", "content_type", "metadata", "warnings")

    def __init__(self, content: str = "", content_type: str = "text/plain",
                 metadata: PageMetadata | None = None, warnings: list[str] | None = None, *,
                 body: etree._Element | None = None) -> None:
        self._content = None if body is not None else content
        #: The chrome-free body as parsed by the page step (``None`` for text and hand-made pages).
        self.body = body
        self.content_type = content_type
        self.metadata = metadata if metadata is not None else PageMetadata()
        #: Problems met while reading the page (decoding, missing body …).
        self.warnings = warnings if warnings is not None else []

    @property
    def content(self) -> str:
        if self._content is None:
            self._content = serialize(self.body) if self.body is not None else ""
        return self._content

    @property
    def text(self) -> str:
        """The page's text: the body's text nodes, or the content as it is (text pages, hand-made pages)."""
        return text_of(self.body) if self.body is not None else self.content

    def __repr__(self) -> str:
        return (f"Page(content_type={self.content_type!r}, {len(self.content):,} chars, "
                f"title={self.metadata.title!r}, warnings={len(self.warnings)})")


def text_of(el: etree._Element) -> str:
    """All the text an element holds (its tail excluded).

    A leaf's text is read as it is; otherwise libxml2's text serialiser, which costs a third of
    an XPath ``string()`` on the small elements this is mostly asked about (no XPath context).
    """
    if not len(el):
        return el.text or ""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def serialize(el: etree._Element) -> str:
    """lxml's HTML serialisation of an element: what ``Page.content`` holds for a parsed body."""
    return etree.tostring(el, encoding="unicode", method="html", with_tail=False)
