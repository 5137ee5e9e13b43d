"""Rule kinds over facts: require, assert, consistent, check (+ dispatch to the text kinds).

Each kind has its allowed keys (:data:`KEYS`), a compiler (TOML table → frozen spec, plus the
names its message may use; ``None`` = not known before run time) and a runner that yields
:class:`~rectify_rules.checks.Hit` objects with raw values (formatted later by the evaluator).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from attrs import frozen

from .. import checks  # imported once here, not in every run of a check rule
from ..checks import CheckContext, Hit, anchor
from ..model import Notice, Span
from ..text import SourceText
from . import expr as X
from . import kinds_text as T
from . import paths as P
from . import values as V

KEYS: dict[str, tuple[str, ...]] = {
    "require": ("require", "when", "values"),
    "assert": ("assert", "when", "for_each", "span", "related", "values"),
    "consistent": ("group",),
    "check": ("check", "values"),
    **T.KEYS,
}


@frozen(eq=False)
class RequireSpec:
    path: tuple
    when: tuple | None
    values: tuple[tuple[str, tuple], ...]


@frozen(eq=False)
class AssertSpec:
    test: tuple
    when: tuple | None
    for_each: tuple | None
    span: tuple | None
    related: tuple[tuple, ...]
    values: tuple[tuple[str, tuple], ...]


@frozen(eq=False)
class Group:
    label: str
    path: tuple
    by: tuple | None


@frozen(eq=False)
class ConsistentSpec:
    groups: tuple[Group, ...]


@frozen(eq=False)
class CheckSpec:
    name: str


def _values(c, data: dict, it: object = None) -> tuple[tuple[str, tuple], ...]:
    raw = data.get("values", {})
    if not isinstance(raw, dict):
        raise c.error("values", "must be a table of name = \"expression\"")
    return tuple((k, c.expression(f"values.{k}", v, it=it)) for k, v in raw.items())


def _when(c, data: dict, it: object = None) -> tuple | None:
    return c.expression("when", data["when"], it=it, boolean=True) if "when" in data else None


def _types(c, vals: tuple[tuple[str, tuple], ...], it: object = None) -> dict[str, str | None]:
    scope = X.Scope(it, c.options)
    return {k: V.from_expression(X.infer(node, scope)) for k, node in vals}


def compile_kind(kind: str, data: dict, c) -> tuple[object, dict[str, str | None] | None]:
    """The kind's spec and its values: name → type (None: a type the engine cannot tell);
    None for a check rule that declares no ``[values]``."""
    if kind in T.KEYS:
        return T.compile_kind(kind, data, c)
    if kind == "require":
        if "require" not in data:
            raise c.error("require", "missing: the fact path that must be present")
        node, _ = c.path("require", data["require"])
        vals = _values(c, data)
        spec = RequireSpec(node, _when(c, data), vals)
        return spec, {"path": "text", **_types(c, vals)}
    if kind == "assert":
        return _compile_assert(data, c)
    if kind == "consistent":
        return _compile_consistent(data, c)
    name = c.string(data, "check")
    fn = checks.get(name)
    if fn is None:
        from .errors import suggest
        known = checks.names()
        raise c.error("check", f"no check named {name!r} is registered"
                      + (suggest(name, known) or f" (known: {', '.join(known) or 'none'})"))
    given = getattr(fn, "values", None)
    given = frozenset(given) if given is not None else None
    if "values" in data:
        return CheckSpec(name), V.declared(c, data["values"], given)
    return CheckSpec(name), (dict.fromkeys(given) if given is not None else None)


def declared_variants(kind: str, spec) -> frozenset[str]:
    """The variant findings a check rule's check declares (``fn.variants``); none otherwise."""
    if kind != "check":
        return frozenset()
    return frozenset(getattr(checks.get(spec.name), "variants", ()))


def _compile_assert(data: dict, c) -> tuple[AssertSpec, dict[str, str | None]]:
    if "assert" not in data:
        raise c.error("assert", "missing: the condition that must hold")
    it = None
    each = None
    if "for_each" in data:
        each, t = c.path("for_each", data["for_each"])
        if not isinstance(t, P.ListT):
            raise c.error("for_each", f"{data['for_each']!r} is a {P.type_name(t)}, not a list")
        it = t.elem
    test = c.expression("assert", data["assert"], it=it, boolean=True)
    span = c.path("span", data["span"], it=it)[0] if "span" in data else None
    rel = data.get("related", [])
    if isinstance(rel, str):
        rel = [rel]
    if not isinstance(rel, list):
        raise c.error("related", "must be a list of fact paths")
    related = tuple(c.path("related", r, it=it)[0] for r in rel)
    vals = _values(c, data, it)
    spec = AssertSpec(test, _when(c, data, it), each, span, related, vals)
    return spec, _types(c, vals, it)


