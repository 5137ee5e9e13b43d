"""Parser steps rewritten to run faster give exactly what the plain forms gave.

Each rewrite keeps the plain form here as the reference; both run on the seeds, the variant
notices and generated text made of the characters the step reacts to.
"""

from __future__ import annotations

import bisect
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.parsing import boilerplate
from rectify_rules.parsing import dates_grammar as grammar
from rectify_rules.parsing import status
from rectify_rules.parsing.counts import Clauses
from rectify_rules.text import SourceText

from test_fast_patterns import TEXTS


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def _dates_plain(text: str) -> list:
    return _spans(grammar.DATE_RE.finditer(text))


def _dates_fast(text: str) -> list:
    return _spans(grammar.date_matches(text))


def test_dates_where_they_can_start_as_everywhere_on_notices():
    found = 0
    for text in TEXTS:
        assert _dates_fast(text) == _dates_plain(text)
        found += len(_dates_plain(text))
    assert found > 100


#: pieces of dates and what stands around them: years, months, days in both scripts, blanks
#: and line breaks inside a date, separators, the words that end or follow one
_DATE_PIECES = ["2021", "2020", "1999", "二〇二一", "年", "月", "日", "号", "底", "初", "中旬",
                "份", "前", "1", "12", "31", "7", "十", "十一", "二十", "廿", "卅一", "三", "〇",
                "-", ".", "/", " ", "\n", "至", "—", "第", "每年", "步", "文字", "，", "○", "O", "零",
                "末", "19", "20"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=40).map("".join))
def test_dates_where_they_can_start_as_everywhere_on_generated_text(text):
    assert _dates_fast(text) == _dates_plain(text)


# ---- counts: sentence separators read from the clause separators ---------------------------------

_SENTENCE_SEP = re.compile(r"[。!?！？\n]")


def _sentence_plain(norm: str, pos: int) -> tuple[int, int]:
    seps = [m.start() for m in _SENTENCE_SEP.finditer(norm)]
    i = bisect.bisect_right(seps, pos - 1)  # the first separator at or after pos
    start = seps[i - 1] + 1 if i > 0 else 0
    end = seps[i] if i < len(seps) else len(norm)
    seg = norm[start:end]
    return start + len(seg) - len(seg.lstrip()), start + len(seg.rstrip())


def test_sentences_as_before_on_notices():
    for text in TEXTS:
        clauses = Clauses(text)
        for pos in range(0, len(text), 7):
            assert clauses.sentence(pos) == _sentence_plain(text, pos)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("。!?！？\n,;:；：") + [" ", "文字"]), max_size=30)
       .map("".join), st.integers(0, 60))
def test_sentences_as_before_on_generated_text(text, pos):
    assert Clauses(text).sentence(pos) == _sentence_plain(text, pos)


# ---- boilerplate: junk-line patterns without a fixed first character, tried behind a word -------

def _junk_plain(line: str) -> bool:
    return re.fullmatch("(?:" + "|".join(boilerplate.JUNK_LINES) + ")", line) is not None


def test_junk_lines_as_before_on_notices():
    lines = [ln.text for text in TEXTS for ln in SourceText(text).content_lines()]
    lines += ["首页 > 要闻动态 > 通知公告", "用微信扫描二维码分享", "网站备案 京ICP备12345号",
              "共有3条评论", "首页 | 机构概况 | 政务公开", "请输入验证码"]
    assert sum(map(_junk_plain, lines)) >= 6
    assert [boilerplate.is_junk_line(ln) for ln in lines] == [_junk_plain(ln) for ln in lines]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["首页", ">", "›", " ", "|", "｜", "栏目", "扫", "描", "二维码",
                                 "ICP备", "123", "条评论", "评论", "分享", "到", "打印", "x"]),
                max_size=14).map("".join))
def test_junk_lines_as_before_on_generated_text(line):
    assert boilerplate.is_junk_line(line) == _junk_plain(line)


# ---- status: phrases that each begin with a fixed character --------------------------------------

_HAN = r"\u4e00-\u9fff"
_CLAUSE_END = rf"(?=[^{_HAN}]|并|$)"
#: the grammar as it was written, two named kinds behind a look-ahead (entered everywhere)
_STATUS_PLAIN = re.compile(
    r"(?=[正仍纳持尚未已己基目还完整申延])"
    rf"(?P<ongoing>(?:正在|仍在)整改中?|(?:纳入)?持续整改|尚未(?:完成|整改|到位)|未完成整改|未整改到位"
    rf"|已?基本(?:完成|[{_HAN}]{{0,3}}到位)|(?:已经?)?申请延期(?:整改)?|延期整改"
    rf"|目前[{_HAN}]{{0,4}}?正(?:在|按计划|有序|加紧|抓紧|稳步)(?=[{_HAN}])"
    rf"|(?:整改(?:状态|进展|进度)|完成情况)[ ]*[:：][ ]*(?:持续推进|正在推进|推进中|持续整改)"
    rf"|还在[{_HAN}]{{0,6}}中)"
    rf"|(?P<completed>[已己](?:经)?(?:全部|全面|均)?(?:完成整改|整改完成|完成|整改|办结|销号)"
    rf"(?:到位|完毕|工作)?{_CLAUSE_END}"
    rf"|[已己](?:经)?(?:全部|全面|均)?[{_HAN}]{{1,4}}?(?:到位|完毕){_CLAUSE_END}"
    rf"|(?:完成整改|整改完成|整改完毕|整改到位){_CLAUSE_END})")


