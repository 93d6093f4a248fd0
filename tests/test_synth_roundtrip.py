"""Synthetic reports rendered in every layout and parsed back: every cell exact, every check passing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govreports.parser import parse_report
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
