"""The normalised view of a notice's text, and offsets → line/column.

Design choice: every normalisation step maps ONE code point to ONE code point, so the
normalised view has exactly the length of the original and the offset map between them
is the identity. A span found in ``norm`` is already a span of the original; nothing has to
be translated back, and nothing can be translated wrongly. What the folding does:

- full-width ASCII (U+FF01–U+FF5E: ０–９ Ａ–Ｚ ， ： （ ） ； ．…) → its half-width form;
- U+3000 ideographic space, NBSP, zero-width spaces and a stray BOM → " ";
- CRLF → " " + LF (the CR becomes a space), a lone CR → LF;
- traditional characters → simplified ones (notices reposted in 繁体: "巡視組…反饋了巡視意見"
  reads as "巡视组…反馈了巡视意见"), from the character table ``data/t2s.txt`` (OpenCC's t2s,
  one character at a time; see ``tools/build_t2s.py``), plus the few two-character words whose
  traditional form changes a character the table keeps ("瞭解", "答覆");
- web boilerplate (see :mod:`rectify_rules.parsing.boilerplate`) is blanked to spaces
  (line breaks kept) by :meth:`SourceText.without`.

``tests/test_text.py`` checks the length invariant on arbitrary text.

Pinyin inserted by repost sites after characters ("根據(jù)", "統(tǒng)一") cannot be folded
1:1: :func:`noise_spans` finds those insertions and :func:`compact` removes them, giving a
text to parse and the map of its offsets back to the original (see
:func:`rectify_rules.parsing.parse_source`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .model import Span

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x200B: 0x20, 0x200C: 0x20, 0x200D: 0x20,
              0xFEFF: 0x20, 0x2060: 0x20, 0x0009: 0x20})
_FOLD_CHARS = {chr(k): chr(v) for k, v in _FOLD.items()}
#: any character that folds; a text holds few distinct ones, so folding replaces each of them
#: in one C-speed pass (str.translate looks every character of the text up in a dict: ~15× slower)
_FOLDABLE = re.compile("[\uff01-\uff5e\u3000\u00a0\u200b-\u200d\ufeff\u2060\t]")
_LONE_CR = re.compile(r"\r(?!\n)")
_NOT_NEWLINE = re.compile(r"[^\n]")


#: two-character words whose traditional form uses a character the character table keeps
#: (OpenCC converts them as phrases): same length both sides
_T2S_WORDS = {"瞭解": "了解", "答覆": "答复", "批覆": "批复", "回覆": "回复", "反覆": "反复"}
#: above this many distinct traditional characters one translate pass beats one replace each
_TRANSLATE_FROM = 24


@cache
def _t2s_pairs() -> tuple[dict[str, str], dict[int, int]]:
    """(char → char, ord → ord) of the character table, read once."""
    pairs: dict[str, str] = {}
    path = Path(__file__).resolve().parent / "data" / "t2s.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if len(line) == 2 and not line.startswith("#"):
            pairs[line[0]] = line[1]
    # a chain (薴→苧, 苧→苎) resolved to its end, so that folding is the same whichever
    # order the characters are replaced in (and the same as one translate pass)
    for k, v in pairs.items():
        seen = {k}
        while v in pairs and v not in seen:
            seen.add(v)
            v = pairs[v]
        pairs[k] = v
    return pairs, {ord(k): ord(v) for k, v in pairs.items()}


@cache
def _t2s() -> tuple[re.Pattern, dict[str, str], dict[int, int]]:
    """(a pattern matching any traditional character, char → char, ord → ord), made once."""
    pairs, table = _t2s_pairs()
    # a class of BMP characters compiles to a bitmap: one search costs ~10 µs per 1000 chars
    pattern = re.compile("[" + "".join(sorted(pairs)) + "]")
    return pattern, pairs, table


def fold_traditional(text: str) -> str:
    """*text* with traditional characters replaced by simplified ones (same length)."""
    pattern, pairs, table = _t2s()
    first = pattern.search(text)
    if first is None:  # simplified text: one scan, nothing else
        return text
    return _fold_found(text, set(pattern.findall(text, first.start())))


def _fold_found(text: str, found: set[str]) -> str:
    """*text* with the traditional characters *found* in it (not empty) folded."""
    pairs, table = _t2s_pairs()
    if len(found) > _TRANSLATE_FROM:
        out = text.translate(table)
    else:
        out = text
        for ch in found:
            out = out.replace(ch, pairs[ch])
    for word, simple in _T2S_WORDS.items():
        if word[0] in out:
            out = out.replace(word, simple)
    return out


@cache
def _fold_class() -> str:
    """The characters :func:`normalise` folds, as the inside of a class: the foldable ones and
    the traditional ones (the two sets are disjoint, and folding makes no traditional one)."""
    return _FOLDABLE.pattern[1:-1] + "".join(sorted(_t2s_pairs()[0]))


#: tone marks of pinyin (see :func:`noise_spans`): none of them folds
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_TONES = frozenset(_TONED)


@cache
def _to_fold_or_tone() -> re.Pattern:
    """A character :func:`normalise` folds, or a tone mark: the one large class the text is
    scanned with (compiled once, for both uses: :func:`scan_folds`)."""
    return re.compile("[" + _fold_class() + _TONED + "]")


def scan_folds(text: str) -> tuple[set[str], bool]:
    """(the characters of *text* that :func:`normalise` folds, whether *text* has a tone mark).

    The parser needs both of every text: what to fold, and whether a pinyin insertion can be
    there (:func:`noise_spans` finds none without a tone mark). One scan of the text gives them,
    instead of a scan for each."""
    found = set(_to_fold_or_tone().findall(text))
    if found.isdisjoint(_TONES):
        return found, False
    return found - _TONES, True


def normalise(text: str, found: set[str] | None = None) -> str:
    """Fold *text* for matching; the result has the same length as *text*.

    One scan finds every character to fold, foldable and traditional alike (as
    the plain form in tests/test_fast_input.py does in two: the text is read once, not twice).
    *found*: those characters, when :func:`scan_folds` has already found them."""
    out = _LONE_CR.sub("\n", text).replace("\r", " ") if "\r" in text else text
    if found is None:
        found = scan_folds(out)[0]
    if found:
        traditional = []
        for ch in found:
            simple = _FOLD_CHARS.get(ch)
            if simple is None:
                traditional.append(ch)
            else:
                out = out.replace(ch, simple)
        if traditional:
            out = _fold_found(out, set(traditional))
    assert len(out) == len(text)
    return out


#: one pinyin syllable in brackets right after a character: "據(jù)", "個(gè)", "們(men)"
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])[(（](?P<syl>[a-z{_TONED}]{{1,6}})[)）]")
_TONE = re.compile(f"[{_TONED}]")
#: the shape of a pinyin syllable (initial, then a final), tone marks folded away
_SYLLABLE = re.compile(r"(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?(?:[aeiouv]+(?:ng?|r)?)")
_PLAIN = str.maketrans({c: "aeiouv"[i // 4] if i < 24 else "v" for i, c in enumerate(_TONED)})
#: a site that inserts pinyin does it many times: untoned syllables ("(men)") count only then
_NOISE_MIN_TONED = 3


def noise_spans(text: str) -> tuple[Span, ...]:
    """The pinyin insertions of repost sites ("根據(jù)" → "(jù)"), in original offsets.

    A bracketed syllable with a tone mark after a character is an insertion; one without a
    tone mark ("(men)") only when the text has at least three toned ones. Cheap when there
    is none: one search for a tone mark in brackets."""
    if _TONE.search(text) is None:  # no tone mark anywhere: no insertion (one fast scan)
        return ()
    found = [m for m in _PINYIN.finditer(text)
             if _SYLLABLE.fullmatch(m.group("syl").translate(_PLAIN))]
    toned = sum(1 for m in found if _TONE.search(m.group("syl")))
    if toned == 0:
        return ()
    keep = found if toned >= _NOISE_MIN_TONED else [m for m in found if _TONE.search(m.group("syl"))]
    return tuple(Span(m.start(), m.end()) for m in keep)


class Compacted(NamedTuple):
    """A text with spans removed, and where each of its offsets lies in the original."""

    text: str
    #: ``origin[i]`` is the original offset of compact offset ``i`` (``i == len(text)`` too)
    origin: tuple[int, ...]

    def span(self, s: Span) -> Span:
        """The original span of compact span *s*: from its first to its last character."""
        start = self.origin[s.start]
        end = self.origin[s.end - 1] + 1 if s.end > s.start else start
        return Span(start, end)


def compact(text: str, spans: Iterable[Span]) -> Compacted:
    """*text* without *spans* (sorted, disjoint), with the offset map back to *text*."""
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    for s in sorted(spans):
        if s.start < pos:
            continue
        parts.append(text[pos:s.start])
        origin.extend(range(pos, s.start))
        pos = s.end
    parts.append(text[pos:])
    origin.extend(range(pos, len(text) + 1))
    return Compacted("".join(parts), tuple(origin))


class LineIndex:
    """Offsets ↔ 1-based (line, column) in code points of the original text."""

    __slots__ = ("_starts", "_len")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts
        self._len = len(text)

    def line_col(self, offset: int) -> tuple[int, int]:
        # clamped with comparisons, not max(0, min(…)): two builtin calls less per finding
        if offset < 0:
            offset = 0
        elif offset > self._len:
            offset = self._len
        starts = self._starts
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_bounds(self, line: int) -> tuple[int, int]:
        """(start, end) offsets of 1-based *line*, without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else self._len
        return start, max(start, end)

    def line_texts(self, text: str, rows: Iterable[int]) -> dict[int, str]:
        """{row: that line of *text*, without its line break} for each 1-based row of *rows*
        that the text has, in the order of *rows* (:meth:`line_bounds` for each, inlined: a
        batch asks for the ~50 lines its findings point at in every file)."""
        starts, count, size = self._starts, len(self._starts), self._len
        out = {}
        for row in rows:
            if 1 <= row <= count:
                start = starts[row - 1]
                end = starts[row] - 1 if row < count else size
                out[row] = text[start:end] if end > start else ""
        return out

    def line_span(self, line: int) -> Span:
        """The span of 1-based *line*, without its line break."""
        return Span(*self.line_bounds(line))

    @property
    def line_count(self) -> int:
        return len(self._starts)


