"""Output formats for findings: one module per format, each with ``write(report, stream)``.

A :class:`Report` is what every format receives: the findings of every checked file (in output
order), the source lines the findings point at (for formats that show them), and the rules that
ran (for SARIF's rule table). Formats never read files themselves.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from attrs import field, frozen

from ..findings import Finding

FORMATS = ("rich", "concise", "json", "jsonl", "sarif", "github")

_MODULES = {
    "rich": "rich_fmt",
    "concise": "concise",
    "json": "json_fmt",
    "jsonl": "json_fmt",
    "sarif": "sarif",
    "github": "github",
}


@frozen
class RuleInfo:
    """What an output format may say about a rule (taken from the engine's Rule)."""

    code: str
    name: str
    severity: str
    summary: str = ""
    what: str = ""
    why: str = ""
    use_instead: str = ""
    reference: str = ""


@frozen
class Report:
    findings: tuple[Finding, ...]
    #: filename → {1-based row → text of that line}; only the rows findings refer to
    lines: Mapping[str, Mapping[int, str]] = field(factory=dict, hash=False)
    rules: tuple[RuleInfo, ...] = ()
    statistics: bool = False
    #: number of files checked (for the summary line)
    files: int = 0


def rule_info(rule: Any) -> RuleInfo:
    """A :class:`RuleInfo` from an engine Rule (or anything with the same attributes)."""
    doc = getattr(rule, "doc", None) or {}
    return RuleInfo(code=rule.code, name=rule.name, severity=rule.severity,
                    summary=getattr(rule, "summary", "") or "",
                    what=doc.get("what", "") or "", why=doc.get("why", "") or "",
                    use_instead=doc.get("use_instead", "") or "",
                    reference=doc.get("reference", "") or "")


def write(fmt: str, report: Report, stream: TextIO, **kwargs: Any) -> None:
    """Write *report* to *stream* in format *fmt* (one of :data:`FORMATS`)."""
    if fmt not in _MODULES:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f".{_MODULES[fmt]}", __name__)
    if fmt == "jsonl":
        module.write_jsonl(report, stream)
    else:
        module.write(report, stream, **kwargs)


def display_name(finding: Finding) -> str:
    return finding.filename or "<stdin>"


def sorted_findings(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)
