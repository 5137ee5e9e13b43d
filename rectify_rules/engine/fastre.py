"""Faster regular expressions for the text kinds, matching exactly what the plain ones match.

- :func:`trie_pattern`: an alternation of literal words as a trie ("中国特色(?:社会主意|特设…)").
  Python's engine tries the alternatives of ``a|b|c`` one after another at every position; the
  trie tries one character per level. Children come before the end of a word and are greedy, so
  at each position the longest word matches, as in a longest-first alternation.
- :func:`with_prefilter`: ``(?=[first characters])(?:pattern)``. A pattern whose alternatives
  start with look-behinds (FMT004) makes the engine enter every alternative at every position;
  the look-ahead rejects most positions with one character test. A pattern the engine already
  starts fast (a literal or a class first) is left alone. Every non-empty match starts
  with one of those characters, so the matches are the same; a pattern that can match the empty
  string, ignores case, or starts with "any character" is returned unchanged.
- :class:`ByText`: a pattern of alternatives, each of those that do not start with a literal
  tried only over a text that holds what all of its matches hold ("年 " for
  "(?:20[0-9]{2})?年[ ]+月[ ]*日", "X" or "x" for "(?<![A-Za-z])[Xx]{2,}"). Most alternatives
  of the placeholder pattern find nothing in most notices, yet the engine enters each of them
  at every digit or wherever its look-behind stands; whether the text holds "年 " is one
  substring search (~1 ns a character, a class ~6 ns). An alternative that cannot match
  anywhere in the text changes nothing in what the others match: the matches are the same.
"""

from __future__ import annotations

import re
import sys

try:  # Python 3.11+
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

_END = ""  # the key marking the end of a word in a trie node
_CATEGORIES = {
    _C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_NOT_DIGIT: r"\D",
    _C.CATEGORY_SPACE: r"\s", _C.CATEGORY_NOT_SPACE: r"\S",
    _C.CATEGORY_WORD: r"\w", _C.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (_C.ASSERT, _C.ASSERT_NOT, _C.AT)
_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT) + ((_C.POSSESSIVE_REPEAT,)
                                             if hasattr(_C, "POSSESSIVE_REPEAT") else ())
_UNSAFE_FLAGS = re.IGNORECASE | re.VERBOSE | re.LOCALE


