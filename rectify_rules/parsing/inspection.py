"""The inspecting body, the kind of inspection and stated durations.

- :func:`find_bodies`: every mention of an inspecting body ("县委第二巡察组", "省委第三巡视组",
  "市委联动巡察组", "县委巡察二组", "县委第三轮巡察第二组", "市委第巡察组" — the ordinal
  written as "第" alone is *missing*, not omitted).
- :func:`find_kind`: 常规 / 专项 / 联动 / 回头看 / 机动 / 提级 / 交叉 / 提级交叉 in front of (or, for
  回头看, after) 巡察 / 巡视.
- :func:`find_durations`: "为期45天", "历时两个月", "经过两个月的整改"; vague phrases such as
  "三个月来" or "近年来" are not durations.

All matching runs on the normalised view; spans are original offsets.
"""

from __future__ import annotations

import re

from attrs import evolve

from ..model import Duration, InspectionBody, Span, TextFact
from ..text import SourceText
from .numerals import cn_to_int
from .starts import matches_at, word_starts

__all__ = ["find_bodies", "opening_bodies", "find_kind", "find_durations"]

_NUM = r"(?:[0-9]+|[〇零一二两三四五六七八九十]+)"
#: a count starts where its run of digits starts: tried from inside a long run, the rest of
#: the run was read again from every position (quadratic); the run's start matches anyway
_COUNT = r"(?:(?<![0-9])[0-9]+|(?<![〇零一二两三四五六七八九十])[〇零一二两三四五六七八九十]+)"
#: levels, longest first so "市委" wins over "市"; an institution's own Party committee may lead
#: ("校党委", "委党组", "集团党委"), and its inspection office may stand before the group
#: ("校党委巡察办专项巡察组")
LEVELS = ("中央", "自治区党委", "省委", "市委", "州委", "盟委", "县委", "区委", "旗委",
          "集团公司党委", "集团党委", "公司党委", "学校党委", "校党委", "院党委", "委党组",
          "党工委", "党委", "党组", "省", "市", "县", "区")
_LEVEL = "|".join(LEVELS)
#: what may stand between the ordinal and 巡察 / 巡视: "提级交叉", "提级(交叉)", "机动", "专项",
#: "联动", "上下联动"
_MOD = r"(?:[(（]?(?:提级|交叉|机动|专项|联动|联合|上下联动)[)）]?){1,3}"
_ROUND = rf"(?:第{_NUM}轮(?:政治|常规|专项)?(?:巡察|巡视)?)"
_OFFICE = r"(?:巡察办|巡视办|巡察工作领导小组|巡视工作领导小组)"
#: the lookaheads let a scan skip, in one step, every character no match can begin with
_BODY_RE = re.compile(
    r"(?=[中自省市州盟县区旗集公学校院委党第联专机巡提交上(（0-9〇零一二两三四五六七八九十])"
    # "区委组建3个巡察组", "县委第十一轮巡察三个巡察组", "4个县委巡察组": groups by number
    rf"(?:(?P<level_c>{_LEVEL})?(?:{_ROUND}|共|先后|组建|派出|抽调|成立|选派|了){{0,4}}"
    rf"(?P<count>{_COUNT})个(?P<level_c2>{_LEVEL})?(?P<mod_c>{_MOD})?(?P<kind_c>巡视|巡察)组"
    # "市委第一、第二巡察组", "市委第四、五巡察组", "区委第一至第五巡察组": several ordinals
    rf"|(?P<level_l>{_LEVEL})?{_ROUND}?第(?P<list>{_NUM}(?:(?:、|和|及|与|至|到|-|—)第?{_NUM})+)"
    rf"(?P<mod_l>{_MOD})?(?P<kind_l>巡视|巡察)组"
    # one group: "县委第二巡察组", "市委第二提级交叉巡察组", "市委巡察组第二组", "市委机动巡察一组"
    rf"|(?P<level>{_LEVEL})?{_OFFICE}?{_ROUND}?(?:(?P<ord1>第)(?P<n1>{_NUM})?)?"
    rf"(?P<mod>{_MOD})?(?P<kind>巡视|巡察)(?:组(?=第?{_NUM}组))?"
    rf"(?:(?P<ord2>第)?(?P<n2>{_NUM}))?组)"
)
#: where a group's name ends: what every match of _BODY_RE holds (巡察 / 巡视 + 组, or a number
#: and 组 after it: "巡察二组", "巡察第二组")
_ANCHOR = re.compile(rf"(?:巡察|巡视)(?:组|第?{_NUM}组)")
#: every character a match of _BODY_RE can hold (its look-behinds read others, without holding
#: them): a superset, checked against the pattern by tests/test_fast_parsing.py
_IN_NAME = frozenset("".join(LEVELS) + "巡察视办工作领导小组" + "第轮政治常规专项"
                     + "0123456789〇零一二两三四五六七八九十" + "共先后组建派出抽调成立选派了个"
                     + "(（提级交叉机动联合上下)）" + "、和及与至到-—")
