"""The research corpus: reports.csv (wide), cells.csv (tidy), reports.jsonl, texts/, Parquet,
a codebook and a Frictionless data package — from the database, filtered, blanks kept blank.

Every filter is a bound SQL parameter; every file name comes from a report id, never from a title.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govreports.export.columns import CELLS_COLUMNS, META_COLUMNS, ExportColumn, cell_columns, report_columns
from govreports.store import Store
from govreports.template.national import TABLE_LABELS, TEMPLATE_TABLES

FORMATS = ("csv", "jsonl", "parquet")


@dataclass
class Filters:
    sites: list[str] = field(default_factory=list)
    years: tuple[int, int] | None = None
    editions: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    only_consistent: bool = False

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.sites:
            clauses.append(f"site IN ({', '.join('?' for _ in self.sites)})")
            params += self.sites
        if self.years:
            clauses.append("year BETWEEN ? AND ?")
            params += list(self.years)
        if self.editions:
            eds = [e for e in self.editions if e != "none"]
            parts = []
            if eds:
                parts.append(f"edition IN ({', '.join('?' for _ in eds)})")
                params += eds
            if "none" in self.editions:
                parts.append("edition IS NULL")
            clauses.append("(" + " OR ".join(parts) + ")")
        if self.regions:
            clauses.append("(" + " OR ".join("region LIKE ? ESCAPE '\\'" for _ in self.regions) + ")")
            params += [r.replace("%", "\\%").replace("_", "\\_") + "%" for r in self.regions]
        if self.only_consistent:  # in the template, and every check evaluated and passing
            clauses.append("failed_checks = 0 AND edition IS NOT NULL AND NOT EXISTS (SELECT 1 FROM checks c "
                           "WHERE c.report_id = reports.id AND (c.ok IS NULL OR c.ok = 0))")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def parse_years(text: str | None) -> tuple[int, int] | None:
    """``2019-2024`` or ``2021`` → (first, last)."""
    if not text:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4}))?\s*", text)
    if not m:
        raise ValueError(f"--year must be YYYY or YYYY-YYYY, got {text!r}")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    if first > last:
        raise ValueError(f"--year range is backwards: {text!r}")
    return first, last


def _labels() -> dict[tuple[str, str, str], str]:
    out: dict[tuple[str, str, str], str] = {}
    for table in TEMPLATE_TABLES.values():
        for row in table.rows:
            for col in row.columns:
                out[(table.code, row.code, col.code)] = f"{TABLE_LABELS[table.code][0]} / {row.label} / {col.label}"
    return out


@dataclass
class ExportResult:
    reports: int = 0
    cells: int = 0
    files: list[str] = field(default_factory=list)


def _reports(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    where, params = filters.where()
    sql = ("SELECT id AS report_id, url, site, region, kind, title, agency, year, edition, published_at, source, "
           "original_script, fetched_at, failed_checks, warning_count, text, record FROM reports"
           f"{where} ORDER BY site, year, id")
    yield from store.db.query(sql, params)


def _cells(store: Store, report_id: str) -> list[tuple[str, str, str, Any]]:
    return store.db.execute('SELECT "table", "row", "column", value FROM cells WHERE report_id = ? '
                            'ORDER BY rowid', [report_id]).fetchall()


def export(store: Store, out_dir: str | Path, *, formats: tuple[str, ...] = ("csv", "jsonl"),
           filters: Filters | None = None, progress: bool = True) -> ExportResult:
    """Write the corpus files into ``out_dir``; returns what was written."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    filters = filters or Filters()
    out = Path(out_dir)
    (out / "texts").mkdir(parents=True, exist_ok=True)
    result = ExportResult()
    labels = _labels()
    wide_cols = [c.name for c in report_columns()]
    cell_names = {c.name for c in cell_columns()}
    wide_rows: list[dict[str, Any]] = []
    tidy_rows: list[dict[str, Any]] = []
    jsonl = (out / "reports.jsonl").open("w", encoding="utf-8") if "jsonl" in formats else None
    try:
        for n, rep in enumerate(_reports(store, filters), start=1):
            rid = rep["report_id"]
            wide = {c.name: rep.get(c.name) for c in META_COLUMNS}
            for table, row, col, value in _cells(store, rid):
                name = f"{table}.{row}.{col}"
                if name in cell_names:
                    wide[name] = value
                tidy_rows.append({"report_id": rid, "table": table, "row": row, "column": col,
                                  "label_zh": labels.get((table, row, col), ""), "value": value})
            wide_rows.append(wide)
            (out / "texts" / f"{rid}.txt").write_text(rep.get("text") or "", encoding="utf-8")
            if jsonl:
                record = json.loads(rep["record"] or "{}")
                jsonl.write(json.dumps({"report_id": rid, "url": rep["url"], "site": rep["site"],
                                        "region": rep["region"], **record}, ensure_ascii=False) + "\n")
            if progress and n % 500 == 0:
                print(f"  exported {n} reports…", file=sys.stderr)
    finally:
        if jsonl:
            jsonl.close()
    result.reports, result.cells = len(wide_rows), len(tidy_rows)
    if "csv" in formats:
        _write_csv(out / "reports.csv", wide_cols, wide_rows)
        _write_csv(out / "cells.csv", [c.name for c in CELLS_COLUMNS], tidy_rows)
        result.files += ["reports.csv", "cells.csv"]
    if jsonl:
        result.files.append("reports.jsonl")
    if "parquet" in formats:
        _write_parquet(out, wide_cols, wide_rows, tidy_rows)
        result.files += ["reports.parquet", "cells.parquet"]
    write_codebook(out)
    write_datapackage(out, formats, result.reports, result.cells)
    result.files += ["texts/", "codebook.csv", "codebook.md", "datapackage.json"]
    return result


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel opens Chinese correctly
        w = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for row in rows:
            w.writerow({k: ("" if v is None else v) for k, v in row.items()})