def trie_pattern(words) -> str:
    """A regular expression matching any of *words* (non-empty), the longest at a position."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[_END] = True
    return _emit(root)


def _emit(node: dict) -> str:
    branches = [re.escape(ch) + _emit(child) for ch, child in node.items() if ch != _END]
    if not branches:
        return ""
    if len(branches) == 1 and _END not in node:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if _END in node else body


def with_prefilter(rx: re.Pattern) -> re.Pattern:
    """*rx* with a look-ahead for the characters its matches can start with (or *rx* itself)."""
    if rx.flags & _UNSAFE_FLAGS:
        return rx
    try:
        parsed = _P.parse(rx.pattern, rx.flags)
        first = None if _fast_start(parsed) else _first(parsed)
    except Exception:  # the parser is internal to Python: any surprise means no prefilter
        return rx
    if first is None or first[1] or not first[0]:
        return rx
    try:
        fast = re.compile(f"(?=[{''.join(dict.fromkeys(first[0]))}])(?:{rx.pattern})", rx.flags)
    except re.error:
        return rx
    return fast if fast.groupindex == rx.groupindex and fast.groups == rx.groups else rx


def _char(code: int) -> str:
    return re.escape(chr(code))  # escapes - ] ^ [ \\ as well


def _fast_start(seq) -> bool:
    """Whether Python's engine already skips ahead to a first literal or class (as it does when
    the pattern starts with one, or with alternatives that each start with a literal)."""
    while seq and seq[0][0] is _C.SUBPATTERN and not seq[0][1][1]:
        seq = seq[0][1][3]
    if not seq:
        return False
    op, av = seq[0]
    if op is _C.BRANCH:
        return all(alt and alt[0][0] is _C.LITERAL for alt in av[1])
    return op in (_C.LITERAL, _C.IN)


def _first(seq) -> tuple[list[str], bool] | None:
    """(class items the first consumed character can be, whether *seq* can match empty);
    None when any character can come first."""
    items: list[str] = []
    for op, av in seq:
        found = _first_item(op, av)
        if found is None:
            return None
        items += found[0]
        if not found[1]:
            return items, False
    return items, True


def _first_item(op, av) -> tuple[list[str], bool] | None:
    if op is _C.LITERAL:
        return [_char(av)], False
    if op is _C.IN:
        out = []
        for kind, value in av:
            if kind is _C.LITERAL:
                out.append(_char(value))
            elif kind is _C.RANGE:
                out.append(f"{_char(value[0])}-{_char(value[1])}")
            elif kind is _C.CATEGORY and value in _CATEGORIES:
                out.append(_CATEGORIES[value])
            else:  # NEGATE and the rest
                return None
        return out, False
    if op is _C.BRANCH:
        out, empty = [], False
        for alt in av[1]:
            found = _first(alt)
            if found is None:
                return None
            out += found[0]
            empty = empty or found[1]
        return out, empty
    if op is _C.SUBPATTERN:
        _, add_flags, _, sub = av
        return None if add_flags & _UNSAFE_FLAGS else _first(sub)
    if op in _REPEATS:
        low, high, sub = av
        found = _first(sub)
        if found is None:
            return None
        if high == 0:
            return [], True
        return (found[0], True) if low == 0 else found
    if op in _ZERO_WIDTH:
        return [], True
    if getattr(_C, "ATOMIC_GROUP", None) is op:
        return _first(av)
    return None  # any character, a back-reference, a conditional group …


# ---- alternatives by text -----------------------------------------------------------------

#: a class of at most this many characters is a need ("one of these characters")
_SMALL_CLASS = 8


class ByText:
    """*rx* (alternatives ``A|B|…`` at its top level) run with only the alternatives whose
    needs the text meets (see the module doc). ``finditer`` takes and gives what
    ``re.Pattern.finditer`` does; an alternative with a group is always kept (dropping it
    would renumber the groups after it), except that a text that meets no alternative's
    needs gets no match at all."""

    def __init__(self, rx: re.Pattern) -> None:
        self.source = rx
        self.rx = with_prefilter(rx)  # when every alternative stays
        self.pattern, self.flags = rx.pattern, rx.flags
        self.groups, self.groupindex = rx.groups, rx.groupindex
        self.alternatives = _alternatives(rx)  # [(pattern, needs, has groups)] or None
        self._tested = [max(map(frozenset, needs), key=lambda n: min(map(len, n))) if needs
                        else None for _, needs, _ in self.alternatives or ()]
        self._compiled: dict[tuple[int, ...], re.Pattern] = {}

    def __getstate__(self) -> dict:  # pickled with the rule pack: the compiled subsets not
        return {"source": self.source}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["source"])

    def active(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> tuple[int, ...]:
        """The indexes of the alternatives whose need text[pos:endpos] meets. Each search for
        a string that is not there reads the whole text: one need an alternative is tested
        (its longest strings: the fewest places hold them), and each set once a call."""
        seen: dict[frozenset[str], bool] = {}
        out = []
        for i, need in enumerate(self._tested):
            if need is not None:
                met = seen.get(need)
                if met is None:
                    met = seen[need] = any(text.find(s, pos, endpos) >= 0 for s in need)
                if not met:
                    continue
            out.append(i)
        return tuple(out)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        if self.alternatives is None:
            return self.rx.finditer(text, pos, endpos)
        active = self.active(text, pos, endpos)
        if not active:
            return iter(())
        keep = tuple(i for i, (_, _, groups) in enumerate(self.alternatives)
                     if groups or i in active)
        if len(keep) == len(self.alternatives):
            return self.rx.finditer(text, pos, endpos)
        rx = self._compiled.get(keep)
        if rx is None:
            rx = self._compiled[keep] = with_prefilter(re.compile(
                "|".join(self.alternatives[i][0] for i in keep), self.flags))
        return rx.finditer(text, pos, endpos)


def by_text(rx: re.Pattern) -> re.Pattern | ByText:
    """*rx* as a :class:`ByText` when some alternative of it has needs, else
    :func:`with_prefilter` of *rx*."""
    guarded = ByText(rx)
    return guarded.rx if guarded.alternatives is None else guarded


def _alternatives(rx: re.Pattern) -> list[tuple[str, list[set[str]], bool]] | None:
    """(source, needs, has groups) of each top-level alternative of *rx*; None when no
    alternative has a need, or the pattern is one this cannot take apart safely (flags that
    change what a literal matches, global inline flags, a split that does not parse back)."""
    if rx.flags & _UNSAFE_FLAGS or rx.pattern.startswith("(?") and not rx.pattern.startswith(
            ("(?:", "(?=", "(?!", "(?<", "(?P")):
        return None
    try:
        parsed = _P.parse(rx.pattern, rx.flags)
        pieces = _split_top(rx.pattern)
        branches = (parsed[0][1][1] if len(parsed) == 1 and parsed[0][0] is _C.BRANCH
                    else [list(parsed)])
        if len(pieces) != len(branches):
            return None
        out = []
        for piece, branch in zip(pieces, branches):
            has_groups = "(" in piece and re.compile(piece, rx.flags).groups > 0
            # one starting with a literal is looked for as fast as its needs would be
            needs = [] if branch and branch[0][0] is _C.LITERAL else _needs(branch)
            out.append((piece, needs, has_groups))
        re.compile("|".join(p for p, _, _ in out), rx.flags)
    except Exception:  # a parser surprise
        return None
    return out if any(needs for _, needs, _ in out) else None


def _split_top(pattern: str) -> list[str]:
    """*pattern* cut at its top-level ``|`` (not inside a group, a class or an escape)."""
    pieces, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":  # a "]" first in a class is a character
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            pieces.append(pattern[start:i])
            start = i + 1
        i += 1
    pieces.append(pattern[start:])
    return pieces


def _needs(seq) -> list[set[str]]:
    """What every match of the parsed *seq* holds: sets of strings, each with a member in the
    match (a run of literal characters; a small class; a group of literal alternatives)."""
    needs: list[set[str]] = []
    run = ""
    for op, av in seq:
        if op is _C.LITERAL:
            run += chr(av)
            continue
        if (op in _REPEATS and 1 <= av[0] <= _SMALL_CLASS and len(av[2]) == 1
                and av[2][0][0] is _C.LITERAL):
            run += chr(av[2][0][1]) * av[0]  # "×{2,}": "××", then the run ends
            if av[1] == av[0]:
                continue
        elif op in _ZERO_WIDTH:
            continue  # a look-around consumes nothing: the literals around it are adjacent
        if run:
            needs.append({run})
            run = ""
        if op is _C.IN and len(av) <= _SMALL_CLASS and all(k is _C.LITERAL for k, _ in av):
            needs.append({chr(v) for _, v in av})
        elif op is _C.SUBPATTERN and not av[1] & _UNSAFE_FLAGS:
            needs += _needs(av[3])
        elif op is _C.BRANCH:
            words = [_literal(alt) for alt in av[1]]
            if all(words):
                needs.append(set(words))
        elif op in _REPEATS and av[0] >= 1:
            needs += _needs(av[2])
    if run:
        needs.append({run})
    return needs


def _literal(seq) -> str | None:
    """The text of *seq* when it is literal characters only."""
    if all(op is _C.LITERAL for op, _ in seq):
        return "".join(chr(av) for _, av in seq)
    return None


# ---- looked for where a match can start -----------------------------------------------------

#: a pattern whose matches start with at most this many characters is looked for by them
_FEW_STARTS = 12
#: one place tried costs about what the engine takes to step over this many characters
_CHARS_PER_PLACE = 64


def start_chars(rx: re.Pattern) -> str | None:
    """The characters that every match of *rx* starts with, when they are a few literal
    characters, no match is empty and the pattern's flags change no literal; else None."""
    if rx.flags & _UNSAFE_FLAGS:
        return None
    try:
        first = _first(_P.parse(rx.pattern, rx.flags))
    except Exception:  # the parser is internal to Python: any surprise means no start set
        return None
    if first is None or first[1] or not first[0]:
        return None
    chars: set[str] = set()
    for item in first[0]:
        if item in _CATEGORIES.values():  # \d, \s …: too many characters
            return None
        tokens = re.findall(r"\\.|.", item, re.DOTALL)  # an item is a character or a range
        if len(tokens) == 1:
            chars.add(tokens[0][-1])
        elif len(tokens) == 3 and tokens[1] == "-":
            low, high = ord(tokens[0][-1]), ord(tokens[2][-1])
            if high - low >= _FEW_STARTS:
                return None
            chars.update(map(chr, range(low, high + 1)))
        else:
            return None
    return "".join(sorted(chars)) if len(chars) <= _FEW_STARTS else None


