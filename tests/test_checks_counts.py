"""CNT checks on hand-built notices, and on the seeds end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rectify_rules.checks import CheckContext, Shown
from rectify_rules.checks.counts import (breakdowns_add_up, counts_match_outline, figures_agree,
                                         percentages_match, progress_adds_up,
                                         status_markers_match_progress)
from rectify_rules.model import (Breakdown, Count, DateFact, Figure, Node, Notice, Part,
                                 Percentage, Progress, Span)
from rectify_rules.text import SourceText

SEEDS = Path(__file__).parent.parent / "seeds"
S = Span(0, 1)


def ctx(notice: Notice) -> CheckContext:
    return CheckContext(notice, SourceText(notice.text), dt.date(2021, 6, 30))


def node(*children: Node, status=None) -> Node:
    return Node(None, "问题", S, S, S, children=children, status=status, status_span=S)


def fig(v, start=0) -> Figure:
    return Figure(v, Span(start, start + 1))


def tree(*shape) -> tuple[Node, ...]:
    """tree(2, 3) → two top nodes with 2 and 3 leaves; tree([1, 2], [3]) → three levels."""
    def build(s):
        if isinstance(s, int):
            return node(*(node() for _ in range(s)))
        return node(*(build(x) for x in s))
    return tuple(build(s) for s in shape)


def declared(**counts) -> tuple[Count, ...]:
    return tuple(Count(q, v, f"{v}", Span(i, i + 1)) for i, (q, v) in enumerate(counts.items()))


def hits(fn, notice):
    return list(fn(ctx(notice)))


# -- CNT001 --------------------------------------------------------------------------------

def test_two_level_tree_aspects_are_the_top_level():
    n = Notice("x" * 10, problems=tree(3, 4, 4), declared=declared(aspects=3, problems=11))
    assert hits(counts_match_outline, n) == []
    n = Notice("x" * 10, problems=tree(3, 4, 4), declared=declared(aspects=4, problems=12))
    got = [(h.values["declared"], h.values["listed"], h.values["unit"]) for h in hits(counts_match_outline, n)]
    assert got == [(4, 3, "个方面"), (12, 11, "个问题")]


def test_three_level_tree_with_categories_maps_aspects_to_the_middle():
    # 3 大类, 10 方面, 19 问题 (seed 001's shape)
    shape = ([2, 2, 4, 2], [2, 1, 2], [2, 1, 1])
    n = Notice("x" * 10, problems=tree(*shape), declared=declared(categories=3, aspects=10, problems=19))
    assert hits(counts_match_outline, n) == []
    n = Notice("x" * 10, problems=tree(*shape), declared=declared(categories=3, aspects=9, problems=19))
    [h] = hits(counts_match_outline, n)
    assert (h.values["declared"], h.values["listed"]) == (9, 10)


def test_aspects_beside_items_are_the_top_level():
    # "4个方面15项29个问题" (seed 003's shape): 方面 → top, 项 → middle
    shape = ([2] * 4, [2] * 5, [1] * 3, [1] * 3)
    leaves = 8 + 10 + 3 + 3
    n = Notice("x", problems=tree(*shape), declared=declared(aspects=4, items=15, problems=leaves))
    assert hits(counts_match_outline, n) == []


def test_items_are_not_compared_in_a_two_level_tree_that_also_counts_problems():
    n = Notice("x", problems=tree(2, 2), declared=declared(items=7, problems=4))
    assert hits(counts_match_outline, n) == []


def test_tasks_are_leaves_and_measures_are_not_compared():
    n = Notice("x", problems=tree(2, 2), declared=declared(tasks=5, measures=30))
    [h] = hits(counts_match_outline, n)
    assert (h.values["declared"], h.values["listed"], h.values["unit"]) == (5, 4, "项整改任务")


def test_a_list_without_groups_is_not_compared_with_the_aspects():
    # "3个方面5个问题" over a list of five problems (numbered items, or a ledger's rows)
    flat = tuple(node() for _ in range(5))
    n = Notice("x" * 10, problems=flat, declared=declared(aspects=3, problems=5))
    assert hits(counts_match_outline, n) == []
    n = Notice("x" * 10, problems=flat, declared=declared(aspects=3, problems=6))
    [h] = hits(counts_match_outline, n)
    assert (h.values["declared"], h.values["listed"], h.values["unit"]) == (6, 5, "个问题")
    # aspects declared alone: a one-level list is still read as the aspects
    [h] = hits(counts_match_outline, Notice("x" * 10, problems=flat, declared=declared(aspects=3)))
    assert (h.values["declared"], h.values["listed"]) == (3, 5)


def test_no_problem_tree_no_finding():
    assert hits(counts_match_outline, Notice("x", declared=declared(problems=11))) == []


# -- CNT003 --------------------------------------------------------------------------------

def test_progress_figures_that_differ_point_at_the_later_one():
    p1 = Progress(Span(0, 5), total=fig(25, 0), completed=fig(17, 1), ongoing=fig(8, 2))
    p2 = Progress(Span(5, 9), total=fig(25, 5), completed=fig(18, 6), ongoing=fig(7, 7))
    got = hits(figures_agree, Notice("x" * 10, progress=(p1, p2)))
    assert [(h.span, h.values["label"], h.values["first"], h.values["other"]) for h in got] == [
        (Span(6, 7), "已完成整改数", 17, 18), (Span(7, 8), "正在整改数", 8, 7)]
    assert got[0].related[0][0] == Span(1, 2)


def test_progress_statements_with_different_dates_do_not_conflict():
    d1 = DateFact(dt.date(2021, 3, 31), "2021年3月31日", Span(0, 1))
    d2 = DateFact(dt.date(2021, 6, 30), "2021年6月30日", Span(5, 6))
    p1 = Progress(Span(0, 5), completed=fig(10, 1), as_of=d1)
    p2 = Progress(Span(5, 9), completed=fig(17, 6), as_of=d2)
    assert hits(figures_agree, Notice("x" * 10, progress=(p1, p2))) == []


def test_declared_counts_of_one_quantity_disagree():
    counts = (Count("aspects", 3, "3个方面", Span(0, 4)), Count("problems", 11, "11个问题", Span(4, 9)),
              Count("aspects", 4, "4个方面", Span(20, 24)))
    [h] = hits(figures_agree, Notice("x" * 30, declared=counts))
    assert (h.span, h.values) == (Span(20, 24), {"label": "问题方面数", "first": 3, "other": 4})


# -- CNT004 --------------------------------------------------------------------------------

def test_breakdown_parts_that_do_not_make_the_total():
    text = "共对12名相关责任人作出处理,给予政务处分1人,诫勉谈话1人,提醒谈话11人。"
    parts = (Part("政务处分", Figure(1, Span(20, 22))), Part("诫勉谈话", Figure(1, Span(27, 29))),
             Part("提醒谈话", Figure(11, Span(34, 37))))
    b = Breakdown(Figure(12, Span(2, 5)), parts, "人", Span(2, 37))
    [h] = hits(breakdowns_add_up, Notice(text, breakdowns=(b,)))
    assert h.values == {"subject": "通报称", "total": 12, "sum": 13, "unit": "人",
                        "parts": "政务处分1人+诫勉谈话1人+提醒谈话11人"}


def test_progress_deadline_parts_against_the_ongoing_count():
    from rectify_rules.model import DeadlinePart
    d = DateFact(dt.date(2021, 7, 31), "7月底", Span(10, 13), precision="month-end")
    ok = Progress(Span(0, 30), ongoing=fig(3, 5), breakdown=(DeadlinePart(d, fig(3, 16), Span(10, 18)),))
    bad = Progress(Span(0, 30), ongoing=fig(4, 5), breakdown=(DeadlinePart(d, fig(3, 16), Span(10, 18)),))
    assert hits(breakdowns_add_up, Notice("x" * 40, progress=(ok,))) == []
    [h] = hits(breakdowns_add_up, Notice("x" * 40, progress=(bad,)))
    assert (h.span, h.values["total"], h.values["sum"]) == (Span(10, 18), 4, 3)


# -- CNT005 --------------------------------------------------------------------------------

def test_ongoing_markers_compared_when_some_leaves_are_marked():
    leaves = [node(status="ongoing")] * 7 + [node()] * 18
    p = Progress(Span(0, 9), completed=fig(17, 1), ongoing=fig(8, 2))
    [h] = hits(status_markers_match_progress, Notice("x" * 10, problems=(node(*leaves),), progress=(p,)))
    assert h.values == {"state": "正在整改", "claimed": 8, "marked": 7}
    assert len(h.related) == 7


def test_completed_markers_only_when_every_leaf_is_marked():
    p = Progress(Span(0, 9), completed=fig(3, 1), ongoing=fig(1, 2))
    some = (node(node(status="completed"), node(status="completed"), node(status="ongoing"), node()),)
    assert hits(status_markers_match_progress, Notice("x" * 10, problems=some, progress=(p,))) == []
    every = (node(node(status="completed"), node(status="completed"), node(status="ongoing")),)
    [h] = hits(status_markers_match_progress, Notice("x" * 10, problems=every, progress=(p,)))
    assert h.values == {"state": "已完成整改", "claimed": 3, "marked": 2}


def test_no_markers_no_finding():
    p = Progress(Span(0, 9), completed=fig(3, 1), ongoing=fig(1, 2))
    assert hits(status_markers_match_progress, Notice("x" * 10, problems=tree(4), progress=(p,))) == []


# -- CNT006 --------------------------------------------------------------------------------

def pct(value, text, num, den, floor=False):
    return Percentage(value, text, Span(0, len(text)), fig(num), fig(den), floor)


def test_percentage_rounding_follows_the_decimals_written():
    n = Notice("x", percentages=(pct(63.46, "开工率为63.46%", 132, 208),    # 63.4615…
                                 pct(63.5, "开工率为63.5%", 132, 208),      # 63.46 → 63.5
                                 pct(63.0, "开工率为63%", 132, 208)))       # off by 0.46 < 0.5
    assert hits(percentages_match, n) == []
    n = Notice("x", percentages=(pct(63.4, "开工率为63.4%", 132, 208),))
    [h] = hits(percentages_match, n)
    assert h.values["actual"] == 63.46 and h.values["value"] == 63.4


def test_percentage_floor_allows_a_higher_actual_value():
    assert hits(percentages_match, Notice("x", percentages=(pct(90, "完成率达90%", 95, 100, True),))) == []
    [h] = hits(percentages_match, Notice("x", percentages=(pct(90, "完成率达90%", 85, 100, True),)))
    assert h.values["actual"] == 85


# -- the seeds, end to end -----------------------------------------------------------------

def seed_findings(prefix: str, codes):
    from rectify_rules.engine import check
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return [f for f in check(path.read_text(encoding="utf-8"), select=codes)]


def test_seed_002_conflicting_progress_figures():
    got = [(f.location.row, f.excerpt, f.message) for f in seed_findings("002", ["CNT003"])]
    assert got == [(26, "18项", "同一通报中已完成整改数前后不一致：前文为17，此处为18"),
                   (26, "7项", "同一通报中正在整改数前后不一致：前文为8，此处为7")]


def test_seed_003_breakdown_and_counts():
    got = seed_findings("003", ["CNT"])
    assert [f.code for f in got] == ["CNT004"]
    assert got[0].location.row == 174
    assert got[0].values["total"] == 12 and got[0].values["sum"] == 13


def test_seeds_000_and_001_counts_agree_with_outlines():
    assert seed_findings("000", ["CNT001"]) == []
    assert seed_findings("001", ["CNT001"]) == []


# -- CNT002 --------------------------------------------------------------------------------

_HEAD2 = ("中共青山县农业农村局党组关于巡察整改进展情况的通报\n\n"
          "2021年6月10日，县委第二巡察组向青山县农业农村局党组反馈了巡察意见，")


def cnt002(text: str):
    """(values, excerpt of the hit span, related notes) of each CNT002 hit on the parsed text."""
    from rectify_rules.parsing import parse_source
    notice, src = parse_source(text)
    c = CheckContext(notice, src, dt.date(2021, 6, 30))
    return [(h.values, text[h.span.start:h.span.end], [note for _, note in h.related])
            for h in progress_adds_up(c)]


def test_cnt002_total_of_the_statement():
    t = _HEAD2 + "截至目前，巡察反馈的3项整改任务已完成2项，正在整改2项。"
    [(values, excerpt, related)] = cnt002(t)
    assert excerpt == "3项"
    assert (values["equation"], values["sum"], values["total_from"]) == ("2+2≠3", 4, "statement")
    assert related == ["已完成整改数", "正在整改数"]
    assert cnt002(_HEAD2 + "截至目前，巡察反馈的3项整改任务已完成2项，正在整改1项。") == []


def test_cnt002_declared_total_when_the_statement_has_none():
    t = _HEAD2 + "共反馈3个方面11个问题。截至目前，已整改7个问题，3个问题纳入持续整改。"
    [(values, excerpt, related)] = cnt002(t)
    assert excerpt == "7个"  # the completed figure: the statement has no total to point at
    assert values["equation"] == "7+3≠11" and values["total_from"] == "declared"
    assert values["source"] == "前文所称反馈问题总数"
    assert related == ["正在整改数", "所称总数11"]
    ok = _HEAD2 + "共反馈3个方面11个问题。截至目前，已整改8个问题，3个问题纳入持续整改。"
    assert cnt002(ok) == []


def test_cnt002_declared_tasks_and_other_states():
    t = (_HEAD2 + "梳理形成25项整改任务。截至目前，已完成整改任务17项，基本完成2项，"
         "正在整改5项。")
    [(values, _, _)] = cnt002(t)
    assert values["equation"] == "17+5+2≠25" and values["source"] == "前文所称整改任务总数"
    assert values["others"] == "、基本完成等其他状态2项"


def test_cnt002_declared_total_only_when_unambiguous():
    status = "截至目前，已完成整改7项，正在整改3项。"
    # two different declared problem totals: which one?
    two = _HEAD2 + "共反馈11个问题。后又补充反馈12个问题。" + status
    # problems and tasks declared, the statement names neither
    both = _HEAD2 + "共反馈11个问题，梳理形成25项整改任务。" + status
    # the statement counts case leads, not the feedback problems
    leads = _HEAD2 + "共反馈11个问题。截至目前，巡察移交的问题线索中，已办结7件，正在办理3件。"
    # a statement inside a problem is about that problem's measures
    inside = (_HEAD2 + "共反馈2个方面11个问题。\n\n一、学习教育方面\n\n1.理论学习不够深入。整改情况："
              "已完成整改2项，正在整改1项。\n\n二、作风建设方面\n\n1.财务报销不规范。\n")
    for t in (two, both, leads, inside):
        assert cnt002(t) == [], t
    # the same declared value stated twice is one total
    twice = _HEAD2 + "共反馈11个问题。对巡察反馈的11个问题逐一制定措施。" + status
    [(values, _, _)] = cnt002(twice)
    assert values["equation"] == "7+3≠11"


def test_cnt002_seed_000_with_a_wrong_completed_figure():
    from rectify_rules.engine import check
    path = next(SEEDS.glob("000_*.txt"))
    text = path.read_text(encoding="utf-8")
    assert check(text, select=["CNT002"]) == []
    edited = text.replace("已整改8个问题", "已整改7个问题", 1)
    [f] = check(edited, select=["CNT002"])
    assert (f.location.row, f.excerpt) == (7, "7个")
    assert f.message == ("进展称已完成7个、正在整改3个，合计10个，"
                         "与前文所称反馈问题总数11个不符（7+3≠11）")


def test_zhichu_count_is_a_stated_total_and_is_compared_with_the_outline():
    """"指出了…11个问题": REQ006 is satisfied, CNT001 compares it (3 listed, not 4)."""
    from rectify_rules.engine import check
    t = ("中共青山县农业农村局党组关于巡察整改进展情况的通报\n\n"
         "2021年6月10日，县委第二巡察组向青山县农业农村局党组反馈了巡察意见，指出了2个方面4个问题。"
         "\n\n一、学习教育方面\n\n1.理论学习不够深入。\n\n2.制度执行不严格。"
         "\n\n二、作风建设方面\n\n1.财务报销不规范。\n")
    got = [(f.code, f.excerpt) for f in check(t, select=["REQ006", "CNT001"], genre="notice")]
    assert got == [("CNT001", "4个问题")]


# -- CNT006 without a stated total ---------------------------------------------------------

def test_cnt006_rate_over_completed_plus_ongoing():
    from rectify_rules.engine import check
    t = _HEAD2 + "截至目前，已完成整改4项，正在整改1项，完成率为90%。"
    [f] = check(t, select=["CNT006"])
    assert f.excerpt == "90%"
    assert f.message == "所写90%与4/5（约80%）不符（未写总数，按已完成4项+正在整改1项计）"
    for ok in ("完成率为80%", "完成率达80%", "完成率达79.5%"):
        assert check(_HEAD2 + f"截至目前，已完成整改4项，正在整改1项，{ok}。",
                     select=["CNT006"]) == [], ok
    # a floor above the actual value is still wrong
    [f] = check(_HEAD2 + "截至目前，已完成整改4项，正在整改1项，完成率达99%。", select=["CNT006"])
    assert f.values["actual"] == 80 and "下限" in f.message


def test_ongoing_markers_against_ongoing_plus_other_unfinished_states():
    # "正在推进整改1个，2个问题需长期坚持、持续整改" and three problems marked 持续推进 / 正在整改
    leaves = [node(status="ongoing")] * 3 + [node(status="completed")] * 8
    p = Progress(Span(0, 9), total=fig(11, 0), completed=fig(8, 1), ongoing=fig(1, 2),
                 other=(fig(2, 3),))
    assert hits(status_markers_match_progress,
                Notice("x" * 10, problems=(node(*leaves),), progress=(p,))) == []
    leaves = [node(status="ongoing")] * 4 + [node(status="completed")] * 8
    [h] = hits(status_markers_match_progress,
               Notice("x" * 10, problems=(node(*leaves),), progress=(p,)))
    assert h.values == {"state": "正在整改", "marked": 4,
                        "claimed": Shown(3, "1项、其他未完成状态2项，合计3")}


def test_cnt003_statements_counting_other_things_are_not_compared():
    from rectify_rules import check

    head = ("中共某县水利局党组关于巡察整改进展情况的通报\n"
            "2021年8月5日，县委第三巡察组反馈了巡察意见，共反馈3个方面15个问题。\n")
    measures = "针对反馈问题制定的26项整改措施已完成24项，其余2项正在有序推进。\n"
    for first in ("截至目前，15个问题已完成整改12个，正在整改3个。\n",
                  "截至目前，已整改12个问题，3个问题正在整改。\n"):
        assert [f.message for f in check(head + first + measures, select=["CNT003"])] == []
    # the same thing counted twice with other figures is still a conflict
    again = "截至6月底，15个问题已完成整改13个，正在整改2个。\n"
    got = check(head + "截至目前，15个问题已完成整改12个，正在整改3个。\n" + measures + again,
                select=["CNT003"])
    assert [f.message for f in got] == ["同一通报中已完成整改数前后不一致：前文为12，此处为13",
                                        "同一通报中正在整改数前后不一致：前文为3，此处为2"]


def test_cnt005_skips_statements_about_measures():
    from rectify_rules import check

    text = ("中共某县水利局党组关于巡察整改进展情况的通报\n"
            "2021年8月5日，县委第三巡察组反馈了巡察意见，共反馈1个方面3个问题。\n"
            "截至目前，3个问题已完成整改2个，正在整改1个。制定的12项整改措施已完成10项，其余2项正在有序推进。\n"
            "一、学习教育方面\n"
            "1.学习不深入。整改情况：修订制度。已完成整改。\n"
            "2.制度不健全。整改情况：修订制度。已完成整改。\n"
            "3.档案不规范。整改情况：补齐材料，目前正在整改中，计划2099年6月底前完成。\n")
    assert [f.message for f in check(text, select=["CNT005"])] == []
    wrong = text.replace("正在整改1个", "正在整改2个")
    assert [f.message for f in check(wrong, select=["CNT005"])] == [
        "进展称正在整改2项，正文逐项标注为正在整改的问题有1个"]
