"""Count claims about the feedback, progress statements, breakdowns and percentages.

Entry point: :func:`parse_counts`. Approach: precompiled ``re`` candidates on ``src.norm``
(1:1 with the original, so every offset found is an original offset), each candidate checked
against its clause / sentence. This module holds the declared counts ("共反馈3个方面11个问题")
and the small text helpers shared with :mod:`.progress` and :mod:`.breakdowns`.

Declared counts are only taken in feedback context: the clause (text between , ; : 。 ! ? and
line breaks) must mention 反馈/巡察/巡视/整改任务/整改措施/整改事项/提出的/指出的/交办, or the
lists the feedback was broken into (台账/清单/分解/逐条/逐项: "建立了3个方面12项具体问题台账",
"分解形成58个“问题清单”") — or continue such a clause ("反馈问题12个,涉及3个方面") — and the
count must not be a completion figure ("已整改8个问题" is progress, not a claim about the
feedback). Every count says what it counts (``Count.quantity``); "43项具体问题表现" counts the
manifestations of the problems, not problems. A part is no total: what somebody took on
("主要负责人主动认领6项整改任务"), one of a kind ("每一个问题"), a part of a count ("…中的5个").

A clause that only has a problem verb (指出/发现/查摆/梳理/查找/提出/交办/移交 …) is taken from
the verb on when the feedback is what the verb is about: an earlier clause of its sentence
mentions 反馈/巡察/巡视 ("…反馈了巡察意见,指出了3个方面11个问题"), or the clause opens its
sentence ("共指出…") right after a sentence that does; after a verb, 方面/大类 count only
when problems follow in the clause ("梳理出5个方面的制度漏洞" is none). A clause or a step
back that names another activity (自查, 专项检查, 排查, 举一反三, 民主生活会 …) stops it:
problems found by the unit's own checks are not the feedback. Never counts: "问题线索" (case leads), and
"N个方面的工作/措施/建议 …" (what the unit will do, not what was found).
"""

from __future__ import annotations

import bisect
import re

from attrs import frozen

from ..model import Breakdown, Count, Percentage, Progress, Span
from ..text import SourceText
from .numerals import CN_NUM_CHARS, MAX_LEN, cn_to_int

__all__ = ["Counts", "parse_counts", "NUM", "DEC", "number_value", "Clauses", "MARK_CHARS"]

#: a numeral: Arabic digits, or Chinese numerals starting with a digit character (a bare
#: 万/百/千 is not a number). Never the tail of a longer number, never an ordinal (第…).
#: Its first character is read first and what stands before it checked behind (a pattern
#: that starts with a class lets the engine skip to it; a look-ahead or a look-behind first
#: made it try every place): tests/test_fast_parsing.py keeps the plain form.
_CN_FIRST = "〇零一二两三四五六七八九十廿卅"
NUM = (rf"(?:[\d{_CN_FIRST}](?:(?<=\d)(?<![\d.第]\d)\d*"
       rf"|(?<=[{_CN_FIRST}])(?<![{CN_NUM_CHARS}第].)[{CN_NUM_CHARS}]*))")
#: a numeral that may carry decimals (percentages, amounts)
DEC = (rf"(?:[\d{_CN_FIRST}](?:(?<=\d)(?<![\d.第]\d)\d*(?:\.\d+)?"
       rf"|(?<=[{_CN_FIRST}])(?<![{CN_NUM_CHARS}第].)[{CN_NUM_CHARS}]*))")

_CLAUSE_SEP = re.compile(r"[,;:。!?！？；：\n]")
_SENTENCE_SEP = re.compile(r"[。!?！？\n]")

