"""The inspecting body, the kind of inspection and stated durations.

- :func:`find_bodies`: every mention of an inspecting body ("县委第二巡察组", "省委第三巡视组",
  "市委联动巡察组", "县委巡察二组", "县委第三轮巡察第二组", "市委第巡察组" — the ordinal
  written as "第" alone is *missing*, not omitted).
- :func:`find_kind`: 常规 / 专项 / 联动 / 回头看 / 机动 / 提级 in front of (or, for 回头看, after)
  巡察 / 巡视.
- :func:`find_durations`: "为期45天", "历时两个月", "经过两个月的整改"; vague phrases such as
  "三个月来" or "近年来" are not durations.

All matching runs on the normalised view; spans are original offsets.
"""

from __future__ import annotations

import re

from ..model import Duration, InspectionBody, Span, TextFact
from ..text import SourceText
from .numerals import cn_to_int

__all__ = ["find_bodies", "find_kind", "find_durations"]

_NUM = r"(?:[0-9]+|[〇零一二两三四五六七八九十]+)"
#: levels, longest first so "市委" wins over "市"
LEVELS = ("中央", "自治区党委", "省委", "市委", "州委", "盟委", "县委", "区委", "旗委",
          "党委", "党组", "省", "市", "县", "区")
#: the lookaheads let a scan skip, in one step, every character no match can begin with
_BODY_RE = re.compile(
    r"(?=[中自省市州盟县区旗党第联专机巡])"
    rf"(?P<level>{'|'.join(LEVELS)})?"
    rf"(?:第{_NUM}轮)?"  # the round: "县委第三轮巡察第二组"
    rf"(?:(?P<ord1>第)(?P<n1>{_NUM})?)?"
    r"(?P<mod>联动|联合|专项|机动)?"
    r"(?P<kind>巡视|巡察)"
    rf"(?:(?P<ord2>第)?(?P<n2>{_NUM}))?"
    r"组"
)

_KIND_RE = re.compile(
    r"(?P<a>常规|专项|联动|机动|提级)(?=巡察|巡视)"
    r"|(?:巡察|巡视)\s*[“\"‘']?(?P<b>回头看)"
    r"|(?P<c>回头看)[”\"’']?\s*(?=巡察|巡视)"
)

_UNIT = r"(?P<unit>天|日|个月|月|周|星期|年)"
_DURATION_RE = re.compile(
    rf"(?=[为历用经])(?P<verb>为期|历时|用时|经过|(?<![已曾])经)\s*(?P<n>{_NUM})\s*{_UNIT}"
    r"(?P<tail>(?:的|多)?(?:时间|集中|全面|认真|扎实)?(?:的)?(?:整改|集中整改|整改落实))?"
)
#: words around a duration that say what it measures
_RECTIFY_HINT = re.compile(r"整改")
_INSPECT_HINT = re.compile(r"巡察|巡视")


def find_bodies(src: SourceText, within: Span | None = None) -> tuple[InspectionBody, ...]:
    """Every mention of an inspecting body, in text order."""
    start, end = (within.start, within.end) if within else (0, len(src.norm))
    out: list[InspectionBody] = []
    for m in _BODY_RE.finditer(src.norm, start, end):
        has_ord = bool(m.group("ord1") or m.group("n2") or m.group("ord2"))
        if not (m.group("level") or has_ord):
            continue  # a bare "巡察组" names no body
        digits = m.group("n1") or m.group("n2")
        ordinal = cn_to_int(digits) if digits else None
        missing = bool(m.group("ord1")) and not m.group("n1") and not m.group("n2")
        span = Span(m.start(), m.end())
        out.append(InspectionBody(
            raw=src.slice(span), span=span, level=m.group("level"), kind=m.group("kind"),
            ordinal=ordinal, ordinal_missing=missing,
            joint=m.group("mod") in ("联动", "联合")))
    return tuple(out)


def find_kind(src: SourceText, within: Span) -> TextFact | None:
    """The kind of inspection (常规 / 专项 / 联动 / 回头看 / 机动) stated inside *within*."""
    m = _KIND_RE.search(src.norm, within.start, within.end)
    if m is None:
        return None
    group = next(g for g in ("a", "b", "c") if m.group(g))
    span = Span(m.start(group), m.end(group))
    return TextFact(src.slice(span), span)


def find_durations(src: SourceText,
                   inspection_spans: tuple[Span, ...] = ()) -> tuple[Duration, ...]:
    """Stated durations; *inspection_spans* are sentences that describe the inspection."""
    out: list[Duration] = []
    norm = src.norm
    for m in _DURATION_RE.finditer(norm):
        n = cn_to_int(m.group("n"))
        if not n:
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
                            subject=subject))
    return tuple(out)
