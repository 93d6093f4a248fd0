"""Render a synthetic report the ways real portals do: four HTML styles and five text layouts.

HTML: ``wps`` (one table per template table, rowspan/colspan header blocks, ``<td><p><span>``
as Word/WPS exports), ``merged`` (all three tables in one ``<table>``), ``split`` (the 第二十条
blocks as separate tables nested in a layout table, cells made of several ``<p>``), ``unmerged``
(``wps`` with every merged cell written out as empty cells, as editors that do not merge do). Text:
``cells`` (one cell per line, blank lines between, NBSP-only lines for blank cells — seeds
000/003), ``pipe`` (seed 001), ``tabs`` (seed 004), ``markdown``, ``pdf`` (columns as runs of
spaces). Wording variants seen in the wild are picked at random.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from html import escape

import lxml.html

from govreports.synth.report import SynthReport
from govreports.template.national import (
    ACTIVE_DISCLOSURE,
    APPLICANT_COLUMNS,
    APPLICATIONS,
    OUTCOME_COLUMNS,
    REVIEWS_LITIGATION,
    SECTIONS,
)

#: wps: Word/WPS paste (rowspan/colspan, <p><span> cells); merged: the three tables in one; split: each
#: block its own table inside layout tables; unmerged: wps with every merged cell written out as empty
#: cells (editors that do not merge: the label's colspan beside it, a group's rowspan before its rows).
HTML_STYLES = ("wps", "merged", "split", "unmerged")
TEXT_LAYOUTS = ("cells", "pipe", "tabs", "markdown", "pdf")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

#: Article-20 blocks of the active-disclosure table: (heading, header labels, row codes) per edition.
AD_BLOCKS = {
    "2021": (("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"), ("regulations", "normative_documents")),
             ("第二十条第（五）项", ("本年处理决定数量",), ("licensing",)),
             ("第二十条第（六）项", ("本年处理决定数量",), ("punishment", "coercion")),
             ("第二十条第（八）项", ("本年收费金额（单位：万元）",), ("fees",))),
    "2019": (("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
              ("regulations", "normative_documents")),
             ("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"), ("licensing", "other_services")),
             ("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"), ("punishment", "coercion")),
             ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), ("fees",)),
             ("第二十条第（九）项", ("采购项目数量", "采购总金额"), ("procurement",))),
}
_VARIANTS = {
    "2.其他法律行政法规禁止公开": ("2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开"),
    "1.属于国家秘密": ("1.属于国家秘密", "1.屬于国家秘密"),
}


class Style:
    """Random choices that stay fixed for one rendering."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fullwidth = rng.random() < 0.15
        self.thousands = rng.random() < 0.5
        self.paren = rng.random() < 0.5  # （一） vs (一)
        self.note = rng.random() < 0.7

    def num(self, v: int | float | None) -> str:
        if v is None:
            return ""
        if isinstance(v, float):
            s = f"{v:.4f}"
        elif self.thousands and abs(v) >= 1000:
            s = f"{v:,}"
        else:
            s = str(v)
        return s.translate(_FULLWIDTH) if self.fullwidth else s

    def label(self, text: str) -> str:
        text = self.rng.choice(_VARIANTS.get(text, (text,)))
        if not self.paren:
            text = text.replace("（", "(").replace("）", ")")
        return text


def _row_label(row_code: str, style: Style) -> list[str]:
    """The label cells of an applications row: [group, item] or [single]."""
    row = next(r for r in APPLICATIONS.rows if r.code == row_code)
    label = row.label
    if row_code == "partially_granted" and style.note:
        label = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    if row.group:
        group = next(g.label for g in APPLICATIONS.groups if g.code == row.group)
        return [style.label(group), style.label(label)]
    return [style.label(label)]


def _app_rows(report: SynthReport) -> list[tuple[str, list[int | float | None]]]:
    """The applications rows as the page shows them, with any damage from ``page_changes`` applied."""
    data = report.gold["applications"]
    changes = report.page_changes
    rows = []
    for r in APPLICATIONS.rows_for(report.edition):
        values = [changes.get("set", {}).get((r.code, c.code), data[r.code][c.code]) for c in r.columns]
        if changes.get("drop", (None,))[0] == r.code:
            del values[[c.code for c in r.columns].index(changes["drop"][1])]
        rows.append((r.code, values))
        if changes.get("duplicate", (None,))[0] == r.code:
            dup = list(values)
            if changes["duplicate"][1] is not None:
                dup[0] = changes["duplicate"][1]
            rows.append((r.code, dup))
    return rows


