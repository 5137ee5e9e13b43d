"""Named checks of the REQ rules: the elements a rectification notice or report must carry.

A missing element has no place of its own; such findings point at the title, or at the first
line of the body when there is no title. REQ002 (issuer) and REQ009 (contact) are declarative
rules and need no check here.

REQ003, REQ004 and REQ005 claim absence only when it is absent: when a sentence looks as if it
stated the element (:mod:`.candidates`), they report the sentence at info level (the rule's
``[variants.unread]``) instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import GENRE_NAMES, Notice, Span
from ..text import SourceText, normalise
from . import CheckContext, Hit, anchor, last_line, register
from .candidates import body_candidate, feedback_candidate, period_candidate, quote
from .counts import fmt_num, provides

#: a title of the genre names the rectification, or at least the inspection
_GENRE_WORDS = ("整改", "巡察", "巡视")
#: progress wording that reports work still unfinished
_UNFINISHED = re.compile(r"纳入持续整改|持续整改|正在整改|正在推进整改|尚未完成|未完成整改|未整改到位")
_CLAUSE_END = re.compile(r"[,;。!?，；。！？\n]")
#: a labelled deadline: "完成时限：2021年3月31日", "整改时限:6月底前"
_DEADLINE_LABEL = re.compile(r"(?:完成|整改)(?:时限|期限)\s*+[:：]?\s*+$")  # possessive: linear
#: a dated "by …" followed by completion: "2021年7月底前完成", "6月30日前全部整改到位"
_DEADLINE_VERB = re.compile(r"\s*+(?:需|要|全部|基本)?\s*+(?:完成|整改到位|办结|销号)")  # possessive: linear
_TOTAL_QUANTITIES = ("problems", "tasks", "items")
#: a progress total is the problem total when it counts problems or tasks, or says not what
_PROGRESS_TOTALS = (None, "problems", "tasks", "items")


@register("title-recognisable")
@provides("detail")
def title_recognisable(ctx: CheckContext) -> Iterator[Hit]:
    """REQ001: no title, or a title that does not name a rectification notice / report."""
    title = ctx.notice.title
    if title is None:
        first = anchor(ctx.notice, ctx.src)
        seen = ctx.src.slice(first)
        seen = seen if len(seen) <= 30 else seen[:29] + "…"
        yield Hit(first, {"detail": f"首行为“{seen}”" if seen else "文本为空"})
    elif not any(w in normalise(title.text) for w in _GENRE_WORDS):
        yield Hit(title.span, {"detail": f"标题“{title.text}”未提及巡察（巡视）或整改"})


@register("inspection-body-named")
@provides("detail", "candidate", variants=("unread",))
def inspection_body_named(ctx: CheckContext) -> Iterator[Hit]:
    """REQ003: a mention whose ordinal is missing ("市委第巡察组"), or no body at all — unless
    a sentence names a 巡察组 with a date: then what could not be read, at info level."""
    insp = ctx.notice.inspection
    mentions = insp.mentions or ((insp.body,) if insp.body else ())
    if not mentions:
        seen = body_candidate(ctx.notice, ctx.src)
        if seen is not None:
            yield Hit(seen, {"candidate": quote(ctx.src, seen)}, variant="unread")
            return
        yield Hit(anchor(ctx.notice, ctx.src), {"detail": "全文未写明由哪一级哪个巡察（巡视）组开展"})
        return
    for m in mentions:
        if m.ordinal_missing:
            yield Hit(m.span, {"detail": f"“{m.raw}”中“第”字后缺少序号"})


@register("inspection-period-stated")
@provides("missing", "seen", "candidate", variants=("unread",))
def inspection_period_stated(ctx: CheckContext) -> Iterator[Hit]:
    """REQ004: the inspection's start or end date is not stated (a start with the length of
    the inspection, "自5月10日起…为期一个月", states the period too) — unless a sentence about
    the inspection holds a date range the parser did not read: then that, at info level."""
    insp = ctx.notice.inspection
    missing = [label for label, d in (("开始日期", insp.start), ("结束日期", insp.end)) if d is None]
    if not missing or (insp.start is not None and insp.duration is not None):
        return
    seen_at = period_candidate(ctx.notice, ctx.src)
    if seen_at is not None:
        yield Hit(seen_at, {"candidate": quote(ctx.src, seen_at)}, variant="unread")
        return
    span = insp.body.span if insp.body else anchor(ctx.notice, ctx.src)
    seen = f"，仅写明{'开始' if insp.start else '结束'}日期{(insp.start or insp.end).text}" \
        if len(missing) == 1 else ""
    yield Hit(span, {"missing": "和".join(missing), "seen": seen})


@register("feedback-date-stated")
@provides("candidate", variants=("unread",))
def feedback_date_stated(ctx: CheckContext) -> Iterator[Hit]:
    """REQ005: no feedback date — unless a sentence speaks of the feedback with a date the
    parser did not read as the feedback's: then that sentence, at info level."""
    if ctx.notice.feedback is not None:
        return
    seen = feedback_candidate(ctx.notice, ctx.src)
    if seen is not None:
        yield Hit(seen, {"candidate": quote(ctx.src, seen)}, variant="unread")
        return
    yield Hit(anchor(ctx.notice, ctx.src), {})


@register("problem-total-stated")
@provides("seen")
def problem_total_stated(ctx: CheckContext) -> Iterator[Hit]:
    """REQ006: no count of the problems (a problems / tasks / items count, or a progress total)."""
    n = ctx.notice
    if any(c.quantity in _TOTAL_QUANTITIES for c in n.declared):
        return
    if any(p.total is not None and p.quantity in _PROGRESS_TOTALS for p in n.progress):
        return
    others = "、".join(dict.fromkeys(c.text for c in n.declared))
    yield Hit(anchor(n, ctx.src), {"seen": f"（仅写明“{others}”）" if others else ""})


