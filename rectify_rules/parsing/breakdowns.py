"""Breakdowns ("共对12名…作出处理,…给予政务处分1人,诫勉谈话1人,提醒谈话11人") and percentages.

Precision first: CNT004/CNT006 must not raise a false alarm on a correct notice, so a
breakdown is only taken when the structure is clear:

- ``其中`` — the total is the nearest figure of the same unit before it in the sentence, the
  parts are the "label N unit" items from 其中 on ("其中湖南乡62个、七里岗乡19个…");
- ``给予`` / ``分别`` — the total is the one ``共…N unit`` of the sentence, the parts the items from
  the trigger on; items between the total and the trigger ("涉及科级干部4人") are a
  cross-cutting subset and are not parts;
- a run of ≥ 2 whole-clause items right after a ``共…N unit`` clause ("…机构21个,已撤销12个,
  调整4个,保留5个") — not when the clauses count other activities alongside the total
  ("共召开专题民主生活会12次，组织集中学习45次，讲授专题党课20次": times, and clauses that each
  name an activity of their own).

Skipped: fewer than two parts; two 共-totals of the same unit in one sentence (which one is
meant?); increment labels (新增/增加/同比 …: a flow, not a partition of a stock); items that
are not a whole clause ("目前5个项目亏损" — overlapping categories); amounts with decimals
(money is rounded: "32.24万元" vs 16.25 + 15.98 — a rounding difference is not an error).
Units 人 and 名 are the same unit.

Percentages: every "N%" / "百分之N". ``floor`` for 达/超过/不低于/至少 before or 以上 after.
Numerator/denominator only when the sentence gives them unambiguously: "A unit, 其中 B unit,
占比 P%" → B/A; exactly two counts of the same unit before the percentage → second/first.
A complement ("208个…,有76个项目未开工建设,开工率为63.46%": 63.46% is (208−76)/208) has a
negated numerator clause and a non-negated rate; it is left without numbers so that no false
mismatch is reported. Growth rates (同比/增长/较…) have no numbers.
"""

from __future__ import annotations

import re

from ..model import Breakdown, Figure, Part, Percentage, Span
from ..text import SourceText
from .counts import DEC, Clauses, number_value
from .numerals import CN_NUM_CHARS

_UNITS = "个|名|人|家|项|件|次|条|户|宗|起|批|份|篇|所|处|村|套|栋|辆|台|万元|亿元|元"
_FAMILY = {"名": "人"}
_FIG = re.compile(rf"(?P<n>{DEC})(?P<u>{_UNITS})")
#: the characters of the marks (:meth:`.Clauses.marks`) every figure of _FIG holds: the first
#: character of its unit, right after the numeral
_FIG_MARKS = "".join(sorted({u[0] for u in _UNITS.split("|")}))
_TOTAL_CUE = re.compile(r"共计|共有|合计|总计|累计|共")
_PIECE_SEP = re.compile(r"[,;、]")
_CLAUSE_SEP = re.compile(r"[,;]")
_TRIGGER = re.compile(r"\s*(?P<t>其中|给予|分别)\s*:?\s*(?:有|为|是)?\s*")
_TRIGGER_WORD = re.compile(r"其中|给予|分别")
_ITEM = re.compile(rf"\s*+(?P<label>[\u4e00-\u9fff“”\"]{{1,12}}?)\s*+(?:有|为|了)?\s*+"
                   rf"(?P<n>{DEC})(?P<u>{_UNITS})\s*$")
_INCREMENT = re.compile(r"新增|增加|减少|同比|环比|增长|下降|上升|提高|较上|新引进|累计")
_NOT_PART = re.compile(r"^涉及")
#: a breakdown needs a trigger (其中 / 给予 / 分别) or a total cue (共 …) in its sentence
_ANY_CUE = re.compile(r"其中|给予|分别|共|合计|总计|累计")
_LABEL_TRIM = re.compile(r"^(?:已经?|有|共)|(?:有|为|了)$")
#: a clause that tells of another activity (a verb and what it made or held)
#: ("组织集中学习45次"); not the verbs that split one total of things ("共完善制度18项，新建
#: 制度9项，修订制度9项" is a breakdown)
_ACTIVITY = re.compile(r"(?:召开|组织|开展|举办|讲授|走访|培训)[\u4e00-\u9fff“”\"]{2,}")

_PCT = re.compile(rf"(?P<n>{DEC})\s*%|百分之(?P<cn>{DEC})")
#: what every percentage holds: "%" or "百分之" (found by a literal search, see _pct_anchors)
_PCT_ANCHORS = ("%", "百分之")
#: what a percentage may hold before its "%": the numeral (and blanks, tested apart)
_PCT_CHARS = frozenset("0123456789." + CN_NUM_CHARS)
_FLOOR_BEFORE = re.compile(r"(?:达到?|超过|超|高于|不低于|不少于|至少)\s*$")
_FLOOR_AFTER = re.compile(r"\s*(?:以上|及以上)")
_GROWTH = re.compile(r"同比|环比|增长|下降|上升|提高|降低|较")
_NEGATED = re.compile(r"未|没有|不|无")


