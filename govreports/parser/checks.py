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
    if None in values:
        return None
    total = sum(values)
    return round(total, 6) if isinstance(total, float) else total


def _check(rule: str, scope_key: str, scope: str, expected: Any, actual: Any) -> dict[str, Any]:
    ok = None if expected is None or actual is None else abs(expected - actual) < 1e-6
    return {"rule": rule, scope_key: scope, "ok": ok, "expected": expected, "actual": actual}


_COLUMNS = tuple(c.code for c in APPLICANT_COLUMNS)


def application_checks(cells: Cells, edition: str) -> list[dict[str, Any]]:
    out = []
    for row, cols in cells.items():
        out.append(_check("applications.row_sum", "row", row,
                          _sum([cols.get(c) for c in APPLICANT_PARTS]), cols.get("total")))
    (l1, l2), (r1, r2) = BALANCE
    none: dict[str, Any] = {}
    left, right = (cells.get(l1, none), cells.get(l2, none)), (cells.get(r1, none), cells.get(r2, none))
    results = [cells.get(r, none) for r in RESULT_ROWS[edition]]
    total = cells.get("total", none)
    for col in _COLUMNS:
        out.append(_check("applications.balance", "column", col,
                          _sum([left[0].get(col), left[1].get(col)]), _sum([right[0].get(col), right[1].get(col)])))
        out.append(_check("applications.results_sum", "column", col,
                          _sum([r.get(col) for r in results]), total.get(col)))
    return out


def review_checks(cells: Cells) -> list[dict[str, Any]]:
    return [
        _check("reviews_litigation.group_sum", "group", group,
               _sum([cols.get(p) for p in OUTCOME_PARTS]), cols.get("total"))
        for group, cols in cells.items()
    ]
