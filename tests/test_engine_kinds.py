"""Every rule kind, run by the engine on small hand-built notices and tiny packs in tmp_path."""

from __future__ import annotations

import datetime as dt

import pytest

from rectify_rules import checks
from rectify_rules.checks import Hit
from rectify_rules.engine import check_parsed, load_rules
from rectify_rules.findings import Fix
from rectify_rules.model import (Count, DateFact, Figure, Marker, Node, Notice, Progress, Signature,
                                 Span, TextFact)
from rectify_rules.text import SourceText

HEAD = 'code = "{code}"\nname = "{name}"\nseverity = "warning"\nkind = "{kind}"\nsummary = "测试"\nmessage = "{message}"\n'
EX = '\n[[example]]\nbad = "甲"\ngood = "乙"\n'


def pack(tmp_path, kind, body, message="发现问题", code="TST001", name="test-rule"):
    (tmp_path / f"{code}.toml").write_text(HEAD.format(code=code, name=name, kind=kind, message=message)
                                           + body + EX, encoding="utf-8")
    return load_rules(tmp_path, builtin=False)


def run(p, notice, **kw):
    return check_parsed(notice, SourceText(notice.text), p, **kw)


def short(findings):
    return [(f.code, f.span.start, f.span.end, f.message) for f in findings]


def test_require_points_at_the_title_and_names_the_path(tmp_path):
    text = "关于巡察整改情况的通报\n正文"
    p = pack(tmp_path, "require", 'require = "feedback"\n', message="未写明反馈日期（{path}）")
    n = Notice(text=text, title=TextFact("关于巡察整改情况的通报", Span(0, 11)))
    assert short(run(p, n)) == [("TST001", 0, 11, "未写明反馈日期（feedback）")]
    fb = DateFact(dt.date(2021, 1, 27), "2021年1月27日", Span(12, 14))
    assert run(p, Notice(text=text, feedback=fb)) == []


def test_require_without_title_points_at_the_first_text_line(tmp_path):
    p = pack(tmp_path, "require", 'require = "progress"\n')
    assert short(run(p, Notice(text="\n\n  正文第一行\n第二行"))) == [("TST001", 4, 9, "发现问题")]


def test_require_when(tmp_path):
    p = pack(tmp_path, "require", 'require = "contact.phones"\nwhen = \'genre == "notice"\'\n')
    assert run(p, Notice(text="正文", genre="report")) == []
    assert len(run(p, Notice(text="正文", genre="notice"))) == 1


PROGRESS_TEXT = "截至2021年4月30日，共25项，已完成17项，正在整改7项。"


def progress_notice(ongoing=7, total=25):
    return Notice(text=PROGRESS_TEXT, signature=Signature(date=DateFact(dt.date(2021, 4, 30), "x", Span(2, 12))),
                  progress=(Progress(Span(0, 32), total=Figure(total, Span(14, 16)),
                                     completed=Figure(17, Span(21, 23)), ongoing=Figure(ongoing, Span(29, 30)),
                                     as_of=DateFact(dt.date(2021, 4, 30), "2021年4月30日", Span(2, 12))),))


ASSERT = '''for_each = "progress"
when = "exists(it.total) and exists(it.completed) and exists(it.ongoing)"
assert = "it.completed + it.ongoing == it.total"
span = "it.total"
related = ["it.completed", "it.ongoing"]
[values]
total = "it.total"
sum = "it.completed + it.ongoing"
date = "it.as_of"
share = "it.completed / it.total * 100"
'''


def test_assert_for_each_message_values_span_related(tmp_path):
    p = pack(tmp_path, "assert", ASSERT, message="截至{date}共{total}项，合计{sum}项（{share}%）")
    [f] = run(p, progress_notice())
    assert (f.span, f.excerpt) == (Span(14, 16), "25")
    assert f.message == "截至2021年4月30日共25项，合计24项（68%）"
    assert f.values == {"total": 25, "sum": 24, "date": "2021-04-30", "share": 68.0}
    assert [r.excerpt for r in f.related] == ["17", "7"]
    assert (f.location.row, f.location.column, f.severity) == (1, 15, "warning")
    assert run(p, progress_notice(ongoing=8)) == []


def test_assert_is_not_applicable_when_an_operand_is_missing(tmp_path):
    p = pack(tmp_path, "assert", 'for_each = "progress"\nassert = "it.completed + it.ongoing == it.total"\n')
    n = Notice(text=PROGRESS_TEXT, progress=(Progress(Span(0, 32), completed=Figure(17, Span(21, 23))),))
    assert run(p, n) == []
    p2 = pack(tmp_path, "assert", 'assert = "days(feedback, signature.date) > 0"\n')
    assert run(p2, Notice(text="x")) == []


