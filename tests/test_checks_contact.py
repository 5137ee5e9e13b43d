"""CON001-CON004: hand-positioned fixtures, reasons in the messages, and the five seeds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.checks.contact import email_problem, phone_problem
from rectify_rules.engine import check
from rulehelpers import SEEDS, fixture_cases, fixture_positions
from rulehelpers import found as only

CODES = ["CON001", "CON002", "CON003", "CON004"]


@pytest.mark.parametrize("code,case", fixture_cases(CODES))
def test_fixture(code, case):
    got, want = fixture_positions(code, case)
    assert got == want


@pytest.mark.parametrize("digits", [
    "08277320666", "059522483550", "13812345678", "12388", "12345", "12380",
    "082712388",  # a service number dialled after its area code
    "01065100000",
])
def test_valid_phones(digits):
    assert phone_problem(digits) is None


@pytest.mark.parametrize("digits,reason", [
    ("0827732066", "区号加号码共10位，位数或号段不符合该区号的固定电话号码"),
    ("2263070", "7位本地号码缺少区号"),
    ("1381234567", "手机号码应为11位，这里是10位"),
])
def test_invalid_phones(digits, reason):
    assert phone_problem(digits) == reason


def test_phone_message_names_the_number():
    (f,) = only("联系电话：0827-732066。", "CON001")
    assert f.message == "电话号码“0827-732066”无效：区号加号码共10位，位数或号段不符合该区号的固定电话号码"


def test_area_code_message_names_both_regions():
    text = "中共通江县工业园工作委员会关于巡察整改进展情况的通报\n\n欢迎监督。电话：0563-2263070。"
    (f,) = only(text, "CON002")
    assert f.message == "电话“0563-2263070”的区号0563属于安徽省宣城市，而发文单位在通江县（四川省巴中市）"


def test_area_code_shared_by_several_cities():
    text = "中共天门市委巡察办关于巡察整改进展情况的通报\n\n电话：0728-5221234。"
    assert only(text, "CON002") == []


def test_place_from_signature_when_the_issuer_names_none():
    text = ("鲤城高新区党工委关于巡察整改进展情况的通报\n\n欢迎监督。电话：0827-7320666。\n\n"
            "中共泉州市鲤城区委高新技术产业开发区工作委员会\n2021年6月30日")
    (f,) = only(text, "CON002")
    assert f.values["place"] == "泉州市" and f.values["code_region"] == "四川省巴中市"


@pytest.mark.parametrize("addr,reason", [
    ("qsnync＠163.com", "含全角字符“＠”"),
    ("abc@163", "域名“163”不完整，缺少“.com”“.cn”等后缀"),
    ("abc@163．com", "含全角字符“．”"),
    ("ab c@163.com", "地址中有空格"),
])
def test_email_problems(addr, reason):
    assert email_problem(addr) == reason


@pytest.mark.parametrize("addr", ["jxzshzzx@163.com", "dl1116db@163.com", "x.y-z@gov.cn"])
def test_valid_emails(addr):
    assert email_problem(addr) is None


def test_postcode_messages():
    (f,) = only("邮编：36200", "CON004")
    assert f.message == "邮政编码“36200”有误：应为6位数字，这里是5位"
    (f,) = only("邮编：3620O0", "CON004")
    assert f.message == "邮政编码“3620O0”有误：应为6位数字，含有非数字字符"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_have_valid_contacts(prefix):
    assert [f.code for f in check(SEEDS[prefix], select=CODES)] == []


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("电话邮箱编：:0123456789０８-—＠@.。、中共泾县\n ")),
               max_size=50))
def test_checks_never_raise_and_spans_inside(text):
    for f in check(text, select=CODES):
        assert 0 <= f.span.start <= f.span.end <= len(text)
