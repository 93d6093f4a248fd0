"""The portal chrome catalogue: what a line of page furniture looks like, and what it says.

Chrome is recognised only when a line is *essentially* furniture (a field line such as
``发布时间:… 来源:…``, or a bare control such as 【打印】): a report line that merely mentions
政策解读 is never touched. What the chrome says (date, source, views) is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SP = r"[\s\u00a0\u3000]*"
#: Field labels that open a chrome "field line" (发布时间：2021-01-15 来源：某局 浏览次数：…).
FIELD_LABELS = (
    "发布时间", "发布日期", "发文日期", "更新时间", "更新日期", "时间", "日期", "来源", "信息来源", "文章来源",
    "稿件来源", "发布机构", "发布单位", "浏览次数", "阅读次数", "浏览量", "阅读量", "点击数", "点击量", "点击率",
    "累计次数", "访问次数", "访问量", "浏览数", "阅读数", "字体", "字号", "文章字号", "作者", "编辑", "责任编辑", "审核",
    "供稿", "录入时间", "发稿时间", "上传时间", "公开时间",
    "成文日期", "生成日期", "印发日期",  # (read whole: their 日期 is no publishing date, nor part of a source)
)
#: The labels of a 信息公开 page's metadata table (索引号 | … | 发布日期 | …): metadata, not report text.
DOC_META_LABELS = ("索引号", "主题分类", "发文机关", "发布机构", "成文日期", "发文字号", "文号", "发布日期",
                   "有效性", "信息分类", "公开方式", "公开范围", "组配分类", "体裁分类", "生成日期", "公开时限",
                   "信息名称", "名称", "内容分类", "主题词", "关键词", "所属机构", "公开形式", "文件编号",
                   "发文日期", "公开日期", "发布时间", "发布单位", "信息来源", "公开主体", "责任部门", "产生日期",
                   "标题", "文件名称")
#: The metadata labels no chrome field line has (索引号, 主题分类, 文号 …): a block holding none of them
#: is a field line (发布日期：… 信息来源：…), not the metadata table.
DOC_META_ONLY = frozenset(DOC_META_LABELS) - frozenset(FIELD_LABELS)
#: Its labels for the publishing date and for the publishing body, most telling first (成文日期, when
#: the document was written, is no publishing date).
DOC_META_DATES = ("发布日期", "发布时间", "公开日期", "发文日期")
DOC_META_SOURCES = ("发文机关", "发布机构", "发布单位", "公开主体", "信息来源")
#: … and for the document's title (the page's title when neither its head nor its content names the
#: report: 名称：某局2022年政府信息公开工作年度报告).
DOC_META_TITLES = ("名称", "信息名称", "标题", "文件名称")
#: Labels are often letter-spaced to line up in their column (``索 引 号``, ``有 效 性``, ``文　　号``).
LABEL_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_SPACED_LABELS = "|".join(r"[\s\u00a0\u3000]*".join(map(re.escape, label))
                          for label in sorted(DOC_META_LABELS, key=len, reverse=True))
#: Any metadata label, letter-spaced or not (``索 引 号``).
DOC_META_LABEL = re.compile(_SPACED_LABELS)
#: A metadata label followed by its colon (``索 引 号：``).
_DOC_META_FIELD = re.compile(rf"({_SPACED_LABELS})[\s\u00a0\u3000]*[:：]")
#: The gap of spaces before a metadata label written with its colon (``… 成文日期：``): where a line's next
#: ``label：value`` starts.
GAP_BEFORE_FIELD = re.compile(r"[ \u00a0\u3000]+(?=(?:" + "|".join(sorted(DOC_META_LABELS, key=len, reverse=True))
                              + r")[:：])")
#: A cell or field written ``label：value`` (the label before the first colon, its value after).
LABELLED = re.compile(r"^([^:：]{2,16})[:：]\s*(.*)$")


def doc_meta_labels(text: str) -> set[str]:
    """The metadata labels a text holds, keyed without letter-spacing."""
    return {LABEL_SPACES.sub("", m) for m in DOC_META_LABEL.findall(text)}


def cut_before(text: str, probes: tuple[str | None, ...]) -> str:
    """``text`` up to the first of ``probes`` found after its start: the page's title or agency that
    a run-together text goes on with (the texts of elements written without a break between them)."""
    for probe in probes:
        if probe and (i := text.find(probe, 1)) > 0:
            text = text[:i]
    return text


def doc_meta_from(text: str) -> str:
    """``text`` from its first metadata label on (``""`` when it holds none)."""
    m = _DOC_META_FIELD.search(text)
    return text[m.start():] if m else ""


def doc_meta_pairs(text: str) -> dict[str, str] | None:
    """A line of a metadata block written as ``label：value`` pairs (``索 引 号：014416330/2018-04736
    发布机构：市政府办 …``, a ``<ul>`` of them): ``{label: value}``, keyed without letter-spacing; ``None``
    for anything else (it opens with a label, and holds two of them at least)."""
    if len(text) > 400 or ("：" not in text and ":" not in text) or "本年" in text or "申请" in text:
        return None
    matches = list(_DOC_META_FIELD.finditer(text))
    if not matches or matches[0].start() > 2 or len({m.group(1) for m in matches}) < 2 \
            or not any(LABEL_SPACES.sub("", m.group(1)) in DOC_META_ONLY for m in matches):
        return None
    out: dict[str, str] = {}
    for m, nxt in zip(matches, [*matches[1:], None], strict=True):
        value = text[m.end():nxt.start() if nxt else len(text)].strip(" \u00a0\u3000|｜;；,，")
        out.setdefault(LABEL_SPACES.sub("", m.group(1)), value)
    return out


_FIELD = re.compile(rf"({'|'.join(sorted(FIELD_LABELS, key=len, reverse=True))}){_SP}[:：]")
#: A date, and a time after it: ``2021-02-10 10:31``, ``2021年2月10日``, ``2021/02/10 10时31分``.
_DATE_PATTERN = (r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?"
                 r"(?:[\sT\u00a0]*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?")
#: A date written before a line's first field, with no label: ``2021-02-10 10:31 来源：某局``.
_LEADING_DATE = f"(?:{_DATE_PATTERN})"
_FIELD_START = re.compile(
    rf"^[【\[（(]?{_SP}(?:{_LEADING_DATE}{_SP}[】\]）)]?{_SP}[【\[]?{_SP})?(?:{'|'.join(FIELD_LABELS)}){_SP}[:：]")
_DATE_ONLY = re.compile(rf"^[\s\u00a0\u3000【\[（(]*({_LEADING_DATE})[\s\u00a0\u3000】\]）)|｜【\[]*$")

#: The headings of boxes of links to other pages (a related-links box): a line of one is chrome, and so
#: is one naming a page after it (相关链接：…), as are the previous/next article's lines.
RELATED_BOXES = ("相关文章", "相关链接", "相关阅读", "相关稿件", "相关文件", "相关信息", "推荐阅读", "延伸阅读")
#: Whole lines that are controls or boxes (matched against the line with spaces/brackets removed).
_CONTROL_WORDS = (
    *RELATED_BOXES, "相关推荐", "往期回顾",
    "打印", "打印本页", "打印此页", "打印文章", "关闭", "关闭窗口", "关闭本页", "我要纠错", "纠错", "分享到", "分享",
    "收藏", "返回顶部", "返回", "上一篇", "下一篇", "大", "中", "小", "大中小", "字体大中小", "字号大中小",
    "扫一扫在手机打开当前页", "扫一扫在手机打开当前页面", "扫码查看手机版", "手机扫一扫", "扫一扫",
    "在手机上查看", "用手机扫描二维码", "政策解读", "相关解读", "相关附件",
    "附件下载", "附件", "长者模式", "无障碍浏览", "无障碍", "繁體版", "繁体版", "简体版", "English",
    "全真版", "文字版", "文件下载", "网站地图", "联系我们", "设为首页", "加入收藏", "微信", "微博", "QQ空间",
    "视力保护色", "保护色", "默认", "背景色",
)
_CONTROL_SET = frozenset(_CONTROL_WORDS)
_STRIP_CONTROL = re.compile(r"[\s\u00a0\u3000【】\[\]（）()<>《》:：|｜/、,，.。·•\-—_]+")
_FOOTER = re.compile(
    r"(主办单位|承办单位|维护单位|网站标识码|ICP备|ICP证|公网安备|京公网|版权所有|Copyright|©|技术支持|"
    r"网站地图|建议使用.*浏览器|分辨率|当前位置|您现在的位置|您的位置|所在位置)",
    re.I,
)
_BREADCRUMB = re.compile(r"^(?:您?当前的?位置|您现在(?:所在)?的位置|您的位置|所在位置|位置)\s*[:：]"
                         r"|^(?:网站)?首页\s*(?:[>＞»›/／|｜→]|-(?!\d)|—|>>)")
#: How a control line can start: a control word's first character, or a bracket or separator that
#: :data:`_STRIP_CONTROL` drops (a line that starts otherwise is told at once, not stripped first).
_CONTROL_FIRST = frozenset({w[0] for w in _CONTROL_WORDS} | set("【】[]（）()<>《》:：|｜/、,，.。·•-—_"))
_SHARE_LINE = re.compile(r"^(分享到|分享至|打印|【打印|【字体|字体|字号|【字号|扫一扫|【关闭)")


def is_control_line(line: str) -> bool:
    """A line that is only controls: 【打印】【关闭窗口】, 字体:[大 中 小], 扫一扫在手机打开当前页, 政策解读:."""
    s = line.strip()
    if not s or len(s) > 120 or s[0] not in _CONTROL_FIRST:
        return False
    if _NAV_LINE.match(s):
        return True  # 上一篇：某区2021年…年度报告 — another page's title, not this report's text
    if len(s) > 60:
        return False
    bare = _STRIP_CONTROL.sub("", s)
    if bare in _CONTROL_SET:
        return True
    if len(s) > 40:
        return False
    words = [w for w in _CONTROL_SPLIT.split(s) if w]
    if len(words) > 1 and all(w in _CONTROL_SET for w in words):
        return True  # controls side by side: 【全真版】【文字版】, 打印 | 关闭
    if _SHARE_LINE.match(s):
        return all(w in _CONTROL_SET or w in ("字体", "字号", "【字体", "【字号") for w in words) \
            or bare.startswith(("字体", "字号", "打印", "分享到", "扫一扫"))
    return False


#: A line naming other pages: the previous or next article, a related-links box.
_NAV_LINE = re.compile(rf"^[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页|{'|'.join(RELATED_BOXES)})\s*[】\]]?\s*[:：]")
_CONTROL_SPLIT = re.compile(r"[\s\u00a0\u3000【】\[\]:：|｜]+")


def is_field_line(line: str) -> bool:
    """发布时间：… 来源：… 浏览次数：… — a line that begins with a chrome field label (every
    label is Chinese: an ASCII line, such as the script and style lines of a page's text, is not one)."""
    s = line.strip()
    return bool(s) and len(s) <= 160 and not s.isascii() and bool(_FIELD_START.match(s))


def is_footer_line(line: str) -> bool:
    """版权所有 … ICP备 …, 当前位置: — a footer or position line: short, and no sentence (unless it
    names the ICP licence). The sentence test comes first: the footer pattern, case-blind and with
    no common first character, costs ~2 µs a line, asked of most of a page's new lines."""
    s = line.strip()
    if not s or len(s) > 120 or ("。" in s and "ICP" not in s):
        return False
    return _FOOTER.search(s) is not None


def is_breadcrumb(line: str) -> bool:
    return bool(_BREADCRUMB.match(line.strip()))


@dataclass
class ChromeFacts:
    """What the chrome said before it was removed."""

    published_at: str | None = None
    source: str | None = None
    views: str | None = None
    removed: list[str] = field(default_factory=list)
    #: A metadata table's labels and values (索引号, 发布机构, 发文日期 …), keyed without letter-spacing.
    doc_meta: dict[str, str] = field(default_factory=dict)


_DATE = re.compile(_DATE_PATTERN)


def parse_date(text: str | None) -> str | None:
    """The first date in a string, as ISO 8601 (``2021-02-10T10:31:00``, or ``2021-02-10`` with no time)."""
    if not text:
        return None
    m = _DATE.search(text)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1990 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    if m.group(4) is not None:
        h, mi, s = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
        if h < 24 and mi < 60 and s < 60:
            return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}"
    return f"{y:04d}-{mo:02d}-{d:02d}"


