"""A pattern's matches over a whole text, the pattern tried only where a match can start.

Python's engine steps over a text quickly only for a pattern that starts with a literal (well
under a nanosecond a character). A pattern that starts with a class or with alternatives
(``为期|历时|用时|经…``) has every character tested against the set of first characters
(~6 ns), and one that starts with a look-around is entered at every character (~30 ns). Over
a notice of ~9,000 characters that is what such a scan costs, though the words a match must
hold occur a few times at most. ``str.find`` finds a word about as fast as the engine steps
over a text for a pattern that starts with a literal (a tenth of a class's cost); the places
a match can start follow from the words (:func:`word_starts`), and :func:`matches_at` tries
the pattern there only.

:func:`matches_at` gives exactly ``rx.finditer(text, pos, endpos)`` when the places it is
given hold every place where a match of *rx* can start (more places do no harm) and no match
of *rx* is empty: tried at those places in text order, each from the end of the last match
on, the pattern does there what the engine's scan does, and elsewhere the scan finds nothing.
Look-behinds see the text before a place as they do in the scan (``pos`` does not cut them
off).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["matches_at", "word_starts"]


def word_starts(text: str, words: Iterable[str], shifts: Iterable[int] = (0,), pos: int = 0,
                endpos: int | None = None) -> set[int]:
    """The places *shifts* characters before each occurrence of a word of *words* lying in
    ``text[pos:endpos]`` (a match holding the word ``k`` characters after its start starts
    there)."""
    end = len(text) if endpos is None else endpos
    shifts = tuple(shifts)
    out: set[int] = set()
    add, find = out.add, text.find
    for w in words:
        i = find(w, pos, end)
        while i >= 0:
            for k in shifts:
                add(i - k)
            i = find(w, i + 1, end)
    return out


#: places always tried one by one (a short text holding them would be scanned as cheaply)
_FEW = 16


def matches_at(rx: re.Pattern, text: str, starts: set[int] | list[int], pos: int = 0,
               endpos: int | None = None, per_place: int = 64) -> Iterator[re.Match]:
    """``rx.finditer(text, pos, endpos)``, *rx* tried only at *starts* (see the module doc).

    One place tried costs about what the engine's own scan takes to step over *per_place*
    characters (~64 for a pattern that starts with a class or alternatives): a text holding
    more places than one in so many characters (full of the words) is scanned by the engine,
    the same matches; a few places are tried whatever the length."""
    end = len(text) if endpos is None else min(endpos, len(text))
    if len(starts) > _FEW and len(starts) * per_place > end - pos:
        return rx.finditer(text, pos, end)
    return _at(rx.match, text, sorted(starts), pos, end)


def _at(match, text: str, starts: list[int], pos: int, end: int) -> Iterator[re.Match]:
    done = pos
    for s in starts:
        if done <= s < end:
            m = match(text, s, end)
            if m is not None:
                yield m
                done = m.end()
