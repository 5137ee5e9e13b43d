"""Progress statements: "截至目前,巡察反馈的25项整改任务已按期完成17项,正在整改事项8项(其中…)".

Every statement is kept separately — a notice can state two that disagree (CNT003 compares
them). A statement is one sentence holding at least one classified figure: completed
("已整改8个问题", "8个问题已整改到位"), ongoing ("正在整改事项8项", "3个问题纳入持续整改",
"剩余2项正在推进", "正在推进整改1个", "其余2项正在有序推进", "尚未完成1项"), other ("基本完成2项",
"2个问题需长期坚持、持续整改") or a rate ("整改完成率达100%").
Figures are counted items only (个/项/条/件), so amounts ("已整改退缴16.25万元") and objects
("完成2条道路的财审") are not progress. The total is the count stated before those figures in
the same sentence ("25项整改任务", "反馈的11个问题", "共15项", "整改任务32项") — never borrowed
from another sentence. Deadline parts ("2021年5月底前需完成整改1项") come from the DateScan and are kept
out of the completed figure.

A completion rate gets its numbers from its statement (:func:`link_rates`): completed over
the total, or — when the statement states no total — completed over completed + ongoing
("已完成整改4项，正在整改1项，完成率为90%": 4/5).
"""

from __future__ import annotations

import re

from attrs import evolve

from ..model import DateFact, DeadlinePart, Figure, Percentage, Progress, Span
from ..text import SourceText
from .counts import DEC, NUM, Clauses, number_value
from .numerals import CN_NUM_CHARS

_UNIT = r"[个项条件]"
_NOUN = r"(?:具体)?(?:整改)?(?:问题|任务|事项|措施)"
#: 已, also when written 己 (a common slip: read it; FMT005 reports it)
_YI = r"[已己]"
#: the figure may not be followed by an object noun ("完成2条道路"): only a problem noun,
#: a clause end, or a status word
_AFTER_OK = (r"(?=\s*(?:$|[,;:。!?、()（）]|已|己|均|正|纳入|持续|尚|未|仍|整改|基本|需|按|申请|部分"
             r"|延期))")
#: how "正在…" may be qualified: "正在有序推进", "正按计划有序推进", "正在推进整改"
_MANNER = r"(?:有序|加紧|抓紧|积极|稳步|按计划|按时序|持续|全力)"
_ONGOING_VERB = (rf"(?:正(?:在)?{_MANNER}{{0,2}}(?:整改|推进|落实|办理)(?:整改)?中?|持续整改"
                 r"|未到(?:整改)?时限|尚未(?:完成|整改)(?:整改|到位)?|未完成(?:整改)?|未整改(?:到位)?"
                 r"|剩余|尚有|还有|仍有)")
#: "2个问题需长期坚持、持续整改": not finished, kept open on purpose (another state than 正在整改)
_KEPT_OPEN = r"需(?:要)?(?:长期坚持|持续(?:推进|整改))"
#: other unfinished states: basically done ("基本完成并持续整改问题5个"), postponed ("申请延期
#: 整改问题6个"), partly done ("部分整改2项")
_OTHER_VERB = (rf"(?:{_YI}?基本完成(?:整改)?(?:[^\d,;:。]{{0,12}}?持续整改)?|基本整改到位"
               r"|申请延期(?:整改)?|延期整改|部分整改)")
_DONE_VERB = (rf"(?:(?:{_YI}经?|均{_YI}|累计)(?:按期|全部|按时)?(?:整改)?完成(?:整改)?"
              r"|(?<![需应须要前划计基])(?:整改)?完成(?:整改)?"
              rf"|(?:{_YI}经?|均{_YI})(?:按期|全部)?(?:整改)?(?:销号|办结|到位|完毕)"
              rf"|(?:{_YI}经?|均{_YI})(?:按期|全部)?整改)")

_PRE = re.compile(
    rf"(?=[正持未尚剩还仍基已己均累整完申延部])(?:(?P<ongoing>{_ONGOING_VERB})|(?P<other>{_OTHER_VERB})"
    rf"|(?P<done>{_DONE_VERB}))"
    rf"了?(?:的)?\s*+(?:{_NOUN})?\s*+(?P<n>{NUM})(?P<u>{_UNIT})(?:{_NOUN})?{_AFTER_OK}")
