"""parse_contact: phones, emails, address and postcode taken after their labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from rectify_rules.model import Span
from rectify_rules.parsing.contact import parse_contact
from rectify_rules.text import SourceText

ROOT = Path(__file__).resolve().parent.parent


def _c(text):
    return parse_contact(SourceText(text))


def test_landline_and_email_with_spans():
    text = "欢迎监督。电话：0827-7320666；邮箱：723291001@qq.com。"
    c = _c(text)
    (p,) = c.phones
    assert (p.text, p.number, p.label, p.span) == ("0827-7320666", "08277320666", "电话", Span(8, 20))
    (e,) = c.emails
    assert (e.text, e.span) == ("723291001@qq.com", Span(24, 40))
    assert text[c.span.start:c.span.end] == "电话：0827-7320666；邮箱：723291001@qq.com"


def test_several_phones_after_one_label():
    c = _c("举报电话：0794-8582666、12388或13812345678。")
    assert [p.number for p in c.phones] == ["07948582666", "12388", "13812345678"]


def test_spaced_label_and_em_dash():
    c = _c("电  话：0827—7320666")
    assert [(p.text, p.number) for p in c.phones] == [("0827—7320666", "08277320666")]


def test_full_width_digits_keep_original_text():
    c = _c("联系电话：０８２７－７３２０６６６")
    assert [(p.text, p.number) for p in c.phones] == [("０８２７－７３２０６６６", "08277320666")]


def test_figures_after_phone_words_are_not_phones():
    assert _c("开通举报电话2021年以来共受理32件，接听电话15件。").phones == ()


def test_email_keeps_full_width_at_and_drops_sentence_dot():
    c = _c("电子邮箱：qsnync＠163.com。邮箱：jxz@163.com.")
    assert [e.text for e in c.emails] == ["qsnync＠163.com", "jxz@163.com"]


def test_address_and_postcode():
    text = "通信地址：鲤城区南环路1051号鲤城高新区管委会大楼6楼，邮编：362000。"
    c = _c(text)
    assert c.address.text == "鲤城区南环路1051号鲤城高新区管委会大楼6楼"
    assert c.postcode.text == "362000"
    assert text[c.postcode.span.start:c.postcode.span.end] == "362000"


def test_empty_postcode_stays_on_its_line():
    c = _c("邮编：\n电话：0595-22483550")
    assert c.postcode.text == ""
    assert c.postcode.span == Span(3, 3)


def test_nothing_to_find():
    assert _c("一、整改情况\n已完成整改。") == _c("")
    assert _c("").span is None


def test_seed_003_contact_block():
    (path,) = (ROOT / "seeds").glob("003_*.txt")
    c = parse_contact(SourceText(path.read_text(encoding="utf-8")))
    assert [p.text for p in c.phones] == ["0595-22483550"]
    assert [e.text for e in c.emails] == ["qzgxqjny@163.com"]
    assert c.postcode.text == "362000"


# --- e-mail candidates are taken after their label, whole ------------------------------------

_CLOSING = ("欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。"
            "联系电话：0827-7320666；电子邮箱：")


def _emails(text):
    c = _c(text)
    for e in c.emails:  # every span maps back to the fact's text
        assert text[e.span.start:e.span.end] == e.text
    return [(e.text, e.span) for e in c.emails]


def test_labelled_email_with_doubled_at_in_a_closing_paragraph():
    text = _CLOSING + "abc@@163.com。"
    c = _c(text)
    assert [(p.text, p.span) for p in c.phones] == [("0827-7320666", Span(43, 55))]
    assert _emails(text) == [("abc@@163.com", Span(61, 73))]
    assert text[c.span.start:c.span.end] == "联系电话：0827-7320666；电子邮箱：abc@@163.com"


def test_labelled_value_without_at_is_still_the_candidate():
    assert _emails("电子信箱：qsnync.163.com。") == [("qsnync.163.com", Span(5, 19))]


def test_labelled_value_with_a_blank_is_taken_whole():
    text = "电子邮箱：a b@163.com；邮编：636700"
    assert _emails(text) == [("a b@163.com", Span(5, 16))]
    c = _c(text)
    assert (c.postcode.text, c.postcode.span) == ("636700", Span(20, 26))


def test_doubled_dot_keeps_the_whole_candidate():
    assert _emails("邮箱：abc@163..com。") == [("abc@163..com", Span(3, 15))]
    # unlabelled, in running text
    assert _emails("如有意见请发送至abc@163..com，谢谢。") == [("abc@163..com", Span(8, 20))]


def test_full_width_at_and_letters_stay_as_written():
    assert _emails("Ｅ-mail：ＡＢＣ＠１６３．ｃｏｍ。") == [("ＡＢＣ＠１６３．ｃｏｍ", Span(7, 18))]


@pytest.mark.parametrize("text,want", [
    # a blank before Chinese text, the end of the line, ；，、 and a trailing 。 end it
    ("电子邮箱：abc@163.com  欢迎监督", [("abc@163.com", Span(5, 16))]),
    ("电子邮箱：abc@163.com\n通信地址：某路1号", [("abc@163.com", Span(5, 16))]),
    ("电子邮箱： abc@163.com，电话：0827-7320666", [("abc@163.com", Span(6, 17))]),
    ("电子邮箱：abc@163.com；邮编：636700", [("abc@163.com", Span(5, 16))]),
    ("电子邮箱:jxzshzzx@163.com.", [("jxzshzzx@163.com", Span(5, 21))]),
    # the second address of a list is found from its "@"
    ("电子邮箱：a1@163.com、b2@qq.com。", [("a1@163.com", Span(5, 15)), ("b2@qq.com", Span(16, 25))]),
    # a blank after the address ends it before a next Latin word
    ("E-mail: abc@163.com Tel: 0827-7320666", [("abc@163.com", Span(8, 19))]),
    # blanks joined by "@" or "." are inside it
    ("电子邮箱：abc @ 163.com。", [("abc @ 163.com", Span(5, 18))]),
    ("电子邮箱：abc@163 .com。", [("abc@163 .com", Span(5, 17))]),
    # a 。 before the top-level domain is inside it (CON003 reports it), one before a word is not
    ("电子邮箱：abc@163。com。", [("abc@163。com", Span(5, 16))]),
    ("邮箱：abc@163.com。QQ：12345", [("abc@163.com", Span(3, 14))]),
])
def test_where_a_labelled_address_ends(text, want):
    assert _emails(text) == want


@pytest.mark.parametrize("label", ["电子邮箱", "电子信箱", "电子邮件", "邮箱", "邮件", "举报邮箱",
                                   "邮箱地址", "E-mail", "Email", "email", "EMAIL", "e-Mail"])
def test_email_labels(label):
    text = f"监督{label}：qs@@163.com"
    start = 2 + len(label) + 1
    assert _emails(text) == [("qs@@163.com", Span(start, start + 11))]


def test_not_an_email_label():
    assert _c("举报信箱：A座123号").emails == ()  # a bare 信箱 is a postal box
    assert _c("Voicemail: 12345").emails == ()
    assert _c("可通过邮件反映：1、来信；2、来访。").emails == ()


def test_nothing_after_the_label():
    assert _c("电子邮箱：（暂无）。").emails == ()
    assert _c("电子邮箱：。").emails == ()
    assert _c("电子邮箱：").emails == ()


def test_unlabelled_address_in_running_text():
    text = "群众可发送邮件至jxz_2021@163.com反映问题。"
    assert _emails(text) == [("jxz_2021@163.com", Span(8, 24))]


def test_value_on_the_next_line_is_found_from_its_at():
    assert _emails("电子邮箱：\nabc@163.com") == [("abc@163.com", Span(6, 17))]


def test_email_label_address_is_no_postal_address():
    c = _c("邮箱地址：abc@163.com；通信地址：通江县春在镇街道。")
    assert [e.text for e in c.emails] == ["abc@163.com"]
    assert (c.address.text, c.address.span) == ("通江县春在镇街道", Span(22, 30))
    assert _c("E-mail地址：abc@163.com").address is None


@pytest.mark.parametrize("label", ["邮政信箱：", "来信请寄："])
def test_postal_box_labels_give_the_address(label):
    text = f"联系电话：010-68701234；{label}北京市海淀区三里河路11号；邮编：100037；电子信箱：ab@cd.cn。"
    c = _c(text)
    assert c.address.text == "北京市海淀区三里河路11号"
    at = text.index("北京市")
    assert c.address.span == Span(at, at + len("北京市海淀区三里河路11号"))
    assert c.postcode.text == "100037"
    assert [e.text for e in c.emails] == ["ab@cd.cn"]
    assert _c("电子信箱：ab@cd.cn。").address is None


def test_local_number_after_a_landline_takes_its_area_code():
    c = _c("联系电话：0736-3221560、3221561，13907361234，82123456。")
    assert [(p.text, p.number) for p in c.phones] == [
        ("0736-3221560", "07363221560"), ("3221561", "07363221561"),
        ("13907361234", "13907361234"), ("82123456", "073682123456")]
    # alone, a local number keeps its digits (CON001 reports the missing area code)
    assert [p.number for p in _c("联系电话：3221561。").phones] == ["3221561"]
    assert [p.number for p in _c("联系电话：010-68701234，68701235。").phones] == [
        "01068701234", "01068701235"]
