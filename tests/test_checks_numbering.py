"""NUM001-NUM004: hand-positioned fixtures, message values, and the five seeds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.checks.numbering import cn_numeral, shape
from rectify_rules.engine import check
from rulehelpers import SEEDS, fixture_cases, fixture_positions
from rulehelpers import found as only

CODES = ["NUM001", "NUM002", "NUM003", "NUM004"]


@pytest.mark.parametrize("code,case", fixture_cases(CODES))
def test_fixture(code, case):
    got, want = fixture_positions(code, case)
    assert got == want


def test_cn_numeral_and_shape():
    assert [cn_numeral(n) for n in (1, 9, 10, 12, 20, 35)] == ["一", "九", "十", "十二", "二十", "三十五"]
    assert shape("cn-paren", 3) == "（三）"
    assert shape("cn-dun", 11) == "十一、"
    assert shape("arabic-dot", 4) == "4."
    assert shape("arabic-paren-half", 2) == "(2)"
    assert shape("circled", 3) == "③"


def test_skip_message_names_the_markers():
    (f,) = only("三、作风方面\n1、会议过多。\n3、检查过多。", "NUM001")
    assert f.message == "第三层序号跳号：“1、”之后应为“2、”，实际为“3、”"
    assert f.related[0].excerpt == "1、"


def test_repeat_message():
    (f,) = only("一、党建方面\n（一）学习。\n（二）会议。\n（二）文件。", "NUM001")
    assert f.message == "第二层序号重复：“（二）”之后应为“（三）”，实际为“（二）”"


def test_continuation_from_previous_group_but_not_a_jump():
    # 5. under （二） continues 1.-4.; 7. would be neither a restart nor a continuation
    text = "一、情况\n(一)甲\n1.a甲。\n2.a乙。\n(二)乙\n4.a丙。"
    (f,) = only(text, "NUM001")
    assert f.excerpt == "4."
    assert f.values["expected"] == "1."


def test_style_reported_once_per_style_with_other_styles():
    text = "一、情况\n1、甲。\n2、乙。\n3.丙。\n4、丁。"
    (f,) = only(text, "NUM003")
    assert f.message == "第三层序号“1、”用了顿号，标准写法为“1.”；同一层还用了1."


def test_level_order_reported_once_per_style_pair():
    text = ("一、情况\n1.学习\n（一）甲。\n（二）乙。\n2.组织\n（一）丙。\n3.作风\n（一）丁。")
    found = only(text, "NUM002")
    assert [(f.location.row, f.excerpt) for f in found] == [(3, "（一）")]
    assert found[0].message == "“（一）”（第二层）出现在“1.”（第三层）之下，层次顺序颠倒"


def test_malformed_reasons():
    found = only("(一)甲。\n)乙。\n（三丙。", "NUM004")
    assert [f.message for f in found] == ["序号“)”残缺：只有右括号，缺少序号和左括号",
                                          "序号“（三”残缺：缺少右括号"]


def _seed(prefix):
    return SEEDS[prefix]


@pytest.fixture(scope="module")
def seed_findings():
    return {p: [f for f in check(_seed(p), select=CODES)] for p in ("000", "001", "002", "003", "004")}


def test_seed_002_lone_brackets_not_a_skip(seed_findings):
    found = seed_findings["002"]
    assert [(f.code, f.location.row) for f in found if f.code in ("NUM001", "NUM004")] == [
        ("NUM004", 156), ("NUM004", 158)]


def test_seed_004_skip_in_section_three(seed_findings):
    found = [f for f in seed_findings["004"] if f.code == "NUM001"]
    assert [(f.location.row, f.excerpt) for f in found] == [(99, "3、")]


def test_seeds_without_gaps_or_level_errors(seed_findings):
    for p in ("000", "001", "003"):
        assert [f.code for f in seed_findings[p] if f.code in ("NUM001", "NUM002", "NUM004")] == []


def test_seed_001_styles_once_each(seed_findings):
    found = [(f.location.row, f.excerpt) for f in seed_findings["001"] if f.code == "NUM003"]
    assert found == [(9, "1、"), (17, "(一)"), (21, "(1)")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["一、", "二、", "（一）", "(二)", "1.", "3、", "（1）", "2)", ")",
                                 "（三", "①", ""]), max_size=12))
def test_checks_never_raise_and_spans_inside(markers):
    text = "\n".join(m + "整改落实。" for m in markers)
    for f in check(text, select=CODES):
        assert 0 <= f.span.start <= f.span.end <= len(text)
