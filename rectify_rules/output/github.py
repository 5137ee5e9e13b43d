"""``github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message``; info findings
become ``notice``. Escaping follows the runner's rules: in the message ``%``, CR and LF; in
property values also ``:`` and ``,``.
"""

from __future__ import annotations

from . import LineWriter, display_name

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_finding(f) -> str:
    props = [
        ("file", display_name(f)),
        ("line", str(f.location.row)),
        ("col", str(f.location.column)),
        ("endLine", str(f.end_location.row)),
        ("endColumn", str(f.end_location.column)),
        ("title", f"{f.code} {f.name}"),
    ]
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{LEVELS.get(f.severity, 'notice')} {head}::{escape_data(f.message)}"


class Writer(LineWriter):
    format_line = format_finding
