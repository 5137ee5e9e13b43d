"""The parser: source text → :class:`~rectify_rules.model.Notice`.

A flat pipeline, read top to bottom (each stage is a pure function in its own module):

    boilerplate → dates → header → outline → counts → problems → contact → Notice

Parsing never raises on a bad document: a stage that cannot recognise something leaves it
``None`` / empty. Every span is in original-text coordinates (see :mod:`rectify_rules.text`).
``progress`` holds the statements about the notice's problems, not those inside one problem's
rectification text (see :func:`_outside_leaves`).
"""

from __future__ import annotations

import bisect
import os

from attrs import evolve

from ..model import Diagnostic, Node, Notice, Progress, Signature, Span
from ..text import SourceText

__all__ = ["parse", "parse_source", "parse_text"]


def parse(source: str | bytes | os.PathLike, *, genre: str | None = None) -> Notice:
    """Parse a notice given as text, bytes or a path (see :func:`rectify_rules.read.load`)."""
    from ..read import load

    text, _ = load(source)
    return parse_text(text, genre=genre)


def parse_text(text: str, *, genre: str | None = None) -> Notice:
    return parse_source(text, genre=genre)[0]


def parse_source(text: str, *, genre: str | None = None) -> tuple[Notice, SourceText]:
    """Parse *text*; also return the SourceText whose ``norm`` has boilerplate blanked.

    The rule engine reuses that view, so a notice is normalised once, never once per rule.
    *genre* ("notice" / "report") overrides the detected genre; None or "auto" detects it.

    Pinyin inserted by repost sites ("根據(jù)") is taken out before parsing and every span of
    the result mapped back to *text* (:mod:`.remap`); the view returned then has the
    insertions blanked, so the rules read the same text the parser read.
    """
    from ..text import compact, noise_spans, normalise, scan_folds

    folds, toned = scan_folds(text)  # one scan: what to fold, and whether insertions can be there
    noise = noise_spans(text) if toned else ()
    if not noise:
        return _parse(text, genre, normalise(text, folds))
    from .remap import remap

    cmp = compact(text, noise)
    notice, _ = _parse(cmp.text, genre)
    notice = remap(notice, cmp, text)
    # the insertions are page junk like the rest of the boilerplate: rules skip them too
    notice = evolve(notice, text=text, boilerplate=tuple(sorted(noise + notice.boilerplate)))
    body = SourceText(text).without(notice.boilerplate)
    return notice, body


def _parse(text: str, genre: str | None, norm: str | None = None) -> tuple[Notice, SourceText]:
    """Parse *text* (*norm*: its normalised view, if already made)."""
    from . import boilerplate, contact, counts, dates, ending, genre as genres, header, outline
    from . import problems

    src = SourceText(text, norm)
    bp = boilerplate.scan(src)
    body = src.without(bp.spans)
    ds = dates.scan_dates(body, reference=bp.published.value if bp.published else None)
    hdr = header.parse_header(body, ds, bp)
    outl = outline.parse_outline(body)
    cnt = counts.parse_counts(body, ds)
    probs = problems.select_problems(body, outl, cnt.declared, ds)
    con = contact.parse_contact(body)

    sig = hdr.signature
    closed = (sig.issuer is not None or sig.date is not None or sig.date_placeholder is not None
              or bool(con.phones or con.emails or con.address is not None))
    detected, signal = genres.classify(
        body, hdr.genre, hdr.title, hdr.inspection.body is not None, hdr.feedback is not None,
        outl, bool(cnt.declared or cnt.progress), closed)
    if genre in ("notice", "report"):
        detected, signal = genre, None
    notice = Notice(
        text=text,
        genre=detected,
        genre_signal=signal,
        title=hdr.title,
        issuer=hdr.issuer,
        addressee=hdr.addressee,
        published=bp.published,
        source=bp.source,
        inspection=hdr.inspection,
        feedback=hdr.feedback,
        declared=cnt.declared,
        progress=_outside_leaves(cnt.progress, probs),
        outline=outl,
        problems=probs,
        contact=con,
        signature=hdr.signature,
        breakdowns=cnt.breakdowns,
        percentages=cnt.percentages,
        dates=ds.dates,
        ranges=ds.ranges,
        invalid_dates=ds.invalid,
        durations=hdr.durations,
        boilerplate=bp.spans,
        truncated=ending.find_cut(body, _own_signature(hdr.signature, bp), con),
        diagnostics=_diagnose(body, hdr, outl),
    )
    return notice, body


def _own_signature(sig: Signature, bp) -> Signature:
    """The signature the text itself carries (a metadata block's 成文日期 left out)."""
    if sig.date is not None and sig.date is bp.doc_date:
        return Signature(issuer=sig.issuer)
    return sig


def _outside_leaves(progress: tuple[Progress, ...],
                    problems: tuple[Node, ...]) -> tuple[Progress, ...]:
    """The progress statements of the notice: those inside a problem's own rectification text
    ("…对审计发现问题建立台账，已完成整改31项") count that problem's sub-tasks, and those in
    the text of a group of problems ("预算执行问题5项，已整改3项，部分整改2项") that group's own
    problems: neither is about the notice's problems."""
    if not progress:  # most notices: nothing to sort out, no need to walk the problem tree
        return progress
    bodies = sorted(n.body_span for n in _nodes(problems) if len(n.body_span))
    if not bodies:
        return progress
    starts = [b.start for b in bodies]  # leaf bodies are disjoint: bisect, not a scan per statement

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < bodies[i].end

    return tuple(p for p in progress if not inside(p.span.start))


def _nodes(nodes: tuple[Node, ...]):
    for n in nodes:
        yield n
        yield from _nodes(n.children)


def _diagnose(body: SourceText, hdr, outl) -> tuple[Diagnostic, ...]:
    """PRS001: the text does not look like a rectification notice at all."""
    if not body.norm or body.norm.isspace():  # (not a stripped copy of the whole text)
        return (Diagnostic("PRS001", "文本为空，不是整改通报或整改报告", Span(0, 0)),)
    signals = sum((hdr.title is not None, hdr.inspection.body is not None,
                   hdr.feedback is not None, bool(outl)))
    if signals == 0 and not any(k in body.norm for k in ("整改", "巡察", "巡视")):
        first = next((s for s, line in body.lines() if line.strip()), Span(0, 0))
        return (Diagnostic("PRS001", "未识别出标题、巡察（巡视）组、反馈日期或编号提纲，"
                                     "文本可能不是整改通报或整改报告", first),)
    return ()
