"""The problem tree: the part of the outline that enumerates the feedback problems.

Notices wrap the problems in organisational sections (提高政治站位 / 加强组织领导, 下一步工作,
巩固整改成果, 问题线索的处理情况, 需要进一步整改的事项 …). The choice uses general signals only:

1. heading vocabulary — every heading is read as *organisational* (more organisational terms
   than problem terms), *problem* (不到位 / 不够 / 薄弱 / 差距 / 不足 / …方面 / 问题) or neutral;
2. at a level where some siblings are organisational, the level is a list of SECTIONS: only
   the sections with evidence of problems are kept (a problem heading in the subtree, or
   rectification labels 整改情况 / 整改措施 / 整改成效 at paragraph starts);
3. a single remaining section with children whose heading names no problem ("巡察反馈问题的
   整改情况", "聚焦具体问题，扎实推进整改") is a container: its children are the groups;
4. tie-breaker: when several sections remain, the reading whose level sizes (groups, items,
   leaves) match more of the declared counts ("3个方面11个问题") wins.

An item without numbered sub-items whose body opens with its own problem paragraph
("针对…的问题。", then "整改情况:…") gets that paragraph as its one leaf: a child Node with
``marker=None`` — only where other items at the same depth have children, so a problem that
is its own leaf (its text begins with the rectification) stays a leaf.

Where the problems are one paragraph each, a paragraph after a list's last problem (a closing
summary, "截至…，8个问题已完成整改7个。欢迎…监督") is not that problem's text: a leaf whose first
paragraph states its status ends there, unless a later paragraph is labelled as its own.

Each leaf gets ``status`` / ``status_span`` / ``deadline`` from its own text
(:mod:`rectify_rules.parsing.status`) — or, when it is a row of a 整改台账 table, from the
table's status and deadline cells (:mod:`rectify_rules.parsing.ledger`). A notice whose only
list of problems is such a table gets the table's rows as its leaves.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from operator import is_

import attrs

from ..model import Count, Node, Span
from ..text import SourceText
from .ledger import Row, find_rows, row_nodes
from .status import find_deadline, find_status

_ORG = re.compile(r"组织领导|政治站位|提高站位|思想认识|政治担当|下一步|巩固|长效|线索|进一步整改"
                  r"|工作重点|常抓不懈|建章立制|举一反三|整改成果|主要做法|总体情况|基本情况"
                  r"|整改工作|整改方案|立行立改|工作机制|责任意识")
_PROBLEM = re.compile(r"方面$|不到位|不够|不足|不力|不严|不实|不强|不高|不深|不细|不准|不全|不充分"
                      r"|不规范|不明显|不扎实|不彻底|不紧密|不健全|不完善|不突出|不理想|薄弱|差距"
                      r"|欠缺|滞后|短板|弱项|缺失|缺位|漏洞|偏差|乏力|淡薄|混乱|问题$")
_WEAK_PROBLEM = re.compile(r"问题")
_LABEL = (r"(?:整改(?:情况|措施|成效|进展|结果|落实情况|完成情况)|整改措施及成效|主要整改措施"
          r"|落实情况)[ ]*[:：]")
_LABEL_AT = re.compile(_LABEL)
#: what a label begins with (tests/test_fast_layout.py checks it against the pattern)
_LABEL_FIRST = "整主落"
_SENTENCE_END = re.compile(r"[。!?]")


def _kind(title: str) -> str:
    strong = len(_PROBLEM.findall(title))
    if len(_ORG.findall(title)) > strong:
        return "org"
    if strong or _WEAK_PROBLEM.search(title):
        return "problem"
    return "neutral"


class _Ctx:
    """Per-notice lookups: the rectification label offsets, declared values."""

    __slots__ = ("norm", "original", "labels", "declared")

    def __init__(self, src: SourceText, declared: Sequence[Count]) -> None:
        self.norm = src.norm
        self.original = src.original
        # a label where a line starts (only blanks before it): a label begins with a character
        # that is no blank, so it can only stand where a non-blank line's text begins — one
        # match tried there on each line, instead of a scan of the whole text that stops at
        # every 整 (the plain scan is kept in tests/test_fast_layout.py), and only on a line whose
        # text begins with a label's first character
        norm = src.norm
        self.labels = [m.end() for ln in src.content_lines() if ln.text[0] in _LABEL_FIRST
                       and (m := _LABEL_AT.match(norm, ln.span.start)) is not None
                       and _starts_line(norm, ln.span.start)]
        self.declared = {c.value for c in declared}

    def title(self, node: Node) -> str:
        """A heading as the vocabulary reads it: the normalised view (traditional script and
        full-width forms folded), not the original text."""
        return self.norm[node.title_span.start:node.title_span.end]

    def labels_in(self, span: Span) -> int:
        return self.labels_between(span.start, span.end)

    def labels_between(self, start: int, end: int) -> int:
        return bisect.bisect_left(self.labels, end) - bisect.bisect_left(self.labels, start)


def _starts_line(norm: str, pos: int) -> bool:
    """Whether only blanks stand between the start of the line and *pos*."""
    return not norm[norm.rfind("\n", 0, pos) + 1:pos].strip(" ")


def _evidence(node: Node, ctx: _Ctx) -> bool:
    if _kind(ctx.title(node)) == "problem" or ctx.labels_in(node.span):
        return True
    return any(_evidence(c, ctx) for c in node.children)


def _count_match(groups: Sequence[Node], declared: set[int]) -> int:
    """How well a reading fits the declared counts: the leaf count weighs double."""
    sizes, level = set(), list(groups)
    while level:
        sizes.add(len(level))
        level = [c for n in level for c in n.children]
    leaves = sum(len(g.leaves()) for g in groups)
    return 2 * (leaves in declared) + len(sizes & declared)


def _choose(nodes: Sequence[Node], ctx: _Ctx, depth: int = 0) -> tuple[Node, ...]:
    keep = [n for n in nodes if _kind(ctx.title(n)) != "org"]
    if len(keep) < len(nodes):  # a level of sections: keep those showing problems
        keep = [n for n in keep if _evidence(n, ctx)]
    if not keep:
        return ()
    if (len(keep) == 1 and keep[0].children and depth < 3
            and not _PROBLEM.search(ctx.title(keep[0]))):
        inner = _choose(keep[0].children, ctx, depth + 1)
        if inner:
            return inner
    if len(keep) > 1 and len(keep) < len(nodes) and ctx.declared:
        biggest = max(keep, key=lambda n: len(n.leaves()))
        inner = _choose(biggest.children, ctx, depth + 1) if biggest.children else ()
        if inner and _count_match(inner, ctx.declared) > _count_match(keep, ctx.declared):
            return inner
    return tuple(keep)


def _problem_paragraph(node: Node, ctx: _Ctx) -> Node | None:
    """The unnumbered problem paragraph opening *node*'s body, as a leaf Node."""
    norm, body = ctx.norm, node.body_span
    if not len(body) or norm.find("\n", node.title_span.end, body.start) < 0:
        return None  # the body continues the heading line: the node is its own leaf
    nl = norm.find("\n", body.start, body.end)  # the end of the paragraph
    if nl < 0:
        return None
    if _LABEL_AT.match(norm, body.start) or not ctx.labels_between(nl, body.end):
        return None  # opens with the rectification text, or no rectification text follows
    end = _rstrip(norm, body.start, nl)
    stop = _SENTENCE_END.search(norm, body.start, end)
    t_end = stop.start() if stop else end
    rest = nl + 1
    while rest < body.end and norm[rest].isspace():
        rest += 1
    return Node(None, ctx.original[body.start:t_end], body,  # the paragraph begins the body
                Span(body.start, t_end), Span(min(rest, body.end), body.end))


