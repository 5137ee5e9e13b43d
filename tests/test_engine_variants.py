"""Variant findings of a check rule: another message at a lower severity ([variants.NAME])."""

from __future__ import annotations

import pytest

from rectify_rules import check
from rectify_rules.engine import RuleError, load_rules

HEAD = '''code = "TST001"
name = "test-rule"
severity = "error"
kind = "check"
check = "{check}"
summary = "测试规则"
message = "未写明巡察{{missing}}{{seen}}"
'''
EXAMPLE = '''
[[example]]
bad = "甲"
good = "乙"
'''
UNREAD = '''
[variants.unread]
severity = "info"
message = "可能写有：{candidate}"
'''


def load(tmp_path, body, check="inspection-period-stated"):
    (tmp_path / "TST001.toml").write_text(HEAD.format(check=check) + body + EXAMPLE,
                                          encoding="utf-8")
    return load_rules(tmp_path, builtin=False)


def error(tmp_path, body, check="inspection-period-stated"):
    with pytest.raises(RuleError) as e:
        load(tmp_path, body, check)
    return str(e.value).split(": ", 1)[1]


def test_a_variant_loads_with_its_message_and_severity(tmp_path):
    rule = load(tmp_path, UNREAD).get("TST001")
    assert rule.variants == {"unread": ("可能写有：{candidate}", "info")}


@pytest.mark.parametrize("body, expected", [
    ("", "variants: the check also makes the finding(s) unread: add [variants.unread] with its message"),
    (UNREAD + '\n[variants.other]\nmessage = "甲"\n',
     "variants.other: the check makes no such finding; it makes: unread"),
    ('\n[variants.unread]\nseverity = "info"\n', "variants.unread.message: missing: the message of this finding"),
    ('\n[variants.unread]\nseverity = "low"\nmessage = "甲"\n',
     "variants.unread.severity: unknown severity 'low'; severities are error, warning, info"),
    ('\n[variants.unread]\nmessage = "甲{total}"\n',
     "variants.unread.message: placeholder {total} is not provided by this rule; available: "
     "candidate, missing, seen"),
])
def test_variant_errors(tmp_path, body, expected):
    assert expected in error(tmp_path, body)


def test_only_check_rules_have_variants(tmp_path):
    head = (HEAD.replace('kind = "check"\ncheck = "{check}"\n', 'kind = "assert"\nassert = "exists(feedback)"\n')
            .replace("{{missing}}{{seen}}", ""))
    (tmp_path / "TST001.toml").write_text(head + UNREAD + EXAMPLE, encoding="utf-8")
    with pytest.raises(RuleError) as e:
        load_rules(tmp_path, builtin=False)
    assert "only check rules have variants (this rule is kind 'assert')" in str(e.value)


# the dates stand in a clause about a report, not about the inspection: the parser does not
# take them for the period, and REQ004 must not claim that there is none
UNREADABLE = ("中共青山县林业局党组关于巡察整改进展情况的通报\n\n"
              "2021年3月1日—4月30日县委第二巡察组在我局听取工作报告。"
              "2021年6月10日，县委第二巡察组反馈了巡察意见。\n")


def test_a_variant_finding_has_its_message_and_the_lower_severity():
    [f] = check(UNREADABLE, select=["REQ004"])
    assert (f.code, f.severity) == ("REQ004", "info")
    assert f.message.startswith("可能写有巡察起止日期，但未能识别：“")
    assert "2021年3月1日—4月30日" in f.message
    # the configured severity still caps it: a variant never raises a rule above its level
    [f] = check(UNREADABLE, select=["REQ004"], severity={"REQ004": "warning"})
    assert f.severity == "info"
    assert check(UNREADABLE, select=["REQ004"], severity={"REQ004": "off"}) == []
