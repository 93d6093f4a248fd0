"""Report or not: decided from the title and the content, with the reason said.

Notices about submitting the reports, 工作要点, 决算, 法治政府建设年度报告, 统计年鉴 and list
pages are not reports; a report whose tables live only in an attachment is kept as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govreports.page.model import Page, text_of
from govreports.page.titles import is_issuing_notice

_REPORT_TITLE = re.compile(r"(?:政府)?(?:信息|政务)公开.{0,12}?(?:年度报告|年报|工作报告)")
_NOT_REPORT = (
    ("notice", re.compile(r"通知|函$|^关于(?:报送|做好|开展|印发|编制|发布)|征求意见|公示$|公告$")),
    ("work_plan", re.compile(r"工作要点|工作计划|实施方案|工作安排")),
    ("final_accounts", re.compile(r"决算|预算")),
    ("rule_of_law_report", re.compile(r"法治政府建设")),
    ("statistics", re.compile(r"统计年鉴|统计公报|国民经济和社会发展")),
    ("interpretation", re.compile(r"^(?:图解|解读|一图读懂)|政策解读")),
)
_TEMPLATE_MARKERS = ("本年新收", "结转下年度", "主动公开政府信息情况", "行政复议", "本年制发件数", "本年新制作数量",
                     "收到和处理政府信息公开申请情况", "其他需要报告的事项", "存在的主要问题")


#: Pages a web application firewall or an anti-bot service answers with, status 200 (or 521) instead of the
#: page asked for: the marker each leaves, and what it is. Such a page is a failure (recorded, retried
#: next run), never taken for the page itself — a report page answered so would be filed as a non-report
#: and never fetched again.
CHALLENGES = (
    ("__jsl_clearance", "加速乐 (Jiasule) JavaScript cookie challenge"),
    ("yunsuo_session_verify", "云锁 (Yunsuo) firewall cookie check"),
    ("$_ts=window", "瑞数 (Riversecurity) JavaScript challenge"),
    ("/_____tmd_____/", "Alibaba Cloud WAF slider check"),
    ("安全狗", "安全狗 (Safedog) firewall block page"),
    ("网站防火墙", "a website firewall's block page"),
    ("创宇盾", "创宇盾 (Knownsec) firewall block page"),
    ("waf.tencent-cloud.com", "Tencent Cloud WAF block page"),
    ("请开启JavaScript并刷新该页", "a JavaScript check page"),
)
#: Longer than this, a page is no challenge whatever it mentions (a report naming its firewall).
_CHALLENGE_MAX_CHARS = 30000
#: (the bytes to look for first: every marker is ASCII or one of these words)
_CHALLENGE_WORDS = ("__jsl", "yunsuo", "$_ts", "_tmd_", "安全狗", "防火墙", "创宇盾", "tencent-cloud", "开启JavaScript")
#: How the page step's warning about such a page begins.
_CHALLENGE_WARNING = "page: this is "


def challenge_warning(page_text: str) -> str | None:
    """The page step's warning for a page (its whole text, scripts' included) that is a firewall's or
    anti-bot page in the report's place (such pages are short: a long page is not asked about)."""
    what = challenge_of(page_text) if len(page_text) < 5000 else None
    return f"{_CHALLENGE_WARNING}{what}, served in the page's place: not the report" if what else None


def challenge_of(text: str) -> str | None:
    """What the firewall or anti-bot page that stands in for the page asked for is
    (``"安全狗 (Safedog) firewall block page"``), or ``None``."""
    if len(text) > _CHALLENGE_MAX_CHARS or not any(w in text for w in _CHALLENGE_WORDS):
        return None
    return next((what for marker, what in CHALLENGES if marker in text), None)


@dataclass(frozen=True)
class Classification:
    is_report: bool
    kind: str
    reason: str


#: A title that names one year's report without saying 信息公开 (2022年度报告, 2021年年报): a
#: report title only inside a column of such reports (ColumnName 政府信息公开年报 …).
_YEAR_REPORT_TITLE = re.compile(r"(?:19|20)\d{2}\s*年?.{0,16}?(?:年度报告|年报)")
_REPORT_COLUMN = re.compile(r"(?:信息|政务)公开.{0,6}?(?:年度报告|年报)")


#: Characters of text (whitespace aside, links' texts aside) that make a page under a report title a
#: narrative report.
_NARRATIVE_CHARS = 600


def _narrative_chars(page: Page, text: str) -> int:
    """The page's text without whitespace and without its links' texts: a column's list of reports
    (dozens of report titles, each a link) under a column heading that reads as a title is no
    narrative."""
    chars = len("".join(text.split()))
    if page.body is not None:
        chars -= sum(len("".join(text_of(a).split())) for a in page.body.iter("a"))
    return chars


def classify(page: Page) -> Classification:
    title = (page.metadata.title or "").replace(" ", "")
    text = page.text or ""
    if (challenge := challenge_of(text)) is not None or any(w.startswith(_CHALLENGE_WARNING) for w in page.warnings):
        return Classification(False, "challenge", f"{challenge or 'a firewall or anti-bot page'}, not the page")
    markers = sum(1 for m in _TEMPLATE_MARKERS if m in text)
    report_title = bool(_REPORT_TITLE.search(title)) or bool(
        _YEAR_REPORT_TITLE.search(title) and _REPORT_COLUMN.search(page.metadata.column_name or ""))
    if report_title:
        issuing = is_issuing_notice(title)  # 关于印发…年度报告的通知: the report's page, not a notice about reports
        for kind, rx in _NOT_REPORT:
            if rx.search(title) and not (issuing and kind == "notice"):
                return Classification(False, kind, f"title names a {kind.replace('_', ' ')}: {title[:60]}")
    if markers >= 3:
        return Classification(True, "report", f"template sections/tables found ({markers} markers)")
    if report_title and page.metadata.attachments:
        return Classification(True, "attachment_only",
                              "report title, no template text; the report is in an attachment")
    if report_title and markers >= 1:
        return Classification(True, "report", "report title and template text")
    if report_title and len(page.metadata.parts) > len(page.metadata.parts_read):
        # its content is on pages not read (its warning names them): kept, never dropped for being short
        return Classification(True, "report", "report title on a report split over pages, some not read")
    if report_title and _narrative_chars(page, text) > _NARRATIVE_CHARS:
        return Classification(True, "report", "report title and a narrative (outside the template)")
    if report_title:
        return Classification(False, "other", "report title but no report content on the page")
    kind = next((kind for kind, rx in _NOT_REPORT if rx.search(title)), "other")  # name what it is, when it says
    return Classification(False, kind, f"not a disclosure annual report: {title[:60] or '(no title)'}")
