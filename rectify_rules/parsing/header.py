"""The header facts of a notice: title, genre, issuer, addressee, inspection, feedback,
signature and stated durations.

Reads the body with boilerplate already blanked (see :mod:`.boilerplate`), the dates found
by :mod:`.dates`, and the boilerplate scan (for the publication date). Lines are taken from
the normalised view; every fact's text is the ORIGINAL text at its span.

- title: the first line(s) before the first prose paragraph that end like a title
  (…通报 / …报告 / …公告 / …情况) and name the subject (整改 / 巡察 / 巡视). A title wrapped
  over up to three lines (blank lines between allowed) is joined without the breaks.
- addressee: a short line ending with a colon right after the title ("区委第二巡察组：").
- opening paragraph: the first paragraph after the header that speaks of 巡察 / 巡视; the
  inspecting bodies and the kind are taken from it, the period (:mod:`.period`) from it and
  the paragraphs after it.
- feedback: the date of the clause that tells of the feedback as an event (:mod:`.feedback`),
  never a date of the inspection period.
"""

from __future__ import annotations

import re

from attrs import frozen

from ..model import (DateFact, Duration, Genre, Inspection, Signature, Span, TextFact)
from ..text import Line, SourceText, normalise
from .boilerplate import Boilerplate
from .dates import DateScan
from .feedback import after_inspection, find_feedback
from .inspection import find_bodies, find_durations, find_kind, opening_bodies
from .period import read_period
from .signature import ORG_END, find_signature
from .starts import matches_at, word_starts

__all__ = ["Header", "parse_header"]


@frozen
class Header:
    title: TextFact | None = None
    genre: Genre = "unknown"
    issuer: TextFact | None = None
    addressee: TextFact | None = None
    inspection: Inspection = Inspection()
    feedback: DateFact | None = None
    signature: Signature = Signature()
    durations: tuple[Duration, ...] = ()


#: how a title ends (an issue number in brackets may follow: "…的通报（第1期）")
_TITLE_END = re.compile(
    r"(?:通报|报告|公告|公示|通告|情况|公开)(?:\s*[(\[【][^)\]】]{0,20}[)\]】])?$")
_TITLE_SUBJECT = re.compile(r"整改|巡察|巡视")
#: a title line that ends like this goes on in the next line
_UNFINISHED = re.compile(r"(?:关于|的|和|及|与|对|暨|、|落实)$")
_TITLE_MAX = 100
_TITLE_LINES = 3
#: lines looked at for a title before giving up
_HEAD_LINES = 8
_PROSE = re.compile(r"[。;!?]|[:,]$")
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[、.])")
_PROSE_MIN = 80
_ADDRESSEE = re.compile(r"^(?P<name>[^。,;!?:]{2,40}?)\s*:$")
#: labels that end with a colon but address nobody
_NOT_ADDRESSEE = re.compile(r"联系|电话|邮箱|地址|附件|整改|情况|措施|成效|问题|如下")
_TO_INSPECTORS = re.compile(r"巡察组|巡视组|巡察办|巡视办|巡察工作领导小组|巡视工作领导小组")
_REPORT_TITLE = re.compile(r"报告")
_NOTICE_TITLE = re.compile(r"通报|公告|公示|通告|公开")
_PUBLIC = re.compile(r"欢迎(?:广大)?[^。]{0,20}监督|接受[^。]{0,20}监督|予以公布|予以公开|"
                     r"现将[^。]{0,30}(?:公布|公开|通报)")
#: what every _PUBLIC match starts with (_PUBLIC.search: tried only there)
_PUBLIC_FIRST = ("欢迎", "接受", "予以", "现将")
_ABOUT = "关于"
_SUBJECT = re.compile(r"巡察|巡视")
_BLANKS = re.compile(r"\s+")
_PARAGRAPH_LINES = 6
#: a line ending like this closes its paragraph (no wrapped continuation)
_RUN_ON_STOP = re.compile(r"[。:;!?]$")
_OPENING_SEARCH = 4
_FEEDBACK_SEARCH = 5
#: the paragraphs the opening and the feedback are looked for in, and the lines they can take
#: up after the title and the addressee: the header never reads further down
_PARAGRAPHS_READ = _OPENING_SEARCH + _FEEDBACK_SEARCH
_LINES_READ = _HEAD_LINES + _TITLE_LINES + 1 + _PARAGRAPHS_READ * _PARAGRAPH_LINES


def _is_prose(text: str) -> bool:
    return bool(_PROSE.search(text)) or len(text) > _PROSE_MIN or bool(_MARKER.match(text))


def _is_title(text: str) -> bool:
    return bool(_TITLE_END.search(text) and _TITLE_SUBJECT.search(text))


