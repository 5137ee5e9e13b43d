"""``concise``: ``path:line:col: CODE message``, one finding per line (grep- and editor-friendly),
then the summary line (and the per-rule table with ``--statistics``)."""

from __future__ import annotations

from collections import Counter

from . import LineWriter, display_name
from .words import statistics_text, summary_line


def format_finding(f) -> str:
    message = " ".join(f.message.splitlines())
    return f"{display_name(f)}:{f.location.row}:{f.location.column}: {f.code} {message}"


class Writer(LineWriter):
    format_line = format_finding

    def __init__(self, stream, *, statistics: bool = False, rules=(), **_: object) -> None:
        super().__init__(stream)
        self.statistics = statistics
        self.titles = {r.code: r.summary or r.name for r in rules}
        self.counts: Counter = Counter()

    def write_rendered(self, items, name: str | None = None) -> None:
        super().write_rendered(items, name)
        for code, rule_name, severity, _ in items:
            self.counts[(code, self.titles.get(code, rule_name), severity)] += 1

    def close(self, files: int) -> None:
        if self.statistics:
            self.stream.write(statistics_text(self.counts))
        if not files and not self.counts:
            return  # nothing was read (every file failed): no "未发现问题"
        levels: Counter = Counter()
        for (_, _, sev), n in self.counts.items():
            levels[sev] += n
        self.stream.write(summary_line(levels, files) + "\n")
