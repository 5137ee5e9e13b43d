"""Parser and check code rewritten for CPU time gives what the code it replaced gave (see
tests/test_fast_paths.py). Each reference below is the replaced code, kept as it was; both run
on the seeds, the variant notices, notices generated from the seeds as the benchmark makes them
(other numbers, years and place names) and generated text."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.parsing import counts

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_cli import vary  # noqa: E402

PATHS = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "variants").glob("*.txt"))


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in PATHS]
    rng = random.Random(7)
    out += [vary(out[i % 5], rng) for i in range(10)]
    return out


# ---- counts.Clauses: the trimmed sentences (all of them: every one holds a non-blank) ------------

def _reference_sentences(norm: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for sep in [*[m.start() for m in re.finditer(r"[。!?！？\n]", norm)], len(norm)]:
        seg = norm[start:sep]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            out.append((start + lead, start + len(seg.rstrip())))
        start = sep + 1
    return out


def _sentences(norm: str) -> list[tuple[int, int]]:
    return list(counts.Clauses(norm).sentences_with(re.compile(r"[^\s。!?！？\n]")))


def test_sentences_as_before_on_notices(texts):
    from rectify_rules.text import normalise

    for text in texts:
        norm = normalise(text)
        assert _sentences(norm) == _reference_sentences(norm)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="整改。!?！？\n \t\u3000\xa0,", max_size=30))
def test_sentences_as_before_on_generated_text(norm):
    assert _sentences(norm) == _reference_sentences(norm)
