"""Web-page boilerplate: navigation, counters, share widgets, print/close links, metadata.

Notices scraped from web pages carry lines that are not part of the notice: a breadcrumb
("首页 > 要闻动态 > 通知公告"), "今天是:", view counters, "扫一扫在手机打开当前页",
"【打印】【关闭】", "【责任编辑:…】" and so on. :func:`scan` finds them (as spans the
orchestrator blanks with :meth:`SourceText.without`) and reads the metadata line
("来源:… 发布时间:2021-02-10 23:00 点击量:…", widgets such as 【打印本页】 in it left out, or a
bare timestamp "2021-12-31 10:20:00 浏览量:89") for the publication date and the source.

Government information-disclosure pages put a metadata block before the text: labels
("索引号", "文件名称", "发布机构", "成文日期", "公开方式" …, :data:`DOC_LABELS`), each with its
value on the same line or alone on the next one, often behind a bullet. The block is page
furniture too; three of its values are facts: the document's title, its issuing body and its
date (成文日期), used when the text itself does not state them. A publication date may also
trail the title in brackets ("…的通报（2024-07-26）") or stand alone in the European order
some sites print ("14.10.2014  12:44", day first).

The patterns are data (:data:`JUNK_LINES`, :data:`JUNK_TOKENS`, :data:`META_LABELS`):
whole lines that are nothing but page furniture, and bracketed widgets / fixed phrases that
may also trail a line of text. Everything is matched on the normalised view, so full-width
colons and digits need no special cases.
"""

from __future__ import annotations

import re
import string

from attrs import evolve, frozen

from ..model import DateFact, Span, TextFact
from ..text import SourceText

__all__ = ["Boilerplate", "scan", "JUNK_LINES", "JUNK_TOKENS", "META_LABELS"]


@frozen
class Boilerplate:
    """Spans of page furniture (kept out of the body) and the metadata they gave."""

    spans: tuple[Span, ...] = ()
    published: DateFact | None = None
    source: TextFact | None = None
    #: from a metadata block: 文件名称 / 标题, 发布机构 / 发文机关, 成文日期
    doc_title: TextFact | None = None
    doc_issuer: TextFact | None = None
    doc_date: DateFact | None = None


