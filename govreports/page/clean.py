"""``clean_page``: raw content (bytes or text, HTML or captured text) → :class:`Page`."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable, Mapping
from typing import Any

from govreports.page.chrome import DOC_META_DATES, DOC_META_SOURCES, DOC_META_TITLES, parse_date, source_name
from govreports.page.classify import challenge_warning
from govreports.page.decode import declares_utf8, decode_body, file_kind
from govreports.page.html_page import HtmlFacts, as_text, read_html, url_date
from govreports.page.join import PartPage, join_parts, part_key
from govreports.page.model import (
    Attachment,
    Page,
    PageMetadata,
    drop_invisible,
    drop_noncharacters,
    without_xml_declaration,
)
from govreports.page.parts import MAX_PARTS, first_part
from govreports.page.script import is_traditional, to_simplified
from govreports.page.text_page import clean_text
from govreports.page.titles import agency_from_title, is_title_like, year_of_title


def content_type_of(item: Mapping) -> str:
    """text/plain only when the server says so; everything else is read as HTML."""
    ctype = (item.get("headers") or {}).get("content-type", "text/html").lower()
    return "text/plain" if ctype.startswith("text/plain") else "text/html"


def clean_item(item: Mapping[str, Any], find_part: Callable[[str], Mapping[str, Any] | None] | None = None) -> Page:
    """A fetched or archived page (``body``, ``headers``, ``url``) → :class:`Page`; the first part of an
    article split over pages is joined with the others (:func:`govreports.page.join.join_parts`).

    The other parts are those ``item["parts"]`` holds (the crawl fetched them: each a page like the
    item, or ``{"url", "error"}``), else what ``find_part(url)`` gives (the archive, for reparse);
    with neither, they are not sought and the page's own warning names them. The parts each part's
    pager names are sought too, so a pager that shows only its neighbours leaves none out. Pure;
    never raises.
    """
    page = clean_page(item["body"], content_type=content_type_of(item), url=item["url"], headers=item.get("headers"))
    if not page.metadata.parts or page.metadata.part_number != 1 or ("parts" not in item and find_part is None):
        return page  # (not split, or its parts not sought: the page's warning names them)
    # (a page read without its address, as a saved file is, is known by the name its parts give it)
    own = page.metadata.url or first_part(page.metadata.parts[0]) or ""
    fetched = {part_key(p[k]): p for p in item.get("parts") or () for k in ("request_url", "url") if p.get(k)}
    queue, seen, parts = list(page.metadata.parts), {part_key(own)}, []
    queue += [p["url"] for p in item.get("parts") or ()]
    while queue and len(parts) < MAX_PARTS - 1:
        url = queue.pop(0)
        if (key := part_key(url)) in seen:
            continue
        seen.add(key)
        raw = fetched.get(key) or (find_part(url) if find_part else None)
        if raw is None:
            parts.append(PartPage(url, error="not fetched" if find_part is None else "not in the archive"))
        elif raw.get("error"):
            parts.append(PartPage(url, error=raw["error"]))
        else:
            part = clean_page(raw.get("body") or b"", content_type=content_type_of(raw), url=raw.get("url") or url,
                              headers=raw.get("headers"))
            parts.append(PartPage(url, page=part))
            queue += part.metadata.parts
    return join_parts(page, parts, own)


def clean_page(content: str | bytes, *, content_type: str = "text/html", url: str | None = None,
               headers: Mapping[str, str] | None = None) -> Page:
    """Strip the chrome, keep all of the report, record what the chrome said. Pure; never raises."""
    warnings: list[str] = []
    html = "html" in (content_type or "").lower()
    if isinstance(content, bytes):
        kind = file_kind(content, headers)
        if kind:  # a report published as a file: recorded as such, never read as garbage text
            meta = PageMetadata(url=url, published_at=url_date(url),
                                attachments=[Attachment(url, url.rsplit("/", 1)[-1])] if url else [])
            return Page("", "text/plain", meta, [
                f"page: the content is {kind} ({len(content):,} bytes), not a web page; govreports does not "
                "extract text from files — the report's tables are in this file"])
        # a UTF-8 page goes to the parser as it came (no NUL to drop: a byte no UTF-8 page needs):
        # decoding it first costs as much again as its markup. A noncharacter is looked for in the
        # parsed page's text (a search of the bytes for its two lead bytes costs ~1 µs a KB).
        if html and b"\x00" not in content and declares_utf8(content, headers):
            facts = read_html(content, url)
            if not facts.not_utf8 and not facts.noncharacters:
                return _clean_html(content, url, [], facts)
        text, encoding, warnings = decode_body(content, headers)
        # in these charsets a NUL comes only from a zero byte, and bytes are far quicker to scan
        nul = (b"\x00" in content if encoding in _NUL_IS_ZERO_BYTE else True) and "\x00" in text
    else:
        text, nul = content, "\x00" in content
    text = _drop_junk(text, nul)
    if not html and is_html_document(text):
        html = True
        warnings = [*warnings, "page: given as text, but it is an HTML document (it opens with <!DOCTYPE html> or "
                    "<html>); read as HTML"]
    if html:
        return _clean_html(text, url, warnings)
    return _clean_text_page(text, url, warnings)


_NUL_IS_ZERO_BYTE = frozenset({"utf-8", "utf-8-sig", "gb18030", "big5hkscs"})


_CELL_MARK = re.compile("\x07[\x07\t]*")


def _drop_junk(text: str, nul: bool) -> str:
    """NUL (``nul``: the text holds one) and :data:`NONCHARACTERS` are never text (a decoding
    accident at most); Word's cell mark (U+0007, in text taken from its files) ends a cell: a tab."""
    if "\x07" in text:  # (a cell's mark and a tab, or a row's second mark, are one cell's end)
        text = _CELL_MARK.sub("\t", text)
    return drop_noncharacters(text.replace("\x00", "") if nul else text)


