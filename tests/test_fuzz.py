"""Fuzzing that stays (issue #13): mutated seeds and variants never break the checker.

Each example takes a seed or variant notice (whole, or a window of it: most mutations need
no more than a few paragraphs around them, and windows keep a few thousand examples within
the suite's time), applies mutations of tests/fuzzing.py and asserts the invariants of
``check_invariants``: reading refuses bad bytes with one line, parse() and check() never
raise, every span lies inside the text and every quoted text is ``original[start:end]``.
About 2 000 examples per run; benchmarks/fuzz.py is the long run (≥ 100 000).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import MUTATIONS, check_invariants, corpus
from rectify_rules.engine import load_rules

TEXTS = corpus()
PACK = load_rules()
PER_KIND = settings(max_examples=140, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MIXED = settings(max_examples=250, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def base_texts(draw) -> str:
    text = TEXTS[draw(st.integers(0, len(TEXTS) - 1))]
    if draw(st.integers(0, 4)) == 0:
        return text
    start = draw(st.integers(0, max(0, len(text) - 500)))
    return text[start:start + draw(st.integers(200, 4000))]


def _apply(kind: str, text: str, rnd, times: int) -> None:
    source: str | bytes = text
    for _ in range(times):
        source = MUTATIONS[kind](source, rnd)
        if isinstance(source, bytes):
            break
    check_invariants(source, PACK)


@pytest.mark.parametrize("kind", sorted(set(MUTATIONS) - {"huge_line"}))
@PER_KIND
@given(text=base_texts(), rnd=st.randoms(use_true_random=False), times=st.integers(1, 3))
def test_one_kind_of_mutation_never_breaks_the_checker(kind, text, rnd, times):
    _apply(kind, text, rnd, times)


@settings(PER_KIND, max_examples=30)  # up to 60 000 characters each: fewer (and
@given(text=base_texts(), rnd=st.randoms(use_true_random=False))  # test_regex_growth times them)
def test_huge_lines_never_break_the_checker(text, rnd):
    _apply("huge_line", text, rnd, 1)


@MIXED
@given(base_texts(), st.randoms(use_true_random=False),
       st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=2, max_size=5))
def test_mixed_mutations_never_break_the_checker(text, rnd, kinds):
    source: str | bytes = text
    for kind in kinds:
        if isinstance(source, bytes):
            break
        source = MUTATIONS[kind](source, rnd)
    check_invariants(source, PACK)
