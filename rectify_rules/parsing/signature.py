"""The closing block: the issuing organisation's name and the date (成文日期).

The block is the last lines of the body (boilerplate already blanked): a line that holds
nothing but a date, and above it (blank lines allowed) a short line naming an organisation.
Either may be missing; a date inside the last prose sentence is not a signature. A date line
left to be filled in ("2021年3月　　日", "2021年X月X日") is kept as ``date_placeholder``: the
line holds the signing date's place, and the issuer above it is read as usual. What
GB/T 9704 and web pages put below the date is skipped: the 附注 "（此件公开发布）", a
"（联系人：…）" note, and an attachment list ("附件：1.…" with its items).
"""

from __future__ import annotations

import re

from ..model import DateFact, Signature, Span, TextFact
from ..text import SourceText
from .dates import DateScan

__all__ = ["find_signature", "ORG_END"]

#: how an organisation's name ends
ORG_END = re.compile(
    r"(?:委员会|党委|党组|党工委|工委|纪委|监委|支部|总支|委|局|办公室|办|中心|政府|管委会|领导小组"
    r"|公司|集团|学校|学院|大学|医院|院|厅|部|处|所|站|队|协会|联合会|社|街道|镇|乡)$")
#: an organisation line is a name, not a sentence or a heading
_NOT_ORG = re.compile(r"[。，,；;：:！？!?、（）()“”\"]|^\s*[一二三四五六七八九十0-9]+[、.]")
_ORG_MAX = 40
#: a signing date left blank or marked X ("2021年3月　　日", "2021年X月X日", "　　年　月　日")
#: alone at the end of its line (the organisation may stand before it)
_BLANK = r"(?:[ ]{1,4}|[Xx×]{1,4})"
_PLACEHOLDER = re.compile(
    rf"(?P<y>(?:19|20)[0-9]{{2}}|[〇零一二三四五六七八九]{{4}}|{_BLANK})?[ ]*年"
    rf"(?P<m>[ ]*(?:[0-9]{{1,2}}|[一二三四五六七八九十]{{1,2}})[ ]*|{_BLANK})月"
    rf"(?P<d>[ ]*(?:[0-9]{{1,2}}|[一二三四五六七八九十]{{1,3}})[ ]*|{_BLANK})日$")
_FILLED = re.compile(r"[ ]*[0-9一二三四五六七八九十〇零]+[ ]*")


def _placeholder(text: str) -> re.Match | None:
    """A signing date with a part left blank or marked X, ending *text*."""
    m = _PLACEHOLDER.search(text)
    if m is None:
        return None
    parts = (m.group("y") or "", m.group("m"), m.group("d"))
    return None if all(_FILLED.fullmatch(p) for p in parts) else m


#: how far up from the end the closing block may start (non-blank lines)
_LOOKBACK = 3
#: lines below the date that are no part of the signature: a bracketed note ("（此件公开发布）",
#: "（联系人：…）"), an attachment line ("附件：…", "附件2"), and the short lines listing the
#: attachments after it
_NOTE = re.compile(r"^[(（][^()（）]{1,40}[)）]$")
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*(?:[:：]|$)")
_ATTACHMENT_ITEM_MAX = 60
#: how many lines below the date are looked at for such notes
_NOTES_MAX = 6


def _is_org(text: str) -> bool:
    return (2 <= len(text) <= _ORG_MAX and not _NOT_ORG.search(text)
            and ORG_END.search(text) is not None)


def _date_line(ds: DateScan, span: Span, text: str) -> tuple[DateFact, str] | None:
    """The date that makes up the whole line (an organisation may precede it)."""
    dates = ds.within(span)
    if len(dates) != 1:
        return None
    d = dates[0]
    rel_start, rel_end = d.span.start - span.start, d.span.end - span.start
    if text[rel_end:].strip():
        return None
    return d, text[:rel_start].strip()


def _notes_start(ds: DateScan, lines: list) -> int:
    """Where the notes below the signature date begin in *lines*: right after the last date
    line when nothing but notes follows it, else ``len(lines)`` (nothing is left out)."""
    for k in range(len(lines) - 1, -1, -1):
        if _date_line(ds, lines[k].span, lines[k].text) is not None:
            break
    else:
        return len(lines)
    attachment = False
    for ln in lines[k + 1:]:
        if _ATTACHMENT.match(ln.text):
            attachment = True
        elif not (_NOTE.match(ln.text) or (attachment and len(ln.text) <= _ATTACHMENT_ITEM_MAX
                                            and "。" not in ln.text)):
            return len(lines)  # something else follows the date: it is not the closing block
    return k + 1


def find_signature(body: SourceText, ds: DateScan, stop: int = 0) -> Signature:
    """The closing signature of *body*; nothing above offset *stop* (the title) is used."""
    content = body.content_lines()
    # the last lines below *stop* (those below it are a suffix of the lines), notes below the
    # date left out
    window = [ln for ln in content[-(_LOOKBACK + _NOTES_MAX):] if ln.span.start >= stop]
    window = window[:_notes_start(ds, window)]
    tail = [(ln.span, ln.text) for ln in window[-_LOOKBACK:]]
    if not tail:
        return Signature()
    date: DateFact | None = None
    issuer: TextFact | None = None
    last_span, last_text = tail[-1]
    blank = _placeholder(last_text)
    if blank is not None:  # "2021年3月　　日": the date is still to be filled in
        span = Span(last_span.start + blank.start(), last_span.start + blank.end())
        before = last_text[:blank.start()].strip()
        if before and _is_org(before):
            org = Span(last_span.start, last_span.start + len(before))
            issuer = TextFact(body.slice(org), org)
        elif not before and len(tail) >= 2 and _is_org(tail[-2][1]):
            issuer = TextFact(body.slice(tail[-2][0]), tail[-2][0])
        return Signature(issuer=issuer, date_placeholder=TextFact(body.slice(span), span))
    found = _date_line(ds, last_span, last_text)
    if found is not None:
        date, before = found
        if before:
            if _is_org(before):
                start = last_span.start
                span = Span(start, start + len(before))
                issuer = TextFact(body.slice(span), span)
        elif len(tail) >= 2 and _is_org(tail[-2][1]):
            span = tail[-2][0]
            issuer = TextFact(body.slice(span), span)
    elif _is_org(last_text) and len(tail) > 1:
        issuer = TextFact(body.slice(last_span), last_span)
    return Signature(issuer=issuer, date=date)