def _add_paragraph_leaves(groups: tuple[Node, ...], ctx: _Ctx) -> tuple[Node, ...]:
    branching: set[int] = set()

    def mark(nodes: Sequence[Node], depth: int) -> None:
        for n in nodes:
            if n.children:
                branching.add(depth)
                mark(n.children, depth + 1)

    def rebuild(n: Node, depth: int) -> Node:
        if n.children:
            kids = [rebuild(c, depth + 1) for c in n.children]
            if all(map(is_, kids, n.children)):
                return n  # nothing below changed: the node as it is, not a copy
            return Node(n.marker, n.title, n.span, n.title_span, n.body_span, tuple(kids),
                        n.status, n.status_span, n.deadline)
        if depth in branching:
            child = _problem_paragraph(n, ctx)
            if child is not None:
                return attrs.evolve(n, children=(child,),
                                    body_span=Span(n.body_span.start, n.body_span.start))
        return n

    mark(groups, 0)
    return tuple(rebuild(g, 0) for g in groups)


#: a later paragraph of a leaf that holds one of these still belongs to the leaf
_LEAF_CONTINUES = re.compile(rf"(?:^|\n)[ ]*(?:{_LABEL}|(?:完成|整改)(?:时限|期限|时间)[ ]*[:：])")
#: the share of leaves that must be one paragraph for the list to be read as one-paragraph items
_ONE_PARAGRAPH_SHARE = 2 / 3