class Line(NamedTuple):
    """A non-blank line of the normalised view."""

    no: int  # 0-based, counting the line breaks of the normalised view
    span: Span  # the line's content, surrounding blanks stripped
    text: str  # that content (normalised)
    line: Span  # the whole line, line break excluded


class SourceText:
    """The original text, its normalised view and its line index (built once per notice).

    The line spans of the normalised view are computed once and shared with the copies made
    by :meth:`without` (blanking keeps line breaks); the non-blank lines are computed once per
    view. Stages read them instead of splitting the text again."""

    __slots__ = ("original", "norm", "_index", "_line_spans", "_content")

    def __init__(self, original: str, norm: str | None = None) -> None:
        self.original = original
        self.norm = normalise(original) if norm is None else norm
        self._index: LineIndex | None = None
        self._line_spans: tuple[Span, ...] | None = None
        self._content: tuple[Line, ...] | None = None

    def __len__(self) -> int:
        return len(self.original)

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.original)
        return self._index

    def line_col(self, offset: int) -> tuple[int, int]:
        return self.index.line_col(offset)

    def slice(self, span: Span) -> str:
        return self.original[span.start:span.end]

    def without(self, spans: Iterable[Span]) -> SourceText:
        """A copy whose normalised view has *spans* blanked (line breaks kept).

        If this view's non-blank lines are known, the copy's are derived from them: only the
        lines a blanked span touches are read again (the others are the same lines)."""
        parts, pos, norm = [], 0, self.norm
        blanked = []
        for s in sorted(spans):
            start = max(s.start, pos)
            if start >= s.end:
                continue
            parts.append(norm[pos:start])
            parts.append(_NOT_NEWLINE.sub(" ", norm[start:s.end]))
            blanked.append((start, s.end))
            pos = s.end
        parts.append(norm[pos:])
        new = SourceText(self.original, "".join(parts))
        new._index = self._index
        new._line_spans = self._line_spans
        if self._content is not None:  # the parser lists them on both views: once is enough
            new._content = new._reread(self._content, blanked)
        return new

    def _reread(self, content: tuple[Line, ...], blanked: list[tuple[int, int]]) -> tuple[Line, ...]:
        """This view's non-blank lines, from *content* (those of the view it was made from by
        blanking the sorted, disjoint *blanked* ranges). Blanking never makes a blank line
        non-blank, so only the lines of *content* are candidates."""
        out: list[Line] = []
        norm, i = self.norm, 0
        for ln in content:
            while i < len(blanked) and blanked[i][1] <= ln.line.start:
                i += 1  # ranges wholly before this line
            if i < len(blanked) and blanked[i][0] < ln.line.end:  # touched: read it again
                line = _content_line(norm, ln.no, ln.line)
                if line is not None:
                    out.append(line)
            else:
                out.append(ln)
        return tuple(out)

    def line_spans(self) -> tuple[Span, ...]:
        """The span of every line of the normalised view, line break excluded (cached)."""
        if self._line_spans is None:
            spans, pos = [], 0
            for length in map(len, self.norm.split("\n")):
                spans.append(Span(pos, pos + length))
                pos += length + 1
            self._line_spans = tuple(spans)
        return self._line_spans

    def lines(self) -> Iterable[tuple[Span, str]]:
        """(span, normalised text) of every line, line break excluded."""
        norm = self.norm
        for span in self.line_spans():
            yield span, norm[span.start:span.end]

    def content_lines(self) -> tuple[Line, ...]:
        """Every non-blank line, its content stripped of surrounding blanks (cached)."""
        if self._content is None:
            # :func:`_content_line` inlined, each line's text taken from one split instead of
            # a slice per line, and each Line made without its Python-level __new__; the span
            # of a line made only for a line that is not blank (:meth:`line_spans` makes them
            # all, and few texts need them), and one span for both when nothing is stripped
            # (spans are immutable: most lines have no blanks around them)
            out, pos = [], 0
            for no, line in enumerate(self.norm.split("\n")):
                stripped = line.strip()
                if stripped:
                    whole = Span(pos, pos + len(line))
                    if len(stripped) == len(line):
                        content = whole
                    else:
                        start = pos + len(line) - len(line.lstrip())
                        content = Span(start, start + len(stripped))
                    out.append(_new_line(Line, (no, content, stripped, whole)))
                pos += len(line) + 1
            self._content = tuple(out)
        return self._content


_new_line = tuple.__new__


def _content_line(norm: str, no: int, span: Span) -> Line | None:
    """Line *no* (at *span*) of *norm* stripped of surrounding blanks, None if it is blank."""
    line = norm[span.start:span.end]
    stripped = line.strip()
    if not stripped:
        return None
    if len(stripped) == len(line):
        return Line(no, span, stripped, span)  # nothing stripped: one (immutable) span for both
    start = span.start + len(line) - len(line.lstrip())
    return Line(no, Span(start, start + len(stripped)), stripped, span)
