"""Fill a partly-read applications row only where the template arithmetic determines it uniquely.

Each equation that involves the row proposes a full row; a proposal is kept only if the
numbers actually found on the page appear in it, in order (so the page corroborates it),
and all kept proposals agree. Otherwise the row stays null. The warning always says which.
"""

from __future__ import annotations

from typing import Any

from govreports.parser.tables import Partial
from govreports.template.national import APPLICANT_COLUMNS, BALANCE, RESULT_ROWS

COLUMNS = [c.code for c in APPLICANT_COLUMNS]


def _is_subsequence(found: list[Any], full: list[Any]) -> bool:
    it = iter(full)
    return all(any(abs(f - x) < 1e-9 for x in it) for f in found)


def _complete(cells: dict[str, dict[str, Any]], row: str) -> list[Any] | None:
    vals = [cells.get(row, {}).get(c) for c in COLUMNS]
    return None if any(v is None for v in vals) else vals


def _row_equation(found: list[Any]) -> list[list[Any]]:
    """A row missing exactly one cell: total = sum of the six parts decides the gap."""
    n = len(COLUMNS)
    if len(found) != n - 1:
        return []
    out = []
    for p in range(n):
        cand = found[:p] + [None] + found[p:]
        if p == n - 1:
            cand[p] = sum(cand[:-1])
        else:
            cand[p] = cand[-1] - sum(v for i, v in enumerate(cand[:-1]) if i != p)
        if cand[p] >= 0:
            out.append(cand)
    return out


def _column_equations(cells: dict[str, dict[str, Any]], row: str, edition: str) -> list[tuple[str, list[Any]]]:
    out: list[tuple[str, list[Any]]] = []
    (l1, l2), (r1, r2) = BALANCE
    sides = {l1: (l2, (r1, r2), +1), l2: (l1, (r1, r2), +1), r1: (r2, (l1, l2), -1), r2: (r1, (l1, l2), -1)}
    if row in sides:
        partner, others, _ = sides[row]
        p, a, b = _complete(cells, partner), _complete(cells, others[0]), _complete(cells, others[1])
        if p is not None and a is not None and b is not None:
            out.append(("applications.balance", [x + y - z for x, y, z in zip(a, b, p, strict=True)]))
    results = RESULT_ROWS[edition]
    if row == "total":
        parts = [_complete(cells, r) for r in results]
        if all(v is not None for v in parts):
            out.append(("applications.results_sum", [sum(col) for col in zip(*parts, strict=True)]))
    elif row in results:
        total = _complete(cells, "total")
        others = [_complete(cells, r) for r in results if r != row]
        if total is not None and all(v is not None for v in others):
            rest = [sum(col) for col in zip(*others, strict=True)] if others else [0] * len(COLUMNS)
            out.append(("applications.results_sum", [t - s for t, s in zip(total, rest, strict=True)]))
    return out


def describe(part: Partial) -> str:
    if len(part.found) > part.expected:
        return f"{len(part.found)} numbers found for {part.expected} cells"
    if len(part.found) == part.expected and part.cells is not None and part.cells > part.expected:
        # every number is there, but blank cells between them leave no way to tell which is which
        return (f"{part.cells} cells ({len(part.found)} numbers, {part.cells - len(part.found)} blank) "
                f"for {part.expected} columns")
    return f"{len(part.found)} of {part.expected} cells found"


def infer_applications(cells: dict[str, dict[str, Any]], partial: dict[str, Partial],
                       edition: str) -> list[str]:
    """Fill partial rows in place where uniquely determined; return one warning per partial row."""
    warnings: list[str] = []
    pending = dict(partial)
    progress = True
    while progress:  # a filled row can make another row's equation complete
        progress = False
        for row, part in list(pending.items()):
            proposals: list[tuple[str, list[Any]]] = [
                ("applications.row_sum", c) for c in _row_equation(part.found)
            ]
            proposals += _column_equations(cells, row, edition)
            kept = [(rule, c) for rule, c in proposals
                    if all(v >= 0 for v in c) and _is_subsequence(part.found, c)]
            distinct = {tuple(c) for _, c in kept}
            if len(distinct) == 1:
                values = kept[0][1]
                cells[row] = dict(zip(COLUMNS, values, strict=True))
                rules = sorted({rule for rule, _ in kept})
                warnings.append(
                    f"applications.{row}: {describe(part)}; "
                    f"all {part.expected} inferred from the template arithmetic ({', '.join(rules)})"
                )
                del pending[row]
                progress = True
    for row, part in pending.items():
        warnings.append(f"applications.{row}: {describe(part)}; the row is left blank (null), not guessed")
    return warnings
