"""Put findings into a .docx: a Word comment on exactly the characters each finding names, and
each certain (``safe``) fix as a tracked change.

Steps, each over the layout of :mod:`.layout`:

1. every finding gets an anchor [start, end) in the text: its span, moved off a list number
   Word draws (not in the XML: the comment then covers the paragraph and says the number); an
   empty span covers its paragraph;
2. runs are split at every anchor and fix boundary (the split halves keep the run's
   ``w:rPr``, so the formatting stays), then the layout is read again;
3. comments are added with python-docx's comments API (it creates the comments part, its
   relationship and content type, and picks free comment ids);
4. a safe fix inside one paragraph's text, over plain runs outside other revisions, becomes
   ``w:del`` (the runs, ``w:t`` → ``w:delText``) followed by ``w:ins`` (the replacement in the
   first run's formatting), author "rectify-rules", dated the time of the run. Other fixes are
   only described in the comment.

Nothing is removed or reordered: splitting moves characters between runs, and a tracked
deletion keeps the characters (rejecting every change gives the original text back).
"""

from __future__ import annotations

import copy
import datetime as _dt
import itertools
from bisect import bisect_right
from collections.abc import Callable, Sequence

from docx.oxml import OxmlElement
from docx.text.run import Run

from ..docx import W
from ..findings import Finding
from .layout import Para, layout

AUTHOR = "rectify-rules"
INITIALS = "RR"
_R = W + "r"
_RPR = W + "rPr"
_REVISIONS = {W + t for t in ("ins", "del", "moveFrom", "moveTo")}
#: what a run may hold for a tracked change to replace it (no fields, drawings, notes …)
_PLAIN = {W + t for t in ("rPr", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen",
                          "lastRenderedPageBreak")}
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class Anchor:
    """Where one finding's comment goes: text offsets [start, end) and the list number Word
    shows when the finding's span lies in it."""

    __slots__ = ("start", "end", "para", "marker")

    def __init__(self, start: int, end: int, para: int, marker: str) -> None:
        self.start, self.end, self.para, self.marker = start, end, para, marker


#: (finding, Word's list number or "", whether its fix became a tracked change) → comment lines
Wording = Callable[[Finding, str, bool], list[str]]


def annotate(document, findings: Sequence[Finding], wording: Wording,
             when: _dt.datetime) -> tuple[int, int]:
    """Add one comment per finding and the tracked changes; returns (comments, changes)."""
    text, paras = layout(document)
    starts = [p.start for p in paras]
    if not paras:
        return 0, 0
    anchors = [_anchor(paras, starts, f.span.start, f.span.end) for f in findings]
    fixes = _candidate_fixes(paras, starts, findings)
    cuts = {x for a in anchors for x in (a.start, a.end)}
    cuts.update(x for start, end, _ in fixes.values() for x in (start, end))
    for x in sorted(cuts, reverse=True):  # later cuts first: an earlier one keeps its element
        _cut(paras[_para_at(starts, x)], x)
    text_after, paras = layout(document)
    assert text_after == text, "splitting runs changed the text"
    tracked = {}
    for i, (start, end, replacement) in fixes.items():
        runs = _tracked_runs(paras, starts, start, end)
        if runs is not None:
            tracked[i] = (runs, replacement)
    stamp = when.astimezone(_dt.timezone.utc).replace(microsecond=0)
    for i, (f, a) in enumerate(zip(findings, anchors)):
        first, last = _anchor_runs(paras, a)
        comment = document.add_comment([Run(first, document), Run(last, document)],
                                       text="\n".join(wording(f, a.marker, i in tracked)),
                                       author=AUTHOR, initials=INITIALS)
        comment._comment_elm.date = stamp
    ids = itertools.count(_max_id(document.element) + 1)
    date = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    for runs, replacement in tracked.values():
        _track(runs, replacement, ids, date)
    return len(findings), len(tracked)


# --- 1. anchors ------------------------------------------------------------------------

def _para_at(starts: list[int], x: int) -> int:
    return max(0, bisect_right(starts, x) - 1)


def _anchor(paras: list[Para], starts: list[int], s: int, e: int) -> Anchor:
    i = _para_at(starts, s)
    para = paras[i]
    if s >= para.end and s < e and i + 1 < len(paras):  # starts at the line break
        i += 1
        para = paras[i]
        s = para.start
    marker = ""
    if s < para.text_start:
        marker = para.marker.rstrip("\t ")
        s = para.text_start
    j = _para_at(starts, max(e - 1, s))
    if j > i and e <= paras[j].text_start:
        j -= 1  # ends in the next paragraph's number: stop at this one's end
        e = paras[j].end
    e = min(e, paras[j].end)
    if e <= s:  # an empty span, or one inside the list number: the whole paragraph
        return Anchor(para.text_start, para.end, i, marker)
    return Anchor(s, e, i, marker)


# --- 2. cutting runs -------------------------------------------------------------------

