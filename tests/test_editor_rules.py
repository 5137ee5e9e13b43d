"""The slips editors catch (issue 10): TRM004, FMT005, FMT006, DAT009, DAT010, TRM005, and the
extensions of FMT001 (doubles beyond function words), DAT006 (garbled dates), CON001 (a phone
label left empty or cut) and TRM003 (more fixed expressions)."""

from __future__ import annotations

import datetime as dt

import pytest

from rectify_rules.checks.doubled import words
from rectify_rules.engine import check, run_examples
from rulehelpers import single_pack
from rulehelpers import found as only

OPENING = ("中共青山县农业农村局党组关于巡察整改进展情况的通报\n\n"
           "根据县委统一部署，2021年3月1日至4月30日，县委第二巡察组对青山县农业农村局党组开展了常规巡察。"
           "2021年6月10日，县委第二巡察组向局党组反馈了巡察意见。\n\n")


@pytest.mark.parametrize("code", ["TRM003", "TRM004", "TRM005", "FMT001", "FMT005", "FMT006",
                                  "DAT006", "DAT009", "DAT010", "CON001"])
def test_examples(code):
    results = run_examples(single_pack(code))
    assert results and [r.detail for r in results if not r.ok] == []


# ---- TRM004 ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,shown", [
    ("截止目前，已完成整改15个。", "截止目前"),
    ("截止2021年6月底，已完成整改15个。", "截止2021年6月底"),
    ("截止通报时，正在整改2个。", "截止通报时"),
    ("截止二〇二一年六月底，已完成整改。", "截止二〇二一年六月底"),
    ("截止6月30日，已完成整改9个。", "截止6月30日"),
])
def test_trm004_reports_jiezhi_before_a_time(text, shown):
    (f,) = only(text, "TRM004")
    assert f.excerpt == "截止" and f.fix.replacement == "截至" and f.fix.safe
    assert f.message == f"“{shown}”应为“截至{shown[2:]}”：“截止”后不接时间"


@pytest.mark.parametrize("text", [
    "截止日期为2021年6月30日。", "报名截止。", "截止到目前，已完成整改。", "受理信访截止时间为2023年8月8日。",
    "受理信访时间截止到2020年12月15日。", "截止于2021年底。", "截至目前，已完成整改。",
])
def test_trm004_quiet_on_right_uses(text):
    assert only(text, "TRM004") == []


# ---- FMT005 ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,wrong", [
    ("己完成整改。", "己"), ("己整改到位。", "己"), ("己全部整改到位。", "己"), ("巳完成。", "巳"),
    ("该问题己于2021年6月完成整改。", "己"), ("违规资金己全部追回。", "己"),
])
def test_fmt005_reports_ji_and_si_in_status_phrases(text, wrong):
    (f,) = only(text, "FMT005")
    assert f.excerpt == wrong and f.fix.replacement == "已" and f.fix.safe


@pytest.mark.parametrize("text", [
    "由干部自己完成学习笔记。", "严于律己，克己奉公。", "己亥年春节。", "乙巳年。", "舍己为人，完成任务。",
    "已完成整改。",
])
def test_fmt005_quiet(text):
    assert only(text, "FMT005") == []


# ---- FMT006 ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,match", [
    ("作为第一责任人，同志深刻认识到问题的严重性。", "同志"),
    ("局党组书记同志带头讲党课。", "同志"),
    ("在市届人大常委会第七次会议上报告。", "届"),
    ("县届政府常务会议研究。", "届"),
    ("在第届党代会上。", "第届"),
    ("县委第轮巡察反馈的问题。", "第"),
])
def test_fmt006_reports_what_was_left_out(text, match):
    (f,) = only(text, "FMT006")
    assert f.values["match"].strip() == match and f.fix is None


@pytest.mark.parametrize("text", [
    "同志们一致表示。", "，同志之间开展谈心谈话。", "局党组书记王某某同志带头讲党课。",
    "市十六届人大常委会第七次会议。", "本届、历届、换届、上届班子。", "县委第三轮巡察。",
    "县委第二巡察组。",   # 第巡察组 without its number is REQ003's
])
def test_fmt006_quiet(text):
    assert only(text, "FMT006") == []


# ---- FMT001 beyond function words ----------------------------------------------------------