def _continues(head: str, nxt: str) -> bool:
    """Does *nxt* carry on the title begun by *head*? Yes when *head* is unfinished ("…党工委
    关于"), when it names an organisation and *nxt* starts with "关于", and when *head* already
    holds "关于" without being a whole title ("…党组关于县委巡察" + "整改进展情况的通报") —
    unless *nxt* has its own "关于" (a title has one: "关于我们" is a page link)."""
    return (bool(_UNFINISHED.search(head))
            or (nxt.startswith(_ABOUT) and bool(ORG_END.search(head)))
            or (_ABOUT in head and _ABOUT not in nxt and not _is_title(head)))


def _title_at(lines: list[Line], i: int, memo: dict[int, list[Line]] | None = None) -> list[Line]:
    """The lines of the title that starts at ``lines[i]`` (empty if none does). Each start
    is worked out once (*memo*): asking again for every later line that could start a title
    made a run of short lines exponential."""
    memo = {} if memo is None else memo
    if i not in memo:
        memo[i] = _title_from(lines, i, memo)
    return memo[i]


def _title_from(lines: list[Line], i: int, memo: dict[int, list[Line]]) -> list[Line]:
    parts = [lines[i]]
    while True:
        joined = "".join(p.text for p in parts)
        if len(joined) > _TITLE_MAX:
            return []
        if _is_title(joined):
            return parts
        k = i + len(parts)
        if len(parts) == _TITLE_LINES or k >= len(lines):
            return []
        nxt = lines[k]
        if _is_prose(nxt.text) or nxt.no - parts[-1].no > 2:
            return []
        if not _continues(joined, nxt.text) and _title_at(lines, k, memo):
            return []  # a title starts at the next line: this line is not part of it
        parts.append(nxt)


def _find_title(lines: list[Line]) -> list[Line]:
    """The lines of the title (empty if none is recognised)."""
    memo: dict[int, list[Line]] = {}
    for i, first in enumerate(lines[:_HEAD_LINES]):
        if _is_prose(first.text):
            break
        parts = _title_at(lines, i, memo)
        if parts:
            return parts
    return []


def _fact(body: SourceText, pieces: list[Span]) -> TextFact:
    """A fact spanning *pieces* (lines); its text is their original text, joined."""
    text = "".join(body.slice(p).strip() for p in pieces)
    return TextFact(text, Span(pieces[0].start, pieces[-1].end))


def _issuer_from_title(body: SourceText, parts: list[Line]) -> TextFact | None:
    """The organisation written before "关于" in the title."""
    pieces: list[Span] = []
    for p in parts:
        at = p.text.find(_ABOUT)
        if at < 0:
            pieces.append(p.span)
            continue
        prefix = p.text[:at].rstrip()
        if prefix:
            pieces.append(Span(p.span.start, p.span.start + len(prefix)))
        if not pieces:
            return None
        fact = _fact(body, pieces)
        return fact if 2 <= len(fact.text) <= 50 else None
    return None


def _issuer_of(title: TextFact) -> TextFact | None:
    """The organisation before "关于" in a title given on one line (a metadata value)."""
    at = normalise(title.text).find(_ABOUT)
    prefix = title.text[:at].rstrip() if at > 0 else ""
    if not 2 <= len(prefix) <= 50:
        return None
    span = Span(title.span.start, title.span.start + len(prefix))
    return TextFact(prefix, span)


def _paragraphs(lines: list[Line], limit: int) -> list[Span]:
    """The first *limit* paragraph spans: a line, plus following lines while a sentence runs
    on (wrapped text)."""
    out: list[Span] = []
    i = 0
    while i < len(lines) and len(out) < limit:
        span = lines[i].span
        j = i
        while (j + 1 < len(lines) and j - i + 1 < _PARAGRAPH_LINES
               and lines[j + 1].no == lines[j].no + 1
               and not _RUN_ON_STOP.search(lines[j].text)
               and not _MARKER.match(lines[j + 1].text)
               and len(lines[j].text) > 20):
            j += 1
            span = span.cover(lines[j].span)
        out.append(span)
        i = j + 1
    return out


def _genre(title: TextFact | None, addressee: TextFact | None, body: SourceText) -> Genre:
    # matched on the folded text ("報告", "巡視組" read as "报告", "巡视组")
    title_text = normalise(title.text) if title is not None else ""
    if _REPORT_TITLE.search(title_text):
        return "report"
    if addressee is not None and _TO_INSPECTORS.search(normalise(addressee.text)):
        return "report"
    if _NOTICE_TITLE.search(title_text):
        return "notice"
    if next(matches_at(_PUBLIC, body.norm, word_starts(body.norm, _PUBLIC_FIRST)), None):
        return "notice"
    return "unknown"