#: what follows "N个方面" when the aspects are of work, not of problems ("3个方面的工作")
_NOT_PROBLEMS = r"(?:工作|措施|举措|建议|经验|做法|成效|目标|内容)"
_Q = r"[“\"‘']?"  # a list's name may be quoted: 58个“问题清单”
_DECLARED = re.compile(
    rf"(?=[\d{CN_NUM_CHARS}问整任])(?:(?P<categories>(?P<n_cat>{NUM})个?大(?:类|方面|项))"
    rf"|(?P<aspects>(?P<n_asp>{NUM})个?方面(?!的?(?:整改)?{_NOT_PROBLEMS}))"
    rf"|(?P<items>(?P<n_item>{NUM})项(?={NUM}[个项条]?(?:具体)?问题))"
    # "43项具体问题表现": what the problems showed as, not problems
    rf"|(?P<manifestations>(?P<n_man>{NUM})[个项条](?:具体)?(?:问题)?表现)"
    rf"|(?P<problems>(?P<n_prob>{NUM})[个项条]{_Q}(?:具体)?问题(?:清单)?(?!线索|表现)"
    rf"|问题(?:共|总计|合计)?(?P<n_prob2>{NUM})[个项条](?!个|大|方面)"
    # "反馈问题3个方面11个": the problems counted right after the aspects
    rf"|(?<=方面)(?P<n_prob3>{NUM})[个项条](?=\s*(?:[,;:。!?、()]|$)))"
    rf"|(?P<tasks>(?P<n_task>{NUM})[个项条]{_Q}(?:具体)?(?:整改任务|任务清单|整改事项)"
    rf"|(?:整改任务|整改事项)(?:共)?(?P<n_task2>{NUM})[个项条])"
    rf"|(?P<measures>(?P<n_meas>{NUM})[条项](?:具体)?整改措施"
    rf"|整改措施(?:共)?(?P<n_meas2>{NUM})[条项]))")
#: a mark: a numeral right before a unit of what the parser counts, or a "%". Every count (each
#: branch of _DECLARED) holds one of 个项条大方 (大类, 方面), every figure of a progress statement
#: one of 个项条件 and every rate a "%" (:mod:`.progress`), every figure of a breakdown the first
#: character of its unit (:mod:`.breakdowns`): one scan of the text finds them for all.
#: The class comes first (the engine skips ahead to it), the look-behind then checks the numeral
#: (the last character of NUM and DEC is a digit or a Chinese numeral character).
MARK_CHARS = "个项条件大方%名人家次户宗起批份篇所处村套栋辆台万亿元"
_MARK = re.compile(rf"[{MARK_CHARS}](?:(?<=%)|(?<=[\d{CN_NUM_CHARS}].))")
#: the characters of the marks every count holds
_COUNT_MARKS = "个项条大方"
#: the first character of every numeral NUM matches (a clause without one holds no count)
_NUMERAL = re.compile(r"[\d〇零一二两三四五六七八九十廿卅]")
#: a clause that tells of the feedback, or of the lists the feedback was broken into ("建立了3个
#: 方面12项具体问题台账", "分解形成58个“问题清单”", "对9个方面27个问题逐条进行了整改",
#: "共涉及整改事项64项")
_FEEDBACK_CONTEXT = re.compile(r"反馈|巡察|巡视|整改任务|整改措施|整改事项|提出的|指出的|交办"
                               r"|台账|清单|分解|逐条|逐项")
#: what before a count makes it a part, not the total: a subset somebody took on ("主要负责人
#: 主动认领6项整改任务"), one of a kind ("每一个问题"), a part of a larger count ("…中的43项")
_PART_BEFORE = re.compile(r"(?:认领|领办|牵头|分管|承担|每|各|中的|其中)\s*$")
_PART_CLAUSE = re.compile(r"认领|领办|牵头负责|分管")
#: a problem verb: its clause holds feedback counts when the feedback is what it is about
_PROBLEM_VERB = re.compile(r"指出|发现|查摆|梳理|查找|查出|提出|交办|移交")
_CUE = re.compile(f"{_FEEDBACK_CONTEXT.pattern}|{_PROBLEM_VERB.pattern}")
_INSPECTION = re.compile(r"反馈|巡察|巡视")
#: another activity than the feedback: problems it finds are the unit's own
_OTHER_ACTIVITY = re.compile(r"自查|自纠|自检|检查|排查|督查|核查|清查|抽查|审计|专项整治|"
                             r"举一反三|民主生活会|组织生活会|专题会")