_POST = re.compile(
    rf"(?P<n>{NUM})(?P<u>{_UNIT})(?:{_NOUN})?\s*"
    rf"(?:(?P<ongoing>纳入持续整改|纳入长期整改|正(?:在)?{_MANNER}{{0,2}}(?:整改|推进|落实)|持续整改"
    rf"|尚未完成|未完成|整改中)"
    rf"|(?P<other>{_YI}?基本完成|基本整改到位|{_KEPT_OPEN}|申请延期|延期整改|部分整改)"
    rf"|(?P<done>(?:{_YI}经?|均{_YI})(?:按期)?(?:整改|完成|办结|销号)(?:整改)?(?:到位|完毕|销号)?))"
    # "20项问题已基本完成4项": the phrase belongs to the figure after it
    rf"(?!\s*+(?:整改)?\s*+(?:到位|完成|完毕)?\s*+{NUM})")
_RATE = re.compile(rf"(?:完成|整改|销号|办结)率\s*+(?:为|达到?|已达)?\s*+(?P<n>{DEC})\s*%")
_TOTAL = re.compile(
    rf"(?:(?:共|共有|共计|合计|总计)\s*(?P<n1>{NUM})(?P<u1>{_UNIT})"
    rf"|(?P<n2>{NUM})(?P<u2>{_UNIT}){_NOUN}"
    rf"|{_NOUN}\s*+(?:共|共计)?\s*+(?P<n3>{NUM})(?P<u3>{_UNIT}))")
#: _TOTAL behind a look-ahead for the characters a total starts with (共 合 总, a numeral, a
#: counted noun): its branches start with groups, which the engine tried at every place
_TOTAL_AT = re.compile(rf"(?=[共合总\d〇零一二两三四五六七八九十廿卅具整问任事措])(?:{_TOTAL.pattern})")
_ALL_DONE = re.compile(r"(?:[已己]经?|均[已己])?全部(?:完成整改|整改完成|完成|整改到位|整改完毕|办结|销号)")
_AS_OF = re.compile(r"(?:截[至止]|到)\s*")
_SUBSET = re.compile(r"其中")
_SEMICOLON = re.compile(r";")
_CLAUSE = re.compile(r"[,;:，；：]")
#: a total followed by this is the whole of the part that follows ("17项问题中的43项")
_WHOLE_OF_PART = re.compile(r"\s*中的")
#: what a statement counts, by its noun (see :func:`counted`)
_COUNTED_NOUN = re.compile(r"问题表现|具体表现|问题|任务|事项|措施|线索|项目|案件")
_COUNTED = {"问题": "problems", "任务": "tasks", "事项": "tasks", "措施": "measures",
            "线索": "leads", "项目": "projects", "案件": "cases", "问题表现": "manifestations",
            "具体表现": "manifestations"}
_NOUN_AFTER = re.compile(rf"\s*[“\"‘']?(?:具体)?(?:整改)?(?:{_COUNTED_NOUN.pattern})")
#: "截至/截止" later in the statement, at a clause start ("巡察反馈的13个问题，截至9月30日，已完成…")
_AS_OF_LATER = re.compile(r"(?<=[,;:])\s*截[至止]\s*")
#: possessive blanks: with three optional runs side by side, a run of spaces that ends in no
#: figure was tried in every split (cubic in the run)
_DEADLINE_TAIL = re.compile(
    rf"\s*+前?\s*+(?:需|应|须|要|计划|预计)?\s*+(?:完成|整改到位|整改完成)(?:整改)?\s*+"
    rf"(?P<n>{NUM})(?P<u>{_UNIT})")
