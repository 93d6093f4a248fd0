"""Label normalisation and number reading: the two places where the wild variety of portals is folded.

A label is compared after NFKC (full-width digits/brackets → ASCII), with every kind of
space removed and the row numbering (``一、`` ``(三)`` ``1.``) stripped. A number cell may
carry full-width digits, thousands separators, units, or a dash/无 placeholder.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from govreports.page.model import INVISIBLE

#: Spaces of every kind, and the characters without a glyph.
_SPACES = re.compile(r"[\s\u00a0\u3000\u2002\u2003\u2009" + INVISIBLE.pattern.strip("[]") + "]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]"})
#: One row-numbering mark, in a normalised label.
NUMBERING_MARK = (
    r"(?:"
    r"第?[一二三四五六七八九十]+[、.:]"  # 一、 二.
    r"|\(?[一二三四五六七八九十]+\)"  # (三) 三)
    r"|\(?\d{1,2}\)"  # (1) 1)
    r"|\d{1,2}[.、](?!\d)"  # 1. 2、
    r"|[①②③④⑤⑥⑦⑧⑨⑩]"
    r")"
)
_NUMBERING = re.compile(f"^{NUMBERING_MARK}+")


_QUOTE_CHARS = re.compile("[“”‘’〔〕【】]")


#: The full-width forms of ASCII and the ideographic space: the compatibility characters reports
#: hold, mapped as NFKC maps them (each to one ASCII character, so the NFKC of the result is the
#: NFKC of the text).
_FULL_WIDTH = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}, "\u3000": " "})


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """NFKC, no spaces, ASCII brackets and quotes: the form every label comparison uses.

    (ASCII text is its own NFKC and holds no such quote; ``str.translate`` costs more than the
    search that spares it, on the page's new labels that miss the cache. A text that is not NFKC
    nearly always holds only full-width forms, which a translation folds in ~40 ns a character,
    where CPython's NFKC costs ~140: what is left after it, if anything, is folded by NFKC.)
    """
    if text.isascii():
        return text if text.isalnum() else _SPACES.sub("", text)  # (no space in letters and digits alone)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text.translate(_FULL_WIDTH))
    text = _SPACES.sub("", text)
    return text.translate(_QUOTES) if _QUOTE_CHARS.search(text) else text


@lru_cache(maxsize=8192)
def norm_label(text: str) -> str:
    """:func:`norm` without the row numbering prefix (``(三)1.属于国家秘密`` → ``属于国家秘密``),
    without the marks around it (``【规章】``, ``“规章”``, ``规章：``, ``行政事业性收费*``) and without a
    unit written after the label (``行政事业性收费(万元)``, ``规章(件)``)."""
    return strip_unit(strip_marks(strip_numbering(norm(text))))


#: Brackets and quotes around a whole label (after :func:`norm`: “” are ASCII quotes by then).
_ENCLOSING = frozenset(('""', "''", "[]", "「」", "『』", "〖〗"))  # (【】 and 〔〕 are [] by then)


def strip_marks(n: str) -> str:
    """A normalised label without a colon or a footnote's asterisk after it, or brackets or quotes
    around all of it (itself when it is nothing else)."""
    if n.endswith((":", "*")):
        n = n.rstrip(":*") or n
    if len(n) > 2 and n[0] + n[-1] in _ENCLOSING and n[0] not in n[1:-1] and n[-1] not in n[1:-1]:
        n = n[1:-1]
    return n


def strip_unit(n: str) -> str:
    """A normalised label without a unit in brackets at its end (itself when it is nothing else)."""
    return (_UNIT_SUFFIX.sub("", n) or n) if n.endswith(")") else n


#: The units a report writes after a count or an amount (万元 before 元: the longer is matched first).
_UNITS = "万元|元|件|个|条|项|人次|人|次|宗|份|例|笔|起|家"
#: A unit in brackets after a row's label or a column's header: the row is named without it.
_UNIT_SUFFIX = re.compile(rf"\((?:单位[:：]?)?({_UNITS})\)$")


def strip_numbering(n: str) -> str:
    """A normalised label without its row numbering prefix (itself when it is nothing else)."""
    return _NUMBERING.sub("", n) or n


_SPLIT_DIGITS = re.compile(r"\d[\s\u00a0\u3000\u2002\u2003\u2009]+\d")
#: A unit after a number, bare or in brackets.
_UNIT = re.compile(rf"(?:({_UNITS}|%)|\(({_UNITS})\))$")
_NUMBER = re.compile(r"^[+\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
#: Cells that mean "none": read as 0 (documented in README; the record names the rows).
PLACEHOLDERS = frozenset({"-", "--", "—", "——", "–", "−", "─", "/", "无", "无。"})


def parse_number(text: str) -> tuple[int | float | None, bool]:
    """Read a numeric cell: ``(value, is_placeholder)``; ``(None, False)`` when not a number.

    >>> parse_number("１,２３４")
    (1234, False)
    >>> parse_number("0.0000")
    (0.0, False)
    >>> parse_number("—")
    (0, True)
    """
    s = norm(text)
    if not s:
        return None, False
    if _SPLIT_DIGITS.search(text):
        return None, False  # two numbers in one cell ("3 2"), never one number (32)
    if len(s) <= 24 and s.isascii() and s.isdigit():
        return int(s), False  # most cells: plain digits, which every step below leaves as they are
    if s in PLACEHOLDERS or s.strip("-—–−─") == "":
        return 0, True
    if s in _ZEROS:
        return 0, False
    s = _UNIT.sub("", s)
    s = s.replace("，", ",")
    if s.startswith("−"):
        s = "-" + s[1:]
    elif s.startswith(("增", "减")):  # the 2019 table's 本年增/减 written out: 增加3, 减少2
        sign = "-" if s[0] == "减" else ""
        s = sign + s[2 if s[1:2] in ("加", "少") else 1:]
    elif s and (s[0] in _ARROWS or s[-1] in _ARROWS):  # … or with an arrow: ↑3, 2↓
        arrow = s[0] if s[0] in _ARROWS else s[-1]
        s = ("-" if arrow == "↓" else "") + (s[1:] if s[0] == arrow else s[:-1]).strip()
    if len(s) > 24 or not _NUMBER.match(s):
        return None, False  # no real count has 20 digits: unreadable, not a number
    s = s.replace(",", "")
    if "." in s:
        return float(s), False
    return int(s), False


#: The arrows a 本年增/减 cell may carry for its sign (↑3 is 3, 2↓ is -2).
_ARROWS = "↑↓"
#: Zero written as a character (〇, 零, or the circle ○ or the letter O typed for it, as in 二O二二年): a
#: count of 0 — a cell holding it alone.
_ZEROS = frozenset({"〇", "零", "○", "O", "Ｏ"})  # (not a lowercase o: a list's bullet in extracted text)
_NUMERIC_HINT = re.compile(rf"^[\s\u00a0\u3000+＋\-−－—–─/／无0-9０-９,，.．%{_UNITS.replace('|', '')}]+$"
                           rf"|^[\s\u00a0\u3000]*[0-9０-９][0-9０-９,，.．]*[\s\u00a0\u3000]*[(（](?:{_UNITS})[)）]\s*$"
                           r"|^[增减][加少]?[\s\u00a0\u3000]*[0-9０-９]|^[\s\u00a0\u3000]*[〇零○OＯ][\s\u00a0\u3000]*$"
                           r"|^[\s\u00a0\u3000]*↑?↓?[\s\u00a0\u3000]*[0-9０-９][0-9０-９,，.．]*[\s\u00a0\u3000]*↑?↓?[\s\u00a0\u3000]*$")


def unit_of(text: str) -> str | None:
    """The unit a number cell (``1200元``, ``1,200 (元)``, ``3万元``) or a column's header
    (``本年收费金额（单位：元）``) ends with, if any."""
    n = norm(text)
    m = _UNIT.search(n) or _UNIT_SUFFIX.search(n)
    return next(unit for unit in m.groups() if unit) if m else None


def looks_numeric(text: str) -> bool:
    """Cheap pre-filter before :func:`parse_number`."""
    return bool(_NUMERIC_HINT.match(text))


_BLANK_CHARS = " \t\n\r\x0b\x0c\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"


def is_blank(text: str) -> bool:
    return not text.strip(_BLANK_CHARS)
