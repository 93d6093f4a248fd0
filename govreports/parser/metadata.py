"""Title, agency and reporting year, from the page's metadata first and the content second."""

from __future__ import annotations

import re

from govreports.page.titles import (
    AGENCY_SUFFIXES,
    ANY_REPORT_YEAR,
    BAD_TITLE_CHARS,
    STAT_PERIOD,
    agency_from_title,
    is_title_like,
    squash,
    title_year,
)

__all__ = ["agency_from_title", "find_title", "is_title_like", "signature_agency", "year_from"]

from govreports.parser.normalize import norm
from govreports.parser.tokens import LABEL, Token, labels_of


def find_title(tokens: list[Token], limit: int = 400) -> str | None:
    """The report's title line in the content: prefer one naming the agency before the year."""
    labels = labels_of(tokens[:limit])
    tail = labels_of(tokens[-60:])
    candidates: list[str] = []
    for group in (labels, tail):
        # (the substring test spares a call for nearly every label; 报 alone: a title may be letter-spaced)
        for i in [i for i, t in enumerate(group) if "报" in t.text]:
            t = group[i]
            if not is_title_like(t.text):
                continue
            title = squash(t.text)
            m = title_year(title)
            if m and m.start() == 0 and i > 0:
                prev = squash(group[i - 1].text)
                if 2 <= len(prev) <= 30 and BAD_TITLE_CHARS.isdisjoint(prev) and \
                        prev.endswith(AGENCY_SUFFIXES):
                    title = prev + title
            candidates.append(title)
    if not candidates:
        return None
    with_agency = [c for c in candidates if agency_from_title(c)]
    return (with_agency or candidates)[0]


def year_from(title: str | None, text: str, published_at: str | None) -> tuple[int | None, str | None]:
    """``(year, how)``: from the title, the statistics period, any report-title phrase, or publishing date."""
    if title and (m := title_year(title)):
        return int(m.group(1)), None
    flat = norm(text[:20000])
    if m := STAT_PERIOD.search(flat):
        return int(m.group(1)), "year taken from the statistics period (no year in the title)"
    if m := ANY_REPORT_YEAR.search(flat):
        return int(m.group(1)), "year taken from the text (no year in the title)"
    if published_at and re.match(r"\d{4}", published_at):
        return int(published_at[:4]) - 1, "year assumed to be the year before publication"
    return None, None


_DATE_LINE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{6,8})$")


def signature_agency(tokens: list[Token]) -> str | None:
    """The agency signing at the end of the report (the line before the closing date)."""
    labels = [t for t in tokens[-12:] if t.kind == LABEL or t.kind == "num"]
    for i in range(len(labels) - 1, 0, -1):
        if _DATE_LINE.match(squash(labels[i].text)):
            cand = squash(labels[i - 1].text)
            if 3 <= len(cand) <= 30 and BAD_TITLE_CHARS.isdisjoint(cand):
                return cand
    return None
