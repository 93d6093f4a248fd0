"""The template's own arithmetic (勾稽关系), evaluated and reported whether it holds or not.

``expected`` is what the other cells add up to, ``actual`` what the report states. A check
whose cells are missing is reported with ``ok: null`` rather than dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govreports.template.national import (
    APPLICANT_COLUMNS,
    APPLICANT_PARTS,
    BALANCE,
    OUTCOME_PARTS,
    RESULT_ROWS,
)

Cells = dict[str, dict[str, Any]]


def _sum(values: Iterable[Any]) -> Any:
    """The values' sum; ``None`` when one is missing (a blank cell: ``sum`` refuses it; an absent
    one: the ``KeyError`` of the lookup that yields it)."""
    try:
        total = sum(values)
    except (TypeError, KeyError):
        return None
    return round(total, 6) if total.__class__ is float else total


def _check(rule: str, scope_key: str, scope: str, expected: Any, actual: Any) -> dict[str, Any]:
    return {"rule": rule, scope_key: scope,
            "ok": None if expected is None or actual is None else abs(expected - actual) < 1e-6,
            "expected": expected, "actual": actual}


_COLUMNS = tuple(c.code for c in APPLICANT_COLUMNS)
_NONE: dict[str, Any] = {}


def _row_sum(cols: dict[str, Any], parts: tuple[str, ...]) -> Any:
    """The sum of a row's ``parts``; ``None`` when one is blank or absent."""
    return _sum(map(cols.__getitem__, parts))


def application_checks(cells: Cells, edition: str) -> list[dict[str, Any]]:
    out = [_check("applications.row_sum", "row", row, _row_sum(cols, APPLICANT_PARTS), cols.get("total"))
           for row, cols in cells.items()]
    (l1, l2), (r1, r2) = BALANCE
    left1, left2 = cells.get(l1, _NONE), cells.get(l2, _NONE)
    right1, right2 = cells.get(r1, _NONE), cells.get(r2, _NONE)
    results = [cells.get(r, _NONE) for r in RESULT_ROWS[edition]]
    total = cells.get("total", _NONE)
    for col in _COLUMNS:
        out.append(_check("applications.balance", "column", col,
                          _sum([left1.get(col), left2.get(col)]), _sum([right1.get(col), right2.get(col)])))
        out.append(_check("applications.results_sum", "column", col,
                          _sum([r.get(col) for r in results]), total.get(col)))
    return out


def review_checks(cells: Cells) -> list[dict[str, Any]]:
    return [
        _check("reviews_litigation.group_sum", "group", group, _row_sum(cols, OUTCOME_PARTS), cols.get("total"))
        for group, cols in cells.items()
    ]
