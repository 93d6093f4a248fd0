"""Bytes → text: the charset from the HTTP header, a BOM, the page's meta tag, or detection.

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
    declared = [c for c in (normalise_charset(header_charset(headers)), _meta_charset(body)) if c]
    tried: list[str] = []
    for enc in [*declared, "utf-8", "gb18030"]:
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


def _meta_charset(body: bytes) -> str | None:
    m = _META_CHARSET.search(body[:8192])
    return normalise_charset(m.group(1).decode("ascii", "ignore")) if m else None


def _has_high_bytes(body: bytes) -> bool:
    return any(b > 0x7F for b in body[:65536])
