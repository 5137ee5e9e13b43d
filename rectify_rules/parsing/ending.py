"""Does the text visibly stop mid-sentence? Page excerpts often do.

A text is cut when it has no closing block (no signature name or date) and its last line
ends in the middle of a sentence: not with sentence-final punctuation (。！？；…, a closing
quote or bracket), not with a date, not inside the contact block, not with a closing
formula ("特此通报"), and not in an attachment list, a copy line or a print line ("附件：…",
"附：…", "抄送：…", "…印发"), which close a document without punctuation. A page's "相关链接"
heading after the text (its links not extracted) is not the text's last line. A repost site's own mark of an excerpt ("……省略330字……", "还剩17页未读",
"阅读全文") makes it cut wherever it stands. The finding then points at the last words read;
the elements that stand at the end of a notice (contact, signature) are not reported missing
(REQ009, REQ010), nor a deadline "全文" lacks (REQ008), nor is the list of problems compared
with the count (CNT001).
"""

from __future__ import annotations

import re

from ..model import Contact, Signature, Span, TextFact
from ..text import SourceText

__all__ = ["find_cut"]

#: what a complete text ends with (normalised view: full-width punctuation folded)
_FINAL = re.compile(r"[。.!?;…”’\"')）\]】》>]$")
_CLOSING = re.compile(r"(?:特此(?:通报|公告|报告|说明)|此件公开发布|以上报告|以上情况)$")
_DATE_END = re.compile(r"(?:\d{1,2}\s*日|\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}"
                       r"|[〇○零一二三四五六七八九十]日)$")
#: an excerpt marked as such by the site that cut it (each branch starts with its own
#: character: the engine then skips ahead to those characters instead of trying every place)
_EXCERPT_MARK = re.compile(r"省略\d+字|还剩\d+页未读|阅读全文|查看全文|余下全文|\(未完[^)]{0,6}\)"
                           r"|正式会员可完整阅读")
_TAIL = 12
#: the closing blocks of an official document that end without punctuation (GB/T 9704 7.3.4,
#: 8.2): an attachment list ("附件：…", "附件1：…", items below it), a copy line ("抄送：…"),
#: a print line ("…办公室　2021年6月1日印发")
_END_BLOCK = re.compile(r"^\s*+(?:附件?\s*+[0-9一二三四五六七八九十]*+\s*+[:：]|(?:抄送|主送|报送)\s*+[:：])"
                        r"|印发$")  # possessive runs: linear
#: a page's heading over links its extraction left out ("相关链接"), after the text
_LINKS_HEADING = re.compile(r"\s*+(?:相关|更多|推荐)(?:链接|文章|阅读|新闻|信息|文件|内容)\s*+[:：]?\s*+")
#: how many last lines an attachment list may take
_END_BLOCK_LINES = 6


def find_cut(body: SourceText, signature: Signature, contact: Contact) -> TextFact | None:
    """The last words of a text that stops mid-sentence; None when it ends properly."""
    lines = body.content_lines()
    if not lines:
        return None
    norm = body.norm
    mark = _EXCERPT_MARK.search(norm)
    if mark is not None:
        return _tail(body, Span(mark.start(), mark.end()))
    if (signature.issuer is not None or signature.date is not None
            or signature.date_placeholder is not None):  # a date line still to be filled in
        return None
    while len(lines) > 1 and _LINKS_HEADING.fullmatch(lines[-1].text):
        lines = lines[:-1]
    last = lines[-1]
    if _FINAL.search(last.text) or _CLOSING.search(last.text) or _DATE_END.search(last.text):
        return None
    if any(_END_BLOCK.search(ln.text) for ln in lines[-_END_BLOCK_LINES:]):
        return None
    if contact.span is not None and contact.span.end >= last.span.start:
        return None
    if any(p.span.end >= last.span.start for p in contact.phones + contact.emails):
        return None
    return _tail(body, last.span)


def _tail(body: SourceText, span: Span) -> TextFact:
    start = max(span.start, span.end - _TAIL)
    tail = Span(start, span.end)
    return TextFact(body.slice(tail), tail)
