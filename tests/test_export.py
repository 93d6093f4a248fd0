"""Exports round-trip, validate, are documented by the codebook, and filter exactly; stats; Datasette."""

from __future__ import annotations

import asyncio
import csv
import json
import math
from pathlib import Path

import pytest

from govreports.cli import main
from govreports.export.corpus import Filters, export, parse_years
from govreports.export.datasette import SHIPPED, metadata
from govreports.export.stats import corpus_stats
from govreports.parser import parse_report
from govreports.store import Store
from govreports.synth.render import render_html
from govreports.synth.report import generate_report

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SITES = [("bj-mentougou", "110109"), ("cz-nanqiao", "341103"), ("nt-tongzhou", "320612")]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "govreports.db"  # Datasette names the database after the file
    store = Store(path)
    for i in range(9):
        site, region = SITES[i % 3]
        edition = "2019" if i < 3 else "2021"
        report = generate_report(i, edition=edition, year=2019 + i % 6 if edition == "2019" else 2021 + i % 4)
        rec = parse_report(render_html(report, "wps", i), content_type="text/html")
        if i == 8:  # an inconsistent table, as agencies do publish
            rec.applications["granted"]["total"] += 5
            from govreports.parser.checks import application_checks
            rec.checks = [c for c in rec.checks if c["rule"].startswith("reviews")] + \
                application_checks(rec.applications, "2021")
        store.save_report({"url": f"http://{site}.gov.cn/nb/t{i}.html", "site": site, "region": region}, rec)
    seed = parse_report((SEEDS / "003_0e7b839799d88c56.txt").read_bytes(), content_type="text/plain")
    store.save_report({"url": "http://nanqiao.gov.cn/nb/seed003.html", "site": "cz-nanqiao", "region": "341103"},
                      seed)
    store.close()
    return path


def _csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def test_csv_round_trips_numbers_and_blanks(db: Path, tmp_path: Path) -> None:
    result = export(Store(db), tmp_path, formats=("csv", "jsonl"))
    assert result.reports == 10
    store = Store(db)
    rows = {r["report_id"]: r for r in _csv(tmp_path / "reports.csv")}
    for rid, table, row, col, value in store.db.execute('SELECT report_id, "table", "row", "column", value FROM cells'):
        cell = rows[rid][f"{table}.{row}.{col}"]
        if value is None:
            assert cell == ""  # blank stays blank, never 0
        else:
            assert math.isclose(float(cell), value)
    seed = next(r for r in rows.values() if r["url"].endswith("seed003.html"))
    assert seed["applications.granted.total"] == "" and seed["active_disclosure.normative_documents.total_published"] == "1"
    assert seed["applications.other_handling.no_correction.total"] == ""  # 2021-only cell of a 2019 report
    tidy = _csv(tmp_path / "cells.csv")
    assert len(tidy) == store.db["cells"].count == result.cells
    assert sum(1 for r in tidy if r["value"] == "") == store.db.execute(
        "SELECT count(*) FROM cells WHERE value IS NULL").fetchone()[0] > 0
    assert tidy[0]["label_zh"].startswith("二、主动公开政府信息情况 / ")
    lines = (tmp_path / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 10 and json.loads(lines[0])["schema_version"] == 1
    texts = sorted(p.name for p in (tmp_path / "texts").iterdir())
    assert texts == sorted(f"{rid}.txt" for rid in rows)  # named by id only


def test_codebook_covers_every_exported_column(db: Path, tmp_path: Path) -> None:
    export(Store(db), tmp_path, formats=("csv",))
    book = _csv(tmp_path / "codebook.csv")
    documented = {(r["file"], r["code"]) for r in book}
    for file in ("reports.csv", "cells.csv"):
        header = (tmp_path / file).read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert {(file, h) for h in header} <= documented
    new = next(r for r in book if r["code"] == "applications.new_received.total")
    assert new["label_zh"] == "三、收到和处理政府信息公开申请情况 / 一、本年新收政府信息公开申请数量 / 总计"
    assert new["editions"] == "2019 2021" and new["type"] == "integer"
    fee = next(r for r in book if r["code"] == "active_disclosure.fees.amount")
    assert fee["type"] == "number" and "万元" in fee["unit"]
    assert "applications.granted.total" in (tmp_path / "codebook.md").read_text(encoding="utf-8")


def test_datapackage_validates(db: Path, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    export(Store(db), tmp_path, formats=("csv", "jsonl"))
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_parquet_matches_csv(db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    export(Store(db), tmp_path, formats=("csv", "parquet"))
    table = pq.read_table(tmp_path / "reports.parquet").to_pylist()
    rows = {r["report_id"]: r for r in _csv(tmp_path / "reports.csv")}
    for r in table:
        want = rows[r["report_id"]]["applications.total.total"]
        assert (r["applications.total.total"] is None) == (want == "")


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(sites=["bj-mentougou"]), {"bj-mentougou"}),
    (Filters(regions=["34"]), {"cz-nanqiao"}),
])
def test_filters_by_site_and_region(db: Path, tmp_path: Path, filters: Filters, expected: set[str]) -> None:
    export(Store(db), tmp_path, formats=("csv",), filters=filters)
    rows = _csv(tmp_path / "reports.csv")
    assert rows and {r["site"] for r in rows} == expected
    store = Store(db)
    where, params = filters.where()
    assert len(rows) == store.db.execute(f"SELECT count(*) FROM reports{where}", params).fetchone()[0]


