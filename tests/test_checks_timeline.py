"""DAT checks on hand-built notices, and on the seeds end to end."""

from __future__ import annotations

import datetime as dt
import attrs
from pathlib import Path

from rectify_rules.checks import CheckContext
from rectify_rules.engine.evaluate import human
from rectify_rules.checks.timeline import (add_months, deadlines_not_passed, durations_match_dates,
                                           feedback_after_inspection, fmt_date,
                                           inspection_dates_ordered, key_dates_have_year,
                                           report_within_window, signed_after_feedback,
                                           year_note)
from rectify_rules.model import (DateFact, DeadlinePart, Duration, Figure, Inspection, Node,
                                 Notice, Progress, Signature, Span)
from rectify_rules.text import SourceText

SEEDS = Path(__file__).parent.parent / "seeds"


def d(y, m, day, text="", start=0, **kw) -> DateFact:
    return DateFact(dt.date(y, m, day), text or f"{y}年{m}月{day}日", Span(start, start + 1), **kw)


def run(fn, notice, as_of=dt.date(2021, 6, 25), **options):
    """The hits, their values as a message shows them (dates carry their precision: 5月底)."""
    return [attrs.evolve(h, values={k: human(v) for k, v in h.values.items()})
            for h in fn(CheckContext(notice, SourceText(notice.text), as_of, options))]


def test_fmt_date_follows_precision():
    assert fmt_date(d(2020, 7, 6)) == "2020年7月6日"
    assert fmt_date(d(2021, 5, 31, precision="month-end")) == "2021年5月底"
    assert fmt_date(d(2022, 8, 1, precision="month")) == "2022年8月"
    assert fmt_date(d(2021, 3, 21, precision="late")) == "2021年3月下旬"


def test_add_months_clamps_to_the_month_end():
    assert add_months(dt.date(2021, 12, 31), 2) == dt.date(2022, 2, 28)
    assert add_months(dt.date(2020, 4, 29), 2) == dt.date(2020, 6, 29)


def test_inspection_start_after_end():
    bad = Notice("x" * 9, inspection=Inspection(start=d(2021, 4, 30), end=d(2021, 3, 1, start=5)))
    [h] = run(inspection_dates_ordered, bad)
    assert h.values == {"start": "2021年4月30日", "end": "2021年3月1日", "start_note": "",
                        "end_note": ""} and h.span == Span(5, 6)


def test_month_precision_is_not_reported_when_some_day_fits():
    # "2021年9月15日至9月": the end may be any day of September
    n = Notice("x", inspection=Inspection(start=d(2021, 9, 15), end=d(2021, 9, 1, "9月", precision="month")))
    assert run(inspection_dates_ordered, n) == []


def test_feedback_not_after_the_inspection():
    insp = Inspection(start=d(2021, 3, 1), end=d(2021, 4, 30))
    assert run(feedback_after_inspection, Notice("x", inspection=insp, feedback=d(2021, 6, 10))) == []
    [h] = run(feedback_after_inspection, Notice("x", inspection=insp, feedback=d(2021, 4, 30)))
    assert h.values == {"feedback": "2021年4月30日", "end": "2021年4月30日", "feedback_note": "",
                        "end_note": ""}


def test_signature_and_publication_order():
    n = Notice("x", feedback=d(2021, 6, 10), signature=Signature(date=d(2021, 6, 25)),
               published=d(2021, 6, 20))
    [h] = run(signed_after_feedback, n)
    assert (h.values["what"], h.values["other"]) == ("发布日期", "成文日期")
    n = Notice("x", feedback=d(2021, 6, 10), signature=Signature(date=d(2021, 5, 20)))
    [h] = run(signed_after_feedback, n)
    assert h.values == {"what": "成文日期", "date": "2021年5月20日", "other": "反馈日期",
                        "other_date": "2021年6月10日", "date_note": "", "other_note": ""}


def progress_with(*parts, as_of=None):
    bd = tuple(DeadlinePart(dl, Figure(c, Span(0, 1)), Span(0, 1)) for dl, c in parts)
    return Progress(Span(0, 9), ongoing=Figure(sum(c for _, c in parts), Span(0, 1)),
                    breakdown=bd, as_of=as_of)


