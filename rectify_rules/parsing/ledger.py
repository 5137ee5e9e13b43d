"""整改台账 tables: one row per problem, with its measures, owner, deadline and status.

Drafts carry the ledger as a table (序号 / 问题 / 整改措施 / 责任人 / 完成时限 / 整改状态). How a
table becomes text depends on where it came from (see :mod:`rectify_rules.docx` and
:mod:`rectify_rules.html`), and both layouts are read:

- one cell per line (a .docx table: every paragraph of every cell on its own line), the header
  cells as consecutive lines;
- one row per line (a web page's ``<tr>``, a typed table), the cells separated by blanks or tabs.

The header is a run of at least four column names, among them the problem and the status or
the deadline. A row starts at its number (the 序号 cell, or "1." / "（1）" opening the problem
cell when there is no 序号 column) and runs to the next row's number; the last row has as many
cells as the header. In a row, the problem is the cell after the number; the status is the last
cell that holds nothing but a status ("已完成", "已整改到位", "正在整改", "持续整改", "未完成",
"基本完成", "已销号", "长期坚持"); the deadline is the date of a cell that holds a date and at
most a few words around it ("2021年12月底前", "2022年6月30日前完成", "长期").
"""

from __future__ import annotations

import re

from attrs import frozen

from ..model import DateFact, Node, Span, Status
from ..text import SourceText

__all__ = ["Row", "find_rows", "row_nodes"]

_COLUMNS = {
    "number": r"序号|编号",
    "problem": r"(?:存在|反馈|具体|主要)?问题(?:描述|清单|表现)?|问题名称",
    "measures": r"整改(?:措施|举措|目标|要求)|具体措施|措施",
    "owner": r"责任(?:人|领导|单位|部门|科室|主体|处室)|牵头(?:领导|单位|部门)|分管领导",
    "deadline": r"(?:完成|整改)(?:时限|时间|期限)|时限(?:要求)?",
    "status": r"整改(?:状态|情况|进展|进度|结果)|完成情况|进展情况|状态|是否完成|备注",
}
_COLUMN = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _COLUMNS.items()))
_MIN_COLUMNS = 4
#: the longest column name, and the longest header row, in characters
_NAME_MAX = 8
_HEADER_MAX = 60
#: a ledger's header names a deadline or a status column in one of these words
_LIKELY = re.compile(r"完成(?:时限|时间|期限|情况)|整改(?:时限|时间|期限|状态|进展|进度)")
_NUMBER_CELL = re.compile(r"(?P<n>[0-9]{1,3})[.、]?$")
_MARKER_CELL = re.compile(r"(?:(?P<a>[0-9]{1,3})[.、．]|[(（](?P<b>[0-9]{1,3})[)）])\s*\S")
_BLANKS = re.compile(r"\s+")
_STATUS_CELL = re.compile(
    r"(?P<completed>[已己]?(?:经)?(?:全部)?(?:完成(?:整改)?|整改(?:完成|到位|完毕)|办结|销号|整改)"
    r"|[已己](?:整改)?销号|完成)"
    r"|(?P<ongoing>(?:正在|持续)?整改中|正在整改|正在推进|持续(?:整改|推进)|推进中|未完成(?:整改)?"
    r"|尚未完成|基本完成|部分完成|长期坚持|长期整改|阶段性完成|已?基本整改到位)")
#: a deadline cell holds a date and a few words around it
_DEADLINE_WORDS = 8
#: how many lines past the header a table's first row may start
_FIRST_ROW_WITHIN = 2


@frozen
class Row:
    """One row of a ledger: the problem cell, the status and the deadline read from it."""

    span: Span
    problem: Span
    status: Status | None = None
    status_span: Span | None = None
    deadline: DateFact | None = None


@frozen
class _Cell:
    span: Span
    text: str


def _roles(text: str) -> list[str] | None:
    """The column roles of a header line (blank-separated names), or None."""
    names = [t for t in _BLANKS.split(text.strip()) if t]
    roles = [_role(t) for t in names]
    return roles if len(roles) >= _MIN_COLUMNS and all(roles) and _enough(roles) else None


def _role(text: str) -> str | None:
    m = _COLUMN.fullmatch(text.strip())
    return m.lastgroup if m else None


def _enough(roles: list[str]) -> bool:
    return "problem" in roles and ("status" in roles or "deadline" in roles)


