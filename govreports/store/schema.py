"""The database shape, declared up front and ensured idempotently (SCHEMA.md "The database").

Tables: ``reports`` (one row per report page), ``cells`` (the tidy form, one row per
number), ``checks`` (one row per check result), ``pages`` (the raw archive and the crawl's
memory: body, validators, hashes), ``crawl_runs``, ``failures``, ``sites``; and the FTS5
trigram index ``reports_fts`` over title and text.
"""

from __future__ import annotations

import sqlite_utils

SCHEMA_VERSION = 1

TABLES: dict[str, dict] = {
    "reports": {
        "columns": {
            "id": str, "url": str, "site": str, "region": str, "kind": str, "title": str, "agency": str,
            "year": int, "edition": str, "published_at": str, "source": str, "original_script": str,
            "text": str, "overview": str, "problems": str, "other": str, "fetched_at": str,
            "content_hash": str, "failed_checks": int, "warning_count": int, "warnings": str, "record": str,
            "first_seen": str, "updated_at": str,
        },
        "pk": "id",
        "not_null": {"url"},
    },
    "cells": {
        "columns": {"report_id": str, "table": str, "row": str, "column": str, "value": int},  # INTEGER affinity keeps 12.3456 as REAL
        "pk": ("report_id", "table", "row", "column"),
        "foreign_keys": [("report_id", "reports", "id")],
    },
    "checks": {
        "columns": {"report_id": str, "rule": str, "scope": str, "ok": int, "expected": int, "actual": int},
        "pk": ("report_id", "rule", "scope"),
        "foreign_keys": [("report_id", "reports", "id")],
    },
    "pages": {
        "columns": {
            "url": str, "final_url": str, "site": str, "status": int, "headers": str, "body": bytes,
            "size": int, "content_hash": str, "etag": str, "last_modified": str, "first_seen": str,
            "last_fetched": str, "last_changed": str, "kind": str, "reason": str, "fetch_count": int,
        },
        "pk": "url",
    },
    "crawl_runs": {
        "columns": {
            "id": int, "site": str, "started_at": str, "finished_at": str, "args": str, "stats": str,
            "pages_fetched": int, "reports_found": int, "reports_new": int, "reports_updated": int,
            "reports_unchanged": int, "non_reports_dropped": int, "errors": int, "finish_reason": str,
        },
        "pk": "id",
    },
    "failures": {
        "columns": {"url": str, "site": str, "kind": str, "message": str, "attempts": int, "first_seen": str,
                    "last_seen": str, "resolved_at": str},
        "pk": "url",
    },
    "sites": {
        "columns": {"id": str, "name": str, "province": str, "city": str, "district": str, "region_code": str,
                    "base_url": str, "columns": str, "cms": str, "notes": str},
        "pk": "id",
    },
}
INDEXES = (
    ("reports", ["site"]), ("reports", ["year"]), ("reports", ["edition"]), ("reports", ["region"]),
    ("cells", ["table", "row", "column"]), ("pages", ["site"]), ("pages", ["kind"]), ("failures", ["site"]),
    ("checks", ["ok"]),
)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create whatever is missing; a no-op on a database that already has the shape."""
    db.execute("PRAGMA foreign_keys = ON")
    if db.journal_mode != "wal":
        db.enable_wal()
    # WAL + NORMAL: a crash (even SIGKILL) never corrupts or half-writes; only a power cut may lose
    # the last commits, which the next crawl fetches again.
    db.execute("PRAGMA synchronous = NORMAL")
    with db.atomic():  # all of the shape or none of it: a kill while creating leaves no half schema
        existing = set(db.table_names())
        for name, spec in TABLES.items():
            if name in existing:
                missing = {c: t for c, t in spec["columns"].items() if c not in db[name].columns_dict}
                for column, coltype in missing.items():  # an older database gains new columns in place
                    db[name].add_column(column, coltype)
                continue
            db[name].create(spec["columns"], pk=spec["pk"], not_null=spec.get("not_null"),
                            foreign_keys=spec.get("foreign_keys"))
        for table, cols in INDEXES:
            db[table].create_index(cols, if_not_exists=True)
        if "reports_fts" not in existing:
            db["reports"].enable_fts(["title", "text"], tokenize="trigram", create_triggers=True)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
