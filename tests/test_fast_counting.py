"""The counting side of the parser, rewritten for CPU time, gives what the plain forms gave.

Each plain form is kept here as the reference (the code it replaced, or the filter it
stands for); both run on the seeds, the variant notices and generated text made of the
characters the step reacts to.
"""

from __future__ import annotations

import bisect
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.parsing import breakdowns, counts, progress
from rectify_rules.text import SourceText

from test_fast_patterns import TEXTS

# ---- counts.Clauses: bounds searched on demand, as read from an index of every separator ----------

_CLAUSE_SEP = re.compile(r"[,;:。!?！？；：\n]")
_SENTENCE_CHARS = "。!?！？\n"


class _IndexedClauses:
    """The replaced form: every separator indexed up front, a look-up bisects."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.clauses = [m.start() for m in _CLAUSE_SEP.finditer(norm)]
        self.sentences = [p for p in self.clauses if norm[p] in _SENTENCE_CHARS]

    def _around(self, seps: list[int], pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(seps, pos - 1)
        return (seps[i - 1] + 1 if i > 0 else 0), (seps[i] if i < len(seps) else len(self.norm))

    def clause(self, pos: int) -> tuple[int, int]:
        return self._around(self.clauses, pos)

    def sentence(self, pos: int) -> tuple[int, int]:
        start, end = self._around(self.sentences, pos)
        seg = self.norm[start:end]
        return start + len(seg) - len(seg.lstrip()), start + len(seg.rstrip())


def _check_bounds(norm: str, positions) -> None:
    fast, plain = counts.Clauses(norm), _IndexedClauses(norm)
    for pos in positions:  # in any order: the last bounds found are kept and reused
        assert fast.clause(pos) == plain.clause(pos), pos
        assert fast.sentence(pos) == plain.sentence(pos), pos


def test_bounds_as_indexed_on_notices():
    for norm in TEXTS:
        _check_bounds(norm, range(0, len(norm) + 1, 3))
        _check_bounds(norm, range(len(norm), -1, -5))


_BOUND_PIECES = list("。!?！？\n,;:；：") + [" ", "\u3000", "文字", "整改", "3个"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BOUND_PIECES), max_size=30).map("".join),
       st.lists(st.integers(-2, 70), max_size=25))
def test_bounds_as_indexed_on_generated_text(norm, positions):
    _check_bounds(norm, positions)


def _reference_sentences(norm: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for sep in [*[m.start() for m in re.finditer(r"[。!?！？\n]", norm)], len(norm)]:
        seg = norm[start:sep]
        if seg.strip():
            out.append((start + len(seg) - len(seg.lstrip()), start + len(seg.rstrip())))
        start = sep + 1
    return out


#: the patterns the parser picks sentences with, and the old figure hint (a class alone)
_SENTENCE_PICKS = [progress._FIGURE_HINT, breakdowns._ANY_CUE, re.compile(r"[个项条件%]")]


def _check_sentences_with(norm: str) -> int:
    found = 0
    for rx in _SENTENCE_PICKS:
        plain = [(s, e) for s, e in _reference_sentences(norm) if rx.search(norm, s, e)]
        assert list(counts.Clauses(norm).sentences_with(rx)) == plain
        at = [m.start() for m in rx.finditer(norm)]
        assert list(counts.Clauses(norm).sentences_at(at)) == plain
        for least in (2, 3):  # the sentences holding that many offsets or more
            assert list(counts.Clauses(norm).sentences_at(at, least)) == [
                (s, e) for s, e in plain if sum(s <= p < e for p in at) >= least]
        found += len(plain)
    # the marks are the figure hints, and the marks the counts hold
    clauses = counts.Clauses(norm)
    assert clauses.marks(progress._HINT_MARKS) == [
        m.start() for m in progress._FIGURE_HINT.finditer(norm)]
    assert clauses.marks(counts._COUNT_MARKS) == [
        m.start() for m in re.finditer(r"[个项条大方]", norm)
        if m.start() > 0 and re.match(r"\d|[" + counts.CN_NUM_CHARS + "]", norm[m.start() - 1])]
    return found


def test_sentences_with_a_match_as_filtered_on_notices():
    assert sum(_check_sentences_with(norm) for norm in TEXTS) > 300


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BOUND_PIECES + ["共", "其中", "分别", "个", "项", "%", "一",
                                                 "两", "十"]), max_size=30).map("".join))
def test_sentences_with_a_match_as_filtered_on_generated_text(norm):
    _check_sentences_with(norm)


# ---- progress: the statements as the plain loop reads them -----------------------------------

def _statements_plain(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [i for i in range(start, end) if norm[i] == ";"]
    if not cuts:
        return [(start, end)]
    parts = list(zip([start, *(c + 1 for c in cuts)], [*cuts, end], strict=True))
    done = sum(1 for s, e in parts if any(m.group("done") for rx in (progress._PRE, progress._POST)
                                          for m in rx.finditer(norm, s, e)))
    if done < 2:
        return [(start, end)]
    return [(s + len(norm[s:e]) - len(norm[s:e].lstrip()), e) for s, e in parts
            if norm[s:e].strip()]


def _progress_plain(text: str):
    """parse_progress as the plain loop reads: every sentence, a hint of any unit character or
    "%" and a cue in it, its parts, and the figures read anew for each part."""
    from attrs import evolve

    from rectify_rules.parsing.dates import scan_dates

    src = SourceText(text)
    norm, ds, out = src.norm, scan_dates(src), []

    def hinted(s: int, e: int) -> bool:
        return re.search(r"[个项条件%]", norm[s:e]) is not None and bool(
            progress._CUE.search(norm, s, e))

    for start, end in _reference_sentences(norm):
        if not hinted(start, end):
            continue
        parts = _statements_plain(norm, start, end)
        if len(parts) == 1:
            st = progress._statement(src, start, end, ds, progress._figures(norm, start, end))
            out += [st] if st is not None else []
            continue
        as_of = progress._as_of(norm, start, end, ds)
        for s, e in parts:
            st = (progress._statement(src, s, e, ds, progress._figures(norm, s, e))
                  if hinted(s, e) else None)
            if st is not None:
                out.append(st if st.as_of is not None else evolve(st, as_of=as_of))
    return tuple(out)


def _progress_fast(text: str):
    from rectify_rules.parsing.dates import scan_dates

    src = SourceText(text)
    return progress.parse_progress(src, scan_dates(src))


def test_progress_as_read_plainly_on_notices():
    found = 0
    for text in TEXTS:
        fast = _progress_fast(text)
        assert fast == _progress_plain(text)
        found += len(fast)
    assert found > 20


_PROGRESS_PIECES = ["已完成", "整改", "正在整改", "完成率", "为", "共", "个", "项", "问题", "3",
                    "11", "两", "十", "一", "%", "件", "条", ",", ";", ";", "。", " ", "全部", "其中",
                    "剩余", "延期", "事", "8个", "5项", "已完成整改6个", "7个问题", "截至2021年6月底",
                    "2021年5月底前需完成整改1项"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PROGRESS_PIECES), max_size=30).map("".join))
def test_progress_as_read_plainly_on_generated_text(text):
    assert _progress_fast(text) == _progress_plain(text)


# ---- percentages: anchors found by literal search ------------------------------------------------

def _anchors_plain(norm: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"%|百分之", norm)]


def test_percent_anchors_as_searched_on_notices():
    assert sum(len(breakdowns._pct_anchors(norm)) for norm in TEXTS) > 10
    for norm in TEXTS:
        assert breakdowns._pct_anchors(norm) == _anchors_plain(norm)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["%", "百分之", "百", "分", "之", "百分", "3", " "]), max_size=20)
       .map("".join))
def test_percent_anchors_as_searched_on_generated_text(norm):
    assert breakdowns._pct_anchors(norm) == _anchors_plain(norm)


# ---- the marks that let a scan skip what cannot hold a count or a figure -------------------------

#: text made of what counts and figures are made of: numerals of both scripts, their units, the
#: nouns and the words around them
_FIGURE_PIECES = ["3", "11", "0", "２", "一", "两", "十", "二十五", "百", "万", "第", ".", "个", "项", "条",
                  "件", "大", "类", "方面", "问题", "具体", "表现", "整改任务", "任务清单", "整改事项",
                  "整改措施", "清单", "共", "总计", "合计", "线索", "“", "的", "工作", " ", ",", "。",
                  "%", "已完成", "正在整改", "完成率为", "全部", "中的"]


def _marks_hold(text: str) -> int:
    """Every count of _DECLARED holds a count mark; every figure, total and rate that
    progress reads (_PRE, _POST, _TOTAL, _RATE) holds a figure hint — in the match itself."""
    found = 0
    marks = counts.Clauses(text).marks(counts._COUNT_MARKS)
    for m in counts._DECLARED.finditer(text):
        assert any(m.start() <= p < m.end() for p in marks), m
        found += 1
    hints = counts.Clauses(text).marks(progress._HINT_MARKS)
    for rx in (progress._PRE, progress._POST, progress._TOTAL, progress._RATE):
        for m in rx.finditer(text):
            assert progress._FIGURE_HINT.search(text, m.start(), m.end()), m
            assert any(m.start() <= p < m.end() for p in hints), m
            found += 1
    return found


def test_counts_and_figures_hold_their_marks_on_notices():
    assert sum(_marks_hold(text) for text in TEXTS) > 100


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_FIGURE_PIECES), max_size=24).map("".join))
def test_counts_and_figures_hold_their_marks_on_generated_text(text):
    _marks_hold(text)


# ---- breakdowns: a sentence with fewer than three figure marks is not read -----------------------

def _breakdowns_plain(text: str):
    """parse_breakdowns as the plain loop reads: every sentence with a cue."""
    src = SourceText(text)
    return tuple(b for s, e in _reference_sentences(src.norm)
                 if breakdowns._ANY_CUE.search(src.norm, s, e)
                 for b in breakdowns._sentence_breakdowns(src, s, e))


def test_breakdowns_as_read_plainly_on_notices():
    found = 0
    for text in TEXTS:
        fast = breakdowns.parse_breakdowns(SourceText(text))
        assert fast == _breakdowns_plain(text)
        found += len(fast)
    assert found >= 4


#: clauses of breakdowns: totals, triggers, labelled parts, and what breaks them
_BREAKDOWN_PIECES = ["共处理12名", "共有机构21个", "合计5家", "共3个", "其中", "其中:", "给予", "分别",
                     "政务处分1人", "诫勉谈话1人", "提醒谈话11人", "已撤销12个", "调整4个", "保留5个",
                     "新增2个", "涉及科级干部4人", "10.5万元", "两人", "党员3名", "组织学习45次", "12名",
                     "3个", "工作"]
_BREAKDOWN_SEPS = [",", ",", ",", ";", "、", "。", " ", ""]
_BREAKDOWN_CLAUSES = st.lists(st.tuples(st.sampled_from(_BREAKDOWN_PIECES),
                                        st.sampled_from(_BREAKDOWN_SEPS)).map("".join),
                              max_size=6).map("".join)
#: a total and parts of its unit (and one of another unit)
_TOTALS_AND_PARTS = [("共处理12名", ["政务处分1人", "诫勉谈话1人", "提醒谈话11人", "两人", "调整4个"]),
                     ("共有机构21个", ["已撤销12个", "调整4个", "保留5个", "新增2个", "党员3名"]),
                     ("企业43家", ["四上企业24家", "规上企业9家", "其他10家", "3个"]),
                     ("共3个", ["一个", "二个", "10.5万元"])]


def _breakdown_form(total_parts):
    total, parts = total_parts
    return st.tuples(st.just(total), st.sampled_from([",", ",其中", ",其中:", ",给予", "给予", ",分别"]),
                     st.lists(st.sampled_from(parts), max_size=4).map(",".join),
                     st.sampled_from(["。", ",", ";", ""]), _BREAKDOWN_CLAUSES).map("".join)


#: free clauses, or the form a breakdown takes (a total, a trigger maybe, parts) and clauses
_BREAKDOWN_TEXT = st.one_of(_BREAKDOWN_CLAUSES,
                            st.sampled_from(_TOTALS_AND_PARTS).flatmap(_breakdown_form))


@settings(max_examples=1000, deadline=None)
@given(_BREAKDOWN_TEXT)
def test_breakdowns_as_read_plainly_on_generated_text(text):
    assert breakdowns.parse_breakdowns(SourceText(text)) == _breakdowns_plain(text)


def _figures_hold_marks(text: str) -> int:
    """Every figure a breakdown is made of (_FIG: totals, _ITEM: parts) holds a mark."""
    marks = counts.Clauses(text).marks(breakdowns._FIG_MARKS)
    found = 0
    for rx in (breakdowns._FIG, breakdowns._ITEM):
        for m in rx.finditer(text):
            assert any(m.start("n") <= p < m.end("u") for p in marks), m
            found += 1
    return found


def test_breakdown_figures_hold_marks_on_notices():
    assert sum(_figures_hold_marks(text) for text in TEXTS) > 100


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BREAKDOWN_PIECES + _BREAKDOWN_SEPS + ["万元", "亿元", "元", "５", "〇",
                                                                       "廿", "二十", "3.5"]),
                max_size=20).map("".join))
def test_breakdown_figures_hold_marks_on_generated_text(text):
    _figures_hold_marks(text)


def test_the_marks_hold_every_unit_a_breakdown_reads():
    assert set(breakdowns._FIG_MARKS) <= set(counts.MARK_CHARS)


# ---- breakdowns: clause bounds (split at , and ;) by literal search -------------------------------

def _clause_start_plain(norm: str, lo: int, at: int) -> int:
    return max([lo] + [m.end() for m in re.finditer(r"[,;]", norm) if lo <= m.start() < at])


def _clause_end_plain(norm: str, at: int, hi: int) -> int:
    return next((m.start() for m in re.finditer(r"[,;]", norm) if at <= m.start() < hi), hi)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=",;:。 文", max_size=20), st.integers(0, 22), st.integers(0, 22))
def test_clause_bounds_as_searched_on_generated_text(norm, a, b):
    assert breakdowns._clause_start(norm, a, b) == _clause_start_plain(norm, a, b)
    assert breakdowns._clause_end(norm, a, b) == _clause_end_plain(norm, a, b)
