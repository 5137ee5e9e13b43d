"""Regular expressions from user rule packs: untrusted, so never able to hang a run.

A pattern in a user pack (``--rules DIR``, ``test-rules DIR``) is written in Python's syntax
and means what it means in Python. It runs on one of two engines (docs/limits.md):

1. **RE2** (google-re2, linear time in the text whatever the pattern) when the pattern uses
   only what RE2 can do with Python's meaning: literals, classes, groups, alternation, greedy
   and lazy repeats, ``^``/``$`` in MULTILINE mode, ``\\A``, ``\\Z``. The pattern is rebuilt
   from Python's own parse of it, so ``\\d``, ``\\w``, ``\\s`` keep Python's Unicode classes
   (RE2's are ASCII) and group numbers and names stay the same.
2. Otherwise (look-arounds, back-references, ``\\b``, ``$`` without MULTILINE, possessive
   repeats…), or when google-re2 is not installed: the ``regex`` package (Python-compatible
   V0 syntax) under a time budget per text; a pattern over it raises :class:`PatternTimeout`,
   which the engine reports as a note for that file and rule while the run goes on.

Patterns that can match the empty string are refused at load (:func:`compile_user`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # Python 3.11+
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

from ..limits import PATTERN_BUDGET_SECONDS


class PatternTimeout(Exception):
    """A user pattern ran past its time budget on one text."""

    def __init__(self, pattern: str, seconds: float) -> None:
        self.pattern, self.seconds = pattern, seconds
        super().__init__(f"正则表达式 {pattern[:60]!r} 超出时间预算（{seconds:g} 秒 CPU 时间）")


class _Unsupported(Exception):
    """The pattern uses something RE2 cannot do with Python's meaning."""


# --- Python's classes as explicit code point ranges (RE2's \d \w \s are ASCII only) -------

_CLASS_CACHE: dict[str, str] = {}


#: planes 4–16 hold no letter, digit or space (tags, variation selectors, private use and
#: unassigned code points): the classes are read from the first four planes
_PLANES_READ = 0x40000


def _py_class(shorthand: str) -> str:
    """The code point ranges Python's *shorthand* (\\d, \\w, \\s) matches, as RE2 class items."""
    if shorthand not in _CLASS_CACHE:
        every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, _PLANES_READ)))
        items = []
        for m in re.finditer(shorthand + "+", every):
            lo = ord(m.group()[0])
            hi = ord(m.group()[-1])
            items.append(_cp(lo) if lo == hi else f"{_cp(lo)}-{_cp(hi)}")
        _CLASS_CACHE[shorthand] = "".join(items)
    return _CLASS_CACHE[shorthand]


def _cp(code: int) -> str:
    ch = chr(code)
    return ch if ch.isascii() and ch.isalnum() else f"\\x{{{code:x}}}"


_CATEGORY = {_C.CATEGORY_DIGIT: (r"\d", False), _C.CATEGORY_NOT_DIGIT: (r"\d", True),
             _C.CATEGORY_SPACE: (r"\s", False), _C.CATEGORY_NOT_SPACE: (r"\s", True),
             _C.CATEGORY_WORD: (r"\w", False), _C.CATEGORY_NOT_WORD: (r"\w", True)}
_REPEATS = {_C.MAX_REPEAT: "", _C.MIN_REPEAT: "?"}
_MAXREPEAT = _C.MAXREPEAT
_RE2_MAX_COUNT = 1000


def _emit(seq, flags: int) -> str:
    return "".join(_emit_item(op, av, flags) for op, av in seq)


def _class_items(items) -> tuple[str, bool]:
    """(class body, negated) of an IN node."""
    out, negate = [], False
    for kind, value in items:
        if kind is _C.NEGATE:
            negate = True
        elif kind is _C.LITERAL:
            out.append(_cp(value))
        elif kind is _C.RANGE:
            out.append(f"{_cp(value[0])}-{_cp(value[1])}")
        elif kind is _C.CATEGORY and value in _CATEGORY:
            shorthand, negated = _CATEGORY[value]
            if negated:  # [\D…] cannot be written as ranges beside other items
                raise _Unsupported
            out.append(_py_class(shorthand))
        else:
            raise _Unsupported
    return "".join(out), negate


