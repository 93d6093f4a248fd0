"""Synthetic reports rendered in every layout and parsed back: every cell exact, every check passing."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govreports.parser import parse_report
from govreports.parser.tokens import token_of
from govreports.synth.render import HTML_STYLES, TEXT_LAYOUTS, render_html, render_text, to_traditional
from govreports.synth.report import generate_report
from tests.synth_compare import diff_cells

EDITIONS = st.sampled_from(("2019", "2021"))
SEEDS = st.integers(min_value=0, max_value=10**6)


def _assert_exact(report, rec) -> None:
    d = rec.to_dict()
    assert diff_cells(report.gold, d) == []
    assert (d["title"], d["agency"], d["year"], d["edition"]) == (
        report.gold["title"], report.gold["agency"], report.gold["year"], report.gold["edition"])
    assert d["checks"] and all(c["ok"] is True for c in d["checks"]), [c for c in d["checks"] if not c["ok"]]
    assert d["warnings"] == []


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, edition=EDITIONS, style=st.sampled_from(HTML_STYLES))
def test_html_styles_round_trip(seed: int, edition: str, style: str) -> None:
    report = generate_report(seed, edition=edition)
    _assert_exact(report, parse_report(render_html(report, style, seed), content_type="text/html"))


@settings(max_examples=50, deadline=None)
@given(seed=SEEDS, edition=EDITIONS, layout=st.sampled_from(TEXT_LAYOUTS))
def test_text_layouts_round_trip(seed: int, edition: str, layout: str) -> None:
    report = generate_report(seed, edition=edition)
    _assert_exact(report, parse_report(render_text(report, layout, seed), content_type="text/plain"))


@settings(max_examples=15, deadline=None)
@given(seed=SEEDS, edition=EDITIONS, layout=st.sampled_from(("cells", "tabs", "html")))
def test_traditional_round_trip(seed: int, edition: str, layout: str) -> None:
    report = generate_report(seed, edition=edition)
    if layout == "html":
        rec = parse_report(to_traditional(render_html(report, "wps", seed)), content_type="text/html")
    else:
        rec = parse_report(to_traditional(render_text(report, layout, seed)), content_type="text/plain")
    assert rec.original_script == "traditional"
    _assert_exact(report, rec)


def test_generated_numbers_are_mostly_non_zero_and_varied() -> None:
    report = generate_report(7, edition="2021", zero_share=0.1)
    values = [v for row in report.gold["applications"].values() for v in row.values()]
    assert sum(1 for v in values if v) > len(values) / 2
    assert len(set(values)) > 20


def _editor_traces(html: str, rng_seed: int) -> str:
    """What editors leave in a report's cells and labels: a zero-width space or word joiner beside a
    number (UEditor), a soft hyphen (Word), a BOM, a direction mark, a unit after a row's label
    (规章（件）, 行政事业性收费（单位：万元）)."""
    rng = random.Random(rng_seed)
    marks = ("\u200b", "\u2060", "\u00ad", "\ufeff", "\u200e")

    def number(m: re.Match) -> str:
        mark = rng.choice(marks)
        return f">{m.group(1)}{mark}<" if rng.random() < 0.5 else f">{mark}{m.group(1)}<"

    html = re.sub(r">(\d[\d,.]*)<", number, html)
    for label, unit in (("规章", "（件）"), ("行政许可", "(件)"), ("行政事业性收费", "（单位：万元）")):
        html = html.replace(f">{label}<", f">{label}{unit}<")
    return html


@settings(max_examples=20, deadline=None)
@given(seed=SEEDS, edition=EDITIONS, style=st.sampled_from(HTML_STYLES))
def test_editor_traces_do_not_change_a_cell(seed: int, edition: str, style: str) -> None:
    report = generate_report(seed, edition=edition)
    html = _editor_traces(render_html(report, style, seed), seed)
    assert ("\u200b" in html or "\u2060" in html or "\u00ad" in html) and "（单位：万元）" in html  # (it holds some)
    _assert_exact(report, parse_report(html, content_type="text/html"))


def test_editor_traces_in_captured_text() -> None:
    report = generate_report(11, edition="2019")
    text = render_text(report, "tabs", 11)
    traced = re.sub(r"\t(\d+)(?=\t|\n)", lambda m: f"\t\u200b{m.group(1)}\u00ad", text)
    assert traced.count("\u200b") > 50
    rec = parse_report(traced, content_type="text/plain")
    assert "\u200b" not in rec.text and "\u00ad" not in rec.text
    assert diff_cells(report.gold, rec.to_dict()) == []
    assert rec.warnings == []


def test_full_width_signs_and_glyphless_marks_in_a_number() -> None:
    assert [token_of(s).value for s in ("＋3", "+3", "－2", "12\u200b", "\ufeff7", "1\u00ad5", "\u2060")] == \
        [3, 3, -2, 12, 7, 15, None]
    assert token_of("\u200c").kind == "blank"
