"""Declared counts (claims about the feedback), the seeds end to end, and robustness."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.model import Span
from rectify_rules.parsing.counts import Counts, parse_counts, parse_declared
from rectify_rules.parsing.dates import scan_dates
from rectify_rules.text import SourceText

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def at(text: str, sub: str, nth: int = 0) -> Span:
    """The span of the *nth* occurrence of *sub* in *text* (written from reading the text)."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return Span(i, i + len(sub))


def declared(text: str) -> list[tuple[str, int, str, Span]]:
    return [(c.quantity, c.value, c.text, c.span) for c in parse_declared(SourceText(text))]


def test_aspects_and_problems():
    t = "2021年1月27日,进行巡察意见反馈,共反馈3个方面11个问题。截至目前,已整改8个问题。"
    assert declared(t) == [("aspects", 3, "3个方面", at(t, "3个方面")),
                           ("problems", 11, "11个问题", at(t, "11个问题"))]


def test_categories_aspects_specific_problems_and_measures():
    t = ("中心党组针对县委第四巡察组反馈的3大类10个方面19个具体问题,及时召开党组会议,"
         "制定了24条整改措施,细化落实整改责任。")
    assert declared(t) == [("categories", 3, "3大类", at(t, "3大类")),
                           ("aspects", 10, "10个方面", at(t, "10个方面")),
                           ("problems", 19, "19个具体问题", at(t, "19个具体问题")),
                           ("measures", 24, "24条整改措施", at(t, "24条整改措施"))]


def test_items_only_when_further_counts_follow():
    t = "根据《市委联动巡察组巡察鲤城高新区的反馈意见》提出的4个方面15项29个问题,逐一对照。"
    assert declared(t) == [("aspects", 4, "4个方面", at(t, "4个方面")),
                           ("items", 15, "15项", at(t, "15项")),
                           ("problems", 29, "29个问题", at(t, "29个问题"))]


def test_chinese_numerals():
    t = "县委巡察组反馈了五方面17项问题;巡察反馈的二十五项整改任务;巡视指出三个方面的问题"
    assert declared(t) == [("aspects", 5, "五方面", at(t, "五方面")),
                           ("problems", 17, "17项问题", at(t, "17项问题")),
                           ("tasks", 25, "二十五项整改任务", at(t, "二十五项整改任务")),
                           ("aspects", 3, "三个方面", at(t, "三个方面"))]


def test_tasks_and_measures_noun_first():
    t = "截至目前,巡察反馈的25项整改任务已按期完成17项。逐条对照问题清单制定整改措施25条,建立体系。"
    assert declared(t) == [("tasks", 25, "25项整改任务", at(t, "25项整改任务")),
                           ("measures", 25, "整改措施25条", at(t, "整改措施25条"))]


def test_full_width_and_ideographic_space():
    t = "县委巡察组反馈问题共１２个，涉及３个方面。\u3000截至目前\r\n已整改"
    assert declared(t) == [("problems", 12, "问题共１２个", at(t, "问题共１２个")),
                           ("aspects", 3, "３个方面", at(t, "３个方面"))]


@pytest.mark.parametrize("text", [
    "严格贯彻落实中央八项规定精神,巡察反馈后立即整改",
    "巡察整改中落实“三会一课”制度,增强“四个意识”,落实“两个责任”",
    "巡察反馈后研究“三重一大”事项,争取纳入“十四五”规划",
    "新区津补贴专项自查,共梳理问题37项,涉及金额32.24万元",
    "巡察反馈以来,已将1083项审批事项全部上线,出台14项制度办法,签约12个项目",
    "针对巡察反馈问题,已整改8个问题,3个问题纳入持续整改",  # progress, not a claim
    "一方面巡察反馈的意见很中肯,另一方面整改要持续",
])
def test_not_declared_counts(text):
    assert declared(text) == []


def test_not_in_feedback_context():
    assert declared("本次专题民主生活会共查摆问题11条,制定措施3条") == []


# ----------------------------------------------------------------------------- seeds

EXPECTED_DECLARED = {  # written by reading each notice
    "000": {"aspects": {3}, "problems": {11}},
    "001": {"categories": {3}, "aspects": {10}, "problems": {19}, "measures": {24}},
    "002": {"tasks": {25}, "measures": {25}},
    "003": {"aspects": {4}, "items": {15}, "problems": {29}},
    "004": {},
}


def _seed(prefix: str) -> tuple[SourceText, Counts]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    src = SourceText(path.read_text(encoding="utf-8"))
    return src, parse_counts(src, scan_dates(src))


@pytest.mark.parametrize("prefix", sorted(EXPECTED_DECLARED))
def test_seed_declared(prefix):
    src, counts = _seed(prefix)
    got: dict[str, set[int]] = {}
    for c in counts.declared:
        got.setdefault(c.quantity, set()).add(c.value)
        assert src.original[c.span.start:c.span.end] == c.text
    assert got == EXPECTED_DECLARED[prefix]


def test_seed_002_two_disagreeing_progress_statements():
    _, counts = _seed("002")
    got = [(p.total.value, p.completed.value, p.ongoing.value) for p in counts.progress]
    assert got == [(25, 17, 8), (25, 18, 7)]


def test_seed_000_progress_without_total():
    _, counts = _seed("000")
    [p] = counts.progress
    assert (p.total, p.completed.value, p.ongoing.value) == (None, 8, 3)


@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_seeds_without_progress_statement(prefix):
    assert _seed(prefix)[1].progress == ()


def test_seed_003_breakdown_does_not_add_up():
    _, counts = _seed("003")
    b = next(b for b in counts.breakdowns if b.total.value == 12)
    assert b.unit == "名"
    assert [(p.label, p.value.value) for p in b.parts] == [
        ("政务处分", 1), ("诫勉谈话", 1), ("提醒谈话", 11)]