def _family(unit: str) -> str:
    return _FAMILY.get(unit, unit)


def _int_figure(m: re.Match) -> Figure | None:
    v = number_value(m.group("n"))
    if not isinstance(v, int):
        return None
    return Figure(value=v, span=Span(m.start("n"), m.end("u")))


def _pieces(norm: str, start: int, end: int, sep: re.Pattern) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in sep.finditer(norm, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _items(norm: str, pieces: list[tuple[int, int]], family: str,
           first_trigger: bool) -> list[Part]:
    """Consecutive whole-clause "label N unit" items of *family*."""
    parts: list[Part] = []
    for i, (s, e) in enumerate(pieces):
        if i == 0 and first_trigger:
            t = _TRIGGER.match(norm, s, e)
            s = t.end() if t else s
            if s >= e:  # "其中," — the items follow
                continue
        m = _ITEM.match(norm, s, e)
        if m is None or _family(m.group("u")) != family:
            break
        label = _LABEL_TRIM.sub("", m.group("label"))
        if not label or _INCREMENT.search(label) or _NOT_PART.search(label):
            return []
        fig = _int_figure(m)
        if fig is None:
            return []
        parts.append(Part(label=label, value=fig))
    return parts


#: a "sentence" longer than this is no sentence of a notice (the longest seen is ~300
#: characters) but a run of page junk or a hostile line: its breakdowns are not read (the
#: scan below looks ahead from every cue and trigger, quadratic in such a run)
_SENTENCE_MAX = 2000


def _sentence_breakdowns(src: SourceText, start: int, end: int) -> list[Breakdown]:
    if end - start > _SENTENCE_MAX:
        return []
    norm = src.norm
    figs = [(m, _family(m.group("u"))) for m in _FIG.finditer(norm, start, end)]
    if not figs:
        return []
    totals = []  # (figure, family, end of its clause)
    for cue in _TOTAL_CUE.finditer(norm, start, end):
        c_end = _clause_end(norm, cue.end(), end)
        m = _FIG.search(norm, cue.end(), c_end)
        if m is not None and (not totals or totals[-1][0].span.start != m.start("n")):
            fig = _int_figure(m)
            if fig is None:
                return []  # an amount with decimals: no breakdown (rounding)
            totals.append((fig, _family(m.group("u")), c_end, m.end()))
    out: list[Breakdown] = []
    # a clause that opens with a trigger: none when the sentence holds none of its words
    clauses = (_pieces(norm, start, end, _CLAUSE_SEP) if _TRIGGER_WORD.search(norm, start, end)
               else [])
    for cs, ce in clauses:
        trig = _TRIGGER.match(norm, cs, ce)
        if trig is None or trig.group("t") == "分别" and not _FIG.search(norm, cs, ce):
            continue
        pieces = _pieces(norm, cs, end, _PIECE_SEP)
        if trig.group("t") == "其中":
            first = _FIG.search(norm, trig.end(), end)
            fam = _family(first.group("u")) if first else ""
            before = [m for m, f in figs if m.end() <= cs and f == fam]
            if not before:
                continue
            total = _int_figure(before[-1])
        else:
            prior = [t for t in totals if t[3] <= cs]
            if len(prior) != 1:
                continue
            total, fam = prior[0][0], prior[0][1]
        if total is None:
            continue
        parts = _items(norm, pieces, fam, first_trigger=True)
        if len(parts) >= 2:
            out.append(_make(src, total, parts, parts[-1].value.span.end))
    if out:
        return out
    # a run of items right after a "共…N unit" clause that ends with its total
    for fig, fam, c_end, fig_end in totals:
        if norm[fig_end:c_end].strip() or sum(1 for t in totals if t[1] == fam) != 1:
            continue
        after = [(s, e) for s, e in _pieces(norm, c_end, end, _PIECE_SEP)][1:] \
            if c_end < end else []
        parts = _items(norm, after, fam, first_trigger=False)
        if len(parts) >= 2 and not _parallel(fam, parts):
            out.append(_make(src, fig, parts, parts[-1].value.span.end))
    return out


def _parallel(family: str, parts: list[Part]) -> bool:
    """Are the clauses after a total other activities counted alongside it, not its parts?
    "共召开专题民主生活会12次，组织集中学习45次，讲授专题党课20次": each clause names an activity
    of its own (a verb and its object), and times (次) count occurrences of an activity;
    "共有机构21个，已撤销12个，调整4个，保留5个" says what became of the same 21."""
    return family == "次" or any(_ACTIVITY.match(p.label) for p in parts)


def _make(src: SourceText, total: Figure, parts: list[Part], end: int) -> Breakdown:
    unit = src.norm[total.span.end - 1:total.span.end]
    for u in ("万元", "亿元"):
        if src.norm.endswith(u, total.span.start, total.span.end):
            unit = u
    span = Span(total.span.start, end)
    return Breakdown(total=total, parts=tuple(parts), unit=unit, span=span,
                     text=src.slice(span))


def parse_breakdowns(src: SourceText, clauses: Clauses | None = None) -> tuple[Breakdown, ...]:
    """Every clear "total, then its parts" statement of *src*, in text order."""
    clauses = clauses or Clauses(src.norm)
    norm = src.norm
    out: list[Breakdown] = []
    # a breakdown is a total and two parts or more: three figures apart, each with its mark —
    # a sentence with fewer is not read (nor looked for a cue)
    for start, end in clauses.sentences_at(clauses.marks(_FIG_MARKS), least=3):
        if _ANY_CUE.search(norm, start, end):
            out.extend(_sentence_breakdowns(src, start, end))
    return tuple(out)


def _clause_start(norm: str, lo: int, at: int) -> int:
    """Where the clause (split at , and ;) holding *at* starts, not before *lo*. A literal
    search per separator (str.rfind) is cheaper than reading each with a regex iterator."""
    return max(lo, norm.rfind(",", lo, at) + 1, norm.rfind(";", lo, at) + 1)


def _clause_end(norm: str, at: int, hi: int) -> int:
    """Where the clause (split at , and ;) holding *at* ends, not after *hi*."""
    return min((i for i in (norm.find(",", at, hi), norm.find(";", at, hi)) if i >= 0),
               default=hi)


def _ratio(norm: str, seg_start: int, pct_start: int) -> tuple[Figure | None, Figure | None]:
    """(numerator, denominator) stated before the percentage at *pct_start*, or (None, None)."""
    pct_clause = _clause_start(norm, seg_start, pct_start)
    if _GROWTH.search(norm, pct_clause, pct_start):
        return None, None
    figs = [m for m in _FIG.finditer(norm, seg_start, pct_clause)]
    if not figs:
        return None, None
    fam = _family(figs[-1].group("u"))
    figs = [m for m in figs if _family(m.group("u")) == fam]
    qizhong = norm.rfind("其中", seg_start, pct_clause)
    if qizhong >= 0:
        before = [m for m in figs if m.end() <= qizhong]
        after = [m for m in figs if m.start() > qizhong]
        if not before or not after:
            return None, None
        num_m, den_m = after[0], before[-1]
    elif len(figs) == 2:
        den_m, num_m = figs
    else:
        return None, None
    num, den = _int_figure(num_m), _int_figure(den_m)
    if num is None or den is None or den.value <= 0 or num.value > den.value:
        return None, None
    num_clause = _clause_start(norm, seg_start, num_m.start())
    num_clause_end = _clause_end(norm, num_m.end(), pct_clause)
    neg_num = bool(_NEGATED.search(norm, num_clause, num_clause_end))
    neg_pct = bool(_NEGATED.search(norm, pct_clause, pct_start))
    if neg_num != neg_pct and "率" in norm[pct_clause:pct_start]:
        return None, None  # a complement ("未开工…, 开工率"): numbers not stated as such
    return num, den


def _pct_anchors(norm: str) -> list[tuple[int, str]]:
    """Where "%" and "百分之" stand, in text order: what ``re.finditer("%|百分之", norm)`` gives.
    A literal search per anchor (str.find) skips through a notice many times faster than a
    regular expression whose first character is one of two, which is tested at every place."""
    found = []
    for anchor in _PCT_ANCHORS:
        at = norm.find(anchor)
        while at >= 0:
            found.append((at, anchor))
            at = norm.find(anchor, at + len(anchor))
    found.sort()
    return found


def _pct_matches(norm: str):
    """The matches of ``_PCT.finditer(norm)``, found from their anchors ("%", "百分之") so that
    the numerals of the whole text are not tried one by one. A "N%" match consists of numeral
    characters and blanks before its "%", so it starts inside the run of those characters that
    ends at the "%" (never before the end of the previous match)."""
    prev = 0
    for at, anchor in _pct_anchors(norm):
        if at < prev:
            continue
        if anchor == "%":
            i = at
            while i > prev and (norm[i - 1] in _PCT_CHARS or norm[i - 1].isspace()):
                i -= 1
            m = _PCT.search(norm, i, at + 1)
        else:
            m = _PCT.match(norm, at)
        if m is not None:
            prev = m.end()
            yield m


def parse_percentages(src: SourceText, clauses: Clauses | None = None) -> tuple[Percentage, ...]:
    """Every stated percentage of *src*, with its numbers where the sentence gives them."""
    norm = src.norm
    clauses = clauses or Clauses(norm)
    out: list[Percentage] = []
    last_end = 0
    for m in _pct_matches(norm):
        raw = m.group("n") if m.group("n") is not None else m.group("cn")
        value = number_value(raw)
        if value is None:
            continue
        s_start, _ = clauses.sentence(m.start())
        seg_start = max(s_start, last_end)
        semi = norm.rfind(";", seg_start, m.start())
        seg_start = semi + 1 if semi >= 0 else seg_start
        last_end = m.end()
        floor = bool(_FLOOR_BEFORE.search(norm, max(0, m.start() - 4), m.start())
                     or _FLOOR_AFTER.match(norm, m.end()))
        num, den = _ratio(norm, seg_start, m.start())
        span = Span(m.start(), m.end())
        out.append(Percentage(value=float(value), text=src.slice(span), span=span,
                              numerator=num, denominator=den, floor=floor))
    return tuple(out)
