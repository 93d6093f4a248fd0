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
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from os.path import commonprefix

from govreports.page.model import INVISIBLE, drop_invisible
from govreports.page.titles import is_title_like, squash
from govreports.parser.normalize import PLACEHOLDERS, is_blank, looks_numeric, norm, parse_number

LABEL, NUM, BLANK, SOFT = "label", "num", "blank", "soft"
#: The longest label that may name a template row, column or edition marker.
MAX_LABEL = 80


@dataclass(slots=True, frozen=True)
class Token:
    """One field of a line. Never mutated: equal fields share one token (see :func:`token_of`)."""

    kind: str
    text: str
    value: int | float | None = None
    placeholder: bool = False
    #: A number with a note beside it in brackets (``517（含转办2件）``): the number is the cell's value.
    note: bool = False
    #: ``kind == LABEL``, ``kind == NUM``: a slot is read faster than a string compared, on every pass
    #: over a page's tokens.
    is_label: bool = field(init=False, repr=False, compare=False)
    is_num: bool = field(init=False, repr=False, compare=False)
    #: ``placeholder or note``: a cell the record's warnings name.
    flagged: bool = field(init=False, repr=False, compare=False)
    #: A label's :func:`norm` form when it is short enough to be a template label (else ""): computed
    #: once per distinct label (tokens are cached), where the edition's markers are sought page after page.
    normed: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_label", self.kind == LABEL)
        object.__setattr__(self, "is_num", self.kind == NUM)
        object.__setattr__(self, "flagged", self.placeholder or self.note)
        object.__setattr__(self, "normed", norm(self.text) if self.kind == LABEL and len(self.text) <= MAX_LABEL
                           else "")


#: An explicit blank cell, and a blank field that is only a filler (a colspan, a line's edge).
BLANK_TOKEN, SOFT_TOKEN = Token(BLANK, ""), Token(SOFT, "")


#: The rules a captured table draws between its columns: ``|`` (Markdown, seed 001), the full-width
#: ``｜`` typed in Chinese text, and the box-drawing bars of tables dumped as text (w3m, Word's text
#: export): ``│ ┃ ║``.
COLUMN_RULES = "|｜│┃║"
_COLUMN_RULE = re.compile(f"[{COLUMN_RULES}]")
_BOX_LINES = "─━═┄┅┈┉╌╍"
_BOX_JOINS = "┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫┍┎┑┒┕┖┙┚┝┞┟┠┡┢┥┦┧┨┩┪┭┮┯┰┱┲┵┶┷┸┹┺┽┾┿╀╁╂╃╄╅╆╇╈╉╊"
_BOX = _BOX_LINES + _BOX_JOINS
#: A line that only draws borders: Markdown's ``|---|:--:|``, ASCII ``+----+----+``, org-mode
#: ``|----+----|``, box drawing ``┌──┬──┐`` ``├──┼──┤`` ``═════``, Pandoc's ``-------- ------`` and
#: ``+====+====+``. Not a cell's dash: a dash or two alone (``-``, ``--``, ``──``, ``——``) is a
#: placeholder cell, so dashes need a corner, a bar or a ``+`` beside them, or to run three long in
#: box drawing or four in ASCII, to be a rule. (Told by sets and substrings, in linear time: a
#: pattern over such a line backtracked quadratically on a long run of dashes.)
_RULE_CHARS = frozenset(f"{COLUMN_RULES}+:=-{_BOX} \t\u00a0\u3000")
_BOX_JOIN_SET = frozenset(_BOX_JOINS)
_BARS = frozenset(f"{COLUMN_RULES}+")
#: How a border line can start (it is told at once when its first character is none of them).
_RULE_START = _RULE_CHARS - frozenset(" \t\u00a0\u3000")


def _is_rule_line(line: str) -> bool:
    chars = set(line)
    if not chars <= _RULE_CHARS:
        return False
    if not chars.isdisjoint(_BOX_JOIN_SET) or "----" in line or "====" in line \
            or any(c * 3 in line for c in _BOX_LINES if c in chars):
        return True
    return not chars.isdisjoint(_BARS) and ("--" in line or "==" in line)


