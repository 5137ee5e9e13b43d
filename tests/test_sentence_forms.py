"""The sentence forms of real notices (issue 9): inspecting groups, periods, feedback events,
declared totals, progress statements, breakdowns — each form read, and what is no such form
left alone. The forms are written for these tests (same shapes as published notices)."""

from __future__ import annotations

import datetime as dt

import pytest

from rectify_rules import parse
from rectify_rules.parsing.counts import parse_counts
from rectify_rules.parsing.dates import scan_dates
from rectify_rules.parsing.inspection import find_bodies
from rectify_rules.text import SourceText

TITLE = "中共青山县林业局党组关于巡察整改进展情况的通报\n\n"


def bodies(text: str):
    return [(b.raw, b.level, b.ordinal, b.count, b.modifier) for b in find_bodies(SourceText(text))]


@pytest.mark.parametrize("text, want", [
    ("区委组建3个巡察组对区卫健系统开展巡察", [("区委组建3个巡察组", "区委", None, 3, None)]),
    ("县委五个巡察组于", [("县委五个巡察组", "县委", None, 5, None)]),
    ("4个县委巡察组对", [("4个县委巡察组", "县委", None, 4, None)]),
    ("县委第十一轮巡察三个巡察组对", [("县委第十一轮巡察三个巡察组", "县委", None, 3, None)]),
    ("集团党委第七轮政治巡察三个巡察组", [("集团党委第七轮政治巡察三个巡察组", "集团党委", None, 3, None)]),
    ("市委第二提级交叉巡察组", [("市委第二提级交叉巡察组", "市委", 2, None, "提级交叉")]),
    ("市委第五提级（交叉）巡察组", [("市委第五提级（交叉）巡察组", "市委", 5, None, "提级(交叉)")]),
    ("市委第三机动巡察组", [("市委第三机动巡察组", "市委", 3, None, "机动")]),
    ("市委机动巡察一组", [("市委机动巡察一组", "市委", 1, None, "机动")]),
    ("市委巡察组第二组", [("市委巡察组第二组", "市委", 2, None, None)]),
    ("县委上下联动巡察组", [("县委上下联动巡察组", "县委", None, None, "上下联动")]),
    ("校党委巡察办专项巡察组", [("校党委巡察办专项巡察组", "校党委", None, None, "专项")]),
    ("委党组巡察组", [("委党组巡察组", "委党组", None, None, None)]),
    ("中央第九巡视组", [("中央第九巡视组", "中央", 9, None, None)]),
    ("市委第一巡察组、第六巡察组分别", [("市委第一巡察组", "市委", 1, None, None),
                                      ("第六巡察组", "市委", 6, None, None)]),
    ("市委第四、五巡察组", [("市委第四、五巡察组", "市委", 4, None, None),
                          ("市委第四、五巡察组", "市委", 5, None, None)]),
    ("区委第一至第三巡察组", [("区委第一至第三巡察组", "区委", n, None, None) for n in (1, 2, 3)]),
    ("中央第四巡视组和省委第八巡视组", [("中央第四巡视组", "中央", 4, None, None),
                                    ("省委第八巡视组", "省委", 8, None, None)]),
    # no body: a bare group, a group by number of another activity
    ("巡察组于2021年3月1日进驻", []),
    ("派出三个督导组", []),
])
def test_inspecting_bodies(text, want):
    assert bodies(text) == want


def test_body_span_maps_back():
    t = "根据部署，市委第二提级交叉巡察组对区农业农村局党组开展了巡察。"
    [b] = find_bodies(SourceText(t))
    assert t[b.span.start:b.span.end] == b.raw == "市委第二提级交叉巡察组"


def inspection(opening: str):
    n = parse(TITLE + opening + "\n")
    ins = n.inspection
    return (ins.start and ins.start.value, ins.end and ins.end.value,
            n.feedback and n.feedback.value)


D = dt.date