_SENTENCE_OPENING = re.compile(r"\s*+(?:共|共计|一共|合计|总计)?\s*+$")  # possessive: linear
#: how many clauses back a problem verb looks for the feedback
_LOOK_BACK = 4
_CONTINUATION = re.compile(r"\s*(?:涉及|包括|分为|归纳为|分属|涵盖)")
#: a completion / ongoing verb right before a count: the count is progress, not a claim
_PROGRESS_BEFORE = re.compile(
    r"(?:完成|整改|推进|落实|办结|销号|剩余|尚有|还有|仍有|正在|持续|未)(?:了|的)?\s*$")
_GROUPS = {"categories": ("n_cat",), "aspects": ("n_asp",), "items": ("n_item",),
           "manifestations": ("n_man",),
           "problems": ("n_prob", "n_prob2", "n_prob3"), "tasks": ("n_task", "n_task2"),
           "measures": ("n_meas", "n_meas2")}


@frozen
class Counts:
    """What :func:`parse_counts` found, each tuple in text order."""

    declared: tuple[Count, ...] = ()
    progress: tuple[Progress, ...] = ()
    breakdowns: tuple[Breakdown, ...] = ()
    percentages: tuple[Percentage, ...] = ()


def number_value(s: str) -> int | float | None:
    """Arabic (with decimals) or Chinese numeral → number; None if it is not one."""
    if not s:
        return None
    if "." in s:
        if len(s) > MAX_LEN + 1:  # bounded as cn_to_int is: never inf, never a huge float
            return None
        try:
            return float(s)
        except ValueError:
            return None
    return cn_to_int(s)


class Clauses:
    """Clause and sentence bounds in one normalised text, found where they are asked for.

    A bound is searched for from the offset asked about: the end forward in the text, the start
    forward in the text reversed. A look-up reads a few characters, where indexing every
    separator of a notice up front (some 700) cost more than all its look-ups together. The last
    clause and the last sentence found are kept: a look-up inside the same one (the counts of one
    clause, the percentages of one sentence) is answered without a search, so a huge run without
    separators is read once, not once per look-up (tests/test_fast_parsing.py keeps the indexed
    form as the reference)."""

    __slots__ = ("norm", "_rev", "_clause", "_sentence", "_marks")

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self._rev: str | None = None  # norm reversed, made at the first look-up
        self._clause = (1, 0)  # (start, end) of the last clause found; none yet
        self._sentence = (1, 0, 1, 0)  # (start, end) of the last sentence, then trimmed
        self._marks: list[int] | None = None

    def marks(self, chars: str) -> list[int]:
        """Where the marks (:data:`_MARK`) whose character is one of *chars* stand, in order
        (the text is scanned once for all of them)."""
        if self._marks is None:
            self._marks = [m.start() for m in _MARK.finditer(self.norm)]
        norm = self.norm
        return [p for p in self._marks if norm[p] in chars]

    def _bounds(self, sep: re.Pattern, pos: int) -> tuple[int, int]:
        """From the last separator before *pos* (excluded) to the first at or after it."""
        norm = self.norm
        size = len(norm)
        m = sep.search(norm, pos)
        end = m.start() if m is not None else size
        rev = self._rev
        if rev is None:
            rev = self._rev = norm[::-1]
        m = sep.search(rev, size - pos)  # offset i of norm is size - 1 - i of rev
        return (size - m.start() if m is not None else 0), end

    def clause(self, pos: int) -> tuple[int, int]:
        """[start, end) of the clause containing offset *pos* (separators excluded); at a
        separator, the clause it ends."""
        start, end = self._clause
        if not start <= pos <= end:  # no separator in [start, end): the same clause
            start, end = self._clause = self._bounds(_CLAUSE_SEP, pos)
        return start, end

    def sentence(self, pos: int) -> tuple[int, int]:
        """[start, end) of the sentence containing *pos*, surrounding spaces trimmed."""
        start, end, t_start, t_end = self._sentence
        if not start <= pos <= end:
            start, end = self._bounds(_SENTENCE_SEP, pos)
            seg = self.norm[start:end]
            t_start, t_end = start + len(seg) - len(seg.lstrip()), start + len(seg.rstrip())
            self._sentence = (start, end, t_start, t_end)
        return t_start, t_end

    def sentences_at(self, offsets: list[int], least: int = 1):
        """The sentences (trimmed) holding *least* of *offsets* or more (offsets in order, none
        on a blank or a separator), in text order, each once. With *least* above one, a
        sentence holding fewer is passed by its end alone (one search, no look-up)."""
        norm, size, i, n = self.norm, len(self.norm), 0, len(offsets)
        while i < n:
            if least <= 1:
                start, end = self.sentence(offsets[i])
                yield start, end
            else:
                m = _SENTENCE_SEP.search(norm, offsets[i])
                end = m.start() if m is not None else size
                if bisect.bisect_left(offsets, end, i) - i >= least:
                    yield self.sentence(offsets[i])
            i = bisect.bisect_left(offsets, end, i + 1)  # the first in a later sentence

    def sentences_with(self, rx: re.Pattern):
        """The sentences (trimmed) holding a match of *rx*, in text order, each once: what
        filtering every non-blank sentence with ``rx.search(norm, start, end)`` gives, when a
        match of *rx* neither starts with a blank nor holds a sentence separator. Searched
        from each match to the end of its sentence, then on: the sentences without one are
        never visited (most of a notice's ~180 sentences)."""
        norm, pos = self.norm, 0
        while (m := rx.search(norm, pos)) is not None:
            start, end = self.sentence(m.start())
            pos = end
            yield start, end


