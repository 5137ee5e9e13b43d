"""Web-page boilerplate: junk lines and tokens, the metadata line (published, source)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rectify_rules.model import Span
from rectify_rules.parsing.boilerplate import scan
from rectify_rules.text import SourceText

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _span_of(text: str, needle: str, start: int = 0) -> Span:
    at = text.index(needle, start)
    return Span(at, at + len(needle))


def _junk(text: str) -> list[str]:
    src = SourceText(text)
    return [src.slice(s) for s in scan(src).spans]


def test_seed000_header_lines_and_metadata():
    text = _seed("000")
    src = SourceText(text)
    bp = scan(src)
    junk = [src.slice(s) for s in bp.spans]
    assert junk == ["今天是:", "来源:廉洁·通江日期:2021-04-30 16:35阅读量:9817",
                    "用微信扫描二维码", "分享至好友和朋友圈", "扫一扫在手机打开当前页"]
    assert bp.published is not None
    assert bp.published.value == dt.date(2021, 4, 30)
    assert bp.published.text == "2021-04-30"
    assert bp.published.span == _span_of(text, "2021-04-30")
    assert bp.source is not None and bp.source.text == "廉洁·通江"
    assert bp.source.span == _span_of(text, "廉洁·通江")


def test_seed001_metadata_with_nbsp_counter():
    text = _seed("001")
    src = SourceText(text)
    bp = scan(src)
    line = next(ln for ln in text.splitlines() if ln.startswith("来源"))
    assert [src.slice(s) for s in bp.spans] == [line.strip()]
    assert bp.published.value == dt.date(2022, 2, 23)
    assert bp.source.text == "泾县纪委"


def test_seed002_breadcrumb_spaced_timestamp_and_trailing_source():
    text = _seed("002")
    src = SourceText(text)
    bp = scan(src)
    junk = [src.slice(s) for s in bp.spans]
    assert junk == ["首页", "> 要闻动态 > 通知公告", "发布日期: 2021- 06- 28 16: 53 浏览次数:",
                    "来源: 东临新区党政办公室"]
    assert bp.published.value == dt.date(2021, 6, 28)
    assert bp.published.text == "2021- 06- 28"
    assert bp.source.text == "东临新区党政办公室"
    # the signature above the trailing source line stays in the body
    body = src.without(bp.spans)
    assert "中共抚州市东临新区工作委员会\n" in body.norm
    assert "2021年6月25日" in body.norm


def test_seed003_source_then_published_and_editor_tag():
    text = _seed("003")
    src = SourceText(text)
    bp = scan(src)
    assert [src.slice(s) for s in bp.spans] == [
        "来源:中共泉州市鲤城区委高新技术产业开发区工作委员会 发布时间:2021-02-10 23:00",
        "【责任编辑:庄秀鹃】"]
    assert bp.source.text == "中共泉州市鲤城区委高新技术产业开发区工作委员会"
    assert bp.published.value == dt.date(2021, 2, 10)


def test_seed004_plain_report_has_no_boilerplate():
    bp = scan(SourceText(_seed("004")))
    assert bp.spans == () and bp.published is None and bp.source is None


def test_full_width_metadata_line():
    text = ("关于巡察整改情况的通报\n"
            "来源：某某县纪委　　发布时间：２０２２－０３－０１　１０：２０\n"
            "正文。\n")
    src = SourceText(text)
    bp = scan(src)
    assert bp.published.value == dt.date(2022, 3, 1)
    assert bp.published.text == "２０２２－０３－０１"
    assert bp.source.text == "某某县纪委"
    assert [src.slice(s) for s in bp.spans] == ["来源：某某县纪委　　发布时间：２０２２－０３－０１　１０：２０"]


@pytest.mark.parametrize("line", [
    "【打印】【关闭】",
    "[打印本页] [关闭窗口]",
    "字号：大 中 小",
    "【字体：大 中 小】",
    "阅读量:9817",
    "点击量：24479 次",
    "浏览次数:",
    "当前位置：首页 > 通知公告",
    "首页 > 工作动态 > 巡察工作",
    "今天是：2021年4月30日 星期五",
    "扫一扫在手机打开当前页",
    "分享到：",
    "上一篇：关于开展巡察工作的通知",
    "【责任编辑:王某】",
    "责任编辑：王某",
    "版权所有：某某县纪委监委 技术支持：某某公司",
])
def test_junk_lines(line):
    text = f"正文第一段。\n{line}\n正文第二段。"
    assert _junk(text) == [line]


@pytest.mark.parametrize("line", [
    "资金来源:县财政拨付，共计50万元。",
    "时间:2021年3月31日前完成整改。",
    "完成时限:2021年3月31日",
    "来源：这是一句很长的话，说明问题的来源在于制度执行不到位。",
    "一、提高政治站位，抓紧抓实巡察整改工作",
])
def test_body_lines_are_not_boilerplate(line):
    assert _junk(f"正文。\n{line}\n") == []


def test_author_line_is_junk_but_no_source():
    bp = scan(SourceText("正文。\n作者:某某\n"))
    assert len(bp.spans) == 1 and bp.source is None and bp.published is None


def test_inline_widgets_leave_the_sentence():
    text = "联系电话：0827-1234567。【打印】【关闭】\n"
    src = SourceText(text)
    bp = scan(src)
    assert bp.spans == (_span_of(text, "【打印】【关闭】"),)
    body = src.without(bp.spans)
    assert body.norm.startswith("联系电话:0827-1234567。")
    assert "打印" not in body.norm and len(body.norm) == len(text)


def test_crlf_metadata_line():
    text = "关于巡察整改进展情况的通报\r\n来源:某某区委办 日期:2021-5-6\r\n正文。\r\n"
    src = SourceText(text)
    bp = scan(src)
    assert [src.slice(s) for s in bp.spans] == ["来源:某某区委办 日期:2021-5-6"]
    assert bp.published.value == dt.date(2021, 5, 6)
    assert bp.source.span == _span_of(text, "某某区委办")


def test_bad_timestamp_is_not_a_date_but_the_line_is_still_metadata():
    bp = scan(SourceText("来源:某某纪委 发布时间:2021-13-45\n正文。"))
    assert bp.published is None
    assert bp.source.text == "某某纪委"
    assert len(bp.spans) == 1


def test_empty_and_blank_text():
    assert scan(SourceText("")).spans == ()
    assert scan(SourceText("\n \r\n\u3000\n")).spans == ()


def test_every_junk_token_begins_with_a_listed_character():
    # the token scan skips what cannot begin a token (TOKEN_FIRST): a token added to
    # JUNK_TOKENS must begin with one of those characters, optionally inside "(?:"
    import re

    from rectify_rules.parsing.boilerplate import JUNK_TOKENS, TOKEN_FIRST, TOKEN_MARKS

    first = re.compile(r"(?:\(\?:)*(?:\[【\\\[\]|[" + re.escape(TOKEN_FIRST) + "])")
    assert [p for p in JUNK_TOKENS if not first.match(p)] == []
    # and a line is scanned only when it holds one of TOKEN_MARKS: a bracket, or the first
    # word of a token that starts with a word
    marks = re.compile(r"(?:\(\?:)*(?:\[【\\\[\]|" + "|".join(TOKEN_MARKS[2:]) + ")")
    assert [p for p in JUNK_TOKENS if not marks.match(p)] == []
    assert set(TOKEN_MARKS[:2]) == {"【", "["}
    for widget in ("【打印】", "[关闭]", "扫一扫在手机打开当前页", "用微信扫描二维码", "分享至好友和朋友圈"):
        src = SourceText("正文第一句。" + widget + "\n")
        assert scan(src).spans == (Span(6, 6 + len(widget)),)


def test_widgets_inside_the_metadata_line():
    text = ("中共某县水利局党组关于巡察整改进展情况的通报\n"
            "信息来源：县纪委  发布时间：2021-12-31  【打印本页】【关闭窗口】\n正文。\n")
    src = SourceText(text)
    bp = scan(src)
    assert [src.slice(s) for s in bp.spans] == ["信息来源：县纪委  发布时间：2021-12-31  【打印本页】【关闭窗口】"]
    assert bp.published.value == dt.date(2021, 12, 31)
    assert bp.published.span == _span_of(text, "2021-12-31")
    assert bp.source.text == "县纪委"


def test_bare_timestamp_line():
    text = "中共某县水利局党组\n关于巡察整改进展情况的通报\n2022-01-20 09:30:00  浏览量：326\n正文。\n"
    src = SourceText(text)
    bp = scan(src)
    assert [src.slice(s) for s in bp.spans] == ["2022-01-20 09:30:00  浏览量：326"]
    assert bp.published.value == dt.date(2022, 1, 20)
    assert bp.published.span == _span_of(text, "2022-01-20")


@pytest.mark.parametrize("line", ["2021年12月28日", "2021-12-28", "2021年8月5日，召开专题会议。"])
def test_a_date_alone_or_in_prose_is_no_timestamp(line):
    bp = scan(SourceText(f"中共某县水利局党组\n{line}\n"))
    assert bp.spans == () and bp.published is None
