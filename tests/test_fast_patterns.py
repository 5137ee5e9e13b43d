"""Regular expressions rewritten to scan faster match exactly what the plain ones matched.

Python's engine skips ahead quickly only when a pattern starts with a literal, a class, or
alternatives that each start with one; a pattern that starts otherwise is tried at every
position of the text. Each rewrite here keeps the pattern it replaced as the reference: both
must give the same matches (spans and groups) on the seeds, the variant notices and generated
text made of the characters the pattern names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.engine import load_rules
from rectify_rules.parsing import contact, ending, inspection, problems, progress
from rectify_rules.text import SourceText
from rectify_rules.text import normalise

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [normalise(p.read_text(encoding="utf-8"))
         for p in sorted((ROOT / "seeds").glob("*.txt"))
         + sorted((ROOT / "tests" / "data" / "variants").glob("*.txt"))]
#: forms the notices hold seldom or never: a cut page, a duration after 已经
TEXTS += ["已完成整改的问题……省略330字……还剩17页未读，查看全文。(未完待续)正式会员可完整阅读",
          "已经3个月集中整改，经过两个月的整改，曾经半年，为期1年多时间",
          "2021年X月X日，XX镇，第x条，××，**，某某某，TODO：待补充【 】( )，abcXX，xx@163.com，"
          "FIXME TBD aTODO，2021年  月  日，3月 日",
          "联系电话：0563-1234567，举报电  话 12388，服务热线为12345，手机号码:13800000000，"
          "电子邮箱：abc@163.com，E-mail: x@y.cn，xemail:，邮件地址 : a@b.c"]


#: (the rewritten pattern, the pattern it replaced)
CASES = {
    # "status": see tests/test_fast_parsing.py (its groups now tell the kind)
    # a group of words first: every place tried; now each branch starts with a literal
    "excerpt mark": (ending._EXCERPT_MARK, re.compile(
        r"省略\d+字|还剩\d+页未读|(?:阅读|查看)全文|余下全文|\(未完[^)]{0,6}\)|正式会员可完整阅读")),
    # a look-ahead and a look-behind first; now every branch starts with a literal
    "duration": (inspection._DURATION_RE, re.compile(
        rf"(?=[为历用经])(?P<verb>为期|历时|用时|经过|(?<![已曾])经)\s*(?P<n>{inspection._NUM})"
        rf"\s*{inspection._UNIT}"
        r"(?P<tail>(?:的|多)?(?:时间|集中|全面|认真|扎实)?(?:的)?(?:整改|集中整改|整改落实))?")),
    # the same pattern behind a look-ahead for its first characters
    "progress total": (progress._TOTAL_AT, progress._TOTAL),
    # a look-ahead first: every place tried; now every branch starts with a literal
    "phone label": (contact._PHONE_LABEL, re.compile(
        r"(?=[联举监咨值投服受电热手座])(?P<label>(?:联系|举报|监督|咨询|值班|投诉|服务|受理)?"
        r"(?:电[ ]{0,3}话|热线|手机|座机)(?:号码)?)\s*(?:[:：]|为|是)?\s*")),
    "e-mail label": (contact._EMAIL_LABEL, re.compile(
        r"(?=[电邮Ee])(?P<label>(?:电子(?:邮箱|信箱|邮件)|邮箱|邮件|(?<![A-Za-z])(?i:e-?mail))(?:地址)?)"
        r"[ ]*:[ ]*")),
    # look-behinds first: every place tried; now the Xs and the notes start with a literal
    "placeholders (FMT004)": (re.compile(load_rules().get("FMT004").spec.regex.pattern), re.compile(
        r"(?:(?:19|20)[0-9]{2})?年[ ]+月[ ]*日|(?:(?:19|20)[0-9]{2}年)?(?:[0-9]{1,2}|[一二三四五六七八九十]"
        r"{1,2})月[ ]+日|(?<=[0-9年月第])[Xx](?=[年月日号项个名条])|(?<![A-Za-z0-9@._/-])[Xx]{2,}"
        r"(?![A-Za-z0-9@]|\.[A-Za-z])|×{2,}|\*{2,}|某{3,}|(?<![A-Za-z])(?:TODO|FIXME|TBD)(?![A-Za-z])"
        r"|待补充|待填写|此处填写|此处补充|待定|【[ \t]*】|\([ \t]*\)")),
}


def matches(rx: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups(), m.lastgroup) for m in rx.finditer(text)]


def alphabet(rx: re.Pattern) -> list[str]:
    """The characters the pattern names (outside escapes and ranges), digits, blanks and
    punctuation: text made of them meets the pattern's branches often."""
    chars = {c for c in rx.pattern if not c.isascii() or c.isalnum()}
    return sorted(chars | set("0123456789 ,;:。，；：\n()（）“”"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_matches_on_notices(name):
    fast, plain = CASES[name]
    assert fast.groupindex == plain.groupindex
    found = 0
    for text in TEXTS:
        got = matches(fast, text)
        assert got == matches(plain, text)
        found += len(got)
    assert found, "the notices should exercise the pattern"


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_same_matches_on_generated_text(name, data):
    fast, plain = CASES[name]
    text = data.draw(st.text(alphabet=alphabet(plain), max_size=40))
    assert matches(fast, text) == matches(plain, text)


# ---- problems: the rectification labels at a line start -----------------------------------------

#: the pattern the label offsets came from: a line start, blanks, a label (tried at every place)
_RECT_LABEL = re.compile(rf"(?:^|\n)[ ]*{problems._LABEL}")


def _labels(text: str) -> list[int]:
    return problems._Ctx(SourceText(text, text), ()).labels


def test_labels_as_before_on_notices():
    found = 0
    for text in TEXTS:
        assert _labels(text) == [m.end() for m in _RECT_LABEL.finditer(text)]
        found += len(_labels(text))
    assert found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["整改情况", "整改措施：", "主要整改措施", "落实情况 :", ":", "：",
                                 " ", "  ", "\n", "文字", "整改"]), max_size=12).map("".join))
def test_labels_as_before_on_generated_text(text):
    assert _labels(text) == [m.end() for m in _RECT_LABEL.finditer(text)]