def test_deadline_parts_passed_at_the_reference_date():
    may = d(2021, 5, 31, "2021年5月底", precision="month-end", before=True)
    july = d(2021, 7, 31, "7月底", precision="month-end", before=True)
    n = Notice("x" * 10, progress=(progress_with((may, 1), (july, 2)),))
    [h] = run(deadlines_not_passed, n)
    assert (h.values["deadline"], h.values["as_of"]) == ("2021年5月底", "2021年6月25日")
    # a progress statement dated before the deadline is judged at its own date
    dated = progress_with((may, 1), as_of=d(2021, 4, 30))
    assert run(deadlines_not_passed, Notice("x" * 10, progress=(dated,))) == []


def test_ongoing_leaf_with_a_passed_deadline():
    leaf = Node(None, "农业产业规划尚未制定", Span(0, 1), Span(0, 1), Span(0, 1),
                status="ongoing", deadline=d(2021, 3, 31))
    done = Node(None, "公务卡使用率较低", Span(0, 1), Span(0, 1), Span(0, 1),
                status="completed", deadline=d(2021, 3, 31))
    [h] = run(deadlines_not_passed, Notice("x", problems=(leaf, done)))
    assert h.values["what"] == "问题“农业产业规划尚未制定”"


def test_dates_without_year_unless_carried_by_a_range_or_list():
    n = Notice("x" * 9, feedback=d(2020, 7, 6, "7月6日", year_inferred=True, year_from="context"),
               inspection=Inspection(start=d(2019, 12, 3),
                                     end=d(2020, 1, 4, "1月4日", 3, year_inferred=True, year_from="range")))
    [h] = run(key_dates_have_year, n)
    assert h.values == {"label": "反馈日期", "text": "7月6日", "inferred": "2020年7月6日"}


def test_inspection_duration():
    insp = Inspection(start=d(2021, 3, 1), end=d(2021, 3, 30))
    ok = Duration("为期30天", Span(0, 5), days=30, subject="inspection")
    bad = Duration("为期45天", Span(0, 5), days=45, subject="inspection")
    assert run(durations_match_dates, Notice("x" * 5, inspection=insp, durations=(ok,))) == []
    [h] = run(durations_match_dates, Notice("x" * 5, inspection=insp, durations=(bad,)))
    assert h.values["dates"] == "2021年3月1日至2021年3月30日共30天"


def test_rectification_duration_in_months():
    two = Duration("经过两个月的整改", Span(0, 8), months=2, subject="rectification")
    n = Notice("x" * 8, feedback=d(2020, 4, 29), signature=Signature(date=d(2020, 6, 29)), durations=(two,))
    assert run(durations_match_dates, n) == []
    n = Notice("x" * 8, feedback=d(2020, 4, 29), signature=Signature(date=d(2020, 9, 29)), durations=(two,))
    [h] = run(durations_match_dates, n)
    assert h.values["what"] == "反馈日期至成文日期"


def test_report_window_is_configurable():
    n = Notice("x", genre="report", feedback=d(2020, 4, 29), signature=Signature(date=d(2020, 7, 15)))
    [h] = run(report_within_window, n, months=2)
    assert (h.values["due"], h.values["late"]) == ("2020年6月29日", "16")
    assert run(report_within_window, n, months=3) == []


def seed(prefix, codes):
    from rectify_rules.engine import check
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return check(path.read_text(encoding="utf-8"), select=codes)


def test_seed_feedback_dates_without_year():
    [f] = [f for f in seed("001", ["DAT005"])]
    assert f.message == "反馈日期“10月28日”未写年份，推定为2021年10月28日"
    [f] = [f for f in seed("003", ["DAT005"])]
    assert f.message == "反馈日期“7月6日”未写年份，推定为2020年7月6日"


def test_seed_002_passed_deadline_part():
    [f] = seed("002", ["DAT004"])
    assert (f.location.row, f.excerpt) == (10, "2021年5月底")


def test_seed_timelines_are_in_order():
    for prefix in ("000", "001", "002", "003", "004"):
        assert seed(prefix, ["DAT001", "DAT002", "DAT003", "DAT006"]) == []