#: a whole line (stripped, normalised) that is page furniture
JUNK_LINES: tuple[str, ...] = (
    r"首页",
    # breadcrumb "> 要闻动态 > 通知公告": each step an arrow and 1–20 characters between
    # blanks, read atomically (blanks on both sides of the words made a long line exponential)
    r"(?:首页|网站首页)?\s*+(?>[>›»](?=[^>›»])\s*+(?:[^>›»\s](?:[^>›»]{0,18}[^>›»\s])?)?\s*+){1,6}",
    r"(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]?.{0,60}",
    r"今天是\s*[:：]?.{0,30}",
    r"(?:阅读量|阅读次数|阅读数|点击量|点击数|点击次数|浏览次数|浏览量|访问量|访问次数)"
    r"\s*+[:：]?\s*+\d*+\s*+次?",  # possessive here and below: runs side by side, linear
    r"(?:用|打开)?(?:微信|手机)?\s*扫(?:描|一扫).{0,20}(?:二维码|当前页|分享|朋友圈|阅读)?.{0,10}",
    r"分享(?:至|到).{0,20}",
    r"(?:上一篇|下一篇|上一条|下一条)\s*[:：].{0,80}",
    r"(?:字号|字体)\s*+[:：]?\s*+[【\[]?\s*+大\s*中\s*小\s*[】\]]?.{0,10}",
    r"(?:[【\[]?\s*+(?:打印本页|打印|关闭窗口|关闭|返回顶部|返回|收藏|分享|纠错|加入收藏)\s*+[】\]]?\s*+)+",
    r"(?:责任编辑|编辑|审核|校对|作者|供稿|撰稿)\s*[:：].{1,20}",
    r"(?:版权所有|主办单位|承办单位|技术支持|网站标识码|ICP备|网站地图).{0,80}",
    r".{0,40}(?:ICP备|公网安备).{0,60}",
    # site banners and reader widgets
    r"欢迎(?:您)?(?:访问|来到|光临).{1,40}",
    r"(?:设为首页|加入收藏|无障碍(?:浏览|阅读)?|长者模式|繁体|简体|繁體|English|手机版|登录|注册"
    r"|网站导航|智能问答|朗读|听全文|听新闻|打印|关闭|收藏|[|｜/\s])+",
    r"分享(?:到|至)?\s*+[:：]?(?:\s*+(?:微信|微博|QQ|朋友圈|空间|好友|[|｜/]))*",
    r"[【\[]?\s*(?:字体|字号)\s*+[:：]?\s*+(?:[【\[]?\s*+[大中小]\s*+[】\]]?\s*+){0,3}",
    r"(?:标签|关键词|责编|编审|终审|初审|复审|主编)\s*[:：|｜].{0,40}",
    r"[(（]?\s*点击图片可查看大图\s*[)）]?",
    r"(?:相关附件\s*[:：]?|附件下载\s*[:：]?|[\[【]全文[\]】])",
    r"(?:已阅读\d+页.{0,30}|下载本文档|文档简介|版权说明\s*[:：].{0,80})",
    r"您访问的链接即将离开.{0,60}",
    r"(?:声明|免责声明)\s*[:：].{0,200}|▌.{0,200}",
    r"(?:评论\s*\d*|评论一下|最热评论|最新评论|请输入验证码|.{0,20}\d+条评论.{0,20})",
    # a navigation bar ("首页 | 机构概况 | 政务公开 | …") and a pager ("共3条 首页 上一页 1 下一页 尾页")
    r"(?:[^|｜\s]{2,8}\s*[|｜]\s*){2,}[^|｜\s]{2,8}",
    # (page numbers possessive: a run of digits was split into 1–3-digit numbers every way)
    r"(?:共\s*\d+\s*(?:条|页|篇)\s*)?(?:(?:首页|上一页|下一页|尾页|末页|\d{1,3}+|[|｜])\s*){2,}",
    # the gambling spam some repost sites inject: a short line of a code and a "line" word
    r"[A-Za-z]{1,4}\d{3,}\S{0,10}(?:线路|娱乐|彩票|棋牌|官网|平台)\S{0,10}",
)
#: furniture that may also sit inside a line (bracketed widgets, share prompts)
JUNK_TOKENS: tuple[str, ...] = (
    r"[【\[]\s*(?:责任编辑|编辑|审核|作者|来源)\s*[:：][^】\]\n]{0,30}[】\]]",
    r"(?:[【\[]\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏|分享|纠错)\s*[】\]]\s*){1,}",
    # possessive blank runs: the same match, never tried again in other splits
    r"[【\[]\s*(?:字号|字体)\s*+[:：]?\s*+(?:[【\[]?\s*+[大中小]\s*+[】\]]?\s*+){0,3}[】\]]?",
    r"扫一扫在手机(?:上)?打开当前页",
    r"用微信扫描二维码",
    r"分享至好友和朋友圈",
)
#: labels of a metadata line; "date" labels carry the publication time, "source" the origin
META_LABELS: dict[str, str] = {
    "信息来源": "source", "文章来源": "source", "来源": "source",
    "发布日期": "date", "发布时间": "date", "发文日期": "date", "更新时间": "date",
    "更新日期": "date", "日期": "date", "时间": "date",
    "阅读量": "count", "阅读次数": "count", "点击量": "count", "点击数": "count",
    "点击次数": "count", "浏览次数": "count", "浏览量": "count", "访问量": "count",
    "作者": "other", "编辑": "other", "责任编辑": "other", "发布者": "other",
    "字号": "other", "分享": "other", "分享到": "other",
}
#: labels of a government information-disclosure metadata block; the kind says which value
#: is a fact (title, issuer, signed) and which is only furniture (doc)
DOC_LABELS: dict[str, str] = {
    "文件名称": "title", "标题": "title",
    "发布机构": "issuer", "发文机关": "issuer", "发文单位": "issuer", "发布单位": "issuer",
    "所属机构": "issuer",
    "成文日期": "signed", "成文时间": "signed",
    "索引号": "doc", "信息索引号": "doc", "索 引 号": "doc", "公开方式": "doc", "公开范围": "doc",
    "公开时限": "doc", "主题分类": "doc", "体裁分类": "doc", "组配分类": "doc", "服务对象分类": "doc",
    "主题词": "doc", "关键字": "doc", "文号": "doc", "发文字号": "doc", "有效性": "doc",
    "生效日期": "doc", "废止日期": "doc", "公开日期": "doc", "信息分类": "doc", "内容分类": "doc",
    "所属主题": "doc", "信息类别": "doc", "统一编号": "doc", "公开形式": "doc",
}


