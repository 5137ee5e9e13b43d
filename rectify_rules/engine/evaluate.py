"""Running a pack over one parsed notice: the reference date, overrides, findings."""

from __future__ import annotations

import datetime as _dt
import os
import warnings
from string import Formatter as _Formatter
from typing import Any

from ..checks import Shown
from ..findings import Finding, finding_builder
from ..model import DateFact, Notice
from ..text import SourceText
from . import expr as X
from . import kinds
from .pack import load_rules, resolve_options, resolve_severity, select_rules
from .rule import RulePack
from .userre import PatternTimeout
from ..limits import MAX_FINDINGS_PER_RULE


def reference_date(notice: Notice, as_of: _dt.date | None = None) -> _dt.date:
    """--as-of, else the signature date, else the publication date, else the latest date the
    text writes with its year that is no deadline, else today (a text with no dated year has
    no deadline that a rule could judge either). A date whose year nothing tells is no
    reference, and neither is a deadline ("2024年3月前完成", a ledger's 完成时限): it says when
    work is due, not when the text was written, and judged at its own latest deadline a draft
    would have its earlier deadlines "passed"."""
    if as_of is not None:
        return as_of
    for d in (notice.signature.date, notice.published):
        if d is not None and d.year_from != "none":
            return d.value
    due = {leaf.deadline.span for leaf in notice.leaves() if leaf.deadline is not None}
    due.update(part.deadline.span for p in notice.progress for part in p.breakdown)
    written = [d.value for d in notice.dates
               if not d.year_inferred and not d.before and d.span not in due]
    return max(written) if written else _dt.date.today()


def human(v: Any) -> str:
    """A value as a reader sees it: 2021年6月30日, 76 (not 76.0), 已完成、正在整改."""
    if type(v) is str:  # the common case, first
        return v
    if type(v) is int:  # counts: what the checks below would make of an int, without them
        return str(v)
    if type(v) is Shown:
        return v.text
    if type(v) is DateFact and v.precision != "day":  # as written: 2021年5月底, 2022年8月
        return f"{v.value.year}年{v.value.month}月{_PART.get(v.precision, '')}"
    v = X.value(v)
    if v is None:
        return "未写明"
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, _dt.date):
        return f"{v.year}年{v.month}月{v.day}日"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else f"{v:.2f}".rstrip("0").rstrip(".")
    if isinstance(v, (list, tuple)):
        return "、".join(human(x) for x in v)
    text = getattr(v, "text", None)
    return text if isinstance(text, str) else str(v)


_PART = {"month-end": "底", "early": "上旬", "mid": "中旬", "late": "下旬"}


def plain(v: Any) -> Any:
    """A value for JSON: ISO dates (a DateFact: its value, the first day it allows),
    numbers, strings, lists."""
    if type(v) is str or type(v) is int:  # the common cases, first
        return v
    if type(v) is Shown:
        v = v.value
    v = X.value(v)
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    text = getattr(v, "text", None)
    return text if isinstance(text, str) else str(v)


_RANK = {"info": 0, "warning": 1, "error": 2}


def _lower(level: str, other: str) -> str:
    """The lower of the configured *level* and a variant's severity (a variant never raises)."""
    return other if _RANK.get(other, 2) < _RANK.get(level, 2) else level


#: the value types whose human form (:func:`human`) is what ``format`` makes of them
#: and whose plain form (:func:`plain`) is themselves
_TEXT_OR_INT = frozenset({str, int})
#: message template → whether its placeholders are all bare names ({total}: no format spec,
#: conversion, attribute or index, as the loader requires of a pack's messages)
_BARE: dict[str, bool] = {}


def _bare(template: str) -> bool:
    bare = _BARE.get(template)
    if bare is None:
        try:
            bare = all(field is None or (field.isidentifier() and not spec and not conv)
                       for _, field, spec, conv in _Formatter().parse(template))
        except ValueError:
            bare = False
        if len(_BARE) > 4096:  # user packs: bounded
            _BARE.clear()
        _BARE[template] = bare
    return bare


