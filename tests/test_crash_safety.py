"""SIGKILL at random moments of crawl, reparse and export; pause and resume with JOBDIR.

After every kill the database passes `PRAGMA integrity_check`, holds no report without its cells
and no cells without their report, and the next run completes the work.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govreports.demo.portal import build_portal
from govreports.demo.server import PortalServer
from tests.test_crawl_e2e import ROOT, crawl, rows

SLOW = ["-s", "DOWNLOAD_DELAY=0.05", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
        "-s", "RANDOMIZE_DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING"]


def consistent(db: Path) -> None:
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    tables = {name for (name,) in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return  # killed before the schema's one transaction committed: nothing written, nothing half-made
    assert {"reports", "cells", "checks", "pages"} <= tables  # the schema is created whole or not at all
    assert rows(db, "SELECT count(*) FROM reports r WHERE NOT EXISTS (SELECT 1 FROM cells c "
                    "WHERE c.report_id = r.id) AND r.edition IS NOT NULL") == [(0,)]
    assert rows(db, "SELECT count(*) FROM cells c WHERE NOT EXISTS (SELECT 1 FROM reports r "
                    "WHERE r.id = c.report_id)") == [(0,)]
    assert rows(db, "SELECT count(*) FROM checks c WHERE NOT EXISTS (SELECT 1 FROM reports r "
                    "WHERE r.id = c.report_id)") == [(0,)]


def kill_after(cmd: list[str], seconds: float, env: dict[str, str]) -> None:
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.mark.slow
def test_sigkill_at_22_random_moments(tmp_path: Path) -> None:
    rng = random.Random(20)
    portal = build_portal(13, reports=40)
    db = tmp_path / "kills.db"
    env = dict(os.environ, GOVREPORTS_DB=str(db))
    kills = 0
    with PortalServer(portal) as server:
        crawl_cmd = [sys.executable, "-m", "scrapy", "crawl", "reports", "-a", f"url={server.url}", *SLOW]
        for _ in range(10):
            kill_after(crawl_cmd, rng.uniform(1.0, 4.0), env)
            kills += 1
            if db.exists():
                consistent(db)
        crawl(server.url, db)  # the next run completes the work
    assert rows(db, "SELECT count(*) FROM reports")[0][0] == len(portal.gold)
    consistent(db)

    reparse = [sys.executable, "-m", "govreports.cli", "reparse", "--db", str(db)]
    for _ in range(6):
        rows(db, "SELECT 1")
        con = __import__("sqlite3").connect(db)
        con.execute("UPDATE reports SET content_hash = 'from an older parser'")
        con.commit()
        con.close()
        kill_after(reparse, rng.uniform(0.4, 1.6), env)
        kills += 1
        consistent(db)
    done = subprocess.run(reparse, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "failed 0" in done.stdout
    assert rows(db, "SELECT count(*) FROM reports WHERE content_hash = 'from an older parser'") == [(0,)]

    out = tmp_path / "export"
    export = [sys.executable, "-m", "govreports.cli", "export", "--to", str(out), "--db", str(db)]
    for _ in range(6):
        kill_after(export, rng.uniform(0.3, 1.2), env)
        kills += 1
        consistent(db)
    done = subprocess.run(export, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and f"exported {len(portal.gold)} reports" in done.stdout
    assert len(list((out / "texts").iterdir())) == len(portal.gold)
    assert kills == 22


@pytest.mark.slow
def test_pause_and_resume_with_jobdir(tmp_path: Path) -> None:
    portal = build_portal(17, reports=40)
    db, jobdir = tmp_path / "job.db", tmp_path / "job"
    env = dict(os.environ, GOVREPORTS_DB=str(db))
    with PortalServer(portal) as server:
        cmd = [sys.executable, "-m", "scrapy", "crawl", "reports", "-a", f"url={server.url}", "-s",
               f"JOBDIR={jobdir}", *SLOW]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline:
            time.sleep(0.3)
            try:
                if db.exists() and rows(db, "SELECT count(*) FROM reports")[0][0] >= 8:
                    break
            except sqlite3.OperationalError:  # the crawl is still creating the database
                continue
        proc.send_signal(signal.SIGINT)  # Ctrl-C once: Scrapy stops gracefully, keeping its queue
        assert proc.wait(timeout=60) == 0
        paused = rows(db, "SELECT count(*) FROM reports")[0][0]
        assert 8 <= paused < len(portal.gold)
        first = {h.path for h in server.log}
        mark = len(server.log)
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        second = [h.path for h in server.log[mark:] if h.path != "/robots.txt"]
    assert rows(db, "SELECT count(*) FROM reports")[0][0] == len(portal.gold)
    assert not set(second) & {p for p in first if p in portal.gold}  # resumed, not restarted
    consistent(db)
