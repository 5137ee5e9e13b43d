"""The layout side of the parser, rewritten to run faster, gives exactly what the plain forms gave.

Each rewrite keeps the plain form here as the reference; both run on the seeds, the variant
notices and generated text made of the pieces the step reacts to.
"""

from __future__ import annotations

import re
from re import _constants as sre_constants  # the parsed form of a pattern: read by a test only
from re import _parser as sre_parser

from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.model import DateFact, Span, TextFact
from rectify_rules import text as T
from rectify_rules.parsing import boilerplate as B
from rectify_rules.parsing import outline, problems
from rectify_rules.text import SourceText

from test_fast_patterns import TEXTS


# ---- boilerplate.scan: prose lines passed over -----------------------------------------------

def _junk_plain(line: str) -> bool:
    return re.fullmatch("(?:" + "|".join(B.JUNK_LINES) + ")", line) is not None


def _scan_plain(src: SourceText) -> B.Boilerplate:
    """boilerplate.scan as it was: every test on every line."""
    spans: list[Span] = []
    published: DateFact | None = None
    source: TextFact | None = None
    doc: dict[str, TextFact] = {}
    pending: str | None = None  # a field label whose value is on the next line
    norm = src.norm
    for line in src.content_lines():
        content, stripped = line.span, line.text
        bullet = B._BULLET_RE.match(stripped)
        if bullet is not None:
            spans.append(Span(content.start, content.start + bullet.end()))
            content = Span(content.start + bullet.end(), content.end)
            stripped = stripped[bullet.end():]
            if not stripped:
                continue
        if pending is not None:
            kind, pending = pending, None
            if B._DOC_FIELD_RE.match(stripped) is None and len(stripped) <= B._DOC_VALUE_MAX:
                spans.append(content)
                doc.setdefault(kind, TextFact(src.slice(content), content))
                continue
        fields = B._doc_fields(src, content, stripped)
        if fields is not None:
            spans.append(content)
            for kind, fact in fields:
                if fact is None:
                    pending = kind
                else:
                    doc.setdefault(kind, fact)
            continue
        trailing = B._TRAILING_DATE_RE.search(stripped) if stripped.endswith((")", "）")) else None
        if trailing is not None and len(stripped) <= B._DOC_VALUE_MAX and trailing.start() > 0:
            at = content.start + trailing.start()
            spans.append(Span(at, content.end))
            d = content.start + trailing.start("date")
            published = published or B._published(src, Span(d, d + len(trailing.group("date"))))
            stripped = stripped[:trailing.start()].rstrip()
            content = Span(content.start, content.start + len(stripped))
            if B._TITLE_LIKE.search(stripped) and B._CRUMBS_RE.match(stripped) is None:
                continue  # "…的通报（2024-07-26）": the title stays, the date is furniture
        crumbs = B._CRUMBS_RE.match(stripped)
        if crumbs is not None and crumbs.end() < len(stripped) \
                and B._TITLE_LIKE.search(stripped) and len(stripped) - crumbs.end() > 20:
            spans.append(Span(content.start, content.start + crumbs.end()))
            continue  # the title after the crumbs stays in the body
        day_first = B._DAY_FIRST_RE.fullmatch(stripped)
        if day_first is not None:
            spans.append(content)
            published = published or B._day_first(src, content, day_first)
            continue
        tokens = (list(B._JUNK_TOKEN_RE.finditer(norm, line.line.start, line.line.end))
                  if B._TOKEN_MARK_RE.search(line.text) else [])
        meta = B._metadata_line(src, content, stripped, tokens)
        if meta is not None:
            spans.append(content)
            date, origin = meta
            published = published or date
            source = source or origin
            continue
        if _junk_plain(stripped) or (tokens and _junk_plain(B._masked(stripped, content, tokens))):
            spans.append(content)  # furniture alone, or furniture once its widgets are out
            continue
        spans.extend(Span(m.start(), m.end()) for m in tokens)
    signed = doc.get("signed")
    return B.Boilerplate(spans=tuple(spans), published=published, source=source,
                         doc_title=doc.get("title"), doc_issuer=doc.get("issuer"),
                         doc_date=B._published(src, signed.span) if signed else None)


