"""Named checks of the FMT rules: text hygiene (brackets, punctuation width; doubled characters
are in :mod:`.doubled`).

Both scan the text paragraph by paragraph. A paragraph is a run of non-blank lines that ends
at a blank line or after a line that ends a sentence (。！？): a quote may open on one line and
close on the next line of the same paragraph, never across a paragraph break. Boilerplate is
already blanked in ``src.norm``; FMT003 reads ``src.original`` (the normalised view folds the
widths it must see) and skips boilerplate spans itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from bisect import bisect_left, bisect_right

from attrs import frozen

from ..model import Span
from ..text import SourceText
from . import CheckContext, Hit, register
from .counts import provides
from .doubled import doubled_characters, reduplications  # noqa: F401  (FMT001, kept importable here)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# ---- FMT002: unbalanced quotes and brackets ----------------------------------------------------

#: closer → the openers it closes (the normalised view folds （） to ()); 〔〕 and ﹝﹞ mix in
#: document numbers (泾招组办﹝2021〕8号) and close each other
_CLOSERS = {"”": "“", "’": "‘", "》": "《", ")": "(", "】": "【", "〕": "〔﹝", "﹞": "﹝〔",
            "〉": "〈", "」": "「", "』": "『"}
_PARTNER = {"“": "”", "‘": "’", "《": "》", "(": ")", "【": "】", "〔": "〕", "﹝": "﹞",
            "〈": "〉", "「": "」", "『": "』"}
_BRACKETS = re.compile("[“”‘’《》()【】〔〕﹝﹞〈〉「」『』]")
#: an enumeration marker closed by a lone ")": "1)" / "二)" / "a)" at a line start or after
#: a clause break ("包括:1)…;2)…"); NUM004 judges markers, not this rule. Matched in the
#: reversed text from the ")" leftwards (\Z there is the start of the text; \s covers the \n
#: before a line), so only the ")" in the text are ever looked at. A ":" between digits is a
#: clock time ("（工作日8:30—17:30）"), not a clause break: in the reversed text a digit follows it.
_ENUM_CLOSE_REV = re.compile(r"\)(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3}|[A-Za-z])?[ \t]*"
                             r"(?:(?=[\s,;。，；、])|(?=[:：](?![0-9]))|\Z)")


def _apostrophe(norm: str, i: int) -> bool:
    """’ between Latin letters is an apostrophe (don’t), not a closing quote."""
    return 0 < i < len(norm) - 1 and norm[i - 1].isascii() and norm[i - 1].isalpha() \
        and norm[i + 1].isascii() and norm[i + 1].isalpha()


@register("balanced-brackets")
@provides("char", "partner", "detail")
def balanced_brackets(ctx: CheckContext) -> Iterator[Hit]:
    """FMT002: an opening or closing quote / bracket / book-title mark without its partner."""
    norm, orig = ctx.src.norm, ctx.src.original
    rev = None
    for p0, p1 in _paragraph_index(ctx.src).spans:
        marks = _BRACKETS.findall(norm, p0, p1)
        if not marks:
            continue
        if ")" in marks:
            rev = norm[::-1] if rev is None else rev
            marks = _counted(norm, rev, p0, p1, marks)
        if _well_formed("".join(marks)):
            continue
        stack: list[int] = []
        for m in _BRACKETS.finditer(norm, p0, p1):
            i, ch = m.start(), m.group()
            if ch in _PARTNER:
                stack.append(i)
                continue
            if ch == ")":
                rev = norm[::-1] if rev is None else rev
                if _ENUM_CLOSE_REV.match(rev, len(norm) - 1 - i):
                    continue
            elif ch == "’" and _apostrophe(norm, i):
                continue
            openers = _CLOSERS[ch]
            if stack and norm[stack[-1]] in openers:  # the usual case, without the search below
                depth = len(stack) - 1
            else:
                depth = next((k for k in range(len(stack) - 1, -1, -1) if norm[stack[k]] in openers), None)
            if depth is None:
                yield _unmatched(orig, i, openers[0], closing=True)
                continue
            for j in stack[depth + 1:]:  # crossed nesting: what opened inside never closed
                yield _unmatched(orig, j, _PARTNER[norm[j]], closing=False)
            del stack[depth:]
        for j in stack:
            yield _unmatched(orig, j, _PARTNER[norm[j]], closing=False)


#: a partner pair side by side; 〔〕 and ﹝﹞ close each other (see _CLOSERS)
_PAIR = re.compile("“”|《》|\\(\\)|【】|[〔﹝][〕﹞]|〈〉|「」|『』")
#: the nesting depth up to which a paragraph's marks are judged well formed at once
_SHALLOW = 3


def _well_formed(marks: str) -> bool:
    """Whether *marks* (a paragraph's quotes and brackets, in order) pair up when every mark
    counts: then FMT002 reports nothing in the paragraph (every closer meets its opener on top
    of the stack, which ends empty); the caller leaves out the ")" that close an enumeration
    marker, and a ’, which may be an apostrophe, is never judged here. Pairs side by side are
    taken away, innermost first, at most :data:`_SHALLOW` times (linear); a deeper nesting
    is left to the stack."""
    if "’" in marks:
        return False
    for _ in range(_SHALLOW):
        marks = _PAIR.sub("", marks)
        if not marks:
            return True
    return False


def _counted(norm: str, rev: str, p0: int, p1: int, marks: list[str]) -> list[str]:
    """The *marks* of norm[p0:p1] without the ")" that close an enumeration marker (see
    _ENUM_CLOSE_REV), which the stack does not count either."""
    enumeration = []
    i = norm.find(")", p0, p1)
    while i >= 0:
        enumeration.append(_ENUM_CLOSE_REV.match(rev, len(norm) - 1 - i) is not None)
        i = norm.find(")", i + 1, p1)
    if not any(enumeration):
        return marks
    flags = iter(enumeration)  # the k-th ")" of marks is the k-th found
    return [m for m in marks if m != ")" or not next(flags)]


def _unmatched(orig: str, i: int, partner: str, *, closing: bool) -> Hit:
    ch = orig[i]
    if ch in "()" or partner in "()":  # show the width the author wrote
        partner = {"(": "（", ")": "）"}[partner] if ch in "（）" else partner
    detail = (f"本段有“{ch}”而之前没有与之对应的“{partner}”" if closing
              else f"本段有“{ch}”而之后没有与之对应的“{partner}”")
    return Hit(Span(i, i + 1), {"char": ch, "partner": partner, "detail": detail})


# ---- FMT003: half-width punctuation in Chinese sentences ---------------------------------------

_HALF = re.compile(r"[,;:?!()]")
#: CJK characters and full-width punctuation: what a Chinese sentence is made of
_ZH = re.compile(f"[{_CJK}\u3000-\u303f\uff01-\uff5e“”‘’…—]")
#: what is skipped at the head of a line: a whole line of web metadata (来源:… 发布时间:…
#: 浏览次数:…; [^\S\n] is a space, not a line break), else an outline marker ((一) (1) 1), whose
#: width NUM003 reports). Matched after each \n (a literal start the engine finds fast) and at 0.
#: Blank runs are possessive: two runs side by side were tried in every split of a long
#: line of blanks (quadratic in it).
_HEAD = (r"[^\S\n]*+(?:来源|信息来源|发布(?:时间|日期|机构)|时间|日期|作者|编辑|责任编辑|浏览(?:次数)?|"
         r"阅读(?:量|数)?|点击(?:量|数)?|字号|分享到?)[^\S\n]*+[:：][^\n]*"
         r"|[ \t\u3000]*+[(（]?[ \t]*+(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})[ \t]*+[)）]")
_LINE_HEAD = re.compile(f"\\n(?:{_HEAD})")
_FIRST_HEAD = re.compile(_HEAD)
#: web addresses, whose , ; : ? ( ) are not punctuation. (E-mail addresses need no mask: they
#: are made of letters, digits and . + - @ only, none of which FMT003 reports; a pattern for
#: them would try every CJK character as the start of a local part, quadratic in a sentence.)
_MASK = re.compile(r"(?:https?|ftp)://\S+|www\.[\w.-]+\S*")


#: a half-width mark next to Chinese: a Chinese character before or after it (spaces / tabs may
#: stand between). The pattern starts with the mark, so the engine skips to the marks and runs
#: its matcher there only (a leading look-around runs it at every position: twice the time).
#: Look-behinds have a fixed width, so "Chinese, then spaces, then the mark" is matched here as
#: "a space before the mark" and finished by :func:`_spaced_mark`.
_HALF_ZH = re.compile(f"[,;:?!()](?:(?<={_ZH.pattern}.)|(?=[ \t]*{_ZH.pattern})|(?<=[ \t].))")


def _half_marks(orig: str) -> list[int]:
    """The offsets of the half-width marks next to Chinese, in order."""
    found = [m.start() for m in _HALF_ZH.finditer(orig)]
    return [i for i in found if orig[i - 1] not in " \t" or _spaced_mark(orig, i)]


def _spaced_mark(orig: str, i: int) -> bool:
    """Whether the mark at *i* has Chinese after it or before it, spaces and tabs between."""
    return _zh_past_blanks(orig, i + 1, 1) or _zh_past_blanks(orig, i - 1, -1)


def _zh_past_blanks(orig: str, k: int, step: int) -> bool:
    """Whether a Chinese character comes first from offset *k* on in direction *step*, past
    spaces and tabs."""
    while 0 <= k < len(orig) and orig[k] in " \t":
        k += step
    return 0 <= k < len(orig) and _ZH.match(orig, k) is not None


@register("half-width-punctuation")
@provides("char", "count", "context")
def half_width_punctuation(ctx: CheckContext) -> Iterator[Hit]:
    """FMT003: , ; : ? ! ( ) inside Chinese text; one finding per paragraph (the first one)."""
    orig = ctx.src.original
    if _HALF.search(orig) is None:
        return
    halves = _half_marks(orig)
    skip = _skipped(orig, ctx.notice.boilerplate)
    for p0, p1 in _paragraph_index(ctx.src).spans:
        lo, hi = bisect_left(halves, p0), bisect_left(halves, p1)
        if lo == hi:
            continue
        first, count = lo, hi - lo
        j0, j1 = bisect_right(skip.ends, p0), bisect_left(skip.starts, p1)
        for a, b in zip(skip.starts[j0:j1], skip.ends[j0:j1]):  # skipped stretches in the paragraph
            inside = bisect_left(halves, a, lo, hi), bisect_left(halves, b, lo, hi)
            count -= inside[1] - inside[0]
            if inside[0] == first:
                first = inside[1]
        if count == 0:
            continue
        i = halves[first]
        context = orig[max(p0, i - 4):min(p1, i + 5)]
        if "\n" in context or "\r" in context:  # seldom: the regex substitution only then
            context = _LINE_BREAK.sub("", context)
        yield Hit(Span(i, i + 1), {"char": orig[i], "count": count, "context": context})


@frozen
class _Intervals:
    """Disjoint sorted [start, end) intervals, for bisect look-ups."""

    starts: list[int]
    ends: list[int]


def _skipped(orig: str, junk: tuple[Span, ...]) -> _Intervals:
    """Where FMT003 never reports: line heads (see _HEAD), web addresses, boilerplate."""
    spans = [(m.start() + 1, m.end()) for m in _LINE_HEAD.finditer(orig)]
    m = _FIRST_HEAD.match(orig)
    if m:
        spans.append(m.span())
    if "://" in orig or "www." in orig:  # most notices have no web address: skip the scan
        spans += [m.span() for m in _MASK.finditer(orig)]
    spans += [(b.start, b.end) for b in junk]
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if a >= b:
            continue
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return _Intervals(starts, ends)


@frozen
class _Paragraphs:
    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...]


_LAST_PARAGRAPHS: list = [None, None]  # [the norm string, its _Paragraphs]: one notice at a time


def _paragraph_index(src: SourceText) -> _Paragraphs:
    """The paragraphs of *src*, computed once per text and shared by FMT002 and FMT003
    (the cache holds the last text only: rules run notice by notice)."""
    if _LAST_PARAGRAPHS[0] is not src.norm:
        spans = tuple(_paragraphs(src))
        _LAST_PARAGRAPHS[:] = [src.norm, _Paragraphs(spans, tuple(s for s, _ in spans))]
    return _LAST_PARAGRAPHS[1]


#: a line that ends a sentence (。！？ in the normalised view, then closing quotes or brackets)
#: ends its paragraph even without a blank line after it: web pages and .docx files put each
#: paragraph on a line of its own, while a paragraph wrapped over lines breaks mid-sentence.
#: Multiline: ``$`` is the end of every line, so one scan finds them all.
_SENTENCE_END = re.compile("[。!?][”’」』)】》\"']*[ \t]*$", re.MULTILINE)
_LINE_BREAK = re.compile("[\r\n]")


def _paragraphs(src: SourceText) -> Iterator[tuple[int, int]]:
    """(start, end) of every paragraph of *src*'s normalised view (linear scan): a run of
    non-blank lines that ends at a blank line or after a line ending a sentence.

    Read from the non-blank lines the parser has already listed (:meth:`SourceText.content_lines`)
    and one scan for the sentence ends, not by splitting and stripping every line again."""
    sentence_ends = {m.end() for m in _SENTENCE_END.finditer(src.norm)}
    start = end = None
    previous = -2  # the number of the last non-blank line
    for line in src.content_lines():
        if start is not None and line.no != previous + 1:  # a blank line came between
            yield start, end
            start = None
        if start is None:
            start = line.line.start
        end = line.line.end
        previous = line.no
        if end in sentence_ends:
            yield start, end
            start = None
    if start is not None:
        yield start, end


def paragraphs(src: SourceText) -> Iterator[Span]:
    """The paragraphs of *src* (runs of non-blank lines) as spans of the original text."""
    for s, e in _paragraphs(src):
        yield Span(s, e)
