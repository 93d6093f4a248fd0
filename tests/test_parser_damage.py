"""Damaged tables: each yields the right warning or failed check — never a wrong number without a flag."""

from __future__ import annotations

import copy
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from govreports.parser import parse_report
from govreports.parser.tables import fit
from govreports.parser.tokens import BLANK_TOKEN, token_of
from govreports.synth.damage import KINDS, damage
from govreports.synth.printed import NUMBERS_ON, page_breaks, wrap_labels
from govreports.synth.render import HTML_STYLES, TEXT_LAYOUTS, render_html, render_text
from govreports.synth.report import generate_report
from tests.synth_compare import diff_cells, flagged

LAYOUTS = (*TEXT_LAYOUTS, *(f"html-{style}" for style in HTML_STYLES))


def _parse(report, layout: str, seed: int) -> dict:
    if layout.startswith("html-"):
        return parse_report(render_html(report, layout[5:], seed), content_type="text/html").to_dict()
    return parse_report(render_text(report, layout, seed), content_type="text/plain").to_dict()


@settings(max_examples=120, deadline=None)
@given(seed=st.integers(0, 10**6), edition=st.sampled_from(("2019", "2021")),
       kind=st.sampled_from(KINDS), layout=st.sampled_from(LAYOUTS))
def test_no_wrong_number_without_a_flag(seed: int, edition: str, kind: str, layout: str) -> None:
    dmg = damage(generate_report(seed, edition=edition), kind, random.Random(seed))
    rec = _parse(dmg.report, layout, seed)
    for table, row, col, want, got in diff_cells(dmg.report.gold, rec):
        if got is None:
            continue  # missing is allowed; inventing is not
        assert flagged(rec, table, row), f"{kind} on {layout}: {table}.{row}.{col} {want}→{got} unflagged"
    if dmg.expect_failed_rule:
        assert any(c["rule"] == dmg.expect_failed_rule and c["ok"] is False and c.get("row") == dmg.row
                   for c in rec["checks"])


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 10**6), edition=st.sampled_from(("2019", "2021")),
       kind=st.sampled_from((*KINDS, None)), layout=st.sampled_from(TEXT_LAYOUTS),
       width=st.sampled_from((None, 6, 8, 12)), numbers_on=st.sampled_from(NUMBERS_ON),
       breaks=st.integers(0, 4), running_head=st.booleans())
def test_printed_text_never_gives_a_wrong_number_without_a_flag(
        seed: int, edition: str, kind: str | None, layout: str, width: int | None, numbers_on: str, breaks: int,
        running_head: bool) -> None:
    """Captured text as a PDF prints it (labels wrapped in PDF columns, page numbers and running
    heads between a table's lines), damaged or not: every cell the parser does not read right is
    flagged, and an undamaged report is read in full, without a warning."""
    report = generate_report(seed, edition=edition)
    if kind is not None:
        report = damage(report, kind, random.Random(seed)).report
    text = render_text(report, layout, seed)
    if width is not None and layout == "pdf":
        text = wrap_labels(text, width, numbers_on)
    text = page_breaks(text, random.Random(seed), count=breaks, running_head=running_head)
    rec = parse_report(text, content_type="text/plain").to_dict()
    if kind is None:  # nothing to flag: every cell read, as from the text before it was printed
        assert diff_cells(report.gold, rec) == [] and rec["warnings"] == []
    for table, row, col, want, got in diff_cells(report.gold, rec):
        assert flagged(rec, table, row), f"{layout} {kind}: {table}.{row}.{col} {want}→{got} unflagged"


@pytest.mark.parametrize("layout", ["cells", "tabs", "pipe", "html-wps", "html-split"])
@pytest.mark.parametrize("kind", ["drop_cell", "duplicate_row_same", "duplicate_row_different"])
def test_expected_warning_names_the_row(kind: str, layout: str) -> None:
    for seed in range(6):
        dmg = damage(generate_report(seed, edition="2021"), kind, random.Random(seed))
        rec = _parse(dmg.report, layout, seed)
        assert any(w.startswith(dmg.expect_warning) for w in rec["warnings"]), (seed, rec["warnings"])


def test_altered_total_fails_its_check_with_both_numbers() -> None:
    report = generate_report(11, edition="2021")
    dmg = damage(report, "alter_total", random.Random(1))
    rec = _parse(dmg.report, "cells", 11)
    stated = dmg.report.page_changes["set"][(dmg.row, "total")]
    check = next(c for c in rec["checks"] if c["rule"] == "applications.row_sum" and c["row"] == dmg.row)
    assert check == {"rule": "applications.row_sum", "row": dmg.row, "ok": False,
                     "expected": report.gold["applications"][dmg.row]["total"], "actual": stated}


