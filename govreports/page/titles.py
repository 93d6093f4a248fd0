"""Recognising a report title and reading the agency and year in it.

Shared by the page step (which needs to know where a title line is) and the parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

# 报告（全文）, 报告（某区财政局）; 关于印发…报告的通知, 关于…报告的公告 (a notice issuing the report, which it holds)
_BRACKETED_END = r"(?:[（(][^（）()]{1,30}[）)]|》?的(?:通知|公告|公示))?$"
_TITLE = re.compile(r"(\d{4})\s*年度?.{0,16}?(?:政府)?(?:信息|政务)公开.{0,12}?(?:年度)?(?:报告|年报)" + _BRACKETED_END)
_TITLE_LOOSE = re.compile(r"(?:政府)?(?:信息|政务)公开.{0,12}?(?:年度报告|年报)" + _BRACKETED_END)
YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年度?")
#: A year in brackets with no 年 after it, as some titles end: 某局政府信息公开工作年度报告（2022）.
_BRACKETED_YEAR = re.compile(r"[（(]\s*((?:19|20)\d\d)\s*[）)]")
#: The statistics period a report states (统计期限自2022年1月1日…, 统计期限为…, 统计时限从…), in normalised text.
STAT_PERIOD = re.compile(r"统计(?:期限|时限|时间|期间|区间)(?:为|是|自|从|:)?(\d{4})年")
#: A sentence naming the report it opens (现公布某局2017年政府信息公开工作年度报告。): its title.
_TITLE_IN_SENTENCE = re.compile(r"(?:现予?公布|现发布|特发布|现将|予以公布|现印发)《?([^，。,；;：:《》“”\s]{4,60}?年度?报告)")
ANY_REPORT_YEAR = re.compile(r"(\d{4})\s*年度?\s*(?:政府)?信息公开工作年度报告")
BAD_TITLE_CHARS = set("。，,；;：:")


_CN_DIGITS = str.maketrans("〇零○ＯOo一二三四五六七八九", "000000123456789")
#: A year before 年 written in numerals, its zero often typed as a letter O or mixed with digits
#: (二〇二二年, 二O二二年, 二0二二年, 2O22年); not one inside a longer run of digits or letters, nor one
#: written in digits already.
_CN_YEAR = re.compile(r"(?<![0-9A-Za-z])(?![0-9]{4})[〇零○ＯOo0-9一二三四五六七八九]{4}(?=\s*年)")


def _year_digits(m: re.Match[str]) -> str:
    year = m.group(0).translate(_CN_DIGITS)
    return year if year.isdigit() and year[:2] in ("19", "20") else m.group(0)


def arabic_years(text: str) -> str:
    """二〇二〇年, 二O二〇年, 2O20年 → 2020年 (same length, so positions still line up)."""
    return _CN_YEAR.sub(_year_digits, text)


SPACE_RUN = re.compile(r"[\s\u00a0\u3000]+")


def squash(text: str) -> str:
    return SPACE_RUN.sub("", text).strip("《》“”\"")


@lru_cache(maxsize=4096)
def is_title_like(text: str) -> bool:
    if len(text) > 120 or "报" not in text:
        return False
    t = squash(text)
    if "报告" not in t and "年报" not in t:  # (sought once spaces are gone: a title may be letter-spaced)
        return False
    t = arabic_years(t)
    if not (8 <= len(t) <= 70) or not BAD_TITLE_CHARS.isdisjoint(t):
        return False
    return bool(_TITLE.search(t) or _TITLE_LOOSE.search(t))


#: What a notice about a task with the reports says after 关于 (关于报送/做好/编制…): it issues no report,
#: and what follows names no agency.
TASK_WORDS = "报送|做好|编制|开展|征求"
#: A notice issuing one report, which it holds or attaches (关于印发《某区2022年政府信息公开工作年度报告》的通知,
#: 某区人民政府关于2022年政府信息公开工作年度报告的公告): the report's page, where any other notice about the
#: reports (关于报送/做好/编制…的通知, …的公告) is not. A 通知 must say it issues the report; a 公告 or 公示
#: is one of the report unless it says it is about another task.
_ISSUING_NOTICE = re.compile(
    r"关于(?:(?:印发|发布|公布)《?[^《》]{0,40}?(?:信息|政务)公开[^《》]{0,12}?(?:年度报告|年报)》?的(?:通知|公告|公示)"
    rf"|(?:发布|公布)?《?(?!{TASK_WORDS}|印发)[^《》]{{0,40}}?(?:信息|政务)公开[^《》]{{0,12}}?"
    r"(?:年度报告|年报)》?的(?:公告|公示))$")


def is_issuing_notice(title: str) -> bool:
    return _ISSUING_NOTICE.search(squash(title)) is not None


def title_year(title: str) -> re.Match[str] | None:
    """Where a title names its year (二〇二二年 read as 2022年): ``2022年``/``2022年度``, else a bare year in
    brackets; ``group(1)`` is the year."""
    t = arabic_years(title)
    return YEAR_IN_TITLE.search(t) or _BRACKETED_YEAR.search(t)


_AGENCY_END = re.compile(r"(?:关于|的|:|：|-|_|—)+$")
#: The report's own words before a year in brackets: 某局政府信息公开工作年度报告（2022年）.
_REPORT_WORDS_END = re.compile(r"(?:年度报告|年报|报告)$")
#: What a notice says it does with the report: 关于印发某区2022年…年度报告的通知 (the report is 某区's).
_ISSUING = re.compile(r"^(?:印发|公布|发布|转发)")
_TASK = re.compile(f"(?:{TASK_WORDS})")
_DISCLOSURE = re.compile(r"(?:政府)?(?:信息|政务)公开")
#: How the name of a government body ends (局, 委员会, 人民政府, 街道办事处 …).
AGENCY_SUFFIXES = ("局", "委", "办", "府", "院", "会", "处", "所", "中心", "室", "部", "厅", "馆", "站", "街道", "镇", "乡", "苏木", "队", "署", "社")
#: A title that names its agency last, in brackets: 2023年度政府信息公开工作年度报告（某区财政局）.
_BRACKETED_AGENCY = re.compile(r"[（(]\s*([^（）()]{2,30}?)\s*[）)]\s*$")


@lru_cache(maxsize=1024)
def agency_from_title(title: str | None) -> str | None:
    """The agency named in a title: before the year, or (year first) between the year and 政府信息公开,
    or in brackets at the end."""
    if not title:
        return None
    m = title_year(title)
    if not m:
        return None
    if m.start() > 0:
        head = title[: m.start()].strip()
        if m.group(0)[0] in "（(" or head.endswith(("（", "(")):
            # the year in brackets after the report's name (某局政府信息公开工作年度报告（2022年）): the name
            # goes, its 政府信息公开 as _trim_agency drops it after any agency (or it is all there is)
            head = _REPORT_WORDS_END.sub("", head.rstrip("（( \u3000"))
            if _DISCLOSURE_END.fullmatch(head):
                return None
        if "关于" in head:  # 某区政府办公室关于某区2022年…: the report is 某区's (某局关于2022年…: 某局's)
            before, _, after = head.rpartition("关于")
            after = after.strip()
            head = before if _TASK.match(after) else _ISSUING.sub("", after) or before
        agency = _trim_agency(head)
        if agency and not agency.endswith(AGENCY_SUFFIXES):  # a place (某区2022年…报告（区卫生健康委）): the
            b = _BRACKETED_AGENCY.search(title, m.end())     # body in brackets at the end is the one reporting
            if b and b.group(1).endswith(AGENCY_SUFFIXES):
                return b.group(1)
        return agency
    rest = title[m.end():]
    d = _DISCLOSURE.search(rest)
    if not d or d.start() == 0:
        b = _BRACKETED_AGENCY.search(rest)
        return b.group(1) if b and b.group(1).endswith(AGENCY_SUFFIXES) else None
    agency = rest[: d.start()]
    if agency.endswith("人民") and rest[d.start():].startswith("政府"):
        agency += "政府"  # 2020年某区人民政府信息公开… : the 政府 belongs to both
    return _AGENCY_END.sub("", agency) or None


#: The report's subject written between the agency and the year (某局政府信息公开工作2022年度报告).
_DISCLOSURE_END = re.compile(r"(?:政府)?(?:信息|政务)公开(?:工作)?$")


def _trim_agency(head: str) -> str | None:
    agency = _AGENCY_END.sub("", head.strip(" \u3000【】[]《》"))
    d = _DISCLOSURE_END.search(agency)
    if d and d.start() > 0:
        cut = agency[: d.start()]
        agency = cut + "政府" if cut.endswith("人民") and d.group(0).startswith("政府") else cut
        agency = _AGENCY_END.sub("", agency)
    return agency or None


def title_over_two_lines(above: str, line: str) -> str | None:
    """The title two lines make together (spaces removed), when a title was set over two lines: the
    second is no title alone (``…工作年度`` / ``报告``), or the first adds the year
    (``某局2022年政府`` / ``信息公开工作年度报告``) or the agency's name (``某区科学技术局`` /
    ``2020年…年度报告``) it lacks. ``None`` when the second line says as much alone (a site header
    above a title that names its agency is no part of it) or the first is a sentence."""
    titled = is_title_like(line)
    if titled:  # (asked first: a title that names its year and agency, the common case, is done)
        alone = squash(line)
        lacks_year, lacks_agency = title_year(alone) is None, agency_from_title(alone) is None
        if not (lacks_year or lacks_agency):
            return None
    first = squash(above)
    if not first or len(first) > 40 or not BAD_TITLE_CHARS.isdisjoint(first):
        return None
    joined = first + squash(line)
    if not is_title_like(joined):
        return None
    if titled:
        adds_year = lacks_year and title_year(joined) is not None
        adds_agency = lacks_agency and first.endswith(AGENCY_SUFFIXES) and agency_from_title(joined) is not None
        if not (adds_year or adds_agency):
            return None
    return joined


def year_of_title(title: str | None) -> int | None:
    if not title:
        return None
    m = title_year(title)
    return int(m.group(1)) if m else None


def title_in_sentence(text: str) -> str | None:
    """The title a report's opening sentence names (``现公布某局2017年政府信息公开工作年度报告``), when
    it is a title: for captured text that kept the sentence and lost the title line."""
    m = _TITLE_IN_SENTENCE.search(text)
    return m.group(1) if m and is_title_like(m.group(1)) else None
