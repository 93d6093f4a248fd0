"""Datasette metadata for browsing the database: descriptions with the Chinese labels, canned queries, FTS.

``metadata()`` is the single source; the shipped ``datasette_metadata.json`` is generated from it
(a test keeps them equal): ``datasette output/govreports.db -m <that file>``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from govreports.export.columns import META_COLUMNS

SHIPPED = Path(__file__).with_name("datasette_metadata.json")

QUERIES: dict[str, dict[str, str]] = {
    "reports_per_site_and_year": {
        "title": "Reports per site and year / 各站点各年度报告数",
        "sql": "SELECT site, year, count(*) AS reports, sum(failed_checks > 0) AS with_failed_checks "
               "FROM reports GROUP BY site, year ORDER BY site, year",
    },
    "reports_with_failed_checks": {
        "title": "Reports whose tables fail the template arithmetic / 勾稽关系不符的报告",
        "sql": "SELECT r.id, r.title, r.site, r.year, c.rule, c.scope, c.expected, c.actual FROM checks c "
               "JOIN reports r ON r.id = c.report_id WHERE c.ok = 0 ORDER BY r.year, r.site, r.id, c.rule, c.scope",
    },
    "requests_received_and_denied_by_reason_and_year": {
        "title": "Requests received, and denied by reason, per year / 各年度收到和不予公开的申请（按理由）",
        "sql": "SELECT r.year, c.\"row\" AS item, sum(c.value) AS requests, count(c.value) AS reports "
               "FROM cells c JOIN reports r ON r.id = c.report_id WHERE c.\"table\" = 'applications' "
               "AND c.\"column\" = 'total' AND (c.\"row\" = 'new_received' OR c.\"row\" LIKE 'denied.%') "
               "GROUP BY r.year, c.\"row\" ORDER BY r.year, c.\"row\"",
    },
    "search_report_text": {
        "title": "Full-text search of report text (3+ characters) / 全文检索",
        "sql": "SELECT r.id, r.title, r.site, r.year FROM reports_fts f JOIN reports r ON r.rowid = f.rowid "
               "WHERE reports_fts MATCH '\"' || :q || '\"' ORDER BY r.year DESC LIMIT 100",
    },
}


def metadata() -> dict[str, Any]:
    report_cols = {c.name if c.name != "report_id" else "id": f"{c.label_zh} — {c.description}"
                   for c in META_COLUMNS}
    report_cols.update({"text": "正文 — cleaned full text, Simplified, chrome removed",
                        "overview": "一、总体情况", "problems": "五、存在的主要问题及改进情况",
                        "other": "六、其他需要报告的事项", "warnings": "警告 — parser warnings (JSON list)",
                        "record": "the whole SCHEMA.md record (JSON)", "content_hash": "hash of the record",
                        "first_seen": "first stored (UTC)", "updated_at": "last changed (UTC)"})
    return {
        "title": "govreports — 政府信息公开工作年度报告",
        "description": "Annual reports on government information disclosure, every template cell as data.",
        "databases": {"govreports": {
            "tables": {
                "reports": {"description": "One row per report page / 每份报告一行", "columns": report_cols,
                            "fts_table": "reports_fts", "fts_pk": "rowid", "sort_desc": "year"},
                "cells": {"description": "One row per template cell; value NULL = blank on the page, never 0 / "
                                         "每个表格单元格一行",
                          "columns": {"report_id": "报告编号", "table": "表: active_disclosure | applications | "
                                      "reviews_litigation", "row": "行代码 (SCHEMA.md)", "column": "列代码",
                                      "value": "数值 (NULL = 空白)"}},
                "checks": {"description": "One row per arithmetic check / 勾稽关系检查",
                           "columns": {"rule": "检查规则", "scope": "行/列/组", "ok": "1 通过, 0 不符, NULL 无法检查",
                                       "expected": "其他单元格之和", "actual": "报告所填数值"}},
                "pages": {"description": "The raw page archive and the crawl's memory / 原始网页存档",
                          "hidden": False},
                "crawl_runs": {"description": "One row per crawl run, with its counts / 抓取记录"},
                "failures": {"description": "URLs that failed, retried on the next run / 抓取失败"},
                "sites": {"description": "The site registry / 站点登记"},
            },
            "queries": QUERIES,
        }},
    }


def write_metadata(path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(metadata(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
