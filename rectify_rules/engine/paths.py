"""Fact paths: the schema derived from the model's annotations, and resolution at run time.

A path is a root name followed by segments: ``.name`` (a field), ``[*]`` (every element of a
list; later segments map over the elements and missing values are dropped) and ``[N]`` (one
element). Types come from ``typing.get_type_hints`` on the attrs classes of
:mod:`rectify_rules.model`, plus a few whitelisted properties / methods (:data:`EXTRAS`).
"""

from __future__ import annotations

import datetime as _dt
import functools
import types
import typing

import attrs
from attrs import frozen

from .. import model as M
from .errors import suggest

NUMBER, DATE, TEXT, BOOL, ANY, NONE = "number", "date", "text", "bool", "any", "none"


@frozen
class ListT:
    elem: object


@frozen
class ObjT:
    cls: type


#: a Figure / Count is its number, a DateFact its date, a TextFact its text
COERCE: dict[type, str] = {M.Figure: NUMBER, M.Count: NUMBER, M.DateFact: DATE, M.TextFact: TEXT}

#: properties (read) and methods (called without arguments) usable in paths
EXTRAS: dict[type, dict[str, str]] = {
    M.DateFact: {"latest": "property"},
    M.Node: {"number": "property", "leaves": "method"},
    M.Notice: {"leaves": "method"},
}


def type_name(t: object) -> str:
    if isinstance(t, ListT):
        return f"list of {type_name(t.elem)}"
    if isinstance(t, ObjT):
        return t.cls.__name__
    return str(t)


def scalar(t: object) -> object:
    """The type a value of type *t* has in an operation (Figure → number …)."""
    if isinstance(t, ObjT) and t.cls in COERCE:
        return COERCE[t.cls]
    return t


def to_type(hint: object) -> object:
    if hint is type(None):
        return NONE
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if args and all(a in (int, float) for a in args):
            return NUMBER
        return to_type(args[0]) if len(args) == 1 else ANY
    if origin is typing.Literal:
        return TEXT if all(isinstance(a, str) for a in typing.get_args(hint)) else ANY
    if origin is tuple:
        args = typing.get_args(hint)
        return ListT(to_type(args[0]) if args else ANY)
    if hint is bool:
        return BOOL
    if hint in (int, float):
        return NUMBER
    if hint is str:
        return TEXT
    if hint is _dt.date:
        return DATE
    if isinstance(hint, type) and attrs.has(hint):
        return ObjT(hint)
    return ANY


@functools.cache
def fields_of(cls: type) -> dict[str, object]:
    """Field name → type for an attrs model class, plus its whitelisted extras."""
    hints = typing.get_type_hints(cls)
    out = {f.name: to_type(hints[f.name]) for f in attrs.fields(cls) if f.name in hints}
    for name in EXTRAS.get(cls, {}):
        fn = getattr(cls, name)
        fn = fn.fget if isinstance(fn, property) else fn
        out[name] = to_type(typing.get_type_hints(fn).get("return", object))
    return out


class PathError(Exception):
    pass


def path_type(root_t: object, segs: tuple, shown: str, full: str | None = None) -> object:
    """The type of a path starting at a value of type *root_t*; raises PathError."""
    t, multi = root_t, False
    done = shown
    for seg in segs:
        if seg[0] == "attr":
            name = seg[1]
            if isinstance(t, ListT):
                raise PathError(f"{done!r} is a list: write {done}[*].{name}")
            if t == ANY:
                continue
            if not isinstance(t, ObjT):
                raise PathError(f"{done!r} is a {type_name(t)} and has no field {name!r}")
            fields = fields_of(t.cls)
            if name not in fields:
                raise PathError(f"{t.cls.__name__} has no field {name!r} in {full or shown!r}"
                                + suggest(name, fields))
            t = fields[name]
            done = f"{done}.{name}" if done else name
        else:
            if t == ANY:
                continue
            if not isinstance(t, ListT):
                raise PathError(f"{done!r} is a {type_name(t)}, not a list: [..] does not apply")
            t = t.elem
            multi = multi or seg[0] == "all"
            done += "[*]" if seg[0] == "all" else f"[{seg[1]}]"
    return ListT(t) if multi else t


def span_of(v: object) -> M.Span | None:
    if isinstance(v, M.Span):
        return v
    s = getattr(v, "span", None)
    return s if isinstance(s, M.Span) else None


def _step(v: object, seg: tuple) -> object:
    if seg[0] == "attr":
        x = getattr(v, seg[1], None)
        if callable(x) and EXTRAS.get(type(v), {}).get(seg[1]) == "method":
            x = x()
        return x
    try:
        return v[seg[1]]
    except (IndexError, TypeError):
        return None


def resolve(root: object, segs: tuple) -> tuple[bool, list[tuple[object, M.Span | None]]]:
    """(multi, [(value, span of the nearest located ancestor)]).

    Single-valued paths give exactly one pair (value possibly None); ``[*]`` paths give one
    pair per present element (missing values are dropped).
    """
    items = [(root, span_of(root))]
    multi = False
    for seg in segs:
        out = []
        if seg[0] == "all":
            multi = True
            for v, sp in items:
                for e in v if isinstance(v, (tuple, list)) else ():
                    if e is not None:
                        out.append((e, span_of(e) or sp))
        else:
            for v, sp in items:
                nv = None if v is None else _step(v, seg)
                if nv is None and multi:
                    continue
                out.append((nv, span_of(nv) or sp))
        items = out
    return multi, items
