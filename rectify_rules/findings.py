"""Findings: what a rule reports, located in the original text."""

from __future__ import annotations

from typing import Any, Literal

from attrs import field, frozen

from .model import Span
from .text import SourceText

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@frozen
class Location:
    """1-based line and column (code points) of an offset in the original text."""

    row: int
    column: int


@frozen
class Related:
    """Another place the finding refers to (the other, conflicting figure)."""

    span: Span
    location: Location
    end_location: Location
    message: str = ""
    excerpt: str = ""


@frozen
class Fix:
    """A replacement for the finding's span; ``safe`` fixes keep the meaning."""

    replacement: str
    span: Span
    safe: bool = True


@frozen
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    location: Location
    end_location: Location
    excerpt: str = ""
    values: dict[str, Any] = field(factory=dict, hash=False)
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    reference: str = ""
    filename: str | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.filename or "", self.span.start, self.code, self.span.end, self.message)


def locate(src: SourceText, span: Span) -> tuple[Location, Location]:
    """Start and end location of *span* (end is the position just after the last char)."""
    r1, c1 = src.line_col(span.start)
    start = Location(r1, c1)
    if span.start == span.end:
        return start, start
    if 0 <= span.start < span.end <= len(src.original) and src.original.find("\n", span.start, span.end) < 0:
        return start, Location(r1, c1 + span.end - span.start)  # within one line
    r2, c2 = src.line_col(span.end)
    return start, Location(r2, c2)


def make_finding(src: SourceText, *, code: str, name: str, severity: Severity, message: str,
                 span: Span, values: dict[str, Any] | None = None,
                 related: list[tuple[Span, str]] | None = None, fix: Fix | None = None,
                 reference: str = "", filename: str | None = None) -> Finding:
    """Build a Finding, deriving locations and excerpts from the source text."""
    start, end = locate(src, span)
    rel = []
    for rspan, rmsg in related or ():
        rs, re_ = locate(src, rspan)
        rel.append(Related(rspan, rs, re_, rmsg, src.slice(rspan)))
    return Finding(code=code, name=name, severity=severity, message=message, span=span,
                   location=start, end_location=end, excerpt=src.slice(span),
                   values=dict(values or {}), related=tuple(rel), fix=fix,
                   reference=reference, filename=filename)
