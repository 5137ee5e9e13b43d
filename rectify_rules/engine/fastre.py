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
"""

from __future__ import annotations

import re

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
