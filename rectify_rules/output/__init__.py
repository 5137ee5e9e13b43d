"""Output formats for findings: one module per format, each with a ``Writer``.

A writer is opened once for a run (:func:`open_writer`), receives the findings of one file at a
time with the source lines they point at and the file's name (``writer.file``; the ``html``
format needs every line of the file), and is closed with the number of
files checked (``writer.close``, which writes summaries and whatever a format must hold to the
end). So a batch of thousands of files is written as it is checked, and memory does not grow
with the batch (SARIF too: its results are streamed, the rules written after them).

:func:`write` does the same for a whole :class:`Report` at once (the library's entry point).
Formats never read files themselves.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, TextIO

from attrs import field, frozen

from ..findings import Finding

FORMATS = ("rich", "concise", "json", "jsonl", "sarif", "github", "html")

_MODULES = {
    "rich": "rich_fmt",
    "concise": "concise",
    "json": "json_fmt",
    "jsonl": "json_fmt",
    "sarif": "sarif",
    "github": "github",
    "html": "html_fmt",
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


class Writer(Protocol):
    def file(self, findings: Sequence[Finding], lines: Mapping[int, str],
             name: str | None = None) -> None: ...

    def close(self, files: int) -> None: ...


#: a finding as a writer that renders findings one by one writes it: (code, name, severity,
#: text); see :func:`renderer`
Rendered = tuple[str, str, str, str]


class LineWriter:
    """A writer of one line per finding (``format_line(finding) -> str``), nothing at the end."""

    format_line: Any = None

    def __init__(self, stream: TextIO, **_: object) -> None:
        self.stream = stream

    @classmethod
    def renderer(cls, **_: object) -> Any:
        return cls.format_line

    def file(self, findings: Sequence[Finding], lines: Mapping[int, str],
             name: str | None = None) -> None:
        line = type(self).format_line
        self.write_rendered([(f.code, f.name, f.severity, line(f)) for f in findings], name)

    def write_rendered(self, items: Sequence[Rendered], name: str | None = None) -> None:
        if items:  # a file's lines in one write
            self.stream.write("\n".join([text for _, _, _, text in items]) + "\n")

    def close(self, files: int) -> None:
        pass


def open_writer(fmt: str, stream: TextIO, *, rules: Sequence[RuleInfo] = (),
                statistics: bool = False, **kwargs: Any) -> Writer:
    """A writer of format *fmt* (one of :data:`FORMATS`) on *stream*."""
    if fmt not in _MODULES:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f".{_MODULES[fmt]}", __name__)
    cls = module.JsonlWriter if fmt == "jsonl" else module.Writer
    return cls(stream, rules=tuple(rules), statistics=statistics, **kwargs)


def renderer(fmt: str, *, rules: Sequence[RuleInfo] = (), **kwargs: Any) -> Any:
    """``finding -> text``: what a writer of *fmt* (opened with the same *rules* and options)
    writes for one finding, for the formats where that text does not depend on the findings
    before it (concise, github, json, jsonl, sarif); None for the others (rich, html lay out
    a whole file). A batch renders in its worker processes with it, and hands the writer
    :data:`Rendered` tuples (``writer.write_rendered``) instead of findings: the parent
    process then only writes text. ``writer.file`` goes through the same two steps."""
    if fmt not in _MODULES:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f".{_MODULES[fmt]}", __name__)
    cls = module.JsonlWriter if fmt == "jsonl" else module.Writer
    make = getattr(cls, "renderer", None)
    return None if make is None else make(rules=tuple(rules), **kwargs)


def found_renderer(fmt: str, **kwargs: Any) -> Any:
    """``(found, src, filename) -> [Rendered]``: what :func:`renderer` gives for each finding
    the engine found (``engine.evaluate.found_parsed``, none holding personal data), rendered
    straight from those tuples without building the findings; None for the formats that have
    no such form (all but json and jsonl)."""
    if fmt not in _MODULES:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f".{_MODULES[fmt]}", __name__)
    cls = module.JsonlWriter if fmt == "jsonl" else module.Writer
    make = getattr(cls, "found_renderer", None)
    return None if make is None else make(**kwargs)


def shows_lines(fmt: str) -> bool:
    """Whether a writer of *fmt* shows the source lines ``writer.file`` is given (rich, html);
    the formats that render findings one by one (:func:`renderer`) never read them."""
    if fmt not in _MODULES:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f".{_MODULES[fmt]}", __name__)
    cls = module.JsonlWriter if fmt == "jsonl" else module.Writer
    return getattr(cls, "renderer", None) is None


def write(fmt: str, report: Report, stream: TextIO, **kwargs: Any) -> None:
    """Write *report* to *stream* in format *fmt* (one of :data:`FORMATS`)."""
    rules = list(report.rules)
    known = {r.code for r in rules}
    for f in report.findings:  # the report is whole: describe every rule it reports up front
        if f.code not in known:
            known.add(f.code)
            rules.append(RuleInfo(code=f.code, name=f.name, severity=f.severity,
                                  reference=f.reference))
    writer = open_writer(fmt, stream, rules=rules, statistics=report.statistics, **kwargs)
    for name, group in itertools.groupby(report.findings, key=display_name):
        writer.file(tuple(group), report.lines.get(name, {}), name)
    writer.close(report.files)


def display_name(finding: Finding) -> str:
    return finding.filename or "<stdin>"


def sorted_findings(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)
