"""Text checks of the rule side rewritten for CPU time (issue 12, round 5) give what the code
they replaced gave. Each reference below is the replaced code, kept as it was; both run on the
seeds, the variant notices, notices generated from the seeds as the benchmark makes them (other
numbers, years and place names) and generated text."""

from __future__ import annotations

import random

import pytest
from fasthelpers import ctx as _ctx
from fasthelpers import hits as _hits
from fasthelpers import parsed_notices
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.parsing import parse_source


@pytest.fixture(scope="module")
def parsed() -> list:
    return parsed_notices(5)


# ---- FMT001: _DOUBLE tried only where neighbouring characters agree ----------------------------

def _reference_doubles(norm: str) -> list[tuple[int, int]]:
    from rectify_rules.checks import doubled

    return [m.span() for m in doubled._DOUBLE.finditer(norm)]


def test_doubles_as_before_on_notices(parsed):
    from rectify_rules.checks import doubled

    found = 0
    for _, src in parsed:
        # and the text with every tenth character doubled: AA and ABAB in every context
        text = "".join(ch * 2 if i % 10 == 3 else ch for i, ch in enumerate(src.norm))
        for norm in (src.norm, text):
            mine = [m.span() for m in doubled.doubles(norm)]
            assert mine == _reference_doubles(norm)
            found += len(mine)
    assert found


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="整改改整的是 \n\t0a\u3400\u4e00\u4e01\u0100\u0101\uf900\U00010000\U00020000"
                        "\u2026\u3000", max_size=30))
def test_doubles_as_before_on_generated_text(norm):
    from rectify_rules.checks import doubled

    assert [m.span() for m in doubled.doubles(norm)] == _reference_doubles(norm)


# ---- FMT003: marks taken by map, skipped stretches taken out once -------------------------------

def _reference_half_width_punctuation(ctx):
    from bisect import bisect_left, bisect_right

    from rectify_rules.checks import Hit
    from rectify_rules.checks import hygiene as H
    from rectify_rules.model import Span

    orig = ctx.src.original
    if H._HALF.search(orig) is None:
        return
    found = [m.start() for m in H._HALF_ZH.finditer(orig)]
    halves = [i for i in found if orig[i - 1] not in " \t" or H._spaced_mark(orig, i)]
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(H._skipped(orig, ctx.notice.boilerplate)):
        if a >= b:
            continue
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    for p0, p1 in H._paragraph_index(ctx.src).spans:
        lo, hi = bisect_left(halves, p0), bisect_left(halves, p1)
        if lo == hi:
            continue
        first, count = lo, hi - lo
        j0, j1 = bisect_right(ends, p0), bisect_left(starts, p1)
        for a, b in zip(starts[j0:j1], ends[j0:j1]):
            inside = bisect_left(halves, a, lo, hi), bisect_left(halves, b, lo, hi)
            count -= inside[1] - inside[0]
            if inside[0] == first:
                first = inside[1]
        if count == 0:
            continue
        i = halves[first]
        context = orig[max(p0, i - 4):min(p1, i + 5)]
        if "\n" in context or "\r" in context:
            context = H._LINE_BREAK.sub("", context)
        yield Hit(Span(i, i + 1), {"char": orig[i], "count": count, "context": context})


def test_half_width_punctuation_as_before_on_notices(parsed):
    from rectify_rules.checks import hygiene

    found = 0
    rng = random.Random(3)
    for notice, src in parsed:
        # and the notice with one full-width mark in three made half-width, some after blanks
        text = "".join(ch if ch not in "，；：？！（）" or rng.random() > 0.3
                       else rng.choice(["", " ", "\t", "  "]) + chr(ord(ch) - 0xFEE0)
                       for ch in src.original)
        for n, s in ((notice, src), parse_source(text)):
            ctx = _ctx(n, s)
            mine = _hits(hygiene.half_width_punctuation(ctx))
            assert mine == _hits(_reference_half_width_punctuation(ctx))
            found += len(mine)
    assert found


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["来源:", "时间: ", "(一)", "1)", "http://a.cn/x,y", "www.a.cn",
                                 ",", ";", ":", "?", "!", "(", ")", " ", "\t", "中", "文", "。",
                                 "a", "1", "\n", "\n\n", "\u3000", "“", "”"]), max_size=30))
def test_half_width_punctuation_as_before_on_generated_text(parts):
    from rectify_rules.checks import hygiene

    notice, src = parse_source("".join(parts))
    ctx = _ctx(notice, src)
    assert _hits(hygiene.half_width_punctuation(ctx)) == _hits(_reference_half_width_punctuation(ctx))


# ---- TRM002: the suffix length filed by a run's last MIN_LEN characters ----------------------

def test_the_word_found_at_a_name_end_is_the_longest_that_ends_it():
    """What organisation_name_variants relies on to file suffix lengths by a run's last
    characters: where a word of _SUFFIXES ends a longer one (工委, 党工委), no word ends with
    a beginning of what the longer one has more (党), so the scan, at the longer word's first
    character, is never inside a match and finds the longer word there."""
    from rectify_rules.checks import terms

    words = terms._SUFFIXES
    assert all(len(w) < terms.MIN_LEN for w in words)
    for longer in words:
        for shorter in words:
            if longer == shorter or not longer.endswith(shorter):
                continue
            extra = longer[:-len(shorter)]
            inside = [u for u in words for j in range(1, len(extra) + 1)
                      if u.endswith(extra[:j]) and len(u) > j]
            assert not inside, (longer, shorter, inside)


def test_suffix_length_is_that_of_the_longest_word_ending_the_run(parsed):
    from rectify_rules.checks import terms

    seen = set()
    for _, src in parsed:
        text = src.norm + "".join(f"，{x}{w}" for x in ("党", "纪", "县", "管") for w in terms._SUFFIXES)
        for _, _, slen, run in terms._runs(text):
            longest = max(len(w) for w in terms._SUFFIXES if run.endswith(w))
            assert slen == longest, run
            seen.add(run[-slen:])
    assert {"党工委", "工委", "纪工委", "局"} <= seen


# ---- DAT006: garbled dates looked for where "19" / "20" and the digits after it allow one ----

def test_garbled_dates_found_as_before_on_notices(parsed):
    from rectify_rules.checks import date_text

    found = 0
    rng = random.Random(6)
    for _, src in parsed:
        # and the text with some 年 / 月 of its dates dropped: garbled dates in every context
        text = "".join(ch for ch in src.norm if ch not in "年月" or rng.random() > 0.3)
        for norm in (src.norm, text):
            mine = [m.span() for m in date_text._garbled(norm)]
            assert mine == [m.span() for m in date_text._GARBLED.finditer(norm)]
            found += len(mine)
    assert found


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="1290.年月日 a", max_size=24))
def test_garbled_dates_found_as_before_on_generated_text(norm):
    from rectify_rules.checks import date_text

    assert ([m.span() for m in date_text._garbled(norm)]
            == [m.span() for m in date_text._GARBLED.finditer(norm)])
