"""Named check of TRM002: one organisation or body named in variant forms in one notice.

TRM001 and TRM003 are declarative ``terms`` rules; only the name comparison needs code.

How names are found: every place where an organisation word ends (中心, 委员会, 党组, 党工委,
巡察组, 局, 办公室 …) closes a name whose start is not known, so every string of 5–20 CJK
characters ending there is a candidate ("泾县招商合作服务中心", "县招商合作服务中心", …), and
candidates are counted over the whole notice. A candidate seen once or rarely is a variant of a
more frequent one when it is that one with one character more or less, the edit lying inside the
name (the first character and the organisation word are shared, so a verb or preposition before
the name never makes two names differ). The longest such pair at one place is reported.

Precision first:
- the frequent form must be seen at least twice and more often than the variant;
- numerals are identities: 县委第二巡察组 and 县委第三巡察组 (or 第十二 and 第十) are different
  bodies and never compared; only a form that lacks the ordinal entirely (市委第巡察组 beside
  市委第四巡察组) is a variant, and then the full form is the right one whatever the counts;
- a particle (的, 之, 了 …) added or dropped is wording, not a different name; 分/总/子/副 make
  another body (自然资源局 and 自然资源分局); a doubled character is left to FMT001; a form
  with 第 and no numeral is never the right one; a candidate starting with a preposition
  (对, 向, 在 …) is a phrase, not a name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from ..engine.fastre import trie_pattern
from ..findings import Fix
from ..model import Span
from . import CheckContext, Hit, register
from .counts import provides

#: words that end the name of an organisation or body (longest first in the alternation)
_SUFFIXES = ("委员会", "管委会", "党工委", "纪工委", "巡察组", "巡视组", "巡察办", "巡视办", "办公室",
             "领导小组", "中心", "党组", "党委", "纪委", "监委", "工委", "支部", "总支", "政府", "公司",
             "医院", "学校", "法院", "检察院", "研究院", "研究所", "派出所", "中学", "小学", "街道",
             "组织部", "宣传部", "统战部", "工作部", "局")
#: the organisation words as a trie (the longest at a place, as a longest-first alternation
#: would match, one character tested a level: ~15 % faster); 局 not in 局面 / 局限 / 局势 / 局部
_SUFFIX = re.compile(trie_pattern(_SUFFIXES).replace("局", "局(?![面限势部])"))
_NUMERAL = frozenset("〇零一二三四五六七八九十百千万两0123456789")
_PARTICLES = frozenset("的之了等各和及与")
#: a character that makes another body of the same kind: 分局 / 局, 总公司 / 公司, 子公司, 副
_SUB_BODY = frozenset("分总子副")
#: a candidate starting with a preposition or particle is a phrase, not a name
_NOT_FIRST = frozenset("对向在由把将为与和从按经据给被于及的了是等")
_ORDINAL_GAP = re.compile(r"第(?![〇零一二三四五六七八九十百两0-9])")
MIN_LEN = 5
MAX_LEN = 20
#: matched in the reversed text: the CJK characters just before a place (at most MAX_LEN)
_CJK_BACK = re.compile(f"[\u4e00-\u9fff]{{0,{MAX_LEN}}}")


def _runs(norm: str) -> list[tuple[int, int, int, str]]:
    """(start, end, suffix length, text) of the CJK run (at most MAX_LEN characters) that ends
    at each organisation word, in order; runs too short for a name are left out. The candidate
    names are the run's tails of MIN_LEN characters or more that start with no preposition."""
    out = []
    rev = norm[::-1]  # the CJK run before a place is a match at its mirror in the reversed text
    size = len(norm)
    back = _CJK_BACK.match
    for m in _SUFFIX.finditer(norm):
        s, end = m.span()
        mirror = size - s
        start = max(s + mirror - back(rev, mirror).end(), end - MAX_LEN)
        if end - start >= MIN_LEN:
            out.append((start, end, end - s, norm[start:end]))
    return out


def _numeral_edit(short: str, long: str, i: int) -> str | None:
    """For an edit of a numeral at index *i* of *long*: "gap" when *short* lacks the ordinal
    entirely (第 followed by no numeral), "different" when both sides keep a numeral."""
    if long[i] not in _NUMERAL:
        return None
    left = short[i - 1] if i > 0 else ""
    right = short[i] if i < len(short) else ""
    if left in _NUMERAL or right in _NUMERAL:
        return "different"
    return "gap" if left == "第" else "different"


