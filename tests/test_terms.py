"""TRM001-TRM003: term tables (every entry's own tests), organisation-name variants, the seeds."""

from __future__ import annotations

import pytest

from rectify_rules.engine import run_examples
from rulehelpers import SEEDS, single_pack
from rulehelpers import found as only


# ---- TRM001 / TRM003: term tables ----------------------------------------------------------------

def test_trm001_table_is_large_and_every_wrong_form_is_tested():
    terms = single_pack("TRM001").rules[0].spec.terms
    assert len(terms) >= 40
    for term in terms:
        assert term.tests, term.right
        for wrong in term.wrong:
            assert any(wrong in t for t in term.tests), f"{wrong} has no test string"


def test_trm003_table_has_at_least_25_entries_each_tested():
    terms = single_pack("TRM003").rules[0].spec.terms
    assert sum(len(t.wrong) for t in terms) >= 25
    for term in terms:
        for wrong in term.wrong:
            assert any(wrong in t for t in term.tests), f"{wrong} has no test string"


@pytest.mark.parametrize("code", ["TRM001", "TRM002", "TRM003"])
def test_examples_and_term_tests_pass(code):
    results = run_examples(single_pack(code))
    assert results
    failed = [r.detail for r in results if not r.ok]
    assert failed == []


@pytest.mark.parametrize("code", ["TRM001", "TRM003"])
def test_each_term_test_reports_its_own_right_form(code):
    """Every `tests` string is flagged with the right form of ITS term (not another entry's)."""
    for term in single_pack(code).rules[0].spec.terms:
        for text in term.tests:
            rights = {f.values["right"] for f in only(text, code)}
            assert rights == {term.right}, (text, rights)


@pytest.mark.parametrize("text", [
    "坚持走中国特色社会主义道路",
    "深入学习习近平新时代中国特色社会主义思想",
    "贯彻执行中央八项规定精神，落实“三重一大”决策制度",
    "树牢“四个意识”，坚定“四个自信”，做到“两个维护”",
    "召开专题民主生活会，严格落实三会一课制度",
])
def test_trm001_right_forms_are_not_flagged(text):
    assert only(text, "TRM001") == []


def test_trm001_message_and_safe_fix():
    (f,) = only("研究三重一大大等问题", "TRM001")
    assert f.message == "规范表述应为“三重一大”，此处写作“三重一大大”"
    assert f.fix is not None and f.fix.replacement == "三重一大" and f.fix.safe


@pytest.mark.parametrize("text", ["受9月低温天气影响", "6月低于去年同期", "一二月低保金已发放", "预计8月底完成"])
def test_trm003_month_low_only_in_deadline_context(text):
    assert only(text, "TRM003") == []


def test_trm003_month_low_with_chinese_numeral():
    (f,) = only("力争十二月低前全面完成", "TRM003")
    assert f.values == {"wrong": "月低前", "right": "月底前"}


# ---- TRM002: organisation names --------------------------------------------------------------------

def test_trm002_missing_character_in_a_frequent_name():
    text = ("青山县招商合作服务中心召开会议。青山县招商合作服务中心部署工作。"
            "印发青山县招商合服务中心方案。")
    (f,) = only(text, "TRM002")
    assert f.values == {"variant": "青山县招商合服务中心", "variant_count": 1,
                        "canonical": "青山县招商合作服务中心", "canonical_count": 2}
    assert f.message == ("同一机构名称写法不一：此处作“青山县招商合服务中心”（1次），"
                         "通报中另作“青山县招商合作服务中心”（2次）")
    assert [r.span.start for r in f.related] == [0]


def test_trm002_extra_character():
    text = "泾县住房和城乡建设局开展整改。泾县住房和城乡建设局完成整改。泾县住房和城乡规建设局报送材料。"
    (f,) = only(text, "TRM002")
    assert (f.span.start, f.span.end) == (30, 41)
    assert f.values == {"variant": "泾县住房和城乡规建设局", "variant_count": 1,
                        "canonical": "泾县住房和城乡建设局", "canonical_count": 2}


@pytest.mark.parametrize("text", [
    # different ordinals are different bodies
    "县委第二巡察组进驻。县委第二巡察组反馈。县委第三巡察组督导。",
    "县委第十二巡察组进驻。县委第十二巡察组反馈。县委第十巡察组督导。",
    # a branch is another body
    "市自然资源局沟通。自然资源分局配合。自然资源分局开具委托函。自然资源分局审核。",
    # a particle is wording
    "县发展改革委员会牵头。县发展改革委员会督办。县发展的改革委员会",
    # a name seen once beside another seen once: no majority
    "县招商合作服务中心牵头，县招商合服务中心配合。",
])
def test_trm002_no_false_alarm(text):
    assert only(text, "TRM002") == []


def test_trm002_ordinal_gap_is_reported_whatever_the_counts():
    text = "市委第巡察组进驻。市委第巡察组反馈。市委第巡察组指导。市委第四巡察组督导。"
    found = only(text, "TRM002")
    assert [f.span.start for f in found] == [0, 9, 18]
    assert {f.values["canonical"] for f in found} == {"市委第四巡察组"}


# ---- seeds -------------------------------------------------------------------------------------------

def test_seed_004_two_trm001_findings():
    found = only(SEEDS["004"], "TRM001")
    assert [(f.location.row, f.values["wrong"]) for f in found] == [
        (13, "习近平新时代中国特色社会思想"), (15, "习近平新时代中国特色社会思想")]


def test_seed_004_trm003():
    found = only(SEEDS["004"], "TRM003")
    assert [f.values["wrong"] for f in found] == ["绝大部门", "月低完成"]


def test_seed_000_trm003():
    found = only(SEEDS["000"], "TRM003")
    assert [(f.values["wrong"], f.values["right"]) for f in found] == [("腾龙换鸟", "腾笼换鸟")]


def test_seed_001_one_trm002_at_the_variant():
    (f,) = only(SEEDS["001"], "TRM002")
    assert "泾县招商合服务中心" in f.values["variant"]
    assert f.values["canonical"] == f.values["variant"].replace("合服务", "合作服务")
    assert f.values["variant_count"] == 1 and f.values["canonical_count"] >= 2
    assert f.location.row == 11


def test_seed_002_trm002_ordinal_gap():
    found = only(SEEDS["002"], "TRM002")
    assert [f.values["variant"] for f in found] == ["市委第巡察组"] * 3
    assert {f.values["canonical"] for f in found} == {"市委第四巡察组"}


@pytest.mark.parametrize("seed,code", [("000", "TRM001"), ("001", "TRM001"), ("002", "TRM001"),
                                       ("003", "TRM001"), ("001", "TRM003"), ("002", "TRM003"),
                                       ("003", "TRM003"), ("000", "TRM002"), ("003", "TRM002"),
                                       ("004", "TRM002")])
def test_seeds_without_term_defects_are_clean(seed, code):
    assert [f.message for f in only(SEEDS[seed], code)] == []