_CUE = re.compile(r"完成|整改|办结|销号|推进|剩余|尚有|还有|仍有|延期")
#: every figure of a statement (completed, ongoing, other, the total) is a numeral right before
#: a unit of _UNIT, a rate holds "%": a sentence without either holds no statement. The class
#: comes first (the engine skips ahead to the units); the look-behind then checks the numeral
#: (the last character of NUM is a digit or a Chinese numeral character)
_FIGURE_HINT = re.compile(rf"[个项条件%](?:(?<=%)|(?<=[\d{CN_NUM_CHARS}].))")
#: the characters of the figure hints among the marks of :class:`.Clauses` (the same scan)
_HINT_MARKS = "个项条件%"
#: a counted figure of problems (not "3个方面", not "2条道路"): what a rate could be made of
_ITEM_FIG = re.compile(rf"(?P<n>{NUM})(?P<u>{_UNIT})(?:{_NOUN})?{_AFTER_OK}")
_PCT_SIGN = re.compile(r"%|百分之")
_NEGATED_RATE = re.compile(r"未(?:整改)?(?:完成|整改|销号|办结)率")
_RATE_CLAUSE = re.compile(r"[,;:]")
#: objects a rate may be of other than the counted problems ("整改措施完成率")
_RATE_OBJECT = re.compile(r"措施|任务|项目|资金|工程|事项|资产")


def _figure(norm: str, m: re.Match, group: str = "n", unit: str = "u") -> Figure | None:
    value = number_value(m.group(group))
    if value is None:
        return None
    return Figure(value=value, span=Span(m.start(group), m.end(unit)))


def _deadline_parts(norm: str, start: int, end: int, dates) -> list[DeadlinePart]:
    if dates is None:
        return []
    try:
        found = dates.within(Span(start, end))
    except Exception:  # a date scanner that cannot answer leaves the breakdown empty
        return []
    parts = []
    for d in found:
        m = _DEADLINE_TAIL.match(norm, d.span.end)
        if m is None or m.end() > end:
            continue
        value = number_value(m.group("n"))
        if value is None:
            continue
        fig = Figure(value=value, span=Span(m.start("n"), m.end("u")))
        parts.append(DeadlinePart(deadline=d, count=fig, span=Span(d.span.start, m.end())))
    return parts


def _as_of(norm: str, start: int, end: int, dates) -> DateFact | None:
    """The date right after 截至/截止 at the start of the statement ("截至2021年6月底"), else
    right after 截至/截止 opening a later clause of it ("…13个问题，截至2021年9月30日，已完成…");
    "到" counts only at the start ("到2021年底前完成" later in a sentence is a deadline)."""
    if dates is None:
        return None
    for m in [*_AS_OF.finditer(norm, start, min(end, start + 12)),
              *_AS_OF_LATER.finditer(norm, start + 1, end)]:
        try:
            found = dates.within(Span(m.end(), min(end, m.end() + 16)))
        except Exception:
            return None
        for d in found:
            if d.span.start == m.end():
                return d
    return None


def _figures(norm: str, start: int, end: int) -> list[re.Match]:
    """The status figures of [start, end): those of _PRE, then those of _POST, each in order."""
    return [*_PRE.finditer(norm, start, end), *_POST.finditer(norm, start, end)]


def _statement(src: SourceText, start: int, end: int, dates,
               found: list[re.Match]) -> Progress | None:
    """The statement of [start, end), whose status figures (:func:`_figures`) are *found*."""
    norm = src.norm
    rate_m = _RATE.search(norm, start, end) if norm.find("%", start, end) >= 0 else None
    if not found and rate_m is None and (norm.find("全部", start, end) < 0  # in every _ALL_DONE
                                         or not _ALL_DONE.search(norm, start, end)):
        return None  # no figure, no rate, no "已全部完成": no statement (most sentences)
    deadline = _deadline_parts(norm, start, end, dates)
    taken = [p.span for p in deadline]
    kinds: dict[str, list[Figure]] = {"done": [], "ongoing": [], "other": []}

    def free(span: Span) -> bool:
        return not any(t.start < span.end and span.start < t.end for t in taken)

    for m in found:
        fig = _figure(norm, m)
        if fig is None or not free(fig.span):
            continue
        if _SUBSET.search(norm, _clause_start(norm, start, m.start()), m.start()):
            continue  # "已完成10个，其中已销号8个": a part of another figure
        kind = next(k for k in ("ongoing", "other", "done") if m.group(k) is not None)
        kinds[kind].append(fig)
        taken.append(fig.span)
    for figs in kinds.values():
        figs.sort(key=lambda f: f.span.start)
    # a second unfinished figure is another unfinished state ("正在整改5个…，未完成4个")
    other = sorted(kinds["other"] + kinds["ongoing"][1:], key=lambda f: f.span.start)
    rate = None
    if rate_m is not None:
        value = number_value(rate_m.group("n"))
        if value is not None:
            rate = Figure(value=float(value), span=Span(rate_m.start("n"), rate_m.end()))
    first = min((f.span.start for fs in kinds.values() for f in fs), default=end)
    total = None
    for m in _TOTAL_AT.finditer(norm, start, first):
        n, u = next((f"n{i}", f"u{i}") for i in (1, 2, 3) if m.group(f"n{i}") is not None)
        fig = _figure(norm, m, n, u)
        if fig is not None and free(fig.span):
            total = fig
            if not _WHOLE_OF_PART.match(norm, m.end()):
                break  # "17项问题中的43项具体问题表现": the part after it is what is counted
    completed = kinds["done"][0] if kinds["done"] else None
    if completed is None and total is not None:
        all_done = _ALL_DONE.search(norm, total.span.end, end)
        if all_done is not None:  # "反馈的11个问题已全部完成整改": completed = the total
            completed = Figure(value=total.value, span=Span(all_done.start(), all_done.end()))
    ongoing = kinds["ongoing"][0] if kinds["ongoing"] else None
    if completed is None and ongoing is None and not other and rate is None:
        return None
    span = Span(start, end)
    figs = [f for f in (completed, ongoing, *other) if f is not None]
    return Progress(span=span, total=total, completed=completed, ongoing=ongoing,
                    other=tuple(other), rate=rate,
                    as_of=_as_of(norm, start, end, dates), breakdown=tuple(deadline),
                    text=src.slice(span), quantity=counted(norm, span, figs, total))


