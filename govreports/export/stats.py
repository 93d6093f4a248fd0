"""Corpus statistics: the numbers a researcher checks before trusting a corpus."""

from __future__ import annotations

from typing import Any

from govreports.store import Store

GROUPS = {"site": "{t}site", "year": "{t}year", "region": "{t}region", "edition": "coalesce({t}edition, 'none')"}


def corpus_stats(store: Store, by: str = "year") -> list[dict[str, Any]]:
    """Per group: reports, outside the template, attachment-only, failed checks, warnings, reports split
    over pages with parts not read, blank cells."""
    if by not in GROUPS:
        raise ValueError(f"--by must be one of {', '.join(GROUPS)}")
    key, rkey = GROUPS[by].format(t=""), GROUPS[by].format(t="r.")
    rows = list(store.db.query(
        f"SELECT {key} AS grp, count(*) AS reports, sum(edition IS NULL) AS outside_template, "
        "sum(kind = 'attachment_only') AS attachment_only, sum(failed_checks > 0) AS with_failed_checks, "
        "sum(failed_checks) AS failed_checks, sum(warning_count > 0) AS with_warnings, "
        "sum(warning_count) AS warnings, "
        # a report split over pages whose other parts were not all read (its cells there are null)
        "sum(coalesce(json_array_length(record, '$.page.parts'), 0) > "
        "coalesce(json_array_length(record, '$.page.parts_read'), 0)) AS parts_missing "
        "FROM reports GROUP BY 1 ORDER BY 1"))
    blanks = dict(store.db.execute(
        f"SELECT {rkey}, count(*) FROM cells c JOIN reports r ON r.id = c.report_id WHERE c.value IS NULL "
        "GROUP BY 1").fetchall())
    out = []
    for row in rows:
        grp = row.pop("grp")
        out.append({by: grp, **row, "blank_cells": blanks.get(grp, 0)})
    return out


def format_stats(rows: list[dict[str, Any]], by: str) -> str:
    if not rows:
        return "no reports in the database"
    cols = [by, "reports", "outside_template", "attachment_only", "with_failed_checks", "failed_checks",
            "with_warnings", "warnings", "parts_missing", "blank_cells"]
    widths = {c: max(len(c), *(len(str(r.get(c) if r.get(c) is not None else "-")) for r in rows)) for c in cols}
    lines = ["  ".join(c.rjust(widths[c]) for c in cols)]
    for r in rows:
        lines.append("  ".join(str(r.get(c) if r.get(c) is not None else "-").rjust(widths[c]) for c in cols))
    total = {c: sum((r.get(c) or 0) for r in rows) for c in cols[1:]}
    lines.append("  ".join(["total".rjust(widths[by]), *(str(total[c]).rjust(widths[c]) for c in cols[1:])]))
    return "\n".join(lines)