def _cut(para: Para, x: int) -> None:
    """Make *x* a run boundary in *para* (if characters lie on both sides of it)."""
    for pc in para.pieces:
        if pc.start < x < pc.end:  # inside a w:t
            rest = copy.deepcopy(pc.el)
            k = x - pc.start
            pc.el.text, rest.text = pc.el.text[:k], pc.el.text[k:]
            for t in (pc.el, rest):
                t.set(_SPACE, "preserve")
            pc.el.addnext(rest)
            _cut_before(rest)
            return
        if pc.start == x < pc.end:
            _cut_before(pc.el)
        elif pc.start < x == pc.end and pc.el.getnext() is not None:
            _cut_before(pc.el.getnext())


def _cut_before(el) -> None:
    """Move *el* and what follows it in its run to a new run with the same formatting."""
    run = el.getparent()
    if run is None or run.tag != _R:
        return
    prev = el.getprevious()
    if prev is None or prev.tag == _RPR:
        return  # already the first content of its run
    new = OxmlElement("w:r")
    for key, value in run.attrib.items():
        new.set(key, value)
    rpr = run.find(_RPR)
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    for sib in [el, *el.itersiblings()]:
        new.append(sib)
    run.addnext(new)


# --- 3. comments -----------------------------------------------------------------------

def _pieces(paras: list[Para], start: int, end: int, first: int) -> list:
    out = []
    for para in paras[first:]:
        if para.start > end:
            break
        out.extend(pc for pc in para.pieces if start <= pc.start and pc.end <= end
                   and pc.end > pc.start)
    return out


def _anchor_runs(paras: list[Para], a: Anchor):
    """The first and last run of the anchor; an empty run at the end of an empty paragraph."""
    inside = [pc.el.getparent() for pc in _pieces(paras, a.start, a.end, a.para)]
    inside = [r for r in inside if r is not None and r.tag == _R]
    if inside:
        return inside[0], inside[-1]
    run = OxmlElement("w:r")
    paras[a.para].p.append(run)
    return run, run


# --- 4. tracked changes ----------------------------------------------------------------

def _candidate_fixes(paras: list[Para], starts: list[int],
                     findings: Sequence[Finding]) -> dict[int, tuple[int, int, str]]:
    """finding index → (start, end, replacement) for safe fixes inside one paragraph's
    text that overlap no earlier one."""
    out: dict[int, tuple[int, int, str]] = {}
    taken: list[tuple[int, int]] = []
    for i, f in enumerate(findings):
        fix = f.fix
        if fix is None or not fix.safe or "\n" in fix.replacement:
            continue
        s, e = fix.span.start, fix.span.end
        para = paras[_para_at(starts, s)]
        if not para.text_start <= s <= e <= para.end or (s == e and not fix.replacement):
            continue
        if any(s < b and a < e or s == e and a <= s <= b or a == b and s <= a <= e
               for a, b in taken):
            continue
        taken.append((s, e))
        out[i] = (s, e, fix.replacement)
    return out


def _tracked_runs(paras: list[Para], starts: list[int], s: int, e: int):
    """The runs holding [s, e) — or, for an insertion, ``("before"|"after", run)`` — if a
    tracked change can replace them; None if not."""
    i = _para_at(starts, s)
    para = paras[i]
    if s == e:
        for pc in para.pieces:
            if pc.start == s < pc.end:
                return ("before", pc.el.getparent())
            if pc.start < s == pc.end:
                return ("after", pc.el.getparent())
        return None
    runs = []
    for pc in _pieces(paras, s, e, i):
        run = pc.el.getparent()
        if run is None or run.tag != _R or run.getparent().tag in _REVISIONS:
            return None
        if any(child.tag not in _PLAIN for child in run):
            return None
        if not runs or runs[-1] is not run:
            runs.append(run)
    return runs or None


def _revision(tag: str, rid: int, date: str):
    return OxmlElement(tag, attrs={W + "id": str(rid), W + "author": AUTHOR, W + "date": date})


def _track(runs, replacement: str, ids, date: str) -> None:
    if isinstance(runs, tuple):  # an insertion before or after a run
        where, model = runs
        runs = []
    else:
        where, model = "after", None
    last = None
    for run in runs:
        wrapper = _revision("w:del", next(ids), date)
        run.addprevious(wrapper)
        wrapper.append(run)
        for t in run.iter(W + "t"):
            t.tag = W + "delText"
        last = wrapper
    if not replacement:
        return
    model = model if model is not None else runs[0]
    ins = _revision("w:ins", next(ids), date)
    run = OxmlElement("w:r")
    rpr = model.find(_RPR)
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = OxmlElement("w:t")
    t.text = replacement
    t.set(_SPACE, "preserve")
    run.append(t)
    ins.append(run)
    if last is not None:
        last.addnext(ins)
    elif where == "before":
        model.addprevious(ins)
    else:
        model.addnext(ins)


def _max_id(root) -> int:
    """The largest numeric ``w:id`` in the body (revision ids must not repeat)."""
    best = 0
    for el in root.iter():
        value = el.get(W + "id") if isinstance(el.tag, str) else None
        if value is not None and value.isdigit():
            best = max(best, int(value))
    return best
