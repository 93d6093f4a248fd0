"""Parser on hand-checked layouts: a Word-export style HTML page and PDF-extracted text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from govreports.page import clean_page
from govreports.page.model import Page, PageMetadata
from govreports.page.script import is_traditional
from govreports.parser import detect_edition, parse_page, parse_report
from govreports.parser.html_lines import html_lines
from govreports.parser.metadata import agency_from_title, is_title_like, year_from
from govreports.parser.normalize import looks_numeric, norm, norm_label, parse_number
from govreports.parser.tokens import label_and_numbers, text_lines, token_of, tokenize
from govreports.synth.printed import NUMBERS_ON, PAGE_NUMBERS, wrap_labels
from govreports.synth.render import render_html, render_text
from govreports.synth.report import generate_report
from tests.synth_compare import diff_cells

FIX = Path(__file__).parent / "fixtures" / "parser"


def _html(name: str):
    return parse_page(Page((FIX / name).read_text(encoding="utf-8"), "text/html", PageMetadata()))


def test_html_rowspan_tables_every_cell() -> None:
    rec = _html("html_2021_rowspan.html")
    assert (rec.title, rec.agency, rec.year, rec.edition) == (
        "某某区民政局2022年政府信息公开工作年度报告", "某某区民政局", 2022, "2021")
    ad = rec.active_disclosure
    assert ad["regulations"] == {"issued": 1, "repealed": 2, "in_force": 3}  # full-width １
    assert ad["normative_documents"] == {"issued": 12, "repealed": 0, "in_force": 40}  # <span>1</span><span>2</span>
    assert ad["licensing"] == {"decisions": 1234}  # thousands separator
    assert ad["coercion"] == {"decisions": 0}  # a dash
    assert ad["fees"] == {"amount": 12.3456}
    ap = rec.applications
    assert ap["new_received"] == {"natural_person": 10, "commercial": 2, "research": 0, "social_org": 0,
                                  "legal_service": 0, "other_org": 0, "total": 12}
    assert ap["partially_granted"]["natural_person"] == 2  # label split over two <p>
    assert ap["denied.third_party"]["total"] == 1
    assert ap["unavailable.not_held"]["commercial"] == 1
    assert ap["other_handling.other"]["natural_person"] == 1  # 3.其他 under (六)其他处理
    assert ap["carried_forward"]["total"] == 1
    rl = rec.reviews_litigation
    assert rl["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert rl["litigation_direct"] == {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    assert rl["litigation_after_review"]["upheld"] is None  # &nbsp; cell: blank, not 0
    assert "active_disclosure.coercion: 1 cell(s) written as a dash or 无, read as 0" in rec.warnings
    # the page's own inconsistency is reported, not hidden: results add up to 11, the total says 10
    failed = [c for c in rec.checks if c["ok"] is False]
    assert {"rule": "applications.results_sum", "column": "natural_person", "ok": False,
            "expected": 11, "actual": 10} in failed
    assert rec.sections["problems"] == "公开内容还不够丰富。"
    assert rec.sections["overview"] == "2022年，区民政局认真落实《条例》。"


def test_html_label_colspan_written_as_empty_cells() -> None:
    """Editors that do not merge cells write a label's colspan as empty cells beside it; blanks
    between the numbers leave no way to place them, and the warning says why."""
    html = (FIX / "html_2021_rowspan.html").read_text(encoding="utf-8")
    html = html.replace('<td colspan="3">一、本年新收政府信息公开申请数量</td>',
                        "<td>一、本年新收政府信息公开申请数量</td><td></td><td>&nbsp;</td>")
    row = '<tr><td colspan="3">二、上年结转政府信息公开申请数量</td>'
    start = html.index(row)
    end = html.index("</tr>", start)
    cells = "".join(f"<td>{v}</td><td></td>" for v in (1, 0, 0, 0, 0, 0, 1))
    html = html[:start] + "<tr><td>二、上年结转政府信息公开申请数量</td>" + cells + html[end:]
    rec = parse_page(Page(html, "text/html", PageMetadata()))
    assert rec.applications["new_received"] == {"natural_person": 10, "commercial": 2, "research": 0, "social_org": 0,
                                                "legal_service": 0, "other_org": 0, "total": 12}
    # the numbers are not placed by position: the template arithmetic decides them, and says so
    assert ("applications.carried_over: 14 cells (7 numbers, 7 blank) for 7 columns; all 7 inferred from the "
            "template arithmetic (applications.balance)") in rec.warnings
    assert rec.applications["carried_over"] == {"natural_person": 1, "commercial": 0, "research": 0,
                                                "social_org": 0, "legal_service": 0, "other_org": 0, "total": 1}


def test_pdf_text_layout_columns_separated_by_spaces() -> None:
    text = (FIX / "pdf_layout_2021.txt").read_text(encoding="utf-8")
    rec = parse_page(Page(text, "text/plain", PageMetadata()))
    assert rec.edition == "2021" and rec.year == 2021 and rec.agency == "某县财政局"
    assert rec.active_disclosure["normative_documents"] == {"issued": 3, "repealed": 1, "in_force": 12}
    assert rec.active_disclosure["fees"] == {"amount": 1.25}
    ap = rec.applications
    assert ap["new_received"]["natural_person"] == 4 and ap["new_received"]["total"] == 5
    assert ap["granted"]["commercial"] == 1  # group label and row label on one line
    assert ap["partially_granted"]["total"] == 1  # label broken over two lines
    assert ap["unavailable.not_held"]["natural_person"] == 1
    assert ap["other_handling.other"]["total"] == 0
    assert rec.reviews_litigation["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert all(c["ok"] is True for c in rec.checks)
    assert rec.warnings == []


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_pdf_text_rows_with_a_dash_or_slash_among_their_numbers(edition: str) -> None:
    """``规章 0 — 3``, ``行政强制 3 / /``: a cell written as a dash, a slash or 无 among a row's numbers,
    single spaces apart, is that cell (0, named in a warning), in captured text and in paragraphs."""
    marks = ("—", "/", "无", "-", "／")
    for seed in range(3, 9):
        report = generate_report(seed, edition=edition)
        lines, changed = [], 0
        for line in render_text(report, "pdf", seed).split("\n"):
            if re.search(r"\d$", line) and re.search(r"\s0(?=\s|$)", line):
                line = re.sub(r"(?<=\s)0(?=\s|$)", marks[changed % len(marks)], line, count=1)
                changed += 1
            lines.append(line)
        assert changed >= 5
        for content, kind in (("\n".join(lines), "text/plain"),
                              ("".join(f"<p>{line}</p>" for line in lines), "text/html")):
            rec = parse_report(content, content_type=kind).to_dict()
            assert diff_cells(report.gold, rec) == [], (seed, kind)
            assert rec["warnings"] and all("written as a dash or 无, read as 0" in w for w in rec["warnings"])
    assert label_and_numbers("规章 0 — 3") == ["规章", "0", "—", "3"]
    assert label_and_numbers("行政强制 —") == ["行政强制", "—"]
    assert label_and_numbers("— — 0") == ["—", "—", "0"] and label_and_numbers("— — —") is None  # no label


def test_pdf_text_with_single_spaces_names_rows_from_their_own_numbering() -> None:
    """Text extracted without the page layout has one space between every field, so a block's
    heading runs into the row's label ("三、本年度办理结果 (一) 予以公开 2 1 …"): the row is named
    from its own numbering, and the record is the one the column-aligned text gives."""
    text = (FIX / "pdf_layout_2021.txt").read_text(encoding="utf-8")
    single = re.sub(r" {2,}", " ", text)
    assert "三、本年度办理结果 （一）予以公开 2 1" in single
    want = parse_page(Page(text, "text/plain", PageMetadata()))
    got = parse_page(Page(single, "text/plain", PageMetadata()))
    assert got.warnings == []
    for table in ("active_disclosure", "applications", "reviews_litigation"):
        assert getattr(got, table) == getattr(want, table), table
    # a note is not a row, even when it names one after its own numbering
    noted = single.replace("三、本年度办理结果 （一）予以公开 2 1",
                           "注：本年度收到申请5件，其中1.予以公开 3\n三、本年度办理结果 （一）予以公开 2 1")
    assert parse_page(Page(noted, "text/plain", PageMetadata())).applications == want.applications


@pytest.mark.parametrize("numbers_on", NUMBERS_ON)
@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_pdf_text_with_wrapped_labels(numbers_on: str, edition: str) -> None:
    """A long label wrapped over up to five lines, its numbers on the first, a middle or the last
    of them (where the PDF put them): every cell read, as from the unwrapped text."""
    report = generate_report(3001, edition=edition)
    plain = render_text(report, "pdf", 3001)
    text = wrap_labels(plain, 8, numbers_on)
    assert text.count("\n") > plain.count("\n") + 20  # (the labels really are cut)
    rec = parse_report(text, content_type="text/plain")
    assert diff_cells(report.gold, rec.to_dict()) == []
    assert rec.warnings == []


def test_a_wrapped_label_is_not_named_by_the_row_before_it() -> None:
    """``1.属于`` (numbers) / ``国家秘密`` / ``2.其他法律行政法规禁止`` (numbers) / ``公开``: the second row's
    label starts with its own numbering, so the line before it (the first row's continuation) is
    never joined to it; read as one, it named the first row and gave it the second row's numbers."""
    report = generate_report(3002, edition="2021")
    text = render_text(report, "pdf", 3002)
    secret = next(line for line in text.split("\n") if "国家秘密" in line)
    law = next(line for line in text.split("\n") if "禁止公开" in line)
    assert law.startswith("2.")
    text = text.replace(secret, secret.replace("国家秘密", "", 1) + "\n国家秘密")
    text = text.replace(law, law.replace("公开", "", 1) + "\n公开")
    rec = parse_report(text, content_type="text/plain")
    gold = report.gold["applications"]
    assert gold["denied.state_secret"] != gold["denied.prohibited_by_law"]
    assert rec.applications["denied.state_secret"] == gold["denied.state_secret"]
    assert rec.applications["denied.prohibited_by_law"] == gold["denied.prohibited_by_law"]
    assert rec.warnings == []


def test_an_unknown_row_does_not_take_the_next_rows_name() -> None:
    """A row's label may go on after its numbers, but not into the next row's own name: an unknown
    row (``其他情形``) before ``其他法律行政法规禁止公开`` (rows written without numbering) is warned
    about, and prohibited_by_law keeps its own numbers."""
    report = generate_report(4242, edition="2021")
    lines = re.sub(r"(?m)(^|    )(\d)\.", r"\1", render_text(report, "pdf", 1)).split("\n")
    k = next(i for i, line in enumerate(lines) if "禁止公开" in line)
    assert lines[k].startswith("其他法律")
    lines[k:k] = ["其他情形      1   2   3   4   5   6   21"]
    rec = parse_report("\n".join(lines), content_type="text/plain")
    assert diff_cells(report.gold, rec.to_dict()) == []
    assert rec.warnings == ["applications: unrecognised row '其他情形' with 7 numbers (not read)"]


def test_a_unit_alone_ending_a_wrapped_label_is_a_label() -> None:
    """``行政规范性文`` / ``件  25 53 47``: the unit alone before the numbers is the label's last piece."""
    report = generate_report(110, edition="2021")
    text = render_text(report, "pdf", 110)
    row = next(line for line in text.split("\n") if line.startswith("行政规范性文件"))
    rec = parse_report(text.replace(row, row.replace("行政规范性文件", "行政规范性文\n件", 1)), content_type="text/plain")
    assert rec.active_disclosure["normative_documents"] == report.gold["active_disclosure"]["normative_documents"]
    assert rec.warnings == []


@pytest.mark.parametrize("page_number", [form.format(n=k + 2) for k, form in enumerate(PAGE_NUMBERS)])
def test_page_numbers_between_table_lines_are_not_cells(page_number: str) -> None:
    """PDF text keeps each page's number at its foot: between one-cell-per-line table lines it would
    split a row. A bare number stays a cell (it may be one): that row is flagged, not shifted."""
    seed = Path(__file__).parent / "fixtures" / "seeds" / "000_77d7af591d6fe09b.txt"
    lines = seed.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if "主动公开政府信息情况" in line)
    want = parse_page(Page("\n".join(lines), "text/plain", PageMetadata()))
    cut = [*lines]
    for k in (start + 40, start + 20, start + 7):  # inside tables: between a row's label and its cells
        cut.insert(k, page_number)
    got = parse_page(Page("\n".join(cut), "text/plain", PageMetadata()))
    for table in ("active_disclosure", "applications", "reviews_litigation"):
        assert getattr(got, table) == getattr(want, table), table
    assert got.warnings == want.warnings
    bare = [*lines]
    bare.insert(start + 40, "3")
    assert parse_page(Page("\n".join(bare), "text/plain", PageMetadata())).warnings != want.warnings


