"""Scan a long text only near the characters every match must hold.

A pattern such as :data:`.dates_grammar.DATE_RE` can begin at every digit of a notice ("一是",
"3个", "第二"): Python's engine enters it hundreds of times per notice, though a date is found
a few dozen times. Every date holds an *anchor* (年, 月 or a numeric separator) a few
characters after its start, so only the text around the anchors needs the full pattern.

:func:`anchored_finditer` gives exactly the matches of ``rx.finditer(text)`` when every match
of *rx* holds an anchor at most *before* characters after its start and ends (its look-aheads
included) at most *after* characters past that anchor: each match then lies inside one merged
window ``[anchor - before, anchor + after)``, and no match of the full scan straddles a
window's start (it would hold an anchor whose window overlaps, and windows that overlap are
merged). Look-behinds see the text before a window (``pos`` does not cut them off).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["anchored_finditer", "windows"]


def windows(text: str, anchors: re.Pattern, before: int, after: int) -> list[tuple[int, int]]:
    """Merged ``[start, end)`` windows around the matches of *anchors* in *text*."""
    out: list[tuple[int, int]] = []
    n = len(text)
    start = end = -1
    for m in anchors.finditer(text):
        a = m.start()
        lo = a - before if a > before else 0
        if lo > end:
            if end > 0:
                out.append((start, end))
            start = lo
        end = a + after + 1
    if end > 0:
        out.append((start, min(end, n)))
    return out


def anchored_finditer(rx: re.Pattern, text: str, anchors: re.Pattern, before: int,
                      after: int) -> Iterator[re.Match]:
    """``rx.finditer(text)``, searched only in the :func:`windows` of *anchors*."""
    for start, end in windows(text, anchors, before, after):
        yield from rx.finditer(text, start, end)
