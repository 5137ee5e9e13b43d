"""Named checks of the DAT rules: the order of the key dates, deadlines, years, durations.

A date stated as a month ("2022年8月") or part of a month ("5月底", "下旬") covers several days;
:class:`~rectify_rules.model.DateFact` keeps the earliest (``value``) and the latest
(``latest``). The order checks report only what is wrong whichever day was meant: "A after B"
is reported when A's earliest day is after B's latest.

A date whose year the notice did not write is shown with the year the parser chose, and the
message says so right after it (:func:`year_note`: "2021年3月1日（“3月1日”未写年份，推定为
2021年）"): a reader must be able to tell a wrong date from a wrongly guessed year. Each such
date has a ``<name>_note`` value beside its ``<name>`` value, empty when the year is written.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Iterator

from ..model import DateFact, Notice
from . import CheckContext, Hit, Shown, register
from .counts import provides

_PART = {"month-end": "底", "early": "上旬", "mid": "中旬", "late": "下旬"}
#: DateFact.year_from values meaning the year was written once for several dates on purpose
_CONVENTIONAL_YEAR = ("range", "list")


def fmt_date(d: DateFact | _dt.date) -> str:
    """A date as a notice writes it: "2020年7月6日", "2021年5月底", "2022年8月"."""
    if isinstance(d, _dt.date):
        return f"{d.year}年{d.month}月{d.day}日"
    v = d.value
    if d.year_from == "none":  # no year anywhere in the text: none is shown
        return f"{v.month}月{v.day}日" if d.precision == "day" else \
            f"{v.month}月{_PART.get(d.precision, '')}"
    if d.precision == "day":
        return f"{v.year}年{v.month}月{v.day}日"
    return f"{v.year}年{v.month}月{_PART.get(d.precision, '')}"


_BLANKS = re.compile(r"\s+")


def _inferred(d: DateFact) -> str:
    if d.year_from == "none":
        return f"“{_BLANKS.sub('', d.text)}”未写年份，全文也没有可据以推定的年份"
    return f"“{_BLANKS.sub('', d.text)}”未写年份，推定为{d.value.year}年"


def comparable(a: DateFact, b: DateFact) -> bool:
    """Can *a* and *b* be put in order? Not when nothing in the text tells the year of one of
    them — unless the other took its year from it as the end of the same range."""
    ys = (a.year_from, b.year_from)
    return "none" not in ys or "range" in ys


def year_note(d: DateFact | None) -> str:
    """"（“3月1日”未写年份，推定为2021年）" after a date whose year was inferred, else ""."""
    return f"（{_inferred(d)}）" if d is not None and d.year_inferred else ""


def shown(d: DateFact) -> str:
    """:func:`fmt_date` followed by its :func:`year_note`."""
    return fmt_date(d) + year_note(d)


def add_months(d: _dt.date, months: int) -> _dt.date:
    """*d* plus whole calendar *months* (the 31st becomes the month's last day)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


def _after(a: DateFact, b: DateFact) -> bool:
    """True when *a* is after *b* whichever days the two texts meant."""
    return comparable(a, b) and a.value > b.latest


def _not_after(a: DateFact, b: DateFact) -> bool:
    """True when *a* is on or before *b* whichever days the two texts meant."""
    return comparable(a, b) and a.latest <= b.value


# -- DAT001 / DAT002 / DAT003 -------------------------------------------------------------

@register("inspection-dates-ordered")
@provides("start", "end", "start_note", "end_note")
def inspection_dates_ordered(ctx: CheckContext) -> Iterator[Hit]:
    """DAT001: the inspection starts after it ends."""
    insp = ctx.notice.inspection
    if insp.start and insp.end and _after(insp.start, insp.end):
        yield Hit(insp.end.span, {"start": insp.start, "end": insp.end,
                                  "start_note": year_note(insp.start),
                                  "end_note": year_note(insp.end)},
                  related=((insp.start.span, "巡察开始日期"),))


@register("feedback-after-inspection")
@provides("feedback", "end", "feedback_note", "end_note")
def feedback_after_inspection(ctx: CheckContext) -> Iterator[Hit]:
    """DAT002: the feedback is dated on or before the inspection's last day."""
    n = ctx.notice
    end = n.inspection.end
    if n.feedback and end and _not_after(n.feedback, end):
        yield Hit(n.feedback.span, {"feedback": n.feedback, "end": end,
                                    "feedback_note": year_note(n.feedback),
                                    "end_note": year_note(end)},
                  related=((end.span, "巡察结束日期"),))


def _order_values(what: str, date: DateFact, other: str, other_date: DateFact) -> dict:
    return {"what": what, "date": date, "other": other,
            "other_date": other_date, "date_note": year_note(date),
            "other_note": year_note(other_date)}


@register("signed-after-feedback")
@provides("what", "date", "other", "other_date", "date_note", "other_note")
def signed_after_feedback(ctx: CheckContext) -> Iterator[Hit]:
    """DAT003: signature or publication before the feedback; publication before signature."""
    n = ctx.notice
    signed, published, fb = n.signature.date, n.published, n.feedback
    if fb and signed and _after(fb, signed):
        yield Hit(signed.span, _order_values("成文日期", signed, "反馈日期", fb),
                  related=((fb.span, "反馈日期"),))
    if fb and published and _after(fb, published):
        yield Hit(published.span, _order_values("发布日期", published, "反馈日期", fb),
                  related=((fb.span, "反馈日期"),))
    if signed and published and _after(signed, published):
        yield Hit(published.span, _order_values("发布日期", published, "成文日期", signed),
                  related=((signed.span, "成文日期"),))


# -- DAT004 ------------------------------------------------------------------------------

@register("deadlines-not-passed")
@provides("what", "deadline", "as_of", "deadline_note", "as_of_note")
def deadlines_not_passed(ctx: CheckContext) -> Iterator[Hit]:
    """DAT004: a deadline before the reference date for work still reported unfinished.

    Deadline parts of a progress statement are part of its still-ongoing count. A progress
    statement dated earlier than the reference date ("截至2021年3月") is judged at its own date.
    """
    as_of = ctx.as_of
    for p in ctx.notice.progress:
        own = p.as_of is not None and p.as_of.year_from != "none" and p.as_of.latest < as_of
        ref = p.as_of.latest if own else as_of
        for part in p.breakdown:
            if part.deadline.year_from != "none" and part.deadline.latest < ref:
                yield Hit(part.deadline.span, {
                    "what": f"进展中“{ctx.src.slice(part.span)}”",
                    "deadline": part.deadline, "as_of": ref,
                    "deadline_note": year_note(part.deadline),
                    # inside the message's brackets already: "（参照日期…，“…”未写年份…）"
                    "as_of_note": f"，{_inferred(p.as_of)}" if own and p.as_of.year_inferred
                    else ""},
                    related=((p.span, "进展情况"),))
    for leaf in ctx.notice.leaves():
        dl = leaf.deadline
        if leaf.status == "ongoing" and dl is not None and dl.year_from != "none" \
                and dl.latest < as_of:
            title = leaf.title if len(leaf.title) <= 20 else leaf.title[:19] + "…"
            yield Hit(dl.span, {"what": f"问题“{title}”", "deadline": dl,
                                "as_of": as_of, "deadline_note": year_note(dl),
                                "as_of_note": ""},
                      related=(((leaf.status_span or leaf.title_span), "标注为正在整改"),))


# -- DAT005 ------------------------------------------------------------------------------

def _key_dates(n: Notice) -> Iterator[tuple[str, DateFact]]:
    insp = n.inspection
    if insp.start:
        yield "巡察开始日期", insp.start
    if insp.end:
        yield "巡察结束日期", insp.end
    if n.feedback:
        yield "反馈日期", n.feedback
    for p in n.progress:
        for part in p.breakdown:
            yield "完成时限", part.deadline
    for leaf in n.leaves():
        if leaf.deadline:
            yield "完成时限", leaf.deadline


@register("key-dates-have-year")
@provides("label", "text", "inferred")
def key_dates_have_year(ctx: CheckContext) -> Iterator[Hit]:
    """DAT005: a key date without a year, unless the year was given once for a range/list."""
    seen: set[int] = set()
    for label, d in _key_dates(ctx.notice):
        if not d.year_inferred or d.span.start in seen:
            continue
        if getattr(d, "year_from", None) in _CONVENTIONAL_YEAR:
            continue
        seen.add(d.span.start)
        inferred = Shown(None, "不详（全文没有写明年份的日期）") if d.year_from == "none" else d
        yield Hit(d.span, {"label": label, "text": d.text, "inferred": inferred})


# -- DAT006 ------------------------------------------------------------------------------

@register("dates-exist")
@provides("text", "reason")
def dates_exist(ctx: CheckContext) -> Iterator[Hit]:
    """DAT006: a date-shaped text that names no calendar day, or whose digits run together with
    年 / 月 lost ("2021915日", see :func:`.date_text.garbled_dates`)."""
    from .date_text import garbled_dates

    for bad in ctx.notice.invalid_dates:
        yield Hit(bad.span, {"text": bad.text, "reason": bad.reason})
    yield from garbled_dates(ctx)


# -- DAT007 ------------------------------------------------------------------------------

_MONTH_TOLERANCE = 15  # days
_DAY_TOLERANCE = 1


@register("durations-match-dates")
@provides("text", "what", "dates")
def durations_match_dates(ctx: CheckContext) -> Iterator[Hit]:
    """DAT007: "为期N天" against the inspection dates; "经过N个月" against feedback..signature."""
    n = ctx.notice
    durations = list(n.durations)
    if n.inspection.duration and n.inspection.duration not in durations:
        durations.append(n.inspection.duration)
    for dur in durations:
        if dur.subject == "inspection" and dur.range is not None:
            # "2019年3月8日至4月19日，…开展了为期43天的巡察": the range of its own sentence
            start, end, what = dur.range.start, dur.range.end, "同句所写起止日期"
        elif dur.subject == "inspection":
            start, end, what = n.inspection.start, n.inspection.end, "巡察起止日期"
        elif dur.subject == "rectification":
            start, end, what = n.feedback, n.signature.date or n.published, "反馈日期至成文日期"
        else:
            continue
        if start is None or end is None or end.value < start.value \
                or not comparable(start, end):
            continue
        if "day" != start.precision or "day" != end.precision:
            continue  # "2020年11月下旬", "5月至7月": not exact enough to count days
        a, b = start.value, end.value
        if dur.days is not None:
            actual = (b - a).days + 1  # both ends counted, as notices count "为期"
            tol = _DAY_TOLERANCE if dur.subject == "inspection" else _MONTH_TOLERANCE
            if abs(actual - dur.days) <= tol or abs(actual - 1 - dur.days) <= tol:
                continue
            dates = f"{shown(start)}至{shown(end)}共{actual}天"
        elif dur.months is not None:
            if abs((b - add_months(a, dur.months)).days) <= _MONTH_TOLERANCE:
                continue
            dates = f"{shown(start)}至{shown(end)}约{round((b - a).days / 30.44, 1)}个月"
        else:
            continue
        yield Hit(dur.span, {"text": dur.text, "what": what, "dates": dates},
                  related=((start.span, "起始日期"), (end.span, "截止日期")))


# -- DAT008 ------------------------------------------------------------------------------

@register("report-within-window")
@provides("feedback", "date", "months", "due", "late", "feedback_note", "date_note", "document")
def report_within_window(ctx: CheckContext) -> Iterator[Hit]:
    """DAT008: a 整改报告 or a public notice dated later than ``options.months`` after the
    feedback (the signature date, else the publication date)."""
    n = ctx.notice
    reported = n.signature.date or n.published
    months = int(ctx.options.get("months", 2))
    if n.feedback is None or reported is None or not comparable(n.feedback, reported):
        return
    due = add_months(n.feedback.latest, months)
    if reported.value > due:
        yield Hit(reported.span, {"feedback": n.feedback, "date": reported,
                                  "months": months, "due": due,
                                  "late": (reported.value - due).days,
                                  "feedback_note": year_note(n.feedback),
                                  "date_note": year_note(reported),
                                  "document": "整改报告" if n.genre == "report" else "通报"},
                  related=((n.feedback.span, "反馈日期"),))