def _verb_about_feedback(norm: str, clauses: Clauses, c_start: int, verb: re.Match) -> bool:
    """Whether the problem *verb* of the clause at *c_start* reports the feedback."""
    if _OTHER_ACTIVITY.search(norm, c_start, verb.start()):
        return False
    s_start, _ = clauses.sentence(c_start)
    pos = c_start
    for _ in range(_LOOK_BACK):
        if pos - 1 < s_start:
            break
        p_start, p_end = clauses.clause(pos - 1)  # the clause ending at the separator
        if _OTHER_ACTIVITY.search(norm, p_start, p_end):
            return False
        if _INSPECTION.search(norm, p_start, p_end):
            return True
        pos = p_start
    # "…反馈了巡察意见。共指出问题11个": the verb opens its sentence after the feedback
    if c_start > s_start or not _SENTENCE_OPENING.match(norm, c_start, verb.start()):
        return False
    j = s_start - 1
    while j >= 0 and norm[j] in " \t":
        j -= 1
    if j < 0 or norm[j] not in "。!?！？":
        return False
    p_start, p_end = clauses.sentence(j)
    return (_INSPECTION.search(norm, p_start, p_end) is not None
            and not _OTHER_ACTIVITY.search(norm, p_start, p_end))


def _candidates(norm: str, clauses: Clauses):
    """Count phrases inside the clauses that mention the feedback (each clause once).

    Read as the plain loop over every cue reads them (``tests/test_fast_scans.py`` keeps it),
    with two skips. After a clause is read the next cue is searched from its end (a cue holds
    no separator). And only the clauses that may lead to a count are read: a count holds a
    count mark (:data:`_MARK`, :data:`_COUNT_MARKS`), so a clause without one gives nothing itself, and the
    loop jumps to the clause of the next mark — or to the first of the clauses before it that
    each continue the one before them ("反馈问题12个,涉及3个方面": a continuation is read with
    the clause before it, which must then be read too). Most cue clauses of a notice
    ("整改任务", "巡察反馈") hold no count and are never read."""
    search, size, pos = _CUE.search, len(norm), 0
    marks = clauses.marks(_COUNT_MARKS)
    mark_at = q_end = r_start = -1  # the next mark, the end of its clause, where to read from
    while True:
        if mark_at < pos:
            i = bisect.bisect_left(marks, pos)
            if i == len(marks):
                return  # no count after pos
            mark_at = marks[i]
            r_start, q_end = clauses.clause(mark_at)
            r_end = q_end
            while (r_start > pos and norm[r_start - 1] in ",;"
                   and _CONTINUATION.match(norm, r_start, r_end)):
                r_start, r_end = clauses.clause(r_start - 1)
        pos = max(pos, r_start)
        cue = search(norm, pos, q_end)  # a cue holds no separator: it ends in its clause
        if cue is None:  # no cue up to the mark: its clause is never read
            pos = q_end
            continue
        start, end = clauses.clause(cue.start())
        pos = end
        if _FEEDBACK_CONTEXT.search(norm, start, end):
            if _OTHER_ACTIVITY.search(norm, start, end) and not _INSPECTION.search(norm, start, end):
                continue  # "自查发现问题12个，建立台账": the unit's own checks
            if _NUMERAL.search(norm, start, end):  # every count holds a numeral
                yield from _DECLARED.finditer(norm, start, end)
        elif _verb_about_feedback(norm, clauses, start, cue):
            # "梳理出5个方面的制度漏洞": after a verb, aspects count only problems
            yield from (m for m in _DECLARED.finditer(norm, cue.end(), end)
                        if m.group("aspects") is None and m.group("categories") is None
                        or "问题" in norm[m.end():end])
        else:
            continue
        # "反馈问题12个,涉及3个方面": a continuation clause shares the context
        if end < size and norm[end] in ",;":
            n_start, n_end = clauses.clause(end + 1)
            if _CONTINUATION.match(norm, n_start, n_end):
                pos = n_end  # its cues are read with it
                yield from _DECLARED.finditer(norm, n_start, n_end)


