"""The review/litigation table: 15 numbers in the order its header names the groups, one group per
row, or turned on its side (a row per outcome)."""

from __future__ import annotations

from functools import lru_cache

from govreports.parser.layout import Run
from govreports.parser.normalize import norm, norm_label
from govreports.parser.tables import (
    Partial,
    TableRead,
    either,
    empty_table,
    fit,
    is_header,
    mark_cells,
    row_named,
    store_row,
    whole_counts,
)
from govreports.parser.tokens import NUM, SOFT, Token
from govreports.template.national import OUTCOME_PATTERNS, REVIEWS_LITIGATION, Row


def read_reviews(region_runs: list[Run]) -> TableRead:
    """The review/litigation table: 15 numbers in template order, or one group per row."""
    table = REVIEWS_LITIGATION
    read = TableRead(empty_table(table, "2021"))
    with_numbers = [r for r in region_runs if r.numbers]
    if not with_numbers:
        return read
    if (sideways := _read_sideways(region_runs, with_numbers)) is not None:
        return sideways
    by_group = [_group_named(r) for r in with_numbers] if len(with_numbers) == 3 else []
    if len({g.code for g in by_group if g}) == 3:
        for run, row in zip(with_numbers, by_group, strict=True):
            store_row(read, table, row, run.values)  # type: ignore[arg-type]
        return read
    values: list[Token] = list(with_numbers[0].values)
    for run in with_numbers[1:]:
        if sum(1 for v in values if v.kind != SOFT) >= 15:
            break
        if not all(is_header(t.text) or len(norm(t.text)) <= 4 for t in run.labels):
            break
        values.extend(run.values)
    cells = fit(values, 15)
    if cells is None:
        read.partial["*"] = Partial.of("*", values, 15)
        return read
    rows = table.rows_for("2021")
    named = _groups_named(region_runs, with_numbers[0])
    if len(named) == len(_REVIEW_ORDER) and named != _REVIEW_ORDER:  # (all three named, in another order)
        # the header names the groups in another order (复议后起诉 before 未经复议直接起诉): read in its order
        rows = tuple(table.row(code, "2021") for code in named)  # type: ignore[misc]
        read.warnings.append("reviews_litigation: its header names the groups in another order than the "
                             f"template's ({', '.join(named)}); the numbers are read in the header's order")
    for k, tok in enumerate(cells):
        row, col = rows[k // 5], rows[k // 5].columns[k % 5]
        read.cells[row.code][col.code] = tok.value if tok.kind == NUM else None
        if tok.flagged:
            mark_cells(read, row.code, (tok,))
    read.seen.update(r.code for r in rows)
    for row in rows:
        whole_counts(read, table, row)
    return read


def _groups_named(region_runs: list[Run], first: Run) -> list[str]:
    """The review/litigation groups the table's labels name up to its first numbers, in their order."""
    named: list[str] = []
    for run in region_runs[:region_runs.index(first) + 1]:
        for t in run.labels:
            row = _review_group(t.text)
            if row is not None and row.code not in named:
                named.append(row.code)
    return named


_REVIEW_ORDER = [r.code for r in REVIEWS_LITIGATION.rows_for("2021")]


def _review_group(label: str) -> Row | None:
    """The review/litigation group a label names alone (a paragraph names none: longer than any
    row's name, it is not kept in the cache either)."""
    return _named_group(label) if len(label) <= 200 else None


@lru_cache(maxsize=1024)
def _named_group(label: str) -> Row | None:
    """Cached: a table's header repeats page after page."""
    return row_named(REVIEWS_LITIGATION.code, "2021", (label,), None)


def _group_named(run: Run) -> Row | None:
    """The review/litigation group a run's numbers belong to: the last of its labels that names one
    (a group's own table puts the outcomes' header after its name: 行政复议 | 结果维持 … 总计 | numbers)."""
    return next((row for t in reversed(run.labels) if (row := _review_group(t.text)) is not None), None)


def _describe_cells(values: list[Token]) -> str:
    """``2 cells`` / ``4 cells (3 numbers, 1 blank)``: what a row holds, fillers excepted."""
    hard = [t for t in values if t.kind != SOFT]
    numbers = sum(1 for t in hard if t.kind == NUM)
    blank = len(hard) - numbers
    return f"{len(hard)} cells" + (f" ({numbers} numbers, {blank} blank)" if blank else "")


_OUTCOMES = tuple((code, either(patterns)) for code, patterns in OUTCOME_PATTERNS.items())


@lru_cache(maxsize=1024)
def _outcome(label: str) -> str | None:
    n = norm_label(label)
    return next((code for code, pattern in _OUTCOMES if pattern.search(n)), None)


def _read_sideways(region_runs: list[Run], with_numbers: list[Run]) -> TableRead | None:
    """The review/litigation table turned on its side: a row per outcome (维持 … 总计), a column per
    group. The groups are taken in the order the header names them, else in the template's, and
    the warning says which; ``None`` when the table is not drawn this way."""
    outcomes = [_outcome(r.labels[-1].text) if r.labels else None for r in with_numbers]
    if len(with_numbers) != len(OUTCOME_PATTERNS) or None in outcomes or len(set(outcomes)) != len(outcomes):
        return None
    table = REVIEWS_LITIGATION
    header = _groups_named(region_runs, with_numbers[0])
    groups = header if len(header) == len(_REVIEW_ORDER) else _REVIEW_ORDER  # (all three named)
    read = TableRead(empty_table(table, "2021"))
    read.warnings.append("reviews_litigation: the table is turned on its side (a row per outcome); its columns "
                         + ("are the groups its header names" if groups is header else
                            "are taken as the groups in the template's order (its header does not name them)"))
    for run, outcome in zip(with_numbers, outcomes, strict=True):
        cells = fit(run.values, len(groups))
        if cells is None:  # the whole table is left blank: the warning counts the whole table's cells
            read.partial["*"] = Partial.of("*", [t for r in with_numbers for t in r.values], 15)
            read.warnings.append(f"reviews_litigation: its {outcome} row has {_describe_cells(run.values)} "
                                 f"for {len(groups)} groups")
            read.cells = empty_table(table, "2021")
            return read
        for group, tok in zip(groups, cells, strict=True):
            read.cells[group][outcome] = tok.value if tok.kind == NUM else None
            if tok.flagged:
                mark_cells(read, group, (tok,))
    read.seen.update(groups)
    for row in table.rows_for("2021"):
        whole_counts(read, table, row)
    return read
