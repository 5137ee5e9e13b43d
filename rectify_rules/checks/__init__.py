"""The registry of named Python checks (rule kind ``check``).

A check is what an expression cannot say (a phone's validity, the region of an area code,
numbering continuity …). It receives the parsed notice and yields :class:`Hit` objects; the
engine turns each hit into a Finding using the rule's code, severity and message template
(``message.format(**hit.values)``).

Built-in checks live in the modules of this package and register themselves on import.
Plugins register through the entry-point group ``rectify_rules.checks``: each entry point
names either a callable, registered under the entry point's name, or a module that calls
:func:`register` when it is imported. A plugin that fails to load, or registers a name that is
taken, raises :class:`PluginError` (one line naming the entry point and its distribution).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from attrs import NOTHING, field, frozen
from attrs import fields as attrs_fields

from ..findings import Fix
from ..model import Notice, Span
from ..text import SourceText


@frozen(init=False)
class Hit:
    """One place a check found a defect."""

    span: Span
    values: dict[str, Any] = field(factory=dict, hash=False)
    related: tuple[tuple[Span, str], ...] = ()
    fix: Fix | None = None
    #: another finding of the rule, with its own message and a lower severity (the rule's
    #: ``[variants.NAME]``): "可能写有巡察起止日期，但未能识别：…" at info level
    variant: str | None = None
    #: places holding personal data, masked wherever the finding shows text (PRV rules)
    redact: tuple[Span, ...] = ()

    # written by hand (as Finding's): the slots set through their descriptors, ~0.3 µs less
    # than attrs' generated __init__, and checks yield ~80 hits a notice
    def __init__(self, span: Span, values: dict[str, Any] = NOTHING,  # type: ignore[assignment]
                 related: tuple[tuple[Span, str], ...] = (), fix: Fix | None = None,
                 variant: str | None = None, redact: tuple[Span, ...] = ()) -> None:
        _set_hspan(self, span)
        _set_hvalues(self, {} if values is NOTHING else values)
        _set_hrelated(self, related)
        _set_hfix(self, fix)
        _set_hvariant(self, variant)
        _set_hredact(self, redact)


(_set_hspan, _set_hvalues, _set_hrelated, _set_hfix, _set_hvariant, _set_hredact) = (
    Hit.__dict__[a.name].__set__ for a in attrs_fields(Hit))


@frozen
class Shown:
    """A value whose message text is not the engine's rendering of it: the finding's values
    keep ``value`` (typed: a number, a date or null), the message shows ``text`` ("无")."""

    value: Any
    text: str


@frozen
class CheckContext:
    """What a check (and an expression) can see of one notice."""

    notice: Notice
    #: original + normalised view; boilerplate is blanked in ``src.norm``
    src: SourceText
    #: the reference date: --as-of, else signature date, else publication date, else today
    as_of: _dt.date
    #: the rule's [options] table merged with configuration overrides
    options: Mapping[str, Any] = field(factory=dict, hash=False)


def anchor(notice: Notice, src: SourceText) -> Span:
    """Where a finding about something missing points: the title, else the first text line."""
    if notice.title is not None:
        return notice.title.span
    for span, line in src.lines():
        stripped = line.strip()
        if stripped:
            start = span.start + line.index(stripped)
            return Span(start, start + len(stripped))
    return Span(0, 0)


def last_line(src: SourceText) -> Span:
    """The last non-blank line of the body (boilerplate excluded)."""
    found = Span(len(src), len(src))
    for span, line in src.lines():
        stripped = line.strip()
        if stripped:
            start = span.start + line.index(stripped)
            found = Span(start, start + len(stripped))
    return found


CheckFn = Callable[[CheckContext], Iterable[Hit]]


class PluginError(Exception):
    """A check plugin (entry-point group ``rectify_rules.checks``) that cannot be used."""

_REGISTRY: dict[str, CheckFn] = {}
_loaded = False


def register(name: str) -> Callable[[CheckFn], CheckFn]:
    """Decorator: register *fn* as the check called *name* (kebab-case)."""

    def deco(fn: CheckFn) -> CheckFn:
        if name in _REGISTRY and _REGISTRY[name] is not fn:
            raise ValueError(f"check {name!r} is registered twice")
        _REGISTRY[name] = fn
        return fn

    return deco


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    import importlib
    import pkgutil

    for mod in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{mod.name}")
    for ep in _plugin_entry_points():
        dist = getattr(ep.dist, "name", None) or "?"
        where = f"check plugin {ep.name} = {ep.value} (distribution {dist})"
        try:
            obj = ep.load()
        except Exception as e:  # noqa: BLE001 — any import failure of foreign code
            problem = " ".join(str(e).split()) or type(e).__name__
            raise PluginError(f"{where}: cannot be loaded: {type(e).__name__}: {problem}") from e
        if callable(obj) and not isinstance(obj, type(importlib)):
            if ep.name in _REGISTRY and _REGISTRY[ep.name] is not obj:
                raise PluginError(f"{where}: the name {ep.name!r} is already a registered check")
            register(ep.name)(obj)
    _loaded = True


_GROUP = "rectify_rules.checks"


def _plugin_entry_points() -> list:
    """The entry points of the group, sorted by name. importlib.metadata costs ~25 ms to import
    (a tenth of a cold start), so it is asked only when some distribution may declare the
    group: an ``entry_points.txt`` on sys.path that names it, or a path entry or import
    finder this scan cannot see into."""
    if not _group_may_be_declared():
        return []
    from importlib.metadata import entry_points

    return sorted(entry_points(group=_GROUP), key=lambda e: e.name)


def _group_may_be_declared() -> bool:
    import os
    import sys
    from importlib.machinery import PathFinder

    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return True  # a finder of its own may hold distributions
    needle = _GROUP.encode()
    for entry in sys.path:
        if not isinstance(entry, str):
            return True
        try:
            found = os.scandir(entry or ".")
        except NotADirectoryError:
            return True  # a zip file on the path
        except OSError:
            continue
        with found:
            for e in found:
                if e.name.endswith((".dist-info", ".egg-info")):
                    where = os.path.join(e.path, "entry_points.txt")
                elif e.name.endswith(".egg"):
                    if not e.is_dir():
                        return True
                    where = os.path.join(e.path, "EGG-INFO", "entry_points.txt")
                else:
                    continue
                try:
                    with open(where, "rb") as f:
                        if needle in f.read():
                            return True
                except OSError:
                    continue
    return False


def get(name: str) -> CheckFn | None:
    _load_all()
    return _REGISTRY.get(name)


def names() -> list[str]:
    _load_all()
    return sorted(_REGISTRY)
