"""The numbered heading tree of a notice's body.

A marker starts a paragraph (a line of ``src.norm``, after optional indentation) and is
followed by text. Levels come from the marker STYLE, not from indentation, in the order of
GB/T 9704-2012 7.3.3 (一、 → 1, （一） → 2, 1. → 3, （1） → 4); variants map to the nearest
standard style (1、 and 1． like 1.; 1) like （1）; ① → 5).

``norm`` folds full-width brackets and dots to ASCII, so the style id is completed from the
ORIGINAL text at the marker span: a suffix tells full-width from half-width where the standard
form is full-width (``cn-paren`` = （一）, ``cn-paren-half`` = (一), ``cn-paren-mixed`` = （一)),
and ``arabic-dot-fw`` marks 1． (the standard dot is 1.). :func:`base_style` drops the suffix.

Malformed markers — a lone ``)`` with no number, an unclosed ``（一`` — become
``Marker(number=None, malformed=True)``. An unclosed one keeps the style its numeral implies;
a lone ``)`` takes the style and level of its siblings: the nearest well-formed bracket marker
before it, else the one after it.

Node spans: ``title`` runs from after the marker to the first sentence end (。 : ! ?) or the
line end (terminator excluded); ``body_span`` from after the terminator to the start of the
next node of any level (surrounding whitespace trimmed; empty when a child follows at once); ``span`` covers the marker, the title,
the body and all descendants. A closing paragraph (欢迎…监督, 联系电话, 特此通报 …) ends the
open node's body, so the last problem does not swallow the contact block and the signature.
"""

from __future__ import annotations

import re

import attrs

from ..model import Marker, Node, Span
from ..text import SourceText
from .numerals import cn_to_int

#: style id → level. Variant suffixes: -half / -mixed (brackets), -fw (full-width dot/paren).
STYLES: dict[str, int] = {
    "cn-dun": 1,                 # 一、
    "cn-paren": 2,               # （一）
    "cn-paren-half": 2,          # (一)
    "cn-paren-mixed": 2,         # （一) / (一）
    "arabic-dot": 3,             # 1.
    "arabic-dot-fw": 3,          # 1．
    "arabic-dun": 3,             # 1、
    "arabic-paren": 4,           # （1）
    "arabic-paren-half": 4,      # (1)
    "arabic-paren-mixed": 4,     # （1) / (1）
    "arabic-half-paren": 4,      # 1)
    "arabic-half-paren-fw": 4,   # 1）
    "circled": 5,                # ①
}
#: the style of a problem paragraph without a marker ("针对…的问题。"): such nodes have
#: ``marker=None``; see :mod:`rectify_rules.parsing.problems`.
UNNUMBERED = "unnumbered"

_CN = "一二三四五六七八九十百"
# group names: cd=cn-dun, cp=cn-paren, ad=arabic-dot, an=arabic-dun, ap=arabic-paren,
# ah=arabic-half-paren, ci=circled, cu / au = unclosed cn / arabic paren, lone = ")"
_MARKER = re.compile(
    rf"[ ]*(?:"
    rf"(?P<cd>[{_CN}]+)、"
    rf"|\((?P<cp>[{_CN}]+)\)"
    rf"|\((?P<ap>\d{{1,3}})\)"
    rf"|(?P<ad>\d{{1,3}})\.(?!\d(?!\d{{3}}年))"
    rf"|(?P<an>\d{{1,3}})、(?!\d+、)"
    rf"|(?P<ah>\d{{1,3}})\)"
    rf"|(?P<ci>[\u2460-\u2473])"
    rf"|\((?P<cu>[{_CN}]+)(?![{_CN})])"
    rf"|\((?P<au>\d{{1,3}})(?![\d)])"
    rf"|(?P<lone>\))"
    rf")[ ]*(?=[^\s])"
)
# after a marker, text must begin with something word-like (not a digit run such as "1.5")
_TEXT_START = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbfA-Za-z\"“‘《(\[]|\d{4}年")
_TITLE_END = re.compile(r"[。:!?]")
_CLOSING = re.compile(r"[ ]*(?:欢迎[\u4e00-\u9fff]{0,24}?监督|特此通报|联系(?:电话|方式|人)"
                      r"|举报电话|监督电话|如有意见)")
_BRACKET_STYLES = ("cn-paren", "arabic-paren", "arabic-half-paren")
#: what a marker or a closing paragraph begins with, blanks and digits aside (a digit: checked
#: with str.isdecimal, as \d reads one); a line whose text begins with none of them is neither,
#: and is passed over without trying the two patterns (tests/test_fast_layout.py checks the
#: characters against the patterns)
_LINE_FIRST = frozenset(_CN + "()" + "".join(map(chr, range(0x2460, 0x2474))) + "欢特联举监如")


def base_style(style: str) -> str:
    """The style without its width/mix suffix: ``cn-paren-half`` → ``cn-paren``."""
    for suffix in ("-half", "-mixed", "-fw"):
        if style.endswith(suffix) and style[: -len(suffix)] in STYLES:
            return style[: -len(suffix)]
    return style


def _bracket_variant(base: str, opening: str, closing: str) -> str:
    if opening == "（":
        return base if closing == "）" else base + "-mixed"
    return base + "-mixed" if closing == "）" else base + "-half"


