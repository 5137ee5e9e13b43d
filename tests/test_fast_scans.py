"""More parser steps rewritten to run faster, checked against their plain forms.

As in ``test_fast_parsing.py``: each plain form is kept here, and both run on the seeds, the
variant notices and generated text made of the characters the step reacts to.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.model import Span
from rectify_rules.parsing import counts
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


# ---- counts: the next cue searched from the end of the clause just read --------------------------


def _candidates_plain(norm: str, clauses: counts.Clauses):
    last = -1
    for cue in counts._CUE.finditer(norm):
        start, end = clauses.clause(cue.start())
        if start <= last:
            continue
        last = start
        if counts._FEEDBACK_CONTEXT.search(norm, start, end):
            if (counts._OTHER_ACTIVITY.search(norm, start, end)
                    and not counts._INSPECTION.search(norm, start, end)):
                continue
            if counts._NUMERAL.search(norm, start, end):
                yield from counts._DECLARED.finditer(norm, start, end)
        elif counts._verb_about_feedback(norm, clauses, start, cue):
            yield from (m for m in counts._DECLARED.finditer(norm, cue.end(), end)
                        if m.group("aspects") is None and m.group("categories") is None
                        or "问题" in norm[m.end():end])
        else:
            continue
        if end < len(norm) and norm[end] in ",;":
            n_start, n_end = clauses.clause(end + 1)
            if counts._CONTINUATION.match(norm, n_start, n_end):
                last = n_start
                yield from counts._DECLARED.finditer(norm, n_start, n_end)


def _matches(found) -> list:
    return [(m.span(), m.groups()) for m in found]


def _check_candidates(norm: str) -> int:
    fast = _matches(counts._candidates(norm, counts.Clauses(norm)))
    assert fast == _matches(_candidates_plain(norm, counts.Clauses(norm)))
    return len(fast)


def test_declared_candidates_as_before_on_notices():
    assert sum(_check_candidates(text) for text in TEXTS) > 50


_COUNT_PIECES = ["反馈", "巡察", "指出", "发现", "自查", "整改任务", "问题", "3个", "11个", "方面",
                 "涉及", "共", "项", "台账", ",", ";", "。", "\n", " ", "了", "意见", "包括", "5个大类",
                 "二", "条"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_COUNT_PIECES), max_size=30).map("".join))
def test_declared_candidates_as_before_on_generated_text(text):
    _check_candidates(text)