#: junk-line patterns that can match only a line holding one of these words: each is tried
#: alone, and only on such a line (they begin with no fixed character, so joined with the
#: others they were run on every line, where most of the line-by-line time went)
def _junk_line(start: str) -> str:
    return next(p for p in JUNK_LINES if p.startswith(start))


_JUNK_LINE_NEEDS: dict[str, tuple[str, ...]] = {
    _junk_line("(?:首页|网站首页)?"): (">", "›", "»"),  # the breadcrumb: at least one arrow
    _junk_line("(?:用|打开)?(?:微信|手机)?"): ("扫",),
    r".{0,40}(?:ICP备|公网安备).{0,60}": ("ICP备", "公网安备"),
    r"(?:评论\s*\d*|评论一下|最热评论|最新评论|请输入验证码|.{0,20}\d+条评论.{0,20})": ("评论", "请输入验证码"),
    r"(?:[^|｜\s]{2,8}\s*[|｜]\s*){2,}[^|｜\s]{2,8}": ("|", "｜"),  # the navigation bar
    _junk_line("[(（]?"): ("点击图片可查看大图",),  # a bracket begins many lines of text
}
_JUNK_LINE_RE = re.compile(r"(?:" + "|".join(p for p in JUNK_LINES if p not in _JUNK_LINE_NEEDS)
                           + r")")
_JUNK_LINE_GUARDED = tuple((words, re.compile(p)) for p, words in _JUNK_LINE_NEEDS.items())
#: any of those words (one scan of the line, instead of one per word)
_JUNK_LINE_WORDS = re.compile("|".join(sorted({re.escape(w) for ws in _JUNK_LINE_NEEDS.values()
                                                for w in ws}, key=len, reverse=True)))


def is_junk_line(line: str) -> bool:
    """Whether *line* (stripped, normalised) is page furniture alone: one of
    :data:`JUNK_LINES` matches it whole."""
    if _JUNK_LINE_RE.fullmatch(line):
        return True
    if _JUNK_LINE_WORDS.search(line) is None:
        return False
    return any(any(w in line for w in words) and rx.fullmatch(line)
               for words, rx in _JUNK_LINE_GUARDED)


#: every junk line not tried behind its words (:data:`_JUNK_LINE_NEEDS`) begins with one of
#: these characters, a digit or a blank (tests/test_fast_layout.py reads each pattern and checks
#: it): :func:`scan` passes over a line that begins otherwise (see :data:`_FURNITURE_FIRST`)
JUNK_LINE_FIRST = ("首当您所今阅点浏访分上下字【[打关返收纠加责编审校作供撰版主承技网欢设无长繁简手"
                   "登注智朗听|｜/标终初复相附已文声免▌共尾末" + string.ascii_letters)
#: every junk token begins with one of these (tests/test_boilerplate.py checks it): the
#: lookahead lets the scan skip, in one step, every character no token begins with
TOKEN_FIRST = "【[扫用分"
#: ... and with one of these words: a line without any of them holds no token and is not
#: scanned for one (用 and 分 are common characters, so the look-ahead alone still entered
#: the patterns all over a paragraph)
TOKEN_MARKS = ("【", "[", "扫一扫", "用微信", "分享至")
_TOKEN_MARK_RE = re.compile("|".join(map(re.escape, TOKEN_MARKS)))  # one scan, not five
_JUNK_TOKEN_RE = re.compile(r"(?=[" + re.escape(TOKEN_FIRST) + r"])(?:" + "|".join(JUNK_TOKENS)
                            + r")")
