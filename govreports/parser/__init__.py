"""Content → the SCHEMA.md record: every table cell, the checks, the sections and the metadata.

``parse_page`` reads a :class:`~govreports.page.Page` (the page step's output);
``parse_report`` takes raw content (a saved page or captured text) and runs the page step
first. Both are pure and deterministic, and never raise on bad input: what could not be
read is reported in ``warnings``.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

from govreports.page.model import Page, PageMetadata
from govreports.page.titles import SPACE_RUN, title_in_sentence
from govreports.parser.checks import application_checks, review_checks
from govreports.parser.html_lines import html_lines
from govreports.parser.infer import describe, infer_applications
from govreports.parser.layout import find_sections, runs, table_regions
from govreports.parser.metadata import (
    agency_from_title,
    find_title,
    is_title_like,
    signature_agency,
    year_from,
)
from govreports.parser.reviews import read_reviews
from govreports.parser.tables import TableRead, empty_table, read_rows
from govreports.parser.tokens import LABEL, NUM, SOFT_FIELD, Token, line_numbers, text_lines, tokenize
from govreports.record import Record
from govreports.template.national import (
    ACTIVE_DISCLOSURE,
    APPLICATIONS,
    EDITION_MARKERS,
    REVIEWS_LITIGATION,
    TEXT_SECTIONS,
)

__all__ = ["parse_page", "parse_report", "detect_edition"]

MAX_INPUT_CHARS = 5_000_000
#: The first year whose reports follow the national template (国办公开办函〔2019〕60号).
FIRST_TEMPLATE_YEAR = 2019


def parse_report(content: str | bytes, *, content_type: str = "text/html", url: str | None = None,
                 headers: Mapping[str, str] | None = None) -> Record:
    """Clean a page (or captured text) and parse it into a record."""
    from govreports.page import clean_page  # the page step; imported late to keep layers one-way

    try:
        page = clean_page(content, content_type=content_type, url=url, headers=headers)
    except Exception as exc:  # cleaning must never lose the report: fall back to the raw content
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
        page = Page(text, content_type, PageMetadata(url=url),
                    [f"page: cleaning failed ({type(exc).__name__}: {exc}); parsed the raw content"])
    return parse_page(page)


def parse_page(page: Page) -> Record:
    """Parse a cleaned page into the record (tables, checks, sections, metadata, warnings)."""
    try:
        return _parse(page)
    except RecursionError:
        rec = Record(warnings=[*page.warnings, "parser: the page is nested too deeply to read"])
        _apply_metadata(rec, page.metadata, [], page.content[:200000])
        return rec


def _lines(page: Page) -> list[list[str]]:
    html = "html" in (page.content_type or "").lower()
    if html and page.body is not None:
        return html_lines(page.body)
    content = page.content or ""
    if len(content) > MAX_INPUT_CHARS:
        content = content[:MAX_INPUT_CHARS]
    return html_lines(content) if html else text_lines(content)


def detect_edition(tokens: list[Token]) -> tuple[str | None, int]:
    """The template edition whose marker labels the tables carry, and how many markers were seen."""
    flat = "".join([t.normed for t in tokens if t.is_label])  # (labels of at most MAX_LABEL characters)
    scores = {ed: sum([m in flat for m in markers]) for ed, markers in EDITION_MARKERS.items()}
    best = max(scores, key=lambda e: scores[e])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return None, scores[best]
    return best, scores[best]


def _parse(page: Page) -> Record:
    lines = _lines(page)
    tokens = tokenize(lines, real_cells="html" in (page.content_type or "").lower())
    warnings: list[str] = list(page.warnings)
    if page.body is None and len(page.content or "") > MAX_INPUT_CHARS:
        warnings.append(f"parser: the content runs to {len(page.content):,} characters; tables and sections were "
                        f"sought in the first {MAX_INPUT_CHARS:,} (the record's text holds all of it)")
    sections = find_sections(tokens)
    regions = table_regions(tokens, sections)
    text = _full_text(page, lines)

    rec = Record(original_script=page.metadata.original_script or "simplified", text=text)
    _apply_metadata(rec, page.metadata, tokens, text)
    warnings.extend(rec.warnings)
    if rec.year is None:
        warnings.append("metadata: reporting year not found")

    edition, markers = detect_edition(tokens)
    app_runs = runs(tokens[slice(*regions["applications"])]) if "applications" in regions else []
    if edition is None and app_runs:
        probe = read_rows(APPLICATIONS, "2021", app_runs)
        if len(probe.seen) >= 3:
            edition = "2021" if (rec.year or 0) >= 2021 else "2019"
            warnings.append(f"edition: no edition-specific labels found; {edition} assumed from the year")
    if edition is None:
        warnings.append(_no_tables_warning(rec, page, sections))
    else:
        rec.edition = edition
        _read_tables(rec, tokens, regions, app_runs, edition, warnings)

    rec.sections = _sections(tokens, line_numbers(lines), sections)
    rec.warnings = warnings
    return rec


_TABLE_SECTIONS = ("active_disclosure", "applications", "reviews_litigation")
_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I)


def _no_tables_warning(rec: Record, page: Page, sections: dict[str, int]) -> str:
    """Why no table was read: outside the template, or the template with its tables as images."""
    if not (page.content or "").strip():
        return "edition: the page holds no report text (see the page warnings); no table read, edition unknown"
    present = [code for code in _TABLE_SECTIONS if code in sections]
    before_template = rec.year is not None and rec.year < FIRST_TEMPLATE_YEAR
    images = []
    if "html" in (page.content_type or "").lower():
        for src in _IMG_SRC.findall((page.content or "")[:MAX_INPUT_CHARS]):
            if not src.lower().startswith("data:") and src not in images:
                images.append(urljoin(page.metadata.url or "", htmllib.unescape(src)))
            if len(images) >= 50:
                break
    if images and (present or before_template):
        rec.page["images"] = images
    if before_template:  # the 2019 template's headings are the old one's too (主动公开政府信息情况 …)
        return (f"edition: no template tables found — a report of {rec.year}, before the national template of "
                f"{FIRST_TEMPLATE_YEAR}, does not follow it; narrative kept, no table read"
                + (f" (its tables are images: {len(images)})" if images else ""))
    if present and images:
        return (f"edition: the national template's table sections are here ({', '.join(present)}) but the "
                f"tables are images ({len(images)}: {images[0]}{' …' if len(images) > 1 else ''}); "
                "no cell can be read, edition unknown; narrative kept")
    if len(present) >= 2:
        return (f"edition: the national template's table sections are here ({', '.join(present)}) but hold no "
                "table the parser can read; no cell read, edition unknown; narrative kept")
    return ("edition: no template tables found — the report does not follow the national template "
            "(reports before 2019 and some 2019 reports do not); narrative kept, no table read")


def _read_tables(rec: Record, tokens: list[Token], regions: dict[str, tuple[int, int]],
                 app_runs: list, edition: str, warnings: list[str]) -> None:
    ad = read_rows(ACTIVE_DISCLOSURE, edition, runs(tokens[slice(*regions["active_disclosure"])]))
    ap = read_rows(APPLICATIONS, edition, app_runs) if app_runs else TableRead(
        empty_table(APPLICATIONS, edition))
    rv = read_reviews(runs(tokens[slice(*regions["reviews_litigation"])])) \
        if "reviews_litigation" in regions else TableRead(empty_table(REVIEWS_LITIGATION, edition))

    for code, read, table in (("active_disclosure", ad, ACTIVE_DISCLOSURE),
                              ("applications", ap, APPLICATIONS),
                              ("reviews_litigation", rv, REVIEWS_LITIGATION)):
        warnings.extend(read.warnings)
        rows = [r.code for r in table.rows_for(edition)]
        if not read.seen and not read.partial:
            warnings.append(f"{code}: the table is on the page with every cell blank ({len(read.blank)} rows); its cells are null"
                            if read.blank else f"{code}: table not found on the page; its cells are null")
            continue
        if code == "applications":
            warnings.extend(infer_applications(read.cells, read.partial, edition))
        elif code == "reviews_litigation" and "*" in read.partial:
            warnings.append(f"reviews_litigation: {describe(read.partial['*'])}; the table is left blank (null)")
        else:
            for row, part in read.partial.items():
                warnings.append(f"{code}.{row}: {describe(part)}; the row is left blank (null), not guessed")
        missing = [r for r in rows if r not in read.seen and r not in read.partial and r not in read.blank]
        if missing and code != "reviews_litigation":
            warnings.append(f"{code}: rows not found on the page: {', '.join(missing)} (null)")
        for row, count in read.placeholders.items():
            warnings.append(f"{code}.{row}: {count} cell(s) written as a dash or 无, read as 0")
        for row, texts in read.notes.items():
            warnings.append(f"{code}.{row}: {len(texts)} cell(s) written as a number with a note "
                            f"({', '.join(texts[:3])}{' …' if len(texts) > 3 else ''}): the number read, the note not")

    rec.active_disclosure = ad.cells
    rec.applications = ap.cells
    rec.reviews_litigation = rv.cells
    rec.checks = application_checks(ap.cells, edition) + review_checks(rv.cells)


def _apply_metadata(rec: Record, meta: PageMetadata, tokens: list[Token], text: str) -> None:
    content_title = find_title(tokens) if tokens else None
    title = meta.title if meta.title and is_title_like(meta.title) else None
    if title and content_title and agency_from_title(content_title) and not agency_from_title(title):
        title = content_title
    rec.title = _squash(title or content_title or meta.title)
    if rec.title is None and (named := title_in_sentence(text[:3000])):
        rec.title = _squash(named)
        rec.warnings.append("metadata: no title line; the title is the one the opening sentence names")
    rec.published_at = meta.published_at
    rec.source = meta.source
    rec.agency = (agency_from_title(rec.title) or meta.agency
                  or (signature_agency(tokens) if tokens else None) or meta.source)
    year, how = year_from(rec.title, text, meta.published_at)
    if meta.year and year is None:
        year, how = meta.year, None
    rec.year = year
    if how:
        rec.warnings.append(f"metadata: {how}")
    rec.page = {k: v for k, v in {
        "url": meta.url, "site_name": meta.site_name, "column_name": meta.column_name,
        "region": meta.region, "attachments": [a.__dict__ if hasattr(a, "__dict__") else a
                                               for a in meta.attachments],
        "doc_meta": dict(meta.doc_meta), "parts": list(meta.parts),
        "parts_read": list(meta.parts_read),
    }.items() if v}


def _squash(title: str | None) -> str | None:
    """A title without its spaces, and without the book-title marks around all of it
    (``《某区2022年…年度报告》`` is the report's name quoted)."""
    if not title:
        return None
    title = SPACE_RUN.sub("", title)
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1 and title.count("》") == 1:
        title = title[1:-1]
    return title or None


def _full_text(page: Page, lines: list[list[str]]) -> str:
    if "html" in (page.content_type or "").lower():
        text = "\n".join(map("\t".join, lines))  # html_lines' fields are already trimmed
        return text.replace(SOFT_FIELD, "") if SOFT_FIELD in text else text
    return (page.content or "").strip()


def _sections(tokens: list[Token], line_of: list[int], found: dict[str, int]) -> dict[str, Any]:
    marks = sorted(found.values())
    out: dict[str, Any] = {code: None for code in TEXT_SECTIONS}
    for code in TEXT_SECTIONS:
        if code not in found:
            continue
        start = found[code] + 1
        end = next((m for m in marks if m > found[code]), len(tokens))
        out[code] = _join(tokens[start:end], line_of[start:end]) or None
    return out


def _join(tokens: list[Token], line_of: list[int]) -> str:
    lines: list[str] = []
    current = -1
    for t, line in zip(tokens, line_of, strict=True):
        if t.kind not in (LABEL, NUM) or not t.text.strip():
            continue
        if line != current:
            lines.append(t.text.strip())
            current = line
        else:
            lines[-1] += "\t" + t.text.strip()
    return "\n".join(lines).strip()