def _write_parquet(out: Path, wide_cols: list[str], wide_rows: list[dict], tidy_rows: list[dict]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise RuntimeError("Parquet needs pyarrow: pip install 'govreports[parquet]'") from exc
    types = {c.name: c.type for c in report_columns()}

    def arrow(kind: str):
        return {"integer": pa.int64(), "number": pa.float64()}.get(kind, pa.string())

    wide_schema = pa.schema([(c, arrow(types[c])) for c in wide_cols])
    cols = {c: [r.get(c) for r in wide_rows] for c in wide_cols}
    pq.write_table(pa.table(cols, schema=wide_schema), out / "reports.parquet")
    tidy_schema = pa.schema([(c.name, arrow(c.type)) for c in CELLS_COLUMNS])
    tidy = {c.name: [r.get(c.name) for r in tidy_rows] for c in CELLS_COLUMNS}
    tidy["value"] = [None if v is None else float(v) for v in tidy["value"]]
    pq.write_table(pa.table(tidy, schema=tidy_schema), out / "cells.parquet")


def codebook_rows() -> list[dict[str, str]]:
    rows = []
    for file, columns in (("reports.csv", report_columns()), ("cells.csv", list(CELLS_COLUMNS))):
        for c in columns:
            rows.append({"file": file, "code": c.name, "label_zh": c.label_zh, "description": c.description,
                         "editions": " ".join(c.editions) or "all", "type": c.type, "unit": c.unit})
    return rows


def write_codebook(out: Path) -> None:
    rows = codebook_rows()
    _write_csv(out / "codebook.csv", list(rows[0]), rows)
    lines = ["# govreports codebook", "",
             "Every column of the exported files. Cells are named `table.row.column` by the codes of the",
             "national template (SCHEMA.md); a cell outside a report's edition is empty; an empty cell is",
             "a blank or unreadable cell on the page — never a zero.", ""]
    for file in ("reports.csv", "cells.csv"):
        lines += [f"## {file}", "", "| code | 中文 | description | editions | type | unit |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| `{r['code']}` | {r['label_zh']} | {r['description']} | {r['editions']} | {r['type']} | "
                  f"{r['unit']} |" for r in rows if r["file"] == file]
        lines.append("")
    (out / "codebook.md").write_text("\n".join(lines), encoding="utf-8")


def _schema(columns: list[ExportColumn], key: list[str]) -> dict[str, Any]:
    return {"fields": [{"name": c.name, "title": c.label_zh, "description": c.description, "type": c.type}
                       for c in columns], "primaryKey": key, "missingValues": [""]}


def write_datapackage(out: Path, formats: tuple[str, ...], reports: int, cells: int) -> None:
    resources: list[dict[str, Any]] = []
    if "csv" in formats:
        resources.append({"name": "reports", "path": "reports.csv", "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8-sig", "description": f"one row per report ({reports} reports)",
                          "schema": _schema(report_columns(), ["report_id"])})
        resources.append({"name": "cells", "path": "cells.csv", "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8-sig", "description": f"one row per template cell ({cells} cells)",
                          "schema": {**_schema(list(CELLS_COLUMNS), ["report_id", "table", "row", "column"]),
                                     "foreignKeys": [{"fields": "report_id",
                                                      "reference": {"resource": "reports", "fields": "report_id"}}]}})
    resources.append({"name": "codebook", "path": "codebook.csv", "format": "csv", "mediatype": "text/csv",
                      "encoding": "utf-8-sig", "description": "every exported column explained",
                      "schema": {"fields": [{"name": n, "type": "string"} for n in
                                            ("file", "code", "label_zh", "description", "editions", "type", "unit")]}})
    package = {
        "name": "govreports-corpus",
        "title": "政府信息公开工作年度报告 — annual reports on government information disclosure, as data",
        "description": "Exported by govreports: every table cell of the national template, with the template's "
                       "arithmetic checks; blanks are empty, never 0. See codebook.md.",
        "licenses": [{"name": "other-pd", "title": "Public government documents"}],
        "resources": resources,
    }
    (out / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