# ----------------------------------------------------------------------------- robustness

_ALPHABET = st.sampled_from(list("共反馈巡察3个方面11问题项条整改任务措施已完成正在其中给予人名"
                                 "%百分之占比率未截至2021年5月底前需,，;。()（）、\n\r\u3000 "
                                 "一二三十两〇"))


@settings(max_examples=150, deadline=None)
@given(st.text(_ALPHABET, max_size=80))
def test_never_raises_and_spans_inside(text):
    src = SourceText(text)
    counts = parse_counts(src, scan_dates(src))
    n = len(text)
    spans = [c.span for c in counts.declared]
    for p in counts.progress:
        spans.append(p.span)
        spans += [f.span for f in (p.total, p.completed, p.ongoing, p.rate) if f is not None]
        spans += [d.span for d in p.breakdown]
    for b in counts.breakdowns:
        spans += [b.span, b.total.span] + [p.value.span for p in b.parts]
    spans += [q.span for q in counts.percentages]
    for s in spans:
        assert 0 <= s.start <= s.end <= n
    for c in counts.declared:
        assert text[c.span.start:c.span.end] == c.text


# ----------------------------------------------------------------------------- 指出 / 发现 …

def test_zhichu_after_the_feedback_clause():
    t = "2021年6月10日，县委第二巡察组向青山县农业农村局党组反馈了巡察意见，指出了3个方面11个问题。"
    assert declared(t) == [("aspects", 3, "3个方面", at(t, "3个方面")),
                           ("problems", 11, "11个问题", at(t, "11个问题"))]


def test_gong_zhichu_and_noun_first_with_continuation():
    t = "2021年1月27日,县委第二巡察组向我局反馈巡察意见,共指出3个方面11个问题。"
    assert declared(t) == [("aspects", 3, "3个方面", at(t, "3个方面")),
                           ("problems", 11, "11个问题", at(t, "11个问题"))]
    t = "县委巡察组于2021年1月27日反馈意见,指出问题11个,涉及3个方面。"
    assert declared(t) == [("problems", 11, "问题11个", at(t, "问题11个")),
                           ("aspects", 3, "3个方面", at(t, "3个方面"))]


def test_inspection_group_as_subject_with_chinese_numerals():
    t = "巡察组指出三个方面五个问题,提出了整改意见。"
    assert declared(t) == [("aspects", 3, "三个方面", at(t, "三个方面")),
                           ("problems", 5, "五个问题", at(t, "五个问题"))]


def test_verb_opening_the_sentence_after_the_feedback_sentence():
    t = "2021年6月10日,县委第二巡察组向我局反馈了巡察意见。共指出问题11个,涉及3个方面。"
    assert declared(t) == [("problems", 11, "问题11个", at(t, "问题11个")),
                           ("aspects", 3, "3个方面", at(t, "3个方面"))]
    # the previous sentence is not about the feedback: nothing
    assert declared("全局召开了专题会议。共指出问题11个,涉及3个方面。") == []


def test_shuli_of_the_feedback_with_measures():
    t = "根据县委第二巡察组反馈意见,共梳理出3个方面11个问题,制定整改措施42条。"
    assert declared(t) == [("aspects", 3, "3个方面", at(t, "3个方面")),
                           ("problems", 11, "11个问题", at(t, "11个问题")),
                           ("measures", 42, "整改措施42条", at(t, "整改措施42条"))]


@pytest.mark.parametrize("text", [
    # an own check after the feedback: what it finds is not the feedback
    "针对巡察反馈的问题,开展专项检查,共发现问题12个,已整改12个。",
    "对照巡察组指出的问题,举一反三,查摆问题5个。",
    "巡察反馈后,局党组开展自查发现问题3个。",
    # no count at all
    "县委第二巡察组反馈了巡察意见,指出贯彻执行中央八项规定精神不严格等问题。",
    # aspects of work, not of problems (next steps)
    "下一步,针对巡察指出的问题重点抓好3个方面的工作。",
    "下一步,我们将巩固巡察整改成果,重点梳理3个方面的工作。",
    "县委第二巡察组反馈意见后,我局提出3个方面的整改建议。",
    # after a verb, aspects of something else than problems
    "围绕巡察反馈意见,梳理出5个方面的制度漏洞。",
    # case leads handed over are not feedback problems
    "巡察组移交2条问题线索,已全部办结。",
    # a problem verb in a sentence that does not mention the inspection
    "在日常工作中发现问题3个,均已整改。",
])
def test_problem_verbs_not_about_the_feedback(text):
    assert declared(text) == []


def test_problems_counted_right_after_the_aspects():
    t = "巡察组共反馈问题4个方面23个，提出整改意见建议6条。"
    assert declared(t) == [("aspects", 4, "4个方面", at(t, "4个方面")),
                           ("problems", 23, "23个", at(t, "23个"))]
    t = "共反馈问题12个。"
    assert declared(t) == [("problems", 12, "问题12个", at(t, "问题12个"))]


def test_categories_written_as_da_xiang():
    t = "市委第三巡察组反馈了巡察意见，指出存在的问题共计3大项、18个具体问题。"
    assert declared(t) == [("categories", 3, "3大项", at(t, "3大项")),
                           ("problems", 18, "18个具体问题", at(t, "18个具体问题"))]


def test_hangai_continues_the_feedback_clause():
    t = "巡察组向我局反馈了问题清单，涵盖3个方面17个具体问题。"
    assert [(q, v) for q, v, _, _ in declared(t)] == [("aspects", 3), ("problems", 17)]