# --- a range end written without a year, end to end ----------------------------------------
HEAD = "中共青山县农业农村局党组关于巡察整改进展情况的通报\n\n"
TAIL = "\n\n中共青山县农业农村局党组\n2021年9月30日\n"


def notice_text(opening: str) -> str:
    return HEAD + opening + TAIL


def findings(text, codes=("DAT001", "DAT002")):
    from rectify_rules.engine import check
    return [(f.code, f.location.row, f.location.column, f.excerpt, f.message)
            for f in check(text, select=list(codes))]


def test_reversed_period_with_the_end_year_left_out_is_reported():
    text = notice_text("根据市委统一部署，2021年4月15日至3月1日，市委第一巡察组对青山县农业农村局党组"
                       "开展了常规巡察。2021年3月20日，市委第一巡察组反馈了巡察意见。")
    # 3月1日 stays in 2021 (into 2022 the inspection would last ten and a half months), so the
    # period is reversed; the feedback (3月20日) then comes after the end: no DAT002
    assert findings(text) == [
        ("DAT001", 3, 21, "3月1日",
         "巡察开始日期2021年4月15日晚于结束日期2021年3月1日（“3月1日”未写年份，推定为2021年）")]
    from rectify_rules import parse
    end = parse(text).inspection.end
    assert (end.value, end.year_inferred, end.year_from) == (dt.date(2021, 3, 1), True, "range")


def test_genuine_cross_year_period_is_unchanged():
    text = notice_text("根据县委统一部署，2018年11月26日——1月26日，县委第二巡察组对青山县农业农村局党组"
                       "开展了常规巡察。2019年3月5日，县委第二巡察组反馈了巡察意见。")
    assert findings(text) == []
    from rectify_rules import parse
    insp = parse(text).inspection
    assert (insp.start.value, insp.end.value) == (dt.date(2018, 11, 26), dt.date(2019, 1, 26))
    assert (insp.end.year_inferred, insp.end.year_from) == (True, "range")
    # a feedback inside the period: DAT002 says the end's year was inferred
    early = text.replace("2019年3月5日", "2019年1月20日")
    assert findings(early) == [
        ("DAT002", 3, 55, "2019年1月20日",
         "反馈日期2019年1月20日不晚于巡察结束日期2019年1月26日（“1月26日”未写年份，推定为2019年），"
         "反馈应在巡察结束之后")]


def test_month_only_periods():
    wraps = notice_text("根据市委统一部署，2020年11月至1月，市委第一巡察组对青山县农业农村局党组"
                        "开展了常规巡察。2020年12月20日，市委第一巡察组反馈了巡察意见。")
    # the end is January 2021 (two months); a feedback in December is inside the period
    assert findings(wraps) == [
        ("DAT002", 3, 48, "2020年12月20日",
         "反馈日期2020年12月20日不晚于巡察结束日期2021年1月（“1月”未写年份，推定为2021年），"
         "反馈应在巡察结束之后")]
    # a feedback some time in January may be after the inspection's last day: not reported
    assert findings(wraps.replace("2020年12月20日", "2021年1月20日")) == []
    reversed_ = notice_text("根据市委统一部署，2021年5月至3月，市委第一巡察组对青山县农业农村局党组"
                            "开展了常规巡察。2021年6月10日，市委第一巡察组反馈了巡察意见。")
    assert findings(reversed_) == [
        ("DAT001", 3, 18, "3月",
         "巡察开始日期2021年5月晚于结束日期2021年3月（“3月”未写年份，推定为2021年）")]


def test_written_years_get_no_note():
    text = notice_text("根据县委统一部署，2021年4月30日至2021年3月1日，县委第二巡察组对青山县农业农村局党组"
                       "开展了常规巡察。2021年6月10日，县委第二巡察组反馈了巡察意见。")
    assert [m for *_, m in findings(text)] == ["巡察开始日期2021年4月30日晚于结束日期2021年3月1日"]