def _emit_item(op, av, flags: int) -> str:
    if op is _C.LITERAL:
        return _cp(av)
    if op is _C.NOT_LITERAL:
        return f"[^{_cp(av)}]"
    if op is _C.ANY:
        return "."
    if op is _C.IN:
        if len(av) == 1 and av[0][0] is _C.CATEGORY and av[0][1] in _CATEGORY:
            shorthand, negated = _CATEGORY[av[0][1]]
            return f"[{'^' if negated else ''}{_py_class(shorthand)}]"
        negated = [v for k, v in av if k is _C.CATEGORY and _CATEGORY.get(v, ("", False))[1]]
        if negated and not any(k is _C.NEGATE for k, _ in av):
            # [a\D] is "a, or not a digit": an alternation of classes (RE2 cannot put a
            # negated Unicode class beside other items)
            rest = [(k, v) for k, v in av if not (k is _C.CATEGORY and v in negated)]
            alts = [_emit_item(_C.IN, [(_C.CATEGORY, v)], flags) for v in negated]
            if rest:
                alts.insert(0, _emit_item(_C.IN, rest, flags))
            return "(?:" + "|".join(alts) + ")"
        body, negate = _class_items(av)
        if not body:
            raise _Unsupported
        return f"[{'^' if negate else ''}{body}]"
    if op is _C.BRANCH:
        return "(?:" + "|".join(_emit(alt, flags) for alt in av[1]) + ")"
    if op is _C.SUBPATTERN:
        group, add, remove, sub = av
        if (add | remove) & ~(re.IGNORECASE | re.DOTALL | re.MULTILINE):
            raise _Unsupported
        inner_flags = (flags | add) & ~remove
        on = "".join(f for f, bit in (("i", re.I), ("s", re.S), ("m", re.M)) if add & bit)
        off = "".join(f for f, bit in (("i", re.I), ("s", re.S), ("m", re.M)) if remove & bit)
        mods = f"{on}-{off}" if off else on
        body = _emit(sub, inner_flags)
        if mods:
            body = f"(?{mods}:{body})"
        if group is None:
            return f"(?:{body})"
        return f"({body})"  # names are given by number order; see compile_user
    if op in _REPEATS:
        low, high, item = av
        if low > _RE2_MAX_COUNT or (high is not _MAXREPEAT and high > _RE2_MAX_COUNT):
            raise _Unsupported
        body = _emit(item, flags)
        body = body if _atomic(item) else f"(?:{body})"
        if high is _MAXREPEAT:
            count = {0: "*", 1: "+"}.get(low, f"{{{low},}}")
        elif low == high:
            count = f"{{{low}}}"
        elif (low, high) == (0, 1):
            count = "?"
        else:
            count = f"{{{low},{high}}}"
        return body + count + _REPEATS[op]
    if op is _C.AT:
        if av is _C.AT_BEGINNING_STRING:
            return r"\A"
        if av is _C.AT_END_STRING:
            return r"\z"
        if av is _C.AT_BEGINNING:
            return "(?m:^)" if flags & re.MULTILINE else r"\A"
        if av is _C.AT_END and flags & re.MULTILINE:
            return "(?m:$)"
        raise _Unsupported  # $ before a final newline, \b, \B: no RE2 equivalent
    raise _Unsupported  # look-arounds, back-references, atomic groups, possessive repeats …


def _atomic(item) -> bool:
    """Whether *item* (a repeat's body) is one RE2 atom that takes a count as it is."""
    return len(item) == 1 and item[0][0] in (_C.LITERAL, _C.NOT_LITERAL, _C.ANY, _C.IN,
                                            _C.SUBPATTERN)


def to_re2(pattern: str, flags: int = 0) -> str | None:
    """*pattern* rewritten for RE2 with its Python meaning, or None when RE2 cannot say it."""
    try:
        tree = _P.parse(pattern, flags)
        all_flags = tree.state.flags
        if all_flags & (re.ASCII | re.LOCALE):
            return None
        body = _emit(tree, all_flags)
    except (_Unsupported, re.error, RecursionError):
        return None
    prefix = "".join(f for f, bit in (("i", re.I), ("s", re.S)) if all_flags & bit)
    return f"(?{prefix}){body}" if prefix else body