class _Fill(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def check_parsed(notice: Notice, src: SourceText, pack: RulePack, *, as_of: _dt.date | None = None,
                 severity: dict[str, str] | None = None, options: dict[str, dict] | None = None,
                 filename: str | None = None, notes: list[str] | None = None) -> list[Finding]:
    """Evaluate every rule of *pack* on an already parsed notice; findings sorted, no duplicates.

    A user pack's pattern that runs past its time budget (:class:`~.userre.PatternTimeout`)
    gives that rule no findings for this notice and a one-line note: appended to *notes*
    when given, else issued as a :class:`RuleSkippedWarning`; the other rules still run.
    A rule that hits more than :data:`~rectify_rules.limits.MAX_FINDINGS_PER_RULE` places in
    one notice (60 000 stray brackets in a scraped page) gives the first ones and a note."""
    found, redacted = found_parsed(notice, src, pack, as_of=as_of, severity=severity,
                                   options=options, notes=notes)
    return findings_of(found, src, filename, redacted)


def found_parsed(notice: Notice, src: SourceText, pack: RulePack, *,
                 as_of: _dt.date | None = None, severity: dict[str, str] | None = None,
                 options: dict[str, dict] | None = None,
                 notes: list[str] | None = None) -> tuple[list[tuple], bool]:
    """:func:`check_parsed` before its findings are built: each finding as the tuple
    ``(sort key, code, name, severity, message, span, values, related, fix, reference,
    redactions)``, sorted, no duplicates, and whether any finding holds personal data.

    *values* is read only (it may be the hit's own dict); *related* is the hit's
    ``(span, message)`` pairs. :func:`findings_of` builds the findings of these tuples; a
    writer that only turns them into text renders them as they are (the JSON of ``check``:
    ``output.json_fmt.render_found``), without building objects only to read them back."""
    levels = resolve_severity(pack, severity)
    opts = resolve_options(pack, options)
    ref = reference_date(notice, as_of)
    seen: set[tuple] = set()
    found: list[tuple] = []
    redacted = False
    genre = notice.genre
    for rule in pack.rules:
        code = rule.code
        level = levels[code]
        if level == "off" or genre not in rule.applies_to:
            continue
        env = X.Env(notice, ref, opts[code])
        try:
            hits = list(kinds.run(rule, notice, src, env))
        except PatternTimeout as e:
            _note(notes, f"规则 {code} 未完成检查：{e}")
            continue
        if not hits:  # most rules on most notices
            continue
        if len(hits) > MAX_FINDINGS_PER_RULE:
            _note(notes, f"规则 {code} 在本文件中有 {len(hits)} 处问题，只报告前 "
                         f"{MAX_FINDINGS_PER_RULE} 处")
            hits = sorted(hits, key=lambda h: (h.span.start, h.span.end))[:MAX_FINDINGS_PER_RULE]
        name, template, reference, variants = rule.name, rule.message, rule.reference, rule.variants
        bare = _bare(template)
        for hit in hits:
            vals = hit.values  # read only
            lvl, tmpl, bare_t = level, template, bare
            if hit.variant is not None and hit.variant in variants:
                tmpl, v_level = variants[hit.variant]
                lvl = _lower(level, v_level)
                bare_t = _bare(tmpl)
            if _TEXT_OR_INT.issuperset(map(type, vals.values())):
                # text and integers only (most hits): their human form is what format_map
                # makes of them in a bare {name}, and their plain form is themselves (the
                # hit's own dict, read only: findings_of copies it into a Finding)
                shown = vals if bare_t else {k: v if type(v) is str else human(v)
                                             for k, v in vals.items()}
                values = vals
            else:
                # text (most values) is its own human and plain form: no call for it
                shown = {k: v if type(v) is str else human(v) for k, v in vals.items()}
                values = {k: v if type(v) is str else plain(v) for k, v in vals.items()}
            try:
                message = tmpl.format_map(shown)
            except KeyError:  # a name the hit does not give: shown as written ({name})
                message = tmpl.format_map(_Fill(shown))
            span = hit.span
            # the span's offsets, not the Span: a tuple of ints and strings hashes in C, a Span
            # through its attrs-generated __hash__ (equal spans have equal offsets)
            key = (span.start, code, span.end, message)
            if key in seen:
                continue
            seen.add(key)
            if hit.redact:
                redacted = True
            found.append((key, code, name, lvl, message, span, values, hit.related, hit.fix,
                          reference, hit.redact))
    # the dedup key is Finding.sort_key without the filename (one for the whole call), and it
    # comes first and is unique: sorting the tuples compares the keys alone, in C
    found.sort()
    return found, redacted


def findings_of(found: list[tuple], src: SourceText, filename: str | None = None,
                redacted: bool = False) -> list[Finding]:
    """The findings of :func:`found_parsed`'s tuples, located in *src*; personal data masked
    in every finding that shows it when *redacted* (PRV rules)."""
    if not found:
        return []
    build = finding_builder(src)  # the text's line index read once
    findings = [build(code, name, lvl, message, span, dict(values), related, fix, reference,
                      filename, redact)
                for _, code, name, lvl, message, span, values, related, fix, reference, redact
                in found]
    if redacted:
        from ..redact import scrub

        findings = scrub(findings, src.original)
    return findings


class RuleSkippedWarning(UserWarning):
    """A rule could not finish on one notice (its user pattern ran past the time budget)."""


def _note(notes: list[str] | None, message: str) -> None:
    if notes is not None:
        notes.append(message)
    else:
        warnings.warn(message, RuleSkippedWarning, stacklevel=3)


def check(source: str | bytes | os.PathLike, *, select=None, ignore=None, rules: RulePack | None = None,
          as_of: _dt.date | None = None, genre: str | None = None,
          severity: dict[str, str] | None = None, options: dict[str, dict] | None = None,
          filename: str | None = None, notes: list[str] | None = None) -> list[Finding]:
    """Parse *source* once and evaluate the (selected) rules; findings sorted by position.

    *source* is read as by :func:`rectify_rules.parse`: text, bytes, a path, or a str that
    names an existing file (see :func:`rectify_rules.read.load`); a path gives the findings
    their ``filename`` unless *filename* is given.
    """
    from ..parsing import parse_source
    from ..read import load

    pack = rules if rules is not None else load_rules()
    if select or ignore:
        pack = select_rules(pack, select, ignore)
    text, name = load(source)
    notice, src = parse_source(text, genre=genre)
    if filename is None:
        filename = name
    return check_parsed(notice, src, pack, as_of=as_of, severity=severity, options=options,
                        filename=filename, notes=notes)
