"""The fast paths give what the plain code they replaced gave.

Each optimisation for CPU time keeps a reference here: the simpler code it replaced, compared on
the seeds and on generated text. (The end-to-end check is the CLI's output on a generated corpus,
byte for byte, before and after; these tests keep the pieces honest when they change.)
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.checks import hygiene
from rectify_rules.cli import batch
from rectify_rules.engine import check_parsed, load_rules
from rectify_rules.findings import Finding, Fix, Location, make_finding
from rectify_rules.model import Marker, Node, Notice, Span
from rectify_rules.output.json_fmt import plain
from rectify_rules.parsing import boilerplate, parse_source
from rectify_rules.text import LineIndex, SourceText

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEEDS]


# ---- Span: a hand-written __init__, still validating -------------------------------------------

@pytest.mark.parametrize("start,end", [(-1, 0), (3, 2), (0, -1)])
def test_span_rejects_bad_offsets(start, end):
    with pytest.raises(ValueError, match="bad span"):
        Span(start, end)


def test_span_validates_through_evolve_and_keywords():
    with pytest.raises(ValueError):
        attrs.evolve(Span(2, 5), end=1)
    assert Span(start=2, end=5) == Span(2, 5)
    assert attrs.evolve(Span(2, 5), end=7) == Span(2, 7)


def test_span_is_still_a_frozen_attrs_class():
    s = Span(1, 4)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.start = 0  # type: ignore[misc]
    assert [a.name for a in attrs.fields(Span)] == ["start", "end"]
    assert attrs.asdict(s) == {"start": 1, "end": 4}
    assert sorted([Span(2, 3), Span(1, 5), Span(1, 2)]) == [Span(1, 2), Span(1, 5), Span(2, 3)]
    assert hash(s) == hash(Span(1, 4)) and s != Span(1, 5) and len(s) == 3
    assert pickle.loads(pickle.dumps(s)) == s
    assert repr(s) == "Span(start=1, end=4)"


# ---- LineIndex.line_col clamps with comparisons --------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\n中"), st.integers(-5, 40))
def test_line_col_clamps_as_before(text, offset):
    index = LineIndex(text)
    clamped = max(0, min(offset, len(text)))
    line = text.count("\n", 0, clamped)
    col = clamped - (text.rfind("\n", 0, clamped) + 1) + 1
    assert index.line_col(offset) == (line + 1, col)


def test_line_bounds_is_line_span():
    index = LineIndex("ab\n\ncd\n")
    for row in range(1, index.line_count + 1):
        span = index.line_span(row)
        assert index.line_bounds(row) == (span.start, span.end)


# ---- FMT003: the half-width marks next to Chinese ------------------------------------------------

_ZH = hygiene._ZH.pattern
#: the single pattern the check used before (a look-ahead first: slower, same matches)
_REFERENCE_HALF_ZH = re.compile(f"(?=[,;:?!() \t])(?:(?<={_ZH})[,;:?!()]|[,;:?!()](?=[ \t]*{_ZH})"
                                f"|(?<={_ZH})[ \t]+[,;:?!()])")


def _reference_half_marks(text: str) -> list[int]:
    return [m.end() - 1 for m in _REFERENCE_HALF_ZH.finditer(text)]


def test_half_marks_on_seeds(seed_texts):
    for text in seed_texts:
        assert hygiene._half_marks(text) == _reference_half_marks(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="a ,;:?!()\t\n中。（）\u3000", max_size=30))
def test_half_marks_on_generated_text(text):
    assert hygiene._half_marks(text) == _reference_half_marks(text)


# ---- paragraphs from the parser's non-blank lines ------------------------------------------------

_REFERENCE_SENTENCE_END = re.compile("[。!?][”’」』)】》\"']*[ \t]*$")


def _reference_paragraphs(text: str) -> list[tuple[int, int]]:
    """The split-and-strip scan the paragraphs were computed with before."""
    out, start, end, pos = [], None, None, 0
    for line in text.split("\n"):
        if line.strip():
            if start is None:
                start = pos
            end = pos + len(line)
            if _REFERENCE_SENTENCE_END.search(line):
                out.append((start, end))
                start = None
        elif start is not None:
            out.append((start, end))
            start = None
        pos += len(line) + 1
    if start is not None:
        out.append((start, end))
    return out


def test_paragraphs_on_seeds(seed_texts):
    for text in seed_texts:
        _, src = parse_source(text)
        assert list(hygiene._paragraphs(src)) == _reference_paragraphs(src.norm)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab 。!?”)\n\t\u3000\r\x0c\x1c中", max_size=40))
def test_paragraphs_on_generated_text(text):
    src = SourceText(text)
    assert list(hygiene._paragraphs(src)) == _reference_paragraphs(src.norm)


# ---- SourceText.without derives the non-blank lines ----------------------------------------------

def _fresh_content(view: SourceText):
    return SourceText(view.original, view.norm).content_lines()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\t中\u3000\x0c", max_size=40),
       st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=4))
def test_without_derives_the_content_lines(text, pairs):
    spans = [Span(min(a, b), max(a, b)) for a, b in pairs]
    src = SourceText(text)
    src.content_lines()  # known on the first view: the copy derives its own
    out = src.without(spans)
    assert out._content is not None
    assert out.content_lines() == _fresh_content(out)
    again = out.without(spans[:1])
    assert again.content_lines() == _fresh_content(again)


def test_without_derives_the_content_lines_of_the_seeds(seed_texts):
    for text in seed_texts:
        src = SourceText(text)
        src.content_lines()
        body = src.without(boilerplate.scan(src).spans)
        assert body.content_lines() == _fresh_content(body)


# ---- Node.leaves / Notice.leaves without a tuple per level ---------------------------------------

def _node(title: str, *children: Node) -> Node:
    return Node(Marker("1.", Span(0, 2), "arabic-dot", 3, 1), title, Span(0, 2), Span(0, 2),
                Span(0, 2), children=children)


def test_leaves_in_order():
    a, b, c, d = (_node(x) for x in "abcd")
    tree = (_node("x", a, _node("y", b, c)), d)
    assert [n.title for n in Notice("", problems=tree).leaves()] == ["a", "b", "c", "d"]
    assert [n.title for n in tree[0].leaves()] == ["a", "b", "c"]
    assert d.leaves() == (d,)
    assert Notice("").leaves() == ()


# ---- the engine: one sort key, no duplicates ------------------------------------------------------

def test_findings_sorted_by_sort_key_without_duplicates(seed_texts):
    pack = load_rules()
    for text in seed_texts:
        found = check_parsed(*parse_source(text), pack, filename="x.txt")
        assert found == sorted(found, key=lambda f: f.sort_key)
        keys = [(f.code, f.span, f.message) for f in found]
        assert len(keys) == len(set(keys))


# ---- json: the values fast path --------------------------------------------------------------------

def test_plain_values_as_before():
    import datetime as dt

    values = {"a": "x", "b": 3, "c": 2.5, "d": True, "e": None, "f": [1, dt.date(2021, 6, 30)],
              "g": Span(1, 2), 7: "seven", "h": {"i": dt.date(2020, 1, 2)}}
    assert plain(values) == {"a": "x", "b": 3, "c": 2.5, "d": True, "e": None,
                             "f": [1, "2021-06-30"], "g": {"start": 1, "end": 2}, "7": "seven",
                             "h": {"i": "2020-01-02"}}


# ---- the CLI: results cross from workers as tuples -------------------------------------------------

def test_results_packed_for_workers_come_back_equal(seed_texts):
    src = SourceText("第一行\n第二行有问题\n第三行")
    related = make_finding(src, code="CNT003", name="n", severity="error", message="m",
                           span=Span(4, 6), values={"x": 1, "y": ["a"]},
                           related=[(Span(0, 3), "另一处"), (Span(8, 10), "")],
                           fix=Fix("对", Span(4, 6), False), reference="依据", filename="a.txt")
    empty = make_finding(src, code="REQ001", name="n", severity="info", message="m",
                         span=Span(3, 3))
    results = [batch.FileResult("a.txt", (related, empty), {1: "第一行", 2: "第二行有问题"}),
               batch.FileResult("b.txt", error="b.txt: error: 文件不存在")]
    for text in seed_texts:
        notice, s = parse_source(text)
        found = check_parsed(notice, s, load_rules(), filename="seed.txt")
        results.append(batch.FileResult("seed.txt", tuple(found), {1: "x"}))
    for r in results:
        back = batch._unpack(pickle.loads(pickle.dumps(batch._pack(r))))
        assert back == r
        assert all(type(f) is Finding for f in back.findings)
        assert all(type(f.location) is Location for f in back.findings)
