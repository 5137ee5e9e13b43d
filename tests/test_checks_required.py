"""REQ checks on hand-built notices and short texts, and on the seeds end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rectify_rules.checks import CheckContext
from rectify_rules.checks.required import (inspection_body_named, inspection_period_stated,
                                           problem_total_stated, progress_summary_stated,
                                           signature_complete, title_recognisable,
                                           unfinished_have_deadline)
from rectify_rules.model import (Count, DateFact, Figure, Inspection, InspectionBody, Notice,
                                 Progress, Signature, Span, TextFact)
from rectify_rules.text import SourceText

SEEDS = Path(__file__).parent.parent / "seeds"
TITLE = "中共青山县农业农村局党组关于巡察整改进展情况的通报"


def run(fn, notice):
    return list(fn(CheckContext(notice, SourceText(notice.text), dt.date(2021, 9, 30))))


def test_title_missing_points_at_the_first_line():
    text = "\n  根据县委统一部署，县委第二巡察组开展了巡察。\n"
    [h] = run(title_recognisable, Notice(text))
    assert h.span == Span(3, 25)
    assert h.values["detail"] == "首行为“根据县委统一部署，县委第二巡察组开展了巡察。”"


def test_title_that_names_no_rectification():
    text = "青山县农业农村局2021年工作总结\n"
    [h] = run(title_recognisable, Notice(text, title=TextFact(text[:-1], Span(0, 17))))
    assert h.values["detail"] == "标题“青山县农业农村局2021年工作总结”未提及巡察（巡视）或整改"
    ok = Notice(TITLE, title=TextFact(TITLE, Span(0, 25)))
    assert run(title_recognisable, ok) == []


def body(raw, start, **kw):
    return InspectionBody(raw, Span(start, start + len(raw)), **kw)


def test_every_mention_without_ordinal_is_reported():
    m1 = body("市委第巡察组", 10, ordinal_missing=True)
    m2 = body("市委第四巡察组", 30, ordinal=4)
    m3 = body("市委第巡察组", 50, ordinal_missing=True)
    n = Notice("x" * 60, inspection=Inspection(body=m1, mentions=(m1, m2, m3)))
    assert [h.span for h in run(inspection_body_named, n)] == [Span(10, 16), Span(50, 56)]


def test_no_inspection_body_at_all():
    n = Notice(TITLE + "\n", title=TextFact(TITLE, Span(0, 25)))
    [h] = run(inspection_body_named, n)
    assert (h.span, h.values["detail"]) == (Span(0, 25), "全文未写明由哪一级哪个巡察（巡视）组开展")


def test_inspection_period_says_which_date_is_missing():
    start = DateFact(dt.date(2021, 3, 1), "2021年3月1日", Span(0, 9))
    m = body("县委第二巡察组", 10, ordinal=2)
    [h] = run(inspection_period_stated, Notice("x" * 20, inspection=Inspection(body=m, start=start)))
    assert h.span == Span(10, 17)
    assert h.values == {"missing": "结束日期", "seen": "，仅写明开始日期2021年3月1日"}
    [h] = run(inspection_period_stated, Notice("x" * 20, inspection=Inspection(body=m)))
    assert h.values == {"missing": "开始日期和结束日期", "seen": ""}


def test_problem_total_counts_problems_tasks_items_or_a_progress_total():
    aspects = Count("aspects", 3, "3个方面", Span(0, 4))
    [h] = run(problem_total_stated, Notice("x" * 9, declared=(aspects,)))
    assert h.values["seen"] == "（仅写明“3个方面”）"
    tasks = Count("tasks", 25, "25项整改任务", Span(4, 9))
    assert run(problem_total_stated, Notice("x" * 9, declared=(aspects, tasks))) == []
    p = Progress(Span(0, 9), total=Figure(25, Span(0, 2)))
    assert run(problem_total_stated, Notice("x" * 9, progress=(p,))) == []


def test_progress_summary_needs_completed_or_ongoing():
    only_rate = Progress(Span(0, 9), rate=Figure(80, Span(0, 2)))
    assert len(run(progress_summary_stated, Notice("x" * 9, progress=(only_rate,)))) == 1
    done = Progress(Span(0, 9), completed=Figure(8, Span(0, 2)))
    assert run(progress_summary_stated, Notice("x" * 9, progress=(done,))) == []


def test_unfinished_without_any_deadline():
    text = "截至目前,已整改8个问题,3个问题纳入持续整改。"
    p = Progress(Span(0, len(text)), completed=Figure(8, Span(8, 10)), ongoing=Figure(3, Span(13, 14)),
                 text=text)
    [h] = run(unfinished_have_deadline, Notice(text, progress=(p,)))
    assert h.span == Span(13, 23)
    assert h.values["unfinished"] == "进展称“3个问题纳入持续整改”"


def test_none_ongoing_needs_no_deadline():
    text = "截至2021年9月1日，2个问题已完成整改2个，正在整改0个。"
    assert (text[12], text[21], text[28]) == ("2", "2", "0")
    p = Progress(Span(0, len(text)), total=Figure(2, Span(12, 13)), completed=Figure(2, Span(21, 22)),
                 ongoing=Figure(0, Span(28, 29)), text=text)
    assert run(unfinished_have_deadline, Notice(text, progress=(p,))) == []


def test_none_ongoing_but_some_kept_open():
    # "正在整改0个" closes nothing when the same statement keeps other problems open
    text = "已完成整改5个，正在整改0个，2个问题纳入持续整改。"
    assert (text[5], text[12]) == ("5", "0")
    p = Progress(Span(0, len(text)), completed=Figure(5, Span(5, 6)), ongoing=Figure(0, Span(12, 13)),
                 text=text)
    [h] = run(unfinished_have_deadline, Notice(text, progress=(p,)))
    assert h.span == Span(15, 25)
    assert h.values["unfinished"] == "进展称“2个问题纳入持续整改”"


def test_a_labelled_deadline_anywhere_is_enough():
    text = "3个问题纳入持续整改。完成时限:2021年12月31日。"
    p = Progress(Span(0, 11), ongoing=Figure(3, Span(0, 1)), text=text[:11])
    due = DateFact(dt.date(2021, 12, 31), "2021年12月31日", Span(16, 27))
    assert run(unfinished_have_deadline, Notice(text, progress=(p,), dates=(due,))) == []


def test_a_dated_by_clause_is_a_deadline():
    text = "3个问题正在整改,2021年12月底前完成。"
    p = Progress(Span(0, 9), ongoing=Figure(3, Span(0, 1)), text=text[:9])
    due = DateFact(dt.date(2021, 12, 31), "2021年12月底", Span(9, 18), precision="month-end", before=True)
    assert run(unfinished_have_deadline, Notice(text, progress=(p,), dates=(due,))) == []
    # a date that only tells when something happened is no deadline
    past = DateFact(dt.date(2021, 3, 1), "2021年3月1日", Span(9, 18))
    assert len(run(unfinished_have_deadline, Notice(text, progress=(p,), dates=(past,)))) == 1


def test_signature_says_which_part_is_missing():
    text = "正文。\n\n中共青山县农业农村局党组\n"
    issuer = TextFact("中共青山县农业农村局党组", Span(5, 17))
    [h] = run(signature_complete, Notice(text, signature=Signature(issuer=issuer)))
    assert (h.span, h.values["missing"]) == (Span(5, 17), "成文日期")
    [h] = run(signature_complete, Notice("正文第一段。\n联系电话:0827-7320666。\n\n"))
    assert (h.span, h.values["missing"]) == (Span(7, 25), "发文机关署名和成文日期")


def seed(prefix, codes):
    from rectify_rules.engine import check
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return check(path.read_text(encoding="utf-8"), select=codes)


def test_seed_expected_required_findings():
    assert [(f.code, f.location.row) for f in seed("000", ["REQ"])] == [("REQ008", 7), ("REQ010", 37)]
    assert [f.code for f in seed("001", ["REQ"])] == ["REQ007", "REQ010"]
    assert [(f.code, f.excerpt) for f in seed("002", ["REQ"])] == [("REQ003", "市委第巡察组")] * 3
    assert [f.code for f in seed("003", ["REQ"])] == ["REQ007"]
    [f] = seed("004", ["REQ"])
    assert (f.code, f.message) == ("REQ010", "落款不完整：缺少发文机关署名")
