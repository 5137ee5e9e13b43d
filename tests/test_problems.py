"""The problem tree: section selection, unnumbered problem paragraphs, status and deadline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.model import Count, Span
from rectify_rules.parsing.dates import scan_dates
from rectify_rules.parsing.outline import parse_outline, walk
from rectify_rules.parsing.problems import select_problems
from rectify_rules.parsing.status import find_status
from rectify_rules.text import SourceText

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def problems(text: str, declared=()):
    src = SourceText(text)
    return select_problems(src, parse_outline(src), tuple(declared), scan_dates(src))


def seed(name: str):
    text = next(SEEDS.glob(name + "_*.txt")).read_text(encoding="utf-8")
    return text, problems(text)


def shape(tree):
    items = [c for g in tree for c in g.children]
    leaves = [leaf for g in tree for leaf in g.leaves()]
    return len(tree), len(items), len(leaves)


def leaf_titled(tree, start: str):
    (leaf,) = [x for g in tree for x in g.leaves() if x.title.startswith(start)]
    return leaf


# --- the five seeds -------------------------------------------------------------------

def test_seed_000_whole_outline_is_problems():
    _, tree = seed("000")
    # 3 方面, items 1.–3. / 1.–4. / 1.–4. are the 11 problems themselves (no sub-items)
    assert shape(tree) == (3, 11, 11)
    assert [g.marker.text for g in tree] == ["一、", "二、", "三、"]


def test_seed_001_only_section_two():
    _, tree = seed("001")
    # 3 大类, 10 方面 numbered 1.–10. across the categories, 19 具体问题;
    # items 6, 9 and 10 have no (1) and are leaves themselves
    assert shape(tree) == (3, 10, 19)
    items = [c for g in tree for c in g.children]
    assert [i.number for i in items] == list(range(1, 11))
    assert [i.number for i in items if not i.children] == [6, 9, 10]
    assert tree[0].title == "贯彻落实党的路线方针政策和党中央决策部署不到位方面"


def test_seed_002_section_two_with_seven_ongoing():
    _, tree = seed("002")
    # hand count of section 二: (一) 1.→1)–4), 2.→1)–6), 3.→1)2), 4. (no sub-items), 5.→1)2);
    # (二) 1.→1)–3), 2.→1)2); (三) 1.→1)–3), 2.→1)2): 9 items, 15 + 5 + 5 = 25 leaves
    assert shape(tree) == (3, 9, 25)
    leaves = [leaf for g in tree for leaf in g.leaves()]
    ongoing = [leaf.title for leaf in leaves if leaf.status == "ongoing"]
    # the seven marked 正在整改中 in the text
    assert ongoing == ["生态环境保护工作存短板", "环保基础设施建设较为滞后", "产业扶贫效益不佳",
                       "编制“基本规划”调研不深不实",
                       "农业产业规划尚未制定,目前仅引进山东绿巨人集团有限公司,全区未落户一家规模以上"
                       "现代农业龙头企业",
                       "纪检监察工委监督有弱项", "新农村建设欠账多"]
    assert sum(leaf.status == "completed" for leaf in leaves) == 18


def test_seed_002_leaf_status_and_deadline():
    text, tree = seed("002")
    eco = leaf_titled(tree, "生态环境保护")
    assert eco.status == "ongoing"
    assert text[eco.status_span.start:eco.status_span.end] == "正在整改中"
    assert eco.deadline.value == dt.date(2021, 7, 31)
    assert eco.deadline.text.startswith("2021年7月底")
    # "正在整改中，按计划于2021年12月31日整改完成": the plan is a deadline, not a completion
    jj = leaf_titled(tree, "纪检监察工委监督有弱项")
    assert (jj.status, jj.deadline.value) == ("ongoing", dt.date(2021, 12, 31))
    village = leaf_titled(tree, "新农村建设欠账多")
    assert village.deadline.value == dt.date(2022, 12, 31)
    # "已完成整改并长期坚持" after an earlier "目前正在确定具体方案": the last statement wins
    finance = leaf_titled(tree, "融资渠道单一")
    assert (finance.status, finance.deadline) == ("completed", None)
    grid = leaf_titled(tree, "基层网格化管理有缺陷")
    assert text[grid.status_span.start:grid.status_span.end] == "完成整改"
    # item 4. has no sub-items: it is a leaf with its own status
    item4 = tree[0].children[3]
    assert item4.number == 4 and item4.children == () and item4.status == "completed"


def test_seed_003_section_two_and_paragraph_leaves():
    text, tree = seed("003")
    # 4 groups; items restart per group (4 + 5 + 3 + 3 = 15); 9 + 11 + 4 + 5 = 29 leaves
    assert shape(tree) == (4, 15, 29)
    assert [[i.number for i in g.children] for g in tree] == [
        [1, 2, 3, 4], [1, 2, 3, 4, 5], [1, 2, 3], [1, 2, 3]]
    para = tree[1].children[4]  # 5.关于对国有企业资金监管不严格的问题
    (leaf,) = para.children
    assert leaf.marker is None
    assert leaf.title == "针对对园区开发公司资金运行管理不到位,大额资金管控不力的问题"
    assert text[leaf.title_span.start:leaf.title_span.end] == leaf.title
    assert text[leaf.body_span.start:].startswith("整改情况:针对存在的问题")
    assert len(para.body_span) == 0
    unnumbered = [x for x in walk(tree) if x.marker is None]
    assert len(unnumbered) == 5
    # sections 三 (线索), 四 (需要进一步整改的事项), 五 (下一步) are not problems
    titles = {x.title for x in walk(tree)}
    assert not titles & {"政务处分情况", "关于合作建设项目未获收益事项", "持续推进全面从严治党"}


def test_seed_004_report_problem_tree():
    _, tree = seed("004")
    # hand count: 一、 1、(1)–(4) 2、(one unnumbered paragraph) 3、(1)–(3); 二、 1、(1)–(3)
    # 2、(1)–(4); 三、 1、(1)–(3) 3、(1)(2): 3 groups, 7 items, 8 + 7 + 5 = 20 leaves
    assert shape(tree) == (3, 7, 20)
    item2 = tree[0].children[1]
    (leaf,) = item2.children
    assert leaf.marker is None and leaf.title.startswith("管委会副主任王某某组织纪律意识差")
    assert leaf.status == "completed"  # "目前已整改。"
    basic = leaf_titled(tree, "“不忘初心，牢记使命”")
    assert basic.status == "ongoing"  # "目前已基本补学到位": 基本 reads as unfinished


# --- hand-written notices -----------------------------------------------------------

ORG_ONLY = "一、提高政治站位,加强组织领导\n成立领导小组。\n二、下一步工作打算\n持续巩固整改成果。\n"


def test_no_problems_when_only_organisational_sections():
    assert problems(ORG_ONLY) == ()
    assert problems("没有编号的正文。\n") == ()


def test_container_section_and_statuses():
    text = ("一、加强组织领导,压实整改责任\n成立领导小组。\n"
            "二、巡察反馈问题的整改情况\n"
            "(一)党建工作方面\n"
            "1.学习不深入的问题\n整改情况:召开会议3次,已全部整改完毕。\n"
            "2.制度不健全的问题\n整改情况:正在修订制度,正在整改中,预计2021年8月底前完成。\n"
            "(二)作风建设方面\n"
            "1.调研不够的问题\n整改情况:确保整改到位。\n"
            "三、下一步工作\n继续抓好整改。\n")
    tree = problems(text)
    assert [g.title for g in tree] == ["党建工作方面", "作风建设方面"]
    a, b = tree[0].children
    c = tree[1].children[0]
    assert (a.status, a.deadline) == ("completed", None)
    assert text[a.status_span.start:a.status_span.end] == "已全部整改完毕"
    assert b.status == "ongoing" and b.deadline.value == dt.date(2021, 8, 31)
    assert c.status is None  # "确保整改到位" is an aim, not a result


def test_deadline_after_time_limit_label():
    text = "一、资金管理方面\n1.往来账款未结清的问题。\n整改情况:正在对账。完成时限:2021年3月31日。\n"
    (group,) = problems(text)
    (leaf,) = group.children
    assert leaf.deadline.value == dt.date(2021, 3, 31)
    assert leaf.status is None


def test_done_on_a_date_is_not_a_deadline():
    text = "一、资金管理方面\n1.补贴超标发放的问题。\n整改情况:已于2020年12月底完成清退。\n"
    (group,) = problems(text)
    assert group.children[0].deadline is None


def test_declared_counts_break_a_tie_between_readings():
    # 二、 and 三、 both survive the section filter; "2个方面3个问题" fits the reading that
    # takes 二、's categories as the groups (3 leaves) better than 二、+三、 (4 leaves)
    text = ("一、提高政治站位\n成立领导小组。\n"
            "二、巡察反馈问题整改情况\n"
            "(一)甲方面\n1.甲一不到位\n整改情况:已完成。\n2.甲二不够\n整改情况:已完成。\n"
            "(二)乙方面\n1.乙一不足\n整改情况:已完成。\n"
            "三、其他事项\n(一)丙\n整改情况:已完成。\n")
    declared = (Count("aspects", 2, "2个方面", Span(0, 1)), Count("problems", 3, "3个问题", Span(0, 1)))
    with_counts = problems(text, declared)
    assert [g.title for g in with_counts] == ["甲方面", "乙方面"]
    without = problems(text)
    assert [g.title for g in without] == ["巡察反馈问题整改情况", "其他事项"]


def test_problem_paragraph_only_where_siblings_branch():
    # 1. has sub-items, so 2.'s opening paragraph is its one leaf; in a flat list it is not
    text = ("一、组织建设方面\n1.党建薄弱的问题\n(1)台账不全的问题\n整改情况:已完成。\n"
            "2.组织观念淡薄的问题\n某某纪律意识差。\n整改情况:已整改。\n")
    (group,) = problems(text)
    item2 = group.children[1]
    assert [c.marker for c in item2.children] == [None]
    assert item2.children[0].title == "某某纪律意识差"
    flat = "一、组织建设方面\n1.组织观念淡薄的问题\n某某纪律意识差。\n整改情况:已整改。\n"
    (group,) = problems(flat)
    assert group.children[0].children == ()


@pytest.mark.parametrize("body, expected", [
    ("一是完成了平台搭建。目前正在等待批复。正在整改中,按计划2021年9月底前完成。", ("ongoing", "正在整改中")),
    ("目前正在编制方案。已完成整改并长期坚持。", ("completed", "已完成整改")),
    ("该问题已经基本完成整改并转入长效整改。", ("ongoing", "基本完成")),
    ("督促公司完成整改,清除物料。", None),
    ("2002年至2012年底未完成整改的28个项目。", ("ongoing", "未完成整改")),
    ("全额退回,整改到位。", ("completed", "整改到位")),
    ("目前已落实到位。", ("completed", "已落实到位")),
])
def test_status_phrases(body, expected):
    got = find_status(body, Span(0, len(body)))
    if expected is None:
        assert got is None
    else:
        status, span = got
        assert (status, body[span.start:span.end]) == expected


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="一二、()1.)\n 甲方面问题不到位整改情况:已完成正在中2021年7月底前针对。", max_size=120))
def test_never_raises_and_spans_inside(text):
    n = len(text)
    for node in walk(problems(text)):
        for s in (node.span, node.title_span, node.body_span):
            assert 0 <= s.start <= s.end <= n
        if node.status_span is not None:
            assert node.span.start <= node.status_span.start <= node.status_span.end <= n


def test_plan_word_makes_a_deadline_whatever_the_verb():
    text = ("一、基层治理方面\n1.矛盾纠纷化解不及时。\n"
            "整改情况：逐件落实包案领导，目前正在整改中，计划2023年3月底前全部化解。\n")
    (group,) = problems(text)
    (leaf,) = group.children
    assert leaf.status == "ongoing"
    assert leaf.deadline.latest == dt.date(2023, 3, 31)


@pytest.mark.parametrize("body, expected", [
    ("整改情况：修订管理办法。整改进展：持续推进。", ("ongoing", "整改进展：持续推进")),
    ("整改情况：开展排查。目前正按计划推进。", ("ongoing", "目前正按计划")),
    ("整改情况：运行情况良好，目前正常运转。", None),
])
def test_labelled_and_planned_ongoing_states(body, expected):
    got = find_status(body, Span(0, len(body)))
    if expected is None:
        assert got is None
    else:
        status, span = got
        assert (status, body[span.start:span.end]) == expected


ONE_PARAGRAPH_ITEMS = (
    "一、组织建设方面\n"
    "（一）学习不深入。整改情况：修订学习制度。已完成整改。\n"
    "（二）制度不健全。整改情况：修订制度，目前正在整改中，计划2022年6月底前完成。\n"
    "（三）档案不规范。整改情况：补齐材料。已完成整改。\n"
    "{tail}")


def test_paragraph_after_the_last_one_paragraph_item_is_not_its_text():
    tail = "对于尚未完成整改的1个问题，将紧盯完成时限，确保按期整改到位。\n中共某某委员会\n2021年11月26日\n"
    text = ONE_PARAGRAPH_ITEMS.format(tail=tail)
    (group,) = problems(text)
    last = group.children[-1]
    assert last.status == "completed"
    assert text[last.body_span.start:last.body_span.end] == "整改情况：补齐材料。已完成整改。"
    assert group.span.end == last.span.end == last.body_span.end
    assert [c.status for c in group.children] == ["completed", "ongoing", "completed"]


def test_labelled_paragraph_after_an_item_stays_its_text():
    text = ONE_PARAGRAPH_ITEMS.format(tail="完成时限：2022年12月31日。\n")
    (group,) = problems(text)
    last = group.children[-1]
    assert "完成时限" in text[last.body_span.start:last.body_span.end]
    assert last.deadline.value == dt.date(2022, 12, 31)
