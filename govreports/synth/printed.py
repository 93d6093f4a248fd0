"""What a PDF's text extraction adds to a report's text: the page's layout, printed.

A long label wraps in its narrow column, with the row's numbers on the first, a middle or the
last of its lines (where the PDF put them); each page leaves its number (``— 3 —``, ``第3页 共9页``)
and often its running head (the report's title) between a table's lines. Used by the tests to
print synthetic captured text the way real captured text comes.
"""

from __future__ import annotations

import random
import re

NUMBERS_ON = ("first", "middle", "last")
PAGE_NUMBERS = ("— {n} —", "-{n}-", "－ {n} －", "第{n}页 共9页", "共9页 第{n}页", "{n} / 9", "Page {n} of 9")

_ROW = re.compile(r"^(.*?[^\d\s.-])((?:\s+-?[\d.０-９．]+)+)\s*$")


def wrap_labels(text: str, width: int, numbers_on: str) -> str:
    """PDF-layout text (label, a column gap, numbers) whose labels' last field is cut every ``width``
    characters, the numbers on the ``numbers_on`` line of it (first, middle or last)."""
    out = []
    for line in text.split("\n"):
        m = _ROW.match(line)
        if m:
            head, sep, label = m.group(1).rpartition("    ")
            if len(label) > width:
                parts = [label[i:i + width] for i in range(0, len(label), width)]
                parts[0] = head + sep + parts[0]
                k = {"first": 0, "middle": len(parts) // 2, "last": len(parts) - 1}[numbers_on]
                parts[k] += m.group(2)
                out.extend(parts)
                continue
        out.append(line)
    return "\n".join(out)


def page_breaks(text: str, rng: random.Random, *, count: int = 3, running_head: bool = False) -> str:
    """``count`` page breaks at random lines after the first: each leaves a page number, and the
    report's title (its first line) before it when ``running_head``."""
    lines = text.split("\n")
    form = rng.choice(PAGE_NUMBERS)
    for n in range(2, count + 2):
        k = rng.randrange(1, len(lines))
        lines[k:k] = [lines[0], form.format(n=n)] if running_head else [form.format(n=n)]
    return "\n".join(lines)
