"""The SQLite store: idempotent, updated in place, atomic, searchable, with failures and runs recorded."""

from __future__ import annotations

import json
from pathlib import Path

from govreports.parser import parse_report
from govreports.record import Record
from govreports.store import Store
from govreports.synth.render import render_html
from govreports.synth.report import generate_report

URL = "http://www.example.gov.cn/zwgk/zfxxgknb/202301/t20230110_1.html"


def _record(seed: int = 1) -> Record:
    return parse_report(render_html(generate_report(seed, edition="2021")), content_type="text/html")


def test_report_cells_and_checks_rows(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    rec = _record()
    assert store.save_report({"url": URL, "site": "example", "region": "110109"}, rec) == "new"
    row = store.report(store.db.execute("SELECT id FROM reports").fetchone()[0])
    assert (row["title"], row["year"], row["edition"], row["region"]) == (rec.title, rec.year, "2021", "110109")
    assert json.loads(row["record"])["applications"] == rec.applications
    value = store.db.execute("SELECT value FROM cells WHERE \"table\"='applications' AND \"row\"='total' "
                             "AND \"column\"='total'").fetchone()[0]
    assert value == rec.applications["total"]["total"]
    fee = store.db.execute("SELECT value, typeof(value) FROM cells WHERE \"row\"='fees'").fetchone()
    assert fee[0] == rec.active_disclosure["fees"]["amount"]
    assert store.db["cells"].count == 200 and store.db["checks"].count == len(rec.checks)


def test_unchanged_report_writes_nothing_and_changed_one_updates_in_place(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    store.save_report({"url": URL}, _record(1))
    changes = store.db.conn.total_changes
    assert store.save_report({"url": URL + "#top"}, _record(1)) == "unchanged"  # same page, another spelling
    assert store.db.conn.total_changes == changes
    assert store.save_report({"url": URL}, _record(2)) == "updated"
    assert store.db["reports"].count == 1
    blank = Record(title="x", edition=None)
    assert store.save_report({"url": URL}, blank) == "updated"
    assert store.db["cells"].count == 0 and store.db["checks"].count == 0  # no orphaned cells


def test_blank_cells_are_null_not_zero(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    rec = _record()
    rec.applications["granted"]["research"] = None
    store.save_report({"url": URL}, rec)
    assert store.db.execute("SELECT value FROM cells WHERE \"row\"='granted' AND \"column\"='research'"
                            ).fetchone() == (None,)


def test_archive_keeps_body_without_cookies(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    item = {"url": URL, "status": 200, "body": b"<html>x</html>", "site": "example",
            "headers": {"Set-Cookie": "SESSION=1", "ETag": '"abc"', "Content-Type": "text/html"}}
    assert store.archive_page(item).changed
    assert not store.archive_page(item).changed
    headers = json.loads(store.db.execute("SELECT headers FROM pages").fetchone()[0])
    assert "set-cookie" not in headers and headers["etag"] == '"abc"'
    archived = list(store.iter_archived())
    assert archived[0]["body"] == b"<html>x</html>"
    assert store.page_state(URL).etag == '"abc"'


def test_an_archived_page_is_found_by_its_address_or_the_one_that_redirected_to_it(tmp_path: Path) -> None:
    """How reparse finds a split report's other pages: a part a portal moved (http → https) is found
    under the address the first page's pager names."""
    store = Store(tmp_path / "s.db")
    part = "https://www.example.gov.cn/zwgk/t20230120_9_1.html"
    store.archive_page({"url": part, "status": 200, "body": b"<html>part</html>", "site": "example",
                        "headers": {}, "kind": "article_part"})
    store.remember_redirect(part.replace("https", "http"), part, site="example")
    assert store.archived_page(part)["body"] == b"<html>part</html>"
    assert store.archived_page(part.replace("https", "http"))["url"] == part
    assert store.archived_page(part.replace("_1", "_2")) is None
    assert [i["url"] for i in store.iter_archived()] == []  # a part is never a report of its own


def test_full_text_search_chinese(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    store.save_report({"url": URL}, _record())
    assert store.search("信息公开")[0]["title"].endswith("政府信息公开工作年度报告")
    assert store.search("公开")  # 2 characters: the LIKE fallback
    assert store.search("不存在的词语") == []


def test_failures_and_runs(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    store.record_failure(URL, site="example", kind="http_503", message="Service Unavailable")
    store.record_failure(URL, site="example", kind="timeout", message="timed out")
    [failure] = store.failures("example")
    assert (failure["kind"], failure["attempts"]) == ("timeout", 2)
    store.resolve_failure(URL)
    assert store.failures("example") == []
    run = store.start_run("example", {"full": "1"})
    store.finish_run(run, {"govreports/reports_new": 3, "govreports/errors/timeout": 2}, "finished")
    last = store.last_run("example")
    assert (last["reports_new"], last["errors"], last["finish_reason"]) == (3, 2, "finished")


def test_a_split_report_with_parts_not_read_stays_pending_in_the_archive(tmp_path: Path) -> None:
    """Its first page is fetched again whole by the next run (the archive's 'report_page'), until every
    part is read; then it is a report like any other."""
    store = Store(tmp_path / "s.db")
    store.archive_page({"url": URL, "status": 200, "body": b"<html>x</html>", "site": "example", "headers": {}})
    rec = _record()
    part = URL.replace(".html", "_1.html")
    rec.page = {**rec.page, "parts": [part]}
    store.save_report({"url": URL, "site": "example"}, rec)
    assert store.page_state(URL).kind == "report_page"
    rec.page = {**rec.page, "parts_read": [part]}
    store.save_report({"url": URL, "site": "example"}, rec)
    assert store.page_state(URL).kind == "report"
