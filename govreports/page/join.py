"""An article split over pages, read as one: its parts' bodies joined after the first's.

The crawl fetches the other parts a report page names (:mod:`govreports.page.parts`) and
``govreports reparse`` finds them in the archive; both hand the cleaned parts here. A part is
joined only when it reads as a part of an article itself (it has a pager naming other parts): a
missing page answered with the portal's home page or an error page is no part, and is named in
the warning like a part that could not be fetched.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from govreports.page.model import Page
from govreports.page.parts import SPLIT_WARNING, file_stem, number_in
from govreports.urls import canonicalize


def part_key(url: str) -> str:
    """An address as parts are compared: canonical, and without its scheme (a portal that moved to
    https names its parts by either)."""
    return canonicalize(url).split("://", 1)[-1]


@dataclass
class PartPage:
    """One of the other parts of an article: its address, and its page or why there is none."""

    url: str
    page: Page | None = None
    error: str | None = None


def join_parts(first: Page, parts: Sequence[PartPage], own_url: str | None = None) -> Page:
    """``first`` (part 1) with the bodies of ``parts`` after its own, in their order. ``own_url``: the
    first part's address (for a page read without one, a saved file, the name its parts give it).

    The joined page keeps the first's metadata (attachments and metadata fields the others add
    are merged in), its warnings but the one saying the others were not read, and the parts' own
    warnings, each naming its part. Every part that any part's pager names and that is not joined
    is named in a warning: its tables and text are missing. Pure: the pages given are not changed.
    """
    meta = copy.copy(first.metadata)
    own_url = own_url or meta.url
    own = part_key(own_url) if own_url else None
    name = file_stem(own_url)
    named = _ordered([*meta.parts, *(u for p in parts if p.page is not None for u in p.page.metadata.parts)], name)
    joined: list[tuple[str, Page]] = []
    missing: dict[str, str] = {}
    for part in sorted(parts, key=lambda p: _number(p.url, name)):
        page = part.page
        if page is None:
            missing[part.url] = part.error or "not fetched"
        elif not page.metadata.parts:
            missing[part.url] = "its page is no part of this article (it has no pager naming the others)"
        elif own is not None and page.metadata.url and part_key(page.metadata.url) == own:
            missing[part.url] = "the portal answered with the first page instead"
        elif page.body is None and not page.content.strip():
            missing[part.url] = "no report body found on it"
        else:
            joined.append((part.url, page))
    done = {part_key(u) for u, _ in joined} | {part_key(u) for u in missing}
    for url in named:
        if part_key(url) not in done and part_key(url) != own:
            missing[url] = "not fetched"
    meta.parts = [u for u in named if part_key(u) != own]
    meta.parts_read = [u for u, _ in joined]
    meta.attachments = list(meta.attachments)
    meta.doc_meta = dict(meta.doc_meta)
    warnings = [w for w in first.warnings if not w.startswith(SPLIT_WARNING)]
    for k, (url, page) in enumerate(joined, start=2):
        if page.metadata.original_script == "traditional":
            meta.original_script = "traditional"
        seen = {a.url for a in meta.attachments}
        meta.attachments += [a for a in page.metadata.attachments if a.url not in seen]
        for label, value in page.metadata.doc_meta.items():
            meta.doc_meta.setdefault(label, value)
        file = url.rsplit("/", 1)[-1]
        warnings += [_in_part(w, k, file) for w in page.warnings if not w.startswith(SPLIT_WARNING)]
    if missing:
        total = 1 + len(joined) + len(missing)
        shown = "; ".join(f"{u.rsplit('/', 1)[-1]}: {why}" for u, why in missing.items())
        warnings.append(f"page: the report is split over {total} pages and {len(missing)} of them could not be "
                        f"read ({shown}): tables and text on them are missing from this record (page.parts "
                        "names every part, page.parts_read those joined)")
    if not joined:
        return Page(first.content if first.body is None else "", first.content_type, meta, warnings,
                    body=first.body)
    return Page("", "text/html", meta, warnings, body=_joined_body(first, [p for _, p in joined]))


def _joined_body(first: Page, pages: list[Page]) -> etree._Element:
    """A ``<div>`` holding a copy of each page's body in turn (a text part as a ``<pre>`` block,
    which the parser reads as captured text)."""
    div = etree.Element("div")
    for page in (first, *pages):
        if page.body is not None:
            body = copy.deepcopy(page.body)
            body.tail = None
        else:
            body = etree.Element("pre")
            body.text = page.content
        div.append(body)
    return div


def _in_part(warning: str, k: int, name: str) -> str:
    """A part's warning, naming the part (``page: part 2 (t…_1.html): …``)."""
    area, sep, rest = warning.partition(": ")
    if not sep:
        return f"page: part {k} ({name}): {warning}"
    return f"{area}: part {k} ({name}): {rest}"


def _ordered(urls: list[str], name: str | None) -> list[str]:
    """The addresses once each (canonical form compared), in the order of their numbers as parts of
    article ``name`` (the first part's file name) where they have one, else as given."""
    seen: dict[str, str] = {}
    for url in urls:
        seen.setdefault(part_key(url), url)
    return sorted(seen.values(), key=lambda u: _number(u, name))


def _number(url: str, name: str | None) -> tuple[bool, int]:
    """Sorts the parts of article ``name`` by their numbers (any other address after them)."""
    k = number_in(file_stem(url) or "", name) if name else None
    return k is None, k or 0
