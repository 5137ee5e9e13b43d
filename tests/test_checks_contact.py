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
    ("abc@@163.com", "含有2个“@”，只能有一个"),
    ("abc.163.com", "缺少“@”"),
    ("abc@163。com", "含中文句号“。”，应为半角“.”"),  # email_validator alone accepts it
    ("@163.com", "“@”前缺少用户名"),
    ("abc@", "“@”后缺少域名"),
    ("abc\u00a0@163.com", "地址中有空格"),
])
def test_email_problems(addr, reason):
    assert email_problem(addr) == reason


def test_email_validator_reason_is_quoted():
    assert email_problem("abc@163..com") == (
        "格式不符合电子邮箱地址规则（An email address cannot have two periods in a row.）")


@pytest.mark.parametrize("addr", ["jxzshzzx@163.com", "dl1116db@163.com", "x.y-z@gov.cn",
                                  "zhang_san@163.com"])
def test_valid_emails(addr):
    assert email_problem(addr) is None


_CLOSING = "欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0827-7320666；电子邮箱："


@pytest.mark.parametrize("value,reason", [
    ("abc@@163.com", "含有2个“@”，只能有一个"),
    ("abc.163.com", "缺少“@”"),
    ("a b@163.com", "地址中有空格"),
    ("abc@163..com", "格式不符合电子邮箱地址规则（An email address cannot have two periods in a row.）"),
    ("qsnync＠163.com", "含全角字符“＠”"),
    ("abc@163。com", "含中文句号“。”，应为半角“.”"),
])
def test_labelled_malformed_email_reported_whole(value, reason):
    text = _CLOSING + value + "。"
    (f,) = only(text, "CON003")
    start = len(_CLOSING)  # 39
    assert (f.span.start, f.span.end) == (start, start + len(value))
    assert text[f.span.start:f.span.end] == value
    assert f.values == {"email": value, "reason": reason}
    assert f.message == f"电子邮箱“{value}”无效：{reason}"


def test_unlabelled_malformed_email_reported_whole():
    (f,) = only("如有意见请发送至abc@163..com，谢谢。", "CON003")
    assert (f.span.start, f.span.end, f.values["email"]) == (8, 20, "abc@163..com")


@pytest.mark.parametrize("text", [
    _CLOSING + "qsnync@163.com。",
    "电子信箱：zhang_san@163.com；邮编：636700。",
    "E-mail: x.y-z@gov.cn  欢迎监督",
    "电子邮箱：（暂无）。",
    "举报信箱：A座123号。",
])
def test_valid_or_no_email_no_finding(text):
    assert only(text, "CON003") == []


def test_phones_and_postcode_beside_a_malformed_email():
    text = "联系电话：0827-732066；电子邮箱：a b@163.com；邮编：36200。"
    assert [(f.code, f.span.start, f.span.end) for f in check(text, select=CODES)] == [
        ("CON001", 5, 16), ("CON003", 22, 33), ("CON004", 37, 42)]


def test_postcode_messages():
    (f,) = only("邮编：36200", "CON004")
    assert f.message == "邮政编码“36200”有误：应为6位数字，这里是5位"
    (f,) = only("邮编：3620O0", "CON004")
    assert f.message == "邮政编码“3620O0”有误：应为6位数字，含有非数字字符"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_have_valid_contacts(prefix):
    assert [f.code for f in check(SEEDS[prefix], select=CODES)] == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(
    ["电子邮箱：", "E-mail:", "邮件:", "a", "b", "1", "@", "＠", ".", "．", "。", " ", "　", "\n",
     "、", "；", "_", "-", "com", "欢迎"]), max_size=30).map("".join))
def test_email_candidates_map_back_to_their_text(text):
    from rectify_rules.parsing.contact import parse_contact
    from rectify_rules.text import SourceText

    emails = parse_contact(SourceText(text)).emails
    for e in emails:
        assert 0 <= e.span.start < e.span.end <= len(text)
        assert text[e.span.start:e.span.end] == e.text
        assert e.text == e.text.strip() and not e.text.endswith(".")
    assert all(a.span.end <= b.span.start for a, b in zip(emails, emails[1:]))
    for f in check(text, select=["CON003"]):
        assert 0 <= f.span.start < f.span.end <= len(text)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("电话邮箱编：:0123456789０８-—＠@.。、中共泾县\n ")),
               max_size=50))
def test_checks_never_raise_and_spans_inside(text):
    for f in check(text, select=CODES):
        assert 0 <= f.span.start <= f.span.end <= len(text)
