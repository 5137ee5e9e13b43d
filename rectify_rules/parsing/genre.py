"""What kind of text this is: a notice or report of the genre, a news article, another page.

The header decides between notice and report (:func:`.header.parse_header`). A text that is
neither is told apart here, after the header and the counts are read:

- **news**: an article about an inspection or a rectification. It has no title of the genre
  (a title naming 整改), no "现将…予以公布", and at least one mark of journalism in its first
  paragraphs: a dateline ("本报讯", "新华社北京10月10日电", "XX网7月29日讯"), "记者",
  "通讯员", "原标题", "据XX报道", or a lead that dates a meeting or a visit ("3月23日下午，…召开",
  "近日，…进驻"). The mark found is kept as the genre's signal.
- **other**: a text about rectification that has nothing of a notice's form — no title of
  the genre (naming 整改 and read as a document's title: "关于…", "…的通报"), no "予以公布",
  no signature and no contact details — such as an article headed "…开展巡察整改专项督查"; a
  page that names no inspecting body, no feedback date, no numbered outline, no
  count and no progress, and has no title of the genre or no sentence under it: an index page
  (a section heading over a list of links), an essay, an error page. So is a text that never
  speaks of rectification (no 整改 anywhere): an inspection's announcement (巡察公告: the
  group, its dates, where to send complaints), a notice of a feedback meeting. A notice or a
  report of rectification says 整改 in every form the genre takes.

Precision first: a notice whose title names 整改 or that says it publishes ("予以公布") is never
news, whatever its lead looks like.
"""

from __future__ import annotations

import re

from ..model import Genre, Node, TextFact
from ..text import SourceText, normalise

__all__ = ["classify"]

_NEWS_MARK = re.compile(
    r"本报讯|本刊讯|记者|通讯员|原标题|新华社|中新社"
    r"|据[^。,;\n]{1,12}?(?:报道|消息)"
    r"|[^\s。,;:]{1,10}(?:网|报|台|社)(?:[^\s。,;:]{1,8})?\d{1,2}月\d{1,2}日(?:讯|电|消息)"
    r"|[^\s。,;:]{1,10}(?:网|报|台)(?:讯|报道)\s*[:：(]")
_NEWS_LEAD = re.compile(
    r"(?:\d{1,2}月\d{1,2}日|近日|日前|近期|今天|昨天|当天)(?:上午|下午|晚上?)?\s*[,，]?"
    r"[^。]{0,60}?(?:召开|举行|听取|进驻|督查|调研|约谈|反馈|动员|部署|来到|前往)")
#: a title of the genre: it names the rectification
_GENRE_TITLE = re.compile(r"整改")
#: ... and reads as a document's title ("关于…", "…的通报", "…整改落实情况"), not as a
#: headline of news ("向阳区开展巡察整改专项督查")
_DOC_TITLE = re.compile(r"关于|(?:通报|报告|情况|公开|公示|公告|说明)\s*(?:[(（【\[][^)）】\]]{0,20}[)）】\]])?$")
_PUBLISHES = re.compile(r"予以公布|予以公开|现将[^。]{0,30}(?:公布|公开|通报)|向社会公开")
_SENTENCE = re.compile(r"[。!?；;]")
#: how much of the text the marks are looked for in
_NEWS_HEAD = 400
#: the lead is the first paragraph of some length (a title line may come before it)
_LEAD_MIN = 30
_LEADS = 2


def classify(body: SourceText, genre: Genre, title: TextFact | None, has_body: bool,
             has_feedback: bool, outline: tuple[Node, ...],
             has_counts: bool, closed: bool = True) -> tuple[Genre, TextFact | None]:
    """The genre (news / other, else *genre* as the header found it) and its signal.
    *closed*: the text ends as a notice does, with a signature or contact details."""
    lines = body.content_lines()
    # nothing of the genre, or a heading over no prose (an index page)
    bare = not (has_body or has_feedback or outline or has_counts) and (
        title is None or not any(_SENTENCE.search(ln.text) for ln in lines))
    shown = normalise(title.text) if title is not None else ""
    genre_title = bool(_GENRE_TITLE.search(shown) and _DOC_TITLE.search(shown))
    if genre == "report" or (not bare and genre_title):
        return genre, None
    norm = body.norm
    if not _GENRE_TITLE.search(norm):  # nothing of rectification: another kind of text
        mark = _NEWS_MARK.search(norm, 0, min(len(norm), _NEWS_HEAD))
        return ("news", _fact(body, mark.start(), mark.end())) if mark else ("other", None)
    if _PUBLISHES.search(norm):
        return genre, None
    start = lines[0].span.start if lines else 0
    head_end = min(len(norm), start + _NEWS_HEAD)
    mark = _NEWS_MARK.search(norm, start, head_end)
    if mark is None:
        for first in [ln for ln in lines if len(ln.text) > _LEAD_MIN][:_LEADS]:
            mark = _NEWS_LEAD.match(norm, first.span.start, first.span.end)
            if mark is not None:  # the dated lead itself, not the whole clause
                end = min(mark.end(), mark.start() + 12)
                return "news", _fact(body, mark.start(), end)
    if mark is not None:
        return "news", _fact(body, mark.start(), mark.end())
    if bare or not (genre_title or closed):
        # no title of the genre, no "予以公布", no signature, no contact: an article about
        # rectification (a headline such as "…开展巡察整改专项督查"), not a notice of it
        return "other", None
    return genre, None


def _fact(body: SourceText, start: int, end: int) -> TextFact:
    from ..model import Span

    span = Span(start, end)
    return TextFact(body.slice(span), span)