#: how far before its anchor a group's name may begin ("县委第十一轮政治巡察三个巡察组" is 15),
#: and how far after it the name may go on ("巡察组第二组")
_REACH = 24
_TAIL = 8
#: how a list of groups goes on after one ("市委第一巡察组、第六巡察组"): the next takes its level
_LIST_JOIN = re.compile(r"\s*(?:、|和|及|与|,)\s*")
#: a list of ordinals runs from one to another ("第一至第五")
_RANGE_SEP = re.compile(r"至|到|-|—")
_LIST_SEP = re.compile(r"、|和|及|与|至|到|-|—")
#: the most groups a list or a range of ordinals is expanded into
_MAX_LISTED = 30


def _ordinals(text: str) -> list[int]:
    """The ordinals of "一、二" / "四、五、六" / "一至五" (each written with or without 第)."""
    nums = [cn_to_int(t.lstrip("第")) for t in _LIST_SEP.split(text)]
    if any(n is None or n <= 0 for n in nums):
        return []
    if _RANGE_SEP.search(text) and len(nums) == 2:
        lo, hi = nums
        return list(range(lo, hi + 1)) if 0 < hi - lo < _MAX_LISTED else []
    return nums[:_MAX_LISTED]


def _body(src: SourceText, m: re.Match) -> list[InspectionBody]:
    """The bodies one match names (several for a list of ordinals)."""
    span = Span(m.start(), m.end())
    raw = src.slice(span)
    if m.group("count") is not None:
        count = cn_to_int(m.group("count"))
        if not count:
            return []
        mod = m.group("mod_c")
        return [InspectionBody(raw=raw, span=span, level=m.group("level_c") or m.group("level_c2"),
                               kind=m.group("kind_c"), count=count, modifier=mod,
                               joint=_joint(mod))]
    if m.group("list") is not None:
        mod = m.group("mod_l")
        return [InspectionBody(raw=raw, span=span, level=m.group("level_l"), kind=m.group("kind_l"),
                               ordinal=n, modifier=mod, joint=_joint(mod))
                for n in _ordinals(m.group("list"))]
    has_ord = bool(m.group("ord1") or m.group("n2") or m.group("ord2"))
    if not (m.group("level") or has_ord):
        return []  # a bare "巡察组" names no body
    digits = m.group("n1") or m.group("n2")
    missing = bool(m.group("ord1")) and not m.group("n1") and not m.group("n2")
    mod = m.group("mod")
    return [InspectionBody(raw=raw, span=span, level=m.group("level"), kind=m.group("kind"),
                           ordinal=cn_to_int(digits) if digits else None, ordinal_missing=missing,
                           modifier=mod, joint=_joint(mod))]


def _joint(mod: str | None) -> bool:
    return bool(mod) and ("联动" in mod or "联合" in mod)


_KIND_RE = re.compile(
    r"(?P<a>常规|专项|上下联动|联动|机动|提级交叉|提级|交叉)(?=巡察|巡视)"
    r"|(?:巡察|巡视)\s*[“\"‘']?(?P<b>回头看)"
    r"|(?P<c>回头看)[”\"’']?\s*(?=巡察|巡视)"
)

_UNIT = r"(?P<unit>天|日|个月|月|周|星期|年)"
_DURATION_RE = re.compile(
    # every branch starts with its own character (经 is not 已经 / 曾经: looked at behind it),
    # so the engine skips ahead to those characters instead of trying every place
    rf"(?P<verb>为期|历时|用时|经过|经(?<![已曾]经))\s*(?P<n>{_NUM})\s*{_UNIT}"
    r"(?P<tail>(?:的|多)?(?:时间|集中|全面|认真|扎实)?(?:的)?(?:整改|集中整改|整改落实))?"
)
#: the words every _DURATION_RE match starts with
_DURATION_VERBS = ("为期", "历时", "用时", "经")
_APPROX_AFTER = re.compile(r"\s*(?:左右|上下|之多|多)")
_APPROX_BEFORE = re.compile(r"(?:约|大约|近|将近)\s*$")
_SENTENCE_END = re.compile(r"[。;!?；！？]")
#: words around a duration that say what it measures
_RECTIFY_HINT = re.compile(r"整改")
_INSPECT_HINT = re.compile(r"巡察|巡视")


def find_bodies(src: SourceText, within: Span | None = None) -> tuple[InspectionBody, ...]:
    """Every mention of an inspecting body, in text order (a list of ordinals gives one body
    per ordinal; a group right after another in a list takes the level of the first:
    "市委第一巡察组、第六巡察组")."""
    start, end = (within.start, within.end) if within else (0, len(src.norm))
    norm = src.norm
    out: list[InspectionBody] = []
    for m in _matches(norm, start, end):
        found = _body(src, m)
        if not found:
            continue
        prev = out[-1] if out else None
        if (prev is not None and prev.level and found[0].level is None
                and _LIST_JOIN.fullmatch(norm, prev.span.end, m.start())):
            found = [evolve(b, level=prev.level) for b in found]
        out.extend(found)
    return tuple(out)


