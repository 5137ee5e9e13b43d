"""Header facts: title, genre, issuer, addressee, inspection, feedback, signature, durations.

Expected values come from reading the seeds and the hand-written snippets.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rectify_rules.model import Span
from rectify_rules.parsing import boilerplate, dates, header
from rectify_rules.text import SourceText

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
D = dt.date


def _header(text: str) -> header.Header:
    src = SourceText(text)
    bp = boilerplate.scan(src)
    body = src.without(bp.spans)
    ds = dates.scan_dates(body, reference=bp.published.value if bp.published else None)
    return header.parse_header(body, ds, bp)


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _span_of(text: str, needle: str, start: int = 0) -> Span:
    at = text.index(needle, start)
    return Span(at, at + len(needle))


# ---------------------------------------------------------------- the five seeds

def test_seed000():
    text = _seed("000")
    h = _header(text)
    title = "中共通江县工业园工作委员会 关于巡察整改阶段性进展情况的通报"
    assert h.title.text == title and h.title.span == _span_of(text, title)
    assert h.genre == "notice"
    assert h.issuer.text == "中共通江县工业园工作委员会"
    assert h.issuer.span == _span_of(text, "中共通江县工业园工作委员会")
    assert h.addressee is None
    ins = h.inspection
    assert ins.body.raw == "县委第二巡察组" and ins.body.ordinal == 2
    assert ins.body.level == "县委" and ins.body.kind == "巡察"
    assert not ins.body.ordinal_missing and not ins.body.joint
    assert ins.kind.text == "常规"
    assert (ins.start.value, ins.end.value) == (D(2020, 9, 8), D(2020, 10, 15))
    assert h.feedback.value == D(2021, 1, 27) and h.feedback.year_inferred is False
    assert h.feedback.text == "2021年1月27日"
    assert h.signature.issuer is None and h.signature.date is None


def test_seed001():
    h = _header(_seed("001"))
    assert h.genre == "notice"
    assert h.issuer.text == "中共泾县招商合作服务中心党组"
    assert h.inspection.body.raw == "县委第四巡察组" and h.inspection.body.ordinal == 4
    assert h.inspection.kind is None  # "开展了巡察": no kind written
    assert (h.inspection.start.value, h.inspection.end.value) == (D(2021, 8, 31), D(2021, 9, 13))
    assert h.feedback.value == D(2021, 10, 28) and h.feedback.year_inferred is True
    assert h.feedback.text == "10月28日"
    assert h.signature.issuer is None and h.signature.date is None


def test_seed002():
    text = _seed("002")
    h = _header(text)
    assert h.genre == "notice"
    assert h.title.text == "中共抚州市东临新区工作委员会关于巡察整改进展情况的通报"
    assert h.issuer.text == "中共抚州市东临新区工作委员会"
    body = h.inspection.body
    assert body.raw == "市委第巡察组" and body.ordinal is None and body.ordinal_missing
    assert body.span == _span_of(text, "市委第巡察组")
    assert {m.ordinal for m in h.inspection.mentions if m.ordinal is not None} == {4}
    assert h.inspection.kind.text == "专项"
    assert (h.inspection.start.value, h.inspection.end.value) == (D(2020, 9, 7), D(2020, 11, 13))
    assert h.feedback.value == D(2020, 12, 18) and not h.feedback.year_inferred
    assert h.signature.issuer.text == "中共抚州市东临新区工作委员会"
    at = text.index("中共抚州市东临新区工作委员会\n")  # the closing line, not the title
    assert h.signature.issuer.span == Span(at, at + len("中共抚州市东临新区工作委员会"))
    assert h.signature.date.value == D(2021, 6, 25)
    # "三个月来" is vague, not a duration
    assert h.durations == ()


def test_seed003():
    text = _seed("003")
    h = _header(text)
    assert h.genre == "notice"
    assert h.issuer.text == "鲤城高新区党工委"
    body = h.inspection.body
    assert body.raw == "市委联动巡察组" and body.joint and body.ordinal is None
    assert not body.ordinal_missing
    assert h.inspection.kind.text == "联动"
    assert (h.inspection.start.value, h.inspection.end.value) == (D(2019, 12, 3), D(2020, 1, 4))
    assert h.feedback.value == D(2020, 7, 6) and h.feedback.year_inferred is True
    assert h.signature.issuer.text == "中共泉州市鲤城区委高新技术产业开发区工作委员会"
    assert h.signature.date.value == D(2021, 2, 9)


def test_seed004_report_with_split_title():
    text = _seed("004")
    h = _header(text)
    assert h.title.text == "产业集聚区党工委关于区委第二巡察组巡察反馈意见的整改报告"
    assert h.title.span == Span(text.index("产业集聚区党工委关于"),
                                text.index("整改报告") + len("整改报告"))
    assert h.genre == "report"
    assert h.addressee.text == "区委第二巡察组"
    assert text[h.addressee.span.start:h.addressee.span.end + 1] == "区委第二巡察组："
    assert h.issuer.text == "产业集聚区党工委"
    ins = h.inspection
    assert ins.body.raw == "区委第二巡察组" and ins.body.ordinal == 2
    # the body is the mention of the opening paragraph, not the title's or the addressee's
    assert ins.body.span.start > h.addressee.span.end
    assert ins.kind.text == "常规"
    assert (ins.start.value, ins.end.value) == (D(2019, 11, 12), D(2019, 12, 22))
    assert h.feedback.value == D(2020, 4, 29)
    assert h.signature.issuer is None and h.signature.date.value == D(2020, 6, 29)
    [dur] = h.durations
    assert (dur.text, dur.months, dur.days, dur.subject) == ("经过两个月的整改", 2, None,
                                                            "rectification")


# ---------------------------------------------------------------- hand-written snippets

SPLIT_REPORT = (
    "中共某某县农业农村局党组关于\n"
    "\n"
    "县委第十一巡察组反馈意见整改情况的报告\n"
    "\n"
    "县委第十一巡察组：\n"
    "\n"
    "2021年3月1日至4月15日，县委第十一巡察组对县农业农村局党组开展了常规巡察，"
    "为期45天。5月20日，巡察组向局党组反馈了巡察意见。现将整改情况报告如下：\n"
    "\n"
    "一、整改工作开展情况\n"
    "\n"
    "中共某某县农业农村局党组\n"
    "二〇二一年八月二十日\n"
)


def test_split_title_blank_line_report_with_chinese_signature_date():
    h = _header(SPLIT_REPORT)
    assert h.title.text == "中共某某县农业农村局党组关于县委第十一巡察组反馈意见整改情况的报告"
    assert h.title.span == Span(0, SPLIT_REPORT.index("的报告") + 3)
    assert h.genre == "report"
    assert h.addressee.text == "县委第十一巡察组"
    assert h.issuer.text == "中共某某县农业农村局党组"
    assert h.inspection.body.ordinal == 11 and h.inspection.kind.text == "常规"
    assert h.inspection.duration.text == "为期45天"
    assert h.inspection.duration.days == 45
    assert h.inspection.duration.subject == "inspection"
    assert h.feedback.value == D(2021, 5, 20) and h.feedback.year_inferred
    assert h.signature.issuer.text == "中共某某县农业农村局党组"
    assert h.signature.date.value == D(2021, 8, 20)
    assert h.signature.date.text == "二〇二一年八月二十日"


def test_crlf_full_width_and_arabic_ordinal():
    text = ("中共甲乡委员会关于巡察整改进展情况的通报\r\n\r\n"
            "２０２１年３月１日至４月１０日，县委第３巡察组对甲乡党委开展了专项巡察。"
            "５月２０日，县委第３巡察组召开巡察情况反馈会。\r\n\r\n"
            "欢迎广大干部群众对巡察整改落实情况进行监督。\r\n")
    h = _header(text)
    assert h.title.text == "中共甲乡委员会关于巡察整改进展情况的通报"
    assert h.title.span == Span(0, text.index("\r"))
    assert h.genre == "notice"
    assert h.inspection.body.raw == "县委第３巡察组" and h.inspection.body.ordinal == 3
    assert h.inspection.kind.text == "专项"
    assert (h.inspection.start.value, h.inspection.end.value) == (D(2021, 3, 1), D(2021, 4, 10))
    assert h.feedback.value == D(2021, 5, 20) and h.feedback.text == "５月２０日"
    assert h.signature.issuer is None and h.signature.date is None


def test_provincial_inspection_tour_and_full_width_colon_addressee():
    text = ("关于省委第十一巡视组巡视反馈意见整改情况的报告\n"
            "省委第十一巡视组：\n"
            "根据省委统一部署，省委第十一巡视组于2019年10月8日至12月6日对我厅党组进行了巡视“回头看”。"
            "2020年1月9日，省委第十一巡视组向厅党组反馈了巡视意见。\n")
    h = _header(text)
    assert h.genre == "report" and h.addressee.text == "省委第十一巡视组"
    assert h.issuer is None  # nothing before 关于 and no signature
    b = h.inspection.body
    assert (b.level, b.kind, b.ordinal, b.raw) == ("省委", "巡视", 11, "省委第十一巡视组")
    assert h.inspection.kind.text == "回头看"
    assert h.inspection.end.value == D(2019, 12, 6)
    assert h.feedback.value == D(2020, 1, 9)


def test_only_an_opening_paragraph_no_title():
    text = ("2022年3月1日至4月30日，县委第二巡察组对某某镇党委开展了巡察，历时两个月。"
            "于2022年6月分别反馈了巡察意见。")
    h = _header(text)
    assert h.title is None and h.issuer is None and h.addressee is None
    assert h.genre == "unknown"
    assert h.inspection.body.raw == "县委第二巡察组"
    assert (h.inspection.start.value, h.inspection.end.value) == (D(2022, 3, 1), D(2022, 4, 30))
    assert h.feedback.value == D(2022, 6, 1) and h.feedback.precision == "month"
    assert h.inspection.duration.months == 2 and h.inspection.duration.text == "历时两个月"
    assert h.signature.date is None  # the dates are inside prose


def test_no_recognisable_title_and_missing_ordinal():
    text = ("工作动态\n"
            "按照县委部署，县委第巡察组对某某局开展了巡察。\n")
    h = _header(text)
    assert h.title is None
    body = h.inspection.body
    assert body.raw == "县委第巡察组" and body.ordinal is None and body.ordinal_missing
    assert h.feedback is None and h.inspection.start is None


def test_nothing_to_find_never_raises():
    for text in ("", "\n\n", "随便写的一句话", "：：：\n一、\n（一）\n2021年13月45日"):
        h = _header(text)
        assert h.title is None and h.inspection.body is None and h.feedback is None


def test_feedback_year_follows_the_inspection_end():
    text = ("某某委员会关于巡察整改进展情况的通报\n"
            "县委第一巡察组于2020年11月26日至12月30日对某某委员会开展了巡察。"
            "1月15日，进行巡察意见反馈。\n")
    h = _header(text)
    assert h.inspection.end.value == D(2020, 12, 30)
    assert h.feedback.value == D(2021, 1, 15) and h.feedback.year_inferred


def test_later_meetings_about_feedback_are_not_the_feedback():
    text = ("某某党委关于巡察整改进展情况的通报\n"
            "2021年4月1日至5月10日，市委第二巡察组对某某党委开展了巡察。\n"
            "巡察情况反馈会后，6月3日党委召开专题会议研究巡察反馈问题整改工作。\n")
    h = _header(text)
    assert h.inspection.body.ordinal == 2
    assert h.feedback is None


@pytest.mark.parametrize(("name", "level", "ordinal", "joint", "missing"), [
    ("县委第十一巡察组", "县委", 11, False, False),
    ("市委第3巡察组", "市委", 3, False, False),
    ("县委巡察二组", "县委", 2, False, False),
    ("中央第八巡视组", "中央", 8, False, False),
    ("自治区党委第四巡视组", "自治区党委", 4, False, False),
    ("市委联动巡察组", "市委", None, True, False),
    ("区委第巡察组", "区委", None, False, True),
    ("县委第三轮巡察第二组", "县委", 2, False, False),   # the round before the group
    ("市委第十轮巡察组", "市委", None, False, False),
])
def test_inspection_body_forms(name, level, ordinal, joint, missing):
    h = _header(f"按照部署，{name}对某某单位开展了巡察。")
    b = h.inspection.body
    assert (b.raw, b.level, b.ordinal, b.joint, b.ordinal_missing) == (
        name, level, ordinal, joint, missing)


def test_a_bare_inspection_group_is_no_body():
    h = _header("巡察组实事求是地指出了问题。")
    assert h.inspection.mentions == ()


def test_durations_subjects_and_vague_phrases():
    text = ("县委第一巡察组开展了巡察，为期一个月。经过3个月的集中整改，成效明显。"
            "三个月来，近年来，已经3天没有新问题。")
    h = _header(text)
    got = [(d.text, d.days, d.months, d.subject) for d in h.durations]
    assert got == [("为期一个月", None, 1, "inspection"),
                   ("经过3个月的集中整改", None, 3, "rectification")]


def test_signature_date_in_last_sentence_is_not_a_signature():
    text = ("某某党委关于巡察整改情况的通报\n"
            "县委第一巡察组对某某党委开展了巡察。\n"
            "剩余问题将于2021年6月30日前全部完成。\n")
    assert _header(text).signature.date is None


def test_signature_org_and_date_on_one_line():
    text = ("某某党委关于巡察整改情况的通报\n"
            "县委第一巡察组对某某党委开展了巡察。\n"
            "中共某某镇委员会　　2021年7月1日\n")
    sig = _header(text).signature
    assert sig.issuer.text == "中共某某镇委员会" and sig.date.value == D(2021, 7, 1)


def test_issuer_line_above_a_title_starting_with_about():
    text = ("中共某某县卫生健康局党组\n"
            "关于县委第五巡察组反馈意见整改进展情况的通报\n"
            "按照县委统一部署，县委第五巡察组对局党组开展了巡察。\n")
    h = _header(text)
    assert h.title.text == "中共某某县卫生健康局党组关于县委第五巡察组反馈意见整改进展情况的通报"
    assert h.issuer.text == "中共某某县卫生健康局党组"
    assert h.issuer.span == Span(0, len("中共某某县卫生健康局党组"))


def test_leftover_page_heading_is_not_joined_to_the_title():
    text = ("通知公告\n"
            "某某镇党委关于巡察整改进展情况的通报\n"
            "县委第一巡察组对某某镇党委开展了巡察。\n")
    h = _header(text)
    assert h.title.text == "某某镇党委关于巡察整改进展情况的通报"
    assert h.title.span == _span_of(text, "某某镇党委关于巡察整改进展情况的通报")


def test_title_wrapped_after_the_subject_keeps_its_first_line():
    # the first line holds 关于 but is no whole title: it goes on in the next line
    text = ("某某县文化旅游局党组关于县委巡察\n"
            "整改进展情况的通报\n\n"
            "县委第二巡察组于2019年8月22日至9月19日对某某县文化旅游局党组开展了巡察。\n")
    h = _header(text)
    assert h.title.text == "某某县文化旅游局党组关于县委巡察整改进展情况的通报"
    assert h.title.span == Span(0, 26)  # 16 characters, the line break, 9 characters
    assert h.issuer.text == "某某县文化旅游局党组" and h.issuer.span == Span(0, 10)
    assert h.genre == "notice"


def test_title_wrapped_over_three_lines_after_about():
    text = ("中共某某乡委员会关于落实\n市委第三巡察组\n反馈意见整改情况的报告\n"
            "市委第三巡察组：\n现将整改情况报告如下。\n")
    h = _header(text)
    assert h.title.text == "中共某某乡委员会关于落实市委第三巡察组反馈意见整改情况的报告"
    assert h.issuer.text == "中共某某乡委员会"
    assert h.addressee.text == "市委第三巡察组"


@pytest.mark.parametrize("stray", ["0", "1", "-", "通知公告"])
def test_stray_short_line_before_a_split_title_is_not_joined(stray):
    text = (f"{stray}\n产业集聚区党工委关于\n\n区委第二巡察组巡察反馈意见的整改报告\n\n"
            "区委第二巡察组：\n\n根据区委统一部署，区委第二巡察组开展了常规巡察。\n")
    h = _header(text)
    assert h.title.text == "产业集聚区党工委关于区委第二巡察组巡察反馈意见的整改报告"
    assert h.title.span == Span(len(stray) + 1, text.index("整改报告") + 4)
    assert h.issuer.text == "产业集聚区党工委"
    assert h.issuer.span == _span_of(text, "产业集聚区党工委")


def test_a_line_with_about_before_a_whole_title_is_not_joined():
    # "关于" in a short first line that a whole title follows: the title is the second line
    text = ("关于我们\n某某镇党委关于巡察整改进展情况的通报\n县委第一巡察组对某某镇党委开展了巡察。\n")
    h = _header(text)
    assert h.title.text == "某某镇党委关于巡察整改进展情况的通报"
    assert h.issuer.text == "某某镇党委"


# ---------------------------------------------------------------- robustness

from hypothesis import given, settings, strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("关于巡察巡视整改通报报告组第一二十县委市省中央联动专项常规"
                                 "反馈意见会年月日至为期天个经过的：:，,。\n\r 　0123456789"
                                 "０１２〇党工委员会来源发布时间阅读量【】打印关闭>首页今天是"))


def _spans(h: header.Header):
    facts = [h.title, h.issuer, h.addressee, h.feedback, h.signature.issuer, h.signature.date,
             h.inspection.kind, h.inspection.start, h.inspection.end]
    out = [f.span for f in facts if f is not None]
    out += [m.span for m in h.inspection.mentions] + [d.span for d in h.durations]
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=160).map("".join))
def test_never_raises_and_spans_lie_inside_the_text(text):
    src = SourceText(text)
    bp = boilerplate.scan(src)
    for s in bp.spans:
        assert 0 <= s.start <= s.end <= len(text)
    h = _header(text)
    for s in _spans(h):
        assert 0 <= s.start <= s.end <= len(text)
    if h.title is not None:
        assert h.title.text.replace(" ", "") in text.replace("\n", "").replace("\r", "").replace(" ", "")


def test_feedback_without_inspection_dates_is_not_after_publication():
    text = ("某某局党组关于巡察整改进展情况的通报\n"
            "来源:某某纪委 发布时间:2021-03-05 10:00\n"
            "县委第二巡察组对某某局党组开展了巡察。11月20日，反馈了巡察意见。\n")
    h = _header(text)
    assert h.inspection.start is None
    assert h.feedback.value == D(2020, 11, 20) and h.feedback.year_inferred


def test_contact_label_after_a_title_is_no_addressee():
    text = "某某局党组关于巡察整改进展情况的通报\n联系方式:\n电话:0563-1234567\n"
    h = _header(text)
    assert h.addressee is None and h.genre == "notice"


@pytest.mark.parametrize("clause", [
    "向某某局党组反馈了专项巡察意见",
    "向某某局党组反馈了巡察“回头看”意见",
    "向某某局党组反馈了巡察发现的问题",
    "进行了集中反馈",
    "向局党组作了巡察反馈",
    "向局党组作出了反馈",
])
def test_feedback_phrases_with_kind_or_manner(clause):
    text = ("某某局党组关于巡察整改进展情况的通报\n"
            f"2021年5月10日至6月30日，县委第三巡察组对某某局党组开展了巡察。2021年8月5日，{clause}。\n")
    h = _header(text)
    assert h.feedback is not None and h.feedback.value == D(2021, 8, 5), clause
    assert h.feedback.span == _span_of(text, "2021年8月5日")


def test_upgraded_inspection_kind():
    h = _header("某某镇党委关于巡察整改情况的报告\n"
                "2022年9月5日至10月8日，市委第二巡察组对某某镇党委开展了提级巡察。\n")
    assert h.inspection.kind.text == "提级"


_SIGNED = ("中共某县水利局党组关于巡察整改进展情况的通报\n"
           "2021年5月10日至6月30日，县委第三巡察组对县水利局党组开展了常规巡察。\n"
           "欢迎监督。联系电话：0736-3221560。\n\n{issuer}\n2021年12月28日\n{below}")


@pytest.mark.parametrize("below", [
    "（此件公开发布）\n",
    "（联系人：王某某，电话：0736-3221560）\n",
    "\n附件：1.巡察整改问题清单\n      2.整改台账\n",
    "附件2\n",
])
def test_notes_below_the_signature_date_are_skipped(below):
    text = _SIGNED.format(issuer="中共某县水利局党组", below=below)
    sig = _header(text).signature
    assert sig.issuer.text == "中共某县水利局党组"
    assert (sig.date.value, sig.date.span) == (D(2021, 12, 28), _span_of(text, "2021年12月28日"))


def test_prose_below_the_date_is_no_closing_block():
    text = _SIGNED.format(issuer="中共某县水利局党组", below="欢迎广大干部群众监督。\n")
    sig = _header(text).signature
    assert sig.issuer is None and sig.date is None


def test_a_leading_group_signs():
    text = _SIGNED.format(issuer="中共某县水利局党组巡察整改工作领导小组", below="")
    assert _header(text).signature.issuer.text == "中共某县水利局党组巡察整改工作领导小组"


@pytest.mark.parametrize("phrase, start", [
    ("自2021年5月10日起对某局党组开展了为期一个月的常规巡察", D(2021, 5, 10)),
    ("从2021年5月10日开始，对某局党组开展了常规巡察", D(2021, 5, 10)),
    ("于2021年5月10日进驻某局党组开展常规巡察", D(2021, 5, 10)),
])
def test_a_start_without_its_end(phrase, start):
    text = ("中共某县某局党组关于巡察整改进展情况的通报\n\n根据县委统一部署，县委第二巡察组"
            f"{phrase}。2021年7月2日，县委第二巡察组反馈了巡察意见。\n")
    h = _header(text)
    ins = h.inspection
    assert ins.start.value == start and ins.end is None
    assert text[ins.start.span.start:ins.start.span.end] == "2021年5月10日"
    assert h.feedback.value == D(2021, 7, 2)


def test_a_date_that_is_not_a_start_is_not_taken_for_one():
    text = ("中共某县某局党组关于巡察整改进展情况的通报\n\n根据县委统一部署，2021年5月10日，"
            "县委第二巡察组对某局党组开展了常规巡察。\n")
    assert _header(text).inspection.start is None
