"""Captured text (like the seeds) → clean text + the facts its chrome lines held.

Only whole chrome lines go (field lines, controls, footers, breadcrumbs, and the site
header lines above a title near the top); the text layout the parser relies on — one
cell per line, ``|``, tabs, NBSP-only blank cells — is left exactly as it was.
"""

from __future__ import annotations

from functools import lru_cache

from govreports.page.chrome import (
    ChromeFacts,
    absorb_fields,
    field_values,
    is_breadcrumb,
    is_control_line,
    is_field_line,
    is_footer_line,
)
from govreports.page.titles import is_title_like, title_over_two_lines

_HEADER_SCAN = 8


@lru_cache(maxsize=4096)
def _line_kind(s: str) -> str | None:
    """``"field"`` (a field line), ``"chrome"`` (a control, breadcrumb or footer line) or ``None``.
    Cached for short lines: captured text repeats them (a running head, a page's footer, every
    blank cell); a long one is a paragraph, which the cache would only hold on to."""
    if is_field_line(s):
        return "field"
    if is_control_line(s) or is_breadcrumb(s) or is_footer_line(s):
        return "chrome"
    return None


def clean_text(text: str) -> tuple[str, ChromeFacts, str | None]:
    """``(clean text, chrome facts, title line if one opens the page)``."""
    facts = ChromeFacts()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    keep: list[str] = []
    for line in lines:
        s = line.strip(" \t\u00a0\u3000")
        kind = (_line_kind(s) if len(s) <= 200 else _line_kind.__wrapped__(s)) if s else None
        if kind is not None:
            if kind == "field":
                absorb_fields(field_values(s), facts)
            facts.removed.append(s)
            continue
        keep.append(line)
    title = _drop_site_header(keep, facts)
    return "\n".join(keep).strip("\n"), facts, title


def _drop_site_header(lines: list[str], facts: ChromeFacts) -> str | None:
    """Lines above a title at the top of the page are the portal's header (石家庄市桥西区人民政府),
    unless the title goes on from one of them (:func:`title_over_two_lines`)."""
    seen = 0
    above: int | None = None  # the last non-blank line before this one
    for i, line in enumerate(lines):
        s = line.strip(" \t\u00a0\u3000")
        if not s:
            continue
        seen += 1
        if seen > _HEADER_SCAN:
            return None
        joined = title_over_two_lines(lines[above], s) if above is not None else None
        if joined is not None or is_title_like(s):
            if joined is not None:  # one title over two lines
                lines[above], lines[i] = "", joined
                s = joined
            for j in range(i):
                t = lines[j].strip(" \t\u00a0\u3000")
                if t and len(t) <= 40 and "。" not in t:
                    facts.removed.append(t)
                    lines[j] = ""
            return s
        if len(s) > 60 or "。" in s:
            return None
        above = i
    return None
