"""The closing block: the issuing organisation's name and the date (成文日期).

The block is the last lines of the body (boilerplate already blanked): a line that holds
nothing but a date, and above it (blank lines allowed) a short line naming an organisation.
Either may be missing; a date inside the last prose sentence is not a signature.
"""

from __future__ import annotations

import re

from ..model import DateFact, Signature, Span, TextFact
from ..text import SourceText
from .dates import DateScan

__all__ = ["find_signature", "ORG_END"]

#: how an organisation's name ends
ORG_END = re.compile(
    r"(?:委员会|党委|党组|党工委|工委|纪委|监委|支部|总支|委|局|办公室|办|中心|政府|管委会"
    r"|公司|集团|学校|学院|大学|医院|院|厅|部|处|所|站|队|协会|联合会|社|街道|镇|乡)$")
#: an organisation line is a name, not a sentence or a heading
_NOT_ORG = re.compile(r"[。，,；;：:！？!?、（）()“”\"]|^\s*[一二三四五六七八九十0-9]+[、.]")
_ORG_MAX = 40
#: how far up from the end the closing block may start (non-blank lines)
_LOOKBACK = 3


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


def find_signature(body: SourceText, ds: DateScan, stop: int = 0) -> Signature:
    """The closing signature of *body*; nothing above offset *stop* (the title) is used."""
    content = body.content_lines()
    # the last lines below *stop* (those below it are a suffix of the lines)
    tail = [(ln.span, ln.text) for ln in content[-_LOOKBACK:] if ln.span.start >= stop]
    if not tail:
        return Signature()
    date: DateFact | None = None
    issuer: TextFact | None = None
    last_span, last_text = tail[-1]
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
