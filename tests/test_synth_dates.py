"""The date scan recovers exactly the dates a synthetic notice was built with."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rectify_rules.engine import check
from rectify_rules.parsing.dates import scan_dates
from rectify_rules.text import SourceText
from synth import cn_number, notices, render

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _fact(d) -> dict:
    return {"text": d.text, "value": d.value, "precision": d.precision,
            "year_inferred": d.year_inferred, "before": d.before}


@SETTINGS
@given(notices())
def test_scan_recovers_generated_dates(case):
    text, exp = case
    src = SourceText(text)
    ds = scan_dates(src)
    want = list(exp["dates"])
    if exp["published"] is not None:  # the web stamp is a date too when nothing is blanked
        want.insert(0, {"text": exp["published"]["text"], "value": exp["published"]["value"],
                        "precision": "day", "year_inferred": False, "before": False})
    assert [_fact(d) for d in ds.dates] == want
    assert [(r.start.value, r.end.value) for r in ds.ranges] == exp["ranges"]
    assert ds.invalid == ()
    for d in ds.dates:
        assert text[d.span.start:d.span.end] == d.text


@SETTINGS
@given(notices())
def test_generator_is_self_consistent(case):
    text, exp = case
    assert exp["declared"]["problems"] == sum(exp["outline"]["shape"]) == len(exp["problems"])
    prog = exp["progress"]
    assert prog["completed"] + prog["ongoing"] == prog["total"] == len(exp["problems"])
    assert prog["ongoing"] == sum(p["deadline"] is not None for p in exp["problems"])
    ins = exp["inspection"]
    assert ins["start"] < ins["end"] < exp["feedback"] < prog["as_of"]
    assert ins["body"] in text
    lines = text.split("\n")
    joined = {a + b for a, b in zip(lines, lines[1:])} if exp["title_split"] else set(lines)
    assert exp["title"] in joined
    pos = 0
    for d in exp["dates"]:  # every listed date is in the text, in order
        pos = text.index(d["text"], pos) + len(d["text"])
    for phone in (exp["contact"] or {}).get("phones", []):
        assert phone in text


def test_renderers():
    d = dt.date(2021, 8, 31)
    assert render(d, "chinese") == "二〇二一年八月三十一日"
    assert render(d, "chinese", year=False) == "八月三十一日"
    assert render(d, "padded") == "2021年08月31日"
    assert render(d, "fullwidth") == "２０２１年８月３１日"
    assert render(d, "arabic", end="month-end") == "2021年8月底"
    assert [cn_number(n) for n in (1, 10, 12, 20, 31)] == ["一", "十", "十二", "二十", "三十一"]


# --- a range end written without a year: the year end is crossed only for a plausible span --
_FORMS = st.sampled_from(["arabic", "fullwidth", "chinese", "padded"])
_HEAD = "中共青山县农业农村局党组关于巡察整改进展情况的通报\n\n根据县委统一部署，"
_BODY = "，县委第二巡察组对青山县农业农村局党组开展了常规巡察。"


def _one_range(text):
    ds = scan_dates(SourceText(text))
    assert len(ds.ranges) == 1, [d.text for d in ds.dates]
    return ds.ranges[0]


@SETTINGS
@given(st.dates(dt.date(2016, 1, 1), dt.date(2030, 12, 31)), st.integers(1, 181), _FORMS)
def test_range_end_without_year_within_six_months_is_read_exactly(start, days, form):
    # 181 days never reach past six calendar months (no six consecutive months are shorter)
    end = start + dt.timedelta(days=days)
    r = _one_range(f"{render(start, form)}至{render(end, form, year=False)}")
    assert (r.start.value, r.end.value) == (start, end)
    assert (r.end.year_inferred, r.end.year_from) == (True, "range")


@SETTINGS
@given(st.dates(dt.date(2016, 1, 1), dt.date(2030, 12, 31)), st.integers(1, 330), _FORMS)
def test_reversed_period_keeps_the_start_year_and_is_reported(start, back, form):
    end = start - dt.timedelta(days=back)
    # only a reversal that crossing the year end would not make plausible (seven or more
    # months); "12月…至5月" is read as running into the next year
    assume(end.year == start.year and end.month + 12 - start.month > 6)
    text = f"{_HEAD}{render(start, form)}至{render(end, form, year=False)}{_BODY}"
    r = _one_range(text)
    assert (r.start.value, r.end.value) == (start, end)
    assert (r.end.year_inferred, r.end.year_from) == (True, "range")
    [f] = check(text, select=["DAT001"])
    end_text = render(end, form, year=False)
    assert f.message == (f"巡察开始日期{start.year}年{start.month}月{start.day}日晚于结束日期"
                         f"{end.year}年{end.month}月{end.day}日（“{end_text}”未写年份，"
                         f"推定为{start.year}年）")
