"""The inspection period: when the inspecting group was at work.

Read from the sentences of the opening paragraphs (the header's paragraph spans), in three
passes, each over every sentence before the next pass starts:

1. a date range in a sentence about the inspection ("2021年3月1日至4月30日，县委第二巡察组对…",
   "市委第四巡视组于2022年3月1日至5月20日对…进行了巡视", "2021年5月至7月…开展常规巡视") —
   the group may stand before or after the dates;
2. a start without an end: "自2021年5月10日起", "从3月17日起对…", "于2022年4月上旬进驻",
   "4月23日，县委第四巡察组完成对…的进驻";
3. a month or a part of a month as the whole period ("2020年11月下旬，县委第二巡察组对…开展了
   常规巡察", "2021年5月，…开展了巡察"): start and end are that one date, whose ``value`` and
   ``latest`` bound the period.

A sentence is about the inspection when it names an inspecting body or speaks of 巡察 / 巡视
/ 进驻. A range or a date in a clause that tells of the feedback ("于2021年2月1日至3日…进行了
反馈") or of the rectification ("…期间集中整改") is not the inspection's.
"""

from __future__ import annotations

import re

from attrs import frozen

from ..model import DateFact, DateRange, InspectionBody, Span
from ..text import SourceText
from .dates import DateScan

__all__ = ["Period", "read_period", "sentences"]

_SENTENCE_END = re.compile(r"[。;!?；！？]")
_CLAUSE_SEP = re.compile(r"[,;:。!?，；：！？\n]")
_ABOUT_INSPECTION = re.compile(r"巡察|巡视|进驻|入驻")
#: a clause that tells of another event than the inspection itself
_OTHER_EVENT = re.compile(r"反馈|整改|报告|通报|召开|印发")
#: an inspection verb in the clause overrides the above ("进驻…开展巡察，并于…反馈" is two clauses)
_INSPECTION_VERB = re.compile(r"进驻|入驻|(?:(?:开展|进行|实施)了?[^,;:。]{0,12}(?:巡察|巡视)|巡察了|巡视了)"
                              r"(?![^,;:。]{0,4}(?:反馈|整改))")
_START_BEFORE = re.compile(r"(?:自|从|于)\s*$")
_START_AFTER = re.compile(r"\s*(?:起|开始|进驻|入驻)")
_ENTERED = re.compile(r"进驻|入驻")
_SENTENCE_START = re.compile(r"\s*$")


@frozen
class Period:
    start: DateFact | None = None
    end: DateFact | None = None
    #: the range the period was read from, when it was one
    range: DateRange | None = None
    #: the sentence the period was read from
    sentence: Span | None = None


def sentences(norm: str, spans: list[Span]) -> list[Span]:
    """The sentences of *spans* (paragraphs), in order, ends excluded, blanks trimmed."""
    out: list[Span] = []
    for para in spans:
        pos = para.start
        for m in [*_SENTENCE_END.finditer(norm, para.start, para.end), None]:
            end = m.start() if m is not None else para.end
            seg = norm[pos:end]
            if seg.strip():
                lead = len(seg) - len(seg.lstrip())
                out.append(Span(pos + lead, pos + len(seg.rstrip())))
            if m is not None:
                pos = m.end()
    return out


def _clause(norm: str, sentence: Span, at: int, end: int) -> tuple[int, int]:
    """The clause of *sentence* holding ``norm[at:end]``."""
    starts = [m.end() for m in _CLAUSE_SEP.finditer(norm, sentence.start, at)]
    stop = _CLAUSE_SEP.search(norm, end, sentence.end)
    return (starts[-1] if starts else sentence.start), (stop.start() if stop else sentence.end)


def _inspection_clause(norm: str, sentence: Span, span: Span) -> bool:
    """Is the clause of *span* about the inspection (and not about the feedback or the
    rectification)? A date at the head of its sentence, before the group's clause
    ("2020年11月下旬，县委第二巡察组对…开展了巡察"), belongs to the sentence's next clause."""
    c_start, c_end = _clause(norm, sentence, span.start, span.end)
    if not norm[c_start:span.start].strip() and not norm[span.end:c_end].strip():
        # the date is a clause of its own: it belongs to the clause that follows
        nxt = _CLAUSE_SEP.search(norm, span.end, sentence.end)
        if nxt is None:
            return False
        c_start, c_end = _clause(norm, sentence, nxt.end(), nxt.end())
    clause = norm[c_start:c_end]
    if _OTHER_EVENT.search(clause) and not _INSPECTION_VERB.search(clause):
        return False
    return True


def _about_inspection(norm: str, sentence: Span, bodies: list[InspectionBody]) -> bool:
    return (any(sentence.contains(b.span) for b in bodies)
            or _ABOUT_INSPECTION.search(norm, sentence.start, sentence.end) is not None)


def _start_only(norm: str, ds: DateScan, sentence: Span) -> DateFact | None:
    for d in ds.within(sentence):
        if d.before:
            continue
        if (_START_AFTER.match(norm, d.span.end)
                and _START_BEFORE.search(norm, max(0, d.span.start - 3), d.span.start)):
            return d
        # "4月23日，县委第四巡察组完成对…的进驻": the sentence opens with the day it tells of
        if (d.precision == "day" and _SENTENCE_START.match(norm, sentence.start, d.span.start)
                and _ENTERED.search(norm, d.span.end, sentence.end)):
            return d
    return None


def read_period(body: SourceText, ds: DateScan, paragraphs: list[Span],
                bodies: tuple[InspectionBody, ...] = ()) -> Period:
    """The inspection period stated in *paragraphs* (see the module doc); empty if none."""
    norm = body.norm
    candidates = [s for s in sentences(norm, paragraphs)
                  if _about_inspection(norm, s, list(bodies))]
    for s in candidates:
        for r in ds.range_within(s):
            if _inspection_clause(norm, s, r.span) and not r.start.before:
                return Period(r.start, r.end, r, s)
    for s in candidates:
        d = _start_only(norm, ds, s)
        if d is not None and _inspection_clause(norm, s, d.span):
            return Period(start=d, sentence=s)
    for s in candidates:
        for d in ds.within(s):
            if d.precision in ("day", "month-end") or d.before:
                continue
            if _inspection_clause(norm, s, d.span):
                return Period(d, d, None, s)
    return Period()
