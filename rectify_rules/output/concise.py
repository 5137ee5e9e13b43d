"""``concise``: ``path:line:col: CODE message``, one finding per line (grep- and editor-friendly)."""

from __future__ import annotations

from typing import TextIO

from . import display_name


def format_finding(f) -> str:
    message = " ".join(f.message.splitlines())
    return f"{display_name(f)}:{f.location.row}:{f.location.column}: {f.code} {message}"


class Writer:
    def __init__(self, stream: TextIO, **_: object) -> None:
        self.stream = stream

    def file(self, findings, lines) -> None:
        self.stream.writelines(format_finding(f) + "\n" for f in findings)

    def close(self, files: int) -> None:
        pass