def test_blank_cell_is_null_not_zero() -> None:
    report = generate_report(5, edition="2019")
    dmg = damage(report, "blank_cell", random.Random(3))
    rec = _parse(dmg.report, "cells", 5)
    assert rec["applications"][dmg.row][dmg.column] is None


def test_filler_cells_never_slide_a_short_row_into_place() -> None:
    """Empty filler cells (a colspan written out) are dropped only when every number then has its
    column: never some of them, which would fill the gap a lost cell left."""
    six = [token_of(v) for v in ("1", "2", "3", "4", "5", "15")]
    seven = [*six[:5], token_of("6"), token_of("21")]
    blank = BLANK_TOKEN
    assert fit([*six, blank, blank], 7) is None  # a lost cell, then two fillers
    assert fit([blank, blank, *six], 7) is None  # two fillers beside the label, then a lost cell
    assert fit([*seven, blank, blank], 7) == seven
    assert fit([blank, blank, *seven], 7) == seven
    assert fit([blank, blank, *seven, blank], 7) == seven
    assert fit([*six, blank], 7) == [*six, blank]  # as many cells as columns: the last one is blank


#: What editing a page's HTML does to its tables: a cell deleted or an empty one added, a row
#: deleted, repeated or broken in two, a line of chrome pasted between rows.
EDITS = ("delete_cell", "insert_empty_cell", "delete_row", "repeat_row", "break_row", "chrome_row")


def _edit_table_html(html: str, edit: str, rng: random.Random) -> str:
    root = etree.fromstring(f"<div>{html}</div>", etree.HTMLParser())
    rows = [tr for tr in root.iter("tr")
            if any(re.fullmatch(r"[\d,.]+", td.xpath("string()").strip()) for td in tr.iter("td"))]
    tr = rng.choice(rows)
    cells = list(tr.iter("td"))
    if edit == "delete_cell":
        cell = rng.choice(cells)
        cell.getparent().remove(cell)
    elif edit == "insert_empty_cell":
        empty = etree.Element("td")
        empty.text = "\u00a0"
        rng.choice(cells).addnext(empty)
    elif edit == "delete_row":
        tr.getparent().remove(tr)
    elif edit == "repeat_row":
        tr.addnext(copy.deepcopy(tr))
    elif edit == "break_row" and len(cells) > 3:
        rest = etree.Element("tr")
        for cell in cells[rng.randrange(2, len(cells)):]:
            rest.append(cell)
        tr.addnext(rest)
    elif edit == "chrome_row":
        line = etree.Element("tr")
        etree.SubElement(line, "td").text = rng.choice(("【打印】【关闭】", "扫一扫在手机打开当前页", "责任编辑：张三"))
        tr.addprevious(line)
    return etree.tostring(root, encoding="unicode", method="html")


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), edition=st.sampled_from(("2019", "2021")),
       edit=st.sampled_from(EDITS), style=st.sampled_from(HTML_STYLES))
def test_edited_html_tables_never_give_a_wrong_number_without_a_flag(
        seed: int, edition: str, edit: str, style: str) -> None:
    report = generate_report(seed, edition=edition)
    html = _edit_table_html(render_html(report, style, seed), edit, random.Random(seed))
    rec = parse_report(html, content_type="text/html").to_dict()
    for table, row, col, want, got in diff_cells(report.gold, rec):
        if got is None:
            continue  # missing is allowed; inventing is not
        assert flagged(rec, table, row), f"{edit} on {style}: {table}.{row}.{col} {want}→{got} unflagged"
    if edit == "chrome_row":  # chrome between rows changes nothing
        assert diff_cells(report.gold, rec) == []


_HEADERS = {"2021": ("本年制发件数", "本年废止件数", "现行有效件数"), "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量")}


@pytest.mark.parametrize("edition", ["2021", "2019"])
@pytest.mark.parametrize("layout", ["html-wps", "html-merged", "tabs", "pipe"])
def test_a_block_under_the_other_editions_header_is_not_read_into_its_columns(edition: str, layout: str) -> None:
    """A report of one edition that kept the other's header over 第二十条第（一）项 (as many columns,
    which mean other things: 本年新公开数量 is not 本年废止件数) has those rows left blank and said so;
    every other cell is read."""
    report = generate_report(21, edition=edition)
    other = "2019" if edition == "2021" else "2021"
    page = render_html(report, layout[5:], 21) if layout.startswith("html-") else render_text(report, layout, 21)
    for own, theirs in zip(_HEADERS[edition], _HEADERS[other], strict=True):
        assert own in page
        page = page.replace(own, theirs)
    rec = parse_report(page, content_type="text/html" if layout.startswith("html-") else "text/plain").to_dict()
    assert {(t, row) for t, row, *_ in diff_cells(report.gold, rec)} == {
        ("active_disclosure", "regulations"), ("active_disclosure", "normative_documents")}
    for row in ("regulations", "normative_documents"):
        assert set(rec["active_disclosure"][row].values()) == {None}
        assert (f"active_disclosure.{row}: its block's header names the {other} template's columns "
                f"({', '.join(_HEADERS[other])}), not the {edition} template's; the row is left blank (null), "
                "its numbers not read into other columns") in rec["warnings"]


