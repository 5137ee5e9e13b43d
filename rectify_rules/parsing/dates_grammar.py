"""The regular grammar of dates as notices write them (used by :mod:`.dates`).

Matching runs on the normalised view (full-width digits and punctuation already folded), so
the patterns only know ASCII digits, Chinese numerals and the few dash / wave characters that
normalisation leaves alone (— – ― 〜).

One compiled pattern, :data:`DATE_RE`, finds every single date; :func:`read_parts` turns its
groups into numbers. Ranges are assembled afterwards by :mod:`.dates` with :data:`SEP_RE`
(the separator) and :data:`DAY_END_RE` (a bare day ending a range: "1月10日—13日").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from .numerals import cn_to_int
from .starts import matches_at, word_starts

#: optional blanks between the parts of one date (a web page may wrap a line inside a date)
_W = r"[ \n]{0,3}"
_CN_DIGIT = "〇零○Oo一二三四五六七八九"
_CN_NUM = "〇零○一二三四五六七八九十百千万两廿卅"
_YEAR = rf"(?:(?:19|20)[0-9]{{2}}|[{_CN_DIGIT}]{{4}})"
_MONTH = r"(?:[0-9]{1,2}|十[一二三四五六七八九]?|[一二三四五六七八九])"
_DAY = (r"(?:[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?"
        r"|[一二三四五六七八九])")
#: what may follow "X月": a month end, a part of the month, or "份" ("6月份")
_PART = r"(?:底|末|初(?![步次稿期心衷审见])|上旬|中旬|下旬|份)"

DATE_RE = re.compile(
    # the lookahead lets the scan skip, in one step, every character that cannot begin a date
    rf"(?=[0-9{_CN_DIGIT}十])(?<![0-9])(?:"
    # 2021-04-30, 2021.4.30, 2021/4/30, "2021- 06- 28" (web timestamps)
    r"(?P<ny>(?:19|20)[0-9]{2}) ?(?P<sep>[-./]) ?(?P<nm>[0-9]{1,2}) ?(?P=sep) ?"
    r"(?P<nd>[0-9]{1,2})(?![0-9]|\.[0-9])"
    # [2021年]7月[6日|底|中旬|份]
    rf"|(?<![{_CN_NUM}])(?:(?P<y>{_YEAR}){_W}年{_W})?(?P<m>{_MONTH}){_W}月"
    rf"(?:{_W}(?P<d>{_DAY}){_W}[日号]|{_W}(?P<p>{_PART}))?"
    # 2019年底 / 2020年末: the end of a year
    rf"|(?<![{_CN_NUM}])(?P<ey>{_YEAR}){_W}年{_W}(?P<ep>底|末)"
    r")"
)

#: the characters a match of DATE_RE can start with (what its look-ahead allows)
_FIRST = frozenset("0123456789" + _CN_DIGIT + "十")
_BLANKS = " \n"


def date_matches(norm: str) -> Iterator[re.Match[str]]:
    """The matches of ``DATE_RE.finditer(norm)``, the pattern tried only where a date can start.

    Every match holds 年 (a year with a month, or a year's end), 月 (a month) or a numeric
    separator, and what stands before it is fixed: four characters of year before the blanks
    (at most three) before 年, one or two of month before those before 月, four of year and at
    most one blank before the first separator. So a match starts 4 (年), 1 or 2 (月), or 4 or
    5 (separator) characters before such a blank run; tried at those places in text order,
    each from the end of the last match on, the pattern gives the full scan's matches (the
    leftmost first: no other place can start one; :func:`.starts.matches_at`). The full scan
    enters the pattern at every character (~30 ns each: the look-ahead it starts with is no
    prefix Python's engine skips ahead with); here 年, 月 and the separators are found by
    substring search."""
    starts = word_starts(norm, "-./", (4, 5))  # the numeric form: a year, a blank at most
    add, find = starts.add, norm.find
    for ch, before in (("年", (4,)), ("月", (1, 2))):
        at = find(ch)
        while at >= 0:
            i = at  # where the blanks before it start
            while i > 0 and at - i < 3 and norm[i - 1] in _BLANKS:
                i -= 1
            for k in before:
                add(i - k)
            at = find(ch, at + 1)
    # (the full scan costs ~30 ns a character: a place tried, about as much as 16 of them)
    return matches_at(DATE_RE, norm, [s for s in starts if s >= 0 and norm[s] in _FIRST],
                      per_place=16)


#: a range separator right after a date
SEP_RE = re.compile(r"[ \n]{0,2}(?:至|到|—{1,2}|―{1,2}|–|-{1,2}|~|〜)[ \n]{0,2}")
#: a range end that is only a day ("2022年1月10日—13日", "8月25日-28日")
DAY_END_RE = re.compile(rf"(?P<d>{_DAY}){_W}[日号](?![0-9])")
#: a clock time after a timestamp's date ("2021-02-10 23:00", "2021- 06- 28 16: 53")
TIME_TAIL_RE = re.compile(r"[ T]{1,3}[0-9]{1,2} ?: ?[0-9]{2}(?: ?: ?[0-9]{2})?")
#: "前" after a date makes it a deadline; "前后 / 前往 / 前来 / 前去" do not
BEFORE_RE = re.compile(r" ?(?:之|以)?前(?![后往来去])")
#: a bare number and a separator just before a month ("1-5月", "4-6月份", "一至三月"):
#: a statistic span of months, not a date
BARE_BEFORE_RE = re.compile(
    r"(?:(?<![0-9])[0-9]{1,2}|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3})"
    r" ?(?:至|到|—{1,2}|―|–|-|~|〜) ?$")
#: "每年12月底前": a recurring time, not one date
RECURRING_BEFORE_RE = re.compile(r"每年 ?$")

_YEAR_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")}
_YEAR_DIGITS.update({"零": "0", "○": "0", "O": "0", "o": "0"})


class Parts(NamedTuple):
    """The numbers one date match wrote; None where the text gave none (a tuple: one is built
    for every date candidate, cheaper than a frozen class)."""

    year: int | None
    month: int | None  # None only for a bare day that ends a range
    day: int | None
    part: str | None  # 底 末 初 上旬 中旬 下旬 份, or None
    chinese_month: bool = False  # the month was written in Chinese numerals


def _year(s: str) -> int | None:
    if s.isdigit() and s.isascii():
        return int(s)
    try:
        return int("".join(_YEAR_DIGITS[ch] for ch in s))
    except KeyError:
        return None


def read_parts(m: re.Match[str]) -> Parts | None:
    """Numbers of a :data:`DATE_RE` match, or None when a numeral cannot be read."""
    ny, ey, y, month_text, d, part = m.group("ny", "ey", "y", "m", "d", "p")  # one call
    if ny is not None:
        return Parts(int(ny), int(m.group("nm")), int(m.group("nd")), None)
    if ey is not None:
        year = _year(ey)
        return None if year is None else Parts(year, 12, None, m.group("ep"))
    year = _year(y) if y is not None else None
    month = cn_to_int(month_text)
    day = cn_to_int(d) if d is not None else None
    if month is None or (y is not None and year is None) or (d is not None and day is None):
        return None
    return Parts(year, month, day, part, chinese_month=not month_text.isdigit())


def read_day(m: re.Match[str]) -> Parts | None:
    """Numbers of a :data:`DAY_END_RE` match (year and month come from the range start)."""
    day = cn_to_int(m.group("d"))
    return None if day is None else Parts(None, None, day, None)
