"""Named checks of the NUM rules: the outline's numbering (GB/T 9704-2012 7.3.3).

The standard orders heading levels 一、 > （一） > 1. > （1）. The outline parser
(:mod:`rectify_rules.parsing.outline`) gives every marker its style and level (from the style,
not from indentation); malformed markers (a lone ")", an unclosed "（一") keep their place in
the sequence with ``number=None``.

- NUM001 ``numbering-continuity``: per level among siblings, each number follows the previous
  one. A group's first number may be 1 (numbering restarts per group) or continue the last
  number of that level before it (seed-style "1.–4." under （一）, "5.–8." under （二）). A
  restart at 1 after several items is read as a new list, not as a repeat (precision first).
- NUM002 ``heading-level-order``: a list of a higher level begins right after a marker of a
  lower level and that lower level's numbering then continues ("1." … "（一）" "（二）" … "2."):
  the writer nested （一） under 1.. Reported once per pair of styles.
- NUM003 ``marker-style``: a style the standard does not use (1、 1． 1) (一) (1) …),
  reported once per style, at its first marker, naming the other styles seen at that level.
- NUM004 ``marker-malformed``: every malformed marker.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Marker, Node
from . import CheckContext, Hit, register
from .counts import provides

_CN_DIGITS = "〇一二三四五六七八九"
#: the standard style of each level (GB/T 9704-2012 7.3.3)
STANDARD = {1: "cn-dun", 2: "cn-paren", 3: "arabic-dot", 4: "arabic-paren"}
LEVEL_NAMES = {1: "第一层", 2: "第二层", 3: "第三层", 4: "第四层"}
#: how each style is written, with 1 as the number: for messages
_SHAPES = {
    "cn-dun": "{c}、", "cn-paren": "（{c}）", "cn-paren-half": "({c})", "cn-paren-mixed": "（{c})",
    "arabic-dot": "{a}.", "arabic-dot-fw": "{a}．", "arabic-dun": "{a}、",
    "arabic-paren": "（{a}）", "arabic-paren-half": "({a})", "arabic-paren-mixed": "（{a})",
    "arabic-half-paren": "{a})", "arabic-half-paren-fw": "{a}）", "circled": "{a}",
}
_NOTES = {
    "cn-paren-half": "半角括号", "cn-paren-mixed": "全角半角括号混用",
    "arabic-paren-half": "半角括号", "arabic-paren-mixed": "全角半角括号混用",
    "arabic-dot-fw": "全角点号", "arabic-dun": "顿号", "arabic-half-paren": "单个右括号",
    "arabic-half-paren-fw": "单个右括号",
}


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99; larger as digits)."""
    if n < 1 or n > 99:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


def shape(style: str, number: int) -> str:
    """How a marker of *style* with *number* is written: ("cn-paren", 2) → "（二）"."""
    pattern = _SHAPES.get(style, "{a}")
    if style == "circled":
        return chr(0x2460 + number - 1) if 1 <= number <= 20 else str(number)
    return pattern.format(c=cn_numeral(number), a=number)


def _text(m: Marker) -> str:
    return m.text.strip()


_LAST: list = [None, ()]  # [an outline, its markers]: one notice at a time


def _markers(outline: tuple[Node, ...]) -> tuple[Marker, ...]:
    """The markers of *outline* in document order, listed once per notice for NUM002–NUM004
    (one walk into a list, not a generator per node each rule: every node passed up through
    one generator per level)."""
    if _LAST[0] is not outline:
        out: list[Marker] = []
        _collect(outline, out)
        _LAST[:] = [outline, tuple(out)]
    return _LAST[1]


def _collect(nodes: tuple[Node, ...], out: list[Marker]) -> None:
    for n in nodes:
        if n.marker is not None:
            out.append(n.marker)
        if n.children:
            _collect(n.children, out)