def test_the_title_repeated_as_a_running_head_is_not_a_row() -> None:
    """PDF text keeps each page's header, the report's title: seen again between one-cell-per-line
    table lines it is dropped (it split a row), and the title is still the title."""
    seed = Path(__file__).parent / "fixtures" / "seeds" / "000_77d7af591d6fe09b.txt"
    lines = seed.read_text(encoding="utf-8").split("\n")
    want = parse_page(Page("\n".join(lines), "text/plain", PageMetadata()))
    start = next(i for i, line in enumerate(lines) if "主动公开政府信息情况" in line)
    cut = [*lines]
    for k in (start + 40, start + 20, start + 7):
        cut[k:k] = [want.title, "— 2 —"]
    got = parse_page(Page("\n".join(cut), "text/plain", PageMetadata()))
    assert (got.title, got.agency, got.year) == (want.title, want.agency, want.year)
    for table in ("active_disclosure", "applications", "reviews_litigation"):
        assert getattr(got, table) == getattr(want, table), table
    assert got.warnings == want.warnings


def test_text_taken_from_the_source_with_indented_empty_lines() -> None:
    """Text taken from a page's source keeps its indentation, on the empty lines too: a line of
    spaces is a separator, while a blank cell (NBSP, as seed 000 writes it) stays a blank cell."""
    seed = Path(__file__).parent / "fixtures" / "seeds" / "000_77d7af591d6fe09b.txt"
    text = seed.read_text(encoding="utf-8")
    indented = "\n".join("      " + line for line in text.split("\n"))
    want = parse_page(Page(text, "text/plain", PageMetadata()))
    got = parse_page(Page(indented, "text/plain", PageMetadata()))
    assert want.reviews_litigation["review"]["upheld"] is None  # an NBSP cell: blank
    for table in ("active_disclosure", "applications", "reviews_litigation"):
        assert getattr(got, table) == getattr(want, table), table
    assert got.warnings == want.warnings


def test_tables_pasted_as_paragraphs_read_as_pdf_text_does() -> None:
    """A portal page whose tables were pasted as text, a paragraph per row (``<p>规章 0 0 0</p>``),
    spaces as they came (plain, &nbsp;, full-width): the same record as the captured text."""
    text = (FIX / "pdf_layout_2021.txt").read_text(encoding="utf-8")
    gaps = ("  ", "&nbsp;&nbsp;", "\u3000\u3000")
    paras = "\n".join(f"<p>{line.replace('  ', gaps[k % 3])}</p>" for k, line in enumerate(text.splitlines()))
    html = f"<html><body><div class='article-content'>{paras}</div></body></html>"
    want = parse_page(Page(text, "text/plain", PageMetadata()))
    got = parse_report(html.encode(), content_type="text/html")
    assert want.warnings == [] and got.warnings == []
    for table in ("active_disclosure", "applications", "reviews_litigation"):
        assert getattr(got, table) == getattr(want, table), table
    assert got.applications["granted"]["commercial"] == 1  # group and row label in one paragraph


def test_markdown_table_rows() -> None:
    md = "\n".join([
        "某区教育局2020年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        "| 本列数据 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
        "|---|---|---|---|---|---|---|---|",
        "| 一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |",
        "| 二、上年结转政府信息公开申请数量 | 0 | | 0 | 0 | 0 | 0 | 0 |",
        "| 上一年项目数量 | 本年增/减 |",
    ])
    rec = parse_page(Page(md, "text/plain", PageMetadata()))
    assert rec.edition == "2019"
    assert rec.applications["new_received"]["total"] == 4
    # an empty cell between two numbers is a real blank: null, and the row still fits 7 columns
    assert rec.applications["carried_over"]["commercial"] is None
    assert rec.applications["carried_over"]["total"] == 0


def _boxed(text: str, bar: str, rules: bool) -> str:
    """Tab-separated rows drawn as a box table (as w3m or a Word text export dumps one), a
    horizontal rule before each row when ``rules``."""
    out = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        cells = line.split("\t")
        widths = [max(4, len(c) + 2) for c in cells]
        if rules:
            out.append("├" + "┼".join("─" * w for w in widths) + "┤")
        out.append(bar + bar.join(c.center(w) for c, w in zip(cells, widths, strict=True)) + bar)
    return "\n".join(out)


@pytest.mark.parametrize(("bar", "rules"), [("│", True), ("┃", False), ("｜", False), ("║", True)])
@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_tables_drawn_with_box_rules_or_full_width_bars(bar: str, rules: bool, edition: str) -> None:
    report = generate_report(17, edition=edition)
    text = _boxed(render_text(report, "tabs", 17), bar, rules)
    assert bar in text and ("┼" in text) is rules
    rec = parse_report(text, content_type="text/plain").to_dict()
    assert diff_cells(report.gold, rec) == []
    assert rec["warnings"] == []


@pytest.mark.parametrize("rule", ["+------+-----+-----+", "|------+-----|", "┌──────┬─────┐", "└──┴──┘", "═════",
                                  "|---|:--:|", "  ├────┼────┤  "])
def test_border_lines_are_not_rows(rule: str) -> None:
    lines = text_lines(f"规章\n{rule}\n3")
    assert lines == [["规章"], ["3"]]


@pytest.mark.parametrize("dash", ["-", "—", "──", "——", "─"])
def test_a_dash_alone_on_its_line_is_still_a_placeholder_cell(dash: str) -> None:
    assert text_lines(f"规章\n{dash}\n3") == [["规章"], [dash], ["3"]]
    assert token_of(dash).value == 0 and token_of(dash).placeholder