_LABELS = "|".join(sorted(META_LABELS, key=len, reverse=True))
_LABEL_RE = re.compile(rf"(?P<label>{_LABELS})\s*[:：]\s*")
_DOC_LABELS = "|".join(sorted(DOC_LABELS, key=len, reverse=True))
#: a metadata-block field: a label, a colon, maybe its value (several may share a line)
_DOC_FIELD_RE = re.compile(rf"(?P<label>{_DOC_LABELS})\s*[:：]\s*")
#: a breadcrumb before a title on the same line: "首页 > 巡视巡察 > 中共XX关于…的通报"
#: (each step read atomically, blanks possessive, as the breadcrumb junk line: a step of
#: blanks on both sides of its words was tried in every split, exponential in a long line)
_CRUMBS_RE = re.compile(r"(?:(?:当前位置|您的位置|您现在的位置|所在位置)\s*+[:：]?\s*+)?"
                        r"(?:首页|网站首页|主页)?\s*+"
                        r"(?>[>›»](?=[^>›»])\s*+(?:[^>›»\s](?:[^>›»]{0,18}[^>›»\s])?)?\s*+)*"
                        r"[>›»]\s*+")
_TITLE_LIKE = re.compile(r"(?:通报|报告|公告|公示|通告|情况|公开)$")
#: bullets that lead a line of page furniture
_BULLETS = "•●▪■◆►▶◇○"
_BULLET_RE = re.compile(rf"[{_BULLETS}]\s*")
#: Most lines are prose, and none of the tests of :func:`scan` can fire on a line unless it
#: begins with a bullet, a label (metadata line or block), a junk line's first character or a
#: digit (a timestamp, a pager), ends with a bracket (a trailing date) or holds a widget's mark,
#: a breadcrumb's arrow or a word of a junk line tried behind its words. A line that does none of
#: these is passed over with a set lookup and one scan, instead of a dozen patterns (the plain
#: loop is kept in tests/test_fast_layout.py; both must find the same furniture). A digit
#: followed by a list mark and no digit ("1.在…", "2、", "3)") begins no timestamp (4 digits,
#: or a dot then a digit) and no pager (no mark in it): such a line counts as one without a digit.
_FURNITURE_FIRST = frozenset(_BULLETS + JUNK_LINE_FIRST
                             + "".join(k[0] for k in META_LABELS) + "".join(k[0] for k in DOC_LABELS))
_FURNITURE_MARK = re.compile("|".join(sorted(
    {re.escape(w) for w in (*TOKEN_MARKS, ">", "›", "»")}
    | {re.escape(w) for ws in _JUNK_LINE_NEEDS.values() for w in ws}, key=len, reverse=True)))
_LIST_NUMBER = re.compile(r"\d{1,3}[.、)](?!\d)")
#: the value of a metadata field alone on its line is short and no sentence
_DOC_VALUE_MAX = 100
#: a publication date in brackets after a title: "…的通报（2024-07-26）"
_TRAILING_DATE_RE = re.compile(r"[(（]\s*(?P<date>(?:19|20)\d{2}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2})"
                               r"\s*[)）]$")
#: a day-first timestamp alone on its line: "14.10.2014  12:44"
_DAY_FIRST_RE = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})"
                           r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
#: the timestamp inside a date field: "2021-04-30 16:35", "2021- 06- 28 16: 53", "2021年2月10日"
_STAMP_RE = re.compile(r"(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?")
_TIME_RE = re.compile(r"\s*(?:\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?)?\s*")
_COUNT_VALUE_RE = re.compile(r"\d*\s*次?")
#: a metadata line is short; the body's "来源" in a sentence is not a metadata field
_META_MAX = 160
_SOURCE_MAX = 40
_SENTENCE_PUNCT = re.compile(r"[。，,；;！？]")