def _section(code: str) -> str:
    return next(s.label for s in SECTIONS if s.code == code)


# --- HTML -----------------------------------------------------------------------------------

def _td(text: str, style: Style, attrs: str = "", paras: bool = False) -> str:
    inner = escape(text) if text else "&nbsp;"
    if paras and style.rng.random() < 0.7:
        inner = f'<p style="text-align:center"><span style="font-family:仿宋_GB2312;font-size:14px">{inner}</span></p>'
    return f"<td{attrs}>{inner}</td>"


def _html_ad(report: SynthReport, style: Style, paras: bool) -> list[list[str]]:
    """Active-disclosure blocks as lists of <tr> strings (one list per 第二十条 block)."""
    data = report.gold["active_disclosure"]
    blocks = []
    for heading, headers, rows in AD_BLOCKS[report.edition]:
        span = 3
        trs = [f'<tr>{_td(heading, style, f" colspan={span + 1}", paras)}</tr>']
        extra = span - len(headers) + 1
        hdr = "".join(_td(style.label(h), style,
                          f" colspan={extra}" if i == len(headers) - 1 and extra > 1 else "", paras)
                      for i, h in enumerate(headers))
        trs.append(f"<tr>{_td('信息内容', style, '', paras)}{hdr}</tr>")
        for code in rows:
            row = next(r for r in ACTIVE_DISCLOSURE.rows_for(report.edition) if r.code == code)
            cells = "".join(_td(style.num(data[code][c.code]), style,
                                f" colspan={extra}" if i == len(row.columns) - 1 and extra > 1 else "", paras)
                            for i, c in enumerate(row.columns))
            trs.append(f"<tr>{_td(style.label(row.label), style, '', paras)}{cells}</tr>")
        blocks.append(trs)
    return blocks


def _html_app(report: SynthReport, style: Style, paras: bool) -> list[str]:
    commercial = style.rng.choice(("商业企业", "商业 企业", "商业<br>企业"))
    trs = [
        "<tr>" + _td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", style,
                     " colspan=3 rowspan=3", paras) + _td("申请人情况", style, " colspan=7", paras) + "</tr>",
        "<tr>" + _td("自然人", style, " rowspan=2", paras) + _td("法人或其他组织", style, " colspan=5", paras)
        + _td("总计", style, " rowspan=2", paras) + "</tr>",
        "<tr>" + f"<td>{commercial}</td>" + "".join(_td(c.label, style, "", paras)
                                                   for c in APPLICANT_COLUMNS[2:6]) + "</tr>",
    ]
    results_span = sum(1 for code, _ in _app_rows(report)
                       if code not in ("new_received", "carried_over", "carried_forward"))
    first_result = True
    open_group: str | None = None
    for code, values in _app_rows(report):
        labels = _row_label(code, style)
        cells = "".join(_td(style.num(v), style, "", paras) for v in values)
        head = ""
        if code in ("new_received", "carried_over", "carried_forward"):
            head = _td(labels[0], style, " colspan=3", paras)
        else:
            if first_result:
                head += _td("三、本年度办理结果", style, f" rowspan={results_span}", paras)
                first_result = False
            if len(labels) == 2:
                group = labels[0]
                if group != open_group:
                    n = sum(1 for c, _ in _app_rows(report) if c.startswith(code.split(".")[0] + "."))
                    head += _td(group, style, f" rowspan={n}", paras)
                    open_group = group
                head += _td(labels[1], style, "", paras)
            else:
                head += _td(labels[0], style, " colspan=2", paras)
                open_group = None
        trs.append(f"<tr>{head}{cells}</tr>")
    return trs


def _html_reviews(report: SynthReport, style: Style, paras: bool) -> list[str]:
    data = report.gold["reviews_litigation"]
    outcome = "".join(_td(c.label, style, "", paras) for c in OUTCOME_COLUMNS)
    values = "".join(_td(style.num(data[r.code][c.code]), style, "", paras)
                     for r in REVIEWS_LITIGATION.rows for c in OUTCOME_COLUMNS)
    return [
        "<tr>" + _td("行政复议", style, " colspan=5", paras) + _td("行政诉讼", style, " colspan=10", paras) + "</tr>",
        "<tr>" + "".join(_td(c.label, style, " rowspan=2", paras) for c in OUTCOME_COLUMNS)
        + _td("未经复议直接起诉", style, " colspan=5", paras) + _td("复议后起诉", style, " colspan=5", paras) + "</tr>",
        f"<tr>{outcome}{outcome}</tr>",
        f"<tr>{values}</tr>",
    ]


