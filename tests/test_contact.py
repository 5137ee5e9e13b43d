"""parse_contact: phones, emails, address and postcode taken after their labels."""

from __future__ import annotations

from pathlib import Path

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