#: Row labels as portals shorten or reword them (the template's wording → a portal's).
ROW_WORDINGS = {
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "2.申请人逾期未缴纳信息处理费",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "1.申请人无正当理由逾期不补正",
    "5.要求行政机关确认或重新出具已获取信息": "5.要求确认或重新出具已获取信息",
    "一、本年新收政府信息公开申请数量": "一、本年度新收政府信息公开申请数量",
    "4.无正当理由大量反复申请": "4.无正当理由大量、反复申请",
    "3.补正后申请内容仍不明确": "3.补正后申请内容仍然不明确",
    "2.没有现成信息需要另行制作": "2.没有现成信息，需要另行制作",
    "四、结转下年度继续办理": "四、结转下年度继续办理的申请",
}


@pytest.mark.parametrize("layout", ["tabs", "cells", "pdf"])
def test_row_labels_shortened_or_reworded(layout: str) -> None:
    report = generate_report(7, edition="2021")
    text = render_text(report, layout, 7)
    for wording, variant in ROW_WORDINGS.items():
        assert wording in text
        text = text.replace(wording, variant)
    rec = parse_report(text, content_type="text/plain").to_dict()
    assert diff_cells(report.gold, rec) == []
    assert rec["warnings"] == []


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_text_converted_to_markdown_with_its_marks(edition: str) -> None:
    """A page converted by html2text or pandoc: ``# title``, ``## 一、总体情况``, bold cells
    (``| **规章** | 3 |``) and ``<br>`` inside a cell are the text they mark up."""
    report = generate_report(18, edition=edition)
    lines = []
    for line in render_text(report, "markdown", 18).split("\n"):
        if line.startswith("|") and "---" not in line:
            line = "|".join(f" **{c.strip()}** " if c.strip() and not re.fullmatch(r"[\d,.\s０-９，．-]+", c.strip())
                            else c for c in line.split("|"))
        elif re.match(r"^[一二三四五六]、", line):
            line = "## " + line
        elif line == report.gold["title"]:
            line = "# " + line
        lines.append(line)
    text = "\n".join(lines).replace("本年新收", "本年<br>新收")
    assert "| **规章** |" in text and "## 一、总体情况" in text and "# " + report.gold["title"] in text
    rec = parse_report(text, content_type="text/plain").to_dict()
    assert diff_cells(report.gold, rec) == [] and rec["warnings"] == []
    assert (rec["title"], rec["agency"]) == (report.gold["title"], report.gold["agency"])
    assert rec["sections"]["overview"] and "**" not in rec["text"]


def test_outside_template_keeps_narrative_and_says_so() -> None:
    text = "某县人民政府2015年政府信息公开工作年度报告\n一、概述\n2015年我县公开信息1200条。\n二、主动公开政府信息情况\n全年主动公开信息1200条。"
    rec = parse_page(Page(text, "text/plain", PageMetadata()))
    assert rec.edition is None and rec.year == 2015
    assert rec.applications == {} and rec.checks == []
    assert any("no template tables found" in w for w in rec.warnings)
    assert "1200" in rec.text
    # a report of the old template keeps its own headings (主动公开政府信息情况, 依申请公开…) and tables of
    # 统计指标 | 单位 | 统计数: not the national template's, whatever headings it shares
    old = (FIX / "pre_template_2015.txt").read_text(encoding="utf-8")
    rec = parse_report(old, content_type="text/plain")
    assert (rec.edition, rec.year, rec.applications, rec.reviews_litigation) == (None, 2015, {}, {})
    assert rec.warnings == ["edition: no template tables found — a report of 2015, before the national template of "
                            "2019, does not follow it; narrative kept, no table read"]
    assert "同意部分公开答复数" in rec.text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="“”‘’〔〕【】（）１２３ＡＢａｂ　\u00a0 \t,，.。｡①㈠ﬁ\u0301é가ᄀ﹙︵㍻㎡0a中政", max_size=16))
def test_norm_is_nfkc_without_spaces_and_with_ascii_quotes(text: str) -> None:
    """:func:`norm` skips steps that cannot change a text; its result is the definition's."""
    assert norm(text) == re.sub(r"[\s\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+", "",
                                unicodedata.normalize("NFKC", text)).translate(
        str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]"}))


def test_numbers_and_labels_normalised() -> None:
    assert parse_number("１２") == (12, False)
    assert parse_number("1,234") == (1234, False)
    assert parse_number("0.0000") == (0.0, False)
    assert parse_number("3件") == (3, False)
    assert parse_number("—") == (0, True)
    assert parse_number("无") == (0, True)
    # a slash, half- or full-width, is a placeholder wherever it stands (the token a cell makes too)
    assert [(token_of(s).value, token_of(s).placeholder) for s in ("/", "／", " ／ ")] == [(0, True)] * 3
    assert parse_number("-3") == (-3, False)
    assert parse_number("1.属于国家秘密") == (None, False)
    assert parse_number("12 件") == (12, False)
    assert [parse_number(s)[0] for s in ("12人", "3家", "2起", "5例", "4笔", "6人次")] == [12, 3, 2, 5, 4, 6]
    assert parse_number("0 39") == (None, False)  # two numbers in one cell: never 39, never 039
    assert parse_number("１\u00a0２") == (None, False)
    assert (parse_number("增加3"), parse_number("减少2"), parse_number("减 1")) == ((3, False), (-2, False), (-1, False))
    assert parse_number("增加3个百分点") == (None, False)
    # … or with an arrow for its sign (a cell of the 2019 table's 本年增/减)
    assert [parse_number(s) for s in ("↑3", "2↓", "↓ 12", "５↑")] == [(3, False), (-2, False), (-12, False), (5, False)]
    assert parse_number("↑3↓") == (None, False) and not looks_numeric("↑")
    assert (parse_number("〇"), parse_number("零"), parse_number("○")) == ((0, False),) * 3  # zero as a character
    # … or as the letter O typed for it (二O二二年), never a lowercase o (a list's bullet in extracted text)
    assert (parse_number("O"), parse_number("Ｏ"), parse_number("o"), parse_number("OO")) == (
        (0, False), (0, False), (None, False), (None, False))
    assert norm_label("（三）不予公开") == "不予公开"
    assert norm_label("2.其他法律行政法规禁止公开") == "其他法律行政法规禁止公开"
    assert norm_label("商业 企业") == "商业企业"


def test_blank_cells_hard_and_soft() -> None:
    toks = tokenize(text_lines("规章\t\t0\t\t1\t\n\u00a0"))
    assert [t.kind for t in toks] == ["label", "soft", "num", "blank", "num", "soft", "blank"]
    assert html_lines("<table><tr><td>a<br>b</td><td>&nbsp;</td><td>1</td></tr></table><p>x</p>") == [
        ["ab", "", "1"], ["x"]]
    # table rows: every empty cell is a blank cell, except those a row has before its label (a
    # rowspan or colspan written out as cells), which must not end the row above
    rows = html_lines("<table><tr><td>规章</td><td>1</td><td></td></tr><tr><td></td><td></td><td>行政规范性文件</td>"
                      "<td>2</td></tr><tr><td></td><td>3</td><td>4</td></tr></table>")
    assert [t.kind for t in tokenize(rows, real_cells=True)] == [
        "label", "num", "blank", "soft", "soft", "label", "num", "blank", "num", "num"]


def test_html_lines_reads_fragments_and_the_page_steps_tree_alike() -> None:
    """Escaped text, attributes holding ``>``, comments, nested layout tables, a caption, an empty
    row, void tags, a script: the same lines from a raw fragment and from the page step's body."""
    html = ("<div title='a>b'><!-- <table><tr><td>9</td></tr></table> --><h3>一、总体情况</h3>"
            "<table><tr><td><table><caption>二、主动公开政府信息情况</caption><thead><tr><th>项目</th><th data-x=\"1>2\">数量</th></tr></thead>"
            "<tbody><tr><td><p>本年<span>新</span><br/>制作</p></td><td> 1,234 </td></tr>"
            "<tr><td>&lt;td&gt; &amp; 其他</td><td></td></tr><tr></tr></tbody></table></td>"
            "<td>layout cell<img src='x.png'>text</td></tr></table><p>a<b>b</b>c</p>"
            "<script>if (a<b) {}</script></div>")
    expected = [["一、总体情况"], ["二、主动公开政府信息情况"], ["项目", "数量"], ["本年新制作", "1,234"], ["<td> & 其他", ""],
                ["layout celltext"], ["abc"]]
    assert html_lines(html) == expected
    page = clean_page(f"<html><body><div id='zoom'>{html}</div></body></html>", content_type="text/html")
    assert page.body is not None and html_lines(page.body) == expected
    assert html_lines(page.content) == expected  # the body's serialisation reads the same
    raw_tree = etree.fromstring(html, etree.HTMLParser())  # a tree no page step has cleaned
    assert html_lines(raw_tree) == expected and raw_tree.find(".//script") is not None  # read, not changed


