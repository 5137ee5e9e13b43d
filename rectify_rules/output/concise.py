"""``concise``: ``path:line:col: CODE message``, one finding per line (grep- and editor-friendly)."""

from __future__ import annotations

from . import LineWriter, display_name


def format_finding(f) -> str:
    message = " ".join(f.message.splitlines())
    return f"{display_name(f)}:{f.location.row}:{f.location.column}: {f.code} {message}"


class Writer(LineWriter):
    format_line = format_finding