def test_filters_year_edition_consistent(db: Path, tmp_path: Path) -> None:
    store = Store(db)
    export(store, tmp_path, formats=("csv",), filters=Filters(years=parse_years("2022-2023")))
    years = {int(r["year"]) for r in _csv(tmp_path / "reports.csv")}
    assert years and years <= {2022, 2023}
    export(store, tmp_path, formats=("csv",), filters=Filters(editions=["2019"]))
    assert {r["edition"] for r in _csv(tmp_path / "reports.csv")} == {"2019"}
    export(store, tmp_path, formats=("csv",), filters=Filters(only_consistent=True))
    rows = _csv(tmp_path / "reports.csv")
    assert all(r["failed_checks"] == "0" for r in rows) and len(rows) == 8  # not the altered one, not seed 003
    with pytest.raises(ValueError):
        parse_years("2024-2019")


def test_injection_in_filters_is_data(db: Path, tmp_path: Path) -> None:
    result = export(Store(db), tmp_path, formats=("csv",), filters=Filters(sites=["x' OR '1'='1"]))
    assert result.reports == 0


def test_export_and_stats_commands(db: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", "--to", str(tmp_path), "--db", str(db), "--site", "cz-nanqiao", "--year",
                 "2019-2024"]) == 0
    assert "exported 4 reports" in capsys.readouterr().out
    assert main(["export", "--to", str(tmp_path), "--db", str(db), "--edition", "2020"]) == 2
    assert "--edition must be" in capsys.readouterr().err
    assert main(["stats", "--by", "site", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "cz-nanqiao" in out and "total" in out
    by_edition = {r["edition"]: r for r in corpus_stats(Store(db), "edition")}
    assert by_edition["2021"]["with_failed_checks"] == 1 and by_edition["2019"]["reports"] == 4
    assert by_edition["2019"]["blank_cells"] > 0  # seed 003's short rows


def test_shipped_datasette_metadata_is_current() -> None:
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == metadata()


def test_datasette_canned_queries(db: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app")

    async def fetch(path: str):
        ds = datasette_app.Datasette([str(db)], metadata=metadata())
        return (await ds.client.get(path)).json()

    rows = asyncio.run(fetch("/govreports/reports_per_site_and_year.json?_shape=array"))
    store = Store(db)
    expected = store.db.execute("SELECT site, year, count(*) FROM reports GROUP BY site, year").fetchall()
    assert [(r["site"], r["year"], r["reports"]) for r in rows] == [tuple(e) for e in expected]
    failed = asyncio.run(fetch("/govreports/reports_with_failed_checks.json?_shape=array"))
    assert failed and {r["rule"] for r in failed} >= {"applications.row_sum"}
    found = asyncio.run(fetch("/govreports/search_report_text.json?_shape=array&q=信息公开"))
    assert len(found) == 10


def test_stats_count_the_split_reports_with_parts_not_read(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    for i, read in enumerate(([], ["http://x.gov.cn/a/t1_1.html"])):
        rec = parse_report(render_html(generate_report(i, edition="2021", year=2022), "wps", i), content_type="text/html")
        rec.page = {**rec.page, "parts": ["http://x.gov.cn/a/t1_1.html"], "parts_read": read}
        store.save_report({"url": f"http://x.gov.cn/a/t{i}.html", "site": "x"}, rec)
    (row,) = corpus_stats(store, "site")
    assert (row["reports"], row["parts_missing"]) == (2, 1)