@register("progress-summary-stated")
@provides("listed")
def progress_summary_stated(ctx: CheckContext) -> Iterator[Hit]:
    """REQ007: no progress statement saying how many are completed or still ongoing."""
    n = ctx.notice
    if any(p.completed is not None or p.ongoing is not None for p in n.progress):
        return
    listed = len(n.leaves())
    yield Hit(anchor(n, ctx.src), {"listed": f"（正文列出{listed}个问题）" if listed else ""})


def _unfinished(n: Notice, src: SourceText) -> tuple[Span, str] | None:
    """The first statement that problems remain unfinished: (span, what it says)."""
    for p in n.progress:
        text = src.norm[p.span.start:p.span.end]
        # "正在整改0个": the statement's own ongoing figure says that nothing is open
        zero = p.ongoing.span if p.ongoing is not None and p.ongoing.value == 0 else None
        for m in _UNFINISHED.finditer(text):
            start = max((c.end() for c in _CLAUSE_END.finditer(text, 0, m.start())), default=0)
            end_m = _CLAUSE_END.search(text, m.end())
            end = end_m.start() if end_m else len(text)
            span = Span(p.span.start + start, p.span.start + end)
            if zero is not None and span.start <= zero.start and zero.end <= span.end:
                continue
            clause = text[start:end].strip()
            clause = clause if len(clause) <= 40 else "…" + clause[-39:]
            return span, f"进展称“{clause}”"
        if p.ongoing is not None and p.ongoing.value > 0:
            return p.ongoing.span, f"进展称{fmt_num(p.ongoing.value)}项正在整改"
    for leaf in n.leaves():
        if leaf.status == "ongoing":
            title = leaf.title if len(leaf.title) <= 20 else leaf.title[:19] + "…"
            return (leaf.status_span or leaf.title_span), f"问题“{title}”标注为正在整改"
    return None


def _has_deadline(n: Notice, src: SourceText) -> bool:
    if any(p.breakdown for p in n.progress):
        return True
    if any(leaf.deadline is not None for leaf in n.leaves()):
        return True
    norm = src.norm
    for d in n.dates:
        before = norm[max(0, d.span.start - 8):d.span.start]
        if _DEADLINE_LABEL.search(before):
            return True
        after = d.span.end + (norm[d.span.end:d.span.end + 1] == "前")
        if d.before and _DEADLINE_VERB.match(norm, after):
            return True
    return False


@register("unfinished-have-deadline")
@provides("unfinished")
def unfinished_have_deadline(ctx: CheckContext) -> Iterator[Hit]:
    """REQ008: problems reported unfinished and no completion deadline anywhere."""
    n = ctx.notice
    if n.truncated is not None:
        return  # "全文未写明" cannot be said of a text cut short (REQ012)
    found = _unfinished(n, ctx.src)
    if found is None or _has_deadline(n, ctx.src):
        return
    span, what = found
    yield Hit(span, {"unfinished": what})


@register("signature-complete")
@provides("missing")
def signature_complete(ctx: CheckContext) -> Iterator[Hit]:
    """REQ010: the closing block lacks the issuer, the date (成文日期), or both. A date line
    left blank ("2021年3月　　日") is no missing date: FMT004 reports the placeholder."""
    sig = ctx.notice.signature
    # a date left to be filled in ("2021年3月　　日") holds the date's place: FMT004 reports it
    date = sig.date or sig.date_placeholder
    missing = [label for label, v in (("发文机关署名", sig.issuer), ("成文日期", date))
               if v is None]
    if not missing or ctx.notice.truncated is not None:
        return  # a cut text lost its end: REQ012 says so once
    if date is not None:
        span = date.span
    elif sig.issuer is not None:
        span = sig.issuer.span
    else:
        span = last_line(ctx.src)
    yield Hit(span, {"missing": "和".join(missing)})


_NOT_NOTICES = ("news", "other")


@register("not-a-notice")
@provides("kind", "read")
def not_a_notice(ctx: CheckContext) -> Iterator[Hit]:
    """REQ011: the text is a news article or another page, not a notice or report: said once,
    with what was read (an auditor keeps it as data instead of a row of REQ findings)."""
    n = ctx.notice
    if n.genre not in _NOT_NOTICES:
        return
    kind = GENRE_NAMES[n.genre]
    if n.genre_signal is not None:
        kind += f"（见“{n.genre_signal.text}”）"
    read = []
    if n.title is not None:
        read.append(f"标题“{n.title.text}”")
    if n.inspection.body is not None:
        read.append(f"巡察（巡视）组“{n.inspection.body.raw}”")
    for label, d in (("反馈日期", n.feedback), ("发布日期", n.published)):
        if d is not None:
            read.append(f"{label}{d.text}")
    span = n.genre_signal.span if n.genre_signal is not None else anchor(n, ctx.src)
    yield Hit(span, {"kind": kind, "read": "读到" + "、".join(read) if read
                     else "未读到标题、巡察（巡视）组或日期"})


@register("text-complete")
@provides("tail")
def text_complete(ctx: CheckContext) -> Iterator[Hit]:
    """REQ012: the text stops mid-sentence (a cut page excerpt)."""
    cut = ctx.notice.truncated
    if cut is not None:
        yield Hit(cut.span, {"tail": cut.text.strip().lstrip(",，、;；:： ") or cut.text})