def scan(src: SourceText) -> Boilerplate:
    """Find page furniture and the metadata line in *src*; never raises."""
    spans: list[Span] = []
    published: DateFact | None = None
    source: TextFact | None = None
    doc: dict[str, TextFact] = {}
    pending: str | None = None  # a field label whose value is on the next line
    norm = src.norm
    for line in src.content_lines():
        content, stripped = line.span, line.text
        first = stripped[0]
        if (pending is None and first not in _FURNITURE_FIRST
                and (not first.isdecimal() or _LIST_NUMBER.match(stripped))
                and stripped[-1] not in ")）" and _FURNITURE_MARK.search(stripped) is None):
            continue  # prose (see _FURNITURE_FIRST): no test below can fire
        bullet = _BULLET_RE.match(stripped)
        if bullet is not None:
            spans.append(Span(content.start, content.start + bullet.end()))
            content = Span(content.start + bullet.end(), content.end)
            stripped = stripped[bullet.end():]
            if not stripped:
                continue
        if pending is not None:
            kind, pending = pending, None
            if _DOC_FIELD_RE.match(stripped) is None and len(stripped) <= _DOC_VALUE_MAX:
                spans.append(content)
                doc.setdefault(kind, TextFact(src.slice(content), content))
                continue
        fields = _doc_fields(src, content, stripped)
        if fields is not None:
            spans.append(content)
            for kind, fact in fields:
                if fact is None:
                    pending = kind
                else:
                    doc.setdefault(kind, fact)
            continue
        trailing = _TRAILING_DATE_RE.search(stripped) if stripped.endswith((")", "）")) else None
        if trailing is not None and len(stripped) <= _DOC_VALUE_MAX and trailing.start() > 0:
            at = content.start + trailing.start()
            spans.append(Span(at, content.end))
            d = content.start + trailing.start("date")
            published = published or _published(src, Span(d, d + len(trailing.group("date"))))
            stripped = stripped[:trailing.start()].rstrip()
            content = Span(content.start, content.start + len(stripped))
            if _TITLE_LIKE.search(stripped) and _CRUMBS_RE.match(stripped) is None:
                continue  # "…的通报（2024-07-26）": the title stays, the date is furniture
        crumbs = _CRUMBS_RE.match(stripped)
        if crumbs is not None and crumbs.end() < len(stripped) \
                and _TITLE_LIKE.search(stripped) and len(stripped) - crumbs.end() > 20:
            spans.append(Span(content.start, content.start + crumbs.end()))
            continue  # the title after the crumbs stays in the body
        day_first = _DAY_FIRST_RE.fullmatch(stripped)
        if day_first is not None:
            spans.append(content)
            published = published or _day_first(src, content, day_first)
            continue
        tokens = (list(_JUNK_TOKEN_RE.finditer(norm, line.line.start, line.line.end))
                  if _TOKEN_MARK_RE.search(line.text) else [])
        meta = _metadata_line(src, content, stripped, tokens)
        if meta is not None:
            spans.append(content)
            date, origin = meta
            published = published or date
            source = source or origin
            continue
        if is_junk_line(stripped) or (tokens and is_junk_line(_masked(stripped, content, tokens))):
            spans.append(content)  # furniture alone, or furniture once its widgets are out
            continue
        spans.extend(Span(m.start(), m.end()) for m in tokens)
    signed = doc.get("signed")
    return Boilerplate(spans=tuple(spans), published=published, source=source,
                       doc_title=doc.get("title"), doc_issuer=doc.get("issuer"),
                       doc_date=_published(src, signed.span) if signed else None)


def _masked(line: str, content: Span, tokens: list[re.Match]) -> str:
    """*line* with the widget *tokens* in it taken out (blanks at the ends stripped)."""
    parts, pos = [], content.start
    for m in tokens:
        parts.append(line[pos - content.start:max(pos, m.start()) - content.start])
        pos = max(pos, m.end())
    parts.append(line[pos - content.start:])
    return " ".join(p.strip() for p in parts if p.strip())


def _doc_fields(src: SourceText, content: Span,
                line: str) -> list[tuple[str, TextFact | None]] | None:
    """The fields of a metadata-block line ("索引号：…  主题分类：…", "• 文件名称:"), each
    (kind, value); a value None when the line ends with the label (the value follows on the
    next line). None when *line* is not such a line."""
    first = _DOC_FIELD_RE.match(line)
    if first is None or len(line) > _META_MAX:
        return None
    out: list[tuple[str, TextFact | None]] = []
    found = list(_DOC_FIELD_RE.finditer(line))
    for i, f in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(line)
        raw = line[f.end():end]
        value = raw.strip()
        kind = DOC_LABELS[f.group("label")]
        if not value:
            out.append((kind, None))
            continue
        at = content.start + f.end() + (len(raw) - len(raw.lstrip()))
        span = Span(at, at + len(value))
        out.append((kind, TextFact(src.slice(span), span)))
    return out


