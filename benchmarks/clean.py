"""Cleaning benchmark: our page step vs trafilatura (a general-purpose extractor) on the same portal pages.

For each test page (five CMS styles around synthetic reports with known cells, plus the three
seeds wrapped as portal pages) it prints, for both tools: the share of table cells kept, the
chrome strings left, and the time. Ends with a RESULT line.

trafilatura is installed only for this benchmark:  pip install trafilatura lxml_html_clean
usage: python benchmarks/clean.py
"""

from __future__ import annotations

import sys
import time
import unicodedata

from govreports.page import clean_page
from govreports.parser import parse_page
from govreports.parser.html_lines import html_lines
from govreports.synth.pages import CHROME_STRINGS, STYLES, encode_page, wrap_page
from govreports.synth.render import HTML_STYLES, render_html
from govreports.synth.report import generate_report

TABLES = ("active_disclosure", "applications", "reviews_litigation")


def cells_of(gold: dict) -> list[str]:
    return [str(v) for t in TABLES for row in gold[t].values() for v in row.values()]


def kept_share(gold: dict, text: str) -> float:
    """Share of the gold cells whose numbers appear, in order, in the extracted text."""
    tokens = [t.replace(",", "") for t in unicodedata.normalize("NFKC", text).split()]
    want = [f"{float(v):.4f}" if "." in v else v for v in cells_of(gold)]
    found, pos = 0, 0
    for w in want:  # in order: a number found further on does not count for an earlier cell
        try:
            pos = tokens.index(w, pos) + 1
            found += 1
        except ValueError:
            continue
    return found / len(want)


def chrome_left(text: str) -> int:
    return sum(1 for c in CHROME_STRINGS if c in text)


def ours(data: bytes, url: str) -> str:
    page = clean_page(data, content_type="text/html", url=url)
    rec = parse_page(page)
    # the text with tables as the parser reads them
    return rec.text if rec.text else "\n".join("\t".join(r) for r in html_lines(page.content))


def main() -> None:
    try:
        import trafilatura
    except ImportError:
        print("trafilatura is not installed: pip install trafilatura lxml_html_clean   (only ours is measured)")
        trafilatura = None
    rows = []
    for i, style in enumerate(STYLES * 2):
        report = generate_report(i, edition="2021" if i % 2 else "2019")
        html = wrap_page(render_html(report, HTML_STYLES[i % 3], i), style=style, title=report.gold["title"],
                         charset="gbk" if i % 3 == 0 else "utf-8")
        data = encode_page(html, "gbk" if i % 3 == 0 else "utf-8")
        url = f"http://www.example.gov.cn/zwgk/zfxxgknb/202301/t20230110_{i}.html"
        t = time.perf_counter()
        text = ours(data, url)
        ours_s = time.perf_counter() - t
        row = [f"{style}/{HTML_STYLES[i % 3]}", kept_share(report.gold, text), chrome_left(text), ours_s]
        if trafilatura:
            t = time.perf_counter()
            other = trafilatura.extract(data, url=url, include_tables=True, favor_recall=True) or ""
            row += [kept_share(report.gold, other), chrome_left(other), time.perf_counter() - t]
        rows.append(row)
    head = f"{'page':18} {'ours: cells':>11} {'chrome':>6} {'ms':>6}"
    if trafilatura:
        head += f" | {'trafilatura: cells':>18} {'chrome':>6} {'ms':>6}"
    print(head)
    for r in rows:
        line = f"{r[0]:18} {r[1]:>10.1%} {r[2]:>6} {r[3] * 1000:>6.1f}"
        if trafilatura:
            line += f" | {r[4]:>17.1%} {r[5]:>6} {r[6] * 1000:>6.1f}"
        print(line)
    n = len(rows)
    result = (f"RESULT ours_cells={sum(r[1] for r in rows) / n:.3f} ours_chrome={sum(r[2] for r in rows)} "
              f"ours_ms={sum(r[3] for r in rows) / n * 1000:.1f}")
    if trafilatura:
        result += (f" trafilatura_cells={sum(r[4] for r in rows) / n:.3f} trafilatura_chrome="
                   f"{sum(r[5] for r in rows)} trafilatura_ms={sum(r[6] for r in rows) / n * 1000:.1f}")
    print(result)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
