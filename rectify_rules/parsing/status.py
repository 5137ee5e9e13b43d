"""Status and deadline phrases in the rectification text of one problem.

Status: the LAST explicit statement in the text wins — a body can list what was done and then
say "正在整改中，按计划2021年7月底前完成".

- completed: 已完成整改 / 完成整改 / 整改完成 / 已整改到位 / 目前已完成 / 已全部整改完毕 /
  已落实到位 / 已全部补缴到位 / 已办结 …, ending the clause (followed by punctuation, 并 …
  or the end of the text);
- ongoing: 正在整改(中) / 持续整改 / 目前(…)正在… / 目前正按计划… / 尚未完成 / 未完成整改 / 基本完成 /
  已基本…到位 / 申请延期整改, and a labelled state "整改进展：持续推进".

基本完成 ("basically done") is read as ongoing: a notice that says so has not closed the
problem, and CNT005 compares per-problem markers with the summary's 正在整改 count, where
such problems are counted as unfinished.

Deadline: a date followed by a completion verb ("2021年7月底前完成", "于2021年12月31日整改完成",
"8月底初稿完成", "12月完成修编"), preceded by "完成时限:", or a "…前" date right after a plan
word ("计划2023年3月底前全部化解") — the last one in the text. A date
after 已 / 已于 (done on that day) or 截至 / 截止 (as of) is not a deadline. Dates come from the
date scan (``dates.within(span)``); nothing is parsed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import DateFact, Span, Status

_HAN = r"\u4e00-\u9fff"
_CLAUSE_END = rf"(?=[^{_HAN}]|并|$)"
#: the status phrases, each beginning with a fixed character: joined, the engine skips in one
#: step every character no phrase begins with (behind a look-ahead, the pattern was entered
#: at every place of every body). Same-kind alternatives keep the order of the grammar
#: (tests/test_fast_parsing.py holds it as the reference); the empty group closing each
#: tells its kind.
_ONGOING = (
    "正在整改中?", "仍在整改中?", "纳入持续整改", "持续整改", "尚未(?:完成|整改|到位)", "未完成整改",
    "未整改到位", rf"已基本(?:完成|[{_HAN}]{{0,3}}到位)", rf"基本(?:完成|[{_HAN}]{{0,3}}到位)",
    "已经?申请延期(?:整改)?", "申请延期(?:整改)?", "延期整改",
    rf"目前[{_HAN}]{{0,4}}?正(?:在|按计划|有序|加紧|抓紧|稳步)(?=[{_HAN}])",
    "整改(?:状态|进展|进度)[ ]*[:：][ ]*(?:持续推进|正在推进|推进中|持续整改)",
    "完成情况[ ]*[:：][ ]*(?:持续推进|正在推进|推进中|持续整改)",
    rf"还在[{_HAN}]{{0,6}}中",
)
_COMPLETED = tuple(
    [f"{yi}(?:经)?(?:全部|全面|均)?(?:完成整改|整改完成|完成|整改|办结|销号)(?:到位|完毕|工作)?"
     f"{_CLAUSE_END}" for yi in "已己"]
    + [rf"{yi}(?:经)?(?:全部|全面|均)?[{_HAN}]{{1,4}}?(?:到位|完毕){_CLAUSE_END}" for yi in "已己"]
    + [f"完成整改{_CLAUSE_END}", f"整改(?:完成|完毕|到位){_CLAUSE_END}"])
_STATUS = re.compile("|".join([f"{alt}(?P<o{i}>)" for i, alt in enumerate(_ONGOING)]
                              + [f"{alt}(?P<c{i}>)" for i, alt in enumerate(_COMPLETED)]))
# a completion phrase in a clause that states an aim or a plan ("确保问题整改到位",
# "督促公司完成整改", "按计划于2021年12月31日整改完成") is not a status — unless the clause
# says it happened (已)
_CLAUSE_START = re.compile(r"[,，。;；:：!?！？\n]")
_AIM = re.compile(r"确保|力争|争取|做到|推动|督促|要求|务必|保证|以期|直至|计划|预计|将|需|应|前|时限")
_NEGATED_BEFORE = re.compile(r"[未没]$")
_COUNT_AFTER = re.compile(r"[ ]*(?:[0-9]+|[一二两三四五六七八九十]+)[ ]*[个项条件]")
_CLAUSE_LOOKBACK = 30

_AFTER_DATE = re.compile(  # possessive blanks: linear after a date followed by a long run
    rf"[ ]*+(?:底)?(?:前|以前|之前)?[ ]*+(?:需|要|将|可|能|应)?(?:全面|全部|基本)?"
    rf"(?:[{_HAN}]{{0,2}}?)(?:整改)?(?:完成|办结|整改到位)")
_BEFORE_DATE = re.compile(r"(?:完成|整改)(?:时限|期限|时间)[ ]*+[:：]?[ ]*+$")
_NOT_DEADLINE_BEFORE = re.compile(r"(?:已|已于|已在|已经|截至|截止|截止到|截至到)[ ]*$")
#: a plan word right before a "…前" date makes it a deadline whatever the verb after it
#: ("计划2023年3月底前全部化解", "力争6月底前全面建成")
_PLAN_BEFORE = re.compile(r"(?:计划|预计|力争|争取|确保|拟)(?:于|在)?[ ]*$")


def find_status(norm: str, span: Span) -> tuple[Status, Span] | None:
    """The last explicit status statement in ``norm[span]`` and its span, or None."""
    last: tuple[Status, Span] | None = None
    for m in _STATUS.finditer(norm, span.start, span.end):
        if _COUNT_AFTER.match(norm, m.end()):
            continue  # "已整改3项，部分整改2项": a count of the item's parts, not its status
        kind = "completed" if m.lastgroup[0] == "c" else "ongoing"
        if kind == "completed" and not m.group().startswith(("已", "己")):
            lo = max(span.start, m.start() - _CLAUSE_LOOKBACK)
            starts = [c.end() for c in _CLAUSE_START.finditer(norm, lo, m.start())]
            clause = norm[starts[-1] if starts else lo:m.start()]
            if _NEGATED_BEFORE.search(clause) or ("已" not in clause and _AIM.search(clause)):
                continue
        last = (kind, Span(m.start(), m.end()))
    return last


def find_deadline(norm: str, dates: Iterable[DateFact]) -> DateFact | None:
    """The last date among *dates* that is stated as a completion deadline in *norm*."""
    found: DateFact | None = None
    for d in dates:
        head = norm[max(0, d.span.start - 8):d.span.start]
        if _NOT_DEADLINE_BEFORE.search(head):
            continue
        if (_BEFORE_DATE.search(head) or _AFTER_DATE.match(norm, d.span.end)
                or (d.before and _PLAN_BEFORE.search(head))):
            found = d
    return found