def _sequence(nodes: tuple[Node, ...], last: dict[int, int], out: list[Hit],
              parent: Node | None = None) -> None:
    """Append to *out* the hits of *nodes* and of their descendants, depth first (a list, not
    nested generators: each hit would pass up through one generator per level)."""
    by_level: dict[int, list[Node]] = {}
    for n in nodes:
        if n.marker is not None:
            by_level.setdefault(n.marker.level, []).append(n)
    for level, group in by_level.items():
        prev: int | None = None
        prev_node: Node | None = None
        for n in group:
            num = n.marker.number
            if num is None:  # a malformed marker keeps its place in the sequence
                prev = (prev if prev is not None else last.get(level, 0)) + 1
                prev_node = n
                continue
            if prev is None:
                # the document's first headings may be an excerpt: only nested groups must
                # start at 1 (or continue the previous group's numbering)
                ok = parent is None or num == 1 or num == last.get(level, 0) + 1
                expected = 1
            else:
                expected = prev + 1
                ok = num == expected or (num == 1 and prev >= 2)
            if not ok:
                what = "重复" if prev is not None and num <= prev else "跳号"
                ref = prev_node or parent
                previous = _text(ref.marker) if ref is not None and ref.marker else "无"
                out.append(Hit(n.marker.span, {
                    "level": LEVEL_NAMES.get(level, f"第{level}层"), "kind": what,
                    "expected": shape(n.marker.style, expected), "found": _text(n.marker),
                    "previous": previous},
                    ((ref.marker.span, "上一个编号"),) if ref is not None and ref.marker else ()))
            prev, prev_node = num, n
        if prev is not None:
            last[level] = prev
    for n in nodes:
        if n.children:  # a leaf has no sequence of its own
            _sequence(n.children, last, out, n)


@register("numbering-continuity")
@provides("level", "kind", "expected", "found", "previous")
def numbering_continuity(ctx: CheckContext) -> Iterator[Hit]:
    """NUM001: numbering at one level skips or repeats."""
    out: list[Hit] = []
    _sequence(ctx.notice.outline, {}, out)
    return iter(out)


@register("heading-level-order")
@provides("outer", "inner", "outer_level", "inner_level")
def heading_level_order(ctx: CheckContext) -> Iterator[Hit]:
    """NUM002: a higher-level list nested under a lower-level item."""
    markers = _markers(ctx.notice.outline)
    seen: set[tuple[str, str]] = set()
    for i in range(1, len(markers)):
        x, y = markers[i - 1], markers[i]
        if x.malformed or y.malformed or y.number != 1 or x.number is None:
            continue
        if not (2 <= y.level < x.level <= 4):
            continue
        # the lower level's numbering goes on after the nested list: x was its parent
        resumed = False
        for z in markers[i + 1:]:
            if z.level < y.level:
                break
            if z.level == x.level and not z.malformed:
                resumed = z.number == x.number + 1
                break
        pair = (x.style, y.style)
        if not resumed or pair in seen:
            continue
        seen.add(pair)
        yield Hit(y.span, {"outer": _text(x), "inner": _text(y),
                           "outer_level": LEVEL_NAMES[x.level],
                           "inner_level": LEVEL_NAMES[y.level]},
                  ((x.span, "上一级编号"),))


@register("marker-style")
@provides("marker", "level", "standard", "note", "others")
def marker_style(ctx: CheckContext) -> Iterator[Hit]:
    """NUM003: a marker style the standard does not use, once per style."""
    markers = [m for m in _markers(ctx.notice.outline) if not m.malformed and m.level in STANDARD]
    styles_at: dict[int, list[str]] = {}
    for m in markers:
        if m.style not in styles_at.setdefault(m.level, []):
            styles_at[m.level].append(m.style)
    reported: set[str] = set()
    for m in markers:
        standard = STANDARD[m.level]
        if m.style == standard or m.style in reported:
            continue
        reported.add(m.style)
        others = [s for s in styles_at[m.level] if s != m.style]
        n = m.number or 1
        yield Hit(m.span, {
            "marker": _text(m), "level": LEVEL_NAMES[m.level], "standard": shape(standard, n),
            "note": _NOTES.get(m.style, "非标准样式"),
            "others": ("；同一层还用了" + "、".join(shape(s, n) for s in others)) if others else ""})


@register("marker-malformed")
@provides("marker", "reason")
def marker_malformed(ctx: CheckContext) -> Iterator[Hit]:
    """NUM004: a marker without its number or without its closing bracket."""
    for m in _markers(ctx.notice.outline):
        if not m.malformed:
            continue
        text = _text(m)
        if text in (")", "）"):
            reason = "只有右括号，缺少序号和左括号"
        elif text[:1] in ("(", "（"):
            reason = "缺少右括号"
        else:
            reason = "编号不完整"
        yield Hit(m.span, {"marker": text, "reason": reason})