def test_assert_without_span_uses_the_first_located_fact(tmp_path):
    p = pack(tmp_path, "assert", 'assert = "signature.date > progress[0].as_of"\n[values]\nd = "signature.date"\n',
             message="落款{d}")
    assert short(run(p, progress_notice())) == [("TST001", 2, 12, "落款2021年4月30日")]


def test_options_and_overrides_reach_expressions(tmp_path):
    p = pack(tmp_path, "assert", 'assert = "progress[0].total < options.limit"\n[options]\nlimit = 30\n')
    assert run(p, progress_notice()) == []
    assert len(run(p, progress_notice(), options={"TST001": {"limit": 20}})) == 1
    with pytest.raises(ValueError, match=r"^options for TST001: unknown option 'limt' \(did you mean 'limit'\?\)$"):
        run(p, progress_notice(), options={"TST001": {"limt": 20}})


PATTERN = r'''pattern = '(?P<word>[\u4e00-\u9fff])(?P=word)'
exceptions = ['层层', '是是非非']
replacement = "\\g<word>"
'''


def test_pattern_forbid_exceptions_fix_and_boilerplate(tmp_path):
    text = "二是是修订制度，层层压实，是是非非。阅读量：是是"
    p = pack(tmp_path, "pattern", PATTERN, message="“{match}”重复了“{word}”")
    n = Notice(text=text, boilerplate=(Span(18, 24),))
    [f] = run(p, n)
    assert (f.span, f.message, f.values) == (Span(1, 3), "“是是”重复了“是”", {"match": "是是", "word": "是"})
    assert f.fix == Fix("是", Span(1, 3), False)


def test_pattern_on_original_vs_norm_and_on_a_fact(tmp_path):
    text = "电话：０８２７－７３２０６６６"
    p = pack(tmp_path, "pattern", 'pattern = "[0-9]{4}-"\n', message="{match}")
    assert short(run(p, Notice(text=text))) == [("TST001", 3, 8, "０８２７－")]  # matched in norm, shown as written
    p = pack(tmp_path, "pattern", 'pattern = "[0-9]{4}-"\ntext = "original"\n')
    assert run(p, Notice(text=text)) == []
    p = pack(tmp_path, "pattern", 'pattern = "通报$"\nmode = "require"\ntext = "title"\n', message="标题：{match}")
    title = TextFact("关于整改情况的报告", Span(0, 9))
    assert short(run(p, Notice(text="关于整改情况的报告\n正文", title=title))) == [("TST001", 0, 9, "标题：")]
    assert run(p, Notice(text="关于整改情况的通报\n", title=TextFact("关于整改情况的通报", Span(0, 9)))) == []


def test_pattern_require_mode_over_the_text(tmp_path):
    p = pack(tmp_path, "pattern", 'pattern = "联系电话"\nmode = "require"\n')
    assert short(run(p, Notice(text="关于整改的通报\n正文"))) == [("TST001", 0, 7, "发现问题")]
    assert run(p, Notice(text="关于整改的通报\n联系电话：123")) == []


TERMS = '''[[term]]
right = "习近平新时代中国特色社会主义思想"
wrong = ["习近平新时代中国特色社会思想"]
[[term]]
right = "腾笼换鸟"
wrong = ["腾龙换鸟"]
[[term]]
right = "月底"
wrong = ["月低"]
[[term]]
right = "党风廉政建设"
wrong = ["廉政建设"]
'''


def test_terms_wrong_forms_fixed_unless_the_right_form_covers_them(tmp_path):
    text = "学习习近平新时代中国特色社会思想，腾龙换鸟，5月低前完成。加强党风廉政建设和廉政建设。"
    p = pack(tmp_path, "terms", TERMS, message="“{wrong}”应为“{right}”")
    got = run(p, Notice(text=text))
    assert short(got) == [("TST001", 2, 16, "“习近平新时代中国特色社会思想”应为“习近平新时代中国特色社会主义思想”"),
                          ("TST001", 17, 21, "“腾龙换鸟”应为“腾笼换鸟”"),
                          ("TST001", 23, 25, "“月低”应为“月底”"),
                          ("TST001", 38, 42, "“廉政建设”应为“党风廉政建设”")]
    assert got[1].fix == Fix("腾笼换鸟", Span(17, 21), True)


def _node(marker_text, number, start, level=3, children=(), malformed=False):
    m = Marker(marker_text, Span(start, start + len(marker_text)), "x", level, number, malformed)
    return Node(m, "标题", Span(start, start + 4), Span(start, start + 4), Span(start, start + 4), children)


