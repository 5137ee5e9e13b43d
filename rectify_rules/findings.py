"""Findings: what a rule reports, located in the original text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import attrs
from attrs import field, frozen

from .model import Span
from .text import SourceText

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@frozen(init=False)
class Location:
    """1-based line and column (code points) of an offset in the original text."""

    row: int
    column: int

    # written by hand, as Span's is: the slots set through their descriptors (attrs' generated
    # __init__ goes through object.__setattr__): ~0.25 µs less, and a finding has two or more
    def __init__(self, row: int, column: int) -> None:
        _set_row(self, row)
        _set_column(self, column)


_set_row = Location.__dict__["row"].__set__
_set_column = Location.__dict__["column"].__set__


@frozen(init=False)
class Related:
    """Another place the finding refers to (the other, conflicting figure)."""

    span: Span
    location: Location
    end_location: Location
    message: str = ""
    excerpt: str = ""

    # written by hand (see Location): about one finding in two has one
    def __init__(self, span: Span, location: Location, end_location: Location,
                 message: str = "", excerpt: str = "") -> None:
        _set_rspan(self, span)
        _set_rlocation(self, location)
        _set_rend_location(self, end_location)
        _set_rmessage(self, message)
        _set_rexcerpt(self, excerpt)


(_set_rspan, _set_rlocation, _set_rend_location, _set_rmessage, _set_rexcerpt) = (
    Related.__dict__[a.name].__set__ for a in attrs.fields(Related))


@frozen
class Fix:
    """A replacement for the finding's span; ``safe`` fixes keep the meaning."""

    replacement: str
    span: Span
    safe: bool = True


@frozen(init=False)
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

    # written by hand (see Location): ~0.5 µs less per finding, ~70 findings a notice
    def __init__(self, code: str, name: str, severity: Severity, message: str, span: Span,
                 location: Location, end_location: Location, excerpt: str = "",
                 values: dict[str, Any] | None = None, related: tuple[Related, ...] = (),
                 fix: Fix | None = None, reference: str = "", filename: str | None = None,
                 redactions: tuple[Span, ...] = ()) -> None:
        _set_code(self, code)
        _set_name(self, name)
        _set_severity(self, severity)
        _set_message(self, message)
        _set_span(self, span)
        _set_location(self, location)
        _set_end_location(self, end_location)
        _set_excerpt(self, excerpt)
        _set_values(self, {} if values is None else values)
        _set_related(self, related)
        _set_fix(self, fix)
        _set_reference(self, reference)
        _set_filename(self, filename)
        _set_redactions(self, redactions)

    @property
    def sort_key(self) -> tuple:
        return (self.filename or "", self.span.start, self.code, self.span.end, self.message)


(_set_code, _set_name, _set_severity, _set_message, _set_span, _set_location, _set_end_location,
 _set_excerpt, _set_values, _set_related, _set_fix, _set_reference, _set_filename,
 _set_redactions) = (Finding.__dict__[a.name].__set__ for a in attrs.fields(Finding))


def locate(src: SourceText, span: Span) -> tuple[Location, Location]:
    """Start and end location of *span* (end is the position just after the last char)."""
    return locator(src)(span.start, span.end)


def locator(src: SourceText):
    """``(start, end) -> (Location, Location)``: :func:`locate` for the many spans of one
    source, with the text and its line index read once (the engine locates ~70 findings and
    their related places a notice)."""
    text = src.original
    size = len(text)
    find = text.find
    line_col = src.index.line_col
    new = object.__new__

    def where(start: int, end: int) -> tuple[Location, Location]:
        r1, c1 = line_col(start)
        first = new(Location)  # Location(r1, c1), without the call of its __init__
        _set_row(first, r1)
        _set_column(first, c1)
        if start == end:
            return first, first
        last = new(Location)
        if 0 <= start < end <= size and find("\n", start, end) < 0:  # within one line
            _set_row(last, r1)
            _set_column(last, c1 + end - start)
        else:
            r2, c2 = line_col(end)
            _set_row(last, r2)
            _set_column(last, c2)
        return first, last

    return where


def positions(src: SourceText):
    """``(start, end) -> (row, column, end row, end column)``: :func:`locator` as numbers, for a
    writer that renders the engine's findings without building them (the JSON of ``check``)."""
    text = src.original
    size = len(text)
    find = text.find
    line_col = src.index.line_col

    def where(start: int, end: int) -> tuple[int, int, int, int]:
        r1, c1 = line_col(start)
        if start == end:
            return r1, c1, r1, c1
        if 0 <= start < end <= size and find("\n", start, end) < 0:  # within one line
            return r1, c1, r1, c1 + end - start
        return (r1, c1, *line_col(end))

    return where


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
    return finding_builder(src)(code, name, severity, message, span, values, related, fix,
                                reference, filename, redactions)


def finding_builder(src: SourceText):
    """:func:`build_finding` for the many findings of one source (without its *src*): the
    text and the line index read once, the Finding's slots set without its __init__ call."""
    text = src.original
    where = locator(src)
    new = object.__new__

    def build(code: str, name: str, severity: Severity, message: str, span: Span,
              values: dict[str, Any], related: Iterable[tuple[Span, str]], fix: Fix | None,
              reference: str, filename: str | None,
              redactions: tuple[Span, ...] = ()) -> Finding:
        start, end = span.start, span.end
        location, end_location = where(start, end)
        if related:
            rel = []
            for rspan, rmsg in related:
                rs, re_ = where(rspan.start, rspan.end)
                rel.append(Related(rspan, rs, re_, rmsg, text[rspan.start:rspan.end]))
            rel = tuple(rel)
        else:  # most findings: no list built and thrown away
            rel = ()
        if redactions:
            from .redact import masked_segment

            excerpt = masked_segment(text, start, end, redactions)
            redactions = tuple(redactions)
        else:
            excerpt = text[start:end]
            redactions = ()
        f = new(Finding)  # Finding(…), its slots set here as its __init__ would
        _set_code(f, code)
        _set_name(f, name)
        _set_severity(f, severity)
        _set_message(f, message)
        _set_span(f, span)
        _set_location(f, location)
        _set_end_location(f, end_location)
        _set_excerpt(f, excerpt)
        _set_values(f, {} if values is None else values)
        _set_related(f, rel)
        _set_fix(f, fix)
        _set_reference(f, reference)
        _set_filename(f, filename)
        _set_redactions(f, redactions)
        return f

    return build
