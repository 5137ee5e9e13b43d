"""Sentences that may hold a required element the parser could not read.

A required-element rule (REQ003, REQ004, REQ005) claims that the notice lacks something. When a
sentence looks as if it stated the element — a 巡察组 / 巡视组 with a date, a sentence about the
inspection with a date range, a 反馈 sentence with a date — that claim may be false: the
parser may have met a form it does not know. Such a rule then reports, at info level, what it
could not read, quoting the sentence, instead of claiming absence.
"""

from __future__ import annotations

import re

from ..model import DateFact, Notice, Span
from ..parsing.feedback import refers_to_feedback
from ..text import SourceText

__all__ = ["body_candidate", "period_candidate", "feedback_candidate"]

_SENTENCE_END = re.compile(r"[。;!?；！？\n]")
_GROUP = re.compile(r"(?:巡察|巡视)[一二三四五六七八九十0-9]{0,3}组")
_INSPECTION = re.compile(r"巡察|巡视|进驻")
_FEEDBACK = re.compile(r"反馈(?![的后]|问题整改|意见整改|意见的整改|问题的整改)")
#: the longest quotation of a sentence in a message
_QUOTE_MAX = 60


def _sentence(norm: str, at: int) -> Span:
    """The sentence around offset *at* (ends excluded, blanks trimmed)."""
    stops = [m.end() for m in _SENTENCE_END.finditer(norm, max(0, at - 300), at)]
    start = stops[-1] if stops else max(0, at - 300)
    after = _SENTENCE_END.search(norm, at)
    end = after.start() if after else len(norm)
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    return Span(start, end)


def quote(src: SourceText, span: Span) -> str:
    text = src.slice(span)
    return text if len(text) <= _QUOTE_MAX else text[:_QUOTE_MAX - 1] + "…"


def _dates_in(notice: Notice, span: Span) -> list[DateFact]:
    return [d for d in notice.dates if span.contains(d.span) and not d.before]


def _first(src: SourceText, pattern: re.Pattern, keep) -> Span | None:
    """The first sentence with a match of *pattern* that *keep(sentence, match)* accepts."""
    norm = src.norm
    seen: set[Span] = set()
    for m in pattern.finditer(norm):
        s = _sentence(norm, m.start())
        if s in seen:
            continue
        seen.add(s)
        if keep(s, m):
            return s
    return None


def body_candidate(notice: Notice, src: SourceText) -> Span | None:
    """A sentence naming a 巡察组 / 巡视组 that is no recognised body, with a date."""
    return _first(src, _GROUP, lambda s, m: bool(_dates_in(notice, s)))


def period_candidate(notice: Notice, src: SourceText) -> Span | None:
    """A sentence about the inspection with a date range (or, when no date of the period was
    read at all, any date) that the parser did not take for the period or the feedback."""
    insp = notice.inspection
    taken = {d.span for d in (insp.start, insp.end, notice.feedback) if d is not None}

    def keep(s: Span, m: re.Match) -> bool:
        ranges = [r for r in notice.ranges if s.contains(r.span)
                  and r.start.span not in taken and not r.start.before]
        if ranges:
            return True
        if insp.start is not None or insp.end is not None:
            return False
        return any(d.span not in taken for d in _dates_in(notice, s))

    return _first(src, _INSPECTION, keep)


def feedback_candidate(notice: Notice, src: SourceText) -> Span | None:
    """A sentence that speaks of the feedback (not one that only refers to it: "对照反馈意见")
    with a date that is not the inspection's."""
    insp = notice.inspection
    taken = {d.span for d in (insp.start, insp.end) if d is not None}
    norm = src.norm

    def keep(s: Span, m: re.Match) -> bool:
        if refers_to_feedback(norm, m.start()):
            return False
        return any(d.span not in taken for d in _dates_in(notice, s))

    return _first(src, _FEEDBACK, keep)
