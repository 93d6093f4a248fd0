"""The template's own arithmetic (勾稽关系), evaluated and reported whether it holds or not.

``expected`` is what the other cells add up to, ``actual`` what the report states. A check
whose cells are missing is reported with ``ok: null`` rather than dropped.
"""

from __future__ import annotations

from typing import Any

from govreports.template.national import (
    APPLICANT_COLUMNS,
    APPLICANT_PARTS,
    BALANCE,
    OUTCOME_PARTS,
    RESULT_ROWS,
)

Cells = dict[str, dict[str, Any]]


def _sum(values: list[Any]) -> Any:
    if any(v is None for v in values):
        return None
    total = sum(values)
    return round(total, 6) if isinstance(total, float) else total


def _check(rule: str, scope_key: str, scope: str, expected: Any, actual: Any) -> dict[str, Any]:
    ok = None if expected is None or actual is None else abs(expected - actual) < 1e-6
    return {"rule": rule, scope_key: scope, "ok": ok, "expected": expected, "actual": actual}


def application_checks(cells: Cells, edition: str) -> list[dict[str, Any]]:
    out = []
    for row, cols in cells.items():
        out.append(_check("applications.row_sum", "row", row,
                          _sum([cols.get(c) for c in APPLICANT_PARTS]), cols.get("total")))
    (l1, l2), (r1, r2) = BALANCE
    results = RESULT_ROWS[edition]
    for col in (c.code for c in APPLICANT_COLUMNS):
        def get(row: str, col: str = col) -> Any:
            return cells.get(row, {}).get(col)

        out.append(_check("applications.balance", "column", col,
                          _sum([get(l1), get(l2)]), _sum([get(r1), get(r2)])))
        out.append(_check("applications.results_sum", "column", col,
                          _sum([get(r) for r in results]), get("total")))
    return out


def review_checks(cells: Cells) -> list[dict[str, Any]]:
    return [
        _check("reviews_litigation.group_sum", "group", group,
               _sum([cols.get(p) for p in OUTCOME_PARTS]), cols.get("total"))
        for group, cols in cells.items()
    ]
