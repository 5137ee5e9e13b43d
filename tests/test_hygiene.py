"""FMT001-FMT004: doubled characters, brackets, half-width punctuation, placeholders; the seeds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.checks import CheckContext, get
from rectify_rules.checks.hygiene import paragraphs, reduplications
from rectify_rules.engine import run_examples
from rectify_rules.parsing import parse_source
from rulehelpers import SEEDS, single_pack
from rulehelpers import found as only


@pytest.mark.parametrize("code", ["FMT001", "FMT002", "FMT003", "FMT004"])
def test_examples(code):
    results = run_examples(single_pack(code))
    assert len(results) >= 2
    assert [r.detail for r in results if not r.ok] == []


# ---- FMT001 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,doubled", [
    ("二是是修订完善中心组学习制度", "是是"),
    ("加强对干部的的日常监督", "的的"),
    ("问题已经整改了了", "了了"),
    ("要求在在全区推广", "在在"),
    ("党群工作部部将按照要求整改", "部部"),
    ("目前整改整改工作有序推进", "整改整改"),
])
def test_fmt001_reports_slips_with_an_unsafe_fix(text, doubled):
    (f,) = only(text, "FMT001")
    assert f.values["doubled"] == doubled
    assert f.fix is not None and not f.fix.safe
    assert f.fix.replacement == doubled[: len(doubled) // 2]
    assert (f.span.end - f.span.start) == len(doubled)


@pytest.mark.parametrize("text", [
    "层层压实责任，人人签订承诺书，常常对照检查",
    "实实在在抓整改，家家户户都知晓，明明白白公开",
    "久久为功，抓早抓小，经常红红脸、出出汗，咬咬耳朵、扯扯袖",
    "一是是否落实到位；为了了解情况，不了了之的问题不允许存在",
    "学习习近平新时代中国特色社会主义思想，改进工作作风，全部部署到位",
    "县财政局局长、巡察组组长、党委委员、协会会员参加",
    "泾县县委、抚州市市直单位、二〇二二年、一一对应",
    "研究研究、谈谈看法、看看效果，等等",
    "针对对自身职责理解有偏差的问题，收取工会会费，中心组组织学习",
    "管委会副主任王某某",
])
def test_fmt001_legitimate_doubles_are_quiet(text):
    assert [f.message for f in only(text, "FMT001")] == []


def test_fmt001_message_names_the_context():
    (f,) = only("一是加强学习。二是是修订制度。", "FMT001")
    assert f.message == "“。二是是修订”中“是”重复，疑为误输入，应删去一个“是”"


def test_allowlist_indexes_every_double():
    index = reduplications()
    assert ("实实在在", 0) in index["实实"] and ("实实在在", 2) in index["在在"]
    assert ("研究研究", 0) in index["研究研究"]
    assert ("是是否", 0) in index["是是"]


def test_seed_004_one_fmt001_at_er_shi_shi():
    (f,) = only(SEEDS["004"], "FMT001")
    assert f.values["doubled"] == "是是" and f.location.row == 15
    assert "二是是修" in f.values["context"]


# ---- FMT002 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,char", [
    ("专题学习《中国共产党纪律处分条例等内容。", "《"),
    ("制定了《整改方案》》并印发", "》"),
    ("强化“四个意识，坚定信心。", "“"),
    ("完善制度（试行，严格执行。", "（"),
    ("完善制度试行)，严格执行。", ")"),
    ("见《条例（试行》", "（"),
])
def test_fmt002_reports_the_unmatched_character(text, char):
    (f,) = only(text, "FMT002")
    assert f.values["char"] == char
    assert text[f.span.start] == char


def test_fmt002_paragraphs_not_lines():
    assert only("牢固树立“不抓整改是渎职，\n整改不力是失职”意识。", "FMT002") == []
    found = only("牢固树立“不抓整改是渎职，\n\n整改不力是失职”意识。", "FMT002")
    assert [f.values["char"] for f in found] == ["“", "”"]


@pytest.mark.parametrize("text", [
    "1)加强学习。\n2)完善制度。",
    "主要措施包括：1)加强学习；2)完善制度；3)严格考核。",
    "（1）加强学习；（2）完善制度。",
    "印发《关于征集全县重点招商资源的通知》(泾招组办﹝2021﹞8号)。",
    "It’s fine.",
    "联系电话：0736-3221560（工作日8:30—17:30）；电子邮箱：a@b.cn。",
    "联系电话：0736-3221560(工作日8:30-17:30)。",
])
def test_fmt002_markers_and_balanced_text_are_quiet(text):
    assert [f.message for f in only(text, "FMT002")] == []


def test_fmt002_enumeration_marker_after_a_colon_still_closes_nothing():
    assert only("主要措施：1)加强学习；2)完善制度。", "FMT002") == []
    (f,) = only("时间为（8:30—17:30。", "FMT002")
    assert f.values["char"] == "（"


def test_fmt002_message():
    (f,) = only("专题学习《中国共产党纪律处分条例等内容。", "FMT002")
    assert f.message == "引号、括号或书名号不配对：本段有“《”而之后没有与之对应的“》”"


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_fmt002_no_false_alarms_on_seeds(seed):
    assert [f.message for f in only(SEEDS[seed], "FMT002")] == []


# ---- FMT003 ------------------------------------------------------------------------------------

def test_fmt003_one_finding_per_paragraph_with_count():
    (f,) = only("截至目前,已整改8个问题,3个问题纳入持续整改;其余正在整改。", "FMT003")
    assert f.values == {"char": ",", "count": 3, "context": "截至目前,已整改8"}
    assert f.message == "本段中文句子里有3处半角标点，首处为“,”（“截至目前,已整改8”），应使用全角标点"


@pytest.mark.parametrize("text", [
    "截至目前，已整改8个问题，开工率为63.46%。",
    "会议于16:35结束，2021-06-28发布。",
    "电子邮箱：723291001@qq.com；网址：http://www.example.gov.cn/a?b=1。",
    "(一)贯彻落实党的路线方针政策\n(1)学习不深入\n1)加强学习",
    "来源:泾县纪委   时间:2022-02-23",
    "Score: 3, ok; fine!",
])
def test_fmt003_quiet_cases(text):
    assert [f.message for f in only(text, "FMT003")] == []


def test_fmt003_reads_the_original_width():
    assert only("学习《条例（试行）》，严格执行。", "FMT003") == []
    (f,) = only("学习《条例(试行)》，严格执行。", "FMT003")
    assert f.values["char"] == "(" and f.values["count"] == 2


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_fmt003_at_most_one_per_paragraph_on_seeds(seed):
    notice, src = parse_source(SEEDS[seed])
    found = only(SEEDS[seed], "FMT003")
    paras = [p for p in paragraphs(src)]
    hit_paras = [next(i for i, p in enumerate(paras) if p.start <= f.span.start < p.end) for f in found]
    assert len(hit_paras) == len(set(hit_paras))
    for f in found:
        assert SEEDS[seed][f.span.start] in ",;:?!()"


def test_fmt003_seed_000_is_half_width_throughout():
    found = only(SEEDS["000"], "FMT003")
    assert len(found) >= 10
    assert sum(f.values["count"] for f in found) > len(found)


# ---- FMT004 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,match", [
    ("县委第二巡察组向XX镇党委反馈意见", "XX"),
    ("2021年X月召开反馈会", "X"),
    ("xxx同志作检讨发言", "xxx"),
    ("涉及××公司的问题", "××"),
    ("涉及＊＊公司的问题", "＊＊"),
    ("某某某同志负责整改", "某某某"),
    ("整改时限：待补充", "待补充"),
    ("TODO 核对数字", "TODO"),
    ("详见【】", "【】"),
    ("共反馈（ ）个问题", "（ ）"),
])
def test_fmt004_placeholders(text, match):
    (f,) = only(text, "FMT004")
    assert f.values["match"] == match
    assert f.message == f"疑似遗留占位符“{match}”，发布前应替换为实际内容或删除"


@pytest.mark.parametrize("text", [
    "管委会副主任王某某、干部张某接受提醒谈话",
    "电子邮箱：xx123@qq.com；网址：www.xxgov.cn",
    "XXL 型号设备；Xbox",
    "合成氨项目（一期）已开工",
])
def test_fmt004_quiet_cases(text):
    assert [f.message for f in only(text, "FMT004")] == []


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_fmt004_seeds_have_no_placeholders(seed):
    assert [f.message for f in only(SEEDS[seed], "FMT004")] == []


# ---- robustness ----------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("是的部整改局委组“”‘’《》（）()【】,;:!?，。、\n XX某某一二12") + ["\u3000"])


@settings(max_examples=60, deadline=None)
@given(st.text(_ALPHABET, max_size=80))
def test_checks_never_raise_and_spans_are_inside(text):
    notice, src = parse_source(text)
    ctx = CheckContext(notice, src, __import__("datetime").date(2021, 6, 30))
    for name in ("doubled-characters", "balanced-brackets", "half-width-punctuation",
                 "organisation-name-variants"):
        for hit in get(name)(ctx):
            assert 0 <= hit.span.start < hit.span.end <= len(text)


@pytest.mark.parametrize("text", ["在在建项目中推行电子招标。", "对在在职党员中开展评议。",
                                  "对为为民办实事项目进行督查。"])
def test_fmt001_preposition_before_a_word_starting_with_it(text):
    assert only(text, "FMT001") == []


def test_fmt001_doubled_preposition_still_reported():
    (f,) = only("要在在会上作检讨。", "FMT001")
    assert f.values["unit"] == "在"
