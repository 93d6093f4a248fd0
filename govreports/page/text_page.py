"""Captured text (like the seeds) → clean text + the facts its chrome lines held.

Only whole chrome lines go (field lines, controls, footers, breadcrumbs, and the site
header lines above a title near the top); the text layout the parser relies on — one
cell per line, ``|``, tabs, NBSP-only blank cells — is left exactly as it was.
"""

from __future__ import annotations

import re
from functools import lru_cache

from govreports.page.chrome import (
    DOC_META_LABEL,
    DOC_META_LABELS,
    DOC_META_ONLY,
    GAP_BEFORE_FIELD,
    LABEL_SPACES,
    LABELLED,
    RELATED_BOXES,
    ChromeFacts,
    absorb_fields,
    field_values,
    is_breadcrumb,
    is_control_line,
    is_field_line,
    is_footer_line,
)
from govreports.page.titles import is_title_like, title_over_two_lines

_HEADER_SCAN = 8


@lru_cache(maxsize=4096)
def _line_kind(s: str) -> str | None:
    """``"field"`` (a field line), ``"chrome"`` (a control, breadcrumb or footer line) or ``None``.
    Cached for short lines: captured text repeats them (a running head, a page's footer, every
    blank cell); a long one is a paragraph, which the cache would only hold on to."""
    if is_field_line(s):
        return "field"
    if is_control_line(s) or is_breadcrumb(s) or is_footer_line(s):
        return "chrome"
    return None


def clean_text(text: str) -> tuple[str, ChromeFacts, str | None]:
    """``(clean text, chrome facts, title line if one opens the page)``."""
    facts = ChromeFacts()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if DOC_META_LABEL.search(text):
        _drop_doc_meta(lines, facts)
    keep: list[str] = []
    related = False  # inside a box of links to other pages at the page's end (相关文章 …)
    tail = len(lines) * 2 // 3
    for k, line in enumerate(lines):
        s = line.strip(" \t\u00a0\u3000")
        if related and s:
            if _is_linked_title(s):
                facts.removed.append(s)
                continue
            related = False
        kind = (_line_kind(s) if len(s) <= 200 else _line_kind.__wrapped__(s)) if s else None
        if kind is not None:
            if kind == "field":
                absorb_fields(field_values(s), facts)
            facts.removed.append(s)
            related = k >= tail and _RELATED_HEADING.match(s) is not None
            continue
        keep.append(line)
    title = _drop_site_header(keep, facts)
    return "\n".join(keep).strip("\n"), facts, title


#: The heading of a box of links to other pages (相关文章, 【相关链接】：…), whose lines are their titles.
_RELATED_HEADING = re.compile(rf"^[【\[]?\s*(?:{'|'.join(RELATED_BOXES)}|相关推荐|往期回顾)\s*[】\]]?\s*[:：]?\s*$")
_BULLET = " ·•・-—*>◆●■□◇▪▸→"


def _is_linked_title(line: str) -> bool:
    """A line of a related-links box: another page's title (a bullet before it, a date after it, at
    most), not report text (a sentence, a table's row, a section heading)."""
    title = line.strip(_BULLET)
    return 0 < len(title) <= 80 and "。" not in title and "\t" not in title and "|" not in title \
        and not title.replace(".", "").replace(",", "").isdigit() \
        and not title.startswith(("一、", "二、", "三、", "四、", "五、", "六、", "七、"))


def _drop_site_header(lines: list[str], facts: ChromeFacts) -> str | None:
    """Lines above a title at the top of the page are the portal's header (石家庄市桥西区人民政府),
    unless the title goes on from one of them (:func:`title_over_two_lines`)."""
    seen = 0
    above: int | None = None  # the last non-blank line before this one
    for i, line in enumerate(lines):
        s = line.strip(" \t\u00a0\u3000")
        if not s:
            continue
        seen += 1
        if seen > _HEADER_SCAN:
            return None
        joined = title_over_two_lines(lines[above], s) if above is not None else None
        if joined is not None or is_title_like(s):
            if joined is not None:  # one title over two lines
                lines[above], lines[i] = "", joined
                s = joined
            for j in range(i):
                t = lines[j].strip(" \t\u00a0\u3000")
                if t and len(t) <= 40 and "。" not in t:
                    facts.removed.append(t)
                    lines[j] = ""
            return s
        if len(s) > 60 or "。" in s:
            return None
        above = i
    return None