def can_match_empty(rx: re.Pattern) -> bool:
    """Whether *rx* can match the empty string somewhere (its shortest match is empty)."""
    try:
        return _P.parse(rx.pattern, rx.flags).getwidth()[0] == 0
    except Exception:  # the parser is Python's internal: when in doubt, ask the pattern
        return rx.search("") is not None


# --- the compiled user pattern -------------------------------------------------------------

_TEMPLATE = re.compile(r"\\g<([^>]*)>|\\([0-9]{1,2})|\\(.)|[^\\]+|\\", re.S)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "b": "\b",
            "\\": "\\"}


class _Re2Match:
    """A match of the RE2 engine with Python's ``expand`` (the binding's mangles non-ASCII)."""

    __slots__ = ("_m", "_names")

    def __init__(self, m, names: dict[str, int]) -> None:
        self._m, self._names = m, names

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._m.span(self._names.get(group, group))

    def group(self, group: int | str = 0) -> str | None:
        return self._m.group(self._names.get(group, group))

    def groupdict(self) -> dict[str, str | None]:
        return {name: self._m.group(i) for name, i in self._names.items()}

    def expand(self, template: str) -> str:
        return expand(template, self.group)


def expand(template: str, group) -> str:
    """*template* (a Python ``re.sub`` template) with ``group(name_or_number)`` filled in."""
    out = []
    for m in _TEMPLATE.finditer(template):
        ref = m.group(1) if m.group(1) is not None else m.group(2)
        if ref is not None:
            out.append(group(int(ref) if ref.isdigit() else ref) or "")
        elif m.group(3) is not None:
            out.append(_ESCAPES.get(m.group(3), "\\" + m.group(3)))
        else:
            out.append(m.group())
    return "".join(out)


class UserPattern:
    """A user pack's pattern: ``finditer`` over a text, linear (RE2) or under a budget."""

    def __init__(self, rx: re.Pattern, budget: float = PATTERN_BUDGET_SECONDS) -> None:
        self.pattern, self.flags = rx.pattern, rx.flags
        self.groups, self.groupindex = rx.groups, dict(rx.groupindex)
        self.budget = budget
        self._re2 = None
        translated = to_re2(rx.pattern, rx.flags & ~re.UNICODE)
        if translated is not None:
            try:
                import re2
            except ImportError:
                re2 = None
            if re2 is not None:
                options = re2.Options()
                options.log_errors = False
                try:
                    self._re2 = re2.compile(translated, options)
                except Exception:  # over RE2's memory budget, or a construct it refuses
                    self._re2 = None
        self.engine = "re2" if self._re2 is not None else "regex"
        self._flags = rx.flags
        self._regex = None
        if self._re2 is None:  # compiled now: a pattern regex refuses is refused at load
            self._compile_regex()

    def _compile_regex(self) -> None:
        import regex  # lazy: only for patterns (or texts) RE2 cannot take

        try:
            self._regex = regex.compile(self.pattern, (self._flags & ~re.UNICODE) | regex.V0)
        except regex.error as e:  # reported at load as a bad pattern, like re's errors
            raise re.error(f"{e} (the regex package)") from None

    def finditer(self, text: str) -> Iterator:
        """Every match in *text*; :class:`PatternTimeout` past the budget (regex engine)."""
        if self._re2 is not None:
            names = self.groupindex
            try:
                return iter([_Re2Match(m, names) for m in self._re2.finditer(text)])
            except UnicodeEncodeError:  # a lone surrogate (a JSON record's "\ud800"): RE2
                pass                    # reads UTF-8 only, so this text goes to regex
        if self._regex is None:
            self._compile_regex()
        try:  # all at once: the budget is the engine's time, not the caller's between matches
            return iter(list(self._regex.finditer(text, timeout=self.budget)))
        except TimeoutError:
            raise PatternTimeout(self.pattern, self.budget) from None

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r}, engine={self.engine!r})"


def compile_user(pattern: str, budget: float = PATTERN_BUDGET_SECONDS) -> UserPattern:
    """Compile a user pack's pattern; ``re.error`` for bad syntax, ``ValueError`` for one
    that can match the empty string."""
    rx = re.compile(pattern)
    if can_match_empty(rx):
        raise ValueError("matches the empty string")
    return UserPattern(rx, budget)
