"""Damaged variants of a synthetic report: what careless publishing does to real tables.

Each returns a report whose *page* differs from its gold record, plus what the parser
must say about it (a warning naming the row, or a failed check).
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass

from govreports.synth.report import SynthReport
from govreports.template.national import APPLICANT_PARTS, RESULT_ROWS

KINDS = ("drop_cell", "duplicate_row_same", "duplicate_row_different", "alter_total", "blank_cell")


@dataclass
class Damage:
    kind: str
    row: str
    column: str
    report: SynthReport
    #: Text that must appear in a warning, or a check rule that must fail.
    expect_warning: str | None = None
    expect_failed_rule: str | None = None


def damage(report: SynthReport, kind: str, rng: random.Random) -> Damage:
    r = copy.deepcopy(report)
    edition = r.edition
    rows = [*RESULT_ROWS[edition], "new_received", "carried_over", "carried_forward"]
    row = rng.choice(rows)
    col = rng.choice([*APPLICANT_PARTS, "total"])

    if kind == "drop_cell":
        r.page_changes["drop"] = (row, col)
        return Damage(kind, row, col, r, expect_warning=f"applications.{row}: 6 of 7 cells found")
    if kind == "duplicate_row_same":
        r.page_changes["duplicate"] = (row, None)
        return Damage(kind, row, col, r, expect_warning=f"applications.{row}: row appears twice with the same")
    if kind == "duplicate_row_different":
        r.page_changes["duplicate"] = (row, r.gold["applications"][row]["natural_person"] + 1)
        return Damage(kind, row, "natural_person", r,
                      expect_warning=f"applications.{row}: row appears twice with different numbers")
    if kind == "alter_total":
        col = "total"
        r.page_changes["set"] = {(row, col): r.gold["applications"][row][col] + rng.randint(1, 5)}
        return Damage(kind, row, col, r, expect_failed_rule="applications.row_sum")
    if kind == "blank_cell":
        r.page_changes["set"] = {(row, col): None}
        return Damage(kind, row, col, r)
    raise ValueError(f"unknown damage kind {kind!r}; one of {KINDS}")
