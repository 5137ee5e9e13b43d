"""The fast paths of the engine and the writers give what the plain code they replaced gave
(see tests/test_fast_paths.py): each keeps its reference, compared here on the findings of the
seeds and the variant notices and on generated values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.engine import check_parsed, load_rules
from rectify_rules.findings import Finding, Fix, Location, Related
from rectify_rules.model import Span
from rectify_rules.output import json_fmt
from rectify_rules.parsing import parse_source

_encode = json.JSONEncoder(ensure_ascii=False).encode


def render_reference(f: Finding) -> str:
    """One finding as a dict through the json module's encoder: the plain form of render."""
    return _encode(json_fmt.finding_to_dict(f))

ROOT = Path(__file__).resolve().parent.parent
PATHS = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "variants").glob("*.txt"))


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    pack = load_rules()
    out = []
    for p in PATHS:
        out += check_parsed(*parse_source(p.read_text(encoding="utf-8")), pack, filename=p.name)
    return out


def test_json_render_is_the_reference_text(findings):
    assert len(findings) > 300
    assert {f.fix is not None for f in findings} == {True, False}
    assert any(f.related for f in findings)
    for f in findings:
        assert json_fmt.render(f) == render_reference(f)


_VALUE = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                   st.floats(allow_nan=False), st.text(), st.dates(),
                   st.lists(st.one_of(st.integers(), st.text()), max_size=3))


@settings(max_examples=200, deadline=None)
@given(values=st.dictionaries(st.text(max_size=5), _VALUE, max_size=4),
       message=st.text(), filename=st.one_of(st.none(), st.text()),
       reference=st.text(max_size=3), safe=st.booleans(), same_span=st.booleans(),
       related=st.lists(st.tuples(st.text(max_size=4), st.text(max_size=4)), max_size=2))
def test_json_render_of_generated_findings(values, message, filename, reference, safe, same_span,
                                           related):
    span = Span(3, 7)
    fix = Fix("改\"为\\", span if same_span else Span(3, 4), safe) if values else None
    rel = tuple(Related(Span(1, 2), Location(1, 2), Location(1, 3), m, e) for m, e in related)
    f = Finding("X001", "name", "warning", message, span, Location(1, 4), Location(2, 1),
                "excerpt", values, rel, fix, reference, filename)
    assert json_fmt.render(f) == render_reference(f)


# ---- json: rendered from the engine's findings as found, without building them ------------------

def test_json_render_found_is_render_of_the_built_findings():
    """``check --format json`` renders the engine's tuples (render_found): the text render gives
    for the findings built of the same tuples (findings_of), finding for finding."""
    from rectify_rules.engine.evaluate import findings_of, found_parsed

    pack = load_rules()
    rendered = 0
    for p in PATHS:
        notice, src = parse_source(p.read_text(encoding="utf-8"))
        found, redacted = found_parsed(notice, src, pack)
        built = findings_of(found, src, p.name, redacted)
        assert [f.sort_key for f in built] == sorted(f.sort_key for f in built)
        if redacted:  # personal data: masked in the findings, never rendered from the tuples
            assert any(f.redactions for f in built)
            continue
        fast = json_fmt.render_found(found, src, p.name)
        assert fast == [(f.code, f.name, f.severity, json_fmt.render(f)) for f in built]
        rendered += len(fast)
    assert rendered > 300


@settings(max_examples=200, deadline=None)
@given(values=st.dictionaries(st.text(max_size=5), _VALUE, max_size=4),
       text=st.text(alphabet="ab\n中\"", min_size=8, max_size=20), data=st.data(),
       message=st.text(), filename=st.one_of(st.none(), st.text()),
       reference=st.text(max_size=3), safe=st.booleans(), same_span=st.booleans(),
       related=st.lists(st.text(max_size=4), max_size=2))
def test_json_render_found_of_generated_tuples(values, text, data, message, filename, reference,
                                               safe, same_span, related):
    from rectify_rules.engine.evaluate import findings_of
    from rectify_rules.text import SourceText

    src = SourceText(text)
    start = data.draw(st.integers(0, len(text)))
    span = Span(start, data.draw(st.integers(start, len(text))))
    fix = Fix("改\"为\\", span if same_span else Span(0, 1), safe) if values else None
    places = tuple((Span(i, i + 2), m) for i, m in enumerate(related))
    found = [((span.start, "X001", span.end, message), "X001", "name", "warning", message, span,
              values, places, fix, reference, ())]
    [f] = findings_of(found, src, filename)
    assert json_fmt.render_found(found, src, filename) == [
        ("X001", "name", "warning", render_reference(f))]