def _compile_consistent(data: dict, c) -> tuple[ConsistentSpec, dict[str, str | None]]:
    groups = data.get("group")
    if not isinstance(groups, list) or not groups or not all(isinstance(g, dict) for g in groups):
        raise c.error("group", "needs at least one [[group]] with label and path")
    out = []
    claims: str | None = None
    for i, g in enumerate(groups):
        c.unknown_keys(g, ("label", "path", "by"), f"group[{i}].")
        label = c.string(g, "label") if "label" in g else None
        if label is None:
            raise c.error(f"group[{i}]", "missing 'label'")
        if "path" not in g:
            raise c.error(f"group[{i}]", "missing 'path'")
        node, t = c.path(f"group[{i}].path", g["path"])
        if not isinstance(t, P.ListT):
            raise c.error(f"group[{i}].path", f"{g['path']!r} is one value, not a list of claims: use [*]")
        by = c.expression(f"group[{i}].by", g["by"], it=t.elem) if "by" in g else None
        out.append(Group(label, node, by))
        kind = V.from_expression(P.scalar(t.elem))
        if i and kind != claims:
            raise c.error(f"group[{i}].path", f"its claims are of type {kind}, those of the "
                          f"first group {claims}: put groups of another type in another rule "
                          "(a rule's values keep one type)")
        claims = kind
    return ConsistentSpec(tuple(out)), {"label": "text", "first": claims, "other": claims,
                                        "key": "text"}


# ---- running ------------------------------------------------------------------------------

def run(rule, notice: Notice, src: SourceText, env: X.Env) -> Iterable[Hit]:
    """The hits of *rule* on one notice (an iterable to consume once: no generator of its own
    that every hit would pass through)."""
    spec = rule.spec
    kind = rule.kind
    if kind == "check":
        return checks.get(spec.name)(CheckContext(notice, src, env.as_of, env.options))
    if kind in T.KEYS:
        return T.run(kind, spec, notice, src, env)
    if kind == "require":
        if spec.when is not None and X.evaluate(spec.when, env) is not True:
            return ()
        if not X._call("exists", [X.evaluate(spec.path, env)]):
            vals = {"path": spec.path[3], **{k: X.evaluate(e, env) for k, e in spec.values}}
            return (Hit(anchor(notice, src), vals),)
        return ()
    if kind == "assert":
        return _run_assert(spec, notice, src, env)
    return _run_consistent(spec, env)


def _first_span(node: tuple, env: X.Env) -> Span | None:
    for p in X.paths_in(node):
        _, items = X.resolve(p, env)
        for _, sp in items:
            if sp is not None:
                return sp
    return None


def _run_assert(spec: AssertSpec, notice: Notice, src: SourceText, env: X.Env) -> Iterator[Hit]:
    if spec.for_each is None:
        items = [(None, None)]
    else:
        multi, items = X.resolve(spec.for_each, env)
        if not multi:  # a list-valued path without [*]: iterate its elements
            v, sp = items[0]
            items = [(x, P.span_of(x) or sp) for x in v or () if x is not None]
    for item, item_span in items:
        e = env.with_it(item) if spec.for_each is not None else env
        if spec.when is not None and X.evaluate(spec.when, e) is not True:
            continue
        if X.evaluate(spec.test, e) is not False:
            continue
        span = None
        if spec.span is not None:
            span = next((sp for _, sp in X.resolve(spec.span, e)[1] if sp is not None), None)
        span = span or item_span or _first_span(spec.test, e) or anchor(notice, src)
        related = []
        for r in spec.related:
            for _, sp in X.resolve(r, e)[1]:
                if sp is not None and sp != span and all(sp != s for s, _ in related):
                    related.append((sp, ""))
        yield Hit(span, {k: X.evaluate(v, e) for k, v in spec.values}, tuple(related))


def _run_consistent(spec: ConsistentSpec, env: X.Env) -> Iterator[Hit]:
    for g in spec.groups:
        _, items = X.resolve(g.path, env)
        parts: dict[object, list] = {}
        for v, sp in items:
            key = X.value(X.evaluate(g.by, env.with_it(v))) if g.by is not None else None
            if X.value(v) is not None:
                parts.setdefault(key, []).append((X.value(v), sp))
        for key, claims in parts.items():
            first, first_span = claims[0]
            for other, sp in claims[1:]:
                if other != first and sp is not None:
                    rel = (first_span, "") if first_span is not None and first_span != sp else None
                    vals = {"label": g.label, "first": first, "other": other,
                            "key": "" if key is None else str(key)}
                    yield Hit(sp, vals, (rel,) if rel else ())
                    break