def _first(items) -> set[str] | None:
    """The characters a match of the parsed *items* may begin with (a class such as \\d by
    its category name), None when it may begin with any; and whether it may match nothing."""
    out: set[str] = set()
    for op, av in items:
        found, empty = _first_of(op, av)
        if found is None:
            return None, False
        out |= found
        if not empty:
            return out, False
    return out, True


def _first_of(op, av):
    c = sre_constants
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is c.NEGATE:
                return None, False
            if o is c.LITERAL:
                chars.add(chr(a))
            elif o is c.RANGE:
                chars |= {chr(x) for x in range(a[0], a[1] + 1)}
            else:
                assert o is c.CATEGORY, o
                chars.add(str(a))
        return chars, False
    if op is c.BRANCH:
        chars, empty = set(), False
        for alt in av[1]:
            found, e = _first(alt)
            if found is None:
                return None, False
            chars |= found
            empty = empty or e
        return chars, empty
    if op is c.SUBPATTERN:
        return _first(av[3])
    if op is c.ATOMIC_GROUP:
        return _first(av)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        found, empty = _first(av[2])
        return found, empty or av[0] == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True  # zero-width: what follows begins the match
    return None, False  # anything else (ANY, NOT_LITERAL, …): any character


def test_every_unguarded_junk_line_begins_with_a_listed_character():
    # a line that begins with none of JUNK_LINE_FIRST (nor a digit or a blank, which a stripped
    # line never begins with) is not tried against the junk lines not guarded by their words
    allowed = set(B.JUNK_LINE_FIRST) | {"CATEGORY_DIGIT", "CATEGORY_SPACE"}
    for pattern in B.JUNK_LINES:
        if pattern in B._JUNK_LINE_NEEDS:
            continue
        found, empty = _first(sre_parser.parse(pattern))
        assert found is not None and not empty, pattern
        assert found <= allowed, (pattern, found - allowed)
    # the reader itself: a class, an optional bracket, a group of words, any character
    assert _first(sre_parser.parse(r"[(（]?\s*点击"))[0] == {"(", "（", "CATEGORY_SPACE", "点"}
    assert _first(sre_parser.parse(r"(?:阅读|浏览)量"))[0] == {"阅", "浏"}
    assert _first(sre_parser.parse(r".{0,4}ICP"))[0] is None


#: lines of web-page furniture in the forms the scan reads, and lines of text next to them
_PAGE_LINES = [
    "首页 > 要闻动态 > 通知公告", "当前位置：首页 > 巡察工作", "今天是：2024年3月5日 星期二",
    "来源：县纪委监委  发布时间：2021-04-27 14:38  阅读量：981", "2021-12-31 10:20:00  浏览量:89",
    "14.10.2014  12:44", "【打印本页】【关闭窗口】", "扫一扫在手机打开当前页", "用微信扫描二维码",
    "分享至好友和朋友圈", "（点击图片可查看大图）", "字号：大 中 小", "责任编辑：王某",
    "索引号：11500-2021-00012  主题分类：巡视巡察", "• 文件名称:", "中共某县关于巡察整改情况的通报",
    "• 发布机构:", "某县纪委", "成文日期：2021年04月20日", "共3条 首页 上一页 1 下一页 尾页",
    "首页 | 机构概况 | 政务公开 | 互动交流", "版权所有：某县人民政府  ICP备12345号",
    "中共某镇委员会关于巡察整改进展情况的通报（2024-07-26）", "上一篇：关于开展专项检查的通知",
    "1.在学习贯彻方面有差距。", "12.5万元资金已拨付到位。", "2021年3月5日，县委召开会议。",
    "(一)关于落实主体责任不到位的问题。", "1234.中", "1首页2", "3)整改情况：已完成。",
]

def test_scan_as_before_on_notices():
    found = 0
    for text in TEXTS + ["\n".join(_PAGE_LINES)]:
        src = SourceText(text)
        plain = _scan_plain(src)
        assert B.scan(src) == plain
        found += len(plain.spans)
    assert found > 40


