"""The rule expression language: parsed once at load time (grammar.py), evaluated per notice.

AST nodes are tuples: ``("lit", value)``, ``("path", root, segs, text)``, ``("call", name, args)``,
``("bin", op, left, right)`` for + - * / and comparisons, ``("and"|"or", l, r)``, ``("not", x)``,
``("neg", x)``. :func:`infer` type-checks a tree against the model (load time); :func:`evaluate`
computes it. Missing values are ``None`` and make comparisons and arithmetic ``None``
(not applicable); ``and`` / ``or`` / ``not`` follow three-valued logic.
"""

from __future__ import annotations

import datetime as _dt
import operator

from . import paths as P
from .errors import suggest

NUMBER, DATE, TEXT, BOOL, ANY, NONE = P.NUMBER, P.DATE, P.TEXT, P.BOOL, P.ANY, P.NONE
FUNCTIONS = ("exists", "count", "len", "sum", "min", "max", "days", "months", "abs")
_KEYWORDS = ("and", "or", "not", "true", "false", "none")


class ExprError(Exception):
    """A syntax or type error; ``col`` is 1-based within the expression (0 when unknown)."""

    def __init__(self, message: str, col: int = 0) -> None:
        super().__init__(message)
        self.col = col


# ---- parsing (engine/grammar.py) -------------------------------------------------------

#: an expression longer than this, or nested deeper (operators and brackets), is refused at
#: load: the grammar and the type checker recurse, and a rule states one condition
MAX_CHARS = 2000
MAX_DEPTH = 100


def parse(text: str) -> tuple:
    """Parse *text* into an AST; raises ExprError with the column of the problem."""
    if not text.strip():
        raise ExprError("empty expression", 1)
    if len(text) > MAX_CHARS:
        raise ExprError(f"expression longer than {MAX_CHARS} characters", 1)
    from .grammar import parse as parse_text  # pyparsing: only when a pack is compiled

    try:
        node = parse_text(text)
    except RecursionError:
        raise ExprError(f"expression nested too deeply: {text[:40]!r}…", 1) from None
    if _depth(node) > MAX_DEPTH:
        raise ExprError(f"expression nested deeper than {MAX_DEPTH} levels: {text[:40]!r}…", 1)
    return node