def _status_plain(text: str) -> list:
    return [(m.span(), m.lastgroup) for m in _STATUS_PLAIN.finditer(text)]


def _status_fast(text: str) -> list:
    return [(m.span(), "completed" if m.lastgroup[0] == "c" else "ongoing")
            for m in status._STATUS.finditer(text)]


def test_status_phrases_as_before_on_notices():
    found = 0
    for text in TEXTS:
        assert _status_fast(text) == _status_plain(text)
        found += len(_status_plain(text))
    assert found > 100


_STATUS_PIECES = ["正在", "仍在", "整改", "中", "纳入", "持续", "尚未", "未", "完成", "到位", "已", "己",
                  "经", "基本", "申请", "延期", "目前", "正", "按计划", "状态", "进展", ":", " ",
                  "推进", "情况", "还在", "全部", "均", "办结", "销号", "完毕", "工作", "并", "，",
                  "落实", "文字", "。"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_STATUS_PIECES), max_size=16).map("".join))
def test_status_phrases_as_before_on_generated_text(text):
    assert _status_fast(text) == _status_plain(text)


def test_every_declared_count_holds_a_numeral():
    """counts._candidates reads a clause for counts only when it holds a numeral character."""
    from rectify_rules.parsing import counts

    found = 0
    for text in TEXTS:
        for m in counts._DECLARED.finditer(text):
            assert counts._NUMERAL.search(m.group())
            found += 1
    assert found > 50


# ---- numerals: the first character read first, what stands before it checked behind -------------

_NUM_CHARS = "〇零○一二两兩三四五六七八九十拾百佰千仟万亿廿卅"
_FIRST = r"(?=[\d〇零一二两三四五六七八九十廿卅])"
#: the plain forms: a look-ahead for the first character, look-behinds before it
_NUM_PLAIN = (rf"{_FIRST}(?:(?<![\d.第])\d+|(?<![{_NUM_CHARS}第])"
              rf"[〇零一二两三四五六七八九十廿卅][{_NUM_CHARS}]*)")
_DEC_PLAIN = (rf"{_FIRST}(?:(?<![\d.第])\d+(?:\.\d+)?|(?<![{_NUM_CHARS}第])"
              rf"[〇零一二两三四五六七八九十廿卅][{_NUM_CHARS}]*)")
#: the numeral alone, before a unit (so that backtracking into it shows), after a word
_NUMERAL_CONTEXTS = ["(?P<n>{})", "(?P<n>{})(?P<u>[个项条件%])", "共\\s*(?P<n>{})项",
                     "(?P<n>{})[个项](?:{})个"]


def _numeral_pairs():
    from rectify_rules.parsing import counts

    assert counts.CN_NUM_CHARS == _NUM_CHARS
    for ctx in _NUMERAL_CONTEXTS:
        for fast, plain in ((counts.NUM, _NUM_PLAIN), (counts.DEC, _DEC_PLAIN)):
            yield re.compile(ctx.format(fast, fast)), re.compile(ctx.format(plain, plain))


def test_numerals_as_before_on_notices():
    for fast, plain in _numeral_pairs():
        for text in TEXTS:
            assert _spans(fast.finditer(text)) == _spans(plain.finditer(text))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789.第一二两三十百千万廿卅〇零兩个项条件%共 \n文", max_size=30),
       st.integers(0, 5))
def test_numerals_as_before_on_generated_text(text, pos):
    for fast, plain in _numeral_pairs():
        assert _spans(fast.finditer(text, pos)) == _spans(plain.finditer(text, pos))


def test_each_guarded_junk_line_names_its_words():
    """A junk-line pattern tried only behind its words must name one of them (a guard keyed
    to the wrong pattern would hide that pattern's lines)."""
    assert set(boilerplate._JUNK_LINE_NEEDS) <= set(boilerplate.JUNK_LINES)
    for pattern, words in boilerplate._JUNK_LINE_NEEDS.items():
        assert any(w in pattern or re.escape(w) in pattern for w in words), pattern
