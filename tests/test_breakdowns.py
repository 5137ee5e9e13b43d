"""Breakdowns ("total, then its parts") and percentages with their numbers."""

from __future__ import annotations

import pytest

from rectify_rules.model import Span
from rectify_rules.parsing.breakdowns import parse_breakdowns, parse_percentages
from rectify_rules.text import SourceText


def at(text: str, sub: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return Span(i, i + len(sub))


def breakdowns(text: str):
    return parse_breakdowns(SourceText(text))


def pct(text: str):
    return parse_percentages(SourceText(text))


# ----------------------------------------------------------------------------- breakdowns

def test_gei_yu_breakdown_skips_cross_cutting_subset():
    t = ("截至目前,针对巡察反馈问题,共对12名相关责任人作出处理,涉及科级干部4人,"
         "给予政务处分1人,诫勉谈话1人,提醒谈话11人。")
    [b] = breakdowns(t)
    assert (b.total.value, b.total.span, b.unit) == (12, at(t, "12名"), "名")
    assert [(p.label, p.value.value, p.value.span) for p in b.parts] == [
        ("政务处分", 1, at(t, "1人", 0)), ("诫勉谈话", 1, at(t, "1人", 1)),
        ("提醒谈话", 11, at(t, "11人"))]
    assert b.span == Span(at(t, "12名").start, len(t) - 1)
    assert b.text == t[b.span.start:b.span.end]


def test_run_after_total_clause():
    t = "共梳理排查出2013年以来高新区党工委、管委会设立的非常设机构21个,已撤销12个,调整4个,保留5个。"
    [b] = breakdowns(t)
    assert (b.total.value, b.total.span) == (21, at(t, "21个"))
    assert [(p.label, p.value.value, p.value.span) for p in b.parts] == [
        ("撤销", 12, at(t, "12个")), ("调整", 4, at(t, "4个")), ("保留", 5, at(t, "5个"))]


def test_qi_zhong_takes_the_nearest_total_of_the_same_unit():
    t = ("新区共458个村小组,今年计划实施120个25户以上村小组建设任务,目前已布置选点,"
         "其中湖南乡62个、七里岗乡19个、太阳镇24个。")
    [b] = breakdowns(t)
    assert (b.total.value, b.total.span) == (120, at(t, "120个"))
    assert [(p.label, p.value.value) for p in b.parts] == [
        ("湖南乡", 62), ("七里岗乡", 19), ("太阳镇", 24)]


def test_full_width_commas_and_chinese_numerals():
    t = "共处理干部五人，其中：诫勉谈话二人，提醒谈话三人。"
    [b] = breakdowns(t)
    assert (b.total.value, b.total.span, b.unit) == (5, at(t, "五人"), "人")
    assert [(p.label, p.value.value, p.value.span) for p in b.parts] == [
        ("诫勉谈话", 2, at(t, "二人")), ("提醒谈话", 3, at(t, "三人"))]


@pytest.mark.parametrize("text", [
    # increments after a stock, and two totals of the same unit: skip
    "2020年新增推荐2批共23家企业申报高新技术企业认定,现共有高新技术企业66家,新增17家、复评7家。",
    # money: rounding (32.24 vs 16.25 + 15.98) is not an error
    "共梳理问题37项,涉及金额32.24万元,目前已整改退缴16.25万元,尚有15.98万元未退改到位。",
    "2018年以来,全县208个招商项目通过了预审,有76个项目未开工建设,开工率为63.46%。",
    # a single subset after 其中 is not a breakdown
    "2018年至今有24名违法农村党员未受党纪处理,其中有1名违法人员带着党籍坐牢。",
    "共预审102个项目,100个项目通过预审,其中46个项目开工建设,开工率为46%。",
    # overlapping categories, not whole-clause items
    "从2016年至今共有17个产业扶贫项目,目前5个项目亏损、6个项目未按规划实施,且仅有2个项目吸纳就业。",
    "针对存在的问题,分别对分管领导和业务科负责人进行提醒谈话。",
])
def test_no_breakdown(text):
    assert breakdowns(text) == ()


# ----------------------------------------------------------------------------- percentages

def test_share_with_qi_zhong():
    t = "产业集聚区内各类企业43家,其中四上企业24家,占比仅为55.8%,绝大部门规模不大。"
    [p] = pct(t)
    assert (p.value, p.text, p.span, p.floor) == (55.8, "55.8%", at(t, "55.8%"), False)
    assert (p.numerator.value, p.numerator.span) == (24, at(t, "24家"))
    assert (p.denominator.value, p.denominator.span) == (43, at(t, "43家"))


def test_share_two_counts_then_next_after_semicolon():
    t = "现有规上工业企业150家,高新技术企业66家,占比44%;纳税企业1262家(合并一企多牌),高新技术企业占比5.23%。"
    first, second = pct(t)
    assert (first.value, first.numerator.value, first.denominator.value) == (44.0, 66, 150)
    assert first.denominator.span == at(t, "150家")
    assert (second.value, second.span) == (5.23, at(t, "5.23%"))
    assert second.numerator is None and second.denominator is None


def test_rate_after_qi_zhong_among_three_counts():
    t = "2021年,全县共召开26次项目预审工作会议,共预审102个项目,100个项目通过预审,其中46个项目开工建设,开工率为46%。"
    [p] = pct(t)
    assert (p.numerator.value, p.numerator.span) == (46, at(t, "46个"))
    assert (p.denominator.value, p.denominator.span) == (100, at(t, "100个"))


def test_negated_numerator_with_neutral_share():
    t = "按照三年扫一遍的工作要求,全区415个村小组,有179个村小组未实施新农村建设,占比43%,差距较大。"
    [p] = pct(t)
    assert (p.numerator.value, p.denominator.value) == (179, 415)


def test_complement_rate_left_without_numbers():
    t = "2018年以来,全县208个招商项目通过了预审,有76个项目未开工建设,开工率为63.46%。"
    [p] = pct(t)
    assert (p.value, p.span) == (63.46, at(t, "63.46%"))
    assert p.numerator is None and p.denominator is None


def test_growth_has_no_numbers_and_floors():
    t = "2020年高新技术企业纳税额3.52亿元、同比增长18%;整改完成率达100%;计划将50%以上资金用于产业;不低于百分之三十。"
    got = [(p.value, p.text, p.floor, p.numerator, p.denominator) for p in pct(t)]
    assert got == [(18.0, "18%", False, None, None), (100.0, "100%", True, None, None),
                   (50.0, "50%", True, None, None), (30.0, "百分之三十", True, None, None)]
    assert pct(t)[3].span == at(t, "百分之三十")


def test_full_width_percent_sign():
    t = "全区１０个村,有４个村完成,占比４０％。"
    [p] = pct(t)
    assert (p.value, p.span, p.numerator.value, p.denominator.value) == (40.0, at(t, "４０％"), 4, 10)