def _read_marker(m: re.Match, original: str) -> tuple[str, int | None, bool, int, int] | None:
    """(style, number, malformed, start, end) of a marker match; None when not a marker."""
    kind = m.lastgroup
    g_start, g_end = m.span(kind)
    if kind in ("cd", "cp", "cu"):
        number = cn_to_int(m.group(kind))
    elif kind == "ci":
        number = ord(m.group(kind)) - 0x2460 + 1
    elif kind == "lone":
        number = None
    else:
        number = int(m.group(kind))
    if kind == "cd":
        return "cn-dun", number, False, g_start, g_end + 1
    if kind in ("cp", "ap"):
        start, end = g_start - 1, g_end + 1
        base = "cn-paren" if kind == "cp" else "arabic-paren"
        return _bracket_variant(base, original[start], original[end - 1]), number, False, start, end
    if kind == "ad":
        style = "arabic-dot-fw" if original[g_end] == "．" else "arabic-dot"
        return style, number, False, g_start, g_end + 1
    if kind == "an":
        return "arabic-dun", number, False, g_start, g_end + 1
    if kind == "ah":
        style = "arabic-half-paren-fw" if original[g_end] == "）" else "arabic-half-paren"
        return style, number, False, g_start, g_end + 1
    if kind == "ci":
        return "circled", number, False, g_start, g_end
    if kind == "cu":
        return "cn-paren", None, True, g_start - 1, g_end
    if kind == "au":
        return "arabic-paren", None, True, g_start - 1, g_end
    return "", None, True, g_start, g_end  # lone ")": style decided from its siblings


class _Raw:
    __slots__ = ("marker", "title", "title_span", "body_start", "body_end", "children")

    def __init__(self, marker: Marker, title: str, title_span: Span, body_start: int) -> None:
        self.marker = marker
        self.title = title
        self.title_span = title_span
        self.body_start = body_start
        self.body_end = body_start
        self.children: list[_Raw] = []


def _rstrip_end(norm: str, start: int, end: int) -> int:
    while end > start and norm[end - 1].isspace():
        end -= 1
    return end


def _scan(src: SourceText) -> tuple[list[_Raw], list[int]]:
    """Markers in document order, and the offsets where closing paragraphs begin."""
    norm, original = src.norm, src.original
    raws: list[_Raw] = []
    closings: list[int] = []
    # the non-blank lines only (computed once per text, shared with the other stages): a
    # marker and a closing paragraph both hold a character that is no blank
    for line in src.content_lines():
        first = line.text[0]
        if first not in _LINE_FIRST and not first.isdecimal():
            continue  # (the text of a line is stripped: the patterns' leading blanks are read)
        line_start, line_end = line.line.start, line.line.end
        m = _MARKER.match(norm, line_start, line_end)
        if m is None:
            c = _CLOSING.match(norm, line_start, line_end)
            if c is not None:
                closings.append(line_start)
            continue
        at = m.end()  # where the heading's text begins
        if not _TEXT_START.match(norm, at):
            continue
        read = _read_marker(m, original)
        if read is None:
            continue
        style, number, malformed, mstart, mend = read
        t_end_m = _TITLE_END.search(norm, at, line_end)
        t_end = _rstrip_end(norm, at, t_end_m.start() if t_end_m else line_end)
        body_start = t_end_m.end() if t_end_m else t_end
        # (arguments by position: the constructors are made ~40 times a notice)
        marker = Marker(original[mstart:mend], Span(mstart, mend), style, STYLES.get(style, 0),
                        number, malformed)
        raws.append(_Raw(marker, original[at:t_end], Span(at, t_end), body_start))
    return raws, closings


def _infer_lone(raws: list[_Raw]) -> None:
    """Give each lone ")" the style and level of its nearest bracket-style sibling."""
    def is_bracket(r: _Raw) -> bool:
        return not r.marker.malformed and base_style(r.marker.style) in _BRACKET_STYLES

    for i, r in enumerate(raws):
        if r.marker.style:
            continue
        ref = next((p for p in reversed(raws[:i]) if is_bracket(p)), None)
        ref = ref or next((n for n in raws[i + 1:] if is_bracket(n)), None)
        ref = ref or next((p for p in reversed(raws[:i]) if p.marker.style), None)
        style = ref.marker.style if ref else "arabic-half-paren"
        r.marker = attrs.evolve(r.marker, style=style, level=STYLES.get(style, 4))


def _freeze(r: _Raw) -> Node:
    # (comparisons, not calls of min and max: ~40 nodes a notice, most of them leaves)
    end = r.body_end if r.body_end > r.title_span.end else r.title_span.end
    if r.children:
        kids = tuple([_freeze(c) for c in r.children])
        for k in kids:
            if k.span.end > end:
                end = k.span.end
    else:
        kids = ()
    start = r.body_start if r.body_start < r.body_end else r.body_end
    return Node(r.marker, r.title, Span(r.marker.span.start, end), r.title_span,
                Span(start, r.body_end), kids)


def parse_outline(src: SourceText) -> tuple[Node, ...]:
    """The numbered heading tree of *src* (reads ``src.norm``; never raises)."""
    raws, closings = _scan(src)
    if not raws:
        return ()
    _infer_lone(raws)
    norm = src.norm
    ci = 0
    for i, r in enumerate(raws):
        limit = raws[i + 1].marker.span.start if i + 1 < len(raws) else len(norm)
        while ci < len(closings) and closings[ci] < r.body_start:
            ci += 1
        if ci < len(closings) and closings[ci] < limit:
            limit = closings[ci]
        start = r.body_start
        while start < limit and norm[start].isspace():
            start += 1
        r.body_start = start
        r.body_end = _rstrip_end(norm, start, limit)
    roots: list[_Raw] = []
    stack: list[_Raw] = []
    for r in raws:
        while stack and stack[-1].marker.level >= r.marker.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(r)
        stack.append(r)
    return tuple([_freeze(r) for r in roots])


def walk(nodes: tuple[Node, ...]):
    """Every node of *nodes* and their descendants, in document order."""
    for n in nodes:
        yield n
        yield from walk(n.children)
