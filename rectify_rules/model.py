"""The Notice model: immutable, source-mapped facts about one rectification notice.

Every fact carries a :class:`Span` — half-open ``[start, end)`` code-point offsets into the
ORIGINAL text, so ``notice.text[span.start:span.end]`` is the text the fact came from.
Classes are attrs ``frozen`` + ``slots``; derive changed copies with :func:`attrs.evolve`.

Field types are real annotations: the rule engine derives the fact-path schema from them
(``progress[*].completed.value``), so keep them precise when adding fields.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from typing import Literal

from attrs import field, frozen

#: notice = 整改进展情况通报 (public), report = 整改报告 (to the inspecting group), news = an article
#: about an inspection or a rectification (a dateline, 记者, 原标题 …), other = a page that is none
#: of these (an index page, an essay, a "page not found"), unknown = a text of the genre whose
#: kind cannot be told
Genre = Literal["notice", "report", "news", "other", "unknown"]
#: each genre in a reader's words (messages, ``explain``, the audit tables' reasons)
GENRE_NAMES = {"notice": "公开通报", "report": "整改报告", "news": "新闻报道",
               "other": "其他网页或文章", "unknown": "未能确定文种的文本"}
#: day = exact day; month = "2022年8月"; month-end = "5月底"; early/mid/late = 上旬|初 / 中旬 / 下旬
Precision = Literal["day", "month", "month-end", "early", "mid", "late"]
Status = Literal["completed", "ongoing"]
#: what a count counts: 大类 / 方面 / 项 (the level between aspects and problems) / 问题 / 整改任务
#: (事项) / 整改措施 / 问题表现 (the manifestations of problems, "43项具体问题表现") / 问题线索 /
#: 项目 / 案件
Quantity = Literal["categories", "aspects", "items", "problems", "tasks", "measures",
                   "manifestations", "leads", "projects", "cases"]


@frozen(order=True, init=False)
class Span:
    """Half-open [start, end) code-point offsets into the original text.

    ``Span(start, end)`` raises ValueError unless ``0 <= start <= end``.
    """

    start: int
    end: int

    # written by hand, not generated: validation inline instead of an __attrs_post_init__ call,
    # and the two slots set directly (~0.2 µs less per span; a notice builds ~600 of them)
    def __init__(self, start: int, end: int) -> None:
        if start < 0 or end < start:
            raise ValueError(f"bad span [{start}, {end})")
        _set_start(self, start)
        _set_end(self, end)

    def __len__(self) -> int:
        return self.end - self.start

    def cover(self, other: Span) -> Span:
        return Span(min(self.start, other.start), max(self.end, other.end))

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


# a frozen class refuses ``self.start = …``: its __init__ writes the slots through their
# descriptors (attrs' generated __init__ goes through object.__setattr__, one lookup more)
_set_start = Span.__dict__["start"].__set__
_set_end = Span.__dict__["end"].__set__


@frozen
class TextFact:
    """A piece of text recognised as a fact (title, issuer, address …)."""

    text: str
    span: Span


@frozen
class Figure:
    """A number stated in the text ("17项", "二十五项", "76%")."""

    value: int | float
    span: Span


@frozen
class DateFact:
    """A date found in the text.

    ``value`` is the earliest day the text allows (the 1st for a month, the 21st for 下旬,
    the last day for 月底 — a month end is a day); :attr:`latest` is the latest day.
    ``year_inferred`` is True when the text gave no year and one was chosen from context.
    """

    value: _dt.date
    text: str
    span: Span
    year_inferred: bool = False
    precision: Precision = "day"
    #: "前" follows the date ("5月底前"): a deadline, "by …"
    before: bool = False
    #: how a year not written was chosen (None when the year is written): "range" (from the
    #: other end of the same range), "list" (an explicit-year date earlier in the same
    #: sentence), "context" (an earlier sentence), "reference" (publication date), "later" (a
    #: later date that writes its year), "none" (nothing tells the year: the value's year is a
    #: placeholder and rules that need the year leave the date alone)
    year_from: str | None = None

    @property
    def latest(self) -> _dt.date:
        v = self.value
        last = calendar.monthrange(v.year, v.month)[1]
        if self.precision == "month":
            return v.replace(day=last)
        if self.precision == "early":
            return v.replace(day=10)
        if self.precision == "mid":
            return v.replace(day=20)
        if self.precision == "late":
            return v.replace(day=last)
        return v


@frozen
class DateRange:
    """Two dates written as one range ("2021年8月31日至9月13日")."""

    start: DateFact
    end: DateFact
    span: Span


@frozen
class InvalidDate:
    """A date-shaped text that names no calendar day ("2月30日", "13月")."""

    text: str
    span: Span
    reason: str


@frozen
class Duration:
    """A stated length of time: "为期45天" (subject inspection), "经过两个月的整改" (rectification)."""

    text: str
    span: Span
    days: int | None = None
    months: int | None = None
    subject: Literal["inspection", "rectification", "unknown"] = "unknown"
    #: the date range stated before it in its own sentence ("2019年3月8日至4月19日，…开展了为期
    #: 43天的巡察"): the period it measures; None when its sentence states none
    range: DateRange | None = None


@frozen
class InspectionBody:
    """One mention of the inspecting body: "县委第二巡察组", "市委联动巡察组", "市委第巡察组"."""

    raw: str
    span: Span
    level: str | None = None  # 中央 / 省委 / 市委 / 州委 / 县委 / 区委 / 旗委 / 党委 / 党组 …
    kind: str | None = None  # 巡视 / 巡察
    ordinal: int | None = None  # 第二 → 2; None when absent
    #: "第" written but no number follows ("市委第巡察组"): the ordinal is missing, not omitted
    ordinal_missing: bool = False
    joint: bool = False  # 联动 / 联合
    #: how many groups a mention by number names ("区委组建3个巡察组", "县委五个巡察组"); None for
    #: one group
    count: int | None = None
    #: words between the ordinal and 巡察组 / 巡视组 ("提级交叉", "机动", "专项", "上下联动"), as written
    modifier: str | None = None


@frozen
class Inspection:
    #: the inspecting body of the opening: the first of :attr:`bodies`
    body: InspectionBody | None = None
    #: every mention of an inspecting body in the text, in order (for consistency rules)
    mentions: tuple[InspectionBody, ...] = ()
    #: every inspecting body the opening names, in text order, each once ("市委第一巡察组、第六
    #: 巡察组分别对…": two; "市委第一、第二巡察组": two, ordinals 1 and 2; "区委组建3个巡察组":
    #: one body with ``count`` 3); a later mention of the same body is not repeated
    bodies: tuple[InspectionBody, ...] = ()
    kind: TextFact | None = None  # 常规 / 专项 / 联动 / 回头看 / 机动
    start: DateFact | None = None
    end: DateFact | None = None
    duration: Duration | None = None


@frozen
class Count:
    """A count claim about the feedback: "3个方面", "11个问题", "二十五项", "58个“问题清单”".

    ``quantity`` says what is counted ("43项具体问题表现": manifestations, not problems)."""

    quantity: Quantity
    value: int
    text: str
    span: Span


@frozen
class DeadlinePart:
    """One part of a deadline breakdown: "7月底前需完成2项"."""

    deadline: DateFact
    count: Figure
    span: Span


@frozen
class Progress:
    """One progress statement. A notice can contain several that disagree.

    Every status figure of the statement is kept: ``completed`` and ``ongoing`` are the first
    completed and the first unfinished figure; ``other`` holds the rest of the unfinished
    states (基本完成, 申请延期, 需长期坚持, a second unfinished figure such as "未完成4个" after
    "正在整改5个"), so completed + ongoing + sum(other) is what the statement accounts for.
    """

    span: Span
    total: Figure | None = None
    completed: Figure | None = None
    ongoing: Figure | None = None
    #: problems in other states (e.g. "基本完成"), each a Figure
    other: tuple[Figure, ...] = ()
    rate: Figure | None = None  # percent
    as_of: DateFact | None = None
    breakdown: tuple[DeadlinePart, ...] = ()
    text: str = ""
    #: what the statement counts, by the noun before its first figure ("26项整改措施已完成24项":
    #: measures), else the noun right after it ("已整改8个问题": problems); None when unsaid
    quantity: Quantity | None = None


@frozen
class Part:
    label: str
    value: Figure


@frozen
class Breakdown:
    """A "共…，其中…" statement: a total and the parts it is said to consist of."""

    total: Figure
    parts: tuple[Part, ...]
    unit: str
    span: Span
    text: str = ""


@frozen
class Percentage:
    """A stated percentage, with its numbers where the sentence gives them."""

    value: float
    text: str
    span: Span
    numerator: Figure | None = None
    denominator: Figure | None = None
    #: "达/超过/以上": the percentage is a floor, not an exact value
    floor: bool = False


@frozen(init=False)
class Marker:
    """An outline marker: "一、", "（一）", "1.", "（1）", "1)" …"""

    text: str
    span: Span
    style: str  # see rectify_rules.parsing.outline.STYLES
    level: int  # 1..4 by GB/T 9704 order (一、 → 1, （一） → 2, 1. → 3, （1） → 4); 5+ others
    number: int | None  # None for a malformed marker (")" alone)
    malformed: bool = False

    # written by hand, as Span's is (slots set through their descriptors): ~40 a notice
    def __init__(self, text: str, span: Span, style: str, level: int, number: int | None,
                 malformed: bool = False) -> None:
        _set_marker_text(self, text)
        _set_marker_span(self, span)
        _set_marker_style(self, style)
        _set_marker_level(self, level)
        _set_marker_number(self, number)
        _set_marker_malformed(self, malformed)


@frozen(init=False)
class Node:
    """A node of the outline / problem tree."""

    marker: Marker | None
    title: str
    span: Span  # the whole node: marker, title, body, children
    title_span: Span
    body_span: Span  # text after the title, up to the next node
    children: tuple[Node, ...] = ()
    status: Status | None = None
    status_span: Span | None = None
    deadline: DateFact | None = None

    # written by hand (see Marker): ~80 a notice, most of them made again by attrs.evolve
    def __init__(self, marker: Marker | None, title: str, span: Span, title_span: Span,
                 body_span: Span, children: tuple[Node, ...] = (), status: Status | None = None,
                 status_span: Span | None = None, deadline: DateFact | None = None) -> None:
        _set_node_marker(self, marker)
        _set_node_title(self, title)
        _set_node_span(self, span)
        _set_node_title_span(self, title_span)
        _set_node_body_span(self, body_span)
        _set_node_children(self, children)
        _set_node_status(self, status)
        _set_node_status_span(self, status_span)
        _set_node_deadline(self, deadline)

    @property
    def number(self) -> int | None:
        return self.marker.number if self.marker else None

    def leaves(self) -> tuple[Node, ...]:
        if not self.children:
            return (self,)
        return tuple(_collect_leaves(self.children, []))


@frozen
class Phone:
    text: str  # as written
    span: Span
    number: str  # digits only, national form ("08277320666")
    label: str = ""  # the label before it: 电话 / 联系电话 / 举报电话 …


@frozen
class Email:
    text: str
    span: Span


@frozen
class Contact:
    phones: tuple[Phone, ...] = ()
    emails: tuple[Email, ...] = ()
    address: TextFact | None = None
    postcode: TextFact | None = None
    span: Span | None = None  # the contact block, if recognised


@frozen
class Signature:
    issuer: TextFact | None = None
    date: DateFact | None = None
    #: a signing date left to be filled in ("2021年3月　　日", "2021年X月X日"): not a date
    date_placeholder: TextFact | None = None


@frozen
class Diagnostic:
    """A parse problem that is not a rule finding (PRS0xx)."""

    code: str
    message: str
    span: Span


@frozen
class Notice:
    text: str = field(repr=False)  # the original text
    genre: Genre = "unknown"
    #: the words that made the genre news ("本报讯", "记者", "原标题" …); None otherwise
    genre_signal: TextFact | None = None
    title: TextFact | None = None
    issuer: TextFact | None = None
    addressee: TextFact | None = None
    published: DateFact | None = None
    source: TextFact | None = None  # web metadata "来源:…"
    inspection: Inspection = Inspection()
    feedback: DateFact | None = None
    declared: tuple[Count, ...] = ()
    progress: tuple[Progress, ...] = ()
    outline: tuple[Node, ...] = ()
    problems: tuple[Node, ...] = ()
    contact: Contact = Contact()
    signature: Signature = Signature()
    breakdowns: tuple[Breakdown, ...] = ()
    percentages: tuple[Percentage, ...] = ()
    dates: tuple[DateFact, ...] = ()
    ranges: tuple[DateRange, ...] = ()
    invalid_dates: tuple[InvalidDate, ...] = ()
    durations: tuple[Duration, ...] = ()
    #: spans of web boilerplate kept out of the body
    boilerplate: tuple[Span, ...] = ()
    #: the text visibly stops mid-sentence (a cut page excerpt): its last words; None if not
    truncated: TextFact | None = None
    diagnostics: tuple[Diagnostic, ...] = ()

    def leaves(self) -> tuple[Node, ...]:
        """The leaf problems of the problem tree."""
        return tuple(_collect_leaves(self.problems, []))


# the slots' descriptors, in field order, for the hand-written __init__ of Marker and Node
(_set_marker_text, _set_marker_span, _set_marker_style, _set_marker_level, _set_marker_number,
 _set_marker_malformed) = (Marker.__dict__[a.name].__set__ for a in Marker.__attrs_attrs__)
(_set_node_marker, _set_node_title, _set_node_span, _set_node_title_span, _set_node_body_span,
 _set_node_children, _set_node_status, _set_node_status_span, _set_node_deadline) = (
    Node.__dict__[a.name].__set__ for a in Node.__attrs_attrs__)


def _collect_leaves(nodes: tuple[Node, ...], out: list[Node]) -> list[Node]:
    """Append the leaves under *nodes* to *out*, in order: one list for the whole walk, not a
    tuple built at every level (the checks ask for a notice's leaves ~25 times)."""
    for n in nodes:
        if n.children:
            _collect_leaves(n.children, out)
        else:
            out.append(n)
    return out