# ---- read: control bytes counted by bytes.translate ---------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_control_bytes_counted_as_the_pattern_finds_them(data):
    from rectify_rules import read

    assert len(data) - len(data.translate(None, read._CONTROL_BYTES)) == \
        len(read._CONTROL.findall(data))


# ---- Finding and Location: hand-written __init__ (as Span's) --------------------------------

def test_finding_and_location_init_as_attrs_would():
    import pickle

    import attrs

    loc = Location(3, 4)
    assert (loc.row, loc.column) == (3, 4) and loc == Location(row=3, column=4)
    assert hash(loc) == hash(Location(3, 4)) and repr(loc) == "Location(row=3, column=4)"
    f = Finding("X001", "n", "info", "m", Span(1, 2), loc, Location(3, 5))
    assert (f.excerpt, f.values, f.related, f.fix, f.reference, f.filename, f.redactions) == \
        ("", {}, (), None, "", None, ())
    g = Finding("X001", "n", "info", "m", Span(1, 2), loc, Location(3, 5))
    assert f.values is not g.values  # a dict of its own, as the factory gave
    full = Finding(code="X", name="n", severity="error", message="m", span=Span(0, 1),
                   location=loc, end_location=loc, excerpt="e", values={"a": 1},
                   related=(Related(Span(0, 1), loc, loc, "r", "x"),), fix=Fix("y", Span(0, 1)),
                   reference="ref", filename="f.txt", redactions=(Span(0, 1),))
    assert attrs.evolve(full, message="other").message == "other"
    assert attrs.evolve(full) == full and pickle.loads(pickle.dumps(full)) == full
    assert attrs.asdict(full)["values"] == {"a": 1}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        full.code = "Y"  # type: ignore[misc]


# ---- read: a buffer of the file's size ----------------------------------------------------------

def test_read_bytes_reads_files_pipes_and_the_limit(tmp_path, monkeypatch):
    import os
    import threading

    from rectify_rules import read

    f = tmp_path / "a.txt"
    f.write_bytes("整改通报\n".encode() * 1000)
    assert read._read_bytes(f) == f.read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert read._read_bytes(empty) == b""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # a file of no size: read to its end
    writer = threading.Thread(target=lambda: fifo.write_bytes(b"x" * 70000))
    writer.start()
    assert read._read_bytes(fifo) == b"x" * 70000
    writer.join()
    monkeypatch.setattr(read, "MAX_BYTES", 100)
    with pytest.raises(read.InputError):
        read._read_bytes(f)


# ---- the engine's findings: located by findings.locator, built by findings.finding_builder ------

def _reference_location(text: str, offset: int) -> Location:
    """Line and column of *offset* counted the plain way (the fast path bisects line starts)."""
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return Location(text.count("\n", 0, offset) + 1, offset - line_start + 1)