def parse_declared(src: SourceText, clauses: Clauses | None = None) -> tuple[Count, ...]:
    """Every count claim about the feedback ("3个方面", "11个问题", "二十五项整改任务")."""
    norm = src.norm
    clauses = clauses or Clauses(norm)
    out: list[Count] = []
    for m in _candidates(norm, clauses):
        quantity = m.lastgroup
        if quantity is None or quantity.startswith("n_"):
            quantity = next(q for q in _GROUPS if m.group(q) is not None)
        num = next(m.group(g) for g in _GROUPS[quantity] if m.group(g) is not None)
        value = cn_to_int(num)
        if value is None or value <= 0:
            continue
        if quantity == "aspects" and value == 1 and "个" not in m.group():
            continue  # "一方面……另一方面" is a connective, not a count
        c_start, _ = clauses.clause(m.start())
        before = norm[max(c_start, m.start() - 8):m.start()]
        if _PROGRESS_BEFORE.search(before):
            continue
        if quantity != "manifestations" and (
                _PART_BEFORE.search(before) or _PART_CLAUSE.search(norm, c_start, m.start())):
            continue
        span = Span(m.start(), m.end())
        out.append(Count(quantity=quantity, value=value, text=src.slice(span), span=span))
    return tuple(out)


def parse_counts(src: SourceText, dates=None) -> Counts:
    """Declared counts, progress statements, breakdowns and percentages of *src*.

    *dates* is the :class:`DateScan` of the same text (``.within(span)``); without it the
    progress statements carry no as-of date and no deadline breakdown. Never raises on a
    document: what is not recognised is left out.
    """
    from .breakdowns import parse_breakdowns, parse_percentages
    from .progress import link_rates, parse_progress

    clauses = Clauses(src.norm)
    progress = parse_progress(src, dates, clauses)
    return Counts(declared=parse_declared(src, clauses),
                  progress=progress,
                  breakdowns=parse_breakdowns(src, clauses),
                  percentages=link_rates(src, progress, parse_percentages(src, clauses)))