_NUM_PIECE = r"[+\-−－]?[0-9０-９][0-9０-９,，.．]*"
#: A cell of a row written as text that means "none" (a dash, a slash, 无), between its numbers.
PLACEHOLDER_END = "-—–－─/／无"
_CELL_PIECE = rf"(?:{_NUM_PIECE}|[-—–－─/／]{{1,2}}|无)"
_TRAILING_NUMS = re.compile(
    rf"^(?P<label>.*?\S)(?P<nums>(?:[ \t\u00a0\u3000]+{_CELL_PIECE})+)[ \u00a0\u3000]*$"
)
_ONLY_NUMS = re.compile(rf"^[ \u00a0\u3000]*{_CELL_PIECE}(?:[ \u00a0\u3000]+{_CELL_PIECE})+[ \u00a0\u3000]*$")
_DIGIT = re.compile(r"[0-9０-９]")
_WS_RUN = re.compile(r"[ \u00a0\u3000]+")
_GAP = re.compile(r"[ \u00a0\u3000]{2,}")  # a column gap in PDF text, not a space inside a label
_DASHES = "-—–－─―‒‐"
_PAGE_END = frozenset(_DASHES + "页0123456789０１２３４５６７８９")
#: A page's number printed at its foot or head, kept by PDF text extraction between a table's lines:
#: ``— 3 —``, ``-3-``, ``第3页 共9页``, ``共9页 第3页``, ``3 / 9``, ``Page 3 of 9``. A bare ``3`` stays a
#: number (it may be a cell).
_PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASHES}]+\s*\d{{1,4}}\s*[{_DASHES}]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，/／]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?)$"
)


def split_text_line(line: str) -> list[str] | None:
    """One captured-text line → its fields; ``None`` for a separator line.

    A line of nothing but ASCII spaces and tabs is a separator: text taken from a page's source
    keeps its indentation on the empty lines. A blank cell is written with NBSP or U+3000, which
    such text keeps (``&nbsp;`` in the cell) and indentation never holds. A page number
    (:data:`_PAGE_NUMBER`) is a separator too: in one-cell-per-line text it would split a row.
    """
    stripped = line.strip(" \t\r\f\v\u00a0\u3000")
    if not stripped:
        return None if not line.strip(" \t\r\f\v") else [line]
    if stripped[-1] in _PAGE_END and _PAGE_NUMBER.match(stripped):
        return None
    if "\t" in line and ("\t" in stripped or not _COLUMN_RULE.search(stripped)):
        return line.split("\t")  # (a tab only indenting a line of | cells is no column)
    if stripped[0] in _RULE_START and _is_rule_line(stripped):
        return None
    if _COLUMN_RULE.search(line):
        return _COLUMN_RULE.split(line)
    if any(ch.isdigit() for ch in stripped[-3:]) or stripped[-1] in PLACEHOLDER_END:
        # (trailing spaces: empty cells at a row's end; a dash last: a row's last cell is "none")
        return label_and_numbers(line) or [line]
    return [line]


def label_and_numbers(line: str) -> list[str] | None:
    """A line that is a table row written as text (PDF extraction, a table pasted as paragraphs):
    a label, then numbers separated by spaces → its fields; ``None`` for any other line. Cells
    meaning "none" (``—``, ``/``, ``无``) may stand among the numbers or for them (``规章 0 — 3``,
    ``行政强制 —``), but a line of them with no label is no row."""
    if len(line) >= 400:
        return None
    if _ONLY_NUMS.match(line):
        return _WS_RUN.split(line.strip(" \u00a0\u3000")) if _DIGIT.search(line) else None
    m = _TRAILING_NUMS.match(line)
    if m and not _numeric_label(m.group("label").strip()):
        labels = _GAP.split(m.group("label").strip(" \u00a0\u3000"))
        return [*labels, *_WS_RUN.split(m.group("nums").strip(" \u00a0\u3000\t"))]
    return None


