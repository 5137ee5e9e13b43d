"""Progress statements: totals, completed / ongoing / other figures, rate, as-of, deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from rectify_rules.model import Span
from rectify_rules.parsing.dates import scan_dates
from rectify_rules.parsing.progress import parse_progress
from rectify_rules.text import SourceText


def at(text: str, sub: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return Span(i, i + len(sub))


def progress(text: str):
    src = SourceText(text)
    return parse_progress(src, scan_dates(src))


SEED_002 = ("截至目前,巡察反馈的25项整改任务已按期完成17项, 未到整改时限、正在整改事项8项(其中"
            "2021年5月底前需完成整改1项,7月底前需完成2项,9月底前需完成3项,12月底前需完成1项,"
            "2022年12月底前需完成1项),整改工作取得了初步成效。")


def test_seed_002_statement_figures_and_spans():
    [p] = progress(SEED_002)
    assert p.span == Span(0, len(SEED_002) - 1)  # the sentence, without its 。
    assert p.text == SEED_002[:-1]
    assert (p.total.value, p.total.span) == (25, at(SEED_002, "25项"))
    assert (p.completed.value, p.completed.span) == (17, at(SEED_002, "17项"))
    assert (p.ongoing.value, p.ongoing.span) == (8, at(SEED_002, "8项"))
    assert p.as_of is None  # 截至目前: no date given
    assert p.rate is None and p.other == ()


def test_seed_002_deadline_breakdown_carries_the_year():
    [p] = progress(SEED_002)
    got = [(d.deadline.latest, d.deadline.precision, d.count.value) for d in p.breakdown]
    assert got == [(dt.date(2021, 5, 31), "month-end", 1), (dt.date(2021, 7, 31), "month-end", 2),
                   (dt.date(2021, 9, 30), "month-end", 3), (dt.date(2021, 12, 31), "month-end", 1),
                   (dt.date(2022, 12, 31), "month-end", 1)]
    assert p.breakdown[0].count.span == at(SEED_002, "1项")
    assert p.breakdown[1].span == at(SEED_002, "7月底前需完成2项")
    assert p.breakdown[1].count.span == at(SEED_002, "2项")
    assert [d.deadline.year_inferred for d in p.breakdown] == [False, True, True, True, False]


def test_seed_000_completed_and_ongoing_without_total():
    t = ("2021年1月27日,进行巡察意见反馈,共反馈3个方面11个问题。截至目前,已整改8个问题,"
         "两新党组织建设较为薄弱、破解发展难题能力不足、推进规划布局落地不到位3个问题纳入持续整改。")
    [p] = progress(t)
    assert p.total is None  # 11 is stated in the sentence before: not borrowed
    assert (p.completed.value, p.completed.span) == (8, at(t, "8个"))
    three = t.index("3个问题纳入")
    assert (p.ongoing.value, p.ongoing.span) == (3, Span(three, three + 2))
    assert p.span.start == t.index("截至目前")


def test_two_statements_kept_separately():
    t = "截至目前,25项整改任务已按期完成17项,正在整改8项。截至目前,25项整改任务已按期完成18项,正在整改7项。"
    got = [(p.total.value, p.completed.value, p.ongoing.value) for p in progress(t)]
    assert got == [(25, 17, 8), (25, 18, 7)]


def test_as_of_date_with_jiezhi_and_full_width_punctuation():
    t = "截止6月30日，已完成整改9个（项），正在整改3个，完成率75%。"
    [p] = progress("2021年5月1日召开会议。" + t)
    off = len("2021年5月1日召开会议。")
    assert p.as_of is not None
    assert (p.as_of.value, p.as_of.text) == (dt.date(2021, 6, 30), "6月30日")
    assert p.as_of.span == Span(off + 2, off + 7)
    assert (p.completed.value, p.ongoing.value) == (9, 3)
    assert p.completed.span == Span(off + at(t, "9个").start, off + at(t, "9个").end)
    assert (p.rate.value, p.rate.span) == (75.0, Span(off + at(t, "75%").start,
                                                       off + at(t, "75%").end))


def test_as_of_month_end():
    t = "截至2021年6月底,反馈的12个问题已完成整改10个,剩余2个正在推进。"
    [p] = progress(t)
    assert (p.as_of.latest, p.as_of.precision) == (dt.date(2021, 6, 30), "month-end")
    assert (p.total.value, p.completed.value, p.ongoing.value) == (12, 10, 2)
    assert p.total.span == at(t, "12个")


def test_rate_other_and_unfinished():
    t = "截至目前,反馈的20项问题已基本完成4项,尚未完成2项,已完成14项,整改完成率达70%。"
    [p] = progress(t)
    assert p.total.value == 20
    assert [(f.value, f.span) for f in p.other] == [(4, at(t, "4项"))]
    assert (p.ongoing.value, p.ongoing.span) == (2, at(t, "2项"))
    assert (p.completed.value, p.completed.span) == (14, at(t, "14项"))
    assert p.rate.value == 70.0


def test_chinese_numerals_and_all_done():
    t = "截至目前,巡察反馈的十一个问题已全部完成整改。"
    [p] = progress(t)
    assert (p.total.value, p.total.span) == (11, at(t, "十一个"))
    assert (p.completed.value, p.completed.span) == (11, at(t, "已全部完成整改"))
    assert p.ongoing is None


def test_crlf_and_ideographic_space():
    t = "\u3000\u3000截至目前，已整改８个问题，２个问题正在整改。\r\n下一步"
    [p] = progress(t)
    assert p.span.start == 2 and t[p.span.end] == "。"
    assert (p.completed.value, p.completed.span) == (8, at(t, "８个"))
    assert (p.ongoing.value, p.ongoing.span) == (2, at(t, "２个"))


def test_not_progress_statements():
    texts = [
        "已完成整改并长期坚持。",  # a leaf status, no figure
        "目前已整改退缴16.25万元,尚有15.98万元未退改到位。",  # amounts, not items
        "一期道路工程目前已完成首期实施的4条道路施工图设计,完成2条道路的财审,正在推进施工招标工作。",
        "剩余21个完工时间较长、已实际投入使用但报批手续不完整的项目,由司法局指导。",
        "截止目前,“赣服通”东临分厅上线事项118项,超额完成市级要求上线100个事项的任务。",
    ]
    for t in texts:
        assert progress(t) == (), t


def test_without_dates_no_breakdown_and_deadline_parts_not_completed():
    src = SourceText(SEED_002)
    [p] = parse_progress(src, None)
    assert (p.total.value, p.completed.value, p.ongoing.value) == (25, 17, 8)
    assert p.breakdown == () and p.as_of is None


# ---------------------------------------------------------------- completion rates get numbers

def rates(text: str):
    from rectify_rules.parsing.counts import parse_counts

    src = SourceText(text)
    return [(p.value, p.numerator and (p.numerator.value, p.numerator.span),
             p.denominator and (p.denominator.value, p.denominator.span))
            for p in parse_counts(src, scan_dates(src)).percentages]


def test_rate_after_the_ongoing_figure_gets_completed_over_total():
    t = "截至2021年9月1日，2个问题已完成整改1个，正在整改1个，整改完成率为80%。"
    assert rates(t) == [(80.0, (1, at(t, "1个")), (2, at(t, "2个")))]


def test_rate_with_aspects_and_chinese_numerals():
    t = "截至目前，巡察反馈的三个方面十二个问题，已完成整改九个，正在整改三个，整改完成率75%。"
    assert rates(t) == [(75.0, (9, at(t, "九个")), (12, at(t, "十二个")))]


def test_rate_numbers_only_when_unambiguous():
    # another counted figure of the same kind: which total is meant is not clear
    t1 = "反馈的12个问题中，立行立改5个，已完成整改9个，正在整改3个，整改完成率为80%。"
    # units differ (个 / 项): not the same quantity for sure
    t2 = "反馈的12个问题，已完成整改9项，正在整改3项，整改完成率为80%。"
    # a negated rate, and a rate that a second percentage makes ambiguous
    t3 = "12个问题已完成整改9个，正在整改3个，未完成率25%。"
    t4 = "12个问题已完成整改9个，正在整改3个，整改完成率75%，较上月提高10%。"
    # all done, stated without a figure of its own
    t5 = "反馈的11个问题已全部完成整改，整改完成率100%。"
    assert [r[0][1:] for r in map(rates, (t1, t2, t3, t5))] == [(None, None)] * 4
    assert [r[1:] for r in rates(t4)[0:1]] == [(None, None)]


def test_status_figures_are_not_read_as_a_rate_and_its_base():
    # the two 个 figures are completed and ongoing, not "part of a total": 3 of 9 is no reading
    t = "反馈的12项问题，已完成整改9个，正在整改3个，整改完成率75%。"
    assert rates(t) == [(75.0, None, None)]
    t = "共反馈12个问题，已完成整改9个，正在整改3个，整改完成率75%。"
    assert rates(t) == [(75.0, (9, at(t, "9个")), (12, at(t, "12个")))]


def test_rate_without_a_total_is_over_completed_plus_ongoing():
    t = "截至目前，已完成整改4项，正在整改1项，完成率为90%。"
    base = Span(t.index("4项"), t.index("1项") + 2)  # "4项，正在整改1项": both figures
    assert rates(t) == [(90.0, (4, at(t, "4项")), (5, base))]
    # full-width digits: the same numbers, read from the normalised text
    t = "截至２０２１年９月１日，已整改１６个问题，４个问题正在整改，整改完成率达８０%。"
    assert rates(t) == [(80.0, (16, at(t, "１６个")),
                         (20, Span(t.index("１６个"), t.index("４个") + 2)))]


def test_rate_without_a_total_only_when_unambiguous():
    # another state: is 基本完成 completed or not?
    t1 = "截至目前，已完成整改4项，基本完成1项，正在整改1项，完成率为90%。"
    # the units differ
    t2 = "截至目前，已完成整改4项，正在整改1个，完成率为90%。"
    # the rate is of the measures, not of the counted problems
    t3 = "截至目前，已完成整改4项，正在整改1项，整改措施完成率为95%。"
    # no ongoing figure: the base is not stated
    t4 = "截至目前，已完成整改4项，完成率为90%。"
    assert [rates(t)[0][1:] for t in (t1, t2, t3, t4)] == [(None, None)] * 4


def test_as_of_opening_a_later_clause():
    t = "巡察反馈的4个方面13个问题，截至2021年9月30日，已完成整改11个，剩余2个问题正在持续推进。"
    [p] = progress(t)
    assert (p.as_of.value, p.as_of.span) == (dt.date(2021, 9, 30), at(t, "2021年9月30日"))
    assert (p.total.value, p.completed.value, p.ongoing.value) == (13, 11, 2)


def test_a_later_dao_is_no_as_of_date():
    t = "截至目前，已完成整改3个，剩余1个，到2021年12月底前完成。"
    [p] = progress(t)
    assert p.as_of is None


@pytest.mark.parametrize("t, want", [
    # "已整改" before "到位15个" is not a completion of the 18 problems
    ("截至目前，反馈的18个问题已整改到位15个，正在推进整改3个。", (18, 15, 3, [])),
    ("截至目前，12个问题已整改完成10个，剩余2个问题正在按时序推进。", (12, 10, 2, [])),
    ("截至目前，共梳理整改任务32项，已完成30项，2项正在推进中。", (32, 30, 2, [])),
    ("截至目前，反馈问题16个，已完成整改13个，其余3个正在加紧整改。", (16, 13, 3, [])),
    ("截至目前，26项整改措施已完成24项，其余2项正在有序推进。", (26, 24, 2, [])),
    # a problem kept open on purpose is another state than 正在整改
    ("截至目前，11个问题已整改到位8个，正在推进整改1个，2个问题需长期坚持、持续整改。", (11, 8, 1, [2])),
])
def test_progress_phrasings(t, want):
    [p] = progress(t)
    got = (p.total and p.total.value, p.completed and p.completed.value,
           p.ongoing and p.ongoing.value, [f.value for f in p.other])
    assert got == want


def test_statements_inside_a_problem_are_not_the_notices_progress():
    from rectify_rules.parsing import parse_text

    t = ("某某局党组关于巡察整改进展情况的通报\n"
         "截至2022年6月20日，3个问题中已完成整改2个，正在整改1个。\n"
         "一、贯彻落实决策部署方面\n"
         "1.审计发现问题整改不到位。\n整改情况：建立整改台账，已完成整改31项；其余问题目前正在整改中。\n"
         "2.学习不深入。\n整改情况：修订学习制度。已完成整改。\n"
         "3.制度不健全。\n整改情况：修订制度。已完成整改。\n")
    n = parse_text(t)
    assert [(p.total.value, p.completed.value, p.ongoing.value) for p in n.progress] == [(3, 2, 1)]


def test_total_of_measures_is_a_total_of_measures():
    # the statement counts measures: its total is 26 measures, never the problem total
    [p] = progress("截至目前，26项整改措施已完成24项，其余2项正在有序推进。")
    assert (p.total.value, p.completed.value, p.ongoing.value) == (26, 24, 2)
    assert p.quantity == "measures"


@pytest.mark.parametrize("t, quantity", [
    ("截至目前，反馈的12个问题已完成整改10个，剩余2个正在推进。", "problems"),
    ("截至目前，巡察反馈的25项整改任务已按期完成17项，正在整改事项8项。", "tasks"),
    ("截至目前，已整改8个问题，3个问题纳入持续整改。", "problems"),
    ("截至目前，移交的问题线索5件已办结3件，正在办理2件。", "leads"),
    ("巡察反馈五方面17项问题中的43项具体问题表现，已全部整改到位。", "manifestations"),
    ("截至目前，已完成整改4项，正在整改1项。", None),
])
def test_quantity_says_what_a_statement_counts(t, quantity):
    [p] = progress(t)
    assert p.quantity == quantity
