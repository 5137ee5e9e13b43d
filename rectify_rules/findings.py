"""Findings: what a rule reports, located in the original text."""

from __future__ import annotations

from collections.abc import Iterable
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
    #: places of the original text holding personal data (PRV rules): never shown unmasked;
    #: the excerpt is already masked (see :mod:`rectify_rules.redact`)
    redactions: tuple[Span, ...] = ()

    @property
    def sort_key(self) -> tuple:
        return (self.filename or "", self.span.start, self.code, self.span.end, self.message)


def locate(src: SourceText, span: Span) -> tuple[Location, Location]:
    """Start and end location of *span* (end is the position just after the last char)."""
    start, end = span.start, span.end  # read once: locate runs for every finding and related
    index = src.index
    r1, c1 = index.line_col(start)
    first = Location(r1, c1)
    if start == end:
        return first, first
    text = src.original
    if 0 <= start < end <= len(text) and text.find("\n", start, end) < 0:
        return first, Location(r1, c1 + end - start)  # within one line
    r2, c2 = index.line_col(end)
    return first, Location(r2, c2)


def make_finding(src: SourceText, *, code: str, name: str, severity: Severity, message: str,
                 span: Span, values: dict[str, Any] | None = None,
                 related: list[tuple[Span, str]] | None = None, fix: Fix | None = None,
                 reference: str = "", filename: str | None = None) -> Finding:
    """Build a Finding, deriving locations and excerpts from the source text."""
    return build_finding(src, code, name, severity, message, span, dict(values or {}),
                         related or (), fix, reference, filename)


def build_finding(src: SourceText, code: str, name: str, severity: Severity, message: str,
                  span: Span, values: dict[str, Any], related: Iterable[tuple[Span, str]],
                  fix: Fix | None, reference: str, filename: str | None,
                  redactions: tuple[Span, ...] = ()) -> Finding:
    """:func:`make_finding` for the engine (~70 findings a notice): positional arguments, and
    *values* is kept, not copied (the caller hands over a dict of its own). The excerpt of a
    finding with *redactions* is masked there."""
    location, end_location = locate(src, span)
    rel = []
    for rspan, rmsg in related:
        rs, re_ = locate(src, rspan)
        rel.append(Related(rspan, rs, re_, rmsg, src.slice(rspan)))
    excerpt = src.slice(span)
    if redactions:
        from .redact import masked_segment

        excerpt = masked_segment(src.original, span.start, span.end, redactions)
    return Finding(code, name, severity, message, span, location, end_location, excerpt,
                   values, tuple(rel), fix, reference, filename, tuple(redactions))
