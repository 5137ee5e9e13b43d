"""Named checks of the CNT rules: declared counts, progress figures, breakdowns, percentages.

What an expression cannot say: matching a declared count to the level of the problem tree it
describes (CNT001), completed + ongoing + other against the statement's own total or, when the
statement gives none, the unambiguous declared total (CNT002), comparing claims of the same
quantity across statements (CNT003), sums of "其中" breakdowns (CNT004), per-problem status
markers against a progress claim (CNT005) and percentages with rounding and floor tolerance
(CNT006).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Count, Figure, Node, Progress
from . import CheckContext, Hit, Shown, register

#: how a declared quantity reads in a message: (verb, unit)
_UNITS = {
    "categories": ("反馈", "大类"),
    "aspects": ("反馈", "个方面"),
    "items": ("反馈", "项"),
    "problems": ("反馈", "个问题"),
    "tasks": ("有", "项整改任务"),
    "measures": ("制定", "条整改措施"),
    "manifestations": ("列出", "项问题表现"),
    "leads": ("移交", "件问题线索"),
    "projects": ("涉及", "个项目"),
    "cases": ("涉及", "件案件"),
}
_LABELS = {"categories": "问题大类数", "aspects": "问题方面数", "items": "问题项数",
           "problems": "问题个数", "tasks": "整改任务数", "measures": "整改措施数",
           "manifestations": "问题表现数", "leads": "问题线索数", "projects": "项目数",
           "cases": "案件数"}
_PROGRESS_LABELS = (("total", "整改总数"), ("completed", "已完成整改数"),
                    ("ongoing", "正在整改数"))
_PERCENT_NUMBER = re.compile(r"(?<!\d)(\d+)(?:\.(\d+))?\s*[%％]")  # from a run's start: linear


def provides(*names: str, variants: tuple[str, ...] = ()):
    """Declare the values a check puts in its hits (the engine validates messages with it)
    and the variant findings it makes (each rule using it defines ``[variants.NAME]``)."""

    def deco(fn):
        fn.values = frozenset(names)
        fn.variants = frozenset(variants)
        return fn

    return deco


def fmt_num(value: int | float) -> str:
    """17 → "17", 17.0 → "17", 63.456 → "63.46" (two decimals at most)."""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


# -- CNT001 ------------------------------------------------------------------------------

def _depth(nodes: tuple[Node, ...]) -> int:
    return 1 + max((_depth(n.children) for n in nodes if n.children), default=0) if nodes else 0


def _level_counts(nodes: tuple[Node, ...]) -> tuple[int, int | None, int]:
    """(top-level nodes, nodes one level below or None when the tree has no middle, leaves)."""
    top = len(nodes)
    leaves = sum(len(n.leaves()) for n in nodes)
    depth = _depth(nodes)
    middle = sum(len(n.children) for n in nodes) if depth >= 3 else None
    return top, middle, leaves


def _listed(quantity: str, counts: tuple[int, int | None, int],
            quantities: set[str]) -> tuple[int, ...]:
    """The numbers of problems the tree lists at the level(s) a declared *quantity* may describe.

    Empty when the quantity is not compared. 方面 are the middle level under declared 大类,
    the top level beside declared 项 or in a two-level tree, and either otherwise; a list of
    problems with no groups says nothing of the 方面 declared beside the problems.
    """
    top, middle, leaves = counts
    if quantity == "categories":
        return (top,)
    if quantity == "aspects":
        if top == leaves and "problems" in quantities:
            return ()  # a list of single problems (or a ledger's rows) names no aspects
        if middle is None or "items" in quantities:
            return (top,)
        return (middle,) if "categories" in quantities else (top, middle)
    if quantity == "items":
        if middle is not None:
            return (middle,)
        # in a two-level tree "项" is ambiguous when problems are counted as well
        return () if "problems" in quantities else (leaves,)
    if quantity == "problems" or (quantity == "tasks" and "problems" not in quantities):
        return (leaves,)
    # measures are not listed as problems, nor tasks beside a count of problems ("3个方面6个
    # 问题…共涉及整改事项15项": the tasks are what the problems were broken into)
    return ()


@register("counts-match-outline")
@provides("declared", "listed", "unit", "verb", "quantity")
def counts_match_outline(ctx: CheckContext) -> Iterator[Hit]:
    """CNT001: each declared count against the problem-tree level it describes."""
    notice = ctx.notice
    if not notice.problems or notice.truncated is not None:
        return  # a cut text lists only the problems before the cut (REQ012)
    levels = _level_counts(notice.problems)
    quantities = {c.quantity for c in notice.declared}
    seen: set[tuple[str, int]] = set()
    for count in notice.declared:
        listed = _listed(count.quantity, levels, quantities)
        if not listed or count.value in listed or (count.quantity, count.value) in seen:
            continue
        seen.add((count.quantity, count.value))
        verb, unit = _UNITS[count.quantity]
        yield Hit(count.span, {"declared": count.value, "listed": listed[0], "unit": unit,
                               "verb": verb, "quantity": count.quantity})


# -- CNT002 ------------------------------------------------------------------------------

#: the quantities a progress statement may share with the declared total of the feedback
_TOTAL_QUANTITIES = ("problems", "tasks")
#: words that put a statement without a counted noun on something else ("清退资金…")
_NOT_TOTAL_WORDS = ("资金", "信访")
_TOTAL_SOURCES = {"problems": "前文所称反馈问题总数", "tasks": "前文所称整改任务总数"}


def _inside_problems(notice, p: Progress) -> bool:
    return any(n.span.start <= p.span.start < n.span.end for n in notice.problems)


def _declared_total(ctx: CheckContext, p: Progress) -> tuple[str, tuple[Count, ...]] | None:
    """(quantity, its declared counts) that a statement without a total is about, or None.

    Only outside the problem list (a statement inside a problem is about that problem's
    measures), only when the statement counts problems or tasks or says not what
    (``Progress.quantity``), only when one quantity fits (by what it counts, else by being
    the only one declared), and only when every declared value of it is the same."""
    notice = ctx.notice
    if _inside_problems(notice, p):
        return None
    if p.quantity is not None and p.quantity not in _TOTAL_QUANTITIES:
        return None  # "26项整改措施已完成24项": measures, not the feedback's problems
    text = ctx.src.norm[p.span.start:p.span.end]
    if p.quantity is None and any(word in text for word in _NOT_TOTAL_WORDS):
        return None
    declared = {q: tuple(c for c in notice.declared if c.quantity == q) for q in _TOTAL_QUANTITIES}
    declared = {q: cs for q, cs in declared.items() if cs}
    fits = [p.quantity] if p.quantity in declared else ([] if p.quantity else list(declared))
    if len(fits) != 1:
        return None
    counts = declared[fits[0]]
    if len({c.value for c in counts}) != 1:
        return None
    return fits[0], counts


def _unit_of(ctx: CheckContext, fig: Figure) -> str:
    unit = ctx.src.norm[fig.span.end - 1:fig.span.end]
    return unit if unit in "个项条件" else "项"


@register("progress-adds-up")
@provides("total", "completed", "ongoing", "other", "sum", "equation", "source", "unit",
          "others", "total_from", "parts")
def progress_adds_up(ctx: CheckContext) -> Iterator[Hit]:
    """CNT002: completed + ongoing + every other state against the total.

    The total is the one the statement gives; without one, the declared total of the feedback
    (see :func:`_declared_total`). The message and ``total_from`` say which. A statement is
    checked when it states the completed figure and at least one unfinished one (正在整改,
    基本完成, 申请延期 …): "10个问题已完成整改，2个问题已基本完成整改" accounts for 12."""
    for p in ctx.notice.progress:
        if p.completed is None or (p.ongoing is None and not p.other):
            continue
        ongoing = p.ongoing.value if p.ongoing is not None else 0
        parts = [p.completed.value, *([ongoing] if p.ongoing is not None else []),
                 *(f.value for f in p.other)]
        got = sum(parts)
        unfinished = p.ongoing or p.other[0]
        label = "正在整改数" if p.ongoing is not None else "其他未完成状态数"
        if p.total is not None:
            total, source, total_from = p.total.value, "本句所称总数", "statement"
            span = p.total.span
            related = ((p.completed.span, "已完成整改数"), (unfinished.span, label))
        else:
            found = _declared_total(ctx, p)
            if found is None:
                continue
            quantity, counts = found
            total, source, total_from = counts[0].value, _TOTAL_SOURCES[quantity], "declared"
            span = p.completed.span
            related = ((unfinished.span, label),
                       *((c.span, f"所称总数{c.value}") for c in counts))
        if got == total:
            continue
        unit = _unit_of(ctx, p.completed)
        other = sum(f.value for f in p.other)
        others = f"、基本完成等其他状态{fmt_num(other)}{unit}" if p.other else ""
        said = [f"已完成{fmt_num(p.completed.value)}{unit}"]
        if p.ongoing is not None:
            said.append(f"正在整改{fmt_num(ongoing)}{unit}")
        if p.other:
            said.append(f"基本完成等其他状态{fmt_num(other)}{unit}")
        equation = "+".join(fmt_num(v) for v in parts) + f"≠{fmt_num(total)}"
        yield Hit(span, {"total": total, "completed": p.completed.value,
                         "ongoing": p.ongoing.value if p.ongoing is not None else None,
                         "other": other, "sum": got, "equation": equation, "source": source,
                         "unit": unit, "others": others, "total_from": total_from,
                         "parts": "、".join(said)},
                  related=related)


# -- CNT003 ------------------------------------------------------------------------------

#: what the leaves of the problem tree are not (CNT005)
_NOT_PROBLEMS = frozenset({"measures", "leads", "projects", "cases", "manifestations"})


def _progress_conflicts(progress: tuple[Progress, ...], norm: str) -> Iterator[Hit]:
    """Each figure against the first statement of the same figure that counts the same thing
    (statements about measures and about problems are not two claims of one quantity)."""
    counted = [p.quantity for p in progress]
    for attr, label in _PROGRESS_LABELS:
        firsts: list[tuple[Progress, Figure, str | None]] = []
        for p, what in zip(progress, counted):
            fig = getattr(p, attr)
            if fig is None:
                continue
            first = next((f for f in firsts if f[2] is None or what is None or f[2] == what), None)
            if first is None:
                firsts.append((p, fig, what))
                continue
            p0, fig0, _ = first
            if p.as_of and p0.as_of and p.as_of.value != p0.as_of.value:
                continue  # two dates, two states: not a contradiction
            if fig.value != fig0.value:
                yield Hit(fig.span, {"label": label, "first": fig0.value,
                                     "other": fig.value},
                          related=((fig0.span, f"前文{label}为{fmt_num(fig0.value)}"),))


def _declared_conflicts(declared: tuple[Count, ...]) -> Iterator[Hit]:
    first: dict[str, Count] = {}
    for count in declared:
        c0 = first.setdefault(count.quantity, count)
        if count.value != c0.value:
            label = _LABELS[count.quantity]
            yield Hit(count.span, {"label": label, "first": c0.value, "other": count.value},
                      related=((c0.span, f"前文{label}为{c0.value}"),))


@register("figures-agree")
@provides("label", "first", "other")
def figures_agree(ctx: CheckContext) -> Iterator[Hit]:
    """CNT003: two claims of the same quantity with different values."""
    yield from _progress_conflicts(ctx.notice.progress, ctx.src.norm)
    yield from _declared_conflicts(ctx.notice.declared)


# -- CNT004 ------------------------------------------------------------------------------

@register("breakdowns-add-up")
@provides("subject", "total", "sum", "unit", "parts")
def breakdowns_add_up(ctx: CheckContext) -> Iterator[Hit]:
    """CNT004: "共N，其中a、b、c" whose parts do not sum to N; deadline parts vs ongoing."""
    notice = ctx.notice
    for b in notice.breakdowns:
        if not b.parts:
            continue
        total = sum(p.value.value for p in b.parts)
        if total != b.total.value:
            parts = "+".join(p.label + _figure_text(ctx, p.value, b.unit) for p in b.parts)
            yield Hit(b.span, {"subject": "通报称", "total": b.total.value,
                               "sum": total, "unit": b.unit, "parts": parts},
                      related=((b.total.span, "所称总数"),))
    for p in notice.progress:
        if not p.breakdown or p.ongoing is None:
            continue
        total = sum(part.count.value for part in p.breakdown)
        if total != p.ongoing.value:
            parts = "+".join(f"{part.deadline.text}前{fmt_num(part.count.value)}项"
                             for part in p.breakdown)
            span = p.breakdown[0].span.cover(p.breakdown[-1].span)
            yield Hit(span, {"subject": "进展称正在整改", "total": p.ongoing.value,
                             "sum": total, "unit": "项", "parts": parts},
                      related=((p.ongoing.span, "所称正在整改数"),))


def _figure_text(ctx: CheckContext, fig: Figure, unit: str) -> str:
    """A figure as written ("1人"), or its number and *unit* when the span holds something else."""
    written = ctx.src.slice(fig.span).strip()
    return written if written[:1].isdigit() else f"{fmt_num(fig.value)}{unit}"


# -- CNT005 ------------------------------------------------------------------------------

@register("status-markers-match-progress")
@provides("state", "claimed", "marked")
def status_markers_match_progress(ctx: CheckContext) -> Iterator[Hit]:
    """CNT005: leaves marked ongoing / completed against each progress claim.

    Only when the leaves carry status markers at all. Ongoing markers are compared whenever
    some leaf is marked ongoing (or every leaf is marked); completed markers when every leaf
    is marked, or when more leaves are marked completed than the claim allows. Statements that
    count measures, case leads or projects are not about the problems. A leaf marked
    ongoing is unfinished, so the claim it is compared with is the statement's ongoing figure
    plus its other unfinished states ("正在推进整改1个，2个问题需长期坚持": 3).
    """
    leaves = ctx.notice.leaves()
    declared = {c.quantity for c in ctx.notice.declared}
    ongoing = [leaf for leaf in leaves if leaf.status == "ongoing"]
    done = [leaf for leaf in leaves if leaf.status == "completed"]
    if not ongoing and not done:
        return
    all_marked = len(ongoing) + len(done) == len(leaves)
    for p in ctx.notice.progress:
        if p.quantity in _NOT_PROBLEMS:
            continue  # "26项整改措施已完成24项": measures, not the problems the markers are on
        if p.quantity == "tasks" and "problems" in declared:
            continue  # the tasks the problems were broken into, not the problems
        stated = p.ongoing or (p.other[0] if p.other else None)
        unfinished = (p.ongoing.value if p.ongoing else 0) + sum(f.value for f in p.other)
        if stated is not None and (ongoing or all_marked) and unfinished != len(ongoing):
            if p.ongoing is None:  # "2个问题已基本完成整改": unfinished, in another state
                claimed = Shown(unfinished, f"0项、其他未完成状态{fmt_num(unfinished)}项，"
                                            f"合计{fmt_num(unfinished)}")
            else:
                claimed = p.ongoing.value
                if p.other:  # the message reads "进展称正在整改1项、其他未完成状态2项，合计3项"
                    others = fmt_num(unfinished - p.ongoing.value)
                    claimed = Shown(unfinished, f"{fmt_num(p.ongoing.value)}项、其他未完成状态"
                                                f"{others}项，合计{fmt_num(unfinished)}")
            yield _marker_hit(stated, ongoing, "正在整改", claimed)
        if p.completed is not None and p.completed.value != len(done) and (
                all_marked or len(done) > p.completed.value):
            yield _marker_hit(p.completed, done, "已完成整改")


def _marker_hit(fig: Figure, marked: list[Node], state: str,
                claimed: int | float | Shown | None = None) -> Hit:
    related = tuple((leaf.status_span or leaf.title_span, f"标注为{state}")
                    for leaf in marked)
    claimed = fig.value if claimed is None else claimed
    return Hit(fig.span, {"state": state, "claimed": claimed, "marked": len(marked)},
               related=related)


# -- CNT006 ------------------------------------------------------------------------------

def _decimals(text: str, value: float) -> int:
    """Decimals written for the percentage *value* in *text* ("63.46%" → 2)."""
    for m in _PERCENT_NUMBER.finditer(text):
        number = float(m.group(1) + ("." + m.group(2) if m.group(2) else ""))  # blanks apart
        if abs(number - value) < 1e-9:
            return len(m.group(2) or "")
    return 0


def _basis(ctx: CheckContext, pct) -> str:
    """How the denominator was made when the progress statement of the rate states no total."""
    for p in ctx.notice.progress:
        if (p.rate is not None and p.rate.span.start == pct.span.start and p.total is None
                and p.completed is not None and p.ongoing is not None):
            unit = _unit_of(ctx, p.completed)
            return (f"（未写总数，按已完成{fmt_num(p.completed.value)}{unit}"
                    f"+正在整改{fmt_num(p.ongoing.value)}{unit}计）")
    return ""


@register("percentages-match")
@provides("text", "numerator", "denominator", "actual", "value", "relation", "basis")
def percentages_match(ctx: CheckContext) -> Iterator[Hit]:
    """CNT006: numerator / denominator vs the written percentage.

    Tolerates rounding to the decimals written (±0.5 of the last digit) and, for a floor
    ("达/超过/以上"), any actual value at or above the one written. ``basis`` says how the
    denominator was made when the statement gives no total (completed + ongoing).
    """
    for pct in ctx.notice.percentages:
        if pct.numerator is None or pct.denominator is None or not pct.denominator.value:
            continue
        actual = pct.numerator.value / pct.denominator.value * 100
        tol = 0.5 * 10 ** -_decimals(pct.text, pct.value) + 1e-9
        if pct.floor:
            wrong = pct.value > actual + tol
        else:
            wrong = abs(actual - pct.value) > tol
        if wrong:
            yield Hit(pct.span, {"text": pct.text, "numerator": pct.numerator.value,
                                 "denominator": pct.denominator.value,
                                 "actual": round(actual, 2), "value": pct.value,
                                 "relation": "（所写为下限，实际值应不低于它）" if pct.floor else "",
                                 "basis": _basis(ctx, pct)},
                      related=((pct.numerator.span, "分子"), (pct.denominator.span, "分母")))