@pytest.mark.parametrize("style", HTML_STYLES)
def test_counts_written_with_decimals_are_whole_numbers_and_a_fraction_is_no_count(style: str) -> None:
    report = generate_report(31, edition="2021")
    # a table exported with two decimals everywhere (Excel's 0.00): every count is still an integer
    html = re.sub(r">(\d+)<", r">\1.00<", render_html(report, style, 31))
    rec = parse_report(html, content_type="text/html").to_dict()
    assert diff_cells(report.gold, rec) == [] and rec["warnings"] == []
    counts = [v for t in ("applications", "reviews_litigation") for row in rec[t].values() for v in row.values()]
    assert counts and all(type(v) is int for v in counts)
    assert type(rec["active_disclosure"]["fees"]["amount"]) is float  # money stays a decimal
    # a count with a fraction is no count: blank, and said
    granted = report.gold["applications"]["granted"]["natural_person"]
    row = re.search(r"予以公开.*?</tr>", html, re.S).group(0)
    cell = re.search(r">(\d+)\.00<", row)
    assert cell and int(cell.group(1)) == granted
    html = html.replace(row, row.replace(cell.group(0), f">{granted}.5<", 1))
    rec = parse_report(html, content_type="text/html").to_dict()
    assert rec["applications"]["granted"]["natural_person"] is None
    assert f"applications.granted: the natural_person cell reads {granted}.5, a count with a fraction: left blank (null)" \
        in rec["warnings"]


@pytest.mark.parametrize("style", ["wps", "merged", "unmerged"])
def test_review_groups_in_another_order_are_read_in_the_headers_order(style: str) -> None:
    """A page whose lawsuit columns come 复议后起诉 first: its numbers go to the groups its header names."""
    report = generate_report(41, edition="2021")
    root = etree.fromstring(f"<div>{render_html(report, style, 41)}</div>", etree.HTMLParser())
    direct = next(td for td in root.iter("td") if td.xpath("string()").strip() == "未经复议直接起诉")
    after = next(td for td in root.iter("td") if td.xpath("string()").strip() == "复议后起诉")
    direct_text, after_text = direct.xpath("string()"), after.xpath("string()")
    for td, text in ((direct, after_text), (after, direct_text)):
        for child in list(td):
            td.remove(child)
        td.text = text
    values = [tr for tr in root.iter("tr") if tr.getparent() is direct.getparent().getparent()][-1]
    cells = [td for td in values if td.tag == "td"]
    assert len(cells) >= 15
    numbers = cells[-15:]
    for td in numbers:
        values.remove(td)
    for td in numbers[:5] + numbers[10:] + numbers[5:10]:
        values.append(td)
    rec = parse_report(etree.tostring(root, encoding="unicode", method="html"), content_type="text/html").to_dict()
    assert rec["reviews_litigation"] == report.gold["reviews_litigation"]
    assert ("reviews_litigation: its header names the groups in another order than the template's (review, "
            "litigation_after_review, litigation_direct); the numbers are read in the header's order") in rec["warnings"]


@pytest.mark.parametrize("layout", ["tabs", "cells", "pipe"])
@pytest.mark.parametrize("whole_first", [False, True])
def test_a_row_seen_short_and_whole_is_read_from_the_whole_one(layout: str, whole_first: bool) -> None:
    """A row named twice, once short (a line of text naming it, a row cut at a page break) and once
    whole: the whole one is read, and a warning says the row appears twice (both were left blank)."""
    report = generate_report(20, edition="2021")
    short = {"tabs": "规章\t5", "cells": "规章\n\n\n\n5\n\n\n", "pipe": "规章 |\n5 |"}[layout]
    lines = render_text(report, layout, 20).split("\n")
    before = "行政规范性文件" if whole_first else "规章"  # (the short row after the whole one, or before it)
    k = next(i for i, line in enumerate(lines) if line.strip(" |").startswith(before))
    lines.insert(k, short)
    rec = parse_report("\n".join(lines), content_type="text/plain").to_dict()
    assert rec["active_disclosure"]["regulations"] == report.gold["active_disclosure"]["regulations"]
    order = "first whole, then with 1 of 3 cells" if whole_first else "first with 1 of 3 cells, then whole"
    assert rec["warnings"] == [f"active_disclosure.regulations: row appears twice, {order}; the whole row is read"]