def _matches(norm: str, start: int, end: int):
    """The matches of ``_BODY_RE.finditer(norm, start, end)``, found from their anchors
    (巡察组 / 巡视组 / 巡察二组): every match ends at one, a few characters after it at most
    ("巡察组第二组"), and begins at most :data:`_REACH` before it. Trying the pattern only there,
    not at every character that may begin a level or a numeral, costs a fraction.

    Nor is it tried before the run of :data:`_IN_NAME` characters that ends at the anchor: a
    match holding the anchor holds every character between its start and the anchor, so it
    starts after the last character no name is made of ("，县委第二巡察组": after "，"); the
    matches starting before that character end before it and are passed over all the same.
    Each try of the pattern is costly (~25 levels, three branches backtracking over them):
    the words before a name ("按照县委统一部署") made most of them."""
    pos = start
    for a in _ANCHOR.finditer(norm, start, end):
        if a.end() <= pos:
            continue
        lo = max(pos, a.start() - _REACH)
        at = a.start()
        while at > lo and norm[at - 1] in _IN_NAME:
            at -= 1
        for m in _BODY_RE.finditer(norm, at, min(end, a.end() + _TAIL)):
            if m.end() > a.start():  # the match that ends in this anchor
                yield m
                pos = m.end()
                break


def opening_bodies(mentions: tuple[InspectionBody, ...], within: Span) -> tuple[InspectionBody, ...]:
    """The inspecting bodies named inside *within* (the opening), each once: a mention that
    repeats one already kept (same level, kind, ordinal, number of groups), or one that names
    only a level when another body of that level is named, is not another body."""
    inside = [b for b in mentions if within.contains(b.span)]
    named = {(b.level, b.kind) for b in inside if b.ordinal is not None or b.count is not None}
    out: list[InspectionBody] = []
    seen: set[tuple] = set()
    for b in inside:
        key = (b.level, b.kind, b.ordinal, b.count, b.ordinal_missing)
        if b.ordinal is None and b.count is None and not b.ordinal_missing and (b.level, b.kind) in named:
            continue
        if key in seen:
            continue
        seen.add(key)
        out.append(b)
    return tuple(out)


def find_kind(src: SourceText, within: Span) -> TextFact | None:
    """The kind of inspection (常规 / 专项 / 联动 / 回头看 / 机动) stated inside *within*."""
    m = _KIND_RE.search(src.norm, within.start, within.end)
    if m is None:
        return None
    group = next(g for g in ("a", "b", "c") if m.group(g))
    span = Span(m.start(group), m.end(group))
    return TextFact(src.slice(span), span)


def find_durations(src: SourceText, inspection_spans: tuple[Span, ...] = (),
                   dates=None) -> tuple[Duration, ...]:
    """Stated durations; *inspection_spans* are sentences that describe the inspection.

    With *dates* (the DateScan), each duration gets the range stated before it in its own
    sentence ("2019年3月8日至4月19日，…开展了为期43天的巡察": that range), if any. Approximate
    lengths ("为期3个月左右", "约两个月", "两个多月") are not durations one can compare."""
    out: list[Duration] = []
    norm = src.norm
    # _DURATION_RE.finditer(norm), tried only at its verbs (the engine would test every
    # character against their first characters)
    for m in matches_at(_DURATION_RE, norm, word_starts(norm, _DURATION_VERBS)):
        n = cn_to_int(m.group("n"))
        if not n:
            continue
        if (_APPROX_AFTER.match(norm, m.end("unit"))
                or _APPROX_BEFORE.search(norm, max(0, m.start() - 3), m.start())):
            continue
        unit = m.group("unit")
        days = months = None
        if unit in ("天", "日"):
            days = n
        elif unit in ("周", "星期"):
            days = 7 * n
        elif unit == "年":
            months = 12 * n
        else:
            months = n
        tail = m.group("tail") or ""
        if "多" in tail:
            continue  # "两个多月": not a measurable duration
        end = m.end() if tail else m.end("unit")
        span = Span(m.start(), end)
        after = norm[m.end("unit"):m.end("unit") + 8]
        if _RECTIFY_HINT.search(tail) or _RECTIFY_HINT.match(after.lstrip("的")):
            subject = "rectification"
        elif m.group("verb") in ("为期", "历时") and (
                any(s.start <= m.start() < s.end for s in inspection_spans)
                or _INSPECT_HINT.search(norm, max(0, m.start() - 30), m.start())):
            subject = "inspection"
        else:
            subject = "unknown"
        out.append(Duration(text=src.slice(span), span=span, days=days, months=months,
                            subject=subject, range=_own_range(norm, dates, m.start())))
    return tuple(out)


def _own_range(norm: str, dates, at: int):
    """The last date range before offset *at* in its sentence, or None."""
    if dates is None:
        return None
    stops = list(_SENTENCE_END.finditer(norm, max(0, at - 200), at))
    start = stops[-1].end() if stops else max(0, at - 200)
    ranges = dates.range_within(Span(start, at))
    return ranges[-1] if ranges else None