def test_a_group_heading_with_a_subtotal_is_named_as_such() -> None:
    """Some reports fill the group headings' cells (a subtotal of (三)不予公开): not a template cell, so
    not read, and the warning says what it is rather than calling it an unknown row."""
    report = generate_report(31, edition="2021")
    lines = render_text(report, "tabs", 31).split("\n")
    k = next(i for i, line in enumerate(lines) if "国家秘密" in line)
    assert lines[k].startswith("(三)不予公开\t")
    lines[k:k + 1] = ["(三)不予公开\t1\t2\t3\t4\t5\t6\t21", lines[k].replace("(三)不予公开\t", "", 1)]
    rec = parse_report("\n".join(lines), content_type="text/plain")
    assert diff_cells(report.gold, rec.to_dict()) == []
    assert rec.warnings == ["applications: the group heading '(三)不予公开' carries 7 numbers (a subtotal the "
                            "template does not have; not read)"]


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_a_subtotal_under_a_group_is_not_the_total(edition: str) -> None:
    """``合计`` under (三)不予公开 is that group's subtotal when the table has its 总计 row (it was taken
    for the total, and both were left blank); a bare 合计 ending the table, with no 总计, is the total."""
    report = generate_report(31, edition=edition)
    lines = render_text(report, "tabs", 31).split("\n")
    k = next(i for i, line in enumerate(lines) if "行政查询" in line)
    with_subtotal = [*lines[:k + 1], "合计\t1\t2\t3\t4\t5\t6\t21", *lines[k + 1:]]
    rec = parse_report("\n".join(with_subtotal), content_type="text/plain")
    assert diff_cells(report.gold, rec.to_dict()) == []
    assert rec.warnings == ["applications: a '合计' row under a group heading, with 7 numbers: a subtotal the "
                            "template does not have (not read); the total is the 总计 row"]
    bare_total = [line.replace("(七)总计", "合计").replace("（七）总计", "合计") for line in lines]
    assert bare_total != lines
    rec = parse_report("\n".join(bare_total), content_type="text/plain")
    assert diff_cells(report.gold, rec.to_dict()) == [] and rec.warnings == []


def test_two_numbers_in_one_cell_are_not_one_number() -> None:
    """A cell holding ``0 39`` (two cells merged by a converter) is not 39 nor 039: the row is not
    read from it, and the warning shows the cell as it is written."""
    report = generate_report(11, edition="2021")
    html = render_html(report, "wps", 11)
    row = re.search(r"予以公开.*?</tr>", html, re.S).group(0)
    cells = re.findall(r"<td[^>]*>.*?</td>", row, re.S)
    merged = cells[1].replace("</td>", "") + " " + re.sub(r"<td[^>]*>", "", cells[2])
    rec = parse_report(html.replace(row, row.replace(cells[1] + cells[2], merged, 1)), content_type="text/html")
    assert "applications: unrecognised row '0 39' with 4 numbers (not read)" in rec.warnings
    granted = [w for w in rec.warnings if w.startswith("applications.granted:")]
    assert granted == ["applications.granted: 1 of 7 cells found; all 7 inferred from the template arithmetic "
                       "(applications.results_sum)"]
    assert rec.applications["granted"] == report.gold["applications"]["granted"]  # the arithmetic's, not the cell's


def test_two_rows_numbers_in_one_cell_split_by_a_line_break_are_not_one_number() -> None:
    """An editor merged two rows into one, each cell holding both rows' numbers over two lines
    (``0<br>1``): never read as 1 (or 01), so the rows are null and named; a label broken over lines
    stays one label."""
    assert html_lines("<table><tr><td>本年新<br>制作数量</td><td>0<br>3</td><td><span>12</span><br><span>5</span></td>"
                      "<td>1,<br>234</td><td>3<br>件</td></tr></table>") == [["本年新制作数量", "0 3", "12 5", "1,234", "3件"]]
    report = generate_report(5, edition="2021")
    html = render_html(report, "wps", 5)
    a, b = report.gold["active_disclosure"]["regulations"], report.gold["active_disclosure"]["normative_documents"]
    start = html.rfind("<tr", 0, html.index("规章"))
    end = html.index("</tr>", html.index("行政规范性文件")) + len("</tr>")
    merged = "".join(f"<td>{a[k]}<br>{b[k]}</td>" for k in ("issued", "repealed", "in_force"))
    page = (f"<html><head><meta charset='utf-8'><title>{report.gold['title']}</title></head><body>"
            f"<div class='TRS_Editor'>{html[:start]}<tr><td>规章<br>行政规范性文件</td>{merged}</tr>{html[end:]}</div></body></html>")
    for content in (page, page.encode()):  # the page step's tree, and a string parsed by the reader
        rec = parse_report(content, content_type="text/html")
        assert rec.active_disclosure["regulations"] == dict.fromkeys(a)
        assert rec.active_disclosure["normative_documents"] == dict.fromkeys(b)
        assert "active_disclosure: rows not found on the page: regulations, normative_documents (null)" in rec.warnings
    lines = html_lines(page[page.index("<table"):])
    assert [f"{a['issued']} {b['issued']}", f"{a['repealed']} {b['repealed']}"] == \
        next(line for line in lines if line[0] == "规章行政规范性文件")[1:3]


def test_footnote_marks_and_struck_out_figures_in_cells_are_not_digits_of_the_number() -> None:
    """``12<sup>1</sup>`` is 12 with a note (never 121), ``<del>12</del>15`` and ``<s>7</s>8`` are the
    corrected figures (never 1215, 78); a mark after a word (``m<sup>2</sup>``) stays as it is."""
    assert html_lines("<table><tr><td>12<sup>1</sup></td><td>3<sup>注</sup></td><td><del>12</del>15</td>"
                      "<td><s>7</s>8</td><td><strike>1</strike>2</td><td>m<sup>2</sup></td></tr></table>") == \
        [["12（1）", "3（注）", "15", "8", "2", "m2"]]
    report = generate_report(12, edition="2021")
    gold = report.gold["applications"]["granted"]
    html = render_html(report, "wps", 12)
    row = re.search(r"予以公开.*?</tr>", html, re.S).group(0)
    cells = re.findall(r"(<td[^>]*>(?:<p[^>]*><span[^>]*>)?)([^<]*)", row)[1:]
    marked = row.replace(cells[0][0] + cells[0][1], f"{cells[0][0]}{cells[0][1]}<sup>1</sup>", 1)
    marked = marked.replace(cells[1][0] + cells[1][1], f"{cells[1][0]}<del>99</del>{cells[1][1]}", 1)
    for content in (html.replace(row, marked), html.replace(row, marked).encode()):
        rec = parse_report(content, content_type="text/html")
        assert rec.applications["granted"] == gold
        assert [w for w in rec.warnings if "note" in w] == [
            f"applications.granted: 1 cell(s) written as a number with a note ({cells[0][1]}（1）): the number read, "
            "the note not"]


def test_a_number_with_a_note_beside_it_is_the_number_and_the_warning_shows_the_cell() -> None:
    """``517（含转办2件）``: the cell is 517 and the warning shows what was written; a unit in
    brackets (``12（件）``) is no note; a note alone or a note before the number is no number."""
    report = generate_report(7, edition="2021")
    gold = report.gold
    total = gold["applications"]["new_received"]["total"]
    review = gold["reviews_litigation"]["review"]["total"]
    html = render_html(report, "wps", 7).replace(f">{total}</", f">{total}（含转办2件）</", 1)
    at = html.index("行政复议")
    fifth = list(re.finditer(r"<td[^>]*>(?:<[^>]+>)*(\d+)", html[at:]))[4]  # the review group's total
    assert fifth.group(1) == str(review)
    html = html[:at + fifth.end()] + "(注1)" + html[at + fifth.end():]
    rec = parse_report(html, content_type="text/html")
    assert diff_cells(gold, rec.to_dict()) == []
    assert rec.warnings == [
        f"applications.new_received: 1 cell(s) written as a number with a note ({total}（含转办2件）): the number "
        "read, the note not",
        f"reviews_litigation.review: 1 cell(s) written as a number with a note ({review}(注1)): the number read, "
        "the note not"]
    assert token_of("12（件）").value == 12 and not token_of("12（件）").note
    assert token_of("（含转办2件）").kind == "label" and token_of("含转办（2件）").kind == "label"


