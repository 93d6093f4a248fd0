"""Parser robustness figures: the slowest adversarial inputs up to 1 MB (target: none over 1 s).

Wall-clock limits belong here, not in tests. Prints each input's size and parse time; ends with
RESULT max_s=…   usage: python benchmarks/robustness.py
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from govreports.parser import parse_report
from govreports.synth.render import render_html, render_text
from govreports.synth.report import generate_report

MB = 1_000_000


def fill(unit: str, size: int = MB) -> str:
    """``unit`` repeated up to ``size`` bytes of UTF-8."""
    return unit * max(1, size // len(unit.encode("utf-8")))


def inputs() -> dict[str, tuple[str, str]]:
    rng = random.Random(1)
    report = generate_report(1, edition="2021")
    return {
        "tabs report ×n": (fill(render_text(report, "tabs", 1)), "text/plain"),
        "pdf-columns report ×n": (fill(render_text(report, "pdf", 1)), "text/plain"),
        "html report ×n": (fill(render_html(report, "wps", 1)), "text/html"),
        "one 1 MB line": (fill("一"), "text/plain"),
        "1 MB of digits": (fill("1234567890"), "text/plain"),
        "digits and spaces": (fill("1 "), "text/plain"),
        "label then 100k numbers": ("规章 " + " ".join(str(rng.randint(0, 9)) for _ in range(MB // 10)),
                                    "text/plain"),
        "pipes": (fill("|"), "text/plain"),
        "dashes, then a letter": (fill("-") + "x", "text/plain"),
        "blank tab fields": (fill("\t"), "text/plain"),
        "nbsp-only lines": (fill("\u00a0\n"), "text/plain"),
        "numbering only": (fill("（一）\n"), "text/plain"),
        "headings only": (fill("三、收到和处理政府信息公开申请情况\n"), "text/plain"),
        "nested divs": ("<div>" * 30000 + "一、总体情况" + "</div>" * 30000, "text/html"),
        "sibling containers": (fill('<div class="content">一、总体情况 二、主动公开政府信息情况</div>'), "text/html"),
        # every wrapper's text is the whole page's (3.3 s while each search read it at every level)
        "1,000 nested wrappers": ('<div class="a">' * 1000 + fill("本年度工作有序开展。") + "</div>" * 1000, "text/html"),
        # each layout table's text is the whole page's, with a metadata table's labels in it: read
        # once per table, that was 16 s
        "50 nested tables": ("<table><tr><td>" * 50 + fill("索引号：1 发文机关：2 成文日期：3 ") + "</td></tr></table>" * 50,
                             "text/html"),
        "table 10,000 columns": (("<table><tr><td>规章</td>" + "<td>1</td>" * 10000 + "</tr></table>") * 10,
                                 "text/html"),
        "10,000 one-cell tables": (fill("<table><tr><td>1</td></tr></table>"), "text/html"),
        "unclosed tags": (fill("<table><tr><td>"), "text/html"),
        "random bytes": (bytes(rng.randrange(256) for _ in range(MB)).decode("latin-1"), "text/html"),
        # lines of metadata labels: each line a metadata table's may be is read only near the ends
        # a script's string of 1 MB, joined from 20,000 literals: decoded and parsed once as a candidate body
        "script string of tables": ("<div id='zoom'></div><script>var c = " + " + ".join(
            ["'<table><tr><td>规章</td><td>1</td></tr></table>'"] * 20000) + ";</script>", "text/html"),
        "metadata label lines": (fill("发布机构\n"), "text/plain"),
        "metadata table lines": (fill("索 引 号 | 014416330/2018-04736 | 发布机构 | 市政府办 |\n"), "text/plain"),
        "huge numbers": (fill("规章\t" + "9" * 500 + "\n"), "text/plain"),
        "glyphless marks in cells": (fill("<tr><td>规章（件）</td><td>\u200b1\u00ad</td><td>\ufeff2</td></tr>"), "text/html"),
        # a table region of labels no row has, a number after every few: each run's name is sought
        # over its labels joined back (and, for a numbered one, forward over the next run's labels)
        "unknown labels, numbers": (_table_of(lambda: "\n".join(_word(rng) for _ in range(3)) + "\n1"),
                                    "text/plain"),
        "numbered, labels after": (_table_of(lambda: "1.某某 1 2 3\n" + "\n".join(_word(rng) for _ in range(8))),
                                   "text/plain"),
    }


_WORDS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_WORDS) for _ in range(6))


def _table_of(block: Callable[[], str]) -> str:
    """1 MB inside the applications section: blocks made by ``block``, each with new words."""
    parts, size = ["某区2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"], 0
    while size < MB:
        parts.append(block())
        size += len(parts[-1].encode("utf-8")) + 1
    return "\n".join(parts)


def main() -> None:
    worst = 0.0
    for name, (content, ctype) in inputs().items():
        t = time.perf_counter()
        parse_report(content, content_type=ctype)
        s = time.perf_counter() - t
        worst = max(worst, s)
        print(f"{name:26} {len(content.encode('utf-8')) / MB:5.2f} MB  {s:6.3f} s")
    print(f"RESULT max_s={worst:.3f}")


if __name__ == "__main__":
    main()
