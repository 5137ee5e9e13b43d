"""Rule kinds over the text and the outline: pattern, terms, sequence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from attrs import frozen

from ..checks import Hit, Shown, anchor
from ..findings import Fix
from ..model import Node, Notice, Span
from ..text import SourceText, normalise
from . import expr as X
from .fastre import ByStart, ByText, by_start, by_text, trie_pattern
from .nearmiss import NearMisses
from .userre import UserPattern

KEYS: dict[str, tuple[str, ...]] = {
    "pattern": ("pattern", "text", "mode", "exceptions", "replacement", "safe"),
    "terms": ("term", "near_misses"),
    "sequence": ("tree", "check_first"),
}
_GROUP_REF = re.compile(r"\\g<([^>]*)>|\\(\d+)")


@frozen(eq=False)
class PatternSpec:
    regex: re.Pattern | ByText | ByStart | UserPattern
    text: object  # "norm" | "original" | a path node
    mode: str
    exceptions: tuple[re.Pattern | ByText | ByStart | UserPattern, ...]
    replacement: str | None
    safe: bool


@frozen(eq=False)
class Term:
    right: str
    wrong: tuple[str, ...]
    tests: tuple[str, ...]


@frozen(eq=False)
class TermsSpec:
    terms: tuple[Term, ...]
    wrong_re: re.Pattern
    right_re: re.Pattern
    right_of: dict[str, str]
    near: NearMisses | None = None   # slips nobody listed (near_misses = N characters)


@frozen(eq=False)
class SequenceSpec:
    tree: str
    check_first: bool


def _strings(c, key: str, v: object, *, allow_empty: bool = False) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(s, str) and s for s in v) or (not v and not allow_empty):
        raise c.error(key, "must be a list of non-empty strings")
    return tuple(v)


def compile_kind(kind: str, data: dict, c) -> tuple[object, dict[str, str]]:
    if kind == "pattern":
        return _compile_pattern(data, c)
    if kind == "terms":
        return _compile_terms(data, c)
    tree = c.string(data, "tree", required=False, default="outline", choices=("outline", "problems"))
    first = data.get("check_first", True)
    if not isinstance(first, bool):
        raise c.error("check_first", "must be true or false")
    return SequenceSpec(tree, first), {"expected": "integer", "found": "integer",
                                       "previous": "integer", "found_marker": "text",
                                       "previous_marker": "text"}


def _compile_pattern(data: dict, c) -> tuple[PatternSpec, dict[str, str]]:
    if "pattern" not in data:
        raise c.error("pattern", "missing: the regular expression")
    rx = c.regex("pattern", data["pattern"])
    text = data.get("text", "norm")
    if text not in ("norm", "original"):
        text = c.path("text", text)[0]
    mode = c.string(data, "mode", required=False, default="forbid", choices=("forbid", "require"))
    exc = tuple(c.regex("exceptions", e) for e in _strings(c, "exceptions", data.get("exceptions", []),
                                                          allow_empty=True))
    repl = data.get("replacement")
    if repl is not None:
        if not isinstance(repl, str):
            raise c.error("replacement", "must be a string (a re.sub template)")
        for m in _GROUP_REF.finditer(repl):
            ref = m.group(1) if m.group(1) is not None else m.group(2)
            ok = (ref.isdigit() and int(ref) <= rx.groups) or ref in rx.groupindex
            if not ok:
                raise c.error("replacement", f"refers to group {ref!r}, which the pattern does not have")
    safe = data.get("safe", False)
    if not isinstance(safe, bool):
        raise c.error("safe", "must be true or false")
    provided = dict.fromkeys(("match", *rx.groupindex), "text")
    if isinstance(rx, re.Pattern):  # the built-in pack's; a user pattern runs on its own engine
        rx = _fast(rx)
        exc = tuple(_fast(e) if isinstance(e, re.Pattern) else e for e in exc)
    return PatternSpec(rx, text, mode, exc, repl, safe), provided


def _fast(rx: re.Pattern) -> re.Pattern | ByText | ByStart:
    """*rx* as it runs fastest with the same matches (see :mod:`.fastre`)."""
    rx = by_text(rx)
    return by_start(rx) if isinstance(rx, re.Pattern) else rx


def _compile_terms(data: dict, c) -> tuple[TermsSpec, dict[str, str]]:
    raw = data.get("term")
    if not isinstance(raw, list) or not raw or not all(isinstance(t, dict) for t in raw):
        raise c.error("term", "needs at least one [[term]] with right and wrong")
    terms, right_of = [], {}
    for i, t in enumerate(raw):
        c.unknown_keys(t, ("right", "wrong", "tests"), f"term[{i}].")
        if "right" not in t or "wrong" not in t:
            raise c.error(f"term[{i}]", "needs both 'right' and 'wrong'")
        right = t["right"]
        if not isinstance(right, str) or not right:
            raise c.error(f"term[{i}].right", "must be a non-empty string")
        wrong = _strings(c, f"term[{i}].wrong", t["wrong"])
        for w in wrong:
            nw = normalise(w)
            if nw == normalise(right):
                raise c.error(f"term[{i}].wrong", f"{w!r} is the right form itself")
            if nw in right_of:
                raise c.error(f"term[{i}].wrong", f"{w!r} is listed twice")
            right_of[nw] = right
        terms.append(Term(right, wrong, _strings(c, f"term[{i}].tests", t.get("tests", []), allow_empty=True)))
    # tries: the longest wrong (right) form at each place, one character test per level
    wrong_re = re.compile(trie_pattern(right_of))
    right_re = re.compile(trie_pattern(normalise(t.right) for t in terms))
    near = None
    if "near_misses" in data:
        n = data["near_misses"]
        if isinstance(n, bool) or not isinstance(n, int) or n < 5:
            raise c.error("near_misses", "must be a whole number of characters, at least 5 "
                                         "(shorter forms have too many legitimate neighbours)")
        near = NearMisses((normalise(t.right) for t in terms), n)
    spec = TermsSpec(tuple(terms), wrong_re, right_re, right_of, near)
    return spec, {"wrong": "text", "right": "text"}


def _in_boilerplate(notice: Notice, span: Span) -> bool:
    return any(b.start < span.end and span.start < b.end for b in notice.boilerplate)


def run(kind: str, spec, notice: Notice, src: SourceText, env: X.Env) -> Iterator[Hit]:
    if kind == "pattern":
        return _run_pattern(spec, notice, src, env)
    if kind == "terms":
        return _run_terms(spec, notice, src)
    tree = notice.outline if spec.tree == "outline" else notice.problems
    return _run_sequence(tree, spec.check_first)


def _run_pattern(spec: PatternSpec, notice: Notice, src: SourceText, env: X.Env) -> Iterator[Hit]:
    if spec.text == "norm":
        sources = [(src.norm, 0, None)]
    elif spec.text == "original":
        sources = [(src.original, 0, None)]
    else:
        sources = [(src.norm[sp.start:sp.end], sp.start, sp)
                   for _, sp in X.resolve(spec.text, env)[1] if sp is not None]
    for text, offset, fact_span in sources:
        covers = [m.span() for e in spec.exceptions for m in e.finditer(text)]
        found = False
        for m in spec.regex.finditer(text):
            s, e = m.span()
            span = Span(offset + s, offset + e)
            if s == e or _in_boilerplate(notice, span) or any(a <= s and e <= b for a, b in covers):
                continue
            found = True
            if spec.mode == "forbid":
                vals = {"match": src.original[span.start:span.end],
                        **{k: v or "" for k, v in m.groupdict().items()}}
                fix = Fix(m.expand(spec.replacement), span, spec.safe) if spec.replacement is not None else None
                yield Hit(span, vals, (), fix)
        if spec.mode == "require" and not found and (fact_span is not None or notice.text.strip()):
            vals = {"match": "", **{k: "" for k in spec.regex.groupindex}}
            yield Hit(fact_span or anchor(notice, src), vals)


def _run_terms(spec: TermsSpec, notice: Notice, src: SourceText) -> Iterator[Hit]:
    norm = src.norm
    rights = None  # where the right forms are: looked for only once a wrong form is seen
    listed: list[tuple[int, int]] = []
    for m in spec.wrong_re.finditer(norm):
        s, e = m.span()
        span = Span(s, e)
        if rights is None:
            rights = [r.span() for r in spec.right_re.finditer(norm)]
        if any(a <= s and e <= b for a, b in rights) or _in_boilerplate(notice, span):
            continue
        listed.append((s, e))
        right = spec.right_of[m.group(0)]
        yield Hit(span, {"wrong": src.original[s:e], "right": right}, (), Fix(right, span, True))
    if spec.near is None:
        return
    for s, e, right in spec.near.scan(norm):
        span = Span(s, e)
        if rights is None:
            rights = [r.span() for r in spec.right_re.finditer(norm)]
        # a listed wrong form overlapping it was reported already; a right form around it
        # (中国特色社会主义 inside the longer 习近平…思想) is no slip
        if (any(a < e and s < b for a, b in listed) or any(a <= s and e <= b for a, b in rights)
                or _in_boilerplate(notice, span)):
            continue
        # a guess, so the fix is not applied automatically
        yield Hit(span, {"wrong": src.original[s:e], "right": right}, (), Fix(right, span, False))


def _run_sequence(nodes: tuple[Node, ...], check_first: bool) -> Iterator[Hit]:
    by_level: dict[int, list[Node]] = {}
    for n in nodes:
        if n.marker is not None:
            by_level.setdefault(n.marker.level, []).append(n)
    for group in by_level.values():
        prev: int | None = None
        prev_node: Node | None = None
        for n in group:
            num = None if n.marker.malformed else n.marker.number
            if num is None:  # a malformed marker still takes its place in the sequence
                prev = (prev or 0) + 1
                prev_node = n
                continue
            expected = 1 if prev is None else prev + 1
            if num != expected and (prev is not None or check_first):
                vals = {"expected": expected, "found": num,
                        "previous": Shown(None, "无") if prev is None else prev,
                        "found_marker": n.marker.text.strip(),
                        "previous_marker": prev_node.marker.text.strip() if prev_node else "无"}
                rel = ((prev_node.marker.span, ""),) if prev_node is not None else ()
                yield Hit(n.marker.span, vals, rel)
            prev, prev_node = num, n
    for n in nodes:
        yield from _run_sequence(n.children, check_first)