def is_html_document(text: str) -> bool:
    """Text that is an HTML document: it opens with ``<!DOCTYPE html>`` or ``<html>`` (a page saved
    under a name that does not say so, ``detail.jsp``, or served as text/plain), after the XML
    declaration an XHTML page may have."""
    return without_xml_declaration(text).lstrip("\ufeff \t\r\n")[:14].lower().startswith(("<!doctype html", "<html"))


#: An HTML character reference, written out in text taken from a page's source (``&nbsp;``,
#: ``&#160;``, ``&#x3000;``): only the complete ones, so ``…&copy=2`` in an address stays as it is.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,7});")


def _unescape_entities(text: str) -> str:
    """(A reference to a noncharacter, ``&#xFDD0;``, yields none: they are the readers' marks.)"""
    if "&" not in text or not _ENTITY.search(text):
        return text
    return drop_noncharacters(_ENTITY.sub(lambda m: htmllib.unescape(m.group(0)), text))


#: Markdown's marks (a page converted by html2text or pandoc): headings' ``#``, emphasis ``**``/``__``,
#: and the ``<br>`` a converter leaves inside a table's cell.
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_MD_EMPHASIS = re.compile(r"\*\*|__")
_BR_TAG = re.compile(r"<br\s*/?>", re.I)
_BR_BETWEEN_DIGITS = re.compile(r"(?<=[0-9０-９])\s*<br\s*/?>\s*(?=[0-9０-９])", re.I)


def _plain_markdown(text: str) -> str:
    """Text converted to Markdown, read as the text it marks up: ``## 一、总体情况`` is the heading,
    ``| **规章** | 3 |`` the row, ``本年新<br>制作数量`` one label (``0<br>3`` two numbers, as in a page)."""
    if "**" in text or "__" in text:
        text = _MD_EMPHASIS.sub("", text)
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if "<br" in text or "<BR" in text:
        text = _BR_TAG.sub("", _BR_BETWEEN_DIGITS.sub(" ", text))
    return text


