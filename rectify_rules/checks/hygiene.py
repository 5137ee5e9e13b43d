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
from bisect import bisect_left

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


#: a mark right after a space or a tab: next to Chinese only if Chinese stands past the blanks.
#: One pattern a blank: a pattern that starts with a literal is looked for ~6 times faster
#: than one that starts with a class ([ \t]).
_BLANK_MARKS = (re.compile(" [,;:?!()]"), re.compile("\t[,;:?!()]"))
_START = re.Match.start


def _half_marks(orig: str) -> list[int]:
    """The offsets of the half-width marks next to Chinese, in order.

    The offsets are taken by ``map`` (no Python loop over ~400 matches a notice), and only the
    few marks after a blank, found by a scan of their own, are judged by :func:`_spaced_mark`
    (not every mark's neighbour looked at)."""
    found = list(map(_START, _HALF_ZH.finditer(orig)))
    far = {m.end() - 1 for rx in _BLANK_MARKS for m in rx.finditer(orig)
           if not _spaced_mark(orig, m.end() - 1)}
    return [i for i in found if i not in far] if far else found


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
    for a, b in _skipped(orig, ctx.notice.boilerplate):  # taken out once, not per paragraph
        lo = bisect_left(halves, a)
        del halves[lo:bisect_left(halves, b, lo)]
    for p0, p1 in _paragraph_index(ctx.src).spans:
        lo = bisect_left(halves, p0)
        hi = bisect_left(halves, p1, lo)
        if lo == hi:
            continue
        i = halves[lo]
        context = orig[max(p0, i - 4):min(p1, i + 5)]
        if "\n" in context or "\r" in context:  # seldom: the regex substitution only then
            context = _LINE_BREAK.sub("", context)
        yield Hit(Span(i, i + 1), {"char": orig[i], "count": hi - lo, "context": context})


def _skipped(orig: str, junk: tuple[Span, ...]) -> list[tuple[int, int]]:
    """Where FMT003 never reports: line heads (see _HEAD), web addresses, boilerplate; as
    [start, end) stretches, which may overlap."""
    spans = [(m.start() + 1, m.end()) for m in _LINE_HEAD.finditer(orig)]
    m = _FIRST_HEAD.match(orig)
    if m:
        spans.append(m.span())
    if "://" in orig or "www." in orig:  # most notices have no web address: skip the scan
        spans += [m.span() for m in _MASK.finditer(orig)]
    spans += [(b.start, b.end) for b in junk]
    return spans


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


#: a line that ends a sentence (。！？ in the normalised view, then closing quotes or brackets,
#: then spaces or tabs) ends its paragraph even without a blank line after it: web pages and
#: .docx files put each paragraph on a line of its own, while a paragraph wrapped over lines
#: breaks mid-sentence.
_SENTENCE_MARKS = "。!?"
_CLOSING = "”’」』)】》\"'"
_LINE_BREAK = re.compile("[\r\n]")


def _paragraphs(src: SourceText) -> Iterator[tuple[int, int]]:
    """(start, end) of every paragraph of *src*'s normalised view (linear scan): a run of
    non-blank lines that ends at a blank line or after a line ending a sentence.

    Read from the non-blank lines the parser has already listed (:meth:`SourceText.content_lines`),
    not by splitting and stripping every line again; whether a line ends a sentence is read
    from its stripped text's last characters (a regex scan of the whole text for the sentence
    ends took as long as the rest)."""
    norm = src.norm
    start = end = None
    previous = -2  # the number of the last non-blank line
    for no, content, text, line in src.content_lines():
        if start is not None and no != previous + 1:  # a blank line came between
            yield start, end
            start = None
        if start is None:
            start = line.start
        end = line.end
        previous = no
        last = text[-1]
        if last in _CLOSING:
            last = text.rstrip(_CLOSING)[-1:]
        # the blanks stripped after the content may be spaces and tabs only
        if last and last in _SENTENCE_MARKS and (
                content.end == end or not norm[content.end:end].strip(" \t")):
            yield start, end
            start = None
    if start is not None:
        yield start, end


def paragraphs(src: SourceText) -> Iterator[Span]:
    """The paragraphs of *src* (runs of non-blank lines) as spans of the original text."""
    for s, e in _paragraphs(src):
        yield Span(s, e)