def _merged_org_table(gold: dict, edition: str) -> str:
    """The applications table as some reports draw it: 自然人 | 法人或其他组织 | 总计, the five kinds of
    organisation summed into one column; each group heading on a row of its own."""
    from govreports.template.national import APPLICATION_GROUPS, APPLICATIONS
    headings = {g.code: g.label for g in APPLICATION_GROUPS}
    out = ["<table><tr><td rowspan=2>本列数据的勾稽关系</td><td colspan=3>申请人情况</td></tr>",
           "<tr><td>自然人</td><td>法人或其他组织</td><td>总计</td></tr>"]
    group = None
    for row in APPLICATIONS.rows_for(edition):
        if row.code == "granted":
            out.append("<tr><td>三、本年度办理结果</td><td></td><td></td><td></td></tr>")
        if row.group and row.group != group:
            out.append(f"<tr><td>{headings[row.group]}</td><td></td><td></td><td></td></tr>")
        group = row.group
        cells = gold[row.code]
        orgs = sum(cells[c] for c in ("commercial", "research", "social_org", "legal_service", "other_org"))
        out.append(f"<tr><td>{row.label}</td><td>{cells['natural_person']}</td><td>{orgs}</td>"
                   f"<td>{cells['total']}</td></tr>")
    return "".join(out) + "</table>"


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_an_applications_table_with_the_kinds_of_organisation_merged_reads_its_own_columns(edition: str) -> None:
    """自然人 | 法人或其他组织 | 总计: 自然人 and 总计 are the template's cells, read; the merged column is
    none of them, so the five organisation cells are null, and one warning says why."""
    report = generate_report(5, edition=edition)
    gold = report.gold["applications"]
    html = f"<h1>{report.gold['title']}</h1><p>三、收到和处理政府信息公开申请情况</p>{_merged_org_table(gold, edition)}"
    rec = parse_report(html, content_type="text/html")
    for code, cells in rec.applications.items():
        assert (cells["natural_person"], cells["total"]) == (gold[code]["natural_person"], gold[code]["total"])
        assert [cells[c] for c in ("commercial", "research", "social_org", "legal_service", "other_org")] == [None] * 5
    rows = len(rec.applications)
    assert [w for w in rec.warnings if w.startswith("applications")] == [
        f"applications: {rows} rows have the header's 3 columns (自然人 | 法人或其他组织 | 总计), not the template's 7: "
        "自然人 and 总计 are read; 法人或其他组织 holds the five kinds of organisation in one number, which is not "
        "split (their cells are null)"]
    balance = {c["column"]: c["ok"] for c in rec.checks if c["rule"] == "applications.balance"}
    assert balance["natural_person"] is True and balance["total"] is True and balance["commercial"] is None
    # the template's own header (it names 商业企业 …) keeps the seven columns
    full = parse_report(render_html(report, "wps", 5), content_type="text/html")
    assert diff_cells(report.gold, full.to_dict()) == [] and full.warnings == []
    # a full table whose sub-header is worded otherwise (企业 | 科研 …), where a few rows lost cells and
    # are three wide: short rows, not a merged table
    text = render_text(report, "tabs", 5).replace("商业企业\t科研机构\t社会公益组织\t法律服务机构", "企业\t科研\t公益组织\t法律服务")
    lines = text.split("\n")
    for key in ("部分公开", "重复申请", "公开出版物"):
        i = next(j for j, line in enumerate(lines) if key in line)
        cells = lines[i].rstrip("\t").split("\t")
        lines[i] = "\t".join([*cells[:-7], cells[-7], cells[-6], cells[-1]])  # 自然人, 商业企业, 总计
    rec = parse_report("\n".join(lines), content_type="text/plain")
    assert rec.applications["partially_granted"]["total"] is None
    assert not any("header's 3 columns" in w for w in rec.warnings)
    assert "applications.partially_granted: 3 of 7 cells found; the row is left blank (null), not guessed" \
        in rec.warnings


@pytest.mark.parametrize(("heading", "variant"), [
    ("一、总体情况", "一、概述"), ("一、总体情况", "第一部分 总体情况"),
    ("五、存在的主要问题及改进情况", "五、存在的不足及改进措施"),
    ("五、存在的主要问题及改进情况", "五、工作中存在的问题和改进措施"),
    ("五、存在的主要问题及改进情况", "五、问题与不足"),
    ("六、其他需要报告的事项", "六、其它需要报告的事项"), ("六、其他需要报告的事项", "六、其他需报告事项"),
])
def test_section_heading_variants(heading: str, variant: str) -> None:
    """Headings as reports word them: each section's text is the template heading's, the tables too."""
    report = generate_report(5001, edition="2021")
    text = render_text(report, "pdf", 5001)
    want = parse_report(text, content_type="text/plain")
    got = parse_report(text.replace(heading, variant), content_type="text/plain")
    assert got.sections == want.sections and all(want.sections.values())
    assert diff_cells(report.gold, got.to_dict()) == [] and got.warnings == []


def test_edition_from_labels_not_year() -> None:
    toks = tokenize(text_lines("本年新制作数量\n上一年项目数量\n采购总金额"))
    assert detect_edition(toks) == ("2019", 3)
    toks = tokenize(text_lines("本年制发件数\n本年收费金额"))
    assert detect_edition(toks) == ("2021", 2)


@pytest.mark.parametrize(("title", "agency", "year"), [
    ("桥西区科学技术局2020年政府信息公开工作年度报告", "桥西区科学技术局", 2020),
    ("2020年度黄浦区人民政府信息公开工作年度报告", "黄浦区人民政府", 2020),
    ("某区财政局关于2020年政府信息公开工作年度报告", "某区财政局", 2020),
    ("某县民政局二〇二一年政府信息公开工作年度报告", "某县民政局", 2021),
    # the zero of a year in numerals typed as a letter O, or as a digit
    ("某县民政局二O二一年政府信息公开工作年度报告", "某县民政局", 2021),
    ("某县民政局二0二一年政府信息公开工作年度报告", "某县民政局", 2021),
    ("某县民政局2O21年政府信息公开工作年度报告", "某县民政局", 2021),
    ("2019年北京市西城区政府信息公开工作年度报告", "北京市西城区", 2019),
    ("2023年度政府信息公开工作年度报告（门头沟区财政局）", "门头沟区财政局", 2023),  # the agency last, bracketed
    ("2023年度政府信息公开工作年度报告(全文)", None, 2023),  # brackets that name no body
    # a place before the year and a body in brackets at the end: the body reports
    ("某区2022年度政府信息公开工作年度报告（区卫生健康委）", "区卫生健康委", 2022),
    ("某区2022年度政府信息公开工作年度报告（全文）", "某区", 2022),
    ("某区人民政府办公室关于某区2022年政府信息公开工作年度报告", "某区", 2022),  # the report is 某区's
    ("某县卫生健康局政府信息公开工作2022年度报告", "某县卫生健康局", 2022),  # the subject before the year
    ("某区人民政府信息公开工作2022年度报告", "某区人民政府", 2022),
    # the year in brackets after the report's name, with or without 年: the name is no agency
    ("某区财政局政府信息公开工作年度报告（2021年）", "某区财政局", 2021),
    ("某区民政局政府信息公开工作年度报告(2022)", "某区民政局", 2022),
    ("某区人民政府信息公开工作年度报告（2022年度）", "某区人民政府", 2022),
    ("政府信息公开工作年度报告（2023年度）", None, 2023),
    # a notice issuing the report: the report is the body named after 关于印发
    ("某区人民政府办公室关于印发某区2022年政府信息公开工作年度报告的通知", "某区", 2022),
    ("某区人民政府办公室关于印发《某区2022年政府信息公开工作年度报告》的通知", "某区", 2022),
    # a 公告 or 公示 of the report: the report is the body it names, else the one publishing it
    ("关于某某区民政局2021年度政府信息公开工作年度报告的公告", "某某区民政局", 2021),
    ("某某区人民政府关于2022年政府信息公开工作年度报告的公示", "某某区人民政府", 2022),
    # a notice about a task with the reports names no agency after 关于
    ("关于报送2021年政府信息公开工作年度报告的通知", None, 2021),
    ("【某区】2023年政府信息公开工作年度报告", "某区", 2023),  # the agency in lenticular brackets
])
def test_title_variants(title: str, agency: str | None, year: int) -> None:
    assert is_title_like(title)
    assert agency_from_title(title) == agency
    assert year_from(title, "", None) == (year, None)


@pytest.mark.parametrize(("head", "title", "agency"), [
    # the agency's name on its own line above a title that names none: one title over two lines
    ("某区科学技术局\n2020年政府信息公开工作年度报告", "某区科学技术局2020年政府信息公开工作年度报告", "某区科学技术局"),
    # the report's name quoted whole in book-title marks is the name
    ("《某区科学技术局2020年政府信息公开工作年度报告》", "某区科学技术局2020年政府信息公开工作年度报告", "某区科学技术局"),
    ("某某区人民政府\n\n2020年政府信息公开工作年度报告", "某某区人民政府2020年政府信息公开工作年度报告", "某某区人民政府"),
    # a site header above a title that names its agency is the portal's, dropped (seed 000)
    ("石家庄市桥西区人民政府\n桥西区科学技术局2020年政府信息公开工作年度报告", "桥西区科学技术局2020年政府信息公开工作年度报告",
     "桥西区科学技术局"),
    ("某某区人民政府\n2020年某区科学技术局政府信息公开工作年度报告", "2020年某区科学技术局政府信息公开工作年度报告",
     "某区科学技术局"),
    # letter-spaced, as PDF text sets a centred title
    ("某 区 科 学 技 术 局 2020 年 政 府 信 息 公 开 工 作 年 度 报 告", "某区科学技术局2020年政府信息公开工作年度报告",
     "某区科学技术局"),
    # a long title wrapped over two lines, wherever the break falls
    ("北京市门头沟区科学技术和信息化局2020年政府\n信息公开工作年度报告",
     "北京市门头沟区科学技术和信息化局2020年政府信息公开工作年度报告", "北京市门头沟区科学技术和信息化局"),
    ("某区科学技术局2020年政府信息公开工作年度\n报告", "某区科学技术局2020年政府信息公开工作年度报告", "某区科学技术局"),
    ("某某区人民政府\n某区科学技术局2020年政府信息公开工作\n年度报告", "某区科学技术局2020年政府信息公开工作年度报告",
     "某区科学技术局"),
])
def test_title_lines_of_captured_text(head: str, title: str, agency: str) -> None:
    rec = parse_report(f"{head}\n一、总体情况\n2020年，我局认真贯彻落实《条例》。\n", content_type="text/plain")
    assert (rec.title, rec.agency, rec.year) == (title, agency, 2020)