def test_sequence_gaps_repeats_malformed_and_levels(tmp_path):
    p = pack(tmp_path, "sequence", 'tree = "outline"\n',
             message="编号{found_marker}前应为第{expected}项（上一项{previous}）")
    kids = (_node("（一）", 1, 10, 2), _node("（四）", 4, 20, 2))
    outline = (_node("一、", 1, 0, 1, kids), _node("1.", 1, 30), _node(")", None, 40, malformed=True),
               _node("3.", 3, 50), _node("3.", 3, 60), _node("二、", 2, 70, 1))
    got = run(p, Notice(text="x" * 80, outline=outline))
    assert short(got) == [("TST001", 20, 23, "编号（四）前应为第2项（上一项1）"),
                          ("TST001", 60, 62, "编号3.前应为第4项（上一项3）")]
    assert got[0].values == {"expected": 2, "found": 4, "previous": 1, "found_marker": "（四）",
                             "previous_marker": "（一）"}
    assert [r.span for r in got[1].related] == [Span(50, 52)]


def test_sequence_first_number_and_problems_tree(tmp_path):
    p = pack(tmp_path, "sequence", 'tree = "problems"\n', message="{previous}→{found}")
    n = Notice(text="x" * 40, problems=(_node("2、", 2, 0), _node("3、", 3, 10)))
    assert short(run(p, n)) == [("TST001", 0, 2, "无→2")]
    p = pack(tmp_path, "sequence", 'tree = "problems"\ncheck_first = false\n', message="{previous}→{found}")
    assert run(p, n) == []


CONSISTENT = '''[[group]]
label = "已完成整改数"
path = "progress[*].completed"
[[group]]
label = "问题数"
path = "declared[*]"
by = "it.quantity"
'''


def test_consistent_groups_and_by(tmp_path):
    text = "共11个问题，3个方面。已完成8个……已完成9个。共12个问题，3个方面"
    n = Notice(text=text,
               declared=(Count("problems", 11, "11个问题", Span(1, 6)), Count("aspects", 3, "3个方面", Span(7, 11)),
                         Count("problems", 12, "12个问题", Span(28, 33)), Count("aspects", 3, "3个方面", Span(34, 38))),
               progress=(Progress(Span(12, 17), completed=Figure(8, Span(15, 16))),
                         Progress(Span(19, 24), completed=Figure(9, Span(22, 23))),
                         Progress(Span(19, 24))))
    p = pack(tmp_path, "consistent", CONSISTENT, message="{label}{key}：先称{first}，此处为{other}")
    got = run(p, n)
    assert short(got) == [("TST001", 22, 23, "已完成整改数：先称8，此处为9"),
                          ("TST001", 28, 33, "问题数problems：先称11，此处为12")]
    assert [r.span for r in got[1].related] == [Span(1, 6)]


@checks.register("engine-test-long-text")
def _long_text(ctx):
    if len(ctx.notice.text) > ctx.options["limit"]:
        yield Hit(Span(0, 1), {"length": len(ctx.notice.text), "day": ctx.as_of})


def test_check_kind_gets_options_and_reference_date(tmp_path):
    body = 'check = "engine-test-long-text"\n[options]\nlimit = 3\n'
    p = pack(tmp_path, "check", body, message="全文{length}字（{day}）")
    n = Notice(text="一二三四", published=DateFact(dt.date(2021, 5, 1), "x", Span(0, 1)))
    assert short(run(p, n)) == [("TST001", 0, 1, "全文4字（2021年5月1日）")]
    assert short(run(p, n, as_of=dt.date(2022, 1, 2))) == [("TST001", 0, 1, "全文4字（2022年1月2日）")]
    assert run(p, n, options={"TST": {"limit": 10}}) == []


def test_applies_to_severity_off_and_sorting(tmp_path):
    pack(tmp_path, "require", 'require = "feedback"\napplies_to = ["notice"]\n', code="TST002", name="b-rule")
    p = pack(tmp_path, "pattern", 'pattern = "正文"\n', code="TST001", name="a-rule")
    notice = Notice(text="正文", genre="notice")
    assert [(f.code, f.severity) for f in run(p, notice)] == [("TST001", "warning"), ("TST002", "warning")]
    assert [f.code for f in run(p, Notice(text="正文", genre="report"))] == ["TST001"]
    got = run(p, notice, severity={"TST": "error", "TST002": "off"}, filename="a.txt")
    assert [(f.code, f.severity, f.filename) for f in got] == [("TST001", "error", "a.txt")]
    with pytest.raises(ValueError, match=r"^severity TST001=fatal: level must be error, warning, info or off$"):
        run(p, notice, severity={"TST001": "fatal"})
