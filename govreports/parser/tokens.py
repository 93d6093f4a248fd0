"""Content → a flat stream of tokens (labels, numbers, blank cells), whatever the layout.

Every layout a portal produces reduces to *lines of fields*: an HTML table row is a line
whose fields are its cells; a captured-text line is split on tabs or ``|`` (Markdown too),
or into a label followed by space-separated numbers (PDF text extraction); a line holding
only spaces/NBSP is an explicit blank cell (seeds 000, 003). The parser then reads rows as
"labels followed by a run of values", so it needs no geometry it cannot trust.

Blank fields are *hard* (a real empty cell: between two numbers, or a whitespace-only
line) or *soft* (at a line's edge or beside a label: often a colspan filler).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from govreports.parser.normalize import is_blank, looks_numeric, parse_number

LABEL, NUM, BLANK, SOFT = "label", "num", "blank", "soft"


@dataclass(slots=True)
class Token:
    """One field of a line. Never mutated once made (blank tokens of one line are shared)."""

    kind: str
    text: str
    value: int | float | None = None
    placeholder: bool = False
    line: int = 0  # index of the line it came from (for section text)


_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NUM_PIECE = r"[+\-−－]?[0-9０-９][0-9０-９,，.．]*"
_TRAILING_NUMS = re.compile(
    rf"^(?P<label>.*?\S)(?P<nums>(?:[ \t\u00a0\u3000]+{_NUM_PIECE})+)[ \u00a0\u3000]*$"
)
_ONLY_NUMS = re.compile(rf"^[ \u00a0\u3000]*{_NUM_PIECE}(?:[ \u00a0\u3000]+{_NUM_PIECE})+[ \u00a0\u3000]*$")
_WS_RUN = re.compile(r"[ \u00a0\u3000]+")
_GAP = re.compile(r"[ \u00a0\u3000]{2,}")  # a column gap in PDF text, not a space inside a label


def split_text_line(line: str) -> list[str] | None:
    """One captured-text line → its fields; ``None`` for an empty (separator) line."""
    if "\t" in line:
        return line.split("\t")
    if "|" in line:
        if _MD_SEPARATOR.match(line):
            return None
        return line.split("|")
    if not line:
        return None
    if any(ch.isdigit() for ch in line[-3:]) and len(line) < 400:
        if _ONLY_NUMS.match(line):
            return _WS_RUN.split(line.strip(" \u00a0\u3000"))
        m = _TRAILING_NUMS.match(line)
        if m and not looks_numeric(m.group("label").strip()):
            labels = _GAP.split(m.group("label").strip(" \u00a0\u3000"))
            return [*labels, *_WS_RUN.split(m.group("nums").strip(" \u00a0\u3000\t"))]
    return [line]


def text_lines(text: str) -> list[list[str]]:
    lines: list[list[str]] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        fields = split_text_line(raw)
        if fields is not None:
            lines.append(fields)
    return lines


def tokenize(lines: list[list[str]], *, real_cells: bool = False) -> list[Token]:
    """Lines of fields → tokens, classifying blanks as hard or soft.

    ``real_cells``: the fields are real table cells (HTML ``<td>``), so every empty one is a
    blank cell. In delimited text an empty field beside a label or at a line's edge is soft.
    """
    out: list[Token] = []
    append = out.append
    for li, fields in enumerate(lines):
        if len(fields) == 1 or real_cells:  # every blank field is a real blank cell
            for f in fields:
                kind, text, value, placeholder = _read_field(f)
                append(Token(kind, text, value, placeholder, li))
            continue
        toks = [None if is_blank(f) else _classify(f, li) for f in fields]
        next_num = _nearest_is_num(reversed(toks))[::-1]
        prev_num = False
        blank = soft = None  # one of each per line, shared: a line of 10^6 empty fields stays cheap
        for t, after in zip(toks, next_num, strict=True):
            if t is not None:
                append(t)
                prev_num = t.kind == NUM
            elif prev_num and after:
                blank = blank or Token(BLANK, "", line=li)
                append(blank)
            else:
                soft = soft or Token(SOFT, "", line=li)
                append(soft)
    return out


def _nearest_is_num(toks: Iterable[Token | None]) -> list[bool]:
    """For each position, whether the nearest earlier non-blank token is a number (linear time)."""
    seen, flags = False, []
    for t in toks:
        flags.append(seen)
        if t is not None:
            seen = t.kind == NUM
    return flags


def _classify(field: str, li: int) -> Token:
    kind, text, value, placeholder = _read_field(field)
    return Token(kind, text, value, placeholder, li)


@lru_cache(maxsize=16384)
def _read_field(field: str) -> tuple[str, str, int | float | None, bool]:
    if is_blank(field):
        return BLANK, "", None, False
    text = field.strip(" \t\u00a0\u3000\u2002\u2003")
    if looks_numeric(text):
        value, placeholder = parse_number(text)
        if value is not None:
            return NUM, text, value, placeholder
    return LABEL, text, None, False