def test_year_fallbacks_are_flagged() -> None:
    assert year_from(None, "本报告中所列数据的统计期限自2023年1月1日起", None)[0] == 2023
    year, how = year_from(None, "没有年份", "2024-01-11T15:05:00")
    assert year == 2023 and "before publication" in how
    # no year in a title: the year the overview opens with, else the year before a signing date in
    # the first half of a year at the report's end; a year the overview cites is none of them
    for text, year in [("一、总体情况\n2022年，我局坚持……", 2022), ("一、总体情况\n（一）主动公开情况。2021年，我局……", 2021),
                       ("一、总体情况\n2020年1月1日至12月31日，……", 2020), ("一、总体情况 2023年度，……", 2023),
                       ("……\n某区财政局\n2023年1月20日", 2022), ("……\n二〇二四年三月五日", 2023),
                       ("一、总体情况\n根据2019年修订的《条例》……", None), ("……\n2022年12月30日", None)]:
        found, how = year_from(None, text, None)
        assert found == year, text
        assert (how is None) is (year is None)


def test_template_report_whose_tables_are_images_says_so_and_keeps_their_urls() -> None:
    body = ("<p>某某区司法局2022年政府信息公开工作年度报告</p><p>一、总体情况</p><p>2022年，我局认真落实政务公开工作。</p>"
            "<p>二、主动公开政府信息情况</p><p><img src='/images/t1.png'></p>"
            "<p>三、收到和处理政府信息公开申请情况</p><p><img src=\"t2.jpg\" alt=''></p>"
            "<p>四、政府信息公开行政复议、行政诉讼情况</p><p><img src='data:image/png;base64,AAAA'></p>"
            "<p>五、存在的主要问题及改进情况</p><p>存在问题。</p><p>六、其他需要报告的事项</p><p>无。</p>")
    rec = parse_page(Page(body, "text/html", PageMetadata(url="http://www.x.gov.cn/sfj/2023/t1.html")))
    assert rec.edition is None and rec.year == 2022 and rec.applications == {}
    assert rec.page["images"] == ["http://www.x.gov.cn/images/t1.png", "http://www.x.gov.cn/sfj/2023/t2.jpg"]
    (warning,) = [w for w in rec.warnings if w.startswith("edition:")]
    assert "tables are images (2: http://www.x.gov.cn/images/t1.png …)" in warning
    assert "not follow" not in warning
    assert rec.sections["overview"] == "2022年，我局认真落实政务公开工作。"


_OUTCOME_LABELS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计"}
_GROUP_LABELS = {"review": "行政复议", "litigation_direct": "未经复议直接起诉", "litigation_after_review": "复议后起诉"}


def _with_reviews_as(report, seed: int, tables: str) -> str:
    """The report as ``wps`` HTML, its review/litigation table (the last one) replaced by ``tables``."""
    html = render_html(report, "wps", seed)
    last = list(re.finditer(r"<table.*?</table>", html, re.S))[-1]
    return html[:last.start()] + tables + html[last.end():]


def _grid(rows: list[list[str]]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"


@pytest.mark.parametrize("layout", ["html", "html-no-header", "tabs"])
def test_review_table_turned_on_its_side(layout: str) -> None:
    """A row per outcome and a column per group (hand-made and narrow layouts): read by column,
    in the order the header names the groups (here not the template's), and said so."""
    report = generate_report(7, edition="2021")
    gold = report.gold["reviews_litigation"]
    order = ("litigation_direct", "review", "litigation_after_review")
    if layout == "html-no-header":
        order = ("review", "litigation_direct", "litigation_after_review")  # the template's: nothing says otherwise
    rows = [["", *(_GROUP_LABELS[g] for g in order)]] if layout != "html-no-header" else []
    rows += [[label, *(str(gold[g][code]) for g in order)] for code, label in _OUTCOME_LABELS.items()]
    if layout == "tabs":
        text = render_text(report, "tabs", 7)
        start = text.index("四、政府信息公开行政复议")
        end = text.index("五、", start)
        page = text[:start] + "四、政府信息公开行政复议、行政诉讼情况\n" + "\n".join("\t".join(r) for r in rows) + "\n" + text[end:]
        rec = parse_report(page, content_type="text/plain")
    else:
        rec = parse_report(_with_reviews_as(report, 7, _grid(rows)), content_type="text/html")
    assert rec.reviews_litigation == gold
    assert all(c["ok"] is True for c in rec.checks)
    named = "are taken as the groups in the template's order" if layout == "html-no-header" else \
        "are the groups its header names"
    assert rec.warnings == [f"reviews_litigation: the table is turned on its side (a row per outcome); its columns {named}"
                            + (" (its header does not name them)" if layout == "html-no-header" else "")]


_REVIEW_SPLITS = {
    "one table per group": (("行政复议", "review"), ("行政诉讼（未经复议直接起诉）", "litigation_direct"),
                            ("行政诉讼（复议后起诉）", "litigation_after_review")),
    "one table per group, litigation first": (("行政诉讼（复议后起诉）", "litigation_after_review"),
                                              ("行政复议", "review"),
                                              ("行政诉讼（未经复议直接起诉）", "litigation_direct")),
}


@pytest.mark.parametrize("split", [*_REVIEW_SPLITS, "reviews, then lawsuits"])
def test_review_table_split_into_tables(split: str) -> None:
    """The review/litigation table drawn as one table per group (its name, the outcomes, the five
    numbers), in any order, or as a review table and a lawsuit table: every cell in its group."""
    report = generate_report(5151, edition="2021")
    gold = report.gold["reviews_litigation"]
    outcomes = "".join(f"<td>{label}</td>" for label in _OUTCOME_LABELS.values())

    def numbers(group: str) -> str:
        return "".join(f"<td>{gold[group][code]}</td>" for code in _OUTCOME_LABELS)

    if split in _REVIEW_SPLITS:
        tables = "".join(f"<table><tr><td colspan=5>{name}</td></tr><tr>{outcomes}</tr><tr>{numbers(group)}</tr></table>"
                         for name, group in _REVIEW_SPLITS[split])
    else:
        tables = (f"<table><tr><td colspan=5>行政复议</td></tr><tr>{outcomes}</tr><tr>{numbers('review')}</tr></table>"
                  "<table><tr><td colspan=10>行政诉讼</td></tr><tr><td colspan=5>未经复议直接起诉</td>"
                  f"<td colspan=5>复议后起诉</td></tr><tr>{outcomes * 2}</tr>"
                  f"<tr>{numbers('litigation_direct')}{numbers('litigation_after_review')}</tr></table>")
    rec = parse_report(_with_reviews_as(report, 3, tables), content_type="text/html")
    assert rec.reviews_litigation == gold
    assert len({tuple(row.values()) for row in gold.values()}) == 3  # (the groups' numbers differ)
    assert rec.warnings == [] and all(c["ok"] is True for c in rec.checks)


def test_review_table_on_its_side_with_a_row_short_of_a_cell() -> None:
    """One outcome row of the sideways table lost a cell: the table is left blank, and the warnings
    name the row and count the whole table's cells (14 of 15), not that row's alone."""
    report = generate_report(7, edition="2021")
    gold = report.gold["reviews_litigation"]
    order = ("review", "litigation_direct", "litigation_after_review")
    rows = [["", *(_GROUP_LABELS[g] for g in order)]]
    rows += [[label, *(str(gold[g][code]) for g in order)] for code, label in _OUTCOME_LABELS.items()]
    rows[2] = rows[2][:-1]  # the corrected row: two cells for three groups
    rec = parse_report(_with_reviews_as(report, 7, _grid(rows)), content_type="text/html")
    assert all(v is None for row in rec.reviews_litigation.values() for v in row.values())
    assert [w for w in rec.warnings if w.startswith("reviews_litigation")] == [
        "reviews_litigation: the table is turned on its side (a row per outcome); its columns are the groups "
        "its header names",
        "reviews_litigation: its corrected row has 2 cells for 3 groups",
        "reviews_litigation: 14 of 15 cells found; the table is left blank (null)",
    ]


def test_a_few_traditional_characters_do_not_make_a_long_text_traditional() -> None:
    """Eight Traditional-only characters decide a short text, not a long one: a Simplified page
    with a 屬于 here and there (20 in 20,000 characters) stays Simplified, untouched by OpenCC."""
    seeds = Path(__file__).parent / "fixtures" / "seeds"
    simplified = (seeds / "004_db8b9a3c8d2b1499.txt").read_text(encoding="utf-8")
    long_text = "\n".join([simplified.replace("属于", "屬于", 2)] * 10)
    assert long_text.count("屬") == 20 and len(long_text) > 20_000
    assert not is_traditional(long_text)
    assert parse_page(Page(long_text, "text/plain", PageMetadata())).original_script == "simplified"
    assert is_traditional((seeds / "002_4e30512c326335a1.txt").read_text(encoding="utf-8"))
    assert is_traditional("政府信息公開工作年度報告：總體情況，主動公開政府信息情況")  # short: eight are enough
    # a text is first screened for the commonest Traditional-only characters (開 報 …), which any
    # text written in Traditional holds: eight rarer ones alone do not decide
    assert not is_traditional("總體情況" * 4) and is_traditional("總體情況" * 4 + "報")


@pytest.mark.parametrize("seed", ["000_77d7af591d6fe09b", "001_eea4a711c55947f4", "004_db8b9a3c8d2b1499"])
def test_a_pre_block_is_read_as_captured_text(seed: str) -> None:
    """A page that shows the report as text in a ``<pre>`` (one cell per line with NBSP blank
    cells, ``|`` fields, tabs) is read by the captured-text rules: the record the text gives."""
    text = (Path(__file__).parent / "fixtures" / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    html = f"<html><body><div class='nav'>首页</div><div id='zoom'><pre>{escaped}</pre></div></body></html>"
    want = parse_page(Page(text, "text/plain", PageMetadata()))
    got = parse_report(html.encode(), content_type="text/html")
    for table in ("active_disclosure", "applications", "reviews_litigation"):
        assert getattr(got, table) == getattr(want, table), table
    assert got.edition == want.edition and got.year == want.year
    assert "\ufdd6" not in got.text and "\ufdd6" not in str(got.sections)


def test_norm_folds_full_width_forms_exactly_as_nfkc() -> None:
    """``norm`` folds full-width forms by translation before NFKC: the same result as NFKC alone,
    on report labels and on strings of every kind of compatibility character."""
    import random
    import unicodedata

    from govreports.parser.normalize import _SPACES, norm

    def reference(text: str) -> str:
        out = _SPACES.sub("", unicodedata.normalize("NFKC", text))
        return out.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]",
                                            "【": "[", "】": "]"}))

    rnd = random.Random(7)
    alphabet = [chr(c) for c in [*range(0x20, 0x7F), *range(0xFF01, 0xFF5F), 0x3000, 0x301, 0x308, 0x2460,
                                 0x3220, 0x2474, 0xFE30, 0xFE50, 0x2F00, 0xF900, 0x4E00, 0xA0, 0x2002, 0xFF61,
                                 0xFF9E, 0x1100, 0x1161, 0xAC00, 0x2126, 0x212B, 0xC5, 0x30A, 0x201C, 0x3014]]
    texts = ["（一）主动公开情况。全年通过门户网站主动公开政府信息１７７条", "（三）不予公开　１．属于国家秘密",
             "Ａ\u0301", "ｶﾞ", "①②", "㈠规章"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 8))) for _ in range(20000)]
    assert [norm.__wrapped__(t) for t in texts] == [reference(t) for t in texts]
    assert norm("（一）１．属于　国家秘密") == "(一)1.属于国家秘密"


