"""`govreports reparse`, `sites` and `demo` as a user runs them."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest

from govreports.cli import main
from govreports.parser import parse_report
from govreports.store import Store
from govreports.synth.pages import encode_page, wrap_page
from govreports.synth.render import render_html
from govreports.synth.report import generate_report


def _archive(db: Path, n: int = 3) -> Store:
    store = Store(db)
    for i in range(n):
        report = generate_report(i, edition="2021")
        body = encode_page(wrap_page(render_html(report, "wps", i), style="trs", title=report.gold["title"]))
        item = {"url": f"http://www.example.gov.cn/zwgk/zfxxgknb/202301/t20230110_{i}.html", "status": 200,
                "headers": {"content-type": "text/html; charset=utf-8"}, "body": body, "site": "example"}
        store.archive_page(item)
        store.save_report(item, parse_report(body, content_type="text/html", url=item["url"],
                                             headers=item["headers"]))
    return store


def test_reparse_rebuilds_from_the_archive_without_requests(tmp_path: Path, capsys) -> None:
    db = tmp_path / "r.db"
    store = _archive(db)
    assert main(["reparse", "--db", str(db)]) == 0
    assert "new 0, updated 0, unchanged 3" in capsys.readouterr().out
    # an older parser's output: the stored numbers differ from what the archive says
    store.db.execute("UPDATE cells SET value = -1 WHERE \"row\" = 'total'")
    store.db.execute("UPDATE reports SET content_hash = 'old parser'")
    store.db.conn.commit()
    assert main(["reparse", "--db", str(db)]) == 0
    assert "updated 3" in capsys.readouterr().out
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM cells WHERE value = -1").fetchone() == (0,)


def test_sites_lists_and_checks(tmp_path: Path, capsys) -> None:
    assert main(["sites", "--check"]) == 0
    assert "sites" in capsys.readouterr().out
    assert main(["sites"]) == 0
    listing = capsys.readouterr().out
    assert "bj-mentougou" in listing and "110109" in listing
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,base_url\nok-site,某区,http://a.gov.cn/\nBad Id,某县,ftp://x\n", encoding="utf-8")
    assert main(["sites", "--check", "--file", str(bad)]) == 1
    assert f"{bad}:3 (id Bad Id): field id" in capsys.readouterr().err


@pytest.mark.slow
def test_demo_crawls_the_sample_portal_and_a_second_run_re_crawls_it(tmp_path: Path, capsys) -> None:
    """The portal comes back on the same address, so the second run is a re-crawl of the same site:
    nothing new, the known reports not fetched again, no site added beside the first."""
    db = tmp_path / "demo.db"
    with socket.socket() as probe:  # a free port, as the default one may be taken on this machine
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["demo", "--db", str(db), "--port", str(port)]) == 0
    out = capsys.readouterr().out
    assert f"at http://127.0.0.1:{port}/" in out
    assert "24 new" in out and "4 non-reports dropped" in out
    assert main(["demo", "--db", str(db), "--port", str(port)]) == 0
    out = capsys.readouterr().out
    assert "last crawl: 0 new, 0 updated, 0 unchanged, 2" in out and "known and fresh" in out
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM reports").fetchone() == (24,)
    assert con.execute("SELECT DISTINCT site FROM crawl_runs").fetchall() == [(f"127-0-0-1-{port}",)]
