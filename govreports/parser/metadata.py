"""Title, agency and reporting year, from the page's metadata first and the content second."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreports.page.chrome import DOC_META_LABELS, FIELD_LABELS
from govreports.page.titles import (
    ANY_REPORT_YEAR,
    BAD_TITLE_CHARS,
    STAT_PERIOD,
    agency_from_title,
    arabic_years,
    is_title_like,
    squash,
    title_over_two_lines,
    title_year,
)

__all__ = ["agency_from_title", "find_title", "is_title_like", "signature_agency", "year_from"]

from govreports.parser.normalize import norm
from govreports.parser.tokens import LABEL, Token


def find_title(tokens: list[Token], limit: int = 400) -> str | None:
    """The report's title line in the content: among the first ``limit`` tokens, the first that names
    an agency, else the first; only when they hold none, among the last 60 (a page's end may list
    other reports — 相关文章 — whose titles are not this one's). (Read until one names an agency: the
    title is nearly always among a page's first labels.)"""
    for group in (tokens[:limit], tokens[-60:] if len(tokens) > limit else ()):
        first = None
        for title in _title_lines(group):
            if agency_from_title(title):
                return title
            if first is None:
                first = title
        if first is not None:
            return first
    return None


def _title_lines(group: list[Token]) -> Iterator[str]:
    """The title-like labels of ``group``; a title set over two labels is read as one
    (:func:`title_over_two_lines`)."""
    prev: Token | None = None
    for t in group:
        if not t.is_label:
            continue
        # (the substring test spares a call for nearly every label; 报 alone: a title may be letter-spaced)
        if "报" in t.text:
            joined = title_over_two_lines(prev.text, t.text) if prev is not None else None
            if joined is not None:
                yield joined
            elif is_title_like(t.text):
                yield squash(t.text)
        prev = t


def year_from(title: str | None, text: str, published_at: str | None) -> tuple[int | None, str | None]:
    """``(year, how)``: from the title, else (each said in ``how``) the statistics period, a report-title
    phrase in the text, the year the overview opens with, the year before a signing date at the end,
    the year before publication."""
    if title and (m := title_year(title)):
        return int(m.group(1)), None
    flat = arabic_years(norm(text[:20000]))  # (统计期限自二〇二二年…)
    if m := STAT_PERIOD.search(flat):
        return int(m.group(1)), "year taken from the statistics period (no year in the title)"
    if m := ANY_REPORT_YEAR.search(flat):
        return int(m.group(1)), "year taken from the text (no year in the title)"
    if m := _OPENING_YEAR.search(flat):
        return int(m.group(1) or m.group(2)), "year taken from the overview's opening (no year in the title)"
    if dates := _SIGNED.findall(arabic_years(norm(text[-300:]))):
        return int(dates[-1]) - 1, "year assumed to be the year before the report's signing date (no year in the title)"
    if published_at and re.match(r"\d{4}", published_at):
        return int(published_at[:4]) - 1, "year assumed to be the year before publication"
    return None, None


#: The year the overview opens with (``一、总体情况 2022年，…``, ``2022年以来``, ``2022年1月1日至12月31日``), its
#: first sentence's subject heading allowed before it (``（一）主动公开情况。``). Texts flattened by ``norm``.
_OPENING_YEAR = re.compile(r"总体情况[。.:]?(?:\([一二三四五六七八九十]\)[^,。.]{0,16}[。.:]?)?"
                           r"(?:((?:19|20)\d\d)年度?(?:,|以来|全年|我|本|是|共|期间)|((?:19|20)\d\d)年1月1日(?:起)?至)")
#: A signing date in the first half of a year at the report's end (``2023年1月20日``): the report is of
#: the year before (reports are due by the end of January, or March for governments).
_SIGNED = re.compile(r"((?:19|20)\d\d)年(?:0?[1-6]|[一二三四五六])月[0-9一二三四五六七八九十〇]{1,3}日")


_DATE_LINE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{6,8})$")


def signature_agency(tokens: list[Token]) -> str | None:
    """The agency signing at the end of the report (the line before the closing date)."""
    labels = [t for t in tokens[-12:] if t.kind == LABEL or t.kind == "num"]
    for i in range(len(labels) - 1, 0, -1):
        if _DATE_LINE.match(squash(labels[i].text)):
            cand = squash(labels[i - 1].text)
            if 3 <= len(cand) <= 30 and BAD_TITLE_CHARS.isdisjoint(cand) and not _is_field_label(cand):
                return cand
    return None


_FIELD_LABELS = frozenset(FIELD_LABELS) | frozenset(DOC_META_LABELS)


def _is_field_label(text: str) -> bool:
    """A metadata or chrome label (发文日期 before its date is no signature)."""
    return text.rstrip(":：") in _FIELD_LABELS or text.endswith(("日期", "时间"))
