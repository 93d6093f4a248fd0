"""Parse benchmark: ≥ 500 synthetic full portal pages, parse_report vs lxml.html parsing alone.

Prints reports/s and the ratio of total parse time (cleaning + parsing) to lxml.html parsing
of the same pages, run side by side in the same process: chunk by chunk, both sides back to
back, best of five rounds per chunk. Every round reads pages never read before (the same
styles, other reports): a crawl reads each page once, and a page read again would find its own
titles, numbers and sentences in the parser's caches. Two sets of pages: with only the chrome
the page step must recognise, then with the furniture of real portal pages; the RESULT line is
the second. Target: ≥ 200 reports/s on one core, ratio ≤ 3.   usage: python benchmarks/parse.py [N]
"""

from __future__ import annotations

import sys
import time

import lxml.html

from govreports.parser import parse_report
from govreports.synth.pages import STYLES, encode_page, wrap_page
from govreports.synth.render import HTML_STYLES, render_html
from govreports.synth.report import generate_report

ROUNDS = 5
CHUNK = 25


def pages(n: int, start: int = 0, furniture: bool = True) -> list[bytes]:
    """``n`` pages: the reports of seeds ``start`` … ``start + n - 1``; ``furniture``: with the
    scripts, menus, lists and footers real portal pages carry (else only the chrome the page step
    must recognise)."""
    out = []
    for i in range(start, start + n):
        report = generate_report(i, edition="2021" if i % 3 else "2019")
        body = render_html(report, HTML_STYLES[i % len(HTML_STYLES)], i)
        html = wrap_page(body, style=STYLES[i % len(STYLES)], title=report.gold["title"],
                         charset="gbk" if i % 4 == 0 else "utf-8", furniture=furniture)
        out.append(encode_page(html, "gbk" if i % 4 == 0 else "utf-8"))
    return out


def measure(n: int, furniture: bool) -> tuple[float, float, float, int]:
    """(lxml seconds, parse_report seconds, mean page size, cells read) for ``n`` pages a round."""
    for d in pages(20, start=ROUNDS * n, furniture=furniture):  # warm up both sides alike, on pages not measured
        parse_report(d, content_type="text/html")
        lxml.html.fromstring(d)
    # A shared machine's noise comes in bursts: both sides run on the same chunk of pages back to
    # back, every chunk in every round, and each side keeps its best time per chunk position.
    lxml_best = [float("inf")] * -(-n // CHUNK)
    ours_best = [float("inf")] * len(lxml_best)
    cells, size = 0, 0.0
    for r in range(ROUNDS):
        docs = pages(n, start=r * n, furniture=furniture)
        size = sum(len(d) for d in docs) / n
        chunks = [docs[i:i + CHUNK] for i in range(0, n, CHUNK)]
        cells = 0
        for k, chunk in enumerate(chunks):
            t = time.perf_counter()
            for d in chunk:
                lxml.html.fromstring(d)
            lxml_best[k] = min(lxml_best[k], time.perf_counter() - t)
            t = time.perf_counter()
            records = [parse_report(d, content_type="text/html") for d in chunk]
            ours_best[k] = min(ours_best[k], time.perf_counter() - t)
            cells += sum(v is not None for rec in records for table in (rec.applications, rec.active_disclosure)
                         for row in table.values() for v in row.values())
    return sum(lxml_best), sum(ours_best), size, cells


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    print(f"{n} pages a round, each read once; best of {ROUNDS} rounds per chunk of {CHUNK} pages, both sides "
          "interleaved")
    # The pages as the page step's tests build them (only the chrome it must recognise, ~2.5 KB), then
    # as a crawl meets them: with the furniture real portal pages carry (scripts, menus, department
    # lists, footers: ~21 KB here, where saved real pages hold 30,000–47,000 characters of it).
    for label, furniture in (("chrome only", False), ("with furniture", True)):
        lxml_s, ours_s, size, cells = measure(n, furniture)
        print(f"{label:15} mean size {size / 1024:5.1f} KiB  lxml.html.fromstring {n / lxml_s:5.0f} pages/s  "
              f"parse_report {n / ours_s:4.0f} reports/s  ratio {ours_s / lxml_s:.2f}  (cells read: {cells})")
    print(f"RESULT reports_per_s={n / ours_s:.0f} ratio_to_lxml={ours_s / lxml_s:.2f}")


if __name__ == "__main__":
    main()