def test_section_headings_worded_as_reports_word_them() -> None:
    from govreports.parser.layout import heading_of

    assert [heading_of(h) for h in (
        "一、总体情况", "第一部分 概述", "二、主动公开情况", "三、收到和处理政府信息公开申请的情况",
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "五、存在的不足及改进措施",
        "六、其它需要报告的事项", "六、其他需要报告的事项。",  # a heading's own full stop
    )] == ["overview", "overview", "active_disclosure", "applications", "reviews_litigation", "problems",
           "other", "other"]
    # a sentence is no heading, even one that opens with one
    assert heading_of("六、其他需要报告的事项。本机关无其他需要报告的事项。") is None
    text = "某某区2022年政府信息公开工作年度报告\n一、总体情况\n全年工作有序。\n六、其他需要报告的事项。\n本年度未收取信息处理费。"
    rec = parse_report(text, content_type="text/plain")
    assert rec.sections["other"] == "本年度未收取信息处理费。"
    assert rec.sections["overview"] == "全年工作有序。"


def _fees_page(seed: int, header: str, cell: str) -> tuple[float, object]:
    """A 2021 report whose fees cell is written as ``cell`` (``{yuan}`` is the amount in 元) under the
    header ``header``."""
    report = generate_report(seed, edition="2021")
    amount = report.gold["active_disclosure"]["fees"]["amount"]
    html = render_html(report, "wps", seed)
    assert amount and f"{amount:.4f}" in html and "本年收费金额（单位：万元）" in html
    html = html.replace(f"{amount:.4f}", cell.format(yuan=round(amount * 10000)))
    html = html.replace("本年收费金额（单位：万元）", header)
    return amount, parse_report(html, content_type="text/html")


def test_money_written_in_yuan_is_converted_and_said() -> None:
    # the cell names its unit: 元, not the column's 万元
    amount, rec = _fees_page(3, "本年收费金额（单位：万元）", "{yuan}元")
    assert rec.active_disclosure["fees"]["amount"] == pytest.approx(amount)
    assert [w for w in rec.warnings if w.startswith("active_disclosure.fees:")] == [
        f"active_disclosure.fees: the amount cell is written in 元 ('{round(amount * 10000)}元'), not the "
        f"template's 万元: read as {amount:g} 万元"]
    # the header names it, for every cell of the column
    amount, rec = _fees_page(6, "本年收费金额（单位：元）", "{yuan}")
    assert rec.active_disclosure["fees"]["amount"] == pytest.approx(amount)
    assert any("is in 元 by the table's header ('本年收费金额（单位：元）')" in w for w in rec.warnings)
    # 万元 written out, under the template's header: as it is, no warning
    _, rec = _fees_page(8, "本年收费金额（单位：万元）", "7.5万元")
    assert rec.active_disclosure["fees"]["amount"] == 7.5
    assert not any(w.startswith("active_disclosure.fees") for w in rec.warnings)
    assert [token_of(s).value for s in ("12（件）", "3 (件)", "1,200（元）", "0元")] == [12, 3, 1200, 0]


def _blank_rows_report(seed: int):
    """A 2021 report whose two applications rows and one active-disclosure row are left blank in every
    cell, as some portals publish them (Shanghai's reports leave every zero blank)."""
    report = generate_report(seed, edition="2021")
    for code in ("denied.security_stability", "not_processed.publication"):
        report.gold["applications"][code] = dict.fromkeys(report.gold["applications"][code])
    report.gold["active_disclosure"]["coercion"] = {"decisions": None}
    return report


