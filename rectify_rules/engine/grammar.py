"""The grammar of the rule expression language (pyparsing), built on the first parse.

Only loading a rule pack parses expressions; checking a notice evaluates the trees (expr.py),
so pyparsing is imported, and the grammar built, only when a pack is compiled from its files.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re

import pyparsing as pp

from .expr import ExprError


def _date_action(s: str, loc: int, toks: pp.ParseResults) -> tuple:
    try:
        return ("lit", _dt.date.fromisoformat(toks[0]))
    except ValueError:
        raise pp.ParseFatalException(s, loc, f"{toks[0]} is not a calendar date") from None


def _num_action(toks: pp.ParseResults) -> tuple:
    t = toks[0]
    return ("lit", float(t) if "." in t else int(t))


_PATH_RE = r"(?!(?:and|or|not|true|false|none)\b)[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\*\]|\[\d+\])*"
_SEG_RE = re.compile(r"\.([A-Za-z_]\w*)|\[(\*|\d+)\]")


def _path_action(toks: pp.ParseResults) -> tuple:
    text = toks[0]
    root = text.split(".", 1)[0].split("[", 1)[0]
    segs = []
    for m in _SEG_RE.finditer(text, len(root)):
        if m.group(1):
            segs.append(("attr", m.group(1)))
        elif m.group(2) == "*":
            segs.append(("all",))
        else:
            segs.append(("index", int(m.group(2))))
    return ("path", root, tuple(segs), text)


def _fold(toks: pp.ParseResults) -> tuple:
    items = list(toks[0]) if isinstance(toks[0], pp.ParseResults) else list(toks)
    node = items[0]
    for i in range(1, len(items), 2):
        op = items[i]
        node = (op, node, items[i + 1]) if op in ("and", "or") else ("bin", op, node, items[i + 1])
    return node


def _build() -> pp.ParserElement:
    expr = pp.Forward()
    lpar, rpar = pp.Suppress("("), pp.Suppress(")")
    date = pp.Regex(r"\d{4}-\d{2}-\d{2}(?![\w-])").set_parse_action(_date_action)
    num = pp.Regex(r"\d+(?:\.\d+)?(?![\w.])").set_parse_action(_num_action).set_name("number")
    string = (pp.QuotedString('"', esc_char="\\") | pp.QuotedString("'", esc_char="\\")
              ).set_parse_action(lambda t: ("lit", t[0]))
    const = (pp.Keyword("true").set_parse_action(lambda: ("lit", True))
             | pp.Keyword("false").set_parse_action(lambda: ("lit", False))
             | pp.Keyword("none").set_parse_action(lambda: ("lit", None)))
    fname = pp.Regex(r"[A-Za-z_]\w*(?=\s*\()")
    call = (fname + lpar + pp.Group(pp.Optional(pp.DelimitedList(expr))) + rpar
            ).set_parse_action(lambda t: ("call", t[0], tuple(t[1])))
    path = pp.Regex(_PATH_RE).set_parse_action(_path_action).set_name("fact path")
    atom = date | num | string | const | call | path | (lpar + expr + rpar)
    unary = pp.Forward()
    unary <<= (pp.Suppress("-") + unary).set_parse_action(lambda t: ("neg", t[0])) | atom
    term = (unary + pp.ZeroOrMore(pp.one_of("* /") + unary)).set_parse_action(_fold)
    arith = (term + pp.ZeroOrMore(pp.one_of("+ -") + term)).set_parse_action(_fold)
    comp = (arith + pp.Optional(pp.one_of("== != <= >= < >") + arith)).set_parse_action(_fold)
    neg = pp.Forward()
    neg <<= (pp.Keyword("not") + neg).set_parse_action(lambda t: ("not", t[1])) | comp
    conj = (neg + pp.ZeroOrMore(pp.Keyword("and") + neg)).set_parse_action(_fold)
    disj = (conj + pp.ZeroOrMore(pp.Keyword("or") + conj)).set_parse_action(_fold)
    expr <<= disj
    return expr


@functools.cache
def _grammar() -> pp.ParserElement:
    return _build()


def parse(text: str) -> tuple:
    """Parse *text* into an AST; raises ExprError with the column of the problem."""
    if not text.strip():
        raise ExprError("empty expression", 1)
    try:
        return _grammar().parse_string(text, parse_all=True)[0]
    except pp.ParseBaseException as e:
        near = text[e.loc:e.loc + 12] or "end of expression"
        msg = e.msg if isinstance(e, pp.ParseFatalException) else f"unexpected {near!r}"
        raise ExprError(f"syntax error at column {e.loc + 1} of {text!r}: {msg}", e.loc + 1) from None
