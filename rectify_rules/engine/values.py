"""The types of a rule's values (``Finding.values``): declared or derived, checked at load.

Every rule states what its findings carry, so that a table of findings has one type per value
name and rule: numbers are numbers, dates ISO strings (``"2021-06-30"``), texts strings.
A ``check`` rule declares them in its ``[values]`` table (``total = "integer"``); the other kinds
derive them: ``assert`` / ``require`` from their value expressions, ``pattern`` / ``terms`` /
``sequence`` / ``consistent`` from the kind. Any value may also be missing (``null``).
"""

from __future__ import annotations

import datetime as _dt
import re

from . import paths as P

#: the declarable types; "list of T" for a list of T (T one of these)
TYPES = ("text", "integer", "number", "date", "boolean")
_LIST = re.compile(r"list of (\w+)")
_FROM_EXPR = {P.NUMBER: "number", P.DATE: "date", P.TEXT: "text", P.BOOL: "boolean"}


def valid_type(t: object) -> bool:
    if not isinstance(t, str):
        return False
    m = _LIST.fullmatch(t)
    return (m.group(1) if m else t) in TYPES


def from_expression(t: object) -> str | None:
    """The value type of an expression type (``None`` when the engine cannot tell)."""
    if isinstance(t, P.ListT):
        inner = from_expression(P.scalar(t.elem))
        return f"list of {inner}" if inner else None
    return _FROM_EXPR.get(P.scalar(t))


def conforms(value: object, t: str) -> bool:
    """Whether a JSON value (as in ``Finding.values``) has type *t*; ``None`` always does."""
    if value is None:
        return True
    m = _LIST.fullmatch(t)
    if m:
        return isinstance(value, list) and all(conforms(v, m.group(1)) for v in value)
    if t == "text":
        return isinstance(value, str)
    if t == "boolean":
        return isinstance(value, bool)
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if t == "date":
        if not isinstance(value, str):
            return False
        try:
            return _dt.date.fromisoformat(value).isoformat() == value
        except ValueError:
            return False
    return False


def declared(c, raw: object, given: frozenset[str] | None) -> dict[str, str]:
    """A check rule's ``[values]`` table, validated; *given* = the names the check declares
    in Python (``@provides``), which must be exactly the names in the table."""
    from .errors import suggest

    if not isinstance(raw, dict):
        raise c.error("values", 'must be a table of name = "type" (text, integer, number, date, '
                                'boolean, "list of text" …)')
    for name, t in raw.items():
        if not valid_type(t):
            raise c.error(f"values.{name}", f"{t!r} is not a value type; types are "
                          f"{', '.join(TYPES)} or 'list of <type>'" + suggest(str(t), TYPES))
    if given is not None:
        missing = sorted(given - set(raw))
        if missing:
            raise c.error("values", f"the check also gives {', '.join(missing)}: declare "
                                    "their types too")
        extra = sorted(set(raw) - given)
        if extra:
            raise c.error(f"values.{extra[0]}", "the check gives no value of this name; it "
                          f"gives {', '.join(sorted(given))}" + suggest(extra[0], given))
    return dict(raw)
