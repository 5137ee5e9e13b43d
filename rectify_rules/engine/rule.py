"""Loaded rules: immutable values built once when a pack loads."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from attrs import field, frozen


@frozen
class Example:
    bad: str
    good: str
    genre: str | None = None
    as_of: _dt.date | None = None


@frozen(eq=False)
class Rule:
    code: str
    name: str
    severity: str
    kind: str
    applies_to: frozenset[str]
    message: str
    summary: str
    doc: dict[str, str] = field(factory=dict)
    options: dict[str, Any] = field(factory=dict)
    examples: tuple[Example, ...] = ()
    path: str = ""
    #: the kind's compiled data (expression trees, regexes …), see kinds_*.py
    spec: Any = None
    #: other findings a check rule makes, by name: (message, severity) — see docs/rules.md
    variants: dict[str, tuple[str, str]] = field(factory=dict)
    #: name → type of the values its findings carry (engine/values.py); None: not declared
    value_types: dict[str, str | None] | None = None

    @property
    def reference(self) -> str:
        return self.doc.get("reference", "")


@frozen(eq=False)
class RulePack:
    rules: tuple[Rule, ...] = ()

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {r.code: r for r in self.rules})

    _by_code: dict[str, Rule] = field(init=False, factory=dict, repr=False)

    def get(self, code: str) -> Rule | None:
        return self._by_code.get(code)

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.rules)


@frozen
class ExampleResult:
    code: str
    index: int
    which: str  # "bad" | "good" | "test" (a terms rule's `tests` entry)
    ok: bool
    detail: str = ""
