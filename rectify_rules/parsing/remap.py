"""Moving a parsed Notice from the offsets of a compacted text back to the original.

A text with pinyin insertions ("根據(jù)") is parsed without them (:func:`rectify_rules.text.
compact`); every span of the result is then mapped back, and every fact text that was the
compacted text at its span becomes the original text at the new span, so the model's contract
holds: ``notice.text[span.start:span.end]`` is the text the fact came from.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..model import Span
from ..text import Compacted

__all__ = ["remap"]


def remap(value: Any, cmp: Compacted, original: str) -> Any:
    """*value* (a model object, tuple or scalar) with every Span moved by *cmp*."""
    if isinstance(value, Span):
        return cmp.span(value)
    if isinstance(value, tuple):
        return tuple(remap(v, cmp, original) for v in value)
    if not attrs.has(type(value)):
        return value
    changes: dict[str, Any] = {}
    old_span = getattr(value, "span", None)
    for f in attrs.fields(type(value)):
        if not f.init:
            continue
        v = getattr(value, f.name)
        new = remap(v, cmp, original)
        if new is not v:
            changes[f.name] = new
    new_span = changes.get("span")
    text = getattr(value, "text", None)
    if (isinstance(old_span, Span) and isinstance(new_span, Span) and isinstance(text, str)
            and text == cmp.text[old_span.start:old_span.end]):
        changes["text"] = original[new_span.start:new_span.end]
    return attrs.evolve(value, **changes) if changes else value
