"""The five real seed pages against their gold records (tests/fixtures/seeds, copied from shared/seeds)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from govreports.page.model import Page, PageMetadata
from govreports.page.script import simplify
from govreports.parser import parse_page

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
GOLDS = sorted(SEEDS.glob("*.gold.json"))
TABLES = ("active_disclosure", "applications", "reviews_litigation")


def _parse(gold_path: Path, recapture=lambda text: text):
    raw = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
    text, script = simplify(recapture(raw))
    return parse_page(Page(text, "text/plain", PageMetadata(original_script=script))).to_dict()


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name[:3])
def test_every_gold_cell_exact_and_nothing_invented(gold_path: Path) -> None:
    _assert_gold_cells(json.loads(gold_path.read_text(encoding="utf-8")), _parse(gold_path))


#: The same pages as other tools capture them: tabs as runs of spaces (PDF text, copy and paste) or
#: of U+3000, every line padded with spaces (empty cells at a row's end), Windows line ends.
RECAPTURES = {
    "tabs as spaces": lambda t: t.replace("\t", "    "),
    "tabs as ideographic spaces": lambda t: t.replace("\t", "\u3000\u3000"),
    "trailing spaces": lambda t: "\n".join(line + "   " if line.strip() else line for line in t.split("\n")),
    "tabs as spaces, trailing spaces": lambda t: "\n".join(
        line.replace("\t", "    ") + "    " if line.strip() else line for line in t.split("\n")),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    # every line indented, its empty separator lines too (copied from a document that indents its
    # paragraphs, or quoted): the indentation is no blank cell
    "every line indented": lambda t: "\n".join("\u3000\u3000" + line for line in t.split("\n")),
    "every line indented by a tab": lambda t: "\n".join("\t" + line for line in t.split("\n")),
    # a tab only indenting a line of | cells is no column
    "tab before text lines": lambda t: "\n".join("\t" + line if line.strip() else line for line in t.split("\n")),
}


@pytest.mark.parametrize("recapture", RECAPTURES)
@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name[:3])
def test_every_gold_cell_exact_whatever_captured_the_text(gold_path: Path, recapture: str) -> None:
    _assert_gold_cells(json.loads(gold_path.read_text(encoding="utf-8")), _parse(gold_path, RECAPTURES[recapture]))


def _assert_gold_cells(gold: dict, rec: dict) -> None:
    derivable = gold.get("derivable", {})
    checked = 0
    for table in TABLES:
        for row, cols in gold[table].items():
            for col, want in cols.items():
                got = rec[table][row][col]
                if want is None:
                    allowed = derivable.get(f"{table}.{row}", {}).get(col)
                    assert got is None or got == allowed, f"{table}.{row}.{col} invented: {got}"
                else:
                    assert got is not None and math.isclose(got, want), f"{table}.{row}.{col}: {got} != {want}"
                    checked += 1
    assert checked >= 37


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name[:3])
def test_metadata_and_expected_warnings(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    rec = _parse(gold_path)
    assert rec["edition"] == gold["edition"]
    assert rec["year"] == gold["year"]
    assert rec["title"] == gold["title"]
    assert rec["agency"] in gold["agency"]
    assert rec["original_script"] == gold["original_script"]
    warnings = " ".join(rec["warnings"])
    for place in gold.get("expect_warnings", []):
        assert place in warnings


def test_seed_002_carried_over_is_inferred_and_says_so() -> None:
    rec = _parse(SEEDS / "002_4e30512c326335a1.gold.json")
    assert rec["applications"]["carried_over"] == {c: 0 for c in rec["applications"]["carried_over"]}
    assert any("applications.carried_over: 6 of 7 cells found" in w and "inferred" in w for w in rec["warnings"])


def test_seed_003_short_rows_stay_null_with_a_warning_per_row() -> None:
    rec = _parse(SEEDS / "003_0e7b839799d88c56.gold.json")
    assert all(v is None for row in rec["applications"].values() for v in row.values())
    assert "applications.granted: 2 of 7 cells found; the row is left blank (null), not guessed" in rec["warnings"]
    # the 2019 procurement row and the 15 review cells are still read
    assert rec["active_disclosure"]["normative_documents"]["total_published"] == 1
    assert rec["reviews_litigation"]["litigation_after_review"]["total"] == 0


def test_seed_000_blank_review_cells_are_null_not_zero() -> None:
    rec = _parse(SEEDS / "000_77d7af591d6fe09b.gold.json")
    review = rec["reviews_litigation"]["review"]
    assert review == {"upheld": None, "corrected": None, "other": None, "pending": None, "total": 0}
    group_check = next(c for c in rec["checks"] if c["rule"] == "reviews_litigation.group_sum"
                       and c["group"] == "review")
    assert group_check["ok"] is None


def test_checks_reported_for_every_row_and_column() -> None:
    rec = _parse(SEEDS / "001_eea4a711c55947f4.gold.json")
    rules = [c["rule"] for c in rec["checks"]]
    assert rules.count("applications.row_sum") == 25  # every 2021-edition applications row
    assert rules.count("applications.balance") == 7
    assert rules.count("applications.results_sum") == 7
    assert rules.count("reviews_litigation.group_sum") == 3
    assert all(c["ok"] is True for c in rec["checks"])
