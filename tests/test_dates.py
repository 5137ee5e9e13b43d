"""The Chinese date grammar: forms, spans, ranges, month parts, invalid dates, year inference."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.model import Span
from rectify_rules.parsing.dates import MAX_WRAP_MONTHS, NO_YEAR, parse_date, scan_dates, with_year, wraps
from rectify_rules.text import SourceText

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
D = dt.date


def scan(text: str, reference: dt.date | None = None):
    src = SourceText(text)
    return src, scan_dates(src, reference)


def only(text: str, reference: dt.date | None = None):
    """The one date of *text*, its span checked against the original text."""
    src, ds = scan(text, reference)
    assert len(ds.dates) == 1, [d.text for d in ds.dates]
    d = ds.dates[0]
    assert src.original[d.span.start:d.span.end] == d.text
    return d


# --- single dates: (text, date text, value, precision, year_inferred) -------------------------
SINGLE = [
    ("2021年1月27日,进行巡察意见反馈", "2021年1月27日", D(2021, 1, 27), "day", False),
    ("厦门日期:2021-04-30 16:35阅读量", "2021-04-30", D(2021, 4, 30), "day", False),
    ("完成时限:2021.4.30。", "2021.4.30", D(2021, 4, 30), "day", False),
    ("完成时限：2021/4/30", "2021/4/30", D(2021, 4, 30), "day", False),
    ("二〇二一年六月二十五日", "二〇二一年六月二十五日", D(2021, 6, 25), "day", False),
    ("二○二○年十二月三十一日印发", "二○二○年十二月三十一日", D(2020, 12, 31), "day", False),
    ("于六月二十五日召开", "六月二十五日", D(2021, 6, 25), "day", True),
    ("并于7月6日反馈了巡察意见", "7月6日", D(2021, 7, 6), "day", True),
    ("10月28日,县委第四巡察组召开", "10月28日", D(2021, 10, 28), "day", True),
    ("6月5号召开", "6月5号", D(2021, 6, 5), "day", True),
    ("新区于2022年8月启动", "2022年8月", D(2022, 8, 1), "month", False),
    ("截至12月,完成新建项目38个", "12月", D(2021, 12, 1), "month", True),
    ("如6月份协调解决了", "6月份", D(2021, 6, 1), "month", True),
    ("二是2022年1月份纪检组全程参与", "2022年1月份", D(2022, 1, 1), "month", False),
    ("预计8月底完成初稿", "8月底", D(2021, 8, 31), "month-end", True),
    ("力争十二月底前完成", "十二月底", D(2021, 12, 31), "month-end", True),
    ("按计划2021年7月底前完成", "2021年7月底", D(2021, 7, 31), "month-end", False),
    ("2月底前完成", "2月底", D(2021, 2, 28), "month-end", True),
    ("3月中旬已开展苗木迁移", "3月中旬", D(2021, 3, 11), "mid", True),
    ("9月上旬召开", "9月上旬", D(2021, 9, 1), "early", True),
    ("11月下旬完成", "11月下旬", D(2021, 11, 21), "late", True),
    ("2021年1月初市投资发展集团", "2021年1月初", D(2021, 1, 1), "early", False),
    ("5月初步建立台账", "5月", D(2021, 5, 1), "month", True),
    ("8家养殖场均于2019年底拆除", "2019年底", D(2019, 12, 31), "month-end", False),
    ("发布日期: 2021- 06- 28 16: 53 浏览次数:", "2021- 06- 28", D(2021, 6, 28), "day", False),
    ("时间:2022-02-23    点击量:24479 次", "2022-02-23", D(2022, 2, 23), "day", False),
    ("发布时间:2021-02-10 23:00", "2021-02-10", D(2021, 2, 10), "day", False),
    ("２０２１年６月", "２０２１年６月", D(2021, 6, 1), "month", False),
    ("日期：２０２１－０４－３０", "２０２１－０４－３０", D(2021, 4, 30), "day", False),
    ("于2021年\u30006月\u30003日召开", "2021年\u30006月\u30003日", D(2021, 6, 3), "day", False),
]


@pytest.mark.parametrize(("text", "frag", "value", "precision", "inferred"), SINGLE)
def test_single_date(text, frag, value, precision, inferred):
    # published at the end of 2021: every date written without a year is of 2021
    d = only(text, reference=D(2021, 12, 31))
    assert d.text == frag
    assert d.span == Span(text.index(frag), text.index(frag) + len(frag))
    assert d.value == value
    assert d.precision == precision
    assert d.year_inferred is inferred
    assert (d.year_from is None) is (not inferred)


def test_before_flag_and_span_exclude_qian():
    d = only("2021年5月底前需完成整改1项", D(2021, 6, 1))
    assert (d.text, d.before, d.value) == ("2021年5月底", True, D(2021, 5, 31))
    assert only("2020年8月2日之前全部清退到位").before is True
    assert only("于7月6日前往调研", D(2021, 8, 1)).before is False
    assert only("2021年6月30日前后").before is False
    assert only("2021年6月30日完成").before is False


def test_latest_day_of_month_precisions():
    assert only("2022年8月").latest == D(2022, 8, 31)
    assert only("2021年3月中旬").latest == D(2021, 3, 20)
    assert only("2021年3月上旬").latest == D(2021, 3, 10)
    assert only("2024年2月下旬").latest == D(2024, 2, 29)


def test_crlf_and_line_wrapped_month_end():
    text = "其中2021年5月\r\n底前需完成整改1项"
    d = only(text)
    assert d.text == "2021年5月\r\n底"
    assert (d.value, d.precision, d.before) == (D(2021, 5, 31), "month-end", True)


# --- ranges ------------------------------------------------------------------------------
RANGES = [
    ("2020年9月8日至2020年10月15日,按照县委统一部署", "2020年9月8日", "2020年10月15日",
     D(2020, 9, 8), D(2020, 10, 15), None),
    ("县委第四巡察组于2021年8月31日至9月13日,对", "2021年8月31日", "9月13日",
     D(2021, 8, 31), D(2021, 9, 13), "range"),
    ("于2018年11月26日——2019年1月26日开展巡察", "2018年11月26日", "2019年1月26日",
     D(2018, 11, 26), D(2019, 1, 26), None),
    ("2022年1月10日—13日赴11个乡镇开展年终考核", "2022年1月10日", "13日",
     D(2022, 1, 10), D(2022, 1, 13), "range"),
    ("2021年10月-11月期间,中心主要负责人带队", "2021年10月", "11月",
     D(2021, 10, 1), D(2021, 11, 1), "range"),
    ("2017年7月至2019年10月出租的房屋", "2017年7月", "2019年10月",
     D(2017, 7, 1), D(2019, 10, 1), None),
    ("于2020年11月26日至1月5日开展巡察", "2020年11月26日", "1月5日",
     D(2020, 11, 26), D(2021, 1, 5), "range"),
    ("二〇二一年三月一日至三月十五日", "二〇二一年三月一日", "三月十五日",
     D(2021, 3, 1), D(2021, 3, 15), "range"),
    # the end's year left out across a year end: two months, so 2019
    ("于2018年11月26日——1月26日开展巡察", "2018年11月26日", "1月26日",
     D(2018, 11, 26), D(2019, 1, 26), "range"),
    ("二〇二〇年十二月七日至一月八日", "二〇二〇年十二月七日", "一月八日",
     D(2020, 12, 7), D(2021, 1, 8), "range"),
    # reversed: into 2022 it would last ten and a half months, so it stays in 2021
    ("2021年4月15日至3月1日,市委第一巡察组对", "2021年4月15日", "3月1日",
     D(2021, 4, 15), D(2021, 3, 1), "range"),
    # month-only ranges: November to January wraps, May to March does not
    ("2020年11月至1月,市委第一巡察组对", "2020年11月", "1月",
     D(2020, 11, 1), D(2021, 1, 1), "range"),
    ("2021年5月至3月,市委第一巡察组对", "2021年5月", "3月",
     D(2021, 5, 1), D(2021, 3, 1), "range"),
    # the bound: July to January is six months (wraps), June to January seven (does not)
    ("2021年7月至1月", "2021年7月", "1月", D(2021, 7, 1), D(2022, 1, 1), "range"),
    ("2021年7月31日至1月31日", "2021年7月31日", "1月31日",
     D(2021, 7, 31), D(2022, 1, 31), "range"),
    ("2021年6月30日至1月5日", "2021年6月30日", "1月5日",
     D(2021, 6, 30), D(2021, 1, 5), "range"),
    ("2021年6月底至1月底", "2021年6月底", "1月底", D(2021, 6, 30), D(2021, 1, 31), "range"),
]


@pytest.mark.parametrize(("text", "a", "b", "va", "vb", "end_from"), RANGES)
def test_range(text, a, b, va, vb, end_from):
    src, ds = scan(text)
    assert len(ds.ranges) == 1
    r = ds.ranges[0]
    assert (r.start.text, r.end.text) == (a, b)
    assert (r.start.value, r.end.value) == (va, vb)
    assert r.end.year_from == end_from
    assert r.end.year_inferred is (end_from is not None)
    at = text.index(a)  # the end's text may occur inside the start's ("1月26日" in "11月26日")
    assert src.original[r.span.start:r.span.end] == text[at:text.index(b, at + len(a)) + len(b)]
    assert ds.dates == (r.start, r.end)


@pytest.mark.parametrize("sep", ["至", "到", "—", "——", "–", "-", "~", "～", "－", " 至 "])
def test_range_separators(sep):
    r = scan(f"于2021年3月1日{sep}3月5日开展")[1].ranges
    assert [(x.start.value, x.end.value) for x in r] == [(D(2021, 3, 1), D(2021, 3, 5))]


def test_day_range_without_year_takes_year_from_context():
    _, ds = scan("2020年6月3日下午召开培训会。8月25日-28日在新区组织开展了一次培训")
    r = ds.ranges[0]
    assert (r.start.text, r.end.text) == ("8月25日", "28日")
    assert (r.start.value, r.end.value) == (D(2020, 8, 25), D(2020, 8, 28))
    assert (r.start.year_from, r.end.year_from) == ("context", "range")


def test_range_start_without_year_takes_year_from_end():
    r = scan("11月26日至2019年1月26日")[1].ranges[0]
    assert (r.start.value, r.start.year_from) == (D(2018, 11, 26), "range")
    assert r.end.year_from is None


def test_range_start_without_year_does_not_reach_back_an_implausible_year():
    # back into 2020 it would last ten and a half months: the start keeps the end's year
    r = scan("4月15日至2021年3月1日")[1].ranges[0]
    assert (r.start.value, r.start.year_inferred, r.start.year_from) == (D(2021, 4, 15), True, "range")
    assert (r.end.value, r.end.year_inferred, r.end.year_from) == (D(2021, 3, 1), False, None)


def test_range_without_any_year_wraps_only_when_plausible():
    _, ds = scan("2020年6月3日召开会议。11月26日至1月5日开展巡察;4月15日至3月1日开展巡察")
    first, second = ds.ranges
    assert [(d.value, d.year_from) for d in (first.start, first.end)] == [
        (D(2020, 11, 26), "context"), (D(2021, 1, 5), "range")]
    assert [(d.value, d.year_from) for d in (second.start, second.end)] == [
        (D(2020, 4, 15), "context"), (D(2020, 3, 1), "range")]


@pytest.mark.parametrize(("start", "end", "expected"), [
    (11, 1, True), (12, 1, True), (7, 1, True), (12, 5, True), (12, 6, True),  # <= six months
    (6, 1, False), (12, 7, False), (4, 3, False),                 # seven or more: reversed
    (3, 3, False), (3, 4, False), (1, 12, False),                 # the end's month is not earlier
])
def test_wraps_bound(start, end, expected):
    assert MAX_WRAP_MONTHS == 6
    assert wraps(start, end) is expected


def test_year_once_range_with_crlf_and_ideographic_space():
    text = "\u3000\u3000根据部署,县委第四巡察组于2021年8月31日至\r\n9月13日,对中心开展了巡察。"
    src, ds = scan(text)
    r = ds.ranges[0]
    assert src.original[r.end.span.start:r.end.span.end] == "9月13日"
    assert r.end.value == D(2021, 9, 13)


def test_list_is_not_a_range():
    _, ds = scan("分别于2021年1月18日、2月25日召开会议")
    assert ds.ranges == ()
    assert [(d.text, d.value, d.year_from) for d in ds.dates] == [
        ("2021年1月18日", D(2021, 1, 18), None), ("2月25日", D(2021, 2, 25), "list")]


# --- invalid dates -----------------------------------------------------------------------
def test_invalid_dates_are_reported_not_returned():
    src, ds = scan("于2021年2月30日召开；13月完成；2021年4月31日印发；2021-02-30发布")
    assert ds.dates == ()
    assert [(i.text, i.reason) for i in ds.invalid] == [
        ("2021年2月30日", "2021年2月只有28天，没有30日"),
        ("13月", "“13月”中的月份13不存在，月份只能是1至12"),
        ("2021年4月31日", "2021年4月只有30天，没有31日"),
        ("2021-02-30", "2021年2月只有28天，没有30日"),
    ]
    for i in ds.invalid:
        assert src.original[i.span.start:i.span.end] == i.text


def test_february_29_depends_on_the_inferred_year():
    _, ds = scan("2月29日召开", reference=D(2021, 5, 1))
    assert ds.dates == ()
    assert ds.invalid[0].reason == "2021年2月只有28天，没有29日（未写年份，按上下文推定为2021年）"
    assert only("2月29日召开", reference=D(2020, 5, 1)).value == D(2020, 2, 29)


def test_invalid_range_end_drops_the_range():
    _, ds = scan("2021年2月20日至2月30日")
    assert ds.ranges == ()
    assert [d.text for d in ds.dates] == ["2021年2月20日"]
    assert [i.text for i in ds.invalid] == ["2月30日"]


# --- not dates ---------------------------------------------------------------------------
NOT_DATES = [
    "力争在3-5年内完成秦家岭物流园建设", "力争2-3年有所突破", "产业集聚区总体发展规划（2021-2030）,统筹谋划",
    "2020年1-5月入驻企业完成税收4.43亿元", "4-6月份已主动邀请纪检组参会4次", "一至三月共召开",
    "举报电话9817", "《泾县工业招商引资优惠政策》(泾政〔2019〕16号)", "联系方式:电话0827-7320666",
    "16:35", "纠正过错行为并追回损失32.24万元", "2020年,共组织党工委中心组集中学习",
    "十九届六中全会", "第125号", "同比增长18.7%", "开工率为63.46%", "实行一月一次通报",
    "每年12月底前报送", "2021年度", "公开遴选8—10名干部", "户均收益100—3000元", "2018年至2019年超标发放",
    "3个月来", "三个月的整改", "2020年月末", "2021.4", "版本2021.4.30.1",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text):
    _, ds = scan(text)
    assert (ds.dates, ds.ranges, ds.invalid) == ((), (), ())


# --- year inference ----------------------------------------------------------------------
def test_year_from_list_context_reference_later_none():
    _, ds = scan("其中2021年5月底前需完成1项,7月底前需完成2项。9月底前完成3项")
    assert [(d.value, d.year_from) for d in ds.dates] == [
        (D(2021, 5, 31), None), (D(2021, 7, 31), "list"), (D(2021, 9, 30), "context")]
    assert only("并于7月6日反馈", reference=D(2020, 9, 1)).year_from == "reference"
    # no earlier year, no publication date: the first later date that writes its year
    _, ds = scan("6月10日反馈了巡察意见。截至2021年9月30日，已完成整改8项。")
    assert [(d.value, d.year_from) for d in ds.dates] == [
        (D(2021, 6, 10), "later"), (D(2021, 9, 30), None)]
    # no year anywhere: none is chosen (never today's), the placeholder year keeps 2月29日
    d = only("并于7月6日反馈")
    assert (d.value.year, d.year_from, d.year_inferred) == (NO_YEAR, "none", True)
    assert only("2月29日召开反馈会").year_from == "none"


def test_publication_date_years_events_before_it_and_deadlines_after():
    """A page published on 2024年1月15日 that tells of an inspection "10月9日至12月1日" and a
    feedback "12月20日": those happened before it was published, in 2023. A deadline "3月底前"
    is still to come: 2024. (Read as 2024, the feedback came after the publication: a false
    DAT003.)"""
    text = "10月9日至12月1日巡察，12月20日反馈。截至1月10日完成2项，计划于3月底前全部完成。"
    _, ds = scan(text, reference=D(2024, 1, 15))
    assert [(d.text, d.value, d.year_from) for d in ds.dates] == [
        ("10月9日", D(2023, 10, 9), "reference"), ("12月1日", D(2023, 12, 1), "range"),
        ("12月20日", D(2023, 12, 20), "reference"), ("1月10日", D(2024, 1, 10), "reference"),
        ("3月底", D(2024, 3, 31), "reference")]
    # the publication day itself, and a month that holds it, are not after it
    assert only("1月15日召开会议", reference=D(2024, 1, 15)).value == D(2024, 1, 15)
    assert only("1月召开会议", reference=D(2024, 1, 15)).value == D(2024, 1, 1)


def test_event_does_not_take_its_year_from_a_later_deadline():
    text = "2020年12月18日反馈。其中2022年12月底前需完成1项。12月22日下午召开会议;12月底前完成"
    _, ds = scan(text)
    assert [(d.text, d.value, d.year_from) for d in ds.dates] == [
        ("2020年12月18日", D(2020, 12, 18), None), ("2022年12月底", D(2022, 12, 31), None),
        ("12月22日", D(2020, 12, 22), "context"), ("12月底", D(2022, 12, 31), "context")]


def test_within_and_range_within():
    text = "一、2021年8月31日至9月13日巡察。\n二、10月28日反馈。"
    src, ds = scan(text)
    first = Span(0, text.index("\n"))
    assert [d.text for d in ds.within(first)] == ["2021年8月31日", "9月13日"]
    assert len(ds.range_within(first)) == 1
    second = Span(text.index("\n"), len(text))
    assert [d.text for d in ds.within(second)] == ["10月28日"]
    assert ds.range_within(second) == ()


# --- parse_date / with_year --------------------------------------------------------------
def test_parse_date():
    d = parse_date("2021-06-30")
    assert (d.value, d.span, d.year_inferred) == (D(2021, 6, 30), Span(0, 10), False)
    d = parse_date(" 2021年7月底前 ")
    assert (d.text, d.value, d.before, d.span) == ("2021年7月底", D(2021, 7, 31), True, Span(1, 9))
    d = parse_date("7月6日", default_year=2020)
    assert (d.value, d.year_from) == (D(2020, 7, 6), "reference")
    assert parse_date("7月6日").year_from == "none"
    assert parse_date("２０２１年６月").value == D(2021, 6, 1)
    d = parse_date("2021- 06- 28 16: 53")
    assert (d.text, d.value, d.span) == ("2021- 06- 28", D(2021, 6, 28), Span(0, 12))
    assert parse_date("2021-02-10 23:00:05").value == D(2021, 2, 10)
    for bad in ("2021年2月30日", "今天", "2021年7月6日召开", "", "2020年", "16:35", "2021年6月 16:35"):
        assert parse_date(bad) is None, bad


def test_with_year_keeps_flags_and_month_ends():
    d = parse_date("2月底", default_year=2021)
    moved = with_year(d, 2020)
    assert (moved.value, moved.year_from, moved.year_inferred) == (D(2020, 2, 29), "reference", True)
    assert (moved.text, moved.span, moved.precision) == (d.text, d.span, d.precision)
    assert with_year(parse_date("2020年2月29日"), 2021).value == D(2021, 2, 28)
    assert with_year(parse_date("2021年3月中旬"), 2019).value == D(2019, 3, 11)


# --- seeds -------------------------------------------------------------------------------
def _seed(prefix: str):
    path = next(SEEDS.glob(prefix + "_*.txt"))
    src = SourceText(path.read_text(encoding="utf-8"))
    return src, scan_dates(src)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_scans_cleanly(prefix):
    src, ds = _seed(prefix)
    assert ds.invalid == ()
    for d in ds.dates:
        assert src.original[d.span.start:d.span.end] == d.text
    assert list(ds.dates) == sorted(ds.dates, key=lambda d: d.span.start)


def test_seed_spot_checks():
    src, ds = _seed("000")
    assert [d.text for d in ds.dates] == ["2021-04-30", "2020年9月8日", "2020年10月15日",
                                          "2021年1月27日"]
    assert [(r.start.value, r.end.value) for r in ds.ranges] == [(D(2020, 9, 8), D(2020, 10, 15))]

    _, ds = _seed("001")
    r = next(r for r in ds.ranges if r.start.text == "2022年1月10日")
    assert (r.end.text, r.end.value) == ("13日", D(2022, 1, 13))
    fb = next(d for d in ds.dates if d.text == "10月28日")
    assert (fb.value, fb.year_from) == (D(2021, 10, 28), "context")

    _, ds = _seed("002")
    parts = [(d.value, d.year_from) for d in ds.dates if d.before and d.precision == "month-end"][:5]
    assert parts == [(D(2021, 5, 31), None), (D(2021, 7, 31), "list"), (D(2021, 9, 30), "list"),
                     (D(2021, 12, 31), "list"), (D(2022, 12, 31), None)]
    assert (ds.ranges[0].start.value, ds.ranges[0].end.value) == (D(2020, 9, 7), D(2020, 11, 13))

    src, ds = _seed("003")
    d = next(d for d in ds.dates if d.text == "7月6日")
    assert (d.value, d.year_inferred) == (D(2020, 7, 6), True)
    at = src.original.index("2020年1-5月入驻企业")  # a statistic span of months, not a date
    assert ds.within(Span(at, at + 12)) == ()

    _, ds = _seed("004")
    assert (ds.ranges[0].start.value, ds.ranges[0].end.text) == (D(2019, 11, 12), "12月22日")
    assert ds.dates[-1].value == D(2020, 6, 29)


# --- never raises ------------------------------------------------------------------------
_ALPHABET = list("0123456789０６年月日号底末初上中下旬份前之至到—–-~～－./: \n\r\u3000"
                 "〇○一二三四五六七八九十廿卅两每第个")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60) | st.text(max_size=40),
       st.none() | st.dates())
def test_scan_never_raises_and_spans_fit(text, reference):
    src, ds = scan(text, reference)
    for d in ds.dates:
        assert 0 <= d.span.start < d.span.end <= len(text)
        assert text[d.span.start:d.span.end] == d.text
    for r in ds.ranges:
        assert r.span.start == r.start.span.start and r.span.end == r.end.span.end
        assert r.start in ds.dates and r.end in ds.dates
    for i in ds.invalid:
        assert 0 <= i.span.start < i.span.end <= len(text)
