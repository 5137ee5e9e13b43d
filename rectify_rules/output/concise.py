"""``concise``: ``path:line:col: CODE message``, one finding per line (grep- and editor-friendly)."""

from __future__ import annotations

from typing import TextIO

from . import Report, display_name


def format_finding(f) -> str:
    message = " ".join(f.message.splitlines())
    return f"{display_name(f)}:{f.location.row}:{f.location.column}: {f.code} {message}"


def write(report: Report, stream: TextIO, **_: object) -> None:
    for f in report.findings:
        stream.write(format_finding(f) + "\n")