@pytest.mark.parametrize("layout", ["wps", "merged", "split", "unmerged", "cells", "pipe", "tabs", "markdown"])
def test_a_row_left_blank_is_on_the_page_not_missing(layout: str) -> None:
    report = _blank_rows_report(5)
    if layout in ("wps", "merged", "split", "unmerged"):
        rec = parse_report(render_html(report, layout, 5), content_type="text/html")
    else:
        rec = parse_report(render_text(report, layout, 5), content_type="text/plain")
    assert rec.applications["denied.security_stability"] == dict.fromkeys(
        ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"))
    assert rec.active_disclosure["coercion"] == {"decisions": None}
    assert diff_cells(report.gold, rec.to_dict()) == []
    assert not [w for w in rec.warnings if "not found" in w or "cells for" in w], rec.warnings
    # a row truly absent is still named
    html = render_html(report, "wps", 5)
    start = html.index("不予处理")
    html = html[:start] + html[start:].replace("重复申请", "某某申请", 1)
    rec = parse_report(html, content_type="text/html")
    assert "applications: rows not found on the page: not_processed.duplicate (null)" in rec.warnings


def test_a_table_left_blank_is_said_to_be_blank_and_a_blank_row_seen_again_with_numbers_is_read() -> None:
    report = generate_report(7, edition="2021")
    report.gold["applications"] = {code: dict.fromkeys(cols) for code, cols in report.gold["applications"].items()}
    rec = parse_report(render_html(report, "wps", 7), content_type="text/html")
    assert [w for w in rec.warnings if w.startswith("applications")] == [
        f"applications: the table is on the page with every cell blank ({len(report.gold['applications'])} rows); "
        "its cells are null"]
    assert all(v is None for row in rec.applications.values() for v in row.values())
    # the same row blank, then with its numbers (a table given twice, the first left empty): the numbers
    report = generate_report(9, edition="2021")
    html = render_html(report, "wps", 9)
    tables = html.split("<table")
    first_ap = next(i for i, t in enumerate(tables) if "本年新收" in t)
    blank = re.sub(r">\s*[0-9０-９][0-9０-９.,，]*\s*<", "><", tables[first_ap].split("</table>")[0])
    html = "<table".join(tables[:first_ap]) + "<table" + blank + "</table>" + "<table".join(["", *tables[first_ap:]])
    rec = parse_report(html, content_type="text/html")
    assert rec.applications == report.gold["applications"]
    assert not [w for w in rec.warnings if "twice" in w], rec.warnings


def test_a_text_without_its_title_line_takes_the_title_its_opening_sentence_names() -> None:
    text = ("根据《中华人民共和国政府信息公开条例》规定，现公布泰州市人民政府2017年政府信息公开工作年度报告。"
            "报告所列数据的统计期限自2017年1月1日起至12月31日止。\n一、主要工作概述\n（一）探索建立标准化体系。\n"
            "发文日期\n2018年2月28日")
    rec = parse_report(text, content_type="text/plain")
    assert (rec.title, rec.agency, rec.year) == ("泰州市人民政府2017年政府信息公开工作年度报告", "泰州市人民政府", 2017)
    assert "metadata: no title line; the title is the one the opening sentence names" in rec.warnings
    # no title anywhere: the label before the closing date is no signing agency when it is a field label
    rec = parse_report(text.replace("现公布泰州市人民政府2017年政府信息公开工作年度报告", "现公布本报告"),
                       content_type="text/plain")
    assert rec.title is None and rec.agency is None


@pytest.mark.parametrize("sentence", ["本年度报告中所列数据统计期限从2019年1月1日到12月31日止。",
                                      "本报告所列数据的统计期限为2019年1月1日至2019年12月31日。",
                                      "本报告中所列数据的统计时限自2019年1月1日起至12月31日止。",
                                      "报告所列数据的统计期限自 2019 年 1 月 1 日起至 12 月 31 日止。",
                                      "本报告所列数据的统计期限自二〇一九年一月一日起至十二月三十一日止。"])
def test_the_year_from_the_statistics_period_however_it_is_worded(sentence: str) -> None:
    rec = parse_report(f"某区民政局政府信息公开工作年度报告\n{sentence}\n一、总体情况\n本年度工作有序开展。",
                       content_type="text/plain")
    assert rec.year == 2019
    assert "metadata: year taken from the statistics period (no year in the title)" in rec.warnings


def test_a_2019_report_that_leaves_every_zero_blank() -> None:
    """The structure of a real 2019 report (Shanghai's 市政府办公厅): 本年新<br />制作数量 headers, colspans
    on every row, a procurement amount in 元, and each zero left as a blank cell (&nbsp;), whole rows
    and a whole review group blank. Blank cells are null, rows left blank are not missing."""
    rec = parse_report((FIX / "html_2019_blank_cells.html").read_bytes(), content_type="text/html")
    assert (rec.title, rec.agency, rec.year, rec.edition, rec.published_at) == (
        "2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019, "2019", "2020-01-31")
    ad = rec.active_disclosure
    assert ad["regulations"] == {"new_made": 13, "new_published": 13, "total_published": 524}
    assert ad["procurement"] == {"projects": 6, "amount": 25.1}
    ap = rec.applications
    assert ap["new_received"] == {"natural_person": 821, "commercial": 35, "research": None, "social_org": None,
                                  "legal_service": 2, "other_org": 1, "total": 859}
    assert ap["granted"]["total"] is None and ap["granted"]["natural_person"] == 258
    assert set(ap["denied.prohibited_by_law"].values()) == {None}
    assert ap["total"]["total"] == 805 and ap["carried_forward"]["total"] == 72
    rl = rec.reviews_litigation
    assert rl["review"] == {"upheld": 5, "corrected": None, "other": None, "pending": 2, "total": 7}
    assert set(rl["litigation_after_review"].values()) == {None}
    assert rec.warnings == ["active_disclosure.procurement: the amount cell is written in 元 ('251000元'), not "
                            "the template's 万元: read as 25.1 万元"]
    assert not [c for c in rec.checks if c["ok"] is False]


def test_a_table_of_one_cell_is_a_box_around_text_not_a_row() -> None:
    """A CMS that wraps the article in a one-cell table (DedeCMS's ``<table><tr><td>{body}``): with no
    data table inside it (a narrative report, or the first page of a report split over pages) its
    paragraphs are lines of text, so the sections are found; a row of two cells stays a row."""
    box = ("<table width='100%'><tr><td><p>某区2022年政府信息公开工作年度报告</p><p>一、总体情况</p>"
           "<p>2022年，某区认真贯彻落实条例。</p><p>五、存在的主要问题及改进情况</p><p>问题一。</p></td></tr></table>")
    assert html_lines(box) == [["某区2022年政府信息公开工作年度报告"], ["一、总体情况"], ["2022年，某区认真贯彻落实条例。"],
                               ["五、存在的主要问题及改进情况"], ["问题一。"]]
    rec = parse_report(box)
    assert rec.sections["overview"] == "2022年，某区认真贯彻落实条例。"
    assert rec.sections["problems"] == "问题一。"
    assert html_lines("<table><tr><th>规章</th><td>5</td></tr></table>") == [["规章", "5"]]
    assert html_lines("<table><tr><td>规章</td></tr><tr><td>5</td></tr></table>") == [["规章"], ["5"]]


@pytest.mark.parametrize("mark", ["\x07", "\x01", "\x7f", "\x1b"])
@pytest.mark.parametrize("as_bytes", [False, True])
def test_control_characters_in_cells_are_not_part_of_their_numbers_or_labels(mark: str, as_bytes: bool) -> None:
    """A page converted from a Word document may keep Word's cell mark (U+0007) after every cell, or a
    stray control character inside a label: every cell is still read (it was the whole report lost)."""
    report = generate_report(5, edition="2021", year=2022)
    html = render_html(report).replace("</td>", mark + "</td>").replace("<td>规章", f"<td>规{mark}章")
    rec = parse_report(html.encode() if as_bytes else html)
    assert diff_cells(rec.to_dict(), report.gold) == []


@pytest.mark.parametrize("variant", ["mark_for_tab", "mark_and_tab", "row_marks"])
def test_text_taken_from_a_word_file_with_its_cell_marks_is_read(variant: str) -> None:
    """Text taken from a .doc file: Word ends every table cell with U+0007 (and a row with one more),
    with or without a tab as well."""
    report = generate_report(6, edition="2019", year=2020)
    text = render_text(report, "tabs", 2)
    text = {"mark_for_tab": lambda t: t.replace("\t", "\x07"),
            "mark_and_tab": lambda t: t.replace("\t", "\x07\t"),
            "row_marks": lambda t: "\n".join(ln.replace("\t", "\x07") + ("\x07\x07" if "\t" in ln else "")
                                             for ln in t.split("\n"))}[variant](text)
    rec = parse_report(text, content_type="text/plain")
    assert diff_cells(rec.to_dict(), report.gold) == []


def test_a_table_whose_zeros_are_typed_as_the_letter_o_is_read() -> None:
    report = generate_report(11, edition="2021", year=2022)
    html = re.sub(r"(<td[^>]*>(?:<p[^>]*>)?(?:<span[^>]*>)?)0(?=(?:</span>)?(?:</p>)?</td>)", r"\1O",
                  render_html(report, "wps", 11))
    assert ">O<" in html
    rec = parse_report(html)
    assert diff_cells(rec.to_dict(), report.gold) == [] and rec.warnings == []



@pytest.mark.parametrize("decorate", [lambda label: label + "：", lambda label: "【" + label + "】",
                                      lambda label: "“" + label + "”", lambda label: label + "*",
                                      lambda label: "「" + label + "」"],
                         ids=["colon", "brackets", "quotes", "asterisk", "corner brackets"])
def test_row_labels_with_marks_around_them_are_read(decorate) -> None:
    """A row's label with a colon or a footnote's asterisk after it, or brackets or quotes around it,
    names its row (it was an unrecognised row, its cells null)."""
    report = generate_report(12, edition="2021", year=2022)
    html = render_html(report, "wps", 12)
    for label in ("规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "自然人"):
        html = html.replace(f">{label}<", f">{decorate(label)}<")
    rec = parse_report(html)
    assert diff_cells(rec.to_dict(), report.gold) == [] and rec.warnings == []


@pytest.mark.parametrize("layout", ["tabs", "markdown", "cells"])
@pytest.mark.parametrize("sep", ["\u2028", "\u2029"])
def test_text_whose_lines_end_in_unicode_line_separators_is_read(layout: str, sep: str) -> None:
    report = generate_report(13, edition="2021", year=2022)
    rec = parse_report(render_text(report, layout, 13).replace("\n", sep), content_type="text/plain")
    assert diff_cells(rec.to_dict(), report.gold) == []


def _with_serial_column(html: str) -> str:
    """Each innermost table with a 序号 column before its labels: the header in the first row, the
    rows that hold numbers numbered 1, 2, 3 … (the reviews table's row of numbers alone too)."""
    root = etree.fromstring(f"<div>{html}</div>", etree.HTMLParser()).find(".//div")
    for table in root.iter("table"):
        if table.find(".//table") is not None:
            continue
        n = 0
        for k, tr in enumerate(table.iter("tr")):
            cells = ["".join(c.itertext()).strip() for c in tr]
            if k and not (len(cells) > 1 and cells[-1].replace(".", "").isdigit()):
                continue
            td = etree.Element("td")
            td.text = "序号" if k == 0 else str(n := n + 1)
            tr.insert(0, td)
    return etree.tostring(root, encoding="unicode")


@pytest.mark.parametrize("edition", ["2019", "2021"])
@pytest.mark.parametrize("style", ["wps", "unmerged", "split"])
def test_a_serial_number_column_before_the_labels_is_not_read_as_numbers(edition: str, style: str) -> None:
    """An agency that put a 序号 column before the template's labels: the serials are no cells (192 of
    200 cells were lost before, the serial read as the previous row's last number)."""
    report = generate_report(14, edition=edition, year=2020 if edition == "2019" else 2022)
    html = _with_serial_column(render_html(report, style, 14))
    assert ">序号<" in html
    rec = parse_report(html)
    assert diff_cells(rec.to_dict(), report.gold) == [] and rec.warnings == []


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_captured_text_with_a_serial_number_column_is_read_without_it(edition: str) -> None:
    report = generate_report(14, edition=edition, year=2020 if edition == "2019" else 2022)
    out, serial, header = [], 0, False
    for line in render_text(report, "tabs", 14).split("\n"):
        fields = line.split("\t")
        if fields[0] == "信息内容" and not header:
            header = True
            out.append("序号\t" + line)
        elif header and len(fields) > 1 and any(unicodedata.normalize("NFKC", f).strip().replace(".", "").isdigit()
                                                for f in fields[1:]):
            serial += 1
            out.append(f"{serial}\t{line}")
        else:
            out.append(line)
    rec = parse_report("\n".join(out), content_type="text/plain")
    assert serial > 20 and diff_cells(rec.to_dict(), report.gold) == [] and rec.warnings == []