def _inspection(body: SourceText, dates: DateScan, bp: Boilerplate, title: TextFact | None,
                paragraphs: list[Span], opening: Span | None
                ) -> tuple[Inspection, tuple[Duration, ...], DateFact | None]:
    """The inspection (bodies, kind, period, duration), the stated durations and the feedback
    date, read from the opening paragraphs (see :mod:`.period` and :mod:`.feedback`)."""
    mentions = find_bodies(body)
    if opening is None:
        return (Inspection(body=mentions[0] if mentions else None, mentions=mentions,
                           bodies=mentions[:1]), find_durations(body, (), dates), None)
    start_at = paragraphs.index(opening) if opening in paragraphs else 0
    header = paragraphs[start_at:start_at + _OPENING_SEARCH]
    bodies = opening_bodies(mentions, opening) or mentions[:1]
    kind = find_kind(body, opening)
    if kind is None and title is not None:
        kind = find_kind(body, title.span)
    period = read_period(body, dates, header, opening_bodies(mentions, opening.cover(header[-1])))
    durations = find_durations(body, (opening,), dates)
    duration = next((d for d in durations if d.subject == "inspection"
                     and _measures(d, period, opening)), None)
    excluded = {d.span for d in (period.start, period.end) if d is not None}
    feedback = find_feedback(body, dates, paragraphs[start_at:start_at + _FEEDBACK_SEARCH],
                             excluded)
    if feedback is not None:
        feedback = after_inspection(feedback, period.end, bp.published)
    inspection = Inspection(body=bodies[0] if bodies else None, mentions=mentions, bodies=bodies,
                            kind=kind, start=period.start, end=period.end, duration=duration)
    return inspection, durations, feedback


def _measures(d: Duration, period, opening: Span) -> bool:
    """Does the inspection duration *d* measure the period? Its own range is the period's, or
    it has none and stands in the period's sentence (else, without a sentence, the opening)."""
    if d.range is not None:
        return period.range is not None and d.range.span == period.range.span
    where = period.sentence or opening
    return where.contains(d.span) or opening.contains(d.span)


def _squeeze(text: str) -> str:
    return _BLANKS.sub("", text)


def _after_repeats(lines: list[Line], title: str) -> list[Line]:
    """*lines* without the leading lines that repeat the title: pages print it twice, once
    whole and once split into the issuer and the "关于…" line ("中共XX党组" + "关于…的通报")."""
    want = _squeeze(normalise(title))
    k = 0
    while k < min(len(lines), 2 * _TITLE_LINES) and len(_squeeze(lines[k].text)) >= 2 \
            and _squeeze(lines[k].text) in want:
        k += 1
    return lines[k:]


def parse_header(body: SourceText, dates: DateScan, bp: Boilerplate) -> Header:
    """Title, genre, issuer, addressee, inspection, feedback, signature, durations."""
    lines = list(body.content_lines()[:_LINES_READ])
    if not lines:
        return Header()
    title_lines = _find_title(lines)
    title = _fact(body, [p.span for p in title_lines]) if title_lines else None
    rest = lines[lines.index(title_lines[-1]) + 1:] if title_lines else lines
    if title is not None:
        rest = _after_repeats(rest, title.text)
    elif bp.doc_title is not None and _is_title(_squeeze(normalise(bp.doc_title.text))):
        title = bp.doc_title  # the metadata block's 文件名称; the text repeats it or not
        rest = _after_repeats(rest, title.text)

    addressee = None
    m = _ADDRESSEE.match(rest[0].text) if rest else None
    if m and not _NOT_ADDRESSEE.search(m.group("name")):
        span = Span(rest[0].span.start, rest[0].span.start + len(m.group("name")))
        addressee = TextFact(body.slice(span), span)
        rest = rest[1:]

    paragraphs = _paragraphs(rest, _PARAGRAPHS_READ)
    opening = next((p for p in paragraphs[:_OPENING_SEARCH]
                    if _SUBJECT.search(body.norm, p.start, p.end)),
                   paragraphs[0] if paragraphs else None)

    inspection, durations, feedback = _inspection(body, dates, bp, title, paragraphs, opening)

    stop = title.span.end if title else 0
    if addressee is not None:
        stop = addressee.span.end
    signature = find_signature(body, dates, stop=stop)
    if signature.date is None and bp.doc_date is not None:
        signature = Signature(issuer=signature.issuer, date=bp.doc_date)  # 成文日期
    issuer = _issuer_from_title(body, title_lines) if title_lines else None
    if issuer is None and title is not None and title is bp.doc_title:
        issuer = _issuer_of(title)
    if issuer is None:
        issuer = signature.issuer or bp.doc_issuer
    return Header(title=title, genre=_genre(title, addressee, body), issuer=issuer,
                  addressee=addressee, inspection=inspection, feedback=feedback,
                  signature=signature, durations=durations)
