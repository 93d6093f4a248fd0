"""``govreports parse FILE…``: clean and parse saved pages or captured text, print the records."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

from govreports.template.national import TEMPLATE_TABLES

HELP = "parse saved report pages (.html/.htm) or captured text into SCHEMA.md records"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="report pages or text files ('-' = stdin)")
    parser.add_argument("--format", choices=("json", "table"), default="json",
                        help="json: the record (JSON Lines for several files); table: a readable view")
    parser.add_argument("--url", help="the page's URL (helps metadata such as TRS dates)")


def content_type_for(path: str) -> str:
    return "text/html" if path.lower().endswith((".html", ".htm", ".shtml", ".xhtml")) else "text/plain"


def parse_saved(data: bytes, name: str, url: str | None = None):
    """A saved page or text → its record. A saved page that is the first of a report split over pages
    is joined with the other parts saved beside it under their own file names (``t…_1.html`` …), as
    the crawl joins them; a part not saved there is named in the record's warning."""
    from govreports.page.clean import clean_item
    from govreports.parser import parse_page, parse_report

    ctype = content_type_for(name)
    record = parse_report(data, content_type=ctype, url=url)
    parts = record.page.get("parts") or []
    if name == "-" or ctype != "text/html" or not parts:
        return record
    folder = Path(name).parent

    def file_of(part_url: str) -> Path:  # (the part's own file name, beside the page)
        return folder / part_url.split("?", 1)[0].rsplit("/", 1)[-1]

    def saved(part_url: str) -> dict[str, Any]:
        try:
            return {"url": part_url, "body": file_of(part_url).read_bytes(), "headers": {}}
        except OSError:
            return {"url": part_url, "error": f"not saved beside the page ({file_of(part_url).name})"}

    if not any(file_of(p).is_file() for p in parts):
        return record  # none saved: the page read alone, its warning names the parts
    return parse_page(clean_item({"url": url, "body": data, "headers": {}}, saved))


def run(args: argparse.Namespace) -> int:
    status = 0
    for name in args.files:
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            print(f"govreports parse: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
            status = 1
            continue
        record = parse_saved(data, name, args.url).to_dict()
        if args.format == "table":
            print(format_table(record, name))
        else:
            print(json.dumps(record, ensure_ascii=False, indent=None if len(args.files) > 1 else 1))
    return status


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(s))
    return gap + s if right else s + gap


def _fmt(v: Any) -> str:
    if v is None:
        return "·"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def format_table(rec: dict[str, Any], name: str = "") -> str:
    """The three tables laid out like the report; failed checks (✗) and warnings listed below."""
    out = [f"== {name}", f"{rec.get('title') or '(no title)'}",
           f"agency: {rec.get('agency')}  year: {rec.get('year')}  edition: {rec.get('edition')}  "
           f"published: {rec.get('published_at')}  source: {rec.get('source')}  "
           f"script: {rec.get('original_script')}"]
    edition = rec.get("edition")
    failed = [c for c in rec.get("checks", []) if c.get("ok") is False]
    bad_rows = {c.get("row") for c in failed if "row" in c}
    if edition:
        for code, table in TEMPLATE_TABLES.items():
            rows = table.rows_for(edition)
            data = rec.get(code) or {}
            label_w = max(_width(r.label[:26]) for r in rows) + 2
            out.append("")
            out.append(f"-- {code}")
            col_sets: list[tuple[str, ...]] = []
            widths: list[int] = []
            groups = {g.code: g.label for g in table.groups}
            group: str | None = None
            for row in rows:
                if row.group != group and row.group in groups:  # (三)不予公开 above its rows 1.–8.
                    out.append(groups[row.group])
                group = row.group
                cols = tuple(c.label for c in row.columns)
                if not col_sets or col_sets[-1] != cols:  # a header row wherever the columns change
                    col_sets.append(cols)
                    widths = [max(12, _width(c) + 2) for c in cols]  # whole labels: 本年制发件数, 社会公益组织
                    out.append(_pad("", label_w) + "".join(_pad(c, w, True) for c, w in zip(cols, widths, strict=True)))
                cells = data.get(row.code) or {}
                mark = " ✗" if row.code in bad_rows else ""
                label = ("  " + row.label if row.group in groups else row.label)[:26]
                out.append(_pad(label, label_w)
                           + "".join(_pad(_fmt(cells.get(c.code)), w, True)
                                     for c, w in zip(row.columns, widths, strict=True)) + mark)
    if failed:
        out.append("")
        out.append("failed checks:")
        for c in failed:
            scope = c.get("row") or c.get("column") or c.get("group")
            out.append(f"  ✗ {c['rule']} [{scope}]: expected {_fmt(c['expected'])}, stated {_fmt(c['actual'])}")
    if rec.get("warnings"):
        out.append("")
        out.append("warnings:")
        out.extend(f"  ! {w}" for w in rec["warnings"])
    return "\n".join(out)
