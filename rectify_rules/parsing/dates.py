"""Dates in a notice: every date, every range, every impossible date, with exact spans.

dateparser cannot read the dates notices write ("7月6日", "5月底前", "2021年8月31日至9月13日"),
so the grammar is our own (:mod:`.dates_grammar`): one compiled pattern finds each date on the
normalised view, ranges are joined afterwards, then each date gets a year.

Year inference for a date written without a year — simple enough to explain in a finding:

1. the end of a range takes the year of its start ("2021年8月31日至9月13日"), one year later
   when its month comes before the start's and the range then lasts at most
   :data:`MAX_WRAP_MONTHS` (six) months ("2020年11月26日至1月5日", "2018年11月26日——1月26日");
   a range start without a year takes the year of an end that has one, one year earlier on
   the same condition ("11月26日至2019年1月26日"): ``year_from = "range"``. A range that
   would last longer by crossing the year end keeps one year and reads as reversed
   ("2021年4月15日至3月1日" ends 2021-03-01, not 2022-03-01): an inspection of ten and a
   half months is far less likely than swapped dates, and DAT001 then reports the reversal;
2. otherwise the year of the nearest earlier date that writes its year: ``"list"`` when no
   sentence end (。；！？) lies between them ("其中2021年5月底前…1项,7月底前…2项"),
   ``"context"`` when one does. A date that is not a deadline skips deadlines ("…前") when
   it looks back, if any other written year precedes it: a list of deadlines reaching into
   next year ("2022年12月底前需完成1项") does not re-date the events told after it;
3. otherwise the year of *reference* (the publication date): ``"reference"`` — the year
   before it for an event whose day comes after the publication day ("12月20日反馈" on a page
   published 2024年1月15日 is 2023), since a page tells of what happened before it; a
   deadline ("3月底前") takes the publication year;
4. otherwise the year of the first later date that writes its year ("…6月10日反馈…截至2021年
   9月30日"): ``"later"``;
5. otherwise no year at all: ``"none"``. Today's year is never used (a notice read in 2030 is
   dated as in 2021). The date then carries the placeholder year :data:`NO_YEAR` (a leap
   year, so 2月29日 stays a day) and the rules that need a year leave it alone.

Header code that knows more (a feedback date follows the inspection) re-years a date with
:func:`with_year`. Year-only mentions ("2020年", "2021年度") are not dates; statistic month
spans ("1-5月入驻企业", "4-6月份") and recurring times ("每年12月底前") are skipped.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as _dt
import re
from typing import NamedTuple

from attrs import evolve, field, frozen

from ..model import DateFact, DateRange, InvalidDate, Span
from ..text import SourceText
from .dates_grammar import (BARE_BEFORE_RE, BEFORE_RE, DATE_RE, DAY_END_RE, RECURRING_BEFORE_RE,
                            SEP_RE, TIME_TAIL_RE, Parts, date_matches, read_day, read_parts)

__all__ = ["MAX_WRAP_MONTHS", "NO_YEAR", "DateScan", "scan_dates", "parse_date", "with_year",
           "wraps"]

_SENTENCE_END = re.compile(r"[。;!?]")
_PRECISION = {None: "month", "份": "month", "底": "month-end", "末": "month-end",
              "初": "early", "上旬": "early", "中旬": "mid", "下旬": "late"}
_FIRST_DAY = {"month": 1, "early": 1, "mid": 11, "late": 21}
_MIN_YEAR, _MAX_YEAR = 1900, 2099
#: days of each month in a common year (calendar.monthrange also works out the weekday)
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: the longest range, in calendar months counted by month numbers (7月 → 1月 is six), that a
#: range end written without a year may make by running into the next year. What notices
#: write as one range is an inspection round (巡视 about two months, 巡察 one to three), a
#: centralised rectification (两个月, 巡视工作条例 2015 第27条) or a rectification deadline
#: (commonly three to six months): six months covers all of them with room to spare, while a
#: reversed period ("4月15日至3月1日" would be ten and a half months) stays reversed.
MAX_WRAP_MONTHS = 6
#: the year of a date whose year nothing in the text tells (``year_from == "none"``)
NO_YEAR = 2000


@frozen
class DateScan:
    """Every date of a text (range ends included), every range, every impossible date."""

    dates: tuple[DateFact, ...] = ()
    ranges: tuple[DateRange, ...] = ()
    invalid: tuple[InvalidDate, ...] = ()

    # start offsets, for bisection: within() is called once per sentence and per node, so a
    # linear scan of every date would make parsing quadratic in the length of the text
    _date_starts: tuple[int, ...] = field(init=False, repr=False, eq=False)
    _range_starts: tuple[int, ...] = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        for name in ("dates", "ranges"):  # text order is the contract; bisection relies on it
            items = getattr(self, name)
            if any(a.span.start > b.span.start for a, b in zip(items, items[1:])):
                object.__setattr__(self, name, tuple(sorted(items, key=lambda x: x.span.start)))
        object.__setattr__(self, "_date_starts", tuple(d.span.start for d in self.dates))
        object.__setattr__(self, "_range_starts", tuple(r.span.start for r in self.ranges))

    def within(self, span: Span) -> tuple[DateFact, ...]:
        """The dates lying inside *span*, in text order."""
        return _inside(self.dates, self._date_starts, span)

    def range_within(self, span: Span) -> tuple[DateRange, ...]:
        """The ranges lying inside *span*, in text order."""
        return _inside(self.ranges, self._range_starts, span)


def _inside(items, starts, span: Span) -> tuple:
    lo = bisect.bisect_left(starts, span.start)
    hi = bisect.bisect_left(starts, span.end, lo)
    return tuple(x for x in items[lo:hi] if x.span.end <= span.end)


class _Raw(NamedTuple):  # a tuple: built for every date candidate, cheaper than a frozen class
    start: int
    end: int
    parts: Parts


def _candidates(norm: str) -> list[_Raw]:
    out: list[_Raw] = []
    # DATE_RE.finditer(norm), tried only where a date can start (most digits are no date)
    for m in date_matches(norm):
        p = read_parts(m)
        if p is None or (p.year is not None and not _MIN_YEAR <= p.year <= _MAX_YEAR):
            continue
        s = m.start()
        if p.year is None:
            if p.chinese_month and p.day is None and p.part is None:
                continue  # "一月一次": a Chinese month alone is too often not a date
            if BARE_BEFORE_RE.search(norm, max(0, s - 8), s):
                continue  # "1-5月", "4-6月份": a statistic span of months
            if RECURRING_BEFORE_RE.search(norm, max(0, s - 3), s):
                continue
        out.append(_Raw(s, m.end(), p))
    return out


def _pair(norm: str, raws: list[_Raw]) -> list[tuple[_Raw, _Raw | None]]:
    """Join a date, a separator and a following date (or bare day) into a range."""
    items: list[tuple[_Raw, _Raw | None]] = []
    i, n = 0, len(raws)
    while i < n:
        first = raws[i]
        sep = SEP_RE.match(norm, first.end)
        if sep is not None:
            q = sep.end()
            if i + 1 < n and raws[i + 1].start == q:
                items.append((first, raws[i + 1]))
                i += 2
                continue
            if first.parts.day is not None:
                dm = DAY_END_RE.match(norm, q)
                day = read_day(dm) if dm is not None else None
                if day is not None:
                    items.append((first, _Raw(q, dm.end(), day)))
                    i += 1
                    continue
        items.append((first, None))
        i += 1
    return items


def wraps(start_month: int, end_month: int) -> bool:
    """Does a range from *start_month* to *end_month*, the end's year not written, run into
    the next year? Only when the end's month comes first and the crossing keeps the range
    within :data:`MAX_WRAP_MONTHS` ("11月…至1月" yes; "4月…至3月" no: it stays reversed)."""
    return end_month < start_month and end_month + 12 - start_month <= MAX_WRAP_MONTHS


class _Years:
    """Chooses the year of a date written without one (rules 2–4 of the module doc)."""

    def __init__(self, norm: str, reference: _dt.date | None,
                 written: list[tuple[int, int]]) -> None:
        self.norm = norm
        self.reference = reference
        #: (start offset, year) of every date that writes its year, in text order
        self.written = written
        # (end offset, year) of the last written year: of any date / of a non-deadline date
        self.last: tuple[int, int] | None = None
        self.last_event: tuple[int, int] | None = None
        #: anchor end → where the first sentence end after it is (searched once per anchor:
        #: searching up to every later date was quadratic in a long run of dates)
        self._next_end: dict[int, int] = {}

    def infer(self, at: int, deadline: bool, month: int = 1, day: int = 1) -> tuple[int, str]:
        """The year of the date at *at* (its *month* and *day*, the first day of what it
        names for a month or a part of one)."""
        anchor = self.last if deadline else (self.last_event or self.last)
        if anchor is not None:
            end, year = anchor
            if end not in self._next_end:
                m = _SENTENCE_END.search(self.norm, end)
                self._next_end[end] = m.start() if m else len(self.norm)
            between_has_end = self._next_end[end] < at
            return year, "context" if between_has_end else "list"
        if self.reference is not None:
            # an event told on a page happened before the page was published ("12月20日反馈"
            # on a page of 2024年1月15日 is 2023); a deadline may lie after it
            ref = self.reference
            later = (month, day) > (ref.month, ref.day)
            return ref.year - (later and not deadline), "reference"
        i = bisect.bisect_right(self.written, (at, _MAX_YEAR + 1))
        if i < len(self.written):
            return self.written[i][1], "later"
        return NO_YEAR, "none"

    def saw(self, fact: DateFact | InvalidDate, written: bool) -> None:
        if written and isinstance(fact, DateFact):
            self.last = (fact.span.end, fact.value.year)
            if not fact.before:
                self.last_event = self.last


def _first_day(p: Parts) -> int:
    """The first day a date without a year may name (its day, else its part of the month)."""
    if p.day is not None:
        return p.day
    return _FIRST_DAY.get(_PRECISION[p.part], 1)


def _make(src: SourceText, raw: _Raw, year: int, month: int,
          year_from: str | None) -> DateFact | InvalidDate:
    p = raw.parts
    span = Span(raw.start, raw.end)
    text = src.original[raw.start:raw.end]
    if not 1 <= year <= 9999:  # only from an absurd reference date
        return InvalidDate(text, span, f"“{text}”推定的年份{year}不存在")
    if not 1 <= month <= 12:
        return InvalidDate(text, span, f"“{text}”中的月份{month}不存在，月份只能是1至12")
    last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]
    if p.day is not None:
        if not 1 <= p.day <= last:
            why = f"{year}年{month}月只有{last}天，没有{p.day}日"
            if year_from is not None:
                why += f"（未写年份，按上下文推定为{year}年）"
            return InvalidDate(text, span, why)
        precision, day = "day", p.day
    else:
        precision = _PRECISION[p.part]
        day = last if precision == "month-end" else _FIRST_DAY[precision]
    return DateFact(value=_dt.date(year, month, day), text=text, span=span,
                    year_inferred=year_from is not None, precision=precision,
                    before=BEFORE_RE.match(src.norm, raw.end) is not None,
                    year_from=year_from)


def scan_dates(src: SourceText, reference: _dt.date | None = None) -> DateScan:
    """Find every date, range and impossible date in *src* (never raises)."""
    norm = src.norm
    candidates = _candidates(norm)
    years = _Years(norm, reference, [(r.start, r.parts.year) for r in candidates
                                     if r.parts.year is not None])
    dates: list[DateFact] = []
    ranges: list[DateRange] = []
    invalid: list[InvalidDate] = []

    def keep(fact: DateFact | InvalidDate, written: bool) -> DateFact | None:
        years.saw(fact, written)
        if isinstance(fact, InvalidDate):
            invalid.append(fact)
            return None
        dates.append(fact)
        return fact

    for first, second in _pair(norm, candidates):
        sp = first.parts
        if second is None:
            year, how = (sp.year, None) if sp.year is not None else years.infer(
                first.start, BEFORE_RE.match(norm, first.end) is not None, sp.month,
                _first_day(sp))
            keep(_make(src, first, year, sp.month, how), sp.year is not None)
            continue
        ep = second.parts
        end_month = ep.month if ep.month is not None else sp.month
        if sp.year is not None:
            start_year, start_how = sp.year, None
        elif ep.year is not None:
            start_year, start_how = ep.year - wraps(sp.month, end_month), "range"
        else:
            start_year, start_how = years.infer(first.start, False, sp.month, _first_day(sp))
        start = keep(_make(src, first, start_year, sp.month, start_how), sp.year is not None)
        if ep.year is not None:
            end_year, end_how = ep.year, None
        else:
            end_year, end_how = start_year + wraps(sp.month, end_month), "range"
        end = keep(_make(src, second, end_year, end_month, end_how), ep.year is not None)
        if start is not None and end is not None:
            ranges.append(DateRange(start, end, start.span.cover(end.span)))
    return DateScan(tuple(dates), tuple(ranges), tuple(invalid))


def parse_date(text: str, default_year: int | None = None) -> DateFact | None:
    """Read *text* holding one date alone ("2021-06-30", "2021年7月底前", "7月6日"); a clock
    time after a numeric date ("2021-02-10 23:00") is allowed and left out of the span.

    Without a written year, *default_year* is used (``year_from="reference"``), else
    :data:`NO_YEAR` (``year_from="none"``). The span is relative to *text*. None when *text* is not exactly one valid date.
    """
    src = SourceText(text)
    norm = src.norm
    m = DATE_RE.match(norm, len(norm) - len(norm.lstrip()))
    if m is None:
        return None
    p = read_parts(m)
    if p is None or (p.year is not None and not _MIN_YEAR <= p.year <= _MAX_YEAR):
        return None
    tail = BEFORE_RE.match(norm, m.end())
    if tail is None and p.day is not None:
        tail = TIME_TAIL_RE.match(norm, m.end())
    if norm[tail.end() if tail else m.end():].strip():
        return None
    if p.year is not None:
        year, how = p.year, None
    elif default_year is not None:
        year, how = default_year, "reference"
    else:
        year, how = NO_YEAR, "none"
    fact = _make(src, _Raw(m.start(), m.end(), p), year, p.month, how)
    return fact if isinstance(fact, DateFact) else None


def with_year(d: DateFact, year: int) -> DateFact:
    """*d* moved to *year*, keeping its flags; a month end stays the month's last day and
    29 February becomes the 28th in a common year."""
    v = d.value
    last = calendar.monthrange(year, v.month)[1]
    day = last if d.precision == "month-end" else min(v.day, last)
    return evolve(d, value=_dt.date(year, v.month, day))