def test_engine_findings_are_the_reference_construction(findings):
    """Each finding as the attrs constructor builds it from its spans, the locations counted
    the plain way: the same object (locations, related places, excerpts, every field)."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in PATHS}
    assert any(f.related for f in findings)
    for f in findings:
        text = parse_source(texts[f.filename])[1].original
        where = lambda sp: (_reference_location(text, sp.start), _reference_location(text, sp.end))  # noqa: E731
        related = tuple(Related(r.span, *where(r.span), r.message, text[r.span.start:r.span.end])
                        for r in f.related)
        excerpt = f.excerpt if f.redactions else text[f.span.start:f.span.end]
        ref = Finding(f.code, f.name, f.severity, f.message, f.span, *where(f.span), excerpt,
                      dict(f.values), related, f.fix, f.reference, f.filename, f.redactions)
        assert f == ref and f.values == ref.values


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab\n中", max_size=30), data=st.data())
def test_locator_as_counted(text, data):
    from rectify_rules.findings import locate, locator, positions
    from rectify_rules.text import SourceText

    src = SourceText(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text) + 3))  # past the end: clamped as before
    first, last = locator(src)(start, end)
    assert first == _reference_location(text, start)
    assert last == (first if start == end else _reference_location(text, end))
    assert locate(src, Span(start, end)) == (first, last)
    assert positions(src)(start, end) == (first.row, first.column, last.row, last.column)


# ---- the engine's values: text and integers, bare placeholders ----------------------------------

def test_pack_messages_have_bare_placeholders():
    """The loader allows only bare placeholders: every message of the built-in pack takes the
    fast path (a template with a spec, conversion, attribute or index does not)."""
    from rectify_rules.engine import evaluate

    pack = load_rules()
    templates = [r.message for r in pack.rules] + [t for r in pack.rules
                                                   for t, _ in r.variants.values()]
    assert len(templates) > 50 and all(evaluate._bare(t) for t in templates)
    for t in ("{n:>3}", "{n!r}", "{n.real}", "{n[0]}", "{0}", "{", "a {n} {m:d}"):
        assert not evaluate._bare(t)
    assert evaluate._bare("通报称共{total}个，{{字面}}") and evaluate._bare("无占位符")


@settings(max_examples=300, deadline=None)
@given(values=st.dictionaries(st.text(alphabet="abc_", min_size=1, max_size=4),
                              st.one_of(st.text(max_size=5), st.integers(-10**30, 10**30)),
                              max_size=4),
       names=st.lists(st.text(alphabet="abc_", min_size=1, max_size=4), max_size=3))
def test_text_and_integer_values_as_human_and_plain_give_them(values, names):
    """For values of text and integers and a bare template, the hit's own dict formats the
    message as the human forms do, and is its own plain form (the fast path of check_parsed)."""
    from rectify_rules.engine import evaluate

    template = "通报" + "、".join("{" + n + "}" for n in names)
    assert evaluate._bare(template)
    assert evaluate._TEXT_OR_INT.issuperset(map(type, values.values()))
    shown = {k: evaluate.human(v) for k, v in values.items()}
    try:
        expected = template.format_map(shown)
    except KeyError:
        expected = template.format_map(evaluate._Fill(shown))
    try:
        got = template.format_map(values)
    except KeyError:
        got = template.format_map(evaluate._Fill(values))
    assert got == expected
    assert dict(values) == {k: evaluate.plain(v) for k, v in values.items()}


def test_hit_init_as_attrs_would():
    import pickle

    import attrs

    from rectify_rules.checks import Hit

    h = Hit(Span(1, 2))
    assert (h.values, h.related, h.fix, h.variant, h.redact) == ({}, (), None, None, ())
    assert h.values is not Hit(Span(1, 2)).values  # a dict of its own, as the factory gave
    full = Hit(span=Span(0, 3), values={"a": 1}, related=((Span(0, 1), "r"),),
               fix=Fix("y", Span(0, 1)), variant="v", redact=(Span(1, 2),))
    assert (full.span, full.values, full.related, full.fix, full.variant, full.redact) == \
        (Span(0, 3), {"a": 1}, ((Span(0, 1), "r"),), Fix("y", Span(0, 1)), "v", (Span(1, 2),))
    assert full == Hit(Span(0, 3), {"a": 1}, ((Span(0, 1), "r"),), Fix("y", Span(0, 1)), "v",
                       (Span(1, 2),))
    assert hash(full) == hash(attrs.evolve(full, values={"b": 2}))  # values: not hashed
    assert attrs.evolve(full, variant=None).variant is None
    assert pickle.loads(pickle.dumps(full)) == full
    assert repr(h).startswith("Hit(span=Span(start=1, end=2), values={}")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        full.variant = "w"  # type: ignore[misc]


def test_lines_carried_only_for_formats_that_show_them():
    from rectify_rules.cli.batch import Settings, Task, check_task
    from rectify_rules.output import FORMATS, shows_lines

    assert {f for f in FORMATS if shows_lines(f)} == {"rich", "html"}
    path = str(PATHS[0])
    shown = check_task(Task(path, path, Settings()))
    bare = check_task(Task(path, path, Settings(source_lines=False)))
    assert shown.findings and shown.findings == bare.findings and shown.notes == bare.notes
    assert shown.lines and set(shown.lines) == {f.location.row for f in shown.findings} | {
        r.location.row for f in shown.findings for r in f.related}
    assert bare.lines == {}
    whole = check_task(Task(path, path, Settings(source_lines=False, whole_text=True)))
    assert len(whole.lines) == PATHS[0].read_text(encoding="utf-8").count("\n") + 1
