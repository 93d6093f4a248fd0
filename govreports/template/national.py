"""The national annual-report template as data: editions, tables, rows, cells, labels, checks.

Everything the parser, the checks, the codebook and the exports know about the template
is written here once. A label variant found in the wild is one more pattern in a row's
``patterns``, never a branch in the parser.

Patterns are regular expressions searched in a *normalised* label: NFKC (full-width
digits and brackets become ASCII), Simplified script, no whitespace, and the row's
numbering prefix (``一、`` ``(三)`` ``1.``) removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EDITIONS = ("2019", "2021")
TABLES = ("active_disclosure", "applications", "reviews_litigation")

TABLE_LABELS = {
    "active_disclosure": ("二、主动公开政府信息情况", "Proactive disclosure"),
    "applications": ("三、收到和处理政府信息公开申请情况", "Disclosure requests received and handled"),
    "reviews_litigation": (
        "四、政府信息公开行政复议、行政诉讼情况",
        "Administrative reviews and lawsuits about disclosure",
    ),
}


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    label_en: str
    unit: str = "count"  # "count" (integer) or "10k_yuan" (万元, decimal)


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    label_en: str
    columns: tuple[Column, ...]
    patterns: tuple[str, ...]
    editions: frozenset[str] = frozenset(EDITIONS)
    group: str | None = None  # the group label under which the row sits (e.g. "denied")
    #: The label alone is too generic (3.其他): it names this row only under its group.
    strict_group: bool = False
    column_codes: tuple[str, ...] = field(init=False, repr=False, compare=False)
    #: Positions of the columns counted in 万元 (a cell written in 元 is converted).
    money_columns: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_codes", tuple(c.code for c in self.columns))
        object.__setattr__(self, "money_columns",
                           tuple(i for i, c in enumerate(self.columns) if c.unit == "10k_yuan"))


@dataclass(frozen=True)
class Group:
    """A label that introduces several rows (e.g. (三)不予公开) and carries no numbers itself."""

    code: str
    label: str
    patterns: tuple[str, ...]
    editions: frozenset[str] = frozenset(EDITIONS)


@dataclass(frozen=True)
class Check:
    """``actual`` (the cell the report states) must equal the sum of ``terms``.

    ``over`` says what the check is repeated for: every row, every column or every group.
    """

    rule: str
    table: str
    description: str
    description_zh: str


@dataclass(frozen=True)
class Section:
    code: str
    numeral: str
    label: str
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    code: str
    rows: tuple[Row, ...]
    groups: tuple[Group, ...] = field(default_factory=tuple)
    _by_edition: dict[str, tuple[Row, ...]] = field(default_factory=dict, init=False, repr=False, compare=False,
                                                    hash=False)

    def rows_for(self, edition: str) -> tuple[Row, ...]:
        rows = self._by_edition.get(edition)
        if rows is None:
            rows = self._by_edition[edition] = tuple(r for r in self.rows if edition in r.editions)
        return rows

    def row(self, code: str, edition: str) -> Row | None:
        for r in self.rows:
            if r.code == code and edition in r.editions:
                return r
        return None


E19 = frozenset({"2019"})
E21 = frozenset({"2021"})


def _c(code: str, label: str, label_en: str, unit: str = "count") -> Column:
    return Column(code, label, label_en, unit)


# --- 二、主动公开政府信息情况 -------------------------------------------------------------

_ISSUED = _c("issued", "本年制发件数", "documents issued this year")
_REPEALED = _c("repealed", "本年废止件数", "documents repealed this year")
_IN_FORCE = _c("in_force", "现行有效件数", "documents currently in force")
_DECISIONS_21 = _c("decisions", "本年处理决定数量", "decisions made this year")
_AMOUNT_21 = _c("amount", "本年收费金额(万元)", "fees collected this year (10,000 yuan)", "10k_yuan")
_NEW_MADE = _c("new_made", "本年新制作数量", "newly made this year")
_NEW_PUBLISHED = _c("new_published", "本年新公开数量", "newly published this year")
_TOTAL_PUBLISHED = _c("total_published", "对外公开总数量", "total published")
_PREVIOUS = _c("previous_year", "上一年项目数量", "items in the previous year")
_CHANGE = _c("change", "本年增/减", "change this year (+/-)")
_DECISIONS_19 = _c("decisions", "处理决定数量", "decisions made")
_PROJECTS = _c("projects", "采购项目数量", "procurement projects")
_PROC_AMOUNT = _c("amount", "采购总金额", "procurement total amount (10,000 yuan)", "10k_yuan")

ACTIVE_DISCLOSURE = Table(
    "active_disclosure",
    rows=(
        Row("regulations", "规章", "regulations (guizhang)", (_ISSUED, _REPEALED, _IN_FORCE),
            (r"^规章$",), E21),
        Row("normative_documents", "行政规范性文件", "normative documents",
            (_ISSUED, _REPEALED, _IN_FORCE), (r"^(行政)?规范性文件$",), E21),
        Row("licensing", "行政许可", "administrative licensing", (_DECISIONS_21,), (r"^行政许可$",), E21),
        Row("punishment", "行政处罚", "administrative punishment", (_DECISIONS_21,),
            (r"^行政处罚$",), E21),
        Row("coercion", "行政强制", "administrative coercion", (_DECISIONS_21,), (r"^行政强制$",), E21),
        Row("fees", "行政事业性收费", "administrative fees", (_AMOUNT_21,),
            (r"^行政事业性收费$",), E21),
        Row("regulations", "规章", "regulations (guizhang)",
            (_NEW_MADE, _NEW_PUBLISHED, _TOTAL_PUBLISHED), (r"^规章$",), E19),
        Row("normative_documents", "规范性文件", "normative documents",
            (_NEW_MADE, _NEW_PUBLISHED, _TOTAL_PUBLISHED), (r"^(行政)?规范性文件$",), E19),
        Row("licensing", "行政许可", "administrative licensing", (_PREVIOUS, _CHANGE, _DECISIONS_19),
            (r"^行政许可$",), E19),
        Row("other_services", "其他对外管理服务事项", "other external management services",
            (_PREVIOUS, _CHANGE, _DECISIONS_19), (r"^其他对外管理服务事项$", r"^其他对外管理服务"), E19),
        Row("punishment", "行政处罚", "administrative punishment", (_PREVIOUS, _CHANGE, _DECISIONS_19),
            (r"^行政处罚$",), E19),
        Row("coercion", "行政强制", "administrative coercion", (_PREVIOUS, _CHANGE, _DECISIONS_19),
            (r"^行政强制$",), E19),
        Row("fees", "行政事业性收费", "administrative fees", (_PREVIOUS, _CHANGE),
            (r"^行政事业性收费$",), E19),
        Row("procurement", "政府集中采购", "centralised government procurement",
            (_PROJECTS, _PROC_AMOUNT), (r"^政府集中采购$",), E19),
    ),
)

# --- 三、收到和处理政府信息公开申请情况 ---------------------------------------------------

APPLICANT_COLUMNS: tuple[Column, ...] = (
    _c("natural_person", "自然人", "natural persons"),
    _c("commercial", "商业企业", "commercial enterprises"),
    _c("research", "科研机构", "research institutions"),
    _c("social_org", "社会公益组织", "social public-interest organisations"),
    _c("legal_service", "法律服务机构", "legal service institutions"),
    _c("other_org", "其他", "other legal persons or organisations"),
    _c("total", "总计", "total"),
)

#: How a table's header names the applicant columns, normalised. Some tables merge the five kinds of
#: organisation into one column (自然人 | 法人或其他组织 | 总计): that column (``None``) is no template cell.
APPLICANT_HEADER: dict[str, str | None] = {
    "自然人": "natural_person", "法人或其他组织": None, "法人或者其他组织": None, "总计": "total", "合计": "total"}
#: The labels of the five kinds of organisation: a header naming one has the template's seven columns.
ORG_KIND_LABELS = frozenset(c.label for c in APPLICANT_COLUMNS[1:5])


def _a(code: str, label: str, label_en: str, patterns: tuple[str, ...], *, group: str | None = None,
       editions: frozenset[str] = frozenset(EDITIONS), strict_group: bool = False) -> Row:
    return Row(code, label, label_en, APPLICANT_COLUMNS, patterns, editions, group, strict_group)


APPLICATION_GROUPS = (
    Group("results", "三、本年度办理结果", (r"^本年度?办理结果$", r"^办理结果$")),
    Group("denied", "(三)不予公开", (r"^不予公开",)),
    Group("unavailable", "(四)无法提供", (r"^无法提供",)),
    Group("not_processed", "(五)不予处理", (r"^不予处理",)),
    Group("other_handling", "(六)其他处理", (r"^其他处理",), E21),
)

APPLICATIONS = Table(
    "applications",
    rows=(
        _a("new_received", "一、本年新收政府信息公开申请数量", "new requests received this year",
           (r"^本年(度)?新收", r"新收.*申请")),
        _a("carried_over", "二、上年结转政府信息公开申请数量", "requests carried over from last year",
           (r"^上年(度)?结转", r"上年.*结转")),
        _a("granted", "(一)予以公开", "granted", (r"^予以公开",)),
        _a("partially_granted", "(二)部分公开", "partially granted", (r"^部分公开",)),
        _a("denied.state_secret", "1.属于国家秘密", "denied: state secret", (r"国家秘密",), group="denied"),
        _a("denied.prohibited_by_law", "2.其他法律行政法规禁止公开", "denied: prohibited by other laws",
           (r"法律.*法规.*禁止公开", r"法规禁止公开", r"禁止公开"), group="denied"),
        _a("denied.security_stability", "3.危及“三安全一稳定”", "denied: endangers security or stability",
           (r"三安全一稳定", r"^危及"), group="denied"),
        _a("denied.third_party", "4.保护第三方合法权益", "denied: third-party rights",
           (r"第三方",), group="denied"),
        _a("denied.internal_affairs", "5.属于三类内部事务信息", "denied: internal affairs",
           (r"内部事务",), group="denied"),
        _a("denied.process_info", "6.属于四类过程性信息", "denied: process information",
           (r"过程性信息",), group="denied"),
        _a("denied.enforcement_file", "7.属于行政执法案卷", "denied: enforcement case file",
           (r"执法案卷",), group="denied"),
        _a("denied.administrative_query", "8.属于行政查询事项", "denied: administrative query matter",
           (r"行政查询",), group="denied"),
        _a("unavailable.not_held", "1.本机关不掌握相关政府信息", "unavailable: not held",
           (r"不掌握",), group="unavailable"),
        _a("unavailable.needs_creation", "2.没有现成信息需要另行制作", "unavailable: would need creating",
           (r"另行制作", r"没有现成信息"), group="unavailable"),
        _a("unavailable.unclear", "3.补正后申请内容仍不明确", "unavailable: unclear after correction",
           (r"仍不明确", r"补正后"), group="unavailable"),
        _a("not_processed.petition", "1.信访举报投诉类申请", "not processed: petition or complaint",
           (r"信访", r"举报投诉"), group="not_processed"),
        _a("not_processed.duplicate", "2.重复申请", "not processed: duplicate request",
           (r"^重复申请",), group="not_processed"),
        _a("not_processed.publication", "3.要求提供公开出版物", "not processed: asks for publications",
           (r"公开出版物", r"出版物"), group="not_processed"),
        _a("not_processed.excessive", "4.无正当理由大量反复申请", "not processed: excessive repeated requests",
           (r"大量反复", r"反复申请"), group="not_processed"),
        _a("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息",
           "not processed: asks to confirm or reissue information held",
           (r"重新出具", r"确认或"), group="not_processed"),
        _a("other_handling", "(六)其他处理", "other handling", (r"^其他处理$",), editions=E19),
        _a("other_handling.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
           "other handling: no correction in time", (r"逾期不补正", r"不补正"),
           group="other_handling", editions=E21),
        _a("other_handling.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
           "other handling: fee not paid in time", (r"收费通知", r"缴纳费用", r"未缴费", r"未缴纳"),
           group="other_handling", editions=E21),
        _a("other_handling.other", "3.其他", "other handling: other", (r"^其他$",),
           group="other_handling", editions=E21, strict_group=True),
        _a("total", "(七)总计", "total handled", (r"^总计$", r"^合计$")),
        _a("carried_forward", "四、结转下年度继续办理", "carried forward to next year",
           (r"结转下(一)?年度?", r"继续办理")),
    ),
    groups=APPLICATION_GROUPS,
)

#: Labels of the total row that, met bare under a group heading, are that group's subtotal when the
#: table has its 总计 row too (without one, a single such row is the total).
GROUP_SUBTOTAL_LABELS = frozenset({"合计"})

#: Result rows whose sum is the (七)总计 row, per edition.
RESULT_ROWS = {
    edition: tuple(
        r.code for r in APPLICATIONS.rows_for(edition)
        if r.code not in ("new_received", "carried_over", "total", "carried_forward")
    )
    for edition in EDITIONS
}
APPLICANT_PARTS = tuple(c.code for c in APPLICANT_COLUMNS if c.code != "total")
#: 第一项加第二项之和，等于第三项加第四项之和: (left rows, right rows), per column.
BALANCE = (("new_received", "carried_over"), ("total", "carried_forward"))

# --- 四、政府信息公开行政复议、行政诉讼情况 -----------------------------------------------

OUTCOME_COLUMNS: tuple[Column, ...] = (
    _c("upheld", "结果维持", "decision upheld"),
    _c("corrected", "结果纠正", "decision corrected"),
    _c("other", "其他结果", "other outcome"),
    _c("pending", "尚未审结", "pending"),
    _c("total", "总计", "total"),
)

REVIEWS_LITIGATION = Table(
    "reviews_litigation",
    rows=(
        Row("review", "行政复议", "administrative review", OUTCOME_COLUMNS, (r"^行政复议$",)),
        Row("litigation_direct", "行政诉讼·未经复议直接起诉", "lawsuit without prior review",
            OUTCOME_COLUMNS, (r"未经复议直接起诉", r"直接起诉")),
        Row("litigation_after_review", "行政诉讼·复议后起诉", "lawsuit after review",
            OUTCOME_COLUMNS, (r"复议后起诉",)),
    ),
)
REVIEW_HEADER_LABELS = (
    "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
    "未经复议直接起诉", "复议后起诉",
)
OUTCOME_PARTS = ("upheld", "corrected", "other", "pending")
#: The outcome columns named by their own labels, for the table turned on its side (a row per
#: outcome, a column per group), as hand-made and narrow layouts draw it.
OUTCOME_PATTERNS = {
    "upheld": (r"^(结果)?维持$",),
    "corrected": (r"^(结果)?纠正$",),
    "other": (r"^其他(结果)?$",),
    "pending": (r"^(尚)?未审结$",),
    "total": (r"^(总计|合计)$",),
}

TEMPLATE_TABLES = {t.code: t for t in (ACTIVE_DISCLOSURE, APPLICATIONS, REVIEWS_LITIGATION)}

# --- Edition markers: labels that exist in one edition only ----------------------------

EDITION_MARKERS = {
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额",
             "逾期不补正", "收费通知"),
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增",
             "采购项目数量", "采购总金额", "其他对外管理服务事项", "政府集中采购"),
}

# --- Header labels: known table chrome that carries no numbers --------------------------

HEADER_PATTERNS = (
    r"^第二十条第\(?[一二三四五六七八九十]+\)?项$", r"^信息内容$", r"^申请人情况$", r"^自然人$",
    r"^法人或其他组织$", r"^商业企业$", r"^科研机构$", r"^社会公益组织$", r"^法律服务机构$",
    r"勾稽关系", r"^本年新$", r"^制作数量$", r"^公开数量$", r"^本年增/?减?$", r"^减$",
    *(f"^{label}" for label in ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
                                 "本年收费金额", "本年新制作数量", "本年新公开数量", "对外公开总数量",
                                 "上一年项目数量", "处理决定数量", "采购项目数量", "采购总金额")),
    *(f"^{label}$" for label in REVIEW_HEADER_LABELS),
)

# --- Sections ----------------------------------------------------------------------------

SECTIONS = (
    Section("overview", "一", "一、总体情况", (r"总体情况", r"^概述$", r"^基本情况$")),
    Section("active_disclosure", "二", "二、主动公开政府信息情况", (r"主动公开",)),
    Section("applications", "三", "三、收到和处理政府信息公开申请情况",
            (r"收到和处理", r"依申请公开", r"公开申请情况", r"申请.*处理情况")),
    Section("reviews_litigation", "四", "四、政府信息公开行政复议、行政诉讼情况",
            (r"行政复议", r"行政诉讼")),
    Section("problems", "五", "五、存在的主要问题及改进情况",
            (r"存在的?主要问题", r"问题及改进", r"改进情况", r"存在问题", r"存在的?(?:问题|不足)",
             r"问题[与和及]不足", r"不足[与和及]改进", r"改进措施")),
    Section("other", "六", "六、其他需要报告的事项", (r"其[他它]需要?报告", r"其[他它]事项")),
)
#: Sections kept as text in the record (the others are tables).
TEXT_SECTIONS = ("overview", "problems", "other")

# --- Checks (勾稽关系) -------------------------------------------------------------------

CHECKS = (
    Check("applications.row_sum", "applications",
          "for every row: total = sum of the six applicant columns",
          "每一行：总计 = 自然人 + 法人或其他组织各列之和"),
    Check("applications.balance", "applications",
          "for every column: new_received + carried_over = total + carried_forward",
          "第一项加第二项之和，等于第三项加第四项之和"),
    Check("applications.results_sum", "applications",
          "for every column: total = sum of the result rows (granted … other_handling)",
          "(七)总计 = (一)至(六)各项之和"),
    Check("reviews_litigation.group_sum", "reviews_litigation",
          "for every group: total = upheld + corrected + other + pending",
          "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
)


def cell_codes(edition: str) -> list[tuple[str, str, str]]:
    """Every cell of an edition as ``(table, row, column)``, in template order."""
    out: list[tuple[str, str, str]] = []
    for table in (ACTIVE_DISCLOSURE, APPLICATIONS, REVIEWS_LITIGATION):
        for row in table.rows_for(edition):
            out.extend((table.code, row.code, col.code) for col in row.columns)
    return out