@pytest.mark.parametrize("text,unit", [
    ("认真真贯彻落实党中央决策部署。", "真"),
    ("建立健全制制度机制。", "制"),
    ("进一步步推进整改落实。", "步"),
    ("坚决决贯彻落实。", "决"),
    ("持续续推进作风建设。", "续"),
])
def test_fmt001_doubles_beyond_function_words(text, unit):
    (f,) = only(text, "FMT001")
    assert f.values["unit"] == unit and f.fix.replacement == unit and not f.fix.safe


@pytest.mark.parametrize("text", [
    "一步步推进整改，层层压实责任，认认真真、真真切切，家家户户。",
    "针对对园区开发监管不力的问题，反对对群众利益的侵害，主任任组长。",   # 对 / 任 are words alone
    "学习习近平新时代中国特色社会主义思想，进行行政审批改革，决体制机制制度问题。",
    "耕地地力保护补贴，中心组组织学习，发扬人民民主，认真真实地反映情况。",
    "巡察组组长、财政局局长、党委委员、龙泉市市场监督管理局、泾县县委、白沙镇镇长。",
])
def test_fmt001_word_boundaries_are_quiet(text):
    assert only(text, "FMT001") == []


def test_word_list_is_loaded_once_and_holds_genre_words():
    lexicon = words()
    assert lexicon is words()
    assert {"认真", "贯彻", "制度", "进一步", "习近平"} <= lexicon and "真贯" not in lexicon


# ---- DAT006 garbled dates ---------------------------------------------------------------

@pytest.mark.parametrize("text,shown,right", [
    ("2021915日，市人大常委会听取了报告。", "2021915日", "2021年9月15日"),
    ("--20211228日在市人大常委会会议上", "20211228日", "2021年12月28日"),
    ("2021年915日召开会议。", "2021年915日", "2021年9月15日"),
    ("20219月召开会议。", "20219月", "2021年9月"),
])
def test_dat006_garbled_dates(text, shown, right):
    (f,) = only(text, "DAT006")
    assert f.values["text"] == shown and f.fix.replacement == right and not f.fix.safe
    assert f.message.startswith(f"日期“{shown}”有误：")


def test_dat006_ambiguous_garbled_date_has_no_fix():
    (f,) = only("2021111日召开会议。", "DAT006")
    assert f.fix is None and "1月11日还是11月1日" in f.message


@pytest.mark.parametrize("text", ["退缴资金20219元。", "第20211228号文件。", "2021年9月15日。", "共1202193月"])
def test_dat006_numbers_are_not_dates(text):
    assert only(text, "DAT006") == []


# ---- DAT009 -------------------------------------------------------------------------------

def test_dat009_deadline_before_feedback():
    text = OPENING + "一、整改情况\n\n1.财务管理不规范。整改情况：正在整改，完成时限：2020年12月31日。\n"
    (f,) = only(text, "DAT009")
    assert f.excerpt == "2020年12月31日" and f.values["deadline"] == "2020-12-31"
    assert f.values["ref"] == "2021-06-10" and f.values["what"] == "巡察反馈日期"
    assert f.message == "完成时限2020年12月31日早于巡察反馈日期2021年6月10日：整改时限只能在反馈之后"
    assert f.related[0].excerpt == "2021年6月10日"


def test_dat009_uses_the_inspection_end_without_feedback():
    text = ("中共青山县农业农村局党组关于巡察整改进展情况的通报\n\n2021年3月1日至4月30日，县委第二巡察组开展了巡察。\n\n"
            "一、整改情况\n\n1.财务管理不规范。整改情况：计划于2021年3月底前完成。\n")
    (f,) = only(text, "DAT009")
    assert f.values["what"] == "巡察结束日期"


@pytest.mark.parametrize("body", [
    "1.财务管理不规范。整改情况：巡察期间立行立改，于2021年4月完成清理，已完成整改。",   # a past event
    "1.财务管理不规范。整改情况：正在整改，完成时限：12月31日。",                     # year not written
    "1.财务管理不规范。整改情况：正在整改，完成时限：2021年6月30日。",
])
def test_dat009_quiet(body):
    assert only(OPENING + "一、整改情况\n\n" + body + "\n", "DAT009") == []