#: the pieces furniture is made of, and of prose: each line a few of them
_PIECES = ["来源:", "发布时间:", "阅读量:", "索引号:", "文件名称:", "成文日期:", "•", "●", "1", "12",
           "2021", "-04-27", "14.10.2014", " 12:44", ".", "、", ")", "(", "（", "）", "【打印】", "[",
           "】", ">", "›", "|", "｜", "扫一扫", "用微信", "分享至", "首页", "上一页", "点击图片可查看大图",
           "ICP备", "评论", "字号", "大 中 小", "责任编辑:", "今天是", "的通报", "整改", "文字", "。",
           " ", "\u3000", "A", "x9"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), max_size=8)
       .map("\n".join))
def test_scan_as_before_on_generated_text(text):
    src = SourceText(text)
    assert B.scan(src) == _scan_plain(src)




# ---- text: what to fold and whether a tone mark is there, in one scan --------------------------

_FOLD_PLAIN = re.compile("[" + T._fold_class() + "]")


def _folds_plain(text: str) -> tuple[set[str], bool]:
    return set(_FOLD_PLAIN.findall(text)), T._TONE.search(text) is not None


def test_one_scan_finds_what_two_did_on_notices():
    pinyin = "根據(jù)巡視(shì)組反饋(kuì)，們(men)ü"
    for text in TEXTS + [pinyin, pinyin + "\r\n" + TEXTS[0]]:
        assert T.scan_folds(text) == _folds_plain(text)
        assert T.normalise(text, T.scan_folds(text)[0]) == T.normalise(text)
    assert T.scan_folds(pinyin)[1] and not T.scan_folds(TEXTS[0])[1]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("，（）：０Ａ\u3000\u00a0\t\r\n 。是巡據視組們āǎüùa") + ["(jù)"]),
                max_size=30).map("".join))
def test_one_scan_finds_what_two_did_on_generated_text(text):
    assert T.scan_folds(text) == _folds_plain(text)
    assert T.normalise(text, T.scan_folds(text)[0]) == T.normalise(text)


# ---- problems: the rectification labels where a line starts, looked for at the lines' starts --

def _labels_plain(src: SourceText) -> list[int]:
    return [m.end() for m in problems._LABEL_AT.finditer(src.norm)
            if problems._starts_line(src.norm, m.start())]


def test_labels_as_before_on_notices():
    found = 0
    for text in TEXTS:
        src = SourceText(text)
        assert problems._Ctx(src, ()).labels == _labels_plain(src)
        found += len(_labels_plain(src))
    assert found > 50


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["整改情况", "整改措施", ":", "：", " ", "\u3000", "\u2003", "\t", "\n",
                                 "落实情况", "主要整改措施", "文字", "整改"]), max_size=20).map("".join))
def test_labels_as_before_on_generated_text(text):
    src = SourceText(text)
    assert problems._Ctx(src, ()).labels == _labels_plain(src)


# ---- outline: a line that begins with nothing a marker or a closing paragraph begins with -------

def test_markers_and_closings_begin_with_a_listed_character():
    allowed = set(outline._LINE_FIRST) | {"CATEGORY_DIGIT", " "}
    for rx in (outline._MARKER, outline._CLOSING):
        found, empty = _first(sre_parser.parse(rx.pattern))
        assert found is not None and not empty and found <= allowed, (rx.pattern, found - allowed)


def _outline_plain(src: SourceText):
    """parse_outline with every line tried against both patterns."""
    keep = outline._LINE_FIRST
    try:
        outline._LINE_FIRST = _Everything()
        return outline.parse_outline(src)
    finally:
        outline._LINE_FIRST = keep


class _Everything:
    def __contains__(self, ch: str) -> bool:
        return True


def test_outline_as_before_on_notices():
    found = 0
    for text in TEXTS:
        src = SourceText(text)
        assert outline.parse_outline(src) == _outline_plain(src)
        found += len(list(outline.walk(_outline_plain(src))))
    assert found > 200


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["一、", "(一)", "（二）", "1.", "2、", "(3)", "4)", "①", ")", "(五", "文字",
                                 "。", "欢迎监督", "特此通报", "联系电话", " ", "\u3000", "\u2003", "\n",
                                 "١.", "整改"]), max_size=24).map("".join))
def test_outline_as_before_on_generated_text(text):
    src = SourceText(text)
    assert outline.parse_outline(src) == _outline_plain(src)


def test_labels_begin_with_a_listed_character():
    found, empty = _first(sre_parser.parse(problems._LABEL_AT.pattern))
    assert found is not None and not empty and found <= set(problems._LABEL_FIRST), found