def test_year_notes_in_other_date_findings():
    inferred = dict(year_inferred=True, year_from="context")
    assert year_note(d(2021, 3, 1)) == ""
    assert year_note(d(2021, 3, 1, "3月\r\n1日", **inferred)) == "（“3月1日”未写年份，推定为2021年）"
    # DAT003: the feedback's year was inferred
    n = Notice("x" * 9, feedback=d(2021, 6, 10, "6月10日", **inferred),
               signature=Signature(date=d(2021, 5, 20, start=5)))
    [h] = run(signed_after_feedback, n)
    assert (h.values["date_note"], h.values["other_note"]) == ("", "（“6月10日”未写年份，推定为2021年）")
    # DAT004: a deadline whose year was carried by a list, judged at an inferred 截至 date
    july = d(2021, 7, 31, "7月底", precision="month-end", before=True, year_inferred=True,
             year_from="list")
    dated = progress_with((july, 1), as_of=d(2021, 8, 31, "8月31日", **inferred))
    [h] = run(deadlines_not_passed, Notice("x" * 10, progress=(dated,)), as_of=dt.date(2021, 9, 30))
    assert (h.values["deadline_note"], h.values["as_of_note"]) == (
        "（“7月底”未写年份，推定为2021年）", "，“8月31日”未写年份，推定为2021年")
    # DAT007: the dates it quotes
    insp = Inspection(start=d(2021, 3, 1), end=d(2021, 3, 30, "3月30日", year_inferred=True,
                                                  year_from="range"))
    bad = Duration("为期45天", Span(0, 5), days=45, subject="inspection")
    [h] = run(durations_match_dates, Notice("x" * 5, inspection=insp, durations=(bad,)))
    assert h.values["dates"] == "2021年3月1日至2021年3月30日（“3月30日”未写年份，推定为2021年）共30天"
    # DAT008: an inferred feedback date
    n = Notice("x", genre="report", feedback=d(2020, 4, 29, "4月29日", **inferred),
               signature=Signature(date=d(2020, 7, 15)))
    [h] = run(report_within_window, n, months=2)
    assert (h.values["feedback_note"], h.values["date_note"]) == ("（“4月29日”未写年份，推定为2020年）", "")


def test_dat004_message_with_an_inferred_deadline_year():
    from rectify_rules.engine import check
    text = ("中共青山县农业农村局党组关于巡察整改进展情况的通报\n\n"
            "2021年6月10日，县委第二巡察组向青山县农业农村局党组反馈了巡察意见。截至目前，巡察反馈的5项"
            "整改任务已完成3项，正在整改2项（其中2021年10月底前需完成1项，8月底前需完成1项）。"
            "\n\n中共青山县农业农村局党组\n2021年9月30日\n")
    [f] = check(text, select=["DAT004"])
    assert f.message == ("进展中“8月底前需完成1项”：完成时限2021年8月底（“8月底”未写年份，推定为2021年）"
                         "已过（参照日期2021年9月30日），仍列为未完成")


UNDATED_DRAFT = """中共白河县水利局党组关于县委巡察整改进展情况的通报

　　2023年3月6日至4月28日，县委第一巡察组对县水利局党组开展了常规巡察。2023年6月12日，县委第一巡察组向县水利局党组反馈了巡察意见，共反馈3个问题。

　　一、巡察反馈问题整改落实情况

　　1.河长制落实不到位。整改情况：建立河长巡河台账。已完成整改。

　　2.水毁工程修复滞后。整改情况：正在修复水毁工程，计划2023年6月底前完成。正在整改。

　　3.支部标准化建设不达标。整改情况：对照标准逐项整改。正在整改，2024年3月前完成。
"""


def test_a_deadline_is_no_reference_date():
    """A draft that is neither signed nor dated: its latest dates are deadlines, which say
    nothing of when the text was written. Judged at its last dated event (the feedback), no
    deadline has passed; judged at its own latest deadline, the June one would have."""
    from rectify_rules import check, parse
    from rectify_rules.engine import reference_date

    assert reference_date(parse(UNDATED_DRAFT)) == dt.date(2023, 6, 12)
    assert [f for f in check(UNDATED_DRAFT) if f.code == "DAT004"] == []
    # signed later, the June deadline has passed and is reported
    signed = UNDATED_DRAFT + "\n中共白河县水利局党组\n2023年9月12日\n"
    assert [f.excerpt for f in check(signed) if f.code == "DAT004"] == ["2023年6月底"]