def _narrative_html(report: SynthReport, tables: dict[str, str]) -> str:
    g = report.gold
    parts = [f'<p style="text-align:center"><strong>{escape(g["title"])}</strong></p>',
             f"<p>{_section('overview')}</p>"]
    parts += [f"<p>{escape(p)}</p>" for p in report.paragraphs]
    for code in ("active_disclosure", "applications", "reviews_litigation"):
        parts.append(f"<p><strong>{_section(code)}</strong></p>")
        parts.append(tables.get(code, ""))
    parts += [f"<p>{_section('problems')}</p>", f"<p>{escape(report.problems)}</p>",
              f"<p>{_section('other')}</p>", f"<p>{escape(report.other)}</p>",
              f'<p style="text-align:right">{escape(g["agency"])}</p>',
              f'<p style="text-align:right">{escape(report.signed)}</p>']
    return "\n".join(parts)


_TABLE = '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:600px">'


def render_html(report: SynthReport, style: str = "wps", seed: int = 0) -> str:
    """The report body as a portal's editor would store it (a fragment; wrap it with synth.pages)."""
    st = Style(random.Random(seed))
    paras = style != "merged"
    ad_blocks = _html_ad(report, st, paras)
    if style == "merged":
        trs = [f'<tr><td colspan="10">{_section("active_disclosure")}</td></tr>']
        trs += [tr for block in ad_blocks for tr in block]
        trs += [f'<tr><td colspan="10">{_section("applications")}</td></tr>', *_html_app(report, st, paras)]
        trs += [f'<tr><td colspan="15">{_section("reviews_litigation")}</td></tr>', *_html_reviews(report, st, paras)]
        g = report.gold
        body = [f"<p><strong>{escape(g['title'])}</strong></p>", f"<p>{_section('overview')}</p>",
                *(f"<p>{escape(p)}</p>" for p in report.paragraphs),
                f"{_TABLE}<tbody>{''.join(trs)}</tbody></table>",
                f"<p>{_section('problems')}</p><p>{escape(report.problems)}</p>",
                f"<p>{_section('other')}</p><p>{escape(report.other)}</p>",
                f"<p>{escape(g['agency'])}</p><p>{escape(report.signed)}</p>"]
        return "\n".join(body)
    if style == "split":
        inner = "".join(f"{_TABLE}<tbody>{''.join(b)}</tbody></table>" for b in ad_blocks)
        ad = f'<table width="100%"><tr><td>{inner}</td></tr></table>'
        app = f'<table width="100%"><tr><td><div>{_TABLE}<tbody>{"".join(_html_app(report, st, True))}' \
              f'</tbody></table></div></td></tr></table>'
    else:
        ad = f"{_TABLE}<tbody>{''.join(tr for b in ad_blocks for tr in b)}</tbody></table>"
        app = f"{_TABLE}<tbody>{''.join(_html_app(report, st, paras))}</tbody></table>"
    rev = f"{_TABLE}<tbody>{''.join(_html_reviews(report, st, paras))}</tbody></table>"
    body = _narrative_html(report, {"active_disclosure": ad, "applications": app, "reviews_litigation": rev})
    return _unmerge(body) if style == "unmerged" else body


def _unmerge(fragment: str) -> str:
    """Every rowspan/colspan of the fragment's tables written out as empty cells (a full grid)."""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for table in root.iter("table"):
        pending: dict[int, int] = {}  # column → rows it is still covered by a rowspan from above
        for tr in table.iter("tr"):
            cells, col = list(tr), 0
            for cell in cells:
                tr.remove(cell)
            for cell in cells:
                while pending.get(col):
                    pending[col] -= 1
                    tr.append(lxml.html.Element("td"))
                    col += 1
                span = int(cell.attrib.pop("colspan", 1))
                down = int(cell.attrib.pop("rowspan", 1))
                tr.append(cell)
                for k in range(span):
                    if k:
                        tr.append(lxml.html.Element("td"))
                    if down > 1:
                        pending[col + k] = down - 1
                col += span
            while pending.get(col):
                pending[col] -= 1
                tr.append(lxml.html.Element("td"))
                col += 1
    return "".join(lxml.html.tostring(el, encoding="unicode") for el in root)


