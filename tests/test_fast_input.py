"""The fast paths of reading and normalising a file give what the plain code they replaced gave
(as tests/test_fast_output.py does for the writers): each keeps its reference, compared here
on the seeds, the variant notices and generated input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules import read, text

# ---- plain forms the fast ones are checked against --------------------------------------------


def normalise_reference(s: str) -> str:
    """normalise as two scans (the foldable characters, then the traditional ones)."""
    out = text._LONE_CR.sub("\n", s).replace("\r", " ")
    for ch in set(text._FOLDABLE.findall(out)):
        out = out.replace(ch, text._FOLD_CHARS[ch])
    out = text.fold_traditional(out)
    assert len(out) == len(s)
    return out


def address_space_reference() -> int | None:
    """budget._address_space as the file opened and read each time."""
    try:
        with open("/proc/self/statm", "rb") as f:
            pages = int(f.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None

ROOT = Path(__file__).resolve().parent.parent
PATHS = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "variants").glob("*.txt"))

# ---- normalise: one scan for the foldable and the traditional characters ----------------------

#: characters normalise touches, mixed with plain ones: full-width forms, spaces, CR/LF,
#: traditional characters (with the table's one chain 薴 → 苧 → 苎), the two-character words
_TOUCHED = st.sampled_from(list("，（）：；０９Ａｚ\u3000\u00a0\u200b\ufeff\u2060\t\r\n 。是巡察")
                           + list("巡視組反饋瞭解答覆們個據統變專項條薴苧") + ["瞭解", "答覆"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_TOUCHED, st.text(max_size=3)), max_size=40).map("".join))
def test_normalise_is_its_reference(s):
    assert text.normalise(s) == normalise_reference(s)


def test_a_chain_of_the_table_folds_to_its_end_in_any_order():
    """薴 → 苧 and 苧 → 苎: folded to 苎 below and above the translate threshold, whichever
    order the characters are met in (set order varies from run to run)."""
    many = "".join(sorted(text._t2s_pairs()[0]))[:200:7]
    for s in ("薴苧", "苧薴", "苧" + many + "薴"):
        out = text.fold_traditional(s)
        assert len(out) == len(s) and "薴" not in out and "苧" not in out
        assert out[0] == "苎" and out[-1] == "苎"


def test_normalise_of_real_notices_is_its_reference():
    many = "".join(sorted(text._t2s_pairs()[0]))[:200:7]  # past the translate threshold
    for p in PATHS:
        s = p.read_text(encoding="utf-8")
        assert text.normalise(s) == normalise_reference(s)
        mixed = s[:300] + many + "\r\n" + s[300:600]
        assert text.normalise(mixed) == normalise_reference(mixed)


# ---- read: control bytes counted by deleting every other byte ---------------------------------

@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_control_bytes_counted_as_the_pattern_finds_them(data):
    assert len(data.translate(None, read._TEXT_BYTES)) == len(read._CONTROL.findall(data))


# ---- read: one open, the size from the open file ----------------------------------------------

def _outcome(fn, path):
    try:
        return fn(path)
    except read.InputError as e:
        return str(e)


def test_read_bytes_is_its_reference(tmp_path, monkeypatch):
    for p in PATHS[:5]:
        assert read._read_bytes(p) == read._read_bytes_stat_first(p) == p.read_bytes()
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "folder").mkdir()
    locked = tmp_path / "locked.txt"
    locked.write_bytes(b"y" * 5000)
    locked.chmod(0)
    cases = [big, tmp_path / "empty.txt", tmp_path / "folder", tmp_path / "missing.txt", locked,
             str(big), tmp_path / "folder" / "missing" / "a.txt"]
    for limit in (read.MAX_BYTES, 4999, 5000):
        monkeypatch.setattr(read, "MAX_BYTES", limit)
        for c in cases:
            assert _outcome(read._read_bytes, c) == _outcome(read._read_bytes_stat_first, c), c
    # a locked file too large is "too large" (its size is read before its permission)
    monkeypatch.setattr(read, "MAX_BYTES", 4999)
    assert "过大" in _outcome(read._read_bytes, locked)


def test_read_bytes_of_a_file_that_grows_past_its_size(tmp_path, monkeypatch):
    f = tmp_path / "grows.txt"
    f.write_bytes(b"a" * 10)
    real_fstat = os.fstat

    class Small:  # the size seen before the file grew
        def __init__(self, st):
            self.st_mode, self.st_size = st.st_mode, 4

    monkeypatch.setattr(read.os, "fstat", lambda fd: Small(real_fstat(fd)))
    assert read._read_bytes(f) == b"a" * 10
    monkeypatch.setattr(read, "MAX_BYTES", 6)
    with pytest.raises(read.InputError):
        read._read_bytes(f)


# ---- Related: hand-written __init__ (as Finding's and Location's) ------------------------------

def test_related_init_as_attrs_would():
    import pickle

    import attrs

    from rectify_rules.findings import Location, Related
    from rectify_rules.model import Span

    loc = Location(1, 2)
    r = Related(Span(0, 1), loc, Location(1, 3))
    assert (r.message, r.excerpt) == ("", "")
    full = Related(span=Span(0, 1), location=loc, end_location=loc, message="m", excerpt="e")
    assert repr(full) == ("Related(span=Span(start=0, end=1), location=Location(row=1, column=2), "
                          "end_location=Location(row=1, column=2), message='m', excerpt='e')")
    assert full == Related(Span(0, 1), loc, loc, "m", "e") and hash(full) == hash(
        Related(Span(0, 1), loc, loc, "m", "e"))
    assert attrs.evolve(full, message="x").message == "x" and pickle.loads(pickle.dumps(full)) == full
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        full.message = "y"  # type: ignore[misc]


def test_build_finding_excerpts_related_and_redactions():
    """build_finding with related places and a redaction, and with none: the excerpts are the
    slices of the original text (masked where redacted), related and redactions tuples."""
    from rectify_rules.findings import Fix, build_finding, locate
    from rectify_rules.model import Span
    from rectify_rules.redact import masked_segment
    from rectify_rules.text import SourceText

    src = SourceText("第一行\n共反馈11个问题\r\n正文列出12个")
    a, b = Span(7, 9), Span(18, 20)
    f = build_finding(src, "CNT001", "n", "error", "m", a, {"x": 1}, [(b, "另一处")],
                      Fix("12", a), "ref", "a.txt", [Span(4, 8)])
    assert f.excerpt == masked_segment(src.original, 7, 9, [Span(4, 8)]) != "11"
    assert f.excerpt[1] == "1"  # the part of the secret masked, the rest as written
    assert isinstance(f.redactions, tuple) and f.redactions == (Span(4, 8),)
    (rel,) = f.related
    assert (rel.span, rel.message, rel.excerpt) == (b, "另一处", "12")
    assert (rel.location, rel.end_location) == locate(src, b)
    g = build_finding(src, "X", "n", "info", "m", Span(4, 14), {}, (), None, "", None)
    assert (g.excerpt, g.related, g.redactions) == ("共反馈11个问题\r\n", (), ())
    assert (g.location.row, g.location.column, g.end_location.row, g.end_location.column) == \
        (2, 1, 3, 1)


# ---- Marker and Node: hand-written __init__ (as Span's) -----------------------------------------

def test_marker_and_node_init_as_attrs_would():
    import pickle

    import attrs

    from rectify_rules.model import Marker, Node, Span

    m = Marker("一、", Span(0, 2), "cn", 1, 1)
    assert m.malformed is False and m == Marker(text="一、", span=Span(0, 2), style="cn",
                                                 level=1, number=1, malformed=False)
    n = Node(m, "标题", Span(0, 9), Span(2, 4), Span(4, 9))
    assert (n.children, n.status, n.status_span, n.deadline) == ((), None, None, None)
    child = attrs.evolve(n, title="子", children=())
    parent = attrs.evolve(n, children=(child,), status="completed", status_span=Span(5, 7))
    assert parent.leaves() == (child,) and parent.number == 1
    assert pickle.loads(pickle.dumps(parent)) == parent and hash(parent) == hash(
        attrs.evolve(parent))
    assert repr(m) == "Marker(text='一、', span=Span(start=0, end=2), style='cn', level=1, " \
                      "number=1, malformed=False)"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        n.title = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Node(m, "标题", Span(0, 9), Span(2, 4))  # body_span is required


# ---- the file budget: /proc/self/statm kept open, read again with pread ------------------------

@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="Linux only")
def test_address_space_is_its_reference_here_and_in_a_forked_child():
    from rectify_rules.cli import budget

    def close(a, b):
        return a is not None and b is not None and abs(a - b) < 8 * 1024 * 1024

    assert close(budget._address_space(), address_space_reference())
    held = bytearray(64 * 1024 * 1024)  # 64 MB more: both see it
    assert close(budget._address_space(), address_space_reference())
    assert budget._address_space() >= len(held)
    pid = os.fork()
    if pid == 0:  # the child: its own /proc/self, not the parent's inherited descriptor
        del held
        ok = close(budget._address_space(), address_space_reference())
        os._exit(0 if ok and budget._STATM[0][0] == os.getpid() else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert budget._STATM[0][0] == os.getpid()


# ---- the lines a batch result carries: LineIndex.line_texts -----------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\n\r 。", max_size=30), st.lists(st.integers(-2, 12), max_size=8))
def test_line_texts_is_line_bounds_for_each_row(s, rows):
    index = text.LineIndex(s)
    want = {}
    for row in rows:
        if 1 <= row <= index.line_count:
            start, end = index.line_bounds(row)
            want[row] = s[start:end]
    got = index.line_texts(s, rows)
    assert got == want and list(got) == list(want)