def _line_breaks(text: str) -> str:
    """Unicode's line and paragraph separators (U+2028, U+2029) and NEL (U+0085) break lines as a
    newline does (text copied out of a script or a rich-text control may use no other)."""
    for sep in ("\u2028", "\u2029", "\x85"):
        if sep in text:
            text = text.replace(sep, "\n")
    return text


def _clean_text_page(text: str, url: str | None, warnings: list[str]) -> Page:
    script = "simplified"
    # (&nbsp; written out is a blank cell's NBSP, as in the page; a number beside a zero-width space or
    # soft hyphen is still that number)
    text = drop_invisible(_plain_markdown(_unescape_entities(_line_breaks(text))))
    if is_traditional(text):
        text, script = to_simplified(text), "traditional"
    body, facts, title = clean_text(text)
    meta = PageMetadata(title=_title(title, facts.doc_meta), url=url, original_script=script, doc_meta=facts.doc_meta,
                        published_at=(facts.published_at or _first(facts.doc_meta, DOC_META_DATES, parse_date)
                                      or url_date(url)),
                        source=facts.source or _first(facts.doc_meta, DOC_META_SOURCES, source_name))
    _finish(meta)
    return Page(body, "text/plain", meta, warnings)


def _clean_html(html: str | bytes, url: str | None, warnings: list[str], facts: HtmlFacts | None = None) -> Page:
    """``html``: a string, or UTF-8 bytes; ``facts``: what :func:`read_html` read of it, if it was read."""
    script = "simplified"
    facts = read_html(html, url) if facts is None else facts
    if is_traditional(facts.text if facts.text else as_text(html)):  # read again, converted (rare)
        html, script = to_simplified(as_text(html)), "traditional"
        facts = read_html(html, url)
    warnings = warnings + facts.warnings
    if challenge := challenge_warning(facts.text):
        warnings.append(challenge)
    head = facts.head
    meta = PageMetadata(
        title=_title(facts.title, facts.doc_meta),
        published_at=(parse_date(head.get("pubdate") or head.get("publishdate") or head.get("firstpublishedtime"))
                      or facts.chrome.published_at or _first(facts.doc_meta, DOC_META_DATES, parse_date)
                      or url_date(url)),
        source=head.get("contentsource") or facts.chrome.source or _first(facts.doc_meta, DOC_META_SOURCES, source_name),
        site_name=head.get("sitename"),
        column_name=head.get("columnname"),
        url=url or head.get("url"),
        original_script=script,
        attachments=facts.attachments,
        doc_meta=facts.doc_meta,
        parts=facts.parts.others,
        part_number=facts.parts.number,
    )
    _finish(meta)
    if facts.body is None:
        warnings.append("page: no report body found; the page is empty or not HTML")
        return Page("", "text/html", meta, warnings)
    return Page("", "text/html", meta, warnings, body=facts.body)


def _title(title: str | None, doc_meta: Mapping[str, str]) -> str | None:
    """The page's title; when it is no report title (a portal's name), the one its metadata block
    names, if that is one."""
    if title and is_title_like(title):
        return title
    return _first(doc_meta, DOC_META_TITLES, lambda v: v if is_title_like(v) else None) or title


def _first(values: Mapping[str, str], labels: tuple[str, ...], read=lambda v: v or None) -> str | None:
    """The first of ``labels`` whose value reads (``read``: the value as it is, or parsed)."""
    for label in labels:
        if (value := values.get(label)) and (out := read(value)):
            return out
    return None


def _finish(meta: PageMetadata) -> None:
    if meta.title and not is_title_like(meta.title):
        meta.title = " ".join(meta.title.split()) or None
    meta.agency = agency_from_title(meta.title) or (meta.doc_meta.get("发文机关") if meta.doc_meta else None)
    meta.year = year_of_title(meta.title)