def _clause_start(norm: str, start: int, at: int) -> int:
    seps = [m.end() for m in _CLAUSE.finditer(norm, start, at)]
    return seps[-1] if seps else start


def counted(norm: str, span: Span, figs: list[Figure], total: Figure | None = None):
    """What a statement counts: the last counted noun before its first figure ("15个问题已
    完成整改12个" → problems, "26项整改措施已完成24项" → measures), else the noun right after
    that figure ("已整改8个问题"); None when neither says."""
    if not figs:
        return None
    first = min(f.span for f in figs)
    if total is not None and total.span.start < first.start:
        # the total's own noun, when it has one ("26项整改措施")
        after = _NOUN_AFTER.match(norm, total.span.end)
        if after is not None:
            return _COUNTED[_COUNTED_NOUN.search(after.group()).group()]
    nouns = _COUNTED_NOUN.findall(norm, span.start, first.start)
    if nouns:
        return _COUNTED[nouns[-1]]
    after = _NOUN_AFTER.match(norm, first.end)
    return _COUNTED[_COUNTED_NOUN.search(after.group()).group()] if after else None


def parse_progress(src: SourceText, dates=None,
                   clauses: Clauses | None = None) -> tuple[Progress, ...]:
    """Every progress statement of *src*, in text order."""
    clauses = clauses or Clauses(src.norm)
    out = []
    norm = src.norm
    for start, end in clauses.sentences_at(clauses.marks(_HINT_MARKS)):
        if not _CUE.search(norm, start, end):
            continue
        found = _figures(norm, start, end)
        parts = _statements(norm, start, end, found)
        if len(parts) == 1:  # the sentence itself: its hint and cue were just found
            st = _statement(src, start, end, dates, found)
            if st is not None:
                out.append(st)
            continue
        as_of = _as_of(src.norm, start, end, dates)
        for s, e in parts:
            if not _FIGURE_HINT.search(norm, s, e) or not _CUE.search(norm, s, e):
                continue
            st = _statement(src, s, e, dates, [m for m in found if s <= m.start() < e])
            if st is not None:
                out.append(st if st.as_of is not None else evolve(st, as_of=as_of))
    return tuple(out)