def _end_trailing_paragraphs(groups: tuple[Node, ...], ctx: _Ctx) -> tuple[Node, ...]:
    """Cut off what follows the last problem of a list when it is plainly not the problem's.

    The outline ends a node's body at the next marker, so a paragraph after a list's last item
    ("对于尚未完成整改的2个问题，…", "截至…，8个问题已完成整改7个。欢迎…监督") is read as part of
    that item, and its words become the item's status. Where the items are one paragraph each
    (at least two thirds of the leaves, and at least three), a leaf whose first paragraph
    already states its status ends with that paragraph — unless a later paragraph is labelled
    as its own (整改情况： / 完成时限： …)."""
    norm = ctx.norm
    leaves = [leaf for g in groups for leaf in g.leaves()]
    multi = [leaf for leaf in leaves  # (a line break looked for in place: no copy of the body)
             if norm.find("\n", leaf.body_span.start, leaf.body_span.end) >= 0]
    if len(leaves) < 3 or len(leaves) - len(multi) < _ONE_PARAGRAPH_SHARE * len(leaves):
        return groups
    cut: dict[int, int] = {}  # leaf start → new body end
    for leaf in multi:
        body = leaf.body_span
        nl = norm.find("\n", body.start, body.end)
        first_end = _rstrip(norm, body.start, nl)
        if find_status(norm, Span(body.start, first_end)) is None:
            continue
        if _LEAF_CONTINUES.search(norm, nl, body.end):
            continue
        cut[leaf.span.start] = first_end
    if not cut:
        return groups

    def rebuild(n: Node) -> Node:
        if n.children:
            kids = tuple(rebuild(c) for c in n.children)
            end = max([n.body_span.end, n.title_span.end] + [k.span.end for k in kids])
            return attrs.evolve(n, children=kids, span=Span(n.span.start, end))
        end = cut.get(n.span.start)
        if end is None:
            return n
        return attrs.evolve(n, body_span=Span(n.body_span.start, end),
                            span=Span(n.span.start, max(end, n.title_span.end)))

    return tuple(rebuild(g) for g in groups)


def _rstrip(norm: str, start: int, end: int) -> int:
    while end > start and norm[end - 1].isspace():
        end -= 1
    return end


def _annotate(n: Node, norm: str, dates, rows: tuple[Row, ...] = ()) -> Node:
    """*n* with the status and deadline of each leaf; a node nothing is added to is returned as
    it is (a copy would be equal to it), a changed one made with the plain constructor (attrs.
    evolve costs several times more per node)."""
    if n.children:
        kids = [_annotate(c, norm, dates, rows) for c in n.children]
        if all(map(is_, kids, n.children)):
            return n
        return Node(n.marker, n.title, n.span, n.title_span, n.body_span, tuple(kids),
                    n.status, n.status_span, n.deadline)
    row = next((r for r in rows if r.span.contains(n.title_span)), None) if rows else None
    if row is not None:  # an item of a 整改台账 table: its status and deadline are cells
        return Node(n.marker, n.title, n.span, n.title_span, n.body_span, n.children,
                    row.status, row.status_span, row.deadline)
    status = find_status(norm, n.body_span)
    deadline = None
    if dates is not None and len(n.body_span):
        try:
            in_body = dates.within(n.body_span)
        except Exception:  # a date scan that cannot answer must not break the parse
            in_body = ()
        deadline = find_deadline(norm, in_body) if in_body else None
    if status is None and deadline is None and n.status is None and n.status_span is None \
            and n.deadline is None:
        return n
    return Node(n.marker, n.title, n.span, n.title_span, n.body_span, n.children,
                status[0] if status else None, status[1] if status else None, deadline)


def select_problems(src: SourceText, outline: tuple[Node, ...], declared: tuple[Count, ...] = (),
                    dates=None) -> tuple[Node, ...]:
    """The problem tree of *outline*: top-level groups first, leaves with status and deadline.

    *dates* is the notice's ``DateScan`` (its ``within(span)`` gives the dates in a span);
    without it no deadline is read. Returns ``()`` when no part of the outline enumerates
    problems.
    """
    rows = find_rows(src, dates)
    groups: tuple[Node, ...] = ()
    if outline:
        ctx = _Ctx(src, declared)
        groups = _choose(outline, ctx)
        if not any(_evidence(g, ctx) for g in groups):
            groups = ()
    if not groups:
        return row_nodes(src, rows)  # a 整改台账 table lists the problems, if there is one
    groups = _end_trailing_paragraphs(_add_paragraph_leaves(groups, ctx), ctx)
    if len(rows) >= 2:
        groups = _table_in_leaf(groups, src, rows)
    return tuple(_annotate(g, src.norm, dates, rows) for g in groups)


def _table_in_leaf(groups: tuple[Node, ...], src: SourceText,
                   rows: tuple[Row, ...]) -> tuple[Node, ...]:
    """A 整改台账 table inside one numbered heading with no sub-items ("二、问题整改台账"): the
    table's rows are the problems, not the heading. The heading alone: the rows are the list;
    a heading among others: it becomes their group."""
    def holds(n: Node) -> bool:
        return not n.children and sum(n.span.contains(r.span) for r in rows) >= 2

    if len(groups) == 1 and holds(groups[0]):
        return row_nodes(src, rows)

    def rebuild(n: Node) -> Node:
        if holds(n):
            kids = tuple(k for k in row_nodes(src, rows) if n.span.contains(k.span))
            return attrs.evolve(n, children=kids, body_span=Span(n.body_span.start,
                                                                   n.body_span.start))
        if n.children:
            return attrs.evolve(n, children=tuple(rebuild(c) for c in n.children))
        return n

    return tuple(rebuild(g) for g in groups)