@pytest.mark.parametrize("opening, want", [
    # the group before the dates
    ("市委第三巡视组于2022年4月6日至6月15日对区教体局党组进行了巡视，并于2022年8月12日反馈了巡视意见。",
     (D(2022, 4, 6), D(2022, 6, 15), D(2022, 8, 12))),
    # a lead paragraph without 巡察 first
    ("为推动全面从严治党，现将有关情况通报如下。\n\n县委第二巡察组于2021年3月1日至4月30日对局党组开展了"
     "巡察，2021年6月10日反馈了巡察意见。", (D(2021, 3, 1), D(2021, 4, 30), D(2021, 6, 10))),
    # a start only, at 旬 precision
    ("县委第二巡察组于2022年4月上旬进驻县林业局，开展为期1个月的常规巡察。2022年6月20日，县委第二巡察组"
     "反馈了巡察意见。", (D(2022, 4, 1), None, D(2022, 6, 20))),
    # the period a part of a month
    ("2020年11月下旬，县委第二巡察组对县林业局党组开展了常规巡察。2021年1月20日，县委第二巡察组反馈了"
     "巡察意见。", (D(2020, 11, 21), D(2020, 11, 21), D(2021, 1, 20))),
    # months; a feedback over three days: its first day
    ("2020年10月至2021年1月，区委第三巡察组对局党支部开展了巡察，并于2021年2月1日至3日集中进行了反馈。",
     (D(2020, 10, 1), D(2021, 1, 1), D(2021, 2, 1))),
    # the feedback before the period
    ("2023年3月10日，县委上下联动巡察组向镇党委集中反馈巡察情况。2022年9月19日至11月30日，县委上下联动"
     "巡察组对镇党委开展了巡察。", (D(2022, 9, 19), D(2022, 11, 30), D(2023, 3, 10))),
    # a later meeting that refers to the feedback is not the feedback
    ("2020年6月1日至7月10日，县委第二巡察组对局党组开展了巡察，并向局党组反馈了巡察意见。2020年9月3日，"
     "局党组召开专题民主生活会，对照巡察反馈意见逐条检视。", (D(2020, 6, 1), D(2020, 7, 10), None)),
    ("2020年6月1日至7月10日，县委第二巡察组对局党组开展了巡察。2020年9月15日，局党组召开会议，"
     "传达学习巡察反馈意见。", (D(2020, 6, 1), D(2020, 7, 10), None)),
    # a lead word far before the event in its clause does not make it a reference
    ("2021年3月1日至4月30日，县委第二巡察组对局党组开展了巡察。按照县委统一部署县委第二巡察组于"
     "2021年6月10日反馈了巡察意见。", (D(2021, 3, 1), D(2021, 4, 30), D(2021, 6, 10))),
    ("2021年3月1日至4月30日，县委第二巡察组对局党组开展了巡察。针对县委第二巡察组反馈意见，2021年7月1日"
     "局党组召开会议研究整改。", (D(2021, 3, 1), D(2021, 4, 30), None)),
    # a range of the rectification is no inspection period
    ("县委第二巡察组反馈意见后，局党组于2021年6月10日至8月10日开展集中整改。", (None, None, None)),
])
def test_period_and_feedback(opening, want):
    assert inspection(opening) == want


def test_a_duration_belongs_to_the_range_of_its_own_sentence():
    n = parse(TITLE + "2018年11月26日至2019年1月26日，市委机动巡察一组对镇党委进行了巡察。"
              "2019年3月8日至4月19日，市委第二巡察组对镇所辖村开展了为期43天的巡察“回头看”。"
              "2019年6月3日，市委第二巡察组反馈了巡察意见。\n")
    [d] = n.durations
    assert (d.days, d.range.start.value, d.range.end.value) == (43, D(2019, 3, 8), D(2019, 4, 19))
    assert n.inspection.duration is None  # it measures the other group's range
    assert [b.raw for b in n.inspection.bodies] == ["市委机动巡察一组", "市委第二巡察组"]


@pytest.mark.parametrize("text", ["开展为期3个月左右的巡察", "开展为期约两个月的巡察", "历时两个多月"])
def test_approximate_durations_are_none(text):
    assert parse(TITLE + "县委第二巡察组" + text + "。\n").durations == ()


def declared(sentence: str):
    src = SourceText(sentence)
    return [(c.quantity, c.value, c.text) for c in parse_counts(src, scan_dates(src)).declared]


@pytest.mark.parametrize("sentence, want", [
    ("局党组对照反馈意见，建立了3个方面12项具体问题台账。",
     [("aspects", 3, "3个方面"), ("problems", 12, "12项具体问题")]),
    ("分解形成58个“问题清单”，制定措施，形成301条“任务清单”。",
     [("problems", 58, "58个“问题清单"), ("tasks", 301, "301条“任务清单")]),
    ("局党组对9个方面27个问题逐条进行了整改。", [("aspects", 9, "9个方面"), ("problems", 27, "27个问题")]),
    ("此次整改共涉及整改事项64项。", [("tasks", 64, "整改事项64项")]),
    ("巡察反馈五方面17项问题中的43项具体问题表现，已全部整改到位。",
     [("aspects", 5, "五方面"), ("problems", 17, "17项问题"),
      ("manifestations", 43, "43项具体问题表现")]),
    # not totals
    ("主要负责人主动认领6项整改任务，带头抓整改。", []),
    ("严肃对待巡察指出的每一个问题。", []),
    ("严格落实中央八项规定精神。", []),
    ("通过自查发现问题12个，建立台账逐项整改。", []),
])
def test_declared_totals(sentence, want):
    assert declared(sentence) == want


