"""Where things are in the token stream: section headings, table regions, label/value runs."""

from __future__ import annotations

import re
from functools import lru_cache

from govreports.parser.normalize import norm, norm_label
from govreports.parser.tokens import LABEL, NUM, Token
from govreports.template.national import APPLICATIONS, SECTIONS

_HEADING_PREFIX = re.compile(r"^(?:第([一二三四五六七八九十])部分|([一二三四五六七八九十])[、.:])")
_SECTION_RES = {s.code: [re.compile(p) for p in s.patterns] for s in SECTIONS}
_SECTION_EXACT = {norm_label(s.label): s.code for s in SECTIONS}
_SECTION_ORDER = [s.code for s in SECTIONS]
_NUMERAL = {s.code: s.numeral for s in SECTIONS}
_MAX_HEADING = 34
#: How a numbered heading starts (一、 第一部分 (一)): a line that ends with a full stop is a heading only
#: if it starts so, or is as short as a section's bare name (总体情况。).
_HEADING_START = frozenset("一二三四五六七八九十第(（")


@lru_cache(maxsize=8192)
def heading_of(text: str) -> str | None:
    """The section a heading token opens (``二、主动公开政府信息情况`` → ``active_disclosure``)."""
    if len(text) > 3 * _MAX_HEADING:
        return None
    if "。" in text:  # a sentence (this spares the costly NFKC of a new one), or a heading's full stop
        text = text.rstrip("。 \u3000")
        if "。" in text or not (text[:1] in _HEADING_START or len(text) <= 12):
            return None
    n = norm(text)
    if len(n) > _MAX_HEADING or "。" in n:  # (NFKC makes one of the half-width ｡)
        return None
    m = _HEADING_PREFIX.match(n)
    if not m:
        return _SECTION_EXACT.get(norm_label(n))
    bare = norm_label(n[m.end():])  # (第一部分 is no row numbering: norm_label would keep it)
    numeral = m.group(1) or m.group(2)
    for code in _SECTION_ORDER:
        if any(r.search(bare) for r in _SECTION_RES[code]):
            if _NUMERAL[code] == numeral or code in ("reviews_litigation", "problems", "other"):
                return code
    return None


def find_sections(tokens: list[Token]) -> dict[str, int]:
    """Index of the heading token of each section found, keeping template order."""
    found: dict[str, int] = {}
    last_rank = -1
    for i, t in enumerate(tokens):
        if not t.is_label:
            continue
        code = heading_of(t.text)
        if code is None or code in found:
            continue
        rank = _SECTION_ORDER.index(code)
        if rank <= last_rank:
            continue
        found[code] = i
        last_rank = rank
    return found


_NEW_RECEIVED = re.compile("|".join(f"(?:{p})" for p in APPLICATIONS.rows[0].patterns))


@lru_cache(maxsize=8192)
def _opens_applications(text: str) -> bool:
    """A label that opens the applications table when its heading is missing (its first row, or
    the applicant header). Cached: a page of no headings asks it of every label."""
    return norm(text) == "申请人情况" or _NEW_RECEIVED.search(norm_label(text)) is not None


def table_regions(tokens: list[Token], sections: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Token ranges of the three tables: by headings, else by the tables' own landmarks."""
    n = len(tokens)
    p_start = sections.get("applications")
    if p_start is None:
        p_start = next((i for i, t in enumerate(tokens) if t.is_label and _opens_applications(t.text)), None)
    r_start = sections.get("reviews_litigation")
    if r_start is None:
        after = p_start or 0
        r_start = next(
            (i for i in range(after, n) if tokens[i].kind == LABEL and norm(tokens[i].text) == "行政复议"),
            None,
        )
    end = next((sections[c] for c in ("problems", "other") if c in sections), n)
    a_start = sections.get("active_disclosure", sections.get("overview", 0))
    regions: dict[str, tuple[int, int]] = {}
    stops = [x for x in (p_start, r_start, end) if x is not None]
    regions["active_disclosure"] = (a_start, min(stops) if stops else n)
    if p_start is not None:
        regions["applications"] = (p_start, r_start if r_start is not None and r_start > p_start else end)
    if r_start is not None:
        regions["reviews_litigation"] = (r_start, end if end > r_start else n)
    return regions


class Run:
    """Consecutive labels followed by the values after them (``numbers``: how many are numbers)."""

    __slots__ = ("labels", "values", "numbers")

    def __init__(self, labels: list[Token], values: list[Token], numbers: int | None = None) -> None:
        self.labels = labels
        self.values = values
        self.numbers = sum(1 for v in values if v.kind == NUM) if numbers is None else numbers


def runs(tokens: list[Token]) -> list[Run]:
    """The tokens as runs: each stretch of labels with the stretch of values after it (a page's
    first values may have no labels before them, its last labels no values after them)."""
    out: list[Run] = []
    labels: list[Token] = []
    values: list[Token] = []
    numbers = 0
    for t in tokens:
        if t.is_label:
            if values:
                out.append(Run(labels, values, numbers))
                labels, values, numbers = [], [], 0
            labels.append(t)
        else:
            values.append(t)
            numbers += t.is_num
    if labels or values:
        out.append(Run(labels, values, numbers))
    return out