def field_values(line: str) -> dict[str, str]:
    """``来源: 某局 发布时间:2024-01-11 15:05 累计次数:`` → {来源: 某局, 发布时间: 2024-01-11 15:05, …}."""
    out: dict[str, str] = {}
    matches = list(_FIELD.finditer(line))
    if matches and (lead := _DATE_ONLY.match(line[: matches[0].start()])):
        out["发布时间"] = lead.group(1)  # the date a portal shows before the source, unlabelled
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        value = line[m.end():end].strip(" \u00a0\u3000|｜【】[]")
        out.setdefault(m.group(1), value)
    return out


_SOURCE_LABELS = ("来源", "信息来源", "文章来源", "稿件来源", "发布机构", "发布单位")
_DATE_LABELS = ("发布时间", "发布日期", "发文日期", "时间", "日期", "更新时间", "更新日期", "公开时间", "发稿时间",
                "录入时间", "上传时间")


#: What never belongs to a source's name: a control or separator written right after it.
_SOURCE_END = re.compile(r"[【\[|｜]|分享|打印|扫一扫|字号|字体")


def source_name(value: str, before: tuple[str | None, ...] = ()) -> str | None:
    """The source a field's value names: up to a column gap, a control written after it (【打印】),
    or any of ``before`` (the page's title, its agency) when they follow it — a page's text runs the
    texts of elements written without a break between them together (区民政局 + 某局2022年…年度报告)."""
    source = re.split(r"[\s\u00a0\u3000]{2,}", value.strip())[0]
    if m := _SOURCE_END.search(source, 1):
        source = source[:m.start()]
    source = cut_before(source, before).strip()
    return source if source and len(source) <= 40 and not parse_date(source) else None


