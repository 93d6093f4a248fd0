"""Cell-by-cell comparison of a parsed record with a synthetic gold record (shared by tests)."""

from __future__ import annotations

import math
from typing import Any

TABLES = ("active_disclosure", "applications", "reviews_litigation")


def diff_cells(gold: dict[str, Any], rec: dict[str, Any]) -> list[tuple[str, str, str, Any, Any]]:
    out = []
    for t in TABLES:
        for row, cols in gold[t].items():
            for col, want in cols.items():
                got = (rec.get(t) or {}).get(row, {}).get(col)
                if want is None and got is None:
                    continue
                if want is None or got is None or not math.isclose(got, want, abs_tol=1e-9):
                    out.append((t, row, col, want, got))
    return out


def flagged(rec: dict[str, Any], table: str, row: str) -> bool:
    """A warning names the row (or the whole table), or a check on it failed / could not run."""
    names = (f"{table}.{row}:", f"{table}: ")
    if any(w.startswith(names) or f"{table}.{row} " in w for w in rec["warnings"]):
        return True
    return any(c.get("ok") is not True and (c.get("row") == row or "column" in c) for c in rec["checks"]
               if c["rule"].startswith(table))
