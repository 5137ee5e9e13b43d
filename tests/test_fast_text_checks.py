"""Text checks of the rule side rewritten for CPU time (issue 12, round 5) give what the code
they replaced gave. Each reference below is the replaced code, kept as it was; both run on the
seeds, the variant notices, notices generated from the seeds as the benchmark makes them (other
numbers, years and place names) and generated text."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.checks import CheckContext
from rectify_rules.parsing import parse_source

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_cli import vary  # noqa: E402

PATHS = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "variants").glob("*.txt"))


@pytest.fixture(scope="module")
def parsed() -> list:
    texts = [p.read_text(encoding="utf-8") for p in PATHS]
    rng = random.Random(5)
    texts += [vary(texts[i % 5], rng) for i in range(12)]
    return [parse_source(t) for t in texts]


def _ctx(notice, src) -> CheckContext:
    import datetime as dt

    return CheckContext(notice, src, dt.date(2024, 1, 1), {})


def _hits(hits) -> list:
    return [(h.span, h.values, h.related, h.fix, h.variant, h.redact) for h in hits]


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