def absorb_fields(values: dict[str, str], facts: ChromeFacts, before: tuple[str | None, ...] = ()) -> None:
    """Take the date, source and views a field line gives (``before``: see :func:`source_name`)."""
    for label in _DATE_LABELS:
        if facts.published_at is None and label in values:
            facts.published_at = parse_date(values[label])
    for label in _SOURCE_LABELS:
        if facts.source is None and values.get(label):
            facts.source = source_name(values[label], before)
    for label in ("浏览次数", "阅读次数", "点击数", "累计次数", "访问次数"):
        if facts.views is None and values.get(label):
            facts.views = values[label]


def strip_chrome_fragment(line: str, facts: ChromeFacts) -> str:
    """Remove a chrome tail/head inside a report line (rare), recording its facts."""
    m = _FIELD.search(line)
    if m and m.start() > 0 and len(line) - m.start() <= 120:
        head = line[: m.start()]
        if is_title_tail(head):
            absorb_fields(field_values(line[m.start():]), facts)
            facts.removed.append(line[m.start():])
            return head.rstrip()
    return line


def field_line_after_title(line: str) -> str | None:
    """The field line a page's text runs on to after its title (``…年度报告来源：某局``, the texts of
    a title and the line under it written without a break), from its first field label on."""
    m = _FIELD.search(line)
    return line[m.start():] if m and m.start() > 0 and is_title_tail(line[:m.start()]) else None


def is_title_tail(text: str) -> bool:
    return text.strip().endswith(("报告", "年报"))