#: The fields of a metadata table's line as captured text: ``|`` or tabs, or a column gap of spaces.
_META_FIELDS = re.compile(r"[|｜\t]|[ \u00a0\u3000]{2,}")
_DOC_META_SET = frozenset(DOC_META_LABELS)
#: Single characters set apart by spaces, a field of their own (between separators, before a colon).
_SPACED_WORD = re.compile(r"(?<![^\s|｜\t])[\u4e00-\u9fff](?:[ \u00a0\u3000]+[\u4e00-\u9fff])+(?![^\s|｜\t:：])")


def _meta_pairs(line: str) -> dict[str, str] | None:
    """A line of a metadata table as captured text (``索 引 号 | 014416330/2018-04736 | 分 类 | …``,
    ``发布机构：区政府办　成文日期：2022-01-20``): ``{label: value}`` of its known labels; ``None``
    when the line is anything else (a field that neither is a label nor follows one, a long one)."""
    if len(line) > 400 or not DOC_META_LABEL.search(line):
        return None
    # a label letter-spaced by a column gap's width (文　　号, 分　　类) is one field, not one a character
    line = _SPACED_WORD.sub(lambda m: LABEL_SPACES.sub("", m.group(0)), line)
    # … and a label with its colon after a single space starts a field (发布机构：区政府办　成文日期：…)
    line = GAP_BEFORE_FIELD.sub("\t", line)
    fields = [f.strip(" \u00a0\u3000") for f in _META_FIELDS.split(line)]
    fields = [f for f in fields if f]
    if not fields or len(fields) > 12 or max(map(len, fields)) > 80 or "本年" in line or "申请" in line:
        return None
    pairs: dict[str, str] = {}
    unknown = 0  # labels this catalogue does not know (分 类), each followed by its value
    pending: str | None = None  # the label whose value comes next ("": an unknown one)
    for f in fields:
        m = LABELLED.match(f)
        name = LABEL_SPACES.sub("", m.group(1) if m else f)
        if name in _DOC_META_SET:
            pairs[name], pending = (m.group(2).rstrip(" \u00a0\u3000"), None) if m else ("", name)
        elif pending is not None:
            if pending:
                pairs[pending] = f
            pending = None
        elif len(name) <= 6 and not any(ch.isdigit() for ch in name):
            unknown, pending = unknown + 1, ""
        else:
            return None
    return pairs if pairs and len(pairs) >= unknown else None


#: A page's metadata table sits above the report or below it: the lines searched for one.
_META_HEAD, _META_TAIL = 300, 100


def _drop_doc_meta(lines: list[str], facts: ChromeFacts) -> None:
    """A metadata table captured as text (its lines holding three of its labels or more between
    them) is metadata, not report text: its lines are blanked and what they say is kept. Sought
    in the page's first and last lines, where such a table sits."""
    n = len(lines)
    _drop_doc_meta_in(lines, 0, min(n, _META_HEAD), facts)
    if n > _META_HEAD:
        _drop_doc_meta_in(lines, max(_META_HEAD, n - _META_TAIL), n, facts)


def _drop_doc_meta_in(lines: list[str], start: int, end: int, facts: ChromeFacts) -> None:
    i = start
    while i < end:
        block: list[tuple[int, dict[str, str]]] = []
        j = i
        while j < end and (pairs := _meta_pairs(lines[j])) is not None:
            block.append((j, pairs))
            j += 1
        labels = {k for _j, pairs in block for k in pairs}
        if len(labels) >= 3 and not labels.isdisjoint(DOC_META_ONLY):  # (not a run of chrome field lines)
            for k, pairs in block:
                facts.removed.append(lines[k].strip())
                lines[k] = ""
                for label, value in pairs.items():
                    facts.doc_meta.setdefault(label, value)
        i = j + 1 if j > i else i + 1