# ---- DAT010 -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,written,actual,fix", [
    ("2021年6月25日（星期四），召开会议。", "星期四", "星期五", "星期五"),
    ("2021年6月25日星期四下午召开会议。", "星期四", "星期五", "星期五"),
    ("2021年6月27日(周六)召开会议。", "周六", "星期日", "周日"),
    ("2022年1月1日（星期日）", "星期日", "星期六", "星期六"),
])
def test_dat010_weekday_disagrees(text, written, actual, fix):
    (f,) = only(text, "DAT010")
    assert f.values["written"] == written and f.values["weekday"] == actual
    assert f.fix.replacement == fix and not f.fix.safe
    assert isinstance(f.values["date"], str) and dt.date.fromisoformat(f.values["date"])


@pytest.mark.parametrize("text", [
    "2021年6月25日（星期五），召开会议。", "2021年6月27日（星期天）", "6月25日（星期四）",   # year not written
    "2021年6月21日至25日（星期一至星期五）集中学习。", "2021年6月1日周边地区。",
])
def test_dat010_quiet(text):
    assert only(text, "DAT010") == []


# ---- CON001 empty or cut -------------------------------------------------------------------

@pytest.mark.parametrize("text,message", [
    ("欢迎监督。联系电话：0827-；邮箱：qsnync@163.com。", "电话号码“0827-”无效：只有4位数字，号码不完整"),
    ("欢迎监督。联系电话：\n\n中共青山县农业农村局党组", "电话号码无效：“联系电话”后没有填写号码"),
    ("欢迎监督。举报电话：。", "电话号码无效：“举报电话”后没有填写号码"),
])
def test_con001_label_left_empty_or_cut(text, message):
    (f,) = only(text, "CON001")
    assert f.message == message


@pytest.mark.parametrize("text", [
    "联系电话：\n0827-7320666", "电话：见附件。", "设立举报电话、邮箱和信箱。", "联系电话：0827-7320666。",
])
def test_con001_filled_labels_are_quiet(text):
    assert only(text, "CON001") == []


# ---- TRM003 additions ---------------------------------------------------------------------

@pytest.mark.parametrize("wrong,right", [
    ("提挡升级", "提档升级"), ("真刀实枪", "真刀真枪"), ("重要批示指示精神", "重要指示批示精神"),
    ("“三重一大”决策制定", "“三重一大”决策制度"),
])
def test_trm003_new_terms(wrong, right):
    (f,) = only(f"深入学习，推动{wrong}。", "TRM003")
    assert f.values["right"] == right and f.fix.safe


# ---- TRM005 -------------------------------------------------------------------------------

def test_trm005_xuncha_notice_with_a_xunshi_heading():
    text = OPENING + "一、巡视整改工作总体情况\n\n局党组召开专题会议。\n"
    (f,) = only(text, "TRM005")
    assert f.excerpt == "巡视" and f.fix.replacement == "巡察" and not f.fix.safe
    assert f.message == "本通报写的是县委第二巡察组的巡察，标题中却写作“巡视整改”：应为“巡察”"


def test_trm005_in_the_title():
    text = OPENING.replace("关于巡察整改", "关于巡视整改")
    assert [f.excerpt for f in only(text, "TRM005")] == ["巡视"]


@pytest.mark.parametrize("heading", [
    "一、落实巡视巡察整改情况", "一、巡视、巡察反馈问题整改情况", "一、省委巡视反馈问题整改情况",
    "一、学习《中国共产党巡视工作条例》情况",
])
def test_trm005_joint_terms_and_other_inspections_are_quiet(heading):
    assert only(OPENING + heading + "\n\n正文。\n", "TRM005") == []


def test_trm005_xunshi_notice_with_xuncha_work_is_quiet():
    text = ("中共青溪市委员会关于省委第三巡视组巡视反馈意见整改进展情况的通报\n\n"
            "2021年6月10日，省委第三巡视组向市委反馈了巡视意见。\n\n一、巡察整改和成果运用方面\n\n正文。\n")
    assert only(text, "TRM005") == []


def test_new_rules_are_quiet_on_a_clean_notice():
    text = (OPENING + "一、整改工作总体情况\n\n截至2021年9月30日，反馈的3个问题已完成整改3个。"
            "2021年6月25日（星期五），局党组召开巡察整改专题民主生活会，局党组书记王某某同志带头检视问题。\n\n"
            "欢迎监督。联系电话：0827-7320666；电子邮箱：qsnync@163.com。\n\n中共青山县农业农村局党组\n2021年9月30日\n")
    codes = {"TRM004", "TRM005", "FMT005", "FMT006", "DAT009", "DAT010", "DAT006", "CON001", "FMT001"}
    assert [f.code for f in check(text) if f.code in codes] == []
