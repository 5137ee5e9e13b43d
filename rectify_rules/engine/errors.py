"""Errors of the rule engine, each a single line a user can act on."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class RuleError(Exception):
    """A broken rule pack. ``str(e)`` is one line: ``path:line:col: key: problem (did you mean …?)``."""

    def __init__(self, path: str, line: int, col: int, key: str, problem: str) -> None:
        self.path, self.line, self.col, self.key, self.problem = path, line, col, key, problem
        super().__init__(f"{path}:{line}:{col}: {key}: {problem}")


class UnknownCodeError(ValueError):
    """--select / --ignore / --severity / options name a code or prefix no rule has."""


class OptionError(ValueError):
    """An option override that the rule does not declare, or of another type than the
    declared value (``[options.DAT008] months = "three"``). ``known`` are the rule's options;
    ``expected`` the declared value's type name when the type is wrong, else None."""

    def __init__(self, code: str, key: str, value: object, known: tuple[str, ...],
                 expected: str | None = None) -> None:
        self.code, self.key, self.value, self.known, self.expected = code, key, value, known, expected
        if expected is not None:
            text = f"options for {code}: {key} must be {expected}, not {value!r}"
        else:
            text = (f"options for {code}: unknown option {key!r}"
                    + (suggest(key, known) or f" (it has: {', '.join(known) or 'none'})"))
        super().__init__(text)


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or ``""``."""
    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
