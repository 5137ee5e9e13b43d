"""What the tests of rewritten check code (tests/test_fast_*.py) share: the notices they compare
the fast and the plain forms on, and a check's hits as comparable tuples.

Imported by the test modules (pytest puts this folder on ``sys.path``), not collected itself.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from rectify_rules.checks import CheckContext
from rectify_rules.parsing import parse_source

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_cli import vary  # noqa: E402

#: the seeds and the variant notices
PATHS = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "variants").glob("*.txt"))


def parsed_notices(seed: int) -> list:
    """(notice, source) of the seeds, the variants and 12 notices generated from the seeds as
    the benchmark makes them (other numbers, years and place names; *seed* picks which)."""
    texts = [p.read_text(encoding="utf-8") for p in PATHS]
    rng = random.Random(seed)
    texts += [vary(texts[i % 5], rng) for i in range(12)]
    return [parse_source(t) for t in texts]


def ctx(notice, src) -> CheckContext:
    return CheckContext(notice, src, dt.date(2024, 1, 1), {})


def hits(found) -> list:
    return [(h.span, h.values, h.related, h.fix, h.variant, h.redact) for h in found]