@register("organisation-name-variants")
@provides("variant", "variant_count", "canonical", "canonical_count")
def organisation_name_variants(ctx: CheckContext) -> Iterator[Hit]:
    """TRM002: a rare name that is a frequent one with one character more or less."""
    norm = ctx.src.norm
    runs = _runs(norm)
    # a name is a tail of its run, so all its places end alike: a run alone with its last
    # MIN_LEN characters has names seen once, which are variants at most (of a name seen
    # twice), never the right form. Those are not counted (a name missing from counts is seen
    # once), except in a run with 第: a name seen once with its ordinal is a right form
    # (see _indexes).
    # Every tail is counted, those starting with a preposition too (_indexes leaves them out:
    # no test a tail), and the suffix length is filed once a run, by its last MIN_LEN
    # characters, not once a name: the organisation word found at a name's end is always the
    # longest of _SUFFIXES that ends the name (no word of _SUFFIXES ends with a character
    # that begins a longer word ending in a shorter one: 党 of 党工委 / 工委; checked in
    # tests/test_fast_text_checks.py), and it is shorter than MIN_LEN.
    tails = [run[-MIN_LEN:] for _, _, _, run in runs]
    ends = Counter(tails)
    names: list[str] = []
    slen_of: dict[str, int] = {}  # last MIN_LEN characters → suffix length
    for (_, _, slen, run), tail in zip(runs, tails):
        if ends[tail] < 2 and "第" not in run:
            continue
        names += [run[k:] for k in range(len(run) - MIN_LEN + 1)]
        slen_of[tail] = slen
    counts = Counter(names)  # counted at C speed
    if not counts:
        return
    longer, shapes = _indexes(counts, lambda name: slen_of[name[-MIN_LEN:]])
    # the lengths a variant can have, by its last and its first character (bit n = length n);
    # every key is a candidate's first character, never one of _NOT_FIRST
    lengths: dict[str, dict[str, int]] = {}
    for (first, last, n) in longer:
        by_first = lengths.setdefault(last, {})
        by_first[first] = by_first.get(first, 0) | 1 << (n - 1)
    for (first, last, n) in shapes:
        by_first = lengths.setdefault(last, {})
        by_first[first] = by_first.get(first, 0) | 1 << (n + 1)
    edits: dict[tuple[str, int], list[tuple[str, int]]] = {}  # (name, slen) → [(canonical, i)]
    best: dict[int, tuple[int, int, str, str]] = {}  # edit offset → (start, end, variant, canonical)
    for start, e, slen, run in runs:  # the candidates in order: by place, then longest first
        masks = lengths.get(run[-1])
        if masks is None:
            continue
        size = len(run)
        heads = run[:size - MIN_LEN + 1]
        if masks.keys().isdisjoint(heads):  # most runs: one set operation, no loop
            continue
        for k in range(size - MIN_LEN + 1):
            if not masks.get(heads[k], 0) >> (size - k) & 1:
                continue  # no name it could be a variant of (the cheap test of _neighbours)
            name, s = run[k:], start + k
            found = edits.get((name, slen))
            if found is None:
                found = edits[(name, slen)] = [
                    (canonical, i) for canonical, edit, i in _neighbours(name, slen, counts, longer, shapes)
                    if _is_variant(name, canonical, edit, i, counts)]
            for canonical, i in found:
                where = s + i
                old = best.get(where)
                if old is None or e - s > old[1] - old[0]:
                    best[where] = (s, e, name, canonical)
    seen: set[tuple[int, int]] = set()
    for where in sorted(best):
        s, e, name, canonical = best[where]
        if (s, e) in seen:
            continue
        seen.add((s, e))
        first = norm.find(canonical)
        related = ((Span(first, first + len(canonical)), "多数写法"),) if first >= 0 else ()
        yield Hit(Span(s, e), {"variant": ctx.src.original[s:e], "variant_count": counts[name] or 1,
                               "canonical": canonical, "canonical_count": counts[canonical]}, related)


def _indexes(counts: Counter, slen_of: Callable[[str], int]) -> tuple[dict, set]:
    """The two look-ups :func:`_neighbours` needs, built only from names that can be the right
    form (a name starting with a preposition never is). An inner edit keeps the first and the
    last character, so names are filed by their shape (first character, last character,
    length); *slen_of* gives a name's suffix length:

    - longer: shape → [(name, the inner indexes whose removal may give a variant)] for a name
      seen at least twice (every inner index) or seen once with an ordinal after 第 (that
      index only: the gap case of :func:`_is_variant`);
    - shapes: the shapes of the names seen at least twice (a variant one character longer
      must reduce to one of them).
    """
    longer: dict[tuple[str, str, int], list[tuple[str, range | list[int]]]] = {}
    shapes: set[tuple[str, str, int]] = set()
    for name, n in counts.items():
        if n < 2 and "第" not in name or name[0] in _NOT_FIRST:  # most names: tested first
            continue
        inner_end = len(name) - slen_of(name)
        shape = (name[0], name[-1], len(name))
        if n >= 2:
            shapes.add(shape)
            positions: range | list[int] = range(1, inner_end)
        else:
            positions = [i for i in range(1, inner_end)
                         if name[i - 1] == "第" and name[i] in _NUMERAL]
        if positions:
            longer.setdefault(shape, []).append((name, positions))
    return longer, shapes


