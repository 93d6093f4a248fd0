"""Every exported column, described once: the source of reports.csv, the codebook and the datapackage.

Metadata columns are listed here; one column per template cell is generated from
:mod:`govreports.template.national` (the union of both editions), named by SCHEMA.md codes such
as ``applications.new_received.total``.
"""

from __future__ import annotations

from dataclasses import dataclass

from govreports.template.national import EDITIONS, TABLE_LABELS, TEMPLATE_TABLES


@dataclass(frozen=True)
class ExportColumn:
    name: str
    label_zh: str
    description: str
    type: str  # frictionless field type: string | integer | number | date | datetime | boolean
    unit: str = ""
    editions: tuple[str, ...] = ()


META_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("report_id", "报告编号", "stable id: first 16 hex digits of sha1(canonical URL)", "string"),
    ExportColumn("url", "网址", "the report page's URL", "string"),
    ExportColumn("site", "站点", "site registry id of the portal", "string"),
    ExportColumn("region", "行政区划代码", "GB/T 2260 region code of the portal, when known", "string"),
    ExportColumn("kind", "类型", "report, or attachment_only (the tables are in a PDF/DOC attachment)", "string"),
    ExportColumn("title", "标题", "report title (Simplified)", "string"),
    ExportColumn("agency", "机关", "reporting agency", "string"),
    ExportColumn("year", "报告年度", "reporting year (not the publishing year)", "integer"),
    ExportColumn("edition", "模板版本", "template edition: 2019 (国办公开办函〔2019〕60号) or 2021 "
                 "(国办公开办函〔2021〕30号); empty when the page has no template tables", "string"),
    ExportColumn("published_at", "发布时间", "publication date/time from the page, ISO 8601", "string"),
    ExportColumn("source", "来源", "source named by the page (来源)", "string"),
    ExportColumn("original_script", "原文字体", "simplified, or traditional (converted with OpenCC t2s)", "string"),
    ExportColumn("fetched_at", "抓取时间", "when the current content was fetched (UTC)", "string"),
    ExportColumn("failed_checks", "勾稽不符数", "number of template arithmetic checks that fail", "integer"),
    ExportColumn("warning_count", "警告数", "number of parser warnings (see reports.jsonl for their text)", "integer"),
)


def cell_columns() -> list[ExportColumn]:
    """One column per template cell, both editions, in template order, without duplicates."""
    seen: dict[str, ExportColumn] = {}
    for edition in EDITIONS:
        for table in TEMPLATE_TABLES.values():
            for row in table.rows_for(edition):
                for col in row.columns:
                    name = f"{table.code}.{row.code}.{col.code}"
                    if name in seen:
                        prev = seen[name]
                        seen[name] = ExportColumn(prev.name, prev.label_zh, prev.description, prev.type, prev.unit,
                                                  (*prev.editions, edition))
                        continue
                    table_zh = TABLE_LABELS[table.code][0]
                    seen[name] = ExportColumn(
                        name, f"{table_zh} / {row.label} / {col.label}",
                        f"{TABLE_LABELS[table.code][1]}: {row.label_en}: {col.label_en}",
                        "number" if col.unit == "10k_yuan" else "integer",
                        "万元 (10,000 yuan)" if col.unit == "10k_yuan" else "count", (edition,))
    return list(seen.values())


def report_columns() -> list[ExportColumn]:
    return [*META_COLUMNS, *cell_columns()]


CELLS_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("report_id", "报告编号", "id of the report (reports.csv report_id)", "string"),
    ExportColumn("table", "表", "active_disclosure | applications | reviews_litigation", "string"),
    ExportColumn("row", "行", "row code (SCHEMA.md)", "string"),
    ExportColumn("column", "列", "column code (SCHEMA.md)", "string"),
    ExportColumn("label_zh", "中文标签", "the template's Chinese labels of the cell", "string"),
    ExportColumn("value", "数值", "the number; empty when the cell was blank or unreadable (never 0)", "number"),
)