def _numeric_label(label: str) -> bool:
    """A "label" before a line's numbers that is a number itself (or a dash, 无): the line is not a
    row. A unit alone (``件``: the last piece of a wrapped 行政规范性文件) is a label."""
    return looks_numeric(label) and (any(ch.isdigit() for ch in label) or label in PLACEHOLDERS)


def text_lines(text: str) -> list[list[str]]:
    """Captured text → lines of fields. A report title seen again is a running head (PDF text keeps
    each page's header): dropped like a page number, since between one-cell-per-line rows it would
    split a row; its first line stays (the title)."""
    lines: list[list[str]] = []
    titles: set[str] = set()
    text = drop_invisible(text)
    raws = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if indent := common_indent(raws):
        raws = [raw[len(indent):] for raw in raws]
    for raw in raws:
        fields = split_text_line(raw)
        if fields is None:
            continue
        if len(fields) == 1 and ("报告" in raw or "年报" in raw):
            key = squash(raw)
            if key in titles:
                continue
            if is_title_like(raw):
                titles.add(key)
        lines.append(fields)
    for i, fields in enumerate(lines):  # a table with a 序号 column: read from its header on without it
        if fields[0] in SERIAL_HEADERS and len(fields) > 1:
            lines[i:] = without_serial_column(lines[i:])
            break
    return lines


def common_indent(raws: list[str]) -> str:
    """The indentation every line of a text starts with (spaces, tabs, U+3000; never NBSP, the mark
    of a blank cell), empty lines aside: text copied with every line indented (``　　``, a quote's
    spaces), where its separating lines would otherwise read as blank cells. Text whose first line
    starts at the margin (nearly all) is told at once."""
    indent: str | None = None
    for raw in raws:
        if not raw:
            continue
        own = raw[:len(raw) - len(raw.lstrip(" \t\u3000"))]
        indent = own if indent is None else commonprefix((indent, own))
        if not indent:
            return ""
    return indent or ""


def tokenize(lines: list[list[str]], *, real_cells: bool = False) -> list[Token]:
    """Lines of fields → tokens, one per field, classifying blanks as hard or soft.

    ``real_cells``: the fields are real table cells (HTML ``<td>``), so every empty one is a
    blank cell. In delimited text an empty field beside a label or at a line's edge is soft.
    """
    if real_cells:  # every blank field is a real blank cell, but those a row has before its label
        out = list(map(token_of, chain.from_iterable(lines)))
        _soften_leading_blanks(lines, out)
        return out
    out: list[Token] = []
    for fields in lines:
        out.extend(_text_line_tokens(fields))
    return out


def _text_line_tokens(fields: list[str]) -> list[Token]:
    """One line of delimited text: a blank field between two numbers is a blank cell, one beside
    a label or at the line's edge a filler (a line of one field is blank only if it is a blank cell)."""
    if len(fields) == 1:
        return [token_of(fields[0])]
    toks = [None if is_blank(f) else token_of(f) for f in fields]
    next_num = _nearest_is_num(reversed(toks))[::-1]
    out: list[Token] = []
    prev_num = False
    for t, after in zip(toks, next_num, strict=True):
        if t is not None:
            out.append(t)
            prev_num = t.kind == NUM
        else:
            out.append(BLANK_TOKEN if prev_num and after else SOFT_TOKEN)
    return out


#: A field that is a filler (a soft blank), in lines read from captured text inside an HTML page,
#: whose fields are otherwise all real cells (a noncharacter: never in a page's text).
SOFT_FIELD = "\ufdd6"