class ByStart:
    """*rx* tried only at the places that hold one of its :func:`start_chars`, found with
    ``str.find`` (~0.15 ns a character). The engine steps over a text at ~6 ns a character
    when a pattern starts with a class or with alternatives (it takes no fast path for
    those), so a pattern that starts with rare characters (电 / 热 / 手 / 座 of a phone label)
    is found ten times faster. ``finditer`` takes and gives what ``re.Pattern.finditer`` does:
    no match is empty and each starts with one of those characters, so trying ``match`` at
    those places in order, from the end of the last match on, is what the engine's own scan
    does at them, and elsewhere it finds nothing. A text holding the characters at more than
    one place in :data:`_CHARS_PER_PLACE` is scanned by the engine."""

    def __init__(self, rx: re.Pattern, starts: str) -> None:
        self.rx, self.starts = rx, starts
        self.pattern, self.flags = rx.pattern, rx.flags
        self.groups, self.groupindex = rx.groups, rx.groupindex

    def __getstate__(self) -> dict:
        return {"rx": self.rx, "starts": self.starts}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["rx"], state["starts"])

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        end = min(len(text), endpos)
        budget = max(0, end - pos) // _CHARS_PER_PLACE + 1
        places: list[int] = []
        find = text.find
        for ch in self.starts:
            i = find(ch, pos, end)
            while i >= 0:
                places.append(i)
                if len(places) > budget:
                    return self.rx.finditer(text, pos, endpos)
                i = find(ch, i + 1, end)
        if len(self.starts) > 1:
            places.sort()
        return self._at(text, places, endpos)

    def _at(self, text: str, places: list[int], endpos: int):
        match = self.rx.match
        done = -1
        for i in places:
            if i < done:
                continue  # inside the last match: the scan went on from its end
            m = match(text, i, endpos)
            if m is not None:
                done = m.end()
                yield m


def by_start(rx: re.Pattern) -> re.Pattern | ByStart:
    """*rx* as a :class:`ByStart` when its matches start with a few characters and the engine
    has no fast path of its own for it (a pattern that starts with a literal has one)."""
    starts = start_chars(rx)
    if starts is None:
        return rx
    try:
        parsed = _P.parse(rx.pattern, rx.flags)
    except Exception:  # pragma: no cover - start_chars parsed it already
        return rx
    if len(starts) == 1 and parsed and parsed[0][0] is _C.LITERAL:
        return rx
    return ByStart(rx, starts)
