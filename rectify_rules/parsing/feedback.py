"""The feedback date: the day the inspecting group delivered its findings.

The date is the one of a clause that tells of the feedback as an EVENT:

- "反馈了巡察意见", "反馈了专项巡察情况", "反馈了巡察“回头看”意见", "反馈了巡察发现的问题";
- "反馈巡察意见" right after the group, a date or 并 ("区委第二巡察组反馈巡察意见", "并于2020年4月29日
  反馈巡察意见"), and "向…反馈" ("向局党组反馈了巡察意见", "向被巡察单位反馈巡察情况");
- "召开…反馈会", "巡察情况反馈会", "进行巡察意见反馈", "进行了反馈", "分别反馈", "集中反馈".

A clause that only refers to the feedback is no event: "对照反馈意见", "根据巡察反馈意见",
"针对反馈的问题", "反馈意见整改专题民主生活会", "反馈会后", "在反馈会上" — a later meeting that
works on the feedback has its own date, and that date is not the feedback's.

Within the sentence of the event, the date before it wins ("2021年6月10日，县委第二巡察组反馈了
…"), else the first after it ("反馈会于2021年6月10日召开"); the dates of the inspection period
are never taken. When the feedback took several days ("于2021年2月1日至3日…进行了反馈"), its
first day is the date.
"""

from __future__ import annotations

import re

from ..model import DateFact, Span
from ..text import SourceText
from .dates import DateScan, with_year

__all__ = ["FEEDBACK_EVENT", "find_feedback", "after_inspection", "refers_to_feedback"]

#: the kind of inspection may stand inside the phrase: "反馈了专项巡察意见", "反馈了巡察“回头看”意见"
_KIND = r"(?:专项|常规|机动|联动|提级|交叉)?"
_WHAT = rf"{_KIND}(?:巡察|巡视)?(?:[“\"‘']?回头看[”\"’']?)?(?:意见|情况)(?![后的])"
FEEDBACK_EVENT = re.compile(
    rf"反馈了{_WHAT}"
    rf"|(?<=[组日并]|[,:，：])\s*反馈{_WHAT}(?!整改|建议)"
    r"|向[^。,;:，；：]{1,40}?(?:进行了?|作了?)?(?:集中|当面|专题|现场|书面)?反馈(?![的后]|意见整改|问题整改)"
    r"|(?:巡察|巡视)?意见反馈(?!会后|后)"
    r"|(?:召开|举行)了?[^。,;]{0,15}反馈(?:会|大会)(?!后)"
    r"|反馈了?(?:巡察|巡视)发现的(?:主要)?问题"
    r"|分别(?:进行了?)?反馈"
    r"|(?:进行了?|作出?了?)(?:集中|专题|现场|书面|一对一|“一对一”)?(?:巡察|巡视)?(?:意见)?反馈(?!会后)"
    r"|集中反馈"
    r"|反馈(?:会|大会)(?![后上议])")
#: words that make "反馈意见" a thing referred to, not an event, when they open its clause part
_REFERS = re.compile(r"对照|根据|按照|依据|针对|落实|围绕|结合|聚焦|传达|学习|认领|梳理|对标|就")
_CLAUSE_SEP = re.compile(r"[,;:。!?，；：！？\n]")
#: how far before 反馈 a referring word governs it, and what marks a date in between
_GOVERNS = 16
_DATE_MARK = re.compile(r"[0-9]|[日号]")
_SENTENCE_END = re.compile(r"[。;!?；！？]")


def refers_to_feedback(norm: str, at: int) -> bool:
    """Does the 反馈 word at offset *at* only refer to the feedback? It does when a referring
    word governs it from close by in its clause ("对照巡察反馈意见", "根据县委第二巡察组反馈意见"),
    with no date between them: "按照县委统一部署县委第二巡察组于2021年6月10日反馈了…" is an event."""
    starts = [m.end() for m in _CLAUSE_SEP.finditer(norm, max(0, at - _GOVERNS), at)]
    lo = starts[-1] if starts else max(0, at - _GOVERNS)
    found = [m for m in _REFERS.finditer(norm, lo, at)]
    return bool(found) and not _DATE_MARK.search(norm, found[-1].end(), at)


def _events(norm: str, start: int, end: int):
    for m in FEEDBACK_EVENT.finditer(norm, start, end):
        if m.group().startswith(("召开", "举行")) or not refers_to_feedback(norm, m.start()):
            yield m


def find_feedback(body: SourceText, ds: DateScan, paragraphs: list[Span],
                  excluded: set[Span]) -> DateFact | None:
    """The date of the first feedback event in *paragraphs* (see the module doc)."""
    norm = body.norm
    starts = {r.end.span: r.start for r in ds.ranges}
    for para in paragraphs:
        for m in _events(norm, para.start, para.end):
            ends = list(_SENTENCE_END.finditer(norm, para.start, m.start()))
            s_start = ends[-1].end() if ends else para.start
            after = _SENTENCE_END.search(norm, m.end(), para.end)
            s_end = after.start() if after else para.end
            dates = [d for d in ds.within(Span(s_start, s_end))
                     if d.span not in excluded and not d.before]
            before = [d for d in dates if d.span.end <= m.start()]
            if before:
                found = before[-1]
                return starts.get(found.span, found)
            later = [d for d in dates if d.span.start >= m.end()]
            if later:
                return later[0]
    return None


def after_inspection(fb: DateFact, end: DateFact | None, published: DateFact | None) -> DateFact:
    """Re-year an inferred feedback date: the first such day after the inspection's end;
    without an end, not after the publication date."""
    if not fb.year_inferred:
        return fb
    if end is None:
        if published is not None and fb.value > published.value:
            return with_year(fb, published.value.year - (
                with_year(fb, published.value.year).value > published.value))
        return fb
    moved = with_year(fb, end.value.year)
    if moved.value < end.value:
        moved = with_year(fb, end.value.year + 1)
    return moved
