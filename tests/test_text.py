"""The normalised view keeps every offset: it is 1:1 in code points with the original."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.model import Span
from rectify_rules.text import LineIndex, SourceText, normalise


def test_folding_examples():
    original = "截至２０２１年６月，（一）ＡＢ：\u3000x\u00a0y\r\nz\rw"
    norm = normalise(original)
    assert norm == "截至2021年6月,(一)AB: x y \nz\nw"
    assert len(norm) == len(original)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_length_is_preserved(text):
    assert len(normalise(text)) == len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab\n，\u3000\r"), st.lists(st.tuples(st.integers(0, 30),
                                                             st.integers(0, 30))))
def test_without_blanks_spans_and_keeps_line_breaks(text, pairs):
    spans = [Span(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in pairs]
    src = SourceText(text)
    out = src.without(spans)
    assert len(out.norm) == len(text)
    for i, ch in enumerate(out.norm):
        if any(s.start <= i < s.end for s in spans):
            assert ch == ("\n" if src.norm[i] == "\n" else " ")
        else:
            assert ch == src.norm[i]


def test_line_col_counts_code_points_and_crlf_as_one_break():
    text = "第一行\r\n（二）第二行\n\n第四"
    idx = LineIndex(text)
    assert idx.line_col(0) == (1, 1)
    assert idx.line_col(text.index("（")) == (2, 1)
    assert idx.line_col(text.index("第二行")) == (2, 4)
    assert idx.line_col(text.index("第四")) == (4, 1)
    assert idx.line_col(len(text)) == (4, 3)
    assert idx.line_count == 4
    assert text[idx.line_span(2).start:idx.line_span(2).end] == "（二）第二行"
