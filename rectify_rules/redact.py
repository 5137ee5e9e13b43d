"""Masking personal data (PRV rules) in everything a finding shows.

A check that finds personal data (an identity number, a bank account, a private mobile number)
puts the places in ``Hit.redact``; they become ``Finding.redactions``. From then on the value
is never shown whole:

- the check's own message and values carry only the masked form (:func:`mask`);
- :func:`scrub` (run by the engine once per notice, only when something was redacted) masks the
  excerpts of every finding and of its related places that overlap a redacted place, and any
  message, value or fix of any finding that quotes the value (another rule may quote it: a
  phone rule reading an identity number as a phone);
- the source lines the CLI sends to the output formats are masked with the same spans
  (:func:`masked_segment`), so rich, concise, json, sarif, github and html show the same masked
  text; the HTML report masks the whole text it shows, whoever renders it (``check``,
  ``review`` of a .txt/.html draft, ``serve``), and ``review`` the text its comments quote
  (:func:`masked_text`). Masking a masked value changes nothing.

Masking keeps the length and the separators: "6222 0212 3456 7890" → "6222 **** **** 7890",
so columns and carets under a masked line stay where they were.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import evolve

from .findings import Finding, Fix, Related
from .model import Span

STAR = "*"


def _kept(n: int) -> tuple[int, int]:
    """(head, tail) characters kept of a value of *n* letters and digits."""
    if n >= 12:
        return 4, 4          # identity numbers, bank cards: 3101**********1234
    if n == 11:
        return 3, 4          # mobile numbers: 139****5678
    if n >= 7:
        return 2, 2          # passports: E1*****78
    return 0, 0


def mask(value: str) -> str:
    """*value* with its middle letters and digits replaced by ``*`` (length kept). A value
    masked already stays as it is (its stars count as the places they hide)."""
    places = [i for i, ch in enumerate(value) if ch.isalnum() or ch == STAR]
    head, tail = _kept(len(places))
    hidden = set(places[head:len(places) - tail])
    return "".join(STAR if i in hidden else ch for i, ch in enumerate(value))


def masked_segment(text: str, start: int, end: int, spans: Sequence[Span]) -> str:
    """``text[start:end]`` with every redacted span that overlaps it masked (the mask of the
    whole span, cut to the segment, so a line holding part of a value shows its part)."""
    out = text[start:end]
    for sp in spans:
        if sp.start >= end or sp.end <= start:
            continue
        masked = mask(text[sp.start:sp.end])
        a, b = max(sp.start, start), min(sp.end, end)
        out = out[:a - start] + masked[a - sp.start:b - sp.start] + out[b - start:]
    return out


def _secrets(text: str, spans: Iterable[Span]) -> list[tuple[str, str]]:
    """(as written, masked) pairs to replace in messages and values, longest first; the digits
    alone too ("6222 0212 …" is quoted as "62220212…" by a rule that reads digits)."""
    pairs: dict[str, str] = {}
    for sp in spans:
        raw = text[sp.start:sp.end]
        pairs[raw] = mask(raw)
        compact = "".join(ch for ch in raw if ch.isalnum())
        if compact != raw and len(compact) >= 7:
            pairs[compact] = mask(compact)
    return sorted(pairs.items(), key=lambda kv: -len(kv[0]))


def _scrub_str(s: str, secrets: list[tuple[str, str]]) -> str:
    for raw, masked in secrets:
        if raw in s:
            s = s.replace(raw, masked)
    return s


def _scrub_value(v, secrets):
    if isinstance(v, str):
        return _scrub_str(v, secrets)
    if isinstance(v, list):
        return [_scrub_value(x, secrets) for x in v]
    return v


def scrub(findings: list[Finding], text: str) -> list[Finding]:
    """*findings* with every redacted value masked wherever it shows (see the module doc)."""
    spans = sorted({sp for f in findings for sp in f.redactions}, key=lambda s: (s.start, s.end))
    if not spans:
        return findings
    secrets = _secrets(text, spans)
    out = []
    for f in findings:
        changes: dict = {}
        if any(sp.start < f.span.end and f.span.start < sp.end for sp in spans):
            changes["excerpt"] = masked_segment(text, f.span.start, f.span.end, spans)
        message = _scrub_str(f.message, secrets)
        if message != f.message:
            changes["message"] = message
        values = {k: _scrub_value(v, secrets) for k, v in f.values.items()}
        if values != f.values:
            changes["values"] = values
        if f.fix is not None and (rep := _scrub_str(f.fix.replacement, secrets)) != f.fix.replacement:
            changes["fix"] = Fix(rep, f.fix.span, False)
        related = tuple(_related(r, text, spans) for r in f.related)
        if related != f.related:
            changes["related"] = related
        out.append(evolve(f, **changes) if changes else f)
    return out


def _related(r: Related, text: str, spans: Sequence[Span]) -> Related:
    if not any(sp.start < r.span.end and r.span.start < sp.end for sp in spans):
        return r
    return evolve(r, excerpt=masked_segment(text, r.span.start, r.span.end, spans))


def redacted_lines(lines: dict[int, str], bounds, text: str, spans: Sequence[Span]) -> dict[int, str]:
    """The source lines shown with the findings, masked: *bounds(row)* gives a line's offsets."""
    if not spans:
        return lines
    return {row: masked_segment(text, *bounds(row), spans) for row in lines}


def masked_text(text: str, findings: Iterable[Finding]) -> str:
    """The whole *text* with the personal data the findings found masked (for outputs that show
    the whole notice: the HTML page of ``serve``, the quotes of a reviewed .docx)."""
    spans = [sp for f in findings for sp in f.redactions]
    return masked_segment(text, 0, len(text), spans) if spans else text
