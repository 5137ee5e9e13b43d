"""``sarif``: SARIF 2.1.0 (OASIS), one run, the rules that ran in ``tool.driver.rules``.

Columns count Unicode code points (``run.columnKind = "unicodeCodePoints"``), like every other
position this tool reports; a CJK character is one column.
"""

from __future__ import annotations

import json
import posixpath
from functools import lru_cache
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..findings import Finding
from . import Report, RuleInfo

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: the project's home page (tool.driver.informationUri)
INFORMATION_URI = "https://github.com/rectify-rules/rectify-rules"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


#: json.dumps(…, ensure_ascii=False) builds a new encoder on every call: one, built once
_encode = json.JSONEncoder(ensure_ascii=False).encode


@lru_cache(maxsize=64)  # every finding of a file has its name: the URI made once a file
def artifact_uri(filename: str | None) -> str:
    """A URI reference for *filename*: relative paths stay relative, with ``/`` separators."""
    if not filename or filename in ("-", "<stdin>"):
        return "stdin"
    path = PurePath(filename)
    if path.is_absolute():
        return "file://" + quote(path.as_posix(), safe="/:")
    return quote(posixpath.normpath(path.as_posix()), safe="/")


def _region(start, end) -> dict[str, int]:
    return {"startLine": start.row, "startColumn": start.column,
            "endLine": end.row, "endColumn": end.column}


def _rule_descriptor(info: RuleInfo) -> dict[str, Any]:
    short = info.summary or info.name
    full = info.what or short
    help_parts = [p for p in (info.what or short, info.why,
                              f"应写作：{info.use_instead}" if info.use_instead else "",
                              f"依据：{info.reference}" if info.reference else "") if p]
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": "\n".join(help_parts)},
        "defaultConfiguration": {"level": LEVELS.get(info.severity, "note")},
        "properties": {"reference": info.reference} if info.reference else {},
    }


def _result(f: Finding, index: int) -> dict[str, Any]:
    uri = artifact_uri(f.filename)
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": LEVELS.get(f.severity, "note"),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": _region(f.location, f.end_location),
        }}],
    }
    if f.related:
        result["relatedLocations"] = [
            {"id": i, "message": {"text": r.message or r.excerpt},
             "physicalLocation": {"artifactLocation": {"uri": uri},
                                  "region": _region(r.location, r.end_location)}}
            for i, r in enumerate(f.related, 1)]
    if f.fix is not None:
        result["properties"] = {"fix": {"replacement": f.fix.replacement, "safe": f.fix.safe}}
    return result


def to_sarif(report: Report) -> dict[str, Any]:
    infos = list(report.rules)
    known = {r.code for r in infos}
    for f in report.findings:  # a finding from a rule the caller did not describe
        if f.code not in known:
            infos.append(RuleInfo(code=f.code, name=f.name, severity=f.severity,
                                  reference=f.reference))
            known.add(f.code)
    infos.sort(key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(infos)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "rectify-rules",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(r) for r in infos],
            }},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index[f.code]) for f in report.findings],
        }],
    }


class Writer:
    """SARIF streamed: each file's results are written as they come, the ``tool`` object with
    the rules after them (JSON members have no order), so memory does not grow with the run.
    Rules are indexed as :func:`to_sarif` does (sorted by code); a finding of a rule the caller
    did not describe adds that rule at the end."""

    def __init__(self, stream: TextIO, *, rules=(), **_: object) -> None:
        self.stream = stream
        self.infos = sorted(rules, key=lambda r: r.code)
        self.index = {r.code: i for i, r in enumerate(self.infos)}
        self.written = 0
        head = {"$schema": SCHEMA_URI, "version": "2.1.0"}
        stream.write(json.dumps(head, indent=2)[:-2] + ',\n  "runs": [{\n'
                     '    "columnKind": "unicodeCodePoints",\n    "results": [')

    @staticmethod
    def renderer(*, rules=(), **_: object):
        """A finding's result object; the rule index as this writer gives it for *rules*
        (KeyError for a rule not among them: such a finding goes through ``file``)."""
        index = {r.code: i for i, r in enumerate(sorted(rules, key=lambda r: r.code))}
        return lambda f: _encode(_result(f, index[f.code]))

    def file(self, findings, lines, name: str | None = None) -> None:
        items = []
        for f in findings:
            i = self.index.get(f.code)
            if i is None:
                i = self.index[f.code] = len(self.infos)
                self.infos.append(RuleInfo(code=f.code, name=f.name, severity=f.severity,
                                           reference=f.reference))
            items.append((f.code, f.name, f.severity, _encode(_result(f, i))))
        self.write_rendered(items, name)

    def write_rendered(self, items, name: str | None = None) -> None:
        if items:  # a file's results in one write
            self.stream.write((",\n      " if self.written else "\n      ")
                              + ",\n      ".join([text for _, _, _, text in items]))
            self.written += len(items)

    def close(self, files: int) -> None:
        tool = {"driver": {"name": "rectify-rules", "version": __version__,
                           "informationUri": INFORMATION_URI,
                           "rules": [_rule_descriptor(r) for r in self.infos]}}
        self.stream.write(("\n    " if self.written else "") + '],\n    "tool": '
                          + json.dumps(tool, ensure_ascii=False) + "\n  }]\n}\n")