def _statements(norm: str, start: int, end: int,
                found: list[re.Match]) -> list[tuple[int, int]]:
    """The statements of one sentence: itself, or — when parts of it separated by "；" each
    state a completed figure ("7个问题已完成整改6个，正在整改1个；26项整改措施已完成24项，其余2项
    正在有序推进") — each part.

    *found* are the status figures of the sentence. No figure holds a ";" or starts with a
    blank, so the figures of a part (what :func:`_figures` gives for it) are those that start
    in it: the sentence is read once, not once more for each part."""
    if norm.find(";", start, end) < 0:
        return [(start, end)]
    cuts = [m.start() for m in _SEMICOLON.finditer(norm, start, end)]
    bounds = [start, *(c + 1 for c in cuts)]
    parts = list(zip(bounds, [*cuts, end], strict=True))
    done = sum(1 for s, e in parts
               if any(m.group("done") and s <= m.start() < e for m in found))
    if done < 2:
        return [(start, end)]
    return [(s + len(norm[s:e]) - len(norm[s:e].lstrip()), e) for s, e in parts
            if norm[s:e].strip()]


def _unit(norm: str, fig: Figure) -> str:
    return norm[fig.span.end - 1:fig.span.end]


def _derived_total(norm: str, st: Progress) -> Figure | None:
    """completed + ongoing as the base of the rate of a statement that states no total
    ("已完成整改4项，正在整改1项，完成率为90%": 4 of 5), spanning the two figures.

    Not when another state (基本完成 …) is stated (is it completed or not?), nor when the rate
    names an object the figures do not ("…，整改措施完成率95%")."""
    done, ongoing = st.completed, st.ongoing
    if done is None or ongoing is None or st.other or st.rate is None:
        return None
    if _unit(norm, done) != _unit(norm, ongoing):
        return None
    rate_at = st.rate.span.start
    clause = max([st.span.start] + [m.end() for m in _RATE_CLAUSE.finditer(norm, st.span.start,
                                                                          rate_at)])
    for word in _RATE_OBJECT.findall(norm, clause, rate_at):
        if word not in norm[st.span.start:clause]:
            return None
    return Figure(value=done.value + ongoing.value, span=done.span.cover(ongoing.span))


def _rate_numbers(norm: str, st: Progress) -> tuple[Figure, Figure] | None:
    """(completed, total) of a statement whose rate they unambiguously make up, else None.

    Only when the sentence states both with the same unit (a statement without a total:
    completed + ongoing, see :func:`_derived_total`), has one percentage and no other
    counted figure than its total / completed / ongoing / other / deadline parts, and the rate
    is not a negated one ("未完成率")."""
    total, done = st.total, st.completed
    if st.rate is None or done is None:
        return None
    if total is None:
        total = _derived_total(norm, st)
    if total is None or not total.value:
        return None
    if not 0 <= done.value <= total.value or _unit(norm, total) != _unit(norm, done):
        return None
    start, end = st.span.start, st.span.end
    if len(_PCT_SIGN.findall(norm, start, end)) != 1:
        return None
    if _NEGATED_RATE.search(norm, start, st.rate.span.start):
        return None
    known = {f.span.start for f in (total, done, st.ongoing, *st.other) if f is not None}
    known.update(p.count.span.start for p in st.breakdown)
    if any(m.start("n") not in known for m in _ITEM_FIG.finditer(norm, start, end)):
        return None  # another count in the sentence: which one is meant is not clear
    return done, total


def link_rates(src: SourceText, statements: tuple[Progress, ...],
               percentages: tuple[Percentage, ...]) -> tuple[Percentage, ...]:
    """Give a completion rate stated without its own numbers ("2个问题已完成整改1个，正在整改1个，
    整改完成率为80%") the completed figure and the total of its progress statement.

    Numbers read for such a rate from two same-unit figures whose first is a status figure
    ("已完成整改9个，正在整改3个，整改完成率75%": 3 of 9) are not its numbers and are dropped."""
    by_start = {st.rate.span.start: st for st in statements if st.rate is not None}
    out = []
    for pct in percentages:
        st = by_start.get(pct.span.start)
        if st is None:
            out.append(pct)
            continue
        nums = (pct.numerator, pct.denominator)
        status = {f.span for f in (st.completed, st.ongoing, *st.other) if f is not None}
        if pct.denominator is not None and pct.denominator.span in status:
            nums = (None, None)
        if nums[0] is None and nums[1] is None:
            nums = _rate_numbers(src.norm, st) or nums
        if nums != (pct.numerator, pct.denominator):
            pct = Percentage(value=pct.value, text=pct.text, span=pct.span,
                             numerator=nums[0], denominator=nums[1], floor=pct.floor)
        out.append(pct)
    return tuple(out)
