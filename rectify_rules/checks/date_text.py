"""How dates are written: a weekday that disagrees with its date (DAT010), digits run together
with 年 / 月 lost (the garbled-date part of DAT006), a deadline before the feedback it answers
(DAT009).

Precision first: a date whose year the notice did not write is not judged here (a weekday or
an order that disagrees may only show that the year was guessed wrong), and a deadline counts
only when the text plainly states it as one ("…前", "完成时限：…", "计划…").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from ..findings import Fix
from ..model import DateFact, Span
from . import CheckContext, Hit, register
from .counts import provides

_WEEKDAYS = "一二三四五六日"
#: "（星期四）" / "(周四)" / " 星期四" right after a date; 周 only in brackets ("6月1日周边…"
#: is no weekday); not a weekday that opens a range or a list ("（星期一至星期五）")
_WEEKDAY_AFTER = re.compile(
    r"[ \t]*(?:[（(][ \t]*)?(?P<w>(?:星期|礼拜)(?P<d>[一二三四五六日天]))(?![ \t]*[至到、\-—~〜])"
    r"|[ \t]*[（(][ \t]*(?P<w2>周(?P<d2>[一二三四五六日天]))[ \t]*[)）]")


@register("weekday-matches-date")
@provides("date", "written", "weekday")
def weekday_matches_date(ctx: CheckContext) -> Iterator[Hit]:
    """DAT010: "2021年6月25日（星期四）" where that day was a Friday."""
    norm, orig = ctx.src.norm, ctx.src.original
    for d in ctx.notice.dates:
        if d.precision != "day" or d.year_inferred:
            continue
        m = _WEEKDAY_AFTER.match(norm, d.span.end)
        if m is None:
            continue
        group, day = ("w", m.group("d")) if m.group("w") is not None else ("w2", m.group("d2"))
        written = 6 if day in "日天" else _WEEKDAYS.index(day)
        actual = d.value.weekday()
        if written == actual:
            continue
        s, e = m.span(group)
        right = orig[s:e - 1] + _WEEKDAYS[actual]
        yield Hit(Span(s, e), {"date": d, "written": orig[s:e], "weekday": "星期" + _WEEKDAYS[actual]},
                  related=((d.span, "日期"),), fix=Fix(right, Span(s, e), False))


# ---- garbled dates (DAT006) ---------------------------------------------------------------

#: a year run into its month and day ("2021915日", "20211228日"), 月 lost after 年
#: ("2021年915日"), 年 lost before the month ("20219月"); the look-behind after the first two
#: digits keeps the engine's fast literal search and refuses a longer number ("120219月")
_GARBLED = re.compile(
    r"(?:19|20)(?<![0-9.]..)(?P<yy>[0-9]{2})"
    r"(?:年(?P<md1>[0-9]{3,4})日|(?P<md2>[0-9]{2,4})日|(?P<m>[0-9]{1,2})月)")
#: where _GARBLED can match: "19" or "20", two digits, then 年 and three digits or a fifth
#: digit. One pattern a literal: the engine looks for "20" ~6 times faster than for the class
#: [12] that (?:19|20) starts with, and skips the written dates ("2021年6月") without a match.
_GARBLED_AT = tuple(re.compile(f"{c}(?=[0-9]{{2}}(?:年[0-9]{{3}}|[0-9]))") for c in ("19", "20"))


def _garbled(norm: str) -> Iterator[re.Match]:
    """What ``_GARBLED.finditer(norm)`` gives: _GARBLED tried at the places _GARBLED_AT finds
    (a "19" or "20" cannot overlap another), in order, from the end of the last match on."""
    places = sorted(m.start() for rx in _GARBLED_AT for m in rx.finditer(norm))
    match = _GARBLED.match
    done = 0
    for i in places:
        if i >= done:
            m = match(norm, i)
            if m is not None:
                done = m.end()
                yield m


def _readings(year: int, digits: str) -> list[tuple[int, int]]:
    """The (month, day) pairs a run of digits can be read as, in that year."""
    out = []
    for cut in range(1, len(digits)):
        month, day = int(digits[:cut]), int(digits[cut:])
        if len(digits[:cut]) > 2 or len(digits[cut:]) > 2 or digits[cut] == "0" and len(digits[cut:]) == 1:
            continue
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            out.append((month, day))
    return out


def garbled_dates(ctx: CheckContext) -> Iterator[Hit]:
    """Dates whose digits run together ("2021915日"): reported by DAT006 beside impossible dates."""
    norm, orig = ctx.src.norm, ctx.src.original
    if "日" not in norm and "月" not in norm:
        return
    for m in _garbled(norm):
        s, e = m.start(), m.end()
        text = orig[s:e]
        year = int(norm[s:s + 2] + m.group("yy"))
        if m.group("m") is not None:
            month = int(m.group("m"))
            if not 1 <= month <= 12:
                continue
            right = f"{year}年{month}月"
            yield Hit(Span(s, e), {"text": text, "reason": f"年份和月份连写，缺少“年”，应为“{right}”"},
                      fix=Fix(right, Span(s, e), False))
            continue
        digits = m.group("md1") or m.group("md2")
        lost = "缺少“月”" if m.group("md1") else "缺少“年”“月”"
        found = _readings(year, digits)
        if len(found) == 1:
            right = f"{year}年{found[0][0]}月{found[0][1]}日"
            yield Hit(Span(s, e), {"text": text, "reason": f"数字连写，{lost}，应为“{right}”"},
                      fix=Fix(right, Span(s, e), False))
        elif found:
            options = "还是".join(f"{mo}月{da}日" for mo, da in found)
            yield Hit(Span(s, e), {"text": text, "reason": f"数字连写，{lost}，无法确定是{options}"})


# ---- DAT009 ---------------------------------------------------------------------------------

#: a label right before a date that makes it a deadline ("完成时限：", "整改期限为")
_DEADLINE_LABEL = re.compile(r"(?:时限|期限|完成时间)[ \t]*+(?:[:：]|为)?[ \t]*+$")  # possessive: linear
_PLAN = re.compile(r"(?:计划|预计|力争|争取|确保|拟)(?:于|在)?[ \t]*$")


def _year_known(d: DateFact) -> bool:
    """Written, or written once for a range or a list ("2021年3月1日至4月30日")."""
    return not d.year_inferred or d.year_from in ("range", "list")


def _explicit(norm: str, d: DateFact) -> bool:
    head = norm[max(0, d.span.start - 8):d.span.start]
    return d.before or _DEADLINE_LABEL.search(head) is not None or _PLAN.search(head) is not None


def _deadlines(ctx: CheckContext) -> Iterator[DateFact]:
    n = ctx.notice
    for p in n.progress:
        for part in p.breakdown:
            yield part.deadline
    for leaf in n.leaves():
        if leaf.deadline is not None:
            yield leaf.deadline


@register("deadline-after-feedback")
@provides("deadline", "what", "ref")
def deadline_after_feedback(ctx: CheckContext) -> Iterator[Hit]:
    """DAT009: a completion deadline before the feedback it answers (or the inspection's end)."""
    n = ctx.notice
    kind = (n.inspection.body.kind if n.inspection.body is not None else None) or "巡察"
    refs = [(f"{kind}反馈日期", n.feedback), (f"{kind}结束日期", n.inspection.end)]
    refs = [(what, r) for what, r in refs if r is not None and _year_known(r)]
    if not refs:
        return
    norm = ctx.src.norm
    seen: set[int] = set()
    for d in _deadlines(ctx):
        if not _year_known(d) or d.span.start in seen or not _explicit(norm, d):
            continue
        for what, ref in refs:
            if d.latest < ref.value:
                seen.add(d.span.start)
                yield Hit(d.span, {"deadline": d, "what": what, "ref": ref}, related=((ref.span, what),))
                break