def _neighbours(name: str, slen: int, counts: Counter, longer: dict,
                shapes: set) -> Iterator[tuple[str, str, int]]:
    """(other name, "missing" | "extra", index) for every candidate one inner character away
    that :func:`_is_variant` could accept."""
    for other, positions in longer.get((name[0], name[-1], len(name) + 1), ()):
        for i in positions:  # name lacks other[i]
            if other[:i] == name[:i] and other[i + 1:] == name[i:]:
                yield other, "missing", i
    if (name[0], name[-1], len(name) - 1) not in shapes:
        return
    for i in range(1, len(name) - slen):  # name has an extra name[i]
        other = name[:i] + name[i + 1:]
        # only a name seen twice can be the right form of one with a character more (see
        # _is_variant), and counts may leave out names seen once
        if counts[other] >= 2 and len(other) >= MIN_LEN:
            yield other, "extra", i


def _is_variant(name: str, canonical: str, edit: str, i: int, counts: Counter) -> bool:
    short, long = (name, canonical) if edit == "missing" else (canonical, name)
    if long[i] in _PARTICLES or long[i] in _SUB_BODY:
        return False
    if long[i] == long[i - 1] or (i + 1 < len(long) and long[i] == long[i + 1]):
        return False  # a doubled character (对对园区): FMT001's business, not a second name
    if _ORDINAL_GAP.search(canonical):  # 市委第巡察组 is never the right form
        return False
    kind = _numeral_edit(short, long, i)
    if kind == "different":
        return False
    if kind == "gap":  # the form without its ordinal is the slip, whatever the counts
        return edit == "missing"
    return counts[canonical] >= 2 and counts[canonical] > counts[name]


# ---- TRM005: 巡视 and 巡察 mixed up -----------------------------------------------------------

#: 巡视 where it names this 巡察: 巡视整改 / 巡视反馈 / 巡视组 / 巡视意见 … (the reverse is not
#: judged: a 省委巡视 notice rightly has headings on the unit's own 巡察 work, "巡察整改和成果运用")
_XUNSHI = re.compile(r"巡视(?=整改|反馈|组|意见|发现|移交|工作领导小组)")
#: a word before it that names another inspection (省委巡视 in a county's 巡察 notice) or a
#: joint term (巡视巡察, 巡视、巡察, 巡视（巡察）)
_OTHER_BEFORE = re.compile(r"(?:中央|省委|省|自治区党委|区党委|党中央|上级|历次|各级|国家|巡视|巡察)[、和与及/（(]?$")
_JOINT_AFTER = re.compile(r"[、和与及/（(]?(?:巡视|巡察)")
#: headings deeper than this may name another inspection the unit answers to ("（四）省委巡视…")
_HEADING_DEPTH = 1


def _headings(nodes, depth: int = 0):
    for node in nodes:
        if node.marker is not None:
            yield node.title_span
        if depth + 1 < _HEADING_DEPTH:
            yield from _headings(node.children, depth + 1)


@register("inspection-kind-mixed")
@provides("wrong", "right", "text", "body")
def inspection_kind_mixed(ctx: CheckContext) -> Iterator[Hit]:
    """TRM005: a 巡察 notice whose title or first-level headings say 巡视整改."""
    n = ctx.notice
    body = n.inspection.body
    if body is None or body.kind != "巡察":
        return
    if any(m.kind is not None and m.kind != body.kind for m in n.inspection.mentions):
        return  # the notice names bodies of both kinds: 巡视 may be right where it stands
    pattern = _XUNSHI
    norm, orig = ctx.src.norm, ctx.src.original
    places = ([n.title.span] if n.title is not None else []) + list(_headings(n.outline))
    for place in places:
        for m in pattern.finditer(norm, place.start, place.end):
            s, e = m.start(), m.start() + 2
            if _OTHER_BEFORE.search(norm, max(place.start, s - 6), s) or _JOINT_AFTER.match(norm, e):
                continue
            yield Hit(Span(s, e), {"wrong": orig[s:e], "right": "巡察",
                                   "text": orig[s:min(place.end, m.end() + 2)], "body": body.raw},
                      related=((body.span, "巡察组"),), fix=Fix("巡察", Span(s, e), False))
