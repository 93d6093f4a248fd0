"""Arbitrary input never raises; time grows linearly with input size (no regex blow-ups)."""

from __future__ import annotations

import gc
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreports.parser import parse_report
from govreports.record import Record
from govreports.synth.render import render_html, render_text
from govreports.synth.report import generate_report
from tests.synth_compare import diff_cells

PIECES = st.sampled_from([
    "<td>", "</td>", "<tr>", "</tr>", "<table>", "</table>", "<p>", "<br>", "&nbsp;", ' rowspan="3"', "|", "\t",
    "\n", "\u00a0", " ", "0", "12", "1,234", "—", "无", "一、本年新收政府信息公开申请数量", "（七）总计", "本年制发件数",
    "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "行政复议", "结果维持", "规章",
    "2021年政府信息公开工作年度报告", "<script>", "<!--", "-->", "<meta charset=gbk>", "\x00", "\ufffd", "\u202e",
])


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(parts=st.lists(PIECES, max_size=200), html=st.booleans())
def test_template_fragments_never_raise(parts: list[str], html: bool) -> None:
    rec = parse_report("".join(parts), content_type="text/html" if html else "text/plain")
    assert isinstance(rec, Record)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=3000), html=st.booleans())
def test_arbitrary_bytes_never_raise(data: bytes, html: bool) -> None:
    assert isinstance(parse_report(data, content_type="text/html" if html else "text/plain"), Record)


PAGER_PIECES = st.sampled_from([
    '<script>createPageHTML(3, 0, "t20230120_9", "html");</script>', "<script>createPageHTML(n, c, 'x', 'htm');</script>",
    "<script>var countPage = 999999;createPageHTML('d', countPage, 0, 't20230120_9', 'html');</script>",
    '<a href="t20230120_9_1.html">下一页</a>', '<a href="t20230120_9_7.html">7</a>', '<a href="t20230120_9.html">1</a>',
    '<a href="../t20230120_9_2.html">上一頁</a>', '<a href="javascript:;">下一页</a>', "<base href='http://y.gov.cn/'>",
    '<?xml version="1.0" encoding="gb2312"?>', "<table><tr><td>规章</td><td>5</td></tr></table>", "安全狗", "\x00",
    "<p>一、总体情况</p>", "<table><tr><td>", "</td></tr></table>",
])


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(first=st.lists(PAGER_PIECES, max_size=30), parts=st.lists(st.one_of(
    st.lists(PAGER_PIECES, max_size=30).map("".join), st.binary(max_size=400)), max_size=4),
    name=st.sampled_from(["t20230120_9.html", "t20230120_9_1.html", "index.html", "a.pdf", ""]))
def test_a_split_report_of_arbitrary_parts_never_raises(first: list[str], parts: list, name: str) -> None:
    """The crawl's join (``clean_item``) of any page with any parts — pages, bytes, errors, pagers that
    name hundreds of parts or none — gives a page, and the parser a record."""
    from govreports.page.clean import clean_item
    from govreports.parser import parse_page

    base = "http://x.gov.cn/a/"
    raw = [{"url": f"{base}t20230120_9_{k + 1}.html", "body": p if isinstance(p, bytes) else p.encode(), "headers": {}}
           for k, p in enumerate(parts)] + [{"url": f"{base}t20230120_9_9.html", "error": "HTTP 404"}]
    page = clean_item({"url": base + name, "body": "".join(first).encode(), "headers": {}, "parts": raw},
                      lambda url: None)
    assert isinstance(parse_page(page), Record)
    assert len(page.metadata.parts) < 60


def test_deeply_nested_and_wide_html() -> None:
    nested = "<div>" * 5000 + "一、总体情况" + "</div>" * 5000
    rec = parse_report(nested, content_type="text/html")
    assert any("nested deeper than the HTML parser reads" in w for w in rec.warnings)  # lost, and said so
    rec = parse_report("<div>" * 1500 + "一、总体情况" + "</div>" * 1500, content_type="text/html")
    assert rec.text == "一、总体情况" and not any("nested" in w or "cleaning" in w for w in rec.warnings)
    wide = "<table><tr><td>规章</td>" + "<td>1</td>" * 10000 + "</tr></table>"
    rec = parse_report(wide, content_type="text/html")
    assert isinstance(rec, Record)
    huge = "规章\n" + "9" * 5000 + "\n"
    assert isinstance(parse_report(huge, content_type="text/plain"), Record)