# --- text -------------------------------------------------------------------------------------

def _text_rows(report: SynthReport, st: Style) -> dict[str, list[tuple[list[str], list[str]]]]:
    """(labels, values) per table, values already formatted ('' = blank)."""
    data = report.gold
    ad = []
    for heading, headers, rows in AD_BLOCKS[report.edition]:
        ad.append(([heading], []))
        ad.append((["信息内容", *(st.label(h) for h in headers)], []))
        for code in rows:
            row = next(r for r in ACTIVE_DISCLOSURE.rows_for(report.edition) if r.code == code)
            ad.append(([st.label(row.label)], [st.num(data["active_disclosure"][code][c.code])
                                               for c in row.columns]))
    app: list[tuple[list[str], list[str]]] = [
        (["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"], []),
        (["自然人", "法人或其他组织", "总计"], []),
        ([st.label(c.label) for c in APPLICANT_COLUMNS[1:6]], []),
    ]
    first = True
    group = None
    for code, values in _app_rows(report):
        labels = _row_label(code, st)
        if len(labels) == 2:
            labels = labels[1:] if labels[0] == group else labels
            group = labels[0] if len(labels) == 2 else group
        if code not in ("new_received", "carried_over", "carried_forward") and first:
            labels = ["三、本年度办理结果", *labels]
            first = False
        app.append((labels, [st.num(v) for v in values]))
    rv = [(["行政复议", "行政诉讼"], []),
          ([c.label for c in OUTCOME_COLUMNS] + ["未经复议直接起诉", "复议后起诉"], []),
          ([c.label for c in OUTCOME_COLUMNS] * 2, []),
          ([], [st.num(data["reviews_litigation"][r.code][c.code])
                for r in REVIEWS_LITIGATION.rows for c in OUTCOME_COLUMNS])]
    return {"active_disclosure": ad, "applications": app, "reviews_litigation": rv}


def _line_cells(labels: list[str], values: list[str]) -> list[str]:
    return [*labels, *values]


def _fmt_cells(labels: list[str], values: list[str]) -> list[str]:
    out = [x for lab in labels for x in (lab, "")]
    for v in values:
        out += [v if v else "\u00a0", ""]
    return out


def _fmt_pipe(labels: list[str], values: list[str]) -> list[str]:
    out = [f"{lab} |" for lab in labels]
    if labels and not values:
        out.append("|||")
    out += [f"{v} |" for v in values]
    return out


def _fmt_tabs(labels: list[str], values: list[str]) -> list[str]:
    return ["\t".join([*labels, *values]) + ("\t" if values else "")]


def _fmt_markdown(labels: list[str], values: list[str]) -> list[str]:
    return ["| " + " | ".join([*labels, *values]) + " |"]


def _fmt_pdf(labels: list[str], values: list[str]) -> list[str]:
    return ["    ".join(labels) + ("      " + "   ".join(values) if values else "")]


_FORMATTERS: dict[str, Callable[[list[str], list[str]], list[str]]] = {
    "cells": _fmt_cells, "pipe": _fmt_pipe, "tabs": _fmt_tabs, "markdown": _fmt_markdown, "pdf": _fmt_pdf,
}


def render_text(report: SynthReport, layout: str = "cells", seed: int = 0) -> str:
    """The report as captured text in one of :data:`TEXT_LAYOUTS`."""
    st = Style(random.Random(seed))
    st.thousands = st.thousands and layout not in ("pdf",)
    fmt = _FORMATTERS[layout]
    sep = "\n\n" if layout == "cells" else "\n"
    g = report.gold
    out: list[str] = [g["title"], _section("overview"), *report.paragraphs]
    for code, rows in _text_rows(report, st).items():
        out.append(_section(code))
        if layout == "markdown":
            out.append("| " + " | ".join(["项目"] * 2) + " |")
            out.append("|---|---|")
        for labels, values in rows:
            out.extend(fmt(labels, values))
    out += [_section("problems"), report.problems, _section("other"), report.other, g["agency"], report.signed]
    return sep.join(out) + "\n"


def to_traditional(text: str) -> str:
    from opencc import OpenCC

    return OpenCC("s2t").convert(text)