def progress(sentence: str):
    src = SourceText(sentence)
    return [(p.total and p.total.value, p.completed and p.completed.value,
             p.ongoing and p.ongoing.value, [f.value for f in p.other], p.quantity)
            for p in parse_counts(src, scan_dates(src)).progress]


@pytest.mark.parametrize("sentence, want", [
    ("截至目前，反馈的210个问题，完成整改201个，基本完成并持续整改问题5个，未完成4个，完成率95.71%。",
     [(210, 201, 4, [5], "problems")]),
    ("截至目前，已整改销号问题120个，申请延期整改问题6个，正在整改问题6个。",
     [(None, 120, 6, [6], "problems")]),
    ("截至目前，10个问题已完成整改，2个问题已基本完成整改。", [(None, 10, None, [2], "problems")]),
    ("截至目前，已完成整改7项，其余9项正按计划有序推进。", [(None, 7, 9, [], None)]),
    ("截至目前，已整改7个问题。", [(None, 7, None, [], "problems")]),
    ("共反馈7个问题，截至目前己全部整改到位。", [(7, 7, None, [], "problems")]),
    ("截至目前，7个问题己完成整改5个，正在整改2个。", [(7, 5, 2, [], "problems")]),
    ("预算执行问题5项，已整改3项，部分整改2项。", [(5, 3, None, [2], "problems")]),
    ("截至目前，已完成整改10个，其中已销号8个，正在整改2个。", [(None, 10, 2, [], None)]),
    ("截至目前，7个问题已完成整改6个，正在整改1个；26项整改措施已完成24项，其余2项正在有序推进。",
     [(7, 6, 1, [], "problems"), (26, 24, 2, [], "measures")]),
])
def test_progress_statements(sentence, want):
    assert progress(sentence) == want


def breakdowns(sentence: str):
    src = SourceText(sentence)
    return [(b.total.value, [p.value.value for p in b.parts])
            for b in parse_counts(src, scan_dates(src)).breakdowns]


def test_parallel_activity_counts_are_no_breakdown():
    assert breakdowns("截至目前，共召开专题民主生活会12次，组织集中学习45次，讲授专题党课20次。") == []
    # a total of things split by what was done to them is one
    assert breakdowns("共完善制度18项，新建制度9项，修订制度9项。") == [(18, [9, 9])]
    # what became of the same things is a breakdown
    assert breakdowns("共有议事协调机构21个，已撤销12个，调整4个，保留5个。") == [(21, [12, 4, 5])]


@pytest.mark.parametrize("last, placeholder, issuer", [
    ("2021年3月\u3000\u3000日", "2021年3月\u3000\u3000日", "中共青山县林业局党组"),
    ("2021年X月X日", "2021年X月X日", "中共青山县林业局党组"),
    ("\u3000\u3000年\u3000月\u3000日", "年\u3000月\u3000日", "中共青山县林业局党组"),
    ("2021年3月18日", "", "中共青山县林业局党组"),
])
def test_signing_date_placeholders(last, placeholder, issuer):
    n = parse(TITLE + "正文。\n\n中共青山县林业局党组\n" + last + "\n")
    sig = n.signature
    assert (sig.date_placeholder.text if sig.date_placeholder else "") == placeholder
    assert sig.issuer.text == issuer
    assert (sig.date is None) == bool(placeholder)


RULE = '''code = "TST001"
name = "measures-all-done"
severity = "warning"
kind = "assert"
for_each = "progress"
when = 'it.quantity == "measures" and exists(it.total) and exists(it.completed)'
assert = "it.completed == it.total"
span = "it"
summary = "整改措施未全部完成"
message = "整改措施尚有未完成的"

[[example]]
bad = "截至目前，26项整改措施已完成24项，其余2项正在有序推进。"
good = "截至目前，26项整改措施已全部完成。"
'''


def test_quantity_is_usable_in_rule_expressions(tmp_path):
    from rectify_rules import check
    from rectify_rules.engine import load_rules

    (tmp_path / "TST001.toml").write_text(RULE, encoding="utf-8")
    pack = load_rules(tmp_path, builtin=False)
    text = TITLE + "截至目前，7个问题已完成整改6个，正在整改1个；26项整改措施已完成24项，其余2项正在有序推进。\n"
    found = check(text, rules=pack)
    assert [(f.code, f.excerpt) for f in found] == [
        ("TST001", "26项整改措施已完成24项，其余2项正在有序推进")]
