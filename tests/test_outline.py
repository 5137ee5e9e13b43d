"""The outline tree: marker styles, levels from style, malformed markers, spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.model import Span
from rectify_rules.parsing.outline import STYLES, base_style, parse_outline, walk
from rectify_rules.text import SourceText

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def outline(text: str):
    return parse_outline(SourceText(text))


def flat(text: str):
    return list(walk(outline(text)))


@pytest.mark.parametrize("line, style, level, number, marker", [
    ("一、贯彻落实方面", "cn-dun", 1, 1, "一、"),
    ("十二、党建工作不到位", "cn-dun", 1, 12, "十二、"),
    ("（三）组织建设薄弱", "cn-paren", 2, 3, "（三）"),
    ("(三)组织建设薄弱", "cn-paren-half", 2, 3, "(三)"),
    ("（三)组织建设薄弱", "cn-paren-mixed", 2, 3, "（三)"),
    ("4.资金管理不到位", "arabic-dot", 3, 4, "4."),
    ("4．资金管理不到位", "arabic-dot-fw", 3, 4, "4．"),
    ("4、资金管理不到位", "arabic-dun", 3, 4, "4、"),
    ("（2）公务卡使用率较低", "arabic-paren", 4, 2, "（2）"),
    ("(2)公务卡使用率较低", "arabic-paren-half", 4, 2, "(2)"),
    ("2)公务卡使用率较低", "arabic-half-paren", 4, 2, "2)"),
    ("2）公务卡使用率较低", "arabic-half-paren-fw", 4, 2, "2）"),
    ("③台账不全", "circled", 5, 3, "③"),
])
def test_each_marker_style(line, style, level, number, marker):
    text = "前言段落。\n" + line + "\n"
    (node,) = outline(text)
    m = node.marker
    assert (m.style, m.level, m.number, m.text, m.malformed) == (style, level, number, marker, False)
    assert m.span == Span(6, 6 + len(marker))
    assert STYLES[style] == level


def test_base_style_drops_width_suffix():
    assert base_style("cn-paren-half") == "cn-paren"
    assert base_style("arabic-dot-fw") == "arabic-dot"
    assert base_style("arabic-half-paren-fw") == "arabic-half-paren"
    assert base_style("cn-dun") == "cn-dun"


def test_title_body_and_spans():
    text = "一、工作作风不严不实。干部下基层少\n（一）调研不深\n整改情况:已完成。\n"
    (top,) = outline(text)
    assert top.title == "工作作风不严不实"
    assert top.title_span == Span(2, 10)
    assert text[top.body_span.start:top.body_span.end] == "干部下基层少"
    (child,) = top.children
    assert child.title == "调研不深"
    assert text[child.body_span.start:child.body_span.end] == "整改情况:已完成。"
    assert top.span == Span(0, len(text) - 1)
    assert child.span == Span(text.index("（一）"), len(text) - 1)


def test_title_ends_at_colon_and_line_end():
    text = "1.加强组织领导:成立领导小组。\n2.细化整改任务\n"
    a, b = outline(text)
    assert a.title == "加强组织领导"
    assert text[a.body_span.start:a.body_span.end] == "成立领导小组。"
    assert b.title == "细化整改任务"
    assert len(b.body_span) == 0


def test_levels_come_from_style_not_indentation():
    text = ("一、甲方面\n"
            "        1.乙不到位\n"          # deep indent, still level 3 under 一、
            "（一）丙方面\n"                # level 2 closes 1. and nests under 一、
            "(1)丁不够\n"
            "①戊\n"
            "二、己方面\n")
    first, second = outline(text)
    assert [c.title for c in first.children] == ["乙不到位", "丙方面"]
    paren = first.children[1]
    assert [c.title for c in paren.children] == ["丁不够"]
    assert [c.title for c in paren.children[0].children] == ["戊"]
    assert second.title == "己方面" and second.children == ()


def test_document_starting_at_arabic_level():
    text = "1.甲问题\n(1)子问题一\n(2)子问题二\n2.乙问题\n"
    a, b = outline(text)
    assert [n.marker.level for n in (a, b)] == [3, 3]
    assert [c.number for c in a.children] == [1, 2]
    assert b.children == ()


def test_arabic_dun_and_dot_share_level():
    text = "一、甲\n1、乙\n2.丙\n"
    (top,) = outline(text)
    assert [(c.marker.style, c.number) for c in top.children] == [("arabic-dun", 1), ("arabic-dot", 2)]


@pytest.mark.parametrize("line", [
    "1.5亿元资金已经拨付到位。",
    "2021.3.5召开专题会议。",
    "3-5年内完成物流园建设。",
    "1、2、3项工作已经完成。",
    "12月18日召开党工委会议。",
    "2020年9月7日至11月13日开展巡察。",
    "1.",
    "（一）",
    "共有1.5万人参加。",
])
def test_not_markers(line):
    assert outline("正文。\n" + line + "\n") == ()


def test_marker_mid_line_is_not_a_marker():
    assert outline("一是加强学习,（一）不是标题。二、也不是\n") == ()


def test_marker_followed_by_year_is_a_marker():
    (n,) = outline("1.2013年以来15个项目已办理审核结算手续。\n")
    assert (n.marker.text, n.number) == ("1.", 1)
    assert n.title == "2013年以来15个项目已办理审核结算手续"


def test_lone_close_paren_takes_sibling_style():
    text = "三、巩固成果\n(一)从严落实责任。\n)持续用力巩固。\n)始终坚持标本兼治。\n(四)深刻认识差距。\n"
    (top,) = outline(text)
    kids = top.children
    assert [c.number for c in kids] == [1, None, None, 4]
    lone = kids[1].marker
    assert lone.malformed and lone.text == ")" and lone.level == 2
    assert lone.style == "cn-paren-half"
    assert lone.span == Span(text.index(")持续"), text.index(")持续") + 1)
    assert kids[1].title == "持续用力巩固"


def test_lone_close_paren_among_arabic_half_parens():
    text = "1.甲\n1)子一\n)子二\n3)子三\n"
    (top,) = outline(text)
    assert [(c.marker.level, c.number, c.marker.malformed) for c in top.children] == [
        (4, 1, False), (4, None, True), (4, 3, False)]


def test_unclosed_paren_is_malformed():
    text = "一、甲方面\n（一）乙\n（二丙不到位\n（三）丁\n"
    (top,) = outline(text)
    bad = top.children[1]
    assert bad.marker.malformed and bad.marker.number is None
    assert (bad.marker.text, bad.marker.style, bad.marker.level) == ("（二", "cn-paren", 2)
    assert bad.title == "丙不到位"
    assert [c.number for c in top.children] == [1, None, 3]


def test_crlf_and_ideographic_indent():
    text = "\u3000\u3000一、甲方面\r\n\u3000\u30001.乙不到位。丙\r\n"
    (top,) = outline(text)
    assert top.marker.span == Span(2, 4)
    assert top.title == "甲方面"
    (child,) = top.children
    assert child.title == "乙不到位"
    assert text[child.body_span.start:child.body_span.end] == "丙"
    assert child.span.end == text.index("丙") + 1


def test_closing_paragraph_ends_last_body():
    text = "一、甲方面\n1.乙不到位。整改到位。\n欢迎广大干部群众对巡察整改落实情况进行监督。联系电话:0827-7320666\n"
    (top,) = outline(text)
    leaf = top.children[0]
    assert text[leaf.body_span.start:leaf.body_span.end] == "整改到位。"
    assert top.span.end == leaf.span.end


def test_seed_002_malformed_markers():
    text = (SEEDS / "002_270ee20efe64f1c4.txt").read_text(encoding="utf-8")
    nodes = outline(text)
    assert [n.number for n in nodes] == [1, 2, 3]
    third = nodes[2]
    assert [c.number for c in third.children] == [1, None, None, 4]
    lone = [c for c in third.children if c.marker.malformed]
    assert [c.title for c in lone] == ["持续用力巩固巡察整改成果", "始终坚持标本兼治注重长效"]
    assert all(c.marker.level == 2 and c.marker.text == ")" for c in lone)
    for c in lone:
        assert text[c.marker.span.start:c.marker.span.end] == ")"


def test_seed_004_full_width_markers():
    text = (SEEDS / "004_5c118598706826d0.txt").read_text(encoding="utf-8")
    nodes = outline(text)
    assert [n.marker.style for n in nodes] == ["cn-dun"] * 3
    # hand count: 一、 has 1、2、3、; 二、 has 1、2、; 三、 has 1、 and 3、 (2、 is missing)
    assert [[c.number for c in n.children] for n in nodes] == [[1, 2, 3], [1, 2], [1, 3]]
    styles = {c.marker.style for n in nodes for item in n.children for c in item.children}
    assert styles == {"arabic-paren"}


def test_seed_001_half_width_markers_and_spans_inside_text():
    text = (SEEDS / "001_c76a038a99cc564d.txt").read_text(encoding="utf-8")
    nodes = outline(text)
    assert [n.title for n in nodes] == [
        "提高政治站位,全面组织落实巡察整改工作",
        "坚持问题导向,全力推动整改任务落地见效",
        "坚持常态长效,全面巩固提升巡察整改成果",
    ]
    for n in walk(nodes):
        assert text[n.title_span.start:n.title_span.end] == n.title
        assert n.span.contains(n.title_span) and n.span.contains(n.body_span)
    styles = {n.marker.style for n in walk(nodes[1].children)}
    assert styles == {"cn-paren-half", "arabic-dot", "arabic-paren-half"}


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="一二三、（）()1234.．)①\n\u3000 甲乙。:整改5亿元年", max_size=80))
def test_never_raises_and_spans_inside(text):
    n = len(text)
    for node in walk(outline(text)):
        for s in (node.span, node.title_span, node.body_span, node.marker.span):
            assert 0 <= s.start <= s.end <= n
        assert text[node.marker.span.start:node.marker.span.end] == node.marker.text
