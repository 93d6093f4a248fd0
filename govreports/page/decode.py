"""Bytes → text: the charset from the HTTP header, a BOM, the page's meta tag (or an XHTML page's XML
declaration), or detection.

GBK/GB2312 pages are still common, and many declare gb2312 while using GBK-only
characters (or error pages claim iso-8859-1): every GB label decodes as gb18030, a
superset, and a declared charset that fails is replaced by one that works.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "ms936", "gb18030", "euc-cn", "x-euc-cn", "csgb2312"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def normalise_charset(name: str | None) -> str | None:
    """A codec Python knows, with every GB label mapped to gb18030; ``None`` if unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    if label in _GB:
        return "gb18030"
    if label in ("big5", "big5-hkscs", "x-big5"):
        return "big5hkscs"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def header_charset(headers: Mapping[str, str] | None) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == "content-type" and value:
            m = _HEADER_CHARSET.search(value if isinstance(value, str) else str(value))
            return m.group(1) if m else None
    return None


def decode_body(body: bytes, headers: Mapping[str, str] | None = None) -> tuple[str, str, list[str]]:
    """Decode a page: ``(text, encoding used, warnings)``. Never raises."""
    warnings: list[str] = []
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return body.decode(enc, "replace"), enc, warnings
    declared = [c for c in (normalise_charset(header_charset(headers)), _meta_charset(body), _xml_charset(body)) if c]
    tried: list[str] = []
    for enc in [*declared, "utf-8", "legacy", "gb18030"]:
        if enc == "legacy":  # (guessed only when nothing is declared, once UTF-8 has failed)
            enc = "gb18030" if declared else _guess_legacy(body)
        if enc in tried:
            continue
        tried.append(enc)
        if enc in ("latin-1", "iso8859-1", "ascii", "cp1252") and _has_high_bytes(body):
            continue  # error pages claim iso-8859-1 for Chinese text
        try:
            text = body.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if declared and enc != declared[0]:
            warnings.append(f"page: declared charset {declared[0]} does not decode the page; used {enc}")
        return text, enc, warnings
    enc = declared[0] if declared else "utf-8"
    text = body.decode(enc, "replace")
    bad = text.count("\ufffd")
    warnings.append(f"page: {bad} undecodable byte sequence(s) replaced (decoded as {enc})")
    return text, enc, warnings


#: Characters common in report text, in both scripts: which legacy encoding (GB or Big5) reads
#: undeclared bytes as report text rather than as mojibake (GB18030 decodes almost any bytes).
_COMMON = frozenset("的年政府信息公开開报報告工作本申请請处處理行复復议議诉訴讼訟区區局县縣市人民")


def _guess_legacy(body: bytes) -> str:
    """GB18030 for undeclared non-UTF-8 bytes, unless Big5 reads them as far more report text."""
    sample = body[:20000]
    try:
        big5 = sample.decode("big5hkscs", "ignore")
    except LookupError:  # pragma: no cover - the codec ships with Python
        return "gb18030"
    gb = sample.decode("gb18030", "ignore")
    score = lambda text: sum(1 for ch in text if ch in _COMMON)  # noqa: E731
    return "big5hkscs" if score(big5) > 2 * score(gb) + 5 else "gb18030"


def declares_utf8(body: bytes, headers: Mapping[str, str] | None = None) -> bool:
    """Whether :func:`decode_body` would try UTF-8 first: no BOM, and UTF-8 or nothing declared.

    Such a page can go to the HTML parser as it is; if its bytes prove not to be UTF-8 it is
    decoded as any other page.
    """
    if body.startswith(_BOM_PREFIXES):
        return False
    return (normalise_charset(header_charset(headers)) or _meta_charset(body) or _xml_charset(body)) in (None, "utf-8")


_BOM_PREFIXES = tuple(bom for bom, _enc in _BOMS)


def _meta_charset(body: bytes) -> str | None:
    """The charset a ``<meta>`` declares: each ``charset`` word is found by a byte search, and the
    case-blind pattern runs only from the tag that holds it (scanning from every ``<`` cost more
    than decoding the page). The first kilobyte, where nearly every page declares it, is searched
    before the rest of the head."""
    head = body[:8192]
    for size in (1024, 8192):
        lower = head[:size].lower()  # (a tag cut at the window's end is matched in the whole head)
        i = lower.find(b"charset")
        while i != -1:
            lt = lower.rfind(b"<", 0, i)
            if lt != -1 and lower.startswith(b"<meta", lt):
                m = _META_CHARSET.match(head, lt)
                if m:
                    return normalise_charset(m.group(1).decode("ascii", "ignore"))
            i = lower.find(b"charset", i + 7)
        if len(body) <= size:
            break
    return None


_XML_CHARSET = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)["']""")


def _xml_charset(body: bytes) -> str | None:
    """The encoding an XHTML page's XML declaration names (``<?xml version="1.0" encoding="gb2312"?>``),
    when its head has no meta tag saying it. (A page with a BOM is decoded by it before this is asked.)"""
    m = _XML_CHARSET.match(body[:200])
    return normalise_charset(m.group(1).decode("ascii")) if m else None


def _has_high_bytes(body: bytes) -> bool:
    return any(b > 0x7F for b in body[:65536])


#: File signatures of the documents reports are published as, and of pictures.
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office/WPS document (doc, xls or wps)"),
    (b"PK\x03\x04", "a zipped document (docx, xlsx or ofd)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
_FILE_TYPES = ("application/pdf", "application/msword", "application/vnd.", "application/ofd", "application/zip",
               "application/octet-stream", "image/", "application/x-download", "application/force-download",
               "application/kswps", "application/wps")


def file_kind(body: bytes, headers: Mapping[str, str] | None = None) -> str | None:
    """What a response is when it is a file, not a page (``"a PDF document"`` …); ``None`` for pages.

    Read from the first bytes, which do not lie, and only then from the Content-Type (servers
    often send PDFs as octet-stream and pages as anything).
    """
    head = body[:16].lstrip()
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            return kind
    ctype = ""
    for key, value in (headers or {}).items():
        if str(key).lower() == "content-type":
            ctype = str(value).lower()
    if ctype.startswith(_FILE_TYPES) and "html" not in ctype and "json" not in ctype and "xml" not in ctype:
        if b"<html" in body[:2048].lower() or b"<!doctype" in body[:2048].lower():
            return None  # a page sent with a file's type
        return f"a file ({ctype.split(';')[0]})"
    return None
