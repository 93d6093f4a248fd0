"""Title, agency and reporting year, from the page's metadata first and the content second."""

from __future__ import annotations

import re

from govreports.parser.normalize import norm
from govreports.parser.tokens import LABEL, Token

_TITLE = re.compile(r"(\d{4})\s*年度?.{0,16}?(?:政府)?(?:信息|政务)公开.{0,12}?(?:年度)?(?:报告|年报)$")
_TITLE_LOOSE = re.compile(r"(?:政府)?(?:信息|政务)公开.{0,12}?(?:年度报告|年报)$")
_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年度?")
_STAT_PERIOD = re.compile(r"统计期限自\s*(\d{4})\s*年")
_ANY_REPORT_YEAR = re.compile(r"(\d{4})\s*年度?\s*(?:政府)?信息公开工作年度报告")
_BAD_TITLE_CHARS = set("。，,；;：:")


_CN_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "0000123456789")
_CN_YEAR = re.compile(r"[〇零○Ｏ一二三四五六七八九]{4}(?=\s*年)")


def arabic_years(text: str) -> str:
    """二〇二〇年 → 2020年 (same length, so positions still line up)."""
    return _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGITS), text)


def _clean(text: str) -> str:
    return re.sub(r"[\s\u00a0\u3000]+", "", text).strip("《》“”\"")


def is_title_like(text: str) -> bool:
    if len(text) > 120 or ("报告" not in text and "年报" not in text):
        return False
    t = arabic_years(_clean(text))
    if not (8 <= len(t) <= 70) or any(c in _BAD_TITLE_CHARS for c in t):
        return False
    return bool(_TITLE.search(t) or _TITLE_LOOSE.search(t))


def find_title(tokens: list[Token], limit: int = 400) -> str | None:
    """The report's title line in the content: prefer one naming the agency before the year."""
    labels = [t for t in tokens[:limit] if t.kind == LABEL]
    tail = [t for t in tokens[-60:] if t.kind == LABEL]
    candidates: list[str] = []
    for group in (labels, tail):
        for i, t in enumerate(group):
            if not is_title_like(t.text):
                continue
            title = _clean(t.text)
            m = _YEAR_IN_TITLE.search(arabic_years(title))
            if m and m.start() == 0 and i > 0:
                prev = _clean(group[i - 1].text)
                if 2 <= len(prev) <= 30 and not any(c in _BAD_TITLE_CHARS for c in prev) and \
                        prev.endswith(("局", "委", "办", "府", "院", "会", "处", "所", "中心", "室", "部", "厅", "馆", "站")):
                    title = prev + title
            candidates.append(title)
    if not candidates:
        return None
    with_agency = [c for c in candidates if agency_from_title(c)]
    return (with_agency or candidates)[0]


_AGENCY_END = re.compile(r"(?:关于|的|:|：|-|_|—)+$")
_DISCLOSURE = re.compile(r"(?:政府)?(?:信息|政务)公开")


def agency_from_title(title: str | None) -> str | None:
    """The agency named in a title: before the year, or (year first) between the year and 政府信息公开."""
    if not title:
        return None
    t = arabic_years(title)
    m = _YEAR_IN_TITLE.search(t)
    if not m:
        return None
    if m.start() > 0:
        agency = _AGENCY_END.sub("", title[: m.start()].strip())
        return agency or None
    rest = title[m.end():]
    d = _DISCLOSURE.search(rest)
    if not d or d.start() == 0:
        return None
    agency = rest[: d.start()]
    if agency.endswith("人民") and rest[d.start():].startswith("政府"):
        agency += "政府"  # 2020年某区人民政府信息公开… : the 政府 belongs to both
    return _AGENCY_END.sub("", agency) or None


def year_from(title: str | None, text: str, published_at: str | None) -> tuple[int | None, str | None]:
    """``(year, how)``: from the title, the statistics period, any report-title phrase, or publishing date."""
    if title and (m := _YEAR_IN_TITLE.search(arabic_years(title))):
        return int(m.group(1)), None
    flat = norm(text[:20000])
    if m := _STAT_PERIOD.search(flat):
        return int(m.group(1)), "year taken from the statistics period (no year in the title)"
    if m := _ANY_REPORT_YEAR.search(flat):
        return int(m.group(1)), "year taken from the text (no year in the title)"
    if published_at and re.match(r"\d{4}", published_at):
        return int(published_at[:4]) - 1, "year assumed to be the year before publication"
    return None, None


_DATE_LINE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{6,8})$")


def signature_agency(tokens: list[Token]) -> str | None:
    """The agency signing at the end of the report (the line before the closing date)."""
    labels = [t for t in tokens[-12:] if t.kind == LABEL or t.kind == "num"]
    for i in range(len(labels) - 1, 0, -1):
        if _DATE_LINE.match(_clean(labels[i].text)):
            cand = _clean(labels[i - 1].text)
            if 3 <= len(cand) <= 30 and not any(c in _BAD_TITLE_CHARS for c in cand):
                return cand
    return None
