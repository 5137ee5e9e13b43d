"""``rich``: the terminal format — location, message, the source line with ``^^^`` under the span.

Notice paragraphs are often one very long line, so the source line is cut to a window around
the span that fits the console. Widths are measured in terminal cells (``rich.cells.cell_len``:
CJK and full-width characters take 2 cells) and tabs are expanded to 4-cell stops, so the carets
sit exactly under the characters of the span.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..findings import Finding, Location
from . import display_name
from .words import LEVELS, readable_values, statistics_rows, summary_line

TAB = 4
ELLIPSIS = "…"
STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}
LABELS = LEVELS
#: related places shown under a finding; the rest are counted in one line (JSON and SARIF
#: keep them all)
MAX_RELATED = 3


def _cells(line: str) -> list[tuple[str, int]]:
    """(display text, cells) per code point of *line*; tabs expand to the next 4-cell stop."""
    out: list[tuple[str, int]] = []
    pos = 0
    for ch in line:
        if ch == "\t":
            n = TAB - pos % TAB
            out.append((" " * n, n))
        elif ch < " " or ch == "\x7f":
            out.append((" ", 1))
        else:
            n = cell_len(ch)
            out.append((ch, n))
        pos += out[-1][1]
    return out


def snippet(line: str, start_col: int, end_col: int, width: int) -> tuple[str, int, int]:
    """Cut *line* to at most *width* cells around columns [start_col, end_col) (1-based).

    Returns (text to show, cells before the span, cells of the span). The span is at least
    one cell wide (an empty span or one at the line end gets a single caret).
    """
    cells = _cells(line)
    n = len(cells)
    s = min(max(start_col - 1, 0), n)
    e = min(max(end_col - 1, s), n)
    width = max(width, 8)
    first, last = 0, n
    total = sum(c for _, c in cells)
    if total > width:
        # keep about a third of the window before the span
        budget = width // 3
        first = s
        used = 0
        while first > 0 and used + cells[first - 1][1] <= budget:
            first -= 1
            used += cells[first][1]
        avail = width - (1 if first > 0 else 0) - 1  # room for the ellipses
        last, used = first, 0
        while last < n and used + cells[last][1] <= avail:
            used += cells[last][1]
            last += 1
    prefix = ELLIPSIS if first > 0 else ""
    suffix = ELLIPSIS if last < n else ""
    shown = prefix + "".join(t for t, _ in cells[first:last]) + suffix
    lead = cell_len(prefix) + sum(c for _, c in cells[first:s])
    span_end = min(e, last)
    span_cells = sum(c for _, c in cells[s:span_end]) if s < last else 0
    return shown, lead, max(span_cells, 1)


def _span_cols(loc: Location, end: Location, line: str) -> tuple[int, int]:
    end_col = end.column if end.row == loc.row else len(line) + 1
    return loc.column, end_col


def _source_block(console: Console, gutter: int, row: int, line: str | None,
                  start: Location, end: Location, mark: str, style: str, label: str) -> None:
    bar = Text(" " * gutter + " │", style="blue")
    if line is None:
        return
    width = console.width - gutter - 3
    a, b = _span_cols(start, end, line)
    shown, lead, span = snippet(line, a, b, width)
    head = Text(f"{row:>{gutter}} │ ", style="blue")
    head.append(shown)
    console.print(head, no_wrap=True, overflow="ignore", crop=False)
    under = bar.copy()
    under.append(" " + " " * lead)
    under.append(mark * span, style=style)
    if label:
        under.append(" " + label, style=style)
    console.print(under, no_wrap=True, overflow="ignore", crop=False)


def print_finding(console: Console, f: Finding, lines: dict[int, str], title: str = "",
                  verbose: bool = False) -> None:
    """One finding; *title* names the rule (its Chinese summary; the code's name if empty);
    the values the rule saw only when *verbose*."""
    style = STYLES.get(f.severity, "bold")
    head = Text()
    head.append(f"{display_name(f)}:{f.location.row}:{f.location.column}:", style="bold")
    head.append(" ")
    head.append(f.code, style=style)
    head.append(f" [{LABELS.get(f.severity, f.severity)}]", style=style)
    head.append(f" {title or f.name}", style="dim")
    console.print(head, soft_wrap=True)
    console.print(Text("  " + f.message), soft_wrap=True)
    related = f.related[:MAX_RELATED]
    rows = [f.location.row] + [r.location.row for r in related]
    gutter = len(str(max(rows)))
    console.print(Text(" " * gutter + " │", style="blue"))
    _source_block(console, gutter, f.location.row, lines.get(f.location.row),
                  f.location, f.end_location, "^", style, f.code)
    for r in related:
        _source_block(console, gutter, r.location.row, lines.get(r.location.row),
                      r.location, r.end_location, "-", "cyan", r.message)
    if len(f.related) > len(related):
        more = Text(" " * gutter + " │ ", style="blue")
        more.append(f"…另有{len(f.related) - len(related)}处", style="cyan")
        console.print(more, soft_wrap=True)
    seen = readable_values(f.values, f.code) if verbose else ()
    if seen:
        shown = "；".join(f"{label}：{text}" for label, text in seen)
        console.print(Text(" " * gutter + f" = 规则看到的值：{shown}", style="dim"),
                      soft_wrap=True)
    if f.fix is not None:
        safe = "" if f.fix.safe else "（需人工确认）"
        console.print(Text(" " * gutter + f" = 建议改为：{f.fix.replacement}{safe}",
                           style="green"), soft_wrap=True)
    if f.reference:
        console.print(Text(" " * gutter + f" = 依据：{f.reference}", style="dim"),
                      soft_wrap=True)
    console.print()


def by_level(counts: Counter) -> Counter:
    """Findings per level from *counts*, which maps (code, title, severity) to a number."""
    levels: Counter = Counter()
    for (_, _, sev), n in counts.items():
        levels[sev] += n
    return levels


def summary(counts: Counter, files: int) -> Text:
    """The closing line; *counts* maps (code, title, severity) to a number of findings."""
    levels = by_level(counts)
    return Text(summary_line(levels, files),
                style="bold" if sum(levels.values()) else "bold green")


def statistics_table(counts: Counter):
    from rich.table import Table

    table = Table(title="按规则统计", show_edge=False)
    table.add_column("数量", justify="right")
    table.add_column("代码")
    table.add_column("规则")
    table.add_column("级别")
    for n, code, title, level in statistics_rows(counts):
        sev = next((k for k, v in LABELS.items() if v == level), "")
        table.add_row(n, code, title, Text(level, style=STYLES.get(sev, "")))
    return table


def titles(rules: Any) -> dict[str, str]:
    """code → the rule's Chinese summary, from the writer's RuleInfo list."""
    return {r.code: r.summary for r in rules or () if getattr(r, "summary", "")}


class Writer:
    def __init__(self, stream: TextIO, *, console: Console | None = None,
                 statistics: bool = False, rules: Any = (), verbose: bool = False,
                 **_: object) -> None:
        self.console = console or Console(file=stream, highlight=False, emoji=False,
                                          markup=False)
        self.statistics = statistics
        self.verbose = verbose
        self.titles = titles(rules)
        self.counts: Counter = Counter()

    def file(self, findings, lines, name: str | None = None) -> None:
        for f in findings:
            title = self.titles.get(f.code, f.name)
            print_finding(self.console, f, dict(lines), title, self.verbose)
            self.counts[(f.code, title, f.severity)] += 1

    def close(self, files: int) -> None:
        if self.statistics and self.counts:
            self.console.print(statistics_table(self.counts))
        if files or self.counts:  # nothing read (every file failed): no "未发现问题"
            self.console.print(summary(self.counts, files))
