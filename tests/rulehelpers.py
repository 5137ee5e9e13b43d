"""What the rule tests share: the seeds, one rule run alone, the hand-positioned fixtures.

Imported by the test modules (pytest puts this folder on ``sys.path``), not collected itself.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

import pytest

from rectify_rules.engine import RulePack, check, load_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "rules"
#: the five seed notices by their number: "000" … "004"
SEEDS = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}


@lru_cache(maxsize=None)
def single_pack(code: str) -> RulePack:
    """A pack holding only the built-in rule *code*."""
    rule = load_rules().get(code)
    assert rule is not None, code
    return RulePack((rule,))


def found(text: str, code: str, **kw) -> list:
    """The findings of rule *code* alone on *text* (keywords go to :func:`check`)."""
    return [f for f in check(text, rules=single_pack(code), **kw) if f.code == code]


def fixture_cases(codes) -> list:
    """One pytest param per ``[[case]]`` of ``tests/fixtures/rules/<code>.toml``."""
    out = []
    for code in codes:
        data = tomllib.loads((FIXTURES / f"{code}.toml").read_text(encoding="utf-8"))
        out += [pytest.param(code, case, id=f"{code}-{i}") for i, case in enumerate(data["case"])]
    return out


def fixture_positions(code: str, case: dict) -> tuple[list, list]:
    """(positions found, positions the case expects), each (line, column, end line, end column)."""
    got = [(f.location.row, f.location.column, f.end_location.row, f.end_location.column)
           for f in found(case["text"], code)]
    want = [(e["line"], e["column"], e["end_line"], e["end_column"]) for e in case["expect"]]
    return got, want


def assert_problem_tree(notice, pr: dict) -> list[str]:
    """Compare the problem tree of *notice* with a hand-written ``[problems]`` table (groups,
    items, leaves, per-status counts); return the deadlines of the ongoing leaves (ISO dates)."""
    assert len(notice.problems) == pr["groups"]
    if "items" in pr:
        assert sum(len(g.children) for g in notice.problems) == pr["items"]
    leaves = notice.leaves()
    assert len(leaves) == pr["leaves"]
    for status in ("completed", "ongoing"):
        if status in pr:
            assert sum(1 for x in leaves if x.status == status) == pr[status], status
    return [x.deadline.latest.isoformat() for x in leaves
            if x.status == "ongoing" and x.deadline is not None]
