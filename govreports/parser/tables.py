"""Runs of labels and values → template cells, one table at a time (the review/litigation table,
read whole, is :mod:`govreports.parser.reviews`).

A row's values are taken only when their count fits the row exactly; a row with fewer
or more numbers than columns is never shifted or guessed: its cells stay null and a
warning names it (inference may fill it later, see :mod:`govreports.parser.infer`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from govreports.parser.layout import Run
from govreports.parser.normalize import (
    NUMBERING_MARK,
    norm,
    norm_label,
    strip_marks,
    strip_numbering,
    strip_unit,
    unit_of,
)
from govreports.parser.tokens import BLANK, BLANK_TOKEN, NUM, SOFT, Token
from govreports.template.national import (
    ACTIVE_DISCLOSURE,
    APPLICANT_COLUMNS,
    APPLICANT_HEADER,
    APPLICATIONS,
    GROUP_SUBTOTAL_LABELS,
    HEADER_PATTERNS,
    ORG_KIND_LABELS,
    TEMPLATE_TABLES,
    Row,
    Table,
)

Number = int | float | None
_HEADER = re.compile("|".join(f"(?:{p})" for p in HEADER_PATTERNS))


@dataclass
class Partial:
    """A row seen with the wrong number of cells: what was found, for warnings and inference."""

    row: str
    found: list[Number]
    expected: int
    #: How many cells the row had (numbers and blanks; fillers excepted), when that is not ``expected``.
    cells: int | None = None

    @classmethod
    def of(cls, row: str, values: list[Token], expected: int) -> Partial:
        """What ``values`` hold: their numbers, and how many cells they are (fillers excepted)."""
        return cls(row, [t.value for t in values if t.kind == NUM], expected,
                   sum(1 for t in values if t.kind != SOFT))


@dataclass
class TableRead:
    cells: dict[str, dict[str, Number]]
    seen: set[str] = field(default_factory=set)
    partial: dict[str, Partial] = field(default_factory=dict)
    placeholders: dict[str, int] = field(default_factory=dict)
    #: The cells of each row (or group) written as a number with a note beside it, as written.
    notes: dict[str, list[str]] = field(default_factory=dict)
    #: Rows on the page with every cell blank (null, as they are): not missing rows. A row seen
    #: blank and again with numbers is read from the numbers.
    blank: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    #: The header label saying the table's money columns count in 元 (else ``None``: 万元).
    yuan_header: str | None = None


def empty_table(table: Table, edition: str) -> dict[str, dict[str, Number]]:
    return {r.code: dict.fromkeys(r.column_codes) for r in table.rows_for(edition)}


@lru_cache(maxsize=4096)
def is_header(text: str) -> bool:
    return _HEADER.search(norm_label(text)) is not None


def hard_cells(values: list[Token]) -> list[Token]:
    """A row's values without its soft blanks (fillers: a colspan, a line's edge): its cells."""
    return [t for t in values if t.kind != SOFT]


def fit(values: list[Token], n: int) -> list[Token] | None:
    """The tokens that are the row's ``n`` cells, or ``None`` when the count does not fit.

    Soft blanks (fillers) never count as cells, so a short row can never be padded into place.
    """
    hard = hard_cells(values)
    if len(hard) == n:
        return hard
    if len(hard) < n:
        return None  # fewer: never padded into place
    popped = False
    while len(hard) > n and (hard[-1].kind == BLANK or hard[-1].placeholder):
        hard.pop()  # a surplus trailing blank or "/" is a filler cell (e.g. 2019 fees row), not data
        popped = True
    if popped and len(hard) == n and hard[-1].kind == BLANK:
        return None  # the blank left last may be a filler too, after a row that lost a cell: cannot tell
    if len(hard) > n and hard[0].kind == BLANK:
        # empty cells beside the label: its colspan written out as cells. All of them are fillers or
        # none is: dropping only some would slide the numbers of a row that lost one into place.
        lead = next((i for i, t in enumerate(hard) if t.kind != BLANK), len(hard))
        return hard[lead:] if len(hard) - lead == n else None
    return hard if len(hard) == n else None  # more: never shifted into place


def either(patterns: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@cache
def _row_patterns(table_code: str, edition: str) -> tuple[re.Pattern[str], tuple[tuple[Row, re.Pattern[str]], ...]]:
    """A table's row patterns, compiled once: one per row, and one for any row (most labels a page
    holds name no row, and are told so by a single search)."""
    rows = TEMPLATE_TABLES[table_code].rows_for(edition)
    return either([p for row in rows for p in row.patterns]), tuple((row, either(row.patterns)) for row in rows)


@lru_cache(maxsize=4096)
def _match(table_code: str, edition: str, label: str, group: str | None) -> Row | None:
    n = norm_label(label)
    if not n:
        return None
    best: Row | None = None
    any_row, rows = _row_patterns(table_code, edition)
    for row, pattern in rows if any_row.search(n) else ():
        if pattern.search(n):
            if row.strict_group and row.group != group:
                continue
            if best is None or (row.group is not None and row.group == group and best.group != group):
                best = row
    if best is None and len(n) <= _MAX_JOINED_LABEL and "。" not in n and ":" not in n \
            and not _NUMBERING_END.isdisjoint(n[1:]):
        # a block heading and the row's own label in one field (PDF text with single spaces:
        # "三、本年度办理结果 (一) 予以公开"): the row is named from its own numbering on (the last
        # few marks only: a label of many marks must not cost a search per suffix)
        for m in list(_INNER_NUMBERING.finditer(n, 1))[:-4:-1]:
            if (row := _match(table_code, edition, n[m.start():], group)) is not None:
                return row
    return best


#: Longer than any heading and row label run together: a sentence, not a row's name (as is a
#: label with a full stop or a colon: 注：…其中1.予以公开 3 is a note, not the row).
_MAX_JOINED_LABEL = 80


#: Row numbering inside a label (``(一)``, ``1.``, ``一、`` …, not the digits of a number), where a
#: row's own label starts.
_INNER_NUMBERING = re.compile(rf"(?<![\d.]){NUMBERING_MARK}")
#: Every numbering mark holds one of these (a label without any has none inside: no search needed).
_NUMBERING_END = frozenset("、.:)①②③④⑤⑥⑦⑧⑨⑩")


_GROUPS = tuple((g, either(g.patterns)) for g in APPLICATIONS.groups)
_ANY_GROUP = either([p for g in APPLICATIONS.groups for p in g.patterns])


@lru_cache(maxsize=1024)
def _group(label: str, edition: str) -> str | None:
    n = norm_label(label)
    if not _ANY_GROUP.search(n):
        return None
    return next((g.code for g, pattern in _GROUPS if edition in g.editions and pattern.search(n)), None)


#: How many label fields a row's name may be split over (a long label wrapped in PDF text: 1.申请人无正当理
#: | 由逾期不补正、| 行政机关不再处理 | 其政府信息公开申请), and how long it may be in all.
_MAX_LABEL_PARTS, _MAX_LABEL_CHARS = 8, 120


def row_named(table_code: str, edition: str, texts: list[str] | tuple[str, ...], group: str | None) -> Row | None:
    """The row named by the last label, else by the last labels joined, back to the one that starts
    a row with its own numbering (what came before it is another row's)."""
    joined = normed = ""
    for j in range(len(texts) - 1, max(-1, len(texts) - 1 - _MAX_LABEL_PARTS), -1):
        joined = texts[j] + joined
        if len(joined) > _MAX_LABEL_CHARS:
            break
        normed = norm(texts[j]) + normed
        if _may_name(table_code, edition, normed) and (row := _match(table_code, edition, joined, group)):
            return row
        if _starts_row(texts[j]):
            break
    return None


def _may_name(table_code: str, edition: str, normed: str) -> bool:
    """Whether :func:`_match` may name a row from a label whose parts were normalised one by one: a
    single search, where a label joined from new parts would cost a normalisation and one search
    per row (a page of unknown labels must not cost that for every join)."""
    n = strip_unit(strip_marks(strip_numbering(normed)))
    return _row_patterns(table_code, edition)[0].search(n) is not None or not _NUMBERING_END.isdisjoint(n[1:])


def _continued(table_code: str, edition: str, texts: tuple[str, ...], after: list[Token],
               group: str | None, *, own_numbers: bool) -> tuple[Row | None, int]:
    """A row whose label goes on after its numbers (PDF text puts a wrapped label's numbers on its
    first line): the label joined with the labels ``after`` its numbers, up to the next one that
    starts a row. ``(row, how many labels of after it took)``. A label taken that names a row by
    itself must name the same one, and the labels after must keep one for the numbers that follow
    them (``own_numbers``): else they may be the next row's own name, and nothing is taken."""
    joined, normed = texts[-1], norm(texts[-1])
    for k, t in enumerate(after[:_MAX_LABEL_PARTS]):
        if _starts_row(t.text) or (own_numbers and k + 1 == len(after)):
            break
        alone = _match(table_code, edition, t.text, group)
        joined += t.text
        if len(joined) > _MAX_LABEL_CHARS:
            break
        normed += norm(t.text)
        row = _match(table_code, edition, joined, group) if _may_name(table_code, edition, normed) else None
        if alone is not None:
            return (row, k + 1) if row is alone else (None, 0)
        if row is not None:
            return row, k + 1
    return None, 0


@lru_cache(maxsize=4096)
def _starts_row(text: str) -> bool:
    """A label that opens with row numbering and goes on (``2.其他法律行政法规禁止``), not a mark alone."""
    n = norm(text)
    return strip_numbering(n) != n


@lru_cache(maxsize=8192)
def _plan(table_code: str, edition: str, labels: tuple[str, ...], group: str | None) -> tuple[str | None, Row | None]:
    """What a run's labels do, given the group in force before it: ``(group after, row named)``.

    Cached per label sequence: a template's runs repeat page after page, so each page costs one
    lookup per run instead of a pattern search per label.
    """
    if table_code == "applications":
        for text in labels:
            g = _group(text, edition)
            if g is not None:
                group = None if g == "results" else g
    return group, row_named(table_code, edition, labels, group)


#: Unrecognised rows named one by one in a table's warnings (a template table has 31 rows at most: a
#: region of thousands is not one, and its rows are counted in one more warning).
MAX_NAMED_UNKNOWN = 50


def read_rows(table: Table, edition: str, region_runs: list[Run]) -> TableRead:
    """Read every run of a table region into the template's rows."""
    read = TableRead({})  # rows stored as read; the template's full table is laid out at the end
    group: str | None = None
    code = table.code
    taken = 0  # the labels the previous row took from this run's (its label went on after its numbers)
    unknown = 0  # unrecognised rows: the first MAX_NAMED_UNKNOWN are named, the rest counted
    subtotals: list[tuple[str, list[Token]]] = []
    header: list[tuple[str, str]] = []  # the active-disclosure block's column labels, with their edition
    read_since_header = True  # a row with numbers came after the last header label
    merged = merged_org_columns(region_runs) if code == "applications" else None
    merged_rows = 0
    for k, run in enumerate(region_runs):
        texts = tuple([t.text for t in run.labels[taken:]])
        if code == "active_disclosure" and (len(texts) > 1 or not run.numbers):  # (one label and numbers: a row)
            for t in texts:
                ed, yuan = _ad_header(t) if len(t) <= 200 else (None, False)
                if yuan and not read.yuan_header:
                    read.yuan_header = t
                if ed is not None:  # a block's header: the columns it names (over runs: a line each), and their edition
                    header = [(t, ed)] if read_since_header else [*header, (t, ed)]
                    read_since_header = False
        group, row = _plan(code, edition, texts, group)
        numbers = run.numbers
        taken = 0
        if not numbers:
            if row is not None and run.values:  # the row with every cell left blank (Shanghai's style)
                read.blank.add(row.code)
            continue
        read_since_header = True
        if row is None and unknown < MAX_NAMED_UNKNOWN and texts and k + 1 < len(region_runs):
            after = region_runs[k + 1]
            row, taken = _continued(code, edition, texts, after.labels, group, own_numbers=after.numbers > 0)
        if row is None:
            label = "".join(t.text for t in run.labels[-2:]) if run.labels else ""
            if label and is_header(label):
                continue
            unknown += 1
            if unknown <= MAX_NAMED_UNKNOWN:
                shown = " ".join(label.split())[:40]
                heading = code == "applications" and texts and _group(texts[-1], edition) not in (None, "results")
                read.warnings.append(
                    f"{table.code}: the group heading '{shown}' carries {numbers} numbers (a subtotal the "
                    "template does not have; not read)" if heading else
                    f"{table.code}: unrecognised row '{shown}' with {numbers} numbers (not read)")
            continue
        if row.code == "total" and group is not None and texts and norm_label(texts[-1]) in GROUP_SUBTOTAL_LABELS:
            subtotals.append((texts[-1], run.values))  # under a group: its subtotal, or the total (decided below)
            continue
        if header and row.code in _SAME_WIDTH_ROWS and all(ed != edition for _t, ed in header):
            _other_edition_columns(read, table, row, header, edition)
            continue
        if merged is not None and row.code not in read.seen and len(cells := hard_cells(run.values)) == len(merged):
            store_row(read, table, row, _spread(cells, merged))
            merged_rows += 1
            continue
        store_row(read, table, row, run.values)
    if merged_rows:
        labels = " | ".join(label for label, _code in merged)
        kept = " and ".join(label for label, code in merged if code is not None)
        read.warnings.append(
            f"applications: {merged_rows} rows have the header's {len(merged)} columns ({labels}), not the "
            f"template's 7: {kept} are read; 法人或其他组织 holds the five kinds of organisation in one "
            "number, which is not split (their cells are null)")
    _settle_subtotals(read, table, edition, subtotals)
    if unknown > MAX_NAMED_UNKNOWN:
        read.warnings.append(f"{table.code}: {unknown - MAX_NAMED_UNKNOWN:,} more unrecognised rows with numbers "
                             f"(not read; the first {MAX_NAMED_UNKNOWN} are named above)")
    stored = read.cells
    read.cells = {r.code: stored.get(r.code) or dict.fromkeys(r.column_codes) for r in table.rows_for(edition)}
    return read


def merged_org_columns(region_runs: list[Run]) -> tuple[tuple[str, str | None], ...] | None:
    """The applicant columns a table's header names when it merges the five kinds of organisation
    into one (自然人 | 法人或其他组织 | 总计): ``(label, column code or None)`` in order; ``None`` for the
    template's header (it names 商业企业 …) or none, or when most rows are not that wide. The header is
    read from the labels before the first number."""
    named: list[tuple[str, str | None]] = []
    for run in region_runs:
        for t in run.labels:
            n = norm_label(t.text) if len(t.text) <= 20 else ""
            if n in ORG_KIND_LABELS:
                return None
            if n in APPLICANT_HEADER and n not in (label for label, _code in named):
                named.append((n, APPLICANT_HEADER[n]))
        if run.numbers:
            break
    if len(named) < 2 or all(code is not None for _label, code in named):
        return None
    # … and the table's rows have its width: most of them (a full table whose sub-header went unread
    # has rows of seven, and a row of seven that lost cells is no row of the merged table's)
    numeric = [len(hard_cells(run.values)) for run in region_runs if run.numbers]
    fitting = numeric.count(len(named))
    return tuple(named) if fitting >= 3 and 2 * fitting >= len(numeric) else None


def _spread(cells: list[Token], merged: tuple[tuple[str, str | None], ...]) -> list[Token]:
    """A row's cells under a merged-column header as the template's seven: each number under its
    column, blank cells where the header has no column of the template's (the merged one's number dropped)."""
    by_code = dict(zip((code for _label, code in merged), cells, strict=True))
    return [by_code.get(c.code, BLANK_TOKEN) for c in APPLICANT_COLUMNS]


@lru_cache(maxsize=4096)
def _ad_header(label: str) -> tuple[str | None, bool]:
    """What an active-disclosure label says as a header: the edition whose column it names (本年制发件数 →
    2021, 本年新制作数量 → 2019; else ``None``), and whether it counts money in 元 (本年收费金额（单位：元）)."""
    n = norm_label(label)
    edition = next((ed for prefix, ed in _AD_COLUMN_LABELS if n.startswith(prefix)), None)
    return edition, "金额" in n and unit_of(label) == "元"


#: Every active-disclosure column's label (unit dropped) and its edition, longest first: a 2021
#: report that kept the 2019 table's header (本年新制作数量 | 本年新公开数量 | 对外公开总数量) has as many
#: columns in 第二十条第（一）项, which mean other things.
_AD_COLUMN_LABELS = tuple(sorted({(strip_unit(norm(c.label)), ed) for r in ACTIVE_DISCLOSURE.rows
                                  for ed in r.editions for c in r.columns}, key=lambda p: -len(p[0])))


#: Active-disclosure rows whose columns differ between the editions but are as many: only under
#: such a row would another edition's header let numbers fit into columns that mean other things
#: (elsewhere a row's numbers do not fit, and it is flagged as a short or long row).
_SAME_WIDTH_ROWS = frozenset(
    a.code for a in ACTIVE_DISCLOSURE.rows for b in ACTIVE_DISCLOSURE.rows
    if a.code == b.code and a.editions != b.editions and len(a.columns) == len(b.columns)
    and a.column_codes != b.column_codes)


def _other_edition_columns(read: TableRead, table: Table, row: Row, header: list[tuple[str, str]],
                           edition: str) -> None:
    """A row under a header naming another edition's columns: its numbers are not this edition's
    cells, so the row is left blank and the warning says why."""
    read.seen.add(row.code)
    labels = ", ".join(dict.fromkeys(t.strip() for t, _ed in header))
    read.warnings.append(f"{table.code}.{row.code}: its block's header names the {header[0][1]} template's "
                         f"columns ({labels}), not the {edition} template's; the row is left blank (null), "
                         "its numbers not read into other columns")


def _settle_subtotals(read: TableRead, table: Table, edition: str, subtotals: list[tuple[str, list[Token]]]) -> None:
    """合计 rows met under a group heading: with a 总计 row in the table they are the groups'
    subtotals (not template cells, warned about); without one, a single 合计 is the total."""
    if not subtotals:
        return
    if "total" not in read.seen and len(subtotals) == 1:
        row = table.row("total", edition)
        if row is not None:
            store_row(read, table, row, subtotals[0][1])
        return
    for label, values in subtotals:
        read.warnings.append(f"{table.code}: a '{label.strip()}' row under a group heading, with "
                             f"{sum(1 for v in values if v.kind == NUM)} numbers: "
                             + ("a subtotal the template does not have (not read); the total is the 总计 row"
                                if "total" in read.seen else "one of several, none taken as the total"))


def store_row(read: TableRead, table: Table, row: Row, values: list[Token]) -> None:
    n = len(row.columns)
    cells = fit(values, n)
    if row.code in read.seen:
        where = f"{table.code}.{row.code}"
        if cells is not None and row.code in read.partial and row.code not in read.cells:
            # first seen short (a line of text naming the row, a row cut at a page break), then whole
            found = len(read.partial.pop(row.code).found)
            read.seen.discard(row.code)
            store_row(read, table, row, values)
            read.warnings.append(f"{where}: row appears twice, first with {found} of {n} cells, then whole; "
                                 "the whole row is read")
            return
        if cells is None and row.code in read.cells:  # … or whole, then short: the whole row stands
            found = sum(1 for t in values if t.kind == NUM)
            read.warnings.append(f"{where}: row appears twice, first whole, then with {found} of {n} cells; "
                                 "the whole row is read")
            return
        previous = read.cells.get(row.code) or dict.fromkeys(row.column_codes)  # (a short row: blank)
        new = None if cells is None else {code: t.value if t.kind == NUM else None
                                          for code, t in zip(row.column_codes, cells, strict=True)}
        if new == previous:
            read.warnings.append(f"{where}: row appears twice with the same numbers")
        else:
            read.warnings.append(f"{where}: row appears twice with different numbers; both left blank")
            read.cells[row.code] = dict.fromkeys(row.column_codes)
            read.partial.pop(row.code, None)
        return
    read.seen.add(row.code)
    if cells is None:
        read.partial[row.code] = Partial.of(row.code, values, n)
        return
    # a cell is a number or a hard blank, whose value is None
    read.cells[row.code] = dict(zip(row.column_codes, [t.value for t in cells], strict=True))
    whole_counts(read, table, row)
    for i in row.money_columns:
        _money_in_yuan(read, table, row, i, cells[i])
    flagged = [t for t in cells if t.flagged]
    if flagged:
        mark_cells(read, row.code, flagged)


def mark_cells(read: TableRead, key: str, tokens: Iterable[Token]) -> None:
    """Count the cells of row (or group) ``key`` written as a dash or 无, and keep those written as a
    number with a note: the record's warnings name both."""
    for t in tokens:
        if t.placeholder:
            read.placeholders[key] = read.placeholders.get(key, 0) + 1
        elif t.note:
            read.notes.setdefault(key, []).append(t.text)


def whole_counts(read: TableRead, table: Table, row: Row) -> None:
    """A count is a whole number (SCHEMA.md: counts are integers): ``3.00`` is 3; a count with a
    fraction (``2.5``) cannot be one, and is left blank with a warning."""
    stored = read.cells[row.code]
    try:  # (a float makes the sum one: a row of ints, the rule, costs one sum; a blank cell, a type check)
        if sum(stored.values()).__class__ is not float:
            return
    except TypeError:
        if float not in map(type, stored.values()):
            return
    for i, code in enumerate(row.column_codes):
        value = stored.get(code)
        if i in row.money_columns or type(value) is not float:
            continue
        if value.is_integer():
            stored[code] = int(value)
        else:
            stored[code] = None
            read.warnings.append(f"{table.code}.{row.code}: the {code} cell reads {value:g}, a count with a "
                                 "fraction: left blank (null)")


def _money_in_yuan(read: TableRead, table: Table, row: Row, i: int, cell: Token) -> None:
    """A 万元 cell written in 元 (its own unit says so, or the table's header: 本年收费金额（单位：元）) is
    converted to 万元, and the warning says so. (0 元 is 0 万元.)"""
    if not cell.value:
        return
    unit = unit_of(cell.text)
    if unit == "元":
        why = f"is written in 元 ('{cell.text}')"
    elif read.yuan_header and unit != "万元":
        why = f"is in 元 by the table's header ('{read.yuan_header}')"
    else:
        return
    code = row.column_codes[i]
    read.cells[row.code][code] = value = round(cell.value / 10000, 8)
    read.warnings.append(f"{table.code}.{row.code}: the {code} cell {why}, not the template's 万元: "
                         f"read as {value:g} 万元")

