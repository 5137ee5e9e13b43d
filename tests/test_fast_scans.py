"""More parser steps rewritten to run faster, checked against their plain forms.

As in ``test_fast_parsing.py``: each plain form is kept here, and both run on the seeds, the
variant notices and generated text made of the characters the step reacts to.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.model import Span
from rectify_rules.text import SourceText, _content_line

from test_fast_patterns import TEXTS

# ---- text: the lines of a view, summed in C; its non-blank lines from one split -----------------


def _line_spans_plain(norm: str) -> tuple[Span, ...]:
    spans, pos = [], 0
    for line in norm.split("\n"):
        spans.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return tuple(spans)


def _content_plain(norm: str) -> tuple:
    lines = (_content_line(norm, no, span) for no, span in enumerate(_line_spans_plain(norm)))
    return tuple(line for line in lines if line is not None)


def _check(text: str) -> None:
    src = SourceText(text)
    assert src.line_spans() == _line_spans_plain(src.norm)
    assert src.content_lines() == _content_plain(src.norm)
    for ln in src.content_lines():
        assert ln.text == src.norm[ln.span.start:ln.span.end] == ln.text.strip() != ""


def test_lines_as_before_on_notices():
    for text in TEXTS:
        _check(text)
    assert sum(len(SourceText(t).content_lines()) for t in TEXTS) > 500


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["\n", " ", "\u3000", "\t", "\r", "\r\n", "\u2003", "文字", "a", ""]),
                max_size=30).map("".join))
def test_lines_as_before_on_generated_text(text):
    _check(text)