def _day_first(src: SourceText, content: Span, m: re.Match) -> DateFact | None:
    """A day-first timestamp ("14.10.2014  12:44") as the publication date."""
    import datetime as _dt

    try:
        value = _dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    span = Span(content.start, content.start + m.end("y"))
    return DateFact(value=value, text=src.slice(span), span=span)


def _metadata_line(src: SourceText, content: Span, line: str,
                   tokens: list[re.Match]) -> tuple[DateFact | None, TextFact | None] | None:
    """Read *line* as a metadata line, widgets ("【打印本页】【关闭窗口】") inside it left out;
    a line may also begin with the bare timestamp ("2021-12-31 10:20:00  浏览量:89")."""
    if tokens:
        chars = list(line)
        for m in tokens:
            lo, hi = m.start() - content.start, m.end() - content.start
            for i in range(max(0, lo), min(len(chars), hi)):
                chars[i] = " "
        masked = "".join(chars)
        lead = len(masked) - len(masked.lstrip())
        content = Span(content.start + lead, content.end)
        line = masked.strip()
        if not line:
            return None
    meta = _metadata(src, content, line)
    if meta is not None or len(line) > _META_MAX:
        return meta
    stamp = _STAMP_RE.match(line)
    if stamp is None:
        return None
    clock = _TIME_RE.match(line, stamp.end())
    rest = line[clock.end():]
    if rest:  # labelled fields must follow: "2021-12-31 10:20  浏览量:89"
        meta = _metadata(src, Span(content.start + clock.end(), content.end), rest)
        if meta is None:
            return None
    elif not any(ch.isdigit() for ch in clock.group()):
        return None  # a date alone on its line is a signature's, not a timestamp
    span = Span(content.start, content.start + len(stamp.group().rstrip()))
    return _published(src, span), meta[1] if meta else None


def _metadata(src: SourceText, content: Span,
              line: str) -> tuple[DateFact | None, TextFact | None] | None:
    """Read a metadata line ("来源:X 日期:Y 阅读量:Z"); None if *line* is not one."""
    if len(line) > _META_MAX or _LABEL_RE.match(line) is None:
        return None
    fields = list(_LABEL_RE.finditer(line))
    date: DateFact | None = None
    origin: TextFact | None = None
    kinds = set()
    for i, f in enumerate(fields):
        kind = META_LABELS[f.group("label")]
        kinds.add(kind)
        end = fields[i + 1].start() if i + 1 < len(fields) else len(line)
        value = line[f.end():end]
        v_start = f.end() + (len(value) - len(value.lstrip()))
        value = value.strip()
        if kind == "date":
            stamp = _STAMP_RE.match(value)
            if value and not (stamp and _TIME_RE.fullmatch(value, stamp.end())):
                return None  # "时间:" followed by prose is not a timestamp
            if stamp and date is None:
                at = content.start + v_start
                date = _published(src, Span(at, at + len(stamp.group().rstrip())))
        elif kind == "count":
            if not _COUNT_VALUE_RE.fullmatch(value):
                return None
        elif kind == "source":
            if len(value) > _SOURCE_MAX or _SENTENCE_PUNCT.search(value):
                return None
            if value and origin is None:
                at = content.start + v_start
                span = Span(at, at + len(value))
                origin = TextFact(src.slice(span), span)
    if kinds == {"other"}:
        return None  # "作者:…" alone is left to the junk-line patterns
    return date, origin


def _published(src: SourceText, span: Span) -> DateFact | None:
    """The publication date at *span*, parsed by the dates module."""
    from .dates import parse_date

    text = src.norm[span.start:span.end]
    try:
        parsed = parse_date(text)
    except Exception:  # a malformed stamp is a missing date, never a crash
        return None
    if parsed is None:
        return None
    return evolve(parsed, text=src.slice(span), span=span)
