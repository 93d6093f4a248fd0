"""`govreports parse`: one JSON object for one file, JSON Lines for several, a readable table view."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from govreports.cli import main

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
FIX = Path(__file__).parent / "fixtures" / "parser"


def test_one_file_prints_one_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEEDS / "002_4e30512c326335a1.txt")]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["schema_version"] == 1
    assert rec["title"] == "南通市通州区科学技术局2023年政府信息公开工作年度报告"
    assert rec["original_script"] == "traditional"
    assert rec["published_at"].startswith("2024-01-11T15:05")
    assert rec["source"] == "通州区科技局"
    assert "累计次数" not in rec["text"] and "字体" not in rec["text"]


def test_several_files_print_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(SEEDS / "000_77d7af591d6fe09b.txt"), str(FIX / "html_2021_rowspan.html")]
    assert main(["parse", *files]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    assert len(lines) == 2
    first, second = (json.loads(x) for x in lines)
    assert first["edition"] == "2019" and first["published_at"].startswith("2021-02-10T10:31")
    assert second["edition"] == "2021" and second["applications"]["new_received"]["total"] == 12


def test_gbk_html_file_decodes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = (FIX / "html_2021_rowspan.html").read_text(encoding="utf-8").replace(
        '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    page = tmp_path / "gbk.htm"
    page.write_bytes(html.encode("gbk"))
    assert main(["parse", str(page)]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["agency"] == "某某区民政局" and rec["active_disclosure"]["licensing"]["decisions"] == 1234


def test_a_page_saved_under_another_name_is_read_as_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A page saved as ``detail.jsp`` (or served as text/plain) is an HTML document: read as HTML, and
    a warning says so; a GBK page among them is decoded from its meta tag."""
    html = (FIX / "html_2021_rowspan.html").read_text(encoding="utf-8")
    (tmp_path / "detail.jsp").write_text(html, encoding="utf-8")
    (tmp_path / "gbk").write_bytes(html.replace('<meta charset="utf-8">', '<meta charset="gb2312">').encode("gbk"))
    # an XHTML page opens with its XML declaration first
    (tmp_path / "xhtml.txt").write_bytes(b'<?xml version="1.0" encoding="gb2312"?>\n'
                                         + html.replace('<meta charset="utf-8">', '<meta charset="gb2312">').encode("gbk"))
    assert main(["parse", str(tmp_path / "detail.jsp"), str(tmp_path / "gbk"), str(tmp_path / "xhtml.txt"),
                 str(FIX / "html_2021_rowspan.html")]) == 0
    saved, gbk, xhtml, named = (json.loads(line) for line in capsys.readouterr().out.strip().split("\n"))
    for rec in (saved, gbk, xhtml):
        assert rec["applications"] == named["applications"] and rec["agency"] == "某某区民政局"
        assert rec["warnings"] == ["page: given as text, but it is an HTML document (it opens with <!DOCTYPE html> "
                                   "or <html>); read as HTML", *named["warnings"]]


def test_table_view_marks_failed_checks_and_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "table", str(FIX / "html_2021_rowspan.html")]) == 0
    out = capsys.readouterr().out
    assert "一、本年新收政府信息公开申请数量" in out
    assert "✗ applications.results_sum [natural_person]: expected 11, stated 10" in out
    assert "! active_disclosure.coercion: 1 cell(s) written as a dash or 无, read as 0" in out
    # column labels in full, each number under its label's right edge
    header = next(line for line in out.splitlines() if "本年制发件数" in line)
    assert header.split() == ["本年制发件数", "本年废止件数", "现行有效件数"]
    row = next(line for line in out.splitlines() if line.startswith("行政规范性文件"))
    assert row.split()[1:] == ["12", "0", "40"]

    def width(text: str) -> int:  # display columns: a CJK character takes two
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    assert width(row) == width(header)  # the last number ends where the last label does
    assert "社会公益组织" in out and "法律服务机构" in out
    # each group's heading above its numbered rows (1.–8. are the rows of (三)不予公开, 1.–3. of (四)无法提供 …)
    lines = out.splitlines()
    k = lines.index("(三)不予公开")
    assert lines[k + 1].startswith("  1.属于国家秘密") and lines[k + 4].split()[-1] == "1"  # 4.保护第三方合法权益
    assert lines[lines.index("(四)无法提供") + 1].split()[:2] == ["1.本机关不掌握相关政府信息", "1"]


def test_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "/nonexistent/report.html"]) == 1
    assert "cannot read /nonexistent/report.html" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("govreports") is None, reason="console script not installed")
def test_console_script_installed() -> None:
    out = subprocess.run(["govreports", "parse", str(SEEDS / "001_eea4a711c55947f4.txt")],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["applications"]["total"]["total"] == 0
    assert sys.executable


def test_a_saved_split_report_is_joined_with_the_parts_saved_beside_it(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A researcher saved a TRS report's three pages under their own names: `govreports parse` of the
    first reads all three; with one of them not saved, that one is named and its cells stay null;
    with none saved, the page is read alone and says what it lacks."""
    from govreports.synth.pages import encode_page, wrap_page
    from govreports.synth.render import render_html
    from govreports.synth.report import generate_report

    report = generate_report(48, edition="2021", year=2022)
    body = render_html(report)
    bounds = [0, body.index("<p><strong>二、"), body.index("<p><strong>四、"), len(body)]
    for k in range(3):
        pager = f'<script>createPageHTML(3, {k}, "t20230120_9", "html");</script>'
        (tmp_path / ("t20230120_9.html" if k == 0 else f"t20230120_9_{k}.html")).write_bytes(
            encode_page(wrap_page(body[bounds[k]:bounds[k + 1]] + pager, title=report.gold["title"])))
    first = str(tmp_path / "t20230120_9.html")
    assert main(["parse", first]) == 0
    rec = json.loads(capsys.readouterr().out)
    for table in ("active_disclosure", "applications", "reviews_litigation"):
        assert rec[table] == report.gold[table], table
    assert rec["page"]["parts_read"] == ["t20230120_9_1.html", "t20230120_9_2.html"]
    assert not [w for w in rec["warnings"] if "split over" in w]

    (tmp_path / "t20230120_9_2.html").unlink()
    assert main(["parse", first]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["applications"] == report.gold["applications"]
    assert rec["reviews_litigation"]["review"]["upheld"] is None
    assert [w for w in rec["warnings"] if "split over" in w] == [
        "page: the report is split over 3 pages and 1 of them could not be read (t20230120_9_2.html: not saved "
        "beside the page (t20230120_9_2.html)): tables and text on them are missing from this record (page.parts "
        "names every part, page.parts_read those joined)"]

    (tmp_path / "t20230120_9_1.html").unlink()
    assert main(["parse", first]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert (rec["applications"].get("new_received") or {}).get("total") is None  # (page 1: the narrative)
    assert [w for w in rec["warnings"] if "split over" in w][0].endswith("are not read: tables and text on them "
                                                                          "are missing from this record (page.parts names them)")