def test_parse_time_grows_linearly() -> None:
    unit = render_text(generate_report(1, edition="2021"), "tabs", 1)
    small, big = unit * (500_000 // len(unit) + 1), unit * (1_000_000 // len(unit) + 1)

    def timed(text: str) -> float:
        best = float("inf")
        for _ in range(2):
            t = time.perf_counter()
            parse_report(text, content_type="text/plain")
            best = min(best, time.perf_counter() - t)
        return best

    assert len(big) >= 1_000_000
    ratio = timed(big) / timed(small)
    assert ratio < 4, f"doubling the input multiplied the time by {ratio:.1f}"


def _best_time(text: str, content_type: str) -> float:
    """Best of three parses, with no garbage collection landing in one run (which would look like
    superlinear growth)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            t = time.perf_counter()
            parse_report(text, content_type=content_type)
            best = min(best, time.perf_counter() - t)
    finally:
        gc.enable()
    return best


SHAPES = {
    "pipes": "|",
    "blank tab fields": "\t",
    "numbers and pipes": "1||",
    "pdf space columns": "规章   1   ",
    "fullwidth spaces": "\u3000\u3000",
    "nbsp lines": "\u00a0\n",
    "metadata table lines": "索 引 号 | 014416330/2018-04736 | 发布机构 | 市政府办 |\n",
}


@pytest.mark.parametrize("unit", SHAPES.values(), ids=SHAPES.keys())
def test_adversarial_shapes_scale_linearly(unit: str) -> None:
    """Four times the input may cost about four times the time, never sixteen (quadratic)."""

    _assert_scales_linearly(unit, "text/plain", 50_000)


def test_a_row_label_of_many_numbering_marks_scales_linearly() -> None:
    """A row is named from its own numbering inside a longer label: a label made of numbering marks
    must not cost a search per mark (it took a minute for 4,000 marks, quadratic)."""
    text = render_text(generate_report(3, edition="2021"), "tabs", 3)
    at = text.index("三、本年度办理结果")

    def page(marks: int) -> str:
        return text[:at] + "三、本年度办理结果" + "(一)" * marks + "\t1\t2\t3\t4\t5\t6\t21\n" + text[at:]

    ratio = _best_time(page(16_000), "text/plain") / max(_best_time(page(4_000), "text/plain"), 1e-4)
    assert ratio < 10, f"4× the marks took {ratio:.1f}× the time"


def _unknown_rows(count: int, numbered: bool, seed: int = 0) -> str:
    """A report whose applications table starts with ``count`` rows no template row has, each with
    new words."""
    rng = random.Random(count * 100 + seed)
    words = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"

    def word() -> str:
        return "".join(rng.choice(words) for _ in range(6))

    rows = [f"1.{word()} 1 2 3\n" + "\n".join(word() for _ in range(8)) if numbered else
            "\n".join(word() for _ in range(3)) + "\n1" for _ in range(count)]
    report = render_text(generate_report(5, edition="2021"), "tabs", 5)
    at = report.index("\n", report.index("三、收到和处理政府信息公开申请情况")) + 1
    return report[:at] + "\n".join(rows) + "\n" + report[at:]


@pytest.mark.parametrize("numbered", [False, True], ids=["labels then a number", "numbered, labels after"])
def test_a_region_of_unknown_rows_scales_linearly_and_is_summed_up(numbered: bool) -> None:
    """Each unknown row's name is sought over its labels joined back (and, numbered, forward over
    the next row's): linear in the rows. The first 50 are named in warnings, the rest counted."""

    def cold(count: int) -> float:  # every run on new words: a page read again would find them cached
        best = float("inf")
        for seed in range(3):
            text = _unknown_rows(count, numbered, seed)
            t = time.perf_counter()
            parse_report(text, content_type="text/plain")
            best = min(best, time.perf_counter() - t)
        return best

    ratio = cold(8_000) / max(cold(2_000), 1e-4)
    assert ratio < 10, f"4× the rows took {ratio:.1f}× the time"
    warnings = parse_report(_unknown_rows(300, numbered), content_type="text/plain").warnings
    named = [w for w in warnings if w.startswith("applications: unrecognised row")]
    assert len(named) == 50
    assert "applications: 250 more unrecognised rows with numbers (not read; the first 50 are named above)" in warnings


def _assert_scales_linearly(unit: str, content_type: str, size: int) -> None:
    small, big = unit * (size // len(unit)), unit * (4 * size // len(unit))
    ratio = _best_time(big, content_type) / max(_best_time(small, content_type), 1e-4)
    assert ratio < 10, f"4× the input took {ratio:.1f}× the time"


def test_coverage_guided_fuzzing_with_atheris(tmp_path) -> None:
    """A short libFuzzer session from the seed reports (longer ones: fuzz/fuzz_parser.py)."""
    pytest.importorskip("atheris")
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted((root / "tests" / "fixtures" / "seeds").glob("*.txt")):
        (corpus / seed.name).write_bytes(b"\x00" + seed.read_bytes()[:4000])  # first byte: text, not HTML
    p = subprocess.run([sys.executable, str(root / "fuzz" / "fuzz_parser.py"), "-runs=20000", "-max_len=4096",
                        "-timeout=5", str(corpus)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    assert "Done 20000 runs" in p.stderr


HTML_SHAPES = {
    "sibling one-cell tables": "<table><tr><td>1</td></tr></table>",
    "sibling layout tables": "<table><tr><td><table><tr><td>规章</td><td>1</td></tr></table></td></tr></table>",
    "sibling paragraphs": "<p>一、总体情况</p>",
    "rows of one table": "<tr><td>规章</td><td>1</td><td></td></tr>",
    "sibling forms and scripts": "<form><input></form><script>x</script>",
    "wrappers left open, each with a link": "<div><a href='/a'>链接</a>文字",
    "sibling lists of links": "<ul><li><a href='/a'>某区2021年政府信息公开工作年度报告</a></li><li><a href='/b'>b</a></li></ul>",
}


@pytest.mark.parametrize("unit", HTML_SHAPES.values(), ids=HTML_SHAPES.keys())
def test_html_shapes_scale_linearly(unit: str) -> None:
    """Thousands of like siblings: four times as many may cost about four times the time. (libxslt
    once made 10,000 sibling tables quadratic: 7 s for 1 MB.)"""

    _assert_scales_linearly(unit, "text/html", 60_000)


def test_a_tree_deeper_than_libxslt_allows_is_read_as_text() -> None:
    """lxml's parser stops at depth 255, but a tree built another way can be deeper than libxslt's
    template limit: its text is still read (as plain lines), never an exception."""
    from lxml import etree

    from govreports.parser.html_lines import html_lines

    root = etree.Element("div")
    el = root
    for _ in range(5000):
        el = etree.SubElement(el, "div")
    el.text = "一、总体情况"
    etree.SubElement(el, "table").text = "规章"
    assert html_lines(root) == [["一、总体情况规章"]]


def test_a_report_inside_a_hundred_nested_layout_tables_is_read_in_full() -> None:
    """libxml2 stops at 256 levels unless told otherwise (a hundred nested tables are 300): the
    page step's parser reads 2,048, and reads each table's text at most a bounded number of times."""
    report = generate_report(2, edition="2021")
    body = render_html(report, "wps", 2)
    meta = "<table><tr><td>索引号：</td><td>000014349/2022-00001</td><td>发文机关：</td><td>区政府办公室</td>" \
           "<td>成文日期：</td><td>2022-01-20</td></tr></table>"
    page = "<table><tr><td>" * 100 + meta + body + "</td></tr></table>" * 100
    rec = parse_report(f"<html><head><title>{report.gold['title']}</title></head><body>{page}</body></html>",
                       content_type="text/html")
    assert diff_cells(report.gold, rec.to_dict()) == [] and rec.warnings == []
    from govreports.page import clean_page

    assert clean_page(page).metadata.doc_meta == {"索引号": "000014349/2022-00001", "发文机关": "区政府办公室",
                                                  "成文日期": "2022-01-20"}


@pytest.mark.parametrize("wrapper", ['<div class="content">', '<div class="a">', "<div>"])
def test_a_report_inside_a_thousand_nested_wrappers_is_read_and_each_search_is_bounded(wrapper: str) -> None:
    """Every wrapper holds the whole text again: the page step's searches stop after a bounded
    number of characters read (and chrome removal says so when it stops), and every cell is read."""
    report = generate_report(3, edition="2021")
    body = wrapper * 1000 + render_html(report, "wps", 3) + "<p>" + "本年度工作有序开展。" * 40000 + "</p>" + "</div>" * 1000
    rec = parse_report(f"<html><head><title>{report.gold['title']}</title></head><body>{body}</body></html>",
                       content_type="text/html")
    assert diff_cells(report.gold, rec.to_dict()) == []
    stopped = [w for w in rec.warnings if w.startswith("page: chrome removal stopped")]
    assert len(stopped) == (wrapper == '<div class="a">')  # plain wrappers are lone children; .content is the body


def test_text_beyond_the_reading_limit_is_kept_and_said_to_be_unread() -> None:
    from govreports.parser import MAX_INPUT_CHARS

    text = "规章\t1\n" * (MAX_INPUT_CHARS // 5 + 1000)
    rec = parse_report(text, content_type="text/plain")
    assert len(rec.text) == len(text.strip())
    assert any(w.startswith(f"parser: the content runs to {len(text.strip()):,} characters") for w in rec.warnings)


def test_lists_of_links_are_sought_near_a_bounded_number_of_links(monkeypatch) -> None:
    """Wrappers left open, each holding a link (random bytes make such pages): the body's lists of
    links are sought a few levels above at most 300 links, never over every link's ancestors (each
    ancestor's text read: quadratic — random bytes took 1.06 s instead of 0.27)."""
    from lxml import etree

    import govreports.page.html_page as page

    body = etree.fromstring("<html><body><div id='b'>" + "<div><a href='/a'>链接</a>文字" * 2000 + "</div></body></html>",
                            etree.HTMLParser(huge_tree=True)).find(".//div[@id='b']")
    reads = []
    monkeypatch.setattr(page, "text_of", lambda el: reads.append(el) or etree.tostring(
        el, method="text", encoding="unicode", with_tail=False))
    page._drop_link_lists(body, page.HtmlFacts(body))
    assert len(reads) <= page._MAX_LIST_LINKS * (page._LIST_DEPTH + 1)


def test_breaks_and_titles_read_no_block_of_text_whole(monkeypatch) -> None:
    """A ``<br>`` between digits is told from the text its neighbours start or end with, found a few
    levels down (wrappers nested by the thousand, each ending in a digit beside a <br>, were read
    whole, one each); a displayed title is sought over a bounded read of the page."""
    from lxml import etree

    import govreports.page.html_page as page

    root = etree.fromstring("<html><body>" + "<div>1" * 1500 + "</div>" * 1500 + "<br>2" * 1500 + "</body></html>",
                            etree.HTMLParser(huge_tree=True))
    reads = []
    monkeypatch.setattr(page, "text_of", lambda el: reads.append(el) or "")
    page.space_digit_breaks(root.iter("br"))
    assert reads == []
    read: list[int] = []
    monkeypatch.setattr(page, "text_of", lambda el: read.append(len(text := etree.tostring(
        el, method="text", encoding="unicode", with_tail=False))) or text)
    page.displayed_title(etree.fromstring("<html><body>" + "<div>年报文字" * 1500 + "</body></html>",
                                          etree.HTMLParser(huge_tree=True)))
    assert sum(read) <= page._TITLE_READ_BUDGET + max(read)  # (the nested divs' texts: 2.8 M characters in all)


@pytest.mark.parametrize("run", ["-", "─", "|-"])
def test_a_long_run_of_rule_characters_that_is_no_rule_scales_linearly(run: str) -> None:
    """A line of dashes (or bars and dashes) that ends in something else is no border line, and is
    told so in linear time (a pattern backtracked quadratically: 8,000 dashes took a second)."""
    small, big = ("规章\n" + run * (n // len(run)) + "x\n3" for n in (20_000, 80_000))
    ratio = _best_time(big, "text/plain") / max(_best_time(small, "text/plain"), 1e-3)
    assert ratio < 10, f"4× the line took {ratio:.1f}× the time"