def _depth(node: tuple) -> int:
    """Depth of an AST (iteratively: the tree may be deeper than Python's stack)."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        item, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((x, d + 1) for x in item if isinstance(x, tuple) and x and isinstance(x[0], str))
        for x in item:
            if isinstance(x, tuple) and x and isinstance(x[0], tuple):  # call arguments
                stack.extend((a, d + 1) for a in x)
    return deepest


# ---- types --------------------------------------------------------------------------------

class Scope:
    """What names an expression may use: ``it`` (inside for_each), ``options.*``, ``as_of``."""

    def __init__(self, it: object = None, options: dict | None = None) -> None:
        self.it = it
        self.options = options or {}


def _value_type(v: object) -> object:
    if isinstance(v, bool):
        return BOOL
    if isinstance(v, (int, float)):
        return NUMBER
    if isinstance(v, str):
        return TEXT
    if isinstance(v, _dt.date):
        return DATE
    if v is None:
        return NONE
    if isinstance(v, list):
        return P.ListT(_value_type(v[0]) if v else ANY)
    return ANY


def _roots() -> dict[str, object]:
    from ..model import Notice
    return P.fields_of(Notice)


def path_type(node: tuple, scope: Scope) -> object:
    _, root, segs, text = node
    if root == "it":
        if scope.it is None:
            raise ExprError("'it' is only defined inside for_each")
        return P.path_type(scope.it, segs, "it", text)
    if root == "options":
        if not segs or segs[0][0] != "attr":
            raise ExprError("write options.<name>")
        name = segs[0][1]
        if name not in scope.options:
            raise ExprError(f"unknown option {name!r}; declare it in [options]"
                            + suggest(name, scope.options))
        return P.path_type(_value_type(scope.options[name]), segs[1:], f"options.{name}")
    if root == "as_of":
        return P.path_type(DATE, segs, "as_of")
    roots = _roots()
    if root not in roots:
        raise ExprError(f"unknown fact {root!r} in {text!r}"
                        + suggest(root, [*roots, "it", "options", "as_of"]))
    return P.path_type(roots[root], segs, root, text)


def _is(t: object, *kinds: object) -> bool:
    return t == ANY or t in kinds


def _elem(t: object) -> object:
    return P.scalar(t.elem) if isinstance(t, P.ListT) else t


def infer(node: tuple, scope: Scope) -> object:
    """The type of *node*; raises ExprError on a type error."""
    tag = node[0]
    if tag == "lit":
        return _value_type(node[1])
    if tag == "path":
        try:
            return path_type(node, scope)
        except P.PathError as e:
            raise ExprError(str(e)) from None
    if tag in ("and", "or"):
        for side in node[1:]:
            t = P.scalar(infer(side, scope))
            if not _is(t, BOOL):
                raise ExprError(f"'{tag}' needs true/false on both sides, got {P.type_name(t)}")
        return BOOL
    if tag == "not":
        t = P.scalar(infer(node[1], scope))
        if not _is(t, BOOL):
            raise ExprError(f"'not' needs true/false, got {P.type_name(t)}")
        return BOOL
    if tag == "neg":
        t = P.scalar(infer(node[1], scope))
        if not _is(t, NUMBER):
            raise ExprError(f"cannot negate a {P.type_name(t)}")
        return NUMBER
    if tag == "bin":
        return _infer_bin(node, scope)
    return _infer_call(node, scope)


def _infer_bin(node: tuple, scope: Scope) -> object:
    _, op, l, r = node
    lt, rt = P.scalar(infer(l, scope)), P.scalar(infer(r, scope))
    pair = f"{P.type_name(lt)} {op} {P.type_name(rt)}"
    for t in (lt, rt):
        if isinstance(t, P.ListT):
            raise ExprError(f"cannot use a list in {pair}: use count(), sum(), min() or max()")
        if t == NONE:
            raise ExprError(f"'none' in {pair} is never true or false: use exists(…) instead")
        if isinstance(t, P.ObjT):
            raise ExprError(f"cannot use a {t.cls.__name__} in {pair}: name one of its fields")
    if op in "+-*/":
        if not (_is(lt, NUMBER) and _is(rt, NUMBER)):
            hint = ": use days(d1, d2) for the days between dates" if DATE in (lt, rt) else ""
            raise ExprError(f"cannot compute {pair}{hint}")
        return NUMBER
    if lt != ANY and rt != ANY and lt != rt:
        raise ExprError(f"cannot compare {pair}")
    if op not in ("==", "!=") and not (_is(lt, NUMBER, DATE) and _is(rt, NUMBER, DATE)):
        raise ExprError(f"cannot order {pair}: only numbers and dates have an order")
    return BOOL


def _infer_call(node: tuple, scope: Scope) -> object:
    _, name, args = node
    if name not in FUNCTIONS:
        raise ExprError(f"unknown function {name!r}" + suggest(name, FUNCTIONS))
    types = [infer(a, scope) for a in args]
    arity = {"exists": 1, "count": 1, "len": 1, "days": 2, "months": 2, "abs": 1}
    if name in arity and len(args) != arity[name]:
        raise ExprError(f"{name}() takes {arity[name]} argument(s), got {len(args)}")
    if name in ("sum", "min", "max") and not args:
        raise ExprError(f"{name}() needs at least one argument")
    if name == "exists":
        return BOOL
    if name == "count":
        if not (isinstance(types[0], P.ListT) or types[0] == ANY):
            raise ExprError(f"count() needs a list, got {P.type_name(types[0])}")
        return NUMBER
    if name == "len":
        t = P.scalar(types[0])
        if not (isinstance(t, P.ListT) or _is(t, TEXT)):
            raise ExprError(f"len() needs a text or a list, got {P.type_name(t)}")
        return NUMBER
    if name in ("days", "months"):
        for t in types:
            if not _is(P.scalar(t), DATE):
                raise ExprError(f"{name}() needs two dates, got {P.type_name(P.scalar(t))}")
        return NUMBER
    if name == "abs":
        if not _is(P.scalar(types[0]), NUMBER):
            raise ExprError(f"abs() needs a number, got {P.type_name(P.scalar(types[0]))}")
        return NUMBER
    elems = {_elem(P.scalar(t)) for t in types} - {ANY}
    allowed = {NUMBER} if name == "sum" else {NUMBER, DATE}
    if not elems <= allowed or len(elems) > 1:
        shown = ", ".join(sorted(P.type_name(e) for e in elems))
        raise ExprError(f"{name}() needs {' or '.join(sorted(allowed))}s of one kind, got {shown}")
    return elems.pop() if elems else ANY


# ---- evaluation ---------------------------------------------------------------------------

class Env:
    """What one evaluation sees: the notice, the reference date, the options, ``it``."""

    __slots__ = ("notice", "as_of", "options", "it")

    def __init__(self, notice: object, as_of: _dt.date, options: dict, it: object = None) -> None:
        self.notice, self.as_of, self.options, self.it = notice, as_of, options, it

    def with_it(self, it: object) -> Env:
        return Env(self.notice, self.as_of, self.options, it)


def value(v: object) -> object:
    """Coerce a model value: Figure/Count → number, DateFact → date, TextFact → text."""
    cls = type(v)
    if cls in P.COERCE:
        return v.text if P.COERCE[cls] == TEXT else v.value
    return v


def resolve(node: tuple, env: Env) -> tuple[bool, list]:
    """(multi, [(raw value, span)]) of a path node."""
    _, root, segs, _ = node
    if root == "it":
        start = env.it
    elif root == "options":
        start, segs = env.options.get(segs[0][1]), segs[1:]
    elif root == "as_of":
        start = env.as_of
    else:
        start, segs = env.notice, (("attr", root), *segs)
    return P.resolve(start, segs)


def _flat(args: list) -> list:
    out = []
    for a in args:
        if isinstance(a, (list, tuple)):
            out.extend(value(x) for x in a if x is not None)
        elif a is not None:
            out.append(value(a))
    return out


def _months(d1: _dt.date, d2: _dt.date) -> int:
    m = (d2.year - d1.year) * 12 + d2.month - d1.month
    if m > 0 and d2.day < d1.day:
        m -= 1
    elif m < 0 and d2.day > d1.day:
        m += 1
    return m


_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
        "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
        ">": operator.gt, ">=": operator.ge}


def evaluate(node: tuple, env: Env) -> object:
    """The raw value of *node* (model objects kept, so callers can find spans)."""
    tag = node[0]
    if tag == "lit":
        return node[1]
    if tag == "path":
        multi, items = resolve(node, env)
        return [v for v, _ in items] if multi else items[0][0]
    if tag == "and":
        a = evaluate(node[1], env)
        if a is False:
            return False
        b = evaluate(node[2], env)
        return False if b is False else (None if a is None or b is None else True)
    if tag == "or":
        a = evaluate(node[1], env)
        if a is True:
            return True
        b = evaluate(node[2], env)
        return True if b is True else (None if a is None or b is None else False)
    if tag == "not":
        a = value(evaluate(node[1], env))
        return None if a is None else not a
    if tag == "neg":
        a = value(evaluate(node[1], env))
        return None if a is None else -a
    if tag == "bin":
        a, b = value(evaluate(node[2], env)), value(evaluate(node[3], env))
        if a is None or b is None or isinstance(a, list) or isinstance(b, list):
            return None
        try:
            return _OPS[node[1]](a, b)
        except (ZeroDivisionError, TypeError):
            return None
    return _call(node[1], [evaluate(a, env) for a in node[2]])


def _call(name: str, args: list) -> object:
    a = args[0] if args else None
    if name == "exists":
        return a is not None and not (isinstance(a, (list, tuple, str)) and not a)
    if name == "count":
        return sum(1 for x in a if x is not None) if isinstance(a, (list, tuple)) else 0
    if name == "len":
        v = value(a)
        return None if v is None else len(v)
    if name == "abs":
        v = value(a)
        return None if v is None else abs(v)
    if name in ("days", "months"):
        d1, d2 = value(a), value(args[1])
        if not isinstance(d1, _dt.date) or not isinstance(d2, _dt.date):
            return None
        return (d2 - d1).days if name == "days" else _months(d1, d2)
    vals = _flat(args)
    if name == "sum":
        return sum(vals)
    return (min if name == "min" else max)(vals) if vals else None


def check_bool(node: tuple, scope: Scope) -> None:
    t = P.scalar(infer(node, scope))
    if not _is(t, BOOL):
        raise ExprError(f"must be a condition (true/false), got a {P.type_name(t)}")


def paths_in(node: tuple) -> list[tuple]:
    """Every path node of *node*, left to right."""
    if node[0] == "path":
        return [node]
    if node[0] == "lit":
        return []
    kids = node[2] if node[0] == "call" else node[1:]
    return [p for k in kids if isinstance(k, tuple) for p in paths_in(k)]