def _cells_of_line(norm: str, span: Span) -> list[_Cell]:
    out, pos = [], span.start
    for m in [*_BLANKS.finditer(norm, span.start, span.end), None]:
        end = m.start() if m else span.end
        if end > pos:
            out.append(_Cell(Span(pos, end), norm[pos:end]))
        if m:
            pos = m.end()
    return out


def _header(lines) -> tuple[int, list[str], bool] | None:
    """(index after the header, roles, one cell per line?) of the first ledger header."""
    for i, ln in enumerate(lines):
        text = ln.text
        if len(text) > _HEADER_MAX or "问题" not in text and len(text) > _NAME_MAX:
            continue  # a line of prose: no header row, no column name
        roles = _roles(text) if " " in text else None
        if roles is not None:
            return i + 1, roles, False
        if len(text) > _NAME_MAX:
            continue
        run = []
        for nxt in lines[i:i + len(_COLUMNS) + 2]:
            role = _role(nxt.text)
            if role is None or role in run:
                break
            run.append(role)
        if len(run) >= _MIN_COLUMNS and _enough(run):
            return i + len(run), run, True
    return None


def _row_start(text: str, want: int, numbered: bool) -> bool:
    m = _NUMBER_CELL.match(text) if numbered else _MARKER_CELL.match(text)
    if m is None:
        return False
    n = m.group("n") if numbered else (m.group("a") or m.group("b"))
    return int(n) == want


def find_rows(src: SourceText, dates=None) -> tuple[Row, ...]:
    """The rows of the first ledger table of *src* (empty when there is none)."""
    if not _LIKELY.search(src.norm):
        return ()
    lines = src.content_lines()
    found = _header(lines)
    if found is None:
        return ()
    at, roles, per_line = found
    numbered = roles[0] == "number"
    norm = src.norm
    # the cells after the header, in order, each tagged with the line it starts
    cells: list[tuple[int, _Cell]] = []
    for k, ln in enumerate(lines[at:], at):
        if per_line:
            cells.append((k, _Cell(ln.span, ln.text)))
        else:
            cells.extend((k, c) for c in _cells_of_line(norm, ln.span))
    rows: list[list[_Cell]] = []
    want = 1
    for idx, (k, cell) in enumerate(cells):
        first_cell_of_line = idx == 0 or cells[idx - 1][0] != k or per_line
        # a row holds (nearly) a cell per column before the next may start: a numbered
        # paragraph inside a cell ("1.修订学习制度") starts no row
        full = not rows or len(rows[-1]) >= len(roles) - 1
        if first_cell_of_line and full and _row_start(cell.text, want, numbered):
            if not rows and k - at >= _FIRST_ROW_WITHIN:
                return ()
            rows.append([])
            want += 1
        elif not rows:
            return ()
        elif not per_line and first_cell_of_line:
            break  # a line that starts no row ends a one-row-per-line table
        rows[-1].append(cell)
    if rows and per_line:
        rows[-1] = rows[-1][:len(roles)]
    return tuple(r for cells_ in rows if (r := _row(cells_, roles, numbered, dates)) is not None)


def _row(cells: list[_Cell], roles: list[str], numbered: bool, dates) -> Row | None:
    problem_at = 1 if numbered else 0
    if len(cells) <= problem_at:
        return None
    problem = cells[problem_at]
    span = cells[0].span.cover(cells[-1].span)
    status = status_span = None
    for cell in reversed(cells[problem_at + 1:]):
        m = _STATUS_CELL.fullmatch(cell.text.strip("。 "))
        if m is not None:
            status, status_span = m.lastgroup, cell.span
            break
    deadline = None
    if dates is not None and "deadline" in roles:
        for cell in cells[problem_at + 1:]:
            inside = dates.within(cell.span)
            if len(inside) == 1 and len(cell.text) - len(inside[0].text) <= _DEADLINE_WORDS:
                deadline = inside[0]
    return Row(span=span, problem=problem.span, status=status, status_span=status_span,
               deadline=deadline)


def row_nodes(src: SourceText, rows: tuple[Row, ...]) -> tuple[Node, ...]:
    """The rows as leaf problems (no marker: the number is a cell of the table)."""
    out = []
    for r in rows:
        body = Span(r.problem.end, r.span.end)
        out.append(Node(marker=None, title=src.slice(r.problem), span=r.span,
                        title_span=r.problem, body_span=body, status=r.status,
                        status_span=r.status_span, deadline=r.deadline))
    return tuple(out)
