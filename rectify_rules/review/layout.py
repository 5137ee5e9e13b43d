"""Where each character of a .docx's text lives in its XML.

:func:`layout` walks the document body exactly as :func:`rectify_rules.docx.read_docx` reads
it (same containers, same skipped elements, same numbering) and records, for each paragraph,
its offsets in the text and the XML element behind every character: a ``w:t`` for its
characters, a ``w:tab``/``w:br``/``w:cr`` … for one. A span of a finding is then a range of
elements, and the list number Word draws (not in the XML) is the paragraph's ``marker``.
"""

from __future__ import annotations

from ..docx import _CONTAINERS, _SKIP, _TEXT, W, _part_element
from ..wordnum import Numberer

_BR = W + "br"


class Piece:
    """Characters [start, end) of the text, from element ``el`` (child of a ``w:r``)."""

    __slots__ = ("start", "end", "el")

    def __init__(self, start: int, end: int, el) -> None:
        self.start, self.end, self.el = start, end, el

    def __repr__(self) -> str:  # for test failures
        return f"Piece({self.start}, {self.end}, {self.el.tag.rsplit('}', 1)[-1]})"


class Para:
    """One paragraph: its line [start, end) of the text; the list number Word draws takes
    [start, text_start)."""

    __slots__ = ("p", "start", "text_start", "end", "marker", "pieces")

    def __init__(self, p, start: int, marker: str) -> None:
        self.p, self.start, self.marker = p, start, marker
        self.text_start = self.end = start + len(marker)
        self.pieces: list[Piece] = []


def layout(document) -> tuple[str, list[Para]]:
    """The text of python-docx *document* (as ``read_docx`` gives it) and its paragraphs."""
    numbering = _part_element(lambda: document.part.numbering_part.element)
    styles = _part_element(lambda: document.part.styles.element)
    numberer = Numberer(numbering, styles)
    paras: list[Para] = []
    chunks: list[str] = []
    _walk(document.element.body, numberer, paras, chunks)
    return "".join(chunks), paras


def _walk(el, numberer: Numberer, paras: list[Para], chunks: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag == W + "p":
            start = paras[-1].end + 1 if paras else 0
            if paras:
                chunks.append("\n")
            para = Para(child, start, numberer.marker(child))
            chunks.append(para.marker)
            _collect(child, para, chunks)
            paras.append(para)
        elif tag in _CONTAINERS:
            _walk(child, numberer, paras, chunks)


def _collect(el, para: Para, chunks: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag in _TEXT:
            rep = _TEXT[tag]
            text = (child.text or "") if rep is None else rep
        elif tag == _BR:
            if child.get(W + "type") not in (None, "textWrapping"):
                continue
            text = "\n"
        else:
            _collect(child, para, chunks)
            continue
        para.pieces.append(Piece(para.end, para.end + len(text), child))
        para.end += len(text)
        chunks.append(text)
