"""The store: the crawl's memory and the researchers' corpus, in one SQLite file.

Every write is one transaction: a report row lands together with all its cells and checks,
or not at all. Storing an unchanged report writes nothing; a changed page updates its
report in place (same id). Raw pages are archived compressed the first time they are seen
and whenever they change, so ``govreports reparse`` can rebuild everything offline.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from govreports.record import Record
from govreports.store.schema import ensure_schema
from govreports.urls import canonicalize, report_id

DEFAULT_DB = Path("output") / "govreports.db"
_PRIVATE_HEADERS = frozenset({"set-cookie", "cookie", "authorization", "proxy-authorization", "www-authenticate"})


def default_db_path() -> Path:
    return Path(os.environ.get("GOVREPORTS_DB") or DEFAULT_DB)


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def clean_headers(headers: dict[str, Any] | None) -> dict[str, str]:
    """Lower-case names; cookies and credentials never reach the archive."""
    out: dict[str, str] = {}
    for key, value in (headers or {}).items():
        k = (key.decode("latin-1") if isinstance(key, bytes) else str(key)).lower()
        if k in _PRIVATE_HEADERS:
            continue
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        out[k] = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return out


@dataclass(frozen=True)
class PageState:
    url: str
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    last_fetched: str | None
    kind: str | None
    status: int | None
    final_url: str | None = None


@dataclass(frozen=True)
class ArchiveResult:
    changed: bool
    content_hash: str
    first_seen: bool


class Store:
    """SQLite through sqlite-utils; default path from ``GOVREPORTS_DB`` or ``output/govreports.db``."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(self.path)
        self.db.execute("PRAGMA busy_timeout = 30000")
        ensure_schema(self.db)
        self._open_failures: set[str] | None = None

    def close(self) -> None:
        self.db.close()

    # --- the raw archive and the crawl's memory ------------------------------------------------

    def page_state(self, url: str) -> PageState | None:
        row = self.db.execute(
            "SELECT url, etag, last_modified, content_hash, last_fetched, kind, status, final_url FROM pages "
            "WHERE url = ?",
            [canonicalize(url)]).fetchone()
        return PageState(*row) if row else None

    def archive_page(self, item: dict[str, Any]) -> ArchiveResult:
        """Keep the raw page (compressed) and its validators; a no-op body rewrite when unchanged."""
        url = canonicalize(item.get("canonical_url") or item["url"])
        body: bytes = item.get("body") or b""
        digest = hashlib.sha256(body).hexdigest()
        headers = clean_headers(item.get("headers"))
        fetched = item.get("fetched_at") or now()
        with self.db.atomic():
            old = self.db.execute("SELECT content_hash, first_seen FROM pages WHERE url = ?", [url]).fetchone()
            if old and old[0] == digest:
                self.db.execute(
                    "UPDATE pages SET last_fetched = ?, status = ?, etag = coalesce(?, etag), "
                    "last_modified = coalesce(?, last_modified), fetch_count = fetch_count + 1 WHERE url = ?",
                    [fetched, item.get("status"), headers.get("etag"), headers.get("last-modified"), url])
                return ArchiveResult(False, digest, False)
            row = {
                "url": url, "final_url": item.get("url"), "site": item.get("site"), "status": item.get("status"),
                "headers": json.dumps(headers, ensure_ascii=False, sort_keys=True),
                "body": zlib.compress(body, 6), "size": len(body), "content_hash": digest,
                "etag": headers.get("etag"), "last_modified": headers.get("last-modified"),
                "first_seen": old[1] if old else fetched, "last_fetched": fetched, "last_changed": fetched,
                "kind": item.get("kind") or "report_page", "reason": None,
                "fetch_count": 1,
            }
            if old:
                self.db.execute("UPDATE pages SET final_url=:final_url, site=:site, status=:status, "
                                "headers=:headers, body=:body, size=:size, content_hash=:content_hash, "
                                "etag=:etag, last_modified=:last_modified, last_fetched=:last_fetched, "
                                "last_changed=:last_changed, kind=:kind, fetch_count=fetch_count+1 WHERE url=:url",
                                row)
            else:
                self.db["pages"].insert(row)
        return ArchiveResult(True, digest, old is None)

    def remember_redirect(self, url: str, target: str, *, site: str | None, fetched_at: str | None = None) -> None:
        """A URL that redirects to a report: known too, so a re-crawl does not follow it again."""
        stamp = fetched_at or now()
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO pages (url, final_url, site, status, kind, first_seen, last_fetched, fetch_count) "
                "VALUES (?, ?, ?, 301, 'redirect', ?, ?, 1) ON CONFLICT(url) DO UPDATE SET "
                "final_url = excluded.final_url, last_fetched = excluded.last_fetched, "
                "fetch_count = fetch_count + 1", [canonicalize(url), target, site, stamp, stamp])

    def touch_page(self, url: str, *, fetched_at: str | None = None, status: int = 304) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE pages SET last_fetched = ?, status = ?, fetch_count = fetch_count + 1 "
                            "WHERE url = ?", [fetched_at or now(), status, canonicalize(url)])

    def mark_page(self, url: str, *, kind: str, reason: str | None = None) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE pages SET kind = ?, reason = ? WHERE url = ?", [kind, reason, canonicalize(url)])

    def known_pages(self, site: str | None = None) -> dict[str, PageState]:
        sql = "SELECT url, etag, last_modified, content_hash, last_fetched, kind, status, final_url FROM pages"
        rows = self.db.execute(sql + (" WHERE site = ?" if site else ""), [site] if site else []).fetchall()
        return {r[0]: PageState(*r) for r in rows}

    def iter_archived(self, site: str | None = None) -> Iterator[dict[str, Any]]:
        """Items rebuilt from the raw archive (report pages and attachment-only reports), for reparse."""
        sql = _ARCHIVED + " WHERE kind IN ('report_page', 'report', 'attachment_only')"
        params: list[Any] = []
        if site:
            sql += " AND site = ?"
            params.append(site)
        for row in self.db.execute(sql + " ORDER BY url", params):
            yield _archived_item(row)

    def archived_page(self, url: str) -> dict[str, Any] | None:
        """One archived page as an item (``url``, ``headers``, ``body`` …), by its address (or the
        address that redirected to it); ``None`` when the archive has no body for it (reparse finds a
        split report's other pages so)."""
        sql = _ARCHIVED + " WHERE url = ?"
        row = self.db.execute(sql, [canonicalize(url)]).fetchone()
        if row is not None and row[5] is None and row[1]:  # a redirect remembered: its target's page
            row = self.db.execute(sql, [canonicalize(row[1])]).fetchone()
        return _archived_item(row) if row is not None and row[5] is not None else None

    # --- reports ---------------------------------------------------------------------------------

    def save_report(self, item: dict[str, Any], record: Record) -> str:
        """``"new"`` | ``"updated"`` | ``"unchanged"``; report, cells and checks in one transaction."""
        url = item.get("canonical_url") or item["url"]
        rid = report_id(url)
        rec = record.to_dict()
        rec_json = json.dumps(rec, ensure_ascii=False, sort_keys=True)
        digest = hashlib.sha256(rec_json.encode("utf-8")).hexdigest()
        with self.db.atomic():
            old = self.db.execute("SELECT content_hash, first_seen FROM reports WHERE id = ?", [rid]).fetchone()
            if old and old[0] == digest:
                return "unchanged"
            stamp = item.get("fetched_at") or now()
            sections = rec.get("sections") or {}
            row = {
                "id": rid, "url": item.get("url") or url, "site": item.get("site"),
                "region": item.get("region") or (rec.get("page") or {}).get("region"),
                "kind": item.get("report_kind") or "report", "title": rec.get("title"),
                "agency": rec.get("agency"), "year": rec.get("year"), "edition": rec.get("edition"),
                "published_at": rec.get("published_at"), "source": rec.get("source"),
                "original_script": rec.get("original_script"), "text": rec.get("text"),
                "overview": sections.get("overview"), "problems": sections.get("problems"),
                "other": sections.get("other"), "fetched_at": stamp, "content_hash": digest,
                "failed_checks": record.failed_checks, "warning_count": len(rec.get("warnings") or []),
                "warnings": json.dumps(rec.get("warnings") or [], ensure_ascii=False), "record": rec_json,
                "first_seen": old[1] if old else stamp, "updated_at": stamp,
            }
            conn = self.db.conn
            conn.execute("DELETE FROM cells WHERE report_id = ?", [rid])
            conn.execute("DELETE FROM checks WHERE report_id = ?", [rid])
            conn.execute(_UPSERT_REPORT, row)
            conn.executemany('INSERT INTO cells (report_id, "table", "row", "column", value) VALUES (?, ?, ?, ?, ?)',
                             _cells(rid, rec))
            conn.executemany("INSERT OR REPLACE INTO checks (report_id, rule, scope, ok, expected, actual) "
                             "VALUES (?, ?, ?, ?, ?, ?)", _checks(rid, rec))
            # a report split over pages whose other parts were not all read stays pending in the archive:
            # the next run fetches its first page again whole, and with it the parts
            page = rec.get("page") or {}
            whole = len(page.get("parts") or ()) <= len(page.get("parts_read") or ())
            conn.execute("UPDATE pages SET kind = ? WHERE url = ?", [row["kind"] if whole else "report_page",
                                                                     canonicalize(url)])
        return "updated" if old else "new"

    # --- failures and runs --------------------------------------------------------------------

    def record_failure(self, url: str, *, site: str | None, kind: str, message: str,
                       fetched_at: str | None = None) -> None:
        key, stamp = canonicalize(url), fetched_at or now()
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO failures (url, site, kind, message, attempts, first_seen, last_seen, resolved_at) "
                "VALUES (?, ?, ?, ?, 1, ?, ?, NULL) ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, "
                "message = excluded.message, attempts = attempts + 1, last_seen = excluded.last_seen, "
                "resolved_at = NULL", [key, site, kind, message[:2000], stamp, stamp])
        if self._open_failures is not None:
            self._open_failures.add(key)

    def resolve_failure(self, url: str, site: str | None = None) -> None:
        """Mark a URL's failure resolved (a cheap no-op for the many URLs that never failed)."""
        if self._open_failures is None:
            self._open_failures = {u for (u,) in self.db.execute(
                "SELECT url FROM failures WHERE resolved_at IS NULL")}
        key = canonicalize(url)
        if key not in self._open_failures:
            return
        self._open_failures.discard(key)
        with self.db.atomic():
            self.db.execute("UPDATE failures SET resolved_at = ? WHERE url = ? AND resolved_at IS NULL",
                            [now(), canonicalize(url)])

    def failures(self, site: str | None = None, *, unresolved: bool = True) -> list[dict[str, Any]]:
        sql = "SELECT * FROM failures WHERE 1=1"
        params: list[Any] = []
        if unresolved:
            sql += " AND resolved_at IS NULL"
        if site:
            sql += " AND site = ?"
            params.append(site)
        return list(self.db.query(sql + " ORDER BY url", params))

    def start_run(self, site: str | None, args: dict[str, Any]) -> int:
        with self.db.atomic():
            cur = self.db.execute("INSERT INTO crawl_runs (site, started_at, args) VALUES (?, ?, ?)",
                                  [site, now(), json.dumps(args, ensure_ascii=False, default=str)])
            return int(cur.lastrowid)

    def finish_run(self, run_id: int, stats: dict[str, Any], reason: str | None = None, *,
                   report_counts: bool = True) -> None:
        """Close a run with its stats; ``report_counts=False`` keeps the new/updated/unchanged counts
        that ``ingest`` adds as it writes a distributed worker's reports (the worker cannot know them)."""
        def n(key: str) -> int:
            return int(stats.get(f"govreports/{key}", 0) or 0)

        errors = sum(int(v) for k, v in stats.items() if k.startswith("govreports/errors/"))
        values = {"finished_at": now(), "stats": json.dumps(stats, ensure_ascii=False, default=str, sort_keys=True),
                  "pages_fetched": n("pages_fetched"), "reports_found": n("reports_found"),
                  "non_reports_dropped": n("non_reports_dropped"), "errors": errors, "finish_reason": reason}
        if report_counts:
            values.update(reports_new=n("reports_new"), reports_updated=n("reports_updated"),
                          reports_unchanged=n("reports_unchanged"))
        with self.db.atomic():
            self.db.execute(f"UPDATE crawl_runs SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                            [*values.values(), run_id])

    def run_for_key(self, run_key: str) -> int | None:
        """The run a distributed worker announced under ``run_key`` (ingest replays may repeat it)."""
        row = self.db.execute("SELECT id FROM crawl_runs WHERE json_extract(args, '$.run_key') = ?",
                              [run_key]).fetchone()
        return int(row[0]) if row else None

    def add_run_counts(self, run_id: int, *, new: int = 0, updated: int = 0, unchanged: int = 0) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE crawl_runs SET reports_new = coalesce(reports_new, 0) + ?, "
                            "reports_updated = coalesce(reports_updated, 0) + ?, "
                            "reports_unchanged = coalesce(reports_unchanged, 0) + ? WHERE id = ?",
                            [new, updated, unchanged, run_id])

    def last_run(self, site: str | None = None) -> dict[str, Any] | None:
        sql = "SELECT * FROM crawl_runs" + (" WHERE site = ?" if site else "") + " ORDER BY id DESC LIMIT 1"
        rows = list(self.db.query(sql, [site] if site else []))
        return rows[0] if rows else None

    def save_sites(self, sites: list[dict[str, Any]]) -> None:
        with self.db.atomic():
            self.db["sites"].upsert_all(sites, pk="id")

    # --- reading ---------------------------------------------------------------------------------

    def report(self, rid: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM reports WHERE id = ?", [rid]))
        return rows[0] if rows else None

    def counts(self) -> dict[str, int]:
        return {t: self.db[t].count for t in ("reports", "cells", "checks", "pages", "failures", "crawl_runs")}

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over title and text: FTS5 trigram for 3+ characters, LIKE for 1–2."""
        q = query.strip()
        if not q:
            return []
        if len(q) >= 3:
            sql = ("SELECT r.id, r.title, r.site, r.year FROM reports_fts f JOIN reports r ON r.rowid = f.rowid "
                   "WHERE reports_fts MATCH ? ORDER BY rank LIMIT ?")
            return list(self.db.query(sql, ['"' + q.replace('"', '""') + '"', limit]))
        like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        sql = ("SELECT id, title, site, year FROM reports WHERE title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\' "
               "ORDER BY id LIMIT ?")
        return list(self.db.query(sql, [like, like, limit]))


#: An archived page's row, as :func:`_archived_item` reads it.
_ARCHIVED = "SELECT url, final_url, site, status, headers, body, last_changed FROM pages"


def _archived_item(row: tuple[Any, ...]) -> dict[str, Any]:
    """An archived page as the item the pipelines read (its body decompressed)."""
    url, final_url, site, status, headers, body, fetched = row
    return {"url": final_url or url, "canonical_url": url, "site": site, "status": status,
            "headers": json.loads(headers or "{}"), "body": zlib.decompress(body) if body else b"",
            "fetched_at": fetched}


_REPORT_COLUMNS = ("id", "url", "site", "region", "kind", "title", "agency", "year", "edition", "published_at",
                   "source", "original_script", "text", "overview", "problems", "other", "fetched_at",
                   "content_hash", "failed_checks", "warning_count", "warnings", "record", "first_seen", "updated_at")
_UPSERT_REPORT = (
    f"INSERT INTO reports ({', '.join(_REPORT_COLUMNS)}) VALUES ({', '.join(':' + c for c in _REPORT_COLUMNS)}) "
    "ON CONFLICT(id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in _REPORT_COLUMNS if c != "id")
)


def _cells(rid: str, rec: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(rid, table, row, col, value)
            for table in ("active_disclosure", "applications", "reviews_litigation")
            for row, cols in (rec.get(table) or {}).items()
            for col, value in (cols or {}).items()]


def _checks(rid: str, rec: dict[str, Any]) -> list[tuple[Any, ...]]:
    out = []
    for c in rec.get("checks") or []:
        scope = c.get("row") or c.get("column") or c.get("group") or ""
        ok = c.get("ok")
        out.append((rid, c["rule"], scope, None if ok is None else int(ok), c.get("expected"), c.get("actual")))
    return out