def captured_lines(text: str) -> list[list[str]]:
    """Captured text (a ``<pre>`` block of a page) → lines of fields as :func:`text_lines` reads
    them, with the fillers among its blank fields written as :data:`SOFT_FIELD`, so that
    ``tokenize(real_cells=True)`` reads them as the captured-text rules do."""
    lines = text_lines(text)
    for k, fields in enumerate(lines):
        if len(fields) > 1:
            lines[k] = [SOFT_FIELD if t is SOFT_TOKEN else f
                        for f, t in zip(fields, _text_line_tokens(fields), strict=True)]
    return lines


def _soften_leading_blanks(lines: list[list[str]], tokens: list[Token]) -> None:
    """Empty cells a table row has before its label are a rowspan or colspan written out as
    cells (editors that do not merge cells): fillers, not the previous row's last cells."""
    start = 0
    for fields in lines:
        end = start + len(fields)
        if end - start > 1 and tokens[start] is BLANK_TOKEN:
            k = start + 1
            while k < end and tokens[k] is BLANK_TOKEN:
                k += 1
            if k < end and tokens[k].is_label:
                tokens[start:k] = [SOFT_TOKEN] * (k - start)
        start = end


def line_numbers(lines: list[list[str]]) -> list[int]:
    """The line each of :func:`tokenize`'s tokens came from (it makes one token per field)."""
    return [li for li, fields in enumerate(lines) for _ in fields]


def _nearest_is_num(toks: Iterable[Token | None]) -> list[bool]:
    """For each position, whether the nearest earlier non-blank token is a number (linear time)."""
    seen, flags = False, []
    for t in toks:
        flags.append(seen)
        if t is not None:
            seen = t.kind == NUM
    return flags


@lru_cache(maxsize=16384)
def token_of(field: str) -> Token:
    """The token a field reads as: a blank cell, a number (placeholders such as — and 无 read as
    0 and marked) or a label. Cached: the same field text makes the same token. Characters without
    a glyph (:data:`INVISIBLE`, control characters among them) are not part of a cell's number (a
    label's are folded by ``norm``; a paragraph is not searched for them)."""
    if len(field) <= 64 and (not field.isascii() or not field.isprintable()) and INVISIBLE.search(field):
        field = INVISIBLE.sub("", field)
    if is_blank(field):
        return BLANK_TOKEN
    if field == SOFT_FIELD:
        return SOFT_TOKEN
    text = field.strip(" \t\u00a0\u3000\u2002\u2003")
    if looks_numeric(text):
        value, placeholder = parse_number(text)
        if value is not None:
            return Token(NUM, text, value, placeholder)
    elif text[-1:] in (")", "）") and (m := _NOTED.match(text)):
        value, placeholder = parse_number(m.group(1))
        if value is not None and not placeholder:
            return Token(NUM, text, value, note=True)
    return Token(LABEL, text)


#: A number and a note in brackets after it (``517（含转办2件）``, ``3(注1)``), the whole of a cell.
_NOTED = re.compile(rf"^({_NUM_PIECE})[ \u00a0\u3000]*[（(]([^（）()]{{1,40}})[）)]$")


#: The header of a column of row numbers an agency put before the template's labels (序号, 编号).
SERIAL_HEADERS = frozenset(("序号", "编号", "序 号", "编 号"))


def without_serial_column(rows: list[list[str]]) -> list[list[str]]:
    """A table (or captured text, from its header on) whose first column is the rows' serial numbers
    (a 序号 column the template does not have), without it: its header and each row's number go (a
    number there would be read as the previous row's last cell, or as the row's first). Only rows
    whose first row (of the first three) opens with such a header are touched, and only a one- or
    two-digit number that is the next serial or stands before a label (a row of numbers alone, the
    reviews table's, has its serial too)."""
    if not any(row and row[0] in SERIAL_HEADERS for row in rows[:3]):
        return rows
    out, serial = [], 1
    for row in rows:
        if row and row[0] in SERIAL_HEADERS:
            row = row[1:]
        elif len(row) > 1 and len(row[0]) <= 2 and row[0].isdigit() \
                and (row[0] == str(serial) or not looks_numeric(row[1])):
            serial = int(row[0]) + 1
            row = row[1:]
        out.append(row)
    return out
